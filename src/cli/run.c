/* run.c - the state of one compilation set up by hand, for ftlc import (run.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli/run.h"
#include "base/diagfmt.h"
#include "base/fault.h"
#include "base/fileio.h"
#include "base/warnings.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "proto/schema_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void run_init(Run *r, const CliArgs *a)
{
    memset(r, 0, sizeof *r);
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    r->diags.max_errors = a->max_errors;
}

void run_free(Run *r)
{
    ftl_project_free(&r->project);
    free(r->export_path);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

void run_report(Run *r, const CliArgs *a)
{
    FtlDiags *d = &r->diags;
    ftl_diags_sort(d);
    if (a->error_format >= 2) {
        ftl_diags_render_ext(d, &r->src, (FtlExtFormat)(a->error_format - 2), stderr);
        return;
    }
    FtlDiagStyle style = {a->error_format ? FTL_DIAG_JSON : FTL_DIAG_TEXT,
                          !a->error_format && ftl_cli_color(a->color_mode)};
    if (d->count || style.format == FTL_DIAG_JSON) ftl_diags_render(d, &r->src, style, stderr);
}

static int is_error(const FtlDiag *g, void *ctx)
{
    (void)ctx;
    return g->sev == FTL_SEV_ERROR;
}

void run_report_checked(Run *r, const CliArgs *a)
{
    FtlDiags *d = &r->diags;
    FtlWarningConfig w = {0};
    for (int i = 0; i < a->warnings.n; i++)
        ftl_warning_option(&w, a->warnings.items[i]);
    ftl_warnings_apply(d, &w);
    if (a->quiet) ftl_diags_filter(d, is_error, NULL);
    run_report(r, a);
}

int run_load_project(Run *r, const CliArgs *a)
{
    char *found = a->project ? NULL : ftl_project_find(), err[600];
    const char *path = a->project ? a->project : found;
    int rc = 0;
    if (path && ftl_project_read(&r->project, path, &r->src, &r->diags, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc: error: %s\n", err);
        rc = -1;
    }
    r->has_project = path && rc == 0;
    free(found);
    return rc;
}

int run_public_target(Run *r, const CliArgs *a, const char **path, FtlFormat *f)
{
    if (!r->export_path && r->has_project)
        r->export_path = ftl_project_join(&r->project, r->project.export_path);
    return ftl_cli_public_target(a->cmd->name, a->check_file, a->output, a->format,
                                 r->project.export_path, r->export_path, path, f);
}

int ftl_cli_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                         size_t ninputs)
{
    char err[512];
    if (path && strcmp(path, "-") != 0) {
        if (ftl_write_output(path, data ? data : "", len, inputs, ninputs, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "ftlc: error: %s\n", err);
        return -1;
    }
    if (ftl_cli_write_stdout(data, len) == 0) return 0;
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return -1;
}

int cli_internal_main(int (*main_fn)(int argc, char **argv), int argc, char **argv)
{
    FtlFault fault;
    ftl_fault_push(&fault);
    if (setjmp(fault.env)) return ftl_cli_nomem(); /* ftl_oom removed the handler */
    int rc = main_fn(argc, argv);
    ftl_fault_pop(&fault);
    return rc;
}
