/* navigate.c - textDocument/definition, references, documentHighlight and
 * hover: what the name at the cursor refers to (ftl_session_definition; on a
 * declaration's own name, that declaration), across files and realms,
 * including the cached schemas of pinned realms under .ftl/realms.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <stdlib.h>
#include <string.h>

/* The symbol the name at params.position refers to: 0 and *found 1 with the
 * symbol (and the reference, when ref is not NULL), or *found 0 when there
 * is none; an LSP error code for a bad request. */
static int target(LspServer *s, json_t *params, FtlSymbol *sym, FtlReference *ref, int *found)
{
    LspDoc *doc;
    uint32_t off;
    int rc = lsp_an_doc_offset(s, params, &doc, &off);
    if (rc) return rc;
    *found = ftl_session_definition(s->feat->session, doc->path, off, sym, ref);
    return 0;
}

int lsp_definition(LspServer *s, json_t *params, json_t **result)
{
    FtlSymbol sym;
    int found, rc = target(s, params, &sym, NULL, &found);
    if (rc) return rc;
    *result = found ? lsp_an_location(s, &sym.selection) : NULL;
    if (!*result) *result = json_null();
    return 0;
}

/* The references to what the name at params.position refers to (with its
 * declaration when decl is set), in *refs (ftl_free; NULL and *n 0 when
 * there is nothing there); an LSP error code for a bad request. */
static int refs_at(LspServer *s, json_t *params, int decl, FtlReference **refs, size_t *n)
{
    FtlSymbol sym;
    int found, rc = target(s, params, &sym, NULL, &found);
    *refs = NULL;
    *n = 0;
    if (rc || !found) return rc;
    FtlStatus st = ftl_session_references(s->feat->session, sym.id, decl, refs, n);
    if (st == FTL_OK) return 0;
    *refs = NULL;
    *n = 0;
    return st == FTL_NOMEM ? lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory") : 0;
}

int lsp_references(LspServer *s, json_t *params, json_t **result)
{
    int decl =
        json_is_true(json_object_get(json_object_get(params, "context"), "includeDeclaration"));
    FtlReference *refs;
    size_t n;
    int rc = refs_at(s, params, decl, &refs, &n);
    if (rc) return rc;
    json_t *locs = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *loc = lsp_an_location(s, &refs[i].range);
        if (loc) json_array_append_new(locs, loc);
    }
    ftl_free(refs);
    *result = locs;
    return 0;
}

/* DocumentHighlightKind: the declaration's name is written (3), the other
 * references read it (2). */
int lsp_highlight(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    FtlReference *refs;
    size_t n;
    int rc = refs_at(s, params, 1, &refs, &n);
    if (rc) return rc;
    lsp_param_doc(s, params, &doc); /* refs_at found it */
    json_t *hl = json_array();
    for (size_t i = 0; i < n; i++)
        if (refs[i].range.file && strcmp(refs[i].range.file, doc->path) == 0)
            json_array_append_new(hl,
                                  json_pack("{s:o, s:i}", "range", lsp_an_range(s, &refs[i].range),
                                            "kind", refs[i].kind == FTL_REF_DECLARATION ? 3 : 2));
    ftl_free(refs);
    *result = hl;
    return 0;
}

/* ---- hover ------------------------------------------------------------------------------ */

static const char *const kind_words[] = {
    "",          "realm", "module", "config", "secret", "database", "topic",
    "typealias", "enum",  "data",   "verb",   "field",  "variant",  "type parameter",
};

/* "in module accounts of realm bank (external)", "field of data orders.Order". */
static json_t *where(LspServer *s, const FtlSymbol *y)
{
    FtlSymbol p;
    if (y->kind >= FTL_SYMBOL_FIELD && ftl_session_symbol(s->feat->session, y->parent, &p))
        return json_sprintf("%s of %s %s.%s", kind_words[y->kind], kind_words[p.kind],
                            p.module ? p.module : "", p.name);
    if (y->kind == FTL_SYMBOL_REALM) return json_sprintf("%srealm", y->external ? "external " : "");
    if (y->kind == FTL_SYMBOL_MODULE)
        return json_sprintf("module of realm %s", y->realm[0] ? y->realm : "(none)");
    if (y->module && strcmp(y->module, "builtin") == 0)
        return json_string("in the builtin module, which every realm has");
    return json_sprintf("in module %s%s%s%s", y->module ? y->module : "",
                        y->realm[0] ? " of realm " : "", y->realm,
                        y->external ? " (external)" : "");
}

/* The text shown: a declaration as canonical text prints it; anything else
 * as its comment, then its name and detail ("account accounts.Account@bank"). */
static json_t *code(LspServer *s, const FtlSymbol *y, int *nomem)
{
    char *text = NULL;
    size_t len;
    FtlStatus st = ftl_session_symbol_text(s->feat->session, y->id, &text, &len);
    *nomem = st == FTL_NOMEM;
    if (st == FTL_OK) {
        json_t *j = json_stringn(text, len && text[len - 1] == '\n' ? len - 1 : len);
        ftl_free(text);
        return j;
    }
    json_t *c = json_string("");
    for (const char *p = y->comment; *p;) {
        size_t n = strcspn(p, "\n");
        json_t *more = json_sprintf("%s// %.*s\n", json_string_value(c), (int)n, p);
        json_decref(c);
        c = more;
        p += n + (p[n] == '\n');
    }
    json_t *j = y->kind >= FTL_SYMBOL_FIELD && y->kind != FTL_SYMBOL_VARIANT
                    ? json_sprintf("%s%s %s", json_string_value(c), y->name, y->detail)
                    : json_sprintf("%s%s", json_string_value(c), y->detail);
    json_decref(c);
    return j;
}

int lsp_hover(LspServer *s, json_t *params, json_t **result)
{
    FtlSymbol sym;
    FtlReference ref;
    int found, nomem, rc = target(s, params, &sym, &ref, &found);
    if (rc || !found) {
        if (!rc) *result = json_null();
        return rc;
    }
    json_t *text = code(s, &sym, &nomem), *place = where(s, &sym);
    if (nomem) {
        json_decref(text);
        json_decref(place);
        return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    }
    int md = s->caps.markdown_hover;
    json_t *body = json_sprintf(md ? "```ftl\n%s\n```\n%s" : "%s\n\n%s", json_string_value(text),
                                json_string_value(place));
    json_decref(text);
    json_decref(place);
    *result = json_pack("{s:{s:s, s:o}, s:o}", "contents", "kind", md ? "markdown" : "plaintext",
                        "value", body, "range", lsp_an_range(s, &ref.range));
    return 0;
}
