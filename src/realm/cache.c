/* cache.c - the cache of pinned realms (see cache.h). */
#define _GNU_SOURCE /* O_PATH */
#include "realm/cache.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "proto/schema_io.h"
#include "realm/git.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Diagnostics about no place in a file. */
static const FtlSpan NOWHERE = {0, 0, 0};

static const char *const EXTS[] = {".txtpb", ".json", ".binpb", ".ftl"};
enum { NEXTS = 4 };

char *ftl_cache_rel(const char *name, const char *commit, const char *ext)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, ".ftl/realms/%s", name);
    if (commit) ftl_buf_printf(&b, "/%s%s", commit, ext ? ext : "");
    return (char *)ftl_buf_cstr(&b);
}

const char *ftl_cache_ext(const FtlPin *pin)
{
    if (!pin->git_path) return NULL;
    size_t n = strlen(pin->git_path);
    for (int i = 0; i < NEXTS; i++) {
        size_t k = strlen(EXTS[i]);
        if (n > k && strcmp(pin->git_path + n - k, EXTS[i]) == 0) return EXTS[i];
    }
    return NULL;
}

/* Reads one candidate into e; 1 when there is no such file. */
static int lookup_one(int root, const FtlProject *p, const FtlPin *pin, const char *ext,
                      int want_data, FtlCacheEntry *e)
{
    free(e->rel);
    free(e->path);
    e->rel = ftl_cache_rel(pin->name, pin->git_commit, ext);
    e->path = ftl_project_join(p, e->rel);
    char *text = NULL;
    size_t n = 0;
    int rc = root < 0 ? -1
                      : ftl_read_at(root, p->root, e->rel, FTL_CACHE_MAX, &text, &n, e->why,
                                    sizeof e->why);
    if (root < 0) snprintf(e->why, sizeof e->why, "cannot open '%s': %s", p->root, strerror(errno));
    if (rc == 1) return 1;
    if (rc != 0) {
        e->state = FTL_CACHE_UNUSABLE;
        return 0;
    }
    /* A session reads through its files (an editor's unsaved buffer shadows
     * the file); the entry was checked on disk first. */
    char *through = NULL;
    size_t tn = 0;
    if (p->reader &&
        ftl_reader_copy(p->reader, e->path, &through, &tn, e->why, sizeof e->why) == 0) {
        free(text);
        text = through, n = tn;
    }
    ftl_sha256_hex(text, n, e->actual);
    e->state = pin->schema_sha256 && strcmp(e->actual, pin->schema_sha256) != 0 ? FTL_CACHE_MISMATCH
                                                                                : FTL_CACHE_OK;
    if (want_data && e->state == FTL_CACHE_OK)
        e->data = text, e->len = n;
    else
        free(text);
    return 0;
}

void ftl_cache_lookup(const FtlProject *p, const FtlPin *pin, int want_data, FtlCacheEntry *e)
{
    memset(e, 0, sizeof *e);
    e->state = FTL_CACHE_UNPINNED;
    if (!pin->git_commit) return;
    int root = open(p->root, O_PATH | O_DIRECTORY | O_CLOEXEC);
    const char *ext = ftl_cache_ext(pin);
    int missing = 1;
    for (int i = 0; i < NEXTS && missing; i++)
        if (!ext || strcmp(ext, EXTS[i]) == 0)
            missing = lookup_one(root, p, pin, EXTS[i], want_data, e);
    if (missing) {
        /* The file expected: git-path's extension, else the default. */
        free(e->rel);
        free(e->path);
        e->rel = ftl_cache_rel(pin->name, pin->git_commit, ext ? ext : EXTS[0]);
        e->path = ftl_project_join(p, e->rel);
        e->state = FTL_CACHE_MISSING;
    }
    if (root >= 0) close(root);
}

void ftl_cache_entry_free(FtlCacheEntry *e)
{
    free(e->rel);
    free(e->path);
    free(e->data);
    memset(e, 0, sizeof *e);
}

int ftl_cache_report(FtlDiags *d, const FtlPin *pin, const FtlCacheEntry *e)
{
    FtlDiag *g;
    switch (e->state) {
    case FTL_CACHE_UNPINNED:
        g = ftl_error(d, pin->span, "E0710",
                      "realm \"%s\" is not pinned to a commit (no git-commit)", pin->name);
        ftl_diag_fixit(g, "run 'ftlc realm update %s'", pin->name);
        return 1;
    case FTL_CACHE_MISSING:
        g = ftl_error(d, pin->commit_span, "E0706",
                      "the schema of realm \"%s\" at %.12s is not in the cache (%s)", pin->name,
                      pin->git_commit, e->path);
        ftl_diag_fixit(g, "run 'ftlc realm fetch'");
        return 1;
    case FTL_CACHE_MISMATCH:
        g = ftl_error(d, pin->sha_span, "E0707",
                      "the cached schema of realm \"%s\" (%s) does not match schema-sha256: its "
                      "SHA-256 is %s",
                      pin->name, e->path, e->actual);
        ftl_diag_fixit(g, "run 'ftlc realm fetch' to fetch it again");
        return 1;
    case FTL_CACHE_UNUSABLE:
        g = ftl_error(d, pin->commit_span, "E0712",
                      "the cached schema of realm \"%s\" at %.12s cannot be used: %s", pin->name,
                      pin->git_commit, e->why);
        ftl_diag_fixit(g, "remove it and run 'ftlc realm fetch'");
        return 1;
    default:
        if (pin->schema_sha256) return 0;
        g = ftl_warning(d, pin->span, "W0702",
                        "realm \"%s\" has no schema-sha256: its cached schema is not verified",
                        pin->name);
        ftl_diag_fixit(g, "'ftlc realm update %s' records one", pin->name);
        return 0;
    }
}

/* ---- removing a realm's cache ------------------------------------------------------------ */

/* COMMIT.EXT: what ftlc writes in a realm's folder. */
static int is_cache_name(const char *s)
{
    size_t n = strcspn(s, ".");
    char commit[FTL_GIT_COMMIT_MAX];
    if (n >= sizeof commit) return 0;
    memcpy(commit, s, n);
    commit[n] = '\0';
    if (!ftl_git_is_commit(commit)) return 0;
    for (int i = 0; i < NEXTS; i++)
        if (strcmp(s + n, EXTS[i]) == 0) return 1;
    return 0;
}

/* Adds 'n' to the list of what is left (comma-separated, cut at its size):
 * written while a folder is open, it allocates nothing. */
static void add_left(char *left, size_t cap, const char *n)
{
    size_t len = strlen(left);
    if (len + 8 >= cap) return;
    int w = snprintf(left + len, cap - len, "%s'%s'", len ? ", " : "", n);
    if (w < 0 || (size_t)w >= cap - len) snprintf(left + len, cap - len, "%s...", len ? ", " : "");
}

/* Deletes the cached schemas in the open folder dir; the names of what is left
 * go to left. */
static int remove_owned(int dir, char *left, size_t cap, char *err, size_t errsz)
{
    int fd = openat(dir, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
    if (!d) {
        if (fd >= 0) close(fd);
        snprintf(err, errsz, "%s", strerror(errno));
        return -1;
    }
    for (struct dirent *ent; (ent = readdir(d)) != NULL;) {
        const char *n = ent->d_name;
        if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0) continue;
        struct stat st;
        int ours = fstatat(dir, n, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
                   is_cache_name(n);
        if (ours && unlinkat(dir, n, 0) == 0) continue;
        add_left(left, cap, n);
    }
    closedir(d);
    return 0;
}

int ftl_cache_remove(int root, const char *where, const char *name, FtlDiags *diags, char *err,
                     size_t errsz)
{
    char *rel = ftl_cache_rel(name, NULL, NULL);
    int dir = ftl_dir_open_at(root, where, rel, 0, NULL, NULL, err, errsz);
    int rc = 0;
    if (dir < 0) {
        rc = errno == ENOENT ? 0 : -1;
    } else {
        char left[512] = "";
        rc = remove_owned(dir, left, sizeof left, err, errsz);
        close(dir);
        if (rc == 0 && *left) {
            FtlDiag *g = ftl_warning(diags, NOWHERE, "W0703",
                                     "kept %s in %s: not a schema ftlc cached", left, rel);
            ftl_diag_fixit(g, "remove what is not yours to keep by hand");
        } else if (rc == 0) {
            char *parent = ftl_cache_rel("", NULL, NULL);
            parent[strlen(parent) - 1] = '\0'; /* ".ftl/realms" */
            int pd = ftl_dir_open_at(root, where, parent, 0, NULL, NULL, err, errsz);
            if (pd >= 0) unlinkat(pd, name, AT_REMOVEDIR), close(pd);
            free(parent);
        }
    }
    free(rel);
    return rc;
}
