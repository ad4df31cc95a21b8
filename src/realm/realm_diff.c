/* realm_diff.c - the public API changes between two versions of a realm.
 *
 * Both sides are walked in one order, modules by name and declarations by name
 * then kind, so that the report reads like a sorted list and two runs agree.
 * Types are compared as text with every reference spelled by its resolved target
 * (module.Name), so that how a reference was written does not count as a change.
 */
#include "realm/realm_diff.h"
#include "base/arena.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Diff {
    FtlApiChangeFn fn;
    void *ctx;
    FtlBuf line; /* the change being told */
    FtlApiDiff n;
} Diff;

static void change(Diff *d, int breaking, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void change(Diff *d, int breaking, const char *fmt, ...)
{
    d->line.len = 0;
    va_list ap;
    va_start(ap, fmt);
    ftl_buf_vprintf(&d->line, fmt, ap);
    va_end(ap);
    d->fn(d->ctx, breaking, ftl_buf_cstr(&d->line));
    if (breaking)
        d->n.breaking++;
    else
        d->n.compatible++;
}

/* ---- types as text ------------------------------------------------------------------- */

static void type_text(FtlBuf *b, const FtlType *t)
{
    if (!t) return;
    const char *prim = ftl_prim_name(t->kind);
    if (prim) {
        ftl_buf_puts(b, prim);
    } else if (t->kind == FTL_TY_ARRAY) {
        ftl_buf_putc(b, '[');
        type_text(b, t->elem);
        ftl_buf_putc(b, ']');
    } else if (t->kind == FTL_TY_MAP) {
        ftl_buf_putc(b, '{');
        type_text(b, t->elem);
        ftl_buf_puts(b, ": ");
        type_text(b, t->value);
        ftl_buf_putc(b, '}');
    } else if (t->kind == FTL_TY_OPTIONAL) {
        type_text(b, t->elem);
        ftl_buf_putc(b, '?');
    } else {
        const FtlRef *r = t->ref;
        const char *module = r->state == FTL_REF_DECL && r->target && r->target->module
                                 ? r->target->module->name
                                 : r->module;
        if (module && r->state != FTL_REF_PARAM) ftl_buf_printf(b, "%s.", module);
        ftl_buf_puts(b, r->name);
        for (uint32_t i = 0; i < r->nargs; i++) {
            ftl_buf_puts(b, i ? ", " : "<");
            type_text(b, r->args[i]);
        }
        if (r->nargs) ftl_buf_putc(b, '>');
    }
}

/* Compares two types; when they differ, reports "WHAT: OLD -> NEW" as breaking. */
static void compare_type(Diff *d, const FtlType *a, const FtlType *b, const char *what)
{
    FtlBuf x, y;
    ftl_buf_init(&x);
    ftl_buf_init(&y);
    type_text(&x, a);
    type_text(&y, b);
    if (strcmp(ftl_buf_cstr(&x), ftl_buf_cstr(&y)) != 0)
        change(d, 1, "changed type of %s: %s -> %s", what, x.data, y.data);
    ftl_buf_free(&x);
    ftl_buf_free(&y);
}

/* ---- declarations ------------------------------------------------------------------------ */

static const char *const VIS[] = {"none", "export", "export realm"};

static const char *alias_of(const FtlMetaList *ml)
{
    for (uint32_t i = 0; i < ml->count; i++)
        if (ml->items[i]->kind == FTL_MD_ALIAS) return ml->items[i]->s1.ptr;
    return NULL;
}

static const FtlField *find_field(const FtlDecl *d, const char *name)
{
    for (uint32_t i = 0; i < d->nfields; i++)
        if (strcmp(d->fields[i]->name, name) == 0) return d->fields[i];
    return NULL;
}

static void compare_fields(Diff *d, const FtlDecl *a, const FtlDecl *b, const char *q)
{
    for (uint32_t i = 0; i < a->nfields; i++) {
        const FtlField *f = a->fields[i], *g = find_field(b, f->name);
        char what[512];
        snprintf(what, sizeof what, "field %s.%s", q, f->name);
        if (!g) {
            change(d, 1, "removed %s", what);
            continue;
        }
        compare_type(d, f->type, g->type, what);
        const char *x = alias_of(&f->meta), *y = alias_of(&g->meta);
        if ((x || y) && (!x || !y || strcmp(x, y) != 0))
            change(d, 1, "changed the JSON name of %s: %s -> %s", what, x ? x : f->name,
                   y ? y : g->name);
    }
    for (uint32_t i = 0; i < b->nfields; i++) {
        const FtlField *g = b->fields[i];
        if (find_field(a, g->name)) continue;
        int optional = g->type && g->type->kind == FTL_TY_OPTIONAL;
        FtlBuf t;
        ftl_buf_init(&t);
        type_text(&t, g->type);
        change(d, !optional, "added %s field %s.%s %s", optional ? "optional" : "required", q,
               g->name, ftl_buf_cstr(&t));
        ftl_buf_free(&t);
    }
}

static const FtlVariant *find_variant(const FtlDecl *d, const char *name)
{
    for (uint32_t i = 0; i < d->nvariants; i++)
        if (strcmp(d->variants[i]->name, name) == 0) return d->variants[i];
    return NULL;
}

static int same_value(const FtlVariant *x, const FtlVariant *y)
{
    if (x->vkind != y->vkind) return 0;
    if (x->vkind == FTL_VAL_INT) return x->ival == y->ival;
    if (x->vkind == FTL_VAL_STRING)
        return x->str.len == y->str.len && memcmp(x->str.ptr, y->str.ptr, x->str.len) == 0;
    return 1;
}

static void compare_variants(Diff *d, const FtlDecl *a, const FtlDecl *b, const char *q)
{
    for (uint32_t i = 0; i < a->nvariants; i++) {
        const FtlVariant *v = a->variants[i], *w = find_variant(b, v->name);
        char what[512];
        snprintf(what, sizeof what, "variant %s.%s", q, v->name);
        if (!w)
            change(d, 1, "removed %s", what);
        else if (!same_value(v, w))
            change(d, 1, "changed the value of %s", what);
        else if (v->vkind == FTL_VAL_TYPE)
            compare_type(d, v->type, w->type, what);
    }
    for (uint32_t i = 0; i < b->nvariants; i++)
        if (!find_variant(a, b->variants[i]->name))
            change(d, 0, "added variant %s.%s", q, b->variants[i]->name);
}

static void compare_params(Diff *d, const FtlDecl *a, const FtlDecl *b, const char *q)
{
    int same = a->nparams == b->nparams;
    for (uint32_t i = 0; same && i < a->nparams; i++)
        same = strcmp(a->params[i].name, b->params[i].name) == 0;
    if (!same) change(d, 1, "changed the type parameters of data %s", q);
}

static void compare_decl(Diff *d, const FtlDecl *a, const FtlDecl *b, const char *module)
{
    char q[400], what[512];
    snprintf(q, sizeof q, "%s.%s", module, a->name);
    const char *kind = ftl_decl_kind_name(a->kind);
    if (a->vis != b->vis)
        change(d, b->vis < a->vis, "%s visibility of %s %s: %s -> %s",
               b->vis < a->vis ? "lowered" : "raised", kind, q, VIS[a->vis], VIS[b->vis]);
    if (a->kind == FTL_DECL_VERB) {
        snprintf(what, sizeof what, "the request of verb %s", q);
        compare_type(d, a->request, b->request, what);
        snprintf(what, sizeof what, "the response of verb %s", q);
        compare_type(d, a->response, b->response, what);
    } else if (a->kind == FTL_DECL_DATA) {
        compare_params(d, a, b, q);
        compare_fields(d, a, b, q);
    } else {
        snprintf(what, sizeof what, "%s %s", kind, q);
        compare_type(d, a->type, b->type, what);
        if (a->kind == FTL_DECL_ENUM) compare_variants(d, a, b, q);
    }
}

/* ---- walking both sides in order ------------------------------------------------------- */

static int decl_cmp(const void *x, const void *y)
{
    const FtlDecl *a = *(const FtlDecl *const *)x, *b = *(const FtlDecl *const *)y;
    int c = strcmp(a->name, b->name);
    return c ? c : (int)a->kind - (int)b->kind;
}

static const FtlDecl **sorted_decls(const FtlModule *m, uint32_t *n)
{
    *n = m ? m->ndecls : 0;
    const FtlDecl **v = ftl_xmalloc((*n + 1) * sizeof *v);
    for (uint32_t i = 0; i < *n; i++)
        v[i] = m->decls[i];
    qsort(v, *n, sizeof *v, decl_cmp);
    return v;
}

static void compare_module(Diff *d, const FtlModule *a, const FtlModule *b)
{
    if (!a || !b) {
        const FtlModule *m = a ? a : b;
        change(d, !b, "%s module %s (%u declaration%s)", b ? "added" : "removed", m->name,
               m->ndecls, m->ndecls == 1 ? "" : "s");
        return;
    }
    const char *name = a->name;
    uint32_t na, nb, i = 0, j = 0;
    const FtlDecl **x = sorted_decls(a, &na), **y = sorted_decls(b, &nb);
    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : decl_cmp(&x[i], &y[j]);
        const FtlDecl *e = c < 0 ? x[i] : y[j];
        if (c < 0)
            change(d, 1, "removed %s %s.%s", ftl_decl_kind_name(e->kind), name, e->name);
        else if (c > 0)
            change(d, 0, "added %s %s.%s", ftl_decl_kind_name(e->kind), name, e->name);
        else
            compare_decl(d, x[i], y[j], name);
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    free(x);
    free(y);
}

static int module_cmp(const void *x, const void *y)
{
    return strcmp((*(const FtlModule *const *)x)->name, (*(const FtlModule *const *)y)->name);
}

/* The realm's modules by name, without the builtin module (the same in both). */
static const FtlModule **sorted_modules(const FtlRealm *r, uint32_t *n)
{
    const FtlModule **v = ftl_xmalloc((r->nmodules + 1) * sizeof *v);
    *n = 0;
    for (uint32_t i = 0; i < r->nmodules; i++)
        if (!(r->modules[i]->builtin && strcmp(r->modules[i]->name, "builtin") == 0))
            v[(*n)++] = r->modules[i];
    qsort(v, *n, sizeof *v, module_cmp);
    return v;
}

FtlApiDiff ftl_realm_diff(const FtlRealm *old, const FtlRealm *fresh, FtlApiChangeFn fn, void *ctx)
{
    Diff d = {.fn = fn, .ctx = ctx};
    ftl_buf_init(&d.line);
    uint32_t na, nb, i = 0, j = 0;
    const FtlModule **x = sorted_modules(old, &na), **y = sorted_modules(fresh, &nb);
    while (i < na || j < nb) {
        int c = i == na ? 1 : j == nb ? -1 : module_cmp(&x[i], &y[j]);
        compare_module(&d, c <= 0 ? x[i] : NULL, c >= 0 ? y[j] : NULL);
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    free(x);
    free(y);
    ftl_buf_free(&d.line);
    return d.n;
}
