/* diagnostics.c - the diagnostics of a session as data (FtlDiagnostic) and
 * rendered by the renderers of src/base (diag.c, diagfmt.c). */
#include "session/session_int.h"
#include "base/diagfmt.h"

#include <stdlib.h>
#include <string.h>

static int is_error(const FtlDiag *g, void *ctx)
{
    (void)ctx;
    return g->sev == FTL_SEV_ERROR;
}

void ses_diags_finish(FtlSession *s, SesComp *c)
{
    FtlDiags *d = &c->diags;
    if (s->flags & FTL_FLAG_WERROR) {
        for (unsigned i = 0; i < d->count; i++)
            if (d->items[i].sev == FTL_SEV_WARNING) {
                d->items[i].sev = FTL_SEV_ERROR;
                d->warnings--;
                d->errors++;
            }
    }
    if (s->flags & FTL_FLAG_QUIET) ftl_diags_filter(d, is_error, NULL);
    ftl_diags_sort(d);
    c->out_valid = 0;
}

/* ---- as data ------------------------------------------------------------------------- */

static const char *arena_copy(SesComp *c, const char *s)
{
    return s ? ftl_arena_strndup(&c->arena, s, strlen(s)) : NULL;
}

static void make_one(SesComp *c, FtlDiagnostic *out, const FtlDiag *g)
{
    out->severity = g->sev;
    out->code = g->code;
    out->message = arena_copy(c, g->msg);
    out->range = ses_range(c, g->span);
    out->focus = out->range;
    FtlNote *notes = FTL_NEW_N(&c->arena, FtlNote, g->nnotes);
    for (unsigned i = 0; i < g->nnotes; i++) {
        notes[i].message = arena_copy(c, g->notes[i].msg);
        notes[i].range = ses_range(c, g->notes[i].span);
    }
    out->notes = notes;
    out->nnotes = g->nnotes;
    FtlFixit *fixits = FTL_NEW_N(&c->arena, FtlFixit, g->nfixits);
    for (unsigned i = 0; i < g->nfixits; i++) {
        fixits[i].message = arena_copy(c, g->fixits[i].msg);
        fixits[i].range = ses_range(c, g->fixits[i].span);
        fixits[i].replacement = arena_copy(c, g->fixits[i].replacement);
    }
    out->fixits = fixits;
    out->nfixits = g->nfixits;
}

/* The view of ftl_diags_view (max_errors applied, the E0208 note last) as an
 * array in the arena: strings copied, so that it outlives later changes to
 * the list (an emit adds diagnostics) until the next compile. */
static FtlStatus make_body(FtlSession *s, void *arg)
{
    (void)arg;
    SesComp *c = s->comp;
    ses_diags_finish(s, c);
    FtlDiags view;
    ftl_diags_view(&c->diags, &view);
    FtlDiagnostic *out = FTL_NEW_N(&c->arena, FtlDiagnostic, view.count);
    for (unsigned i = 0; i < view.count; i++) make_one(c, &out[i], &view.items[i]);
    c->out = out;
    c->nout = view.count;
    ftl_diags_view_free(&view);
    c->out_valid = 1;
    return FTL_OK;
}

const FtlDiagnostic *ftl_session_diagnostics(FtlSession *s, size_t *count)
{
    *count = 0;
    if (!s || !s->comp) return NULL;
    if (!s->comp->out_valid && ses_run(s, make_body, NULL) != FTL_OK) return NULL;
    *count = s->comp->nout;
    return s->comp->out;
}

size_t ftl_session_error_count(FtlSession *s)
{
    return s && s->comp ? s->comp->diags.errors : 0;
}

size_t ftl_session_warning_count(FtlSession *s)
{
    return s && s->comp ? s->comp->diags.warnings : 0;
}

/* ---- rendered ------------------------------------------------------------------------ */

static int is_not_io(const FtlDiag *g, void *ctx)
{
    (void)ctx;
    return strcmp(g->code, SES_IO_CODE) != 0;
}

typedef struct RenderArg {
    FtlDiagnosticFormat format;
    unsigned flags;
    FILE *out;
} RenderArg;

/* The list to render: all, or (FTL_RENDER_SKIP_IO) a copy without the I/O
 * errors, so that they count for nothing in the --max-errors summary. */
static void render_list(const FtlDiags *all, unsigned flags, FtlDiags *d)
{
    *d = *all;
    if (!(flags & FTL_RENDER_SKIP_IO)) return;
    d->items = ftl_xmalloc((all->count ? all->count : 1) * sizeof *d->items);
    d->count = d->errors = d->warnings = 0;
    for (unsigned i = 0; i < all->count; i++) {
        const FtlDiag *g = &all->items[i];
        if (!is_not_io(g, NULL)) continue;
        d->items[d->count++] = *g;
        d->errors += g->sev == FTL_SEV_ERROR;
        d->warnings += g->sev == FTL_SEV_WARNING;
    }
}

static FtlStatus render_body(FtlSession *s, void *arg)
{
    RenderArg *x = arg;
    SesComp *c = ses_comp(s);
    ses_diags_finish(s, c);
    FtlDiags d;
    render_list(&c->diags, x->flags, &d);
    FtlDiagStyle style = {x->format == FTL_DIAGNOSTICS_JSON ? FTL_DIAG_JSON : FTL_DIAG_TEXT,
                          x->format == FTL_DIAGNOSTICS_TEXT && (x->flags & FTL_RENDER_COLOR)};
    switch (x->format) {
    case FTL_DIAGNOSTICS_SARIF: ftl_diags_render_ext(&d, &c->src, FTL_FMT_SARIF, x->out); break;
    case FTL_DIAGNOSTICS_GITHUB: ftl_diags_render_ext(&d, &c->src, FTL_FMT_GITHUB, x->out); break;
    case FTL_DIAGNOSTICS_FTL: ftl_diags_render_ext(&d, &c->src, FTL_FMT_FTL, x->out); break;
    default: ftl_diags_render(&d, &c->src, style, x->out); break;
    }
    if (d.items != c->diags.items) free(d.items);
    return ferror(x->out) ? FTL_EIO : FTL_OK;
}

FtlStatus ftl_session_render_diagnostics(FtlSession *s, FtlDiagnosticFormat f, unsigned flags,
                                         FILE *out)
{
    if (!s || !out || (unsigned)f > FTL_DIAGNOSTICS_FTL) return FTL_EINVAL;
    RenderArg x = {f, flags, out};
    return ses_run(s, render_body, &x);
}
