/* cli.h - what the command-line front ends share: exit statuses, usage errors,
 * option values, colour, reading files, running out of memory, and the output
 * steps of the commands that write a public schema (export, import). Only
 * ftlc.h below it: the command line is built on the public API alone (the
 * Makefile gives src/cli no path to the library's private headers). */
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

/* realloc(3) (malloc for p NULL) that never returns NULL: the command's own
 * memory running out ends it with ftl_cli_nomem's message and exit status 2.
 * (The library's calls report FTL_NOMEM instead.) */
void *ftl_cli_xrealloc(void *p, size_t n);

/* Reads a whole file into a malloc'd, NUL-terminated buffer. Returns 0, or -1
 * with a sentence in err ("cannot open 'x': No such file or directory"). */
int ftl_cli_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz);

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

/* Where a public schema goes (export, import) and in which format: the --check
 * or -o file, else the project's export-path under its directory (export_file;
 * NULL without a project), else ftl-external-schema.<ext> in the current
 * directory; --format, else the file's extension, else txtpb. Returns -1 after
 * a usage error of cmd: --format contradicts the export-path (export_path, as
 * ftl-project.toml writes it). */
int ftl_cli_public_target(const char *cmd, const char *check_file, const char *output,
                          const char *format, const char *export_path, const char *export_file,
                          const char **path, FtlFormat *f);

/* --check FILE of the commands that write a public schema: exit 0 when the file
 * at path holds exactly fresh (saying so on standard output), else 1 with what
 * changed and how to refresh it on standard error (2 when it cannot be read). */
int ftl_cli_check_fresh(const char *cmd, const char *path, const char *fresh, size_t len,
                        FtlFormat f, int argc, char **argv);

#endif
