/* breaking_update.c - what moving a pinned realm to a new public schema does to the
 * local realm (ftlc realm update, and realm add of a name already pinned).
 *
 * The local realm's schema is compiled twice, as ftlc check would compile it: with
 * the realm's schema at the pinned commit, and with the new one (the project's other
 * pins as they are). The first says what the local realm uses of the realm (the verbs
 * its +calls name, the types its declarations name: breaking_use.c); the engine then
 * lists every breaking change of the realm's API, for any caller (directions through
 * all its verbs), and those that break what the local realm uses (directions through
 * the verbs it calls). The second says whether the local schema still checks.
 */
#define _POSIX_C_SOURCE 200809L
#include "realm/breaking.h"
#include "base/fileio.h"
#include "realm/realm.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* ---- the local realm's schema files ---------------------------------------------------------- */

/* Bounds of the search: a project's tree holds its schema, not a file system. */
enum { MAX_DEPTH = 16, MAX_FILES = 10000 };

typedef struct Found {
    char **items;
    size_t n, cap;
} Found;

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n > k && strcmp(s + n - k, suffix) == 0;
}

static char *join(const char *dir, const char *name)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (strcmp(dir, ".") != 0) ftl_buf_printf(&b, "%s/", dir);
    ftl_buf_puts(&b, name);
    return (char *)ftl_buf_cstr(&b);
}

static void search(Found *f, const char *dir, int depth)
{
    DIR *d = depth <= MAX_DEPTH ? opendir(dir) : NULL;
    if (!d) return;
    for (struct dirent *e; (e = readdir(d)) && f->n < MAX_FILES;) {
        if (e->d_name[0] == '.') continue; /* ., .., .ftl, .git and other hidden folders */
        char *path = join(dir, e->d_name);
        struct stat st;
        int known = lstat(path, &st) == 0; /* links are not followed */
        if (known && S_ISDIR(st.st_mode)) search(f, path, depth + 1);
        if (known && S_ISREG(st.st_mode) && ends_with(path, ".ftl")) {
            if (f->n == f->cap) {
                f->cap = f->cap ? f->cap * 2 : 16;
                f->items = ftl_xrealloc(f->items, f->cap * sizeof *f->items);
            }
            f->items[f->n++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
}

static int path_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

size_t ftl_brk_local_files(const char *root, char ***files)
{
    Found f = {NULL, 0, 0};
    search(&f, root, 0);
    if (f.n) qsort(f.items, f.n, sizeof *f.items, path_cmp);
    *files = f.items;
    return f.n;
}

void ftl_brk_local_files_free(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

/* ---- the two compilations -------------------------------------------------------------------- */

typedef struct Side {
    FtlSchema s;
    FtlDiags diags;
    FtlRealm *realm; /* the updated realm in it */
} Side;

static void read_local(Side *x, const char *path)
{
    char *data, err[600];
    size_t len;
    if (ftl_read_file(path, &data, &len, err, sizeof err) != 0) {
        ftl_error(&x->diags, ((FtlSpan){0, 0, 0}), "E0001", "%s", err);
        return;
    }
    FtlFile **files;
    uint32_t n = ftl_io_read(&x->s, path, data, len, ftl_format_of_path(path), 0, &files);
    for (uint32_t k = 0; k < n; k++)
        ftl_schema_add_file(&x->s, files[k]);
}

/* The local schema with the realm's schema text t (copied) and the project's other
 * pins, checked. */
static void compile_side(Side *x, const FtlBrkUpdateIn *in, const FtlBrkText *t)
{
    ftl_diags_init(&x->diags);
    ftl_schema_init(&x->s, in->arena, in->in, &x->diags, in->src);
    for (size_t i = 0; i < in->nfiles; i++)
        read_local(x, in->files[i]);
    ftl_project_load_realms(in->project, &x->s, &in->name, 1);
    char *copy = ftl_xmalloc(t->len + 1);
    memcpy(copy, t->data, t->len);
    ftl_realm_load(&x->s, in->name, t->display, copy, t->len, FTL_REALM_RENAME);
    FtlCheckOptions co = {.realm = ftl_project_realm(in->project, &x->diags)};
    if (co.realm) co.realm_span = in->project->name_span;
    ftl_schema_check(&x->s, &co);
    const char *name = ftl_intern_cstr(in->in, in->name);
    for (uint32_t i = 0; i < x->s.nrealms && !x->realm; i++)
        if (x->s.realms[i]->external && x->s.realms[i]->name == name) x->realm = x->s.realms[i];
}

/* ---- the update ------------------------------------------------------------------------------ */

void ftl_brk_update(FtlBrkUpdate *u, const FtlBrkUpdateIn *in, const FtlBrkText *old,
                    const FtlBrkText *fresh)
{
    memset(u, 0, sizeof *u);
    ftl_diags_init(&u->local_diags);
    Side a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    compile_side(&a, in, old);
    compile_side(&b, in, fresh);
    u->local_found = in->nfiles > 0;
    u->local_broken = u->local_found && b.diags.errors > 0 && a.diags.errors == 0;
    u->compared = a.realm && b.realm;
    if (u->compared) {
        FtlBrkSide sa = {&a.s, a.realm}, sb = {&b.s, b.realm};
        FtlBrkOptions o = {.scope = FTL_BRK_SCOPE_ALL, .categories = FTL_BRK_CAT_ALL};
        ftl_brk_compare(&u->all, &sa, &sb, &o);
        FtlBrkUse *uses;
        o.nuses = ftl_brk_uses(a.s.local, a.realm, &uses);
        o.uses = uses;
        if (o.nuses) ftl_brk_compare(&u->local, &sa, &sb, &o);
        free(uses);
    }
    u->local_diags = b.diags; /* what the local schema says against the new schema */
    ftl_diags_init(&b.diags);
    ftl_schema_free(&a.s);
    ftl_schema_free(&b.s);
    ftl_diags_free(&a.diags);
}

void ftl_brk_update_free(FtlBrkUpdate *u)
{
    ftl_brk_report_free(&u->all);
    ftl_brk_report_free(&u->local);
    ftl_diags_free(&u->local_diags);
}

int ftl_brk_same_finding(const FtlBrkFinding *a, const FtlBrkFinding *b)
{
    return a->rule == b->rule && a->module == b->module && a->decl == b->decl &&
           a->member == b->member;
}
