/* git.c - running git without a shell, without prompts and without surprises.
 *
 * One function starts git (run_git): fork, a session of its own, /dev/null as
 * standard input, pipes for standard output and error, an environment made in
 * the parent (the child only calls async-signal-safe functions), execvp. The
 * parent reads both pipes with poll() until they close, the time limit passes or
 * a terminating signal arrives; those signals are blocked meanwhile, so that
 * ftlc can stop git and remove its temporary repository before one takes effect.
 */
#define _XOPEN_SOURCE 700
#include "realm/git.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/fault.h"
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* Git's output is a schema file at most; anything larger is not one. */
enum { MAX_OUTPUT = 256 * 1024 * 1024, MAX_STDERR = 64 * 1024, TICK_MS = 100 };

/* ---- what may be given to git ------------------------------------------------------ */

static int has_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return 1;
    return 0;
}

/* "scheme::rest": git hands the address to the remote helper git-remote-scheme. */
static int is_helper_syntax(const char *s)
{
    const char *p = s;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
           *p == '+' || *p == '-' || *p == '.')
        p++;
    return p > s && p[0] == ':' && p[1] == ':';
}

/* The host of "scheme://[user@]host..." or of scp-like "[user@]host:path". */
static const char *host_of(const char *repo)
{
    const char *p = strstr(repo, "://");
    if (p) {
        p += 3;
        const char *at = strchr(p, '@'), *slash = strchr(p, '/');
        return at && (!slash || at < slash) ? at + 1 : p;
    }
    if (ftl_git_is_local_path(repo)) return NULL;
    const char *colon = strchr(repo, ':'), *at = strchr(repo, '@');
    return at && at < colon ? at + 1 : repo;
}

int ftl_git_is_local_path(const char *repo)
{
    /* git's rule (url_is_local_not_ssh): a URL has "://"; otherwise a ':' before
     * any '/' makes it host:path. */
    if (strstr(repo, "://")) return 0;
    const char *colon = strchr(repo, ':'), *slash = strchr(repo, '/');
    return !colon || (slash && slash < colon);
}

const char *ftl_git_refuse_repo(const char *repo)
{
    if (!*repo) return "it is empty";
    if (repo[0] == '-') return "it begins with '-', which git would take for an option";
    if (has_control(repo)) return "it contains control characters";
    if (strncmp(repo, "ext::", 5) == 0 || strncmp(repo, "EXT::", 5) == 0)
        return "the ext:: transport runs commands";
    if (is_helper_syntax(repo))
        return "it names a remote helper ('NAME::'); give a URL (https://, ssh://, git://, "
               "file://), host:path or a path";
    const char *host = host_of(repo);
    if (host && host[0] == '-')
        return "its host begins with '-', which ssh would take for an option";
    return NULL;
}

const char *ftl_git_refuse_branch(const char *b)
{
    size_t n = strlen(b);
    if (!n) return "it is empty";
    if (b[0] == '-') return "it begins with '-'";
    if (b[0] == '/' || b[n - 1] == '/' || b[n - 1] == '.')
        return "it begins or ends with '/' or ends with '.'";
    if (n >= 5 && strcmp(b + n - 5, ".lock") == 0) return "it ends with '.lock'";
    if (strstr(b, "..") || strstr(b, "//") || strstr(b, "@{") || strstr(b, "/."))
        return "it contains '..', '//', '/.' or '@{'";
    for (const char *p = b; *p; p++)
        if ((unsigned char)*p <= 0x20 || *p == 0x7f || strchr("~^:?*[\\", *p))
            return "it contains a space, a control character or one of ~ ^ : ? * [ \\";
    return NULL;
}

int ftl_git_is_commit(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++)
        if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) return 0;
    return n == 40 || n == 64;
}

/* ---- messages ------------------------------------------------------------------------ */

/* Appends s with control characters shown as '?', so that a message stays one line. */
static void put_clean(FtlBuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n && s[i]; i++)
        ftl_buf_putc(b, (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i]);
}

/* Git's own message: its first "fatal:" or "error:" line without the prefix, else
 * its last non-empty line. */
static void git_message(FtlBuf *b, const FtlBuf *err)
{
    const char *s = err->data ? err->data : "", *end = s + err->len, *pick = NULL, *last = NULL;
    size_t pick_n = 0, last_n = 0;
    for (const char *l = s; l < end;) {
        const char *e = memchr(l, '\n', (size_t)(end - l));
        size_t n = e ? (size_t)(e - l) : (size_t)(end - l);
        if (n && l[n - 1] == '\r') n--;
        if (!pick && (strncmp(l, "fatal: ", 7) == 0 || strncmp(l, "error: ", 7) == 0) && n > 7)
            pick = l + 7, pick_n = n - 7;
        if (n) last = l, last_n = n;
        l = e ? e + 1 : end;
    }
    if (!pick) pick = last, pick_n = last_n;
    if (pick_n > 300) pick_n = 300;
    put_clean(b, pick, pick_n);
}

/* g->err = realm "NAME": WHAT 'REPO': DETAIL */
static int fail(FtlGit *g, const char *what, const FtlBuf *stderr_text, const char *detail)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (g->here)
        ftl_buf_printf(&b, "%s: ", what);
    else if (g->realm)
        ftl_buf_printf(&b, "realm \"%s\": ", g->realm);
    else
        ftl_buf_puts(&b, "new realm: ");
    if (!g->here) {
        ftl_buf_printf(&b, "%s '", what);
        put_clean(&b, g->repo, strlen(g->repo));
        ftl_buf_puts(&b, "': ");
    }
    size_t before = b.len;
    if (detail)
        ftl_buf_puts(&b, detail);
    else if (stderr_text)
        git_message(&b, stderr_text);
    if (b.len == before) ftl_buf_puts(&b, "git failed without a message");
    snprintf(g->err, sizeof g->err, "%s", ftl_buf_cstr(&b));
    ftl_buf_free(&b);
    return -1;
}

/* ---- running git --------------------------------------------------------------------- */

static const char OUT_OF_MEMORY[] = "out of memory";

typedef struct Run {
    FtlBuf out, err;
    int status;      /* exit status, -1 when killed */
    const char *why; /* set when git did not run to its end: the reason */
} Run;

/* The child's environment: ours without what would redirect or prompt, plus the
 * settings that keep git quiet and safe. LC_ALL=C keeps git's messages in English,
 * where their "fatal:" and "error:" prefixes are found (git_message). Strings stay
 * owned by environ or static. */
static char **child_env(void)
{
    static const char *const drop[] = {"GIT_DIR=",
                                       "GIT_WORK_TREE=",
                                       "GIT_INDEX_FILE=",
                                       "GIT_OBJECT_DIRECTORY=",
                                       "GIT_ALTERNATE_OBJECT_DIRECTORIES=",
                                       "GIT_COMMON_DIR=",
                                       "GIT_NAMESPACE=",
                                       "GIT_PREFIX=",
                                       "GIT_TERMINAL_PROMPT=",
                                       "GIT_ASKPASS=",
                                       "SSH_ASKPASS=",
                                       "GIT_ALLOW_PROTOCOL=",
                                       "GIT_PROTOCOL_FROM_USER=",
                                       "GIT_CONFIG_PARAMETERS=",
                                       NULL};
    static const char *const add[] = {"GIT_TERMINAL_PROMPT=0",
                                      "GIT_ALLOW_PROTOCOL=file:git:http:https:ssh",
                                      "GIT_PROTOCOL_FROM_USER=0", "LC_ALL=C", NULL};
    size_t n = 0;
    while (environ[n])
        n++;
    char **env = ftl_xmalloc((n + 8) * sizeof *env);
    size_t k = 0;
    int ssh_set = 0;
    for (size_t i = 0; i < n; i++) {
        int skip = strncmp(environ[i], "LC_ALL=", 7) == 0;
        for (int d = 0; drop[d] && !skip; d++)
            skip = strncmp(environ[i], drop[d], strlen(drop[d])) == 0;
        ssh_set |= strncmp(environ[i], "GIT_SSH=", 8) == 0 ||
                   strncmp(environ[i], "GIT_SSH_COMMAND=", 16) == 0;
        if (!skip) env[k++] = environ[i];
    }
    for (int a = 0; add[a]; a++)
        env[k++] = (char *)add[a];
    if (!ssh_set) env[k++] = (char *)"GIT_SSH_COMMAND=ssh -o BatchMode=yes";
    env[k] = NULL;
    return env;
}

/* In the child: only async-signal-safe calls until exec. */
static _Noreturn void child(const char *const argv[], char **env, int out, int err,
                            const sigset_t *mask)
{
    static const char msg[] = "cannot run git: it is not installed or not on PATH\n";
    int null = open("/dev/null", O_RDONLY);
    setsid(); /* no controlling terminal: nothing can prompt */
    if (null < 0 || dup2(null, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(126);
    /* Only 0, 1 and 2 go on: a pipe end left open in git's own children would
     * keep ftlc waiting for an end of file. */
    if (null > 2) close(null);
    if (out > 2) close(out);
    if (err > 2) close(err);
    sigprocmask(SIG_SETMASK, mask, NULL);
    environ = env;
    execvp("git", (char *const *)argv);
    if (write(2, msg, sizeof msg - 1) < 0) _exit(127);
    _exit(127);
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* One of the signals of set is pending, and was not ignored when ftlc started
 * (a shell starts background jobs with INT ignored; nohup ignores HUP): such
 * a signal would not stop ftlc, so it does not stop git either. */
static int signal_pending(const sigset_t *set)
{
    sigset_t pending;
    if (sigpending(&pending) != 0) return 0;
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++) {
        struct sigaction sa;
        if (sigismember(set, sigs[i]) == 1 && sigismember(&pending, sigs[i]) == 1 &&
            sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN)
            return 1;
    }
    return 0;
}

/* Moves what fd has into b; 0 at end of file. */
static int drain(int fd, FtlBuf *b, size_t cap, int *overflow)
{
    char tmp[65536];
    ssize_t n = read(fd, tmp, sizeof tmp);
    if (n < 0) return errno == EINTR || errno == EAGAIN ? 1 : 0;
    if (n == 0) return 0;
    if (b->len + (size_t)n > cap)
        *overflow = 1;
    else
        ftl_buf_put(b, tmp, (size_t)n); /* soft: b->failed when out of memory */
    return 1;
}

/* Reads both pipes until they close; sets r->why when the time limit passes, the
 * output is too large or a signal in set arrives. */
static void collect(Run *r, int out, int err, int timeout, const sigset_t *set)
{
    struct pollfd fds[2] = {{out, POLLIN, 0}, {err, POLLIN, 0}};
    long deadline = now_ms() + (long)timeout * 1000;
    int open_fds = 2, overflow = 0;
    while (open_fds && !r->why) {
        if (signal_pending(set))
            r->why = "interrupted";
        else if (now_ms() >= deadline)
            r->why = "timed out";
        else if (overflow)
            r->why = "its output is larger than 256 MiB";
        else if (r->out.failed || r->err.failed)
            r->why = OUT_OF_MEMORY;
        if (r->why || poll(fds, 2, TICK_MS) <= 0) continue;
        for (int i = 0; i < 2; i++) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            FtlBuf *b = i ? &r->err : &r->out;
            if (!drain(fds[i].fd, b, i ? MAX_STDERR : MAX_OUTPUT, &overflow)) {
                fds[i].fd = -1;
                open_fds--;
            }
        }
    }
}

static void remove_dir(char *dir);
static void run_free(Run *r);

/* Runs git with argv (argv[0] is "git"; every run but the first names g->dir with
 * -C). Returns 0 when git ran to its end (r->status says how),
 * -1 with g->err when it could not start or was stopped. */
static int run_git(FtlGit *g, const char *const argv[], Run *r, const char *what)
{
    /* Nothing that can run out of memory (base/fault.h) unwinds while git
     * runs: the output goes to soft buffers, and running out of memory stops
     * git, which is waited for, before the unwind. */
    ftl_buf_init_soft(&r->out);
    ftl_buf_init_soft(&r->err);
    r->status = -1;
    r->why = NULL;
    char **env = child_env();
    int po[2], pe[2];
    if (pipe(po) != 0) {
        free(env);
        return fail(g, what, NULL, strerror(errno));
    }
    if (pipe(pe) != 0) {
        free(env);
        close(po[0]), close(po[1]);
        return fail(g, what, NULL, strerror(errno));
    }
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT), sigaddset(&block, SIGTERM), sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid = fork();
    if (pid == 0) {
        close(po[0]), close(pe[0]);
        child(argv, env, po[1], pe[1], &old);
    }
    int saved = errno;
    free(env);
    close(po[1]), close(pe[1]);
    if (pid > 0) {
        collect(r, po[0], pe[0], g->timeout, &block);
        if (r->why) {
            kill(-pid, SIGKILL); /* git and whatever it started */
            kill(pid, SIGKILL);  /* in case it had no session of its own yet */
        }
        int st = 0;
        pid_t w;
        while ((w = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {
        }
        r->status = w == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    close(po[0]), close(pe[0]);
    /* A pending signal takes effect when unblocked: leave nothing behind first. */
    if (r->why && strcmp(r->why, "interrupted") == 0) remove_dir(g->dir), g->dir = NULL;
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (pid < 0) return fail(g, what, NULL, strerror(saved));
    if (r->why == OUT_OF_MEMORY) {
        run_free(r);
        ftl_oom();
    }
    r->out.soft = r->err.soft = 0; /* git is done: unwinding is safe again */
    if (r->why) {
        char m[128];
        if (strcmp(r->why, "timed out") == 0)
            snprintf(m, sizeof m, "git timed out after %d s", g->timeout);
        else
            snprintf(m, sizeof m, "git stopped: %s", r->why);
        return fail(g, what, NULL, m);
    }
    return 0;
}

static void run_free(Run *r)
{
    ftl_buf_free(&r->out);
    ftl_buf_free(&r->err);
}

/* Runs git; 0 when it exits 0, else -1 with g->err (git's message). */
static int git_ok(FtlGit *g, const char *const argv[], Run *r, const char *what)
{
    if (run_git(g, argv, r, what) != 0) return -1;
    if (r->status == 0) return 0;
    fail(g, what, &r->err, NULL);
    return -1;
}

/* ---- the temporary repository -------------------------------------------------------- */

static void remove_dir(char *dir)
{
    if (!dir) return;
    ftl_remove_tree(dir);
    free(dir);
}

void ftl_git_init(FtlGit *g, const char *realm, const char *repo, int timeout)
{
    memset(g, 0, sizeof *g);
    g->realm = realm;
    g->repo = repo;
    g->timeout = timeout > 0 ? timeout : 120;
}

void ftl_git_free(FtlGit *g)
{
    remove_dir(g->dir);
    g->dir = NULL;
    free(g->top);
    g->top = NULL;
}

/* The options every run gets: no credential helpers, no askpass, no ext. */
#define GIT_SAFE "-c", "credential.helper=", "-c", "core.askPass=", "-c", "protocol.ext.allow=never"

static int make_repo(FtlGit *g, const char *what)
{
    if (g->dir) return 0;
    const char *tmp = getenv("TMPDIR");
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/ftlc-git-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(b.data)) {
        char m[256];
        snprintf(m, sizeof m, "cannot create a temporary directory: %s", strerror(errno));
        ftl_buf_free(&b);
        return fail(g, what, NULL, m);
    }
    g->dir = b.data;
    const char *argv[] = {"git",  GIT_SAFE,  "-c",     "init.defaultBranch=ftlc",
                          "init", "--quiet", "--bare", "--template=",
                          "--",   g->dir,    NULL};
    Run r;
    int rc = git_ok(g, argv, &r, what);
    run_free(&r);
    return rc;
}

/* ---- operations ----------------------------------------------------------------------- */

/* The commit of the line "COMMIT<TAB>REF" of ls-remote's output whose REF is ref. */
static const char *find_ref(const char *s, const char *ref, size_t *n)
{
    size_t rl = strlen(ref);
    while (*s) {
        const char *nl = strchr(s, '\n'), *end = nl ? nl : s + strlen(s);
        const char *tab = memchr(s, '\t', (size_t)(end - s));
        if (tab && (size_t)(end - tab - 1) == rl && memcmp(tab + 1, ref, rl) == 0) {
            *n = (size_t)(tab - s);
            return s;
        }
        s = nl ? nl + 1 : end;
    }
    return NULL;
}

int ftl_git_head(FtlGit *g, const char *branch, char commit[FTL_GIT_COMMIT_MAX])
{
    char what[300];
    snprintf(what, sizeof what, "cannot resolve branch '%.200s' of", branch);
    /* In the temporary repository, so that the current directory's repository
     * (its remote names, its configuration) plays no part. */
    if (make_repo(g, what) != 0) return -1;
    FtlBuf ref;
    ftl_buf_init(&ref);
    ftl_buf_printf(&ref, "refs/heads/%s", branch);
    const char *argv[] = {"git", GIT_SAFE, "-C",     g->dir, "ls-remote",
                          "--",  g->repo,  ref.data, NULL};
    Run r;
    int rc = git_ok(g, argv, &r, what);
    size_t n = 0;
    const char *found = rc == 0 ? find_ref(ftl_buf_cstr(&r.out), ref.data, &n) : NULL;
    if (rc == 0 && !found) rc = fail(g, what, NULL, "no such branch");
    if (found && n < FTL_GIT_COMMIT_MAX) {
        memcpy(commit, found, n);
        commit[n] = '\0';
    }
    if (found && (n >= FTL_GIT_COMMIT_MAX || !ftl_git_is_commit(commit)))
        rc = fail(g, what, NULL, "git printed no commit id");
    ftl_buf_free(&ref);
    run_free(&r);
    return rc;
}

int ftl_git_fetch(FtlGit *g, const char *commit, const char *branch)
{
    char what[200];
    snprintf(what, sizeof what, "cannot fetch commit %.12s from", commit);
    if (make_repo(g, what) != 0) return -1;
    const char *by_id[] = {"git",       GIT_SAFE,  "-C",        g->dir,
                           "fetch",     "--quiet", "--no-tags", "--no-write-fetch-head",
                           "--depth=1", "--",      g->repo,     commit,
                           NULL};
    Run r;
    int rc = run_git(g, by_id, &r, what);
    int ok = rc == 0 && r.status == 0;
    if (rc == 0 && !ok && !branch) rc = fail(g, what, &r.err, NULL);
    run_free(&r);
    if (ok || rc != 0) return ok ? 0 : -1;
    /* Servers that refuse commits by id still serve the branch: fetch all of it
     * (the commit may be anywhere in its history). */
    FtlBuf ref;
    ftl_buf_init(&ref);
    ftl_buf_printf(&ref, "refs/heads/%s", branch);
    const char *whole[] = {"git",   GIT_SAFE,  "-C",        g->dir,
                           "fetch", "--quiet", "--no-tags", "--no-write-fetch-head",
                           "--",    g->repo,   ref.data,    NULL};
    rc = git_ok(g, whole, &r, what);
    run_free(&r);
    ftl_buf_free(&ref);
    if (rc != 0) return -1;
    char spec[FTL_GIT_COMMIT_MAX + 16];
    snprintf(spec, sizeof spec, "%s^{commit}", commit);
    const char *has[] = {"git", GIT_SAFE, "-C", g->dir, "cat-file", "-e", spec, NULL};
    rc = run_git(g, has, &r, what);
    if (rc == 0 && r.status != 0) {
        char m[300];
        snprintf(m, sizeof m, "the commit is not on branch '%s'", branch);
        rc = fail(g, what, NULL, m);
    }
    run_free(&r);
    return rc;
}

/* The blob id of path in commit from "MODE TYPE ID\tPATH\0"; 1 when there is no
 * such file, 2 when it is a directory, -1 with g->err when it is not a file. */
static int blob_of(FtlGit *g, const char *commit, const char *path, char *id, const char *what)
{
    const char *argv[] = {"git",     GIT_SAFE, "--literal-pathspecs", "-C",   g->dir,
                          "ls-tree", "-z",     "--full-tree",         commit, "--",
                          path,      NULL};
    Run r;
    if (git_ok(g, argv, &r, what) != 0) {
        run_free(&r);
        return -1;
    }
    const char *s = ftl_buf_cstr(&r.out), *tab = strchr(s, '\t');
    int rc = 1;
    if (tab && strcmp(tab + 1, path) == 0) {
        const char *sp1 = strchr(s, ' '), *sp2 = sp1 ? strchr(sp1 + 1, ' ') : NULL;
        size_t n = sp2 ? (size_t)(tab - sp2 - 1) : 0;
        if (sp2 && strncmp(sp1 + 1, "tree ", 5) == 0) {
            rc = 2;
        } else if (!sp2 || strncmp(sp1 + 1, "blob ", 5) != 0 || n >= FTL_GIT_COMMIT_MAX) {
            rc = fail(g, what, NULL, "it is not a file");
        } else {
            memcpy(id, sp2 + 1, n);
            id[n] = '\0';
            rc = 0;
        }
    }
    run_free(&r);
    return rc;
}

int ftl_git_read(FtlGit *g, const char *commit, const char *path, char **data, size_t *len)
{
    char what[600], id[FTL_GIT_COMMIT_MAX];
    snprintf(what, sizeof what, "cannot read '%.400s' at %.12s from", path, commit);
    int rc = blob_of(g, commit, path, id, what);
    if (rc != 0) return rc;
    const char *argv[] = {"git", GIT_SAFE, "-C", g->dir, "cat-file", "blob", id, NULL};
    Run r;
    if (git_ok(g, argv, &r, what) != 0) {
        run_free(&r);
        return -1;
    }
    ftl_buf_reserve(&r.out, 1);
    r.out.data[r.out.len] = '\0';
    *data = r.out.data;
    *len = r.out.len;
    ftl_buf_free(&r.err);
    return 0;
}

/* ---- the current directory's repository ------------------------------------------------ */

void ftl_git_init_here(FtlGit *g, int timeout)
{
    ftl_git_init(g, NULL, ".", timeout);
    g->here = 1;
}

/* Runs git in the current directory; its standard output without the final newline. */
static int git_here(FtlGit *g, const char *const argv[], Run *r, const char *what)
{
    if (git_ok(g, argv, r, what) != 0) return -1;
    while (r->out.len &&
           (r->out.data[r->out.len - 1] == '\n' || r->out.data[r->out.len - 1] == '\r'))
        r->out.len--;
    ftl_buf_cstr(&r->out);
    return 0;
}

int ftl_git_resolve(FtlGit *g, const char *rev, char commit[FTL_GIT_COMMIT_MAX])
{
    char what[300];
    snprintf(what, sizeof what, "cannot resolve revision '%.200s'", rev);
    if (!*rev || rev[0] == '-' || has_control(rev))
        return fail(g, what, NULL, "it is empty, begins with '-' or holds control characters");
    FtlBuf spec;
    ftl_buf_init(&spec);
    ftl_buf_printf(&spec, "%s^{commit}", rev);
    const char *argv[] = {"git", GIT_SAFE, "rev-parse", "--verify", "--quiet", spec.data, NULL};
    Run r;
    int rc = run_git(g, argv, &r, what);
    if (rc == 0 && r.status != 0)
        rc = fail(g, what, &r.err, r.status == 1 ? "no such revision in this repository" : NULL);
    while (rc == 0 && r.out.len && r.out.data[r.out.len - 1] == '\n')
        r.out.len--;
    if (rc == 0 && r.out.len < FTL_GIT_COMMIT_MAX) {
        memcpy(commit, r.out.data, r.out.len);
        commit[r.out.len] = '\0';
    }
    if (rc == 0 && (r.out.len >= FTL_GIT_COMMIT_MAX || !ftl_git_is_commit(commit)))
        rc = fail(g, what, NULL, "git printed no commit id");
    run_free(&r);
    ftl_buf_free(&spec);
    return rc;
}

/* "COMMIT:./PATH" for a path relative to the current directory (git takes ./ and ../
 * as relative to it), "COMMIT:PATH" for an absolute one inside the work tree. */
static int object_name(FtlGit *g, FtlBuf *b, const char *commit, const char *path, const char *what)
{
    if (path[0] != '/') {
        ftl_buf_printf(b, "%s:./%s", commit, path);
        return 0;
    }
    if (!g->top) {
        const char *argv[] = {"git", GIT_SAFE, "rev-parse", "--show-toplevel", NULL};
        Run r;
        int rc = git_here(g, argv, &r, what);
        if (rc == 0) g->top = r.out.data, r.out.data = NULL;
        run_free(&r);
        if (rc != 0) return -1;
    }
    size_t n = strlen(g->top);
    if (strncmp(path, g->top, n) != 0 || path[n] != '/')
        return fail(g, what, NULL, "it is outside the repository's work tree");
    ftl_buf_printf(b, "%s:%s", commit, path + n + 1);
    return 0;
}

int ftl_git_show(FtlGit *g, const char *commit, const char *path, char **data, size_t *len)
{
    char what[600];
    snprintf(what, sizeof what, "cannot read '%.400s' at %.12s", path, commit);
    FtlBuf obj;
    ftl_buf_init(&obj);
    if (object_name(g, &obj, commit, path, what) != 0) {
        ftl_buf_free(&obj);
        return -1;
    }
    /* The type first: a path the commit does not have fails here, which is no
     * error; any other failure (a path outside the repository) is. */
    const char *type[] = {"git", GIT_SAFE, "cat-file", "-t", obj.data, NULL};
    Run r;
    int rc = run_git(g, type, &r, what);
    const char *err = rc == 0 ? ftl_buf_cstr(&r.err) : "";
    if (rc == 0 && r.status != 0)
        rc = strstr(err, "does not exist in") || strstr(err, "exists on disk, but not in")
                 ? 1
                 : fail(g, what, &r.err, NULL);
    if (rc == 0 && strcmp(ftl_buf_cstr(&r.out), "blob\n") != 0)
        rc = fail(g, what, NULL, "it is not a file");
    run_free(&r);
    const char *blob[] = {"git", GIT_SAFE, "cat-file", "blob", obj.data, NULL};
    if (rc == 0 && git_ok(g, blob, &r, what) != 0) {
        run_free(&r);
        rc = -1;
    } else if (rc == 0) {
        ftl_buf_reserve(&r.out, 1);
        r.out.data[r.out.len] = '\0';
        *data = r.out.data;
        *len = r.out.len;
        ftl_buf_free(&r.err);
    }
    ftl_buf_free(&obj);
    return rc;
}
