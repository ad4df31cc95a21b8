/* cli.h - what the command-line front ends share (main.c, the command files,
 * realm_cmd.c): exit statuses, usage errors, option values, colour and
 * standard output. Only ftlc.h below it: the commands build on the API. */
#ifndef FTLC_CLI_H
#define FTLC_CLI_H

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

#endif
