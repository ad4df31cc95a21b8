/* parse.c - the parser driver and the tree builders used by grammar/parser.y.
 *
 * The driver pulls tokens from the lexer, chooses the lexer's mode for +cron
 * text and ingress paths, glues +retry durations, tracks brace depth and
 * nesting, and feeds lemon. After a syntax error it skips to the next
 * declaration, module or realm boundary (whichever the grammar's error
 * production accepted) and resumes, so that errors do not cascade.
 */
#include "syntax/parse.h"
#include "base/strlit.h"
#include "syntax/parse_int.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

/* ---- lists on the scratch stack ------------------------------------------------ */

FtlList ftl_list_open(FtlParser *ps)
{
    FtlList l = {ps->nscratch, 0, {0}};
    return l;
}

void ftl_list_push(FtlParser *ps, FtlList *l, void *item, FtlSpan span)
{
    /* Anything above the list's end is debris of an abandoned construct. */
    ps->nscratch = l->start + l->n;
    if (ps->nscratch == ps->capscratch) {
        ps->capscratch = ps->capscratch ? ps->capscratch * 2 : 256;
        ps->scratch = ftl_xrealloc(ps->scratch, ps->capscratch * sizeof *ps->scratch);
    }
    ps->scratch[ps->nscratch++] = item;
    l->span = l->n ? ftl_span_join(l->span, span) : span;
    l->n++;
}

void **ftl_list_take(FtlParser *ps, FtlList l)
{
    if (l.n == 0) {
        ps->nscratch = l.start;
        return NULL;
    }
    void **a = ftl_arena_alloc(ps->arena, l.n * sizeof *a);
    memcpy(a, ps->scratch + l.start, l.n * sizeof *a);
    ps->nscratch = l.start;
    return a;
}

/* ---- leaves -------------------------------------------------------------------- */

const char *ftl_p_ident(FtlParser *ps, const FtlToken *t)
{
    return ftl_intern(ps->in, t->text, t->len);
}

FtlStr ftl_p_word(FtlParser *ps, const FtlToken *t)
{
    FtlStr s = {ftl_intern(ps->in, t->text, t->len), t->len};
    return s;
}

/* The span of bytes [off, off+len) inside token t. */
static FtlSpan span_in_token(const FtlToken *t, size_t off, size_t len)
{
    FtlSpan s = {t->span.file, t->span.off + (uint32_t)off, t->span.off + (uint32_t)(off + len)};
    return s;
}

FtlStr ftl_p_string(FtlParser *ps, const FtlToken *t)
{
    size_t eoff, elen;
    const char *msg;
    ps->tmp.len = 0;
    /* Bad escapes were reported when the token was read (check_string). */
    (void)ftl_str_decode(t->text + 1, t->len - 2, &ps->tmp, &eoff, &elen, &msg);
    FtlStr s = {ftl_arena_strndup(ps->arena, ps->tmp.data ? ps->tmp.data : "", ps->tmp.len),
                ps->tmp.len};
    return s;
}

FtlComment *ftl_p_comment(FtlParser *ps, const FtlToken *t)
{
    FtlComment *c = FTL_NEW(ps->arena, FtlComment);
    size_t n;
    const char *v = ftl_comment_value(t->text, t->len, &n);
    c->span = t->span;
    c->text.ptr = ftl_arena_strndup(ps->arena, v, n);
    c->text.len = n;
    return c;
}

FtlComments ftl_p_comments(FtlParser *ps, FtlList l)
{
    FtlComments cs = {NULL, l.n};
    void **items = ftl_list_take(ps, l);
    if (l.n) {
        cs.items = FTL_NEW_N(ps->arena, FtlComment, l.n);
        for (uint32_t i = 0; i < l.n; i++) cs.items[i] = *(FtlComment *)items[i];
    }
    return cs;
}

int64_t ftl_p_int(FtlParser *ps, const FtlToken *t)
{
    int64_t v = 0;
    const char *msg;
    /* A number token has no length limit: quote at most 40 digits of it. */
    int n = t->len > 40 ? 40 : (int)t->len;
    if (ftl_int_literal(t->text, t->len, &v, &msg) != 0)
        ftl_error(ps->diags, t->span, "E0203", "invalid integer literal '%.*s%s': %s", n, t->text,
                  t->len > 40 ? "..." : "", msg);
    return v;
}

/* ---- types ---------------------------------------------------------------------- */

FtlType *ftl_p_prim(FtlParser *ps, FtlTypeKind k, const FtlToken *t)
{
    FtlType *ty = FTL_NEW(ps->arena, FtlType);
    ty->kind = k;
    ty->span = t->span;
    return ty;
}

FtlType *ftl_p_type2(FtlParser *ps, FtlTypeKind k, FtlSpan span, FtlType *a, FtlType *b)
{
    FtlType *ty = FTL_NEW(ps->arena, FtlType);
    ty->kind = k;
    ty->span = span;
    ty->elem = a;
    ty->value = b;
    return ty;
}

FtlType *ftl_p_reftype(FtlParser *ps, FtlRef *r)
{
    FtlType *ty = FTL_NEW(ps->arena, FtlType);
    ty->kind = FTL_TY_REF;
    ty->span = r->span;
    ty->ref = r;
    return ty;
}

FtlRef *ftl_p_ref(FtlParser *ps, const FtlToken *mod, const FtlToken *name)
{
    FtlRef *r = FTL_NEW(ps->arena, FtlRef);
    r->name = ftl_p_ident(ps, name);
    r->module = mod ? ftl_p_ident(ps, mod) : NULL;
    r->name_off = name->span.off;
    r->span = mod ? ftl_span_join(mod->span, name->span) : name->span;
    return r;
}

void ftl_p_ref_realm(FtlParser *ps, FtlRef *r, const FtlToken *realm)
{
    r->realm = ftl_p_ident(ps, realm);
    r->realm_span = realm->span;
    r->span = ftl_span_join(r->span, realm->span);
}

void ftl_p_ref_args(FtlParser *ps, FtlRef *r, FtlList args, const FtlToken *gt)
{
    r->nargs = args.n;
    r->args = (FtlType **)ftl_list_take(ps, args);
    r->span = ftl_span_join(r->span, gt->span);
}

/* ---- metadata --------------------------------------------------------------------- */

FtlMeta *ftl_p_meta(FtlParser *ps, FtlMetaKind k, const FtlToken *kw)
{
    FtlMeta *m = FTL_NEW(ps->arena, FtlMeta);
    m->kind = k;
    m->span = kw->span;
    return m;
}

void ftl_p_meta_end(FtlMeta *m, FtlSpan end)
{
    m->span = ftl_span_join(m->span, end);
}

void ftl_p_meta_refs(FtlParser *ps, FtlMeta *m, FtlList refs)
{
    m->nrefs = refs.n;
    m->refs = (FtlRef **)ftl_list_take(ps, refs);
    ftl_p_meta_end(m, refs.span);
}

void ftl_p_meta_strs(FtlParser *ps, FtlMeta *m, FtlList strs)
{
    FtlSpan span = strs.span;
    void **items = ftl_list_take(ps, strs);
    m->nstrs = strs.n;
    m->strs = FTL_NEW_N(ps->arena, FtlStr, strs.n);
    for (uint32_t i = 0; i < strs.n; i++) m->strs[i] = *(FtlStr *)items[i];
    ftl_p_meta_end(m, span);
}

FtlMeta *ftl_p_retry(FtlParser *ps, const FtlToken *kw, const FtlToken *count,
                     const FtlRetryDurs *durs, FtlRef *catch_ref)
{
    FtlMeta *m = ftl_p_meta(ps, FTL_MD_RETRY, kw);
    if (count->type) {
        m->has_count = 1;
        m->count = ftl_p_int(ps, count);
        m->count_span = count->span;
        ftl_p_meta_end(m, count->span);
    }
    if (durs->n >= 1) {
        m->min_backoff = ftl_p_word(ps, &durs->min);
        m->min_span = durs->min.span;
        ftl_p_meta_end(m, durs->min.span);
    }
    if (durs->n == 2) {
        m->max_backoff = ftl_p_word(ps, &durs->max);
        m->max_span = durs->max.span;
        ftl_p_meta_end(m, durs->max.span);
    }
    if (catch_ref) {
        m->refs = FTL_NEW(ps->arena, FtlRef *);
        m->refs[0] = catch_ref;
        m->nrefs = 1;
        ftl_p_meta_end(m, catch_ref->span);
    }
    return m;
}

/* D3: the cron text is the rest of the line; runs of spaces and tabs become
 * one space (the lexer already trimmed both ends). */
void ftl_p_cron(FtlParser *ps, FtlMeta *m, const FtlToken *text)
{
    if (text->len == 0) {
        FtlDiag *g = ftl_error(ps->diags, m->span, "E0204",
                               "expected a cron expression after '+cron' on the same line");
        ftl_diag_note(g, (FtlSpan){0}, "for example '+cron 0 */5 * * * *', '+cron 12h' or "
                                       "'+cron Mon'");
        return;
    }
    char *out = ftl_arena_alloc(ps->arena, text->len + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < text->len; i++) {
        char c = text->text[i];
        if (c == ' ' || c == '\t') {
            if (n && out[n - 1] == ' ') continue;
            c = ' ';
        }
        out[n++] = c;
    }
    m->s1.ptr = out;
    m->s1.len = n;
    ftl_p_meta_end(m, text->span);
}


/* One segment of an ingress path at [b, e) of the token; NULL-safe errors. */
static int path_segment(FtlParser *ps, const FtlToken *t, size_t b, size_t e, FtlPathSeg *seg)
{
    const char *s = t->text + b;
    size_t n = e - b;
    seg->span = span_in_token(t, b, n);
    if (n == 0) {
        if (e == t->len)
            ftl_error(ps->diags, span_in_token(t, b - 1, 1), "E0104",
                      "an ingress path must not end with '/'");
        else
            ftl_error(ps->diags, span_in_token(t, b - 1, 2), "E0104",
                      "empty segment in ingress path ('//')");
        return -1;
    }
    const char *q = memchr(s, '"', n);
    if (q) {
        ftl_error(ps->diags, span_in_token(t, b + (size_t)(q - s), 1), "E0104",
                  "quotes are not allowed in ingress paths");
        return -1;
    }
    if (s[0] == '{') {
        if (n < 3 || s[n - 1] != '}' || !ftl_is_plain_ident(s + 1, n - 2)) {
            ftl_error(ps->diags, seg->span, "E0104",
                      "a path parameter is written '{name}' and fills a whole segment");
            return -1;
        }
        seg->is_param = 1;
        seg->text.ptr = ftl_intern(ps->in, s + 1, n - 2);
        seg->text.len = n - 2;
        return 0;
    }
    /* Underline a parameter glued to text ("/a{id}") from '{' to '}'. */
    const char *br = memchr(s, '{', n), *end;
    if (br) end = memchr(br, '}', n - (size_t)(br - s));
    else br = end = memchr(s, '}', n);
    if (br) {
        size_t len = end ? (size_t)(end - br) + 1 : n - (size_t)(br - s);
        ftl_error(ps->diags, span_in_token(t, b + (size_t)(br - s), len), "E0104",
                  "a path parameter is written '{name}' and fills a whole segment");
        return -1;
    }
    seg->text.ptr = ftl_arena_strndup(ps->arena, s, n);
    seg->text.len = n;
    return 0;
}

void ftl_p_path(FtlParser *ps, FtlMeta *m, const FtlToken *t)
{
    ftl_p_meta_end(m, t->span);
    if (t->len == 1) return; /* "/" alone: the root, an empty path */
    uint32_t nseg = 1;
    for (uint32_t i = 1; i < t->len; i++) nseg += t->text[i] == '/';
    m->path = FTL_NEW_N(ps->arena, FtlPathSeg, nseg);
    size_t b = 1;
    for (uint32_t i = 1; i <= t->len; i++) {
        if (i < t->len && t->text[i] != '/') continue;
        if (path_segment(ps, t, b, i, &m->path[m->npath]) != 0) return;
        m->npath++;
        b = i + 1;
    }
}

static int ascii_caseeq(const char *s, size_t n, const char *lit)
{
    if (strlen(lit) != n) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c != lit[i]) return 0;
    }
    return 1;
}

/* The +alias kind matches json or unspecified case-insensitively (spec 2.10). */
void ftl_p_alias_kind(FtlParser *ps, FtlMeta *m, const FtlToken *kind)
{
    if (ascii_caseeq(kind->text, kind->len, "json")) {
        m->alias_kind = FTL_ALIAS_JSON;
    } else if (ascii_caseeq(kind->text, kind->len, "unspecified")) {
        m->alias_kind = FTL_ALIAS_UNSPECIFIED;
    } else {
        FtlDiag *g = ftl_error(ps->diags, kind->span, "E0205", "unknown alias kind '%.*s'",
                               (int)kind->len, kind->text);
        ftl_diag_fixit_edit(g, kind->span, "json", "write '+alias json \"name\"'");
    }
}

/* D13: +artefact and +image digests are exactly 64 hex digits, kept lowercase. */
void ftl_p_hex_digest(FtlParser *ps, FtlStr *out, const FtlToken *t)
{
    FtlStr s = ftl_p_string(ps, t);
    int ok = s.len == 64;
    char *low = ftl_arena_strndup(ps->arena, s.ptr, s.len);
    for (size_t i = 0; i < s.len; i++) {
        char c = low[i];
        if (c >= 'A' && c <= 'F') low[i] = (char)(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) ok = 0;
    }
    if (!ok)
        ftl_error(ps->diags, t->span, "E0206",
                  "a digest must be exactly 64 hexadecimal digits (SHA-256)");
    out->ptr = low;
    out->len = s.len;
}

/* ---- declarations ---------------------------------------------------------------- */

FtlDecl *ftl_p_decl(FtlParser *ps, FtlDeclKind k, FtlVisSpec vis, const FtlToken *kw,
                    const FtlToken *name)
{
    FtlDecl *d = FTL_NEW(ps->arena, FtlDecl);
    d->kind = k;
    d->vis = vis.vis;
    d->name = ftl_p_ident(ps, name);
    d->name_span = name->span;
    d->vis_span = vis.span;
    d->kw_span = kw->span;
    d->span = ftl_span_valid(vis.span) ? ftl_span_join(vis.span, name->span)
                                       : ftl_span_join(kw->span, name->span);
    return d;
}

void ftl_p_decl_end(FtlDecl *d, FtlSpan end)
{
    d->span = ftl_span_join(d->span, end);
}

void ftl_p_decl_comments(FtlParser *ps, FtlDecl *d, FtlList comments)
{
    if (comments.n) d->span = ftl_span_join(comments.span, d->span);
    d->comments = ftl_p_comments(ps, comments);
}

FtlMetaList ftl_p_metas(FtlParser *ps, FtlList l)
{
    FtlMetaList ml;
    ml.count = l.n;
    ml.items = (FtlMeta **)ftl_list_take(ps, l);
    return ml;
}

FtlTypeParam *ftl_p_tparam(FtlParser *ps, const FtlToken *name)
{
    FtlTypeParam *p = FTL_NEW(ps->arena, FtlTypeParam);
    p->name = ftl_p_ident(ps, name);
    p->span = name->span;
    return p;
}

void ftl_p_tparams(FtlParser *ps, FtlDecl *d, FtlList l)
{
    void **items = ftl_list_take(ps, l);
    d->nparams = l.n;
    if (l.n) d->params = FTL_NEW_N(ps->arena, FtlTypeParam, l.n);
    for (uint32_t i = 0; i < l.n; i++) d->params[i] = *(FtlTypeParam *)items[i];
}

FtlField *ftl_p_field(FtlParser *ps, FtlList comments, const FtlToken *name, FtlType *type,
                      FtlList meta)
{
    FtlField *f = FTL_NEW(ps->arena, FtlField);
    FtlSpan end = meta.n ? meta.span : type->span;
    f->meta = ftl_p_metas(ps, meta);
    f->comments = ftl_p_comments(ps, comments);
    f->name = ftl_p_ident(ps, name);
    f->name_span = name->span;
    f->type = type;
    f->span = ftl_span_join(comments.n ? comments.span : name->span, end);
    return f;
}

FtlVariant *ftl_p_value(FtlParser *ps, FtlValueKind k, const FtlToken *t, FtlType *type)
{
    FtlVariant *v = FTL_NEW(ps->arena, FtlVariant);
    v->vkind = k;
    if (k == FTL_VAL_STRING) v->str = ftl_p_string(ps, t);
    else if (k == FTL_VAL_INT) v->ival = ftl_p_int(ps, t);
    else v->type = type;
    v->value_span = type ? type->span : t->span;
    return v;
}

FtlVariant *ftl_p_variant(FtlParser *ps, FtlList comments, const FtlToken *name, FtlVariant *v)
{
    v->comments = ftl_p_comments(ps, comments);
    v->name = ftl_p_ident(ps, name);
    v->name_span = name->span;
    v->span = ftl_span_join(comments.n ? comments.span : name->span, v->value_span);
    return v;
}

/* ---- modules and realms ---------------------------------------------------------- */

FtlModule *ftl_p_module(FtlParser *ps, FtlList comments, const FtlToken *builtin,
                        const FtlToken *kw, const FtlToken *name, const FtlToken *lbrace)
{
    FtlModule *m = FTL_NEW(ps->arena, FtlModule);
    FtlSpan start = comments.n ? comments.span : builtin ? builtin->span : kw->span;
    m->comments = ftl_p_comments(ps, comments);
    m->builtin = builtin != NULL;
    if (builtin) m->builtin_span = builtin->span;
    m->kw_span = kw->span;
    m->name = ftl_p_ident(ps, name);
    m->name_span = name->span;
    m->span = ftl_span_join(start, lbrace->span);
    ps->module_depth = lbrace->depth + 1;
    ps->module_name = m->name;
    return m;
}

void ftl_p_module_end(FtlParser *ps, FtlModule *m, FtlList meta, FtlList decls,
                      const FtlToken *rbrace)
{
    m->ndecls = decls.n;
    m->decls = (FtlDecl **)ftl_list_take(ps, decls);
    m->meta = ftl_p_metas(ps, meta);
    m->span = ftl_span_join(m->span, rbrace->span);
}

FtlRealm *ftl_p_realm(FtlParser *ps, const FtlToken *ext, const FtlToken *kw,
                      const FtlToken *name, const FtlToken *lbrace)
{
    FtlRealm *r = FTL_NEW(ps->arena, FtlRealm);
    r->external = ext != NULL;
    r->name = ftl_p_ident(ps, name);
    r->name_span = name->span;
    r->span = ftl_span_join(ext ? ext->span : kw->span, lbrace->span);
    ps->realm_depth = lbrace->depth + 1;
    return r;
}

void ftl_p_realm_end(FtlParser *ps, FtlRealm *r, FtlList modules, const FtlToken *rbrace)
{
    r->nmodules = modules.n;
    r->modules = (FtlModule **)ftl_list_take(ps, modules);
    r->span = ftl_span_join(r->span, rbrace->span);
}

/* ---- syntax errors ----------------------------------------------------------------- */

static int is_wordlike(const FtlToken *t)
{
    return t->len && t->type != TK_STRING && t->type != TK_COMMENT &&
           ((t->text[0] >= 'a' && t->text[0] <= 'z') || (t->text[0] >= 'A' && t->text[0] <= 'Z') ||
            t->text[0] == '_');
}

/* Every keyword has its own token code, REALM … IMAGE in the order of the
 * %fallback declaration of grammar/parser.y. */
static int is_keyword(int t)
{
    return t >= TK_REALM && t <= TK_IMAGE;
}

static int is_decl_keyword(int t)
{
    switch (t) {
    case TK_DATA: case TK_VERB: case TK_ENUM: case TK_TYPEALIAS: case TK_CONFIG: case TK_SECRET:
    case TK_DATABASE: case TK_TOPIC:
        return 1;
    default:
        return 0;
    }
}

static int is_prim_keyword(int t)
{
    return t >= TK_KW_INT && t <= TK_KW_UNIT;
}

/* A keyword the grammar took as an identifier (%fallback): 'data' as a field
 * name, 'Int' as a field name when the type before it is missing. */
static int as_ident(const FtlToken *t)
{
    return is_keyword(t->type) && t->shifted_to && ftl_parser_shifted_ident(t->shifted_to);
}

/* How the expected token t is described in "expected …". */
static const char *expected_name(int t)
{
    switch (t) {
    case 0: return "end of input";
    case TK_IDENT: return "an identifier";
    case TK_STRING: return "a string";
    case TK_NUMBER: return "a number";
    case TK_SHA256: return "a 64-digit SHA-256 digest";
    case TK_PATH: return "an ingress path starting with '/'";
    case TK_DURATION: return "a duration such as '5s'";
    case TK_CRONTEXT: return "a cron expression";
    case TK_LBRACE: return "'{'";
    case TK_RBRACE: return "'}'";
    case TK_LPAREN: return "'('";
    case TK_RPAREN: return "')'";
    case TK_LBRACKET: return "'['";
    case TK_RBRACKET: return "']'";
    case TK_LT: return "'<'";
    case TK_GT: return "'>'";
    case TK_COMMA: return "','";
    case TK_DOT: return "'.'";
    case TK_COLON: return "':'";
    case TK_AT: return "'@'";
    case TK_PLUS: return "'+'";
    case TK_QUESTION: return "'?'";
    case TK_EQ: return "'='";
    default: return NULL;
    }
}

/* Every terminal a message could name, in the order messages list them. */
static const int expected_order[] = {
    TK_LBRACE, TK_LT, TK_LPAREN, TK_COLON, TK_EQ, TK_DOT, TK_AT, TK_COMMA, TK_GT, TK_RPAREN,
    TK_RBRACKET, TK_QUESTION, TK_PLUS, TK_RBRACE, TK_STRING, TK_NUMBER, TK_SHA256, TK_PATH,
    TK_DURATION, TK_CRONTEXT, 0};

/* The declaration keywords, in the order messages list them. */
static const int decl_keywords[] = {TK_DATA,  TK_VERB,   TK_ENUM,   TK_TYPEALIAS,
                                    TK_TOPIC, TK_CONFIG, TK_SECRET, TK_DATABASE};

static void add_item(FtlBuf *b, int *n, const char *item)
{
    if (*n) ftl_buf_puts(b, ", ");
    ftl_buf_puts(b, item);
    (*n)++;
}

/* The quoted spelling of a keyword that messages may name on its own. */
static const char *keyword_quoted(int t)
{
    switch (t) {
    case TK_EXPORT: return "'export'";
    case TK_EXTERNAL: return "'external'";
    case TK_BUILTIN: return "'builtin'";
    case TK_DATA: return "'data'";
    case TK_VERB: return "'verb'";
    case TK_ENUM: return "'enum'";
    case TK_TYPEALIAS: return "'typealias'";
    case TK_TOPIC: return "'topic'";
    case TK_CONFIG: return "'config'";
    case TK_SECRET: return "'secret'";
    case TK_DATABASE: return "'database'";
    case TK_POSTGRES: return "'postgres'";
    case TK_MYSQL: return "'mysql'";
    case TK_USES: return "'uses'";
    case TK_FROM: return "'from'";
    case TK_BEGINNING: return "'beginning'";
    case TK_LATEST: return "'latest'";
    case TK_HTTP: return "'http'";
    case TK_GET: return "'GET'";
    case TK_POST: return "'POST'";
    case TK_PUT: return "'PUT'";
    case TK_DELETE: return "'DELETE'";
    case TK_GO: return "'go'";
    case TK_KOTLIN: return "'kotlin'";
    case TK_JAVA: return "'java'";
    case TK_JSON: return "'json'";
    case TK_SHA256KW: return "'sha256'";
    case TK_QUERY: return "'query'";
    case TK_COLUMN: return "'column'";
    case TK_CATCH: return "'catch'";
    default: return "a keyword";
    }
}

/* "a declaration" when every kind may follow; after 'export' only some may,
 * and the message names them. */
static void add_declarations(FtlBuf *b, int *n, int (*accepts)(void *, int), void *parser)
{
    if (!accepts(parser, TK_DATA)) return; /* '+config': metadata, not a declaration */
    int ok[8], nok = 0;
    for (size_t i = 0; i < 8; i++) nok += ok[i] = accepts(parser, decl_keywords[i]);
    if (nok == 8) {
        add_item(b, n, "a declaration");
        return;
    }
    for (size_t i = 0; i < 8; i++)
        if (ok[i]) add_item(b, n, keyword_quoted(decl_keywords[i]));
}

/* Turns the last ", " of a list of n items into " or ". */
static void last_comma_to_or(FtlBuf *b, int n)
{
    const char *s = ftl_buf_cstr(b);
    const char *last = NULL;
    for (const char *p = s; (p = strstr(p, ", ")) != NULL; p += 2) last = p;
    if (!last || n < 2) return;
    size_t at = (size_t)(last - s);
    FtlBuf r;
    ftl_buf_init(&r);
    ftl_buf_put(&r, s, at);
    ftl_buf_puts(&r, " or ");
    ftl_buf_puts(&r, s + at + 2);
    b->len = 0;
    ftl_buf_put(b, r.data, r.len);
    ftl_buf_free(&r);
}

/* Builds "a type, '}' or end of input" from what the parser would accept. */
static void describe_expected(FtlBuf *b, int (*accepts)(void *, int), void *parser)
{
    int n = 0;
    int ident = accepts(parser, TK_IDENT);
    int type = ident && accepts(parser, TK_KW_INT) && accepts(parser, TK_LBRACKET);
    if (type) add_item(b, &n, "a type");
    add_declarations(b, &n, accepts, parser);
    if (accepts(parser, TK_MODULE)) add_item(b, &n, "'module'");
    if (accepts(parser, TK_REALM) && !ident) add_item(b, &n, "'realm'");
    if (accepts(parser, TK_CALLS) && !ident) add_item(b, &n, "a metadata keyword such as 'calls'");
    if (ident && !type) add_item(b, &n, "an identifier");
    if (!ident) {
        /* Keywords expected in their own right (not as identifiers). */
        static const int kws[] = {TK_EXPORT, TK_EXTERNAL, TK_BUILTIN, TK_POSTGRES, TK_MYSQL,
                                  TK_USES, TK_FROM, TK_BEGINNING, TK_LATEST, TK_HTTP, TK_GET,
                                  TK_POST, TK_PUT, TK_DELETE, TK_GO, TK_KOTLIN, TK_JAVA, TK_JSON,
                                  TK_SHA256KW, TK_QUERY, TK_COLUMN, TK_CATCH};
        for (size_t i = 0; i < sizeof kws / sizeof kws[0]; i++) {
            if (!accepts(parser, kws[i])) continue;
            if (kws[i] == TK_EXPORT && accepts(parser, TK_DATA)) continue;
            add_item(b, &n, keyword_quoted(kws[i]));
        }
    }
    for (size_t i = 0; i < sizeof expected_order / sizeof expected_order[0]; i++) {
        int t = expected_order[i];
        if (type && (t == TK_LBRACE)) continue;
        if (accepts(parser, t)) add_item(b, &n, expected_name(t));
    }
    if (n == 0) ftl_buf_puts(b, "something else");
    else last_comma_to_or(b, n);
}

/* What the keyword kw names when it is followed by a name ("module" for
 * 'module m'), or NULL: only keywords the grammar took as themselves count,
 * and '+config x' is metadata, not a config declaration. */
static const char *named_by(const FtlParser *ps, const FtlToken *kw)
{
    if ((kw == &ps->prev2 && ps->prev3_type == TK_PLUS) || as_ident(kw)) return NULL;
    switch (kw->type) {
    case TK_MODULE: return "module";
    case TK_REALM: return "realm";
    case TK_DATA: return "data";
    case TK_VERB: return "verb";
    case TK_ENUM: return "enum";
    case TK_TYPEALIAS: return "type alias";
    case TK_CONFIG: return "config";
    case TK_SECRET: return "secret";
    case TK_TOPIC: return "topic";
    case TK_POSTGRES: case TK_MYSQL: return "database";
    default: return NULL;
    }
}

/* The name just after a keyword that names something ("after module name")? */
static const char *after_name_of(const FtlParser *ps)
{
    if (!is_wordlike(&ps->prev) || ps->prev.type == TK_SHA256) return NULL;
    return named_by(ps, &ps->prev2);
}

/* "after module name", "after 'verb'": where the parser was when it failed. */
static void describe_context(FtlBuf *b, const FtlParser *ps)
{
    const FtlToken *p = &ps->prev;
    if (p->type == 0 || p->type == TK_START_SCHEMA || p->type == TK_START_MODULE) return;
    const char *what = after_name_of(ps);
    if (what) {
        ftl_buf_printf(b, " after %s name", what);
        return;
    }
    char d[64];
    ftl_token_describe(p, d, sizeof d);
    ftl_buf_printf(b, " after %s", d);
}

static const char comment_places[] =
    "comments are allowed only right before a module, declaration, field or enum variant; not "
    "before '}', at the top of a schema file or between a declaration and its metadata";

/* A comment followed by something that cannot carry it: report the comment. */
static FtlDiag *dangling_comment(FtlParser *ps, const FtlToken *found)
{
    FtlDiag *g = ftl_error(ps->diags, ps->prev.span, "E0207",
                           "comment has no module, declaration, field or enum variant to "
                           "attach to");
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    ftl_diag_note(g, found->span, "the comment is followed by %s", d);
    ftl_diag_note(g, (FtlSpan){0}, comment_places);
    return g;
}

static FtlDiag *misplaced_comment(FtlParser *ps, const FtlToken *found)
{
    FtlDiag *g = ftl_error(ps->diags, found->span, "E0207", "comment is not allowed here");
    ftl_diag_note(g, (FtlSpan){0}, comment_places);
    return g;
}

/* "'data' was read as a name here": a declaration or type keyword that the
 * grammar took as an identifier just before the error usually means that
 * something is missing before it (a '}' before 'data', a type before 'Int'). */
static void hint_misread_keyword(const FtlParser *ps, FtlDiag *g)
{
    const FtlToken *k = NULL, *p = &ps->prev, *p2 = &ps->prev2;
    if ((is_decl_keyword(p->type) || is_prim_keyword(p->type)) && as_ident(p) && !named_by(ps, p2))
        k = p;
    else if (is_decl_keyword(p2->type) && is_wordlike(p) && as_ident(p2))
        k = p2;
    if (k)
        ftl_diag_note(g, k->span,
                      "'%.*s' was read as a name here (keywords are contextual); is something "
                      "missing before it?",
                      (int)k->len, k->text);
}

/* Is the innermost open block the body of an enum? */
static int in_enum_body(const FtlParser *ps)
{
    return ps->nopen && ps->open[ps->nopen - 1].span.off + 1 == ps->enum_body;
}

/* "A⏎ B = 2": variant A without a value took B as its type. */
static void hint_enum_variant(const FtlParser *ps, FtlDiag *g, const FtlToken *found)
{
    if (found->type != TK_EQ && found->type != TK_STRING && found->type != TK_NUMBER) return;
    if (!in_enum_body(ps) || !is_wordlike(&ps->prev) || !is_wordlike(&ps->prev2)) return;
    const FtlToken *v = &ps->prev, *name = &ps->prev2;
    ftl_diag_note(g, v->span,
                  "'%.*s' was read as the value of enum variant '%.*s'; is a value missing after "
                  "'%.*s'?",
                  (int)v->len, v->text, (int)name->len, name->text, (int)name->len, name->text);
}

static void hint_export(const FtlParser *ps, FtlDiag *g, const FtlToken *found)
{
    int after_export = ps->prev.type == TK_EXPORT ||
                       (ps->prev.type == TK_REALM && ps->prev2.type == TK_EXPORT);
    if (after_export &&
        (found->type == TK_CONFIG || found->type == TK_SECRET || found->type == TK_DATABASE) &&
        !as_ident(&ps->prev))
        ftl_diag_note(g, (FtlSpan){0},
                      "config, secret and database declarations cannot be exported");
}

static void hint_module_file(const FtlParser *ps, FtlDiag *g, const FtlToken *found,
                             int (*accepts)(void *, int), void *parser)
{
    int t = found->type;
    if (ps->module_file && accepts(parser, 0) &&
        (t == TK_MODULE || t == TK_BUILTIN || t == TK_REALM || t == TK_EXTERNAL))
        ftl_diag_note(g, (FtlSpan){0},
                      "a file that starts with 'module' is a module file and holds exactly one "
                      "module");
}

/* '+ingress http get /a': methods are case-sensitive. */
static void hint_method(FtlDiag *g, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser)
{
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
    if (!is_wordlike(found) || found->len > 6 || !accepts(parser, TK_GET)) return;
    char up[8];
    for (uint32_t i = 0; i < found->len; i++) {
        char c = found->text[i];
        up[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    up[found->len] = 0;
    for (size_t i = 0; i < 4; i++)
        if (strcmp(up, methods[i]) == 0)
            ftl_diag_fixit_edit(g, found->span, methods[i], "HTTP methods are upper case: write '%s'",
                                methods[i]);
}

/* '+retry 10 5 s': a duration is written without a space. */
static void hint_duration(const FtlParser *ps, FtlDiag *g, const FtlToken *found,
                          int (*accepts)(void *, int), void *parser)
{
    const FtlToken *unit = &ps->pending;
    if (found->type != TK_NUMBER || !ps->has_pending || !is_wordlike(unit) || unit->nl_before ||
        !accepts(parser, TK_DURATION))
        return;
    char joined[128];
    snprintf(joined, sizeof joined, "%.*s%.*s", (int)found->len, found->text, (int)unit->len,
             unit->text);
    ftl_diag_fixit_edit(g, ftl_span_join(found->span, unit->span), joined,
                        "write a duration without a space: '%s'", joined);
}

static void add_hints(FtlParser *ps, FtlDiag *g, const FtlToken *found,
                      int (*accepts)(void *, int), void *parser)
{
    if (found->type == TK_SHA256 && accepts(parser, TK_IDENT))
        ftl_diag_note(g, (FtlSpan){0}, "a word of exactly 64 letters, digits or underscores is "
                                       "read as a SHA-256 digest, not as an identifier");
    if (found->type == TK_PUNCT && found->len == 1 && found->text[0] == '-' &&
        accepts(parser, TK_NUMBER))
        ftl_diag_note(g, (FtlSpan){0}, "numbers in FTL schemas are never negative");
    hint_misread_keyword(ps, g);
    hint_enum_variant(ps, g, found);
    hint_export(ps, g, found);
    hint_module_file(ps, g, found, accepts, parser);
    hint_method(g, found, accepts, parser);
    hint_duration(ps, g, found, accepts, parser);
    if (ps->insert_lbrace) {
        FtlSpan after = {ps->prev.span.file, ps->prev.span.end, ps->prev.span.end};
        ftl_diag_fixit_edit(g, after, " {", "insert '{' after '%.*s'", (int)ps->prev.len,
                            ps->prev.text);
    }
}

static FtlDiag *unexpected_token(FtlParser *ps, const FtlToken *found,
                                 int (*accepts)(void *, int), void *parser)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "expected ");
    describe_expected(&b, accepts, parser);
    describe_context(&b, ps);
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    FtlDiag *g = ftl_error(ps->diags, found->span, "E0201", "%s, found %s", ftl_buf_cstr(&b), d);
    ftl_buf_free(&b);
    add_hints(ps, g, found, accepts, parser);
    return g;
}

/* Errors that only echo an earlier one: the end of the input inside an
 * unterminated string, or a '}' or end of input that is out of balance once a
 * '}' has been found not to line up with its '{' (a brace is missing or extra,
 * and an earlier error has already said so). */
static int is_follow_on(const FtlParser *ps, const FtlToken *found)
{
    if (found->type == 0 && ps->truncated) return 1;
    if (!ps->brace_suspect || ps->diags->errors == ps->errors_at_start) return 0;
    return (found->type == 0 && ps->nopen) || (found->type == TK_RBRACE && found->unmatched);
}

/* At the end of the input, the innermost '{' still open. */
static void note_unclosed(const FtlParser *ps, FtlDiag *g)
{
    const FtlOpen *o = &ps->open[ps->nopen - 1];
    if (o->inserted)
        ftl_diag_note(g, o->span, "to match the '{' inserted after '%.*s'",
                      (int)(o->span.end - o->span.off), ps->text + o->span.off);
    else
        ftl_diag_note(g, o->span, "to match this '{'");
}

void ftl_p_syntax_error(FtlParser *ps, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser)
{
    ps->syntax_error = 1;
    ps->err_diag = -1;
    if (found->type == TK_ILLEGAL) return; /* the lexer has said what is wrong */
    if (is_follow_on(ps, found)) return;
    FtlDiag *g;
    if (ps->prev.type == TK_COMMENT && !ps->prev_rejected && found->type != TK_COMMENT)
        g = dangling_comment(ps, found);
    else if (found->type == TK_COMMENT)
        g = misplaced_comment(ps, found);
    else
        g = unexpected_token(ps, found, accepts, parser);
    if (found->type == 0 && ps->nopen) note_unclosed(ps, g);
    ps->err_diag = (int)(g - ps->diags->items);
}

/* ---- the driver --------------------------------------------------------------------- */

typedef struct Driver {
    FtlParser ps;
    FtlLexer lx;
    void *parser;
    int last, last2;      /* types of the last two tokens read, for the lexer modes */
    FtlToken rbrace;      /* the last '}' the parser accepted */
    int in_retry;
    uint32_t nesting; /* brackets of every kind; '{' alone is ps.nopen */
    uint32_t line_first; /* offset of the first token of the current line (newlines
                            inside string literals do not count) */
    int stop; /* parsing stops: brackets nested too deeply (E0202), or more
                 errors in this file than can be shown (E0208) */
} Driver;

static int raw_token(Driver *dv, FtlToken *t)
{
    if (dv->ps.has_pending) {
        *t = dv->ps.pending;
        dv->ps.has_pending = 0;
        return t->type;
    }
    return ftl_lex(&dv->lx, t);
}

/* The token after the current one, without consuming it. */
static const FtlToken *peek_token(Driver *dv)
{
    if (!dv->ps.has_pending) {
        ftl_lex(&dv->lx, &dv->ps.pending);
        dv->ps.has_pending = 1;
    }
    return &dv->ps.pending;
}

/* +retry: a number glued to a word is a duration ('5s', '1m5s'; spec 1.7). */
static void glue_duration(Driver *dv, FtlToken *t)
{
    if (dv->in_retry && t->type == TK_NUMBER) {
        FtlToken n;
        raw_token(dv, &n);
        if (is_wordlike(&n) && !n.ws_before) {
            t->type = TK_DURATION;
            t->len = (uint32_t)(n.text + n.len - t->text);
            t->span = ftl_span_join(t->span, n.span);
        } else {
            dv->ps.pending = n;
            dv->ps.has_pending = 1;
        }
    }
    if (t->type == TK_PLUS) dv->in_retry = 0;
    else if (t->type == TK_RETRY && dv->last == TK_PLUS) dv->in_retry = 1;
    else if (t->type != TK_NUMBER && t->type != TK_DURATION) dv->in_retry = 0;
}

/* The lexer's mode for the token after t: +cron text, ingress paths. */
static void set_lexer_mode(Driver *dv, const FtlToken *t)
{
    if (t->type == TK_CRON && dv->last == TK_PLUS) dv->lx.mode = FTL_LEX_CRON;
    if ((t->type == TK_GET || t->type == TK_POST || t->type == TK_PUT || t->type == TK_DELETE) &&
        (dv->last == TK_INGRESS || (dv->last == TK_HTTP && dv->last2 == TK_INGRESS)))
        dv->lx.mode = FTL_LEX_PATH;
}

static void push_open(FtlParser *ps, FtlOpen o)
{
    if (ps->nopen == ps->capopen) {
        ps->capopen = ps->capopen ? ps->capopen * 2 : 16;
        ps->open = ftl_xrealloc(ps->open, ps->capopen * sizeof *ps->open);
    }
    ps->open[ps->nopen++] = o;
}

/* Indentation is measured only this far back: a longer run of blanks (not a
 * real schema) counts as lined up, so that no input makes this slow. */
enum { INDENT_SCAN_MAX = 256 };

/* The indentation of the token at off that starts its line: the blanks before
 * it; -1 if there are too many to count. */
static int indent_before(const char *text, uint32_t off)
{
    uint32_t i = off;
    while (i > 0 && (text[i - 1] == ' ' || text[i - 1] == '\t') && off - i < INDENT_SCAN_MAX) i--;
    return off - i < INDENT_SCAN_MAX ? (int)(off - i) : -1;
}

/* Does the '}' t line up with the '{' o: on the same line, or first on its own
 * line and indented like the line of the '{'? One that does not hints that a
 * brace is missing or extra. first: the first token of the line of t. */
static int lines_up(const char *text, const FtlOpen *o, const FtlToken *t, uint32_t first)
{
    if (!t->nl_before) return first == o->first;
    int a = indent_before(text, t->span.off), b = indent_before(text, o->first);
    return a < 0 || b < 0 || a == b;
}

static void close_brace(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (dv->nesting) dv->nesting--;
    if (!ps->nopen) {
        t->unmatched = 1;
        t->depth = 0;
        return;
    }
    ps->last_closed = ps->open[--ps->nopen];
    ps->suspect_before = ps->brace_suspect;
    t->depth = ps->nopen;
    t->lined_up = (uint8_t)lines_up(ps->text, &ps->last_closed, t, dv->line_first);
    if (!t->lined_up) ps->brace_suspect = 1;
}

/* Brace depth, the stack of open '{' and the nesting limit (E0202), for every
 * token read, including those skipped by recovery. */
static void track_brackets(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    t->depth = ps->nopen;
    switch (t->type) {
    case TK_LBRACE:
        push_open(ps, (FtlOpen){t->span, dv->line_first, 0});
        dv->nesting++;
        break;
    case TK_RBRACE:
        close_brace(dv, t);
        break;
    case TK_LBRACKET: case TK_LPAREN: case TK_LT:
        dv->nesting++;
        break;
    case TK_RBRACKET: case TK_RPAREN: case TK_GT:
        if (dv->nesting) dv->nesting--;
        break;
    default:
        break;
    }
    if (dv->nesting > FTL_MAX_NESTING && !dv->stop) {
        dv->stop = 1;
        ftl_error(ps->diags, t->span, "E0202", "brackets are nested too deeply (more than %d levels)",
                  FTL_MAX_NESTING);
    }
}

/* Escapes are checked as soon as a literal is read, so that they are reported
 * even where the construct around the literal is broken, and only once. */
static void check_string(FtlParser *ps, const FtlToken *t)
{
    size_t off, len;
    const char *msg;
    if (ftl_str_decode(t->text + 1, t->len - 2, NULL, &off, &len, &msg) != 0)
        ftl_error(ps->diags, span_in_token(t, off + 1, len), "E0103",
                  "invalid escape sequence in string literal: %s", msg);
}

/* The next token as the grammar sees it: with lexer modes applied, +retry
 * durations glued, brackets tracked and string escapes checked. */
static int next_token(Driver *dv, FtlToken *t)
{
    raw_token(dv, t);
    t->unmatched = t->lined_up = 0;
    t->shifted_to = 0;
    if (t->nl_before) dv->line_first = t->span.off;
    glue_duration(dv, t);
    set_lexer_mode(dv, t);
    track_brackets(dv, t);
    if (t->type == TK_STRING) check_string(&dv->ps, t);
    /* An unterminated string is the lone quote (a string over the length limit
     * is the whole literal, and the input goes on after it). */
    else if (t->type == TK_ILLEGAL && t->text[0] == '"' && t->len == 1) dv->ps.truncated = 1;
    /* More errors in this file than can be shown (E0208): stop, so that a
     * hopeless input costs no more than max_errors errors' worth of work. */
    if (ftl_diags_too_many(dv->ps.diags, dv->ps.errors_at_start) && !dv->stop) {
        dv->stop = 1;
        ftl_diags_give_up(dv->ps.diags, t->span);
    }
    dv->last2 = dv->last;
    dv->last = t->type;
    return t->type;
}

/* Bookkeeping after a token was fed that the parser rejected, or that is a
 * keyword or a '}' (out of line: the common token needs none of it). */
static void fed_special(Driver *dv, const FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    ps->prev_rejected = ps->syntax_error;
    if (ps->syntax_error) return;
    /* Whether a keyword stayed one decides messages ("after data name", "'data'
     * was read as a name"); worked out from this state only when they are written. */
    if (is_keyword(t->type)) ps->prev.shifted_to = (uint16_t)ftl_parser_top(dv->parser);
    else if (t->type == TK_RBRACE) dv->rbrace = *t;
}

static inline void feed(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    FtlParse(dv->parser, t->type, *t, ps);
    ps->prev3_type = ps->prev2.type;
    ps->prev2 = ps->prev;
    ps->prev = *t;
    if (ps->syntax_error | ps->prev_rejected || is_keyword(t->type) || t->type == TK_RBRACE)
        fed_special(dv, t);
}

static FtlSpan end_of_input(const FtlLexer *lx)
{
    FtlSpan s = {lx->file, (uint32_t)(lx->lim - lx->base), (uint32_t)(lx->lim - lx->base)};
    return s;
}

/* ---- recovery ------------------------------------------------------------------------- */

static int starts_module(const FtlParser *ps, const FtlToken *t)
{
    return (t->type == TK_MODULE || t->type == TK_BUILTIN) && !ps->module_file;
}

/* Where may parsing resume after an error at this level? sync 0: nowhere but
 * the end of the input (after the module of a module file). A module among
 * declarations resumes too: the '}' of the module before it is missing. */
static int is_sync_point(const FtlParser *ps, int sync, const FtlToken *t, uint32_t target,
                         int after_block)
{
    if (t->type == TK_RBRACE)
        return sync && sync != TK_SYNC_REALM && !t->unmatched && t->depth + 1 == target;
    if (t->depth != target || !(t->nl_before || after_block)) return 0;
    switch (sync) {
    case TK_SYNC_DECL:
        return is_decl_keyword(t->type) || t->type == TK_EXPORT || t->type == TK_COMMENT ||
               starts_module(ps, t);
    case TK_SYNC_MODULE: return t->type == TK_MODULE || t->type == TK_BUILTIN || t->type == TK_COMMENT;
    case TK_SYNC_REALM: return t->type == TK_REALM || t->type == TK_EXTERNAL;
    default: return 0;
    }
}

static void skip_to(Driver *dv, FtlToken *t, int sync, uint32_t target, int after_block)
{
    while (t->type != 0 && !dv->stop && !is_sync_point(&dv->ps, sync, t, target, after_block)) {
        after_block = t->type == TK_RBRACE && t->depth == target;
        next_token(dv, t);
    }
    if (t->type == 0) t->span = end_of_input(&dv->lx);
}

/* Which error production lemon has shifted: declarations, modules or realms. */
static int sync_level(void *parser)
{
    static const int syncs[] = {TK_SYNC_DECL, TK_SYNC_MODULE, TK_SYNC_REALM};
    for (size_t i = 0; i < 3; i++)
        if (ftl_parser_accepts(parser, syncs[i])) return syncs[i];
    return 0;
}

static void feed_sync(Driver *dv, const FtlToken *at, int sync)
{
    FtlToken s = *at;
    s.type = sync;
    FtlParse(dv->parser, sync, s, &dv->ps);
    ftl_parser_clear_errors(dv->parser);
}

/* lemon popped the '}' that had just closed a block, because the token after it
 * fits nowhere. Was that '}' one too many? Only if it closed a module of a
 * realm without lining up with it and a declaration follows. */
static int rbrace_was_extra(const Driver *dv, const FtlToken *t, int sync)
{
    return sync == TK_SYNC_DECL && !dv->ps.module_file && !dv->rbrace.lined_up &&
           (is_decl_keyword(t->type) || t->type == TK_EXPORT);
}

/* The extra '}' is dropped: the module stays open and t continues it. */
static void reopen(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (ps->err_diag >= 0)
        ftl_diag_note(&ps->diags->items[ps->err_diag], dv->rbrace.span,
                      "this '}' closed module '%s'; is it one too many?", ps->module_name);
    push_open(ps, ps->last_closed);
    dv->nesting++;
    t->depth = ps->nopen;
    ps->brace_suspect = 1;
}

/* The '}' was right and the token after it is wrong: give the '}' back to the
 * parser and skip to where the level around the closed block goes on. */
static int reclose(Driver *dv, FtlToken *t, int sync)
{
    feed_sync(dv, t, sync);
    FtlToken rb = dv->rbrace;
    feed(dv, &rb);
    if (dv->ps.syntax_error) return 0;
    ftl_parser_clear_errors(dv->parser);
    if (sync == TK_SYNC_DECL && dv->ps.module_file) skip_to(dv, t, 0, 0, 1);
    else if (sync == TK_SYNC_DECL) skip_to(dv, t, TK_SYNC_MODULE, dv->ps.realm_depth, 1);
    else skip_to(dv, t, TK_SYNC_REALM, 0, 1);
    return !dv->stop;
}

/* "module n" among declarations: the module before it lacks its '}'. Close
 * it, so that module n and the modules after it are parsed as usual. */
static void close_module(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    FtlToken rb = *t;
    rb.type = TK_RBRACE;
    rb.text = "}";
    rb.len = 1;
    rb.span.end = rb.span.off;
    ps->nopen--; /* t is at the module's depth, so its '{' is the innermost */
    if (dv->nesting) dv->nesting--;
    rb.depth = t->depth = ps->nopen;
    feed(dv, &rb);
}

/* After a syntax error lemon has popped to an error production; skip input up
 * to the boundary that production stands for and tell the parser with a SYNC
 * token. t becomes the token to resume with. Returns 0 if parsing must stop. */
static int recover(Driver *dv, FtlToken *t)
{
    int sync = sync_level(dv->parser);
    if (!sync && ftl_parser_accepts(dv->parser, 0)) { /* after the module of a module file */
        skip_to(dv, t, 0, 0, 0);
        return !dv->stop;
    }
    if (!sync) return 0;
    uint32_t target = sync == TK_SYNC_DECL     ? dv->ps.module_depth
                      : sync == TK_SYNC_MODULE ? dv->ps.realm_depth
                                               : 0;
    int after_block = 0;
    /* A '}' is inside the block it closes; t->depth is the depth after it. */
    uint32_t at = t->depth + (t->type == TK_RBRACE && !t->unmatched);
    if (at < target) { /* lemon popped the '}' before t: the parser is in a closed block */
        if (!rbrace_was_extra(dv, t, sync)) return reclose(dv, t, sync);
        reopen(dv, t);
        after_block = 1;
    }
    skip_to(dv, t, sync, target, after_block);
    if (dv->stop) return 0;
    feed_sync(dv, t, sync);
    if (sync == TK_SYNC_DECL && starts_module(&dv->ps, t)) close_module(dv, t);
    return 1;
}

/* ---- inserting a missing '{' ---------------------------------------------------------- */

/* "module m⏎ data D {…}", "data D⏎ x Int": right after the name of a module,
 * realm, data or enum, a token that would fit after a '{'. Not when t more
 * likely starts something new: a declaration after 'data D', or a word with
 * its own '{' ("module a b {"). */
static int lbrace_is_missing(Driver *dv, const FtlToken *t)
{
    const FtlParser *ps = &dv->ps;
    int kw = ps->prev2.type;
    switch (kw) { /* checked for every token: keep it a jump */
    case TK_MODULE: case TK_REALM: case TK_DATA: case TK_ENUM: break;
    default: return 0;
    }
    if (!is_wordlike(&ps->prev) || t->type == TK_LBRACE || t->type == TK_ILLEGAL) return 0;
    if (ftl_parser_takes(dv->parser, t->type) || as_ident(&ps->prev2) ||
        !ftl_parser_accepts2(dv->parser, TK_LBRACE, t->type))
        return 0;
    if ((kw == TK_DATA || kw == TK_ENUM) && (is_decl_keyword(t->type) || t->type == TK_EXPORT))
        return 0;
    return !(is_wordlike(t) && peek_token(dv)->type == TK_LBRACE);
}

/* The offset of the first token on the line of off (only on the error path:
 * the scan is as long as the line). */
static uint32_t first_on_line(const char *text, uint32_t off)
{
    uint32_t i = off;
    while (i > 0 && text[i - 1] != '\n') i--;
    while (i < off && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\f')) i++;
    return i;
}

/* "module m⏎ }": t, a '}' read before the '{' was inserted, closed an outer
 * block; it closes the inserted '{' instead. */
static void close_inserted(Driver *dv, FtlToken *t, FtlOpen o)
{
    FtlParser *ps = &dv->ps;
    if (t->unmatched) {
        t->unmatched = 0;
    } else {
        push_open(ps, ps->last_closed);
        ps->brace_suspect = ps->suspect_before;
    }
    t->lined_up = (uint8_t)lines_up(ps->text, &o, t, dv->line_first);
    if (!t->lined_up) ps->brace_suspect = 1;
    ps->last_closed = o;
}

/* Rather than lose the block (and cascade at its '}'), report the missing '{'
 * and go on as if it were there. */
static void maybe_insert_lbrace(Driver *dv, FtlToken *t)
{
    if (!lbrace_is_missing(dv, t)) return;
    FtlParser *ps = &dv->ps;
    ps->insert_lbrace = 1;
    ftl_p_syntax_error(ps, t, ftl_parser_accepts, dv->parser);
    ps->insert_lbrace = 0;
    ps->syntax_error = 0;
    FtlToken lb = ps->prev; /* the name: "to match the '{' inserted after 'm'" points there */
    lb.type = TK_LBRACE;
    lb.shifted_to = 0;
    lb.depth = ps->nopen;
    FtlOpen o = {lb.span, first_on_line(ps->text, lb.span.off), 1};
    dv->nesting++;
    if (t->type == TK_RBRACE) close_inserted(dv, t, o);
    else push_open(ps, o);
    t->depth = ps->nopen;
    feed(dv, &lb);
}

/* ---- files ---------------------------------------------------------------------------- */

/* Module file or schema file: decided by the first token that is not a comment
 * (spec 2.2). */
static int choose_entry(const FtlSources *src, uint32_t file_id)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlDiags quiet;
    ftl_diags_init(&quiet);
    FtlLexer lx;
    ftl_lexer_init(&lx, file_id, f->data, f->len, &quiet);
    FtlToken t;
    while (ftl_lex(&lx, &t) == TK_COMMENT) {}
    ftl_diags_free(&quiet);
    return (t.type == TK_MODULE || t.type == TK_BUILTIN) ? TK_START_MODULE : TK_START_SCHEMA;
}

/* Feeds the whole input, recovering from syntax errors. */
static void parse_tokens(Driver *dv)
{
    FtlToken t = {0};
    uint32_t last_error = UINT32_MAX;
    for (;;) {
        next_token(dv, &t);
        if (dv->stop) return;
        if (t.type == 0) t.span = end_of_input(&dv->lx);
        maybe_insert_lbrace(dv, &t);
        feed(dv, &t);
        while (dv->ps.syntax_error && !dv->ps.failed) {
            dv->ps.syntax_error = 0;
            /* A second error at the same token would never end. */
            if (t.type == 0 || t.span.off == last_error || !recover(dv, &t)) return;
            last_error = t.span.off;
            feed(dv, &t);
        }
        if (dv->ps.failed || t.type == 0) return;
    }
}

FtlFile *ftl_parse_file(FtlArena *arena, FtlInterner *in, FtlDiags *diags,
                        const FtlSources *src, uint32_t file_id)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    Driver dv;
    memset(&dv, 0, sizeof dv);
    FtlParser *ps = &dv.ps;
    ps->arena = arena;
    ps->in = in;
    ps->diags = diags;
    ps->file = file_id;
    ps->text = f->data;
    ps->err_diag = -1;
    ps->errors_at_start = diags->errors;
    ftl_buf_init(&ps->tmp);
    ps->result = FTL_NEW(arena, FtlFile);
    ps->result->file_id = file_id;
    ftl_lexer_init(&dv.lx, file_id, f->data, f->len, diags);
    dv.parser = FtlParseAlloc(ftl_xmalloc);

    FtlToken start = {0};
    start.type = choose_entry(src, file_id);
    start.span = (FtlSpan){file_id, 0, 0};
    ps->module_file = start.type == TK_START_MODULE;
    feed(&dv, &start);
    parse_tokens(&dv);

    FtlParseFree(dv.parser, free);
    free(ps->scratch);
    free(ps->open);
    ftl_buf_free(&ps->tmp);
    return ps->result;
}

void ftl_scan_tokens(const FtlSources *src, uint32_t file_id,
                     void (*each)(void *ctx, const FtlToken *t), void *ctx)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlDiags quiet;
    ftl_diags_init(&quiet);
    Driver dv;
    memset(&dv, 0, sizeof dv);
    dv.ps.diags = &quiet;
    ftl_lexer_init(&dv.lx, file_id, f->data, f->len, &quiet);
    FtlToken t;
    /* next_token's steps that decide what the tokens are, without the parser */
    while (raw_token(&dv, &t) != 0) {
        glue_duration(&dv, &t);
        set_lexer_mode(&dv, &t);
        dv.last2 = dv.last;
        dv.last = t.type;
        each(ctx, &t);
        if (quiet.count > 64) ftl_diags_free(&quiet); /* keep nothing of a broken file */
    }
    ftl_diags_free(&quiet);
}

size_t ftl_lex_all(const FtlSources *src, uint32_t file_id, FtlDiags *diags)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    FtlLexer lx;
    ftl_lexer_init(&lx, file_id, f->data, f->len, diags);
    FtlToken t;
    size_t n = 0;
    while (ftl_lex(&lx, &t) != 0) n++;
    return n;
}
