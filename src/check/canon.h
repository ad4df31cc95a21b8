/* canon.h - the canonical view of a validated schema (ftlc-emit(1)).
 *
 * Every emitter prints the same view: the text printer (ftlc emit --format ftl),
 * the protobuf conversion (txtpb, json, binpb) and the public schema (ftlc
 * export), which filters it. The tree itself is never changed, and a view is
 * lazy: its modules are the tree's own (or, in the public view, copies that
 * list only the declarations it keeps), each put in canonical order only while
 * it is read (ftl_canon_open), in scratch memory taken back when it is closed.
 */
#ifndef FTLC_CANON_H
#define FTLC_CANON_H

#include "check/schema.h"
#include "syntax/fmt.h"

typedef struct FtlCanonView {
    /* References are qualified as in a module file (module mode,
     * where builtin names stay as written). */
    int module_file;
    /* When modules is set the view is a list of modules, printed as module
     * files (module mode, or emit --module); otherwise it is the realms, in
     * input order, the builtin module first in each. */
    FtlModule **modules;
    uint32_t nmodules;
    FtlRealm **realms;
    uint32_t nrealms;
    /* The schema whose modules these are: they are read through
     * ftl_canon_open, which copies each into its canon_scratch. */
    FtlSchema *schema;
    /* What ftl_canon_open makes of a module, in a: NULL for its canonical
     * order (ftl_canon_module); the public view's also strips it (public.c). */
    FtlModule *(*make)(FtlSchema *s, const FtlModule *m, FtlArena *a);
} FtlCanonView;

/* The canonical view of a schema that ftl_schema_check accepted: lazy, so
 * making it costs nothing and it needs no freeing. */
void ftl_canon_view(FtlSchema *s, FtlCanonView *v);

/* A module of v in canonical order, to be read until ftl_canon_close(v): a
 * canonical copy of m in the schema's canon_scratch (the builtin module is
 * its own). Every reader of a view reads its
 * modules through these two, one module at a time: 20 MB of schema held
 * 8.5 MB of canonical copies when the view was made whole, as emit went on to
 * write it. Opens nest: the scratch is emptied when the last is closed. */
const FtlModule *ftl_canon_open(const FtlCanonView *v, const FtlModule *m);
void ftl_canon_close(const FtlCanonView *v);

/* Keeps only the modules named name (emit --module): the view becomes a list of
 * modules, still qualified as before. */
void ftl_canon_view_only(FtlSchema *s, FtlCanonView *v, const char *name);

/* A module in canonical order, its copies in a: declarations sorted by kind
 * and name, verb metadata sorted (ftlc-emit(1)). The builtin module is
 * returned as it is. */
FtlModule *ftl_canon_module(FtlSchema *s, const FtlModule *m, int module_file, FtlArena *a);

/* The module and realm qualifiers of a reference as canonical text prints
 * them (NULL when none is printed): `module.Name` for a declaration,
 * `builtin.Name` for a builtin one (as written in a module file), `@realm`
 * only for a reference into another realm (a suffix naming the enclosing realm
 * is dropped, W0501). */
void ftl_canon_ref(const FtlSchema *s, int module_file, const FtlRef *r, const char **module,
                   const char **realm);

/* Prints one declaration of a checked schema as canonical text prints it:
 * references qualified, a verb's metadata sorted (ftlc-emit(1), CANONICAL TEXT). */
void ftl_emit_decl(FtlBuf *out, FtlSchema *s, const FtlDecl *d);

/* Prints a view as canonical schema text (CANONICAL LAYOUT in ftl-schema(5))
 * into out or, with a drain, to it in pieces (ftl_fmt_file). Returns 0, or -1
 * when the drain failed. */
int ftl_emit_view(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlFmtDrain drain, void *ctx);

#endif
