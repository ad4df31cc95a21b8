/* test_linediff.c - line diffs (src/lsp/linediff.c): the hunks turn the old
 * text into the new one exactly, change only lines that differ, and stay
 * within their bounds on texts that have nothing in common. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/linediff.h"

/* a with the hunks applied (malloc'd). */
static char *apply(const char *a, const char *b, const LspHunk *h, size_t n)
{
    size_t alen = strlen(a), blen = strlen(b);
    char *out = malloc(alen + blen + 1), *w = out;
    size_t at = 0;
    for (size_t i = 0; i < n; i++) {
        assert_true(h[i].a0 >= at && h[i].a1 >= h[i].a0 && h[i].a1 <= alen);
        assert_true(h[i].b1 >= h[i].b0 && h[i].b1 <= blen);
        memcpy(w, a + at, h[i].a0 - at);
        w += h[i].a0 - at;
        memcpy(w, b + h[i].b0, h[i].b1 - h[i].b0);
        w += h[i].b1 - h[i].b0;
        at = h[i].a1;
    }
    memcpy(w, a + at, alen - at + 1);
    return out;
}

static void roundtrip(const char *a, const char *b, size_t want_hunks)
{
    LspHunk *h;
    size_t n;
    assert_int_equal(lsp_line_diff(a, strlen(a), b, strlen(b), &h, &n), 0);
    char *got = apply(a, b, h, n);
    assert_string_equal(got, b);
    if (want_hunks != (size_t)-1) assert_int_equal(n, want_hunks);
    for (size_t i = 0; i < n; i++) { /* hunks are whole lines */
        assert_true(h[i].a0 == 0 || a[h[i].a0 - 1] == '\n');
        assert_true(h[i].b0 == 0 || b[h[i].b0 - 1] == '\n');
    }
    free(got);
    free(h);
}

static void test_equal_and_empty(void **state)
{
    (void)state;
    roundtrip("", "", 0);
    roundtrip("a\nb\n", "a\nb\n", 0);
    roundtrip("", "a\n", 1);
    roundtrip("a\n", "", 1);
    roundtrip("a", "a\n", 1); /* the last line gains its line break */
}

static void test_scattered_lines(void **state)
{
    (void)state;
    /* Two lines changed far apart: two hunks; the lines between untouched. */
    roundtrip("1\n2\n3\n4\n5\n6\n", "1\nTWO\n3\n4\nFIVE\n6\n", 2);
    /* An insertion and a deletion. */
    roundtrip("a\nb\nc\n", "a\nx\nb\n", 2);
    /* A line split in two (what formatting does). */
    roundtrip("  item String status m.S\n  account X\n",
              "  item String\n  status m.S\n  account X\n", 1);
}

static void test_random(void **state)
{
    (void)state;
    /* Texts made of a few distinct lines, so that they share many. */
    static const char *const words[] = {"a\n", "b\n", "cc\n", "", "d"};
    unsigned seed = 12345;
    for (int round = 0; round < 500; round++) {
        char a[400] = "", b[400] = "";
        for (int k = 0; k < 2; k++) {
            char *t = k ? b : a;
            int lines = (int)((seed = seed * 1103515245u + 12345u) >> 16) % 30;
            for (int i = 0; i < lines; i++) {
                seed = seed * 1103515245u + 12345u;
                strcat(t, words[(seed >> 16) % 4]);
            }
        }
        roundtrip(a, b, (size_t)-1);
    }
}

static void test_too_different(void **state)
{
    (void)state;
    /* More differences than LSP_DIFF_MAX_D: the middle becomes one hunk. */
    size_t n = 3 * LSP_DIFF_MAX_D;
    char *a = malloc(n * 8 + 16), *b = malloc(n * 8 + 16), *pa = a, *pb = b;
    pa += sprintf(pa, "same\n");
    pb += sprintf(pb, "same\n");
    for (size_t i = 0; i < n; i++) {
        pa += sprintf(pa, "a%zu\n", i);
        pb += sprintf(pb, "b%zu\n", i);
    }
    sprintf(pa, "end\n");
    sprintf(pb, "end\n");
    roundtrip(a, b, 1);
    free(a);
    free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_equal_and_empty),
        cmocka_unit_test(test_scattered_lines),
        cmocka_unit_test(test_random),
        cmocka_unit_test(test_too_different),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
