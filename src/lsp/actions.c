/* actions.c - textDocument/codeAction: a quickfix for every fix-it with an
 * edit of the diagnostics in the range asked about (the diagnostic attached),
 * and source.fixAll: every such edit of the document's diagnostics at once,
 * leaving out those that overlap one taken before and those of a diagnostic
 * that offers several (a choice is not safe to make for the user).
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <stdlib.h>
#include <string.h>

/* Does the client want actions of kind (context.only, kinds being
 * hierarchical: "source" takes "source.fixAll")? */
static int wanted(json_t *only, const char *kind)
{
    if (!json_is_array(only)) return 1;
    json_t *k;
    size_t i;
    json_array_foreach(only, i, k)
    {
        const char *w = json_string_value(k);
        size_t n = w ? strlen(w) : 0;
        if (w && strncmp(kind, w, n) == 0 && (kind[n] == 0 || kind[n] == '.')) return 1;
    }
    return 0;
}

static const FtlRange *place(const FtlDiagnostic *d)
{
    return d->focus.file ? &d->focus : &d->range;
}

/* {"changes": {uri: [edit]}} of one fix-it. */
static json_t *fix_edit(LspServer *s, const FtlFixit *f)
{
    char *uri = lsp_an_uri(s, f->range.file);
    if (!uri) return NULL;
    json_t *e = json_pack("{s:{s:[{s:o, s:s}]}}", "changes", uri, "range",
                          lsp_an_range(s, &f->range), "newText", f->replacement);
    free(uri);
    return e;
}

static int edits_of(const FtlDiagnostic *d)
{
    int n = 0;
    for (size_t i = 0; i < d->nfixits; i++)
        n += d->fixits[i].range.file != NULL;
    return n;
}

static void quickfixes(LspServer *s, const LspDoc *doc, const FtlDiagnostic *d, size_t n,
                       size_t start, size_t end, json_t *out)
{
    for (size_t i = 0; i < n; i++) {
        const FtlRange *r = place(&d[i]);
        if (!r->file || strcmp(r->file, doc->path) != 0 || r->start.offset > end ||
            r->end.offset < start)
            continue;
        int several = edits_of(&d[i]) > 1;
        for (size_t k = 0; k < d[i].nfixits; k++) {
            const FtlFixit *f = &d[i].fixits[k];
            json_t *edit = f->range.file ? fix_edit(s, f) : NULL;
            if (!edit) continue;
            json_array_append_new(out, json_pack("{s:s, s:s, s:[o], s:b, s:o}", "title", f->message,
                                                 "kind", "quickfix", "diagnostics",
                                                 lsp_diag_json(s, &d[i]), "isPreferred", !several,
                                                 "edit", edit));
        }
    }
}

static int cmp_fixit(const void *a, const void *b)
{
    const FtlFixit *x = *(const FtlFixit *const *)a, *y = *(const FtlFixit *const *)b;
    if (x->range.start.offset != y->range.start.offset)
        return x->range.start.offset < y->range.start.offset ? -1 : 1;
    return (x->range.end.offset > y->range.end.offset) -
           (x->range.end.offset < y->range.end.offset);
}

/* The edits of the document's own fix-its that are safe together. */
static void fix_all(LspServer *s, const LspDoc *doc, const FtlDiagnostic *d, size_t n, json_t *out)
{
    const FtlFixit **fx = malloc((n + 1) * sizeof *fx);
    size_t m = 0;
    for (size_t i = 0; fx && i < n; i++) {
        const FtlRange *r = place(&d[i]);
        if (!r->file || strcmp(r->file, doc->path) != 0 || edits_of(&d[i]) != 1) continue;
        for (size_t k = 0; k < d[i].nfixits; k++)
            if (d[i].fixits[k].range.file && strcmp(d[i].fixits[k].range.file, doc->path) == 0)
                fx[m++] = &d[i].fixits[k];
    }
    if (m) qsort(fx, m, sizeof *fx, cmp_fixit);
    json_t *edits = json_array();
    uint32_t done = 0; /* the end of the last edit taken */
    for (size_t i = 0; i < m; i++) {
        if (json_array_size(edits) && fx[i]->range.start.offset < done) continue;
        if (json_array_size(edits) && fx[i]->range.start.offset == done &&
            fx[i]->range.start.offset == fx[i]->range.end.offset)
            continue; /* two insertions at one place: their order is a choice */
        json_array_append_new(edits,
                              json_pack("{s:o, s:s}", "range", lsp_an_range(s, &fx[i]->range),
                                        "newText", fx[i]->replacement));
        done = fx[i]->range.end.offset;
    }
    free(fx);
    if (!json_array_size(edits)) {
        json_decref(edits);
        return;
    }
    json_array_append_new(out,
                          json_pack("{s:s, s:s, s:{s:{s:o}}}", "title", "Apply every fix-it",
                                    "kind", "source.fixAll", "edit", "changes", doc->uri, edits));
}

int lsp_code_action(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    size_t start, end;
    int rc = lsp_an_doc(s, params, &doc);
    if (rc) return rc;
    if (lsp_range_offsets(&doc->text, json_object_get(params, "range"), s->enc, &start, &end) != 0)
        return lsp_fail(s, LSP_INVALID_PARAMS, "params.range is not a range of %s", doc->uri);
    json_t *only = json_object_get(json_object_get(params, "context"), "only");
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s->feat->session, &n);
    json_t *out = json_array();
    if (wanted(only, "quickfix")) quickfixes(s, doc, d, n, start, end, out);
    if (wanted(only, "source.fixAll")) fix_all(s, doc, d, n, out);
    *result = out;
    return 0;
}
