/* opts.h - ftlc's commands and options: one table of each, from which both the
 * argument parser and every --help text are made (and against which the man
 * pages are checked: tests/cli/man-options.sh).
 *
 * A command is a bit (CLI_CHECK, ...); an option lists the commands that take
 * it. One option name may appear more than once, for different commands, when
 * its meaning differs (`--format` of emit and of clients). Options are parsed
 * the way getopt_long(3) does for long options ("--name VALUE" and
 * "--name=VALUE") and the way gcc does for the short ones that take a value
 * ("-I DIR" and "-IDIR"); "--" ends the options, "-" is a file.
 */
#ifndef FTLC_CLI_OPTS_H
#define FTLC_CLI_OPTS_H

#include <stddef.h>

/* Commands, as bits of CliOption.cmds. */
enum {
    CLI_CHECK = 1u << 0,
    CLI_EMIT = 1u << 1,
    CLI_EXPORT = 1u << 2,
    CLI_CLIENTS = 1u << 3,
    CLI_FMT = 1u << 4,
    CLI_PARSE = 1u << 5,
    CLI_VERSION = 1u << 6,
    CLI_IMPORT_PROTO = 1u << 7, /* "import proto" */
    CLI_IMPORT_GRPC = 1u << 8,  /* "import grpc" */
    CLI_IMPORT = CLI_IMPORT_PROTO | CLI_IMPORT_GRPC,
    CLI_LSP = 1u << 9,
    CLI_REALM_ADD = 1u << 10, /* "realm add", ... (cmd_realm.c) */
    CLI_REALM_UPDATE = 1u << 11,
    CLI_REALM_LIST = 1u << 12,
    CLI_REALM_REMOVE = 1u << 13,
    CLI_REALM_FETCH = 1u << 14,
    CLI_REALM =
        CLI_REALM_ADD | CLI_REALM_UPDATE | CLI_REALM_LIST | CLI_REALM_REMOVE | CLI_REALM_FETCH,
    CLI_BREAKING = 1u << 15,
    CLI_COMPILE = CLI_CHECK | CLI_EMIT | CLI_EXPORT | CLI_CLIENTS,
    CLI_INPUTS = CLI_COMPILE | CLI_BREAKING, /* commands that compile their inputs */
    /* commands that report diagnostics */
    CLI_DIAGS = CLI_COMPILE | CLI_FMT | CLI_PARSE | CLI_IMPORT | CLI_BREAKING
};

/* A list of option values or file names, in command-line order. */
typedef struct CliList {
    const char **items;
    int n;
} CliList;

/* Everything the command line can say, for every command. Each command reads
 * the fields its options set; a field's default is zero unless cli_parse says. */
typedef struct CliArgs {
    const struct CliCommand *cmd;
    CliList files;
    /* diagnostics */
    int error_format; /* an FtlDiagnosticFormat (include/ftlc.h) */
    int color_mode;   /* 0 auto, 1 always, 2 never */
    unsigned max_errors;
    CliList warnings; /* -W values, checked, in order */
    int quiet;
    /* compilation */
    CliList includes;
    CliList externals; /* NAME=FILE, checked */
    const char *realm, *module, *depfile, *depfile_target, *project;
    int depfile_phony;
    int input_format; /* an FtlFormat, or -1: by extension */
    /* output */
    const char *output, *format, *check_file;
    int positions;
    unsigned langs; /* clients --lang: FTL_LANG_* bits, 0 = all */
    /* fmt, parse */
    int write, check, diff, spans;
    /* breaking */
    CliList against;
    const char *against_git;
    unsigned except; /* bit (1u << i) of each rule --except names: i in ftl_breaking_rules */
    int scope;       /* an FtlBreakingScope */
    int wire_only;   /* --category wire */
    int summary;
    /* import */
    const char *mapping_out, *protoc, *cacert;
    CliList module_names, services, headers;
    int plaintext, timeout;
    /* realm (timeout above is the realm commands' too) */
    const char *git_repo, *git_branch, *git_path, *name;
    int offline, dry_run, force;
    /* lsp */
    int stdio;
    /* check --fix; check and fmt --stdin-filename (cli/edits.h) */
    int fix;
    const char *stdin_filename;
    /* the whole command line, for messages that repeat it */
    int argc;
    char **argv;
} CliArgs;

typedef struct CliOption {
    const char *name; /* long name without "--", or NULL */
    char short_name;  /* 'o', or 0 */
    const char *arg;  /* the value's placeholder in help ("FILE"); NULL: a flag */
    unsigned cmds;    /* CLI_* bits of the commands that take it */
    /* Stores value (NULL for a flag) into a; returns 0, or prints a usage error
     * and returns nonzero. field is the option's field's offset in CliArgs. */
    int (*set)(CliArgs *a, const struct CliOption *o, const char *value);
    size_t field;
    const char *help; /* lines separated by '\n', each at most 52 columns */
} CliOption;

typedef struct CliCommand {
    const char *name;  /* "check"; a subcommand's has its command's first: "import grpc" */
    unsigned bit;      /* CLI_CHECK */
    const char *brief; /* one line for the list of commands (NULL: a subcommand) */
    const char *usage; /* after "usage: " (may hold '\n' and indentation) */
    const char *about; /* paragraphs between the usage and the options */
    const char *after; /* paragraphs after the options (exit status ...) */
    int (*run)(CliArgs *a);
} CliCommand;

/* The tables (commands.c). */
extern const CliCommand cli_commands[];
extern const size_t cli_ncommands;
extern const CliOption cli_options[];
extern const size_t cli_noptions;

/* The command called name, or NULL. */
const CliCommand *cli_command(const char *name);

/* Parses argv[first..argc) for command c into a (which it initialises).
 * Returns 0 to run the command, 1 when --help was asked (and printed), or 2
 * after a usage error (printed). Free a with cli_args_free in every case. */
int cli_parse(const CliCommand *c, int argc, char **argv, int first, CliArgs *a);
void cli_args_free(CliArgs *a);

/* Replaces every argument @FILE of argv (after argv[0]) by the arguments that
 * FILE holds, as gcc does (libiberty's expandargv): separated by white space,
 * grouped by single or double quotes, a backslash taking the next character
 * as it is; FILE may name further @FILEs, 16 deep at most. Returns 0 with a
 * new vector in *out (free with cli_response_free), or prints an error and
 * returns FTL_EXIT_USAGE when a file cannot be read or nests too deep. */
typedef struct CliArgv {
    int argc;
    char **argv;
    char **owned; /* the strings read from files */
    int nowned;
} CliArgv;
int cli_response_files(int argc, char **argv, CliArgv *out);
void cli_response_free(CliArgv *v);

/* Prints command c's help (or, for NULL, ftlc's) to out. */
void cli_help(const CliCommand *c, void *out);

/* Setters for the table. */
int cli_set_flag(CliArgs *a, const CliOption *o, const char *v);
int cli_set_string(CliArgs *a, const CliOption *o, const char *v);
int cli_add_list(CliArgs *a, const CliOption *o, const char *v);

/* "--name" or "-c" of an option, for messages. */
const char *cli_option_label(const CliOption *o, char *buf, size_t cap);

#endif
