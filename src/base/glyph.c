/* glyph.c - display widths of source characters (libutf8proc). */
#include "base/glyph.h"
#include "base/utf8.h"

#include <utf8proc.h>

/* Categories a terminal does not draw as a character of their own. */
static int hidden_category(utf8proc_category_t c)
{
    return c == UTF8PROC_CATEGORY_CC || c == UTF8PROC_CATEGORY_CF || c == UTF8PROC_CATEGORY_CS ||
           c == UTF8PROC_CATEGORY_CN || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
}

FtlGlyph ftl_glyph_at(const char *p, const char *e)
{
    FtlGlyph g = {1, 1, 1};
    unsigned char c = (unsigned char)*p;
    if (c == '\t') {
        g.width = -1;
        return g;
    }
    if (c < 0x80) {
        g.shown = c >= 0x20 && c < 0x7F;
        return g;
    }
    uint32_t cp = 0;
    int n = ftl_utf8_decode((const unsigned char *)p, (size_t)(e - p), &cp);
    if (n <= 0) {
        g.shown = 0; /* each byte of an invalid sequence is one '?' */
        return g;
    }
    g.len = (size_t)n;
    if (hidden_category(utf8proc_category((utf8proc_int32_t)cp))) {
        g.shown = 0;
        return g;
    }
    g.width = utf8proc_charwidth((utf8proc_int32_t)cp);
    return g;
}
