/* diagnostics.c - the diagnostics of a session as data (FtlDiagnostic) and
 * rendered by the renderers of src/base (diag.c, diagfmt.c). */
#include "session/session_int.h"
#include "base/diagcodes.h"
#include "base/diagfmt.h"

#include <stdio.h>
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
    FtlWarningConfig w = s->warnings;
    if (s->flags & FTL_FLAG_WERROR) w.all_errors = 1;
    ftl_warnings_apply(d, &w);
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
    /* the token underlined, when the stage named one in the same file */
    int focus = ftl_span_valid(g->focus) && g->focus.file == g->span.file;
    out->focus = focus ? ses_range(c, g->focus) : out->range;
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
    /* keys and values are static strings (diag.h) */
    FtlProperty *props = FTL_NEW_N(&c->arena, FtlProperty, g->nprops);
    for (unsigned i = 0; i < g->nprops; i++) {
        props[i].key = g->props[i].key;
        props[i].value = g->props[i].value;
    }
    out->properties = props;
    out->nproperties = g->nprops;
}

static int is_io(const FtlDiag *g)
{
    return strcmp(g->code, SES_IO_CODE) == 0;
}

/* The diagnostics as shown: the view of ftl_diags_view of those other than
 * E0001 (max_errors applied, the note E0208 last), then every E0001, unless
 * skip_io: files that cannot be read are never cut by max_errors. A list
 * that shares the diagnostics of all; free it with shown_free. */
typedef struct Shown {
    FtlDiags list, rest, view;
} Shown;

static void shown_make(const FtlDiags *all, int skip_io, Shown *sh)
{
    unsigned cap = all->count ? all->count : 1;
    sh->rest = *all;
    sh->rest.items = ftl_xmalloc(cap * sizeof *sh->rest.items);
    sh->rest.count = 0;
    for (unsigned i = 0; i < all->count; i++)
        if (!is_io(&all->items[i])) sh->rest.items[sh->rest.count++] = all->items[i];
    ftl_diags_view(&sh->rest, &sh->view);
    sh->list = *all;
    sh->list.items = ftl_xmalloc((sh->view.count + all->count + 1) * sizeof *sh->list.items);
    sh->list.count = sh->list.errors = sh->list.warnings = 0;
    sh->list.max_errors = 0; /* applied: rendering shows the list as it is */
    sh->list.gave_up = (FtlSpan){0};
    for (unsigned i = 0; i < sh->view.count; i++)
        sh->list.items[sh->list.count++] = sh->view.items[i];
    for (unsigned i = 0; i < all->count && !skip_io; i++)
        if (is_io(&all->items[i])) sh->list.items[sh->list.count++] = all->items[i];
    for (unsigned i = 0; i < sh->list.count; i++) {
        sh->list.errors += sh->list.items[i].sev == FTL_SEV_ERROR;
        sh->list.warnings += sh->list.items[i].sev == FTL_SEV_WARNING;
    }
}

static void shown_free(Shown *sh)
{
    free(sh->list.items);
    ftl_diags_view_free(&sh->view);
    free(sh->rest.items);
}

/* The diagnostics as shown, as an array in the arena: strings copied, so that
 * it outlives later changes to the list (an emit adds diagnostics) until the
 * next compile. */
static FtlStatus make_body(FtlSession *s, void *arg)
{
    (void)arg;
    SesComp *c = s->comp;
    ses_diags_finish(s, c);
    Shown sh;
    shown_make(&c->diags, 0, &sh);
    FtlDiagnostic *out = FTL_NEW_N(&c->arena, FtlDiagnostic, sh.list.count);
    for (unsigned i = 0; i < sh.list.count; i++)
        make_one(c, &out[i], &sh.list.items[i]);
    c->out = out;
    c->nout = sh.list.count;
    c->out_valid = 1;
    shown_free(&sh);
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

typedef struct RenderArg {
    FtlDiagnosticFormat format;
    unsigned flags;
    FILE *out;
} RenderArg;

static FtlStatus render_body(FtlSession *s, void *arg)
{
    RenderArg *x = arg;
    SesComp *c = ses_comp(s);
    ses_diags_finish(s, c);
    Shown sh;
    shown_make(&c->diags, (x->flags & FTL_RENDER_SKIP_IO) != 0, &sh);
    const FtlDiags *d = &sh.list;
    FtlDiagStyle style = {x->format == FTL_DIAGNOSTICS_JSON ? FTL_DIAG_JSON : FTL_DIAG_TEXT,
                          x->format == FTL_DIAGNOSTICS_TEXT && (x->flags & FTL_RENDER_COLOR)};
    switch (x->format) {
    case FTL_DIAGNOSTICS_SARIF: ftl_diags_render_ext(d, &c->src, FTL_FMT_SARIF, x->out); break;
    case FTL_DIAGNOSTICS_GITHUB: ftl_diags_render_ext(d, &c->src, FTL_FMT_GITHUB, x->out); break;
    case FTL_DIAGNOSTICS_FTL: ftl_diags_render_ext(d, &c->src, FTL_FMT_FTL, x->out); break;
    default: ftl_diags_render(d, &c->src, style, x->out); break;
    }
    shown_free(&sh);
    return ferror(x->out) ? FTL_EIO : FTL_OK;
}

FtlStatus ftl_session_render_diagnostics(FtlSession *s, FtlDiagnosticFormat f, unsigned flags,
                                         FILE *out)
{
    if (!s || !out || (unsigned)f > FTL_DIAGNOSTICS_FTL) return FTL_EINVAL;
    RenderArg x = {f, flags, out};
    return ses_run(s, render_body, &x);
}

int ftl_code_help_uri(const char *code, char *buf, size_t size)
{
    const FtlCodeDoc *doc = code ? ftl_code_doc(code) : NULL;
    if (!doc || !buf) return -1;
    int n = snprintf(buf, size, FTL_CODE_URI_PREFIX "%s", doc->code);
    return n > 0 && (size_t)n < size ? 0 : -1;
}

/* ---- the documentation of codes --------------------------------------------------- */

static void code_info(const FtlCodeDoc *d, FtlCodeInfo *out)
{
    const FtlWarningInfo *w = ftl_warning_find(d->code);
    out->code = d->code;
    out->title = d->title;
    out->severity = d->sev;
    out->reported_by = ftl_code_scope_text(d->scope);
    out->meaning = d->meaning;
    out->example_file = d->example ? d->file : NULL;
    out->example_args = d->example ? d->args : NULL;
    out->example = d->example;
    out->fix = d->fix;
    out->warning_name = w ? w->name : NULL;
}

int ftl_code_info(const char *code, FtlCodeInfo *out)
{
    const FtlCodeDoc *d = code ? ftl_code_doc(code) : NULL;
    if (!d || !out) return -1;
    code_info(d, out);
    return 0;
}

int ftl_code_info_at(size_t index, FtlCodeInfo *out)
{
    if (index >= ftl_ncode_docs || !out) return -1;
    code_info(&ftl_code_docs[index], out);
    return 0;
}
