/* test_diag.c - diagnostics: ordering, deduplication, -W error, and the text
 * and JSON renderings. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/diag.h"
#include "base/source.h"

/* ---- helpers ------------------------------------------------------------------- */

static FtlSpan sp(uint32_t file, uint32_t off, uint32_t end)
{
    FtlSpan s = {file, off, end};
    return s;
}

static const FtlSpan NOPOS = {0, 0, 0};

/* Renders d into a string (malloc'd) through a real FILE*. */
static char *render(const FtlDiags *d, const FtlSources *src, FtlDiagFormat fmt, int color)
{
    FILE *fp = tmpfile();
    assert_non_null(fp);
    FtlDiagStyle style = {fmt, color};
    ftl_diags_render(d, src, style, fp);
    long n = ftell(fp);
    assert_true(n >= 0);
    rewind(fp);
    char *s = malloc((size_t)n + 1);
    assert_non_null(s);
    assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
    s[n] = '\0';
    fclose(fp);
    return s;
}

/* Compares rendered text, showing both in full on a mismatch. */
static void text_eq_at(const char *file, int line, const char *got, const char *want)
{
    if (strcmp(got, want) != 0) {
        size_t i = 0;
        while (got[i] && got[i] == want[i])
            i++;
        fail_msg("%s:%d: rendering differs at byte %zu\n--- expected\n%s--- got\n%s---", file, line,
                 i, want, got);
    }
}
#define TEXT_EQ(got, want) text_eq_at(__FILE__, __LINE__, (got), (want))

/* Renders a single diagnostic as text, without colour. */
typedef struct One {
    FtlSources src;
    FtlDiags d;
} One;

static One *one_new(const char *text)
{
    One *o = calloc(1, sizeof *o);
    assert_non_null(o);
    ftl_sources_init(&o->src);
    ftl_diags_init(&o->d);
    assert_int_equal(ftl_sources_add(&o->src, "t.ftl", text, strlen(text)), 1);
    return o;
}

static void one_free(One *o)
{
    ftl_diags_free(&o->d);
    ftl_sources_free(&o->src);
    free(o);
}

/* Offset of the first occurrence of needle in file 1. */
static uint32_t at(const One *o, const char *needle)
{
    const char *data = ftl_sources_get(&o->src, 1)->data;
    const char *q = strstr(data, needle);
    assert_non_null(q);
    return (uint32_t)(q - data);
}

/* ---- sorting and deduplication --------------------------------------------------------- */

static void test_sort(void **state)
{
    (void)state;
    FtlSources src;
    ftl_sources_init(&src);
    ftl_sources_add(&src, "a.ftl", "aaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbb\n", 32);
    ftl_sources_add(&src, "b.ftl", "cccccccccccccccccccc\n", 21);
    FtlDiags d;
    ftl_diags_init(&d);
    ftl_error(&d, sp(1, 25, 26), "E0001", "A: 1 line 2");
    ftl_error(&d, sp(1, 5, 6), "E0001", "B: 1 line 1");
    ftl_warning(&d, sp(1, 25, 27), "W0001", "C: 1 line 2, same place as A");
    ftl_error(&d, sp(2, 0, 1), "E0001", "D: file 2");
    ftl_error(&d, NOPOS, "E0001", "E: no position");
    ftl_error(&d, sp(1, 0, 1), "E0001", "F: 1 line 1 col 1");
    ftl_error(&d, NOPOS, "E0001", "G: no position, later");
    ftl_error(&d, sp(1, 25, 26), "E0002", "H: same place as A, other code");
    ftl_error(&d, sp(1, 21, 22), "E0001", "I: 1 line 2 col 1");
    assert_int_equal(d.count, 9);
    assert_int_equal(d.errors, 8);
    assert_int_equal(d.warnings, 1);
    for (unsigned i = 0; i < d.count; i++)
        assert_int_equal(d.items[i].seq, i);

    ftl_diags_sort(&d);
    static const char *const order[] = {"F", "B", "I", "A", "C", "H", "D", "E", "G"};
    assert_int_equal(d.count, 9);
    for (unsigned i = 0; i < d.count; i++) {
        if (d.items[i].msg[0] != order[i][0])
            fail_msg("position %u: expected %s, got %s", i, order[i], d.items[i].msg);
    }
    assert_int_equal(d.errors, 8);
    assert_int_equal(d.warnings, 1);
    /* Sorting again changes nothing. */
    ftl_diags_sort(&d);
    for (unsigned i = 0; i < d.count; i++)
        assert_int_equal(d.items[i].msg[0], order[i][0]);
    ftl_diags_free(&d);
    ftl_sources_free(&src);
}

static void test_dedup(void **state)
{
    (void)state;
    FtlDiags d;
    ftl_diags_init(&d);
    ftl_error(&d, sp(1, 3, 5), "E0301", "dup error");
    ftl_error(&d, sp(1, 3, 5), "E0301", "dup error");
    ftl_error(&d, sp(1, 3, 5), "E0301", "dup error");
    ftl_warning(&d, sp(1, 9, 9), "W0301", "dup warning");
    ftl_warning(&d, sp(1, 9, 9), "W0301", "dup warning");
    ftl_diag_add(&d, FTL_SEV_NOTE, NOPOS, "N0001", "dup note");
    ftl_diag_add(&d, FTL_SEV_NOTE, NOPOS, "N0001", "dup note");
    /* Not duplicates: each differs in one respect. */
    ftl_error(&d, sp(1, 3, 6), "E0301", "dup error");   /* end */
    ftl_error(&d, sp(2, 3, 5), "E0301", "dup error");   /* file */
    ftl_error(&d, sp(1, 3, 5), "E0302", "dup error");   /* code */
    ftl_error(&d, sp(1, 3, 5), "E0301", "dup error!");  /* message */
    ftl_warning(&d, sp(1, 3, 5), "E0301", "dup error"); /* severity */
    assert_int_equal(d.count, 12);
    assert_int_equal(d.errors, 7);
    assert_int_equal(d.warnings, 3);

    ftl_diags_sort(&d);
    assert_int_equal(d.count, 8);
    assert_int_equal(d.errors, 5);
    assert_int_equal(d.warnings, 2);
    unsigned dup_errors = 0, dup_warnings = 0, notes = 0;
    for (unsigned i = 0; i < d.count; i++) {
        const FtlDiag *g = &d.items[i];
        if (g->sev == FTL_SEV_ERROR && g->span.file == 1 && g->span.end == 5 &&
            strcmp(g->code, "E0301") == 0 && strcmp(g->msg, "dup error") == 0)
            dup_errors++;
        if (g->sev == FTL_SEV_WARNING && strcmp(g->code, "W0301") == 0) dup_warnings++;
        if (g->sev == FTL_SEV_NOTE) notes++;
    }
    assert_int_equal(dup_errors, 1);
    assert_int_equal(dup_warnings, 1);
    assert_int_equal(notes, 1);
    /* The survivor is the first one inserted. */
    assert_int_equal(d.items[0].seq, 0);
    ftl_diags_free(&d);
}

/* Exact duplicates are dropped even when another diagnostic at the same
 * position was reported between them (as when a check runs twice over the
 * same node and another check reports in between). */
static void test_dedup_interleaved(void **state)
{
    (void)state;
    FtlDiags d;
    ftl_diags_init(&d);
    ftl_error(&d, sp(1, 3, 5), "E0301", "first");
    ftl_error(&d, sp(1, 3, 5), "E0302", "second");
    ftl_error(&d, sp(1, 3, 5), "E0301", "first");
    ftl_error(&d, sp(1, 3, 5), "E0302", "second");
    ftl_warning(&d, sp(1, 3, 5), "W0301", "third");
    ftl_error(&d, sp(1, 3, 5), "E0301", "first");
    assert_int_equal(d.errors, 5);
    ftl_diags_sort(&d);
    assert_int_equal(d.count, 3);
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.warnings, 1);
    /* Insertion order among the survivors. */
    assert_string_equal(d.items[0].msg, "first");
    assert_string_equal(d.items[1].msg, "second");
    assert_string_equal(d.items[2].msg, "third");
    ftl_diags_free(&d);
}

static void test_failed_and_werror(void **state)
{
    (void)state;
    FtlDiags d;
    ftl_diags_init(&d);
    assert_false(ftl_diags_failed(&d));
    ftl_diag_add(&d, FTL_SEV_NOTE, NOPOS, "N0001", "just a note");
    assert_false(ftl_diags_failed(&d));
    ftl_warning(&d, NOPOS, "W0001", "a warning");
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.errors, 0);
    assert_false(ftl_diags_failed(&d));
    d.werror = 1; /* -W error */
    assert_true(ftl_diags_failed(&d));
    d.werror = 0;
    ftl_error(&d, NOPOS, "E0001", "an error");
    assert_true(ftl_diags_failed(&d));
    d.werror = 1;
    assert_true(ftl_diags_failed(&d));
    ftl_diags_free(&d);

    /* -W error with only notes: not failed. */
    ftl_diags_init(&d);
    d.werror = 1;
    ftl_diag_add(&d, FTL_SEV_NOTE, NOPOS, "N0001", "note");
    assert_false(ftl_diags_failed(&d));
    /* Duplicate warnings removed by sorting still fail under -W error once. */
    ftl_warning(&d, sp(1, 0, 1), "W0002", "w");
    ftl_warning(&d, sp(1, 0, 1), "W0002", "w");
    ftl_diags_sort(&d);
    assert_int_equal(d.warnings, 1);
    assert_true(ftl_diags_failed(&d));
    ftl_diags_free(&d);
}

static void test_add_note_fixit(void **state)
{
    (void)state;
    FtlDiags d;
    ftl_diags_init(&d);
    FtlDiag *g = ftl_error(&d, sp(1, 1, 2), "E0201", "expected %s, found %d", "x", 42);
    assert_string_equal(g->msg, "expected x, found 42");
    assert_string_equal(g->code, "E0201");
    assert_int_equal(g->sev, FTL_SEV_ERROR);
    assert_int_equal(g->nnotes, 0);
    assert_int_equal(g->nfixits, 0);
    ftl_diag_note(g, sp(1, 5, 6), "note %d", 1);
    ftl_diag_note(g, NOPOS, "note %s", "two");
    ftl_diag_fixit(g, "first %s", "fix");
    ftl_diag_fixit_edit(g, sp(1, 1, 2), "Int", "second %s", "fix"); /* an edit, after the hint */
    assert_int_equal(g->nnotes, 2);
    assert_string_equal(g->notes[0].msg, "note 1");
    assert_int_equal(g->notes[0].span.off, 5);
    assert_string_equal(g->notes[1].msg, "note two");
    assert_false(ftl_span_valid(g->notes[1].span));
    assert_int_equal(g->nfixits, 2);
    assert_string_equal(g->fixits[0].msg, "first fix");
    assert_null(g->fixits[0].replacement);
    assert_false(ftl_span_valid(g->fixits[0].span));
    assert_string_equal(g->fixits[1].msg, "second fix");
    assert_string_equal(g->fixits[1].replacement, "Int");
    assert_int_equal(g->fixits[1].span.off, 1);
    assert_int_equal(g->fixits[1].span.end, 2);
    /* Many diagnostics: the list grows. */
    for (int i = 0; i < 1000; i++)
        ftl_warning(&d, sp(1, (uint32_t)i, (uint32_t)i + 1), "W0001", "w%d", i);
    assert_int_equal(d.count, 1001);
    assert_int_equal(d.warnings, 1000);
    assert_string_equal(d.items[1000].msg, "w999");
    assert_string_equal(d.items[0].notes[1].msg, "note two");
    ftl_diags_free(&d);
    assert_int_equal(d.count, 0);
}

/* ---- text rendering ---------------------------------------------------------------------- */

static const char SRC[] = "realm r {\n"                /* line 1 */
                          "  module m {\n"             /* line 2 */
                          "\tdata\tD {\n"              /* line 3 */
                          "    x \"h\xc3\xa9llo\" y\n" /* line 4 */
                          "  }\r\n"                    /* line 5 */
                          "}\n";                       /* line 6; line 7 is empty */

static void test_render_basic(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t m = at(o, "module");
    ftl_error(&o->d, sp(1, m, m + 6), "E0201", "bad module");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:2:3: error[E0201]: bad module\n"
               "    2 |   module m {\n"
               "      |   ^~~~~~\n");
    free(s);
    one_free(o);

    /* A one-byte span: a caret and no tilde; a warning. */
    o = one_new(SRC);
    uint32_t r = at(o, "r {");
    ftl_warning(&o->d, sp(1, r, r + 1), "W0101", "realm name");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:7: warning[W0101]: realm name\n"
               "    1 | realm r {\n"
               "      |       ^\n");
    free(s);
    one_free(o);

    /* An empty span still gets a caret. */
    o = one_new(SRC);
    ftl_error(&o->d, sp(1, r, r), "E0001", "empty");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:7: error[E0001]: empty\n"
               "    1 | realm r {\n"
               "      |       ^\n");
    free(s);
    one_free(o);
}

static void test_render_tabs(void **state)
{
    (void)state;
    /* TABs before the caret are mirrored in the underline. */
    One *o = one_new(SRC);
    uint32_t d = at(o, "D {");
    ftl_error(&o->d, sp(1, d, d + 1), "E0201", "tab");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:3:7: error[E0201]: tab\n"
               "    3 | \tdata\tD {\n"
               "      | \t    \t^\n");
    free(s);
    one_free(o);

    /* A span that contains a TAB: one tilde for it. */
    o = one_new(SRC);
    uint32_t k = at(o, "data");
    ftl_error(&o->d, sp(1, k, k + 6), "E0201", "tab inside");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:3:2: error[E0201]: tab inside\n"
               "    3 | \tdata\tD {\n"
               "      | \t^~~~~~\n");
    free(s);
    one_free(o);
}

static void test_render_utf8(void **state)
{
    (void)state;
    /* One space per code point before the caret, one tilde per code point in
     * the span. */
    One *o = one_new(SRC);
    uint32_t y = at(o, "y\n");
    ftl_error(&o->d, sp(1, y, y + 1), "E0201", "after utf-8");
    uint32_t q = at(o, "\"h");
    ftl_error(&o->d, sp(1, q, q + 8), "E0103", "the string");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:4:15: error[E0201]: after utf-8\n"
               "    4 |     x \"h\xc3\xa9llo\" y\n"
               "      |               ^\n"
               "t.ftl:4:7: error[E0103]: the string\n"
               "    4 |     x \"h\xc3\xa9llo\" y\n"
               "      |       ^~~~~~~\n");
    free(s);
    one_free(o);

    /* Control bytes and invalid UTF-8 are shown as '?', one column each. */
    o = one_new("a\x01\xff"
                "b\n");
    ftl_error(&o->d, sp(1, 3, 4), "E0101", "b");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:4: error[E0101]: b\n"
               "    1 | a??b\n"
               "      |    ^\n");
    free(s);
    one_free(o);
    /* Display width: a CJK ideograph or an emoji takes two cells, a combining
     * accent none; the column in the location still counts code points. */
    o = one_new("\"\xe6\x97\xa5\xe6\x9c\xac\" x\n"); /* "日本" x */
    ftl_error(&o->d, sp(1, 9, 10), "E0101", "after CJK");
    ftl_error(&o->d, sp(1, 0, 8), "E0103", "the string");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:6: error[E0101]: after CJK\n"
               "    1 | \"\xe6\x97\xa5\xe6\x9c\xac\" x\n"
               "      |        ^\n"
               "t.ftl:1:1: error[E0103]: the string\n"
               "    1 | \"\xe6\x97\xa5\xe6\x9c\xac\" x\n"
               "      | ^~~~~~\n");
    free(s);
    one_free(o);

    o = one_new("\"\xf0\x9f\x98\x80"
                "e\xcc\x81\" x\n"); /* an emoji, then e + U+0301 */
    ftl_error(&o->d, sp(1, 10, 11), "E0101", "after emoji and accent");
    ftl_error(&o->d, sp(1, 1, 5), "E0101", "the emoji");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:7: error[E0101]: after emoji and accent\n"
               "    1 | \"\xf0\x9f\x98\x80"
               "e\xcc\x81\" x\n"
               "      |       ^\n"
               "t.ftl:1:2: error[E0101]: the emoji\n"
               "    1 | \"\xf0\x9f\x98\x80"
               "e\xcc\x81\" x\n"
               "      |  ^~\n");
    free(s);
    one_free(o);

    /* Characters a terminal would not show as one (a zero-width space, a
     * right-to-left override, an unassigned code point) are '?'. */
    o = one_new("\xe2\x80\x8b\xe2\x80\xae\xcd\xb8x\n"); /* U+200B, U+202E, U+0378 */
    ftl_error(&o->d, sp(1, 8, 9), "E0101", "x");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:4: error[E0101]: x\n"
               "    1 | ???x\n"
               "      |    ^\n");
    free(s);
    one_free(o);
}

static void test_render_spans(void **state)
{
    (void)state;
    /* A span over several lines is underlined to the end of its first line;
     * the CR of a CRLF line is not shown. */
    One *o = one_new(SRC);
    uint32_t m = at(o, "module");
    uint32_t e = at(o, "  }\r") + 3;
    ftl_error(&o->d, sp(1, m, e), "E0201", "multi-line");
    uint32_t b = at(o, "}\r");
    ftl_error(&o->d, sp(1, b, b + 1), "E0201", "crlf");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:2:3: error[E0201]: multi-line\n"
               "    2 |   module m {\n"
               "      |   ^~~~~~~~~~\n"
               "t.ftl:5:3: error[E0201]: crlf\n"
               "    5 |   }\n"
               "      |   ^\n");
    free(s);
    one_free(o);

    /* The end of input after a final LF: an empty line 7. */
    o = one_new(SRC);
    uint32_t len = (uint32_t)strlen(SRC);
    ftl_error(&o->d, sp(1, len, len), "E0201", "found end of input");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:7:1: error[E0201]: found end of input\n"
               "    7 | \n"
               "      | ^\n");
    free(s);
    one_free(o);

    /* The end of input without a final LF: the caret after the last character. */
    o = one_new("module m {");
    ftl_error(&o->d, sp(1, 10, 10), "E0201", "eof");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:1:11: error[E0201]: eof\n"
               "    1 | module m {\n"
               "      |           ^\n");
    free(s);
    one_free(o);

    /* A wider gutter for line numbers with more digits. */
    FtlBuf big;
    ftl_buf_init(&big);
    for (int i = 1; i < 12345; i++)
        ftl_buf_puts(&big, "\n");
    ftl_buf_puts(&big, "  xyz\n");
    o = one_new(ftl_buf_cstr(&big));
    uint32_t x = at(o, "xyz");
    ftl_error(&o->d, sp(1, x, x + 3), "E0001", "deep");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:12345:3: error[E0001]: deep\n"
               "    12345 |   xyz\n"
               "          |   ^~~\n");
    free(s);
    one_free(o);
    ftl_buf_free(&big);
}

static void test_render_long_line(void **state)
{
    (void)state;
    /* A 300-character line: the window is 60 characters before the span and
     * 160 in all, with "..." where it was cut. */
    char line[301];
    for (int i = 0; i < 300; i++)
        line[i] = (char)('a' + i % 26);
    line[300] = '\0';
    One *o = one_new(line);
    ftl_error(&o->d, sp(1, 199, 202), "E0001", "far right");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    char want[1024];
    snprintf(want, sizeof want,
             "t.ftl:1:200: error[E0001]: far right\n"
             "    1 | ...%.160s...\n"
             "      |    %60s^~~\n",
             line + 139, "");
    TEXT_EQ(s, want);
    free(s);
    one_free(o);

    /* The span near the start: cut on the right only. */
    o = one_new(line);
    ftl_error(&o->d, sp(1, 5, 7), "E0001", "left");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    snprintf(want, sizeof want,
             "t.ftl:1:6: error[E0001]: left\n"
             "    1 | %.160s...\n"
             "      |      ^~\n",
             line);
    TEXT_EQ(s, want);
    free(s);
    one_free(o);

    /* A line cut on the left only. */
    o = one_new(line + 100); /* 200 characters */
    ftl_error(&o->d, sp(1, 150, 151), "E0001", "tail");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    snprintf(want, sizeof want,
             "t.ftl:1:151: error[E0001]: tail\n"
             "    1 | ...%s\n"
             "      |    %60s^\n",
             line + 190, "");
    TEXT_EQ(s, want);
    free(s);
    one_free(o);

    /* A long span is underlined only as far as the window goes. */
    o = one_new(line);
    ftl_error(&o->d, sp(1, 10, 290), "E0001", "wide");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    char tildes[200];
    memset(tildes, '~', 149);
    tildes[149] = '\0';
    snprintf(want, sizeof want,
             "t.ftl:1:11: error[E0001]: wide\n"
             "    1 | %.160s...\n"
             "      | %10s^%s\n",
             line, "", tildes);
    TEXT_EQ(s, want);
    free(s);
    one_free(o);

    /* The window never splits a UTF-8 character: 100 é then the span. */
    FtlBuf b;
    ftl_buf_init(&b);
    for (int i = 0; i < 100; i++)
        ftl_buf_puts(&b, "\xc3\xa9");
    ftl_buf_puts(&b, "X");
    o = one_new(ftl_buf_cstr(&b));
    ftl_error(&o->d, sp(1, 200, 201), "E0001", "after accents");
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    /* 60 bytes back is a character boundary: 30 é shown. */
    FtlBuf w;
    ftl_buf_init(&w);
    ftl_buf_puts(&w, "t.ftl:1:101: error[E0001]: after accents\n    1 | ...");
    for (int i = 0; i < 30; i++)
        ftl_buf_puts(&w, "\xc3\xa9");
    ftl_buf_puts(&w, "X\n      |    ");
    ftl_buf_spaces(&w, 30);
    ftl_buf_puts(&w, "^\n");
    TEXT_EQ(s, ftl_buf_cstr(&w));
    free(s);
    one_free(o);
    ftl_buf_free(&b);
    ftl_buf_free(&w);
}

static void test_render_notes_help(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t lb = at(o, "{\n  module");
    uint32_t end = (uint32_t)strlen(SRC);
    FtlDiag *g = ftl_error(&o->d, sp(1, end, end), "E0201", "expected '}', found end of input");
    ftl_diag_note(g, sp(1, lb, lb + 1), "to match this '{'");
    ftl_diag_note(g, NOPOS, "a note without position");
    ftl_diag_fixit(g, "insert '}'");
    /* Position-less diagnostic: no location, no snippet. */
    ftl_error(&o->d, NOPOS, "E0310", "cycle: a -> b -> a");
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:7:1: error[E0201]: expected '}', found end of input\n"
               "    7 | \n"
               "      | ^\n"
               "t.ftl:1:9: note: to match this '{'\n"
               "    1 | realm r {\n"
               "      |         ^\n"
               "note: a note without position\n"
               "help: insert '}'\n"
               "error[E0310]: cycle: a -> b -> a\n");
    free(s);
    one_free(o);
}

/* Strips ANSI escape sequences (ESC [ ... m). */
static void strip_ansi(char *s)
{
    char *w = s;
    for (char *r = s; *r;) {
        if (r[0] == '\033' && r[1] == '[') {
            r += 2;
            while (*r && *r != 'm')
                r++;
            if (*r) r++;
            continue;
        }
        *w++ = *r++;
    }
    *w = '\0';
}

static void test_render_color(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t m = at(o, "module");
    FtlDiag *g = ftl_error(&o->d, sp(1, m, m + 6), "E0201", "bad module");
    ftl_diag_note(g, NOPOS, "n");
    ftl_diag_fixit(g, "h");
    ftl_warning(&o->d, sp(1, m, m + 1), "W0001", "w");
    char *plain = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    char *color = render(&o->d, &o->src, FTL_DIAG_TEXT, 1);
    assert_null(strchr(plain, '\033'));
    assert_non_null(strstr(color, "\033[1;31merror"));   /* errors in red */
    assert_non_null(strstr(color, "\033[1;35mwarning")); /* warnings in magenta */
    strip_ansi(color);
    TEXT_EQ(color, plain);
    free(plain);
    free(color);
    one_free(o);
}

static void test_render_several_files(void **state)
{
    (void)state;
    FtlSources src;
    ftl_sources_init(&src);
    ftl_sources_add(&src, "dir/a.ftl", "abc\n", 4);
    ftl_sources_add(&src, "<stdin>", "xyz\n", 4);
    FtlDiags d;
    ftl_diags_init(&d);
    ftl_error(&d, sp(2, 1, 2), "E0001", "in stdin");
    ftl_error(&d, sp(1, 2, 3), "E0001", "in a");
    ftl_diags_sort(&d);
    char *s = render(&d, &src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "dir/a.ftl:1:3: error[E0001]: in a\n"
               "    1 | abc\n"
               "      |   ^\n"
               "<stdin>:1:2: error[E0001]: in stdin\n"
               "    1 | xyz\n"
               "      |  ^\n");
    free(s);
    /* Nothing to render: nothing written. */
    FtlDiags empty;
    ftl_diags_init(&empty);
    s = render(&empty, &src, FTL_DIAG_TEXT, 0);
    assert_string_equal(s, "");
    free(s);
    ftl_diags_free(&d);
    ftl_sources_free(&src);
}

/* ---- fix-its ---------------------------------------------------------------------------- */

/* A fix-it with an edit shows its replacement under the caret line, in its
 * place (after a TAB and a two-byte character alike); an insertion shows what
 * it inserts; a deletion, or an edit of another line, shows nothing there.
 * JSON lists the edits with their ranges (columns in characters, offsets in
 * bytes); a hint without an edit is not among them. */
static void test_render_fixits(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t y = at(o, "y\n"), data = at(o, "data"), m = at(o, "module");
    FtlDiag *g = ftl_error(&o->d, sp(1, y, y + 1), "E0310", "unknown reference \"y\"");
    ftl_diag_fixit_edit(g, sp(1, y, y + 1), "yes", "did you mean 'yes'?");
    ftl_diag_fixit_edit(g, sp(1, m, m), "x", "an edit of another line");
    g = ftl_error(&o->d, sp(1, data + 5, data + 6), "E0314", "must be exported");
    ftl_diag_fixit_edit(g, sp(1, data, data), "export ", "mark it as 'export'");
    ftl_diag_fixit_edit(g, sp(1, data, data + 5), "", "remove 'data'");
    ftl_diag_fixit(g, "or think again");
    ftl_diags_sort(&o->d);
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:3:7: error[E0314]: must be exported\n"
               "    3 | \tdata\tD {\n"
               "      | \t    \t^\n"
               "      | \texport\n"
               "help: mark it as 'export'\n"
               "help: remove 'data'\n"
               "help: or think again\n"
               "t.ftl:4:15: error[E0310]: unknown reference \"y\"\n"
               "    4 |     x \"h\xc3\xa9llo\" y\n"
               "      |               ^\n"
               "      |               yes\n"
               "help: did you mean 'yes'?\n"
               "help: an edit of another line\n");
    free(s);
    s = render(&o->d, &o->src, FTL_DIAG_JSON, 0);
    assert_non_null(
        strstr(s, "\"fixit\": \"mark it as 'export'\", \"fixits\": ["
                  "{\"message\": \"mark it as 'export'\", \"range\": {\"file\": \"t.ftl\", "
                  "\"line\": 3, \"column\": 2, \"end_line\": 3, \"end_column\": 2, "
                  "\"offset\": 24, \"end_offset\": 24}, \"replacement\": \"export \"}, "
                  "{\"message\": \"remove 'data'\", \"range\": {\"file\": \"t.ftl\", "
                  "\"line\": 3, \"column\": 2, \"end_line\": 3, \"end_column\": 7, "
                  "\"offset\": 24, \"end_offset\": 29}, \"replacement\": \"\"}]}"));
    assert_non_null(strstr(s, "\"range\": {\"file\": \"t.ftl\", \"line\": 4, \"column\": 15, "
                              "\"end_line\": 4, \"end_column\": 16, \"offset\": 48, "
                              "\"end_offset\": 49}, \"replacement\": \"yes\"}"));
    free(s);
    one_free(o);
}

/* ---- JSON rendering ------------------------------------------------------------------ */

/* A diagnostic reported at a node (where upstream FTL reports it) underlines
 * its focus, the token in question; JSON gives both. */
static void test_render_focus(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t m = at(o, "module"), open = at(o, "m {");
    FtlDiag *g = ftl_error(&o->d, sp(1, m, open + 3), "E0301", "module at its keyword");
    ftl_diag_focus(g, sp(1, open, open + 1));
    char *s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:2:3: error[E0301]: module at its keyword\n"
               "    2 |   module m {\n"
               "      |          ^\n");
    free(s);
    s = render(&o->d, &o->src, FTL_DIAG_JSON, 0);
    assert_non_null(strstr(s, "\"line\": 2, \"column\": 3, \"end_line\": 2, \"end_column\": 13, "
                              "\"focus\": {\"line\": 2, \"column\": 10, \"end_line\": 2, "
                              "\"end_column\": 11}"));
    free(s);
    one_free(o);

    /* A focus in another file than the span is ignored. */
    o = one_new(SRC);
    g = ftl_error(&o->d, sp(1, m, m + 6), "E0301", "other file");
    ftl_diag_focus(g, sp(2, 0, 1));
    s = render(&o->d, &o->src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "t.ftl:2:3: error[E0301]: other file\n"
               "    2 |   module m {\n"
               "      |   ^~~~~~\n");
    free(s);
    one_free(o);
}

static void test_render_json(void **state)
{
    (void)state;
    One *o = one_new(SRC);
    uint32_t m = at(o, "module");
    FtlDiag *g = ftl_error(&o->d, sp(1, m, m + 6), "E0201", "bad \"module\"");
    ftl_diag_note(g, sp(1, 6, 7), "see here");
    ftl_diag_note(g, NOPOS, "no position");
    ftl_diag_fixit(g, "write \\ instead");
    ftl_warning(&o->d, NOPOS, "W0001", "tab\there\nnew line \x01\x7f caf\xc3\xa9 \xff");
    char *s = render(&o->d, &o->src, FTL_DIAG_JSON, 0);
    TEXT_EQ(s,
            "[\n"
            "  {\"severity\": \"error\", \"code\": \"E0201\", "
            "\"help_uri\": \"man:ftlc-diagnostics(7)#E0201\", \"message\": \"bad \\\"module\\\"\", "
            "\"file\": \"t.ftl\", \"line\": 2, \"column\": 3, \"end_line\": 2, \"end_column\": 9, "
            "\"focus\": {\"line\": 2, \"column\": 3, \"end_line\": 2, \"end_column\": 9}, "
            "\"notes\": [{\"message\": \"see here\", \"file\": \"t.ftl\", \"line\": 1, "
            "\"column\": 7, \"end_line\": 1, \"end_column\": 8}, {\"message\": \"no position\"}], "
            "\"fixit\": \"write \\\\ instead\", \"fixits\": []},\n"
            "  {\"severity\": \"warning\", \"code\": \"W0001\", "
            "\"help_uri\": \"man:ftlc-diagnostics(7)#W0001\", \"message\": "
            "\"tab\\there\\nnew line \\u0001\\u007f caf\xc3\xa9 \\ufffd\", "
            "\"file\": null, \"line\": 0, \"column\": 0, \"end_line\": 0, \"end_column\": 0, "
            "\"focus\": null, \"notes\": [], \"fixit\": null, \"fixits\": []}\n"
            "]\n");
    free(s);

    /* Colour never applies to JSON. */
    s = render(&o->d, &o->src, FTL_DIAG_JSON, 1);
    assert_null(strchr(s, '\033'));
    free(s);
    one_free(o);

    /* A span over lines reports its end line and column; a file name is escaped. */
    FtlSources src;
    ftl_sources_init(&src);
    ftl_sources_add(&src, "we\"ird\\name.ftl",
                    "ab\ncd\xc3\xa9"
                    "f\n",
                    9);
    FtlDiags d;
    ftl_diags_init(&d);
    ftl_error(&d, sp(1, 1, 7), "E0001", "x");
    s = render(&d, &src, FTL_DIAG_JSON, 0);
    TEXT_EQ(s, "[\n"
               "  {\"severity\": \"error\", \"code\": \"E0001\", "
               "\"help_uri\": \"man:ftlc-diagnostics(7)#E0001\", \"message\": \"x\", "
               "\"file\": \"we\\\"ird\\\\name.ftl\", \"line\": 1, \"column\": 2, \"end_line\": 2, "
               "\"end_column\": 4, \"focus\": {\"line\": 1, \"column\": 2, \"end_line\": 2, "
               "\"end_column\": 4}, \"notes\": [], \"fixit\": null, \"fixits\": []}\n"
               "]\n");
    free(s);
    ftl_diags_free(&d);

    /* No diagnostics: an empty array. */
    ftl_diags_init(&d);
    s = render(&d, &src, FTL_DIAG_JSON, 0);
    TEXT_EQ(s, "[]\n");
    free(s);
    ftl_diags_free(&d);
    ftl_sources_free(&src);
}

/* Properties: JSON fields after the fix-it, in the order added; a NULL value is null;
 * more than FTL_DIAG_MAX_PROPS are dropped. */
static void test_render_json_props(void **state)
{
    (void)state;
    FtlSources src;
    ftl_sources_init(&src);
    FtlDiags d;
    ftl_diags_init(&d);
    FtlDiag *g = ftl_error(&d, NOPOS, "FIELD_NO_DELETE", "gone");
    ftl_diag_prop(g, "category", "WIRE");
    ftl_diag_prop(g, "direction", NULL);
    ftl_diag_prop(g, "third", "dropped");
    assert_int_equal(g->nprops, 2);
    char *s = render(&d, &src, FTL_DIAG_JSON, 0);
    TEXT_EQ(s, "[\n"
               "  {\"severity\": \"error\", \"code\": \"FIELD_NO_DELETE\", \"help_uri\": "
               "\"man:ftlc-diagnostics(7)#FIELD_NO_DELETE\", \"message\": \"gone\", "
               "\"file\": null, \"line\": 0, \"column\": 0, \"end_line\": 0, \"end_column\": 0, "
               "\"focus\": null, \"notes\": [], \"fixit\": null, \"fixits\": [], "
               "\"category\": \"WIRE\", \"direction\": null}\n"
               "]\n");
    free(s);
    /* Text shows no properties. */
    s = render(&d, &src, FTL_DIAG_TEXT, 0);
    TEXT_EQ(s, "error[FIELD_NO_DELETE]: gone\n");
    free(s);
    ftl_diags_free(&d);
    ftl_sources_free(&src);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sort),
        cmocka_unit_test(test_dedup),
        cmocka_unit_test(test_dedup_interleaved),
        cmocka_unit_test(test_failed_and_werror),
        cmocka_unit_test(test_add_note_fixit),
        cmocka_unit_test(test_render_basic),
        cmocka_unit_test(test_render_tabs),
        cmocka_unit_test(test_render_utf8),
        cmocka_unit_test(test_render_spans),
        cmocka_unit_test(test_render_long_line),
        cmocka_unit_test(test_render_notes_help),
        cmocka_unit_test(test_render_color),
        cmocka_unit_test(test_render_several_files),
        cmocka_unit_test(test_render_focus),
        cmocka_unit_test(test_render_fixits),
        cmocka_unit_test(test_render_json),
        cmocka_unit_test(test_render_json_props),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
