/* test_rpc.c - Content-Length framing (src/lsp/rpc.c): well-formed streams,
 * and every way a peer can get a frame wrong, after which the reader must
 * report the problem and read the next frame. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lsp/rpc.h"

/* A file descriptor that reads back n bytes of data, then ends. */
static int stream_of(const char *data, size_t n)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, n, f), n);
    fflush(f);
    int fd = dup(fileno(f));
    fclose(f);
    lseek(fd, 0, SEEK_SET);
    return fd;
}

typedef struct Stream {
    int fd;
    LspReader r;
} Stream;

static void open_stream(Stream *s, const char *data, size_t n, size_t max_body)
{
    s->fd = stream_of(data, n);
    lsp_reader_init(&s->r, s->fd, max_body);
}

static void close_stream(Stream *s)
{
    lsp_reader_free(&s->r);
    close(s->fd);
}

/* The next message is the JSON text want (compared as values). */
static void next_is(Stream *s, const char *want)
{
    json_t *msg = NULL;
    char err[300];
    LspReadStatus st = lsp_reader_next(&s->r, &msg, err, sizeof err);
    if (st != LSP_READ_OK) fail_msg("expected %s, got status %d: %s", want, (int)st, err);
    json_t *w = json_loads(want, JSON_DECODE_ANY, NULL);
    assert_non_null(w);
    if (!json_equal(msg, w)) {
        char *got = json_dumps(msg, JSON_COMPACT | JSON_ENCODE_ANY);
        fail_msg("expected %s, got %s", want, got);
    }
    json_decref(w);
    json_decref(msg);
}

/* The next read fails with status st and a message that contains what. */
static void next_fails(Stream *s, LspReadStatus st, const char *what)
{
    json_t *msg = NULL;
    char err[300];
    LspReadStatus got = lsp_reader_next(&s->r, &msg, err, sizeof err);
    assert_null(msg);
    if (got != st) fail_msg("expected status %d, got %d (%s)", (int)st, (int)got, err);
    if (what && !strstr(err, what)) fail_msg("expected an error with '%s', got '%s'", what, err);
}

#define S(lit) lit, sizeof lit - 1

static void test_frames(void **state)
{
    (void)state;
    Stream s;
    open_stream(&s,
                S("Content-Length: 7\r\n\r\n{\"a\":1}"
                  "content-length:3\r\nContent-Type: application/vscode-jsonrpc; "
                  "charset=utf-8\r\n\r\n[2]"
                  "Content-Length: 1\n\n3" /* bare LF: accepted */
                  "Content-Length:  4 \r\n\r\nnull"),
                0);
    next_is(&s, "{\"a\":1}");
    next_is(&s, "[2]");
    next_is(&s, "3");
    next_is(&s, "null");
    next_fails(&s, LSP_READ_EOF, NULL);
    close_stream(&s);
}

static void test_bad_headers(void **state)
{
    (void)state;
    Stream s;
    open_stream(&s,
                S("Content-Type: x\r\n\r\n{}"                      /* no Content-Length */
                  "Content-Length: 2\r\n\r\n[]"                    /* found again */
                  "Content-Length: -1\r\n\r\n{}"                   /* not a number */
                  "Content-Length: 1x\r\n\r\n{}"                   /* not a number either */
                  "Content-Length: 99999999999999999999\r\n\r\n{}" /* too many digits */
                  "Content-Length: 2\r\n\r\n[1]"                   /* a body longer than said */
                  "Content-Length: 3\r\n\r\n[3]"
                  "Content-Length: 2\r\nContent-Length: 3\r\n\r\n[4]" /* said twice */
                  "\r\n\r\nContent-Length: 3\r\n\r\n[5]"),
                0);
    next_fails(&s, LSP_READ_BAD_FRAME, "without a valid Content-Length");
    next_is(&s, "[]");
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_fails(&s, LSP_READ_BAD_JSON, NULL); /* "[1" */
    /* "]Content-Length: 3...": the frame after the junk is found. */
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_is(&s, "[3]");
    /* Said twice: the frame is refused; its second header starts one. */
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_is(&s, "[4]");
    /* Empty lines between frames are junk before the next one. */
    next_fails(&s, LSP_READ_BAD_FRAME, NULL);
    next_is(&s, "[5]");
    next_fails(&s, LSP_READ_EOF, NULL);
    close_stream(&s);
}

static void test_too_large(void **state)
{
    (void)state;
    /* A body above the limit is skipped whole, in pieces: the reader never
     * holds it, however large it says it is. */
    size_t big = 300000;
    char *data = malloc(big + 200);
    int n = sprintf(data, "Content-Length: %zu\r\n\r\n[", big);
    memset(data + n, '1', big - 2);
    n += (int)big - 2;
    n += sprintf(data + n, "]Content-Length: 2\r\n\r\n{}");
    Stream s;
    open_stream(&s, data, (size_t)n, 1000);
    next_fails(&s, LSP_READ_TOO_LARGE, "the limit is 1000");
    next_is(&s, "{}");
    assert_true(s.r.cap < 200000);
    close_stream(&s);
    free(data);

    /* A huge Content-Length with a small body: the next frame is still found. */
    open_stream(&s, S("Content-Length: 9007199254740991\r\n\r\n{}\r\nContent-Length: 2\r\n\r\n[]"),
                0);
    next_fails(&s, LSP_READ_TOO_LARGE, NULL);
    next_is(&s, "[]");
    close_stream(&s);
}

static void test_long_header(void **state)
{
    (void)state;
    size_t n = LSP_RPC_MAX_HEADER + 100;
    char *data = malloc(n + 100);
    memset(data, 'x', n);
    int k = sprintf(data + n, "\r\nContent-Length: 2\r\n\r\n{}");
    Stream s;
    open_stream(&s, data, n + (size_t)k, 0);
    next_fails(&s, LSP_READ_BAD_FRAME, "header block longer");
    next_is(&s, "{}");
    close_stream(&s);
    free(data);
}

static void test_bad_json_and_eof(void **state)
{
    (void)state;
    Stream s;
    open_stream(&s,
                S("Content-Length: 5\r\n\r\n{\"a\":Content-Length: 2\r\n\r\n{}"
                  "Content-Length: 10\r\n\r\n{\"trunc"),
                0);
    next_fails(&s, LSP_READ_BAD_JSON, "at byte");
    next_is(&s, "{}");
    next_fails(&s, LSP_READ_EOF, NULL); /* the stream ends inside a body */
    close_stream(&s);
    open_stream(&s, S("Content-Len"), 0);
    next_fails(&s, LSP_READ_EOF, NULL); /* ... or inside a header */
    close_stream(&s);
}

static void test_ready(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    LspReader r;
    lsp_reader_init(&r, p[0], 0);
    assert_false(lsp_reader_ready(&r));
    assert_int_equal(write(p[1], "Content-Length: 2\r\n\r\n{}", 24), 24);
    assert_true(lsp_reader_ready(&r));
    json_t *msg;
    char err[100];
    assert_int_equal(lsp_reader_next(&r, &msg, err, sizeof err), LSP_READ_OK);
    json_decref(msg);
    assert_false(lsp_reader_ready(&r));
    close(p[1]);
    assert_true(lsp_reader_ready(&r)); /* the end is news too */
    lsp_reader_free(&r);
    close(p[0]);
}

static void test_write(void **state)
{
    (void)state;
    FILE *f = tmpfile();
    json_t *m = lsp_error(NULL, LSP_PARSE_ERROR, "bad \"x\"");
    assert_int_equal(lsp_write(fileno(f), m), 0);
    json_decref(m);
    char buf[200] = "";
    rewind(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = 0;
    assert_string_equal(buf, "Content-Length: 73\r\n\r\n"
                             "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":"
                             "{\"code\":-32700,\"message\":\"bad \\\"x\\\"\"}}");
    fclose(f);
    assert_int_equal(lsp_write(-1, json_null()), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_frames),
        cmocka_unit_test(test_bad_headers),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_long_header),
        cmocka_unit_test(test_bad_json_and_eof),
        cmocka_unit_test(test_ready),
        cmocka_unit_test(test_write),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
