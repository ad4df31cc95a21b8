/* schema.h - a compilation: input files merged into realms, resolved and
 * validated (VALIDATION in ftl-schema(5), ftlc-check(1)).
 *
 *   FtlSchema s;
 *   ftl_schema_init(&s, &arena, &interner, &diags, &sources);
 *   ftl_schema_add_file(&s, parsed_file);       // every input, in order
 *   ftl_schema_check(&s, &options);             // diagnostics into diags
 *   ftl_emit_ftl(&out, &s);                      // canonical text (ftlc-emit(1))
 *   ftl_schema_free(&s);
 */
#ifndef FTLC_SCHEMA_H
#define FTLC_SCHEMA_H

#include "base/arena.h"
#include "syntax/ast.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/intern.h"
#include "base/source.h"
#include "check/symtab.h"

struct FtlSchema;

typedef struct FtlCheckOptions {
    const char *realm; /* --realm: the local realm's name */
    /* -I: a module search path is given. Then module files join the local realm,
     * and a module that references name but no input defines is asked of
     * load_module: it returns 0 when the search path has no such module, 1 when
     * it has, with *file the file read into s (NULL when the file could not be
     * decoded: reported). The checker reads no file itself; the session's
     * loader (ftl_io_find_module) does. */
    int search;
    int (*load_module)(void *ctx, struct FtlSchema *s, const char *name, FtlFile **file);
    void *load_ctx;
    /* Where realm was given, when it comes from a file (the name in
     * ftl-project.toml): notes about the local realm point there. */
    FtlSpan realm_span;
} FtlCheckOptions;

typedef struct FtlSchema {
    FtlArena *arena;
    FtlInterner *in;
    FtlDiags *diags;
    FtlSources *src;
    FtlFile **files;
    uint32_t nfiles, capfiles;
    /* Only module files and no realm: each module is validated on its own with
     * the module-level rules, exactly as upstream validates a module file. */
    int module_mode;
    FtlModule **modfiles; /* module mode: the modules, in input order */
    uint32_t nmodfiles, capmodfiles;
    FtlRealm *local;   /* the one internal realm (NULL in module mode) */
    FtlRealm **realms; /* every realm, local first where it first appeared */
    uint32_t nrealms, caprealms;
    FtlModule *builtin;   /* the builtin module (ftl-schema(5)) */
    FtlMap broken;        /* modules whose -I file was reported: references stay quiet */
    uint32_t loaded_from; /* first file id loaded through -I */
    /* The canonical copies of the modules a view has open (canon.h), emptied
     * when the last is closed, so that writing a schema never holds a
     * canonical copy of all of it beside the tree; canon_open counts them. */
    FtlArena canon_scratch;
    int canon_open;
    /* interned names the checker compares against */
    const char *n_builtin, *n_http, *n_ingress_req, *n_ingress_resp, *n_catch_req, *n_failed_event,
        *n_ref;
} FtlSchema;

void ftl_schema_init(FtlSchema *s, FtlArena *arena, FtlInterner *in, FtlDiags *diags,
                     FtlSources *src);
void ftl_schema_free(FtlSchema *s);
void ftl_schema_add_file(FtlSchema *s, FtlFile *f);
/* Merges, resolves and validates; returns the number of errors. */
unsigned ftl_schema_check(FtlSchema *s, const FtlCheckOptions *o);

/* The canonical text of the validated schema (ftlc-emit(1)): builtin module
 * first in every realm, references qualified, dead-letter topics generated,
 * declarations and verb metadata sorted; module files as in ftlc-emit(1), Module files. */
void ftl_emit_ftl(FtlBuf *out, FtlSchema *s);

/* Names the language reserves (ftl-schema(5), Keywords): Go keywords cannot name a module
 * (N1), the eight primitive type names cannot name a declaration (N2). */
int ftl_is_go_keyword(const char *name);
int ftl_is_primitive_name(const char *name);
/* N3: a topic's name starts with a lower-case letter (check_decl.c). */
int ftl_is_topic_name(const char *s);

#endif
