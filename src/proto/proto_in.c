/* proto_in.c - xyz.block.ftl.schema.v1 messages as schema trees (ftlc-emit(1), FORMATS).
 *
 * Reading accepts exactly what schema text can say and reports the rest as
 * E0602: the checker assumes the parser's guarantees (identifiers, known enum
 * values, non-negative numbers, set oneofs), so this file provides them.
 */
#include "proto/proto_in.h"
#include "base/arena.h"
#include "base/strlit.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PB(T) Xyz__Block__Ftl__Schema__V1__##T
#define PBD(t) xyz__block__ftl__schema__v1__##t##__descriptor
#define PBC(C) XYZ__BLOCK__FTL__SCHEMA__V1__##C

typedef struct In {
    FtlSchema *s;
    FtlSpan at;
    /* where the conversion is, for messages: realm, module, declaration, and a
     * field or variant (member, of kind member_kind) */
    const char *realm, *module, *decl, *member, *member_kind;
} In;

/* A name from the input, printable in a message whatever its bytes. */
static void quote_name(FtlBuf *b, const char *s)
{
    size_t n = 0;
    ftl_buf_putc(b, '"');
    for (; *s && n < 64; s++, n++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            ftl_buf_printf(b, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f)
            ftl_buf_printf(b, "\\x%02x", c);
        else
            ftl_buf_putc(b, (char)c);
    }
    if (*s) ftl_buf_puts(b, "...");
    ftl_buf_putc(b, '"');
}

static void bad(In *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void bad(In *c, const char *fmt, ...)
{
    FtlBuf b;
    ftl_buf_init(&b);
    va_list ap;
    va_start(ap, fmt);
    ftl_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    const char *sep = " (in ";
    const char *labels[4] = {c->realm && *c->realm ? "realm" : NULL, c->module ? "module" : NULL,
                             c->decl ? "declaration" : NULL, c->member ? c->member_kind : NULL};
    const char *names[4] = {c->realm, c->module, c->decl, c->member};
    for (int i = 0; i < 4; i++) {
        if (!labels[i]) continue;
        ftl_buf_printf(&b, "%s%s ", sep, labels[i]);
        quote_name(&b, names[i]);
        sep = ", ";
    }
    if (sep[0] == ',') ftl_buf_putc(&b, ')');
    ftl_error(c->s->diags, c->at, "E0602", "%s", ftl_buf_cstr(&b));
    ftl_buf_free(&b);
}

static int is_word(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
           ch == '_';
}

/* [A-Za-z_][A-Za-z0-9_]*, but never 64 characters (a SHA256 token; ftl-schema(5), Tokens). */
static int is_ident(const char *s)
{
    return ftl_is_plain_ident(s, strlen(s));
}

static const char *ident_in(In *c, const char *s, const char *what)
{
    if (!s) s = "";
    if (!is_ident(s)) {
        FtlBuf b;
        ftl_buf_init(&b);
        quote_name(&b, s);
        if (!*s)
            bad(c, "%s is empty", what);
        else if (strlen(s) == 64 && is_word(s[0]))
            bad(c, "%s %s has 64 characters: schema text reads such a word as a SHA-256 digest",
                what, ftl_buf_cstr(&b));
        else
            bad(c, "%s %s is not an identifier", what, ftl_buf_cstr(&b));
        ftl_buf_free(&b);
    }
    return ftl_intern_cstr(c->s->in, s);
}

static FtlStr str_in(In *c, const char *s)
{
    if (!s) s = "";
    size_t n = strlen(s);
    FtlStr r = {ftl_arena_strndup(c->s->arena, s, n), n};
    return r;
}

static FtlVis vis_in(In *c, int v)
{
    if (v >= FTL_VIS_NONE && v <= FTL_VIS_REALM) return (FtlVis)v;
    bad(c, "unknown visibility %d", v);
    return FTL_VIS_NONE;
}

/* Comment values are trimmed and one per line (ftlc-emit(1), FORMATS): a value holding line
 * breaks becomes several comments, as text would have to write it. */
static FtlComments comments_in(In *c, char *const *items, size_t n)
{
    FtlComments cs = {NULL, 0};
    size_t lines = 0;
    for (size_t i = 0; i < n; i++) {
        lines++;
        for (const char *p = items[i]; p && *p; p++)
            lines += *p == '\n';
    }
    if (!lines) return cs;
    cs.items = FTL_NEW_N(c->s->arena, FtlComment, lines);
    for (size_t i = 0; i < n; i++) {
        const char *p = items[i] ? items[i] : "";
        for (;;) {
            const char *e = strchr(p, '\n');
            size_t len = e ? (size_t)(e - p) : strlen(p);
            const char *q = p;
            while (len && (*q == ' ' || *q == '\t' || *q == '\r' || *q == '\f' || *q == '\v'))
                q++, len--;
            while (len && (q[len - 1] == ' ' || q[len - 1] == '\t' || q[len - 1] == '\r' ||
                           q[len - 1] == '\f' || q[len - 1] == '\v'))
                len--;
            FtlComment *cm = &cs.items[cs.count++];
            cm->span = c->at;
            cm->text = ftl_arena_strndup(c->s->arena, q, len);
            cm->len = (uint32_t)len;
            if (!e) break;
            p = e + 1;
        }
    }
    return cs;
}

/* ---- types ------------------------------------------------------------------------- */

static FtlType *type_in(In *c, const PB(Type) * t);

/* Decodes n types into to. */
static void types_in(In *c, FtlType **to, PB(Type) *const *items, size_t n)
{
    for (size_t i = 0; i < n; i++)
        to[i] = type_in(c, items[i]);
}

static FtlRef *ref_in(In *c, const PB(Ref) * p)
{
    FtlRef *r = ftl_ref_new(c->s->arena, p && ((p->realm && *p->realm) || p->n_type_parameters));
    r->span_ = c->at;
    if (!p) {
        bad(c, "a reference is missing");
        r->name_ = ftl_intern_cstr(c->s->in, "_");
        return r;
    }
    r->name_ = ident_in(c, p->name, "reference name");
    if (p->module && *p->module) r->module = ident_in(c, p->module, "module name of a reference");
    if (p->realm && *p->realm) {
        FtlRefMore *more = ftl_ref_more(r);
        more->realm = FTL_NEW(c->s->arena, FtlRefRealm);
        more->realm->name = ident_in(c, p->realm, "realm name of a reference");
        more->realm->span = c->at;
    }
    if (p->n_type_parameters) {
        uint32_t n = (uint32_t)p->n_type_parameters;
        types_in(c, ftl_ref_alloc_args(c->s->arena, r, n), p->type_parameters, n);
    }
    return r;
}

static FtlType *type_in(In *c, const PB(Type) * t)
{
    /* A reference is a type's node of its own kind (see FtlType). */
    if (t && t->value_case == PBC(TYPE__VALUE_REF)) return ref_in(c, t->ref);
    /* a map's node is the largest of the other kinds */
    FtlType *ty = ftl_arena_alloc(c->s->arena, ftl_type_size(FTL_TY_MAP));
    ty->span_ = c->at;
    ty->kind = FTL_TY_UNIT;
    switch (t ? t->value_case : PBC(TYPE__VALUE__NOT_SET)) {
    case PBC(TYPE__VALUE_INT): ty->kind = FTL_TY_INT; break;
    case PBC(TYPE__VALUE_FLOAT): ty->kind = FTL_TY_FLOAT; break;
    case PBC(TYPE__VALUE_STRING): ty->kind = FTL_TY_STRING; break;
    case PBC(TYPE__VALUE_BYTES): ty->kind = FTL_TY_BYTES; break;
    case PBC(TYPE__VALUE_BOOL): ty->kind = FTL_TY_BOOL; break;
    case PBC(TYPE__VALUE_TIME): ty->kind = FTL_TY_TIME; break;
    case PBC(TYPE__VALUE_ANY): ty->kind = FTL_TY_ANY; break;
    case PBC(TYPE__VALUE_UNIT): ty->kind = FTL_TY_UNIT; break;
    case PBC(TYPE__VALUE_ARRAY):
        ty->kind = FTL_TY_ARRAY;
        ty->elem = type_in(c, t->array->element);
        break;
    case PBC(TYPE__VALUE_MAP):
        ty->kind = FTL_TY_MAP;
        ty->elem = type_in(c, t->map->key);
        ty->map_value = type_in(c, t->map->value);
        break;
    case PBC(TYPE__VALUE_OPTIONAL):
        ty->kind = FTL_TY_OPTIONAL;
        ty->elem = type_in(c, t->optional->type);
        if (ty->elem->kind == FTL_TY_OPTIONAL)
            bad(c, "an optional type of an optional type (schema text allows one '?')");
        break;
    case PBC(TYPE__VALUE_DATA):
    case PBC(TYPE__VALUE_ENUM):
    case PBC(TYPE__VALUE_TYPE_ALIAS):
        bad(c, "a declaration used as a type (an inline declaration, spec D2): only references "
               "name declarations");
        break;
    default: bad(c, "a type is missing (no member of Type is set)"); break;
    }
    return ty;
}

/* ---- metadata ------------------------------------------------------------------------ */

static FtlMeta *new_meta(In *c, FtlMetaKind k)
{
    FtlMeta *m = FTL_NEW(c->s->arena, FtlMeta);
    m->kind = k;
    m->span = c->at;
    if (k == FTL_MD_RETRY) {
        m->retry = FTL_NEW(c->s->arena, FtlRetry);
        m->retry->count_span = m->retry->min_span = m->retry->max_span = c->at;
    }
    return m;
}

static void refs_in(In *c, FtlMeta *m, PB(Ref) *const *items, size_t n)
{
    if (!n) bad(c, "+%s needs at least one reference", ftl_meta_kind_name(m->kind));
    FtlRef **to = ftl_meta_alloc_refs(c->s->arena, m, (uint32_t)n);
    for (size_t i = 0; i < n; i++)
        to[i] = ref_in(c, items[i]);
}

static const char *word_in(In *c, const char *s, const char *const *words, const char *what)
{
    for (size_t i = 0; words[i]; i++)
        if (s && strcmp(s, words[i]) == 0) return ftl_intern_cstr(c->s->in, s);
    FtlBuf b;
    ftl_buf_init(&b);
    quote_name(&b, s ? s : "");
    bad(c, "unknown %s %s", what, ftl_buf_cstr(&b));
    ftl_buf_free(&b);
    return ftl_intern_cstr(c->s->in, words[0]);
}

/* Characters of a literal ingress path segment (D4 in ftlc-check(1), the lexer's is_pathlit). */
static int is_path_literal(const char *s)
{
    if (!*s) return 0;
    for (; *s; s++)
        if (!is_word(*s) && !strchr("%:-[]<>()*+?.,\\^$|#~!'@=", *s)) return 0;
    return 1;
}

static void ingress_in(In *c, FtlMeta *m, const PB(MetadataIngress) * p)
{
    static const char *const types[] = {"http", "", NULL};
    static const char *const methods[] = {"GET", "POST", "PUT", "DELETE", NULL};
    m->ingress_type = word_in(c, p->type, types, "ingress type");
    m->method = word_in(c, p->method, methods, "HTTP method");
    m->path = FTL_NEW_N(c->s->arena, FtlPathSeg, p->n_path ? p->n_path : 1);
    for (size_t i = 0; i < p->n_path; i++) {
        const PB(IngressPathComponent) *pc = p->path[i];
        FtlPathSeg *seg = &m->path[m->npath++];
        seg->span = c->at;
        if (pc->value_case == PBC(INGRESS_PATH_COMPONENT__VALUE_INGRESS_PATH_PARAMETER)) {
            const char *name = ident_in(c, pc->ingress_path_parameter->name, "path parameter");
            seg->is_param = 1;
            seg->text.ptr = name;
            seg->text.len = strlen(name);
        } else if (pc->value_case == PBC(INGRESS_PATH_COMPONENT__VALUE_INGRESS_PATH_LITERAL)) {
            seg->text = str_in(c, pc->ingress_path_literal->text);
            if (!is_path_literal(seg->text.ptr)) {
                FtlBuf b;
                ftl_buf_init(&b);
                quote_name(&b, seg->text.ptr);
                bad(c, "ingress path segment %s is empty or has characters a path cannot hold",
                    ftl_buf_cstr(&b));
                ftl_buf_free(&b);
            }
        } else {
            bad(c, "an ingress path component is missing (no member is set)");
        }
    }
}

static void retry_in(In *c, FtlMeta *m, const PB(MetadataRetry) * p)
{
    m->retry->has_count = p->_count_case == PBC(METADATA_RETRY___COUNT_COUNT);
    if (m->retry->has_count) m->retry->count = p->count;
    if (m->retry->has_count && m->retry->count < 0)
        bad(c, "+retry count %lld is negative", (long long)m->retry->count);
    m->retry->min_backoff = str_in(c, p->min_backoff);
    m->retry->max_backoff = str_in(c, p->max_backoff);
    if (m->retry->max_backoff.len && !m->retry->min_backoff.len)
        bad(c, "+retry has a maximum backoff but no minimum backoff");
    if (p->catch_) {
        ftl_meta_alloc_refs(c->s->arena, m, 1)[0] = ref_in(c, p->catch_);
    }
}

/* D3 in ftlc-check(1): the text of +cron is one line, runs of spaces and tabs read as one
 * space. */
static void cron_in(In *c, FtlMeta *m, const char *s)
{
    size_t n = strlen(s ? s : ""), w = 0;
    char *out = ftl_arena_alloc(c->s->arena, n + 1);
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '\n' || ch == '\r' || (ch == '/' && s[i + 1] == '/')) {
            bad(c, "+cron text cannot hold a line break or '//'");
            break;
        }
        if (ch == ' ' || ch == '\t') {
            if (!w || out[w - 1] == ' ') continue;
            ch = ' ';
        }
        out[w++] = ch;
    }
    while (w && out[w - 1] == ' ')
        w--;
    out[w] = '\0';
    if (!w) bad(c, "+cron has no cron expression");
    m->s1.ptr = out;
    m->s1.len = w;
}

/* Lowercase hex of 32 bytes (ftlc-emit(1), FORMATS; the parser accepts either case, D13 in
 * ftlc-check(1)). */
static FtlStr digest_in(In *c, const char *s)
{
    FtlStr d = str_in(c, s);
    char *low = (char *)d.ptr;
    int ok = d.len == 64;
    for (size_t i = 0; i < d.len; i++) {
        if (low[i] >= 'A' && low[i] <= 'F')
            low[i] = (char)(low[i] - 'A' + 'a');
        else if (!((low[i] >= '0' && low[i] <= '9') || (low[i] >= 'a' && low[i] <= 'f')))
            ok = 0;
    }
    if (!ok) bad(c, "a digest must be exactly 64 hexadecimal digits (SHA-256)");
    return d;
}

static FtlStr migration_in(In *c, const char *s)
{
    size_t n = 0;
    while (s && is_word(s[n]))
        n++;
    if (!s || s[n] || n != 64) bad(c, "+migration needs a digest of exactly 64 letters or digits");
    const char *w = ftl_intern_cstr(c->s->in, s ? s : "");
    FtlStr r = {w, strlen(w)};
    return r;
}

/* The items made of strings and flags. Returns 0 for the other kinds. */
static FtlMeta *strings_in(In *c, const PB(Metadata) * p)
{
    static const char *const runtimes[] = {"go", "kotlin", "java", NULL};
    static const char *const encodings[] = {"json", "", NULL};
    FtlMeta *m = NULL;
    switch (p->value_case) {
    case PBC(METADATA__VALUE_CRON_JOB):
        m = new_meta(c, FTL_MD_CRON);
        cron_in(c, m, p->cron_job->cron);
        break;
    case PBC(METADATA__VALUE_ALIAS):
        m = new_meta(c, FTL_MD_ALIAS);
        if ((int)p->alias->kind != FTL_ALIAS_JSON && (int)p->alias->kind != FTL_ALIAS_UNSPECIFIED)
            bad(c, "unknown alias kind %d", (int)p->alias->kind);
        m->alias_kind = p->alias->kind == PBC(ALIAS_KIND__ALIAS_KIND_JSON) ? FTL_ALIAS_JSON
                                                                           : FTL_ALIAS_UNSPECIFIED;
        m->s1 = str_in(c, p->alias->alias);
        break;
    case PBC(METADATA__VALUE_TYPE_MAP): {
        m = new_meta(c, FTL_MD_TYPEMAP);
        const char *rt = word_in(c, p->type_map->runtime, runtimes, "+typemap runtime");
        m->s1 = (FtlStr){rt, strlen(rt)};
        m->s2 = str_in(c, p->type_map->native_name);
        break;
    }
    case PBC(METADATA__VALUE_ENCODING):
        m = new_meta(c, FTL_MD_ENCODING);
        word_in(c, p->encoding->type, encodings, "encoding");
        m->s1 = (FtlStr){ftl_intern_cstr(c->s->in, "json"), 4};
        m->flag = p->encoding->lenient != 0;
        break;
    case PBC(METADATA__VALUE_SQL_MIGRATION):
        m = new_meta(c, FTL_MD_MIGRATION);
        m->s1 = migration_in(c, p->sql_migration->digest);
        break;
    case PBC(METADATA__VALUE_ARTEFACT):
        m = new_meta(c, FTL_MD_ARTEFACT);
        m->s1 = str_in(c, p->artefact->path);
        m->s2 = digest_in(c, p->artefact->digest);
        m->flag = p->artefact->executable != 0;
        break;
    case PBC(METADATA__VALUE_SQL_QUERY): {
        m = new_meta(c, FTL_MD_SQL_QUERY);
        const char *cmd = ident_in(c, p->sql_query->command, "+sql query command");
        m->s1 = (FtlStr){cmd, strlen(cmd)};
        m->s2 = str_in(c, p->sql_query->query);
        break;
    }
    case PBC(METADATA__VALUE_SQL_COLUMN):
        m = new_meta(c, FTL_MD_SQL_COLUMN);
        m->s1 = str_in(c, p->sql_column->table);
        m->s2 = str_in(c, p->sql_column->name);
        break;
    case PBC(METADATA__VALUE_GIT):
        m = new_meta(c, FTL_MD_GIT);
        m->s1 = str_in(c, p->git->repository);
        m->s2 = str_in(c, p->git->commit);
        m->flag = p->git->dirty != 0;
        break;
    case PBC(METADATA__VALUE_IMAGE):
        m = new_meta(c, FTL_MD_IMAGE);
        m->s1 = str_in(c, p->image->image);
        m->s2 = digest_in(c, p->image->digest);
        break;
    default: break;
    }
    return m;
}

static FtlMeta *meta_in(In *c, const PB(Metadata) * p)
{
    FtlMeta *m = strings_in(c, p);
    if (m) return m;
    switch (p->value_case) {
    case PBC(METADATA__VALUE_CALLS):
        m = new_meta(c, FTL_MD_CALLS);
        refs_in(c, m, p->calls->calls, p->calls->n_calls);
        break;
    case PBC(METADATA__VALUE_CONFIG):
        m = new_meta(c, FTL_MD_CONFIG);
        refs_in(c, m, p->config->config, p->config->n_config);
        break;
    case PBC(METADATA__VALUE_SECRETS):
        m = new_meta(c, FTL_MD_SECRETS);
        refs_in(c, m, p->secrets->secrets, p->secrets->n_secrets);
        break;
    case PBC(METADATA__VALUE_DATABASES):
        m = new_meta(c, FTL_MD_DATABASES);
        refs_in(c, m, p->databases->uses, p->databases->n_uses);
        break;
    case PBC(METADATA__VALUE_PUBLISHER):
        m = new_meta(c, FTL_MD_PUBLISH);
        refs_in(c, m, p->publisher->topics, p->publisher->n_topics);
        break;
    case PBC(METADATA__VALUE_SUBSCRIBER):
        m = new_meta(c, FTL_MD_SUBSCRIBE);
        refs_in(c, m, &p->subscriber->topic, 1);
        if (p->subscriber->from_offset == PBC(FROM_OFFSET__FROM_OFFSET_BEGINNING))
            m->from = FTL_FROM_BEGINNING;
        else if (p->subscriber->from_offset == PBC(FROM_OFFSET__FROM_OFFSET_LATEST))
            m->from = FTL_FROM_LATEST;
        else
            bad(c,
                "+subscribe needs from_offset FROM_OFFSET_BEGINNING or FROM_OFFSET_LATEST, "
                "not %d",
                (int)p->subscriber->from_offset);
        m->flag = p->subscriber->dead_letter != 0;
        break;
    case PBC(METADATA__VALUE_RETRY):
        m = new_meta(c, FTL_MD_RETRY);
        retry_in(c, m, p->retry);
        break;
    case PBC(METADATA__VALUE_INGRESS):
        m = new_meta(c, FTL_MD_INGRESS);
        ingress_in(c, m, p->ingress);
        break;
    case PBC(METADATA__VALUE_PARTITIONS):
        m = new_meta(c, FTL_MD_PARTITIONS);
        m->partitions = p->partitions->partitions;
        if (m->partitions < 0) bad(c, "+partitions %lld is negative", (long long)m->partitions);
        break;
    case PBC(METADATA__VALUE_GENERATED): m = new_meta(c, FTL_MD_GENERATED); break;
    case PBC(METADATA__VALUE_FIXTURE):
        m = new_meta(c, FTL_MD_FIXTURE);
        m->flag = p->fixture->manual != 0;
        break;
    case PBC(METADATA__VALUE_TRANSACTION): m = new_meta(c, FTL_MD_TRANSACTION); break;
    case PBC(METADATA__VALUE_EGRESS):
        m = new_meta(c, FTL_MD_EGRESS);
        if (!p->egress->n_targets) bad(c, "+egress needs at least one target");
        m->strs = FTL_NEW_N(c->s->arena, FtlStr, p->egress->n_targets ? p->egress->n_targets : 1);
        for (size_t i = 0; i < p->egress->n_targets; i++)
            m->strs[i] = str_in(c, p->egress->targets[i]);
        m->nstrs = (uint32_t)p->egress->n_targets;
        break;
    default:
        m = new_meta(c, FTL_MD_GENERATED);
        bad(c, "a metadata item is missing (no member of Metadata is set)");
        break;
    }
    return m;
}

static FtlMetaList metas_in(In *c, PB(Metadata) *const *items, size_t n)
{
    FtlMetaList ml = {NULL, (uint32_t)n};
    if (!n) return ml;
    ml.items = FTL_NEW_N(c->s->arena, FtlMeta *, n);
    for (size_t i = 0; i < n; i++)
        ml.items[i] = meta_in(c, items[i]);
    return ml;
}

/* ---- declarations -------------------------------------------------------------------- */

static FtlDecl *new_decl(In *c, FtlDeclKind k, const char *name, int vis, char *const *comments,
                         size_t ncomments)
{
    FtlDecl *d = FTL_NEW(c->s->arena, FtlDecl);
    d->kind = k;
    d->span = c->at; /* and its name's (ftl_decl_name_span) */
    d->name = ident_in(c, name, "declaration name");
    c->decl = d->name;
    d->vis = vis_in(c, vis);
    d->comments = comments_in(c, comments, ncomments);
    return d;
}

/* A type that the text requires: a missing one is reported, Unit stands in. */
static FtlType *required_type_in(In *c, const PB(Type) * t, const char *what)
{
    if (t) return type_in(c, t);
    bad(c, "%s is missing", what);
    return ftl_type_prim(c->s->arena, FTL_TY_UNIT, c->at);
}

static void fields_in(In *c, FtlDecl *d, const PB(Data) * p)
{
    d->params =
        FTL_NEW_N(c->s->arena, FtlTypeParam, p->n_type_parameters ? p->n_type_parameters : 1);
    for (size_t i = 0; i < p->n_type_parameters; i++) {
        d->params[i].span = c->at;
        d->params[i].name = ident_in(c, p->type_parameters[i]->name, "type parameter");
    }
    d->nparams_ = (uint32_t)p->n_type_parameters;
    d->fields = FTL_NEW_N(c->s->arena, FtlField, p->n_fields ? p->n_fields : 1);
    for (size_t i = 0; i < p->n_fields; i++) {
        const PB(Field) *pf = p->fields[i];
        FtlField *f = &d->fields[i];
        f->span = c->at;
        f->name = ident_in(c, pf->name, "field name");
        c->member = f->name;
        c->member_kind = "field";
        FtlComments comments = comments_in(c, pf->comments, pf->n_comments);
        f->type = required_type_in(c, pf->type, "the field's type");
        FtlMetaList meta = metas_in(c, pf->metadata, pf->n_metadata);
        if (comments.count || meta.count) {
            f->more = FTL_NEW(c->s->arena, FtlFieldMore);
            f->more->comments = comments;
            f->more->meta = meta;
        }
        c->member = NULL;
    }
    d->nfields = (uint32_t)p->n_fields;
}

static FtlVariant *variant_in(In *c, const PB(EnumVariant) * p)
{
    FtlVariant *v = FTL_NEW(c->s->arena, FtlVariant);
    v->span = v->name_span = v->value_span = c->at;
    v->name = ident_in(c, p->name, "enum variant name");
    c->member = v->name;
    c->member_kind = "variant";
    v->comments = comments_in(c, p->comments, p->n_comments);
    const PB(Value) *val = p->value;
    switch (val ? val->value_case : PBC(VALUE__VALUE__NOT_SET)) {
    case PBC(VALUE__VALUE_STRING_VALUE):
        v->vkind = FTL_VAL_STRING;
        v->str = str_in(c, val->string_value->value);
        break;
    case PBC(VALUE__VALUE_INT_VALUE):
        v->vkind = FTL_VAL_INT;
        v->ival = val->int_value->value;
        if (v->ival < 0) bad(c, "enum value %lld is negative", (long long)v->ival);
        break;
    case PBC(VALUE__VALUE_TYPE_VALUE):
        v->vkind = FTL_VAL_TYPE;
        v->type = required_type_in(c, val->type_value->value, "the variant's type");
        break;
    default:
        v->vkind = FTL_VAL_INT;
        bad(c, "an enum variant needs a value");
        break;
    }
    c->member = NULL;
    return v;
}

#define DECL_IN(K, x, vis) new_decl(c, K, x->name, vis, x->comments, x->n_comments)

static FtlDecl *decl_in(In *c, const PB(Decl) * p)
{
    FtlDecl *d;
    switch (p->value_case) {
    case PBC(DECL__VALUE_DATA):
        d = DECL_IN(FTL_DECL_DATA, p->data, p->data->visibility);
        fields_in(c, d, p->data);
        d->meta = metas_in(c, p->data->metadata, p->data->n_metadata);
        break;
    case PBC(DECL__VALUE_VERB):
        d = DECL_IN(FTL_DECL_VERB, p->verb, p->verb->visibility);
        d->request = required_type_in(c, p->verb->request, "the verb's request type");
        d->response = required_type_in(c, p->verb->response, "the verb's response type");
        d->meta = metas_in(c, p->verb->metadata, p->verb->n_metadata);
        break;
    case PBC(DECL__VALUE_DATABASE): {
        static const char *const engines[] = {"postgres", "mysql", NULL};
        d = DECL_IN(FTL_DECL_DATABASE, p->database, 0);
        d->engine = word_in(c, p->database->type, engines, "database type");
        d->meta = metas_in(c, p->database->metadata, p->database->n_metadata);
        break;
    }
    case PBC(DECL__VALUE_ENUM):
        d = DECL_IN(FTL_DECL_ENUM, p->enum_, p->enum_->visibility);
        if (p->enum_->type) d->kind_type = type_in(c, p->enum_->type);
        d->variants =
            FTL_NEW_N(c->s->arena, FtlVariant *, p->enum_->n_variants ? p->enum_->n_variants : 1);
        for (size_t i = 0; i < p->enum_->n_variants; i++)
            d->variants[i] = variant_in(c, p->enum_->variants[i]);
        d->nvariants_ = (uint32_t)p->enum_->n_variants;
        break;
    case PBC(DECL__VALUE_TYPE_ALIAS):
        d = DECL_IN(FTL_DECL_TYPEALIAS, p->type_alias, p->type_alias->visibility);
        d->kind_type = required_type_in(c, p->type_alias->type, "the alias's type");
        d->meta = metas_in(c, p->type_alias->metadata, p->type_alias->n_metadata);
        break;
    case PBC(DECL__VALUE_CONFIG):
        d = DECL_IN(FTL_DECL_CONFIG, p->config, 0);
        d->kind_type = required_type_in(c, p->config->type, "the config's type");
        break;
    case PBC(DECL__VALUE_SECRET):
        d = DECL_IN(FTL_DECL_SECRET, p->secret, 0);
        d->kind_type = required_type_in(c, p->secret->type, "the secret's type");
        break;
    case PBC(DECL__VALUE_TOPIC):
        d = DECL_IN(FTL_DECL_TOPIC, p->topic, p->topic->visibility);
        d->kind_type = required_type_in(c, p->topic->event, "the topic's event type");
        d->meta = metas_in(c, p->topic->metadata, p->topic->n_metadata);
        break;
    default: bad(c, "a declaration is missing (no member of Decl is set)"); return NULL;
    }
    c->decl = NULL;
    return d;
}

static FtlModule *module_in(In *c, const PB(Module) * p)
{
    FtlModule *m = FTL_NEW(c->s->arena, FtlModule);
    m->span = m->name_span = c->at;
    m->name = ident_in(c, p->name, "module name");
    c->module = m->name;
    m->builtin = p->builtin != 0;
    m->comments = comments_in(c, p->comments, p->n_comments);
    m->meta = metas_in(c, p->metadata, p->n_metadata);
    m->decls = FTL_NEW_N(c->s->arena, FtlDecl *, p->n_decls ? p->n_decls : 1);
    for (size_t i = 0; i < p->n_decls; i++) {
        FtlDecl *d = decl_in(c, p->decls[i]);
        if (d) m->decls[m->ndecls++] = d;
    }
    c->module = NULL;
    return m;
}

static FtlFile *new_file(In *c)
{
    FtlFile *f = FTL_NEW(c->s->arena, FtlFile);
    f->file_id = c->at.file;
    return f;
}

/* A realm with an empty name holds module files. */
static uint32_t module_files_in(In *c, const PB(Realm) * r, FtlFile **files)
{
    uint32_t n = 0;
    if (r->external) bad(c, "an external realm needs a name");
    for (size_t i = 0; i < r->n_modules; i++) {
        FtlFile *f = new_file(c);
        f->is_module_file = 1;
        f->module = module_in(c, r->modules[i]);
        files[n++] = f;
    }
    return n;
}

static FtlRealm *realm_in(In *c, const PB(Realm) * p)
{
    FtlRealm *r = FTL_NEW(c->s->arena, FtlRealm);
    r->span = r->name_span = c->at;
    r->name = ident_in(c, p->name, "realm name");
    c->realm = r->name;
    r->external = p->external != 0;
    r->modules = FTL_NEW_N(c->s->arena, FtlModule *, p->n_modules ? p->n_modules : 1);
    for (size_t i = 0; i < p->n_modules; i++)
        r->modules[i] = module_in(c, p->modules[i]);
    r->nmodules = (uint32_t)p->n_modules;
    c->realm = NULL;
    return r;
}

uint32_t ftl_proto_to_files(FtlSchema *s, const FtlPbSchema *m, FtlSpan at, FtlFile ***files)
{
    In c = {s, at, NULL, NULL, NULL, NULL, NULL};
    size_t cap = 1;
    for (size_t i = 0; i < m->n_realms; i++)
        if (!m->realms[i]->name || !*m->realms[i]->name) cap += m->realms[i]->n_modules;
    FtlFile **out = FTL_NEW_N(s->arena, FtlFile *, cap);
    FtlFile *schema = new_file(&c);
    uint32_t n = 1, nrealms = 0;
    schema->realms = FTL_NEW_N(s->arena, FtlRealm *, m->n_realms ? m->n_realms : 1);
    out[0] = schema;
    for (size_t i = 0; i < m->n_realms; i++) {
        const PB(Realm) *r = m->realms[i];
        if (!r->name || !*r->name)
            n += module_files_in(&c, r, out + n);
        else
            schema->realms[nrealms++] = realm_in(&c, r);
    }
    schema->nrealms = nrealms;
    /* Module files alone: no empty schema file in front of them. */
    if (!nrealms && n > 1) {
        out++;
        n--;
    }
    *files = out;
    return n;
}
