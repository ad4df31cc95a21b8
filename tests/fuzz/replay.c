/* replay.c - replays inputs through the fuzz targets in the normal build, so that
 * every input a fuzzer found a crash with stays a regression test.
 *
 *   replay TARGET FILE|DIR...   runs each file (each file of each DIR) through the
 *                               target: schema, textproto, json, binpb, toml or descset
 *   replay                      runs every case of the regression directory:
 *                               $FTL_FUZZ_REGRESS, else the one compiled in
 *                               (tests/fuzz/regress), a folder per target
 *
 * It is built from the fuzz targets' own sources (with FTL_FUZZ_NO_MAIN), so an
 * input takes exactly the code path it took under libFuzzer. A crash, a sanitizer
 * report or a failed property ends the run (abort, non-zero status); the case
 * being replayed is named on standard error first. Exit status: 0 when every
 * input ran, 2 for a usage or I/O error. */
#define _POSIX_C_SOURCE 200809L

#include "fuzz.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef FTL_FUZZ_REGRESS_DIR
#define FTL_FUZZ_REGRESS_DIR "tests/fuzz/regress"
#endif

typedef struct Target {
    const char *name;
    int (*run)(const uint8_t *data, size_t size);
} Target;

static const Target TARGETS[] = {
    {"schema", ftl_fuzz_schema}, {"textproto", ftl_fuzz_textproto}, {"json", ftl_fuzz_json},
    {"binpb", ftl_fuzz_binpb},   {"toml", ftl_fuzz_toml},           {"descset", ftl_fuzz_descset},
};
#define NTARGETS (sizeof TARGETS / sizeof TARGETS[0])

static const Target *find_target(const char *name)
{
    for (size_t i = 0; i < NTARGETS; i++)
        if (strcmp(TARGETS[i].name, name) == 0) return &TARGETS[i];
    return NULL;
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Runs one file; -1 when it cannot be read. */
static int replay_file(const Target *t, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "replay: cannot open %s\n", path);
        return -1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *data = malloc(cap);
    for (;;) {
        if (!data) break;
        len += fread(data + len, 1, cap - len, f);
        if (len < cap) break;
        uint8_t *more = cap > FTL_FUZZ_MAX_INPUT ? NULL : realloc(data, cap * 2);
        if (!more) {
            free(data);
            data = NULL;
            break;
        }
        data = more;
        cap *= 2;
    }
    int bad = ferror(f) || !data;
    fclose(f);
    if (bad) {
        free(data);
        fprintf(stderr, "replay: cannot read %s\n", path);
        return -1;
    }
    fprintf(stderr, "replay: %s %s\n", t->name, path);
    fflush(stderr);
    t->run(data, len);
    free(data);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file of dir (not README*, not dot files), in name order;
 * returns the number of files run, or -1. */
static int replay_dir(const Target *t, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "replay: cannot open directory %s\n", dir);
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || strncmp(e->d_name, "README", 6) == 0) continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **more = realloc(names, cap * sizeof *names);
            if (!more) {
                rc = -1;
                break;
            }
            names = more;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(names[n] = malloc(len))) {
            rc = -1;
            break;
        }
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n) qsort(names, n, sizeof *names, by_name);
    int count = 0;
    for (size_t i = 0; i < n; i++) {
        if (rc == 0 && !is_dir(names[i])) {
            if (replay_file(t, names[i]) != 0)
                rc = -1;
            else
                count++;
        }
        free(names[i]);
    }
    free(names);
    if (rc != 0) fprintf(stderr, "replay: cannot list %s\n", dir);
    return rc != 0 ? -1 : count;
}

int main(int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: replay TARGET FILE|DIR...   (TARGET: schema textproto json binpb toml "
               "descset)\n"
               "       replay                      (every case of %s)\n",
               FTL_FUZZ_REGRESS_DIR);
        return 0;
    }
    if (argc == 1) {
        const char *root = getenv("FTL_FUZZ_REGRESS");
        if (!root || !*root) root = FTL_FUZZ_REGRESS_DIR;
        int total = 0;
        for (size_t i = 0; i < NTARGETS; i++) {
            size_t len = strlen(root) + strlen(TARGETS[i].name) + 2;
            char *dir = malloc(len);
            if (!dir) return 2;
            snprintf(dir, len, "%s/%s", root, TARGETS[i].name);
            int n = is_dir(dir) ? replay_dir(&TARGETS[i], dir) : 0;
            free(dir);
            if (n < 0) return 2;
            total += n;
        }
        printf("replay: %d regression inputs ran without a crash\n", total);
        return 0;
    }
    const Target *t = find_target(argv[1]);
    if (!t || argc < 3) {
        fprintf(stderr, "usage: replay TARGET FILE|DIR...   (TARGET: schema textproto json "
                        "binpb toml descset); replay --help\n");
        return 2;
    }
    int status = 0;
    for (int i = 2; i < argc; i++) {
        int rc = is_dir(argv[i]) ? replay_dir(t, argv[i]) : replay_file(t, argv[i]);
        if (rc < 0) status = 2;
    }
    return status;
}
