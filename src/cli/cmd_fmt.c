/* cmd_fmt.c - ftlc fmt and ftlc parse: each file parsed on its own, so one
 * broken file does not stop the others; through the session API (ftlc.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "edits.h"
#include "ftlc.h"
#include "session_io.h"

#include <stdio.h>
#include <string.h>

/* The worse of two exit statuses: usage and I/O errors over errors in the input. */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

/* The name of a file in messages and diffs: "<stdin>" for "-". */
static const char *display_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* A status of the session as an exit status, after saying what went wrong
 * (an unreadable file is shown at once, as ftlc always has). */
static int failure(FtlSession *s, FtlStatus st)
{
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    if (st == FTL_EIO) {
        fprintf(stderr, "ftlc: error: %s\n", ftl_session_error(s));
        return FTL_EXIT_USAGE;
    }
    return st == FTL_OK ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
}

/* --diff: the unified diff of the changes on standard output. */
static int print_diff(const char *name, const char *old, size_t oldlen, const char *text,
                      size_t len)
{
    char *diff;
    size_t n;
    if (ftl_unified_diff(name, old, oldlen, text, len, &diff, &n) != FTL_OK) return ftl_cli_nomem();
    int rc = n && ftl_cli_write_stdout(diff, n) != 0 ? FTL_EXIT_USAGE : FTL_EXIT_OK;
    ftl_free(diff);
    return rc;
}

/* What fmt does with one formatted file: print it, rewrite it, or compare. */
static int fmt_one(FtlSession *s, const CliArgs *a, const char *path, const char *text, size_t len)
{
    /* Printing needs no comparison with the file as read (a 20 MB schema:
     * 5% of fmt's time in memcmp). */
    if (!a->check && !a->diff && !a->write) {
        if (ftl_cli_write_stdout(text, len) == 0) return FTL_EXIT_OK;
        fprintf(stderr, "ftlc: error: cannot write standard output\n");
        return FTL_EXIT_USAGE;
    }
    const char *old;
    size_t oldlen;
    FtlStatus st = ftl_session_text(s, path, &old, &oldlen); /* as read: no second read */
    if (st != FTL_OK) return failure(s, st);
    int same = len == oldlen && memcmp(text, old, len) == 0;
    if (a->check) {
        if (!same) printf("%s\n", display_name(path));
        return same ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
    }
    if (a->diff) {
        int rc = print_diff(display_name(path), old, oldlen, text, len);
        return rc != FTL_EXIT_OK ? rc : same ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
    }
    /* -w. Never a file also named otherwise (a.ftl ./a.ftl, a link): it
     * would be rewritten twice (ftlc(1), OUTPUT FILES); the files are the
     * session's inputs, which ftl_session_write_file refuses. */
    st = same ? FTL_OK : ftl_session_write_file(s, path, text, len);
    return st == FTL_OK ? FTL_EXIT_OK : failure(s, st);
}

static int fmt_usage(const CliArgs *a)
{
    if (a->write + a->check + a->diff > 1)
        return ftl_cli_usage("fmt", "%s", "-w, --check and --diff cannot be combined");
    for (int i = 0; i < a->files.n; i++)
        if (a->write && strcmp(a->files.items[i], "-") == 0)
            return ftl_cli_usage("fmt", "%s", "-w cannot rewrite standard input");
    if (a->write && a->stdin_filename)
        return ftl_cli_usage("fmt", "%s", "-w cannot rewrite standard input (--stdin-filename)");
    return FTL_EXIT_OK;
}

/* A session for the files of fmt and parse: the error limit, and the files as
 * its inputs (fmt -w writes none over another). */
static FtlSession *file_session(const CliArgs *a)
{
    FtlSession *s = ftl_session_new();
    if (!s) return NULL;
    ftl_session_set_max_errors(s, a->max_errors);
    ftl_session_set_flags(s, FTL_FLAG_MAP_INPUTS); /* a short run: map large files */
    for (int i = 0; i < a->files.n; i++)
        if (ftl_session_add_file(s, a->files.items[i]) != FTL_OK) {
            ftl_session_free(s);
            return NULL;
        }
    return s;
}

int cli_cmd_fmt(CliArgs *a)
{
    int status = fmt_usage(a);
    if (status != FTL_EXIT_OK) return status;
    FtlSession *s = file_session(a);
    if (!s) return ftl_cli_nomem();
    if (a->stdin_filename) status = cli_stdin_overlay(s, a);
    /* --stdin-filename alone formats standard input as NAME. */
    int n = a->stdin_filename && !a->files.n ? 1 : a->files.n;
    for (int i = 0; status != FTL_EXIT_USAGE && i < n; i++) {
        const char *path = a->files.n ? cli_input_name(a, a->files.items[i]) : a->stdin_filename;
        char *out;
        size_t len;
        FtlStatus st = ftl_session_format(s, path, &out, &len);
        if (st == FTL_OK)
            status = worse(status, fmt_one(s, a, path, out, len));
        else
            status = worse(status, failure(s, st));
        ftl_free(out);
    }
    status = worse(status, cli_report(s, a));
    ftl_session_free(s);
    return status;
}

int cli_cmd_parse(CliArgs *a)
{
    int status = FTL_EXIT_OK;
    FtlSession *s = file_session(a);
    if (!s) return ftl_cli_nomem();
    for (int i = 0; i < a->files.n; i++) {
        char *out;
        size_t len;
        FtlStatus st = ftl_session_dump(s, a->files.items[i], a->spans, &out, &len);
        if (out) ftl_cli_write_stdout(out, len); /* the tree as far as it was parsed */
        if (st == FTL_NOMEM || st == FTL_EIO) status = worse(status, failure(s, st));
        ftl_free(out);
    }
    status = worse(status, cli_report(s, a));
    if (status == FTL_EXIT_OK && ftl_session_error_count(s)) status = FTL_EXIT_ERRORS;
    ftl_session_free(s);
    return status;
}
