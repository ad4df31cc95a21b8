/* fileio.c - whole-file reads and atomic writes. */
#define _XOPEN_SOURCE 700
#include "ftlc/fileio.h"
#include "ftlc/arena.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int read_fd(int fd, char **data, size_t *len)
{
    size_t cap = 64 * 1024, n = 0;
    char *buf = ftl_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            cap *= 2;
            buf = ftl_xrealloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            free(buf);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int ftl_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz)
{
    if (strcmp(path, "-") == 0) {
        if (read_fd(0, data, len) != 0) {
            snprintf(err, errsz, "cannot read standard input: %s", strerror(errno));
            return -1;
        }
        return 0;
    }
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        snprintf(err, errsz, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "cannot read '%s': it is a directory", path);
        close(fd);
        return -1;
    }
    int rc = read_fd(fd, data, len);
    int saved = errno;
    close(fd);
    if (rc != 0) {
        snprintf(err, errsz, "cannot read '%s': %s", path, strerror(saved));
        return -1;
    }
    return 0;
}

static int write_atomic(const char *path, const char *data, size_t len, char *err,
                        size_t errsz);

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

int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz)
{
    /* Write through a symbolic link, as editors and formatters do: the link
     * stays, its target gets the new contents. */
    char *real = realpath(path, NULL);
    if (real) path = real;
    int rc = write_atomic(path, data, len, err, errsz);
    free(real);
    return rc;
}

static int write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz)
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
    struct stat st;
    mode_t mode = 0644;
    if (stat(path, &st) == 0) mode = st.st_mode & 07777;
    int rc = write_all(fd, data, len);
    if (rc == 0) rc = fchmod(fd, mode);
    if (rc == 0) rc = fsync(fd);
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
