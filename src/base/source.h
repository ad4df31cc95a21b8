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
    char *name;  /* as given on the command line; "<stdin>" for standard input */
    char *data;  /* contents followed by a NUL sentinel (data[len] == 0) */
    size_t len;
    uint32_t *lines; /* byte offset where each line starts */
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
const FtlSource *ftl_sources_get(const FtlSources *s, uint32_t id);

/* Line and column of byte offset off (clamped to the file). */
FtlPos ftl_source_pos(const FtlSource *f, uint32_t off);
/* Start and end of a span; the end column is exclusive (just after the span). */
void ftl_span_pos(const FtlSources *s, FtlSpan span, FtlPos *start, FtlPos *end);

/* UTF-8: the length of the valid sequence at p (at most n bytes), 0 when it
 * is not valid (overlong, surrogate, above U+10FFFF, truncated); decode also
 * gives its code point. The one decoder every stage uses. */
int ftl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);
int ftl_utf8_len(const unsigned char *p, size_t n);

/* A span covering a..b (a's start, b's end). */
FtlSpan ftl_span_join(FtlSpan a, FtlSpan b);
static inline int ftl_span_valid(FtlSpan s)
{
    return s.file != 0;
}

#endif
