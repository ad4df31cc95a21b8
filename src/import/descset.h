/* descset.h - a pool of protobuf file descriptors with every message, enum and
 * service indexed by its full name.
 *
 * Files come from FileDescriptorSets (protoc --descriptor_set_out, .pb/.binpb/.desc
 * files) and from single FileDescriptorProtos (gRPC server reflection); the
 * bindings are protoc-c's for google/protobuf/descriptor.proto. The pool resolves
 * type names the way protoc does (google/protobuf/descriptor.proto, on
 * FieldDescriptorProto.type_name: ".a.B" is absolute, anything else is looked up
 * from the innermost scope outwards), because servers that rebuild descriptors
 * (@grpc/reflection re-encodes what @grpc/proto-loader rebuilt through
 * protobufjs) send relative names. Each element's source
 * location (SourceCodeInfo, when the descriptors carry it) is found by its path.
 *
 *   FtlDsPool p;
 *   ftl_ds_init(&p, &arena, &interner);
 *   ftl_ds_add_set(&p, bytes, len, FTL_DS_ROOTS, err, sizeof err);
 *   const FtlDsSym *t = ftl_ds_resolve(&p, field->type_name, "acme.billing.v1.Invoice");
 *   ftl_ds_free(&p);
 */
#ifndef FTLC_DESCSET_H
#define FTLC_DESCSET_H

#include "base/arena.h"
#include "base/intern.h"
#include "base/map.h"
#include "base/source.h"
#include "google/protobuf/descriptor.pb-c.h"

#include <stddef.h>
#include <stdint.h>

typedef Google__Protobuf__FileDescriptorProto FtlPbFile;
typedef Google__Protobuf__DescriptorProto FtlPbMessage;
typedef Google__Protobuf__FieldDescriptorProto FtlPbField;
typedef Google__Protobuf__OneofDescriptorProto FtlPbOneof;
typedef Google__Protobuf__EnumDescriptorProto FtlPbEnum;
typedef Google__Protobuf__EnumValueDescriptorProto FtlPbEnumValue;
typedef Google__Protobuf__ServiceDescriptorProto FtlPbService;
typedef Google__Protobuf__MethodDescriptorProto FtlPbMethod;
typedef Google__Protobuf__SourceCodeInfo__Location FtlPbLocation;

/* Field numbers of descriptor.proto that make up source location paths. */
enum {
    FTL_DS_PATH_PACKAGE = 2,     /* FileDescriptorProto.package */
    FTL_DS_PATH_MESSAGE = 4,     /* FileDescriptorProto.message_type */
    FTL_DS_PATH_ENUM = 5,        /* FileDescriptorProto.enum_type */
    FTL_DS_PATH_SERVICE = 6,     /* FileDescriptorProto.service */
    FTL_DS_PATH_FIELD = 2,       /* DescriptorProto.field */
    FTL_DS_PATH_NESTED = 3,      /* DescriptorProto.nested_type */
    FTL_DS_PATH_NESTED_ENUM = 4, /* DescriptorProto.enum_type */
    FTL_DS_PATH_VALUE = 2,       /* EnumDescriptorProto.value */
    FTL_DS_PATH_METHOD = 2       /* ServiceDescriptorProto.method */
};

typedef struct FtlDsFile {
    const FtlPbFile *fd;
    const char *name;    /* interned: "acme/billing/v1/billing.proto" */
    const char *package; /* interned; "" when the file has none */
    int root;            /* given by the user (not only imported) */
    uint32_t source;     /* the FtlSources id of its text, 0 when not loaded */
    int source_tried;    /* the text was looked for */
    FtlMap locs;         /* interned path key ("4.0.2.1") -> const FtlPbLocation * */
} FtlDsFile;

typedef enum FtlDsKind { FTL_DS_MESSAGE = 1, FTL_DS_ENUM, FTL_DS_SERVICE } FtlDsKind;

typedef struct FtlDsSym {
    FtlDsKind kind;
    const char *full;  /* interned, without the leading dot: "acme.billing.v1.Invoice.Line" */
    const char *local; /* the part after the package: "Invoice.Line" */
    const char *scope; /* where its own relative names start: itself for a message */
    uint32_t depth;    /* 0 at the top of the file, 1 nested once, ... */
    FtlDsFile *file;
    const void *desc; /* FtlPbMessage, FtlPbEnum or FtlPbService */
    const char *path; /* interned source location path key */
    uint32_t seq;     /* the order it was added in */
} FtlDsSym;

typedef struct FtlDsPool {
    FtlArena *arena;
    FtlInterner *in;
    FtlDsFile **files;
    uint32_t nfiles, capfiles;
    FtlMap by_file; /* interned file name -> FtlDsFile */
    FtlMap by_name; /* interned full name -> FtlDsSym */
    FtlDsSym **syms;
    uint32_t nsyms, capsyms;
    ProtobufCMessage **owned; /* unpacked messages, freed with the pool */
    uint32_t nowned, capowned;
} FtlDsPool;

void ftl_ds_init(FtlDsPool *p, FtlArena *arena, FtlInterner *in);
void ftl_ds_free(FtlDsPool *p);

/* Flags of ftl_ds_add_set. */
#define FTL_DS_ROOTS 0x1u /* files that no other file of the set imports are roots */

/* Adds the files of a binary FileDescriptorSet. A file whose name the pool has
 * already is skipped, and so is a symbol defined before. Returns the number of
 * files added, or -1 with a message in err when the bytes are no FileDescriptorSet. */
int ftl_ds_add_set(FtlDsPool *p, const void *data, size_t len, unsigned flags, char *err,
                   size_t errsz);
/* Adds one binary FileDescriptorProto. Returns 1 when added, 0 when a file of that
 * name is present already, -1 with a message in err when the bytes are no
 * FileDescriptorProto. */
int ftl_ds_add_file(FtlDsPool *p, const void *data, size_t len, char *err, size_t errsz);

FtlDsFile *ftl_ds_file(const FtlDsPool *p, const char *name);
/* The symbol with full name (no leading dot), or NULL. */
FtlDsSym *ftl_ds_lookup(const FtlDsPool *p, const char *full);
/* Resolves a type name written in scope (a full name; "" for the top): ".a.B" is
 * absolute; "B" or "x.B" is tried in scope, then in each enclosing scope, then at
 * the top. NULL when nothing matches. */
FtlDsSym *ftl_ds_resolve(const FtlDsPool *p, const char *name, const char *scope);

/* The source location at a path key of file f, or NULL. */
const FtlPbLocation *ftl_ds_location(const FtlDsFile *f, const char *path);
/* The path key of a child: parent "4.0", field 2, index 3 -> "4.0.2.3" (interned). */
const char *ftl_ds_child_path(const FtlDsPool *p, const char *parent, int field, size_t index);

/* The byte offset of a protobuf position in a source: line and column
 * 0-based as protoc counts them (SourceCodeInfo spans; error messages count
 * from 1), where a tab advances the column to the next multiple of 8 (protoc's
 * Tokenizer). Clamped to the end of the line and of the text. */
uint32_t ftl_ds_offset(const FtlSource *f, int line, int column);

#endif
