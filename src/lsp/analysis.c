/* analysis.c - the compilation of the workspace (see analysis.h and features.h).
 *
 * The session's inputs are the workspace's .ftl files and every open .ftl
 * buffer (a file outside the root that the editor opened joins the
 * compilation while it is open); an open buffer is an overlay, so that the
 * session reads it wherever it would read the file: as an input, a -I
 * module, an external realm or a cached pin. The realms' caches under
 * .ftl/realms are never inputs: the project loads them.
 */
#define _POSIX_C_SOURCE 200809L
#include "features.h"
#include "uri.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- sorted lists of paths ------------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int list_has(char **list, size_t n, const char *path)
{
    return n && bsearch(&path, list, n, sizeof *list, cmp_str) != NULL;
}

static void list_free(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

/* Appends a copy of path to *list (unsorted); -1 when out of memory. */
static int list_add(char ***list, size_t *n, const char *path)
{
    char **l = realloc(*list, (*n + 1) * sizeof *l);
    if (!l) return -1;
    *list = l;
    if (!(l[*n] = strdup(path))) return -1;
    (*n)++;
    return 0;
}

/* ---- options -------------------------------------------------------------------------- */

/* path made absolute against the current directory (malloc'd): diagnostics
 * name files by the paths the session was given, and URIs need absolute ones. */
static char *absolute(const char *path)
{
    char cwd[4096];
    if (path[0] == '/' || !getcwd(cwd, sizeof cwd)) return strdup(path);
    char *p = malloc(strlen(cwd) + strlen(path) + 2);
    if (!p) return NULL;
    sprintf(p, "%s/%s", cwd, path);
    lsp_path_normalize(p);
    return p;
}

static FtlStatus add_external(FtlSession *fs, const char *spec)
{
    const char *eq = strchr(spec, '=');
    char *name = strndup(spec, eq ? (size_t)(eq - spec) : 0), *path = eq ? absolute(eq + 1) : NULL;
    FtlStatus st = name && path ? ftl_session_add_external_realm(fs, name, path) : FTL_NOMEM;
    free(name);
    free(path);
    return st;
}

/* The command line's options, as `ftlc check` would take them. */
static FtlStatus configure(LspServer *s, FtlSession *fs)
{
    const LspOptions *o = s->opts;
    FtlStatus st = ftl_session_set_project(fs, s->ws.project ? s->ws.project : FTL_PROJECT_NONE);
    if (st == FTL_OK && o->realm) st = ftl_session_set_realm(fs, o->realm);
    for (int i = 0; st == FTL_OK && i < o->nincludes; i++) {
        char *dir = absolute(o->includes[i]);
        st = dir ? ftl_session_add_include_dir(fs, dir) : FTL_NOMEM;
        free(dir);
    }
    for (int i = 0; st == FTL_OK && i < o->nexternals; i++)
        st = add_external(fs, o->externals[i]);
    /* An editor shows every error, not the first hundred. */
    ftl_session_set_max_errors(fs, 0);
    return st;
}

void lsp_features_init(LspServer *s)
{
    s->feat = NULL;
}

int lsp_features_start(LspServer *s)
{
    LspFeatures *f = calloc(1, sizeof *f);
    if (!f) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    s->feat = f;
    f->session = ftl_session_new();
    f->scratch = ftl_session_new();
    if (!f->session || !f->scratch) return lsp_fail(s, LSP_INTERNAL_ERROR, "out of memory");
    FtlStatus st = configure(s, f->session);
    if (st != FTL_OK)
        return lsp_fail(s, LSP_INTERNAL_ERROR, "the compilation's options: %s",
                        ftl_session_error(f->session) ? ftl_session_error(f->session)
                                                      : ftl_status_message(st));
    f->dirty = 1;
    return 0;
}

void lsp_features_free(LspServer *s)
{
    LspFeatures *f = s->feat;
    if (!f) return;
    ftl_session_free(f->session);
    ftl_session_free(f->scratch);
    list_free(f->inputs, f->ninputs);
    list_free(f->overlays, f->noverlays);
    list_free(f->force, f->nforce);
    lsp_diag_free(f);
    free(f);
    s->feat = NULL;
}

/* ---- capabilities --------------------------------------------------------------------- */

void lsp_features_capabilities(LspServer *s, json_t *caps)
{
    (void)s;
    json_object_set_new(caps, "codeActionProvider",
                        json_pack("{s:[s, s], s:b}", "codeActionKinds", "quickfix", "source.fixAll",
                                  "resolveProvider", 0));
    json_object_set_new(caps, "documentFormattingProvider", json_true());
    json_object_set_new(caps, "documentRangeFormattingProvider", json_true());
    json_object_set_new(caps, "definitionProvider", json_true());
    json_object_set_new(caps, "referencesProvider", json_true());
    json_object_set_new(caps, "documentHighlightProvider", json_true());
    json_object_set_new(caps, "hoverProvider", json_true());
    json_object_set_new(caps, "documentSymbolProvider", json_true());
    json_object_set_new(caps, "workspaceSymbolProvider", json_true());
    json_object_set_new(caps, "renameProvider", json_pack("{s:b}", "prepareProvider", 1));
    json_object_set_new(caps, "semanticTokensProvider",
                        json_pack("{s:o, s:b}", "legend", lsp_tokens_legend(), "full", 1));
    json_object_set_new(caps, "completionProvider",
                        json_pack("{s:[s, s, s]}", "triggerCharacters", ".", "@", "+"));
    json_object_set_new(caps, "callHierarchyProvider", json_true());
}

/* ---- what changed --------------------------------------------------------------------- */

void lsp_features_touch(LspServer *s, const char *path, int publish)
{
    LspFeatures *f = s->feat;
    if (!f) return;
    f->dirty = 1;
    if (path && publish && !list_has(f->force, f->nforce, path) &&
        list_add(&f->force, &f->nforce, path) == 0)
        qsort(f->force, f->nforce, sizeof *f->force, cmp_str);
}

int lsp_features_idle(LspServer *s)
{
    LspFeatures *f = s->feat;
    if (!f || !f->dirty || s->state != LSP_STATE_RUNNING) return 0;
    if (lsp_an_ensure(s) != 0) lsp_log(s, 1, "%s", s->err);
    return 1;
}

/* ---- inputs and overlays ---------------------------------------------------------------- */

/* A pinned realm's cache (…/.ftl/realms/…) is the project's to load. */
static int is_cache(const char *path)
{
    return strstr(path, "/.ftl/realms/") != NULL;
}

static int is_ftl(const char *path)
{
    size_t n = strlen(path);
    return n > 4 && strcmp(path + n - 4, ".ftl") == 0;
}

/* The inputs there should be: the workspace's files and the open .ftl
 * buffers (sorted, without duplicates). */
static int wanted_inputs(LspServer *s, char ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    for (size_t i = 0; i < s->ws.nfiles; i++)
        if (list_add(out, n, s->ws.files[i]) != 0) return -1;
    for (size_t i = 0; i < s->docs.n; i++) {
        const char *p = s->docs.items[i]->path;
        if (is_ftl(p) && !is_cache(p) && !lsp_ws_has_file(&s->ws, p) && list_add(out, n, p) != 0)
            return -1;
    }
    if (*n) qsort(*out, *n, sizeof **out, cmp_str);
    return 0;
}

static FtlStatus sync_inputs(LspServer *s)
{
    LspFeatures *f = s->feat;
    char **want;
    size_t n;
    if (wanted_inputs(s, &want, &n) != 0) {
        list_free(want, n);
        return FTL_NOMEM;
    }
    FtlStatus st = FTL_OK;
    for (size_t i = 0; st == FTL_OK && i < f->ninputs; i++)
        if (!list_has(want, n, f->inputs[i]))
            st = ftl_session_remove_file(f->session, f->inputs[i]);
    for (size_t i = 0; st == FTL_OK && i < n; i++)
        if (!list_has(f->inputs, f->ninputs, want[i]))
            st = ftl_session_add_file(f->session, want[i]);
    if (st != FTL_OK) {
        /* Start again from nothing next time: the session's inputs are unknown. */
        for (size_t i = 0; i < n; i++)
            ftl_session_remove_file(f->session, want[i]);
        list_free(want, n);
        want = NULL;
        n = 0;
    }
    list_free(f->inputs, f->ninputs);
    f->inputs = want;
    f->ninputs = n;
    return st;
}

static FtlStatus sync_overlays(LspServer *s)
{
    LspFeatures *f = s->feat;
    FtlStatus st = FTL_OK;
    size_t keep = 0;
    for (size_t i = 0; i < f->noverlays; i++) {
        if (lsp_docs_find_path(&s->docs, f->overlays[i])) {
            f->overlays[keep++] = f->overlays[i];
            continue;
        }
        ftl_session_remove_overlay(f->session, f->overlays[i]);
        free(f->overlays[i]);
    }
    f->noverlays = keep;
    for (size_t i = 0; st == FTL_OK && i < s->docs.n; i++) {
        LspDoc *d = s->docs.items[i];
        int known = list_has(f->overlays, f->noverlays, d->path);
        if (known && !d->changed) continue;
        st = ftl_session_set_overlay(f->session, d->path, d->text.data, d->text.len);
        if (st == FTL_OK) d->changed = 0;
        if (st == FTL_OK && !known) {
            if (list_add(&f->overlays, &f->noverlays, d->path) != 0) return FTL_NOMEM;
            qsort(f->overlays, f->noverlays, sizeof *f->overlays, cmp_str);
        }
    }
    return st;
}

int lsp_an_ensure(LspServer *s)
{
    LspFeatures *f = s->feat;
    if (!f->dirty) return 0;
    FtlStatus st = sync_inputs(s);
    if (st == FTL_OK) st = sync_overlays(s);
    if (st == FTL_OK) {
        st = ftl_session_compile(f->session);
        if (st == FTL_ERRORS || st == FTL_EIO) st = FTL_OK; /* diagnostics say what */
    }
    if (st != FTL_OK)
        return lsp_fail(s, LSP_INTERNAL_ERROR, "the compilation failed: %s",
                        ftl_status_message(st));
    f->dirty = 0;
    f->compiled = 1;
    lsp_diag_publish(s);
    return 0;
}

/* ---- locations ------------------------------------------------------------------------ */

char *lsp_an_uri(LspServer *s, const char *path)
{
    LspDoc *d = lsp_docs_find_path(&s->docs, path);
    if (d) return strdup(d->uri);
    char *abs = absolute(path), *uri = abs ? lsp_uri_from_path(abs) : NULL;
    free(abs);
    return uri;
}

/* A point as an LSP position: through the open buffer's line table when the
 * file is open (the protocol also ends lines at a lone CR, the session only
 * at LF), else from the point's line and column in the negotiated unit. */
static json_t *position(LspServer *s, const LspDoc *d, const FtlPoint *p)
{
    if (d) return lsp_position_json(s, d, p->offset);
    uint32_t ch = s->enc == LSP_ENC_UTF8 ? p->column : p->column_utf16;
    return json_pack("{s:I, s:I}", "line", (json_int_t)(p->line ? p->line - 1 : 0), "character",
                     (json_int_t)(ch ? ch - 1 : 0));
}

/* Whether a range is in a file an editor can open: not "<builtin>" (the
 * builtin module has no file) nor "<stdin>". */
static int in_file(const FtlRange *r)
{
    return r->file && r->file[0] != '<';
}

json_t *lsp_an_range(LspServer *s, const FtlRange *r)
{
    if (!in_file(r)) return NULL;
    LspDoc *d = lsp_docs_find_path(&s->docs, r->file);
    return json_pack("{s:o, s:o}", "start", position(s, d, &r->start), "end",
                     position(s, d, &r->end));
}

json_t *lsp_an_location(LspServer *s, const FtlRange *r)
{
    if (!in_file(r)) return NULL;
    char *uri = lsp_an_uri(s, r->file);
    json_t *loc = uri ? json_pack("{s:s, s:o}", "uri", uri, "range", lsp_an_range(s, r)) : NULL;
    free(uri);
    return loc;
}

int lsp_an_same_range(const FtlRange *a, const FtlRange *b)
{
    return a->file && b->file && strcmp(a->file, b->file) == 0 &&
           a->start.offset == b->start.offset && a->end.offset == b->end.offset;
}

const char *lsp_an_text(LspServer *s, const char *path, size_t *len)
{
    LspDoc *d = lsp_docs_find_path(&s->docs, path);
    if (d) {
        *len = d->text.len;
        return d->text.data;
    }
    const char *text;
    if (ftl_session_text(s->feat->session, path, &text, len) != FTL_OK) return NULL;
    return text;
}

/* ---- the handlers' start -------------------------------------------------------------- */

int lsp_an_doc(LspServer *s, json_t *params, LspDoc **doc)
{
    int rc = lsp_param_doc(s, params, doc);
    return rc ? rc : lsp_an_ensure(s);
}

int lsp_an_doc_offset(LspServer *s, json_t *params, LspDoc **doc, uint32_t *off)
{
    size_t o = 0;
    int rc = lsp_an_doc(s, params, doc);
    if (!rc) rc = lsp_param_offset(s, params, *doc, &o);
    *off = (uint32_t)o;
    return rc;
}
