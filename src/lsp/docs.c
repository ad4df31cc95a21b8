/* docs.c - the open documents (see docs.h). */
#define _POSIX_C_SOURCE 200809L
#include "docs.h"
#include "uri.h"

#include <stdlib.h>
#include <string.h>

static void doc_free(LspDoc *doc)
{
    free(doc->uri);
    free(doc->path);
    lsp_text_free(&doc->text);
    free(doc);
}

void lsp_docs_free(LspDocs *d)
{
    for (size_t i = 0; i < d->n; i++)
        doc_free(d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

LspDoc *lsp_docs_find(const LspDocs *d, const char *uri)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->items[i]->uri, uri) == 0) return d->items[i];
    return NULL;
}

LspDoc *lsp_docs_find_path(const LspDocs *d, const char *path)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(d->items[i]->path, path) == 0) return d->items[i];
    return NULL;
}

LspDoc *lsp_docs_open(LspDocs *d, const char *uri, json_int_t version, const char *text, size_t len,
                      const char **err)
{
    *err = "out of memory";
    LspDoc *doc = lsp_docs_find(d, uri);
    if (doc) {
        if (lsp_text_set(&doc->text, text, len) != 0) return NULL;
        doc->version = version;
        doc->changed = 1;
        return doc;
    }
    if (d->n == d->cap) {
        size_t cap = d->cap ? 2 * d->cap : 8;
        LspDoc **items = realloc(d->items, cap * sizeof *items);
        if (!items) return NULL;
        d->items = items;
        d->cap = cap;
    }
    doc = calloc(1, sizeof *doc);
    if (!doc) return NULL;
    doc->uri = strdup(uri);
    doc->path = lsp_uri_to_path(uri);
    if (!doc->uri || !doc->path || lsp_text_set(&doc->text, text, len) != 0) {
        if (doc->uri && !doc->path) *err = "not a file URI";
        doc_free(doc);
        return NULL;
    }
    doc->version = version;
    doc->changed = 1;
    d->items[d->n++] = doc;
    return doc;
}

void lsp_docs_close(LspDocs *d, LspDoc *doc)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i] == doc) {
            doc_free(doc);
            memmove(&d->items[i], &d->items[i + 1], (d->n - i - 1) * sizeof *d->items);
            d->n--;
            return;
        }
}

int lsp_position_offset(const LspText *t, const json_t *pos, LspEncoding enc, size_t *off)
{
    json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_integer(line) || !json_is_integer(ch)) return -1;
    json_int_t l = json_integer_value(line), c = json_integer_value(ch);
    if (l < 0 || c < 0 || l > UINT32_MAX || c > UINT32_MAX) return -1;
    return lsp_text_offset(t, (uint32_t)l, (uint32_t)c, enc, off);
}

int lsp_range_offsets(const LspText *t, const json_t *range, LspEncoding enc, size_t *start,
                      size_t *end)
{
    if (lsp_position_offset(t, json_object_get(range, "start"), enc, start) != 0 ||
        lsp_position_offset(t, json_object_get(range, "end"), enc, end) != 0)
        return -1;
    if (*end < *start) { /* a reversed range: the protocol's ranges never are */
        size_t x = *start;
        *start = *end;
        *end = x;
    }
    return 0;
}

int lsp_doc_apply(LspDoc *doc, const json_t *change, LspEncoding enc, const char **err)
{
    json_t *text = json_object_get(change, "text"), *range = json_object_get(change, "range");
    if (!json_is_string(text)) {
        *err = "a content change without text";
        return -1;
    }
    const char *s = json_string_value(text);
    size_t n = json_string_length(text), start = 0, end = doc->text.len;
    if (range && lsp_range_offsets(&doc->text, range, enc, &start, &end) != 0) {
        *err = "a content change whose range is malformed or past the end of the document";
        return -1;
    }
    *err = "out of memory";
    int rc =
        range ? lsp_text_replace(&doc->text, start, end, s, n) : lsp_text_set(&doc->text, s, n);
    if (rc == 0) doc->changed = 1;
    return rc;
}
