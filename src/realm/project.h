/* project.h - ftl-project.toml: the local realm's name, where its public schema
 * goes and the external realms it pins (ftl-project.toml(5), KEYS).
 *
 *   name = "shop"
 *   [realms]
 *   export-path = "ftl-external-schema.txtpb"
 *   [realms.egress.bank]
 *   git-repo = "..."  git-branch = "main"  git-commit = "<40 hex>"
 *   git-path = "..."
 *
 * Upstream FTL's form, [external-realms.NAME] with the same keys, is read too.
 * The SHA-256 of each pinned schema lives beside it, in the lock file
 * ftl-project.lock (FTL_LOCK_FILE), which ftlc alone writes, so that every table
 * upstream FTL reads holds only keys it knows:
 *
 *   [realms.bank]
 *   git-commit = "<40 hex>"  schema-sha256 = "<64 hex>"
 *
 * An entry counts for the pin whose git-commit it names. A schema-sha256 key in
 * a pin's own table (what ftlc 0.1 wrote) is still read when the lock file has
 * no entry for the pin's commit.
 * Other tables and keys belong to other tools and are left alone; unknown keys
 * inside [realms] and in a realm's table are warnings (W0701: most likely typos).
 *
 * The file's text is added to the compilation's sources, so that its problems
 * are diagnostics at their place (codes E07xx) like any other input's.
 */
#ifndef FTLC_PROJECT_H
#define FTLC_PROJECT_H

#include "base/diag.h"
#include "base/fileio.h"
#include "base/source.h"
#include "realm/toml.h"

#define FTL_PROJECT_FILE "ftl-project.toml"
#define FTL_DEFAULT_EXPORT_PATH "ftl-external-schema.txtpb"
#define FTL_LOCK_FILE "ftl-project.lock"

typedef enum FtlPinForm {
    FTL_PIN_EGRESS,         /* [realms.egress.NAME], what ftlc writes */
    FTL_PIN_EXTERNAL_REALMS /* [external-realms.NAME], upstream FTL's form */
} FtlPinForm;

/* One pinned external realm. Strings belong to the project's TOML document and
 * are NULL for keys not given. */
typedef struct FtlPin {
    const char *name;
    FtlPinForm form;
    const char *git_repo, *git_branch, *git_commit, *git_path, *schema_sha256;
    FtlSpan span;        /* the table: its [header], or its key */
    FtlSpan commit_span; /* the value of git-commit (span when not given) */
    FtlSpan sha_span;    /* the value of schema-sha256 (span when not given) */
    int legacy_sha;      /* schema_sha256 comes from the pin's own table */
} FtlPin;

typedef struct FtlProject {
    char *path;       /* the file, as found or given */
    char *root;       /* its directory ("." for the current one) */
    uint32_t file_id; /* its text among the sources given to ftl_project_read */
    FtlTomlDoc *doc;  /* NULL when the text is not TOML */
    const char *name; /* the local realm; NULL when not given */
    FtlSpan name_span;
    const char *export_path; /* as written, or FTL_DEFAULT_EXPORT_PATH */
    FtlPin *pins;
    size_t npins;
    char *lock_path;         /* the lock file: beside the project file */
    FtlTomlDoc *lock;        /* its text when there is one and it is TOML */
    const FtlReader *reader; /* where the pinned realms' cache is read (NULL: the disk) */
} FtlProject;

/* Flags of ftl_project_parse. */
#define FTL_PROJECT_NO_PINS 0x1u /* read name and export-path only (another realm's file) */

/* The path of ftl-project.toml in the current directory or the nearest parent
 * that has one, relative to the current directory ("ftl-project.toml",
 * "../ftl-project.toml"), malloc'd; NULL when there is none. */
char *ftl_project_find(void);

/* Reads and parses the project file at path, and its lock file when there is
 * one. Returns -1 with a message in err when either cannot be read; otherwise
 * 0, their problems reported to diags. */
int ftl_project_read(FtlProject *p, const char *path, FtlSources *src, FtlDiags *diags, char *err,
                     size_t errsz);

/* The same with the file's text given (len bytes); the lock file is left to
 * the caller (ftl_project_parse_lock with the text of p->lock_path). */
void ftl_project_load(FtlProject *p, const char *path, const char *text, size_t len,
                      FtlSources *src, FtlDiags *diags);

/* Parses len bytes of text as a project file registered in src under name;
 * p->path and p->root are left to the caller. Returns the number of errors. */
unsigned ftl_project_parse(FtlProject *p, const char *name, const char *text, size_t len,
                           unsigned flags, FtlSources *src, FtlDiags *diags);

/* Reads the lock file's text (len bytes, registered in src under p->lock_path)
 * into the pins of p: each pin whose git-commit an entry names gets its
 * schema-sha256. Returns the number of errors. */
unsigned ftl_project_parse_lock(FtlProject *p, const char *text, size_t len, FtlSources *src,
                                FtlDiags *diags);

/* The lock file of the project file at path: PATH with ".toml" replaced by
 * ".lock" (ftl-project.toml gives ftl-project.lock), malloc'd. */
char *ftl_project_lock_path(const char *path);

void ftl_project_free(FtlProject *p);

/* The pin named name, or NULL. */
const FtlPin *ftl_project_pin(const FtlProject *p, const char *name);

/* The local realm's name from the file, or NULL when there is none; a name that
 * is not an identifier is reported (E0703) and gives NULL. */
const char *ftl_project_realm(const FtlProject *p, FtlDiags *diags);

/* path relative to the project's directory (an absolute path is kept), malloc'd. */
char *ftl_project_join(const FtlProject *p, const char *path);

/* The TOML table path of a pin: realms.egress.NAME or external-realms.NAME, malloc'd. */
char *ftl_pin_table(const FtlPin *pin);

/* The cache of a pin: .ftl/realms/NAME under the project's directory, and in it
 * COMMIT.EXT, the schema at that commit (ext as ftl_format_ext gives it); malloc'd. */
char *ftl_pin_cache_dir(const FtlProject *p, const char *name);
char *ftl_pin_cache_path(const FtlProject *p, const char *name, const char *commit,
                         const char *ext);

/* The file a pin reads in the realm's repository: git-path, else export_path
 * (the remote project's), else FTL_DEFAULT_EXPORT_PATH. */
const char *ftl_pin_git_path(const FtlPin *pin, const char *export_path);

/* path with "." segments, repeated and trailing '/' removed and "a/.." undone
 * ("./a/../b/" is "b", "./" is ""), malloc'd; NULL when it is absolute or
 * leaves the folder it is relative to ("../x", "a/../../x"). For git-path. */
char *ftl_path_normalize(const char *path);

/* True for a path that stays inside the folder it is relative to: not empty,
 * not absolute, and not leaving it once normalised (git-path). */
int ftl_path_is_inner(const char *path);

/* The config key of the realm's ingress endpoint: NAME-realm-endpoint, malloc'd. */
char *ftl_realm_endpoint_key(const char *name);

#endif
