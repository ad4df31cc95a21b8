/* import.h - protobuf services as an FTL realm (ftlc import, ftlc-import(1)).
 *
 * The mapping reads a descriptor pool (descset.h) and builds a model: modules
 * (one per package), data (messages), enums and verbs (unary RPCs), each with
 * its FTL name and the protobuf element it stands for. The model is written as
 * FTL schema text (a realm block, which the session API compiles, checks and
 * turns into the realm's public schema as for ftlc export) and as the JSON
 * description a gRPC proxy needs (--mapping-out).
 *
 *   FtlImpModel m;
 *   FtlImportOptions o = {.realm = "fx"};
 *   if (ftl_imp_map(&pool, &o, &ctx, &m) == 0)
 *       ftl_imp_write_ftl(&text, &m);
 *
 * ftl_imp_run does all of it for a request of ftlc.h (ftl_session_import).
 *
 * Problems are diagnostics (E0620-E0629, W0620-W0629), located in the .proto
 * file when the descriptors carry source info and its text can be found.
 */
#ifndef FTLC_IMPORT_H
#define FTLC_IMPORT_H

#include "base/buf.h"
#include "base/diag.h"
#include "ftlc.h"
#include "import/descset.h"

typedef struct FtlImportOptions {
    const char *realm;               /* the realm's name (an identifier) */
    const char *const *module_names; /* --module-name PKG=NAME, as given */
    int nmodule_names;
    const char *const *services; /* --service: full names of the services to import */
    int nservices;
    /* Who provided the descriptors, for the note on what they lack: "the server",
     * "the descriptor set". */
    const char *origin;
} FtlImportOptions;

/* Where diagnostics go and how a descriptor file's text is found: source
 * returns the FtlSources id of the .proto text of f (loading it), or 0. */
typedef struct FtlImpContext {
    FtlDiags *diags;
    FtlSources *src;
    uint32_t (*source)(void *ctx, FtlDsFile *f);
    void *source_ctx;
} FtlImpContext;

typedef struct FtlImpComments {
    const char **lines;
    uint32_t n;
} FtlImpComments;

typedef struct FtlImpField {
    const char *name;       /* the FTL field: the proto JSON name */
    const FtlPbField *fd;   /* the proto field */
    const char *json_name;  /* as protobuf's JSON mapping spells it */
    int json_alias;         /* the name differs and json_name is UTF-8: +alias json keeps it */
    const char *type;       /* FTL type text: "billing.Invoice?" */
    const char *proto_type; /* the element type: "string", "uint64",
                               ".acme.common.v1.Money"; for a map, its value type */
    const char *map_key;    /* a map's key type ("string"), or NULL */
    int repeated;           /* a repeated field that is not a map */
    const char *oneof;      /* the oneof it belongs to (not proto3 optional), or NULL */
    FtlImpComments comments;
} FtlImpField;

typedef struct FtlImpValue {
    const char *name; /* the variant */
    const char *proto_name;
    int32_t number;
    FtlImpComments comments;
} FtlImpValue;

/* In canonical order (ftlc-emit(1), CANONICAL TEXT): type aliases, enums, data, verbs. */
typedef enum FtlImpKind { FTL_IMP_ALIAS, FTL_IMP_ENUM, FTL_IMP_DATA, FTL_IMP_VERB } FtlImpKind;

typedef struct FtlImpDecl {
    FtlImpKind kind;
    const char *name;
    const FtlDsSym *sym; /* the message or enum; for a verb, its service */
    const char *alias;   /* a well-known type imported on its own: its FTL type */
    FtlImpComments comments;
    FtlImpField *fields; /* data */
    uint32_t nfields;
    FtlImpValue *values; /* enums */
    uint32_t nvalues;
    const FtlPbMethod *method;      /* verbs */
    const char *grpc_path;          /* "/acme.billing.v1.Billing/GetInvoice" */
    const char *request, *response; /* FTL type texts */
    const FtlDsSym *req_sym, *resp_sym;
} FtlImpDecl;

typedef struct FtlImpModule {
    const char *name;
    const char *package;
    FtlImpComments comments;
    FtlImpDecl **decls;
    uint32_t ndecls;
} FtlImpModule;

typedef struct FtlImpSkipped {
    const char *grpc_path;
    const char *why; /* "client streaming", "server streaming", "bidirectional streaming" */
} FtlImpSkipped;

typedef struct FtlImpModel {
    const char *realm;
    FtlImpModule **modules; /* sorted by name */
    uint32_t nmodules;
    FtlImpSkipped *skipped; /* sorted by method */
    uint32_t nskipped;
} FtlImpModel;

/* Maps what the pool holds: the services given in o (else those of the root
 * files; else, when the root files have none, their messages and enums) and
 * every type they reach. The model lives in the pool's arena. Returns the number
 * of errors reported; the model is complete only when it is 0. */
unsigned ftl_imp_map(FtlDsPool *p, const FtlImportOptions *o, const FtlImpContext *cx,
                     FtlImpModel *m);

/* The model as FTL schema text: 'realm NAME { module ... }', every declaration
 * 'export realm'. */
void ftl_imp_write_ftl(FtlBuf *out, const FtlImpModel *m);

/* The name of the model's FTL text among the sources (diagnostics show it). */
#define FTL_IMP_SOURCE "<import>"

/* What an import reads into and reports to: a compilation's arena, names,
 * sources and diagnostics. */
typedef struct FtlImpEnv {
    FtlArena *arena;
    FtlInterner *in;
    FtlSources *src;
    FtlDiags *diags;
} FtlImpEnv;

/* ftl_import_request_problem (ftlc.h). */
const char *ftl_imp_request_problem(const FtlImportRequest *req, char *buf, size_t size);

/* One import up to its text (import_run.c): the descriptors req names, mapped
 * into the realm named realm, written as FTL text (ftl_imp_write_ftl) to text
 * and as the proxy's JSON (ftl_imp_write_mapping) to mapping. The .proto texts
 * that diagnostics point into, and the descriptor sets read, become sources of
 * env->src. FTL_OK; FTL_ERRORS (diagnostics say why); FTL_EIO with a sentence
 * in err (an input that cannot be read, protoc that cannot run, the reflection
 * helper's failure). */
FtlStatus ftl_imp_run(const FtlImpEnv *env, const FtlImportRequest *req, const char *realm,
                      FtlBuf *text, FtlBuf *mapping, char *err, size_t errsz);

/* The model as the JSON a proxy reads (--mapping-out; ftlc-import(1)). */
void ftl_imp_write_mapping(FtlBuf *out, const FtlImpModel *m);

/* A JSON string (jansson's) of s; descriptors from a hostile server may hold
 * bytes that are not UTF-8, which jansson refuses: those become U+FFFD. NULL
 * is "". */
struct json_t *ftl_imp_json_string(const char *s);

#endif
