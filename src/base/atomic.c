/* atomic.c - replacing a file atomically, whole or written in parts (atomic.h).
 *
 * Nothing is allocated while a temporary file is open except what the caller
 * does between the writes: everything ftl_atomic_open needs is allocated
 * before its first descriptor, so running out of memory there (base/fault.h)
 * leaks none; a caller that allocates between writes drops the file when the
 * unwind reaches it (the session's outputs: src/session/output.c). */
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#include "base/atomic.h"
#include "base/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

/* A name component longer than this cannot have a temporary name. */
#define NAME_ROOM (FTL_ATOMIC_NAME_MAX - 16)

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The permissions of a new file: what open(2) would give it (0666 less the
 * umask; reading the umask means setting it, harmless in a single-threaded
 * program like ftlc). */
static mode_t new_file_mode(void)
{
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* The permissions of the file written: those of the regular file it replaces
 * (name in dir, never followed), or a new file's. */
static mode_t target_mode_at(int dir, const char *name)
{
    struct stat st;
    if (fstatat(dir, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    return new_file_mode();
}

/* ---- the temporary file ------------------------------------------------------------ */

/* The next random temporary name "NAME.ftlc-XXXXXX" for name. */
static void tmp_name(char *out, size_t cap, const char *name, uint64_t *seed)
{
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    char suffix[7];
    for (int i = 0; i < 6; i++) {
        *seed = *seed * 6364136223846793005u + 1442695040888963407u; /* Knuth's LCG */
        suffix[i] = abc[(*seed >> 33) % 62];
    }
    suffix[6] = 0;
    snprintf(out, cap, "%s.ftlc-%s", name, suffix);
}

static uint64_t tmp_seed(const void *salt)
{
    return (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)salt;
}

/* Portable way: a named temporary file "NAME.ftlc-XXXXXX" beside the target,
 * created exclusively and never through a link. A run killed while it writes
 * leaves that file behind (never a damaged file); it is not removed by later
 * runs, which could not tell it from the temporary file of a run still
 * writing. */
static int create_named(FtlAtomicFile *a, char *err, size_t errsz)
{
    uint64_t seed = tmp_seed(a);
    errno = ENAMETOOLONG;
    for (int attempt = 0; attempt < 100 && a->fd < 0 && strlen(a->name) < NAME_ROOM; attempt++) {
        tmp_name(a->tmp, sizeof a->tmp, a->name, &seed);
        a->fd = openat(a->dir, a->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (a->fd < 0 && errno != EEXIST) break;
    }
    if (a->fd < 0) {
        snprintf(err, errsz, "cannot create a temporary file next to '%s': %s", a->path,
                 strerror(errno));
        return -1;
    }
    a->named = 1;
    return 0;
}

#ifdef O_TMPFILE
/* Linux: an unnamed file (O_TMPFILE), linked in under a temporary name only
 * once complete and flushed (link_unnamed), so a run killed while it writes
 * leaves nothing behind. Linking goes through /proc/self/fd, checked here:
 * 0, or -1 when the file system or /proc does not allow this (nothing open). */
static int create_unnamed(FtlAtomicFile *a)
{
    if (strlen(a->name) >= NAME_ROOM) return -1;
    a->fd = openat(a->dir, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (a->fd < 0) return -1;
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", a->fd);
    if (access(proc, F_OK) == 0) return 0;
    close(a->fd);
    a->fd = -1;
    return -1;
}

/* Gives the unnamed file a fresh temporary name (in a->tmp) beside the target. */
static int link_unnamed(FtlAtomicFile *a)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", a->fd);
    uint64_t seed = tmp_seed(a->tmp);
    for (int attempt = 0; attempt < 100; attempt++) {
        tmp_name(a->tmp, sizeof a->tmp, a->name, &seed);
        if (linkat(AT_FDCWD, proc, a->dir, a->tmp, AT_SYMLINK_FOLLOW) == 0) return a->named = 1, 0;
        if (errno != EEXIST) return -1;
    }
    return -1;
}
#else
static int create_unnamed(FtlAtomicFile *a)
{
    (void)a;
    return -1;
}

static int link_unnamed(FtlAtomicFile *a)
{
    (void)a;
    return errno = ENOTSUP, -1;
}
#endif

/* ---- a file in parts --------------------------------------------------------------- */

static void start(FtlAtomicFile *a, const char *path)
{
    memset(a, 0, sizeof *a);
    a->dir = a->fd = a->stream = -1;
    a->path = path;
    ftl_buf_init_soft(&a->held);
}

/* Closes and frees what a holds; removes the temporary file when it has a
 * name (it is renamed away on success). */
static void end(FtlAtomicFile *a)
{
    if (a->fd >= 0) close(a->fd);
    if (a->named) unlinkat(a->dir, a->tmp, 0);
    if (a->own_dir && a->dir >= 0) close(a->dir);
    free(a->owned);
    ftl_buf_free(&a->held);
    memset(a, 0, sizeof *a);
    a->dir = a->fd = a->stream = -1;
}

/* Opens the temporary file beside a->name in a->dir. */
static int create_tmp(FtlAtomicFile *a, char *err, size_t errsz)
{
    a->mode = target_mode_at(a->dir, a->name);
    if (create_unnamed(a) == 0 || create_named(a, err, errsz) == 0) return 0;
    end(a);
    return -1;
}

int ftl_atomic_open_at(FtlAtomicFile *a, int dir, const char *name, const char *display, char *err,
                       size_t errsz)
{
    start(a, display);
    a->name = name;
    a->dir = dir;
    return create_tmp(a, err, errsz);
}

/* Standard output or error when path names one of them (-o /dev/stdout, a
 * pipe that is our standard output), else -1. A regular file reached by its
 * own name is not: it is replaced atomically even when our output is also
 * redirected there. */
static int standard_stream(const char *path, const struct stat *st)
{
    if (S_ISREG(st->st_mode) && strncmp(path, "/dev/", 5) != 0 && strncmp(path, "/proc/", 6) != 0)
        return -1;
    for (int fd = 1; fd <= 2; fd++) {
        struct stat s;
        if (fstat(fd, &s) == 0 && s.st_dev == st->st_dev && s.st_ino == st->st_ino) return fd;
    }
    return -1;
}

/* Opens the directory of target (path with its links resolved) and the
 * temporary file in it. path, the target's name and its directory are kept
 * in one block allocated before anything is opened. */
static int open_in_dir(FtlAtomicFile *a, const char *path, const char *target, char *err,
                       size_t errsz)
{
    const char *slash = strrchr(target, '/');
    const char *name = slash ? slash + 1 : target;
    size_t n = strlen(path) + 1, m = strlen(name) + 1;
    size_t d = slash ? (slash == target ? 1 : (size_t)(slash - target)) : 1;
    a->owned = ftl_xmalloc(n + m + d + 1);
    a->path = memcpy(a->owned, path, n);
    a->name = memcpy(a->owned + n, name, m);
    char *dirname = memcpy(a->owned + n + m, slash ? target : ".", d);
    dirname[d] = '\0';
    a->dir = open(dirname, O_PATH | O_DIRECTORY | O_CLOEXEC);
    a->own_dir = 1;
    if (a->dir >= 0) return create_tmp(a, err, errsz);
    snprintf(err, errsz, "cannot write '%s': %s", a->path, strerror(errno));
    end(a);
    return -1;
}

int ftl_atomic_open(FtlAtomicFile *a, const char *path, char *err, size_t errsz)
{
    start(a, path);
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            snprintf(err, errsz, "cannot write '%s': it is a directory", path);
            end(a);
            return -1;
        }
        /* Renaming a file over a FIFO or a device would replace it with a
         * regular file (and over /dev/stdout redirected to a file, unlink the
         * file the shell writes to): such a destination is written in place. */
        a->stream = standard_stream(path, &st);
        if (a->stream >= 0 || !S_ISREG(st.st_mode)) {
            a->owned = ftl_xmalloc(strlen(path) + 1);
            a->path = strcpy(a->owned, path);
            return 0;
        }
    }
    /* Write through a symbolic link, as editors and formatters do: the link
     * stays, its target gets the new contents. Resolved on the stack, so
     * that running out of memory below leaks nothing. */
    char real[PATH_MAX];
    int resolved = realpath(path, real) != NULL;
    if (!resolved && errno == ENOMEM) ftl_oom(); /* else the link would be replaced */
    return open_in_dir(a, path, resolved ? real : path, err, errsz);
}

int ftl_atomic_write(FtlAtomicFile *a, const void *data, size_t len)
{
    if (a->error) return -1;
    if (a->dir < 0) {
        ftl_buf_put(&a->held, data, len);
        if (a->held.failed) a->error = ENOMEM;
    } else if (write_all(a->fd, data, len) != 0) {
        a->error = errno;
    }
    return a->error ? -1 : 0;
}

/* Writes the held contents to a destination that is not a regular file, in
 * place: opened without O_CREAT or O_TRUNC (never created), or our stream. */
static int commit_in_place(FtlAtomicFile *a)
{
    if (a->error) return errno = a->error, -1;
    int fd = a->stream >= 0 ? a->stream : open(a->path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    int rc = fd < 0 ? -1 : write_all(fd, a->held.data, a->held.len), saved = errno;
    if (a->stream < 0 && fd >= 0 && close(fd) != 0 && rc == 0) rc = -1, saved = errno;
    return errno = saved, rc;
}

/* Makes the temporary file durable, names it and renames it over the target. */
static int commit_tmp(FtlAtomicFile *a)
{
    if (a->error) return errno = a->error, -1;
    if (fchmod(a->fd, a->mode) != 0 || fsync(a->fd) != 0) return -1;
    if (!a->named && link_unnamed(a) != 0) return -1;
    int fd = a->fd;
    a->fd = -1;
    if (close(fd) != 0) return -1;
    if (renameat(a->dir, a->tmp, a->dir, a->name) != 0) return -1;
    a->named = 0; /* renamed: nothing to remove */
    return 0;
}

int ftl_atomic_commit(FtlAtomicFile *a, char *err, size_t errsz)
{
    int rc = a->dir < 0 ? commit_in_place(a) : commit_tmp(a);
    if (rc != 0) snprintf(err, errsz, "cannot write '%s': %s", a->path, strerror(errno));
    end(a);
    return rc;
}

void ftl_atomic_drop(FtlAtomicFile *a)
{
    end(a);
}

int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz)
{
    FtlAtomicFile a;
    if (ftl_atomic_open(&a, path, err, errsz) != 0) return -1;
    ftl_atomic_write(&a, data, len);
    return ftl_atomic_commit(&a, err, errsz);
}
