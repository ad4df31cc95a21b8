/* cli.h - what the command-line front ends share (main.c, realm_cmd.c): exit
 * statuses, usage errors, option values and how diagnostics are shown. */
#ifndef FTLC_CLI_H
#define FTLC_CLI_H

#include "base/buf.h"
#include "base/diag.h"
#include "proto/schema_io.h"

/* 0 success; 1 errors found in the input; 2 usage and I/O errors. */
enum { FTL_EXIT_OK = 0, FTL_EXIT_ERRORS = 1, FTL_EXIT_USAGE = 2 };

/* Prints "ftlc CMD: error: <fmt with arg>" and where to find help; returns
 * FTL_EXIT_USAGE. cmd may be NULL (the main command) or hold a space ("realm add"). */
int ftl_cli_usage(const char *cmd, const char *fmt, const char *arg);

/* Matches "--name" followed by a value, as "--name=VALUE" or "--name VALUE"
 * (advancing *i); *value is NULL when the value is missing. */
int ftl_cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value);

/* --color WHEN: 0 auto, 1 always, 2 never, -1 for anything else. */
int ftl_cli_color_mode(const char *when);

/* How diagnostics look on standard error: colour when asked, or in auto mode
 * when it is a terminal, NO_COLOR is unset or empty and TERM is not dumb. */
FtlDiagStyle ftl_cli_style(FtlDiagFormat format, int color_mode);

/* Writes data to path atomically, or to standard output for NULL or "-".
 * Returns 0, or -1 after printing why. */
int ftl_cli_write_output(const char *path, const char *data, size_t len);

/* The command line (argv[0] is ftlc) with "--check FILE" as "-o FILE", quoted for
 * a POSIX shell: how to refresh a stale file. */
void ftl_cli_refresh_command(FtlBuf *b, int argc, char **argv);

/* --check FILE of the commands that write a public schema: exit 0 when the file
 * at path holds exactly fresh (saying so on standard output), else 1 with what
 * changed and how to refresh it on standard error (2 when it cannot be read). */
int ftl_cli_check_fresh(const char *cmd, const char *path, const char *fresh, size_t len,
                        FtlFormat f, int argc, char **argv);

#endif
