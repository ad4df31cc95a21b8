/* map.c - the mapping of protobuf services to FTL declarations (the table in
 * ftlc-import(1)), in three passes:
 *
 *   reach  (here) the roots - the unary RPCs of the chosen services, or the
 *          messages and enums of the root files - and every message and enum
 *          their fields reach, well-known types excepted;
 *   name   (map_names.c) a module per package and a unique FTL name per
 *          declaration, in an order that depends neither on file names nor on the
 *          order files arrived in (a server may send them in any order, or
 *          combined per package);
 *   build  (map_build.c) fields, enum values and verbs with their FTL types and
 *          comments.
 */
#include "import/map_int.h"
#include "import/names.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared helpers --------------------------------------------------------------------- */

FtlDiag *ftl_imp_error(FtlImpMap *c, FtlSpan at, const char *code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    c->errors++;
    FtlDiag *g = ftl_diag_vadd(c->cx->diags, FTL_SEV_ERROR, at, code, fmt, ap);
    va_end(ap);
    return g;
}

FtlSpan ftl_imp_span(FtlImpMap *c, FtlDsFile *f, const char *path)
{
    const FtlPbLocation *l = f ? ftl_ds_location(f, path) : NULL;
    if (!l || l->n_span < 3 || !c->cx->source) return FTL_NOWHERE;
    uint32_t id = c->cx->source(c->cx->source_ctx, f);
    const FtlSource *s = id ? ftl_sources_get(c->cx->src, id) : NULL;
    if (!s) return FTL_NOWHERE;
    /* span is [line, column, end column] or [line, column, end line, end column]. */
    int end_line = l->n_span >= 4 ? l->span[2] : l->span[0];
    uint32_t a = ftl_ds_offset(s, l->span[0], l->span[1]);
    uint32_t b = ftl_ds_offset(s, end_line, l->span[l->n_span >= 4 ? 3 : 2]);
    return (FtlSpan){id, a, b > a ? b : a};
}

typedef struct Lines {
    FtlImpMap *c;
    FtlImpComments *out;
    uint32_t cap;
} Lines;

static void add_line(void *ctx, const char *s, size_t n)
{
    Lines *l = ctx;
    if (l->out->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 4;
        const char **items = FTL_NEW_N(l->c->p->arena, const char *, l->cap);
        if (l->out->n) memcpy(items, l->out->lines, l->out->n * sizeof *items);
        l->out->lines = items;
    }
    l->out->lines[l->out->n++] = ftl_intern(l->c->p->in, s, n);
}

FtlImpComments ftl_imp_comments(FtlImpMap *c, FtlDsFile *f, const char *path, int trailing,
                                const char *extra)
{
    FtlImpComments r = {NULL, 0};
    Lines l = {c, &r, 0};
    const FtlPbLocation *loc = ftl_ds_location(f, path);
    if (loc) ftl_imp_comment_lines(loc->leading_comments, add_line, &l);
    if (loc && trailing) ftl_imp_comment_lines(loc->trailing_comments, add_line, &l);
    if (extra) ftl_imp_comment_lines(extra, add_line, &l); /* a oneof name: any bytes */
    return r;
}

/* google/protobuf's types that protobuf's JSON mapping gives a JSON form of their
 * own (each one's comment in its google/protobuf .proto file says which): FTL types,
 * not declarations. */
static const struct {
    const char *name, *type;
} WKT[] = {
    {"google.protobuf.Timestamp", "Time"},
    {"google.protobuf.Duration", "String"},
    {"google.protobuf.FieldMask", "String"},
    {"google.protobuf.Empty", "Unit"},
    {"google.protobuf.Any", "Any"},
    {"google.protobuf.Value", "Any"},
    {"google.protobuf.NullValue", "Any?"},
    {"google.protobuf.Struct", "{String: Any}"},
    {"google.protobuf.ListValue", "[Any]"},
    {"google.protobuf.DoubleValue", "Float?"},
    {"google.protobuf.FloatValue", "Float?"},
    {"google.protobuf.Int64Value", "Int?"},
    {"google.protobuf.UInt64Value", "Int?"},
    {"google.protobuf.Int32Value", "Int?"},
    {"google.protobuf.UInt32Value", "Int?"},
    {"google.protobuf.BoolValue", "Bool?"},
    {"google.protobuf.StringValue", "String?"},
    {"google.protobuf.BytesValue", "Bytes?"},
};

const char *ftl_imp_wkt(const FtlDsSym *s)
{
    for (size_t i = 0; s && i < sizeof WKT / sizeof WKT[0]; i++)
        if (strcmp(s->full, WKT[i].name) == 0) return WKT[i].type;
    return NULL;
}

const char *ftl_imp_type_name(FtlPbType t)
{
    static const char *const names[] = {"?",        "double",   "float",   "int64",  "uint64",
                                        "int32",    "fixed64",  "fixed32", "bool",   "string",
                                        "group",    "message",  "bytes",   "uint32", "enum",
                                        "sfixed32", "sfixed64", "sint32",  "sint64"};
    return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : "?";
}

const char *ftl_imp_scalar(FtlPbType t)
{
    switch (t) {
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_DOUBLE:
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_FLOAT: return "Float";
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_BOOL: return "Bool";
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_STRING: return "String";
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_BYTES: return "Bytes";
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_GROUP:
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_MESSAGE:
    case GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_ENUM: return NULL;
    default: return "Int";
    }
}

static const char *where_from(const FtlImpMap *c)
{
    return c->o->origin && strcmp(c->o->origin, "the server") == 0
               ? "the server did not send it"
               : "a descriptor set must be written with protoc's --include_imports";
}

FtlDsSym *ftl_imp_field_sym(FtlImpMap *c, const FtlPbField *f, const FtlDsSym *owner, int report)
{
    if (f->has_type && ftl_imp_scalar(f->type)) return NULL;
    const char *name = f->name ? f->name : "";
    if (!f->type_name || !*f->type_name) {
        if (report)
            ftl_imp_error(c, FTL_NOWHERE, "E0621",
                          "field '%s.%s' has a message or enum type without a name", owner->full,
                          name);
        return NULL;
    }
    if (f->type_name[0] != '.') c->relative = 1;
    FtlDsSym *s = ftl_ds_resolve(c->p, f->type_name, owner->scope);
    if (s && s->kind != FTL_DS_SERVICE) return s;
    if (report)
        ftl_imp_error(c, FTL_NOWHERE, "E0621",
                      "type '%s' of field '%s.%s' is not defined in the descriptors (%s)",
                      f->type_name, owner->full, name, where_from(c));
    return NULL;
}

int ftl_imp_is_map_entry(const FtlDsSym *s)
{
    const FtlPbMessage *m = s && s->kind == FTL_DS_MESSAGE ? s->desc : NULL;
    return m && m->options && m->options->has_map_entry && m->options->map_entry;
}

const char *ftl_imp_grpc_path(FtlImpMap *c, const FtlDsSym *svc, const FtlPbMethod *m)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "/%s/%s", svc->full, m->name ? m->name : "");
    const char *r = ftl_intern(c->p->in, ftl_buf_cstr(&b), b.len);
    ftl_buf_free(&b);
    return r;
}

FtlDsSym *ftl_imp_method_sym(FtlImpMap *c, const FtlDsSym *svc, const FtlPbMethod *m,
                             const char *type)
{
    if (type && type[0] != '.') c->relative = 1;
    FtlDsSym *s = ftl_ds_resolve(c->p, type, svc->full);
    if (s && s->kind == FTL_DS_MESSAGE) return s;
    ftl_imp_error(c, FTL_NOWHERE, "E0621",
                  "type '%s' of RPC '%s' is not a message of the "
                  "descriptors (%s)",
                  type ? type : "", ftl_imp_grpc_path(c, svc, m), where_from(c));
    return NULL;
}

const char *ftl_imp_streaming(const FtlPbMethod *m)
{
    int cs = m->has_client_streaming && m->client_streaming;
    int ss = m->has_server_streaming && m->server_streaming;
    if (cs && ss) return "bidirectional streaming";
    return cs ? "client streaming" : ss ? "server streaming" : NULL;
}

/* ---- reach --------------------------------------------------------------------------------- */

static void add_todo(FtlImpMap *c, FtlDsSym *s)
{
    if (c->ntodo == c->captodo) {
        c->captodo = c->captodo ? c->captodo * 2 : 64;
        c->todo = ftl_xrealloc(c->todo, c->captodo * sizeof *c->todo);
    }
    c->todo[c->ntodo++] = s;
}

static void reach(FtlImpMap *c, FtlDsSym *s)
{
    if (!s || ftl_imp_wkt(s) || ftl_map_get(&c->decls, s)) return;
    FtlImpDecl *d = FTL_NEW(c->p->arena, FtlImpDecl);
    d->kind = s->kind == FTL_DS_ENUM ? FTL_IMP_ENUM : FTL_IMP_DATA;
    d->sym = s;
    ftl_map_set(&c->decls, s, d);
    add_todo(c, s);
}

/* Reaches what a message's fields name; a map's entry message is looked through
 * (its key and value), never a declaration of its own. Only one level: an entry
 * that names an entry (no protoc writes that) makes it a data declaration, so
 * that hostile descriptors cannot make the walk recurse without end. */
static void reach_fields(FtlImpMap *c, const FtlDsSym *s)
{
    const FtlPbMessage *msg = s->desc;
    for (size_t i = 0; i < msg->n_field; i++) {
        FtlDsSym *t = ftl_imp_field_sym(c, msg->field[i], s, 1);
        if (ftl_imp_is_map_entry(t) && !ftl_imp_is_map_entry(s))
            reach_fields(c, t);
        else
            reach(c, t);
    }
}

static int sym_cmp(const void *a, const void *b)
{
    return strcmp((*(FtlDsSym *const *)a)->full, (*(FtlDsSym *const *)b)->full);
}

/* The services to import: those named with --service, else those of the root files. */
static void pick_services(FtlImpMap *c)
{
    c->services = FTL_NEW_N(c->p->arena, FtlDsSym *, c->p->nsyms + (uint32_t)c->o->nservices + 1);
    for (int i = 0; i < c->o->nservices; i++) {
        FtlDsSym *s = ftl_ds_lookup(c->p, c->o->services[i]);
        if (s && s->kind == FTL_DS_SERVICE)
            c->services[c->nservices++] = s;
        else
            ftl_imp_error(c, FTL_NOWHERE, "E0624", "no service '%s' in the descriptors",
                          c->o->services[i]);
    }
    for (uint32_t i = 0; !c->o->nservices && i < c->p->nsyms; i++)
        if (c->p->syms[i]->kind == FTL_DS_SERVICE && c->p->syms[i]->file->root)
            c->services[c->nservices++] = c->p->syms[i];
    qsort(c->services, c->nservices, sizeof *c->services, sym_cmp);
}

static void skip_method(FtlImpMap *c, const FtlDsSym *svc, size_t i, const char *why)
{
    const FtlPbMethod *m = ((const FtlPbService *)svc->desc)->method[i];
    const char *path = ftl_ds_child_path(c->p, svc->path, FTL_DS_PATH_METHOD, i);
    const char *grpc = ftl_imp_grpc_path(c, svc, m);
    ftl_imp_warn(c, ftl_imp_span(c, svc->file, path), "W0620",
                 "RPC '%s' is %s: it is not imported (an FTL verb takes one request and "
                 "returns one response)",
                 grpc, why);
    FtlImpModel *mo = c->m;
    FtlImpSkipped *items = FTL_NEW_N(c->p->arena, FtlImpSkipped, mo->nskipped + 1);
    if (mo->nskipped) memcpy(items, mo->skipped, mo->nskipped * sizeof *items);
    items[mo->nskipped++] = (FtlImpSkipped){grpc, why};
    mo->skipped = items;
}

/* Reaches the request and response of every unary RPC; returns how many there are. */
static uint32_t reach_services(FtlImpMap *c)
{
    uint32_t unary = 0;
    for (uint32_t i = 0; i < c->nservices; i++) {
        const FtlDsSym *s = c->services[i];
        const FtlPbService *svc = s->desc;
        for (size_t k = 0; k < svc->n_method; k++) {
            const FtlPbMethod *m = svc->method[k];
            const char *why = ftl_imp_streaming(m);
            if (why) {
                skip_method(c, s, k, why);
                continue;
            }
            reach(c, ftl_imp_method_sym(c, s, m, m->input_type));
            reach(c, ftl_imp_method_sym(c, s, m, m->output_type));
            unary++;
        }
    }
    return unary;
}

/* A well-known type declared in a root file (google/protobuf/timestamp.proto
 * imported on its own): a type alias of the FTL type it always maps to. */
static void reach_alias(FtlImpMap *c, FtlDsSym *s)
{
    if (ftl_map_get(&c->decls, s)) return;
    FtlImpDecl *d = FTL_NEW(c->p->arena, FtlImpDecl);
    d->kind = FTL_IMP_ALIAS;
    d->sym = s;
    d->alias = ftl_imp_wkt(s);
    ftl_map_set(&c->decls, s, d);
    add_todo(c, s);
}

/* Without services: every message and enum of the root files (a types-only realm). */
static void reach_root_types(FtlImpMap *c)
{
    for (uint32_t i = 0; i < c->p->nsyms; i++) {
        FtlDsSym *s = c->p->syms[i];
        if (!s->file->root || s->kind == FTL_DS_SERVICE || ftl_imp_is_map_entry(s)) continue;
        if (ftl_imp_wkt(s))
            reach_alias(c, s);
        else
            reach(c, s);
    }
}

/* Services whose RPCs all stream give no verb: an error when they were asked for
 * (--service, or a server's), else (.proto files) a types-only realm, warned. */
static void no_unary(FtlImpMap *c)
{
    if (c->o->nservices) {
        ftl_imp_error(c, FTL_NOWHERE, "E0625",
                      "nothing to import: every RPC of the %s is streaming",
                      c->nservices == 1 ? "service" : "services");
        return;
    }
    ftl_imp_warn(c, FTL_NOWHERE, "W0627",
                 "every RPC of the inputs is streaming: only their "
                 "messages and enums are imported");
    c->nservices = 0;
    reach_root_types(c);
}

static void reach_all(FtlImpMap *c)
{
    pick_services(c);
    if (c->errors) return;
    if (c->nservices && reach_services(c) == 0)
        no_unary(c);
    else if (!c->nservices)
        reach_root_types(c);
    if (!c->errors && c->ntodo == 0 && !c->nservices)
        ftl_imp_error(c, FTL_NOWHERE, "E0625",
                      "nothing to import: the inputs declare no service, message or enum");
    /* todo grows while it is walked: each message once. */
    for (uint32_t i = 0; i < c->ntodo; i++)
        if (c->todo[i]->kind == FTL_DS_MESSAGE && !ftl_imp_wkt(c->todo[i]))
            reach_fields(c, c->todo[i]);
}

/* ---- the note on what the descriptors lack ---------------------------------------------- */

static void note_missing(FtlImpMap *c)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (c->no_comments) ftl_buf_puts(&b, ", comments (no source info)");
    if (c->no_json) ftl_buf_puts(&b, ", JSON names (derived by protobuf's rule)");
    if (c->guessed_optional)
        ftl_buf_puts(&b, ", proto3_optional (a oneof named '_<field>' with one field is taken "
                         "for an optional field)");
    if (c->relative)
        ftl_buf_puts(&b, ", full type names (relative names resolved by protobuf's scoping "
                         "rules)");
    if (b.len)
        ftl_diag_add(c->cx->diags, FTL_SEV_NOTE, FTL_NOWHERE, "I0626", "%s did not provide %s",
                     c->o->origin ? c->o->origin : "the descriptors", b.data + 2);
    ftl_buf_free(&b);
}

unsigned ftl_imp_map(FtlDsPool *p, const FtlImportOptions *o, const FtlImpContext *cx,
                     FtlImpModel *m)
{
    memset(m, 0, sizeof *m);
    m->realm = ftl_intern_cstr(p->in, o->realm);
    FtlImpMap c;
    memset(&c, 0, sizeof c);
    c.p = p, c.o = o, c.cx = cx, c.m = m;
    ftl_map_init(&c.decls);
    ftl_map_init(&c.modules);
    reach_all(&c);
    if (!c.errors) ftl_imp_name_all(&c);
    if (!c.errors) ftl_imp_build_all(&c);
    if (!c.errors) note_missing(&c);
    ftl_map_free(&c.decls);
    ftl_map_free(&c.modules);
    free(c.todo);
    return c.errors;
}
