/* ast.c - the names of the tree's node kinds, making references, and the
 * head of a declaration as written. */
#include "syntax/ast.h"

#include "base/arena.h"
#include "base/diag.h"
#include "parser.h"
#include "syntax/token.h"

/* The next token that is not a comment (the head's doc comments come first). */
static int head_token(FtlLexer *lx, FtlToken *t)
{
    int type;
    while ((type = ftl_lex(lx, t)) == TK_COMMENT)
        ;
    return type;
}

/* As the grammar reads a head (parser.y, vis and decl): [EXPORT [[COLON] REALM]]
 * keyword. A text that says otherwise now (the declaration was not parsed
 * from it) gets no spans. */
void ftl_decl_head_spans(const FtlSources *src, const FtlDecl *d, FtlSpan *vis, FtlSpan *kw)
{
    *vis = *kw = (FtlSpan){0, 0, 0};
    const FtlSource *f = d->name_off ? ftl_sources_get(src, d->span.file) : NULL;
    if (!f || !f->data || d->span.off >= d->name_off || d->name_off > f->len) return;
    FtlDiags quiet;
    FtlLexer lx;
    FtlToken t;
    ftl_diags_init(&quiet);
    ftl_lexer_init(&lx, d->span.file, f->data, f->len, &quiet);
    lx.cur = f->data + d->span.off;
    FtlVis read = FTL_VIS_NONE;
    FtlSpan v = {0, 0, 0};
    int type = head_token(&lx, &t);
    if (type == TK_EXPORT) {
        read = FTL_VIS_MODULE;
        v = t.span;
        type = head_token(&lx, &t);
        if (type == TK_COLON) type = head_token(&lx, &t);
        if (type == TK_REALM) {
            read = FTL_VIS_REALM;
            v.end = t.span.end;
            type = head_token(&lx, &t);
        }
    }
    if (type && read == d->vis && t.span.end <= d->name_off) {
        *vis = v;
        *kw = (FtlSpan){d->span.file, t.span.off, t.span.off};
    }
    ftl_diags_free(&quiet);
}

FtlRef *ftl_ref_new(FtlArena *a, int more)
{
    FtlRef *r = more ? ftl_arena_alloc(a, sizeof(FtlRef) + sizeof(FtlRefMore)) : FTL_NEW(a, FtlRef);
    r->has_more = more != 0;
    /* A reference's kind whether or not it is used as a type: never read as
     * a primitive type's (ftl_type_span). */
    r->kind = FTL_TY_REF;
    return r;
}

FtlType *ftl_type_prim(FtlArena *a, FtlTypeKind k, FtlSpan span)
{
    if (span.file <= UINT16_MAX && span.end - span.off == ftl_prim_len(k) && span.end > span.off) {
        FtlPrimShort *p = ftl_arena_alloc(a, sizeof *p);
        p->kind = (uint8_t)k;
        p->short_ = 1;
        p->file = (uint16_t)span.file;
        p->off = span.off;
        return (FtlType *)p;
    }
    FtlType *t = ftl_arena_alloc(a, ftl_type_size(k));
    t->kind = (uint8_t)k;
    t->span_ = span;
    return t;
}

FtlType **ftl_ref_alloc_args(FtlArena *a, FtlRef *r, uint32_t n)
{
    FtlRefMore *m = ftl_ref_more(r);
    m->nargs = n;
    if (n != 1) m->args_ = n ? FTL_NEW_N(a, FtlType *, n) : NULL;
    return ftl_ref_args(r);
}

FtlRef **ftl_meta_alloc_refs(FtlArena *a, FtlMeta *m, uint32_t n)
{
    m->nrefs = n;
    /* Never NULL: [0] of none (a decoded item that names none, reported) is NULL. */
    if (n != 1) m->refs_ = FTL_NEW_N(a, FtlRef *, n ? n : 1);
    return ftl_meta_refs(m);
}

const char *ftl_decl_kind_name(FtlDeclKind k)
{
    switch (k) {
    case FTL_DECL_CONFIG: return "config";
    case FTL_DECL_SECRET: return "secret";
    case FTL_DECL_DATABASE: return "database";
    case FTL_DECL_TOPIC: return "topic";
    case FTL_DECL_TYPEALIAS: return "typealias";
    case FTL_DECL_ENUM: return "enum";
    case FTL_DECL_DATA: return "data";
    case FTL_DECL_VERB: return "verb";
    }
    return "?";
}

const char *ftl_meta_kind_name(FtlMetaKind k)
{
    static const char *const names[FTL_MD__COUNT] = {
        [FTL_MD_INGRESS] = "ingress",
        [FTL_MD_ALIAS] = "alias",
        [FTL_MD_ENCODING] = "encoding",
        [FTL_MD_CALLS] = "calls",
        [FTL_MD_DATABASES] = "database uses",
        [FTL_MD_SECRETS] = "secrets",
        [FTL_MD_CONFIG] = "config",
        [FTL_MD_CRON] = "cron",
        [FTL_MD_PUBLISH] = "publish",
        [FTL_MD_SUBSCRIBE] = "subscribe",
        [FTL_MD_RETRY] = "retry",
        [FTL_MD_TYPEMAP] = "typemap",
        [FTL_MD_MIGRATION] = "migration",
        [FTL_MD_ARTEFACT] = "artefact",
        [FTL_MD_SQL_COLUMN] = "sql column",
        [FTL_MD_SQL_QUERY] = "sql query",
        [FTL_MD_PARTITIONS] = "partitions",
        [FTL_MD_GENERATED] = "generated",
        [FTL_MD_GIT] = "git",
        [FTL_MD_FIXTURE] = "fixture",
        [FTL_MD_TRANSACTION] = "transaction",
        [FTL_MD_EGRESS] = "egress",
        [FTL_MD_IMAGE] = "image",
    };
    return (k > 0 && k < FTL_MD__COUNT) ? names[k] : "?";
}

int ftl_decl_has_meta(const FtlDecl *d, FtlMetaKind k)
{
    for (uint32_t i = 0; i < d->meta.count; i++)
        if (d->meta.items[i]->kind == k) return 1;
    return 0;
}
