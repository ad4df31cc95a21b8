/* source.h - input files and positions within them. */
#ifndef FTLC_SOURCE_H
#define FTLC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

/* A span is a half-open byte range [off, end) of one file; file is 0 for "no
 * position" (nodes made by the compiler). Spans are small because every token
 * and node has one; lines and columns are computed when they are needed. */
typedef struct FtlSpan {
    uint32_t file;
    uint32_t off, end;
} FtlSpan;

/* Lines are 1-based and advance on LF only; columns are 1-based and count
 * Unicode code points (a TAB or CR is one column), as upstream FTL does (its
 * lexer, participle, advances a position by utf8.RuneCountInString). */
typedef struct FtlPos {
    uint32_t line, col;
} FtlPos;

/* Inputs are limited to 4 GiB - 1 so that offsets fit in 32 bits. */
#define FTL_MAX_INPUT 0xFFFFFFFEu

typedef struct FtlSource {
    char *name; /* as given on the command line; "<stdin>" for standard input */
    char *data; /* contents followed by a NUL sentinel (data[len] == 0) */
    size_t len;
    int borrowed; /* data belongs to someone else (a session's file cache) */
    /* data is a private mapping of a file that nothing writes to (fileio.c's
     * map_fd): pages of it may be given back (ftl_source_release), and the
     * kernel maps them again from the file when they are read. */
    int mapped;
    /* Set by the parser when no comment of the text holds a NUL byte: E0603
     * (check/check_proto.c) then need not read the comments again. */
    int comments_nul_free;
    /* The line table, made by the first call that needs it (a line or column
     * of a diagnostic, a position in the output): ftl_source_lines. A file
     * that checks clean never needs one (a pass over the text and four bytes
     * a line). So a FtlSource, though read through const pointers, is no more
     * thread-safe than the session that owns it (include/ftlc.h). */
    uint32_t *lines; /* byte offset where each line starts; NULL until made */
    uint32_t nlines;
} FtlSource;

/* All files of one run; file ids index into it starting at 1. */
typedef struct FtlSources {
    FtlSource *files;
    uint32_t count, cap;
} FtlSources;

void ftl_sources_init(FtlSources *s);
void ftl_sources_free(FtlSources *s);
/* Adds a copy of the text; returns its file id. */
uint32_t ftl_sources_add(FtlSources *s, const char *name, const char *data, size_t len);
/* Takes ownership of data, a malloc'd buffer of len + 1 bytes; sets data[len] = 0. */
uint32_t ftl_sources_adopt(FtlSources *s, const char *name, char *data, size_t len);
/* Uses data (data[len] == 0) without copying it: it must outlive s. */
uint32_t ftl_sources_borrow(FtlSources *s, const char *name, const char *data, size_t len);
const FtlSource *ftl_sources_get(const FtlSources *s, uint32_t id);

/* Gives back the pages of a mapped source's text that lie wholly before
 * offset upto (nothing for a text that is not mapped): the parser does so
 * behind it, so that the input is not held twice, once in the file's pages
 * and once in the tree made of it. The text stays readable: a page read again
 * is mapped again from the page cache (madvise(2), MADV_DONTNEED on a private
 * file mapping). */
void ftl_source_release(const FtlSource *f, size_t upto);
/* ftl_source_release of every mapped text of s, whole. */
void ftl_sources_release(const FtlSources *s);

/* The line table of f (the byte offset where each line starts; *n lines, at
 * least 1), made on first use. */
const uint32_t *ftl_source_lines(const FtlSource *f, uint32_t *n);

/* The 0-based line of byte offset off (at most the file's length), by a
 * binary search of the line table: no scan of the text. */
uint32_t ftl_source_line(const FtlSource *f, uint32_t off);
/* Line and column of byte offset off (clamped to the file). */
FtlPos ftl_source_pos(const FtlSource *f, uint32_t off);
/* The line of byte offset off (clamped to the file) and its column counted in
 * three units, all 1-based: UTF-8 bytes, UTF-16 code units (what LSP clients
 * count) and code points (the column of ftl_source_pos). Each byte of an
 * invalid UTF-8 sequence counts as one unit of each. */
typedef struct FtlColumns {
    uint32_t line, bytes, utf16, chars;
} FtlColumns;
FtlColumns ftl_source_columns(const FtlSource *f, uint32_t off);

/* Units of ftl_source_offset's column. */
typedef enum FtlUnit { FTL_UNIT_BYTES, FTL_UNIT_UTF16, FTL_UNIT_CHARS } FtlUnit;
/* The byte offset of 1-based line and column (in unit): -1 when the line is
 * past the end of the file; a column past the end of its line gives the line's
 * end (before its LF). A column inside a character gives that character. */
int ftl_source_offset(const FtlSource *f, uint32_t line, uint32_t col, FtlUnit unit, uint32_t *off);

/* Start and end of a span; the end column is exclusive (just after the span). */
void ftl_span_pos(const FtlSources *s, FtlSpan span, FtlPos *start, FtlPos *end);

static inline int ftl_span_valid(FtlSpan s)
{
    return s.file != 0;
}
/* A span covering a..b (a's start, b's end). Inline: the tree builder joins
 * spans for most nodes it makes. */
static inline FtlSpan ftl_span_join(FtlSpan a, FtlSpan b)
{
    if (!ftl_span_valid(a)) return b;
    if (!ftl_span_valid(b) || b.file != a.file) return a;
    FtlSpan r = a;
    if (b.end > r.end) r.end = b.end;
    return r;
}

#endif
