/* cron.h - validation of FTL cron patterns (+cron in ftl-schema(5), E0410).
 *
 * A pattern is one of
 *   - an interval: a number and a unit s, m or h ("30s", "25m", "5h", "0s");
 *   - a weekday: Mon .. Sun in any case;
 *   - 5, 6 or 7 fields of comma-separated items "*", "N" or "N-M", each with
 *     an optional "/S" step.
 * Whitespace only separates tokens ("30 s" is "30s", "*****" is five fields).
 * A valid pattern must also match at least one instant at or after
 * 2020-01-01T00:00:00Z.
 *
 * The text is expected to be the normalised cron text (no comments), but
 * any byte string is accepted: the validator never crashes, never allocates
 * and runs in time linear in the length of the text.
 */
#ifndef FTLC_CRON_H
#define FTLC_CRON_H

#include <stddef.h>

/* Returns 0 if valid; otherwise -1 and writes a one-line reason (no trailing
 * period, NUL-terminated, truncated to errsz) into err. err may be NULL when
 * errsz is 0. */
int ftl_cron_validate(const char *text, size_t len, char *err, size_t errsz);

#endif
