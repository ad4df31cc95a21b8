/* strlit.h - string literals in and out: Go-style decoding with upstream's
 * quirks (Strings in ftl-schema(5)), Go quoting for canonical output
 * (ftlc-emit(1)), comment trimming (Comments), integer literals (Integers) and
 * UTF-8 helpers. */
#ifndef FTLC_STRLIT_H
#define FTLC_STRLIT_H

#include "base/buf.h"
#include "base/utf8.h"
#include <stddef.h>
#include <stdint.h>

/* Decodes the body of a string literal (without the quotes) into out. On a bad
 * escape returns -1 and sets *err_off and *err_len to the offending bytes (relative
 * to s: the whole escape as far as it goes, e.g. all of "\x4") and *msg to a
 * static description. With out == NULL the escapes are only checked (fast: the
 * parser checks every literal as it is read, and decodes it only when building
 * the tree). */
int ftl_str_decode(const char *s, size_t n, FtlBuf *out, size_t *err_off, size_t *err_len,
                   const char **msg);

/* Appends s Go-quoted ("…" with Go's escapes) to out. */
void ftl_str_quote(FtlBuf *out, const char *s, size_t n);

/* Appends the NUL-terminated s as a JSON string (RFC 8259): '"' and '\\'
 * escaped, LF and TAB as \n and \t, other control characters as \u00XX, and
 * each byte of invalid UTF-8 as \ufffd, so that the output is valid JSON. */
void ftl_json_quote(FtlBuf *out, const char *s);

/* The value of a comment token ("//  text  " -> "text"): trims Unicode
 * whitespace after the first "//". Returns a pointer into s and sets *len. */
const char *ftl_comment_value(const char *s, size_t n, size_t *len);

/* Converts an integer literal as Go's ParseInt(s, 0, 64) would for a digit
 * string: a leading 0 means octal. Returns 0, or -1 with *msg set. */
int ftl_int_literal(const char *s, size_t n, int64_t *out, const char **msg);

/* True if s is a valid identifier that also lexes as one (not 64 characters,
 * which would be a SHA256 token). */
int ftl_is_plain_ident(const char *s, size_t n);

#endif
