/* fileio.h - reading inputs and writing outputs safely. */
#ifndef FTLC_FILEIO_H
#define FTLC_FILEIO_H

#include "base/atomic.h"

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

/* An input's text: data[len] is a NUL. When map is not 0, data is a mapping
 * of the file (mmap(2)) of map bytes, else a malloc'd buffer of len + 1. */
typedef struct FtlInput {
    char *data;
    size_t len;
    size_t map;
} FtlInput;

/* Inputs smaller than this are read, larger ones mapped. */
#define FTL_MAP_MIN (256u * 1024)

/* Reads an input as ftl_read_file does, with the same errors and limit; with
 * map set, it maps a regular file of FTL_MAP_MIN bytes or more instead of
 * copying it:
 * the text is then the file's pages themselves, read-only (nothing writes to
 * a text; its pages are given back once parsed, ftl_source_release), with a
 * zero byte after them. Like any program that maps its input, the process
 * ends with SIGBUS if another program truncates such a file in place (rather
 * than replacing it, as editors save) while the text is held - for a
 * session, until a later compile finds the file changed and reads it again
 * (src/session/files.c) - and a page read again shows what another program
 * wrote over the file in place meanwhile (ftl_session_write_file refuses to
 * rewrite a file changed since it was read); small files (what editors save
 * while a session runs) are always read. Standard input, pipes and other
 * files are read. */
int ftl_input_read(const char *path, int map, FtlInput *in, char *err, size_t errsz);
/* Gives back the text of an input (unmapped or freed) and clears it. */
void ftl_input_free(FtlInput *in);

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

/* ftl_write_atomic and the atomic writer in parts: base/atomic.h. */

/* The first of inputs[0..n) that is the same regular file as path (device and
 * inode, whatever the names: "./a.ftl", a hard or symbolic link), or NULL.
 * "-" and "<stdin>" stand for standard input. */
const char *ftl_same_file(const char *path, const char *const *inputs, size_t n);

/* Whether path must not be written because it is the same file as one of
 * inputs: 1 with err "refusing to write 'a.ftl': it is the same file as the
 * input './a.ftl'", else 0. */
int ftl_output_refused(const char *path, const char *const *inputs, size_t n, char *err,
                       size_t errsz);

/* ftl_write_atomic for an output of a command (-o, --depfile, fmt -w), refusing
 * a path that is the same file as one of inputs: "refusing to write 'a.ftl': it
 * is the same file as the input './a.ftl'". Returns 0, or -1 with err. */
int ftl_write_output(const char *path, const char *data, size_t len, const char *const *inputs,
                     size_t n, char *err, size_t errsz);

/* ---- inside a directory, never through a link ----------------------------------
 *
 * For files that ftlc owns inside a tree it did not write (the project's cache,
 * .ftl/realms/NAME/COMMIT.EXT, in a repository anyone may have committed a
 * symbolic link into): rel is a path relative to the directory dir (an open
 * file descriptor), of segments separated by '/'; every directory on the way is
 * opened with O_NOFOLLOW, so a symbolic link or a file there is an error that
 * names it, never followed out of the tree. where is what dir is called in
 * messages ("'where/rel' ..."; NULL or "." for none). */

/* Opens the directory rel under dir (O_PATH). With create, missing directories
 * are made (0777 less the umask) and made(ctx, rel, n) is told each one (its
 * first n bytes of rel). Returns the descriptor, or -1 with err and errno
 * (ENOENT when a directory is missing). */
int ftl_dir_open_at(int dir, const char *where, const char *rel, int create,
                    void (*made)(void *ctx, const char *rel, size_t n), void *ctx, char *err,
                    size_t errsz);

/* Reads the file rel under dir into a malloc'd buffer with a spare byte, as
 * ftl_read_file. The file itself is opened with O_NOFOLLOW and O_NONBLOCK and
 * checked before a byte is read: a symbolic link, anything but a regular file
 * (a FIFO, a device, a directory) and a file over max bytes are refused with
 * err naming it. Returns 0, 1 when there is no such file, 2 when it is refused
 * so (err says why), or -1 with err for any other failure. */
int ftl_read_at(int dir, const char *where, const char *rel, size_t max, char **data, size_t *len,
                char *err, size_t errsz);

/* Replaces the file rel under dir atomically, as ftl_write_atomic but never
 * following anything: what is at rel (a symbolic link included) is renamed
 * over, and its directories are made as ftl_dir_open_at with create. A regular
 * file's permissions are kept. Returns 0, or -1 with err. */
int ftl_write_at(int dir, const char *where, const char *rel, const char *data, size_t len,
                 void (*made)(void *ctx, const char *rel, size_t n), void *ctx, char *err,
                 size_t errsz);

/* Removes rel under dir when it is a regular file. Returns 0 when removed, 1
 * when there is no such regular file (anything else is left alone), -1 with
 * err. */
int ftl_unlink_at(int dir, const char *where, const char *rel, char *err, size_t errsz);

/* Removes path and, when it is a directory, everything under it (symbolic links
 * are removed, never followed). Returns 0, or -1 when something could not be
 * removed; a path that does not exist is not an error. */
int ftl_remove_tree(const char *path);

#endif
