/* parse.c - the parser driver and the tree builders used by grammar/parser.y.
 *
 * The driver pulls tokens from the lexer, chooses the lexer's mode for +cron
 * text and ingress paths, glues +retry durations, tracks brace depth and
 * nesting, and feeds lemon. After a syntax error it skips to the next
 * declaration, module or realm boundary (whichever the grammar's error
 * production accepted) and resumes, so that errors do not cascade.
 */
#include "ftlc/parse.h"
#include "ftlc/strlit.h"
#include "parse_int.h"
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
    size_t eoff = 0, elen = 0;
    const char *msg = NULL;
    ps->tmp.len = 0;
    if (ftl_str_decode(t->text + 1, t->len - 2, &ps->tmp, &eoff, &elen, &msg) != 0) {
        ftl_error(ps->diags, span_in_token(t, eoff + 1, elen), "E0103",
                  "invalid escape sequence in string literal: %s", msg);
    }
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
    if (ftl_int_literal(t->text, t->len, &v, &msg) != 0)
        ftl_error(ps->diags, t->span, "E0203", "invalid integer literal '%.*s': %s", (int)t->len,
                  t->text, msg);
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

static int is_ident_text(const char *s, size_t n)
{
    if (n == 0 || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
        return 0;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_'))
            return 0;
    }
    return 1;
}

/* One segment of an ingress path at [b, e) of the token; NULL-safe errors. */
static int path_segment(FtlParser *ps, const FtlToken *t, size_t b, size_t e, FtlPathSeg *seg)
{
    const char *s = t->text + b;
    size_t n = e - b;
    seg->span = span_in_token(t, b, n);
    if (n == 0) {
        FtlSpan at = span_in_token(t, b ? b - 1 : 0, 1);
        if (e == t->len)
            ftl_error(ps->diags, at, "E0104", "an ingress path must not end with '/'");
        else
            ftl_error(ps->diags, at, "E0104", "empty segment in ingress path ('//')");
        return -1;
    }
    const char *q = memchr(s, '"', n);
    if (q) {
        ftl_error(ps->diags, span_in_token(t, b + (size_t)(q - s), 1), "E0104",
                  "quotes are not allowed in ingress paths");
        return -1;
    }
    if (s[0] == '{') {
        if (n < 3 || s[n - 1] != '}' || !is_ident_text(s + 1, n - 2)) {
            ftl_error(ps->diags, seg->span, "E0104",
                      "a path parameter is written '{name}' and fills a whole segment");
            return -1;
        }
        seg->is_param = 1;
        seg->text.ptr = ftl_intern(ps->in, s + 1, n - 2);
        seg->text.len = n - 2;
        return 0;
    }
    const char *br = memchr(s, '{', n);
    if (!br) br = memchr(s, '}', n);
    if (br) {
        ftl_error(ps->diags, span_in_token(t, b + (size_t)(br - s), 1), "E0104",
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
        ftl_diag_fixit(g, "write '+alias json \"name\"'");
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
    m->name = ftl_p_ident(ps, name);
    m->name_span = name->span;
    m->span = ftl_span_join(start, lbrace->span);
    ps->module_depth = lbrace->depth + 1;
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

/* Builds "a type, '}' or end of input" from what the parser would accept. */
static void describe_expected(FtlBuf *b, int (*accepts)(void *, int), void *parser)
{
    int n = 0;
    int ident = accepts(parser, TK_IDENT);
    int type = ident && accepts(parser, TK_KW_INT) && accepts(parser, TK_LBRACKET);
    if (type) add_item(b, &n, "a type");
    if (accepts(parser, TK_DATA)) add_item(b, &n, "a declaration");
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
    if (n == 0) {
        ftl_buf_puts(b, "something else");
        return;
    }
    /* Turn the last ", " into " or ". */
    const char *s = ftl_buf_cstr(b);
    const char *last = NULL;
    for (const char *p = s; (p = strstr(p, ", ")) != NULL; p += 2) last = p;
    if (last && n > 1) {
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
}


/* "after module name", "after 'verb'": where the parser was when it failed. */
static void describe_context(FtlBuf *b, const FtlParser *ps)
{
    const FtlToken *p = &ps->prev, *p2 = &ps->prev2;
    if (p->type == 0 || p->type == TK_START_SCHEMA || p->type == TK_START_MODULE) return;
    if (is_wordlike(p) && p->type != TK_SHA256) {
        const char *what = NULL;
        switch (p2->type) {
        case TK_MODULE: what = "module"; break;
        case TK_REALM: what = "realm"; break;
        case TK_DATA: what = "data"; break;
        case TK_VERB: what = "verb"; break;
        case TK_ENUM: what = "enum"; break;
        case TK_TYPEALIAS: what = "type alias"; break;
        case TK_CONFIG: what = "config"; break;
        case TK_SECRET: what = "secret"; break;
        case TK_TOPIC: what = "topic"; break;
        case TK_POSTGRES: case TK_MYSQL: what = "database"; break;
        default: break;
        }
        if (what && p2->type != TK_PLUS) {
            ftl_buf_printf(b, " after %s name", what);
            return;
        }
    }
    char d[64];
    ftl_token_describe(p, d, sizeof d);
    ftl_buf_printf(b, " after %s", d);
}

/* A comment followed by something that cannot carry it: report the comment. */
static int dangling_comment(FtlParser *ps, const FtlToken *found)
{
    if (ps->prev.type != TK_COMMENT || found->type == TK_COMMENT) return 0;
    FtlDiag *g = ftl_error(ps->diags, ps->prev.span, "E0207",
                           "comment has no module, declaration, field or enum variant to "
                           "attach to");
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    ftl_diag_note(g, found->span, "the comment is followed by %s", d);
    ftl_diag_note(g, (FtlSpan){0},
                  "comments are allowed only right before a module, declaration, field or "
                  "enum variant; not before '}', at the top of a schema file or between a "
                  "declaration and its metadata");
    return 1;
}

void ftl_p_syntax_error(FtlParser *ps, const FtlToken *found, int (*accepts)(void *, int),
                        void *parser)
{
    ps->syntax_error = 1;
    if (found->type == TK_ILLEGAL) return; /* the lexer has said what is wrong */
    if (dangling_comment(ps, found)) return;
    FtlSpan at = found->span;
    if (found->type == TK_COMMENT) {
        FtlDiag *g = ftl_error(ps->diags, at, "E0207", "comment is not allowed here");
        ftl_diag_note(g, (FtlSpan){0},
                      "comments are allowed only right before a module, declaration, field or "
                      "enum variant; not before '}', at the top of a schema file or between a "
                      "declaration and its metadata");
        return;
    }
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, "expected ");
    describe_expected(&b, accepts, parser);
    describe_context(&b, ps);
    char d[64];
    ftl_token_describe(found, d, sizeof d);
    FtlDiag *g = ftl_error(ps->diags, at, "E0201", "%s, found %s", ftl_buf_cstr(&b), d);
    ftl_buf_free(&b);
    if (found->type == TK_SHA256 && accepts(parser, TK_IDENT))
        ftl_diag_note(g, (FtlSpan){0}, "a word of exactly 64 letters, digits or underscores is "
                                       "read as a SHA-256 digest, not as an identifier");
    if (found->type == TK_PUNCT && found->len == 1 && found->text[0] == '-' &&
        accepts(parser, TK_NUMBER))
        ftl_diag_note(g, (FtlSpan){0}, "numbers in FTL schemas are never negative");
    if (is_decl_keyword(ps->prev.type) && !accepts(parser, TK_IDENT))
        ftl_diag_note(g, ps->prev.span,
                      "'%.*s' was read as a name here (keywords are contextual); is something "
                      "missing before it?",
                      (int)ps->prev.len, ps->prev.text);
    if (ps->insert_lbrace)
        ftl_diag_fixit(g, "insert '{' after '%.*s'", (int)ps->prev.len, ps->prev.text);
}

/* ---- the driver --------------------------------------------------------------------- */

typedef struct Driver {
    FtlParser ps;
    FtlLexer lx;
    void *parser;
    FtlToken pending; /* a token read ahead, when has_pending */
    int has_pending;
    FtlToken last; /* the last raw token read */
    FtlToken last2;
    int in_retry;
    uint32_t depth;   /* '{' depth */
    uint32_t nesting; /* brackets of every kind */
    FtlSpan *open;    /* spans of the unclosed '{', for "to match this '{'" */
    uint32_t nopen, capopen;
    int too_deep;
} Driver;

static int raw_token(Driver *dv, FtlToken *t)
{
    if (dv->has_pending) {
        *t = dv->pending;
        dv->has_pending = 0;
        return t->type;
    }
    return ftl_lex(&dv->lx, t);
}

/* The next token as the grammar sees it: with lexer modes applied, +retry
 * durations glued, and brace depth recorded. */
static int next_token(Driver *dv, FtlToken *t)
{
    raw_token(dv, t);
    if (dv->in_retry && t->type == TK_NUMBER) {
        FtlToken n;
        raw_token(dv, &n);
        if (is_wordlike(&n) && !n.ws_before) {
            t->type = TK_DURATION;
            t->len = (uint32_t)(n.text + n.len - t->text);
            t->span = ftl_span_join(t->span, n.span);
        } else {
            dv->pending = n;
            dv->has_pending = 1;
        }
    }
    if (t->type == TK_PLUS) dv->in_retry = 0;
    else if (t->type == TK_RETRY && dv->last.type == TK_PLUS) dv->in_retry = 1;
    else if (t->type != TK_NUMBER && t->type != TK_DURATION) dv->in_retry = 0;

    /* Lexer mode for the token after this one. */
    if (t->type == TK_CRON && dv->last.type == TK_PLUS) dv->lx.mode = FTL_LEX_CRON;
    if ((t->type == TK_GET || t->type == TK_POST || t->type == TK_PUT || t->type == TK_DELETE) &&
        (dv->last.type == TK_INGRESS || (dv->last.type == TK_HTTP && dv->last2.type == TK_INGRESS)))
        dv->lx.mode = FTL_LEX_PATH;

    switch (t->type) {
    case TK_LBRACE:
        t->depth = dv->depth++;
        if (dv->nopen == dv->capopen) {
            dv->capopen = dv->capopen ? dv->capopen * 2 : 16;
            dv->open = ftl_xrealloc(dv->open, dv->capopen * sizeof *dv->open);
        }
        dv->open[dv->nopen++] = t->span;
        dv->nesting++;
        break;
    case TK_RBRACE:
        if (dv->depth) dv->depth--;
        if (dv->nopen) dv->nopen--;
        t->depth = dv->depth;
        if (dv->nesting) dv->nesting--;
        break;
    case TK_LBRACKET: case TK_LPAREN: case TK_LT:
        t->depth = dv->depth;
        dv->nesting++;
        break;
    case TK_RBRACKET: case TK_RPAREN: case TK_GT:
        t->depth = dv->depth;
        if (dv->nesting) dv->nesting--;
        break;
    default:
        t->depth = dv->depth;
    }
    dv->last2 = dv->last;
    dv->last = *t;
    return t->type;
}

static void feed(Driver *dv, const FtlToken *t)
{
    FtlParse(dv->parser, t->type, *t, &dv->ps);
    dv->ps.prev2 = dv->ps.prev;
    dv->ps.prev = *t;
}

/* Where may parsing resume after an error at this level? */
static int is_sync_point(int sync, const FtlToken *t, uint32_t target, int after_block)
{
    if (t->type == TK_RBRACE) return sync != TK_SYNC_REALM && t->depth + 1 == target;
    if (t->depth != target || !(t->nl_before || after_block)) return 0;
    switch (sync) {
    case TK_SYNC_DECL: return is_decl_keyword(t->type) || t->type == TK_EXPORT || t->type == TK_COMMENT;
    case TK_SYNC_MODULE: return t->type == TK_MODULE || t->type == TK_BUILTIN || t->type == TK_COMMENT;
    default: return t->type == TK_REALM || t->type == TK_EXTERNAL;
    }
}

/* After a syntax error lemon has popped to an error production; skip input up
 * to the boundary that production stands for and tell the parser with a
 * SYNC token. Returns the token to resume with, or type 0 at the end. */
static void recover(Driver *dv, FtlToken *t)
{
    static const int syncs[] = {TK_SYNC_DECL, TK_SYNC_MODULE, TK_SYNC_REALM};
    int sync = 0;
    for (size_t i = 0; i < 3 && !sync; i++)
        if (ftl_parser_accepts(dv->parser, syncs[i])) sync = syncs[i];
    if (!sync) {
        dv->ps.failed = 1;
        return;
    }
    uint32_t target = sync == TK_SYNC_DECL     ? dv->ps.module_depth
                      : sync == TK_SYNC_MODULE ? dv->ps.realm_depth
                                               : 0;
    int after_block = 0;
    while (t->type != 0 && !is_sync_point(sync, t, target, after_block) && !dv->too_deep) {
        after_block = t->type == TK_RBRACE && t->depth == target;
        next_token(dv, t);
    }
    FtlToken s = *t;
    s.type = sync;
    FtlParse(dv->parser, sync, s, &dv->ps);
    ftl_parser_clear_errors(dv->parser);
}

static FtlSpan end_of_input(const FtlLexer *lx)
{
    FtlSpan s = {lx->file, (uint32_t)(lx->lim - lx->base), (uint32_t)(lx->lim - lx->base)};
    return s;
}

static int is_keyword(int t)
{
    return t != TK_IDENT && t != TK_SHA256 && t >= TK_REALM && t <= TK_IMAGE;
}

/* "module m verb …": rather than lose the module (and cascade at its '}'),
 * report the missing '{' and go on as if it were there. Checked only right
 * after a module or realm name, so it costs nothing elsewhere. */
static void maybe_insert_lbrace(Driver *dv, FtlToken *t)
{
    FtlParser *ps = &dv->ps;
    if (!(ps->prev2.type == TK_MODULE || ps->prev2.type == TK_REALM) || !is_wordlike(&ps->prev) ||
        t->type == TK_LBRACE || t->type == TK_ILLEGAL)
        return;
    if (ftl_parser_accepts(dv->parser, t->type) ||
        (is_keyword(t->type) && ftl_parser_accepts(dv->parser, TK_IDENT)) ||
        !ftl_parser_accepts(dv->parser, TK_LBRACE))
        return;
    ps->insert_lbrace = 1;
    ftl_p_syntax_error(ps, t, ftl_parser_accepts, dv->parser);
    ps->insert_lbrace = 0;
    ps->syntax_error = 0;
    FtlToken lb = *t;
    lb.type = TK_LBRACE;
    lb.text = "{";
    lb.len = 1;
    lb.span.end = lb.span.off;
    lb.depth = dv->depth++;
    if (dv->nopen == dv->capopen) {
        dv->capopen = dv->capopen ? dv->capopen * 2 : 16;
        dv->open = ftl_xrealloc(dv->open, dv->capopen * sizeof *dv->open);
    }
    dv->open[dv->nopen++] = lb.span;
    dv->nesting++;
    t->depth = dv->depth;
    feed(dv, &lb);
}

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

FtlFile *ftl_parse_file(FtlArena *arena, FtlInterner *in, FtlDiags *diags,
                        const FtlSources *src, uint32_t file_id)
{
    const FtlSource *f = ftl_sources_get(src, file_id);
    Driver dv;
    memset(&dv, 0, sizeof dv);
    dv.ps.arena = arena;
    dv.ps.in = in;
    dv.ps.diags = diags;
    dv.ps.file = file_id;
    ftl_buf_init(&dv.ps.tmp);
    dv.ps.result = FTL_NEW(arena, FtlFile);
    dv.ps.result->file_id = file_id;
    ftl_lexer_init(&dv.lx, file_id, f->data, f->len, diags);
    dv.parser = FtlParseAlloc(ftl_xmalloc);

    FtlToken t = {0};
    t.type = choose_entry(src, file_id);
    t.span = (FtlSpan){file_id, 0, 0};
    feed(&dv, &t);
    for (;;) {
        next_token(&dv, &t);
        if (dv.nesting > FTL_MAX_NESTING && !dv.too_deep) {
            dv.too_deep = 1;
            ftl_error(diags, t.span, "E0202", "brackets are nested too deeply (more than %d levels)",
                      FTL_MAX_NESTING);
            break;
        }
        if (t.type == 0) t.span = end_of_input(&dv.lx);
        maybe_insert_lbrace(&dv, &t);
        feed(&dv, &t);
        while (dv.ps.syntax_error) {
            dv.ps.syntax_error = 0;
            if (t.type == 0) {
                if (dv.nopen && diags->count) {
                    FtlDiag *g = &diags->items[diags->count - 1];
                    ftl_diag_note(g, dv.open[dv.nopen - 1], "to match this '{'");
                }
                dv.ps.failed = 1;
                break;
            }
            if (dv.ps.failed) break;
            recover(&dv, &t);
            if (dv.ps.failed || dv.too_deep) break;
            if (t.type == 0) t.span = end_of_input(&dv.lx);
            feed(&dv, &t);
        }
        if (dv.ps.failed || t.type == 0 || dv.too_deep) break;
    }
    FtlParseFree(dv.parser, free);
    free(dv.ps.scratch);
    free(dv.open);
    ftl_buf_free(&dv.ps.tmp);
    return dv.ps.result;
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
