/* commands.h - the commands of ftlc, each in a file of its own. Every one takes
 * the parsed command line and returns the exit status (cli.h). */
#ifndef FTLC_CLI_COMMANDS_H
#define FTLC_CLI_COMMANDS_H

#include "opts.h"

/* check, emit, export, clients (cmd_compile.c) */
int cli_cmd_compile(CliArgs *a);
/* fmt and parse (cmd_fmt.c) */
int cli_cmd_fmt(CliArgs *a);
int cli_cmd_parse(CliArgs *a);
/* breaking (cmd_breaking.c) */
int cli_cmd_breaking(CliArgs *a);
/* realm and its commands (cmd_realm.c): argv[1] is "realm" */
int cli_realm_main(int argc, char **argv);
/* ftlc help realm [COMMAND]: 0, or a usage status for an unknown command */
int cli_realm_help(const char *command);
/* lsp (cmd_lsp.c) */
int cli_cmd_lsp(CliArgs *a);
/* version (main.c) */
int cli_cmd_version(CliArgs *a);
/* import proto and import grpc (cmd_import.c); cli_import_main parses the
 * command line "ftlc import SUB ..." and runs it. cli_import_command gives the
 * table entry of "import SUB" (of "import" for NULL), or NULL when there is none. */
int cli_cmd_import(CliArgs *a);
int cli_import_main(int argc, char **argv);
const CliCommand *cli_import_command(const char *sub);

#endif
