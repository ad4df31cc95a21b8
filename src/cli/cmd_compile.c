/* cmd_compile.c - ftlc check, emit, export and clients: one compilation of
 * every input (the inputs, --external-realm files, the realms the project
 * pins), then the command's output. */
#define _POSIX_C_SOURCE 200809L
#include "base/buf.h"
#include "base/fileio.h"
#include "base/strlit.h"
#include "check/canon.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/run.h"
#include "proto/schema_io.h"
#include "realm/clients.h"
#include "realm/public.h"
#include "realm/realm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

static int is(const CliArgs *a, unsigned bit)
{
    return a->cmd->bit == bit;
}

/* --external-realm NAME=FILE: the file holds the realm NAME, written as an
 * external realm, or the realm's public schema (ftlc export) in any format. */
static int load_external(Run *r, FtlSchema *s, const char *spec)
{
    const char *eq = strchr(spec, '=');
    char *name = ftl_xmalloc((size_t)(eq - spec) + 1);
    memcpy(name, spec, (size_t)(eq - spec));
    name[eq - spec] = 0;
    FtlFile **files;
    uint32_t n;
    int rc = run_read(r, s, eq + 1, -1, &files, &n);
    if (rc == 0 && n) ftl_realm_adopt(s, name, eq + 1, files, n, 0); /* else: reported */
    free(name);
    return rc;
}

/* The pinned realms, except those given with --external-realm. */
static void load_pinned(Run *r, FtlSchema *s, const CliArgs *a)
{
    int n = a->externals.n;
    const char **skip = ftl_xmalloc(((size_t)n + 1) * sizeof *skip);
    for (int i = 0; i < n; i++) {
        const char *spec = a->externals.items[i];
        skip[i] = ftl_intern(&r->in, spec, strcspn(spec, "="));
    }
    ftl_project_load_realms(&r->project, s, skip, n);
    free(skip);
}

typedef struct ModuleSpans {
    FtlSpan spans[64];
    unsigned n;
} ModuleSpans;

static int in_module(const FtlDiag *g, void *ctx)
{
    const ModuleSpans *m = ctx;
    if (!ftl_span_valid(g->span)) return 1;
    for (unsigned k = 0; k < m->n; k++)
        if (g->span.file == m->spans[k].file && g->span.off >= m->spans[k].off &&
            g->span.off < m->spans[k].end)
            return 1;
    return 0;
}

/* --module NAME: keep the diagnostics located in that module (and those with
 * no position). A name no input defines is a usage error. */
static int keep_module(Run *r, FtlSchema *s, const CliArgs *a)
{
    const char *name = ftl_intern_cstr(&r->in, a->module);
    ModuleSpans m = {{{0}}, 0};
    for (uint32_t i = 0; i < s->nrealms; i++)
        for (uint32_t j = 0; j < s->realms[i]->nmodules && m.n < 64; j++)
            if (s->realms[i]->modules[j]->name == name)
                m.spans[m.n++] = s->realms[i]->modules[j]->span;
    for (uint32_t i = 0; i < s->nmodfiles && m.n < 64; i++)
        if (s->modfiles[i]->name == name) m.spans[m.n++] = s->modfiles[i]->span;
    if (m.n == 0) {
        /* Inputs that did not parse were never merged: report everything. */
        if (r->diags.errors) return FTL_EXIT_OK;
        ftl_cli_usage(a->cmd->name, "no module named '%s' in the inputs", a->module);
        return FTL_EXIT_USAGE;
    }
    ftl_diags_filter(&r->diags, in_module, &m);
    return FTL_EXIT_OK;
}

/* A file name in a make rule: spaces and '#' escaped with '\', '$' doubled. */
static void make_escape(FtlBuf *b, const char *name, const char *special)
{
    for (const char *p = name; *p; p++) {
        if (strchr(special, *p)) ftl_buf_putc(b, '\\');
        if (*p == '$') ftl_buf_putc(b, '$');
        ftl_buf_putc(b, *p);
    }
}

/* Make-style dependencies: "TARGET: every file read". */
static int write_depfile(Run *r, const CliArgs *a, const char *output)
{
    FtlBuf b;
    ftl_buf_init(&b);
    /* The target is the output file; for check (no output) the depfile's own
     * name without ".d", so that the rule never names an input as its target. */
    char *derived = NULL;
    const char *target = a->depfile_target ? a->depfile_target : output;
    if (!target) {
        size_t n = strlen(a->depfile);
        derived = ftl_xmalloc(n + 8);
        memcpy(derived, a->depfile, n + 1);
        if (n > 2 && strcmp(derived + n - 2, ".d") == 0)
            derived[n - 2] = 0;
        else
            memcpy(derived + n, ".stamp", 7);
        target = derived;
    }
    make_escape(&b, target, " #:");
    ftl_buf_putc(&b, ':');
    for (uint32_t i = 1; i <= r->src.count; i++) {
        const char *name = r->src.files[i - 1].name;
        if (name[0] == '<') continue; /* <builtin>, <stdin> */
        ftl_buf_puts(&b, " \\\n  ");
        make_escape(&b, name, " #");
    }
    ftl_buf_putc(&b, '\n');
    /* --depfile-phony: as gcc's -MP, an empty rule for every prerequisite but
     * the first (the main input, which the build's own rule names). */
    int first = 1;
    for (uint32_t i = 1; a->depfile_phony && i <= r->src.count; i++) {
        const char *name = r->src.files[i - 1].name;
        if (name[0] == '<') continue;
        if (first) {
            first = 0;
            continue;
        }
        ftl_buf_putc(&b, '\n');
        make_escape(&b, name, " #:");
        ftl_buf_puts(&b, ":\n");
    }
    char err[512];
    int rc = ftl_write_atomic(a->depfile, b.data, b.len, err, sizeof err);
    if (rc != 0) fprintf(stderr, "ftlc: error: %s\n", err);
    ftl_buf_free(&b);
    free(derived);
    return rc;
}

/* emit: the whole schema in the format asked for. */
static int emit_output(FtlSchema *s, const CliArgs *a, FtlBuf *out)
{
    FtlFormat f = FTL_FORMAT_FTL;
    ftl_format_parse(a->format, &f);
    FtlCanonView v;
    ftl_canon_view(s, &v);
    if (a->module) ftl_canon_view_only(s, &v, a->module);
    char err[512];
    if (ftl_io_write_view(out, s, &v, f, a->positions, err, sizeof err) != 0) {
        if (err[0]) fprintf(stderr, "ftlc emit: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* clients: where the runtimes put the client of every verb the realm may call. */
static int clients_output(FtlSchema *s, const CliArgs *a, FtlBuf *out)
{
    int json = a->format && strcmp(a->format, "json") == 0;
    if (ftl_clients_render(out, s, a->langs ? a->langs : FTL_LANG_ALL, json) == 0) return 0;
    fprintf(stderr, "ftlc clients: error: no local realm: give the inputs a 'realm NAME { ... }' "
                    "block or use --realm NAME\n");
    return -1;
}

/* export: the public schema of the local realm. */
static int export_output(FtlSchema *s, const CliArgs *a, FtlBuf *out, FtlFormat f)
{
    FtlCanonView v;
    if (ftl_public_view(s, &v) != 0) {
        fprintf(stderr, "ftlc export: error: no local realm to export: give the inputs a "
                        "'realm NAME { ... }' block or use --realm NAME\n");
        return -2; /* like a local realm without a name: a usage error */
    }
    if (f == FTL_FORMAT_TXTPB) ftl_buf_puts(out, FTL_EXPORT_HEADER);
    char err[512];
    if (ftl_io_write_view(out, s, &v, f, a->positions, err, sizeof err) != 0) {
        if (err[0]) fprintf(stderr, "ftlc export: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* -I DIR that is not a directory: W0001, since a typo there would otherwise
 * only show as unknown references (gcc's -Wmissing-include-dirs). */
static void check_include_dirs(Run *r, const CliArgs *a)
{
    static const FtlSpan nowhere = {0, 0, 0};
    for (int i = 0; i < a->includes.n; i++) {
        struct stat st;
        const char *dir = a->includes.items[i];
        int found = stat(dir, &st) == 0;
        if (found && S_ISDIR(st.st_mode)) continue;
        ftl_warning(&r->diags, nowhere, "W0001", "include directory '%s': %s", dir,
                    found ? "not a directory" : strerror(errno));
    }
}

/* Loads every input and validates the compilation. */
static int compile(Run *r, FtlSchema *s, const CliArgs *a)
{
    int status = run_load_project(r, a) == 0 ? FTL_EXIT_OK : FTL_EXIT_USAGE;
    check_include_dirs(r, a);
    for (int i = 0; i < a->files.n; i++) {
        FtlFile **files;
        uint32_t n;
        if (run_read(r, s, a->files.items[i], a->input_format, &files, &n) != 0) {
            status = FTL_EXIT_USAGE;
            continue;
        }
        for (uint32_t k = 0; k < n; k++)
            ftl_schema_add_file(s, files[k]);
    }
    for (int i = 0; i < a->externals.n; i++)
        if (load_external(r, s, a->externals.items[i]) != 0) status = FTL_EXIT_USAGE;
    if (r->has_project) load_pinned(r, s, a);
    FtlCheckOptions co = {
        a->realm, a->includes.items, a->includes.n, ftl_io_include_exts, ftl_io_load_module,
        NULL,     {0, 0, 0}};
    if (!a->realm && r->has_project && (co.realm = ftl_project_realm(&r->project, &r->diags)))
        co.realm_span = r->project.name_span;
    /* After a file that could not be loaded, the check would only add noise. */
    if (status == FTL_EXIT_OK && r->diags.errors == 0) ftl_schema_check(s, &co);
    return status;
}

/* Usage errors that depend on more than one option. */
static int compile_usage(const CliArgs *a)
{
    if (is(a, CLI_EMIT) && !a->format)
        return ftl_cli_usage(a->cmd->name, "%s",
                             "--format is required (ftl, txtpb, json or binpb)");
    if (a->check_file && a->output)
        return ftl_cli_usage(a->cmd->name, "%s", "--check and -o cannot be combined");
    return FTL_EXIT_OK;
}

/* The command's output; 0, or the exit status of a failure. */
static int make_output(Run *r, FtlSchema *s, const CliArgs *a, FtlBuf *out, FtlFormat f)
{
    int rc;
    if (is(a, CLI_EMIT))
        rc = emit_output(s, a, out);
    else if (is(a, CLI_CLIENTS))
        rc = clients_output(s, a, out);
    else
        rc = export_output(s, a, out, f);
    (void)r;
    /* What cannot be written is a property of the input (E0603, bad UTF-8). */
    return rc == 0 ? FTL_EXIT_OK : rc == -2 ? FTL_EXIT_USAGE : FTL_EXIT_ERRORS;
}

/* The output is made before the diagnostics are reported, since making it may
 * find more. */
int cli_cmd_compile(CliArgs *a)
{
    int status = compile_usage(a);
    if (status != FTL_EXIT_OK) return status;
    Run r;
    run_init(&r, a);
    FtlSchema s;
    ftl_schema_init(&s, &r.arena, &r.in, &r.diags, &r.src);
    status = compile(&r, &s, a);
    int made = 0;
    FtlBuf out;
    ftl_buf_init(&out);
    const char *path = a->output;
    FtlFormat f = FTL_FORMAT_FTL;
    if (a->module && status == FTL_EXIT_OK) status = keep_module(&r, &s, a);
    if (status == FTL_EXIT_OK && !is(a, CLI_CHECK) && !s.module_mode && s.local &&
        !s.local->name[0] && !ftl_diags_failed(&r.diags)) {
        fprintf(stderr,
                "ftlc %s: error: the local realm has no name: give it with --realm NAME, "
                "name in ftl-project.toml or a 'realm NAME { }' block\n",
                a->cmd->name);
        status = FTL_EXIT_USAGE;
    }
    /* export's file is known before validation, so the depfile names the same
     * target whether or not this run succeeds. */
    if (status == FTL_EXIT_OK && is(a, CLI_EXPORT) && run_public_target(&r, a, &path, &f) != 0)
        status = FTL_EXIT_USAGE;
    if (status == FTL_EXIT_OK && !ftl_diags_failed(&r.diags) && !is(a, CLI_CHECK)) {
        status = make_output(&r, &s, a, &out, f);
        made = status == FTL_EXIT_OK;
    }
    const char *target = path && strcmp(path, "-") != 0 && !a->check_file ? path : NULL;
    if (a->depfile && write_depfile(&r, a, target) != 0) status = FTL_EXIT_USAGE;
    run_report_checked(&r, a);
    if (status == FTL_EXIT_OK && ftl_diags_failed(&r.diags)) status = FTL_EXIT_ERRORS;
    if (status == FTL_EXIT_OK && made) {
        if (a->check_file)
            status = ftl_cli_check_fresh("export", path, out.data, out.len, f, a->argc, a->argv);
        else if (ftl_cli_write_output(path, out.data, out.len) != 0)
            status = FTL_EXIT_USAGE;
    }
    ftl_buf_free(&out);
    ftl_schema_free(&s);
    run_free(&r);
    return status;
}
