/* pbw_text.c - the protobuf text format encoding of the protobuf writer
 * (pbw.h): what textproto.h's writer prints of the same message, and so what
 * `protoc --decode` prints of its binary encoding. Fields one a line, "name: "
 * and the value or "name {" and the message indented two spaces more, strings
 * C-escaped (ftl_tp_escape), enums by name, bools only when true. */
#include "proto/pbw.h"
#include "proto/textproto.h"

#include <string.h>

/* "<indent>name {\n" or "<indent>name: " (head, headlen bytes), with room for
 * extra bytes more; returns where they go. */
static char *tx_head(Pbw *w, const char *head, size_t headlen, size_t extra)
{
    char *o = pbw_spaces(pbw_room(w, w->indent + PBW_HEAD + extra), w->indent);
    memcpy(o, head, PBW_HEAD);
    return o + headlen;
}

static void tx_open(Pbw *w, const PbwField *f)
{
    char *o = tx_head(w, f->open, f->openlen, 0);
    w->out->len = (size_t)(o - w->out->data);
    w->indent += 2;
}

static void tx_close(Pbw *w, const PbwField *f)
{
    (void)f;
    w->indent -= 2;
    char *o = pbw_spaces(pbw_room(w, w->indent + 2), w->indent);
    memcpy(o, "}\n", 2);
    w->out->len = (size_t)(o + 2 - w->out->data);
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
    char *o = tx_head(w, f->value, f->valuelen, 4 * n + 3);
    *o++ = '"';
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
    char *o = tx_head(w, f->value, f->valuelen, wn + 22);
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

const PbwOps ftl_pbw_text = {0, tx_open, tx_close, tx_list, tx_list, tx_str, tx_scalar, NULL};
