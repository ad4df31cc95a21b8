/* test_clients.c - runtime client paths and endpoint config keys
 * (ftlc-clients(1), clients.h): which verbs are listed, the package
 * path and client name per runtime, sanitising of package segments, the
 * endpoint keys of the external realms used, and the text and JSON reports. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "syntax/ast.h"
#include "base/buf.h"
#include "realm/clients.h"
#include "base/diag.h"
#include "base/intern.h"
#include "syntax/parse.h"
#include "check/schema.h"
#include "base/source.h"

/* ---- helpers ------------------------------------------------------------------- */

/* One compilation of schema texts, checked without errors (and, unless
 * warnings is set, without warnings). */
typedef struct C {
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    FtlSources src;
    FtlSchema s;
    FtlBuf out;
} C;

static C *compile_at(const char *file, int line, int warnings, const char *realm,
                     const char *const *texts)
{
    C *c = calloc(1, sizeof *c);
    assert_non_null(c);
    ftl_arena_init(&c->arena);
    ftl_intern_init(&c->in, &c->arena);
    ftl_diags_init(&c->diags);
    ftl_sources_init(&c->src);
    ftl_buf_init(&c->out);
    ftl_schema_init(&c->s, &c->arena, &c->in, &c->diags, &c->src);
    for (int i = 0; texts[i]; i++) {
        char name[32];
        snprintf(name, sizeof name, "t%d.ftl", i);
        uint32_t id = ftl_sources_add(&c->src, name, texts[i], strlen(texts[i]));
        FtlFile *f = ftl_parse_file(&c->arena, &c->in, &c->diags, &c->src, id);
        assert_non_null(f);
        ftl_schema_add_file(&c->s, f);
    }
    FtlCheckOptions o = {.realm = realm};
    ftl_schema_check(&c->s, &o);
    if (warnings ? c->diags.errors : c->diags.count)
        fail_msg("%s:%d: unexpected diagnostic %s: %s", file, line, c->diags.items[0].code,
                 c->diags.items[0].msg);
    return c;
}
#define COMPILE(realm, ...)                                                                        \
    compile_at(__FILE__, __LINE__, 0, (realm), (const char *const[]){__VA_ARGS__, NULL})
#define COMPILE_W(realm, ...)                                                                      \
    compile_at(__FILE__, __LINE__, 1, (realm), (const char *const[]){__VA_ARGS__, NULL})

static void cfree(C *c)
{
    ftl_buf_free(&c->out);
    ftl_schema_free(&c->s);
    ftl_sources_free(&c->src);
    ftl_diags_free(&c->diags);
    ftl_intern_free(&c->in);
    ftl_arena_free(&c->arena);
    free(c);
}

/* The report of c for langs, as text or JSON. */
static const char *render(C *c, unsigned langs, int json)
{
    c->out.len = 0;
    assert_int_equal(ftl_clients_render(&c->out, &c->s, langs, json), 0);
    return ftl_buf_cstr(&c->out);
}

static void text_eq_at(const char *file, int line, const char *got, const char *want)
{
    if (strcmp(got, want) == 0) return;
    fprintf(stderr, "%s:%d: expected\n%s--- got\n%s---\n", file, line, want, got);
    fail_msg("%s:%d: the report differs", file, line);
}
#define TEXT_EQ(got, want) text_eq_at(__FILE__, __LINE__, (got), (want))

static const char *segment(FtlBuf *b, const char *name, unsigned lang)
{
    b->len = 0;
    ftl_clients_segment(b, name, lang);
    return ftl_buf_cstr(b);
}

static const char *package(FtlBuf *b, const char *realm, const char *module, unsigned lang)
{
    b->len = 0;
    ftl_clients_package(b, realm, module, lang);
    return ftl_buf_cstr(b);
}

static const char *client(FtlBuf *b, const char *verb, unsigned lang)
{
    b->len = 0;
    ftl_clients_type(b, verb, lang);
    return ftl_buf_cstr(b);
}

/* The example of ftlc-clients(1), EXAMPLES: shop calls bank. */
static const char BANK[] = "external realm bank {\n"
                           "  module balance {\n"
                           "    export realm data WithdrawRequest { account String  amount Int }\n"
                           "    export realm data WithdrawResponse { balance Int }\n"
                           "    export realm verb withdraw(balance.WithdrawRequest) "
                           "balance.WithdrawResponse\n"
                           "  }\n"
                           "}\n";
static const char SHOP[] = "realm shop {\n"
                           "  module checkout {\n"
                           "    export realm data Order { id String  total Int }\n"
                           "    export realm verb place(checkout.Order) Unit\n"
                           "      +calls balance.withdraw@bank\n"
                           "    verb pay(balance.WithdrawRequest@bank) "
                           "balance.WithdrawResponse@bank\n"
                           "  }\n"
                           "}\n";

/* ---- --lang ----------------------------------------------------------------------- */

static void test_parse_lang(void **state)
{
    (void)state;
    assert_int_equal(ftl_clients_parse_lang("go"), FTL_LANG_GO);
    assert_int_equal(ftl_clients_parse_lang("java"), FTL_LANG_JAVA);
    assert_int_equal(ftl_clients_parse_lang("kotlin"), FTL_LANG_KOTLIN);
    assert_int_equal(ftl_clients_parse_lang("python"), FTL_LANG_PYTHON);
    assert_int_equal(ftl_clients_parse_lang("all"), FTL_LANG_ALL);
    assert_int_equal(ftl_clients_parse_lang("go,python"), FTL_LANG_GO | FTL_LANG_PYTHON);
    assert_int_equal(ftl_clients_parse_lang("kotlin,all"), FTL_LANG_ALL);
    assert_int_equal(ftl_clients_parse_lang("go,go"), FTL_LANG_GO);
    assert_int_equal(ftl_clients_parse_lang(""), -1);
    assert_int_equal(ftl_clients_parse_lang("go,"), -1);
    assert_int_equal(ftl_clients_parse_lang(",go"), -1);
    assert_int_equal(ftl_clients_parse_lang("Go"), -1);
    assert_int_equal(ftl_clients_parse_lang("rust"), -1);
    assert_int_equal(ftl_clients_parse_lang("gox"), -1);
    assert_int_equal(ftl_clients_parse_lang(NULL), -1);
    assert_string_equal(ftl_clients_lang_name(FTL_LANG_GO), "go");
    assert_string_equal(ftl_clients_lang_name(FTL_LANG_PYTHON), "python");
    assert_null(ftl_clients_lang_name(FTL_LANG_GO | FTL_LANG_JAVA));
    assert_null(ftl_clients_lang_name(0));
}

/* ---- names ---------------------------------------------------------------------------- */

static void test_segment_case_and_chars(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    for (unsigned lang = FTL_LANG_GO; lang <= FTL_LANG_PYTHON; lang <<= 1) {
        assert_string_equal(segment(&b, "accounts", lang), "accounts");
        assert_string_equal(segment(&b, "MyBank", lang), "mybank");
        assert_string_equal(segment(&b, "my-bank", lang), "my_bank");
        assert_string_equal(segment(&b, "My-Big-Bank", lang), "my_big_bank");
        assert_string_equal(segment(&b, "a.b c", lang), "a_b_c");
        assert_string_equal(segment(&b, "bank_2", lang), "bank_2");
        /* A leading digit: a '_' in front, the only place that makes it legal. */
        assert_string_equal(segment(&b, "1bank", lang), "_1bank");
        assert_string_equal(segment(&b, "42", lang), "_42");
        assert_string_equal(segment(&b, "", lang), "_");
        /* Not ASCII: every byte becomes '_'. */
        assert_string_equal(segment(&b, "z\xc3\xbcrich", lang), "z__rich");
    }
    ftl_buf_free(&b);
}

static void test_segment_reserved_words(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    /* Go keywords (module names cannot be Go keywords, N1, but realm names can). */
    assert_string_equal(segment(&b, "type", FTL_LANG_GO), "type_");
    assert_string_equal(segment(&b, "import", FTL_LANG_GO), "import_");
    assert_string_equal(segment(&b, "go", FTL_LANG_GO), "go_");
    assert_string_equal(segment(&b, "Func", FTL_LANG_GO), "func_");
    assert_string_equal(segment(&b, "fallthrough", FTL_LANG_GO), "fallthrough_");
    assert_string_equal(segment(&b, "_", FTL_LANG_GO), "__");
    assert_string_equal(segment(&b, "class", FTL_LANG_GO), "class");
    assert_string_equal(segment(&b, "string", FTL_LANG_GO),
                        "string"); /* predeclared, not reserved */
    /* Java: keywords, '_' and the literals. */
    assert_string_equal(segment(&b, "class", FTL_LANG_JAVA), "class_");
    assert_string_equal(segment(&b, "import", FTL_LANG_JAVA), "import_");
    assert_string_equal(segment(&b, "Synchronized", FTL_LANG_JAVA), "synchronized_");
    assert_string_equal(segment(&b, "TRUE", FTL_LANG_JAVA), "true_");
    assert_string_equal(segment(&b, "null", FTL_LANG_JAVA), "null_");
    assert_string_equal(segment(&b, "_", FTL_LANG_JAVA), "__");
    assert_string_equal(segment(&b, "go", FTL_LANG_JAVA), "go");
    assert_string_equal(segment(&b, "type", FTL_LANG_JAVA), "type");
    assert_string_equal(segment(&b, "var", FTL_LANG_JAVA), "var"); /* contextual only */
    /* Kotlin hard keywords only. */
    assert_string_equal(segment(&b, "fun", FTL_LANG_KOTLIN), "fun_");
    assert_string_equal(segment(&b, "val", FTL_LANG_KOTLIN), "val_");
    assert_string_equal(segment(&b, "in", FTL_LANG_KOTLIN), "in_");
    assert_string_equal(segment(&b, "typeof", FTL_LANG_KOTLIN), "typeof_");
    assert_string_equal(segment(&b, "object", FTL_LANG_KOTLIN), "object_");
    assert_string_equal(segment(&b, "import", FTL_LANG_KOTLIN), "import"); /* soft keyword */
    assert_string_equal(segment(&b, "data", FTL_LANG_KOTLIN), "data");     /* modifier */
    assert_string_equal(segment(&b, "type", FTL_LANG_KOTLIN), "type");
    /* Python keywords; True, False and None never survive lower-casing. */
    assert_string_equal(segment(&b, "def", FTL_LANG_PYTHON), "def_");
    assert_string_equal(segment(&b, "import", FTL_LANG_PYTHON), "import_");
    assert_string_equal(segment(&b, "lambda", FTL_LANG_PYTHON), "lambda_");
    assert_string_equal(segment(&b, "Await", FTL_LANG_PYTHON), "await_");
    assert_string_equal(segment(&b, "None", FTL_LANG_PYTHON), "none");
    assert_string_equal(segment(&b, "true", FTL_LANG_PYTHON), "true");
    assert_string_equal(segment(&b, "type", FTL_LANG_PYTHON), "type"); /* soft keyword */
    assert_string_equal(segment(&b, "match", FTL_LANG_PYTHON), "match");
    assert_string_equal(segment(&b, "_", FTL_LANG_PYTHON), "_");
    /* A leading digit is never a keyword. */
    assert_string_equal(segment(&b, "1class", FTL_LANG_JAVA), "_1class");
    ftl_buf_free(&b);
}

static void test_package_and_type(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    assert_string_equal(package(&b, NULL, "accounts", FTL_LANG_GO), "ftl/accounts");
    assert_string_equal(package(&b, "bank", "accounts", FTL_LANG_GO), "ftl/bank/accounts");
    assert_string_equal(package(&b, NULL, "accounts", FTL_LANG_JAVA), "ftl.accounts");
    assert_string_equal(package(&b, "bank", "accounts", FTL_LANG_JAVA), "ftl.bank.accounts");
    assert_string_equal(package(&b, "bank", "accounts", FTL_LANG_KOTLIN), "ftl.bank.accounts");
    assert_string_equal(package(&b, "bank", "accounts", FTL_LANG_PYTHON), "ftl.bank.accounts");
    assert_string_equal(package(&b, "My-Bank", "Class", FTL_LANG_JAVA), "ftl.my_bank.class_");
    assert_string_equal(package(&b, "type", "def", FTL_LANG_GO), "ftl/type_/def");
    assert_string_equal(package(&b, "type", "def", FTL_LANG_PYTHON), "ftl.type.def_");
    for (unsigned lang = FTL_LANG_GO; lang <= FTL_LANG_KOTLIN; lang <<= 1) {
        assert_string_equal(client(&b, "withdraw", lang), "WithdrawClient");
        assert_string_equal(client(&b, "Withdraw", lang), "WithdrawClient");
        assert_string_equal(client(&b, "getURL", lang), "GetURLClient");
        assert_string_equal(client(&b, "_hidden", lang), "_hiddenClient");
        assert_string_equal(client(&b, "class", lang), "ClassClient");
    }
    assert_string_equal(client(&b, "withdraw", FTL_LANG_PYTHON), "withdraw");
    assert_string_equal(client(&b, "getURL", FTL_LANG_PYTHON), "getURL");
    assert_string_equal(client(&b, "pass", FTL_LANG_PYTHON), "pass_");
    assert_string_equal(client(&b, "class", FTL_LANG_PYTHON), "class_");
    assert_string_equal(client(&b, "True", FTL_LANG_PYTHON), "True_");
    ftl_buf_free(&b);
}

/* ---- reports -------------------------------------------------------------------------- */

static void test_spec_example_text(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, BANK, SHOP);
    TEXT_EQ(render(c, FTL_LANG_ALL, 0),
            "REALM  MODULE    VERB      RUNTIME  PACKAGE           CLIENT\n"
            "shop   checkout  pay       go       ftl/checkout      PayClient\n"
            "shop   checkout  pay       java     ftl.checkout      PayClient\n"
            "shop   checkout  pay       kotlin   ftl.checkout      PayClient\n"
            "shop   checkout  pay       python   ftl.checkout      pay\n"
            "shop   checkout  place     go       ftl/checkout      PlaceClient\n"
            "shop   checkout  place     java     ftl.checkout      PlaceClient\n"
            "shop   checkout  place     kotlin   ftl.checkout      PlaceClient\n"
            "shop   checkout  place     python   ftl.checkout      place\n"
            "bank   balance   withdraw  go       ftl/bank/balance  WithdrawClient\n"
            "bank   balance   withdraw  java     ftl.bank.balance  WithdrawClient\n"
            "bank   balance   withdraw  kotlin   ftl.bank.balance  WithdrawClient\n"
            "bank   balance   withdraw  python   ftl.bank.balance  withdraw\n"
            "\n"
            "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
            "bank            bank-realm-endpoint\n");
    /* One runtime: the columns fit the rows shown. */
    TEXT_EQ(render(c, FTL_LANG_GO, 0),
            "REALM  MODULE    VERB      RUNTIME  PACKAGE           CLIENT\n"
            "shop   checkout  pay       go       ftl/checkout      PayClient\n"
            "shop   checkout  place     go       ftl/checkout      PlaceClient\n"
            "bank   balance   withdraw  go       ftl/bank/balance  WithdrawClient\n"
            "\n"
            "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
            "bank            bank-realm-endpoint\n");
    TEXT_EQ(render(c, FTL_LANG_JAVA | FTL_LANG_PYTHON, 0),
            "REALM  MODULE    VERB      RUNTIME  PACKAGE           CLIENT\n"
            "shop   checkout  pay       java     ftl.checkout      PayClient\n"
            "shop   checkout  pay       python   ftl.checkout      pay\n"
            "shop   checkout  place     java     ftl.checkout      PlaceClient\n"
            "shop   checkout  place     python   ftl.checkout      place\n"
            "bank   balance   withdraw  java     ftl.bank.balance  WithdrawClient\n"
            "bank   balance   withdraw  python   ftl.bank.balance  withdraw\n"
            "\n"
            "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
            "bank            bank-realm-endpoint\n");
    cfree(c);
}

static void test_spec_example_json(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, SHOP, BANK);
    TEXT_EQ(render(c, FTL_LANG_KOTLIN | FTL_LANG_PYTHON, 1),
            "{\n"
            "  \"verbs\": [\n"
            "    {\n"
            "      \"realm\": \"shop\",\n"
            "      \"local\": true,\n"
            "      \"module\": \"checkout\",\n"
            "      \"verb\": \"pay\",\n"
            "      \"clients\": {\n"
            "        \"kotlin\": {\n"
            "          \"package\": \"ftl.checkout\",\n"
            "          \"type\": \"PayClient\"\n"
            "        },\n"
            "        \"python\": {\n"
            "          \"package\": \"ftl.checkout\",\n"
            "          \"type\": \"pay\"\n"
            "        }\n"
            "      }\n"
            "    },\n"
            "    {\n"
            "      \"realm\": \"shop\",\n"
            "      \"local\": true,\n"
            "      \"module\": \"checkout\",\n"
            "      \"verb\": \"place\",\n"
            "      \"clients\": {\n"
            "        \"kotlin\": {\n"
            "          \"package\": \"ftl.checkout\",\n"
            "          \"type\": \"PlaceClient\"\n"
            "        },\n"
            "        \"python\": {\n"
            "          \"package\": \"ftl.checkout\",\n"
            "          \"type\": \"place\"\n"
            "        }\n"
            "      }\n"
            "    },\n"
            "    {\n"
            "      \"realm\": \"bank\",\n"
            "      \"local\": false,\n"
            "      \"module\": \"balance\",\n"
            "      \"verb\": \"withdraw\",\n"
            "      \"clients\": {\n"
            "        \"kotlin\": {\n"
            "          \"package\": \"ftl.bank.balance\",\n"
            "          \"type\": \"WithdrawClient\"\n"
            "        },\n"
            "        \"python\": {\n"
            "          \"package\": \"ftl.bank.balance\",\n"
            "          \"type\": \"withdraw\"\n"
            "        }\n"
            "      }\n"
            "    }\n"
            "  ],\n"
            "  \"endpoints\": [\n"
            "    {\n"
            "      \"realm\": \"bank\",\n"
            "      \"configKey\": \"bank-realm-endpoint\"\n"
            "    }\n"
            "  ]\n"
            "}\n");
    TEXT_EQ(render(c, FTL_LANG_GO, 1), "{\n"
                                       "  \"verbs\": [\n"
                                       "    {\n"
                                       "      \"realm\": \"shop\",\n"
                                       "      \"local\": true,\n"
                                       "      \"module\": \"checkout\",\n"
                                       "      \"verb\": \"pay\",\n"
                                       "      \"clients\": {\n"
                                       "        \"go\": {\n"
                                       "          \"package\": \"ftl/checkout\",\n"
                                       "          \"type\": \"PayClient\"\n"
                                       "        }\n"
                                       "      }\n"
                                       "    },\n"
                                       "    {\n"
                                       "      \"realm\": \"shop\",\n"
                                       "      \"local\": true,\n"
                                       "      \"module\": \"checkout\",\n"
                                       "      \"verb\": \"place\",\n"
                                       "      \"clients\": {\n"
                                       "        \"go\": {\n"
                                       "          \"package\": \"ftl/checkout\",\n"
                                       "          \"type\": \"PlaceClient\"\n"
                                       "        }\n"
                                       "      }\n"
                                       "    },\n"
                                       "    {\n"
                                       "      \"realm\": \"bank\",\n"
                                       "      \"local\": false,\n"
                                       "      \"module\": \"balance\",\n"
                                       "      \"verb\": \"withdraw\",\n"
                                       "      \"clients\": {\n"
                                       "        \"go\": {\n"
                                       "          \"package\": \"ftl/bank/balance\",\n"
                                       "          \"type\": \"WithdrawClient\"\n"
                                       "        }\n"
                                       "      }\n"
                                       "    }\n"
                                       "  ],\n"
                                       "  \"endpoints\": [\n"
                                       "    {\n"
                                       "      \"realm\": \"bank\",\n"
                                       "      \"configKey\": \"bank-realm-endpoint\"\n"
                                       "    }\n"
                                       "  ]\n"
                                       "}\n");
    cfree(c);
}

/* Every verb of the local realm, whatever its visibility; every verb of an
 * external realm, whatever it was written with (F7 in ftlc-check(1)); sorted by
 * realm (local first), module and verb whatever the input order. */
static void test_which_verbs_and_order(void **state)
{
    (void)state;
    C *c = COMPILE(NULL,
                   "external realm alpha {\n"
                   "  module zed {\n"
                   "    verb hidden(Unit) Unit\n"
                   "    export verb shared(Unit) Unit\n"
                   "  }\n"
                   "  module abc {\n"
                   "    export realm verb open(Unit) Unit\n"
                   "  }\n"
                   "}\n",
                   "realm zeta {\n"
                   "  module web {\n"
                   "    verb b(Unit) Unit\n"
                   "    export verb a(Unit) Unit\n"
                   "    data D {}\n"
                   "  }\n"
                   "  module api {\n"
                   "    export realm verb serve(Unit) Unit\n"
                   "  }\n"
                   "}\n",
                   "external realm beta {\n"
                   "  module m {\n"
                   "    export realm verb x(Unit) Unit\n"
                   "  }\n"
                   "}\n");
    TEXT_EQ(render(c, FTL_LANG_GO, 0),
            "REALM  MODULE  VERB    RUNTIME  PACKAGE        CLIENT\n"
            "zeta   api     serve   go       ftl/api        ServeClient\n"
            "zeta   web     a       go       ftl/web        AClient\n"
            "zeta   web     b       go       ftl/web        BClient\n"
            "alpha  abc     open    go       ftl/alpha/abc  OpenClient\n"
            "alpha  zed     hidden  go       ftl/alpha/zed  HiddenClient\n"
            "alpha  zed     shared  go       ftl/alpha/zed  SharedClient\n"
            "beta   m       x       go       ftl/beta/m     XClient\n");
    cfree(c);
}

/* Realm names are not checked against any language; module names only
 * against Go's keywords (N1), so Java, Kotlin and Python keywords reach the
 * sanitiser through the schema. */
static void test_sanitised_in_report(void **state)
{
    (void)state;
    C *c = COMPILE(NULL,
                   "external realm type {\n"
                   "  module class {\n"
                   "    export realm verb pass(Unit) Unit\n"
                   "  }\n"
                   "}\n",
                   "external realm import {\n"
                   "  module fun {\n"
                   "    export realm verb run(Unit) Unit\n"
                   "  }\n"
                   "}\n",
                   "external realm Go {\n"
                   "  module Lambda {\n"
                   "    export realm verb Call(Unit) Unit\n"
                   "  }\n"
                   "}\n",
                   "realm shop {\n"
                   "  module def {\n"
                   "    verb val(Unit) Unit\n"
                   "      +calls class.pass@type, fun.run@import, Lambda.Call@Go\n"
                   "  }\n"
                   "}\n");
    TEXT_EQ(render(c, FTL_LANG_ALL, 0),
            "REALM   MODULE  VERB  RUNTIME  PACKAGE          CLIENT\n"
            "shop    def     val   go       ftl/def          ValClient\n"
            "shop    def     val   java     ftl.def          ValClient\n"
            "shop    def     val   kotlin   ftl.def          ValClient\n"
            "shop    def     val   python   ftl.def_         val\n"
            "Go      Lambda  Call  go       ftl/go_/lambda   CallClient\n"
            "Go      Lambda  Call  java     ftl.go.lambda    CallClient\n"
            "Go      Lambda  Call  kotlin   ftl.go.lambda    CallClient\n"
            "Go      Lambda  Call  python   ftl.go.lambda_   Call\n"
            "import  fun     run   go       ftl/import_/fun  RunClient\n"
            "import  fun     run   java     ftl.import_.fun  RunClient\n"
            "import  fun     run   kotlin   ftl.import.fun_  RunClient\n"
            "import  fun     run   python   ftl.import_.fun  run\n"
            "type    class   pass  go       ftl/type_/class  PassClient\n"
            "type    class   pass  java     ftl.type.class_  PassClient\n"
            "type    class   pass  kotlin   ftl.type.class_  PassClient\n"
            "type    class   pass  python   ftl.type.class_  pass_\n"
            "\n"
            "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
            "Go              Go-realm-endpoint\n"
            "import          import-realm-endpoint\n"
            "type            type-realm-endpoint\n");
    cfree(c);
}

/* A realm name that is not an identifier cannot come out of a checked schema
 * (E0602 for public schema files); should one reach the report, its segment is
 * sanitised and its endpoint key keeps the name as it is. */
static void test_realm_name_not_identifier(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, BANK, SHOP);
    for (uint32_t i = 0; i < c->s.nrealms; i++)
        if (c->s.realms[i]->external) c->s.realms[i]->name = "My-Bank";
    TEXT_EQ(render(c, FTL_LANG_GO | FTL_LANG_JAVA, 0),
            "REALM    MODULE    VERB      RUNTIME  PACKAGE              CLIENT\n"
            "shop     checkout  pay       go       ftl/checkout         PayClient\n"
            "shop     checkout  pay       java     ftl.checkout         PayClient\n"
            "shop     checkout  place     go       ftl/checkout         PlaceClient\n"
            "shop     checkout  place     java     ftl.checkout         PlaceClient\n"
            "My-Bank  balance   withdraw  go       ftl/my_bank/balance  WithdrawClient\n"
            "My-Bank  balance   withdraw  java     ftl.my_bank.balance  WithdrawClient\n"
            "\n"
            "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
            "My-Bank         My-Bank-realm-endpoint\n");
    cfree(c);
}

/* The local realm's name never appears in a path: --realm may be anything. */
static void test_local_realm_name_not_in_paths(void **state)
{
    (void)state;
    C *c = COMPILE("my-shop", "module checkout {\n  verb pay(Unit) Unit\n}\n");
    TEXT_EQ(render(c, FTL_LANG_GO | FTL_LANG_PYTHON, 0),
            "REALM    MODULE    VERB  RUNTIME  PACKAGE       CLIENT\n"
            "my-shop  checkout  pay   go       ftl/checkout  PayClient\n"
            "my-shop  checkout  pay   python   ftl.checkout  pay\n");
    cfree(c);
}

static const char OTHER[] = "external realm other {\n"
                            "  module m {\n"
                            "    export realm data T {}\n"
                            "    export realm verb v(Unit) Unit\n"
                            "  }\n"
                            "}\n";

/* An external realm is used when the local realm calls it or uses one of its
 * types: request, response, field, type argument, enum variant, type alias. */
static void test_endpoints_used(void **state)
{
    (void)state;
    static const char *const locals[] = {
        "realm r {\n  module a {\n    verb f(m.T@other) Unit\n  }\n}\n",
        "realm r {\n  module a {\n    verb f(Unit) m.T@other?\n  }\n}\n",
        "realm r {\n  module a {\n    verb f(Unit) Unit\n      +calls m.v@other\n  }\n}\n",
        "realm r {\n  module a {\n    data D {\n      x {String: [m.T@other]}\n    }\n  }\n}\n",
        "realm r {\n  module a {\n    data B<X> {\n      x X\n    }\n\n"
        "    data D {\n      b a.B<m.T@other>\n    }\n  }\n}\n",
        "realm r {\n  module a {\n    enum E {\n      T m.T@other\n    }\n  }\n}\n",
        "realm r {\n  module a {\n    typealias A m.T@other\n  }\n}\n",
    };
    for (size_t i = 0; i < sizeof locals / sizeof *locals; i++) {
        C *c = COMPILE(NULL, OTHER, locals[i]);
        const char *out = render(c, FTL_LANG_GO, 1);
        if (!strstr(out, "  \"endpoints\": [\n    {\n      \"realm\": \"other\",\n"
                         "      \"configKey\": \"other-realm-endpoint\"\n    }\n  ]\n}\n"))
            fail_msg("case %zu: no endpoint for realm other:\n%s", i, out);
        cfree(c);
    }
}

/* Present but not referenced: its verbs are listed (they may be called), but
 * no endpoint is needed yet. A redundant @local qualifier is not a use. */
static void test_endpoints_unused(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, OTHER, "realm r {\n  module a {\n    verb f(Unit) Unit\n  }\n}\n");
    TEXT_EQ(render(c, FTL_LANG_PYTHON, 0), "REALM  MODULE  VERB  RUNTIME  PACKAGE      CLIENT\n"
                                           "r      a       f     python   ftl.a        f\n"
                                           "other  m       v     python   ftl.other.m  v\n");
    const char *json = render(c, FTL_LANG_PYTHON, 1);
    assert_non_null(strstr(json, "  ],\n  \"endpoints\": []\n}\n"));
    cfree(c);
    c = COMPILE_W(NULL, OTHER,
                  "realm r {\n  module a {\n    verb f(Unit) Unit\n      +calls a.g@r\n\n"
                  "    verb g(Unit) Unit\n  }\n}\n");
    assert_int_equal(c->diags.warnings, 1); /* redundant qualifier */
    assert_null(strstr(render(c, FTL_LANG_GO, 0), "ENDPOINT"));
    cfree(c);
}

/* Endpoints are sorted by realm name, each listed once. */
static void test_endpoints_sorted_once(void **state)
{
    (void)state;
    C *c = COMPILE(NULL,
                   "external realm zoo {\n  module m {\n    export realm verb v(Unit) Unit\n"
                   "  }\n}\n",
                   "external realm ant {\n  module m {\n    export realm verb v(Unit) Unit\n"
                   "  }\n}\n",
                   "realm r {\n  module a {\n    verb f(Unit) Unit\n"
                   "      +calls m.v@zoo, m.v@ant\n\n"
                   "    verb g(Unit) Unit\n      +calls m.v@zoo\n  }\n}\n");
    c->out.len = 0;
    assert_int_equal(ftl_clients_render(&c->out, &c->s, FTL_LANG_GO, 0), 0);
    const char *tail = strstr(ftl_buf_cstr(&c->out), "\n\n");
    assert_non_null(tail);
    TEXT_EQ(tail, "\n\n"
                  "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
                  "ant             ant-realm-endpoint\n"
                  "zoo             zoo-realm-endpoint\n");
    cfree(c);
}

/* Module files alone: the local realm has no name ("-" in text, "" in JSON). */
static void test_module_mode(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, "module checkout {\n  verb pay(Unit) Unit\n}\n");
    assert_true(c->s.module_mode);
    TEXT_EQ(render(c, FTL_LANG_JAVA, 0),
            "REALM  MODULE    VERB  RUNTIME  PACKAGE       CLIENT\n"
            "-      checkout  pay   java     ftl.checkout  PayClient\n");
    TEXT_EQ(render(c, FTL_LANG_JAVA, 1), "{\n"
                                         "  \"verbs\": [\n"
                                         "    {\n"
                                         "      \"realm\": \"\",\n"
                                         "      \"local\": true,\n"
                                         "      \"module\": \"checkout\",\n"
                                         "      \"verb\": \"pay\",\n"
                                         "      \"clients\": {\n"
                                         "        \"java\": {\n"
                                         "          \"package\": \"ftl.checkout\",\n"
                                         "          \"type\": \"PayClient\"\n"
                                         "        }\n"
                                         "      }\n"
                                         "    }\n"
                                         "  ],\n"
                                         "  \"endpoints\": []\n"
                                         "}\n");
    cfree(c);
}

/* No verbs and no external realm: no text at all; JSON has empty arrays. */
static void test_nothing_to_list(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, "realm r {\n  module a {\n    data D {}\n  }\n}\n");
    TEXT_EQ(render(c, FTL_LANG_ALL, 0), "");
    TEXT_EQ(render(c, FTL_LANG_ALL, 1), "{\n  \"verbs\": [],\n  \"endpoints\": []\n}\n");
    cfree(c);
}

/* Used but without verbs: only the endpoint section. */
static void test_only_endpoints(void **state)
{
    (void)state;
    C *c =
        COMPILE(NULL, "external realm bank {\n  module m {\n    export realm data T {}\n  }\n}\n",
                "realm r {\n  module a {\n    data D {\n      t m.T@bank\n    }\n  }\n}\n");
    TEXT_EQ(render(c, FTL_LANG_ALL, 0), "EXTERNAL REALM  ENDPOINT CONFIG KEY\n"
                                        "bank            bank-realm-endpoint\n");
    cfree(c);
}

static void test_bad_arguments(void **state)
{
    (void)state;
    C *c = COMPILE(NULL, SHOP, BANK);
    c->out.len = 0;
    assert_int_equal(ftl_clients_render(&c->out, &c->s, 0, 0), -1);
    assert_int_equal(ftl_clients_render(&c->out, &c->s, 1u << 7, 1), -1);
    assert_int_equal(c->out.len, 0);
    cfree(c);
}

/* The checker's public closure (check_realm.c) keeps each member's place on
 * the declaration itself (FtlDecl.mark) while it runs, and leaves no mark
 * behind: a walk that reads them later starts from zero. W0502 says what it
 * reached, through two hops. */
static void test_public_closure_leaves_no_marks(void **state)
{
    (void)state;
    C *c = COMPILE_W("shop", "realm shop {\n  module a {\n"
                             "    export realm verb api(a.Inner) Unit\n"
                             "    data Inner {\n      c a.Deep\n    }\n"
                             "    data Deep {}\n    data Alone {}\n  }\n}\n");
    unsigned w0502 = 0, decls = 0;
    for (unsigned i = 0; i < c->diags.count; i++)
        w0502 += strcmp(c->diags.items[i].code, "W0502") == 0;
    assert_int_equal(w0502, 2);
    for (uint32_t i = 0; i < c->s.nrealms; i++)
        for (uint32_t j = 0; j < c->s.realms[i]->nmodules; j++) {
            const FtlModule *m = c->s.realms[i]->modules[j];
            for (uint32_t k = 0; k < m->ndecls; k++, decls++)
                assert_int_equal(m->decls[k]->mark, 0);
        }
    assert_true(decls >= 4);
    cfree(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_public_closure_leaves_no_marks),
        cmocka_unit_test(test_parse_lang),
        cmocka_unit_test(test_segment_case_and_chars),
        cmocka_unit_test(test_segment_reserved_words),
        cmocka_unit_test(test_package_and_type),
        cmocka_unit_test(test_spec_example_text),
        cmocka_unit_test(test_spec_example_json),
        cmocka_unit_test(test_which_verbs_and_order),
        cmocka_unit_test(test_sanitised_in_report),
        cmocka_unit_test(test_realm_name_not_identifier),
        cmocka_unit_test(test_local_realm_name_not_in_paths),
        cmocka_unit_test(test_endpoints_used),
        cmocka_unit_test(test_endpoints_unused),
        cmocka_unit_test(test_endpoints_sorted_once),
        cmocka_unit_test(test_module_mode),
        cmocka_unit_test(test_nothing_to_list),
        cmocka_unit_test(test_only_endpoints),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
