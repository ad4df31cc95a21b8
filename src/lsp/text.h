/* text.h - an editor buffer as the Language Server Protocol addresses it: UTF-8
 * bytes, split into lines at "\n", "\r\n" and "\r" (LSP 3.17, "Text
 * Documents"), with positions {line, character} whose character counts UTF-16
 * code units or UTF-8 bytes, whichever the client and the server agreed on
 * (positionEncoding). Lines and characters are 0-based here, as in LSP.
 */
#ifndef FTLC_LSP_TEXT_H
#define FTLC_LSP_TEXT_H

#include <stddef.h>
#include <stdint.h>

typedef enum LspEncoding { LSP_ENC_UTF16, LSP_ENC_UTF8 } LspEncoding;

typedef struct LspText {
    char *data; /* NUL-terminated */
    size_t len;
    size_t *lines; /* byte offset where each line starts; lines[0] == 0 */
    size_t nlines; /* at least 1 */
} LspText;

/* Sets t (initialised or zeroed) to a copy of data; -1 when out of memory (t unchanged). */
int lsp_text_set(LspText *t, const char *data, size_t len);
void lsp_text_free(LspText *t);

/* Replaces bytes [start, end) (start <= end <= t->len) with s; -1 when out of memory. */
int lsp_text_replace(LspText *t, size_t start, size_t end, const char *s, size_t n);

/* The byte offset of a position; a character past the end of its line stands
 * for the line's end (as the protocol asks). -1 when the line is past the end
 * of the text. */
int lsp_text_offset(const LspText *t, uint32_t line, uint32_t character, LspEncoding enc,
                    size_t *off);

/* The position of a byte offset (clamped to the text). */
void lsp_text_position(const LspText *t, size_t off, LspEncoding enc, uint32_t *line,
                       uint32_t *character);

/* The length of the UTF-8 sequence at p (n bytes available) and the UTF-16
 * code units it counts for: bytes that are not valid UTF-8 count one byte and
 * one unit each. */
size_t lsp_utf8_step(const unsigned char *p, size_t n, uint32_t *units);

/* How many units (enc) bytes [0, n) of p count for. */
uint32_t lsp_text_units(const char *p, size_t n, LspEncoding enc);

#endif
