/* realm_source.c - a realm's public schema at a commit of its repository (see
 * realm_source.h). */
#define _POSIX_C_SOURCE 200809L
#include "realm/realm_source.h"
#include "base/buf.h"
#include "ftlc.h"
#include "proto/schema_io.h"
#include "realm/cache.h"
#include "realm/project.h"
#include "realm/realm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Diagnostics about no place in a file (git's failures). */
static const FtlSpan NOWHERE = {0, 0, 0};

/* The names a published schema goes by, in the order they are looked for. */
static const char *const SCHEMA_NAMES[] = {"ftl-external-schema.txtpb", "ftl-external-schema.json",
                                           "ftl-external-schema.binpb"};
enum { NSCHEMA_NAMES = 3 };

void ftl_fetched_free(FtlFetched *f)
{
    free(f->path);
    free(f->data);
    free(f->display);
    memset(f, 0, sizeof *f);
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n + 1);
    return c;
}

static int git_failed(FtlDiags *d, const FtlGit *g)
{
    ftl_error(d, NOWHERE, "E0708", "%s", g->err);
    return FTL_EIO;
}

int ftl_source_fetch_head(FtlGit *g, const char *branch, FtlFetched *f, FtlDiags *d)
{
    if (ftl_git_head(g, branch, f->commit) != 0 || ftl_git_fetch(g, f->commit, branch) != 0)
        return git_failed(d, g);
    return FTL_OK;
}

static char *display_name(const char *label, const char *commit, const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s@%.12s/%s", label, commit, path);
    return b.data;
}

/* The export-path of the repository's own ftl-project.toml at f->commit
 * (malloc'd), or NULL in *path when it has none. */
static int remote_export_path(const FtlSourceEnv *env, FtlGit *g, const char *label,
                              const FtlFetched *f, char **path)
{
    char *text;
    size_t len;
    *path = NULL;
    int rc = ftl_git_read(g, f->commit, FTL_PROJECT_FILE, &text, &len);
    if (rc < 0) return git_failed(env->diags, g);
    if (rc != 0) return FTL_OK;
    FtlProject remote;
    memset(&remote, 0, sizeof remote);
    char *name = display_name(label, f->commit, FTL_PROJECT_FILE);
    unsigned errors =
        ftl_project_parse(&remote, name, text, len, FTL_PROJECT_NO_PINS, env->src, env->diags);
    /* Only an export-path it sets: the default is looked for in every format. */
    if (!errors && ftl_toml_get(ftl_toml_root(remote.doc), "realms.export-path"))
        *path = dup_str(remote.export_path);
    ftl_project_free(&remote);
    free(name);
    free(text);
    return errors ? FTL_ERRORS : FTL_OK;
}

/* Reads the file path into f: 0, 1 when there is none, 2 when it is a
 * directory, -1 when git failed (g->err). */
static int read_file(FtlGit *g, const char *path, FtlFetched *f)
{
    int rc = ftl_git_read(g, f->commit, path, &f->data, &f->len);
    if (rc == 0) f->path = dup_str(path);
    return rc;
}

/* Looks for the published names in dir ("" is the top): 0 found, 1 not. */
static int read_in_dir(FtlGit *g, const char *dir, FtlFetched *f)
{
    for (int i = 0; i < NSCHEMA_NAMES; i++) {
        FtlBuf b;
        ftl_buf_init(&b);
        ftl_buf_printf(&b, "%s%s%s", dir, *dir ? "/" : "", SCHEMA_NAMES[i]);
        int rc = read_file(g, ftl_buf_cstr(&b), f);
        ftl_buf_free(&b);
        if (rc != 1 && rc != 2) return rc;
    }
    return 1;
}

static int not_found(const FtlSourceEnv *env, const char *label, const char *what,
                     const FtlFetched *f, const FtlGit *g)
{
    FtlDiag *e =
        ftl_error(env->diags, NOWHERE, "E0708", "%s: there is no %s at commit %.12s of '%s'", label,
                  what, f->commit, g->repo);
    ftl_diag_fixit(e, "give the schema's path with --git-path, or set export-path under "
                      "[realms] in the realm's own ftl-project.toml");
    return FTL_ERRORS;
}

/* Finds and reads the schema; FTL_OK, or what went wrong (reported). */
static int find_schema(const FtlSourceEnv *env, FtlGit *g, const char *label, const char *git_path,
                       FtlFetched *f)
{
    char *remote = NULL, what[600];
    int rc = git_path ? FTL_OK : remote_export_path(env, g, label, f, &remote);
    if (rc != FTL_OK) return rc;
    const char *path = git_path ? git_path : remote;
    /* The top of the repository, a directory named, or a file named. */
    int dir = !path || !*path;
    int got = dir ? 2 : read_file(g, path, f);
    if (got == 2) dir = 1, got = read_in_dir(g, path ? path : "", f);
    if (got < 0) {
        rc = git_failed(env->diags, g);
    } else if (got == 1) {
        if (!dir)
            snprintf(what, sizeof what, "'%s'", path);
        else if (path && *path)
            snprintf(what, sizeof what, "ftl-external-schema.txtpb, .json or .binpb in '%s'", path);
        else
            snprintf(what, sizeof what, "ftl-external-schema.txtpb, .json or .binpb at its top");
        rc = not_found(env, label, what, f, g);
    }
    free(remote);
    return rc;
}

int ftl_source_read(const FtlSourceEnv *env, FtlGit *g, const char *label, const char *git_path,
                    FtlFetched *f)
{
    int rc = find_schema(env, g, label, git_path, f);
    if (rc != FTL_OK) return rc;
    f->display = display_name(label, f->commit, f->path);
    if (f->len > FTL_CACHE_MAX) {
        ftl_error(env->diags, NOWHERE, "E0709",
                  "%s: '%s' at commit %.12s is %zu bytes, more than the %zu MiB ftlc reads of "
                  "a public schema; nothing was written",
                  label, f->path, f->commit, f->len, FTL_CACHE_MAX >> 20);
        return FTL_ERRORS;
    }
    ftl_sha256_hex(f->data, f->len, f->sha);
    return FTL_OK;
}

FtlRealm *ftl_source_check(const FtlSourceEnv *env, FtlSchema *s, const char *name,
                           const FtlFetched *f, const char *repo, int report)
{
    ftl_schema_init(s, env->arena, env->in, env->diags, env->src);
    char *copy = ftl_xmalloc(f->len + 1);
    memcpy(copy, f->data, f->len);
    FtlRealm *r = ftl_realm_check_file(s, name, f->display, copy, f->len);
    if (!r && report)
        ftl_error(env->diags, NOWHERE, "E0709",
                  "the public schema '%s' at commit %.12s of '%s' is not valid; nothing was "
                  "written",
                  f->path, f->commit, repo);
    return r;
}
