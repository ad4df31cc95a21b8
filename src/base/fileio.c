/* fileio.c - whole-file reads, and writes inside a directory (atomic.c does them). */
#define _GNU_SOURCE /* O_PATH */
#include "base/fileio.h"
#include "base/arena.h"
#include "base/source.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The limit in words: FTL_MAX_INPUT is what 32-bit offsets allow. */
static void describe_limit(char *out, size_t outsz, size_t max)
{
    if (max == FTL_MAX_INPUT)
        snprintf(out, outsz, "4 GiB");
    else
        snprintf(out, outsz, "%zu bytes", max);
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
    if (e == EFBIG)
        snprintf(err, errsz, "%s%s%s is too large (the limit is %s)", q, name, q, lim);
    else
        snprintf(err, errsz, "cannot read %s%s%s: %s", q, name, q, strerror(e));
}

/* Opens a file to read: fd 0 for "-". *size: its size if it is a regular
 * file, else 0 (unknown). -1 with a message in err on failure. */
static int open_input(const char *path, size_t max, size_t *size, char *err, size_t errsz)
{
    *size = 0;
    if (strcmp(path, "-") == 0) return 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno; /* ENOENT tells the caller there is no such file */
        snprintf(err, errsz, "cannot open '%s': %s", path, strerror(e));
        errno = e;
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

/* Reads the input open at fd (size: as open_input found it) and closes it. */
static int read_input(const char *path, int fd, size_t size, size_t max, char **data, size_t *len,
                      char *err, size_t errsz)
{
    int rc = read_fd(fd, size, max, data, len), e = errno;
    if (fd != 0) close(fd);
    if (rc != 0 && e == ENOMEM) ftl_oom();
    if (rc != 0) read_error(path, e, max, err, errsz);
    errno = e; /* EFBIG tells the caller the input was too large */
    return rc;
}

int ftl_read_file_max(const char *path, size_t max, char **data, size_t *len, char *err,
                      size_t errsz)
{
    size_t size;
    int fd = open_input(path, max, &size, err, errsz);
    if (fd < 0) return -1;
    return read_input(path, fd, size, max, data, len, err, errsz);
}

int ftl_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz)
{
    return ftl_read_file_max(path, FTL_MAX_INPUT, data, len, err, errsz);
}

/* Maps len bytes of fd followed by at least one zero byte: zero pages are
 * mapped first and the file over their start, so that a file whose length is
 * a multiple of the page size still ends in a NUL (the bytes after the end of
 * a file in its last page read as zero, mmap(2)). The pages are read at once
 * (MAP_POPULATE) rather than one page fault at a time, read-only: populating
 * a writable private mapping copies every page (it faults them in for write,
 * mm/gup.c populate_vma_page_range), which cost a copy of the whole input.
 * -1 when the file cannot be mapped (it is then read). */
static int map_fd(int fd, size_t len, FtlInput *in)
{
    long page = sysconf(_SC_PAGESIZE);
    if (page <= 0 || len > SIZE_MAX - (size_t)page) return -1;
    size_t map = (len / (size_t)page + 1) * (size_t)page;
    char *p = mmap(NULL, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return -1;
    int flags = MAP_PRIVATE | MAP_FIXED;
#ifdef MAP_POPULATE
    flags |= MAP_POPULATE;
#endif
    if (mmap(p, len, PROT_READ, flags, fd, 0) == MAP_FAILED) {
        munmap(p, map);
        return -1;
    }
    in->data = p;
    in->len = len;
    in->map = map;
    return 0;
}

int ftl_input_read(const char *path, int map, FtlInput *in, char *err, size_t errsz)
{
    size_t size;
    memset(in, 0, sizeof *in);
    int fd = open_input(path, FTL_MAX_INPUT, &size, err, errsz);
    if (fd < 0) return -1;
    if (map && fd != 0 && size >= FTL_MAP_MIN && map_fd(fd, size, in) == 0) {
        close(fd); /* the mapping stays (mmap(2)) */
        return 0;
    }
    return read_input(path, fd, size, FTL_MAX_INPUT, &in->data, &in->len, err, errsz);
}

void ftl_input_free(FtlInput *in)
{
    if (in->map)
        munmap(in->data, in->map);
    else
        free(in->data);
    memset(in, 0, sizeof *in);
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

#ifndef O_PATH
#define O_PATH O_RDONLY
#endif

/* ---- inside a directory, never through a link ----------------------------------- */

/* "PREFIX/REL" for messages (just REL when prefix is NULL, "" or "."). */
static void show_at(char *out, size_t cap, const char *prefix, const char *rel, size_t n)
{
    if (!prefix || !*prefix || strcmp(prefix, ".") == 0)
        snprintf(out, cap, "%.*s", (int)n, rel);
    else
        snprintf(out, cap, "%s/%.*s", prefix, (int)n, rel);
}

/* Why a directory on the way could not be opened, in words. */
static void dir_error(char *err, size_t errsz, const char *where, const char *rel, size_t n, int e)
{
    char shown[1024];
    show_at(shown, sizeof shown, where, rel, n);
    if (e == ELOOP || e == ENOTDIR)
        snprintf(err, errsz,
                 "'%s' is a symbolic link or not a directory; ftlc does not follow links "
                 "in the project's cache",
                 shown);
    else
        snprintf(err, errsz, "cannot open '%s': %s", shown, strerror(e));
}

int ftl_dir_open_at(int dir, const char *where, const char *rel, int create,
                    void (*made)(void *ctx, const char *rel, size_t n), void *ctx, char *err,
                    size_t errsz)
{
    int fd = openat(dir, ".", O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        dir_error(err, errsz, where, ".", 1, errno);
        return -1;
    }
    for (const char *seg = rel; *seg;) {
        size_t n = strcspn(seg, "/");
        char name[256];
        if (n == 0 || (n == 1 && seg[0] == '.')) {
            seg += n + (seg[n] == '/');
            continue;
        }
        snprintf(name, sizeof name, "%.*s", (int)(n < 255 ? n : 255), seg);
        int next = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (next < 0 && errno == ENOENT && create) {
            if (mkdirat(fd, name, 0777) == 0 && made) made(ctx, rel, (size_t)(seg - rel) + n);
            next = openat(fd, name, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
        if (next < 0) {
            int e = errno;
            close(fd);
            dir_error(err, errsz, where, rel, (size_t)(seg - rel) + n, e);
            errno = e;
            return -1;
        }
        close(fd);
        fd = next;
        seg += n + (seg[n] == '/');
    }
    return fd;
}

/* The directory part of rel opened under dir (as ftl_dir_open_at) and, in
 * *name, its last part. */
static int parent_at(int dir, const char *where, const char *rel, int create,
                     void (*made)(void *ctx, const char *rel, size_t n), void *ctx,
                     const char **name, char *err, size_t errsz)
{
    const char *slash = strrchr(rel, '/');
    *name = slash ? slash + 1 : rel;
    char parent[PATH_MAX]; /* not allocated: nothing is while a descriptor is open */
    size_t n = slash ? (size_t)(slash - rel) : 0;
    if (n >= sizeof parent) {
        dir_error(err, errsz, where, rel, n, ENAMETOOLONG);
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(parent, rel, n);
    parent[n] = '\0';
    return ftl_dir_open_at(dir, where, parent, create, made, ctx, err, errsz);
}

int ftl_read_at(int dir, const char *where, const char *rel, size_t max, char **data, size_t *len,
                char *err, size_t errsz)
{
    const char *name;
    char shown[1024];
    show_at(shown, sizeof shown, where, rel, strlen(rel));
    int pd = parent_at(dir, where, rel, 0, NULL, NULL, &name, err, errsz);
    if (pd < 0) return errno == ENOENT ? 1 : -1;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
    int fd = openat(pd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    int e = errno;
    close(pd);
    if (fd < 0 && e == ENOENT) return 1;
    struct stat st;
    const char *why = NULL;
    int refused = 0;
    if (fd < 0 && e == ELOOP) {
        why = "it is a symbolic link";
    } else if (fd < 0) {
        snprintf(err, errsz, "cannot open '%s': %s", shown, strerror(e));
    } else if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        why = "it is not a regular file";
    } else if ((unsigned long long)st.st_size > max) {
        read_error(shown, EFBIG, max, err, errsz);
        refused = 1;
    } else if (read_fd(fd, (size_t)st.st_size, max, data, len) != 0) {
        e = errno;
        if (e == ENOMEM) close(fd), ftl_oom();
        read_error(shown, e, max, err, errsz);
        refused = e == EFBIG; /* it grew while read */
    } else {
        close(fd);
        return 0;
    }
    if (fd >= 0) close(fd);
    if (why) snprintf(err, errsz, "'%s' is not read: %s", shown, why), refused = 1;
    return refused ? 2 : -1;
}

int ftl_write_at(int dir, const char *where, const char *rel, const char *data, size_t len,
                 void (*made)(void *ctx, const char *rel, size_t n), void *ctx, char *err,
                 size_t errsz)
{
    const char *name;
    char shown[1024];
    show_at(shown, sizeof shown, where, rel, strlen(rel));
    int pd = parent_at(dir, where, rel, 1, made, ctx, &name, err, errsz);
    if (pd < 0) return -1;
    FtlAtomicFile a;
    int rc = ftl_atomic_open_at(&a, pd, name, shown, err, errsz);
    if (rc == 0) {
        ftl_atomic_write(&a, data, len);
        rc = ftl_atomic_commit(&a, err, errsz);
    }
    close(pd);
    return rc;
}

int ftl_unlink_at(int dir, const char *where, const char *rel, char *err, size_t errsz)
{
    const char *name;
    int pd = parent_at(dir, where, rel, 0, NULL, NULL, &name, err, errsz);
    if (pd < 0) return errno == ENOENT ? 1 : -1;
    struct stat st;
    int rc = 1;
    if (fstatat(pd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode)) {
        rc = unlinkat(pd, name, 0) == 0 ? 0 : -1;
        if (rc != 0) {
            char shown[1024];
            show_at(shown, sizeof shown, where, rel, strlen(rel));
            snprintf(err, errsz, "cannot remove '%s': %s", shown, strerror(errno));
        }
    }
    close(pd);
    return rc;
}

/* ---- outputs that are inputs ------------------------------------------------------ */

const char *ftl_same_file(const char *path, const char *const *inputs, size_t n)
{
    struct stat out, in;
    if (strcmp(path, "-") == 0 || stat(path, &out) != 0) return NULL;
    for (size_t i = 0; i < n; i++) {
        const char *name = inputs[i];
        int std = strcmp(name, "-") == 0 || strcmp(name, "<stdin>") == 0;
        if (std ? fstat(0, &in) != 0 : stat(name, &in) != 0) continue;
        /* Two terminals or two ends of /dev/null are not one file to protect. */
        if (!S_ISREG(in.st_mode)) continue;
        if (in.st_dev == out.st_dev && in.st_ino == out.st_ino) return name;
    }
    return NULL;
}

int ftl_output_refused(const char *path, const char *const *inputs, size_t n, char *err,
                       size_t errsz)
{
    const char *in = ftl_same_file(path, inputs, n);
    if (!in) return 0;
    int std = strcmp(in, "-") == 0 || strcmp(in, "<stdin>") == 0;
    snprintf(err, errsz, "refusing to write '%s': it is the same file as the input %s%s%s", path,
             std ? "" : "'", std ? "standard input" : in, std ? "" : "'");
    return 1;
}

int ftl_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                     size_t n, char *err, size_t errsz)
{
    if (ftl_output_refused(path, inputs, n, err, errsz)) return -1;
    return ftl_write_atomic(path, data, len, err, errsz);
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
