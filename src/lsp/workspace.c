/* workspace.c - the workspace's root, project file and .ftl files (see workspace.h). */
#define _POSIX_C_SOURCE 200809L
#include "workspace.h"
#include "uri.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *join(const char *dir, const char *name)
{
    size_t a = strlen(dir), b = strlen(name);
    char *p = malloc(a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    p[a] = '/';
    memcpy(p + a + 1, name, b + 1);
    if (a == 1) memmove(p + 1, p + 2, b + 1); /* dir "/" */
    return p;
}

/* ftl-project.toml in dir or the nearest parent that has one, or NULL. */
static char *find_project(const char *dir)
{
    char *d = strdup(dir);
    while (d) {
        char *p = join(d, "ftl-project.toml");
        struct stat st;
        if (p && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            free(d);
            return p;
        }
        free(p);
        char *slash = strrchr(d, '/');
        if (!slash || slash == d) break;
        *slash = 0;
    }
    free(d);
    return NULL;
}

int lsp_ws_init(LspWorkspace *w, const char *root, const char *project)
{
    memset(w, 0, sizeof *w);
    w->root = strdup(root);
    if (!w->root) return -1;
    lsp_path_normalize(w->root);
    if (project && project[0] != '/') {
        char cwd[4096];
        w->project = getcwd(cwd, sizeof cwd) ? join(cwd, project) : strdup(project);
    } else {
        w->project = project ? strdup(project) : find_project(w->root);
    }
    if (w->project) lsp_path_normalize(w->project);
    return project && !w->project ? -1 : 0;
}

static void free_list(char **files, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(files[i]);
    free(files);
}

void lsp_ws_free(LspWorkspace *w)
{
    free(w->root);
    free(w->project);
    free_list(w->files, w->nfiles);
    memset(w, 0, sizeof *w);
}

typedef struct Scan {
    char **files;
    size_t n, cap;
    int truncated, nomem;
} Scan;

static void scan_add(Scan *sc, char *path)
{
    if (!path) {
        sc->nomem = 1;
        return;
    }
    if (sc->n == LSP_WS_MAX_FILES) {
        sc->truncated = 1;
        free(path);
        return;
    }
    if (sc->n == sc->cap) {
        size_t cap = sc->cap ? 2 * sc->cap : 64;
        char **f = realloc(sc->files, cap * sizeof *f);
        if (!f) {
            sc->nomem = 1;
            free(path);
            return;
        }
        sc->files = f;
        sc->cap = cap;
    }
    sc->files[sc->n++] = path;
}

static int is_ftl(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, ".ftl") == 0;
}

static void scan_dir(Scan *sc, const char *dir, unsigned depth)
{
    DIR *d = opendir(dir);
    if (!d) return; /* unreadable folders are not part of the workspace */
    struct dirent *e;
    while ((e = readdir(d)) && !sc->nomem && !sc->truncated) {
        if (e->d_name[0] == '.') continue;
        char *path = join(dir, e->d_name);
        struct stat st;
        if (!path) {
            sc->nomem = 1;
            break;
        }
        if (lstat(path, &st) != 0) {
            free(path);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth < LSP_WS_MAX_DEPTH) scan_dir(sc, path, depth + 1);
            free(path);
        } else if (is_ftl(e->d_name) &&
                   (S_ISREG(st.st_mode) ||
                    (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode)))) {
            scan_add(sc, path);
        } else {
            free(path);
        }
    }
    closedir(d);
}

static int cmp_path(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int lsp_ws_scan(LspWorkspace *w)
{
    Scan sc = {0};
    scan_dir(&sc, w->root, 0);
    if (sc.nomem) {
        free_list(sc.files, sc.n);
        return -1;
    }
    qsort(sc.files, sc.n, sizeof *sc.files, cmp_path);
    int same = sc.n == w->nfiles;
    for (size_t i = 0; same && i < sc.n; i++)
        same = strcmp(sc.files[i], w->files[i]) == 0;
    if (same) {
        free_list(sc.files, sc.n);
        return 0;
    }
    free_list(w->files, w->nfiles);
    w->files = sc.files;
    w->nfiles = sc.n;
    w->truncated = sc.truncated;
    return 1;
}

int lsp_ws_has_file(const LspWorkspace *w, const char *path)
{
    return w->nfiles && bsearch(&path, w->files, w->nfiles, sizeof *w->files, cmp_path) != NULL;
}
