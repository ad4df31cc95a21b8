/* diag.h - the one place every stage reports problems to.
 *
 * Stages never print: they add diagnostics to an FtlDiags list. The command
 * line sorts them by position, drops exact duplicates and renders them as text
 * (GCC/clang style, with the source line and a caret/tilde underline) or JSON.
 *
 * Codes are stable and documented in ftlc(1): E01xx lexical, E02xx syntax,
 * E03xx and up semantic, W… warnings.
 */
#ifndef FTLC_DIAG_H
#define FTLC_DIAG_H

#include "ftlc/source.h"
#include <stdarg.h>
#include <stdio.h>

typedef enum FtlSeverity { FTL_SEV_NOTE, FTL_SEV_WARNING, FTL_SEV_ERROR } FtlSeverity;

typedef struct FtlDiagNote {
    FtlSpan span; /* may be invalid (file 0): a note without position */
    char *msg;
} FtlDiagNote;

typedef struct FtlDiag {
    FtlSeverity sev;
    const char *code; /* static string, e.g. "E0201" */
    char *msg;
    FtlSpan span;
    FtlDiagNote *notes;
    unsigned nnotes;
    char *fixit; /* "help:" text suggesting an edit, or NULL */
    unsigned seq; /* insertion order, the tie-breaker when sorting */
} FtlDiag;

typedef struct FtlDiags {
    FtlDiag *items;
    unsigned count, cap;
    unsigned errors, warnings;
    int werror; /* -W error: warnings count as errors */
} FtlDiags;

typedef enum FtlDiagFormat { FTL_DIAG_TEXT, FTL_DIAG_JSON } FtlDiagFormat;

void ftl_diags_init(FtlDiags *d);
void ftl_diags_free(FtlDiags *d);

FtlDiag *ftl_diag_add(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));
FtlDiag *ftl_diag_vadd(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code,
                       const char *fmt, va_list ap);
#define ftl_error(d, span, code, ...) ftl_diag_add((d), FTL_SEV_ERROR, (span), (code), __VA_ARGS__)
#define ftl_warning(d, span, code, ...)                                                         \
    ftl_diag_add((d), FTL_SEV_WARNING, (span), (code), __VA_ARGS__)
void ftl_diag_note(FtlDiag *g, FtlSpan span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ftl_diag_fixit(FtlDiag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* True when the run has failed: an error, or a warning under -W error. */
int ftl_diags_failed(const FtlDiags *d);

/* Keeps the diagnostics for which keep returns nonzero (counts adjusted). */
void ftl_diags_filter(FtlDiags *d, int (*keep)(const FtlDiag *g, void *ctx), void *ctx);

/* Sorts by file, line, column (then insertion order) and drops exact duplicates. */
void ftl_diags_sort(FtlDiags *d);

typedef struct FtlDiagStyle {
    FtlDiagFormat format;
    int color; /* ANSI colours in text output */
} FtlDiagStyle;

/* Renders every diagnostic to out. */
void ftl_diags_render(const FtlDiags *d, const FtlSources *src, FtlDiagStyle style, FILE *out);

#endif
