/* diagcodes.h - the documentation of every diagnostic code: one table, the
 * source of `ftlc explain CODE`, of the man page ftlc-diagnostics(7) (made
 * from it at build time by tools/diagdoc) and of the help links of the JSON
 * and SARIF formats. tests/cli/diagcodes.sh checks that every code the
 * sources can emit has an entry, that every entry is emitted somewhere, and
 * that every example run reports its code.
 */
#ifndef FTLC_DIAGCODES_H
#define FTLC_DIAGCODES_H

#include "base/diag.h"
#include <stddef.h>

/* Where a help link of a code points: the section of ftlc-diagnostics(7)
 * titled with the code, as a man: URI (the scheme of man-db, yelp and KDE's
 * help browsers): "man:ftlc-diagnostics(7)#E0306". */
#define FTL_CODE_URI_PREFIX "man:ftlc-diagnostics(7)#"

/* Which commands report a code, and when. */
typedef enum FtlCodeScope {
    FTL_SCOPE_TEXT,      /* every command that reads schema text */
    FTL_SCOPE_ANY,       /* every command that reports diagnostics */
    FTL_SCOPE_MODULE,    /* the compiling commands, also for a module file alone */
    FTL_SCOPE_REALM,     /* the compiling commands, when they check a realm */
    FTL_SCOPE_PROTO,     /* the compiling commands, for the protobuf formats */
    FTL_SCOPE_PROJECT,   /* the commands that read ftl-project.toml */
    FTL_SCOPE_REALM_CMD, /* ftlc realm */
    FTL_SCOPE_INCLUDE,   /* the compiling commands, for -I */
    FTL_SCOPE_BREAKING,  /* ftlc breaking: the rule IDs of its findings */
    FTL_SCOPE_IMPORT,    /* ftlc import proto and grpc */
    FTL_SCOPE_IMPORT_PROTO,
    FTL_SCOPE_IMPORT_GRPC
} FtlCodeScope;

typedef struct FtlCodeDoc {
    const char *code;  /* "E0306" */
    const char *title; /* "duplicate declaration" */
    FtlSeverity sev;   /* what the code is reported as (before -W) */
    FtlCodeScope scope;
    const char *meaning; /* what it means: when it is reported */
    /* An example that triggers it: `ftlc ARGS` run in a folder holding the
     * example's files reports the code. The example text is the content of
     * FILE, then any further files, each after a line "-- NAME --" (Go's
     * txtar layout). NULL when the code needs a git repository or more than
     * a few lines of text (the meaning then says what triggers it); args is
     * NULL when the example is only shown, not run by the tests. */
    const char *file, *args, *example;
    const char *fix; /* how to fix it */
} FtlCodeDoc;

/* Every code, in code order. */
extern const FtlCodeDoc ftl_code_docs[];
extern const size_t ftl_ncode_docs;

/* The entry of a code (in any letter case: "e0306"), or NULL. */
const FtlCodeDoc *ftl_code_doc(const char *code);

/* "every command that reads schema text", ... (for "Reported by ..."). */
const char *ftl_code_scope_text(FtlCodeScope s);

/* The heading of the class of a code: "Syntax errors" for E02xx, ... */
const char *ftl_code_class(const char *code);

#endif
