/* reflect_main.c - ftlc-grpc-reflect, the gRPC server reflection client of
 * `ftlc import grpc` as a program of its own (git's model: git-remote-https).
 * ftlc runs it only for that command (reflect_run.c), so that no other command
 * loads gRPC's C core and the libraries it needs. ftlc-import(1), THE
 * REFLECTION HELPER, documents its interface:
 *
 *   ftlc-grpc-reflect [--plaintext | --cacert FILE] [--header 'KEY: VALUE']...
 *                     [--service NAME]... [--timeout SECONDS] [--] HOST:PORT
 *
 * Standard output: a FileDescriptorSet (binary): the files that define the
 * services and every file they import, each as the server sent it, in the order
 * received. Standard error: one line of JSON, the report:
 *
 *   {"services": ["acme.billing.v1.Billing"]}                             exit 0
 *   {"diagnostics": [{"code": "E0630", "message": "cannot reach ..."}]}   exit 1
 *   {"error": "cannot open 'ca.pem': No such file or directory"}          exit 2
 *
 * Exit 1 is the server's failure (a diagnostic of ftlc-diagnostics(7), nothing
 * on standard output), exit 2 a usage or I/O error of the helper itself.
 */
#define _POSIX_C_SOURCE 200809L
#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/intern.h"
#include "import/descset.h"
#include "import/import.h"
#include "import/reflect.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USAGE                                                                                      \
    "usage: ftlc-grpc-reflect [--plaintext | --cacert FILE] [--header 'KEY: VALUE']...\n"          \
    "                         [--service NAME]... [--timeout SECONDS] [--] HOST:PORT\n"            \
    "Asks a gRPC server for its services' descriptors through server reflection:\n"                \
    "a FileDescriptorSet on standard output, a JSON report on standard error.\n"                   \
    "ftlc import grpc runs it (ftlc-import(1)).\n"

typedef struct Args {
    FtlGrpcTarget t;
    const char **services, **headers;
    int nservices, nheaders;
} Args;

/* Writes the report (one line) to standard error; returns status. */
static int report(json_t *r, int status)
{
    char *text = json_dumps(r, JSON_COMPACT | JSON_ENSURE_ASCII);
    json_decref(r);
    if (text) fprintf(stderr, "%s\n", text);
    free(text);
    return text ? status : 2;
}

static int fail(const char *fmt, const char *arg)
{
    char msg[1200];
    snprintf(msg, sizeof msg, fmt, arg);
    return report(json_pack("{s:o}", "error", ftl_imp_json_string(msg)), 2);
}

/* The value of option argv[*i]; NULL (after reporting) when it has none. */
static const char *value(int argc, char **argv, int *i)
{
    if (*i + 1 < argc) return argv[++*i];
    fail("option '%s' needs a value", argv[*i]);
    return NULL;
}

static int seconds(const char *s)
{
    char *end;
    long n = strtol(s, &end, 10);
    return *s && !*end && n >= 1 && n <= 86400 ? (int)n : 0;
}

/* Parses the command line into a; 0, 1 for --help, or 2 after reporting. */
static int parse(int argc, char **argv, Args *a)
{
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        const char *o = argv[i], *v = NULL;
        if (strcmp(o, "--") == 0) {
            i++;
            break;
        } else if (strcmp(o, "--help") == 0 || strcmp(o, "-h") == 0) {
            return 1;
        } else if (strcmp(o, "--plaintext") == 0) {
            a->t.plaintext = 1;
        } else if (strcmp(o, "--cacert") == 0 || strcmp(o, "--header") == 0 ||
                   strcmp(o, "--service") == 0 || strcmp(o, "--timeout") == 0) {
            if (!(v = value(argc, argv, &i))) return 2;
            if (o[2] == 'c') a->t.cacert_file = v;
            if (o[2] == 'h') a->headers[a->nheaders++] = v;
            if (o[2] == 's') a->services[a->nservices++] = v;
            if (o[2] == 't' && !(a->t.timeout = seconds(v)))
                return fail("--timeout needs a number of seconds from 1 to 86400, got '%s'", v);
        } else {
            return fail("unknown option '%s' (see --help)", o);
        }
    }
    if (i + 1 != argc) return fail("%s", "give one server (HOST:PORT; see --help)");
    if (a->t.plaintext && a->t.cacert_file)
        return fail("%s", "--plaintext and --cacert cannot be combined");
    char why[300];
    if (ftl_reflect_check_address(argv[i], why, sizeof why) != 0) return fail("%s", why);
    a->t.address = argv[i];
    if (!a->t.timeout) a->t.timeout = 30;
    a->t.headers = a->headers, a->t.nheaders = a->nheaders;
    return 0;
}

/* The errors of a fetch that failed, as the report's diagnostics. */
static int report_diags(const FtlDiags *d)
{
    json_t *list = json_array();
    for (unsigned i = 0; i < d->count; i++)
        json_array_append_new(list, json_pack("{s:s,s:o}", "code", d->items[i].code, "message",
                                              ftl_imp_json_string(d->items[i].msg)));
    return report(json_pack("{s:o}", "diagnostics", list), 1);
}

static int report_services(const char **chosen, int n)
{
    json_t *list = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(list, ftl_imp_json_string(chosen[i]));
    return report(json_pack("{s:o}", "services", list), 0);
}

/* Fetches the descriptors and writes them; the exit status. */
static int run(const Args *a)
{
    FtlArena arena;
    FtlInterner in;
    FtlDsPool pool;
    FtlDiags d;
    FtlBuf set;
    ftl_arena_init(&arena);
    ftl_intern_init(&in, &arena);
    ftl_ds_init(&pool, &arena, &in);
    ftl_diags_init(&d);
    ftl_buf_init(&set);
    const char **chosen = NULL;
    int n = 0, status;
    if (ftl_reflect_fetch(&a->t, a->services, a->nservices, &pool, &set, &d, &chosen, &n) != 0)
        status = report_diags(&d);
    else if (fwrite(set.data ? set.data : "", 1, set.len, stdout) != set.len || fflush(stdout))
        status = fail("%s", "cannot write standard output");
    else
        status = report_services(chosen, n);
    ftl_buf_free(&set);
    ftl_diags_free(&d);
    ftl_ds_free(&pool);
    ftl_intern_free(&in);
    ftl_arena_free(&arena);
    return status;
}

int main(int argc, char **argv)
{
    Args a;
    memset(&a, 0, sizeof a);
    a.services = calloc((size_t)argc, sizeof *a.services);
    a.headers = calloc((size_t)argc, sizeof *a.headers);
    int status = a.services && a.headers ? parse(argc, argv, &a) : 2;
    if (status == 1) {
        fputs(USAGE, stdout);
        status = 0;
    } else if (status == 0) {
        char *pem = NULL, err[600];
        size_t len;
        if (a.t.cacert_file && ftl_read_file(a.t.cacert_file, &pem, &len, err, sizeof err) != 0)
            status = fail("%s", err);
        else
            a.t.cacert = pem ? (pem[len] = 0, pem) : NULL, status = run(&a);
        free(pem);
    }
    free(a.services);
    free(a.headers);
    return status;
}
