/* lsp_client.c - a scripted Language Server Protocol client for the tests: it
 * starts the server, sends what a script says and checks that every message
 * the server sends is exactly the one the script expects, in order.
 *
 *   lsp_client [-D NAME=VALUE]... SCRIPT -- SERVER [ARG...]
 *
 * A script is a sequence of directives; a JSON value may span lines:
 *
 *   # a comment                  (lines starting with '#' and blank lines)
 *   send JSON                    frame JSON with Content-Length and write it
 *   raw "TEXT"                   write TEXT as it is (a JSON string: "\r\n" escapes)
 *   batch ... end                everything in between goes out in one write(2)
 *   expect JSON                  the next message from the server is JSON (json_equal)
 *   close                        close the server's standard input
 *   exit N                       the server ends with status N and sends nothing more
 *   include NAME                 play the script NAME (in the folder of SCRIPT) here
 *   file PATH "TEXT"             write TEXT (a JSON string) to PATH, relative to the
 *                                current directory (the workspace); "" removes it
 *
 * ${NAME} in the script is replaced by the value of -D NAME=VALUE. A message
 * that is not the one expected prints both and fails the script. With
 * LSP_RECORD=1 in the environment every message received at an expect is
 * printed as an "expect" line instead of compared, for writing scripts
 * (review what it prints).
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
#include <unistd.h>

#define TIMEOUT_MS 20000

typedef struct Client {
    const char *script; /* the script being played (an include's while it plays) */
    int line;
    char **defs; /* -D NAME=VALUE */
    int ndefs, depth;
    char *dir; /* the folder of the first script, where includes are found */
    pid_t pid;
    int to, from; /* the server's stdin and stdout */
    LspReader in;
    char *batch; /* bytes of a batch being collected */
    size_t nbatch;
    int in_batch, record, failed;
} Client;

static char *read_all(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = NULL;
    size_t cap = 0, len = 0, got;
    do {
        if (len + 4096 >= cap) {
            cap = cap ? 2 * cap : 8192;
            buf = realloc(buf, cap);
            if (!buf) exit(2);
        }
        got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
    } while (got);
    fclose(f);
    buf[len] = 0;
    *n = len;
    return buf;
}

/* Replaces every ${NAME} of text by its -D value (malloc'd). */
static char *substitute(const char *text, char **defs, int ndefs)
{
    size_t cap = strlen(text) + 1, len = 0;
    char *out = malloc(cap);
    for (const char *p = text; *p;) {
        const char *val = NULL;
        size_t skip = 0;
        for (int i = 0; p[0] == '$' && p[1] == '{' && i < ndefs && !val; i++) {
            size_t n = strcspn(defs[i], "=");
            if (strncmp(p + 2, defs[i], n) == 0 && p[2 + n] == '}') {
                val = defs[i] + n + 1;
                skip = n + 3;
            }
        }
        size_t add = val ? strlen(val) : 1;
        if (len + add + 1 > cap) {
            cap = 2 * (len + add + 1);
            out = realloc(out, cap);
        }
        memcpy(out + len, val ? val : p, add);
        len += add;
        p += val ? skip : 1;
    }
    out[len] = 0;
    return out;
}

static void fail(Client *c, const char *what)
{
    fprintf(stderr, "%s:%d: %s\n", c->script, c->line, what);
    c->failed = 1;
}

static void start(Client *c, char **argv)
{
    int in[2], out[2];
    if (pipe(in) || pipe(out)) exit(2);
    c->pid = fork();
    if (c->pid == 0) {
        dup2(in[0], 0);
        dup2(out[1], 1);
        close(in[0]), close(in[1]), close(out[0]), close(out[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(in[0]);
    close(out[1]);
    c->to = in[1];
    c->from = out[0];
    lsp_reader_init(&c->in, c->from, 0);
}

static void put(Client *c, const char *data, size_t n)
{
    if (c->in_batch) {
        c->batch = realloc(c->batch, c->nbatch + n);
        memcpy(c->batch + c->nbatch, data, n);
        c->nbatch += n;
        return;
    }
    while (n) {
        ssize_t w = write(c->to, data, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) {
            fail(c, "the server does not read its input");
            return;
        }
        data += w;
        n -= (size_t)w;
    }
}

static void send_json(Client *c, const json_t *v)
{
    char *body = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    char head[64];
    int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", strlen(body));
    put(c, head, (size_t)h);
    put(c, body, strlen(body));
    free(body);
}

/* The next message from the server, or NULL after TIMEOUT_MS or at its end. */
static json_t *receive(Client *c)
{
    struct pollfd p = {c->from, POLLIN, 0};
    if (!lsp_reader_ready(&c->in) && poll(&p, 1, TIMEOUT_MS) <= 0) return NULL;
    json_t *msg;
    char err[300];
    LspReadStatus st = lsp_reader_next(&c->in, &msg, err, sizeof err);
    if (st == LSP_READ_OK) return msg;
    if (st != LSP_READ_EOF) fprintf(stderr, "%s:%d: bad message: %s\n", c->script, c->line, err);
    return NULL;
}

static void expect(Client *c, const json_t *want)
{
    json_t *got = receive(c);
    if (c->record && got) {
        char *s = json_dumps(got, JSON_COMPACT);
        printf("expect %s\n", s);
        free(s);
    }
    if (!got) {
        fail(c, "no message from the server (it ended, or nothing came in time)");
    } else if (!json_equal(got, want) && !c->record) {
        char *w = json_dumps(want, JSON_INDENT(1) | JSON_SORT_KEYS);
        char *g = json_dumps(got, JSON_INDENT(1) | JSON_SORT_KEYS);
        fail(c, "the server sent another message");
        fprintf(stderr, "--- expected\n%s\n--- received\n%s\n", w, g);
        free(w);
        free(g);
    }
    json_decref(got);
}

static void wait_exit(Client *c, int want)
{
    json_t *extra;
    while ((extra = receive(c))) {
        char *s = json_dumps(extra, JSON_COMPACT);
        fail(c, "a message after the last one expected");
        fprintf(stderr, "    %s\n", s);
        free(s);
        json_decref(extra);
    }
    int status;
    if (waitpid(c->pid, &status, 0) != c->pid) {
        fail(c, "waitpid failed");
        return;
    }
    c->pid = 0;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
        char msg[100];
        snprintf(msg, sizeof msg, "the server ended with status %d (signal %d), expected %d",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1,
                 WIFSIGNALED(status) ? WTERMSIG(status) : 0, want);
        fail(c, msg);
    }
}

/* Parses the JSON value at *p (which may span lines) and moves past it. */
static json_t *take_json(Client *c, const char **p)
{
    json_error_t e;
    json_t *v = json_loads(*p, JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &e);
    if (!v) {
        char msg[300];
        snprintf(msg, sizeof msg, "bad JSON in the script: %s", e.text);
        fail(c, msg);
        return NULL;
    }
    for (int i = 0; i < e.position; i++)
        c->line += (*p)[i] == '\n';
    *p += e.position;
    return v;
}

static void run(Client *c, const char *text);

/* Plays the script at path (after ${NAME} substitution); 0, or -1 when it
 * cannot be read. */
static int play(Client *c, const char *path)
{
    size_t n;
    char *raw = read_all(path, &n);
    if (!raw) return -1;
    char *text = substitute(raw, c->defs, c->ndefs);
    const char *script = c->script;
    int line = c->line;
    c->script = path;
    c->depth++;
    run(c, text);
    c->depth--;
    c->script = script;
    c->line = line;
    free(text);
    free(raw);
    return 0;
}

/* include NAME: the rest of the line names a script in c->dir. */
static void include(Client *c, const char **p)
{
    size_t n = strcspn(*p, " \t\n");
    char *path = malloc(strlen(c->dir) + n + 2);
    sprintf(path, "%s/%.*s", c->dir, (int)n, *p);
    *p += n;
    if (c->depth > 8)
        fail(c, "includes nested too deep");
    else if (play(c, path) != 0)
        fail(c, "cannot read the included script");
    free(path);
}

/* file PATH "TEXT": files made, changed or deleted outside the editor. */
static void write_file(Client *c, const char **p)
{
    size_t n = strcspn(*p, " \t\n");
    char *path = strndup(*p, n);
    *p += n;
    while (**p == ' ' || **p == '\t')
        (*p)++;
    json_t *v = take_json(c, p);
    if (v && json_is_string(v)) {
        size_t len = json_string_length(v);
        FILE *f = len ? fopen(path, "w") : NULL;
        if (!len) {
            remove(path);
        } else {
            int ok = f && fwrite(json_string_value(v), 1, len, f) == len;
            if ((f && fclose(f) != 0) || !ok) fail(c, "cannot write the file");
        }
    } else if (v) {
        fail(c, "file needs a JSON string");
    }
    json_decref(v);
    free(path);
}

static int word(const char **p, const char *w)
{
    size_t n = strlen(w);
    if (strncmp(*p, w, n) != 0 || ((*p)[n] && !strchr(" \t\n", (*p)[n]))) return 0;
    *p += n;
    while (**p == ' ' || **p == '\t')
        (*p)++;
    return 1;
}

static void run(Client *c, const char *text)
{
    const char *p = text;
    c->line = 1;
    while (*p && !c->failed) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\n' || *p == '#') {
            p += strcspn(p, "\n");
            if (*p) p++, c->line++;
            continue;
        }
        json_t *v = NULL;
        if (word(&p, "send") && (v = take_json(c, &p))) {
            send_json(c, v);
        } else if (word(&p, "raw") && (v = take_json(c, &p))) {
            put(c, json_string_value(v), json_string_length(v));
        } else if (word(&p, "expect") && (v = take_json(c, &p))) {
            expect(c, v);
        } else if (word(&p, "batch")) {
            c->in_batch = 1;
        } else if (word(&p, "end")) {
            c->in_batch = 0;
            put(c, c->batch, c->nbatch);
            c->nbatch = 0;
        } else if (word(&p, "close")) {
            close(c->to);
            c->to = -1;
        } else if (word(&p, "file")) {
            write_file(c, &p);
        } else if (word(&p, "include")) {
            include(c, &p);
        } else if (word(&p, "exit")) {
            wait_exit(c, atoi(p));
            p += strspn(p, "0123456789");
        } else if (!c->failed) {
            fail(c, "unknown directive");
        }
        json_decref(v);
    }
}

int main(int argc, char **argv)
{
    char *defs[64];
    int ndefs = 0, i = 1;
    for (; i + 1 < argc && strcmp(argv[i], "-D") == 0 && ndefs < 64; i += 2)
        defs[ndefs++] = argv[i + 1];
    if (i + 2 >= argc || strcmp(argv[i + 1], "--") != 0) {
        fprintf(stderr, "usage: lsp_client [-D NAME=VALUE]... SCRIPT -- SERVER [ARG...]\n");
        return 2;
    }
    Client c = {0};
    c.script = argv[i];
    c.defs = defs;
    c.ndefs = ndefs;
    c.record = getenv("LSP_RECORD") != NULL;
    c.dir = strdup(argv[i]);
    char *slash = strrchr(c.dir, '/');
    if (slash)
        *slash = 0;
    else
        strcpy(c.dir, ".");
    signal(SIGPIPE, SIG_IGN);
    start(&c, argv + i + 2);
    if (play(&c, argv[i]) != 0) {
        perror(argv[i]);
        c.failed = 1;
    }
    if (c.pid) {
        if (c.to >= 0) close(c.to);
        kill(c.pid, SIGKILL);
        waitpid(c.pid, NULL, 0);
        if (!c.failed) fail(&c, "the script ended before the server did (use 'exit N')");
    }
    lsp_reader_free(&c.in);
    free(c.dir);
    free(c.batch);
    return c.failed;
}
