/* pbfield.c - field access, scalar formatting and message building for any
 * protobuf-c message, shared by the text format and JSON codecs (pbfield.h).
 *
 * Presence follows "the same message" meaning "the bytes
 * protobuf_c_message_pack() makes of it":
 *   - a proto3 field without presence is set iff protobuf-c packs it, i.e. iff
 *     it is non-zero (so -0.0 is not: protobuf-c 1.4 compares with 0);
 *   - a oneof string or message member equal to NULL or to the field's default
 *     pointer is not packed by protobuf-c, so it is not set either.
 * Messages are built like protobuf_c_message_unpack() builds them: every message,
 * string, byte array and repeated array malloc'd separately and every message
 * initialised with its descriptor's message_init, so protobuf_c_message_free_unpacked
 * (msg, NULL) releases everything, also a partial tree left by an error.
 */
#include "proto/pbfield.h"
#include "base/swar.h"

#include <errno.h>
#include <float.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

const void *ftl_tp_packed_value(const ProtobufCFieldDescriptor *f, const void *p)
{
    return f->type != PROTOBUF_C_TYPE_MESSAGE && tp_is_zero(f, p) ? (const void *)tp_zero : p;
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
