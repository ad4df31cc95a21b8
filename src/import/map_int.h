/* map_int.h - what the passes of the mapping share (map.c reaches, map_names.c
 * names, map_build.c builds). */
#ifndef FTLC_IMPORT_MAP_INT_H
#define FTLC_IMPORT_MAP_INT_H

#include "import/import.h"

typedef Google__Protobuf__FieldDescriptorProto__Type FtlPbType;

typedef struct FtlImpMap {
    FtlDsPool *p;
    const FtlImportOptions *o;
    const FtlImpContext *cx;
    FtlImpModel *m;
    unsigned errors;
    FtlMap decls;    /* FtlDsSym -> FtlImpDecl: the messages and enums reached */
    FtlDsSym **todo; /* the same, in the order reached */
    uint32_t ntodo, captodo;
    FtlMap modules;      /* interned package -> FtlImpModule */
    FtlDsSym **services; /* the services imported, by full name */
    uint32_t nservices;
    /* What the descriptors did not provide, for the note at the end. */
    int no_comments, no_json, guessed_optional, relative;
} FtlImpMap;

#define FTL_NOWHERE ((FtlSpan){0, 0, 0})

/* An error (counted) or a warning of the mapping. */
FtlDiag *ftl_imp_error(FtlImpMap *c, FtlSpan at, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define ftl_imp_warn(c, at, code, ...) ftl_warning((c)->cx->diags, at, code, __VA_ARGS__)

/* Where the element at path of file f is in its .proto text (no position when the
 * descriptors have no source info or the text is not found). */
FtlSpan ftl_imp_span(FtlImpMap *c, FtlDsFile *f, const char *path);

/* The comments of the element at path: its leading comment, its trailing one
 * when trailing is set, then the line extra (if not NULL). */
FtlImpComments ftl_imp_comments(FtlImpMap *c, FtlDsFile *f, const char *path, int trailing,
                                const char *extra);

/* The FTL type of a well-known type ("Time", "String?", ...), or NULL. */
const char *ftl_imp_wkt(const FtlDsSym *s);
/* The FTL type of a scalar field type, or NULL for messages, groups and enums. */
const char *ftl_imp_scalar(FtlPbType t);
/* The name of a field type in descriptor.proto's spelling ("uint64", "message"). */
const char *ftl_imp_type_name(FtlPbType t);
/* The message or enum a field names (NULL for scalars and unresolved names; the
 * reach pass reports those, with report set). */
FtlDsSym *ftl_imp_field_sym(FtlImpMap *c, const FtlPbField *f, const FtlDsSym *owner, int report);
int ftl_imp_is_map_entry(const FtlDsSym *s);
/* The message an RPC takes or returns (type as the method says it), or NULL. */
FtlDsSym *ftl_imp_method_sym(FtlImpMap *c, const FtlDsSym *svc, const FtlPbMethod *m,
                             const char *type);
/* "/package.Service/Method" */
const char *ftl_imp_grpc_path(FtlImpMap *c, const FtlDsSym *svc, const FtlPbMethod *m);
const char *ftl_imp_streaming(const FtlPbMethod *m);

/* The passes after reaching. */
void ftl_imp_name_all(FtlImpMap *c);
void ftl_imp_build_all(FtlImpMap *c);

#endif
