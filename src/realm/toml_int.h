/* toml_int.h - what the TOML reader (toml_read.c) and editor (toml_edit.c)
 * share: the document's layout and key paths. Nothing else includes it. */
#ifndef FTLC_TOML_INT_H
#define FTLC_TOML_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "realm/toml.h"

#include <stdarg.h>

struct FtlTomlDoc {
    FtlArena arena;
    char *text; /* NUL-terminated copy */
    size_t len;
    FtlTomlTable *root;
    FtlTomlTable **headers; /* HEADER and ARRAY_ELEM tables in document order */
    size_t nheaders, capheaders;
    const char *nl; /* "\n" or "\r\n": the line ending of the first line */
};

typedef struct KeySeg {
    const char *s; /* decoded, in the arena */
    size_t len;
    FtlTomlSpan span;
} KeySeg;

typedef struct Key {
    KeySeg *segs;
    size_t n, cap;
} Key;

/* Fills err (when not NULL) with the message and the position of off in s
 * (len bytes); s NULL gives no position. */
void ftl_toml_error_at(FtlTomlError *err, const char *s, size_t len, size_t off, const char *fmt,
                       va_list ap);
/* The dotted form of segments [0, n) of k, for messages (at most ~80 bytes). */
void ftl_toml_show_key(char *out, size_t cap, const Key *k, size_t n);
/* True when n bytes of s are valid UTF-8 without control characters other than
 * tab, LF and CR (what TOML allows in a file). */
int ftl_toml_valid_utf8(const char *s, size_t n);
/* The entry of t whose key is len bytes of key, or NULL. */
FtlTomlEntry *ftl_toml_find_entry(const FtlTomlTable *t, const char *key, size_t len);
/* Parses path (TOML dotted-key syntax) into *k, its strings in arena a; NULL and
 * "" give no segments. Returns -1 when path is not a key. */
int ftl_toml_parse_path(FtlArena *a, const char *path, Key *k);
/* The value at segments k[0..n) from t, or NULL. */
FtlTomlValue *ftl_toml_walk(const FtlTomlTable *t, const Key *k, size_t n);
/* Appends a TOML basic string (quoted, escaped) or a key (bare when it can be). */
void ftl_toml_put_quoted(FtlBuf *b, const char *s, size_t n);
void ftl_toml_put_key(FtlBuf *b, const char *s, size_t n);

#endif
