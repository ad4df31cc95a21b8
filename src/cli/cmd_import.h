/* cmd_import.h - ftlc import proto | grpc (ftlc-import(1)). */
#ifndef FTLC_CMD_IMPORT_H
#define FTLC_CMD_IMPORT_H

/* Runs "ftlc import ..." (argv[1] is "import"); returns the exit status. */
int ftl_cmd_import(int argc, char **argv);

/* The help of import, or of its subcommand sub ("proto", "grpc"); NULL when
 * there is no such subcommand. */
const char *ftl_import_help(const char *sub);

#endif
