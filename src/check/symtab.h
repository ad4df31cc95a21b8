/* symtab.h - the symbol tables of a compilation: per realm, module name ->
 * module; per module, declaration name -> declaration. Built once before any
 * reference is resolved (schema.c drives it); the checks only look names up. */
#ifndef FTLC_SYMTAB_H
#define FTLC_SYMTAB_H

#include "base/arena.h"
#include "base/diag.h"
#include "syntax/ast.h"

/* The table of module m: declaration names, with E0306 (same kind, same
 * name) reported and D12 of ftlc-check(1) applied (a name shared by kinds
 * resolves to the first in canonical order). Sets each declaration's module.
 * The table is in arena a, sized for the declarations (ftl_map_cap_for). */
void ftl_symtab_module(FtlDiags *d, FtlArena *a, FtlModule *m);
/* Enters the declaration at index i of m's decls, a name not in m's table yet
 * (a generated one), growing the table from arena a when it is half full. */
void ftl_symtab_add(FtlArena *a, FtlModule *m, uint32_t i);
/* The table of realm r: module names, with E0305 reported. Sets each
 * module's realm, except builtin's (shared by every realm). In arena a. */
void ftl_symtab_realm(FtlDiags *d, FtlArena *a, FtlRealm *r, const FtlModule *builtin);
void ftl_symtab_free_module(FtlModule *m);

/* The declaration named name in module m (first in canonical order); NULL for
 * none or m NULL. */
FtlDecl *ftl_module_lookup(const FtlModule *m, const char *name);
/* The module named name in realm r; NULL for none or r NULL. */
FtlModule *ftl_realm_lookup(const FtlRealm *r, const char *name);

#endif
