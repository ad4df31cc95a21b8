/* pbwrite.c - the walk of the protobuf writer: a canonical view as the values
 * of an xyz.block.ftl.schema.v1.Schema message (ftlc-emit(1), FORMATS), handed to an
 * encoding (pbw.h) in field-number order.
 *
 * This file is the mapping from the tree to the message: which node becomes
 * which message, which field holds what, and when a value is left out. The
 * field names and numbers come from the protobuf-c descriptors generated from
 * schema.proto, so that they cannot drift from it.
 */
#include "proto/pbw.h"
#include "base/arena.h"
#include "proto/protojson.h"
#include "xyz/block/ftl/schema/v1/schema.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the fields ----------------------------------------------------------------- */

/* Every field the mapping writes: a slot, the message and the field number.
 * Every message's `Position pos = 1` is written through POS. */
#define PBW_FIELDS(X)                                                                              \
    X(POS, realm, 1)                                                                               \
    X(POSITION_FILENAME, position, 1)                                                              \
    X(POSITION_LINE, position, 2)                                                                  \
    X(POSITION_COLUMN, position, 3)                                                                \
    X(SCHEMA_REALMS, schema, 2)                                                                    \
    X(REALM_EXTERNAL, realm, 2)                                                                    \
    X(REALM_NAME, realm, 3)                                                                        \
    X(REALM_MODULES, realm, 4)                                                                     \
    X(MODULE_COMMENTS, module, 2)                                                                  \
    X(MODULE_BUILTIN, module, 3)                                                                   \
    X(MODULE_NAME, module, 4)                                                                      \
    X(MODULE_DECLS, module, 5)                                                                     \
    X(MODULE_METADATA, module, 6)                                                                  \
    X(DECL_DATA, decl, 1)                                                                          \
    X(DECL_VERB, decl, 2)                                                                          \
    X(DECL_DATABASE, decl, 3)                                                                      \
    X(DECL_ENUM, decl, 4)                                                                          \
    X(DECL_TYPE_ALIAS, decl, 5)                                                                    \
    X(DECL_CONFIG, decl, 6)                                                                        \
    X(DECL_SECRET, decl, 7)                                                                        \
    X(DECL_TOPIC, decl, 9)                                                                         \
    X(DATA_COMMENTS, data, 2)                                                                      \
    X(DATA_VISIBILITY, data, 3)                                                                    \
    X(DATA_NAME, data, 4)                                                                          \
    X(DATA_TYPE_PARAMETERS, data, 5)                                                               \
    X(DATA_FIELDS, data, 6)                                                                        \
    X(DATA_METADATA, data, 7)                                                                      \
    X(TYPE_PARAMETER_NAME, type_parameter, 2)                                                      \
    X(FIELD_NAME, field, 2)                                                                        \
    X(FIELD_COMMENTS, field, 3)                                                                    \
    X(FIELD_TYPE, field, 4)                                                                        \
    X(FIELD_METADATA, field, 5)                                                                    \
    X(VERB_COMMENTS, verb, 2)                                                                      \
    X(VERB_VISIBILITY, verb, 3)                                                                    \
    X(VERB_NAME, verb, 4)                                                                          \
    X(VERB_REQUEST, verb, 5)                                                                       \
    X(VERB_RESPONSE, verb, 6)                                                                      \
    X(VERB_METADATA, verb, 7)                                                                      \
    X(DATABASE_COMMENTS, database, 2)                                                              \
    X(DATABASE_NAME, database, 3)                                                                  \
    X(DATABASE_TYPE, database, 4)                                                                  \
    X(DATABASE_METADATA, database, 5)                                                              \
    X(ENUM_COMMENTS, enum, 2)                                                                      \
    X(ENUM_VISIBILITY, enum, 3)                                                                    \
    X(ENUM_NAME, enum, 4)                                                                          \
    X(ENUM_TYPE, enum, 5)                                                                          \
    X(ENUM_VARIANTS, enum, 6)                                                                      \
    X(VARIANT_COMMENTS, enum_variant, 2)                                                           \
    X(VARIANT_NAME, enum_variant, 3)                                                               \
    X(VARIANT_VALUE, enum_variant, 4)                                                              \
    X(VALUE_STRING_VALUE, value, 1)                                                                \
    X(VALUE_INT_VALUE, value, 2)                                                                   \
    X(VALUE_TYPE_VALUE, value, 3)                                                                  \
    X(STRING_VALUE_VALUE, string_value, 2)                                                         \
    X(INT_VALUE_VALUE, int_value, 2)                                                               \
    X(TYPE_VALUE_VALUE, type_value, 2)                                                             \
    X(ALIAS_COMMENTS, type_alias, 2)                                                               \
    X(ALIAS_VISIBILITY, type_alias, 3)                                                             \
    X(ALIAS_NAME, type_alias, 4)                                                                   \
    X(ALIAS_TYPE, type_alias, 5)                                                                   \
    X(ALIAS_METADATA, type_alias, 6)                                                               \
    X(CONFIG_COMMENTS, config, 2)                                                                  \
    X(CONFIG_NAME, config, 3)                                                                      \
    X(CONFIG_TYPE, config, 4)                                                                      \
    X(SECRET_COMMENTS, secret, 2)                                                                  \
    X(SECRET_NAME, secret, 3)                                                                      \
    X(SECRET_TYPE, secret, 4)                                                                      \
    X(TOPIC_COMMENTS, topic, 2)                                                                    \
    X(TOPIC_VISIBILITY, topic, 3)                                                                  \
    X(TOPIC_NAME, topic, 4)                                                                        \
    X(TOPIC_EVENT, topic, 5)                                                                       \
    X(TOPIC_METADATA, topic, 6)                                                                    \
    X(TYPE_INT, type, 1)                                                                           \
    X(TYPE_FLOAT, type, 2)                                                                         \
    X(TYPE_STRING, type, 3)                                                                        \
    X(TYPE_BYTES, type, 4)                                                                         \
    X(TYPE_BOOL, type, 5)                                                                          \
    X(TYPE_TIME, type, 6)                                                                          \
    X(TYPE_ARRAY, type, 7)                                                                         \
    X(TYPE_MAP, type, 8)                                                                           \
    X(TYPE_ANY, type, 9)                                                                           \
    X(TYPE_UNIT, type, 10)                                                                         \
    X(TYPE_REF, type, 11)                                                                          \
    X(TYPE_OPTIONAL, type, 12)                                                                     \
    X(ARRAY_ELEMENT, array, 2)                                                                     \
    X(MAP_KEY, map, 2)                                                                             \
    X(MAP_VALUE, map, 3)                                                                           \
    X(OPTIONAL_TYPE, optional, 2)                                                                  \
    X(REF_NAME, ref, 2)                                                                            \
    X(REF_MODULE, ref, 3)                                                                          \
    X(REF_TYPE_PARAMETERS, ref, 4)                                                                 \
    X(REF_REALM, ref, 5)                                                                           \
    X(MD_CALLS, metadata, 1)                                                                       \
    X(MD_INGRESS, metadata, 2)                                                                     \
    X(MD_CRON_JOB, metadata, 3)                                                                    \
    X(MD_DATABASES, metadata, 4)                                                                   \
    X(MD_ALIAS, metadata, 5)                                                                       \
    X(MD_RETRY, metadata, 6)                                                                       \
    X(MD_SUBSCRIBER, metadata, 7)                                                                  \
    X(MD_TYPE_MAP, metadata, 8)                                                                    \
    X(MD_ENCODING, metadata, 9)                                                                    \
    X(MD_CONFIG, metadata, 10)                                                                     \
    X(MD_SECRETS, metadata, 11)                                                                    \
    X(MD_PUBLISHER, metadata, 12)                                                                  \
    X(MD_SQL_MIGRATION, metadata, 13)                                                              \
    X(MD_ARTEFACT, metadata, 14)                                                                   \
    X(MD_PARTITIONS, metadata, 15)                                                                 \
    X(MD_SQL_QUERY, metadata, 16)                                                                  \
    X(MD_SQL_COLUMN, metadata, 17)                                                                 \
    X(MD_GENERATED, metadata, 18)                                                                  \
    X(MD_GIT, metadata, 19)                                                                        \
    X(MD_FIXTURE, metadata, 20)                                                                    \
    X(MD_TRANSACTION, metadata, 21)                                                                \
    X(MD_EGRESS, metadata, 22)                                                                     \
    X(MD_IMAGE, metadata, 23)                                                                      \
    X(CALLS_CALLS, metadata_calls, 2)                                                              \
    X(CONFIG_CONFIG, metadata_config, 2)                                                           \
    X(SECRETS_SECRETS, metadata_secrets, 2)                                                        \
    X(DATABASES_USES, metadata_databases, 2)                                                       \
    X(PUBLISHER_TOPICS, metadata_publisher, 2)                                                     \
    X(SUBSCRIBER_TOPIC, metadata_subscriber, 2)                                                    \
    X(SUBSCRIBER_FROM_OFFSET, metadata_subscriber, 3)                                              \
    X(SUBSCRIBER_DEAD_LETTER, metadata_subscriber, 4)                                              \
    X(RETRY_COUNT, metadata_retry, 2)                                                              \
    X(RETRY_MIN_BACKOFF, metadata_retry, 3)                                                        \
    X(RETRY_MAX_BACKOFF, metadata_retry, 4)                                                        \
    X(RETRY_CATCH, metadata_retry, 5)                                                              \
    X(CRON_CRON, metadata_cron_job, 2)                                                             \
    X(INGRESS_TYPE, metadata_ingress, 2)                                                           \
    X(INGRESS_METHOD, metadata_ingress, 3)                                                         \
    X(INGRESS_PATH, metadata_ingress, 4)                                                           \
    X(PATH_LITERAL, ingress_path_component, 1)                                                     \
    X(PATH_PARAMETER, ingress_path_component, 2)                                                   \
    X(PATH_LITERAL_TEXT, ingress_path_literal, 2)                                                  \
    X(PATH_PARAMETER_NAME, ingress_path_parameter, 2)                                              \
    X(ALIAS_KIND, metadata_alias, 2)                                                               \
    X(ALIAS_ALIAS, metadata_alias, 3)                                                              \
    X(TYPE_MAP_RUNTIME, metadata_type_map, 2)                                                      \
    X(TYPE_MAP_NATIVE_NAME, metadata_type_map, 3)                                                  \
    X(ENCODING_TYPE, metadata_encoding, 2)                                                         \
    X(ENCODING_LENIENT, metadata_encoding, 3)                                                      \
    X(MIGRATION_DIGEST, metadata_sqlmigration, 2)                                                  \
    X(ARTEFACT_PATH, metadata_artefact, 2)                                                         \
    X(ARTEFACT_DIGEST, metadata_artefact, 3)                                                       \
    X(ARTEFACT_EXECUTABLE, metadata_artefact, 4)                                                   \
    X(PARTITIONS_PARTITIONS, metadata_partitions, 2)                                               \
    X(SQL_QUERY_COMMAND, metadata_sqlquery, 2)                                                     \
    X(SQL_QUERY_QUERY, metadata_sqlquery, 3)                                                       \
    X(SQL_COLUMN_TABLE, metadata_sqlcolumn, 2)                                                     \
    X(SQL_COLUMN_NAME, metadata_sqlcolumn, 3)                                                      \
    X(GIT_REPOSITORY, metadata_git, 2)                                                             \
    X(GIT_COMMIT, metadata_git, 3)                                                                 \
    X(GIT_DIRTY, metadata_git, 4)                                                                  \
    X(FIXTURE_MANUAL, metadata_fixture, 2)                                                         \
    X(EGRESS_TARGETS, metadata_egress, 2)                                                          \
    X(IMAGE_IMAGE, metadata_image, 2)                                                              \
    X(IMAGE_DIGEST, metadata_image, 3)

#define PBD(t) xyz__block__ftl__schema__v1__##t##__descriptor

enum {
#define X(slot, message, number) F_##slot,
    PBW_FIELDS(X)
#undef X
        F__COUNT
};

static const struct {
    const ProtobufCMessageDescriptor *message;
    unsigned number;
} field_at[F__COUNT] = {
#define X(slot, message, number) {&PBD(message), number},
    PBW_FIELDS(X)
#undef X
};

/* The walk: the view, where output goes, and the fields. */
typedef struct W {
    Pbw pbw;
    FtlSchema *s;
    const FtlSources *src; /* positions wanted */
    int module_file;
    const FtlCanonView *view; /* its modules are read through ftl_canon_open */
    FtlPbDrain drain;         /* as in FtlPbOptions */
    void *ctx;
    int drain_failed;
    uint32_t walked; /* bytes of modules' text walked since the text was given back */
    /* binary: the sizes of one module's messages, measured just before it
     * is written (pw_module_binary); pbw.sz holds the rest meanwhile */
    PbwSizes module_sizes;
    PbwField f[F__COUNT];
} W;

/* s and tail at out (PBW_HEAD bytes); returns the length. */
static uint8_t pw_head_text(char *out, const char *a, const char *s, const char *tail)
{
    int n = snprintf(out, PBW_HEAD, "%s%s%s", a, s, tail);
    return (uint8_t)(n < PBW_HEAD ? n : PBW_HEAD - 1);
}

static void pw_fields_init(W *w)
{
    for (int i = 0; i < F__COUNT; i++) {
        const ProtobufCFieldDescriptor *d =
            protobuf_c_message_descriptor_get_field(field_at[i].message, field_at[i].number);
        PbwField *f = &w->f[i];
        f->number = d->id;
        f->type = (uint8_t)d->type;
        f->wire = d->type == PROTOBUF_C_TYPE_MESSAGE || d->type == PROTOBUF_C_TYPE_STRING ? 2 : 0;
        f->ed = d->type == PROTOBUF_C_TYPE_ENUM ? d->descriptor : NULL;
        ftl_pj_json_name(d->name, f->json, sizeof f->json);
        f->openlen = pw_head_text(f->open, "", d->name, " {\n");
        f->valuelen = pw_head_text(f->value, "", d->name, ": ");
        f->keylen = pw_head_text(f->key, "\"", f->json, "\": ");
    }
}

/* ---- frames and operations -------------------------------------------------------- */

static void pw_push(W *w, const PbwField *f, int list)
{
    Pbw *p = &w->pbw;
    if (p->depth + 1 == p->cap) {
        p->cap *= 2;
        p->frames = ftl_xrealloc(p->frames, p->cap * sizeof *p->frames);
    }
    PbwFrame *fr = &p->frames[++p->depth];
    fr->field = f;
    fr->count = 0;
    fr->list = (uint8_t)list;
}

static void pw_counted(W *w)
{
    if (w->pbw.ops->framed) w->pbw.frames[w->pbw.depth].count++;
}

static void pw_open(W *w, int slot)
{
    if (!w->pbw.ops->framed) {
        w->pbw.ops->open(&w->pbw, &w->f[slot]);
        return;
    }
    pw_push(w, &w->f[slot], 0);
    w->pbw.ops->open(&w->pbw, &w->f[slot]);
    w->pbw.frames[w->pbw.depth - 1].count++;
}

static void pw_close(W *w, int slot)
{
    w->pbw.ops->close(&w->pbw, &w->f[slot]);
    if (w->pbw.ops->framed) w->pbw.depth--;
}

/* A repeated field of n values: pw_list_open(w, slot, n) ... pw_list_close(w, slot, n).
 * Only the encodings that keep frames need to know. */
static void pw_list_open(W *w, int slot, uint32_t n)
{
    if (!n || !w->pbw.ops->framed) return;
    pw_push(w, &w->f[slot], 1);
    w->pbw.ops->list_open(&w->pbw, &w->f[slot]);
    w->pbw.frames[w->pbw.depth - 1].count++;
}

static void pw_list_close(W *w, int slot, uint32_t n)
{
    if (!n || !w->pbw.ops->framed) return;
    w->pbw.ops->list_close(&w->pbw, &w->f[slot]);
    w->pbw.depth--;
}

static void pw_scalar(W *w, int slot, int64_t v)
{
    w->pbw.ops->scalar(&w->pbw, &w->f[slot], v);
    pw_counted(w);
}

/* A proto3 number, bool or enum: left out when zero. */
static void pw_number(W *w, int slot, int64_t v)
{
    if (v) pw_scalar(w, slot, v);
}

static void pw_string(W *w, int slot, const char *p, size_t n)
{
    w->pbw.ops->str(&w->pbw, &w->f[slot], p, n);
    pw_counted(w);
}

/* A name: interned, a source's name or a constant (NUL-terminated; NULL is
 * none); left out when empty. */
static void pw_name(W *w, int slot, const char *p)
{
    if (p && *p) pw_string(w, slot, p, strlen(p));
}

/* Text from the input (a string literal, a comment) in a singular field: left
 * out when empty. It holds no NUL byte (E0603 was checked first). */
static void pw_text(W *w, int slot, FtlStr s)
{
    if (s.len) pw_string(w, slot, s.ptr, s.len);
}

/* Text as a value of a repeated field: always written. */
static void pw_item(W *w, int slot, FtlStr s)
{
    pw_string(w, slot, s.ptr, s.len);
}

/* Hands what the buffer holds to the drain once it is large enough. */
static void pw_drain(W *w)
{
    FtlBuf *b = w->pbw.out;
    if (!w->drain || w->drain_failed || b->len < FTL_PB_CHUNK) return;
    if (w->drain(w->ctx, b->data, b->len) != 0) w->drain_failed = 1;
    b->len = 0;
}

/* ---- positions, comments ------------------------------------------------------------ */

/* Position{filename, line, column} of a node, when positions are wanted and the
 * node is in an input (the builtin module is not, nor are generated nodes). */
static void pw_pos(W *w, FtlSpan sp)
{
    if (!w->src || !ftl_span_valid(sp) || (w->s->builtin && sp.file == w->s->builtin->span.file))
        return;
    const FtlSource *f = ftl_sources_get(w->src, sp.file);
    if (!f) return;
    FtlPos at = ftl_source_pos(f, sp.off);
    pw_open(w, F_POS);
    pw_name(w, F_POSITION_FILENAME, f->name);
    pw_number(w, F_POSITION_LINE, at.line);
    pw_number(w, F_POSITION_COLUMN, at.col);
    pw_close(w, F_POS);
}

static void pw_comments(W *w, int slot, const FtlComments *cs)
{
    pw_list_open(w, slot, cs->count);
    for (uint32_t i = 0; i < cs->count; i++)
        pw_item(w, slot, ftl_comment_text(&cs->items[i]));
    pw_list_close(w, slot, cs->count);
}

/* ---- types -------------------------------------------------------------------------- */

static void pw_type(W *w, int slot, const FtlType *t);

static void pw_ref(W *w, int slot, const FtlRef *r)
{
    const char *module, *realm;
    ftl_canon_ref(w->s, w->module_file, r, &module, &realm);
    pw_open(w, slot);
    pw_pos(w, ftl_ref_span(r));
    pw_name(w, F_REF_NAME, ftl_ref_name(r));
    pw_name(w, F_REF_MODULE, module);
    pw_list_open(w, F_REF_TYPE_PARAMETERS, ftl_ref_nargs(r));
    for (uint32_t i = 0; i < ftl_ref_nargs(r); i++)
        pw_type(w, F_REF_TYPE_PARAMETERS, ftl_ref_args(r)[i]);
    pw_list_close(w, F_REF_TYPE_PARAMETERS, ftl_ref_nargs(r));
    pw_name(w, F_REF_REALM, realm);
    pw_close(w, slot);
}

/* A Type message: one member of its oneof, in field slot. */
static void pw_type(W *w, int slot, const FtlType *t)
{
    static const int prim[] = {
        [FTL_TY_INT] = F_TYPE_INT,       [FTL_TY_FLOAT] = F_TYPE_FLOAT,
        [FTL_TY_STRING] = F_TYPE_STRING, [FTL_TY_BYTES] = F_TYPE_BYTES,
        [FTL_TY_BOOL] = F_TYPE_BOOL,     [FTL_TY_TIME] = F_TYPE_TIME,
        [FTL_TY_ANY] = F_TYPE_ANY,       [FTL_TY_UNIT] = F_TYPE_UNIT,
    };
    pw_open(w, slot);
    switch (t->kind) {
    case FTL_TY_ARRAY:
        pw_open(w, F_TYPE_ARRAY);
        pw_pos(w, ftl_type_span(t));
        pw_type(w, F_ARRAY_ELEMENT, t->elem);
        pw_close(w, F_TYPE_ARRAY);
        break;
    case FTL_TY_MAP:
        pw_open(w, F_TYPE_MAP);
        pw_pos(w, ftl_type_span(t));
        pw_type(w, F_MAP_KEY, t->elem);
        pw_type(w, F_MAP_VALUE, ftl_type_value(t));
        pw_close(w, F_TYPE_MAP);
        break;
    case FTL_TY_OPTIONAL:
        pw_open(w, F_TYPE_OPTIONAL);
        pw_pos(w, ftl_type_span(t));
        pw_type(w, F_OPTIONAL_TYPE, t->elem);
        pw_close(w, F_TYPE_OPTIONAL);
        break;
    case FTL_TY_REF: pw_ref(w, F_TYPE_REF, ftl_type_ref(t)); break;
    default: /* the primitive types are messages with only a position */
        pw_open(w, prim[t->kind]);
        pw_pos(w, ftl_type_span(t));
        pw_close(w, prim[t->kind]);
        break;
    }
    pw_close(w, slot);
}

/* ---- metadata --------------------------------------------------------------------------- */

static void pw_refs(W *w, int slot, const FtlMeta *m)
{
    pw_list_open(w, slot, m->nrefs);
    for (uint32_t i = 0; i < m->nrefs; i++)
        pw_ref(w, slot, ftl_meta_refs(m)[i]);
    pw_list_close(w, slot, m->nrefs);
}

static void pw_ingress(W *w, const FtlMeta *m)
{
    pw_name(w, F_INGRESS_TYPE, m->ingress_type);
    pw_name(w, F_INGRESS_METHOD, m->method);
    pw_list_open(w, F_INGRESS_PATH, m->npath);
    for (uint32_t i = 0; i < m->npath; i++) {
        const FtlPathSeg *seg = &m->path[i];
        int member = seg->is_param ? F_PATH_PARAMETER : F_PATH_LITERAL;
        pw_open(w, F_INGRESS_PATH);
        pw_open(w, member);
        pw_pos(w, seg->span);
        pw_text(w, seg->is_param ? F_PATH_PARAMETER_NAME : F_PATH_LITERAL_TEXT, seg->text);
        pw_close(w, member);
        pw_close(w, F_INGRESS_PATH);
    }
    pw_list_close(w, F_INGRESS_PATH, m->npath);
}

static void pw_retry(W *w, const FtlMeta *m)
{
    if (m->retry->has_count) pw_scalar(w, F_RETRY_COUNT, m->retry->count); /* explicit presence */
    pw_text(w, F_RETRY_MIN_BACKOFF, m->retry->min_backoff);
    pw_text(w, F_RETRY_MAX_BACKOFF, m->retry->max_backoff);
    if (m->nrefs) pw_ref(w, F_RETRY_CATCH, ftl_meta_refs(m)[0]);
}

/* The member of Metadata's oneof that holds an item of kind k. */
static int pw_meta_member(FtlMetaKind k)
{
    static const int member[FTL_MD__COUNT] = {
        [FTL_MD_INGRESS] = F_MD_INGRESS,
        [FTL_MD_ALIAS] = F_MD_ALIAS,
        [FTL_MD_ENCODING] = F_MD_ENCODING,
        [FTL_MD_CALLS] = F_MD_CALLS,
        [FTL_MD_DATABASES] = F_MD_DATABASES,
        [FTL_MD_SECRETS] = F_MD_SECRETS,
        [FTL_MD_CONFIG] = F_MD_CONFIG,
        [FTL_MD_CRON] = F_MD_CRON_JOB,
        [FTL_MD_PUBLISH] = F_MD_PUBLISHER,
        [FTL_MD_SUBSCRIBE] = F_MD_SUBSCRIBER,
        [FTL_MD_RETRY] = F_MD_RETRY,
        [FTL_MD_TYPEMAP] = F_MD_TYPE_MAP,
        [FTL_MD_MIGRATION] = F_MD_SQL_MIGRATION,
        [FTL_MD_ARTEFACT] = F_MD_ARTEFACT,
        [FTL_MD_SQL_COLUMN] = F_MD_SQL_COLUMN,
        [FTL_MD_SQL_QUERY] = F_MD_SQL_QUERY,
        [FTL_MD_PARTITIONS] = F_MD_PARTITIONS,
        [FTL_MD_GENERATED] = F_MD_GENERATED,
        [FTL_MD_GIT] = F_MD_GIT,
        [FTL_MD_FIXTURE] = F_MD_FIXTURE,
        [FTL_MD_TRANSACTION] = F_MD_TRANSACTION,
        [FTL_MD_EGRESS] = F_MD_EGRESS,
        [FTL_MD_IMAGE] = F_MD_IMAGE,
    };
    return member[k];
}

/* The fields after pos of the items made of one or two strings and perhaps a
 * flag (their Metadata messages in schema.proto): s1, s2 and flag in this order; 0 for the
 * other kinds. */
static int pw_meta_strings(W *w, const FtlMeta *m)
{
    static const struct {
        int s1, s2, flag; /* slots; 0 for none (F_POS is never one of them) */
    } item[FTL_MD__COUNT] = {
        [FTL_MD_CRON] = {F_CRON_CRON, 0, 0},
        [FTL_MD_TYPEMAP] = {F_TYPE_MAP_RUNTIME, F_TYPE_MAP_NATIVE_NAME, 0},
        [FTL_MD_MIGRATION] = {F_MIGRATION_DIGEST, 0, 0},
        [FTL_MD_ARTEFACT] = {F_ARTEFACT_PATH, F_ARTEFACT_DIGEST, F_ARTEFACT_EXECUTABLE},
        [FTL_MD_SQL_QUERY] = {F_SQL_QUERY_COMMAND, F_SQL_QUERY_QUERY, 0},
        [FTL_MD_SQL_COLUMN] = {F_SQL_COLUMN_TABLE, F_SQL_COLUMN_NAME, 0},
        [FTL_MD_GIT] = {F_GIT_REPOSITORY, F_GIT_COMMIT, F_GIT_DIRTY},
        [FTL_MD_IMAGE] = {F_IMAGE_IMAGE, F_IMAGE_DIGEST, 0},
    };
    if (m->kind == FTL_MD_ALIAS) {
        pw_number(w, F_ALIAS_KIND, m->alias_kind);
        pw_text(w, F_ALIAS_ALIAS, m->s1);
        return 1;
    }
    if (m->kind == FTL_MD_ENCODING) { /* the text can only say json */
        pw_name(w, F_ENCODING_TYPE, "json");
        pw_number(w, F_ENCODING_LENIENT, m->flag != 0);
        return 1;
    }
    if (!item[m->kind].s1) return 0;
    pw_text(w, item[m->kind].s1, m->s1);
    if (item[m->kind].s2) pw_text(w, item[m->kind].s2, m->s2);
    if (item[m->kind].flag) pw_number(w, item[m->kind].flag, m->flag != 0);
    return 1;
}

/* The fields after pos of every other item. */
static void pw_meta_fields(W *w, const FtlMeta *m)
{
    switch (m->kind) {
    case FTL_MD_CALLS: pw_refs(w, F_CALLS_CALLS, m); break;
    case FTL_MD_CONFIG: pw_refs(w, F_CONFIG_CONFIG, m); break;
    case FTL_MD_SECRETS: pw_refs(w, F_SECRETS_SECRETS, m); break;
    case FTL_MD_DATABASES: pw_refs(w, F_DATABASES_USES, m); break;
    case FTL_MD_PUBLISH: pw_refs(w, F_PUBLISHER_TOPICS, m); break;
    case FTL_MD_SUBSCRIBE:
        pw_ref(w, F_SUBSCRIBER_TOPIC, ftl_meta_refs(m)[0]);
        pw_number(w, F_SUBSCRIBER_FROM_OFFSET, m->from);
        pw_number(w, F_SUBSCRIBER_DEAD_LETTER, m->flag != 0);
        break;
    case FTL_MD_RETRY: pw_retry(w, m); break;
    case FTL_MD_INGRESS: pw_ingress(w, m); break;
    case FTL_MD_PARTITIONS: pw_number(w, F_PARTITIONS_PARTITIONS, m->partitions); break;
    case FTL_MD_FIXTURE: pw_number(w, F_FIXTURE_MANUAL, m->flag != 0); break;
    case FTL_MD_EGRESS:
        pw_list_open(w, F_EGRESS_TARGETS, m->nstrs);
        for (uint32_t i = 0; i < m->nstrs; i++)
            pw_item(w, F_EGRESS_TARGETS, m->strs[i]);
        pw_list_close(w, F_EGRESS_TARGETS, m->nstrs);
        break;
    default: break; /* generated, transaction: a position only */
    }
}

static void pw_metadata(W *w, int slot, const FtlMetaList *ml)
{
    pw_list_open(w, slot, ml->count);
    for (uint32_t i = 0; i < ml->count; i++) {
        const FtlMeta *m = ml->items[i];
        int member = pw_meta_member(m->kind);
        pw_open(w, slot);
        pw_open(w, member);
        pw_pos(w, m->span);
        if (!pw_meta_strings(w, m)) pw_meta_fields(w, m);
        pw_close(w, member);
        pw_close(w, slot);
    }
    pw_list_close(w, slot, ml->count);
}

/* ---- declarations -------------------------------------------------------------------------- */

/* What every declaration message begins with: comments = 2, then visibility = 3
 * where it has one (slot -1 where not), then its name. */
static void pw_head(W *w, const FtlDecl *d, int comments, int visibility, int name)
{
    pw_comments(w, comments, &d->comments);
    if (visibility >= 0) pw_number(w, visibility, d->vis);
    pw_name(w, name, d->name);
}

static void pw_data(W *w, const FtlDecl *d)
{
    pw_head(w, d, F_DATA_COMMENTS, F_DATA_VISIBILITY, F_DATA_NAME);
    pw_list_open(w, F_DATA_TYPE_PARAMETERS, ftl_decl_nparams(d));
    for (uint32_t i = 0; i < ftl_decl_nparams(d); i++) {
        pw_open(w, F_DATA_TYPE_PARAMETERS);
        pw_pos(w, d->params[i].span);
        pw_name(w, F_TYPE_PARAMETER_NAME, d->params[i].name);
        pw_close(w, F_DATA_TYPE_PARAMETERS);
    }
    pw_list_close(w, F_DATA_TYPE_PARAMETERS, ftl_decl_nparams(d));
    pw_list_open(w, F_DATA_FIELDS, d->nfields);
    for (uint32_t i = 0; i < d->nfields; i++) {
        const FtlField *f = &d->fields[i];
        pw_open(w, F_DATA_FIELDS);
        pw_pos(w, f->span);
        pw_name(w, F_FIELD_NAME, f->name);
        pw_comments(w, F_FIELD_COMMENTS, ftl_field_comments(f));
        pw_type(w, F_FIELD_TYPE, f->type);
        pw_metadata(w, F_FIELD_METADATA, ftl_field_meta(f));
        pw_close(w, F_DATA_FIELDS);
    }
    pw_list_close(w, F_DATA_FIELDS, d->nfields);
    pw_metadata(w, F_DATA_METADATA, &d->meta);
}

static void pw_variant(W *w, const FtlVariant *v)
{
    static const int member[] = {[FTL_VAL_STRING] = F_VALUE_STRING_VALUE,
                                 [FTL_VAL_INT] = F_VALUE_INT_VALUE,
                                 [FTL_VAL_TYPE] = F_VALUE_TYPE_VALUE};
    pw_open(w, F_ENUM_VARIANTS);
    pw_pos(w, v->span);
    pw_comments(w, F_VARIANT_COMMENTS, &v->comments);
    pw_name(w, F_VARIANT_NAME, v->name);
    pw_open(w, F_VARIANT_VALUE);
    pw_open(w, member[v->vkind]);
    pw_pos(w, v->value_span);
    if (v->vkind == FTL_VAL_STRING)
        pw_text(w, F_STRING_VALUE_VALUE, v->str);
    else if (v->vkind == FTL_VAL_INT)
        pw_number(w, F_INT_VALUE_VALUE, v->ival);
    else
        pw_type(w, F_TYPE_VALUE_VALUE, v->type);
    pw_close(w, member[v->vkind]);
    pw_close(w, F_VARIANT_VALUE);
    pw_close(w, F_ENUM_VARIANTS);
}

static void pw_enum(W *w, const FtlDecl *d)
{
    pw_head(w, d, F_ENUM_COMMENTS, F_ENUM_VISIBILITY, F_ENUM_NAME);
    if (ftl_decl_type(d)) pw_type(w, F_ENUM_TYPE, ftl_decl_type(d));
    pw_list_open(w, F_ENUM_VARIANTS, ftl_decl_nvariants(d));
    for (uint32_t i = 0; i < ftl_decl_nvariants(d); i++)
        pw_variant(w, d->variants[i]);
    pw_list_close(w, F_ENUM_VARIANTS, ftl_decl_nvariants(d));
}

static void pw_verb(W *w, const FtlDecl *d)
{
    pw_head(w, d, F_VERB_COMMENTS, F_VERB_VISIBILITY, F_VERB_NAME);
    pw_type(w, F_VERB_REQUEST, d->request);
    pw_type(w, F_VERB_RESPONSE, d->response);
    pw_metadata(w, F_VERB_METADATA, &d->meta);
}

/* Database, type alias, config, secret, topic: a name, one type or engine, metadata. */
static void pw_simple(W *w, const FtlDecl *d)
{
    switch (d->kind) {
    case FTL_DECL_DATABASE:
        pw_head(w, d, F_DATABASE_COMMENTS, -1, F_DATABASE_NAME);
        pw_name(w, F_DATABASE_TYPE, d->engine);
        pw_metadata(w, F_DATABASE_METADATA, &d->meta);
        break;
    case FTL_DECL_TYPEALIAS:
        pw_head(w, d, F_ALIAS_COMMENTS, F_ALIAS_VISIBILITY, F_ALIAS_NAME);
        pw_type(w, F_ALIAS_TYPE, ftl_decl_type(d));
        pw_metadata(w, F_ALIAS_METADATA, &d->meta);
        break;
    case FTL_DECL_CONFIG:
        pw_head(w, d, F_CONFIG_COMMENTS, -1, F_CONFIG_NAME);
        pw_type(w, F_CONFIG_TYPE, ftl_decl_type(d));
        break;
    case FTL_DECL_SECRET:
        pw_head(w, d, F_SECRET_COMMENTS, -1, F_SECRET_NAME);
        pw_type(w, F_SECRET_TYPE, ftl_decl_type(d));
        break;
    default:
        pw_head(w, d, F_TOPIC_COMMENTS, F_TOPIC_VISIBILITY, F_TOPIC_NAME);
        pw_type(w, F_TOPIC_EVENT, ftl_decl_type(d));
        pw_metadata(w, F_TOPIC_METADATA, &d->meta);
        break;
    }
}

static void pw_decl(W *w, const FtlDecl *d)
{
    static const int member[] = {
        [FTL_DECL_CONFIG] = F_DECL_CONFIG,
        [FTL_DECL_SECRET] = F_DECL_SECRET,
        [FTL_DECL_DATABASE] = F_DECL_DATABASE,
        [FTL_DECL_TOPIC] = F_DECL_TOPIC,
        [FTL_DECL_TYPEALIAS] = F_DECL_TYPE_ALIAS,
        [FTL_DECL_ENUM] = F_DECL_ENUM,
        [FTL_DECL_DATA] = F_DECL_DATA,
        [FTL_DECL_VERB] = F_DECL_VERB,
    };
    pw_open(w, F_MODULE_DECLS);
    pw_open(w, member[d->kind]);
    pw_pos(w, d->span);
    if (d->kind == FTL_DECL_DATA)
        pw_data(w, d);
    else if (d->kind == FTL_DECL_ENUM)
        pw_enum(w, d);
    else if (d->kind == FTL_DECL_VERB)
        pw_verb(w, d);
    else
        pw_simple(w, d);
    pw_close(w, member[d->kind]);
    pw_close(w, F_MODULE_DECLS);
    pw_drain(w);
}

/* Every pass reads the comments of the text again, which maps those pages
 * of a mapped input again; after each 256 KiB of modules they are given back
 * (ftl_sources_release), so that a pass over the whole schema (JSON's check
 * writes nothing, so no drain gives them back) never holds the input beside
 * the tree. (Every MiB held 0.7 MB more at the peak of JSON of 20 MB.) */
static void give_back(W *w, FtlSpan module)
{
    w->walked += module.end - module.off;
    if (w->walked < (1u << 18)) return;
    ftl_sources_release(w->s->src);
    w->walked = 0;
}

static void pw_module(W *w, const FtlModule *m)
{
    pw_open(w, F_REALM_MODULES);
    pw_pos(w, m->span);
    pw_comments(w, F_MODULE_COMMENTS, &m->comments);
    pw_number(w, F_MODULE_BUILTIN, m->builtin != 0);
    pw_name(w, F_MODULE_NAME, m->name);
    pw_list_open(w, F_MODULE_DECLS, m->ndecls);
    for (uint32_t i = 0; i < m->ndecls; i++)
        pw_decl(w, m->decls[i]);
    pw_list_close(w, F_MODULE_DECLS, m->ndecls);
    pw_metadata(w, F_MODULE_METADATA, &m->meta);
    pw_close(w, F_REALM_MODULES);
    give_back(w, m->span);
}

/* Writes a module in the binary encoding: measures it first, with the sizes
 * of its messages kept in w->module_sizes (the measuring pass keeps frames;
 * the writing one none, so the walk's depth is where it was after either).
 * 20 MB of schema opens some 3 million messages: the sizes of all of them,
 * kept from one measuring pass over the view, took 2.5 MB beside the tree. */
static void pw_module_binary(W *w, const FtlModule *m)
{
    Pbw *p = &w->pbw;
    PbwSizes outer = p->sz;
    p->sz = w->module_sizes;
    p->sz.n = p->sz.nbig = 0;
    size_t pos = p->pos;
    p->ops = &ftl_pbw_measure;
    p->keep_sizes = 1;
    pw_module(w, m);
    ftl_pbw_sizes_sort(p);
    p->keep_sizes = 0;
    p->pos = pos;
    p->ops = &ftl_pbw_binary;
    pw_module(w, m);
    w->module_sizes = p->sz;
    p->sz = outer;
}

static void pw_realm(W *w, const char *rname, int external, FtlSpan span, FtlModule *const *mods,
                     uint32_t n)
{
    pw_open(w, F_SCHEMA_REALMS);
    pw_pos(w, span);
    pw_number(w, F_REALM_EXTERNAL, external != 0);
    pw_name(w, F_REALM_NAME, rname);
    pw_list_open(w, F_REALM_MODULES, n);
    /* Measuring the whole view keeps the sizes of what is outside modules
     * only: each module is measured again as it is written. */
    int keep = w->pbw.keep_sizes;
    w->pbw.keep_sizes = 0;
    for (uint32_t i = 0; i < n; i++) {
        const FtlModule *m = ftl_canon_open(w->view, mods[i]);
        if (w->pbw.ops == &ftl_pbw_binary)
            pw_module_binary(w, m);
        else
            pw_module(w, m);
        ftl_canon_close(w->view);
    }
    w->pbw.keep_sizes = keep;
    pw_list_close(w, F_REALM_MODULES, n);
    pw_close(w, F_SCHEMA_REALMS);
}

/* The Schema message: a realm per realm of the view, or for a list of modules
 * one realm with an empty name (none when the list is empty). */
static void pw_schema(W *w, const FtlCanonView *v)
{
    Pbw *p = &w->pbw;
    p->depth = 0;
    p->frames[0] = (PbwFrame){NULL, 0, 0, 0, 0};
    p->sz.next = 0;
    p->sz.nextbig = 0;
    p->pos = 0;
    p->indent = 0;
    if (v->modules) {
        pw_list_open(w, F_SCHEMA_REALMS, v->nmodules ? 1 : 0);
        if (v->nmodules) pw_realm(w, "", 0, (FtlSpan){0}, v->modules, v->nmodules);
        pw_list_close(w, F_SCHEMA_REALMS, v->nmodules ? 1 : 0);
    } else {
        pw_list_open(w, F_SCHEMA_REALMS, v->nrealms);
        for (uint32_t i = 0; i < v->nrealms; i++) {
            const FtlRealm *r = v->realms[i];
            pw_realm(w, r->name, r->external, r->span, r->modules, r->nmodules);
        }
        pw_list_close(w, F_SCHEMA_REALMS, v->nrealms);
    }
    if (p->ops->finish) p->ops->finish(p);
}

/* ---- errors ------------------------------------------------------------------------------------
 */

/* Appends to a path as protojson.c's writer does: truncated at 255 bytes. */
static void path_add(char *path, size_t size, size_t *len, const char *a, const char *b)
{
    if (*len + 1 >= size) return;
    int n = snprintf(path + *len, size - *len, "%s%s", a, b);
    if (n > 0) *len += (size_t)n;
    if (*len >= size) *len = size - 1;
}

void ftl_pbw_fail(Pbw *w, const PbwField *f, const char *message)
{
    if (w->failed) return;
    w->failed = 1;
    snprintf(w->err_msg, sizeof w->err_msg, "%s", message);
    char index[16];
    size_t len = 0;
    w->err_path[0] = '\0';
    /* Each frame and then the value itself: a field of a message, or a value
     * of a repeated field (frames opened are counted in their parent already,
     * the value being written not yet). */
    for (size_t i = 1; i <= w->depth + 1; i++) {
        const PbwFrame *parent = &w->frames[i - 1];
        if (parent->list) {
            snprintf(index, sizeof index, "[%u]", parent->count - (i <= w->depth));
            path_add(w->err_path, sizeof w->err_path, &len, "", index);
        } else {
            const PbwField *field = i <= w->depth ? w->frames[i].field : f;
            path_add(w->err_path, sizeof w->err_path, &len, len ? "." : "", field->json);
        }
    }
}

/* ---- entry ------------------------------------------------------------------------------------
 */

static void pw_walk(W *w, const PbwOps *ops, const FtlCanonView *v)
{
    w->pbw.ops = ops;
    pw_schema(w, v);
}

/* The first error of an encoding, as protojson.h's writer reports it for JSON. */
static void pw_error(const W *w, FtlPbFormat f, char *err, size_t errsz)
{
    const Pbw *p = &w->pbw;
    if (!p->failed || !errsz) return;
    if (f == FTL_PB_JSON)
        snprintf(err, errsz, "cannot write JSON%s%s: %s", p->err_path[0] ? " at " : "", p->err_path,
                 p->err_msg);
    else
        snprintf(err, errsz, "%s", p->err_msg);
}

/* Whether the view can be written in JSON: a pass that writes nothing and
 * fails where writing would (text that is not UTF-8). It keeps no frames
 * (JSON of 5 MB: 111.6M -> 83.1M instructions); only when it fails does a second
 * pass with frames find where. 0 or -1. */
static int pw_check_json(W *w, const FtlCanonView *v)
{
    pw_walk(w, &ftl_pbw_check_utf8, v);
    if (!w->pbw.failed) return 0;
    w->pbw.failed = 0;
    pw_walk(w, &ftl_pbw_check_json, v);
    return w->pbw.failed ? -1 : 0;
}

/* The binary encoding is measured first (which finds what it cannot write,
 * too); with a drain, JSON is checked first, so that nothing reaches it on
 * failure; without, the writing pass finds it. */
static int pw_run(W *w, const FtlCanonView *v, const FtlPbOptions *o, char *err, size_t errsz)
{
    static const PbwOps *const encodings[] = {&ftl_pbw_text, &ftl_pbw_json, &ftl_pbw_binary};
    Pbw *p = &w->pbw;
    if (o->format == FTL_PB_BINARY) {
        p->keep_sizes = 1;
        pw_walk(w, &ftl_pbw_measure, v);
        ftl_pbw_sizes_sort(p);
    } else if (o->format == FTL_PB_JSON && o->drain && !o->checked) {
        pw_check_json(w, v);
    }
    if (!p->failed) pw_walk(w, encodings[o->format], v);
    if (p->failed) {
        pw_error(w, o->format, err, errsz);
        return -1;
    }
    if (o->drain && !w->drain_failed && p->out->len &&
        o->drain(o->ctx, p->out->data, p->out->len) != 0)
        w->drain_failed = 1;
    if (o->drain)
        p->out->len = 0;
    else
        ftl_buf_cstr(p->out); /* the encodings write past len: end the text there */
    return w->drain_failed ? -2 : 0;
}

static W *pw_new(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, int positions)
{
    W *w = ftl_xmalloc(sizeof *w);
    memset(w, 0, sizeof *w);
    w->s = s;
    w->src = positions ? s->src : NULL;
    w->module_file = v->module_file;
    w->view = v;
    w->pbw.out = out;
    w->pbw.cap = 64;
    w->pbw.frames = ftl_xmalloc(w->pbw.cap * sizeof *w->pbw.frames);
    pw_fields_init(w);
    return w;
}

static void pw_free(W *w)
{
    free(w->pbw.frames);
    free(w->pbw.sz.sizes);
    free(w->pbw.sz.big);
    free(w->module_sizes.sizes);
    free(w->module_sizes.big);
    free(w);
}

int ftl_pb_write(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, const FtlPbOptions *o, char *err,
                 size_t errsz)
{
    W *w = pw_new(out, s, v, o->positions);
    w->drain = o->drain;
    w->ctx = o->ctx;
    if (err && errsz) err[0] = '\0';
    int rc = pw_run(w, v, o, err, errsz);
    pw_free(w);
    return rc;
}

int ftl_pb_check(FtlSchema *s, const FtlCanonView *v, FtlPbFormat f, int positions, char *err,
                 size_t errsz)
{
    if (err && errsz) err[0] = '\0';
    if (f != FTL_PB_JSON) return 0; /* the binary encoding's limit is found as it is measured */
    FtlBuf none;
    ftl_buf_init(&none);
    W *w = pw_new(&none, s, v, positions);
    int rc = pw_check_json(w, v);
    pw_error(w, f, err, errsz);
    pw_free(w);
    return rc;
}
