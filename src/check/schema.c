/* schema.c - building a compilation: merging inputs into realms, the builtin
 * module, modules of the search path (-I, through the loader the session
 * gives), generated dead-letter topics; and the order in which the symbol
 * tables (symtab.c) are built and the checker's passes run. */
#include "check/check_int.h"
#include "syntax/parse.h"

#include <stdlib.h>
#include <string.h>

/* The builtin module (ftl-schema(5), THE BUILTIN MODULE) as text: parsed once per
 * compilation. */
static const char BUILTIN_TEXT[] =
    "// Built-in types for FTL.\n"
    "builtin module builtin {\n"
    "  // A reference to a declaration in the schema.\n"
    "  export data Ref {\n    module String\n    name String\n  }\n\n"
    "  // HTTP request structure used for HTTP ingress verbs.\n"
    "  export data HttpRequest<Body, Path, Query> {\n    method String\n    path String\n"
    "    pathParameters Path\n    query Query\n    headers {String: [String]}\n    body Body\n"
    "  }\n\n"
    "  // HTTP response structure used for HTTP ingress verbs.\n"
    "  export data HttpResponse<Body, Error> {\n    status Int\n    headers {String: [String]}\n"
    "    // Either \"body\" or \"error\" must be present, not both.\n    body Body?\n"
    "    error Error?\n  }\n\n"
    "  export data Empty {\n  }\n\n"
    "  // CatchRequest is a request structure for catch verbs.\n"
    "  export data CatchRequest<Req> {\n    verb builtin.Ref\n    request Req\n"
    "    requestType String\n    error String\n  }\n\n"
    "  // FailedEvent is used in dead letter topics.\n"
    "  export data FailedEvent<Event> {\n    event Event\n    error String\n  }\n"
    "}\n";

void ftl_schema_init(FtlSchema *s, FtlArena *arena, FtlInterner *in, FtlDiags *diags,
                     FtlSources *src)
{
    memset(s, 0, sizeof *s);
    s->arena = arena;
    s->in = in;
    s->diags = diags;
    s->src = src;
    s->n_builtin = ftl_intern_cstr(in, "builtin");
    s->n_ingress_req = ftl_intern_cstr(in, "HttpRequest");
    s->n_ingress_resp = ftl_intern_cstr(in, "HttpResponse");
    s->n_catch_req = ftl_intern_cstr(in, "CatchRequest");
    s->n_failed_event = ftl_intern_cstr(in, "FailedEvent");
    s->n_ref = ftl_intern_cstr(in, "Ref");
    s->n_http = ftl_intern_cstr(in, "http");
}

void ftl_schema_free(FtlSchema *s)
{
    for (uint32_t i = 0; i < s->nrealms; i++) {
        FtlRealm *r = s->realms[i];
        for (uint32_t j = 0; j < r->nmodules; j++)
            ftl_symtab_free_module(r->modules[j]);
        ftl_map_free(&r->module_names);
    }
    for (uint32_t i = 0; i < s->nmodfiles; i++)
        ftl_symtab_free_module(s->modfiles[i]);
    if (s->builtin) ftl_symtab_free_module(s->builtin);
    ftl_map_free(&s->broken);
    ftl_arena_free(&s->canon_scratch);
    free(s->files);
    free(s->realms);
    free(s->modfiles);
    memset(s, 0, sizeof *s);
}

void ftl_schema_add_file(FtlSchema *s, FtlFile *f)
{
    if (s->nfiles == s->capfiles) {
        s->capfiles = s->capfiles ? s->capfiles * 2 : 8;
        s->files = ftl_xrealloc(s->files, s->capfiles * sizeof *s->files);
    }
    s->files[s->nfiles++] = f;
}

/* ---- arrays in the arena ----------------------------------------------------------- */

static void **grow(FtlSchema *s, void **items, uint32_t n, uint32_t extra)
{
    void **a = ftl_arena_alloc(s->arena, (n + extra) * sizeof *a);
    if (n) memcpy(a, items, n * sizeof *a);
    return a;
}

/* Appends to a realm's modules with amortised growth (capmodules), since the
 * local realm grows by one module per module file. */
static void realm_append_modules(FtlSchema *s, FtlRealm *r, FtlModule **mods, uint32_t n)
{
    if (n == 0) return;
    if (r->nmodules + n > r->capmodules) {
        uint32_t cap = r->capmodules * 2 > r->nmodules + n ? r->capmodules * 2 : r->nmodules + n;
        r->modules = (FtlModule **)grow(s, (void **)r->modules, r->nmodules, cap - r->nmodules);
        r->capmodules = cap;
    }
    memcpy(r->modules + r->nmodules, mods, n * sizeof *mods);
    r->nmodules += n;
}

/* names: realm name -> the first realm of that name, for merging (one lookup
 * per realm block, not a scan of the realms so far). */
static void add_realm(FtlSchema *s, FtlMap *names, FtlRealm *r)
{
    if (s->nrealms == s->caprealms) {
        s->caprealms = s->caprealms ? s->caprealms * 2 : 8;
        s->realms = ftl_xrealloc(s->realms, s->caprealms * sizeof *s->realms);
    }
    s->realms[s->nrealms++] = r;
    ftl_map_put_new(names, r->name, r);
}

/* ---- merging the inputs (E0501, E0304) ---------------------------------------------- */

static FtlRealm *new_local(FtlSchema *s, const char *name, FtlSpan span)
{
    FtlRealm *r = FTL_NEW(s->arena, FtlRealm);
    r->name = name;
    r->span = span;
    r->name_span = span;
    return r;
}

/* The same internal realm may span several files (ftlc-check(1)), but
 * within one file a second block of the same name is E0304. */
static int dup_in_file(FtlSchema *s, FtlMap *seen, const FtlFile *f, uint32_t j)
{
    const FtlRealm *blk = f->realms[j], *prev = ftl_map_put_new(seen, blk->name, f->realms[j]);
    if (prev != blk) {
        FtlDiag *g = ftl_error_at(s->diags, FTL_HEAD(blk), blk->name_span, "E0304",
                                  "duplicate realm \"%s\"", blk->name);
        ftl_diag_note(g, prev->name_span, "realm \"%s\" first defined here", prev->name);
        return 1;
    }
    return 0;
}

static void merge_realm_block(FtlSchema *s, FtlMap *names, FtlRealm *blk)
{
    FtlRealm *prev = ftl_map_get(names, blk->name);
    if (blk->external) {
        if (prev) {
            FtlDiag *g = ftl_error_at(s->diags, FTL_HEAD(blk), blk->name_span, "E0304",
                                      "duplicate realm \"%s\"", blk->name);
            ftl_diag_note(g, prev->name_span, "realm \"%s\" first defined here", prev->name);
            return;
        }
        add_realm(s, names, blk);
        return;
    }
    if (prev && prev->external) {
        FtlDiag *g =
            ftl_error_at(s->diags, FTL_HEAD(blk), blk->name_span, "E0304",
                         "duplicate realm \"%s\": it is also an external realm", blk->name);
        ftl_diag_note(g, prev->name_span, "external realm \"%s\" defined here", prev->name);
        return;
    }
    if (s->local && s->local->name != blk->name) {
        FtlDiag *g = ftl_error_at(s->diags, FTL_HEAD(blk), blk->name_span, "E0501",
                                  "only one internal realm is allowed, got 2 (\"%s\" and \"%s\")",
                                  s->local->name, blk->name);
        if (ftl_span_valid(s->local->name_span))
            ftl_diag_note(g, s->local->name_span, "the local realm \"%s\" is defined here",
                          s->local->name);
        ftl_diag_note(g, (FtlSpan){0},
                      "other realms can only be imported as 'external realm' "
                      "blocks");
        return;
    }
    if (!s->local) {
        s->local = new_local(s, blk->name, blk->name_span);
        add_realm(s, names, s->local);
    }
    realm_append_modules(s, s->local, blk->modules, blk->nmodules);
}

static void merge_inputs(FtlSchema *s, const FtlCheckOptions *o)
{
    int has_realm = 0; /* any realm block, internal or external */
    for (uint32_t i = 0; i < s->nfiles; i++)
        has_realm |= s->files[i]->nrealms > 0;
    FtlMap names, seen;
    ftl_map_init(&names);
    if (o && o->realm) {
        s->local = new_local(s, ftl_intern_cstr(s->in, o->realm), o->realm_span);
        add_realm(s, &names, s->local);
    }
    for (uint32_t i = 0; i < s->nfiles; i++) {
        FtlFile *f = s->files[i];
        ftl_map_init(&seen); /* the file's internal realm blocks */
        for (uint32_t j = 0; j < f->nrealms; j++)
            if (f->realms[j]->external || !dup_in_file(s, &seen, f, j))
                merge_realm_block(s, &names, f->realms[j]);
        ftl_map_free(&seen);
    }
    /* Module files alone are checked as upstream checks a module file; with a
     * realm (any kind), --realm or -I they form the local realm. */
    s->module_mode = !has_realm && !(o && (o->realm || o->search));
    for (uint32_t i = 0; i < s->nfiles; i++) {
        FtlFile *f = s->files[i];
        if (!f->is_module_file || !f->module) continue;
        if (s->module_mode) {
            if (s->nmodfiles == s->capmodfiles) {
                s->capmodfiles = s->capmodfiles ? s->capmodfiles * 2 : 8;
                s->modfiles = ftl_xrealloc(s->modfiles, s->capmodfiles * sizeof *s->modfiles);
            }
            s->modfiles[s->nmodfiles++] = f->module;
            continue;
        }
        if (!s->local) {
            s->local = new_local(s, ftl_intern_cstr(s->in, ""), (FtlSpan){0});
            add_realm(s, &names, s->local);
        }
        realm_append_modules(s, s->local, &f->module, 1);
    }
    ftl_map_free(&names);
}

/* ---- the builtin module (THE BUILTIN MODULE in ftl-schema(5)) ------------------------ */

static void load_builtin(FtlSchema *s)
{
    uint32_t id = ftl_sources_add(s->src, "<builtin>", BUILTIN_TEXT, sizeof BUILTIN_TEXT - 1);
    FtlFile *f = ftl_parse_file(s->arena, s->in, s->diags, s->src, id);
    s->builtin = f->module;
}

/* Every realm gets the builtin module first; a user module named "builtin" is
 * replaced, which upstream does silently: we warn (W0301). */
static void insert_builtin(FtlSchema *s, FtlRealm *r)
{
    uint32_t w = 0;
    FtlModule **mods = (FtlModule **)grow(s, NULL, 0, r->nmodules + 1);
    r->capmodules = r->nmodules + 1;
    mods[w++] = s->builtin;
    for (uint32_t i = 0; i < r->nmodules; i++) {
        FtlModule *m = r->modules[i];
        if (m->name == s->n_builtin) {
            /* Canonical text contains 'builtin module builtin': replaced
             * silently. A plain 'module builtin' is most likely a mistake. */
            if (m->builtin) continue;
            FtlDiag *g =
                ftl_report_at(s->diags, FTL_SEV_WARNING, FTL_HEAD(m), m->name_span, "W0301",
                              "module \"builtin\" is reserved: it is replaced by the "
                              "builtin module and its declarations are ignored");
            ftl_diag_fixit(g, "rename the module");
            continue;
        }
        mods[w++] = m;
    }
    r->modules = mods;
    r->nmodules = w;
}

/* ---- -I: loading referenced modules on demand ------------------------------------------ */

static void want_module(FtlSchema *s, const char *name, const char ***want, uint32_t *n,
                        uint32_t *cap)
{
    if (!name || name == s->n_builtin || ftl_realm_lookup(s->local, name)) return;
    for (uint32_t i = 0; i < *n; i++)
        if ((*want)[i] == name) return;
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 16;
        *want = ftl_xrealloc(*want, *cap * sizeof **want);
    }
    (*want)[(*n)++] = name;
}

static void want_type(FtlSchema *s, const FtlType *t, const char ***w, uint32_t *n, uint32_t *c);

static void want_ref(FtlSchema *s, const FtlRef *r, const char ***w, uint32_t *n, uint32_t *c)
{
    if (!ftl_ref_realm(r)) want_module(s, r->module, w, n, c);
    for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
        want_type(s, ftl_ref_args(r)[i], w, n, c);
}

static void want_type(FtlSchema *s, const FtlType *t, const char ***w, uint32_t *n, uint32_t *c)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF)
        want_ref(s, ftl_type_ref(t), w, n, c);
    else if (t->kind >= FTL_TY_ARRAY) {
        want_type(s, t->elem, w, n, c);
        want_type(s, ftl_type_value(t), w, n, c);
    }
}

static void want_module_refs(FtlSchema *s, const FtlModule *m, const char ***w, uint32_t *n,
                             uint32_t *c)
{
    for (uint32_t i = 0; i < m->ndecls; i++) {
        const FtlDecl *d = m->decls[i];
        want_type(s, ftl_decl_request(d), w, n, c);
        want_type(s, ftl_decl_response(d), w, n, c);
        want_type(s, ftl_decl_type(d), w, n, c);
        for (uint32_t j = 0; j < d->nfields; j++)
            want_type(s, d->fields[j].type, w, n, c);
        for (uint32_t j = 0; j < ftl_decl_nvariants(d); j++)
            want_type(s, d->variants[j]->type, w, n, c);
        for (uint32_t j = 0; j < d->meta.count; j++)
            for (uint32_t k = 0; k < d->meta.items[j]->nrefs; k++)
                want_ref(s, ftl_meta_refs(d->meta.items[j])[k], w, n, c);
    }
}

/* Asks the loader for module name; returns 1 when one was found (added, or
 * reported and marked broken). */
static int load_module(FtlSchema *s, const FtlCheckOptions *o, const char *name)
{
    unsigned errors_before = s->diags->errors;
    FtlFile *f = NULL;
    if (!o->load_module || !o->load_module(o->load_ctx, s, name, &f)) return 0;
    if (!f) {
        ftl_map_set(&s->broken, name, (void *)name);
        return 1;
    }
    if (!s->loaded_from) s->loaded_from = f->file_id;
    /* A file already reported (syntax errors) or of the wrong shape makes
     * its module "broken": references into it are not reported again. */
    if (s->diags->errors > errors_before) {
        ftl_map_set(&s->broken, name, (void *)name);
        if (f->is_module_file && f->module && f->module->name == name) {
            realm_append_modules(s, s->local, &f->module, 1);
            ftl_map_set(&s->local->module_names, name, f->module);
        }
        return 1;
    }
    if (f->is_module_file && f->module) {
        realm_append_modules(s, s->local, &f->module, 1);
        ftl_map_set(&s->local->module_names, f->module->name, f->module);
        if (f->module->name != name) {
            ftl_error_at(s->diags, FTL_HEAD(f->module), f->module->name_span, "E0309",
                         "module file for \"%s\" declares module \"%s\"", name, f->module->name);
            ftl_map_set(&s->broken, name, (void *)name);
        }
    } else {
        ftl_map_set(&s->broken, name, (void *)name);
        ftl_error(s->diags, ((FtlSpan){f->file_id, 0, 0}), "E0309",
                  "a file loaded with -I must hold one module (\"%s\")", name);
    }
    return 1;
}

static void load_includes(FtlSchema *s, const FtlCheckOptions *o)
{
    if (!o || !o->search || !s->local) return;
    const char **want = NULL;
    uint32_t n = 0, cap = 0, done = 0;
    for (uint32_t i = 0; i < s->local->nmodules; i++) {
        FtlModule *m = s->local->modules[i];
        ftl_map_set(&s->local->module_names, m->name, m);
    }
    for (uint32_t i = 0; i < s->local->nmodules; i++)
        want_module_refs(s, s->local->modules[i], &want, &n, &cap);
    while (done < n) {
        const char *name = want[done++];
        if (ftl_realm_lookup(s->local, name)) continue;
        uint32_t before = s->local->nmodules;
        if (load_module(s, o, name) && s->local->nmodules > before)
            want_module_refs(s, s->local->modules[before], &want, &n, &cap);
    }
    free(want);
    /* The real table is built (with E0305) later. */
    ftl_map_free(&s->local->module_names);
}

/* ---- dead-letter topics (E0418, generated before the checks) ----------------------------- */

/* The topic "<verb>Failed" of EVENT builtin.FailedEvent<request>, for the
 * subscription md of verb v. */
static FtlDecl *dead_letter_topic(FtlSchema *s, FtlModule *m, const FtlDecl *v, const FtlMeta *md,
                                  const char *name)
{
    FtlDecl *t = FTL_NEW(s->arena, FtlDecl);
    t->kind = FTL_DECL_TOPIC;
    t->name = name;
    t->generated = 1;
    t->module = m;
    t->span = md->span; /* for diagnostics about it (E0303): the subscription, its name too */
    FtlRef *r = ftl_ref_new(s->arena, 1);
    r->module = s->n_builtin;
    r->name_ = s->n_failed_event;
    ftl_ref_alloc_args(s->arena, r, 1)[0] = v->request;
    t->kind_type = r;
    return t;
}

/* The subscriptions of m's verbs that ask for a dead-letter topic. */
static uint32_t count_dead_letters(const FtlModule *m)
{
    uint32_t n = 0;
    for (uint32_t i = 0; i < m->ndecls; i++) {
        const FtlDecl *v = m->decls[i];
        if (v->kind != FTL_DECL_VERB || v->generated) continue;
        for (uint32_t j = 0; j < v->meta.count; j++)
            n += v->meta.items[j]->kind == FTL_MD_SUBSCRIBE && v->meta.items[j]->flag;
    }
    return n;
}

/* The module's declarations grow once, by the most topics there can be:
 * growing them by one per topic would copy them all each time. Each topic is
 * in the declarations before the symbol table has it (which reads names
 * through them, symtab.c). */
static void generate_dead_letters(FtlSchema *s, FtlModule *m)
{
    uint32_t most = count_dead_letters(m), written = m->ndecls;
    if (!most) return;
    m->decls = (FtlDecl **)grow(s, (void **)m->decls, m->ndecls, most);
    FtlBuf b;
    ftl_buf_init(&b);
    for (uint32_t i = 0; i < written; i++) {
        FtlDecl *v = m->decls[i];
        if (v->kind != FTL_DECL_VERB || v->generated) continue;
        for (uint32_t j = 0; j < v->meta.count; j++) {
            FtlMeta *md = v->meta.items[j];
            if (md->kind != FTL_MD_SUBSCRIBE || !md->flag) continue;
            b.len = 0;
            ftl_buf_printf(&b, "%sFailed", v->name);
            const char *name = ftl_intern(s->in, b.data, b.len);
            if (ftl_module_lookup(m, name)) continue;
            m->decls[m->ndecls] = dead_letter_topic(s, m, v, md, name);
            ftl_symtab_add(s->arena, m, m->ndecls++);
        }
    }
    ftl_buf_free(&b);
}

/* ---- the passes ----------------------------------------------------------------------- */

static void resolve_module(FtlSchema *s, FtlRealm *r, FtlModule *m)
{
    Ctx c = {.s = s, .d = s->diags, .mpass = r == NULL, .realm = r, .module = m};
    ftl_resolve_module(&c, m);
    ftl_note_unchecked(&c);
}

/* Checks a module (resolving it first when resolve is set: a module file,
 * whose references reach no other module). */
static void check_module(FtlSchema *s, FtlRealm *r, FtlModule *m, int resolve)
{
    Ctx c = {.s = s, .d = s->diags, .mpass = r == NULL, .realm = r, .module = m};
    if (resolve) ftl_resolve_module(&c, m);
    ftl_check_module_decls(&c, m);
    ftl_check_module_verbs(&c, m);
    ftl_note_unchecked(&c);
}

/* Symbol tables of every realm exist before any reference is resolved, since
 * references cross into external realms. */
static void prepare_realm(FtlSchema *s, FtlRealm *r)
{
    insert_builtin(s, r);
    ftl_symtab_realm(s->diags, s->arena, r, s->builtin);
    for (uint32_t i = 1; i < r->nmodules; i++)
        ftl_symtab_module(s->diags, s->arena, r->modules[i]);
    for (uint32_t i = 1; i < r->nmodules; i++)
        generate_dead_letters(s, r->modules[i]);
}

static void check_realm(FtlSchema *s, FtlRealm *r)
{
    Ctx c = {.s = s, .d = s->diags, .realm = r};
    ftl_check_cycles(&c, r);
    /* Every module is resolved before any is checked: checks that look into
     * another module (SUB2, ENUM1, DB2) compare resolved references (D7, D17 in ftlc-check(1)),
     * whatever the order of the modules. */
    for (uint32_t i = 1; i < r->nmodules; i++)
        resolve_module(s, r, r->modules[i]);
    for (uint32_t i = 1; i < r->nmodules; i++)
        check_module(s, r, r->modules[i], 0);
    ftl_check_alias_cycles(&c, r->modules + 1, r->nmodules - 1);
    ftl_check_visibility(&c, r);
    ftl_check_routes(&c, r);
    ftl_check_datasources(&c, r);
}

unsigned ftl_schema_check(FtlSchema *s, const FtlCheckOptions *o)
{
    unsigned before = s->diags->errors;
    load_builtin(s);
    ftl_symtab_module(s->diags, s->arena, s->builtin);
    merge_inputs(s, o);
    load_includes(s, o);
    if (s->module_mode) {
        FtlMap seen;
        ftl_map_init(&seen);
        for (uint32_t i = 0; i < s->nmodfiles; i++) {
            FtlModule *m = s->modfiles[i], *prev = ftl_map_put_new(&seen, m->name, m);
            if (prev == m) continue;
            FtlDiag *g = ftl_error_at(s->diags, FTL_HEAD(m), m->name_span, "E0305",
                                      "duplicate module \"%s\"", m->name);
            ftl_diag_note(g, prev->name_span, "module \"%s\" first defined here", m->name);
        }
        ftl_map_free(&seen);
        for (uint32_t i = 0; i < s->nmodfiles; i++) {
            ftl_symtab_module(s->diags, s->arena, s->modfiles[i]);
            generate_dead_letters(s, s->modfiles[i]);
            check_module(s, NULL, s->modfiles[i], 1);
        }
        ftl_check_alias_cycles(&(Ctx){.s = s, .d = s->diags, .mpass = 1}, s->modfiles,
                               s->nmodfiles);
    }
    for (uint32_t i = 0; i < s->nrealms; i++)
        prepare_realm(s, s->realms[i]);
    for (uint32_t i = 0; i < s->nrealms; i++)
        check_realm(s, s->realms[i]);
    if (s->local) ftl_check_federation(&(Ctx){.s = s, .d = s->diags, .realm = s->local}, s->local);
    return s->diags->errors - before;
}
