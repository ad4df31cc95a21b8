/* textproto_write.c - the protobuf text format writer for any protobuf-c message.
 *
 * The writer's reference is `protoc --decode` (protobuf 3.21): see textproto.h.
 * What it prints of a field follows from "the same message" meaning "the bytes
 * protobuf_c_message_pack() makes of it" (pbfield.c): a proto3 field without
 * presence is printed iff protobuf-c packs it, a oneof string or message
 * member equal to NULL or to its default pointer is not printed. Map fields
 * are printed as protoc prints them: entries stably sorted by key, key and value
 * always shown. Unknown fields that protobuf-c kept are printed after the known
 * ones, by number, exactly as protoc prints an UnknownFieldSet.
 */
#include "proto/textproto.h"

#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* protoc prints unknown length-delimited fields as nested messages at most 10 deep. */
#define TP_UNKNOWN_BUDGET 10

#define TP_CAT(m, off) ((const void *)((const char *)(m) + (off)))

static void tp_put_quoted(FtlBuf *b, const uint8_t *s, size_t n)
{
    if (n > (SIZE_MAX - 2) / 4) {
        b->failed = 1; /* a soft buffer: the writer reports it */
        return;
    }
    if (ftl_buf_room(b, 4 * n + 2) < 0) return;
    char *o = b->data + b->len;
    *o++ = '"';
    o += ftl_tp_escape(o, s, n);
    *o++ = '"';
    *o = '\0';
    b->len = (size_t)(o - b->data);
}

static void tp_put_enum(FtlBuf *b, const ProtobufCEnumDescriptor *ed, int value)
{
    const ProtobufCEnumValue *v = ed ? protobuf_c_enum_descriptor_get_value(ed, value) : NULL;
    if (v) {
        ftl_buf_puts(b, v->name);
    } else {
        char num[16];
        snprintf(num, sizeof num, "%d", value);
        ftl_buf_puts(b, num);
    }
}

/* Writes a non-message value as protoc's text printer does. */
static void tp_put_scalar(FtlBuf *b, const ProtobufCFieldDescriptor *f, const void *p)
{
    char num[32];
    if (ftl_tp_format_int(f, p, 0, num)) {
        ftl_buf_puts(b, num);
        return;
    }
    switch (f->type) {
    case PROTOBUF_C_TYPE_FLOAT: ftl_tp_format_float(*(const float *)p, num); break;
    case PROTOBUF_C_TYPE_DOUBLE: ftl_tp_format_double(*(const double *)p, num); break;
    case PROTOBUF_C_TYPE_ENUM: tp_put_enum(b, f->descriptor, *(const int32_t *)p); return;
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        if (!s) s = "";
        tp_put_quoted(b, (const uint8_t *)s, strlen(s));
        return;
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *bd = p;
        tp_put_quoted(b, bd->data, bd->data ? bd->len : 0);
        return;
    }
    case PROTOBUF_C_TYPE_MESSAGE: return;
    default: break; /* the integers and bool, above */
    }
    ftl_buf_puts(b, num);
}

static void tp_write_message(FtlBuf *b, const ProtobufCMessage *m, size_t depth);

/* Writes one value of field f; a map entry always shows its key and value. */
/* "<indent>name: " or "<indent>name {\n", reserved and written in one go (the
 * writer's most frequent output). */
static void tp_put_field_head(FtlBuf *b, size_t depth, const char *name, int message)
{
    size_t indent = 2 * depth, n = strlen(name), tail = message ? 3 : 2;
    if (ftl_buf_room(b, indent + n + tail) < 0) return; /* depth <= FTL_TP_MAX_DEPTH */
    char *w = b->data + b->len;
    memset(w, ' ', indent);
    memcpy(w + indent, name, n);
    memcpy(w + indent + n, message ? " {\n" : ": ", tail);
    b->len += indent + n + tail;
}

static void tp_write_value(FtlBuf *b, const ProtobufCFieldDescriptor *f, const void *p,
                           size_t depth, int map_entry)
{
    tp_put_field_head(b, depth, f->name, f->type == PROTOBUF_C_TYPE_MESSAGE);
    if (f->type != PROTOBUF_C_TYPE_MESSAGE) {
        tp_put_scalar(b, f, p);
        ftl_buf_putc(b, '\n');
        return;
    }
    const ProtobufCMessage *sub = *(ProtobufCMessage *const *)p;
    if (sub && map_entry) {
        /* Key and value are always shown, as their packed form reads back: a scalar
         * protobuf-c does not pack (-0.0 among them) as its zero value. */
        const ProtobufCMessageDescriptor *e = sub->descriptor;
        for (unsigned i = 0; i < e->n_fields; i++) {
            const ProtobufCFieldDescriptor *ef = &e->fields[i];
            tp_write_value(b, ef, ftl_tp_packed_value(ef, TP_CAT(sub, ef->offset)), depth + 1, 0);
        }
    } else if (sub) {
        tp_write_message(b, sub, depth + 1);
    }
    ftl_buf_spaces(b, 2 * depth);
    ftl_buf_puts(b, "}\n");
}

static void tp_write_repeated(FtlBuf *b, const ProtobufCMessage *m,
                              const ProtobufCFieldDescriptor *f, size_t depth)
{
    size_t n = ftl_tp_value_count(m, f);
    if (n == 0) return;
    if (!ftl_tp_is_map(f)) {
        for (size_t i = 0; i < n; i++)
            tp_write_value(b, f, ftl_tp_value_at(m, f, i), depth, 0);
        return;
    }
    size_t *order = ftl_tp_map_order(m, f);
    if (!order) {
        b->failed = 1;
        return;
    }
    for (size_t i = 0; i < n; i++)
        tp_write_value(b, f, ftl_tp_value_at(m, f, order[i]), depth, 1);
    free(order);
}

/* ---- Unknown fields ---- */

static int tp_read_varint(const uint8_t **pp, const uint8_t *end, uint64_t *v)
{
    const uint8_t *p = *pp;
    uint64_t r = 0;
    for (int shift = 0; shift < 70; shift += 7) {
        if (p >= end) return 0;
        uint8_t c = *p++;
        if (shift < 64) r |= (uint64_t)(c & 0x7f) << shift;
        if (!(c & 0x80)) {
            *pp = p;
            *v = r;
            return 1;
        }
    }
    return 0; /* more than ten bytes */
}

static uint64_t tp_read_le(const uint8_t *p, int n)
{
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; i--)
        v = (v << 8) | p[i];
    return v;
}

/* Checks bytes as protoc's UnknownFieldSet parser would: returns the end of the field
 * set (just after the END_GROUP of `group` when group != 0), or NULL when invalid.
 * Groups may nest `limit` deep. */
static const uint8_t *tp_ufs_scan(const uint8_t *p, const uint8_t *end, uint32_t group, int limit)
{
    while (p < end) {
        uint64_t tag, v;
        if (!tp_read_varint(&p, end, &tag) || tag > UINT32_MAX || (tag >> 3) == 0) return NULL;
        uint32_t num = (uint32_t)(tag >> 3);
        switch (tag & 7) {
        case 0:
            if (!tp_read_varint(&p, end, &v)) return NULL;
            break;
        case 1:
            if (end - p < 8) return NULL;
            p += 8;
            break;
        case 2:
            if (!tp_read_varint(&p, end, &v) || v > (uint64_t)(end - p)) return NULL;
            p += v;
            break;
        case 3:
            if (limit <= 0 || !(p = tp_ufs_scan(p, end, num, limit - 1))) return NULL;
            break;
        case 4: return group != 0 && num == group ? p : NULL;
        case 5:
            if (end - p < 4) return NULL;
            p += 4;
            break;
        default: return NULL;
        }
    }
    return group ? NULL : p;
}

static void tp_write_ufs(FtlBuf *b, const uint8_t *p, const uint8_t *end, size_t depth, int budget);

/* A length-delimited unknown field: a nested message if it parses as one, else a string. */
static void tp_write_delimited(FtlBuf *b, const uint8_t *p, size_t n, size_t depth, int budget)
{
    if (n > 0 && budget > 0 && tp_ufs_scan(p, p + n, 0, budget)) {
        ftl_buf_puts(b, " {\n");
        tp_write_ufs(b, p, p + n, depth + 1, budget - 1);
        ftl_buf_spaces(b, 2 * depth);
        ftl_buf_puts(b, "}\n");
    } else {
        ftl_buf_puts(b, ": ");
        tp_put_quoted(b, p, n);
        ftl_buf_putc(b, '\n');
    }
}

static void tp_put_fixed(FtlBuf *b, uint64_t v, int digits)
{
    char num[32];
    snprintf(num, sizeof num, ": 0x%0*" PRIx64 "\n", digits, v);
    ftl_buf_puts(b, num);
}

/* Prints an encoded field set already validated by tp_ufs_scan; stops at END_GROUP. */
static void tp_write_ufs(FtlBuf *b, const uint8_t *p, const uint8_t *end, size_t depth, int budget)
{
    char num[32];
    while (p < end) {
        uint64_t tag = 0, v = 0;
        tp_read_varint(&p, end, &tag);
        uint32_t fnum = (uint32_t)(tag >> 3);
        if ((tag & 7) == 4) return;
        ftl_buf_spaces(b, 2 * depth);
        snprintf(num, sizeof num, "%" PRIu32, fnum);
        ftl_buf_puts(b, num);
        switch (tag & 7) {
        case 0:
            tp_read_varint(&p, end, &v);
            snprintf(num, sizeof num, ": %" PRIu64 "\n", v);
            ftl_buf_puts(b, num);
            break;
        case 1:
            tp_put_fixed(b, tp_read_le(p, 8), 16);
            p += 8;
            break;
        case 5:
            tp_put_fixed(b, tp_read_le(p, 4), 8);
            p += 4;
            break;
        case 2:
            tp_read_varint(&p, end, &v);
            tp_write_delimited(b, p, (size_t)v, depth, budget);
            p += v;
            break;
        case 3: {
            const uint8_t *q = tp_ufs_scan(p, end, fnum, INT_MAX);
            ftl_buf_puts(b, " {\n");
            tp_write_ufs(b, p, q, depth + 1, budget - 1);
            ftl_buf_spaces(b, 2 * depth);
            ftl_buf_puts(b, "}\n");
            p = q;
            break;
        }
        }
    }
}

/* The unknown fields protobuf-c kept: data holds the bytes after the tag (for
 * length-delimited fields, including the length). */
static void tp_write_unknown(FtlBuf *b, const ProtobufCMessage *m, size_t depth)
{
    char num[32];
    for (unsigned i = 0; i < m->n_unknown_fields; i++) {
        const ProtobufCMessageUnknownField *u = &m->unknown_fields[i];
        const uint8_t *p = u->data, *end = u->data + u->len;
        uint64_t v = 0;
        ftl_buf_spaces(b, 2 * depth);
        snprintf(num, sizeof num, "%" PRIu32, u->tag);
        ftl_buf_puts(b, num);
        switch (u->wire_type) {
        case PROTOBUF_C_WIRE_TYPE_VARINT:
            tp_read_varint(&p, end, &v);
            snprintf(num, sizeof num, ": %" PRIu64 "\n", v);
            ftl_buf_puts(b, num);
            break;
        case PROTOBUF_C_WIRE_TYPE_64BIT:
            tp_put_fixed(b, u->len >= 8 ? tp_read_le(p, 8) : 0, 16);
            break;
        case PROTOBUF_C_WIRE_TYPE_32BIT:
            tp_put_fixed(b, u->len >= 4 ? tp_read_le(p, 4) : 0, 8);
            break;
        case PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED:
            if (!tp_read_varint(&p, end, &v) || v > (uint64_t)(end - p)) v = 0;
            tp_write_delimited(b, p, (size_t)v, depth, TP_UNKNOWN_BUDGET);
            break;
        default: ftl_buf_puts(b, ": 0\n"); break; /* protobuf-c keeps no other wire types */
        }
    }
}

static void tp_write_message(FtlBuf *b, const ProtobufCMessage *m, size_t depth)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields && !b->failed; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->label == PROTOBUF_C_LABEL_REPEATED)
            tp_write_repeated(b, m, f, depth);
        else if (ftl_tp_has_field(m, f))
            tp_write_value(b, f, TP_CAT(m, f->offset), depth, 0);
    }
    tp_write_unknown(b, m, depth);
}

char *ftl_tp_format(const ProtobufCMessage *msg, size_t *len)
{
    FtlBuf b;
    ftl_buf_init_soft(&b);
    tp_write_message(&b, msg, 0);
    return ftl_buf_finish(&b, len);
}
