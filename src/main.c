/* main.c - the ftlc command line: a thin layer over libftlc.
 *
 * Exit status: 0 success; 1 errors found in the input (or, with fmt --check,
 * files that would change); 2 usage errors and I/O errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "ftlc/arena.h"
#include "ftlc/ast.h"
#include "ftlc/diag.h"
#include "ftlc/diff.h"
#include "ftlc/fileio.h"
#include "ftlc/fmt.h"
#include "ftlc/intern.h"
#include "ftlc/parse.h"
#include "ftlc/source.h"
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { EXIT_OK = 0, EXIT_ERRORS = 1, EXIT_USAGE = 2 };

typedef struct Options {
    const char *cmd;
    const char **files;
    int nfiles;
    int write, check, diff, spans;
    FtlDiagStyle style;
    int color_mode; /* 0 auto, 1 always, 2 never */
    int werror, quiet;
} Options;

/* ---- help --------------------------------------------------------------------------- */

static const char MAIN_HELP[] =
    "usage: ftlc <command> [options] [file...]\n"
    "\n"
    "ftlc compiles FTL schemas: it reads schema text, reports every error with its\n"
    "position, and prints the schema in canonical layout.\n"
    "\n"
    "commands:\n"
    "  fmt        format schema files (layout only; keeps order and spelling)\n"
    "  parse      print the syntax tree of schema files (for debugging)\n"
    "  version    print the version\n"
    "  help       show help for a command\n"
    "\n"
    "Run 'ftlc help <command>' or 'ftlc <command> --help' for a command's options.\n"
    "See ftlc(1), ftlc-fmt(1) and ftl-schema(5).\n";

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

static int parse_options(int argc, char **argv, Options *o)
{
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->files) ftl_oom();
    int only_files = 0;
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
        } else if (opt_value(argc, argv, &i, "--error-format", &v)) {
            if (!v) return usage_error(o->cmd, "option '%s' needs a value", "--error-format");
            if (strcmp(v, "text") == 0) o->style.format = FTL_DIAG_TEXT;
            else if (strcmp(v, "json") == 0) o->style.format = FTL_DIAG_JSON;
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
    if (o->write + o->check + o->diff > 1)
        return usage_error(o->cmd, "%s", "-w, --check and --diff cannot be combined");
    if (o->nfiles == 0) return usage_error(o->cmd, "%s", "no input files (use '-' for standard input)");
    for (int i = 0; i < o->nfiles; i++)
        if (o->write && strcmp(o->files[i], "-") == 0)
            return usage_error(o->cmd, "%s", "-w cannot rewrite standard input");
    if (o->color_mode == 0) {
        const char *term = getenv("TERM");
        o->style.color = isatty(2) && !getenv("NO_COLOR") && term && strcmp(term, "dumb") != 0;
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
        const char *h = command_help(argc > 2 ? argv[2] : NULL);
        if (!h) return usage_error(NULL, "unknown command '%s'", argv[2]);
        fputs(h, stdout);
        return EXIT_OK;
    }
    Options o;
    memset(&o, 0, sizeof o);
    o.cmd = cmd;
    int rc;
    if (strcmp(cmd, "fmt") == 0 || strcmp(cmd, "parse") == 0) {
        rc = parse_options(argc, argv, &o);
        if (rc == EXIT_OK) rc = strcmp(cmd, "fmt") == 0 ? cmd_fmt(&o) : cmd_parse(&o);
    } else {
        rc = usage_error(NULL, "unknown command '%s'", cmd);
    }
    free(o.files);
    return rc;
}
