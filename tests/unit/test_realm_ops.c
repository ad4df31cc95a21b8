/* test_realm_ops.c - the realm operations as a library (realm/realm_ops.h): what
 * they return as data and report as diagnostics, on projects made in a scratch
 * folder. The operations that need git (add, update, fetch of what is missing)
 * are tested end to end in tests/e2e; here: list, remove, fetch --offline, the
 * lock file, the requests that cannot run, a cancel, and running out of memory
 * at each allocation of a remove and of an add (from a repository made here). */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/diag.h"
#include "base/fault.h"
#include "base/fileio.h"
#include "base/intern.h"
#include "base/sha256.h"
#include "base/source.h"
#include "realm/realm_ops.h"

#define C1 "aac675450010d2b8fc0528239e49e56fd94b5309"
#define C2 "bbc675450010d2b8fc0528239e49e56fd94b5309"

static char dir[] = "/tmp/ftlc-realm-ops-XXXXXX";
static char schema_sha[FTL_SHA256_HEX];

/* A public schema of realm bank, as ftlc export writes it. */
static const char SCHEMA[] = "realms {\n"
                             "  name: \"bank\"\n"
                             "  modules {\n"
                             "    name: \"accounts\"\n"
                             "    decls {\n"
                             "      verb {\n"
                             "        visibility: VISIBILITY_SCOPE_REALM\n"
                             "        name: \"get\"\n"
                             "        request {\n"
                             "          string {\n"
                             "          }\n"
                             "        }\n"
                             "        response {\n"
                             "          int {\n"
                             "          }\n"
                             "        }\n"
                             "      }\n"
                             "    }\n"
                             "  }\n"
                             "}\n";

static const char *in_dir(const char *name)
{
    static char p[4][512];
    static int next;
    char *s = p[next++ % 4];
    snprintf(s, 512, "%s/%s", dir, name);
    return s;
}

static void put(const char *name, const char *text)
{
    char err[512];
    assert_int_equal(ftl_write_atomic(in_dir(name), text, strlen(text), err, sizeof err), 0);
}

static char *slurp(const char *name)
{
    char *data, err[512];
    size_t len;
    if (ftl_read_file(in_dir(name), &data, &len, err, sizeof err) != 0) return NULL;
    return data;
}

/* A project pinning bank at C1 (cached, its hash in the lock file) and tax at
 * C2 (not cached, no hash). */
static void make_fixture(void)
{
    char text[1024];
    put("ftl-project.toml", "name = \"shop\"\n"
                            "\n"
                            "[realms.egress.bank]\n"
                            "git-repo = \"https://example.com/bank.git\"\n"
                            "git-branch = \"main\"\n"
                            "git-commit = \"" C1 "\"\n"
                            "\n"
                            "[external-realms.tax]\n"
                            "git-repo = \"https://example.com/tax.git\"\n"
                            "git-commit = \"" C2 "\"\n");
    snprintf(text, sizeof text, "[realms.bank]\ngit-commit = \"%s\"\nschema-sha256 = \"%s\"\n", C1,
             schema_sha);
    put("ftl-project.lock", text);
    assert_int_equal(mkdir(in_dir(".ftl"), 0700), 0);
    assert_int_equal(mkdir(in_dir(".ftl/realms"), 0700), 0);
    assert_int_equal(mkdir(in_dir(".ftl/realms/bank"), 0700), 0);
    put(".ftl/realms/bank/" C1 ".txtpb", SCHEMA);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir)) return -1;
    ftl_sha256_hex(SCHEMA, strlen(SCHEMA), schema_sha);
    make_fixture();
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    ftl_remove_tree(dir);
    return 0;
}

typedef struct Env {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlRealmEnv env;
} Env;

static void env_init(Env *e)
{
    ftl_arena_init(&e->arena);
    ftl_intern_init(&e->in, &e->arena);
    ftl_sources_init(&e->src);
    ftl_diags_init(&e->diags);
    e->env = (FtlRealmEnv){&e->arena, &e->in, &e->src, &e->diags};
}

static void env_free(Env *e)
{
    ftl_diags_free(&e->diags);
    ftl_sources_free(&e->src);
    ftl_intern_free(&e->in);
    ftl_arena_free(&e->arena);
}

static FtlRealmRequest request(FtlRealmOp op)
{
    FtlRealmRequest q;
    memset(&q, 0, sizeof q);
    q.op = op;
    static char project[512]; /* in_dir's buffers are reused */
    snprintf(project, sizeof project, "%s", in_dir("ftl-project.toml"));
    q.project = project;
    return q;
}

static int has_code(const Env *e, const char *code)
{
    for (unsigned i = 0; i < e->diags.count; i++)
        if (strcmp(e->diags.items[i].code, code) == 0) return 1;
    return 0;
}

/* List returns every pin as data: its keys, the hash from the lock file, the
 * cache state, the form it is declared in, the endpoint key. */
static void test_list_returns_the_pins(void **state)
{
    (void)state;
    Env e;
    env_init(&e);
    FtlRealmRequest q = request(FTL_REALM_LIST);
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &q, &res), FTL_OK);
    assert_int_equal(res.npins, 2);
    const FtlRealmPin *bank = &res.pins[0], *tax = &res.pins[1];
    assert_int_equal(bank->action, FTL_REALM_LISTED);
    assert_string_equal(bank->name, "bank");
    assert_string_equal(bank->git_commit, C1);
    assert_string_equal(bank->schema_sha256, schema_sha);
    assert_int_equal(bank->cache, FTL_REALM_CACHE_OK);
    assert_non_null(strstr(bank->cache_path, ".ftl/realms/bank/" C1 ".txtpb"));
    assert_string_equal(bank->declared_in, "[realms.egress]");
    assert_string_equal(bank->endpoint_key, "bank-realm-endpoint");
    assert_string_equal(tax->declared_in, "[external-realms]");
    assert_null(tax->schema_sha256);
    assert_null(tax->git_branch);
    assert_int_equal(tax->cache, FTL_REALM_CACHE_MISSING);
    assert_string_equal(res.project, q.project);
    env_free(&e);
}

/* A cache entry that is a link is reported unusable, and never read. */
static void test_list_a_linked_cache_entry(void **state)
{
    (void)state;
    assert_int_equal(mkdir(in_dir(".ftl/realms/tax"), 0700), 0);
    assert_int_equal(symlink("/dev/zero", in_dir(".ftl/realms/tax/" C2 ".txtpb")), 0);
    Env e;
    env_init(&e);
    FtlRealmRequest q = request(FTL_REALM_LIST);
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &q, &res), FTL_OK);
    assert_int_equal(res.pins[1].cache, FTL_REALM_CACHE_UNUSABLE);
    env_free(&e);
    env_init(&e);
    FtlRealmRequest f = request(FTL_REALM_FETCH);
    f.offline = 1;
    const char *names[] = {"tax"};
    f.names = names, f.nnames = 1;
    assert_int_equal(ftl_realm_run(&e.env, &f, &res), FTL_ERRORS);
    assert_true(has_code(&e, "E0712"));
    env_free(&e);
    unlink(in_dir(".ftl/realms/tax/" C2 ".txtpb"));
    rmdir(in_dir(".ftl/realms/tax"));
}

/* fetch --offline of an intact pin: CACHED and verified, nothing written. */
static void test_fetch_offline(void **state)
{
    (void)state;
    Env e;
    env_init(&e);
    FtlRealmRequest q = request(FTL_REALM_FETCH);
    q.offline = 1;
    const char *names[] = {"bank"};
    q.names = names, q.nnames = 1;
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &q, &res), FTL_OK);
    assert_int_equal(res.npins, 1);
    assert_int_equal(res.pins[0].action, FTL_REALM_CACHED);
    assert_true(res.pins[0].verified);
    env_free(&e);
}

/* Requests that cannot run: FTL_EINVAL with E0714, and the sentence the
 * command line prints for the options. */
static void test_requests_that_cannot_run(void **state)
{
    (void)state;
    char buf[600];
    FtlRealmRequest q = request(FTL_REALM_ADD);
    assert_string_equal(ftl_realm_request_problem(&q, buf, sizeof buf), "--git-repo is required");
    q.git_repo = "ext::sh -c x", q.git_branch = "main";
    assert_non_null(strstr(ftl_realm_request_problem(&q, buf, sizeof buf), "is refused"));
    q.git_repo = "https://example.com/x.git", q.git_path = "a/../../x";
    assert_non_null(strstr(ftl_realm_request_problem(&q, buf, sizeof buf), "stays in the"));
    q.git_path = "./a/../b/";
    assert_null(ftl_realm_request_problem(&q, buf, sizeof buf));
    FtlRealmRequest r = request(FTL_REALM_REMOVE);
    assert_non_null(ftl_realm_request_problem(&r, buf, sizeof buf));
    Env e;
    env_init(&e);
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &r, &res), FTL_EINVAL);
    assert_true(has_code(&e, "E0714"));
    assert_int_equal(res.npins, 0);
    env_free(&e);
    env_init(&e);
    const char *names[] = {"nosuch"};
    r.names = names, r.nnames = 1;
    assert_int_equal(ftl_realm_run(&e.env, &r, &res), FTL_EINVAL);
    assert_true(has_code(&e, "E0714"));
    env_free(&e);
}

static int cancel_now(void *ctx)
{
    (void)ctx;
    return 1;
}

/* A cancelled remove writes nothing. */
static void test_cancel_writes_nothing(void **state)
{
    (void)state;
    char *before = slurp("ftl-project.toml");
    Env e;
    env_init(&e);
    FtlRealmRequest q = request(FTL_REALM_REMOVE);
    const char *names[] = {"bank"};
    q.names = names, q.nnames = 1;
    q.cancelled = cancel_now;
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &q, &res), FTL_EIO);
    assert_true(has_code(&e, "E0713"));
    char *after = slurp("ftl-project.toml");
    assert_string_equal(after, before);
    assert_int_equal(access(in_dir(".ftl/realms/bank/" C1 ".txtpb"), F_OK), 0);
    free(before);
    free(after);
    env_free(&e);
}

/* Remove: the table and the lock entry go (the lock file with its last entry),
 * then the cached schema and its folder. */
static void test_remove(void **state)
{
    (void)state;
    Env e;
    env_init(&e);
    FtlRealmRequest q = request(FTL_REALM_REMOVE);
    const char *names[] = {"bank"};
    q.names = names, q.nnames = 1;
    FtlRealmResult res;
    assert_int_equal(ftl_realm_run(&e.env, &q, &res), FTL_OK);
    assert_int_equal(res.npins, 1);
    assert_int_equal(res.pins[0].action, FTL_REALM_REMOVED);
    char *text = slurp("ftl-project.toml");
    assert_null(strstr(text, "[realms.egress.bank]"));
    assert_non_null(strstr(text, "[external-realms.tax]"));
    free(text);
    assert_int_equal(access(in_dir("ftl-project.lock"), F_OK), -1);
    assert_int_equal(access(in_dir(".ftl/realms/bank"), F_OK), -1);
    assert_int_equal(e.diags.count, 0);
    env_free(&e);
}

/* ---- running out of memory ------------------------------------------------------------- */

#include "fail_alloc.h"

static int open_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d) return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

/* The project as the fixture left it, and its lock free. */
static void assert_untouched(void)
{
    char *text = slurp("ftl-project.toml"), *lock = slurp("ftl-project.lock");
    char *cached = slurp(".ftl/realms/bank/" C1 ".txtpb");
    assert_non_null(text);
    assert_non_null(strstr(text, "[realms.egress.bank]"));
    assert_null(strstr(text, "pay"));
    assert_non_null(lock);
    assert_non_null(strstr(lock, "[realms.bank]"));
    assert_null(strstr(lock, "pay"));
    assert_non_null(cached);
    assert_string_equal(cached, SCHEMA);
    assert_int_equal(access(in_dir(".ftl/realms/pay"), F_OK), -1);
    free(text);
    free(lock);
    free(cached);
    int fd = open(in_dir("ftl-project.toml"), O_RDONLY | O_CLOEXEC);
    assert_true(fd >= 0);
    assert_int_equal(flock(fd, LOCK_EX | LOCK_NB), 0);
    close(fd);
}

static void reset_fixture(void)
{
    ftl_remove_tree(dir);
    assert_int_equal(mkdir(dir, 0700), 0);
    make_fixture();
}

/* Runs q with allocation k failing: 1 when it ran out of memory, 0 when it
 * was done first (FTL_OK expected). */
static int run_failing(const FtlRealmRequest *q, unsigned long k)
{
    Env e;
    env_init(&e);
    FtlRealmResult res;
    FtlFault fault;
    volatile int oom = 0;
    ftl_fault_push(&fault);
    if (setjmp(fault.env)) {
        oom = 1;
    } else {
        allocs = 0;
        fail_at = k;
        FtlStatus st = ftl_realm_run(&e.env, q, &res);
        fail_at = 0;
        ftl_fault_pop(&fault);
        if (st != FTL_OK) {
            for (unsigned i = 0; i < e.diags.count; i++)
                fprintf(stderr, "%s %s\n", e.diags.items[i].code, e.diags.items[i].msg);
        }
        assert_int_equal(st, FTL_OK);
    }
    fail_at = 0;
    env_free(&e);
    return oom;
}

/* Every allocation of a remove fails in turn: the project, its lock file and
 * the cache are as they were, the lock is released and no descriptor is
 * left open. */
static void test_remove_out_of_memory(void **state)
{
    (void)state;
    if (fail_alloc_leaks_checked()) skip();
    int fds = open_fds();
    const char *names[] = {"bank"};
    FtlRealmRequest q = request(FTL_REALM_REMOVE);
    q.names = names, q.nnames = 1;
    unsigned long k = 1;
    for (;; k++) {
        reset_fixture();
        int oom = run_failing(&q, k);
        assert_int_equal(open_fds(), fds);
        if (oom) {
            assert_untouched();
            continue;
        }
        /* done: the pin and its lock entry are gone */
        char *text = slurp("ftl-project.toml");
        assert_null(strstr(text, "[realms.egress.bank]"));
        free(text);
        assert_int_equal(access(in_dir("ftl-project.lock"), F_OK), -1);
        if (allocs < k) break; /* nothing failed */
        /* out of memory deleting the cache, after the writes: W0703 */
    }
    assert_true(k > 20);
    assert_int_equal(access(in_dir(".ftl/realms/bank"), F_OK), -1);
    reset_fixture();
}

static void restore_tmpdir(char *saved)
{
    if (saved)
        setenv("TMPDIR", saved, 1);
    else
        unsetenv("TMPDIR");
    free(saved);
}

/* Runs a shell command; 0 when it exits 0. */
static int sh(const char *fmt, const char *arg)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, fmt, arg, arg, arg, arg);
    return system(cmd);
}

/* An add from a repository made here, out of memory at allocations spread
 * over the whole operation (each runs git): nothing is left of it, neither
 * in the project nor git's temporary repository. */
static void test_add_out_of_memory(void **state)
{
    (void)state;
    if (fail_alloc_leaks_checked()) skip();
    char repo[] = "/tmp/ftlc-realm-repo-XXXXXX", tmp[] = "/tmp/ftlc-realm-tmp-XXXXXX";
    assert_non_null(mkdtemp(repo));
    assert_non_null(mkdtemp(tmp));
    const char *old_tmp = getenv("TMPDIR");
    char *saved = old_tmp ? strdup(old_tmp) : NULL;
    setenv("TMPDIR", tmp, 1);
    char path[600];
    snprintf(path, sizeof path, "%s/ftl-external-schema.txtpb", repo);
    char err[256];
    const char *pay = "realms {\n  name: \"pay\"\n}\n";
    assert_int_equal(ftl_write_atomic(path, pay, strlen(pay), err, sizeof err), 0);
    if (sh("git init -q %s && git -C %s symbolic-ref HEAD refs/heads/main && git -C %s add -A && "
           "git -C %s -c user.name=t -c user.email=t@ftlc.invalid -c commit.gpgsign=false commit "
           "-qm one >/dev/null",
           repo) != 0) {
        restore_tmpdir(saved);
        ftl_remove_tree(repo);
        ftl_remove_tree(tmp);
        skip();
    }
    int fds = open_fds();
    FtlRealmRequest q = request(FTL_REALM_ADD);
    q.git_repo = repo, q.git_branch = "main";
    /* how many allocations it makes */
    reset_fixture();
    assert_int_equal(run_failing(&q, 0), 0);
    unsigned long total = allocs;
    char *added = slurp("ftl-project.toml");
    assert_non_null(strstr(added, "pay"));
    free(added);
    /* the first 20, about 40 in between, the last 40 (the writes) */
    for (unsigned long k = 1; k <= total; k = k < 20 || k + 40 >= total ? k + 1 : k + total / 40) {
        reset_fixture();
        assert_int_equal(run_failing(&q, k), 1); /* allocation k is one of the add's */
        assert_untouched();
        assert_int_equal(open_fds(), fds);
        DIR *d = opendir(tmp);
        assert_non_null(d);
        int entries = 0;
        while (readdir(d))
            entries++;
        closedir(d);
        assert_int_equal(entries, 2); /* . and .. */
    }
    restore_tmpdir(saved);
    ftl_remove_tree(repo);
    ftl_remove_tree(tmp);
    reset_fixture();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list_returns_the_pins),
        cmocka_unit_test(test_list_a_linked_cache_entry),
        cmocka_unit_test(test_fetch_offline),
        cmocka_unit_test(test_requests_that_cannot_run),
        cmocka_unit_test(test_cancel_writes_nothing),
        cmocka_unit_test(test_remove),
        cmocka_unit_test(test_remove_out_of_memory),
        cmocka_unit_test(test_add_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
