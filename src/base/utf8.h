/* utf8.h - UTF-8, once for every stage: decoding and validating (sources,
 * diagnostics, the lexer, the codecs, TOML) and encoding (string escapes of
 * schema text, the text format and TOML). RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF. */
#ifndef FTLC_UTF8_H
#define FTLC_UTF8_H

#include "base/buf.h"
#include <stddef.h>
#include <stdint.h>

/* The length of the valid sequence at p (at most n bytes, n > 0), 0 when it is
 * not valid (overlong, surrogate, above U+10FFFF, truncated); decode also
 * gives its code point. */
int ftl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
int ftl_utf8_len(const unsigned char *p, size_t n);

/* The offset of the first byte of s (n bytes) that does not start a valid
 * sequence; n when all of s is valid UTF-8. */
size_t ftl_utf8_check(const char *s, size_t n);

/* Writes code point cp (at most U+10FFFF, no surrogate) to out; returns the
 * number of bytes, 1 to 4. */
int ftl_utf8_put(unsigned char out[4], uint32_t cp);
/* Appends code point cp to out. */
void ftl_utf8_encode(FtlBuf *out, uint32_t cp);

#endif
