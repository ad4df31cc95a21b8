/* calls.c - the call hierarchy over +calls (LSP 3.17 textDocument/
 * prepareCallHierarchy, callHierarchy/incomingCalls and outgoingCalls), across
 * realms. An item the client sends back is found again by its place (uri and
 * the start of its name): symbol ids do not outlive a compilation.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"
#include "uri.h"

#include <stdlib.h>
#include <string.h>

static json_t *item(LspServer *s, const FtlSymbol *y)
{
    char *uri = y->range.file ? lsp_an_uri(s, y->range.file) : NULL;
    if (!uri) return NULL;
    json_t *it = json_pack("{s:s, s:i, s:s, s:s, s:o, s:o}", "name", y->name, "kind",
                           lsp_symbol_kind(y->kind), "detail", y->detail ? y->detail : "", "uri",
                           uri, "range", lsp_an_range(s, &y->range), "selectionRange",
                           lsp_an_range(s, &y->selection));
    free(uri);
    return it;
}

int lsp_prepare_call_hierarchy(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    uint32_t off;
    FtlSymbol y;
    int rc = lsp_an_doc_offset(s, params, &doc, &off);
    if (rc) return rc;
    json_t *it = NULL;
    if (ftl_session_definition(s->feat->session, doc->path, off, &y, NULL) &&
        y.kind == FTL_SYMBOL_VERB)
        it = item(s, &y);
    *result = it ? json_pack("[o]", it) : json_null();
    return 0;
}

/* The verb of params.item, by the start of its name. */
static int item_verb(LspServer *s, json_t *params, FtlSymbol *y)
{
    json_t *it = json_object_get(params, "item");
    json_t *uri = json_object_get(it, "uri");
    json_t *pos = json_object_get(json_object_get(it, "selectionRange"), "start");
    json_t *line = json_object_get(pos, "line"), *ch = json_object_get(pos, "character");
    if (!json_is_string(uri) || !json_is_integer(line) || !json_is_integer(ch))
        return lsp_fail(s, LSP_INVALID_PARAMS, "params.item needs uri and selectionRange");
    int rc = lsp_an_ensure(s);
    if (rc) return rc;
    LspDoc *doc = lsp_docs_find(&s->docs, json_string_value(uri));
    char *path = doc ? strdup(doc->path) : lsp_uri_to_path(json_string_value(uri));
    size_t off = 0;
    uint32_t o32 = 0;
    int ok = path != NULL;
    if (ok && doc) {
        ok = lsp_position_offset(&doc->text, pos, s->enc, &off) == 0;
        o32 = (uint32_t)off;
    } else if (ok) {
        ok = ftl_session_offset(s->feat->session, path, (uint32_t)json_integer_value(line) + 1,
                                (uint32_t)json_integer_value(ch) + 1,
                                s->enc == LSP_ENC_UTF8 ? FTL_COLUMN_BYTES : FTL_COLUMN_UTF16,
                                &o32) == FTL_OK;
    }
    ok = ok && ftl_session_definition(s->feat->session, path, o32, y, NULL) &&
         y->kind == FTL_SYMBOL_VERB;
    free(path);
    if (!ok) return lsp_fail(s, LSP_CONTENT_MODIFIED, "the verb is no longer there");
    return 0;
}

/* Appends ref's range to the fromRanges of the entry of verb `key` in list
 * (made, with the item of key, when new). */
static void add_call(LspServer *s, json_t *list, const char *which, FtlSymbolId key,
                     const FtlReference *r)
{
    FtlSymbol y;
    json_t *range = lsp_an_range(s, &r->range);
    if (!range) return;
    size_t n = json_array_size(list);
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(list, i);
        if (json_integer_value(json_object_get(e, "id")) == (json_int_t)key) {
            json_array_append_new(json_object_get(e, "fromRanges"), range);
            return;
        }
    }
    json_t *it = ftl_session_symbol(s->feat->session, key, &y) ? item(s, &y) : NULL;
    if (!it) {
        json_decref(range);
        return;
    }
    json_array_append_new(list, json_pack("{s:o, s:[o], s:I}", which, it, "fromRanges", range, "id",
                                          (json_int_t)key));
}

/* Drops the ids add_call keys its entries by. */
static json_t *finish(json_t *list)
{
    json_t *e;
    size_t i;
    json_array_foreach(list, i, e) json_object_del(e, "id");
    return list;
}

/* The calls into the verb of params.item (from its callers) or out of it
 * (to its callees), one entry per verb at the other end. */
static int calls(LspServer *s, json_t *params, int outgoing, json_t **result)
{
    FtlSymbol y;
    int rc = item_verb(s, params, &y);
    if (rc) return rc;
    FtlReference *refs;
    size_t n;
    FtlStatus st = outgoing ? ftl_session_references_from(s->feat->session, y.id, &refs, &n)
                            : ftl_session_references(s->feat->session, y.id, 0, &refs, &n);
    if (st != FTL_OK) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++)
        if (refs[i].kind == FTL_REF_CALLS)
            add_call(s, list, outgoing ? "to" : "from", outgoing ? refs[i].target : refs[i].from,
                     &refs[i]);
    ftl_free(refs);
    *result = finish(list);
    return 0;
}

int lsp_incoming_calls(LspServer *s, json_t *params, json_t **result)
{
    return calls(s, params, 0, result);
}

int lsp_outgoing_calls(LspServer *s, json_t *params, json_t **result)
{
    return calls(s, params, 1, result);
}
