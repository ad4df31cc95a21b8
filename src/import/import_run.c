/* import_run.c - one import up to the realm's FTL text (import.h,
 * ftl_imp_run): the descriptors, from .proto files through protoc, from
 * descriptor sets or from a server's reflection service (the helper,
 * reflect_run.h); the mapping (map*.c); the text (ftltext.c) and the mapping's
 * JSON (mapping.c). The session (src/session/import.c) compiles the text as
 * any input; ftlc import (src/cli/cmd_import.c) is a command line over that.
 */
#define _XOPEN_SOURCE 700
#include "base/fileio.h"
#include "import/import.h"
#include "import/protoc.h"
#include "import/reflect_run.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const FtlSpan NOWHERE = {0, 0, 0};

typedef struct Import {
    const FtlImpEnv *env;
    const FtlImportRequest *req;
    FtlDsPool pool;
    FtlMap texts;          /* interned .proto file name -> its source id + 1 (1: not found) */
    const char **services; /* what to import: the request's, or what the server lists */
    int nservices;
    char *err; /* FTL_EIO's sentence */
    size_t errsz;
} Import;

static FtlStatus io_error(Import *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static FtlStatus io_error(Import *im, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(im->err, im->errsz, fmt, ap);
    va_end(ap);
    return FTL_EIO;
}

/* ---- the request ------------------------------------------------------------------------ */

static int ends_with(const char *s, const char *end)
{
    size_t n = strlen(s), m = strlen(end);
    return n > m && strcmp(s + n - m, end) == 0;
}

static int is_descriptor_set(const char *f)
{
    return ends_with(f, ".pb") || ends_with(f, ".binpb") || ends_with(f, ".desc") ||
           ends_with(f, ".protoset");
}

static const char *problem(char *buf, size_t size, const char *fmt, const char *arg)
{
    snprintf(buf, size, fmt, arg);
    return buf;
}

/* A header gRPC can send: a key HTTP/2 allows, a value on one line. */
static int header_valid(const char *h)
{
    static const char key_chars[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.";
    size_t n = strspn(h, key_chars);
    int ok = n > 0 && h[n] == ':';
    for (const char *p = h + n; ok && *p; p++)
        ok = (unsigned char)*p >= 0x20 && *p != 0x7f;
    return ok;
}

/* What is wrong with the names and headers of req, or NULL. */
static const char *names_problem(const FtlImportRequest *req, char *buf, size_t size)
{
    if (req->realm && !ftl_name_valid(FTL_NAME_REALM, req->realm, strlen(req->realm)))
        return problem(buf, size, "--realm '%s' is not a realm name (an identifier)", req->realm);
    for (size_t i = 0; i < req->nmodule_names; i++) {
        const char *v = req->module_names[i] ? req->module_names[i] : "";
        const char *eq = strchr(v, '=');
        if (!eq || eq == v || !eq[1])
            return problem(buf, size, "--module-name needs PKG=NAME, got '%s'", v);
        if (!ftl_name_valid(FTL_NAME_MODULE, eq + 1, strlen(eq + 1)))
            return problem(buf, size,
                           "--module-name '%s': NAME is not a module name (an identifier, not a "
                           "Go keyword, not builtin)",
                           v);
    }
    for (size_t i = 0; i < req->nheaders; i++)
        if (!req->headers[i] || !header_valid(req->headers[i]))
            return problem(buf, size,
                           "--header needs 'KEY: VALUE' (a key of letters, digits, '-', '_' and "
                           "'.'; a value on one line), got '%s'",
                           req->headers[i] ? req->headers[i] : "");
    return NULL;
}

const char *ftl_imp_request_problem(const FtlImportRequest *req, char *buf, size_t size)
{
    int grpc = req->source == FTL_IMPORT_GRPC;
    if (req->source != FTL_IMPORT_PROTO && !grpc) return "unknown import source";
    const char *why = names_problem(req, buf, size);
    if (why) return why;
    if (grpc && (!req->address || !*req->address)) return "no server given (HOST:PORT)";
    if (grpc && ftl_reflect_check_address(req->address, buf, size) != 0) return buf;
    if (grpc && req->plaintext && req->cacert) return "--plaintext and --cacert cannot be combined";
    if (grpc && req->timeout < 0) return "--timeout needs a number of seconds from 1 to 86400";
    if (!grpc && req->nfiles == 0) return "no input files";
    for (size_t i = 0; !grpc && i < req->nfiles; i++) {
        const char *f = req->files[i];
        if (!f || strcmp(f, "-") == 0) return "standard input cannot be imported (give a file)";
        if (!ends_with(f, ".proto") && !is_descriptor_set(f))
            return problem(buf, size,
                           "'%s' is neither a .proto file nor a descriptor set (.pb, .binpb, "
                           ".desc, .protoset)",
                           f);
    }
    return NULL;
}

/* ---- .proto texts, for diagnostics at their place ---------------------------------------- */

/* The text of a .proto file: the file protoc would read for that name (the
 * first -I folder that has it). 0 when none has. */
static uint32_t find_text(void *ctx, const char *name)
{
    Import *im = ctx;
    const FtlImportRequest *req = im->req;
    const char *key = ftl_intern_cstr(im->env->in, name);
    uintptr_t known = (uintptr_t)ftl_map_get(&im->texts, key);
    if (known) return (uint32_t)(known - 1);
    uint32_t id = 0;
    size_t ndirs = req->ninclude_dirs ? req->ninclude_dirs : 1;
    for (size_t i = 0; i < ndirs && !id; i++) {
        const char *dir = req->ninclude_dirs ? req->include_dirs[i] : ".";
        FtlBuf path;
        ftl_buf_init(&path);
        if (name[0] != '/' && strcmp(dir, ".") != 0)
            ftl_buf_printf(&path, "%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/");
        ftl_buf_puts(&path, name);
        char *data, err[512];
        size_t len;
        if (access(path.data, R_OK) == 0 &&
            ftl_read_file(path.data, &data, &len, err, sizeof err) == 0)
            id = ftl_sources_adopt(im->env->src, path.data, data, len);
        ftl_buf_free(&path);
    }
    ftl_map_set(&im->texts, key, (void *)(uintptr_t)(id + 1));
    return id;
}

static uint32_t file_text(void *ctx, FtlDsFile *f)
{
    return find_text(ctx, f->name);
}

/* ---- descriptors ---------------------------------------------------------------------------
 */

/* .proto files through protoc: its messages at their place, its output a
 * descriptor set whose files not imported by another are the roots. */
static FtlStatus run_protoc(Import *im, const char **files, int n)
{
    const FtlImportRequest *req = im->req;
    FtlProtoc pc = {req->protoc ? req->protoc : "protoc", req->include_dirs,
                    (int)req->ninclude_dirs, files, n};
    FtlProtocResult res;
    char err[1024];
    if (ftl_protoc_run(&pc, &res, err, sizeof err) != 0) {
        ftl_protoc_result_free(&res);
        return io_error(im, "%s", err);
    }
    FtlDiags *d = im->env->diags;
    unsigned errors = ftl_protoc_report(res.messages.data ? res.messages.data : "",
                                        res.messages.len, d, im->env->src, find_text, im);
    FtlStatus st = res.status != 0 ? FTL_ERRORS : FTL_OK;
    if (res.status != 0 && errors == 0)
        ftl_error(d, NOWHERE, "E0620", "protoc failed (exit status %d)", res.status);
    if (st == FTL_OK &&
        ftl_ds_add_set(&im->pool, res.set, res.len, FTL_DS_ROOTS, err, sizeof err) < 0) {
        ftl_error(d, NOWHERE, "E0627", "protoc's output: %s", err);
        st = FTL_ERRORS;
    }
    ftl_protoc_result_free(&res);
    return st;
}

/* A descriptor set as it is. Its bytes stay among the sources, so that the
 * compilation counts it as a file it read (no output may be written over it). */
static FtlStatus read_set(Import *im, const char *file)
{
    char *data, err[600];
    size_t len;
    if (ftl_read_file(file, &data, &len, err, sizeof err) != 0) return io_error(im, "%s", err);
    FtlStatus st = FTL_OK;
    if (ftl_ds_add_set(&im->pool, data, len, FTL_DS_ROOTS, err, sizeof err) < 0) {
        ftl_error(im->env->diags, NOWHERE, "E0627", "'%s' is not a descriptor set: %s", file, err);
        st = FTL_ERRORS;
    }
    ftl_sources_adopt(im->env->src, file, data, len);
    return st;
}

static int readable_in(const char *dir, size_t n, const char *f)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%.*s/%s", (int)n, dir, f);
    int ok = access(b.data, R_OK) == 0;
    ftl_buf_free(&b);
    return ok;
}

/* Whether f is under the include folder protoc adds on its own (protobuf's
 * command_line_interface.cc, AddDefaultProtoPaths): include/ in or next to the
 * folder of the protoc program, which holds google/protobuf. */
static int in_protoc_include(const char *program, const char *f)
{
    char *path = NULL;
    const char *dirs = strchr(program, '/') ? "" : getenv("PATH");
    for (const char *d = dirs; d && !path;) {
        size_t n = strcspn(d, ":");
        FtlBuf b;
        ftl_buf_init(&b);
        if (n) ftl_buf_printf(&b, "%.*s/", (int)n, d);
        ftl_buf_puts(&b, program);
        path = access(b.data, X_OK) == 0 ? realpath(b.data, NULL) : NULL;
        ftl_buf_free(&b);
        d = d[n] ? d + n + 1 : NULL;
    }
    char *slash = path ? strrchr(path, '/') : NULL;
    int ok = 0;
    for (int up = 0; slash && up < 2 && !ok; up++) {
        FtlBuf inc;
        ftl_buf_init(&inc);
        ftl_buf_printf(&inc, "%.*s/%sinclude", (int)(slash - path), path, up ? "../" : "");
        ok = readable_in(inc.data, inc.len, f);
        ftl_buf_free(&inc);
    }
    free(path);
    return ok;
}

/* Whether protoc can read f: as a path, or (as protoc also takes it) a name under
 * one of the -I folders or under its own include folder. */
static int find_proto(const FtlImportRequest *req, const char *f)
{
    int ok = access(f, R_OK) == 0;
    for (size_t i = 0; !ok && f[0] != '/' && i < req->ninclude_dirs; i++)
        ok = readable_in(req->include_dirs[i], strlen(req->include_dirs[i]), f);
    return ok || (f[0] != '/' && in_protoc_include(req->protoc ? req->protoc : "protoc", f));
}

/* .proto files through protoc, descriptor sets as they are. Each .proto file
 * given is also a source (empty: protoc reads it), a file the compilation read. */
static FtlStatus load_proto(Import *im)
{
    const FtlImportRequest *req = im->req;
    const char **protos = ftl_xmalloc((req->nfiles + 1) * sizeof *protos);
    int n = 0;
    FtlStatus st = FTL_OK;
    for (size_t i = 0; i < req->nfiles && st == FTL_OK; i++) {
        const char *f = req->files[i];
        if (!ends_with(f, ".proto")) continue;
        if (!find_proto(req, f))
            st = io_error(im, "cannot read '%s': %s", f, strerror(errno));
        else
            protos[n++] = f, ftl_sources_add(im->env->src, f, "", 0);
    }
    if (st == FTL_OK && n) st = run_protoc(im, protos, n);
    for (size_t i = 0; i < req->nfiles && st == FTL_OK; i++)
        if (is_descriptor_set(req->files[i])) st = read_set(im, req->files[i]);
    free(protos);
    im->services = (const char **)req->services, im->nservices = (int)req->nservices;
    return st;
}

/* The server's descriptors, through the helper program that speaks gRPC
 * (import/reflect_run.h). */
static FtlStatus load_grpc(Import *im)
{
    const FtlImportRequest *req = im->req;
    char *cacert = NULL, err[1200];
    size_t len;
    /* The helper reads it; one that cannot be read is an input error, as with any input. */
    if (req->cacert && ftl_read_file(req->cacert, &cacert, &len, err, sizeof err) != 0)
        return io_error(im, "%s", err);
    free(cacert);
    FtlGrpcTarget t = {.address = req->address,
                       .plaintext = req->plaintext,
                       .cacert_file = req->cacert,
                       .headers = req->headers,
                       .nheaders = (int)req->nheaders,
                       .timeout = req->timeout > 0 ? req->timeout : 30};
    int rc = ftl_reflect_run(&t, req->services, (int)req->nservices, &im->pool, im->env->diags,
                             &im->services, &im->nservices, err, sizeof err);
    if (rc == -2) return io_error(im, "%s", err);
    return rc == 0 ? FTL_OK : FTL_ERRORS;
}

/* ---- the run --------------------------------------------------------------------------- */

FtlStatus ftl_imp_run(const FtlImpEnv *env, const FtlImportRequest *req, const char *realm,
                      FtlBuf *text, FtlBuf *mapping, char *err, size_t errsz)
{
    Import im = {env, req, {0}, {0}, NULL, 0, err, errsz};
    err[0] = '\0';
    int grpc = req->source == FTL_IMPORT_GRPC;
    ftl_ds_init(&im.pool, env->arena, env->in);
    ftl_map_init(&im.texts);
    FtlStatus st = grpc ? load_grpc(&im) : load_proto(&im);
    if (st == FTL_OK && ftl_diags_failed(env->diags)) st = FTL_ERRORS;
    if (st == FTL_OK) {
        FtlImportOptions io = {
            realm,       req->module_names, (int)req->nmodule_names,
            im.services, im.nservices,      grpc ? "the server" : "the descriptors"};
        FtlImpContext cx = {env->diags, env->src, grpc ? NULL : file_text, &im};
        FtlImpModel m;
        if (ftl_imp_map(&im.pool, &io, &cx, &m) != 0) {
            st = FTL_ERRORS;
        } else {
            /* The model points into the pool's descriptors: written before they go. */
            ftl_imp_write_ftl(text, &m);
            ftl_imp_write_mapping(mapping, &m);
        }
    }
    ftl_map_free(&im.texts);
    ftl_ds_free(&im.pool);
    return st;
}
