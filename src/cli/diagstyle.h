/* diagstyle.h - the style of diagnostics for the commands that render them
 * with the library's renderer directly (realm_cmd.c). */
#ifndef FTLC_CLI_DIAGSTYLE_H
#define FTLC_CLI_DIAGSTYLE_H

#include "base/diag.h"

/* Text or JSON on standard error, coloured as ftl_cli_color says. */
FtlDiagStyle ftl_cli_style(FtlDiagFormat format, int color_mode);

#endif
