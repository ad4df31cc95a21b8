/* symbols.c - textDocument/documentSymbol (realms, modules, declarations,
 * fields and variants as a tree, ftl_session_outline) and workspace/symbol
 * (declarations of the whole compilation by name, ftl_session_symbols).
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <stdlib.h>
#include <string.h>

#define LSP_MAX_WORKSPACE_SYMBOLS 1000u /* an answer a client can show */

/* LSP 3.17 SymbolKind of each FtlSymbolKind. */
static int symbol_kind(FtlSymbolKind k)
{
    switch (k) {
    case FTL_SYMBOL_REALM: return 3;           /* Namespace */
    case FTL_SYMBOL_MODULE: return 2;          /* Module */
    case FTL_SYMBOL_CONFIG: return 13;         /* Variable */
    case FTL_SYMBOL_SECRET: return 20;         /* Key */
    case FTL_SYMBOL_DATABASE: return 19;       /* Object */
    case FTL_SYMBOL_TOPIC: return 24;          /* Event */
    case FTL_SYMBOL_TYPEALIAS: return 11;      /* Interface */
    case FTL_SYMBOL_ENUM: return 10;           /* Enum */
    case FTL_SYMBOL_DATA: return 23;           /* Struct */
    case FTL_SYMBOL_VERB: return 12;           /* Function */
    case FTL_SYMBOL_FIELD: return 8;           /* Field */
    case FTL_SYMBOL_VARIANT: return 22;        /* EnumMember */
    case FTL_SYMBOL_TYPE_PARAMETER: return 26; /* TypeParameter */
    }
    return 13;
}

int lsp_symbol_kind(FtlSymbolKind k)
{
    return symbol_kind(k);
}

/* "accounts@bank", "bank", or "" for a realm. */
static json_t *container(const FtlSymbol *y)
{
    if (y->kind == FTL_SYMBOL_REALM) return json_string("");
    if (!y->module) return json_string(y->realm);
    return y->realm[0] ? json_sprintf("%s@%s", y->module, y->realm) : json_string(y->module);
}

/* A SymbolInformation (the flat form). */
static json_t *information(LspServer *s, const FtlSymbol *y)
{
    json_t *loc = lsp_an_location(s, &y->range);
    if (!loc) return NULL;
    return json_pack("{s:s, s:i, s:o, s:o}", "name", y->name, "kind", symbol_kind(y->kind),
                     "location", loc, "containerName", container(y));
}

static json_t *document_symbol(LspServer *s, const FtlSymbol *y)
{
    json_t *d = json_pack("{s:s, s:i, s:o, s:o, s:[]}", "name", y->name, "kind",
                          symbol_kind(y->kind), "range", lsp_an_range(s, &y->range),
                          "selectionRange", lsp_an_range(s, &y->selection), "children");
    if (d && y->detail && y->detail[0]) json_object_set_new(d, "detail", json_string(y->detail));
    return d;
}

/* The outline as a tree. Items come in document order, each after its
 * parent, so the chain of open ancestors is a stack. */
static json_t *tree(LspServer *s, const FtlSymbol *syms, size_t n)
{
    json_t *top = json_array(), **made = malloc((n + 1) * sizeof *made);
    FtlSymbolId *ids = malloc((n + 1) * sizeof *ids);
    size_t depth = 0;
    for (size_t i = 0; made && ids && i < n; i++) {
        while (depth && ids[depth - 1] != syms[i].parent)
            depth--;
        json_t *d = document_symbol(s, &syms[i]);
        json_array_append(depth ? json_object_get(made[depth - 1], "children") : top, d);
        made[depth] = d;
        ids[depth++] = syms[i].id;
        json_decref(d);
    }
    free(made);
    free(ids);
    return top;
}

int lsp_document_symbol(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_an_doc(s, params, &doc);
    if (rc) return rc;
    FtlSymbol *syms;
    size_t n;
    FtlStatus st = ftl_session_outline(s->feat->session, doc->path, &syms, &n);
    if (st == FTL_NOMEM) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    if (st != FTL_OK) n = 0; /* not part of the compilation: nothing declared */
    if (s->caps.hierarchical_symbols) {
        *result = tree(s, syms, n);
    } else {
        *result = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *info = information(s, &syms[i]);
            if (info) json_array_append_new(*result, info);
        }
    }
    ftl_free(syms);
    return 0;
}

int lsp_workspace_symbol(LspServer *s, json_t *params, json_t **result)
{
    int rc = lsp_an_ensure(s);
    if (rc) return rc;
    json_t *query = json_object_get(params, "query");
    FtlSymbolFilter filter = {NULL, NULL, json_is_string(query) ? json_string_value(query) : "", 0};
    FtlSymbol *syms;
    size_t n;
    FtlStatus st = ftl_session_symbols(s->feat->session, &filter, &syms, &n);
    if (st == FTL_NOMEM) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    if (st != FTL_OK) n = 0;
    *result = json_array();
    for (size_t i = 0; i < n && json_array_size(*result) < LSP_MAX_WORKSPACE_SYMBOLS; i++) {
        json_t *info = information(s, &syms[i]);
        if (info) json_array_append_new(*result, info);
    }
    ftl_free(syms);
    return 0;
}
