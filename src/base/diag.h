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

#include "base/source.h"
#include "ftlc.h" /* FtlSeverity: the API's, so that no conversion is needed */
#include <stdarg.h>
#include <stdio.h>

typedef struct FtlDiagNote {
    FtlSpan span; /* may be invalid (file 0): a note without position */
    char *msg;
} FtlDiagNote;

/* A fact for machine readers, beside the message: JSON shows it as "key": "value" (a
 * NULL value as null), SARIF among the result's properties. Both strings are static.
 * ftlc breaking gives its findings "category" and "direction". */
typedef struct FtlDiagProp {
    const char *key, *value;
} FtlDiagProp;

#define FTL_DIAG_MAX_PROPS 2

/* A fix-it: replacing span with replacement repairs the problem (an empty
 * span inserts). A hint that no machine could apply has no span (file 0) and
 * replacement NULL; msg says what to do. Text output shows msg after "help:". */
typedef struct FtlDiagFixit {
    FtlSpan span;
    char *replacement;
    char *msg;
} FtlDiagFixit;

typedef struct FtlDiag {
    FtlSeverity sev;
    const char *code; /* static string, e.g. "E0201" */
    char *msg;
    FtlSpan span;  /* the node the rule is about: its start is where upstream FTL reports it */
    FtlSpan focus; /* the precise token to underline in it (file 0: the span itself) */
    FtlDiagNote *notes;
    unsigned nnotes;
    FtlDiagFixit *fixits;
    unsigned nfixits;
    FtlDiagProp props[FTL_DIAG_MAX_PROPS];
    unsigned nprops;
    unsigned seq; /* insertion order, the tie-breaker when sorting */
} FtlDiag;

/* Errors shown by default (--max-errors). A run with more shows the first ones
 * in order and one note (E0208) saying how many were left out. */
#define FTL_MAX_ERRORS_DEFAULT 100u

typedef struct FtlDiags {
    FtlDiag *items;
    unsigned count, cap;
    unsigned errors, warnings;
    int werror;          /* -W error: warnings count as errors */
    unsigned max_errors; /* errors rendered, 0 = all; the parser also gives up on a
                            file with more, so a hopeless input cannot take long */
    FtlSpan gave_up;     /* where a stage gave up after too many errors (file 0: none) */
} FtlDiags;

typedef enum FtlDiagFormat { FTL_DIAG_TEXT, FTL_DIAG_JSON } FtlDiagFormat;

/* An empty list with max_errors = FTL_MAX_ERRORS_DEFAULT. */
void ftl_diags_init(FtlDiags *d);
/* Frees every diagnostic; d is empty again (as after ftl_diags_init). */
void ftl_diags_free(FtlDiags *d);

/* Has this file (whose parse began with `before` errors in d) more errors than
 * can be shown? Then a stage should stop and call ftl_diags_give_up. */
static inline int ftl_diags_too_many(const FtlDiags *d, unsigned before)
{
    return d->max_errors && d->errors - before > d->max_errors;
}
/* Records that a stage stopped at span `at` after too many errors; the note
 * that reports the errors left out points there. */
void ftl_diags_give_up(FtlDiags *d, FtlSpan at);

FtlDiag *ftl_diag_add(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code, const char *fmt,
                      ...) __attribute__((format(printf, 5, 6)));
FtlDiag *ftl_diag_vadd(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code,
                       const char *fmt, va_list ap);
#define ftl_error(d, span, code, ...) ftl_diag_add((d), FTL_SEV_ERROR, (span), (code), __VA_ARGS__)
#define ftl_warning(d, span, code, ...)                                                            \
    ftl_diag_add((d), FTL_SEV_WARNING, (span), (code), __VA_ARGS__)
void ftl_diag_note(FtlDiag *g, FtlSpan span, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets the token the text rendering underlines (the name of a declaration
 * whose error upstream reports at the declaration's start, say). */
void ftl_diag_focus(FtlDiag *g, FtlSpan focus);
/* Adds a hint without an edit ("rename the module"). */
void ftl_diag_fixit(FtlDiag *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Adds to `to` a copy of each diagnostic of `from` of severity sev or above: its
 * position, focus, message and notes (not its fix-its or properties). */
void ftl_diags_append(FtlDiags *to, const FtlDiags *from, FtlSeverity sev);
/* Adds a property (static strings; at most FTL_DIAG_MAX_PROPS, further ones are dropped). */
void ftl_diag_prop(FtlDiag *g, const char *key, const char *value);

/* Adds an edit: replace span with replacement ("did you mean 'String'?"). */
void ftl_diag_fixit_edit(FtlDiag *g, FtlSpan span, const char *replacement, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports at node, the declaration, module, realm, metadata item or type that
 * upstream FTL reports the rule at (its start is the position shown; see
 * "Positions" in ftl-schema(5)), with focus, the token the message is about,
 * underlined. */
__attribute__((format(printf, 6, 7))) static inline FtlDiag *
ftl_report_at(FtlDiags *d, FtlSeverity sev, FtlSpan node, FtlSpan focus, const char *code,
              const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FtlDiag *g = ftl_diag_vadd(d, sev, node, code, fmt, ap);
    va_end(ap);
    ftl_diag_focus(g, focus);
    return g;
}
/* The head of a module or realm x (of a declaration: ftl_decl_head): from
 * its start (its first comment, 'export', or keyword) to the end of its name.
 * Diagnostics about the whole of x span its head: the body is not in
 * question. */
#define FTL_HEAD(x) ((FtlSpan){(x)->span.file, (x)->span.off, (x)->name_span.end})

#define ftl_error_at(d, node, focus, code, ...)                                                    \
    ftl_report_at((d), FTL_SEV_ERROR, (node), (focus), (code), __VA_ARGS__)

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

/* What a renderer shows of a sorted list: the diagnostics up to the one that
 * would exceed max_errors errors, then, if any were cut or a stage gave up, a
 * note E0208 that says how many errors and warnings were left out. The view
 * shares the diagnostics of d; free it with ftl_diags_view_free (not
 * ftl_diags_free) before d changes. */
void ftl_diags_view(const FtlDiags *d, FtlDiags *view);
void ftl_diags_view_free(FtlDiags *view);

/* Renders the view of d (see ftl_diags_view) to out. */
void ftl_diags_render(const FtlDiags *d, const FtlSources *src, FtlDiagStyle style, FILE *out);

#endif
