/* session_io.h - the session of a command that compiles its inputs (check,
 * emit, export, clients, breaking): set up from the command line, its
 * unreadable files and diagnostics shown as the command line asks, its output
 * written. */
#ifndef FTLC_CLI_SESSION_IO_H
#define FTLC_CLI_SESSION_IO_H

#include "ftlc.h"
#include "opts.h"

/* Gives s the options and inputs of the command line (their values were
 * checked when they were parsed): FTL_OK, or FTL_NOMEM. */
FtlStatus cli_configure(FtlSession *s, const CliArgs *a);

/* Prints the files that could not be read (E0001) as ftlc always has, one
 * line each, "ftlc: error: ..." ("ftlc CMD: error: ..." when cmd is given),
 * before the other diagnostics. Returns how many there were; -1 when memory
 * ran out. */
int cli_print_io_errors(FtlSession *s, const char *cmd);

/* The diagnostics on standard error in the format of the command line, but
 * for the unreadable files (cli_print_io_errors shows them). 0, or the exit
 * status of running out of memory. */
int cli_report(FtlSession *s, const CliArgs *a);

/* Writes an output of the compile to path (ftl_session_write_output: never over
 * a file the compile read), or to standard output for NULL or "-". Returns 0,
 * or -1 after printing why. */
int cli_write_output(FtlSession *s, const char *path, const char *data, size_t len);

#endif
