/* ast.c - the names of the tree's node kinds, and making references. */
#include "syntax/ast.h"

#include "base/arena.h"

FtlRef *ftl_ref_new(FtlArena *a, int more)
{
    if (!more) return FTL_NEW(a, FtlRef);
    FtlRef *r = ftl_arena_alloc(a, sizeof(FtlRef) + sizeof(FtlRefMore));
    r->has_more = 1;
    return r;
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
