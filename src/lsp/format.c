/* format.c - textDocument/formatting and rangeFormatting: the buffer laid out
 * as `ftlc fmt` prints it (ftl_session_format), sent as the lines that change
 * (linediff.h). A range gets the hunks that touch it. A buffer that does not
 * parse is left alone (null).
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"
#include "linediff.h"

#include <stdlib.h>
#include <string.h>

/* The formatted text of doc (malloc'd); NULL when it does not parse. A
 * session of its own: formatting parses the buffer, which would otherwise join
 * the workspace's compilation. */
static char *formatted(LspServer *s, const LspDoc *doc, size_t *len, int *nomem)
{
    FtlSession *fs = ftl_session_new();
    char *out = NULL;
    FtlStatus st =
        fs ? ftl_session_set_overlay(fs, doc->path, doc->text.data, doc->text.len) : FTL_NOMEM;
    if (st == FTL_OK) st = ftl_session_format(fs, doc->path, &out, len);
    *nomem = st == FTL_NOMEM;
    if (st != FTL_OK) {
        ftl_free(out);
        out = NULL;
    }
    ftl_session_free(fs);
    (void)s;
    return out;
}

static json_t *edit(LspServer *s, const LspDoc *doc, const char *to, const LspHunk *h)
{
    return json_pack("{s:o, s:s%}", "range", lsp_range_json(s, doc, h->a0, h->a1), "newText",
                     to + h->b0, h->b1 - h->b0);
}

/* Whether a hunk touches bytes [start, end] of the old text: an insertion
 * where it lies within them, a change where its lines overlap them. */
static int touches(const LspHunk *h, size_t start, size_t end)
{
    if (h->a0 == h->a1) return h->a0 >= start && h->a0 <= end;
    return h->a0 < (end > start ? end : start + 1) && h->a1 > start;
}

/* The edits of the hunks that touch [start, end] (all: start 0, end SIZE_MAX). */
static int format_edits(LspServer *s, json_t *params, size_t start, size_t end, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_param_doc(s, params, &doc), nomem;
    if (rc) return rc;
    size_t len;
    char *to = formatted(s, doc, &len, &nomem);
    if (!to) {
        if (nomem) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
        *result = json_null();
        return 0;
    }
    LspHunk *h;
    size_t n;
    if (lsp_line_diff(doc->text.data, doc->text.len, to, len, &h, &n) != 0) {
        ftl_free(to);
        return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    }
    json_t *edits = json_array();
    for (size_t i = 0; i < n; i++)
        if (touches(&h[i], start, end)) json_array_append_new(edits, edit(s, doc, to, &h[i]));
    free(h);
    ftl_free(to);
    *result = edits;
    return 0;
}

int lsp_formatting(LspServer *s, json_t *params, json_t **result)
{
    return format_edits(s, params, 0, (size_t)-1, result);
}

int lsp_range_formatting(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    size_t start, end;
    int rc = lsp_param_doc(s, params, &doc);
    if (rc) return rc;
    if (lsp_range_offsets(&doc->text, json_object_get(params, "range"), s->enc, &start, &end) != 0)
        return lsp_fail(s, LSP_INVALID_PARAMS, "params.range is not a range of %s", doc->uri);
    return format_edits(s, params, start, end, result);
}
