/* tokens.c - textDocument/semanticTokens/full: every token of the buffer
 * (ftl_session_tokens) classified for highlighting, with names classified by
 * what they declare or refer to, encoded as LSP 3.17 relative tokens.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <stdlib.h>
#include <string.h>

/* The legend: indices into these are what the tokens carry. */
static const char *const token_types[] = {
    "keyword",    "type",          "function",  "struct", "enum",   "property",
    "enumMember", "decorator",     "namespace", "string", "number", "comment",
    "operator",   "typeParameter", "variable",  "event",
};
enum {
    T_KEYWORD,
    T_TYPE,
    T_FUNCTION,
    T_STRUCT,
    T_ENUM,
    T_PROPERTY,
    T_ENUM_MEMBER,
    T_DECORATOR,
    T_NAMESPACE,
    T_STRING,
    T_NUMBER,
    T_COMMENT,
    T_OPERATOR,
    T_TYPE_PARAMETER,
    T_VARIABLE,
    T_EVENT
};
static const char *const token_modifiers[] = {"declaration", "defaultLibrary"};
enum { M_DECLARATION = 1, M_DEFAULT_LIBRARY = 2 };

json_t *lsp_tokens_legend(void)
{
    json_t *types = json_array(), *mods = json_array();
    for (size_t i = 0; i < sizeof token_types / sizeof *token_types; i++)
        json_array_append_new(types, json_string(token_types[i]));
    for (size_t i = 0; i < sizeof token_modifiers / sizeof *token_modifiers; i++)
        json_array_append_new(mods, json_string(token_modifiers[i]));
    return json_pack("{s:o, s:o}", "tokenTypes", types, "tokenModifiers", mods);
}

/* The type of a name by the kind of symbol it denotes; -1: not highlighted
 * (a name nothing is known about). */
static int name_type(FtlSymbolKind k)
{
    switch (k) {
    case FTL_SYMBOL_REALM:
    case FTL_SYMBOL_MODULE: return T_NAMESPACE;
    case FTL_SYMBOL_CONFIG:
    case FTL_SYMBOL_SECRET:
    case FTL_SYMBOL_DATABASE: return T_VARIABLE;
    case FTL_SYMBOL_TOPIC: return T_EVENT;
    case FTL_SYMBOL_TYPEALIAS: return T_TYPE;
    case FTL_SYMBOL_ENUM: return T_ENUM;
    case FTL_SYMBOL_DATA: return T_STRUCT;
    case FTL_SYMBOL_VERB: return T_FUNCTION;
    case FTL_SYMBOL_FIELD: return T_PROPERTY;
    case FTL_SYMBOL_VARIANT: return T_ENUM_MEMBER;
    case FTL_SYMBOL_TYPE_PARAMETER: return T_TYPE_PARAMETER;
    }
    return -1;
}

static int token_type(const FtlSyntaxToken *t, unsigned *mods)
{
    *mods = 0;
    switch (t->kind) {
    case FTL_TOKEN_KEYWORD: return T_KEYWORD;
    case FTL_TOKEN_TYPE: *mods = M_DEFAULT_LIBRARY; return T_TYPE;
    case FTL_TOKEN_STRING:
    case FTL_TOKEN_TEXT: return T_STRING;
    case FTL_TOKEN_NUMBER: return T_NUMBER;
    case FTL_TOKEN_COMMENT: return T_COMMENT;
    case FTL_TOKEN_METADATA: return T_DECORATOR;
    case FTL_TOKEN_REALM: return T_NAMESPACE;
    case FTL_TOKEN_OPERATOR: return T_OPERATOR;
    case FTL_TOKEN_IDENTIFIER:
        *mods = t->declaration ? M_DECLARATION : 0;
        return name_type(t->symbol);
    }
    return -1;
}

typedef struct Enc {
    LspServer *s;
    const LspDoc *doc;
    json_t *data;
    uint32_t line, ch; /* of the previous token */
} Enc;

/* One token of bytes [start, end) on a single line. */
static void put(Enc *e, size_t start, size_t end, int type, unsigned mods)
{
    uint32_t line, ch;
    lsp_text_position(&e->doc->text, start, e->s->enc, &line, &ch);
    uint32_t len = lsp_text_units(e->doc->text.data + start, end - start, e->s->enc);
    if (len == 0) return;
    json_int_t v[5] = {line - e->line, line == e->line ? ch - e->ch : ch, len, type, mods};
    for (int i = 0; i < 5; i++)
        json_array_append_new(e->data, json_integer(v[i]));
    e->line = line;
    e->ch = ch;
}

/* A token; one that spans lines goes out a line at a time unless the client
 * takes multi-line tokens. */
static void put_token(Enc *e, size_t start, size_t end, int type, unsigned mods)
{
    const LspText *t = &e->doc->text;
    if (end > t->len) end = t->len;
    while (start < end) {
        size_t stop = start;
        if (e->s->caps.multiline_tokens)
            stop = end;
        else
            while (stop < end && t->data[stop] != '\n' && t->data[stop] != '\r')
                stop++;
        put(e, start, stop, type, mods);
        start = stop;
        while (start < end && (t->data[start] == '\n' || t->data[start] == '\r'))
            start++;
    }
}

int lsp_semantic_tokens(LspServer *s, json_t *params, json_t **result)
{
    LspDoc *doc;
    int rc = lsp_an_doc(s, params, &doc);
    if (rc) return rc;
    FtlSyntaxToken *toks;
    size_t n;
    FtlStatus st = ftl_session_tokens(s->feat->session, doc->path, &toks, &n);
    if (st == FTL_NOMEM) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    if (st != FTL_OK) n = 0;
    Enc e = {s, doc, json_array(), 0, 0};
    for (size_t i = 0; i < n; i++) {
        unsigned mods;
        int type = token_type(&toks[i], &mods);
        if (type >= 0)
            put_token(&e, toks[i].range.start.offset, toks[i].range.end.offset, type, mods);
    }
    ftl_free(toks);
    *result = json_pack("{s:o}", "data", e.data);
    return 0;
}
