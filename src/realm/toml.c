/* toml.c - TOML 1.0 reader with byte spans, and an in-place editor (see toml.h).
 *
 * The reader is a hand-written recursive descent over the bytes. Before anything
 * else the whole text is checked once for what TOML allows nowhere: invalid UTF-8,
 * control characters other than tab, LF and CR, and a CR not followed by LF. The
 * grammar then only has to deal with ASCII structure.
 *
 * Definitions follow the TOML 1.0 rules, as tomli implements them:
 *   - [a.b] defines a.b once; it may name a table so far only implied by another
 *     header ([a.b.c] implies a and a.b), but not one made by dotted keys, an inline
 *     table, an array or a value;
 *   - dotted keys make tables in the current section; they may go through tables
 *     made by dotted keys in the same section (or in the same inline table) and
 *     through tables only implied by headers, never through a [header] table, an
 *     inline table or an array;
 *   - [[a]] appends a table to the array of tables a; a header path going through
 *     an array of tables goes into its last element; a static array a = [...] can
 *     never be extended.
 *
 * Everything a document holds lives in its arena; the parser's scratch buffer is
 * the only other allocation, freed before ftl_toml_parse() returns.
 */
#include "realm/toml.h"

#include "base/arena.h"
#include "base/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct FtlTomlDoc {
    FtlArena arena;
    char *text; /* NUL-terminated copy */
    size_t len;
    FtlTomlTable *root;
    FtlTomlTable **headers; /* HEADER and ARRAY_ELEM tables in document order */
    size_t nheaders, capheaders;
    const char *nl; /* "\n" or "\r\n": the line ending of the first line */
};

typedef struct KeySeg {
    const char *s; /* decoded, in the arena */
    size_t len;
    FtlTomlSpan span;
} KeySeg;

typedef struct Key {
    KeySeg *segs;
    size_t n, cap;
} Key;

typedef struct Parser {
    FtlTomlDoc *doc;
    const char *s;
    size_t len, pos;
    FtlTomlError *err;
    int sections;  /* counter: every header and inline table starts a new one */
    FtlBuf scratch; /* decoding buffer */
} Parser;

/* ------------------------------------------------------------------------------------ */
/* Errors and positions                                                                 */

static void position_of(const char *s, size_t len, size_t off, int *line, int *col)
{
    int l = 1;
    size_t ls = 0;
    if (off > len) off = len;
    for (size_t i = 0; i < off; i++) {
        if (s[i] == '\n') {
            l++;
            ls = i + 1;
        }
    }
    *line = l;
    *col = (int)(off - ls) + 1;
}

static void error_at(FtlTomlError *err, const char *s, size_t len, size_t off, const char *fmt,
                     va_list ap)
{
    if (!err) return;
    if (s) {
        position_of(s, len, off, &err->line, &err->column);
        err->offset = off;
    } else {
        err->line = err->column = 0;
        err->offset = 0;
    }
    vsnprintf(err->message, sizeof err->message, fmt, ap);
}

static int fail(Parser *p, size_t off, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(Parser *p, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    error_at(p->err, p->s, p->len, off, fmt, ap);
    va_end(ap);
    return -1;
}

/* Writes s[0..n) into out (cap bytes) for a message: at most ~80 bytes, quotes,
 * backslashes and control characters escaped, never cutting a UTF-8 sequence. */
static void show(char *out, size_t cap, const char *s, size_t n)
{
    size_t o = 0, lim = cap > 88 ? 80 : cap > 8 ? cap - 8 : 0;
    if (cap < 4) {
        if (cap) out[0] = '\0';
        return;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (((c & 0xC0) != 0x80 && o >= lim) || o >= lim + 4) { /* not inside a character */
            memcpy(out + o, "...", 3);
            o += 3;
            break;
        }
        if (c == '"' || c == '\\') {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c < 0x20 || c == 0x7f) {
            o += (size_t)snprintf(out + o, cap - o, "\\x%02X", c);
        } else {
            out[o++] = (char)c;
        }
    }
    out[o] = '\0';
}

/* The dotted form of segments [0, n) of k, for messages. */
static void show_key(char *out, size_t cap, const Key *k, size_t n)
{
    size_t o = 0;
    out[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (i) out[o++] = '.';
        show(out + o, cap - o, k->segs[i].s, k->segs[i].len);
        o += strlen(out + o);
        if (o > 80) break;
    }
    out[o < cap ? o : cap - 1] = '\0';
}

/* ------------------------------------------------------------------------------------ */
/* Bytes                                                                                */

/* Rejects what TOML allows nowhere: invalid UTF-8 (overlong forms, surrogates, code
 * points above U+10FFFF), control characters other than tab/LF/CR, a bare CR. */
static int check_bytes(Parser *p)
{
    const unsigned char *s = (const unsigned char *)p->s;
    size_t n = p->len;
    for (size_t i = 0; i < n;) {
        unsigned c = s[i];
        if (c < 0x80) {
            if (c == '\r' && (i + 1 >= n || s[i + 1] != '\n'))
                return fail(p, i, "carriage return not followed by a line feed");
            if (c == 0) return fail(p, i, "NUL byte");
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f)
                return fail(p, i, "control character U+%04X is not allowed", c);
            i++;
            continue;
        }
        int k = ftl_utf8_len(s + i, n - i);
        if (!k) return fail(p, i, "invalid UTF-8");
        i += (size_t)k;
    }
    return 0;
}

static int is_bare(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

static int is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static int hex_val(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int peek(const Parser *p, size_t ahead)
{
    return p->pos + ahead < p->len ? (unsigned char)p->s[p->pos + ahead] : -1;
}

static void skip_ws(Parser *p)
{
    while (p->pos < p->len && (p->s[p->pos] == ' ' || p->s[p->pos] == '\t'))
        p->pos++;
}

static int at_newline(const Parser *p)
{
    return peek(p, 0) == '\n' || (peek(p, 0) == '\r' && peek(p, 1) == '\n');
}

/* Skips a comment (check_bytes already rejected what comments may not hold). */
static void skip_comment(Parser *p)
{
    if (peek(p, 0) != '#') return;
    while (p->pos < p->len && !at_newline(p))
        p->pos++;
}

static void eat_newline(Parser *p)
{
    if (peek(p, 0) == '\r') p->pos++;
    if (peek(p, 0) == '\n') p->pos++;
}

/* After a key/value pair or a header: spaces, a comment, then a newline or the end. */
static int end_line(Parser *p, const char *after)
{
    skip_ws(p);
    skip_comment(p);
    if (p->pos >= p->len) return 0;
    if (!at_newline(p)) return fail(p, p->pos, "expected end of line after %s", after);
    eat_newline(p);
    return 0;
}

/* Spaces, newlines and comments, as allowed between array elements. */
static void skip_blank(Parser *p)
{
    for (;;) {
        skip_ws(p);
        if (peek(p, 0) == '#') skip_comment(p);
        if (!at_newline(p)) return;
        eat_newline(p);
    }
}

/* ------------------------------------------------------------------------------------ */
/* Allocation                                                                           */

static void scratch_put(Parser *p, const char *s, size_t n)
{
    ftl_buf_put(&p->scratch, s, n);
}

static void scratch_utf8(Parser *p, unsigned long cp)
{
    unsigned char b[4];
    int n = ftl_utf8_put(b, (uint32_t)cp);
    scratch_put(p, (const char *)b, (size_t)n);
}

static FtlTomlValue *new_value(Parser *p, FtlTomlType type, size_t start)
{
    FtlTomlValue *v = FTL_NEW(&p->doc->arena, FtlTomlValue);
    v->type = type;
    v->span.start = v->span.end = start;
    return v;
}

static FtlTomlTable *new_table(Parser *p, FtlTomlTableKind kind, FtlTomlTable *parent)
{
    FtlTomlTable *t = FTL_NEW(&p->doc->arena, FtlTomlTable);
    t->kind = kind;
    t->parent = parent;
    return t;
}

/* Appends an element to an array value, doubling its arena storage as needed. */
static void array_push(Parser *p, FtlTomlValue *a, FtlTomlValue *item, size_t *cap)
{
    if (a->count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 4;
        FtlTomlValue **items = FTL_NEW_N(&p->doc->arena, FtlTomlValue *, ncap);
        if (a->count) memcpy(items, a->items, a->count * sizeof *items);
        a->items = items;
        *cap = ncap;
    }
    a->items[a->count++] = item;
}

static void key_push(Parser *p, Key *k, KeySeg seg)
{
    if (k->n == k->cap) {
        size_t ncap = k->cap ? k->cap * 2 : 4;
        KeySeg *segs = FTL_NEW_N(&p->doc->arena, KeySeg, ncap);
        if (k->n) memcpy(segs, k->segs, k->n * sizeof *segs);
        k->segs = segs;
        k->cap = ncap;
    }
    k->segs[k->n++] = seg;
}

static void add_header(FtlTomlDoc *doc, FtlTomlTable *t)
{
    if (doc->nheaders == doc->capheaders) {
        doc->capheaders = doc->capheaders ? doc->capheaders * 2 : 16;
        doc->headers = ftl_xrealloc(doc->headers, doc->capheaders * sizeof *doc->headers);
    }
    doc->headers[doc->nheaders++] = t;
}

/* ------------------------------------------------------------------------------------ */
/* Strings                                                                              */

/* A string starting at p->pos (a quote). allow_multi is 0 for keys. The decoded bytes
 * are copied to the arena. */
static int parse_string(Parser *p, int allow_multi, const char **out, size_t *outlen)
{
    size_t start = p->pos;
    char q = p->s[start];
    int multi = peek(p, 1) == q && peek(p, 2) == q;
    if (multi && !allow_multi) return fail(p, start, "a key cannot be a multi-line string");
    p->scratch.len = 0;
    scratch_put(p, "", 0);
    if (multi) {
        p->pos += 3;
        if (at_newline(p)) eat_newline(p); /* a newline right after the delimiter is trimmed */
    } else {
        p->pos++;
    }
    for (;;) {
        if (p->pos >= p->len) return fail(p, start, "unterminated string");
        char c = p->s[p->pos];
        if (c == q) {
            if (!multi) {
                p->pos++;
                break;
            }
            size_t run = 0;
            while (p->pos + run < p->len && p->s[p->pos + run] == q)
                run++;
            if (run >= 3) {
                if (run > 5)
                    return fail(p, p->pos + 5, "unexpected %c after the end of a string", q);
                scratch_put(p, p->s + p->pos, run - 3); /* up to two quotes before the end */
                p->pos += run;
                break;
            }
            scratch_put(p, p->s + p->pos, run);
            p->pos += run;
            continue;
        }
        if (c == '\n' || c == '\r') {
            if (!multi) return fail(p, start, "unterminated string");
            eat_newline(p);
            scratch_put(p, "\n", 1);
            continue;
        }
        if (c == '\\' && q == '"') {
            size_t esc = p->pos;
            int d = peek(p, 1);
            const char *simple = NULL;
            switch (d) {
            case 'b': simple = "\b"; break;
            case 't': simple = "\t"; break;
            case 'n': simple = "\n"; break;
            case 'f': simple = "\f"; break;
            case 'r': simple = "\r"; break;
            case '"': simple = "\""; break;
            case '\\': simple = "\\"; break;
            default: break;
            }
            if (simple) {
                scratch_put(p, simple, 1);
                p->pos += 2;
                continue;
            }
            if (d == 'u' || d == 'U') {
                int k = d == 'u' ? 4 : 8;
                unsigned long cp = 0;
                for (int i = 0; i < k; i++) {
                    int h = hex_val(peek(p, 2 + (size_t)i));
                    if (h < 0)
                        return fail(p, esc, "invalid escape: \\%c needs %d hexadecimal digits", d,
                                    k);
                    cp = cp * 16 + (unsigned long)h;
                }
                if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                    return fail(p, esc, "invalid escape: U+%lX is not a Unicode scalar value", cp);
                scratch_utf8(p, cp);
                p->pos += 2 + (size_t)k;
                continue;
            }
            if (multi && (d == ' ' || d == '\t' || d == '\n' || d == '\r')) {
                /* line-ending backslash: skip whitespace and newlines up to the next
                 * other character */
                size_t i = p->pos + 1;
                while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t'))
                    i++;
                if (i < p->len && (p->s[i] == '\n' || p->s[i] == '\r')) {
                    while (i < p->len && (p->s[i] == ' ' || p->s[i] == '\t' || p->s[i] == '\n' ||
                                          p->s[i] == '\r'))
                        i++;
                    p->pos = i;
                    continue;
                }
            }
            if (d > 0x20 && d < 0x7f) return fail(p, esc, "invalid escape \\%c", d);
            if (d < 0) return fail(p, start, "unterminated string");
            return fail(p, esc, "invalid escape");
        }
        scratch_put(p, &p->s[p->pos], 1);
        p->pos++;
    }
    *out = ftl_arena_strndup(&p->doc->arena, p->scratch.data, p->scratch.len);
    *outlen = p->scratch.len;
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Keys                                                                                 */

/* A dotted key at p->pos; trailing spaces are skipped. */
static int parse_key(Parser *p, Key *k)
{
    memset(k, 0, sizeof *k);
    for (;;) {
        skip_ws(p);
        KeySeg seg;
        seg.span.start = p->pos;
        int c = peek(p, 0);
        if (c == '"' || c == '\'') {
            if (parse_string(p, 0, &seg.s, &seg.len) < 0) return -1;
        } else if (c >= 0 && is_bare(c)) {
            while (p->pos < p->len && is_bare((unsigned char)p->s[p->pos]))
                p->pos++;
            seg.len = p->pos - seg.span.start;
            seg.s = ftl_arena_strndup(&p->doc->arena, p->s + seg.span.start, seg.len);
        } else {
            return fail(p, p->pos, "expected a key");
        }
        seg.span.end = p->pos;
        key_push(p, k, seg);
        skip_ws(p);
        if (peek(p, 0) != '.') return 0;
        p->pos++;
    }
}

/* ------------------------------------------------------------------------------------ */
/* Numbers, booleans, dates and times                                                   */

static int is_token_char(int c)
{
    return is_bare(c) || c == '+' || c == '.' || c == ':';
}

static int digit_in(int c, int base)
{
    if (base == 16) return hex_val(c) >= 0;
    return c >= '0' && c < '0' + base;
}

/* Digits of base from t[*j], with single underscores between digits. Returns the
 * number of digits, or -1 for a misplaced underscore. */
static int scan_digits(const char *t, size_t n, size_t *j, int base)
{
    int count = 0;
    while (*j < n) {
        int c = (unsigned char)t[*j];
        if (digit_in(c, base)) {
            count++;
        } else if (c == '_') {
            if (count == 0 || *j + 1 >= n || !digit_in((unsigned char)t[*j + 1], base)) return -1;
        } else {
            break;
        }
        (*j)++;
    }
    return count;
}

static int two(const char *t, size_t at, int *v)
{
    if (!is_digit(t[at]) || !is_digit(t[at + 1])) return 0;
    *v = (t[at] - '0') * 10 + (t[at + 1] - '0');
    return 1;
}

/* HH:MM:SS[.fraction] at t[i]; the end in *end. */
static int check_time(const char *t, size_t n, size_t i, size_t *end)
{
    int h, m, s;
    if (n - i < 8 || t[i + 2] != ':' || t[i + 5] != ':') return 0;
    if (!two(t, i, &h) || !two(t, i + 3, &m) || !two(t, i + 6, &s)) return 0;
    if (h > 23 || m > 59 || s > 60) return 0;
    i += 8;
    if (i < n && t[i] == '.') {
        i++;
        if (i >= n || !is_digit(t[i])) return 0;
        while (i < n && is_digit(t[i]))
            i++;
    }
    *end = i;
    return 1;
}

/* Whether t[0..n) is a valid date, time or date-time (n >= 3 and it starts like one). */
static int check_datetime(const char *t, size_t n)
{
    size_t end;
    if (t[2] == ':') return check_time(t, n, 0, &end) && end == n;
    if (n < 10 || t[4] != '-' || t[7] != '-') return 0;
    int y1, y2, mo, d;
    if (!two(t, 0, &y1) || !two(t, 2, &y2) || !two(t, 5, &mo) || !two(t, 8, &d)) return 0;
    int y = y1 * 100 + y2;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1]) return 0;
    if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0))) return 0;
    if (n == 10) return 1;
    if (t[10] != 'T' && t[10] != 't' && t[10] != ' ') return 0;
    if (!check_time(t, n, 11, &end)) return 0;
    if (end == n) return 1;
    if ((t[end] == 'Z' || t[end] == 'z') && end + 1 == n) return 1;
    int oh, om;
    if ((t[end] != '+' && t[end] != '-') || n - end != 6 || t[end + 3] != ':') return 0;
    if (!two(t, end + 1, &oh) || !two(t, end + 4, &om)) return 0;
    return oh <= 23 && om <= 59;
}

/* A value that is not a string, array or inline table: read as a token of letters,
 * digits and _+-.: (plus the space of "1979-05-27 07:32:00"), then classified. */
static int parse_scalar(Parser *p, FtlTomlValue **out)
{
    size_t start = p->pos;
    while (p->pos < p->len && is_token_char((unsigned char)p->s[p->pos]))
        p->pos++;
    if (p->pos - start == 10 && peek(p, 0) == ' ' && peek(p, 1) >= 0 && is_digit(peek(p, 1)) &&
        peek(p, 2) >= 0 && is_digit(peek(p, 2)) && peek(p, 3) == ':' && is_digit(p->s[start]) &&
        p->s[start + 4] == '-') {
        p->pos++;
        while (p->pos < p->len && is_token_char((unsigned char)p->s[p->pos]))
            p->pos++;
    }
    const char *t = p->s + start;
    size_t n = p->pos - start;
    if (n == 0) return fail(p, start, "expected a value");
    FtlTomlValue *v = new_value(p, FTL_TOML_BOOL, start);
    v->span.end = p->pos;
    *out = v;

    if ((n == 4 && !memcmp(t, "true", 4)) || (n == 5 && !memcmp(t, "false", 5))) {
        v->boolean = n == 4;
        return 0;
    }
    if (n >= 3 && is_digit(t[0]) && is_digit(t[1]) &&
        (t[2] == ':' || (n >= 5 && is_digit(t[2]) && is_digit(t[3]) && t[4] == '-'))) {
        if (!check_datetime(t, n)) return fail(p, start, "invalid date or time");
        v->type = FTL_TOML_DATETIME;
        v->str = ftl_arena_strndup(&p->doc->arena, t, n);
        v->len = n;
        return 0;
    }

    size_t i = 0;
    int neg = 0;
    if (t[0] == '+' || t[0] == '-') {
        neg = t[0] == '-';
        i = 1;
    }
    const char *b = t + i;
    size_t bn = n - i;
    if (bn == 3 && (!memcmp(b, "inf", 3) || !memcmp(b, "nan", 3))) {
        v->type = FTL_TOML_FLOAT;
        v->number = b[0] == 'i' ? (neg ? -HUGE_VAL : HUGE_VAL) : (neg ? -NAN : NAN);
        return 0;
    }
    if (bn == 0 || !is_digit(b[0])) {
        if (i == 0 && bn > 0 && b[0] != '.')
            return fail(p, start, "invalid value (strings must be quoted)");
        return fail(p, start, "invalid number");
    }
    v->type = FTL_TOML_INTEGER;
    if (bn >= 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'o' || b[1] == 'b')) {
        int base = b[1] == 'x' ? 16 : b[1] == 'o' ? 8 : 2;
        if (i)
            return fail(p, start,
                        "a sign is not allowed on a hexadecimal, octal or binary integer");
        size_t j = 2;
        if (scan_digits(b, bn, &j, base) <= 0 || j != bn) return fail(p, start, "invalid number");
        uint64_t u = 0;
        for (j = 2; j < bn; j++) {
            if (b[j] == '_') continue;
            uint64_t dv = (uint64_t)hex_val((unsigned char)b[j]);
            if (u > (UINT64_C(0x7FFFFFFFFFFFFFFF) - dv) / (uint64_t)base)
                return fail(p, start, "integer out of range");
            u = u * (uint64_t)base + dv;
        }
        v->integer = (int64_t)u;
        return 0;
    }
    size_t j = 0;
    int nd = scan_digits(b, bn, &j, 10);
    if (nd <= 0) return fail(p, start, "invalid number");
    if (b[0] == '0' && nd > 1) return fail(p, start, "leading zeros are not allowed");
    int is_float = 0;
    if (j < bn && b[j] == '.') {
        j++;
        if (scan_digits(b, bn, &j, 10) <= 0) return fail(p, start, "invalid number");
        is_float = 1;
    }
    if (j < bn && (b[j] == 'e' || b[j] == 'E')) {
        j++;
        if (j < bn && (b[j] == '+' || b[j] == '-')) j++;
        if (scan_digits(b, bn, &j, 10) <= 0) return fail(p, start, "invalid number");
        is_float = 1;
    }
    if (j != bn) return fail(p, start, "invalid number");
    if (!is_float) {
        uint64_t limit = neg ? UINT64_C(0x8000000000000000) : UINT64_C(0x7FFFFFFFFFFFFFFF);
        uint64_t u = 0;
        for (j = 0; j < bn; j++) {
            if (b[j] == '_') continue;
            uint64_t dv = (uint64_t)(b[j] - '0');
            if (u > (limit - dv) / 10) return fail(p, start, "integer out of range");
            u = u * 10 + dv;
        }
        v->integer = !neg ? (int64_t)u : u == limit ? INT64_MIN : -(int64_t)u;
        return 0;
    }
    p->scratch.len = 0;
    for (j = 0; j < n; j++)
        if (t[j] != '_') scratch_put(p, t + j, 1);
    errno = 0;
    char *end;
    v->type = FTL_TOML_FLOAT;
    v->number = strtod(ftl_buf_cstr(&p->scratch), &end);
    if (errno == ERANGE && isinf(v->number)) return fail(p, start, "float out of range");
    return 0;
}

/* ------------------------------------------------------------------------------------ */
/* Tables                                                                               */

static FtlTomlEntry *find_entry(const FtlTomlTable *t, const char *key, size_t len)
{
    for (FtlTomlEntry *e = t->first; e; e = e->next)
        if (e->key_len == len && memcmp(e->key, key, len) == 0) return e;
    return NULL;
}

static FtlTomlEntry *add_entry(Parser *p, FtlTomlTable *t, const KeySeg *seg, FtlTomlValue *v)
{
    FtlTomlEntry *e = FTL_NEW(&p->doc->arena, FtlTomlEntry);
    e->key = seg->s;
    e->key_len = seg->len;
    e->key_span = seg->span;
    e->value = v;
    if (t->last)
        t->last->next = e;
    else
        t->first = e;
    t->last = e;
    t->count++;
    return e;
}

/* A new table entry for seg in t. */
static FtlTomlTable *add_table_entry(Parser *p, FtlTomlTable *t, const KeySeg *seg,
                                     FtlTomlTableKind kind)
{
    FtlTomlValue *v = new_value(p, FTL_TOML_TABLE, seg->span.start);
    v->span = seg->span;
    v->table = new_table(p, kind, t);
    add_entry(p, t, seg, v);
    return v->table;
}

/* "L:C" of a byte offset. */
static void at(const Parser *p, size_t off, char out[32])
{
    int l, c;
    position_of(p->s, p->len, off, &l, &c);
    snprintf(out, 32, "%d:%d", l, c);
}

/* The message for naming k[0..i] again when entry e already holds it. */
static int fail_defined(Parser *p, const Key *k, size_t i, const FtlTomlEntry *e, const char *what)
{
    char name[200], pos[32];
    show_key(name, sizeof name, k, i + 1);
    at(p, e->value->span.start, pos);
    const FtlTomlValue *v = e->value;
    const char *as =
        v->type != FTL_TOML_TABLE
            ? (v->type == FTL_TOML_ARRAY ? (v->array_of_tables ? "an array of tables" : "an array")
                                         : "a value")
        : v->table->kind == FTL_TOML_INLINE ? "an inline table"
        : v->table->kind == FTL_TOML_DOTTED ? "a table by dotted keys"
                                            : "a table";
    return fail(p, k->segs[i].span.start, "%s \"%s\": already defined as %s at %s", what, name, as,
                pos);
}

/* Defines the dotted key k = v in table t (the current section or an inline table). */
static FtlTomlEntry *insert_kv(Parser *p, FtlTomlTable *t, const Key *k, FtlTomlValue *v,
                               int section)
{
    for (size_t i = 0; i + 1 < k->n; i++) {
        FtlTomlEntry *e = find_entry(t, k->segs[i].s, k->segs[i].len);
        if (!e) {
            t = add_table_entry(p, t, &k->segs[i], FTL_TOML_DOTTED);
            t->section = section;
            continue;
        }
        if (e->value->type != FTL_TOML_TABLE) {
            fail_defined(p, k, i, e, "cannot add keys to");
            return NULL;
        }
        FtlTomlTable *sub = e->value->table;
        if (sub->kind == FTL_TOML_IMPLICIT) {
            sub->kind = FTL_TOML_DOTTED;
            sub->section = section;
        } else if (sub->kind != FTL_TOML_DOTTED || sub->section != section) {
            char name[200], pos[32];
            show_key(name, sizeof name, k, i + 1);
            at(p, e->value->span.start, pos);
            const char *why = sub->kind == FTL_TOML_INLINE ? "an inline table"
                              : sub->kind == FTL_TOML_DOTTED
                                  ? "a table defined by dotted keys elsewhere"
                                  : "a table with a [header]";
            fail(p, k->segs[i].span.start,
                 "cannot add keys to \"%s\" with dotted keys: it is %s (defined at %s)", name, why,
                 pos);
            return NULL;
        }
        t = sub;
    }
    const KeySeg *last = &k->segs[k->n - 1];
    FtlTomlEntry *e = find_entry(t, last->s, last->len);
    if (e) {
        char name[200], pos[32];
        show(name, sizeof name, last->s, last->len);
        at(p, e->key_span.start, pos);
        fail(p, last->span.start, "duplicate key \"%s\" (first defined at %s)", name, pos);
        return NULL;
    }
    if (v->type == FTL_TOML_TABLE) v->table->parent = t;
    return add_entry(p, t, last, v);
}

/* [key] (aot = 0) or [[key]] (aot = 1): the table that its section fills, and in
 * *out the value that holds it. */
static FtlTomlTable *define_header(Parser *p, const Key *k, int aot, FtlTomlValue **out)
{
    FtlTomlTable *t = p->doc->root;
    for (size_t i = 0; i + 1 < k->n; i++) {
        FtlTomlEntry *e = find_entry(t, k->segs[i].s, k->segs[i].len);
        if (!e) {
            t = add_table_entry(p, t, &k->segs[i], FTL_TOML_IMPLICIT);
            continue;
        }
        FtlTomlValue *v = e->value;
        if (v->type == FTL_TOML_TABLE && v->table->kind != FTL_TOML_INLINE) {
            t = v->table;
        } else if (v->type == FTL_TOML_ARRAY && v->array_of_tables) {
            t = v->items[v->count - 1]->table;
        } else {
            fail_defined(p, k, i, e, "cannot define a table in");
            return NULL;
        }
    }
    const KeySeg *last = &k->segs[k->n - 1];
    FtlTomlEntry *e = find_entry(t, last->s, last->len);
    if (aot) {
        FtlTomlValue *arr;
        if (!e) {
            arr = new_value(p, FTL_TOML_ARRAY, last->span.start);
            arr->span = last->span;
            arr->array_of_tables = 1;
            add_entry(p, t, last, arr);
        } else if (e->value->type == FTL_TOML_ARRAY && e->value->array_of_tables) {
            arr = e->value;
        } else {
            fail_defined(p, k, k->n - 1, e, "cannot append to");
            return NULL;
        }
        FtlTomlValue *tv = new_value(p, FTL_TOML_TABLE, last->span.start);
        tv->table = new_table(p, FTL_TOML_ARRAY_ELEM, t);
        size_t cap = 0; /* what array_push allocated so far: 0, then 4, 8, 16, ... */
        if (arr->count) {
            cap = 4;
            while (cap < arr->count)
                cap *= 2;
        }
        array_push(p, arr, tv, &cap);
        *out = tv;
        return tv->table;
    }
    if (!e) {
        FtlTomlTable *nt = add_table_entry(p, t, last, FTL_TOML_HEADER);
        *out = t->last->value;
        return nt;
    }
    FtlTomlValue *v = e->value;
    if (v->type == FTL_TOML_TABLE && v->table->kind == FTL_TOML_IMPLICIT) {
        v->table->kind = FTL_TOML_HEADER;
        *out = v;
        return v->table;
    }
    if (v->type == FTL_TOML_TABLE &&
        (v->table->kind == FTL_TOML_HEADER || v->table->kind == FTL_TOML_ARRAY_ELEM)) {
        char name[200], pos[32];
        show_key(name, sizeof name, k, k->n);
        at(p, v->span.start, pos);
        fail(p, last->span.start, "table \"%s\" defined twice (first defined at %s)", name, pos);
        return NULL;
    }
    fail_defined(p, k, k->n - 1, e, "cannot define table");
    return NULL;
}

/* ------------------------------------------------------------------------------------ */
/* Values                                                                               */

static int parse_value(Parser *p, int depth, FtlTomlValue **out);

static int parse_array(Parser *p, int depth, FtlTomlValue **out)
{
    size_t start = p->pos;
    FtlTomlValue *a = new_value(p, FTL_TOML_ARRAY, start);
    size_t cap = 0;
    p->pos++;
    for (;;) {
        skip_blank(p);
        if (p->pos >= p->len) return fail(p, start, "unterminated array");
        if (p->s[p->pos] == ']') break;
        FtlTomlValue *item;
        if (parse_value(p, depth + 1, &item) < 0) return -1;
        array_push(p, a, item, &cap);
        skip_blank(p);
        if (p->pos >= p->len) return fail(p, start, "unterminated array");
        if (p->s[p->pos] == ']') break;
        if (p->s[p->pos] != ',') return fail(p, p->pos, "expected ',' or ']' in array");
        p->pos++;
    }
    p->pos++;
    a->span.end = p->pos;
    *out = a;
    return 0;
}

static int inline_space(Parser *p, size_t start)
{
    skip_ws(p);
    if (p->pos >= p->len) return fail(p, start, "unterminated inline table");
    if (at_newline(p) || p->s[p->pos] == '#')
        return fail(p, p->pos, "an inline table must be on one line");
    return 0;
}

static int parse_inline_table(Parser *p, int depth, FtlTomlValue **out)
{
    size_t start = p->pos;
    FtlTomlValue *v = new_value(p, FTL_TOML_TABLE, start);
    FtlTomlTable *t = new_table(p, FTL_TOML_INLINE, NULL);
    int section = ++p->sections;
    v->table = t;
    p->pos++;
    if (inline_space(p, start) < 0) return -1;
    if (p->s[p->pos] != '}') {
        for (;;) {
            Key k;
            if (parse_key(p, &k) < 0) return -1;
            if (peek(p, 0) != '=') return fail(p, p->pos, "expected '=' after key");
            p->pos++;
            if (inline_space(p, start) < 0) return -1;
            FtlTomlValue *item;
            if (parse_value(p, depth + 1, &item) < 0) return -1;
            if (!insert_kv(p, t, &k, item, section)) return -1;
            if (inline_space(p, start) < 0) return -1;
            if (p->s[p->pos] == '}') break;
            if (p->s[p->pos] != ',') return fail(p, p->pos, "expected ',' or '}' in inline table");
            p->pos++;
            if (inline_space(p, start) < 0) return -1;
            if (p->s[p->pos] == '}') return fail(p, p->pos, "trailing comma in inline table");
        }
    }
    p->pos++;
    v->span.end = p->pos;
    *out = v;
    return 0;
}

static int parse_value(Parser *p, int depth, FtlTomlValue **out)
{
    if (depth >= FTL_TOML_MAX_DEPTH)
        return fail(p, p->pos, "arrays and inline tables nested more than %d deep",
                    FTL_TOML_MAX_DEPTH);
    int c = peek(p, 0);
    if (c == '"' || c == '\'') {
        FtlTomlValue *v = new_value(p, FTL_TOML_STRING, p->pos);
        if (parse_string(p, 1, &v->str, &v->len) < 0) return -1;
        v->span.end = p->pos;
        *out = v;
        return 0;
    }
    if (c == '[') return parse_array(p, depth, out);
    if (c == '{') return parse_inline_table(p, depth, out);
    if (c < 0 || !is_token_char(c)) return fail(p, p->pos, "expected a value");
    return parse_scalar(p, out);
}

/* ------------------------------------------------------------------------------------ */
/* Lines                                                                                */

static int parse_header(Parser *p, size_t line_start, FtlTomlTable **cur)
{
    size_t open = p->pos;
    int aot = peek(p, 1) == '[';
    p->pos += aot ? 2 : 1;
    Key k;
    if (parse_key(p, &k) < 0) return -1;
    if (peek(p, 0) != ']' || (aot && peek(p, 1) != ']'))
        return fail(p, p->pos,
                    aot ? "expected ']]' after table name" : "expected ']' after table name");
    p->pos += aot ? 2 : 1;
    size_t close = p->pos;
    FtlTomlValue *tv;
    FtlTomlTable *t = define_header(p, &k, aot, &tv);
    if (!t) return -1;
    tv->span.start = open;
    tv->span.end = close;
    if (end_line(p, "table header") < 0) return -1;
    t->header.start = line_start;
    t->header.end = p->pos;
    t->body.start = t->body.end = p->pos;
    t->section = ++p->sections;
    add_header(p->doc, t);
    *cur = t;
    return 0;
}

static int parse_keyval(Parser *p, size_t line_start, FtlTomlTable *cur)
{
    Key k;
    if (parse_key(p, &k) < 0) return -1;
    if (peek(p, 0) != '=') return fail(p, p->pos, "expected '=' after key");
    p->pos++;
    skip_ws(p);
    FtlTomlValue *v;
    if (parse_value(p, 0, &v) < 0) return -1;
    FtlTomlEntry *e = insert_kv(p, cur, &k, v, cur->section);
    if (!e) return -1;
    if (end_line(p, "value") < 0) return -1;
    e->has_line = 1;
    e->line.start = line_start;
    e->line.end = p->pos;
    cur->body.end = p->pos;
    cur->last_line = e->line;
    return 0;
}

static int parse_document(Parser *p)
{
    if (check_bytes(p) < 0) return -1;
    if (p->len >= 3 && memcmp(p->s, "\xEF\xBB\xBF", 3) == 0) p->pos = 3;
    FtlTomlTable *cur = p->doc->root;
    while (p->pos < p->len) {
        size_t line_start = p->pos;
        skip_ws(p);
        int c = peek(p, 0);
        if (c == '[') {
            if (parse_header(p, line_start, &cur) < 0) return -1;
        } else if (c == '#' || c == '\n' || c == '\r' || c < 0) {
            if (end_line(p, "comment") < 0) return -1;
        } else {
            if (parse_keyval(p, line_start, cur) < 0) return -1;
        }
    }
    return 0;
}

FtlTomlDoc *ftl_toml_parse(const char *text, size_t len, FtlTomlError *err)
{
    FtlTomlDoc *doc = ftl_xmalloc(sizeof *doc);
    memset(doc, 0, sizeof *doc);
    ftl_arena_init(&doc->arena);
    doc->text = ftl_arena_strndup(&doc->arena, text ? text : "", text ? len : 0);
    doc->len = text ? len : 0;
    doc->root = FTL_NEW(&doc->arena, FtlTomlTable);
    doc->root->kind = FTL_TOML_ROOT;
    const char *lf = memchr(doc->text, '\n', doc->len);
    doc->nl = lf && lf > doc->text && lf[-1] == '\r' ? "\r\n" : "\n";

    Parser p;
    memset(&p, 0, sizeof p);
    p.doc = doc;
    p.s = doc->text;
    p.len = doc->len;
    p.err = err;
    int rc = parse_document(&p);
    ftl_buf_free(&p.scratch);
    if (rc < 0) {
        ftl_toml_free(doc);
        return NULL;
    }
    if (err) memset(err, 0, sizeof *err);
    return doc;
}

void ftl_toml_free(FtlTomlDoc *doc)
{
    if (!doc) return;
    free(doc->headers);
    ftl_arena_free(&doc->arena);
    free(doc);
}

/* ------------------------------------------------------------------------------------ */
/* Lookup                                                                               */

const FtlTomlTable *ftl_toml_root(const FtlTomlDoc *doc)
{
    return doc->root;
}

const char *ftl_toml_text(const FtlTomlDoc *doc, size_t *len)
{
    if (len) *len = doc->len;
    return doc->text;
}

void ftl_toml_position(const FtlTomlDoc *doc, size_t offset, int *line, int *column)
{
    position_of(doc->text, doc->len, offset, line, column);
}

/* Parses path (TOML dotted-key syntax) into *k, its strings in arena a. NULL and ""
 * give no segments. Returns -1 when path is not a key. */
static int parse_path(FtlArena *a, const char *path, Key *k)
{
    memset(k, 0, sizeof *k);
    if (!path || !*path) return 0;
    FtlTomlDoc tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.arena = *a;
    Parser p;
    memset(&p, 0, sizeof p);
    p.doc = &tmp;
    p.s = path;
    p.len = strlen(path);
    int rc = check_bytes(&p);
    if (rc == 0) rc = parse_key(&p, k);
    if (rc == 0 && p.pos != p.len) rc = -1;
    ftl_buf_free(&p.scratch);
    *a = tmp.arena;
    return rc;
}

/* The value at segments k[0..n) from t, or NULL. */
static FtlTomlValue *walk(const FtlTomlTable *t, const Key *k, size_t n)
{
    FtlTomlValue *v = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!t) return NULL;
        FtlTomlEntry *e = find_entry(t, k->segs[i].s, k->segs[i].len);
        if (!e) return NULL;
        v = e->value;
        t = v->type == FTL_TOML_TABLE ? v->table : NULL;
    }
    return v;
}

const FtlTomlValue *ftl_toml_get(const FtlTomlTable *t, const char *path)
{
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    const FtlTomlValue *v = NULL;
    if (t && parse_path(&a, path, &k) == 0 && k.n > 0) v = walk(t, &k, k.n);
    ftl_arena_free(&a);
    return v;
}

const FtlTomlEntry *ftl_toml_entry(const FtlTomlTable *t, const char *key)
{
    return t && key ? find_entry(t, key, strlen(key)) : NULL;
}

const FtlTomlTable *ftl_toml_table(const FtlTomlDoc *doc, const char *path)
{
    if (!path || !*path) return doc->root;
    return ftl_toml_as_table(ftl_toml_get(doc->root, path));
}

const FtlTomlTable *ftl_toml_as_table(const FtlTomlValue *v)
{
    return v && v->type == FTL_TOML_TABLE ? v->table : NULL;
}

const char *ftl_toml_as_string(const FtlTomlValue *v, size_t *len)
{
    if (!v || v->type != FTL_TOML_STRING) return NULL;
    if (len) *len = v->len;
    return v->str;
}

int ftl_toml_as_int(const FtlTomlValue *v, int64_t *out)
{
    if (!v || v->type != FTL_TOML_INTEGER) return -1;
    *out = v->integer;
    return 0;
}

int ftl_toml_as_float(const FtlTomlValue *v, double *out)
{
    if (!v || v->type != FTL_TOML_FLOAT) return -1;
    *out = v->number;
    return 0;
}

int ftl_toml_as_bool(const FtlTomlValue *v, int *out)
{
    if (!v || v->type != FTL_TOML_BOOL) return -1;
    *out = v->boolean;
    return 0;
}

size_t ftl_toml_array_len(const FtlTomlValue *v)
{
    return v && v->type == FTL_TOML_ARRAY ? v->count : 0;
}

const FtlTomlValue *ftl_toml_array_at(const FtlTomlValue *v, size_t i)
{
    return v && v->type == FTL_TOML_ARRAY && i < v->count ? v->items[i] : NULL;
}

const char *ftl_toml_type_name(FtlTomlType t)
{
    switch (t) {
    case FTL_TOML_STRING: return "string";
    case FTL_TOML_INTEGER: return "integer";
    case FTL_TOML_FLOAT: return "float";
    case FTL_TOML_BOOL: return "boolean";
    case FTL_TOML_DATETIME: return "date-time";
    case FTL_TOML_ARRAY: return "array";
    case FTL_TOML_TABLE: return "table";
    }
    return "?";
}

/* ------------------------------------------------------------------------------------ */
/* Writing keys and strings                                                             */

/* Output text is built in an FtlBuf (base/buf.h). */
typedef FtlBuf Out;

static void out_put(Out *o, const char *s, size_t n)
{
    ftl_buf_put(o, s, n);
}

static void out_puts(Out *o, const char *s)
{
    ftl_buf_puts(o, s);
}

static void out_quote(Out *o, const char *s, size_t n)
{
    out_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': out_put(o, "\\\"", 2); break;
        case '\\': out_put(o, "\\\\", 2); break;
        case '\b': out_put(o, "\\b", 2); break;
        case '\t': out_put(o, "\\t", 2); break;
        case '\n': out_put(o, "\\n", 2); break;
        case '\f': out_put(o, "\\f", 2); break;
        case '\r': out_put(o, "\\r", 2); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char esc[8];
                snprintf(esc, sizeof esc, "\\u%04X", c);
                out_puts(o, esc);
            } else {
                out_put(o, (const char *)&s[i], 1);
            }
        }
    }
    out_put(o, "\"", 1);
}

static void out_key(Out *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_bare((unsigned char)s[i]))
        i++;
    if (n > 0 && i == n)
        out_put(o, s, n);
    else
        out_quote(o, s, n);
}

char *ftl_toml_quote(const char *s, size_t len)
{
    Out o = {0};
    out_quote(&o, s, len);
    return o.data;
}

char *ftl_toml_path(const char *const *segs, size_t n)
{
    Out o = {0};
    out_put(&o, "", 0);
    for (size_t i = 0; i < n; i++) {
        if (i) out_put(&o, ".", 1);
        out_key(&o, segs[i], strlen(segs[i]));
    }
    return o.data;
}

/* ------------------------------------------------------------------------------------ */
/* Editing                                                                              */

typedef enum { OP_REPLACE, OP_INSERT_KEY, OP_REMOVE_TABLE, OP_APPEND_TABLE } OpKind;

struct FtlTomlEditOp {
    OpKind kind;
    size_t start, end; /* original bytes replaced (not used by OP_APPEND_TABLE) */
    char *text;        /* replacement, malloc'd */
    size_t len;
    size_t seq;
    char *key;                 /* INSERT_KEY: the key, malloc'd */
    const FtlTomlTable *table; /* the table concerned (the one removed, for all the
                                  regions of a REMOVE_TABLE) */
};

void ftl_toml_edit_init(FtlTomlEdit *e, const FtlTomlDoc *doc)
{
    memset(e, 0, sizeof *e);
    e->doc = doc;
}

void ftl_toml_edit_free(FtlTomlEdit *e)
{
    for (size_t i = 0; i < e->n; i++) {
        free(e->ops[i].text);
        free(e->ops[i].key);
    }
    free(e->ops);
    memset(e, 0, sizeof *e);
}

static void add_op(FtlTomlEdit *e, OpKind kind, size_t start, size_t end, Out *text,
                   const FtlTomlTable *t)
{
    if (e->n == e->cap) {
        e->cap = e->cap ? e->cap * 2 : 8;
        e->ops = ftl_xrealloc(e->ops, e->cap * sizeof *e->ops);
    }
    FtlTomlEditOp *op = &e->ops[e->n];
    op->kind = kind;
    op->start = start;
    op->end = end;
    if (!text->data) out_put(text, "", 0);
    op->text = text->data;
    op->len = text->len;
    op->seq = e->n;
    op->key = NULL;
    op->table = t;
    e->n++;
}

#define NOPOS ((size_t)-1)

/* An editing error, positioned at off in the original text unless off is NOPOS. */
static int edit_fail(const FtlTomlEdit *e, FtlTomlError *err, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static int edit_fail(const FtlTomlEdit *e, FtlTomlError *err, size_t off, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (off == NOPOS)
        error_at(err, NULL, 0, 0, fmt, ap);
    else
        error_at(err, e->doc->text, e->doc->len, off, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *nz(const char *s)
{
    return s ? s : "";
}

static int utf8_ok(const char *s)
{
    /* Control characters get escaped: only UTF-8 matters here. */
    size_t n = strlen(s);
    return ftl_utf8_check(s, n) == n;
}

/* The table at path; NULL with *err set when there is none. Its position (that of
 * its header, its `{` or the key that made it; NOPOS for the root) in *pos. */
static FtlTomlTable *edit_table(const FtlTomlEdit *e, const char *path, FtlTomlError *err,
                                size_t *pos)
{
    *pos = NOPOS;
    if (!path || !*path) return e->doc->root;
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    FtlTomlTable *t = NULL;
    if (parse_path(&a, path, &k) < 0) {
        edit_fail(e, err, NOPOS, "invalid table path \"%.200s\"", path);
    } else {
        FtlTomlValue *v = walk(e->doc->root, &k, k.n);
        if (!v)
            edit_fail(e, err, NOPOS, "no table [%.200s]", path);
        else if (v->type != FTL_TOML_TABLE)
            edit_fail(e, err, v->span.start, "\"%.200s\" is not a table", path);
        else
            t = v->table;
        if (t) *pos = v->span.start;
    }
    ftl_arena_free(&a);
    return t;
}

/* Whether t is of or a table under it. */
static int is_descendant(const FtlTomlTable *t, const FtlTomlTable *of)
{
    for (; t; t = t->parent)
        if (t == of) return 1;
    return 0;
}

/* Whether an edit of this kind concerns t or, with above set, a table above t, or,
 * with below set, a table under t. */
static int has_op(const FtlTomlEdit *e, OpKind kind, const FtlTomlTable *t, int above, int below)
{
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlTable *u = e->ops[i].table;
        if (e->ops[i].kind == kind &&
            (u == t || (above && is_descendant(t, u)) || (below && is_descendant(u, t))))
            return 1;
    }
    return 0;
}

/* Whether an earlier edit changes bytes inside [start, end). */
static int span_taken(const FtlTomlEdit *e, size_t start, size_t end)
{
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind != OP_APPEND_TABLE && op->start < end && start < op->end) return 1;
    }
    return 0;
}

/* Lines, for placing edits. A line is [start, end) with end after its newline (or
 * at the end of the file). */

/* Start of the line that ends at end (end is a line start > 0, or the file's end). */
static size_t prev_line(const FtlTomlDoc *doc, size_t end)
{
    size_t ls = end;
    if (ls > 0 && doc->text[ls - 1] == '\n') ls--;
    while (ls > 0 && doc->text[ls - 1] != '\n')
        ls--;
    return ls;
}

/* Start of the line after the one at ls. */
static size_t next_line(const FtlTomlDoc *doc, size_t ls)
{
    const char *nl = memchr(doc->text + ls, '\n', doc->len - ls);
    return nl ? (size_t)(nl - doc->text) + 1 : doc->len;
}

/* What the line at ls holds: 0 blank, '#' a comment, 1 anything else. */
static int line_kind(const FtlTomlDoc *doc, size_t ls)
{
    while (ls < doc->len && (doc->text[ls] == ' ' || doc->text[ls] == '\t'))
        ls++;
    if (ls >= doc->len || doc->text[ls] == '\n' || doc->text[ls] == '\r') return 0;
    return doc->text[ls] == '#' ? '#' : 1;
}

/* Where the section before header i ends: below it nothing is a comment or blank
 * line that header i could own. */
/* The first line at or after the line start s that is not blank, going no further
 * than limit. */
static size_t skip_blank_lines(const FtlTomlDoc *doc, size_t s, size_t limit)
{
    while (s < limit && line_kind(doc, s) == 0 && next_line(doc, s) <= limit)
        s = next_line(doc, s);
    return s;
}

static size_t bom_len(const FtlTomlDoc *doc)
{
    return doc->len >= 3 && memcmp(doc->text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
}

static size_t section_floor(const FtlTomlDoc *doc, size_t i)
{
    size_t bom = bom_len(doc);
    size_t lo = i ? doc->headers[i - 1]->body.end : doc->root->body.end;
    return lo > bom ? lo : bom;
}

/* Start of the comment lines directly above header i (its header line if none). */
static size_t leading_comments(const FtlTomlDoc *doc, size_t i)
{
    size_t lo = section_floor(doc, i), s = doc->headers[i]->header.start;
    while (s > lo && prev_line(doc, s) >= lo && line_kind(doc, prev_line(doc, s)) == '#')
        s = prev_line(doc, s);
    return s;
}

/* Start of the blank lines directly above the line at s, going no lower than lo. */
static size_t blank_lines_before(const FtlTomlDoc *doc, size_t s, size_t lo)
{
    while (s > lo && prev_line(doc, s) >= lo && line_kind(doc, prev_line(doc, s)) == 0)
        s = prev_line(doc, s);
    return s;
}

/* Whether an add_table edit adds table path.key or a table under it. */
static int appended_under(const FtlTomlEdit *e, const char *path, const char *key)
{
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    Out o = {0};
    out_put(&o, "[", 1);
    if (parse_path(&a, path, &k) == 0) {
        for (size_t i = 0; i < k.n; i++) {
            out_key(&o, k.segs[i].s, k.segs[i].len);
            out_put(&o, ".", 1);
        }
    }
    out_key(&o, key, strlen(key));
    int found = 0;
    for (size_t i = 0; i < e->n && !found; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        found = op->kind == OP_APPEND_TABLE && op->len > o.len && !memcmp(op->text, o.data, o.len) &&
                (op->text[o.len] == ']' || op->text[o.len] == '.');
    }
    free(o.data);
    ftl_arena_free(&a);
    return found;
}

int ftl_toml_edit_set_string(FtlTomlEdit *e, const char *table_path, const char *key,
                             const char *value, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    size_t tpos;
    FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (!utf8_ok(key) || !utf8_ok(value))
        return edit_fail(e, err, NOPOS, "key or value is not valid UTF-8");
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 0))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    const FtlTomlEntry *en = find_entry(t, key, strlen(key));
    Out o = {0};
    if (en) {
        const FtlTomlValue *v = en->value;
        if (v->type == FTL_TOML_TABLE || (v->type == FTL_TOML_ARRAY && v->array_of_tables))
            return edit_fail(e, err, en->key_span.start, "\"%.200s\" is a table, not a value", key);
        if (span_taken(e, v->span.start, v->span.end))
            return edit_fail(e, err, en->key_span.start, "\"%.200s\" is changed by another edit",
                             key);
        out_quote(&o, value, strlen(value));
        add_op(e, OP_REPLACE, v->span.start, v->span.end, &o, t);
        return 0;
    }
    if (t->kind == FTL_TOML_INLINE)
        return edit_fail(e, err, tpos, "cannot add key \"%.200s\" to an inline table", key);
    if (t->kind != FTL_TOML_ROOT && t->kind != FTL_TOML_HEADER)
        return edit_fail(e, err, NOPOS,
                         "table [%.200s] has no section of its own to add \"%.200s\" to",
                         table_path, key);
    for (size_t i = 0; i < e->n; i++)
        if (e->ops[i].kind == OP_INSERT_KEY && e->ops[i].table == t && !strcmp(e->ops[i].key, key))
            return edit_fail(e, err, NOPOS, "\"%.200s\" is changed by another edit", key);
    if (appended_under(e, table_path, key))
        return edit_fail(e, err, NOPOS, "another edit adds a table [%.200s%s%.200s]",
                         nz(table_path), table_path && *table_path ? "." : "", key);
    size_t pos;
    if (t->body.end > t->body.start) {
        pos = t->body.end;
        size_t i = t->last_line.start;
        while (doc->text[i] == ' ' || doc->text[i] == '\t')
            i++;
        out_put(&o, doc->text + t->last_line.start, i - t->last_line.start);
    } else if (t->kind == FTL_TOML_HEADER) {
        pos = t->header.end;
    } else {
        pos = doc->nheaders
                  ? blank_lines_before(doc, leading_comments(doc, 0), section_floor(doc, 0))
                  : doc->len;
    }
    int at_eof_open = pos == doc->len && doc->len > bom_len(doc) && doc->text[doc->len - 1] != '\n';
    Out line = {0};
    if (at_eof_open) out_puts(&line, doc->nl);
    out_put(&line, o.data ? o.data : "", o.len);
    free(o.data);
    out_key(&line, key, strlen(key));
    out_puts(&line, " = ");
    out_quote(&line, value, strlen(value));
    if (!at_eof_open) out_puts(&line, doc->nl);
    add_op(e, OP_INSERT_KEY, pos, pos, &line, t);
    e->ops[e->n - 1].key = ftl_xmalloc(strlen(key) + 1);
    strcpy(e->ops[e->n - 1].key, key);
    return 0;
}

int ftl_toml_edit_remove_key(FtlTomlEdit *e, const char *table_path, const char *key,
                             FtlTomlError *err)
{
    size_t tpos;
    const FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 0))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    const FtlTomlEntry *en = find_entry(t, key, strlen(key));
    if (!en && t->kind == FTL_TOML_ROOT)
        return edit_fail(e, err, NOPOS, "no key \"%.200s\" in the root table", key);
    if (!en)
        return edit_fail(e, err, NOPOS, "no key \"%.200s\" in table [%.200s]", key, table_path);
    if (!en->has_line)
        return edit_fail(e, err, en->key_span.start,
                         "cannot remove \"%.200s\": it is not a key/value line of its own", key);
    if (span_taken(e, en->line.start, en->line.end))
        return edit_fail(e, err, en->key_span.start, "\"%.200s\" is changed by another edit", key);
    Out o = {0};
    add_op(e, OP_REPLACE, en->line.start, en->line.end, &o, t);
    return 0;
}

int ftl_toml_edit_add_table(FtlTomlEdit *e, const char *table_path, const char *const *keys,
                            const char *const *values, size_t n, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    FtlArena a;
    ftl_arena_init(&a);
    Key k;
    int rc = 0;
    if (parse_path(&a, table_path, &k) < 0 || k.n == 0) {
        rc = edit_fail(e, err, NOPOS, "invalid table path \"%.200s\"", nz(table_path));
        goto done;
    }
    /* The table may exist only as implied by a header under it, or be removed by
     * another edit; nothing on the way may be a value. */
    for (size_t i = 1; i <= k.n && rc == 0; i++) {
        const FtlTomlValue *v = walk(doc->root, &k, i);
        if (!v) break;
        if (v->type != FTL_TOML_TABLE || v->table->kind == FTL_TOML_INLINE) {
            char name[200];
            show_key(name, sizeof name, &k, i);
            rc = edit_fail(e, err, v->span.start, "cannot add table [%.200s]: \"%s\" is %s",
                           table_path, name,
                           v->type == FTL_TOML_TABLE ? "an inline table" : "not a table");
        } else if (i == k.n && v->table->kind != FTL_TOML_IMPLICIT &&
                   !has_op(e, OP_REMOVE_TABLE, v->table, 0, 0)) {
            rc = edit_fail(e, err, v->span.start, "table [%.200s] already exists", table_path);
        }
    }
    for (size_t i = 1; i <= k.n && rc == 0; i++) { /* a key another edit adds */
        const FtlTomlTable *parent =
            i == 1 ? doc->root : ftl_toml_as_table(walk(doc->root, &k, i - 1));
        const KeySeg *seg = &k.segs[i - 1];
        for (size_t j = 0; parent && j < e->n && rc == 0; j++) {
            const FtlTomlEditOp *op = &e->ops[j];
            if (op->kind == OP_INSERT_KEY && op->table == parent && strlen(op->key) == seg->len &&
                !memcmp(op->key, seg->s, seg->len))
                rc = edit_fail(e, err, NOPOS,
                               "cannot add table [%.200s]: another edit adds \"%.200s\" as a key",
                               table_path, op->key);
        }
    }
    for (size_t i = 0; i < n && rc == 0; i++) {
        if (!utf8_ok(keys[i]) || !utf8_ok(values[i]))
            rc = edit_fail(e, err, NOPOS, "key or value is not valid UTF-8");
        for (size_t j = 0; j < i && rc == 0; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                rc = edit_fail(e, err, NOPOS, "duplicate key \"%.200s\"", keys[i]);
    }
    if (rc < 0) goto done;
    Out o = {0};
    out_put(&o, "[", 1);
    for (size_t i = 0; i < k.n; i++) {
        if (i) out_put(&o, ".", 1);
        out_key(&o, k.segs[i].s, k.segs[i].len);
    }
    out_put(&o, "]", 1);
    out_puts(&o, doc->nl);
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind == OP_APPEND_TABLE && op->len >= o.len && !memcmp(op->text, o.data, o.len)) {
            free(o.data);
            rc = edit_fail(e, err, NOPOS, "table [%.200s] is added twice", table_path);
            goto done;
        }
    }
    for (size_t i = 0; i < n; i++) {
        out_key(&o, keys[i], strlen(keys[i]));
        out_puts(&o, " = ");
        out_quote(&o, values[i], strlen(values[i]));
        out_puts(&o, doc->nl);
    }
    add_op(e, OP_APPEND_TABLE, doc->len, doc->len, &o, NULL);
done:
    ftl_arena_free(&a);
    return rc;
}

int ftl_toml_edit_remove_table(FtlTomlEdit *e, const char *table_path, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    if (!table_path || !*table_path)
        return edit_fail(e, err, NOPOS, "cannot remove the root table");
    size_t tpos;
    const FtlTomlTable *t = edit_table(e, table_path, err, &tpos);
    if (!t) return -1;
    if (t->kind != FTL_TOML_HEADER && t->kind != FTL_TOML_IMPLICIT)
        return edit_fail(e, err, NOPOS, "table [%.200s] has no [header] of its own", table_path);
    if (has_op(e, OP_REMOVE_TABLE, t, 1, 1))
        return edit_fail(e, err, NOPOS, "table [%.200s] is removed by another edit", table_path);
    if (has_op(e, OP_INSERT_KEY, t, 0, 1) || has_op(e, OP_REPLACE, t, 0, 1))
        return edit_fail(e, err, NOPOS, "table [%.200s] is changed by another edit", table_path);
    size_t first = e->n;
    for (size_t i = 0; i < doc->nheaders; i++) {
        const FtlTomlTable *h = doc->headers[i];
        if (!is_descendant(h, t)) continue;
        /* From the comments above the header to those above the next header (less the
         * blank lines before them) or to the end of the file; and the blank lines before
         * it, so that one blank line stays between neighbours (at the start of the file,
         * ftl_toml_edit_apply() drops those after it instead). */
        size_t lo = section_floor(doc, i), start = leading_comments(doc, i);
        size_t end = i + 1 < doc->nheaders ? leading_comments(doc, i + 1) : doc->len;
        while (end < doc->len && end > h->body.end && prev_line(doc, end) >= h->body.end &&
               line_kind(doc, prev_line(doc, end)) == 0)
            end = prev_line(doc, end);
        start = blank_lines_before(doc, start, lo);
        if (e->n > first && e->ops[e->n - 1].end >= start) { /* adjoins the previous one */
            if (end > e->ops[e->n - 1].end) e->ops[e->n - 1].end = end;
            continue;
        }
        Out o = {0};
        add_op(e, OP_REMOVE_TABLE, start, end, &o, t);
    }
    return 0;
}

static int op_cmp(const void *a, const void *b)
{
    const FtlTomlEditOp *x = *(const FtlTomlEditOp *const *)a;
    const FtlTomlEditOp *y = *(const FtlTomlEditOp *const *)b;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

char *ftl_toml_edit_apply(const FtlTomlEdit *e, size_t *len, FtlTomlError *err)
{
    const FtlTomlDoc *doc = e->doc;
    const FtlTomlEditOp **ops = ftl_xmalloc((e->n ? e->n : 1) * sizeof *ops);
    size_t n = 0;
    for (size_t i = 0; i < e->n; i++)
        if (e->ops[i].kind != OP_APPEND_TABLE) ops[n++] = &e->ops[i];
    qsort(ops, n, sizeof *ops, op_cmp);
    Out o = {0};
    out_put(&o, "", 0);
    size_t cur = 0, bom = bom_len(doc);
    int prev_del = 0, strip = 0;
    for (size_t i = 0; i < n; i++) {
        const FtlTomlEditOp *op = ops[i];
        int del = op->len == 0 && op->start < op->end;
        if (del && prev_del && op->start <= cur) {
            /* removals may touch or overlap (removed neighbours share blank lines) */
            if (op->end > cur) cur = op->end;
            continue;
        }
        if (op->start < cur) { /* nothing else may: the edit functions see to that */
            free(ops);
            free(o.data);
            edit_fail(e, err, op->start, "two edits change the same bytes");
            return NULL;
        }
        if (strip) cur = skip_blank_lines(doc, cur, op->start);
        out_put(&o, doc->text + cur, op->start - cur);
        out_put(&o, op->text, op->len);
        /* a removal that leaves the file empty so far takes the blank lines after it */
        strip = del && o.len == op->start && op->start <= bom;
        cur = op->end;
        prev_del = del;
    }
    if (strip) cur = skip_blank_lines(doc, cur, doc->len);
    out_put(&o, doc->text + cur, doc->len - cur);
    free(ops);
    for (size_t i = 0; i < e->n; i++) {
        const FtlTomlEditOp *op = &e->ops[i];
        if (op->kind != OP_APPEND_TABLE) continue;
        int empty = o.len == 0 || (o.len == 3 && memcmp(o.data, "\xEF\xBB\xBF", 3) == 0);
        if (!empty) {
            if (o.data[o.len - 1] != '\n') out_puts(&o, doc->nl);
            /* is the last line blank? */
            size_t j = o.len - 1;
            if (j > 0 && o.data[j - 1] == '\r') j--;
            while (j > 0 && (o.data[j - 1] == ' ' || o.data[j - 1] == '\t'))
                j--;
            if (j > 0 && o.data[j - 1] != '\n') out_puts(&o, doc->nl);
        }
        out_put(&o, op->text, op->len);
    }
    FtlTomlError perr;
    FtlTomlDoc *check = ftl_toml_parse(o.data, o.len, &perr);
    if (!check) {
        if (err) {
            *err = perr;
            snprintf(err->message, sizeof err->message,
                     "the edited file would not be valid TOML: %d:%d: %.200s", perr.line,
                     perr.column, perr.message);
        }
        free(o.data);
        return NULL;
    }
    ftl_toml_free(check);
    if (len) *len = o.len;
    return o.data;
}
