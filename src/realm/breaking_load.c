/* breaking_load.c - one side of a comparison as a checked compilation: its input
 * files, --external-realm files, -I modules and the realms its project file pins,
 * read from disk or from a commit of the current directory's repository
 * (--against-git), where an input is named "REV:PATH" in diagnostics.
 *
 * At a revision, -I modules are read as committed there (through an FtlReader), and
 * a pinned realm's cached schema (.ftl/realms/NAME/COMMIT.EXT) as committed there,
 * else from the work tree's cache: the file is named by the pinned commit and
 * checked against the pin's schema-sha256, so either holds the same bytes.
 */
#include "realm/breaking.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "realm/cache.h"
#include "realm/realm.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Files at the revision, copied into the compilation's arena (a reader's data lives
 * as long as the compilation). */
typedef struct RevReader {
    const FtlBrkFrom *from;
    FtlArena *arena;
} RevReader;

static int rev_read(void *ctx, const char *path, const char **data, size_t *len, char *err,
                    size_t errsz)
{
    RevReader *r = ctx;
    char *text;
    size_t n;
    int rc = ftl_git_show(r->from->git, r->from->commit, path, &text, &n);
    if (rc != 0) {
        snprintf(err, errsz, "%s", rc < 0 ? r->from->git->err : "not at the revision");
        errno = rc < 0 ? EIO : ENOENT;
        return -1;
    }
    *data = ftl_arena_strndup(r->arena, text, n);
    *len = n;
    free(text);
    return 0;
}

typedef struct Loader {
    FtlSchema *s;
    const FtlBrkInputs *in;
    const FtlBrkFrom *from;
    RevReader rev;
    FtlReader reader; /* at a revision: rev; NULL on disk */
    char *err;
    size_t errsz;
} Loader;

/* The name a file of this side has in diagnostics (malloc'd). */
static char *display(const FtlBrkFrom *from, const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (from->git)
        ftl_buf_printf(&b, "%s:%s", from->rev, path);
    else
        ftl_buf_puts(&b, strcmp(path, "-") == 0 ? "<stdin>" : path);
    return (char *)ftl_buf_cstr(&b);
}

/* Reads a file of this side: 0, 1 when a revision has no such file, -1 with l->err. */
static int side_read(Loader *l, const char *path, char **data, size_t *len)
{
    if (!l->from->git) {
        if (ftl_reader_copy(l->from->disk, path, data, len, l->err, l->errsz) != 0) return -1;
        if (*len <= FTL_MAX_INPUT) return 0;
        snprintf(l->err, l->errsz, "'%s' is too large (the limit is 4 GiB)", path);
        free(*data);
        return -1;
    }
    int rc = ftl_git_show(l->from->git, l->from->commit, path, data, len);
    if (rc < 0) snprintf(l->err, l->errsz, "%s", l->from->git->err);
    if (rc == 0 && *len > FTL_MAX_INPUT) {
        snprintf(l->err, l->errsz, "'%s' at %s is too large (the limit is 4 GiB)", path,
                 l->from->rev);
        free(*data);
        return -1;
    }
    return rc;
}

/* Reads a file in any format into the compilation; *n files, 0 when it did not decode
 * (reported). Returns side_read's status. */
static int load_file(Loader *l, const char *path, int format, FtlFile ***files, uint32_t *n)
{
    char *data;
    size_t len;
    *n = 0;
    int rc = side_read(l, path, &data, &len);
    if (rc != 0) return rc;
    char *name = display(l->from, path);
    FtlFormat f = format >= 0 ? (FtlFormat)format : ftl_format_of_path(path);
    *n = ftl_io_read(l->s, name, data, len, f, 0, files);
    free(name);
    return 0;
}

/* FtlCheckOptions.load_module: -I, from disk or at the revision. */
static int load_module(void *ctx, FtlSchema *s, const char *name, FtlFile **file)
{
    Loader *l = ctx;
    return ftl_io_find_module(s, l->from->git ? &l->reader : l->from->disk, l->in->includes,
                              (size_t)l->in->nincludes, name, file);
}

/* A pin's cached schema as committed at the revision, into e (FTL_CACHE_OK or
 * _MISMATCH, e->path named "REV:PATH"); 0 when the revision has none, -1 on a git error. */
static int pin_at_rev(Loader *l, const FtlProject *p, const FtlPin *pin, FtlCacheEntry *e)
{
    static const FtlFormat formats[] = {FTL_FORMAT_TXTPB, FTL_FORMAT_JSON, FTL_FORMAT_BINPB,
                                        FTL_FORMAT_FTL};
    const char *only = ftl_cache_ext(pin);
    for (int i = 0; i < 4; i++) {
        const char *ext = ftl_format_ext(formats[i]);
        if (only && strcmp(only, ext) != 0) continue;
        char *rel = ftl_cache_rel(pin->name, pin->git_commit, ext);
        char *path = ftl_project_join(p, rel);
        free(rel);
        int rc = side_read(l, path, &e->data, &e->len);
        if (rc == 0) {
            e->path = display(l->from, path);
            ftl_sha256_hex(e->data, e->len, e->actual);
            e->state = pin->schema_sha256 && strcmp(e->actual, pin->schema_sha256) != 0
                           ? FTL_CACHE_MISMATCH
                           : FTL_CACHE_OK;
        }
        free(path);
        if (rc <= 0) return rc < 0 ? -1 : 1;
    }
    return 0;
}

/* The realms the project pins, except those given with --external-realm: from the
 * cache, at a revision as committed there, else from the work tree's cache. */
static int load_pins(Loader *l)
{
    const FtlProject *p = l->in->project;
    if (!l->from->git) {
        ftl_project_load_realms(p, l->s, l->in->ext_names, l->in->nexternals);
        return 0;
    }
    for (size_t i = 0; i < p->npins; i++) {
        const FtlPin *pin = &p->pins[i];
        int given = 0;
        for (int k = 0; k < l->in->nexternals && !given; k++)
            given = strcmp(l->in->ext_names[k], pin->name) == 0;
        if (given) continue;
        FtlCacheEntry e;
        memset(&e, 0, sizeof e);
        int rc = pin->git_commit ? pin_at_rev(l, p, pin, &e) : 0;
        if (rc < 0) return -1;
        if (rc == 0) {
            ftl_cache_entry_free(&e);
            ftl_cache_lookup(p, pin, 1, &e);
        }
        ftl_cache_report(l->s->diags, pin, &e);
        /* ftl_realm_load takes the text over. */
        if (e.state == FTL_CACHE_OK)
            ftl_realm_load(l->s, pin->name, e.path, e.data, e.len, FTL_REALM_RENAME), e.data = NULL;
        ftl_cache_entry_free(&e);
    }
    return 0;
}

static int has_local_realm(FtlFile **files, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < files[i]->nrealms; k++)
            if (!files[i]->realms[k]->external) return 1;
    return 0;
}

int ftl_brk_load(FtlSchema *s, const FtlBrkInputs *in, const FtlBrkFrom *from, char *err,
                 size_t errsz)
{
    Loader l = {s, in, from, {from, s->arena}, {rev_read, NULL}, err, errsz};
    l.reader.ctx = &l.rev;
    unsigned before = s->diags->errors;
    int named = 0; /* the inputs name the local realm */
    for (int i = 0; i < in->nfiles; i++) {
        FtlFile **files;
        uint32_t n;
        int rc = load_file(&l, in->files[i], in->input_format, &files, &n);
        if (rc < 0) return -1;
        named |= has_local_realm(files, n);
        for (uint32_t k = 0; k < n; k++)
            ftl_schema_add_file(s, files[k]);
    }
    for (int i = 0; i < in->nexternals; i++) {
        FtlFile **files;
        uint32_t n;
        int rc = load_file(&l, in->ext_paths[i], -1, &files, &n);
        if (rc < 0) return -1;
        char *name = display(from, in->ext_paths[i]);
        if (rc == 0 && n) ftl_realm_adopt(s, in->ext_names[i], name, files, n, 0);
        free(name);
    }
    if (in->project && load_pins(&l) != 0) return -1;
    FtlCheckOptions co = {.realm = in->realm,
                          .search = in->nincludes > 0,
                          .load_module = load_module,
                          .load_ctx = &l};
    if (!co.realm && in->project && (co.realm = ftl_project_realm(in->project, s->diags)))
        co.realm_span = in->project->name_span;
    if (in->realm_weak && named) co.realm = NULL;
    /* After an input that could not be read, the check would only add noise. */
    if (s->diags->errors == before) ftl_schema_check(s, &co);
    return 0;
}

int ftl_brk_project_at(FtlProject *p, const FtlProject *cur, const FtlBrkFrom *from,
                       FtlSources *src, FtlDiags *diags, char *err, size_t errsz)
{
    memset(p, 0, sizeof *p);
    char *text, *lock = ftl_project_lock_path(cur->path);
    size_t len;
    int rc = ftl_git_show(from->git, from->commit, cur->path, &text, &len);
    if (rc == 0) {
        char *name = display(from, cur->path);
        ftl_project_load(p, name, text, len, src, diags);
        free(name);
        free(text);
        free(p->root); /* the directory of the file in the work tree: where the cache is */
        p->root = ftl_xmalloc(strlen(cur->root) + 1);
        memcpy(p->root, cur->root, strlen(cur->root) + 1);
        rc = ftl_git_show(from->git, from->commit, lock, &text, &len);
        if (rc == 0) {
            free(p->lock_path);
            p->lock_path = display(from, lock);
            ftl_project_parse_lock(p, text, len, src, diags);
            free(text);
        }
        rc = rc < 0 ? -1 : 0;
    }
    if (rc < 0) snprintf(err, errsz, "%s", from->git->err);
    free(lock);
    return rc;
}
