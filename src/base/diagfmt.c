/* diagfmt.c - SARIF, GitHub workflow commands and FTL's ErrorList (JSON). */
#include "base/diagfmt.h"
#include "base/buf.h"
#include "base/diagcodes.h"
#include "base/strlit.h"
#include "ftlc.h" /* FTLC_VERSION */

#include <string.h>

static const char *level_name(FtlSeverity s)
{
    return s == FTL_SEV_ERROR ? "error" : s == FTL_SEV_WARNING ? "warning" : "note";
}

/* The message with its notes and fix-it folded in, for formats with one text. */
static void full_message(FtlBuf *b, const FtlDiag *g, const FtlSources *src)
{
    ftl_buf_puts(b, g->msg);
    for (unsigned i = 0; i < g->nnotes; i++) {
        const FtlSource *f = ftl_sources_get(src, g->notes[i].span.file);
        if (f) {
            FtlPos p = ftl_source_pos(f, g->notes[i].span.off);
            ftl_buf_printf(b, "\nnote: %s:%u:%u: %s", f->name, p.line, p.col, g->notes[i].msg);
        } else {
            ftl_buf_printf(b, "\nnote: %s", g->notes[i].msg);
        }
    }
    for (unsigned i = 0; i < g->nfixits; i++)
        ftl_buf_printf(b, "\nhelp: %s", g->fixits[i].msg);
}

/* ---- SARIF 2.1.0 ------------------------------------------------------------------------ */

/* A relative URI reference for a file name: unreserved characters and '/'
 * stay, everything else is percent-encoded (RFC 3986). */
static void uri_path(FtlBuf *b, const char *name)
{
    FtlBuf u;
    ftl_buf_init(&u);
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~/", *p))
            ftl_buf_putc(&u, (char)*p);
        else
            ftl_buf_printf(&u, "%%%02X", *p);
    }
    ftl_json_quote(b, ftl_buf_cstr(&u));
    ftl_buf_free(&u);
}

static void sarif_location(FtlBuf *b, const FtlSources *src, FtlSpan s)
{
    const FtlSource *f = ftl_sources_get(src, s.file);
    FtlPos p, e;
    ftl_span_pos(src, s, &p, &e);
    ftl_buf_puts(b, "{\"physicalLocation\": {\"artifactLocation\": {\"uri\": ");
    uri_path(b, f->name);
    ftl_buf_printf(b,
                   "}, \"region\": {\"startLine\": %u, \"startColumn\": %u, \"endLine\": %u, "
                   "\"endColumn\": %u}}}",
                   p.line, p.col, e.line, e.col > p.col || e.line > p.line ? e.col : p.col + 1);
}

/* "fixes" (SARIF 2.1.0, 3.27.30): each fix-it with an edit as one fix of
 * one replacement; the deleted region is exact (an insertion is empty). */
static void sarif_fixes(FtlBuf *b, const FtlDiag *g, const FtlSources *src)
{
    unsigned n = 0;
    for (unsigned i = 0; i < g->nfixits; i++) {
        const FtlDiagFixit *x = &g->fixits[i];
        const FtlSource *f = ftl_sources_get(src, x->span.file);
        if (!x->replacement || !f) continue;
        FtlPos p, e;
        ftl_span_pos(src, x->span, &p, &e);
        ftl_buf_puts(b, n++ ? ", {\"description\": {\"text\": "
                            : ", \"fixes\": [{\"description\": {\"text\": ");
        ftl_json_quote(b, x->msg);
        ftl_buf_puts(b, "}, \"artifactChanges\": [{\"artifactLocation\": {\"uri\": ");
        uri_path(b, f->name);
        ftl_buf_printf(b,
                       "}, \"replacements\": [{\"deletedRegion\": {\"startLine\": %u, "
                       "\"startColumn\": %u, \"endLine\": %u, \"endColumn\": %u}, "
                       "\"insertedContent\": {\"text\": ",
                       p.line, p.col, e.line, e.col);
        ftl_json_quote(b, x->replacement);
        ftl_buf_puts(b, "}}]}]}");
    }
    if (n) ftl_buf_puts(b, "]");
}

/* A rule: the code's title, meaning and fix from the table of codes, and
 * its entry in ftlc-diagnostics(7) as helpUri (diagcodes.h). */
static void sarif_rule(FtlBuf *b, const char *code, unsigned j)
{
    const FtlCodeDoc *doc = ftl_code_doc(code);
    ftl_buf_printf(b, "%s{\"id\": \"%s\"", j ? ", " : "", code);
    if (doc) {
        ftl_buf_puts(b, ", \"shortDescription\": {\"text\": ");
        ftl_json_quote(b, doc->title);
        ftl_buf_puts(b, "}, \"fullDescription\": {\"text\": ");
        ftl_json_quote(b, doc->meaning);
        ftl_buf_puts(b, "}, \"help\": {\"text\": ");
        ftl_json_quote(b, doc->fix);
        ftl_buf_puts(b, "}");
    }
    ftl_buf_printf(b, ", \"helpUri\": \"" FTL_CODE_URI_PREFIX "%s\"}", code);
}

static void render_sarif(FtlBuf *b, const FtlDiags *d, const FtlSources *src)
{
    ftl_buf_puts(b, "{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
                    "  \"version\": \"2.1.0\",\n  \"runs\": [{\n"
                    "    \"tool\": {\"driver\": {\"name\": \"ftlc\", \"version\": \"" FTLC_VERSION
                    "\", \"informationUri\": \"https://github.com/block/ftl\", \"rules\": [");
    /* One rule per distinct code, in order of first use. */
    const char *codes[512];
    unsigned ncodes = 0;
    for (unsigned i = 0; i < d->count && ncodes < 512; i++) {
        unsigned j = 0;
        while (j < ncodes && strcmp(codes[j], d->items[i].code) != 0)
            j++;
        if (j == ncodes) codes[ncodes++] = d->items[i].code;
    }
    for (unsigned j = 0; j < ncodes; j++)
        sarif_rule(b, codes[j], j);
    /* Columns count code points, as upstream FTL's (SARIF 2.1.0, 3.14.17). */
    ftl_buf_puts(b, "]}},\n    \"columnKind\": \"unicodeCodePoints\",\n    \"results\": [");
    for (unsigned i = 0; i < d->count; i++) {
        const FtlDiag *g = &d->items[i];
        ftl_buf_puts(b, i ? ",\n      " : "\n      ");
        ftl_buf_printf(b,
                       "{\"ruleId\": \"%s\", \"level\": \"%s\", \"message\": {\"text\": ", g->code,
                       level_name(g->sev));
        FtlBuf m;
        ftl_buf_init(&m);
        full_message(&m, g, src);
        ftl_json_quote(b, ftl_buf_cstr(&m));
        ftl_buf_free(&m);
        ftl_buf_puts(b, "}, \"locations\": [");
        if (ftl_sources_get(src, g->span.file)) sarif_location(b, src, g->span);
        ftl_buf_puts(b, "]");
        unsigned nrel = 0;
        for (unsigned k = 0; k < g->nnotes; k++) {
            if (!ftl_sources_get(src, g->notes[k].span.file)) continue;
            ftl_buf_puts(b, nrel++ ? ", " : ", \"relatedLocations\": [");
            FtlBuf loc;
            ftl_buf_init(&loc);
            sarif_location(&loc, src, g->notes[k].span);
            /* add the note's message to the location object */
            ftl_buf_printf(b, "{\"id\": %u, \"message\": {\"text\": ", nrel);
            ftl_json_quote(b, g->notes[k].msg);
            ftl_buf_printf(b, "}, %s", ftl_buf_cstr(&loc) + 1);
            ftl_buf_free(&loc);
        }
        if (nrel) ftl_buf_puts(b, "]");
        sarif_fixes(b, g, src);
        for (unsigned k = 0; k < g->nprops; k++) {
            ftl_buf_printf(b, "%s\"%s\": ", k ? ", " : ", \"properties\": {", g->props[k].key);
            if (g->props[k].value)
                ftl_json_quote(b, g->props[k].value);
            else
                ftl_buf_puts(b, "null");
        }
        if (g->nprops) ftl_buf_puts(b, "}");
        ftl_buf_puts(b, "}");
    }
    ftl_buf_puts(b, d->count ? "\n    ]\n  }]\n}\n" : "]\n  }]\n}\n");
}

/* ---- GitHub workflow commands ---------------------------------------------------------- */

/* Workflow command values escape %, CR and LF; properties also ':' and ','. */
static void gh_escape(FtlBuf *b, const char *s, int property)
{
    for (; *s; s++) {
        if (*s == '%')
            ftl_buf_puts(b, "%25");
        else if (*s == '\r')
            ftl_buf_puts(b, "%0D");
        else if (*s == '\n')
            ftl_buf_puts(b, "%0A");
        else if (property && *s == ':')
            ftl_buf_puts(b, "%3A");
        else if (property && *s == ',')
            ftl_buf_puts(b, "%2C");
        else
            ftl_buf_putc(b, *s);
    }
}

static void render_github(FtlBuf *b, const FtlDiags *d, const FtlSources *src)
{
    for (unsigned i = 0; i < d->count; i++) {
        const FtlDiag *g = &d->items[i];
        const FtlSource *f = ftl_sources_get(src, g->span.file);
        ftl_buf_printf(b, "::%s",
                       g->sev == FTL_SEV_ERROR     ? "error"
                       : g->sev == FTL_SEV_WARNING ? "warning"
                                                   : "notice");
        if (f) {
            FtlPos p, e;
            ftl_span_pos(src, g->span, &p, &e);
            ftl_buf_puts(b, " file=");
            gh_escape(b, f->name, 1);
            ftl_buf_printf(b, ",line=%u,col=%u", p.line, p.col);
            if (e.line == p.line && e.col > p.col)
                ftl_buf_printf(b, ",endColumn=%u", e.col);
            else if (e.line > p.line)
                ftl_buf_printf(b, ",endLine=%u", e.line);
        }
        ftl_buf_printf(b, "%stitle=ftlc %s::", f ? "," : " ", g->code);
        FtlBuf m;
        ftl_buf_init(&m);
        full_message(&m, g, src);
        gh_escape(b, ftl_buf_cstr(&m), 0);
        ftl_buf_free(&m);
        ftl_buf_putc(b, '\n');
    }
}

/* ---- FTL's ErrorList (language.proto) as protobuf JSON -------------------------------------- */

static void render_ftl(FtlBuf *b, const FtlDiags *d, const FtlSources *src)
{
    ftl_buf_puts(b, "{\n  \"errors\": [");
    for (unsigned i = 0; i < d->count; i++) {
        const FtlDiag *g = &d->items[i];
        const FtlSource *f = ftl_sources_get(src, g->span.file);
        ftl_buf_puts(b, i ? ",\n    {" : "\n    {");
        ftl_buf_puts(b, "\"msg\": ");
        FtlBuf m;
        ftl_buf_init(&m);
        ftl_buf_printf(&m, "[%s] ", g->code);
        full_message(&m, g, src);
        ftl_json_quote(b, ftl_buf_cstr(&m));
        ftl_buf_free(&m);
        /* ErrorLevel: INFO 0, WARN 1, ERROR 2; ErrorType: FTL 0, COMPILER 1. */
        ftl_buf_printf(b, ", \"level\": \"%s\"",
                       g->sev == FTL_SEV_ERROR     ? "ERROR"
                       : g->sev == FTL_SEV_WARNING ? "WARN"
                                                   : "INFO");
        if (f) {
            FtlPos p, e;
            ftl_span_pos(src, g->span, &p, &e);
            ftl_buf_puts(b, ", \"pos\": {\"filename\": ");
            ftl_json_quote(b, f->name);
            /* int64 fields are strings in the protobuf JSON mapping */
            ftl_buf_printf(b, ", \"line\": \"%u\", \"startColumn\": \"%u\", \"endColumn\": \"%u\"}",
                           p.line, p.col, e.line == p.line ? e.col : p.col);
        }
        ftl_buf_puts(b, ", \"type\": \"COMPILER\"}");
    }
    ftl_buf_puts(b, d->count ? "\n  ]\n}\n" : "]\n}\n");
}

void ftl_diags_render_ext(const FtlDiags *all, const FtlSources *src, FtlExtFormat f, FILE *out)
{
    FtlDiags view; /* the error limit, as in text (E0208) */
    ftl_diags_view(all, &view);
    const FtlDiags *d = &view;
    FtlBuf b;
    ftl_buf_init(&b);
    if (f == FTL_FMT_SARIF)
        render_sarif(&b, d, src);
    else if (f == FTL_FMT_GITHUB)
        render_github(&b, d, src);
    else
        render_ftl(&b, d, src);
    if (b.len) fwrite(b.data, 1, b.len, out);
    fflush(out);
    ftl_buf_free(&b);
    ftl_diags_view_free(&view);
}
