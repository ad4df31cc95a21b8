/* cmd_lsp.c - ftlc lsp: the language server (src/lsp/) on standard input and
 * output. Standard output belongs to the protocol alone: the server writes
 * to a copy of it, and file descriptor 1 is pointed at standard error, so
 * that nothing else in the process can ever write into the stream. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "lsp.h" /* src/lsp: the language server, on ftlc.h alone */

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

int cli_cmd_lsp(CliArgs *a)
{
    if (a->files.n) return ftl_cli_usage("lsp", "unexpected argument '%s'", a->files.items[0]);
    int out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (out < 0 || dup2(2, 1) < 0) {
        perror("ftlc lsp: error: standard output");
        return FTL_EXIT_USAGE;
    }
    /* A client that goes away closes the pipe: a failed write ends the
     * server, not a signal. */
    signal(SIGPIPE, SIG_IGN);
    LspOptions o = {a->includes.items,
                    a->includes.n,
                    a->externals.items,
                    a->externals.n,
                    a->realm,
                    a->project,
                    0};
    int status = lsp_serve(0, out, &o);
    close(out);
    return status;
}
