/* test_import.c - the importer's internals: names, comments, the descriptor pool
 * (resolution of relative names, roots, source positions), protoc's messages, and
 * the mapping on descriptors written here in the text format, including the kind
 * a protobufjs server sends (no json_name, no proto3_optional, relative names). */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/buf.h"
#include "import/descset.h"
#include "import/import.h"
#include "import/names.h"
#include "import/protoc.h"
#include "proto/textproto.h"

/* ---- names ---------------------------------------------------------------------------- */

typedef void (*NameFn)(FtlBuf *out, const char *in);

static void name_is(NameFn fn, const char *in, const char *want)
{
    FtlBuf b;
    ftl_buf_init(&b);
    fn(&b, in);
    assert_string_equal(ftl_buf_cstr(&b), want);
    ftl_buf_free(&b);
}

static void test_json_name(void **state)
{
    (void)state;
    name_is(ftl_imp_json_name, "po_number", "poNumber");
    name_is(ftl_imp_json_name, "customerId", "customerId");
    name_is(ftl_imp_json_name, "a__b", "aB");
    name_is(ftl_imp_json_name, "_x", "X");
    name_is(ftl_imp_json_name, "x_", "x");
    name_is(ftl_imp_json_name, "field_1_a", "field1A");
}

static void test_lower_camel(void **state)
{
    (void)state;
    name_is(ftl_imp_lower_camel, "GetInvoice", "getInvoice");
    name_is(ftl_imp_lower_camel, "get_invoice", "getInvoice");
    name_is(ftl_imp_lower_camel, "HTTPGet", "httpGet");
    name_is(ftl_imp_lower_camel, "URL", "url");
    name_is(ftl_imp_lower_camel, "GetURL", "getURL");
    name_is(ftl_imp_lower_camel, "V2Get", "v2Get");
    name_is(ftl_imp_lower_camel, "ping", "ping");
}

static void test_module_name(void **state)
{
    (void)state;
    name_is(ftl_imp_module_name, "acme.billing.v1", "billing");
    name_is(ftl_imp_module_name, "google.protobuf", "protobuf");
    name_is(ftl_imp_module_name, "foo.v1beta2", "foo");
    name_is(ftl_imp_module_name, "foo.v1.v2alpha", "foo");
    name_is(ftl_imp_module_name, "a.v1.b", "b");
    name_is(ftl_imp_module_name, "v1", "v1");
    name_is(ftl_imp_module_name, "vendor", "vendor");
    assert_true(ftl_imp_is_version("v10p1beta2", 10));
    assert_false(ftl_imp_is_version("vendor", 6));
    assert_false(ftl_imp_is_version("v", 1));
    assert_false(ftl_imp_is_version("v1_x", 4));
}

static void ident_is(const char *in, const char *want, int changed)
{
    FtlBuf b;
    ftl_buf_init(&b);
    assert_int_equal(ftl_imp_ident(&b, in), changed);
    assert_string_equal(ftl_buf_cstr(&b), want);
    ftl_buf_free(&b);
}

static void test_ident(void **state)
{
    (void)state;
    char long64[65], want[66];
    memset(long64, 'a', 64);
    long64[64] = 0;
    snprintf(want, sizeof want, "%s_", long64);
    ident_is("poNumber", "poNumber", 0);
    ident_is("foo-bar", "foo_bar", 1);
    ident_is("@type", "_type", 1);
    ident_is("1x", "_1x", 1);
    ident_is("", "_", 1);
    ident_is(long64, want, 1);
    ident_is(long64 + 1, long64 + 1, 0); /* 63 characters are an identifier */
}

/* ---- comments --------------------------------------------------------------------------- */

typedef struct Lines {
    char items[8][64];
    int n;
} Lines;

static void collect(void *ctx, const char *s, size_t n)
{
    Lines *l = ctx;
    assert_true(l->n < 8 && n < 64);
    memcpy(l->items[l->n], s, n);
    l->items[l->n++][n] = 0;
}

static void test_comment_lines(void **state)
{
    (void)state;
    Lines l = {{{0}}, 0};
    ftl_imp_comment_lines("\n  \n one\r\n\n two\tx\x01 \xff\xc3\xa9\n \n", collect, &l);
    assert_int_equal(l.n, 3);
    assert_string_equal(l.items[0], " one");
    assert_string_equal(l.items[1], "");
    assert_string_equal(l.items[2], " two x  \xef\xbf\xbd\xc3\xa9");
    l.n = 0;
    ftl_imp_comment_lines(NULL, collect, &l);
    ftl_imp_comment_lines("", collect, &l);
    assert_int_equal(l.n, 0);
}

/* ---- the pool ----------------------------------------------------------------------------- */

typedef struct Fixture {
    FtlArena arena;
    FtlInterner in;
    FtlDsPool pool;
    FtlDiags diags;
    FtlSources src;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    ftl_arena_init(&f->arena);
    ftl_intern_init(&f->in, &f->arena);
    ftl_ds_init(&f->pool, &f->arena, &f->in);
    ftl_diags_init(&f->diags);
    ftl_sources_init(&f->src);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    ftl_sources_free(&f->src);
    ftl_diags_free(&f->diags);
    ftl_ds_free(&f->pool);
    ftl_intern_free(&f->in);
    ftl_arena_free(&f->arena);
    free(f);
    return 0;
}

/* Adds a FileDescriptorSet written in the text format; returns ftl_ds_add_set's result. */
static int add_set(Fixture *f, const char *text, unsigned flags)
{
    FtlTpError err;
    ProtobufCMessage *m =
        ftl_tp_parse(&google__protobuf__file_descriptor_set__descriptor, text, strlen(text), &err);
    if (!m) fail_msg("%d:%d: %s", err.line, err.column, err.message);
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *bytes = malloc(n + 1);
    protobuf_c_message_pack(m, bytes);
    protobuf_c_message_free_unpacked(m, NULL);
    char why[256];
    int rc = ftl_ds_add_set(&f->pool, bytes, n, flags, why, sizeof why);
    free(bytes);
    return rc;
}

static const char SET_ACME[] =
    "file { name: 'acme/common.proto' package: 'acme.common.v1'\n"
    "  message_type { name: 'Money' field { name: 'units' number: 1 type: TYPE_INT64 } } }\n"
    "file { name: 'acme/billing.proto' package: 'acme.billing.v1' dependency: 'acme/common.proto'\n"
    "  message_type { name: 'Invoice'\n"
    "    field { name: 'lines' number: 1 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: "
    "'Line' }\n"
    "    field { name: 'total' number: 2 type: TYPE_MESSAGE type_name: 'common.v1.Money' }\n"
    "    nested_type { name: 'Line' field { name: 'sku' number: 1 type: TYPE_STRING } }\n"
    "    enum_type { name: 'Status' value { name: 'S0' number: 0 } } }\n"
    "  service { name: 'Billing' method { name: 'Get' input_type: 'Invoice' output_type: 'Invoice' "
    "} }\n"
    "  source_code_info { location { path: 4 path: 0 span: 1 span: 2 span: 9\n"
    "    leading_comments: ' An invoice.\\n' } } }\n";

static void test_pool_index_and_resolve(void **state)
{
    Fixture *f = *state;
    assert_int_equal(add_set(f, SET_ACME, FTL_DS_ROOTS), 2);
    assert_int_equal(add_set(f, SET_ACME, FTL_DS_ROOTS), 0); /* files known: skipped */
    FtlDsSym *line = ftl_ds_lookup(&f->pool, "acme.billing.v1.Invoice.Line");
    assert_non_null(line);
    assert_string_equal(line->local, "Invoice.Line");
    assert_int_equal(line->depth, 1);
    assert_string_equal(line->path, "4.0.3.0");
    assert_int_equal(ftl_ds_lookup(&f->pool, "acme.billing.v1.Invoice.Status")->kind, FTL_DS_ENUM);
    assert_int_equal(ftl_ds_lookup(&f->pool, "acme.billing.v1.Billing")->kind, FTL_DS_SERVICE);
    /* Relative names from the innermost scope outwards, as protoc resolves them. */
    assert_ptr_equal(ftl_ds_resolve(&f->pool, "Line", "acme.billing.v1.Invoice"), line);
    assert_ptr_equal(ftl_ds_resolve(&f->pool, "Invoice.Line", "acme.billing.v1.Billing"), line);
    assert_ptr_equal(ftl_ds_resolve(&f->pool, "common.v1.Money", "acme.billing.v1.Invoice"),
                     ftl_ds_lookup(&f->pool, "acme.common.v1.Money"));
    assert_ptr_equal(ftl_ds_resolve(&f->pool, ".acme.billing.v1.Invoice.Line", "x.y"), line);
    assert_null(ftl_ds_resolve(&f->pool, "Line", "acme.billing.v1"));
    assert_null(ftl_ds_resolve(&f->pool, ".Line", "acme.billing.v1.Invoice"));
    assert_null(ftl_ds_resolve(&f->pool, "", "acme"));
    /* Roots: files no other file of the set imports. */
    assert_false(ftl_ds_file(&f->pool, "acme/common.proto")->root);
    assert_true(ftl_ds_file(&f->pool, "acme/billing.proto")->root);
    const FtlPbLocation *l = ftl_ds_location(ftl_ds_file(&f->pool, "acme/billing.proto"),
                                             ftl_intern_cstr(&f->in, "4.0"));
    assert_non_null(l);
    assert_string_equal(l->leading_comments, " An invoice.\n");
}

/* Roots: a file that only imports itself is one; one imported by another is not. */
static void test_pool_roots(void **state)
{
    Fixture *f = *state;
    assert_int_equal(add_set(f,
                             "file { name: 'a.proto' dependency: 'a.proto' }\n"
                             "file { name: 'b.proto' }\n"
                             "file { name: 'c.proto' dependency: 'b.proto' }\n"
                             "file { name: 'd.proto' dependency: 'b.proto' dependency: 'c.proto' }",
                             FTL_DS_ROOTS),
                     4);
    assert_true(ftl_ds_file(&f->pool, "a.proto")->root);
    assert_false(ftl_ds_file(&f->pool, "b.proto")->root);
    assert_false(ftl_ds_file(&f->pool, "c.proto")->root);
    assert_true(ftl_ds_file(&f->pool, "d.proto")->root);
}

static void test_pool_rejects_garbage(void **state)
{
    Fixture *f = *state;
    char err[256];
    static const uint8_t junk[] = {0x0a, 0x05, 0x01};
    assert_int_equal(ftl_ds_add_set(&f->pool, junk, sizeof junk, 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "google.protobuf.FileDescriptorSet"));
    assert_int_equal(ftl_ds_add_file(&f->pool, "\x08", 1, err, sizeof err), -1);
}

static void test_offset(void **state)
{
    Fixture *f = *state;
    const char text[] = "line one\n\tx = 1;\nlast";
    uint32_t id = ftl_sources_add(&f->src, "t.proto", text, sizeof text - 1);
    const FtlSource *s = ftl_sources_get(&f->src, id);
    assert_int_equal(ftl_ds_offset(s, 0, 5), 5);
    assert_int_equal(ftl_ds_offset(s, 1, 8), 10);   /* the tab counts to column 8 */
    assert_int_equal(ftl_ds_offset(s, 1, 100), 16); /* clamped to the line */
    assert_int_equal(ftl_ds_offset(s, 9, 0), sizeof text - 1);
}

/* ---- protoc's messages ----------------------------------------------------------------- */

static uint32_t the_text(void *ctx, const char *file)
{
    return strcmp(file, "a:b.proto") == 0 ? *(uint32_t *)ctx : 0;
}

static void test_protoc_report(void **state)
{
    Fixture *f = *state;
    const char text[] = "syntax = \"proto3\";\nmessage A {\n  int32 a = 1\n}\n";
    uint32_t id = ftl_sources_add(&f->src, "dir/a:b.proto", text, sizeof text - 1);
    const char msgs[] = "a:b.proto:4:1: Expected \";\".\r\n"
                        "a:b.proto:1:1: warning: Import x.proto is unused.\n"
                        "other.proto:2:3: Something.\n"
                        "Could not make proto path relative: c.proto: No such file\n\n";
    unsigned errors = ftl_protoc_report(msgs, sizeof msgs - 1, &f->diags, &f->src, the_text, &id);
    assert_int_equal(errors, 3);
    assert_int_equal(f->diags.count, 4);
    assert_int_equal(f->diags.warnings, 1);
    const FtlDiag *g = &f->diags.items[0];
    assert_string_equal(g->code, "E0620");
    assert_int_equal(g->span.file, id);
    assert_int_equal(g->span.off, 45); /* line 4, column 1 */
    assert_string_equal(g->msg, "protoc: Expected \";\".");
    assert_string_equal(f->diags.items[1].code, "W0629");
    assert_string_equal(f->diags.items[1].msg, "protoc: Import x.proto is unused.");
    /* Without the text the position stays in the message. */
    assert_int_equal(f->diags.items[2].span.file, 0);
    assert_string_equal(f->diags.items[2].msg, "protoc: other.proto:2:3: Something.");
    assert_string_equal(f->diags.items[3].msg,
                        "protoc: Could not make proto path relative: c.proto: No such file");
}

/* ---- the mapping -------------------------------------------------------------------------- */

static FtlImpModel *map_ok(Fixture *f, const FtlImportOptions *o, unsigned want_errors)
{
    static FtlImpModel m;
    FtlImpContext cx = {&f->diags, &f->src, NULL, NULL};
    assert_int_equal(ftl_imp_map(&f->pool, o, &cx, &m), want_errors);
    return &m;
}

static const FtlImpDecl *decl(const FtlImpModel *m, const char *module, const char *name)
{
    for (uint32_t i = 0; i < m->nmodules; i++)
        for (uint32_t k = 0; strcmp(m->modules[i]->name, module) == 0 && k < m->modules[i]->ndecls;
             k++)
            if (strcmp(m->modules[i]->decls[k]->name, name) == 0) return m->modules[i]->decls[k];
    fail_msg("no %s.%s", module, name);
    return NULL;
}

static int has_diag(const Fixture *f, const char *code, const char *text)
{
    for (unsigned i = 0; i < f->diags.count; i++)
        if (strcmp(f->diags.items[i].code, code) == 0 && strstr(f->diags.items[i].msg, text))
            return 1;
    return 0;
}

/* What a protobufjs-based server sends (@grpc/reflection over @grpc/proto-loader): camelCase names
 * without json_name, relative type names, proto3 optional as a bare '_name' oneof,
 * map entries named after the field. */
static const char SET_STOCK[] =
    "file { name: 'acme_billing_v1.proto' package: 'acme.billing.v1' syntax: 'proto3'\n"
    "  message_type { name: 'Invoice'\n"
    "    field { name: 'customerId' number: 1 type: TYPE_STRING }\n"
    "    field { name: 'note' number: 2 type: TYPE_STRING oneof_index: 0 }\n"
    "    field { name: 'cardToken' number: 3 type: TYPE_STRING oneof_index: 1 }\n"
    "    field { name: 'iban' number: 4 type: TYPE_STRING oneof_index: 1 }\n"
    "    field { name: 'labels' number: 5 label: LABEL_REPEATED type: TYPE_MESSAGE type_name: "
    "'Labels' }\n"
    "    field { name: 'line' number: 6 type: TYPE_MESSAGE type_name: 'Invoice.Line' }\n"
    "    field { name: 'qty' number: 7 type: TYPE_UINT64 }\n"
    "    field { name: 'at' number: 8 type: TYPE_MESSAGE type_name: 'google.protobuf.Timestamp' }\n"
    "    field { name: 'other' number: 9 type: TYPE_MESSAGE type_name: "
    "'.acme.billing.v1.InvoiceLine' }\n"
    "    nested_type { name: 'Labels' options { map_entry: true }\n"
    "      field { name: 'key' number: 1 type: TYPE_STRING }\n"
    "      field { name: 'value' number: 2 type: TYPE_MESSAGE type_name: 'Invoice.Line' } }\n"
    "    nested_type { name: 'Line' field { name: 'sku' number: 1 type: TYPE_STRING } }\n"
    "    oneof_decl { name: '_note' } oneof_decl { name: 'payment' } }\n"
    "  message_type { name: 'InvoiceLine' }\n"
    "  service { name: 'Billing'\n"
    "    method { name: 'GetInvoice' input_type: 'Invoice' output_type: 'Invoice' }\n"
    "    method { name: 'Watch' input_type: 'Invoice' output_type: 'Invoice' server_streaming: "
    "true } }\n"
    "  service { name: 'Audit'\n"
    "    method { name: 'GetInvoice' input_type: 'Invoice' output_type: '.google.protobuf.Empty' } "
    "} }\n"
    "file { name: 'google_protobuf.proto' package: 'google.protobuf' syntax: 'proto3'\n"
    "  message_type { name: 'Timestamp' } message_type { name: 'Empty' } }\n";

static void test_map_stock_descriptors(void **state)
{
    Fixture *f = *state;
    assert_int_equal(add_set(f, SET_STOCK, 0), 2);
    static const char *const services[] = {"acme.billing.v1.Billing", "acme.billing.v1.Audit"};
    FtlImportOptions o = {"acme", NULL, 0, services, 2, "the server"};
    FtlImpModel *m = map_ok(f, &o, 0);
    assert_int_equal(m->nmodules, 1);
    assert_string_equal(m->modules[0]->name, "billing");
    const FtlImpDecl *inv = decl(m, "billing", "Invoice");
    assert_int_equal(inv->nfields, 9);
    assert_string_equal(inv->fields[0].type, "String");
    assert_string_equal(inv->fields[1].type, "String?"); /* the synthetic oneof */
    assert_null(inv->fields[1].oneof);
    assert_string_equal(inv->fields[2].type, "String?");
    assert_string_equal(inv->fields[2].oneof, "payment");
    assert_string_equal(inv->fields[2].comments.lines[0], "oneof payment");
    assert_string_equal(inv->fields[4].type, "{String: billing.InvoiceLine2}");
    assert_string_equal(inv->fields[4].map_key, "string");
    assert_string_equal(inv->fields[5].type, "billing.InvoiceLine2?");
    assert_string_equal(inv->fields[6].type, "Int");
    assert_string_equal(inv->fields[7].type, "Time?");
    assert_string_equal(inv->fields[7].proto_type, ".google.protobuf.Timestamp");
    /* Names: the top-level InvoiceLine keeps its name, the nested one is numbered. */
    assert_string_equal(decl(m, "billing", "InvoiceLine2")->sym->full,
                        "acme.billing.v1.Invoice.Line");
    assert_string_equal(decl(m, "billing", "getInvoice")->grpc_path,
                        "/acme.billing.v1.Audit/GetInvoice");
    const FtlImpDecl *v = decl(m, "billing", "billingGetInvoice");
    assert_string_equal(v->response, "billing.Invoice");
    assert_string_equal(decl(m, "billing", "getInvoice")->response, "Unit");
    assert_int_equal(m->nskipped, 1);
    assert_string_equal(m->skipped[0].why, "server streaming");
    assert_true(has_diag(f, "W0620", "/acme.billing.v1.Billing/Watch"));
    assert_true(has_diag(f, "W0621", "acme.billing.v1.Invoice.qty"));
    assert_true(has_diag(f, "W0622", "'InvoiceLine' is taken by acme.billing.v1.InvoiceLine"));
    assert_true(has_diag(f, "I0626",
                         "the server did not provide comments (no source info), JSON "
                         "names (derived by protobuf's rule), proto3_optional"));
    FtlBuf text;
    ftl_buf_init(&text);
    ftl_imp_write_ftl(&text, m);
    assert_non_null(strstr(ftl_buf_cstr(&text), "    export realm verb billingGetInvoice("
                                                "billing.Invoice) billing.Invoice\n"));
    assert_non_null(strstr(text.data, "      // oneof payment\n      cardToken String?\n"));
    ftl_buf_free(&text);
}

static const char SET_NAMES[] =
    "file { name: 'a.proto' package: 'x.type.v1' syntax: 'proto2'\n"
    "  message_type { name: 'String' field { name: 'a' number: 1 label: LABEL_OPTIONAL type: "
    "TYPE_INT32 json_name: 'a-b' }\n"
    "    field { name: 'b' number: 2 label: LABEL_REQUIRED type: TYPE_BOOL json_name: 'a_b' } } }\n"
    "file { name: 'b.proto' package: 'y.type' syntax: 'proto3' message_type { name: 'B' } }\n";

static void test_map_names_and_collisions(void **state)
{
    Fixture *f = *state;
    add_set(f, SET_NAMES, FTL_DS_ROOTS);
    FtlImportOptions o = {"r", NULL, 0, NULL, 0, "the descriptors"};
    map_ok(f, &o, 1);
    assert_true(
        has_diag(f, "E0623", "packages 'x.type.v1' and 'y.type' both become module 'type_'"));
    assert_true(has_diag(f, "W0622",
                         "package 'x.type.v1' becomes module 'type_': module names cannot "
                         "be Go keywords"));
    ftl_diags_free(&f->diags);
    ftl_diags_init(&f->diags);
    static const char *const rename[] = {"y.type=ytype"};
    FtlImportOptions o2 = {"r", rename, 1, NULL, 0, "the descriptors"};
    FtlImpModel *m = map_ok(f, &o2, 0);
    assert_int_equal(m->nmodules, 2);
    assert_string_equal(m->modules[0]->name, "type_");
    assert_string_equal(m->modules[1]->name, "ytype");
    const FtlImpDecl *s = decl(m, "type_", "String_");
    assert_string_equal(s->fields[0].name, "a_b");
    assert_string_equal(s->fields[0].json_name, "a-b");
    assert_string_equal(s->fields[0].type, "Int?"); /* proto2 optional */
    assert_string_equal(s->fields[1].name, "a_b2");
    assert_string_equal(s->fields[1].type, "Bool"); /* proto2 required */
    assert_true(has_diag(f, "W0622",
                         "becomes 'String_' in module 'type_': declarations cannot take "
                         "the name of a primitive type"));
}

static const char SET_STREAMS[] =
    "file { name: 's.proto' package: 's' syntax: 'proto3'\n"
    "  message_type { name: 'M' }\n"
    "  enum_type { name: 'E' value { name: 'E0' number: 0 } value { name: 'E1' number: 1 } }\n"
    "  service { name: 'S' method { name: 'Tail' input_type: '.s.M' output_type: '.s.M'\n"
    "    client_streaming: true server_streaming: true } } }\n";

static void test_map_streaming_only(void **state)
{
    Fixture *f = *state;
    add_set(f, SET_STREAMS, FTL_DS_ROOTS);
    FtlImportOptions o = {"r", NULL, 0, NULL, 0, "the descriptors"};
    FtlImpModel *m = map_ok(f, &o, 0);
    assert_true(has_diag(f, "W0627", "only their messages and enums are imported"));
    const FtlImpDecl *e = decl(m, "s", "E");
    assert_int_equal(e->nvalues, 2);
    assert_string_equal(e->values[1].proto_name, "E1");
    decl(m, "s", "M");
    static const char *const services[] = {"s.S"};
    FtlImportOptions o2 = {"r", NULL, 0, services, 1, "the descriptors"};
    map_ok(f, &o2, 1);
    assert_true(has_diag(f, "E0625", "every RPC of the service is streaming"));
    static const char *const nope[] = {"s.Nope"};
    FtlImportOptions o3 = {"r", NULL, 0, nope, 1, "the descriptors"};
    map_ok(f, &o3, 1);
    assert_true(has_diag(f, "E0624", "no service 's.Nope'"));
}

static void test_map_unresolved(void **state)
{
    Fixture *f = *state;
    add_set(f,
            "file { name: 'u.proto' package: 'u' message_type { name: 'M'\n"
            "  field { name: 'x' number: 1 type: TYPE_MESSAGE type_name: '.u.Gone' } } }",
            FTL_DS_ROOTS);
    FtlImportOptions o = {"r", NULL, 0, NULL, 0, "the descriptors"};
    map_ok(f, &o, 1);
    assert_true(has_diag(f, "E0621", "type '.u.Gone' of field 'u.M.x' is not defined"));
}

static void test_mapping_json(void **state)
{
    Fixture *f = *state;
    add_set(f, SET_ACME, FTL_DS_ROOTS);
    FtlImportOptions o = {"acme", NULL, 0, NULL, 0, "the descriptors"};
    FtlImpModel *m = map_ok(f, &o, 0);
    FtlBuf json;
    ftl_buf_init(&json);
    ftl_imp_write_mapping(&json, m);
    const char *j = ftl_buf_cstr(&json);
    assert_non_null(strstr(j, "\"realm\": \"acme\""));
    assert_non_null(strstr(j, "\"method\": \"/acme.billing.v1.Billing/Get\""));
    assert_non_null(strstr(j, "\"requestMessage\": \"acme.billing.v1.Invoice\""));
    assert_non_null(strstr(j, "\"message\": \"acme.billing.v1.Invoice.Line\""));
    assert_non_null(strstr(j, "\"protoType\": \".acme.billing.v1.Invoice.Line\",\n"
                              "              \"repeated\": true"));
    /* Modules by name: billing before common. */
    assert_true(strstr(j, "\"name\": \"billing\"") < strstr(j, "\"name\": \"common\""));
    ftl_buf_free(&json);
}

/* ---- the pipeline: ftl_session_import ------------------------------------------------------ */

/* SET_ACME as a descriptor set file in a new folder: its path (static). */
static const char *write_set(void)
{
    static char dir[] = "/tmp/ftlc-test-import.XXXXXX", path[64];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/acme.pb", dir);
    FtlTpError err;
    ProtobufCMessage *m = ftl_tp_parse(&google__protobuf__file_descriptor_set__descriptor, SET_ACME,
                                       strlen(SET_ACME), &err);
    assert_non_null(m);
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *bytes = malloc(n);
    protobuf_c_message_pack(m, bytes);
    protobuf_c_message_free_unpacked(m, NULL);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(bytes, 1, n, fp), n);
    fclose(fp);
    free(bytes);
    return path;
}

static char *emit_public(FtlSession *s, FtlFormat f)
{
    FtlEmitOptions o = {FTL_EMIT_PUBLIC, f, FTL_EMIT_EXTERNAL, 0};
    char *out = NULL;
    size_t len;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &out, &len), FTL_OK);
    return out;
}

/* The session maps the set, compiles the realm's text as an input and then
 * holds the realm: its public schema is emitted as ftlc export's, and the
 * mapping is there for the proxy. */
static void test_session_import(void **state)
{
    (void)state;
    const char *set = write_set();
    FtlSession *s = ftl_session_new();
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    const char *files[] = {set};
    FtlImportRequest r = {.source = FTL_IMPORT_PROTO, .files = files, .nfiles = 1, .realm = "acme"};
    assert_null(ftl_import_request_problem(&r, NULL, 0));
    assert_int_equal(ftl_session_import(s, &r), FTL_OK);
    assert_int_equal(ftl_session_error_count(s), 0);
    assert_string_equal(ftl_session_local_realm(s), "acme");
    char *text = emit_public(s, FTL_FORMAT_FTL);
    assert_int_equal(strncmp(text, "external realm acme {\n", 22), 0);
    assert_non_null(strstr(text, "export realm verb get(billing.Invoice) billing.Invoice\n"));
    ftl_free(text);
    text = emit_public(s, FTL_FORMAT_TXTPB);
    assert_non_null(strstr(text, "name: \"acme\""));
    ftl_free(text);
    char *json;
    size_t len;
    assert_int_equal(ftl_session_import_mapping(s, &json, &len), FTL_OK);
    assert_int_equal(strlen(json), len);
    assert_non_null(strstr(json, "\"method\": \"/acme.billing.v1.Billing/Get\""));
    ftl_free(json);
    /* The set is a file the compilation read: no output may replace it. */
    size_t n;
    const char *const *read = ftl_session_files(s, &n);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found |= strcmp(read[i], set) == 0;
    assert_true(found);
    assert_int_equal(ftl_session_write_output(s, set, "x", 1), FTL_EIO);

    /* No name for the realm (no project): FTL_EINVAL and a sentence. */
    r.realm = NULL;
    assert_int_equal(ftl_session_import(s, &r), FTL_EINVAL);
    assert_non_null(strstr(ftl_session_error(s), "the realm has no name"));
    assert_int_equal(ftl_session_import_mapping(s, &json, &len), FTL_EINVAL);
    /* A set that is not there: FTL_EIO. */
    r.realm = "acme";
    files[0] = "/nonexistent/acme.pb";
    assert_int_equal(ftl_session_import(s, &r), FTL_EIO);
    assert_non_null(strstr(ftl_session_error(s), "/nonexistent/acme.pb"));
    ftl_session_free(s);
    unlink(set);
    *strrchr((char *)set, '/') = '\0';
    rmdir(set);
}

/* What a request cannot be, in the sentences the command line shows. */
static void test_import_request_problem(void **state)
{
    (void)state;
    char buf[600];
    const char *files[] = {"notes.txt"}, *std[] = {"-"}, *names[] = {"acme.v1=map"},
               *headers[] = {"nocolon"};
    FtlImportRequest r = {.source = FTL_IMPORT_PROTO};
    assert_string_equal(ftl_import_request_problem(&r, buf, sizeof buf), "no input files");
    r.files = files, r.nfiles = 1;
    assert_non_null(strstr(ftl_import_request_problem(&r, buf, sizeof buf),
                           "'notes.txt' is neither a .proto file nor a descriptor set"));
    /* Without a buffer a problem is still one (a sentence without the name). */
    assert_non_null(ftl_import_request_problem(&r, NULL, 0));
    r.files = std;
    assert_non_null(strstr(ftl_import_request_problem(&r, buf, sizeof buf), "standard input"));
    r.files = NULL, r.nfiles = 0;
    r.module_names = names, r.nmodule_names = 1;
    assert_non_null(
        strstr(ftl_import_request_problem(&r, buf, sizeof buf), "NAME is not a module name"));
    r.module_names = NULL, r.nmodule_names = 0;
    FtlImportRequest g = {.source = FTL_IMPORT_GRPC};
    assert_non_null(strstr(ftl_import_request_problem(&g, buf, sizeof buf), "no server"));
    g.address = "127.0.0.1";
    assert_non_null(strstr(ftl_import_request_problem(&g, buf, sizeof buf), "is not HOST:PORT"));
    g.address = "localhost:50051";
    assert_null(ftl_import_request_problem(&g, buf, sizeof buf));
    g.plaintext = 1, g.cacert = "roots.pem";
    assert_non_null(strstr(ftl_import_request_problem(&g, buf, sizeof buf), "--plaintext"));
    g.plaintext = 0, g.headers = headers, g.nheaders = 1;
    assert_non_null(strstr(ftl_import_request_problem(&g, buf, sizeof buf), "--header"));
    g.nheaders = 0, g.realm = "my-realm";
    assert_non_null(strstr(ftl_import_request_problem(&g, buf, sizeof buf), "not a realm name"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_name),
        cmocka_unit_test(test_lower_camel),
        cmocka_unit_test(test_module_name),
        cmocka_unit_test(test_ident),
        cmocka_unit_test(test_comment_lines),
        cmocka_unit_test_setup_teardown(test_pool_index_and_resolve, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_roots, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pool_rejects_garbage, setup, teardown),
        cmocka_unit_test_setup_teardown(test_offset, setup, teardown),
        cmocka_unit_test_setup_teardown(test_protoc_report, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_stock_descriptors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_names_and_collisions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_streaming_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_map_unresolved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mapping_json, setup, teardown),
        cmocka_unit_test(test_session_import),
        cmocka_unit_test(test_import_request_problem),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
