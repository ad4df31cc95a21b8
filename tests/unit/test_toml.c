/* test_toml.c - the TOML reader (every construct, valid and invalid, with values,
 * spans and error positions) and the in-place editor (exact resulting bytes), plus
 * a deterministic garbage fuzz loop. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "realm/toml_edit.h"

/* ---- helpers ------------------------------------------------------------------- */

static FtlTomlDoc *parse_ok_at(const char *file, int line, const char *text, size_t len)
{
    FtlTomlError err;
    FtlTomlDoc *doc = ftl_toml_parse(text, len, &err);
    if (!doc)
        fail_msg("%s:%d: parse failed: %d:%d: %s", file, line, err.line, err.column, err.message);
    return doc;
}
#define PARSE_OK(text) parse_ok_at(__FILE__, __LINE__, (text), strlen(text))
#define PARSE_OK_N(lit) parse_ok_at(__FILE__, __LINE__, (lit), sizeof(lit) - 1)

static const FtlTomlValue *get_at(const char *file, int line, const FtlTomlDoc *doc,
                                  const char *path)
{
    const FtlTomlValue *v = ftl_toml_get(ftl_toml_root(doc), path);
    if (!v) fail_msg("%s:%d: no value at %s", file, line, path);
    return v;
}
#define GET(doc, path) get_at(__FILE__, __LINE__, (doc), (path))

static void str_at(const char *file, int line, const FtlTomlDoc *doc, const char *path,
                   const char *want, size_t wlen)
{
    const FtlTomlValue *v = get_at(file, line, doc, path);
    size_t len = 0;
    const char *s = ftl_toml_as_string(v, &len);
    if (!s)
        fail_msg("%s:%d: %s is a %s, not a string", file, line, path, ftl_toml_type_name(v->type));
    if (len != wlen || memcmp(s, want, len) != 0)
        fail_msg("%s:%d: %s: expected \"%s\" (%zu bytes), got \"%s\" (%zu bytes)", file, line, path,
                 want, wlen, s, len);
}
#define STR(doc, path, want) str_at(__FILE__, __LINE__, (doc), (path), (want), strlen(want))
#define STR_N(doc, path, lit) str_at(__FILE__, __LINE__, (doc), (path), (lit), sizeof(lit) - 1)

static void int_at(const char *file, int line, const FtlTomlDoc *doc, const char *path,
                   int64_t want)
{
    int64_t got;
    if (ftl_toml_as_int(get_at(file, line, doc, path), &got) != 0)
        fail_msg("%s:%d: %s is not an integer", file, line, path);
    if (got != want)
        fail_msg("%s:%d: %s: expected %lld, got %lld", file, line, path, (long long)want,
                 (long long)got);
}
#define INT(doc, path, want) int_at(__FILE__, __LINE__, (doc), (path), (want))

static double float_of(const FtlTomlDoc *doc, const char *path)
{
    double d = 0;
    assert_int_equal(ftl_toml_as_float(GET(doc, path), &d), 0);
    return d;
}

static int bool_of(const FtlTomlDoc *doc, const char *path)
{
    int b = -1;
    assert_int_equal(ftl_toml_as_bool(GET(doc, path), &b), 0);
    return b;
}

/* The source text of a span. */
static char *span_text(const FtlTomlDoc *doc, FtlTomlSpan sp)
{
    static char buf[4][512];
    static int which;
    char *b = buf[which++ & 3];
    const char *text = ftl_toml_text(doc, NULL);
    size_t n = sp.end - sp.start;
    assert_true(sp.end >= sp.start && n < 512);
    memcpy(b, text + sp.start, n);
    b[n] = '\0';
    return b;
}

/* Parsing must fail at line:col with exactly msg. */
static int error_failures;
static void err_at(const char *file, int line, const char *text, size_t len, int eline, int ecol,
                   const char *msg)
{
    FtlTomlError err;
    memset(&err, 0x55, sizeof err);
    FtlTomlDoc *doc = ftl_toml_parse(text, len, &err);
    if (doc) {
        print_error("%s:%d: should not parse: %s\n", file, line, text);
        ftl_toml_free(doc);
        error_failures++;
        return;
    }
    if (err.line != eline || err.column != ecol || strcmp(err.message, msg) != 0) {
        print_error("%s:%d: expected %d:%d: %s\n%*s got %d:%d: %s\n", file, line, eline, ecol, msg,
                    (int)strlen(file) + 8, "", err.line, err.column, err.message);
        error_failures++;
    }
}
#define ERR(text, l, c, msg) err_at(__FILE__, __LINE__, (text), sizeof(text) - 1, (l), (c), (msg))

/* Converts LF to CRLF; malloc'd. */
static char *crlf(const char *s)
{
    char *out = malloc(strlen(s) * 2 + 1);
    assert_non_null(out);
    char *o = out;
    for (; *s; s++) {
        if (*s == '\n') *o++ = '\r';
        *o++ = *s;
    }
    *o = '\0';
    return out;
}

static char *apply_ok_at(const char *file, int line, const FtlTomlEdit *e)
{
    FtlTomlError err;
    size_t len = 0;
    char *out = ftl_toml_edit_apply(e, &len, &err);
    if (!out)
        fail_msg("%s:%d: apply failed: %d:%d: %s", file, line, err.line, err.column, err.message);
    assert_int_equal(strlen(out), len);
    return out;
}
#define APPLY_OK(e) apply_ok_at(__FILE__, __LINE__, (e))

#define EDIT_OK(call)                                                                              \
    do {                                                                                           \
        FtlTomlError err_;                                                                         \
        if ((call) != 0)                                                                           \
            fail_msg("%s:%d: %s failed: %d:%d: %s", __FILE__, __LINE__, #call, err_.line,          \
                     err_.column, err_.message);                                                   \
    } while (0)

/* ---- valid documents ------------------------------------------------------------- */

static void test_empty_and_comments(void **state)
{
    (void)state;
    const char *docs[] = {
        "", "\n", "\r\n", "# only a comment", "# c\n\n   \t\n# d\n", "  # indented\n"};
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
        FtlTomlDoc *doc = PARSE_OK(docs[i]);
        const FtlTomlTable *root = ftl_toml_root(doc);
        assert_int_equal(root->kind, FTL_TOML_ROOT);
        assert_int_equal(root->count, 0);
        assert_null(root->first);
        ftl_toml_free(doc);
    }
    /* comments after values and headers, # inside strings, non-ASCII and tabs in comments */
    FtlTomlDoc *doc = PARSE_OK("a = 1 # one\n[t] # table\nb = \"# not a comment\" #\tc\xc3\xa9\n"
                               "c = 'x#y'#\n");
    INT(doc, "a", 1);
    STR(doc, "t.b", "# not a comment");
    STR(doc, "t.c", "x#y");
    ftl_toml_free(doc);
}

static void test_keys(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("bare_key-1 = 1\n"
                               "\"quoted key\" = 2\n"
                               "'literal \\ key' = 3\n"
                               "\"\" = 4\n"
                               "1234 = 5\n"
                               "3.14 = 6\n"
                               "a.b.c = 7\n"
                               "x . y\t.  z = 8\n"
                               "site.\"google.com\" = 9\n"
                               "\"\\u00e9t\\u00e9\" = 10\n"
                               "'q'.\"r\".s = 11\n"
                               "-_- = 12\n");
    const FtlTomlTable *root = ftl_toml_root(doc);
    INT(doc, "bare_key-1", 1);
    INT(doc, "\"quoted key\"", 2);
    assert_non_null(ftl_toml_entry(root, "quoted key"));
    assert_non_null(ftl_toml_entry(root, "literal \\ key"));
    INT(doc, "'literal \\ key'", 3);
    INT(doc, "\"\"", 4);
    INT(doc, "1234", 5);
    INT(doc, "3.14", 6); /* key 3, then 14 */
    assert_non_null(ftl_toml_entry(ftl_toml_table(doc, "3"), "14"));
    INT(doc, "a.b.c", 7);
    INT(doc, "x.y.z", 8);
    INT(doc, "site.\"google.com\"", 9);
    INT(doc, "\"\xc3\xa9t\xc3\xa9\"", 10);
    INT(doc, "q.r.s", 11);
    INT(doc, "-_-", 12);
    /* document order, dotted tables once each */
    const char *order[] = {"bare_key-1", "quoted key", "literal \\ key",    "",  "1234", "3", "a",
                           "x",          "site",       "\xc3\xa9t\xc3\xa9", "q", "-_-"};
    size_t i = 0;
    for (const FtlTomlEntry *e = root->first; e; e = e->next, i++) {
        assert_true(i < 12);
        assert_string_equal(e->key, order[i]);
    }
    assert_int_equal(i, 12);
    assert_int_equal(root->count, 12);
    assert_int_equal(ftl_toml_table(doc, "a")->kind, FTL_TOML_DOTTED);
    ftl_toml_free(doc);

    /* dotted keys in the same section may extend their own tables */
    doc = PARSE_OK("fruit.apple.color = \"red\"\nfruit.apple.taste.sweet = true\n"
                   "fruit.orange = 2\n");
    STR(doc, "fruit.apple.color", "red");
    assert_int_equal(bool_of(doc, "fruit.apple.taste.sweet"), 1);
    INT(doc, "fruit.orange", 2);
    assert_int_equal(ftl_toml_table(doc, "fruit")->count, 2);
    ftl_toml_free(doc);
}

static void test_tables(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("top = 0\n"
                               "[a]\n"
                               "x = 1\n"
                               "[ a . b ]\n"
                               "y = 2\n"
                               "[c.d.e]\n"
                               "z = 3\n"
                               "[c]\n"
                               "w = 4\n"
                               "[\"q.r\".'s']\n"
                               "v = 5\n"
                               "[empty]\n");
    INT(doc, "top", 0);
    INT(doc, "a.x", 1);
    INT(doc, "a.b.y", 2);
    INT(doc, "c.d.e.z", 3);
    INT(doc, "c.w", 4);
    INT(doc, "\"q.r\".s.v", 5);
    const FtlTomlTable *a = ftl_toml_table(doc, "a");
    const FtlTomlTable *c = ftl_toml_table(doc, "c");
    assert_int_equal(a->kind, FTL_TOML_HEADER);
    assert_int_equal(c->kind, FTL_TOML_HEADER); /* implied by [c.d.e], then defined */
    assert_int_equal(ftl_toml_table(doc, "c.d")->kind, FTL_TOML_IMPLICIT);
    assert_ptr_equal(ftl_toml_table(doc, "c.d")->parent, c);
    assert_ptr_equal(a->parent, ftl_toml_root(doc));
    /* c's entries: d (first, from [c.d.e]) then w */
    assert_string_equal(c->first->key, "d");
    assert_string_equal(c->first->next->key, "w");
    const FtlTomlTable *empty = ftl_toml_table(doc, "empty");
    assert_non_null(empty);
    assert_int_equal(empty->count, 0);
    assert_string_equal(span_text(doc, empty->header), "[empty]\n");
    assert_int_equal(empty->body.start, empty->body.end);
    assert_null(ftl_toml_table(doc, "nope"));
    assert_null(ftl_toml_table(doc, "top")); /* a value, not a table */
    assert_ptr_equal(ftl_toml_table(doc, NULL), ftl_toml_root(doc));
    assert_ptr_equal(ftl_toml_table(doc, ""), ftl_toml_root(doc));
    ftl_toml_free(doc);

    /* sub-tables of a table made by dotted keys may still get headers */
    doc = PARSE_OK("[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n"
                   "[fruit.apple.texture]\nsmooth = true\n");
    assert_int_equal(bool_of(doc, "fruit.apple.texture.smooth"), 1);
    ftl_toml_free(doc);
    /* dotted keys may go through tables only implied by headers */
    doc = PARSE_OK("[a.b.c]\nz = 9\n[a]\nb.d = 1\n");
    INT(doc, "a.b.c.z", 9);
    INT(doc, "a.b.d", 1);
    ftl_toml_free(doc);
}

static void test_array_of_tables(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("[[products]]\n"
                               "name = \"Hammer\"\n"
                               "sku = 738594937\n"
                               "\n"
                               "[[products]]  # empty table within the array\n"
                               "\n"
                               "[[products]]\n"
                               "name = \"Nail\"\n"
                               "[products.dims]\n"
                               "w = 1\n"
                               "[[products.parts]]\n"
                               "p = 1\n"
                               "[[products.parts]]\n"
                               "p = 2\n"
                               "[[ fruits ]]\n"
                               "[fruits.physical]\n"
                               "color = \"red\"\n"
                               "[[fruits]]\n"
                               "[fruits.physical]\n"
                               "color = \"green\"\n");
    const FtlTomlValue *products = GET(doc, "products");
    assert_int_equal(products->type, FTL_TOML_ARRAY);
    assert_true(products->array_of_tables);
    assert_int_equal(ftl_toml_array_len(products), 3);
    const FtlTomlTable *p0 = ftl_toml_as_table(ftl_toml_array_at(products, 0));
    const FtlTomlTable *p1 = ftl_toml_as_table(ftl_toml_array_at(products, 1));
    const FtlTomlTable *p2 = ftl_toml_as_table(ftl_toml_array_at(products, 2));
    assert_non_null(p0);
    assert_non_null(p1);
    assert_non_null(p2);
    assert_null(ftl_toml_array_at(products, 3));
    assert_int_equal(p0->kind, FTL_TOML_ARRAY_ELEM);
    assert_string_equal(ftl_toml_as_string(ftl_toml_get(p0, "name"), NULL), "Hammer");
    int64_t sku = 0;
    assert_int_equal(ftl_toml_as_int(ftl_toml_get(p0, "sku"), &sku), 0);
    assert_int_equal(sku, 738594937);
    assert_int_equal(p1->count, 0);
    assert_string_equal(span_text(doc, p1->header),
                        "[[products]]  # empty table within the array\n");
    assert_string_equal(span_text(doc, ftl_toml_array_at(products, 1)->span), "[[products]]");
    assert_string_equal(ftl_toml_as_string(ftl_toml_get(p2, "name"), NULL), "Nail");
    int64_t w = 0;
    assert_int_equal(ftl_toml_as_int(ftl_toml_get(p2, "dims.w"), &w), 0);
    assert_int_equal(w, 1);
    const FtlTomlValue *parts = ftl_toml_get(p2, "parts");
    assert_int_equal(ftl_toml_array_len(parts), 2);
    for (size_t i = 0; i < 2; i++) {
        int64_t pv = 0;
        assert_int_equal(
            ftl_toml_as_int(ftl_toml_get(ftl_toml_as_table(ftl_toml_array_at(parts, i)), "p"), &pv),
            0);
        assert_int_equal(pv, (int64_t)i + 1);
    }
    const FtlTomlValue *fruits = GET(doc, "fruits");
    assert_int_equal(ftl_toml_array_len(fruits), 2);
    assert_string_equal(
        ftl_toml_as_string(
            ftl_toml_get(ftl_toml_as_table(ftl_toml_array_at(fruits, 0)), "physical.color"), NULL),
        "red");
    assert_string_equal(
        ftl_toml_as_string(
            ftl_toml_get(ftl_toml_as_table(ftl_toml_array_at(fruits, 1)), "physical.color"), NULL),
        "green");
    /* lookups do not go into arrays */
    assert_null(ftl_toml_table(doc, "products"));
    assert_null(ftl_toml_get(ftl_toml_root(doc), "products.name"));
    ftl_toml_free(doc);

    /* many elements: the array grows */
    char big[20000];
    size_t o = 0;
    for (int i = 0; i < 1000; i++)
        o += (size_t)snprintf(big + o, sizeof big - o, "[[x]]\nv = %d\n", i);
    doc = PARSE_OK(big);
    const FtlTomlValue *x = GET(doc, "x");
    assert_int_equal(ftl_toml_array_len(x), 1000);
    for (size_t i = 0; i < 1000; i++) {
        int64_t v = -1;
        assert_int_equal(
            ftl_toml_as_int(ftl_toml_get(ftl_toml_as_table(ftl_toml_array_at(x, i)), "v"), &v), 0);
        assert_int_equal(v, (int64_t)i);
    }
    ftl_toml_free(doc);
}

static void test_strings(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK_N("esc = \"\\b\\t\\n\\f\\r\\\"\\\\/\"\n"
                                 "uni = \"\\u00E9\\U0001F600\\u0041\\U00000042\"\n"
                                 "nul = \"a\\u0000b\"\n"
                                 "tab = \"a\tb\"\n"
                                 "utf8 = \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"\n"
                                 "empty = \"\"\n"
                                 "lit = 'C:\\Users\\nodejs\\templates'\n"
                                 "litq = 'Tom \"Dubs\" Preston-Werner'\n"
                                 "lempty = ''\n"
                                 "ltab = 'a\tb'\n");
    STR_N(doc, "esc", "\b\t\n\f\r\"\\/");
    STR_N(doc, "uni",
          "\xc3\xa9\xf0\x9f\x98\x80"
          "AB");
    STR_N(doc, "nul", "a\0b");
    STR_N(doc, "tab", "a\tb");
    STR_N(doc, "utf8", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
    STR_N(doc, "empty", "");
    STR_N(doc, "lit", "C:\\Users\\nodejs\\templates");
    STR_N(doc, "litq", "Tom \"Dubs\" Preston-Werner");
    STR_N(doc, "lempty", "");
    STR_N(doc, "ltab", "a\tb");
    assert_int_equal(GET(doc, "esc")->type, FTL_TOML_STRING);
    ftl_toml_free(doc);

    doc =
        PARSE_OK_N("ml1 = \"\"\"\nRoses are red\nViolets are blue\"\"\"\n"
                   "ml2 = \"\"\"\\\n       The quick brown \\\n\n\n       fox jumps over \\\n"
                   "         the lazy dog.\\\n       \"\"\"\n"
                   "ml3 = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
                   "ml4 = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\n"
                   "ml5 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\n"
                   "ml6 = \"\"\"a\\   \n   \n  b\"\"\"\n"
                   "ml7 = \"\"\"x\"\"\"\"\"\n"
                   "ml8 = \"\"\"\"\"\"\n"
                   "ml9 = \"\"\"\ttab \\u00e9 \\n\"\"\"\n"
                   "crlf = \"\"\"\r\na\r\nb\\\r\n   c\"\"\"\n"
                   "mll1 = '''\nThe first newline is\ntrimmed in raw strings.\n   All other "
                   "whitespace\n   is preserved.\n'''\n"
                   "mll2 = '''I [dw]on't need \\d{2} apples'''\n"
                   "mll3 = ''''That,' she said, 'is still pointless.''''\n"
                   "mll4 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
                   "mll5 = ''''''\n"
                   "mll6 = '''a\r\nb'''\n");
    STR(doc, "ml1", "Roses are red\nViolets are blue");
    STR(doc, "ml2", "The quick brown fox jumps over the lazy dog.");
    STR(doc, "ml3", "Here are two quotation marks: \"\". Simple enough.");
    STR(doc, "ml4", "Here are three quotation marks: \"\"\".");
    STR(doc, "ml5", "\"This,\" she said, \"is just a pointless statement.\"");
    STR(doc, "ml6", "ab");
    STR(doc, "ml7", "x\"\"");
    STR(doc, "ml8", "");
    STR(doc, "ml9", "\ttab \xc3\xa9 \n");
    STR(doc, "crlf", "a\nbc");
    STR(doc, "mll1",
        "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is "
        "preserved.\n");
    STR(doc, "mll2", "I [dw]on't need \\d{2} apples");
    STR(doc, "mll3", "'That,' she said, 'is still pointless.'");
    STR(doc, "mll4", "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"");
    STR(doc, "mll5", "");
    STR(doc, "mll6", "a\nb");
    /* the value span covers the delimiters */
    assert_string_equal(span_text(doc, GET(doc, "ml7")->span), "\"\"\"x\"\"\"\"\"");
    assert_string_equal(span_text(doc, GET(doc, "mll5")->span), "''''''");
    ftl_toml_free(doc);
}

static void test_integers(void **state)
{
    (void)state;
    FtlTomlDoc *doc =
        PARSE_OK("d = +99\nn = -17\nz = 0\npz = +0\nnz = -0\nu1 = 1_000\n"
                 "u2 = 5_349_221\nu3 = 53_49_221\nu4 = 1_2_3_4_5\n"
                 "h1 = 0xDEADBEEF\nh2 = 0xdead_beef\nh3 = 0x00\n"
                 "o1 = 0o01234567\no2 = 0o755\nb1 = 0b11010110\nb2 = 0b0\n"
                 "max = 9223372036854775807\nmin = -9223372036854775808\n"
                 "hmax = 0x7FFFFFFFFFFFFFFF\nomax = 0o777777777777777777777\n"
                 "bmax = 0b111111111111111111111111111111111111111111111111111111111111111\n");
    INT(doc, "d", 99);
    INT(doc, "n", -17);
    INT(doc, "z", 0);
    INT(doc, "pz", 0);
    INT(doc, "nz", 0);
    INT(doc, "u1", 1000);
    INT(doc, "u2", 5349221);
    INT(doc, "u3", 5349221);
    INT(doc, "u4", 12345);
    INT(doc, "h1", 0xDEADBEEF);
    INT(doc, "h2", 0xDEADBEEF);
    INT(doc, "h3", 0);
    INT(doc, "o1", 01234567);
    INT(doc, "o2", 0755);
    INT(doc, "b1", 214);
    INT(doc, "b2", 0);
    INT(doc, "max", INT64_MAX);
    INT(doc, "min", INT64_MIN);
    INT(doc, "hmax", INT64_MAX);
    INT(doc, "omax", INT64_MAX);
    INT(doc, "bmax", INT64_MAX);
    assert_int_equal(GET(doc, "d")->type, FTL_TOML_INTEGER);
    ftl_toml_free(doc);
}

static void test_floats(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("f1 = +1.0\nf2 = 3.1415\nf3 = -0.01\ne1 = 5e+22\ne2 = 1e06\n"
                               "e3 = -2E-2\ne4 = 6.626e-34\nus = 224_617.445_991_228\n"
                               "ue = 1_0.0_1e1_0\nzero = 0.0\nnzero = -0.0\npzero = +0.0\n"
                               "ezero = 0e0\ntiny = 1e-400\n"
                               "pinf = inf\npinf2 = +inf\nninf = -inf\nnan1 = nan\nnan2 = +nan\n"
                               "nan3 = -nan\n");
    assert_true(float_of(doc, "f1") == 1.0);
    assert_true(float_of(doc, "f2") == 3.1415);
    assert_true(float_of(doc, "f3") == -0.01);
    assert_true(float_of(doc, "e1") == 5e22);
    assert_true(float_of(doc, "e2") == 1e6);
    assert_true(float_of(doc, "e3") == -2e-2);
    assert_true(float_of(doc, "e4") == 6.626e-34);
    assert_true(float_of(doc, "us") == 224617.445991228);
    assert_true(float_of(doc, "ue") == 10.01e10);
    assert_true(float_of(doc, "zero") == 0.0 && !signbit(float_of(doc, "zero")));
    assert_true(float_of(doc, "nzero") == 0.0 && signbit(float_of(doc, "nzero")));
    assert_true(float_of(doc, "pzero") == 0.0);
    assert_true(float_of(doc, "ezero") == 0.0);
    assert_true(float_of(doc, "tiny") == 0.0);
    assert_true(isinf(float_of(doc, "pinf")) && float_of(doc, "pinf") > 0);
    assert_true(isinf(float_of(doc, "pinf2")) && float_of(doc, "pinf2") > 0);
    assert_true(isinf(float_of(doc, "ninf")) && float_of(doc, "ninf") < 0);
    assert_true(isnan(float_of(doc, "nan1")));
    assert_true(isnan(float_of(doc, "nan2")));
    assert_true(isnan(float_of(doc, "nan3")));
    int64_t i;
    assert_int_equal(ftl_toml_as_int(GET(doc, "f1"), &i), -1);
    ftl_toml_free(doc);
}

static void test_booleans_and_datetimes(void **state)
{
    (void)state;
    FtlTomlDoc *doc =
        PARSE_OK("t = true\nf = false\n"
                 "odt1 = 1979-05-27T07:32:00Z\n"
                 "odt2 = 1979-05-27T00:32:00-07:00\n"
                 "odt3 = 1979-05-27T00:32:00.999999+05:30\n"
                 "odt4 = 1979-05-27 07:32:00Z\n"
                 "odt5 = 1979-05-27t07:32:00z\n"
                 "ldt1 = 1979-05-27T07:32:00\n"
                 "ldt2 = 1979-05-27 00:32:00.999999\n"
                 "ld = 1979-05-27\n"
                 "lt1 = 07:32:00\n"
                 "lt2 = 00:32:00.999999\n"
                 "leap = 2000-02-29\n"
                 "sec60 = 1990-12-31T23:59:60Z\n"
                 "arr = [1979-05-27 07:32:00, 1979-05-27]  # space form in an array\n");
    assert_int_equal(bool_of(doc, "t"), 1);
    assert_int_equal(bool_of(doc, "f"), 0);
    struct {
        const char *key, *text;
    } dts[] = {{"odt1", "1979-05-27T07:32:00Z"},
               {"odt2", "1979-05-27T00:32:00-07:00"},
               {"odt3", "1979-05-27T00:32:00.999999+05:30"},
               {"odt4", "1979-05-27 07:32:00Z"},
               {"odt5", "1979-05-27t07:32:00z"},
               {"ldt1", "1979-05-27T07:32:00"},
               {"ldt2", "1979-05-27 00:32:00.999999"},
               {"ld", "1979-05-27"},
               {"lt1", "07:32:00"},
               {"lt2", "00:32:00.999999"},
               {"leap", "2000-02-29"},
               {"sec60", "1990-12-31T23:59:60Z"}};
    for (size_t i = 0; i < sizeof dts / sizeof *dts; i++) {
        const FtlTomlValue *v = GET(doc, dts[i].key);
        assert_int_equal(v->type, FTL_TOML_DATETIME);
        assert_string_equal(v->str, dts[i].text);
        assert_int_equal(v->len, strlen(dts[i].text));
        assert_string_equal(span_text(doc, v->span), dts[i].text);
        assert_null(ftl_toml_as_string(v, NULL)); /* opaque, not a string */
    }
    const FtlTomlValue *arr = GET(doc, "arr");
    assert_int_equal(ftl_toml_array_len(arr), 2);
    assert_string_equal(ftl_toml_array_at(arr, 0)->str, "1979-05-27 07:32:00");
    assert_string_equal(ftl_toml_array_at(arr, 1)->str, "1979-05-27");
    ftl_toml_free(doc);
}

static void test_arrays(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("ints = [ 1, 2, 3 ]\n"
                               "mixed = [ 0.1, \"x\", true, [1, 2], {a = 1}, 'y', 1979-05-27 ]\n"
                               "nested = [ [ 1, 2 ], [\"a\", 'b', \"\"\"c\"\"\"] ]\n"
                               "empty = []\n"
                               "empty2 = [   ]\n"
                               "empty3 = [\n  # nothing\n]\n"
                               "trailing = [1, 2,]\n"
                               "multi = [\n"
                               "  1,   # one\n"
                               "  2    # two\n"
                               "  ,\n"
                               "  # a comment line\n"
                               "\n"
                               "  3,\n"
                               "]\n"
                               "deep = [[[[[]]]]]\n"
                               "after = 1\n");
    const FtlTomlValue *ints = GET(doc, "ints");
    assert_int_equal(ftl_toml_array_len(ints), 3);
    assert_false(ints->array_of_tables);
    for (size_t i = 0; i < 3; i++)
        assert_int_equal(ftl_toml_array_at(ints, i)->integer, (int64_t)i + 1);
    assert_string_equal(span_text(doc, ints->span), "[ 1, 2, 3 ]");
    const FtlTomlValue *mixed = GET(doc, "mixed");
    assert_int_equal(ftl_toml_array_len(mixed), 7);
    FtlTomlType types[] = {FTL_TOML_FLOAT, FTL_TOML_STRING, FTL_TOML_BOOL,    FTL_TOML_ARRAY,
                           FTL_TOML_TABLE, FTL_TOML_STRING, FTL_TOML_DATETIME};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(ftl_toml_array_at(mixed, i)->type, types[i]);
    assert_int_equal(ftl_toml_as_table(ftl_toml_array_at(mixed, 4))->kind, FTL_TOML_INLINE);
    const FtlTomlValue *nested = GET(doc, "nested");
    assert_string_equal(ftl_toml_array_at(ftl_toml_array_at(nested, 1), 2)->str, "c");
    assert_int_equal(ftl_toml_array_len(GET(doc, "empty")), 0);
    assert_int_equal(ftl_toml_array_len(GET(doc, "empty2")), 0);
    assert_int_equal(ftl_toml_array_len(GET(doc, "empty3")), 0);
    assert_int_equal(ftl_toml_array_len(GET(doc, "trailing")), 2);
    const FtlTomlValue *multi = GET(doc, "multi");
    assert_int_equal(ftl_toml_array_len(multi), 3);
    assert_int_equal(ftl_toml_array_at(multi, 2)->integer, 3);
    const FtlTomlEntry *me = ftl_toml_entry(ftl_toml_root(doc), "multi");
    assert_string_equal(
        span_text(doc, me->line),
        "multi = [\n  1,   # one\n  2    # two\n  ,\n  # a comment line\n\n  3,\n]\n");
    const FtlTomlValue *deep = GET(doc, "deep");
    for (int i = 0; i < 4; i++)
        deep = ftl_toml_array_at(deep, 0);
    assert_int_equal(deep->type, FTL_TOML_ARRAY);
    assert_int_equal(ftl_toml_array_len(deep), 0);
    INT(doc, "after", 1);
    ftl_toml_free(doc);
}

static void test_inline_tables(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
                               "point = {x=1,y=2}\n"
                               "empty = {}\n"
                               "spaced = {   }\n"
                               "nested = { a = { b = { c = 1 } }, d = [ {e = 2}, {e = 3} ] }\n"
                               "animal = { type.name = \"pug\", type.size = 3, 'q r' = 4 }\n"
                               "[t]\n"
                               "inl = { x = 1 }\n");
    STR(doc, "name.first", "Tom");
    STR(doc, "name.last", "Preston-Werner");
    INT(doc, "point.x", 1);
    INT(doc, "point.y", 2);
    const FtlTomlTable *name = ftl_toml_table(doc, "name");
    assert_int_equal(name->kind, FTL_TOML_INLINE);
    assert_int_equal(name->count, 2);
    assert_string_equal(span_text(doc, GET(doc, "name")->span),
                        "{ first = \"Tom\", last = \"Preston-Werner\" }");
    assert_int_equal(ftl_toml_table(doc, "empty")->count, 0);
    assert_int_equal(ftl_toml_table(doc, "spaced")->count, 0);
    INT(doc, "nested.a.b.c", 1);
    const FtlTomlValue *d = GET(doc, "nested.d");
    assert_int_equal(ftl_toml_array_len(d), 2);
    assert_int_equal(ftl_toml_get(ftl_toml_as_table(ftl_toml_array_at(d, 1)), "e")->integer, 3);
    STR(doc, "animal.type.name", "pug");
    INT(doc, "animal.type.size", 3);
    INT(doc, "animal.'q r'", 4);
    INT(doc, "t.inl.x", 1);
    /* keys inside inline tables have no line of their own */
    assert_false(ftl_toml_entry(name, "first")->has_line);
    assert_true(ftl_toml_entry(ftl_toml_root(doc), "name")->has_line);
    ftl_toml_free(doc);
}

static void test_spans(void **state)
{
    (void)state;
    const char *src = "# head\n"
                      "  key  =  \"value\"   # comment\n"
                      "multi = \"\"\"\nline\n\"\"\"  # c\n"
                      "\n"
                      "[t]   # tbl\n"
                      "a.b = 1\n"
                      "# between\n"
                      "last = 2";
    FtlTomlDoc *doc = PARSE_OK(src);
    const FtlTomlTable *root = ftl_toml_root(doc);
    const FtlTomlEntry *key = ftl_toml_entry(root, "key");
    assert_string_equal(span_text(doc, key->key_span), "key");
    assert_string_equal(span_text(doc, key->value->span), "\"value\"");
    assert_true(key->has_line);
    assert_string_equal(span_text(doc, key->line), "  key  =  \"value\"   # comment\n");
    const FtlTomlEntry *multi = ftl_toml_entry(root, "multi");
    assert_string_equal(span_text(doc, multi->line), "multi = \"\"\"\nline\n\"\"\"  # c\n");
    assert_int_equal(root->body.start, 0);
    assert_int_equal(root->body.end, multi->line.end);
    assert_int_equal(root->last_line.start, multi->line.start);
    const FtlTomlTable *t = ftl_toml_table(doc, "t");
    assert_string_equal(span_text(doc, t->header), "[t]   # tbl\n");
    assert_string_equal(span_text(doc, GET(doc, "t")->span), "[t]");
    assert_int_equal(t->body.start, t->header.end);
    assert_int_equal(t->body.end, strlen(src));
    assert_string_equal(span_text(doc, t->last_line), "last = 2");
    const FtlTomlEntry *a = ftl_toml_entry(t, "a");
    assert_false(a->has_line); /* made by the dotted key */
    assert_int_equal(a->value->table->kind, FTL_TOML_DOTTED);
    assert_string_equal(span_text(doc, a->key_span), "a");
    const FtlTomlEntry *b = ftl_toml_entry(a->value->table, "b");
    assert_true(b->has_line);
    assert_string_equal(span_text(doc, b->line), "a.b = 1\n");
    assert_string_equal(span_text(doc, b->key_span), "b");
    int line, col;
    ftl_toml_position(doc, b->key_span.start, &line, &col);
    assert_int_equal(line, 8);
    assert_int_equal(col, 3);
    ftl_toml_position(doc, 0, &line, &col);
    assert_int_equal(line, 1);
    assert_int_equal(col, 1);
    ftl_toml_free(doc);

    /* quoted key spans include the quotes */
    doc = PARSE_OK("\"a b\" . 'c' = 1\n");
    const FtlTomlEntry *ab = ftl_toml_entry(ftl_toml_root(doc), "a b");
    assert_string_equal(span_text(doc, ab->key_span), "\"a b\"");
    assert_string_equal(span_text(doc, ftl_toml_entry(ab->value->table, "c")->key_span), "'c'");
    ftl_toml_free(doc);
}

static void test_crlf_and_bom(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("\xEF\xBB\xBF"
                               "a = 1\r\n# c\r\n[t]\r\nb = \"x\" # y\r\nc = [\r\n 1,\r\n]\r\n");
    INT(doc, "a", 1);
    STR(doc, "t.b", "x");
    const FtlTomlEntry *a = ftl_toml_entry(ftl_toml_root(doc), "a");
    assert_int_equal(a->line.start, 3);
    assert_string_equal(span_text(doc, a->line), "a = 1\r\n");
    assert_string_equal(span_text(doc, ftl_toml_table(doc, "t")->header), "[t]\r\n");
    assert_string_equal(span_text(doc, ftl_toml_entry(ftl_toml_table(doc, "t"), "b")->line),
                        "b = \"x\" # y\r\n");
    ftl_toml_free(doc);
}

static void test_lookup_api(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK("s = \"str\"\ni = 7\nf = 1.5\nb = true\na = [1]\n\"x.y\" = 1\n"
                               "[t]\nk = 1\n");
    const FtlTomlTable *root = ftl_toml_root(doc);
    assert_null(ftl_toml_get(root, NULL));
    assert_null(ftl_toml_get(root, ""));
    assert_null(ftl_toml_get(root, "a..b"));
    assert_null(ftl_toml_get(root, "\"unterminated"));
    assert_null(ftl_toml_get(root, "s t"));
    assert_null(ftl_toml_get(root, "s."));
    assert_null(ftl_toml_get(root, "s.x")); /* through a value */
    assert_null(ftl_toml_get(NULL, "s"));
    assert_null(ftl_toml_get(root, "x.y"));
    assert_non_null(ftl_toml_get(root, "\"x.y\""));
    assert_non_null(ftl_toml_get(root, " t . k "));
    assert_non_null(ftl_toml_entry(root, "x.y"));
    assert_null(ftl_toml_entry(root, "nope"));
    assert_null(ftl_toml_entry(NULL, "s"));

    const FtlTomlValue *s = GET(doc, "s"), *i = GET(doc, "i"), *f = GET(doc, "f"),
                       *b = GET(doc, "b"), *a = GET(doc, "a");
    int64_t iv;
    double fv;
    int bv;
    size_t len = 0;
    assert_string_equal(ftl_toml_as_string(s, &len), "str");
    assert_int_equal(len, 3);
    assert_null(ftl_toml_as_string(i, &len));
    assert_null(ftl_toml_as_string(NULL, &len));
    assert_int_equal(ftl_toml_as_int(s, &iv), -1);
    assert_int_equal(ftl_toml_as_int(NULL, &iv), -1);
    assert_int_equal(ftl_toml_as_float(i, &fv), -1);
    assert_int_equal(ftl_toml_as_float(f, &fv), 0);
    assert_true(fv == 1.5);
    assert_int_equal(ftl_toml_as_bool(i, &bv), -1);
    assert_int_equal(ftl_toml_as_bool(b, &bv), 0);
    assert_int_equal(bv, 1);
    assert_null(ftl_toml_as_table(a));
    assert_null(ftl_toml_as_table(NULL));
    assert_int_equal(ftl_toml_array_len(s), 0);
    assert_int_equal(ftl_toml_array_len(NULL), 0);
    assert_null(ftl_toml_array_at(a, 1));
    assert_null(ftl_toml_array_at(s, 0));
    assert_string_equal(ftl_toml_type_name(FTL_TOML_STRING), "string");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_INTEGER), "integer");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_FLOAT), "float");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_BOOL), "boolean");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_DATETIME), "date-time");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_ARRAY), "array");
    assert_string_equal(ftl_toml_type_name(FTL_TOML_TABLE), "table");
    size_t tl = 0;
    const char *whole = "s = \"str\"\ni = 7\nf = 1.5\nb = true\na = [1]\n\"x.y\" = 1\n[t]\nk = 1\n";
    assert_string_equal(ftl_toml_text(doc, &tl), whole);
    assert_int_equal(tl, strlen(whole));
    ftl_toml_free(doc);
    ftl_toml_free(NULL);

    /* a NULL text of length 0 is the empty document; the text may hold no NUL terminator */
    doc = ftl_toml_parse(NULL, 0, NULL);
    assert_non_null(doc);
    ftl_toml_free(doc);
    char raw[5] = {'a', '=', '1', 'x', 'x'};
    doc = ftl_toml_parse(raw, 3, NULL);
    assert_non_null(doc);
    INT(doc, "a", 1);
    ftl_toml_free(doc);
}

/* ---- invalid documents ----------------------------------------------------------- */

static void test_errors(void **state)
{
    (void)state;
    error_failures = 0;
    /* definitions */
    ERR("a = 1\na = 2", 2, 1, "duplicate key \"a\" (first defined at 1:1)");
    ERR("a = 1\n\"a\" = 2", 2, 1, "duplicate key \"a\" (first defined at 1:1)");
    ERR("[t]\n  name = 1\n  'name' = 2", 3, 3, "duplicate key \"name\" (first defined at 2:3)");
    ERR("a = {b = 1, b = 2}", 1, 13, "duplicate key \"b\" (first defined at 1:6)");
    ERR("a.b = 1\na.b = 2", 2, 3, "duplicate key \"b\" (first defined at 1:3)");
    ERR("[a.b]\n[a]\nb = 1", 3, 1, "duplicate key \"b\" (first defined at 1:4)");
    ERR("\n[product]\ntype.name = \"Nail\"\ntype = { edible = false }", 4, 1,
        "duplicate key \"type\" (first defined at 3:1)");
    ERR("[a]\nx = 1\n[a]", 3, 2, "table \"a\" defined twice (first defined at 1:1)");
    ERR("[a]\n[a.b]\n[ a ]", 3, 3, "table \"a\" defined twice (first defined at 1:1)");
    ERR("[a.b]\n[\"a\".b]", 2, 6, "table \"a.b\" defined twice (first defined at 1:1)");
    ERR("a.b.c = 1\n[a.b]", 2, 4,
        "cannot define table \"a.b\": already defined as a table by dotted keys at 1:3");
    ERR("[fruit]\napple.color = \"red\"\n[fruit.apple]", 3, 8,
        "cannot define table \"fruit.apple\": already defined as a table by dotted keys at 2:1");
    ERR("a = 1\na.b = 2", 2, 1, "cannot add keys to \"a\": already defined as a value at 1:5");
    ERR("a = [1]\na.b = 2", 2, 1, "cannot add keys to \"a\": already defined as an array at 1:5");
    ERR("a = 1\n[a.b]", 2, 2, "cannot define a table in \"a\": already defined as a value at 1:5");
    ERR("a = 1\n[a]", 2, 2, "cannot define table \"a\": already defined as a value at 1:5");
    ERR("a = [{b = 1}]\n[a.c]", 2, 2,
        "cannot define a table in \"a\": already defined as an array at 1:5");
    ERR("a = [1]\n[[a]]", 2, 3, "cannot append to \"a\": already defined as an array at 1:5");
    ERR("[[a]]\n[a]", 2, 2,
        "cannot define table \"a\": already defined as an array of tables at 1:3");
    ERR("[a]\n[[a]]", 2, 3, "cannot append to \"a\": already defined as a table at 1:1");
    ERR("a = {b = 1}\na.c = 2", 2, 1,
        "cannot add keys to \"a\" with dotted keys: it is an inline table (defined at 1:5)");
    ERR("a = {b = 1}\n[a.c]", 2, 2,
        "cannot define a table in \"a\": already defined as an inline table at 1:5");
    ERR("a = {b = 1}\n[a]", 2, 2,
        "cannot define table \"a\": already defined as an inline table at 1:5");
    ERR("[[a]]\nb = {c = 1}\n[a.b.d]", 3, 4,
        "cannot define a table in \"a.b\": already defined as an inline table at 2:5");
    ERR("[a.b]\n[a]\nb.c = 1", 3, 1,
        "cannot add keys to \"b\" with dotted keys: it is a table with a [header] (defined at "
        "1:1)");
    ERR("[a.b.c.d]\n  z = 9\n[a]\n  b.c.d.k.t = 1", 4, 7,
        "cannot add keys to \"b.c.d\" with dotted keys: it is a table with a [header] (defined at "
        "1:1)");
    ERR("tbl = { fruit = { apple.color = \"red\" }, fruit.apple.texture = { smooth = true } }", 1,
        42,
        "cannot add keys to \"fruit\" with dotted keys: it is an inline table (defined at 1:17)");
    /* strings */
    ERR("a = \"abc", 1, 5, "unterminated string");
    ERR("a = \"abc\nb = 1", 1, 5, "unterminated string");
    ERR("a = 'abc", 1, 5, "unterminated string");
    ERR("a = 'abc\n'", 1, 5, "unterminated string");
    ERR("a = \"\"\"abc", 1, 5, "unterminated string");
    ERR("a = \"\"\"abc\"\"", 1, 5, "unterminated string");
    ERR("a = '''abc\n\n", 1, 5, "unterminated string");
    ERR("a = \"abc\\", 1, 5, "unterminated string");
    ERR("a = \"\\q\"", 1, 6, "invalid escape \\q");
    ERR("x = 1\na = \"ok \\x41\"", 2, 9, "invalid escape \\x");
    ERR("a = \"\\e\"", 1, 6, "invalid escape \\e");
    ERR("a = \"\\ \"", 1, 6, "invalid escape");
    ERR("a = \"\"\"x\\ y\"\"\"", 1, 9, "invalid escape");
    ERR("a = \"\\u12\"", 1, 6, "invalid escape: \\u needs 4 hexadecimal digits");
    ERR("a = \"\\U0001F60\"", 1, 6, "invalid escape: \\U needs 8 hexadecimal digits");
    ERR("a = \"\\uD800\"", 1, 6, "invalid escape: U+D800 is not a Unicode scalar value");
    ERR("a = \"\\U00110000\"", 1, 6, "invalid escape: U+110000 is not a Unicode scalar value");
    ERR("a = \"\"\"a\"\"\"\"\"\"", 1, 14, "unexpected \" after the end of a string");
    ERR("a = '''a''''''", 1, 14, "unexpected ' after the end of a string");
    ERR("\"\"\"k\"\"\" = 1", 1, 1, "a key cannot be a multi-line string");
    ERR("'''k''' = 1", 1, 1, "a key cannot be a multi-line string");
    /* bytes that TOML allows nowhere */
    ERR("a = ' \x01 '", 1, 7, "control character U+0001 is not allowed");
    ERR("a = \"\x1f\"", 1, 6, "control character U+001F is not allowed");
    ERR("# \x7f", 1, 3, "control character U+007F is not allowed");
    ERR("a = \"\"\"\x0b\"\"\"", 1, 8, "control character U+000B is not allowed");
    ERR("a = 1\x00", 1, 6, "NUL byte");
    ERR("a = \"\x00\"", 1, 6, "NUL byte");
    ERR("a = 1\r", 1, 6, "carriage return not followed by a line feed");
    ERR("# c\rd", 1, 4, "carriage return not followed by a line feed");
    ERR("a = \"\xff\"", 1, 6, "invalid UTF-8");
    ERR("a = \"\xc0\x80\"", 1, 6, "invalid UTF-8");          /* overlong */
    ERR("a = \"\xed\xa0\x80\"", 1, 6, "invalid UTF-8");      /* surrogate */
    ERR("# \xf4\x90\x80\x80", 1, 3, "invalid UTF-8");        /* above U+10FFFF */
    ERR("a = \"\xe2\x82\"", 1, 6, "invalid UTF-8");          /* truncated */
    ERR("# \xe2\x82", 1, 3, "invalid UTF-8");                /* truncated at the end */
    ERR("\xEF\xBB\xBF\xEF\xBB\xBF", 1, 4, "expected a key"); /* only one BOM */
    /* structure */
    ERR("a = 1 b = 2", 1, 7, "expected end of line after value");
    ERR("a = \"x\" \"y\"", 1, 9, "expected end of line after value");
    ERR("[a] b = 1", 1, 5, "expected end of line after table header");
    ERR("a 1", 1, 3, "expected '=' after key");
    ERR("a", 1, 2, "expected '=' after key");
    ERR("a b = 1", 1, 3, "expected '=' after key");
    ERR("a == 1", 1, 4, "expected a value");
    ERR("= 1", 1, 1, "expected a key");
    ERR("a. = 1", 1, 4, "expected a key");
    ERR(".a = 1", 1, 1, "expected a key");
    ERR("a..b = 1", 1, 3, "expected a key");
    ERR("k\xc3\xa9 = 1", 1, 2, "expected '=' after key");
    ERR("\xc3\xa9 = 1", 1, 1, "expected a key");
    ERR("a =", 1, 4, "expected a value");
    ERR("a = # c", 1, 5, "expected a value");
    ERR("a = \n1", 1, 5, "expected a value");
    ERR("[a", 1, 3, "expected ']' after table name");
    ERR("[[a]", 1, 4, "expected ']]' after table name");
    ERR("[[a] ]", 1, 4, "expected ']]' after table name");
    ERR("[ [a]]", 1, 3, "expected a key");
    ERR("[a]]", 1, 4, "expected end of line after table header");
    ERR("[]", 1, 2, "expected a key");
    ERR("[a.]", 1, 4, "expected a key");
    ERR("[a\n]", 1, 3, "expected ']' after table name");
    /* arrays */
    ERR("a = [1 2]", 1, 8, "expected ',' or ']' in array");
    ERR("a = [1,,2]", 1, 8, "expected a value");
    ERR("a = [,]", 1, 6, "expected a value");
    ERR("a = [1,", 1, 5, "unterminated array");
    ERR("a = [", 1, 5, "unterminated array");
    ERR("a = [\n1,\n# c\n", 1, 5, "unterminated array");
    ERR("a = [1 # c\n 2]", 2, 2, "expected ',' or ']' in array");
    ERR("[a]\n  b = 1\n  c = [\n    1,\n    x\n  ]", 5, 5,
        "invalid value (strings must be quoted)");
    /* inline tables */
    ERR("a = {b = 1,}", 1, 12, "trailing comma in inline table");
    ERR("a = {,}", 1, 6, "expected a key");
    ERR("a = {b = 1", 1, 5, "unterminated inline table");
    ERR("a = {", 1, 5, "unterminated inline table");
    ERR("a = {\nb = 1}", 1, 6, "an inline table must be on one line");
    ERR("a = {b = 1 # c\n}", 1, 12, "an inline table must be on one line");
    ERR("a = {b = 1\n}", 1, 11, "an inline table must be on one line");
    ERR("a = {b 1}", 1, 8, "expected '=' after key");
    ERR("a = {b = 1 c = 2}", 1, 12, "expected ',' or '}' in inline table");
    ERR("a = {b = }", 1, 10, "expected a value");
    /* numbers */
    ERR("a = 01", 1, 5, "leading zeros are not allowed");
    ERR("a = -01", 1, 5, "leading zeros are not allowed");
    ERR("a = 0_0", 1, 5, "leading zeros are not allowed");
    ERR("a = 03.14", 1, 5, "leading zeros are not allowed");
    ERR("a = 1__0", 1, 5, "invalid number");
    ERR("a = _1", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = 1_", 1, 5, "invalid number");
    ERR("a = 0x", 1, 5, "invalid number");
    ERR("a = 0x_1", 1, 5, "invalid number");
    ERR("a = 0xg", 1, 5, "invalid number");
    ERR("a = 0o8", 1, 5, "invalid number");
    ERR("a = 0b2", 1, 5, "invalid number");
    ERR("a = 0X1", 1, 5, "invalid number");
    ERR("a = +0x1", 1, 5, "a sign is not allowed on a hexadecimal, octal or binary integer");
    ERR("a = -0b1", 1, 5, "a sign is not allowed on a hexadecimal, octal or binary integer");
    ERR("a = 9223372036854775808", 1, 5, "integer out of range");
    ERR("a = -9223372036854775809", 1, 5, "integer out of range");
    ERR("a = 0x8000000000000000", 1, 5, "integer out of range");
    ERR("a = 0o1000000000000000000000", 1, 5, "integer out of range");
    ERR("a = 1.", 1, 5, "invalid number");
    ERR("a = .5", 1, 5, "invalid number");
    ERR("a = 1.e5", 1, 5, "invalid number");
    ERR("a = 1e", 1, 5, "invalid number");
    ERR("a = 1e+", 1, 5, "invalid number");
    ERR("a = 1e_5", 1, 5, "invalid number");
    ERR("a = 1.5_", 1, 5, "invalid number");
    ERR("a = 1._5", 1, 5, "invalid number");
    ERR("a = 1.2.3", 1, 5, "invalid number");
    ERR("a = +", 1, 5, "invalid number");
    ERR("a = --1", 1, 5, "invalid number");
    ERR("a = 1x", 1, 5, "invalid number");
    ERR("a = 1e400", 1, 5, "float out of range");
    ERR("a = -inf.0", 1, 5, "invalid number");
    ERR("a = Inf", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = infinity", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = NaN", 1, 5, "invalid value (strings must be quoted)");
    /* booleans and bare words */
    ERR("a = True", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = truex", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = tru", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = hello", 1, 5, "invalid value (strings must be quoted)");
    ERR("a = @", 1, 5, "expected a value");
    /* dates and times */
    ERR("a = 1979-13-01", 1, 5, "invalid date or time");
    ERR("a = 1979-00-10", 1, 5, "invalid date or time");
    ERR("a = 1979-02-30", 1, 5, "invalid date or time");
    ERR("a = 1979-02-29", 1, 5, "invalid date or time");
    ERR("a = 1900-02-29", 1, 5, "invalid date or time");
    ERR("a = 1979-04-31", 1, 5, "invalid date or time");
    ERR("a = 1979-5-27", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T7:32:00", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T24:00:00", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:60:00", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32:61", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32:00.", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32:00+24:00", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32:00+07", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27T07:32:00Zx", 1, 5, "invalid date or time");
    ERR("a = 07:32", 1, 5, "invalid date or time");
    ERR("a = 07:32:00Z", 1, 5, "invalid date or time");
    ERR("a = 1979-05-27 x", 1, 16, "expected end of line after value");
    ERR("a = 1979-05-27 07", 1, 16, "expected end of line after value");
    assert_int_equal(error_failures, 0);
}

static void test_deep_nesting(void **state)
{
    (void)state;
    enum { N = FTL_TOML_MAX_DEPTH };
    char *buf = malloc(2 * (N + 1) + 16);
    assert_non_null(buf);
    /* exactly the limit */
    strcpy(buf, "a = ");
    memset(buf + 4, '[', N);
    memset(buf + 4 + N, ']', N);
    buf[4 + 2 * N] = '\0';
    FtlTomlDoc *doc = PARSE_OK(buf);
    ftl_toml_free(doc);
    /* one more */
    memset(buf + 4, '[', N + 1);
    memset(buf + 5 + N, ']', N + 1);
    buf[6 + 2 * N] = '\0';
    FtlTomlError err;
    assert_null(ftl_toml_parse(buf, strlen(buf), &err));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 5 + N);
    assert_string_equal(err.message, "arrays and inline tables nested more than 128 deep");
    free(buf);

    /* inline tables count as well */
    char *it = malloc(8 * (N + 1) + 16);
    assert_non_null(it);
    size_t o = (size_t)sprintf(it, "a = ");
    for (int i = 0; i <= N; i++)
        o += (size_t)sprintf(it + o, "{b=");
    sprintf(it + o, "1");
    assert_null(ftl_toml_parse(it, strlen(it), &err));
    assert_string_equal(err.message, "arrays and inline tables nested more than 128 deep");
    free(it);

    /* a megabyte of brackets, or of dotted key segments: an error or a tree, no crash */
    size_t big = 1 << 20;
    char *mb = malloc(big);
    assert_non_null(mb);
    memset(mb, '[', big);
    assert_null(ftl_toml_parse(mb, big, &err));
    assert_string_equal(err.message, "expected a key");
    memcpy(mb, "a=", 2);
    assert_null(ftl_toml_parse(mb, big, &err));
    assert_string_equal(err.message, "arrays and inline tables nested more than 128 deep");
    /* 32768 dotted key segments: a chain of tables, built without recursion */
    size_t n = 1 << 16;
    for (size_t i = 0; i < n; i += 2) {
        mb[i] = 'k';
        mb[i + 1] = '.';
    }
    memcpy(mb + n - 1, "k = 1\n", 6);
    doc = ftl_toml_parse(mb, n + 5, &err);
    assert_non_null(doc);
    ftl_toml_free(doc);
    free(mb);
}

/* ---- editing --------------------------------------------------------------------- */

static char *dup(const char *s)
{
    char *d = malloc(strlen(s) + 1);
    assert_non_null(d);
    strcpy(d, s);
    return d;
}

static void expect_text_at(const char *file, int line, const char *got, const char *want,
                           const char *variant)
{
    if (strcmp(got, want) == 0) return;
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    print_error(
        "%s:%d (%s): edited text differs at byte %zu\n--- expected ---\n%s\n--- got ---\n%s\n"
        "---\n",
        file, line, variant, i, want, got);
    fail();
}

/* An edit, for the table-driven cases. */
typedef struct Op {
    char kind; /* 's' set_string, 'k' remove_key, 'a' add_table (one key, or none), 'r' remove_table
                */
    const char *table, *key, *value;
} Op;

static void do_ops_at(const char *file, int line, FtlTomlEdit *e, const Op *ops, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        FtlTomlError err;
        int rc = -1;
        const char *k[1] = {ops[i].key}, *v[1] = {ops[i].value};
        switch (ops[i].kind) {
        case 's':
            rc = ftl_toml_edit_set_string(e, ops[i].table, ops[i].key, ops[i].value, &err);
            break;
        case 'k': rc = ftl_toml_edit_remove_key(e, ops[i].table, ops[i].key, &err); break;
        case 'a':
            rc = ftl_toml_edit_add_table(e, ops[i].table, k, v, ops[i].key ? 1 : 0, &err);
            break;
        case 'r': rc = ftl_toml_edit_remove_table(e, ops[i].table, &err); break;
        default: fail();
        }
        if (rc != 0)
            fail_msg("%s:%d: edit %zu (%c %s) failed: %d:%d: %s", file, line, i, ops[i].kind,
                     ops[i].table ? ops[i].table : "(root)", err.line, err.column, err.message);
    }
}

/* Applies ops to src and compares with want; when both_endings, also to src and want
 * with CRLF line endings. */
static void edit_at(const char *file, int line, const char *src, const Op *ops, size_t n,
                    const char *want, int both_endings)
{
    for (int pass = 0; pass < (both_endings ? 2 : 1); pass++) {
        char *s = pass ? crlf(src) : dup(src);
        char *w = pass ? crlf(want) : dup(want);
        FtlTomlDoc *doc = parse_ok_at(file, line, s, strlen(s));
        FtlTomlEdit e;
        ftl_toml_edit_init(&e, doc);
        do_ops_at(file, line, &e, ops, n);
        char *out = apply_ok_at(file, line, &e);
        expect_text_at(file, line, out, w, pass ? "CRLF" : "LF");
        free(out);
        ftl_toml_edit_free(&e);
        ftl_toml_free(doc);
        free(s);
        free(w);
    }
}
#define EDIT(src, want, ...)                                                                       \
    do {                                                                                           \
        const Op ops_[] = {__VA_ARGS__};                                                           \
        edit_at(__FILE__, __LINE__, (src), ops_, sizeof ops_ / sizeof *ops_, (want), 1);           \
    } while (0)
#define EDIT_LF(src, want, ...)                                                                    \
    do {                                                                                           \
        const Op ops_[] = {__VA_ARGS__};                                                           \
        edit_at(__FILE__, __LINE__, (src), ops_, sizeof ops_ / sizeof *ops_, (want), 0);           \
    } while (0)

/* A realistic project file, in pieces so that expected results can be spelled out. */
#define P_HEAD                                                                                     \
    "# ftl-project.toml for the shop realm\n"                                                      \
    "name   =   \"shop\"          # the local realm\n"                                             \
    "\n"                                                                                           \
    "[realms]\n"                                                                                   \
    "export-path = \"ftl-external-schema.txtpb\"\n"                                                \
    "\n"
#define P_BANK_TOP                                                                                 \
    "# Bank realm: pinned by ftlc\n"                                                               \
    "[realms.egress.bank]\n"                                                                       \
    "  git-repo = \"git@github.com:bank/accounts.git\"\n"
#define P_BANK                                                                                     \
    P_BANK_TOP                                                                                     \
    "  git-branch='main'\n"                                                                        \
    "  git-commit   =   \"aac675450010d2b8fc0528239e49e56fd94b5309\"   # pinned\n"                 \
    "  schema-sha256 = \"0000\"\n"
#define P_PAY_TOP                                                                                  \
    "[realms.egress.payments]\n"                                                                   \
    "git-repo = \"https://example.com/payments.git\"\n"                                            \
    "git-branch = \"release\"\n"                                                                   \
    "git-commit = \"1111111111111111111111111111111111111111\"\n"
#define P_PAY P_PAY_TOP "# git-path = \"old.txtpb\"\n"
#define P_LEGACY_TOP                                                                               \
    "[external-realms.legacy]   # upstream FTL's form\n"                                           \
    "git-repo = \"git@github.com:corp/legacy.git\"\n"                                              \
    "git-branch = \"main\"\n"
#define P_LEGACY P_LEGACY_TOP "git-commit = \"2222222222222222222222222222222222222222\"\n"
#define P_MODULES                                                                                  \
    "[modules]\n"                                                                                  \
    "dirs = [\"a\",\n"                                                                             \
    "        \"b\"]   # unrelated\n"
#define PROJECT P_HEAD P_BANK "\n" P_PAY "\n" P_LEGACY "\n" P_MODULES

static void test_edit_project_reads(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK(PROJECT);
    STR(doc, "name", "shop");
    STR(doc, "realms.export-path", "ftl-external-schema.txtpb");
    const FtlTomlTable *egress = ftl_toml_table(doc, "realms.egress");
    assert_int_equal(egress->kind, FTL_TOML_IMPLICIT);
    assert_int_equal(egress->count, 2);
    assert_string_equal(egress->first->key, "bank");
    assert_string_equal(egress->first->next->key, "payments");
    STR(doc, "realms.egress.bank.git-branch", "main");
    STR(doc, "realms.egress.bank.git-commit", "aac675450010d2b8fc0528239e49e56fd94b5309");
    STR(doc, "external-realms.legacy.git-repo", "git@github.com:corp/legacy.git");
    assert_int_equal(ftl_toml_array_len(GET(doc, "modules.dirs")), 2);
    ftl_toml_free(doc);
}

static void test_edit_set_existing(void **state)
{
    (void)state;
    EDIT(PROJECT,
         "# ftl-project.toml for the shop realm\n"
         "name   =   \"shop2\"          # the local realm\n"
         "\n"
         "[realms]\n"
         "export-path = \"ftl-external-schema.txtpb\"\n"
         "\n" P_BANK_TOP "  git-branch=\"dev\"\n"
         "  git-commit   =   \"bbbb\"   # pinned\n"
         "  schema-sha256 = \"ffff\"\n"
         "\n" P_PAY "\n" P_LEGACY_TOP "git-commit = \"3333\"\n"
         "\n" P_MODULES,
         {'s', "realms.egress.bank", "git-commit", "bbbb"},
         {'s', "realms.egress.bank", "schema-sha256", "ffff"},
         {'s', "external-realms.legacy", "git-commit", "3333"}, {'s', NULL, "name", "shop2"},
         {'s', "realms.egress.bank", "git-branch", "dev"});
    /* a value of another type, a multi-line string, a key of an inline table, a key set by
     * a dotted key line */
    EDIT("a = 1 # c\n", "a = \"v\" # c\n", {'s', "", "a", "v"});
    EDIT("a = [1,\n  2] # c\nb = 1\n", "a = \"v\" # c\nb = 1\n", {'s', "", "a", "v"});
    EDIT("a = \"\"\"\nx\ny\"\"\" # c\nb = 1\n", "a = \"v\" # c\nb = 1\n", {'s', "", "a", "v"});
    EDIT("t = { a = \"x\", b = 1 }\n", "t = { a = \"x\", b = \"y\" }\n", {'s', "t", "b", "y"});
    EDIT("[t]\nx.y = 1\n", "[t]\nx.y = \"v\"\n", {'s', "t.x", "y", "v"});
    EDIT("\"q k\" = 'v'\n", "\"q k\" = \"w\"\n", {'s', NULL, "q k", "w"});
    EDIT("[a.\"b.c\"]\nk = 1\n", "[a.\"b.c\"]\nk = \"2\"\n", {'s', "a.\"b.c\"", "k", "2"});
    /* what needs escaping is escaped */
    EDIT("a = 'x'\n", "a = \"q\\\"b\\\\s\\nt\\u0001\\u007F\\t\\r\\b\\f \xc3\xa9\"\n",
         {'s', NULL, "a", "q\"b\\s\nt\x01\x7f\t\r\b\f \xc3\xa9"});
}

static void test_edit_add_key(void **state)
{
    (void)state;
    EDIT(PROJECT,
         "# ftl-project.toml for the shop realm\n"
         "name   =   \"shop\"          # the local realm\n"
         "version = \"1\"\n"
         "\n"
         "[realms]\n"
         "export-path = \"ftl-external-schema.txtpb\"\n"
         "\n" P_BANK "  git-path = \"x.txtpb\"\n"
         "\n" P_PAY_TOP "schema-sha256 = \"abc\"\n"
         "# git-path = \"old.txtpb\"\n"
         "\n" P_LEGACY "\n" P_MODULES "extra = \"e\"\n",
         {'s', "realms.egress.bank", "git-path", "x.txtpb"},
         {'s', "realms.egress.payments", "schema-sha256", "abc"}, {'s', NULL, "version", "1"},
         {'s', "modules", "extra", "e"});
    /* two new keys in one table keep their order */
    EDIT("[t]\na = 1\n\n[u]\n", "[t]\na = 1\nb = \"1\"\nc = \"2\"\n\n[u]\n", {'s', "t", "b", "1"},
         {'s', "t", "c", "2"});
    /* a table without keys: right after its header */
    EDIT("[t]\n[u]\n", "[t]\nk = \"v\"\n[u]\n", {'s', "t", "k", "v"});
    EDIT("[t] # c\n\n[u]\n", "[t] # c\nk = \"v\"\n\n[u]\n", {'s', "t", "k", "v"});
    /* at the end of a file without a final newline: the file still has none */
    EDIT_LF("[t]", "[t]\nk = \"v\"", {'s', "t", "k", "v"});
    EDIT_LF("[t]\na = 1", "[t]\na = 1\nk = \"v\"", {'s', "t", "k", "v"});
    EDIT_LF("[t]\na = 1", "[t]\na = 1\nk = \"v\"\nl = \"w\"", {'s', "t", "k", "v"},
            {'s', "t", "l", "w"});
    /* indentation of the line before, tabs included */
    EDIT("[t]\n\ta = 1\n", "[t]\n\ta = 1\n\tk = \"v\"\n", {'s', "t", "k", "v"});
    EDIT("  [t]\n    a = 1\n", "  [t]\n    a = 1\n    k = \"v\"\n", {'s', "t", "k", "v"});
    /* the root table: after its last key; without keys, above the first header and its
     * comments; in a file of comments, at the end */
    EDIT("a = 1\n\n[t]\n", "a = 1\nname = \"v\"\n\n[t]\n", {'s', NULL, "name", "v"});
    EDIT("# about t\n[t]\n", "name = \"v\"\n# about t\n[t]\n", {'s', NULL, "name", "v"});
    EDIT("# file\n\n# about t\n[t]\n", "# file\nname = \"v\"\n\n# about t\n[t]\n",
         {'s', NULL, "name", "v"});
    EDIT_LF("", "name = \"v\"\n", {'s', NULL, "name", "v"});
    EDIT("# c\n", "# c\nname = \"v\"\n", {'s', NULL, "name", "v"});
    EDIT_LF("# c", "# c\nname = \"v\"", {'s', NULL, "name", "v"});
    EDIT_LF("\xEF\xBB\xBF[t]\n", "\xEF\xBB\xBFname = \"v\"\n[t]\n", {'s', NULL, "name", "v"});
    EDIT("\n\n[t]\n", "name = \"v\"\n\n\n[t]\n", {'s', NULL, "name", "v"});
    EDIT_LF("\xEF\xBB\xBF", "\xEF\xBB\xBFname = \"v\"\n", {'s', NULL, "name", "v"});
    /* ... where removing that table does not take it along */
    EDIT("# file\n\n[t]\nk = 1\n\n[u]\n", "# file\nname = \"v\"\n\n[u]\n", {'s', NULL, "name", "v"},
         {'r', "t", NULL, NULL});
    /* keys that cannot be bare are quoted */
    EDIT("[t]\n", "[t]\n\"a b\" = \"v\"\n\"\" = \"w\"\n\"x.y\" = \"z\"\n\"\xc3\xa9\" = \"u\"\n",
         {'s', "t", "a b", "v"}, {'s', "t", "", "w"}, {'s', "t", "x.y", "z"},
         {'s', "t", "\xc3\xa9", "u"});
}

static void test_edit_add_table(void **state)
{
    (void)state;
    FtlTomlDoc *doc = PARSE_OK(PROJECT);
    FtlTomlEdit e;
    ftl_toml_edit_init(&e, doc);
    const char *keys[] = {"git-repo", "git-branch", "git-commit", "schema-sha256"};
    const char *vals[] = {"git@github.com:stripe/api.git", "main", "4444", "5555"};
    EDIT_OK(ftl_toml_edit_add_table(&e, "realms.egress.stripe", keys, vals, 4, &err_));
    char *out = APPLY_OK(&e);
    expect_text_at(__FILE__, __LINE__, out,
                   PROJECT "\n[realms.egress.stripe]\n"
                           "git-repo = \"git@github.com:stripe/api.git\"\n"
                           "git-branch = \"main\"\n"
                           "git-commit = \"4444\"\n"
                           "schema-sha256 = \"5555\"\n",
                   "LF");
    free(out);
    ftl_toml_edit_free(&e);
    ftl_toml_free(doc);

    EDIT_LF("", "[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT_LF("a = 1", "a = 1\n\n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT_LF("# c", "# c\n\n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT_LF("\xEF\xBB\xBF", "\xEF\xBB\xBF[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT("a = 1\n", "a = 1\n\n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT("a = 1\n\n", "a = 1\n\n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT("a = 1\n\n\n", "a = 1\n\n\n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT("a = 1\n  ", "a = 1\n  \n[t]\nk = \"v\"\n", {'a', "t", "k", "v"});
    EDIT("a = 1\n", "a = 1\n\n[t]\n", {'a', "t", NULL, NULL});
    EDIT("a = 1\n", "a = 1\n\n[t]\nk = \"v\"\n\n[u]\nk = \"w\"\n", {'a', "t", "k", "v"},
         {'a', "u", "k", "w"});
    /* a table so far only implied by another header may be added */
    EDIT("[a.b]\n", "[a.b]\n\n[a]\nk = \"v\"\n", {'a', "a", "k", "v"});
    /* names are written bare when they can be */
    EDIT_LF("", "[realms.egress.\"x.y\".\"a b\"]\n\"k k\" = \"v\"\n",
            {'a', "realms . egress.\"x.y\".'a b'", "k k", "v"});
    /* a key added at the end of the file comes before an appended table */
    EDIT_LF("[t]\na = 1", "[t]\na = 1\nk = \"v\"\n\n[u]\nk = \"w\"\n", {'a', "u", "k", "w"},
            {'s', "t", "k", "v"});
}

static void test_edit_remove(void **state)
{
    (void)state;
    /* a table in the middle: its trailing comment goes with it, one blank line stays */
    EDIT(PROJECT, P_HEAD P_BANK "\n" P_LEGACY "\n" P_MODULES,
         {'r', "realms.egress.payments", NULL, NULL});
    /* the comment lines directly above the header go with it */
    EDIT(PROJECT, P_HEAD P_PAY "\n" P_LEGACY "\n" P_MODULES,
         {'r', "realms.egress.bank", NULL, NULL});
    /* the last tables; a table only implied by its sub-tables' headers */
    EDIT(PROJECT, P_HEAD P_BANK "\n" P_PAY, {'r', "external-realms", NULL, NULL},
         {'r', "modules", NULL, NULL});
    /* a table and all the tables under it */
    EDIT(PROJECT,
         "# ftl-project.toml for the shop realm\n"
         "name   =   \"shop\"          # the local realm\n"
         "\n" P_LEGACY "\n" P_MODULES,
         {'r', "realms", NULL, NULL});
    /* removed, then added again with new values */
    EDIT(PROJECT,
         P_HEAD P_PAY "\n" P_LEGACY "\n" P_MODULES "\n[realms.egress.bank]\ngit-repo = \"r\"\n",
         {'r', "realms.egress.bank", NULL, NULL}, {'a', "realms.egress.bank", "git-repo", "r"});
    /* keys */
    EDIT(PROJECT,
         "# ftl-project.toml for the shop realm\n"
         "\n"
         "[realms]\n"
         "export-path = \"ftl-external-schema.txtpb\"\n"
         "\n" P_BANK_TOP
         "  git-commit   =   \"aac675450010d2b8fc0528239e49e56fd94b5309\"   # pinned\n"
         "  schema-sha256 = \"0000\"\n"
         "\n" P_PAY "\n" P_LEGACY "\n" P_MODULES,
         {'k', NULL, "name", NULL}, {'k', "realms.egress.bank", "git-branch", NULL});
    EDIT("a = 1\nb = 2 # c\nc = 3\n", "a = 1\nc = 3\n", {'k', "", "b", NULL});
    EDIT("a = 1\nb = [\n  1,\n]\nc = 3\n", "a = 1\nc = 3\n", {'k', "", "b", NULL});
    EDIT_LF("a = 1\nb = 2", "a = 1\n", {'k', "", "b", NULL});
    EDIT("[t]\nx.y = 1\nz = 2\n", "[t]\nz = 2\n", {'k', "t.x", "y", NULL});
    EDIT("[t]\nk = {a = 1}\n", "[t]\n", {'k', "t", "k", NULL});

    /* at the start of the file the blank lines after it go instead */
    EDIT("[A]\nk = 1\n\n[B]\nj = 2\n", "[B]\nj = 2\n", {'r', "A", NULL, NULL});
    EDIT("[A]\nk = 1\n", "", {'r', "A", NULL, NULL});
    EDIT_LF("[A]\nk = 1", "", {'r', "A", NULL, NULL});
    EDIT("a = 1\n\n[A]\nk = 1\n# end\n", "a = 1\n", {'r', "A", NULL, NULL});
    EDIT("a = 1\n\n[A]\n\n\n", "a = 1\n", {'r', "A", NULL, NULL});
    EDIT("[A]\nk = 1\n# about B\n[B]\n", "# about B\n[B]\n", {'r', "A", NULL, NULL});
    EDIT("[A]\nk = 1\n\n# about B\n[B]\n", "[A]\nk = 1\n", {'r', "B", NULL, NULL});
    EDIT("[a]\nx = 1\n\n[b]\ny = 2\n\n[a.c]\nz = 3\n", "[b]\ny = 2\n", {'r', "a", NULL, NULL});
    EDIT_LF("\xEF\xBB\xBF[A]\nk = 1\n\n[B]\n", "\xEF\xBB\xBF[B]\n", {'r', "A", NULL, NULL});
    /* removals of neighbours, made separately, may share blank lines */
    EDIT("[a]\nx = 1\n# c\n\n[b]\n", "", {'r', "b", NULL, NULL}, {'r', "a", NULL, NULL});
    EDIT("[a]\nx = 1\n# c\n\n[b]\n\n[c]\n", "[c]\n", {'r', "b", NULL, NULL},
         {'r', "a", NULL, NULL});
    /* a comment-like line inside a multi-line string is not a comment */
    EDIT("[A]\nk = '''\n# x'''\n[B]\n", "[A]\nk = '''\n# x'''\n", {'r', "B", NULL, NULL});
    EDIT("[A]\nk = '''\n# x'''\n[B]\n", "[B]\n", {'r', "A", NULL, NULL});
}

/* The commands of ftlc-realm(1) in one go: update one realm, add one, remove one. */
static void test_edit_combined(void **state)
{
    (void)state;
    EDIT(PROJECT,
         P_HEAD P_BANK_TOP "  git-branch='main'\n"
                           "  git-commit   =   \"cccc\"   # pinned\n"
                           "  schema-sha256 = \"dddd\"\n"
                           "  git-path = \"api.txtpb\"\n"
                           "\n" P_LEGACY "\n" P_MODULES "\n[realms.egress.stripe]\n"
                           "git-repo = \"git@github.com:stripe/api.git\"\n",
         {'s', "realms.egress.bank", "git-commit", "cccc"},
         {'s', "realms.egress.bank", "schema-sha256", "dddd"},
         {'s', "realms.egress.bank", "git-path", "api.txtpb"},
         {'r', "realms.egress.payments", NULL, NULL},
         {'a', "realms.egress.stripe", "git-repo", "git@github.com:stripe/api.git"});
}

static void edit_err_at(const char *file, int line, const char *src, const Op *op, int eline,
                        int ecol, const char *msg)
{
    FtlTomlDoc *doc = parse_ok_at(file, line, src, strlen(src));
    FtlTomlEdit e;
    ftl_toml_edit_init(&e, doc);
    FtlTomlError err;
    int rc = 0;
    const char *k[2] = {op->key, op->key}, *v[2] = {op->value, op->value};
    switch (op->kind) {
    case 's': rc = ftl_toml_edit_set_string(&e, op->table, op->key, op->value, &err); break;
    case 'k': rc = ftl_toml_edit_remove_key(&e, op->table, op->key, &err); break;
    case 'a': rc = ftl_toml_edit_add_table(&e, op->table, k, v, 1, &err); break;
    case 'A': rc = ftl_toml_edit_add_table(&e, op->table, k, v, 2, &err); break;
    case 'r': rc = ftl_toml_edit_remove_table(&e, op->table, &err); break;
    default: fail();
    }
    if (rc != -1) fail_msg("%s:%d: edit should fail", file, line);
    if (err.line != eline || err.column != ecol || strcmp(err.message, msg) != 0)
        fail_msg("%s:%d: expected %d:%d: %s, got %d:%d: %s", file, line, eline, ecol, msg, err.line,
                 err.column, err.message);
    /* nothing was recorded */
    char *out = apply_ok_at(file, line, &e);
    expect_text_at(file, line, out, src, "unchanged");
    free(out);
    ftl_toml_edit_free(&e);
    ftl_toml_free(doc);
}
#define EDIT_ERR(src, l, c, msg, ...)                                                              \
    do {                                                                                           \
        const Op op_ = __VA_ARGS__;                                                                \
        edit_err_at(__FILE__, __LINE__, (src), &op_, (l), (c), (msg));                             \
    } while (0)

static void test_edit_errors(void **state)
{
    (void)state;
    EDIT_ERR("a = 1\n", 0, 0, "no table [t]", {'s', "t", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "no table [t]", {'k', "t", "k", NULL});
    EDIT_ERR("a = 1\n", 0, 0, "no table [t]", {'r', "t", NULL, NULL});
    EDIT_ERR("a = 1\n", 1, 5, "\"a\" is not a table", {'s', "a", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "invalid table path \"a..b\"", {'s', "a..b", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "invalid table path \"a b\"", {'r', "a b", NULL, NULL});
    EDIT_ERR("[[a]]\n", 1, 3, "\"a\" is not a table", {'r', "a", NULL, NULL});
    EDIT_ERR("[a.b]\n", 1, 4, "\"b\" is a table, not a value", {'s', "a", "b", "v"});
    EDIT_ERR("[[x]]\n", 1, 3, "\"x\" is a table, not a value", {'s', NULL, "x", "v"});
    EDIT_ERR("t = {a = 1}\n", 1, 5, "cannot add key \"c\" to an inline table",
             {'s', "t", "c", "v"});
    EDIT_ERR("t = {}\n", 1, 5, "cannot add key \"c\" to an inline table", {'s', "t", "c", "v"});
    EDIT_ERR("a.b = 1\n", 0, 0, "table [a] has no section of its own to add \"c\" to",
             {'s', "a", "c", "v"});
    EDIT_ERR("[a.b]\n", 0, 0, "table [a] has no section of its own to add \"c\" to",
             {'s', "a", "c", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "key or value is not valid UTF-8", {'s', NULL, "a", "\xff"});
    EDIT_ERR("a = 1\n", 0, 0, "key or value is not valid UTF-8", {'s', NULL, "\xc3", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "cannot remove the root table", {'r', NULL, NULL, NULL});
    EDIT_ERR("a = 1\n", 0, 0, "cannot remove the root table", {'r', "", NULL, NULL});
    EDIT_ERR("a.b = 1\n", 0, 0, "table [a] has no [header] of its own", {'r', "a", NULL, NULL});
    EDIT_ERR("t = {}\n", 0, 0, "table [t] has no [header] of its own", {'r', "t", NULL, NULL});
    EDIT_ERR("a = 1\n", 0, 0, "no key \"x\" in the root table", {'k', NULL, "x", NULL});
    EDIT_ERR("[t]\n", 0, 0, "no key \"x\" in table [t]", {'k', "t", "x", NULL});
    EDIT_ERR("t = {a = 1}\n", 1, 6, "cannot remove \"a\": it is not a key/value line of its own",
             {'k', "t", "a", NULL});
    EDIT_ERR("a.b = 1\n", 1, 1, "cannot remove \"a\": it is not a key/value line of its own",
             {'k', NULL, "a", NULL});
    EDIT_ERR("x = 1\n[t]\n", 2, 1, "table [t] already exists", {'a', "t", "k", "v"});
    EDIT_ERR("a.b = 1\n", 1, 1, "table [a] already exists", {'a', "a", "k", "v"});
    EDIT_ERR("a = 1\n", 1, 5, "cannot add table [a.b]: \"a\" is not a table",
             {'a', "a.b", "k", "v"});
    EDIT_ERR("a = 1\n", 1, 5, "cannot add table [a]: \"a\" is not a table", {'a', "a", "k", "v"});
    EDIT_ERR("a = {}\n", 1, 5, "cannot add table [a.b]: \"a\" is an inline table",
             {'a', "a.b", "k", "v"});
    EDIT_ERR("[[a]]\n", 1, 3, "cannot add table [a.b]: \"a\" is not a table",
             {'a', "a.b", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "invalid table path \"\"", {'a', "", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "invalid table path \"\"", {'a', NULL, "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "duplicate key \"k\"", {'A', "t", "k", "v"});
    EDIT_ERR("a = 1\n", 0, 0, "key or value is not valid UTF-8", {'a', "t", "k", "\xed\xa0\x80"});

    /* conflicting edits */
    FtlTomlDoc *doc = PARSE_OK("[t]\na = 1\n[u]\n");
    FtlTomlEdit e;
    FtlTomlError err;
    ftl_toml_edit_init(&e, doc);
    EDIT_OK(ftl_toml_edit_set_string(&e, "t", "a", "x", &err_));
    assert_int_equal(ftl_toml_edit_set_string(&e, "t", "a", "y", &err), -1);
    assert_string_equal(err.message, "\"a\" is changed by another edit");
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 1);
    assert_int_equal(ftl_toml_edit_remove_key(&e, "t", "a", &err), -1);
    assert_string_equal(err.message, "\"a\" is changed by another edit");
    assert_int_equal(ftl_toml_edit_remove_table(&e, "t", &err), -1);
    assert_string_equal(err.message, "table [t] is changed by another edit");
    EDIT_OK(ftl_toml_edit_set_string(&e, "t", "new", "x", &err_));
    assert_int_equal(ftl_toml_edit_set_string(&e, "t", "new", "y", &err), -1);
    assert_string_equal(err.message, "\"new\" is changed by another edit");
    EDIT_OK(ftl_toml_edit_set_string(&e, "u", "new", "x", &err_)); /* another table */
    assert_int_equal(e.n, 3);
    ftl_toml_edit_free(&e);

    ftl_toml_edit_init(&e, doc);
    EDIT_OK(ftl_toml_edit_remove_table(&e, "t", &err_));
    assert_int_equal(ftl_toml_edit_set_string(&e, "t", "b", "x", &err), -1);
    assert_string_equal(err.message, "table [t] is removed by another edit");
    assert_int_equal(ftl_toml_edit_set_string(&e, "t", "a", "x", &err), -1);
    assert_string_equal(err.message, "table [t] is removed by another edit");
    assert_int_equal(ftl_toml_edit_remove_key(&e, "t", "a", &err), -1);
    assert_string_equal(err.message, "table [t] is removed by another edit");
    assert_int_equal(ftl_toml_edit_remove_table(&e, "t", &err), -1);
    assert_string_equal(err.message, "table [t] is removed by another edit");
    assert_int_equal(e.n, 1);
    ftl_toml_edit_free(&e);

    /* sub-tables whose removal merged with their parent's are removed all the same */
    FtlTomlDoc *doc2 = PARSE_OK("[a]\nx = 1\n[a.b]\ny = 2\n[a.b.c]\n[d]\n");
    ftl_toml_edit_init(&e, doc2);
    EDIT_OK(ftl_toml_edit_remove_table(&e, "a", &err_));
    assert_int_equal(e.n, 1);
    assert_int_equal(ftl_toml_edit_set_string(&e, "a.b.c", "k", "v", &err), -1);
    assert_string_equal(err.message, "table [a.b.c] is removed by another edit");
    assert_int_equal(ftl_toml_edit_remove_table(&e, "a.b", &err), -1);
    assert_string_equal(err.message, "table [a.b] is removed by another edit");
    EDIT_OK(ftl_toml_edit_set_string(&e, "d", "k", "v", &err_));
    char *out2 = APPLY_OK(&e);
    assert_string_equal(out2, "[d]\nk = \"v\"\n");
    free(out2);
    ftl_toml_edit_free(&e);
    ftl_toml_edit_init(&e, doc2);
    EDIT_OK(ftl_toml_edit_set_string(&e, "a.b", "k", "v", &err_));
    assert_int_equal(ftl_toml_edit_remove_table(&e, "a", &err), -1);
    assert_string_equal(err.message, "table [a] is changed by another edit");
    ftl_toml_edit_free(&e);
    ftl_toml_free(doc2);

    ftl_toml_edit_init(&e, doc);
    EDIT_OK(ftl_toml_edit_set_string(&e, "t", "b", "x", &err_));
    assert_int_equal(ftl_toml_edit_remove_table(&e, "t", &err), -1);
    assert_string_equal(err.message, "table [t] is changed by another edit");
    assert_int_equal(e.n, 1);
    const char *k[] = {"k"}, *v[] = {"v"};
    EDIT_OK(ftl_toml_edit_add_table(&e, "w", k, v, 1, &err_));
    assert_int_equal(ftl_toml_edit_add_table(&e, "w", k, v, 1, &err), -1);
    assert_string_equal(err.message, "table [w] is added twice");
    ftl_toml_edit_free(&e);

    /* a new key t.k and a new table [t.k] would clash, in either order */
    ftl_toml_edit_init(&e, doc);
    EDIT_OK(ftl_toml_edit_set_string(&e, "t", "k", "x", &err_));
    assert_int_equal(ftl_toml_edit_add_table(&e, "t.k.z", k, v, 1, &err), -1);
    assert_string_equal(err.message, "cannot add table [t.k.z]: another edit adds \"k\" as a key");
    ftl_toml_edit_free(&e);
    ftl_toml_edit_init(&e, doc);
    EDIT_OK(ftl_toml_edit_add_table(&e, "t.\"k\"", k, v, 1, &err_));
    assert_int_equal(ftl_toml_edit_set_string(&e, "t", "k", "x", &err), -1);
    assert_string_equal(err.message, "another edit adds a table [t.k]");
    EDIT_OK(ftl_toml_edit_set_string(&e, "t", "kk", "x", &err_));
    EDIT_OK(ftl_toml_edit_add_table(&e, "zz", k, v, 1, &err_));
    assert_int_equal(ftl_toml_edit_set_string(&e, NULL, "zz", "x", &err), -1);
    assert_string_equal(err.message, "another edit adds a table [zz]");
    ftl_toml_edit_free(&e);
    ftl_toml_free(doc);
}

static void test_quote_and_path(void **state)
{
    (void)state;
    const char *segs[] = {"realms", "a.b", "x y", "", "\xc3\xa9", "ok-_1"};
    char *p = ftl_toml_path(segs, 6);
    assert_string_equal(p, "realms.\"a.b\".\"x y\".\"\".\"\xc3\xa9\".ok-_1");
    /* and it reads back */
    char doc_text[200];
    snprintf(doc_text, sizeof doc_text, "[%s]\nk = 1\n", p);
    FtlTomlDoc *doc = PARSE_OK(doc_text);
    assert_non_null(ftl_toml_table(doc, p));
    ftl_toml_free(doc);
    free(p);
    p = ftl_toml_path(segs, 0);
    assert_string_equal(p, "");
    free(p);
    char *q = ftl_toml_quote("a\"b\\c\nd\x01\x7f\t\xc3\xa9", 12);
    assert_string_equal(q, "\"a\\\"b\\\\c\\nd\\u0001\\u007F\\t\xc3\xa9\"");
    free(q);
    q = ftl_toml_quote("a\0b", 3);
    assert_string_equal(q, "\"a\\u0000b\"");
    free(q);
}

/* ---- fuzz -------------------------------------------------------------------------- */

static uint64_t rng_state;
static uint64_t rng(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

static size_t walk_values(const FtlTomlValue *v, int depth)
{
    size_t n = 1;
    assert_true(depth <= FTL_TOML_MAX_DEPTH + 1);
    assert_true(v->span.start <= v->span.end);
    if (v->type == FTL_TOML_ARRAY)
        for (size_t i = 0; i < v->count; i++)
            n += walk_values(v->items[i], depth + (v->array_of_tables ? 0 : 1));
    if (v->type == FTL_TOML_TABLE)
        for (const FtlTomlEntry *e = v->table->first; e; e = e->next)
            n += walk_values(e->value, depth);
    return n;
}

/* Parses text; when it parses, walks it and tries a few edits, whose result must parse. */
static int exercise(const char *text, size_t len)
{
    FtlTomlError err;
    FtlTomlDoc *doc = ftl_toml_parse(text, len, &err);
    if (!doc) {
        assert_true(err.line >= 1 && err.column >= 1 && err.message[0]);
        assert_true(err.offset <= len);
        return 0;
    }
    const FtlTomlTable *root = ftl_toml_root(doc);
    for (const FtlTomlEntry *e = root->first; e; e = e->next)
        walk_values(e->value, 0);
    FtlTomlEdit e;
    ftl_toml_edit_init(&e, doc);
    const char *k[] = {"k"}, *v[] = {"v\n\""};
    (void)ftl_toml_edit_set_string(&e, NULL, "a", "x", &err);
    if (root->first && root->first->value->type == FTL_TOML_TABLE) {
        const char *seg[1] = {root->first->key};
        char *path = ftl_toml_path(seg, 1);
        (void)ftl_toml_edit_set_string(&e, path, "b", "y", &err);
        (void)ftl_toml_edit_remove_table(&e, path, &err);
        free(path);
    }
    if (root->last && root->last->has_line)
        (void)ftl_toml_edit_remove_key(&e, NULL, root->last->key, &err);
    (void)ftl_toml_edit_add_table(&e, "zz.top", k, v, 1, &err);
    size_t olen;
    char *out = ftl_toml_edit_apply(&e, &olen, &err);
    if (out) {
        FtlTomlDoc *again = ftl_toml_parse(out, olen, &err);
        assert_non_null(again);
        ftl_toml_free(again);
        free(out);
    }
    ftl_toml_edit_free(&e);
    ftl_toml_free(doc);
    return 1;
}

static void test_fuzz_garbage(void **state)
{
    (void)state;
    static const char alphabet[] = "[]{}=,.\"'#\\ \t\n\r0123456789abcdefxobtuUnirsz_+-:eETZ";
    static const char *frags[] = {"a",
                                  "b",
                                  " = ",
                                  "=",
                                  "1",
                                  "-2",
                                  "0x1F",
                                  "1.5e3",
                                  "inf",
                                  "nan",
                                  "true",
                                  "\"s\"",
                                  "'l'",
                                  "\"\"\"m\nl\"\"\"",
                                  "'''r'''",
                                  "\"\\u00e9\"",
                                  "1979-05-27",
                                  "07:32:00",
                                  "1979-05-27T07:32:00Z",
                                  "[t]",
                                  "[a.b]",
                                  "[[x]]",
                                  "[[a.c]]",
                                  "\n",
                                  "\r\n",
                                  "# c\n",
                                  "[",
                                  "]",
                                  "{",
                                  "}",
                                  ",",
                                  ".",
                                  "a.b",
                                  "\"k k\"",
                                  " ",
                                  "\t",
                                  "\xc3\xa9",
                                  "\xff",
                                  "\\",
                                  "\"\\q\"",
                                  "\x00",
                                  "\x01"};
    static const char *keys[] = {"a", "b", "a.b", "b.c", "\"a\"", "'b'", "x.y.z", "\"\"", "1.2"};
    static const char *vals[] = {"1",
                                 "-0",
                                 "0o17",
                                 "0b1",
                                 "1_0",
                                 "3.5e-1",
                                 "-inf",
                                 "true",
                                 "\"s\"",
                                 "'l'",
                                 "\"\"\"m\nl\"\"\"",
                                 "'''\nr'''",
                                 "1979-05-27 07:32:00",
                                 "[]",
                                 "[1, [2], {c = 3},]",
                                 "[\n1, # c\n2\n]",
                                 "{}",
                                 "{x = 1, y.z = 2}",
                                 "{a = {b = 1}}"};
    static const char *heads[] = {"[t]",     "[a]",       "[a.b]",  "[[x]]",
                                  "[[x.y]]", "[ b . c ]", "[\"q\"]"};
    char buf[512];
    size_t parsed = 0, total = 0;
    rng_state = 0x9E3779B97F4A7C15u;
    for (int iter = 0; iter < 40000; iter++) {
        size_t len = 0;
        int mode = (int)(rng() % 4);
        size_t want = (size_t)(rng() % 200);
        while (len < want) {
            if (mode == 0) {
                buf[len++] = (char)(rng() & 0xFF);
            } else if (mode == 1) {
                buf[len++] = alphabet[rng() % (sizeof alphabet - 1)];
            } else {
                char line[128];
                const char *f = line;
                size_t fl;
                if (mode == 2) {
                    f = frags[rng() % (sizeof frags / sizeof *frags)];
                    fl = strlen(f) ? strlen(f) : 1; /* "\x00" is one NUL byte */
                } else if (rng() % 4 == 0) {
                    fl = (size_t)snprintf(line, sizeof line, "%s\n", heads[rng() % 7]);
                } else {
                    fl = (size_t)snprintf(line, sizeof line, "%s = %s%s\n", keys[rng() % 9],
                                          vals[rng() % 19], rng() % 4 ? "" : " # c");
                }
                if (len + fl > sizeof buf) break;
                memcpy(buf + len, f, fl);
                len += fl;
            }
        }
        parsed += (size_t)exercise(buf, len);
        total++;
    }
    /* the line mode produces valid documents too */
    assert_true(parsed > 2000);
    assert_true(parsed < total);
}

static void test_fuzz_mutations(void **state)
{
    (void)state;
    static const char src[] = PROJECT;
    char buf[sizeof src + 64];
    size_t parsed = 0;
    rng_state = 12345;
    for (int iter = 0; iter < 5000; iter++) {
        size_t len = sizeof src - 1;
        memcpy(buf, src, len);
        int muts = 1 + (int)(rng() % 3);
        for (int m = 0; m < muts; m++) {
            size_t pos = (size_t)(rng() % (len + 1));
            switch (rng() % 4) {
            case 0: /* overwrite */
                if (pos < len) buf[pos] = (char)(rng() & 0xFF);
                break;
            case 1: /* delete up to 8 bytes */
                if (pos < len) {
                    size_t n = 1 + (size_t)(rng() % 8);
                    if (n > len - pos) n = len - pos;
                    memmove(buf + pos, buf + pos + n, len - pos - n);
                    len -= n;
                }
                break;
            case 2: /* insert a structural character */
                if (len + 1 < sizeof buf) {
                    memmove(buf + pos + 1, buf + pos, len - pos);
                    buf[pos] = "[]{}=\"'#\n.,"[rng() % 11];
                    len++;
                }
                break;
            default: /* truncate */ len = pos; break;
            }
        }
        parsed += (size_t)exercise(buf, len);
    }
    assert_true(parsed > 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_and_comments),
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_tables),
        cmocka_unit_test(test_array_of_tables),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_floats),
        cmocka_unit_test(test_booleans_and_datetimes),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_inline_tables),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_crlf_and_bom),
        cmocka_unit_test(test_lookup_api),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_edit_project_reads),
        cmocka_unit_test(test_edit_set_existing),
        cmocka_unit_test(test_edit_add_key),
        cmocka_unit_test(test_edit_add_table),
        cmocka_unit_test(test_edit_remove),
        cmocka_unit_test(test_edit_combined),
        cmocka_unit_test(test_edit_errors),
        cmocka_unit_test(test_quote_and_path),
        cmocka_unit_test(test_fuzz_garbage),
        cmocka_unit_test(test_fuzz_mutations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
