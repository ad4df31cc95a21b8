/* session_io.c - the session of a compiling command (session_io.h). */
#define _POSIX_C_SOURCE 200809L
#include "session_io.h"
#include "cli.h"
#include "edits.h"

#include <stdio.h>
#include <string.h>

/* --external-realm NAME=FILE (checked by the option's setter). */
static FtlStatus add_external(FtlSession *s, const char *spec)
{
    const char *eq = strchr(spec, '=');
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(eq - spec), spec);
    return ftl_session_add_external_realm(s, name, eq + 1);
}

FtlStatus cli_configure(FtlSession *s, const CliArgs *a)
{
    FtlStatus st = FTL_OK;
    if (a->realm) st = ftl_session_set_realm(s, a->realm);
    if (st == FTL_OK && a->project) st = ftl_session_set_project(s, a->project);
    if (st == FTL_OK && a->module) st = ftl_session_set_module(s, a->module);
    for (int i = 0; st == FTL_OK && i < a->includes.n; i++)
        st = ftl_session_add_include_dir(s, a->includes.items[i]);
    for (int i = 0; st == FTL_OK && i < a->externals.n; i++)
        st = add_external(s, a->externals.items[i]);
    for (int i = 0; st == FTL_OK && i < a->warnings.n; i++)
        st = ftl_session_set_warning(s, a->warnings.items[i]);
    for (int i = 0; st == FTL_OK && i < a->files.n; i++)
        st = ftl_session_add_file(s, cli_input_name(a, a->files.items[i]));
    if (st == FTL_OK && a->stdin_filename && !cli_stdin_listed(a))
        st = ftl_session_add_file(s, a->stdin_filename);
    if (st == FTL_OK) st = ftl_session_set_input_format(s, a->input_format);
    /* A short run that owns its inputs: large ones are mapped. */
    ftl_session_set_flags(s, FTL_FLAG_MAP_INPUTS | (a->quiet ? FTL_FLAG_QUIET : 0));
    ftl_session_set_max_errors(s, a->max_errors);
    return st;
}

int cli_print_io_errors(FtlSession *s, const char *cmd)
{
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    if (!d) return -1;
    int io = 0;
    for (size_t i = 0; i < n; i++)
        if (strcmp(d[i].code, "E0001") == 0) {
            fprintf(stderr, "ftlc%s%s: error: %s\n", cmd ? " " : "", cmd ? cmd : "", d[i].message);
            io++;
        }
    return io;
}

int cli_report(FtlSession *s, const CliArgs *a)
{
    unsigned flags = FTL_RENDER_SKIP_IO;
    if (a->error_format == FTL_DIAGNOSTICS_TEXT && ftl_cli_color(a->color_mode))
        flags |= FTL_RENDER_COLOR;
    FtlStatus st =
        ftl_session_render_diagnostics(s, (FtlDiagnosticFormat)a->error_format, flags, stderr);
    return st == FTL_NOMEM ? ftl_cli_nomem() : 0;
}

int cli_write_output(FtlSession *s, const char *path, const char *data, size_t len)
{
    if (path && strcmp(path, "-") != 0) {
        FtlStatus st = ftl_session_write_output(s, path, data ? data : "", len);
        if (st == FTL_OK) return 0;
        if (st == FTL_NOMEM) return ftl_cli_nomem(), -1;
        fprintf(stderr, "ftlc: error: %s\n", ftl_session_error(s));
        return -1;
    }
    if (ftl_cli_write_stdout(data, len) == 0) return 0;
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return -1;
}
