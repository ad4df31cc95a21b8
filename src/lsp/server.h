/* server.h - the language server's state and what its handlers share.
 *
 * One thread. The loop reads every message that has arrived into a queue
 * before it handles the first (so a $/cancelRequest can reach a request still
 * waiting, and edits that arrive together are applied together), handles the
 * queue in order, and only when nothing is waiting does it compile and publish
 * diagnostics: a burst of didChange notifications costs one compilation, for
 * the newest version. A request that needs the compilation compiles first.
 */
#ifndef FTLC_LSP_SERVER_H
#define FTLC_LSP_SERVER_H

#include "docs.h"
#include "lsp.h"
#include "rpc.h"
#include "workspace.h"

#include <jansson.h>

typedef enum LspState { LSP_STATE_NEW, LSP_STATE_RUNNING, LSP_STATE_SHUTDOWN } LspState;

/* What the client said it can do (initialize's capabilities). */
typedef struct LspClientCaps {
    int hierarchical_symbols; /* textDocument.documentSymbol.hierarchicalDocumentSymbolSupport */
    int related_information;  /* textDocument.publishDiagnostics.relatedInformation */
    int code_description;     /* textDocument.publishDiagnostics.codeDescriptionSupport */
    int multiline_tokens;     /* textDocument.semanticTokens.multilineTokenSupport */
    int watch_files;          /* workspace.didChangeWatchedFiles.dynamicRegistration */
    int markdown_hover;       /* textDocument.hover.contentFormat has "markdown" */
    int prepare_rename;       /* textDocument.rename.prepareSupport */
} LspClientCaps;

typedef struct LspQueued {
    json_t *msg;
    int cancelled;
    int reply; /* msg is the server's answer to a message it could not read */
} LspQueued;

typedef struct LspServer {
    LspReader in;
    int out;
    const LspOptions *opts;
    LspState state;
    int exit_status; /* -1 while serving */
    LspEncoding enc; /* the negotiated positionEncoding */
    LspClientCaps caps;
    LspDocs docs;
    LspWorkspace ws;
    LspQueued *queue; /* messages read and not yet handled: [qhead, qn) */
    size_t qhead, qn, qcap;
    json_int_t next_id;       /* of the requests the server sends */
    struct LspFeatures *feat; /* the compilation and the features' state (analysis.h) */
    char err[600];            /* the message of a failing handler */
} LspServer;

/* A handler of a method: 0 and (for requests) *result, or an LSP error code
 * with s->err saying what went wrong (lsp_fail). */
typedef int (*LspHandler)(LspServer *s, json_t *params, json_t **result);

/* Sets s->err and returns code. */
int lsp_fail(LspServer *s, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Sends a message (steals the reference); a closed output ends the server. */
void lsp_send(LspServer *s, json_t *msg);
void lsp_notify(LspServer *s, const char *method, json_t *params);
/* A request from the server to the client; its response is ignored. */
void lsp_request(LspServer *s, const char *method, json_t *params);
/* window/logMessage: type 1 error, 2 warning, 3 info, 4 log. */
void lsp_log(LspServer *s, int type, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* params.textDocument.uri as an open document; otherwise an error
 * (LSP_INVALID_PARAMS: a request for a document that is not open). */
int lsp_param_doc(LspServer *s, json_t *params, LspDoc **doc);
/* params.position in doc as a byte offset; LSP_INVALID_PARAMS when it is
 * missing or past the end of the document. */
int lsp_param_offset(LspServer *s, json_t *params, const LspDoc *doc, size_t *off);

/* {"line", "character"} of a byte offset of doc. */
json_t *lsp_position_json(const LspServer *s, const LspDoc *doc, size_t off);
/* {"start", "end"} of bytes [start, end) of doc. */
json_t *lsp_range_json(const LspServer *s, const LspDoc *doc, size_t start, size_t end);

/* Handlers of lifecycle.c. */
int lsp_initialize(LspServer *s, json_t *params, json_t **result);
int lsp_initialized(LspServer *s, json_t *params, json_t **result);
int lsp_shutdown(LspServer *s, json_t *params, json_t **result);
int lsp_exit(LspServer *s, json_t *params, json_t **result);

/* Handlers of sync.c. */
int lsp_did_open(LspServer *s, json_t *params, json_t **result);
int lsp_did_change(LspServer *s, json_t *params, json_t **result);
int lsp_did_save(LspServer *s, json_t *params, json_t **result);
int lsp_did_close(LspServer *s, json_t *params, json_t **result);
int lsp_did_change_watched(LspServer *s, json_t *params, json_t **result);

#endif
