/* rpc.h - JSON-RPC 2.0 messages framed as the Language Server Protocol frames
 * them on a byte stream: a header block of "Name: value\r\n" lines ended by an
 * empty line, with Content-Length giving the size of the JSON body in bytes
 * (LSP 3.17, "Base Protocol").
 *
 * The reader never trusts the peer: a header block is at most LSP_RPC_MAX_HEADER
 * bytes, a body at most max_body bytes, and after a frame it cannot read (a
 * bad header, a body too large) it skips to the next "Content-Length:", reading
 * and throwing away in pieces what comes before: a peer that lies about a
 * length loses that message, not the stream. Every problem is reported to
 * the caller, which answers it with a JSON-RPC error and goes on.
 */
#ifndef FTLC_LSP_RPC_H
#define FTLC_LSP_RPC_H

#include <jansson.h>
#include <stddef.h>

#define LSP_RPC_MAX_HEADER ((size_t)8192)
#define LSP_RPC_MAX_BODY_DEFAULT (64u << 20) /* 64 MiB: far above any schema buffer */

/* JSON-RPC and LSP error codes (LSP 3.17, "Response Message"). */
enum {
    LSP_PARSE_ERROR = -32700,
    LSP_INVALID_REQUEST = -32600,
    LSP_METHOD_NOT_FOUND = -32601,
    LSP_INVALID_PARAMS = -32602,
    LSP_INTERNAL_ERROR = -32603,
    LSP_SERVER_NOT_INITIALIZED = -32002,
    LSP_REQUEST_FAILED = -32803,
    LSP_REQUEST_CANCELLED = -32800,
    LSP_CONTENT_MODIFIED = -32801
};

typedef enum LspReadStatus {
    LSP_READ_OK,        /* *msg holds a parsed JSON value (any type) */
    LSP_READ_EOF,       /* the stream ended (between messages or inside one) */
    LSP_READ_BAD_FRAME, /* a header block without a valid Content-Length */
    LSP_READ_TOO_LARGE, /* a body larger than max_body (skipped) */
    LSP_READ_BAD_JSON,  /* a body that is not JSON */
    LSP_READ_IO         /* read(2) failed */
} LspReadStatus;

typedef struct LspReader {
    int fd;
    char *buf;
    size_t pos, len, cap; /* unread bytes are buf[pos, len) */
    size_t max_body;
    int eof;
    int resync; /* skip to the next frame before reading on */
} LspReader;

void lsp_reader_init(LspReader *r, int fd, size_t max_body);
void lsp_reader_free(LspReader *r);

/* Reads the next message, blocking until it is complete. On LSP_READ_OK *msg
 * is a new reference; for the other statuses err (cap bytes) says what was
 * wrong, for the error response the caller sends. */
LspReadStatus lsp_reader_next(LspReader *r, json_t **msg, char *err, size_t cap);

/* Whether lsp_reader_next can return without waiting long: a message (or the
 * start of one, whose rest is on its way) is buffered or readable now. */
int lsp_reader_ready(LspReader *r);

/* Writes msg with its Content-Length header; -1 when the stream is closed. */
int lsp_write(int fd, const json_t *msg);

/* {"jsonrpc": "2.0", ...} messages (new references). id may be NULL (null). */
json_t *lsp_response(const json_t *id, json_t *result);
json_t *lsp_error(const json_t *id, int code, const char *message);
json_t *lsp_notification(const char *method, json_t *params);

#endif
