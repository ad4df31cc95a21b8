/* session_int.h - what the files of src/session share: the session, its file
 * cache and the compilation it holds. Nothing outside src/session includes it
 * but the unit tests (tests/unit/test_session.c). */
#ifndef FTLC_SESSION_INT_H
#define FTLC_SESSION_INT_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"
#include "base/fileio.h"
#include "base/intern.h"
#include "base/map.h"
#include "base/warnings.h"
#include "base/source.h"
#include "check/schema.h"
#include "ftlc.h"
#include "realm/project.h"

#include <sys/types.h>
#include <time.h>

/* ---- the file cache (files.c) -------------------------------------------------------- */

/* One path the session has read or been given a buffer for. */
typedef struct SesText {
    const char *path; /* normalised (files_key), interned in SesFiles.names */
    FtlInput text;    /* the text read from disk (mapped or copied, fileio.h),
                         NUL-terminated; text.data NULL when not read */
    char *overlay;    /* the in-memory buffer that shadows the file; NULL for none */
    size_t overlay_len;
    dev_t dev; /* what stat(2) said when data was read */
    ino_t ino;
    off_t size;
    struct timespec mtime;
    unsigned checked; /* the generation in which the disk was last consulted */
    int error;        /* the last read failed (errno), message in errmsg */
    char *errmsg;
} SesText;

typedef struct SesFiles {
    FtlArena arena; /* the interned paths */
    FtlInterner names;
    FtlMap by_path; /* interned path -> SesText index + 1 */
    SesText *items;
    size_t n, cap;
    unsigned gen;      /* bumped by every compile: each path is checked once per compile */
    FtlInput *retired; /* texts replaced while a compilation may still borrow them */
    size_t nretired;
    unsigned long reads; /* files read (from disk or standard input), for tests */
    int map;             /* FTL_FLAG_MAP_INPUTS */
} SesFiles;

/* Appends path with repeated slashes and "." segments removed ("./a//b" is
 * "a/b"): the form in which paths are compared. */
void ses_path_clean(FtlBuf *b, const char *path);
int ses_path_equal(const char *a, const char *b);

void ses_files_init(SesFiles *f);
void ses_files_free(SesFiles *f);
/* The next generation: frees retired texts (no compilation borrows them now). */
void ses_files_next(SesFiles *f);
/* The text of path as the session sees it: its overlay, else the file (read
 * again only when stat(2) says it changed since it was last read, and at most
 * once per generation); "-" is standard input, read once. 0, or -1 with a
 * message in err. The text stays valid until the next ses_files_next. */
int ses_files_read(SesFiles *f, const char *path, const char **data, size_t *len, char *err,
                   size_t errsz);
/* Whether the file at path is no longer the one whose text the session read
 * (stat(2): device, inode, size, modification time); 0 when it read none or
 * does not know. */
int ses_files_changed(SesFiles *f, const char *path);
/* The session wrote path: its cached text, if any, is read again next time. */
void ses_files_written(SesFiles *f, const char *path);
/* Whether the text ses_files_read gives for path is a mapped file (FtlInput.map),
 * not an overlay or a copy: FTL_IO_MAPPED (proto/schema_io.h). */
int ses_files_mapped(SesFiles *f, const char *path);
void ses_files_set_overlay(SesFiles *f, const char *path, const char *text, size_t len);
int ses_files_remove_overlay(SesFiles *f, const char *path);
/* The reader a compilation reads through (FtlReader.read with ctx = f). */
int ses_files_reader(void *ctx, const char *path, const char **data, size_t *len, char *err,
                     size_t errsz);

/* ---- the compilation (compile.c) ----------------------------------------------------- */

struct SesIndex; /* index.c */
struct SesOld;   /* breaking.c */

typedef struct SesComp {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlSchema schema;
    FtlProject project;
    int has_project;
    int checked;             /* ftl_schema_check ran (the schema can be emitted and queried) */
    uint32_t nfiles;         /* sources the compile read (ftl_session_files) */
    const char **file_names; /* ftl_session_files, made on demand */
    const char *export_file; /* ftl_session_project, made on demand */
    /* diagnostics as data, made on demand (diagnostics.c) */
    FtlDiagnostic *out;
    size_t nout;
    unsigned out_count; /* diags.count when out was made (0 after a change) */
    int out_valid;
    struct SesIndex *index; /* queries (index.c), made on demand */
    struct SesOld *old;     /* ftl_session_breaking: the older version (breaking.c) */
    char *import_mapping;   /* ftl_session_import: the proxy's JSON (import.c), malloc'd */
    size_t import_mapping_len;
} SesComp;

typedef struct SesExternal {
    char *name, *path;
} SesExternal;

struct FtlSession {
    /* options */
    char *realm;
    char **includes;
    size_t nincludes;
    SesExternal *externals;
    size_t nexternals;
    char *project; /* NULL: look for one; FTL_PROJECT_NONE is kept as no_project */
    int no_project;
    char *module;
    int input_format; /* an FtlFormat, or -1: by the file's name */
    unsigned flags;
    unsigned max_errors;
    FtlWarningConfig warnings; /* -W */
    /* inputs */
    char **inputs;
    size_t ninputs;
    SesFiles files;
    FtlReader reader; /* files, as the stages read them */
    /* the last compilation (NULL before the first or after running out of memory) */
    SesComp *comp;
    char *error; /* ftl_session_error */
};

/* Makes an empty compilation when there is none (format and dump work without
 * a compile). */
SesComp *ses_comp(FtlSession *s);
void ses_comp_free(SesComp *c);

/* ftl_session_compile's pipeline up to the checker, in a new compilation
 * (s->comp): the project, the inputs, external and pinned realms, then the
 * check, unless a file could not be read (returns nonzero then). The
 * diagnostics are as the stages left them: not yet finished
 * (ses_diags_finish). */
int ses_compile_check(FtlSession *s);
/* The status of a finished compilation: FTL_ERRORS for errors other than
 * E0001, else FTL_EIO for E0001, else FTL_OK. */
FtlStatus ses_comp_status(const SesComp *c);

/* Frees what ftl_session_breaking kept of the older version (NULL: nothing). */
void ses_old_free(struct SesOld *old);

/* Sets or clears (msg NULL) the sentence of ftl_session_error. */
void ses_set_error(FtlSession *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ses_clear_error(FtlSession *s);

/* Reads path through the cache: 0, or -1 after reporting the I/O error as
 * E0001 (no position) and in ftl_session_error. */
int ses_read(FtlSession *s, SesComp *c, const char *path, const char **data, size_t *len);
/* The name of path among the sources: "<stdin>" for "-". */
const char *ses_source_name(const char *path);

/* The project file of the session (the one given, else the nearest
 * ftl-project.toml) into c, with its lock file. -1 when it cannot be read
 * (reported as by ses_read); its problems are diagnostics. */
int ses_load_project(FtlSession *s, SesComp *c);

/* The source file of the compilation named path (its latest), or 0. */
uint32_t ses_file_id(const SesComp *c, const char *path);

/* ---- outputs (depfile.c) ----------------------------------------------------------- */

/* The files path must not be: for an output, every file the last compile
 * read; else the session's other inputs, since an input rewritten under
 * another of its names (a.ftl and ./a.ftl, a link) would be written twice
 * (ftlc(1), OUTPUT FILES). Caller frees the array, not the strings. */
const char **ses_guarded_files(FtlSession *s, const char *path, int output, size_t *n);

/* ---- running calls (run.c) --------------------------------------------------------- */

/* Runs body(s, arg) with an out-of-memory handler: when memory runs out, the
 * compilation is dropped (s->comp NULL) and FTL_NOMEM returned. s may be NULL
 * (a function of no session). */
FtlStatus ses_run(FtlSession *s, FtlStatus (*body)(FtlSession *s, void *arg), void *arg);

/* ---- positions (positions.c) ------------------------------------------------------- */

/* The FtlRange of span (file NULL for an invalid one). */
FtlRange ses_range(const SesComp *c, FtlSpan span);

/* ---- diagnostics (diagnostics.c) -------------------------------------------------- */

/* The code of I/O problems: a file that cannot be read or written. */
#define SES_IO_CODE "E0001"

/* Applies -W error and -q, sorts and drops duplicates (idempotent). */
void ses_diags_finish(FtlSession *s, SesComp *c);

/* ---- queries (index.c) ------------------------------------------------------------- */

struct SesIndex *ses_index(FtlSession *s, SesComp *c);
void ses_index_free(struct SesIndex *x);

/* ---- tests ------------------------------------------------------------------------- */

/* Files read from disk since the session began (tests prove the cache with it). */
unsigned long ses_test_reads(const FtlSession *s);

#endif
