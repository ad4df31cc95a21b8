/* test_parser.c - schema text to syntax tree through ftl_parse_file (GRAMMAR
 * and METADATA in ftl-schema(5)): every declaration kind, every metadata form,
 * comment attachment (Comments), file kinds (FILE KINDS), spans, error
 * recovery, nesting limits and integer literals (Integers). */
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
#include "base/diag.h"
#include "syntax/fmt.h"
#include "base/intern.h"
#include "syntax/parse.h"
#include "base/source.h"

/* ---- helpers ------------------------------------------------------------------- */

typedef struct P {
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    FtlSources src;
    FtlFile *f;
    FtlBuf tmp;
    const char *text;
} P;

static P *parse_n(const char *text, size_t len)
{
    P *p = calloc(1, sizeof *p);
    assert_non_null(p);
    ftl_arena_init(&p->arena);
    ftl_intern_init(&p->in, &p->arena);
    ftl_diags_init(&p->diags);
    ftl_sources_init(&p->src);
    ftl_buf_init(&p->tmp);
    uint32_t id = ftl_sources_add(&p->src, "t.ftl", text, len);
    p->text = ftl_sources_get(&p->src, id)->data;
    p->f = ftl_parse_file(&p->arena, &p->in, &p->diags, &p->src, id);
    assert_non_null(p->f);
    assert_int_equal(p->f->file_id, id);
    return p;
}

static P *parse(const char *text)
{
    return parse_n(text, strlen(text));
}

static void pfree(P *p)
{
    ftl_buf_free(&p->tmp);
    ftl_sources_free(&p->src);
    ftl_diags_free(&p->diags);
    ftl_intern_free(&p->in);
    ftl_arena_free(&p->arena);
    free(p);
}

static void no_diags_at(const char *file, int line, const P *p)
{
    if (p->diags.count) {
        const FtlDiag *g = &p->diags.items[0];
        fail_msg("%s:%d: unexpected diagnostic %s at offset %u: %s", file, line, g->code,
                 g->span.off, g->msg);
    }
}
#define NO_DIAGS(p) no_diags_at(__FILE__, __LINE__, (p))

static unsigned count_code(const P *p, const char *code)
{
    unsigned n = 0;
    for (unsigned i = 0; i < p->diags.count; i++)
        if (strcmp(p->diags.items[i].code, code) == 0) n++;
    return n;
}

/* A type printed with ftl_fmt_type, kept in the arena. */
static const char *ty(P *p, const FtlType *t)
{
    assert_non_null(t);
    p->tmp.len = 0;
    ftl_fmt_type(&p->tmp, t);
    return ftl_arena_strndup(&p->arena, p->tmp.data, p->tmp.len);
}

static const char *rf(P *p, const FtlRef *r)
{
    assert_non_null(r);
    p->tmp.len = 0;
    ftl_fmt_ref(&p->tmp, r);
    return ftl_arena_strndup(&p->arena, p->tmp.data, p->tmp.len);
}

static void str_eq_at(const char *file, int line, FtlStr s, const char *want, size_t wlen)
{
    if (s.len != wlen || (wlen && (!s.ptr || memcmp(s.ptr, want, wlen) != 0)))
        fail_msg("%s:%d: expected \"%.*s\" (%zu bytes), got \"%.*s\" (%zu bytes)", file, line,
                 (int)wlen, want, wlen, (int)s.len, s.ptr ? s.ptr : "", s.len);
}
#define STR_EQ(s, want) str_eq_at(__FILE__, __LINE__, (s), (want), strlen(want))

/* The only module of the file: of a module file, or of the first realm. */
static FtlModule *mod0(const P *p)
{
    if (p->f->is_module_file) return p->f->module;
    assert_true(p->f->nrealms >= 1);
    assert_true(p->f->realms[0]->nmodules >= 1);
    return p->f->realms[0]->modules[0];
}

static FtlDecl *find_decl(const FtlModule *m, const char *name)
{
    for (uint32_t i = 0; i < m->ndecls; i++)
        if (strcmp(m->decls[i]->name, name) == 0) return m->decls[i];
    fail_msg("no declaration '%s'", name);
    return NULL;
}

static const FtlMeta *find_meta(const FtlMetaList *ml, FtlMetaKind k)
{
    for (uint32_t i = 0; i < ml->count; i++)
        if (ml->items[i]->kind == k) return ml->items[i];
    fail_msg("no metadata of kind %s", ftl_meta_kind_name(k));
    return NULL;
}

/* Byte offset of the n-th (0-based) occurrence of needle in the text. */
static uint32_t off_of(const P *p, const char *needle, int nth)
{
    const char *s = p->text;
    for (;;) {
        const char *q = strstr(s, needle);
        assert_non_null(q);
        if (nth-- == 0) return (uint32_t)(q - p->text);
        s = q + 1;
    }
}

static FtlPos pos(const P *p, uint32_t off)
{
    return ftl_source_pos(ftl_sources_get(&p->src, 1), off);
}

/* ---- declarations --------------------------------------------------------------- */

static const char DECLS[] = "realm r {\n"
                            "  module m {\n"
                            "    data D<T, U> {\n"
                            "      a Int\n"
                            "      b [String?]\n"
                            "      c {String: m.E<Int>}?\n"
                            "      d T\n"
                            "    }\n"
                            "    export verb v(m.D<Int, String>) Unit\n"
                            "    export realm enum E: Int { A = 1 B 010 }\n"
                            "    enum T { X String Y m.D Z [Int] }\n"
                            "    enum S: String { P = \"p\" Q \"q\\n\" }\n"
                            "    typealias TA Any\n"
                            "    config c String\n"
                            "    secret s Bytes?\n"
                            "    database postgres db\n"
                            "    database mysql db2\n"
                            "    export topic t m.E\n"
                            "    data Empty {}\n"
                            "    verb w(Float) {Bool: [Time]}\n"
                            "  }\n"
                            "}\n";

/* The sizes of the most numerous nodes, which the tree's memory (bench/README.md:
 * about 4 bytes a byte of input) is made of; a member added or moved where it
 * leaves padding shows here first. On LP64 (x86-64, AArch64). A list is 12
 * bytes, 4-aligned (FTL_LIST_PACKED), so that a declaration's two lists fill
 * what was padding: 112 bytes, not 120; 104 since the keyword's and the
 * visibility's places are read again from the text (ftl_decl_head_spans); 96
 * with the type of the kinds that have one in the union (ftl_decl_type). */
static void test_node_sizes(void **state)
{
    (void)state;
    if (sizeof(void *) != 8) skip();
    assert_int_equal(sizeof(FtlComments), 12);
    assert_int_equal(sizeof(FtlMetaList), 12);
    assert_int_equal(sizeof(FtlDecl), 88);
    assert_int_equal(sizeof(FtlField), 40);
    assert_int_equal(sizeof(FtlType), 32); /* a reference; a primitive type takes 16 */
    assert_int_equal(ftl_type_size(FTL_TY_INT), 16);
    assert_int_equal(sizeof(FtlPrimShort), 8); /* most primitive types' */
    assert_int_equal(sizeof(FtlFieldMore), 24);
    assert_int_equal(ftl_meta_size(FTL_MD_CALLS), 32);
    assert_int_equal(ftl_meta_size(FTL_MD_ALIAS), 48); /* s1 only */
    assert_int_equal(ftl_meta_size(FTL_MD_TYPEMAP), sizeof(FtlMeta));
}

static void test_decls(void **state)
{
    (void)state;
    P *p = parse(DECLS);
    NO_DIAGS(p);
    assert_false(p->f->is_module_file);
    assert_int_equal(p->f->nrealms, 1);
    FtlRealm *r = p->f->realms[0];
    assert_string_equal(r->name, "r");
    assert_false(r->external);
    assert_int_equal(r->nmodules, 1);
    FtlModule *m = r->modules[0];
    assert_string_equal(m->name, "m");
    assert_false(m->builtin);
    assert_int_equal(m->meta.count, 0);
    assert_int_equal(m->ndecls, 13);

    /* Declarations keep their input order. */
    static const struct {
        const char *name;
        FtlDeclKind kind;
        FtlVis vis;
    } order[] = {
        {"D", FTL_DECL_DATA, FTL_VIS_NONE},      {"v", FTL_DECL_VERB, FTL_VIS_MODULE},
        {"E", FTL_DECL_ENUM, FTL_VIS_REALM},     {"T", FTL_DECL_ENUM, FTL_VIS_NONE},
        {"S", FTL_DECL_ENUM, FTL_VIS_NONE},      {"TA", FTL_DECL_TYPEALIAS, FTL_VIS_NONE},
        {"c", FTL_DECL_CONFIG, FTL_VIS_NONE},    {"s", FTL_DECL_SECRET, FTL_VIS_NONE},
        {"db", FTL_DECL_DATABASE, FTL_VIS_NONE}, {"db2", FTL_DECL_DATABASE, FTL_VIS_NONE},
        {"t", FTL_DECL_TOPIC, FTL_VIS_MODULE},   {"Empty", FTL_DECL_DATA, FTL_VIS_NONE},
        {"w", FTL_DECL_VERB, FTL_VIS_NONE},
    };
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
        assert_string_equal(m->decls[i]->name, order[i].name);
        assert_int_equal(m->decls[i]->kind, order[i].kind);
        assert_int_equal(m->decls[i]->vis, order[i].vis);
        assert_int_equal(m->decls[i]->comments.count, 0);
    }
    /* Names are interned: the same text gives the same pointer. */
    assert_ptr_equal(find_decl(m, "D")->name, ftl_intern_cstr(&p->in, "D"));

    FtlDecl *d = find_decl(m, "D");
    assert_int_equal(ftl_decl_nparams(d), 2);
    assert_string_equal(d->params[0].name, "T");
    assert_string_equal(d->params[1].name, "U");
    assert_int_equal(d->nfields, 4);
    assert_int_equal(d->meta.count, 0);
    static const char *const fnames[] = {"a", "b", "c", "d"};
    static const char *const ftypes[] = {"Int", "[String?]", "{String: m.E<Int>}?", "T"};
    for (int i = 0; i < 4; i++) {
        assert_string_equal(d->fields[i].name, fnames[i]);
        assert_string_equal(ty(p, d->fields[i].type), ftypes[i]);
        assert_int_equal(ftl_field_meta(&d->fields[i])->count, 0);
    }
    /* Type structure, not only its text. */
    const FtlType *ct = d->fields[2].type;
    assert_int_equal(ct->kind, FTL_TY_OPTIONAL);
    assert_int_equal(ct->elem->kind, FTL_TY_MAP);
    assert_int_equal(ct->elem->elem->kind, FTL_TY_STRING);
    assert_int_equal(ftl_type_value(ct->elem)->kind, FTL_TY_REF);
    const FtlRef *er = ftl_type_ref(ftl_type_value(ct->elem));
    assert_string_equal(er->module, "m");
    assert_string_equal(ftl_ref_name(er), "E");
    assert_null(ftl_ref_realm(er));
    assert_int_equal(ftl_ref_nargs(er), 1);
    assert_int_equal(ftl_ref_args(er)[0]->kind, FTL_TY_INT);
    const FtlType *bt = d->fields[1].type;
    assert_int_equal(bt->kind, FTL_TY_ARRAY);
    assert_int_equal(bt->elem->kind, FTL_TY_OPTIONAL);
    assert_int_equal(bt->elem->elem->kind, FTL_TY_STRING);
    const FtlType *dt = d->fields[3].type;
    assert_int_equal(dt->kind, FTL_TY_REF);
    assert_null(ftl_type_ref(dt)->module);
    assert_string_equal(ftl_ref_name(ftl_type_ref(dt)), "T");

    FtlDecl *v = find_decl(m, "v");
    assert_string_equal(ty(p, v->request), "m.D<Int, String>");
    assert_string_equal(ty(p, v->response), "Unit");
    assert_int_equal(ftl_ref_nargs(ftl_type_ref(v->request)), 2);
    assert_int_equal(v->meta.count, 0);

    FtlDecl *e = find_decl(m, "E");
    assert_string_equal(ty(p, ftl_decl_type(e)), "Int");
    assert_int_equal(ftl_decl_nvariants(e), 2);
    assert_string_equal(e->variants[0]->name, "A");
    assert_int_equal(e->variants[0]->vkind, FTL_VAL_INT);
    assert_int_equal(e->variants[0]->ival, 1);
    assert_string_equal(e->variants[1]->name, "B");
    assert_int_equal(e->variants[1]->vkind, FTL_VAL_INT);
    assert_int_equal(e->variants[1]->ival, 8); /* 010 is octal */

    FtlDecl *t = find_decl(m, "T");
    assert_null(ftl_decl_type(t)); /* a type enum */
    assert_int_equal(ftl_decl_nvariants(t), 3);
    assert_int_equal(t->variants[0]->vkind, FTL_VAL_TYPE);
    assert_string_equal(ty(p, t->variants[0]->type), "String");
    assert_string_equal(ty(p, t->variants[1]->type), "m.D");
    assert_string_equal(ty(p, t->variants[2]->type), "[Int]");

    FtlDecl *s = find_decl(m, "S");
    assert_string_equal(ty(p, ftl_decl_type(s)), "String");
    assert_int_equal(s->variants[0]->vkind, FTL_VAL_STRING);
    STR_EQ(s->variants[0]->str, "p");
    assert_int_equal(s->variants[1]->vkind, FTL_VAL_STRING);
    STR_EQ(s->variants[1]->str, "q\n"); /* decoded */

    assert_string_equal(ty(p, ftl_decl_type(find_decl(m, "TA"))), "Any");
    assert_string_equal(ty(p, ftl_decl_type(find_decl(m, "c"))), "String");
    assert_string_equal(ty(p, ftl_decl_type(find_decl(m, "s"))), "Bytes?");
    assert_string_equal(find_decl(m, "db")->engine, "postgres");
    assert_string_equal(find_decl(m, "db2")->engine, "mysql");
    assert_null(ftl_decl_type(find_decl(m, "db")));
    /* The union holds a data declaration's fields and a verb's response
     * where the others' type is: neither has a type. */
    assert_non_null(find_decl(m, "D")->fields);
    assert_null(ftl_decl_type(find_decl(m, "D")));
    assert_null(ftl_decl_type(find_decl(m, "v")));
    /* The counts of type parameters and variants share a place: each reads 0
     * for the kind that has the other. */
    assert_int_equal(ftl_decl_nvariants(find_decl(m, "D")), 0);
    assert_int_equal(ftl_decl_nparams(t), 0);
    assert_int_equal(ftl_decl_nparams(find_decl(m, "v")), 0);
    assert_int_equal(ftl_decl_nvariants(find_decl(m, "v")), 0);
    assert_string_equal(ty(p, ftl_decl_type(find_decl(m, "t"))), "m.E");
    FtlDecl *em = find_decl(m, "Empty");
    assert_int_equal(em->nfields, 0);
    assert_int_equal(ftl_decl_nparams(em), 0);
    FtlDecl *w = find_decl(m, "w");
    assert_string_equal(ty(p, w->request), "Float");
    assert_string_equal(ty(p, w->response), "{Bool: [Time]}");
    pfree(p);
}

static void test_realms_and_visibility(void **state)
{
    (void)state;
    P *p = parse("external realm bank { module payments { export realm verb charge(Unit) Unit } }\n"
                 "realm shop {\n"
                 "  module a {}\n"
                 "  builtin module builtin { export data Empty {} }\n"
                 "  module c {\n"
                 "    export:realm data X {}\n"
                 "    export  realm data Y {}\n"
                 "    export\n realm data Z {}\n"
                 "    export\tdata W {}\n"
                 "    verb pay(Unit) Unit +calls payments.charge@bank\n"
                 "    data F { x m.D@shop<Int> }\n"
                 "  }\n"
                 "}\n"
                 "realm empty {}\n");
    NO_DIAGS(p);
    assert_int_equal(p->f->nrealms, 3);
    FtlRealm *bank = p->f->realms[0], *shop = p->f->realms[1], *empty = p->f->realms[2];
    assert_true(bank->external);
    assert_string_equal(bank->name, "bank");
    assert_int_equal(bank->nmodules, 1);
    assert_string_equal(bank->modules[0]->name, "payments");
    assert_int_equal(bank->modules[0]->decls[0]->vis, FTL_VIS_REALM);
    assert_false(shop->external);
    assert_int_equal(shop->nmodules, 3);
    assert_false(shop->modules[0]->builtin);
    assert_int_equal(shop->modules[0]->ndecls, 0);
    assert_true(shop->modules[1]->builtin);
    assert_string_equal(shop->modules[1]->name, "builtin");
    FtlModule *c = shop->modules[2];
    assert_int_equal(find_decl(c, "X")->vis, FTL_VIS_REALM); /* export:realm */
    assert_int_equal(find_decl(c, "Y")->vis, FTL_VIS_REALM); /* D5 */
    assert_int_equal(find_decl(c, "Z")->vis, FTL_VIS_REALM);
    assert_int_equal(find_decl(c, "W")->vis, FTL_VIS_MODULE);
    const FtlMeta *calls = find_meta(&find_decl(c, "pay")->meta, FTL_MD_CALLS);
    assert_int_equal(calls->nrefs, 1);
    assert_string_equal(ftl_meta_refs(calls)[0]->module, "payments");
    assert_string_equal(ftl_ref_name(ftl_meta_refs(calls)[0]), "charge");
    assert_string_equal(ftl_ref_realm(ftl_meta_refs(calls)[0]), "bank");
    const FtlRef *fr = ftl_type_ref(find_decl(c, "F")->fields[0].type);
    assert_string_equal(ftl_ref_realm(fr), "shop");
    assert_int_equal(ftl_ref_nargs(fr), 1);
    assert_string_equal(rf(p, fr), "m.D@shop<Int>");
    assert_int_equal(empty->nmodules, 0);
    pfree(p);
}

/* Keywords are contextual (Keywords in ftl-schema(5)). */
static void test_keywords_as_names(void **state)
{
    (void)state;
    P *p = parse("realm realm { module module { data data { data data verb verb } "
                 "verb verb(data) module.Int +calls module.verb "
                 "enum enum { enum String } } }");
    NO_DIAGS(p);
    assert_string_equal(p->f->realms[0]->name, "realm");
    FtlModule *m = mod0(p);
    assert_string_equal(m->name, "module");
    FtlDecl *d = m->decls[0];
    assert_string_equal(d->name, "data");
    assert_int_equal(d->nfields, 2);
    assert_string_equal(d->fields[0].name, "data");
    assert_string_equal(ty(p, d->fields[0].type), "data");
    assert_int_equal(d->fields[0].type->kind, FTL_TY_REF);
    assert_string_equal(d->fields[1].name, "verb");
    FtlDecl *v = m->decls[1];
    assert_string_equal(v->name, "verb");
    assert_int_equal(v->response->kind, FTL_TY_REF); /* m.Int is a reference */
    assert_string_equal(ftl_ref_name(ftl_type_ref(v->response)), "Int");
    assert_string_equal(m->decls[2]->variants[0]->name, "enum");
    pfree(p);
}

/* ---- metadata ------------------------------------------------------------------- */

#define HEX64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define HEX64U "0123456789ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef"

static const char META[] =
    "module m {\n"
    "  +git \"https://x/r.git\" \"c0ffee\" dirty\n"
    "  +artefact \"bin/app\" \"" HEX64U "\" executable\n"
    "  +image \"img:1\":\"" HEX64U "\"\n"
    "  verb v(Unit) Unit\n"
    "    +calls m.a, b.c@bank, d\n"
    "    +config m.cfg\n"
    "    +secrets m.s1, m.s2\n"
    "    +database uses m.db\n"
    "    +publish m.t\n"
    "    +subscribe m.t from=beginning deadletter\n"
    "    +retry 10 5s 1m5s catch m.catcher\n"
    "    +cron 0  */5 *\t* * *\n"
    "    +ingress http GET /users/{id}/x-y\n"
    "    +encoding json lenient\n"
    "    +egress \"a\", \"${url}\"\n"
    "    +fixture manual\n"
    "    +transaction\n"
    "    +sql query one \"SELECT 1\"\n"
    "    +generated\n"
    "  verb w(Unit) Unit\n"
    "    +subscribe n.u from = latest\n"
    "    +retry 3\n"
    "    +ingress POST /\n"
    "    +encoding json\n"
    "    +fixture\n"
    "  verb x(Unit) Unit +retry 1.5s +ingress PUT /a +egress \"only\"\n"
    "  verb y(Unit) Unit +retry catch m.c +ingress http DELETE /{a}/{b}\n"
    "  verb z(Unit) Unit +retry\n"
    "  data D {\n"
    "    +encoding json\n"
    "    +generated\n"
    "    f String +alias json \"f\" +sql column \"my table\".\"col x\"\n"
    "    g Int +alias JSON \"gg\" +sql column t.c\n"
    "    h Int +alias Unspecified \"h\"\n"
    "  }\n"
    "  database postgres db +migration sha256:" HEX64U "\n"
    "  typealias TA Any +typemap go \"pkg.T\" +typemap kotlin \"k.T\" +typemap java \"j.T\"\n"
    "  topic t m.E +partitions 010\n"
    "}\n";

static void test_metadata_verb(void **state)
{
    (void)state;
    P *p = parse(META);
    NO_DIAGS(p);
    assert_true(p->f->is_module_file);
    FtlModule *m = mod0(p);
    FtlDecl *v = find_decl(m, "v");
    assert_int_equal(v->meta.count, 15);
    /* Input order is kept. */
    static const FtlMetaKind kinds[] = {
        FTL_MD_CALLS,     FTL_MD_CONFIG,  FTL_MD_SECRETS,     FTL_MD_DATABASES, FTL_MD_PUBLISH,
        FTL_MD_SUBSCRIBE, FTL_MD_RETRY,   FTL_MD_CRON,        FTL_MD_INGRESS,   FTL_MD_ENCODING,
        FTL_MD_EGRESS,    FTL_MD_FIXTURE, FTL_MD_TRANSACTION, FTL_MD_SQL_QUERY, FTL_MD_GENERATED,
    };
    for (int i = 0; i < 15; i++)
        assert_int_equal(v->meta.items[i]->kind, kinds[i]);

    const FtlMeta *md = find_meta(&v->meta, FTL_MD_CALLS);
    assert_int_equal(md->nrefs, 3);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.a");
    assert_string_equal(rf(p, ftl_meta_refs(md)[1]), "b.c@bank");
    assert_string_equal(rf(p, ftl_meta_refs(md)[2]), "d");
    assert_null(ftl_meta_refs(md)[2]->module);
    md = find_meta(&v->meta, FTL_MD_CONFIG);
    assert_int_equal(md->nrefs, 1);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.cfg");
    md = find_meta(&v->meta, FTL_MD_SECRETS);
    assert_int_equal(md->nrefs, 2);
    assert_string_equal(rf(p, ftl_meta_refs(md)[1]), "m.s2");
    md = find_meta(&v->meta, FTL_MD_DATABASES);
    assert_int_equal(md->nrefs, 1);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.db");
    md = find_meta(&v->meta, FTL_MD_PUBLISH);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.t");

    md = find_meta(&v->meta, FTL_MD_SUBSCRIBE);
    assert_int_equal(md->nrefs, 1);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.t");
    assert_int_equal(md->from, FTL_FROM_BEGINNING);
    assert_true(md->flag); /* deadletter */

    md = find_meta(&v->meta, FTL_MD_RETRY);
    assert_true(md->retry->has_count);
    assert_int_equal(md->retry->count, 10);
    STR_EQ(md->retry->min_backoff, "5s");
    STR_EQ(md->retry->max_backoff, "1m5s");
    assert_int_equal(md->nrefs, 1);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.catcher");

    md = find_meta(&v->meta, FTL_MD_CRON);
    STR_EQ(md->s1, "0 */5 * * * *"); /* D3: runs of spaces and tabs become one space */

    md = find_meta(&v->meta, FTL_MD_INGRESS);
    assert_string_equal(md->ingress_type, "http");
    assert_string_equal(md->method, "GET");
    assert_int_equal(md->npath, 3);
    assert_false(md->path[0].is_param);
    STR_EQ(md->path[0].text, "users");
    assert_true(md->path[1].is_param);
    STR_EQ(md->path[1].text, "id");
    assert_false(md->path[2].is_param);
    STR_EQ(md->path[2].text, "x-y");

    md = find_meta(&v->meta, FTL_MD_ENCODING);
    STR_EQ(md->s1, "json");
    assert_true(md->flag); /* lenient */
    md = find_meta(&v->meta, FTL_MD_EGRESS);
    assert_int_equal(md->nstrs, 2);
    STR_EQ(md->strs[0], "a");
    STR_EQ(md->strs[1], "${url}");
    md = find_meta(&v->meta, FTL_MD_FIXTURE);
    assert_true(md->flag); /* manual */
    md = find_meta(&v->meta, FTL_MD_SQL_QUERY);
    STR_EQ(md->s1, "one");
    STR_EQ(md->s2, "SELECT 1");

    /* The second verb: the other branches. */
    FtlDecl *w = find_decl(m, "w");
    assert_int_equal(w->meta.count, 5);
    md = find_meta(&w->meta, FTL_MD_SUBSCRIBE);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "n.u");
    assert_int_equal(md->from, FTL_FROM_LATEST);
    assert_false(md->flag);
    md = find_meta(&w->meta, FTL_MD_RETRY);
    assert_true(md->retry->has_count);
    assert_int_equal(md->retry->count, 3);
    assert_int_equal(md->retry->min_backoff.len, 0);
    assert_int_equal(md->retry->max_backoff.len, 0);
    assert_int_equal(md->nrefs, 0);
    md = find_meta(&w->meta, FTL_MD_INGRESS);
    assert_string_equal(md->ingress_type, ""); /* no 'http' */
    assert_string_equal(md->method, "POST");
    assert_int_equal(md->npath, 0); /* "/" alone */
    md = find_meta(&w->meta, FTL_MD_ENCODING);
    assert_false(md->flag);
    md = find_meta(&w->meta, FTL_MD_FIXTURE);
    assert_false(md->flag);

    FtlDecl *x = find_decl(m, "x");
    assert_int_equal(x->meta.count, 3);
    md = find_meta(&x->meta, FTL_MD_RETRY);
    assert_false(md->retry->has_count);
    STR_EQ(md->retry->min_backoff, "1.5s");
    md = find_meta(&x->meta, FTL_MD_INGRESS);
    assert_string_equal(md->method, "PUT");
    assert_int_equal(md->npath, 1);
    STR_EQ(md->path[0].text, "a");
    md = find_meta(&x->meta, FTL_MD_EGRESS);
    assert_int_equal(md->nstrs, 1);
    STR_EQ(md->strs[0], "only");

    FtlDecl *y = find_decl(m, "y");
    md = find_meta(&y->meta, FTL_MD_RETRY);
    assert_false(md->retry->has_count);
    assert_int_equal(md->retry->min_backoff.len, 0);
    assert_int_equal(md->nrefs, 1);
    assert_string_equal(rf(p, ftl_meta_refs(md)[0]), "m.c");
    md = find_meta(&y->meta, FTL_MD_INGRESS);
    assert_string_equal(md->method, "DELETE");
    assert_int_equal(md->npath, 2);
    assert_true(md->path[0].is_param);
    assert_true(md->path[1].is_param);
    STR_EQ(md->path[1].text, "b");

    FtlDecl *z = find_decl(m, "z");
    md = find_meta(&z->meta, FTL_MD_RETRY);
    assert_false(md->retry->has_count);
    assert_int_equal(md->nrefs, 0);
    pfree(p);
}

static void test_metadata_other(void **state)
{
    (void)state;
    P *p = parse(META);
    NO_DIAGS(p);
    FtlModule *m = mod0(p);

    /* Module metadata. */
    assert_int_equal(m->meta.count, 3);
    const FtlMeta *md = m->meta.items[0];
    assert_int_equal(md->kind, FTL_MD_GIT);
    STR_EQ(md->s1, "https://x/r.git");
    STR_EQ(md->s2, "c0ffee");
    assert_true(md->flag);
    md = m->meta.items[1];
    assert_int_equal(md->kind, FTL_MD_ARTEFACT);
    STR_EQ(md->s1, "bin/app");
    STR_EQ(md->s2, HEX64); /* lowercased */
    assert_true(md->flag);
    md = m->meta.items[2];
    assert_int_equal(md->kind, FTL_MD_IMAGE);
    STR_EQ(md->s1, "img:1");
    STR_EQ(md->s2, HEX64);

    /* Data and field metadata. */
    FtlDecl *d = find_decl(m, "D");
    assert_int_equal(d->meta.count, 2);
    assert_int_equal(d->meta.items[0]->kind, FTL_MD_ENCODING);
    assert_int_equal(d->meta.items[1]->kind, FTL_MD_GENERATED);
    assert_int_equal(d->nfields, 3);
    FtlField *f = &d->fields[0];
    assert_int_equal(ftl_field_meta(f)->count, 2);
    md = find_meta(ftl_field_meta(f), FTL_MD_ALIAS);
    assert_int_equal(md->alias_kind, FTL_ALIAS_JSON);
    STR_EQ(md->s1, "f");
    md = find_meta(ftl_field_meta(f), FTL_MD_SQL_COLUMN);
    STR_EQ(md->s1, "my table");
    STR_EQ(md->s2, "col x");
    FtlField *g = &d->fields[1];
    md = find_meta(ftl_field_meta(g), FTL_MD_ALIAS);
    assert_int_equal(md->alias_kind, FTL_ALIAS_JSON); /* case-insensitive */
    STR_EQ(md->s1, "gg");
    md = find_meta(ftl_field_meta(g), FTL_MD_SQL_COLUMN);
    STR_EQ(md->s1, "t");
    STR_EQ(md->s2, "c");
    md = find_meta(ftl_field_meta(&d->fields[2]), FTL_MD_ALIAS);
    assert_int_equal(md->alias_kind, FTL_ALIAS_UNSPECIFIED);

    /* Database, typealias, topic. */
    md = find_meta(&find_decl(m, "db")->meta, FTL_MD_MIGRATION);
    STR_EQ(md->s1, HEX64U); /* the SHA256 token text, not case-normalised */
    FtlDecl *ta = find_decl(m, "TA");
    assert_int_equal(ta->meta.count, 3);
    STR_EQ(ta->meta.items[0]->s1, "go");
    STR_EQ(ta->meta.items[0]->s2, "pkg.T");
    STR_EQ(ta->meta.items[1]->s1, "kotlin");
    STR_EQ(ta->meta.items[2]->s1, "java");
    STR_EQ(ta->meta.items[2]->s2, "j.T");
    md = find_meta(&find_decl(m, "t")->meta, FTL_MD_PARTITIONS);
    assert_int_equal(md->partitions, 8);
    pfree(p);
}

static void test_metadata_errors(void **state)
{
    (void)state;
    /* Unknown alias kind. */
    P *p = parse("module m { data D { f Int +alias yaml \"f\" } }");
    assert_int_equal(count_code(p, "E0205"), 1);
    pfree(p);
    /* Digests: exactly 64 hex digits (D13). */
    p = parse("module m { +artefact \"a\" \"abc\" }");
    assert_int_equal(count_code(p, "E0206"), 1);
    pfree(p);
    p = parse("module m { +image \"a\":\"" HEX64 "0\" }");
    assert_int_equal(count_code(p, "E0206"), 1);
    pfree(p);
    p = parse("module m { +artefact \"a\" \""
              "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
              "\" }");
    assert_int_equal(count_code(p, "E0206"), 1);
    pfree(p);
    /* Empty cron text. */
    p = parse("module m { verb v(Unit) Unit\n +cron\n}");
    assert_int_equal(count_code(p, "E0204"), 1);
    pfree(p);
    /* Ingress paths: trailing '/', empty segment, quotes, half parameters. */
    static const char *const bad_paths[] = {"/a/", "/a//b", "/\"x\"", "/a{id}", "/{id", "/{1x}"};
    for (size_t i = 0; i < sizeof bad_paths / sizeof bad_paths[0]; i++) {
        char buf[128];
        snprintf(buf, sizeof buf, "module m { verb v(Unit) Unit +ingress GET %s\n}", bad_paths[i]);
        p = parse(buf);
        if (p->diags.errors == 0) fail_msg("path %s: no error", bad_paths[i]);
        pfree(p);
    }
    /* The method is case-sensitive. */
    p = parse("module m { verb v(Unit) Unit +ingress http get /a\n}");
    assert_true(p->diags.errors > 0);
    pfree(p);
    /* A duration split by a space is a syntax error. */
    p = parse("module m { verb v(Unit) Unit +retry 10 5 s\n}");
    assert_true(count_code(p, "E0201") >= 1);
    pfree(p);
    /* Invalid escape in a string literal. */
    p = parse("module m { verb v(Unit) Unit +egress \"a\\qb\"\n}");
    assert_int_equal(count_code(p, "E0103"), 1);
    assert_int_equal(p->diags.items[0].span.off, off_of(p, "\\q", 0));
    assert_int_equal(p->diags.items[0].span.end, off_of(p, "\\q", 0) + 2);
    pfree(p);
}

/* ---- comments ---------------------------------------------------------------------- */

static void check_comments_at(const char *file, int line, const FtlComments *cs, int n, ...)
{
    if ((int)cs->count != n) {
        fail_msg("%s:%d: expected %d comments, got %u", file, line, n, cs->count);
        return;
    }
    va_list ap;
    va_start(ap, n);
    for (int i = 0; i < n; i++) {
        const char *want = va_arg(ap, const char *);
        str_eq_at(file, line, ftl_comment_text(&cs->items[i]), want, strlen(want));
    }
    va_end(ap);
}
#define COMMENTS(cs, ...) check_comments_at(__FILE__, __LINE__, (cs), __VA_ARGS__)

static void test_comments(void **state)
{
    (void)state;
    P *p = parse("realm r {\n"
                 "  // about m\n"
                 "\n"
                 "  //   second  \n"
                 "  module m {\n"
                 "    // about D\n"
                 "    data D {\n"
                 "      // about f\n"
                 "      f Int // about g\n"
                 "      g Int\n"
                 "      //\n"
                 "      h Int\n"
                 "    }\n"
                 "    // about E\n"
                 "\n"
                 "    enum E {\n"
                 "      // about A\n"
                 "      A Int // about B\n"
                 "      B String\n"
                 "    }\n"
                 "    data A {} // about B?\n"
                 "    data B {}\n"
                 "    /// slashes\n"
                 "    verb v(Unit) Unit\n"
                 "  }\n"
                 "  // about n\n"
                 "  module n {}\n"
                 "}\n");
    NO_DIAGS(p);
    FtlModule *m = mod0(p);
    COMMENTS(&m->comments, 2, "about m", "second");
    FtlDecl *d = find_decl(m, "D");
    COMMENTS(&d->comments, 1, "about D");
    COMMENTS(ftl_field_comments(&d->fields[0]), 1, "about f");
    COMMENTS(ftl_field_comments(&d->fields[1]), 1,
             "about g"); /* end-of-line comment: next element */
    COMMENTS(ftl_field_comments(&d->fields[2]), 1, "");
    FtlDecl *e = find_decl(m, "E");
    COMMENTS(&e->comments, 1, "about E");
    COMMENTS(&e->variants[0]->comments, 1, "about A");
    COMMENTS(&e->variants[1]->comments, 1, "about B");
    COMMENTS(&find_decl(m, "A")->comments, 0);
    COMMENTS(&find_decl(m, "B")->comments, 1, "about B?");
    COMMENTS(&find_decl(m, "v")->comments, 1, "/ slashes");
    COMMENTS(&p->f->realms[0]->modules[1]->comments, 1, "about n");
    /* A comment's span covers the comment token. */
    const FtlComment *c = &m->comments.items[0];
    assert_int_equal(c->span.off, off_of(p, "// about m", 0));
    assert_int_equal(c->span.end, off_of(p, "// about m", 0) + 10);
    pfree(p);

    /* Module file: leading comments attach to the module; CR is trimmed. */
    p = parse("// hello\r\n//\tworld \r\nmodule m {}\n");
    NO_DIAGS(p);
    assert_true(p->f->is_module_file);
    COMMENTS(&p->f->module->comments, 2, "hello", "world");
    pfree(p);

    /* Comments where nothing can carry them: E0207 (Comments in ftl-schema(5)). */
    static const char *const bad[] = {
        "// top\nrealm r {}",
        "realm r { module m { data A {}\n // dangling\n } }",
        "realm r { module m { verb v(Unit) Unit\n // why\n +cron Mon\n } }",
        "realm r { module m {} // after\n}",
        "module m { data D { // x\n } }",
        "module m { // x\n +git \"a\" \"b\" }",
        "module m {}\n// trailing\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = parse(bad[i]);
        if (count_code(p, "E0207") != 1)
            fail_msg("case %zu: expected one E0207, got %u diagnostics (first %s)", i,
                     p->diags.count, p->diags.count ? p->diags.items[0].code : "-");
        pfree(p);
    }
}

/* ---- file kinds ------------------------------------------------------------------- */

static void test_file_kinds(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int module_file;
        int ok;
    } cases[] = {
        {"", 0, 1},
        {"  \n\t\n", 0, 1},
        {"realm r {}", 0, 1},
        {"external realm r {}", 0, 1},
        {"module m {}", 1, 1},
        {"// c\n// d\nmodule m {}", 1, 1},
        {"builtin module builtin {}", 1, 1},
        /* "module a {} module b {}" (exactly one module): see
         * test_module_file_partial_tree. */
        {"module m {}\ndata D {}", 1, 0},  /* trailing tokens */
        {"realm r {}\nmodule m {}", 0, 0}, /* only realms at top level */
        {"data D {}", 0, 0},
        {"// c\n", 0, 0}, /* a lone comment: schema file, error */
        {"realm r {} x", 0, 0},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        P *p = parse(cases[i].text);
        if (p->f->is_module_file != cases[i].module_file) {
            print_error("case %zu (%s): is_module_file is %d\n", i, cases[i].text,
                        p->f->is_module_file);
            failures++;
        }
        if ((p->diags.errors == 0) != cases[i].ok) {
            print_error("case %zu (%s): %u errors (first: %s)\n", i, cases[i].text, p->diags.errors,
                        p->diags.count ? p->diags.items[0].msg : "-");
            failures++;
        }
        if (cases[i].ok && cases[i].module_file) {
            assert_non_null(p->f->module);
            assert_int_equal(p->f->nrealms, 0);
        }
        if (cases[i].ok && !cases[i].module_file) assert_null(p->f->module);
        pfree(p);
    }
    assert_int_equal(failures, 0);
    P *p = parse("builtin module builtin { export data Empty {} }");
    NO_DIAGS(p);
    assert_true(p->f->module->builtin);
    assert_string_equal(p->f->module->name, "builtin");
    assert_int_equal(p->f->module->ndecls, 1);
    pfree(p);
    p = parse("");
    assert_int_equal(p->f->nrealms, 0);
    pfree(p);
}

/* ---- spans ---------------------------------------------------------------------------- */

static void check_span_at(const char *file, int line, const P *p, FtlSpan s, uint32_t off,
                          uint32_t end)
{
    if (s.file != 1 || s.off != off || s.end != end)
        fail_msg("%s:%d: expected span %u-%u, got file %u %u-%u (\"%.*s\")", file, line, off, end,
                 s.file, s.off, s.end, (int)(s.end > s.off ? s.end - s.off : 0),
                 s.end > s.off ? p->text + s.off : "");
}
#define SPAN(p, s, off, end) check_span_at(__FILE__, __LINE__, (p), (s), (off), (end))

/* A reference keeps where its name starts only when something is written
 * between "module." and the name (ftl_ref_name_span). */
static void test_ref_name_spans(void **state)
{
    (void)state;
    const char *text = "module m {\n"
                       "  data D {\n"
                       "    a m . D\n"
                       "    b m.D\n"
                       "    c D\n"
                       "  }\n"
                       "}\n";
    P *p = parse(text);
    NO_DIAGS(p);
    FtlDecl *d = find_decl(p->f->module, "D");
    const FtlRef *a = ftl_type_ref(d->fields[0].type), *b = ftl_type_ref(d->fields[1].type);
    const FtlRef *c = ftl_type_ref(d->fields[2].type);
    SPAN(p, ftl_ref_name_span(a), off_of(p, "D\n", 0), off_of(p, "D\n", 0) + 1);
    SPAN(p, ftl_ref_span(a), off_of(p, "m . D", 0), off_of(p, "m . D", 0) + 5);
    SPAN(p, ftl_ref_name_span(b), off_of(p, "m.D", 0) + 2, off_of(p, "m.D", 0) + 3);
    SPAN(p, ftl_ref_name_span(c), off_of(p, "D\n  }", 0), off_of(p, "D\n  }", 0) + 1);
    assert_non_null(ftl_ref_more(a)); /* where the name starts */
    assert_null(ftl_ref_more(b));     /* "m.D": nothing more to keep */
    pfree(p);
}

/* A reference carries an FtlRefMore, right after its node, only when it has
 * type arguments, an @realm suffix or a spaced "module . name"; the others
 * take 40 bytes and nothing more (ftl_ref_new). */
static void test_ref_more_only_when_needed(void **state)
{
    (void)state;
    const char *text = "module m {\n"
                       "  data D {\n"
                       "    a m.D\n"
                       "    b D\n"
                       "    c m.G<Int>\n"
                       "    d m.D@r\n"
                       "    e G<m.D, [D]>?\n"
                       "  }\n"
                       "  verb v(Unit) Unit\n"
                       "    +calls m.w, x.y@r\n"
                       "}\n";
    P *p = parse(text);
    NO_DIAGS(p);
    FtlDecl *d = find_decl(p->f->module, "D");
    const FtlRef *a = ftl_type_ref(d->fields[0].type), *b = ftl_type_ref(d->fields[1].type);
    const FtlRef *c = ftl_type_ref(d->fields[2].type), *dd = ftl_type_ref(d->fields[3].type);
    const FtlRef *e = ftl_type_ref(d->fields[4].type->elem);
    assert_null(ftl_ref_more(a));
    assert_null(ftl_ref_more(b));
    assert_non_null(ftl_ref_more(c));
    assert_int_equal(ftl_ref_nargs(c), 1);
    assert_int_equal(ftl_ref_args(c)[0]->kind, FTL_TY_INT);
    assert_null(ftl_ref_realm(c));
    assert_non_null(ftl_ref_more(dd));
    assert_int_equal(ftl_ref_nargs(dd), 0);
    assert_string_equal(ftl_ref_realm(dd), "r");
    assert_ptr_equal(ftl_ref_args(c), &ftl_ref_more(c)->arg1_); /* one: in place */
    assert_int_equal(ftl_ref_nargs(e), 2);
    assert_ptr_not_equal(ftl_ref_args(e), &ftl_ref_more(e)->arg1_);
    assert_null(ftl_ref_more(ftl_type_ref(ftl_ref_args(e)[0])));
    assert_string_equal(ftl_ref_name(ftl_type_ref(ftl_ref_args(e)[1]->elem)), "D");
    const FtlMeta *calls = find_decl(p->f->module, "v")->meta.items[0];
    assert_null(ftl_ref_more(ftl_meta_refs(calls)[0]));
    assert_string_equal(ftl_ref_realm(ftl_meta_refs(calls)[1]), "r");
    /* Made by hand: zeroed, the FtlRefMore too. */
    FtlRef *r = ftl_ref_new(&p->arena, 1), *q = ftl_ref_new(&p->arena, 0);
    assert_non_null(ftl_ref_more(r));
    assert_int_equal(ftl_ref_nargs(r), 0);
    assert_null(ftl_ref_realm(r));
    assert_null(ftl_ref_more(q));
    assert_null(ftl_ref_name(q));
    assert_null(ftl_ref_alloc_args(&p->arena, r, 0));
    FtlType **args = ftl_ref_alloc_args(&p->arena, r, 1);
    assert_null(args[0]);
    args[0] = d->fields[0].type;
    assert_int_equal(ftl_ref_nargs(r), 1);
    assert_ptr_equal(ftl_ref_args(r)[0], d->fields[0].type);
    pfree(p);
}

/* A resolved reference keeps one pointer, its declaration, and reads its name
 * through it; one reported after it was resolved gets its name back. */
static void test_ref_name_through_target(void **state)
{
    (void)state;
    P *p = parse("module m {\n  data D {\n    a m.D\n  }\n}\n");
    NO_DIAGS(p);
    FtlDecl *d = find_decl(p->f->module, "D");
    FtlRef *r = ftl_type_ref(d->fields[0].type);
    const char *name = ftl_ref_name(r);
    assert_string_equal(name, "D");
    assert_ptr_equal(name, d->name); /* interned: the lookup found d by it */
    assert_null(ftl_ref_target(r));  /* not resolved: the parse alone */
    ftl_ref_resolve(r, d);
    assert_int_equal(r->state, FTL_REF_DECL);
    assert_ptr_equal(ftl_ref_target(r), d);
    assert_ptr_equal(ftl_ref_name(r), name);
    ftl_ref_fail(r);
    assert_int_equal(r->state, FTL_REF_ERROR);
    assert_null(ftl_ref_target(r));
    assert_ptr_equal(ftl_ref_name(r), name);
    assert_int_equal(sizeof(FtlRef), 32); /* module and one pointer after the span */
    pfree(p);
}

/* A metadata item of one reference keeps it in the item; of more, in an array
 * of their own. */
static void test_meta_refs_one_in_place(void **state)
{
    (void)state;
    P *p = parse("module m {\n  verb v(Unit) Unit\n    +calls m.a\n    +config m.b, m.c\n"
                 "    +retry 3 catch m.d\n}\n");
    NO_DIAGS(p);
    const FtlDecl *v = find_decl(p->f->module, "v");
    FtlMeta *one = v->meta.items[0], *two = v->meta.items[1], *retry = v->meta.items[2];
    assert_int_equal(one->nrefs, 1);
    assert_ptr_equal(ftl_meta_refs(one), &one->ref1_);
    assert_string_equal(ftl_ref_name(ftl_meta_refs(one)[0]), "a");
    assert_int_equal(two->nrefs, 2);
    assert_ptr_not_equal(ftl_meta_refs(two), &two->ref1_);
    assert_string_equal(ftl_ref_name(ftl_meta_refs(two)[0]), "b");
    assert_string_equal(ftl_ref_name(ftl_meta_refs(two)[1]), "c");
    assert_int_equal(retry->nrefs, 1);
    assert_string_equal(ftl_ref_name(ftl_meta_refs(retry)[0]), "d");
    assert_int_equal(retry->retry->count, 3);
    /* One to two and back, as validation appends a generated reference. */
    FtlRef *pair[2] = {ftl_meta_refs(one)[0], ftl_meta_refs(two)[0]};
    ftl_meta_set_refs(one, pair, 2);
    assert_ptr_equal(ftl_meta_refs(one), pair);
    ftl_meta_set_refs(one, pair + 1, 1);
    assert_ptr_equal(ftl_meta_refs(one), &one->ref1_);
    assert_string_equal(ftl_ref_name(ftl_meta_refs(one)[0]), "b");
    /* None: an array all the same, whose first is NULL (a decoded item that
     * names none). */
    FtlMeta *none = ftl_arena_alloc(&p->arena, sizeof(FtlMeta));
    assert_null(ftl_meta_alloc_refs(&p->arena, none, 0)[0]);
    assert_int_equal(none->nrefs, 0);
    pfree(p);
}

/* A primitive type read from text is 8 bytes, its span the keyword's; one
 * whose span is not (decoded, generated) or whose file's index is past 16 bits
 * is a whole node. Either way ftl_type_span gives back the span it was made
 * with. */
static void test_prim_short(void **state)
{
    (void)state;
    P *p = parse("module m {\n  data D {\n    a Int\n    b [String]\n    c {Bool: Unit}\n  }\n}\n");
    NO_DIAGS(p);
    FtlDecl *d = find_decl(p->f->module, "D");
    const FtlType *a = d->fields[0].type, *b = d->fields[1].type->elem;
    assert_int_equal(a->kind, FTL_TY_INT);
    assert_int_equal(a->state, 1); /* FtlPrimShort.short_ */
    assert_string_equal(ty(p, a), "Int");
    FtlSpan as = ftl_type_span(a);
    assert_int_equal(as.end - as.off, 3);
    assert_memory_equal(p->text + as.off, "Int", 3);
    FtlSpan bs = ftl_type_span(b);
    assert_memory_equal(p->text + bs.off, "String", 6);
    const FtlType *key = d->fields[2].type->elem, *val = ftl_type_value(d->fields[2].type);
    assert_memory_equal(p->text + ftl_type_span(key).off, "Bool", 4);
    assert_memory_equal(p->text + ftl_type_span(val).off, "Unit", 4);
    assert_int_equal(ftl_type_span(val).end, ftl_type_span(d->fields[2].type).end - 1);
    static const FtlSpan whole[] = {{0, 0, 0}, {70000, 10, 13}, {1, 10, 20}};
    for (size_t i = 0; i < 3; i++) {
        const FtlType *t = ftl_type_prim(&p->arena, FTL_TY_INT, whole[i]);
        assert_int_equal(t->state, 0);
        assert_memory_equal(&whole[i], &t->span_, sizeof(FtlSpan));
        FtlSpan got = ftl_type_span(t);
        assert_memory_equal(&whole[i], &got, sizeof(FtlSpan));
    }
    FtlSpan kw = {65535, 7, 11};
    const FtlType *u = ftl_type_prim(&p->arena, FTL_TY_UNIT, kw);
    assert_int_equal(u->state, 1);
    FtlSpan got = ftl_type_span(u);
    assert_memory_equal(&kw, &got, sizeof(FtlSpan));
    /* A reference is never read as one, whether or not it is used as a type. */
    assert_int_equal(ftl_ref_new(&p->arena, 0)->kind, FTL_TY_REF);
    pfree(p);
}

/* Where a declaration's visibility and keyword are written, read again from
 * the text (the fix-its of E0314 and W0502 replace or insert a visibility). */
static void test_decl_head_spans(void **state)
{
    (void)state;
    const char *text = "module m {\n"
                       "  // A doc comment.\n"
                       "  // Two lines.\n"
                       "  export realm data A {}\n"
                       "  data B {}\n"
                       "  export   verb c(Unit) Unit\n"
                       "  export\n"
                       "  realm\n"
                       "  typealias D Int\n"
                       "  export:realm enum E: Int {\n    X = 1\n  }\n"
                       "}\n";
    P *p = parse(text);
    NO_DIAGS(p);
    FtlSpan vis, kw;
    ftl_decl_head_spans(&p->src, find_decl(p->f->module, "A"), &vis, &kw);
    SPAN(p, vis, off_of(p, "export realm data", 0), off_of(p, "export realm data", 0) + 12);
    SPAN(p, kw, off_of(p, "data A", 0), off_of(p, "data A", 0));
    ftl_decl_head_spans(&p->src, find_decl(p->f->module, "B"), &vis, &kw);
    assert_false(ftl_span_valid(vis));
    SPAN(p, kw, off_of(p, "data B", 0), off_of(p, "data B", 0));
    ftl_decl_head_spans(&p->src, find_decl(p->f->module, "c"), &vis, &kw);
    SPAN(p, vis, off_of(p, "export   verb", 0), off_of(p, "export   verb", 0) + 6);
    SPAN(p, kw, off_of(p, "verb c", 0), off_of(p, "verb c", 0));
    ftl_decl_head_spans(&p->src, find_decl(p->f->module, "D"), &vis, &kw);
    SPAN(p, vis, off_of(p, "export\n  realm", 0), off_of(p, "realm\n  typealias", 0) + 5);
    SPAN(p, kw, off_of(p, "typealias D", 0), off_of(p, "typealias D", 0));
    ftl_decl_head_spans(&p->src, find_decl(p->f->module, "E"), &vis, &kw);
    SPAN(p, vis, off_of(p, "export:realm", 0), off_of(p, "export:realm", 0) + 12);
    SPAN(p, kw, off_of(p, "enum E", 0), off_of(p, "enum E", 0));
    /* Not read from text: nothing to edit. */
    FtlDecl made = *find_decl(p->f->module, "A");
    made.name_off = 0;
    ftl_decl_head_spans(&p->src, &made, &vis, &kw);
    assert_false(ftl_span_valid(vis));
    assert_false(ftl_span_valid(kw));
    pfree(p);
}

static void test_spans(void **state)
{
    (void)state;
    const char *text = "realm r {\n"
                       "  // mod\n"
                       "  module m {\n"
                       "    // c1\n"
                       "\n"
                       "    // c2\n"
                       "    export data D {\n"
                       "      // fc\n"
                       "      f Int +alias json \"f\"\n"
                       "      g [String]\n"
                       "    }\n"
                       "    verb v(Unit) Unit\n"
                       "      +calls m.x\n"
                       "    export realm verb w(Unit) m.D<Int>?\n"
                       "    enum E { A = 1 }\n"
                       "    database postgres db\n"
                       "  }\n"
                       "}\n";
    P *p = parse(text);
    NO_DIAGS(p);
    FtlRealm *r = p->f->realms[0];
    SPAN(p, r->span, 0, (uint32_t)strlen(text) - 1);
    SPAN(p, r->name_span, 6, 7);
    FtlModule *m = r->modules[0];
    /* The module starts at its first comment and ends at its '}'. */
    SPAN(p, m->span, off_of(p, "// mod", 0), off_of(p, "  }\n}", 0) + 3);
    SPAN(p, m->name_span, off_of(p, "m {", 0), off_of(p, "m {", 0) + 1);

    /* A declaration starts at its first comment, blank lines notwithstanding. */
    FtlDecl *d = find_decl(m, "D");
    uint32_t dend = off_of(p, "    }\n", 0) + 5;
    SPAN(p, d->span, off_of(p, "// c1", 0), dend);
    SPAN(p, ftl_decl_name_span(d), off_of(p, "D {", 0), off_of(p, "D {", 0) + 1);
    FtlPos ps = pos(p, d->span.off), pe = pos(p, d->span.end);
    assert_int_equal(ps.line, 4);
    assert_int_equal(ps.col, 5);
    assert_int_equal(pe.line, 11);
    assert_int_equal(pe.col, 6);
    SPAN(p, d->comments.items[1].span, off_of(p, "// c2", 0), off_of(p, "// c2", 0) + 5);

    /* A field from its comment to the end of its last metadata. */
    FtlField *f = &d->fields[0];
    SPAN(p, f->span, off_of(p, "// fc", 0), off_of(p, "\"f\"", 0) + 3);
    SPAN(p, ftl_field_name_span(f), off_of(p, "f Int", 0), off_of(p, "f Int", 0) + 1);
    SPAN(p, ftl_type_span(f->type), off_of(p, "Int +alias", 0), off_of(p, "Int +alias", 0) + 3);
    SPAN(p, ftl_field_meta(f)->items[0]->span, off_of(p, "+alias", 0), off_of(p, "\"f\"", 0) + 3);
    FtlField *g = &d->fields[1];
    SPAN(p, g->span, off_of(p, "g [String]", 0), off_of(p, "g [String]", 0) + 10);
    SPAN(p, ftl_type_span(g->type), off_of(p, "[String]", 0), off_of(p, "[String]", 0) + 8);

    /* Without comments: from the first word (visibility included) to the end. */
    FtlDecl *v = find_decl(m, "v");
    SPAN(p, v->span, off_of(p, "verb v", 0), off_of(p, "m.x", 0) + 3);
    SPAN(p, v->meta.items[0]->span, off_of(p, "+calls", 0), off_of(p, "m.x", 0) + 3);
    SPAN(p, ftl_ref_span(ftl_meta_refs(v->meta.items[0])[0]), off_of(p, "m.x", 0),
         off_of(p, "m.x", 0) + 3);
    FtlDecl *w = find_decl(m, "w");
    SPAN(p, w->span, off_of(p, "export realm verb", 0), off_of(p, "<Int>?", 0) + 6);
    SPAN(p, ftl_type_span(w->response), off_of(p, "m.D<Int>?", 0), off_of(p, "m.D<Int>?", 0) + 9);
    SPAN(p, ftl_type_span(w->response->elem), off_of(p, "m.D<Int>?", 0),
         off_of(p, "m.D<Int>?", 0) + 8);
    SPAN(p, ftl_ref_span(ftl_type_ref(w->response->elem)), off_of(p, "m.D<Int>?", 0),
         off_of(p, "m.D<Int>?", 0) + 8);
    FtlDecl *e = find_decl(m, "E");
    SPAN(p, e->span, off_of(p, "enum E", 0), off_of(p, "1 }", 0) + 3);
    SPAN(p, e->variants[0]->span, off_of(p, "A = 1", 0), off_of(p, "A = 1", 0) + 5);
    SPAN(p, e->variants[0]->value_span, off_of(p, "1 }", 0), off_of(p, "1 }", 0) + 1);
    FtlDecl *db = find_decl(m, "db");
    SPAN(p, db->span, off_of(p, "database", 0), off_of(p, "db\n", 0) + 2);
    pfree(p);
}

/* ---- error recovery --------------------------------------------------------------------- */

static void test_recovery_three_errors(void **state)
{
    (void)state;
    P *p = parse("realm r {\n"
                 "  module m {\n"
                 "    data A {\n"
                 "      x Int??\n"
                 "    }\n"
                 "    data Good1 {\n"
                 "      y [String]\n"
                 "    }\n"
                 "    verb v(Unit Unit\n"
                 "    data Good2 {\n"
                 "      z Int\n"
                 "    }\n"
                 "    enum E: Int {\n"
                 "      X = -1\n"
                 "    }\n"
                 "    data Good3 {}\n"
                 "  }\n"
                 "  module n { data N {} }\n"
                 "}\n");
    assert_int_equal(p->diags.count, 3);
    for (unsigned i = 0; i < 3; i++)
        assert_string_equal(p->diags.items[i].code, "E0201");
    assert_int_equal(p->diags.items[0].span.off, off_of(p, "??", 0) + 1);
    assert_int_equal(p->diags.items[1].span.off, off_of(p, "Unit Unit", 0) + 5);
    assert_int_equal(p->diags.items[2].span.off, off_of(p, "-1", 0));
    /* The good declarations between the errors are in the tree, and so is the
     * next module. */
    assert_int_equal(p->f->nrealms, 1);
    FtlRealm *r = p->f->realms[0];
    assert_int_equal(r->nmodules, 2);
    FtlModule *m = r->modules[0];
    FtlDecl *g1 = find_decl(m, "Good1");
    assert_int_equal(g1->nfields, 1);
    assert_string_equal(ty(p, g1->fields[0].type), "[String]");
    FtlDecl *g2 = find_decl(m, "Good2");
    assert_int_equal(g2->nfields, 1);
    assert_string_equal(g2->fields[0].name, "z");
    find_decl(m, "Good3");
    assert_string_equal(r->modules[1]->name, "n");
    assert_int_equal(r->modules[1]->ndecls, 1);
    pfree(p);
}

static void test_recovery_modules_and_realms(void **state)
{
    (void)state;
    /* A broken module header: the next module still parses. */
    P *p = parse("realm r {\n"
                 "  module 1 {\n"
                 "    data A {}\n"
                 "  }\n"
                 "  module ok { data B {} }\n"
                 "}\n"
                 "realm s { module t { data C {} } }\n");
    assert_int_equal(count_code(p, "E0201"), 1);
    assert_int_equal(p->diags.count, 1);
    assert_true(p->f->nrealms >= 1);
    int found_ok = 0, found_s = 0;
    for (uint32_t i = 0; i < p->f->nrealms; i++) {
        FtlRealm *r = p->f->realms[i];
        for (uint32_t j = 0; j < r->nmodules; j++)
            if (strcmp(r->modules[j]->name, "ok") == 0) found_ok = 1;
        if (strcmp(r->name, "s") == 0) found_s = 1;
    }
    assert_true(found_ok);
    assert_true(found_s);
    pfree(p);

    /* A lexical error is reported once (by the lexer), not again as syntax. */
    p = parse("module m { data A { x & } data B {} }");
    assert_int_equal(count_code(p, "E0101"), 1);
    assert_int_equal(count_code(p, "E0201"), 0);
    pfree(p);
}

/* An unterminated string swallows the rest of the input: the lexer's E0102
 * is the only diagnostic, with no cascade about the '}' it swallowed
 * (golden test err-str-unterminated-lines). */
static void test_unterminated_string_single_diag(void **state)
{
    (void)state;
    P *p = parse("module m { verb v(Unit) Unit +egress \"abc\n}\n");
    assert_int_equal(count_code(p, "E0102"), 1);
    assert_int_equal(p->diags.count, 1);
    pfree(p);
    p = parse("realm r {\n  module m {\n    verb v(Unit) Unit\n      +egress \"http://x\n"
              "    data D {}\n  }\n}\n");
    assert_int_equal(count_code(p, "E0102"), 1);
    assert_int_equal(p->diags.count, 1);
    pfree(p);
}

/* ---- nesting ----------------------------------------------------------------------- */

static char *repeat(const char *pre, const char *unit, size_t n, const char *post)
{
    size_t lp = strlen(pre), lu = strlen(unit), lq = strlen(post);
    char *s = malloc(lp + lu * n + lq + 1);
    assert_non_null(s);
    memcpy(s, pre, lp);
    for (size_t i = 0; i < n; i++)
        memcpy(s + lp + i * lu, unit, lu);
    memcpy(s + lp + lu * n, post, lq + 1);
    return s;
}

static void test_nesting(void **state)
{
    (void)state;
    /* 100k '[': one E0202, no crash. */
    char *s = repeat("module m { data D { x ", "[", 100000, "");
    P *p = parse(s);
    assert_int_equal(count_code(p, "E0202"), 1);
    assert_true(ftl_diags_failed(&p->diags));
    pfree(p);
    free(s);

    /* The same with map braces, type arguments and a mix of them. */
    static const char *const units[] = {"{", "m.D<", "[m.D<{"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        s = repeat("module m { verb v(", units[i], 100000, "Int)");
        p = parse(s);
        if (count_code(p, "E0202") != 1)
            fail_msg("unit %s: %u E0202", units[i], count_code(p, "E0202"));
        pfree(p);
        free(s);
    }
    /* Brackets the grammar rejects at once: a syntax error, no crash. */
    static const char *const bad_units[] = {"(", "<", "{}", "]"};
    for (size_t i = 0; i < sizeof bad_units / sizeof bad_units[0]; i++) {
        s = repeat("module m { verb v(", bad_units[i], 100000, "Int)");
        p = parse(s);
        assert_true(ftl_diags_failed(&p->diags));
        pfree(p);
        free(s);
    }

    /* 300 levels of a well-formed type: still an error (more than 200). */
    char *open = repeat("module m { data D { x ", "[", 300, "Int");
    s = repeat(open, "]", 300, " } }");
    p = parse(s);
    assert_int_equal(count_code(p, "E0202"), 1);
    pfree(p);
    free(s);
    free(open);

    /* 150 levels are fine and print back exactly. */
    open = repeat("module m { data D { x ", "[", 150, "Int");
    s = repeat(open, "]", 150, " } }");
    p = parse(s);
    NO_DIAGS(p);
    char *want = repeat("", "[", 150, "Int");
    char *want2 = repeat(want, "]", 150, "");
    assert_string_equal(ty(p, p->f->module->decls[0]->fields[0].type), want2);
    pfree(p);
    free(s);
    free(open);
    free(want);
    free(want2);
}

/* ---- integer literals --------------------------------------------------------------- */

static void test_integers(void **state)
{
    (void)state;
    static const struct {
        const char *lit;
        int ok;
        int64_t value;
    } cases[] = {
        {"0", 1, 0},
        {"010", 1, 8},
        {"007", 1, 7},
        {"00", 1, 0},
        {"42", 1, 42},
        {"9223372036854775807", 1, INT64_MAX},
        {"0777777777777777777777", 1, INT64_MAX}, /* octal INT64_MAX */
        {"08", 0, 0},
        {"09", 0, 0},
        {"9223372036854775808", 0, 0},
        {"18446744073709551616", 0, 0},
        {"01000000000000000000000", 0, 0}, /* octal 2^63 */
        {"1.5", 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[256];
        snprintf(buf, sizeof buf, "module m { enum E: Int { A = %s } }", cases[i].lit);
        P *p = parse(buf);
        if (cases[i].ok) {
            NO_DIAGS(p);
            const FtlVariant *v = p->f->module->decls[0]->variants[0];
            assert_int_equal(v->vkind, FTL_VAL_INT);
            if (v->ival != cases[i].value)
                fail_msg("%s: expected %lld, got %lld", cases[i].lit, (long long)cases[i].value,
                         (long long)v->ival);
        } else {
            if (count_code(p, "E0203") != 1 || p->diags.count != 1)
                fail_msg("%s: expected one E0203, got %u diagnostics", cases[i].lit,
                         p->diags.count);
            /* At the literal. */
            assert_int_equal(p->diags.items[0].span.off, off_of(p, cases[i].lit, 0));
            assert_int_equal(p->diags.items[0].span.end,
                             off_of(p, cases[i].lit, 0) + strlen(cases[i].lit));
        }
        pfree(p);
    }
    /* The same conversion for +partitions and the +retry count. */
    P *p = parse("module m { topic t Int +partitions 010 verb v(Unit) Unit +retry 011 5s }");
    NO_DIAGS(p);
    assert_int_equal(find_decl(p->f->module, "t")->meta.items[0]->partitions, 8);
    assert_int_equal(find_decl(p->f->module, "v")->meta.items[0]->retry->count, 9);
    pfree(p);
    p = parse("module m { topic t Int +partitions 08 }");
    assert_int_equal(count_code(p, "E0203"), 1);
    pfree(p);
    /* A negative number is a syntax error. */
    p = parse("module m { enum E: Int { A = -1 } }");
    assert_int_equal(count_code(p, "E0201"), 1);
    pfree(p);
}

/* ---- robustness ------------------------------------------------------------------------- */

/* Truncating a valid schema at every byte never crashes, and always reports
 * an error when the text is incomplete (or parses cleanly when it is not). */
static void test_every_prefix(void **state)
{
    (void)state;
    size_t n = strlen(META);
    for (size_t i = 0; i < n; i++) {
        P *p = parse_n(META, i);
        /* Only the empty prefix and the complete module (without its final
         * LF) are valid. */
        if ((p->diags.errors == 0) != (i == 0 || i == n - 1))
            fail_msg("prefix of %zu bytes: %u errors", i, p->diags.errors);
        pfree(p);
    }
}

/* A module file whose module is followed by more text: the file is still a
 * module file, and the tree keeps the module that was parsed (parse.h: a tree
 * is always returned, possibly partial). */
static void test_module_file_partial_tree(void **state)
{
    (void)state;
    P *p = parse("module a { data D {} }\nmodule b {}\n");
    assert_int_equal(count_code(p, "E0201"), 1);
    assert_true(p->f->is_module_file);
    assert_non_null(p->f->module);
    assert_string_equal(p->f->module->name, "a");
    assert_int_equal(p->f->module->ndecls, 1);
    pfree(p);
}

/* ---- syntax errors --------------------------------------------------------------------- */

/* Each text has exactly one syntax error (E0201) and nothing else; the note
 * columns give its position. The grammar of declarations, types and metadata: ftl-schema(5),
 * GRAMMAR and METADATA. */
static void test_syntax_errors(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *at; /* the error is at the first occurrence of this text */
    } cases[] = {
        {"module m { data D<> {} }", ">"},
        {"module m { data D { x Int?? } }", "? }"},
        {"module m { enum E { A } }", "}"},
        {"module m { enum E: Int { A = -1 } }", "-"},
        {"module m { export config c String }", "config"},
        {"module m { export secret s String }", "secret"},
        {"module m { database db }", "db }"},
        {"module m { verb v(Unit) }", "}"},
        {"module m { verb v Unit Unit }", "Unit"},
        {"module m { data D { x Int } +calls m.v }", "+"},
        {"module m { verb v(Unit) Unit +subscribe m.t }", "}"},
        {"module m { verb v(Unit) Unit +ingress http GET }", "}"},
        {"module m { verb v(Unit) Unit +typemap rust \"x\" }", "rust"},
        {"module m { verb v(Unit) Unit +encoding yaml }", "yaml"},
        {"module m { verb v(Unit) Unit +sql table \"x\" }", "table"},
        {"module m { verb v(Unit) Unit +bogus }", "bogus"},
        {"module m { database postgres db +migration sha256:abc }", "abc"},
        {"module m { data "
         "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA {} }",
         "AAAA"},
        {"module m { data D { x a.b.c } }", ".c"},
        {"module m { data D { x Int.x } }", "."},
        {"realm r { data D {} }", "data"},
    };
    int failures = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        P *p = parse(cases[i].text);
        uint32_t want = off_of(p, cases[i].at, 0);
        if (p->diags.count != 1 || strcmp(p->diags.items[0].code, "E0201") != 0 ||
            p->diags.items[0].span.off != want) {
            print_error("%s: expected one E0201 at offset %u, got %u diagnostics (first: %s at "
                        "%u: %s)\n",
                        cases[i].text, want, p->diags.count,
                        p->diags.count ? p->diags.items[0].code : "-",
                        p->diags.count ? p->diags.items[0].span.off : 0,
                        p->diags.count ? p->diags.items[0].msg : "-");
            failures++;
        }
        pfree(p);
    }
    assert_int_equal(failures, 0);

    /* Their valid neighbours. */
    static const char *const good[] = {
        "module m { data D<T> {} }",
        "module m { data D { x Int? } }",
        "module m { enum E { A Int } }",
        "module m { enum E: Int { A 1 } }",
        "module m { data D { x Map<String, Int> } }", /* a reference to 'Map' */
        "module m { verb v(Unit) Unit +calls m.a<Int?> }",
        "module m { data D { x [{String: [Int?]?}?] } }",
        "module m { data D { x m.D<m.D<Int>> } }",
        "module m { verb v(Unit) Unit + calls m . a }", /* whitespace is insignificant */
        "module m { data D { a Int b String } }",
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        P *p = parse(good[i]);
        if (p->diags.count)
            fail_msg("%s: unexpected %s: %s", good[i], p->diags.items[0].code,
                     p->diags.items[0].msg);
        pfree(p);
    }
}

/* Random token soup: the parser never crashes (ASan/UBSan watch), always
 * returns a tree, and every diagnostic points into the input. */
static uint64_t rng_state;

static uint32_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * UINT64_C(2685821657736338717)) >> 32);
}

static void check_tree_spans(const P *p, size_t len)
{
    for (unsigned i = 0; i < p->diags.count; i++) {
        const FtlDiag *g = &p->diags.items[i];
        if (!ftl_span_valid(g->span)) continue;
        if (g->span.off > g->span.end || g->span.end > len)
            fail_msg("diagnostic %s span %u-%u outside input of %zu bytes", g->code, g->span.off,
                     g->span.end, len);
    }
    const FtlModule *mods[64];
    unsigned nm = 0;
    if (p->f->module) mods[nm++] = p->f->module;
    for (uint32_t r = 0; r < p->f->nrealms; r++)
        for (uint32_t j = 0; j < p->f->realms[r]->nmodules && nm < 64; j++)
            mods[nm++] = p->f->realms[r]->modules[j];
    for (unsigned i = 0; i < nm; i++) {
        assert_non_null(mods[i]->name);
        for (uint32_t j = 0; j < mods[i]->ndecls; j++) {
            const FtlDecl *d = mods[i]->decls[j];
            assert_non_null(d);
            assert_non_null(d->name);
            if (d->span.file != 1 || d->span.off > d->span.end || d->span.end > len)
                fail_msg("declaration %s span %u-%u outside input", d->name, d->span.off,
                         d->span.end);
        }
    }
}

static void test_random_tokens(void **state)
{
    (void)state;
    static const char *const vocab[] = {
        "realm",   "external",  "module",     "builtin", "export",   "data",      "verb",
        "enum",    "typealias", "config",     "secret",  "database", "postgres",  "topic",
        "Int",     "String",    "Unit",       "+",       "calls",    "retry",     "cron",
        "ingress", "http",      "GET",        "/a/{id}", "/",        "subscribe", "from",
        "=",       "beginning", "deadletter", "catch",   "alias",    "json",      "sql",
        "column",  "query",     "migration",  "sha256",  ":",        "artefact",  "egress",
        "image",   "git",       "partitions", "fixture", "{",        "}",         "(",
        ")",       "[",         "]",          "<",       ">",        ",",         ".",
        "?",       "@",         "x",          "m",       "D",        "5s",        "1",
        "010",     "08",        "1.5",        "\"s\"",   "\"\\q\"",  "// c\n",    "\n",
        " ",       "&",         "-",          HEX64,
    };
    const size_t nv = sizeof vocab / sizeof vocab[0];
    rng_state = UINT64_C(0xD1B54A32D192ED03);
    FtlBuf b;
    ftl_buf_init(&b);
    for (int iter = 0; iter < 3000; iter++) {
        b.len = 0;
        /* Half the inputs start like a real file so the parser gets deeper. */
        if (iter % 2) ftl_buf_puts(&b, iter % 4 == 1 ? "realm r { module m { " : "module m { ");
        size_t n = rng() % 40;
        for (size_t i = 0; i < n; i++) {
            ftl_buf_puts(&b, vocab[rng() % nv]);
            if (rng() % 3) ftl_buf_putc(&b, ' ');
        }
        P *p = parse_n(ftl_buf_cstr(&b), b.len);
        check_tree_spans(p, b.len);
        ftl_diags_sort(&p->diags);
        pfree(p);
    }
    ftl_buf_free(&b);
}

/* A drain that keeps what it is handed, and how many times. */
typedef struct Drained {
    FtlBuf all;
    unsigned calls;
} Drained;

static int drain_keep(void *ctx, const void *data, size_t len)
{
    Drained *d = ctx;
    d->calls++;
    ftl_buf_put(&d->all, data, len);
    return 0;
}

/* ftl_fmt_file with a drain: the text printed whole, handed over and none
 * of it left in the buffer; into a soft buffer that could not grow (text
 * lost), the drain gets nothing and the call fails. */
static void test_fmt_drain(void **state)
{
    (void)state;
    P *p = parse(DECLS);
    no_diags_at(__FILE__, __LINE__, p);
    FtlFmtOptions whole_o = {0};
    FtlBuf whole;
    ftl_buf_init(&whole);
    assert_int_equal(ftl_fmt_file(&whole, p->f, &whole_o), 0);
    Drained d = {{0}, 0};
    FtlFmtOptions o = {.drain = drain_keep, .drain_ctx = &d};
    FtlBuf out;
    ftl_buf_init(&out);
    assert_int_equal(ftl_fmt_file(&out, p->f, &o), 0);
    assert_int_equal(out.len, 0);
    assert_int_equal(d.calls, 1); /* a small file: one piece, at the end */
    assert_int_equal(d.all.len, whole.len);
    assert_memory_equal(d.all.data, whole.data, whole.len);
    ftl_buf_free(&out);
    Drained lost = {{0}, 0};
    o.drain_ctx = &lost;
    FtlBuf soft;
    ftl_buf_init_soft(&soft);
    soft.failed = 1; /* as after a growth that failed */
    assert_int_equal(ftl_fmt_file(&soft, p->f, &o), -1);
    assert_int_equal(lost.calls, 0);
    ftl_buf_free(&soft);
    ftl_buf_free(&d.all);
    ftl_buf_free(&whole);
    pfree(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_node_sizes),
        cmocka_unit_test(test_decls),
        cmocka_unit_test(test_realms_and_visibility),
        cmocka_unit_test(test_keywords_as_names),
        cmocka_unit_test(test_metadata_verb),
        cmocka_unit_test(test_metadata_other),
        cmocka_unit_test(test_metadata_errors),
        cmocka_unit_test(test_comments),
        cmocka_unit_test(test_file_kinds),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_ref_name_spans),
        cmocka_unit_test(test_ref_more_only_when_needed),
        cmocka_unit_test(test_ref_name_through_target),
        cmocka_unit_test(test_meta_refs_one_in_place),
        cmocka_unit_test(test_prim_short),
        cmocka_unit_test(test_decl_head_spans),
        cmocka_unit_test(test_recovery_three_errors),
        cmocka_unit_test(test_recovery_modules_and_realms),
        cmocka_unit_test(test_unterminated_string_single_diag),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_random_tokens),
        cmocka_unit_test(test_module_file_partial_tree),
        cmocka_unit_test(test_fmt_drain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
