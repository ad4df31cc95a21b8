/* protojson.c - proto3 JSON writer and reader for any protobuf-c message.
 *
 * The writer builds the text itself rather than through jansson's dumper, because
 * jansson cannot print a number in protobuf's SimpleDtoa form and reorders nothing
 * we do not ask it to; the reader uses jansson (json_loadb) for the syntax and walks
 * the resulting tree with the message descriptor. Presence, number formatting and
 * message building are shared with the text format codec (textproto.h), so the two
 * agree on what a message contains.
 */
#include "proto/protojson.h"
#include "proto/textproto.h"
#include "base/swar.h"
#include "base/utf8.h"

#include <float.h>
#include <inttypes.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PJ_CAT(m, off) ((const void *)((const char *)(m) + (off)))

/* The well-known types with a JSON form of their own. */
typedef enum PjWkt { PJ_PLAIN, PJ_STRUCT, PJ_VALUE, PJ_LIST } PjWkt;

static PjWkt pj_wkt(const ProtobufCMessageDescriptor *d)
{
    if (strcmp(d->name, "google.protobuf.Struct") == 0) return PJ_STRUCT;
    if (strcmp(d->name, "google.protobuf.Value") == 0) return PJ_VALUE;
    if (strcmp(d->name, "google.protobuf.ListValue") == 0) return PJ_LIST;
    return PJ_PLAIN;
}

static int pj_is_null_enum(const ProtobufCFieldDescriptor *f)
{
    const ProtobufCEnumDescriptor *e = f->descriptor;
    return f->type == PROTOBUF_C_TYPE_ENUM && e &&
           strcmp(e->name, "google.protobuf.NullValue") == 0;
}

/* Whether JSON null is a value of f (not merely "absent"). */
static int pj_takes_null(const ProtobufCFieldDescriptor *f)
{
    return pj_is_null_enum(f) ||
           (f->type == PROTOBUF_C_TYPE_MESSAGE && pj_wkt(f->descriptor) == PJ_VALUE);
}

/* ------------------------------------------------------------------------------------ */
/* Names and paths                                                                      */

char *ftl_pj_json_name(const char *name, char *out, size_t size)
{
    size_t o = 0;
    int up = 0;
    if (size == 0) return out;
    for (; *name && o + 1 < size; name++) {
        char c = *name;
        if (c == '_') {
            up = 1;
            continue;
        }
        if (up && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        up = 0;
        out[o++] = c;
    }
    out[o] = '\0';
    return out;
}

/* Whether key is the json_name of field name, without building it. */
static int pj_json_name_is(const char *name, const char *key)
{
    int up = 0;
    for (; *name; name++) {
        char c = *name;
        if (c == '_') {
            up = 1;
            continue;
        }
        if (up && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
        up = 0;
        if (*key++ != c) return 0;
    }
    return *key == '\0';
}

static const ProtobufCFieldDescriptor *pj_find_field(const ProtobufCMessageDescriptor *d,
                                                     const char *key)
{
    const ProtobufCFieldDescriptor *f = ftl_tp_field_by_name(d, key, strlen(key));
    for (unsigned i = 0; !f && i < d->n_fields; i++)
        if (pj_json_name_is(d->fields[i].name, key)) f = &d->fields[i];
    return f;
}

/* Where we are in the document, for messages: realms[0].modules[1].decls[0]. */
typedef struct PjPath {
    char buf[256];
    size_t len;
} PjPath;

static size_t pj_path_push(PjPath *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static size_t pj_path_push(PjPath *p, const char *fmt, ...)
{
    size_t old = p->len;
    if (p->len + 1 < sizeof p->buf) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(p->buf + p->len, sizeof p->buf - p->len, fmt, ap);
        va_end(ap);
        if (n > 0) p->len += (size_t)n;
        if (p->len >= sizeof p->buf) p->len = sizeof p->buf - 1;
    }
    return old;
}

static size_t pj_path_field(PjPath *p, const char *name)
{
    return pj_path_push(p, "%s%s", p->len ? "." : "", name);
}

static void pj_path_pop(PjPath *p, size_t old)
{
    p->len = old;
    p->buf[old] = '\0';
}

/* ------------------------------------------------------------------------------------ */
/* Writer                                                                               */

typedef struct PjWriter {
    FtlBuf b;
    unsigned flags;
    PjPath path;
    FtlPjError *err;
} PjWriter;

static int pj_wfail(PjWriter *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int pj_wfail(PjWriter *w, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->err->message, sizeof w->err->message, fmt, ap);
    va_end(ap);
    snprintf(w->err->path, sizeof w->err->path, "%s", w->path.buf);
    return -1;
}

/* Eight ASCII bytes of which none needs an escape are copied whole (most
 * text); a word with anything else goes byte by byte, and a UTF-8 sequence
 * may run past its end. */
size_t ftl_pj_escape(char *out, const char *str, size_t n, size_t *bad)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *s = (const uint8_t *)str;
    char *o = out;
    size_t i = 0, plain = 0; /* s[i..plain) needs no look */
    while (i < n) {
        if (i >= plain && i + 8 <= n) {
            uint64_t x = ftl_swar_load(s + i);
            if (!(ftl_swar_high(x) | ftl_swar_below(x, 0x20) | ftl_swar_has(x, '"') |
                  ftl_swar_has(x, '\\'))) {
                memcpy(o, s + i, 8);
                o += 8;
                i += 8;
                continue;
            }
            plain = i + 8; /* this word byte by byte */
        }
        uint8_t c = s[i];
        if (c >= 0x80) {
            int k = ftl_utf8_len(s + i, n - i);
            if (k == 0) {
                *bad = i;
                return SIZE_MAX;
            }
            memcpy(o, s + i, (size_t)k);
            o += k;
            i += (size_t)k;
            continue;
        }
        i++;
        if (c >= 0x20 && c != '"' && c != '\\') {
            *o++ = (char)c;
            continue;
        }
        *o++ = '\\';
        switch (c) {
        case '"':
        case '\\': *o++ = (char)c; break;
        case '\b': *o++ = 'b'; break;
        case '\f': *o++ = 'f'; break;
        case '\n': *o++ = 'n'; break;
        case '\r': *o++ = 'r'; break;
        case '\t': *o++ = 't'; break;
        default:
            memcpy(o, "u00", 3);
            o[3] = hex[c >> 4];
            o[4] = hex[c & 15];
            o += 5;
        }
    }
    return (size_t)(o - out);
}

/* A JSON string literal; -1 when s is not valid UTF-8. */
static int pj_put_string(PjWriter *w, const char *str, size_t n)
{
    size_t bad;
    if (n > (SIZE_MAX - 2) / 6 || ftl_buf_room(&w->b, 6 * n + 2) < 0) {
        w->err->nomem = 1;
        return pj_wfail(w, "out of memory");
    }
    char *o = w->b.data + w->b.len;
    size_t len = ftl_pj_escape(o + 1, str, n, &bad);
    if (len == SIZE_MAX)
        return pj_wfail(w, "string is not valid UTF-8 (byte 0x%02x)", (uint8_t)str[bad]);
    o[0] = '"';
    o[len + 1] = '"';
    o[len + 2] = '\0';
    w->b.len += len + 2;
    return 0;
}

static void pj_put_base64(PjWriter *w, const uint8_t *s, size_t n)
{
    static const char digits[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    char quad[4];
    ftl_buf_putc(&w->b, '"');
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)s[i] << 16;
        if (i + 1 < n) v |= (uint32_t)s[i + 1] << 8;
        if (i + 2 < n) v |= s[i + 2];
        quad[0] = digits[v >> 18];
        quad[1] = digits[(v >> 12) & 63];
        quad[2] = i + 1 < n ? digits[(v >> 6) & 63] : '=';
        quad[3] = i + 2 < n ? digits[v & 63] : '=';
        ftl_buf_put(&w->b, quad, 4);
    }
    ftl_buf_putc(&w->b, '"');
}

static void pj_put_name(PjWriter *w, const ProtobufCFieldDescriptor *f)
{
    ftl_buf_putc(&w->b, '"');
    if (w->flags & FTL_PJ_ORIGINAL_NAMES) {
        ftl_buf_puts(&w->b, f->name);
    } else {
        int up = 0;
        for (const char *p = f->name; *p; p++) {
            char c = *p;
            if (c == '_') {
                up = 1;
                continue;
            }
            if (up && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
            up = 0;
            ftl_buf_putc(&w->b, c);
        }
    }
    ftl_buf_puts(&w->b, "\": ");
}

/* A float or double: a number, or "NaN", "Infinity", "-Infinity". */
static void pj_put_real(PjWriter *w, double v, int is_float)
{
    char num[32];
    if (isnan(v)) {
        ftl_buf_puts(&w->b, "\"NaN\"");
    } else if (isinf(v)) {
        ftl_buf_puts(&w->b, v > 0 ? "\"Infinity\"" : "\"-Infinity\"");
    } else if (v == 0 && signbit(v)) {
        /* "-0" would come back as the integer 0 from jansson, losing the sign. */
        ftl_buf_puts(&w->b, "-0.0");
    } else {
        if (is_float)
            ftl_tp_format_float((float)v, num);
        else
            ftl_tp_format_double(v, num);
        ftl_buf_puts(&w->b, num);
    }
}

static int pj_write_message(PjWriter *w, const ProtobufCMessage *m, size_t indent);
static int pj_write_field(PjWriter *w, const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          size_t indent);

/* One value of field f stored at p. */
static int pj_write_value(PjWriter *w, const ProtobufCFieldDescriptor *f, const void *p,
                          size_t indent)
{
    char num[32];
    if (ftl_tp_format_int(f, p, 1, num)) { /* 64-bit integers are JSON strings */
        ftl_buf_puts(&w->b, num);
        return 0;
    }
    switch (f->type) {
    case PROTOBUF_C_TYPE_FLOAT: pj_put_real(w, *(const float *)p, 1); return 0;
    case PROTOBUF_C_TYPE_DOUBLE: pj_put_real(w, *(const double *)p, 0); return 0;
    case PROTOBUF_C_TYPE_ENUM: {
        const ProtobufCEnumValue *v =
            protobuf_c_enum_descriptor_get_value(f->descriptor, *(const int32_t *)p);
        if (pj_is_null_enum(f)) {
            strcpy(num, "null");
        } else if (v) {
            return pj_put_string(w, v->name, strlen(v->name));
        } else {
            snprintf(num, sizeof num, "%" PRId32, *(const int32_t *)p);
        }
        break;
    }
    case PROTOBUF_C_TYPE_STRING: {
        const char *s = *(char *const *)p;
        if (!s) s = "";
        return pj_put_string(w, s, strlen(s));
    }
    case PROTOBUF_C_TYPE_BYTES: {
        const ProtobufCBinaryData *bd = p;
        pj_put_base64(w, bd->data, bd->data ? bd->len : 0);
        return 0;
    }
    case PROTOBUF_C_TYPE_MESSAGE: {
        const ProtobufCMessage *sub = *(ProtobufCMessage *const *)p;
        if (sub) return pj_write_message(w, sub, indent);
        strcpy(num, pj_wkt(f->descriptor) == PJ_VALUE ? "null" : "{}");
        break;
    }
    default: break; /* the integers and bool, above */
    }
    ftl_buf_puts(&w->b, num);
    return 0;
}

/* A map key as a JSON string: strings as they are, numbers in decimal, bools as words. */
static int pj_write_map_key(PjWriter *w, const ProtobufCFieldDescriptor *k, const void *p)
{
    char num[32];
    if (!ftl_tp_format_int(k, p, 0, num)) return pj_write_value(w, k, p, 0); /* a string */
    ftl_buf_putc(&w->b, '"');
    ftl_buf_puts(&w->b, num);
    ftl_buf_putc(&w->b, '"');
    return 0;
}

/* One map entry as "key": value. */
static int pj_write_entry(PjWriter *w, const ProtobufCMessage *entry, size_t indent)
{
    const ProtobufCMessageDescriptor *e = entry->descriptor;
    if (pj_write_map_key(w, &e->fields[0], PJ_CAT(entry, e->fields[0].offset)) < 0) return -1;
    ftl_buf_puts(&w->b, ": ");
    return pj_write_value(w, &e->fields[1], PJ_CAT(entry, e->fields[1].offset), indent);
}

/* A map field as an object sorted by key; of equal keys the last entry wins. */
static int pj_write_map(PjWriter *w, const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                        size_t indent)
{
    size_t n = ftl_tp_value_count(m, f);
    ProtobufCMessage *const *entries = *(ProtobufCMessage *const *const *)PJ_CAT(m, f->offset);
    size_t *order = n ? ftl_tp_map_order(m, f) : NULL;
    int first = 1;
    if (n && !order) {
        w->err->nomem = 1;
        return pj_wfail(w, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const ProtobufCMessage *en = entries[order[i]];
        if (!en || (i + 1 < n && ftl_tp_map_keys_equal(en, entries[order[i + 1]]))) continue;
        ftl_buf_puts(&w->b, first ? "{\n" : ",\n");
        ftl_buf_spaces(&w->b, indent + 2);
        first = 0;
        if (pj_write_entry(w, en, indent + 2) < 0) {
            free(order);
            return -1;
        }
    }
    free(order);
    if (first) {
        ftl_buf_puts(&w->b, "{}");
    } else {
        ftl_buf_putc(&w->b, '\n');
        ftl_buf_spaces(&w->b, indent);
        ftl_buf_putc(&w->b, '}');
    }
    return 0;
}

static int pj_write_array(PjWriter *w, const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          size_t indent)
{
    size_t n = ftl_tp_value_count(m, f);
    if (n == 0) {
        ftl_buf_puts(&w->b, "[]");
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        ftl_buf_puts(&w->b, i ? ",\n" : "[\n");
        ftl_buf_spaces(&w->b, indent + 2);
        size_t old = pj_path_push(&w->path, "[%zu]", i);
        if (pj_write_value(w, f, ftl_tp_value_at(m, f, i), indent + 2) < 0) return -1;
        pj_path_pop(&w->path, old);
    }
    ftl_buf_putc(&w->b, '\n');
    ftl_buf_spaces(&w->b, indent);
    ftl_buf_putc(&w->b, ']');
    return 0;
}

/* google.protobuf.Value: whichever JSON value its kind holds. */
static int pj_write_kind(PjWriter *w, const ProtobufCMessage *m, size_t indent)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (!ftl_tp_has_field(m, f)) continue;
        const void *p = PJ_CAT(m, f->offset);
        if (f->type == PROTOBUF_C_TYPE_DOUBLE && !isfinite(*(const double *)p))
            return pj_wfail(w, "google.protobuf.Value cannot hold NaN or Infinity");
        return pj_write_value(w, f, p, indent);
    }
    ftl_buf_puts(&w->b, "null");
    return 0;
}

static int pj_write_field(PjWriter *w, const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          size_t indent)
{
    if (f->label == PROTOBUF_C_LABEL_REPEATED)
        return ftl_tp_is_map(f) ? pj_write_map(w, m, f, indent) : pj_write_array(w, m, f, indent);
    return pj_write_value(w, f, PJ_CAT(m, f->offset), indent);
}

static int pj_write_message(PjWriter *w, const ProtobufCMessage *m, size_t indent)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    switch (pj_wkt(d)) {
    case PJ_STRUCT: return pj_write_map(w, m, &d->fields[0], indent);
    case PJ_LIST: return pj_write_array(w, m, &d->fields[0], indent);
    case PJ_VALUE: return pj_write_kind(w, m, indent);
    case PJ_PLAIN: break;
    }
    int first = 1;
    for (unsigned i = 0; i < d->n_fields && !w->b.failed; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (ftl_tp_value_count(m, f) == 0) continue;
        ftl_buf_puts(&w->b, first ? "{\n" : ",\n");
        ftl_buf_spaces(&w->b, indent + 2);
        first = 0;
        pj_put_name(w, f);
        char name[128];
        size_t old = pj_path_field(&w->path, (w->flags & FTL_PJ_ORIGINAL_NAMES)
                                                 ? f->name
                                                 : ftl_pj_json_name(f->name, name, sizeof name));
        if (pj_write_field(w, m, f, indent + 2) < 0) return -1;
        pj_path_pop(&w->path, old);
    }
    if (first) {
        ftl_buf_puts(&w->b, "{}");
    } else {
        ftl_buf_putc(&w->b, '\n');
        ftl_buf_spaces(&w->b, indent);
        ftl_buf_putc(&w->b, '}');
    }
    return 0;
}

char *ftl_pj_format(const ProtobufCMessage *msg, unsigned flags, size_t *len, FtlPjError *err)
{
    FtlPjError dummy = {0};
    PjWriter w = {.flags = flags, .err = err ? err : &dummy};
    ftl_buf_init_soft(&w.b);
    memset(w.err, 0, sizeof *w.err);
    if (pj_write_message(&w, msg, 0) < 0) {
        free(w.b.data);
        return NULL;
    }
    ftl_buf_putc(&w.b, '\n');
    char *s = ftl_buf_finish(&w.b, len);
    if (!s) {
        snprintf(w.err->message, sizeof w.err->message, "out of memory");
        w.err->nomem = 1;
    }
    return s;
}

/* ------------------------------------------------------------------------------------ */
/* Reader                                                                               */

typedef struct PjReader {
    unsigned flags;
    PjPath path;
    int depth;
    FtlPjError *err;
} PjReader;

static int pj_fail(PjReader *R, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int pj_fail(PjReader *R, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(R->err->message, sizeof R->err->message, fmt, ap);
    va_end(ap);
    snprintf(R->err->path, sizeof R->err->path, "%s", R->path.buf);
    return -1;
}

static int pj_oom(PjReader *R)
{
    R->err->nomem = 1;
    return pj_fail(R, "out of memory");
}

static const char *pj_kind_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT: return "an object";
    case JSON_ARRAY: return "an array";
    case JSON_STRING: return "a string";
    case JSON_INTEGER:
    case JSON_REAL: return "a number";
    case JSON_TRUE:
    case JSON_FALSE: return "a boolean";
    case JSON_NULL: return "null";
    }
    return "a value";
}

static const char *pj_type_name(ProtobufCType t)
{
    static const char *const names[] = {"int32",    "sint32", "sfixed32", "int64",  "sint64",
                                        "sfixed64", "uint32", "fixed32",  "uint64", "fixed64",
                                        "float",    "double", "bool",     "enum",   "string",
                                        "bytes",    "message"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

/* A decimal integer in a string: optional '-', then digits. */
static int pj_parse_decimal(const char *s, int *neg, uint64_t *mag)
{
    *neg = *s == '-';
    if (*neg) s++;
    if (*s < '0' || *s > '9') return -1;
    uint64_t v = 0;
    for (; *s >= '0' && *s <= '9'; s++) {
        unsigned d = (unsigned)(*s - '0');
        if (v > (UINT64_MAX - d) / 10) return -1;
        v = v * 10 + d;
    }
    *mag = v;
    return *s ? -1 : 0;
}

/* An integral JSON number or numeric string as sign and magnitude. */
static int pj_get_integer(PjReader *R, const ProtobufCFieldDescriptor *f, const json_t *v, int *neg,
                          uint64_t *mag)
{
    if (json_is_integer(v)) {
        json_int_t x = json_integer_value(v);
        *neg = x < 0;
        *mag = x < 0 ? -(uint64_t)x : (uint64_t)x;
        return 0;
    }
    if (json_is_real(v)) {
        double d = json_real_value(v);
        if (d != floor(d) || fabs(d) >= 18446744073709551616.0)
            return pj_fail(R, "%s field \"%s\" needs an integer, got %.17g", pj_type_name(f->type),
                           f->name, d);
        *neg = d < 0;
        *mag = (uint64_t)fabs(d);
        return 0;
    }
    if (json_is_string(v)) {
        if (pj_parse_decimal(json_string_value(v), neg, mag) < 0)
            return pj_fail(R, "%s field \"%s\" needs an integer, got the string \"%.40s\"",
                           pj_type_name(f->type), f->name, json_string_value(v));
        return 0;
    }
    return pj_fail(R, "%s field \"%s\" needs an integer, got %s", pj_type_name(f->type), f->name,
                   pj_kind_name(v));
}

/* An integer within [-neg_limit, max], as int64 (sv) or uint64 (uv). */
static int pj_get_ranged(PjReader *R, const ProtobufCFieldDescriptor *f, const json_t *v,
                         uint64_t neg_limit, uint64_t max, int64_t *sv, uint64_t *uv)
{
    int neg = 0;
    uint64_t mag = 0;
    if (pj_get_integer(R, f, v, &neg, &mag) < 0) return -1;
    if (mag == 0) neg = 0;
    if (neg ? mag > neg_limit : mag > max)
        return pj_fail(R, "value %s%" PRIu64 " is out of range for %s field \"%s\"", neg ? "-" : "",
                       mag, pj_type_name(f->type), f->name);
    if (uv) *uv = mag;
    if (sv) *sv = neg ? (mag == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)mag) : (int64_t)mag;
    return 0;
}

static int pj_get_double(PjReader *R, const ProtobufCFieldDescriptor *f, const json_t *v,
                         double *out)
{
    if (json_is_number(v)) {
        *out = json_number_value(v);
    } else if (json_is_string(v)) {
        const char *s = json_string_value(v);
        char *end = NULL;
        if (strcmp(s, "NaN") == 0) {
            *out = NAN;
        } else if (strcmp(s, "Infinity") == 0) {
            *out = INFINITY;
        } else if (strcmp(s, "-Infinity") == 0) {
            *out = -INFINITY;
        } else if (s[0] != '\0' && strspn(s, "0123456789+-.eE") == strlen(s) &&
                   (*out = strtod(s, &end), *end == '\0')) {
            /* a number in a string */
        } else {
            return pj_fail(R, "%s field \"%s\" needs a number, got the string \"%.40s\"",
                           pj_type_name(f->type), f->name, s);
        }
    } else {
        return pj_fail(R, "%s field \"%s\" needs a number, got %s", pj_type_name(f->type), f->name,
                       pj_kind_name(v));
    }
    /* Out of range is what float rounding turns into infinity; FLT_MAX printed with nine
     * digits (3.40282347e+38) is a little above FLT_MAX but must read back. */
    if (f->type == PROTOBUF_C_TYPE_FLOAT && isfinite(*out) && isinf((float)*out))
        return pj_fail(R, "value %.17g is out of range for float field \"%s\"", *out, f->name);
    return 0;
}

/* Returns 1 when the value is an unknown name to be skipped (FTL_PJ_IGNORE_UNKNOWN). */
static int pj_get_enum(PjReader *R, const ProtobufCFieldDescriptor *f, const json_t *v,
                       int32_t *out)
{
    const ProtobufCEnumDescriptor *ed = f->descriptor;
    if (json_is_null(v) && pj_is_null_enum(f)) {
        *out = 0;
        return 0;
    }
    if (json_is_string(v)) {
        const ProtobufCEnumValue *ev =
            protobuf_c_enum_descriptor_get_value_by_name(ed, json_string_value(v));
        if (ev) {
            *out = ev->value;
            return 0;
        }
        if (R->flags & FTL_PJ_IGNORE_UNKNOWN) return 1;
        return pj_fail(R, "unknown value \"%.60s\" for enum %s", json_string_value(v), ed->name);
    }
    if (json_is_integer(v)) {
        int64_t x;
        if (pj_get_ranged(R, f, v, (uint64_t)INT32_MAX + 1, INT32_MAX, &x, NULL) < 0) return -1;
        *out = (int32_t)x;
        return 0;
    }
    return pj_fail(R, "enum field \"%s\" needs a value name or number, got %s", f->name,
                   pj_kind_name(v));
}

static int pj_b64_digit(char c)
{
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

/* Standard or URL-safe base64, padding optional. out->data is malloc'd (NULL if empty). */
static int pj_base64_decode(const char *s, size_t n, ProtobufCBinaryData *out)
{
    size_t pad = 0;
    while (n > 0 && s[n - 1] == '=' && pad < 2) {
        n--;
        pad++;
    }
    if ((pad && (n + pad) % 4 != 0) || n % 4 == 1) return -1;
    size_t len = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
    out->len = 0;
    out->data = NULL;
    if (len == 0) return 0;
    uint8_t *d = malloc(len);
    if (!d) return -2;
    size_t o = 0;
    uint32_t acc = 0;
    for (size_t i = 0; i < n; i++) {
        int v = pj_b64_digit(s[i]);
        if (v < 0) {
            free(d);
            return -1;
        }
        acc = (acc << 6) | (uint32_t)v;
        if (i % 4 == 3) {
            d[o++] = (uint8_t)(acc >> 16);
            d[o++] = (uint8_t)(acc >> 8);
            d[o++] = (uint8_t)acc;
            acc = 0;
        }
    }
    if (n % 4 == 2) d[o++] = (uint8_t)(acc >> 4);
    if (n % 4 == 3) {
        d[o++] = (uint8_t)(acc >> 10);
        d[o++] = (uint8_t)(acc >> 2);
    }
    out->data = d;
    out->len = o;
    return 0;
}

static int pj_read_message(PjReader *R, ProtobufCMessage *m, const json_t *v);

static int pj_store(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                    const FtlTpValue *value)
{
    return ftl_tp_store(m, f, value) < 0 ? pj_oom(R) : 0;
}

static int pj_read_string(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          const json_t *v)
{
    if (!json_is_string(v))
        return pj_fail(R, "%s field \"%s\" needs a string, got %s", pj_type_name(f->type), f->name,
                       pj_kind_name(v));
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    FtlTpValue x;
    if (f->type == PROTOBUF_C_TYPE_BYTES) {
        int rc = pj_base64_decode(s, n, &x.bytes);
        if (rc == -2) return pj_oom(R);
        if (rc < 0) return pj_fail(R, "bytes field \"%s\" needs base64, got \"%.40s\"", f->name, s);
        return pj_store(R, m, f, &x);
    }
    if (!(x.str = malloc(n + 1))) return pj_oom(R);
    memcpy(x.str, s, n + 1);
    return pj_store(R, m, f, &x);
}

/* Reads one JSON value into (one more value of) field f of m. */
static int pj_read_single(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                          const json_t *v)
{
    FtlTpValue x;
    int64_t sv = 0;
    uint64_t uv = 0;
    int rc = 0;
    switch (f->type) {
    case PROTOBUF_C_TYPE_INT32:
    case PROTOBUF_C_TYPE_SINT32:
    case PROTOBUF_C_TYPE_SFIXED32:
        rc = pj_get_ranged(R, f, v, (uint64_t)INT32_MAX + 1, INT32_MAX, &sv, NULL);
        x.i32 = (int32_t)sv;
        break;
    case PROTOBUF_C_TYPE_INT64:
    case PROTOBUF_C_TYPE_SINT64:
    case PROTOBUF_C_TYPE_SFIXED64:
        rc = pj_get_ranged(R, f, v, (uint64_t)INT64_MAX + 1, INT64_MAX, &x.i64, NULL);
        break;
    case PROTOBUF_C_TYPE_UINT32:
    case PROTOBUF_C_TYPE_FIXED32:
        rc = pj_get_ranged(R, f, v, 0, UINT32_MAX, NULL, &uv);
        x.u32 = (uint32_t)uv;
        break;
    case PROTOBUF_C_TYPE_UINT64:
    case PROTOBUF_C_TYPE_FIXED64: rc = pj_get_ranged(R, f, v, 0, UINT64_MAX, NULL, &x.u64); break;
    case PROTOBUF_C_TYPE_FLOAT: {
        double d = 0;
        rc = pj_get_double(R, f, v, &d);
        x.f = (float)d;
        break;
    }
    case PROTOBUF_C_TYPE_DOUBLE: rc = pj_get_double(R, f, v, &x.d); break;
    case PROTOBUF_C_TYPE_BOOL:
        if (!json_is_boolean(v))
            return pj_fail(R, "bool field \"%s\" needs true or false, got %s", f->name,
                           pj_kind_name(v));
        x.b = json_is_true(v);
        break;
    case PROTOBUF_C_TYPE_ENUM:
        rc = pj_get_enum(R, f, v, &x.i32);
        if (rc == 1) return 0; /* unknown name, ignored */
        break;
    case PROTOBUF_C_TYPE_STRING:
    case PROTOBUF_C_TYPE_BYTES: return pj_read_string(R, m, f, v);
    case PROTOBUF_C_TYPE_MESSAGE: {
        if (R->depth >= FTL_PJ_MAX_DEPTH)
            return pj_fail(R, "messages nested deeper than %d levels", FTL_PJ_MAX_DEPTH);
        ProtobufCMessage *sub = ftl_tp_store_new_message(m, f);
        if (!sub) return pj_oom(R);
        R->depth++;
        rc = pj_read_message(R, sub, v);
        R->depth--;
        return rc;
    }
    }
    return rc < 0 ? -1 : pj_store(R, m, f, &x);
}

static int pj_read_array(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                         const json_t *arr)
{
    size_t i;
    const json_t *elem;
    json_array_foreach(arr, i, elem)
    {
        size_t old = pj_path_push(&R->path, "[%zu]", i);
        if (json_is_null(elem) && !pj_takes_null(f))
            return pj_fail(R, "null is not allowed in repeated field \"%s\"", f->name);
        if (pj_read_single(R, m, f, elem) < 0) return -1;
        pj_path_pop(&R->path, old);
    }
    return 0;
}

/* A map key from its JSON (string) form. */
static int pj_read_map_key(PjReader *R, ProtobufCMessage *entry, const ProtobufCFieldDescriptor *k,
                           const char *key)
{
    if (k->type == PROTOBUF_C_TYPE_STRING) {
        json_t *s = json_string(key);
        if (!s) return pj_oom(R);
        int rc = pj_read_string(R, entry, k, s);
        json_decref(s);
        return rc;
    }
    if (k->type == PROTOBUF_C_TYPE_BOOL) {
        FtlTpValue v;
        v.b = strcmp(key, "true") == 0;
        if (!v.b && strcmp(key, "false") != 0)
            return pj_fail(R, "map key \"%.40s\" is not \"true\" or \"false\"", key);
        return pj_store(R, entry, k, &v);
    }
    json_t *s = json_string(key); /* integers: parsed as a numeric string */
    if (!s) return pj_oom(R);
    int rc = pj_read_single(R, entry, k, s);
    json_decref(s);
    return rc;
}

static int pj_read_map(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                       const json_t *obj)
{
    const ProtobufCMessageDescriptor *e = f->descriptor;
    const char *key;
    const json_t *val;
    if (!json_is_object(obj))
        return pj_fail(R, "map field \"%s\" needs an object, got %s", f->name, pj_kind_name(obj));
    json_object_foreach((json_t *)obj, key, val)
    {
        size_t old = pj_path_push(&R->path, "[\"%s\"]", key);
        if (json_is_null(val) && !pj_takes_null(&e->fields[1]))
            return pj_fail(R, "null is not allowed as a map value");
        ProtobufCMessage *entry = ftl_tp_store_new_message(m, f);
        if (!entry) return pj_oom(R);
        if (pj_read_map_key(R, entry, &e->fields[0], key) < 0) return -1;
        if (pj_read_single(R, entry, &e->fields[1], val) < 0) return -1;
        pj_path_pop(&R->path, old);
    }
    return 0;
}

/* google.protobuf.Value from any JSON value. */
static int pj_read_kind(PjReader *R, ProtobufCMessage *m, const json_t *v)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    unsigned id;
    switch (json_typeof(v)) {
    case JSON_NULL: id = 1; break;
    case JSON_INTEGER:
    case JSON_REAL: id = 2; break;
    case JSON_STRING: id = 3; break;
    case JSON_TRUE:
    case JSON_FALSE: id = 4; break;
    case JSON_OBJECT: id = 5; break;
    default: id = 6; break;
    }
    const ProtobufCFieldDescriptor *f = protobuf_c_message_descriptor_get_field(d, id);
    if (!f) return pj_fail(R, "unexpected layout of %s", d->name);
    return pj_read_single(R, m, f, v);
}

static int pj_read_field(PjReader *R, ProtobufCMessage *m, const ProtobufCFieldDescriptor *f,
                         const json_t *v, unsigned char *seen)
{
    size_t i = (size_t)(f - m->descriptor->fields);
    if (seen[i]) return pj_fail(R, "field \"%s\" is given more than once", f->name);
    seen[i] = 1;
    if (json_is_null(v) && !pj_takes_null(f)) return 0; /* null: the field is absent */
    const ProtobufCFieldDescriptor *other = ftl_tp_oneof_current(m, f);
    if (other && other != f)
        return pj_fail(R,
                       "field \"%s\" is given along with \"%s\", another member of the same oneof",
                       f->name, other->name);
    if (f->label != PROTOBUF_C_LABEL_REPEATED) return pj_read_single(R, m, f, v);
    if (ftl_tp_is_map(f)) return pj_read_map(R, m, f, v);
    if (!json_is_array(v))
        return pj_fail(R, "repeated field \"%s\" needs an array, got %s", f->name, pj_kind_name(v));
    return pj_read_array(R, m, f, v);
}

static int pj_read_message(PjReader *R, ProtobufCMessage *m, const json_t *v)
{
    const ProtobufCMessageDescriptor *d = m->descriptor;
    switch (pj_wkt(d)) {
    case PJ_STRUCT: return pj_read_map(R, m, &d->fields[0], v);
    case PJ_VALUE: return pj_read_kind(R, m, v);
    case PJ_LIST:
        if (!json_is_array(v))
            return pj_fail(R, "%s needs an array, got %s", d->name, pj_kind_name(v));
        return pj_read_array(R, m, &d->fields[0], v);
    case PJ_PLAIN: break;
    }
    if (!json_is_object(v))
        return pj_fail(R, "message %s needs an object, got %s", d->name, pj_kind_name(v));
    unsigned char *seen = calloc(d->n_fields + 1, 1);
    if (!seen) return pj_oom(R);
    const char *key;
    const json_t *val;
    int rc = 0;
    json_object_foreach((json_t *)v, key, val)
    {
        const ProtobufCFieldDescriptor *f = pj_find_field(d, key);
        if (!f && (R->flags & FTL_PJ_IGNORE_UNKNOWN)) continue;
        size_t old = pj_path_field(&R->path, key);
        rc = f ? pj_read_field(R, m, f, val, seen)
               : pj_fail(R, "unknown field \"%s\" in message %s", key, d->name);
        if (rc < 0) break;
        pj_path_pop(&R->path, old);
    }
    free(seen);
    return rc;
}

/* Line and byte column of the last byte before offset pos. */
static void pj_locate(const char *text, size_t len, size_t pos, int *line, int *col)
{
    size_t off = pos > 0 ? pos - 1 : 0, bol = 0;
    if (off > len) off = len;
    *line = 1;
    for (size_t i = 0; i < off; i++) {
        if (text[i] == '\n') {
            ++*line;
            bol = i + 1;
        }
    }
    *col = (int)(off - bol) + 1;
}

ProtobufCMessage *ftl_pj_parse(const ProtobufCMessageDescriptor *desc, const char *text, size_t len,
                               unsigned flags, FtlPjError *err)
{
    FtlPjError dummy = {0};
    PjReader R = {.flags = flags, .err = err ? err : &dummy};
    memset(R.err, 0, sizeof *R.err);
    json_error_t je;
    json_t *root =
        json_loadb(text ? text : "", text ? len : 0, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &je);
    if (!root) {
        pj_locate(text ? text : "", text ? len : 0, je.position > 0 ? (size_t)je.position : 0,
                  &R.err->line, &R.err->column);
        snprintf(R.err->message, sizeof R.err->message, "%s", je.text);
        return NULL;
    }
    ProtobufCMessage *m = ftl_tp_message_new(desc);
    int rc = m ? pj_read_message(&R, m, root) : pj_oom(&R);
    json_decref(root);
    if (rc < 0) {
        protobuf_c_message_free_unpacked(m, NULL);
        return NULL;
    }
    return m;
}
