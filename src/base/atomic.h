/* atomic.h - replacing a file atomically, whole or written in parts.
 *
 * A file is replaced by writing its new contents to a temporary file in the
 * same directory, giving it the old file's permissions (a new file's are 0666
 * less the umask), flushing it to disk and renaming it over the target, so a
 * reader (or a crash) never sees a half-written file. On Linux the temporary
 * file has no name until it is complete (O_TMPFILE), so a run killed while it
 * writes leaves nothing; elsewhere it may leave a "NAME.ftlc-XXXXXX", created
 * exclusively and never through a link.
 */
#ifndef FTLC_ATOMIC_H
#define FTLC_ATOMIC_H

#include "base/buf.h"

#include <stddef.h>
#include <sys/types.h>

/* Room for a temporary name: a name component of up to 495 bytes and its
 * ".ftlc-XXXXXX" (longer names fail as open(2) would). */
#define FTL_ATOMIC_NAME_MAX 512

/* A file being replaced: opened (ftl_atomic_open), written in any number of
 * parts (ftl_atomic_write), then either committed, which renames it over the
 * target, or dropped, which leaves the target as it was. Either ends it. */
typedef struct FtlAtomicFile {
    int dir;          /* the target's directory (O_PATH); -1 when written in place */
    int own_dir;      /* dir is closed at the end */
    int fd;           /* the temporary file; -1 in place */
    int named;        /* the temporary file has the name tmp */
    int error;        /* errno of the first write that failed; 0 */
    int stream;       /* in place: our standard output or error, else -1 */
    mode_t mode;      /* what the new file gets */
    const char *path; /* the target as given, for messages */
    const char *name; /* its last part in dir */
    char *owned;      /* malloc'd: what path and name point into, or NULL */
    FtlBuf held;      /* in place: the contents, written at the commit (soft) */
    char tmp[FTL_ATOMIC_NAME_MAX];
} FtlAtomicFile;

/* Starts replacing path. The rules of ftl_write_atomic apply, decided now:
 * a directory is refused; a destination that exists and is not a regular
 * file, or that is our own standard output or error, is written in place at
 * the commit (its contents are held until then, so that a failure before it
 * writes nothing there); a symbolic link is written through (its target is
 * replaced, the link stays). Returns 0, or -1 with err (and *a ended). */
int ftl_atomic_open(FtlAtomicFile *a, const char *path, char *err, size_t errsz);

/* Starts replacing name in the directory dir without following anything:
 * what is at name, a link included, is renamed over. display names it in
 * messages. dir, name and display are the caller's until the end; nothing is
 * allocated (a caller holding dir open cannot leak it, base/fault.h). */
int ftl_atomic_open_at(FtlAtomicFile *a, int dir, const char *name, const char *display, char *err,
                       size_t errsz);

/* Appends len bytes. Returns 0, or -1 when this or an earlier write failed
 * (the commit then reports why, and drops the file). Allocates nothing for a
 * regular file, so it may be called outside any library call (base/fault.h);
 * in place, running out of memory is a failed write (ENOMEM). */
int ftl_atomic_write(FtlAtomicFile *a, const void *data, size_t len);

/* Makes the contents durable and renames them over the target. Returns 0, or
 * -1 with err ("cannot write 'PATH': ...") and the target untouched (for a
 * regular file). Ends a. */
int ftl_atomic_commit(FtlAtomicFile *a, char *err, size_t errsz);

/* Ends a without touching the target: the temporary file is removed. */
void ftl_atomic_drop(FtlAtomicFile *a);

/* Replaces path atomically with len bytes of data: ftl_atomic_open, one
 * write, ftl_atomic_commit. Returns 0, or -1 with a message in err. */
int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz);

#endif
