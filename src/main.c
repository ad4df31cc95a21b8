/* main.c - the ftlc command line: a thin layer over libftlc.
 *
 * Exit status: 0 success; 1 errors found in the input (or, with fmt --check,
 * files that would change); 2 usage errors and I/O errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "ftlc/arena.h"
#include "ftlc/ast.h"
#include "ftlc/diag.h"
#include "ftlc/diagfmt.h"
#include "ftlc/diff.h"
#include "ftlc/fileio.h"
#include "ftlc/fmt.h"
#include "ftlc/intern.h"
#include "ftlc/parse.h"
#include "ftlc/schema.h"
#include "ftlc/source.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct External {
    const char *name, *path;
} External;

typedef struct Options {
    const char *cmd;
    const char **files;
    int nfiles;
    int write, check, diff, spans;
    FtlDiagStyle style;
    int ext_format; /* -1, or an FtlExtFormat for --error-format sarif|github|ftl */
    int color_mode; /* 0 auto, 1 always, 2 never */
    int werror, quiet;
    const char **includes;
    int nincludes;
    External *externals;
    int nexternals;
    const char *realm, *module, *depfile, *output, *format;
} Options;

/* ---- help --------------------------------------------------------------------------- */

static const char MAIN_HELP[] =
    "usage: ftlc <command> [options] [file...]\n"
    "\n"
    "ftlc compiles FTL schemas: it reads schema text, reports every error with its\n"
    "position, and prints the schema in canonical layout.\n"
    "\n"
    "commands:\n"
    "  check      parse and validate schemas: every rule of the language and of federation\n"
    "  emit       print the validated schema in canonical form (--format ftl)\n"
    "  fmt        format schema files (layout only; keeps order and spelling)\n"
    "  parse      print the syntax tree of schema files (for debugging)\n"
    "  version    print the version (also: ftlc --version)\n"
    "  help       show help for a command\n"
    "\n"
    "Run 'ftlc help <command>' or 'ftlc <command> --help' for a command's options.\n"
    "See ftlc(1), ftlc-check(1), ftlc-emit(1), ftlc-fmt(1) and ftl-schema(5).\n";

#define COMMON_COMPILE_OPTIONS                                                                \
    "  -I DIR                  load a module referenced but not given from DIR/<module>.ftl\n" \
    "      --realm NAME        the local realm's name (module files join it)\n"               \
    "      --external-realm NAME=FILE\n"                                                     \
    "                          an external realm: FILE holds 'external realm NAME { ... }'\n" \
    "      --module NAME       report (and emit) only module NAME; the rest is context\n"     \
    "      --depfile FILE      write the files read as a make rule\n"                         \
    "      --error-format FMT  text (default), json, sarif, github or ftl\n"                  \
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"           \
    "  -W error                treat warnings as errors\n"                                     \
    "  -q, --quiet             do not print warnings\n"                                        \
    "  -h, --help              show this help\n"

static const char CHECK_HELP[] =
    "usage: ftlc check [options] FILE...\n"
    "\n"
    "Parses and validates FTL schema files as one compilation: one local realm (from\n"
    "'realm' blocks, module files and --realm) and any number of external realms.\n"
    "Module files given alone (no realm, no -I) are validated as upstream FTL\n"
    "validates a module file. '-' reads standard input.\n"
    "\n"
    "options:\n" COMMON_COMPILE_OPTIONS
    "\n"
    "exit status: 0 valid, 1 errors (or warnings with -W error), 2 usage or I/O errors.\n";

static const char EMIT_HELP[] =
    "usage: ftlc emit --format ftl [-o FILE] [options] FILE...\n"
    "\n"
    "Validates the inputs like 'ftlc check' and prints the schema in canonical form:\n"
    "the builtin module first in every realm, references qualified, dead-letter\n"
    "topics generated, declarations and verb metadata sorted.\n"
    "\n"
    "options:\n"
    "      --format FMT        output format: ftl (canonical schema text)\n"
    "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
    COMMON_COMPILE_OPTIONS;

static const char FMT_HELP[] =
    "usage: ftlc fmt [-w | --check | --diff] [options] FILE...\n"
    "\n"
    "Formats FTL schema files in the canonical layout: indentation, spacing, blank\n"
    "lines, wrapping and quoting. Declaration order and the spelling of references\n"
    "are kept. Without -w, --check or --diff the result is printed to standard\n"
    "output. '-' reads standard input.\n"
    "\n"
    "options:\n"
    "  -w, --write             rewrite files in place (atomically; only files that change)\n"
    "      --check             print the files that are not formatted; exit 1 if any\n"
    "      --diff              print a unified diff of the changes; exit 1 if any\n"
    "      --error-format FMT  diagnostics as 'text' (default) or 'json'\n"
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"
    "  -h, --help              show this help\n"
    "\n"
    "exit status: 0 ok, 1 syntax errors or (--check/--diff) files would change,\n"
    "2 usage or I/O errors.\n";

static const char PARSE_HELP[] =
    "usage: ftlc parse [--spans] [options] FILE...\n"
    "\n"
    "Prints the syntax tree of each file, one node per line (a debugging aid; the\n"
    "format is not stable). '-' reads standard input.\n"
    "\n"
    "options:\n"
    "      --spans             show the source span of every node\n"
    "      --error-format FMT  diagnostics as 'text' (default) or 'json'\n"
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"
    "  -h, --help              show this help\n";

static const char VERSION_HELP[] = "usage: ftlc version\n\nPrints the version of ftlc.\n";

static const char *command_help(const char *cmd)
{
    if (!cmd) return MAIN_HELP;
    if (strcmp(cmd, "fmt") == 0) return FMT_HELP;
    if (strcmp(cmd, "parse") == 0) return PARSE_HELP;
    if (strcmp(cmd, "check") == 0) return CHECK_HELP;
    if (strcmp(cmd, "emit") == 0) return EMIT_HELP;
    if (strcmp(cmd, "version") == 0) return VERSION_HELP;
    if (strcmp(cmd, "help") == 0) return MAIN_HELP;
    return NULL;
}

static int usage_error(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "ftlc%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    if (cmd) fprintf(stderr, "\nRun 'ftlc %s --help' for usage.\n", cmd);
    else fprintf(stderr, "\nRun 'ftlc --help' for usage.\n");
    return EXIT_USAGE;
}

/* ---- options ------------------------------------------------------------------------ */

/* Matches "--name" followed by a value, as "--name=VALUE" or "--name VALUE". */
static int opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) {
        *value = NULL;
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

static int is_compile_cmd(const char *cmd)
{
    return strcmp(cmd, "check") == 0 || strcmp(cmd, "emit") == 0;
}

/* Options of check and emit; returns 1 if argv[*i] was one, -1 on a usage error. */
static int compile_option(int argc, char **argv, int *i, Options *o)
{
    const char *a = argv[*i], *v = NULL;
    if (strncmp(a, "-I", 2) == 0) {
        v = a[2] ? a + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v) return usage_error(o->cmd, "option '%s' needs a directory", "-I"), -1;
        o->includes[o->nincludes++] = v;
        return 1;
    }
    if (strcmp(a, "-W") == 0 || strncmp(a, "-W", 2) == 0) {
        v = a[2] ? a + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || strcmp(v, "error") != 0)
            return usage_error(o->cmd, "unknown warning option '%s' (expected '-W error')",
                               v ? v : ""), -1;
        o->werror = 1;
        return 1;
    }
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        o->quiet = 1;
        return 1;
    }
    if (opt_value(argc, argv, i, "--realm", &v) || opt_value(argc, argv, i, "--module", &v) ||
        opt_value(argc, argv, i, "--depfile", &v) || opt_value(argc, argv, i, "--format", &v) ||
        opt_value(argc, argv, i, "--output", &v) || (strcmp(a, "-o") == 0 && opt_value(argc, argv, i, "-o", &v)) ||
        opt_value(argc, argv, i, "--external-realm", &v)) {
        const char *name = strncmp(a, "--", 2) == 0 ? a : "-o";
        if (!v || !*v) return usage_error(o->cmd, "option '%s' needs a value", name), -1;
        if (strncmp(a, "--realm", 7) == 0) o->realm = v;
        else if (strncmp(a, "--module", 8) == 0) o->module = v;
        else if (strncmp(a, "--depfile", 9) == 0) o->depfile = v;
        else if (strncmp(a, "--format", 8) == 0) o->format = v;
        else if (strncmp(a, "--output", 8) == 0 || strcmp(a, "-o") == 0) o->output = v;
        else {
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return usage_error(o->cmd, "--external-realm needs NAME=FILE, got '%s'", v), -1;
            size_t n = (size_t)(eq - v);
            char *name2 = ftl_xmalloc(n + 1);
            memcpy(name2, v, n);
            name2[n] = 0;
            o->externals[o->nexternals].name = name2;
            o->externals[o->nexternals++].path = eq + 1;
        }
        return 1;
    }
    return 0;
}

static int parse_options(int argc, char **argv, Options *o)
{
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    o->includes = calloc((size_t)argc + 1, sizeof *o->includes);
    o->externals = calloc((size_t)argc + 1, sizeof *o->externals);
    o->ext_format = -1;
    if (!o->files || !o->includes || !o->externals) ftl_oom();
    int only_files = 0, rc;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(command_help(o->cmd), stdout);
            exit(EXIT_OK);
        } else if (strcmp(o->cmd, "fmt") == 0 && (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0)) {
            o->write = 1;
        } else if (strcmp(o->cmd, "fmt") == 0 && strcmp(a, "--check") == 0) {
            o->check = 1;
        } else if (strcmp(o->cmd, "fmt") == 0 && strcmp(a, "--diff") == 0) {
            o->diff = 1;
        } else if (strcmp(o->cmd, "parse") == 0 && strcmp(a, "--spans") == 0) {
            o->spans = 1;
        } else if (is_compile_cmd(o->cmd) && (rc = compile_option(argc, argv, &i, o)) != 0) {
            if (rc < 0) return EXIT_USAGE;
        } else if (opt_value(argc, argv, &i, "--error-format", &v)) {
            if (!v) return usage_error(o->cmd, "option '%s' needs a value", "--error-format");
            if (strcmp(v, "text") == 0) o->style.format = FTL_DIAG_TEXT;
            else if (strcmp(v, "json") == 0) o->style.format = FTL_DIAG_JSON;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "sarif") == 0) o->ext_format = FTL_FMT_SARIF;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "github") == 0) o->ext_format = FTL_FMT_GITHUB;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "ftl") == 0) o->ext_format = FTL_FMT_FTL;
            else if (is_compile_cmd(o->cmd))
                return usage_error(o->cmd, "unknown error format '%s' (expected text, json, sarif, "
                                           "github or ftl)", v);
            else return usage_error(o->cmd, "unknown error format '%s' (expected text or json)", v);
        } else if (opt_value(argc, argv, &i, "--color", &v)) {
            if (!v) return usage_error(o->cmd, "option '%s' needs a value", "--color");
            if (strcmp(v, "auto") == 0) o->color_mode = 0;
            else if (strcmp(v, "always") == 0) o->color_mode = 1;
            else if (strcmp(v, "never") == 0) o->color_mode = 2;
            else return usage_error(o->cmd, "unknown colour mode '%s' (expected auto, always or never)", v);
        } else {
            return usage_error(o->cmd, "unknown option '%s'", a);
        }
    }
    if (strcmp(o->cmd, "emit") == 0) {
        if (!o->format)
            return usage_error(o->cmd, "%s", "--format is required (ftl)");
        if (strcmp(o->format, "ftl") != 0)
            return usage_error(o->cmd, "unknown output format '%s' (expected ftl)", o->format);
    }
    if (o->write + o->check + o->diff > 1)
        return usage_error(o->cmd, "%s", "-w, --check and --diff cannot be combined");
    if (o->nfiles == 0 && !(is_compile_cmd(o->cmd) && o->nexternals))
        return usage_error(o->cmd, "%s", "no input files (use '-' for standard input)");
    for (int i = 0; i < o->nfiles; i++)
        if (o->write && strcmp(o->files[i], "-") == 0)
            return usage_error(o->cmd, "%s", "-w cannot rewrite standard input");
    if (o->color_mode == 0) {
        const char *term = getenv("TERM");
        const char *nc = getenv("NO_COLOR"); /* no-color.org: set and not empty */
        o->style.color = isatty(2) && !(nc && *nc) && term && strcmp(term, "dumb") != 0;
    } else {
        o->style.color = o->color_mode == 1;
    }
    if (o->style.format == FTL_DIAG_JSON) o->style.color = 0;
    return EXIT_OK;
}

/* ---- one compilation ------------------------------------------------------------------ */

typedef struct Run {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    int io_error;
} Run;

static void run_init(Run *r)
{
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    r->io_error = 0;
}

static void run_free(Run *r)
{
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

/* Loads a file into the run; 0 (and an I/O message) on failure. */
static uint32_t run_load(Run *r, const char *path)
{
    char *data;
    size_t len;
    char err[512];
    if (ftl_read_file(path, &data, &len, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc: error: %s\n", err);
        r->io_error = 1;
        return 0;
    }
    if (len > FTL_MAX_INPUT) {
        fprintf(stderr, "ftlc: error: '%s' is too large (the limit is 4 GiB)\n", path);
        free(data);
        r->io_error = 1;
        return 0;
    }
    return ftl_sources_adopt(&r->src, strcmp(path, "-") == 0 ? "<stdin>" : path, data, len);
}

static void run_report(Run *r, const Options *o)
{
    ftl_diags_sort(&r->diags);
    if (r->diags.count || o->style.format == FTL_DIAG_JSON)
        ftl_diags_render(&r->diags, &r->src, o->style, stderr);
}

/* ---- commands --------------------------------------------------------------------------- */

static int write_stdout(const char *data, size_t len)
{
    if (len && fwrite(data, 1, len, stdout) != len) return -1;
    return fflush(stdout) == 0 ? 0 : -1;
}

/* fmt: each file on its own, so one broken file does not stop the others. */
static int cmd_fmt(const Options *o)
{
    int status = EXIT_OK;
    Run r;
    run_init(&r);
    FtlBuf out, diff;
    ftl_buf_init(&out);
    ftl_buf_init(&diff);
    for (int i = 0; i < o->nfiles; i++) {
        uint32_t id = run_load(&r, o->files[i]);
        if (!id) {
            status = EXIT_USAGE;
            continue;
        }
        unsigned before = r.diags.errors;
        FtlFile *f = ftl_parse_file(&r.arena, &r.in, &r.diags, &r.src, id);
        if (r.diags.errors > before) {
            if (status == EXIT_OK) status = EXIT_ERRORS;
            continue;
        }
        const FtlSource *s = ftl_sources_get(&r.src, id);
        out.len = 0;
        FtlFmtOptions fo = {0};
        ftl_fmt_file(&out, f, &fo);
        int same = out.len == s->len && memcmp(out.data ? out.data : "", s->data, s->len) == 0;
        if (o->check) {
            if (!same) {
                printf("%s\n", s->name);
                if (status == EXIT_OK) status = EXIT_ERRORS;
            }
        } else if (o->diff) {
            diff.len = 0;
            ftl_diff_unified(&diff, s->name, s->data, s->len, out.data ? out.data : "", out.len);
            if (diff.len && write_stdout(diff.data, diff.len) != 0) status = EXIT_USAGE;
            if (!same && status == EXIT_OK) status = EXIT_ERRORS;
        } else if (o->write) {
            char err[512];
            if (!same && ftl_write_atomic(o->files[i], out.data ? out.data : "", out.len, err,
                                          sizeof err) != 0) {
                fprintf(stderr, "ftlc: error: %s\n", err);
                status = EXIT_USAGE;
            }
        } else if (write_stdout(out.data, out.len) != 0) {
            fprintf(stderr, "ftlc: error: cannot write standard output\n");
            status = EXIT_USAGE;
        }
    }
    run_report(&r, o);
    ftl_buf_free(&out);
    ftl_buf_free(&diff);
    run_free(&r);
    return status;
}

static int cmd_parse(const Options *o)
{
    int status = EXIT_OK;
    Run r;
    run_init(&r);
    FtlBuf out;
    ftl_buf_init(&out);
    for (int i = 0; i < o->nfiles; i++) {
        uint32_t id = run_load(&r, o->files[i]);
        if (!id) {
            status = EXIT_USAGE;
            continue;
        }
        FtlFile *f = ftl_parse_file(&r.arena, &r.in, &r.diags, &r.src, id);
        out.len = 0;
        ftl_ast_dump(&out, f, o->spans ? &r.src : NULL);
        write_stdout(out.data, out.len);
    }
    run_report(&r, o);
    if (status == EXIT_OK && ftl_diags_failed(&r.diags)) status = EXIT_ERRORS;
    ftl_buf_free(&out);
    run_free(&r);
    return status;
}

/* --external-realm NAME=FILE: the file holds the realm NAME, written as an
 * external realm (or as the realm a public schema file describes). */
static int load_external(Run *r, FtlSchema *s, const External *e)
{
    uint32_t id = run_load(r, e->path);
    if (!id) return -1;
    FtlFile *f = ftl_parse_file(&r->arena, &r->in, &r->diags, &r->src, id);
    const char *name = ftl_intern_cstr(&r->in, e->name);
    int found = 0;
    for (uint32_t i = 0; i < f->nrealms; i++) {
        FtlRealm *realm = f->realms[i];
        if (realm->name != name) {
            ftl_error(&r->diags, realm->name_span, "E0509",
                      "realm \"%s\" in an --external-realm file given for realm \"%s\"",
                      realm->name, name);
            continue;
        }
        realm->external = 1;
        found = 1;
    }
    if (!found && !f->is_module_file && r->diags.errors == 0)
        ftl_error(&r->diags, ((FtlSpan){id, 0, 0}), "E0509",
                  "'%s' holds no realm \"%s\" (expected 'external realm %s { ... }')", e->path,
                  e->name, e->name);
    if (f->is_module_file)
        ftl_error(&r->diags, ((FtlSpan){id, 0, 0}), "E0509",
                  "'%s' is a module file; an external realm file holds 'external realm %s { ... }'",
                  e->path, e->name);
    else ftl_schema_add_file(s, f);
    return 0;
}

/* --module NAME: keep the diagnostics located in that module (and those with
 * no position). */
static void keep_module(Run *r, FtlSchema *s, const char *module)
{
    const char *name = ftl_intern_cstr(&r->in, module);
    FtlSpan spans[64];
    unsigned n = 0;
    for (uint32_t i = 0; i < s->nrealms; i++)
        for (uint32_t j = 0; j < s->realms[i]->nmodules && n < 64; j++)
            if (s->realms[i]->modules[j]->name == name) spans[n++] = s->realms[i]->modules[j]->span;
    for (uint32_t i = 0; i < s->nmodfiles && n < 64; i++)
        if (s->modfiles[i]->name == name) spans[n++] = s->modfiles[i]->span;
    FtlDiags *d = &r->diags;
    unsigned w = 0;
    for (unsigned i = 0; i < d->count; i++) {
        FtlDiag *g = &d->items[i];
        int keep = !ftl_span_valid(g->span);
        for (unsigned k = 0; k < n && !keep; k++)
            keep = g->span.file == spans[k].file && g->span.off >= spans[k].off &&
                   g->span.off < spans[k].end;
        if (keep) {
            d->items[w++] = *g;
            continue;
        }
        if (g->sev == FTL_SEV_ERROR) d->errors--;
        if (g->sev == FTL_SEV_WARNING) d->warnings--;
        free(g->msg);
        free(g->fixit);
        for (unsigned k = 0; k < g->nnotes; k++) free(g->notes[k].msg);
        free(g->notes);
    }
    d->count = w;
}

/* Make-style dependencies: "TARGET: every file read". */
static int write_depfile(Run *r, const Options *o)
{
    FtlBuf b;
    ftl_buf_init(&b);
    const char *target = o->output ? o->output : (o->nfiles ? o->files[0] : "ftlc");
    for (const char *p = target; *p; p++) {
        if (*p == ' ' || *p == '#' || *p == ':') ftl_buf_putc(&b, '\\');
        if (*p == '$') ftl_buf_putc(&b, '$');
        ftl_buf_putc(&b, *p);
    }
    ftl_buf_putc(&b, ':');
    for (uint32_t i = 1; i <= r->src.count; i++) {
        const char *name = r->src.files[i - 1].name;
        if (name[0] == '<') continue; /* <builtin>, <stdin> */
        ftl_buf_puts(&b, " \\\n  ");
        for (const char *p = name; *p; p++) {
            if (*p == ' ' || *p == '#') ftl_buf_putc(&b, '\\');
            if (*p == '$') ftl_buf_putc(&b, '$');
            ftl_buf_putc(&b, *p);
        }
    }
    ftl_buf_putc(&b, '\n');
    char err[512];
    int rc = ftl_write_atomic(o->depfile, b.data, b.len, err, sizeof err);
    if (rc != 0) fprintf(stderr, "ftlc: error: %s\n", err);
    ftl_buf_free(&b);
    return rc;
}

static void report_compile(Run *r, const Options *o)
{
    FtlDiags *d = &r->diags;
    if (o->werror) {
        for (unsigned i = 0; i < d->count; i++)
            if (d->items[i].sev == FTL_SEV_WARNING) {
                d->items[i].sev = FTL_SEV_ERROR;
                d->warnings--;
                d->errors++;
            }
    }
    if (o->quiet) {
        unsigned w = 0;
        for (unsigned i = 0; i < d->count; i++) {
            if (d->items[i].sev == FTL_SEV_ERROR) d->items[w++] = d->items[i];
            else {
                FtlDiag *g = &d->items[i];
                if (g->sev == FTL_SEV_WARNING) d->warnings--;
                free(g->msg);
                free(g->fixit);
                for (unsigned k = 0; k < g->nnotes; k++) free(g->notes[k].msg);
                free(g->notes);
            }
        }
        d->count = w;
    }
    ftl_diags_sort(d);
    if (o->ext_format >= 0) ftl_diags_render_ext(d, &r->src, (FtlExtFormat)o->ext_format, stderr);
    else if (d->count || o->style.format == FTL_DIAG_JSON) ftl_diags_render(d, &r->src, o->style, stderr);
}

/* check and emit: one compilation of every input. */
static int cmd_compile(const Options *o)
{
    int status = EXIT_OK;
    Run r;
    run_init(&r);
    FtlSchema s;
    ftl_schema_init(&s, &r.arena, &r.in, &r.diags, &r.src);
    for (int i = 0; i < o->nfiles; i++) {
        uint32_t id = run_load(&r, o->files[i]);
        if (!id) {
            status = EXIT_USAGE;
            continue;
        }
        ftl_schema_add_file(&s, ftl_parse_file(&r.arena, &r.in, &r.diags, &r.src, id));
    }
    for (int i = 0; i < o->nexternals; i++)
        if (load_external(&r, &s, &o->externals[i]) != 0) status = EXIT_USAGE;
    if (status == EXIT_OK && r.diags.errors == 0) {
        FtlCheckOptions co = {o->realm, o->includes, o->nincludes};
        ftl_schema_check(&s, &co);
    }
    if (o->module) keep_module(&r, &s, o->module);
    if (o->depfile && write_depfile(&r, o) != 0) status = EXIT_USAGE;
    report_compile(&r, o);
    if (status == EXIT_OK && ftl_diags_failed(&r.diags)) status = EXIT_ERRORS;
    if (status == EXIT_OK && strcmp(o->cmd, "emit") == 0) {
        FtlBuf out;
        ftl_buf_init(&out);
        ftl_emit_ftl(&out, &s);
        char err[512];
        if (o->output) {
            if (ftl_write_atomic(o->output, out.data ? out.data : "", out.len, err, sizeof err) != 0) {
                fprintf(stderr, "ftlc: error: %s\n", err);
                status = EXIT_USAGE;
            }
        } else if (write_stdout(out.data, out.len) != 0) {
            fprintf(stderr, "ftlc: error: cannot write standard output\n");
            status = EXIT_USAGE;
        }
        ftl_buf_free(&out);
    }
    ftl_schema_free(&s);
    run_free(&r);
    return status;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(MAIN_HELP, stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
        fputs(MAIN_HELP, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "version") == 0 || strcmp(cmd, "--version") == 0) {
        if (argc > 2 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0)) {
            fputs(VERSION_HELP, stdout);
            return EXIT_OK;
        }
        if (argc > 2) return usage_error("version", "unexpected argument '%s'", argv[2]);
        printf("ftlc %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (topic && (strcmp(topic, "--help") == 0 || strcmp(topic, "-h") == 0)) topic = NULL;
        const char *h = command_help(topic);
        if (!h) return usage_error(NULL, "unknown command '%s'", argv[2]);
        fputs(h, stdout);
        return EXIT_OK;
    }
    Options o;
    memset(&o, 0, sizeof o);
    o.cmd = cmd;
    int rc;
    if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "parse") == 0 || is_compile_cmd(cmd)) {
        rc = parse_options(argc, argv, &o);
        if (rc == EXIT_OK) {
            if (strcmp(cmd, "fmt") == 0) rc = cmd_fmt(&o);
            else if (strcmp(cmd, "parse") == 0) rc = cmd_parse(&o);
            else rc = cmd_compile(&o);
        }
    } else {
        rc = usage_error(NULL, "unknown command '%s'", cmd);
    }
    for (int i = 0; i < o.nexternals; i++) free((char *)o.externals[i].name);
    free(o.externals);
    free(o.includes);
    free(o.files);
    return rc;
}
