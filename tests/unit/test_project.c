/* test_project.c - reading ftl-project.toml (pins, defaults, positioned errors)
 * and what may be handed to git. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realm/git.h"
#include "realm/project.h"

#define C1 "aac675450010d2b8fc0528239e49e56fd94b5309"
#define SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

typedef struct Parsed {
    FtlSources src;
    FtlDiags diags;
    FtlProject p;
    unsigned errors;
} Parsed;

static void parse(Parsed *r, const char *text)
{
    memset(r, 0, sizeof *r);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    r->errors =
        ftl_project_parse(&r->p, "ftl-project.toml", text, strlen(text), 0, &r->src, &r->diags);
}

static void done(Parsed *r)
{
    ftl_project_free(&r->p);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
}

/* The diagnostic with code, and its 1-based line and column. */
static void expect_diag(const Parsed *r, const char *code, unsigned line, unsigned col,
                        const char *msg_part)
{
    for (unsigned i = 0; i < r->diags.count; i++) {
        const FtlDiag *g = &r->diags.items[i];
        if (strcmp(g->code, code) != 0) continue;
        FtlPos pos = ftl_source_pos(ftl_sources_get(&r->src, g->span.file), g->span.off);
        if (pos.line != line || pos.col != col) continue;
        if (msg_part && !strstr(g->msg, msg_part)) fail_msg("%s: message '%s'", code, g->msg);
        return;
    }
    for (unsigned i = 0; i < r->diags.count; i++)
        print_message("  have %s %s\n", r->diags.items[i].code, r->diags.items[i].msg);
    fail_msg("no %s at %u:%u", code, line, col);
}

static void test_defaults(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "# nothing for ftlc here\n[global]\nx = 1\n");
    assert_int_equal(r.errors, 0);
    assert_null(r.p.name);
    assert_string_equal(r.p.export_path, FTL_DEFAULT_EXPORT_PATH);
    assert_int_equal(r.p.npins, 0);
    assert_int_equal(r.diags.count, 0);
    done(&r);
}

static void test_pins_both_forms(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "name = \"shop\"\n[realms]\nexport-path = \"api/public.json\"\n"
              "[realms.egress.bank]\ngit-repo = \"https://example.com/bank.git\"\n"
              "git-branch = \"main\"\ngit-commit = \"" C1 "\"\nschema-sha256 = \"" SHA "\"\n"
              "git-path = \"pub/schema.txtpb\"\n"
              "[external-realms.tax]\ngit-repo = \"git@example.com:tax.git\"\n");
    assert_int_equal(r.errors, 0);
    assert_string_equal(r.p.name, "shop");
    assert_string_equal(r.p.export_path, "api/public.json");
    assert_int_equal(r.p.npins, 2);
    const FtlPin *b = ftl_project_pin(&r.p, "bank"), *t = ftl_project_pin(&r.p, "tax");
    assert_non_null(b);
    assert_non_null(t);
    assert_int_equal(b->form, FTL_PIN_EGRESS);
    assert_string_equal(b->git_repo, "https://example.com/bank.git");
    assert_string_equal(b->git_branch, "main");
    assert_string_equal(b->git_commit, C1);
    assert_string_equal(b->schema_sha256, SHA);
    assert_string_equal(b->git_path, "pub/schema.txtpb");
    assert_int_equal(t->form, FTL_PIN_EXTERNAL_REALMS);
    assert_null(t->git_commit);
    assert_null(ftl_project_pin(&r.p, "nope"));
    char *path = ftl_pin_table(b);
    assert_string_equal(path, "realms.egress.bank");
    free(path);
    path = ftl_pin_table(t);
    assert_string_equal(path, "external-realms.tax");
    free(path);
    done(&r);
}

static void test_errors_are_positioned(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "name = 3\n"                                  /* 1 */
              "[realms]\n"                                  /* 2 */
              "export_path = \"x\"\n"                       /* 3 */
              "[realms.egress.bank]\n"                      /* 4 */
              "git-repo = \"--upload-pack=touch /tmp/x\"\n" /* 5 */
              "[realms.egress.tax]\n"                       /* 6 */
              "git-repo = \"/r\"\n"                         /* 7 */
              "git-commit = \"abc\"\n"                      /* 8 */
              "schema-sha256 = \"" SHA "0\"\n"              /* 9 */
              "git-path = \"../x\"\n"                       /* 10 */
              "[realms.egress.nogit]\n"                     /* 11 */
              "git-branch = \"main\"\n"                     /* 12 */
              "git-comit = \"x\"\n"                         /* 13 */
              "[external-realms.bank]\n"                    /* 14 */
              "git-repo = \"/b\"\n"                         /* 15 */
              "[realms.egress.a-b]\n"                       /* 16 */
              "git-repo = \"ext::sh -c x\"\n");             /* 17 */
    expect_diag(&r, "E0702", 1, 8, "name must be a string, not an integer");
    expect_diag(&r, "W0701", 3, 1, "unknown key \"export_path\" in [realms]");
    expect_diag(&r, "E0703", 5, 12, "git-repo of realm \"bank\" is refused: it begins with '-'");
    expect_diag(&r, "E0703", 8, 14, "not a commit id");
    expect_diag(&r, "E0703", 9, 17, "not a SHA-256");
    expect_diag(&r, "E0703", 10, 12, "relative path that stays in the repository");
    expect_diag(&r, "E0704", 11, 1, "realm \"nogit\" has no git-repo");
    expect_diag(&r, "W0701", 13, 1, "unknown key \"git-comit\" in realm \"nogit\"");
    expect_diag(&r, "E0705", 14, 1, "realm \"bank\" is pinned twice");
    expect_diag(&r, "E0703", 16, 16, "\"a-b\" is not a realm name");
    /* No invalid pin is kept: nothing can hand its values to git. */
    assert_int_equal(r.p.npins, 0);
    done(&r);
}

static void test_not_toml(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "name = \"shop\"\n[realms\n");
    assert_int_equal(r.errors, 1);
    expect_diag(&r, "E0701", 2, 8, "invalid TOML");
    assert_null(r.p.doc);
    done(&r);
}

static void test_remote_reads_no_pins(void **state)
{
    (void)state;
    FtlSources src;
    FtlDiags diags;
    FtlProject p;
    ftl_sources_init(&src);
    ftl_diags_init(&diags);
    memset(&p, 0, sizeof p);
    const char *text = "name = \"bank\"\n[realms]\nexport-path = \"p.json\"\n"
                       "[realms.egress.x]\ngit-repo = \"-bad\"\n";
    assert_int_equal(
        ftl_project_parse(&p, "remote", text, strlen(text), FTL_PROJECT_NO_PINS, &src, &diags), 0);
    assert_string_equal(p.export_path, "p.json");
    assert_int_equal(p.npins, 0);
    ftl_project_free(&p);
    ftl_diags_free(&diags);
    ftl_sources_free(&src);
}

static void test_realm_name(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "name = \"my-shop\"\n");
    assert_null(ftl_project_realm(&r.p, &r.diags));
    expect_diag(&r, "E0703", 1, 8, "is not a realm name");
    done(&r);
    parse(&r, "name = \"shop\"\n");
    assert_string_equal(ftl_project_realm(&r.p, &r.diags), "shop");
    done(&r);
}

static void test_paths(void **state)
{
    (void)state;
    Parsed r;
    parse(&r, "");
    r.p.root = (char *)"../proj";
    char *s = ftl_pin_cache_path(&r.p, "bank", C1, ".txtpb");
    assert_string_equal(s, "../proj/.ftl/realms/bank/" C1 ".txtpb");
    free(s);
    s = ftl_project_join(&r.p, "/abs/file");
    assert_string_equal(s, "/abs/file");
    free(s);
    r.p.root = (char *)".";
    s = ftl_pin_cache_dir(&r.p, "bank");
    assert_string_equal(s, ".ftl/realms/bank");
    free(s);
    r.p.root = NULL;
    s = ftl_realm_endpoint_key("bank");
    assert_string_equal(s, "bank-realm-endpoint");
    free(s);
    assert_true(ftl_path_is_inner("a/b.txtpb"));
    assert_true(ftl_path_is_inner("a..b/c"));
    assert_false(ftl_path_is_inner(""));
    assert_false(ftl_path_is_inner("/etc/passwd"));
    assert_false(ftl_path_is_inner("../x"));
    assert_false(ftl_path_is_inner("a/../../x"));
    assert_true(ftl_path_is_inner("a/.."));
    assert_true(ftl_path_is_inner("./"));
    done(&r);
    static const char *const norm[][2] = {{"./", ""},
                                          {".", ""},
                                          {"./a/../b", "b"},
                                          {"a//b/", "a/b"},
                                          {"a/./b/.", "a/b"},
                                          {"a/b/../c/", "a/c"},
                                          {"x.txtpb", "x.txtpb"}};
    for (size_t i = 0; i < sizeof norm / sizeof norm[0]; i++) {
        char *n = ftl_path_normalize(norm[i][0]);
        assert_non_null(n);
        assert_string_equal(n, norm[i][1]);
        free(n);
    }
    assert_null(ftl_path_normalize("/a"));
    assert_null(ftl_path_normalize(".."));
    assert_null(ftl_path_normalize("a/../../x"));
    assert_null(ftl_path_normalize("./../x"));
}

/* ---- what git may be given --------------------------------------------------------------- */

static void test_refuse_repo(void **state)
{
    (void)state;
    static const char *const ok[] = {"https://example.com/bank.git",
                                     "ssh://git@example.com/bank.git",
                                     "git://h/x",
                                     "file:///srv/bank",
                                     "git@github.com:bank/accounts.git",
                                     "/srv/bank",
                                     "../bank",
                                     "bank",
                                     "C-3PO/repo",
                                     "ssh://user@host-1/x",
                                     NULL};
    static const char *const bad[] = {"",
                                      "-x",
                                      "--upload-pack=touch /tmp/pwned",
                                      "ext::sh -c touch% /tmp/pwned",
                                      "EXT::sh",
                                      "fd::0",
                                      "evil::x",
                                      "transport+x::y",
                                      "ssh://-oProxyCommand=x/y",
                                      "ssh://user@-oProxyCommand=x/y",
                                      "git@-oProxyCommand=x:repo",
                                      "-oProxyCommand=x:repo",
                                      "/srv/bank\n--upload-pack=x",
                                      "a\tb",
                                      NULL};
    for (int i = 0; ok[i]; i++)
        if (ftl_git_refuse_repo(ok[i]))
            fail_msg("'%s' refused: %s", ok[i], ftl_git_refuse_repo(ok[i]));
    for (int i = 0; bad[i]; i++)
        if (!ftl_git_refuse_repo(bad[i])) fail_msg("'%s' accepted", bad[i]);
}

static void test_refuse_branch(void **state)
{
    (void)state;
    static const char *const ok[] = {"main", "release/1.2", "feature-x", "v1.0_rc", NULL};
    static const char *const bad[] = {"",       "-x",   "--upload-pack=x",
                                      "a..b",   "a b",  "a:b",
                                      "a~1",    "a^",   "a?",
                                      "a*",     "a[",   "a\\b",
                                      "/a",     "a/",   "a.",
                                      "a.lock", "a//b", "a/.b",
                                      "a@{1}",  "a\nb", NULL};
    for (int i = 0; ok[i]; i++)
        if (ftl_git_refuse_branch(ok[i])) fail_msg("'%s' refused", ok[i]);
    for (int i = 0; bad[i]; i++)
        if (!ftl_git_refuse_branch(bad[i])) fail_msg("'%s' accepted", bad[i]);
}

static void test_commit_and_local(void **state)
{
    (void)state;
    assert_true(ftl_git_is_commit(C1));
    assert_true(ftl_git_is_commit(SHA));
    assert_false(ftl_git_is_commit("AAC675450010D2B8FC0528239E49E56FD94B5309"));
    assert_false(ftl_git_is_commit("abc"));
    assert_false(ftl_git_is_commit(C1 "0"));
    assert_true(ftl_git_is_local_path("/srv/bank"));
    assert_true(ftl_git_is_local_path("../bank"));
    assert_true(ftl_git_is_local_path("./a:b"));
    assert_false(ftl_git_is_local_path("git@host:x"));
    assert_false(ftl_git_is_local_path("host:x/y"));
    assert_false(ftl_git_is_local_path("file:///srv/bank"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_pins_both_forms),
        cmocka_unit_test(test_errors_are_positioned),
        cmocka_unit_test(test_not_toml),
        cmocka_unit_test(test_remote_reads_no_pins),
        cmocka_unit_test(test_realm_name),
        cmocka_unit_test(test_paths),
        cmocka_unit_test(test_refuse_repo),
        cmocka_unit_test(test_refuse_branch),
        cmocka_unit_test(test_commit_and_local),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
