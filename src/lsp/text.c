/* text.c - line tables and position encodings of editor buffers (see text.h). */
#define _POSIX_C_SOURCE 200809L
#include "text.h"

#include <stdlib.h>
#include <string.h>

/* Rebuilds the line table: a line starts after "\n", after "\r" not followed
 * by "\n", and at 0. */
static int index_lines(LspText *t)
{
    size_t n = 1;
    for (size_t i = 0; i < t->len; i++)
        n += t->data[i] == '\n' || (t->data[i] == '\r' && t->data[i + 1] != '\n');
    size_t *lines = malloc(n * sizeof *lines);
    if (!lines) return -1;
    lines[0] = 0;
    n = 1;
    for (size_t i = 0; i < t->len; i++)
        if (t->data[i] == '\n' || (t->data[i] == '\r' && t->data[i + 1] != '\n'))
            lines[n++] = i + 1;
    free(t->lines);
    t->lines = lines;
    t->nlines = n;
    return 0;
}

int lsp_text_set(LspText *t, const char *data, size_t len)
{
    char *copy = malloc(len + 1);
    if (!copy) return -1;
    if (len) memcpy(copy, data, len);
    copy[len] = 0;
    LspText next = {copy, len, NULL, 0};
    if (index_lines(&next) != 0) {
        free(copy);
        return -1;
    }
    lsp_text_free(t);
    *t = next;
    return 0;
}

void lsp_text_free(LspText *t)
{
    free(t->data);
    free(t->lines);
    memset(t, 0, sizeof *t);
}

int lsp_text_replace(LspText *t, size_t start, size_t end, const char *s, size_t n)
{
    size_t len = t->len - (end - start) + n;
    char *data = malloc(len + 1);
    if (!data) return -1;
    memcpy(data, t->data, start);
    if (n) memcpy(data + start, s, n);
    memcpy(data + start + n, t->data + end, t->len - end + 1);
    LspText next = {data, len, NULL, 0};
    if (index_lines(&next) != 0) {
        free(data);
        return -1;
    }
    lsp_text_free(t);
    *t = next;
    return 0;
}

size_t lsp_utf8_step(const unsigned char *p, size_t n, uint32_t *units)
{
    size_t len = p[0] < 0x80   ? 1
                 : p[0] < 0xC2 ? 0
                 : p[0] < 0xE0 ? 2
                 : p[0] < 0xF0 ? 3
                 : p[0] < 0xF5 ? 4
                               : 0;
    if (len == 0 || len > n)
        len = 1, *units = 1;
    else
        *units = len == 4 ? 2 : 1;
    for (size_t i = 1; i < len; i++)
        if ((p[i] & 0xC0) != 0x80) {
            *units = 1;
            return 1;
        }
    return len;
}

uint32_t lsp_text_units(const char *p, size_t n, LspEncoding enc)
{
    if (enc == LSP_ENC_UTF8) return (uint32_t)n;
    uint32_t units = 0, u;
    for (size_t i = 0; i < n; units += u)
        i += lsp_utf8_step((const unsigned char *)p + i, n - i, &u);
    return units;
}

/* The end of line k's text, without its line break. */
static size_t line_end(const LspText *t, size_t k)
{
    size_t end = k + 1 < t->nlines ? t->lines[k + 1] : t->len;
    if (end > t->lines[k] && t->data[end - 1] == '\n') end--;
    if (end > t->lines[k] && t->data[end - 1] == '\r') end--;
    return end;
}

int lsp_text_offset(const LspText *t, uint32_t line, uint32_t character, LspEncoding enc,
                    size_t *off)
{
    if (line >= t->nlines) return -1;
    size_t i = t->lines[line], end = line_end(t, line);
    uint32_t units = 0, u;
    while (i < end && units < character) {
        size_t step = lsp_utf8_step((const unsigned char *)t->data + i, end - i, &u);
        if (enc == LSP_ENC_UTF8) u = (uint32_t)step;
        if (units + u > character) break; /* inside a character: its start */
        units += u;
        i += step;
    }
    *off = i;
    return 0;
}

void lsp_text_position(const LspText *t, size_t off, LspEncoding enc, uint32_t *line,
                       uint32_t *character)
{
    if (off > t->len) off = t->len;
    size_t lo = 0, hi = t->nlines; /* the last line starting at or before off */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    *line = (uint32_t)lo;
    *character = lsp_text_units(t->data + t->lines[lo], off - t->lines[lo], enc);
}
