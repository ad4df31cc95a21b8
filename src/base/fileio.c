/* fileio.c - whole-file reads and atomic writes. */
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#include "base/fileio.h"
#include "base/arena.h"
#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The limit in words: FTL_MAX_INPUT is what 32-bit offsets allow. */
static void describe_limit(char *out, size_t outsz, size_t max)
{
    if (max == FTL_MAX_INPUT) snprintf(out, outsz, "4 GiB");
    else snprintf(out, outsz, "%zu bytes", max);
}

/* Reads fd to its end into a malloc'd buffer (with a spare byte for the NUL
 * sentinel). hint: the expected size, 0 if unknown. Stops as soon as the input
 * is known to exceed max, so that an endless or huge stream costs no more than
 * max bytes of memory; then fails with EFBIG. Out of memory fails with ENOMEM
 * (the caller closes fd before ftl_oom unwinds). */
static int read_fd(int fd, size_t hint, size_t max, char **data, size_t *len)
{
    size_t cap = hint && hint <= max ? hint + 1 : 64 * 1024, n = 0;
    if (cap > max + 1) cap = max + 1;
    char *buf = malloc(cap + 1);
    if (!buf) return errno = ENOMEM, -1;
    for (;;) {
        if (n == cap) {
            if (n > max) {
                free(buf);
                errno = EFBIG;
                return -1;
            }
            cap = cap > (max + 1) / 2 ? max + 1 : cap * 2;
            char *more = realloc(buf, cap + 1);
            if (!more) {
                free(buf);
                return errno = ENOMEM, -1;
            }
            buf = more;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int saved = errno;
            free(buf);
            errno = saved;
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    if (n > max) {
        free(buf);
        errno = EFBIG;
        return -1;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

static void read_error(const char *path, int e, size_t max, char *err, size_t errsz)
{
    int std = strcmp(path, "-") == 0;
    const char *q = std ? "" : "'", *name = std ? "standard input" : path;
    char lim[32];
    describe_limit(lim, sizeof lim, max);
    if (e == EFBIG) snprintf(err, errsz, "%s%s%s is too large (the limit is %s)", q, name, q, lim);
    else snprintf(err, errsz, "cannot read %s%s%s: %s", q, name, q, strerror(e));
}

/* Opens a file to read: fd 0 for "-". *size: its size if it is a regular
 * file, else 0 (unknown). -1 with a message in err on failure. */
static int open_input(const char *path, size_t max, size_t *size, char *err, size_t errsz)
{
    *size = 0;
    if (strcmp(path, "-") == 0) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, errsz, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) return fd; /* unknown: read it as a stream */
    if (S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "cannot read '%s': it is a directory", path);
        close(fd);
        return -1;
    }
    /* A regular file's size is known: refuse a large one before reading it. */
    if (S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
        read_error(path, EFBIG, max, err, errsz);
        close(fd);
        errno = EFBIG;
        return -1;
    }
    if (S_ISREG(st.st_mode)) *size = (size_t)st.st_size;
    return fd;
}

int ftl_read_file_max(const char *path, size_t max, char **data, size_t *len, char *err,
                      size_t errsz)
{
    size_t size;
    int fd = open_input(path, max, &size, err, errsz);
    if (fd < 0) return -1;
    int rc = read_fd(fd, size, max, data, len), e = errno;
    if (fd != 0) close(fd);
    if (rc != 0 && e == ENOMEM) ftl_oom();
    if (rc != 0) read_error(path, e, max, err, errsz);
    errno = e; /* EFBIG tells the caller the input was too large */
    return rc;
}

int ftl_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz)
{
    return ftl_read_file_max(path, FTL_MAX_INPUT, data, len, err, errsz);
}

int ftl_reader_copy(const FtlReader *r, const char *path, char **data, size_t *len, char *err,
                    size_t errsz)
{
    if (!r) return ftl_read_file(path, data, len, err, errsz);
    const char *text;
    if (r->read(r->ctx, path, &text, len, err, errsz) != 0) return -1;
    *data = ftl_xmalloc(*len + 1);
    memcpy(*data, text, *len + 1);
    return 0;
}

/* ---- atomic writes ---------------------------------------------------------------- */

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

/* The permissions of the file written: those of the file it replaces, or for a
 * new file what open(2) would give it (0666 less the umask; reading the umask
 * means setting it, harmless in a single-threaded program like ftlc). */
static mode_t target_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) return st.st_mode & 07777;
    mode_t mask = umask(022);
    umask(mask);
    return 0666 & ~mask;
}

/* Fills fd with the new contents and makes them durable before any rename. */
static int fill(int fd, const char *data, size_t len, mode_t mode)
{
    if (write_all(fd, data, len) != 0) return -1;
    if (fchmod(fd, mode) != 0) return -1;
    return fsync(fd);
}

/* Portable path: a named temporary file "PATH.ftlc-XXXXXX" beside path. A run
 * killed while it writes leaves that file behind (never a damaged path); it is
 * not removed by later runs, which could not tell it from the temporary file of
 * a run still writing. */
static int write_named(const char *path, const char *data, size_t len, mode_t mode, char *err,
                       size_t errsz)
{
    size_t pl = strlen(path);
    char *tmp = ftl_xmalloc(pl + 16);
    snprintf(tmp, pl + 16, "%s.ftlc-XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, errsz, "cannot create a temporary file next to '%s': %s", path,
                 strerror(errno));
        free(tmp);
        return -1;
    }
    int rc = fill(fd, data, len, mode);
    int saved = errno;
    if (close(fd) != 0 && rc == 0) rc = -1, saved = errno;
    if (rc == 0 && rename(tmp, path) != 0) rc = -1, saved = errno;
    if (rc != 0) {
        unlink(tmp);
        snprintf(err, errsz, "cannot write '%s': %s", path, strerror(saved));
    }
    free(tmp);
    return rc;
}

#ifdef O_TMPFILE
/* The directory of path, malloc'd: "." for a bare name. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1;
    if (slash == path) n = 1; /* "/name" */
    char *dir = ftl_xmalloc(n + 1);
    memcpy(dir, slash ? path : ".", n);
    dir[n] = 0;
    return dir;
}

/* Gives the unnamed file fd the name "PATH.ftlc-XXXXXX" (random, unused). */
static int link_tmp(int fd, const char *path, char *tmp, size_t tmpsz)
{
    char proc[64];
    snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
    uint64_t seed = (uint64_t)getpid() << 32 ^ (uint64_t)time(NULL) ^ (uint64_t)(uintptr_t)tmp;
    static const char abc[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    for (int attempt = 0; attempt < 100; attempt++) {
        char suffix[7];
        for (int i = 0; i < 6; i++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u; /* Knuth's LCG */
            suffix[i] = abc[(seed >> 33) % 62];
        }
        suffix[6] = 0;
        snprintf(tmp, tmpsz, "%s.ftlc-%s", path, suffix);
        if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0) return 0;
        if (errno != EEXIST) return -1;
    }
    return -1;
}

/* Linux: the contents go to an unnamed file (O_TMPFILE) that is linked in
 * under a temporary name only once complete and flushed, then renamed over
 * path. A run killed while it writes leaves nothing behind. Returns 1 when the
 * file system or /proc does not allow this (nothing has been done then). */
static int write_unnamed(const char *path, const char *data, size_t len, mode_t mode, char *err,
                         size_t errsz)
{
    char *dir = dir_of(path);
    int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    free(dir);
    if (fd < 0) return 1;
    size_t tmpsz = strlen(path) + 16;
    char *tmp = ftl_xmalloc(tmpsz);
    int rc = fill(fd, data, len, mode), saved = errno, named = 0;
    if (rc == 0) {
        if (link_tmp(fd, path, tmp, tmpsz) == 0) named = 1;
        else rc = 1; /* no /proc: write again the portable way */
    }
    if (close(fd) != 0 && rc == 0) rc = -1, saved = errno;
    if (rc == 0 && rename(tmp, path) != 0) rc = -1, saved = errno;
    if (rc != 0 && named) unlink(tmp);
    if (rc < 0) snprintf(err, errsz, "cannot write '%s': %s", path, strerror(saved));
    free(tmp);
    return rc;
}
#endif

static int write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz)
{
    mode_t mode = target_mode(path);
#ifdef O_TMPFILE
    int rc = write_unnamed(path, data, len, mode, err, errsz);
    if (rc <= 0) return rc;
#endif
    return write_named(path, data, len, mode, err, errsz);
}

int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz)
{
    /* Write through a symbolic link, as editors and formatters do: the link
     * stays, its target gets the new contents. */
    char *real = realpath(path, NULL);
    if (!real && errno == ENOMEM) ftl_oom(); /* else the link would be replaced */
    if (real) path = real;
    int rc = write_atomic(path, data, len, err, errsz);
    free(real);
    return rc;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

int ftl_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    /* Depth first, so directories are empty when their turn comes. */
    return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
