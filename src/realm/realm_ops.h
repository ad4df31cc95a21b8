/* realm_ops.h - the realm operations of include/ftlc.h (FtlRealmRequest):
 * ftlc realm add, update, list, remove and fetch as a library. They report
 * through diagnostics and return what they did (FtlRealmResult); printing is
 * the command's (src/cli/cmd_realm.c).
 *
 * Every operation that writes works in two phases under the project's lock
 * (project_edit.h): first everything that can fail (git, checking the fetched
 * schemas, editing the project text in memory), then the writes through an
 * undo log (undo.h): cache files first, then the lock file, the project file
 * last, each atomic. A failure, or a cancel, undoes them all; so does running
 * out of memory (base/fault.h), before the unwind reaches the caller's handler.
 *
 * Diagnostic codes: E07xx in the project file, the lock file and fetched
 * schemas (ftlc-realm(1)); E0713 the project cannot be edited now (locked by
 * another command past the timeout, read-only, a symbolic link, interrupted);
 * E0714 a request that cannot run; E0715 a file that cannot be read or
 * written.
 */
#ifndef FTLC_REALM_OPS_H
#define FTLC_REALM_OPS_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/intern.h"
#include "base/source.h"
#include "ftlc.h"

/* Where an operation allocates (its result and the compilations of fetched
 * schemas) and reports. */
typedef struct FtlRealmEnv {
    FtlArena *arena;
    FtlInterner *in;
    FtlSources *src;
    FtlDiags *diags;
} FtlRealmEnv;

/* The seconds allowed each git command, and the wait for the lock, by default. */
#define FTL_REALM_TIMEOUT 120

/* Runs req (see ftl_session_realm in include/ftlc.h). *out is set in every
 * case (empty on failure); its strings live in env->arena. */
FtlStatus ftl_realm_run(const FtlRealmEnv *env, const FtlRealmRequest *req, FtlRealmResult *out);

/* ftl_realm_request_problem (include/ftlc.h) says why a request cannot run;
 * ftl_realm_run reports the same as E0714. */

#endif
