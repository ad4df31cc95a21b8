/* reflect.c - the server reflection client on gRPC's C core (grpc/grpc.h).
 *
 * The call is a bidirectional stream driven one message at a time: send a
 * request, receive its response, over a completion queue on which at most two
 * operations are pending (the current one and the call's final status). The
 * whole exchange has one deadline. gRPC's own log lines are silenced: what went
 * wrong is reported once, as a diagnostic, from the call's status.
 */
#include "import/reflect.h"
#include "base/buf.h"
#include "grpc/reflection/v1/reflection.pb-c.h"
#include "proto/schema_io.h"

#include <grpc/byte_buffer_reader.h>
#include <grpc/grpc.h>
#include <grpc/grpc_security.h>
#include <grpc/support/alloc.h>
#include <grpc/support/log.h>
#include <stdlib.h>
#include <string.h>

typedef Grpc__Reflection__V1__ServerReflectionRequest Req;
typedef Grpc__Reflection__V1__ServerReflectionResponse Resp;

#define REQ(x) GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__MESSAGE_REQUEST_##x
#define RESP(x) GRPC__REFLECTION__V1__SERVER_REFLECTION_RESPONSE__MESSAGE_RESPONSE_##x

static const FtlSpan NOWHERE = {0, 0, 0};

enum { TAG_START = 1, TAG_SEND, TAG_RECV, TAG_STATUS };
/* A server could name files without end; no real service has this many. */
enum { MAX_FILES = 4096, MAX_MESSAGE = 64 * 1024 * 1024 };

static const char *const V1 = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo";
static const char *const V1ALPHA = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

typedef struct Stream {
    const FtlGrpcTarget *t;
    FtlDiags *d;
    FtlBuf *set; /* the files received, as a FileDescriptorSet */
    grpc_channel *ch;
    grpc_completion_queue *cq;
    grpc_call *call;
    grpc_metadata *md;
    size_t nmd;
    grpc_metadata_array initial, trailing;
    grpc_status_code status;
    grpc_slice details;
    int status_done, got_initial, exchanges;
    gpr_timespec deadline;
} Stream;

static void quiet(gpr_log_func_args *args)
{
    (void)args;
}

/* ---- the call ------------------------------------------------------------------------ */

/* Waits for the operation tagged tag; the final status may complete meanwhile. */
static int wait_for(Stream *s, intptr_t tag)
{
    gpr_timespec limit = gpr_time_add(s->deadline, gpr_time_from_seconds(5, GPR_TIMESPAN));
    for (;;) {
        grpc_event ev = grpc_completion_queue_next(s->cq, limit, NULL);
        if (ev.type != GRPC_OP_COMPLETE) return 0;
        if ((intptr_t)ev.tag == TAG_STATUS) s->status_done = 1;
        if ((intptr_t)ev.tag == tag) return ev.success;
    }
}

static int start(Stream *s, grpc_op *ops, size_t n, intptr_t tag)
{
    return grpc_call_start_batch(s->call, ops, n, (void *)tag, NULL) == GRPC_CALL_OK;
}

static grpc_channel_credentials *credentials(const FtlGrpcTarget *t)
{
    if (t->plaintext) return grpc_insecure_credentials_create();
    /* NULL roots: gRPC's default (GRPC_DEFAULT_SSL_ROOTS_FILE_PATH, else the system's). */
    return grpc_ssl_credentials_create(t->cacert, NULL, NULL, NULL);
}

/* One channel (one connection) for both versions of the protocol: a second
 * channel made right after the first was destroyed could wait for the
 * subchannel the first one was shutting down (gRPC's global subchannel pool),
 * until the deadline. */
static void channel_open(Stream *s)
{
    grpc_arg arg;
    arg.type = GRPC_ARG_INTEGER;
    arg.key = (char *)GRPC_ARG_MAX_RECEIVE_MESSAGE_LENGTH;
    arg.value.integer = MAX_MESSAGE;
    grpc_channel_args args = {1, &arg};
    grpc_channel_credentials *creds = credentials(s->t);
    s->ch = grpc_channel_create(s->t->address, creds, &args);
    grpc_channel_credentials_release(creds);
}

static int stream_open(Stream *s, const char *method)
{
    s->cq = grpc_completion_queue_create_for_next(NULL);
    s->call =
        grpc_channel_create_call(s->ch, NULL, GRPC_PROPAGATE_DEFAULTS, s->cq,
                                 grpc_slice_from_static_string(method), NULL, s->deadline, NULL);
    grpc_metadata_array_init(&s->initial);
    grpc_metadata_array_init(&s->trailing);
    s->details = grpc_empty_slice();
    s->status_done = s->got_initial = s->exchanges = 0;
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_RECV_STATUS_ON_CLIENT;
    op.data.recv_status_on_client.trailing_metadata = &s->trailing;
    op.data.recv_status_on_client.status = &s->status;
    op.data.recv_status_on_client.status_details = &s->details;
    if (!s->call || !start(s, &op, 1, TAG_STATUS)) return 0;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_SEND_INITIAL_METADATA;
    op.data.send_initial_metadata.count = s->nmd;
    op.data.send_initial_metadata.metadata = s->md;
    return start(s, &op, 1, TAG_START) && wait_for(s, TAG_START);
}

static void stream_close(Stream *s)
{
    if (s->call && !s->status_done) {
        grpc_call_cancel(s->call, NULL);
        wait_for(s, TAG_STATUS);
    }
    if (s->call) grpc_call_unref(s->call);
    grpc_metadata_array_destroy(&s->initial);
    grpc_metadata_array_destroy(&s->trailing);
    grpc_slice_unref(s->details);
    if (s->cq) {
        grpc_completion_queue_shutdown(s->cq);
        while (grpc_completion_queue_next(s->cq, gpr_inf_future(GPR_CLOCK_REALTIME), NULL).type !=
               GRPC_QUEUE_SHUTDOWN) {
        }
        grpc_completion_queue_destroy(s->cq);
    }
    s->call = NULL, s->cq = NULL;
}

static int send_request(Stream *s, const Req *req)
{
    size_t n = protobuf_c_message_get_packed_size(&req->base);
    uint8_t *buf = ftl_xmalloc(n + 1);
    protobuf_c_message_pack(&req->base, buf);
    grpc_slice sl = grpc_slice_from_copied_buffer((const char *)buf, n);
    free(buf);
    grpc_byte_buffer *bb = grpc_raw_byte_buffer_create(&sl, 1);
    grpc_slice_unref(sl);
    grpc_op op;
    memset(&op, 0, sizeof op);
    op.op = GRPC_OP_SEND_MESSAGE;
    op.data.send_message.send_message = bb;
    int ok = start(s, &op, 1, TAG_SEND) && wait_for(s, TAG_SEND);
    grpc_byte_buffer_destroy(bb);
    return ok;
}

/* The next message of the stream, or NULL when it ended. */
static grpc_byte_buffer *receive(Stream *s)
{
    grpc_byte_buffer *bb = NULL;
    grpc_op ops[2];
    memset(ops, 0, sizeof ops);
    size_t n = 0;
    if (!s->got_initial) {
        ops[n].op = GRPC_OP_RECV_INITIAL_METADATA;
        ops[n++].data.recv_initial_metadata.recv_initial_metadata = &s->initial;
    }
    ops[n].op = GRPC_OP_RECV_MESSAGE;
    ops[n++].data.recv_message.recv_message = &bb;
    s->got_initial = 1;
    if (!start(s, ops, n, TAG_RECV) || !wait_for(s, TAG_RECV)) {
        if (bb) grpc_byte_buffer_destroy(bb);
        return NULL;
    }
    return bb;
}

/* ---- what went wrong ---------------------------------------------------------------- */

/* grpc/status.h's names, as gRPC's documentation spells them. */
static const char *status_name(int code)
{
    static const char *const names[] = {"OK",
                                        "CANCELLED",
                                        "UNKNOWN",
                                        "INVALID_ARGUMENT",
                                        "DEADLINE_EXCEEDED",
                                        "NOT_FOUND",
                                        "ALREADY_EXISTS",
                                        "PERMISSION_DENIED",
                                        "RESOURCE_EXHAUSTED",
                                        "FAILED_PRECONDITION",
                                        "ABORTED",
                                        "OUT_OF_RANGE",
                                        "UNIMPLEMENTED",
                                        "INTERNAL",
                                        "UNAVAILABLE",
                                        "DATA_LOSS",
                                        "UNAUTHENTICATED"};
    return code >= 0 && code <= 16 ? names[code] : "status";
}

/* ---- what went wrong (the call) ----------------------------------------------------------------
 */

static int mentions(const char *text, const char *const *words)
{
    for (int i = 0; words[i]; i++)
        if (strstr(text, words[i])) return 1;
    return 0;
}

/* Reports why the stream ended (the call's status). */
static void report_status(Stream *s)
{
    static const char *const tls[] = {"SSL",       "TLS",         "ssl", "handshake",
                                      "Handshake", "certificate", NULL};
    if (!s->status_done) wait_for(s, TAG_STATUS);
    char *details = grpc_slice_to_c_string(s->details);
    const char *a = s->t->address;
    if (!s->status_done || s->status == GRPC_STATUS_DEADLINE_EXCEEDED)
        ftl_error(s->d, NOWHERE, "E0633", "gRPC server %s did not answer within %d s (--timeout)",
                  a, s->t->timeout);
    else if (s->status == GRPC_STATUS_UNIMPLEMENTED)
        ftl_error(s->d, NOWHERE, "E0631",
                  "gRPC server %s does not offer server reflection (grpc.reflection.v1 or "
                  "v1alpha ServerReflection): %s",
                  a, details);
    else if (s->status == GRPC_STATUS_UNAVAILABLE && !s->t->plaintext && mentions(details, tls))
        ftl_error(s->d, NOWHERE, "E0632", "TLS with gRPC server %s failed: %s", a, details);
    else if (s->status == GRPC_STATUS_UNAVAILABLE)
        ftl_error(s->d, NOWHERE, "E0630", "cannot reach gRPC server %s: %s", a, details);
    else
        ftl_error(s->d, NOWHERE, "E0634", "the reflection call to gRPC server %s failed: %s: %s", a,
                  status_name((int)s->status), details);
    gpr_free(details);
}

/* ---- requests --------------------------------------------------------------------------- */

/* Sends req and returns its response; NULL after reporting (or, for the first
 * request of a server that does not implement this version, with *unimplemented). */
static Resp *ask(Stream *s, const Req *req, int *unimplemented)
{
    /* Receive even when the send failed: a server that ends the call at once
     * (trailers-only, e.g. UNIMPLEMENTED) fails the send, and gRPC's C core
     * completes RECV_STATUS_ON_CLIENT only once the messages were read, so not
     * reading would wait for the deadline (E0633 instead of E0631). */
    int sent = send_request(s, req);
    grpc_byte_buffer *bb = receive(s);
    if (!sent && bb) grpc_byte_buffer_destroy(bb), bb = NULL;
    int first = s->exchanges++ == 0;
    if (!bb) {
        if (!s->status_done) wait_for(s, TAG_STATUS);
        if (first && s->status_done && s->status == GRPC_STATUS_UNIMPLEMENTED && unimplemented)
            *unimplemented = 1;
        else
            report_status(s);
        return NULL;
    }
    grpc_byte_buffer_reader r;
    grpc_byte_buffer_reader_init(&r, bb);
    grpc_slice all = grpc_byte_buffer_reader_readall(&r);
    grpc_byte_buffer_reader_destroy(&r);
    grpc_byte_buffer_destroy(bb);
    char err[300];
    Resp *m =
        (Resp *)ftl_io_unpack(&grpc__reflection__v1__server_reflection_response__descriptor,
                              GRPC_SLICE_START_PTR(all), GRPC_SLICE_LENGTH(all), err, sizeof err);
    grpc_slice_unref(all);
    if (!m)
        ftl_error(s->d, NOWHERE, "E0634", "gRPC server %s answered the reflection request with %s",
                  s->t->address, err);
    return m;
}

/* An ErrorResponse, or a response of the wrong kind: reported, returns 1. */
static int wrong_answer(Stream *s, const Resp *m, int want, const char *what)
{
    if ((int)m->message_response_case == want) return 0;
    if (m->message_response_case == RESP(ERROR_RESPONSE))
        ftl_error(s->d, NOWHERE, "E0634", "gRPC server %s cannot give %s: %s: %s", s->t->address,
                  what, status_name((int)m->error_response->error_code),
                  m->error_response->error_message ? m->error_response->error_message : "");
    else
        ftl_error(s->d, NOWHERE, "E0634",
                  "gRPC server %s answered a request for %s with something else", s->t->address,
                  what);
    return 1;
}

/* Appends a file to the set: FileDescriptorSet's field 1 ('file'), length-delimited
 * (wire type 2), its bytes as the server sent them. */
static void put_file(FtlBuf *set, const ProtobufCBinaryData *f)
{
    ftl_buf_putc(set, (1 << 3) | 2);
    uint64_t n = f->len;
    for (; n >= 0x80; n >>= 7)
        ftl_buf_putc(set, (char)(0x80 | (n & 0x7f)));
    ftl_buf_putc(set, (char)n);
    ftl_buf_put(set, f->data, f->len);
}

/* Adds the files of a FileDescriptorResponse to the pool, and those it did not
 * have to the set. */
static int add_files(Stream *s, const Resp *m, FtlDsPool *p, const char *what)
{
    if (wrong_answer(s, m, RESP(FILE_DESCRIPTOR_RESPONSE), what)) return -1;
    const Grpc__Reflection__V1__FileDescriptorResponse *r = m->file_descriptor_response;
    for (size_t i = 0; i < r->n_file_descriptor_proto; i++) {
        char err[300];
        const ProtobufCBinaryData *f = &r->file_descriptor_proto[i];
        int added = ftl_ds_add_file(p, f->data, f->len, err, sizeof err);
        if (added < 0) {
            ftl_error(s->d, NOWHERE, "E0634",
                      "gRPC server %s sent %s in a form that is not a FileDescriptorProto: %s",
                      s->t->address, what, err);
            return -1;
        }
        if (added) put_file(s->set, f);
    }
    return 0;
}

static int fetch_file(Stream *s, FtlDsPool *p, int symbol, const char *name)
{
    Req req = GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__INIT;
    req.message_request_case = symbol ? REQ(FILE_CONTAINING_SYMBOL) : REQ(FILE_BY_FILENAME);
    if (symbol)
        req.file_containing_symbol = (char *)name;
    else
        req.file_by_filename = (char *)name;
    Resp *m = ask(s, &req, NULL);
    if (!m) return -1;
    FtlBuf what;
    ftl_buf_init(&what);
    ftl_buf_printf(&what, symbol ? "the file that defines '%s'" : "file '%s'", name);
    int rc = add_files(s, m, p, ftl_buf_cstr(&what));
    ftl_buf_free(&what);
    protobuf_c_message_free_unpacked(&m->base, NULL);
    return rc;
}

/* Files that the pool's files import and the server has not sent yet. */
static int fetch_dependencies(Stream *s, FtlDsPool *p)
{
    FtlMap asked;
    ftl_map_init(&asked);
    int rc = 0;
    for (uint32_t i = 0; rc == 0 && i < p->nfiles && p->nfiles < MAX_FILES; i++) {
        const FtlPbFile *fd = p->files[i]->fd;
        for (size_t k = 0; rc == 0 && k < fd->n_dependency; k++) {
            const char *dep = ftl_intern_cstr(p->in, fd->dependency[k]);
            if (ftl_ds_file(p, dep) || ftl_map_put_new(&asked, dep, (void *)dep) != dep) continue;
            rc = fetch_file(s, p, 0, dep);
        }
    }
    ftl_map_free(&asked);
    return rc;
}

/* ---- the exchange ----------------------------------------------------------------------- */

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The services to import, from the server's list. */
static int choose(Stream *s, const Resp *m, const char *const *want, int nwant, FtlDsPool *p,
                  const char ***chosen, int *n)
{
    const Grpc__Reflection__V1__ListServiceResponse *l = m->list_services_response;
    const char **out = FTL_NEW_N(p->arena, const char *, l->n_service + (size_t)nwant + 1);
    *n = 0;
    for (int i = 0; i < nwant; i++) {
        size_t k = 0;
        while (k < l->n_service && strcmp(l->service[k]->name, want[i]) != 0)
            k++;
        if (k == l->n_service) {
            ftl_error(s->d, NOWHERE, "E0635", "gRPC server %s does not list service '%s'",
                      s->t->address, want[i]);
            return -1;
        }
        out[(*n)++] = ftl_intern_cstr(p->in, want[i]);
    }
    for (size_t k = 0; !nwant && k < l->n_service; k++)
        if (!ftl_reflect_is_infrastructure(l->service[k]->name))
            out[(*n)++] = ftl_intern_cstr(p->in, l->service[k]->name);
    if (*n == 0) {
        ftl_error(s->d, NOWHERE, "E0635",
                  "gRPC server %s lists no service besides reflection and health", s->t->address);
        return -1;
    }
    qsort(out, (size_t)*n, sizeof *out, str_cmp);
    *chosen = out;
    return 0;
}

/* The whole exchange on one stream; 1 when the server does not implement it. */
static int exchange(Stream *s, const char *const *want, int nwant, FtlDsPool *p,
                    const char ***chosen, int *n)
{
    Req req = GRPC__REFLECTION__V1__SERVER_REFLECTION_REQUEST__INIT;
    req.message_request_case = REQ(LIST_SERVICES);
    req.list_services = "*";
    int unimplemented = 0;
    Resp *m = ask(s, &req, &unimplemented);
    if (!m) return unimplemented ? 1 : -1;
    int rc = wrong_answer(s, m, RESP(LIST_SERVICES_RESPONSE), "its list of services")
                 ? -1
                 : choose(s, m, want, nwant, p, chosen, n);
    protobuf_c_message_free_unpacked(&m->base, NULL);
    for (int i = 0; rc == 0 && i < *n; i++)
        rc = fetch_file(s, p, 1, (*chosen)[i]);
    return rc == 0 ? fetch_dependencies(s, p) : rc;
}

/* "Key: value" headers as metadata (keys in lower case, as HTTP/2 wants them). */
static void make_metadata(Stream *s)
{
    s->md = ftl_xmalloc(((size_t)s->t->nheaders + 1) * sizeof *s->md);
    for (int i = 0; i < s->t->nheaders; i++) {
        const char *h = s->t->headers[i], *colon = strchr(h, ':');
        size_t klen = colon ? (size_t)(colon - h) : strlen(h);
        const char *v = colon ? colon + 1 : "";
        while (*v == ' ' || *v == '\t')
            v++;
        char *key = ftl_xmalloc(klen + 1);
        for (size_t k = 0; k < klen; k++)
            key[k] = h[k] >= 'A' && h[k] <= 'Z' ? (char)(h[k] - 'A' + 'a') : h[k];
        key[klen] = 0;
        memset(&s->md[i], 0, sizeof s->md[i]);
        s->md[i].key = grpc_slice_from_copied_string(key);
        s->md[i].value = grpc_slice_from_copied_string(v);
        free(key);
    }
    s->nmd = (size_t)s->t->nheaders;
}

int ftl_reflect_fetch(const FtlGrpcTarget *t, const char *const *services, int nservices,
                      FtlDsPool *p, FtlBuf *set, FtlDiags *d, const char ***chosen, int *nchosen)
{
    gpr_set_log_function(quiet);
    grpc_init();
    Stream s;
    memset(&s, 0, sizeof s);
    s.t = t, s.d = d, s.set = set;
    s.deadline =
        gpr_time_add(gpr_now(GPR_CLOCK_MONOTONIC), gpr_time_from_seconds(t->timeout, GPR_TIMESPAN));
    make_metadata(&s);
    channel_open(&s);
    int rc = stream_open(&s, V1) ? exchange(&s, services, nservices, p, chosen, nchosen) : -2;
    if (rc == 1) { /* v1 is not implemented: the same protocol under v1alpha's name */
        stream_close(&s);
        rc = stream_open(&s, V1ALPHA) ? exchange(&s, services, nservices, p, chosen, nchosen) : -2;
        if (rc == 1) report_status(&s);
    }
    if (rc == -2) report_status(&s);
    stream_close(&s);
    grpc_channel_destroy(s.ch);
    for (size_t i = 0; i < s.nmd; i++) {
        grpc_slice_unref(s.md[i].key);
        grpc_slice_unref(s.md[i].value);
    }
    free(s.md);
    grpc_shutdown();
    return rc == 0 ? 0 : -1;
}
