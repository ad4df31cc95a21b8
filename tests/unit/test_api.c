/* test_api.c - what include/ftlc.h offers beyond compiling, that the ftlc
 * command is built on: ftl_session_breaking (against files, against a git
 * revision, its options, errors, the findings' properties and running out of
 * memory), the rules, the documentation of codes, the checks of names, runtimes
 * and -W values, outputs that never replace an input, and the realm request's
 * problems. Only the public header (and jansson's): what an embedder can do. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ftlc.h"
#include <jansson.h>
#include <pthread.h>

/* ---- helpers ------------------------------------------------------------------------- */

static const char OLD[] = "realm shop {\n"
                          "  module m {\n"
                          "    export realm data Out {\n"
                          "      id Int\n"
                          "      note String\n"
                          "    }\n"
                          "\n"
                          "    data Hidden {\n"
                          "      x Int\n"
                          "    }\n"
                          "\n"
                          "    export realm verb get(String) m.Out\n"
                          "\n"
                          "    export realm verb put(m.Hidden) Unit\n"
                          "  }\n"
                          "}\n";

/* note removed from a response (FIELD_NO_DELETE, OUT), get's request changed
 * (VERB_SAME_REQUEST), Hidden made 'export realm' (W0502 of the old version
 * gone, and no finding). */
static const char NEW[] = "realm shop {\n"
                          "  module m {\n"
                          "    export realm data Out {\n"
                          "      id Int\n"
                          "    }\n"
                          "\n"
                          "    export realm data Hidden {\n"
                          "      x Int\n"
                          "    }\n"
                          "\n"
                          "    export realm verb get(Int) m.Out\n"
                          "\n"
                          "    export realm verb put(m.Hidden) Unit\n"
                          "  }\n"
                          "}\n";

/* A session of one input, new.ftl, held as an overlay. */
static FtlSession *new_session(const char *text)
{
    FtlSession *s = ftl_session_new();
    assert_non_null(s);
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, "new.ftl"), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(s, "new.ftl", text, strlen(text)), FTL_OK);
    return s;
}

static const char *const OLD_FILES[] = {"old.ftl"};

static FtlBreakingRequest against_old(void)
{
    FtlBreakingRequest q = {OLD_FILES, 1, NULL, FTL_BREAKING_SCOPE_REALM, 0, NULL, 0};
    return q;
}

static const char *property(const FtlDiagnostic *d, const char *key, int *found)
{
    *found = 0;
    for (size_t i = 0; i < d->nproperties; i++)
        if (strcmp(d->properties[i].key, key) == 0) {
            *found = 1;
            return d->properties[i].value;
        }
    return NULL;
}

static const FtlBreakingCount *count_of(const FtlBreakingResult *r, const char *rule)
{
    for (size_t i = 0; i < r->nrules; i++)
        if (strcmp(r->rules[i].rule, rule) == 0) return &r->rules[i];
    fail_msg("no rule %s", rule);
    return NULL;
}

/* Fails with the first diagnostic when st is not the status expected. */
static void expect(FtlSession *s, FtlStatus st, FtlStatus want)
{
    if (st == want) return;
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    fail_msg("status %d, not %d; %zu diagnostics, first: %s %s", (int)st, (int)want, n,
             n ? d[0].code : "-", n ? d[0].message : "-");
}

/* ---- breaking against files ------------------------------------------------------------ */

static void test_breaking_against_file(void **state)
{
    (void)state;
    FtlSession *s = new_session(NEW);
    /* the older version is read through the session: overlays shadow it too */
    assert_int_equal(ftl_session_set_overlay(s, "old.ftl", OLD, strlen(OLD)), FTL_OK);
    FtlBreakingRequest q = against_old();
    FtlBreakingResult r;
    expect(s, ftl_session_breaking(s, &q, &r), FTL_ERRORS);
    assert_true(r.compared);
    assert_int_equal(r.count, 2);
    assert_int_equal(count_of(&r, "FIELD_NO_DELETE")->count, 1);
    assert_int_equal(count_of(&r, "VERB_SAME_REQUEST")->count, 1);
    assert_int_equal(count_of(&r, "DECL_NO_DELETE")->count, 0);
    assert_true(count_of(&r, "DECL_NO_DELETE")->checked);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 2); /* the old version's W0502 is left out */
    assert_int_equal(ftl_session_warning_count(s), 0);
    /* in the order of the files: the new version's, then old.ftl (where the field was) */
    int found;
    assert_string_equal(d[0].code, "VERB_SAME_REQUEST");
    assert_string_equal(d[0].range.file, "new.ftl");
    assert_int_equal(d[0].range.start.line, 11);
    assert_string_equal(property(&d[0], "category", &found), "WIRE");
    assert_null(property(&d[0], "direction", &found)); /* not about a type */
    assert_true(found);
    assert_string_equal(d[1].code, "FIELD_NO_DELETE");
    assert_int_equal(d[1].severity, FTL_SEV_ERROR);
    assert_string_equal(d[1].range.file, "old.ftl");
    assert_int_equal(d[1].range.start.line, 5);
    assert_string_equal(property(&d[1], "direction", &found), "OUT");
    assert_true(d[1].nnotes >= 1);
    assert_non_null(strstr(d[1].notes[d[1].nnotes - 1].message, "WIRE"));
    /* the compilation is the new version: queries see it */
    FtlSymbolFilter f = {NULL, "m", "Hidden", 0};
    FtlSymbol *syms;
    assert_int_equal(ftl_session_symbols(s, &f, &syms, &n), FTL_OK);
    assert_int_equal(n, 1);
    assert_int_equal(syms[0].visibility, 2);
    ftl_free(syms);
    /* the older version is not among the files the compile read */
    const char *const *files = ftl_session_files(s, &n);
    for (size_t i = 0; i < n; i++)
        assert_string_not_equal(files[i], "old.ftl");
    ftl_session_free(s);
}

static void test_breaking_options(void **state)
{
    (void)state;
    FtlSession *s = new_session(NEW);
    ftl_session_set_overlay(s, "old.ftl", OLD, strlen(OLD));
    const char *except[] = {"verb_same_request"}; /* any letter case */
    FtlBreakingRequest q = against_old();
    q.except = except;
    q.nexcept = 1;
    FtlBreakingResult r;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_ERRORS);
    assert_int_equal(r.count, 1);
    assert_false(count_of(&r, "VERB_SAME_REQUEST")->checked);
    q.nexcept = 0;
    q.categories = FTL_BREAKING_SOURCE; /* both changes break the wire */
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_OK);
    assert_int_equal(r.count, 0);
    assert_true(count_of(&r, "FIELD_NO_DELETE")->checked);
    q.categories = FTL_BREAKING_WIRE;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_ERRORS);
    assert_int_equal(r.count, 2);
    /* requests that cannot run */
    except[0] = "NO_SUCH_RULE";
    q.nexcept = 1;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EINVAL);
    assert_non_null(strstr(ftl_session_error(s), "NO_SUCH_RULE"));
    q.nexcept = 0;
    q.scope = (FtlBreakingScope)7;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EINVAL);
    q.scope = FTL_BREAKING_SCOPE_ALL;
    q.against_git = "HEAD"; /* and files: one or the other */
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EINVAL);
    q.nagainst = 0;
    q.against_git = NULL;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EINVAL);
    assert_int_equal(ftl_session_breaking(s, NULL, &r), FTL_EINVAL);
    FtlSession *in = new_session(NEW);
    ftl_session_add_file(in, "-");
    q.against_git = "HEAD";
    assert_int_equal(ftl_session_breaking(in, &q, &r), FTL_EINVAL);
    assert_non_null(strstr(ftl_session_error(in), "standard input"));
    ftl_session_free(in);
    ftl_session_free(s);
}

/* The same version: nothing breaks; versions with errors are not compared; a
 * file that cannot be read is E0001. */
static void test_breaking_outcomes(void **state)
{
    (void)state;
    FtlSession *s = new_session(NEW);
    ftl_session_set_overlay(s, "old.ftl", NEW, strlen(NEW));
    FtlBreakingRequest q = against_old();
    FtlBreakingResult r;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_OK);
    assert_true(r.compared);
    assert_int_equal(r.count, 0);
    assert_int_equal(r.nrules, 17);
    const char bad[] =
        "realm shop {\n  module m {\n    export realm verb a(m.Missing) Unit\n  }\n}\n";
    ftl_session_set_overlay(s, "old.ftl", bad, strlen(bad));
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_ERRORS);
    assert_false(r.compared);
    assert_int_equal(r.count, 0);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0310");
    assert_string_equal(d[0].range.file, "old.ftl");
    assert_int_equal(d[0].nproperties, 0);
    const char *const missing[] = {"/nonexistent/old.ftl"};
    q.against = missing;
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EIO);
    assert_false(r.compared);
    d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0001");
    assert_null(d[0].range.file);
    assert_non_null(strstr(ftl_session_error(s), "cannot open '/nonexistent/old.ftl'"));
    ftl_session_free(s);
}

/* ---- breaking against a git revision ----------------------------------------------------- */

static void sh(const char *dir, const char *cmd)
{
    char line[1024];
    snprintf(line, sizeof line, "cd '%s' && %s >/dev/null 2>&1", dir, cmd);
    if (system(line) != 0) fail_msg("failed: %s", cmd);
}

static void put(const char *dir, const char *name, const char *text)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

static void test_breaking_against_git(void **state)
{
    (void)state;
    if (system("git --version >/dev/null 2>&1") != 0) skip();
    char dir[128], here[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/ftlc-api.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    assert_non_null(getcwd(here, sizeof here));
    put(dir, "shop.ftl", OLD);
    sh(dir, "git init -q . && git -c user.name=t -c user.email=t@t add shop.ftl && "
            "git -c user.name=t -c user.email=t@t commit -q -m v1");
    put(dir, "shop.ftl", NEW);
    assert_int_equal(chdir(dir), 0); /* the current directory's repository */
    FtlSession *s = ftl_session_new();
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "shop.ftl");
    FtlBreakingRequest q = {NULL, 0, "HEAD", FTL_BREAKING_SCOPE_REALM, 0, NULL, 0};
    FtlBreakingResult r;
    expect(s, ftl_session_breaking(s, &q, &r), FTL_ERRORS);
    assert_int_equal(r.count, 2);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 2);
    assert_string_equal(d[0].code, "VERB_SAME_REQUEST"); /* the new version's file first */
    assert_string_equal(d[0].range.file, "shop.ftl");
    assert_string_equal(d[1].code, "FIELD_NO_DELETE"); /* where the field was */
    assert_string_equal(d[1].range.file, "HEAD:shop.ftl");
    q.against_git = "no-such-rev";
    assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_EIO);
    d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0001");
    assert_non_null(strstr(ftl_session_error(s), "cannot resolve revision 'no-such-rev'"));
    ftl_session_free(s);
    assert_int_equal(chdir(here), 0);
    char rm[256];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
}

/* ---- what the command line checks ----------------------------------------------------------- */

static void test_names_and_values(void **state)
{
    (void)state;
    assert_true(ftl_name_valid(FTL_NAME_REALM, "bank_2", 6));
    assert_true(ftl_name_valid(FTL_NAME_REALM, "bank=x.ftl", 4)); /* the first len bytes */
    assert_false(ftl_name_valid(FTL_NAME_REALM, "2bank", 5));
    assert_false(ftl_name_valid(FTL_NAME_REALM, "ba-nk", 5));
    assert_false(ftl_name_valid(FTL_NAME_REALM, "", 0));
    assert_true(ftl_name_valid(FTL_NAME_REALM, "func", 4));
    assert_false(ftl_name_valid(FTL_NAME_MODULE, "func", 4)); /* a Go keyword: E0301 */
    assert_false(ftl_name_valid(FTL_NAME_MODULE, "builtin", 7));
    assert_true(ftl_name_valid(FTL_NAME_MODULE, "builtins", 8));
    assert_false(ftl_name_valid(FTL_NAME_MODULE, "func.ftl", 4));
    unsigned langs = 0;
    assert_int_equal(ftl_langs_from_name("go,python", &langs), FTL_OK);
    assert_int_equal(langs, FTL_LANG_GO | FTL_LANG_PYTHON);
    assert_int_equal(ftl_langs_from_name("all", &langs), FTL_OK);
    assert_int_equal(langs, FTL_LANG_ALL);
    assert_int_equal(ftl_langs_from_name("go,rust", &langs), FTL_EINVAL);
    assert_int_equal(ftl_langs_from_name("", &langs), FTL_EINVAL);
    assert_true(ftl_warning_option_valid("error"));
    assert_true(ftl_warning_option_valid("no-redundant-realm"));
    assert_true(ftl_warning_option_valid("error=W0502"));
    assert_false(ftl_warning_option_valid("no-such-warning"));
    assert_false(ftl_warning_option_valid(NULL));
}

static void test_code_info(void **state)
{
    (void)state;
    FtlCodeInfo c;
    assert_int_equal(ftl_code_info("e0306", &c), 0);
    assert_string_equal(c.code, "E0306");
    assert_string_equal(c.title, "duplicate declaration");
    assert_int_equal(c.severity, FTL_SEV_ERROR);
    assert_non_null(c.meaning);
    assert_non_null(c.fix);
    assert_non_null(c.reported_by);
    assert_null(c.warning_name);
    assert_int_equal(ftl_code_info("W0502", &c), 0);
    assert_int_equal(c.severity, FTL_SEV_WARNING);
    assert_non_null(c.warning_name);
    assert_int_equal(ftl_code_info("FIELD_NO_DELETE", &c), 0); /* rule IDs are codes too */
    assert_int_equal(ftl_code_info("E9999", &c), -1);
    assert_int_equal(ftl_code_info(NULL, &c), -1);
    /* every code, E0001 first, each found by its name; an example names its file */
    size_t n = 0;
    FtlCodeInfo d;
    for (; ftl_code_info_at(n, &c) == 0; n++) {
        assert_int_equal(ftl_code_info(c.code, &d), 0);
        assert_ptr_equal(d.title, c.title);
        if (c.example) assert_non_null(c.example_file);
    }
    assert_true(n > 100);
    assert_int_equal(ftl_code_info_at(0, &c), 0);
    assert_string_equal(c.code, "E0001");
    assert_int_equal(ftl_code_info_at(n, &c), -1);
}

static void test_breaking_rules(void **state)
{
    (void)state;
    size_t n;
    const FtlBreakingRule *rules = ftl_breaking_rules(&n);
    assert_int_equal(n, 17);
    assert_string_equal(rules[0].id, "VERB_NO_DELETE");
    assert_string_equal(rules[6].category, "WIRE/SOURCE");
    FtlCodeInfo c;
    for (size_t i = 0; i < n; i++)
        assert_int_equal(ftl_code_info(rules[i].id, &c), 0);
}

static void test_realm_request_problem(void **state)
{
    (void)state;
    char buf[256];
    FtlRealmRequest q;
    memset(&q, 0, sizeof q);
    q.op = FTL_REALM_LIST;
    assert_null(ftl_realm_request_problem(&q, buf, sizeof buf));
    q.op = FTL_REALM_ADD;
    assert_string_equal(ftl_realm_request_problem(&q, buf, sizeof buf), "--git-repo is required");
    q.git_repo = "https://example.com/bank.git";
    q.git_branch = "-main";
    assert_non_null(strstr(ftl_realm_request_problem(&q, buf, sizeof buf), "--git-branch"));
    q.op = FTL_REALM_REMOVE;
    assert_non_null(ftl_realm_request_problem(&q, buf, sizeof buf));
}

/* A session of NEW, compiled, in a fresh directory dir (128 bytes): in is
 * its input (192 bytes), out (192 bytes) the path of outname there. */
static FtlSession *compiled_in_dir(char *dir, char *in, char *out, const char *outname)
{
    snprintf(dir, 128, "%s/ftlc-api.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(dir));
    snprintf(in, 192, "%s/in.ftl", dir);
    snprintf(out, 192, "%s/%s", dir, outname);
    put(dir, "in.ftl", NEW);
    FtlSession *s = ftl_session_new();
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, in);
    assert_int_equal(ftl_session_compile(s), FTL_OK);
    return s;
}

static void removed_dir(FtlSession *s, const char *dir, const char *in, const char *out)
{
    ftl_session_free(s);
    remove(in);
    remove(out);
    assert_int_equal(rmdir(dir), 0);
}

/* An output never replaces a file the compile read; ftl_session_write_file
 * rewrites an input (fmt -w, fixes) but no other input's file. */
static void test_write_output(void **state)
{
    (void)state;
    char dir[128], in[192], out[192];
    FtlSession *s = compiled_in_dir(dir, in, out, "out.ftl");
    assert_int_equal(ftl_session_write_output(s, in, "x", 1), FTL_EIO);
    assert_non_null(strstr(ftl_session_error(s), "refusing to write"));
    assert_int_equal(ftl_session_write_output(s, out, "x\n", 2), FTL_OK);
    assert_int_equal(ftl_session_write_file(s, in, NEW, strlen(NEW)), FTL_OK);
    assert_int_equal(ftl_session_write_output(s, NULL, "x", 1), FTL_EINVAL);
    removed_dir(s, dir, in, out);
}

/* The whole file at path (ftl_free it). */
static char *file_text(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *buf = malloc(1 << 16);
    assert_non_null(buf);
    *len = fread(buf, 1, (1 << 16) - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* An output written as it is made (FtlOutput): what ftl_session_emit_buffer
 * gives, in place only at the commit; dropped, the old file stays; refused
 * over a file the compile read, as ftl_session_write_output. */
static void test_output_streamed(void **state)
{
    (void)state;
    char dir[128], in[192], out[192];
    FtlSession *s = compiled_in_dir(dir, in, out, "out.txtpb");
    put(dir, "out.txtpb", "old\n");
    FtlEmitOptions o = {FTL_EMIT_SCHEMA, FTL_FORMAT_TXTPB, 0, 0};
    char *whole, *got;
    size_t len, n;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &whole, &len), FTL_OK);
    FtlOutput *w;
    assert_int_equal(ftl_session_output_open(s, in, &w), FTL_EIO);
    assert_null(w);
    assert_non_null(strstr(ftl_session_error(s), "refusing to write"));
    assert_int_equal(ftl_session_output_open(s, out, &w), FTL_OK);
    assert_int_equal(ftl_session_emit(s, &o, ftl_output_write, w), FTL_OK);
    ftl_output_drop(w);
    got = file_text(out, &n);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(ftl_session_output_open(s, out, &w), FTL_OK);
    assert_int_equal(ftl_session_emit(s, &o, ftl_output_write, w), FTL_OK);
    got = file_text(out, &n);
    assert_string_equal(got, "old\n");
    free(got);
    assert_int_equal(ftl_output_commit(s, w), FTL_OK);
    got = file_text(out, &n);
    assert_int_equal(n, len);
    assert_memory_equal(got, whole, len);
    free(got);
    ftl_free(whole);
    assert_int_equal(ftl_session_output_open(s, NULL, &w), FTL_EINVAL);
    ftl_output_drop(NULL);
    removed_dir(s, dir, in, out);
}

/* jansson's allocator is the process's: a call that decodes JSON (a .json
 * input) sets the library's, and the caller's is back when it returns. */
static unsigned long json_allocs;

static void *counting_malloc(size_t n)
{
    json_allocs++;
    return malloc(n);
}

/* The schema NEW as the JSON of a schema, a .json input (ftl_free it). */
static char *schema_json(size_t *len)
{
    FtlSession *s = new_session(NEW);
    FtlEmitOptions o = {FTL_EMIT_SCHEMA, FTL_FORMAT_JSON, 0, 0};
    char *json;
    assert_int_equal(ftl_session_compile(s), FTL_OK);
    assert_int_equal(ftl_session_emit_buffer(s, &o, &json, len), FTL_OK);
    ftl_session_free(s);
    return json;
}

static void test_jansson_allocator_restored(void **state)
{
    (void)state;
    size_t len;
    char *json = schema_json(&len);
    FtlSession *s;
    json_set_alloc_funcs(counting_malloc, free);
    s = ftl_session_new();
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "s.json");
    ftl_session_set_overlay(s, "s.json", json, len);
    assert_int_equal(ftl_session_compile(s), FTL_OK);
    ftl_session_free(s);
    ftl_free(json);
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    assert_true(m == counting_malloc);
    json_t *x = json_object(); /* the caller's allocator again */
    assert_non_null(x);
    assert_true(json_allocs > 0);
    json_decref(x);
    json_set_alloc_funcs(malloc, free);
}

/* Two sessions in two threads, each compiling a JSON input over and over:
 * jansson's allocator is the process's, and when both are done it is the
 * caller's again (a save-and-restore per call could leave the library's, put
 * back by the thread that saved it while the other's call ran). */
typedef struct JsonWork {
    const char *json;
    size_t len;
    int failures;
} JsonWork;

static void *compile_json_often(void *arg)
{
    JsonWork *w = arg;
    for (int i = 0; i < 400; i++) {
        FtlSession *s = ftl_session_new();
        ftl_session_set_project(s, FTL_PROJECT_NONE);
        ftl_session_add_file(s, "s.json");
        ftl_session_set_overlay(s, "s.json", w->json, w->len);
        if (ftl_session_compile(s) != FTL_OK) w->failures++;
        ftl_session_free(s);
    }
    return NULL;
}

static void test_jansson_allocator_two_threads(void **state)
{
    (void)state;
    size_t len;
    char *json = schema_json(&len);
    json_set_alloc_funcs(counting_malloc, free);
    JsonWork w[2] = {{json, len, 0}, {json, len, 0}};
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_create(&t[i], NULL, compile_json_often, &w[i]), 0);
    for (int i = 0; i < 2; i++)
        assert_int_equal(pthread_join(t[i], NULL), 0);
    assert_int_equal(w[0].failures + w[1].failures, 0);
    json_malloc_t m;
    json_free_t f;
    json_get_alloc_funcs(&m, &f);
    assert_true(m == counting_malloc);
    json_set_alloc_funcs(malloc, free);
    ftl_free(json);
}

/* ---- running out of memory --------------------------------------------------------------- */

#include "fail_alloc.h"

/* Every allocation of ftl_session_breaking fails in turn: FTL_NOMEM or the
 * whole answer, and the session answers again. */
static void test_breaking_out_of_memory(void **state)
{
    (void)state;
    if (fail_alloc_leaks_checked()) skip();
    unsigned long nomem = 0;
    FtlBreakingRequest q = against_old();
    for (unsigned long k = 1;; k++) {
        FtlSession *s = new_session(NEW);
        ftl_session_set_overlay(s, "old.ftl", OLD, strlen(OLD));
        FtlBreakingResult r;
        allocs = 0;
        fail_at = k;
        FtlStatus st = ftl_session_breaking(s, &q, &r);
        int done = allocs < fail_at;
        fail_at = 0;
        assert_true(st == FTL_ERRORS || st == FTL_NOMEM);
        if (st == FTL_ERRORS) assert_int_equal(r.count, 2);
        nomem += st == FTL_NOMEM;
        assert_int_equal(ftl_session_breaking(s, &q, &r), FTL_ERRORS);
        assert_int_equal(r.count, 2);
        ftl_session_free(s);
        if (done) break;
    }
    assert_true(nomem > 50);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_breaking_against_file),
        cmocka_unit_test(test_breaking_options),
        cmocka_unit_test(test_breaking_outcomes),
        cmocka_unit_test(test_breaking_against_git),
        cmocka_unit_test(test_names_and_values),
        cmocka_unit_test(test_code_info),
        cmocka_unit_test(test_breaking_rules),
        cmocka_unit_test(test_realm_request_problem),
        cmocka_unit_test(test_write_output),
        cmocka_unit_test(test_output_streamed),
        cmocka_unit_test(test_jansson_allocator_restored),
        cmocka_unit_test(test_jansson_allocator_two_threads),
        cmocka_unit_test(test_breaking_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
