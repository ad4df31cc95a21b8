/* symtab.c - the symbol tables (symtab.h). */
#include "check/symtab.h"

#include <string.h>

/* The slot of name in m's table: the one holding its declaration, else the
 * empty one where it goes. One load more per probe than FtlMap's (the name,
 * through the declaration), for a quarter of the slot size. */
static uint32_t *index_find(const FtlModule *m, const char *name)
{
    const FtlNameIndex *t = &m->names;
    uint32_t mask = t->cap - 1, i = ftl_map_hash(name) & mask;
    while (t->slots[i] && m->decls[t->slots[i] - 1]->name != name)
        i = (i + 1) & mask;
    return &t->slots[i];
}

/* Doubles m's table: generated declarations (ftl_symtab_add) may outgrow
 * the room made for the written ones. */
static void index_grow(FtlArena *a, FtlModule *m)
{
    FtlNameIndex old = m->names;
    m->names.cap = old.cap * 2;
    m->names.slots = FTL_NEW_N(a, uint32_t, m->names.cap);
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.slots[i]) *index_find(m, m->decls[old.slots[i] - 1]->name) = old.slots[i];
}

/* Makes name's entry the declaration at index i of m's decls. */
static void index_set(FtlModule *m, uint32_t *slot, uint32_t i)
{
    if (!*slot) m->names.count++;
    *slot = i + 1;
}

void ftl_symtab_module(FtlDiags *d, FtlArena *a, FtlModule *m)
{
    m->names.cap = ftl_map_cap_for(m->ndecls);
    m->names.count = 0;
    m->names.slots = FTL_NEW_N(a, uint32_t, m->names.cap);
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *x = m->decls[i];
        x->module = m;
        uint32_t *slot = index_find(m, x->name);
        if (!*slot) {
            index_set(m, slot, i);
            continue;
        }
        FtlDecl *prev = m->decls[*slot - 1];
        /* D12 in ftlc-check(1): a name shared by kinds resolves to the first in canonical order. */
        if (x->kind < prev->kind) index_set(m, slot, i);
        /* E0306: same kind, same name. Search the earlier declarations of this kind. */
        for (uint32_t j = 0; j < i; j++) {
            FtlDecl *e = m->decls[j];
            if (e->name != x->name || e->kind != x->kind) continue;
            FtlDiag *g = ftl_error_at(d, ftl_decl_head(x), ftl_decl_name_span(x), "E0306",
                                      "duplicate %s \"%s\"", ftl_decl_kind_name(x->kind), x->name);
            ftl_diag_note(g, ftl_decl_name_span(e), "%s \"%s\" first defined here",
                          ftl_decl_kind_name(e->kind), e->name);
            break;
        }
    }
}

void ftl_symtab_add(FtlArena *a, FtlModule *m, uint32_t i)
{
    if ((m->names.count + 1) * 2 > m->names.cap) index_grow(a, m);
    index_set(m, index_find(m, m->decls[i]->name), i);
}

void ftl_symtab_realm(FtlDiags *d, FtlArena *a, FtlRealm *r, const FtlModule *builtin)
{
    ftl_map_init_in(&r->module_names, a, r->nmodules);
    for (uint32_t i = 0; i < r->nmodules; i++) {
        FtlModule *m = r->modules[i];
        if (m != builtin) m->realm = r;
        FtlModule *prev = ftl_map_get(&r->module_names, m->name);
        if (prev) {
            FtlDiag *g = ftl_error_at(d, FTL_HEAD(m), m->name_span, "E0305",
                                      "duplicate module \"%s\"", m->name);
            ftl_diag_note(g, prev->name_span, "module \"%s\" first defined here", m->name);
            continue;
        }
        ftl_map_set(&r->module_names, m->name, m);
    }
}

void ftl_symtab_free_module(FtlModule *m)
{
    memset(&m->names, 0, sizeof m->names); /* the slots are the arena's */
}

FtlDecl *ftl_module_lookup(const FtlModule *m, const char *name)
{
    if (!m || !m->names.cap) return NULL;
    uint32_t at = *index_find(m, name);
    return at ? m->decls[at - 1] : NULL;
}

FtlModule *ftl_realm_lookup(const FtlRealm *r, const char *name)
{
    return r ? ftl_map_get(&r->module_names, name) : NULL;
}
