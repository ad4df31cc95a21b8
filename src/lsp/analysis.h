/* analysis.h - the compilation behind the language features: one FtlSession
 * (include/ftlc.h) over the workspace's .ftl files, with the open buffers as
 * overlays, compiled again only when something changed and a request or an
 * idle moment needs it; and the conversions between the session's ranges and
 * the protocol's locations that every feature uses.
 */
#ifndef FTLC_LSP_ANALYSIS_H
#define FTLC_LSP_ANALYSIS_H

#include "server.h"

#include <ftlc.h>

/* The diagnostics last published for one file. */
typedef struct LspPublished {
    char *path;
    json_t *diags; /* the array sent */
} LspPublished;

typedef struct LspFeatures {
    FtlSession *session; /* the workspace */
    FtlSession *scratch; /* formatting, which must not disturb the compilation */
    int dirty;           /* inputs or buffers changed since the last compile */
    int compiled;        /* a compile has run */
    char **inputs;       /* the session's inputs (sorted) */
    size_t ninputs;
    char **overlays; /* the paths with an overlay in the session (sorted) */
    size_t noverlays;
    LspPublished *pubs; /* sorted by path */
    size_t npubs;
    char **force; /* paths whose diagnostics go out after the next compile */
    size_t nforce;
    json_t *unplaced; /* messages of diagnostics without a file, last logged */
} LspFeatures;

static inline LspFeatures *lsp_feat(LspServer *s)
{
    return s->feat;
}

/* Compiles when something changed (publishing what changed). 0, or an LSP
 * error code with s->err set (out of memory). */
int lsp_an_ensure(LspServer *s);

/* The file URI of a path of the session (an open document's URI as the
 * client wrote it); malloc'd, NULL when out of memory. */
char *lsp_an_uri(LspServer *s, const char *path);
/* An LSP Range of a session range; NULL for one without a file. */
json_t *lsp_an_range(LspServer *s, const FtlRange *r);
/* {"uri", "range"}; NULL for a range without a file. */
json_t *lsp_an_location(LspServer *s, const FtlRange *r);
/* Whether two session ranges are the same place. */
int lsp_an_same_range(const FtlRange *a, const FtlRange *b);

/* The diagnostic JSON the server publishes for d (diagnostics.c). */
json_t *lsp_diag_json(LspServer *s, const FtlDiagnostic *d);
/* Publishes the diagnostics of the last compile that changed, and those of
 * the paths in f->force (diagnostics.c). */
void lsp_diag_publish(LspServer *s);
void lsp_diag_free(LspFeatures *f);

/* A document of the request (params.textDocument) with the compilation
 * current: the handlers' common start. */
int lsp_an_doc(LspServer *s, json_t *params, LspDoc **doc);
/* The same and params.position as a byte offset of the document. */
int lsp_an_doc_offset(LspServer *s, json_t *params, LspDoc **doc, uint32_t *off);

/* The path's text as the client sees it: its buffer when it is open, else as
 * the session last read it. NULL when neither has it. */
const char *lsp_an_text(LspServer *s, const char *path, size_t *len);

/* The handlers of the features (a file each: actions.c, format.c, navigate.c,
 * symbols.c, rename.c, tokens.c, complete.c, calls.c). */
int lsp_code_action(LspServer *s, json_t *params, json_t **result);
int lsp_formatting(LspServer *s, json_t *params, json_t **result);
int lsp_range_formatting(LspServer *s, json_t *params, json_t **result);
int lsp_definition(LspServer *s, json_t *params, json_t **result);
int lsp_references(LspServer *s, json_t *params, json_t **result);
int lsp_highlight(LspServer *s, json_t *params, json_t **result);
int lsp_hover(LspServer *s, json_t *params, json_t **result);
int lsp_document_symbol(LspServer *s, json_t *params, json_t **result);
int lsp_workspace_symbol(LspServer *s, json_t *params, json_t **result);
int lsp_prepare_rename(LspServer *s, json_t *params, json_t **result);
int lsp_rename(LspServer *s, json_t *params, json_t **result);
int lsp_semantic_tokens(LspServer *s, json_t *params, json_t **result);
int lsp_completion(LspServer *s, json_t *params, json_t **result);
int lsp_prepare_call_hierarchy(LspServer *s, json_t *params, json_t **result);
int lsp_incoming_calls(LspServer *s, json_t *params, json_t **result);
int lsp_outgoing_calls(LspServer *s, json_t *params, json_t **result);

/* The legend of semantic tokens (tokens.c), for the capabilities. */
json_t *lsp_tokens_legend(void);
/* The LSP SymbolKind of a kind of symbol (symbols.c). */
int lsp_symbol_kind(FtlSymbolKind k);

#endif
