/* check_int.h - shared by the checker's files (schema.c, resolve.c, check_*.c). */
#ifndef FTLC_CHECK_INT_H
#define FTLC_CHECK_INT_H

#include "check/schema.h"

/* Where a reference appears; decides which rules apply to it (E0504, E0312, …). */
typedef enum Site {
    SITE_TYPE,    /* any type position */
    SITE_CS_TYPE, /* the type of a config or secret (no cross-realm references) */
    SITE_CALLS,
    SITE_CONFIG,
    SITE_SECRETS,
    SITE_DATABASES,
    SITE_PUBLISH,
    SITE_SUBSCRIBE,
    SITE_CATCH
} Site;

typedef struct Ctx {
    FtlSchema *s;
    FtlDiags *d;
    int mpass;       /* module-level rules only (module mode) */
    FtlRealm *realm; /* NULL in module mode */
    FtlModule *module;
    FtlDecl *decl; /* the declaration being checked (type parameters) */
    /* module mode: report a reference that names nothing in the module or the
     * builtin module (set per reference; off where a rule of the module pass
     * has its own error for it: ingress types E0406, catch verbs E0414) */
    int report_local;
    int in_ingress; /* resolving the request or response of an +ingress verb */
    /* module mode: the first reference to each other module, which a module
     * file alone cannot check (in the order met) */
    FtlMap unchecked_seen;
    FtlRef **unchecked;
    uint32_t nunchecked;
} Ctx;

/* ftl_report_at, ftl_error_at and FTL_HEAD are diag.h's. */

/* resolve.c */
void ftl_resolve_module(Ctx *c, FtlModule *m);
/* Module mode: one note per other module that references of m name, which
 * only the realm (or -I) can check; frees what the resolution kept for it. */
void ftl_note_unchecked(Ctx *c);
const char *ftl_site_name(Site s);
/* "verb", "data", … for messages about a reference's target. */
const char *ftl_ref_kind_word(const FtlRef *r);
/* The reference as written, type arguments included. */
void ftl_ref_text(FtlBuf *b, const FtlRef *r);
/* Resolves a type through typealiases to its underlying type (NULL on a cycle
 * or an unresolved reference). */
const FtlType *ftl_unalias(const FtlType *t);
int ftl_is_builtin_decl(const FtlSchema *s, const FtlDecl *d, const char *name);
/* Structural equality of resolved types (D7 in ftlc-check(1)). */
int ftl_type_equal(const FtlType *a, const FtlType *b);
void ftl_type_text(FtlBuf *b, const FtlType *t); /* absolute form, for messages */

/* check_decl.c */
/* The fix-it "mark 'm.D' as 'export'" ('export realm'): an edit of the
 * declaration's visibility, or an insertion before its keyword. */
void ftl_fixit_visibility(FtlDiag *g, const FtlSources *src, const FtlDecl *d, FtlVis want);
void ftl_check_module_decls(Ctx *c, FtlModule *m);
void ftl_check_visibility(Ctx *c, FtlRealm *r);
/* D15 (ftlc-check(1)) over the modules of one realm (or the module files), in checking order,
 * once their references are resolved: one walk per alias, linear in the schema. */
void ftl_check_alias_cycles(Ctx *c, FtlModule *const *mods, uint32_t n);

/* check_verb.c */
void ftl_check_module_verbs(Ctx *c, FtlModule *m);
void ftl_check_routes(Ctx *c, FtlRealm *r);
void ftl_check_datasources(Ctx *c, FtlRealm *r);

/* check_realm.c */
void ftl_check_cycles(Ctx *c, FtlRealm *r);
void ftl_check_federation(Ctx *c, FtlRealm *local);

/* "did you mean" over a set of names: the closest within a small edit distance. */
const char *ftl_closest(const char *name, const char *const *cands, size_t n);

#endif
