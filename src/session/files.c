/* files.c - the session's cache of file texts and the in-memory buffers that
 * shadow them (overlays).
 *
 * A compilation reads every file through here (inputs, -I modules, external
 * realms, pinned caches, the project file), so an overlay shadows the file
 * wherever it is read. A file is read again only when stat(2) says it changed
 * (device, inode, size or modification time), and consulted at most once per
 * compile: a compile sees one text per path. Texts stay allocated until the
 * next compile begins, since the compilation borrows them (its sources).
 *
 * Files are read with ftl_input_read: a large one is mapped rather than
 * copied (base/fileio.h), so the compilation's sources, tokens and tree point
 * into the file's pages. Overlays are copies of the caller's buffer.
 *
 * Paths are keys after a lexical clean-up ("./a//b.ftl" is "a/b.ftl"); the
 * file system is not asked, so "/abs/a.ftl" and "a.ftl" are different keys.
 */
#define _POSIX_C_SOURCE 200809L /* st_mtim */
#include "session/session_int.h"
#include "base/buf.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void ses_files_init(SesFiles *f)
{
    memset(f, 0, sizeof *f);
    ftl_arena_init(&f->arena);
    ftl_intern_init(&f->names, &f->arena);
    ftl_map_init(&f->by_path);
    f->gen = 1;
}

static void text_free(SesText *t)
{
    ftl_input_free(&t->text);
    free(t->overlay);
    free(t->errmsg);
}

void ses_files_free(SesFiles *f)
{
    for (size_t i = 0; i < f->n; i++)
        text_free(&f->items[i]);
    free(f->items);
    ses_files_next(f);
    free(f->retired);
    ftl_map_free(&f->by_path);
    ftl_intern_free(&f->names);
    ftl_arena_free(&f->arena);
    memset(f, 0, sizeof *f);
}

void ses_files_next(SesFiles *f)
{
    for (size_t i = 0; i < f->nretired; i++)
        ftl_input_free(&f->retired[i]);
    f->nretired = 0;
    f->gen++;
}

/* Keeps a text until the next generation, since the compilation may borrow
 * it, and clears *in. */
static void retire(SesFiles *f, FtlInput *in)
{
    if (!in->data) return;
    f->retired = ftl_xrealloc(f->retired, (f->nretired + 1) * sizeof *f->retired);
    f->retired[f->nretired++] = *in;
    memset(in, 0, sizeof *in);
}

/* An overlay as a text to retire: malloc'd, never mapped. */
static void retire_overlay(SesFiles *f, SesText *t)
{
    FtlInput in = {t->overlay, t->overlay_len, 0};
    retire(f, &in);
    t->overlay = NULL;
}

/* The next segment of a path at or after p that is not "." (length in *n; 0 at
 * the end). */
static const char *path_segment(const char *p, size_t *n)
{
    for (;;) {
        while (*p == '/')
            p++;
        *n = strcspn(p, "/");
        if (!(*n == 1 && p[0] == '.')) return p;
        p++;
    }
}

void ses_path_clean(FtlBuf *b, const char *path)
{
    size_t start = b->len, n;
    if (*path == '/') ftl_buf_putc(b, '/');
    for (const char *p = path_segment(path, &n); n; p = path_segment(p + n, &n)) {
        if (b->len > start && b->data[b->len - 1] != '/') ftl_buf_putc(b, '/');
        ftl_buf_put(b, p, n);
    }
    if (b->len == start) ftl_buf_puts(b, *path ? "." : "");
    ftl_buf_cstr(b);
}

int ses_path_equal(const char *a, const char *b)
{
    if ((*a == '/') != (*b == '/')) return 0;
    for (;;) {
        size_t na, nb;
        a = path_segment(a, &na);
        b = path_segment(b, &nb);
        if (na != nb || memcmp(a, b, na) != 0) return 0;
        if (na == 0) return 1;
        a += na;
        b += nb;
    }
}

/* The key of path: ses_path_clean's, interned. */
static const char *files_key(SesFiles *f, const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ses_path_clean(&b, path);
    const char *key = ftl_intern(&f->names, b.data, b.len);
    ftl_buf_free(&b);
    return key;
}

/* The entry of path, made when create is set; NULL when there is none. */
static SesText *files_get(SesFiles *f, const char *path, int create)
{
    const char *key = files_key(f, path);
    uintptr_t at = (uintptr_t)ftl_map_get(&f->by_path, key);
    if (at) return &f->items[at - 1];
    if (!create) return NULL;
    if (f->n == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 16;
        f->items = ftl_xrealloc(f->items, f->cap * sizeof *f->items);
    }
    SesText *t = &f->items[f->n];
    memset(t, 0, sizeof *t);
    t->path = key;
    ftl_map_set(&f->by_path, key, (void *)(uintptr_t)++f->n);
    return t;
}

static int same_file(const SesText *t, const struct stat *st)
{
    return t->dev == st->st_dev && t->ino == st->st_ino && t->size == st->st_size &&
           t->mtime.tv_sec == st->st_mtim.tv_sec && t->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* Reads the file of t from disk (st: its stat, NULL when unknown). */
static void files_load(SesFiles *f, SesText *t, const char *path, const struct stat *st)
{
    char err[600];
    retire(f, &t->text);
    free(t->errmsg);
    t->errmsg = NULL;
    t->error = 0;
    if (ftl_input_read(path, f->map, &t->text, err, sizeof err) != 0) {
        t->error = errno ? errno : EIO;
        size_t n = strlen(err);
        t->errmsg = ftl_xmalloc(n + 1);
        memcpy(t->errmsg, err, n + 1);
        return;
    }
    f->reads++;
    if (st) {
        t->dev = st->st_dev;
        t->ino = st->st_ino;
        t->size = st->st_size;
        t->mtime = st->st_mtim;
    } else {
        t->size = -1; /* never the same: read again next time */
    }
}

int ses_files_read(SesFiles *f, const char *path, const char **data, size_t *len, char *err,
                   size_t errsz)
{
    SesText *t = files_get(f, path, 1);
    if (t->overlay) {
        *data = t->overlay;
        *len = t->overlay_len;
        return 0;
    }
    int is_stdin = strcmp(path, "-") == 0;
    if (t->checked != f->gen && !(is_stdin && t->checked)) {
        t->checked = f->gen;
        struct stat st;
        int known = !is_stdin && stat(path, &st) == 0;
        if (!(known && t->text.data && same_file(t, &st)))
            files_load(f, t, path, known ? &st : NULL);
    }
    if (!t->text.data) {
        snprintf(err, errsz, "%s", t->errmsg ? t->errmsg : "cannot read the file");
        errno = t->error;
        return -1;
    }
    *data = t->text.data;
    *len = t->text.len;
    return 0;
}

int ses_files_changed(SesFiles *f, const char *path)
{
    SesText *t = files_get(f, path, 0);
    struct stat st;
    if (!t || t->overlay || !t->text.data || t->size < 0 || stat(path, &st) != 0) return 0;
    return !same_file(t, &st);
}

void ses_files_written(SesFiles *f, const char *path)
{
    SesText *t = files_get(f, path, 0);
    if (t) t->size = -1; /* what is cached is no longer the file: read it again */
}

int ses_files_mapped(SesFiles *f, const char *path)
{
    SesText *t = files_get(f, path, 0);
    return t && !t->overlay && t->text.map != 0;
}

int ses_files_reader(void *ctx, const char *path, const char **data, size_t *len, char *err,
                     size_t errsz)
{
    return ses_files_read(ctx, path, data, len, err, errsz);
}

void ses_files_set_overlay(SesFiles *f, const char *path, const char *text, size_t len)
{
    SesText *t = files_get(f, path, 1);
    char *copy = ftl_xmalloc(len + 1);
    if (len) memcpy(copy, text, len);
    copy[len] = '\0';
    retire_overlay(f, t);
    t->overlay = copy;
    t->overlay_len = len;
}

int ses_files_remove_overlay(SesFiles *f, const char *path)
{
    SesText *t = files_get(f, path, 0);
    if (!t || !t->overlay) return -1;
    retire_overlay(f, t);
    t->checked = 0; /* consult the disk at the next read */
    return 0;
}
