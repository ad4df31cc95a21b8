/* source.c - the set of input files of a run. */
#include "ftlc/source.h"
#include "ftlc/arena.h"

#include <stdlib.h>
#include <string.h>

void ftl_sources_init(FtlSources *s)
{
    memset(s, 0, sizeof *s);
}

void ftl_sources_free(FtlSources *s)
{
    for (uint32_t i = 0; i < s->count; i++) {
        free(s->files[i].name);
        free(s->files[i].data);
    }
    free(s->files);
    memset(s, 0, sizeof *s);
}

uint32_t ftl_sources_adopt(FtlSources *s, const char *name, char *data, size_t len)
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
    f->data[len] = '\0';
    f->len = len;
    return ++s->count;
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

FtlSpan ftl_span_join(FtlSpan a, FtlSpan b)
{
    if (!ftl_span_valid(a)) return b;
    if (!ftl_span_valid(b) || b.file != a.file) return a;
    FtlSpan r = a;
    r.end = b.end;
    r.end_line = b.end_line;
    r.end_col = b.end_col;
    return r;
}
