/* names.c - protobuf names to FTL names. */
#include "import/names.h"
#include "base/utf8.h"

#include <string.h>

static int is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static int is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char to_upper(char c)
{
    return is_lower(c) ? (char)(c - 'a' + 'A') : c;
}

static char to_lower(char c)
{
    return is_upper(c) ? (char)(c - 'A' + 'a') : c;
}

void ftl_imp_json_name(FtlBuf *out, const char *s)
{
    int up = 0;
    for (; *s; s++) {
        if (*s == '_') {
            up = 1;
        } else {
            ftl_buf_putc(out, up ? to_upper(*s) : *s);
            up = 0;
        }
    }
}

void ftl_imp_lower_camel(FtlBuf *out, const char *name)
{
    FtlBuf camel;
    ftl_buf_init(&camel);
    ftl_imp_json_name(&camel, name);
    const char *s = ftl_buf_cstr(&camel);
    size_t n = camel.len, caps = 0;
    while (caps < n && is_upper(s[caps]))
        caps++;
    /* "HTTPGet": the last capital of the run starts the next word. */
    if (caps > 1 && caps < n && is_lower(s[caps])) caps--;
    for (size_t i = 0; i < n; i++)
        ftl_buf_putc(out, i < caps || i == 0 ? to_lower(s[i]) : s[i]);
    ftl_buf_free(&camel);
}

int ftl_imp_is_version(const char *s, size_t n)
{
    if (n < 2 || s[0] != 'v' || !is_digit(s[1])) return 0;
    for (size_t i = 2; i < n; i++)
        if (!is_digit(s[i]) && !is_lower(s[i])) return 0;
    return 1;
}

void ftl_imp_module_name(FtlBuf *out, const char *package)
{
    size_t end = strlen(package);
    const char *pick = NULL;
    size_t pick_n = 0;
    while (end) {
        size_t start = end;
        while (start && package[start - 1] != '.')
            start--;
        if (!pick) pick = package + start, pick_n = end - start; /* the last segment */
        if (!ftl_imp_is_version(package + start, end - start)) {
            pick = package + start, pick_n = end - start;
            break;
        }
        end = start ? start - 1 : 0;
    }
    ftl_buf_put(out, pick ? pick : "", pick_n);
}

int ftl_imp_ident(FtlBuf *out, const char *s)
{
    size_t n = strlen(s), before = out->len;
    int changed = n == 0 || is_digit(s[0]);
    if (n == 0 || is_digit(s[0])) ftl_buf_putc(out, '_');
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        int ok = is_upper(c) || is_lower(c) || is_digit(c) || c == '_';
        changed |= !ok;
        ftl_buf_putc(out, ok ? c : '_');
    }
    if (out->len - before == 64) {
        ftl_buf_putc(out, '_');
        changed = 1;
    }
    return changed;
}

/* One line of a comment, cleaned (see ftl_imp_comment_lines). */
static void clean_line(FtlBuf *b, const char *s, size_t n)
{
    b->len = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r') {
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            ftl_buf_putc(b, ' ');
            i++;
        } else if (c < 0x80) {
            ftl_buf_putc(b, (char)c);
            i++;
        } else {
            int k = ftl_utf8_len((const unsigned char *)s + i, n - i);
            if (k > 0)
                ftl_buf_put(b, s + i, (size_t)k);
            else
                ftl_buf_puts(b, "\xEF\xBF\xBD");
            i += k > 0 ? (size_t)k : 1;
        }
    }
}

static int blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return 0;
    return 1;
}

void ftl_imp_comment_lines(const char *text, void (*line)(void *ctx, const char *s, size_t n),
                           void *ctx)
{
    if (!text) return;
    const char *end = text + strlen(text);
    /* Leading and trailing blank lines carry nothing. */
    while (text < end) {
        const char *nl = memchr(text, '\n', (size_t)(end - text));
        size_t n = nl ? (size_t)(nl - text) : (size_t)(end - text);
        if (!blank(text, n)) break;
        text = nl ? nl + 1 : end;
    }
    while (end > text) {
        const char *p = end;
        while (p > text && p[-1] != '\n')
            p--;
        if (!blank(p, (size_t)(end - p))) break;
        end = p > text ? p - 1 : text;
    }
    FtlBuf b;
    ftl_buf_init(&b);
    for (const char *l = text; l < end;) {
        const char *nl = memchr(l, '\n', (size_t)(end - l));
        size_t n = nl ? (size_t)(nl - l) : (size_t)(end - l);
        clean_line(&b, l, n);
        line(ctx, b.data ? b.data : "", b.len);
        l = nl ? nl + 1 : end;
    }
    ftl_buf_free(&b);
}
