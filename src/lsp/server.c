/* server.c - the message loop: reading ahead, cancelling, dispatching requests
 * and notifications to their handlers, and the JSON-RPC errors for everything
 * that is not a well-formed message of a known method (see server.h). */
#define _POSIX_C_SOURCE 200809L
#include "server.h"
#include "features.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NOTIFY 1u           /* the method is a notification */
#define ANY 2u              /* handled in every state (the lifecycle methods check it themselves) */
#define LSP_MAX_QUEUE 1024u /* messages read ahead at most */

typedef struct LspMethod {
    const char *name;
    LspHandler fn;
    unsigned flags;
} LspMethod;

static const LspMethod methods[] = {
    {"initialize", lsp_initialize, ANY},
    {"initialized", lsp_initialized, NOTIFY},
    {"shutdown", lsp_shutdown, ANY},
    {"exit", lsp_exit, NOTIFY | ANY},
    {"textDocument/didOpen", lsp_did_open, NOTIFY},
    {"textDocument/didChange", lsp_did_change, NOTIFY},
    {"textDocument/didSave", lsp_did_save, NOTIFY},
    {"textDocument/didClose", lsp_did_close, NOTIFY},
    {"workspace/didChangeWatchedFiles", lsp_did_change_watched, NOTIFY},
    LSP_FEATURE_METHODS,
};

static const LspMethod *find_method(const char *name)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (strcmp(methods[i].name, name) == 0) return &methods[i];
    return NULL;
}

/* ---- output ------------------------------------------------------------------------ */

int lsp_fail(LspServer *s, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->err, sizeof s->err, fmt, ap);
    va_end(ap);
    return code;
}

void lsp_send(LspServer *s, json_t *msg)
{
    if (msg && s->out >= 0 && lsp_write(s->out, msg) != 0) {
        s->out = -1; /* the client is gone: nothing more can be said */
        if (s->exit_status < 0) s->exit_status = 1;
    }
    json_decref(msg);
}

void lsp_notify(LspServer *s, const char *method, json_t *params)
{
    lsp_send(s, lsp_notification(method, params));
}

void lsp_request(LspServer *s, const char *method, json_t *params)
{
    json_t *m = lsp_notification(method, params);
    json_object_set_new(m, "id", json_sprintf("ftlc-%lld", (long long)++s->next_id));
    lsp_send(s, m);
}

void lsp_log(LspServer *s, int type, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    lsp_notify(s, "window/logMessage", json_pack("{s:i, s:s}", "type", type, "message", msg));
}

/* ---- parameters -------------------------------------------------------------------- */

int lsp_param_doc(LspServer *s, json_t *params, LspDoc **doc)
{
    json_t *uri = json_object_get(json_object_get(params, "textDocument"), "uri");
    if (!json_is_string(uri))
        return lsp_fail(s, LSP_INVALID_PARAMS, "params.textDocument.uri is missing");
    *doc = lsp_docs_find(&s->docs, json_string_value(uri));
    if (!*doc)
        return lsp_fail(s, LSP_INVALID_PARAMS, "%s is not open (send textDocument/didOpen first)",
                        json_string_value(uri));
    return 0;
}

int lsp_param_offset(LspServer *s, json_t *params, const LspDoc *doc, size_t *off)
{
    json_t *pos = json_object_get(params, "position");
    if (!json_is_object(pos)) return lsp_fail(s, LSP_INVALID_PARAMS, "params.position is missing");
    if (lsp_position_offset(&doc->text, pos, s->enc, off) != 0)
        return lsp_fail(s, LSP_INVALID_PARAMS,
                        "params.position is not a position in %s (it has %zu lines)", doc->uri,
                        doc->text.nlines);
    return 0;
}

json_t *lsp_position_json(const LspServer *s, const LspDoc *doc, size_t off)
{
    uint32_t line, ch;
    lsp_text_position(&doc->text, off, s->enc, &line, &ch);
    return json_pack("{s:I, s:I}", "line", (json_int_t)line, "character", (json_int_t)ch);
}

json_t *lsp_range_json(const LspServer *s, const LspDoc *doc, size_t start, size_t end)
{
    return json_pack("{s:o, s:o}", "start", lsp_position_json(s, doc, start), "end",
                     lsp_position_json(s, doc, end));
}

/* ---- dispatch ------------------------------------------------------------------------ */

static int valid_id(const json_t *id)
{
    return json_is_integer(id) || json_is_string(id);
}

/* The error of a request this state does not take, or 0. */
static int state_error(LspServer *s, const LspMethod *m)
{
    if (m && (m->flags & ANY)) return 0;
    if (s->state == LSP_STATE_NEW)
        return lsp_fail(s, LSP_SERVER_NOT_INITIALIZED, "the server is not initialized yet");
    if (s->state == LSP_STATE_SHUTDOWN)
        return lsp_fail(s, LSP_INVALID_REQUEST, "the server is shut down: only exit is left");
    return 0;
}

static void handle_request(LspServer *s, json_t *id, const char *name, json_t *params,
                           int cancelled)
{
    const LspMethod *m = find_method(name);
    json_t *result = NULL;
    int code = cancelled ? lsp_fail(s, LSP_REQUEST_CANCELLED, "the request was cancelled")
                         : state_error(s, m);
    if (code == 0 && !m) code = lsp_fail(s, LSP_METHOD_NOT_FOUND, "unknown method '%s'", name);
    if (code == 0 && (m->flags & NOTIFY))
        code = lsp_fail(s, LSP_INVALID_REQUEST, "'%s' is a notification: it takes no id", name);
    if (code == 0) code = m->fn(s, params, &result);
    if (code == 0)
        lsp_send(s, lsp_response(id, result));
    else
        lsp_send(s, lsp_error(id, code, s->err)), json_decref(result);
}

static void handle_notification(LspServer *s, const char *name, json_t *params)
{
    const LspMethod *m = find_method(name);
    json_t *result = NULL;
    /* Notifications get no answer: an unknown one ($/setTrace, $/progress ...)
     * or one before initialize is dropped, as the protocol says. */
    if (!m || !(m->flags & NOTIFY) || state_error(s, m)) return;
    if (m->fn(s, params, &result) != 0) lsp_log(s, 1, "%s: %s", name, s->err);
    json_decref(result);
}

static void handle(LspServer *s, json_t *msg, int cancelled)
{
    json_t *id = json_object_get(msg, "id"), *method = json_object_get(msg, "method");
    json_t *params = json_object_get(msg, "params");
    if (!json_is_object(msg)) {
        lsp_send(s, lsp_error(NULL, LSP_INVALID_REQUEST, "a message must be a JSON object"));
    } else if (!json_is_string(json_object_get(msg, "jsonrpc")) ||
               strcmp(json_string_value(json_object_get(msg, "jsonrpc")), "2.0") != 0) {
        lsp_send(s, lsp_error(valid_id(id) ? id : NULL, LSP_INVALID_REQUEST,
                              "a message must have \"jsonrpc\": \"2.0\""));
    } else if (!method && id && (json_object_get(msg, "result") || json_object_get(msg, "error"))) {
        /* A response to one of the server's requests: nothing waits for it. */
    } else if (!json_is_string(method) || (id && !valid_id(id)) ||
               (params && !json_is_object(params) && !json_is_array(params))) {
        lsp_send(s, lsp_error(valid_id(id) ? id : NULL, LSP_INVALID_REQUEST,
                              "a request needs a method, an integer or string id, and object "
                              "or array params"));
    } else if (id) {
        handle_request(s, id, json_string_value(method), params, cancelled);
    } else {
        handle_notification(s, json_string_value(method), params);
    }
}

/* ---- reading ahead ------------------------------------------------------------------- */

/* $/cancelRequest for a request still in the queue marks it: it is answered
 * with RequestCancelled when its turn comes. Other cancels come too late. */
static void cancel(LspServer *s, const json_t *id)
{
    for (size_t i = s->qhead; i < s->qn; i++) {
        json_t *qid = json_object_get(s->queue[i].msg, "id");
        if (qid && json_object_get(s->queue[i].msg, "method") && json_equal(qid, id))
            s->queue[i].cancelled = 1;
    }
}

static int enqueue(LspServer *s, json_t *msg, int reply)
{
    json_t *method = json_object_get(msg, "method");
    if (!reply && json_is_string(method) &&
        strcmp(json_string_value(method), "$/cancelRequest") == 0) {
        cancel(s, json_object_get(json_object_get(msg, "params"), "id"));
        json_decref(msg);
        return 0;
    }
    if (s->qhead == s->qn) s->qhead = s->qn = 0;
    if (s->qn == s->qcap) {
        size_t cap = s->qcap ? 2 * s->qcap : 16;
        LspQueued *q = realloc(s->queue, cap * sizeof *q);
        if (!q) {
            json_decref(msg);
            return -1;
        }
        s->queue = q;
        s->qcap = cap;
    }
    s->queue[s->qn++] = (LspQueued){msg, 0, reply};
    return 0;
}

/* Reads one message into the queue (blocking). A message that cannot be
 * read is queued as its error response, so that answers keep the order of
 * the messages. Returns -1 when the input has ended. */
static int read_one(LspServer *s)
{
    json_t *msg;
    char err[300];
    LspReadStatus st = lsp_reader_next(&s->in, &msg, err, sizeof err);
    int rc = 0;
    switch (st) {
    case LSP_READ_OK: rc = enqueue(s, msg, 0); break;
    case LSP_READ_BAD_JSON: rc = enqueue(s, lsp_error(NULL, LSP_PARSE_ERROR, err), 1); break;
    case LSP_READ_BAD_FRAME:
    case LSP_READ_TOO_LARGE: rc = enqueue(s, lsp_error(NULL, LSP_INVALID_REQUEST, err), 1); break;
    case LSP_READ_EOF:
    case LSP_READ_IO: return -1;
    }
    if (rc != 0) lsp_send(s, lsp_error(NULL, LSP_INTERNAL_ERROR, "out of memory"));
    return 0;
}

static void drop_queue(LspServer *s)
{
    for (size_t i = s->qhead; i < s->qn; i++)
        json_decref(s->queue[i].msg);
    free(s->queue);
}

int lsp_serve(int in, int out, const LspOptions *o)
{
    LspServer *s = calloc(1, sizeof *s);
    if (!s) return 2;
    lsp_reader_init(&s->in, in, o->max_message);
    s->out = out;
    s->opts = o;
    s->exit_status = -1;
    lsp_features_init(s);
    int ended = 0;
    while (s->exit_status < 0) {
        while (!ended && s->qn - s->qhead < LSP_MAX_QUEUE && lsp_reader_ready(&s->in))
            ended = read_one(s) != 0;
        if (s->qhead < s->qn) {
            LspQueued q = s->queue[s->qhead++];
            if (q.reply)
                lsp_send(s, json_incref(q.msg));
            else
                handle(s, q.msg, q.cancelled);
            json_decref(q.msg);
        } else if (lsp_features_idle(s)) {
            continue; /* idle work done: look for input again */
        } else if (ended || read_one(s) != 0) {
            /* The client went away without exit. */
            s->exit_status = s->state == LSP_STATE_SHUTDOWN ? 0 : 1;
        }
    }
    int status = s->exit_status;
    lsp_features_free(s);
    drop_queue(s);
    lsp_docs_free(&s->docs);
    lsp_ws_free(&s->ws);
    lsp_reader_free(&s->in);
    free(s);
    return status;
}
