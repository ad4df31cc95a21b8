/* build.c - the syntax tree, built by the actions of grammar/parser.y: lists
 * on the parser's scratch stack, then leaves (names, strings, numbers,
 * comments), types and references, metadata, declarations, modules and
 * realms, each with its span. What the grammar accepts but the language
 * refuses in a token (an invalid integer, ingress path or digest) is reported
 * here, at the token. */
#include "base/strlit.h"
#include "syntax/parse_int.h"
#include "parser.h"

#include <string.h>

/* ---- lists on the scratch stack ------------------------------------------------ */

FtlList ftl_list_open(FtlParser *ps)
{
    FtlList l = {ps->nscratch, 0, 0, 0};
    return l;
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

/* Identifiers and keywords come interned from the lexer (FtlToken.name). */
const char *ftl_p_ident(FtlParser *ps, const FtlTok *t)
{
    (void)ps;
    return t->name;
}

/* A word that is not always an identifier token (a SHA-256 digest, a duration). */
FtlStr ftl_p_word(FtlParser *ps, const FtlTok *t)
{
    uint32_t len = t->end - t->off;
    FtlStr s = {t->name ? t->name : ftl_intern(ps->in, ps->text + t->off, len), len};
    return s;
}

/* The span of bytes [off, off+len) inside token t. */
FtlSpan ftl_p_span_in_token(FtlSpan t, size_t off, size_t len)
{
    FtlSpan s = {t.file, t.off + (uint32_t)off, t.off + (uint32_t)(off + len)};
    return s;
}

FtlStr ftl_p_string(FtlParser *ps, const FtlTok *t)
{
    size_t eoff, elen;
    const char *msg;
    ps->tmp.len = 0;
    /* Bad escapes were reported when the token was read (check_string). */
    (void)ftl_str_decode(ps->text + t->off + 1, t->end - t->off - 2, &ps->tmp, &eoff, &elen, &msg);
    FtlStr s = {ftl_arena_strndup(ps->arena, ps->tmp.data ? ps->tmp.data : "", ps->tmp.len),
                ps->tmp.len};
    return s;
}

/* A comment is kept on the list as its offsets, not as a node: the tree holds
 * a declaration's comments as one array of values, so a node for each would
 * be copied there and left behind (40 bytes per comment, with the list's
 * array of pointers: 5% of the tree of a commented schema). */
void ftl_p_comment(FtlParser *ps, FtlList *l, const FtlTok *t)
{
    FtlSpan span = ftl_p_tspan(ps, t);
    ftl_list_push(ps, l, (void *)(uintptr_t)t->off, span);
    ftl_list_push(ps, l, (void *)(uintptr_t)t->end, span);
}

FtlComments ftl_p_comments(FtlParser *ps, FtlList l)
{
    FtlComments cs = {NULL, l.n / 2};
    if (cs.count) {
        void **items = ps->scratch + l.start;
        cs.items = FTL_NEW_N(ps->arena, FtlComment, cs.count);
        for (uint32_t i = 0; i < cs.count; i++) {
            FtlComment *c = &cs.items[i];
            uint32_t off = (uint32_t)(uintptr_t)items[2 * i],
                     end = (uint32_t)(uintptr_t)items[2 * i + 1];
            size_t n;
            const char *v = ftl_comment_value(ps->text + off, end - off, &n);
            c->span = (FtlSpan){ps->file, off, end};
            c->text = v; /* in the source: see FtlComment */
            c->len = (uint32_t)n;
        }
    }
    ps->nscratch = l.start;
    return cs;
}

int64_t ftl_p_int(FtlParser *ps, const FtlTok *t)
{
    int64_t v = 0;
    const char *msg, *text = ps->text + t->off;
    uint32_t len = t->end - t->off;
    /* A number token has no length limit: quote at most 40 digits of it. */
    int n = len > 40 ? 40 : (int)len;
    if (ftl_int_literal(text, len, &v, &msg) != 0)
        ftl_error(ps->diags, ftl_p_tspan(ps, t), "E0203", "invalid integer literal '%.*s%s': %s", n,
                  text, len > 40 ? "..." : "", msg);
    return v;
}

/* ---- types ---------------------------------------------------------------------- */

FtlType *ftl_p_prim(FtlParser *ps, FtlTypeKind k, const FtlTok *t)
{
    return ftl_type_prim(ps->arena, k, ftl_p_tspan(ps, t));
}

FtlType *ftl_p_type2(FtlParser *ps, FtlTypeKind k, FtlSpan span, FtlType *a, FtlType *b)
{
    FtlType *ty = ftl_arena_alloc(ps->arena, ftl_type_size(k));
    ty->kind = k;
    ty->span_ = span;
    ty->elem = a;
    if (k == FTL_TY_MAP) ty->map_value = b;
    return ty;
}

FtlType *ftl_p_optional(FtlParser *ps, FtlType *t, const FtlTok *question)
{
    return ftl_p_type2(ps, FTL_TY_OPTIONAL,
                       ftl_span_join(ftl_type_span(t), ftl_p_tspan(ps, question)), t, NULL);
}

/* [mod.]name[@realm], and with args type arguments to follow (the grammar's
 * refname: ftl_p_ref_args). */
FtlRef *ftl_p_ref(FtlParser *ps, const FtlTok *mod, const FtlTok *name, const FtlTok *realm,
                  int args)
{
    int spaced = mod && name->off != mod->end + 1;
    FtlRef *r = ftl_ref_new(ps->arena, args || realm || spaced);
    r->name_ = name->name;
    r->module = mod ? mod->name : NULL;
    r->from_text = 1;
    if (spaced) ftl_ref_more(r)->name_off = name->off;
    r->span_ = (FtlSpan){ps->file, mod ? mod->off : name->off, name->end};
    if (realm) {
        FtlRefMore *more = ftl_ref_more(r);
        more->realm = FTL_NEW(ps->arena, FtlRefRealm);
        more->realm->name = realm->name;
        more->realm->span = ftl_p_tspan(ps, realm);
        r->span_.end = realm->end;
    }
    return r;
}

/* r was made by ftl_p_ref with args set (the grammar's refname): it has an
 * FtlRefMore. */
void ftl_p_ref_args(FtlParser *ps, FtlRef *r, FtlList args, const FtlTok *gt)
{
    FtlType **to = ftl_ref_alloc_args(ps->arena, r, args.n);
    if (args.n) memcpy(to, ps->scratch + args.start, args.n * sizeof *to);
    ps->nscratch = args.start;
    r->span_ = ftl_span_join(ftl_ref_span(r), ftl_p_tspan(ps, gt));
}

/* ---- metadata --------------------------------------------------------------------- */

FtlMeta *ftl_p_meta(FtlParser *ps, FtlMetaKind k, const FtlTok *kw)
{
    FtlMeta *m = ftl_arena_alloc(ps->arena, ftl_meta_size(k));
    m->kind = k;
    m->span = ftl_p_tspan(ps, kw);
    return m;
}

void ftl_p_meta_end(FtlMeta *m, FtlSpan end)
{
    m->span = ftl_span_join(m->span, end);
}

void ftl_p_meta_refs(FtlParser *ps, FtlMeta *m, FtlList refs)
{
    /* The list's items go straight to the item (in it when there is one). */
    FtlRef **to = ftl_meta_alloc_refs(ps->arena, m, refs.n);
    if (refs.n) memcpy(to, ps->scratch + refs.start, refs.n * sizeof *to);
    ps->nscratch = refs.start;
    ftl_p_meta_end(m, ftl_list_span(ps, refs));
}

void ftl_p_meta_strs(FtlParser *ps, FtlMeta *m, FtlList strs)
{
    FtlSpan span = ftl_list_span(ps, strs);
    void **items = ftl_list_take(ps, strs);
    m->nstrs = strs.n;
    m->strs = FTL_NEW_N(ps->arena, FtlStr, strs.n);
    for (uint32_t i = 0; i < strs.n; i++)
        m->strs[i] = *(FtlStr *)items[i];
    ftl_p_meta_end(m, span);
}

FtlMeta *ftl_p_retry(FtlParser *ps, const FtlTok *kw, const FtlTok *count, const FtlRetryDurs *durs,
                     FtlRef *catch_ref)
{
    FtlMeta *m = ftl_p_meta(ps, FTL_MD_RETRY, kw);
    m->retry = FTL_NEW(ps->arena, FtlRetry);
    if (count->end) {
        m->retry->has_count = 1;
        m->retry->count = ftl_p_int(ps, count);
        m->retry->count_span = ftl_p_tspan(ps, count);
        ftl_p_meta_end(m, m->retry->count_span);
    }
    if (durs->min_end) {
        FtlTok d = {durs->min_off, durs->min_end, {NULL}};
        m->retry->min_backoff = ftl_p_word(ps, &d);
        m->retry->min_span = ftl_p_tspan(ps, &d);
        ftl_p_meta_end(m, m->retry->min_span);
    }
    if (durs->max_end) {
        FtlTok d = {durs->max_off, durs->max_end, {NULL}};
        m->retry->max_backoff = ftl_p_word(ps, &d);
        m->retry->max_span = ftl_p_tspan(ps, &d);
        ftl_p_meta_end(m, m->retry->max_span);
    }
    if (catch_ref) {
        ftl_meta_alloc_refs(ps->arena, m, 1)[0] = catch_ref;
        ftl_p_meta_end(m, ftl_ref_span(catch_ref));
    }
    return m;
}

/* The cron text is the rest of the line (D3, ftlc-check(1)); runs of spaces and tabs become
 * one space (the lexer already trimmed both ends). */
void ftl_p_cron(FtlParser *ps, FtlMeta *m, const FtlTok *t)
{
    uint32_t len = t->end - t->off;
    const char *text = ps->text + t->off;
    if (len == 0) {
        FtlDiag *g = ftl_error(ps->diags, m->span, "E0204",
                               "expected a cron expression after '+cron' on the same line");
        ftl_diag_note(g, (FtlSpan){0},
                      "for example '+cron 0 */5 * * * *', '+cron 12h' or "
                      "'+cron Mon'");
        return;
    }
    char *out = ftl_arena_alloc(ps->arena, len + 1);
    size_t n = 0;
    for (uint32_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == ' ' || c == '\t') {
            if (n && out[n - 1] == ' ') continue;
            c = ' ';
        }
        out[n++] = c;
    }
    m->s1.ptr = out;
    m->s1.len = n;
    ftl_p_meta_end(m, ftl_p_tspan(ps, t));
}

/* One segment of an ingress path at [b, e) of the token; NULL-safe errors. */
static int path_segment(FtlParser *ps, const FtlTok *tok, size_t b, size_t e, FtlPathSeg *seg)
{
    FtlSpan t = ftl_p_tspan(ps, tok);
    const char *s = ps->text + tok->off + b;
    size_t n = e - b;
    seg->span = ftl_p_span_in_token(t, b, n);
    if (n == 0) {
        if (e == tok->end - tok->off)
            ftl_error(ps->diags, ftl_p_span_in_token(t, b - 1, 1), "E0104",
                      "an ingress path must not end with '/'");
        else
            ftl_error(ps->diags, ftl_p_span_in_token(t, b - 1, 2), "E0104",
                      "empty segment in ingress path ('//')");
        return -1;
    }
    const char *q = memchr(s, '"', n);
    if (q) {
        ftl_error(ps->diags, ftl_p_span_in_token(t, b + (size_t)(q - s), 1), "E0104",
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
    if (br)
        end = memchr(br, '}', n - (size_t)(br - s));
    else
        br = end = memchr(s, '}', n);
    if (br) {
        size_t len = end ? (size_t)(end - br) + 1 : n - (size_t)(br - s);
        ftl_error(ps->diags, ftl_p_span_in_token(t, b + (size_t)(br - s), len), "E0104",
                  "a path parameter is written '{name}' and fills a whole segment");
        return -1;
    }
    seg->text.ptr = ftl_arena_strndup(ps->arena, s, n);
    seg->text.len = n;
    return 0;
}

void ftl_p_path(FtlParser *ps, FtlMeta *m, const FtlTok *t)
{
    const char *text = ps->text + t->off;
    uint32_t len = t->end - t->off;
    ftl_p_meta_end(m, ftl_p_tspan(ps, t));
    if (len == 1) return; /* "/" alone: the root, an empty path */
    uint32_t nseg = 1;
    for (uint32_t i = 1; i < len; i++)
        nseg += text[i] == '/';
    m->path = FTL_NEW_N(ps->arena, FtlPathSeg, nseg);
    size_t b = 1;
    for (uint32_t i = 1; i <= len; i++) {
        if (i < len && text[i] != '/') continue;
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

/* The +alias kind matches json or unspecified case-insensitively (METADATA
 * in ftl-schema(5)). */
void ftl_p_alias_kind(FtlParser *ps, FtlMeta *m, const FtlTok *kind)
{
    const char *text = ps->text + kind->off;
    uint32_t len = kind->end - kind->off;
    if (ascii_caseeq(text, len, "json")) {
        m->alias_kind = FTL_ALIAS_JSON;
    } else if (ascii_caseeq(text, len, "unspecified")) {
        m->alias_kind = FTL_ALIAS_UNSPECIFIED;
    } else {
        FtlSpan span = ftl_p_tspan(ps, kind);
        FtlDiag *g =
            ftl_error(ps->diags, span, "E0205", "unknown alias kind '%.*s'", (int)len, text);
        ftl_diag_fixit_edit(g, span, "json", "write '+alias json \"name\"'");
    }
}

/* +artefact and +image digests are exactly 64 hex digits, kept lowercase
 * (D13, ftlc-check(1)). */
void ftl_p_hex_digest(FtlParser *ps, FtlStr *out, const FtlTok *t)
{
    FtlStr s = ftl_p_string(ps, t);
    int ok = s.len == 64;
    char *low = ftl_arena_strndup(ps->arena, s.ptr, s.len);
    for (size_t i = 0; i < s.len; i++) {
        char c = low[i];
        if (c >= 'A' && c <= 'F')
            low[i] = (char)(c - 'A' + 'a');
        else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            ok = 0;
    }
    if (!ok)
        ftl_error(ps->diags, ftl_p_tspan(ps, t), "E0206",
                  "a digest must be exactly 64 hexadecimal digits (SHA-256)");
    out->ptr = low;
    out->len = s.len;
}

/* ---- declarations ---------------------------------------------------------------- */

FtlDecl *ftl_p_decl(FtlParser *ps, FtlDeclKind k, FtlVisSpec vis, const FtlTok *kw,
                    const FtlTok *name)
{
    FtlDecl *d = FTL_NEW(ps->arena, FtlDecl);
    d->kind = k;
    d->vis = vis.vis;
    d->name = name->name;
    d->name_off = name->off;
    FtlSpan at = ftl_p_tspan(ps, name);
    d->span = ftl_span_join(ftl_span_valid(vis.span) ? vis.span : ftl_p_tspan(ps, kw), at);
    return d;
}

void ftl_p_decl_end(FtlDecl *d, FtlSpan end)
{
    d->span = ftl_span_join(d->span, end);
}

void ftl_p_decl_comments(FtlParser *ps, FtlDecl *d, FtlList comments)
{
    if (comments.n) d->span = ftl_span_join(ftl_list_span(ps, comments), d->span);
    d->comments = ftl_p_comments(ps, comments);
}

FtlMetaList ftl_p_metas(FtlParser *ps, FtlList l)
{
    FtlMetaList ml;
    ml.count = l.n;
    ml.items = (FtlMeta **)ftl_list_take(ps, l);
    return ml;
}

FtlTypeParam *ftl_p_tparam(FtlParser *ps, const FtlTok *name)
{
    FtlTypeParam *p = FTL_NEW(ps->arena, FtlTypeParam);
    p->name = name->name;
    p->span = ftl_p_tspan(ps, name);
    return p;
}

void ftl_p_tparams(FtlParser *ps, FtlDecl *d, FtlList l)
{
    void **items = ftl_list_take(ps, l);
    d->nparams_ = l.n;
    if (l.n) d->params = FTL_NEW_N(ps->arena, FtlTypeParam, l.n);
    for (uint32_t i = 0; i < l.n; i++)
        d->params[i] = *(FtlTypeParam *)items[i];
}

/* A field is made in the parser's pool (FtlParser.fieldpool), not in the
 * tree: ftl_p_fields copies a declaration's fields into one array, so a
 * node for each would be left behind, as would a pointer for each in an
 * array of pointers (8 of a field's 48 bytes). */
FtlField *ftl_p_field(FtlParser *ps, FtlList comments, const FtlTok *name, FtlType *type,
                      FtlList meta)
{
    if (ps->nfieldpool == ps->capfieldpool) {
        ps->capfieldpool = ps->capfieldpool ? ps->capfieldpool * 2 : 64;
        ps->fieldpool = FTL_NEW_N(ps->arena, FtlField, ps->capfieldpool);
        ps->nfieldpool = 0;
    }
    FtlField *f = &ps->fieldpool[ps->nfieldpool++];
    memset(f, 0, sizeof *f); /* the slot may have held a field already taken */
    FtlSpan end = meta.n ? ftl_list_span(ps, meta) : ftl_type_span(type);
    if (meta.n || comments.n) {
        f->more = FTL_NEW(ps->arena, FtlFieldMore);
        f->more->meta = ftl_p_metas(ps, meta);
        f->more->comments = ftl_p_comments(ps, comments);
    }
    f->name = name->name;
    f->name_off = name->off;
    f->type = type;
    f->span = ftl_span_join(comments.n ? ftl_list_span(ps, comments) : ftl_p_tspan(ps, name), end);
    return f;
}

FtlField *ftl_p_fields(FtlParser *ps, FtlList l)
{
    FtlField *a = l.n ? FTL_NEW_N(ps->arena, FtlField, l.n) : NULL;
    for (uint32_t i = 0; i < l.n; i++)
        a[i] = *(FtlField *)ps->scratch[l.start + i];
    ps->nscratch = l.start;
    /* Fields are in no other list (a data declaration holds no other), so
     * the pool's slots are free again. */
    ps->nfieldpool = 0;
    return a;
}

FtlVariant *ftl_p_value(FtlParser *ps, FtlValueKind k, const FtlTok *t, FtlType *type)
{
    FtlVariant *v = FTL_NEW(ps->arena, FtlVariant);
    v->vkind = k;
    if (k == FTL_VAL_STRING)
        v->str = ftl_p_string(ps, t);
    else if (k == FTL_VAL_INT)
        v->ival = ftl_p_int(ps, t);
    else
        v->type = type;
    v->value_span = type ? ftl_type_span(type) : ftl_p_tspan(ps, t);
    return v;
}

FtlVariant *ftl_p_variant(FtlParser *ps, FtlList comments, const FtlTok *name, FtlVariant *v)
{
    v->comments = ftl_p_comments(ps, comments);
    v->name = name->name;
    v->name_span = ftl_p_tspan(ps, name);
    v->span = ftl_span_join(comments.n ? ftl_list_span(ps, comments) : v->name_span, v->value_span);
    return v;
}

/* ---- modules and realms ---------------------------------------------------------- */

FtlModule *ftl_p_module(FtlParser *ps, FtlList comments, const FtlTok *builtin, const FtlTok *kw,
                        const FtlTok *name, const FtlTok *lbrace)
{
    FtlModule *m = FTL_NEW(ps->arena, FtlModule);
    FtlSpan start = comments.n ? ftl_list_span(ps, comments)
                    : builtin  ? ftl_p_tspan(ps, builtin)
                               : ftl_p_tspan(ps, kw);
    m->comments = ftl_p_comments(ps, comments);
    m->builtin = builtin != NULL;
    if (builtin) m->builtin_span = ftl_p_tspan(ps, builtin);
    m->kw_span = ftl_p_tspan(ps, kw);
    m->name = name->name;
    m->name_span = ftl_p_tspan(ps, name);
    m->span = ftl_span_join(start, ftl_p_tspan(ps, lbrace));
    ps->module_depth = lbrace->depth + 1;
    ps->module_name = m->name;
    return m;
}

void ftl_p_module_end(FtlParser *ps, FtlModule *m, FtlList meta, FtlList decls,
                      const FtlTok *rbrace)
{
    m->ndecls = decls.n;
    m->decls = (FtlDecl **)ftl_list_take(ps, decls);
    m->meta = ftl_p_metas(ps, meta);
    m->span = ftl_span_join(m->span, ftl_p_tspan(ps, rbrace));
}

FtlRealm *ftl_p_realm(FtlParser *ps, const FtlTok *ext, const FtlTok *kw, const FtlTok *name,
                      const FtlTok *lbrace)
{
    FtlRealm *r = FTL_NEW(ps->arena, FtlRealm);
    r->external = ext != NULL;
    r->name = name->name;
    r->name_span = ftl_p_tspan(ps, name);
    r->span = ftl_span_join(ftl_p_tspan(ps, ext ? ext : kw), ftl_p_tspan(ps, lbrace));
    ps->realm_depth = lbrace->depth + 1;
    return r;
}

void ftl_p_realm_end(FtlParser *ps, FtlRealm *r, FtlList modules, const FtlTok *rbrace)
{
    r->nmodules = modules.n;
    r->modules = (FtlModule **)ftl_list_take(ps, modules);
    r->span = ftl_span_join(r->span, ftl_p_tspan(ps, rbrace));
}
