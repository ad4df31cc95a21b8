/* run.h - one compilation's state set up by hand: arena, interner, sources and
 * diagnostics, the project file, and how inputs are read. Only ftlc import
 * (cmd_import.c) still works this way, below the public API: run.c and
 * cmd_import.c are the files of src/cli built with the library's private
 * headers (Makefile.am), until import moves onto the session API. */
#ifndef FTLC_CLI_RUN_H
#define FTLC_CLI_RUN_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/intern.h"
#include "base/source.h"
#include "check/schema.h"
#include "cli/opts.h"
#include "proto/schema_io.h"
#include "realm/project.h"

typedef struct Run {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlProject project; /* ftl-project.toml, when one is found or given */
    int has_project;
    char *export_path; /* export: the project's export-path under its directory */
} Run;

void run_init(Run *r, const CliArgs *a);
void run_free(Run *r);
/* Sorts and prints the diagnostics in the format of the command line. */
void run_report(Run *r, const CliArgs *a);
/* The same after -W (warnings off, or errors) and -q (no warnings). */
void run_report_checked(Run *r, const CliArgs *a);
/* ftl-project.toml: the one given with --project, else the nearest one. Returns
 * -1 on an I/O error (printed); its problems are diagnostics. */
int run_load_project(Run *r, const CliArgs *a);
/* Where a public schema goes (export, import) and in which format: the --check
 * or -o file, else the project's export-path under its directory, else
 * ftl-external-schema.<ext> in the current directory; --format, else the file's
 * extension, else txtpb. Returns -1 after a usage error: --format contradicts
 * the export-path. */
int run_public_target(Run *r, const CliArgs *a, const char **path, FtlFormat *f);
/* Writes data to path atomically, or to standard output for NULL or "-";
 * never over one of inputs (ftl_write_output). Returns 0, or -1 after printing
 * why. */
int ftl_cli_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                         size_t ninputs);

#endif
