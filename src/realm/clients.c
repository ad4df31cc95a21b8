/* clients.c - runtime client paths and endpoint config keys (ftlc-clients(1),
 * DESCRIPTION and CLIENT PATHS): what `ftlc clients` prints.
 *
 * Two steps: collect (the verbs, sorted; the external realms used, sorted),
 * then print a table of cells as padded text or as JSON. Every string of one
 * report lives in a private arena freed at the end.
 */
#include "realm/clients.h"
#include "base/arena.h"
#include "base/strlit.h"

#include <stdlib.h>
#include <string.h>

/* ---- runtimes and reserved words ------------------------------------------------------------ */

static const char *const LANG_NAMES[] = {"go", "java", "kotlin", "python"};
enum { NLANGS = 4 };

/* The Go specification's 25 keywords, and the blank identifier, which cannot
 * name a package. */
static const char *const GO_WORDS[] = {
    "_",      "break",  "case",        "chan", "const",   "continue", "default",
    "defer",  "else",   "fallthrough", "for",  "func",    "go",       "goto",
    "if",     "import", "interface",   "map",  "package", "range",    "return",
    "select", "struct", "switch",      "type", "var",     NULL};

/* JLS 3.9: the reserved keywords ('_' since Java 9) and the literals true,
 * false, null, none of which may be an identifier. */
static const char *const JAVA_WORDS[] = {
    "_",       "abstract",  "assert",       "boolean",  "break",      "byte",    "case",
    "catch",   "char",      "class",        "const",    "continue",   "default", "do",
    "double",  "else",      "enum",         "extends",  "false",      "final",   "finally",
    "float",   "for",       "goto",         "if",       "implements", "import",  "instanceof",
    "int",     "interface", "long",         "native",   "new",        "null",    "package",
    "private", "protected", "public",       "return",   "short",      "static",  "strictfp",
    "super",   "switch",    "synchronized", "this",     "throw",      "throws",  "transient",
    "true",    "try",       "void",         "volatile", "while",      NULL};

/* Kotlin's hard keywords (those spelled like identifiers; as?, !in and !is
 * are not). Soft and modifier keywords are legal package names. */
static const char *const KOTLIN_WORDS[] = {
    "as",     "break", "class", "continue",  "do",   "else", "false",     "for",
    "fun",    "if",    "in",    "interface", "is",   "null", "object",    "package",
    "return", "super", "this",  "throw",     "true", "try",  "typealias", "typeof",
    "val",    "var",   "when",  "while",     NULL};

/* Python's keyword.kwlist (3.12). Soft keywords (match, case, type, _) are
 * legal names. False, None and True never match a lower-cased segment. */
static const char *const PYTHON_WORDS[] = {
    "False", "None",     "True",  "and",    "as",   "assert", "async",  "await",    "break",
    "class", "continue", "def",   "del",    "elif", "else",   "except", "finally",  "for",
    "from",  "global",   "if",    "import", "in",   "is",     "lambda", "nonlocal", "not",
    "or",    "pass",     "raise", "return", "try",  "while",  "with",   "yield",    NULL};

/* The index of one FTL_LANG_* bit in LANG_NAMES, or -1. */
static int lang_index(unsigned lang)
{
    for (int i = 0; i < NLANGS; i++)
        if (lang == 1u << i) return i;
    return -1;
}

const char *ftl_clients_lang_name(unsigned lang)
{
    int i = lang_index(lang);
    return i < 0 ? NULL : LANG_NAMES[i];
}

static int one_lang(const char *s, size_t n)
{
    if (n == 3 && memcmp(s, "all", 3) == 0) return FTL_LANG_ALL;
    for (int i = 0; i < NLANGS; i++)
        if (strlen(LANG_NAMES[i]) == n && memcmp(s, LANG_NAMES[i], n) == 0) return 1 << i;
    return -1;
}

int ftl_clients_parse_lang(const char *s)
{
    int set = 0;
    if (!s) return -1;
    for (;;) {
        size_t n = strcspn(s, ",");
        int bit = one_lang(s, n);
        if (bit < 0) return -1;
        set |= bit;
        if (!s[n]) return set;
        s += n + 1;
    }
}

static int reserved(const char *word, unsigned lang)
{
    static const char *const *const lists[] = {GO_WORDS, JAVA_WORDS, KOTLIN_WORDS, PYTHON_WORDS};
    int i = lang_index(lang);
    if (i < 0) return 0;
    for (const char *const *w = lists[i]; *w; w++)
        if (strcmp(*w, word) == 0) return 1;
    return 0;
}

/* ---- names ------------------------------------------------------------------------------ */

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static char segment_char(char c)
{
    if (c >= 'A' && c <= 'Z') return (char)(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || is_digit(c) || c == '_') return c;
    return '_';
}

void ftl_clients_segment(FtlBuf *out, const char *name, unsigned lang)
{
    size_t start = out->len;
    if (is_digit(name[0])) ftl_buf_putc(out, '_');
    for (const char *p = name; *p; p++)
        ftl_buf_putc(out, segment_char(*p));
    if (out->len == start)
        ftl_buf_putc(out, '_');
    else if (reserved(ftl_buf_cstr(out) + start, lang))
        ftl_buf_putc(out, '_');
}

void ftl_clients_package(FtlBuf *out, const char *realm, const char *module, unsigned lang)
{
    char sep = lang == FTL_LANG_GO ? '/' : '.';
    ftl_buf_puts(out, "ftl");
    if (realm) {
        ftl_buf_putc(out, sep);
        ftl_clients_segment(out, realm, lang);
    }
    ftl_buf_putc(out, sep);
    ftl_clients_segment(out, module, lang);
}

void ftl_clients_type(FtlBuf *out, const char *verb, unsigned lang)
{
    if (lang == FTL_LANG_PYTHON) {
        ftl_buf_puts(out, verb);
        if (reserved(verb, lang)) ftl_buf_putc(out, '_');
        return;
    }
    if (verb[0] >= 'a' && verb[0] <= 'z') {
        ftl_buf_putc(out, (char)(verb[0] - 'a' + 'A'));
        verb++;
    }
    ftl_buf_puts(out, verb);
    ftl_buf_puts(out, "Client");
}

/* ---- collecting ------------------------------------------------------------------------- */

typedef struct Verb {
    const FtlRealm *realm; /* NULL for the local realm in module mode */
    int local;
    const FtlModule *module;
    const FtlDecl *decl;
} Verb;

typedef struct Report {
    const FtlSchema *s;
    FtlArena arena;
    Verb *verbs;
    uint32_t nverbs, capverbs;
    const FtlRealm **used; /* external realms referenced by the local realm */
    uint32_t nused, capused;
} Report;

static void add_module_verbs(Report *r, const FtlRealm *realm, int local, const FtlModule *m)
{
    if (m->builtin) return;
    for (uint32_t i = 0; i < m->ndecls; i++) {
        if (m->decls[i]->kind != FTL_DECL_VERB) continue;
        if (r->nverbs == r->capverbs) {
            r->capverbs = r->capverbs ? r->capverbs * 2 : 32;
            r->verbs = ftl_xrealloc(r->verbs, r->capverbs * sizeof *r->verbs);
        }
        r->verbs[r->nverbs++] = (Verb){realm, local, m, m->decls[i]};
    }
}

static const char *realm_name(const Verb *v)
{
    return v->realm ? v->realm->name : "";
}

static int verb_cmp(const void *a, const void *b)
{
    const Verb *x = a, *y = b;
    int c;
    if (x->local != y->local) return y->local - x->local;
    if ((c = strcmp(realm_name(x), realm_name(y))) != 0) return c;
    if ((c = strcmp(x->module->name, y->module->name)) != 0) return c;
    return strcmp(x->decl->name, y->decl->name);
}

/* The local realm's modules: its realm's, or the module files in module mode. */
static void local_modules(const FtlSchema *s, FtlModule *const **mods, uint32_t *n)
{
    if (s->local) {
        *mods = s->local->modules;
        *n = s->local->nmodules;
    } else {
        *mods = s->modfiles;
        *n = s->nmodfiles;
    }
}

static void collect_verbs(Report *r)
{
    const FtlSchema *s = r->s;
    FtlModule *const *mods;
    uint32_t n;
    local_modules(s, &mods, &n);
    for (uint32_t i = 0; i < n; i++)
        add_module_verbs(r, s->local, 1, mods[i]);
    for (uint32_t i = 0; i < s->nrealms; i++) {
        const FtlRealm *realm = s->realms[i];
        if (realm == s->local || !realm->external) continue;
        for (uint32_t j = 0; j < realm->nmodules; j++)
            add_module_verbs(r, realm, 0, realm->modules[j]);
    }
    if (r->nverbs) qsort(r->verbs, r->nverbs, sizeof *r->verbs, verb_cmp);
}

static void use_realm(Report *r, const FtlRealm *realm)
{
    for (uint32_t i = 0; i < r->nused; i++)
        if (r->used[i] == realm) return;
    if (r->nused == r->capused) {
        r->capused = r->capused ? r->capused * 2 : 8;
        r->used = ftl_xrealloc(r->used, r->capused * sizeof *r->used);
    }
    r->used[r->nused++] = realm;
}

static void walk_type(Report *r, const FtlType *t);

/* A checked schema only has cross-realm references in types and +calls
 * (E0504), so looking at every reference finds exactly those. */
static void walk_ref(Report *r, const FtlRef *ref)
{
    FtlRealm *other = ftl_ref_target_realm(ref);
    if (ref->state == FTL_REF_DECL && other && other->external) use_realm(r, other);
    for (uint32_t i = 0; i < ftl_ref_nargs(ref); i++)
        walk_type(r, ftl_ref_args(ref)[i]);
}

/* Nesting depth is bounded by the parser's limit, so recursion is too. */
static void walk_type(Report *r, const FtlType *t)
{
    if (!t) return;
    if (t->kind == FTL_TY_REF) {
        walk_ref(r, ftl_type_ref(t));
        return;
    }
    if (t->kind < FTL_TY_ARRAY) return; /* a primitive's node has no children (ftl_type_size) */
    walk_type(r, t->elem);
    walk_type(r, ftl_type_value(t));
}

static void walk_meta(Report *r, FtlMetaList ml)
{
    for (uint32_t i = 0; i < ml.count; i++)
        for (uint32_t j = 0; j < ml.items[i]->nrefs; j++)
            walk_ref(r, ftl_meta_refs(ml.items[i])[j]);
}

static void walk_decl(Report *r, const FtlDecl *d)
{
    walk_type(r, ftl_decl_request(d));
    walk_type(r, ftl_decl_response(d));
    walk_type(r, ftl_decl_type(d));
    walk_meta(r, d->meta);
    for (uint32_t i = 0; i < d->nfields; i++) {
        walk_type(r, d->fields[i].type);
        walk_meta(r, *ftl_field_meta(&d->fields[i]));
    }
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        walk_type(r, d->variants[i]->type);
}

static int realm_cmp(const void *a, const void *b)
{
    return strcmp((*(FtlRealm *const *)a)->name, (*(FtlRealm *const *)b)->name);
}

static void collect_used(Report *r)
{
    FtlModule *const *mods;
    uint32_t n;
    local_modules(r->s, &mods, &n);
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < mods[i]->ndecls; j++)
            walk_decl(r, mods[i]->decls[j]);
    if (r->nused) qsort(r->used, r->nused, sizeof *r->used, realm_cmp);
}

/* ---- cells ------------------------------------------------------------------------------ */

/* The text of one client name or package, in the report's arena. */
static const char *cell(Report *r, const Verb *v, unsigned lang, int package)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (package)
        ftl_clients_package(&b, v->local ? NULL : v->realm->name, v->module->name, lang);
    else
        ftl_clients_type(&b, v->decl->name, lang);
    char *c = ftl_arena_strndup(&r->arena, ftl_buf_cstr(&b), b.len);
    ftl_buf_free(&b);
    return c;
}

static const char *endpoint_key(Report *r, const FtlRealm *realm)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s-realm-endpoint", realm->name);
    char *c = ftl_arena_strndup(&r->arena, ftl_buf_cstr(&b), b.len);
    ftl_buf_free(&b);
    return c;
}

/* ---- text --------------------------------------------------------------------------------- */

enum { VCOLS = 6, ECOLS = 2 };

typedef struct Table {
    const char **cells; /* rows * ncols, row-major; row 0 is the header */
    uint32_t rows, ncols;
    size_t width[VCOLS];
} Table;

static void table_init(Report *r, Table *t, uint32_t rows, uint32_t ncols)
{
    t->cells = FTL_NEW_N(&r->arena, const char *, (size_t)rows *ncols);
    t->rows = 0;
    t->ncols = ncols;
    memset(t->width, 0, sizeof t->width);
}

static void table_row(Table *t, const char *const *row)
{
    for (uint32_t c = 0; c < t->ncols; c++) {
        size_t n = strlen(row[c]);
        t->cells[t->rows * t->ncols + c] = row[c];
        if (n > t->width[c]) t->width[c] = n;
    }
    t->rows++;
}

/* Columns two spaces apart; the last one is not padded. */
static void table_print(FtlBuf *out, const Table *t)
{
    for (uint32_t i = 0; i < t->rows; i++)
        for (uint32_t c = 0; c < t->ncols; c++) {
            const char *s = t->cells[i * t->ncols + c];
            ftl_buf_puts(out, s);
            if (c + 1 == t->ncols)
                ftl_buf_putc(out, '\n');
            else
                ftl_buf_spaces(out, t->width[c] - strlen(s) + 2);
        }
}

static void verbs_text(Report *r, FtlBuf *out, unsigned langs)
{
    static const char *const head[VCOLS] = {"REALM",   "MODULE",  "VERB",
                                            "RUNTIME", "PACKAGE", "CLIENT"};
    Table t;
    table_init(r, &t, r->nverbs * NLANGS + 1, VCOLS);
    table_row(&t, head);
    for (uint32_t i = 0; i < r->nverbs; i++) {
        const Verb *v = &r->verbs[i];
        for (int l = 0; l < NLANGS; l++) {
            unsigned lang = 1u << l;
            if (!(langs & lang)) continue;
            const char *row[VCOLS] = {*realm_name(v) ? realm_name(v) : "-",
                                      v->module->name,
                                      v->decl->name,
                                      LANG_NAMES[l],
                                      cell(r, v, lang, 1),
                                      cell(r, v, lang, 0)};
            table_row(&t, row);
        }
    }
    table_print(out, &t);
}

static void endpoints_text(Report *r, FtlBuf *out)
{
    static const char *const head[ECOLS] = {"EXTERNAL REALM", "ENDPOINT CONFIG KEY"};
    Table t;
    table_init(r, &t, r->nused + 1, ECOLS);
    table_row(&t, head);
    for (uint32_t i = 0; i < r->nused; i++) {
        const char *row[ECOLS] = {r->used[i]->name, endpoint_key(r, r->used[i])};
        table_row(&t, row);
    }
    table_print(out, &t);
}

static void render_text(Report *r, FtlBuf *out, unsigned langs)
{
    if (r->nverbs) verbs_text(r, out, langs);
    if (r->nverbs && r->nused) ftl_buf_putc(out, '\n');
    if (r->nused) endpoints_text(r, out);
}

/* ---- JSON (laid out as `jq .` prints it) -------------------------------------------------- */

/* `"key": "value"` at indent, with a comma unless last. */
static void json_member(FtlBuf *b, size_t indent, const char *key, const char *value, int last)
{
    ftl_buf_spaces(b, indent);
    ftl_json_quote(b, key);
    ftl_buf_puts(b, ": ");
    ftl_json_quote(b, value);
    ftl_buf_puts(b, last ? "\n" : ",\n");
}

static void json_clients(Report *r, FtlBuf *out, const Verb *v, unsigned langs)
{
    unsigned left = 0;
    for (int l = 0; l < NLANGS; l++)
        left += (langs >> l) & 1u;
    ftl_buf_puts(out, "      \"clients\": {\n");
    for (int l = 0; l < NLANGS; l++) {
        unsigned lang = 1u << l;
        if (!(langs & lang)) continue;
        ftl_buf_printf(out, "        \"%s\": {\n", LANG_NAMES[l]);
        json_member(out, 10, "package", cell(r, v, lang, 1), 0);
        json_member(out, 10, "type", cell(r, v, lang, 0), 1);
        ftl_buf_puts(out, --left ? "        },\n" : "        }\n");
    }
    ftl_buf_puts(out, "      }\n");
}

static void json_verbs(Report *r, FtlBuf *out, unsigned langs)
{
    if (!r->nverbs) {
        ftl_buf_puts(out, "  \"verbs\": [],\n");
        return;
    }
    ftl_buf_puts(out, "  \"verbs\": [\n");
    for (uint32_t i = 0; i < r->nverbs; i++) {
        const Verb *v = &r->verbs[i];
        ftl_buf_puts(out, "    {\n");
        json_member(out, 6, "realm", realm_name(v), 0);
        ftl_buf_printf(out, "      \"local\": %s,\n", v->local ? "true" : "false");
        json_member(out, 6, "module", v->module->name, 0);
        json_member(out, 6, "verb", v->decl->name, 0);
        json_clients(r, out, v, langs);
        ftl_buf_puts(out, i + 1 < r->nverbs ? "    },\n" : "    }\n");
    }
    ftl_buf_puts(out, "  ],\n");
}

static void json_endpoints(Report *r, FtlBuf *out)
{
    if (!r->nused) {
        ftl_buf_puts(out, "  \"endpoints\": []\n");
        return;
    }
    ftl_buf_puts(out, "  \"endpoints\": [\n");
    for (uint32_t i = 0; i < r->nused; i++) {
        ftl_buf_puts(out, "    {\n");
        json_member(out, 6, "realm", r->used[i]->name, 0);
        json_member(out, 6, "configKey", endpoint_key(r, r->used[i]), 1);
        ftl_buf_puts(out, i + 1 < r->nused ? "    },\n" : "    }\n");
    }
    ftl_buf_puts(out, "  ]\n");
}

static void render_json(Report *r, FtlBuf *out, unsigned langs)
{
    ftl_buf_puts(out, "{\n");
    json_verbs(r, out, langs);
    json_endpoints(r, out);
    ftl_buf_puts(out, "}\n");
}

/* ---- the report ------------------------------------------------------------------------- */

int ftl_clients_render(FtlBuf *out, const FtlSchema *s, unsigned langs, int json)
{
    langs &= FTL_LANG_ALL;
    if (!langs || (!s->local && !s->module_mode)) return -1;
    Report r;
    memset(&r, 0, sizeof r);
    r.s = s;
    ftl_arena_init(&r.arena);
    collect_verbs(&r);
    collect_used(&r);
    if (json)
        render_json(&r, out, langs);
    else
        render_text(&r, out, langs);
    free(r.verbs);
    free(r.used);
    ftl_arena_free(&r.arena);
    return 0;
}
