/* breaking_use.c - what the local realm uses of an external realm (realm update): the
 * verbs its +calls name and the types its own declarations name, at any position.
 * The engine then compares that realm's old and new public schemas from these roots
 * only, with directions through the verbs called (breaking.h, FtlBrkOptions.uses).
 */
#include "realm/breaking_int.h"

#include <stdlib.h>

typedef struct Uses {
    const FtlRealm *ext;
    FtlMap seen; /* FtlDecl* -> itself */
    FtlBrkUse *items;
    uint32_t n, cap;
} Uses;

static void use(Uses *u, const FtlRef *r, int verb)
{
    const FtlDecl *d = brk_ref_decl(r);
    if (!d || !d->module || d->module->realm != u->ext || ftl_map_get(&u->seen, d)) return;
    if (brk_class(d->kind) != (verb ? BRK_VERB : BRK_TYPE)) return;
    ftl_map_set(&u->seen, d, (void *)d);
    if (u->n == u->cap) {
        u->cap = u->cap ? u->cap * 2 : 16;
        u->items = ftl_xrealloc(u->items, u->cap * sizeof *u->items);
    }
    u->items[u->n++] = (FtlBrkUse){d->module->name, d->name, verb};
}

static void use_type(Uses *u, const FtlType *t)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        use(u, ftl_type_ref(t), 0);
        for (uint32_t i = 0; i < ftl_ref_nargs(ftl_type_ref(t)); i++)
            use_type(u, ftl_ref_args(ftl_type_ref(t))[i]);
    } else if (t->kind >= FTL_TY_ARRAY) {
        use_type(u, t->elem);
        use_type(u, ftl_type_value(t));
    }
}

static void use_decl(Uses *u, const FtlDecl *d)
{
    use_type(u, ftl_decl_request(d));
    use_type(u, ftl_decl_response(d));
    use_type(u, ftl_decl_type(d));
    for (uint32_t i = 0; i < d->nfields; i++)
        use_type(u, d->fields[i].type);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        use_type(u, d->variants[i]->type);
    for (uint32_t i = 0; i < d->meta.count; i++) {
        const FtlMeta *m = d->meta.items[i];
        for (uint32_t k = 0; m->kind == FTL_MD_CALLS && k < m->nrefs; k++)
            use(u, ftl_meta_refs(m)[k], 1);
    }
}

uint32_t ftl_brk_uses(const FtlRealm *local, const FtlRealm *ext, FtlBrkUse **uses)
{
    Uses u = {ext, {0}, NULL, 0, 0};
    ftl_map_init(&u.seen);
    for (uint32_t i = 0; local && i < local->nmodules; i++)
        for (uint32_t k = 0; k < local->modules[i]->ndecls; k++)
            use_decl(&u, local->modules[i]->decls[k]);
    ftl_map_free(&u.seen);
    *uses = u.items;
    return u.n;
}
