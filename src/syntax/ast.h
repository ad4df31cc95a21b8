/* ast.h - the syntax tree of FTL schema text.
 *
 * Everything is allocated in the compilation's arena; identifiers are interned
 * (compare with ==). Every node has a span. Lists are (items, count) arrays.
 * The tree is what the text says, nothing more: resolution results live in the
 * `target` fields that the checker fills in, and the canonical form (builtin
 * module, qualified references, sorting) is produced by printers, never by
 * rewriting the parse.
 */
#ifndef FTLC_AST_H
#define FTLC_AST_H

#include "base/map.h"
#include "base/source.h"
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* A decoded string: may contain NUL bytes, so it carries its length. */
typedef struct FtlStr {
    const char *ptr;
    size_t len;
} FtlStr;

/* A comment's trimmed value (Comments in ftl-schema(5)) is read with
 * ftl_comment_text. One read from text points into its source, which the tree
 * never outlives (spans point there too), instead of a copy; its length
 * follows the span, leaving no padding: 24 bytes, not 32 and a string. */
typedef struct FtlComment {
    FtlSpan span;
    uint32_t len;
    const char *text; /* len bytes, not NUL-terminated */
} FtlComment;

static inline FtlStr ftl_comment_text(const FtlComment *c)
{
    FtlStr s = {c->text, c->len};
    return s;
}

/* A list's pointer and count take 12 bytes, not 16: the list is 4-aligned
 * (FTL_LIST_PACKED), so that in a declaration it fills what was padding
 * (FtlDecl). Its pointer is then read unaligned, which x86-64 and AArch64 do
 * at no cost and the compiler knows of (the member of a packed type). */
#if defined(__GNUC__) || defined(__clang__)
#define FTL_LIST_PACKED __attribute__((packed, aligned(4)))
#else
#define FTL_LIST_PACKED
#endif

typedef struct FTL_LIST_PACKED FtlComments {
    FtlComment *items;
    uint32_t count;
} FtlComments;

typedef enum FtlVis {
    FTL_VIS_NONE = 0,   /* visible in its module (VISIBILITY_SCOPE_NONE) */
    FTL_VIS_MODULE = 1, /* export */
    FTL_VIS_REALM = 2   /* export realm */
} FtlVis;

/* ---- types ---------------------------------------------------------------- */

typedef enum FtlTypeKind {
    FTL_TY_INT,
    FTL_TY_FLOAT,
    FTL_TY_STRING,
    FTL_TY_BYTES,
    FTL_TY_BOOL,
    FTL_TY_TIME,
    FTL_TY_ANY,
    FTL_TY_UNIT,
    FTL_TY_ARRAY,
    FTL_TY_MAP,
    FTL_TY_OPTIONAL,
    FTL_TY_REF
} FtlTypeKind;

typedef struct FtlType FtlType;
struct FtlDecl;
struct FtlModule;
struct FtlRealm;

/* What resolution made of a reference. */
typedef enum FtlRefState {
    FTL_REF_UNRESOLVED = 0, /* not looked at (or not resolvable in a module-only pass) */
    FTL_REF_DECL,           /* target is a declaration */
    FTL_REF_PARAM,          /* a type parameter of the enclosing data declaration */
    FTL_REF_ERROR           /* reported; later checks stay silent about it */
} FtlRefState;

/* What a reference with an @realm suffix has (few do): the realm it names,
 * where that is written and, once resolved, the other realm of its target. */
typedef struct FtlRefRealm {
    const char *name;
    FtlSpan span;                  /* the realm's name after '@' */
    struct FtlRealm *target_realm; /* the realm of target, when it is another realm */
} FtlRefRealm;

/* What only some references have (generic ones, those with an @realm suffix,
 * few of all): the type arguments, the realm part, and where the name starts
 * when something is written between "module." and it. It is allocated right
 * after the reference's node, when the reference is made (ftl_ref_new), and
 * read with ftl_ref_more: the others carry no pointer to none. */
typedef struct FtlRefMore {
    /* nargs type arguments (ftl_ref_args): one, as most generic references
     * have, in place of the array's pointer. */
    union {
        FtlType **args_; /* nargs other than 1 */
        FtlType *arg1_;  /* nargs 1 */
    };
    uint32_t nargs;
    uint32_t name_off;  /* 0: the name follows "module." or starts the reference */
    FtlRefRealm *realm; /* NULL without an @realm suffix */
} FtlRefMore;

/* A type. Read the members of t->kind only (every walk of a type switches on
 * its kind first): a primitive type (Int ... Unit, most of the types of a
 * schema) has no children, so its node ends before the union; an array's and
 * an optional's is elem, a map's elem (the key) and map_value
 * (ftl_type_value); and a reference used as a type is the type's node itself
 * (FtlRef, ftl_type_ref), so it shares its span and kind and needs no node of
 * its own nor a pointer to one. Types are the most numerous nodes of a tree
 * (a field, a verb's request and response, every type argument).
 *
 * A primitive type written in the text is most often an FtlPrimShort, half
 * the node (below): read a type's span with ftl_type_span, a reference's
 * with ftl_ref_span, and make a primitive type with ftl_type_prim. */
struct FtlType {
    uint8_t kind;      /* FtlTypeKind */
    uint8_t state;     /* a reference's FtlRefState, filled in by resolution */
    uint8_t from_text; /* a reference read from text: see ftl_ref_name_span */
    uint8_t has_more;  /* a reference with an FtlRefMore after it (ftl_ref_more) */
    FtlSpan span_;     /* a reference's: the whole of it, type arguments included */
    union {
        struct {
            FtlType *elem;      /* array element, optional's inner type, map key */
            FtlType *map_value; /* a map's value type */
        };
        /* A reference `[module.]name[@realm][<args>]`. The parts few
         * references have follow its node (FtlRefMore, read with the
         * functions below): a reference is 32 bytes, not 88. Make one with
         * ftl_ref_new, and never copy one (its FtlRefMore stays behind). */
        struct {
            const char *module; /* NULL when unqualified; it starts at span.off */
            /* The name as written until resolution finds its declaration
             * (state FTL_REF_DECL), whose name it is (the same interned
             * pointer: resolution looks the name up), and the declaration
             * after: read with ftl_ref_name and ftl_ref_target, set with
             * ftl_ref_resolve. One pointer where two took 8 more bytes a
             * reference, the most numerous node of a tree after types. */
            union {
                const char *name_;
                struct FtlDecl *target_;
            };
        };
    };
};

/* A reference: a type's node of kind FTL_TY_REF (ftl_ref_new), used as a type
 * or not (one in a metadata item reads only the reference's members). */
typedef struct FtlType FtlRef;

/* The reference of a type of kind FTL_TY_REF: the node itself. */
static inline FtlRef *ftl_type_ref(const FtlType *t)
{
    return (FtlRef *)t;
}

/* r's FtlRefMore; NULL when it was made without one (it has no type
 * arguments, no @realm suffix, and its name follows "module." at once). */
static inline FtlRefMore *ftl_ref_more(const FtlRef *r)
{
    return r->has_more ? (FtlRefMore *)((uintptr_t)r + sizeof(FtlRef)) : NULL;
}

/* The realm an @realm suffix names; NULL without one. */
static inline const char *ftl_ref_realm(const FtlRef *r)
{
    const FtlRefMore *m = ftl_ref_more(r);
    return m && m->realm ? m->realm->name : NULL;
}

/* Where the @realm suffix is written (its name); invalid without one. */
static inline FtlSpan ftl_ref_realm_span(const FtlRef *r)
{
    FtlSpan none = {0, 0, 0};
    const FtlRefMore *m = ftl_ref_more(r);
    return m && m->realm ? m->realm->span : none;
}

/* The realm of the target when the reference resolved into another realm. */
static inline struct FtlRealm *ftl_ref_target_realm(const FtlRef *r)
{
    const FtlRefMore *m = ftl_ref_more(r);
    return m && m->realm ? m->realm->target_realm : NULL;
}

/* The type arguments: ftl_ref_nargs(r) of them at ftl_ref_args(r). */
static inline uint32_t ftl_ref_nargs(const FtlRef *r)
{
    const FtlRefMore *m = ftl_ref_more(r);
    return m ? m->nargs : 0;
}
static inline FtlType **ftl_ref_args(const FtlRef *r)
{
    const FtlRefMore *m = ftl_ref_more(r);
    return !m ? NULL : m->nargs == 1 ? (FtlType **)&m->arg1_ : m->args_;
}

/* A primitive type's node when its span is its keyword's, in a file whose
 * index fits in 16 bits (every one read from text, in practice): the kind,
 * where it starts, and a flag in place of a reference's state (which a
 * primitive type has none of), 8 bytes; the end follows from the keyword's
 * length. Others are whole FtlType nodes (ftl_type_prim chooses). A schema's
 * primitive types are about a third of its types. */
typedef struct FtlPrimShort {
    uint8_t kind;   /* FtlTypeKind: Int ... Unit */
    uint8_t short_; /* 1: this layout (FtlType.state is 0 in a whole node) */
    uint16_t file;
    uint32_t off;
} FtlPrimShort;

/* The length of primitive type k's keyword ("Int" ... "Unit"). */
static inline uint32_t ftl_prim_len(FtlTypeKind k)
{
    static const uint8_t len[FTL_TY_ARRAY] = {3, 5, 6, 5, 4, 4, 3, 4};
    return k < FTL_TY_ARRAY ? len[k] : 0;
}

/* Where type t is written (a reference's whole, type arguments included). */
static inline FtlSpan ftl_type_span(const FtlType *t)
{
    if (t->kind < FTL_TY_ARRAY && t->state) {
        const FtlPrimShort *p = (const FtlPrimShort *)t;
        FtlSpan s = {p->file, p->off, p->off + ftl_prim_len((FtlTypeKind)t->kind)};
        return s;
    }
    return t->span_;
}

/* Where reference r is written, type arguments included. */
static inline FtlSpan ftl_ref_span(const FtlRef *r)
{
    return r->span_;
}

/* The bytes a node of kind k takes (a primitive type's whole node: see
 * FtlPrimShort): nothing reads a member that its kind has not (every walk
 * switches on the kind) and nothing copies a node whole. */
static inline size_t ftl_type_size(FtlTypeKind k)
{
    switch (k) {
    case FTL_TY_REF: return sizeof(FtlType);
    case FTL_TY_MAP: return offsetof(FtlType, map_value) + sizeof(FtlType *);
    case FTL_TY_ARRAY:
    case FTL_TY_OPTIONAL: return offsetof(FtlType, map_value);
    default: return offsetof(FtlType, elem);
    }
}

/* The value type of a map; NULL for every other kind. */
static inline FtlType *ftl_type_value(const FtlType *t)
{
    return t->kind == FTL_TY_MAP ? t->map_value : NULL;
}

/* ---- metadata --------------------------------------------------------------- */

/* In canonical sort order (ftlc-emit(1)): the enum value is the rank. */
typedef enum FtlMetaKind {
    FTL_MD_INGRESS = 1,
    FTL_MD_ALIAS,
    FTL_MD_ENCODING,
    FTL_MD_CALLS,
    FTL_MD_DATABASES,
    FTL_MD_SECRETS,
    FTL_MD_CONFIG,
    FTL_MD_CRON,
    FTL_MD_PUBLISH,
    FTL_MD_SUBSCRIBE,
    FTL_MD_RETRY,
    FTL_MD_TYPEMAP,
    FTL_MD_MIGRATION,
    FTL_MD_ARTEFACT,
    FTL_MD_SQL_COLUMN,
    FTL_MD_SQL_QUERY,
    FTL_MD_PARTITIONS,
    FTL_MD_GENERATED,
    FTL_MD_GIT,
    FTL_MD_FIXTURE,
    FTL_MD_TRANSACTION,
    FTL_MD_EGRESS,
    FTL_MD_IMAGE,
    FTL_MD__COUNT
} FtlMetaKind;

typedef enum FtlFromOffset {
    FTL_FROM_UNSPECIFIED,
    FTL_FROM_BEGINNING,
    FTL_FROM_LATEST
} FtlFromOffset;
typedef enum FtlAliasKind { FTL_ALIAS_UNSPECIFIED, FTL_ALIAS_JSON } FtlAliasKind;

typedef struct FtlPathSeg {
    FtlSpan span;
    int is_param; /* {name} */
    FtlStr text;  /* literal text, or the parameter name */
} FtlPathSeg;

/* What +retry says: the largest payload of a metadata item, and a rare one, so
 * it is a node of its own (FtlMeta.retry) rather than a member of the union
 * that every item would carry. */
typedef struct FtlRetry {
    int64_t count;
    FtlStr min_backoff, max_backoff;
    FtlSpan count_span, min_span, max_span;
    int has_count;
} FtlRetry;

typedef struct FtlMeta {
    FtlSpan span;
    uint32_t nrefs;
    uint8_t kind;       /* FtlMetaKind */
    uint8_t from;       /* FtlFromOffset: subscribe */
    uint8_t flag;       /* deadletter, dirty, executable, lenient, manual */
    uint8_t generated;  /* added by validation (the dead-letter +publish) */
    uint8_t alias_kind; /* FtlAliasKind: alias */
    /* Read with ftl_meta_refs, set with ftl_meta_set_refs or
     * ftl_meta_alloc_refs: calls, config, secrets, database uses, publish;
     * subscribe: [0] is the topic; retry: [0] is the catch verb (if any). One
     * reference, as most items have, is kept in place of the array's pointer
     * rather than in an array of its own. */
    union {
        FtlRef **refs_; /* nrefs other than 1 */
        FtlRef *ref1_;  /* nrefs 1 */
    };
    /* What only some kinds have shares one place: read the member of m->kind
     * only (the others overlap it). Most items (+calls, +config, +database
     * uses and the like) need none of it; the union took FtlMeta from 208
     * bytes to 128, and +retry's payload out of it and the small enums in
     * bytes to 64. */
    union {
        FtlRetry *retry;              /* retry: its own node, as few metadata items are */
        struct {                      /* ingress */
            const char *method;       /* GET POST PUT DELETE */
            const char *ingress_type; /* "http" or "" */
            FtlPathSeg *path;
            uint32_t npath;
        };
        /* single-valued items use s1 / s2:
         *   cron: s1 = text;  alias: s1 = alias;  typemap: s1 = runtime, s2 = native name;
         *   encoding: s1 = "json";  migration: s1 = digest;  artefact: s1 = path, s2 = digest;
         *   sql query: s1 = command, s2 = query;  sql column: s1 = table, s2 = name;
         *   git: s1 = repository, s2 = commit;  image: s1 = image, s2 = digest */
        struct {
            FtlStr s1, s2;
        };
        int64_t partitions; /* partitions */
        struct {            /* egress targets */
            FtlStr *strs;
            uint32_t nstrs;
        };
    };
} FtlMeta;

/* The bytes an item of kind k takes: one that is only a list of references
 * (+calls, +config, +secrets, +database uses, +publish, +subscribe: most
 * items of a schema) ends before the union, which it never reads, and one of
 * a single string (+alias, the most common of the others, +cron, +encoding,
 * +migration) before s2. Copy an item with this size, never whole. */
static inline size_t ftl_meta_size(FtlMetaKind k)
{
    switch (k) {
    case FTL_MD_CALLS:
    case FTL_MD_CONFIG:
    case FTL_MD_SECRETS:
    case FTL_MD_DATABASES:
    case FTL_MD_PUBLISH:
    case FTL_MD_SUBSCRIBE: return offsetof(FtlMeta, retry);
    case FTL_MD_ALIAS:
    case FTL_MD_CRON:
    case FTL_MD_ENCODING:
    case FTL_MD_MIGRATION: return offsetof(FtlMeta, s2);
    default: return sizeof(FtlMeta);
    }
}

/* m's m->nrefs references. */
static inline FtlRef **ftl_meta_refs(const FtlMeta *m)
{
    return m->nrefs == 1 ? (FtlRef **)&m->ref1_ : m->refs_;
}

/* Sets m's references to the n at refs (the array is kept unless n is 1). */
static inline void ftl_meta_set_refs(FtlMeta *m, FtlRef **refs, uint32_t n)
{
    m->nrefs = n;
    if (n == 1)
        m->ref1_ = refs[0];
    else
        m->refs_ = refs;
}

/* Whether an item of kind k has s2, the second of two strings (above): an
 * item of another kind may end before it (ftl_meta_size). */
static inline int ftl_meta_has_s2(FtlMetaKind k)
{
    switch (k) {
    case FTL_MD_TYPEMAP:
    case FTL_MD_ARTEFACT:
    case FTL_MD_SQL_QUERY:
    case FTL_MD_SQL_COLUMN:
    case FTL_MD_GIT:
    case FTL_MD_IMAGE: return 1;
    default: return 0;
    }
}

typedef struct FTL_LIST_PACKED FtlMetaList {
    FtlMeta **items;
    uint32_t count;
} FtlMetaList;

/* ---- declarations ----------------------------------------------------------- */

/* In canonical sort order (ftlc-emit(1)): the enum value is the rank. */
typedef enum FtlDeclKind {
    FTL_DECL_CONFIG = 1,
    FTL_DECL_SECRET,
    FTL_DECL_DATABASE,
    FTL_DECL_TOPIC,
    FTL_DECL_TYPEALIAS,
    FTL_DECL_ENUM,
    FTL_DECL_DATA,
    FTL_DECL_VERB
} FtlDeclKind;

typedef struct FtlTypeParam {
    FtlSpan span;
    const char *name;
} FtlTypeParam;

/* A field's comments and metadata: most fields have neither. */
typedef struct FtlFieldMore {
    FtlComments comments;
    FtlMetaList meta;
} FtlFieldMore;

/* A field's name is one token, so only where it starts is kept, and its
 * comments and metadata are a node of their own when it has any (a field is
 * 40 bytes instead of 72): ftl_field_name_span, ftl_field_comments,
 * ftl_field_meta. */
typedef struct FtlField {
    FtlSpan span;      /* from the first comment to the end of the field */
    uint32_t name_off; /* 0: not read from text (decoded from protobuf) */
    const char *name;
    FtlType *type;
    FtlFieldMore *more; /* NULL without comments and metadata */
} FtlField;

/* The field's comments and metadata (empty lists when it has none). */
static inline const FtlComments *ftl_field_comments(const FtlField *f)
{
    static const FtlComments none = {NULL, 0};
    return f->more ? &f->more->comments : &none;
}
static inline const FtlMetaList *ftl_field_meta(const FtlField *f)
{
    static const FtlMetaList none = {NULL, 0};
    return f->more ? &f->more->meta : &none;
}

/* The field's name; a field decoded from protobuf has one span for all. */
static inline FtlSpan ftl_field_name_span(const FtlField *f)
{
    if (!f->name_off) return f->span;
    FtlSpan s = {f->span.file, f->name_off, f->name_off + (uint32_t)strlen(f->name)};
    return s;
}

typedef enum FtlValueKind { FTL_VAL_STRING, FTL_VAL_INT, FTL_VAL_TYPE } FtlValueKind;

typedef struct FtlVariant {
    FtlSpan span;
    FtlSpan name_span;
    FtlComments comments;
    const char *name;
    FtlValueKind vkind;
    FtlSpan value_span;
    FtlStr str;
    int64_t ival;
    FtlType *type;
} FtlVariant;

/* Members are ordered so that no padding is left (a tree holds one per
 * declaration); the small enums are stored in a byte each, and the members of
 * one kind share a union: 200 bytes became 136; the two lists are 12 bytes
 * each (FTL_LIST_PACKED): 112. Where the keyword and the visibility are
 * written is read again from the text when a fix-it needs it
 * (ftl_decl_head_spans), rather than kept for every declaration: 104; the
 * type of the kinds that have one is in the union: 96; and the counts of type
 * parameters and variants, which no kind has both of, share their place: 88. */
typedef struct FtlDecl {
    FtlSpan span;      /* from the first comment to the end of the declaration */
    uint32_t name_off; /* 0: not read from text; see ftl_decl_name_span */
    /* A data declaration's type parameters and an enum's variants: read with
     * ftl_decl_nparams and ftl_decl_nvariants, 0 for the other kinds. */
    union {
        uint32_t nparams_;
        uint32_t nvariants_;
    };
    uint32_t nfields;
    uint8_t kind;      /* FtlDeclKind */
    uint8_t vis;       /* FtlVis */
    uint8_t generated; /* made by validation (dead-letter topics) */
    /* A walk's own slot, 0 outside it (the public closure of check_realm.c:
     * one plus the declaration's index in it); it fills what was padding, where
     * a map from declarations took 3.7 MB while 20 MB of schema was checked. */
    uint32_t mark;
    FtlComments comments;
    FtlMetaList meta;
    const char *name;
    /* What only some kinds have shares one place: read the member of d->kind
     * only (ftl_decl_type, ftl_decl_request and ftl_decl_response for a
     * declaration of any kind). The counts above stay apart and are 0 for the
     * other kinds, so a loop over a declaration's fields, parameters or
     * variants needs no test of its kind. */
    union {
        struct { /* data */
            FtlTypeParam *params;
            FtlField *fields; /* nfields of them, side by side */
        };
        struct { /* verb */
            FtlType *request, *response;
        };
        struct {
            FtlVariant **variants; /* enum */
            /* Read with ftl_decl_type: enum (NULL for a type enum), typealias,
             * config, secret, topic (its event). Set where the kind is. */
            FtlType *kind_type;
        };
        const char *engine; /* database: "postgres" or "mysql" */
    };
    /* set by the checker */
    struct FtlModule *module; /* the module that declares it */
} FtlDecl;

/* How many type parameters d has (a data declaration's; 0 for other kinds). */
static inline uint32_t ftl_decl_nparams(const FtlDecl *d)
{
    return d->kind == FTL_DECL_DATA ? d->nparams_ : 0;
}

/* How many variants d has (an enum's; 0 for other kinds). */
static inline uint32_t ftl_decl_nvariants(const FtlDecl *d)
{
    return d->kind == FTL_DECL_ENUM ? d->nvariants_ : 0;
}

/* ---- what resolution made of a reference ------------------------------------ */

/* The declaration r names once resolved (state FTL_REF_DECL); NULL before,
 * and for a type parameter or a reported error. */
static inline FtlDecl *ftl_ref_target(const FtlRef *r)
{
    return r->state == FTL_REF_DECL ? r->target_ : NULL;
}

/* The name r is written with (without its module and realm). */
static inline const char *ftl_ref_name(const FtlRef *r)
{
    return r->state == FTL_REF_DECL ? r->target_->name : r->name_;
}

/* Resolves r to d, which has r's name (the lookup found it by that name). */
static inline void ftl_ref_resolve(FtlRef *r, FtlDecl *d)
{
    r->target_ = d;
    r->state = FTL_REF_DECL;
}

/* Marks r as reported (FTL_REF_ERROR), resolved or not: a resolved one gets
 * its name back in place of the declaration. */
static inline void ftl_ref_fail(FtlRef *r)
{
    if (r->state == FTL_REF_DECL) r->name_ = r->target_->name;
    r->state = FTL_REF_ERROR;
}

/* The name of a reference (its end is its start plus the name's length: a
 * name is one token); file 0 when the reference was not read from text. It
 * starts the reference, or follows "module." (FtlRefMore.name_off when
 * something is written between them). */
static inline FtlSpan ftl_ref_name_span(const FtlRef *r)
{
    FtlSpan s = {0, 0, 0};
    if (!r->from_text) return s;
    s.file = ftl_ref_span(r).file;
    const FtlRefMore *m = ftl_ref_more(r);
    if (m && m->name_off)
        s.off = m->name_off;
    else
        s.off =
            r->module ? ftl_ref_span(r).off + (uint32_t)strlen(r->module) + 1 : ftl_ref_span(r).off;
    s.end = s.off + (uint32_t)strlen(ftl_ref_name(r));
    return s;
}

/* A module's symbol table (check/symtab.c): open addressing over one plus the
 * index in the module's decls (0: empty), the name read through the
 * declaration. 4 bytes a slot where a map of key and value pointers takes 16:
 * 5,440 modules of 20 MB of schema held 5.6 MB of map slots. */
typedef struct FtlNameIndex {
    uint32_t *slots; /* power-of-two size; NULL until built */
    uint32_t cap, count;
} FtlNameIndex;

typedef struct FtlModule {
    FtlSpan span;
    FtlSpan name_span;
    FtlSpan builtin_span, kw_span; /* 'builtin' (invalid when absent) and 'module' */
    FtlComments comments;
    int builtin;
    const char *name;
    FtlMetaList meta;
    FtlDecl **decls;
    uint32_t ndecls;
    /* set by the checker */
    struct FtlRealm *realm;
    FtlNameIndex names; /* declaration name -> first in canonical order (D12, ftlc-check(1)) */
} FtlModule;

typedef struct FtlRealm {
    FtlSpan span;
    FtlSpan name_span;
    int external;
    const char *name;
    FtlModule **modules;
    uint32_t nmodules;
    /* set by the checker */
    FtlMap module_names; /* module name -> module */
    uint32_t capmodules; /* room in modules once the checker appends to it */
} FtlRealm;

/* One parsed file: a schema file (realms) or a module file (one module). */
typedef struct FtlFile {
    uint32_t file_id;
    int is_module_file;
    FtlRealm **realms;
    uint32_t nrealms;
    FtlModule *module;
} FtlFile;

/* The declaration's name (one token, so only its start is kept); one that
 * was not read from text (decoded from protobuf, made by validation) has one
 * span for all. */
static inline FtlSpan ftl_decl_name_span(const FtlDecl *d)
{
    if (!d->name_off) return d->span;
    FtlSpan s = {d->span.file, d->name_off, d->name_off + (uint32_t)strlen(d->name)};
    return s;
}

/* FTL_HEAD (diag.h) of a declaration: from its start to the end of its name. */
static inline FtlSpan ftl_decl_head(const FtlDecl *d)
{
    FtlSpan s = {d->span.file, d->span.off, ftl_decl_name_span(d).end};
    return s;
}

/* The type of an enum, typealias, config, secret or topic (its event); NULL
 * for a type enum and every other kind. */
static inline FtlType *ftl_decl_type(const FtlDecl *d)
{
    enum {
        HAS = 1u << FTL_DECL_ENUM | 1u << FTL_DECL_TYPEALIAS | 1u << FTL_DECL_CONFIG |
              1u << FTL_DECL_SECRET | 1u << FTL_DECL_TOPIC
    };
    return (HAS >> d->kind & 1u) ? d->kind_type : NULL;
}

/* A verb's request and response types; NULL for every other kind. */
static inline FtlType *ftl_decl_request(const FtlDecl *d)
{
    return d->kind == FTL_DECL_VERB ? d->request : NULL;
}
static inline FtlType *ftl_decl_response(const FtlDecl *d)
{
    return d->kind == FTL_DECL_VERB ? d->response : NULL;
}

/* The head of d as written in src, lexed again from d's start: in *vis,
 * 'export' or 'export realm' (invalid when neither is written), and in *kw an
 * empty span where the keyword (data, verb, ...) starts, where a visibility
 * is inserted (invalid when d was not read from text). For fix-its: few
 * declarations ever need them, and keeping them took 12 bytes of each. */
void ftl_decl_head_spans(const FtlSources *src, const FtlDecl *d, FtlSpan *vis, FtlSpan *kw);

struct FtlArena;
/* A new reference, zeroed, in a; with more, an FtlRefMore after it (read
 * with ftl_ref_more), which it cannot be given later. */
FtlRef *ftl_ref_new(struct FtlArena *a, int more);
/* A primitive type of kind k written at span, in a: an FtlPrimShort when it
 * can be. */
FtlType *ftl_type_prim(struct FtlArena *a, FtlTypeKind k, FtlSpan span);
/* Gives m n references and returns where to write them, zeroed: in a, or in
 * m itself when n is 1 (ftl_meta_refs). */
FtlRef **ftl_meta_alloc_refs(struct FtlArena *a, FtlMeta *m, uint32_t n);
/* Gives r, made with an FtlRefMore, n type arguments and returns where to
 * write them, zeroed: in a, or in its FtlRefMore when n is 1
 * (ftl_ref_args). */
FtlType **ftl_ref_alloc_args(struct FtlArena *a, FtlRef *r, uint32_t n);

const char *ftl_decl_kind_name(FtlDeclKind k);
/* Whether d has a metadata item of kind k. */
int ftl_decl_has_meta(const FtlDecl *d, FtlMetaKind k);
const char *ftl_meta_kind_name(FtlMetaKind k); /* "calls", "database uses", … */
const char *ftl_prim_name(FtlTypeKind k);      /* "Int" … "Unit", NULL otherwise */

#endif
