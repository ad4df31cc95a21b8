/* resolve.c - reference resolution (References in ftl-schema(5)) and the
 * checks at a reference: E0310-E0316, E0502-E0506, E0508, W0501.
 *
 * Every reference is resolved once and the result stored on it (state,
 * target). A reference that fails is reported once and marked FTL_REF_ERROR,
 * so that no later check reports it again. In a module-only pass (module
 * files) references into other modules stay unresolved without error, as
 * upstream's module validation does.
 */
#include "check/check_int.h"
#include "syntax/fmt.h"

#include <stdlib.h>
#include <string.h>

/* ---- names -------------------------------------------------------------------------- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t row[65];
    for (size_t j = 0; j <= lb; j++)
        row[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t best = diag + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            if (up + 1 < best) best = up + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *ftl_closest(const char *name, const char *const *cands, size_t n)
{
    size_t limit = strlen(name) / 3 + 1, best = (size_t)-1;
    const char *found = NULL;
    for (size_t i = 0; i < n; i++) {
        if (!cands[i] || cands[i] == name) continue;
        size_t d = edit_distance(name, cands[i]);
        if (d <= limit && d < best) best = d, found = cands[i];
    }
    return found;
}

static const char *closest_decl(const FtlModule *m, const char *name)
{
    if (!m || m->ndecls == 0) return NULL;
    const char *cands[256];
    size_t n = 0;
    for (uint32_t i = 0; i < m->ndecls && n < 256; i++)
        cands[n++] = m->decls[i]->name;
    return ftl_closest(name, cands, n);
}

/* An unqualified name may have meant a declaration of the module, a builtin
 * declaration or a primitive type. */
static const char *closest_unqualified(Ctx *c, const char *name)
{
    static const char *const prims[] = {"Int",  "Float", "String", "Bytes",
                                        "Bool", "Time",  "Any",    "Unit"};
    const char *cands[256 + 16];
    size_t n = 0;
    for (uint32_t i = 0; i < c->module->ndecls && n < 256; i++)
        cands[n++] = c->module->decls[i]->name;
    for (uint32_t i = 0; i < c->s->builtin->ndecls; i++)
        cands[n++] = c->s->builtin->decls[i]->name;
    for (size_t i = 0; i < 8; i++)
        cands[n++] = prims[i];
    return ftl_closest(name, cands, n);
}

static const char *closest_module(const FtlRealm *r, const char *name)
{
    if (!r) return NULL;
    const char *cands[256];
    size_t n = 0;
    for (uint32_t i = 0; i < r->nmodules && n < 256; i++)
        cands[n++] = r->modules[i]->name;
    return ftl_closest(name, cands, n);
}

/* For `mod.name` where mod is not a module: a module close to mod that has a
 * declaration called name. */
static const char *closest_module_with(const FtlRealm *r, const char *mod, const char *name)
{
    const char *near = closest_module(r, mod);
    return near && ftl_module_lookup(ftl_realm_lookup(r, near), name) ? near : NULL;
}

const char *ftl_site_name(Site s)
{
    switch (s) {
    case SITE_CALLS: return "+calls";
    case SITE_CONFIG: return "+config";
    case SITE_SECRETS: return "+secrets";
    case SITE_DATABASES: return "+database uses";
    case SITE_PUBLISH: return "+publish";
    case SITE_SUBSCRIBE: return "+subscribe";
    case SITE_CATCH: return "+retry … catch";
    case SITE_CS_TYPE: return "the type of a config or secret";
    default: return "a type";
    }
}

const char *ftl_ref_kind_word(const FtlRef *r)
{
    return ftl_ref_target(r) ? ftl_decl_kind_name(ftl_ref_target(r)->kind) : "reference";
}

void ftl_ref_text(FtlBuf *b, const FtlRef *r)
{
    ftl_fmt_ref(b, r);
}

int ftl_is_builtin_decl(const FtlSchema *s, const FtlDecl *d, const char *name)
{
    return d && d->module == s->builtin && (!name || d->name == name);
}

static int is_prim_name(const char *n)
{
    static const char *const prims[] = {"Int",  "Float", "String", "Bytes",
                                        "Bool", "Time",  "Any",    "Unit"};
    for (size_t i = 0; i < 8; i++)
        if (strcmp(n, prims[i]) == 0) return 1;
    return 0;
}

/* ---- reporting ------------------------------------------------------------------------ */

static FtlDiag *ref_error(Ctx *c, FtlRef *r, const char *code, const char *fmt, const char *arg)
{
    ftl_ref_fail(r);
    return ftl_error(c->d, ftl_ref_span(r), code, fmt, arg);
}

/* suggest_mod.suggest_name (either may be NULL: nothing to suggest) keeps the
 * reference's realm suffix. */
static void unknown_ref(Ctx *c, FtlRef *r, const char *suggest_mod, const char *suggest_name)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_ref_text(&b, r);
    ftl_ref_fail(r);
    FtlDiag *g =
        ftl_error(c->d, ftl_ref_span(r), "E0310", "unknown reference \"%s\"", ftl_buf_cstr(&b));
    if (suggest_name && (suggest_mod || !r->module)) {
        /* The edit replaces the reference as written, type arguments kept. */
        b.len = 0;
        const char *realm = ftl_ref_realm(r);
        ftl_buf_printf(&b, "%s%s%s%s%s", suggest_mod ? suggest_mod : "", suggest_mod ? "." : "",
                       suggest_name, realm ? "@" : "", realm ? realm : "");
        FtlSpan name = ftl_ref_name_span(r);
        FtlSpan at = {ftl_ref_span(r).file, ftl_ref_span(r).off,
                      realm ? ftl_ref_realm_span(r).end : name.end};
        if (ftl_span_valid(name))
            ftl_diag_fixit_edit(g, at, ftl_buf_cstr(&b), "did you mean '%s'?", b.data);
        else /* decoded from protobuf: no text to edit */
            ftl_diag_fixit(g, "did you mean '%s'?", ftl_buf_cstr(&b));
    }
    ftl_buf_free(&b);
}

static void invalid_ref(Ctx *c, FtlRef *r, const char *what)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_ref_text(&b, r);
    ftl_ref_fail(r);
    FtlDiag *g = ftl_error(c->d, ftl_ref_span(r), "E0311", "invalid reference \"%s\": it names %s",
                           ftl_buf_cstr(&b), what);
    ftl_diag_note(g, (FtlSpan){0}, "a reference must name a declaration or a type parameter");
    ftl_buf_free(&b);
}

/* ---- lookup ---------------------------------------------------------------------------- */

static FtlDecl *param_of(const FtlDecl *d, const char *name)
{
    if (!d || d->kind != FTL_DECL_DATA) return NULL;
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++)
        if (d->params[i].name == name) return (FtlDecl *)d;
    return NULL;
}

static void resolve_unqualified(Ctx *c, FtlRef *r)
{
    FtlSchema *s = c->s;
    if (param_of(c->decl, ftl_ref_name(r))) {
        r->state = FTL_REF_PARAM;
        return;
    }
    if (ftl_ref_name(r) == c->module->name) {
        if (!c->mpass) invalid_ref(c, r, "its own module");
        return;
    }
    FtlDecl *d = ftl_module_lookup(s->builtin, ftl_ref_name(r));
    if (d) {
        ftl_ref_resolve(r, d);
        return;
    }
    if (ftl_ref_name(r) == s->n_builtin) {
        if (!c->mpass) invalid_ref(c, r, "the builtin module");
        return;
    }
    if (is_prim_name(ftl_ref_name(r))) {
        if (!c->mpass) invalid_ref(c, r, "a primitive type");
        return;
    }
    d = ftl_module_lookup(c->module, ftl_ref_name(r));
    if (d) {
        ftl_ref_resolve(r, d);
        return;
    }
    /* A module file alone: its own declarations and the builtin ones are all
     * there is in scope, so a name that is neither is wrong in any realm (the
     * realm check upstream runs later reports it), and saying so now is what a
     * typo needs. */
    if (c->report_local) {
        unknown_ref(c, r, NULL, closest_unqualified(c, ftl_ref_name(r)));
        return;
    }
    if (c->mpass) return;
    if (ftl_realm_lookup(c->realm, ftl_ref_name(r))) {
        invalid_ref(c, r, "a module");
        return;
    }
    unknown_ref(c, r, NULL, closest_unqualified(c, ftl_ref_name(r)));
}

/* A module file alone names another module: nothing can say whether the
 * reference is right (upstream's module pass ignores it). */
static void keep_unchecked(Ctx *c, FtlRef *r)
{
    if (ftl_map_put_new(&c->unchecked_seen, r->module, r) != r) return;
    if ((c->nunchecked & (c->nunchecked - 1)) == 0) /* 0, 1, 2, 4, ...: doubles */
        c->unchecked = ftl_xrealloc(c->unchecked,
                                    (c->nunchecked ? c->nunchecked * 2 : 1) * sizeof *c->unchecked);
    c->unchecked[c->nunchecked++] = r;
}

void ftl_note_unchecked(Ctx *c)
{
    for (uint32_t i = 0; i < c->nunchecked; i++) {
        const FtlRef *r = c->unchecked[i];
        ftl_diag_add(c->d, FTL_SEV_NOTE, ftl_ref_span(r), "I0301",
                     "references to module \"%s\" were not checked: pass -I DIR or check the "
                     "realm",
                     r->module);
    }
    free(c->unchecked);
    ftl_map_free(&c->unchecked_seen);
    c->unchecked = NULL;
    c->nunchecked = 0;
}

static void resolve_qualified(Ctx *c, FtlRef *r, FtlRealm *realm)
{
    FtlSchema *s = c->s;
    FtlModule *m = NULL;
    if (r->module == s->n_builtin)
        m = s->builtin;
    else if (realm)
        m = ftl_realm_lookup(realm, r->module);
    else if (r->module == c->module->name)
        m = c->module;
    FtlDecl *d = m ? ftl_module_lookup(m, ftl_ref_name(r)) : NULL;
    /* As upstream, Empty.HttpRequest: a builtin declaration's name as the module. */
    if (!d && !m && ftl_module_lookup(s->builtin, r->module)) {
        d = ftl_module_lookup(s->builtin, ftl_ref_name(r));
        if (d) m = s->builtin;
    }
    if (d) {
        ftl_ref_resolve(r, d);
        return;
    }
    if (c->mpass) {
        if (!m) keep_unchecked(c, r);
        /* The module's own or the builtin module: complete, as above. */
        else if (c->report_local)
            unknown_ref(c, r, r->module, closest_decl(m, ftl_ref_name(r)));
        return;
    }
    if (ftl_map_get(&s->broken, r->module)) {
        ftl_ref_fail(r); /* its -I file has been reported: maybe cut short */
        return;
    }
    if (m)
        unknown_ref(c, r, r->module, closest_decl(m, ftl_ref_name(r)));
    else
        unknown_ref(c, r, closest_module_with(realm, r->module, ftl_ref_name(r)), ftl_ref_name(r));
}

/* ---- federation (E0502-E0506, E0508, W0501) ------------------------------------------------ */

static FtlRealm *find_external(FtlSchema *s, const char *name)
{
    for (uint32_t i = 0; i < s->nrealms; i++)
        if (s->realms[i]->name == name && s->realms[i]->external) return s->realms[i];
    return NULL;
}

static void unknown_realm(Ctx *c, FtlRef *r)
{
    const char *cands[64];
    size_t n = 0;
    for (uint32_t i = 0; i < c->s->nrealms && n < 64; i++)
        if (c->s->realms[i]->external) cands[n++] = c->s->realms[i]->name;
    ftl_ref_fail(r);
    const char *realm = ftl_ref_realm(r); /* never NULL: r names a realm */
    FtlDiag *g = ftl_error_at(c->d, ftl_ref_span(r), ftl_ref_realm_span(r), "E0503",
                              "unknown realm \"%s\"", realm ? realm : "");
    const char *near = ftl_closest(realm, cands, n);
    if (near)
        ftl_diag_fixit_edit(g, ftl_ref_realm_span(r), near, "did you mean '@%s'?", near);
    else
        ftl_diag_note(g, (FtlSpan){0},
                      "external realms come from 'external realm' blocks, "
                      "--external-realm NAME=FILE or ftl-project.toml");
}

/* A fix-it that deletes the reference's "@realm" (from the end of its name). */
static void remove_realm(FtlDiag *g, const FtlRef *r, const char *fmt, const char *arg)
{
    FtlSpan name = ftl_ref_name_span(r);
    FtlSpan realm = ftl_ref_realm_span(r);
    FtlSpan at = {realm.file, name.end, realm.end};
    if (ftl_span_valid(name) && ftl_span_valid(realm))
        ftl_diag_fixit_edit(g, at, "", fmt, arg);
    else /* decoded from protobuf: no text to edit */
        ftl_diag_fixit(g, fmt, arg);
}

/* The most modules of an external realm that E0502's fix-it looks through
 * (one lookup each, for each such reference: bounded, so the check stays
 * linear; a larger realm gets no edit). */
#define QUALIFY_MAX_MODULES 256

/* E0502's fix-it: the module of the external realm that declares the name,
 * written before it, when exactly one does (when several do, which one is
 * meant is the user's choice). */
static void qualify_fixit(Ctx *c, FtlDiag *g, const FtlRef *r)
{
    const FtlRealm *ext = find_external(c->s, ftl_ref_realm(r));
    FtlSpan name = ftl_ref_name_span(r);
    if (!ext || ext->nmodules > QUALIFY_MAX_MODULES || !ftl_span_valid(name)) return;
    const char *mod = NULL;
    for (uint32_t i = 0; i < ext->nmodules; i++) {
        const FtlModule *m = ext->modules[i];
        if (m == c->s->builtin || !ftl_module_lookup(m, ftl_ref_name(r))) continue;
        if (mod) return;
        mod = m->name;
    }
    if (!mod) return;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s.", mod);
    FtlSpan at = {name.file, name.off, name.off};
    ftl_diag_fixit_edit(g, at, ftl_buf_cstr(&b), "write '%s.%s@%s'", mod, ftl_ref_name(r),
                        ftl_ref_realm(r));
    ftl_buf_free(&b);
}

/* Returns 1 when the reference was handled as a cross-realm reference. */
static int resolve_cross_realm(Ctx *c, FtlRef *r, Site site)
{
    if (!c->realm) return 0; /* module files have no realms */
    const char *realm = ftl_ref_realm(r);
    if (realm == c->realm->name) {
        FtlDiag *g =
            ftl_report_at(c->d, FTL_SEV_WARNING, ftl_ref_span(r), ftl_ref_realm_span(r), "W0501",
                          "redundant realm qualifier: \"%s\" is the enclosing realm", realm);
        remove_realm(g, r, "remove '@%s'", realm);
        return 0;
    }
    if (c->realm->external) {
        ftl_ref_fail(r);
        FtlDiag *g =
            ftl_error(c->d, ftl_ref_span(r), "E0508",
                      "external realm \"%s\" must not reference other realms", c->realm->name);
        ftl_diag_note(g, (FtlSpan){0}, "a realm's public schema is self-contained");
        return 1;
    }
    if (!r->module) {
        qualify_fixit(c,
                      ref_error(c, r, "E0502",
                                "cross-realm reference \"%s\" must be module-qualified",
                                ftl_ref_name(r)),
                      r);
        return 1;
    }
    FtlRealm *ext = find_external(c->s, realm);
    if (!ext) {
        unknown_realm(c, r);
        return 1;
    }
    if (site != SITE_TYPE && site != SITE_CALLS) {
        FtlDiag *g = ref_error(c, r, "E0504", "cross-realm reference not allowed in %s",
                               ftl_site_name(site));
        ftl_diag_note(g, (FtlSpan){0},
                      "only verb calls and types cross realms; topics, "
                      "configuration, secrets, databases and catch verbs stay "
                      "inside their realm");
        return 1;
    }
    if (r->module == c->s->n_builtin) {
        FtlDiag *g = ref_error(c, r, "E0505",
                               "builtin declarations cannot be referenced across realms "
                               "(\"%s\")",
                               ftl_ref_name(r));
        remove_realm(g, r, "write 'builtin.%s': every realm has the builtin module",
                     ftl_ref_name(r));
        return 1;
    }
    FtlModule *m = ftl_realm_lookup(ext, r->module);
    FtlDecl *d = m ? ftl_module_lookup(m, ftl_ref_name(r)) : NULL;
    if (!d) {
        if (m)
            unknown_ref(c, r, r->module, closest_decl(m, ftl_ref_name(r)));
        else
            unknown_ref(c, r, closest_module_with(ext, r->module, ftl_ref_name(r)),
                        ftl_ref_name(r));
        return 1;
    }
    if (d->kind == FTL_DECL_CONFIG || d->kind == FTL_DECL_SECRET || d->kind == FTL_DECL_DATABASE) {
        FtlDiag *g = ref_error(c, r, "E0506",
                               "%s declarations cannot be referenced from "
                               "another realm",
                               ftl_decl_kind_name(d->kind));
        ftl_diag_note(g, ftl_decl_name_span(d), "declared here");
        return 1;
    }
    /* Whatever is in an external realm's public schema is
     * usable, whatever visibility it was written with. */
    ftl_ref_resolve(r, d);
    ftl_ref_more(r)->realm->target_realm = ext; /* r named a realm: it has its FtlRefRealm */
    return 1;
}

/* ---- checks at the reference (E0313, E0315, E0316, E0312 for +calls) ------------------------ */

static void check_exported(Ctx *c, FtlRef *r)
{
    FtlDecl *d = ftl_ref_target(r);
    if (c->mpass || ftl_ref_target_realm(r) || d->module == c->module || d->module == c->s->builtin)
        return;
    if (d->vis >= FTL_VIS_MODULE) return;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_ref_text(&b, r);
    FtlDiag *g = ftl_error(c->d, ftl_ref_span(r), "E0313", "%s \"%s\" must be exported",
                           ftl_decl_kind_name(d->kind), ftl_buf_cstr(&b));
    if (d->kind == FTL_DECL_CONFIG || d->kind == FTL_DECL_SECRET || d->kind == FTL_DECL_DATABASE) {
        ftl_diag_note(g, ftl_decl_name_span(d),
                      "%s declarations are visible only in their own module",
                      ftl_decl_kind_name(d->kind));
    } else {
        ftl_diag_note(g, ftl_decl_name_span(d), "\"%s.%s\" is declared here without 'export'",
                      d->module->name, d->name);
        ftl_fixit_visibility(g, c->s->src, d, FTL_VIS_MODULE);
    }
    ftl_buf_free(&b);
}

/* E0316's fix-it: deletes the type arguments, from the end of the name (or of
 * its realm suffix, which comes first) to the end of the reference. */
static void remove_type_args(FtlDiag *g, const FtlRef *r)
{
    FtlSpan name = ftl_ref_name_span(r);
    uint32_t from = name.end;
    FtlSpan realm = ftl_ref_realm_span(r);
    if (ftl_ref_realm(r) && ftl_span_valid(realm) && realm.end > from) from = realm.end;
    FtlSpan args = {ftl_ref_span(r).file, from, ftl_ref_span(r).end};
    if (ftl_span_valid(name) && from < ftl_ref_span(r).end)
        ftl_diag_fixit_edit(g, args, "", "remove the type arguments");
    else /* decoded from protobuf: no text to edit */
        ftl_diag_fixit(g, "remove the type arguments");
}

static void check_arity(Ctx *c, FtlRef *r)
{
    FtlDecl *d = ftl_ref_target(r);
    if (d->kind == FTL_DECL_DATA) {
        if (ftl_ref_nargs(r) == ftl_decl_nparams(d)) return;
        FtlDiag *g = ftl_error(c->d, ftl_ref_span(r), "E0315",
                               "reference to data \"%s\" has %u type arguments, but %u were "
                               "expected",
                               d->name, ftl_ref_nargs(r), ftl_decl_nparams(d));
        ftl_diag_note(g, ftl_decl_name_span(d), "\"%s\" is declared here", d->name);
        /* without type parameters the arguments can only go; with some,
         * which arguments are meant is the user's choice */
        if (ftl_decl_nparams(d) == 0) remove_type_args(g, r);
        return;
    }
    if (ftl_ref_nargs(r) == 0) return;
    int local = d->module == c->module || d->module == c->s->builtin;
    int m_rule = local && d->kind != FTL_DECL_TYPEALIAS;
    int r_rule = !c->mpass && d->vis == FTL_VIS_NONE;
    if (!m_rule && !r_rule) return; /* exported non-data targets: not checked, as upstream */
    FtlDiag *g = ftl_error(c->d, ftl_ref_span(r), "E0316",
                           "reference to %s \"%s\" cannot have type arguments",
                           ftl_decl_kind_name(d->kind), d->name);
    remove_type_args(g, r);
}

static void resolve_ref(Ctx *c, FtlRef *r, Site site)
{
    if (r->state != FTL_REF_UNRESOLVED) return; /* shared by a generated topic */
    c->report_local = c->mpass && !c->realm && site != SITE_CATCH && !c->in_ingress;
    if (!(ftl_ref_realm(r) && resolve_cross_realm(c, r, site))) {
        if (!r->module)
            resolve_unqualified(c, r);
        else
            resolve_qualified(c, r, c->realm);
    }
    if (r->state == FTL_REF_PARAM && ftl_ref_nargs(r))
        remove_type_args(ftl_error(c->d, ftl_ref_span(r), "E0316",
                                   "type parameter \"%s\" cannot have type arguments",
                                   ftl_ref_name(r)),
                         r);
    if (r->state != FTL_REF_DECL) return;
    check_exported(c, r);
    check_arity(c, r);
    if (site == SITE_CALLS && !c->mpass && ftl_ref_target(r)->kind != FTL_DECL_VERB) {
        FtlDiag *g = ftl_error(c->d, ftl_ref_span(r), "E0312",
                               "+calls must name a verb, but \"%s\" is "
                               "a %s",
                               ftl_ref_name(r), ftl_decl_kind_name(ftl_ref_target(r)->kind));
        ftl_diag_note(g, ftl_decl_name_span(ftl_ref_target(r)), "declared here");
    }
}

/* ---- the walk -------------------------------------------------------------------------------- */

static void resolve_type(Ctx *c, FtlType *t, Site site)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        resolve_ref(c, ftl_type_ref(t), site);
        for (uint32_t i = 0; i < ftl_ref_nargs(ftl_type_ref(t)); i++)
            resolve_type(c, ftl_ref_args(ftl_type_ref(t))[i], site);
    } else if (t->kind >= FTL_TY_ARRAY) {
        resolve_type(c, t->elem, site);
        resolve_type(c, ftl_type_value(t), site);
    }
}

static Site meta_site(FtlMetaKind k)
{
    switch (k) {
    case FTL_MD_CALLS: return SITE_CALLS;
    case FTL_MD_CONFIG: return SITE_CONFIG;
    case FTL_MD_SECRETS: return SITE_SECRETS;
    case FTL_MD_DATABASES: return SITE_DATABASES;
    case FTL_MD_PUBLISH: return SITE_PUBLISH;
    case FTL_MD_SUBSCRIBE: return SITE_SUBSCRIBE;
    default: return SITE_CATCH;
    }
}

static void resolve_metas(Ctx *c, const FtlMetaList *ml)
{
    for (uint32_t i = 0; i < ml->count; i++) {
        FtlMeta *m = ml->items[i];
        Site site = meta_site(m->kind);
        for (uint32_t j = 0; j < m->nrefs; j++) {
            resolve_ref(c, ftl_meta_refs(m)[j], site);
            for (uint32_t k = 0; k < ftl_ref_nargs(ftl_meta_refs(m)[j]); k++)
                resolve_type(c, ftl_ref_args(ftl_meta_refs(m)[j])[k], SITE_TYPE);
        }
    }
}

void ftl_resolve_module(Ctx *c, FtlModule *m)
{
    c->module = m;
    for (uint32_t i = 0; i < m->ndecls; i++) {
        FtlDecl *d = m->decls[i];
        c->decl = d;
        Site ts =
            (d->kind == FTL_DECL_CONFIG || d->kind == FTL_DECL_SECRET) ? SITE_CS_TYPE : SITE_TYPE;
        c->in_ingress = d->kind == FTL_DECL_VERB && ftl_decl_has_meta(d, FTL_MD_INGRESS);
        resolve_type(c, ftl_decl_request(d), ts);
        resolve_type(c, ftl_decl_response(d), ts);
        c->in_ingress = 0;
        resolve_type(c, ftl_decl_type(d), ts);
        for (uint32_t j = 0; j < d->nfields; j++) {
            resolve_type(c, d->fields[j].type, ts);
            resolve_metas(c, ftl_field_meta(&d->fields[j]));
        }
        for (uint32_t j = 0; j < ftl_decl_nvariants(d); j++)
            resolve_type(c, d->variants[j]->type, ts);
        resolve_metas(c, &d->meta);
    }
    c->decl = NULL;
}

/* ---- type helpers used by the checks --------------------------------------------------------- */

const FtlType *ftl_unalias(const FtlType *t)
{
    for (int guard = 0; t && guard < 64; guard++) {
        if (t->kind != FTL_TY_REF || ftl_type_ref(t)->state != FTL_REF_DECL ||
            ftl_ref_target(ftl_type_ref(t))->kind != FTL_DECL_TYPEALIAS)
            return t;
        t = ftl_decl_type(ftl_ref_target(ftl_type_ref(t)));
    }
    return NULL;
}

int ftl_type_equal(const FtlType *a, const FtlType *b)
{
    if (!a || !b) return a == b;
    if (a->kind != b->kind) return 0;
    switch (a->kind) {
    case FTL_TY_ARRAY:
    case FTL_TY_OPTIONAL: return ftl_type_equal(a->elem, b->elem);
    case FTL_TY_MAP:
        return ftl_type_equal(a->elem, b->elem) &&
               ftl_type_equal(ftl_type_value(a), ftl_type_value(b));
    case FTL_TY_REF: {
        const FtlRef *x = ftl_type_ref(a), *y = ftl_type_ref(b);
        if (x->state != y->state) return 0;
        if (x->state == FTL_REF_DECL) {
            if (ftl_ref_target(x) != ftl_ref_target(y)) return 0;
        } else if (ftl_ref_name(x) != ftl_ref_name(y) || x->module != y->module) {
            return 0;
        }
        if (ftl_ref_nargs(x) != ftl_ref_nargs(y)) return 0;
        for (uint32_t i = 0; i < ftl_ref_nargs(x); i++)
            if (!ftl_type_equal(ftl_ref_args(x)[i], ftl_ref_args(y)[i])) return 0;
        return 1;
    }
    default: return 1;
    }
}

/* A type in absolute form (module.Name, with @realm for other realms). */
void ftl_type_text(FtlBuf *b, const FtlType *t)
{
    if (!t) return;
    switch (t->kind) {
    case FTL_TY_ARRAY:
        ftl_buf_putc(b, '[');
        ftl_type_text(b, t->elem);
        ftl_buf_putc(b, ']');
        return;
    case FTL_TY_MAP:
        ftl_buf_putc(b, '{');
        ftl_type_text(b, t->elem);
        ftl_buf_puts(b, ": ");
        ftl_type_text(b, ftl_type_value(t));
        ftl_buf_putc(b, '}');
        return;
    case FTL_TY_OPTIONAL:
        ftl_type_text(b, t->elem);
        ftl_buf_putc(b, '?');
        return;
    case FTL_TY_REF: {
        const FtlRef *r = ftl_type_ref(t);
        if (r->state == FTL_REF_DECL && ftl_ref_target(r)->module) {
            ftl_buf_printf(b, "%s.%s", ftl_ref_target(r)->module->name, ftl_ref_target(r)->name);
            const FtlRealm *other = ftl_ref_target_realm(r);
            if (other) ftl_buf_printf(b, "@%s", other->name);
        } else {
            if (r->module) ftl_buf_printf(b, "%s.", r->module);
            ftl_buf_puts(b, ftl_ref_name(r));
        }
        if (ftl_ref_nargs(r)) {
            ftl_buf_putc(b, '<');
            for (uint32_t i = 0; i < ftl_ref_nargs(r); i++) {
                if (i) ftl_buf_puts(b, ", ");
                ftl_type_text(b, ftl_ref_args(r)[i]);
            }
            ftl_buf_putc(b, '>');
        }
        return;
    }
    default: ftl_buf_puts(b, ftl_prim_name(t->kind));
    }
}
