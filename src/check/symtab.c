/* symtab.c - the symbol tables (symtab.h). */
#include "check/symtab.h"

void ftl_symtab_module(FtlDiags *d, FtlArena *a, FtlModule *m)
{
    ftl_map_init_in(&m->names, a, m->ndecls);
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *x = m->decls[i];
        x->module = m;
        FtlDecl *prev = ftl_map_get(&m->names, x->name);
        if (!prev) {
            ftl_map_set(&m->names, x->name, x);
            continue;
        }
        /* D12 in ftlc-check(1): a name shared by kinds resolves to the first in canonical order. */
        if (x->kind < prev->kind) ftl_map_set(&m->names, x->name, x);
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
    ftl_map_free(&m->names);
}

FtlDecl *ftl_module_lookup(const FtlModule *m, const char *name)
{
    return m ? ftl_map_get(&m->names, name) : NULL;
}

FtlModule *ftl_realm_lookup(const FtlRealm *r, const char *name)
{
    return r ? ftl_map_get(&r->module_names, name) : NULL;
}
