/* breaking.c - the comparison: every declaration in the old side's scope against the
 * declaration of the same class, module and name on the new side, with the rules of
 * ftlc-breaking(1). A finding is made once, where the change happens: in the new
 * schema, or for removals in the old one (in the new one's enclosing declaration when
 * the old schema was read from a protobuf file, which has no positions).
 *
 * Directions come from the old side: who can break are the callers built against it.
 * A declaration that no verb or topic in scope reaches (direction NONE) is still
 * compared for removal, kind, type parameters and enum kind, never field by field.
 */
#include "realm/breaking_int.h"
#include "base/strlit.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct Cmp {
    FtlBrkReport *r;
    const FtlBrkOptions *o;
    BrkView old, fresh;
    BrkTypes types;
    const char *member; /* the field or variant being compared, for the findings */
} Cmp;

/* ---- findings -------------------------------------------------------------------------------- */

static FtlBrkFinding *add(Cmp *c, FtlBrkRule rule, FtlBrkCategory cat, FtlSpan span,
                          const FtlDecl *about, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static FtlBrkFinding *add(Cmp *c, FtlBrkRule rule, FtlBrkCategory cat, FtlSpan span,
                          const FtlDecl *about, const char *fmt, ...)
{
    FtlBrkReport *r = c->r;
    if ((c->o->except & (1u << rule)) || !(c->o->categories & cat)) return NULL;
    if (r->count == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 16;
        r->items = ftl_xrealloc(r->items, r->cap * sizeof *r->items);
    }
    FtlBrkFinding *f = &r->items[r->count++];
    memset(f, 0, sizeof *f);
    f->rule = rule;
    f->category = cat;
    f->span = span;
    if (about) {
        f->module = about->module ? about->module->name : NULL;
        f->decl = about->name;
        f->member = c->member;
    }
    FtlBuf b;
    ftl_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    ftl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    f->msg = (char *)ftl_buf_cstr(&b);
    r->per_rule[rule]++;
    return f;
}

static void note(FtlBrkFinding *f, FtlSpan span, const char *msg)
{
    f->notes = ftl_xrealloc(f->notes, (f->nnotes + 1) * sizeof *f->notes);
    size_t n = strlen(msg);
    char *copy = ftl_xmalloc(n + 1);
    memcpy(copy, msg, n + 1);
    f->notes[f->nnotes++] = (FtlBrkNote){span, copy};
}

/* The note that says how the declaration is in scope (nothing for a root). */
static void note_path(FtlBrkFinding *f, const BrkView *v, const BrkInfo *i, const char *prefix)
{
    if (!f || !i || i->root || !i->in_scope) return;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, prefix);
    FtlSpan at = brk_path_text(v, i, &b);
    note(f, at, ftl_buf_cstr(&b));
    ftl_buf_free(&b);
}

/* A finding about a type: its direction, and its path in the view that placed it. */
static void typed(FtlBrkFinding *f, const BrkView *v, const BrkInfo *i, FtlBrkDir dir)
{
    if (!f) return;
    f->has_dir = 1;
    f->dir = dir;
    note_path(f, v, i, "");
}

static const char *dir_clause(FtlBrkDir d)
{
    return d == FTL_BRK_IN    ? "which callers send (IN)"
           : d == FTL_BRK_OUT ? "which callers receive (OUT)"
                              : "which callers send and receive (BOTH)";
}

static FtlSpan on_new(const Cmp *c, FtlSpan s)
{
    return brk_placed(&c->fresh, s);
}

/* Where a removal is reported: the old place, else the new enclosing one. */
static FtlSpan on_old(const Cmp *c, FtlSpan old, FtlSpan enclosing_new)
{
    FtlSpan s = brk_placed(&c->old, old);
    return ftl_span_valid(s) ? s : on_new(c, enclosing_new);
}

static const char *kind(const FtlDecl *d)
{
    return ftl_decl_kind_name(d->kind);
}

/* ---- type references ------------------------------------------------------------------------- */

static void text_of(FtlBuf *b, const FtlType *t)
{
    b->len = 0;
    brk_type_text(b, t);
    ftl_buf_cstr(b);
}

/* A type reference that changed: a finding of rule, with `what` ("the request of verb
 * `m.v`") naming the place. Returns the finding (NULL when none). */
static FtlBrkFinding *type_change(Cmp *c, FtlBrkRule rule, const FtlType *a, const FtlType *b,
                                  FtlSpan at, const FtlDecl *about, const char *what)
{
    BrkTypeDiff diff = brk_type_cmp(&c->types, a, b);
    if (diff == BRK_TYPE_SAME) return NULL;
    FtlBuf x, y;
    ftl_buf_init(&x);
    ftl_buf_init(&y);
    text_of(&x, a);
    text_of(&y, b);
    int wire = diff == BRK_TYPE_WIRE;
    FtlBrkFinding *f =
        add(c, rule, wire ? FTL_BRK_WIRE : FTL_BRK_SOURCE, on_new(c, b ? ftl_type_span(b) : at),
            about, "%s changed from `%s` to `%s`%s", what, x.data, y.data,
            wire ? "" : " (the same on the wire)");
    ftl_buf_free(&x);
    ftl_buf_free(&y);
    return f;
}

/* ---- fields ---------------------------------------------------------------------------------- */

static void field_changed(Cmp *c, const BrkInfo *info, const FtlDecl *n, const FtlField *f,
                          const FtlField *g)
{
    const FtlDecl *d = info->decl;
    FtlBrkDir dir = info->dir;
    c->member = g->name;
    const char *wo = brk_wire_name(&c->types, f), *wn = brk_wire_name(&c->types, g);
    if (wo != wn)
        typed(add(c, FTL_BRK_FIELD_SAME_JSON_NAME, FTL_BRK_WIRE, on_new(c, g->span), d,
                  "the wire name of field `%s` of data `%s.%s` changed from `%s` to `%s`", g->name,
                  d->module->name, d->name, wo, wn),
              &c->fresh, brk_view_info(&c->fresh, n), dir);
    const FtlType *fi, *gi;
    int fo = brk_type_optional(&c->types, f->type, &fi);
    int go = brk_type_optional(&c->types, g->type, &gi);
    if ((fo && !go && (dir & FTL_BRK_IN)) || (!fo && go && (dir & FTL_BRK_OUT))) {
        FtlBuf x, y;
        ftl_buf_init(&x);
        ftl_buf_init(&y);
        text_of(&x, f->type);
        text_of(&y, g->type);
        typed(add(c, FTL_BRK_FIELD_SAME_OPTIONALITY, FTL_BRK_WIRE,
                  on_new(c, g->type ? ftl_type_span(g->type) : g->span), d,
                  "field `%s` of data `%s.%s`, %s, %s: `%s` became `%s`", g->name, d->module->name,
                  d->name, dir_clause(dir), go ? "became optional" : "is no longer optional",
                  x.data, y.data),
              &c->fresh, brk_view_info(&c->fresh, n), dir);
        ftl_buf_free(&x);
        ftl_buf_free(&y);
    }
    char what[512];
    snprintf(what, sizeof what, "the type of field `%s` of data `%s.%s`", g->name, d->module->name,
             d->name);
    typed(type_change(c, FTL_BRK_FIELD_SAME_TYPE, fo != go ? fi : f->type, fo != go ? gi : g->type,
                      g->span, d, what),
          &c->fresh, brk_view_info(&c->fresh, n), dir);
}

static void compare_fields(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    const BrkInfo *ni = brk_view_info(&c->fresh, n);
    FtlBrkDir dir = info->dir;
    FtlMap olds, news;
    brk_index_fields(&c->types, &olds, d, 0);
    brk_index_fields(&c->types, &news, n, 0);
    for (uint32_t i = 0; i < d->nfields; i++) {
        const FtlField *f = &d->fields[i], *g = ftl_map_get(&news, f->name);
        if (g) {
            field_changed(c, info, n, f, g);
            continue;
        }
        c->member = f->name;
        typed(add(c, FTL_BRK_FIELD_NO_DELETE, dir & FTL_BRK_OUT ? FTL_BRK_WIRE : FTL_BRK_SOURCE,
                  on_old(c, f->span, ftl_decl_name_span(n)), d,
                  "field `%s` was removed from data `%s.%s`, %s", f->name, d->module->name, d->name,
                  dir_clause(dir)),
              &c->old, info, dir);
    }
    const FtlType *inner;
    for (uint32_t i = 0; i < n->nfields; i++) {
        const FtlField *g = &n->fields[i];
        if (ftl_map_get(&olds, g->name) || !(dir & FTL_BRK_IN) ||
            brk_type_optional(&c->types, g->type, &inner))
            continue;
        c->member = g->name;
        typed(add(c, FTL_BRK_FIELD_NO_REQUIRED_ADD, FTL_BRK_WIRE, on_new(c, g->span), d,
                  "required field `%s` was added to data `%s.%s`, %s", g->name, d->module->name,
                  d->name, dir_clause(dir)),
              &c->fresh, ni, dir);
    }
    ftl_map_free(&olds);
    ftl_map_free(&news);
    c->member = NULL;
}

static void params_text(FtlBuf *b, const FtlDecl *d)
{
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++)
        ftl_buf_printf(b, "%s%s", i ? ", " : "<", d->params[i].name);
    ftl_buf_puts(b, ftl_decl_nparams(d) ? ">" : "none");
}

static void compare_data(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    int same = ftl_decl_nparams(d) == ftl_decl_nparams(n);
    for (uint32_t i = 0; same && i < ftl_decl_nparams(d); i++)
        same = d->params[i].name == n->params[i].name;
    if (!same) {
        FtlBuf x, y;
        ftl_buf_init(&x);
        ftl_buf_init(&y);
        params_text(&x, d);
        params_text(&y, n);
        typed(add(c, FTL_BRK_TYPE_SAME_PARAMETERS, FTL_BRK_SOURCE, on_new(c, ftl_decl_name_span(n)),
                  d, "the type parameters of data `%s.%s` changed from %s to %s", d->module->name,
                  d->name, x.data, y.data),
              &c->fresh, brk_view_info(&c->fresh, n), info->dir);
        ftl_buf_free(&x);
        ftl_buf_free(&y);
    }
    if (info->dir != FTL_BRK_NONE) compare_fields(c, info, n);
}

/* ---- enums
 * --------------------------------------------------------------------------------------- */

static void value_text(FtlBuf *b, const FtlVariant *v)
{
    if (v->vkind == FTL_VAL_INT)
        ftl_buf_printf(b, "%lld", (long long)v->ival);
    else if (v->vkind == FTL_VAL_STRING)
        ftl_str_quote(b, v->str.ptr, v->str.len);
    else
        brk_type_text(b, v->type);
}

/* A value enum that became a type enum, or changed its value type; 1 when reported. */
static int enum_kind_changed(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    if (ftl_decl_type(d) && ftl_decl_type(n) && ftl_decl_type(d)->kind == ftl_decl_type(n)->kind)
        return 0;
    if (!ftl_decl_type(d) && !ftl_decl_type(n)) return 0;
    FtlBuf x, y;
    ftl_buf_init(&x);
    ftl_buf_init(&y);
    ftl_buf_puts(&x, ftl_decl_type(d) ? "a value enum of `" : "a type enum");
    brk_type_text(&x, ftl_decl_type(d));
    ftl_buf_puts(&x, ftl_decl_type(d) ? "`" : "");
    ftl_buf_puts(&y, ftl_decl_type(n) ? "a value enum of `" : "a type enum");
    brk_type_text(&y, ftl_decl_type(n));
    ftl_buf_puts(&y, ftl_decl_type(n) ? "`" : "");
    typed(add(c, FTL_BRK_ENUM_SAME_KIND, FTL_BRK_WIRE,
              on_new(c, ftl_decl_type(n) ? ftl_type_span(ftl_decl_type(n)) : ftl_decl_name_span(n)),
              d, "enum `%s.%s` changed from %s to %s", d->module->name, d->name, ftl_buf_cstr(&x),
              ftl_buf_cstr(&y)),
          &c->fresh, brk_view_info(&c->fresh, n), info->dir);
    ftl_buf_free(&x);
    ftl_buf_free(&y);
    return 1;
}

static void variant_changed(Cmp *c, const BrkInfo *info, const FtlDecl *n, const FtlVariant *v,
                            const FtlVariant *w)
{
    const FtlDecl *d = info->decl;
    const BrkInfo *ni = brk_view_info(&c->fresh, n);
    c->member = w->name;
    char what[512];
    snprintf(what, sizeof what, "the type of variant `%s` of enum `%s.%s`", w->name,
             d->module->name, d->name);
    if (v->vkind == FTL_VAL_TYPE && w->vkind == FTL_VAL_TYPE) {
        typed(type_change(c, FTL_BRK_ENUM_VALUE_SAME_VALUE, v->type, w->type, w->span, d, what),
              &c->fresh, ni, info->dir);
        return;
    }
    if (brk_same_value(v, w)) return;
    FtlBuf x, y;
    ftl_buf_init(&x);
    ftl_buf_init(&y);
    value_text(&x, v);
    value_text(&y, w);
    typed(add(c, FTL_BRK_ENUM_VALUE_SAME_VALUE, FTL_BRK_WIRE, on_new(c, w->value_span), d,
              "variant `%s` of enum `%s.%s` changed its value from %s to %s", w->name,
              d->module->name, d->name, ftl_buf_cstr(&x), ftl_buf_cstr(&y)),
          &c->fresh, ni, info->dir);
    ftl_buf_free(&x);
    ftl_buf_free(&y);
}

static void compare_enum(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    FtlBrkDir dir = info->dir;
    if (enum_kind_changed(c, info, n) || dir == FTL_BRK_NONE) return;
    FtlMap olds, news;
    brk_index_variants(&olds, d);
    brk_index_variants(&news, n);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
        const FtlVariant *v = d->variants[i], *w = ftl_map_get(&news, v->name);
        if (w) {
            variant_changed(c, info, n, v, w);
            continue;
        }
        c->member = v->name;
        typed(add(c, FTL_BRK_ENUM_VALUE_NO_DELETE, dir & FTL_BRK_IN ? FTL_BRK_WIRE : FTL_BRK_SOURCE,
                  on_old(c, v->span, ftl_decl_name_span(n)), d,
                  "variant `%s` was removed from enum `%s.%s`, %s", v->name, d->module->name,
                  d->name, dir_clause(dir)),
              &c->old, info, dir);
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(n) && (dir & FTL_BRK_OUT); i++) {
        const FtlVariant *w = n->variants[i];
        if (ftl_map_get(&olds, w->name)) continue;
        c->member = w->name;
        typed(add(c, FTL_BRK_ENUM_VALUE_NO_ADD_OUT, FTL_BRK_WIRE, on_new(c, w->span), d,
                  "variant `%s` was added to enum `%s.%s`, %s", w->name, d->module->name, d->name,
                  dir_clause(dir)),
              &c->fresh, brk_view_info(&c->fresh, n), dir);
    }
    ftl_map_free(&olds);
    ftl_map_free(&news);
    c->member = NULL;
}

/* ---- declarations
 * ---------------------------------------------------------------------------------- */

static void compare_verb(Cmp *c, const FtlDecl *d, const FtlDecl *n)
{
    char what[512];
    snprintf(what, sizeof what, "the request of verb `%s.%s`", d->module->name, d->name);
    type_change(c, FTL_BRK_VERB_SAME_REQUEST, d->request, n->request, ftl_decl_name_span(n), d,
                what);
    snprintf(what, sizeof what, "the response of verb `%s.%s`", d->module->name, d->name);
    type_change(c, FTL_BRK_VERB_SAME_RESPONSE, d->response, n->response, ftl_decl_name_span(n), d,
                what);
}

static void compare_same_kind(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    char what[512];
    c->types.owner_old = d;
    c->types.owner_new = n;
    switch (d->kind) {
    case FTL_DECL_VERB: compare_verb(c, d, n); break;
    case FTL_DECL_TOPIC:
        snprintf(what, sizeof what, "the event of topic `%s.%s`", d->module->name, d->name);
        type_change(c, FTL_BRK_TOPIC_SAME_EVENT, ftl_decl_type(d), ftl_decl_type(n),
                    ftl_decl_name_span(n), d, what);
        break;
    case FTL_DECL_DATA: compare_data(c, info, n); break;
    case FTL_DECL_ENUM: compare_enum(c, info, n); break;
    default: /* a typealias: what it stands for changed inside the types that use it */
        if (info->dir == FTL_BRK_NONE) break;
        snprintf(what, sizeof what, "typealias `%s.%s`", d->module->name, d->name);
        typed(type_change(c, FTL_BRK_FIELD_SAME_TYPE, ftl_decl_type(d), ftl_decl_type(n),
                          ftl_decl_name_span(n), d, what),
              &c->fresh, brk_view_info(&c->fresh, n), info->dir);
    }
}

static void removed(Cmp *c, const BrkInfo *info)
{
    const FtlDecl *d = info->decl;
    const BrkModule *bm = ftl_map_get(&c->fresh.modules, d->module->name);
    FtlSpan enclosing = bm ? bm->m->name_span : (FtlSpan){0, 0, 0};
    int verb = d->kind == FTL_DECL_VERB;
    FtlBrkFinding *f =
        add(c, verb ? FTL_BRK_VERB_NO_DELETE : FTL_BRK_DECL_NO_DELETE,
            verb ? FTL_BRK_WIRE : FTL_BRK_SOURCE, on_old(c, ftl_decl_name_span(d), enclosing), d,
            "%s `%s.%s` was removed", kind(d), d->module->name, d->name);
    /* Verbs and topics are in scope by their own visibility: no path to show. */
    if (brk_class(d->kind) == BRK_TYPE) typed(f, &c->old, info, info->dir);
}

static void left_scope(Cmp *c, const BrkInfo *info, const FtlDecl *n)
{
    const FtlDecl *d = info->decl;
    int verb = d->kind == FTL_DECL_VERB;
    int realm = c->o->scope == FTL_BRK_SCOPE_REALM;
    FtlBrkFinding *f =
        add(c, verb ? FTL_BRK_VERB_NO_DELETE : FTL_BRK_DECL_NO_DELETE,
            verb ? FTL_BRK_WIRE : FTL_BRK_SOURCE, on_new(c, ftl_decl_name_span(n)), d,
            "%s `%s.%s` is no longer %s: it is not `%s`, nor reached from a declaration that is",
            kind(n), d->module->name, d->name,
            realm ? "part of the realm's API" : "visible to other modules",
            realm ? "export realm" : "export");
    if (f && brk_class(d->kind) == BRK_TYPE) {
        f->has_dir = 1;
        f->dir = info->dir;
        note_path(f, &c->old, info, "it was ");
    }
}

static void compare_decl(Cmp *c, const BrkInfo *info)
{
    const FtlDecl *d = info->decl;
    BrkClass cls = brk_class(d->kind);
    const FtlDecl *n = brk_view_find(&c->fresh, d->module->name, d->name, cls);
    const BrkInfo *ni = brk_view_info(&c->fresh, n);
    if (!n) {
        removed(c, info);
    } else if (!ni->in_scope) {
        left_scope(c, info, n);
    } else if (d->kind != n->kind) {
        typed(add(c, FTL_BRK_DECL_SAME_KIND, FTL_BRK_SOURCE, on_new(c, ftl_decl_name_span(n)), d,
                  "`%s.%s` changed kind from %s to %s", d->module->name, d->name, kind(d), kind(n)),
              &c->fresh, ni, info->dir);
    } else {
        compare_same_kind(c, info, n);
    }
}

static void compare_realm_name(Cmp *c)
{
    const FtlRealm *a = c->old.side->realm, *b = c->fresh.side->realm;
    if (!a || !b || !a->name[0] || !b->name[0] || a->name == b->name) return;
    add(c, FTL_BRK_REALM_SAME_NAME, FTL_BRK_WIRE, on_new(c, b->name_span), NULL,
        "the realm was renamed from `%s` to `%s`: every `@%s` reference of its callers breaks",
        a->name, b->name, a->name);
}

/* Rules that can report something under the options. */
static uint32_t checked_rules(const FtlBrkOptions *o)
{
    uint32_t bits = 0;
    for (int i = 0; i < FTL_BRK__COUNT; i++) {
        int source_only = strcmp(ftl_brk_rule_categories((FtlBrkRule)i), "SOURCE") == 0;
        if (!(o->except & (1u << i)) && (!source_only || (o->categories & FTL_BRK_SOURCE)))
            bits |= 1u << i;
    }
    return bits;
}

void ftl_brk_compare(FtlBrkReport *r, const FtlBrkSide *old, const FtlBrkSide *fresh,
                     const FtlBrkOptions *o)
{
    memset(r, 0, sizeof *r);
    r->checked = checked_rules(o);
    Cmp c;
    memset(&c, 0, sizeof c);
    c.r = r;
    c.o = o;
    BrkRoots ro = {o->scope, o->uses, o->nuses};
    BrkRoots rf = {o->uses ? FTL_BRK_SCOPE_ALL : o->scope, NULL, 0};
    brk_view_init(&c.old, old, &ro);
    brk_view_init(&c.fresh, fresh, &rf);
    brk_types_init(&c.types, &c.old, &c.fresh);
    compare_realm_name(&c);
    for (uint32_t i = 0; i < c.old.nmods; i++) {
        const FtlModule *m = c.old.mods[i]->m;
        for (uint32_t k = 0; k < m->ndecls; k++) {
            const BrkInfo *info = brk_view_info(&c.old, m->decls[k]);
            /* Declarations shadowed by one of the same class and name (D12 in ftlc-check(1)) are
             * not what references mean. */
            if (info && info->in_scope &&
                brk_view_find(&c.old, m->name, info->decl->name, brk_class(info->decl->kind)) ==
                    info->decl)
                compare_decl(&c, info);
        }
    }
    brk_types_free(&c.types);
    brk_view_free(&c.old);
    brk_view_free(&c.fresh);
}

void ftl_brk_report_free(FtlBrkReport *r)
{
    for (unsigned i = 0; i < r->count; i++) {
        free(r->items[i].msg);
        for (unsigned k = 0; k < r->items[i].nnotes; k++)
            free(r->items[i].notes[k].msg);
        free(r->items[i].notes);
    }
    free(r->items);
    memset(r, 0, sizeof *r);
}
