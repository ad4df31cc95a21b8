/* import.c - ftl_session_import: gRPC services as a realm (ftlc-import(1)).
 *
 * The import (src/import/import_run.c) turns descriptors into the FTL text of a
 * realm; that text is then one more input of the compilation, parsed and
 * checked as any other, so that the session holds the realm afterwards and
 * everything a compilation offers works on it: ftl_session_emit writes its
 * public schema as ftlc export would, ftl_session_project tells the project,
 * the diagnostics are the session's. It replaces the session's compilation.
 *
 * Built into libftlc_import (src/import/import.am), with the importer it calls:
 * programs that never import do not link descriptor.proto's bindings.
 */
#include "session/session_int.h"
#include "import/import.h"
#include "proto/schema_io.h"

#include <stdlib.h>
#include <string.h>

const char *ftl_import_request_problem(const FtlImportRequest *req, char *buf, size_t size)
{
    if (!req) return "no request";
    if (buf && size) return ftl_imp_request_problem(req, buf, size);
    /* No room for a sentence that names an input: say that there is one. */
    char local[600];
    const char *why = ftl_imp_request_problem(req, local, sizeof local);
    return why == local ? "the request cannot run (give a buffer for why)" : why;
}

/* The realm's name: the request's, else the project's. NULL after an error:
 * one of the project (a diagnostic), or none at all (FTL_EINVAL's sentence). */
static const char *realm_name(FtlSession *s, SesComp *c, const FtlImportRequest *req)
{
    const char *realm = req->realm;
    if (!realm && c->has_project) realm = ftl_project_realm(&c->project, &c->diags);
    if (!realm && !ftl_diags_failed(&c->diags))
        ses_set_error(s, "the realm has no name: give it with --realm NAME or as name in "
                         "ftl-project.toml");
    return realm;
}

/* The realm's text, compiled and checked as an input of c (its own realm:
 * no project pins, no -I modules). */
static void compile_text(SesComp *c, FtlBuf *text)
{
    size_t len;
    char *data = ftl_buf_finish(text, &len); /* passes to the sources */
    FtlFile **files;
    uint32_t n = ftl_io_read(&c->schema, FTL_IMP_SOURCE, data, len, FTL_FORMAT_FTL, 0, &files);
    for (uint32_t k = 0; k < n; k++)
        ftl_schema_add_file(&c->schema, files[k]);
    if (c->diags.errors) return;
    FtlCheckOptions co = {NULL, 0, NULL, NULL, {0, 0, 0}};
    ftl_schema_check(&c->schema, &co);
    c->checked = 1;
}

static FtlStatus import_body(FtlSession *s, void *arg)
{
    const FtlImportRequest *req = arg;
    ses_comp_free(s->comp);
    s->comp = NULL;
    ses_clear_error(s);
    ses_files_next(&s->files);
    SesComp *c = ses_comp(s);
    char err[1200];
    const char *why = ftl_imp_request_problem(req, err, sizeof err);
    if (why) {
        ses_set_error(s, "%s", why);
        return FTL_EINVAL;
    }
    FtlStatus st = ses_load_project(s, c) == 0 ? FTL_OK : FTL_EIO;
    const char *realm = st == FTL_OK ? realm_name(s, c, req) : NULL;
    if (st == FTL_OK && !realm) st = ftl_diags_failed(&c->diags) ? FTL_ERRORS : FTL_EINVAL;
    FtlBuf text, mapping;
    ftl_buf_init(&text), ftl_buf_init(&mapping);
    if (st == FTL_OK) {
        FtlImpEnv env = {&c->arena, &c->in, &c->src, &c->diags};
        st = ftl_imp_run(&env, req, realm, &text, &mapping, err, sizeof err);
        if (st == FTL_EIO) ses_set_error(s, "%s", err);
    }
    if (st == FTL_OK) {
        compile_text(c, &text);
        c->import_mapping = ftl_buf_finish(&mapping, &c->import_mapping_len);
    }
    ftl_buf_free(&text), ftl_buf_free(&mapping);
    c->nfiles = c->src.count;
    ses_diags_finish(s, c);
    return st == FTL_OK ? ses_comp_status(c) : st;
}

FtlStatus ftl_session_import(FtlSession *s, const FtlImportRequest *req)
{
    if (!s || !req) return FTL_EINVAL;
    return ses_run(s, import_body, (void *)req);
}

static FtlStatus mapping_body(FtlSession *s, void *arg)
{
    char **out = arg;
    size_t len = s->comp->import_mapping_len;
    *out = ftl_xmalloc(len + 1);
    memcpy(*out, s->comp->import_mapping, len + 1);
    return FTL_OK;
}

FtlStatus ftl_session_import_mapping(FtlSession *s, char **out, size_t *len)
{
    if (out) *out = NULL;
    if (len) *len = 0;
    if (!s || !out || !s->comp || !s->comp->import_mapping) return FTL_EINVAL;
    FtlStatus st = ses_run(s, mapping_body, out);
    if (st == FTL_OK && len) *len = s->comp->import_mapping_len;
    return st;
}
