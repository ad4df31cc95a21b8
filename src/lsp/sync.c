/* sync.c - the documents the client opens, edits, saves and closes (LSP 3.17,
 * "Text Document Synchronization"), and files changed outside the editor. */
#define _POSIX_C_SOURCE 200809L
#include "features.h"
#include "server.h"

#include <stdlib.h>
#include <string.h>

/* params.textDocument.version, or -1 when there is none. */
static json_int_t version_of(json_t *params)
{
    json_t *v = json_object_get(json_object_get(params, "textDocument"), "version");
    return json_is_integer(v) ? json_integer_value(v) : -1;
}

int lsp_did_open(LspServer *s, json_t *params, json_t **result)
{
    json_t *td = json_object_get(params, "textDocument");
    json_t *uri = json_object_get(td, "uri"), *text = json_object_get(td, "text");
    if (!json_is_string(uri) || !json_is_string(text))
        return lsp_fail(s, LSP_INVALID_PARAMS, "didOpen needs textDocument.uri and .text");
    const char *err;
    LspDoc *doc = lsp_docs_open(&s->docs, json_string_value(uri), version_of(params),
                                json_string_value(text), json_string_length(text), &err);
    if (!doc) return lsp_fail(s, LSP_INVALID_PARAMS, "%s: %s", json_string_value(uri), err);
    lsp_features_touch(s, doc->path, 1);
    return 0;
}

int lsp_did_change(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_param_doc(s, params, &doc);
    if (rc) return rc;
    json_t *changes = json_object_get(params, "contentChanges"), *c;
    if (!json_is_array(changes))
        return lsp_fail(s, LSP_INVALID_PARAMS, "didChange needs contentChanges");
    size_t i;
    const char *err = NULL;
    json_array_foreach(changes, i, c)
    {
        if (lsp_doc_apply(doc, c, s->enc, &err) != 0) break;
        err = NULL;
    }
    doc->version = version_of(params);
    lsp_features_touch(s, doc->path, 1);
    /* The edits before the bad one are applied; the client and the server
     * no longer agree on the text until the client sends it whole again. */
    if (err) return lsp_fail(s, LSP_INVALID_PARAMS, "%s: change %zu: %s", doc->uri, i, err);
    return 0;
}

int lsp_did_save(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_param_doc(s, params, &doc);
    if (rc) return rc;
    /* A file saved for the first time may be new to the workspace. */
    lsp_ws_scan(&s->ws);
    lsp_features_touch(s, doc->path, 1);
    return 0;
}

int lsp_did_close(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_param_doc(s, params, &doc);
    if (rc) return rc;
    char *path = strdup(doc->path);
    lsp_docs_close(&s->docs, doc);
    if (path) lsp_features_touch(s, path, 1);
    free(path);
    return 0;
}

int lsp_did_change_watched(LspServer *s, json_t *params, json_t **result)
{
    lsp_ws_scan(&s->ws);
    lsp_features_touch(s, NULL, 0);
    return 0;
}
