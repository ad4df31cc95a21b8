/* undo.c - the undo log of the realm operations (see undo.h). */
#define _POSIX_C_SOURCE 200809L
#include "realm/undo.h"
#include "base/arena.h"
#include "base/fileio.h"
#include "base/source.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void ftl_undo_init(FtlUndo *u, int root, const char *where)
{
    memset(u, 0, sizeof *u);
    u->root = root;
    u->where = where;
}

static char *dup_n(const char *s, size_t n)
{
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* Room for n more items, so that recording a write that was done never
 * allocates: running out of memory (base/fault.h) cannot lose it. */
static void reserve(FtlUndo *u, size_t n)
{
    if (u->cap - u->n >= n) return;
    size_t cap = u->cap ? u->cap : 8;
    while (cap - u->n < n)
        cap *= 2;
    u->items = ftl_xrealloc(u->items, cap * sizeof *u->items);
    u->cap = cap;
}

/* The directories a write may make: the parts of its path before each slash,
 * copied before writing; ftl_write_at tells each one it makes. */
typedef struct Made {
    FtlUndo *u;
    char **dirs;
    size_t n;
} Made;

/* Undone after the files in it. */
static void made_dir(void *ctx, const char *rel, size_t n)
{
    Made *m = ctx;
    for (size_t i = 0; i < m->n; i++)
        if (m->dirs[i] && strlen(m->dirs[i]) == n && memcmp(m->dirs[i], rel, n) == 0) {
            m->u->items[m->u->n++] = (FtlUndoItem){m->dirs[i], NULL, 0, 1};
            m->dirs[i] = NULL;
            return;
        }
}

/* The contents of the regular file rel, to put back; *had is 0 when there is
 * none (or it is not a regular file: a rollback then removes what replaced it). */
static int save_old(FtlUndo *u, const char *rel, FtlUndoItem *item, char *err, size_t errsz)
{
    int rc =
        ftl_read_at(u->root, u->where, rel, FTL_MAX_INPUT, &item->old, &item->oldlen, err, errsz);
    if (rc == 0) return 0;
    item->old = NULL;
    /* A link or a FIFO where ftlc writes is replaced, not kept: the new file is
     * what the command means to leave. */
    return rc > 0 ? 0 : -1;
}

static void remove_dir(const FtlUndo *u, const char *rel);

/* Undoes items [from, n), newest first, and drops them from the log. */
static void undo_from(FtlUndo *u, size_t from)
{
    char err[512];
    for (size_t i = u->n; i-- > from;) {
        FtlUndoItem *it = &u->items[i];
        if (it->dir)
            remove_dir(u, it->rel);
        else if (it->old)
            ftl_write_at(u->root, u->where, it->rel, it->old, it->oldlen, NULL, NULL, err,
                         sizeof err);
        else
            ftl_unlink_at(u->root, u->where, it->rel, err, sizeof err);
        free(it->rel);
        free(it->old);
    }
    u->n = from;
}

int ftl_undo_write(FtlUndo *u, const char *rel, const char *data, size_t len, char *err,
                   size_t errsz)
{
    FtlUndoItem item = {dup_n(rel, strlen(rel)), NULL, 0, 0};
    if (save_old(u, rel, &item, err, errsz) != 0) {
        free(item.rel);
        return -1;
    }
    Made m = {u, NULL, 0};
    for (const char *c = rel; *c; c++)
        m.n += *c == '/';
    m.dirs = ftl_xmalloc((m.n ? m.n : 1) * sizeof *m.dirs);
    size_t k = 0;
    for (const char *c = rel; *c; c++)
        if (*c == '/') m.dirs[k++] = dup_n(rel, (size_t)(c - rel));
    reserve(u, m.n + 1);
    size_t mark = u->n;
    int rc = ftl_write_at(u->root, u->where, rel, data, len, made_dir, &m, err, errsz);
    for (size_t i = 0; i < m.n; i++)
        free(m.dirs[i]);
    free(m.dirs);
    if (rc != 0) {
        free(item.rel);
        free(item.old);
        undo_from(u, mark); /* the directories made for it */
        return -1;
    }
    u->items[u->n++] = item;
    return 0;
}

int ftl_undo_remove(FtlUndo *u, const char *rel, char *err, size_t errsz)
{
    FtlUndoItem item = {dup_n(rel, strlen(rel)), NULL, 0, 0};
    int rc = save_old(u, rel, &item, err, errsz);
    reserve(u, 1);
    if (rc == 0 && item.old) rc = ftl_unlink_at(u->root, u->where, rel, err, errsz) < 0 ? -1 : 0;
    if (rc == 0 && item.old) {
        u->items[u->n++] = item;
        return 0;
    }
    free(item.rel);
    free(item.old);
    return rc;
}

void ftl_undo_remove_later(FtlUndo *u, const char *rel)
{
    if (u->ndrop == u->capdrop) {
        u->capdrop = u->capdrop ? u->capdrop * 2 : 4;
        u->drop = ftl_xrealloc(u->drop, u->capdrop * sizeof *u->drop);
    }
    u->drop[u->ndrop++] = dup_n(rel, strlen(rel));
}

static void undo_free(FtlUndo *u)
{
    for (size_t i = 0; i < u->n; i++) {
        free(u->items[i].rel);
        free(u->items[i].old);
    }
    for (size_t i = 0; i < u->ndrop; i++)
        free(u->drop[i]);
    free(u->items);
    free(u->drop);
    ftl_undo_init(u, u->root, u->where);
}

/* Removes the directory rel (when empty) under the root, never through a link. */
static void remove_dir(const FtlUndo *u, const char *rel)
{
    const char *slash = strrchr(rel, '/');
    char *parent = dup_n(rel, slash ? (size_t)(slash - rel) : 0), err[512];
    int fd = ftl_dir_open_at(u->root, u->where, parent, 0, NULL, NULL, err, sizeof err);
    if (fd >= 0) {
        unlinkat(fd, slash ? slash + 1 : rel, AT_REMOVEDIR);
        close(fd);
    }
    free(parent);
}

void ftl_undo_rollback(FtlUndo *u)
{
    undo_from(u, 0);
    undo_free(u);
}

void ftl_undo_commit(FtlUndo *u)
{
    char err[512];
    for (size_t i = 0; i < u->ndrop; i++)
        ftl_unlink_at(u->root, u->where, u->drop[i], err, sizeof err);
    undo_free(u);
}
