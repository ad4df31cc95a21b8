/* ftlc.h - libftlc, the compiler library for the FTL schema language.
 *
 * One session API for every consumer (the ftlc command, the language server,
 * build tools, other languages' bindings): set options and inputs, compile,
 * read diagnostics as data, ask questions about the checked schema, emit it.
 * The layout of the syntax tree is private; nothing here exposes it.
 *
 *   FtlSession *s = ftl_session_new();
 *   ftl_session_add_file(s, "bank.ftl");
 *   ftl_session_set_overlay(s, "bank.ftl", unsaved, unsaved_len); // editor buffer
 *   if (ftl_session_compile(s) == FTL_ERRORS) {
 *       size_t n;
 *       const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
 *       for (size_t i = 0; i < n; i++)
 *           printf("%s:%u:%u: %s\n", d[i].range.file, d[i].range.start.line,
 *                  d[i].range.start.column, d[i].message);
 *   }
 *   ftl_session_free(s);
 *
 * Conventions:
 *  - Functions that can fail return an FtlStatus. FTL_NOMEM is the one
 *    out-of-memory path: the session stays valid and may be used again.
 *    (jansson's allocator is the process's: while calls are in progress in
 *    any thread, the library's is installed, which in other threads passes
 *    every request on to the caller's; when the last call returns, the
 *    caller's is back. Do not call json_set_alloc_funcs while a call of the
 *    library runs in another thread.)
 *    Problems in the inputs (including files that cannot be read) are
 *    diagnostics, never prints; the library never exits or aborts.
 *  - Strings are UTF-8 and NUL-terminated unless a length is given. Strings
 *    and arrays the session returns stay valid until the next
 *    ftl_session_compile() or ftl_session_free(), unless a function says
 *    otherwise; arrays documented as "caller frees" are freed with ftl_free().
 *  - Lines and columns are 1-based. A column is given in three units: UTF-8
 *    bytes (column), UTF-16 code units (column_utf16, what LSP clients count
 *    by default) and Unicode code points (column_chars); offsets are bytes
 *    from the start of the file.
 *  - No global state: sessions are independent, and two can be used at once
 *    (one thread per session; a session is not itself thread-safe).
 *
 * C99; usable from C++. The ABI version is libtool's (-version-info); the
 * version of the package is FTLC_VERSION and ftl_version().
 */
#ifndef FTLC_H
#define FTLC_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The package's version: configure.ac takes it from FTLC_VERSION. */
#define FTLC_VERSION_MAJOR 0
#define FTLC_VERSION_MINOR 1
#define FTLC_VERSION_PATCH 0
#define FTLC_VERSION "0.1.0"
/* Comparable: FTLC_VERSION_NUMBER >= FTLC_MAKE_VERSION(0, 1, 0). */
#define FTLC_MAKE_VERSION(major, minor, patch) ((major)*10000 + (minor)*100 + (patch))
#define FTLC_VERSION_NUMBER                                                                        \
    FTLC_MAKE_VERSION(FTLC_VERSION_MAJOR, FTLC_VERSION_MINOR, FTLC_VERSION_PATCH)

#if defined(FTLC_BUILDING_LIBRARY) && defined(__GNUC__)
#define FTL_API __attribute__((visibility("default")))
#else
#define FTL_API
#endif

/* The version of the library linked in (FTLC_VERSION of its build). */
FTL_API const char *ftl_version(void);

/* A compilation and everything it owns: options, inputs (files and in-memory
 * overlays), the arena of the syntax tree, interned names, sources, and the
 * diagnostics of the last compile. */
typedef struct FtlSession FtlSession;

/* ---- status ----------------------------------------------------------------------- */

typedef enum FtlStatus {
    FTL_OK = 0,     /* done; there may be warnings */
    FTL_ERRORS = 1, /* the inputs have errors (see the diagnostics) */
    FTL_EINVAL = 2, /* a bad argument or option (the message says which) */
    FTL_EIO = 3,    /* a file could not be read or written (a diagnostic says which) */
    FTL_NOMEM = 4   /* out of memory; the session is unchanged or empty, still usable */
} FtlStatus;

/* A sentence for a status ("out of memory", ...). */
FTL_API const char *ftl_status_message(FtlStatus st);

/* Frees what a function documented as "caller frees" returned. */
FTL_API void ftl_free(void *p);

/* A sentence about the last call on s that failed without a diagnostic to say
 * why: FTL_EINVAL ("no module named 'x' in the inputs"), an emit the format
 * cannot carry, a file that could not be read or written (which is also a
 * diagnostic, E0001). NULL when the last such call set none. Valid until the
 * next call on s. */
FTL_API const char *ftl_session_error(FtlSession *s);

/* ---- positions ------------------------------------------------------------------ */

typedef struct FtlPoint {
    uint32_t line;         /* 1-based; lines end at LF */
    uint32_t column;       /* 1-based, in UTF-8 bytes */
    uint32_t column_utf16; /* 1-based, in UTF-16 code units */
    uint32_t column_chars; /* 1-based, in Unicode code points */
    uint32_t offset;       /* bytes from the start of the file */
} FtlPoint;

/* A half-open range [start, end) of one file; file is NULL for "no position"
 * (the start and end are then all zeros). */
typedef struct FtlRange {
    const char *file;
    FtlPoint start, end;
} FtlRange;

/* The unit of a column given to ftl_session_offset. */
typedef enum FtlColumnUnit {
    FTL_COLUMN_BYTES, /* UTF-8 bytes */
    FTL_COLUMN_UTF16, /* UTF-16 code units (LSP's default positionEncoding) */
    FTL_COLUMN_CHARS  /* Unicode code points */
} FtlColumnUnit;

/* ---- diagnostics ------------------------------------------------------------------ */

typedef enum FtlSeverity { FTL_SEV_NOTE, FTL_SEV_WARNING, FTL_SEV_ERROR } FtlSeverity;

typedef struct FtlNote {
    const char *message;
    FtlRange range; /* file NULL: a note without position */
} FtlNote;

/* A fix-it: replacing range with replacement repairs the problem (an empty
 * range inserts). A hint with no edit a machine could apply has range.file
 * NULL and replacement NULL; message says what to do. */
typedef struct FtlFixit {
    const char *message; /* "did you mean 'String'?" */
    FtlRange range;
    const char *replacement;
} FtlFixit;

/* A fact about a diagnostic for programs, beside its message: the findings of
 * ftl_session_breaking have "category" ("WIRE" or "SOURCE") and "direction"
 * ("IN", "OUT", "BOTH" or "NONE"; value NULL when the change is not about a
 * type). The JSON and SARIF renderings show them. */
typedef struct FtlProperty {
    const char *key;
    const char *value; /* NULL: none (JSON null) */
} FtlProperty;

typedef struct FtlDiagnostic {
    FtlSeverity severity;
    /* stable: "E0310", "W0501", a rule ID of ftlc-breaking(1); see ftlc-diagnostics(7) */
    const char *code;
    const char *message;
    FtlRange range; /* where upstream FTL reports it; file NULL: no position */
    FtlRange focus; /* the precise token to underline (range when there is none) */
    const FtlNote *notes;
    size_t nnotes;
    const FtlFixit *fixits;
    size_t nfixits;
    const FtlProperty *properties;
    size_t nproperties;
} FtlDiagnostic;

/* ---- sessions ----------------------------------------------------------------------- */

/* A new, empty session; NULL only when out of memory. */
FTL_API FtlSession *ftl_session_new(void);
FTL_API void ftl_session_free(FtlSession *s);

/* ---- options (take effect at the next compile) ----------------------------------- */

/* What a name given on a command line must be. */
typedef enum FtlNameKind {
    FTL_NAME_REALM, /* an identifier: [A-Za-z_][A-Za-z0-9_]* */
    FTL_NAME_MODULE /* an identifier that is not a Go keyword (E0301) nor "builtin" */
} FtlNameKind;
/* Nonzero when the len bytes at name are a name of that kind. */
FTL_API int ftl_name_valid(FtlNameKind kind, const char *name, size_t len);

/* The local realm's name (--realm); NULL for the default: the name in the
 * project file, else what 'realm NAME { }' blocks say. FTL_EINVAL when name is
 * not an identifier. */
FTL_API FtlStatus ftl_session_set_realm(FtlSession *s, const char *name);
/* A module search directory (-I DIR): a reference to module m that no input
 * defines loads DIR/m.ftl, DIR/m.txtpb, DIR/m.json or DIR/m.binpb. */
FTL_API FtlStatus ftl_session_add_include_dir(FtlSession *s, const char *dir);
/* An external realm read from path (--external-realm NAME=FILE): an
 * 'external realm NAME { ... }' block or the realm's public schema in any
 * format. FTL_EINVAL when name is not an identifier. */
FTL_API FtlStatus ftl_session_add_external_realm(FtlSession *s, const char *name, const char *path);
/* The project file (--project FILE): its name and the realms it pins, loaded
 * from its .ftl/realms cache. NULL (the default) looks for ftl-project.toml in
 * the current directory and its parents; FTL_PROJECT_NONE uses none. */
#define FTL_PROJECT_NONE ((const char *)1)
FTL_API FtlStatus ftl_session_set_project(FtlSession *s, const char *path);
/* Restricts diagnostics and emitted output to module name (--module NAME); the
 * rest of the compilation is context. NULL for all modules. */
FTL_API FtlStatus ftl_session_set_module(FtlSession *s, const char *name);

typedef enum FtlFormat {
    FTL_FORMAT_FTL,
    FTL_FORMAT_TXTPB,
    FTL_FORMAT_JSON,
    FTL_FORMAT_BINPB
} FtlFormat;
/* "ftl", "txtpb", "json", "binpb" -> format; FTL_EINVAL for anything else. */
FTL_API FtlStatus ftl_format_from_name(const char *name, FtlFormat *f);
/* The format a file name says (.txtpb, .json, .binpb and their aliases), FTL text otherwise. */
FTL_API FtlFormat ftl_format_from_path(const char *path);
FTL_API const char *ftl_format_name(FtlFormat f);

/* How inputs are read (--input-format): -1 (the default) by their names. */
FTL_API FtlStatus ftl_session_set_input_format(FtlSession *s, int format);

/* Flags of ftl_session_set_flags. */
#define FTL_FLAG_WERROR 0x1u /* warnings count as errors (-W error) */
#define FTL_FLAG_QUIET 0x2u  /* warnings are dropped (-q) */
/* Large inputs (256 KiB and up) are mapped instead of copied: faster and
 * lighter (the pages of a mapped text are given back to the kernel once they
 * are parsed, and read again from the file when needed), but the process
 * gets SIGBUS if another program truncates such a file in place while the
 * session holds its text (mmap(2)), and a text read again shows what another
 * program wrote over the file in place meanwhile; for short runs that own
 * their inputs, like the ftlc command, not for a long-lived editor session.
 * Off by default. */
#define FTL_FLAG_MAP_INPUTS 0x4u
FTL_API void ftl_session_set_flags(FtlSession *s, unsigned flags);
/* One -W option of ftlc-check(1), in order: NAME or a warning's code (shown),
 * no-NAME (dropped), error=NAME (an error), no-error=NAME, error, no-error.
 * FTL_EINVAL when it names no warning. */
FTL_API FtlStatus ftl_session_set_warning(FtlSession *s, const char *option);
/* Nonzero when ftl_session_set_warning takes option (a command line checks
 * its -W values before it has a session). */
FTL_API int ftl_warning_option_valid(const char *option);
/* At most n errors are kept (the rest counted in one note); 0 keeps all.
 * The default is 100, as the command line's --max-errors. */
FTL_API void ftl_session_set_max_errors(FtlSession *s, unsigned n);

/* ---- inputs ----------------------------------------------------------------------- */

/* Adds path to the compilation's inputs ("-" reads standard input once). The
 * file is read at the next compile, and read again at later compiles only when
 * it changed on disk (size, modification time or inode). */
FTL_API FtlStatus ftl_session_add_file(FtlSession *s, const char *path);
FTL_API FtlStatus ftl_session_remove_file(FtlSession *s, const char *path);
/* Sets the text of path to an in-memory buffer (copied): an unsaved editor
 * buffer, or --stdin-filename. It shadows the file on disk wherever the
 * compilation would read path: as an input, a -I module, an external realm or
 * a cached pin. It does not make path an input by itself. */
FTL_API FtlStatus ftl_session_set_overlay(FtlSession *s, const char *path, const char *text,
                                          size_t len);
FTL_API FtlStatus ftl_session_remove_overlay(FtlSession *s, const char *path);

/* ---- compiling -------------------------------------------------------------------- */

/* Parses every input, loads the project's pinned realms, -I modules and
 * external realms, resolves references and checks every rule. Replaces the
 * previous compilation (its strings, arrays and symbol ids become invalid).
 * FTL_OK when there are no errors, FTL_ERRORS when there are (including
 * unreadable inputs: also FTL_EIO when nothing else was wrong). */
FTL_API FtlStatus ftl_session_compile(FtlSession *s);

/* The files the last compile read (inputs, -I modules, external realms, the
 * project file and pinned realm caches), in the order read; standard input is
 * "<stdin>". For depfiles. */
FTL_API const char *const *ftl_session_files(FtlSession *s, size_t *count);

/* The local realm of the last compile: its name; "" when it has none (module
 * files with -I and no --realm); NULL when there is no local realm (module
 * files alone) or nothing was compiled. */
FTL_API const char *ftl_session_local_realm(FtlSession *s);

/* The project file of the last compile. */
typedef struct FtlProjectInfo {
    const char *path;        /* the file, as found or given */
    const char *name;        /* its name = "..."; NULL when not given */
    const char *export_path; /* [realms] export-path as written, or the default */
    const char *export_file; /* export_path under the project's directory */
} FtlProjectInfo;
/* Nonzero, with *out filled in, when the last compile read a project file. */
FTL_API int ftl_session_project(FtlSession *s, FtlProjectInfo *out);

/* ---- diagnostics as data ------------------------------------------------------- */

/* The diagnostics of the last compile and of the operations on it since (an
 * emit, a format or dump, a depfile), sorted by file, line and column, with
 * FTL_FLAG_WERROR, FTL_FLAG_QUIET, the module restriction and max_errors
 * applied (the note E0208 counts what max_errors left out). A file that could
 * not be read or written is error E0001 without a position. */
FTL_API const FtlDiagnostic *ftl_session_diagnostics(FtlSession *s, size_t *count);
/* Errors and warnings of the last operation (after the flags). */
FTL_API size_t ftl_session_error_count(FtlSession *s);
FTL_API size_t ftl_session_warning_count(FtlSession *s);

typedef enum FtlDiagnosticFormat {
    FTL_DIAGNOSTICS_TEXT,   /* clang-style: file:line:col, the source line, a caret */
    FTL_DIAGNOSTICS_JSON,   /* one JSON document (ftlc-check(1)) */
    FTL_DIAGNOSTICS_SARIF,  /* SARIF 2.1.0 */
    FTL_DIAGNOSTICS_GITHUB, /* GitHub Actions workflow commands */
    FTL_DIAGNOSTICS_FTL     /* xyz.block.ftl.v1.language.ErrorList as JSON */
} FtlDiagnosticFormat;
#define FTL_RENDER_COLOR 0x1u   /* ANSI colours (text) */
#define FTL_RENDER_SKIP_IO 0x2u /* leave out E0001 (unreadable files): the caller showed them */
/* Writes the diagnostics in a format to out. */
FTL_API FtlStatus ftl_session_render_diagnostics(FtlSession *s, FtlDiagnosticFormat f,
                                                 unsigned flags, FILE *out);
/* The help link of a diagnostic code, its entry in ftlc-diagnostics(7)
 * ("man:ftlc-diagnostics(7)#E0306", as JSON's help_uri and SARIF's helpUri),
 * written to buf (size bytes, NUL-terminated). 0, or -1 for a code that is not
 * documented (or a buf too small). */
FTL_API int ftl_code_help_uri(const char *code, char *buf, size_t size);

/* The documentation of a diagnostic code (ftlc explain, ftlc-diagnostics(7);
 * for an editor's hover). Every string is static. */
typedef struct FtlCodeInfo {
    const char *code;        /* "E0306" */
    const char *title;       /* "duplicate declaration" */
    FtlSeverity severity;    /* as reported before -W options */
    const char *reported_by; /* "every command that reads schema text", ... */
    const char *meaning;     /* one paragraph: when it is reported */
    /* An example that triggers it, or example NULL: the text of the file
     * example_file (then any further files, each after a line "-- NAME --"),
     * for which `ftlc example_args` reports it; example_args NULL: the
     * command is `ftlc check example_file` (and ftlc's tests do not run it). */
    const char *example_file, *example_args, *example;
    const char *fix;          /* how to fix it */
    const char *warning_name; /* a warning's name for -W ("redundant-realm"); NULL for others */
} FtlCodeInfo;
/* The documentation of code (in any letter case: "e0306"); 0, or -1 for a code
 * that is not documented. */
FTL_API int ftl_code_info(const char *code, FtlCodeInfo *out);
/* The index-th code as ftlc explain lists them (by number, then the rule IDs
 * of ftlc-breaking(1)): 0, or -1 past the last (a loop from 0 lists every
 * code). */
FTL_API int ftl_code_info_at(size_t index, FtlCodeInfo *out);

/* ---- emitting ------------------------------------------------------------------------ */

/* Receives output; returns 0, or nonzero to stop (the emit returns FTL_EIO). */
typedef int (*FtlWriter)(void *ctx, const void *data, size_t len);

typedef enum FtlEmitKind {
    FTL_EMIT_SCHEMA, /* the whole checked schema in canonical form (ftlc emit) */
    FTL_EMIT_PUBLIC, /* the local realm's public schema (ftlc export) */
    FTL_EMIT_CLIENTS /* the runtime clients of every callable verb (ftlc clients) */
} FtlEmitKind;

/* Runtimes of FTL_EMIT_CLIENTS, as bits. */
#define FTL_LANG_GO 0x1u
#define FTL_LANG_JAVA 0x2u
#define FTL_LANG_KOTLIN 0x4u
#define FTL_LANG_PYTHON 0x8u
#define FTL_LANG_ALL 0xFu
/* "go", "java", "kotlin", "python", "all", or a comma-separated list of them
 * ("go,python") -> FTL_LANG_* bits; FTL_EINVAL for anything else. */
FTL_API FtlStatus ftl_langs_from_name(const char *names, unsigned *langs);

#define FTL_EMIT_POSITIONS 0x1u /* protobuf formats: keep source positions */
#define FTL_EMIT_HEADER 0x2u    /* txtpb public schema: the '# Code generated' line */
/* FTL text of the public schema: an 'external realm NAME { }' block, the form
 * another realm's compilation reads (--external-realm, the realm caches). */
#define FTL_EMIT_EXTERNAL 0x4u

typedef struct FtlEmitOptions {
    FtlEmitKind kind;
    FtlFormat format; /* SCHEMA and PUBLIC; CLIENTS: FTL_FORMAT_FTL is text, _JSON is JSON */
    unsigned flags;   /* FTL_EMIT_* */
    unsigned langs;   /* CLIENTS: FTL_LANG_* (0: all) */
} FtlEmitOptions;

/* Emits the last successful compile. FTL_ERRORS (with diagnostics) when the
 * schema cannot be written in that format or has errors; FTL_EINVAL when
 * there is nothing to emit (no local realm to export). A schema in any format
 * reaches w in chunks as it is written, never held whole: it is checked
 * first, so on FTL_ERRORS nothing has reached w, while FTL_EIO (w failed) and
 * FTL_NOMEM may come after part of it has. */
FTL_API FtlStatus ftl_session_emit(FtlSession *s, const FtlEmitOptions *o, FtlWriter w, void *ctx);
/* The same into a malloc'd buffer (caller frees; NUL-terminated, len without it). */
FTL_API FtlStatus ftl_session_emit_buffer(FtlSession *s, const FtlEmitOptions *o, char **out,
                                          size_t *len);
FTL_API FtlStatus ftl_session_emit_stream(FtlSession *s, const FtlEmitOptions *o, FILE *out);

/* The source text of one input in canonical layout (ftlc fmt): parsed, never
 * checked; declaration order and spelling kept. Caller frees *out.
 * FTL_ERRORS when it does not parse. */
FTL_API FtlStatus ftl_session_format(FtlSession *s, const char *file, char **out, size_t *len);
/* The same text handed to w in pieces as it is printed, never held whole
 * (ftlc fmt of a large schema): the file is parsed first, so on FTL_ERRORS
 * nothing has reached w. FTL_EIO when the file cannot be read or w failed
 * (then part of the text may have reached w). */
FTL_API FtlStatus ftl_session_format_to(FtlSession *s, const char *file, FtlWriter w, void *ctx);

/* The syntax tree of one input, one node per line (ftlc parse: a debugging aid,
 * not a stable format); with spans, each node's range. Caller frees *out. With
 * syntax errors, FTL_ERRORS and the tree as far as it was parsed. */
FTL_API FtlStatus ftl_session_dump(FtlSession *s, const char *file, int spans, char **out,
                                   size_t *len);

/* The text of file as the session reads it: its overlay, else the file ("-"
 * standard input), cached as for a compile. Valid until the next compile.
 * FTL_EIO when it cannot be read (ftl_session_error says why). */
FTL_API FtlStatus ftl_session_text(FtlSession *s, const char *file, const char **text, size_t *len);

/* ---- positions in the session's files --------------------------------------------- */

/* Offset of line:column (1-based, column in unit) of file as last compiled.
 * FTL_EINVAL when the file is not in the session or the line is past its end;
 * a column past the end of its line is clamped to the line's end. */
FTL_API FtlStatus ftl_session_offset(FtlSession *s, const char *file, uint32_t line,
                                     uint32_t column, FtlColumnUnit unit, uint32_t *offset);
/* The point of a byte offset of file (clamped to the file). */
FTL_API FtlStatus ftl_session_point(FtlSession *s, const char *file, uint32_t offset,
                                    FtlPoint *out);

/* ---- queries ---------------------------------------------------------------------- */

typedef enum FtlSymbolKind {
    FTL_SYMBOL_REALM = 1,
    FTL_SYMBOL_MODULE,
    FTL_SYMBOL_CONFIG,
    FTL_SYMBOL_SECRET,
    FTL_SYMBOL_DATABASE,
    FTL_SYMBOL_TOPIC,
    FTL_SYMBOL_TYPEALIAS,
    FTL_SYMBOL_ENUM,
    FTL_SYMBOL_DATA,
    FTL_SYMBOL_VERB,
    FTL_SYMBOL_FIELD,
    FTL_SYMBOL_VARIANT,
    FTL_SYMBOL_TYPE_PARAMETER
} FtlSymbolKind;

/* Identifies a symbol until the next compile; 0 is none. */
typedef uint32_t FtlSymbolId;

/* A symbol: a realm, module, declaration, field, enum variant or type
 * parameter. The builtin module (ftl-schema(5), THE BUILTIN MODULE: builtin.Ref, HttpRequest,
 * ...) is one symbol, in no realm, with range.file "<builtin>". */
typedef struct FtlSymbol {
    FtlSymbolId id;
    FtlSymbolId parent; /* the enclosing symbol: realm > module > declaration > field */
    FtlSymbolKind kind;
    const char *name;
    const char *realm;   /* its realm ("" for module files outside any realm, builtin) */
    const char *module;  /* its module; NULL for a realm or module */
    const char *detail;  /* a one-line summary: "verb withdraw(bank.Req) bank.Resp",
                            a field's type, an enum's value type */
    const char *comment; /* its doc comment ("" when none) */
    int external;        /* declared in an external realm */
    int visibility;      /* 0 module-private, 1 export, 2 export realm */
    FtlRange range;      /* the whole declaration, comments included */
    FtlRange selection;  /* its name */
} FtlSymbol;

/* What a reference is. */
typedef enum FtlReferenceKind {
    FTL_REF_DECLARATION, /* the symbol's own name where it is declared */
    FTL_REF_TYPE,        /* a type position: fields, requests, aliases, events ... */
    FTL_REF_CALLS,       /* +calls */
    FTL_REF_METADATA     /* any other metadata: +subscribe, +publish, +config, +database ... */
} FtlReferenceKind;

/* A reference. `accounts.Account@bank` is three: to Account (the range is the
 * whole `accounts.Account@bank`), to module accounts (`accounts`) and to realm
 * bank (`bank`), all of the kind of the place they are written in. */
typedef struct FtlReference {
    FtlRange range; /* the reference as written (without type arguments) */
    FtlReferenceKind kind;
    FtlSymbolId target; /* what it refers to */
    FtlSymbolId from;   /* the innermost symbol it is written in: a field, a verb
                           (request, response, +calls), a declaration, a module */
} FtlReference;

/* The symbol with this id; 0 when there is none. */
FTL_API int ftl_session_symbol(FtlSession *s, FtlSymbolId id, FtlSymbol *out);
/* The innermost symbol declared at offset of file (its range holds it); 0 when none. */
FTL_API int ftl_session_symbol_at(FtlSession *s, const char *file, uint32_t offset, FtlSymbol *out);
/* What the reference at offset resolves to: a declaration anywhere in the
 * compilation, including pinned external realms' cached schemas (range.file is
 * then the cache file; a cache in a protobuf format has no positions, so the
 * range is its start). On a module qualifier, the module; on an @realm, the
 * realm; on a declaration's own name, that declaration. out and ref (either
 * may be NULL) receive the symbol and the reference. 0 when there is nothing
 * at offset. */
FTL_API int ftl_session_definition(FtlSession *s, const char *file, uint32_t offset, FtlSymbol *out,
                                   FtlReference *ref);
/* Every reference to id, across all files and realms, in file and position
 * order; with include_declaration, the declaration's name first. Caller frees
 * *refs. */
FTL_API FtlStatus ftl_session_references(FtlSession *s, FtlSymbolId id, int include_declaration,
                                         FtlReference **refs, size_t *count);
/* The references written inside id (its fields, metadata, request and
 * response; a module's declarations; a realm's modules), without their module
 * and realm qualifiers: for a verb, filtered on FTL_REF_CALLS, its outgoing
 * calls. Caller frees *refs. */
FTL_API FtlStatus ftl_session_references_from(FtlSession *s, FtlSymbolId id, FtlReference **refs,
                                              size_t *count);
/* The symbols declared in file as a tree in document order: each item's
 * parent field names its parent (0 for top level, and for a module file's
 * module). A realm written in several blocks is listed with the range of this
 * file's block. Caller frees *syms. */
FTL_API FtlStatus ftl_session_outline(FtlSession *s, const char *file, FtlSymbol **syms,
                                      size_t *count);

/* The declaration id (a config, secret, database, topic, typealias, enum, data
 * or verb) as canonical text prints it (ftlc emit --format ftl): its comments,
 * references qualified, a verb's metadata sorted; ends with LF. Caller frees
 * *out. FTL_EINVAL for a symbol that is not a declaration. */
FTL_API FtlStatus ftl_session_symbol_text(FtlSession *s, FtlSymbolId id, char **out, size_t *len);
/* Why id cannot be renamed to name, or NULL when it can (a rename of every
 * reference, as ftl_session_references lists them, keeps the schema's
 * meaning): a realm or module, a symbol of an external realm or referred to
 * from one (its schema is pinned), a name that is not an identifier, a
 * primitive type's name for a declaration, a topic name not starting with a
 * lower-case letter, the name of the declaration's module or of a builtin
 * declaration (unqualified references would find those), or a name another
 * symbol of its scope has. The sentence stays valid until the next call on s. */
FTL_API const char *ftl_session_rename_check(FtlSession *s, FtlSymbolId id, const char *name);

/* Which symbols ftl_session_symbols returns: every field that is set must match. */
typedef struct FtlSymbolFilter {
    const char *realm;  /* exact realm name */
    const char *module; /* exact module name */
    const char *query;  /* case-insensitive subsequence of the name ("" or NULL: all) */
    unsigned kinds;     /* bit (1u << kind) for each kind wanted; 0: all kinds */
} FtlSymbolFilter;
/* Declarations of the whole compilation (realms, modules, declarations; not
 * fields), sorted by realm, module and name. Caller frees *syms. */
FTL_API FtlStatus ftl_session_symbols(FtlSession *s, const FtlSymbolFilter *filter,
                                      FtlSymbol **syms, size_t *count);

typedef enum FtlTokenKind {
    FTL_TOKEN_KEYWORD,    /* module, data, verb, export, realm, ... */
    FTL_TOKEN_IDENTIFIER, /* a name; symbol says what it denotes */
    FTL_TOKEN_TYPE,       /* a builtin type: Int, String, ... */
    FTL_TOKEN_STRING,
    FTL_TOKEN_NUMBER,
    FTL_TOKEN_COMMENT,
    FTL_TOKEN_METADATA, /* +calls, +subscribe, ... */
    FTL_TOKEN_REALM,    /* the @realm of a reference */
    FTL_TOKEN_OPERATOR, /* punctuation */
    FTL_TOKEN_TEXT      /* cron text, ingress paths */
} FtlTokenKind;

typedef struct FtlSyntaxToken {
    FtlTokenKind kind;
    FtlSymbolKind symbol; /* IDENTIFIER, REALM: the kind of symbol it declares or refers
                             to; 0 unknown (an unresolved name) */
    int declaration;      /* IDENTIFIER: the token declares symbol (its name) */
    FtlRange range;
} FtlSyntaxToken;

/* The lexical tokens of file (comments included), in order, as the parser
 * reads them: +cron text and ingress paths are one TEXT token each. A keyword
 * used as a name (a field called `data`) is an IDENTIFIER. A file in a
 * protobuf format has none. Caller frees *toks. */
FTL_API FtlStatus ftl_session_tokens(FtlSession *s, const char *file, FtlSyntaxToken **toks,
                                     size_t *count);

/* ---- build systems and files ----------------------------------------------------------- */

/* A make rule: target depends on every file the last compile read
 * (ftl_session_files), gcc's -MD format; with phony set, an empty rule for
 * every prerequisite but the first (the main input), as gcc's -MP writes.
 * target NULL: path without ".d", else path with ".stamp" added. Written
 * atomically to path; FTL_EIO (and E0001) when it cannot be, or when path is
 * the same file as one the compile read (compared by device and inode). */
FTL_API FtlStatus ftl_session_write_depfile(FtlSession *s, const char *path, const char *target,
                                            int phony);

/* ---- external realms (ftlc realm) ---------------------------------------------- */

/* The operations of ftlc-realm(1) on a project file (ftl-project.toml(5)):
 * pin other realms' public schemas by git commit, cache them under
 * .ftl/realms, and keep their SHA-256 in the lock file beside the project file.
 * Every operation that writes takes an advisory lock on the project file
 * (flock(2)), reads it under that lock, and writes atomically: a failure (or a
 * cancel) leaves the project file, the lock file and the cache as they were.
 * Problems are diagnostics of the session (ftl_session_diagnostics): errors in
 * the project file at their place, git failures (E0708), I/O (E0715). */
typedef enum FtlRealmOp {
    FTL_REALM_ADD,    /* pin git_repo's branch head (ftlc realm add) */
    FTL_REALM_UPDATE, /* move pins to their branch heads */
    FTL_REALM_LIST,   /* report the pins; reads only */
    FTL_REALM_REMOVE, /* unpin and delete the cache */
    FTL_REALM_FETCH   /* make sure every pinned schema is cached and intact */
} FtlRealmOp;

typedef struct FtlRealmRequest {
    FtlRealmOp op;
    /* The project file; NULL: ftl-project.toml in the current directory or the
     * nearest parent that has one. */
    const char *project;
    /* ADD: the repository (a URL, host:path, or a path relative to the
     * project's directory), the branch, the schema's path in the repository (a
     * .txtpb, .json or .binpb file, or a directory holding
     * ftl-external-schema.txtpb, .json or .binpb; NULL: the realm's own
     * export-path, else ftl-external-schema.* at its top) and the name to pin
     * it under (NULL: the realm's name in its schema). */
    const char *git_repo, *git_branch, *git_path, *name;
    /* UPDATE, REMOVE, FETCH: the realms (none: every pinned realm; REMOVE
     * needs at least one). */
    const char *const *names;
    size_t nnames;
    int offline; /* FETCH: check the cache only, use no network */
    int timeout; /* seconds allowed each git command and the wait for the lock; 0: 120 */
    /* UPDATE, and ADD of a name already pinned: the local realm's schema
     * files, checked against the new schema and telling what the local realm
     * uses (none: every .ftl file under the project's directory, in folders
     * not named with a leading '.'). An update that breaks what it uses
     * (ftlc-breaking(1)'s rules) or makes it fail to check is refused
     * (E0716, E0717: FTL_ERRORS, nothing written) unless force is set
     * (W0704). dry_run does everything but write, and keeps the result. */
    const char *const *files;
    size_t nfiles;
    int dry_run, force;
    /* Polled between steps and while git runs (may be NULL): nonzero stops
     * the operation, which then undoes what it wrote, reports E0713 and
     * returns FTL_EIO. */
    int (*cancelled)(void *ctx);
    void *cancel_ctx;
} FtlRealmRequest;

/* What an operation did to one realm. */
typedef enum FtlRealmAction {
    FTL_REALM_ADDED,      /* ADD: pinned and cached */
    FTL_REALM_MOVED,      /* UPDATE: moved from old_commit to git_commit */
    FTL_REALM_PINNED,     /* UPDATE: had no commit; now has one */
    FTL_REALM_RECORDED,   /* UPDATE: at its branch head already; its SHA-256 recorded */
    FTL_REALM_UP_TO_DATE, /* UPDATE: at its branch head already */
    FTL_REALM_LISTED,     /* LIST */
    FTL_REALM_REMOVED,    /* REMOVE */
    FTL_REALM_FETCHED,    /* FETCH: fetched into the cache */
    FTL_REALM_CACHED      /* FETCH: in the cache and intact already */
} FtlRealmAction;

/* The state of a pin's cached schema. */
typedef enum FtlRealmCache {
    FTL_REALM_CACHE_OK,       /* present and matching its recorded SHA-256 (if any) */
    FTL_REALM_CACHE_MISSING,  /* not in the cache */
    FTL_REALM_CACHE_MISMATCH, /* not what the recorded SHA-256 says */
    FTL_REALM_CACHE_UNPINNED, /* the pin has no git-commit */
    FTL_REALM_CACHE_UNUSABLE  /* not read: a link, not a regular file or over 64 MiB */
} FtlRealmCache;

/* One change of a realm's public API between two commits. */
/* One change of a realm's public API between two commits that breaks its
 * callers (ftlc-breaking(1)). */
typedef struct FtlRealmChange {
    int breaking;          /* 1 (every change listed breaks some caller) */
    const char *what;      /* "field `currency` was removed from data `accounts.Balance`, ..." */
    const char *rule;      /* "FIELD_NO_DELETE" */
    const char *category;  /* "WIRE" or "SOURCE" */
    const char *direction; /* "IN", "OUT", "BOTH", "NONE", or NULL: not about a type */
    int affects_local;     /* it breaks what the local realm uses */
} FtlRealmChange;

typedef struct FtlRealmPin {
    FtlRealmAction action;
    const char *name;
    /* The pin as it is after the operation (NULL: not given). */
    const char *git_repo, *git_branch, *git_commit, *git_path;
    const char *schema_sha256; /* the SHA-256 recorded for git_commit, or NULL */
    const char *declared_in;   /* "[realms.egress]" (ftlc's form) or "[external-realms]" */
    const char *endpoint_key;  /* NAME-realm-endpoint, the config key of its ingress */
    FtlRealmCache cache;
    const char *cache_path;         /* the cached schema, found or expected */
    const char *schema_path;        /* ADD, UPDATE, FETCH: the file read in the repository */
    const char *old_commit;         /* UPDATE (MOVED): the commit before */
    unsigned modules, declarations; /* ADD: what the public schema holds */
    /* UPDATE (MOVED): the API changes, or api_note saying why they were not
     * compared (api_compared 0). */
    int api_compared;
    const char *api_note;
    const FtlRealmChange *changes;
    size_t nchanges;
    unsigned breaking, compatible; /* compatible: 0 (only breaking changes are listed) */
    /* UPDATE (MOVED), ADD of a pinned name: what the update does to the local
     * realm: the changes that break what it uses, whether its schema was
     * found, and whether the update was refused (dry_run: would be). */
    unsigned affecting;
    int local_found, refused;
    int verified; /* FETCH: the schema matched a recorded SHA-256 */
} FtlRealmPin;

typedef struct FtlRealmResult {
    const char *project;     /* the project file used */
    const FtlRealmPin *pins; /* the realms named, in order, or every pin */
    size_t npins;
} FtlRealmResult;

/* Runs one realm operation. The result stays valid until the session's next
 * operation or compile. FTL_OK; FTL_ERRORS for errors in the project, the
 * lock file or a fetched schema (nothing written); FTL_EINVAL for a request
 * that cannot be run (a realm that is not pinned, a repository or branch
 * refused, REMOVE without names); FTL_EIO when git, a file or the lock
 * failed; FTL_NOMEM when memory ran out, with nothing written, the lock
 * released and git stopped. (Running out while deleting a removed realm's
 * cache, after the writes, is W0703 and FTL_OK.) */
FTL_API FtlStatus ftl_session_realm(FtlSession *s, const FtlRealmRequest *req, FtlRealmResult *out);
/* Why req cannot run as given, in a sentence naming the option ("--git-branch
 * is refused: it begins with '-'"), written to buf (size bytes) or static; NULL
 * when it can. ftl_session_realm reports the same as E0714 (FTL_EINVAL); a
 * command line asks first, to show it as a usage error. */
FTL_API const char *ftl_realm_request_problem(const FtlRealmRequest *req, char *buf, size_t size);

/* ---- importing gRPC services (ftlc import) -------------------------------------- */

/* Where the descriptors of an import come from (ftlc-import(1)). */
typedef enum FtlImportSource {
    FTL_IMPORT_PROTO, /* .proto files (through protoc) and descriptor sets */
    FTL_IMPORT_GRPC   /* a server's reflection service (the helper ftlc-grpc-reflect) */
} FtlImportSource;

typedef struct FtlImportRequest {
    FtlImportSource source;
    /* PROTO: .proto files, compiled by protoc (the program protoc, NULL:
     * "protoc" on PATH; include_dirs are its -I folders), and descriptor sets
     * (.pb, .binpb, .desc, .protoset), read as they are. */
    const char *const *files;
    size_t nfiles;
    const char *const *include_dirs;
    size_t ninclude_dirs;
    const char *protoc;
    /* GRPC: the server (HOST:PORT, [V6]:PORT or a gRPC target with a scheme),
     * TLS unless plaintext (cacert: a PEM file of roots; NULL: the system's),
     * headers sent with every call ("KEY: VALUE"), seconds allowed (0: 30). */
    const char *address;
    int plaintext;
    const char *cacert;
    const char *const *headers;
    size_t nheaders;
    int timeout;
    /* The realm's name (NULL: name in the project file, ftl_session_set_project
     * or the nearest one); module names for packages ("PKG=NAME"); the full
     * names of the services to import (none: those of the files given, or
     * every service the server lists). */
    const char *realm;
    const char *const *module_names;
    size_t nmodule_names;
    const char *const *services;
    size_t nservices;
} FtlImportRequest;

/* Imports services as the public schema of a realm: the descriptors are
 * mapped to FTL (ftlc-import(1), MAPPING) and the realm's text is compiled and
 * checked as any input, in a compilation that replaces the session's. Then the
 * session holds that realm: ftl_session_emit with FTL_EMIT_PUBLIC writes its
 * public schema (as FTL text with FTL_EMIT_EXTERNAL: an external realm block),
 * ftl_session_project tells the project file used, and
 * ftl_session_import_mapping gives the JSON a gRPC proxy reads. Problems are
 * diagnostics (E0620-E0629, W0620-W0629, at their place in a .proto file when
 * its text is found). FTL_OK; FTL_ERRORS; FTL_EINVAL for a request that
 * cannot run (ftl_import_request_problem) or a realm without a name; FTL_EIO
 * when an input cannot be read, protoc cannot be run or the server cannot be
 * reached (the sentence in ftl_session_error); FTL_NOMEM. The session's
 * inputs, include folders, external realms and module are not used. */
FTL_API FtlStatus ftl_session_import(FtlSession *s, const FtlImportRequest *req);
/* Why req cannot run as given, in a sentence naming the option or input
 * ("--plaintext and --cacert cannot be combined", "'notes.txt' is neither a
 * .proto file nor a descriptor set ..."), written to buf (size bytes) or
 * static; NULL when it can. A command line asks first, to show a usage error. */
FTL_API const char *ftl_import_request_problem(const FtlImportRequest *req, char *buf, size_t size);
/* After an import that succeeded: the JSON description of the mapping a gRPC
 * proxy reads (ftlc-import(1), --mapping-out), in *out (caller frees,
 * NUL-terminated) and *len. FTL_EINVAL when the session holds no import. */
FTL_API FtlStatus ftl_session_import_mapping(FtlSession *s, char **out, size_t *len);

/* ---- breaking changes (ftlc breaking) ------------------------------------------- */

/* A rule of ftlc-breaking(1): the changes it finds are diagnostics with its ID
 * as their code. */
typedef struct FtlBreakingRule {
    const char *id;       /* "FIELD_NO_DELETE" */
    const char *category; /* "WIRE", "SOURCE", or "WIRE/SOURCE": depends on the change */
} FtlBreakingRule;
/* Every rule, in the order of ftlc-breaking(1)'s table (static). */
FTL_API const FtlBreakingRule *ftl_breaking_rules(size_t *count);

/* Which declarations' changes count (--scope). */
typedef enum FtlBreakingScope {
    FTL_BREAKING_SCOPE_REALM,  /* what other realms can use: 'export realm', what it reaches */
    FTL_BREAKING_SCOPE_MODULE, /* also what other modules can use: 'export' */
    FTL_BREAKING_SCOPE_ALL     /* every declaration */
} FtlBreakingScope;

/* Categories of changes, as bits. */
#define FTL_BREAKING_WIRE 0x1u   /* callers break at run time */
#define FTL_BREAKING_SOURCE 0x2u /* generated clients no longer build; the wire still fits */

typedef struct FtlBreakingRequest {
    /* The older version, one of: files in any format (by their names), with
     * the session's other options (-I, external realms, the project file); or
     * git revision against_git of the current directory's repository: the
     * session's inputs, -I modules, external realm files, project file and
     * the caches of its pins as they are at that revision (named "REV:PATH";
     * an input the revision lacks was added since and is left out). */
    const char *const *against;
    size_t nagainst;
    const char *against_git;
    FtlBreakingScope scope;
    unsigned categories;       /* FTL_BREAKING_* of the changes reported; 0: all */
    const char *const *except; /* IDs of rules not checked (any letter case) */
    size_t nexcept;
} FtlBreakingRequest;

/* How many changes one rule found. */
typedef struct FtlBreakingCount {
    const char *rule;     /* its ID */
    const char *category; /* as ftl_breaking_rules gives it */
    int checked;          /* 0: the request excepted it */
    size_t count;
} FtlBreakingCount;

typedef struct FtlBreakingResult {
    int compared;                  /* both versions checked without errors, and were compared */
    size_t count;                  /* the changes that break callers (each a diagnostic) */
    const FtlBreakingCount *rules; /* every rule, in the order of ftl_breaking_rules */
    size_t nrules;
} FtlBreakingResult;

/* Compiles the session's inputs as ftl_session_compile does (the new
 * version, which the session's queries then see), loads the older version
 * into the same compilation and checks it the same way (the realm of
 * ftl_session_set_realm names its local realm only when no input of it has a
 * local 'realm' block; git(1) runs in the current directory, each command
 * allowed 120 seconds), and, when
 * both check, compares them (ftlc-breaking(1)): each change that breaks
 * callers is an error diagnostic with the rule's ID as its code, a note per
 * step of how the declaration is in scope, a note with its category, and the
 * properties "category" and "direction". The older version's warnings are
 * left out: it is the baseline. Its files are among the sources diagnostics
 * point into, not among ftl_session_files. The result stays valid until the
 * next compile.
 * FTL_OK: nothing breaks. FTL_ERRORS: something breaks, or a version has
 * errors (then they are not compared: out->compared is 0). FTL_EIO: a file or
 * the revision could not be read (E0001; ftl_session_error says which).
 * FTL_EINVAL: a request that cannot run (neither or both of against and
 * against_git, standard input at a revision, an unknown rule or scope). */
FTL_API FtlStatus ftl_session_breaking(FtlSession *s, const FtlBreakingRequest *req,
                                       FtlBreakingResult *out);

/* Replaces path with len bytes of data atomically: a reader, or a crash, sees
 * the old file or the new one, never half of it; a symbolic link keeps
 * pointing where it did; a FIFO or a device is written in place. FTL_EIO when
 * it cannot (ftl_session_error says why), when path is the same file as
 * another of the session's inputs (under another name: ./a.ftl, a link), or
 * when path is an input that another program changed after the session read
 * it (stat(2) differs): the edits made for the old text would lose its
 * change. */
FTL_API FtlStatus ftl_session_write_file(FtlSession *s, const char *path, const void *data,
                                         size_t len);
/* The same for an output of the last compile (ftlc emit -o, export): FTL_EIO
 * also when path is the same file as any file that compile read
 * (ftl_session_files), itself included: an output never replaces an input. */
FTL_API FtlStatus ftl_session_write_output(FtlSession *s, const char *path, const void *data,
                                           size_t len);

/* An output of the last compile written as it is made, never held whole:
 * ftl_session_output_open starts it beside path (a temporary file, with the
 * checks of ftl_session_write_output made now: FTL_EIO, with
 * ftl_session_error saying why, when path is a directory or the same file as
 * one the compile read, or when no temporary file can be made there);
 * ftl_output_write, an FtlWriter for ftl_session_emit, appends to it; then
 * ftl_output_commit replaces path atomically, or ftl_output_drop leaves it as
 * it was. Until the commit nothing of path changes (a FIFO or a device is
 * written in place at the commit, from memory). Either ends the output.
 *
 *   FtlOutput *o;
 *   if (ftl_session_output_open(s, "out.txtpb", &o) == FTL_OK) {
 *       if (ftl_session_emit(s, &opts, ftl_output_write, o) == FTL_OK)
 *           st = ftl_output_commit(s, o);   // FTL_EIO: a write failed
 *       else
 *           ftl_output_drop(o);
 *   }
 */
typedef struct FtlOutput FtlOutput;
FTL_API FtlStatus ftl_session_output_open(FtlSession *s, const char *path, FtlOutput **out);
/* Appends len bytes to the output ctx; 0, or -1 when this or an earlier write
 * failed (the commit says why). */
FTL_API int ftl_output_write(void *ctx, const void *data, size_t len);
/* Puts the output in place and ends it: FTL_OK, or FTL_EIO (a write failed;
 * ftl_session_error says why) with path as it was. */
FTL_API FtlStatus ftl_output_commit(FtlSession *s, FtlOutput *out);
/* Ends the output, path as it was (NULL: nothing). */
FTL_API void ftl_output_drop(FtlOutput *out);

/* ---- differences ------------------------------------------------------------------ */

/* A unified diff turning a into b (3 lines of context, "--- a/NAME" and
 * "+++ b/NAME" headers); empty when they are equal. Caller frees *out. */
FTL_API FtlStatus ftl_unified_diff(const char *name, const char *a, size_t alen, const char *b,
                                   size_t blen, char **out, size_t *len);
/* How a committed public schema (old) differs from a fresh one, both in format
 * f: for the protobuf formats the declarations added, removed and changed
 * (when both decode), then a unified diff of their text (of their protobuf
 * text for binpb). Caller frees *out. */
FTL_API FtlStatus ftl_public_schema_diff(const char *name, const char *old, size_t oldlen,
                                         const char *fresh, size_t freshlen, FtlFormat f,
                                         char **out, size_t *len);

#ifdef __cplusplus
}
#endif

#endif
