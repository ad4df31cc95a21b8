/* test_strlit.c - string literal decoding with upstream's quirks (Strings in
 * ftl-schema(5)), Go quoting (ftlc-emit(1)), comment values (Comments),
 * integer literals (Integers) and the UTF-8 helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/strlit.h"

/* ---- ftl_str_decode ------------------------------------------------------------- */

/* Decodes the literal body `in` and compares with the expected bytes. */
static void decode_ok_at(const char *file, int line, const char *in, size_t inlen, const char *want,
                         size_t wlen)
{
    FtlBuf b;
    ftl_buf_init(&b);
    size_t eoff = 99, elen = 99;
    const char *msg = NULL;
    int rc = ftl_str_decode(in, inlen, &b, &eoff, &elen, &msg);
    if (rc != 0) {
        fail_msg("%s:%d: decoding failed: %s (offset %zu, length %zu)", file, line, msg ? msg : "?",
                 eoff, elen);
    }
    if (b.len != wlen || (wlen && memcmp(b.data, want, wlen) != 0)) {
        char got[256] = "", exp[256] = "";
        for (size_t i = 0; i < b.len && i < 60; i++)
            snprintf(got + strlen(got), sizeof got - strlen(got), "%02x ",
                     (unsigned char)b.data[i]);
        for (size_t i = 0; i < wlen && i < 60; i++)
            snprintf(exp + strlen(exp), sizeof exp - strlen(exp), "%02x ", (unsigned char)want[i]);
        fail_msg("%s:%d: expected [%s], got [%s]", file, line, exp, got);
    }
    ftl_buf_free(&b);
}
/* Both arguments are string literals (they may contain NUL bytes). */
#define DECODE_OK(in, want)                                                                        \
    decode_ok_at(__FILE__, __LINE__, (in), sizeof(in) - 1, (want), sizeof(want) - 1)

/* Mismatches are counted rather than fatal, so one run shows them all. */
static int decode_err_failures;

static void decode_err_at(const char *file, int line, const char *in, size_t inlen, size_t off,
                          size_t len)
{
    FtlBuf b;
    ftl_buf_init(&b);
    size_t eoff = 99, elen = 99;
    const char *msg = NULL;
    int rc = ftl_str_decode(in, inlen, &b, &eoff, &elen, &msg);
    if (rc != -1) {
        print_error("%s:%d: \"%s\" should not decode\n", file, line, in);
        decode_err_failures++;
    } else if (eoff != off || elen != len) {
        print_error("%s:%d: \"%s\": expected error at %zu+%zu, got %zu+%zu (%s)\n", file, line, in,
                    off, len, eoff, elen, msg ? msg : "?");
        decode_err_failures++;
    } else if (!msg || !*msg) {
        print_error("%s:%d: \"%s\": no message\n", file, line, in);
        decode_err_failures++;
    }
    ftl_buf_free(&b);
}
#define DECODE_ERR(in, off, len)                                                                   \
    decode_err_at(__FILE__, __LINE__, (in), sizeof(in) - 1, (off), (len))

static void test_decode_plain(void **state)
{
    (void)state;
    DECODE_OK("", "");
    DECODE_OK("hello, world", "hello, world");
    /* Raw newlines, tabs and NUL bytes are kept as they are. */
    DECODE_OK("a\nb\tc", "a\nb\tc");
    DECODE_OK("a\0b", "a\0b");
    /* Valid UTF-8 is kept. */
    DECODE_OK("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80",
              "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80");
    /* A single quote needs no escape in a double-quoted literal. */
    DECODE_OK("it's", "it's");
}

static void test_decode_simple_escapes(void **state)
{
    (void)state;
    DECODE_OK("\\a\\b\\f\\n\\r\\t\\v\\\\\\\"", "\a\b\f\n\r\t\v\\\"");
    DECODE_OK("x\\ny", "x\ny");
    DECODE_OK("\\\\n", "\\n"); /* an escaped backslash, then a plain n */
}

static void test_decode_numeric_escapes(void **state)
{
    (void)state;
    /* \xhh and \ooo yield the code point U+00hh, UTF-8 encoded (Strings in
     * ftl-schema(5)). */
    DECODE_OK("\\xff", "\xc3\xbf");
    DECODE_OK("\\xFF", "\xc3\xbf");
    DECODE_OK("\\x41\\x7f", "A\x7f");
    DECODE_OK("\\x80", "\xc2\x80");
    DECODE_OK("\\x00", "\0");
    DECODE_OK("\\377", "\xc3\xbf");
    DECODE_OK("\\101\\000", "A\0");
    DECODE_OK("\\200", "\xc2\x80");
    DECODE_OK("\\0123", "\n3"); /* exactly three digits */
    /* \u and \U: any Unicode scalar value. */
    DECODE_OK("\\u00e9", "\xc3\xa9");
    DECODE_OK("\\u00E9", "\xc3\xa9");
    DECODE_OK("\\u0041\\u20ac", "A\xe2\x82\xac");
    DECODE_OK("\\uffff", "\xef\xbf\xbf");
    DECODE_OK("\\U0001F600", "\xf0\x9f\x98\x80");
    DECODE_OK("\\U0010FFFF", "\xf4\x8f\xbf\xbf");
    DECODE_OK("\\U00000041", "A");
    DECODE_OK("\\u00411", "A1"); /* exactly four digits */
}

static void test_decode_invalid_utf8(void **state)
{
    (void)state;
    /* Each invalid byte decodes to U+FFFD (EF BF BD), as Go does. */
    DECODE_OK("\xff", "\xef\xbf\xbd");
    DECODE_OK("a\xffz", "a\xef\xbf\xbdz");
    DECODE_OK("\xc3", "\xef\xbf\xbd");
    DECODE_OK("\xe2\x82", "\xef\xbf\xbd\xef\xbf\xbd");
    DECODE_OK("\xc0\x80", "\xef\xbf\xbd\xef\xbf\xbd");                 /* overlong */
    DECODE_OK("\xed\xa0\x80", "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* surrogate */
    DECODE_OK("\xf4\x90\x80\x80",
              "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"); /* > U+10FFFF */
    DECODE_OK("\x80\xc3\xa9", "\xef\xbf\xbd\xc3\xa9");
    /* An escape after an invalid byte still works. */
    DECODE_OK("\xff\\n", "\xef\xbf\xbd\n");
}

static void test_decode_errors(void **state)
{
    (void)state;
    decode_err_failures = 0;
    /* The error covers the escape sequence as far as it goes. */
    DECODE_ERR("\\q", 0, 2);
    DECODE_ERR("a\\qb", 1, 2);
    DECODE_ERR("\\'", 0, 2); /* \' is not allowed in a double-quoted literal */
    DECODE_ERR("\\8", 0, 2);
    DECODE_ERR("\\e", 0, 2);
    DECODE_ERR("ab\\", 2, 1);    /* a backslash at the end */
    DECODE_ERR("a\\\nb", 1, 2);  /* backslash + raw newline */
    DECODE_ERR("a\\x4 b", 1, 3); /* \x needs two hex digits */
    DECODE_ERR("\\xg0", 0, 2);
    DECODE_ERR("\\x", 0, 2);
    DECODE_ERR("a\\12b", 1, 3); /* \ooo needs three octal digits */
    DECODE_ERR("\\18", 0, 2);
    DECODE_ERR("a\\400 b", 1, 4); /* above \377 */
    DECODE_ERR("\\777", 0, 4);
    DECODE_ERR("a\\u12 b", 1, 4); /* \u needs four hex digits */
    DECODE_ERR("\\u", 0, 2);
    DECODE_ERR("a\\uD800 b", 1, 6); /* a surrogate is not a scalar value */
    DECODE_ERR("\\udfff", 0, 6);
    DECODE_ERR("a\\UFFFFFFFF b", 1, 10); /* above U+10FFFF */
    DECODE_ERR("\\U00110000", 0, 10);
    DECODE_ERR("\\U0001F60", 0, 9); /* only seven digits */
    /* The first error is reported, after good text and escapes. */
    DECODE_ERR("\xc3\xa9\\n\\z\\q", 4, 2);
    assert_int_equal(decode_err_failures, 0);
}

/* ---- ftl_str_quote ----------------------------------------------------------------- */

static void quote_at(const char *file, int line, const char *in, size_t n, const char *want)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "<"); /* quote appends */
    ftl_str_quote(&b, in, n);
    const char *got = ftl_buf_cstr(&b);
    if (got[0] != '<' || strcmp(got + 1, want) != 0)
        fail_msg("%s:%d: expected %s, got %s", file, line, want, got + 1);
    ftl_buf_free(&b);
}
#define QUOTE(in, want) quote_at(__FILE__, __LINE__, (in), sizeof(in) - 1, (want))

static void test_quote(void **state)
{
    (void)state;
    QUOTE("", "\"\"");
    QUOTE("abc XYZ 123 ~!@#$%^&*()_+{}|:<>?`-=[];',./",
          "\"abc XYZ 123 ~!@#$%^&*()_+{}|:<>?`-=[];',./\"");
    QUOTE("\"", "\"\\\"\"");
    QUOTE("\\", "\"\\\\\"");
    QUOTE("a\"b\\c", "\"a\\\"b\\\\c\"");
    /* Control characters. */
    QUOTE("\a\b\f\n\r\t\v", "\"\\a\\b\\f\\n\\r\\t\\v\"");
    QUOTE("\x01", "\"\\x01\"");
    QUOTE("\0", "\"\\x00\"");
    QUOTE("\x1b[0m", "\"\\x1b[0m\"");
    QUOTE("\x1f", "\"\\x1f\"");
    QUOTE("\x7f", "\"\\x7f\"");
    /* Printable UTF-8 is kept: letters, marks, symbols, emoji, U+FFFD. */
    QUOTE("caf\xc3\xa9", "\"caf\xc3\xa9\"");
    QUOTE("e\xcc\x81", "\"e\xcc\x81\"");       /* combining acute accent */
    QUOTE("\xe2\x82\xac", "\"\xe2\x82\xac\""); /* € */
    QUOTE("\xe6\x97\xa5\xe6\x9c\xac", "\"\xe6\x97\xa5\xe6\x9c\xac\"");
    QUOTE("\xf0\x9f\x98\x80", "\"\xf0\x9f\x98\x80\"");
    QUOTE("\xef\xbf\xbd", "\"\xef\xbf\xbd\"");
    /* Non-printable code points: \u with four lowercase hex digits. */
    QUOTE("\xc2\xa0", "\"\\u00a0\""); /* NO-BREAK SPACE */
    QUOTE("\xc2\x80", "\"\\u0080\""); /* C1 control */
    QUOTE("\xc2\x85", "\"\\u0085\"");
    QUOTE("\xc2\xad", "\"\\u00ad\"");     /* SOFT HYPHEN (Cf) */
    QUOTE("\xe2\x80\xa8", "\"\\u2028\""); /* LINE SEPARATOR */
    QUOTE("\xe2\x80\xa9", "\"\\u2029\"");
    QUOTE("\xe2\x80\x8b", "\"\\u200b\""); /* ZERO WIDTH SPACE */
    QUOTE("\xe3\x80\x80", "\"\\u3000\""); /* IDEOGRAPHIC SPACE */
    QUOTE("\xef\xbb\xbf", "\"\\ufeff\""); /* BOM */
    QUOTE("\xee\x80\x80", "\"\\ue000\""); /* private use */
    /* Above U+FFFF: \U with eight digits. */
    QUOTE("\xf3\xb0\x80\x80", "\"\\U000f0000\""); /* supplementary private use */
    QUOTE("\xf4\x8f\xbf\xbf", "\"\\U0010ffff\"");
    /* Invalid UTF-8: each byte as \xhh, lowercase. */
    QUOTE("\xff", "\"\\xff\"");
    QUOTE("a\xFE"
          "b",
          "\"a\\xfeb\"");
    QUOTE("\xc3", "\"\\xc3\"");
    QUOTE("\xe2\x82", "\"\\xe2\\x82\"");
    QUOTE("\xc0\x80", "\"\\xc0\\x80\"");
    QUOTE("\xed\xa0\x80", "\"\\xed\\xa0\\x80\"");
    QUOTE("\xe2\x82z", "\"\\xe2\\x82z\"");
}

/* ftlc-fmt(1), WHAT FMT CHANGES (Quoting): only categories L, M, N, P, S and U+0020 are
 * printed as they are (Go's strconv.Quote / unicode.IsPrint). Unassigned code points (Cn)
 * and format characters (Cf) outside the few ranges special-cased so far must be escaped
 * too, or canonical text differs from upstream's. */
static void test_quote_unassigned_and_format(void **state)
{
    (void)state;
    QUOTE("\xcd\xb8", "\"\\u0378\"");             /* U+0378, unassigned */
    QUOTE("\xd4\xb0", "\"\\u0530\"");             /* U+0530, unassigned */
    QUOTE("\xe0\xa3\xa2", "\"\\u08e2\"");         /* U+08E2, Cf */
    QUOTE("\xf0\x91\x82\xbd", "\"\\U000110bd\""); /* U+110BD, Cf */
    QUOTE("\xf0\x9d\x85\xb3", "\"\\U0001d173\""); /* U+1D173, Cf */
    QUOTE("\xf1\x80\x80\x80", "\"\\U00040000\""); /* U+40000, unassigned */
    QUOTE("\xf3\xa0\x82\x80", "\"\\U000e0080\""); /* U+E0080, unassigned */
}

/* ---- round trip ---------------------------------------------------------------------- */

static uint64_t rng_state;

static uint32_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

/* A random Unicode scalar value, biased towards the interesting ranges. */
static uint32_t random_cp(void)
{
    uint32_t r = rng();
    switch (r % 8) {
    case 0: return rng() % 0x20;               /* C0 controls */
    case 1: return 0x20 + rng() % 0x60;        /* ASCII incl. DEL */
    case 2: return 0x80 + rng() % 0x80;        /* C1 and Latin-1 */
    case 3: return 0x2000 + rng() % 0x70;      /* spaces, separators, format */
    case 4: return 0xFDD0 + rng() % 0x230;     /* noncharacters, specials, BOM */
    case 5: return 0x10000 + rng() % 0x100000; /* supplementary planes */
    default: {
        uint32_t cp = rng() % 0x10000; /* anywhere in the BMP */
        return (cp >= 0xD800 && cp <= 0xDFFF) ? cp - 0x800 : cp;
    }
    }
}

static size_t put_utf8(char *p, uint32_t cp)
{
    if (cp < 0x80) {
        p[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        p[0] = (char)(0xC0 | (cp >> 6));
        p[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        p[0] = (char)(0xE0 | (cp >> 12));
        p[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        p[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    p[0] = (char)(0xF0 | (cp >> 18));
    p[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    p[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    p[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static void test_round_trip(void **state)
{
    (void)state;
    rng_state = UINT64_C(0x2545F4914F6CDD1D);
    char s[400];
    FtlBuf q, d;
    ftl_buf_init(&q);
    ftl_buf_init(&d);
    for (int iter = 0; iter < 20000; iter++) {
        size_t n = 0, ncp = rng() % 60;
        for (size_t i = 0; i < ncp; i++)
            n += put_utf8(s + n, random_cp());
        q.len = 0;
        d.len = 0;
        ftl_str_quote(&q, s, n);
        assert_true(q.len >= 2);
        assert_int_equal(q.data[0], '"');
        assert_int_equal(q.data[q.len - 1], '"');
        /* The quoted text never contains a raw control character, DEL or LF. */
        for (size_t i = 0; i < q.len; i++) {
            unsigned char c = (unsigned char)q.data[i];
            if (c < 0x20 || c == 0x7F)
                fail_msg("iteration %d: raw byte 0x%02x in quoted text", iter, c);
        }
        size_t eoff, elen;
        const char *msg = NULL;
        if (ftl_str_decode(q.data + 1, q.len - 2, &d, &eoff, &elen, &msg) != 0)
            fail_msg("iteration %d: quoted text does not decode: %s at %zu: %s", iter, msg, eoff,
                     q.data);
        if (d.len != n || (n && memcmp(d.data, s, n) != 0))
            fail_msg("iteration %d: round trip changed the text (%zu -> %zu bytes): %s", iter, n,
                     d.len, q.data);
    }
    ftl_buf_free(&q);
    ftl_buf_free(&d);
}

/* ---- ftl_comment_value --------------------------------------------------------------- */

static void comment_at(const char *file, int line, const char *in, size_t n, const char *want,
                       size_t wlen)
{
    size_t len = 12345;
    const char *v = ftl_comment_value(in, n, &len);
    if (len != wlen || (wlen && memcmp(v, want, wlen) != 0))
        fail_msg("%s:%d: expected \"%.*s\", got \"%.*s\"", file, line, (int)wlen, want,
                 (int)(len < 1000 ? len : 0), v);
    /* A pointer into the comment, within its bounds. */
    if (v < in || v + len > in + n) fail_msg("%s:%d: value outside the comment", file, line);
}
#define COMMENT(in, want)                                                                          \
    comment_at(__FILE__, __LINE__, (in), sizeof(in) - 1, (want), sizeof(want) - 1)

static void test_comment_value(void **state)
{
    (void)state;
    COMMENT("//   hello  ", "hello");
    COMMENT("//", "");
    COMMENT("// ", "");
    COMMENT("/// x", "/ x");
    COMMENT("////", "//");
    COMMENT("//a", "a");
    COMMENT("// a  b ", "a  b"); /* inner whitespace kept */
    COMMENT("//\ttabbed\t", "tabbed");
    COMMENT("// crlf\r", "crlf");
    COMMENT("//\r", "");
    COMMENT("// \xc2\xa0nbsp\xc2\xa0", "nbsp");        /* U+00A0 */
    COMMENT("//\xe3\x80\x80wide\xe3\x80\x80", "wide"); /* U+3000 */
    COMMENT("// x\xe2\x80\xa8", "x");                  /* U+2028 */
    COMMENT("// x\xc2\x85", "x");                      /* U+0085 NEL */
    COMMENT("// x\x0b\x0c", "x");                      /* VT, FF */
    COMMENT("// caf\xc3\xa9 ", "caf\xc3\xa9");         /* a multi-byte last letter */
    COMMENT("// \xe2\x80\x8bx", "\xe2\x80\x8bx");      /* U+200B is not a space */
    COMMENT("// x\xff ", "x\xff");                     /* invalid byte: not trimmed */
    COMMENT("// \xa0x", "\xa0x");                      /* a stray continuation byte */
    COMMENT("// Code generated by FTL. DO NOT EDIT.", "Code generated by FTL. DO NOT EDIT.");
    /* The pointer is into the text. */
    const char *s = "//   hello  ";
    size_t len;
    assert_ptr_equal(ftl_comment_value(s, strlen(s), &len), s + 5);
    assert_int_equal(len, 5);
}

/* ---- ftl_int_literal ---------------------------------------------------------------- */

static void test_int_literal(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int ok;
        int64_t v;
    } cases[] = {
        {"0", 1, 0},
        {"7", 1, 7},
        {"42", 1, 42},
        {"010", 1, 8},
        {"007", 1, 7},
        {"00", 1, 0},
        {"0000000000000000000000000000000000017", 1, 15},
        {"9223372036854775807", 1, INT64_MAX},
        {"0777777777777777777777", 1, INT64_MAX},
        {"08", 0, 0},
        {"09", 0, 0},
        {"0778", 0, 0},
        {"1.5", 0, 0},
        {"0.5", 0, 0},
        {"9223372036854775808", 0, 0},
        {"9999999999999999999", 0, 0},
        {"18446744073709551616", 0, 0},
        {"99999999999999999999999999", 0, 0},
        {"01000000000000000000000", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = -1;
        const char *msg = NULL;
        int rc = ftl_int_literal(cases[i].s, strlen(cases[i].s), &v, &msg);
        if (cases[i].ok) {
            if (rc != 0 || v != cases[i].v)
                fail_msg("%s: expected %lld, got rc %d value %lld (%s)", cases[i].s,
                         (long long)cases[i].v, rc, (long long)v, msg ? msg : "");
        } else {
            if (rc != -1) fail_msg("%s: expected an error, got %lld", cases[i].s, (long long)v);
            if (!msg || !*msg) fail_msg("%s: no message", cases[i].s);
        }
    }
    /* Only n bytes are read. */
    int64_t v = 0;
    const char *msg = NULL;
    assert_int_equal(ftl_int_literal("123456", 3, &v, &msg), 0);
    assert_int_equal(v, 123);
}

/* ---- ftl_is_plain_ident ---------------------------------------------------------------- */

static void test_is_plain_ident(void **state)
{
    (void)state;
    assert_true(ftl_is_plain_ident("a", 1));
    assert_true(ftl_is_plain_ident("_", 1));
    assert_true(ftl_is_plain_ident("a1_B", 4));
    assert_true(ftl_is_plain_ident("data", 4)); /* keywords are identifiers too */
    assert_false(ftl_is_plain_ident("", 0));
    assert_false(ftl_is_plain_ident("1a", 2));
    assert_false(ftl_is_plain_ident("a-b", 3));
    assert_false(ftl_is_plain_ident("a b", 3));
    assert_false(ftl_is_plain_ident("my table", 8));
    assert_false(ftl_is_plain_ident("caf\xc3\xa9", 5));
    assert_false(ftl_is_plain_ident("a\0b", 3));
    assert_true(ftl_is_plain_ident("ab", 1)); /* only n bytes */
    char buf[70];
    memset(buf, 'x', sizeof buf);
    assert_true(ftl_is_plain_ident(buf, 63));
    assert_false(ftl_is_plain_ident(buf, 64)); /* lexes as SHA256 */
    assert_true(ftl_is_plain_ident(buf, 65));
}

/* ---- UTF-8 helpers ------------------------------------------------------------------- */

static void test_utf8(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        int len;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 0x41},
        {"\xc3\xa9", 2, 0xE9},
        {"\xe2\x82\xac", 3, 0x20AC},
        {"\xf0\x9f\x98\x80", 4, 0x1F600},
        {"\xf4\x8f\xbf\xbf", 4, 0x10FFFF},
        {"\xc0\x80", 0, 0},
        {"\xc1\xbf", 0, 0},
        {"\xe0\x9f\xbf", 0, 0},
        {"\xed\xa0\x80", 0, 0},
        {"\xf4\x90\x80\x80", 0, 0},
        {"\xf5\x80\x80\x80", 0, 0},
        {"\x80", 0, 0},
        {"\xff", 0, 0},
        {"\xc3(", 0, 0},
    };
    FtlBuf b;
    ftl_buf_init(&b);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0xDEAD;
        int n = ftl_utf8_decode((const unsigned char *)cases[i].s, strlen(cases[i].s), &cp);
        assert_int_equal(n, cases[i].len);
        if (n) {
            assert_int_equal(cp, cases[i].cp);
            b.len = 0;
            ftl_utf8_encode(&b, cp);
            assert_int_equal(b.len, (size_t)n);
            assert_memory_equal(b.data, cases[i].s, (size_t)n);
        }
    }
    /* A sequence cut short by n is invalid. */
    uint32_t cp;
    assert_int_equal(ftl_utf8_decode((const unsigned char *)"\xe2\x82\xac", 2, &cp), 0);
    ftl_buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_plain),
        cmocka_unit_test(test_decode_simple_escapes),
        cmocka_unit_test(test_decode_numeric_escapes),
        cmocka_unit_test(test_decode_invalid_utf8),
        cmocka_unit_test(test_decode_errors),
        cmocka_unit_test(test_quote),
        cmocka_unit_test(test_quote_unassigned_and_format),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_comment_value),
        cmocka_unit_test(test_int_literal),
        cmocka_unit_test(test_is_plain_ident),
        cmocka_unit_test(test_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
