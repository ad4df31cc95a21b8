/* check_decl.c - rules about declarations: names (E0301-E0303, E0307),
 * metadata placement (E0403, E0422), enums (E0423, E0424), type-alias cycles
 * (E0425) and the visibility of declared types (E0314). The rules are in
 * ftlc-diagnostics(7). */
#include "check/check_int.h"
#include "syntax/fmt.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---------------------------------------------------------------------------- */

int ftl_is_go_keyword(const char *s)
{
    static const char *const kw[] = {"break",     "case",   "chan",    "const",       "continue",
                                     "default",   "defer",  "else",    "fallthrough", "for",
                                     "func",      "go",     "goto",    "if",          "import",
                                     "interface", "map",    "package", "range",       "return",
                                     "select",    "struct", "switch",  "type",        "var"};
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (strcmp(s, kw[i]) == 0) return 1;
    return 0;
}

/* Asked of every declaration's name: the first letter rules out all but one
 * or two candidates (eight strcmp calls a name were 1.3% of check). */
int ftl_is_primitive_name(const char *s)
{
    switch (s[0]) {
    case 'A': return strcmp(s, "Any") == 0;
    case 'B': return strcmp(s, "Bool") == 0 || strcmp(s, "Bytes") == 0;
    case 'F': return strcmp(s, "Float") == 0;
    case 'I': return strcmp(s, "Int") == 0;
    case 'S': return strcmp(s, "String") == 0;
    case 'T': return strcmp(s, "Time") == 0;
    case 'U': return strcmp(s, "Unit") == 0;
    default: return 0;
    }
}

int ftl_is_topic_name(const char *s)
{
    return s[0] >= 'a' && s[0] <= 'z';
}

static void check_names(Ctx *c, FtlModule *m)
{
    if (ftl_is_go_keyword(m->name))
        ftl_error_at(c->d, FTL_HEAD(m), m->name_span, "E0301",
                     "module name \"%s\" is invalid: module names cannot be Go keywords", m->name);
    if (m->builtin && m->name != c->s->n_builtin) {
        FtlDiag *g = ftl_error_at(c->d, FTL_HEAD(m), m->name_span, "E0307",
                                  "the \"builtin\" module is reserved: 'builtin module %s' is not "
                                  "allowed",
                                  m->name);
        FtlSpan builtin = {m->builtin_span.file, m->builtin_span.off, m->kw_span.off};
        if (ftl_span_valid(m->builtin_span))
            ftl_diag_fixit_edit(g, builtin, "", "remove 'builtin'");
        else
            ftl_diag_fixit(g, "remove 'builtin'");
    }
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *d = m->decls[i];
        if (ftl_is_primitive_name(d->name))
            ftl_error_at(c->d, ftl_decl_head(d), ftl_decl_name_span(d), "E0302",
                         "%s name \"%s\" is a reserved word", ftl_decl_kind_name(d->kind), d->name);
        if (d->kind == FTL_DECL_TOPIC && !ftl_is_topic_name(d->name)) {
            FtlDiag *g = ftl_error_at(c->d, ftl_decl_head(d), ftl_decl_name_span(d), "E0303",
                                      "invalid topic name \"%s\": must start with a lowercase "
                                      "letter and consist of letters, numbers and underscores",
                                      d->name);
            if (d->generated)
                ftl_diag_note(g, (FtlSpan){0},
                              "\"%s\" is the dead-letter topic generated for "
                              "this subscription; rename the verb to start "
                              "with a lowercase letter",
                              d->name);
        }
    }
}

/* ---- metadata placement (E0403) ------------------------------------------------------------ */

static void bad_placement(Ctx *c, const FtlMeta *m, const char *where)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_fmt_meta(&b, m);
    ftl_error(c->d, m->span, "E0403", "metadata \"%s\" is not valid on %s", ftl_buf_cstr(&b),
              where);
    ftl_buf_free(&b);
}

static void check_placement(Ctx *c, FtlDecl *d)
{
    for (uint32_t i = 0; i < d->nfields; i++) {
        const FtlMetaList *ml = ftl_field_meta(&d->fields[i]);
        for (uint32_t j = 0; j < ml->count; j++)
            if (ml->items[j]->kind != FTL_MD_ALIAS && ml->items[j]->kind != FTL_MD_SQL_COLUMN)
                bad_placement(c, ml->items[j], "fields");
    }
    int migrations = 0;
    for (uint32_t i = 0; i < d->meta.count; i++) {
        const FtlMeta *m = d->meta.items[i];
        switch (d->kind) {
        case FTL_DECL_DATA:
            if (m->kind == FTL_MD_CALLS || m->kind == FTL_MD_CONFIG || m->kind == FTL_MD_SECRETS ||
                m->kind == FTL_MD_SQL_COLUMN || m->kind == FTL_MD_SQL_QUERY)
                bad_placement(c, m, "data structures");
            break;
        case FTL_DECL_TYPEALIAS:
            if (m->kind != FTL_MD_TYPEMAP) bad_placement(c, m, "type aliases");
            break;
        case FTL_DECL_DATABASE: /* a realm-level rule, as upstream */
            if (c->mpass) break;
            if (m->kind != FTL_MD_MIGRATION)
                bad_placement(c, m, "databases");
            else if (++migrations == 2)
                ftl_error(c->d, m->span, "E0422",
                          "database \"%s\" has multiple migration "
                          "metadata",
                          d->name);
            break;
        default: break;
        }
    }
}

/* ---- enums (E0423, E0424; D17 in ftlc-check(1)) ------------------------------------------------
 */

static const char *category(const FtlType *t)
{
    if (!t) return NULL;
    switch (t->kind) {
    case FTL_TY_ARRAY: return "array";
    case FTL_TY_MAP: return "map";
    case FTL_TY_OPTIONAL: return "optional";
    case FTL_TY_REF: return "reference";
    default: return ftl_prim_name(t->kind);
    }
}

static const char *variant_category(const FtlVariant *v)
{
    switch (v->vkind) {
    case FTL_VAL_STRING: return "String";
    case FTL_VAL_INT: return "Int";
    default: return category(ftl_unalias(v->type));
    }
}

static void variant_value_text(FtlBuf *b, const FtlVariant *v)
{
    if (v->vkind == FTL_VAL_STRING)
        ftl_buf_puts(b, "String");
    else if (v->vkind == FTL_VAL_INT)
        ftl_buf_puts(b, "Int");
    else
        ftl_type_text(b, v->type);
}

/* Do all of d's variants have values of one kind (strings, or integers)? */
static int values_agree(const FtlDecl *d)
{
    for (uint32_t i = 1; i < ftl_decl_nvariants(d); i++)
        if (d->variants[i]->vkind != d->variants[0]->vkind) return 0;
    return ftl_decl_nvariants(d) && d->variants[0]->vkind != FTL_VAL_TYPE;
}

/* E0424's fix-it for a type enum whose variant v has a value: the value type
 * written after the enum's name, when every variant's value is of v's kind
 * (agree, computed once per enum). When they differ (strings and integers,
 * or types among them) which kind the enum should hold is the user's choice:
 * the hint has no edit. */
static void fixit_value_type(FtlDiag *g, const FtlDecl *d, const FtlVariant *v, int agree)
{
    const char *want = v->vkind == FTL_VAL_STRING ? "String" : "Int";
    FtlSpan name = ftl_decl_name_span(d);
    if (!agree || !ftl_span_valid(name)) {
        ftl_diag_fixit(g, "give the enum a value type, e.g. 'enum %s: %s'", d->name, want);
        return;
    }
    char insert[16];
    snprintf(insert, sizeof insert, ": %s", want);
    FtlSpan after = {name.file, name.end, name.end};
    ftl_diag_fixit_edit(g, after, insert, "make it a value enum: 'enum %s: %s'", d->name, want);
}

static void check_enum(Ctx *c, FtlDecl *d)
{
    if (c->mpass) return; /* E0423 and E0424 are realm-level rules */
    if (ftl_decl_type(d)) {
        const char *want = category(ftl_unalias(ftl_decl_type(d)));
        if (!want) return;
        for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
            FtlVariant *v = d->variants[i];
            const char *got = variant_category(v);
            if (!got || strcmp(got, want) == 0) continue;
            FtlBuf t, g;
            ftl_buf_init(&t);
            ftl_buf_init(&g);
            ftl_type_text(&t, ftl_decl_type(d));
            variant_value_text(&g, v);
            ftl_error_at(c->d, v->span, v->value_span, "E0423",
                         "enum variant \"%s\" of type %s cannot have a value of type \"%s\"",
                         v->name, ftl_buf_cstr(&t), ftl_buf_cstr(&g));
            ftl_buf_free(&t);
            ftl_buf_free(&g);
        }
        return;
    }
    if (ftl_decl_nvariants(d) == 0) {
        FtlDiag *g = ftl_error_at(c->d, ftl_decl_head(d), ftl_decl_name_span(d), "E0424",
                                  "enum \"%s\" must have at least one variant", d->name);
        ftl_diag_note(g, (FtlSpan){0},
                      "an enum without ': Type' is a type enum; write 'enum "
                      "%s: String {}' for an empty value enum",
                      d->name);
        return;
    }
    int agree = values_agree(d);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
        FtlVariant *v = d->variants[i];
        if (v->vkind == FTL_VAL_TYPE) continue;
        FtlDiag *g = ftl_error_at(c->d, v->span, v->value_span, "E0424",
                                  "type enum variant \"%s\" value must be a type, was %s", v->name,
                                  v->vkind == FTL_VAL_STRING ? "a string" : "an integer");
        fixit_value_type(g, d, v, agree);
    }
}

/* ---- type-alias cycles (E0425) ----------------------------------------------------------------
 */

static FtlDecl *alias_next(const FtlDecl *a)
{
    const FtlType *t = ftl_decl_type(a);
    if (!t || t->kind != FTL_TY_REF || ftl_type_ref(t)->state != FTL_REF_DECL) return NULL;
    return ftl_ref_target(ftl_type_ref(t))->kind == FTL_DECL_TYPEALIAS
               ? ftl_ref_target(ftl_type_ref(t))
               : NULL;
}

/* The states of an alias during the search, as map values (absent: not seen). */
#define ALIAS_ON_PATH ((void *)1)
#define ALIAS_DONE ((void *)2)
/* A cycle's message names at most this many links, so that reporting stays
 * linear in the schema however long the cycle. */
enum { CYCLE_TEXT_LINKS = 32 };

typedef struct AliasSearch {
    Ctx *c;
    FtlMap state;           /* alias -> ALIAS_ON_PATH or ALIAS_DONE */
    FtlModule *const *mods; /* in checking order */
    uint32_t nmods;
    FtlMap order;   /* module -> 1 + its place in mods (module_order) */
    FtlDecl **path; /* the aliases of the current walk */
    uint32_t npath, cap;
} AliasSearch;

/* The order is only asked for a cycle, which most schemas have none of: the
 * table is made then. */
static uintptr_t module_order(AliasSearch *a, const FtlDecl *d)
{
    if (!a->order.cap) {
        ftl_map_init_in(&a->order, NULL, a->nmods);
        for (uint32_t i = 0; i < a->nmods; i++)
            ftl_map_set(&a->order, a->mods[i], (void *)(uintptr_t)(i + 1));
    }
    return (uintptr_t)ftl_map_get(&a->order, d->module);
}

static void report_cycle(Ctx *c, FtlDecl *const *cyc, uint32_t n, uint32_t at)
{
    FtlDecl *a = cyc[at];
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s.%s", a->module->name, a->name);
    for (uint32_t k = 1; k <= n; k++) {
        if (k == CYCLE_TEXT_LINKS && n > CYCLE_TEXT_LINKS) {
            ftl_buf_printf(&b, " -> ... (%u more)", n - k);
            k = n;
        }
        const FtlDecl *p = cyc[(at + k) % n];
        ftl_buf_printf(&b, " -> %s.%s", p->module->name, p->name);
    }
    FtlDiag *g = ftl_error_at(c->d, ftl_decl_head(a), ftl_decl_name_span(a), "E0425",
                              "type alias cycle: %s", ftl_buf_cstr(&b));
    ftl_diag_note(g, (FtlSpan){0},
                  "a type alias must eventually name a type that is not an "
                  "alias");
    ftl_buf_free(&b);
}

/* A cycle is reported once, where checking module by module first closes it:
 * in the last of its modules in checking order, at that module's first alias
 * of the cycle (references are resolved module by module, so a cycle through
 * several modules is complete only in the last one checked). */
static void found_cycle(AliasSearch *a, FtlDecl *const *cyc, uint32_t n)
{
    uint32_t at = 0;
    for (uint32_t k = 1; k < n; k++) {
        uintptr_t ok = module_order(a, cyc[k]), oa = module_order(a, cyc[at]);
        if (ok > oa ||
            (ok == oa && ftl_decl_name_span(cyc[k]).off < ftl_decl_name_span(cyc[at]).off))
            at = k;
    }
    if (module_order(a, cyc[at])) report_cycle(a->c, cyc, n, at);
}

/* Follows the aliases from d until one that names no alias, one already done,
 * or one on the walk itself (a cycle). Every alias is walked once. */
static void walk_aliases(AliasSearch *a, FtlDecl *d)
{
    a->npath = 0;
    for (; d && !ftl_map_get(&a->state, d); d = alias_next(d)) {
        if (a->npath == a->cap) {
            a->cap = a->cap ? a->cap * 2 : 64;
            a->path = ftl_xrealloc(a->path, a->cap * sizeof *a->path);
        }
        a->path[a->npath++] = d;
        ftl_map_set(&a->state, d, ALIAS_ON_PATH);
    }
    if (d && ftl_map_get(&a->state, d) == ALIAS_ON_PATH) {
        uint32_t from = a->npath;
        while (a->path[from - 1] != d)
            from--;
        found_cycle(a, a->path + from - 1, a->npath - from + 1);
    }
    for (uint32_t k = 0; k < a->npath; k++)
        ftl_map_set(&a->state, a->path[k], ALIAS_DONE);
}

void ftl_check_alias_cycles(Ctx *c, FtlModule *const *mods, uint32_t n)
{
    AliasSearch a = {.c = c, .mods = mods, .nmods = n};
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < mods[i]->ndecls; j++)
            if (mods[i]->decls[j]->kind == FTL_DECL_TYPEALIAS) walk_aliases(&a, mods[i]->decls[j]);
    free(a.path);
    ftl_map_free(&a.state);
    ftl_map_free(&a.order);
}

void ftl_check_module_decls(Ctx *c, FtlModule *m)
{
    c->module = m;
    check_names(c, m);
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *d = m->decls[i];
        c->decl = d;
        check_placement(c, d);
        if (d->kind == FTL_DECL_ENUM) check_enum(c, d);
    }
    c->decl = NULL;
}

/* ---- visibility of declared types (E0314)
 * --------------------------------------------------------- */

static const char *vis_words(FtlVis v)
{
    return v == FTL_VIS_REALM ? "export realm" : v == FTL_VIS_MODULE ? "export" : "none";
}

void ftl_fixit_visibility(FtlDiag *g, const FtlSources *src, const FtlDecl *d, FtlVis want)
{
    const char *words = vis_words(want);
    char insert[16];
    snprintf(insert, sizeof insert, "%s ", words);
    FtlSpan vis, before;
    ftl_decl_head_spans(src, d, &vis, &before);
    if (ftl_span_valid(vis))
        ftl_diag_fixit_edit(g, vis, words, "mark '%s.%s' as '%s'", d->module->name, d->name, words);
    else if (ftl_span_valid(before))
        ftl_diag_fixit_edit(g, before, insert, "mark '%s.%s' as '%s'", d->module->name, d->name,
                            words);
    else /* decoded from protobuf: no text to edit */
        ftl_diag_fixit(g, "mark '%s.%s' as '%s'", d->module->name, d->name, words);
}

/* One level deep: the declaration named by a reference (and its type
 * arguments) must be visible at least as widely as the one that uses it. */
static void vis_require_type(Ctx *c, const FtlType *t, const FtlDecl *user);

static void vis_require_ref(Ctx *c, const FtlRef *r, const FtlDecl *user)
{
    for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
        vis_require_type(c, ftl_ref_args(r)[i], user);
    if (r->state != FTL_REF_DECL || ftl_ref_target_realm(r)) return;
    const FtlDecl *d = ftl_ref_target(r);
    if (d->module == c->s->builtin) return; /* D6 in ftlc-check(1) */
    if (d->kind != FTL_DECL_DATA && d->kind != FTL_DECL_ENUM && d->kind != FTL_DECL_TYPEALIAS)
        return;
    if (d->vis >= user->vis) return;
    FtlDiag *g = ftl_error_at(c->d, ftl_decl_head(d), ftl_decl_name_span(d), "E0314",
                              "%s \"%s\" must have visibility of \"%s\" due to %s.%s",
                              ftl_decl_kind_name(d->kind), d->name, vis_words(user->vis),
                              user->module->name, user->name);
    ftl_diag_note(g, ftl_ref_span(r), "used here by %s %s.%s (%s)", ftl_decl_kind_name(user->kind),
                  user->module->name, user->name, vis_words(user->vis));
    ftl_fixit_visibility(g, c->s->src, d, user->vis);
}

static void vis_require_type(Ctx *c, const FtlType *t, const FtlDecl *user)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF)
        vis_require_ref(c, ftl_type_ref(t), user);
    else if (t->kind >= FTL_TY_ARRAY) {
        vis_require_type(c, t->elem, user);
        vis_require_type(c, ftl_type_value(t), user);
    }
}

static void vis_require_metas(Ctx *c, const FtlMetaList *ml, const FtlDecl *user)
{
    for (uint32_t i = 0; i < ml->count; i++)
        for (uint32_t j = 0; j < ml->items[i]->nrefs; j++)
            vis_require_ref(c, ftl_meta_refs(ml->items[i])[j], user);
}

void ftl_check_visibility(Ctx *c, FtlRealm *r)
{
    for (uint32_t i = 1; i < r->nmodules; i++) {
        FtlModule *m = r->modules[i];
        c->module = m;
        for (uint32_t j = 0; j < m->ndecls; j++) {
            FtlDecl *d = m->decls[j];
            if (d->vis == FTL_VIS_NONE) continue;
            if (d->kind == FTL_DECL_DATA) {
                for (uint32_t k = 0; k < d->nfields; k++)
                    vis_require_type(c, d->fields[k].type, d);
                vis_require_metas(c, &d->meta, d);
            } else if (d->kind == FTL_DECL_TYPEALIAS) {
                vis_require_type(c, ftl_decl_type(d), d);
                vis_require_metas(c, &d->meta, d);
            } else if (d->kind == FTL_DECL_VERB && d->meta.count) {
                /* As upstream, only for verbs with metadata. */
                vis_require_type(c, d->request, d);
                vis_require_type(c, d->response, d);
            }
        }
    }
}
