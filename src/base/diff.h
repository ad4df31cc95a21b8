/* diff.h - unified diffs of two texts (ftlc fmt --diff). */
#ifndef FTLC_DIFF_H
#define FTLC_DIFF_H

#include "base/buf.h"
#include <stddef.h>

/* Appends a unified diff (3 lines of context, "--- a/NAME" / "+++ b/NAME"
 * headers) turning a into b. Appends nothing when they are equal. */
void ftl_diff_unified(FtlBuf *out, const char *name, const char *a, size_t alen, const char *b,
                      size_t blen);

#endif
