/* rename.c - textDocument/prepareRename and rename: a declaration, field,
 * variant or type parameter and every reference to it, across files. The
 * library says whether the new name is allowed (ftl_session_rename_check: an
 * identifier, not reserved for that kind of symbol, free in its scope, and
 * nothing to change inside an external realm, whose schema is pinned).
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int is_word(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* The name inside a reference as written (`module.Name@realm`, `Name`):
 * the word that ends before the '@' or at the end. 0 and [*ns, *ne), or -1
 * when the text does not hold one. */
static int name_in(const char *text, size_t len, size_t start, size_t end, size_t *ns, size_t *ne)
{
    if (end > len || start > end) return -1;
    size_t p = start;
    while (p < end && text[p] != '@')
        p++;
    while (p > start && isspace((unsigned char)text[p - 1]))
        p--;
    *ne = p;
    while (p > start && is_word(text[p - 1]))
        p--;
    *ns = p;
    return *ns < *ne ? 0 : -1;
}

/* The symbol at the cursor, with the range of its name there (bytes of
 * doc). An LSP error when there is nothing to rename. */
static int renamed(LspServer *s, json_t *params, LspDoc **doc, FtlSymbol *sym, size_t *ns,
                   size_t *ne)
{
    uint32_t off;
    FtlReference ref;
    int rc = lsp_an_doc_offset(s, params, doc, &off);
    if (rc) return rc;
    if (!ftl_session_definition(s->feat->session, (*doc)->path, off, sym, &ref))
        return lsp_fail(s, LSP_REQUEST_FAILED, "there is no name to rename here");
    if (sym->kind == FTL_SYMBOL_REALM || sym->kind == FTL_SYMBOL_MODULE)
        return lsp_fail(s, LSP_REQUEST_FAILED,
                        "only declarations, fields, variants and type parameters can be renamed");
    if (name_in((*doc)->text.data, (*doc)->text.len, ref.range.start.offset, ref.range.end.offset,
                ns, ne) != 0 ||
        off < *ns || off > *ne)
        return lsp_fail(s, LSP_REQUEST_FAILED, "there is no name to rename here");
    return 0;
}

int lsp_prepare_rename(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    FtlSymbol sym;
    size_t ns, ne;
    int rc = renamed(s, params, &doc, &sym, &ns, &ne);
    if (rc) return rc;
    /* The same name again is always allowed: what is refused here is what
     * no name could fix (an external realm). */
    const char *why = ftl_session_rename_check(s->feat->session, sym.id, sym.name);
    if (why) return lsp_fail(s, LSP_REQUEST_FAILED, "%s", why);
    *result =
        json_pack("{s:o, s:s}", "range", lsp_range_json(s, doc, ns, ne), "placeholder", sym.name);
    return 0;
}

/* Adds the edit of one reference to changes[uri]. */
static int add_edit(LspServer *s, json_t *changes, const FtlSymbol *sym, const FtlReference *r,
                    const char *to)
{
    size_t len, ns, ne;
    const char *text = lsp_an_text(s, r->range.file, &len);
    if (!text || name_in(text, len, r->range.start.offset, r->range.end.offset, &ns, &ne) != 0 ||
        ne - ns != strlen(sym->name) || memcmp(text + ns, sym->name, ne - ns) != 0)
        return lsp_fail(s, LSP_REQUEST_FAILED, "%s changed on disk: rename again", r->range.file);
    FtlRange name = r->range;
    if (ftl_session_point(s->feat->session, r->range.file, (uint32_t)ns, &name.start) != FTL_OK ||
        ftl_session_point(s->feat->session, r->range.file, (uint32_t)ne, &name.end) != FTL_OK)
        return lsp_fail(s, LSP_REQUEST_FAILED, "%s is not part of the compilation", r->range.file);
    char *uri = lsp_an_uri(s, r->range.file);
    if (!uri) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    json_t *edits = json_object_get(changes, uri);
    if (!edits) json_object_set_new(changes, uri, edits = json_array());
    json_array_append_new(edits,
                          json_pack("{s:o, s:s}", "range", lsp_an_range(s, &name), "newText", to));
    free(uri);
    return 0;
}

int lsp_rename(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    FtlSymbol sym;
    size_t ns, ne;
    json_t *to = json_object_get(params, "newName");
    if (!json_is_string(to)) return lsp_fail(s, LSP_INVALID_PARAMS, "params.newName is missing");
    int rc = renamed(s, params, &doc, &sym, &ns, &ne);
    if (rc) return rc;
    const char *why = ftl_session_rename_check(s->feat->session, sym.id, json_string_value(to));
    if (why) return lsp_fail(s, LSP_REQUEST_FAILED, "%s", why);
    FtlReference *refs;
    size_t n;
    if (ftl_session_references(s->feat->session, sym.id, 1, &refs, &n) != FTL_OK)
        return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    json_t *changes = json_object();
    for (size_t i = 0; rc == 0 && i < n; i++)
        rc = add_edit(s, changes, &sym, &refs[i], json_string_value(to));
    ftl_free(refs);
    if (rc) {
        json_decref(changes);
        return rc;
    }
    *result = json_pack("{s:o}", "changes", changes);
    return 0;
}
