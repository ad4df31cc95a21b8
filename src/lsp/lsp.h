/* lsp.h - ftlc's language server (ftlc lsp): the Language Server Protocol 3.17
 * over a pair of file descriptors, built on the session API of include/ftlc.h
 * only. This folder includes no private header of the library: its Makefile
 * rule gives it include/ alone. */
#ifndef FTLC_LSP_LSP_H
#define FTLC_LSP_LSP_H

#include <stddef.h>

/* What the command line passes on to every compilation of the workspace. */
typedef struct LspOptions {
    const char *const *includes; /* -I DIR */
    int nincludes;
    const char *const *externals; /* --external-realm NAME=FILE */
    int nexternals;
    const char *realm;   /* --realm NAME, or NULL */
    const char *project; /* --project FILE, or NULL: found from the workspace root */
    size_t max_message;  /* the largest message read, in bytes; 0: the default */
} LspOptions;

/* Serves one client reading from in and writing to out until the client
 * sends exit or closes in. Returns the exit status: 0 after shutdown and
 * exit, 1 when the client exits (or goes away) without shutdown, 2 when the
 * server could not start. Logs only to err (may be NULL) and to the client. */
int lsp_serve(int in, int out, const LspOptions *o);

#endif
