/* fix.c - ftlc check --fix: the fix-its of the diagnostics applied to the
 * input files (see edits.h). A diagnostic that offers several edits offers a
 * choice, which is the user's: only those with exactly one are applied.
 * Diagnostics of one problem may offer the same edit (each variant of an enum
 * that lacks its value type, each placeholder of a missing config): it is
 * made once and fixes them all. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "edits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Edit {
    const FtlFixit *x;
    size_t fixes; /* the diagnostics it fixes (identical edits made once) */
} Edit;

static int cmp_edit(const void *pa, const void *pb)
{
    const FtlFixit *x = ((const Edit *)pa)->x, *y = ((const Edit *)pb)->x;
    const FtlRange *a = &x->range, *b = &y->range;
    int c = strcmp(a->file, b->file);
    if (c) return c;
    if (a->start.offset != b->start.offset) return a->start.offset < b->start.offset ? -1 : 1;
    if (a->end.offset != b->end.offset) return a->end.offset < b->end.offset ? -1 : 1;
    return strcmp(x->replacement, y->replacement); /* identical edits side by side */
}

static int is_input(const CliArgs *a, const char *path)
{
    for (int i = 0; i < a->files.n; i++)
        if (strcmp(cli_input_name(a, a->files.items[i]), path) == 0) return 1;
    return 0;
}

/* The edits to make: one per diagnostic that has exactly one, in an input
 * file, sorted by file and place. */
static Edit *collect(FtlSession *s, const CliArgs *a, size_t *n)
{
    size_t count;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &count);
    Edit *e = malloc((count + 1) * sizeof *e);
    *n = 0;
    for (size_t i = 0; e && d && i < count; i++) {
        const FtlFixit *only = NULL;
        int edits = 0;
        for (size_t k = 0; k < d[i].nfixits; k++)
            if (d[i].fixits[k].range.file) only = &d[i].fixits[k], edits++;
        if (edits == 1 && is_input(a, only->range.file)) e[(*n)++] = (Edit){only, 1};
    }
    if (e && *n) qsort(e, *n, sizeof *e, cmp_edit);
    return e;
}

static int same(const Edit *p, const Edit *q)
{
    const FtlRange *a = &p->x->range, *b = &q->x->range;
    return strcmp(a->file, b->file) == 0 && a->start.offset == b->start.offset &&
           a->end.offset == b->end.offset && strcmp(p->x->replacement, q->x->replacement) == 0;
}

/* Keeps one of each run of identical edits (sorted, so they are adjacent). */
static size_t dedupe(Edit *e, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++) {
        if (w && same(&e[w - 1], &e[i]))
            e[w - 1].fixes += e[i].fixes;
        else
            e[w++] = e[i];
    }
    return w;
}

/* Drops each edit that lies inside text an earlier one deletes (the type
 * arguments of a reference inside type arguments that go): that text goes
 * all the same. Sorted, so the deletion comes first. */
static size_t subsume(Edit *e, size_t n)
{
    size_t w = 0, del = 0;
    int have = 0; /* e[del] is a deletion kept */
    for (size_t i = 0; i < n; i++) {
        const FtlRange *a = &e[del].x->range, *b = &e[i].x->range;
        /* inside: after the deletion's start, and not an insertion at its end */
        if (have && strcmp(a->file, b->file) == 0 && b->start.offset > a->start.offset &&
            b->end.offset <= a->end.offset && b->start.offset < a->end.offset) {
            e[del].fixes += e[i].fixes;
            continue;
        }
        e[w] = e[i];
        if (!e[w].x->replacement[0] && b->end.offset > b->start.offset) del = w, have = 1;
        w++;
    }
    return w;
}

/* Two edits of one file that touch the same text, or insert at one place
 * (whose order would be a guess). */
static int overlap(const Edit *p, const Edit *q)
{
    const FtlRange *a = &p->x->range, *b = &q->x->range;
    return strcmp(a->file, b->file) == 0 &&
           (b->start.offset < a->end.offset || b->start.offset == a->start.offset);
}

/* The new text of file from edits [from, to). */
static char *apply(FtlSession *s, const Edit *e, size_t from, size_t to, size_t *len)
{
    const char *old;
    size_t oldlen, grow = 0;
    if (ftl_session_text(s, e[from].x->range.file, &old, &oldlen) != FTL_OK) return NULL;
    for (size_t i = from; i < to; i++)
        grow += strlen(e[i].x->replacement);
    char *out = malloc(oldlen + grow + 1), *w = out;
    size_t at = 0;
    for (size_t i = from; out && i < to; i++) {
        const FtlRange *r = &e[i].x->range;
        memcpy(w, old + at, r->start.offset - at);
        w += r->start.offset - at;
        size_t n = strlen(e[i].x->replacement);
        memcpy(w, e[i].x->replacement, n);
        w += n;
        at = r->end.offset;
    }
    if (out) {
        memcpy(w, old + at, oldlen - at);
        w += oldlen - at;
        *len = (size_t)(w - out);
    }
    return out;
}

static int write_fixed(FtlSession *s, const Edit *e, size_t from, size_t to, size_t *fixes)
{
    size_t len;
    char *text = apply(s, e, from, to, &len);
    if (!text) return ftl_cli_nomem();
    FtlStatus st = ftl_session_write_file(s, e[from].x->range.file, text, len);
    free(text);
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    if (st != FTL_OK) {
        fprintf(stderr, "ftlc: error: %s\n", ftl_session_error(s));
        return FTL_EXIT_USAGE;
    }
    *fixes = 0;
    for (size_t i = from; i < to; i++)
        *fixes += e[i].fixes;
    fprintf(stderr, "ftlc check: fixed %zu problem%s in %s\n", *fixes, *fixes > 1 ? "s" : "",
            e[from].x->range.file);
    return FTL_EXIT_OK;
}

int cli_fix(FtlSession *s, const CliArgs *a, int *fixed)
{
    size_t n;
    Edit *e = collect(s, a, &n);
    *fixed = 0;
    if (!e) return ftl_cli_nomem();
    n = subsume(e, dedupe(e, n));
    for (size_t i = 1; i < n; i++)
        if (overlap(&e[i - 1], &e[i])) {
            const FtlPoint *p = &e[i - 1].x->range.start, *q = &e[i].x->range.start;
            fprintf(stderr,
                    "ftlc check: error: fix-its overlap in %s (%u:%u and %u:%u): no file was "
                    "changed\n",
                    e[i].x->range.file, p->line, p->column_chars, q->line, q->column_chars);
            free(e);
            return FTL_EXIT_ERRORS;
        }
    int status = FTL_EXIT_OK;
    for (size_t from = 0, to; status == FTL_EXIT_OK && from < n; from = to) {
        for (to = from + 1; to < n && strcmp(e[to].x->range.file, e[from].x->range.file) == 0;)
            to++;
        size_t fixes = 0;
        status = write_fixed(s, e, from, to, &fixes);
        if (status == FTL_EXIT_OK) *fixed += (int)fixes;
    }
    free(e);
    return status;
}
