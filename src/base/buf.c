/* buf.c - the growable byte buffer (buf.h). */
#include "base/buf.h"
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void ftl_buf_init(FtlBuf *b)
{
    memset(b, 0, sizeof *b);
}

void ftl_buf_init_soft(FtlBuf *b)
{
    ftl_buf_init(b);
    b->soft = 1;
}

void ftl_buf_free(FtlBuf *b)
{
    int soft = b->soft;
    free(b->data);
    ftl_buf_init(b);
    b->soft = soft;
}

/* Out of room: a soft buffer says so, any other unwinds. */
static int buf_fail(FtlBuf *b)
{
    if (!b->soft) ftl_oom();
    b->failed = 1;
    return -1;
}

/* A large buffer (FTL_POPULATE_STEP bytes or more allocated) is handed out
 * FTL_POPULATE_STEP bytes at a time, as the arena's blocks are: cap is the end
 * of the part handed out, alloc the allocation's size, and each part's pages
 * are made present at once (ftl_pages_populate). fmt's output of a 20 MB
 * schema took 5,300 page faults. Only a part ahead of use is populated, so
 * peak memory stays what is written. */

/* Hands out the allocation up to need bytes, and a part more; returns 0. */
static int buf_hand_out(FtlBuf *b, size_t need)
{
    size_t end = need > b->cap + FTL_POPULATE_STEP ? need : b->cap + FTL_POPULATE_STEP;
    if (end > b->alloc) end = b->alloc;
    (void)ftl_pages_populate(b->data + b->cap, b->data + end); /* else they fault */
    b->cap = end;
    return 0;
}

int ftl_buf_grow(FtlBuf *b, size_t extra)
{
    if (b->failed) return -1;
    if (extra >= SIZE_MAX - b->len - 1) return buf_fail(b);
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return 0;
    if (need <= b->alloc) return buf_hand_out(b, need);
    size_t cap = b->alloc ? b->alloc : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) return buf_fail(b);
        cap *= 2;
    }
    char *p = realloc(b->data, cap);
    if (!p) return buf_fail(b);
    b->data = p;
    b->alloc = cap;
    if (cap >= FTL_POPULATE_STEP) return buf_hand_out(b, need);
    b->cap = cap;
    return 0;
}

void ftl_buf_reserve(FtlBuf *b, size_t extra)
{
    ftl_buf_room(b, extra);
}

void ftl_buf_put(FtlBuf *b, const void *s, size_t n)
{
    if (ftl_buf_room(b, n) < 0) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ftl_buf_puts(FtlBuf *b, const char *s)
{
    ftl_buf_put(b, s, strlen(s));
}

void ftl_buf_putc(FtlBuf *b, char c)
{
    if (ftl_buf_room(b, 1) < 0) return;
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void ftl_buf_spaces(FtlBuf *b, size_t n)
{
    if (ftl_buf_room(b, n) < 0) return;
    memset(b->data + b->len, ' ', n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ftl_buf_vprintf(FtlBuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || ftl_buf_room(b, (size_t)n) < 0) return;
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void ftl_buf_printf(FtlBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ftl_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

char *ftl_vformat(const char *fmt, va_list ap)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_vprintf(&b, fmt, ap);
    return (char *)ftl_buf_cstr(&b);
}

const char *ftl_buf_cstr(FtlBuf *b)
{
    if (ftl_buf_room(b, 0) < 0) return "";
    b->data[b->len] = '\0';
    return b->data;
}

char *ftl_buf_finish(FtlBuf *b, size_t *len)
{
    char *s = ftl_buf_room(b, 0) < 0 ? NULL : b->data;
    if (s) {
        s[b->len] = '\0';
        if (len) *len = b->len;
    } else {
        free(b->data);
    }
    int soft = b->soft;
    ftl_buf_init(b);
    b->soft = soft;
    return s;
}
