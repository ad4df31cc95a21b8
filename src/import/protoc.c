/* protoc.c - running protoc (spawn.h: an argument vector, no shell) and
 * reading what it says. Its descriptor set goes to a file in a temporary
 * directory, which is removed before any terminating signal that arrived
 * meanwhile takes effect. */
#define _XOPEN_SOURCE 700
#include "import/protoc.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "import/descset.h"
#include "import/spawn.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The temporary directory ($TMPDIR, else /tmp); NULL with err on failure. */
static char *temp_dir(char *err, size_t errsz)
{
    const char *tmp = getenv("TMPDIR");
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/ftlc-import.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    char *dir = (char *)ftl_buf_cstr(&b);
    if (mkdtemp(dir)) return dir;
    snprintf(err, errsz, "cannot make a temporary directory in %s: %s", tmp && *tmp ? tmp : "/tmp",
             strerror(errno));
    ftl_buf_free(&b);
    return NULL;
}

static char *path_in(const char *dir, const char *name)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/%s", dir, name);
    return (char *)ftl_buf_cstr(&b);
}

/* protoc has no "--": a file that begins with '-' is given as "./-x.proto". */
static char *arg_file(const char *f)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s%s", f[0] == '-' ? "./" : "", f);
    return (char *)ftl_buf_cstr(&b);
}

static char **make_argv(const FtlProtoc *pc, const char *out)
{
    char **argv = ftl_xmalloc(((size_t)pc->nincludes + (size_t)pc->nfiles + 5) * sizeof *argv);
    int n = 0;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "--descriptor_set_out=%s", out);
    argv[n++] = (char *)pc->program;
    argv[n++] = (char *)ftl_buf_cstr(&b);
    argv[n++] = "--include_imports";
    argv[n++] = "--include_source_info";
    for (int i = 0; i < pc->nincludes; i++) {
        ftl_buf_init(&b);
        ftl_buf_printf(&b, "--proto_path=%s", pc->includes[i]);
        argv[n++] = (char *)ftl_buf_cstr(&b);
    }
    for (int i = 0; i < pc->nfiles; i++)
        argv[n++] = arg_file(pc->files[i]);
    argv[n] = NULL;
    return argv;
}

static void free_argv(char **argv)
{
    free(argv[1]);
    for (int i = 4; argv[i]; i++)
        free(argv[i]);
    free(argv);
}

int ftl_protoc_run(const FtlProtoc *pc, FtlProtocResult *r, char *err, size_t errsz)
{
    memset(r, 0, sizeof *r);
    ftl_buf_init(&r->messages);
    char *dir = temp_dir(err, errsz);
    if (!dir) return -1;
    char *out = path_in(dir, "set.pb");
    char **argv = make_argv(pc, out);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT), sigaddset(&block, SIGTERM), sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    /* protoc's messages, on standard output or error, in the order it wrote them. */
    FtlSpawn sp = {pc->program, argv, 1, 0, &old};
    FtlSpawnResult sr;
    int rc = ftl_spawn(&sp, &sr, err, errsz);
    if (rc == FTL_SPAWN_NOT_RUN)
        snprintf(err + strlen(err), errsz - strlen(err),
                 " (install protobuf-compiler, or give its path with --protoc PATH)");
    r->status = sr.status;
    r->messages = sr.err;
    ftl_buf_free(&sr.out);
    if (rc == 0 && r->status == 0 && ftl_read_file(out, &r->set, &r->len, err, errsz) != 0) rc = -1;
    ftl_remove_tree(dir);
    sigprocmask(SIG_SETMASK, &old, NULL);
    free_argv(argv);
    free(out), free(dir);
    return rc == 0 ? 0 : -1;
}

void ftl_protoc_result_free(FtlProtocResult *r)
{
    free(r->set);
    ftl_buf_free(&r->messages);
    memset(r, 0, sizeof *r);
}

/* ---- protoc's messages ------------------------------------------------------------- */

/* Parses "FILE:LINE:COLUMN: TEXT"; returns the length of FILE, 0 when the line
 * has no position. */
static size_t position(const char *l, size_t n, int *line, int *col, size_t *text)
{
    for (size_t i = 1; i < n; i++) {
        if (l[i] != ':') continue;
        size_t j = i + 1;
        long a = 0, b = 0;
        while (j < n && l[j] >= '0' && l[j] <= '9' && a < 100000000)
            a = a * 10 + (l[j++] - '0');
        if (j == i + 1 || j >= n || l[j] != ':') continue;
        size_t k = ++j;
        while (j < n && l[j] >= '0' && l[j] <= '9' && b < 100000000)
            b = b * 10 + (l[j++] - '0');
        if (j == k || j + 1 >= n || l[j] != ':' || l[j + 1] != ' ') continue;
        *line = (int)a, *col = (int)b, *text = j + 2;
        return i;
    }
    return 0;
}

static unsigned report_line(const char *l, size_t n, FtlDiags *d, const FtlSources *src,
                            uint32_t (*source)(void *ctx, const char *file), void *ctx)
{
    int line = 0, col = 0;
    size_t text = 0, flen = position(l, n, &line, &col, &text);
    FtlSpan at = {0, 0, 0};
    if (flen) {
        char *file = ftl_xmalloc(flen + 1);
        memcpy(file, l, flen);
        file[flen] = 0;
        uint32_t id = source ? source(ctx, file) : 0;
        const FtlSource *s = id ? ftl_sources_get(src, id) : NULL;
        if (s) at = (FtlSpan){id, ftl_ds_offset(s, line - 1, col - 1), 0};
        at.end = at.off;
        free(file);
    }
    /* Without the text, the position stays in the message. */
    const char *msg = at.file ? l + text : l;
    size_t mlen = at.file ? n - text : n;
    if (mlen > 9 && strncmp(msg, "warning: ", 9) == 0) {
        ftl_warning(d, at, "W0629", "protoc: %.*s", (int)(mlen - 9), msg + 9);
        return 0;
    }
    ftl_error(d, at, "E0620", "protoc: %.*s", (int)mlen, msg);
    return 1;
}

unsigned ftl_protoc_report(const char *text, size_t len, FtlDiags *d, const FtlSources *src,
                           uint32_t (*source)(void *ctx, const char *file), void *ctx)
{
    unsigned errors = 0;
    for (const char *l = text, *end = text + len; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
        while (n && (l[n - 1] == '\r' || l[n - 1] == ' '))
            n--;
        if (n) errors += report_line(l, n, d, src, source, ctx);
        l = nl ? nl + 1 : end;
    }
    return errors;
}
