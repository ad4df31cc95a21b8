/* linediff.c - line diffs (see linediff.h). E. W. Myers, "An O(ND) Difference
 * Algorithm and Its Variations", Algorithmica 1 (1986): the greedy forward
 * search, remembering each round's furthest points to walk the path back. */
#define _POSIX_C_SOURCE 200809L
#include "linediff.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Lines {
    const char *text;
    size_t *start; /* n + 1 offsets: line i is [start[i], start[i + 1]) */
    uint64_t *hash;
    size_t n;
} Lines;

static void lines_free(Lines *l)
{
    free(l->start);
    free(l->hash);
}

/* Splits text into lines (each with its "\n") and hashes them (FNV-1a). */
static int lines_split(Lines *l, const char *text, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    n += len && text[len - 1] != '\n';
    l->text = text;
    l->n = n;
    l->start = malloc((n + 1) * sizeof *l->start);
    l->hash = malloc((n + 1) * sizeof *l->hash);
    if (!l->start || !l->hash) return -1;
    size_t k = 0;
    l->start[0] = 0;
    uint64_t h = 14695981039346656037u;
    for (size_t i = 0; i < len; i++) {
        h = (h ^ (unsigned char)text[i]) * 1099511628211u;
        if (text[i] == '\n' || i + 1 == len) {
            l->hash[k] = h;
            l->start[++k] = i + 1;
            h = 14695981039346656037u;
        }
    }
    return 0;
}

static int line_eq(const Lines *a, size_t i, const Lines *b, size_t j)
{
    size_t la = a->start[i + 1] - a->start[i], lb = b->start[j + 1] - b->start[j];
    return a->hash[i] == b->hash[j] && la == lb &&
           memcmp(a->text + a->start[i], b->text + b->start[j], la) == 0;
}

/* The search over lines [lo, ahi) of a and [lo, bhi) of b (past a common
 * prefix and suffix): marks the lines deleted from a and inserted from b.
 * Returns 1 when it found the path, 0 when it gave up (more than
 * LSP_DIFF_MAX_D differences), -1 when out of memory. */
static int myers(const Lines *a, const Lines *b, size_t lo, size_t ahi, size_t bhi, char *del,
                 char *ins)
{
    long n = (long)(ahi - lo), m = (long)(bhi - lo), max = n + m;
    long dmax = max < (long)LSP_DIFF_MAX_D ? max : (long)LSP_DIFF_MAX_D;
    long *v = malloc((size_t)(2 * max + 3) * sizeof *v);
    long *trace = malloc((size_t)((dmax + 1) * (dmax + 1)) * sizeof *trace);
    if (!v || !trace) {
        free(v);
        free(trace);
        return -1;
    }
    long *V = v + max + 1, found = -1;
    V[1] = 0;
    for (long d = 0; d <= dmax && found < 0; d++) {
        for (long k = -d; k <= d; k += 2) {
            long x = k == -d || (k != d && V[k - 1] < V[k + 1]) ? V[k + 1] : V[k - 1] + 1;
            long y = x - k;
            while (x < n && y < m && line_eq(a, lo + (size_t)x, b, lo + (size_t)y))
                x++, y++;
            V[k] = x;
            if (x >= n && y >= m) found = d;
        }
        memcpy(trace + d * d, V - d, (size_t)(2 * d + 1) * sizeof *V);
    }
    if (found >= 0) {
        long x = n, y = m;
        for (long d = found; d > 0; d--) {
            const long *P = trace + (d - 1) * (d - 1) + (d - 1); /* round d-1, index by k */
            long k = x - y;
            long pk = k == -d || (k != d && P[k - 1] < P[k + 1]) ? k + 1 : k - 1;
            long px = P[pk], py = px - pk;
            if (pk == k + 1)
                ins[lo + (size_t)py] = 1; /* down: b's line py */
            else
                del[lo + (size_t)px] = 1; /* right: a's line px */
            x = px;
            y = py;
        }
    }
    free(v);
    free(trace);
    return found >= 0;
}

static int push(LspHunk **h, size_t *n, size_t *cap, LspHunk x)
{
    if (*n == *cap) {
        size_t c = *cap ? 2 * *cap : 8;
        LspHunk *p = realloc(*h, c * sizeof *p);
        if (!p) return -1;
        *h = p;
        *cap = c;
    }
    (*h)[(*n)++] = x;
    return 0;
}

/* Walks both texts: unmarked lines pair up in order, each run of marked
 * lines between two pairs is one hunk. */
static int collect(const Lines *a, const Lines *b, const char *del, const char *ins,
                   LspHunk **hunks, size_t *n)
{
    size_t i = 0, j = 0, cap = 0;
    while (i < a->n || j < b->n) {
        if (i < a->n && j < b->n && !del[i] && !ins[j]) {
            i++, j++;
            continue;
        }
        LspHunk h = {a->start[i], 0, b->start[j], 0};
        while (i < a->n && del[i])
            i++;
        while (j < b->n && ins[j])
            j++;
        h.a1 = a->start[i];
        h.b1 = b->start[j];
        if (push(hunks, n, &cap, h) != 0) return -1;
    }
    return 0;
}

int lsp_line_diff(const char *a, size_t alen, const char *b, size_t blen, LspHunk **hunks,
                  size_t *n)
{
    Lines la = {0}, lb = {0};
    char *del = NULL, *ins = NULL;
    *hunks = NULL;
    *n = 0;
    int rc = -1;
    if (lines_split(&la, a, alen) != 0 || lines_split(&lb, b, blen) != 0) goto out;
    del = calloc(la.n + 1, 1);
    ins = calloc(lb.n + 1, 1);
    if (!del || !ins) goto out;
    size_t lo = 0, ahi = la.n, bhi = lb.n;
    while (lo < ahi && lo < bhi && line_eq(&la, lo, &lb, lo))
        lo++;
    while (ahi > lo && bhi > lo && line_eq(&la, ahi - 1, &lb, bhi - 1))
        ahi--, bhi--;
    int found = myers(&la, &lb, lo, ahi, bhi, del, ins);
    if (found < 0) goto out;
    if (!found) { /* too different: the middle is one hunk */
        memset(del + lo, 1, ahi - lo);
        memset(ins + lo, 1, bhi - lo);
    }
    rc = collect(&la, &lb, del, ins, hunks, n);
out:
    if (rc != 0) {
        free(*hunks);
        *hunks = NULL;
        *n = 0;
    }
    free(del);
    free(ins);
    lines_free(&la);
    lines_free(&lb);
    return rc;
}
