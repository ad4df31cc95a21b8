/* breaking.c - ftl_session_breaking: ftlc breaking as an operation of a
 * session. The session compiles the new version with ftl_session_compile's
 * pipeline; the older version is loaded into the same compilation (its arena,
 * interner and sources: names compare by pointer, and a finding may point into
 * either version) by realm/breaking_load.c, from files or at a git revision;
 * the rules engine (realm/breaking*.c) compares the two and its findings
 * become the compilation's diagnostics, rendered like any other. */
#include "session/session_int.h"
#include "realm/breaking.h"
#include "realm/realm_ops.h" /* FTL_REALM_TIMEOUT */

#include <stdlib.h>
#include <string.h>

/* The older version, kept with the compilation so that running out of memory
 * half way frees it with the rest (ses_comp_free). */
struct SesOld {
    FtlSchema schema;
    FtlProject project; /* the project file at the revision */
    FtlGit git;
    FtlBrkReport report;
    const char **ext_names, **ext_paths; /* --external-realm, split */
    char commit[FTL_GIT_COMMIT_MAX];
    char err[1200];
};

void ses_old_free(struct SesOld *old)
{
    if (!old) return;
    ftl_brk_report_free(&old->report);
    ftl_schema_free(&old->schema);
    ftl_project_free(&old->project);
    ftl_git_free(&old->git);
    free(old->ext_names);
    free(old->ext_paths);
    free(old);
}

/* ---- the rules --------------------------------------------------------------------------- */

const FtlBreakingRule *ftl_breaking_rules(size_t *count)
{
    if (count) *count = FTL_BRK__COUNT;
    return ftl_brk_rules();
}

/* ---- the request ------------------------------------------------------------------------- */

typedef struct BrkArg {
    const FtlBreakingRequest *req;
    FtlBreakingResult *out;
    FtlBrkOptions opts;
} BrkArg;

/* Why the request cannot run (FTL_EINVAL, said in ftl_session_error), or FTL_OK
 * with the engine's options made from it. */
static FtlStatus check_request(FtlSession *s, BrkArg *x)
{
    const FtlBreakingRequest *q = x->req;
    if ((q->nagainst > 0) == (q->against_git != NULL)) {
        ses_set_error(s, "give the older version as files or as a git revision (one of them)");
        return FTL_EINVAL;
    }
    for (size_t i = 0; q->against_git && i < s->ninputs; i++)
        if (strcmp(s->inputs[i], "-") == 0) {
            ses_set_error(s, "standard input has no version at a git revision");
            return FTL_EINVAL;
        }
    if ((unsigned)q->scope > FTL_BREAKING_SCOPE_ALL) {
        ses_set_error(s, "unknown scope %d", (int)q->scope);
        return FTL_EINVAL;
    }
    x->opts.scope = (FtlBrkScope)q->scope;
    x->opts.categories =
        q->categories & FTL_BRK_CAT_ALL ? q->categories & FTL_BRK_CAT_ALL : FTL_BRK_CAT_ALL;
    for (size_t i = 0; i < q->nexcept; i++) {
        int rule = q->except[i] ? ftl_brk_rule_parse(q->except[i]) : -1;
        if (rule < 0) {
            ses_set_error(s, "unknown rule '%s'", q->except[i] ? q->except[i] : "");
            return FTL_EINVAL;
        }
        x->opts.except |= 1u << rule;
    }
    return FTL_OK;
}

/* ---- the older version ------------------------------------------------------------------- */

/* A file or revision of the older version could not be read: E0001, as for the
 * session's own inputs. */
static int old_io(FtlSession *s, SesComp *c, const char *msg)
{
    ftl_error(&c->diags, (FtlSpan){0}, SES_IO_CODE, "%s", msg);
    ses_set_error(s, "%s", msg);
    return -1;
}

/* What the older version is compiled from: the session's options and inputs,
 * or the --against files in their place; the project file as it is now. */
static FtlBrkInputs old_inputs(FtlSession *s, SesComp *c, struct SesOld *o,
                               const FtlBreakingRequest *q)
{
    for (size_t i = 0; i < s->nexternals; i++) {
        o->ext_names[i] = ftl_intern_cstr(&c->in, s->externals[i].name);
        o->ext_paths[i] = s->externals[i].path;
    }
    FtlBrkInputs in = {.files = (const char *const *)s->inputs,
                       .nfiles = (int)s->ninputs,
                       .input_format = s->input_format,
                       .realm = s->realm,
                       .realm_weak = 1, /* a renamed realm is what REALM_SAME_NAME reports */
                       .includes = (const char *const *)s->includes,
                       .nincludes = (int)s->nincludes,
                       .ext_names = o->ext_names,
                       .ext_paths = o->ext_paths,
                       .nexternals = (int)s->nexternals,
                       .project = c->has_project ? &c->project : NULL};
    if (q->nagainst) {
        in.files = q->against;
        in.nfiles = (int)q->nagainst;
        in.input_format = -1;
    }
    return in;
}

/* Resolves the revision and reads the project file as it is there. */
static int at_revision(FtlSession *s, SesComp *c, struct SesOld *o, const char *rev,
                       FtlBrkInputs *in, FtlBrkFrom *from)
{
    ftl_git_init_here(&o->git, FTL_REALM_TIMEOUT);
    if (ftl_git_resolve(&o->git, rev, o->commit) != 0) return old_io(s, c, o->git.err);
    *from = (FtlBrkFrom){&o->git, o->commit, rev, NULL};
    if (!c->has_project) return 0;
    int rc = ftl_brk_project_at(&o->project, &c->project, from, &c->src, &c->diags, o->err,
                                sizeof o->err);
    if (rc < 0) return old_io(s, c, o->err);
    in->project = rc == 0 ? &o->project : NULL;
    return 0;
}

/* The older version's warnings are not news: it is the baseline, and was built. */
static int not_old_warning(const FtlDiag *g, void *ctx)
{
    const uint32_t *first_old = ctx;
    return g->sev == FTL_SEV_ERROR || g->span.file < *first_old;
}

/* Loads and checks the older version into c; -1 when a file or the revision
 * could not be read (E0001). */
static int load_old(FtlSession *s, SesComp *c, const FtlBreakingRequest *q)
{
    struct SesOld *o = c->old = calloc(1, sizeof *c->old);
    if (!o) ftl_oom();
    ftl_schema_init(&o->schema, &c->arena, &c->in, &c->diags, &c->src);
    o->ext_names = ftl_xmalloc((s->nexternals + 1) * sizeof *o->ext_names);
    o->ext_paths = ftl_xmalloc((s->nexternals + 1) * sizeof *o->ext_paths);
    FtlBrkInputs in = old_inputs(s, c, o, q);
    FtlBrkFrom from = {NULL, NULL, NULL, &s->reader};
    if (q->against_git && at_revision(s, c, o, q->against_git, &in, &from) != 0) return -1;
    uint32_t first_old = c->src.count + 1;
    if (ftl_brk_load(&o->schema, &in, &from, o->err, sizeof o->err) != 0)
        return old_io(s, c, o->err);
    ftl_diags_filter(&c->diags, not_old_warning, &first_old);
    return 0;
}

/* ---- comparing --------------------------------------------------------------------------- */

/* The result's counts, in the arena (they live as long as the diagnostics). */
static void make_result(SesComp *c, const FtlBrkReport *r, int compared, FtlBreakingResult *out)
{
    const FtlBreakingRule *rules = ftl_brk_rules();
    FtlBreakingCount *counts = FTL_NEW_N(&c->arena, FtlBreakingCount, FTL_BRK__COUNT);
    for (int i = 0; i < FTL_BRK__COUNT; i++) {
        counts[i].rule = rules[i].id;
        counts[i].category = rules[i].category;
        counts[i].checked = (r->checked >> i) & 1u;
        counts[i].count = r->per_rule[i];
    }
    out->compared = compared;
    out->count = r->count;
    out->rules = counts;
    out->nrules = FTL_BRK__COUNT;
}

static FtlStatus breaking_body(FtlSession *s, void *arg)
{
    BrkArg *x = arg;
    int io = ses_compile_check(s);
    SesComp *c = s->comp;
    /* After a file that could not be read the versions are not compared. */
    if (!io) io = load_old(s, c, x->req) != 0;
    int compared = !io && c->diags.errors == 0; /* schemas that do not check are not */
    struct SesOld *o = c->old;
    if (compared) {
        FtlBrkSide old = {&o->schema, o->schema.local}, fresh = {&c->schema, c->schema.local};
        ftl_brk_compare(&o->report, &old, &fresh, &x->opts);
        ftl_brk_to_diags(&o->report, &c->diags, FTL_SEV_ERROR);
    }
    FtlBrkReport none = {0};
    none.checked = ~x->opts.except & ((1u << FTL_BRK__COUNT) - 1);
    make_result(c, compared ? &o->report : &none, compared, x->out);
    ses_diags_finish(s, c);
    return ses_comp_status(c);
}

FtlStatus ftl_session_breaking(FtlSession *s, const FtlBreakingRequest *req, FtlBreakingResult *out)
{
    if (out) memset(out, 0, sizeof *out);
    if (!s || !req || !out) return FTL_EINVAL;
    BrkArg x = {req, out, {0}};
    ses_clear_error(s);
    FtlStatus st = check_request(s, &x);
    return st == FTL_OK ? ses_run(s, breaking_body, &x) : st;
}
