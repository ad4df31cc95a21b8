/* check_proto.c - what the protobuf formats cannot carry (E0603): a string
 * with a NUL byte, which protobuf-c's strings end at. Checked on the view that
 * is about to be written (proto/schema_io.c: ftl_io_write_view, check_view and
 * stream_view), over exactly the strings the writer writes (proto/pbwrite.c):
 * comments, enum string values and the strings of metadata. */
#include "check/check_proto.h"

#include <string.h>

typedef struct Check {
    FtlDiags *d;
    const FtlSources *src;
} Check;

static void check_str(FtlDiags *d, FtlSpan at, const char *p, size_t n)
{
    if (n && memchr(p, '\0', n))
        ftl_error(d, at, "E0603",
                  "a string with a NUL byte cannot be written in the protobuf formats "
                  "(protobuf-c strings end at NUL)");
}

/* The comments of a text whose lexer found no NUL in a comment are not read
 * again (FtlSource.comments_nul_free): reading them would map the pages of a
 * mapped input that the parser gave back (ftl_source_release). Comments
 * decoded from protobuf, and those of a text parsed before the flag, are. */
static void check_comments(const Check *c, const FtlComments *cs)
{
    for (uint32_t i = 0; i < cs->count; i++) {
        const FtlComment *k = &cs->items[i];
        uint32_t file = k->span.file;
        if (file && file <= c->src->count && c->src->files[file - 1].comments_nul_free) continue;
        check_str(c->d, k->span, k->text, k->len);
    }
}

static void check_meta(FtlDiags *d, const FtlMeta *m)
{
    switch (m->kind) {
    case FTL_MD_INGRESS:
        for (uint32_t i = 0; i < m->npath; i++)
            check_str(d, m->path[i].span, m->path[i].text.ptr, m->path[i].text.len);
        break;
    case FTL_MD_RETRY:
        check_str(d, m->span, m->retry->min_backoff.ptr, m->retry->min_backoff.len);
        check_str(d, m->span, m->retry->max_backoff.ptr, m->retry->max_backoff.len);
        break;
    case FTL_MD_EGRESS:
        for (uint32_t i = 0; i < m->nstrs; i++)
            check_str(d, m->span, m->strs[i].ptr, m->strs[i].len);
        break;
    case FTL_MD_CRON:
    case FTL_MD_ALIAS:
    case FTL_MD_TYPEMAP:
    case FTL_MD_MIGRATION:
    case FTL_MD_ARTEFACT:
    case FTL_MD_SQL_QUERY:
    case FTL_MD_SQL_COLUMN:
    case FTL_MD_GIT:
    case FTL_MD_IMAGE:
        check_str(d, m->span, m->s1.ptr, m->s1.len);
        if (ftl_meta_has_s2(m->kind)) check_str(d, m->span, m->s2.ptr, m->s2.len);
        break;
    default: break;
    }
}

static void check_metas(FtlDiags *d, const FtlMetaList *ml)
{
    for (uint32_t i = 0; i < ml->count; i++)
        check_meta(d, ml->items[i]);
}

static void check_decl(const Check *c, const FtlDecl *x)
{
    FtlDiags *d = c->d;
    check_comments(c, &x->comments);
    /* configs and secrets carry no metadata in the protobuf schema */
    if (x->kind != FTL_DECL_CONFIG && x->kind != FTL_DECL_SECRET) check_metas(d, &x->meta);
    for (uint32_t i = 0; i < x->nfields; i++) {
        check_comments(c, ftl_field_comments(&x->fields[i]));
        check_metas(d, ftl_field_meta(&x->fields[i]));
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(x); i++) {
        const FtlVariant *v = x->variants[i];
        check_comments(c, &v->comments);
        if (v->vkind == FTL_VAL_STRING) check_str(d, v->value_span, v->str.ptr, v->str.len);
    }
}

/* In canonical order, so that the errors come in the order of the output. */
static void check_modules(const Check *c, const FtlCanonView *v, FtlModule *const *mods, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        const FtlModule *m = ftl_canon_open(v, mods[i]);
        check_comments(c, &m->comments);
        for (uint32_t j = 0; j < m->ndecls; j++)
            check_decl(c, m->decls[j]);
        check_metas(c->d, &m->meta);
        ftl_canon_close(v);
    }
}

unsigned ftl_check_protobuf(FtlDiags *d, const FtlSources *src, const FtlCanonView *v)
{
    Check c = {d, src};
    unsigned before = d->errors;
    if (v->modules) check_modules(&c, v, v->modules, v->nmodules);
    for (uint32_t i = 0; !v->modules && i < v->nrealms; i++)
        check_modules(&c, v, v->realms[i]->modules, v->realms[i]->nmodules);
    return d->errors - before;
}
