/* breaking_scope.c - one side of a comparison: its declarations indexed by class and
 * name, the scope (the roots that the visibility selects and every declaration of the
 * realm their type positions reach, as ftlc export's closure) and the direction of
 * every type, through the verbs and topics in scope only (+calls reaches nothing).
 *
 * Both walks use a work list, never recursion over declarations, so a chain of a
 * hundred thousand data types costs no stack; each declaration is queued at most
 * once for the scope and once per direction bit, so the walks are linear.
 */
#include "realm/breaking_int.h"
#include "proto/schema_io.h"

#include <stdlib.h>
#include <string.h>

BrkClass brk_class(FtlDeclKind k)
{
    switch (k) {
    case FTL_DECL_DATA:
    case FTL_DECL_ENUM:
    case FTL_DECL_TYPEALIAS: return BRK_TYPE;
    case FTL_DECL_VERB: return BRK_VERB;
    case FTL_DECL_TOPIC: return BRK_TOPIC;
    default: return BRK_NOCLASS;
    }
}

const FtlDecl *brk_ref_decl(const FtlRef *r)
{
    return r && r->state == FTL_REF_DECL ? ftl_ref_target(r) : NULL;
}

BrkInfo *brk_view_info(const BrkView *v, const FtlDecl *d)
{
    return d ? ftl_map_get(&v->info, d) : NULL;
}

const FtlDecl *brk_view_find(const BrkView *v, const char *module, const char *name, BrkClass c)
{
    const BrkModule *m = ftl_map_get(&v->modules, module);
    return m ? ftl_map_get(&m->by_class[c], name) : NULL;
}

FtlSpan brk_placed(const BrkView *v, FtlSpan span)
{
    const FtlSource *f = ftl_sources_get(v->side->schema->src, span.file);
    FtlSpan none = {0, 0, 0};
    return f && ftl_format_of_path(f->name) == FTL_FORMAT_FTL ? span : none;
}

/* ---- the index ------------------------------------------------------------------------------- */

static void index_module(BrkView *v, const FtlModule *m)
{
    BrkModule *bm = FTL_NEW(&v->arena, BrkModule);
    bm->m = m;
    for (uint32_t i = 0; i < m->ndecls; i++) {
        const FtlDecl *d = m->decls[i];
        BrkClass c = brk_class(d->kind);
        if (c == BRK_NOCLASS || d->generated) continue;
        /* Names shared by kinds of one class resolve to the first in canonical
         * order (D12 in ftlc-check(1)), as references do. */
        const FtlDecl *prev = ftl_map_get(&bm->by_class[c], d->name);
        if (!prev || d->kind < prev->kind) ftl_map_set(&bm->by_class[c], d->name, (void *)d);
        BrkInfo *info = FTL_NEW(&v->arena, BrkInfo);
        info->decl = d;
        ftl_map_set(&v->info, d, info);
    }
    if (!ftl_map_get(&v->modules, m->name)) ftl_map_set(&v->modules, m->name, bm);
    ftl_map_set(&v->own, m, bm);
    v->mods[v->nmods++] = bm;
}

static void index_side(BrkView *v)
{
    const FtlSchema *s = v->side->schema;
    const FtlRealm *r = v->side->realm;
    FtlModule **mods = r ? r->modules : s->modfiles;
    uint32_t n = r ? r->nmodules : s->nmodfiles;
    v->mods = FTL_NEW_N(&v->arena, BrkModule *, n + 1);
    for (uint32_t i = 0; i < n; i++)
        if (mods[i] != s->builtin && !mods[i]->builtin) index_module(v, mods[i]);
}

/* ---- walking type positions ------------------------------------------------------------------ */

typedef struct Walk {
    BrkView *v;
    BrkInfo **queue;
    uint32_t n, cap, head;
    /* where the type being walked sits */
    BrkInfo *from;
    const char *step, *step_name;
    FtlBrkDir dir; /* the direction walk; NONE for the scope walk */
} Walk;

static void push(Walk *w, BrkInfo *i)
{
    if (w->n == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->queue = ftl_xrealloc(w->queue, w->cap * sizeof *w->queue);
    }
    w->queue[w->n++] = i;
}

/* A declaration of the realm found at a type position: into the scope, or its
 * direction widened; queued when that is news. */
static void reach(Walk *w, BrkInfo *i)
{
    if (w->dir == FTL_BRK_NONE) {
        if (i->in_scope) return;
        i->in_scope = 1;
        i->parent = w->from;
        i->step = w->step;
        i->step_name = w->step_name;
        i->depth = w->from ? w->from->depth + 1 : 0;
        push(w, i);
        return;
    }
    if ((i->dir | w->dir) == i->dir) return;
    i->dir |= w->dir;
    push(w, i);
}

static void walk_type(Walk *w, const FtlType *t)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        const FtlDecl *d = brk_ref_decl(ftl_type_ref(t));
        BrkInfo *i = d && brk_class(d->kind) == BRK_TYPE ? brk_view_info(w->v, d) : NULL;
        if (i) reach(w, i);
        /* Type arguments flow where the reference does (the parameter's uses). */
        for (uint32_t k = 0; k < ftl_ref_nargs(ftl_type_ref(t)); k++)
            walk_type(w, ftl_ref_args(ftl_type_ref(t))[k]);
    } else if (t->kind >= FTL_TY_ARRAY) {
        walk_type(w, t->elem);
        walk_type(w, ftl_type_value(t));
    }
}

static void walk_at(Walk *w, const FtlType *t, const char *step, const char *name)
{
    w->step = step;
    w->step_name = name;
    walk_type(w, t);
}

/* The type positions of a declaration; the direction walk starts at verbs and topics
 * with their own directions, and carries the direction through types. */
static void walk_decl(Walk *w, BrkInfo *i, FtlBrkDir dir)
{
    const FtlDecl *d = i->decl;
    w->from = i;
    FtlBrkDir carried = w->dir;
    if (d->kind == FTL_DECL_VERB) {
        if (carried != FTL_BRK_NONE) w->dir = FTL_BRK_IN;
        walk_at(w, d->request, "request", NULL);
        if (carried != FTL_BRK_NONE) w->dir = FTL_BRK_OUT;
        walk_at(w, d->response, "response", NULL);
        w->dir = carried;
        return;
    }
    if (d->kind == FTL_DECL_TOPIC) {
        if (carried != FTL_BRK_NONE) w->dir = FTL_BRK_OUT;
        walk_at(w, ftl_decl_type(d), "event", NULL);
        w->dir = carried;
        return;
    }
    if (carried != FTL_BRK_NONE) w->dir = dir;
    walk_at(w, ftl_decl_type(d), "aliased type", NULL);
    for (uint32_t k = 0; k < d->nfields; k++)
        walk_at(w, d->fields[k].type, "field", d->fields[k].name);
    for (uint32_t k = 0; k < ftl_decl_nvariants(d); k++)
        walk_at(w, d->variants[k]->type, "variant", d->variants[k]->name);
    w->dir = carried;
}

/* ---- the scope ------------------------------------------------------------------------------- */

static FtlVis threshold(FtlBrkScope scope)
{
    return scope == FTL_BRK_SCOPE_REALM    ? FTL_VIS_REALM
           : scope == FTL_BRK_SCOPE_MODULE ? FTL_VIS_MODULE
                                           : FTL_VIS_NONE;
}

static int is_root(const BrkInfo *i, FtlBrkScope scope)
{
    return i->decl->vis >= threshold(scope);
}

/* realm update: the declarations the local realm uses are the roots; the types it
 * names itself flow both ways (its own code sends and receives them). */
static BrkInfo *used_root(const BrkView *v, const FtlBrkUse *u)
{
    BrkInfo *i =
        brk_view_info(v, brk_view_find(v, u->module, u->name, u->verb ? BRK_VERB : BRK_TYPE));
    if (i && !u->verb) i->seed = 1;
    return i;
}

/* Roots in a fixed order (verbs, then topics, then types, each in module order), so
 * that every declaration's path starts at a verb when one reaches it. */
static void scope_roots(Walk *w, const BrkRoots *r)
{
    static const BrkClass order[] = {BRK_VERB, BRK_TOPIC, BRK_TYPE};
    w->from = NULL;
    w->step = w->step_name = NULL;
    for (int c = 0; c < 3; c++) {
        for (uint32_t i = 0; i < r->nuses; i++) {
            BrkInfo *info = used_root(w->v, &r->uses[i]);
            if (info && brk_class(info->decl->kind) == order[c]) info->root = 1, reach(w, info);
        }
        for (uint32_t i = 0; i < w->v->nmods && !r->uses; i++) {
            const FtlModule *m = w->v->mods[i]->m;
            for (uint32_t k = 0; k < m->ndecls; k++) {
                BrkInfo *info = brk_view_info(w->v, m->decls[k]);
                if (!info || brk_class(info->decl->kind) != order[c] || !is_root(info, r->scope))
                    continue;
                info->root = 1;
                reach(w, info);
            }
        }
    }
}

static void walk_queue(Walk *w)
{
    while (w->head < w->n) {
        BrkInfo *i = w->queue[w->head++];
        walk_decl(w, i, i->dir);
    }
}

static void walk_scope(BrkView *v, const BrkRoots *r)
{
    Walk w;
    memset(&w, 0, sizeof w);
    w.v = v;
    scope_roots(&w, r);
    walk_queue(&w);
    /* Directions: from every verb and topic in scope. */
    uint32_t n = w.n;
    BrkInfo **scoped = w.queue;
    Walk d;
    memset(&d, 0, sizeof d);
    d.v = v;
    d.dir = FTL_BRK_BOTH; /* anything but NONE: walk_decl sets the real one */
    for (uint32_t i = 0; i < n; i++) {
        BrkClass c = brk_class(scoped[i]->decl->kind);
        if (c == BRK_VERB || c == BRK_TOPIC) walk_decl(&d, scoped[i], FTL_BRK_NONE);
        if (scoped[i]->seed) reach(&d, scoped[i]);
        walk_queue(&d);
    }
    free(d.queue);
    free(scoped);
}

void brk_view_init(BrkView *v, const FtlBrkSide *side, const BrkRoots *roots)
{
    memset(v, 0, sizeof *v);
    v->side = side;
    ftl_arena_init(&v->arena);
    index_side(v);
    walk_scope(v, roots);
}

void brk_view_free(BrkView *v)
{
    for (uint32_t i = 0; i < v->nmods; i++)
        for (int c = 0; c < 4; c++)
            ftl_map_free(&v->mods[i]->by_class[c]);
    ftl_map_free(&v->info);
    ftl_map_free(&v->modules);
    ftl_map_free(&v->own);
    ftl_arena_free(&v->arena);
}

/* ---- paths ----------------------------------------------------------------------------------- */

enum { MAX_PATH_STEPS = 12 };

FtlSpan brk_path_text(const BrkView *v, const BrkInfo *i, FtlBuf *b)
{
    const BrkInfo *chain[MAX_PATH_STEPS];
    unsigned n = 0;
    const BrkInfo *root = i;
    for (; root->parent; root = root->parent)
        if (n < MAX_PATH_STEPS) chain[n++] = root;
    const FtlDecl *r = root->decl;
    ftl_buf_printf(b, "reached from %s `%s.%s`", ftl_decl_kind_name(r->kind), r->module->name,
                   r->name);
    if (i->depth > MAX_PATH_STEPS) ftl_buf_puts(b, " ...");
    while (n--) {
        ftl_buf_printf(b, " %s", chain[n]->step);
        if (chain[n]->step_name) ftl_buf_printf(b, " `%s`", chain[n]->step_name);
    }
    return brk_placed(v, ftl_decl_name_span(r));
}
