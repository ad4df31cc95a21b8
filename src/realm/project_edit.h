/* project_edit.h - exclusive access to a project for the realm operations that
 * write (ftlc realm add, update, remove, fetch).
 *
 * Two commands run at once in one project must not lose each other's edits:
 * each takes an advisory lock on the project file (flock(2), LOCK_EX) before
 * reading it, reads it under the lock, and keeps the lock until its writes are
 * done. Writes replace the file (rename(2)), so a command that opened the old
 * file and then got the lock checks that the name still leads to the file it
 * locked, and tries again when it does not.
 *
 * Refused before anything is read, each with a message naming the file (I/O
 * errors, exit 2): a project file that is a symbolic link (writing would
 * replace the link; give the file it points to with --project), one that is
 * read-only or not writable by the user (replacing it would bypass that), a
 * lock file in either state, and a lock that another command holds past the
 * time allowed.
 */
#ifndef FTLC_PROJECT_EDIT_H
#define FTLC_PROJECT_EDIT_H

#include "realm/project.h"

typedef struct FtlProjectEdit {
    FtlProject project;
    int root;        /* the project's directory */
    int lockfd;      /* the project file, locked */
    char *name;      /* the project file's name in its directory */
    char *lock_name; /* the lock file's name in its directory */
} FtlProjectEdit;

/* Locks and reads the project file at path, and its lock file. Waits at most
 * timeout seconds for the lock, polling cancelled (may be NULL). Returns 0
 * (the project read, its problems in diags), or -1 with err; e is then empty
 * but may be given to ftl_project_edit_end. */
int ftl_project_edit_begin(FtlProjectEdit *e, const char *path, int timeout,
                           int (*cancelled)(void *ctx), void *ctx, FtlSources *src, FtlDiags *diags,
                           char *err, size_t errsz);

/* Unlocks and frees. */
void ftl_project_edit_end(FtlProjectEdit *e);

#endif
