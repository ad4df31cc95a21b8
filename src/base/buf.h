/* buf.h - the one growable byte buffer, for building output text.
 *
 * A buffer runs out of memory one of two ways: by default ftl_oom() unwinds to
 * the API call (fault.h); a soft buffer (ftl_buf_init_soft) instead records
 * that it failed, writes nothing more, and gives NULL from ftl_buf_finish -
 * for the protobuf codecs, whose functions report running out of memory to
 * their callers (textproto.h, protojson.h). */
#ifndef FTLC_BUF_H
#define FTLC_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct FtlBuf {
    char *data; /* always NUL-terminated when len > 0 or after ftl_buf_cstr */
    size_t len;
    size_t cap;   /* what may be written without ftl_buf_grow (len < cap) */
    size_t alloc; /* the allocation's size: cap, or more for a large buffer (buf.c) */
    int soft;     /* a failed growth sets failed rather than unwinding */
    int failed;   /* soft: it could not grow; nothing more is written */
} FtlBuf;

void ftl_buf_init(FtlBuf *b);
void ftl_buf_init_soft(FtlBuf *b);
void ftl_buf_free(FtlBuf *b);
void ftl_buf_reserve(FtlBuf *b, size_t extra);
/* Grows b for extra more bytes and a NUL (out of line: see ftl_buf_room). */
int ftl_buf_grow(FtlBuf *b, size_t extra);
/* Room for extra more bytes and a NUL at data + len: 0, or -1 when a soft
 * buffer failed. Inline: the writers call it for every field. */
static inline int ftl_buf_room(FtlBuf *b, size_t extra)
{
    if (!b->failed && extra < b->cap - b->len) return 0;
    return ftl_buf_grow(b, extra);
}
void ftl_buf_put(FtlBuf *b, const void *s, size_t n);
void ftl_buf_puts(FtlBuf *b, const char *s);
void ftl_buf_putc(FtlBuf *b, char c);
void ftl_buf_spaces(FtlBuf *b, size_t n);
void ftl_buf_printf(FtlBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ftl_buf_vprintf(FtlBuf *b, const char *fmt, va_list ap);
/* A malloc'd string formatted as vprintf would print it. */
char *ftl_vformat(const char *fmt, va_list ap);
/* Returns the contents as a C string (never NULL). */
const char *ftl_buf_cstr(FtlBuf *b);
/* Hands the NUL-terminated contents (length in *len, when not NULL) to the
 * caller, leaving b empty; NULL (and b freed) when a soft buffer failed. */
char *ftl_buf_finish(FtlBuf *b, size_t *len);

#endif
