/* breaking_load.c - one side of a comparison as a checked compilation: its input
 * files, --external-realm files and the realms its project file pins, read from disk
 * or from a commit of the current directory's repository (--against-git), where a
 * file is named "REV:PATH" in diagnostics.
 *
 * At a revision, a pinned realm's cached schema (.ftl/realms/NAME/COMMIT.EXT) comes
 * from that commit when it was committed, else from the work tree's cache: the file is
 * named by the pinned commit and checked against the pin's schema-sha256, so either
 * holds the same bytes.
 */
#include "realm/breaking.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "realm/realm.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Loader {
    FtlSchema *s;
    const FtlBrkInputs *in;
    const FtlBrkFrom *from;
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
        if (ftl_read_file(path, data, len, l->err, l->errsz) != 0) return -1;
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
    *n = ftl_io_read(l->s, name, data, len, f, files);
    free(name);
    return 0;
}

/* ---- pinned realms at a revision ------------------------------------------------------------- */

/* The pin's cached schema as committed at the revision: 0 with data, 1 when it is not. */
static int pin_at_rev(Loader *l, const FtlProject *p, const FtlPin *pin, char **path, char **data,
                      size_t *len)
{
    static const char *const exts[] = {".txtpb", ".json", ".binpb", ".ftl"};
    const char *only = pin->git_path ? ftl_format_ext(ftl_format_of_path(pin->git_path)) : NULL;
    for (int i = 0; i < 4; i++) {
        if (only && strcmp(only, exts[i]) != 0) continue;
        *path = ftl_pin_cache_path(p, pin->name, pin->git_commit, exts[i]);
        int rc = side_read(l, *path, data, len);
        if (rc <= 0) return rc;
        free(*path);
        *path = NULL;
    }
    return 1;
}

static int load_pin_at_rev(Loader *l, const FtlProject *p, const FtlPin *pin)
{
    char *path = NULL, *data = NULL, actual[FTL_SHA256_HEX] = "";
    size_t len = 0;
    FtlCacheState st = FTL_CACHE_UNPINNED;
    int rc = pin->git_commit ? pin_at_rev(l, p, pin, &path, &data, &len) : 1;
    if (rc < 0) return -1;
    char *name = NULL;
    if (rc == 0) {
        ftl_sha256_hex(data, len, actual);
        st = !pin->schema_sha256 || strcmp(actual, pin->schema_sha256) == 0 ? FTL_CACHE_OK
                                                                            : FTL_CACHE_MISMATCH;
        name = display(l->from, path);
    } else if (pin->git_commit) {
        st = ftl_cache_lookup(p, pin, &path, &data, &len, actual);
    }
    ftl_cache_report(l->s->diags, pin, st, name ? name : path, actual);
    if (st == FTL_CACHE_OK)
        ftl_realm_load(l->s, pin->name, name ? name : path, data, len, FTL_REALM_RENAME);
    else
        free(data);
    free(name);
    free(path);
    return 0;
}

static int load_pins(Loader *l)
{
    const FtlProject *p = l->in->project;
    const FtlBrkInputs *in = l->in;
    if (!l->from->git) {
        ftl_project_load_realms(p, l->s, in->ext_names, in->nexternals);
        return 0;
    }
    for (size_t i = 0; i < p->npins; i++) {
        int given = 0;
        for (int k = 0; k < in->nexternals && !given; k++)
            given = strcmp(in->ext_names[k], p->pins[i].name) == 0;
        if (!given && load_pin_at_rev(l, p, &p->pins[i]) != 0) return -1;
    }
    return 0;
}

/* ---- the side -------------------------------------------------------------------------------- */

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
    Loader l = {s, in, from, err, errsz};
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
    FtlCheckOptions co = {in->realm,          (const char **)in->includes,
                          in->nincludes,      ftl_io_include_exts,
                          ftl_io_load_module, NULL,
                          {0, 0, 0}};
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
    char *text;
    size_t len;
    int rc = ftl_git_show(from->git, from->commit, cur->path, &text, &len);
    if (rc < 0) {
        snprintf(err, errsz, "%s", from->git->err);
        return -1;
    }
    if (rc == 1) return 1;
    char *name = display(from, cur->path);
    ftl_project_parse(p, name, text, len, 0, src, diags);
    p->path = name;
    size_t n = strlen(cur->root) + 1;
    p->root = ftl_xmalloc(n);
    memcpy(p->root, cur->root, n);
    free(text);
    return 0;
}
