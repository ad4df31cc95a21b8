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

/* Replaces path atomically: writes the new contents to a temporary file in the
 * same directory, gives it the old file's permissions (a new file's are 0666
 * less the umask), flushes it to disk and renames it over path, so a reader (or
 * a crash) never sees a half-written file. On Linux the temporary file has no
 * name until it is complete (O_TMPFILE), so a run killed while it writes
 * leaves nothing; elsewhere it may leave a "PATH.ftlc-XXXXXX". */
/* A destination that exists and is not a regular file (a FIFO, a terminal, a
 * device) and one that is our own standard output or error (/dev/stdout,
 * /proc/self/fd/1) is written in place instead: opened without O_CREAT or
 * O_TRUNC and written, never renamed over. A directory is refused. */
int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz);

/* The first of inputs[0..n) that is the same regular file as path (device and
 * inode, whatever the names: "./a.ftl", a hard or symbolic link), or NULL.
 * "-" and "<stdin>" stand for standard input. */
const char *ftl_same_file(const char *path, const char *const *inputs, size_t n);

/* ftl_write_atomic for an output of a command (-o, --depfile, fmt -w), refusing
 * a path that is the same file as one of inputs: "refusing to write 'a.ftl': it
 * is the same file as the input './a.ftl'". Returns 0, or -1 with err. */
int ftl_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                     size_t n, char *err, size_t errsz);

/* Removes path and, when it is a directory, everything under it (symbolic links
 * are removed, never followed). Returns 0, or -1 when something could not be
 * removed; a path that does not exist is not an error. */
int ftl_remove_tree(const char *path);

#endif
