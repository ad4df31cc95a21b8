/* breaking_int.h - what the files of the breaking-change engine share: one side of the
 * comparison indexed (BrkView, breaking_scope.c) and type references compared
 * (BrkTypes, breaking_types.c). Not installed; only breaking*.c include it.
 */
#ifndef FTLC_BREAKING_INT_H
#define FTLC_BREAKING_INT_H

#include "base/arena.h"
#include "base/map.h"
#include "realm/breaking.h"

/* The declarations compared fall in three classes; a declaration is matched with the
 * one of the same class, module and name on the other side. Configs, secrets and
 * databases are no API. */
typedef enum BrkClass { BRK_NOCLASS, BRK_TYPE, BRK_VERB, BRK_TOPIC } BrkClass;

BrkClass brk_class(FtlDeclKind k);

/* What the scope walk found out about one declaration of the compared realm. */
typedef struct BrkInfo {
    const FtlDecl *decl;
    int in_scope; /* a root of the scope, or reached from one through type positions */
    int root;
    int seed;      /* a type the local realm names itself: it flows both ways (realm update) */
    FtlBrkDir dir; /* through the verbs and topics in scope */
    /* how the scope walk first reached it: from parent, at a position of parent
     * (step: "request", "field", ...; name: the field's or variant's name or NULL) */
    const struct BrkInfo *parent;
    const char *step, *step_name;
    uint32_t depth; /* hops from its root */
} BrkInfo;

/* A module of the compared realm with its declarations by class and name. */
typedef struct BrkModule {
    const FtlModule *m;
    FtlMap by_class[4]; /* name -> FtlDecl*, for BRK_TYPE, BRK_VERB, BRK_TOPIC */
} BrkModule;

/* One side, indexed. */
typedef struct BrkView {
    const FtlBrkSide *side;
    FtlArena arena;
    FtlMap info;      /* FtlDecl* -> BrkInfo* (declarations of the compared realm) */
    FtlMap modules;   /* module name -> BrkModule* */
    FtlMap own;       /* FtlModule* -> BrkModule*: is a declaration in the compared realm */
    BrkModule **mods; /* in the realm's order, without the builtin module */
    uint32_t nmods;
} BrkView;

/* What is in scope: the declarations the visibility selects, or those given. */
typedef struct BrkRoots {
    FtlBrkScope scope;
    const FtlBrkUse *uses; /* when set, the roots (scope is not used) */
    uint32_t nuses;
} BrkRoots;

/* Indexes a side and walks its scope and directions (breaking_scope.c). */
void brk_view_init(BrkView *v, const FtlBrkSide *side, const BrkRoots *roots);
void brk_view_free(BrkView *v);
/* The declaration of class c named module.name, or NULL. */
const FtlDecl *brk_view_find(const BrkView *v, const char *module, const char *name, BrkClass c);
/* The info of a declaration of the compared realm, or NULL for other declarations. */
BrkInfo *brk_view_info(const BrkView *v, const FtlDecl *d);
/* The target of a type reference when it is a declaration, else NULL. */
const FtlDecl *brk_ref_decl(const FtlRef *r);
/* "reached from verb `m.withdraw` request field `account`" for a declaration reached
 * (not a root) into b; returns the root's name span (file 0 when not placed). */
FtlSpan brk_path_text(const BrkView *v, const BrkInfo *i, FtlBuf *b);
/* span when it points into schema text, else a span with file 0: the spans of
 * schemas read from protobuf files all point at their first byte. */
FtlSpan brk_placed(const BrkView *v, FtlSpan span);

/* ---- type references (breaking_types.c) ------------------------------------------------------ */

typedef enum BrkTypeDiff {
    BRK_TYPE_SAME,   /* the same reference: changes inside are reported elsewhere */
    BRK_TYPE_SOURCE, /* another spelling of what the wire carries (an alias, a rename) */
    BRK_TYPE_WIRE    /* what the wire carries differs */
} BrkTypeDiff;

typedef struct BrkPair BrkPair;

typedef struct BrkTypes {
    const BrkView *old, *fresh;
    FtlArena arena;
    FtlMap aliases; /* typealias decl -> what it resolves to (BrkResolved*) */
    FtlMap pairs;   /* old decl -> BrkPair list: structural comparisons made */
    /* the declarations whose type parameters the references being compared see */
    const FtlDecl *owner_old, *owner_new;
    unsigned depth;
} BrkTypes;

void brk_types_init(BrkTypes *t, const BrkView *old, const BrkView *fresh);
void brk_types_free(BrkTypes *t);
/* Compares a type of the old side (in declaration owner_old) with one of the new side. */
BrkTypeDiff brk_type_cmp(BrkTypes *t, const FtlType *a, const FtlType *b);
/* Whether a type is T? once aliases at its top are followed; *inner gets T. */
int brk_type_optional(BrkTypes *t, const FtlType *ty, const FtlType **inner);
/* A field's name on the wire: its +alias json, else its name (interned). */
const char *brk_wire_name(const BrkTypes *t, const FtlField *f);
/* m (initialised here) maps the fields of d by name, or by wire name. */
void brk_index_fields(const BrkTypes *t, FtlMap *m, const FtlDecl *d, int by_wire);
/* m (initialised here) maps the variants of d by name. */
void brk_index_variants(FtlMap *m, const FtlDecl *d);
/* Two variants of the same kind with the same value (type variants: always). */
int brk_same_value(const FtlVariant *x, const FtlVariant *y);
/* The type as text, references by their targets: `[accounts.Account]`, `Cents`, `m.T@bank`. */
void brk_type_text(FtlBuf *b, const FtlType *ty);

#endif
