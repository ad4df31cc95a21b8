/* clients.h - where the runtimes put the client of every verb the local realm
 * may call (ftlc-clients(1), CLIENT PATHS), and the endpoint config keys of the
 * external realms it uses: what `ftlc clients` prints.
 *
 *   FtlBuf out;
 *   ftl_buf_init(&out);
 *   if (ftl_clients_render(&out, &schema, FTL_LANG_ALL, 0) == 0) fputs(...);
 *
 * Verbs: every verb of the local realm (any visibility: a verb is callable at
 * least from its own module) and every verb of every external realm in the
 * compilation (F7 in ftlc-check(1), Federation rules: whatever an external realm's public
 * schema holds is usable). Builtin modules have no verbs and are skipped.
 *
 * Package paths (a realm segment only for external realms):
 *   Go            ftl/<module>   ftl/<realm>/<module>   type <Verb>Client
 *   Java, Kotlin  ftl.<module>   ftl.<realm>.<module>   type <Verb>Client
 *   Python        ftl.<module>   ftl.<realm>.<module>   function <verb>
 * Realm and module names become package segments by ftl_clients_segment().
 *
 * Endpoints: the config key <realm>-realm-endpoint of every external realm the
 * local realm references, through +calls or in a type position.
 */
#ifndef FTLC_CLIENTS_H
#define FTLC_CLIENTS_H

#include "base/buf.h"
#include "check/schema.h"
#include "ftlc.h"

/* The runtimes are the bit set FTL_LANG_* of ftlc.h; output lists them in
 * the order of their bits. */

/* A --lang value: go, java, kotlin, python or all, or a comma-separated list
 * of them ("go,python"). Returns the bit set, or -1 for anything else (an
 * unknown or empty name). */
int ftl_clients_parse_lang(const char *s);

/* "go", "java", "kotlin", "python" for one FTL_LANG_* bit; NULL otherwise. */
const char *ftl_clients_lang_name(unsigned lang);

/* Appends name as a legal package segment of lang (one FTL_LANG_* bit):
 * ASCII letters lower-cased, every byte that is not a letter, digit or '_'
 * ('-' above all) turned into '_'; then a '_' prefix when it starts with a
 * digit, and a '_' suffix when it is a reserved word of the language (Go's
 * keywords and the blank identifier '_'; Java's keywords, '_' and the literals
 * true, false, null; Kotlin's hard keywords; Python's keywords). An empty
 * name gives "_". */
void ftl_clients_segment(FtlBuf *out, const char *name, unsigned lang);

/* Appends the package of the clients of module's verbs in lang; realm is the
 * external realm's name, NULL for the local realm. */
void ftl_clients_package(FtlBuf *out, const char *realm, const char *module, unsigned lang);

/* Appends the client's name for verb in lang: <Verb>Client (first letter
 * upper-cased) for Go, Java and Kotlin; the verb's name for Python, with a '_'
 * suffix when it is a Python keyword. */
void ftl_clients_type(FtlBuf *out, const char *verb, unsigned lang);

/* Appends the report for schema s, which ftl_schema_check accepted, for the
 * runtimes in langs:
 *   text (json == 0): a header line, then one line per verb and runtime in
 *     columns REALM MODULE VERB RUNTIME PACKAGE CLIENT, ordered by realm (the
 *     local realm first, then by name), module, verb and runtime; then, if any
 *     external realm is used, a blank line and the columns EXTERNAL REALM,
 *     ENDPOINT CONFIG KEY, by realm name. Nothing at all when there is nothing
 *     to list. Columns are padded with spaces, lines have no trailing blanks;
 *     an empty realm name (module files without a realm) shows as "-".
 *   JSON (json != 0), as `jq .` prints it:
 *     {"verbs": [{"realm", "local", "module", "verb",
 *                 "clients": {"go": {"package", "type"}, ...}}, ...],
 *      "endpoints": [{"realm", "configKey"}, ...]}
 *     in the same order; "clients" holds the runtimes of langs, and "type" is
 *     the client's name (a function for Python).
 * Returns 0, or -1 (appending nothing) when langs selects no runtime or s has
 * no local realm and is not in module mode. */
int ftl_clients_render(FtlBuf *out, const FtlSchema *s, unsigned langs, int json);

#endif
