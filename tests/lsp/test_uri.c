/* test_uri.c - file URIs and paths (src/lsp/uri.c, RFC 8089 and RFC 3986). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "lsp/uri.h"

static void to_path_is(const char *uri, const char *want)
{
    char *p = lsp_uri_to_path(uri);
    if (!want) {
        if (p) fail_msg("%s: expected no path, got %s", uri, p);
        return;
    }
    if (!p) fail_msg("%s: expected %s, got no path", uri, want);
    assert_string_equal(p, want);
    free(p);
}

static void test_to_path(void **state)
{
    (void)state;
    to_path_is("file:///home/u/bank.ftl", "/home/u/bank.ftl");
    to_path_is("file://localhost/home/u/bank.ftl", "/home/u/bank.ftl");
    to_path_is("file:///a%20b/%E4%B8%AD.ftl", "/a b/\xE4\xB8\xAD.ftl");
    to_path_is("file:///a/%2e%2E/b", "/b"); /* escapes decode before ".." applies */
    to_path_is("file:///a//./b/../c/", "/a/c");
    to_path_is("file:///../..", "/");
    to_path_is("file:///x.ftl?query#frag", "/x.ftl");
    to_path_is("file:///", "/");
    to_path_is("file:///a%00b", NULL); /* NUL */
    to_path_is("file:///a%4", NULL);   /* a truncated escape */
    to_path_is("file:///a%zz", NULL);
    to_path_is("file://host/share/x", NULL);
    to_path_is("untitled:Untitled-1", NULL);
    to_path_is("http://example.com/x.ftl", NULL);
}

static void test_from_path(void **state)
{
    (void)state;
    char *u = lsp_uri_from_path("/a b/\xE4\xB8\xAD-x_y.~ftl#%");
    assert_string_equal(u, "file:///a%20b/%E4%B8%AD-x_y.~ftl%23%25");
    char *back = lsp_uri_to_path(u);
    assert_string_equal(back, "/a b/\xE4\xB8\xAD-x_y.~ftl#%");
    free(back);
    free(u);
}

static void test_normalize(void **state)
{
    (void)state;
    char p[] = "//a/./b/../../../c//";
    lsp_path_normalize(p);
    assert_string_equal(p, "/c");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_to_path),
        cmocka_unit_test(test_from_path),
        cmocka_unit_test(test_normalize),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
