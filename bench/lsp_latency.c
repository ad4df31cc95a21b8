/* lsp_latency.c - the language server's latency: the time from a didChange
 * to the publishDiagnostics that answers it, on a workspace of about 1 MB
 * (bench/gen's schema, one realm of many modules, plus a small file of the
 * same realm that uses them). Part of `make bench`; never a timed test.
 *
 *   lsp_latency FTLC GEN [MEGABYTES [RUNS]]      (defaults: 1 MB, 31 runs)
 *
 * Two cases, each RUNS edits after one to warm up: an edit of the small file
 * (the common case: the workspace is context), which breaks a reference and
 * fixes it again in turn; and an edit inside the 1 MB file, a letter of a
 * comment added and removed in turn. Prints the median, 90th percentile and
 * maximum in milliseconds of each, and the time the server took to publish the
 * first diagnostics after initialized. Wall time includes waiting for a CPU
 * on a busy machine; the server's own CPU time per edit (Linux
 * /proc/PID/schedstat, nanoseconds on a CPU) is printed beside it.
 */
#define _POSIX_C_SOURCE 200809L
#include "lsp/rpc.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 60000

typedef struct Server {
    pid_t pid;
    int to, from;
    LspReader in;
} Server;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void die(const char *what)
{
    fprintf(stderr, "lsp_latency: %s\n", what);
    exit(2);
}

static void start(Server *s, const char *ftlc, const char *dir)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out)) die("pipe");
    s->pid = fork();
    if (s->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        if (chdir(dir) != 0) _exit(127);
        execl(ftlc, ftlc, "lsp", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    s->to = in[1];
    s->from = out[0];
    lsp_reader_init(&s->in, s->from, 0);
}

static void send_msg(Server *s, json_t *msg)
{
    if (lsp_write(s->to, msg) != 0) die("the server does not read");
    json_decref(msg);
}

/* Reads messages until a publishDiagnostics for uri (or a response with id,
 * when uri is NULL) arrives. */
static void wait_for(Server *s, const char *uri, json_int_t id)
{
    for (;;) {
        struct pollfd p = {s->from, POLLIN, 0};
        if (!lsp_reader_ready(&s->in) && poll(&p, 1, TIMEOUT_MS) <= 0) die("no answer in time");
        json_t *m;
        char err[300];
        if (lsp_reader_next(&s->in, &m, err, sizeof err) != LSP_READ_OK) die("the server ended");
        const char *method = json_string_value(json_object_get(m, "method"));
        int done = uri ? method && strcmp(method, "textDocument/publishDiagnostics") == 0 &&
                             strcmp(json_string_value(
                                        json_object_get(json_object_get(m, "params"), "uri")),
                                    uri) == 0
                       : json_integer_value(json_object_get(m, "id")) == id;
        json_decref(m);
        if (done) return;
    }
}

static json_t *change(const char *uri, int version, int line, int from, int to, const char *text)
{
    return json_pack("{s:s, s:s, s:{s:{s:s, s:i}, s:[{s:{s:{s:i, s:i}, s:{s:i, s:i}}, s:s}]}}",
                     "jsonrpc", "2.0", "method", "textDocument/didChange", "params", "textDocument",
                     "uri", uri, "version", version, "contentChanges", "range", "start", "line",
                     line, "character", from, "end", "line", line, "character", to, "text", text);
}

/* The server's time on a CPU so far, in ms (0 where /proc does not tell). */
static double cpu_ms(pid_t pid)
{
    char path[64];
    unsigned long long ns = 0;
    snprintf(path, sizeof path, "/proc/%d/schedstat", (int)pid);
    FILE *f = fopen(path, "r");
    if (f) {
        if (fscanf(f, "%llu", &ns) != 1) ns = 0;
        fclose(f);
    }
    return (double)ns / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static void report(const char *what, double *ms, double *cpu, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, cmp_double);
    qsort(cpu, (size_t)n, sizeof *cpu, cmp_double);
    printf("%-44s median %6.1f ms  p90 %6.1f ms  max %6.1f ms  server CPU median %5.1f ms  "
           "(%d runs)\n",
           what, ms[n / 2], ms[(n * 9) / 10], ms[n - 1], cpu[n / 2], n);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot read the generated schema");
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *buf = malloc((size_t)n + 1);
    if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) die("cannot read the generated schema");
    buf[n] = 0;
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void open_doc(Server *s, const char *uri, const char *text)
{
    send_msg(s, json_pack("{s:s, s:s, s:{s:{s:s, s:s, s:i, s:s}}}", "jsonrpc", "2.0", "method",
                          "textDocument/didOpen", "params", "textDocument", "uri", uri,
                          "languageId", "ftl", "version", 1, "text", text));
    wait_for(s, uri, 0);
}

/* RUNS timed edits (after one untimed) of line `line`: [from, to) becomes
 * text, then back to undo, in turn. */
static void edits(Server *s, const char *uri, int runs, int line, int from, const char *text,
                  const char *undo, const char *what)
{
    double *ms = malloc((size_t)runs * sizeof *ms), *cpu = malloc((size_t)runs * sizeof *cpu);
    int tlen = (int)strlen(text), ulen = (int)strlen(undo);
    for (int i = 0; i <= runs; i++) {
        int broken = i % 2 == 0;
        double t0 = now_ms(), c0 = cpu_ms(s->pid);
        send_msg(
            s, change(uri, i + 2, line, from, from + (broken ? ulen : tlen), broken ? text : undo));
        wait_for(s, uri, 0);
        if (i) ms[i - 1] = now_ms() - t0, cpu[i - 1] = cpu_ms(s->pid) - c0;
    }
    report(what, ms, cpu, runs);
    free(ms);
    free(cpu);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: lsp_latency FTLC GEN [MEGABYTES [RUNS]]\n");
        return 2;
    }
    int mb = argc > 3 ? atoi(argv[3]) : 1, runs = argc > 4 ? atoi(argv[4]) : 31;
    char dir[] = "/tmp/ftlc-lsp-bench.XXXXXX", cmd[4096], uri_small[600], uri_big[600];
    if (!mkdtemp(dir)) die("mkdtemp");
    snprintf(cmd, sizeof cmd, "'%s' %d > %s/big.ftl", argv[2], mb, dir);
    if (system(cmd) != 0) die("the generator failed");
    static const char small[] = "realm bench {\n  module edit {\n    verb go(m0.Record0) Unit\n"
                                "      +calls m0.get0\n  }\n}\n";
    snprintf(cmd, sizeof cmd, "%s/small.ftl", dir);
    FILE *f = fopen(cmd, "w");
    if (!f || fputs(small, f) < 0 || fclose(f) != 0) die("cannot write the workspace");
    snprintf(uri_small, sizeof uri_small, "file://%s/small.ftl", dir);
    snprintf(uri_big, sizeof uri_big, "file://%s/big.ftl", dir);
    size_t biglen;
    snprintf(cmd, sizeof cmd, "%s/big.ftl", dir);
    char *big = read_file(cmd, &biglen);
    signal(SIGPIPE, SIG_IGN);

    Server s;
    char root[600];
    snprintf(root, sizeof root, "file://%s", dir);
    start(&s, argv[1], dir);
    send_msg(&s, json_pack("{s:s, s:i, s:s, s:{s:s, s:{}}}", "jsonrpc", "2.0", "id", 1, "method",
                           "initialize", "params", "rootUri", root, "capabilities"));
    wait_for(&s, NULL, 1);
    double t0 = now_ms();
    send_msg(&s,
             json_pack("{s:s, s:s, s:{}}", "jsonrpc", "2.0", "method", "initialized", "params"));
    open_doc(&s, uri_small, small);
    printf("workspace: %zu bytes in big.ftl, and small.ftl\n", biglen);
    printf("%-44s %7.1f ms\n", "initialized and didOpen to first diagnostics", now_ms() - t0);

    /* small.ftl line 2: "    verb go(m0.Record0) Unit": Record0 -> Recordx0 and back. */
    edits(&s, uri_small, runs, 2, 21, "x0", "0", "didChange (small file) to publishDiagnostics");

    t0 = now_ms();
    open_doc(&s, uri_big, big);
    printf("%-44s %7.1f ms\n", "didOpen (1 MB file) to publishDiagnostics", now_ms() - t0);
    /* big.ftl line 1: "  // Module 0: generated for benchmarks.": a letter in and out. */
    edits(&s, uri_big, runs, 1, 5, "xM", "M", "didChange (1 MB file) to publishDiagnostics");

    send_msg(&s, json_pack("{s:s, s:i, s:s}", "jsonrpc", "2.0", "id", 2, "method", "shutdown"));
    wait_for(&s, NULL, 2);
    send_msg(&s, json_pack("{s:s, s:s}", "jsonrpc", "2.0", "method", "exit"));
    int status;
    waitpid(s.pid, &status, 0);
    lsp_reader_free(&s.in);
    free(big);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
