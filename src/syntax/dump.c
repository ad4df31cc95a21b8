/* dump.c - the tree dump of ftlc parse (a debugging aid, not a stable
 * format): one node per line, types and references printed as the formatter
 * prints them. */
#include "syntax/dump.h"
#include "base/strlit.h"
#include "syntax/fmt.h"

typedef struct Dump {
    FtlBuf *out;
    const FtlSources *spans; /* NULL: no positions */
} Dump;

static void d_line(Dump *d, int depth, const char *head)
{
    ftl_buf_spaces(d->out, (size_t)depth * 2);
    ftl_buf_puts(d->out, head);
}

static void d_span(Dump *d, FtlSpan s)
{
    if (!d->spans || !ftl_span_valid(s)) return;
    FtlPos a, b;
    ftl_span_pos(d->spans, s, &a, &b);
    ftl_buf_printf(d->out, " @%u:%u-%u:%u", a.line, a.col, b.line, b.col);
}

static void d_str(Dump *d, const char *key, FtlStr s)
{
    ftl_buf_printf(d->out, " %s=", key);
    ftl_str_quote(d->out, s.ptr ? s.ptr : "", s.len);
}

static void d_comments(Dump *d, int depth, const FtlComments *cs)
{
    for (uint32_t i = 0; i < cs->count; i++) {
        d_line(d, depth, "comment");
        d_str(d, "text", ftl_comment_text(&cs->items[i]));
        d_span(d, cs->items[i].span);
        ftl_buf_putc(d->out, '\n');
    }
}

static void d_type(Dump *d, int depth, const char *role, const FtlType *t)
{
    d_line(d, depth, role);
    ftl_buf_puts(d->out, " ");
    ftl_fmt_type(d->out, t);
    d_span(d, ftl_type_span(t));
    ftl_buf_putc(d->out, '\n');
}

static void d_meta(Dump *d, int depth, const FtlMeta *m)
{
    d_line(d, depth, "meta ");
    ftl_buf_puts(d->out, ftl_meta_kind_name(m->kind));
    for (uint32_t i = 0; i < m->nrefs; i++) {
        ftl_buf_puts(d->out, " ref=");
        ftl_fmt_ref(d->out, ftl_meta_refs(m)[i]);
    }
    if (m->from) ftl_buf_printf(d->out, " from=%d", (int)m->from);
    if (m->flag) ftl_buf_puts(d->out, " flag=1");
    switch (m->kind) { /* the union member of this kind only (ast.h) */
    case FTL_MD_RETRY:
        if (m->retry->has_count) ftl_buf_printf(d->out, " count=%lld", (long long)m->retry->count);
        if (m->retry->min_backoff.len) d_str(d, "min", m->retry->min_backoff);
        if (m->retry->max_backoff.len) d_str(d, "max", m->retry->max_backoff);
        break;
    case FTL_MD_INGRESS:
        if (m->method) ftl_buf_printf(d->out, " type=\"%s\" method=%s", m->ingress_type, m->method);
        for (uint32_t i = 0; i < m->npath; i++)
            d_str(d, m->path[i].is_param ? "param" : "lit", m->path[i].text);
        break;
    case FTL_MD_PARTITIONS: ftl_buf_printf(d->out, " n=%lld", (long long)m->partitions); break;
    case FTL_MD_CALLS:
    case FTL_MD_CONFIG:
    case FTL_MD_SECRETS:
    case FTL_MD_DATABASES:
    case FTL_MD_PUBLISH:
    case FTL_MD_SUBSCRIBE: break; /* references only: no union (ftl_meta_size) */
    case FTL_MD_EGRESS:
        for (uint32_t i = 0; i < m->nstrs; i++)
            d_str(d, "target", m->strs[i]);
        break;
    default:
        if (m->kind == FTL_MD_ALIAS) ftl_buf_printf(d->out, " kind=%d", (int)m->alias_kind);
        if (m->s1.ptr) d_str(d, "s1", m->s1);
        if (ftl_meta_has_s2(m->kind) && m->s2.ptr) d_str(d, "s2", m->s2);
        break;
    }
    d_span(d, m->span);
    ftl_buf_putc(d->out, '\n');
}

static void d_metas(Dump *d, int depth, const FtlMetaList *ml)
{
    for (uint32_t i = 0; i < ml->count; i++)
        d_meta(d, depth, ml->items[i]);
}

static void d_decl(Dump *d, int depth, const FtlDecl *x)
{
    static const char *const vis[] = {"none", "export", "export realm"};
    d_comments(d, depth, &x->comments);
    d_line(d, depth, ftl_decl_kind_name(x->kind));
    ftl_buf_printf(d->out, " %s vis=%s", x->name, vis[x->vis]);
    if (x->kind == FTL_DECL_DATABASE && x->engine) ftl_buf_printf(d->out, " engine=%s", x->engine);
    for (uint32_t i = 0; i < ftl_decl_nparams(x); i++)
        ftl_buf_printf(d->out, " param=%s", x->params[i].name);
    d_span(d, x->span);
    ftl_buf_putc(d->out, '\n');
    if (ftl_decl_request(x)) d_type(d, depth + 1, "request", x->request);
    if (ftl_decl_response(x)) d_type(d, depth + 1, "response", x->response);
    if (ftl_decl_type(x)) d_type(d, depth + 1, "type", ftl_decl_type(x));
    d_metas(d, depth + 1, &x->meta);
    for (uint32_t i = 0; i < x->nfields; i++) {
        const FtlField *f = &x->fields[i];
        d_comments(d, depth + 1, ftl_field_comments(f));
        d_line(d, depth + 1, "field ");
        ftl_buf_puts(d->out, f->name);
        ftl_buf_puts(d->out, " ");
        ftl_fmt_type(d->out, f->type);
        d_span(d, f->span);
        ftl_buf_putc(d->out, '\n');
        d_metas(d, depth + 2, ftl_field_meta(f));
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(x); i++) {
        const FtlVariant *v = x->variants[i];
        d_comments(d, depth + 1, &v->comments);
        d_line(d, depth + 1, "variant ");
        ftl_buf_puts(d->out, v->name);
        if (v->vkind == FTL_VAL_STRING)
            d_str(d, "string", v->str);
        else if (v->vkind == FTL_VAL_INT)
            ftl_buf_printf(d->out, " int=%lld", (long long)v->ival);
        else {
            ftl_buf_puts(d->out, " type=");
            ftl_fmt_type(d->out, v->type);
        }
        d_span(d, v->span);
        ftl_buf_putc(d->out, '\n');
    }
}

static void d_module(Dump *d, int depth, const FtlModule *m)
{
    d_comments(d, depth, &m->comments);
    d_line(d, depth, m->builtin ? "builtin module " : "module ");
    ftl_buf_puts(d->out, m->name);
    d_span(d, m->span);
    ftl_buf_putc(d->out, '\n');
    d_metas(d, depth + 1, &m->meta);
    for (uint32_t i = 0; i < m->ndecls; i++)
        d_decl(d, depth + 1, m->decls[i]);
}

void ftl_ast_dump(FtlBuf *out, const FtlFile *f, const FtlSources *spans)
{
    Dump d = {out, spans};
    if (f->is_module_file) {
        ftl_buf_puts(out, "module-file\n");
        if (f->module) d_module(&d, 1, f->module);
        return;
    }
    ftl_buf_puts(out, "schema-file\n");
    for (uint32_t i = 0; i < f->nrealms; i++) {
        const FtlRealm *r = f->realms[i];
        d_line(&d, 1, r->external ? "external realm " : "realm ");
        ftl_buf_puts(out, r->name);
        d_span(&d, r->span);
        ftl_buf_putc(out, '\n');
        for (uint32_t j = 0; j < r->nmodules; j++)
            d_module(&d, 2, r->modules[j]);
    }
}
