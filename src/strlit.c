/* strlit.c - string literal decoding and quoting (see strlit.h). */
#include "ftlc/strlit.h"

#include <string.h>

int ftl_utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    unsigned c = p[0];
    int len;
    uint32_t min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80;
    else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800;
    else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000;
    else return 0;
    if (n < (size_t)len) return 0;
    uint32_t v = c & (0x3Fu >> (len - 1));
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

void ftl_utf8_encode(FtlBuf *out, uint32_t cp)
{
    char b[4];
    if (cp < 0x80) {
        ftl_buf_putc(out, (char)cp);
    } else if (cp < 0x800) {
        b[0] = (char)(0xC0 | (cp >> 6));
        b[1] = (char)(0x80 | (cp & 0x3F));
        ftl_buf_put(out, b, 2);
    } else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | (cp >> 12));
        b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F));
        ftl_buf_put(out, b, 3);
    } else {
        b[0] = (char)(0xF0 | (cp >> 18));
        b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (char)(0x80 | (cp & 0x3F));
        ftl_buf_put(out, b, 4);
    }
}

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Reads n hex digits at p; -1 if any is missing or not hex. */
static long read_hex(const char *p, const char *e, int n)
{
    long v = 0;
    for (int i = 0; i < n; i++) {
        if (p + i >= e || hexval((unsigned char)p[i]) < 0) return -1;
        v = v * 16 + hexval((unsigned char)p[i]);
    }
    return v;
}

static const char *simple_escape(char c)
{
    switch (c) {
    case 'a': return "\a";
    case 'b': return "\b";
    case 'f': return "\f";
    case 'n': return "\n";
    case 'r': return "\r";
    case 't': return "\t";
    case 'v': return "\v";
    case '\\': return "\\";
    case '"': return "\"";
    default: return NULL;
    }
}

/* One escape sequence at p (pointing at the backslash). Returns its length, or
 * 0 with *msg set. Upstream quirk: \ooo and \xhh yield the code point U+00hh,
 * UTF-8 encoded, not a raw byte. */
static size_t decode_escape(const char *p, const char *e, FtlBuf *out, const char **msg)
{
    if (p + 1 >= e) {
        *msg = "a backslash must be followed by an escape character";
        return 0;
    }
    char c = p[1];
    const char *s = simple_escape(c);
    if (s) {
        ftl_buf_putc(out, s[0]);
        return 2;
    }
    long v;
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
        v = 0;
        for (int i = 1; i <= 3; i++) {
            if (p + i >= e || p[i] < '0' || p[i] > '7') {
                *msg = "octal escape needs exactly three octal digits (\\ooo)";
                return 0;
            }
            v = v * 8 + (p[i] - '0');
        }
        if (v > 0377) {
            *msg = "octal escape value is larger than \\377";
            return 0;
        }
        ftl_utf8_encode(out, (uint32_t)v);
        return 4;
    case 'x':
        v = read_hex(p + 2, e, 2);
        if (v < 0) {
            *msg = "\\x escape needs exactly two hexadecimal digits";
            return 0;
        }
        ftl_utf8_encode(out, (uint32_t)v);
        return 4;
    case 'u':
    case 'U':
        v = read_hex(p + 2, e, c == 'u' ? 4 : 8);
        if (v < 0) {
            *msg = c == 'u' ? "\\u escape needs exactly four hexadecimal digits"
                            : "\\U escape needs exactly eight hexadecimal digits";
            return 0;
        }
        if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
            *msg = "escape is not a valid Unicode code point";
            return 0;
        }
        ftl_utf8_encode(out, (uint32_t)v);
        return c == 'u' ? 6 : 10;
    case '\n':
        *msg = "a backslash cannot continue a string onto the next line";
        return 0;
    default:
        *msg = "unknown escape sequence";
        return 0;
    }
}

int ftl_str_decode(const char *s, size_t n, FtlBuf *out, size_t *err_off, size_t *err_len,
                   const char **msg)
{
    const char *p = s, *e = s + n;
    while (p < e) {
        const char *run = p;
        while (p < e && *p != '\\' && (unsigned char)*p < 0x80) p++;
        if (p > run) ftl_buf_put(out, run, (size_t)(p - run));
        if (p >= e) break;
        if (*p == '\\') {
            size_t k = decode_escape(p, e, out, msg);
            if (!k) {
                *err_off = (size_t)(p - s);
                *err_len = p + 1 < e ? 2 : 1;
                return -1;
            }
            p += k;
            continue;
        }
        uint32_t cp;
        int k = ftl_utf8_decode((const unsigned char *)p, (size_t)(e - p), &cp);
        if (k > 0) {
            ftl_buf_put(out, p, (size_t)k);
            p += k;
        } else {
            ftl_utf8_encode(out, 0xFFFD); /* invalid UTF-8 decodes to U+FFFD */
            p++;
        }
    }
    ftl_buf_cstr(out);
    return 0;
}

/* Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the
 * ASCII space. Without Unicode tables we classify by the ranges that are not
 * graphic (controls, separators, format characters, private use,
 * noncharacters); unassigned code points are treated as printable, where Go
 * would escape them. */
static int is_printable(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD) return 0;
    if ((cp >= 0x600 && cp <= 0x605) || cp == 0x61C || cp == 0x6DD || cp == 0x70F) return 0;
    if (cp == 0x1680 || cp == 0x180E || cp == 0x3000 || cp == 0xFEFF) return 0;
    if ((cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F)) return 0;
    if (cp >= 0x205F && cp <= 0x206F) return 0;
    if (cp >= 0xFFF9 && cp <= 0xFFFB) return 0;
    if ((cp & 0xFFFE) == 0xFFFE || (cp >= 0xFDD0 && cp <= 0xFDEF)) return 0;
    if (cp >= 0xE000 && cp <= 0xF8FF) return 0;
    if ((cp >= 0xE0000 && cp <= 0xE007F) || cp >= 0xF0000) return 0;
    return 1;
}

void ftl_str_quote(FtlBuf *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    ftl_buf_putc(out, '"');
    const char *p = s, *e = s + n;
    while (p < e) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            const char *run = p;
            while (p < e && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F && *p != '"' &&
                   *p != '\\')
                p++;
            ftl_buf_put(out, run, (size_t)(p - run));
            continue;
        }
        uint32_t cp;
        int k = ftl_utf8_decode((const unsigned char *)p, (size_t)(e - p), &cp);
        if (k == 0) {
            char b[4] = {'\\', 'x', hex[c >> 4], hex[c & 15]};
            ftl_buf_put(out, b, 4);
            p++;
            continue;
        }
        p += k;
        const char *esc = NULL;
        switch (cp) {
        case '"': esc = "\\\""; break;
        case '\\': esc = "\\\\"; break;
        case 7: esc = "\\a"; break;
        case 8: esc = "\\b"; break;
        case 12: esc = "\\f"; break;
        case 10: esc = "\\n"; break;
        case 13: esc = "\\r"; break;
        case 9: esc = "\\t"; break;
        case 11: esc = "\\v"; break;
        default: break;
        }
        if (esc) ftl_buf_puts(out, esc);
        else if (cp < 0x20 || cp == 0x7F) ftl_buf_printf(out, "\\x%02x", (unsigned)cp);
        else if (is_printable(cp)) ftl_buf_put(out, p - k, (size_t)k);
        else if (cp <= 0xFFFF) ftl_buf_printf(out, "\\u%04x", (unsigned)cp);
        else ftl_buf_printf(out, "\\U%08x", (unsigned)cp);
    }
    ftl_buf_putc(out, '"');
}

/* Go's unicode.IsSpace. */
static int is_uspace(uint32_t cp)
{
    switch (cp) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
        return 1;
    default:
        return cp >= 0x2000 && cp <= 0x200A;
    }
}

const char *ftl_comment_value(const char *s, size_t n, size_t *len)
{
    const char *p = s + 2, *e = s + n; /* after the first "//" */
    uint32_t cp;
    int k;
    while (p < e && (k = ftl_utf8_decode((const unsigned char *)p, (size_t)(e - p), &cp)) > 0 &&
           is_uspace(cp))
        p += k;
    while (e > p) {
        const char *q = e - 1;
        while (q > p && ((unsigned char)*q & 0xC0) == 0x80) q--;
        k = ftl_utf8_decode((const unsigned char *)q, (size_t)(e - q), &cp);
        if (k <= 0 || q + k != e || !is_uspace(cp)) break;
        e = q;
    }
    *len = (size_t)(e - p);
    return p;
}

int ftl_int_literal(const char *s, size_t n, int64_t *out, const char **msg)
{
    if (memchr(s, '.', n)) {
        *msg = "expected an integer, not a fraction";
        return -1;
    }
    unsigned base = (n > 1 && s[0] == '0') ? 8 : 10;
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned d = (unsigned)(s[i] - '0');
        if (d >= base) {
            *msg = "invalid digit in octal literal (a leading 0 means octal)";
            return -1;
        }
        if (v > (UINT64_C(0x7FFFFFFFFFFFFFFF) - d) / base) {
            *msg = "integer literal is out of range for a 64-bit integer";
            return -1;
        }
        v = v * base + d;
    }
    *out = (int64_t)v;
    return 0;
}

int ftl_is_plain_ident(const char *s, size_t n)
{
    if (n == 0 || n == 64) return 0;
    if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_')) return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return 0;
    }
    return 1;
}
