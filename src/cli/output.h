/* output.h - the pieces of the command line that use the library's internals:
 * the style of diagnostics rendered directly (realm_cmd.c, run.c) and the
 * command line quoted for a shell. */
#ifndef FTLC_CLI_OUTPUT_H
#define FTLC_CLI_OUTPUT_H

#include "base/buf.h"
#include "base/diag.h"

/* Text or JSON on standard error, coloured as ftl_cli_color says. */
FtlDiagStyle ftl_cli_style(FtlDiagFormat format, int color_mode);

/* The command line (argv[0] is ftlc) with "--check FILE" as "-o FILE", quoted for
 * a POSIX shell: how to refresh a stale file. */
void ftl_cli_refresh_command(FtlBuf *b, int argc, char **argv);

#endif
