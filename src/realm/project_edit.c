/* project_edit.c - exclusive access to a project (see project_edit.h). */
#define _GNU_SOURCE /* flock, O_PATH */
#include "realm/project_edit.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { POLL_MS = 50 };

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n + 1);
    return c;
}

/* The last part of path. */
static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* Refuses a file ftlc would replace although the user could not write it, or
 * would replace a link with: 0 when name may be replaced (or does not exist). */
static int check_writable(int root, const char *name, const char *shown, char *err, size_t errsz)
{
    struct stat st;
    if (fstatat(root, name, &st, AT_SYMLINK_NOFOLLOW) != 0) return 0;
    if (S_ISLNK(st.st_mode)) {
        snprintf(err, errsz,
                 "'%s' is a symbolic link: ftlc realm edits only a regular file (give the file "
                 "it points to with --project)",
                 shown);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        snprintf(err, errsz, "'%s' is not a regular file", shown);
        return -1;
    }
    /* Root may write anything: a file without write permission is read-only
     * for ftlc whoever runs it. */
    if ((st.st_mode & 0222) == 0 || faccessat(root, name, W_OK, AT_EACCESS) != 0) {
        snprintf(err, errsz,
                 "'%s' is read-only (mode %04o): ftlc realm does not replace it; make it "
                 "writable to edit it",
                 shown, (unsigned)(st.st_mode & 07777));
        return -1;
    }
    return 0;
}

static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* flock(fd, LOCK_EX) within timeout seconds: 0, or -1 with err. */
static int wait_lock(int fd, const char *shown, int timeout, int (*cancelled)(void *), void *ctx,
                     char *err, size_t errsz)
{
    long deadline = now_ms() + (long)timeout * 1000;
    for (;;) {
        if (flock(fd, LOCK_EX | LOCK_NB) == 0) return 0;
        if (errno != EWOULDBLOCK && errno != EINTR) {
            snprintf(err, errsz, "cannot lock '%s': %s", shown, strerror(errno));
            return -1;
        }
        if (cancelled && cancelled(ctx)) {
            snprintf(err, errsz, "interrupted while waiting for the lock on '%s'", shown);
            return -1;
        }
        if (now_ms() >= deadline) {
            snprintf(err, errsz,
                     "'%s' is locked by another ftlc realm command (waited %d s): try again "
                     "when it is done",
                     shown, timeout);
            return -1;
        }
        struct timespec nap = {0, POLL_MS * 1000000L};
        nanosleep(&nap, NULL);
    }
}

/* Opens and locks the project file: the descriptor, or -1 with err. */
static int lock_project(int root, const char *name, const char *shown, int timeout,
                        int (*cancelled)(void *), void *ctx, char *err, size_t errsz)
{
    for (int attempt = 0; attempt < 100; attempt++) {
        int fd = openat(root, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            snprintf(err, errsz, "cannot open '%s': %s", shown, strerror(errno));
            return -1;
        }
        if (wait_lock(fd, shown, timeout, cancelled, ctx, err, errsz) != 0) {
            close(fd);
            return -1;
        }
        /* Another command may have replaced the file while we waited. */
        struct stat locked, now;
        if (fstat(fd, &locked) == 0 && fstatat(root, name, &now, AT_SYMLINK_NOFOLLOW) == 0 &&
            locked.st_dev == now.st_dev && locked.st_ino == now.st_ino)
            return fd;
        close(fd);
    }
    snprintf(err, errsz, "'%s' keeps being replaced: cannot lock it", shown);
    return -1;
}

/* Reads the project file and its lock file under the lock into e->project. */
static int read_project(FtlProjectEdit *e, const char *path, FtlSources *src, FtlDiags *diags,
                        char *err, size_t errsz)
{
    FtlProject *p = &e->project;
    char *text;
    size_t len;
    int rc = ftl_read_at(e->root, p->root, e->name, FTL_MAX_INPUT, &text, &len, err, errsz);
    if (rc != 0) return -1;
    ftl_project_parse(p, path, text, len, 0, src, diags);
    free(text);
    rc = ftl_read_at(e->root, p->root, e->lock_name, FTL_MAX_INPUT, &text, &len, err, errsz);
    if (rc == 1) return 0;
    if (rc != 0) return -1;
    ftl_project_parse_lock(p, text, len, src, diags);
    free(text);
    return 0;
}

int ftl_project_edit_begin(FtlProjectEdit *e, const char *path, int timeout,
                           int (*cancelled)(void *ctx), void *ctx, FtlSources *src, FtlDiags *diags,
                           char *err, size_t errsz)
{
    memset(e, 0, sizeof *e);
    e->root = e->lockfd = -1;
    FtlProject *p = &e->project;
    p->path = dup_str(path);
    p->lock_path = ftl_project_lock_path(path);
    const char *slash = strrchr(path, '/');
    p->root = slash ? ftl_xmalloc((size_t)(slash - path) + 2) : dup_str(".");
    if (slash) {
        size_t n = slash == path ? 1 : (size_t)(slash - path);
        memcpy(p->root, path, n);
        p->root[n] = '\0';
    }
    e->name = dup_str(base_name(path));
    e->lock_name = dup_str(base_name(p->lock_path));
    e->root = open(p->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (e->root < 0) {
        snprintf(err, errsz, "cannot open '%s': %s", p->root, strerror(errno));
        return -1;
    }
    if (check_writable(e->root, e->name, p->path, err, errsz) != 0 ||
        check_writable(e->root, e->lock_name, p->lock_path, err, errsz) != 0)
        return -1;
    e->lockfd = lock_project(e->root, e->name, p->path, timeout, cancelled, ctx, err, errsz);
    if (e->lockfd < 0) return -1;
    return read_project(e, path, src, diags, err, errsz);
}

void ftl_project_edit_end(FtlProjectEdit *e)
{
    if (e->lockfd >= 0) close(e->lockfd); /* releases the lock */
    if (e->root >= 0) close(e->root);
    ftl_project_free(&e->project);
    free(e->name);
    free(e->lock_name);
    memset(e, 0, sizeof *e);
    e->root = e->lockfd = -1;
}
