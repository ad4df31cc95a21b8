/* duration.c - +retry backoff durations and the retry rules of E0413
 * (ftlc-diagnostics(7)).
 *
 * Messages are upstream's, word for word, because diagnostics are compared
 * with upstream's output. Upstream parses with the regular expression
 * ^(\d+)([a-zA-Z]+) repeatedly, so a unit is any run of letters ("mins" is an
 * unknown unit, not "m" followed by garbage) and the number is decimal even
 * with leading zeros.
 */
#include "check/duration.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define FTL_DUR_MSG 1024 /* room for the longest message with quoted text */

typedef struct FtlDurUnit {
    char name;
    int64_t seconds;
} FtlDurUnit;

/* Largest first: a unit must come after every larger one. */
static const FtlDurUnit ftl_dur_units[] = {{'d', 86400}, {'h', 3600}, {'m', 60}, {'s', 1}};

static void ftl_dur_fail(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ftl_dur_fail(char *err, size_t errsz, const char *fmt, ...)
{
    va_list ap;
    if (!err || !errsz) return;
    va_start(ap, fmt);
    vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
}

/* Quotes up to 64 bytes of s like Go's %q, so messages stay on one line. */
static const char *ftl_dur_quote(char *buf, size_t bufsz, const char *s, size_t n)
{
    size_t o = 0, i;
    buf[o++] = '"';
    for (i = 0; i < n && i < 64 && o + 8 < bufsz; i++) {
        unsigned char ch = (unsigned char)s[i];
        const char *esc = ch == '"'    ? "\\\""
                          : ch == '\\' ? "\\\\"
                          : ch == '\n' ? "\\n"
                          : ch == '\t' ? "\\t"
                          : ch == '\r' ? "\\r"
                                       : NULL;
        if (esc)
            o += (size_t)snprintf(buf + o, bufsz - o, "%s", esc);
        else if (ch >= 0x20 && ch < 0x7f)
            buf[o++] = (char)ch;
        else
            o += (size_t)snprintf(buf + o, bufsz - o, "\\x%02x", ch);
    }
    if (i < n) o += (size_t)snprintf(buf + o, bufsz - o, "...");
    buf[o++] = '"';
    buf[o] = '\0';
    return buf;
}

static int ftl_dur_isdigit(int ch)
{
    return ch >= '0' && ch <= '9';
}

static int ftl_dur_isalpha(int ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
}

/* Index of the unit in ftl_dur_units, or -1 for an unknown one. */
static int ftl_dur_unit(const char *s, size_t n)
{
    size_t i;
    if (n != 1) return -1;
    for (i = 0; i < sizeof ftl_dur_units / sizeof ftl_dur_units[0]; i++)
        if (ftl_dur_units[i].name == s[0]) return (int)i;
    return -1;
}

/* Decimal digits to int64, like Go's strconv.Atoi; -1 on overflow. */
static int ftl_dur_atoi(const char *s, size_t n, int64_t *out)
{
    int64_t v = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        int d = s[i] - '0';
        if (v > (INT64_MAX - d) / 10) return -1;
        v = v * 10 + d;
    }
    *out = v;
    return 0;
}

/* Adds num units of size unit to *total; -1 on overflow. Upstream's
 * nanosecond arithmetic silently wraps instead; any such value is far beyond
 * every bound, so rejecting it changes no verdict that matters. */
static int ftl_dur_add(int64_t *total, int64_t num, int64_t unit)
{
    if (num > INT64_MAX / unit) return -1;
    if (*total > INT64_MAX - num * unit) return -1;
    *total += num * unit;
    return 0;
}

int ftl_duration_parse(const char *text, size_t len, int64_t *seconds, char *err, size_t errsz)
{
    char q[FTL_DUR_MSG / 4], q2[FTL_DUR_MSG / 4];
    const char *p = text ? text : "", *end = p + (text ? len : 0);
    int prev = -1; /* index of the previous unit */
    int64_t total = 0;
    if (err && errsz) err[0] = '\0';
    /* Upstream accepts "" as zero; its callers never pass it. We reject it so
     * that a successful parse always saw at least one component. */
    do {
        const char *d = p, *u, *next;
        int64_t num;
        int unit;
        while (d < end && ftl_dur_isdigit((unsigned char)*d))
            d++;
        u = d;
        while (u < end && ftl_dur_isalpha((unsigned char)*u))
            u++;
        if (d == p || u == d) {
            ftl_dur_fail(err, errsz,
                         "unable to parse duration %s - expected duration in format like '1m' or "
                         "'30s'",
                         ftl_dur_quote(q, sizeof q, p, (size_t)(end - p)));
            return -1;
        }
        next = u;
        if (ftl_dur_atoi(p, (size_t)(d - p), &num)) {
            ftl_dur_fail(
                err, errsz,
                "unable to parse duration %s: strconv.Atoi: parsing %s: value out of range",
                ftl_dur_quote(q, sizeof q, p, (size_t)(end - p)),
                ftl_dur_quote(q2, sizeof q2, p, (size_t)(d - p)));
            return -1;
        }
        unit = ftl_dur_unit(d, (size_t)(u - d));
        if (unit < 0) {
            ftl_dur_fail(
                err, errsz,
                "duration has unknown unit %s - use 'd', 'h', 'm' or 's', eg '1d' or '30s'",
                ftl_dur_quote(q, sizeof q, d, (size_t)(u - d)));
            return -1;
        }
        if (unit <= prev) {
            ftl_dur_fail(err, errsz,
                         "duration has unit \"%c\" out of order - units need to be ordered from "
                         "largest to smallest - eg '1d3h2m'",
                         ftl_dur_units[unit].name);
            return -1;
        }
        if (ftl_dur_add(&total, num, ftl_dur_units[unit].seconds)) {
            ftl_dur_fail(err, errsz, "unable to parse duration %s: value out of range",
                         ftl_dur_quote(q, sizeof q, text, len));
            return -1;
        }
        prev = unit;
        p = next;
    } while (p < end);
    if (seconds) *seconds = total;
    return 0;
}

int ftl_duration_reorder(const char *text, size_t len, char *out, size_t outsz)
{
    enum { N = sizeof ftl_dur_units / sizeof ftl_dur_units[0] };
    const char *part[N] = {0};
    size_t plen[N] = {0}, o = 0;
    const char *p = text, *end = text + len;
    int prev = -1, sorted = 1;
    int64_t num;
    while (p < end) {
        const char *d = p, *u;
        while (d < end && ftl_dur_isdigit((unsigned char)*d))
            d++;
        u = d;
        while (u < end && ftl_dur_isalpha((unsigned char)*u))
            u++;
        int unit = ftl_dur_unit(d, (size_t)(u - d));
        if (d == p || unit < 0 || part[unit] || ftl_dur_atoi(p, (size_t)(d - p), &num)) return -1;
        sorted = sorted && unit > prev;
        part[unit] = p;
        plen[unit] = (size_t)(u - p);
        prev = unit;
        p = u;
    }
    if (sorted || len >= outsz) return -1;
    for (int i = 0; i < N; i++) {
        if (part[i]) memcpy(out + o, part[i], plen[i]);
        o += plen[i];
    }
    out[o] = '\0';
    return 0;
}

void ftl_duration_format(int64_t seconds, char *buf, size_t bufsz)
{
    /* Work on the magnitude as unsigned so INT64_MIN needs no special case. */
    uint64_t v = seconds < 0 ? 0 - (uint64_t)seconds : (uint64_t)seconds;
    const char *sign = seconds < 0 ? "-" : "";
    unsigned long long h = v / 3600, m = v / 60 % 60, s = v % 60;
    if (!buf || !bufsz) return;
    if (h)
        snprintf(buf, bufsz, "%s%lluh%llum%llus", sign, h, m, s);
    else if (m)
        snprintf(buf, bufsz, "%s%llum%llus", sign, m, s);
    else
        snprintf(buf, bufsz, "%s%llus", sign, s);
}

/* --- +retry ------------------------------------------------------------------ */

typedef struct FtlDurReport {
    void (*fn)(void *ctx, int which, const char *msg);
    void *ctx;
    int count;
} FtlDurReport;

static void ftl_dur_report(FtlDurReport *rep, int which, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void ftl_dur_report(FtlDurReport *rep, int which, const char *fmt, ...)
{
    char msg[FTL_DUR_MSG];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    rep->count++;
    if (rep->fn) rep->fn(rep->ctx, which, msg);
}

/* Parses one backoff and applies the 1s..1d bounds. On failure reports
 * "could not parse <which> backoff duration: ..." and returns -1. */
static int ftl_dur_backoff(FtlDurReport *rep, int which, const char *text, size_t len, int64_t *out)
{
    const char *name = which == FTL_RETRY_MIN ? "min" : "max";
    char err[FTL_DUR_MSG / 2];
    if (ftl_duration_parse(text, len, out, err, sizeof err)) {
        ftl_dur_report(rep, which,
                       "could not parse %s backoff duration: could not parse retry "
                       "duration: %s",
                       name, err);
        return -1;
    }
    if (*out < FTL_RETRY_MIN_BACKOFF) {
        ftl_dur_report(rep, which,
                       "could not parse %s backoff duration: retry must have a "
                       "minimum backoff of 1s",
                       name);
        return -1;
    }
    if (*out > FTL_RETRY_MAX_BACKOFF) {
        ftl_dur_report(rep, which,
                       "could not parse %s backoff duration: retry backoff can not "
                       "be larger than 1d",
                       name);
        return -1;
    }
    return 0;
}

/* Defaults, parsing and bounds. Like upstream's RetryParams,
 * stops at the first failure; returns -1 then. */
static int ftl_dur_params(FtlDurReport *rep, const FtlRetrySpec *r, int64_t count, int64_t *min,
                          int64_t *max)
{
    if (r->min_len == 0) {
        if (count != 0) {
            ftl_dur_report(rep, FTL_RETRY_WHOLE, "retry must have a minimum backoff");
            return -1;
        }
        *min = FTL_RETRY_MIN_BACKOFF;
    } else if (ftl_dur_backoff(rep, FTL_RETRY_MIN, r->min, r->min_len, min)) {
        return -1;
    }
    if (r->max_len == 0) {
        *max = *min > FTL_RETRY_DEFAULT_MAX ? *min : FTL_RETRY_DEFAULT_MAX;
        return 0;
    }
    return ftl_dur_backoff(rep, FTL_RETRY_MAX, r->max, r->max_len, max);
}

/* A backoff as written; it parsed, so it holds only digits and letters. */
static const char *ftl_dur_as_written(char *buf, size_t bufsz, const char *s, size_t n)
{
    size_t k = n < bufsz - 1 ? n : bufsz - 1;
    if (k) memcpy(buf, s, k);
    buf[k] = '\0';
    return buf;
}

int ftl_retry_check(const FtlRetrySpec *r, void (*report)(void *ctx, int which, const char *msg),
                    void *ctx)
{
    FtlDurReport rep = {report, ctx, 0};
    int64_t count = r->has_count ? r->count : FTL_RETRY_DEFAULT_COUNT;
    int64_t min = 0, max = 0;
    /* The text cannot express a negative count, but the tree can. */
    if (count < 0) ftl_dur_report(&rep, FTL_RETRY_COUNT, "retry count can not be negative");
    if (ftl_dur_params(&rep, r, count, &min, &max)) return rep.count;
    if (max < min) {
        /* Upstream prints the durations as written, e.g. "1m", not "1m0s". */
        char qmin[FTL_DUR_MSG / 4], qmax[FTL_DUR_MSG / 4];
        ftl_dur_report(&rep, FTL_RETRY_MAX,
                       "max backoff duration (%s) needs to be at least as long as initial "
                       "backoff (%s)",
                       ftl_dur_as_written(qmax, sizeof qmax, r->max, r->max_len),
                       ftl_dur_as_written(qmin, sizeof qmin, r->min, r->min_len));
    }
    if (!r->has_catch && count == 0 && (r->min_len || r->max_len))
        ftl_dur_report(&rep, FTL_RETRY_WHOLE,
                       "can not define a backoff duration when retry count is 0 and no catch is "
                       "declared");
    return rep.count;
}
