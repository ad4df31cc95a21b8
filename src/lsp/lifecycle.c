/* lifecycle.c - initialize, initialized, shutdown and exit (LSP 3.17, "Lifecycle
 * Messages"): the position encoding and the workspace are settled here. */
#define _POSIX_C_SOURCE 200809L
#include "features.h"
#include "server.h"
#include "uri.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* json_object_get through a path of keys ("textDocument", "hover", NULL). */
static json_t *dig(json_t *v, ...)
{
    va_list ap;
    va_start(ap, v);
    for (const char *k; v && (k = va_arg(ap, const char *));)
        v = json_object_get(v, k);
    va_end(ap);
    return v;
}

/* The first encoding the server can use among those the client offers, in
 * the server's order of preference: UTF-8 (no conversion of offsets), else
 * UTF-16, which every client must support. */
static LspEncoding pick_encoding(json_t *caps)
{
    json_t *offered = dig(caps, "general", "positionEncodings", NULL), *e;
    size_t i;
    json_array_foreach(offered, i, e)
    {
        if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0) return LSP_ENC_UTF8;
    }
    return LSP_ENC_UTF16;
}

static int has_string(json_t *array, const char *s)
{
    json_t *e;
    size_t i;
    json_array_foreach(array, i, e)
    {
        if (json_is_string(e) && strcmp(json_string_value(e), s) == 0) return 1;
    }
    return 0;
}

static void read_caps(LspClientCaps *c, json_t *caps)
{
    json_t *td = json_object_get(caps, "textDocument");
    c->hierarchical_symbols =
        json_is_true(dig(td, "documentSymbol", "hierarchicalDocumentSymbolSupport", NULL));
    c->related_information =
        json_is_true(dig(td, "publishDiagnostics", "relatedInformation", NULL));
    c->code_description =
        json_is_true(dig(td, "publishDiagnostics", "codeDescriptionSupport", NULL));
    c->multiline_tokens = json_is_true(dig(td, "semanticTokens", "multilineTokenSupport", NULL));
    c->watch_files =
        json_is_true(dig(caps, "workspace", "didChangeWatchedFiles", "dynamicRegistration", NULL));
    c->markdown_hover = has_string(dig(td, "hover", "contentFormat", NULL), "markdown");
    c->prepare_rename = json_is_true(dig(td, "rename", "prepareSupport", NULL));
}

/* The workspace root: rootUri, else rootPath, else the first workspace
 * folder, else the current directory (malloc'd; NULL when a URI given is not
 * a file URI or no memory). */
static char *root_of(json_t *params)
{
    json_t *uri = json_object_get(params, "rootUri"), *path = json_object_get(params, "rootPath");
    json_t *folder = json_array_get(json_object_get(params, "workspaceFolders"), 0);
    if (json_is_string(uri)) return lsp_uri_to_path(json_string_value(uri));
    if (json_is_string(path) && json_string_value(path)[0] == '/') {
        char *p = strdup(json_string_value(path));
        if (p) lsp_path_normalize(p);
        return p;
    }
    if (json_is_string(json_object_get(folder, "uri")))
        return lsp_uri_to_path(json_string_value(json_object_get(folder, "uri")));
    char cwd[4096];
    return getcwd(cwd, sizeof cwd) ? strdup(cwd) : NULL;
}

int lsp_initialize(LspServer *s, json_t *params, json_t **result)
{
    if (s->state != LSP_STATE_NEW)
        return lsp_fail(s, LSP_INVALID_REQUEST, "initialize may be sent only once");
    if (!json_is_object(params)) return lsp_fail(s, LSP_INVALID_PARAMS, "initialize needs params");
    json_t *caps = json_object_get(params, "capabilities");
    char *root = root_of(params);
    if (!root) return lsp_fail(s, LSP_INVALID_PARAMS, "the workspace root is not a file URI");
    int rc = lsp_ws_init(&s->ws, root, s->opts->project);
    free(root);
    if (rc != 0 || lsp_ws_scan(&s->ws) < 0)
        return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory reading the workspace");
    s->enc = pick_encoding(caps);
    read_caps(&s->caps, caps);
    if (lsp_features_start(s) != 0) return LSP_INTERNAL_ERROR; /* s->err is set */
    s->state = LSP_STATE_RUNNING;
    json_t *sync = json_pack("{s:b, s:i, s:{s:b}}", "openClose", 1, "change", 2 /* incremental */,
                             "save", "includeText", 0);
    json_t *server_caps =
        json_pack("{s:s, s:o}", "positionEncoding", s->enc == LSP_ENC_UTF8 ? "utf-8" : "utf-16",
                  "textDocumentSync", sync);
    lsp_features_capabilities(s, server_caps);
    *result = json_pack("{s:o, s:{s:s, s:s}}", "capabilities", server_caps, "serverInfo", "name",
                        "ftlc", "version", ftl_version());
    return 0;
}

int lsp_initialized(LspServer *s, json_t *params, json_t **result)
{
    /* The workspace's diagnostics go out now, before the answer to anything
     * sent after initialized: what the client sees does not depend on timing. */
    lsp_features_idle(s);
    if (!s->caps.watch_files) return 0;
    /* Files made, changed or deleted outside the editor: new .ftl files join
     * the compilation, a changed project file or realm cache is read again. */
    json_t *watchers = json_pack("[{s:s}, {s:s}, {s:s}]", "globPattern", "**/*.ftl", "globPattern",
                                 "**/ftl-project.toml", "globPattern", "**/.ftl/realms/**");
    lsp_request(s, "client/registerCapability",
                json_pack("{s:[{s:s, s:s, s:{s:o}}]}", "registrations", "id", "ftlc-watch",
                          "method", "workspace/didChangeWatchedFiles", "registerOptions",
                          "watchers", watchers));
    return 0;
}

int lsp_shutdown(LspServer *s, json_t *params, json_t **result)
{
    if (s->state == LSP_STATE_NEW)
        return lsp_fail(s, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
    s->state = LSP_STATE_SHUTDOWN;
    *result = json_null();
    return 0;
}

int lsp_exit(LspServer *s, json_t *params, json_t **result)
{
    s->exit_status = s->state == LSP_STATE_SHUTDOWN ? 0 : 1;
    return 0;
}
