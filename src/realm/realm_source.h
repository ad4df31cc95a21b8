/* realm_source.h - a realm's public schema at a commit of its repository: where
 * it is (git-path, the realm's own export-path, or found by name), its bytes,
 * their SHA-256, and the check that it is one valid realm before anything
 * records it. Used by ftlc realm add, update and fetch (realm_ops.c).
 *
 * Where the schema is, in order:
 *   - git-path, normalised (ftl_path_normalize): a file, or a directory
 *     ("./" is the top) in which ftl-external-schema.txtpb, .json and .binpb
 *     are looked for in that order;
 *   - else the export-path under [realms] of the repository's own
 *     ftl-project.toml at that commit;
 *   - else ftl-external-schema.txtpb, .json or .binpb at the top.
 * The format follows the file's extension (as every input of ftlc).
 */
#ifndef FTLC_REALM_SOURCE_H
#define FTLC_REALM_SOURCE_H

#include "base/arena.h"
#include "base/diag.h"
#include "base/intern.h"
#include "base/sha256.h"
#include "base/source.h"
#include "check/schema.h"
#include "realm/git.h"

/* A schema read from a repository. */
typedef struct FtlFetched {
    char commit[FTL_GIT_COMMIT_MAX];
    char *path; /* the file read, in the repository */
    char *data; /* its bytes (one spare byte) */
    size_t len;
    char sha[FTL_SHA256_HEX];
    char *display; /* LABEL@COMMIT/PATH: the name diagnostics give it */
} FtlFetched;

void ftl_fetched_free(FtlFetched *f);

/* What a compilation of fetched schemas needs. */
typedef struct FtlSourceEnv {
    FtlArena *arena;
    FtlInterner *in;
    FtlSources *src;
    FtlDiags *diags; /* where problems go */
} FtlSourceEnv;

/* Resolves branch's head into f->commit and fetches that commit into g's
 * repository. FTL_OK, or FTL_EIO after E0708. */
int ftl_source_fetch_head(FtlGit *g, const char *branch, FtlFetched *f, FtlDiags *d);

/* Reads the schema at f->commit (fetched already) into f: git_path (normalised
 * already; NULL when not given), else as above. label names the realm in
 * messages. FTL_OK; FTL_ERRORS when there is no schema there or it is too
 * large (E0708, E0709); FTL_EIO when git failed (E0708). */
int ftl_source_read(const FtlSourceEnv *env, FtlGit *g, const char *label, const char *git_path,
                    FtlFetched *f);

/* Checks a fetched schema on its own, as a compilation of its own in s (which
 * it initialises; free it with ftl_schema_free): exactly one realm, valid.
 * Returns the realm (named name, or as the schema names it when NULL), or NULL
 * after reporting why (and, when report is set, E0709 naming the file). */
FtlRealm *ftl_source_check(const FtlSourceEnv *env, FtlSchema *s, const char *name,
                           const FtlFetched *f, const char *repo, int report);

#endif
