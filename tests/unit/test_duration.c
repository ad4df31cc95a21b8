/* test_duration.c - +retry durations and the retry rules of E0413
 * (ftlc-diagnostics(7)). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/duration.h"

#define OUT_OF_ORDER(u)                                                                            \
    "duration has unit \"" u "\" out of order - units need to be ordered from largest to "         \
    "smallest - eg '1d3h2m'"
#define UNKNOWN_UNIT(u)                                                                            \
    "duration has unknown unit \"" u "\" - use 'd', 'h', 'm' or 's', eg '1d' or '30s'"
#define UNPARSABLE(t)                                                                              \
    "unable to parse duration \"" t "\" - expected duration in format like '1m' or '30s'"

#define MIN_PARSE "could not parse min backoff duration: could not parse retry duration: "
#define MAX_PARSE "could not parse max backoff duration: could not parse retry duration: "
#define MIN_TOO_SHORT                                                                              \
    "could not parse min backoff duration: retry must have a minimum backoff of 1s"
#define MIN_TOO_LONG "could not parse min backoff duration: retry backoff can not be larger than 1d"
#define MAX_TOO_SHORT                                                                              \
    "could not parse max backoff duration: retry must have a minimum backoff of 1s"
#define MAX_TOO_LONG "could not parse max backoff duration: retry backoff can not be larger than 1d"
#define NO_MIN "retry must have a minimum backoff"
#define COUNT0_BACKOFF                                                                             \
    "can not define a backoff duration when retry count is 0 and no catch is declared"

/* --- ftl_duration_parse ---------------------------------------------------- */

static void parse_ok(const char *text, int64_t want)
{
    char err[256];
    int64_t got = -1;
    if (ftl_duration_parse(text, strlen(text), &got, err, sizeof err) != 0)
        fail_msg("\"%s\" should parse, got: %s", text, err);
    if (got != want) fail_msg("\"%s\": want %lld, got %lld", text, (long long)want, (long long)got);
}

static void parse_err(const char *text, const char *want)
{
    char err[256];
    int64_t got = 12345;
    if (ftl_duration_parse(text, strlen(text), &got, err, sizeof err) != -1)
        fail_msg("\"%s\" should not parse", text);
    if (strcmp(err, want) != 0) fail_msg("\"%s\": want\n  %s\ngot\n  %s", text, want, err);
    assert_int_equal(got, 12345); /* untouched on error */
}

static void test_parse_valid(void **state)
{
    (void)state;
    parse_ok("1s", 1);
    parse_ok("5s", 5);
    parse_ok("1m", 60);
    parse_ok("1h", 3600);
    parse_ok("1d", 86400);
    parse_ok("2d", 172800);
    parse_ok("1h30m", 5400);
    parse_ok("1m5s", 65);
    parse_ok("1m90s", 150); /* component values are not bounded */
    parse_ok("1d2h3m4s", 93784);
    parse_ok("1d4s", 86404);
    parse_ok("0s", 0);
    parse_ok("0h0m0s", 0);
    parse_ok("05s", 5); /* decimal, unlike counts */
    parse_ok("010m", 600);
    parse_ok("1d1s", 86401);
    parse_ok("9223372036854775807s", INT64_MAX);
}

static void test_parse_errors(void **state)
{
    (void)state;
    parse_err("2mins", UNKNOWN_UNIT("mins"));
    parse_err("5S", UNKNOWN_UNIT("S"));
    parse_err("1w", UNKNOWN_UNIT("w"));
    parse_err("1ms", UNKNOWN_UNIT("ms"));
    parse_err("5s1m", OUT_OF_ORDER("m"));
    parse_err("1d1m5s1d", OUT_OF_ORDER("d"));
    parse_err("20m20m", OUT_OF_ORDER("m"));
    parse_err("1s1s", OUT_OF_ORDER("s"));
    parse_err("1h1d", OUT_OF_ORDER("d"));
    /* The unit check comes before the order check, as upstream. */
    parse_err("5s1x", UNKNOWN_UNIT("x"));
    parse_err("1.5s", UNPARSABLE("1.5s"));
    parse_err("1m.5s", UNPARSABLE(".5s"));
    parse_err("", UNPARSABLE(""));
    parse_err("5", UNPARSABLE("5"));
    parse_err("s", UNPARSABLE("s"));
    parse_err("1m5", UNPARSABLE("5"));
    parse_err(" 5s", UNPARSABLE(" 5s"));
    parse_err("5s ", UNPARSABLE(" "));
    parse_err("-5s", UNPARSABLE("-5s"));
    parse_err("5s\n", UNPARSABLE("\\n"));
    parse_err("5s\"", UNPARSABLE("\\\""));
    parse_err("5s\x01", UNPARSABLE("\\x01"));
    parse_err("99999999999999999999s",
              "unable to parse duration \"99999999999999999999s\": strconv.Atoi: parsing "
              "\"99999999999999999999\": value out of range");
    parse_err("9223372036854775807m",
              "unable to parse duration \"9223372036854775807m\": value out of range");
    parse_ok("106751991167300d55807s", INT64_MAX);
    parse_err("106751991167300d55808s",
              "unable to parse duration \"106751991167300d55808s\": value out of range");
}

static void test_parse_api(void **state)
{
    char err[16];
    int64_t s = 0;
    (void)state;
    /* Bytes after len are not part of the text. */
    assert_int_equal(ftl_duration_parse("5s1m", 2, &s, err, sizeof err), 0);
    assert_int_equal(s, 5);
    /* NULL output and error buffers are allowed. */
    assert_int_equal(ftl_duration_parse("5s", 2, NULL, NULL, 0), 0);
    assert_int_equal(ftl_duration_parse("5x", 2, NULL, NULL, 0), -1);
    assert_int_equal(ftl_duration_parse(NULL, 0, &s, err, sizeof err), -1);
    /* Truncated but terminated. */
    assert_int_equal(ftl_duration_parse("2mins", 5, &s, err, sizeof err), -1);
    assert_int_equal(strlen(err), sizeof err - 1);
    strcpy(err, "junk");
    assert_int_equal(ftl_duration_parse("1m", 2, &s, err, sizeof err), 0);
    assert_string_equal(err, "");
}

/* --- ftl_duration_format --------------------------------------------------- */

static void format_is(int64_t s, const char *want)
{
    char buf[64];
    ftl_duration_format(s, buf, sizeof buf);
    assert_string_equal(buf, want);
}

static void test_format(void **state)
{
    char small[4];
    (void)state;
    format_is(0, "0s");
    format_is(1, "1s");
    format_is(59, "59s");
    format_is(60, "1m0s");
    format_is(90, "1m30s");
    format_is(3600, "1h0m0s");
    format_is(3661, "1h1m1s");
    format_is(86400, "24h0m0s");
    format_is(172800, "48h0m0s");
    format_is(-5, "-5s");
    format_is(-3600, "-1h0m0s");
    format_is(INT64_MAX, "2562047788015215h30m7s");
    format_is(INT64_MIN, "-2562047788015215h30m8s");
    ftl_duration_format(3600, small, sizeof small);
    assert_string_equal(small, "1h0");
    ftl_duration_format(1, NULL, 0);
}

/* --- ftl_duration_reorder (E0413's fix-it) --------------------------------- */

static void reorder_is(const char *text, const char *want)
{
    char buf[64];
    int rc = ftl_duration_reorder(text, strlen(text), buf, sizeof buf);
    if (!want) {
        assert_int_equal(rc, -1);
        return;
    }
    assert_int_equal(rc, 0);
    assert_string_equal(buf, want);
    /* the result parses, to the same value as the parts added up */
    char err[256];
    int64_t s;
    assert_int_equal(ftl_duration_parse(buf, strlen(buf), &s, err, sizeof err), 0);
}

static void test_reorder(void **state)
{
    char small[4];
    (void)state;
    reorder_is("30s1m", "1m30s");
    reorder_is("5m1h", "1h5m");
    reorder_is("2s3m4h1d", "1d4h3m2s");
    reorder_is("1h30s2d", "2d1h30s");
    reorder_is("007s1m", "1m007s"); /* numbers kept as written */
    reorder_is("1m30s", NULL);      /* in order: nothing to do */
    reorder_is("1d", NULL);
    reorder_is("1m1m", NULL); /* a repeated unit: 2m is a guess */
    reorder_is("30s1m1s", NULL);
    reorder_is("30s1mins", NULL); /* another fault */
    reorder_is("30sm", NULL);
    reorder_is("s1m", NULL);
    reorder_is("99999999999999999999s1m", NULL);
    reorder_is("", NULL);
    assert_int_equal(ftl_duration_reorder("30s1m", 5, small, sizeof small), -1); /* no room */
}

/* --- ftl_retry_check ------------------------------------------------------- */

typedef struct Got {
    int n;
    int which[4];
    char msg[4][512];
} Got;

static void collect(void *ctx, int which, const char *msg)
{
    Got *g = ctx;
    assert_true(g->n < 4);
    g->which[g->n] = which;
    snprintf(g->msg[g->n], sizeof g->msg[g->n], "%s", msg);
    g->n++;
}

/* count < 0 means "no count written"; min/max NULL means absent. */
static Got retry(int64_t count, const char *min, const char *max, int catch_)
{
    FtlRetrySpec r;
    Got g;
    int n;
    memset(&r, 0, sizeof r);
    memset(&g, 0, sizeof g);
    r.has_count = count >= 0;
    r.count = count >= 0 ? count : 0;
    r.min = min;
    r.min_len = min ? strlen(min) : 0;
    r.max = max;
    r.max_len = max ? strlen(max) : 0;
    r.has_catch = catch_;
    n = ftl_retry_check(&r, collect, &g);
    assert_int_equal(n, g.n);
    return g;
}

static void retry_ok(int64_t count, const char *min, const char *max, int catch_)
{
    Got g = retry(count, min, max, catch_);
    if (g.n)
        fail_msg("retry %lld %s %s: unexpected error: %s", (long long)count, min ? min : "",
                 max ? max : "", g.msg[0]);
}

static void retry_err(int64_t count, const char *min, const char *max, int catch_, int which,
                      const char *want)
{
    Got g = retry(count, min, max, catch_);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.which[0], which);
    assert_string_equal(g.msg[0], want);
}

#define NONE (-1)

/* Retry items on subscribers (E0412 on a verb without +subscribe is the
 * caller's; these durations are fine). */
static void test_subscriber_items(void **state)
{
    (void)state;
    retry_ok(3, "1s", NULL, 0);
    retry_ok(0, NULL, NULL, 0);
    retry_err(0, "5s", NULL, 0, FTL_RETRY_WHOLE, COUNT0_BACKOFF);
    retry_err(10, "5s", "1s", 0, FTL_RETRY_MAX,
              "max backoff duration (1s) needs to be at least as long as initial backoff (5s)");
    retry_ok(NONE, "1m90s", NULL, 0);
    retry_err(NONE, "5s1m", NULL, 0, FTL_RETRY_MIN, MIN_PARSE OUT_OF_ORDER("m"));
    retry_err(NONE, "2d", NULL, 0, FTL_RETRY_MIN, MIN_TOO_LONG);
    retry_err(3, NULL, NULL, 0, FTL_RETRY_WHOLE, NO_MIN);
}

/* The cases of upstream's own retry test, with its messages. */
static void test_upstream_cases(void **state)
{
    (void)state;
    retry_err(NONE, "1d1m5s1d", NULL, 0, FTL_RETRY_MIN, MIN_PARSE OUT_OF_ORDER("d"));
    retry_err(NONE, "0h0m0s", NULL, 0, FTL_RETRY_MIN, MIN_TOO_SHORT);
    retry_err(1, NULL, NULL, 0, FTL_RETRY_WHOLE, NO_MIN);
    retry_err(NONE, NULL, NULL, 0, FTL_RETRY_WHOLE, NO_MIN);
    retry_err(NONE, "20m20m", NULL, 0, FTL_RETRY_MIN, MIN_PARSE OUT_OF_ORDER("m"));
    retry_err(NONE, "2mins", NULL, 0, FTL_RETRY_MIN, MIN_PARSE UNKNOWN_UNIT("mins"));
    retry_err(NONE, "1m", "1s", 0, FTL_RETRY_MAX,
              "max backoff duration (1s) needs to be at least as long as initial backoff (1m)");
    retry_err(NONE, "1d1s", NULL, 0, FTL_RETRY_MIN, MIN_TOO_LONG);
    retry_err(0, "5s", NULL, 0, FTL_RETRY_WHOLE, COUNT0_BACKOFF);
    retry_ok(1, "1s", NULL, 1);
}

/* Defaults and the 1s..1d bounds. */
static void test_bounds_and_defaults(void **state)
{
    (void)state;
    retry_ok(NONE, "1s", NULL, 0);
    retry_err(NONE, "0s", NULL, 0, FTL_RETRY_MIN, MIN_TOO_SHORT);
    retry_ok(NONE, "1d", NULL, 0);
    retry_ok(NONE, "24h", NULL, 0);
    retry_ok(NONE, "23h60m", NULL, 0);
    retry_err(NONE, "24h1s", NULL, 0, FTL_RETRY_MIN, MIN_TOO_LONG);
    retry_err(NONE, "86401s", NULL, 0, FTL_RETRY_MIN, MIN_TOO_LONG);
    retry_err(NONE, "1s", "0s", 0, FTL_RETRY_MAX, MAX_TOO_SHORT);
    retry_err(NONE, "1s", "1d1s", 0, FTL_RETRY_MAX, MAX_TOO_LONG);
    retry_err(NONE, "1s", "1.5s", 0, FTL_RETRY_MAX, MAX_PARSE UNPARSABLE("1.5s"));
    retry_ok(NONE, "1s", "1d", 0);
    retry_ok(NONE, "1m", "1m", 0);
    /* The default maximum is max(min, 1h), so a large min needs no max. */
    retry_ok(NONE, "2h", NULL, 0);
    retry_ok(NONE, "1d", NULL, 0);
    /* Count 0 without a minimum takes 1s; with a catch a backoff is fine. */
    retry_ok(0, NULL, NULL, 1);
    retry_ok(0, "5s", NULL, 1);
    retry_ok(0, "5s", "1m", 1);
    retry_ok(1, "5s", "1m", 0);
}

/* Only the first default/parse/bound failure is reported and ends the checks;
 * otherwise max >= min and COUNT0_BACKOFF are reported independently, in that order. */
static void test_order(void **state)
{
    Got g;
    (void)state;
    g = retry(NONE, "2mins", "0s", 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.msg[0], MIN_PARSE UNKNOWN_UNIT("mins"));

    g = retry(0, "0s", "1x", 0); /* the bound failure hides COUNT0_BACKOFF too */
    assert_int_equal(g.n, 1);
    assert_string_equal(g.msg[0], MIN_TOO_SHORT);

    g = retry(3, NULL, "1x", 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(g.msg[0], NO_MIN);

    g = retry(0, "1m", "1s", 0);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.which[0], FTL_RETRY_MAX);
    assert_string_equal(
        g.msg[0], "max backoff duration (1s) needs to be at least as long as initial backoff (1m)");
    assert_int_equal(g.which[1], FTL_RETRY_WHOLE);
    assert_string_equal(g.msg[1], COUNT0_BACKOFF);

    g = retry(0, "1m", "1s", 1);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.which[0], FTL_RETRY_MAX);

    /* Durations are compared by value, and printed as written. */
    g = retry(NONE, "1h", "59m60s", 0);
    assert_int_equal(g.n, 0);
    g = retry(NONE, "1h", "59m59s", 0);
    assert_int_equal(g.n, 1);
    g = retry(NONE, "1m30s", "89s", 0);
    assert_int_equal(g.n, 1);
    assert_string_equal(
        g.msg[0], "max backoff duration (89s) needs to be at least as long as initial backoff "
                  "(1m30s)");
}

static void test_retry_api(void **state)
{
    FtlRetrySpec r;
    (void)state;
    memset(&r, 0, sizeof r);
    /* No reporter: errors are still counted. */
    r.has_count = 1;
    r.count = 3;
    assert_int_equal(ftl_retry_check(&r, NULL, NULL), 1);
    /* A negative count cannot be written, but the tree could hold one. */
    r.count = -1;
    r.min = "1s";
    r.min_len = 2;
    {
        Got g;
        memset(&g, 0, sizeof g);
        assert_int_equal(ftl_retry_check(&r, collect, &g), 1);
        assert_int_equal(g.which[0], FTL_RETRY_COUNT);
        assert_string_equal(g.msg[0], "retry count can not be negative");
    }
    /* A text with length 0 is absent even when the pointer is set. */
    r.count = 0;
    r.min = "5s";
    r.min_len = 0;
    assert_int_equal(ftl_retry_check(&r, NULL, NULL), 0);
}

/* --- robustness ------------------------------------------------------------ */

static uint64_t rng_next(uint64_t *s)
{
    /* xorshift64: deterministic, so a failure reproduces. */
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void count_only(void *ctx, int which, const char *msg)
{
    size_t n = strlen(msg);
    (void)ctx;
    assert_true(which >= FTL_RETRY_COUNT && which <= FTL_RETRY_WHOLE);
    assert_true(n > 0 && msg[n - 1] != '.');
    assert_null(strchr(msg, '\n'));
}

static void test_garbage(void **state)
{
    static const char alphabet[] = "0123456789dhmsDHMSx. ";
    uint64_t seed = 0x2545f4914f6cdd1du;
    char a[48], b[48], err[256];
    int i;
    (void)state;
    for (i = 0; i < 100000; i++) {
        size_t na = rng_next(&seed) % sizeof a, nb = rng_next(&seed) % sizeof b, k;
        int bytes = i % 4 == 0;
        FtlRetrySpec r;
        int64_t s;
        for (k = 0; k < sizeof a; k++) {
            uint64_t x = rng_next(&seed);
            a[k] = bytes ? (char)x : alphabet[x % (sizeof alphabet - 1)];
            b[k] = bytes ? (char)(x >> 8) : alphabet[(x >> 8) % (sizeof alphabet - 1)];
        }
        if (ftl_duration_parse(a, na, &s, err, sizeof err) == 0)
            assert_true(s >= 0);
        else
            assert_null(strchr(err, '\n'));
        memset(&r, 0, sizeof r);
        r.has_count = (int)(rng_next(&seed) % 2);
        r.count = (int64_t)(rng_next(&seed) % 3);
        r.min = a;
        r.min_len = na;
        r.max = b;
        r.max_len = nb;
        r.has_catch = (int)(rng_next(&seed) % 2);
        assert_true(ftl_retry_check(&r, count_only, NULL) <= 2);
    }
}

static void test_long_input(void **state)
{
    const size_t n = (size_t)1 << 20;
    char *text = malloc(n);
    char err[256];
    int64_t s;
    (void)state;
    assert_non_null(text);
    memset(text, '9', n);
    text[n - 1] = 's';
    assert_int_equal(ftl_duration_parse(text, n, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "value out of range"));
    memset(text, 'm', n);
    text[0] = '1';
    assert_int_equal(ftl_duration_parse(text, n, &s, err, sizeof err), -1);
    assert_non_null(strstr(err, "duration has unknown unit \"mmmm"));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_valid),         cmocka_unit_test(test_parse_errors),
        cmocka_unit_test(test_parse_api),           cmocka_unit_test(test_format),
        cmocka_unit_test(test_subscriber_items),    cmocka_unit_test(test_upstream_cases),
        cmocka_unit_test(test_bounds_and_defaults), cmocka_unit_test(test_order),
        cmocka_unit_test(test_retry_api),           cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_long_input),          cmocka_unit_test(test_reorder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
