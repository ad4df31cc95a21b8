/* map_names.c - modules and declaration names (the naming rows of the mapping
 * table in ftlc-import(1)).
 *
 * Names are given in an order that depends only on full protobuf names: packages
 * sorted; messages and enums by nesting depth, then full name (so a top-level
 * 'InvoiceLine' keeps its name and a nested 'Invoice.Line' becomes
 * 'InvoiceLine2'); verbs by service, then method. A name that is taken, reserved
 * or not an identifier is changed deterministically, with warning W0622.
 */
#include "check/schema.h"
#include "import/map_int.h"
#include "import/names.h"

#include <stdlib.h>
#include <string.h>

/* A module while it is named: its declarations and the names they took. */
typedef struct Mod {
    FtlImpModule mod; /* first: a Mod is its module */
    FtlMap names;     /* interned FTL name -> FtlImpDecl */
    uint32_t cap;
} Mod;

static const char *intern_buf(FtlImpMap *c, FtlBuf *b)
{
    return ftl_intern(c->p->in, ftl_buf_cstr(b), b->len);
}

/* ---- modules ----------------------------------------------------------------------------- */

/* --module-name PKG=NAME for package, or NULL. */
static const char * override(const FtlImpMap *c, const char *package)
{
    size_t n = strlen(package);
    for (int i = 0; i < c->o->nmodule_names; i++) {
        const char *a = c->o->module_names[i];
        if (strncmp(a, package, n) == 0 && a[n] == '=') return a + n + 1;
    }
    return NULL;
}

/* The module name of a package, made legal (identifier, no Go keyword, not
 * builtin) with a warning when that changed it. */
/* Where a package is declared: the package statement of its first file by name. */
static FtlSpan package_span(FtlImpMap *c, const char *package)
{
    FtlDsFile *first = NULL;
    for (uint32_t i = 0; i < c->p->nfiles; i++)
        if (c->p->files[i]->package == package &&
            (!first || strcmp(c->p->files[i]->name, first->name) < 0))
            first = c->p->files[i];
    return ftl_imp_span(c, first, ftl_intern_cstr(c->p->in, "2"));
}

static const char *module_name(FtlImpMap *c, const char *package)
{
    FtlBuf want, b;
    ftl_buf_init(&want);
    ftl_buf_init(&b);
    const char *given = override(c, package);
    if (given)
        ftl_buf_puts(&want, given);
    else if (*package)
        ftl_imp_module_name(&want, package);
    else
        ftl_buf_puts(&want, c->m->realm); /* no package: the realm's own module */
    int changed = ftl_imp_ident(&b, ftl_buf_cstr(&want));
    const char *why = changed ? "it is not an identifier" : NULL;
    if (ftl_is_go_keyword(ftl_buf_cstr(&b)) || strcmp(ftl_buf_cstr(&b), "builtin") == 0) {
        why = strcmp(b.data, "builtin") == 0 ? "'builtin' is reserved"
                                             : "module names cannot be Go keywords";
        ftl_buf_putc(&b, '_');
    }
    if (why)
        ftl_imp_warn(c, package_span(c, package), "W0622", "package '%s' becomes module '%s': %s",
                     *package ? package : "(none)", ftl_buf_cstr(&b), why);
    const char *r = intern_buf(c, &b);
    ftl_buf_free(&want);
    ftl_buf_free(&b);
    return r;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_unary(const FtlDsSym *svc)
{
    const FtlPbService *s = svc->desc;
    for (size_t k = 0; k < s->n_method; k++)
        if (!ftl_imp_streaming(s->method[k])) return 1;
    return 0;
}

/* The packages that will hold declarations, sorted. */
static const char **packages(FtlImpMap *c, uint32_t *n)
{
    FtlMap seen;
    ftl_map_init(&seen);
    const char **list = FTL_NEW_N(c->p->arena, const char *, c->ntodo + c->nservices + 1);
    *n = 0;
    for (uint32_t i = 0; i < c->ntodo + c->nservices; i++) {
        const FtlDsSym *s = i < c->ntodo ? c->todo[i] : c->services[i - c->ntodo];
        if (i >= c->ntodo && !has_unary(s)) continue; /* no verb: no module of its own */
        if (ftl_map_put_new(&seen, s->file->package, (void *)s) == s)
            list[(*n)++] = s->file->package;
    }
    ftl_map_free(&seen);
    qsort(list, *n, sizeof *list, str_cmp);
    return list;
}

static void make_modules(FtlImpMap *c)
{
    uint32_t n;
    const char **pkgs = packages(c, &n);
    FtlMap by_name;
    ftl_map_init(&by_name);
    c->m->modules = FTL_NEW_N(c->p->arena, FtlImpModule *, n + 1);
    for (uint32_t i = 0; i < n; i++) {
        Mod *m = FTL_NEW(c->p->arena, Mod);
        m->mod.package = pkgs[i];
        m->mod.name = module_name(c, pkgs[i]);
        ftl_map_init(&m->names);
        Mod *other = ftl_map_put_new(&by_name, m->mod.name, m);
        if (other != m) {
            FtlDiag *g = ftl_imp_error(c, FTL_NOWHERE, "E0623",
                                       "packages '%s' and '%s' both become module '%s'",
                                       other->mod.package, pkgs[i], m->mod.name);
            ftl_diag_fixit(g, "give one of them another module name with --module-name %s=NAME",
                           pkgs[i]);
        }
        ftl_map_set(&c->modules, pkgs[i], m);
        c->m->modules[c->m->nmodules++] = &m->mod;
    }
    ftl_map_free(&by_name);
}

/* ---- declarations -------------------------------------------------------------------------- */

static void add_decl(FtlImpMap *c, Mod *m, FtlImpDecl *d)
{
    if (m->mod.ndecls == m->cap) {
        m->cap = m->cap ? m->cap * 2 : 16;
        FtlImpDecl **items = FTL_NEW_N(c->p->arena, FtlImpDecl *, m->cap);
        if (m->mod.ndecls) memcpy(items, m->mod.decls, m->mod.ndecls * sizeof *items);
        m->mod.decls = items;
    }
    m->mod.decls[m->mod.ndecls++] = d;
}

/* Claims the first free name of want, want2, want3, ... in module m. Returns the
 * declaration that had want (NULL when it was free). */
static const FtlImpDecl *claim(FtlImpMap *c, Mod *m, FtlImpDecl *d, const char *want)
{
    const FtlImpDecl *had = ftl_map_get(&m->names, ftl_intern_cstr(c->p->in, want));
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, want);
    for (unsigned k = 2; ftl_map_get(&m->names, intern_buf(c, &b)); k++) {
        b.len = 0;
        ftl_buf_printf(&b, "%s%u", want, k);
    }
    d->name = intern_buf(c, &b);
    ftl_map_set(&m->names, d->name, d);
    ftl_buf_free(&b);
    return had;
}

static const char *what(const FtlImpDecl *d)
{
    return d->kind == FTL_IMP_ENUM ? "enum" : d->kind == FTL_IMP_DATA ? "message" : "RPC";
}

/* W0622 when a declaration did not get the name the mapping gives it: want was
 * taken by had, or the name had to change (why). */
static void renamed(FtlImpMap *c, const FtlImpDecl *d, const Mod *m, const char *want,
                    const char *why, const FtlImpDecl *had, FtlSpan at)
{
    const char *full = d->kind == FTL_IMP_VERB ? d->grpc_path : d->sym->full;
    if (had)
        ftl_imp_warn(c, at, "W0622", "%s '%s' becomes '%s' in module '%s': '%s' is taken by %s",
                     what(d), full, d->name, m->mod.name, want,
                     had->kind == FTL_IMP_VERB ? had->grpc_path : had->sym->full);
    else if (why)
        ftl_imp_warn(c, at, "W0622", "%s '%s' becomes '%s' in module '%s': %s", what(d), full,
                     d->name, m->mod.name, why);
}

/* Messages and enums: their nested name without dots ("Invoice.Line" ->
 * "InvoiceLine"). */
static void name_type(FtlImpMap *c, FtlImpDecl *d)
{
    FtlBuf flat, want;
    ftl_buf_init(&flat);
    ftl_buf_init(&want);
    for (const char *p = d->sym->local; *p; p++)
        if (*p != '.') ftl_buf_putc(&flat, *p);
    const char *why =
        ftl_imp_ident(&want, ftl_buf_cstr(&flat)) ? "it is not an FTL identifier" : NULL;
    if (ftl_is_primitive_name(ftl_buf_cstr(&want))) {
        why = "declarations cannot take the name of a primitive type";
        ftl_buf_putc(&want, '_');
    }
    Mod *m = ftl_map_get(&c->modules, d->sym->file->package);
    const FtlImpDecl *had = claim(c, m, d, ftl_buf_cstr(&want));
    add_decl(c, m, d);
    renamed(c, d, m, ftl_buf_cstr(&want), why, had, ftl_imp_span(c, d->sym->file, d->sym->path));
    ftl_buf_free(&flat);
    ftl_buf_free(&want);
}

static int depth_cmp(const void *a, const void *b)
{
    const FtlDsSym *x = *(FtlDsSym *const *)a, *y = *(FtlDsSym *const *)b;
    if (x->depth != y->depth) return x->depth < y->depth ? -1 : 1;
    return strcmp(x->full, y->full);
}

static void name_types(FtlImpMap *c)
{
    FtlDsSym **order = ftl_xmalloc((c->ntodo + 1) * sizeof *order);
    if (c->ntodo) memcpy(order, c->todo, c->ntodo * sizeof *order);
    qsort(order, c->ntodo, sizeof *order, depth_cmp);
    for (uint32_t i = 0; i < c->ntodo; i++)
        name_type(c, ftl_map_get(&c->decls, order[i]));
    free(order);
}

/* ---- verbs ---------------------------------------------------------------------------------- */

/* A verb per unary RPC: the method's name in lowerCamel; when taken, the service's
 * name and the method's ("ledgerPost"), then numbered. */
static void name_verb(FtlImpMap *c, const FtlDsSym *svc, size_t k)
{
    const FtlPbService *s = svc->desc;
    const FtlPbMethod *me = s->method[k];
    FtlImpDecl *d = FTL_NEW(c->p->arena, FtlImpDecl);
    d->kind = FTL_IMP_VERB;
    d->sym = svc;
    d->method = me;
    d->grpc_path = ftl_imp_grpc_path(c, svc, me);
    FtlBuf camel, want;
    ftl_buf_init(&camel);
    ftl_buf_init(&want);
    ftl_imp_lower_camel(&camel, me->name ? me->name : "");
    const char *why =
        ftl_imp_ident(&want, ftl_buf_cstr(&camel)) ? "it is not an FTL identifier" : NULL;
    Mod *m = ftl_map_get(&c->modules, svc->file->package);
    if (ftl_map_get(&m->names, ftl_intern_cstr(c->p->in, ftl_buf_cstr(&want)))) {
        camel.len = 0;
        ftl_buf_printf(&camel, "%s_%s", s->name ? s->name : "", me->name ? me->name : "");
        want.len = 0;
        ftl_buf_puts(&want, ftl_buf_cstr(&camel));
        camel.len = 0;
        ftl_imp_lower_camel(&camel, ftl_buf_cstr(&want));
        want.len = 0;
        ftl_imp_ident(&want, ftl_buf_cstr(&camel));
        why = "its name is taken in the module";
    }
    claim(c, m, d, ftl_buf_cstr(&want));
    add_decl(c, m, d);
    const char *path = ftl_ds_child_path(c->p, svc->path, FTL_DS_PATH_METHOD, k);
    renamed(c, d, m, NULL, why, NULL, ftl_imp_span(c, svc->file, path));
    ftl_buf_free(&camel);
    ftl_buf_free(&want);
}

typedef struct MethodRef {
    const char *name;
    size_t index;
} MethodRef;

static int method_cmp(const void *a, const void *b)
{
    const MethodRef *x = a, *y = b;
    int r = strcmp(x->name, y->name);
    return r ? r : (x->index < y->index ? -1 : x->index > y->index);
}

static void name_verbs(FtlImpMap *c)
{
    for (uint32_t i = 0; i < c->nservices; i++) {
        const FtlPbService *s = c->services[i]->desc;
        MethodRef *order = ftl_xmalloc((s->n_method + 1) * sizeof *order);
        size_t n = 0;
        for (size_t k = 0; k < s->n_method; k++)
            if (!ftl_imp_streaming(s->method[k]))
                order[n++] = (MethodRef){s->method[k]->name ? s->method[k]->name : "", k};
        qsort(order, n, sizeof *order, method_cmp);
        for (size_t k = 0; k < n; k++)
            name_verb(c, c->services[i], order[k].index);
        free(order);
    }
}

/* ---- the pass ---------------------------------------------------------------------------------
 */

static int module_cmp(const void *a, const void *b)
{
    return strcmp((*(FtlImpModule *const *)a)->name, (*(FtlImpModule *const *)b)->name);
}

void ftl_imp_name_all(FtlImpMap *c)
{
    make_modules(c);
    if (!c->errors) {
        name_types(c);
        name_verbs(c);
    }
    for (uint32_t i = 0; i < c->m->nmodules; i++)
        ftl_map_free(&((Mod *)c->m->modules[i])->names);
    qsort(c->m->modules, c->m->nmodules, sizeof *c->m->modules, module_cmp);
}
