/* toml_read.c - TOML 1.0 reader with byte spans (see toml.h; the editor that
 * builds on it is toml_edit.c).
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
#include "realm/toml_int.h"
#include "base/intern.h"
#include "base/utf8.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Parser {
    FtlTomlDoc *doc;
    const char *s;
    size_t len, pos;
    FtlTomlError *err;
    int sections;   /* counter: every header and inline table starts a new one */
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

void ftl_toml_error_at(FtlTomlError *err, const char *s, size_t len, size_t off, const char *fmt,
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
    ftl_toml_error_at(p->err, p->s, p->len, off, fmt, ap);
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
void ftl_toml_show_key(char *out, size_t cap, const Key *k, size_t n)
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

int ftl_toml_valid_utf8(const char *s, size_t n)
{
    Parser p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.len = n;
    return check_bytes(&p) == 0;
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
                ftl_utf8_encode(&p->scratch, (uint32_t)cp);
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

/* A table of more than INDEX_FROM entries gets an index by key (open
 * addressing, at most half full), so that defining n keys costs O(n), not the
 * O(n^2) of looking each one up in the list: a project file may pin many
 * realms. */
enum { INDEX_FROM = 8 };

/* The slot of key in t's index: where it is, or the empty slot it would take. */
static FtlTomlEntry **index_slot(const FtlTomlTable *t, const char *key, size_t len)
{
    size_t mask = t->nslots - 1, i = (size_t)ftl_hash_bytes(t->seed, key, len) & mask;
    while (t->slots[i] && !(t->slots[i]->key_len == len && memcmp(t->slots[i]->key, key, len) == 0))
        i = (i + 1) & mask;
    return &t->slots[i];
}

FtlTomlEntry *ftl_toml_find_entry(const FtlTomlTable *t, const char *key, size_t len)
{
    if (t->slots) return *index_slot(t, key, len);
    for (FtlTomlEntry *e = t->first; e; e = e->next)
        if (e->key_len == len && memcmp(e->key, key, len) == 0) return e;
    return NULL;
}

/* Rebuilds t's index with room for twice its entries (the old slots stay in the
 * arena: doubling keeps the total linear). */
static void reindex(Parser *p, FtlTomlTable *t)
{
    size_t n = 16;
    while (n < t->count * 4)
        n *= 2;
    if (!t->slots) t->seed = ftl_hash_seed();
    t->slots = FTL_NEW_N(&p->doc->arena, FtlTomlEntry *, n);
    t->nslots = n;
    for (FtlTomlEntry *e = t->first; e; e = e->next)
        *index_slot(t, e->key, e->key_len) = e;
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
    if (t->count > INDEX_FROM && t->count * 2 > t->nslots)
        reindex(p, t);
    else if (t->slots)
        *index_slot(t, e->key, e->key_len) = e;
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
    ftl_toml_show_key(name, sizeof name, k, i + 1);
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
        FtlTomlEntry *e = ftl_toml_find_entry(t, k->segs[i].s, k->segs[i].len);
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
            ftl_toml_show_key(name, sizeof name, k, i + 1);
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
    FtlTomlEntry *e = ftl_toml_find_entry(t, last->s, last->len);
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
        FtlTomlEntry *e = ftl_toml_find_entry(t, k->segs[i].s, k->segs[i].len);
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
    FtlTomlEntry *e = ftl_toml_find_entry(t, last->s, last->len);
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
        ftl_toml_show_key(name, sizeof name, k, k->n);
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
int ftl_toml_parse_path(FtlArena *a, const char *path, Key *k)
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
FtlTomlValue *ftl_toml_walk(const FtlTomlTable *t, const Key *k, size_t n)
{
    FtlTomlValue *v = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!t) return NULL;
        FtlTomlEntry *e = ftl_toml_find_entry(t, k->segs[i].s, k->segs[i].len);
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
    if (t && ftl_toml_parse_path(&a, path, &k) == 0 && k.n > 0) v = ftl_toml_walk(t, &k, k.n);
    ftl_arena_free(&a);
    return v;
}

const FtlTomlEntry *ftl_toml_entry(const FtlTomlTable *t, const char *key)
{
    return t && key ? ftl_toml_find_entry(t, key, strlen(key)) : NULL;
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

void ftl_toml_put_quoted(FtlBuf *o, const char *s, size_t n)
{
    ftl_buf_put(o, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': ftl_buf_put(o, "\\\"", 2); break;
        case '\\': ftl_buf_put(o, "\\\\", 2); break;
        case '\b': ftl_buf_put(o, "\\b", 2); break;
        case '\t': ftl_buf_put(o, "\\t", 2); break;
        case '\n': ftl_buf_put(o, "\\n", 2); break;
        case '\f': ftl_buf_put(o, "\\f", 2); break;
        case '\r': ftl_buf_put(o, "\\r", 2); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char esc[8];
                snprintf(esc, sizeof esc, "\\u%04X", c);
                ftl_buf_puts(o, esc);
            } else {
                ftl_buf_put(o, (const char *)&s[i], 1);
            }
        }
    }
    ftl_buf_put(o, "\"", 1);
}

void ftl_toml_put_key(FtlBuf *o, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && is_bare((unsigned char)s[i]))
        i++;
    if (n > 0 && i == n)
        ftl_buf_put(o, s, n);
    else
        ftl_toml_put_quoted(o, s, n);
}

char *ftl_toml_quote(const char *s, size_t len)
{
    FtlBuf o;
    ftl_buf_init(&o);
    ftl_toml_put_quoted(&o, s, len);
    return (char *)ftl_buf_cstr(&o);
}

char *ftl_toml_path(const char *const *segs, size_t n)
{
    FtlBuf o;
    ftl_buf_init(&o);
    for (size_t i = 0; i < n; i++) {
        if (i) ftl_buf_putc(&o, '.');
        ftl_toml_put_key(&o, segs[i], strlen(segs[i]));
    }
    return (char *)ftl_buf_cstr(&o);
}
