/* spawn.c - running a program with its output in unlinked temporary files
 * (spawn.h). The wait is sigtimedwait(2) on SIGCHLD and the terminating
 * signals, all blocked while the program runs: the time limit and a signal
 * are noticed at once, without polling. */
#define _XOPEN_SOURCE 700
#include "import/spawn.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* What is read back of one output; protoc's largest descriptor sets are a few MB. */
enum { MAX_OUTPUT = 1 << 30 };

/* An unlinked temporary file in $TMPDIR (else /tmp), closed on exec (posix_spawn's
 * dup2 gives the program its own copy); -1 with a message in err. */
static int temp_file(char *err, size_t errsz)
{
    const char *tmp = getenv("TMPDIR");
    const char *dir = tmp && *tmp ? tmp : "/tmp";
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/ftlc-spawn.XXXXXX", dir);
    char *path = (char *)ftl_buf_cstr(&b);
    int fd = mkstemp(path);
    if (fd >= 0) {
        unlink(path);
        fcntl(fd, F_SETFD, FD_CLOEXEC);
    } else {
        snprintf(err, errsz, "cannot make a temporary file in %s: %s", dir, strerror(errno));
    }
    ftl_buf_free(&b);
    return fd;
}

static int read_back(int fd, FtlBuf *b, const char *program, char *err, size_t errsz)
{
    char tmp[65536];
    ssize_t n = lseek(fd, 0, SEEK_SET) == 0 ? 1 : -1;
    while (n > 0 && (n = read(fd, tmp, sizeof tmp)) != 0) {
        if (n < 0 && errno == EINTR)
            n = 1;
        else if (n > 0 && b->len + (size_t)n <= MAX_OUTPUT)
            ftl_buf_put(b, tmp, (size_t)n);
        else if (n > 0)
            errno = EFBIG, n = -1;
    }
    if (n == 0) return 0;
    snprintf(err, errsz, "cannot read the output of '%s': %s", program, strerror(errno));
    return -1;
}

/* The terminating signals that would end ftlc now: those not ignored (a shell
 * starts background jobs with SIGINT ignored, nohup ignores SIGHUP). */
static void stop_signals(sigset_t *set)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    sigemptyset(set);
    for (int i = 0; i < 3; i++) {
        struct sigaction sa;
        if (sigaction(sigs[i], NULL, &sa) == 0 && sa.sa_handler != SIG_IGN) sigaddset(set, sigs[i]);
    }
}

/* The time left until end, in left; 0 when it has passed. */
static int time_left(const struct timespec *end, struct timespec *left)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long long ns =
        (long long)(end->tv_sec - now.tv_sec) * 1000000000LL + (end->tv_nsec - now.tv_nsec);
    if (ns <= 0) return 0;
    left->tv_sec = (time_t)(ns / 1000000000LL);
    left->tv_nsec = (long)(ns % 1000000000LL);
    return 1;
}

/* Waits for pid; kills it when the time is up or a signal of stop arrives (it
 * has nothing to clean up: SIGKILL). Returns that signal, or 0. */
static int wait_child(pid_t pid, int timeout, const sigset_t *stop, FtlSpawnResult *r)
{
    sigset_t wake = *stop;
    sigaddset(&wake, SIGCHLD);
    struct timespec end, left;
    clock_gettime(CLOCK_MONOTONIC, &end);
    end.tv_sec += timeout;
    int st = 0, got = 0;
    pid_t w;
    while ((w = waitpid(pid, &st, WNOHANG)) == 0) {
        int sig = -1;
        if (timeout && !time_left(&end, &left))
            errno = EAGAIN;
        else
            sig = sigtimedwait(&wake, NULL, timeout ? &left : NULL);
        if (sig < 0 && errno == EAGAIN) r->timed_out = 1;
        if (sig > 0 && sig != SIGCHLD) got = sig;
        if (r->timed_out || got) {
            kill(pid, SIGKILL);
            break;
        }
    }
    while (w == 0 && (w = waitpid(pid, &st, 0)) < 0 && errno == EINTR)
        w = 0;
    r->status = w == pid && WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return got;
}

/* Starts the program on the files; 0 or an errno value. */
static int start(const FtlSpawn *sp, int out, int errfd, const sigset_t *mask, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    posix_spawn_file_actions_init(&fa);
    posix_spawnattr_init(&at);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, sp->merge ? errfd : out, 1);
    posix_spawn_file_actions_adddup2(&fa, errfd, 2);
    /* ftlc ignores SIGXFSZ (its writes report the error) and the language server
     * SIGPIPE; the program starts with the defaults. */
    sigset_t def;
    sigemptyset(&def);
    sigaddset(&def, SIGPIPE), sigaddset(&def, SIGXFSZ);
    posix_spawnattr_setsigdefault(&at, &def);
    posix_spawnattr_setsigmask(&at, mask);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    int rc = posix_spawnp(pid, sp->program, &fa, &at, sp->argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return rc;
}

int ftl_spawn(const FtlSpawn *sp, FtlSpawnResult *r, char *err, size_t errsz)
{
    memset(r, 0, sizeof *r);
    ftl_buf_init(&r->out);
    ftl_buf_init(&r->err);
    r->status = -1;
    int out = -1, errfd = temp_file(err, errsz);
    if (errfd < 0 || (!sp->merge && (out = temp_file(err, errsz)) < 0)) {
        if (errfd >= 0) close(errfd);
        return FTL_SPAWN_FAILED;
    }
    sigset_t stop, block, old;
    stop_signals(&stop);
    block = stop;
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old);
    pid_t pid;
    int rc = start(sp, out, errfd, sp->child_mask ? sp->child_mask : &old, &pid), sig = 0;
    if (rc == 0) sig = wait_child(pid, sp->timeout, &stop, r);
    sigprocmask(SIG_SETMASK, &old, NULL);
    /* posix_spawnp may report a program it could not run as exit status 127. */
    if (rc == 0 && r->status == 127) rc = ENOENT;
    if (rc != 0) snprintf(err, errsz, "cannot run '%s': %s", sp->program, strerror(rc));
    int ret = rc == 0 ? 0 : FTL_SPAWN_NOT_RUN;
    if (ret == 0 && (read_back(errfd, &r->err, sp->program, err, errsz) != 0 ||
                     (!sp->merge && read_back(out, &r->out, sp->program, err, errsz) != 0)))
        ret = FTL_SPAWN_FAILED;
    close(errfd);
    if (out >= 0) close(out);
    if (sig) raise(sig); /* pending while the caller still blocks it */
    return ret;
}

void ftl_spawn_result_free(FtlSpawnResult *r)
{
    ftl_buf_free(&r->out);
    ftl_buf_free(&r->err);
}
