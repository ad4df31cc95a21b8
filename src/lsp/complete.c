/* complete.c - textDocument/completion in the three places where the text
 * before the cursor says what may come: after `module.` the declarations of
 * that module (in any realm), after `@` the realms, after `+` the metadata
 * keywords (grammar/parser.y, meta_body). Each item replaces the word begun
 * at the cursor.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The words that may follow '+' (meta_body of grammar/parser.y). */
static const char *const metadata[] = {
    "alias",   "artefact",  "calls",       "config",    "cron",  "database",
    "egress",  "encoding",  "fixture",     "generated", "git",   "image",
    "ingress", "migration", "partitions",  "publish",   "retry", "secrets",
    "sql",     "subscribe", "transaction", "typemap",
};

/* LSP 3.17 CompletionItemKind of a kind of symbol. */
static int item_kind(FtlSymbolKind k)
{
    switch (k) {
    case FTL_SYMBOL_REALM:
    case FTL_SYMBOL_MODULE: return 9; /* Module */
    case FTL_SYMBOL_CONFIG:
    case FTL_SYMBOL_SECRET:
    case FTL_SYMBOL_DATABASE: return 6;  /* Variable */
    case FTL_SYMBOL_TOPIC: return 23;    /* Event */
    case FTL_SYMBOL_TYPEALIAS: return 8; /* Interface */
    case FTL_SYMBOL_ENUM: return 13;
    case FTL_SYMBOL_DATA: return 22; /* Struct */
    case FTL_SYMBOL_VERB: return 3;  /* Function */
    case FTL_SYMBOL_FIELD: return 5;
    case FTL_SYMBOL_VARIANT: return 20;
    case FTL_SYMBOL_TYPE_PARAMETER: return 25;
    }
    return 1; /* Text */
}

static int is_word(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

typedef struct Ctx {
    LspServer *s;
    LspDoc *doc;
    size_t word, cursor; /* the word begun: [word, cursor) */
    json_t *items;
} Ctx;

static void add(Ctx *c, const char *label, int kind, const char *detail)
{
    size_t n = json_array_size(c->items);
    for (size_t i = 0; i < n; i++) /* once per label: a module of that name in two realms */
        if (strcmp(json_string_value(json_object_get(json_array_get(c->items, i), "label")),
                   label) == 0)
            return;
    json_t *item =
        json_pack("{s:s, s:i, s:{s:o, s:s}}", "label", label, "kind", kind, "textEdit", "range",
                  lsp_range_json(c->s, c->doc, c->word, c->cursor), "newText", label);
    if (detail && detail[0]) json_object_set_new(item, "detail", json_string(detail));
    json_array_append_new(c->items, item);
}

static int add_symbols(Ctx *c, const FtlSymbolFilter *f)
{
    FtlSymbol *syms;
    size_t n;
    FtlStatus st = ftl_session_symbols(c->s->feat->session, f, &syms, &n);
    if (st == FTL_NOMEM) return lsp_fail(c->s, LSP_INTERNAL_ERROR, "out of memory");
    for (size_t i = 0; st == FTL_OK && i < n; i++)
        add(c, syms[i].name, item_kind(syms[i].kind), syms[i].detail);
    ftl_free(syms);
    return 0;
}

int lsp_completion(LspServer *s, json_t *params, json_t **result)
{
    Ctx c = {s, NULL, 0, 0, json_array()};
    uint32_t off;
    int rc = lsp_an_doc_offset(s, params, &c.doc, &off);
    const char *t = rc ? NULL : c.doc->text.data;
    if (rc) {
        json_decref(c.items);
        return rc;
    }
    c.cursor = off;
    c.word = off;
    while (c.word > 0 && is_word(t[c.word - 1]))
        c.word--;
    char before = c.word > 0 ? t[c.word - 1] : 0;
    if (before == '+') {
        for (size_t i = 0; i < sizeof metadata / sizeof *metadata; i++)
            add(&c, metadata[i], 14 /* Keyword */, NULL);
    } else if (before == '@') {
        FtlSymbolFilter f = {NULL, NULL, NULL, 1u << FTL_SYMBOL_REALM};
        rc = add_symbols(&c, &f);
    } else if (before == '.') {
        size_t m = c.word - 1;
        while (m > 0 && is_word(t[m - 1]))
            m--;
        char *module = strndup(t + m, c.word - 1 - m);
        unsigned decls = ~((1u << FTL_SYMBOL_REALM) | (1u << FTL_SYMBOL_MODULE));
        FtlSymbolFilter f = {NULL, module, NULL, decls};
        rc = module && module[0] ? add_symbols(&c, &f) : 0;
        free(module);
    }
    if (rc) {
        json_decref(c.items);
        return rc;
    }
    *result = json_pack("{s:b, s:o}", "isIncomplete", 0, "items", c.items);
    return 0;
}
