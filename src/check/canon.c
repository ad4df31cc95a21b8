/* canon.c - the canonical text of a validated schema (CANONICAL LAYOUT in
 * ftl-schema(5), ftlc-emit(1)).
 *
 * Builds a view of the tree in canonical form - builtin module first (already
 * inserted by the checker), declarations sorted by kind and name, verb
 * metadata sorted by kind, reference lists sorted when upstream sorts them,
 * generated dead-letter topics included - and prints it with the layout
 * printer, whose reference hook prints every reference qualified. The tree
 * itself is not changed: the view holds shallow copies, of one module at a
 * time (ftl_canon_open).
 */
#include "check/check_int.h"
#include "check/canon.h"
#include "syntax/fmt.h"

#include <stdlib.h>
#include <string.h>

typedef struct Canon {
    FtlSchema *s;
    int module_file; /* a module file: unqualified builtin names stay as written */
    FtlArena *arena; /* where the copies go */
} Canon;

/* ---- references ------------------------------------------------------------------------- */

void ftl_canon_ref(const FtlSchema *s, int module_file, const FtlRef *r, const char **module,
                   const char **realm)
{
    *module = r->module;
    *realm = r->state != FTL_REF_DECL ? ftl_ref_realm(r) : NULL;
    if (r->state != FTL_REF_DECL || !ftl_ref_target(r)->module) return;
    const FtlDecl *d = ftl_ref_target(r);
    if (d->module == s->builtin) {
        if (!module_file) *module = s->n_builtin;
        return;
    }
    *module = d->module->name;
    const FtlRealm *other = ftl_ref_target_realm(r);
    *realm = other ? other->name : NULL;
}

static void ref_name(FtlBuf *out, const FtlRef *r, const void *ctx)
{
    const Canon *cn = ctx;
    const char *module, *realm;
    ftl_canon_ref(cn->s, cn->module_file, r, &module, &realm);
    if (module) ftl_buf_printf(out, "%s.", module);
    ftl_buf_puts(out, ftl_ref_name(r));
    if (realm) ftl_buf_printf(out, "@%s", realm);
}

/* Sort key of a reference in a list: (module, name, realm), an unsuffixed
 * reference before any suffixed one (ftlc-emit(1)). */
typedef struct RefKey {
    FtlRef *ref;
    const char *module, *name, *realm;
    uint32_t idx;
} RefKey;

static void ref_key(const Canon *cn, FtlRef *r, uint32_t idx, RefKey *k)
{
    k->ref = r;
    k->idx = idx;
    k->name = ftl_ref_name(r);
    k->module = r->module ? r->module : "";
    k->realm = NULL;
    if (r->state == FTL_REF_DECL && ftl_ref_target(r)->module) {
        k->module = ftl_ref_target(r)->module == cn->s->builtin ? "builtin"
                                                                : ftl_ref_target(r)->module->name;
        const FtlRealm *other = ftl_ref_target_realm(r);
        k->realm = other ? other->name : NULL;
    }
}

static int key_cmp(const void *a, const void *b)
{
    const RefKey *x = a, *y = b;
    int c = strcmp(x->module, y->module);
    if (!c) c = strcmp(x->name, y->name);
    if (!c && (x->realm || y->realm)) {
        if (!x->realm) return -1;
        if (!y->realm) return 1;
        c = strcmp(x->realm, y->realm);
    }
    if (!c) c = x->idx < y->idx ? -1 : x->idx > y->idx;
    return c;
}

/* Whether n items at got are those at had, in the same order. */
static int same_items(void *const *got, void *const *had, uint32_t n)
{
    return memcmp(got, had, n * sizeof *got) == 0;
}

/* A copy of m (as much as its kind takes) with n items at refs, in the arena. */
static FtlMeta *meta_with_refs(const Canon *cn, const FtlMeta *m, FtlRef *const *refs)
{
    FtlMeta *c = ftl_arena_alloc(cn->arena, ftl_meta_size(m->kind));
    memcpy(c, m, ftl_meta_size(m->kind));
    memcpy(ftl_meta_alloc_refs(cn->arena, c, m->nrefs), refs, m->nrefs * sizeof *refs);
    return c;
}

/* Sorts a metadata item's references; in a module file, a dead-letter
 * reference added by validation stays last (it is appended after sorting).
 * An item already in order is its own canonical form: the view copies only
 * what sorting changes (emit of 20 MB held 9 MB of copies that were the same
 * as what they copied). */
static FtlMeta *sorted_refs(const Canon *cn, const FtlMeta *m)
{
    RefKey *keys = ftl_xmalloc(m->nrefs * sizeof *keys);
    FtlRef **refs = ftl_xmalloc(m->nrefs * sizeof *refs);
    uint32_t n = 0, tail = 0;
    FtlRef *gen[8];
    for (uint32_t i = 0; i < m->nrefs; i++) {
        if (cn->module_file && !ftl_span_valid(ftl_ref_span(ftl_meta_refs(m)[i])) && tail < 8)
            gen[tail++] = ftl_meta_refs(m)[i];
        else
            ref_key(cn, ftl_meta_refs(m)[i], i, &keys[n++]);
    }
    qsort(keys, n, sizeof *keys, key_cmp);
    for (uint32_t i = 0; i < n; i++)
        refs[i] = keys[i].ref;
    for (uint32_t i = 0; i < tail; i++)
        refs[n + i] = gen[i];
    FtlMeta *c = same_items((void *const *)refs, (void *const *)ftl_meta_refs(m), m->nrefs)
                     ? (FtlMeta *)m
                     : meta_with_refs(cn, m, refs);
    free(refs);
    free(keys);
    return c;
}

static int str_cmp(const void *a, const void *b)
{
    const FtlStr *x = a, *y = b;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->ptr, y->ptr, n);
    return c ? c : (x->len > y->len) - (x->len < y->len);
}

/* ---- declarations ------------------------------------------------------------------------ */

typedef struct Ranked {
    void *item;
    int rank;
    const char *name;
    uint32_t idx;
} Ranked;

static int ranked_cmp(const void *a, const void *b)
{
    const Ranked *x = a, *y = b;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    if (x->name && y->name) {
        int c = strcmp(x->name, y->name);
        if (c) return c;
    }
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* m with its egress targets sorted; m itself when they are in order. */
static FtlMeta *sorted_strs(const Canon *cn, FtlMeta *m)
{
    uint32_t i = 1;
    while (i < m->nstrs && str_cmp(&m->strs[i - 1], &m->strs[i]) <= 0)
        i++;
    if (i >= m->nstrs) return m;
    FtlMeta *e = ftl_arena_alloc(cn->arena, ftl_meta_size(m->kind));
    memcpy(e, m, ftl_meta_size(m->kind));
    e->strs = FTL_NEW_N(cn->arena, FtlStr, m->nstrs);
    memcpy(e->strs, m->strs, m->nstrs * sizeof *e->strs);
    qsort(e->strs, e->nstrs, sizeof *e->strs, str_cmp);
    return e;
}

/* Verb metadata sorted by kind (ftlc-emit(1)); lists sorted only when the
 * verb has at least two items, as upstream. A generated +publish in a module
 * file goes last. A verb whose metadata is in that order already is its own
 * canonical form (sorted_refs). */
static FtlDecl *canon_verb(const Canon *cn, const FtlDecl *v)
{
    uint32_t n = v->meta.count;
    /* The view is read, never changed (public.c copies what it strips). */
    if (!n) return (FtlDecl *)v;
    Ranked *r = ftl_xmalloc(n * sizeof *r);
    FtlMeta **items = ftl_xmalloc(n * sizeof *items);
    uint32_t k = 0;
    FtlMeta *last = NULL;
    for (uint32_t i = 0; i < n; i++) {
        FtlMeta *m = v->meta.items[i];
        if (cn->module_file && m->generated)
            last = m;
        else
            r[k++] = (Ranked){m, (int)m->kind, NULL, i};
    }
    qsort(r, k, sizeof *r, ranked_cmp);
    int sort_lists = n >= 2;
    for (uint32_t i = 0; i < k; i++) {
        FtlMeta *m = r[i].item;
        if (sort_lists && m->nrefs > 1 && m->kind != FTL_MD_SUBSCRIBE && m->kind != FTL_MD_RETRY)
            m = sorted_refs(cn, m);
        if (sort_lists && m->kind == FTL_MD_EGRESS && m->nstrs > 1) m = sorted_strs(cn, m);
        items[i] = m;
    }
    if (last) items[k++] = last;
    FtlDecl *c = (FtlDecl *)v;
    if (k != n || !same_items((void *const *)items, (void *const *)v->meta.items, n)) {
        c = FTL_NEW(cn->arena, FtlDecl);
        *c = *v;
        c->meta.items = FTL_NEW_N(cn->arena, FtlMeta *, k ? k : 1);
        memcpy(c->meta.items, items, k * sizeof *items);
        c->meta.count = k;
    }
    free(items);
    free(r);
    return c;
}

static FtlModule *canon_module(const Canon *cn, const FtlModule *m)
{
    if (m == cn->s->builtin) return (FtlModule *)m; /* fixed order, not validated */
    FtlModule *c = FTL_NEW(cn->arena, FtlModule);
    *c = *m;
    memset(&c->names, 0, sizeof c->names);
    Ranked *r = ftl_xmalloc((m->ndecls + 1) * sizeof *r);
    for (uint32_t i = 0; i < m->ndecls; i++)
        r[i] = (Ranked){m->decls[i], (int)m->decls[i]->kind, m->decls[i]->name, i};
    qsort(r, m->ndecls, sizeof *r, ranked_cmp);
    c->decls = FTL_NEW_N(cn->arena, FtlDecl *, m->ndecls);
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *d = r[i].item;
        c->decls[i] = d->kind == FTL_DECL_VERB ? canon_verb(cn, d) : d;
    }
    free(r);
    return c;
}

FtlModule *ftl_canon_module(FtlSchema *s, const FtlModule *m, int module_file, FtlArena *a)
{
    Canon cn = {s, module_file, a};
    return canon_module(&cn, m);
}

/* The schema's own lists: realms and modules stay in input order (the
 * checker put the builtin module first), so only what a module holds is
 * sorted, as each is opened. */
void ftl_canon_view(FtlSchema *s, FtlCanonView *v)
{
    memset(v, 0, sizeof *v);
    v->module_file = s->module_mode;
    v->schema = s;
    if (s->module_mode) {
        v->nmodules = s->nmodfiles;
        v->modules = s->modfiles;
        return;
    }
    v->nrealms = s->nrealms;
    v->realms = s->realms;
}

const FtlModule *ftl_canon_open(const FtlCanonView *v, const FtlModule *m)
{
    FtlSchema *s = v->schema;
    /* Opens nest (a reader may hold one module while it opens another): the
     * count keeps every copy until the last is closed. */
    s->canon_open++;
    if (v->make) return v->make(s, m, &s->canon_scratch);
    Canon cn = {s, v->module_file, &s->canon_scratch};
    return canon_module(&cn, m);
}

void ftl_canon_close(const FtlCanonView *v)
{
    FtlSchema *s = v->schema;
    if (s->canon_open && --s->canon_open == 0) ftl_arena_reset(&s->canon_scratch);
}

void ftl_canon_view_only(FtlSchema *s, FtlCanonView *v, const char *name)
{
    const char *want = ftl_intern_cstr(s->in, name);
    uint32_t n = 0, cap = v->modules ? v->nmodules : 0;
    for (uint32_t i = 0; i < v->nrealms; i++)
        cap += v->realms[i]->nmodules;
    FtlModule **keep = FTL_NEW_N(s->arena, FtlModule *, cap ? cap : 1);
    for (uint32_t i = 0; v->modules && i < v->nmodules; i++)
        if (v->modules[i]->name == want) keep[n++] = v->modules[i];
    for (uint32_t i = 0; !v->modules && i < v->nrealms; i++)
        for (uint32_t j = 0; j < v->realms[i]->nmodules; j++)
            if (v->realms[i]->modules[j]->name == want) keep[n++] = v->realms[i]->modules[j];
    v->modules = keep;
    v->nmodules = n;
    v->realms = NULL;
    v->nrealms = 0;
}

/* The printer's hooks (FtlFmtOptions.module_open) over ftl_canon_open. */
static const FtlModule *view_open(void *ctx, const FtlModule *m)
{
    return ftl_canon_open(ctx, m);
}
static void view_close(void *ctx)
{
    ftl_canon_close(ctx);
}

int ftl_emit_view(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlFmtDrain drain, void *ctx)
{
    Canon cn = {s, v->module_file, s->arena};
    FtlFmtOptions o = {.canonical = 1,
                       .ref_name = ref_name,
                       .ref_ctx = &cn,
                       .drain = drain,
                       .drain_ctx = ctx,
                       .module_open = view_open,
                       .module_close = view_close,
                       .module_ctx = (void *)v};
    if (!v->modules) {
        FtlFile f = {0};
        f.nrealms = v->nrealms;
        f.realms = v->realms;
        return ftl_fmt_file(out, &f, &o);
    }
    int rc = 0;
    for (uint32_t i = 0; rc == 0 && i < v->nmodules; i++) {
        if (i) ftl_buf_putc(out, '\n');
        FtlFile f = {0};
        f.is_module_file = 1;
        f.module = (FtlModule *)ftl_canon_open(v, v->modules[i]);
        rc = ftl_fmt_file(out, &f, &o);
        ftl_canon_close(v);
    }
    return rc;
}

void ftl_emit_decl(FtlBuf *out, FtlSchema *s, const FtlDecl *d)
{
    Canon cn = {s, s->module_mode, s->arena};
    FtlFmtOptions o = {.canonical = 1, .ref_name = ref_name, .ref_ctx = &cn};
    ftl_fmt_decl(out, d->kind == FTL_DECL_VERB ? canon_verb(&cn, d) : d, &o);
}

void ftl_emit_ftl(FtlBuf *out, FtlSchema *s)
{
    FtlCanonView v;
    ftl_canon_view(s, &v);
    ftl_emit_view(out, s, &v, NULL, NULL);
}
