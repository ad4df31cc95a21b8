/* cmd_compile.c - ftlc check, emit, export and clients: one compilation of
 * every input (the inputs, --external-realm files, the realms the project
 * pins), then the command's output. Everything goes through the session API
 * of ftlc.h; this file decides only what the command line shows and writes. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "edits.h"
#include "fresh.h"
#include "ftlc.h"
#include "session_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int is(const CliArgs *a, unsigned bit)
{
    return a->cmd->bit == bit;
}

/* ---- export's file and format ----------------------------------------------------------- */

/* The file and format of export (cli.h): its project's export-path, if any. */
static int export_format(FtlSession *s, const CliArgs *a, const char **path, FtlFormat *f)
{
    FtlProjectInfo p = {0};
    ftl_session_project(s, &p);
    return ftl_cli_public_target(a->cmd->name, a->check_file, a->output, a->format, p.export_path,
                                 p.export_file, path, f);
}

/* ---- the output -------------------------------------------------------------------------- */

/* What the command writes, in format f (export) or as the options say. */
static FtlEmitOptions output_options(const CliArgs *a, FtlFormat f)
{
    FtlEmitOptions o = {FTL_EMIT_SCHEMA, f, a->positions ? FTL_EMIT_POSITIONS : 0, a->langs};
    if (is(a, CLI_EMIT)) {
        ftl_format_from_name(a->format, &o.format);
    } else if (is(a, CLI_CLIENTS)) {
        o.kind = FTL_EMIT_CLIENTS;
        o.format = a->format && strcmp(a->format, "json") == 0 ? FTL_FORMAT_JSON : FTL_FORMAT_FTL;
    } else {
        o.kind = FTL_EMIT_PUBLIC;
        o.flags |= FTL_EMIT_HEADER;
    }
    return o;
}

/* The exit status of an emit that failed with st. */
static int output_failed(FtlSession *s, const CliArgs *a, FtlStatus st)
{
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    /* What cannot be written is a property of the input (E0603, bad UTF-8);
     * export without a local realm is like one without a name: a usage error. */
    const char *why = ftl_session_error(s);
    if (why) fprintf(stderr, "ftlc %s: error: %s\n", a->cmd->name, why);
    return st == FTL_EINVAL && is(a, CLI_EXPORT) ? FTL_EXIT_USAGE : FTL_EXIT_ERRORS;
}

/* Where the output of a command goes: a file, written as it is made (emit -o,
 * export); the comparison of --check (fresh.h); or a buffer (standard output
 * after the diagnostics, and clients). */
typedef struct Output {
    FtlOutput *file;
    char *refused; /* why the file could not be opened: said after the diagnostics */
    int checking;
    CliFresh fresh;
    char *out;
    size_t len;
    int made; /* the output was made: the write or comparison is due */
} Output;

static int discard(void *ctx, const void *data, size_t len)
{
    (void)ctx, (void)data, (void)len;
    return 0;
}

/* Opens the file the output streams to. When that fails the output is still
 * made (to nothing), since making it may find errors that come first; why it
 * failed is said where the write would have. */
static FtlStatus emit_file(FtlSession *s, const FtlEmitOptions *o, const char *path, Output *k)
{
    FtlStatus st = ftl_session_output_open(s, path, &k->file);
    if (st == FTL_NOMEM) return st;
    if (st != FTL_OK && !(k->refused = strdup(ftl_session_error(s)))) return FTL_NOMEM;
    st = k->file ? ftl_session_emit(s, o, ftl_output_write, k->file)
                 : ftl_session_emit(s, o, discard, NULL);
    return st == FTL_EIO ? FTL_OK : st; /* a write failed: the commit says why */
}

/* Whether a and b name one existing file. */
static int same_file(const char *a, const char *b)
{
    struct stat x, y;
    return stat(a, &x) == 0 && stat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* --check: compared as it is made, unless the depfile is the same file, which
 * is written before the comparison is reported. */
static FtlStatus emit_check(FtlSession *s, const CliArgs *a, const FtlEmitOptions *o,
                            const char *path, Output *k)
{
    k->checking = 1;
    cli_fresh_start(&k->fresh, path, !a->depfile || !same_file(path, a->depfile));
    FtlStatus st = ftl_session_emit(s, o, cli_fresh_write, &k->fresh);
    return st == FTL_EIO ? FTL_OK : st; /* read back or held: cli_fresh_finish says */
}

/* Makes what the command writes; 0, or the exit status of a failure. */
static int make_output(FtlSession *s, const CliArgs *a, FtlFormat f, const char *path, Output *k)
{
    FtlEmitOptions o = output_options(a, f);
    FtlStatus st;
    if (a->check_file)
        st = emit_check(s, a, &o, path, k);
    else if (path && strcmp(path, "-") != 0)
        st = emit_file(s, &o, path, k);
    else
        st = ftl_session_emit_buffer(s, &o, &k->out, &k->len);
    k->made = st == FTL_OK;
    return st == FTL_OK ? FTL_EXIT_OK : output_failed(s, a, st);
}

/* Writes, commits or compares the output once everything else is said. */
static int finish_output(FtlSession *s, const CliArgs *a, FtlFormat f, const char *path, Output *k)
{
    if (k->checking) return cli_fresh_finish(&k->fresh, "export", f, a->argc, a->argv);
    if (k->refused) {
        fprintf(stderr, "ftlc: error: %s\n", k->refused);
        return FTL_EXIT_USAGE;
    }
    if (!k->file) return cli_write_output(s, path, k->out, k->len) != 0 ? FTL_EXIT_USAGE : 0;
    FtlStatus st = ftl_output_commit(s, k->file);
    k->file = NULL;
    if (st == FTL_OK) return FTL_EXIT_OK;
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    fprintf(stderr, "ftlc: error: %s\n", ftl_session_error(s));
    return FTL_EXIT_USAGE;
}

static void free_output(Output *k)
{
    ftl_output_drop(k->file); /* not committed: the file stays as it was */
    free(k->refused);
    if (k->checking) cli_fresh_free(&k->fresh);
    ftl_free(k->out);
}

/* emit to standard output: written as it is made (ftl_session_emit_stream),
 * since it can be many times the inputs' size, and checked before its first
 * byte (ftlc-emit(1)). */
static int stream_output(FtlSession *s, const CliArgs *a)
{
    FtlEmitOptions o = output_options(a, FTL_FORMAT_FTL);
    FtlStatus st = ftl_session_emit_stream(s, &o, stdout);
    if (st == FTL_OK) return FTL_EXIT_OK;
    if (st != FTL_EIO) return output_failed(s, a, st);
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return FTL_EXIT_USAGE;
}

/* ---- the command -------------------------------------------------------------------------- */

/* Usage errors that depend on more than one option. */
static int compile_usage(const CliArgs *a)
{
    if (is(a, CLI_EMIT) && !a->format)
        return ftl_cli_usage(a->cmd->name, "%s",
                             "--format is required (ftl, txtpb, json or binpb)");
    if (a->check_file && a->output)
        return ftl_cli_usage(a->cmd->name, "%s", "--check and -o cannot be combined");
    if (a->fix && a->stdin_filename)
        return ftl_cli_usage(a->cmd->name, "%s",
                             "--fix cannot be combined with --stdin-filename: the editor "
                             "applies fixes to its buffer");
    return FTL_EXIT_OK;
}

/* The exit status of the compile: I/O errors are shown and are usage errors;
 * a --module no input defines is one. */
static int compile_status(FtlSession *s, const CliArgs *a, FtlStatus st)
{
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    /* Only a call that failed leaves a sentence: without one, nothing to show. */
    int io = ftl_session_error(s) ? cli_print_io_errors(s, NULL) : 0;
    if (io < 0) return ftl_cli_nomem();
    if (io) return FTL_EXIT_USAGE;
    if (st == FTL_EINVAL) return ftl_cli_usage(a->cmd->name, "%s", ftl_session_error(s));
    /* A local realm without a name cannot be written (module files alone are fine). */
    const char *realm = ftl_session_local_realm(s);
    if (!is(a, CLI_CHECK) && realm && !realm[0] && !ftl_session_error_count(s)) {
        fprintf(stderr,
                "ftlc %s: error: the local realm has no name: give it with --realm NAME, "
                "name in ftl-project.toml or a 'realm NAME { }' block\n",
                a->cmd->name);
        return FTL_EXIT_USAGE;
    }
    return FTL_EXIT_OK;
}

/* The depfile, whatever became of the compile. */
static int depfile(FtlSession *s, const CliArgs *a, const char *path)
{
    const char *target = a->depfile_target;
    if (!target && path && strcmp(path, "-") != 0 && !a->check_file) target = path;
    FtlStatus st = ftl_session_write_depfile(s, a->depfile, target, a->depfile_phony);
    if (st == FTL_OK) return 0;
    if (st == FTL_NOMEM) return ftl_cli_nomem(), -1;
    fprintf(stderr, "ftlc: error: %s\n", ftl_session_error(s));
    return -1;
}

/* The output is made before the diagnostics are reported, since making it may
 * find more. emit to standard output streams it once the depfile is written:
 * its diagnostics then follow it. */
static int run_compile(FtlSession *s, CliArgs *a)
{
    if (cli_configure(s, a) != FTL_OK) return ftl_cli_nomem(); /* the values were checked */
    int status = a->stdin_filename ? cli_stdin_overlay(s, a) : FTL_EXIT_OK, fixed = 0;
    if (status != FTL_EXIT_OK) return status;
    status = compile_status(s, a, ftl_session_compile(s));
    /* --fix: what remains after the fixes is what is reported. */
    if (status == FTL_EXIT_OK && a->fix && (status = cli_fix(s, a, &fixed)) == FTL_EXIT_OK && fixed)
        status = compile_status(s, a, ftl_session_compile(s));
    Output k = {0};
    const char *path = a->output;
    FtlFormat f = FTL_FORMAT_FTL;
    int stream = is(a, CLI_EMIT) && (!path || strcmp(path, "-") == 0);
    /* export's file is known before validation, so the depfile names the same
     * target whether or not this run succeeds. */
    if (status == FTL_EXIT_OK && is(a, CLI_EXPORT) && export_format(s, a, &path, &f) != 0)
        status = FTL_EXIT_USAGE;
    if (status == FTL_EXIT_OK && !ftl_session_error_count(s) && !is(a, CLI_CHECK) && !stream)
        status = make_output(s, a, f, path, &k);
    if (a->depfile && depfile(s, a, path) != 0) status = FTL_EXIT_USAGE;
    if (status == FTL_EXIT_OK && !ftl_session_error_count(s) && stream)
        status = stream_output(s, a);
    if (cli_report(s, a) != 0) status = FTL_EXIT_USAGE; /* out of memory (said) */
    if (status == FTL_EXIT_OK && ftl_session_error_count(s)) status = FTL_EXIT_ERRORS;
    if (status == FTL_EXIT_OK && k.made) status = finish_output(s, a, f, path, &k);
    free_output(&k);
    return status;
}

int cli_cmd_compile(CliArgs *a)
{
    int status = compile_usage(a);
    if (status != FTL_EXIT_OK) return status;
    FtlSession *s = ftl_session_new();
    if (!s) return ftl_cli_nomem();
    status = run_compile(s, a);
    ftl_session_free(s);
    return status;
}
