/* check_verb.c - rules about verbs and their metadata: repetition and
 * placement (E0401-E0403), ingress (E0404-E0408), cron (E0410, E0411), retry
 * (E0412-E0414), subscriptions and dead letters (E0415-E0418), egress (E0421),
 * datasources and transactions (E0419, E0420), unique routes (E0409). The
 * rules are in ftlc-diagnostics(7). */
#include "check/check_int.h"
#include "check/cron.h"
#include "check/duration.h"
#include "syntax/fmt.h"

#include <stdlib.h>
#include <string.h>

/* E0401's words for each kind (upstream's wording). */
static const char *verb2_word(FtlMetaKind k)
{
    switch (k) {
    case FTL_MD_CALLS: return "calls";
    case FTL_MD_CONFIG: return "config";
    case FTL_MD_SECRETS: return "secrets";
    case FTL_MD_DATABASES: return "databases";
    case FTL_MD_PUBLISH: return "publisher";
    case FTL_MD_RETRY: return "retry";
    case FTL_MD_CRON: return "cronjob";
    case FTL_MD_INGRESS: return "ingress";
    case FTL_MD_ALIAS: return "alias";
    case FTL_MD_TYPEMAP: return "typemap";
    case FTL_MD_ENCODING: return "encoding";
    case FTL_MD_MIGRATION: return "sqlmigration";
    case FTL_MD_ARTEFACT: return "artefact";
    case FTL_MD_PARTITIONS: return "partitions";
    case FTL_MD_SQL_QUERY: return "sqlquery";
    case FTL_MD_SQL_COLUMN: return "sqlcolumn";
    case FTL_MD_GENERATED: return "generated";
    case FTL_MD_GIT: return "git";
    case FTL_MD_FIXTURE: return "fixture";
    case FTL_MD_TRANSACTION: return "transaction";
    case FTL_MD_EGRESS: return "egress";
    case FTL_MD_IMAGE: return "image";
    default: return ftl_meta_kind_name(k);
    }
}

static int is_unit(const FtlType *t)
{
    return t && t->kind == FTL_TY_UNIT;
}

static void type_text(FtlBuf *b, const FtlType *t)
{
    b->len = 0;
    ftl_type_text(b, t);
    ftl_buf_cstr(b);
}

/* The fix-it of a request or response that must be Unit (a cron job's, a
 * subscriber's, a catch verb's): Unit written in its place. */
static void fixit_unit(FtlDiag *g, const FtlType *t, const char *what)
{
    if (ftl_span_valid(ftl_type_span(t)))
        ftl_diag_fixit_edit(g, ftl_type_span(t), "Unit", "%s Unit", what);
}

/* ---- ingress (E0404-E0408) ------------------------------------------------------------------ */

static const FtlRef *http_ref_named(Ctx *c, const FtlDecl *v, const FtlType *t, const char *want,
                                    uint32_t nargs, const char *role);

/* The HttpRequest/HttpResponse reference a verb type stands for, directly or
 * through type aliases of the same module (E0404). */
static const FtlRef *http_ref(Ctx *c, const FtlDecl *v, const FtlType *t, const char *want,
                              uint32_t nargs, const char *role)
{
    return http_ref_named(c, v, t, ftl_intern_cstr(c->s->in, want), nargs, role);
}

static const FtlRef *http_ref_named(Ctx *c, const FtlDecl *v, const FtlType *t, const char *want,
                                    uint32_t nargs, const char *role)
{
    const FtlType *start = t;
    FtlBuf b;
    ftl_buf_init(&b);
    for (int guard = 0; guard < 64 && t && t->kind == FTL_TY_REF; guard++) {
        const FtlRef *r = ftl_type_ref(t);
        if (r->state == FTL_REF_ERROR) goto quiet;
        if (r->state != FTL_REF_DECL) break;
        if (ftl_is_builtin_decl(c->s, ftl_ref_target(r), want)) {
            if (ftl_ref_nargs(r) == nargs) {
                ftl_buf_free(&b);
                return r;
            }
            goto quiet; /* E0315 reports the wrong number of type arguments */
        }
        if (ftl_ref_target(r)->kind != FTL_DECL_TYPEALIAS || ftl_ref_target(r)->module != c->module)
            break;
        t = ftl_decl_type(ftl_ref_target(r));
    }
    type_text(&b, start);
    ftl_error(c->d, ftl_type_span(start), "E0404", "ingress verb %s: %s type %s must be builtin.%s",
              v->name, role, ftl_buf_cstr(&b), want);
quiet:
    ftl_buf_free(&b);
    return NULL;
}

typedef enum ArgState { ARG_CHECK, ARG_SKIP } ArgState;

/* Type arguments naming another module (or builtin, or another realm) are not
 * checked, as upstream; one that does not resolve at all is reported here. */
static ArgState ingress_arg(Ctx *c, const FtlDecl *v, const FtlType *t, const char *role)
{
    const FtlType *whole = strcmp(role, "response") == 0 ? v->response : v->request;
    if (t->kind != FTL_TY_REF) return ARG_CHECK;
    const FtlRef *r = ftl_type_ref(t);
    if (r->state == FTL_REF_DECL)
        return ftl_ref_target(r)->module == c->module ? ARG_CHECK : ARG_SKIP;
    if (r->state == FTL_REF_ERROR || r->state == FTL_REF_PARAM) return ARG_SKIP;
    if (r->module && r->module != c->module->name) return ARG_SKIP;
    ftl_error_at(c->d, ftl_type_span(whole), ftl_type_span(t), "E0406",
                 "ingress verb %s: couldn't resolve %s body type %s", v->name, role,
                 ftl_ref_name(r));
    return ARG_SKIP;
}

static const FtlType *strip_optional(const FtlType *t)
{
    return t && t->kind == FTL_TY_OPTIONAL ? t->elem : t;
}

/* A type alias satisfies the payload rules when it has +typemap or its target
 * is *written* as one of the accepted forms (upstream does not resolve it). */
static int alias_written_as(const FtlDecl *a, int (*ok)(const FtlType *))
{
    return ftl_decl_has_meta(a, FTL_MD_TYPEMAP) || ok(ftl_decl_type(a));
}

static int payload_prim(const FtlType *t)
{
    switch (t->kind) {
    case FTL_TY_BYTES:
    case FTL_TY_STRING:
    case FTL_TY_INT:
    case FTL_TY_FLOAT:
    case FTL_TY_BOOL:
    case FTL_TY_UNIT:
    case FTL_TY_ARRAY:
    case FTL_TY_MAP: return 1;
    default: return 0;
    }
}

static int payload_ok(const FtlType *t)
{
    if (payload_prim(t)) return 1;
    if (t->kind != FTL_TY_REF || ftl_type_ref(t)->state != FTL_REF_DECL) return 0;
    const FtlDecl *d = ftl_ref_target(ftl_type_ref(t));
    if (d->kind == FTL_DECL_DATA) return 1;
    if (d->kind == FTL_DECL_ENUM) return ftl_decl_type(d) == NULL;
    if (d->kind == FTL_DECL_TYPEALIAS) return alias_written_as(d, payload_prim);
    return 0;
}

static void check_body(Ctx *c, const FtlDecl *v, const FtlType *arg, const char *method,
                       const char *role)
{
    if (ingress_arg(c, v, arg, role) == ARG_SKIP) return;
    const FtlType *t = strip_optional(arg);
    int get = method && strcmp(method, "GET") == 0;
    if (get ? is_unit(t) : payload_ok(t)) return;
    FtlBuf b, x;
    ftl_buf_init(&b);
    ftl_buf_init(&x);
    const FtlType *whole = strcmp(role, "request") == 0 ? v->request : v->response;
    type_text(&b, whole);
    ftl_type_text(&x, t);
    if (get) {
        ftl_error_at(c->d, ftl_type_span(whole), ftl_type_span(arg), "E0406",
                     "ingress verb %s: GET request type %s must have a body of unit not %s",
                     v->name, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
    } else {
        ftl_error_at(c->d, ftl_type_span(whole), ftl_type_span(arg), "E0406",
                     "ingress verb %s: %s type %s must have a body of bytes, string, data "
                     "structure, unit, float, int, bool, map, or array not %s",
                     v->name, role, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
    }
    ftl_buf_free(&b);
    ftl_buf_free(&x);
}

static int path_prim(const FtlType *t)
{
    switch (t->kind) {
    case FTL_TY_STRING:
    case FTL_TY_INT:
    case FTL_TY_FLOAT:
    case FTL_TY_BOOL:
    case FTL_TY_UNIT: return 1;
    case FTL_TY_MAP: return ftl_type_value(t)->kind == FTL_TY_STRING;
    default: return 0;
    }
}

static int query_prim(const FtlType *t)
{
    if (t->kind == FTL_TY_UNIT) return 1;
    if (t->kind != FTL_TY_MAP) return 0;
    const FtlType *v = ftl_type_value(t);
    return v->kind == FTL_TY_STRING || (v->kind == FTL_TY_ARRAY && v->elem->kind == FTL_TY_STRING);
}

static const FtlDecl *ref_decl(const FtlType *t)
{
    if (t->kind != FTL_TY_REF) return NULL;
    const FtlRef *r = ftl_type_ref(t);
    return r->state == FTL_REF_DECL ? ftl_ref_target(r) : NULL;
}

/* E0407; returns 1 when the argument was checked (not skipped). */
static int check_param_type(Ctx *c, const FtlDecl *v, const FtlType *arg, int query)
{
    if (ingress_arg(c, v, arg, "request") == ARG_SKIP) return 0;
    const FtlType *t = strip_optional(arg);
    int (*ok)(const FtlType *) = query ? query_prim : path_prim;
    const FtlDecl *d = ref_decl(t);
    if (ok(t) || (d && d->kind == FTL_DECL_DATA) ||
        (d && d->kind == FTL_DECL_TYPEALIAS && alias_written_as(d, ok)))
        return 1;
    FtlBuf b, x;
    ftl_buf_init(&b);
    ftl_buf_init(&x);
    type_text(&b, v->request);
    ftl_type_text(&x, t);
    if (t->kind == FTL_TY_MAP && query)
        ftl_error_at(c->d, ftl_type_span(v->request), ftl_type_span(arg), "E0407",
                     "ingress verb %s: request type %s query params can "
                     "only support maps of strings or string arrays, "
                     "not %s",
                     v->name, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
    else if (t->kind == FTL_TY_MAP)
        ftl_error_at(c->d, ftl_type_span(v->request), ftl_type_span(arg), "E0407",
                     "ingress verb %s: request type %s path params can "
                     "only support maps of strings, not %s",
                     v->name, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
    else
        ftl_error_at(c->d, ftl_type_span(v->request), ftl_type_span(arg), "E0407",
                     "ingress verb %s: request type %s must have a param "
                     "of data structure, unit or map not %s",
                     v->name, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
    ftl_buf_free(&b);
    ftl_buf_free(&x);
    return 1;
}

static int data_has_field(const FtlDecl *d, const char *name, size_t len)
{
    for (uint32_t i = 0; i < d->nfields; i++)
        if (strlen(d->fields[i].name) == len && memcmp(d->fields[i].name, name, len) == 0) return 1;
    return 0;
}

/* E0408: the path's {parameters} against the Path type argument. */
/* The text of t in x, formatted on first use: only error messages need it. */
static const char *text_once(FtlBuf *x, const FtlType *t)
{
    if (!x->len) ftl_type_text(x, t);
    return ftl_buf_cstr(x);
}

static void check_path_params(Ctx *c, const FtlDecl *v, const FtlMeta *m, const FtlType *arg)
{
    const FtlType *t = strip_optional(arg);
    const FtlDecl *d = ref_decl(t);
    uint32_t nparams = 0;
    for (uint32_t i = 0; i < m->npath; i++)
        nparams += m->path[i].is_param;
    FtlBuf x; /* t as text, made by the first error that names it */
    ftl_buf_init(&x);
    if (nparams == 0) {
        if (!is_unit(t) && t->kind != FTL_TY_MAP)
            ftl_error_at(c->d, d ? ftl_decl_head(d) : ftl_type_span(arg),
                         d ? ftl_decl_name_span(d) : ftl_type_span(arg), "E0408",
                         "ingress verb %s: cannot use path parameter type %s, expected Unit or Map "
                         "as ingress has no path parameters",
                         v->name, text_once(&x, t));
        ftl_buf_free(&x);
        return;
    }
    for (uint32_t i = 0; i < m->npath; i++) {
        const FtlPathSeg *p = &m->path[i];
        if (!p->is_param) continue;
        if (d && d->kind == FTL_DECL_DATA) {
            if (!data_has_field(d, p->text.ptr, p->text.len))
                ftl_error(c->d, p->span, "E0408",
                          "ingress verb %s: request pathParameter type %s does not contain a "
                          "field corresponding to the parameter \"%.*s\"",
                          v->name, text_once(&x, t), (int)p->text.len, p->text.ptr);
        } else if (t->kind == FTL_TY_MAP) {
            if (t->elem->kind != FTL_TY_STRING)
                ftl_error(c->d, p->span, "E0408",
                          "ingress verb %s: request pathParameter map key type %s does not "
                          "contain a field corresponding to the parameter \"%.*s\"",
                          v->name, text_once(&x, t), (int)p->text.len, p->text.ptr);
        } else if (t->kind == FTL_TY_STRING || t->kind == FTL_TY_INT || t->kind == FTL_TY_BOOL ||
                   t->kind == FTL_TY_FLOAT) {
            if (nparams > 1)
                ftl_error(c->d, p->span, "E0408",
                          "ingress verb %s: cannot use path parameter \"%.*s\" with request type "
                          "%s as it has multiple path parameters, expected Data or Map type",
                          v->name, (int)p->text.len, p->text.ptr, text_once(&x, t));
        } else {
            ftl_error(c->d, p->span, "E0408",
                      "ingress verb %s: cannot use path parameter \"%.*s\" with request type %s, "
                      "expected Data or Map type",
                      v->name, (int)p->text.len, p->text.ptr, text_once(&x, t));
        }
    }
    ftl_buf_free(&x);
}

static void check_ingress(Ctx *c, const FtlDecl *v, const FtlMeta *m)
{
    const FtlRef *req = http_ref(c, v, v->request, "HttpRequest", 3, "request");
    const FtlRef *resp = http_ref(c, v, v->response, "HttpResponse", 2, "response");
    if (req) {
        check_body(c, v, ftl_ref_args(req)[0], m->method, "request");
        if (check_param_type(c, v, ftl_ref_args(req)[1], 0))
            check_path_params(c, v, m, ftl_ref_args(req)[1]);
        check_param_type(c, v, ftl_ref_args(req)[2], 1);
    }
    if (resp) check_body(c, v, ftl_ref_args(resp)[0], NULL, "response");
}

/* ---- cron, retry, egress ------------------------------------------------------------------ */

static void check_cron(Ctx *c, const FtlDecl *v, const FtlMeta *m)
{
    char err[256];
    if (m->s1.len && ftl_cron_validate(m->s1.ptr, m->s1.len, err, sizeof err) != 0)
        ftl_error(c->d, m->span, "E0410", "verb %s: invalid cron expression \"%.*s\": %s", v->name,
                  (int)m->s1.len, m->s1.ptr, err);
    if (!is_unit(v->request)) {
        FtlDiag *g = ftl_error(c->d, m->span, "E0411",
                               "verb %s: cron job can not have a request "
                               "type",
                               v->name);
        ftl_diag_note(g, ftl_type_span(v->request),
                      "the request type is here; a cron job takes Unit");
        fixit_unit(g, v->request, "take");
    }
    if (!is_unit(v->response)) {
        FtlDiag *g = ftl_error(c->d, m->span, "E0411",
                               "verb %s: cron job can not have a "
                               "response type",
                               v->name);
        ftl_diag_note(g, ftl_type_span(v->response),
                      "the response type is here; a cron job returns Unit");
        fixit_unit(g, v->response, "return");
    }
}

typedef struct RetryReport {
    Ctx *c;
    const FtlMeta *m;
} RetryReport;

static void retry_report(void *ctx, int which, const char *msg)
{
    RetryReport *rr = ctx;
    FtlSpan at = rr->m->span;
    if (which == FTL_RETRY_COUNT && rr->m->retry->has_count) at = rr->m->retry->count_span;
    if (which == FTL_RETRY_MIN && rr->m->retry->min_backoff.len) at = rr->m->retry->min_span;
    if (which == FTL_RETRY_MAX && rr->m->retry->max_backoff.len) at = rr->m->retry->max_span;
    FtlDiag *g = ftl_error_at(rr->c->d, rr->m->span, at, "E0413", "%s", msg);
    /* units out of order: the same duration, largest unit first */
    const FtlStr *d = which == FTL_RETRY_MIN   ? &rr->m->retry->min_backoff
                      : which == FTL_RETRY_MAX ? &rr->m->retry->max_backoff
                                               : NULL;
    char fixed[64];
    if (d && d->len && ftl_span_valid(at) &&
        ftl_duration_reorder(d->ptr, d->len, fixed, sizeof fixed) == 0)
        ftl_diag_fixit_edit(g, at, fixed, "write '%s'", fixed);
}

/* E0414: the catch verb, when it is in this module (a catch verb elsewhere is
 * not checked, as upstream). Types compare resolved (D7 in ftlc-check(1)). */
static void check_catch(Ctx *c, const FtlDecl *v, const FtlMeta *item, const FtlRef *r)
{
    if (r->state == FTL_REF_ERROR) return;
    if (r->state != FTL_REF_DECL) {
        if (!r->module || r->module == c->module->name)
            ftl_error_at(c->d, item->span, ftl_ref_span(r), "E0414",
                         "could not resolve catch verb \"%s\"", ftl_ref_name(r));
        return;
    }
    const FtlDecl *cv = ftl_ref_target(r);
    if (cv->module != c->module) return;
    if (cv->kind != FTL_DECL_VERB) {
        FtlDiag *g = ftl_error_at(c->d, item->span, ftl_ref_span(r), "E0414",
                                  "expected catch to be a verb, but \"%s\" "
                                  "is a %s",
                                  ftl_ref_name(r), ftl_decl_kind_name(cv->kind));
        ftl_diag_note(g, ftl_decl_name_span(cv), "declared here");
        return;
    }
    const FtlType *q = cv->request;
    int ok = q->kind == FTL_TY_REF && ftl_type_ref(q)->state == FTL_REF_DECL &&
             ftl_is_builtin_decl(c->s, ftl_ref_target(ftl_type_ref(q)), c->s->n_catch_req) &&
             ftl_ref_nargs(ftl_type_ref(q)) == 1 &&
             (ftl_ref_args(ftl_type_ref(q))[0]->kind == FTL_TY_ANY ||
              ftl_type_equal(ftl_ref_args(ftl_type_ref(q))[0], v->request));
    FtlBuf b, x;
    ftl_buf_init(&b);
    ftl_buf_init(&x);
    if (!ok) {
        type_text(&b, v->request);
        type_text(&x, q);
        FtlDiag *g = ftl_error(c->d, item->span, "E0414",
                               "catch verb must have a request type of builtin.CatchRequest<%s> "
                               "or builtin.CatchRequest<Any>, but found %s",
                               ftl_buf_cstr(&b), ftl_buf_cstr(&x));
        ftl_diag_note(g, ftl_type_span(q), "the request type of catch verb %s is here", cv->name);
    }
    if (!is_unit(cv->response)) {
        type_text(&x, cv->response);
        FtlDiag *g =
            ftl_error(c->d, item->span, "E0414",
                      "catch verb must not have a response type but found %s", ftl_buf_cstr(&x));
        ftl_diag_note(g, ftl_type_span(cv->response), "the response type of catch verb %s is here",
                      cv->name);
        fixit_unit(g, cv->response, "return");
    }
    ftl_buf_free(&b);
    ftl_buf_free(&x);
}

static void check_retry(Ctx *c, const FtlDecl *v, const FtlMeta *m)
{
    FtlRetrySpec spec = {m->retry->has_count,
                         m->retry->count,
                         m->retry->min_backoff.ptr,
                         m->retry->min_backoff.len,
                         m->retry->max_backoff.ptr,
                         m->retry->max_backoff.len,
                         m->nrefs > 0};
    RetryReport rr = {c, m};
    ftl_retry_check(&spec, retry_report, &rr);
    if (m->nrefs) check_catch(c, v, m, ftl_meta_refs(m)[0]);
}

/* ---- egress placeholders (E0421) ------------------------------------------------------------ */

/* The longest edit that several diagnostics share (E0421, E0401): each holds
 * a copy, so a longer one would make memory grow with their product. Beyond
 * it the hint has no edit. */
#define SHARED_EDIT_MAX 4096

/* The E0421 diagnostics of one module whose config can be declared, and the
 * names to declare. They all get one edit, the same: the declarations of every
 * name, before the first verb that needs one. (An edit per placeholder would
 * insert at one place, in an order that would be a guess.) */
typedef struct EgressFix {
    FtlMap seen;                  /* name -> itself */
    const char **names;           /* in the order met */
    unsigned *diags;              /* indices into c->d->items (which may move) */
    uint32_t nnames, ndiags, cap; /* nnames <= ndiags <= cap */
    const FtlDecl *first;         /* the verb to insert before: the first that needs one */
} EgressFix;

/* Can `config name String` be declared in the module to answer the
 * placeholder? Not when the name is no identifier or is reserved (E0302): then
 * the hint says so. (Declarations of other kinds may share its name.) */
static int egress_declarable(FtlDiag *g, const char *name)
{
    if ((name[0] >= '0' && name[0] <= '9') || ftl_is_primitive_name(name))
        ftl_diag_fixit(g, "name a config: '%s' cannot name one", name);
    return !g->nfixits;
}

static void egress_want(Ctx *c, EgressFix *f, const FtlDecl *v, const char *name)
{
    if (!f->first || v->span.off < f->first->span.off) f->first = v;
    if (f->ndiags == f->cap) {
        f->cap = f->cap ? 2 * f->cap : 4;
        f->diags = ftl_xrealloc(f->diags, f->cap * sizeof *f->diags);
        f->names = ftl_xrealloc(f->names, f->cap * sizeof *f->names);
    }
    f->diags[f->ndiags++] = c->d->count - 1;
    uint32_t known = f->seen.count;
    ftl_map_put_new(&f->seen, name, (void *)name);
    if (f->seen.count > known) f->names[f->nnames++] = name;
}

static void check_egress(Ctx *c, EgressFix *f, const FtlDecl *v, const FtlMeta *m)
{
    for (uint32_t i = 0; i < m->nstrs; i++) {
        const char *s = m->strs[i].ptr, *e = s + m->strs[i].len;
        for (const char *p = s; p + 2 < e; p++) {
            if (p[0] != '$' || p[1] != '{') continue;
            const char *q = p + 2;
            while (q < e && ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
                             (*q >= '0' && *q <= '9') || *q == '_'))
                q++;
            if (q == p + 2 || q >= e || *q != '}') continue;
            const char *name = ftl_intern(c->s->in, p + 2, (size_t)(q - p - 2));
            const FtlDecl *d = ftl_module_lookup(c->module, name);
            if (d && d->kind == FTL_DECL_CONFIG) continue;
            FtlDiag *g = ftl_error(c->d, m->span, "E0421",
                                   "egress target \"%.*s\" references unknown config \"%s\"",
                                   (int)m->strs[i].len, m->strs[i].ptr, name);
            if (egress_declarable(g, name)) egress_want(c, f, v, name);
        }
    }
}

/* Gives each diagnostic of f the edit that declares f's names, indented as
 * the verb before which they go (a hint without an edit when the verb does
 * not start its line). */
static void egress_fixits(Ctx *c, EgressFix *f)
{
    if (!f->ndiags) return;
    /* the verb's indentation, if it starts its line (and was read from text) */
    const FtlSource *src = ftl_sources_get(c->s->src, f->first->span.file);
    uint32_t at = f->first->span.off, bol = at;
    int own_line = ftl_span_valid(f->first->span) && src;
    while (own_line && bol > 0 && (src->data[bol - 1] == ' ' || src->data[bol - 1] == '\t'))
        bol--;
    own_line = own_line && (bol == 0 || src->data[bol - 1] == '\n');
    FtlBuf text, what;
    ftl_buf_init(&text);
    ftl_buf_init(&what);
    for (uint32_t i = 0; i < f->nnames; i++) {
        if (own_line)
            ftl_buf_printf(&text, "config %s String\n%.*s", f->names[i], (int)(at - bol),
                           src->data + bol);
        ftl_buf_printf(&what, "%s'config %s String'", i ? ", " : "", f->names[i]);
    }
    FtlSpan before = {f->first->span.file, at, at};
    if (text.len > SHARED_EDIT_MAX || what.len > SHARED_EDIT_MAX) {
        own_line = 0;
        what.len = 0;
        ftl_buf_puts(&what, "the configs its placeholders name");
    }
    for (uint32_t i = 0; i < f->ndiags; i++) {
        FtlDiag *g = &c->d->items[f->diags[i]];
        if (own_line)
            ftl_diag_fixit_edit(g, before, ftl_buf_cstr(&text), "declare %s in module %s",
                                ftl_buf_cstr(&what), c->module->name);
        else
            ftl_diag_fixit(g, "declare %s in module %s", ftl_buf_cstr(&what), c->module->name);
    }
    ftl_buf_free(&text);
    ftl_buf_free(&what);
}

/* ---- subscriptions and dead letters (E0415-E0418) ----------------------------------------------
 */

static void add_dead_letter_publish(Ctx *c, FtlDecl *v, FtlDecl *topic)
{
    FtlMeta *pub = NULL;
    for (uint32_t i = 0; i < v->meta.count; i++)
        if (v->meta.items[i]->kind == FTL_MD_PUBLISH) pub = v->meta.items[i];
    if (pub) {
        for (uint32_t i = 0; i < pub->nrefs; i++)
            if (ftl_ref_name(ftl_meta_refs(pub)[i]) == topic->name)
                return; /* by name, as upstream */
    } else {
        pub = FTL_NEW(c->s->arena, FtlMeta);
        pub->kind = FTL_MD_PUBLISH;
        pub->generated = 1;
        FtlMeta **items = FTL_NEW_N(c->s->arena, FtlMeta *, v->meta.count + 1);
        if (v->meta.count) memcpy(items, v->meta.items, v->meta.count * sizeof *items);
        items[v->meta.count] = pub;
        v->meta.items = items;
        v->meta.count++;
    }
    FtlRef *r = ftl_ref_new(c->s->arena, 0);
    r->module = c->module->name;
    ftl_ref_resolve(r, topic);
    FtlRef **refs = FTL_NEW_N(c->s->arena, FtlRef *, pub->nrefs + 1);
    if (pub->nrefs) memcpy(refs, ftl_meta_refs(pub), pub->nrefs * sizeof *refs);
    refs[pub->nrefs] = r;
    ftl_meta_set_refs(pub, refs, pub->nrefs + 1);
}

/* settled: the verb's request is its topic's event type (else E0416 edits the
 * request, and the dead-letter topic's type is not to be written from it). */
static void check_dead_letter(Ctx *c, FtlDecl *v, const FtlMeta *m, int settled)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%sFailed", v->name);
    FtlDecl *d = ftl_module_lookup(c->module, ftl_intern(c->s->in, b.data, b.len));
    ftl_buf_free(&b);
    if (!d) return;
    if (d->kind != FTL_DECL_TOPIC) {
        FtlDiag *g = ftl_error(c->d, m->span, "E0418",
                               "expected %s.%s to be a dead letter topic but it is already "
                               "declared as a %s",
                               c->module->name, d->name, ftl_decl_kind_name(d->kind));
        ftl_diag_note(g, ftl_decl_name_span(d), "%s.%s is declared here", c->module->name, d->name);
        return;
    }
    const FtlType *e = ftl_decl_type(d);
    int ok = e->kind == FTL_TY_REF && ftl_type_ref(e)->state == FTL_REF_DECL &&
             ftl_is_builtin_decl(c->s, ftl_ref_target(ftl_type_ref(e)), c->s->n_failed_event) &&
             ftl_ref_nargs(ftl_type_ref(e)) == 1 &&
             ftl_type_equal(ftl_ref_args(ftl_type_ref(e))[0], v->request);
    if (!ok) {
        FtlBuf x, y;
        ftl_buf_init(&x);
        ftl_buf_init(&y);
        ftl_type_text(&x, e);
        ftl_type_text(&y, v->request);
        FtlDiag *g = ftl_error(c->d, m->span, "E0418",
                               "dead letter topic %s.%s must have the same event type (%s) as the "
                               "subscription request type (builtin.FailedEvent<%s>)",
                               c->module->name, d->name, ftl_buf_cstr(&x), ftl_buf_cstr(&y));
        ftl_diag_note(g, ftl_type_span(e), "the event type of %s.%s is declared here",
                      c->module->name, d->name);
        /* the type the message names, written in place of the topic's */
        x.len = 0;
        ftl_buf_printf(&x, "builtin.FailedEvent<%s>", ftl_buf_cstr(&y));
        if (settled && ftl_span_valid(ftl_type_span(e)))
            ftl_diag_fixit_edit(g, ftl_type_span(e), ftl_buf_cstr(&x), "make it 'topic %s %s'",
                                d->name, x.data);
        ftl_buf_free(&x);
        ftl_buf_free(&y);
        return;
    }
    add_dead_letter_publish(c, v, d);
}

static void check_subscribe(Ctx *c, FtlDecl *v, const FtlMeta *m, int nth)
{
    if (nth > 0 && !c->mpass) {
        ftl_error(c->d, m->span, "E0402", "verb can not subscribe to multiple topics");
        return;
    }
    const FtlRef *r = ftl_meta_refs(m)[0];
    FtlBuf b, x;
    ftl_buf_init(&b);
    ftl_buf_init(&x);
    if (!is_unit(v->response)) {
        type_text(&b, v->response);
        FtlDiag *g = ftl_error(c->d, m->span, "E0417",
                               "verb %s: must be a sink to subscribe but found response type %s",
                               v->name, ftl_buf_cstr(&b));
        ftl_diag_note(g, ftl_type_span(v->response),
                      "the response type is here; a subscriber returns "
                      "Unit");
        fixit_unit(g, v->response, "return");
    }
    if (r->state == FTL_REF_DECL) {
        const FtlDecl *t = ftl_ref_target(r);
        if (t->kind != FTL_DECL_TOPIC) {
            ftl_buf_printf(&x, "%s.%s", t->module->name, t->name);
            FtlDiag *g = ftl_error_at(c->d, m->span, ftl_ref_span(r), "E0415",
                                      "verb %s: expected topic but found %s for \"%s\"", v->name,
                                      ftl_decl_kind_name(t->kind), ftl_buf_cstr(&x));
            ftl_diag_note(g, ftl_decl_name_span(t), "declared here");
        } else {
            if (!ftl_type_equal(v->request, ftl_decl_type(t))) {
                type_text(&b, v->request);
                type_text(&x, ftl_decl_type(t));
                FtlDiag *g = ftl_error(c->d, m->span, "E0416",
                                       "verb %s: request type %s differs from subscription's "
                                       "event type %s",
                                       v->name, ftl_buf_cstr(&b), ftl_buf_cstr(&x));
                ftl_diag_note(g, ftl_type_span(ftl_decl_type(t)),
                              "the event type of topic %s is declared here", t->name);
                if (ftl_span_valid(ftl_type_span(v->request)))
                    ftl_diag_fixit_edit(g, ftl_type_span(v->request), x.data,
                                        "take the topic's event type: '%s'", x.data);
            }
            if (m->flag) check_dead_letter(c, v, m, ftl_type_equal(v->request, ftl_decl_type(t)));
        }
    }
    ftl_buf_free(&b);
    ftl_buf_free(&x);
}

/* ---- one verb ------------------------------------------------------------------------------- */

/* E0401's fix-it for repeated +calls and +config items: each first item
 * lists the references of the later ones of its kind, which are deleted with
 * the blanks before them. One edit, the same for every repeated item of the
 * verb (edits of their own would overlap where the kinds interleave), from the
 * first such item to the last repeated one. span.file is 0 when no edit can be
 * made (an item not read from text). */
typedef struct Merge {
    int done;
    FtlSpan span;
    FtlBuf text;
} Merge;

static int mergeable(FtlMetaKind k)
{
    return k == FTL_MD_CALLS || k == FTL_MD_CONFIG;
}

/* Appends ", ref" for each reference of m not listed yet (by its text). */
static void merge_refs(const Ctx *c, FtlMap *listed, FtlBuf *b, const FtlSource *src,
                       const FtlMeta *m)
{
    for (uint32_t i = 0; i < m->nrefs; i++) {
        FtlSpan r = ftl_ref_span(ftl_meta_refs(m)[i]);
        const char *text = ftl_intern(c->s->in, src->data + r.off, r.end - r.off);
        uint32_t known = listed->count;
        ftl_map_put_new(listed, text, (void *)text);
        if (b && listed->count > known) ftl_buf_printf(b, ", %s", text);
    }
}

/* The text of v's +calls and +config items, or NULL when one was not read
 * from text (or they are not in the order written): nothing to edit then. */
static const FtlSource *merge_source(const Ctx *c, const FtlDecl *v)
{
    uint32_t file = 0, at = 0;
    for (uint32_t i = 0; i < v->meta.count; i++) {
        const FtlMeta *m = v->meta.items[i];
        if (m->generated || !mergeable(m->kind)) continue;
        if (!ftl_span_valid(m->span) || !m->nrefs || m->span.off < at ||
            (file && m->span.file != file))
            return NULL;
        file = m->span.file;
        at = m->span.end;
    }
    return ftl_sources_get(c->s->src, file);
}

static void merge_items(const Ctx *c, const FtlDecl *v, Merge *mg)
{
    mg->done = 1;
    const FtlSource *src = merge_source(c, v);
    if (!src) return;
    const FtlMeta *first[FTL_MD__COUNT] = {0};
    int repeated[FTL_MD__COUNT] = {0};
    FtlBuf more[FTL_MD__COUNT];
    FtlMap listed[FTL_MD__COUNT];
    for (int k = 0; k < FTL_MD__COUNT; k++) {
        ftl_buf_init(&more[k]);
        ftl_map_init(&listed[k]);
    }
    for (uint32_t i = 0; i < v->meta.count; i++) {
        const FtlMeta *m = v->meta.items[i];
        if (m->generated || !mergeable(m->kind)) continue;
        if (!first[m->kind]) first[m->kind] = m;
        if (m != first[m->kind]) repeated[m->kind] = 1;
        merge_refs(c, &listed[m->kind], m == first[m->kind] ? NULL : &more[m->kind], src, m);
    }
    uint32_t at = 0; /* copied up to here */
    for (uint32_t i = 0; i < v->meta.count; i++) {
        const FtlMeta *m = v->meta.items[i];
        if (m->generated || !mergeable(m->kind) || !repeated[m->kind]) continue;
        if (!mg->span.file) {
            mg->span = (FtlSpan){m->span.file, m->span.off, m->span.off};
            at = m->span.off;
        }
        uint32_t cut = m->span.off;
        if (m == first[m->kind]) {
            cut = m->span.end;
        } else {
            while (cut > at && (src->data[cut - 1] == ' ' || src->data[cut - 1] == '\t' ||
                                src->data[cut - 1] == '\n' || src->data[cut - 1] == '\r'))
                cut--;
            mg->span.end = m->span.end;
        }
        ftl_buf_printf(&mg->text, "%.*s", (int)(cut - at), src->data + at);
        if (m == first[m->kind]) ftl_buf_puts(&mg->text, ftl_buf_cstr(&more[m->kind]));
        at = m->span.end;
    }
    for (int k = 0; k < FTL_MD__COUNT; k++) {
        ftl_buf_free(&more[k]);
        ftl_map_free(&listed[k]);
    }
}

static void merge_fixit(const Ctx *c, const FtlDecl *v, const FtlMeta *m, FtlDiag *g, Merge *mg)
{
    const char *kind = ftl_meta_kind_name(m->kind);
    if (!mg->done) merge_items(c, v, mg);
    if (mg->span.file && mg->text.len <= SHARED_EDIT_MAX)
        ftl_diag_fixit_edit(g, mg->span, ftl_buf_cstr(&mg->text), "list them in the first +%s item",
                            kind);
    else
        ftl_diag_fixit(g, "list them in one item: '+%s a.b, c.d'", kind);
}

static int meta_rank_cmp(const void *a, const void *b)
{
    const FtlMeta *x = *(FtlMeta *const *)a, *y = *(FtlMeta *const *)b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return x->span.off < y->span.off ? -1 : x->span.off > y->span.off;
}

static void check_verb(Ctx *c, EgressFix *f, FtlDecl *v)
{
    uint32_t n = v->meta.count;
    if (!n) return;
    /* Upstream checks metadata in canonical order; that order decides which
     * checks a failed +retry masks (E0412; D18 in ftlc-check(1)). */
    FtlMeta **items = ftl_xmalloc(n * sizeof *items);
    memcpy(items, v->meta.items, n * sizeof *items);
    qsort(items, n, sizeof *items, meta_rank_cmp);
    int seen[FTL_MD__COUNT] = {0};
    int subscribes = ftl_decl_has_meta(v, FTL_MD_SUBSCRIBE), masked = 0, nsub = 0;
    Merge mg = {0};
    ftl_buf_init(&mg.text);
    for (uint32_t i = 0; i < n; i++) {
        FtlMeta *m = items[i];
        if (m->generated) continue;
        if (!masked && m->kind != FTL_MD_SUBSCRIBE && seen[m->kind]++) {
            FtlDiag *g =
                ftl_error(c->d, m->span, "E0401", "verb can not have multiple instances of %s",
                          verb2_word(m->kind));
            if (mergeable(m->kind)) merge_fixit(c, v, m, g, &mg);
            continue;
        }
        switch (m->kind) {
        case FTL_MD_SQL_COLUMN:
            if (!masked) {
                FtlBuf b;
                ftl_buf_init(&b);
                ftl_fmt_meta(&b, m);
                ftl_error(c->d, m->span, "E0403", "metadata \"%s\" is not valid on verbs",
                          ftl_buf_cstr(&b));
                ftl_buf_free(&b);
            }
            break;
        case FTL_MD_CRON: check_cron(c, v, m); break;
        case FTL_MD_INGRESS: check_ingress(c, v, m); break;
        case FTL_MD_SUBSCRIBE: check_subscribe(c, v, m, nsub++); break;
        case FTL_MD_EGRESS:
            if (!masked) check_egress(c, f, v, m);
            break;
        case FTL_MD_RETRY:
            if (masked) break;
            if (!subscribes) {
                FtlDiag *g =
                    ftl_error(c->d, m->span, "E0412", "retries can only be added to subscribers");
                ftl_diag_note(g, ftl_decl_name_span(v), "verb %s has no +subscribe", v->name);
                masked = 1;
            } else {
                check_retry(c, v, m);
            }
            break;
        default: break;
        }
    }
    free(items);
    ftl_buf_free(&mg.text);
}

void ftl_check_module_verbs(Ctx *c, FtlModule *m)
{
    c->module = m;
    EgressFix f = {0};
    ftl_map_init(&f.seen);
    for (uint32_t i = 0; i < m->ndecls; i++)
        if (m->decls[i]->kind == FTL_DECL_VERB) check_verb(c, &f, m->decls[i]);
    egress_fixits(c, &f);
    ftl_map_free(&f.seen);
    free(f.names);
    free(f.diags);
}

/* ---- unique routes (E0409) --------------------------------------------------------------------
 */

static int decl_cmp(const void *a, const void *b)
{
    const FtlDecl *x = *(FtlDecl *const *)a, *y = *(FtlDecl *const *)b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    int c = strcmp(x->name, y->name);
    if (c) return c;
    return x->span.off < y->span.off ? -1 : x->span.off > y->span.off;
}

/* Routes are compared as text: each is interned in a table of its own (a
 * route is no identifier; in the compilation's table the routes of a large
 * schema would double it once more, some 3% of check on 20 MB). */
void ftl_check_routes(Ctx *c, FtlRealm *r)
{
    FtlMap seen;
    ftl_map_init(&seen);
    FtlInterner routes;
    ftl_intern_init(&routes, c->s->arena);
    FtlBuf key;
    ftl_buf_init(&key);
    for (uint32_t i = 1; i < r->nmodules; i++) {
        FtlModule *m = r->modules[i];
        /* The module's ingress verbs, in canonical order (which route is the
         * duplicate follows it); most declarations are not. */
        FtlDecl **decls = ftl_xmalloc((m->ndecls + 1) * sizeof *decls);
        uint32_t n = 0;
        for (uint32_t j = 0; j < m->ndecls; j++)
            if (m->decls[j]->kind == FTL_DECL_VERB &&
                ftl_decl_has_meta(m->decls[j], FTL_MD_INGRESS))
                decls[n++] = m->decls[j];
        qsort(decls, n, sizeof *decls, decl_cmp);
        for (uint32_t j = 0; j < n; j++) {
            FtlDecl *v = decls[j];
            for (uint32_t k = 0; k < v->meta.count; k++) {
                FtlMeta *md = v->meta.items[k];
                if (md->kind != FTL_MD_INGRESS) continue;
                key.len = 0;
                ftl_buf_printf(&key, "%s ", md->method);
                for (uint32_t s = 0; s < md->npath; s++) {
                    if (md->path[s].is_param)
                        ftl_buf_puts(&key, "/{}");
                    else
                        ftl_buf_printf(&key, "/%.*s", (int)md->path[s].text.len,
                                       md->path[s].text.ptr);
                }
                const char *k2 = ftl_intern(&routes, key.data, key.len);
                FtlMeta *first = ftl_map_put_new(&seen, k2, md);
                if (first == md) continue;
                FtlDiag *g = ftl_error(c->d, md->span, "E0409",
                                       "duplicate http ingress %s for "
                                       "verb %s.%s",
                                       k2, m->name, v->name);
                ftl_diag_note(g, first->span, "the same route is already served here");
            }
        }
        free(decls);
    }
    ftl_buf_free(&key);
    ftl_intern_free(&routes);
    ftl_map_free(&seen);
}

/* ---- datasources and transactions (E0419, E0420; D8 in ftlc-check(1))
 * ---------------------------- */

typedef struct DsWalk {
    FtlMap visited; /* verb -> verb */
    FtlMap sources; /* datasource declaration -> itself */
} DsWalk;

static void collect_sources(DsWalk *w, const FtlDecl *v)
{
    if (ftl_map_get(&w->visited, v)) return;
    ftl_map_set(&w->visited, v, (void *)v);
    for (uint32_t i = 0; i < v->meta.count; i++) {
        const FtlMeta *m = v->meta.items[i];
        for (uint32_t j = 0; j < m->nrefs; j++) {
            const FtlRef *r = ftl_meta_refs(m)[j];
            if (r->state != FTL_REF_DECL) continue;
            if (m->kind == FTL_MD_DATABASES)
                ftl_map_set(&w->sources, ftl_ref_target(r), ftl_ref_target(r));
            else if (m->kind == FTL_MD_CALLS && ftl_ref_target(r)->kind == FTL_DECL_VERB)
                collect_sources(w, ftl_ref_target(r));
        }
    }
}

static void check_single_source(Ctx *c, const FtlDecl *v, const char *code, const char *none,
                                const char *many)
{
    DsWalk w;
    ftl_map_init(&w.visited);
    ftl_map_init(&w.sources);
    collect_sources(&w, v);
    if (w.sources.count == 0)
        ftl_error_at(c->d, ftl_decl_head(v), ftl_decl_name_span(v), code, "%s", none);
    else if (w.sources.count > 1)
        ftl_error_at(c->d, ftl_decl_head(v), ftl_decl_name_span(v), code, "%s", many);
    ftl_map_free(&w.visited);
    ftl_map_free(&w.sources);
}

void ftl_check_datasources(Ctx *c, FtlRealm *r)
{
    for (uint32_t i = 1; i < r->nmodules; i++) {
        FtlModule *m = r->modules[i];
        for (uint32_t j = 0; j < m->ndecls; j++) {
            const FtlDecl *v = m->decls[j];
            if (v->kind != FTL_DECL_VERB) continue;
            if (ftl_decl_has_meta(v, FTL_MD_SQL_QUERY))
                check_single_source(c, v, "E0419",
                                    "query verb must specify a corresponding datasource",
                                    "query verbs can only access a single datasource");
            if (!ftl_decl_has_meta(v, FTL_MD_TRANSACTION)) continue;
            check_single_source(c, v, "E0420", "transaction verbs must access a datasource",
                                "transaction verbs can only access a single datasource");
            for (uint32_t k = 0; k < v->meta.count; k++) {
                const FtlMeta *md = v->meta.items[k];
                if (md->kind != FTL_MD_CALLS) continue;
                for (uint32_t q = 0; q < md->nrefs; q++) {
                    const FtlRef *cr = ftl_meta_refs(md)[q];
                    if (cr->state != FTL_REF_DECL || ftl_ref_target(cr) == v ||
                        !ftl_decl_has_meta(ftl_ref_target(cr), FTL_MD_TRANSACTION))
                        continue;
                    FtlDiag *g =
                        ftl_error_at(c->d, ftl_decl_head(v), ftl_decl_name_span(v), "E0420",
                                     "transaction verbs "
                                     "cannot inject nested "
                                     "transactions");
                    ftl_diag_note(g, ftl_ref_span(cr), "%s calls transaction verb %s here", v->name,
                                  ftl_ref_target(cr)->name);
                }
            }
        }
    }
}
