/* pbw_json.c - the proto3 JSON encoding of the protobuf writer (pbw.h): what
 * protojson.h's writer prints of the same message. Members in field-number
 * order under their json_name, two spaces of indentation a level, 64-bit
 * integers as strings, enums by name, repeated fields as arrays, an empty
 * message as {}, a final newline.
 *
 * A message's "{" is written with its first member (an empty one is "{}"),
 * so nothing written is ever taken back; frames count their values. */
#include "proto/pbw.h"
#include "proto/protojson.h"

#include <stdio.h>
#include <string.h>

/* Starts a value written in frame parent (at depth d): the separator, the
 * indentation and, in a message, the member's name; extra bytes more room. */
static char *js_start(Pbw *w, const PbwField *f, const PbwFrame *parent, size_t d, size_t extra)
{
    size_t ind = 2 * (d + 1);
    char *o = pbw_room(w, 2 + ind + PBW_HEAD + extra);
    o[0] = parent->count ? ',' : parent->list ? '[' : '{';
    o[1] = '\n';
    o = pbw_spaces(o + 2, ind);
    if (parent->list) return o;
    memcpy(o, f->key, PBW_HEAD);
    return o + f->keylen;
}

/* A message or a repeated field begins: its frame is at w->depth. */
static void js_open(Pbw *w, const PbwField *f)
{
    char *o = js_start(w, f, &w->frames[w->depth - 1], w->depth - 1, 0);
    w->out->len = (size_t)(o - w->out->data);
}

/* "}" or "]" at the indentation of the frame's first line; {} when empty. */
static void js_end(Pbw *w, char bracket)
{
    const PbwFrame *fr = pbw_top(w);
    size_t ind = 2 * w->depth;
    char *o = pbw_room(w, ind + 2);
    if (!fr->count) {
        memcpy(o, "{}", 2); /* a repeated field is never empty here */
        w->out->len += 2;
        return;
    }
    *o++ = '\n';
    o = pbw_spaces(o, ind);
    *o++ = bracket;
    w->out->len = (size_t)(o - w->out->data);
}

static void js_close(Pbw *w, const PbwField *f)
{
    (void)f;
    js_end(w, '}');
}

static void js_list_close(Pbw *w, const PbwField *f)
{
    (void)f;
    js_end(w, ']');
}

static void js_str(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    if (n > (SIZE_MAX - 64) / 6) ftl_oom();
    char *o = js_start(w, f, pbw_top(w), w->depth, 6 * n + 2);
    size_t bad, len = ftl_pj_escape(o + 1, p, n, &bad);
    if (len == SIZE_MAX) {
        char msg[64];
        snprintf(msg, sizeof msg, "string is not valid UTF-8 (byte 0x%02x)", (unsigned char)p[bad]);
        ftl_pbw_fail(w, f, msg);
        return;
    }
    o[0] = '"';
    o[len + 1] = '"';
    w->out->len = (size_t)(o + len + 2 - w->out->data);
}

static void js_scalar(Pbw *w, const PbwField *f, int64_t v)
{
    const ProtobufCEnumValue *ev = f->type == PROTOBUF_C_TYPE_ENUM
                                       ? protobuf_c_enum_descriptor_get_value(f->ed, (int)v)
                                       : NULL;
    size_t en = ev ? strlen(ev->name) : 0;
    char *o = js_start(w, f, pbw_top(w), w->depth, en + 24);
    if (f->type == PROTOBUF_C_TYPE_BOOL) {
        memcpy(o, "true", 4);
        o += 4;
    } else if (ev) { /* enum names need no escapes */
        *o++ = '"';
        memcpy(o, ev->name, en);
        o += en;
        *o++ = '"';
    } else {
        int quoted = f->type != PROTOBUF_C_TYPE_ENUM; /* 64-bit integers are JSON strings */
        if (quoted) *o++ = '"';
        if (v < 0) *o++ = '-';
        o += pbw_decimal(o, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
        if (quoted) *o++ = '"';
    }
    w->out->len = (size_t)(o - w->out->data);
}

/* The root message ends, and the document with a newline. */
static void js_finish(Pbw *w)
{
    js_end(w, '}');
    char *o = pbw_room(w, 1);
    *o = '\n';
    w->out->len++;
}

const PbwOps ftl_pbw_json = {1,      js_open,   js_close, js_open, js_list_close,
                             js_str, js_scalar, js_finish};
