/* cli.h - what the command-line front ends share: exit statuses, usage errors,
 * option values, colour, and the output steps of the commands that write a
 * public schema (export, import). Only ftlc.h below it: the commands that
 * build on the API (check, emit, export, clients, fmt, parse) include nothing
 * private. output.h has the pieces that need the library's internals. */
#ifndef FTLC_CLI_H
#define FTLC_CLI_H

#include "ftlc.h"

#include <stddef.h>

/* 0 success; 1 errors found in the input; 2 usage and I/O errors. */
enum { FTL_EXIT_OK = 0, FTL_EXIT_ERRORS = 1, FTL_EXIT_USAGE = 2 };

/* Prints "ftlc CMD: error: <fmt with arg>" and where to find help; returns
 * FTL_EXIT_USAGE. cmd may be NULL (the main command) or hold a space ("realm add"). */
int ftl_cli_usage(const char *cmd, const char *fmt, const char *arg);

/* Prints "ftlc: error: out of memory"; returns FTL_EXIT_USAGE. */
int ftl_cli_nomem(void);

/* Matches "--name" followed by a value, as "--name=VALUE" or "--name VALUE"
 * (advancing *i); *value is NULL when the value is missing. */
int ftl_cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);

/* --color WHEN: 0 auto, 1 always, 2 never, -1 for anything else. */
int ftl_cli_color_mode(const char *when);

/* Whether diagnostics on standard error are coloured: when asked, or in auto
 * mode when it is a terminal, NO_COLOR is unset or empty and TERM is not dumb. */
int ftl_cli_color(int color_mode);

/* Writes data to standard output and flushes it; -1 when it cannot. */
int ftl_cli_write_stdout(const void *data, size_t len);

/* Signal dispositions every command wants, set once at start: SIGXFSZ ignored. */
void ftl_cli_signals(void);

/* Writes data to path atomically, or to standard output for NULL or "-";
 * never over one of inputs (ftl_write_output). Returns 0, or -1 after printing
 * why. */
int ftl_cli_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                         size_t ninputs);

/* Where a public schema goes (export, import) and in which format: the --check
 * or -o file, else the project's export-path under its directory (export_file;
 * NULL without a project), else ftl-external-schema.<ext> in the current
 * directory; --format, else the file's extension, else txtpb. Returns -1 after
 * a usage error of cmd: --format contradicts the export-path (export_path, as
 * ftl-project.toml writes it). */
int ftl_cli_public_target(const char *cmd, const char *check_file, const char *output,
                          const char *format, const char *export_path,
                          const char *export_file, const char **path, FtlFormat *f);

/* --check FILE of the commands that write a public schema: exit 0 when the file
 * at path holds exactly fresh (saying so on standard output), else 1 with what
 * changed and how to refresh it on standard error (2 when it cannot be read). */
int ftl_cli_check_fresh(const char *cmd, const char *path, const char *fresh, size_t len,
                        FtlFormat f, int argc, char **argv);

#endif
