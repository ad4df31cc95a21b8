/* toml.h - a TOML 1.0 reader that remembers where everything is (the editor
 * that rewrites a file in place builds on it: toml_edit.h).
 *
 * Reading: ftl_toml_parse() checks the whole of TOML 1.0 (comments, [table] and
 * [[array-of-tables]] headers, dotted and quoted keys, the four kinds of strings,
 * integers, floats, booleans, dates and times, arrays, inline tables, and the rules
 * about defining a table or a key twice) and builds a tree of tables. Dates and
 * times are checked for their form and kept as the text written. Every table,
 * key and value keeps its byte span in the source, and every key/value line the
 * span of the whole line, so that the editor can change exactly those bytes.
 *
 * Differences from a strict reading of the spec, all documented here:
 *   - multi-line strings have CRLF normalised to LF in their decoded value;
 *   - a UTF-8 byte order mark at the very start of the file is skipped;
 *   - arrays and inline tables may nest at most FTL_TOML_MAX_DEPTH deep;
 *   - integers must fit in 64 bits and floats in a double (both errors otherwise,
 *     as the spec allows).
 *
 * Errors carry a 1-based line and a 1-based column counted in bytes (a tab is one
 * column) at the offending character, and a one-line message. When the error is a
 * second definition, the message names the position of the first ("duplicate key
 * \"name\" (first defined at 3:1)").
 *
 * Paths: wherever a function takes a table or key path, it is written in TOML's
 * own dotted-key syntax ("realms.egress.bank", or realms.egress."a.b" for a key
 * holding a dot); NULL or "" is the root table. ftl_toml_path() builds one from
 * raw segments. A `key` argument (the last, single segment) is taken raw.
 *
 * Editing in place, byte for byte: realm/toml_edit.h.
 */
#ifndef FTLC_TOML_H
#define FTLC_TOML_H

#include <stddef.h>
#include <stdint.h>

/* Deepest nesting of arrays and inline tables the reader accepts. */
#define FTL_TOML_MAX_DEPTH 128

typedef struct FtlTomlError {
    int line;          /* 1-based; 0 when the error has no position */
    int column;        /* 1-based, in bytes */
    size_t offset;     /* byte offset of the position */
    char message[256]; /* one line, no trailing newline */
} FtlTomlError;

/* A half-open byte range [start, end) of the source text. */
typedef struct FtlTomlSpan {
    size_t start, end;
} FtlTomlSpan;

typedef enum FtlTomlType {
    FTL_TOML_STRING,
    FTL_TOML_INTEGER,
    FTL_TOML_FLOAT,
    FTL_TOML_BOOL,
    FTL_TOML_DATETIME, /* offset date-time, local date-time, local date or local time */
    FTL_TOML_ARRAY,
    FTL_TOML_TABLE
} FtlTomlType;

/* How a table came to be. */
typedef enum FtlTomlTableKind {
    FTL_TOML_ROOT,
    FTL_TOML_IMPLICIT,   /* only named on the way to another table: [a.b] makes a */
    FTL_TOML_HEADER,     /* [a.b] */
    FTL_TOML_ARRAY_ELEM, /* one [[a.b]] */
    FTL_TOML_DOTTED,     /* made by a dotted key: a.b = 1 makes a */
    FTL_TOML_INLINE      /* { ... } */
} FtlTomlTableKind;

typedef struct FtlTomlValue FtlTomlValue;
typedef struct FtlTomlEntry FtlTomlEntry;
typedef struct FtlTomlTable FtlTomlTable;
typedef struct FtlTomlDoc FtlTomlDoc;

/* Everything below is owned by the document and read-only for callers. */
struct FtlTomlValue {
    FtlTomlType type;
    FtlTomlSpan span;     /* the value as written; for a header table the `[a.b]` text,
                             for an implicit or dotted table the key that made it */
    const char *str;      /* STRING: decoded, NUL-terminated (may hold NULs: see len);
                             DATETIME: the text as written */
    size_t len;           /* STRING, DATETIME: bytes in str */
    int64_t integer;      /* INTEGER */
    double number;        /* FLOAT */
    int boolean;          /* BOOL: 0 or 1 */
    FtlTomlValue **items; /* ARRAY: count elements */
    size_t count;
    int array_of_tables; /* ARRAY: made by [[...]] headers (items are tables) */
    FtlTomlTable *table; /* TABLE */
};

struct FtlTomlEntry {
    const char *key; /* decoded, NUL-terminated */
    size_t key_len;
    FtlTomlSpan key_span; /* this key segment as written where it was first defined */
    int has_line;         /* set when a key/value line of a table section defines it */
    FtlTomlSpan line;     /* that line: indentation through the newline (or the end of
                             the file), trailing comment and multi-line value included */
    FtlTomlValue *value;
    FtlTomlEntry *next; /* document order */
};

struct FtlTomlTable {
    FtlTomlTableKind kind;
    FtlTomlEntry *first, *last; /* entries in document order */
    size_t count;
    FtlTomlTable *parent;  /* the table holding this one (NULL for the root and for
                              inline tables in arrays) */
    FtlTomlSpan header;    /* HEADER, ARRAY_ELEM: the header line, indentation through
                              the newline; empty otherwise */
    FtlTomlSpan body;      /* ROOT, HEADER, ARRAY_ELEM: from the end of the header line
                              (the start of the file for the root) to the end of the
                              section's last key/value line (empty when there is none);
                              empty otherwise */
    FtlTomlSpan last_line; /* the section's last key/value line, if body is not empty */
    int section;           /* internal: which section or inline table defined it */
    FtlTomlEntry **slots;  /* internal: the entries by key, once there are many */
    size_t nslots;
    uint64_t seed; /* of the index's hash (ftl_hash_seed) */
};

/* Parses len bytes of text (NUL bytes are errors, not terminators). Returns the
 * document, to be freed with ftl_toml_free(), or NULL with *err filled in. The
 * document keeps its own copy of the text. */
FtlTomlDoc *ftl_toml_parse(const char *text, size_t len, FtlTomlError *err);
void ftl_toml_free(FtlTomlDoc *doc);

const FtlTomlTable *ftl_toml_root(const FtlTomlDoc *doc);
/* The document's copy of the source text (NUL-terminated), its length in *len. */
const char *ftl_toml_text(const FtlTomlDoc *doc, size_t *len);
/* The 1-based line and byte column of a byte offset of the text. */
void ftl_toml_position(const FtlTomlDoc *doc, size_t offset, int *line, int *column);

/* Lookup. path is a dotted key (see above); NULL when anything on the way is
 * missing, not a table, an array of tables, or when path is not a valid key. */
const FtlTomlValue *ftl_toml_get(const FtlTomlTable *t, const char *path);
/* The entry whose key is exactly key (one raw segment), or NULL. */
const FtlTomlEntry *ftl_toml_entry(const FtlTomlTable *t, const char *key);
/* The table at path from the root (the root itself for NULL or ""), or NULL. */
const FtlTomlTable *ftl_toml_table(const FtlTomlDoc *doc, const char *path);

/* Accessors: NULL / -1 when v is NULL or of another type. */
const FtlTomlTable *ftl_toml_as_table(const FtlTomlValue *v);
const char *ftl_toml_as_string(const FtlTomlValue *v, size_t *len);
int ftl_toml_as_int(const FtlTomlValue *v, int64_t *out);
int ftl_toml_as_float(const FtlTomlValue *v, double *out);
int ftl_toml_as_bool(const FtlTomlValue *v, int *out);
/* Array elements: 0 / NULL for a non-array or an index out of range. */
size_t ftl_toml_array_len(const FtlTomlValue *v);
const FtlTomlValue *ftl_toml_array_at(const FtlTomlValue *v, size_t i);

/* Name of a type, for messages: "string", "integer", ..., "table". */
const char *ftl_toml_type_name(FtlTomlType t);

/* A malloc'd dotted path of n raw segments, each bare when it can be, else a quoted
 * basic string: {"realms", "a.b"} gives realms."a.b". */
char *ftl_toml_path(const char *const *segs, size_t n);
/* A malloc'd TOML basic string (with quotes) for len bytes of s, escaping ", \ and
 * control characters. */
char *ftl_toml_quote(const char *s, size_t len);

#endif
