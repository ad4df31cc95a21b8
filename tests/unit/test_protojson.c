/* test_protojson.c - the proto3 JSON writer and reader (src/proto/protojson.c).
 *
 * Expectations are written out in full: the writer's exact layout, the reader on
 * every accepted form, every error with its position or JSON path, allocation
 * failure at every allocation, round trips of every text sample, and garbage input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/utf8.h"
#include "proto/protojson.h"
#include "proto/textproto.h"
#include "testmsg.pb-c.h"
#include "xyz/block/ftl/schema/v1/schema.pb-c.h"
#include "xyz/block/ftl/v1/language/language.pb-c.h"

#ifndef TP_SAMPLES_DIR
#define TP_SAMPLES_DIR "tests/unit/tp_samples"
#endif

#define ALL (&ftlc__test__all_types__descriptor)
#define SCHEMA (&xyz__block__ftl__schema__v1__schema__descriptor)
#define MODULE (&xyz__block__ftl__schema__v1__module__descriptor)
#define REF (&xyz__block__ftl__schema__v1__ref__descriptor)
#define MODCONF (&xyz__block__ftl__v1__language__module_config__descriptor)
#define ERRLIST (&xyz__block__ftl__v1__language__error_list__descriptor)

/* ---- Allocation failure injection (linked with -Wl,--wrap=malloc,...). ---- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long pj_fail_at = -1;
static long pj_alloc_count;

static int pj_should_fail(void)
{
    return pj_fail_at >= 0 && pj_alloc_count++ == pj_fail_at;
}

void *__wrap_malloc(size_t n)
{
    return pj_should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return pj_should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return pj_should_fail() ? NULL : __real_realloc(p, n);
}

/* ---- helpers ---- */

static ProtobufCMessage *text_ok(const ProtobufCMessageDescriptor *d, const char *text)
{
    FtlTpError err;
    ProtobufCMessage *m = ftl_tp_parse(d, text, strlen(text), &err);
    if (!m) fail_msg("text parse error %d:%d: %s", err.line, err.column, err.message);
    return m;
}

static ProtobufCMessage *json_ok(const ProtobufCMessageDescriptor *d, const char *json,
                                 unsigned flags)
{
    FtlPjError err;
    ProtobufCMessage *m = ftl_pj_parse(d, json, strlen(json), flags, &err);
    if (!m)
        fail_msg("JSON parse error %d:%d: %s: %s\ninput:\n%s", err.line, err.column, err.path,
                 err.message, json);
    return m;
}

static char *to_json(const ProtobufCMessage *m, unsigned flags)
{
    FtlPjError err;
    char *s = ftl_pj_format(m, flags, NULL, &err);
    if (!s) fail_msg("JSON format error: %s: %s", err.path, err.message);
    return s;
}

static char *to_text(const ProtobufCMessage *m)
{
    char *s = ftl_tp_format(m, NULL);
    assert_non_null(s);
    return s;
}

/* text (protobuf text format) -> JSON must be expected_json. */
static void check_write(const ProtobufCMessageDescriptor *d, const char *text, unsigned flags,
                        const char *expected_json)
{
    ProtobufCMessage *m = text_ok(d, text);
    char *json = to_json(m, flags);
    assert_string_equal(json, expected_json);
    free(json);
    protobuf_c_message_free_unpacked(m, NULL);
}

/* JSON -> message must print as expected_text (protobuf text format). */
static void check_read(const ProtobufCMessageDescriptor *d, const char *json, unsigned flags,
                       const char *expected_text)
{
    ProtobufCMessage *m = json_ok(d, json, flags);
    char *text = to_text(m);
    assert_string_equal(text, expected_text);
    free(text);
    protobuf_c_message_free_unpacked(m, NULL);
}

static void check_error(const ProtobufCMessageDescriptor *d, const char *json, unsigned flags,
                        int line, int column, const char *path, const char *needle)
{
    FtlPjError err;
    ProtobufCMessage *m = ftl_pj_parse(d, json, strlen(json), flags, &err);
    if (m) {
        protobuf_c_message_free_unpacked(m, NULL);
        fail_msg("expected an error for:\n%s", json);
    }
    if (err.line != line || err.column != column || strcmp(err.path, path) != 0 ||
        !strstr(err.message, needle))
        fail_msg("input:\n%s\nexpected %d:%d: %s: ...%s...\n     got %d:%d: %s: %s", json, line,
                 column, path, needle, err.line, err.column, err.path, err.message);
}

static char *read_file(const char *path)
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
    return buf;
}

/* ---- names ---- */

static void test_json_names(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"type_parameters", "typeParameters"},
        {"from_offset", "fromOffset"},
        {"dead_letter", "deadLetter"},
        {"f_int32", "fInt32"},
        {"base_", "base"},
        {"_count", "Count"},
        {"startColumn", "startColumn"},
        {"Flags", "Flags"},
        {"a__b", "aB"},
        {"x_1y", "x1y"},
        {"name", "name"},
    };
    char buf[64];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(ftl_pj_json_name(cases[i][0], buf, sizeof buf), cases[i][1]);
    assert_string_equal(ftl_pj_json_name("type_parameters", buf, 5), "type");
}

/* ---- writer ---- */

static void test_write_module(void **state)
{
    (void)state;
    check_write(MODULE,
                "name: 'echo' decls { verb { name: 'echo' request { string {} } response { ref { "
                "name: 'R' module: 'm' type_parameters { int {} } } } } } "
                "metadata { retry { count: 0 } } metadata { subscriber { from_offset: "
                "FROM_OFFSET_LATEST dead_letter: true } }",
                0,
                "{\n"
                "  \"name\": \"echo\",\n"
                "  \"decls\": [\n"
                "    {\n"
                "      \"verb\": {\n"
                "        \"name\": \"echo\",\n"
                "        \"request\": {\n"
                "          \"string\": {}\n"
                "        },\n"
                "        \"response\": {\n"
                "          \"ref\": {\n"
                "            \"name\": \"R\",\n"
                "            \"module\": \"m\",\n"
                "            \"typeParameters\": [\n"
                "              {\n"
                "                \"int\": {}\n"
                "              }\n"
                "            ]\n"
                "          }\n"
                "        }\n"
                "      }\n"
                "    }\n"
                "  ],\n"
                "  \"metadata\": [\n"
                "    {\n"
                "      \"retry\": {\n"
                "        \"count\": \"0\"\n"
                "      }\n"
                "    },\n"
                "    {\n"
                "      \"subscriber\": {\n"
                "        \"fromOffset\": \"FROM_OFFSET_LATEST\",\n"
                "        \"deadLetter\": true\n"
                "      }\n"
                "    }\n"
                "  ]\n"
                "}\n");
}

static void test_write_original_names_and_empty(void **state)
{
    (void)state;
    check_write(REF, "type_parameters {} name: 'x'", FTL_PJ_ORIGINAL_NAMES,
                "{\n  \"name\": \"x\",\n  \"type_parameters\": [\n    {}\n  ]\n}\n");
    check_write(REF, "", 0, "{}\n");
}

static void test_write_scalars(void **state)
{
    (void)state;
    check_write(ALL,
                "f_int32: -1 f_int64: -2 f_uint32: 4294967295 f_uint64: 18446744073709551615 "
                "f_sint64: 5 f_fixed64: 6 f_sfixed64: -7 f_float: 1.5 f_double: 0.1 f_bool: true "
                "f_string: \"q\\\"\\\\\\n\\t\\001/\\303\\251\" f_bytes: \"\\000\\377ab\" "
                "f_enum: 42 r_double: [inf, -inf, nan, -0, 1e20] r_float: [0.1]",
                0,
                "{\n"
                "  \"fInt32\": -1,\n"
                "  \"fInt64\": \"-2\",\n"
                "  \"fUint32\": 4294967295,\n"
                "  \"fUint64\": \"18446744073709551615\",\n"
                "  \"fSint64\": \"5\",\n"
                "  \"fFixed64\": \"6\",\n"
                "  \"fSfixed64\": \"-7\",\n"
                "  \"fFloat\": 1.5,\n"
                "  \"fDouble\": 0.1,\n"
                "  \"fBool\": true,\n"
                "  \"fString\": \"q\\\"\\\\\\n\\t\\u0001/\xc3\xa9\",\n"
                "  \"fBytes\": \"AP9hYg==\",\n"
                "  \"fEnum\": 42,\n"
                "  \"rFloat\": [\n    0.1\n  ],\n"
                "  \"rDouble\": [\n    \"Infinity\",\n    \"-Infinity\",\n    \"NaN\",\n"
                "    -0.0,\n    1e+20\n  ]\n"
                "}\n");
}

static void test_write_presence_oneof_maps(void **state)
{
    (void)state;
    check_write(ALL,
                "o_int32: 0 o_string: '' c_bytes: '' "
                "m_string_int32 { key: 'b' value: 1 } m_string_int32 { key: 'a' value: 2 } "
                "m_string_int32 { key: 'b' value: 3 } m_bool_enum { key: true } "
                "m_int64_double { key: -5 value: 0.5 } m_uint32_bytes { key: 7 value: 'x' }",
                0,
                "{\n"
                "  \"oInt32\": 0,\n"
                "  \"oString\": \"\",\n"
                "  \"cBytes\": \"\",\n"
                "  \"mStringInt32\": {\n    \"a\": 2,\n    \"b\": 3\n  },\n"
                "  \"mBoolEnum\": {\n    \"true\": \"COLOR_UNSPECIFIED\"\n  },\n"
                "  \"mInt64Double\": {\n    \"-5\": 0.5\n  },\n"
                "  \"mUint32Bytes\": {\n    \"7\": \"eA==\"\n  }\n"
                "}\n");
}

static void test_write_struct(void **state)
{
    (void)state;
    check_write(MODCONF,
                "language_config { fields { key: 'b' value { list_value { values { number_value: 1 "
                "} values { null_value: NULL_VALUE } values { struct_value {} } values { "
                "list_value {} } } } } fields { key: 'a' value { bool_value: false } } fields { "
                "key: 'c' value {} } }",
                0,
                "{\n"
                "  \"languageConfig\": {\n"
                "    \"a\": false,\n"
                "    \"b\": [\n      1,\n      null,\n      {},\n      []\n    ],\n"
                "    \"c\": null\n"
                "  }\n"
                "}\n");
}

static void test_write_errors(void **state)
{
    (void)state;
    Xyz__Block__Ftl__Schema__V1__Ref ref = XYZ__BLOCK__FTL__SCHEMA__V1__REF__INIT;
    Xyz__Block__Ftl__Schema__V1__Type t = XYZ__BLOCK__FTL__SCHEMA__V1__TYPE__INIT;
    Xyz__Block__Ftl__Schema__V1__Type *tparams[] = {&t};
    Xyz__Block__Ftl__Schema__V1__Ref inner = XYZ__BLOCK__FTL__SCHEMA__V1__REF__INIT;
    char bad[] = "ok\xff";
    inner.module = bad;
    t.value_case = XYZ__BLOCK__FTL__SCHEMA__V1__TYPE__VALUE_REF;
    t.ref = &inner;
    ref.n_type_parameters = 1;
    ref.type_parameters = tparams;
    FtlPjError err;
    char *s = ftl_pj_format(&ref.base, 0, NULL, &err);
    assert_null(s);
    assert_string_equal(err.path, "typeParameters[0].ref.module");
    assert_non_null(strstr(err.message, "not valid UTF-8"));

    /* Also in a map key (found by fuzzing: the error used to be ignored there). */
    ProtobufCMessage *m = text_ok(ALL, "m_string_int32 { key: '\\303\\002' value: 1 }");
    assert_null(ftl_pj_format(m, 0, NULL, &err));
    assert_string_equal(err.path, "mStringInt32");
    assert_non_null(strstr(err.message, "not valid UTF-8 (byte 0xc3)"));
    protobuf_c_message_free_unpacked(m, NULL);
}

/* ---- reader ---- */

static const char upstream_schema[] =
    "{\n"
    "  \"realms\": [\n"
    "    {\n"
    "      \"external\": true,\n"
    "      \"name\": \"bank\",\n"
    "      \"modules\": [\n"
    "        {\n"
    "          \"pos\": {\"filename\": \"bank.ftl\", \"line\": \"3\", \"column\": \"1\"},\n"
    "          \"comments\": [\"Balances.\"],\n"
    "          \"name\": \"balance\",\n"
    "          \"decls\": [\n"
    "            {\"data\": {\"visibility\": \"VISIBILITY_SCOPE_REALM\", \"name\": \"Account\",\n"
    "              \"typeParameters\": [{\"name\": \"T\"}],\n"
    "              \"fields\": [{\"name\": \"id\", \"type\": {\"string\": {}}}]}},\n"
    "            {\"verb\": {\"visibility\": \"VISIBILITY_SCOPE_MODULE\", \"name\": \"debit\",\n"
    "              \"request\": {\"ref\": {\"name\": \"Account\", \"module\": \"balance\",\n"
    "                \"typeParameters\": [{\"int\": {}}]}},\n"
    "              \"response\": {\"unit\": {}},\n"
    "              \"metadata\": [\n"
    "                {\"subscriber\": {\"topic\": {\"name\": \"t\", \"module\": \"balance\"},\n"
    "                  \"fromOffset\": \"FROM_OFFSET_BEGINNING\", \"deadLetter\": true}},\n"
    "                {\"retry\": {\"count\": \"0\", \"minBackoff\": \"1s\"}},\n"
    "                {\"ingress\": {\"type\": \"http\", \"method\": \"GET\", \"path\": [\n"
    "                  {\"ingressPathLiteral\": {\"text\": \"a\"}},\n"
    "                  {\"ingressPathParameter\": {\"name\": \"id\"}}]}}]}}\n"
    "          ]\n"
    "        }\n"
    "      ]\n"
    "    }\n"
    "  ]\n"
    "}\n";

static void test_read_upstream_schema(void **state)
{
    (void)state;
    check_read(
        SCHEMA, upstream_schema, 0,
        "realms {\n"
        "  external: true\n"
        "  name: \"bank\"\n"
        "  modules {\n"
        "    pos {\n      filename: \"bank.ftl\"\n      line: 3\n      column: 1\n    }\n"
        "    comments: \"Balances.\"\n"
        "    name: \"balance\"\n"
        "    decls {\n"
        "      data {\n"
        "        visibility: VISIBILITY_SCOPE_REALM\n"
        "        name: \"Account\"\n"
        "        type_parameters {\n          name: \"T\"\n        }\n"
        "        fields {\n          name: \"id\"\n          type {\n            string {\n"
        "            }\n          }\n        }\n"
        "      }\n"
        "    }\n"
        "    decls {\n"
        "      verb {\n"
        "        visibility: VISIBILITY_SCOPE_MODULE\n"
        "        name: \"debit\"\n"
        "        request {\n          ref {\n            name: \"Account\"\n"
        "            module: \"balance\"\n            type_parameters {\n"
        "              int {\n              }\n            }\n          }\n        }\n"
        "        response {\n          unit {\n          }\n        }\n"
        "        metadata {\n          subscriber {\n            topic {\n"
        "              name: \"t\"\n              module: \"balance\"\n            }\n"
        "            from_offset: FROM_OFFSET_BEGINNING\n            dead_letter: true\n"
        "          }\n        }\n"
        "        metadata {\n          retry {\n            count: 0\n"
        "            min_backoff: \"1s\"\n          }\n        }\n"
        "        metadata {\n          ingress {\n            type: \"http\"\n"
        "            method: \"GET\"\n            path {\n              ingress_path_literal {\n"
        "                text: \"a\"\n              }\n            }\n            path {\n"
        "              ingress_path_parameter {\n                name: \"id\"\n"
        "              }\n            }\n          }\n        }\n"
        "      }\n"
        "    }\n"
        "  }\n"
        "}\n");
}

static void test_read_forms(void **state)
{
    (void)state;
    /* Original names, numbers as strings and strings as numbers, nulls, enum numbers. */
    check_read(ALL,
               "{\"f_int32\": \"-5\", \"fInt64\": 7, \"f_uint64\": \"18446744073709551615\", "
               "\"fUint32\": 4.0, \"fSint64\": -9223372036854775808, \"fFloat\": \"1.5\", "
               "\"fDouble\": \"-Infinity\", \"rDouble\": [\"NaN\", \"Infinity\", 1e300, -0.0, 2], "
               "\"fBool\": false, \"fEnum\": 2, \"rEnum\": [\"COLOR_NEGATIVE\", -9], "
               "\"fString\": \"\\u00e9\\n\", \"f_nested\": null, \"rNested\": [{}, {\"a\": 1}], "
               "\"fBytes\": \"-_8\", \"rBytes\": [\"AP8=\", \"AP8\", \"\"], \"oBool\": false, "
               "\"cNested\": {}}",
               0,
               "f_int32: -5\nf_int64: 7\nf_uint32: 4\nf_uint64: 18446744073709551615\n"
               "f_sint64: -9223372036854775808\nf_float: 1.5\nf_double: -inf\n"
               "f_string: \"\\303\\251\\n\"\nf_bytes: \"\\373\\377\"\nf_enum: COLOR_GREEN\n"
               "r_double: nan\nr_double: inf\nr_double: 1e+300\nr_double: -0\nr_double: 2\n"
               "r_bytes: \"\\000\\377\"\nr_bytes: \"\\000\\377\"\nr_bytes: \"\"\n"
               "r_enum: COLOR_NEGATIVE\nr_enum: -9\n"
               "r_nested {\n}\nr_nested {\n  a: 1\n}\no_bool: false\nc_nested {\n}\n");
    check_read(ALL,
               "{\"mStringInt32\": {\"b\": 1, \"a\": \"2\"}, \"m_int32_string\": {\"-1\": \"x\"}, "
               "\"mBoolEnum\": {\"false\": \"COLOR_RED\"}, \"mUint32Bytes\": {\"1\": \"\"}}",
               0,
               "m_string_int32 {\n  key: \"a\"\n  value: 2\n}\n"
               "m_string_int32 {\n  key: \"b\"\n  value: 1\n}\n"
               "m_int32_string {\n  key: -1\n  value: \"x\"\n}\n"
               "m_bool_enum {\n  key: false\n  value: COLOR_RED\n}\n"
               "m_uint32_bytes {\n  key: 1\n  value: \"\"\n}\n");
    check_read(MODCONF, "{\"languageConfig\": {\"n\": null, \"l\": [1, \"s\", true, {\"x\": []}]}}",
               0,
               "language_config {\n"
               "  fields {\n    key: \"l\"\n    value {\n      list_value {\n"
               "        values {\n          number_value: 1\n        }\n"
               "        values {\n          string_value: \"s\"\n        }\n"
               "        values {\n          bool_value: true\n        }\n"
               "        values {\n          struct_value {\n            fields {\n"
               "              key: \"x\"\n              value {\n                list_value {\n"
               "                }\n              }\n            }\n          }\n        }\n"
               "      }\n    }\n  }\n"
               "  fields {\n    key: \"n\"\n    value {\n      null_value: NULL_VALUE\n    }\n  }\n"
               "}\n");
}

static void test_read_ignore_unknown(void **state)
{
    (void)state;
    const char *json = "{\"name\": \"m\", \"newField\": {\"deep\": [1, 2]}, "
                       "\"decls\": [{\"data\": {\"visibility\": \"VISIBILITY_FUTURE\", "
                       "\"name\": \"D\", \"x\": 1}}]}";
    check_read(MODULE, json, FTL_PJ_IGNORE_UNKNOWN,
               "name: \"m\"\ndecls {\n  data {\n    name: \"D\"\n  }\n}\n");
    check_error(MODULE, json, 0, 0, 0, "newField",
                "unknown field \"newField\" in message "
                "xyz.block.ftl.schema.v1.Module");
}

static void test_read_syntax_errors(void **state)
{
    (void)state;
    check_error(REF, "{\"name\": \"a\",\n  \"module\": ]}", 0, 2, 13, "", "unexpected token");
    check_error(REF, "{\"n\xc3\xa9\": 1, x}", 0, 1, 12, "", "string or '}' expected");
    check_error(REF, "{\"name\": \"a\", \"name\": \"b\"}", 0, 1, 20, "", "duplicate object key");
    check_error(REF, "", 0, 1, 1, "", "unexpected token");
    check_error(REF, "{\"name\": \"a\"", 0, 1, 12, "", "'}' expected");
    check_error(REF, "{} x", 0, 1, 4, "", "end of file expected");
    check_error(REF, "{\"name\": \"\\u0000\"}", 0, 1, 17, "", "\\u0000 is not allowed");
}

static void test_read_semantic_errors(void **state)
{
    (void)state;
    check_error(SCHEMA,
                "{\"realms\": [{\"modules\": [{}, {\"decls\": [{\"data\": {\"nmae\": 1}}]}]}]}", 0,
                0, 0, "realms[0].modules[1].decls[0].data.nmae",
                "unknown field \"nmae\" in message xyz.block.ftl.schema.v1.Data");
    check_error(REF, "[]", 0, 0, 0, "",
                "message xyz.block.ftl.schema.v1.Ref needs an object, got an array");
    check_error(REF, "{\"name\": 5}", 0, 0, 0, "name",
                "string field \"name\" needs a string, got a number");
    check_error(REF, "{\"typeParameters\": {}}", 0, 0, 0, "typeParameters",
                "repeated field \"type_parameters\" needs an array, got an object");
    check_error(REF, "{\"typeParameters\": [null]}", 0, 0, 0, "typeParameters[0]",
                "null is not allowed in repeated field");
    check_error(REF, "{\"name\": \"a\", \"name_x\": 1}", 0, 0, 0, "name_x", "unknown field");
    check_error(SCHEMA, "{\"realms\": [], \"realms\": []}", 0, 1, 23, "", "duplicate object key");
    check_error(&xyz__block__ftl__schema__v1__metadata_subscriber__descriptor,
                "{\"fromOffset\": \"FROM_OFFSET_LATEST\", \"from_offset\": 1}", 0, 0, 0,
                "from_offset", "field \"from_offset\" is given more than once");
    check_error(&xyz__block__ftl__schema__v1__metadata_subscriber__descriptor,
                "{\"fromOffset\": \"LATEST\"}", 0, 0, 0, "fromOffset",
                "unknown value \"LATEST\" for enum xyz.block.ftl.schema.v1.FromOffset");
    check_error(&xyz__block__ftl__schema__v1__metadata_subscriber__descriptor,
                "{\"deadLetter\": \"true\"}", 0, 0, 0, "deadLetter",
                "bool field \"dead_letter\" needs true or false, got a string");
    check_error(&xyz__block__ftl__schema__v1__type__descriptor, "{\"int\": {}, \"string\": {}}", 0,
                0, 0, "string", "field \"string\" is given along with \"int\"");
    check_error(ALL, "{\"fInt32\": 2147483648}", 0, 0, 0, "fInt32", "out of range for int32");
    check_error(ALL, "{\"fUint32\": -1}", 0, 0, 0, "fUint32", "out of range for uint32");
    check_error(ALL, "{\"fInt64\": \"1e3\"}", 0, 0, 0, "fInt64",
                "needs an integer, got the string");
    check_error(ALL, "{\"fInt32\": 1.5}", 0, 0, 0, "fInt32", "needs an integer, got 1.5");
    check_error(ALL, "{\"fFloat\": 1e39}", 0, 0, 0, "fFloat", "out of range for float");
    check_error(ALL, "{\"fDouble\": \"nan\"}", 0, 0, 0, "fDouble",
                "needs a number, got the string");
    check_error(ALL, "{\"fDouble\": \"0x10\"}", 0, 0, 0, "fDouble", "needs a number");
    check_error(ALL, "{\"fBytes\": \"a\"}", 0, 0, 0, "fBytes", "needs base64");
    check_error(ALL, "{\"fBytes\": \"ab=c\"}", 0, 0, 0, "fBytes", "needs base64");
    check_error(ALL, "{\"fEnum\": true}", 0, 0, 0, "fEnum", "needs a value name or number");
    check_error(ALL, "{\"mBoolEnum\": {\"yes\": 1}}", 0, 0, 0, "mBoolEnum[\"yes\"]",
                "is not \"true\" or \"false\"");
    check_error(ALL, "{\"mInt32String\": {\"x\": \"a\"}}", 0, 0, 0, "mInt32String[\"x\"]",
                "needs an integer");
    check_error(ALL, "{\"mStringInt32\": {\"a\": null}}", 0, 0, 0, "mStringInt32[\"a\"]",
                "null is not allowed as a map value");
    check_error(ALL, "{\"mStringInt32\": []}", 0, 0, 0, "mStringInt32", "needs an object");
    check_error(ALL, "{\"rNested\": [{\"child\": {\"children\": [{}, {\"a\": \"x\"}]}}]}", 0, 0, 0,
                "rNested[0].child.children[1].a", "int32 field \"a\" needs an integer");
}

static void test_read_depth_limit(void **state)
{
    (void)state;
    size_t depth = 1000, o = 0;
    char *json = malloc(depth * 12 + 4);
    assert_non_null(json);
    for (size_t i = 0; i < depth; i++) {
        memcpy(json + o, "{\"child\": ", 10);
        o += 10;
    }
    json[o++] = '{';
    for (size_t i = 0; i <= depth; i++)
        json[o++] = '}';
    json[o] = '\0';
    FtlPjError err;
    ProtobufCMessage *m = ftl_pj_parse(&ftlc__test__nested__descriptor, json, o, 0, &err);
    assert_null(m);
    assert_non_null(strstr(err.message, "nested deeper than 200 levels"));
    assert_int_equal(strncmp(err.path, "child.child.child", 17), 0);
    free(json);
}

static void test_round_trip_samples(void **state)
{
    (void)state;
    static const char *const samples[] = {"schema_public",  "schema_full", "module",
                                          "alltypes_oneof", "errorlist",   "module_config"};
    static const ProtobufCMessageDescriptor *const types[] = {SCHEMA, SCHEMA,  MODULE,
                                                              ALL,    ERRLIST, MODCONF};
    for (size_t i = 0; i < sizeof samples / sizeof samples[0]; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s.txtpb", TP_SAMPLES_DIR, samples[i]);
        char *text = read_file(path);
        if (!text) fail_msg("cannot read %s", path);
        ProtobufCMessage *m = text_ok(types[i], text);
        char *t1 = to_text(m);
        for (unsigned flags = 0; flags <= FTL_PJ_ORIGINAL_NAMES; flags += FTL_PJ_ORIGINAL_NAMES) {
            char *json = to_json(m, flags);
            ProtobufCMessage *m2 = json_ok(types[i], json, 0);
            char *t2 = to_text(m2);
            assert_string_equal(t1, t2);
            char *json2 = to_json(m2, flags);
            assert_string_equal(json, json2);
            free(json);
            free(json2);
            free(t2);
            protobuf_c_message_free_unpacked(m2, NULL);
        }
        free(t1);
        protobuf_c_message_free_unpacked(m, NULL);
        free(text);
    }
}

static void test_alloc_failures(void **state)
{
    (void)state;
    int done = 0;
    for (long k = 0; !done; k++) {
        FtlPjError err;
        pj_alloc_count = 0;
        pj_fail_at = k;
        ProtobufCMessage *m =
            ftl_pj_parse(SCHEMA, upstream_schema, sizeof upstream_schema - 1, 0, &err);
        pj_fail_at = -1;
        if (m) {
            done = 1;
            protobuf_c_message_free_unpacked(m, NULL);
        } else {
            assert_string_equal(err.message, "out of memory");
        }
    }
    ProtobufCMessage *m = json_ok(SCHEMA, upstream_schema, 0);
    for (long k = 0;; k++) {
        FtlPjError err;
        pj_alloc_count = 0;
        pj_fail_at = k;
        char *out = ftl_pj_format(m, 0, NULL, &err);
        pj_fail_at = -1;
        if (out) {
            free(out);
            break;
        }
        assert_string_equal(err.message, "out of memory");
    }
    protobuf_c_message_free_unpacked(m, NULL);
}

static uint32_t rng_next(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void parse_any(const ProtobufCMessageDescriptor *d, const char *json, size_t len,
                      unsigned flags)
{
    FtlPjError err;
    ProtobufCMessage *m = ftl_pj_parse(d, json, len, flags, &err);
    if (m) {
        char *out = ftl_pj_format(m, 0, NULL, &err);
        free(out);
        protobuf_c_message_free_unpacked(m, NULL);
    } else {
        assert_true(err.message[0] != '\0');
    }
}

static void test_garbage(void **state)
{
    (void)state;
    static const char alphabet[] = "{}[]:,\"\\ \n0123456789.eE-+truefalsnul\"abc\"\x00\xc3";
    char buf[200];
    uint32_t seed = 4242;
    for (int round = 0; round < 20000; round++) {
        size_t len = rng_next(&seed) % sizeof buf;
        for (size_t i = 0; i < len; i++) {
            uint32_t r = rng_next(&seed);
            buf[i] = (r & 3) ? alphabet[(r >> 8) % (sizeof alphabet - 1)] : (char)(r >> 8);
        }
        parse_any(round & 1 ? ALL : SCHEMA, buf, len, (unsigned)round & FTL_PJ_IGNORE_UNKNOWN);
    }
    /* Mutations of a valid document. */
    size_t len = sizeof upstream_schema - 1;
    char *copy = malloc(len);
    assert_non_null(copy);
    for (int round = 0; round < 5000; round++) {
        memcpy(copy, upstream_schema, len);
        for (int k = 0; k < 2; k++)
            copy[rng_next(&seed) % len] = alphabet[rng_next(&seed) % (sizeof alphabet - 1)];
        parse_any(SCHEMA, copy, len, (unsigned)round & FTL_PJ_IGNORE_UNKNOWN);
    }
    free(copy);
}

/* ---- the escapers, eight bytes at a time ------------------------------------------------- */

/* Byte by byte, as the escapers were before they took eight bytes at once:
 * what they must still give. */
static size_t ref_tp_escape(char *out, const uint8_t *s, size_t n)
{
    char *o = out;
    for (size_t i = 0; i < n; i++) {
        uint8_t c = s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\') {
            *o++ = (char)c;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            *o++ = '\\';
            *o++ = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
        } else if (c == '"' || c == '\'' || c == '\\') {
            *o++ = '\\';
            *o++ = (char)c;
        } else {
            o += sprintf(o, "\\%03o", c);
        }
    }
    return (size_t)(o - out);
}

static size_t ref_pj_escape(char *out, const uint8_t *s, size_t n, size_t *bad)
{
    char *o = out;
    for (size_t i = 0; i < n;) {
        uint8_t c = s[i];
        if (c >= 0x80) {
            int k = ftl_utf8_len(s + i, n - i);
            if (!k) {
                *bad = i;
                return SIZE_MAX;
            }
            memcpy(o, s + i, (size_t)k);
            o += k;
            i += (size_t)k;
            continue;
        }
        i++;
        const char *named = c == '"'    ? "\\\""
                            : c == '\\' ? "\\\\"
                            : c == '\b' ? "\\b"
                            : c == '\f' ? "\\f"
                            : c == '\n' ? "\\n"
                            : c == '\r' ? "\\r"
                            : c == '\t' ? "\\t"
                                        : NULL;
        if (named)
            o += sprintf(o, "%s", named);
        else if (c < 0x20)
            o += sprintf(o, "\\u%04x", c);
        else
            *o++ = (char)c;
    }
    return (size_t)(o - out);
}

/* One string through ftl_tp_escape, ftl_pj_escape and ftl_utf8_check and
 * through the byte-by-byte versions. */
static void escape_same(const uint8_t *s, size_t n)
{
    char got[6 * 40 + 8], want[6 * 40 + 8];
    assert_true(n <= 40);
    size_t g = ftl_tp_escape(got, s, n), w = ref_tp_escape(want, s, n);
    assert_int_equal(g, w);
    assert_memory_equal(got, want, w);
    size_t gbad = 0, wbad = 0;
    g = ftl_pj_escape(got, (const char *)s, n, &gbad);
    w = ref_pj_escape(want, s, n, &wbad);
    assert_int_equal(g, w);
    if (w == SIZE_MAX) {
        assert_int_equal(gbad, wbad);
        assert_int_equal(ftl_utf8_check((const char *)s, n), wbad);
    } else {
        assert_memory_equal(got, want, w);
        assert_int_equal(ftl_utf8_check((const char *)s, n), n);
    }
}

/* Every byte value at every place of strings of 0 to 24 bytes, and UTF-8
 * sequences (whole, cut short, surrogates, overlong) at every place, across
 * the eight-byte words. */
static void test_escape_words(void **state)
{
    (void)state;
    uint8_t s[40];
    for (size_t n = 0; n <= 24; n++)
        for (size_t at = 0; at < n; at++)
            for (unsigned c = 0; c < 256; c++) {
                memset(s, 'a', n);
                s[at] = (uint8_t)c;
                escape_same(s, n);
                s[n - 1 - (at + 5) % n] = '"'; /* a second byte that needs an escape */
                escape_same(s, n);
            }
    static const char *const seqs[] = {
        "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "\xed\xa0\x80", "\xc0\xaf",
        "\xc3",     "\xe2\x82",     "\xf0\x9f\x98",     "\x80",         "\xf5\x80\x80\x80"};
    for (size_t q = 0; q < sizeof seqs / sizeof *seqs; q++)
        for (size_t n = 1; n <= 24; n++)
            for (size_t at = 0; at < n; at++) {
                memset(s, 'b', n);
                size_t k = strlen(seqs[q]);
                memcpy(s + at, seqs[q], at + k <= n ? k : n - at);
                escape_same(s, n);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_names),
        cmocka_unit_test(test_escape_words),
        cmocka_unit_test(test_write_module),
        cmocka_unit_test(test_write_original_names_and_empty),
        cmocka_unit_test(test_write_scalars),
        cmocka_unit_test(test_write_presence_oneof_maps),
        cmocka_unit_test(test_write_struct),
        cmocka_unit_test(test_write_errors),
        cmocka_unit_test(test_read_upstream_schema),
        cmocka_unit_test(test_read_forms),
        cmocka_unit_test(test_read_ignore_unknown),
        cmocka_unit_test(test_read_syntax_errors),
        cmocka_unit_test(test_read_semantic_errors),
        cmocka_unit_test(test_read_depth_limit),
        cmocka_unit_test(test_round_trip_samples),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_garbage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
