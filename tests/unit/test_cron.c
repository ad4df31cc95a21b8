/* test_cron.c - FTL cron pattern validation (+cron in ftl-schema(5), E0410;
 * D16 in ftlc-check(1)). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check/cron.h"

typedef struct CronCase {
    const char *text;
    const char *err; /* NULL: valid */
} CronCase;

/* Checks one case; an expected message must match exactly. */
static void check_case(const CronCase *c)
{
    char err[256];
    int rc = ftl_cron_validate(c->text, strlen(c->text), err, sizeof err);
    if (!c->err) {
        if (rc != 0) fail_msg("\"%s\" should be valid, got: %s", c->text, err);
        return;
    }
    if (rc != -1) fail_msg("\"%s\" should be invalid (%s)", c->text, c->err);
    if (strcmp(err, c->err) != 0)
        fail_msg("\"%s\": expected message\n  %s\ngot\n  %s", c->text, c->err, err);
}

static void check_cases(const CronCase *cases, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        check_case(&cases[i]);
}

#define CHECK(cases) check_cases(cases, sizeof cases / sizeof cases[0])

#define NEVER "pattern never matches after 2020-01-01"

/* Every form of pattern: intervals, weekdays, fields. */
static void test_spec_examples(void **state)
{
    static const CronCase cases[] = {
        {"*/10 * * * * * *", NULL},
        {"0 */5 * * * *", NULL},
        {"* */2 0-23/2,4-5 * * * *", NULL},
        {"12h", NULL},
        {"Mon", NULL},
        {"30s", NULL},
        {"25m", NULL},
        {"5h", NULL},
        {"30 s", NULL},
        {"*****", NULL},
        {"0 5-1,3 * * *", NULL},
        {"0 0 29 2 *", NULL},
        {"* * * *", "expected 5, 6 or 7 fields, got 4"},
        {"90s", "interval 90s is too long: at most 59s"},
        {"24h", "interval 24h is too long: at most 23h"},
        {"1d", "interval unit must be s, m or h, got \"d\""},
        {"0 61 * * *", "value 61 out of range 0-23 for hour"},
        {"0 0 30 2 *", "pattern never matches after 2020-01-01"},
        {"* * * * * 1999", "pattern never matches after 2020-01-01"},
        {"Monday", "unknown weekday \"Monday\": use Mon, Tue, Wed, Thu, Fri, Sat or Sun"},
        {"1h30m", "compound intervals are not supported"},
        {"1.5m", "interval must be a whole number, got \"1.5\""},
    };
    (void)state;
    CHECK(cases);
}

/* Tricky +cron texts: doubled and trailing spaces, intervals (12h valid; 24h, 90s and 1d
 * not), a date that never comes (after D3 normalisation, but the validator also tolerates
 * the raw spacing). */
static void test_section8_rows(void **state)
{
    static const CronCase cases[] = {
        {"0 5 * * *", NULL},
        {"0  5 * * *", NULL},
        {"Mon", NULL},
        {"Mon ", NULL},
        {"12h", NULL},
        {"24h", "interval 24h is too long: at most 23h"},
        {"90s", "interval 90s is too long: at most 59s"},
        {"1d", "interval unit must be s, m or h, got \"d\""},
        {"0 0 30 2 *", "pattern never matches after 2020-01-01"},
    };
    (void)state;
    CHECK(cases);
}

static void test_intervals(void **state)
{
    static const CronCase cases[] = {
        {"1s", NULL},
        {"59s", NULL},
        {"60s", "interval 60s is too long: at most 59s"},
        {"1m", NULL},
        {"59m", NULL},
        {"60m", "interval 60m is too long: at most 59m"},
        {"1h", NULL},
        {"23h", NULL},
        {"24h", "interval 24h is too long: at most 23h"},
        /* 0 is accepted upstream and means daily at 00:00:00 UTC. */
        {"0s", NULL},
        {"0m", NULL},
        {"0h", NULL},
        {"00s", NULL},
        /* The interval number is decimal even with a leading zero. */
        {"010s", NULL},
        {"08s", NULL},
        {"059s", NULL},
        {"060s", "interval 060s is too long: at most 59s"},
        {"  30s  ", NULL},
        {"30\ts", NULL},
        {"30S", "interval unit must be s, m or h, got \"S\""},
        {"5H", "interval unit must be s, m or h, got \"H\""},
        {"30x", "interval unit must be s, m or h, got \"x\""},
        {"30ms", "interval unit must be s, m or h, got \"ms\""},
        {"1h 30m", "compound intervals are not supported"},
        {"5m5", "compound intervals are not supported"},
        {"30s 5", "unexpected \"5\" after interval"},
        {"30s *", "unexpected \"*\" after interval"},
        {"99999999999999999999999s", "interval 99999999999999999999...s is too long: at most 59s"},
    };
    (void)state;
    CHECK(cases);
}

static void test_weekdays(void **state)
{
    static const CronCase cases[] = {
        {"Mon", NULL},
        {"Tue", NULL},
        {"Wed", NULL},
        {"Thu", NULL},
        {"Fri", NULL},
        {"Sat", NULL},
        {"Sun", NULL},
        {"mon", NULL},
        {"SUN", NULL},
        {"fRi", NULL},
        {" Sat ", NULL},
        {"Monday", "unknown weekday \"Monday\": use Mon, Tue, Wed, Thu, Fri, Sat or Sun"},
        {"Mo", "expected an interval, a weekday or cron fields, got \"Mo\""},
        {"daily", "expected an interval, a weekday or cron fields, got \"daily\""},
        {"Mon Tue", "unexpected \"Tue\" after weekday"},
        {"Mon 5", "unexpected \"5\" after weekday"},
    };
    (void)state;
    CHECK(cases);
}

static void test_field_counts(void **state)
{
    static const CronCase cases[] = {
        {"*", "expected 5, 6 or 7 fields, got 1"},
        {"* * * *", "expected 5, 6 or 7 fields, got 4"},
        {"****", "expected 5, 6 or 7 fields, got 4"},
        {"* * * * *", NULL},
        {"*****", NULL},
        {"******", NULL},
        {"*******", NULL},
        {"* * * * * * * *", "expected 5, 6 or 7 fields, got 8"},
        {"********", "expected 5, 6 or 7 fields, got 8"},
        /* Only whitespace between two numbers is significant. */
        {"1 2 3 4 5", NULL},
        {"1 - 5 * * * *", NULL},
        {"*/ 5 * * * *", NULL},
        {"* / 5 * * * *", NULL},
        {"1 ,2 * * * *", NULL},
        {"1, 2 * * * *", NULL},
        {"0*/5***", NULL},
        {"\t0\n5\r*\f* *  ", NULL},
        {"", "empty cron pattern"},
        {"   \t ", "empty cron pattern"},
    };
    (void)state;
    CHECK(cases);
}

/* Value bounds per field, with 7 fields so every field is written. */
static void test_value_bounds(void **state)
{
    static const CronCase cases[] = {
        {"59 0 0 1 1 * 2030", NULL},
        {"60 0 0 1 1 * 2030", "value 60 out of range 0-59 for second"},
        {"0 59 0 1 1 * 2030", NULL},
        {"0 60 0 1 1 * 2030", "value 60 out of range 0-59 for minute"},
        {"0 0 23 1 1 * 2030", NULL},
        {"0 0 24 1 1 * 2030", "value 24 out of range 0-23 for hour"},
        {"0 0 0 0 1 * 2030", "value 0 out of range 1-31 for day-of-month"},
        {"0 0 0 31 1 * 2030", NULL},
        {"0 0 0 32 1 * 2030", "value 32 out of range 1-31 for day-of-month"},
        {"0 0 0 1 0 * 2030", "value 0 out of range 1-12 for month"},
        {"0 0 0 1 12 * 2030", NULL},
        {"0 0 0 1 13 * 2030", "value 13 out of range 1-12 for month"},
        {"0 0 0 * * 0 2030", NULL},
        {"0 0 0 * * 7 2030", NULL},
        {"0 0 0 * * 8 2030", "value 8 out of range 0-7 for day-of-week"},
        {"0 0 0 1 1 * 1969", "value 1969 out of range 1970-2099 for year"},
        {"0 0 0 1 1 * 1970", NEVER},
        {"0 0 0 1 1 * 2099", NULL},
        {"0 0 0 1 1 * 2100", "value 2100 out of range 1970-2099 for year"},
        /* 5 fields: minute hour day-of-month month day-of-week. */
        {"59 23 31 12 7", NULL},
        {"60 * * * *", "value 60 out of range 0-59 for minute"},
        {"* 24 * * *", "value 24 out of range 0-23 for hour"},
        {"0 0 1-32 * *", "value 32 out of range 1-31 for day-of-month"},
        {"0 0 * 0-12 *", "value 0 out of range 1-12 for month"},
        {"0 0 * * 1-8", "value 8 out of range 0-7 for day-of-week"},
        {"0 0 * * 5/2", NULL},
        {"0 0 * * 9/2", "value 9 out of range 0-7 for day-of-week"},
    };
    (void)state;
    CHECK(cases);
}

static void test_steps(void **state)
{
    static const CronCase cases[] = {
        {"*/59 * * * * * *", NULL},
        {"*/60 * * * * * *", "step 60 out of range 1-59 for second"},
        {"*/0 * * * * * *", "step 0 out of range 1-59 for second"},
        {"*/1 * * * *", NULL},
        {"*/59 * * * *", NULL},
        {"*/60 * * * *", "step 60 out of range 1-59 for minute"},
        {"0 */23 * * *", NULL},
        {"0 */24 * * *", "step 24 out of range 1-23 for hour"},
        {"0 0 */31 * *", NULL},
        {"0 0 */32 * *", "step 32 out of range 1-31 for day-of-month"},
        {"0 0 * */12 *", NULL},
        {"0 0 * */13 *", "step 13 out of range 1-12 for month"},
        {"0 0 * * */6", NULL},
        {"0 0 * * */7", "step 7 out of range 1-6 for day-of-week"},
        {"0 0 * * 0-7/7", "step 7 out of range 1-6 for day-of-week"},
        {"0 0 0 1 1 * */59", NULL},
        {"0 0 1 1 * 2020/59", NULL},
        {"0 0 1 1 * 2020/60", "step 60 out of range 1-59 or 1970-2099 for year"},
        {"0 0 1 1 * 2020/1970", NULL},
        {"0 0 1 1 * 2020/2099", NULL},
        {"0 0 1 1 * 2020/2100", "step 2100 out of range 1-59 or 1970-2099 for year"},
        {"5/15 * * * *", NULL},
        {"0-30/10 * * * *", NULL},
        {"50/20 * * * *", NULL},
        {"30-10/5 * * * *", "minute field matches no value"},
        /* A step starting after the last year that matters. */
        {"0 0 1 1 * 2019/100", "step 100 out of range 1-59 or 1970-2099 for year"},
        {"0 0 1 1 * 1970/50", NULL}, /* 1970, 2020, 2070 */
        {"0 0 1 1 * 1970-2019/7", NEVER},
    };
    (void)state;
    CHECK(cases);
}

/* Six fields: a sixth field with a start or end >= 1000 is a year. */
static void test_six_fields(void **state)
{
    static const CronCase cases[] = {
        {"0 0 1 1 * 2024", NULL},
        {"0 0 1 1 * 1000", "value 1000 out of range 1970-2099 for year"},
        {"0 0 1 1 * 999", "value 999 out of range 0-7 for day-of-week"},
        {"0 0 1 1 * 1-1000", "value 1 out of range 1970-2099 for year"},
        {"0 0 1 1 * 5,2030", "value 5 out of range 1970-2099 for year"},
        {"0 0 1 1 * 2019", NEVER},
        {"0 0 1 1 * 2019,2020", NULL},
        /* The step is not a start or end value: this is a day-of-week. */
        {"0 0 1 1 * */1970", "step 1970 out of range 1-6 for day-of-week"},
        /* Seconds first otherwise. */
        {"59 * * * * *", NULL},
        {"60 * * * * *", "value 60 out of range 0-59 for second"},
        {"0 60 * * * *", "value 60 out of range 0-59 for minute"},
    };
    (void)state;
    CHECK(cases);
}

static void test_seven_fields(void **state)
{
    static const CronCase cases[] = {
        {"0 0 0 1 1 * 2020", NULL},       {"0 0 0 1 1 * 2019", NEVER},
        {"59 59 23 31 12 * 2019", NEVER}, {"* * * * * * 2099", NULL},
        {"* * * * * * 1970-2019", NEVER}, {"* * * * * * 1970-2020", NULL},
        {"* * * * * * *", NULL},
    };
    (void)state;
    CHECK(cases);
}

/* Numbers as in Integers of ftl-schema(5): a leading 0 means octal. */
static void test_octal(void **state)
{
    static const CronCase cases[] = {
        {"010 * * * *", NULL},
        {"073 * * * *", NULL},
        {"074 * * * *", "value 60 out of range 0-59 for minute"},
        {"08 * * * *", "invalid octal number \"08\" (a leading 0 means octal)"},
        {"0 09 * * *", "invalid octal number \"09\" (a leading 0 means octal)"},
        {"00 00 01 01 00", NULL},
        {"0 0 1 1 * 03744", NULL},  /* 2020 */
        {"0 0 1 1 * 03743", NEVER}, /* 2019 */
        {"*/010 * * * *", NULL},
        {"*/074 * * * *", "step 60 out of range 1-59 for minute"},
        {"1.5 * * * *", "fractional number \"1.5\" is not allowed"},
        {"* * * * */1.0", "fractional number \"1.0\" is not allowed"},
        {"9999999999999999999 * * * *", "number \"9999999999999999999\" is out of range"},
        {"9223372036854775807 * * * *", "value 9223372036854775807 out of range 0-59 for minute"},
        {"0777777777777777777777 * * * *",
         "value 9223372036854775807 out of range 0-59 for minute"},
        {"01777777777777777777777 * * * *", "number \"01777777777777777777777\" is out of range"},
    };
    (void)state;
    CHECK(cases);
}

/* The final rule: leap years, month lengths, day-of-month/day-of-week OR. */
static void test_calendar(void **state)
{
    static const CronCase cases[] = {
        {"0 0 29 2 *", NULL},
        {"0 0 29 2 * 2021", NEVER},
        {"0 0 29 2 * 2021-2023", NEVER},
        {"0 0 29 2 * 2021-2024", NULL},
        {"0 0 29 2 * 2096", NULL},
        {"0 0 29 2 * 2097-2099", NEVER},
        {"0 0 30 2 *", NEVER},
        {"0 0 31 2 *", NEVER},
        {"0 0 30,31 2 *", NEVER},
        {"0 0 31 4 *", NEVER},
        {"0 0 31 4,6,9,11 *", NEVER},
        {"0 0 31 4,5 *", NULL},
        {"0 0 31 * *", NULL},
        /* Both restricted: either may match. */
        {"0 0 30 2 1", NULL},
        {"0 0 29 2 1 2021", NULL},
        {"0 0 30 2 */2", NULL},
        /* Only day-of-month restricted: a star day-of-week adds nothing. */
        {"0 0 30 2 *", NEVER},
        {"0 0 30 2 *,1", NEVER},
        /* Only day-of-week restricted: the day of month is ignored. */
        {"0 0 * 2 1 2021", NULL},
        /* Day-of-week 7 is Sunday; a range ending on Sunday stops at
         * Saturday, and upstream's library reads "0-0" as every day. */
        {"0 0 31 2 7", NULL},
        {"0 0 31 2 0", NULL},
        {"0 0 31 2 5-7", NULL},
        {"0 0 31 2 7-7", NULL},
        {"0 0 31 2 0-0", NULL},
        {"0 0 31 2 7/2", NULL},
    };
    (void)state;
    CHECK(cases);
}

/* "N-M" with N > M contributes nothing; a field left empty is an error
 * (D16), never a crash, even where upstream's library panics. */
static void test_empty_fields(void **state)
{
    static const CronCase cases[] = {
        {"0 5-1,3 * * *", NULL},
        {"0 0 * 5-1 *", "month field matches no value"},
        {"5-1 3 * * *", "minute field matches no value"},
        {"5-1 * * * *", "minute field matches no value"},
        {"0 5-1 * * *", "hour field matches no value"},
        {"5-1 * * * * *", "second field matches no value"},
        {"0 0 0 1 1 * 2050-2040", "year field matches no value"},
        {"0 0 5-1 * *", NEVER},
        {"0 0 * * 5-1", NEVER},
        {"0 0 5-1 * 5-1", NEVER},
        /* The other day field still matches. */
        {"0 0 5-1 * 1", NULL},
        {"0 0 1 * 5-1", NULL},
    };
    (void)state;
    CHECK(cases);
}

static void test_syntax_errors(void **state)
{
    static const CronCase cases[] = {
        {"5,", "expected a number or \"*\" after \",\", got end of pattern"},
        {"5,,1 * * * *", "expected a number or \"*\" after \",\", got \",\""},
        {"5, * * * *", "expected 5, 6 or 7 fields, got 4"}, /* "5,*" is one field */
        {"1-", "expected a number after \"-\", got end of pattern"},
        {"1-* * * * *", "expected a number after \"-\", got \"*\""},
        {"*/", "expected a number after \"/\", got end of pattern"},
        {"*/* * * * *", "expected a number after \"/\", got \"*\""},
        {",5 * * * *", "expected a number or \"*\", got \",\""},
        {"-5 * * * *", "expected a number or \"*\", got \"-\""},
        {"/5 * * * *", "expected a number or \"*\", got \"/\""},
        {"*-5 * * * *", "expected a number or \"*\", got \"-\""},
        {"1-2-3 * * * *", "expected a number or \"*\", got \"-\""},
        {"* * * * ?", "expected a number or \"*\", got \"?\""},
        {"0 0 L * *", "expected a number or \"*\", got \"L\""},
        {"0 0 15W * *", "expected a number or \"*\", got \"W\""},
        {"0 0 * * 5#3", "expected a number or \"*\", got \"#\""},
        {"0 0 * JAN *", "expected a number or \"*\", got \"JAN\""},
        {"0 0 * * MON", "expected a number or \"*\", got \"MON\""},
        {"@daily", "expected a number or \"*\", got \"@\""},
        {"* * * * * // every minute", "expected a number after \"/\", got \"/\""},
        {"* * * * * \"x\"", "expected a number or \"*\", got \"\\\"\""},
        {"* * * * \x0b*", "expected a number or \"*\", got \"\\x0b\""},
        {"* * * * caf\xc3\xa9", "expected a number or \"*\", got \"caf\""},
        {"\xef\xbb\xbf* * * * *", "expected a number or \"*\", got \"\\xef\""},
        {"1. * * * *", "expected a number or \"*\", got \".\""},
    };
    (void)state;
    CHECK(cases);
}

/* The text is (pointer, length): bytes after len are ignored, NUL inside is
 * an ordinary bad byte, NULL with length 0 is the empty pattern. */
static void test_text_and_buffer(void **state)
{
    char err[64], small[8];
    (void)state;
    assert_int_equal(ftl_cron_validate("Mon garbage", 3, err, sizeof err), 0);
    assert_int_equal(ftl_cron_validate("* * * * *\0*", 11, err, sizeof err), -1);
    assert_string_equal(err, "expected a number or \"*\", got \"\\x00\"");
    assert_int_equal(ftl_cron_validate(NULL, 0, err, sizeof err), -1);
    assert_string_equal(err, "empty cron pattern");
    /* No error buffer at all. */
    assert_int_equal(ftl_cron_validate("90s", 3, NULL, 0), -1);
    assert_int_equal(ftl_cron_validate("30s", 3, NULL, 0), 0);
    /* A small buffer gets a truncated, terminated message. */
    memset(small, 'x', sizeof small);
    assert_int_equal(ftl_cron_validate("* * * *", 7, small, sizeof small), -1);
    assert_int_equal(strlen(small), sizeof small - 1);
    assert_memory_equal(small, "expecte", sizeof small);
    /* A valid pattern leaves an empty message. */
    strcpy(err, "junk");
    assert_int_equal(ftl_cron_validate("Mon", 3, err, sizeof err), 0);
    assert_string_equal(err, "");
}

/* Checks the message contract: one line, non-empty, no trailing period. */
static void check_message(int rc, const char *err)
{
    size_t n = strlen(err);
    assert_true(rc == 0 || rc == -1);
    if (rc == 0) return;
    assert_true(n > 0);
    assert_null(strchr(err, '\n'));
    assert_true(err[n - 1] != '.');
}

static uint64_t rng_next(uint64_t *s)
{
    /* xorshift64: deterministic, so a failure reproduces. */
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Random texts over the pattern alphabet and over all bytes. */
static void test_garbage(void **state)
{
    static const char alphabet[] = "0123456789*,-/ smhdMonTueSun.?\t";
    uint64_t seed = 0x9e3779b97f4a7c15u;
    char text[96], err[256];
    int i;
    (void)state;
    for (i = 0; i < 200000; i++) {
        size_t n = rng_next(&seed) % sizeof text, k;
        int bytes = i % 4 == 0;
        int rc;
        for (k = 0; k < n; k++) {
            uint64_t r = rng_next(&seed);
            text[k] = bytes ? (char)(r & 0xff) : alphabet[r % (sizeof alphabet - 1)];
        }
        rc = ftl_cron_validate(text, n, err, sizeof err);
        check_message(rc, err);
    }
}

/* Very long inputs finish quickly and report sensibly. */
static void test_long_inputs(void **state)
{
    const size_t n = (size_t)1 << 20;
    char *text = malloc(n + 16);
    char err[256];
    size_t i;
    (void)state;
    assert_non_null(text);

    for (i = 0; i < n; i += 2)
        memcpy(text + i, "* ", 2);
    assert_int_equal(ftl_cron_validate(text, n, err, sizeof err), -1);
    assert_string_equal(err, "expected 5, 6 or 7 fields, got 524288");

    memset(text, '7', n);
    assert_int_equal(ftl_cron_validate(text, n, err, sizeof err), -1);
    check_message(-1, err);

    memset(text, '7', n);
    text[n - 1] = 's';
    assert_int_equal(ftl_cron_validate(text, n, err, sizeof err), -1);
    check_message(-1, err);

    /* One huge list in the first field, then four more fields. */
    for (i = 0; i < n; i += 2)
        memcpy(text + i, "1,", 2);
    memcpy(text + n - 2, "1 * * * *", 9);
    assert_int_equal(ftl_cron_validate(text, n + 7, err, sizeof err), 0);

    memset(text, ' ', n);
    assert_int_equal(ftl_cron_validate(text, n, err, sizeof err), -1);
    assert_string_equal(err, "empty cron pattern");

    memset(text, 'a', n);
    assert_int_equal(ftl_cron_validate(text, n, err, sizeof err), -1);
    check_message(-1, err);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_examples), cmocka_unit_test(test_section8_rows),
        cmocka_unit_test(test_intervals),     cmocka_unit_test(test_weekdays),
        cmocka_unit_test(test_field_counts),  cmocka_unit_test(test_value_bounds),
        cmocka_unit_test(test_steps),         cmocka_unit_test(test_six_fields),
        cmocka_unit_test(test_seven_fields),  cmocka_unit_test(test_octal),
        cmocka_unit_test(test_calendar),      cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_syntax_errors), cmocka_unit_test(test_text_and_buffer),
        cmocka_unit_test(test_garbage),       cmocka_unit_test(test_long_inputs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
