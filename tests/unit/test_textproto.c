/* test_textproto.c - the protobuf text format writer and reader (src/proto/textproto_write.c,
 * textproto_read.c).
 *
 * The byte-for-byte comparison with `protoc --decode` lives in protoc_compat.sh; here
 * the writer is checked against hand-written expectations (taken from protoc) and the
 * reader on every syntax feature, every error (with its position), allocation failure
 * at every allocation, and garbage input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "proto/textproto.h"
#include "testmsg.pb-c.h"
#include "xyz/block/ftl/schema/v1/schema.pb-c.h"
#include "xyz/block/ftl/v1/language/language.pb-c.h"

#include <float.h>
#include <math.h>

#ifndef TP_SAMPLES_DIR
#define TP_SAMPLES_DIR "tests/unit/tp_samples"
#endif

#define ALL (&ftlc__test__all_types__descriptor)
#define NESTED (&ftlc__test__nested__descriptor)
#define SCHEMA (&xyz__block__ftl__schema__v1__schema__descriptor)
#define REF (&xyz__block__ftl__schema__v1__ref__descriptor)
#define TYPE (&xyz__block__ftl__schema__v1__type__descriptor)
#define METADATA (&xyz__block__ftl__schema__v1__metadata__descriptor)

/* ---- Allocation failure injection: the test binary is linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so the library's allocations come
 * here; tp_fail_at >= 0 makes the allocation with that number fail. ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long tp_fail_at = -1;
static long tp_alloc_count;

static int tp_should_fail(void)
{
    return tp_fail_at >= 0 && tp_alloc_count++ == tp_fail_at;
}

void *__wrap_malloc(size_t n)
{
    return tp_should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return tp_should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return tp_should_fail() ? NULL : __real_realloc(p, n);
}

/* ---- helpers ---- */

static ProtobufCMessage *parse_ok(const ProtobufCMessageDescriptor *d, const char *text)
{
    FtlTpError err;
    ProtobufCMessage *m = ftl_tp_parse(d, text, strlen(text), &err);
    if (!m)
        fail_msg("unexpected parse error %d:%d: %s\ninput:\n%s", err.line, err.column, err.message,
                 text);
    return m;
}

static char *format(const ProtobufCMessage *m)
{
    char *s = ftl_tp_format(m, NULL);
    assert_non_null(s);
    return s;
}

/* Parses input, formats it: must give expected; and expected must be a fixed point. */
static void check_text(const ProtobufCMessageDescriptor *d, const char *input, const char *expected)
{
    ProtobufCMessage *m = parse_ok(d, input);
    char *out = format(m);
    assert_string_equal(out, expected);
    protobuf_c_message_free_unpacked(m, NULL);
    m = parse_ok(d, out);
    char *again = format(m);
    assert_string_equal(again, expected);
    protobuf_c_message_free_unpacked(m, NULL);
    free(out);
    free(again);
}

static void check_error_n(const ProtobufCMessageDescriptor *d, const char *input, size_t len,
                          int line, int column, const char *needle)
{
    FtlTpError err;
    ProtobufCMessage *m = ftl_tp_parse(d, input, len, &err);
    if (m) {
        protobuf_c_message_free_unpacked(m, NULL);
        fail_msg("expected an error for input:\n%s", input);
    }
    if (err.line != line || err.column != column || !strstr(err.message, needle))
        fail_msg("input:\n%s\nexpected %d:%d: ...%s...\n     got %d:%d: %s", input, line, column,
                 needle, err.line, err.column, err.message);
}

static void check_error(const ProtobufCMessageDescriptor *d, const char *input, int line,
                        int column, const char *needle)
{
    check_error_n(d, input, strlen(input), line, column, needle);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, fp);
        if (n < cap - 1) break;
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = p;
        cap *= 2;
    }
    fclose(fp);
    if (buf) buf[n] = '\0';
    *len = n;
    return buf;
}

/* ---- writer ---- */

static void test_write_empty(void **state)
{
    (void)state;
    Xyz__Block__Ftl__Schema__V1__Schema s = XYZ__BLOCK__FTL__SCHEMA__V1__SCHEMA__INIT;
    size_t len = 99;
    char *out = ftl_tp_format(&s.base, &len);
    assert_non_null(out);
    assert_string_equal(out, "");
    assert_int_equal(len, 0);
    free(out);
}

static void test_write_field_number_order(void **state)
{
    (void)state;
    /* Ref prints name (2) before module (3) and realm (5), whatever the struct order. */
    Xyz__Block__Ftl__Schema__V1__Ref r = XYZ__BLOCK__FTL__SCHEMA__V1__REF__INIT;
    r.module = "checkout";
    r.name = "PayRequest";
    r.realm = "bank";
    char *out = format(&r.base);
    assert_string_equal(out, "name: \"PayRequest\"\nmodule: \"checkout\"\nrealm: \"bank\"\n");
    free(out);
}

static void test_write_empty_submessage(void **state)
{
    (void)state;
    Xyz__Block__Ftl__Schema__V1__String str = XYZ__BLOCK__FTL__SCHEMA__V1__STRING__INIT;
    Xyz__Block__Ftl__Schema__V1__Type t = XYZ__BLOCK__FTL__SCHEMA__V1__TYPE__INIT;
    t.value_case = XYZ__BLOCK__FTL__SCHEMA__V1__TYPE__VALUE_STRING;
    t.string = &str;
    char *out = format(&t.base);
    assert_string_equal(out, "string {\n}\n");
    free(out);
}

static void test_write_explicit_presence(void **state)
{
    (void)state;
    /* +retry 0: count is set, so it prints although it is 0. */
    Xyz__Block__Ftl__Schema__V1__MetadataRetry r =
        XYZ__BLOCK__FTL__SCHEMA__V1__METADATA_RETRY__INIT;
    Xyz__Block__Ftl__Schema__V1__Metadata md = XYZ__BLOCK__FTL__SCHEMA__V1__METADATA__INIT;
    md.value_case = XYZ__BLOCK__FTL__SCHEMA__V1__METADATA__VALUE_RETRY;
    md.retry = &r;
    char *out = format(&md.base);
    assert_string_equal(out, "retry {\n}\n");
    free(out);
    r._count_case = XYZ__BLOCK__FTL__SCHEMA__V1__METADATA_RETRY___COUNT_COUNT;
    r.count = 0;
    out = format(&md.base);
    assert_string_equal(out, "retry {\n  count: 0\n}\n");
    free(out);
}

static void test_write_defaults_omitted(void **state)
{
    (void)state;
    Ftlc__Test__AllTypes m = FTLC__TEST__ALL_TYPES__INIT;
    char empty[1] = "";
    m.f_string = empty; /* "" is the default even when it is not the static empty string */
    m.f_double = -0.0;  /* protobuf-c 1.4 does not pack -0.0 in a proto3 field */
    char *out = format(&m.base);
    assert_string_equal(out, "");
    free(out);
    /* A oneof string equal to the default pointer is not packed, so not printed... */
    m._o_string_case = FTLC__TEST__ALL_TYPES___O_STRING_O_STRING;
    m.o_string = (char *)protobuf_c_empty_string;
    out = format(&m.base);
    assert_string_equal(out, "");
    free(out);
    /* ...but any other empty string is. */
    m.o_string = empty;
    out = format(&m.base);
    assert_string_equal(out, "o_string: \"\"\n");
    free(out);
}

static void test_write_escapes(void **state)
{
    (void)state;
    Ftlc__Test__AllTypes m = FTLC__TEST__ALL_TYPES__INIT;
    char s[] = "a\n\r\t\"'\\\x01\x1f\x7f\xc3\xa9 ?~";
    uint8_t bytes[] = {0, 0x80, 0xff, 'A', '\\'};
    m.f_string = s;
    m.f_bytes.data = bytes;
    m.f_bytes.len = sizeof bytes;
    char *out = format(&m.base);
    assert_string_equal(out, "f_string: \"a\\n\\r\\t\\\"\\'\\\\\\001\\037\\177\\303\\251 ?~\"\n"
                             "f_bytes: \"\\000\\200\\377A\\\\\"\n");
    free(out);
}

static void test_format_double(void **state)
{
    (void)state;
    static const struct {
        double v;
        const char *text;
    } cases[] = {
        {0.1, "0.1"},
        {3, "3"},
        {1e20, "1e+20"},
        {1e-7, "1e-07"},
        {-0.0, "-0"},
        {0.3, "0.3"},
        {1.0 / 3, "0.33333333333333331"},
        {123456789012345678.0, "1.2345678901234568e+17"},
        {1e15, "1e+15"},
        {1e16, "1e+16"},
        {2.5, "2.5"},
        {DBL_MAX, "1.7976931348623157e+308"},
        {5e-324, "4.94065645841247e-324"},
        {-1.5, "-1.5"},
        {100, "100"},
        {0.0001, "0.0001"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ftl_tp_format_double(cases[i].v, buf);
        assert_string_equal(buf, cases[i].text);
    }
    ftl_tp_format_double(INFINITY, buf);
    assert_string_equal(buf, "inf");
    ftl_tp_format_double(-INFINITY, buf);
    assert_string_equal(buf, "-inf");
    ftl_tp_format_double(NAN, buf);
    assert_string_equal(buf, "nan");
    ftl_tp_format_double(-NAN, buf);
    assert_string_equal(buf, "nan");
}

static void test_format_float(void **state)
{
    (void)state;
    static const struct {
        float v;
        const char *text;
    } cases[] = {
        {0.1f, "0.1"},
        {3, "3"},
        {1e20f, "1e+20"},
        {1.0f / 3, "0.333333343"},
        {16777216, "16777216"},
        {1.1f, "1.1"},
        {FLT_MAX, "3.40282347e+38"},
        {FLT_MIN, "1.17549435e-38"},
        {1.4e-45f, "1.40129846e-45"}, /* subnormal: always nine digits, as protoc */
        {-0.0f, "-0"},
    };
    char buf[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ftl_tp_format_float(cases[i].v, buf);
        assert_string_equal(buf, cases[i].text);
    }
    ftl_tp_format_float(-INFINITY, buf);
    assert_string_equal(buf, "-inf");
}

static void test_write_enums(void **state)
{
    (void)state;
    Ftlc__Test__AllTypes m = FTLC__TEST__ALL_TYPES__INIT;
    int values[] = {FTLC__TEST__COLOR__COLOR_RED, 42, -3};
    m.f_enum = FTLC__TEST__COLOR__COLOR_GREEN; /* COLOR_VERDE is an alias: first name wins */
    m.n_r_enum = 3;
    m.r_enum = (Ftlc__Test__Color *)values;
    char *out = format(&m.base);
    assert_string_equal(out, "f_enum: COLOR_GREEN\nr_enum: COLOR_RED\nr_enum: 42\n"
                             "r_enum: COLOR_NEGATIVE\n");
    free(out);
}

static void test_write_map_sorted(void **state)
{
    (void)state;
    /* Entries stably sorted by key; key and value always printed. */
    check_text(ALL,
               "m_string_int32 { key: \"b\" value: 1 }\n"
               "m_string_int32 { key: \"a\" value: 2 }\n"
               "m_string_int32 { key: \"b\" value: 3 }\n"
               "m_string_int32 { key: \"\" }\n"
               "m_int32_string { key: 10 } m_int32_string { key: -5 }\n"
               "m_bool_enum { key: true } m_bool_enum { value: COLOR_RED }\n"
               "m_string_nested { key: \"k\" }\n",
               "m_string_int32 {\n  key: \"\"\n  value: 0\n}\n"
               "m_string_int32 {\n  key: \"a\"\n  value: 2\n}\n"
               "m_string_int32 {\n  key: \"b\"\n  value: 1\n}\n"
               "m_string_int32 {\n  key: \"b\"\n  value: 3\n}\n"
               "m_int32_string {\n  key: -5\n  value: \"\"\n}\n"
               "m_int32_string {\n  key: 10\n  value: \"\"\n}\n"
               "m_string_nested {\n  key: \"k\"\n  value {\n  }\n}\n"
               "m_bool_enum {\n  key: false\n  value: COLOR_RED\n}\n"
               "m_bool_enum {\n  key: true\n  value: COLOR_UNSPECIFIED\n}\n");
}

static void test_write_unknown_fields(void **state)
{
    (void)state;
    /* varint 150 (2), "abc" (1), fixed32 (3), fixed64 (4), a nested message (5). */
    const uint8_t wire[] = {0x10, 0x96, 0x01, 0x0a, 0x03, 'a',  'b',  'c', 0x1d, 1,
                            2,    3,    4,    0x21, 1,    0,    0,    0,   0,    0,
                            0,    0x80, 0x2a, 0x04, 0x08, 0x01, 0x12, 0x00};
    ProtobufCMessage *m =
        protobuf_c_message_unpack(&ftlc__test__empty__descriptor, NULL, sizeof wire, wire);
    assert_non_null(m);
    char *out = format(m);
    assert_string_equal(out, "2: 150\n1: \"abc\"\n3: 0x04030201\n4: 0x8000000000000001\n"
                             "5 {\n  1: 1\n  2: \"\"\n}\n");
    free(out);
    protobuf_c_message_free_unpacked(m, NULL);
}

/* ---- reader: syntax ---- */

static void test_read_comments_whitespace_order(void **state)
{
    (void)state;
    check_text(REF,
               "# a comment\n\n   module :\"m\"  # trailing\r\n\tname:\n\"n\"\f\v realm: \"r\"#x",
               "name: \"n\"\nmodule: \"m\"\nrealm: \"r\"\n");
}

static void test_read_message_delimiters(void **state)
{
    (void)state;
    const char *expected = "f_nested {\n  a: 1\n  child {\n    s: \"x\"\n  }\n}\n";
    check_text(ALL, "f_nested { a: 1 child { s: \"x\" } }", expected);
    check_text(ALL, "f_nested: { a: 1 child: { s: \"x\" } }", expected);
    check_text(ALL, "f_nested < a: 1 child < s: \"x\" > >", expected);
    check_text(ALL, "f_nested: <a:1;child{s:'x'}>", expected);
    check_text(ALL, "f_nested {}", "f_nested {\n}\n");
}

static void test_read_lists(void **state)
{
    (void)state;
    check_text(ALL, "r_int32: [1, -2, 0x10] r_int32: 4 r_int32: []",
               "r_int32: 1\nr_int32: -2\nr_int32: 16\nr_int32: 4\n");
    check_text(ALL, "r_nested: [{a: 1}, <a: 2>] r_nested [{}] r_nested {a: 3}",
               "r_nested {\n  a: 1\n}\nr_nested {\n  a: 2\n}\nr_nested {\n}\n"
               "r_nested {\n  a: 3\n}\n");
    check_text(ALL, "r_string: ['a', \"b\" 'c'] r_bool: [t, 0]",
               "r_bool: true\nr_bool: false\nr_string: \"a\"\nr_string: \"bc\"\n");
}

static void test_read_separators(void **state)
{
    (void)state;
    check_text(ALL, "f_int32: 1; f_int64: 2, f_bool: true;\nf_nested { a: 1, };",
               "f_int32: 1\nf_int64: 2\nf_bool: true\nf_nested {\n  a: 1\n}\n");
}

static void test_read_enums(void **state)
{
    (void)state;
    check_text(ALL, "f_enum: COLOR_VERDE r_enum: [COLOR_RED, 2, -3, 7, -0x10]",
               "f_enum: COLOR_GREEN\nr_enum: COLOR_RED\nr_enum: COLOR_GREEN\n"
               "r_enum: COLOR_NEGATIVE\nr_enum: 7\nr_enum: -16\n");
}

static void test_read_integers(void **state)
{
    (void)state;
    check_text(ALL,
               "f_int32: -2147483648 f_int64: -9223372036854775808 f_uint32: 0xFFFFFFFF "
               "f_uint64: 18446744073709551615 f_sint32: 017 f_sint64: - 5 f_fixed32: 0 "
               "f_fixed64: 0x0 f_sfixed32: -0x80000000 f_sfixed64: 9223372036854775807",
               "f_int32: -2147483648\nf_int64: -9223372036854775808\nf_uint32: 4294967295\n"
               "f_uint64: 18446744073709551615\nf_sint32: 15\nf_sint64: -5\n"
               "f_sfixed32: -2147483648\nf_sfixed64: 9223372036854775807\n");
}

static void test_read_floats(void **state)
{
    (void)state;
    check_text(ALL,
               "r_double: [1e5, 1.5f, .5, 5., -inf, INF, Infinity, -nan, NaN, 3, -0, 1E-3, "
               "2.5e+2F, 0]",
               "r_double: 100000\nr_double: 1.5\nr_double: 0.5\nr_double: 5\nr_double: -inf\n"
               "r_double: inf\nr_double: inf\nr_double: nan\nr_double: nan\nr_double: 3\n"
               "r_double: -0\nr_double: 0.001\nr_double: 250\nr_double: 0\n");
    /* Float rounding as IEEE (and protoc): just above FLT_MAX rounds down, far above is inf. */
    check_text(ALL, "r_float: [3.4028235e38, 3.4028236e38, 1e39, 0.1, 1e-46]",
               "r_float: 3.40282347e+38\nr_float: inf\nr_float: inf\nr_float: 0.1\nr_float: 0\n");
}

static void test_read_bools(void **state)
{
    (void)state;
    check_text(ALL, "r_bool: [true, True, t, 1, 0x1, false, False, f, 0]",
               "r_bool: true\nr_bool: true\nr_bool: true\nr_bool: true\nr_bool: true\n"
               "r_bool: false\nr_bool: false\nr_bool: false\nr_bool: false\n");
}

static void test_read_strings(void **state)
{
    (void)state;
    check_text(ALL,
               "f_string: \"a\" 'b' \"\\\"q\\\"\" '\\'' \"\\a\\b\\f\\n\\r\\t\\v\\\\\\?\"\n"
               "  \"\\101\\60\\7x\\x41\\x4a2\\xA\" \"\\u00e9\\U0001F600\\ud83d\\ude00\"",
               "f_string: \"ab\\\"q\\\"\\'\\007\\010\\014\\n\\r\\t\\013\\\\?A0\\007xAJ2\\n"
               "\\303\\251\\360\\237\\230\\200\\360\\237\\230\\200\"\n");
    check_text(ALL, "f_bytes: \"\\0\\377\\x00\" r_bytes: ''",
               "f_bytes: \"\\000\\377\\000\"\nr_bytes: \"\"\n");
}

static void test_read_oneof_and_presence(void **state)
{
    (void)state;
    check_text(ALL, "c_int32: 0", "c_int32: 0\n");
    check_text(ALL, "c_string: ''", "c_string: \"\"\n");
    check_text(ALL, "c_nested {}", "c_nested {\n}\n");
    check_text(ALL, "o_string: '' o_int32: 0 o_bool: false o_double: -0",
               "o_int32: 0\no_double: -0\no_bool: false\no_string: \"\"\n");
    check_text(ALL, "f_int32: 0 f_string: '' f_bool: false", "");
    check_text(METADATA, "retry { count: 0 }", "retry {\n  count: 0\n}\n");
}

static void test_read_schema_sample(void **state)
{
    (void)state;
    /* Every sample parses, and its text is a fixed point of format . parse. */
    static const char *const samples[] = {"schema_public", "schema_full", "module",
                                          "alltypes",      "errorlist",   "module_config"};
    static const ProtobufCMessageDescriptor *const types[] = {
        SCHEMA,
        SCHEMA,
        &xyz__block__ftl__schema__v1__module__descriptor,
        ALL,
        &xyz__block__ftl__v1__language__error_list__descriptor,
        &xyz__block__ftl__v1__language__module_config__descriptor};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char path[512];
        size_t len;
        snprintf(path, sizeof path, "%s/%s.txtpb", TP_SAMPLES_DIR, samples[i]);
        char *text = read_file(path, &len);
        if (!text) fail_msg("cannot read %s", path);
        ProtobufCMessage *m = parse_ok(types[i], text);
        char *out = format(m);
        check_text(types[i], out, out);
        protobuf_c_message_free_unpacked(m, NULL);
        free(out);
        free(text);
    }
}

static void test_read_spec_example(void **state)
{
    (void)state;
    /* The sample is already canonical, as protoc --decode prints it (ftlc-export(1), OPTIONS). */
    size_t len;
    char *text = read_file(TP_SAMPLES_DIR "/schema_public.txtpb", &len);
    assert_non_null(text);
    const char *body = strstr(text, "realms {");
    assert_non_null(body);
    check_text(SCHEMA, body, body);
    free(text);
}

/* ---- reader: errors ---- */

static void test_errors_fields(void **state)
{
    (void)state;
    check_error(REF, "name: \"a\"\n  nmae: \"b\"", 2, 3,
                "unknown field \"nmae\" in message xyz.block.ftl.schema.v1.Ref");
    check_error(REF, "name \"a\"", 1, 6, "expected ':' after field name \"name\"");
    check_error(REF, "name { }", 1, 6, "the field is not a message");
    check_error(REF, "name: \"a\" module: \"m\" name: \"b\"", 1, 23,
                "non-repeated field \"name\" is specified multiple times");
    check_error(ALL, "f_int32: 0\nf_int32: 0", 2, 1, "specified multiple times");
    check_error(ALL, "c_int32: 1 c_string: \"x\"", 1, 12,
                "field \"c_string\" is specified along with field \"c_int32\"");
    check_error(ALL, "f_nested: [{}]", 1, 11, "not repeated");
    check_error(ALL, "f_int32: [1]", 1, 10, "not repeated");
    check_error(REF, "\"name\": \"a\"", 1, 1, "expected a field name, got '\"name\"'");
    check_error(REF, "[ext.field]: 1", 1, 1, "extensions");
    check_error(REF, "name: \"a\" }", 1, 11, "expected a field name, got '}'");
    check_error(ALL, "f_nested { a: 1", 1, 16, "expected '}' to close the message opened at 1:10");
    check_error(ALL, "f_nested { a: 1 >", 1, 17, "expected a field name, got '>'");
    check_error(ALL, "f_nested", 1, 9,
                "expected '{' or '<' to start message field \"f_nested\", "
                "got end of input");
    check_error(ALL, "r_int32: [1 2]", 1, 13, "expected ',' or ']'");
    check_error(ALL, "r_int32: [1,]", 1, 13,
                "expected an integer for int32 field \"r_int32\", "
                "got ']'");
    check_error(ALL, "r_nested: [{}, 5]", 1, 16, "expected '{' or '<'");
}

static void test_errors_values(void **state)
{
    (void)state;
    check_error(ALL, "f_int32: \"1\"", 1, 10, "expected an integer for int32 field \"f_int32\"");
    check_error(ALL, "f_int32: 1.5", 1, 10, "got '1.5'");
    check_error(ALL, "f_int32: 2147483648", 1, 10, "out of range for int32 field");
    check_error(ALL, "f_int32: -2147483649", 1, 10, "out of range");
    check_error(ALL, "f_uint32: 4294967296", 1, 11, "out of range");
    check_error(ALL, "f_uint64: -1", 1, 11, "negative value for uint64 field \"f_uint64\"");
    check_error(ALL, "f_uint64: 18446744073709551616", 1, 11, "out of range");
    check_error(ALL, "f_int64: 9223372036854775808", 1, 10, "out of range");
    check_error(ALL, "f_string: 5", 1, 11, "expected a string for string field \"f_string\"");
    check_error(ALL, "f_bytes: x", 1, 10, "expected a string for bytes field");
    check_error(ALL, "f_bool: yes", 1, 9, "expected true or false");
    check_error(ALL, "f_bool: 2", 1, 9, "out of range");
    check_error(ALL, "f_bool: TRUE", 1, 9, "expected true or false");
    check_error(ALL, "f_double: \"1\"", 1, 11, "expected a number for double field");
    check_error(ALL, "f_double: 0x10", 1, 11, "expected a decimal number");
    check_error(ALL, "f_double: 010", 1, 11, "expected a decimal number");
    check_error(ALL, "f_double: infinit", 1, 11, "expected a number");
    check_error(ALL, "f_enum: COLOR_PURPLE", 1, 9,
                "unknown value 'COLOR_PURPLE' for enum ftlc.test.Color");
    check_error(ALL, "f_enum: \"COLOR_RED\"", 1, 9, "expected a value of enum ftlc.test.Color");
    check_error(ALL, "f_enum: 2147483648", 1, 9, "out of range");
    check_error(ALL, "f_string: \"a\\0b\"", 1, 11, "cannot hold a NUL byte");
    check_error(ALL, "f_int32: -", 1, 11, "expected an integer");
}

static void test_errors_lexical(void **state)
{
    (void)state;
    check_error(ALL, "f_string: \"abc", 1, 11, "unterminated string literal");
    check_error(ALL, "f_string: \"ab\ncd\"", 1, 11, "strings cannot span lines");
    check_error(ALL, "f_string: 'x\\q'", 1, 13, "invalid escape sequence");
    check_error(ALL, "f_string: '\\x'", 1, 12, "\\x must be followed by a hex digit");
    check_error(ALL, "f_string: '\\u12'", 1, 12, "\\u must be followed by 4 hex digits");
    check_error(ALL, "f_string: '\\U0011000'", 1, 12, "\\U must be followed by 8 hex digits");
    check_error(ALL, "f_string: '\\U00110000'", 1, 12, "beyond U+10FFFF");
    check_error(ALL, "f_string: '\\ud800x'", 1, 12, "unpaired UTF-16 surrogate");
    check_error(ALL, "f_string: '\\udc00'", 1, 12, "unpaired UTF-16 surrogate");
    check_error(ALL, "f_string: '\\777'", 1, 12, "octal escape greater than \\377");
    check_error(ALL, "f_string: '\\", 1, 12, "unterminated string literal");
    check_error(ALL, "f_int32: 0x", 1, 10, "'0x' must be followed by hex digits");
    check_error(ALL, "f_int32: 08", 1, 10, "numbers starting with 0 must be in octal");
    check_error(ALL, "f_double: 1e+", 1, 14, "'e' must be followed by an exponent");
    check_error(ALL, "f_int32: 12abc", 1, 10, "need a space between a number and 'a'");
    check_error(ALL, "f_double: 1.5.2", 1, 11, "need a space between a number and '.'");
    check_error(ALL, "f_int32: 1 @", 1, 12, "unexpected character '@'");
    check_error(ALL, "f_int32: 1\n\n  \x01", 3, 3, "unexpected byte 0x01");
    check_error(ALL, "f_int32: 1\n\xc3\xa9", 2, 1, "unexpected byte 0xc3");
    check_error_n(ALL, "f_int32: 1\0f_int64: 2", 21, 1, 11, "unexpected byte 0x00");
    check_error_n(ALL, "f_string: \"a\0b\"", 16, 1, 13, "NUL byte in string literal");
}

static void test_errors_required_position_multiline(void **state)
{
    (void)state;
    /* Columns are bytes, lines count from 1, and CR is not a line break. */
    check_error(SCHEMA, "realms {\n  name: \"r\"\n  modules {\n    nmae: \"m\"\n  }\n}\n", 4, 5,
                "unknown field \"nmae\" in message xyz.block.ftl.schema.v1.Module");
    check_error(REF, "name: \"\xc3\xa9\" bogus: 1", 1, 12, "unknown field \"bogus\"");
    check_error(REF, "name: \"x\"\r\nbogus: 1", 2, 1, "unknown field");
}

static void test_errors_nesting_limit(void **state)
{
    (void)state;
    /* 10000 nested messages: an error at the 201st, no stack overflow. */
    size_t depth = 10000, o = 0;
    char *text = malloc(depth * 8 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < depth; i++) {
        memcpy(text + o, "child {", 7);
        o += 7;
    }
    text[o] = '\0';
    check_error(NESTED, text, 1, 7 * FTL_TP_MAX_DEPTH + 7, "nested deeper than 200 levels");
    free(text);
    /* Exactly the limit is fine. */
    FtlTpError err;
    o = 0;
    text = malloc(FTL_TP_MAX_DEPTH * 10 + 1);
    assert_non_null(text);
    for (size_t i = 0; i < FTL_TP_MAX_DEPTH; i++) {
        memcpy(text + o, "child{", 6);
        o += 6;
    }
    for (size_t i = 0; i < FTL_TP_MAX_DEPTH; i++)
        text[o++] = '}';
    text[o] = '\0';
    ProtobufCMessage *m = ftl_tp_parse(NESTED, text, o, &err);
    assert_non_null(m);
    protobuf_c_message_free_unpacked(m, NULL);
    free(text);
}

static void test_error_null_err_and_text(void **state)
{
    (void)state;
    ProtobufCMessage *m = ftl_tp_parse(REF, NULL, 0, NULL);
    assert_non_null(m); /* no text: an empty message */
    protobuf_c_message_free_unpacked(m, NULL);
    assert_null(ftl_tp_parse(REF, "x", 1, NULL));
}

/* ---- robustness ---- */

static void test_alloc_failures(void **state)
{
    (void)state;
    /* Fail each allocation in turn: every run ends in "out of memory" or success, and
     * ASan/LSan sees no leak and no double free. */
    size_t len;
    char *text = read_file(TP_SAMPLES_DIR "/schema_full.txtpb", &len);
    assert_non_null(text);
    int succeeded = 0;
    for (long k = 0; !succeeded; k++) {
        FtlTpError err;
        tp_alloc_count = 0;
        tp_fail_at = k;
        ProtobufCMessage *m = ftl_tp_parse(SCHEMA, text, len, &err);
        tp_fail_at = -1;
        if (m) {
            succeeded = 1;
            protobuf_c_message_free_unpacked(m, NULL);
        } else {
            assert_string_equal(err.message, "out of memory");
        }
    }
    /* The writer: NULL on failure. */
    ProtobufCMessage *m = parse_ok(SCHEMA, text);
    for (long k = 0;; k++) {
        tp_alloc_count = 0;
        tp_fail_at = k;
        char *out = ftl_tp_format(m, NULL);
        tp_fail_at = -1;
        if (out) {
            free(out);
            break;
        }
    }
    protobuf_c_message_free_unpacked(m, NULL);
    free(text);
}

static uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void parse_any(const ProtobufCMessageDescriptor *d, const char *text, size_t len)
{
    FtlTpError err;
    ProtobufCMessage *m = ftl_tp_parse(d, text, len, &err);
    if (m) {
        char *out = ftl_tp_format(m, NULL);
        assert_non_null(out);
        free(out);
        protobuf_c_message_free_unpacked(m, NULL);
    } else {
        assert_true(err.line >= 1 && err.column >= 1);
        assert_true(err.message[0] != '\0');
    }
}

static void test_garbage(void **state)
{
    (void)state;
    uint32_t seed = 12345;
    char buf[256];
    static const char alphabet[] = "{}<>[]:;,-#\"'\\ \n\t0123456789.exfabcdiu_tnrUEFX\0\xc3";
    for (int round = 0; round < 20000; round++) {
        size_t len = rng_next(&seed) % sizeof buf;
        for (size_t i = 0; i < len; i++) {
            uint32_t r = rng_next(&seed);
            buf[i] = (r & 1) ? (char)(r >> 8) : alphabet[(r >> 8) % (sizeof alphabet - 1)];
        }
        parse_any(round & 1 ? ALL : SCHEMA, buf, len);
    }
}

static void test_mutations(void **state)
{
    (void)state;
    /* Every truncation and many byte flips of a real sample: no crash, no leak. */
    size_t len;
    char *text = read_file(TP_SAMPLES_DIR "/alltypes.txtpb", &len);
    assert_non_null(text);
    for (size_t cut = 0; cut <= len; cut += 3)
        parse_any(ALL, text, cut);
    char *copy = malloc(len);
    assert_non_null(copy);
    uint32_t seed = 777;
    for (int round = 0; round < 3000; round++) {
        memcpy(copy, text, len);
        for (int k = 0; k < 3; k++)
            copy[rng_next(&seed) % len] = (char)rng_next(&seed);
        parse_any(ALL, copy, len);
    }
    free(copy);
    free(text);
}

static void test_unknown_field_garbage(void **state)
{
    (void)state;
    /* Random bytes unpacked as an empty message become unknown fields; printing them
     * must stay within the data whatever they contain. */
    uint32_t seed = 99;
    uint8_t wire[64];
    for (int round = 0; round < 5000; round++) {
        size_t len = rng_next(&seed) % sizeof wire;
        for (size_t i = 0; i < len; i++)
            wire[i] = (uint8_t)rng_next(&seed);
        /* Make it decodable: a length-delimited field 1 wrapping the random bytes. */
        uint8_t msg[2 + sizeof wire];
        msg[0] = 0x0a;
        msg[1] = (uint8_t)len;
        memcpy(msg + 2, wire, len);
        ProtobufCMessage *m =
            protobuf_c_message_unpack(&ftlc__test__empty__descriptor, NULL, len + 2, msg);
        assert_non_null(m);
        char *out = format(m);
        free(out);
        protobuf_c_message_free_unpacked(m, NULL);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_empty),
        cmocka_unit_test(test_write_field_number_order),
        cmocka_unit_test(test_write_empty_submessage),
        cmocka_unit_test(test_write_explicit_presence),
        cmocka_unit_test(test_write_defaults_omitted),
        cmocka_unit_test(test_write_escapes),
        cmocka_unit_test(test_format_double),
        cmocka_unit_test(test_format_float),
        cmocka_unit_test(test_write_enums),
        cmocka_unit_test(test_write_map_sorted),
        cmocka_unit_test(test_write_unknown_fields),
        cmocka_unit_test(test_read_comments_whitespace_order),
        cmocka_unit_test(test_read_message_delimiters),
        cmocka_unit_test(test_read_lists),
        cmocka_unit_test(test_read_separators),
        cmocka_unit_test(test_read_enums),
        cmocka_unit_test(test_read_integers),
        cmocka_unit_test(test_read_floats),
        cmocka_unit_test(test_read_bools),
        cmocka_unit_test(test_read_strings),
        cmocka_unit_test(test_read_oneof_and_presence),
        cmocka_unit_test(test_read_schema_sample),
        cmocka_unit_test(test_read_spec_example),
        cmocka_unit_test(test_errors_fields),
        cmocka_unit_test(test_errors_values),
        cmocka_unit_test(test_errors_lexical),
        cmocka_unit_test(test_errors_required_position_multiline),
        cmocka_unit_test(test_errors_nesting_limit),
        cmocka_unit_test(test_error_null_err_and_text),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_garbage),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_unknown_field_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
