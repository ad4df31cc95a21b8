/* tokens.c - the lexical tokens of a file for syntax highlighting
 * (ftl_session_tokens): what the lexer says each token is, and for names what
 * they declare or refer to, from the index. Tokens and the index's references
 * are both in position order, so one merge pass classifies them all. */
#include "session/index.h"
#include "syntax/parse.h"
#include "parser.h"

#include <stdlib.h>

static int is_keyword(int t)
{
    return t >= TK_REALM && t <= TK_IMAGE;
}

static FtlTokenKind lexical_kind(int type, int after_plus)
{
    switch (type) {
    case TK_IDENT: return FTL_TOKEN_IDENTIFIER;
    case TK_KW_INT:
    case TK_KW_FLOAT:
    case TK_KW_STRING:
    case TK_KW_BYTES:
    case TK_KW_BOOL:
    case TK_KW_TIME:
    case TK_KW_ANY:
    case TK_KW_UNIT: return FTL_TOKEN_TYPE;
    case TK_STRING: return FTL_TOKEN_STRING;
    case TK_NUMBER:
    case TK_DURATION: return FTL_TOKEN_NUMBER;
    case TK_COMMENT: return FTL_TOKEN_COMMENT;
    case TK_CRONTEXT:
    case TK_PATH:
    case TK_SHA256:
    case TK_ILLEGAL: return FTL_TOKEN_TEXT;
    default: break;
    }
    if (is_keyword(type)) return after_plus ? FTL_TOKEN_METADATA : FTL_TOKEN_KEYWORD;
    return FTL_TOKEN_OPERATOR;
}

typedef struct Tokens {
    SesComp *c;
    const SesIndex *x;
    uint32_t file;
    uint32_t next;  /* the next entry of refs_by_tok to look at */
    int after_plus; /* the previous token was '+' */
    FtlSyntaxToken *items;
    size_t n, cap;
} Tokens;

/* The reference (or declaration) whose token is exactly t; NULL when none. */
static const SesRef *ref_of(Tokens *k, FtlSpan t)
{
    const SesIndex *x = k->x;
    while (k->next < x->nrefs) {
        const SesRef *r = &x->refs[x->refs_by_tok[k->next]];
        if (r->tok.file > t.file || (r->tok.file == t.file && r->tok.off >= t.off)) break;
        k->next++;
    }
    if (k->next >= x->nrefs) return NULL;
    const SesRef *r = &x->refs[x->refs_by_tok[k->next]];
    return r->tok.file == t.file && r->tok.off == t.off && r->tok.end == t.end ? r : NULL;
}

static void each_token(void *ctx, const FtlToken *t)
{
    Tokens *k = ctx;
    FtlSyntaxToken out = {lexical_kind(t->type, k->after_plus), 0, 0, ses_range(k->c, t->span)};
    k->after_plus = t->type == TK_PLUS;
    int wordlike = t->type == TK_IDENT || is_keyword(t->type) ||
                   (t->type >= TK_KW_INT && t->type <= TK_KW_UNIT);
    const SesRef *r = wordlike ? ref_of(k, t->span) : NULL;
    if (r) {
        const SesSym *y = ses_sym(k->x, r->target);
        out.kind = r->part == SES_PART_REALM ? FTL_TOKEN_REALM : FTL_TOKEN_IDENTIFIER;
        out.symbol = y ? y->kind : 0;
        out.declaration = r->kind == FTL_REF_DECLARATION;
    }
    if (k->n == k->cap) {
        k->cap = k->cap ? k->cap * 2 : 256;
        FtlSyntaxToken *p = realloc(k->items, k->cap * sizeof *p);
        if (!p) ftl_oom();
        k->items = p;
    }
    k->items[k->n++] = out;
}

typedef struct TokensArg {
    const char *file;
    Tokens k;
} TokensArg;

static FtlStatus tokens_body(FtlSession *s, void *arg)
{
    TokensArg *a = arg;
    SesComp *c = s->comp;
    const FtlSource *src = c ? ftl_sources_get(&c->src, ses_file_id(c, a->file)) : NULL;
    if (!src) return FTL_EINVAL;
    if (ftl_format_from_path(src->name) != FTL_FORMAT_FTL) return FTL_OK; /* protobuf input */
    uint32_t file = ses_file_id(c, a->file);
    a->k.c = c;
    a->k.x = ses_index(s, c);
    a->k.file = file;
    ftl_scan_tokens(&c->src, file, each_token, &a->k);
    return FTL_OK;
}

FtlStatus ftl_session_tokens(FtlSession *s, const char *file, FtlSyntaxToken **toks, size_t *count)
{
    *toks = NULL;
    *count = 0;
    if (!s || !file) return FTL_EINVAL;
    TokensArg a = {file, {0}};
    FtlStatus st = ses_run(s, tokens_body, &a);
    if (st != FTL_OK) {
        free(a.k.items);
        return st;
    }
    *toks = a.k.items;
    *count = a.k.n;
    return FTL_OK;
}
