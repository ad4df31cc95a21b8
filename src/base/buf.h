/* buf.h - a growable byte buffer for building output text. */
#ifndef FTLC_BUF_H
#define FTLC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct FtlBuf {
    char *data; /* always NUL-terminated when len > 0 or after ftl_buf_cstr */
    size_t len;
    size_t cap;
} FtlBuf;

void ftl_buf_init(FtlBuf *b);
void ftl_buf_free(FtlBuf *b);
void ftl_buf_reserve(FtlBuf *b, size_t extra);
void ftl_buf_put(FtlBuf *b, const char *s, size_t n);
void ftl_buf_puts(FtlBuf *b, const char *s);
void ftl_buf_putc(FtlBuf *b, char c);
void ftl_buf_spaces(FtlBuf *b, size_t n);
void ftl_buf_printf(FtlBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ftl_buf_vprintf(FtlBuf *b, const char *fmt, va_list ap);
/* A malloc'd string formatted as vprintf would print it. */
char *ftl_vformat(const char *fmt, va_list ap);
/* Returns the contents as a C string (never NULL). */
const char *ftl_buf_cstr(FtlBuf *b);

#endif
