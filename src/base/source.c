/* source.c - the set of input files of a run. */
#define _DEFAULT_SOURCE /* madvise */
#include "base/source.h"
#include "base/arena.h"
#include "base/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void ftl_sources_init(FtlSources *s)
{
    memset(s, 0, sizeof *s);
}

void ftl_sources_free(FtlSources *s)
{
    for (uint32_t i = 0; i < s->count; i++) {
        free(s->files[i].name);
        if (!s->files[i].borrowed) free(s->files[i].data);
        free(s->files[i].lines);
    }
    free(s->files);
    memset(s, 0, sizeof *s);
}

void ftl_source_release(const FtlSource *f, size_t upto)
{
    long page = sysconf(_SC_PAGESIZE);
    if (!f->mapped || page <= 0) return;
    /* data starts a mapping, so it is page-aligned; a page holding bytes at
     * or after upto is kept whole. An error only leaves the pages mapped. */
    size_t n = (upto < f->len ? upto : f->len) / (size_t)page * (size_t)page;
    if (n) (void)madvise(f->data, n, MADV_DONTNEED);
}

void ftl_sources_release(const FtlSources *s)
{
    for (uint32_t i = 0; i < s->count; i++)
        ftl_source_release(&s->files[i], s->files[i].len);
}

/* The line table: one memchr pass, so positions cost a binary search. */
static void source_index_lines(FtlSource *f)
{
    if (f->lines) return;
    uint32_t cap = 1024, n = 0;
    uint32_t *lines = ftl_xmalloc(cap * sizeof *lines);
    lines[n++] = 0;
    const char *p = f->data, *e = f->data + f->len;
    while ((p = memchr(p, '\n', (size_t)(e - p))) != NULL) {
        p++;
        if (n == cap) lines = ftl_xrealloc(lines, (cap *= 2) * sizeof *lines);
        lines[n++] = (uint32_t)(p - f->data);
    }
    f->lines = lines;
    f->nlines = n;
}

const uint32_t *ftl_source_lines(const FtlSource *f, uint32_t *n)
{
    /* Made once, by whichever reader comes first (source.h). */
    source_index_lines((FtlSource *)f);
    *n = f->nlines;
    return f->lines;
}

uint32_t ftl_source_line(const FtlSource *f, uint32_t off)
{
    uint32_t hi;
    const uint32_t *lines = ftl_source_lines(f, &hi);
    uint32_t lo = 0; /* the last line starting at or before off */
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

FtlPos ftl_source_pos(const FtlSource *f, uint32_t off)
{
    FtlPos pos = {1, 1};
    if (!f) return pos;
    if (off > f->len) off = (uint32_t)f->len;
    uint32_t lo = ftl_source_line(f, off);
    pos.line = lo + 1;
    /* One column per character; like Go, each byte of an invalid UTF-8
     * sequence counts as one character. */
    const unsigned char *p = (const unsigned char *)f->data + f->lines[lo];
    const unsigned char *e = (const unsigned char *)f->data + off;
    while (p < e) {
        /* ASCII, a word at a time: a diagnostic at the end of a long line
         * (minified or generated input) must not cost a decode per byte. */
        while ((size_t)(e - p) >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            if (w & 0x8080808080808080u) break;
            p += 8;
            pos.col += 8;
        }
        if (p == e) break;
        int n = *p < 0x80 ? 1 : ftl_utf8_len(p, (size_t)(e - p));
        p += n ? n : 1;
        pos.col++;
    }
    return pos;
}

/* Steps over the character at p (before e): its length in bytes (at least 1)
 * and in UTF-16 code units. */
static size_t source_step(const unsigned char *p, const unsigned char *e, uint32_t *utf16)
{
    uint32_t cp = 0;
    int n = *p < 0x80 ? 1 : ftl_utf8_decode(p, (size_t)(e - p), &cp);
    *utf16 = n == 4 ? 2 : 1;
    return n > 0 ? (size_t)n : 1;
}

FtlColumns ftl_source_columns(const FtlSource *f, uint32_t off)
{
    FtlColumns c = {1, 1, 1, 1};
    if (!f) return c;
    if (off > f->len) off = (uint32_t)f->len;
    uint32_t line = ftl_source_line(f, off);
    c.line = line + 1;
    c.bytes = off - f->lines[line] + 1;
    const unsigned char *p = (const unsigned char *)f->data + f->lines[line];
    const unsigned char *e = (const unsigned char *)f->data + off;
    while (p < e) {
        uint32_t u;
        p += source_step(p, (const unsigned char *)f->data + f->len, &u);
        c.chars++;
        c.utf16 += u;
    }
    return c;
}

int ftl_source_offset(const FtlSource *f, uint32_t line, uint32_t col, FtlUnit unit, uint32_t *off)
{
    uint32_t nlines;
    const uint32_t *lines = f ? ftl_source_lines(f, &nlines) : NULL;
    if (!lines || line == 0 || line > nlines) return -1;
    const char *ls = f->data + lines[line - 1];
    const char *le = line < nlines ? f->data + lines[line] - 1 : f->data + f->len;
    const unsigned char *p = (const unsigned char *)ls, *e = (const unsigned char *)le;
    uint32_t at = 1;
    while (p < e && at < col) {
        uint32_t u;
        size_t n = source_step(p, e, &u);
        uint32_t width = unit == FTL_UNIT_BYTES ? (uint32_t)n : unit == FTL_UNIT_UTF16 ? u : 1;
        if (at + width > col) break; /* col is inside this character */
        at += width;
        p += n;
    }
    *off = (uint32_t)((const char *)p - f->data);
    return 0;
}

void ftl_span_pos(const FtlSources *s, FtlSpan span, FtlPos *start, FtlPos *end)
{
    const FtlSource *f = ftl_sources_get(s, span.file);
    FtlPos zero = {0, 0};
    if (!f) {
        if (start) *start = zero;
        if (end) *end = zero;
        return;
    }
    if (start) *start = ftl_source_pos(f, span.off);
    if (end) *end = ftl_source_pos(f, span.end);
}

static uint32_t sources_put(FtlSources *s, const char *name, char *data, size_t len, int borrowed)
{
    if (s->count == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 8;
        s->files = ftl_xrealloc(s->files, s->cap * sizeof *s->files);
    }
    FtlSource *f = &s->files[s->count];
    size_t nl = strlen(name);
    f->name = ftl_xmalloc(nl + 1);
    memcpy(f->name, name, nl + 1);
    f->data = data;
    f->len = len;
    f->borrowed = borrowed;
    f->mapped = 0;
    f->comments_nul_free = 0;
    f->lines = NULL;
    f->nlines = 0;
    return ++s->count;
}

uint32_t ftl_sources_adopt(FtlSources *s, const char *name, char *data, size_t len)
{
    data[len] = '\0';
    return sources_put(s, name, data, len, 0);
}

uint32_t ftl_sources_borrow(FtlSources *s, const char *name, const char *data, size_t len)
{
    return sources_put(s, name, (char *)data, len, 1);
}

uint32_t ftl_sources_add(FtlSources *s, const char *name, const char *data, size_t len)
{
    char *copy = ftl_xmalloc(len + 1);
    if (len) memcpy(copy, data, len);
    return ftl_sources_adopt(s, name, copy, len);
}

const FtlSource *ftl_sources_get(const FtlSources *s, uint32_t id)
{
    if (id == 0 || id > s->count) return NULL;
    return &s->files[id - 1];
}
