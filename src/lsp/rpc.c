/* rpc.c - Content-Length framing of JSON-RPC messages on a byte stream (see rpc.h). */
#define _POSIX_C_SOURCE 200809L
#include "rpc.h"

#include <errno.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#define LSP_RPC_CHUNK 65536u
static const char content_length[] = "Content-Length:";
#define CONTENT_LENGTH_LEN (sizeof content_length - 1)

void lsp_reader_init(LspReader *r, int fd, size_t max_body)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
    r->max_body = max_body ? max_body : LSP_RPC_MAX_BODY_DEFAULT;
}

void lsp_reader_free(LspReader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Room for `need` unread bytes: consumed bytes are dropped first, and the
 * buffer grows only as far as a frame the reader accepted needs. */
static int reserve(LspReader *r, size_t need)
{
    if (r->pos) {
        memmove(r->buf, r->buf + r->pos, r->len - r->pos);
        r->len -= r->pos;
        r->pos = 0;
    }
    if (need <= r->cap) return 0;
    size_t cap = r->cap ? r->cap : LSP_RPC_CHUNK;
    while (cap < need)
        cap *= 2;
    char *p = realloc(r->buf, cap);
    if (!p) return -1;
    r->buf = p;
    r->cap = cap;
    return 0;
}

/* Reads what is available into the buffer (at least one byte, blocking).
 * Returns 1, 0 at the end of the stream, -1 on an error. */
static int fill(LspReader *r)
{
    if (r->eof) return 0;
    size_t want = r->len - r->pos + LSP_RPC_CHUNK;
    if (reserve(r, want > r->cap ? want : r->cap) != 0) return -1;
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n > 0) {
            r->len += (size_t)n;
            return 1;
        }
        if (n == 0) {
            r->eof = 1;
            return 0;
        }
        if (errno != EINTR) return -1;
    }
}

/* Skips to the next "Content-Length:" (any case), where a frame starts. The
 * bytes before it are the rest of a frame that could not be read: a body the
 * reader does not trust, or a header block it could not parse. Bodies follow
 * headers and headers follow bodies without a line break, so the name is
 * looked for anywhere, not only at the start of a line. */
static LspReadStatus resync(LspReader *r)
{
    for (;;) {
        while (r->pos < r->len) {
            size_t avail = r->len - r->pos;
            size_t k = avail < CONTENT_LENGTH_LEN ? avail : CONTENT_LENGTH_LEN;
            if (strncasecmp(r->buf + r->pos, content_length, k) == 0) {
                if (k == CONTENT_LENGTH_LEN) {
                    r->resync = 0;
                    return LSP_READ_OK;
                }
                break; /* a prefix at the end of the buffer: read on */
            }
            r->pos++;
        }
        int got = fill(r);
        if (got <= 0) return got == 0 ? LSP_READ_EOF : LSP_READ_IO;
    }
}

/* The end of the header block in buf[pos, len): the index just past its empty
 * line ("\r\n\r\n", or "\n\n" from lenient peers), or 0 when not there yet. */
static size_t header_end(const LspReader *r)
{
    const char *p = r->buf + r->pos;
    size_t n = r->len - r->pos;
    for (size_t i = 0; i + 1 < n; i++) {
        if (p[i] != '\n') continue;
        if (p[i + 1] == '\n') return r->pos + i + 2;
        if (i + 2 < n && p[i + 1] == '\r' && p[i + 2] == '\n') return r->pos + i + 3;
    }
    return 0;
}

/* The Content-Length of the header block buf[pos, end): 0 and *len, or -1 when
 * it is missing, repeated or not a decimal number below 2^53. */
static int parse_header(const LspReader *r, size_t end, uint64_t *len)
{
    int found = 0;
    const char *p = r->buf + r->pos, *stop = r->buf + end;
    while (p < stop) {
        const char *eol = memchr(p, '\n', (size_t)(stop - p));
        if (!eol) eol = stop;
        if ((size_t)(eol - p) >= CONTENT_LENGTH_LEN &&
            strncasecmp(p, content_length, CONTENT_LENGTH_LEN) == 0) {
            const char *q = p + CONTENT_LENGTH_LEN;
            uint64_t v = 0;
            int digits = 0;
            while (q < eol && (*q == ' ' || *q == '\t'))
                q++;
            for (; q < eol && *q >= '0' && *q <= '9' && digits < 17; q++, digits++)
                v = v * 10 + (uint64_t)(*q - '0');
            while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
                q++;
            if (found || !digits || q != eol) return -1;
            found = 1;
            *len = v;
        }
        p = eol + 1;
    }
    return found ? 0 : -1;
}

/* Gives up on the frame at buf[pos]: the next one is looked for from its
 * second byte on, so that a frame glued to the junk before it is still found. */
static LspReadStatus bad_frame(LspReader *r)
{
    r->pos++;
    r->resync = 1;
    return LSP_READ_BAD_FRAME;
}

/* Reads a header block; returns its Content-Length through *body. */
static LspReadStatus read_header(LspReader *r, uint64_t *body, char *err, size_t cap)
{
    size_t end;
    while ((end = header_end(r)) == 0 && r->len - r->pos <= LSP_RPC_MAX_HEADER) {
        int got = fill(r);
        if (got <= 0) return got == 0 ? LSP_READ_EOF : LSP_READ_IO;
    }
    if (end == 0 || end - r->pos > LSP_RPC_MAX_HEADER) {
        snprintf(err, cap, "a header block longer than %zu bytes", LSP_RPC_MAX_HEADER);
        return bad_frame(r);
    }
    if (parse_header(r, end, body) != 0) {
        snprintf(err, cap, "a header block without a valid Content-Length");
        return bad_frame(r);
    }
    r->pos = end;
    if (*body > r->max_body) {
        snprintf(err, cap, "a message of %llu bytes; the limit is %zu", (unsigned long long)*body,
                 r->max_body);
        r->resync = 1;
        return LSP_READ_TOO_LARGE;
    }
    return LSP_READ_OK;
}

LspReadStatus lsp_reader_next(LspReader *r, json_t **msg, char *err, size_t cap)
{
    *msg = NULL;
    err[0] = 0;
    LspReadStatus st = r->resync ? resync(r) : LSP_READ_OK;
    uint64_t body = 0;
    if (st == LSP_READ_OK) st = read_header(r, &body, err, cap);
    if (st != LSP_READ_OK) return st;
    if (reserve(r, (size_t)body) != 0) {
        snprintf(err, cap, "out of memory for a message of %llu bytes", (unsigned long long)body);
        r->resync = 1;
        return LSP_READ_TOO_LARGE;
    }
    while (r->len - r->pos < body) {
        int got = fill(r);
        if (got <= 0) return got == 0 ? LSP_READ_EOF : LSP_READ_IO;
    }
    json_error_t e;
    /* Any JSON value is read: one that is not an object is an Invalid
     * Request for the server to answer, not a parse error (JSON-RPC 2.0). */
    *msg = json_loadb(r->buf + r->pos, (size_t)body, JSON_DECODE_ANY, &e);
    r->pos += (size_t)body;
    if (*msg) return LSP_READ_OK;
    snprintf(err, cap, "%s (at byte %d of the message)", e.text, e.position);
    return LSP_READ_BAD_JSON;
}

/* A whole frame is buffered. */
static int frame_buffered(const LspReader *r)
{
    size_t end = header_end(r);
    uint64_t body;
    if (!end) return r->len - r->pos > LSP_RPC_MAX_HEADER;
    return parse_header(r, end, &body) != 0 || body > r->max_body || r->len - end >= body;
}

int lsp_reader_ready(LspReader *r)
{
    if (r->eof || (!r->resync && frame_buffered(r))) return 1;
    struct pollfd p = {r->fd, POLLIN, 0};
    int n;
    while ((n = poll(&p, 1, 0)) < 0 && errno == EINTR) {
    }
    return n != 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int lsp_write(int fd, const json_t *msg)
{
    char *body = json_dumps(msg, JSON_COMPACT);
    if (!body) return -1;
    size_t n = strlen(body);
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
    int rc = write_all(fd, head, (size_t)h) == 0 && write_all(fd, body, n) == 0 ? 0 : -1;
    free(body);
    return rc;
}

static json_t *envelope(void)
{
    json_t *m = json_object();
    json_object_set_new(m, "jsonrpc", json_string("2.0"));
    return m;
}

json_t *lsp_response(const json_t *id, json_t *result)
{
    json_t *m = envelope();
    json_object_set_new(m, "id", id ? json_deep_copy(id) : json_null());
    json_object_set_new(m, "result", result ? result : json_null());
    return m;
}

json_t *lsp_error(const json_t *id, int code, const char *message)
{
    json_t *m = envelope();
    json_object_set_new(m, "id", id ? json_deep_copy(id) : json_null());
    json_object_set_new(m, "error", json_pack("{s:i, s:s}", "code", code, "message", message));
    return m;
}

json_t *lsp_notification(const char *method, json_t *params)
{
    json_t *m = envelope();
    json_object_set_new(m, "method", json_string(method));
    json_object_set_new(m, "params", params ? params : json_null());
    return m;
}
