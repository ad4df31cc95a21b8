/* test_session.c - libftlc's session API (include/ftlc.h): overlays, the file
 * cache, two sessions at once, diagnostics as data, every query on a project
 * of two realms (the second pinned in the project's cache), positions in
 * UTF-16, emit and depfile, and running out of memory. */
#define _DEFAULT_SOURCE /* mkdtemp, MAP_ANONYMOUS */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/sha256.h"
#include "proto/pbwrite.h"
#include "syntax/fmt.h"
#include "ftlc.h"
#include "session/session_int.h"

/* ---- a project in a temporary folder ------------------------------------------------ */

#define COMMIT "0123456789abcdef0123456789abcdef01234567"

static const char BANK[] = "realm bank {\n"
                           "  module accounts {\n"
                           "    // An account of the bank.\n"
                           "    export realm data Account {\n"
                           "      id String\n"
                           "      owner String\n"
                           "    }\n"
                           "\n"
                           "    export realm verb balance(accounts.Account) accounts.Account\n"
                           "  }\n"
                           "}\n";

static const char SHOP[] = "realm shop {\n"
                           "  // Orders of the shop.\n"
                           "  module orders {\n"
                           "    // An order of things of type T.\n"
                           "    export data Order<T> {\n"
                           "      item T\n"
                           "      account accounts.Account@bank\n"
                           "      status orders.Status\n"
                           "    }\n"
                           "\n"
                           "    export enum Status: String {\n"
                           "      Open = \"open\"\n"
                           "      Closed = \"closed\"\n"
                           "    }\n"
                           "\n"
                           "    typealias Id String\n"
                           "\n"
                           "    config limit Int\n"
                           "\n"
                           "    secret key String\n"
                           "\n"
                           "    database postgres store\n"
                           "\n"
                           "    export topic placed orders.Order<String>\n"
                           "\n"
                           "    export verb place(orders.Order<String>) Unit\n"
                           "      +calls accounts.balance@bank\n"
                           "      +publish orders.placed\n"
                           "      +config orders.limit\n"
                           "      +database uses orders.store\n"
                           "  }\n"
                           "}\n";

static const char BILLING[] = "module billing {\n"
                              "  verb bill(orders.Order<String>) Unit\n"
                              "    +calls orders.place\n"
                              "    +subscribe orders.placed from=beginning\n"
                              "}\n";

typedef struct Project {
    char dir[64];
    char shop[128], billing[128], toml[128], cache[192];
} Project;

static void write_file(const char *path, const char *text)
{
    char err[256];
    if (ftl_write_atomic(path, text, strlen(text), err, sizeof err) != 0) fail_msg("%s", err);
}

static void project_make(Project *p)
{
    snprintf(p->dir, sizeof p->dir, "%s/ftlc-session.XXXXXX",
             getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    assert_non_null(mkdtemp(p->dir));
    snprintf(p->shop, sizeof p->shop, "%s/shop.ftl", p->dir);
    snprintf(p->billing, sizeof p->billing, "%s/billing.ftl", p->dir);
    snprintf(p->toml, sizeof p->toml, "%s/ftl-project.toml", p->dir);
    char path[192];
    snprintf(path, sizeof path, "%s/.ftl", p->dir);
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/.ftl/realms", p->dir);
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(path, sizeof path, "%s/.ftl/realms/bank", p->dir);
    assert_int_equal(mkdir(path, 0777), 0);
    snprintf(p->cache, sizeof p->cache, "%s/.ftl/realms/bank/" COMMIT ".ftl", p->dir);
    write_file(p->cache, BANK);
    char sha[FTL_SHA256_HEX], toml[512];
    ftl_sha256_hex(BANK, strlen(BANK), sha);
    snprintf(
        toml, sizeof toml,
        "name = \"shop\"\n\n[realms.egress.bank]\ngit-repo = \"https://example.com/bank.git\"\n"
        "git-commit = \"" COMMIT "\"\nschema-sha256 = \"%s\"\n",
        sha);
    write_file(p->toml, toml);
    write_file(p->shop, SHOP);
    write_file(p->billing, BILLING);
}

static void project_remove(Project *p)
{
    assert_int_equal(ftl_remove_tree(p->dir), 0);
}

static FtlSession *project_session(const Project *p)
{
    FtlSession *s = ftl_session_new();
    assert_non_null(s);
    assert_int_equal(ftl_session_set_project(s, p->toml), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, p->shop), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, p->billing), FTL_OK);
    return s;
}

/* The offset of the nth (from 0) occurrence of needle in text, plus skip. */
static uint32_t at(const char *text, const char *needle, int nth, uint32_t skip)
{
    const char *p = text;
    for (;;) {
        p = strstr(p, needle);
        if (!p) fail_msg("'%s' not found", needle);
        if (nth-- == 0) return (uint32_t)(p - text) + skip;
        p++;
    }
}

static void print_diags(FtlSession *s)
{
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    for (size_t i = 0; i < n; i++)
        print_message("  %s:%u:%u %s %s\n", d[i].range.file ? d[i].range.file : "-",
                      d[i].range.start.line, d[i].range.start.column, d[i].code, d[i].message);
}

static void compile_ok(FtlSession *s)
{
    FtlStatus st = ftl_session_compile(s);
    if (st != FTL_OK) print_diags(s);
    assert_int_equal(st, FTL_OK);
}

/* ---- overlays and the cache ----------------------------------------------------------- */

static void test_overlay_shadows_input(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    /* An unsaved buffer with an error shadows the file on disk. */
    const char broken[] = "module billing {\n  verb bill(orders.Ordr<String>) Unit\n}\n";
    assert_int_equal(ftl_session_set_overlay(s, p.billing, broken, strlen(broken)), FTL_OK);
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0310");
    assert_string_equal(d[0].range.file, p.billing);
    assert_int_equal(d[0].range.start.line, 2);
    assert_int_equal(d[0].range.start.column, 13);
    /* did you mean: an edit that replaces the reference as written */
    assert_int_equal(d[0].nfixits, 1);
    assert_string_equal(d[0].fixits[0].replacement, "orders.Order");
    assert_string_equal(d[0].fixits[0].range.file, p.billing);
    assert_int_equal(d[0].fixits[0].range.start.column, 13);
    assert_int_equal(d[0].fixits[0].range.end.column, 24); /* without the type arguments */
    /* ftl_session_text sees the overlay too */
    const char *text;
    size_t len;
    assert_int_equal(ftl_session_text(s, p.billing, &text, &len), FTL_OK);
    assert_int_equal(len, strlen(broken));
    /* Without the overlay, the file again. */
    assert_int_equal(ftl_session_remove_overlay(s, p.billing), FTL_OK);
    assert_int_equal(ftl_session_remove_overlay(s, p.billing), FTL_EINVAL);
    compile_ok(s);
    ftl_session_free(s);
    project_remove(&p);
}

/* Overlays shadow every file the compile reads: the project file, the pinned
 * realm's cache, -I modules, --external-realm files. */
static void test_overlay_shadows_every_read(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    /* the cached schema: a changed text no longer matches schema-sha256 */
    const char other[] = "realm bank {\n  module accounts {\n  }\n}\n";
    assert_int_equal(ftl_session_set_overlay(s, p.cache, other, strlen(other)), FTL_OK);
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_true(n >= 1);
    assert_string_equal(d[0].code, "E0707");
    assert_int_equal(ftl_session_remove_overlay(s, p.cache), FTL_OK);
    /* the project file: another name for the local realm */
    char toml[512];
    snprintf(toml, sizeof toml, "name = \"shop\"\n[realms.egress.bank]\ngit-repo = \"x\"\n");
    assert_int_equal(ftl_session_set_overlay(s, p.toml, toml, strlen(toml)), FTL_OK);
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS); /* no git-commit: E0710 */
    d = ftl_session_diagnostics(s, &n);
    assert_true(n >= 1);
    assert_string_equal(d[0].code, "E0710");
    assert_string_equal(d[0].range.file, p.toml);
    assert_int_equal(ftl_session_remove_overlay(s, p.toml), FTL_OK);
    compile_ok(s);
    ftl_session_free(s);

    /* -I: a module that exists only as a buffer; --external-realm likewise */
    s = ftl_session_new();
    char inc[128], mod[192], ext[192];
    snprintf(inc, sizeof inc, "%s/inc", p.dir);
    snprintf(mod, sizeof mod, "%s/helper.ftl", inc);
    snprintf(ext, sizeof ext, "%s/pay.ftl", p.dir);
    const char main_text[] = "realm app {\n  module main {\n    data A {\n      h helper.H\n"
                             "      p pay.P@pay\n    }\n  }\n}\n";
    const char helper[] = "module helper {\n  export data H {\n  }\n}\n";
    const char pay[] = "external realm pay {\n  module pay {\n    export realm data P {\n    }\n"
                       "  }\n}\n";
    char main_path[192];
    snprintf(main_path, sizeof main_path, "%s/main.ftl", p.dir);
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_include_dir(s, inc), FTL_OK);
    assert_int_equal(ftl_session_add_external_realm(s, "pay", ext), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, main_path), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(s, main_path, main_text, strlen(main_text)), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(s, mod, helper, strlen(helper)), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(s, ext, pay, strlen(pay)), FTL_OK);
    compile_ok(s);
    const char *const *files = ftl_session_files(s, &n);
    assert_int_equal(n, 3);
    assert_string_equal(files[0], main_path);
    assert_string_equal(files[1], ext);
    assert_string_equal(files[2], mod);
    /* definition into the -I module, read from its buffer */
    FtlSymbol def;
    assert_true(ftl_session_definition(s, main_path, at(main_text, "helper.H", 0, 7), &def, NULL));
    assert_string_equal(def.name, "H");
    assert_string_equal(def.range.file, mod);
    assert_int_equal(def.selection.start.line, 2);
    ftl_session_free(s);
    project_remove(&p);
}

static void test_recompile_reads_only_changes(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    unsigned long reads = ses_test_reads(s);
    assert_int_equal(reads, 4); /* project file, shop, billing, the cached bank schema */
    /* An unsaved buffer changed: nothing is read again. */
    assert_int_equal(ftl_session_set_overlay(s, p.billing, BILLING, strlen(BILLING)), FTL_OK);
    compile_ok(s);
    assert_int_equal(ses_test_reads(s), reads);
    /* The buffer changed again, and shop.ftl is unreadable now (on disk its
     * size, time and inode are what they were): the cached text serves. */
    const char billing2[] = "module billing {\n}\n";
    assert_int_equal(ftl_session_set_overlay(s, p.billing, billing2, strlen(billing2)), FTL_OK);
    assert_int_equal(chmod(p.shop, 0), 0);
    compile_ok(s);
    assert_int_equal(ses_test_reads(s), reads);
    assert_int_equal(chmod(p.shop, 0644), 0);
    /* A file changed on disk is read again, and only that one. */
    char grown[sizeof SHOP + 32];
    snprintf(grown, sizeof grown, "realm shop {\n%s", SHOP + strlen("realm shop {"));
    write_file(p.shop, grown); /* one more blank line */
    compile_ok(s);
    assert_int_equal(ses_test_reads(s), reads + 1);
    /* A file removed is an I/O error (E0001, no position), the others compile. */
    assert_int_equal(ftl_session_remove_overlay(s, p.billing), FTL_OK);
    assert_int_equal(unlink(p.billing), 0);
    assert_int_equal(ftl_session_compile(s), FTL_EIO);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0001");
    assert_null(d[0].range.file);
    assert_non_null(strstr(d[0].message, "billing.ftl"));
    assert_non_null(strstr(ftl_session_error(s), "billing.ftl"));
    ftl_session_free(s);
    project_remove(&p);
}

static void test_two_sessions(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *a = project_session(&p), *b = ftl_session_new();
    const char other[] = "module solo {\n  data {\n  }\n}\n";
    assert_int_equal(ftl_session_set_project(b, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_file(b, "solo.ftl"), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(b, "solo.ftl", other, strlen(other)), FTL_OK);
    /* interleaved: each keeps its own compilation */
    compile_ok(a);
    assert_int_equal(ftl_session_compile(b), FTL_ERRORS);
    size_t na, nb;
    ftl_session_diagnostics(a, &na);
    const FtlDiagnostic *db = ftl_session_diagnostics(b, &nb);
    assert_int_equal(na, 0);
    assert_int_equal(nb, 1);
    assert_string_equal(db[0].range.file, "solo.ftl");
    FtlSymbolFilter f = {NULL, NULL, "order", 1u << FTL_SYMBOL_DATA};
    FtlSymbol *syms;
    size_t n;
    assert_int_equal(ftl_session_symbols(a, &f, &syms, &n), FTL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(syms[0].name, "Order");
    ftl_free(syms);
    assert_int_equal(ftl_session_symbols(b, &f, &syms, &n), FTL_OK);
    assert_int_equal(n, 0);
    ftl_free(syms);
    compile_ok(a); /* a again, after b */
    ftl_session_free(b);
    ftl_session_diagnostics(a, &na);
    assert_int_equal(na, 0);
    ftl_session_free(a);
    project_remove(&p);
}

/* ---- queries ------------------------------------------------------------------------ */

/* The definition at needle (+skip) in shop.ftl: asserts its name and kind. */
static FtlSymbol def_at(FtlSession *s, const char *file, const char *text, const char *needle,
                        int nth, uint32_t skip, const char *name, FtlSymbolKind kind,
                        FtlReferenceKind rkind)
{
    FtlSymbol d;
    FtlReference r;
    memset(&d, 0, sizeof d);
    if (!ftl_session_definition(s, file, at(text, needle, nth, skip), &d, &r))
        fail_msg("no definition at '%s'", needle);
    assert_string_equal(d.name, name);
    assert_int_equal(d.kind, kind);
    assert_int_equal(r.kind, rkind);
    return d;
}

static void test_definitions(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    /* into the pinned realm's cache file */
    FtlSymbol d = def_at(s, p.shop, SHOP, "accounts.Account@bank", 0, 10, "Account",
                         FTL_SYMBOL_DATA, FTL_REF_TYPE);
    assert_string_equal(d.range.file, p.cache);
    assert_string_equal(d.realm, "bank");
    assert_string_equal(d.module, "accounts");
    assert_true(d.external);
    assert_int_equal(d.visibility, 2);
    assert_int_equal(d.selection.start.line, 4);
    assert_int_equal(d.selection.start.column, 23);
    assert_int_equal(d.range.start.line, 3); /* the doc comment is part of it */
    assert_string_equal(d.comment, "An account of the bank.");
    assert_string_equal(d.detail, "data Account");
    /* the module and realm of that reference */
    d = def_at(s, p.shop, SHOP, "accounts.Account@bank", 0, 2, "accounts", FTL_SYMBOL_MODULE,
               FTL_REF_TYPE);
    assert_string_equal(d.range.file, p.cache);
    d = def_at(s, p.shop, SHOP, "@bank", 0, 2, "bank", FTL_SYMBOL_REALM, FTL_REF_TYPE);
    assert_true(d.external);
    /* +calls into the other realm */
    d = def_at(s, p.shop, SHOP, "accounts.balance@bank", 0, 12, "balance", FTL_SYMBOL_VERB,
               FTL_REF_CALLS);
    assert_string_equal(d.detail, "verb balance(accounts.Account) accounts.Account");
    /* a type parameter, an enum, a topic, a config, a database */
    def_at(s, p.shop, SHOP, "item T", 0, 5, "T", FTL_SYMBOL_TYPE_PARAMETER, FTL_REF_TYPE);
    def_at(s, p.shop, SHOP, "orders.Status", 0, 8, "Status", FTL_SYMBOL_ENUM, FTL_REF_TYPE);
    def_at(s, p.shop, SHOP, "orders.placed", 0, 8, "placed", FTL_SYMBOL_TOPIC, FTL_REF_METADATA);
    def_at(s, p.shop, SHOP, "orders.limit", 0, 8, "limit", FTL_SYMBOL_CONFIG, FTL_REF_METADATA);
    def_at(s, p.shop, SHOP, "orders.store", 0, 8, "store", FTL_SYMBOL_DATABASE, FTL_REF_METADATA);
    /* across files of the local realm, and through a type argument */
    def_at(s, p.billing, BILLING, "orders.place", 0, 8, "place", FTL_SYMBOL_VERB, FTL_REF_CALLS);
    def_at(s, p.billing, BILLING, "orders.Order", 0, 8, "Order", FTL_SYMBOL_DATA, FTL_REF_TYPE);
    /* on a declaration's own name: the declaration, of every kind */
    def_at(s, p.shop, SHOP, "realm shop", 0, 7, "shop", FTL_SYMBOL_REALM, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "module orders", 0, 8, "orders", FTL_SYMBOL_MODULE,
           FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "Order<T>", 0, 0, "Order", FTL_SYMBOL_DATA, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "<T>", 0, 1, "T", FTL_SYMBOL_TYPE_PARAMETER, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "item T", 0, 0, "item", FTL_SYMBOL_FIELD, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "Open", 0, 0, "Open", FTL_SYMBOL_VARIANT, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "Id String", 0, 0, "Id", FTL_SYMBOL_TYPEALIAS, FTL_REF_DECLARATION);
    def_at(s, p.shop, SHOP, "key String", 0, 0, "key", FTL_SYMBOL_SECRET, FTL_REF_DECLARATION);
    def_at(s, p.billing, BILLING, "module billing", 0, 7, "billing", FTL_SYMBOL_MODULE,
           FTL_REF_DECLARATION);
    /* nothing on a keyword or between declarations */
    FtlSymbol none;
    assert_false(ftl_session_definition(s, p.shop, at(SHOP, "export enum", 0, 1), &none, NULL));
    assert_false(ftl_session_definition(s, p.shop, at(SHOP, "\n\n", 0, 1), &none, NULL));
    assert_false(ftl_session_definition(s, "nowhere.ftl", 0, &none, NULL));
    ftl_session_free(s);
    project_remove(&p);
}

static void test_references(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    FtlSymbol order =
        def_at(s, p.shop, SHOP, "Order<T>", 0, 0, "Order", FTL_SYMBOL_DATA, FTL_REF_DECLARATION);
    FtlReference *refs;
    size_t n;
    assert_int_equal(ftl_session_references(s, order.id, 1, &refs, &n), FTL_OK);
    /* its name, the topic's event, place's request (shop.ftl), bill's request */
    assert_int_equal(n, 4);
    assert_int_equal(refs[0].kind, FTL_REF_DECLARATION);
    assert_int_equal(refs[0].range.start.offset, at(SHOP, "Order<T>", 0, 0));
    assert_int_equal(refs[1].range.start.offset, at(SHOP, "orders.Order<String>", 0, 0));
    assert_int_equal(refs[1].range.end.offset, at(SHOP, "orders.Order<String>", 0, 12));
    assert_int_equal(refs[2].range.start.offset, at(SHOP, "orders.Order<String>", 1, 0));
    assert_string_equal(refs[3].range.file, p.billing);
    FtlSymbol from;
    assert_true(ftl_session_symbol(s, refs[2].from, &from));
    assert_string_equal(from.name, "place");
    ftl_free(refs);
    assert_int_equal(ftl_session_references(s, order.id, 0, &refs, &n), FTL_OK);
    assert_int_equal(n, 3);
    ftl_free(refs);
    /* the pinned realm's Account: used from shop.ftl, and in its own file */
    FtlSymbol acc = def_at(s, p.shop, SHOP, "accounts.Account@bank", 0, 10, "Account",
                           FTL_SYMBOL_DATA, FTL_REF_TYPE);
    assert_int_equal(ftl_session_references(s, acc.id, 0, &refs, &n), FTL_OK);
    assert_int_equal(n, 3);
    assert_string_equal(refs[0].range.file, p.shop); /* shop.ftl was read first */
    assert_string_equal(refs[1].range.file, p.cache);
    assert_string_equal(refs[2].range.file, p.cache);
    ftl_free(refs);
    /* a module: its qualifiers */
    FtlSymbol orders = def_at(s, p.shop, SHOP, "module orders", 0, 8, "orders", FTL_SYMBOL_MODULE,
                              FTL_REF_DECLARATION);
    assert_int_equal(ftl_session_references(s, orders.id, 0, &refs, &n), FTL_OK);
    assert_int_equal(n, 9); /* 6 in shop.ftl, 3 in billing.ftl */
    ftl_free(refs);
    /* outgoing: what place calls and uses */
    FtlSymbol place =
        def_at(s, p.shop, SHOP, "place(", 0, 0, "place", FTL_SYMBOL_VERB, FTL_REF_DECLARATION);
    assert_int_equal(ftl_session_references_from(s, place.id, &refs, &n), FTL_OK);
    size_t calls = 0, meta = 0, types = 0;
    for (size_t i = 0; i < n; i++) {
        calls += refs[i].kind == FTL_REF_CALLS;
        meta += refs[i].kind == FTL_REF_METADATA;
        types += refs[i].kind == FTL_REF_TYPE;
    }
    assert_int_equal(calls, 1);
    assert_int_equal(meta, 3);
    assert_int_equal(types, 1); /* orders.Order (String and Unit are builtin types) */
    FtlSymbol callee;
    for (size_t i = 0; i < n; i++)
        if (refs[i].kind == FTL_REF_CALLS) {
            assert_true(ftl_session_symbol(s, refs[i].target, &callee));
            assert_string_equal(callee.name, "balance");
            assert_string_equal(callee.realm, "bank");
        }
    ftl_free(refs);
    /* a data declaration: its fields' references */
    assert_int_equal(ftl_session_references_from(s, order.id, &refs, &n), FTL_OK);
    assert_int_equal(n, 3); /* T, accounts.Account@bank, orders.Status */
    ftl_free(refs);
    assert_int_equal(ftl_session_references(s, 999999, 0, &refs, &n), FTL_EINVAL);
    assert_null(refs);
    ftl_session_free(s);
    project_remove(&p);
}

static void test_outline_and_symbols(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    FtlSymbol *syms;
    size_t n;
    assert_int_equal(ftl_session_outline(s, p.shop, &syms, &n), FTL_OK);
    static const struct {
        const char *name;
        FtlSymbolKind kind;
        int parent; /* index in the outline, -1 for the top */
    } want[] = {
        {"shop", FTL_SYMBOL_REALM, -1},  {"orders", FTL_SYMBOL_MODULE, 0},
        {"Order", FTL_SYMBOL_DATA, 1},   {"T", FTL_SYMBOL_TYPE_PARAMETER, 2},
        {"item", FTL_SYMBOL_FIELD, 2},   {"account", FTL_SYMBOL_FIELD, 2},
        {"status", FTL_SYMBOL_FIELD, 2}, {"Status", FTL_SYMBOL_ENUM, 1},
        {"Open", FTL_SYMBOL_VARIANT, 7}, {"Closed", FTL_SYMBOL_VARIANT, 7},
        {"Id", FTL_SYMBOL_TYPEALIAS, 1}, {"limit", FTL_SYMBOL_CONFIG, 1},
        {"key", FTL_SYMBOL_SECRET, 1},   {"store", FTL_SYMBOL_DATABASE, 1},
        {"placed", FTL_SYMBOL_TOPIC, 1}, {"place", FTL_SYMBOL_VERB, 1},
    };
    assert_int_equal(n, sizeof want / sizeof *want);
    for (size_t i = 0; i < n; i++) {
        assert_string_equal(syms[i].name, want[i].name);
        assert_int_equal(syms[i].kind, want[i].kind);
        assert_int_equal(syms[i].parent, want[i].parent < 0 ? 0 : syms[want[i].parent].id);
        assert_string_equal(syms[i].range.file, p.shop);
    }
    assert_string_equal(syms[1].comment, "Orders of the shop.");
    assert_string_equal(syms[5].detail, "accounts.Account@bank");
    assert_string_equal(syms[8].detail, "Open = \"open\"");
    assert_string_equal(syms[15].detail, "verb place(orders.Order<String>) Unit");
    assert_string_equal(syms[13].detail, "database postgres store");
    ftl_free(syms);
    /* a module file of the local realm: its module at the top */
    assert_int_equal(ftl_session_outline(s, p.billing, &syms, &n), FTL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(syms[0].name, "billing");
    assert_int_equal(syms[0].parent, 0);
    assert_string_equal(syms[0].realm, "shop");
    ftl_free(syms);
    /* every declaration of the compilation, sorted by realm, module, name */
    assert_int_equal(ftl_session_symbols(s, NULL, &syms, &n), FTL_OK);
    assert_string_equal(syms[0].name, "builtin"); /* the builtin module: no realm */
    assert_string_equal(syms[0].realm, "");
    ftl_free(syms);
    FtlSymbolFilter f = {"bank", NULL, NULL, 0};
    assert_int_equal(ftl_session_symbols(s, &f, &syms, &n), FTL_OK);
    assert_int_equal(n, 4); /* bank, accounts, Account, balance */
    assert_string_equal(syms[0].name, "bank");
    assert_string_equal(syms[1].name, "accounts");
    assert_string_equal(syms[2].name, "Account");
    assert_string_equal(syms[3].name, "balance");
    ftl_free(syms);
    FtlSymbolFilter verbs = {"shop", NULL, "PL", 1u << FTL_SYMBOL_VERB};
    assert_int_equal(ftl_session_symbols(s, &verbs, &syms, &n), FTL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(syms[0].name, "place");
    ftl_free(syms);
    /* symbol_at: the innermost */
    FtlSymbol y;
    assert_true(ftl_session_symbol_at(s, p.shop, at(SHOP, "account accounts", 0, 3), &y));
    assert_string_equal(y.name, "account");
    assert_true(ftl_session_symbol_at(s, p.shop, at(SHOP, "\n\n    export enum", 0, 1), &y));
    assert_string_equal(y.name, "orders");
    ftl_session_free(s);
    project_remove(&p);
}

static void test_tokens(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    FtlSyntaxToken *t;
    size_t n;
    assert_int_equal(ftl_session_tokens(s, p.shop, &t, &n), FTL_OK);
    /* realm shop { // Orders of the shop. module orders { ... */
    assert_int_equal(t[0].kind, FTL_TOKEN_KEYWORD);
    assert_int_equal(t[1].kind, FTL_TOKEN_IDENTIFIER);
    assert_int_equal(t[1].symbol, FTL_SYMBOL_REALM);
    assert_true(t[1].declaration);
    assert_int_equal(t[2].kind, FTL_TOKEN_OPERATOR);
    assert_int_equal(t[3].kind, FTL_TOKEN_COMMENT);
    size_t seen = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t off = t[i].range.start.offset;
        if (off == at(SHOP, "accounts.Account@bank", 0, 0)) {
            assert_int_equal(t[i].symbol, FTL_SYMBOL_MODULE);
            assert_false(t[i].declaration);
            assert_int_equal(t[i + 1].kind, FTL_TOKEN_OPERATOR); /* . */
            assert_int_equal(t[i + 2].symbol, FTL_SYMBOL_DATA);
            assert_int_equal(t[i + 3].kind, FTL_TOKEN_OPERATOR); /* @ */
            assert_int_equal(t[i + 4].kind, FTL_TOKEN_REALM);
            assert_int_equal(t[i + 4].symbol, FTL_SYMBOL_REALM);
            seen++;
        }
        if (off == at(SHOP, "calls", 0, 0)) {
            assert_int_equal(t[i].kind, FTL_TOKEN_METADATA);
            seen++;
        }
        if (off == at(SHOP, "\"open\"", 0, 0)) {
            assert_int_equal(t[i].kind, FTL_TOKEN_STRING);
            seen++;
        }
        if (off == at(SHOP, "String", 0, 0)) {
            assert_int_equal(t[i].kind, FTL_TOKEN_TYPE);
            seen++;
        }
        if (off == at(SHOP, "item T", 0, 5)) {
            assert_int_equal(t[i].symbol, FTL_SYMBOL_TYPE_PARAMETER);
            seen++;
        }
        if (off == at(SHOP, "limit Int", 0, 0)) {
            assert_int_equal(t[i].symbol, FTL_SYMBOL_CONFIG);
            assert_true(t[i].declaration);
            seen++;
        }
    }
    assert_int_equal(seen, 6);
    assert_int_equal(t[n - 1].range.end.offset, strlen(SHOP) - 1); /* the last '}' */
    ftl_free(t);
    assert_int_equal(ftl_session_tokens(s, "nowhere.ftl", &t, &n), FTL_EINVAL);
    ftl_session_free(s);
    project_remove(&p);
}

/* +cron text and ingress paths are single tokens, as the parser reads them. */
static void test_tokens_modes(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    const char text[] =
        "module m {\n  verb tick(Unit) Unit\n    +cron */5 * * * *\n"
        "  export verb get(builtin.HttpRequest<Unit, Unit, Unit>) "
        "builtin.HttpResponse<String, String>\n    +ingress http GET /users/{id}\n}\n";
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "m.ftl");
    ftl_session_set_overlay(s, "m.ftl", text, strlen(text));
    ftl_session_compile(s);
    FtlSyntaxToken *t;
    size_t n, texts = 0;
    assert_int_equal(ftl_session_tokens(s, "m.ftl", &t, &n), FTL_OK);
    for (size_t i = 0; i < n; i++)
        if (t[i].kind == FTL_TOKEN_TEXT) {
            uint32_t off = t[i].range.start.offset;
            assert_true(off == at(text, "*/5", 0, 0) || off == at(text, "/users", 0, 0));
            texts++;
        }
    assert_true(texts >= 2);
    ftl_free(t);
    /* the builtin module's declarations are definitions too */
    FtlSymbol d;
    assert_true(ftl_session_definition(s, "m.ftl", at(text, "HttpRequest", 0, 0), &d, NULL));
    assert_string_equal(d.name, "HttpRequest");
    assert_string_equal(d.module, "builtin");
    assert_string_equal(d.range.file, "<builtin>");
    ftl_session_free(s);
}

/* ---- positions ---------------------------------------------------------------------- */

static void test_utf16_columns(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    /* "😀" is 4 bytes, 2 UTF-16 units, 1 code point; "中" 3, 1, 1 */
    const char text[] = "module m {\n  enum E: String { A = \"😀中\" B = \"x\" ~ }\n}\n";
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "u.ftl");
    ftl_session_set_overlay(s, "u.ftl", text, strlen(text));
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_true(n >= 1);
    uint32_t off = at(text, "~", 0, 0);
    const FtlPoint *p = &d[0].range.start;
    assert_int_equal(p->offset, off);
    assert_int_equal(p->line, 2);
    assert_int_equal(p->column, off - at(text, "  enum", 0, 0) + 1);
    assert_int_equal(p->column_utf16, p->column - 4); /* 7 bytes, 3 units */
    assert_int_equal(p->column_chars, p->column - 5); /* 7 bytes, 2 code points */
    /* and back */
    uint32_t back;
    assert_int_equal(ftl_session_offset(s, "u.ftl", 2, p->column_utf16, FTL_COLUMN_UTF16, &back),
                     FTL_OK);
    assert_int_equal(back, off);
    assert_int_equal(ftl_session_offset(s, "u.ftl", 2, p->column_chars, FTL_COLUMN_CHARS, &back),
                     FTL_OK);
    assert_int_equal(back, off);
    assert_int_equal(ftl_session_offset(s, "u.ftl", 2, p->column, FTL_COLUMN_BYTES, &back), FTL_OK);
    assert_int_equal(back, off);
    /* inside the emoji's surrogate pair: the emoji; past the line: its end */
    uint32_t emoji = at(text, "😀", 0, 0);
    FtlPoint q;
    assert_int_equal(ftl_session_point(s, "u.ftl", emoji, &q), FTL_OK);
    assert_int_equal(ftl_session_offset(s, "u.ftl", 2, q.column_utf16 + 1, FTL_COLUMN_UTF16, &back),
                     FTL_OK);
    assert_int_equal(back, emoji);
    assert_int_equal(ftl_session_offset(s, "u.ftl", 2, 999, FTL_COLUMN_UTF16, &back), FTL_OK);
    assert_int_equal(back, at(text, "}\n}", 0, 1));
    assert_int_equal(ftl_session_offset(s, "u.ftl", 9, 1, FTL_COLUMN_UTF16, &back), FTL_EINVAL);
    ftl_session_free(s);
}

/* ---- emit, depfile, format --------------------------------------------------------- */

static int collect(void *ctx, const void *data, size_t len)
{
    size_t *total = ctx;
    *total += len;
    return memchr(data, '\0', len) != NULL; /* text: no NUL */
}

static void test_emit_and_depfile(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = project_session(&p);
    compile_ok(s);
    FtlEmitOptions o = {FTL_EMIT_PUBLIC, FTL_FORMAT_TXTPB, FTL_EMIT_HEADER, 0};
    char *out;
    size_t len, total = 0;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &out, &len), FTL_OK);
    assert_int_equal(strncmp(out, "# Code generated by ftlc export.", 32), 0);
    assert_int_equal(strlen(out), len);
    ftl_free(out);
    /* as FTL text: the realm's block, or with FTL_EMIT_EXTERNAL the block another
     * realm reads (and the same declarations) */
    o.format = FTL_FORMAT_FTL;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &out, &len), FTL_OK);
    char *ext;
    size_t extlen;
    o.flags = FTL_EMIT_EXTERNAL;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &ext, &extlen), FTL_OK);
    assert_int_equal(strncmp(out, "realm shop {", 12), 0);
    assert_int_equal(strncmp(ext, "external ", 9), 0);
    assert_string_equal(ext + 9, out);
    ftl_free(out);
    ftl_free(ext);
    o.kind = FTL_EMIT_SCHEMA;
    o.format = FTL_FORMAT_FTL;
    assert_int_equal(ftl_session_emit(s, &o, collect, &total), FTL_OK);
    assert_true(total > strlen(SHOP));
    o.kind = FTL_EMIT_CLIENTS;
    o.format = FTL_FORMAT_JSON;
    o.langs = FTL_LANG_GO;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &out, &len), FTL_OK);
    assert_non_null(strstr(out, "\"go\""));
    assert_null(strstr(out, "\"python\""));
    ftl_free(out);
    /* the depfile names every file read, from the project file to the pinned
     * realm's cache; -MP rules for all but the first */
    char dep[192];
    snprintf(dep, sizeof dep, "%s/out.d", p.dir);
    assert_int_equal(ftl_session_write_depfile(s, dep, NULL, 1), FTL_OK);
    char *text, err[256];
    assert_int_equal(ftl_read_file(dep, &text, &len, err, sizeof err), 0);
    char want[2048];
    snprintf(want, sizeof want,
             "%s/out: \\\n  %s \\\n  %s \\\n  %s \\\n  %s\n\n%s:\n\n%s:\n\n%s:\n", p.dir, p.toml,
             p.shop, p.billing, p.cache, p.shop, p.billing, p.cache);
    assert_string_equal(text, want);
    free(text);
    /* an unwritable depfile: E0001 and FTL_EIO */
    snprintf(dep, sizeof dep, "%s/no/such/dir/out.d", p.dir);
    assert_int_equal(ftl_session_write_depfile(s, dep, "t", 0), FTL_EIO);
    assert_non_null(strstr(ftl_session_error(s), "no/such/dir"));
    ftl_session_free(s);
    project_remove(&p);
}

/* What a writer received: every byte, in how many calls; fails from call
 * fail_at on when it is set. */
typedef struct Sink {
    FtlBuf all;
    unsigned calls, fail_at;
} Sink;

static int sink_write(void *ctx, const void *data, size_t len)
{
    Sink *k = ctx;
    if (k->fail_at && ++k->calls >= k->fail_at) return -1;
    if (!k->fail_at) k->calls++;
    ftl_buf_put(&k->all, data, len);
    return 0;
}

/* A realm of n exported data declarations (some 60 bytes each). */
static char *many_decls(unsigned n)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "realm big {\n  module m {\n");
    for (unsigned i = 0; i < n; i++)
        ftl_buf_printf(&b, "    // D%u\n    export realm data D%u {\n      a [String]\n    }\n", i,
                       i);
    ftl_buf_puts(&b, "  }\n}\n");
    return b.data;
}

/* The session's text of path, as its file cache holds it. */
static const SesText *cached_text(const FtlSession *s, const char *path)
{
    for (size_t i = 0; i < s->files.n; i++)
        if (ses_path_equal(s->files.items[i].path, path)) return &s->files.items[i];
    return NULL;
}

/* ftl_session_emit with a writer: with FTL_FLAG_MAP_INPUTS a large input is
 * mapped (the sources borrow the mapping), without it copied; every format reaches the writer
 * in chunks, the same bytes as ftl_session_emit_buffer (the export header first); a writer that
 * fails is FTL_EIO; E0603 is found before a byte reaches the writer. ftl_session_format_to
 * hands the writer the text of ftl_session_format in chunks. */
static void test_emit_streams(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    char big[160];
    snprintf(big, sizeof big, "%s/big.ftl", p.dir);
    char *text = many_decls(6000);
    assert_true(strlen(text) >= FTL_MAP_MIN);
    write_file(big, text);
    FtlSession *s = ftl_session_new();
    assert_non_null(s);
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, big), FTL_OK);
    compile_ok(s);
    const SesText *t = cached_text(s, big);
    assert_non_null(t);
    assert_int_equal(t->text.map, 0); /* the default: a copy, safe for editors */
    ftl_session_free(s);
    s = ftl_session_new();
    assert_non_null(s);
    ftl_session_set_flags(s, FTL_FLAG_MAP_INPUTS);
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, big), FTL_OK);
    compile_ok(s);
    t = cached_text(s, big);
    assert_non_null(t);
    assert_true(t->text.map > 0);
    const char *got;
    size_t len;
    assert_int_equal(ftl_session_text(s, big, &got, &len), FTL_OK);
    assert_ptr_equal(got, t->text.data);
    assert_int_equal(len, strlen(text));
    static const FtlFormat formats[] = {FTL_FORMAT_TXTPB, FTL_FORMAT_JSON, FTL_FORMAT_BINPB,
                                        FTL_FORMAT_FTL};
    for (int kind = FTL_EMIT_SCHEMA; kind <= FTL_EMIT_PUBLIC; kind++)
        for (int k = 0; k < 4; k++) {
            FtlEmitOptions o = {(FtlEmitKind)kind, formats[k], FTL_EMIT_HEADER, 0};
            char *whole;
            assert_int_equal(ftl_session_emit_buffer(s, &o, &whole, &len), FTL_OK);
            Sink sk = {{0}, 0, 0};
            assert_int_equal(ftl_session_emit(s, &o, sink_write, &sk), FTL_OK);
            assert_int_equal(sk.all.len, len);
            assert_memory_equal(sk.all.data, whole, len);
            if (len > 2 * FTL_PB_CHUNK) assert_true(sk.calls >= 2);
            if (formats[k] == FTL_FORMAT_TXTPB || formats[k] == FTL_FORMAT_JSON)
                assert_true(len > 2 * FTL_PB_CHUNK);
            if (formats[k] == FTL_FORMAT_FTL) assert_true(len > FTL_FMT_CHUNK && sk.calls >= 2);
            ftl_free(whole);
            ftl_buf_free(&sk.all);
            Sink fails = {{0}, 0, 1};
            assert_int_equal(ftl_session_emit(s, &o, sink_write, &fails), FTL_EIO);
            ftl_buf_free(&fails.all);
        }
    char *whole;
    assert_int_equal(ftl_session_format(s, big, &whole, &len), FTL_OK);
    Sink fmt = {{0}, 0, 0};
    assert_int_equal(ftl_session_format_to(s, big, sink_write, &fmt), FTL_OK);
    assert_int_equal(fmt.all.len, len);
    assert_memory_equal(fmt.all.data, whole, len);
    assert_true(len > FTL_FMT_CHUNK && fmt.calls >= 2);
    ftl_free(whole);
    ftl_buf_free(&fmt.all);
    Sink fails = {{0}, 0, 2}; /* the second piece fails: the first was printed */
    assert_int_equal(ftl_session_format_to(s, big, sink_write, &fails), FTL_EIO);
    assert_int_equal(fails.calls, 2);
    ftl_buf_free(&fails.all);
    assert_int_equal(ftl_session_format_to(s, big, NULL, NULL), FTL_EINVAL);
    ftl_session_free(s);
    free(text);
    /* E0603: nothing reaches the writer; FTL text carries the string */
    static const char nul[] = "realm r {\n  module m {\n    enum E: String {\n"
                              "      A = \"a\\u0000b\"\n    }\n  }\n}\n";
    s = ftl_session_new();
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_set_overlay(s, "nul.ftl", nul, strlen(nul)), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, "nul.ftl"), FTL_OK);
    compile_ok(s);
    for (int k = 0; k < 3; k++) {
        FtlEmitOptions o = {FTL_EMIT_SCHEMA, formats[k], 0, 0};
        Sink sk = {{0}, 0, 0};
        assert_int_equal(ftl_session_emit(s, &o, sink_write, &sk), FTL_ERRORS);
        assert_int_equal(sk.calls, 0);
        size_t n;
        const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
        assert_true(n >= 1);
        assert_string_equal(d[0].code, "E0603");
    }
    compile_ok(s); /* E0603 stays an error of the compilation until the next compile */
    FtlEmitOptions o = {FTL_EMIT_SCHEMA, FTL_FORMAT_FTL, 0, 0};
    Sink sk = {{0}, 0, 0};
    assert_int_equal(ftl_session_emit(s, &o, sink_write, &sk), FTL_OK);
    assert_non_null(strstr(ftl_buf_cstr(&sk.all), "\"a\\x00b\""));
    ftl_buf_free(&sk.all);
    ftl_session_free(s);
    project_remove(&p);
}

/* The resident KB of the mapping that holds addr (/proc/self/smaps, proc(5));
 * -1 when it cannot be read. */
static long resident_kb(const void *addr)
{
    FILE *f = fopen("/proc/self/smaps", "r");
    if (!f) return -1;
    char line[512];
    int in = 0;
    long kb = -1;
    while (fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        if (sscanf(line, "%lx-%lx ", &lo, &hi) == 2)
            in = (uintptr_t)addr >= lo && (uintptr_t)addr < hi;
        else if (in && sscanf(line, "Rss: %ld kB", &kb) == 1)
            break;
    }
    fclose(f);
    return kb;
}

/* A mapped input's pages are given back as it is parsed (FtlSource.mapped,
 * ftl_source_release): of some 2.7 MB hardly any is resident after the
 * compile; and the text still reads right, since a page read again is mapped
 * again from the file: the comments in the output of the mapped text are the
 * copy's. A text that is not mapped is never given back, even where its pages
 * could be. */
static void test_mapped_text_given_back(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    char big[160];
    snprintf(big, sizeof big, "%s/big.ftl", p.dir);
    char *text = many_decls(45000);
    assert_true(strlen(text) > (size_t)5 << 19);
    write_file(big, text);
    char *out[2];
    size_t len[2];
    for (int map = 0; map < 2; map++) {
        FtlSession *s = ftl_session_new();
        assert_non_null(s);
        if (map) ftl_session_set_flags(s, FTL_FLAG_MAP_INPUTS);
        assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
        assert_int_equal(ftl_session_add_file(s, big), FTL_OK);
        compile_ok(s);
        const SesText *t = cached_text(s, big);
        assert_non_null(t);
        assert_int_equal(t->text.map > 0, map);
        long kb = resident_kb(t->text.data);
        if (map) assert_in_range(kb, 0, 512); /* of 2.7 MB: a few pages read again */
        if (!map) assert_true(kb >= 2048);    /* a copy: all of it */
        FtlEmitOptions o = {FTL_EMIT_SCHEMA, FTL_FORMAT_TXTPB, 0, 0};
        assert_int_equal(ftl_session_emit_buffer(s, &o, &out[map], &len[map]), FTL_OK);
        ftl_session_free(s);
    }
    assert_int_equal(len[0], len[1]);
    assert_memory_equal(out[0], out[1], len[0]);
    assert_non_null(strstr(out[1], "\"D44999\""));
    ftl_free(out[0]);
    ftl_free(out[1]);
    free(text);
    project_remove(&p);

    long page = sysconf(_SC_PAGESIZE);
    size_t n = 4 * (size_t)page;
    char *anon =
        mmap(NULL, n + (size_t)page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(anon != MAP_FAILED);
    memset(anon, 'x', n);
    FtlSources src;
    ftl_sources_init(&src);
    uint32_t id = ftl_sources_borrow(&src, "anon", anon, n);
    ftl_source_release(ftl_sources_get(&src, id), n);
    assert_int_equal(anon[0], 'x');
    assert_int_equal(anon[n - 1], 'x');
    ftl_sources_free(&src);
    munmap(anon, n + (size_t)page);
}

/* ftl_session_write_file refuses to rewrite an input that another program
 * changed after the session read it (fmt -w, fixes would lose that change,
 * or splice edits made for the old text into the new); the other program's
 * text stays. A file the session wrote itself it rewrites again. */
static void test_rewrite_changed_input(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    char path[192];
    snprintf(path, sizeof path, "%s/in.ftl", p.dir);
    static const char one[] = "realm r {\n  module m {\n  }\n}\n";
    static const char two[] = "realm r {\n  module n {\n  }\n}\n";
    write_file(path, one);
    FtlSession *s = ftl_session_new();
    assert_non_null(s);
    assert_int_equal(ftl_session_set_project(s, FTL_PROJECT_NONE), FTL_OK);
    assert_int_equal(ftl_session_add_file(s, path), FTL_OK);
    compile_ok(s);
    assert_int_equal(ftl_session_write_file(s, path, one, strlen(one)), FTL_OK);
    assert_int_equal(ftl_session_write_file(s, path, one, strlen(one)), FTL_OK);
    compile_ok(s);
    /* written over in place, as `dd conv=notrunc` does, a second later */
    FILE *f = fopen(path, "r+");
    assert_non_null(f);
    assert_int_equal(fputs(two, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    struct timespec later[2] = {st.st_atim, st.st_mtim};
    later[1].tv_sec += 1;
    assert_int_equal(utimensat(AT_FDCWD, path, later, 0), 0);
    assert_int_equal(ftl_session_write_file(s, path, "x\n", 2), FTL_EIO);
    assert_non_null(strstr(ftl_session_error(s), "changed after ftlc read it"));
    char *text, err[256];
    size_t len;
    assert_int_equal(ftl_read_file(path, &text, &len, err, sizeof err), 0);
    assert_string_equal(text, two);
    free(text);
    compile_ok(s); /* read again: the session's text is the file's */
    assert_int_equal(ftl_session_write_file(s, path, one, strlen(one)), FTL_OK);
    ftl_session_free(s);
    project_remove(&p);
}

static void test_format_and_dump(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    const char messy[] = "module  m {\ndata A {\nx   Int\n}\n}\n";
    ftl_session_set_overlay(s, "m.ftl", messy, strlen(messy));
    char *out;
    size_t len;
    assert_int_equal(ftl_session_format(s, "m.ftl", &out, &len), FTL_OK);
    assert_string_equal(out, "module m {\n  data A {\n    x Int\n  }\n}\n");
    ftl_free(out);
    assert_int_equal(ftl_session_dump(s, "m.ftl", 0, &out, &len), FTL_OK);
    assert_non_null(strstr(out, "field x Int"));
    ftl_free(out);
    const char broken[] = "module m {\n  data {\n}\n";
    ftl_session_set_overlay(s, "b.ftl", broken, strlen(broken));
    assert_int_equal(ftl_session_format(s, "b.ftl", &out, &len), FTL_ERRORS);
    assert_null(out);
    assert_true(ftl_session_error_count(s) > 0);
    assert_int_equal(ftl_session_format(s, "missing.ftl", &out, &len), FTL_EIO);
    /* streamed: nothing reaches the writer of a file that does not parse */
    Sink sk = {{0}, 0, 0};
    assert_int_equal(ftl_session_format_to(s, "b.ftl", sink_write, &sk), FTL_ERRORS);
    assert_int_equal(ftl_session_format_to(s, "missing.ftl", sink_write, &sk), FTL_EIO);
    assert_int_equal(sk.calls, 0);
    assert_int_equal(ftl_session_format_to(s, "m.ftl", sink_write, &sk), FTL_OK);
    assert_string_equal(ftl_buf_cstr(&sk.all), "module m {\n  data A {\n    x Int\n  }\n}\n");
    assert_int_equal(sk.calls, 1);
    ftl_buf_free(&sk.all);
    ftl_session_free(s);
}

/* Options that are not valid are refused, with a sentence. */
static void test_invalid_arguments(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    assert_int_equal(ftl_session_set_realm(s, "not a name"), FTL_EINVAL);
    assert_non_null(strstr(ftl_session_error(s), "not a realm name"));
    assert_int_equal(ftl_session_add_external_realm(s, "1x", "f"), FTL_EINVAL);
    assert_int_equal(ftl_session_set_input_format(s, 7), FTL_EINVAL);
    FtlFormat f;
    assert_int_equal(ftl_format_from_name("yaml", &f), FTL_EINVAL);
    assert_int_equal(ftl_format_from_name("json", &f), FTL_OK);
    assert_int_equal(f, FTL_FORMAT_JSON);
    assert_int_equal(ftl_format_from_path("a.pbtxt"), FTL_FORMAT_TXTPB);
    assert_string_equal(ftl_format_name(FTL_FORMAT_BINPB), "binpb");
    assert_string_equal(ftl_version(), FTLC_VERSION);
    FtlEmitOptions o = {FTL_EMIT_SCHEMA, FTL_FORMAT_FTL, 0, 0};
    char *out;
    size_t len;
    assert_int_equal(ftl_session_emit_buffer(s, &o, &out, &len), FTL_EINVAL); /* nothing compiled */
    /* --module with a name no input defines */
    const char text[] = "module m {\n}\n";
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "m.ftl");
    ftl_session_set_overlay(s, "m.ftl", text, strlen(text));
    ftl_session_set_module(s, "zzz");
    assert_int_equal(ftl_session_compile(s), FTL_EINVAL);
    assert_string_equal(ftl_session_error(s), "no module named 'zzz' in the inputs");
    ftl_session_free(s);
}

/* -W options, W0001, and what the compile says about its realm and project. */
static void test_warnings_and_project(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    char toml[512];
    snprintf(toml, sizeof toml,
             "name = \"shop\"\n[realms.egress.bank]\ngit-repo = \"https://example.com/b.git\"\n"
             "git-commit = \"" COMMIT "\"\n");
    write_file(p.toml, toml); /* no schema-sha256: W0702 (unverified-pin) */
    FtlSession *s = project_session(&p);
    compile_ok(s);
    assert_int_equal(ftl_session_warning_count(s), 1);
    assert_string_equal(ftl_session_local_realm(s), "shop");
    FtlProjectInfo info;
    assert_true(ftl_session_project(s, &info));
    assert_string_equal(info.path, p.toml);
    assert_string_equal(info.name, "shop");
    assert_string_equal(info.export_path, "ftl-external-schema.txtpb");
    char want[192];
    snprintf(want, sizeof want, "%s/ftl-external-schema.txtpb", p.dir);
    assert_string_equal(info.export_file, want);
    assert_int_equal(ftl_session_set_warning(s, "error=unverified-pin"), FTL_OK);
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    assert_int_equal(ftl_session_set_warning(s, "no-W0702"), FTL_OK);
    compile_ok(s);
    assert_int_equal(ftl_session_warning_count(s), 0);
    assert_int_equal(ftl_session_set_warning(s, "no-such-warning"), FTL_EINVAL);
    assert_non_null(strstr(ftl_session_error(s), "no-such-warning"));
    /* a -I directory that does not exist: W0001, without a position */
    char nowhere[192];
    snprintf(nowhere, sizeof nowhere, "%s/nowhere", p.dir);
    assert_int_equal(ftl_session_add_include_dir(s, nowhere), FTL_OK);
    compile_ok(s);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "W0001");
    assert_null(d[0].range.file);
    assert_int_equal(d[0].severity, FTL_SEV_WARNING);
    ftl_session_free(s);
    /* module files alone have no local realm; with -I, one without a name */
    s = ftl_session_new();
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, p.billing);
    compile_ok(s);
    assert_null(ftl_session_local_realm(s));
    assert_false(ftl_session_project(s, &info));
    ftl_session_add_include_dir(s, p.dir);
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS); /* orders.ftl is not there */
    assert_string_equal(ftl_session_local_realm(s), "");
    ftl_session_free(s);
    project_remove(&p);
}

/* A file that cannot be read is always reported, however many errors come
 * before it; --max-errors cuts the rest with the note E0208. */
static void test_io_errors_are_never_cut(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    const char bad[] = "module m {\n  data {\n  }\n  data {\n  }\n  data {\n  }\n}\n";
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_set_max_errors(s, 1);
    ftl_session_add_file(s, "bad.ftl");
    ftl_session_add_file(s, "/nonexistent/missing.ftl");
    ftl_session_set_overlay(s, "bad.ftl", bad, strlen(bad));
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 3);
    assert_string_equal(d[0].code, "E0201");
    assert_string_equal(d[1].code, "E0208");
    assert_int_equal(d[1].severity, FTL_SEV_NOTE);
    assert_string_equal(d[2].code, "E0001");
    assert_non_null(strstr(d[2].message, "missing.ftl"));
    ftl_session_free(s);
}

static void test_write_and_diffs(void **state)
{
    (void)state;
    Project p;
    project_make(&p);
    FtlSession *s = ftl_session_new();
    char path[192], *text, err[256], *out;
    size_t len;
    snprintf(path, sizeof path, "%s/written.txt", p.dir);
    assert_int_equal(ftl_session_write_file(s, path, "one\n", 4), FTL_OK);
    assert_int_equal(ftl_read_file(path, &text, &len, err, sizeof err), 0);
    assert_string_equal(text, "one\n");
    free(text);
    snprintf(path, sizeof path, "%s/no/dir/written.txt", p.dir);
    assert_int_equal(ftl_session_write_file(s, path, "x", 1), FTL_EIO);
    assert_non_null(strstr(ftl_session_error(s), "no/dir"));
    ftl_session_free(s);
    assert_int_equal(ftl_unified_diff("f", "a\nb\n", 4, "a\nc\n", 4, &out, &len), FTL_OK);
    assert_string_equal(out, "--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n");
    ftl_free(out);
    assert_int_equal(ftl_unified_diff("f", "same", 4, "same", 4, &out, &len), FTL_OK);
    assert_int_equal(len, 0);
    ftl_free(out);
    /* two public schemas in protobuf text: the declarations added and removed
     * are named, then the text's diff */
    const char *a = "realm r {\n  module m {\n    export realm data A {\n    }\n  }\n}\n";
    const char *b = "realm r {\n  module m {\n    export realm data B {\n    }\n  }\n}\n";
    char *pa, *pb;
    size_t la, lb;
    FtlEmitOptions o = {FTL_EMIT_PUBLIC, FTL_FORMAT_TXTPB, 0, 0};
    s = ftl_session_new();
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "p.ftl");
    ftl_session_set_overlay(s, "p.ftl", a, strlen(a));
    compile_ok(s);
    assert_int_equal(ftl_session_emit_buffer(s, &o, &pa, &la), FTL_OK);
    ftl_session_set_overlay(s, "p.ftl", b, strlen(b));
    compile_ok(s);
    assert_int_equal(ftl_session_emit_buffer(s, &o, &pb, &lb), FTL_OK);
    ftl_session_free(s);
    assert_int_equal(
        ftl_public_schema_diff("p.txtpb", pa, la, pb, lb, FTL_FORMAT_TXTPB, &out, &len), FTL_OK);
    assert_non_null(strstr(out, "m.A"));
    assert_non_null(strstr(out, "m.B"));
    assert_non_null(strstr(out, "--- a/p.txtpb"));
    ftl_free(out);
    ftl_free(pa);
    ftl_free(pb);
    project_remove(&p);
}

/* A diagnostic's range is where upstream FTL reports it; its focus the token
 * the caret underlines. */
static void test_focus(void **state)
{
    (void)state;
    FtlSession *s = ftl_session_new();
    const char text[] = "realm r {\n  module m {\n    data A {\n    }\n    export data A {\n    }\n"
                        "  }\n}\n";
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, "f.ftl");
    ftl_session_set_overlay(s, "f.ftl", text, strlen(text));
    assert_int_equal(ftl_session_compile(s), FTL_ERRORS);
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    assert_int_equal(n, 1);
    assert_string_equal(d[0].code, "E0306");
    assert_int_equal(d[0].range.start.offset, at(text, "export data A", 0, 0));
    assert_int_equal(d[0].focus.start.offset, at(text, "export data A", 0, 12));
    assert_int_equal(d[0].focus.end.offset, at(text, "export data A", 0, 13));
    assert_int_equal(d[0].nnotes, 1);
    assert_int_equal(d[0].notes[0].range.start.line, 3);
    ftl_session_free(s);
}

/* ---- running out of memory ------------------------------------------------------------- */

#include "fail_alloc.h"

/* Every allocation of a compile and a query fails in turn: each call returns
 * FTL_NOMEM (or succeeds), and the session compiles and answers again. */
static void test_out_of_memory(void **state)
{
    (void)state;
    if (fail_alloc_leaks_checked()) skip();
    Project p;
    project_make(&p);
    unsigned long nomem = 0;
    for (unsigned long k = 1;; k++) {
        FtlSession *s = project_session(&p);
        compile_ok(s); /* fills the file cache */
        allocs = 0;
        fail_at = k;
        FtlStatus st = ftl_session_compile(s);
        FtlSymbolFilter f = {NULL, NULL, "place", 1u << FTL_SYMBOL_VERB};
        FtlSymbol *syms = NULL;
        size_t n = 0;
        FtlStatus qs = st == FTL_OK ? ftl_session_symbols(s, &f, &syms, &n) : FTL_NOMEM;
        /* a streamed emit (proto/pbwrite.c) of what the query left */
        FtlEmitOptions eo = {FTL_EMIT_SCHEMA, FTL_FORMAT_JSON, 0, 0};
        Sink sk = {{0}, 0, 0};
        FtlStatus es = qs == FTL_OK ? ftl_session_emit(s, &eo, sink_write, &sk) : FTL_NOMEM;
        int done = fail_at && allocs < fail_at; /* nothing failed: every allocation was tried */
        fail_at = 0;
        ftl_buf_free(&sk.all);
        assert_true(st == FTL_OK || st == FTL_NOMEM);
        assert_true(qs == FTL_OK || qs == FTL_NOMEM);
        assert_true(es == FTL_OK || es == FTL_NOMEM);
        nomem += st == FTL_NOMEM || qs == FTL_NOMEM || es == FTL_NOMEM;
        if (qs == FTL_NOMEM) assert_null(syms);
        ftl_free(syms);
        /* still usable */
        compile_ok(s);
        assert_int_equal(ftl_session_symbols(s, &f, &syms, &n), FTL_OK);
        assert_int_equal(n, 1);
        ftl_free(syms);
        ftl_session_free(s);
        if (done) break;
    }
    assert_true(nomem > 100);
    project_remove(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_overlay_shadows_input),
        cmocka_unit_test(test_overlay_shadows_every_read),
        cmocka_unit_test(test_recompile_reads_only_changes),
        cmocka_unit_test(test_two_sessions),
        cmocka_unit_test(test_definitions),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_outline_and_symbols),
        cmocka_unit_test(test_tokens),
        cmocka_unit_test(test_tokens_modes),
        cmocka_unit_test(test_utf16_columns),
        cmocka_unit_test(test_emit_and_depfile),
        cmocka_unit_test(test_emit_streams),
        cmocka_unit_test(test_mapped_text_given_back),
        cmocka_unit_test(test_rewrite_changed_input),
        cmocka_unit_test(test_format_and_dump),
        cmocka_unit_test(test_invalid_arguments),
        cmocka_unit_test(test_warnings_and_project),
        cmocka_unit_test(test_io_errors_are_never_cut),
        cmocka_unit_test(test_write_and_diffs),
        cmocka_unit_test(test_focus),
        cmocka_unit_test(test_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
