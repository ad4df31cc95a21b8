/* features.h - the language features: everything that needs the compilation
 * (an FtlSession of include/ftlc.h over the workspace and the open buffers).
 * The protocol core (server.c, lifecycle.c, sync.c) reaches them only here. */
#ifndef FTLC_LSP_FEATURES_H
#define FTLC_LSP_FEATURES_H

#include "analysis.h"
#include "server.h"

/* The methods of the features, for server.c's table (handlers in analysis.h). */
#define LSP_FEATURE_METHODS                                                                        \
    {"textDocument/codeAction", lsp_code_action, 0},                                               \
        {"textDocument/formatting", lsp_formatting, 0},                                            \
        {"textDocument/rangeFormatting", lsp_range_formatting, 0},                                 \
        {"textDocument/definition", lsp_definition, 0},                                            \
        {"textDocument/references", lsp_references, 0},                                            \
        {"textDocument/documentHighlight", lsp_highlight, 0},                                      \
        {"textDocument/hover", lsp_hover, 0},                                                      \
        {"textDocument/documentSymbol", lsp_document_symbol, 0},                                   \
        {"workspace/symbol", lsp_workspace_symbol, 0},                                             \
        {"textDocument/prepareRename", lsp_prepare_rename, 0},                                     \
        {"textDocument/rename", lsp_rename, 0},                                                    \
        {"textDocument/semanticTokens/full", lsp_semantic_tokens, 0},                              \
        {"textDocument/completion", lsp_completion, 0},                                            \
        {"textDocument/prepareCallHierarchy", lsp_prepare_call_hierarchy, 0},                      \
        {"callHierarchy/incomingCalls", lsp_incoming_calls, 0},                                    \
    {                                                                                              \
        "callHierarchy/outgoingCalls", lsp_outgoing_calls, 0                                       \
    }

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
