/* spawn.h - running a program the importer needs (protoc, ftlc-grpc-reflect)
 * and collecting what it wrote.
 *
 * The program runs from an argument vector, never through a shell
 * (posix_spawnp(3)), with standard input from /dev/null and its standard output
 * and error in temporary files that are unlinked as soon as they are made: the
 * program never blocks on a full pipe, there is no pipe to drain while it runs,
 * and nothing is left behind however ftlc ends. Both are read back once it has
 * ended.
 *
 *   char *argv[] = {"protoc", "--version", NULL};
 *   FtlSpawn sp = {argv[0], argv, 0, 0, NULL};
 *   FtlSpawnResult r;
 *   if (ftl_spawn(&sp, &r, err, sizeof err) == 0 && r.status == 0) use(r.out);
 *   ftl_spawn_result_free(&r);
 */
#ifndef FTLC_SPAWN_H
#define FTLC_SPAWN_H

#include "base/buf.h"

#include <signal.h>

typedef struct FtlSpawn {
    const char *program; /* found on PATH unless it has a '/' */
    char *const *argv;   /* argv[0] first, NULL at the end */
    int merge;           /* standard output goes where standard error goes (r->err) */
    int timeout;         /* seconds before the program is killed; 0: no limit */
    /* The signal mask the program starts with; NULL: the caller's. A caller
     * that blocks signals around the run passes the mask from before. */
    const sigset_t *child_mask;
} FtlSpawn;

typedef struct FtlSpawnResult {
    int status;      /* its exit status; -1 when a signal ended it */
    int timed_out;   /* it ran past the timeout and was killed */
    FtlBuf out, err; /* what it wrote (out stays empty with merge) */
} FtlSpawnResult;

/* Runs the program and waits for it to end. Returns 0 when it ran (r->status
 * says how it ended); with a message in err, FTL_SPAWN_NOT_RUN when it could
 * not be started (not found, not executable), FTL_SPAWN_FAILED when its output
 * could not be kept or read back.
 *
 * While it runs, SIGINT, SIGTERM and SIGHUP (those not ignored) are held: one
 * that arrives stops the program (SIGTERM) and is raised again once it has
 * been waited for, so it ends ftlc then, or when the caller unblocks it after
 * removing what it made. */
enum { FTL_SPAWN_NOT_RUN = -1, FTL_SPAWN_FAILED = -2 };
int ftl_spawn(const FtlSpawn *sp, FtlSpawnResult *r, char *err, size_t errsz);
void ftl_spawn_result_free(FtlSpawnResult *r);

#endif
