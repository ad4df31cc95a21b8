/* index.c - the index of a compilation that every query reads, built once on
 * the first query after a compile.
 *
 * Symbols come from walking the parsed files in input order (realm blocks,
 * module files), then the modules the checker added (-I modules, the builtin
 * module): every realm, module, declaration, field, variant and type
 * parameter. References come from a second walk of the same declarations:
 * every type position, every metadata reference, with the module qualifier
 * and @realm of each as references of their own; the name of each
 * declaration is a reference of kind FTL_REF_DECLARATION. Targets are what the
 * checker resolved (FtlRef.target), so an unchecked tree (one with syntax
 * errors) still has its symbols, outline and tokens.
 *
 * Everything is linear in the tree, apart from sorting symbols and references
 * by position (already in order in the usual case, see sort_ids).
 */
#include "session/index.h"

#include <stdlib.h>
#include <string.h>

/* ---- building ---------------------------------------------------------------------- */

typedef struct Build {
    SesComp *c;
    SesIndex *x;
    FtlSchema *s;
} Build;

static FtlSymbolId add_sym(Build *b, FtlSymbolKind kind, FtlSymbolId parent, const char *name,
                           const void *node, FtlSpan span, FtlSpan name_span)
{
    SesIndex *x = b->x;
    if (x->nsyms == x->capsyms) {
        x->capsyms = x->capsyms ? x->capsyms * 2 : 256;
        x->syms = ftl_xrealloc(x->syms, x->capsyms * sizeof *x->syms);
    }
    SesSym *y = &x->syms[x->nsyms];
    memset(y, 0, sizeof *y);
    y->kind = kind;
    y->parent = parent;
    y->name = name;
    y->node = node;
    y->span = span;
    y->name_span = name_span;
    const SesSym *p = ses_sym(x, parent);
    y->realm = p ? p->realm : "";
    y->module = p && p->kind != FTL_SYMBOL_REALM ? p->module : NULL;
    y->external = p ? p->external : 0;
    FtlSymbolId id = ++x->nsyms;
    y->owner = kind >= FTL_SYMBOL_FIELD && p ? p->owner : id;
    if (node) ftl_map_set(&x->by_node, node, (void *)(uintptr_t)id);
    return id;
}

static FtlSymbolId sym_of(const SesIndex *x, const void *node)
{
    return node ? (FtlSymbolId)(uintptr_t)ftl_map_get(&x->by_node, node) : 0;
}

static void add_ref(Build *b, const SesRef *r)
{
    SesIndex *x = b->x;
    if (!r->target || !ftl_span_valid(r->tok)) return;
    if (x->nrefs == x->caprefs) {
        x->caprefs = x->caprefs ? x->caprefs * 2 : 256;
        x->refs = ftl_xrealloc(x->refs, x->caprefs * sizeof *x->refs);
    }
    x->refs[x->nrefs++] = *r;
}

/* The declaration of id at its name. */
static void add_declaration(Build *b, FtlSymbolId id, FtlSpan name_span)
{
    const SesSym *y = ses_sym(b->x, id);
    SesRef r = {name_span,
                name_span,
                FTL_REF_DECLARATION,
                SES_PART_NAME,
                id,
                y->parent,
                y->parent ? ses_sym(b->x, y->parent)->owner : id};
    add_ref(b, &r);
}

static const FtlSymbolKind DECL_KINDS[] = {
    [FTL_DECL_CONFIG] = FTL_SYMBOL_CONFIG,       [FTL_DECL_SECRET] = FTL_SYMBOL_SECRET,
    [FTL_DECL_DATABASE] = FTL_SYMBOL_DATABASE,   [FTL_DECL_TOPIC] = FTL_SYMBOL_TOPIC,
    [FTL_DECL_TYPEALIAS] = FTL_SYMBOL_TYPEALIAS, [FTL_DECL_ENUM] = FTL_SYMBOL_ENUM,
    [FTL_DECL_DATA] = FTL_SYMBOL_DATA,           [FTL_DECL_VERB] = FTL_SYMBOL_VERB,
};

static void add_decl(Build *b, FtlSymbolId mid, const FtlDecl *d)
{
    FtlSymbolId id =
        add_sym(b, DECL_KINDS[d->kind], mid, d->name, d, d->span, ftl_decl_name_span(d));
    SesSym *y = ses_sym(b->x, id);
    y->comments = &d->comments;
    y->vis = (int)d->vis;
    if (!d->generated) add_declaration(b, id, ftl_decl_name_span(d));
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++) {
        const FtlTypeParam *p = &d->params[i];
        add_declaration(b, add_sym(b, FTL_SYMBOL_TYPE_PARAMETER, id, p->name, p, p->span, p->span),
                        p->span);
    }
    for (uint32_t i = 0; i < d->nfields; i++) {
        const FtlField *f = &d->fields[i];
        FtlSpan name = ftl_field_name_span(f);
        FtlSymbolId fid = add_sym(b, FTL_SYMBOL_FIELD, id, f->name, f, f->span, name);
        ses_sym(b->x, fid)->comments = ftl_field_comments(f);
        add_declaration(b, fid, name);
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
        const FtlVariant *v = d->variants[i];
        FtlSymbolId vid = add_sym(b, FTL_SYMBOL_VARIANT, id, v->name, v, v->span, v->name_span);
        ses_sym(b->x, vid)->comments = &v->comments;
        add_declaration(b, vid, v->name_span);
    }
}

static void add_module(Build *b, FtlSymbolId rid, const FtlModule *m)
{
    if (sym_of(b->x, m)) return; /* the builtin module is in every realm */
    FtlSymbolId id = add_sym(b, FTL_SYMBOL_MODULE, rid, m->name, m, m->span, m->name_span);
    SesSym *y = ses_sym(b->x, id);
    y->module = m->name;
    y->comments = &m->comments;
    if (m->builtin) y->realm = "";
    add_declaration(b, id, m->name_span);
    for (uint32_t i = 0; i < m->ndecls; i++)
        add_decl(b, id, m->decls[i]);
}

/* The symbol of realm name (one for all the blocks of a realm). */
static FtlSymbolId realm_sym(Build *b, const FtlRealm *r)
{
    if (!r || !r->name || !r->name[0]) return 0;
    const char *name = ftl_intern_cstr(&b->c->in, r->name);
    FtlSymbolId id = (FtlSymbolId)(uintptr_t)ftl_map_get(&b->x->realms, name);
    if (!id) {
        id = add_sym(b, FTL_SYMBOL_REALM, 0, name, r, r->span, r->name_span);
        SesSym *y = ses_sym(b->x, id);
        y->realm = name;
        y->external = r->external;
        ftl_map_set(&b->x->realms, name, (void *)(uintptr_t)id);
    }
    return id;
}

static void add_block(Build *b, FtlSymbolId rid, const FtlRealm *blk)
{
    SesIndex *x = b->x;
    if (x->nblocks == x->capblocks) {
        x->capblocks = x->capblocks ? x->capblocks * 2 : 16;
        x->blocks = ftl_xrealloc(x->blocks, x->capblocks * sizeof *x->blocks);
    }
    x->blocks[x->nblocks++] = (SesBlock){rid, blk->span, blk->name_span};
    add_declaration(b, rid, blk->name_span);
}

/* The realm module files join: the local realm, when it has a name. */
static FtlSymbolId local_realm(Build *b)
{
    return b->s->module_mode ? 0 : realm_sym(b, b->s->local);
}

static void add_symbols(Build *b)
{
    const FtlSchema *s = b->s;
    for (uint32_t i = 0; i < s->nfiles; i++) {
        const FtlFile *f = s->files[i];
        if (f->is_module_file) {
            if (f->module) add_module(b, local_realm(b), f->module);
            continue;
        }
        for (uint32_t j = 0; j < f->nrealms; j++) {
            FtlSymbolId rid = realm_sym(b, f->realms[j]);
            if (rid) add_block(b, rid, f->realms[j]);
            for (uint32_t k = 0; k < f->realms[j]->nmodules; k++)
                add_module(b, rid, f->realms[j]->modules[k]);
        }
    }
    /* What the checker added: -I modules, the builtin module. */
    for (uint32_t i = 0; i < s->nrealms; i++) {
        FtlSymbolId rid = realm_sym(b, s->realms[i]);
        for (uint32_t j = 0; j < s->realms[i]->nmodules; j++) {
            const FtlModule *m = s->realms[i]->modules[j];
            add_module(b, m == s->builtin ? 0 : rid, m);
        }
    }
    if (s->builtin) add_module(b, 0, s->builtin);
}

/* ---- references ---------------------------------------------------------------------- */

typedef struct Site {
    FtlReferenceKind kind;
    FtlSymbolId from;
    const FtlDecl *decl; /* for type parameters */
} Site;

/* What a reference names: the checker's target, a type parameter of the
 * declaration, or (not resolved by the checker: fixed text) a builtin one. */
static FtlSymbolId ref_target(Build *b, const FtlRef *r, const Site *at)
{
    if (r->state == FTL_REF_DECL) return sym_of(b->x, ftl_ref_target(r));
    if (r->state == FTL_REF_PARAM && at->decl) {
        for (uint32_t i = 0; i < ftl_decl_nparams(at->decl); i++)
            if (at->decl->params[i].name == ftl_ref_name(r))
                return sym_of(b->x, &at->decl->params[i]);
        return 0;
    }
    if (r->state == FTL_REF_UNRESOLVED && b->s->builtin && r->module == b->s->n_builtin)
        return sym_of(b->x, ftl_module_lookup(b->s->builtin, ftl_ref_name(r)));
    return 0;
}

static void walk_type(Build *b, const FtlType *t, const Site *at);

static void walk_ref(Build *b, const FtlRef *r, const Site *at)
{
    const SesSym *from = ses_sym(b->x, at->from);
    FtlSymbolId owner = from ? from->owner : 0;
    FtlSymbolId target = ref_target(b, r, at);
    FtlSpan name_span = ftl_ref_name_span(r);
    int text = ftl_span_valid(name_span); /* decoded from protobuf: no text */
    FtlSpan written = ftl_ref_span(r);
    if (text) written.end = ftl_ref_realm(r) ? ftl_ref_realm_span(r).end : name_span.end;
    SesRef name = {
        written, text ? name_span : ftl_ref_span(r), at->kind, SES_PART_NAME, target, at->from,
        owner};
    add_ref(b, &name);
    const SesSym *t = ses_sym(b->x, target);
    if (text && r->module && t && t->kind != FTL_SYMBOL_TYPE_PARAMETER) {
        const SesSym *decl = ses_sym(b->x, t->parent); /* the module of the target */
        FtlSpan m = {ftl_ref_span(r).file, ftl_ref_span(r).off,
                     ftl_ref_span(r).off + (uint32_t)strlen(r->module)};
        SesRef mod = {m, m, at->kind, SES_PART_MODULE, decl ? t->parent : 0, at->from, owner};
        if (decl && decl->kind == FTL_SYMBOL_MODULE) add_ref(b, &mod);
    }
    if (text && ftl_ref_realm(r)) {
        FtlSymbolId rid = (FtlSymbolId)(uintptr_t)ftl_map_get(
            &b->x->realms, ftl_intern_cstr(&b->c->in, ftl_ref_realm(r)));
        SesRef realm = {ftl_ref_realm_span(r),
                        ftl_ref_realm_span(r),
                        at->kind,
                        SES_PART_REALM,
                        rid,
                        at->from,
                        owner};
        add_ref(b, &realm);
    }
    for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
        walk_type(b, ftl_ref_args(r)[i], at);
}

static void walk_type(Build *b, const FtlType *t, const Site *at)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        walk_ref(b, ftl_type_ref(t), at);
    } else if (t->kind >= FTL_TY_ARRAY) {
        walk_type(b, t->elem, at);
        walk_type(b, ftl_type_value(t), at);
    }
}

static void walk_meta(Build *b, const FtlMetaList *ml, FtlSymbolId from, const FtlDecl *d)
{
    for (uint32_t i = 0; i < ml->count; i++) {
        const FtlMeta *m = ml->items[i];
        if (m->generated) continue; /* the dead-letter +publish: not in the text */
        Site at = {m->kind == FTL_MD_CALLS ? FTL_REF_CALLS : FTL_REF_METADATA, from, d};
        for (uint32_t j = 0; j < m->nrefs; j++)
            walk_ref(b, ftl_meta_refs(m)[j], &at);
    }
}

static void walk_decl(Build *b, const FtlDecl *d)
{
    FtlSymbolId id = sym_of(b->x, d);
    if (!id || d->generated) return; /* a generated topic shares its verb's types */
    Site at = {FTL_REF_TYPE, id, d};
    walk_type(b, ftl_decl_request(d), &at);
    walk_type(b, ftl_decl_response(d), &at);
    walk_type(b, ftl_decl_type(d), &at);
    walk_meta(b, &d->meta, id, d);
    for (uint32_t i = 0; i < d->nfields; i++) {
        Site f = {FTL_REF_TYPE, sym_of(b->x, &d->fields[i]), d};
        walk_type(b, d->fields[i].type, &f);
        walk_meta(b, ftl_field_meta(&d->fields[i]), f.from, d);
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
        Site v = {FTL_REF_TYPE, sym_of(b->x, d->variants[i]), d};
        walk_type(b, d->variants[i]->type, &v);
    }
}

static void add_references(Build *b)
{
    SesIndex *x = b->x;
    for (uint32_t i = 0; i < x->nsyms; i++) {
        const SesSym *y = &x->syms[i];
        if (y->kind == FTL_SYMBOL_MODULE)
            walk_meta(b, &((const FtlModule *)y->node)->meta, i + 1, NULL);
        else if (y->kind >= FTL_SYMBOL_CONFIG && y->kind <= FTL_SYMBOL_VERB)
            walk_decl(b, y->node);
    }
}

/* ---- sorted views ----------------------------------------------------------------------- */

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

/* By file, start, then the larger first: an enclosing symbol before what it holds. */
static int sym_pos_cmp(const SesIndex *x, uint32_t a, uint32_t b)
{
    const FtlSpan *p = &x->syms[a - 1].span, *q = &x->syms[b - 1].span;
    int c = cmp_u32(p->file, q->file);
    if (!c) c = cmp_u32(p->off, q->off);
    if (!c) c = cmp_u32(q->end, p->end);
    return c ? c : cmp_u32(a, b);
}

static int ref_pos_cmp(const SesIndex *x, uint32_t a, uint32_t b)
{
    const FtlSpan *p = &x->refs[a].span, *q = &x->refs[b].span;
    int c = cmp_u32(p->file, q->file);
    if (!c) c = cmp_u32(p->off, q->off);
    if (!c) c = cmp_u32(p->end, q->end);
    return c ? c : cmp_u32(a, b);
}

static int ref_tok_cmp(const SesIndex *x, uint32_t a, uint32_t b)
{
    const FtlSpan *p = &x->refs[a].tok, *q = &x->refs[b].tok;
    int c = cmp_u32(p->file, q->file);
    if (!c) c = cmp_u32(p->off, q->off);
    return c ? c : cmp_u32(a, b);
}

/* A merge sort of ids (stable, n log n, and one linear pass when the ids are
 * already in order: the walks produce them in document order but for few
 * exceptions). */
void ses_sort_ids(const SesIndex *x, uint32_t *ids, uint32_t n, SesIdCmp cmp)
{
    uint32_t k = 1;
    while (k < n && cmp(x, ids[k - 1], ids[k]) <= 0)
        k++;
    if (k >= n) return;
    uint32_t *tmp = ftl_xmalloc(n * sizeof *tmp);
    for (uint32_t w = 1; w < n; w *= 2) {
        for (uint32_t lo = 0; lo < n; lo += 2 * w) {
            uint32_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            uint32_t i = lo, j = mid, o = lo;
            while (i < mid && j < hi)
                tmp[o++] = cmp(x, ids[i], ids[j]) <= 0 ? ids[i++] : ids[j++];
            while (i < mid)
                tmp[o++] = ids[i++];
            while (j < hi)
                tmp[o++] = ids[j++];
        }
        memcpy(ids, tmp, n * sizeof *ids);
    }
    free(tmp);
}

static uint32_t *iota(uint32_t n, uint32_t first)
{
    uint32_t *a = ftl_xmalloc((n ? n : 1) * sizeof *a);
    for (uint32_t i = 0; i < n; i++)
        a[i] = first + i;
    return a;
}

/* Groups items (taken in the order of order[]) by key(item) in 1..nkeys:
 * *by holds them key after key, *at[k-1] where key k begins (at[nkeys] the end). */
static void group(uint32_t nkeys, const uint32_t *order, uint32_t n, const uint32_t *keys,
                  uint32_t **by, uint32_t **at)
{
    uint32_t *start = calloc((size_t)nkeys + 1, sizeof *start);
    if (!start) ftl_oom();
    for (uint32_t i = 0; i < n; i++)
        if (keys[i]) start[keys[i]]++; /* counts, shifted by one */
    for (uint32_t k = 1; k <= nkeys; k++)
        start[k] += start[k - 1];
    uint32_t *out = ftl_xmalloc((n ? n : 1) * sizeof *out);
    uint32_t *fill = ftl_xmalloc(((size_t)nkeys + 1) * sizeof *fill);
    memcpy(fill, start, ((size_t)nkeys + 1) * sizeof *fill);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t item = order[i], key = keys[item];
        if (key) out[fill[key - 1]++] = item;
    }
    free(fill);
    *by = out;
    *at = start;
}

static void build_views(SesIndex *x)
{
    x->syms_by_pos = iota(x->nsyms, 1);
    ses_sort_ids(x, x->syms_by_pos, x->nsyms, sym_pos_cmp);
    x->refs_by_pos = iota(x->nrefs, 0);
    ses_sort_ids(x, x->refs_by_pos, x->nrefs, ref_pos_cmp);
    x->refs_by_tok = iota(x->nrefs, 0);
    ses_sort_ids(x, x->refs_by_tok, x->nrefs, ref_tok_cmp);
    uint32_t *keys = ftl_xmalloc(((x->nrefs > x->nsyms ? x->nrefs : x->nsyms) + 1) * sizeof *keys);
    for (uint32_t i = 0; i < x->nrefs; i++)
        keys[i] = x->refs[i].target;
    group(x->nsyms, x->refs_by_pos, x->nrefs, keys, &x->by_target, &x->target_at);
    for (uint32_t i = 0; i < x->nrefs; i++)
        keys[i] = x->refs[i].kind == FTL_REF_DECLARATION ? 0 : x->refs[i].owner;
    group(x->nsyms, x->refs_by_pos, x->nrefs, keys, &x->by_owner, &x->owner_at);
    /* children: symbols keyed by parent, taken in position order (ids as items) */
    uint32_t *items = ftl_xmalloc((x->nsyms + 1) * sizeof *items);
    for (uint32_t i = 0; i < x->nsyms; i++) {
        items[i] = x->syms_by_pos[i] - 1;
        keys[i] = x->syms[i].parent;
    }
    group(x->nsyms, items, x->nsyms, keys, &x->children, &x->child_at);
    free(items);
    free(keys);
}

void ses_index_free(SesIndex *x)
{
    if (!x) return;
    free(x->syms);
    free(x->refs);
    free(x->blocks);
    ftl_map_free(&x->by_node);
    ftl_map_free(&x->realms);
    free(x->syms_by_pos);
    free(x->refs_by_pos);
    free(x->refs_by_tok);
    free(x->by_target);
    free(x->target_at);
    free(x->by_owner);
    free(x->owner_at);
    free(x->children);
    free(x->child_at);
    free(x->sorted);
    free(x);
}

SesIndex *ses_index(FtlSession *s, SesComp *c)
{
    (void)s;
    if (c->index) return c->index;
    SesIndex *x = calloc(1, sizeof *x);
    if (!x) ftl_oom();
    c->index = x; /* zeroed: ses_index_free copes with what follows running out */
    ftl_map_init(&x->by_node);
    ftl_map_init(&x->realms);
    Build b = {c, x, &c->schema};
    add_symbols(&b);
    add_references(&b);
    build_views(x);
    return x;
}
