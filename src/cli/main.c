/* main.c - the ftlc command line: a thin layer over libftlc.
 *
 * Exit status: 0 success; 1 errors found in the input (or, with fmt --check,
 * files that would change); 2 usage errors and I/O errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "base/arena.h"
#include "syntax/ast.h"
#include "realm/clients.h"
#include "base/diag.h"
#include "base/diagfmt.h"
#include "base/diff.h"
#include "base/fileio.h"
#include "syntax/fmt.h"
#include "base/intern.h"
#include "syntax/parse.h"
#include "realm/project.h"
#include "realm/public.h"
#include "realm/realm.h"
#include "check/schema.h"
#include "proto/schema_io.h"
#include "base/source.h"
#include "base/strlit.h"
#include "cli/cli.h"
#include "config.h"
#include "cli/realm_cmd.h"
#include "cli/cmd_breaking.h"

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
    unsigned max_errors; /* --max-errors N: errors shown, 0 = all */
    int color_mode; /* 0 auto, 1 always, 2 never */
    int werror, quiet;
    const char **includes;
    int nincludes;
    External *externals;
    int nexternals;
    const char *realm, *module, *depfile, *output, *format;
    const char *project; /* --project FILE */
    int positions;          /* emit, export: positions in the protobuf formats */
    int input_format;       /* an FtlFormat for --input-format, or -1: by extension */
    const char *check_file; /* export --check FILE */
    unsigned langs;         /* clients --lang: FTL_LANG_* bits, 0 = all */
    int json;               /* clients --format json */
    int argc;               /* the command line, for export's "how to refresh" hint */
    char **argv;
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
    "  emit       print the validated schema as text, protobuf text, JSON or binary protobuf\n"
    "  export     write the realm's public schema (ftl-external-schema.txtpb)\n"
    "  clients    print where the runtimes put the client of every verb the realm may call\n"
    "  fmt        format schema files (layout only; keeps order and spelling)\n"
    "  realm      pin external realms in ftl-project.toml: add, update, list, remove, fetch\n"
    "  breaking   report changes that break the callers of an API (CI gate)\n"
    "  parse      print the syntax tree of schema files (for debugging)\n"
    "  version    print the version (also: ftlc --version)\n"
    "  help       show help for a command\n"
    "\n"
    "Run 'ftlc help <command>' or 'ftlc <command> --help' for a command's options.\n"
    "See ftlc(1), ftlc-check(1), ftlc-emit(1), ftlc-export(1), ftlc-clients(1), ftlc-fmt(1),\n"
    "ftlc-realm(1), ftlc-breaking(1), ftl-schema(5) and ftl-project.toml(5).\n";

#define COMMON_COMPILE_OPTIONS                                                                \
    "  -I DIR                  load a module referenced but not given from DIR/<module>.ftl\n" \
    "                          (or DIR/<module>.txtpb, .json, .binpb)\n"                      \
    "      --realm NAME        the local realm's name (module files join it); default: name\n" \
    "                          in ftl-project.toml\n"                                          \
    "      --project FILE      the project file (default: ftl-project.toml in the current\n"   \
    "                          directory or the nearest parent that has one): its name and\n" \
    "                          the external realms it pins, read from .ftl/realms\n"          \
    "      --external-realm NAME=FILE\n"                                                     \
    "                          an external realm: FILE holds 'external realm NAME { ... }'\n" \
    "                          or realm NAME's public schema (.txtpb, .json, .binpb)\n"       \
    "      --input-format FMT  read the inputs as ftl, txtpb, json or binpb (default: by\n"  \
    "                          extension: .txtpb, .json, .binpb, anything else is ftl)\n"     \
    "      --module NAME       report (and emit) only module NAME; the rest is context\n"     \
    "      --depfile FILE      write the files read as a make rule\n"                         \
    "      --error-format FMT  text (default), json, sarif, github or ftl\n"                  \
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"           \
    "      --max-errors N      show at most N errors (default 100; 0 shows all)\n"            \
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
    "usage: ftlc emit --format ftl|txtpb|json|binpb [-o FILE] [options] FILE...\n"
    "\n"
    "Validates the inputs like 'ftlc check' and prints the schema in canonical form:\n"
    "the builtin module first in every realm, references qualified, dead-letter\n"
    "topics generated, declarations and verb metadata sorted. Inputs may be in any\n"
    "format; a .txtpb, .json or .binpb input holds an xyz.block.ftl.schema.v1.Schema.\n"
    "\n"
    "options:\n"
    "      --format FMT        output format (required):\n"
    "                            ftl    canonical schema text\n"
    "                            txtpb  protobuf text format of xyz.block.ftl.schema.v1.Schema,\n"
    "                                   as 'protoc --decode' prints it\n"
    "                            json   the protobuf JSON mapping of the same message\n"
    "                            binpb  the binary protobuf encoding\n"
    "      --positions         txtpb, json, binpb: record each node's file, line, column\n"
    "  -o, --output FILE       write to FILE (atomically) instead of standard output\n"
    COMMON_COMPILE_OPTIONS
    "\n"
    "Module files given alone come out as a realm with an empty name, which reads\n"
    "back as module files. With --module NAME only that module is written.\n"
    "\n"
    "exit status: 0 written, 1 errors in the input, 2 usage or I/O errors.\n";

static const char EXPORT_HELP[] =
    "usage: ftlc export [-o FILE] [--format FMT] [--check FILE] [options] FILE...\n"
    "\n"
    "Validates the inputs like 'ftlc check' and writes the public schema of the\n"
    "local realm (spec 6.3): its 'export realm' declarations and every local\n"
    "declaration their types reach, modules sorted by name, without configs,\n"
    "secrets, module metadata and the metadata that describes deployment (only\n"
    "+alias, +encoding, +typemap and +ingress stay). Nothing is written when the\n"
    "inputs have errors, such as an API that exposes a type of an external realm.\n"
    "Other realms pin it with 'ftlc realm add' or read it with --external-realm NAME=FILE.\n"
    "\n"
    "options:\n"
    "  -o, --output FILE       where to write (atomically; '-' is standard output);\n"
    "                          default the export-path of ftl-project.toml (under its\n"
    "                          directory), else ftl-external-schema.txtpb in the current\n"
    "                          directory (.json, .binpb, .ftl for the other formats)\n"
    "      --format FMT        txtpb (default; begins with a '# Code generated' line),\n"
    "                          json (what upstream FTL publishes), binpb or ftl\n"
    "      --check FILE        write nothing; exit 1 if FILE is not exactly what\n"
    "                          export would write, and say what changed (the format\n"
    "                          follows FILE's extension unless --format is given)\n"
    "      --positions         keep source positions (left out by default)\n"
    COMMON_COMPILE_OPTIONS
    "\n"
    "exit status: 0 written (or fresh), 1 errors in the input or (--check) a stale\n"
    "file, 2 usage or I/O errors.\n";

static const char CLIENTS_HELP[] =
    "usage: ftlc clients [--lang LANGS] [--format text|json] [options] FILE...\n"
    "\n"
    "Validates the inputs like 'ftlc check' and prints, for every verb the local\n"
    "realm may call (every verb of the local realm and of the external realms),\n"
    "the package and name of its client in each runtime:\n"
    "\n"
    "  runtime       local realm    external realm         client of 'withdraw'\n"
    "  go            ftl/<module>   ftl/<realm>/<module>   WithdrawClient\n"
    "  java, kotlin  ftl.<module>   ftl.<realm>.<module>   WithdrawClient\n"
    "  python        ftl.<module>   ftl.<realm>.<module>   withdraw\n"
    "\n"
    "Realm and module names become legal package segments: lower case, '-' to\n"
    "'_', a '_' before a leading digit and after a reserved word of the language.\n"
    "Then the endpoint config key (<realm>-realm-endpoint) of every external realm\n"
    "the local realm calls or uses types of.\n"
    "\n"
    "options:\n"
    "      --lang LANGS        go, java, kotlin, python or all (default), or a\n"
    "                          comma-separated list; may be repeated\n"
    "      --format FMT        text (default: aligned columns) or json\n"
    COMMON_COMPILE_OPTIONS
    "\n"
    "exit status: 0 printed, 1 errors in the input, 2 usage or I/O errors.\n";

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
    "      --max-errors N      show at most N errors (default 100; 0 shows all)\n"
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
    "      --max-errors N      show at most N errors (default 100; 0 shows all)\n"
    "  -h, --help              show this help\n";

static const char VERSION_HELP[] = "usage: ftlc version\n\nPrints the version of ftlc.\n";

static const char *command_help(const char *cmd)
{
    if (!cmd) return MAIN_HELP;
    if (strcmp(cmd, "fmt") == 0) return FMT_HELP;
    if (strcmp(cmd, "parse") == 0) return PARSE_HELP;
    if (strcmp(cmd, "check") == 0) return CHECK_HELP;
    if (strcmp(cmd, "emit") == 0) return EMIT_HELP;
    if (strcmp(cmd, "export") == 0) return EXPORT_HELP;
    if (strcmp(cmd, "clients") == 0) return CLIENTS_HELP;
    if (strcmp(cmd, "version") == 0) return VERSION_HELP;
    if (strcmp(cmd, "help") == 0) return MAIN_HELP;
    if (strcmp(cmd, "realm") == 0) return ftl_realm_help(NULL);
    if (strcmp(cmd, "breaking") == 0) return ftl_breaking_help();
    return NULL;
}

/* ---- options ------------------------------------------------------------------------ */

static int is_compile_cmd(const char *cmd)
{
    return strcmp(cmd, "check") == 0 || strcmp(cmd, "emit") == 0 || strcmp(cmd, "export") == 0 ||
           strcmp(cmd, "clients") == 0;
}

/* clients --lang and --format; returns 1 if argv[*i] was one, -1 on a usage error. */
static int clients_option(int argc, char **argv, int *i, Options *o)
{
    const char *v = NULL;
    if (ftl_cli_opt_value(argc, argv, i, "--lang", &v)) {
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", "--lang"), -1;
        int set = ftl_clients_parse_lang(v);
        if (set < 0)
            return ftl_cli_usage(o->cmd, "unknown runtime in '%s' (expected go, java, kotlin, "
                                         "python or all)", v), -1;
        o->langs |= (unsigned)set;
        return 1;
    }
    if (ftl_cli_opt_value(argc, argv, i, "--format", &v)) {
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", "--format"), -1;
        if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
            return ftl_cli_usage(o->cmd, "unknown output format '%s' (expected text or json)",
                                 v), -1;
        o->json = strcmp(v, "json") == 0;
        return 1;
    }
    return 0;
}

/* Options of check and emit; returns 1 if argv[*i] was one, -1 on a usage error. */
static int compile_option(int argc, char **argv, int *i, Options *o)
{
    const char *a = argv[*i], *v = NULL;
    if (strncmp(a, "-I", 2) == 0) {
        v = a[2] ? a + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v) return ftl_cli_usage(o->cmd, "option '%s' needs a directory", "-I"), -1;
        o->includes[o->nincludes++] = v;
        return 1;
    }
    if (strcmp(a, "-W") == 0 || strncmp(a, "-W", 2) == 0) {
        v = a[2] ? a + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (!v || strcmp(v, "error") != 0)
            return ftl_cli_usage(o->cmd, "unknown warning option '%s' (expected '-W error')",
                               v ? v : ""), -1;
        o->werror = 1;
        return 1;
    }
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        o->quiet = 1;
        return 1;
    }
    if (strcmp(o->cmd, "clients") == 0) {
        int rc = clients_option(argc, argv, i, o);
        if (rc != 0) return rc;
    }
    if ((strcmp(o->cmd, "emit") == 0 || strcmp(o->cmd, "export") == 0) &&
        strcmp(a, "--positions") == 0) {
        o->positions = 1;
        return 1;
    }
    if (ftl_cli_opt_value(argc, argv, i, "--input-format", &v)) {
        FtlFormat f;
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", a), -1;
        if (ftl_format_parse(v, &f) != 0)
            return ftl_cli_usage(o->cmd, "unknown input format '%s' (expected ftl, txtpb, json or "
                                       "binpb)", v), -1;
        o->input_format = (int)f;
        return 1;
    }
    if (ftl_cli_opt_value(argc, argv, i, "--project", &v)) {
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a file", "--project"), -1;
        o->project = v;
        return 1;
    }
    if (strcmp(o->cmd, "export") == 0 && ftl_cli_opt_value(argc, argv, i, "--check", &v)) {
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a file", "--check"), -1;
        o->check_file = v;
        return 1;
    }
    static const char *const valued[] = {"--realm",  "--module", "--depfile",
                                         "--format", "--output", NULL};
    int hit = 0;
    for (int k = 0; !hit && valued[k]; k++) hit = ftl_cli_opt_value(argc, argv, i, valued[k], &v);
    hit = hit || (strcmp(a, "-o") == 0 && ftl_cli_opt_value(argc, argv, i, "-o", &v)) ||
          ftl_cli_opt_value(argc, argv, i, "--external-realm", &v);
    if (hit) {
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)strcspn(a, "="), strncmp(a, "--", 2) == 0 ? a : "-o");
        if ((strcmp(o->cmd, "check") == 0 || strcmp(o->cmd, "clients") == 0) &&
            (strncmp(a, "--format", 8) == 0 || strncmp(a, "--output", 8) == 0 || strcmp(a, "-o") == 0))
            return ftl_cli_usage(o->cmd, "option '%s' is for emit and export", name), -1;
        if (!v || !*v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", name), -1;
        if (strncmp(a, "--realm", 7) == 0) {
            if (!ftl_is_plain_ident(v, strlen(v)))
                return ftl_cli_usage(o->cmd, "--realm '%s' is not a realm name (an identifier)", v),
                       -1;
            o->realm = v;
        } else if (strncmp(a, "--module", 8) == 0) o->module = v;
        else if (strncmp(a, "--depfile", 9) == 0) o->depfile = v;
        else if (strncmp(a, "--format", 8) == 0) o->format = v;
        else if (strncmp(a, "--output", 8) == 0 || strcmp(a, "-o") == 0) o->output = v;
        else {
            const char *eq = strchr(v, '=');
            if (!eq || eq == v || !eq[1])
                return ftl_cli_usage(o->cmd, "--external-realm needs NAME=FILE, got '%s'", v), -1;
            size_t n = (size_t)(eq - v);
            if (!ftl_is_plain_ident(v, n))
                return ftl_cli_usage(o->cmd, "--external-realm '%s': NAME is not a realm name (an "
                                             "identifier)", v), -1;
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
    o->max_errors = FTL_MAX_ERRORS_DEFAULT;
    o->input_format = -1;
    o->argc = argc;
    o->argv = argv;
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
        } else if (ftl_cli_opt_value(argc, argv, &i, "--error-format", &v)) {
            if (!v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", "--error-format");
            if (strcmp(v, "text") == 0) o->style.format = FTL_DIAG_TEXT;
            else if (strcmp(v, "json") == 0) o->style.format = FTL_DIAG_JSON;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "sarif") == 0) o->ext_format = FTL_FMT_SARIF;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "github") == 0) o->ext_format = FTL_FMT_GITHUB;
            else if (is_compile_cmd(o->cmd) && strcmp(v, "ftl") == 0) o->ext_format = FTL_FMT_FTL;
            else if (is_compile_cmd(o->cmd))
                return ftl_cli_usage(o->cmd,
                                     "unknown error format '%s' (expected text, json, sarif, "
                                     "github or ftl)", v);
            else
                return ftl_cli_usage(o->cmd, "unknown error format '%s' (expected text or json)",
                                     v);
        } else if (ftl_cli_opt_value(argc, argv, &i, "--max-errors", &v)) {
            char *end = NULL;
            unsigned long n = v && *v && *v != '-' ? strtoul(v, &end, 10) : 0;
            if (!end || *end || n > 1000000)
                return ftl_cli_usage(o->cmd, "--max-errors needs a number from 0 (all) to "
                                             "1000000, got '%s'", v ? v : "");
            o->max_errors = (unsigned)n;
        } else if (ftl_cli_opt_value(argc, argv, &i, "--color", &v)) {
            if (!v) return ftl_cli_usage(o->cmd, "option '%s' needs a value", "--color");
            o->color_mode = ftl_cli_color_mode(v);
            if (o->color_mode < 0)
                return ftl_cli_usage(o->cmd,
                                     "unknown colour mode '%s' (expected auto, always or never)", v);
        } else {
            return ftl_cli_usage(o->cmd, "unknown option '%s'", a);
        }
    }
    FtlFormat f;
    if (strcmp(o->cmd, "emit") == 0 && !o->format)
        return ftl_cli_usage(o->cmd, "%s", "--format is required (ftl, txtpb, json or binpb)");
    if (o->format && ftl_format_parse(o->format, &f) != 0)
        return ftl_cli_usage(o->cmd, "unknown output format '%s' (expected ftl, txtpb, json or "
                                     "binpb)", o->format);
    if (o->check_file && o->output)
        return ftl_cli_usage(o->cmd, "%s", "--check and -o cannot be combined");
    if (o->write + o->check + o->diff > 1)
        return ftl_cli_usage(o->cmd, "%s", "-w, --check and --diff cannot be combined");
    if (o->nfiles == 0 && !(is_compile_cmd(o->cmd) && o->nexternals))
        return ftl_cli_usage(o->cmd, "%s", "no input files (use '-' for standard input)");
    for (int i = 0; i < o->nfiles; i++)
        if (o->write && strcmp(o->files[i], "-") == 0)
            return ftl_cli_usage(o->cmd, "%s", "-w cannot rewrite standard input");
    o->style = ftl_cli_style(o->style.format, o->color_mode);
    return EXIT_OK;
}

/* ---- one compilation ------------------------------------------------------------------ */

typedef struct Run {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    int io_error;
    FtlProject project; /* ftl-project.toml, when one is found or given */
    int has_project;
    char *export_path; /* export: the project's export-path under its directory */
} Run;

static void run_init(Run *r)
{
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    r->io_error = 0;
    memset(&r->project, 0, sizeof r->project);
    r->has_project = 0;
    r->export_path = NULL;
}

static void run_free(Run *r)
{
    ftl_project_free(&r->project);
    free(r->export_path);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

/* Reads a whole input ("-" is standard input); -1 (and an I/O message) on failure. */
static int run_read_file(Run *r, const char *path, char **data, size_t *len)
{
    char err[512];
    if (ftl_read_file(path, data, len, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc: error: %s\n", err);
        r->io_error = 1;
        return -1;
    }
    if (*len > FTL_MAX_INPUT) {
        fprintf(stderr, "ftlc: error: '%s' is too large (the limit is 4 GiB)\n", path);
        free(*data);
        r->io_error = 1;
        return -1;
    }
    return 0;
}

static const char *source_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

/* Loads a text file into the run; 0 (and an I/O message) on failure. */
static uint32_t run_load(Run *r, const char *path)
{
    char *data;
    size_t len;
    if (run_read_file(r, path, &data, &len) != 0) return 0;
    return ftl_sources_adopt(&r->src, source_name(path), data, len);
}

/* Reads an input of a compilation in any format (format: an FtlFormat, or -1 for
 * the one its name says); -1 on an I/O error. */
static int run_read(Run *r, FtlSchema *s, const char *path, int format, FtlFile ***files,
                    uint32_t *n)
{
    char *data;
    size_t len;
    if (run_read_file(r, path, &data, &len) != 0) return -1;
    FtlFormat f = format >= 0 ? (FtlFormat)format : ftl_format_of_path(path);
    *n = ftl_io_read(s, source_name(path), data, len, f, files);
    return 0;
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
    r.diags.max_errors = o->max_errors;
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
    r.diags.max_errors = o->max_errors;
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
 * external realm, or the realm's public schema (ftlc export) in any format. */
static int load_external(Run *r, FtlSchema *s, const External *e)
{
    FtlFile **files;
    uint32_t n;
    if (run_read(r, s, e->path, -1, &files, &n) != 0) return -1;
    if (n) ftl_realm_adopt(s, e->name, e->path, files, n, 0); /* else: reported */
    return 0;
}

/* ftl-project.toml: the one given with --project, else the nearest one. Returns
 * -1 on an I/O error; its problems are diagnostics. */
static int load_project(Run *r, const Options *o)
{
    char *found = o->project ? NULL : ftl_project_find(), err[600];
    const char *path = o->project ? o->project : found;
    int rc = 0;
    if (path && ftl_project_read(&r->project, path, &r->src, &r->diags, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc: error: %s\n", err);
        rc = -1;
    }
    r->has_project = path && rc == 0;
    free(found);
    return rc;
}

/* The pinned realms, except those given with --external-realm. */
static void load_pinned(Run *r, FtlSchema *s, const Options *o)
{
    const char **skip = ftl_xmalloc(((size_t)o->nexternals + 1) * sizeof *skip);
    for (int i = 0; i < o->nexternals; i++) skip[i] = o->externals[i].name;
    ftl_project_load_realms(&r->project, s, skip, o->nexternals);
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
static int keep_module(Run *r, FtlSchema *s, const Options *o)
{
    const char *name = ftl_intern_cstr(&r->in, o->module);
    ModuleSpans m = {{{0}}, 0};
    for (uint32_t i = 0; i < s->nrealms; i++)
        for (uint32_t j = 0; j < s->realms[i]->nmodules && m.n < 64; j++)
            if (s->realms[i]->modules[j]->name == name) m.spans[m.n++] = s->realms[i]->modules[j]->span;
    for (uint32_t i = 0; i < s->nmodfiles && m.n < 64; i++)
        if (s->modfiles[i]->name == name) m.spans[m.n++] = s->modfiles[i]->span;
    if (m.n == 0) {
        /* Inputs that did not parse were never merged: report everything. */
        if (r->diags.errors) return EXIT_OK;
        ftl_cli_usage(o->cmd, "no module named '%s' in the inputs", o->module);
        return EXIT_USAGE;
    }
    ftl_diags_filter(&r->diags, in_module, &m);
    return EXIT_OK;
}

static int is_error(const FtlDiag *g, void *ctx)
{
    (void)ctx;
    return g->sev == FTL_SEV_ERROR;
}

/* Make-style dependencies: "TARGET: every file read". */
static int write_depfile(Run *r, const Options *o, const char *output)
{
    FtlBuf b;
    ftl_buf_init(&b);
    /* The target is the output file; for check (no output) the depfile's own
     * name without ".d", so that the rule never names an input as its target. */
    char *derived = NULL;
    const char *target = output;
    if (!target) {
        size_t n = strlen(o->depfile);
        derived = ftl_xmalloc(n + 8);
        memcpy(derived, o->depfile, n + 1);
        if (n > 2 && strcmp(derived + n - 2, ".d") == 0) derived[n - 2] = 0;
        else memcpy(derived + n, ".stamp", 7);
        target = derived;
    }
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
    free(derived);
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
    if (o->quiet) ftl_diags_filter(d, is_error, NULL);
    ftl_diags_sort(d);
    if (o->ext_format >= 0) ftl_diags_render_ext(d, &r->src, (FtlExtFormat)o->ext_format, stderr);
    else if (d->count || o->style.format == FTL_DIAG_JSON) ftl_diags_render(d, &r->src, o->style, stderr);
}

/* Writes out to path atomically, or to standard output for NULL or "-". */
static int write_output(const char *path, const FtlBuf *out)
{
    if (path && strcmp(path, "-") != 0) {
        char err[512];
        if (ftl_write_atomic(path, out->data ? out->data : "", out->len, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "ftlc: error: %s\n", err);
        return -1;
    }
    if (write_stdout(out->data, out->len) == 0) return 0;
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return -1;
}

/* emit: the whole schema in the format asked for. */
static int emit_output(FtlSchema *s, const Options *o, FtlBuf *out)
{
    FtlFormat f = FTL_FORMAT_FTL;
    ftl_format_parse(o->format, &f);
    FtlCanonView v;
    ftl_canon_view(s, &v);
    if (o->module) ftl_canon_view_only(s, &v, o->module);
    char err[512];
    if (ftl_io_write_view(out, s, &v, f, o->positions, err, sizeof err) != 0) {
        if (err[0]) fprintf(stderr, "ftlc emit: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* clients: where the runtimes put the client of every verb the realm may call. */
static int clients_output(FtlSchema *s, const Options *o, FtlBuf *out)
{
    if (ftl_clients_render(out, s, o->langs ? o->langs : FTL_LANG_ALL, o->json) == 0) return 0;
    fprintf(stderr, "ftlc clients: error: no local realm: give the inputs a 'realm NAME { ... }' "
                    "block or use --realm NAME\n");
    return -1;
}

/* The format a file name asks for: .ftl, .txtpb, .json, .binpb; dflt otherwise. */
static FtlFormat format_by_name(const char *file, FtlFormat dflt)
{
    size_t n = file ? strlen(file) : 0;
    if (n > 4 && strcmp(file + n - 4, ".ftl") == 0) return FTL_FORMAT_FTL;
    if (file && ftl_format_of_path(file) != FTL_FORMAT_FTL) return ftl_format_of_path(file);
    return dflt;
}

/* The format and file of export: --format, else the extension of the --check or
 * -o file, else of the project's export-path, else txtpb. The file defaults to the
 * export-path under the project's directory, else ftl-external-schema.<ext> in the
 * current directory. Returns -1 (a usage error) when --format contradicts the
 * export-path. */
static int export_format(Run *r, const Options *o, const char **path, FtlFormat *f)
{
    static const char *const defaults[] = {"ftl-external-schema.ftl", "ftl-external-schema.txtpb",
                                           "ftl-external-schema.json", "ftl-external-schema.binpb"};
    const char *file = o->check_file ? o->check_file : o->output;
    if (!file && r->has_project)
        file = r->export_path = ftl_project_join(&r->project, r->project.export_path);
    *f = format_by_name(file, FTL_FORMAT_TXTPB);
    FtlFormat asked = *f;
    if (o->format) ftl_format_parse(o->format, &asked);
    if (r->export_path && asked != *f) {
        ftl_cli_usage(o->cmd, "--format does not match export-path '%s' of ftl-project.toml: "
                              "give the file with -o FILE", r->project.export_path);
        return -1;
    }
    *f = asked;
    *path = file ? file : defaults[*f];
    return 0;
}

/* export: the public schema of the local realm. */
static int export_output(FtlSchema *s, const Options *o, FtlBuf *out, FtlFormat f)
{
    FtlCanonView v;
    if (ftl_public_view(s, &v) != 0) {
        fprintf(stderr, "ftlc export: error: no local realm to export: give the inputs a "
                        "'realm NAME { ... }' block or use --realm NAME\n");
        return -2; /* like a local realm without a name: a usage error */
    }
    if (f == FTL_FORMAT_TXTPB) ftl_buf_puts(out, FTL_EXPORT_HEADER);
    char err[512];
    if (ftl_io_write_view(out, s, &v, f, o->positions, err, sizeof err) != 0) {
        if (err[0]) fprintf(stderr, "ftlc export: error: %s\n", err);
        return -1;
    }
    return 0;
}

/* The export command line with "--check FILE" replaced by "-o FILE", for the
 * message that says how to refresh a stale file. */
static void refresh_command(FtlBuf *b, const Options *o)
{
    ftl_buf_puts(b, "ftlc");
    for (int i = 1; i < o->argc; i++) {
        const char *a = o->argv[i];
        if (strcmp(a, "--check") == 0 && i + 1 < o->argc) {
            a = "-o";
        } else if (strncmp(a, "--check=", 8) == 0) {
            ftl_buf_puts(b, " -o");
            a += 8;
        }
        int plain = *a != '\0';
        for (const char *p = a; *p && plain; p++)
            plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=@:,+", *p) != NULL;
        if (plain) {
            ftl_buf_printf(b, " %s", a);
            continue;
        }
        ftl_buf_puts(b, " '");
        for (const char *p = a; *p; p++) {
            if (*p == '\'') ftl_buf_puts(b, "'\\''");
            else ftl_buf_putc(b, *p);
        }
        ftl_buf_putc(b, '\'');
    }
}

/* export --check FILE: 0 when FILE holds exactly what export would write. */
static int export_check(const Options *o, const char *path, const FtlBuf *fresh, FtlFormat f)
{
    char *old, err[512];
    size_t len;
    FtlBuf b;
    ftl_buf_init(&b);
    if (access(path, F_OK) != 0) {
        /* Never committed: as stale as can be. */
        ftl_buf_printf(&b, "ftlc export: error: %s does not exist\nto create it, run: ", path);
        refresh_command(&b, o);
        ftl_buf_putc(&b, '\n');
        fwrite(b.data, 1, b.len, stderr);
        ftl_buf_free(&b);
        return EXIT_ERRORS;
    }
    if (ftl_read_file(path, &old, &len, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc export: error: %s\n", err);
        return EXIT_USAGE;
    }
    int same = len == fresh->len && memcmp(old, fresh->data ? fresh->data : "", len) == 0;
    if (same) {
        printf("%s is up to date\n", path);
        free(old);
        return EXIT_OK;
    }
    ftl_buf_printf(&b, "ftlc export: error: %s is stale: it is not the public schema of the "
                       "inputs\n", path);
    ftl_public_diff(&b, path, old, len, fresh->data ? fresh->data : "", fresh->len, f);
    ftl_buf_puts(&b, "to refresh it, run: ");
    refresh_command(&b, o);
    ftl_buf_putc(&b, '\n');
    fwrite(b.data, 1, b.len, stderr);
    ftl_buf_free(&b);
    free(old);
    return EXIT_ERRORS;
}

/* Loads every input (the inputs, --external-realm files, the realms the project
 * pins) and validates the compilation. */
static int compile(Run *r, FtlSchema *s, const Options *o)
{
    int status = load_project(r, o) == 0 ? EXIT_OK : EXIT_USAGE;
    for (int i = 0; i < o->nfiles; i++) {
        FtlFile **files;
        uint32_t n;
        if (run_read(r, s, o->files[i], o->input_format, &files, &n) != 0) {
            status = EXIT_USAGE;
            continue;
        }
        for (uint32_t k = 0; k < n; k++) ftl_schema_add_file(s, files[k]);
    }
    for (int i = 0; i < o->nexternals; i++)
        if (load_external(r, s, &o->externals[i]) != 0) status = EXIT_USAGE;
    if (r->has_project) load_pinned(r, s, o);
    FtlCheckOptions co = {o->realm, o->includes, o->nincludes, ftl_io_include_exts,
                          ftl_io_load_module, NULL, {0, 0, 0}};
    if (!o->realm && r->has_project && (co.realm = ftl_project_realm(&r->project, &r->diags)))
        co.realm_span = r->project.name_span;
    /* After a file that could not be loaded, the check would only add noise. */
    if (status == EXIT_OK && r->diags.errors == 0) ftl_schema_check(s, &co);
    return status;
}

/* check, emit, export and clients: one compilation of every input. The output is made
 * before the diagnostics are reported, since making it may find more. */
static int cmd_compile(const Options *o)
{
    Run r;
    run_init(&r);
    r.diags.max_errors = o->max_errors;
    FtlSchema s;
    ftl_schema_init(&s, &r.arena, &r.in, &r.diags, &r.src);
    int status = compile(&r, &s, o), made = 0;
    FtlBuf out;
    ftl_buf_init(&out);
    const char *path = o->output;
    FtlFormat f = FTL_FORMAT_FTL;
    if (o->module && status == EXIT_OK) status = keep_module(&r, &s, o);
    if (status == EXIT_OK && strcmp(o->cmd, "check") != 0 && !s.module_mode && s.local &&
        !s.local->name[0] && !ftl_diags_failed(&r.diags)) {
        fprintf(stderr, "ftlc %s: error: the local realm has no name: give it with --realm NAME, "
                        "name in ftl-project.toml or a 'realm NAME { }' block\n", o->cmd);
        status = EXIT_USAGE;
    }
    /* export's file is known before validation, so the depfile names the same
     * target whether or not this run succeeds. */
    int is_export = strcmp(o->cmd, "export") == 0;
    if (status == EXIT_OK && is_export && export_format(&r, o, &path, &f) != 0)
        status = EXIT_USAGE;
    if (status == EXIT_OK && !ftl_diags_failed(&r.diags) && strcmp(o->cmd, "check") != 0) {
        int rc;
        if (strcmp(o->cmd, "emit") == 0) rc = emit_output(&s, o, &out);
        else if (strcmp(o->cmd, "clients") == 0) rc = clients_output(&s, o, &out);
        else rc = export_output(&s, o, &out, f);
        /* What cannot be written is a property of the input (E0603, bad UTF-8). */
        if (rc != 0) status = rc == -2 ? EXIT_USAGE : EXIT_ERRORS;
        made = rc == 0;
    }
    const char *target = path && strcmp(path, "-") != 0 && !o->check_file ? path : NULL;
    if (o->depfile && write_depfile(&r, o, target) != 0) status = EXIT_USAGE;
    report_compile(&r, o);
    if (status == EXIT_OK && ftl_diags_failed(&r.diags)) status = EXIT_ERRORS;
    if (status == EXIT_OK && made) {
        if (o->check_file) status = export_check(o, path, &out, f);
        else if (write_output(path, &out) != 0) status = EXIT_USAGE;
    }
    ftl_buf_free(&out);
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
        if (argc > 2) return ftl_cli_usage("version", "unexpected argument '%s'", argv[2]);
        printf("ftlc %s\n", PACKAGE_VERSION);
        return EXIT_OK;
    }
    if (strcmp(cmd, "help") == 0) {
        const char *topic = argc > 2 ? argv[2] : NULL;
        if (topic && (strcmp(topic, "--help") == 0 || strcmp(topic, "-h") == 0)) topic = NULL;
        const char *h = command_help(topic);
        if (h && topic && strcmp(topic, "realm") == 0 && argc > 3) h = ftl_realm_help(argv[3]);
        if (!h && topic && strcmp(topic, "realm") == 0)
            return ftl_cli_usage("realm", "unknown command '%s'", argv[3]);
        if (!h) return ftl_cli_usage(NULL, "unknown command '%s'", argv[2]);
        fputs(h, stdout);
        return EXIT_OK;
    }
    if (strcmp(cmd, "realm") == 0) return ftl_realm_main(argc, argv);
    if (strcmp(cmd, "breaking") == 0) return ftl_cmd_breaking(argc, argv);
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
        rc = ftl_cli_usage(NULL, "unknown command '%s'", cmd);
    }
    for (int i = 0; i < o.nexternals; i++) free((char *)o.externals[i].name);
    free(o.externals);
    free(o.includes);
    free(o.files);
    return rc;
}
