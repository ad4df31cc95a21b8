/* edits.h - what `check` and `fmt` do with buffers and fix-its: an editor's
 * unsaved buffer on standard input under the name of its file
 * (--stdin-filename, input.c), and the fix-its applied to the files (check
 * --fix, fix.c). */
#ifndef FTLC_CLI_EDITS_H
#define FTLC_CLI_EDITS_H

#include "opts.h"
#include "ftlc.h"

/* The name an input path goes by: with --stdin-filename, "-" is that name. */
const char *cli_input_name(const CliArgs *a, const char *path);

/* --stdin-filename NAME: standard input becomes the text of NAME wherever the
 * compilation reads it (an overlay). Returns 0, or the exit status of a
 * failure (said). */
int cli_stdin_overlay(FtlSession *s, const CliArgs *a);

/* Whether NAME of --stdin-filename is among the inputs (as itself or "-"). */
int cli_stdin_listed(const CliArgs *a);

/* check --fix: applies to the input files every fix-it with an edit of the
 * last compile's diagnostics that offer exactly one, each file rewritten
 * atomically; nothing is written when two edits overlap. Sets *fixed to the
 * number applied. Returns 0, or the exit status of a failure (said). */
int cli_fix(FtlSession *s, const CliArgs *a, int *fixed);

#endif
