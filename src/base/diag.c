/* diag.c - diagnostics: collection, ordering and rendering. */
#include "base/diag.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/diagcodes.h"
#include "base/glyph.h"
#include "base/strlit.h"

#include <stdlib.h>
#include <string.h>

/* A diagnostic never quotes more than this many columns of a source line; long
 * lines (minified or generated input) are shown as a window around the span. */
enum { SNIPPET_BEFORE = 60, SNIPPET_WIDTH = 160 };

void ftl_diags_init(FtlDiags *d)
{
    memset(d, 0, sizeof *d);
    d->max_errors = FTL_MAX_ERRORS_DEFAULT;
}

static void diag_free_one(FtlDiag *g)
{
    free(g->msg);
    for (unsigned i = 0; i < g->nfixits; i++) {
        free(g->fixits[i].msg);
        free(g->fixits[i].replacement);
    }
    free(g->fixits);
    for (unsigned i = 0; i < g->nnotes; i++)
        free(g->notes[i].msg);
    free(g->notes);
}

void ftl_diags_free(FtlDiags *d)
{
    for (unsigned i = 0; i < d->count; i++)
        diag_free_one(&d->items[i]);
    free(d->items);
    ftl_diags_init(d);
}

FtlDiag *ftl_diag_vadd(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code,
                       const char *fmt, va_list ap)
{
    if (d->count == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = ftl_xrealloc(d->items, d->cap * sizeof *d->items);
    }
    FtlDiag *g = &d->items[d->count];
    memset(g, 0, sizeof *g);
    g->sev = sev;
    g->code = code;
    g->span = span;
    g->seq = d->count++;
    g->msg = ftl_vformat(fmt, ap);
    if (sev == FTL_SEV_ERROR) d->errors++;
    if (sev == FTL_SEV_WARNING) d->warnings++;
    return g;
}

FtlDiag *ftl_diag_add(FtlDiags *d, FtlSeverity sev, FtlSpan span, const char *code, const char *fmt,
                      ...)
{
    va_list ap;
    va_start(ap, fmt);
    FtlDiag *g = ftl_diag_vadd(d, sev, span, code, fmt, ap);
    va_end(ap);
    return g;
}

void ftl_diag_note(FtlDiag *g, FtlSpan span, const char *fmt, ...)
{
    g->notes = ftl_xrealloc(g->notes, (g->nnotes + 1) * sizeof *g->notes);
    va_list ap;
    va_start(ap, fmt);
    g->notes[g->nnotes].msg = ftl_vformat(fmt, ap);
    va_end(ap);
    g->notes[g->nnotes].span = span;
    g->nnotes++;
}

void ftl_diag_focus(FtlDiag *g, FtlSpan focus)
{
    g->focus = focus;
}

/* What the caret line underlines: the focus when there is one in the span's file. */
static FtlSpan diag_focus(const FtlDiag *g)
{
    return g->focus.file && g->focus.file == g->span.file ? g->focus : g->span;
}

static void diag_vfixit(FtlDiag *g, FtlSpan span, const char *replacement, const char *fmt,
                        va_list ap)
{
    g->fixits = ftl_xrealloc(g->fixits, (g->nfixits + 1) * sizeof *g->fixits);
    FtlDiagFixit *x = &g->fixits[g->nfixits];
    x->span = span;
    x->replacement = NULL;
    x->msg = ftl_vformat(fmt, ap);
    g->nfixits++;
    if (replacement) {
        size_t n = strlen(replacement);
        x->replacement = ftl_xmalloc(n + 1);
        memcpy(x->replacement, replacement, n + 1);
    }
}

void ftl_diag_fixit(FtlDiag *g, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vfixit(g, (FtlSpan){0}, NULL, fmt, ap);
    va_end(ap);
}

void ftl_diag_fixit_edit(FtlDiag *g, FtlSpan span, const char *replacement, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_vfixit(g, span, replacement, fmt, ap);
    va_end(ap);
}

void ftl_diags_append(FtlDiags *to, const FtlDiags *from, FtlSeverity sev)
{
    for (unsigned i = 0; i < from->count; i++) {
        const FtlDiag *x = &from->items[i];
        if (x->sev < sev) continue;
        FtlDiag *g = ftl_diag_add(to, x->sev, x->span, x->code, "%s", x->msg);
        ftl_diag_focus(g, x->focus);
        for (unsigned k = 0; k < x->nnotes; k++)
            ftl_diag_note(g, x->notes[k].span, "%s", x->notes[k].msg);
    }
}

void ftl_diag_prop(FtlDiag *g, const char *key, const char *value)
{
    if (g->nprops < FTL_DIAG_MAX_PROPS) g->props[g->nprops++] = (FtlDiagProp){key, value};
}

void ftl_diags_give_up(FtlDiags *d, FtlSpan at)
{
    if (!ftl_span_valid(d->gave_up)) d->gave_up = at;
}

int ftl_diags_failed(const FtlDiags *d)
{
    return d->errors > 0 || (d->werror && d->warnings > 0);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

/* Diagnostics without a position sort after those with one. */
static int diag_cmp(const void *pa, const void *pb)
{
    const FtlDiag *a = pa, *b = pb;
    uint32_t fa = a->span.file ? a->span.file : UINT32_MAX;
    uint32_t fb = b->span.file ? b->span.file : UINT32_MAX;
    int c = cmp_u32(fa, fb);
    if (!c) c = cmp_u32(a->span.off, b->span.off);
    if (!c) c = cmp_u32(a->seq, b->seq);
    return c;
}

static int diag_same(const FtlDiag *a, const FtlDiag *b)
{
    return a->sev == b->sev && a->span.file == b->span.file && a->span.off == b->span.off &&
           a->span.end == b->span.end && strcmp(a->code, b->code) == 0 &&
           strcmp(a->msg, b->msg) == 0;
}

/* Is g a duplicate of one of the survivors items[0..w)? Duplicates share a
 * position, and the items are sorted by position: only the run of survivors
 * at g's position needs looking at. */
static int is_duplicate(const FtlDiags *d, unsigned w, const FtlDiag *g)
{
    for (unsigned i = w; i-- > 0;) {
        const FtlDiag *s = &d->items[i];
        if (s->span.file != g->span.file || s->span.off != g->span.off) return 0;
        if (diag_same(s, g)) return 1;
    }
    return 0;
}

void ftl_diags_filter(FtlDiags *d, int (*keep)(const FtlDiag *g, void *ctx), void *ctx)
{
    unsigned w = 0;
    for (unsigned r = 0; r < d->count; r++) {
        FtlDiag *g = &d->items[r];
        if (keep(g, ctx)) {
            d->items[w++] = *g;
            continue;
        }
        if (g->sev == FTL_SEV_ERROR) d->errors--;
        if (g->sev == FTL_SEV_WARNING) d->warnings--;
        diag_free_one(g);
    }
    d->count = w;
}

void ftl_diags_sort(FtlDiags *d)
{
    if (d->count > 1) qsort(d->items, d->count, sizeof *d->items, diag_cmp);
    unsigned w = 0;
    for (unsigned r = 0; r < d->count; r++) {
        if (is_duplicate(d, w, &d->items[r])) {
            if (d->items[r].sev == FTL_SEV_ERROR) d->errors--;
            if (d->items[r].sev == FTL_SEV_WARNING) d->warnings--;
            diag_free_one(&d->items[r]);
            continue;
        }
        d->items[w++] = d->items[r];
    }
    d->count = w;
}

/* ---- text rendering ------------------------------------------------------ */

static const char *sev_name(FtlSeverity s)
{
    switch (s) {
    case FTL_SEV_ERROR: return "error";
    case FTL_SEV_WARNING: return "warning";
    default: return "note";
    }
}

static const char *sev_color(FtlSeverity s)
{
    switch (s) {
    case FTL_SEV_ERROR: return "\033[1;31m";
    case FTL_SEV_WARNING: return "\033[1;35m";
    default: return "\033[1;36m";
    }
}

/* Writes source bytes [p, e) for display (see ftl_glyph_at). */
static void put_display(FtlBuf *b, const char *p, const char *e)
{
    while (p < e) {
        FtlGlyph g = ftl_glyph_at(p, e);
        if (g.shown)
            ftl_buf_put(b, p, g.len);
        else
            ftl_buf_putc(b, '?');
        p += g.len;
    }
}

/* Writes the cells of [p, e) as c each: spaces before the caret, tildes
 * after it. TABs are mirrored, so the caret lines up whatever the tab width;
 * a wide character takes two cells, a combining mark none. */
static void put_cells(FtlBuf *b, const char *p, const char *e, char c)
{
    while (p < e) {
        FtlGlyph g = ftl_glyph_at(p, e);
        if (g.width < 0) ftl_buf_putc(b, c == ' ' ? '\t' : c);
        for (int i = g.shown ? g.width : 1; i > 0; i--)
            ftl_buf_putc(b, c);
        p += g.len;
    }
}

/* Step back to a character boundary so a window never splits a UTF-8 sequence. */
static const char *char_start(const char *lo, const char *p)
{
    while (p > lo && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    return p;
}

/* The part of a source line a snippet shows: line [ls, le), shown [ws, we). */
typedef struct Window {
    const char *ls, *le, *ws, *we;
    int cut_left, cut_right, gw;
    uint32_t line;
} Window;

/* The window of span s's first line, around the span. 0, or -1 when s is not
 * in f. */
static int window_of(const FtlSource *f, FtlSpan s, Window *w)
{
    if (!f || s.off > f->len) return -1;
    uint32_t nlines;
    const uint32_t *lines = ftl_source_lines(f, &nlines);
    const char *base = f->data;
    w->line = ftl_source_line(f, s.off); /* no scan of a long line */
    w->ls = base + lines[w->line];
    w->le = w->line + 1 < nlines ? base + lines[w->line + 1] - 1 : base + f->len;
    if (w->le > w->ls && w->le[-1] == '\r') w->le--;
    const char *at = base + s.off;
    /* Window long lines around the span. */
    w->ws = w->ls, w->we = w->le;
    w->cut_left = w->cut_right = 0;
    if (at - w->ls > SNIPPET_BEFORE)
        w->ws = char_start(w->ls, at - SNIPPET_BEFORE), w->cut_left = 1;
    if (w->we - w->ws > SNIPPET_WIDTH)
        w->we = char_start(w->ws, w->ws + SNIPPET_WIDTH), w->cut_right = 1;
    if (w->we < at) w->we = at;
    char gutter[16];
    w->gw = snprintf(gutter, sizeof gutter, "%u", w->line + 1);
    return 0;
}

/* The empty gutter and the blank cells before `at` in the window. */
static void pad_to(FtlBuf *b, const Window *w, const char *at)
{
    ftl_buf_printf(b, " %*s | ", w->gw + 3, "");
    if (w->cut_left) ftl_buf_puts(b, "   ");
    put_cells(b, w->ws, at, ' ');
}

static void render_snippet(FtlBuf *b, const FtlSource *f, FtlSpan s, int color)
{
    Window w;
    if (window_of(f, s, &w) != 0) return;
    const char *at = f->data + s.off;
    const char *spanend = f->data + (s.end > s.off ? s.end : s.off + 1);
    if (spanend > w.le) spanend = w.le > at ? w.le : at + 1;

    ftl_buf_printf(b, " %*u | ", w.gw + 3, w.line + 1);
    if (w.cut_left) ftl_buf_puts(b, "...");
    put_display(b, w.ws, w.we);
    if (w.cut_right) ftl_buf_puts(b, "...");
    ftl_buf_putc(b, '\n');

    /* Underline: the caret under the first cell of the span, tildes under
     * the rest of it on this line. */
    pad_to(b, &w, at);
    if (color) ftl_buf_puts(b, "\033[1;32m");
    ftl_buf_putc(b, '^');
    const char *p = at;
    if (p < w.le) {
        FtlGlyph g = ftl_glyph_at(p, w.le);
        for (int i = g.shown ? g.width : 1; i > 1; i--)
            ftl_buf_putc(b, '~');
        p += g.len;
    }
    put_cells(b, p, spanend < w.we ? spanend : w.we, '~');
    if (color) ftl_buf_puts(b, "\033[0m");
    ftl_buf_putc(b, '\n');
}

/* A fix-it's replacement under the caret line, where it goes, as clang shows
 * it: when it edits the line of the snippet (of span s) within the window
 * and is one line of text. A deletion shows nothing here (its help says
 * what goes). */
static void render_fixit_line(FtlBuf *b, const FtlSource *f, FtlSpan s, const FtlDiagFixit *x,
                              int color)
{
    Window w;
    if (!x->replacement || !x->replacement[0] || strchr(x->replacement, '\n') ||
        x->span.file != s.file || window_of(f, s, &w) != 0)
        return;
    const char *at = f->data + x->span.off;
    if (at < w.ws || at > w.we || x->span.off > f->len || ftl_source_line(f, x->span.off) != w.line)
        return;
    const char *r = x->replacement, *e = r + strlen(r);
    while (e > r && e[-1] == ' ')
        e--; /* no line ends in a space */
    pad_to(b, &w, at);
    if (color) ftl_buf_puts(b, "\033[32m");
    put_display(b, r, e);
    if (color) ftl_buf_puts(b, "\033[0m");
    ftl_buf_putc(b, '\n');
}

static void render_location(FtlBuf *b, const FtlSources *src, FtlSpan s, int color)
{
    const FtlSource *f = ftl_sources_get(src, s.file);
    if (!f) return;
    FtlPos p = ftl_source_pos(f, s.off);
    if (color) ftl_buf_puts(b, "\033[1m");
    ftl_buf_printf(b, "%s:%u:%u: ", f->name, p.line, p.col);
    if (color) ftl_buf_puts(b, "\033[0m");
}

static void render_text(FtlBuf *b, const FtlDiag *g, const FtlSources *src, int color)
{
    render_location(b, src, g->span, color);
    if (color) ftl_buf_puts(b, sev_color(g->sev));
    ftl_buf_printf(b, "%s[%s]:", sev_name(g->sev), g->code);
    if (color) ftl_buf_puts(b, "\033[0;1m");
    ftl_buf_printf(b, " %s", g->msg);
    if (color) ftl_buf_puts(b, "\033[0m");
    ftl_buf_putc(b, '\n');
    render_snippet(b, ftl_sources_get(src, g->span.file), diag_focus(g), color);
    for (unsigned i = 0; i < g->nfixits; i++)
        render_fixit_line(b, ftl_sources_get(src, g->span.file), diag_focus(g), &g->fixits[i],
                          color);
    for (unsigned i = 0; i < g->nnotes; i++) {
        const FtlDiagNote *n = &g->notes[i];
        render_location(b, src, n->span, color);
        if (color) ftl_buf_puts(b, sev_color(FTL_SEV_NOTE));
        ftl_buf_puts(b, "note:");
        if (color) ftl_buf_puts(b, "\033[0m");
        ftl_buf_printf(b, " %s\n", n->msg);
        render_snippet(b, ftl_sources_get(src, n->span.file), n->span, color);
    }
    for (unsigned i = 0; i < g->nfixits; i++) {
        if (color) ftl_buf_puts(b, "\033[1;32m");
        ftl_buf_puts(b, "help:");
        if (color) ftl_buf_puts(b, "\033[0m");
        ftl_buf_printf(b, " %s\n", g->fixits[i].msg);
    }
}

/* ---- JSON rendering ------------------------------------------------------ */

/* ", "file": …, "line": … of span s. A diagnostic without a position says
 * "file": null; a note without one has no position fields at all. */
static void json_pos(FtlBuf *b, const FtlSources *src, FtlSpan s, int optional)
{
    const FtlSource *f = ftl_sources_get(src, s.file);
    if (!f) {
        if (!optional)
            ftl_buf_puts(b, ", \"file\": null, \"line\": 0, \"column\": 0, \"end_line\": 0, "
                            "\"end_column\": 0");
        return;
    }
    FtlPos p, e;
    ftl_span_pos(src, s, &p, &e);
    ftl_buf_puts(b, ", \"file\": ");
    ftl_json_quote(b, f->name);
    ftl_buf_printf(b, ", \"line\": %u, \"column\": %u, \"end_line\": %u, \"end_column\": %u",
                   p.line, p.col, e.line, e.col);
}

/* ", "focus": {…}": the token the text format underlines, in the diagnostic's
 * file (null without a position). */
static void json_focus(FtlBuf *b, const FtlSources *src, const FtlDiag *g)
{
    if (!ftl_sources_get(src, g->span.file)) {
        ftl_buf_puts(b, ", \"focus\": null");
        return;
    }
    FtlPos p, e;
    ftl_span_pos(src, diag_focus(g), &p, &e);
    ftl_buf_printf(b,
                   ", \"focus\": {\"line\": %u, \"column\": %u, \"end_line\": %u, "
                   "\"end_column\": %u}",
                   p.line, p.col, e.line, e.col);
}

static void render_json(FtlBuf *b, const FtlDiag *g, const FtlSources *src)
{
    ftl_buf_printf(b,
                   "  {\"severity\": \"%s\", \"code\": \"%s\", \"help_uri\": \"" FTL_CODE_URI_PREFIX
                   "%s\", \"message\": ",
                   sev_name(g->sev), g->code, g->code);
    ftl_json_quote(b, g->msg);
    json_pos(b, src, g->span, 0);
    json_focus(b, src, g);
    ftl_buf_puts(b, ", \"notes\": [");
    for (unsigned i = 0; i < g->nnotes; i++) {
        ftl_buf_puts(b, i ? ", {\"message\": " : "{\"message\": ");
        ftl_json_quote(b, g->notes[i].msg);
        json_pos(b, src, g->notes[i].span, 1);
        ftl_buf_putc(b, '}');
    }
    /* One hint, as ftlc-check(1) documents the format: the first. */
    ftl_buf_puts(b, "], \"fixit\": ");
    if (g->nfixits)
        ftl_json_quote(b, g->fixits[0].msg);
    else
        ftl_buf_puts(b, "null");
    /* The fix-its a machine can apply: their range and replacement. */
    ftl_buf_puts(b, ", \"fixits\": [");
    unsigned n = 0;
    for (unsigned i = 0; i < g->nfixits; i++) {
        const FtlDiagFixit *x = &g->fixits[i];
        if (!x->replacement || !ftl_sources_get(src, x->span.file)) continue;
        ftl_buf_puts(b, n++ ? ", {\"message\": " : "{\"message\": ");
        ftl_json_quote(b, x->msg);
        FtlBuf pos; /* ", "file": ... */
        ftl_buf_init(&pos);
        json_pos(&pos, src, x->span, 1);
        ftl_buf_printf(b,
                       ", \"range\": {%s, \"offset\": %u, \"end_offset\": %u}, \"replacement\": ",
                       ftl_buf_cstr(&pos) + 2, x->span.off, x->span.end);
        ftl_buf_free(&pos);
        ftl_json_quote(b, x->replacement);
        ftl_buf_putc(b, '}');
    }
    ftl_buf_putc(b, ']');
    for (unsigned i = 0; i < g->nprops; i++) {
        ftl_buf_printf(b, ", \"%s\": ", g->props[i].key);
        if (g->props[i].value)
            ftl_json_quote(b, g->props[i].value);
        else
            ftl_buf_puts(b, "null");
    }
    ftl_buf_putc(b, '}');
}

/* ---- the error limit ------------------------------------------------------- */

/* How many diagnostics to show: all up to the first error past max_errors. */
static unsigned shown_count(const FtlDiags *d)
{
    unsigned errors = 0;
    for (unsigned i = 0; i < d->count; i++) {
        if (d->items[i].sev != FTL_SEV_ERROR) continue;
        if (d->max_errors && errors == d->max_errors) return i;
        errors++;
    }
    return d->count;
}

static void count_more(FtlBuf *b, unsigned n, const char *what)
{
    ftl_buf_printf(b, "%u %s%s", n, what, n == 1 ? "" : "s");
}

/* "parsing stopped here after too many errors; 57 more errors and 1 warning
 * not shown (--max-errors 0 shows all)". */
static char *summary_message(const FtlDiags *d, unsigned shown)
{
    unsigned errors = 0, warnings = 0;
    for (unsigned i = shown; i < d->count; i++) {
        errors += d->items[i].sev == FTL_SEV_ERROR;
        warnings += d->items[i].sev == FTL_SEV_WARNING;
    }
    FtlBuf b;
    ftl_buf_init(&b);
    if (ftl_span_valid(d->gave_up)) ftl_buf_puts(&b, "parsing stopped here after too many errors");
    if (errors) {
        if (b.len) ftl_buf_puts(&b, "; ");
        count_more(&b, errors, "more error");
        if (warnings) {
            ftl_buf_puts(&b, " and ");
            count_more(&b, warnings, "warning");
        }
        ftl_buf_puts(&b, " not shown");
    }
    ftl_buf_puts(&b, " (--max-errors 0 shows all)");
    return b.data;
}

void ftl_diags_view(const FtlDiags *d, FtlDiags *v)
{
    *v = *d;
    v->cap = 0; /* borrowed items: nothing for ftl_diags_view_free to free */
    unsigned shown = shown_count(d);
    if (shown == d->count && !ftl_span_valid(d->gave_up)) return;
    v->items = ftl_xmalloc((shown + 1) * sizeof *v->items);
    if (shown) memcpy(v->items, d->items, shown * sizeof *v->items);
    FtlDiag *g = &v->items[shown];
    memset(g, 0, sizeof *g);
    g->sev = FTL_SEV_NOTE;
    g->code = "E0208";
    g->span = d->gave_up;
    g->seq = d->count;
    g->msg = summary_message(d, shown);
    v->count = v->cap = shown + 1;
}

void ftl_diags_view_free(FtlDiags *v)
{
    if (v->cap) {
        free(v->items[v->count - 1].msg);
        free(v->items);
    }
    memset(v, 0, sizeof *v);
}

void ftl_diags_render(const FtlDiags *all, const FtlSources *src, FtlDiagStyle style, FILE *out)
{
    FtlDiags view;
    ftl_diags_view(all, &view);
    const FtlDiags *d = &view;
    FtlBuf b;
    ftl_buf_init(&b);
    if (style.format == FTL_DIAG_JSON) {
        ftl_buf_puts(&b, "[");
        for (unsigned i = 0; i < d->count; i++) {
            ftl_buf_puts(&b, i ? ",\n" : "\n");
            render_json(&b, &d->items[i], src);
        }
        ftl_buf_puts(&b, d->count ? "\n]\n" : "]\n");
    } else {
        for (unsigned i = 0; i < d->count; i++)
            render_text(&b, &d->items[i], src, style.color);
    }
    if (b.len) fwrite(b.data, 1, b.len, out);
    fflush(out);
    ftl_buf_free(&b);
    ftl_diags_view_free(&view);
}
