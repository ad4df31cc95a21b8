/* cache.h - the project's cache of pinned realms' public schemas:
 * .ftl/realms/NAME/COMMIT.EXT under the project's directory (ftlc-realm(1),
 * ftl-project.toml(5)).
 *
 * The cache lives in the user's tree, where a cloned repository may have
 * committed anything: every access goes through base/fileio.h's directory
 * functions, so no symbolic link is ever followed (.ftl, .ftl/realms, the
 * realm's folder and the file itself), and an entry that is not a regular file
 * of at most FTL_CACHE_MAX bytes is an error naming it, never read. Writes
 * replace a link instead of writing through it; removing a realm deletes only
 * the regular files named like cached schemas in its folder.
 */
#ifndef FTLC_CACHE_H
#define FTLC_CACHE_H

#include "base/diag.h"
#include "realm/project.h"

/* The largest public schema ftlc reads or caches: 64 MiB (a public schema of
 * thousands of declarations is a few hundred KiB). */
#define FTL_CACHE_MAX ((size_t)64 << 20)

typedef enum FtlCacheState {
    FTL_CACHE_OK,       /* present, and its SHA-256 is schema-sha256 (or there is none) */
    FTL_CACHE_MISSING,  /* no file for the pinned commit */
    FTL_CACHE_MISMATCH, /* a file whose SHA-256 is not schema-sha256 */
    FTL_CACHE_UNPINNED, /* the pin has no git-commit */
    FTL_CACHE_UNUSABLE  /* not read: a link, not a regular file, too large, unreadable */
} FtlCacheState;

/* The cached schema of one pin, as ftl_cache_lookup found it. */
typedef struct FtlCacheEntry {
    FtlCacheState state;
    char *rel;  /* .ftl/realms/NAME/COMMIT.EXT: the file found or, when missing, expected */
    char *path; /* the same under the project's directory, for messages */
    char *data; /* FTL_CACHE_OK, when asked for: the contents (one spare byte) */
    size_t len;
    char actual[65]; /* the SHA-256 of a file read ("" when none was) */
    char why[600];   /* FTL_CACHE_UNUSABLE: why it was not read */
} FtlCacheEntry;

/* .ftl/realms/NAME (and /COMMIT.EXT when commit is not NULL), malloc'd. */
char *ftl_cache_rel(const char *name, const char *commit, const char *ext);

/* The extension a pin's cached schema has: that of git-path when it names a
 * schema file (.txtpb, .json, .binpb, .ftl), else NULL (any of them). */
const char *ftl_cache_ext(const FtlPin *pin);

/* Looks for the cached schema of pin: COMMIT.EXT with ftl_cache_ext, or the
 * first of .txtpb, .json, .binpb, .ftl that exists. With want_data an OK
 * file's contents are kept in e->data. Free e with ftl_cache_entry_free. */
void ftl_cache_lookup(const FtlProject *p, const FtlPin *pin, int want_data, FtlCacheEntry *e);
void ftl_cache_entry_free(FtlCacheEntry *e);

/* Reports a state other than FTL_CACHE_OK as an error at the pin (E0710 no
 * commit, E0706 missing, E0707 mismatch, E0712 unusable) with what to run, and
 * an OK file without schema-sha256 as warning W0702. Returns 1 when it
 * reported an error. */
int ftl_cache_report(FtlDiags *d, const FtlPin *pin, const FtlCacheEntry *e);

/* Deletes the cache of realm name: the regular files of .ftl/realms/NAME named
 * COMMIT.EXT (40 or 64 hex digits, a schema extension), then the folder if
 * that empties it. Anything else is left and reported as warning W0703 (at
 * no position). A link on the way is not followed (nothing is deleted then).
 * Returns 0, or -1 with err when the folder could not be read. */
int ftl_cache_remove(int root, const char *where, const char *name, FtlDiags *d, char *err,
                     size_t errsz);

#endif
