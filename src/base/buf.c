/* buf.c - growable byte buffer. */
#include "base/buf.h"
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

void ftl_buf_init(FtlBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void ftl_buf_free(FtlBuf *b)
{
    free(b->data);
    ftl_buf_init(b);
}

void ftl_buf_reserve(FtlBuf *b, size_t extra)
{
    if (extra >= SIZE_MAX - b->len - 1) ftl_oom();
    size_t need = b->len + extra + 1;
    if (need <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < need) {
        if (cap > SIZE_MAX / 2) ftl_oom();
        cap *= 2;
    }
    b->data = ftl_xrealloc(b->data, cap);
    b->cap = cap;
}

void ftl_buf_put(FtlBuf *b, const char *s, size_t n)
{
    ftl_buf_reserve(b, n);
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
    ftl_buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void ftl_buf_spaces(FtlBuf *b, size_t n)
{
    ftl_buf_reserve(b, n);
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
    if (n < 0) return;
    ftl_buf_reserve(b, (size_t)n);
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
    ftl_buf_reserve(b, 0);
    b->data[b->len] = '\0';
    return b->data;
}
