/* cron.c - validation of FTL cron patterns (+cron in ftl-schema(5), E0410).
 *
 * Upstream parses the text into fields, rewrites it as a seven-field
 * expression (second minute hour day-of-month month day-of-week year) for a
 * cron library, and asks that library for the first match after
 * 2019-12-31T23:59:59Z. We follow the same model without the library:
 *
 *   1. a syntax pass over the tokens that converts numbers, counts the fields
 *      and decides what a sixth field means;
 *   2. an evaluation pass that range-checks every item and turns each field
 *      into the set of values it allows;
 *   3. a calendar search over 2020..2099 (the library knows no later year),
 *      at most 80 * 12 * 31 day tests.
 *
 * The passes walk the text directly, so nothing is allocated and any input,
 * however long, costs time linear in its length.
 */
#include "check/cron.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* --- tokens ----------------------------------------------------------------
 * Upstream's lexer: whitespace separates, a word is [A-Za-z_][A-Za-z0-9_]*, a
 * number is [0-9]+ with an optional .[0-9]+ fraction; the grammar uses only
 * the punctuation * , - / and everything else is an error. */

enum { TK_EOF, TK_NUM, TK_WORD, TK_STAR, TK_COMMA, TK_DASH, TK_SLASH, TK_BAD };

typedef struct FtlCronTok {
    int kind;
    const char *s;
    size_t n;
} FtlCronTok;

/* --- fields ---------------------------------------------------------------- */

/* Slots of the standardised seven-field form, in the library's order. */
enum { F_SEC, F_MIN, F_HOUR, F_DOM, F_MON, F_DOW, F_YEAR, F_COUNT };

typedef struct FtlCronField {
    const char *name;
    int lo, hi; /* values an item may name */
    int top;    /* last value of "*" and "N/S", and the largest step */
} FtlCronField;

/* Day-of-week accepts 7 (another Sunday) but "*" stops at 6. Steps are
 * bounded by the field's top value. */
static const FtlCronField ftl_cron_fields[F_COUNT] = {
    {"second", 0, 59, 59},       {"minute", 0, 59, 59}, {"hour", 0, 23, 23},
    {"day-of-month", 1, 31, 31}, {"month", 1, 12, 12},  {"day-of-week", 0, 7, 6},
    {"year", 1970, 2099, 2099},
};

#define FTL_CRON_FIRST_YEAR 2020 /* a pattern must match at or after this */

/* One item of a field: "*", "N" or "N-M", each with an optional "/S". */
typedef struct FtlCronItem {
    int star, has_end, has_step;
    int64_t start, end, step;
} FtlCronItem;

/* Values a field allows, as bits offset by the field's lowest value; the year
 * field (130 values) is the widest. */
typedef struct FtlCronSet {
    uint64_t bits[3];
} FtlCronSet;

typedef struct FtlCron {
    const char *text, *end;
    const char *p;  /* lexer position */
    FtlCronTok tok; /* current token */
    char *err;
    size_t errsz;
    size_t nfields;    /* fields seen by the syntax pass */
    int sixth_is_year; /* a 6-field pattern ends with a year field */
    int slot0;         /* slot of the first written field */
    FtlCronSet set[F_COUNT];
    /* A field containing a bare "*" is not "restricted": the library then
     * ignores day-of-month or day-of-week when the other one is restricted. */
    int dom_star, dow_star;
} FtlCron;

/* --- errors ---------------------------------------------------------------- */

static int ftl_cron_fail(FtlCron *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int ftl_cron_fail(FtlCron *c, const char *fmt, ...)
{
    if (c->err && c->errsz) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err, c->errsz, fmt, ap);
        va_end(ap);
    }
    return -1;
}

/* Quotes up to 24 bytes of s for a message, escaping anything that is not
 * printable ASCII so the message stays on one line. */
static const char *ftl_cron_quote(char *buf, size_t bufsz, const char *s, size_t n)
{
    size_t o = 0, i;
    buf[o++] = '"';
    for (i = 0; i < n && i < 24 && o + 8 < bufsz; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            buf[o++] = '\\';
            buf[o++] = (char)ch;
        } else if (ch >= 0x20 && ch < 0x7f) {
            buf[o++] = (char)ch;
        } else {
            o += (size_t)snprintf(buf + o, bufsz - o, "\\x%02x", ch);
        }
    }
    if (i < n) o += (size_t)snprintf(buf + o, bufsz - o, "...");
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

#define FTL_CRON_QBUF 128

/* Reports the current token where `expected` should have been. */
static int ftl_cron_unexpected(FtlCron *c, const char *expected)
{
    char q[FTL_CRON_QBUF];
    if (c->tok.kind == TK_EOF) return ftl_cron_fail(c, "expected %s, got end of pattern", expected);
    ftl_cron_quote(q, sizeof q, c->tok.s, c->tok.n);
    return ftl_cron_fail(c, "expected %s, got %s", expected, q);
}

/* --- lexer ----------------------------------------------------------------- */

static int ftl_cron_isspace(int ch)
{
    /* RE2's \s: VT is not whitespace. */
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f';
}

static int ftl_cron_isdigit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int ftl_cron_isalpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static const char *ftl_cron_digits(const char *p, const char *end)
{
    while (p < end && ftl_cron_isdigit((unsigned char)*p))
        p++;
    return p;
}

static void ftl_cron_next(FtlCron *c)
{
    const char *p = c->p, *q;
    while (p < c->end && ftl_cron_isspace((unsigned char)*p))
        p++;
    c->tok.s = p;
    c->tok.n = 0;
    c->tok.kind = TK_EOF;
    c->p = p;
    if (p == c->end) return;
    q = p + 1;
    switch (*p) {
    case '*': c->tok.kind = TK_STAR; break;
    case ',': c->tok.kind = TK_COMMA; break;
    case '-': c->tok.kind = TK_DASH; break;
    case '/': c->tok.kind = TK_SLASH; break;
    default:
        if (ftl_cron_isdigit((unsigned char)*p)) {
            c->tok.kind = TK_NUM;
            q = ftl_cron_digits(q, c->end);
            if (q + 1 < c->end && *q == '.' && ftl_cron_isdigit((unsigned char)q[1]))
                q = ftl_cron_digits(q + 1, c->end);
        } else if (ftl_cron_isalpha((unsigned char)*p)) {
            c->tok.kind = TK_WORD;
            while (q < c->end &&
                   (ftl_cron_isalpha((unsigned char)*q) || ftl_cron_isdigit((unsigned char)*q)))
                q++;
        } else {
            c->tok.kind = TK_BAD;
        }
    }
    c->tok.n = (size_t)(q - p);
    c->p = q;
}

static void ftl_cron_rewind(FtlCron *c)
{
    c->p = c->text;
    ftl_cron_next(c);
}

/* --- numbers --------------------------------------------------------------- */

/* Converts a field number the way upstream's parser does (Go's
 * strconv.ParseInt with base 0): a leading 0 means octal (Integers in
 * ftl-schema(5)). */
static int ftl_cron_number(FtlCron *c, const FtlCronTok *t, int64_t *out)
{
    char q[FTL_CRON_QBUF];
    int base = (t->n > 1 && t->s[0] == '0') ? 8 : 10;
    int64_t v = 0;
    size_t i;
    if (memchr(t->s, '.', t->n))
        return ftl_cron_fail(c, "fractional number %s is not allowed",
                             ftl_cron_quote(q, sizeof q, t->s, t->n));
    for (i = 0; i < t->n; i++) {
        int d = t->s[i] - '0';
        if (d >= base)
            return ftl_cron_fail(c, "invalid octal number %s (a leading 0 means octal)",
                                 ftl_cron_quote(q, sizeof q, t->s, t->n));
        if (v > (INT64_MAX - d) / base)
            return ftl_cron_fail(c, "number %s is out of range",
                                 ftl_cron_quote(q, sizeof q, t->s, t->n));
        v = v * base + d;
    }
    *out = v;
    return 0;
}

/* --- syntax pass ----------------------------------------------------------- */

/* Expects a number token, converts it and moves past it. */
static int ftl_cron_expect_number(FtlCron *c, const char *what, int64_t *out)
{
    if (c->tok.kind != TK_NUM) return ftl_cron_unexpected(c, what);
    if (ftl_cron_number(c, &c->tok, out)) return -1;
    ftl_cron_next(c);
    return 0;
}

/* Parses "*", "N" or "N-M", then an optional "/S". */
static int ftl_cron_item(FtlCron *c, FtlCronItem *it, const char *what)
{
    memset(it, 0, sizeof *it);
    if (c->tok.kind == TK_STAR) {
        it->star = 1;
        ftl_cron_next(c);
    } else {
        if (ftl_cron_expect_number(c, what, &it->start)) return -1;
        if (c->tok.kind == TK_DASH) {
            ftl_cron_next(c);
            if (ftl_cron_expect_number(c, "a number after \"-\"", &it->end)) return -1;
            it->has_end = 1;
        }
    }
    if (c->tok.kind == TK_SLASH) {
        ftl_cron_next(c);
        if (ftl_cron_expect_number(c, "a number after \"/\"", &it->step)) return -1;
        it->has_step = 1;
    }
    return 0;
}

/* Upstream's rule for 6 fields: a start or end value >= 1000 anywhere in the
 * sixth field makes it a year field. */
static void ftl_cron_note_year(FtlCron *c, size_t field, const FtlCronItem *it)
{
    if (field != 5 || it->star) return;
    if (it->start >= 1000 || (it->has_end && it->end >= 1000)) c->sixth_is_year = 1;
}

static int ftl_cron_apply(FtlCron *c, int slot, const FtlCronItem *it);

/* Walks all fields. Without `eval` it only checks syntax and counts fields;
 * with it, it also applies every item to its field's value set. */
static int ftl_cron_walk(FtlCron *c, int eval)
{
    size_t nf = 0;
    ftl_cron_rewind(c);
    while (c->tok.kind == TK_STAR || c->tok.kind == TK_NUM) {
        const char *what = "a number or \"*\"";
        for (;;) {
            FtlCronItem it;
            if (ftl_cron_item(c, &it, what)) return -1;
            if (!eval)
                ftl_cron_note_year(c, nf, &it);
            else if (ftl_cron_apply(c, c->slot0 + (int)nf, &it))
                return -1;
            if (c->tok.kind != TK_COMMA) break;
            ftl_cron_next(c);
            what = "a number or \"*\" after \",\"";
        }
        nf++;
    }
    if (c->tok.kind != TK_EOF) return ftl_cron_unexpected(c, "a number or \"*\"");
    c->nfields = nf;
    return 0;
}

/* --- evaluation pass ------------------------------------------------------- */

static void ftl_cron_set_add(FtlCronSet *s, int off)
{
    s->bits[off / 64] |= (uint64_t)1 << (off % 64);
}

static int ftl_cron_set_has(const FtlCronSet *s, int off)
{
    return (int)((s->bits[off / 64] >> (off % 64)) & 1);
}

static int ftl_cron_set_empty(const FtlCronSet *s)
{
    return !(s->bits[0] | s->bits[1] | s->bits[2]);
}

/* Adds first, first+step, ... up to last; nothing when first > last. */
static void ftl_cron_fill(FtlCronSet *s, int lo, int64_t first, int64_t last, int64_t step)
{
    int64_t v;
    for (v = first; v <= last; v += step)
        ftl_cron_set_add(s, (int)(v - lo));
}

static int ftl_cron_check_value(FtlCron *c, const FtlCronField *f, int64_t v)
{
    if (v >= f->lo && v <= f->hi) return 0;
    return ftl_cron_fail(c, "value %lld out of range %d-%d for %s", (long long)v, f->lo, f->hi,
                         f->name);
}

/* The library reads steps through a table that only knows 0-59 and
 * 1970-2099, then requires 1 <= step <= the field's top value. */
static int ftl_cron_check_step(FtlCron *c, int slot, int64_t s)
{
    const FtlCronField *f = &ftl_cron_fields[slot];
    if (slot == F_YEAR) {
        if ((s >= 1 && s <= 59) || (s >= 1970 && s <= 2099)) return 0;
        return ftl_cron_fail(c, "step %lld out of range 1-59 or 1970-2099 for year", (long long)s);
    }
    if (s >= 1 && s <= f->top) return 0;
    return ftl_cron_fail(c, "step %lld out of range 1-%d for %s", (long long)s, f->top, f->name);
}

/* Day-of-week quirks of upstream's library: 7 is read as Sunday (0), and a
 * range whose end is Sunday (written 0 or 7) runs to Saturday instead, so
 * "5-7" is Friday and Saturday and "0-0" is every day. */
static void ftl_cron_dow_bounds(const FtlCronItem *it, int64_t *first, int64_t *last)
{
    if (it->star) return;
    if (*first == 7) *first = 0;
    if (!it->has_end && !it->has_step) *last = *first;
    if (it->has_end && (*last == 7 || *last == 0)) *last = 6;
}

static int ftl_cron_apply(FtlCron *c, int slot, const FtlCronItem *it)
{
    const FtlCronField *f = &ftl_cron_fields[slot];
    int64_t first, last, step = it->has_step ? it->step : 1;
    if (!it->star && ftl_cron_check_value(c, f, it->start)) return -1;
    if (it->has_end && ftl_cron_check_value(c, f, it->end)) return -1;
    if (it->has_step && ftl_cron_check_step(c, slot, it->step)) return -1;
    if (it->star && !it->has_step) {
        if (slot == F_DOM) c->dom_star = 1;
        if (slot == F_DOW) c->dow_star = 1;
    }
    first = it->star ? f->lo : it->start;
    if (it->star || (it->has_step && !it->has_end))
        last = f->top;
    else
        last = it->has_end ? it->end : it->start;
    if (slot == F_DOW) ftl_cron_dow_bounds(it, &first, &last);
    ftl_cron_fill(&c->set[slot], f->lo, first, last, step);
    return 0;
}

/* Fills the fields the text does not write: second 0 and every year. */
static void ftl_cron_defaults(FtlCron *c)
{
    const FtlCronField *y = &ftl_cron_fields[F_YEAR];
    if (c->slot0 == 1) ftl_cron_set_add(&c->set[F_SEC], 0);
    if ((size_t)c->slot0 + c->nfields < F_COUNT)
        ftl_cron_fill(&c->set[F_YEAR], y->lo, y->lo, y->top, 1);
}

/* --- calendar search ------------------------------------------------------- */

static int ftl_cron_leap(int y)
{
    return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int ftl_cron_mdays(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return days[m - 1] + (m == 2 && ftl_cron_leap(y));
}

/* Whether some day of the month matches; wd is the weekday (0 = Sunday) of
 * its first day. When only one of day-of-month and day-of-week is restricted
 * it alone decides; when both are, either may match. */
static int ftl_cron_month_matches(const FtlCron *c, int y, int m, int wd)
{
    int d, n = ftl_cron_mdays(y, m);
    if (c->dom_star && c->dow_star) return 1;
    for (d = 1; d <= n; d++, wd = (wd + 1) % 7) {
        if (!c->dom_star && ftl_cron_set_has(&c->set[F_DOM], d - 1)) return 1;
        if (!c->dow_star && ftl_cron_set_has(&c->set[F_DOW], wd)) return 1;
    }
    return 0;
}

/* Only days matter: the bound 2020-01-01T00:00:00Z is a midnight and the
 * second, minute and hour sets are known to be non-empty, so a matching day
 * from then on always holds a matching instant. */
static int ftl_cron_matches(const FtlCron *c)
{
    const int ylo = ftl_cron_fields[F_YEAR].lo, yhi = ftl_cron_fields[F_YEAR].hi;
    int wd = 3; /* 2020-01-01 was a Wednesday */
    int y, m;
    for (y = FTL_CRON_FIRST_YEAR; y <= yhi; y++) {
        for (m = 1; m <= 12; m++) {
            if (ftl_cron_set_has(&c->set[F_YEAR], y - ylo) &&
                ftl_cron_set_has(&c->set[F_MON], m - 1) && ftl_cron_month_matches(c, y, m, wd))
                return 1;
            wd = (wd + ftl_cron_mdays(y, m)) % 7;
        }
    }
    return 0;
}

/* --- the three pattern forms ----------------------------------------------- */

static int ftl_cron_is_unit(const FtlCronTok *t)
{
    /* Upstream's grammar compares words case-insensitively. */
    return t->kind == TK_WORD && t->n == 1 && strchr("smhSMH", t->s[0]) != NULL;
}

/* "30s", "25m", "5h": a step over seconds, minutes or hours. 0 is accepted
 * and upstream turns it into 00:00:00 every day, so it always matches. */
static int ftl_cron_interval(FtlCron *c, const FtlCronTok *num, const FtlCronTok *unit)
{
    char q[FTL_CRON_QBUF];
    int64_t v = 0;
    size_t i;
    int top, shown = num->n > 20 ? 20 : (int)num->n;
    /* Upstream lexes "1h30m" as 1 and the word "h30m". */
    if (unit->n > 1 && ftl_cron_isdigit((unsigned char)unit->s[1]))
        return ftl_cron_fail(c, "compound intervals are not supported");
    if (unit->n != 1 || !strchr("smh", unit->s[0]))
        return ftl_cron_fail(c, "interval unit must be s, m or h, got %s",
                             ftl_cron_quote(q, sizeof q, unit->s, unit->n));
    if (memchr(num->s, '.', num->n))
        return ftl_cron_fail(c, "interval must be a whole number, got %s",
                             ftl_cron_quote(q, sizeof q, num->s, num->n));
    top = unit->s[0] == 'h' ? 23 : 59;
    /* Read as decimal even with a leading zero; stop early once too large. */
    for (i = 0; i < num->n && v <= top; i++)
        v = v * 10 + (num->s[i] - '0');
    if (v <= top) return 0;
    return ftl_cron_fail(c, "interval %.*s%s%c is too long: at most %d%c", shown, num->s,
                         num->n > 20 ? "..." : "", unit->s[0], top, unit->s[0]);
}

static int ftl_cron_interval_form(FtlCron *c)
{
    char q[FTL_CRON_QBUF];
    FtlCronTok num = c->tok, unit, extra;
    ftl_cron_next(c);
    unit = c->tok;
    ftl_cron_next(c);
    extra = c->tok;
    if (extra.kind == TK_EOF) return ftl_cron_interval(c, &num, &unit);
    ftl_cron_next(c);
    if (extra.kind == TK_NUM && c->tok.kind == TK_WORD)
        return ftl_cron_fail(c, "compound intervals are not supported");
    return ftl_cron_fail(c, "unexpected %s after interval",
                         ftl_cron_quote(q, sizeof q, extra.s, extra.n));
}

static int ftl_cron_weekday_form(FtlCron *c)
{
    static const char days[] = "sunmontuewedthufrisat";
    char q[FTL_CRON_QBUF];
    FtlCronTok w = c->tok;
    int i, j, prefix = 0;
    for (i = 0; i < 7 && w.n >= 3; i++) {
        for (j = 0; j < 3; j++)
            if ((w.s[j] | 0x20) != days[i * 3 + j]) break;
        if (j == 3) prefix = 1;
    }
    ftl_cron_quote(q, sizeof q, w.s, w.n);
    if (!prefix || w.n != 3) {
        if (prefix)
            return ftl_cron_fail(c, "unknown weekday %s: use Mon, Tue, Wed, Thu, Fri, Sat or Sun",
                                 q);
        return ftl_cron_fail(c, "expected an interval, a weekday or cron fields, got %s", q);
    }
    ftl_cron_next(c);
    if (c->tok.kind == TK_EOF) return 0;
    return ftl_cron_fail(c, "unexpected %s after weekday",
                         ftl_cron_quote(q, sizeof q, c->tok.s, c->tok.n));
}

static int ftl_cron_fields_form(FtlCron *c)
{
    static const int evaluated[] = {F_SEC, F_MIN, F_HOUR, F_MON, F_YEAR};
    size_t i;
    if (ftl_cron_walk(c, 0)) return -1;
    if (c->nfields < 5 || c->nfields > 7)
        return ftl_cron_fail(c, "expected 5, 6 or 7 fields, got %zu", c->nfields);
    c->slot0 = (c->nfields == 5 || (c->nfields == 6 && c->sixth_is_year)) ? 1 : 0;
    if (ftl_cron_walk(c, 1)) return -1;
    ftl_cron_defaults(c);
    /* D16 in ftlc-check(1): an empty field (e.g. "5-1") is an error, never a crash. Days are
     * left to the search, because the other day field may still match. */
    for (i = 0; i < sizeof evaluated / sizeof evaluated[0]; i++)
        if (ftl_cron_set_empty(&c->set[evaluated[i]]))
            return ftl_cron_fail(c, "%s field matches no value",
                                 ftl_cron_fields[evaluated[i]].name);
    if (!ftl_cron_matches(c)) return ftl_cron_fail(c, "pattern never matches after 2020-01-01");
    return 0;
}

int ftl_cron_validate(const char *text, size_t len, char *err, size_t errsz)
{
    FtlCron c;
    FtlCronTok first;
    memset(&c, 0, sizeof c);
    c.text = text ? text : "";
    c.end = c.text + (text ? len : 0);
    c.err = err;
    c.errsz = errsz;
    if (err && errsz) err[0] = '\0';
    ftl_cron_rewind(&c);
    first = c.tok;
    if (first.kind == TK_EOF) return ftl_cron_fail(&c, "empty cron pattern");
    if (first.kind == TK_WORD) return ftl_cron_weekday_form(&c);
    if (first.kind == TK_NUM) {
        ftl_cron_next(&c);
        /* Like upstream's grammar, a number and a unit word form an interval;
         * any other lone word after a number is reported as a bad unit. */
        if (c.tok.kind == TK_WORD) {
            FtlCronTok unit = c.tok;
            ftl_cron_next(&c);
            if (ftl_cron_is_unit(&unit) || c.tok.kind == TK_EOF) {
                ftl_cron_rewind(&c);
                return ftl_cron_interval_form(&c);
            }
        }
    }
    return ftl_cron_fields_form(&c);
}
