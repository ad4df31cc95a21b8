/* test_breaking.c - the breaking-change engine's internals (src/realm/breaking*.c): the
 * rule table, the scope and the direction of every type, type references compared by
 * spelling and by wire, the options' filters, and inputs that must cost no stack
 * (long chains of types and aliases). What a user sees is in the brk-* goldens;
 * tests/cli/breaking-rules.sh keeps --help and the man page's table to this one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "realm/breaking_int.h"
#include "syntax/parse.h"

/* ---- helpers --------------------------------------------------------------------------------- */

/* Two compilations in one run (one interner, one source set), as ftlc breaking has. */
typedef struct Pair {
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    FtlSources src;
    FtlSchema old, fresh;
    FtlBrkSide sold, sfresh;
} Pair;

static void load(Pair *p, FtlSchema *s, const char *name, const char *text)
{
    ftl_schema_init(s, &p->arena, &p->in, &p->diags, &p->src);
    uint32_t id = ftl_sources_add(&p->src, name, text, strlen(text));
    ftl_schema_add_file(s, ftl_parse_file(&p->arena, &p->in, &p->diags, &p->src, id));
    FtlCheckOptions o = {0};
    ftl_schema_check(s, &o);
}

static Pair *pair_at(const char *file, int line, const char *old, const char *fresh)
{
    Pair *p = calloc(1, sizeof *p);
    assert_non_null(p);
    ftl_arena_init(&p->arena);
    ftl_intern_init(&p->in, &p->arena);
    ftl_diags_init(&p->diags);
    ftl_sources_init(&p->src);
    load(p, &p->old, "old.ftl", old);
    load(p, &p->fresh, "new.ftl", fresh ? fresh : old);
    if (p->diags.errors)
        fail_msg("%s:%d: unexpected %s: %s", file, line, p->diags.items[0].code,
                 p->diags.items[0].msg);
    p->sold = (FtlBrkSide){&p->old, p->old.local};
    p->sfresh = (FtlBrkSide){&p->fresh, p->fresh.local};
    return p;
}
#define PAIR(old, fresh) pair_at(__FILE__, __LINE__, (old), (fresh))

static void pair_free(Pair *p)
{
    ftl_schema_free(&p->old);
    ftl_schema_free(&p->fresh);
    ftl_sources_free(&p->src);
    ftl_diags_free(&p->diags);
    ftl_intern_free(&p->in);
    ftl_arena_free(&p->arena);
    free(p);
}

static const BrkInfo *info(const BrkView *v, const char *module, const char *name, BrkClass c)
{
    FtlInterner *in = v->side->schema->in;
    const FtlDecl *d = brk_view_find(v, ftl_intern_cstr(in, module), ftl_intern_cstr(in, name), c);
    if (!d) fail_msg("no declaration %s.%s", module, name);
    return brk_view_info(v, d);
}

static FtlBrkDir dir_of(const BrkView *v, const char *name)
{
    return info(v, "m", name, BRK_TYPE)->dir;
}

/* The rule IDs of a comparison, in order, space-separated. */
static char *rules_of(Pair *p, FtlBrkScope scope, unsigned categories, uint32_t except)
{
    FtlBrkOptions o = {.scope = scope, .categories = categories, .except = except};
    FtlBrkReport r;
    ftl_brk_compare(&r, &p->sold, &p->sfresh, &o);
    FtlBuf b;
    ftl_buf_init(&b);
    for (unsigned i = 0; i < r.count; i++)
        ftl_buf_printf(&b, "%s%s", i ? " " : "", ftl_brk_rule_id(r.items[i].rule));
    ftl_brk_report_free(&r);
    return (char *)ftl_buf_cstr(&b);
}

/* ---- the rule table -------------------------------------------------------------------------- */

static void test_rules(void **state)
{
    (void)state;
    for (int i = 0; i < FTL_BRK__COUNT; i++) {
        const char *id = ftl_brk_rule_id((FtlBrkRule)i);
        assert_int_equal(ftl_brk_rule_parse(id), i);
        const char *cat = ftl_brk_rule_categories((FtlBrkRule)i);
        assert_true(strcmp(cat, "WIRE") == 0 || strcmp(cat, "SOURCE") == 0 ||
                    strcmp(cat, "WIRE/SOURCE") == 0);
    }
    assert_int_equal(ftl_brk_rule_parse("field_no_delete"), FTL_BRK_FIELD_NO_DELETE);
    assert_int_equal(ftl_brk_rule_parse("FIELD_NO"), -1);
    assert_int_equal(ftl_brk_scope_parse("realm"), FTL_BRK_SCOPE_REALM);
    assert_int_equal(ftl_brk_scope_parse("module"), FTL_BRK_SCOPE_MODULE);
    assert_int_equal(ftl_brk_scope_parse("all"), FTL_BRK_SCOPE_ALL);
    assert_int_equal(ftl_brk_scope_parse("Realm"), -1);
    assert_string_equal(ftl_brk_dir_name(FTL_BRK_BOTH), "BOTH");
}

/* ---- scope and directions -------------------------------------------------------------------- */

static const char DIRS[] = "realm r {\n"
                           "  module m {\n"
                           "    export realm data Req { a m.Inner  e m.Kind  p m.Page<m.Item> }\n"
                           "    export realm data Inner { x Int }\n"
                           "    export realm enum Kind: Int { A = 1 }\n"
                           "    export realm data Page<T> { items [T] }\n"
                           "    export realm data Item { id String }\n"
                           "    export realm data Resp { shared m.Shared  c m.Cents }\n"
                           "    export realm typealias Cents m.Money\n"
                           "    export realm data Money { n Int }\n"
                           "    export realm data Shared { x Int }\n"
                           "    export realm data Ev { s m.Shared }\n"
                           "    export realm data Alone { x Int }\n"
                           "    data Hidden { x Int }\n"
                           "    export realm verb call(m.Req) m.Resp\n"
                           "      +calls m.hidden\n"
                           "    export realm verb put(m.Shared) Unit\n"
                           "    verb hidden(m.Hidden) Unit\n"
                           "    export realm topic t m.Ev\n"
                           "  }\n"
                           "}\n";

static void test_directions(void **state)
{
    (void)state;
    Pair *p = PAIR(DIRS, NULL);
    BrkView v;
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_REALM, NULL, 0});
    assert_int_equal(dir_of(&v, "Req"), FTL_BRK_IN);
    assert_int_equal(dir_of(&v, "Inner"), FTL_BRK_IN);
    assert_int_equal(dir_of(&v, "Kind"), FTL_BRK_IN);
    assert_int_equal(dir_of(&v, "Item"), FTL_BRK_IN); /* through a type argument */
    assert_int_equal(dir_of(&v, "Resp"), FTL_BRK_OUT);
    assert_int_equal(dir_of(&v, "Money"), FTL_BRK_OUT);   /* through a typealias */
    assert_int_equal(dir_of(&v, "Shared"), FTL_BRK_BOTH); /* a request and an event */
    assert_int_equal(dir_of(&v, "Ev"), FTL_BRK_OUT);
    assert_int_equal(dir_of(&v, "Alone"), FTL_BRK_NONE);
    /* +calls reaches nothing; a private verb is not in scope. */
    assert_false(info(&v, "m", "Hidden", BRK_TYPE)->in_scope);
    assert_int_equal(dir_of(&v, "Hidden"), FTL_BRK_NONE);
    assert_false(info(&v, "m", "hidden", BRK_VERB)->in_scope);
    brk_view_free(&v);
    /* In scope all, the private verb gives Hidden its direction. */
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_ALL, NULL, 0});
    assert_int_equal(dir_of(&v, "Hidden"), FTL_BRK_IN);
    brk_view_free(&v);
    pair_free(p);
}

static const char SCOPES[] = "realm r {\n"
                             "  module m {\n"
                             "    data A { b m.B }\n"
                             "    data B { c [m.C] }\n"
                             "    data C { x Int }\n"
                             "    export data D { x Int }\n"
                             "    data E { x Int }\n"
                             "    export realm verb v(m.A) Unit\n"
                             "    export verb w(m.D) Unit\n"
                             "  }\n"
                             "}\n";

static void test_scope_and_paths(void **state)
{
    (void)state;
    Pair *p = PAIR(SCOPES, NULL);
    BrkView v;
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_REALM, NULL, 0});
    const BrkInfo *c = info(&v, "m", "C", BRK_TYPE);
    assert_true(c->in_scope);
    assert_false(c->root);
    assert_int_equal(c->depth, 3);
    FtlBuf b;
    ftl_buf_init(&b);
    FtlSpan at = brk_path_text(&v, c, &b);
    assert_string_equal(ftl_buf_cstr(&b), "reached from verb `m.v` request field `b` field `c`");
    assert_true(ftl_span_valid(at)); /* the verb's name in schema text */
    assert_false(info(&v, "m", "D", BRK_TYPE)->in_scope);
    assert_false(info(&v, "m", "w", BRK_VERB)->in_scope);
    brk_view_free(&v);
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_MODULE, NULL, 0});
    assert_true(info(&v, "m", "D", BRK_TYPE)->root);
    assert_true(info(&v, "m", "w", BRK_VERB)->in_scope);
    assert_false(info(&v, "m", "E", BRK_TYPE)->in_scope);
    brk_view_free(&v);
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_ALL, NULL, 0});
    assert_true(info(&v, "m", "E", BRK_TYPE)->root);
    brk_view_free(&v);
    ftl_buf_free(&b);
    pair_free(p);
}

/* ---- type references ------------------------------------------------------------------------- */

/* Compares the request of verb v in both versions. */
static BrkTypeDiff request_diff(const char *old_req, const char *new_req)
{
    static const char fmt[] = "realm r {\n"
                              "  module m {\n"
                              "    export realm data A { x Int  y [m.A]? }\n"
                              "    export realm data B { y [m.B]?  x Int }\n"
                              "    export realm data C { x Int +alias json \"z\"  y [m.C]? }\n"
                              "    export realm typealias Cents Int\n"
                              "    export realm typealias Money m.Cents\n"
                              "    export realm data G<T> { v T }\n"
                              "    export realm verb v(%s) Unit\n"
                              "  }\n"
                              "}\n";
    char a[1024], b[1024];
    snprintf(a, sizeof a, fmt, old_req);
    snprintf(b, sizeof b, fmt, new_req);
    Pair *p = PAIR(a, b);
    BrkView vo, vn;
    brk_view_init(&vo, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_ALL, NULL, 0});
    brk_view_init(&vn, &p->sfresh, &(BrkRoots){FTL_BRK_SCOPE_ALL, NULL, 0});
    BrkTypes t;
    brk_types_init(&t, &vo, &vn);
    const FtlDecl *x = info(&vo, "m", "v", BRK_VERB)->decl,
                  *y = info(&vn, "m", "v", BRK_VERB)->decl;
    t.owner_old = x;
    t.owner_new = y;
    BrkTypeDiff d = brk_type_cmp(&t, x->request, y->request);
    brk_types_free(&t);
    brk_view_free(&vo);
    brk_view_free(&vn);
    pair_free(p);
    return d;
}

static void test_type_cmp(void **state)
{
    (void)state;
    assert_int_equal(request_diff("Int", "Int"), BRK_TYPE_SAME);
    assert_int_equal(request_diff("m.A", "m.A"), BRK_TYPE_SAME);
    assert_int_equal(request_diff("[m.A]", "[m.A]"), BRK_TYPE_SAME);
    assert_int_equal(request_diff("Int", "Float"), BRK_TYPE_WIRE);
    assert_int_equal(request_diff("Int", "Int?"), BRK_TYPE_WIRE);
    assert_int_equal(request_diff("[Int]", "{String: Int}"), BRK_TYPE_WIRE);
    /* Aliases: the same on the wire, another spelling. */
    assert_int_equal(request_diff("Int", "m.Cents"), BRK_TYPE_SOURCE);
    assert_int_equal(request_diff("m.Money", "Int"), BRK_TYPE_SOURCE);
    assert_int_equal(request_diff("[m.Money]", "[m.Cents]"), BRK_TYPE_SOURCE);
    /* Renamed structures, recursive ones included; fields by wire name. */
    assert_int_equal(request_diff("m.A", "m.B"), BRK_TYPE_SOURCE);
    assert_int_equal(request_diff("m.A", "m.C"), BRK_TYPE_WIRE);
    /* Generic references compare their arguments. */
    assert_int_equal(request_diff("m.G<Int>", "m.G<Int>"), BRK_TYPE_SAME);
    assert_int_equal(request_diff("m.G<Int>", "m.G<m.Cents>"), BRK_TYPE_SOURCE);
    assert_int_equal(request_diff("m.G<Int>", "m.G<String>"), BRK_TYPE_WIRE);
}

/* ---- options
 * -------------------------------------------------------------------------------------- */

static void test_filters(void **state)
{
    (void)state;
    Pair *p = PAIR("realm r {\n  module m {\n"
                   "    export realm data T { a Int  b String }\n"
                   "    export realm data U { a Int }\n"
                   "    export realm verb send(m.T) Unit\n"
                   "  }\n}\n",
                   "realm r {\n  module m {\n"
                   "    export realm data T { a Float }\n"
                   "    export realm verb send(m.T) Unit\n"
                   "  }\n}\n");
    char *s = rules_of(p, FTL_BRK_SCOPE_REALM, FTL_BRK_CAT_ALL, 0);
    assert_string_equal(s, "FIELD_SAME_TYPE FIELD_NO_DELETE DECL_NO_DELETE");
    free(s);
    /* wire: the removal of an IN field and of an unreached type are SOURCE. */
    s = rules_of(p, FTL_BRK_SCOPE_REALM, FTL_BRK_WIRE, 0);
    assert_string_equal(s, "FIELD_SAME_TYPE");
    free(s);
    s = rules_of(p, FTL_BRK_SCOPE_REALM, FTL_BRK_CAT_ALL, 1u << FTL_BRK_FIELD_SAME_TYPE);
    assert_string_equal(s, "FIELD_NO_DELETE DECL_NO_DELETE");
    free(s);
    FtlBrkOptions o = {.categories = FTL_BRK_WIRE, .except = 1u << FTL_BRK_VERB_NO_DELETE};
    FtlBrkReport r;
    ftl_brk_compare(&r, &p->sold, &p->sfresh, &o);
    assert_false(r.checked & (1u << FTL_BRK_VERB_NO_DELETE));
    assert_false(r.checked & (1u << FTL_BRK_DECL_NO_DELETE)); /* SOURCE only */
    assert_true(r.checked & (1u << FTL_BRK_FIELD_NO_DELETE)); /* its WIRE part */
    assert_int_equal(r.per_rule[FTL_BRK_FIELD_SAME_TYPE], 1);
    assert_string_equal(r.items[0].module, "m");
    assert_string_equal(r.items[0].decl, "T");
    assert_true(r.items[0].has_dir);
    assert_int_equal(r.items[0].dir, FTL_BRK_IN);
    ftl_brk_report_free(&r);
    pair_free(p);
}

/* ---- no stack for long chains ---------------------------------------------------------------- */

/* Long enough that recursion per link would need megabytes of stack. */
enum { CHAIN = 10000 };

/* data T0 { next m.T1 } ... data T<n-1> { x Int }, reached from one verb; names start
 * with prefix (a rename of the whole chain compares structure all the way). */
static char *chain_text(const char *prefix, int aliases)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "realm r {\n  module m {\n");
    for (int i = 0; i < CHAIN - 1; i++) {
        if (aliases)
            ftl_buf_printf(&b, "    export realm typealias %s%d m.%s%d\n", prefix, i, prefix,
                           i + 1);
        else
            ftl_buf_printf(&b, "    export realm data %s%d { next m.%s%d }\n", prefix, i, prefix,
                           i + 1);
    }
    if (aliases)
        ftl_buf_printf(&b, "    export realm typealias %s%d Int\n", prefix, CHAIN - 1);
    else
        ftl_buf_printf(&b, "    export realm data %s%d { x Int }\n", prefix, CHAIN - 1);
    ftl_buf_printf(&b, "    export realm verb v(m.%s0) Unit\n  }\n}\n", prefix);
    return (char *)ftl_buf_cstr(&b);
}

static void test_long_chains(void **state)
{
    (void)state;
    char *a = chain_text("A", 0), *b = chain_text("B", 0);
    Pair *p = PAIR(a, b);
    BrkView v;
    brk_view_init(&v, &p->sold, &(BrkRoots){FTL_BRK_SCOPE_REALM, NULL, 0});
    char last[32];
    snprintf(last, sizeof last, "A%d", CHAIN - 1);
    assert_int_equal(dir_of(&v, last), FTL_BRK_IN);
    brk_view_free(&v);
    /* Structure is compared to a depth, then counts as different: WIRE, no crash. */
    char *s = rules_of(p, FTL_BRK_SCOPE_REALM, FTL_BRK_CAT_ALL, 1u << FTL_BRK_DECL_NO_DELETE);
    assert_string_equal(s, "VERB_SAME_REQUEST");
    free(s);
    pair_free(p);
    free(a);
    free(b);
    /* A chain of aliases resolves once, to Int. */
    a = chain_text("A", 1);
    p = PAIR(a, "realm r {\n  module m {\n    export realm verb v(Int) Unit\n  }\n}\n");
    FtlBrkOptions o = {.categories = FTL_BRK_CAT_ALL, .except = 1u << FTL_BRK_DECL_NO_DELETE};
    FtlBrkReport r;
    ftl_brk_compare(&r, &p->sold, &p->sfresh, &o);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.items[0].category, FTL_BRK_SOURCE);
    ftl_brk_report_free(&r);
    pair_free(p);
    free(a);
}

/* ---- realm update: what the local realm uses ----------------------------------------------------
 */

static const char SHOP[] =
    "realm shop {\n  module checkout {\n"
    "    export realm verb place(String) Unit\n      +calls checkout.charge\n"
    "    verb charge(String) accounts.Balance@bank\n      +calls accounts.withdraw@bank\n"
    "    data Note { memo accounts.Memo@bank }\n"
    "  }\n}\n";

static char *bank(const char *balance, const char *deposit, const char *memo)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b,
                   "external realm bank {\n  module accounts {\n"
                   "    export realm data Req { amount Int }\n"
                   "    export realm data Balance { %s }\n"
                   "    export realm data DepositReq { %s }\n"
                   "    export realm data Memo { %s }\n"
                   "    export realm verb withdraw(accounts.Req) accounts.Balance\n"
                   "    export realm verb deposit(accounts.DepositReq) Unit\n"
                   "  }\n}\n%s",
                   balance, deposit, memo, SHOP);
    return (char *)ftl_buf_cstr(&b);
}

static FtlRealm *realm_named(FtlSchema *s, const char *name)
{
    for (uint32_t i = 0; i < s->nrealms; i++)
        if (strcmp(s->realms[i]->name, name) == 0) return s->realms[i];
    fail_msg("no realm %s", name);
    return NULL;
}

/* The rule IDs an update of the bank finds, for the shop (uses) or for anyone. */
static char *update_rules(const char *old, const char *fresh, int for_shop)
{
    Pair *p = PAIR(old, fresh);
    FtlBrkSide a = {&p->old, realm_named(&p->old, "bank")};
    FtlBrkSide b = {&p->fresh, realm_named(&p->fresh, "bank")};
    FtlBrkUse *uses;
    uint32_t n = ftl_brk_uses(realm_named(&p->old, "shop"), a.realm, &uses);
    FtlBrkOptions o = {.scope = FTL_BRK_SCOPE_ALL, .categories = FTL_BRK_CAT_ALL};
    if (for_shop) o.uses = uses, o.nuses = n;
    FtlBrkReport r;
    ftl_brk_compare(&r, &a, &b, &o);
    FtlBuf t;
    ftl_buf_init(&t);
    for (unsigned i = 0; i < r.count; i++)
        ftl_buf_printf(&t, "%s%s:%s", i ? " " : "", ftl_brk_rule_id(r.items[i].rule),
                       r.items[i].decl);
    ftl_brk_report_free(&r);
    free(uses);
    pair_free(p);
    return (char *)ftl_buf_cstr(&t);
}

static void test_uses(void **state)
{
    (void)state;
    char *v1 = bank("balance Int  currency String", "amount Int  account String", "text String");
    Pair *p = PAIR(v1, NULL);
    FtlBrkUse *uses;
    uint32_t n = ftl_brk_uses(realm_named(&p->old, "shop"), realm_named(&p->old, "bank"), &uses);
    /* In the order of the shop's declarations: charge's response, its +calls, Note's field. */
    assert_int_equal(n, 3);
    assert_string_equal(uses[0].name, "Balance");
    assert_false(uses[0].verb);
    assert_string_equal(uses[1].name, "withdraw");
    assert_true(uses[1].verb);
    assert_string_equal(uses[2].name, "Memo");
    free(uses);
    pair_free(p);

    /* A field the shop receives (through withdraw) removed: it breaks the shop. */
    char *v2 = bank("balance Int", "amount Int  account String", "text String");
    char *s = update_rules(v1, v2, 1);
    assert_string_equal(s, "FIELD_NO_DELETE:Balance");
    free(s);
    free(v2);
    /* A field only deposit's callers send removed: it breaks others, not the shop. */
    v2 = bank("balance Int  currency String", "amount Int", "text String");
    s = update_rules(v1, v2, 1);
    assert_string_equal(s, "");
    free(s);
    s = update_rules(v1, v2, 0);
    assert_string_equal(s, "FIELD_NO_DELETE:DepositReq");
    free(s);
    free(v2);
    /* A type the shop names itself flows both ways: a required field breaks it. */
    v2 = bank("balance Int  currency String", "amount Int  account String", "text String  at Int");
    s = update_rules(v1, v2, 1);
    assert_string_equal(s, "FIELD_NO_REQUIRED_ADD:Memo");
    free(s);
    free(v2);
    free(v1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rules),
        cmocka_unit_test(test_directions),
        cmocka_unit_test(test_scope_and_paths),
        cmocka_unit_test(test_type_cmp),
        cmocka_unit_test(test_filters),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_uses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
