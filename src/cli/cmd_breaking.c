/* cmd_breaking.c - ftlc breaking: is the API compiled from FILE... compatible with
 * an older version of it (--against FILE... or --against-git REV)? The rules engine is
 * src/realm/breaking*.c; this file reads the command line, loads both sides into one
 * run (one interner, one source set: findings point into either side) and reports.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/run.h"
#include "realm/breaking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Both versions in one run: one interner and one source set (findings point into
 * either), the project file now and at the revision. */
typedef struct Brk {
    Run run;
    const CliArgs *a;
    FtlSchema old, fresh;
    FtlProject old_project;
    int has_old_project;
    FtlGit git;
    uint32_t old_files; /* the first file id of the older version's files */
    const char **ext_names, **ext_paths;
    char commit[FTL_GIT_COMMIT_MAX];
    char err[1200];
} Brk;

static int check_args(const CliArgs *a)
{
    if (!a->against.n && !a->against_git)
        return ftl_cli_usage(a->cmd->name, "%s",
                             "what to compare with is missing: give --against FILE or "
                             "--against-git REV");
    if (a->against.n && a->against_git)
        return ftl_cli_usage(a->cmd->name, "%s", "--against and --against-git cannot be combined");
    for (int i = 0; a->against_git && i < a->files.n; i++)
        if (strcmp(a->files.items[i], "-") == 0)
            return ftl_cli_usage(a->cmd->name, "%s",
                                 "--against-git reads the files at a revision: '-' has none");
    return FTL_EXIT_OK;
}

static void brk_init(Brk *b, const CliArgs *a)
{
    memset(b, 0, sizeof *b);
    run_init(&b->run, a);
    b->a = a;
    Run *r = &b->run;
    ftl_schema_init(&b->fresh, &r->arena, &r->in, &r->diags, &r->src);
    ftl_schema_init(&b->old, &r->arena, &r->in, &r->diags, &r->src);
    ftl_git_init_here(&b->git, 120);
    /* --external-realm NAME=FILE, split */
    size_t n = (size_t)a->externals.n + 1;
    b->ext_names = ftl_xmalloc(n * sizeof *b->ext_names);
    b->ext_paths = ftl_xmalloc(n * sizeof *b->ext_paths);
    for (int i = 0; i < a->externals.n; i++) {
        const char *spec = a->externals.items[i];
        b->ext_names[i] = ftl_intern(&r->in, spec, strcspn(spec, "="));
        b->ext_paths[i] = strchr(spec, '=') + 1;
    }
}

static void brk_free(Brk *b)
{
    free(b->ext_names);
    free(b->ext_paths);
    ftl_git_free(&b->git);
    ftl_schema_free(&b->old);
    ftl_schema_free(&b->fresh);
    if (b->has_old_project) ftl_project_free(&b->old_project);
    run_free(&b->run);
}

static int io_error(const char *msg)
{
    fprintf(stderr, "ftlc breaking: error: %s\n", msg);
    return FTL_EXIT_USAGE;
}

static FtlBrkInputs inputs(const Brk *b, const FtlProject *project)
{
    const CliArgs *a = b->a;
    FtlBrkInputs in = {.files = a->files.items,
                       .nfiles = a->files.n,
                       .input_format = a->input_format,
                       .realm = a->realm,
                       .includes = a->includes.items,
                       .nincludes = a->includes.n,
                       .ext_names = b->ext_names,
                       .ext_paths = b->ext_paths,
                       .nexternals = a->externals.n,
                       .project = project};
    return in;
}

/* The older version: --against files with the new version's context, or the same
 * inputs at the revision. */
static int load_old(Brk *b)
{
    const CliArgs *a = b->a;
    Run *r = &b->run;
    FtlBrkInputs in = inputs(b, r->has_project ? &r->project : NULL);
    in.realm_weak = 1;
    FtlBrkFrom from = {NULL, NULL, NULL};
    if (a->against.n) {
        in.files = a->against.items;
        in.nfiles = a->against.n;
        in.input_format = -1;
    } else {
        if (ftl_git_resolve(&b->git, a->against_git, b->commit) != 0) return io_error(b->git.err);
        from = (FtlBrkFrom){&b->git, b->commit, a->against_git};
        int rc = r->has_project ? ftl_brk_project_at(&b->old_project, &r->project, &from, &r->src,
                                                     &r->diags, b->err, sizeof b->err)
                                : 1;
        if (rc < 0) return io_error(b->err);
        b->has_old_project = rc == 0;
        in.project = rc == 0 ? &b->old_project : NULL;
    }
    if (ftl_brk_load(&b->old, &in, &from, b->err, sizeof b->err) != 0) return io_error(b->err);
    return FTL_EXIT_OK;
}

/* The older version's warnings are not news: it is the baseline, and was built. */
static int not_old_warning(const FtlDiag *g, void *ctx)
{
    const Brk *b = ctx;
    return g->sev == FTL_SEV_ERROR || g->span.file < b->old_files;
}

static void report(Brk *b)
{
    ftl_diags_filter(&b->run.diags, not_old_warning, b);
    run_report_checked(&b->run, b->a);
}

static int compare(Brk *b)
{
    const CliArgs *a = b->a;
    FtlBrkSide old = {&b->old, b->old.local}, fresh = {&b->fresh, b->fresh.local};
    FtlBrkOptions o = {.scope = (FtlBrkScope)a->scope,
                       .categories = a->wire_only ? FTL_BRK_WIRE : FTL_BRK_CAT_ALL,
                       .except = a->except};
    FtlBrkReport rep;
    ftl_brk_compare(&rep, &old, &fresh, &o);
    ftl_brk_to_diags(&rep, &b->run.diags, FTL_SEV_ERROR);
    report(b);
    int rc = rep.count || ftl_diags_failed(&b->run.diags) ? FTL_EXIT_ERRORS : FTL_EXIT_OK;
    if (a->summary) {
        FtlBuf out;
        ftl_buf_init(&out);
        ftl_brk_summary(&out, &rep);
        if (run_write_stdout(out.data, out.len) != 0) rc = io_error("cannot write standard output");
        ftl_buf_free(&out);
    }
    ftl_brk_report_free(&rep);
    return rc;
}

int cli_cmd_breaking(CliArgs *a)
{
    int rc = check_args(a);
    if (rc != FTL_EXIT_OK) return rc;
    Brk b;
    brk_init(&b, a);
    Run *r = &b.run;
    rc = run_load_project(r, a) == 0 ? FTL_EXIT_OK : FTL_EXIT_USAGE;
    FtlBrkInputs in = inputs(&b, r->has_project ? &r->project : NULL);
    FtlBrkFrom disk = {NULL, NULL, NULL};
    if (rc == FTL_EXIT_OK && ftl_brk_load(&b.fresh, &in, &disk, b.err, sizeof b.err) != 0)
        rc = io_error(b.err);
    b.old_files = r->src.count + 1;
    if (rc == FTL_EXIT_OK) rc = load_old(&b);
    if (rc == FTL_EXIT_OK && r->diags.errors) {
        report(&b); /* schemas that do not check are not compared */
        rc = FTL_EXIT_ERRORS;
    } else if (rc == FTL_EXIT_OK) {
        rc = compare(&b);
    }
    brk_free(&b);
    return rc;
}
