/* stages.c - times ftlc's stages on one file: lex only, lex+parse, format.
 *
 * usage: stages FILE [RUNS]   prints the median wall time and MB/s per stage. */
#define _POSIX_C_SOURCE 200809L
#include "ftlc/fileio.h"
#include "ftlc/fmt.h"
#include "ftlc/parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

enum { STAGE_LEX, STAGE_PARSE, STAGE_FMT };

static double run_stage(const FtlSources *src, int stage)
{
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    ftl_arena_init(&arena);
    ftl_intern_init(&in, &arena);
    ftl_diags_init(&diags);
    double t0 = now();
    if (stage == STAGE_LEX) {
        ftl_lex_all(src, 1, &diags);
    } else {
        FtlFile *f = ftl_parse_file(&arena, &in, &diags, src, 1);
        if (stage == STAGE_FMT) {
            FtlBuf out;
            ftl_buf_init(&out);
            ftl_fmt_file(&out, f, NULL);
            ftl_buf_free(&out);
        }
    }
    double t = now() - t0;
    if (diags.errors) fprintf(stderr, "stages: the input has %u errors\n", diags.errors);
    ftl_diags_free(&diags);
    ftl_intern_free(&in);
    ftl_arena_free(&arena);
    return t;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: stages FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 100) runs = 5;
    char *data, err[512];
    size_t len;
    if (ftl_read_file(argv[1], &data, &len, err, sizeof err) != 0) {
        fprintf(stderr, "stages: %s\n", err);
        return 2;
    }
    FtlSources src;
    ftl_sources_init(&src);
    ftl_sources_adopt(&src, argv[1], data, len);
    static const char *const names[] = {"lex", "lex+parse", "lex+parse+fmt"};
    double mb = (double)len / (1024.0 * 1024.0);
    printf("%-14s %10s %10s   (%.1f MB, median of %d runs)\n", "stage", "seconds", "MB/s", mb,
           runs);
    for (int s = STAGE_LEX; s <= STAGE_FMT; s++) {
        double t[100];
        for (int r = 0; r < runs; r++) t[r] = run_stage(&src, s);
        qsort(t, (size_t)runs, sizeof t[0], cmp_double);
        double med = t[runs / 2];
        printf("%-14s %10.3f %10.1f\n", names[s], med, mb / med);
    }
    ftl_sources_free(&src);
    return 0;
}
