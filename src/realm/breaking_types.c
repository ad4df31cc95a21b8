/* breaking_types.c - does a type reference still mean the same thing?
 *
 * Two types are the SAME when they are spelled alike once references are taken by
 * their targets (module and name; realm for other realms; a type parameter by its
 * position): a change inside the declaration they name is its own finding. Otherwise
 * they are compared by what the wire carries: typealiases are replaced by what they
 * resolve to, and declarations of different names by their structure (a rename of
 * the same structure, fields by wire name). Equal on the wire: a SOURCE change only;
 * else a WIRE change.
 *
 * Structural comparisons are remembered per pair of declarations and assume equality
 * while a pair is being compared (recursive types); typealiases are resolved once
 * each. Recursion is bounded: past BRK_MAX_DEPTH nested declarations two types count
 * as different (a WIRE finding, never a crash).
 */
#include "realm/breaking_int.h"

#include <stdlib.h>
#include <string.h>

enum { BRK_MAX_DEPTH = 200 };

struct BrkPair {
    const FtlDecl *fresh;
    int state; /* 1 equal (or being compared), 0 different */
    struct BrkPair *next;
};

void brk_types_init(BrkTypes *t, const BrkView *old, const BrkView *fresh)
{
    memset(t, 0, sizeof *t);
    t->old = old;
    t->fresh = fresh;
    ftl_arena_init(&t->arena);
}

void brk_types_free(BrkTypes *t)
{
    ftl_map_free(&t->aliases);
    ftl_map_free(&t->pairs);
    ftl_arena_free(&t->arena);
}

/* ---- typealiases ----------------------------------------------------------------------------- */

static const FtlDecl *alias_of(const FtlType *ty)
{
    const FtlDecl *d = ty && ty->kind == FTL_TY_REF ? brk_ref_decl(ftl_type_ref(ty)) : NULL;
    return d && d->kind == FTL_DECL_TYPEALIAS ? d : NULL;
}

/* What a type is once typealiases at its top are followed. Each chain is followed
 * once: every alias met on the way records where it ends (a cycle, which the checker
 * reports, ends at the reference that closes it). */
static const FtlType *resolve(BrkTypes *t, const FtlType *ty)
{
    const FtlDecl *a = alias_of(ty);
    const FtlType *end = a ? ftl_map_get(&t->aliases, a) : ty;
    if (end) return end;
    FtlMap seen;
    ftl_map_init(&seen);
    const FtlDecl **chain = NULL;
    size_t n = 0, cap = 0;
    end = ty;
    while ((a = alias_of(end)) && ftl_decl_type(a) && !ftl_map_get(&seen, a)) {
        const FtlType *known = ftl_map_get(&t->aliases, a);
        if (known) {
            end = known;
            break;
        }
        ftl_map_set(&seen, a, (void *)a);
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            chain = ftl_xrealloc(chain, cap * sizeof *chain);
        }
        chain[n++] = a;
        end = ftl_decl_type(a);
    }
    for (size_t i = 0; i < n; i++)
        ftl_map_set(&t->aliases, chain[i], (void *)end);
    free(chain);
    ftl_map_free(&seen);
    return end;
}

int brk_type_optional(BrkTypes *t, const FtlType *ty, const FtlType **inner)
{
    const FtlType *r = resolve(t, ty);
    if (ty && ty->kind == FTL_TY_OPTIONAL) r = ty;
    if (!r || r->kind != FTL_TY_OPTIONAL) {
        *inner = ty;
        return 0;
    }
    *inner = r->elem;
    return 1;
}

/* ---- identity -------------------------------------------------------------------------------- */

static int param_index(const FtlDecl *owner, const char *name)
{
    for (uint32_t i = 0; owner && i < ftl_decl_nparams(owner); i++)
        if (owner->params[i].name == name) return (int)i;
    return -1;
}

/* The realm a declaration belongs to, for identity: NULL for the compared realm of
 * its side and for the builtin module, the realm's name otherwise. */
static const char *realm_of(const BrkView *v, const FtlDecl *d)
{
    if (!d->module || d->module->builtin || ftl_map_get(&v->own, d->module)) return NULL;
    return d->module->realm ? d->module->realm->name : NULL;
}

static int same_decl(const BrkTypes *t, const FtlDecl *a, const FtlDecl *b)
{
    if (a->name != b->name || brk_class(a->kind) != brk_class(b->kind)) return 0;
    if (!a->module || !b->module) return a->module == b->module;
    if (a->module->name != b->module->name) return 0;
    int ao = ftl_map_get(&t->old->own, a->module) != NULL;
    int bo = ftl_map_get(&t->fresh->own, b->module) != NULL;
    return ao == bo && realm_of(t->old, a) == realm_of(t->fresh, b);
}

static int same_ref(BrkTypes *t, const FtlRef *a, const FtlRef *b, int wire);

/* Spelled alike (wire = 0), or carried alike on the wire (wire = 1). */
static int same_type(BrkTypes *t, const FtlType *a, const FtlType *b, int wire)
{
    if (wire) {
        a = resolve(t, a);
        b = resolve(t, b);
    }
    if (!a || !b) return a == b;
    if (a->kind != b->kind) return 0;
    switch (a->kind) {
    case FTL_TY_ARRAY:
    case FTL_TY_OPTIONAL: return same_type(t, a->elem, b->elem, wire);
    case FTL_TY_MAP:
        return same_type(t, a->elem, b->elem, wire) &&
               same_type(t, ftl_type_value(a), ftl_type_value(b), wire);
    case FTL_TY_REF: return same_ref(t, ftl_type_ref(a), ftl_type_ref(b), wire);
    default: return 1;
    }
}

static int same_args(BrkTypes *t, const FtlRef *a, const FtlRef *b, int wire)
{
    if (ftl_ref_nargs(a) != ftl_ref_nargs(b)) return 0;
    for (uint32_t i = 0; i < ftl_ref_nargs(a); i++)
        if (!same_type(t, ftl_ref_args(a)[i], ftl_ref_args(b)[i], wire)) return 0;
    return 1;
}

static int same_structure(BrkTypes *t, const FtlDecl *a, const FtlDecl *b);

static int same_ref(BrkTypes *t, const FtlRef *a, const FtlRef *b, int wire)
{
    if (a->state == FTL_REF_PARAM || b->state == FTL_REF_PARAM)
        return a->state == b->state && param_index(t->owner_old, ftl_ref_name(a)) ==
                                           param_index(t->owner_new, ftl_ref_name(b));
    const FtlDecl *x = brk_ref_decl(a), *y = brk_ref_decl(b);
    if (!x || !y) /* not resolved (reported by the checker): by their spelling */
        return a->module == b->module && ftl_ref_name(a) == ftl_ref_name(b) &&
               ftl_ref_realm(a) == ftl_ref_realm(b);
    if (same_decl(t, x, y)) return same_args(t, a, b, wire);
    return wire && same_structure(t, x, y) && same_args(t, a, b, wire);
}

/* ---- structure
 * ------------------------------------------------------------------------------------ */

const char *brk_wire_name(const BrkTypes *t, const FtlField *f)
{
    for (uint32_t i = 0; i < ftl_field_meta(f)->count; i++) {
        const FtlMeta *m = ftl_field_meta(f)->items[i];
        if (m->kind == FTL_MD_ALIAS && m->alias_kind == FTL_ALIAS_JSON)
            return ftl_intern(t->old->side->schema->in, m->s1.ptr, m->s1.len);
    }
    return f->name;
}

void brk_index_fields(const BrkTypes *t, FtlMap *m, const FtlDecl *d, int by_wire)
{
    ftl_map_init(m);
    for (uint32_t i = 0; i < d->nfields; i++) {
        const FtlField *f = &d->fields[i];
        ftl_map_put_new(m, by_wire ? brk_wire_name(t, f) : f->name, (void *)f);
    }
}

void brk_index_variants(FtlMap *m, const FtlDecl *d)
{
    ftl_map_init(m);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        ftl_map_put_new(m, d->variants[i]->name, d->variants[i]);
}

static int same_fields(BrkTypes *t, const FtlDecl *a, const FtlDecl *b)
{
    if (a->nfields != b->nfields || ftl_decl_nparams(a) != ftl_decl_nparams(b)) return 0;
    FtlMap by_wire;
    brk_index_fields(t, &by_wire, b, 1);
    int same = 1;
    for (uint32_t i = 0; same && i < a->nfields; i++) {
        const FtlField *f = &a->fields[i], *g = ftl_map_get(&by_wire, brk_wire_name(t, f));
        same = g && same_type(t, f->type, g->type, 1);
    }
    ftl_map_free(&by_wire);
    return same;
}

int brk_same_value(const FtlVariant *x, const FtlVariant *y)
{
    if (x->vkind != y->vkind) return 0;
    if (x->vkind == FTL_VAL_INT) return x->ival == y->ival;
    if (x->vkind == FTL_VAL_STRING)
        return x->str.len == y->str.len && memcmp(x->str.ptr, y->str.ptr, x->str.len) == 0;
    return 1;
}

static int same_variants(BrkTypes *t, const FtlDecl *a, const FtlDecl *b)
{
    if (ftl_decl_nvariants(a) != ftl_decl_nvariants(b) ||
        !same_type(t, ftl_decl_type(a), ftl_decl_type(b), 1))
        return 0;
    FtlMap names;
    brk_index_variants(&names, b);
    int same = 1;
    for (uint32_t i = 0; same && i < ftl_decl_nvariants(a); i++) {
        const FtlVariant *v = a->variants[i], *w = ftl_map_get(&names, v->name);
        same = w && brk_same_value(v, w) &&
               (v->vkind != FTL_VAL_TYPE || same_type(t, v->type, w->type, 1));
    }
    ftl_map_free(&names);
    return same;
}

/* Two declarations of different names that carry the same JSON. */
static int same_structure(BrkTypes *t, const FtlDecl *a, const FtlDecl *b)
{
    if (a->kind != b->kind || (a->kind != FTL_DECL_DATA && a->kind != FTL_DECL_ENUM)) return 0;
    BrkPair *p = ftl_map_get(&t->pairs, a);
    for (BrkPair *q = p; q; q = q->next)
        if (q->fresh == b) return q->state;
    if (t->depth >= BRK_MAX_DEPTH) return 0;
    BrkPair *n = FTL_NEW(&t->arena, BrkPair);
    n->fresh = b;
    n->state = 1; /* while being compared: a recursive type is equal to itself */
    n->next = p;
    ftl_map_set(&t->pairs, a, n);
    const FtlDecl *oa = t->owner_old, *ob = t->owner_new;
    t->owner_old = a;
    t->owner_new = b;
    t->depth++;
    n->state = a->kind == FTL_DECL_DATA ? same_fields(t, a, b) : same_variants(t, a, b);
    t->depth--;
    t->owner_old = oa;
    t->owner_new = ob;
    return n->state;
}

BrkTypeDiff brk_type_cmp(BrkTypes *t, const FtlType *a, const FtlType *b)
{
    if (same_type(t, a, b, 0)) return BRK_TYPE_SAME;
    return same_type(t, a, b, 1) ? BRK_TYPE_SOURCE : BRK_TYPE_WIRE;
}

/* ---- text ------------------------------------------------------------------------------------ */

void brk_type_text(FtlBuf *b, const FtlType *ty)
{
    if (!ty) return;
    const char *prim = ftl_prim_name(ty->kind);
    if (prim) {
        ftl_buf_puts(b, prim);
    } else if (ty->kind == FTL_TY_ARRAY) {
        ftl_buf_putc(b, '[');
        brk_type_text(b, ty->elem);
        ftl_buf_putc(b, ']');
    } else if (ty->kind == FTL_TY_MAP) {
        ftl_buf_putc(b, '{');
        brk_type_text(b, ty->elem);
        ftl_buf_puts(b, ": ");
        brk_type_text(b, ftl_type_value(ty));
        ftl_buf_putc(b, '}');
    } else if (ty->kind == FTL_TY_OPTIONAL) {
        brk_type_text(b, ty->elem);
        ftl_buf_putc(b, '?');
    } else {
        const FtlRef *r = ftl_type_ref(ty);
        const FtlDecl *d = brk_ref_decl(r);
        const char *module = d && d->module ? d->module->name : r->module;
        if (module && r->state != FTL_REF_PARAM) ftl_buf_printf(b, "%s.", module);
        ftl_buf_puts(b, ftl_ref_name(r));
        if (ftl_ref_realm(r)) ftl_buf_printf(b, "@%s", ftl_ref_realm(r));
        for (uint32_t i = 0; i < ftl_ref_nargs(r); i++) {
            ftl_buf_puts(b, i ? ", " : "<");
            brk_type_text(b, ftl_ref_args(r)[i]);
        }
        if (ftl_ref_nargs(r)) ftl_buf_putc(b, '>');
    }
}
