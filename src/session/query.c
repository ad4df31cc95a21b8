/* query.c - the questions ftlc.h answers about a compilation: the symbol at a
 * position, the definition a reference resolves to, references, outlines and
 * the symbols of the whole compilation. Each reads the index (index.c). */
#include "session/index.h"
#include "base/buf.h"
#include "check/canon.h"
#include "syntax/fmt.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- symbols as data ------------------------------------------------------------------ */

static void detail_type(FtlBuf *b, const FtlType *t)
{
    if (t) ftl_fmt_type(b, t);
}

/* "verb withdraw(bank.Req) bank.Resp", "data Pair<K, V>", a field's type ... */
static void detail_decl(FtlBuf *b, const FtlDecl *d)
{
    ftl_buf_printf(b, "%s ", ftl_decl_kind_name(d->kind));
    if (d->kind == FTL_DECL_DATABASE && d->engine) ftl_buf_printf(b, "%s ", d->engine);
    ftl_buf_puts(b, d->name);
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++)
        ftl_buf_printf(b, "%s%s", i ? ", " : "<", d->params[i].name);
    if (ftl_decl_nparams(d)) ftl_buf_putc(b, '>');
    if (d->kind == FTL_DECL_VERB) {
        ftl_buf_putc(b, '(');
        detail_type(b, d->request);
        ftl_buf_puts(b, ") ");
        detail_type(b, d->response);
    } else if (ftl_decl_type(d)) {
        ftl_buf_puts(b, d->kind == FTL_DECL_ENUM ? ": " : " ");
        detail_type(b, ftl_decl_type(d));
    }
}

static void detail_variant(FtlBuf *b, const FtlVariant *v)
{
    ftl_buf_puts(b, v->name);
    if (v->vkind == FTL_VAL_INT)
        ftl_buf_printf(b, " = %lld", (long long)v->ival);
    else if (v->vkind == FTL_VAL_STRING)
        ftl_buf_printf(b, " = \"%.*s\"", (int)v->str.len, v->str.ptr);
    else if (v->type) {
        ftl_buf_putc(b, ' ');
        detail_type(b, v->type);
    }
}

static const char *make_detail(SesComp *c, const SesSym *y)
{
    FtlBuf b;
    ftl_buf_init(&b);
    switch (y->kind) {
    case FTL_SYMBOL_REALM:
        ftl_buf_printf(&b, "%srealm %s", y->external ? "external " : "", y->name);
        break;
    case FTL_SYMBOL_MODULE: ftl_buf_printf(&b, "module %s", y->name); break;
    case FTL_SYMBOL_FIELD: detail_type(&b, ((const FtlField *)y->node)->type); break;
    case FTL_SYMBOL_VARIANT: detail_variant(&b, y->node); break;
    case FTL_SYMBOL_TYPE_PARAMETER: ftl_buf_printf(&b, "type parameter %s", y->name); break;
    default: detail_decl(&b, y->node); break;
    }
    const char *s = ftl_arena_strndup(&c->arena, b.data ? b.data : "", b.len);
    ftl_buf_free(&b);
    return s;
}

static const char *make_comment(SesComp *c, const FtlComments *cs)
{
    if (!cs || !cs->count) return "";
    FtlBuf b;
    ftl_buf_init(&b);
    for (uint32_t i = 0; i < cs->count; i++) {
        if (i) ftl_buf_putc(&b, '\n');
        ftl_buf_put(&b, cs->items[i].text, cs->items[i].len);
    }
    const char *s = ftl_arena_strndup(&c->arena, b.data, b.len);
    ftl_buf_free(&b);
    return s;
}

void ses_symbol_out(SesComp *c, SesIndex *x, FtlSymbolId id, FtlSymbol *out)
{
    SesSym *y = ses_sym(x, id);
    if (!y->detail) y->detail = make_detail(c, y);
    out->id = id;
    out->parent = y->parent;
    out->kind = y->kind;
    out->name = y->name;
    out->realm = y->realm;
    out->module = y->kind == FTL_SYMBOL_REALM || y->kind == FTL_SYMBOL_MODULE ? NULL : y->module;
    out->detail = y->detail;
    out->comment = make_comment(c, y->comments);
    out->external = y->external;
    out->visibility = y->vis;
    out->range = ses_range(c, y->span);
    out->selection = ses_range(c, y->name_span);
}

FtlReference ses_ref_out(const SesComp *c, const SesRef *r)
{
    FtlReference out = {ses_range(c, r->span), r->kind, r->target, r->from};
    return out;
}

/* ---- running queries ------------------------------------------------------------------ */

/* A query's arguments and results; run by ses_run so that running out of
 * memory is FTL_NOMEM. */
typedef struct Query {
    const char *file;
    uint32_t offset;
    FtlSymbolId id;
    int flag;
    const FtlSymbolFilter *filter;
    FtlSymbol *sym;
    FtlReference *ref;
    int found;
    /* caller-frees arrays */
    void *items;
    size_t n, cap, size;
} Query;

static void *q_push(Query *q)
{
    if (q->n == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 16;
        void *p = realloc(q->items, cap * q->size);
        if (!p) ftl_oom();
        q->items = p;
        q->cap = cap;
    }
    return (char *)q->items + q->n++ * q->size;
}

static FtlStatus q_run(FtlSession *s, FtlStatus (*body)(FtlSession *, void *), Query *q)
{
    if (!s) return FTL_EINVAL;
    FtlStatus st = ses_run(s, body, q);
    if (st != FTL_OK) {
        free(q->items);
        q->items = NULL;
        q->n = 0;
    }
    return st;
}

/* Runs a query that makes a caller-frees array of items of size bytes. */
static FtlStatus q_list(FtlSession *s, FtlStatus (*body)(FtlSession *, void *), Query *q,
                        size_t size, void *items, size_t *count)
{
    q->size = size;
    FtlStatus st = q_run(s, body, q);
    *(void **)items = q->items;
    *count = q->n;
    return st;
}

/* The index, when there is a compilation. */
static SesIndex *q_index(FtlSession *s)
{
    return s->comp ? ses_index(s, s->comp) : NULL;
}

/* ---- one symbol ------------------------------------------------------------------------- */

static FtlStatus symbol_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    if (!x || !ses_sym(x, q->id)) return FTL_OK;
    ses_symbol_out(s->comp, x, q->id, q->sym);
    q->found = 1;
    return FTL_OK;
}

int ftl_session_symbol(FtlSession *s, FtlSymbolId id, FtlSymbol *out)
{
    Query q = {0};
    q.id = id;
    q.sym = out;
    return out && q_run(s, symbol_body, &q) == FTL_OK && q.found;
}

typedef struct TextArg {
    FtlSymbolId id;
    FtlBuf out;
} TextArg;

static FtlStatus symbol_text_body(FtlSession *s, void *arg)
{
    TextArg *t = arg;
    SesIndex *x = q_index(s);
    const SesSym *y = x ? ses_sym(x, t->id) : NULL;
    if (!y || y->kind < FTL_SYMBOL_CONFIG || y->kind > FTL_SYMBOL_VERB) return FTL_EINVAL;
    ftl_emit_decl(&t->out, &s->comp->schema, y->node);
    ftl_buf_cstr(&t->out);
    return FTL_OK;
}

FtlStatus ftl_session_symbol_text(FtlSession *s, FtlSymbolId id, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!s) return FTL_EINVAL;
    TextArg t = {id, {0}};
    ftl_buf_init(&t.out);
    FtlStatus st = ses_run(s, symbol_text_body, &t);
    if (st != FTL_OK) {
        ftl_buf_free(&t.out);
        return st;
    }
    *out = t.out.data;
    *len = t.out.len;
    return FTL_OK;
}

/* The first index i of ids (n, sorted by key) whose key exceeds off. */
static uint32_t upper_bound(const uint32_t *ids, uint32_t n, uint32_t file, uint32_t off,
                            FtlSpan (*key)(const SesIndex *, uint32_t), const SesIndex *x)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        FtlSpan sp = key(x, ids[mid]);
        if (sp.file < file || (sp.file == file && sp.off <= off))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static FtlSpan sym_span(const SesIndex *x, uint32_t id)
{
    return x->syms[id - 1].span;
}

static FtlSpan ref_span(const SesIndex *x, uint32_t i)
{
    return x->refs[i].span;
}

static int holds(FtlSpan sp, uint32_t file, uint32_t off)
{
    return sp.file == file && sp.off <= off &&
           (off < sp.end || (sp.off == sp.end && off == sp.off));
}

/* The innermost symbol whose range holds off: the one that starts last at or
 * before off, or the nearest of its ancestors that holds off (ranges nest). */
static FtlSymbolId symbol_at(const SesIndex *x, uint32_t file, uint32_t off)
{
    uint32_t i = upper_bound(x->syms_by_pos, x->nsyms, file, off, sym_span, x);
    for (FtlSymbolId id = i ? x->syms_by_pos[i - 1] : 0; id; id = x->syms[id - 1].parent)
        if (holds(x->syms[id - 1].span, file, off)) return id;
    return 0;
}

static FtlStatus symbol_at_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    uint32_t file = x ? ses_file_id(s->comp, q->file) : 0;
    FtlSymbolId id = file ? symbol_at(x, file, q->offset) : 0;
    if (id) ses_symbol_out(s->comp, x, id, q->sym);
    q->found = id != 0;
    return FTL_OK;
}

int ftl_session_symbol_at(FtlSession *s, const char *file, uint32_t offset, FtlSymbol *out)
{
    Query q = {0};
    q.file = file;
    q.offset = offset;
    q.sym = out;
    return file && out && q_run(s, symbol_at_body, &q) == FTL_OK && q.found;
}

/* The reference at off: of those whose range holds it, the narrowest (the
 * module qualifier of a reference before the whole). References overlap only
 * within one reference (its name, module and realm), so a few steps back from
 * the last one that starts at or before off see them all. */
static const SesRef *ref_at(const SesIndex *x, uint32_t file, uint32_t off)
{
    uint32_t i = upper_bound(x->refs_by_pos, x->nrefs, file, off, ref_span, x);
    const SesRef *best = NULL;
    for (uint32_t k = 0; k < 4 && i > k; k++) {
        const SesRef *r = &x->refs[x->refs_by_pos[i - 1 - k]];
        if (!holds(r->span, file, off)) continue;
        if (!best || r->span.end - r->span.off < best->span.end - best->span.off) best = r;
    }
    return best;
}

static FtlStatus definition_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    uint32_t file = x ? ses_file_id(s->comp, q->file) : 0;
    const SesRef *r = file ? ref_at(x, file, q->offset) : NULL;
    if (!r) return FTL_OK;
    if (q->sym) ses_symbol_out(s->comp, x, r->target, q->sym);
    if (q->ref) *q->ref = ses_ref_out(s->comp, r);
    q->found = 1;
    return FTL_OK;
}

int ftl_session_definition(FtlSession *s, const char *file, uint32_t offset, FtlSymbol *out,
                           FtlReference *ref)
{
    Query q = {0};
    q.file = file;
    q.offset = offset;
    q.sym = out;
    q.ref = ref;
    return file && q_run(s, definition_body, &q) == FTL_OK && q.found;
}

/* ---- references -------------------------------------------------------------------------- */

static void push_ref(Query *q, const SesComp *c, const SesRef *r)
{
    *(FtlReference *)q_push(q) = ses_ref_out(c, r);
}

static FtlStatus references_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    if (!x || !ses_sym(x, q->id)) return FTL_EINVAL;
    const uint32_t *refs = x->by_target + x->target_at[q->id - 1];
    uint32_t n = x->target_at[q->id] - x->target_at[q->id - 1];
    for (int pass = q->flag ? 0 : 1; pass < 2; pass++)
        for (uint32_t i = 0; i < n; i++) {
            const SesRef *r = &x->refs[refs[i]];
            if ((r->kind == FTL_REF_DECLARATION) == (pass == 0)) push_ref(q, s->comp, r);
        }
    return FTL_OK;
}

FtlStatus ftl_session_references(FtlSession *s, FtlSymbolId id, int include_declaration,
                                 FtlReference **refs, size_t *count)
{
    Query q = {0};
    q.id = id;
    q.flag = include_declaration;
    return q_list(s, references_body, &q, sizeof(FtlReference), refs, count);
}

/* Is id the symbol `in` or inside it? */
static int is_within(const SesIndex *x, FtlSymbolId id, FtlSymbolId in)
{
    for (; id; id = x->syms[id - 1].parent)
        if (id == in) return 1;
    return 0;
}

/* The references written in symbol in: those owned by it or by a symbol below
 * it (a module's declarations, a realm's modules), each once. */
static void refs_owned(Query *q, const SesComp *c, const SesIndex *x, FtlSymbolId owner,
                       FtlSymbolId in)
{
    for (uint32_t i = x->owner_at[owner - 1]; i < x->owner_at[owner]; i++) {
        const SesRef *r = &x->refs[x->by_owner[i]];
        /* the references themselves: not their module and @realm parts */
        if (r->part == SES_PART_NAME && is_within(x, r->from, in)) push_ref(q, c, r);
    }
    const SesSym *y = ses_sym(x, owner);
    if (y->kind != FTL_SYMBOL_REALM && y->kind != FTL_SYMBOL_MODULE) return;
    for (uint32_t i = x->child_at[owner - 1]; i < x->child_at[owner]; i++)
        refs_owned(q, c, x, x->children[i] + 1, in);
}

static FtlStatus references_from_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    const SesSym *y = x ? ses_sym(x, q->id) : NULL;
    if (!y) return FTL_EINVAL;
    refs_owned(q, s->comp, x, y->owner, q->id);
    return FTL_OK;
}

FtlStatus ftl_session_references_from(FtlSession *s, FtlSymbolId id, FtlReference **refs,
                                      size_t *count)
{
    Query q = {0};
    q.id = id;
    return q_list(s, references_from_body, &q, sizeof(FtlReference), refs, count);
}

/* ---- outlines ------------------------------------------------------------------------------- */

/* The symbols of file under id (0: the top), depth first in document order. A
 * realm written in several blocks is listed with the block of this file. */
static void outline_under(Query *q, SesComp *c, SesIndex *x, uint32_t file, FtlSymbolId id,
                          FtlSymbolId parent)
{
    uint32_t from = id ? x->child_at[id - 1] : 0, to = id ? x->child_at[id] : 0;
    if (!id) { /* the top: symbols without parent */
        from = 0;
        to = x->nsyms;
    }
    for (uint32_t i = from; i < to; i++) {
        FtlSymbolId child = id ? x->children[i] + 1 : x->syms_by_pos[i];
        const SesSym *y = ses_sym(x, child);
        if (!id && y->parent) continue;
        int here = y->span.file == file;
        if (!here && y->kind != FTL_SYMBOL_REALM) continue;
        FtlSymbol sym;
        ses_symbol_out(c, x, child, &sym);
        sym.parent = parent;
        for (uint32_t b = 0; !here && b < x->nblocks; b++)
            if (x->blocks[b].realm == child && x->blocks[b].span.file == file) {
                here = 1;
                sym.range = ses_range(c, x->blocks[b].span);
                sym.selection = ses_range(c, x->blocks[b].name_span);
            }
        if (here) *(FtlSymbol *)q_push(q) = sym;
        outline_under(q, c, x, file, child, here ? child : parent);
    }
}

static FtlStatus outline_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    uint32_t file = x ? ses_file_id(s->comp, q->file) : 0;
    if (!file) return FTL_EINVAL;
    outline_under(q, s->comp, x, file, 0, 0);
    return FTL_OK;
}

FtlStatus ftl_session_outline(FtlSession *s, const char *file, FtlSymbol **syms, size_t *count)
{
    Query q = {0};
    q.file = file;
    if (!file) return *syms = NULL, *count = 0, FTL_EINVAL;
    return q_list(s, outline_body, &q, sizeof(FtlSymbol), syms, count);
}

/* ---- the symbols of the compilation ---------------------------------------------------------- */

static int is_listed(FtlSymbolKind k)
{
    return k != FTL_SYMBOL_FIELD && k != FTL_SYMBOL_VARIANT && k != FTL_SYMBOL_TYPE_PARAMETER;
}

static int str_cmp(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "");
}

/* By realm, module (a realm's own symbol first), name, then id. */
static int listed_cmp(const SesIndex *x, uint32_t a, uint32_t b)
{
    const SesSym *p = &x->syms[a - 1], *q = &x->syms[b - 1];
    int c = str_cmp(p->realm, q->realm);
    if (!c) c = (p->kind != FTL_SYMBOL_REALM) - (q->kind != FTL_SYMBOL_REALM);
    if (!c) c = str_cmp(p->module, q->module);
    if (!c) c = (p->kind != FTL_SYMBOL_MODULE) - (q->kind != FTL_SYMBOL_MODULE);
    if (!c) c = str_cmp(p->name, q->name);
    return c ? c : (a > b) - (a < b);
}

/* Does name hold the letters of query in order, ignoring case? */
static int is_subsequence(const char *query, const char *name)
{
    for (; *query && *name; name++)
        if (tolower((unsigned char)*query) == tolower((unsigned char)*name)) query++;
    return *query == '\0';
}

static int matches(const SesSym *y, const FtlSymbolFilter *f)
{
    if (!f) return 1;
    if (f->realm && strcmp(f->realm, y->realm ? y->realm : "") != 0) return 0;
    if (f->module && (!y->module || strcmp(f->module, y->module) != 0)) return 0;
    if (f->kinds && !(f->kinds & (1u << y->kind))) return 0;
    return !f->query || is_subsequence(f->query, y->name);
}

static FtlStatus symbols_body(FtlSession *s, void *arg)
{
    Query *q = arg;
    SesIndex *x = q_index(s);
    if (!x) return FTL_OK;
    if (!x->sorted) {
        uint32_t *ids = ftl_xmalloc((x->nsyms + 1) * sizeof *ids), n = 0;
        for (uint32_t i = 0; i < x->nsyms; i++)
            if (is_listed(x->syms[i].kind)) ids[n++] = i + 1;
        ses_sort_ids(x, ids, n, listed_cmp);
        x->sorted = ids;
        x->nsorted = n;
    }
    for (uint32_t i = 0; i < x->nsorted; i++)
        if (matches(&x->syms[x->sorted[i] - 1], q->filter))
            ses_symbol_out(s->comp, x, x->sorted[i], q_push(q));
    return FTL_OK;
}

FtlStatus ftl_session_symbols(FtlSession *s, const FtlSymbolFilter *filter, FtlSymbol **syms,
                              size_t *count)
{
    Query q = {0};
    q.filter = filter;
    return q_list(s, symbols_body, &q, sizeof(FtlSymbol), syms, count);
}
