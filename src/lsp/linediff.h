/* linediff.h - the lines that differ between two texts (Myers' O(ND)
 * algorithm over whole lines), as the edits that turn one into the other:
 * what textDocument/formatting answers instead of replacing the whole buffer,
 * so that the editor keeps its cursor, marks and folds where nothing changed.
 */
#ifndef FTLC_LSP_LINEDIFF_H
#define FTLC_LSP_LINEDIFF_H

#include <stddef.h>

/* Bytes [a0, a1) of the old text become bytes [b0, b1) of the new one; each
 * range starts at the start of a line and ends after a line break (or at the
 * end of the text). */
typedef struct LspHunk {
    size_t a0, a1, b0, b1;
} LspHunk;

/* Beyond this many differing lines the rest is one hunk: the diff stays
 * O((N + M) * LSP_DIFF_MAX_D) in time and O(LSP_DIFF_MAX_D^2) in memory. */
#define LSP_DIFF_MAX_D 1000u

/* The hunks (in order, not overlapping) that turn a into b: 0 and a malloc'd
 * array in *hunks (NULL and *n 0 when the texts are equal), -1 when out of
 * memory. Lines end at "\n". */
int lsp_line_diff(const char *a, size_t alen, const char *b, size_t blen, LspHunk **hunks,
                  size_t *n);

#endif
