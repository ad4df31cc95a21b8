/* reflect_run.c - running ftlc-grpc-reflect and reading its answer
 * (reflect_run.h; the helper's interface is in reflect_main.c). */
#define _XOPEN_SOURCE 700
#include "import/reflect_run.h"
#include "base/diagcodes.h"
#include "import/spawn.h"
#include "src/import/libexecdir.h" /* FTLC_PKGLIBEXECDIR, made by import.am */

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const FtlSpan NOWHERE = {0, 0, 0};

/* The helper beyond its own deadline (--timeout) is stopped after this long. */
enum { GRACE_SECONDS = 10 };

int ftl_reflect_is_infrastructure(const char *s)
{
    return strcmp(s, "grpc.reflection.v1.ServerReflection") == 0 ||
           strcmp(s, "grpc.reflection.v1alpha.ServerReflection") == 0 ||
           strcmp(s, "grpc.health.v1.Health") == 0;
}

static int has_scheme(const char *a)
{
    static const char *const schemes[] = {
        "dns:", "ipv4:", "ipv6:", "unix:", "unix-abstract:", NULL};
    for (int i = 0; schemes[i]; i++)
        if (strncmp(a, schemes[i], strlen(schemes[i])) == 0) return 1;
    return 0;
}

int ftl_reflect_check_address(const char *a, char *err, size_t errsz)
{
    if (has_scheme(a)) return 0;
    const char *colon = strrchr(a, ':');
    const char *host_end = colon;
    if (a[0] == '[') { /* [v6]:port */
        const char *close = strchr(a, ']');
        if (!close || close[1] != ':') colon = NULL;
        host_end = close;
    } else if (colon && memchr(a, ':', (size_t)(colon - a))) {
        colon = NULL; /* a bare IPv6 address: its port cannot be told apart */
    }
    if (!colon || host_end == a || (a[0] == '[' && host_end == a + 1)) {
        snprintf(err, errsz,
                 "'%s' is not HOST:PORT (a port is needed; an IPv6 host goes in brackets: "
                 "[::1]:50051)",
                 a);
        return -1;
    }
    const char *p = colon + 1;
    long port = 0;
    for (; *p >= '0' && *p <= '9' && port <= 65535; p++)
        port = port * 10 + (*p - '0');
    if (*p || p == colon + 1 || port < 1 || port > 65535) {
        snprintf(err, errsz, "'%s': the port must be a number from 1 to 65535", a);
        return -1;
    }
    return 0;
}

/* ---- finding it -------------------------------------------------------------------- */

static char *in_dir(const char *dir, size_t n)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%.*s/%s", (int)n, dir, FTL_REFLECT_HELPER);
    return (char *)ftl_buf_cstr(&b);
}

/* The folder of the running program (/proc/self/exe, proc(5)): its length in
 * buf, 0 when it is not known. */
static size_t own_dir(char *buf, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", buf, size - 1);
    if (n <= 0 || (size_t)n >= size - 1) return 0;
    buf[n] = 0;
    char *slash = strrchr(buf, '/');
    return slash ? (size_t)(slash - buf) : 0;
}

char *ftl_reflect_helper(char *err, size_t errsz)
{
    const char *env = getenv("FTLC_LIBEXECDIR");
    if (env && *env) {
        char *p = in_dir(env, strlen(env));
        if (access(p, X_OK) == 0) return p;
        snprintf(err, errsz, "cannot run the gRPC reflection helper %s (FTLC_LIBEXECDIR): %s", p,
                 strerror(errno));
        free(p);
        return NULL;
    }
    char self[4096];
    size_t n = own_dir(self, sizeof self);
    char *p = n ? in_dir(self, n) : NULL;
    if (p && access(p, X_OK) == 0) return p;
    free(p);
    p = in_dir(FTLC_PKGLIBEXECDIR, strlen(FTLC_PKGLIBEXECDIR));
    if (access(p, X_OK) == 0) return p;
    snprintf(err, errsz,
             "cannot run the gRPC reflection helper %s: %s (set FTLC_LIBEXECDIR to the folder "
             "that holds %s)",
             p, strerror(errno), FTL_REFLECT_HELPER);
    free(p);
    return NULL;
}

/* ---- running it -------------------------------------------------------------------- */

/* The helper's command line; the strings stay owned by t, services and timeout. */
static char **make_argv(const char *path, const FtlGrpcTarget *t, const char *const *services,
                        int nservices, const char *timeout)
{
    size_t max = 8 + 2 * ((size_t)t->nheaders + (size_t)nservices);
    char **argv = ftl_xmalloc(max * sizeof *argv);
    size_t n = 0;
    argv[n++] = (char *)path;
    if (t->plaintext) argv[n++] = "--plaintext";
    if (t->cacert_file) argv[n++] = "--cacert", argv[n++] = (char *)t->cacert_file;
    for (int i = 0; i < t->nheaders; i++)
        argv[n++] = "--header", argv[n++] = (char *)t->headers[i];
    for (int i = 0; i < nservices; i++)
        argv[n++] = "--service", argv[n++] = (char *)services[i];
    argv[n++] = "--timeout", argv[n++] = (char *)timeout;
    argv[n++] = "--";
    argv[n++] = (char *)t->address;
    argv[n] = NULL;
    return argv;
}

/* The report: the last line of the helper's standard error that holds a JSON
 * object (gRPC may log lines of its own before it, GRPC_VERBOSITY). */
static json_t *read_report(const FtlBuf *e)
{
    const char *l = e->data ? e->data : "", *end = l + e->len;
    json_t *found = NULL;
    while (l < end) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
        json_t *j = n && l[0] == '{' ? json_loadb(l, n, 0, NULL) : NULL;
        if (json_is_object(j)) {
            json_decref(found);
            found = j;
        } else {
            json_decref(j);
        }
        l = nl ? nl + 1 : end;
    }
    return found;
}

/* The helper's diagnostics, reported as ftlc's own; -1, or -2 when there are none. */
static int take_diagnostics(json_t *list, FtlDiags *d)
{
    size_t i, n = 0;
    json_t *item;
    json_array_foreach(list, i, item)
    {
        const char *code = json_string_value(json_object_get(item, "code"));
        const char *msg = json_string_value(json_object_get(item, "message"));
        const FtlCodeDoc *doc = code ? ftl_code_doc(code) : NULL;
        if (!doc || !msg) continue;
        ftl_error(d, NOWHERE, doc->code, "%s", msg);
        n++;
    }
    return n ? -1 : -2;
}

/* The descriptors on standard output and the services of the report. */
static int take_files(const FtlSpawnResult *r, json_t *services, FtlDsPool *p, const char ***chosen,
                      int *nchosen, char *err, size_t errsz)
{
    char why[300];
    if (ftl_ds_add_set(p, r->out.data ? r->out.data : "", r->out.len, 0, why, sizeof why) < 0) {
        snprintf(err, errsz, "the output of %s is not a descriptor set: %s", FTL_REFLECT_HELPER,
                 why);
        return -2;
    }
    size_t n = json_array_size(services), i;
    const char **out = FTL_NEW_N(p->arena, const char *, n + 1);
    json_t *s;
    *nchosen = 0;
    json_array_foreach(services, i, s)
    {
        if (json_string_value(s)) out[(*nchosen)++] = ftl_intern_cstr(p->in, json_string_value(s));
    }
    *chosen = out;
    return 0;
}

/* What the helper's exit status and report say. */
static int take_answer(const FtlGrpcTarget *t, const FtlSpawnResult *r, FtlDsPool *p, FtlDiags *d,
                       const char ***chosen, int *nchosen, char *err, size_t errsz)
{
    if (r->timed_out) {
        ftl_error(d, NOWHERE, "E0633", "gRPC server %s did not answer within %d s (--timeout)",
                  t->address, t->timeout);
        return -1;
    }
    json_t *rep = read_report(&r->err);
    json_t *services = json_object_get(rep, "services");
    json_t *diags = json_object_get(rep, "diagnostics");
    const char *error = json_string_value(json_object_get(rep, "error"));
    int rc = -2;
    if (r->status == 0 && json_is_array(services))
        rc = take_files(r, services, p, chosen, nchosen, err, errsz);
    else if (r->status == 1 && json_is_array(diags))
        rc = take_diagnostics(diags, d);
    if (rc == -2 && error) {
        snprintf(err, errsz, "%s: %s", FTL_REFLECT_HELPER, error);
    } else if (rc == -2 && !err[0]) {
        const char *text = r->err.data ? r->err.data : "";
        int n = (int)strcspn(text, "\n");
        if (r->status >= 0)
            snprintf(err, errsz, "%s failed (exit status %d)%s%.*s", FTL_REFLECT_HELPER, r->status,
                     n ? ": " : "", n, text);
        else
            snprintf(err, errsz, "%s was ended by a signal%s%.*s", FTL_REFLECT_HELPER,
                     n ? ": " : "", n, text);
    }
    json_decref(rep);
    return rc;
}

int ftl_reflect_run(const FtlGrpcTarget *t, const char *const *services, int nservices,
                    FtlDsPool *p, FtlDiags *d, const char ***chosen, int *nchosen, char *err,
                    size_t errsz)
{
    err[0] = 0;
    char *path = ftl_reflect_helper(err, errsz);
    if (!path) return -2;
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", t->timeout);
    char **argv = make_argv(path, t, services, nservices, timeout);
    FtlSpawn sp = {path, argv, 0, t->timeout + GRACE_SECONDS, NULL};
    FtlSpawnResult r;
    int rc = ftl_spawn(&sp, &r, err, errsz) == 0 ? 0 : -2;
    if (rc == 0) rc = take_answer(t, &r, p, d, chosen, nchosen, err, errsz);
    ftl_spawn_result_free(&r);
    free(argv);
    free(path);
    return rc;
}
