/* diagnostics.c - textDocument/publishDiagnostics (LSP 3.17): the session's
 * diagnostics grouped by file, each file's list sent when it differs from the
 * one sent last (a file that became clean gets an empty list), or when the
 * client changed that file and waits for an answer. Files go out in path
 * order, so that what the client sees does not depend on timing.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"

#include <stdlib.h>
#include <string.h>

static int severity(FtlSeverity sev)
{
    return sev == FTL_SEV_ERROR ? 1 : sev == FTL_SEV_WARNING ? 2 : 3;
}

/* The message, with what the client cannot show elsewhere appended: notes
 * without a place (or all notes, for a client without related information);
 * and every fix-it's message, as `ftlc check` shows it (those with an edit
 * are code actions too). */
static json_t *message(LspServer *s, const FtlDiagnostic *d)
{
    json_t *m = json_string(d->message);
    for (size_t i = 0; m && i < d->nnotes; i++)
        if (!d->notes[i].range.file || !s->caps.related_information) {
            json_t *more = json_sprintf("%s\nnote: %s", json_string_value(m), d->notes[i].message);
            json_decref(m);
            m = more;
        }
    for (size_t i = 0; m && i < d->nfixits; i++) {
        json_t *more = json_sprintf("%s\nhelp: %s", json_string_value(m), d->fixits[i].message);
        json_decref(m);
        m = more;
    }
    return m;
}

static json_t *related(LspServer *s, const FtlDiagnostic *d)
{
    json_t *rel = json_array();
    for (size_t i = 0; i < d->nnotes; i++) {
        json_t *loc = lsp_an_location(s, &d->notes[i].range);
        if (loc)
            json_array_append_new(
                rel, json_pack("{s:o, s:s}", "location", loc, "message", d->notes[i].message));
    }
    return rel;
}

json_t *lsp_diag_json(LspServer *s, const FtlDiagnostic *d)
{
    const FtlRange *r = d->focus.file ? &d->focus : &d->range;
    json_t *j = json_pack("{s:o, s:i, s:s, s:s, s:o}", "range", lsp_an_range(s, r), "severity",
                          severity(d->severity), "code", d->code, "source", "ftlc", "message",
                          message(s, d));
    if (!j) return NULL;
    /* The code's entry in ftlc-diagnostics(7), as ftlc check's JSON links it. */
    char href[128];
    if (s->caps.code_description && ftl_code_help_uri(d->code, href, sizeof href) == 0)
        json_object_set_new(j, "codeDescription", json_pack("{s:s}", "href", href));
    if (s->caps.related_information) {
        json_t *rel = related(s, d);
        if (json_array_size(rel))
            json_object_set_new(j, "relatedInformation", rel);
        else
            json_decref(rel);
    }
    return j;
}

/* ---- grouping and publishing ------------------------------------------------------------ */

typedef struct Group {
    const char *path;
    json_t *diags;
} Group;

static int cmp_group(const void *a, const void *b)
{
    return strcmp(((const Group *)a)->path, ((const Group *)b)->path);
}

/* The diagnostics of the last compile by file (sorted by path; the session
 * sorts them by file, but by its own order of files). Those without a file
 * go to *unplaced as messages. */
static Group *group(LspServer *s, size_t *n, json_t *unplaced)
{
    size_t count;
    const FtlDiagnostic *d = ftl_session_diagnostics(s->feat->session, &count);
    Group *g = calloc(count + 1, sizeof *g);
    *n = 0;
    if (!g) return NULL;
    for (size_t i = 0; i < count; i++) {
        const FtlRange *r = d[i].focus.file ? &d[i].focus : &d[i].range;
        if (!r->file) {
            json_array_append_new(unplaced,
                                  json_sprintf("%s[%s]: %s",
                                               d[i].severity == FTL_SEV_ERROR     ? "error"
                                               : d[i].severity == FTL_SEV_WARNING ? "warning"
                                                                                  : "note",
                                               d[i].code, d[i].message));
            continue;
        }
        /* The session keeps a file's diagnostics together: look at the last group first. */
        size_t k = *n && strcmp(g[*n - 1].path, r->file) == 0 ? *n - 1 : 0;
        while (k < *n && strcmp(g[k].path, r->file) != 0)
            k++;
        if (k == *n) g[(*n)++] = (Group){r->file, json_array()};
        json_array_append_new(g[k].diags, lsp_diag_json(s, &d[i]));
    }
    qsort(g, *n, sizeof *g, cmp_group);
    return g;
}

static LspPublished *published(LspFeatures *f, const char *path)
{
    for (size_t i = 0; i < f->npubs; i++)
        if (strcmp(f->pubs[i].path, path) == 0) return &f->pubs[i];
    return NULL;
}

static int forced(LspFeatures *f, const char *path)
{
    for (size_t i = 0; i < f->nforce; i++)
        if (strcmp(f->force[i], path) == 0) return 1;
    return 0;
}

static void send(LspServer *s, const char *path, json_t *diags)
{
    char *uri = lsp_an_uri(s, path);
    if (!uri) return;
    json_t *params = json_pack("{s:s, s:O}", "uri", uri, "diagnostics", diags);
    LspDoc *d = lsp_docs_find_path(&s->docs, path);
    if (d && d->version >= 0) json_object_set_new(params, "version", json_integer(d->version));
    lsp_notify(s, "textDocument/publishDiagnostics", params);
    free(uri);
}

/* Every path to look at, in order: those with diagnostics now, those that had
 * some, and those forced. */
static char **all_paths(LspFeatures *f, const Group *g, size_t ng, size_t *n)
{
    char **p = malloc((ng + f->npubs + f->nforce + 1) * sizeof *p);
    *n = 0;
    if (!p) return NULL;
    for (size_t i = 0; i < ng; i++)
        p[(*n)++] = (char *)g[i].path;
    for (size_t i = 0; i < f->npubs; i++)
        p[(*n)++] = f->pubs[i].path;
    for (size_t i = 0; i < f->nforce; i++)
        p[(*n)++] = f->force[i];
    return p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void log_unplaced(LspServer *s, json_t *unplaced)
{
    LspFeatures *f = s->feat;
    if (f->unplaced && json_equal(f->unplaced, unplaced)) {
        json_decref(unplaced);
        return;
    }
    json_t *m;
    size_t i;
    json_array_foreach(unplaced, i, m) lsp_log(s, 1, "%s", json_string_value(m));
    json_decref(f->unplaced);
    f->unplaced = unplaced;
}

static void pubs_free(LspFeatures *f)
{
    for (size_t i = 0; i < f->npubs; i++) {
        free(f->pubs[i].path);
        json_decref(f->pubs[i].diags);
    }
    free(f->pubs);
    f->pubs = NULL;
    f->npubs = 0;
}

void lsp_diag_publish(LspServer *s)
{
    LspFeatures *f = s->feat;
    json_t *unplaced = json_array(), *empty = json_array();
    size_t ng, np;
    Group *g = group(s, &ng, unplaced);
    char **paths = g ? all_paths(f, g, ng, &np) : NULL;
    LspPublished *next = paths ? calloc(ng + 1, sizeof *next) : NULL;
    if (!next) {
        lsp_log(s, 1, "out of memory publishing diagnostics");
        np = ng = 0;
    }
    if (np) qsort(paths, np, sizeof *paths, cmp_str);
    for (size_t i = 0; i < np; i++) {
        if (i && strcmp(paths[i], paths[i - 1]) == 0) continue;
        Group key = {paths[i], NULL}, *now = ng ? bsearch(&key, g, ng, sizeof *g, cmp_group) : NULL;
        LspPublished *was = published(f, paths[i]);
        json_t *diags = now ? now->diags : empty;
        if (forced(f, paths[i]) || !json_equal(diags, was ? was->diags : empty))
            send(s, paths[i], diags);
    }
    /* What was sent becomes the last published state. */
    for (size_t i = 0; next && i < ng; i++)
        next[i] = (LspPublished){strdup(g[i].path), json_incref(g[i].diags)};
    pubs_free(f);
    f->pubs = next;
    f->npubs = next ? ng : 0;
    for (size_t i = 0; i < f->nforce; i++)
        free(f->force[i]);
    free(f->force);
    f->force = NULL;
    f->nforce = 0;
    for (size_t i = 0; i < ng; i++)
        json_decref(g[i].diags);
    free(g);
    free(paths);
    json_decref(empty);
    log_unplaced(s, unplaced);
}

void lsp_diag_free(LspFeatures *f)
{
    pubs_free(f);
    json_decref(f->unplaced);
    f->unplaced = NULL;
}
