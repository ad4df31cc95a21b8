/* toml_edit.h - edits of a TOML document that keep every byte they do not touch
 * (ftl-project.toml and ftl-project.lock: comments, order, layout and other
 * tools' tables stay as they were). The document comes from ftl_toml_parse
 * (toml.h).
 *
 * An FtlTomlEdit collects changes against one parsed document;
 * ftl_toml_edit_apply() returns the new text, in which every byte that no edit
 * touches is the original byte. What each edit touches:
 *   - set_string of an existing key: only the bytes of its value;
 *   - set_string of a new key: a new line `key = "value"` right after the last
 *     key/value line of the table's section, indented like that line (comments
 *     after it stay after the new line); after the header line when the section
 *     has no keys; for a root table without keys, above the first header, the
 *     comment lines directly above it and the blank lines above those, or at the
 *     end of a file without headers.
 *     At the end of a file that does not end with a newline, the newline goes
 *     before the new line, so the file still does not end with one;
 *   - add_table: at the end of the file, `[path]` and one line per key, after
 *     one blank line (none added when the file is empty or already ends with a
 *     blank line), a newline being added first if the file did not end with one;
 *   - remove_key: the key's whole line(s), trailing comment included;
 *   - remove_table: for the table and every table under it that has a header of
 *     its own, the lines it owns: the comment lines directly above its header (no
 *     blank line between), the header, its section, and any comment lines after
 *     its last key except those directly above the next header; plus the blank
 *     lines between it and what comes before (after it, when it starts the file,
 *     and all trailing blank lines when it ends the file), so that exactly the
 *     separation that was there before it remains.
 * New lines use the file's line ending (that of its first line; LF if none).
 * Values are written as basic strings, escaped as needed; keys bare when they can
 * be, else quoted. All edits refer to the original document: remove_table removes
 * tables of the original only (to replace a table, remove it, then add it anew).
 * Edits that contradict each other (changing a key of a table another edit
 * removes, changing the same key twice, removing a table twice) are refused, and
 * the result is parsed again before it is returned, as a safety net.
 * Tables made by dotted keys and inline tables can have their existing keys set
 * (and removed, when on a line of their own) but get no new keys and cannot be
 * removed as tables; tables in arrays of tables cannot be named by a path, so
 * they are not edited at all.
 */
#ifndef FTLC_TOML_EDIT_H
#define FTLC_TOML_EDIT_H

#include "realm/toml.h"

typedef struct FtlTomlEditOp FtlTomlEditOp;

typedef struct FtlTomlEdit {
    const FtlTomlDoc *doc;
    FtlTomlEditOp *ops;
    size_t n, cap;
} FtlTomlEdit;

void ftl_toml_edit_init(FtlTomlEdit *e, const FtlTomlDoc *doc);
void ftl_toml_edit_free(FtlTomlEdit *e);

/* Each returns 0, or -1 with *err (when not NULL) filled in, positioned in the
 * original text at the thing in the way when there is one (line 0 otherwise), and
 * the edit list unchanged. Keys and values are non-NULL, NUL-terminated and must be
 * valid UTF-8; they are copied. */

/* Sets key in the table at table_path to a string: replaces the value of an existing
 * key (whatever its type, unless it is a table), or adds a key/value line to a table
 * that has a section of its own (the root, a [header] table). */
int ftl_toml_edit_set_string(FtlTomlEdit *e, const char *table_path, const char *key,
                             const char *value, FtlTomlError *err);
/* Removes the line of key in the table at table_path. */
int ftl_toml_edit_remove_key(FtlTomlEdit *e, const char *table_path, const char *key,
                             FtlTomlError *err);
/* Appends a new table [table_path] with n string keys, in order; the table must not
 * exist, unless only implied by a header under it or removed by an earlier edit. */
int ftl_toml_edit_add_table(FtlTomlEdit *e, const char *table_path, const char *const *keys,
                            const char *const *values, size_t n, FtlTomlError *err);
/* Removes the [header] table at table_path and the header tables under it. */
int ftl_toml_edit_remove_table(FtlTomlEdit *e, const char *table_path, FtlTomlError *err);

/* The edited text, malloc'd and NUL-terminated (its length in *len when len is not
 * NULL), or NULL with *err filled in. Does not change e or its document: it may be
 * called again, and more edits recorded after it. The edit functions refuse
 * conflicting edits, so failing here is only a safety net: two edits changing the
 * same bytes, or a result that does not parse (its error positioned in the new text). */
char *ftl_toml_edit_apply(const FtlTomlEdit *e, size_t *len, FtlTomlError *err);

#endif
