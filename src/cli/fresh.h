/* fresh.h - export --check without holding the output: the fresh public
 * schema, as the session emits it, is compared chunk by chunk with the
 * committed file as it is read; only when they differ is the fresh text kept
 * whole, for the report of what changed (ftl_cli_check_fresh). */
#ifndef FTLC_CLI_FRESH_H
#define FTLC_CLI_FRESH_H

#include "ftlc.h"

#include <stddef.h>

typedef struct CliFresh {
    const char *path;
    int fd;         /* the committed file while it matches; -1 */
    size_t matched; /* how many of its bytes matched the output */
    int differs;    /* the output is held whole in text */
    int failed;     /* errno of a read or allocation that failed; 0 */
    char *text;     /* differs: the output so far (malloc'd) */
    size_t len, cap;
    char *block; /* the committed file's bytes block[pos..have) come next */
    size_t pos, have;
} CliFresh;

/* Starts comparing with the file at path. Unless compare (and path is a
 * regular file that can be opened), the output is held whole and the
 * comparison left to ftl_cli_check_fresh, with its messages. */
void cli_fresh_start(CliFresh *c, const char *path, int compare);

/* An FtlWriter for ftl_session_emit: -1 only when memory ran out, or the
 * committed file could not be read back (c->failed says which). */
int cli_fresh_write(void *ctx, const void *data, size_t len);

/* After a whole output: "PATH is up to date" on standard output and exit 0,
 * else ftl_cli_check_fresh's report and its exit status. */
int cli_fresh_finish(CliFresh *c, const char *cmd, FtlFormat f, int argc, char **argv);

void cli_fresh_free(CliFresh *c);

#endif
