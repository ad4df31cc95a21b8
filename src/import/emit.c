/* emit.c - the import model through the one pipeline of the compiling
 * commands: its FTL text (ftltext.c) is an overlay of a session (ftlc.h),
 * compiled, checked and emitted as ftlc export emits a realm's public schema
 * (src/cli/cmd_compile.c). */
#include "base/intern.h"
#include "import/import.h"

#include <stdio.h>
#include <string.h>

/* A range of the session as a span of source id, which holds the same text;
 * none for a range elsewhere. */
static FtlSpan span_of(const FtlRange *g, uint32_t id)
{
    if (!g->file || strcmp(g->file, FTL_IMP_SOURCE) != 0) return (FtlSpan){0, 0, 0};
    return (FtlSpan){id, g->start.offset, g->end.offset};
}

static void add_diagnostic(const FtlImpContext *cx, FtlInterner *in, const FtlDiagnostic *d,
                           uint32_t id)
{
    /* The code of an FtlDiag is never freed: the interned copy outlives it. */
    FtlDiag *g = ftl_diag_add(cx->diags, d->severity, span_of(&d->range, id),
                              ftl_intern_cstr(in, d->code), "%s", d->message);
    ftl_diag_focus(g, span_of(&d->focus, id));
    for (size_t i = 0; i < d->nnotes; i++)
        ftl_diag_note(g, span_of(&d->notes[i].range, id), "%s", d->notes[i].message);
    for (size_t i = 0; i < d->nfixits; i++) {
        const FtlFixit *x = &d->fixits[i];
        if (x->replacement)
            ftl_diag_fixit_edit(g, span_of(&x->range, id), x->replacement, "%s", x->message);
        else
            ftl_diag_fixit(g, "%s", x->message);
    }
}

/* The session's diagnostics, in the text as the import's sources hold it. */
static void take_diagnostics(FtlSession *s, const FtlImpContext *cx, FtlInterner *in,
                             const FtlBuf *text)
{
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    if (!d || !n) return;
    uint32_t id = ftl_sources_add(cx->src, FTL_IMP_SOURCE, text->data, text->len);
    for (size_t i = 0; i < n; i++)
        add_diagnostic(cx, in, &d[i], id);
}

static FtlStatus compile_emit(FtlSession *s, const FtlBuf *text, FtlFormat f, char **data,
                              size_t *len)
{
    /* No project: the text names its realm and uses no other. Every diagnostic
     * is kept (the caller applies its limit). */
    FtlStatus st = ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_set_max_errors(s, 0);
    if (st == FTL_OK) st = ftl_session_set_overlay(s, FTL_IMP_SOURCE, text->data, text->len);
    if (st == FTL_OK) st = ftl_session_add_file(s, FTL_IMP_SOURCE);
    if (st == FTL_OK) st = ftl_session_compile(s);
    FtlEmitOptions o = {FTL_EMIT_PUBLIC, f, FTL_EMIT_EXTERNAL, 0};
    if (st == FTL_OK) st = ftl_session_emit_buffer(s, &o, data, len);
    return st;
}

FtlStatus ftl_imp_emit(const FtlImpModel *m, FtlFormat f, const FtlImpContext *cx, FtlInterner *in,
                       FtlBuf *out, char *err, size_t errsz)
{
    err[0] = 0;
    FtlSession *s = ftl_session_new();
    if (!s) return FTL_NOMEM;
    FtlBuf text;
    ftl_buf_init(&text);
    ftl_imp_write_ftl(&text, m);
    char *data = NULL;
    size_t len = 0;
    FtlStatus st = compile_emit(s, &text, f, &data, &len);
    take_diagnostics(s, cx, in, &text);
    if (st == FTL_OK) ftl_buf_put(out, data, len);
    if (st != FTL_OK && st != FTL_NOMEM && ftl_session_error(s))
        snprintf(err, errsz, "%s", ftl_session_error(s));
    ftl_free(data);
    ftl_buf_free(&text);
    ftl_session_free(s);
    return st == FTL_OK || st == FTL_NOMEM ? st : FTL_ERRORS;
}
