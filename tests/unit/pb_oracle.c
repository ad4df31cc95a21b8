/* pb_oracle.c - what ftlc wrote in the protobuf formats before the streaming
 * writer (proto/pbwrite.h): the canonical view built as an
 * xyz.block.ftl.schema.v1 message tree with protobuf-c's generated structs,
 * then packed by protobuf-c or printed by the descriptor-driven writers of
 * textproto.h and protojson.h. The tests compare the writer with it.
 *
 * Messages are built by hand from the generated structs (they are plain C
 * structs; a descriptor-driven builder would hide the mapping this file exists
 * to show). Every message, string and array comes from the compilation's arena
 * and goes with it: a large schema is hundreds of thousands of small messages,
 * which malloc and protobuf_c_message_free_unpacked would each visit once more.
 */
#include "pb_oracle.h"
#include "base/arena.h"
#include "proto/protojson.h"
#include "proto/textproto.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PB(T) Xyz__Block__Ftl__Schema__V1__##T
#define PBD(t) xyz__block__ftl__schema__v1__##t##__descriptor
#define PBC(C) XYZ__BLOCK__FTL__SCHEMA__V1__##C
/* Where `o` is the Out being written. */
#define NEW(T, t) ((PB(T) *)pb_new(o->s->arena, &PBD(t)))
#define NEW_ARRAY(n, p) ftl_arena_alloc(o->s->arena, (size_t)(n) * sizeof *(p))

static void *pb_new(FtlArena *a, const ProtobufCMessageDescriptor *d)
{
    ProtobufCMessage *m = ftl_arena_alloc(a, d->sizeof_message);
    d->message_init(m);
    return m;
}

typedef struct Out {
    FtlSchema *s;
    const FtlSources *src; /* positions wanted */
    int module_file;
} Out;

/* A string field: "" stays protobuf-c's default. One with a NUL byte was
 * reported before the conversion (E0603, check/check_proto.c). */
static char *str_out(const Out *o, FtlSpan at, const char *p, size_t n)
{
    (void)at;
    if (!n) return (char *)protobuf_c_empty_string;
    return ftl_arena_strndup(o->s->arena, p, n);
}

/* A NUL-terminated name (NULL for none): interned or a source's name, both as
 * long-lived as the arena, so it is used as it is. */
static char *cstr_out(const char *p)
{
    return p && *p ? (char *)p : (char *)protobuf_c_empty_string;
}

/* An element of a repeated string field. */
static char *elem_out(const Out *o, FtlSpan at, FtlStr s)
{
    return str_out(o, at, s.ptr, s.len);
}

static PB(Position) * pos_out(const Out *o, FtlSpan sp)
{
    /* The builtin module is not in any input: no position, as for generated nodes. */
    if (!o->src || !ftl_span_valid(sp) || (o->s->builtin && sp.file == o->s->builtin->span.file))
        return NULL;
    const FtlSource *f = ftl_sources_get(o->src, sp.file);
    if (!f) return NULL;
    PB(Position) *p = NEW(Position, position);
    FtlPos at = ftl_source_pos(f, sp.off);
    p->filename = cstr_out(f->name);
    p->line = at.line;
    p->column = at.col;
    return p;
}

static char **comments_out(const Out *o, const FtlComments *cs, size_t *n)
{
    *n = cs->count;
    if (!cs->count) return NULL;
    char **a = NEW_ARRAY(cs->count, a);
    for (uint32_t i = 0; i < cs->count; i++)
        a[i] = elem_out(o, cs->items[i].span, ftl_comment_text(&cs->items[i]));
    return a;
}

/* ---- types ------------------------------------------------------------------------- */

static PB(Type) * type_out(const Out *o, const FtlType *t);

static PB(Ref) * ref_out(const Out *o, const FtlRef *r)
{
    PB(Ref) *p = NEW(Ref, ref);
    const char *module, *realm;
    ftl_canon_ref(o->s, o->module_file, r, &module, &realm);
    p->pos = pos_out(o, ftl_ref_span(r));
    p->name = cstr_out(ftl_ref_name(r));
    p->module = cstr_out(module);
    p->realm = cstr_out(realm);
    if (ftl_ref_nargs(r)) {
        p->type_parameters = NEW_ARRAY(ftl_ref_nargs(r), p->type_parameters);
        for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
            p->type_parameters[i] = type_out(o, ftl_ref_args(r)[i]);
        p->n_type_parameters = ftl_ref_nargs(r);
    }
    return p;
}

/* The primitive types are messages with only a position. */
#define PRIM_OUT(KIND, T, t, member, CASE)                                                         \
    case KIND: {                                                                                   \
        PB(T) *x = NEW(T, t);                                                                      \
        x->pos = pos_out(o, ftl_type_span(ty));                                                    \
        p->member = x;                                                                             \
        p->value_case = PBC(CASE);                                                                 \
        break;                                                                                     \
    }

static PB(Type) * type_out(const Out *o, const FtlType *ty)
{
    PB(Type) *p = NEW(Type, type);
    switch (ty->kind) {
        PRIM_OUT(FTL_TY_INT, Int, int, int_, TYPE__VALUE_INT)
        PRIM_OUT(FTL_TY_FLOAT, Float, float, float_, TYPE__VALUE_FLOAT)
        PRIM_OUT(FTL_TY_STRING, String, string, string, TYPE__VALUE_STRING)
        PRIM_OUT(FTL_TY_BYTES, Bytes, bytes, bytes, TYPE__VALUE_BYTES)
        PRIM_OUT(FTL_TY_BOOL, Bool, bool, bool_, TYPE__VALUE_BOOL)
        PRIM_OUT(FTL_TY_TIME, Time, time, time, TYPE__VALUE_TIME)
        PRIM_OUT(FTL_TY_ANY, Any, any, any, TYPE__VALUE_ANY)
        PRIM_OUT(FTL_TY_UNIT, Unit, unit, unit, TYPE__VALUE_UNIT)
    case FTL_TY_ARRAY:
        p->array = NEW(Array, array);
        p->array->pos = pos_out(o, ftl_type_span(ty));
        p->array->element = type_out(o, ty->elem);
        p->value_case = PBC(TYPE__VALUE_ARRAY);
        break;
    case FTL_TY_MAP:
        p->map = NEW(Map, map);
        p->map->pos = pos_out(o, ftl_type_span(ty));
        p->map->key = type_out(o, ty->elem);
        p->map->value = type_out(o, ftl_type_value(ty));
        p->value_case = PBC(TYPE__VALUE_MAP);
        break;
    case FTL_TY_OPTIONAL:
        p->optional = NEW(Optional, optional);
        p->optional->pos = pos_out(o, ftl_type_span(ty));
        p->optional->type = type_out(o, ty->elem);
        p->value_case = PBC(TYPE__VALUE_OPTIONAL);
        break;
    case FTL_TY_REF:
        p->ref = ref_out(o, ftl_type_ref(ty));
        p->value_case = PBC(TYPE__VALUE_REF);
        break;
    }
    return p;
}

/* ---- metadata ------------------------------------------------------------------------ */

static PB(Ref) * *refs_out(const Out *o, const FtlMeta *m, size_t *n)
{
    *n = m->nrefs;
    if (!m->nrefs) return NULL;
    PB(Ref) **a = NEW_ARRAY(m->nrefs, a);
    for (uint32_t i = 0; i < m->nrefs; i++)
        a[i] = ref_out(o, ftl_meta_refs(m)[i]);
    return a;
}

static PB(MetadataIngress) * ingress_out(const Out *o, const FtlMeta *m)
{
    PB(MetadataIngress) *x = NEW(MetadataIngress, metadata_ingress);
    x->type = cstr_out(m->ingress_type);
    x->method = cstr_out(m->method);
    if (m->npath) x->path = NEW_ARRAY(m->npath, x->path);
    for (uint32_t i = 0; i < m->npath; i++) {
        const FtlPathSeg *seg = &m->path[i];
        PB(IngressPathComponent) *c = NEW(IngressPathComponent, ingress_path_component);
        if (seg->is_param) {
            c->ingress_path_parameter = NEW(IngressPathParameter, ingress_path_parameter);
            c->ingress_path_parameter->pos = pos_out(o, seg->span);
            c->ingress_path_parameter->name = str_out(o, seg->span, seg->text.ptr, seg->text.len);
            c->value_case = PBC(INGRESS_PATH_COMPONENT__VALUE_INGRESS_PATH_PARAMETER);
        } else {
            c->ingress_path_literal = NEW(IngressPathLiteral, ingress_path_literal);
            c->ingress_path_literal->pos = pos_out(o, seg->span);
            c->ingress_path_literal->text = str_out(o, seg->span, seg->text.ptr, seg->text.len);
            c->value_case = PBC(INGRESS_PATH_COMPONENT__VALUE_INGRESS_PATH_LITERAL);
        }
        x->path[i] = c;
    }
    x->n_path = m->npath;
    return x;
}

static PB(MetadataRetry) * retry_out(const Out *o, const FtlMeta *m)
{
    PB(MetadataRetry) *x = NEW(MetadataRetry, metadata_retry);
    if (m->retry->has_count) {
        x->_count_case = PBC(METADATA_RETRY___COUNT_COUNT);
        x->count = m->retry->count;
    }
    x->min_backoff = str_out(o, m->span, m->retry->min_backoff.ptr, m->retry->min_backoff.len);
    x->max_backoff = str_out(o, m->span, m->retry->max_backoff.ptr, m->retry->max_backoff.len);
    if (m->nrefs) x->catch_ = ref_out(o, ftl_meta_refs(m)[0]);
    return x;
}

/* The reference-list items: five messages of one shape with differently named fields. */
static void reflist_out(const Out *o, const FtlMeta *m, PB(Metadata) * p, PB(Position) * pos)
{
    switch (m->kind) {
    case FTL_MD_CALLS:
        p->calls = NEW(MetadataCalls, metadata_calls);
        p->calls->pos = pos;
        p->calls->calls = refs_out(o, m, &p->calls->n_calls);
        p->value_case = PBC(METADATA__VALUE_CALLS);
        break;
    case FTL_MD_CONFIG:
        p->config = NEW(MetadataConfig, metadata_config);
        p->config->pos = pos;
        p->config->config = refs_out(o, m, &p->config->n_config);
        p->value_case = PBC(METADATA__VALUE_CONFIG);
        break;
    case FTL_MD_SECRETS:
        p->secrets = NEW(MetadataSecrets, metadata_secrets);
        p->secrets->pos = pos;
        p->secrets->secrets = refs_out(o, m, &p->secrets->n_secrets);
        p->value_case = PBC(METADATA__VALUE_SECRETS);
        break;
    case FTL_MD_DATABASES:
        p->databases = NEW(MetadataDatabases, metadata_databases);
        p->databases->pos = pos;
        p->databases->uses = refs_out(o, m, &p->databases->n_uses);
        p->value_case = PBC(METADATA__VALUE_DATABASES);
        break;
    default:
        p->publisher = NEW(MetadataPublisher, metadata_publisher);
        p->publisher->pos = pos;
        p->publisher->topics = refs_out(o, m, &p->publisher->n_topics);
        p->value_case = PBC(METADATA__VALUE_PUBLISHER);
        break;
    }
}

/* Declares x as a new message of type T, positioned at the item, stored in member. */
#define META(T, t, member, CASE)                                                                   \
    PB(T) *x = NEW(T, t);                                                                          \
    x->pos = pos;                                                                                  \
    p->member = x;                                                                                 \
    p->value_case = PBC(CASE)

/* The items whose text is one or two strings (their Metadata messages in schema.proto). */
static int strings_out(const Out *o, const FtlMeta *m, PB(Metadata) * p, PB(Position) * pos)
{
    FtlSpan at = m->span;
    switch (m->kind) {
    case FTL_MD_CRON: {
        META(MetadataCronJob, metadata_cron_job, cron_job, METADATA__VALUE_CRON_JOB);
        x->cron = str_out(o, at, m->s1.ptr, m->s1.len);
        return 1;
    }
    case FTL_MD_ALIAS: {
        META(MetadataAlias, metadata_alias, alias, METADATA__VALUE_ALIAS);
        x->kind = (PB(AliasKind))m->alias_kind;
        x->alias = str_out(o, at, m->s1.ptr, m->s1.len);
        return 1;
    }
    case FTL_MD_TYPEMAP: {
        META(MetadataTypeMap, metadata_type_map, type_map, METADATA__VALUE_TYPE_MAP);
        x->runtime = str_out(o, at, m->s1.ptr, m->s1.len);
        x->native_name = str_out(o, at, m->s2.ptr, m->s2.len);
        return 1;
    }
    case FTL_MD_ENCODING: {
        META(MetadataEncoding, metadata_encoding, encoding, METADATA__VALUE_ENCODING);
        x->type = cstr_out("json");
        x->lenient = m->flag != 0;
        return 1;
    }
    case FTL_MD_MIGRATION: {
        META(MetadataSQLMigration, metadata_sqlmigration, sql_migration,
             METADATA__VALUE_SQL_MIGRATION);
        x->digest = str_out(o, at, m->s1.ptr, m->s1.len);
        return 1;
    }
    case FTL_MD_ARTEFACT: {
        META(MetadataArtefact, metadata_artefact, artefact, METADATA__VALUE_ARTEFACT);
        x->path = str_out(o, at, m->s1.ptr, m->s1.len);
        x->digest = str_out(o, at, m->s2.ptr, m->s2.len);
        x->executable = m->flag != 0;
        return 1;
    }
    case FTL_MD_SQL_QUERY: {
        META(MetadataSQLQuery, metadata_sqlquery, sql_query, METADATA__VALUE_SQL_QUERY);
        x->command = str_out(o, at, m->s1.ptr, m->s1.len);
        x->query = str_out(o, at, m->s2.ptr, m->s2.len);
        return 1;
    }
    case FTL_MD_SQL_COLUMN: {
        META(MetadataSQLColumn, metadata_sqlcolumn, sql_column, METADATA__VALUE_SQL_COLUMN);
        x->table = str_out(o, at, m->s1.ptr, m->s1.len);
        x->name = str_out(o, at, m->s2.ptr, m->s2.len);
        return 1;
    }
    case FTL_MD_GIT: {
        META(MetadataGit, metadata_git, git, METADATA__VALUE_GIT);
        x->repository = str_out(o, at, m->s1.ptr, m->s1.len);
        x->commit = str_out(o, at, m->s2.ptr, m->s2.len);
        x->dirty = m->flag != 0;
        return 1;
    }
    case FTL_MD_IMAGE: {
        META(MetadataImage, metadata_image, image, METADATA__VALUE_IMAGE);
        x->image = str_out(o, at, m->s1.ptr, m->s1.len);
        x->digest = str_out(o, at, m->s2.ptr, m->s2.len);
        return 1;
    }
    default: return 0;
    }
}

static PB(Metadata) * meta_out(const Out *o, const FtlMeta *m)
{
    PB(Metadata) *p = NEW(Metadata, metadata);
    PB(Position) *pos = pos_out(o, m->span);
    if (strings_out(o, m, p, pos)) return p;
    switch (m->kind) {
    case FTL_MD_CALLS:
    case FTL_MD_CONFIG:
    case FTL_MD_SECRETS:
    case FTL_MD_DATABASES:
    case FTL_MD_PUBLISH: reflist_out(o, m, p, pos); break;
    case FTL_MD_SUBSCRIBE: {
        META(MetadataSubscriber, metadata_subscriber, subscriber, METADATA__VALUE_SUBSCRIBER);
        x->topic = ref_out(o, ftl_meta_refs(m)[0]);
        x->from_offset = (PB(FromOffset))m->from;
        x->dead_letter = m->flag != 0;
        break;
    }
    case FTL_MD_RETRY:
        p->retry = retry_out(o, m);
        p->retry->pos = pos;
        p->value_case = PBC(METADATA__VALUE_RETRY);
        break;
    case FTL_MD_INGRESS:
        p->ingress = ingress_out(o, m);
        p->ingress->pos = pos;
        p->value_case = PBC(METADATA__VALUE_INGRESS);
        break;
    case FTL_MD_PARTITIONS: {
        META(MetadataPartitions, metadata_partitions, partitions, METADATA__VALUE_PARTITIONS);
        x->partitions = m->partitions;
        break;
    }
    case FTL_MD_GENERATED: {
        META(MetadataGenerated, metadata_generated, generated, METADATA__VALUE_GENERATED);
        break;
    }
    case FTL_MD_FIXTURE: {
        META(MetadataFixture, metadata_fixture, fixture, METADATA__VALUE_FIXTURE);
        x->manual = m->flag != 0;
        break;
    }
    case FTL_MD_TRANSACTION: {
        META(MetadataTransaction, metadata_transaction, transaction, METADATA__VALUE_TRANSACTION);
        break;
    }
    case FTL_MD_EGRESS: {
        META(MetadataEgress, metadata_egress, egress, METADATA__VALUE_EGRESS);
        if (m->nstrs) x->targets = NEW_ARRAY(m->nstrs, x->targets);
        for (uint32_t i = 0; i < m->nstrs; i++)
            x->targets[i] = elem_out(o, m->span, m->strs[i]);
        x->n_targets = m->nstrs;
        break;
    }
    default: break;
    }
    return p;
}

static PB(Metadata) * *metas_out(const Out *o, const FtlMetaList *ml, size_t *n)
{
    *n = ml->count;
    if (!ml->count) return NULL;
    PB(Metadata) **a = NEW_ARRAY(ml->count, a);
    for (uint32_t i = 0; i < ml->count; i++)
        a[i] = meta_out(o, ml->items[i]);
    return a;
}

/* ---- declarations -------------------------------------------------------------------- */

static PB(Field) * field_out(const Out *o, const FtlField *f)
{
    PB(Field) *p = NEW(Field, field);
    p->pos = pos_out(o, f->span);
    p->name = cstr_out(f->name);
    p->comments = comments_out(o, ftl_field_comments(f), &p->n_comments);
    p->type = type_out(o, f->type);
    p->metadata = metas_out(o, ftl_field_meta(f), &p->n_metadata);
    return p;
}

static PB(Data) * data_out(const Out *o, const FtlDecl *d)
{
    PB(Data) *p = NEW(Data, data);
    p->pos = pos_out(o, d->span);
    p->comments = comments_out(o, &d->comments, &p->n_comments);
    p->visibility = (PB(Visibility))d->vis;
    p->name = cstr_out(d->name);
    if (ftl_decl_nparams(d))
        p->type_parameters = NEW_ARRAY(ftl_decl_nparams(d), p->type_parameters);
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++) {
        PB(TypeParameter) *t = NEW(TypeParameter, type_parameter);
        t->pos = pos_out(o, d->params[i].span);
        t->name = cstr_out(d->params[i].name);
        p->type_parameters[i] = t;
    }
    p->n_type_parameters = ftl_decl_nparams(d);
    if (d->nfields) p->fields = NEW_ARRAY(d->nfields, p->fields);
    for (uint32_t i = 0; i < d->nfields; i++)
        p->fields[i] = field_out(o, &d->fields[i]);
    p->n_fields = d->nfields;
    p->metadata = metas_out(o, &d->meta, &p->n_metadata);
    return p;
}

static PB(Value) * value_out(const Out *o, const FtlVariant *v)
{
    PB(Value) *p = NEW(Value, value);
    PB(Position) *pos = pos_out(o, v->value_span);
    if (v->vkind == FTL_VAL_STRING) {
        p->string_value = NEW(StringValue, string_value);
        p->string_value->pos = pos;
        p->string_value->value = str_out(o, v->value_span, v->str.ptr, v->str.len);
        p->value_case = PBC(VALUE__VALUE_STRING_VALUE);
    } else if (v->vkind == FTL_VAL_INT) {
        p->int_value = NEW(IntValue, int_value);
        p->int_value->pos = pos;
        p->int_value->value = v->ival;
        p->value_case = PBC(VALUE__VALUE_INT_VALUE);
    } else {
        p->type_value = NEW(TypeValue, type_value);
        p->type_value->pos = pos;
        p->type_value->value = type_out(o, v->type);
        p->value_case = PBC(VALUE__VALUE_TYPE_VALUE);
    }
    return p;
}

static PB(Enum) * enum_out(const Out *o, const FtlDecl *d)
{
    PB(Enum) *p = NEW(Enum, enum);
    p->pos = pos_out(o, d->span);
    p->comments = comments_out(o, &d->comments, &p->n_comments);
    p->visibility = (PB(Visibility))d->vis;
    p->name = cstr_out(d->name);
    if (ftl_decl_type(d)) p->type = type_out(o, ftl_decl_type(d));
    if (ftl_decl_nvariants(d)) p->variants = NEW_ARRAY(ftl_decl_nvariants(d), p->variants);
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++) {
        const FtlVariant *v = d->variants[i];
        PB(EnumVariant) *e = NEW(EnumVariant, enum_variant);
        e->pos = pos_out(o, v->span);
        e->comments = comments_out(o, &v->comments, &e->n_comments);
        e->name = cstr_out(v->name);
        e->value = value_out(o, v);
        p->variants[i] = e;
    }
    p->n_variants = ftl_decl_nvariants(d);
    return p;
}

static PB(Verb) * verb_out(const Out *o, const FtlDecl *d)
{
    PB(Verb) *p = NEW(Verb, verb);
    p->pos = pos_out(o, d->span);
    p->comments = comments_out(o, &d->comments, &p->n_comments);
    p->visibility = (PB(Visibility))d->vis;
    p->name = cstr_out(d->name);
    p->request = type_out(o, d->request);
    p->response = type_out(o, d->response);
    p->metadata = metas_out(o, &d->meta, &p->n_metadata);
    return p;
}

/* Database, type alias, config, secret, topic: a name, one type, some metadata. */
static void simple_out(const Out *o, const FtlDecl *d, PB(Decl) * p, PB(Position) * pos)
{
    switch (d->kind) {
    case FTL_DECL_DATABASE: {
        PB(Database) *x = p->database = NEW(Database, database);
        x->pos = pos;
        x->comments = comments_out(o, &d->comments, &x->n_comments);
        x->name = cstr_out(d->name);
        x->type = cstr_out(d->engine);
        x->metadata = metas_out(o, &d->meta, &x->n_metadata);
        p->value_case = PBC(DECL__VALUE_DATABASE);
        break;
    }
    case FTL_DECL_TYPEALIAS: {
        PB(TypeAlias) *x = p->type_alias = NEW(TypeAlias, type_alias);
        x->pos = pos;
        x->comments = comments_out(o, &d->comments, &x->n_comments);
        x->visibility = (PB(Visibility))d->vis;
        x->name = cstr_out(d->name);
        x->type = type_out(o, ftl_decl_type(d));
        x->metadata = metas_out(o, &d->meta, &x->n_metadata);
        p->value_case = PBC(DECL__VALUE_TYPE_ALIAS);
        break;
    }
    case FTL_DECL_CONFIG: {
        PB(Config) *x = p->config = NEW(Config, config);
        x->pos = pos;
        x->comments = comments_out(o, &d->comments, &x->n_comments);
        x->name = cstr_out(d->name);
        x->type = type_out(o, ftl_decl_type(d));
        p->value_case = PBC(DECL__VALUE_CONFIG);
        break;
    }
    case FTL_DECL_SECRET: {
        PB(Secret) *x = p->secret = NEW(Secret, secret);
        x->pos = pos;
        x->comments = comments_out(o, &d->comments, &x->n_comments);
        x->name = cstr_out(d->name);
        x->type = type_out(o, ftl_decl_type(d));
        p->value_case = PBC(DECL__VALUE_SECRET);
        break;
    }
    default: {
        PB(Topic) *x = p->topic = NEW(Topic, topic);
        x->pos = pos;
        x->comments = comments_out(o, &d->comments, &x->n_comments);
        x->visibility = (PB(Visibility))d->vis;
        x->name = cstr_out(d->name);
        x->event = type_out(o, ftl_decl_type(d));
        x->metadata = metas_out(o, &d->meta, &x->n_metadata);
        p->value_case = PBC(DECL__VALUE_TOPIC);
        break;
    }
    }
}

static PB(Decl) * decl_out(const Out *o, const FtlDecl *d)
{
    PB(Decl) *p = NEW(Decl, decl);
    switch (d->kind) {
    case FTL_DECL_DATA:
        p->data = data_out(o, d);
        p->value_case = PBC(DECL__VALUE_DATA);
        break;
    case FTL_DECL_ENUM:
        p->enum_ = enum_out(o, d);
        p->value_case = PBC(DECL__VALUE_ENUM);
        break;
    case FTL_DECL_VERB:
        p->verb = verb_out(o, d);
        p->value_case = PBC(DECL__VALUE_VERB);
        break;
    default: simple_out(o, d, p, pos_out(o, d->span)); break;
    }
    return p;
}

static PB(Module) * module_out(const Out *o, const FtlModule *m)
{
    PB(Module) *p = NEW(Module, module);
    p->pos = pos_out(o, m->span);
    p->comments = comments_out(o, &m->comments, &p->n_comments);
    p->builtin = m->builtin != 0;
    p->name = cstr_out(m->name);
    if (m->ndecls) p->decls = NEW_ARRAY(m->ndecls, p->decls);
    for (uint32_t i = 0; i < m->ndecls; i++)
        p->decls[i] = decl_out(o, m->decls[i]);
    p->n_decls = m->ndecls;
    p->metadata = metas_out(o, &m->meta, &p->n_metadata);
    return p;
}

static PB(Realm) * realm_out(const Out *o, const FtlCanonView *v, const char *name, int external,
                             FtlSpan span, FtlModule *const *mods, uint32_t n)
{
    PB(Realm) *p = NEW(Realm, realm);
    p->pos = pos_out(o, span);
    p->external = external != 0;
    p->name = cstr_out(name);
    if (n) p->modules = NEW_ARRAY(n, p->modules);
    for (uint32_t i = 0; i < n; i++) {
        p->modules[i] = module_out(o, ftl_canon_open(v, mods[i]));
        ftl_canon_close(v);
    }
    p->n_modules = n;
    return p;
}

FtlPbSchema *ftl_proto_from_view(FtlSchema *s, const FtlCanonView *v, const FtlSources *src)
{
    Out out = {s, src, v->module_file}, *o = &out;
    FtlPbSchema *p = NEW(Schema, schema);
    if (v->modules) {
        if (!v->nmodules) return p;
        p->realms = NEW_ARRAY(1, p->realms);
        p->realms[0] = realm_out(o, v, "", 0, (FtlSpan){0}, v->modules, v->nmodules);
        p->n_realms = 1;
        return p;
    }
    if (v->nrealms) p->realms = NEW_ARRAY(v->nrealms, p->realms);
    for (uint32_t i = 0; i < v->nrealms; i++) {
        const FtlRealm *r = v->realms[i];
        p->realms[i] = realm_out(o, v, r->name, r->external, r->span, r->modules, r->nmodules);
    }
    p->n_realms = v->nrealms;
    return p;
}

int ftl_oracle_encode(FtlBuf *out, const FtlPbSchema *m, FtlFormat f, char *err, size_t errsz)
{
    if (f == FTL_FORMAT_BINPB) {
        size_t n = protobuf_c_message_get_packed_size(&m->base);
        ftl_buf_reserve(out, n + 1);
        out->len += protobuf_c_message_pack(&m->base, (uint8_t *)out->data + out->len);
        out->data[out->len] = '\0';
        return 0;
    }
    size_t n = 0;
    char *text;
    if (f == FTL_FORMAT_TXTPB) {
        text = ftl_tp_format(&m->base, &n);
        if (!text) ftl_oom();
    } else {
        FtlPjError je;
        text = ftl_pj_format(&m->base, 0, &n, &je);
        if (!text && je.nomem) ftl_oom();
        if (!text) {
            snprintf(err, errsz, "cannot write JSON%s%s: %s", je.path[0] ? " at " : "", je.path,
                     je.message);
            return -1;
        }
    }
    ftl_buf_put(out, text, n);
    free(text);
    return 0;
}
