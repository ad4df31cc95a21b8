/* public.c - the public schema of the local realm (ftlc-export(1), DESCRIPTION) and the report
 * of how a committed copy of it is stale.
 *
 * The schema has been checked, F10 included (check_realm.c), so the closure
 * computed here reaches no external realm; it differs from the checker's only in
 * keeping builtin declarations, which the published file must contain when the
 * API uses them (HttpRequest through an ingress verb, ...).
 */
#include "realm/public.h"
#include "base/diff.h"
#include "proto/textproto.h"

#include <stdlib.h>
#include <string.h>

/* ---- the closure P (ftlc-export(1), DESCRIPTION: Roots, Closure) ------------------------- */

/* Who is in P is marked on the declarations themselves (FtlDecl.mark) while
 * the view is made, and the marks cleared once it is. */
typedef struct Closure {
    FtlSchema *s;
    const FtlRealm *local;
    const FtlDecl **items;
    uint32_t n, cap;
} Closure;

static void add(Closure *p, const FtlDecl *d)
{
    if (d->mark) return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->items = ftl_xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n++] = d;
    ((FtlDecl *)d)->mark = 1; /* the tree's, in the arena: never const */
}

/* The builtin module is not resolved by the checker (it is fixed text), so its
 * references (builtin.Ref in CatchRequest) are looked up here. */
static const FtlDecl *target(const Closure *p, const FtlRef *r)
{
    if (r->state == FTL_REF_DECL) return ftl_ref_target_realm(r) ? NULL : ftl_ref_target(r);
    if (r->state == FTL_REF_UNRESOLVED && r->module == p->s->n_builtin)
        return ftl_module_lookup(p->s->builtin, ftl_ref_name(r));
    return NULL; /* a type parameter, or an error */
}

static void follow_type(Closure *p, const FtlType *t)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        const FtlDecl *d = target(p, ftl_type_ref(t));
        /* Configs and secrets are never published (type positions are not
         * kind-checked, so a field may name one). */
        if (d && d->module && (d->module == p->s->builtin || d->module->realm == p->local) &&
            d->kind != FTL_DECL_CONFIG && d->kind != FTL_DECL_SECRET)
            add(p, d);
        for (uint32_t i = 0; i < ftl_ref_nargs(ftl_type_ref(t)); i++)
            follow_type(p, ftl_ref_args(ftl_type_ref(t))[i]);
    } else if (t->kind >= FTL_TY_ARRAY) {
        follow_type(p, t->elem);
        follow_type(p, ftl_type_value(t));
    }
}

static void follow_decl(Closure *p, const FtlDecl *d)
{
    follow_type(p, ftl_decl_request(d));
    follow_type(p, ftl_decl_response(d));
    follow_type(p, ftl_decl_type(d));
    for (uint32_t i = 0; i < d->nfields; i++)
        follow_type(p, d->fields[i].type);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        follow_type(p, d->variants[i]->type);
}

static void closure(Closure *p)
{
    for (uint32_t i = 0; i < p->local->nmodules; i++) {
        const FtlModule *m = p->local->modules[i];
        if (m == p->s->builtin) continue;
        for (uint32_t j = 0; j < m->ndecls; j++)
            if (m->decls[j]->vis == FTL_VIS_REALM) add(p, m->decls[j]);
    }
    for (uint32_t i = 0; i < p->n; i++)
        follow_decl(p, p->items[i]);
}

/* ---- stripping (ftlc-export(1), DESCRIPTION: Stripped) ----------------------------------- */

/* Metadata that shapes the wire contract; everything else describes deployment
 * or points at other declarations. */
static int kept(FtlMetaKind k)
{
    return k == FTL_MD_ALIAS || k == FTL_MD_ENCODING || k == FTL_MD_TYPEMAP || k == FTL_MD_INGRESS;
}

static FtlMetaList strip_meta(FtlArena *a, FtlMetaList ml)
{
    FtlMetaList r = {NULL, 0};
    if (!ml.count) return r;
    r.items = FTL_NEW_N(a, FtlMeta *, ml.count);
    for (uint32_t i = 0; i < ml.count; i++)
        if (kept(ml.items[i]->kind)) r.items[r.count++] = ml.items[i];
    return r;
}

/* Whether strip_meta would leave something out of ml. */
static int strips(FtlMetaList ml)
{
    for (uint32_t i = 0; i < ml.count; i++)
        if (!kept(ml.items[i]->kind)) return 1;
    return 0;
}

static int field_strips(const FtlField *f)
{
    return f->more && strips(f->more->meta);
}

/* f, a copy, without the metadata it does not keep. */
static void strip_field(FtlArena *a, FtlField *f)
{
    if (!field_strips(f)) return;
    FtlFieldMore *more = FTL_NEW(a, FtlFieldMore);
    more->comments = f->more->comments;
    more->meta = strip_meta(a, f->more->meta);
    f->more = more;
}

/* d without the metadata it does not keep, on itself and its fields, copied
 * into a. Only what loses something is copied: the public schema of a large
 * realm is mostly declarations as they are (the writers read the view, never
 * change it). */
static FtlDecl *strip_decl(FtlArena *a, FtlDecl *d)
{
    uint32_t first = 0;
    while (first < d->nfields && !field_strips(&d->fields[first]))
        first++;
    if (first == d->nfields && !strips(d->meta)) return d;
    FtlDecl *c = FTL_NEW(a, FtlDecl);
    *c = *d;
    c->meta = strip_meta(a, d->meta);
    if (first == d->nfields) return c;
    FtlField *fields = FTL_NEW_N(a, FtlField, d->nfields);
    memcpy(fields, d->fields, d->nfields * sizeof *fields);
    for (uint32_t i = first; i < d->nfields; i++)
        strip_field(a, &fields[i]);
    c->fields = fields;
    return c;
}

/* The module as the public view holds it until it is read: a copy that
 * lists only its declarations in P, in their order; NULL when none is in P.
 * (Some 8 bytes a declaration: canonical order and stripping wait for
 * ftl_canon_open, public_make.) */
static FtlModule *public_shell(Closure *p, const FtlModule *m)
{
    FtlSchema *s = p->s;
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->ndecls; i++)
        n += m->decls[i]->mark != 0;
    if (!n) return NULL;
    FtlModule *c = FTL_NEW(s->arena, FtlModule);
    *c = *m;
    memset(&c->names, 0, sizeof c->names);
    c->meta = (FtlMetaList){NULL, 0};
    c->decls = FTL_NEW_N(s->arena, FtlDecl *, n);
    c->ndecls = 0;
    for (uint32_t i = 0; i < m->ndecls; i++)
        if (m->decls[i]->mark) c->decls[c->ndecls++] = m->decls[i];
    return c;
}

/* A shell of the public view as it is read (FtlCanonView.make): in canonical
 * order (the builtin module keeps its fixed order: its declarations are the
 * builtin module's), stripped; what is copied goes to a. */
static FtlModule *public_make(FtlSchema *s, const FtlModule *m, FtlArena *a)
{
    FtlModule *c;
    if (m->ndecls && m->decls[0]->module == s->builtin) {
        c = FTL_NEW(a, FtlModule);
        *c = *m;
        c->decls = FTL_NEW_N(a, FtlDecl *, m->ndecls);
        memcpy(c->decls, m->decls, m->ndecls * sizeof *c->decls);
    } else {
        c = ftl_canon_module(s, m, 0, a);
    }
    for (uint32_t i = 0; i < c->ndecls; i++)
        c->decls[i] = strip_decl(a, c->decls[i]);
    return c;
}

static int module_cmp(const void *a, const void *b)
{
    const FtlModule *x = *(FtlModule *const *)a, *y = *(FtlModule *const *)b;
    return strcmp(x->name, y->name);
}

int ftl_public_view(FtlSchema *s, FtlCanonView *v)
{
    memset(v, 0, sizeof *v);
    if (!s->local || !*s->local->name) return -1;
    Closure p = {s, s->local, NULL, 0, 0};
    closure(&p);
    FtlRealm *r = FTL_NEW(s->arena, FtlRealm);
    *r = *s->local;
    memset(&r->module_names, 0, sizeof r->module_names);
    r->external = 0;
    r->modules = FTL_NEW_N(s->arena, FtlModule *, s->local->nmodules ? s->local->nmodules : 1);
    r->nmodules = 0;
    for (uint32_t i = 0; i < s->local->nmodules; i++) {
        FtlModule *m = public_shell(&p, s->local->modules[i]);
        if (m) r->modules[r->nmodules++] = m;
    }
    qsort(r->modules, r->nmodules, sizeof *r->modules, module_cmp);
    for (uint32_t i = 0; i < p.n; i++)
        ((FtlDecl *)p.items[i])->mark = 0;
    free(p.items);
    v->realms = FTL_NEW_N(s->arena, FtlRealm *, 1);
    v->realms[0] = r;
    v->nrealms = 1;
    v->schema = s;
    v->make = public_make;
    return 0;
}

/* ---- how a committed file is stale -------------------------------------------------------- */

typedef struct DeclKey {
    char *key;   /* "module.Name (kind)" */
    FtlBuf body; /* the declaration's binary encoding */
} DeclKey;

static const char *decl_kind(const Xyz__Block__Ftl__Schema__V1__Decl *d)
{
    static const char *const kinds[] = {"?",         "data",   "verb",   "database", "enum",
                                        "typealias", "config", "secret", "?",        "topic"};
    return (unsigned)d->value_case < 10 ? kinds[d->value_case] : "?";
}

/* Every oneof member of Decl has its name at the same place: read it through the
 * descriptor rather than a switch over eight types. */
static const char *decl_name(const Xyz__Block__Ftl__Schema__V1__Decl *d)
{
    const ProtobufCFieldDescriptor *f =
        protobuf_c_message_descriptor_get_field(d->base.descriptor, (unsigned)d->value_case);
    if (!f) return "";
    const ProtobufCMessage *m = *(ProtobufCMessage *const *)((const char *)d + f->offset);
    const ProtobufCFieldDescriptor *nf =
        protobuf_c_message_descriptor_get_field_by_name(m->descriptor, "name");
    return nf ? *(char *const *)((const char *)m + nf->offset) : "";
}

static int key_cmp(const void *a, const void *b)
{
    return strcmp(((const DeclKey *)a)->key, ((const DeclKey *)b)->key);
}

static DeclKey *decl_keys(const FtlPbSchema *m, size_t *n)
{
    size_t cap = 0, k = 0;
    for (size_t i = 0; i < m->n_realms; i++)
        for (size_t j = 0; j < m->realms[i]->n_modules; j++)
            cap += m->realms[i]->modules[j]->n_decls;
    DeclKey *keys = ftl_xmalloc((cap ? cap : 1) * sizeof *keys);
    for (size_t i = 0; i < m->n_realms; i++)
        for (size_t j = 0; j < m->realms[i]->n_modules; j++) {
            const Xyz__Block__Ftl__Schema__V1__Module *mod = m->realms[i]->modules[j];
            for (size_t d = 0; d < mod->n_decls; d++) {
                FtlBuf b;
                ftl_buf_init(&b);
                ftl_buf_printf(&b, "%s.%s (%s)", mod->name, decl_name(mod->decls[d]),
                               decl_kind(mod->decls[d]));
                keys[k].key = b.data;
                ftl_buf_init(&keys[k].body);
                size_t len = protobuf_c_message_get_packed_size(&mod->decls[d]->base);
                ftl_buf_reserve(&keys[k].body, len + 1);
                keys[k].body.len =
                    protobuf_c_message_pack(&mod->decls[d]->base, (uint8_t *)keys[k].body.data);
                k++;
            }
        }
    qsort(keys, k, sizeof *keys, key_cmp);
    *n = k;
    return keys;
}

static void free_keys(DeclKey *keys, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(keys[i].key);
        ftl_buf_free(&keys[i].body);
    }
    free(keys);
}

static void list_line(FtlBuf *out, const char *what, DeclKey **items, size_t n)
{
    if (!n) return;
    ftl_buf_printf(out, "  declarations %s:", what);
    for (size_t i = 0; i < n; i++)
        ftl_buf_printf(out, " %s%s", items[i]->key, i + 1 < n ? "," : "");
    ftl_buf_putc(out, '\n');
}

/* Declarations added, removed and changed between two Schema messages. */
static void summary(FtlBuf *out, const FtlPbSchema *old, const FtlPbSchema *fresh)
{
    size_t no, nf, i = 0, j = 0, na = 0, nr = 0, nc = 0;
    DeclKey *ko = decl_keys(old, &no), *kf = decl_keys(fresh, &nf);
    DeclKey **added = ftl_xmalloc((nf + 1) * sizeof *added);
    DeclKey **removed = ftl_xmalloc((no + 1) * sizeof *removed);
    DeclKey **changed = ftl_xmalloc((nf + 1) * sizeof *changed);
    while (i < no || j < nf) {
        int c = i == no ? 1 : j == nf ? -1 : strcmp(ko[i].key, kf[j].key);
        if (c < 0)
            removed[nr++] = &ko[i++];
        else if (c > 0)
            added[na++] = &kf[j++];
        else {
            if (ko[i].body.len != kf[j].body.len ||
                memcmp(ko[i].body.data, kf[j].body.data, kf[j].body.len) != 0)
                changed[nc++] = &kf[j];
            i++, j++;
        }
    }
    list_line(out, "added", added, na);
    list_line(out, "removed", removed, nr);
    list_line(out, "changed", changed, nc);
    if (!na && !nr && !nc)
        ftl_buf_puts(out, "  same declarations; the realm, module or layout differ\n");
    free(added);
    free(removed);
    free(changed);
    free_keys(ko, no);
    free_keys(kf, nf);
}

void ftl_public_diff(FtlBuf *out, const char *name, const char *old, size_t oldlen,
                     const char *fresh, size_t freshlen, FtlFormat f)
{
    FtlDecodeError err;
    FtlPbSchema *mo = NULL, *mf = NULL;
    if (f != FTL_FORMAT_FTL) {
        mo = ftl_io_decode(old, oldlen, f, &err);
        mf = ftl_io_decode(fresh, freshlen, f, &err);
    }
    if (mo && mf)
        summary(out, mo, mf);
    else if (f != FTL_FORMAT_FTL)
        ftl_buf_printf(out, "  the committed file is not a valid %s public schema\n",
                       ftl_format_name(f));
    if (f != FTL_FORMAT_BINPB) {
        ftl_diff_unified(out, name, old, oldlen, fresh, freshlen);
    } else if (mo && mf) {
        /* Binary files are compared through their text format. */
        size_t lo, lf;
        char *to = ftl_tp_format(&mo->base, &lo), *tf = ftl_tp_format(&mf->base, &lf);
        if (!to || !tf) ftl_oom();
        ftl_diff_unified(out, name, to, lo, tf, lf);
        free(to);
        free(tf);
    }
    if (mo) protobuf_c_message_free_unpacked(&mo->base, NULL);
    if (mf) protobuf_c_message_free_unpacked(&mf->base, NULL);
}
