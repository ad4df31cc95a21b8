/* index.h - what the queries of a compilation read (index.c builds it once per
 * compile, on the first query; query.c and tokens.c answer from it). */
#ifndef FTLC_SES_INDEX_H
#define FTLC_SES_INDEX_H

#include "session/session_int.h"

/* One symbol; its id is its index + 1. */
typedef struct SesSym {
    FtlSymbolKind kind;
    FtlSymbolId parent;
    FtlSymbolId owner; /* the declaration it belongs to (itself for one), else itself */
    const char *name, *realm, *module;
    const void *node; /* FtlRealm, FtlModule, FtlDecl, FtlField, FtlVariant, FtlTypeParam */
    const FtlComments *comments;
    FtlSpan span, name_span;
    int external, vis;
    const char *detail; /* made on demand */
} SesSym;

/* What a reference names: the part of `module.Name@realm` a token is. */
typedef enum SesPart { SES_PART_NAME, SES_PART_MODULE, SES_PART_REALM } SesPart;

typedef struct SesRef {
    FtlSpan span; /* as reported: the reference as written, without type arguments */
    FtlSpan tok;  /* the identifier token it is about */
    FtlReferenceKind kind;
    SesPart part;
    FtlSymbolId target;
    FtlSymbolId from;  /* the innermost symbol it is written in */
    FtlSymbolId owner; /* that symbol's declaration (or module, realm) */
} SesRef;

/* A realm block: one realm may be written in several blocks and files. */
typedef struct SesBlock {
    FtlSymbolId realm;
    FtlSpan span, name_span;
} SesBlock;

typedef struct SesIndex {
    SesSym *syms;
    uint32_t nsyms, capsyms;
    SesRef *refs;
    uint32_t nrefs, caprefs;
    SesBlock *blocks;
    uint32_t nblocks, capblocks;
    FtlMap by_node; /* tree node -> symbol id */
    FtlMap realms;  /* interned realm name -> symbol id */
    /* sorted views, index arrays */
    uint32_t *syms_by_pos;           /* symbol ids by (file, start, end descending) */
    uint32_t *refs_by_pos;           /* ref indices by (file, span start, span end) */
    uint32_t *refs_by_tok;           /* ref indices by (file, token start) */
    uint32_t *by_target, *target_at; /* refs of each symbol: by_target[target_at[id-1] ..] */
    uint32_t *by_owner, *owner_at;   /* refs written in each symbol (as owner) */
    uint32_t *children, *child_at;   /* child symbol ids of each symbol, in position order */
    uint32_t *sorted;                /* declarations by realm, module, name (ftl_session_symbols) */
    uint32_t nsorted;
} SesIndex;

/* The symbol with id (valid: 1..nsyms). */
static inline SesSym *ses_sym(const SesIndex *x, FtlSymbolId id)
{
    return id && id <= x->nsyms ? &x->syms[id - 1] : NULL;
}

/* Sorts ids by cmp: a stable merge sort that costs one pass when they are
 * already in order (the walks of index.c produce document order, but for few
 * exceptions). */
typedef int (*SesIdCmp)(const SesIndex *x, uint32_t a, uint32_t b);
void ses_sort_ids(const SesIndex *x, uint32_t *ids, uint32_t n, SesIdCmp cmp);

/* The public form of a symbol; strings in the compilation's arena. */
void ses_symbol_out(SesComp *c, SesIndex *x, FtlSymbolId id, FtlSymbol *out);
FtlReference ses_ref_out(const SesComp *c, const SesRef *r);

#endif
