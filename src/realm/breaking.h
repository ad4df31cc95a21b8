/* breaking.h - breaking changes between two versions of a realm's API (ftlc breaking
 * through ftl_session_breaking of include/ftlc.h, src/session/breaking.c; and what
 * `ftlc realm update` tells about a realm it moves).
 *
 *   FtlBrkSide old = {&old_schema, old_schema.local}, fresh = {&new_schema, new_schema.local};
 *   FtlBrkOptions o = {FTL_BRK_SCOPE_REALM, FTL_BRK_CAT_ALL, 0};
 *   FtlBrkReport r;
 *   ftl_brk_compare(&r, &old, &fresh, &o);        // findings, in a stable order
 *   ftl_brk_to_diags(&r, &diags, FTL_SEV_ERROR);  // one error per finding, rule ID as code
 *   ftl_brk_report_free(&r);
 *
 * Both schemas are checked compilations that share one interner (names compare by
 * pointer) and one source set (a finding may point into either). Only the realm of a
 * side is compared: external realms are other people's APIs.
 *
 * The rules and their precise semantics are in man/ftlc-breaking.1; the table of rule
 * IDs and categories is breaking_rules.c, the scope and the direction of every type
 * breaking_scope.c, type references breaking_types.c, the comparison breaking.c and
 * the report breaking_report.c.
 */
#ifndef FTLC_BREAKING_H
#define FTLC_BREAKING_H

#include "base/buf.h"
#include "base/diag.h"
#include "check/schema.h"
#include "realm/git.h"
#include "realm/project.h"

#include <stdint.h>

/* ---- rules ----------------------------------------------------------------------------------- */

typedef enum FtlBrkRule {
    FTL_BRK_VERB_NO_DELETE,
    FTL_BRK_DECL_NO_DELETE,
    FTL_BRK_DECL_SAME_KIND,
    FTL_BRK_VERB_SAME_REQUEST,
    FTL_BRK_VERB_SAME_RESPONSE,
    FTL_BRK_TYPE_SAME_PARAMETERS,
    FTL_BRK_FIELD_NO_DELETE,
    FTL_BRK_FIELD_SAME_TYPE,
    FTL_BRK_FIELD_SAME_JSON_NAME,
    FTL_BRK_FIELD_NO_REQUIRED_ADD,
    FTL_BRK_FIELD_SAME_OPTIONALITY,
    FTL_BRK_ENUM_SAME_KIND,
    FTL_BRK_ENUM_VALUE_NO_DELETE,
    FTL_BRK_ENUM_VALUE_SAME_VALUE,
    FTL_BRK_ENUM_VALUE_NO_ADD_OUT,
    FTL_BRK_TOPIC_SAME_EVENT,
    FTL_BRK_REALM_SAME_NAME,
    FTL_BRK__COUNT
} FtlBrkRule;

/* WIRE: callers break at run time (the JSON they send or receive no longer fits).
 * SOURCE: generated clients no longer build, though the wire still fits. */
typedef enum FtlBrkCategory { FTL_BRK_WIRE = 1, FTL_BRK_SOURCE = 2 } FtlBrkCategory;
#define FTL_BRK_CAT_ALL (FTL_BRK_WIRE | FTL_BRK_SOURCE)

/* Every rule, in the order of FtlBrkRule (ftl_breaking_rules of ftlc.h). */
const FtlBreakingRule *ftl_brk_rules(void);
/* The rule's ID ("FIELD_NO_DELETE"). */
const char *ftl_brk_rule_id(FtlBrkRule r);
/* "WIRE", "SOURCE", or "WIRE/SOURCE" for rules whose category depends on the change. */
const char *ftl_brk_rule_categories(FtlBrkRule r);
/* The rule with this ID (case-insensitive); -1 for none. */
int ftl_brk_rule_parse(const char *id);
const char *ftl_brk_category_name(FtlBrkCategory c); /* "WIRE", "SOURCE" */

/* ---- directions ------------------------------------------------------------------------------ */

/* How a type flows through the verbs and topics in scope: as (part of) a request (IN),
 * of a response or topic event (OUT), or both. NONE: no verb or topic reaches it. */
typedef enum FtlBrkDir {
    FTL_BRK_NONE = 0,
    FTL_BRK_IN = 1,
    FTL_BRK_OUT = 2,
    FTL_BRK_BOTH = 3
} FtlBrkDir;

const char *ftl_brk_dir_name(FtlBrkDir d); /* "NONE", "IN", "OUT", "BOTH" */

/* ---- comparing ------------------------------------------------------------------------------- */

typedef enum FtlBrkScope {
    FTL_BRK_SCOPE_REALM,  /* what other realms can use: 'export realm' and what it reaches */
    FTL_BRK_SCOPE_MODULE, /* also what other modules can use: 'export' */
    FTL_BRK_SCOPE_ALL     /* every declaration */
} FtlBrkScope;

/* "realm", "module", "all" -> scope; -1 for anything else. */
int ftl_brk_scope_parse(const char *name);

/* One version of the API: a checked schema and the realm of it that is compared (its
 * local realm, or an external realm for realm update); realm NULL compares the module
 * files of a schema checked in module mode. */
typedef struct FtlBrkSide {
    FtlSchema *schema;
    FtlRealm *realm;
} FtlBrkSide;

/* A declaration of an external realm that the local realm uses (realm update): a verb
 * it calls, or a type its own declarations name. Names are interned. */
typedef struct FtlBrkUse {
    const char *module, *name;
    int verb;
} FtlBrkUse;

/* The declarations of realm ext that realm local uses, in the order of local's
 * declarations; *uses is malloc'd (free it). Both realms belong to one checked schema. */
uint32_t ftl_brk_uses(const FtlRealm *local, const FtlRealm *ext, FtlBrkUse **uses);

typedef struct FtlBrkOptions {
    FtlBrkScope scope;
    unsigned categories; /* FtlBrkCategory bits of the findings kept */
    uint32_t except;     /* bit (1u << rule) for each rule not checked */
    /* When set, the old side's scope is what these reach, with directions through
     * the verbs among them (a type among them flows both ways), and the new side's
     * scope is all of it: what an update of a pinned realm breaks for its user. */
    const FtlBrkUse *uses;
    uint32_t nuses;
} FtlBrkOptions;

typedef struct FtlBrkNote {
    FtlSpan span; /* file 0: no position */
    char *msg;
} FtlBrkNote;

typedef struct FtlBrkFinding {
    FtlBrkRule rule;
    FtlBrkCategory category;
    int has_dir; /* the finding is about a type: dir says how it flows */
    FtlBrkDir dir;
    FtlSpan span; /* in the new schema, or for removals the old one; file 0: none */
    char *msg;
    FtlBrkNote *notes;
    unsigned nnotes;
    /* what it is about (interned): a declaration, and its field or variant (or NULL) */
    const char *module, *decl, *member;
} FtlBrkFinding;

typedef struct FtlBrkReport {
    FtlBrkFinding *items;
    unsigned count, cap;
    unsigned per_rule[FTL_BRK__COUNT]; /* findings kept, per rule */
    uint32_t checked;                  /* bit (1u << rule) for each rule checked */
} FtlBrkReport;

/* Compares the old side with the new one; r receives the findings the options keep,
 * in the order of the new schema (removals where they were). */
void ftl_brk_compare(FtlBrkReport *r, const FtlBrkSide *old, const FtlBrkSide *fresh,
                     const FtlBrkOptions *o);
void ftl_brk_report_free(FtlBrkReport *r);

/* ---- loading a side -------------------------------------------------------------------------- */

/* What a side is compiled from, as the command line gives it. */
typedef struct FtlBrkInputs {
    const char *const *files; /* "-" is standard input (on disk) */
    int nfiles;
    int input_format;            /* an FtlFormat, or -1: by each file's name */
    const char *realm;           /* --realm, or NULL for the project's name */
    int realm_weak;              /* realm applies only when no input holds a local realm block */
    const char *const *includes; /* -I: read from the side's disk or revision */
    int nincludes;
    const char *const *ext_names, *const *ext_paths; /* --external-realm NAME=FILE */
    int nexternals;
    const FtlProject *project; /* its name and pins; NULL for none */
} FtlBrkInputs;

/* Where a side's files are read: from disk (git NULL) through disk (NULL: the disk
 * itself), or from commit of the current directory's repository, named "REV:PATH" in
 * diagnostics. */
typedef struct FtlBrkFrom {
    FtlGit *git;
    const char *commit, *rev;
    const FtlReader *disk;
} FtlBrkFrom;

/* Reads and checks one side into s (initialised, empty). A file that a revision does
 * not have is left out (it was added since). Returns 0, or -1 on an I/O or git error
 * (a message naming the file in err); problems of the inputs are diagnostics. */
int ftl_brk_load(FtlSchema *s, const FtlBrkInputs *in, const FtlBrkFrom *from, char *err,
                 size_t errsz);

/* The project file cur as it is at a revision, parsed into p (its root is cur's).
 * Returns 0, 1 when the revision has no such file, or -1 with a message in err. */
int ftl_brk_project_at(FtlProject *p, const FtlProject *cur, const FtlBrkFrom *from,
                       FtlSources *src, FtlDiags *diags, char *err, size_t errsz);

/* ---- realm update ---------------------------------------------------------------------------- */

/* A realm's public schema: its text (any format, by the display name's extension). */
typedef struct FtlBrkText {
    const char *display;
    const char *data;
    size_t len;
} FtlBrkText;

/* The local realm and where its compilations live. */
typedef struct FtlBrkUpdateIn {
    FtlArena *arena;
    FtlInterner *in;
    FtlSources *src;
    const FtlProject *project; /* its name, and the other pins, from the cache */
    const char *name;          /* the pinned realm that moves */
    const char *const *files;  /* the local realm's schema files */
    size_t nfiles;
} FtlBrkUpdateIn;

typedef struct FtlBrkUpdate {
    FtlBrkReport all;     /* every breaking change of the realm's API */
    FtlBrkReport local;   /* the changes that break what the local realm uses */
    int compared;         /* both versions were loaded and compared */
    int local_found;      /* there are local schema files */
    int local_broken;     /* they check with the old version, not with the new one */
    FtlDiags local_diags; /* what checking them with the new version said */
} FtlBrkUpdate;

/* What moving realm in->name from the schema old to fresh does (breaking_update.c). */
void ftl_brk_update(FtlBrkUpdate *u, const FtlBrkUpdateIn *in, const FtlBrkText *old,
                    const FtlBrkText *fresh);
void ftl_brk_update_free(FtlBrkUpdate *u);
/* The same change in two reports (its rule, declaration and member). */
int ftl_brk_same_finding(const FtlBrkFinding *a, const FtlBrkFinding *b);

/* The local realm's schema files: every .ftl file under root, in folders whose names
 * do not begin with '.', links not followed, sorted; at most 10000, 16 folders deep.
 * Free with ftl_brk_local_files_free. */
size_t ftl_brk_local_files(const char *root, char ***files);
void ftl_brk_local_files_free(char **files, size_t n);

/* ---- reporting ------------------------------------------------------------------------------- */

/* Adds one diagnostic of severity sev per finding: the rule ID as code, the path by
 * which it is in scope as notes, a note with the category, and the properties
 * "category" and "direction" (null when the finding is not about a type). */
void ftl_brk_to_diags(const FtlBrkReport *r, FtlDiags *d, FtlSeverity sev);

#endif
