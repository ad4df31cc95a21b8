/* docs.h - the documents the client has open: their text as the client sees
 * it, kept in step by full and incremental changes (LSP 3.17,
 * textDocument/didChange with TextDocumentSyncKind.Incremental). */
#ifndef FTLC_LSP_DOCS_H
#define FTLC_LSP_DOCS_H

#include "text.h"

#include <jansson.h>

typedef struct LspDoc {
    char *uri;  /* as the client wrote it: diagnostics go back under it */
    char *path; /* the file it names (absolute, normalised) */
    json_int_t version;
    LspText text;
    int changed; /* the text changed since the compilation last saw it */
} LspDoc;

typedef struct LspDocs {
    LspDoc **items;
    size_t n, cap;
} LspDocs;

void lsp_docs_free(LspDocs *d);
/* The open document of uri (or, by path, of a file), or NULL. */
LspDoc *lsp_docs_find(const LspDocs *d, const char *uri);
LspDoc *lsp_docs_find_path(const LspDocs *d, const char *path);
/* Opens (or reopens) uri with text; NULL when out of memory or uri is not a
 * file URI (err says which). */
LspDoc *lsp_docs_open(LspDocs *d, const char *uri, json_int_t version, const char *text, size_t len,
                      const char **err);
void lsp_docs_close(LspDocs *d, LspDoc *doc);

/* Applies one TextDocumentContentChangeEvent: {"text"} replaces the whole
 * text, {"range", "text"} a part of it. Returns 0, or -1 with *err saying why
 * the change was not applied (a malformed event, a range past the end of the
 * text, no memory). */
int lsp_doc_apply(LspDoc *doc, const json_t *change, LspEncoding enc, const char **err);

/* Reads an LSP Range object into byte offsets of text: 0, or -1 when it is
 * malformed or starts or ends past the end of the text. */
int lsp_range_offsets(const LspText *t, const json_t *range, LspEncoding enc, size_t *start,
                      size_t *end);
/* Reads an LSP Position object into a byte offset: 0 or -1 as above. */
int lsp_position_offset(const LspText *t, const json_t *pos, LspEncoding enc, size_t *off);

#endif
