/* compile.c - ftl_session_compile: the pipeline every consumer shares.
 *
 * The project file (given or found), the inputs in any format, the
 * --external-realm files and the realms the project pins (from its cache) are
 * read through the session's file cache; then the checker merges, resolves and
 * validates, asking the session for -I modules (ses_load_module). After a file
 * that could not be read the check is skipped: it would only add noise.
 */
#include "session/session_int.h"
#include "proto/schema_io.h"
#include "realm/realm.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the compilation ------------------------------------------------------------------ */

SesComp *ses_comp(FtlSession *s)
{
    if (s->comp) return s->comp;
    SesComp *c = calloc(1, sizeof *c);
    if (!c) ftl_oom();
    s->comp = c; /* zeroed: ses_comp_free copes with what follows running out */
    ftl_arena_init(&c->arena);
    ftl_intern_init(&c->in, &c->arena);
    ftl_sources_init(&c->src);
    ftl_diags_init(&c->diags);
    c->diags.max_errors = s->max_errors;
    ftl_schema_init(&c->schema, &c->arena, &c->in, &c->diags, &c->src);
    return c;
}

void ses_comp_free(SesComp *c)
{
    if (!c) return;
    ses_index_free(c->index);
    ses_old_free(c->old);
    ftl_project_free(&c->project);
    ftl_schema_free(&c->schema);
    ftl_diags_free(&c->diags);
    ftl_sources_free(&c->src);
    ftl_intern_free(&c->in);
    ftl_arena_free(&c->arena);
    free(c->file_names);
    free(c->import_mapping);
    free(c);
}

const char *ses_source_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

int ses_read(FtlSession *s, SesComp *c, const char *path, const char **data, size_t *len)
{
    char err[700];
    if (ses_files_read(&s->files, path, data, len, err, sizeof err) == 0) return 0;
    ftl_error(&c->diags, (FtlSpan){0}, SES_IO_CODE, "%s", err);
    ses_set_error(s, "%s", err);
    return -1;
}

uint32_t ses_file_id(const SesComp *c, const char *path)
{
    const char *name = ses_source_name(path);
    for (uint32_t id = c->src.count; id > 0; id--)
        if (ses_path_equal(c->src.files[id - 1].name, name)) return id;
    return 0;
}

/* ---- reading the inputs ----------------------------------------------------------------- */

/* Reads an input of the compilation in any format (format: an FtlFormat, or -1
 * for the one its name says); -1 on an I/O error (reported). */
static int read_input(FtlSession *s, SesComp *c, const char *path, int format, FtlFile ***files,
                      uint32_t *n)
{
    const char *data;
    size_t len;
    if (ses_read(s, c, path, &data, &len) != 0) return -1;
    FtlFormat f = format >= 0 ? (FtlFormat)format : ftl_format_of_path(path);
    unsigned flags = FTL_IO_BORROW | (ses_files_mapped(&s->files, path) ? FTL_IO_MAPPED : 0);
    *n = ftl_io_read(&c->schema, ses_source_name(path), (char *)data, len, f, flags, files);
    return 0;
}

/* The project's lock file (ftl-project.lock: the pinned schemas' SHA-256),
 * when there is one. -1 when it cannot be read (reported). */
static int load_lock(FtlSession *s, SesComp *c)
{
    const char *text;
    size_t len;
    char err[600];
    if (s->reader.read(s->reader.ctx, c->project.lock_path, &text, &len, err, sizeof err) != 0) {
        if (errno == ENOENT) return 0;                            /* nothing recorded */
        return ses_read(s, c, c->project.lock_path, &text, &len); /* reports why */
    }
    ftl_project_parse_lock(&c->project, text, len, &c->src, &c->diags);
    return 0;
}

int ses_load_project(FtlSession *s, SesComp *c)
{
    if (s->no_project) return 0;
    char *found = s->project ? NULL : ftl_project_find();
    const char *path = s->project ? s->project : found, *text;
    size_t len;
    int rc = 0;
    if (path && (rc = ses_read(s, c, path, &text, &len)) == 0) {
        ftl_project_load(&c->project, path, text, len, &c->src, &c->diags);
        c->project.reader = &s->reader; /* pinned caches: overlays shadow them too */
        c->has_project = 1;
        rc = load_lock(s, c);
    }
    free(found);
    return rc;
}

/* --external-realm NAME=FILE: the file holds the realm NAME, written as an
 * external realm, or the realm's public schema in any format. */
static int load_external(FtlSession *s, SesComp *c, const SesExternal *e)
{
    FtlFile **files;
    uint32_t n;
    if (read_input(s, c, e->path, -1, &files, &n) != 0) return -1;
    if (n) ftl_realm_adopt(&c->schema, e->name, e->path, files, n, 0); /* else: reported */
    return 0;
}

/* The realms the project pins, except those given with --external-realm. */
static void load_pinned(FtlSession *s, SesComp *c)
{
    const char **skip = FTL_NEW_N(&c->arena, const char *, s->nexternals + 1);
    for (size_t i = 0; i < s->nexternals; i++)
        skip[i] = s->externals[i].name;
    ftl_project_load_realms(&c->project, &c->schema, skip, (int)s->nexternals);
}

/* -I: the checker's loader (FtlCheckOptions.load_module). */
static int ses_load_module(void *ctx, FtlSchema *schema, const char *name, FtlFile **file)
{
    FtlSession *s = ctx;
    return ftl_io_find_module(schema, &s->reader, (const char *const *)s->includes, s->nincludes,
                              name, file);
}

/* ---- --module NAME ---------------------------------------------------------------------- */

typedef struct ModuleSpans {
    FtlSpan spans[64];
    unsigned n;
} ModuleSpans;

static int in_module(const FtlDiag *g, void *ctx)
{
    const ModuleSpans *m = ctx;
    if (!ftl_span_valid(g->span)) return 1;
    for (unsigned k = 0; k < m->n; k++)
        if (g->span.file == m->spans[k].file && g->span.off >= m->spans[k].off &&
            g->span.off < m->spans[k].end)
            return 1;
    return 0;
}

/* Keeps the diagnostics located in module s->module (and those with no
 * position). A name no input defines is FTL_EINVAL, unless inputs that did
 * not parse were never merged: then everything is reported. */
static FtlStatus keep_module(FtlSession *s, SesComp *c)
{
    const FtlSchema *sc = &c->schema;
    const char *name = ftl_intern_cstr(&c->in, s->module);
    ModuleSpans m = {{{0}}, 0};
    for (uint32_t i = 0; i < sc->nrealms; i++)
        for (uint32_t j = 0; j < sc->realms[i]->nmodules && m.n < 64; j++)
            if (sc->realms[i]->modules[j]->name == name)
                m.spans[m.n++] = sc->realms[i]->modules[j]->span;
    for (uint32_t i = 0; i < sc->nmodfiles && m.n < 64; i++)
        if (sc->modfiles[i]->name == name) m.spans[m.n++] = sc->modfiles[i]->span;
    if (m.n == 0) {
        if (c->diags.errors) return FTL_OK;
        ses_set_error(s, "no module named '%s' in the inputs", s->module);
        return FTL_EINVAL;
    }
    ftl_diags_filter(&c->diags, in_module, &m);
    return FTL_OK;
}

/* ---- compiling --------------------------------------------------------------------------- */

/* -I DIR that is not a directory: W0001, since a typo there would otherwise
 * only show as unknown references (gcc's -Wmissing-include-dirs). */
static void check_include_dirs(FtlSession *s, SesComp *c)
{
    for (size_t i = 0; i < s->nincludes; i++) {
        struct stat st;
        const char *dir = s->includes[i];
        int found = stat(dir, &st) == 0;
        if (found && S_ISDIR(st.st_mode)) continue;
        ftl_warning(&c->diags, (FtlSpan){0}, "W0001", "include directory '%s': %s", dir,
                    found ? "not a directory" : strerror(errno));
    }
}

static int load_inputs(FtlSession *s, SesComp *c)
{
    int io = ses_load_project(s, c) != 0;
    check_include_dirs(s, c);
    for (size_t i = 0; i < s->ninputs; i++) {
        FtlFile **files;
        uint32_t n;
        if (read_input(s, c, s->inputs[i], s->input_format, &files, &n) != 0) {
            io = 1;
            continue;
        }
        for (uint32_t k = 0; k < n; k++)
            ftl_schema_add_file(&c->schema, files[k]);
    }
    for (size_t i = 0; i < s->nexternals; i++)
        if (load_external(s, c, &s->externals[i]) != 0) io = 1;
    if (c->has_project) load_pinned(s, c);
    return io;
}

int ses_compile_check(FtlSession *s)
{
    ses_comp_free(s->comp);
    s->comp = NULL;
    ses_clear_error(s);
    ses_files_next(&s->files);
    SesComp *c = ses_comp(s);
    int io = load_inputs(s, c);
    FtlCheckOptions co = {s->realm, s->nincludes > 0, ses_load_module, s, {0, 0, 0}};
    if (!s->realm && c->has_project && (co.realm = ftl_project_realm(&c->project, &c->diags)))
        co.realm_span = c->project.name_span;
    if (!io && c->diags.errors == 0) {
        ftl_schema_check(&c->schema, &co);
        c->checked = 1;
    }
    c->nfiles = c->src.count;
    return io;
}

FtlStatus ses_comp_status(const SesComp *c)
{
    unsigned io_errors = 0;
    for (unsigned i = 0; i < c->diags.count; i++)
        io_errors += strcmp(c->diags.items[i].code, SES_IO_CODE) == 0;
    if (c->diags.errors > io_errors) return FTL_ERRORS;
    return io_errors ? FTL_EIO : FTL_OK;
}

static FtlStatus compile_body(FtlSession *s, void *arg)
{
    (void)arg;
    int io = ses_compile_check(s);
    SesComp *c = s->comp;
    FtlStatus st = FTL_OK;
    if (s->module && !io) st = keep_module(s, c);
    ses_diags_finish(s, c);
    return st != FTL_OK ? st : ses_comp_status(c);
}

const char *ftl_session_local_realm(FtlSession *s)
{
    const FtlSchema *sc = s && s->comp ? &s->comp->schema : NULL;
    return sc && !sc->module_mode && sc->local ? sc->local->name : NULL;
}

static FtlStatus project_body(FtlSession *s, void *arg)
{
    SesComp *c = s->comp;
    FtlProjectInfo *out = arg;
    if (!c->export_file) {
        char *joined = ftl_project_join(&c->project, c->project.export_path);
        c->export_file = ftl_arena_strndup(&c->arena, joined, strlen(joined));
        free(joined);
    }
    out->path = c->project.path;
    out->name = c->project.name;
    out->export_path = c->project.export_path;
    out->export_file = c->export_file;
    return FTL_OK;
}

int ftl_session_project(FtlSession *s, FtlProjectInfo *out)
{
    if (!s || !s->comp || !s->comp->has_project || !out) return 0;
    return ses_run(s, project_body, out) == FTL_OK;
}

FtlStatus ftl_session_compile(FtlSession *s)
{
    if (!s) return FTL_EINVAL;
    return ses_run(s, compile_body, NULL);
}
