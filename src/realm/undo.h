/* undo.h - the undo log of the realm operations' writes (ftlc realm add,
 * update, remove, fetch), so that a command that fails, or is interrupted,
 * leaves the project as it found it.
 *
 *   FtlUndo u;
 *   ftl_undo_init(&u, rootfd, "shop");            // the project's directory
 *   if (ftl_undo_write(&u, ".ftl/realms/bank/C.txtpb", data, len, err, n) != 0 ||
 *       ftl_undo_write(&u, "ftl-project.toml", text, tlen, err, n) != 0)
 *       ftl_undo_rollback(&u);                    // puts back what was there
 *   else
 *       ftl_undo_commit(&u);                      // and removes what was dropped
 *
 * Every path is relative to the project's directory and written with
 * ftl_write_at (base/fileio.h): atomically, never through a symbolic link. The
 * log remembers the contents of each regular file it replaces, and the
 * directories it makes; a rollback restores those files, removes the new ones
 * and then the new directories, newest first. Files to delete once everything
 * is written (the cache of a commit no longer pinned) are only deleted by the
 * commit. Recording a change that was made never allocates: running out of
 * memory (base/fault.h) between a write and its record cannot lose it.
 */
#ifndef FTLC_UNDO_H
#define FTLC_UNDO_H

#include <stddef.h>

typedef struct FtlUndoItem {
    char *rel; /* the file or directory, relative to the project's directory */
    char *old; /* the previous contents of a regular file written over; NULL if none */
    size_t oldlen;
    int dir; /* a directory made */
} FtlUndoItem;

typedef struct FtlUndo {
    int root;          /* the project's directory (not owned) */
    const char *where; /* its name in messages */
    FtlUndoItem *items;
    size_t n, cap;
    char **drop; /* regular files to delete at commit */
    size_t ndrop, capdrop;
} FtlUndo;

void ftl_undo_init(FtlUndo *u, int root, const char *where);

/* Writes rel (ftl_write_at), remembering what was there. Returns 0, or -1 with
 * err; nothing of this write is left then. */
int ftl_undo_write(FtlUndo *u, const char *rel, const char *data, size_t len, char *err,
                   size_t errsz);

/* Deletes rel (a regular file) now, remembering its contents. Returns 0 (also
 * when there is none), or -1 with err. */
int ftl_undo_remove(FtlUndo *u, const char *rel, char *err, size_t errsz);

/* Deletes the regular file rel at commit, not before. */
void ftl_undo_remove_later(FtlUndo *u, const char *rel);

/* Puts back what the log changed, newest first, and empties it. */
void ftl_undo_rollback(FtlUndo *u);

/* Deletes the files given to ftl_undo_remove_later and empties the log. */
void ftl_undo_commit(FtlUndo *u);

#endif
