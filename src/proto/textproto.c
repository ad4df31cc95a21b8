/* textproto.c - protobuf text format writer and reader for any protobuf-c message.
 *
 * The writer's reference is `protoc --decode` (protobuf 3.21): see textproto.h.
 * Two choices follow from "the same message" meaning "the bytes
 * protobuf_c_message_pack() makes of it":
 *   - a proto3 field without presence is printed iff protobuf-c packs it, i.e. iff
 *     it is non-zero (so -0.0 is not printed: protobuf-c 1.4 compares with 0);
 *   - a oneof string or message member equal to NULL or to the field's default
 *     pointer is not packed by protobuf-c, so it is not printed either.
 * Map fields are printed as protoc prints them: entries stably sorted by key, key
 * and value always shown. Unknown fields that protobuf-c kept are printed after the
 * known ones, by number, exactly as protoc prints an UnknownFieldSet.
 *
 * The reader accepts the text format language as protobuf's TextFormat::Parser does:
 * `#` comments; `name: value`; an optional `:` before a message value; `{...}` or
 * `<...>`; `[a, b]` lists for repeated fields; fields in any order; an optional `,`
 * or `;` after each field; adjacent string literals concatenated, in single or double
 * quotes, with simple, octal, `\x`, `\u` and `\U` escapes; decimal, hex and octal
 * integers with an optional `-`; floats with exponents, a trailing `f`, `inf`,
 * `infinity` and `nan` in any case; `true/false/t/f/True/False` or 0/1 for bools;
 * enum values by name or number. Where it is stricter than protoc, on purpose:
 *   - a non-repeated field may appear only once (protoc lets a proto3 field holding
 *     its default be given again);
 *   - a string field may not contain a NUL byte (protobuf-c strings are C strings);
 *   - an escape must be valid: octal escapes up to \377, \U up to \U0010ffff, no
 *     unpaired surrogates (protoc keeps some invalid escapes literally);
 *   - extensions and expanded Any (`[name] ...`) are not supported.
 * Any number is accepted for an enum field (proto3 enums are open; protobuf-c keeps
 * no syntax, so proto2 enums are treated the same).
 *
 * Messages are built like protobuf_c_message_unpack() builds them: every message,
 * string, byte array and repeated array malloc'd separately and every message
 * initialised with its descriptor's message_init, so protobuf_c_message_free_unpacked
 * (msg, NULL) releases everything, also the partial tree left by an error.
 */
#include "proto/textproto.h"
#include "base/swar.h"
#include "base/utf8.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* protoc prints unknown length-delimited fields as nested messages at most 10 deep. */
#define TP_UNKNOWN_BUDGET 10

#define TP_AT(m, off) ((void *)((char *)(m) + (off)))
#define TP_CAT(m, off) ((const void *)((const char *)(m) + (off)))

/* ------------------------------------------------------------------------------------ */
/* Numbers                                                                              */

void ftl_tp_format_double(double v, char *out)
{
    if (isnan(v)) {
        strcpy(out, "nan");
    } else if (isinf(v)) {
        strcpy(out, v > 0 ? "inf" : "-inf");
    } else {
        snprintf(out, 32, "%.*g", DBL_DIG, v);
        if (strtod(out, NULL) != v) snprintf(out, 32, "%.*g", DBL_DIG + 2, v);
    }
}

void ftl_tp_format_float(float v, char *out)
{
    if (isnan(v)) {
        strcpy(out, "nan");
    } else if (isinf(v)) {
        strcpy(out, v > 0 ? "inf" : "-inf");
    } else {
        /* protobuf's safe_strtof also fails when strtof sets errno, which glibc does
         * for subnormal results: those always get nine digits. */
        int saved = errno;
        snprintf(out, 32, "%.*g", FLT_DIG, (double)v);
        errno = 0;
        if (strtof(out, NULL) != v || errno != 0) snprintf(out, 32, "%.*g", FLT_DIG + 3, (double)v);
        errno = saved;
    }
}

/* ------------------------------------------------------------------------------------ */
/* Field access                                                                         */

/* The size of one value of type t in a protobuf-c struct or repeated array. */
static size_t tp_elem_size(ProtobufCType t)
{
    switch (t) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
    case PROTOBUF_C_TYPE_ENUM: return 4;
    case PROTOBUF_C_TYPE_FLOAT: return sizeof(float);
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: return 8;
    case PROTOBUF_C_TYPE_DOUBLE: return sizeof(double);
    case PROTOBUF_C_TYPE_BOOL: return sizeof(protobuf_c_boolean);
    case PROTOBUF_C_TYPE_STRING: return sizeof(char *);
    case PROTOBUF_C_TYPE_BYTES: return sizeof(ProtobufCBinaryData);
    case PROTOBUF_C_TYPE_MESSAGE: return sizeof(ProtobufCMessage *);
    }
    return 0;
}

static int tp_is_pointer_type(ProtobufCType t)
{
    return t == PROTOBUF_C_TYPE_STRING || t == PROTOBUF_C_TYPE_MESSAGE;
}

/* The zero value of any scalar field (also a NULL string, empty bytes). */
static const uint64_t tp_zero[2] = {0, 0};

/* protobuf-c 1.4's test for "do not pack this proto3 field". */
static int tp_is_zero(const ProtobufCFieldDescriptor *f, const void *p)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM: return *(const int32_t *)p == 0;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: return *(const uint32_t *)p == 0;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64: return *(const int64_t *)p == 0;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: return *(const uint64_t *)p == 0;
    case PROTOBUF_C_TYPE_FLOAT: return *(const float *)p == 0;
    case PROTOBUF_C_TYPE_DOUBLE: return *(const double *)p == 0;
    case PROTOBUF_C_TYPE_BOOL: return *(const protobuf_c_boolean *)p == 0;
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        return s == NULL || s[0] == '\0';
    }
    case PROTOBUF_C_TYPE_BYTES: return ((const ProtobufCBinaryData *)p)->len == 0;
    case PROTOBUF_C_TYPE_MESSAGE: return *(ProtobufCMessage *const *)p == NULL;
    }
    return 1;
}

int ftl_tp_has_field(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    const void *p = TP_CAT(m, f->offset);
    const void *ptr = tp_is_pointer_type(f->type) ? *(void *const *)p : NULL;

    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return *(const size_t *)TP_CAT(m, f->quantifier_offset) > 0;
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        if (*(const uint32_t *)TP_CAT(m, f->quantifier_offset) != f->id) return 0;
        return !tp_is_pointer_type(f->type) || (ptr != NULL && ptr != f->default_value);
    }
    switch (f->label) {
    case PROTOBUF_C_LABEL_REQUIRED: return f->type != PROTOBUF_C_TYPE_MESSAGE || ptr != NULL;
    case PROTOBUF_C_LABEL_OPTIONAL:
        if (tp_is_pointer_type(f->type)) return ptr != NULL && ptr != f->default_value;
        return *(const protobuf_c_boolean *)TP_CAT(m, f->quantifier_offset) != 0;
    default: return !tp_is_zero(f, p);
    }
}

size_t ftl_tp_value_count(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return *(const size_t *)TP_CAT(m, f->quantifier_offset);
    return ftl_tp_has_field(m, f) ? 1 : 0;
}

const void *ftl_tp_value_at(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, size_t i)
{
    const void *p = TP_CAT(m, f->offset);
    if (f->label != PROTOBUF_C_LABEL_REPEATED) return p;
    return (const char *)*(void *const *)p + i * tp_elem_size(f->type);
}

const ProtobufCFieldDescriptor *ftl_tp_oneof_current(const ProtobufCMessage *m,
                                                     const ProtobufCFieldDescriptor *f)
{
    if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF)) return NULL;
    uint32_t which = *(const uint32_t *)TP_CAT(m, f->quantifier_offset);
    if (which == 0) return NULL;
    return protobuf_c_message_descriptor_get_field(m->descriptor, which);
}

/* Whether entry is protoc's name for the map entry of a field called field. */
static int tp_is_entry_name(const char *field, const char *entry)
{
    int cap = 1;
    for (; *field; field++) {
        char c = *field;
        if (c == '_') {
            cap = 1;
            continue;
        }
        if (cap && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        cap = 0;
        if (*entry++ != c) return 0;
    }
    return strcmp(entry, "Entry") == 0;
}

int ftl_tp_is_map(const ProtobufCFieldDescriptor *f)
{
    if (f->label != PROTOBUF_C_LABEL_REPEATED || f->type != PROTOBUF_C_TYPE_MESSAGE) return 0;
    const ProtobufCMessageDescriptor *e = f->descriptor;
    if (e == NULL || e->n_fields != 2) return 0;
    const ProtobufCFieldDescriptor *k = &e->fields[0], *v = &e->fields[1];
    if (k->id != 1 || v->id != 2 || strcmp(k->name, "key") != 0 || strcmp(v->name, "value") != 0)
        return 0;
    if (k->label == PROTOBUF_C_LABEL_REPEATED || v->label == PROTOBUF_C_LABEL_REPEATED) return 0;
    return tp_is_entry_name(f->name, e->short_name);
}

/* Three-way comparison of the keys of two map entries (NULL entries have default keys). */
static int tp_key_cmp(const ProtobufCFieldDescriptor *k, const ProtobufCMessage *a,
                      const ProtobufCMessage *b)
{
    const void *pa = a ? TP_CAT(a, k->offset) : (const void *)tp_zero;
    const void *pb = b ? TP_CAT(b, k->offset) : (const void *)tp_zero;
    switch (k->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
    case PROTOBUF_C_TYPE_ENUM: {
        int32_t x = *(const int32_t *)pa, y = *(const int32_t *)pb;
        return (x > y) - (x < y);
    }
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: {
        uint32_t x = *(const uint32_t *)pa, y = *(const uint32_t *)pb;
        return (x > y) - (x < y);
    }
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64: {
        int64_t x = *(const int64_t *)pa, y = *(const int64_t *)pb;
        return (x > y) - (x < y);
    }
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: {
        uint64_t x = *(const uint64_t *)pa, y = *(const uint64_t *)pb;
        return (x > y) - (x < y);
    }
    case PROTOBUF_C_TYPE_BOOL: {
        int x = *(const protobuf_c_boolean *)pa != 0, y = *(const protobuf_c_boolean *)pb != 0;
        return x - y;
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *x = *(char *const *)pa, *y = *(char *const *)pb;
        return strcmp(x ? x : "", y ? y : ""); /* compares as unsigned char, like std::string */
    }
    default: return 0; /* not a valid key type */
    }
}

typedef struct TpEntryRef {
    const ProtobufCFieldDescriptor *key;
    const ProtobufCMessage *entry;
    size_t index;
} TpEntryRef;

static int tp_entry_cmp(const void *x, const void *y)
{
    const TpEntryRef *a = x, *b = y;
    int c = tp_key_cmp(a->key, a->entry, b->entry);
    if (c) return c;
    return (a->index > b->index) - (a->index < b->index); /* stable, like std::stable_sort */
}

size_t *ftl_tp_map_order(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    size_t n = ftl_tp_value_count(m, f);
    if (n == 0 || n > SIZE_MAX / sizeof(TpEntryRef)) return NULL;
    const ProtobufCMessageDescriptor *e = f->descriptor;
    ProtobufCMessage *const *entries = *(ProtobufCMessage *const *const *)TP_CAT(m, f->offset);
    TpEntryRef *refs = malloc(n * sizeof *refs);
    size_t *order = malloc(n * sizeof *order);
    if (!refs || !order) {
        free(refs);
        free(order);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        refs[i] = (TpEntryRef){&e->fields[0], entries[i], i};
    qsort(refs, n, sizeof *refs, tp_entry_cmp);
    for (size_t i = 0; i < n; i++)
        order[i] = refs[i].index;
    free(refs);
    return order;
}

int ftl_tp_map_keys_equal(const ProtobufCMessage *a, const ProtobufCMessage *b)
{
    const ProtobufCMessageDescriptor *e = a ? a->descriptor : b ? b->descriptor : NULL;
    return e == NULL || tp_key_cmp(&e->fields[0], a, b) == 0;
}

const ProtobufCFieldDescriptor *ftl_tp_field_by_name(const ProtobufCMessageDescriptor *d,
                                                     const char *name, size_t len)
{
    /* fields_sorted_by_name holds indexes into fields[], sorted by strcmp order. */
    unsigned lo = 0, hi = d->n_fields;
    while (lo < hi) {
        unsigned mid = lo + (hi - lo) / 2;
        const ProtobufCFieldDescriptor *f = &d->fields[d->fields_sorted_by_name[mid]];
        int c = strncmp(f->name, name, len);
        if (c == 0 && f->name[len] != '\0') c = 1;
        if (c == 0) return memchr(name, '\0', len) ? NULL : f;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Writer                                                                               */

/* One byte of a string as protoc's text printer writes it (CEscape). */
static inline char *tp_escape_byte(char *o, uint8_t c)
{
    /* 0x20..0x7e but the quotes and the backslash: as it is */
    if ((uint8_t)(c - 0x20) < 0x5f && c != '"' && c != '\'' && c != '\\') {
        *o++ = (char)c;
        return o;
    }
    *o++ = '\\';
    switch (c) {
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    case '"':
    case '\'':
    case '\\': *o++ = (char)c; break;
    default:
        *o++ = (char)('0' + (c >> 6));
        *o++ = (char)('0' + ((c >> 3) & 7));
        *o++ = (char)('0' + (c & 7));
    }
    return o;
}

/* Eight bytes of which none needs an escape are copied whole (most text). */
size_t ftl_tp_escape(char *out, const uint8_t *s, size_t n)
{
    char *o = out;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = ftl_swar_load(s + i);
        if (ftl_swar_high(x) | ftl_swar_below(x, 0x20) | ftl_swar_has(x, 0x7f) |
            ftl_swar_has(x, '"') | ftl_swar_has(x, '\'') | ftl_swar_has(x, '\\')) {
            for (size_t k = 0; k < 8; k++)
                o = tp_escape_byte(o, s[i + k]);
        } else {
            memcpy(o, s + i, 8);
            o += 8;
        }
    }
    for (; i < n; i++)
        o = tp_escape_byte(o, s[i]);
    return (size_t)(o - out);
}

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

int ftl_tp_format_int(const ProtobufCFieldDescriptor *f, const void *p, int quote64, char *out)
{
    const char *q = quote64 ? "\"" : "";
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32: snprintf(out, 32, "%" PRId32, *(const int32_t *)p); return 1;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32: snprintf(out, 32, "%" PRIu32, *(const uint32_t *)p); return 1;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        snprintf(out, 32, "%s%" PRId64 "%s", q, *(const int64_t *)p, q);
        return 1;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64:
        snprintf(out, 32, "%s%" PRIu64 "%s", q, *(const uint64_t *)p, q);
        return 1;
    case PROTOBUF_C_TYPE_BOOL:
        strcpy(out, *(const protobuf_c_boolean *)p ? "true" : "false");
        return 1;
    default: return 0;
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
            const void *v = TP_CAT(sub, ef->offset);
            if (ef->type != PROTOBUF_C_TYPE_MESSAGE && tp_is_zero(ef, v)) v = tp_zero;
            tp_write_value(b, ef, v, depth + 1, 0);
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

/* ------------------------------------------------------------------------------------ */
/* Building messages                                                                    */

ProtobufCMessage *ftl_tp_message_new(const ProtobufCMessageDescriptor *d)
{
    ProtobufCMessage *m = malloc(d->sizeof_message);
    if (!m) return NULL;
    if (d->message_init) {
        d->message_init(m);
    } else {
        memset(m, 0, d->sizeof_message);
        m->descriptor = d;
    }
    return m;
}

/* Frees a value whose ownership was handed to ftl_tp_store. */
static void tp_release_value(const ProtobufCFieldDescriptor *f, const FtlTpValue *value)
{
    switch (f->type) {
    case PROTOBUF_C_TYPE_STRING: free(value->str); break;
    case PROTOBUF_C_TYPE_BYTES: free(value->bytes.data); break;
    case PROTOBUF_C_TYPE_MESSAGE: protobuf_c_message_free_unpacked(value->msg, NULL); break;
    default: break;
    }
}

/* Frees what singular field f of m owns (never a default) and resets it. */
static void tp_release_member(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    void *p = TP_AT(m, f->offset);
    if (tp_is_pointer_type(f->type)) {
        void *ptr = *(void **)p;
        if (ptr && ptr != f->default_value) {
            if (f->type == PROTOBUF_C_TYPE_STRING)
                free(ptr);
            else
                protobuf_c_message_free_unpacked(ptr, NULL);
        }
        *(void **)p = NULL;
    } else if (f->type == PROTOBUF_C_TYPE_BYTES) {
        ProtobufCBinaryData *bd = p;
        const ProtobufCBinaryData *def = f->default_value;
        if (bd->data && (!def || bd->data != def->data)) free(bd->data);
        bd->data = NULL;
        bd->len = 0;
    }
}

/* Grows a repeated array holding n elements to make room for one more. The readers
 * allocate capacities in powers of two from 4, so the capacity follows from n. */
static int tp_grow(void **arr, size_t n, size_t size)
{
    if (n != 0 && (n < 4 || (n & (n - 1)) != 0)) return 0;
    size_t cap = n ? 2 * n : 4;
    if (cap < n || cap > SIZE_MAX / size) return -1;
    void *p = realloc(*arr, cap * size);
    if (!p) return -1;
    *arr = p;
    return 0;
}

/* Puts value in field f (appended when repeated); -1 when out of memory, and then
 * neither m nor the value has changed. */
static int tp_place(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, const FtlTpValue *value)
{
    size_t size = tp_elem_size(f->type);
    void *member = TP_AT(m, f->offset);
    if (f->label == PROTOBUF_C_LABEL_REPEATED) {
        size_t *n = TP_AT(m, f->quantifier_offset);
        void **arr = member;
        if (tp_grow(arr, *n, size) < 0) return -1;
        memcpy((char *)*arr + *n * size, value, size);
        ++*n;
        return 0;
    }
    if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
        /* The union may hold another member: release that one, not f. */
        const ProtobufCFieldDescriptor *cur = ftl_tp_oneof_current(m, f);
        if (cur) tp_release_member(m, cur);
        memcpy(member, value, size);
        *(uint32_t *)TP_AT(m, f->quantifier_offset) = f->id;
        return 0;
    }
    tp_release_member(m, f);
    memcpy(member, value, size);
    if (f->label == PROTOBUF_C_LABEL_OPTIONAL && !tp_is_pointer_type(f->type))
        *(protobuf_c_boolean *)TP_AT(m, f->quantifier_offset) = 1;
    return 0;
}

int ftl_tp_store(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, const FtlTpValue *value)
{
    if (tp_place(m, f, value) == 0) return 0;
    tp_release_value(f, value);
    return -1;
}

ProtobufCMessage *ftl_tp_store_new_message(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    FtlTpValue v;
    v.msg = ftl_tp_message_new(f->descriptor);
    if (v.msg && tp_place(m, f, &v) < 0) {
        protobuf_c_message_free_unpacked(v.msg, NULL);
        v.msg = NULL;
    }
    return v.msg;
}

/* ------------------------------------------------------------------------------------ */
/* Reader: tokens                                                                       */

typedef enum TpKind { TP_EOF, TP_IDENT, TP_INT, TP_FLOAT, TP_STRING, TP_PUNCT } TpKind;

typedef struct TpTok {
    TpKind kind;
    const char *s; /* the token's text, n bytes */
    size_t n;
    int line, col;
} TpTok;

typedef struct TpParser {
    const char *p, *end;
    const char *bol; /* start of the current line */
    int line;
    TpTok tok; /* the current (lookahead) token */
    int depth; /* message nesting */
    FtlTpError *err;
    FtlBuf str; /* decoded string literal bytes */
} TpParser;

static int tp_isdigit(int c)
{
    return c >= '0' && c <= '9';
}

static int tp_isalpha(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int tp_hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int tp_verror(TpParser *P, int line, int col, const char *fmt, va_list ap)
{
    if (P->err && P->err->message[0] == '\0') {
        P->err->line = line;
        P->err->column = col;
        vsnprintf(P->err->message, sizeof P->err->message, fmt, ap);
        if (P->err->message[0] == '\0') strcpy(P->err->message, "error");
    }
    return -1;
}

/* Reports an error at token t (the current token when t is NULL); returns -1. */
static int tp_error(TpParser *P, const TpTok *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int tp_error(TpParser *P, const TpTok *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!t) t = &P->tok;
    tp_verror(P, t->line, t->col, fmt, ap);
    va_end(ap);
    return -1;
}

/* Reports an error at byte p of the current line. */
static int tp_error_here(TpParser *P, const char *p, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int tp_error_here(TpParser *P, const char *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tp_verror(P, P->line, (int)(p - P->bol) + 1, fmt, ap);
    va_end(ap);
    return -1;
}

static int tp_oom(TpParser *P)
{
    P->err->nomem = 1;
    return tp_error(P, NULL, "out of memory");
}

/* A short printable rendering of token t for messages: 'text', quoted and cut. */
static const char *tp_describe(const TpTok *t, char *buf, size_t size)
{
    if (t->kind == TP_EOF) return "end of input";
    size_t o = 0, i = 0;
    buf[o++] = '\'';
    for (; i < t->n && o + 8 < size; i++) {
        unsigned char c = (unsigned char)t->s[i];
        if (c >= 0x20 && c < 0x7f) {
            buf[o++] = (char)c;
        } else {
            snprintf(buf + o, size - o, "\\x%02x", c);
            o += 4;
        }
    }
    if (i < t->n) {
        memcpy(buf + o, "...", 3);
        o += 3;
    }
    buf[o++] = '\'';
    buf[o] = '\0';
    return buf;
}

#define TP_DESC(t) tp_describe((t), desc_buf, sizeof desc_buf)

static void tp_skip_space(TpParser *P)
{
    while (P->p < P->end) {
        char c = *P->p;
        if (c == '\n') {
            P->line++;
            P->bol = ++P->p;
        } else if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
            P->p++;
        } else if (c == '#') {
            while (P->p < P->end && *P->p != '\n')
                P->p++;
        } else {
            break;
        }
    }
}

/* Decodes the escape sequence at p (just after a backslash) into out. Returns the
 * number of bytes written (0 to 4) and advances *pp past it, or -1 with *msg set. */
static int tp_unescape(const char **pp, const char *end, uint8_t *out, const char **msg)
{
    const char *p = *pp;
    if (p >= end) {
        *msg = "unterminated string literal";
        return -1;
    }
    char c = *p++;
    uint32_t cp = 0;
    int nhex = 0;
    switch (c) {
    case 'a': *out = '\a'; break;
    case 'b': *out = '\b'; break;
    case 'f': *out = '\f'; break;
    case 'n': *out = '\n'; break;
    case 'r': *out = '\r'; break;
    case 't': *out = '\t'; break;
    case 'v': *out = '\v'; break;
    case '\\':
    case '?':
    case '\'':
    case '"': *out = (uint8_t)c; break;
    case 'x':
        for (; nhex < 2 && p < end && tp_hexval(*p) >= 0; nhex++)
            cp = cp * 16 + (uint32_t)tp_hexval(*p++);
        if (nhex == 0) {
            *msg = "\\x must be followed by a hex digit";
            return -1;
        }
        *out = (uint8_t)cp;
        break;
    case 'u':
    case 'U':
        nhex = c == 'u' ? 4 : 8;
        for (int i = 0; i < nhex; i++) {
            if (p >= end || tp_hexval(*p) < 0) {
                *msg = c == 'u' ? "\\u must be followed by 4 hex digits"
                                : "\\U must be followed by 8 hex digits";
                return -1;
            }
            cp = cp * 16 + (uint32_t)tp_hexval(*p++);
        }
        if (cp >= 0xD800 && cp <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u') {
            uint32_t lo = 0;
            int ok = 1;
            for (int i = 2; i < 6; i++) {
                if (tp_hexval(p[i]) < 0) ok = 0;
                lo = lo * 16 + (uint32_t)(ok ? tp_hexval(p[i]) : 0);
            }
            if (ok && lo >= 0xDC00 && lo <= 0xDFFF) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
            *msg = "unpaired UTF-16 surrogate in \\u escape";
            return -1;
        }
        if (cp > 0x10FFFF) {
            *msg = "Unicode escape beyond U+10FFFF";
            return -1;
        }
        *pp = p;
        return ftl_utf8_put(out, cp);
    default:
        if (c >= '0' && c <= '7') {
            cp = (uint32_t)(c - '0');
            for (int i = 0; i < 2 && p < end && *p >= '0' && *p <= '7'; i++)
                cp = cp * 8 + (uint32_t)(*p++ - '0');
            if (cp > 0377) {
                *msg = "octal escape greater than \\377";
                return -1;
            }
            *out = (uint8_t)cp;
            break;
        }
        *msg = "invalid escape sequence in string literal";
        return -1;
    }
    *pp = p;
    return 1;
}

static int tp_lex_string(TpParser *P)
{
    const char *s = P->p;
    char quote = *P->p++;
    for (;;) {
        if (P->p >= P->end || *P->p == '\n')
            return tp_error(P, NULL, "unterminated string literal (strings cannot span lines)");
        char c = *P->p;
        if (c == quote) break;
        if (c == '\0') return tp_error_here(P, P->p, "NUL byte in string literal");
        if (c == '\\') {
            const char *esc = P->p++, *msg = NULL;
            uint8_t tmp[4];
            if (tp_unescape(&P->p, P->end, tmp, &msg) < 0) return tp_error_here(P, esc, "%s", msg);
        } else {
            P->p++;
        }
    }
    P->p++;
    P->tok.kind = TP_STRING;
    P->tok.n = (size_t)(P->p - s);
    return 0;
}

/* Numbers as protobuf's tokenizer reads them: 0x hex, leading-zero octal, decimal with
 * optional fraction, exponent and (text format only) an f suffix. */
static int tp_lex_number(TpParser *P)
{
    const char *p = P->p, *end = P->end;
    int is_float = 0;
    if (p[0] == '0' && end - p > 1 && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        if (p >= end || tp_hexval(*p) < 0)
            return tp_error(P, NULL, "'0x' must be followed by hex digits");
        while (p < end && tp_hexval(*p) >= 0)
            p++;
    } else if (p[0] == '0' && end - p > 1 && tp_isdigit(p[1])) {
        while (p < end && tp_isdigit(*p)) {
            if (*p > '7') return tp_error(P, NULL, "numbers starting with 0 must be in octal");
            p++;
        }
    } else {
        while (p < end && tp_isdigit(*p))
            p++;
        if (p < end && *p == '.') {
            is_float = 1;
            p++;
            while (p < end && tp_isdigit(*p))
                p++;
        }
        if (p < end && (*p == 'e' || *p == 'E')) {
            is_float = 1;
            p++;
            if (p < end && (*p == '+' || *p == '-')) p++;
            if (p >= end || !tp_isdigit(*p))
                return tp_error_here(P, p, "'e' must be followed by an exponent");
            while (p < end && tp_isdigit(*p))
                p++;
        }
        if (p < end && (*p == 'f' || *p == 'F')) {
            is_float = 1;
            p++;
        }
    }
    if (p < end && (tp_isalpha(*p) || tp_isdigit(*p) || *p == '.')) {
        P->tok.n = (size_t)(p - P->p) + 1;
        return tp_error(P, NULL, "malformed number: need a space between a number and '%c'", *p);
    }
    P->tok.kind = is_float ? TP_FLOAT : TP_INT;
    P->tok.n = (size_t)(p - P->p);
    P->p = p;
    return 0;
}

/* Reads the next token into P->tok. */
static int tp_lex(TpParser *P)
{
    tp_skip_space(P);
    TpTok *t = &P->tok;
    t->s = P->p;
    t->n = 0;
    t->line = P->line;
    t->col = (int)(P->p - P->bol) + 1;
    if (P->p >= P->end) {
        t->kind = TP_EOF;
        return 0;
    }
    unsigned char c = (unsigned char)*P->p;
    if (tp_isalpha(c)) {
        while (P->p < P->end && (tp_isalpha(*P->p) || tp_isdigit(*P->p)))
            P->p++;
        t->kind = TP_IDENT;
        t->n = (size_t)(P->p - t->s);
        return 0;
    }
    if (tp_isdigit(c) || (c == '.' && P->end - P->p > 1 && tp_isdigit(P->p[1])))
        return tp_lex_number(P);
    if (c == '"' || c == '\'') return tp_lex_string(P);
    if (c != '\0' && strchr("{}<>[]:,;-/", c)) {
        P->p++;
        t->kind = TP_PUNCT;
        t->n = 1;
        return 0;
    }
    if (c >= 0x20 && c < 0x7f) return tp_error(P, NULL, "unexpected character '%c'", c);
    return tp_error(P, NULL, "unexpected byte 0x%02x", c);
}

static int tp_is(const TpParser *P, char punct)
{
    return P->tok.kind == TP_PUNCT && P->tok.s[0] == punct;
}

static int tp_ident_is(const TpTok *t, const char *word)
{
    return t->kind == TP_IDENT && strlen(word) == t->n && memcmp(t->s, word, t->n) == 0;
}

/* ------------------------------------------------------------------------------------ */
/* Reader: values                                                                       */

static const char *tp_type_name(ProtobufCType t)
{
    static const char *const names[] = {"int32",    "sint32", "sfixed32", "int64",  "sint64",
                                        "sfixed64", "uint32", "fixed32",  "uint64", "fixed64",
                                        "float",    "double", "bool",     "enum",   "string",
                                        "bytes",    "message"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

/* Reads an optionally negative integer literal: magnitude in *mag. */
static int tp_read_integer(TpParser *P, const ProtobufCFieldDescriptor *f, int *neg, uint64_t *mag)
{
    char desc_buf[48];
    *neg = 0;
    if (tp_is(P, '-')) {
        *neg = 1;
        if (tp_lex(P) < 0) return -1;
    }
    const TpTok *t = &P->tok;
    if (t->kind != TP_INT)
        return tp_error(P, NULL, "expected an integer for %s field \"%s\", got %s",
                        tp_type_name(f->type), f->name, TP_DESC(t));
    const char *s = t->s, *e = t->s + t->n;
    unsigned base = 10;
    if (t->n > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (t->n > 1 && s[0] == '0') {
        base = 8;
        s++;
    }
    uint64_t v = 0;
    for (; s < e; s++) {
        unsigned d = (unsigned)tp_hexval(*s);
        if (v > (UINT64_MAX - d) / base)
            return tp_error(P, NULL, "integer %s is out of range for %s field \"%s\"", TP_DESC(t),
                            tp_type_name(f->type), f->name);
        v = v * base + d;
    }
    *mag = v;
    return tp_lex(P);
}

/* Reads an integer and checks it against [min, max] (min >= INT64_MIN, max as uint64). */
static int tp_read_ranged(TpParser *P, const ProtobufCFieldDescriptor *f, uint64_t neg_limit,
                          uint64_t max, int64_t *sv, uint64_t *uv)
{
    TpTok start = P->tok;
    int neg = 0;
    uint64_t mag = 0;
    if (tp_read_integer(P, f, &neg, &mag) < 0) return -1;
    if (neg && neg_limit == 0)
        return tp_error(P, &start, "negative value for %s field \"%s\"", tp_type_name(f->type),
                        f->name);
    if (neg ? mag > neg_limit : mag > max)
        return tp_error(P, &start, "value %s%" PRIu64 " is out of range for %s field \"%s\"",
                        neg ? "-" : "", mag, tp_type_name(f->type), f->name);
    if (uv) *uv = mag;
    if (sv) *sv = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
    return 0;
}

static int tp_read_enum(TpParser *P, const ProtobufCFieldDescriptor *f, int32_t *out)
{
    char desc_buf[48];
    const ProtobufCEnumDescriptor *ed = f->descriptor;
    if (P->tok.kind == TP_IDENT) {
        char name[128];
        const ProtobufCEnumValue *v = NULL;
        if (P->tok.n < sizeof name) {
            memcpy(name, P->tok.s, P->tok.n);
            name[P->tok.n] = '\0';
            v = protobuf_c_enum_descriptor_get_value_by_name(ed, name);
        }
        if (!v)
            return tp_error(P, NULL, "unknown value %s for enum %s (field \"%s\")",
                            TP_DESC(&P->tok), ed->name, f->name);
        *out = v->value;
        return tp_lex(P);
    }
    if (P->tok.kind != TP_INT && !tp_is(P, '-'))
        return tp_error(P, NULL, "expected a value of enum %s for field \"%s\", got %s", ed->name,
                        f->name, TP_DESC(&P->tok));
    int64_t v;
    if (tp_read_ranged(P, f, (uint64_t)INT32_MAX + 1, INT32_MAX, &v, NULL) < 0) return -1;
    *out = (int32_t)v;
    return 0;
}

static int tp_read_bool(TpParser *P, const ProtobufCFieldDescriptor *f, protobuf_c_boolean *out)
{
    char desc_buf[48];
    const TpTok *t = &P->tok;
    if (tp_ident_is(t, "true") || tp_ident_is(t, "True") || tp_ident_is(t, "t")) {
        *out = 1;
        return tp_lex(P);
    }
    if (tp_ident_is(t, "false") || tp_ident_is(t, "False") || tp_ident_is(t, "f")) {
        *out = 0;
        return tp_lex(P);
    }
    if (t->kind == TP_INT) {
        uint64_t v;
        if (tp_read_ranged(P, f, 0, 1, NULL, &v) < 0) return -1;
        *out = v != 0;
        return 0;
    }
    return tp_error(P, NULL, "expected true or false for bool field \"%s\", got %s", f->name,
                    TP_DESC(t));
}

static int tp_ieq(const TpTok *t, const char *word)
{
    if (t->kind != TP_IDENT || strlen(word) != t->n) return 0;
    for (size_t i = 0; i < t->n; i++) {
        char c = t->s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != word[i]) return 0;
    }
    return 1;
}

static int tp_read_double(TpParser *P, const ProtobufCFieldDescriptor *f, double *out)
{
    char desc_buf[48];
    int neg = 0;
    if (tp_is(P, '-')) {
        neg = 1;
        if (tp_lex(P) < 0) return -1;
    }
    const TpTok *t = &P->tok;
    double v;
    if (tp_ieq(t, "inf") || tp_ieq(t, "infinity")) {
        v = INFINITY;
    } else if (tp_ieq(t, "nan")) {
        v = NAN;
        neg = 0;
    } else if (t->kind == TP_FLOAT || t->kind == TP_INT) {
        if (t->kind == TP_INT && t->n > 1 && t->s[0] == '0')
            return tp_error(P, NULL, "expected a decimal number for %s field \"%s\", got %s",
                            tp_type_name(f->type), f->name, TP_DESC(t));
        char small[64], *buf;
        size_t n = t->n;
        if (n > 0 && (t->s[n - 1] == 'f' || t->s[n - 1] == 'F')) n--;
        buf = n < sizeof small ? small : malloc(n + 1);
        if (!buf) return tp_oom(P);
        memcpy(buf, t->s, n);
        buf[n] = '\0';
        v = strtod(buf, NULL);
        if (buf != small) free(buf);
    } else {
        return tp_error(P, NULL, "expected a number for %s field \"%s\", got %s",
                        tp_type_name(f->type), f->name, TP_DESC(t));
    }
    *out = neg ? -v : v;
    return tp_lex(P);
}

/* One or more adjacent string literals, decoded into P->str (NUL-terminated). */
static int tp_read_string(TpParser *P, const ProtobufCFieldDescriptor *f)
{
    P->str.len = 0;
    if (P->tok.kind != TP_STRING) {
        char desc_buf[48];
        return tp_error(P, NULL, "expected a string for %s field \"%s\", got %s",
                        tp_type_name(f->type), f->name, TP_DESC(&P->tok));
    }
    while (P->tok.kind == TP_STRING) {
        const char *p = P->tok.s + 1, *end = P->tok.s + P->tok.n - 1, *run = p;
        while (p < end) {
            if (*p != '\\') {
                p++;
                continue;
            }
            ftl_buf_put(&P->str, run, (size_t)(p - run));
            uint8_t tmp[4];
            const char *msg = NULL;
            p++;
            int k = tp_unescape(&p, end, tmp, &msg); /* validated by the lexer */
            if (k > 0) ftl_buf_put(&P->str, tmp, (size_t)k);
            run = p;
        }
        ftl_buf_put(&P->str, run, (size_t)(end - run));
        if (tp_lex(P) < 0) return -1;
    }
    if (ftl_buf_room(&P->str, 0) < 0) return tp_oom(P);
    P->str.data[P->str.len] = '\0';
    return 0;
}

static int tp_store_string(TpParser *P, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                           const TpTok *start)
{
    if (tp_read_string(P, f) < 0) return -1;
    size_t n = P->str.len;
    if (f->type == PROTOBUF_C_TYPE_STRING) {
        if (memchr(P->str.data, '\0', n))
            return tp_error(P, start, "string field \"%s\" cannot hold a NUL byte", f->name);
        FtlTpValue v;
        if (!(v.str = malloc(n + 1))) return tp_oom(P);
        memcpy(v.str, P->str.data, n + 1);
        return ftl_tp_store(m, f, &v) < 0 ? tp_oom(P) : 0;
    }
    FtlTpValue v;
    v.bytes.len = n;
    v.bytes.data = NULL;
    if (n > 0) {
        if (!(v.bytes.data = malloc(n))) return tp_oom(P);
        memcpy(v.bytes.data, P->str.data, n);
    }
    return ftl_tp_store(m, f, &v) < 0 ? tp_oom(P) : 0;
}

/* Reads one non-message value of field f and stores it. */
static int tp_parse_scalar(TpParser *P, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    TpTok start = P->tok;
    FtlTpValue v;
    int64_t sv = 0;
    uint64_t uv = 0;
    int rc = 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        rc = tp_read_ranged(P, f, (uint64_t)INT32_MAX + 1, INT32_MAX, &sv, NULL);
        v.i32 = (int32_t)sv;
        break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        rc = tp_read_ranged(P, f, (uint64_t)INT64_MAX + 1, INT64_MAX, &v.i64, NULL);
        break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        rc = tp_read_ranged(P, f, 0, UINT32_MAX, NULL, &uv);
        v.u32 = (uint32_t)uv;
        break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: rc = tp_read_ranged(P, f, 0, UINT64_MAX, NULL, &v.u64); break;
    case PROTOBUF_C_TYPE_FLOAT: {
        double d = 0;
        rc = tp_read_double(P, f, &d);
        v.f = (float)d; /* IEEE rounding: beyond FLT_MAX gives inf, as in protoc */
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: rc = tp_read_double(P, f, &v.d); break;
    case PROTOBUF_C_TYPE_BOOL: rc = tp_read_bool(P, f, &v.b); break;
    case PROTOBUF_C_TYPE_ENUM: rc = tp_read_enum(P, f, &v.i32); break;
    case PROTOBUF_C_TYPE_STRING:
    case PROTOBUF_C_TYPE_BYTES: return tp_store_string(P, m, f, &start);
    case PROTOBUF_C_TYPE_MESSAGE: return tp_error(P, NULL, "internal error: message as scalar");
    }
    if (rc < 0) return -1;
    return ftl_tp_store(m, f, &v) < 0 ? tp_oom(P) : 0;
}

/* ------------------------------------------------------------------------------------ */
/* Reader: messages                                                                     */

static int tp_parse_fields(TpParser *P, ProtobufCMessage *m, char close, const TpTok *open);

/* `{ fields }` or `< fields >` for message field f: a new sub-message stored in m. */
static int tp_parse_message_value(TpParser *P, ProtobufCMessage *m,
                                  const ProtobufCFieldDescriptor *f)
{
    char desc_buf[48];
    TpTok open = P->tok;
    char close;
    if (tp_is(P, '{'))
        close = '}';
    else if (tp_is(P, '<'))
        close = '>';
    else
        return tp_error(P, NULL, "expected '{' or '<' to start message field \"%s\", got %s",
                        f->name, TP_DESC(&P->tok));
    if (P->depth >= FTL_TP_MAX_DEPTH)
        return tp_error(P, NULL, "messages nested deeper than %d levels", FTL_TP_MAX_DEPTH);
    ProtobufCMessage *sub = ftl_tp_store_new_message(m, f);
    if (!sub) return tp_oom(P);
    if (tp_lex(P) < 0) return -1;
    P->depth++;
    int rc = tp_parse_fields(P, sub, close, &open);
    P->depth--;
    return rc < 0 ? -1 : tp_lex(P);
}

static int tp_parse_one(TpParser *P, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    return f->type == PROTOBUF_C_TYPE_MESSAGE ? tp_parse_message_value(P, m, f)
                                              : tp_parse_scalar(P, m, f);
}

/* `[v, v, ...]` for repeated field f (scalars or messages); the '[' is current. */
static int tp_parse_list(TpParser *P, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f)
{
    char desc_buf[48];
    if (f->label != PROTOBUF_C_LABEL_REPEATED)
        return tp_error(P, NULL, "field \"%s\" is not repeated, so it cannot take a list", f->name);
    if (tp_lex(P) < 0) return -1;
    if (tp_is(P, ']')) return tp_lex(P);
    for (;;) {
        if (tp_parse_one(P, m, f) < 0) return -1;
        if (tp_is(P, ']')) return tp_lex(P);
        if (!tp_is(P, ','))
            return tp_error(P, NULL, "expected ',' or ']' in the list of field \"%s\", got %s",
                            f->name, TP_DESC(&P->tok));
        if (tp_lex(P) < 0) return -1;
    }
}

/* Checks that field f of m may be given now; marks it seen. */
static int tp_check_field(TpParser *P, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          unsigned char *seen, const TpTok *name)
{
    size_t i = (size_t)(f - m->descriptor->fields);
    if (f->label != PROTOBUF_C_LABEL_REPEATED && seen[i])
        return tp_error(P, name, "non-repeated field \"%s\" is specified multiple times", f->name);
    const ProtobufCFieldDescriptor *other = ftl_tp_oneof_current(m, f);
    if (other && other != f)
        return tp_error(P, name,
                        "field \"%s\" is specified along with field \"%s\", another member of "
                        "the same oneof",
                        f->name, other->name);
    seen[i] = 1;
    return 0;
}

/* name [':'] value [',' | ';'] */
static int tp_parse_field(TpParser *P, ProtobufCMessage *m, unsigned char *seen)
{
    char desc_buf[48];
    const ProtobufCMessageDescriptor *d = m->descriptor;
    TpTok name = P->tok;
    if (tp_is(P, '['))
        return tp_error(P, NULL, "extensions and Any type URLs ('[...]') are not supported");
    if (name.kind != TP_IDENT)
        return tp_error(P, NULL, "expected a field name, got %s", TP_DESC(&name));
    const ProtobufCFieldDescriptor *f = ftl_tp_field_by_name(d, name.s, name.n);
    if (!f)
        return tp_error(P, NULL, "unknown field \"%.*s\" in message %s", (int)name.n, name.s,
                        d->name);
    if (tp_check_field(P, m, f, seen, &name) < 0 || tp_lex(P) < 0) return -1;
    int rc;
    if (f->type == PROTOBUF_C_TYPE_MESSAGE) {
        if (tp_is(P, ':') && tp_lex(P) < 0) return -1;
        rc = tp_is(P, '[') ? tp_parse_list(P, m, f) : tp_parse_message_value(P, m, f);
    } else {
        if (!tp_is(P, ':'))
            return tp_error(P, NULL, "expected ':' after field name \"%s\", got %s%s", f->name,
                            TP_DESC(&P->tok),
                            tp_is(P, '{') || tp_is(P, '<') ? " (the field is not a message)" : "");
        if (tp_lex(P) < 0) return -1;
        rc = tp_is(P, '[') ? tp_parse_list(P, m, f) : tp_parse_scalar(P, m, f);
    }
    if (rc < 0) return -1;
    if (tp_is(P, ';') || tp_is(P, ',')) return tp_lex(P);
    return 0;
}

static int tp_check_required(TpParser *P, const ProtobufCMessage *m, const unsigned char *seen)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++)
        if (d->fields[i].label == PROTOBUF_C_LABEL_REQUIRED && !seen[i])
            return tp_error(P, NULL, "message %s is missing required field \"%s\"", d->name,
                            d->fields[i].name);
    return 0;
}

/* Fields up to the closing delimiter (not consumed), or to the end of input when
 * close is 0. open is the opening delimiter, for the message when it is missing. */
static int tp_parse_fields(TpParser *P, ProtobufCMessage *m, char close, const TpTok *open)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    unsigned char *seen = calloc(d->n_fields + 1, 1);
    if (!seen) return tp_oom(P);
    int rc = 0;
    for (;;) {
        if (P->tok.kind == TP_EOF) {
            if (close)
                rc = tp_error(P, NULL,
                              "expected '%c' to close the message opened at %d:%d, got "
                              "end of input",
                              close, open->line, open->col);
            break;
        }
        if (close && tp_is(P, close)) break;
        if ((rc = tp_parse_field(P, m, seen)) < 0) break;
    }
    if (rc == 0) rc = tp_check_required(P, m, seen);
    free(seen);
    return rc;
}

ProtobufCMessage *ftl_tp_parse(const ProtobufCMessageDescriptor *desc, const char *text, size_t len,
                               FtlTpError *err)
{
    FtlTpError dummy = {0};
    if (!err) err = &dummy;
    memset(err, 0, sizeof *err);
    if (len > INT_MAX) {
        snprintf(err->message, sizeof err->message, "input larger than %d bytes", INT_MAX);
        return NULL;
    }
    TpParser P = {0};
    ftl_buf_init_soft(&P.str);
    P.p = P.bol = text ? text : "";
    P.end = P.p + (text ? len : 0);
    P.line = 1;
    P.err = err;
    ProtobufCMessage *m = ftl_tp_message_new(desc);
    if (!m) {
        snprintf(err->message, sizeof err->message, "out of memory");
        err->nomem = 1;
        return NULL;
    }
    int rc = tp_lex(&P);
    if (rc == 0) rc = tp_parse_fields(&P, m, 0, NULL);
    free(P.str.data);
    if (rc < 0) {
        protobuf_c_message_free_unpacked(m, NULL);
        return NULL;
    }
    return m;
}
