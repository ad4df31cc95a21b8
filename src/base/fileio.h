/* fileio.h - reading inputs and writing outputs safely. */
#ifndef FTLC_FILEIO_H
#define FTLC_FILEIO_H

#include <stddef.h>

/* Reads a whole file ("-" is standard input) into a malloc'd buffer with one
 * spare byte at the end. Returns 0, or -1 with a message in err. An input over
 * FTL_MAX_INPUT bytes (4 GiB, what 32-bit offsets allow) is refused with errno
 * EFBIG and "'PATH' is too large (the limit is 4 GiB)": a regular file before it
 * is read, a stream as soon as it passes the limit. */
int ftl_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz);
/* The same with a limit of max bytes (max < SIZE_MAX), for tests. */
int ftl_read_file_max(const char *path, size_t max, char **data, size_t *len, char *err,
                      size_t errsz);

/* Where a compilation reads files: a session's cache of file texts with its
 * in-memory overlays (src/session/files.c), so that an unsaved editor buffer
 * shadows the file wherever it is read. read gives the text of path in *data
 * (NUL-terminated at (*data)[*len]), owned by the reader and unchanged until
 * the compilation ends; or returns -1 with a message in err (errno ENOENT when
 * there is no such file). */
typedef struct FtlReader {
    int (*read)(void *ctx, const char *path, const char **data, size_t *len, char *err,
                size_t errsz);
    void *ctx;
} FtlReader;

/* Reads path through r, or from the disk when r is NULL, into a malloc'd copy
 * with one spare byte: as ftl_read_file. */
int ftl_reader_copy(const FtlReader *r, const char *path, char **data, size_t *len, char *err,
                    size_t errsz);

/* Replaces path atomically: writes the new contents to a temporary file in the
 * same directory, gives it the old file's permissions (a new file's are 0666
 * less the umask), flushes it to disk and renames it over path, so a reader (or
 * a crash) never sees a half-written file. On Linux the temporary file has no
 * name until it is complete (O_TMPFILE), so a run killed while it writes
 * leaves nothing; elsewhere it may leave a "PATH.ftlc-XXXXXX". */
int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz);

/* Removes path and, when it is a directory, everything under it (symbolic links
 * are removed, never followed). Returns 0, or -1 when something could not be
 * removed; a path that does not exist is not an error. */
int ftl_remove_tree(const char *path);

#endif
