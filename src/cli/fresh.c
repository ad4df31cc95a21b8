/* fresh.c - export --check compared as the output streams (fresh.h). */
#define _POSIX_C_SOURCE 200809L
#include "fresh.h"
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What is read of the committed file at a time. */
#define BLOCK (64u * 1024)

void cli_fresh_start(CliFresh *c, const char *path, int compare)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    /* O_NONBLOCK: a FIFO must not wait for a writer here; it is left to
     * ftl_cli_check_fresh, as anything but a regular file is. */
    c->fd = compare ? open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) : -1;
    struct stat st;
    if (c->fd >= 0 &&
        (fstat(c->fd, &st) != 0 || !S_ISREG(st.st_mode) || !(c->block = malloc(BLOCK)))) {
        close(c->fd);
        c->fd = -1;
    }
    c->differs = c->fd < 0;
}

/* Appends to the held output; -1 when memory ran out. */
static int hold(CliFresh *c, const char *p, size_t n)
{
    if (n > c->cap - c->len) {
        size_t cap = c->cap ? c->cap : BLOCK;
        while (n > cap - c->len)
            cap *= 2;
        char *more = realloc(c->text, cap);
        if (!more) return c->failed = ENOMEM, -1;
        c->text = more;
        c->cap = cap;
    }
    memcpy(c->text + c->len, p, n);
    c->len += n;
    return 0;
}

/* The output differs from the committed file after c->matched bytes: from
 * now on it is held whole, starting with those bytes, read back. */
static int diverge(CliFresh *c)
{
    c->differs = 1;
    free(c->block);
    c->block = NULL;
    int rc = 0;
    char chunk[4096];
    for (size_t at = 0; rc == 0 && at < c->matched;) {
        size_t want = c->matched - at < sizeof chunk ? c->matched - at : sizeof chunk;
        ssize_t r = pread(c->fd, chunk, want, (off_t)at);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            c->failed = r < 0 ? errno : EIO; /* it shrank while read */
            rc = -1;
        } else {
            rc = hold(c, chunk, (size_t)r);
            at += (size_t)r;
        }
    }
    close(c->fd);
    c->fd = -1;
    return rc;
}

/* Reads the next block of the committed file: its size, 0 at its end, -1. */
static ssize_t refill(CliFresh *c)
{
    ssize_t r;
    do
        r = read(c->fd, c->block, BLOCK);
    while (r < 0 && errno == EINTR);
    if (r < 0) c->failed = errno;
    c->pos = 0;
    c->have = r > 0 ? (size_t)r : 0;
    return r;
}

int cli_fresh_write(void *ctx, const void *data, size_t len)
{
    CliFresh *c = ctx;
    const char *p = data;
    if (c->failed) return -1;
    while (len && !c->differs) {
        if (c->pos == c->have && refill(c) <= 0) {
            if (c->failed) return -1;
            break; /* the committed file ends first */
        }
        size_t n = c->have - c->pos < len ? c->have - c->pos : len;
        if (memcmp(c->block + c->pos, p, n) != 0) break;
        c->pos += n;
        c->matched += n;
        p += n;
        len -= n;
    }
    if (len && !c->differs && diverge(c) != 0) return -1;
    return len ? hold(c, p, len) : 0;
}

int cli_fresh_finish(CliFresh *c, const char *cmd, FtlFormat f, int argc, char **argv)
{
    /* Every byte matched: the same only if the committed file ends here too. */
    if (!c->differs && c->pos == c->have && refill(c) == 0) {
        printf("%s is up to date\n", c->path);
        return FTL_EXIT_OK;
    }
    if (!c->differs && !c->failed) diverge(c); /* sets failed when it fails */
    if (c->failed == ENOMEM) return ftl_cli_nomem();
    if (c->failed) {
        fprintf(stderr, "ftlc %s: error: cannot read '%s': %s\n", cmd, c->path,
                strerror(c->failed));
        return FTL_EXIT_USAGE;
    }
    return ftl_cli_check_fresh(cmd, c->path, c->text, c->len, f, argc, argv);
}

void cli_fresh_free(CliFresh *c)
{
    if (c->fd >= 0) close(c->fd);
    free(c->block);
    free(c->text);
    memset(c, 0, sizeof *c);
    c->fd = -1;
}
