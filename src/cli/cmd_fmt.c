/* cmd_fmt.c - ftlc fmt and ftlc parse: each file parsed on its own, so one
 * broken file does not stop the others. */
#define _POSIX_C_SOURCE 200809L
#include "base/buf.h"
#include "base/diff.h"
#include "base/fileio.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/run.h"
#include "syntax/fmt.h"
#include "syntax/parse.h"

#include <stdio.h>
#include <string.h>

/* What fmt does with one formatted file: print it, rewrite it, or compare. */
static int fmt_one(const CliArgs *a, const char *path, const FtlSource *s, const FtlBuf *out,
                   FtlBuf *diff)
{
    const char *text = out->data ? out->data : "";
    int same = out->len == s->len && memcmp(text, s->data, s->len) == 0;
    if (a->check) {
        if (!same) printf("%s\n", s->name);
        return same ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
    }
    if (a->diff) {
        diff->len = 0;
        ftl_diff_unified(diff, s->name, s->data, s->len, text, out->len);
        if (diff->len && run_write_stdout(diff->data, diff->len) != 0) return FTL_EXIT_USAGE;
        return same ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
    }
    if (a->write) {
        char err[512];
        if (same || ftl_write_atomic(path, text, out->len, err, sizeof err) == 0)
            return FTL_EXIT_OK;
        fprintf(stderr, "ftlc: error: %s\n", err);
        return FTL_EXIT_USAGE;
    }
    if (run_write_stdout(out->data, out->len) == 0) return FTL_EXIT_OK;
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return FTL_EXIT_USAGE;
}

/* The worse of two exit statuses: usage and I/O errors over errors in the input. */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

static int fmt_usage(const CliArgs *a)
{
    if (a->write + a->check + a->diff > 1)
        return ftl_cli_usage("fmt", "%s", "-w, --check and --diff cannot be combined");
    for (int i = 0; i < a->files.n; i++)
        if (a->write && strcmp(a->files.items[i], "-") == 0)
            return ftl_cli_usage("fmt", "%s", "-w cannot rewrite standard input");
    return FTL_EXIT_OK;
}

int cli_cmd_fmt(CliArgs *a)
{
    int status = fmt_usage(a);
    if (status != FTL_EXIT_OK) return status;
    Run r;
    run_init(&r, a);
    FtlBuf out, diff;
    ftl_buf_init(&out);
    ftl_buf_init(&diff);
    for (int i = 0; i < a->files.n; i++) {
        uint32_t id = run_load(&r, a->files.items[i]);
        if (!id) {
            status = FTL_EXIT_USAGE;
            continue;
        }
        unsigned before = r.diags.errors;
        FtlFile *f = ftl_parse_file(&r.arena, &r.in, &r.diags, &r.src, id);
        if (r.diags.errors > before) {
            status = worse(status, FTL_EXIT_ERRORS);
            continue;
        }
        out.len = 0;
        FtlFmtOptions fo = {0};
        ftl_fmt_file(&out, f, &fo);
        status =
            worse(status, fmt_one(a, a->files.items[i], ftl_sources_get(&r.src, id), &out, &diff));
    }
    run_report(&r, a);
    ftl_buf_free(&out);
    ftl_buf_free(&diff);
    run_free(&r);
    return status;
}

int cli_cmd_parse(CliArgs *a)
{
    int status = FTL_EXIT_OK;
    Run r;
    run_init(&r, a);
    FtlBuf out;
    ftl_buf_init(&out);
    for (int i = 0; i < a->files.n; i++) {
        uint32_t id = run_load(&r, a->files.items[i]);
        if (!id) {
            status = FTL_EXIT_USAGE;
            continue;
        }
        FtlFile *f = ftl_parse_file(&r.arena, &r.in, &r.diags, &r.src, id);
        out.len = 0;
        ftl_ast_dump(&out, f, a->spans ? &r.src : NULL);
        run_write_stdout(out.data, out.len);
    }
    run_report(&r, a);
    if (status == FTL_EXIT_OK && ftl_diags_failed(&r.diags)) status = FTL_EXIT_ERRORS;
    ftl_buf_free(&out);
    run_free(&r);
    return status;
}
