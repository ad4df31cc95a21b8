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

/* Where fmt's text goes as it is printed (ftl_session_format_to): standard
 * output, or a comparison with the file as read (--check). */
typedef struct FmtSink {
    int check;       /* compare with old rather than print */
    const char *old; /* --check: the file as read */
    size_t oldlen, pos;
    int differs;      /* --check: the text is not the file's */
    int write_failed; /* print: standard output refused it */
} FmtSink;

static int fmt_sink(void *ctx, const void *data, size_t len)
{
    FmtSink *k = ctx;
    if (!k->check) {
        if (ftl_cli_write_stdout(data, len) == 0) return 0;
        k->write_failed = 1;
        return -1;
    }
    if (len > k->oldlen - k->pos || memcmp(k->old + k->pos, data, len) != 0) {
        k->differs = 1;
        return -1; /* the answer is known: stop printing */
    }
    k->pos += len;
    return 0;
}

/* fmt and fmt --check: the text streams to standard output or is compared
 * with the file as it is printed, never held whole (a 20 MB schema: its
 * output buffer was an eighth of fmt's memory). */
static int fmt_stream(FtlSession *s, const CliArgs *a, const char *path)
{
    FmtSink k = {a->check, "", 0, 0, 0, 0};
    /* The file as read (no second read). One that cannot be read fails the
     * format below, which reports it as for any command. */
    if (a->check && ftl_session_text(s, path, &k.old, &k.oldlen) != FTL_OK) k.old = "";
    FtlStatus st = ftl_session_format_to(s, path, fmt_sink, &k);
    if (k.write_failed) {
        fprintf(stderr, "ftlc: error: cannot write standard output\n");
        return FTL_EXIT_USAGE;
    }
    if (st == FTL_EIO && k.differs) st = FTL_OK; /* the sink stopped: it knows */
    if (st != FTL_OK) return failure(s, st);
    if (!a->check) return FTL_EXIT_OK;
    int same = !k.differs && k.pos == k.oldlen;
    if (!same) printf("%s\n", display_name(path));
    return same ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
}

/* fmt --diff and -w, which need the whole text: show the changes or rewrite
 * the file. */
static int fmt_whole(FtlSession *s, const CliArgs *a, const char *path)
{
    char *text;
    size_t len;
    FtlStatus st = ftl_session_format(s, path, &text, &len);
    if (st != FTL_OK) {
        ftl_free(text);
        return failure(s, st);
    }
    const char *old;
    size_t oldlen;
    st = ftl_session_text(s, path, &old, &oldlen); /* as read: no second read */
    int rc;
    if (st != FTL_OK) {
        rc = failure(s, st);
    } else if (a->diff) {
        int same = len == oldlen && memcmp(text, old, len) == 0;
        rc = print_diff(display_name(path), old, oldlen, text, len);
        if (rc == FTL_EXIT_OK && !same) rc = FTL_EXIT_ERRORS;
    } else {
        /* -w. Never a file also named otherwise (a.ftl ./a.ftl, a link): it
         * would be rewritten twice (ftlc(1), OUTPUT FILES); the files are the
         * session's inputs, which ftl_session_write_file refuses. */
        int same = len == oldlen && memcmp(text, old, len) == 0;
        st = same ? FTL_OK : ftl_session_write_file(s, path, text, len);
        rc = st == FTL_OK ? FTL_EXIT_OK : failure(s, st);
    }
    ftl_free(text);
    return rc;
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
        int rc = a->diff || a->write ? fmt_whole(s, a, path) : fmt_stream(s, a, path);
        status = worse(status, rc);
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
