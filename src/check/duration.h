/* duration.h - +retry backoff durations and the retry rules of E0413
 * (ftlc-diagnostics(7)).
 *
 * A duration is one or more "digits unit" pairs with units d, h, m and s,
 * each used at most once and in strictly decreasing order: "1d", "1h30m",
 * "1m90s" (component values are not bounded).
 */
#ifndef FTLC_DURATION_H
#define FTLC_DURATION_H

#include <stddef.h>
#include <stdint.h>

#define FTL_RETRY_DEFAULT_COUNT 10
#define FTL_RETRY_MIN_BACKOFF 1           /* seconds: 1s */
#define FTL_RETRY_MAX_BACKOFF (24 * 3600) /* seconds: 1d */
#define FTL_RETRY_DEFAULT_MAX (3600)      /* seconds: 1h */

/* Parses a duration into seconds. Returns 0 on success; otherwise -1 and
 * writes upstream's one-line reason (no trailing period) into err, e.g.
 * duration has unknown unit "mins" - use 'd', 'h', 'm' or 's', eg '1d' or '30s'.
 * Values that do not fit an int64_t number of seconds are errors. */
int ftl_duration_parse(const char *text, size_t len, int64_t *seconds, char *err, size_t errsz);

/* A duration whose only fault is the order of its units ("30s1m"): its parts
 * written largest unit first ("1m30s") into out (NUL-terminated). Returns 0
 * then; -1 when the text is in order, has another fault (an unknown or
 * repeated unit, a part without a number, a number out of range) or does not
 * fit in outsz. */
int ftl_duration_reorder(const char *text, size_t len, char *out, size_t outsz);

/* Formats seconds the way Go's time.Duration String() does: "0s", "1s",
 * "1m0s", "1m30s", "24h0m0s". Negative values get a leading "-". */
void ftl_duration_format(int64_t seconds, char *buf, size_t bufsz);

/* The arguments of one +retry item. A min or max with length 0 is absent
 * (the canonical text prints an empty MIN slot). */
typedef struct {
    int has_count;
    int64_t count;
    const char *min;
    size_t min_len;
    const char *max;
    size_t max_len;
    int has_catch;
} FtlRetrySpec;

/* Which part of the +retry item a message is about, so a caller can position
 * it (upstream reports all of them at the item itself). */
enum { FTL_RETRY_COUNT, FTL_RETRY_MIN, FTL_RETRY_MAX, FTL_RETRY_WHOLE };

/* Applies the rules of E0413 in upstream's order: the first default/parse/bound
 * failure is reported alone and ends the checks; otherwise max >= min is
 * checked, then the backoff of a count 0 when there is no catch (E0414, the
 * catch target, needs
 * name resolution and is the caller's). Calls report(ctx, which, message) for
 * each error (report may be NULL); returns the number of errors. */
int ftl_retry_check(const FtlRetrySpec *r, void (*report)(void *ctx, int which, const char *msg),
                    void *ctx);

#endif
