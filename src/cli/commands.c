/* commands.c - ftlc's commands and options: the tables opts.h describes, and the
 * setters that check option values. The man pages list the same options; the
 * test tests/cli/man-options.sh fails when a page and --help disagree. */
#define _POSIX_C_SOURCE 200809L
#include "commands.h"
#include "cli.h"
#include "ftlc.h"
#include "opts.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define F(x) offsetof(CliArgs, x)

/* ---- setters that check their values -------------------------------------------- */

static int set_realm(CliArgs *a, const CliOption *o, const char *v)
{
    if (!ftl_name_valid(FTL_NAME_REALM, v, strlen(v)))
        return ftl_cli_usage(a->cmd->name, "--realm '%s' is not a realm name (an identifier)", v);
    return cli_set_string(a, o, v);
}

static int set_external(CliArgs *a, const CliOption *o, const char *v)
{
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1])
        return ftl_cli_usage(a->cmd->name, "--external-realm needs NAME=FILE, got '%s'", v);
    if (!ftl_name_valid(FTL_NAME_REALM, v, (size_t)(eq - v)))
        return ftl_cli_usage(a->cmd->name,
                             "--external-realm '%s': NAME is not a realm name (an identifier)", v);
    return cli_add_list(a, o, v);
}

static int set_warning(CliArgs *a, const CliOption *o, const char *v)
{
    /* the session applies them (ftl_session_set_warning) */
    if (ftl_warning_option_valid(v)) return cli_add_list(a, o, v);
    return ftl_cli_usage(a->cmd->name,
                         "unknown warning '%s' (expected error, a warning's name or code, or "
                         "no-, error= or no-error= before one; see ftlc-check(1))",
                         v);
}

static int set_input_format(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    FtlFormat f;
    if (ftl_format_from_name(v, &f) != FTL_OK)
        return ftl_cli_usage(a->cmd->name,
                             "unknown input format '%s' (expected ftl, txtpb, json or binpb)", v);
    a->input_format = (int)f;
    return 0;
}

/* emit and export: a schema format; clients: text or json. */
static int set_format(CliArgs *a, const CliOption *o, const char *v)
{
    FtlFormat f;
    if (a->cmd->bit == CLI_CLIENTS) {
        if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
            return ftl_cli_usage(a->cmd->name, "unknown output format '%s' (expected text or json)",
                                 v);
    } else if (ftl_format_from_name(v, &f) != FTL_OK) {
        return ftl_cli_usage(a->cmd->name,
                             "unknown output format '%s' (expected ftl, txtpb, json or binpb)", v);
    }
    return cli_set_string(a, o, v);
}

static int set_lang(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    unsigned set;
    if (ftl_langs_from_name(v, &set) != FTL_OK)
        return ftl_cli_usage(
            a->cmd->name, "unknown runtime in '%s' (expected go, java, kotlin, python or all)", v);
    a->langs |= set;
    return 0;
}

static int set_error_format(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    static const char *const names[] = {"text", "json", "sarif", "github", "ftl"};
    int n = a->cmd->bit & (CLI_COMPILE | CLI_IMPORT | CLI_REALM | CLI_BREAKING) ? 5 : 2;
    for (int i = 0; i < n; i++)
        if (strcmp(v, names[i]) == 0) {
            a->error_format = i;
            return 0;
        }
    return ftl_cli_usage(a->cmd->name,
                         n == 5
                             ? "unknown error format '%s' (expected text, json, sarif, github or "
                               "ftl)"
                             : "unknown error format '%s' (expected text or json)",
                         v);
}

static int set_max_errors(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    char *end = NULL;
    unsigned long n = *v != '-' ? strtoul(v, &end, 10) : 0;
    if (!end || *end || n > 1000000)
        return ftl_cli_usage(a->cmd->name,
                             "--max-errors needs a number from 0 (all) to 1000000, got '%s'", v);
    a->max_errors = (unsigned)n;
    return 0;
}

/* realm list: text or json. */
static int set_list_format(CliArgs *a, const CliOption *o, const char *v)
{
    if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
        return ftl_cli_usage(a->cmd->name, "unknown format '%s' (expected text or json)", v);
    return cli_set_string(a, o, v);
}

static int set_color(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    a->color_mode = ftl_cli_color_mode(v);
    if (a->color_mode < 0)
        return ftl_cli_usage(a->cmd->name,
                             "unknown colour mode '%s' (expected auto, always or never)", v);
    return 0;
}

/* breaking --scope, --category and --except. */
static int set_scope(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    static const char *const names[] = {"realm", "module", "all"}; /* FtlBreakingScope's order */
    for (int i = 0; i < 3; i++)
        if (strcmp(v, names[i]) == 0) {
            a->scope = (FtlBreakingScope)i;
            return 0;
        }
    return ftl_cli_usage(a->cmd->name, "unknown scope '%s' (expected realm, module or all)", v);
}

static int set_category(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    if (strcmp(v, "wire") != 0 && strcmp(v, "source") != 0)
        return ftl_cli_usage(a->cmd->name, "unknown category '%s' (expected wire or source)", v);
    a->wire_only = strcmp(v, "wire") == 0;
    return 0;
}

/* The index of the rule called id (any letter case) in ftl_breaking_rules, or -1. */
static int rule_index(const char *id)
{
    size_t n;
    const FtlBreakingRule *rules = ftl_breaking_rules(&n);
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(id, rules[i].id) == 0) return (int)i;
    return -1;
}

static int set_except(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    char id[64];
    for (const char *p = v; *p; p += strcspn(p, ","), p += *p == ',') {
        size_t n = strcspn(p, ",");
        snprintf(id, sizeof id, "%.*s", (int)(n < 63 ? n : 63), p);
        int rule = rule_index(id);
        if (rule < 0)
            return ftl_cli_usage(a->cmd->name,
                                 "unknown rule '%s' (see the list in 'ftlc breaking --help')", id);
        a->except |= 1u << rule;
    }
    return 0;
}

static int set_timeout(CliArgs *a, const CliOption *o, const char *v)
{
    (void)o;
    char *end = NULL;
    long n = *v != '-' ? strtol(v, &end, 10) : 0;
    if (!end || *end || n < 1 || n > 86400)
        return ftl_cli_usage(a->cmd->name,
                             "--timeout needs a number of seconds from 1 to 86400, got '%s'", v);
    a->timeout = (int)n;
    return 0;
}

/* ---- options ------------------------------------------------------------------------- */

#define OUT (CLI_EMIT | CLI_EXPORT)

const CliOption cli_options[] = {
    /* fmt, parse */
    {"write", 'w', NULL, CLI_FMT, cli_set_flag, F(write),
     "rewrite files in place (atomically; only files that change)"},
    {"check", 0, NULL, CLI_FMT, cli_set_flag, F(check),
     "print the files that are not formatted; exit 1 if any"},
    {"diff", 0, NULL, CLI_FMT, cli_set_flag, F(diff),
     "print a unified diff of the changes; exit 1 if any"},
    {"spans", 0, NULL, CLI_PARSE, cli_set_flag, F(spans), "show the source span of every node"},
    /* emit, export, clients: what to write */
    {"format", 0, "FMT", CLI_EMIT, set_format, F(format),
     "output format (required):\n"
     "  ftl    canonical schema text\n"
     "  txtpb  protobuf text format of xyz.block.ftl.schema.v1.Schema,\n"
     "         as 'protoc --decode' prints it\n"
     "  json   the protobuf JSON mapping of the same message\n"
     "  binpb  the binary protobuf encoding"},
    {"positions", 0, NULL, CLI_EMIT, cli_set_flag, F(positions),
     "txtpb, json, binpb: record each node's file, line, column"},
    {"output", 'o', "FILE", CLI_EMIT, cli_set_string, F(output),
     "write to FILE (atomically) instead of standard output"},
    {"output", 'o', "FILE", CLI_EXPORT, cli_set_string, F(output),
     "where to write (atomically; '-' is standard output);\n"
     "default the export-path of ftl-project.toml (under its\n"
     "directory), else ftl-external-schema.txtpb in the current\n"
     "directory (.json, .binpb, .ftl for the other formats)"},
    {"format", 0, "FMT", CLI_EXPORT, set_format, F(format),
     "txtpb (default; begins with a '# Code generated' line),\n"
     "json (what upstream FTL publishes), binpb or ftl"},
    {"check", 0, "FILE", CLI_EXPORT, cli_set_string, F(check_file),
     "write nothing; exit 1 if FILE is not exactly what\n"
     "export would write, and say what changed (the format\n"
     "follows FILE's extension unless --format is given)"},
    {"positions", 0, NULL, CLI_EXPORT, cli_set_flag, F(positions),
     "keep source positions (left out by default)"},
    {"lang", 0, "LANGS", CLI_CLIENTS, set_lang, F(langs),
     "go, java, kotlin, python or all (default), or a\n"
     "comma-separated list; may be repeated"},
    {"format", 0, "FMT", CLI_CLIENTS, set_format, F(format),
     "text (default: aligned columns) or json"},
    /* breaking */
    {"against", 0, "FILE", CLI_BREAKING, cli_add_list, F(against),
     "the older version: schema text or a public schema\n"
     "(.txtpb, .json, .binpb); may be repeated"},
    {"against-git", 0, "REV", CLI_BREAKING, cli_set_string, F(against_git),
     "the older version: FILE... and the pins of the project\n"
     "file as they are at git revision REV"},
    {"scope", 0, "SCOPE", CLI_BREAKING, set_scope, F(scope),
     "realm (default): what other realms can use; module:\n"
     "also what other modules can use ('export'); all:\n"
     "every declaration"},
    {"category", 0, "CAT", CLI_BREAKING, set_category, F(wire_only),
     "source (default): every rule; wire: only the changes\n"
     "that break callers at run time (WIRE)"},
    {"except", 0, "RULE", CLI_BREAKING, set_except, F(except),
     "do not check RULE (or RULE,RULE); may be repeated"},
    {"summary", 0, NULL, CLI_BREAKING, cli_set_flag, F(summary),
     "print a line per rule with its count on standard output"},
    /* the compilation */
    {NULL, 'I', "DIR", CLI_INPUTS | CLI_LSP, cli_add_list, F(includes),
     "load a module referenced but not given from DIR/<module>.ftl\n"
     "(or DIR/<module>.txtpb, .json, .binpb)"},
    {"realm", 0, "NAME", CLI_INPUTS | CLI_LSP, set_realm, F(realm),
     "the local realm's name (module files join it); default: name\n"
     "in ftl-project.toml"},
    {"project", 0, "FILE", CLI_INPUTS | CLI_LSP, cli_set_string, F(project),
     "the project file (default: ftl-project.toml in the current\n"
     "directory or the nearest parent that has one): its name and\n"
     "the external realms it pins, read from .ftl/realms"},
    {"external-realm", 0, "NAME=FILE", CLI_INPUTS | CLI_LSP, set_external, F(externals),
     "an external realm: FILE holds 'external realm NAME { ... }'\n"
     "or realm NAME's public schema (.txtpb, .json, .binpb)"},
    {"input-format", 0, "FMT", CLI_INPUTS, set_input_format, F(input_format),
     "read the inputs as ftl, txtpb, json or binpb (default: by\n"
     "extension: .txtpb, .json, .binpb, anything else is ftl)"},
    {"module", 0, "NAME", CLI_COMPILE, cli_set_string, F(module),
     "report (and emit) only module NAME; the rest is context"},
    {"depfile", 0, "FILE", CLI_COMPILE, cli_set_string, F(depfile),
     "write the files read as a make rule"},
    {"depfile-target", 0, "NAME", CLI_COMPILE, cli_set_string, F(depfile_target),
     "the target of that rule (gcc's -MT; default: the output\n"
     "file, or for check the depfile's name without .d)"},
    {"depfile-phony", 0, NULL, CLI_COMPILE, cli_set_flag, F(depfile_phony),
     "add an empty rule for every file read but the first\n"
     "(gcc's -MP), so that make goes on when one is deleted"},
    /* realm */
    {"git-repo", 0, "URL", CLI_REALM_ADD, cli_set_string, F(git_repo),
     "the repository: an https://, ssh://, git:// or file://\n"
     "URL, host:path, or a path (relative to the project's\n"
     "directory); never one that begins with '-' or 'ext::'"},
    {"git-branch", 0, "BRANCH", CLI_REALM_ADD, cli_set_string, F(git_branch),
     "the branch to follow"},
    {"git-path", 0, "PATH", CLI_REALM_ADD, cli_set_string, F(git_path),
     "the public schema in the repository: a .txtpb, .json\n"
     "or .binpb file, or a directory ('./' is the top)\n"
     "holding ftl-external-schema.txtpb, .json or .binpb"},
    {"name", 0, "NAME", CLI_REALM_ADD, cli_set_string, F(name),
     "the realm's name in this project (default: the name of\n"
     "the realm in its public schema)"},
    {"format", 0, "FMT", CLI_REALM_LIST, set_list_format, F(format),
     "text (default: a table) or json"},
    {"format", 0, "FMT", CLI_REALM_UPDATE, set_list_format, F(format), "text (default) or json"},
    {"dry-run", 0, NULL, CLI_REALM_ADD | CLI_REALM_UPDATE, cli_set_flag, F(dry_run),
     "do everything but write: show what would change"},
    {"force", 0, NULL, CLI_REALM_ADD | CLI_REALM_UPDATE, cli_set_flag, F(force),
     "write even when the new schema breaks what the local\n"
     "realm uses, or its schema no longer checks"},
    {"offline", 0, NULL, CLI_REALM_FETCH, cli_set_flag, F(offline), "check only; use no network"},
    {"timeout", 0, "SECONDS", CLI_REALM_ADD | CLI_REALM_UPDATE | CLI_REALM_REMOVE | CLI_REALM_FETCH,
     set_timeout, F(timeout),
     "time allowed for each git command and to wait for\n"
     "another command's lock on the project (default 120)"},
    {"project", 0, "FILE", CLI_REALM, cli_set_string, F(project),
     "the project file (default: ftl-project.toml in the\n"
     "current directory or the nearest parent that has one)"},
    /* import proto, import grpc */
    {NULL, 'I', "DIR", CLI_IMPORT_PROTO, cli_add_list, F(includes),
     "where protoc finds the files and their imports (its\n"
     "-I; default: the current directory); may be repeated"},
    {"protoc", 0, "PATH", CLI_IMPORT_PROTO, cli_set_string, F(protoc),
     "the protoc to run (default: protoc on PATH)"},
    {"plaintext", 0, NULL, CLI_IMPORT_GRPC, cli_set_flag, F(plaintext), "connect without TLS"},
    {"cacert", 0, "FILE", CLI_IMPORT_GRPC, cli_set_string, F(cacert),
     "trust the CA certificates in FILE (PEM) instead of\n"
     "the system's"},
    {"header", 0, "'KEY: VALUE'", CLI_IMPORT_GRPC, cli_add_list, F(headers),
     "send a header with the reflection call; may be\n"
     "repeated"},
    {"timeout", 0, "SECONDS", CLI_IMPORT_GRPC, set_timeout, F(timeout),
     "time allowed for the whole exchange (default 30)"},
    {"realm", 0, "NAME", CLI_IMPORT, set_realm, F(realm),
     "the realm's name (default: name in ftl-project.toml)"},
    {"project", 0, "FILE", CLI_IMPORT, cli_set_string, F(project),
     "the project file (default: ftl-project.toml in the\n"
     "current directory or the nearest parent that has\n"
     "one): its name and export-path"},
    {"output", 'o', "FILE", CLI_IMPORT, cli_set_string, F(output),
     "where to write (atomically; '-' is standard output);\n"
     "default the project's export-path, else\n"
     "ftl-external-schema.txtpb (.json, .binpb, .ftl)"},
    {"format", 0, "FMT", CLI_IMPORT, set_format, F(format),
     "txtpb (default), json, binpb or ftl ('external realm\n"
     "NAME { ... }', for --external-realm NAME=FILE)"},
    {"check", 0, "FILE", CLI_IMPORT, cli_set_string, F(check_file),
     "write nothing; exit 1 if FILE is not exactly what\n"
     "import would write, and say what changed"},
    {"mapping-out", 0, "FILE", CLI_IMPORT, cli_set_string, F(mapping_out),
     "also write, as JSON, each verb's gRPC method and how\n"
     "each field and enum value corresponds (for the\n"
     "realm's proxy)"},
    {"module-name", 0, "PKG=NAME", CLI_IMPORT, cli_add_list, F(module_names),
     "the module of package PKG (default: its last segment\n"
     "that is not a version: acme.billing.v1 -> billing)"},
    {"service", 0, "NAME", CLI_IMPORT, cli_add_list, F(services),
     "import only service NAME (a full name); may be\n"
     "repeated"},
    /* diagnostics */
    {"error-format", 0, "FMT", CLI_INPUTS | CLI_IMPORT | CLI_REALM, set_error_format,
     F(error_format), "text (default), json, sarif, github or ftl"},
    {"error-format", 0, "FMT", CLI_FMT | CLI_PARSE, set_error_format, F(error_format),
     "diagnostics as 'text' (default) or 'json'"},
    {"color", 0, "WHEN", CLI_DIAGS | CLI_REALM, set_color, F(color_mode),
     "colour diagnostics: auto (default), always, never"},
    {"max-errors", 0, "N", CLI_DIAGS, set_max_errors, F(max_errors),
     "show at most N errors (default 100; 0 shows all)"},
    {NULL, 'W', "WARNING", CLI_INPUTS | CLI_IMPORT, set_warning, F(warnings),
     "error: treat warnings as errors; NAME or no-NAME: show\n"
     "or hide a warning, error=NAME: make it an error (NAME:\n"
     "a name or code of ftlc-check(1)); may be repeated"},
    /* editors */
    {"stdin-filename", 0, "NAME", CLI_CHECK | CLI_FMT, cli_set_string, F(stdin_filename),
     "read standard input as the text of file NAME (an unsaved\n"
     "buffer): it takes NAME's place wherever NAME is read, and\n"
     "joins the inputs; '-' among the inputs is NAME"},
    {"fix", 0, NULL, CLI_CHECK, cli_set_flag, F(fix),
     "apply the fix-its that offer one edit to the input files\n"
     "(each atomically; none when two overlap), then check again"},
    /* lsp */
    {"stdio", 0, NULL, CLI_LSP, cli_set_flag, F(stdio),
     "talk over standard input and output (the only way;\n"
     "accepted because editors' clients pass it)"},
    {"quiet", 'q', NULL, CLI_INPUTS | CLI_IMPORT, cli_set_flag, F(quiet), "do not print warnings"},
};
const size_t cli_noptions = sizeof cli_options / sizeof cli_options[0];

/* ---- commands ------------------------------------------------------------------------- */

#define COMPILE_EXIT                                                                               \
    "exit status: 0 valid, 1 errors (or warnings with -W error), 2 usage or I/O errors.\n"

#define REALM_EXIT                                                                                 \
    "exit status: 0 success; 1 errors (an invalid project file, lock file or schema, a\n"          \
    "missing, tampered or unusable cache entry, an update that breaks the local\n"                 \
    "realm); 2 usage errors, I/O errors, git failures and a project another command\n"             \
    "holds locked.\n"
#define IMPORT_EXIT                                                                                \
    "exit status: 0 written (or fresh), 1 errors in the input, the server or (--check)\n"          \
    "a stale file, 2 usage or I/O errors.\n"

const CliCommand cli_commands[] = {
    {"check", CLI_CHECK, "parse and validate schemas: every rule of the language and of federation",
     "ftlc check [options] FILE...",
     "Parses and validates FTL schema files as one compilation: one local realm (from\n"
     "'realm' blocks, module files and --realm) and any number of external realms.\n"
     "Module files given alone (no realm, no -I) are validated as upstream FTL\n"
     "validates a module file. '-' reads standard input.\n",
     COMPILE_EXIT, cli_cmd_compile},
    {"emit", CLI_EMIT, "print the validated schema as text, protobuf text, JSON or binary protobuf",
     "ftlc emit --format ftl|txtpb|json|binpb [-o FILE] [options] FILE...",
     "Validates the inputs like 'ftlc check' and prints the schema in canonical form:\n"
     "the builtin module first in every realm, references qualified, dead-letter\n"
     "topics generated, declarations and verb metadata sorted. Inputs may be in any\n"
     "format; a .txtpb, .json or .binpb input holds an xyz.block.ftl.schema.v1.Schema.\n",
     "Module files given alone come out as a realm with an empty name, which reads\n"
     "back as module files. With --module NAME only that module is written.\n"
     "\n"
     "exit status: 0 written, 1 errors in the input, 2 usage or I/O errors.\n",
     cli_cmd_compile},
    {"export", CLI_EXPORT, "write the realm's public schema (ftl-external-schema.txtpb)",
     "ftlc export [-o FILE] [--format FMT] [--check FILE] [options] FILE...",
     "Validates the inputs like 'ftlc check' and writes the public schema of the\n"
     "local realm: its 'export realm' declarations and every local declaration\n"
     "their types reach, modules sorted by name, without configs, secrets, module\n"
     "metadata and the metadata that describes deployment (only +alias,\n"
     "+encoding, +typemap and +ingress stay). Nothing is written when the inputs\n"
     "have errors, such as an API that exposes a type of an external realm. Other\n"
     "realms pin it with 'ftlc realm add' or read it with --external-realm NAME=FILE.\n",
     "exit status: 0 written (or fresh), 1 errors in the input or (--check) a stale\n"
     "file, 2 usage or I/O errors.\n",
     cli_cmd_compile},
    {"clients", CLI_CLIENTS,
     "print where the runtimes put the client of every verb the realm may call",
     "ftlc clients [--lang LANGS] [--format text|json] [options] FILE...",
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
     "the local realm calls or uses types of.\n",
     "exit status: 0 printed, 1 errors in the input, 2 usage or I/O errors.\n", cli_cmd_compile},
    {"fmt", CLI_FMT, "format schema files (layout only; keeps order and spelling)",
     "ftlc fmt [-w | --check | --diff] [options] FILE...",
     "Formats FTL schema files in the canonical layout: indentation, spacing, blank\n"
     "lines, wrapping and quoting. Declaration order and the spelling of references\n"
     "are kept. Without -w, --check or --diff the result is printed to standard\n"
     "output. '-' reads standard input.\n",
     "exit status: 0 ok, 1 syntax errors or (--check/--diff) files would change,\n"
     "2 usage or I/O errors.\n",
     cli_cmd_fmt},
    {"realm", 0, "pin external realms in ftl-project.toml: add, update, list, remove, fetch",
     "ftlc realm <command> [options]", NULL, NULL, NULL},
    {"breaking", CLI_BREAKING, "report the changes that break the callers of an API (a CI gate)",
     "ftlc breaking (--against FILE | --against-git REV) [options] FILE...",
     "Compares the API compiled from FILE... (the new version) with an older one and\n"
     "reports every change that breaks its callers: an error per change, with the ID\n"
     "of the rule it breaks as its code. The older version is --against FILE (schema\n"
     "text or a public schema) or --against-git REV: the same files, and the realms\n"
     "the project file pins, as they are at revision REV of the current directory's\n"
     "git repository (-I modules too).\n",
     "rules (WIRE: callers break at run time; SOURCE: generated clients no longer build):\n"
     "  VERB_NO_DELETE (WIRE)                 DECL_NO_DELETE (SOURCE)\n"
     "  DECL_SAME_KIND (SOURCE)               VERB_SAME_REQUEST (WIRE)\n"
     "  VERB_SAME_RESPONSE (WIRE)             TYPE_SAME_PARAMETERS (SOURCE)\n"
     "  FIELD_NO_DELETE (WIRE/SOURCE)         FIELD_SAME_TYPE (WIRE)\n"
     "  FIELD_SAME_JSON_NAME (WIRE)           FIELD_NO_REQUIRED_ADD (WIRE)\n"
     "  FIELD_SAME_OPTIONALITY (WIRE)         ENUM_SAME_KIND (WIRE)\n"
     "  ENUM_VALUE_NO_DELETE (WIRE/SOURCE)    ENUM_VALUE_SAME_VALUE (WIRE)\n"
     "  ENUM_VALUE_NO_ADD_OUT (WIRE)          TOPIC_SAME_EVENT (WIRE)\n"
     "  REALM_SAME_NAME (WIRE)\n"
     "\n"
     "exit status: 0 nothing breaks, 1 something breaks (or an input has errors),\n"
     "2 usage, I/O or git errors. See ftlc-breaking(1).\n",
     cli_cmd_breaking},
    {"realm add", CLI_REALM_ADD,
     "pin a realm: fetch its branch head, check its public schema, record it",
     "ftlc realm add --git-repo URL --git-branch BRANCH [--git-path PATH]\n"
     "                      [--name NAME] [options]",
     "Fetches the head of BRANCH, reads the repository's own ftl-project.toml at that\n"
     "commit (for its export-path) and the realm's public schema (--git-path, else that\n"
     "export-path, else ftl-external-schema.txtpb, .json or .binpb at the top; the\n"
     "format by extension), and checks it: exactly one realm, valid on its own. Then\n"
     "it adds [realms.egress.NAME] to ftl-project.toml (git-repo, git-branch,\n"
     "git-commit, git-path if given), records the schema's SHA-256 in ftl-project.lock\n"
     "and caches the schema. Nothing is written when a step fails. The rest of\n"
     "ftl-project.toml is kept byte for byte. A name already pinned is moved to the\n"
     "new repository and branch as 'realm update' moves a realm, and refused the same\n"
     "way.\n",
     REALM_EXIT, NULL},
    {"realm update", CLI_REALM_UPDATE,
     "move realms to their branch heads and summarise the API changes",
     "ftlc realm update [--dry-run] [--force] [--format text|json] [options]\n"
     "                         [NAME...]",
     "Moves each named realm (every pinned realm by default) to the head of its\n"
     "git-branch: fetches and checks the public schema there, records the new\n"
     "git-commit (and the schema's SHA-256 in ftl-project.lock) and caches the schema.\n"
     "For each realm it prints the old and new commits and every change of its API\n"
     "that breaks callers (the rules of ftlc-breaking(1)), marked by whether it breaks\n"
     "what the local realm uses: the verbs its +calls name and the types it names,\n"
     "read from the .ftl files under the project's folder. An update that breaks what\n"
     "the local realm uses, or after which its schema no longer checks, is refused\n"
     "(exit status 1) unless --force. Nothing is written when any realm fails.\n",
     REALM_EXIT, NULL},
    {"realm list", CLI_REALM_LIST,
     "show the pinned realms, their commits and whether they are cached",
     "ftlc realm list [--format text|json] [options]",
     "Lists the pinned realms: name, repository, branch, commit, whether the schema\n"
     "of that commit is cached (cached, missing, mismatch: not the SHA-256 recorded,\n"
     "unusable: not a regular file or too large, unpinned: no git-commit), the config\n"
     "key of the realm's endpoint (<name>-realm-endpoint) and the table that declares\n"
     "it ([realms.egress], or upstream FTL's [external-realms]). Uses no network.\n",
     REALM_EXIT, NULL},
    {"realm remove", CLI_REALM_REMOVE, "unpin realms and delete their cache",
     "ftlc realm remove [options] NAME...",
     "Removes the realms' tables from ftl-project.toml (the rest of the file is kept\n"
     "byte for byte) and their entries from ftl-project.lock, then deletes the\n"
     "schemas ftlc cached for them (.ftl/realms/NAME/COMMIT.EXT, never through a\n"
     "link; anything else there is left and named).\n",
     REALM_EXIT, NULL},
    {"realm fetch", CLI_REALM_FETCH,
     "make sure every pinned schema is in the cache (--offline: only check)",
     "ftlc realm fetch [--offline] [options] [NAME...]",
     "Makes sure the schema of every pinned commit (of the named realms) is in the\n"
     "cache and matches the SHA-256 recorded for it, fetching what is missing, does\n"
     "not match or cannot be used. With --offline nothing is fetched: it only\n"
     "checks, for CI, and fails when a schema is missing or does not match.\n",
     REALM_EXIT, NULL},
    {"import", 0, "a realm's public schema from .proto files or a gRPC server (reflection)",
     "ftlc import proto [options] FILE...\n"
     "       ftlc import grpc [options] HOST:PORT",
     "Makes gRPC services an FTL realm: reads their protobuf definitions, maps them\n"
     "to FTL (each package a module, each unary RPC an 'export realm' verb, each\n"
     "message a data, each enum a String enum; ftlc-import(1) has the whole table) and\n"
     "writes the realm's public schema: the file 'ftlc export' writes for an FTL\n"
     "realm, which other realms pin with 'ftlc realm add'.\n"
     "\n"
     "commands:\n"
     "  proto     from .proto files (run through protoc) or FileDescriptorSet files\n"
     "  grpc      from a running server, through gRPC server reflection\n",
     "Run 'ftlc import proto --help' or 'ftlc import grpc --help' for the options.\n"
     "See ftlc-import(1).\n",
     NULL},
    {"import proto", CLI_IMPORT_PROTO, NULL, "ftlc import proto [options] FILE...",
     "Imports the services of .proto files, which protoc compiles (with\n"
     "--include_imports and --include_source_info, so comments are kept), or of\n"
     "FileDescriptorSet files (.pb, .binpb, .desc, .protoset; 'protoc\n"
     "--include_imports -o FILE' writes them). Without services, their messages and\n"
     "enums are imported. protoc's errors are shown at their place.\n",
     IMPORT_EXIT, cli_cmd_import},
    {"import grpc", CLI_IMPORT_GRPC, NULL, "ftlc import grpc [options] HOST:PORT",
     "Imports the services of a running gRPC server, which it asks through server\n"
     "reflection (grpc.reflection.v1, else v1alpha): every service it lists but the\n"
     "reflection and health services, or those given with --service. For the same\n"
     "descriptors the output is the same as 'ftlc import proto' writes.\n",
     IMPORT_EXIT, cli_cmd_import},
    {"explain", 0, "explain a diagnostic code: what it means, an example, how to fix it",
     "ftlc explain [CODE...]",
     "Prints the documentation of each diagnostic code (E0306, W0501, ...): what it\n"
     "means, which commands report it, an example that triggers it and how to fix\n"
     "it. Without a code, lists every code with its title. The same text, for every\n"
     "code, is in ftlc-diagnostics(7).\n",
     "options:\n"
     "  -h, --help              show this help\n"
     "\n"
     "exit status: 0 printed, 2 an unknown code or option.\n",
     NULL},
    {"parse", CLI_PARSE, "print the syntax tree of schema files (for debugging)",
     "ftlc parse [--spans] [options] FILE...",
     "Prints the syntax tree of each file, one node per line (a debugging aid; the\n"
     "format is not stable). '-' reads standard input.\n",
     NULL, cli_cmd_parse},
    {"lsp", CLI_LSP, "the language server: diagnostics, navigation, fixes and formatting",
     "ftlc lsp [options]",
     "Speaks the Language Server Protocol 3.17 on standard input and output, for\n"
     "editors. The workspace is the root folder the editor names (else the current\n"
     "directory): every .ftl file under it, the open buffers in place of the files\n"
     "they edit, and the realms ftl-project.toml pins, read from .ftl/realms. Logs go\n"
     "to standard error and to the editor; standard output carries nothing else.\n",
     "exit status: 0 after the editor's shutdown and exit, 1 when it exits or goes\n"
     "away without shutdown, 2 usage errors.\n",
     cli_cmd_lsp},
    {"version", CLI_VERSION, "print the version (also: ftlc --version)", "ftlc version",
     "Prints the version of ftlc.\n", NULL, cli_cmd_version},
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];
