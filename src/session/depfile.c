/* depfile.c - the files a compile read, and the make rule that lists them
 * (gcc's -MD format; -MP's empty rules on request). */
#include "session/session_int.h"
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

const char *const *ftl_session_files(FtlSession *s, size_t *count)
{
    *count = 0;
    if (!s || !s->comp) return NULL;
    SesComp *c = s->comp;
    if (!c->file_names) {
        const char **names = malloc((c->nfiles + 1) * sizeof *names);
        if (!names) return NULL;
        size_t n = 0;
        for (uint32_t i = 0; i < c->nfiles; i++)
            if (strcmp(c->src.files[i].name, "<builtin>") != 0) names[n++] = c->src.files[i].name;
        names[n] = NULL;
        c->file_names = names;
    }
    for (*count = 0; c->file_names[*count];)
        ++*count;
    return c->file_names;
}

/* A name in a make rule: spaces, '#' (and ':' in the target) escaped with a
 * backslash, '$' doubled. */
static void put_make_name(FtlBuf *b, const char *name, int target)
{
    for (const char *p = name; *p; p++) {
        if (*p == ' ' || *p == '#' || (target && *p == ':')) ftl_buf_putc(b, '\\');
        if (*p == '$') ftl_buf_putc(b, '$');
        ftl_buf_putc(b, *p);
    }
}

typedef struct DepArg {
    const char *path, *target;
    int phony;
} DepArg;

/* The target when none is given: the depfile's name without ".d", else with
 * ".stamp" added, so that the rule never names an input as its target. */
static void default_target(FtlBuf *b, const char *path)
{
    size_t n = strlen(path);
    if (n > 2 && strcmp(path + n - 2, ".d") == 0)
        ftl_buf_put(b, path, n - 2);
    else
        ftl_buf_printf(b, "%s.stamp", path);
}

static FtlStatus depfile_body(FtlSession *s, void *arg)
{
    DepArg *x = arg;
    SesComp *c = ses_comp(s);
    FtlBuf b, t;
    ftl_buf_init(&b);
    ftl_buf_init(&t);
    if (x->target)
        ftl_buf_puts(&t, x->target);
    else
        default_target(&t, x->path);
    put_make_name(&b, ftl_buf_cstr(&t), 1);
    ftl_buf_putc(&b, ':');
    for (uint32_t i = 0; i < c->nfiles; i++) {
        const char *name = c->src.files[i].name;
        if (name[0] == '<') continue; /* <builtin>, <stdin> */
        ftl_buf_puts(&b, " \\\n  ");
        put_make_name(&b, name, 0);
    }
    ftl_buf_putc(&b, '\n');
    /* gcc's -MP: an empty rule for every prerequisite but the first (the main
     * input, which the build's own rule names). */
    int first = 1;
    for (uint32_t i = 0; x->phony && i < c->nfiles; i++) {
        const char *name = c->src.files[i].name;
        if (name[0] == '<') continue;
        if (first) {
            first = 0;
            continue;
        }
        ftl_buf_putc(&b, '\n');
        put_make_name(&b, name, 1);
        ftl_buf_puts(&b, ":\n");
    }
    char err[600];
    FtlStatus st = FTL_OK;
    ses_clear_error(s);
    /* Never over a file the compile read (ftlc(1), OUTPUT FILES). */
    size_t nread;
    const char *const *read = ftl_session_files(s, &nread);
    if (ftl_write_output(x->path, ftl_buf_cstr(&b), b.len, read, nread, err, sizeof err) != 0) {
        ftl_error(&c->diags, (FtlSpan){0}, SES_IO_CODE, "%s", err);
        c->out_valid = 0;
        ses_set_error(s, "%s", err);
        st = FTL_EIO;
    }
    ftl_buf_free(&b);
    ftl_buf_free(&t);
    return st;
}

FtlStatus ftl_session_write_depfile(FtlSession *s, const char *path, const char *target, int phony)
{
    if (!s || !path || !*path) return FTL_EINVAL;
    DepArg x = {path, target, phony};
    return ses_run(s, depfile_body, &x);
}

typedef struct WriteArg {
    const char *path;
    const void *data;
    size_t len;
    int output; /* ftl_session_write_output */
} WriteArg;

const char **ses_guarded_files(FtlSession *s, const char *path, int output, size_t *n)
{
    size_t nread = 0;
    const char *const *read = output ? ftl_session_files(s, &nread) : NULL;
    if (output && !read && s->comp && s->comp->nfiles) ftl_oom(); /* no list: no write */
    const char **files = ftl_xmalloc((s->ninputs + nread + 1) * sizeof *files);
    *n = 0;
    for (size_t i = 0; i < nread; i++)
        files[(*n)++] = read[i];
    for (size_t i = 0; !output && i < s->ninputs; i++)
        if (strcmp(s->inputs[i], path) != 0) files[(*n)++] = s->inputs[i];
    return files;
}

static FtlStatus write_body(FtlSession *s, void *arg)
{
    WriteArg *x = arg;
    char err[600];
    ses_clear_error(s);
    /* Rewriting an input (fmt -w, fixes) that another program changed since
     * it was read would lose that change, or splice edits made for the old
     * text into the new one: a mapped text shows what was written over the
     * file in place (base/fileio.h). */
    if (!x->output && ses_files_changed(&s->files, x->path)) {
        ses_set_error(s, "refusing to rewrite '%s': it changed after ftlc read it", x->path);
        return FTL_EIO;
    }
    size_t n;
    const char **files = ses_guarded_files(s, x->path, x->output, &n);
    int rc = ftl_write_output(x->path, x->len ? x->data : "", x->len, files, n, err, sizeof err);
    free(files);
    if (rc == 0 && !x->output) ses_files_written(&s->files, x->path);
    if (rc == 0) return FTL_OK;
    ses_set_error(s, "%s", err);
    return FTL_EIO;
}

static FtlStatus write_file(FtlSession *s, const char *path, const void *data, size_t len,
                            int output)
{
    if (!s || !path || !*path || (!data && len)) return FTL_EINVAL;
    WriteArg x = {path, data, len, output};
    return ses_run(s, write_body, &x);
}

FtlStatus ftl_session_write_file(FtlSession *s, const char *path, const void *data, size_t len)
{
    return write_file(s, path, data, len, 0);
}

FtlStatus ftl_session_write_output(FtlSession *s, const char *path, const void *data, size_t len)
{
    return write_file(s, path, data, len, 1);
}
