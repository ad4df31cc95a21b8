/* pbw_text.c - the protobuf text format encoding of the protobuf writer
 * (pbw.h): what textproto.h's writer prints of the same message, and so what
 * `protoc --decode` prints of its binary encoding. Fields one a line, "name: "
 * and the value or "name {" and the message indented two spaces more, strings
 * C-escaped (ftl_tp_escape), enums by name, bools only when true. */
#include "proto/pbw.h"
#include "proto/textproto.h"

#include <string.h>

/* "<indent>name" and tail, with room for extra bytes more; returns where they go. */
static char *tx_head(Pbw *w, const PbwField *f, const char *tail, size_t tn, size_t extra)
{
    size_t ind = w->indent;
    char *o = pbw_room(w, ind + f->namelen + tn + extra);
    memset(o, ' ', ind);
    memcpy(o + ind, f->name, f->namelen);
    memcpy(o + ind + f->namelen, tail, tn);
    return o + ind + f->namelen + tn;
}

static void tx_open(Pbw *w, const PbwField *f)
{
    char *o = tx_head(w, f, " {\n", 3, 0);
    w->out->len = (size_t)(o - w->out->data);
    w->indent += 2;
}

static void tx_close(Pbw *w, const PbwField *f)
{
    (void)f;
    w->indent -= 2;
    char *o = pbw_room(w, w->indent + 2);
    memset(o, ' ', w->indent);
    memcpy(o + w->indent, "}\n", 2);
    w->out->len += w->indent + 2;
}

/* Values of a repeated field are fields like any other. */
static void tx_list(Pbw *w, const PbwField *f)
{
    (void)w;
    (void)f;
}

static void tx_str(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    if (n > (SIZE_MAX - 64) / 4) ftl_oom();
    char *o = tx_head(w, f, ": \"", 3, 4 * n + 2);
    o += ftl_tp_escape(o, (const uint8_t *)p, n);
    memcpy(o, "\"\n", 2);
    w->out->len = (size_t)(o + 2 - w->out->data);
}

static void tx_scalar(Pbw *w, const PbwField *f, int64_t v)
{
    const char *word = NULL;
    if (f->type == PROTOBUF_C_TYPE_BOOL) {
        word = "true";
    } else if (f->type == PROTOBUF_C_TYPE_ENUM) {
        const ProtobufCEnumValue *ev = protobuf_c_enum_descriptor_get_value(f->ed, (int)v);
        if (ev) word = ev->name;
    }
    size_t wn = word ? strlen(word) : 0;
    char *o = tx_head(w, f, ": ", 2, wn + 22);
    if (word) {
        memcpy(o, word, wn);
        o += wn;
    } else {
        if (v < 0) *o++ = '-';
        o += pbw_decimal(o, v < 0 ? 0 - (uint64_t)v : (uint64_t)v);
    }
    *o++ = '\n';
    w->out->len = (size_t)(o - w->out->data);
}

const PbwOps ftl_pbw_text = {tx_open, tx_close, tx_list, tx_list, tx_str, tx_scalar, NULL};
