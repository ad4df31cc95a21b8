/* realm.h - external realms as inputs of a compilation (ftlc-check(1), The compilation;
 * ftlc-realm(1), FILES): a file given with --external-realm NAME=FILE, and the realms that
 * ftl-project.toml pins, read from the project's cache.
 *
 * An external realm's file is the realm's public schema (ftlc export, in any
 * format) or FTL text holding 'external realm NAME { ... }'. Its diagnostics
 * point into that file: the cache file for a pinned realm.
 */
#ifndef FTLC_REALM_H
#define FTLC_REALM_H

#include "realm/project.h"
#include "check/schema.h"
#include "proto/schema_io.h"

/* Flags of ftl_realm_adopt. */
#define FTL_REALM_RENAME 0x1u /* the files hold one realm, whatever its name: it takes name */

/* Adds the files read from one external realm's file (path, for messages) to s
 * as the external realm name. Without FTL_REALM_RENAME every realm in them must
 * be called name (E0509 otherwise). Module files and files without the realm are
 * E0509. Returns 1 when the realm was added, 0 when not (reported). */
int ftl_realm_adopt(FtlSchema *s, const char *name, const char *path, FtlFile **files, uint32_t n,
                    unsigned flags);

/* Reads an external realm's file from memory (data: len bytes, malloc'd with a
 * spare byte, taken over) as source `display`, format by its name, and adopts it.
 * Returns 1 when the realm was added, 0 when not (reported). */
int ftl_realm_load(FtlSchema *s, const char *name, const char *display, char *data, size_t len,
                   unsigned flags);

/* Checks a realm's public schema on its own, before anything records it: it is
 * loaded into s (initialised, empty) as an external realm (named by the file, or
 * name when not NULL) next to an empty local realm, and checked. Returns the
 * realm, or NULL when it has errors (reported). */
FtlRealm *ftl_realm_check_file(FtlSchema *s, const char *name, const char *display, char *data,
                               size_t len);

/* ---- pinned realms ------------------------------------------------------------------- */

/* Loads every realm p pins, except those named in skip (given on the command
 * line), from the cache (realm/cache.h) into s. A pin without commit (E0710), a
 * missing file (E0706), a file that is not what schema-sha256 says (E0707) and
 * one that is not read (E0712: a link, not a regular file, too large) are
 * errors at the pin, with what to run; a pin without schema-sha256 is loaded
 * with a warning (W0702). Returns the number of errors reported. */
unsigned ftl_project_load_realms(const FtlProject *p, FtlSchema *s, const char *const *skip,
                                 int nskip);

#endif
