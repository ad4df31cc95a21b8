/* glyph.h - how a character of source text shows in a terminal.
 *
 * Diagnostics quote source lines and underline a span in them. For the caret
 * to land under the right character, the renderer needs each character's
 * display width: two cells for CJK ideographs and most emoji, none for a
 * combining accent, one for the rest. Widths come from libutf8proc
 * (utf8proc_charwidth(3), Unicode's East Asian Width and general categories).
 */
#ifndef FTLC_GLYPH_H
#define FTLC_GLYPH_H

#include <stddef.h>

typedef struct FtlGlyph {
    size_t len; /* bytes of the source it stands for (at least 1) */
    int width;  /* terminal cells: 0, 1 or 2; -1 for a TAB (its width is the terminal's) */
    int shown;  /* 1: print the bytes; 0: print '?' (one cell) instead */
} FtlGlyph;

/* The character at p (p < e). Control characters, format characters that
 * take no cell or turn the text's direction (zero-width spaces, bidi
 * controls, a byte-order mark), unassigned code points and bytes that are
 * not valid UTF-8 are not shown: they stand as '?', one cell, so that the
 * terminal is safe and what the quoted line shows is what the underline
 * measures. */
FtlGlyph ftl_glyph_at(const char *p, const char *e);

#endif
