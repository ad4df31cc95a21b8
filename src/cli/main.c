/* main.c - the ftlc command line: finds the command, parses its options from
 * the tables of commands.c and runs it.
 *
 * Exit status (cli.h): 0 success; 1 errors found in the input (or, with fmt
 * --check, files that would change); 2 usage errors and I/O errors.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "cmd_explain.h"
#include "commands.h"
#include "ftlc.h"
#include "opts.h"

#include <stdio.h>
#include <string.h>

static int is_help(const char *arg)
{
    return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int cli_cmd_version(CliArgs *a)
{
    if (a->files.n) return ftl_cli_usage("version", "unexpected argument '%s'", a->files.items[0]);
    printf("ftlc %s\n", ftl_version());
    return FTL_EXIT_OK;
}

/* ftlc help [COMMAND [SUBCOMMAND]] */
static int help(int argc, char **argv)
{
    const char *topic = argc > 2 && !is_help(argv[2]) ? argv[2] : NULL;
    if (topic && strcmp(topic, "realm") == 0) return cli_realm_help(argc > 3 ? argv[3] : NULL);
    if (topic && strcmp(topic, "import") == 0) {
        const CliCommand *c = cli_import_command(argc > 3 ? argv[3] : NULL);
        if (!c) return ftl_cli_usage("import", "unknown command '%s'", argv[3]);
        cli_help(c, stdout);
        return FTL_EXIT_OK;
    }
    if (topic && strcmp(topic, "help") == 0) topic = NULL;
    const CliCommand *c = cli_command(topic);
    if (topic && !c) return ftl_cli_usage(NULL, "unknown command '%s'", topic);
    cli_help(c, stdout);
    return FTL_EXIT_OK;
}

/* Parses the options of command c and runs it. */
static int run(const CliCommand *c, int argc, char **argv)
{
    CliArgs a;
    int rc = cli_parse(c, argc, argv, 2, &a);
    if (rc == 1)
        rc = FTL_EXIT_OK; /* --help */
    else if (rc == 0 && (c->bit & CLI_DIAGS) && a.files.n == 0 && !a.stdin_filename &&
             !((c->bit & CLI_COMPILE) && a.externals.n))
        rc = ftl_cli_usage(c->name, "%s", "no input files (use '-' for standard input)");
    else if (rc == 0)
        rc = c->run(&a);
    cli_args_free(&a);
    return rc;
}

static int dispatch(int argc, char **argv)
{
    if (argc < 2) {
        cli_help(NULL, stderr);
        return FTL_EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (is_help(cmd)) {
        cli_help(NULL, stdout);
        return FTL_EXIT_OK;
    }
    if (strcmp(cmd, "--version") == 0) cmd = "version";
    if (strcmp(cmd, "help") == 0) return help(argc, argv);
    if (strcmp(cmd, "realm") == 0) return cli_realm_main(argc, argv);
    if (strcmp(cmd, "import") == 0) return cli_import_main(argc, argv);
    if (strcmp(cmd, "explain") == 0) return ftl_cmd_explain(argc, argv);
    const CliCommand *c = cli_command(cmd);
    if (!c) return ftl_cli_usage(NULL, "unknown command '%s'", cmd);
    return run(c, argc, argv);
}

int main(int argc, char **argv)
{
    ftl_cli_signals();
    /* The library's calls report running out of memory (FTL_NOMEM); the
     * command's own allocations exit with status 2 (ftl_cli_xrealloc). */
    CliArgv v;
    if (cli_response_files(argc, argv, &v) != 0) return FTL_EXIT_USAGE;
    int rc = dispatch(v.argc, v.argv);
    cli_response_free(&v);
    return rc;
}
