/* check_realm.c - realm-wide rules: module dependency cycles (E0308), and
 * the federation rules on the local realm's public API (E0507, W0502). */
#include "check/check_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- module dependency cycles (E0308)
 * ------------------------------------------------------------ */

typedef struct Edge {
    const char *from, *to;
    FtlSpan at; /* a reference that makes the edge, for the diagnostic */
} Edge;

typedef struct Graph {
    Edge *e;
    uint32_t n, cap;
    /* Edges are added module by module: the targets already seen from the
     * current source keep the list to one edge per module pair, the first
     * reference written (a schema has many references per pair). */
    const char *from;
    FtlMap seen;
} Graph;

static void add_edge(Graph *g, const char *from, const char *to, FtlSpan at)
{
    if (from != g->from) {
        ftl_map_clear(&g->seen); /* one map for all modules: not 5,440 mallocs on 20 MB */
        g->from = from;
    }
    void *mark = (void *)(uintptr_t)(g->n + 1);
    if (ftl_map_put_new(&g->seen, to, mark) != mark) return;
    if (g->n == g->cap) {
        g->cap = g->cap ? g->cap * 2 : 64;
        g->e = ftl_xrealloc(g->e, g->cap * sizeof *g->e);
    }
    g->e[g->n++] = (Edge){from, to, at};
}

static void edges_type(Graph *g, const char *from, const FtlType *t);

static void edges_ref(Graph *g, const char *from, const FtlRef *r)
{
    /* The graph is built from references as written: qualified ones only,
     * and never across realms. */
    if (r->module && !ftl_ref_realm(r) && r->module != from)
        add_edge(g, from, r->module, ftl_ref_span(r));
    for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
        edges_type(g, from, ftl_ref_args(r)[i]);
}

static void edges_type(Graph *g, const char *from, const FtlType *t)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF)
        edges_ref(g, from, ftl_type_ref(t));
    else if (t->kind >= FTL_TY_ARRAY) {
        edges_type(g, from, t->elem);
        edges_type(g, from, ftl_type_value(t));
    }
}

static void edges_metas(Graph *g, const char *from, const FtlMetaList *ml)
{
    for (uint32_t i = 0; i < ml->count; i++)
        if (!ml->items[i]->generated)
            for (uint32_t j = 0; j < ml->items[i]->nrefs; j++)
                edges_ref(g, from, ftl_meta_refs(ml->items[i])[j]);
}

static int edge_cmp(const void *a, const void *b)
{
    const Edge *x = a, *y = b;
    int c = strcmp(x->from, y->from);
    return c ? c : strcmp(x->to, y->to);
}

/* Upstream's search (validateDependencies): edges sorted; a depth-first search from each edge
 * in order, skipping edges fully explored by an earlier search; the first
 * cycle found is reported as the targets of the edges on the search path, up
 * to the first edge reached a second time. Iterative, so deep graphs are safe. */
static void find_cycle(Ctx *c, Graph *g)
{
    if (g->n == 0) return;
    qsort(g->e, g->n, sizeof *g->e, edge_cmp);
    uint32_t w = 0; /* duplicates (a module name twice) would only repeat work */
    for (uint32_t i = 0; i < g->n; i++)
        if (!w || edge_cmp(&g->e[w - 1], &g->e[i])) g->e[w++] = g->e[i];
    g->n = w;
    /* first[m]: index + 1 of the first edge leaving module m (edges are sorted
     * by their source), so the search never scans the edge list. */
    FtlMap first;
    ftl_map_init_in(&first, NULL, g->n);
    for (uint32_t i = g->n; i-- > 0;)
        ftl_map_set(&first, g->e[i].from, (void *)(uintptr_t)(i + 1));
    char *state = calloc(g->n ? g->n : 1, 1); /* 0 new, 1 on path, 2 done */
    uint32_t *path = ftl_xmalloc((g->n + 1) * sizeof *path),
             *next = ftl_xmalloc((g->n + 1) * sizeof *next);
    if (!state) ftl_oom();
    for (uint32_t s = 0; s < g->n; s++) {
        if (state[s]) continue;
        uint32_t depth = 0;
        path[depth] = s;
        next[depth] = 0;
        state[s] = 1;
        depth++;
        while (depth) {
            Edge *top = &g->e[path[depth - 1]];
            /* the next outgoing edge of top->to, from next[depth-1] on */
            uint32_t k = next[depth - 1];
            if (k == 0)
                k = (uint32_t)(uintptr_t)ftl_map_get(&first, top->to);
            else
                k++;
            if (k == 0 || k > g->n || g->e[k - 1].from != top->to) {
                state[path[depth - 1]] = 2;
                depth--;
                continue;
            }
            next[depth - 1] = k--;
            if (state[k] == 2) continue;
            if (state[k] == 1) {
                FtlBuf b;
                ftl_buf_init(&b);
                for (uint32_t i = 0; i < depth; i++)
                    ftl_buf_printf(&b, "%s -> ", g->e[path[i]].to);
                ftl_buf_puts(&b, g->e[k].to);
                FtlDiag *d = ftl_error(c->d, g->e[path[0]].at, "E0308",
                                       "found cycle in dependencies: %s", ftl_buf_cstr(&b));
                ftl_diag_note(d, (FtlSpan){0},
                              "modules may not depend on each other in a cycle; "
                              "calls within one module are fine");
                ftl_buf_free(&b);
                goto done;
            }
            state[k] = 1;
            path[depth] = k;
            next[depth] = 0;
            depth++;
        }
    }
done:
    ftl_map_free(&first);
    free(state);
    free(path);
    free(next);
}

void ftl_check_cycles(Ctx *c, FtlRealm *r)
{
    Graph g = {0};
    for (uint32_t i = 1; i < r->nmodules; i++) {
        const FtlModule *m = r->modules[i];
        for (uint32_t j = 0; j < m->ndecls; j++) {
            const FtlDecl *d = m->decls[j];
            if (d->generated) continue;
            edges_type(&g, m->name, ftl_decl_request(d));
            edges_type(&g, m->name, ftl_decl_response(d));
            edges_type(&g, m->name, ftl_decl_type(d));
            for (uint32_t k = 0; k < d->nfields; k++) {
                edges_type(&g, m->name, d->fields[k].type);
                edges_metas(&g, m->name, ftl_field_meta(&d->fields[k]));
            }
            for (uint32_t k = 0; k < ftl_decl_nvariants(d); k++)
                edges_type(&g, m->name, d->variants[k]->type);
            edges_metas(&g, m->name, &d->meta);
        }
    }
    find_cycle(c, &g);
    ftl_map_free(&g.seen);
    free(g.e);
}

/* ---- the public API of the local realm (E0507, W0502) -------------------------------------------
 */

/* The public closure P (ftlc-export(1)): roots are the local 'export realm'
 * declarations; from them, references in type positions are followed to local
 * declarations. Each member remembers how it was reached, for notes. */
typedef struct Member {
    const FtlDecl *decl;
    const FtlDecl *from; /* NULL for a root */
} Member;

/* A member's index in items is kept on the declaration itself (FtlDecl.mark,
 * one plus it), and cleared when the check is done. */
typedef struct Closure {
    Member *items;
    uint32_t n, cap;
} Closure;

static const Member *member(const Closure *p, const FtlDecl *d)
{
    return &p->items[d->mark - 1];
}

static void closure_add(Closure *p, const FtlDecl *d, const FtlDecl *from)
{
    if (d->mark) return;
    if (p->n == p->cap) {
        p->cap = p->cap ? p->cap * 2 : 64;
        p->items = ftl_xrealloc(p->items, p->cap * sizeof *p->items);
    }
    p->items[p->n++] = (Member){d, from};
    ((FtlDecl *)d)->mark = p->n; /* the tree's, in the arena: never const */
}

static void closure_free(Closure *p)
{
    for (uint32_t i = 0; i < p->n; i++)
        ((FtlDecl *)p->items[i].decl)->mark = 0;
    free(p->items);
}

/* The closure starts from the roots and most schemas export what their API
 * names (the generated benchmark: all of it), so room for the roots and a
 * quarter more is made at once. */
static void closure_init(Closure *p, const FtlRealm *local)
{
    uint32_t roots = 0;
    for (uint32_t i = 1; i < local->nmodules; i++) {
        const FtlModule *m = local->modules[i];
        for (uint32_t j = 0; j < m->ndecls; j++)
            roots += m->decls[j]->vis == FTL_VIS_REALM;
    }
    uint32_t n = roots + roots / 4;
    p->cap = n ? n : 1;
    p->items = ftl_xmalloc(p->cap * sizeof *p->items);
}

typedef void (*RefFn)(Ctx *c, Closure *p, const FtlDecl *owner, const FtlRef *r);

static void walk_type(Ctx *c, Closure *p, const FtlDecl *owner, const FtlType *t, RefFn fn)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        fn(c, p, owner, ftl_type_ref(t));
        for (uint32_t i = 0; i < ftl_ref_nargs(ftl_type_ref(t)); i++)
            walk_type(c, p, owner, ftl_ref_args(ftl_type_ref(t))[i], fn);
    } else if (t->kind >= FTL_TY_ARRAY) {
        walk_type(c, p, owner, t->elem, fn);
        walk_type(c, p, owner, ftl_type_value(t), fn);
    }
}

/* Every type position of a declaration (what the public schema follows). */
static void walk_decl_types(Ctx *c, Closure *p, const FtlDecl *d, RefFn fn)
{
    walk_type(c, p, d, ftl_decl_request(d), fn);
    walk_type(c, p, d, ftl_decl_response(d), fn);
    walk_type(c, p, d, ftl_decl_type(d), fn);
    for (uint32_t i = 0; i < d->nfields; i++)
        walk_type(c, p, d, d->fields[i].type, fn);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        walk_type(c, p, d, d->variants[i]->type, fn);
}

static void follow(Ctx *c, Closure *p, const FtlDecl *owner, const FtlRef *r)
{
    if (r->state != FTL_REF_DECL || ftl_ref_target_realm(r)) return;
    const FtlDecl *d = ftl_ref_target(r);
    if (d->module == c->s->builtin || !d->module || d->module->realm != c->realm) return;
    closure_add(p, d, owner);
}

static void chain_text(FtlBuf *b, const Closure *p, const FtlDecl *d)
{
    const FtlDecl *hops[64];
    int n = 0;
    for (const FtlDecl *x = d; x && n < 64;) {
        hops[n++] = x;
        const Member *m = member(p, x);
        x = m->from;
    }
    for (int i = n - 1; i >= 0; i--) {
        ftl_buf_printf(b, "'%s.%s'", hops[i]->module->name, hops[i]->name);
        if (i == n - 1 && hops[i]->vis == FTL_VIS_REALM) ftl_buf_puts(b, " (export realm)");
        if (i) ftl_buf_puts(b, " -> ");
    }
}

static void report_exposure(Ctx *c, Closure *p, const FtlDecl *owner, const FtlRef *r)
{
    if (!(r->state == FTL_REF_DECL && ftl_ref_target_realm(r))) return;
    FtlBuf b, chain;
    ftl_buf_init(&b);
    ftl_buf_init(&chain);
    ftl_buf_printf(&b, "%s.%s@%s", ftl_ref_target(r)->module->name, ftl_ref_target(r)->name,
                   ftl_ref_target_realm(r)->name);
    chain_text(&chain, p, owner);
    const FtlDecl *root = owner;
    for (const Member *m; (m = member(p, root))->from;)
        root = m->from;
    FtlDiag *g =
        ftl_error(c->d, ftl_ref_span(r), "E0507",
                  "realm API exposes type \"%s\" of external realm \"%s\" (reachable "
                  "from %s.%s)",
                  ftl_buf_cstr(&b), ftl_ref_target_realm(r)->name, root->module->name, root->name);
    ftl_diag_note(g, ftl_decl_name_span(root), "exposed through %s", ftl_buf_cstr(&chain));
    ftl_diag_note(g, (FtlSpan){0},
                  "the public schema of a realm must be self-contained; use a "
                  "local type in the API and convert in the implementation");
    ftl_buf_free(&b);
    ftl_buf_free(&chain);
}

void ftl_check_federation(Ctx *c, FtlRealm *local)
{
    Closure p = {0};
    closure_init(&p, local);
    c->realm = local;
    for (uint32_t i = 1; i < local->nmodules; i++) {
        const FtlModule *m = local->modules[i];
        for (uint32_t j = 0; j < m->ndecls; j++)
            if (m->decls[j]->vis == FTL_VIS_REALM) closure_add(&p, m->decls[j], NULL);
    }
    for (uint32_t i = 0; i < p.n; i++)
        walk_decl_types(c, &p, p.items[i].decl, follow);
    for (uint32_t i = 0; i < p.n; i++)
        walk_decl_types(c, &p, p.items[i].decl, report_exposure);
    /* W0502: what the API exposes should say so. */
    for (uint32_t i = 0; i < p.n; i++) {
        const FtlDecl *d = p.items[i].decl;
        const FtlDecl *from = p.items[i].from;
        if (!from || d->vis == FTL_VIS_REALM) continue;
        /* Where E0314 already reports the declaration, say it once. */
        if (d->vis < from->vis &&
            (from->kind == FTL_DECL_DATA || from->kind == FTL_DECL_TYPEALIAS ||
             (from->kind == FTL_DECL_VERB && from->meta.count)))
            continue;
        if (d->kind != FTL_DECL_DATA && d->kind != FTL_DECL_ENUM && d->kind != FTL_DECL_TYPEALIAS)
            continue;
        FtlBuf chain;
        ftl_buf_init(&chain);
        chain_text(&chain, &p, d);
        FtlDiag *g =
            ftl_report_at(c->d, FTL_SEV_WARNING, ftl_decl_head(d), ftl_decl_name_span(d), "W0502",
                          "%s \"%s.%s\" is part of the realm's public API but is not "
                          "marked 'export realm'",
                          ftl_decl_kind_name(d->kind), d->module->name, d->name);
        ftl_diag_note(g, (FtlSpan){0}, "reached through %s", ftl_buf_cstr(&chain));
        ftl_fixit_visibility(g, c->s->src, d, FTL_VIS_REALM);
        ftl_buf_free(&chain);
    }
    closure_free(&p);
}
