/* fileio.h - reading inputs and writing outputs safely. */
#ifndef FTLC_FILEIO_H
#define FTLC_FILEIO_H

#include <stddef.h>

/* Reads a whole file ("-" is standard input) into a malloc'd buffer with one
 * spare byte at the end. Returns 0, or -1 with a message in err. */
int ftl_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz);

/* Replaces path atomically: writes a temporary file in the same directory,
 * gives it the old file's permissions, flushes it to disk and renames it over
 * path, so a reader (or a crash) never sees a half-written file. */
int ftl_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsz);

#endif
