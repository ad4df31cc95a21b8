/* features.h - the language features: everything that needs the compilation
 * (an FtlSession of include/ftlc.h over the workspace and the open buffers).
 * The protocol core (server.c, lifecycle.c, sync.c) reaches them only here. */
#ifndef FTLC_LSP_FEATURES_H
#define FTLC_LSP_FEATURES_H

#include "server.h"

/* The methods of the features, for server.c's table. */
#define LSP_FEATURE_METHODS

/* Before initialize: no session yet. */
void lsp_features_init(LspServer *s);
/* After initialize settled the workspace: the session and its options.
 * Returns 0, or an LSP error code with s->err set. */
int lsp_features_start(LspServer *s);
/* Adds the features' server capabilities to caps (initialize's answer). */
void lsp_features_capabilities(LspServer *s, json_t *caps);
/* Something changed: the document or file path (NULL: the workspace's files
 * on disk). With publish, path's diagnostics are published after the next
 * compilation even when they did not change. */
void lsp_features_touch(LspServer *s, const char *path, int publish);
/* Work for a moment when no message waits: compiles what changed and
 * publishes diagnostics. Returns 1 when it did something. */
int lsp_features_idle(LspServer *s);
void lsp_features_free(LspServer *s);

#endif
