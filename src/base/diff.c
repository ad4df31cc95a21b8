/* diff.c - line diff with Myers' O((N+M)D) algorithm, printed as unified hunks. */
#include "base/diff.h"
#include "base/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Line {
    const char *p;
    size_t n; /* including the LF, if any */
} Line;

static Line *split_lines(const char *s, size_t len, size_t *count)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += s[i] == '\n';
    if (len && s[len - 1] != '\n') n++;
    Line *v = ftl_xmalloc((n ? n : 1) * sizeof *v);
    size_t k = 0, start = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '\n') continue;
        v[k++] = (Line){s + start, i + 1 - start};
        start = i + 1;
    }
    if (start < len) v[k++] = (Line){s + start, len - start};
    *count = k;
    return v;
}

static int line_eq(Line a, Line b)
{
    return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

/* Edit script as a per-line mark: for a, 1 = deleted; for b, 1 = inserted. */
static void myers(const Line *a, size_t n, const Line *b, size_t m, char *da, char *db)
{
    size_t max = n + m;
    size_t w = 2 * max + 1;
    /* trace[d] holds the V array after step d; memory O(D * (N + M)). */
    size_t cap = 16, nd = 0;
    long **trace = ftl_xmalloc(cap * sizeof *trace);
    long *v = ftl_xmalloc(w * sizeof *v);
    for (size_t i = 0; i < w; i++)
        v[i] = 0;
    long off = (long)max, d, found = -1;
    for (d = 0; d <= (long)max && found < 0; d++) {
        for (long k = -d; k <= d; k += 2) {
            long x;
            if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
                x = v[off + k + 1];
            else
                x = v[off + k - 1] + 1;
            long y = x - k;
            while (x < (long)n && y < (long)m && line_eq(a[x], b[y]))
                x++, y++;
            v[off + k] = x;
            if (x >= (long)n && y >= (long)m) found = d;
        }
        if (nd == cap) trace = ftl_xrealloc(trace, (cap *= 2) * sizeof *trace);
        trace[nd] = ftl_xmalloc(w * sizeof(long));
        memcpy(trace[nd++], v, w * sizeof(long));
    }
    /* Walk back through the trace to mark deletions and insertions. */
    long x = (long)n, y = (long)m;
    for (long dd = found; dd > 0; dd--) {
        long *pv = trace[dd - 1];
        long k = x - y, pk;
        if (k == -dd || (k != dd && pv[off + k - 1] < pv[off + k + 1]))
            pk = k + 1;
        else
            pk = k - 1;
        long px = pv[off + pk], py = px - pk;
        while (x > px && y > py)
            x--, y--;
        if (x == px)
            db[--y] = 1;
        else
            da[--x] = 1;
    }
    for (size_t i = 0; i < nd; i++)
        free(trace[i]);
    free(trace);
    free(v);
}

static void put_line(FtlBuf *out, char tag, Line l)
{
    ftl_buf_putc(out, tag);
    ftl_buf_put(out, l.p, l.n);
    if (!l.n || l.p[l.n - 1] != '\n') ftl_buf_puts(out, "\n\\ No newline at end of file\n");
}

/* "start,count" as diff and git write it: the count is left out when it is 1,
 * and an empty range names the line before it. */
static void hunk_range(FtlBuf *out, size_t start, size_t count)
{
    if (count == 1)
        ftl_buf_printf(out, "%zu", start + 1);
    else
        ftl_buf_printf(out, "%zu,%zu", count ? start + 1 : start, count);
}

void ftl_diff_unified(FtlBuf *out, const char *name, const char *a, size_t alen, const char *b,
                      size_t blen)
{
    if (alen == blen && memcmp(a, b, alen) == 0) return;
    size_t n, m;
    Line *la = split_lines(a, alen, &n), *lb = split_lines(b, blen, &m);
    char *da = calloc(n + 1, 1), *db = calloc(m + 1, 1);
    if (!da || !db) ftl_oom();
    myers(la, n, lb, m, da, db);
    ftl_buf_printf(out, "--- a/%s\n+++ b/%s\n", name, name);
    enum { CTX = 3 };
    size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && !da[i] && !db[j]) {
            i++, j++;
            continue;
        }
        /* A change at (i, j): extend the hunk while changes are near. */
        size_t hi = i > CTX ? i - CTX : 0, hj = j - (i - hi);
        size_t ei = i, ej = j, gap = 0;
        while (ei < n || ej < m) {
            if (ei < n && da[ei])
                ei++, gap = 0;
            else if (ej < m && db[ej])
                ej++, gap = 0;
            else if (ei < n && ej < m && gap < 2 * CTX)
                ei++, ej++, gap++;
            else
                break;
        }
        size_t back = gap > CTX ? gap - CTX : 0;
        ei -= back, ej -= back;
        ftl_buf_puts(out, "@@ -");
        hunk_range(out, hi, ei - hi);
        ftl_buf_puts(out, " +");
        hunk_range(out, hj, ej - hj);
        ftl_buf_puts(out, " @@\n");
        size_t x = hi, y = hj;
        while (x < ei || y < ej) {
            if (x < ei && da[x])
                put_line(out, '-', la[x++]);
            else if (y < ej && db[y])
                put_line(out, '+', lb[y++]);
            else
                put_line(out, ' ', la[x++]), y++;
        }
        i = ei, j = ej;
    }
    free(da);
    free(db);
    free(la);
    free(lb);
}
