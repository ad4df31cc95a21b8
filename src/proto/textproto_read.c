/* textproto_read.c - the protobuf text format reader for any protobuf-c message.
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
 *
 * Messages are built with pbfield.h's helpers, as protobuf_c_message_unpack()
 * builds them, so protobuf_c_message_free_unpacked(msg, NULL) releases
 * everything, also the partial tree left by an error.
 */
#include "proto/textproto.h"
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
