/* arena.c - bump allocator (see arena.h). */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct FtlArenaBlock {
    FtlArenaBlock *next;
    size_t mapped;   /* the length of the block's mapping; 0: it is from calloc */
    int no_populate; /* MADV_POPULATE_WRITE failed (before Linux 5.14): fault pages one by one */
    alignas(8) char data[];
};

/* Allocations are 8-aligned, enough for every type a tree holds (pointers,
 * int64_t, double): max_align_t's 16 would round each node and identifier up
 * by 8 bytes on average, some 5% of a tree. Blocks of ARENA_MAP_BLOCK bytes or
 * more are mapped whole, in multiples of ARENA_HUGE_PAGE. The first block is
 * two pages: the tree of a small file (the editor's and the build system's
 * case) fits in a few, and calloc(3) clears a block from the heap whole, each
 * page a page fault. A first block of 64 KiB made `ftlc check` of a 1.3 KB
 * file take 134 page faults instead of 108 (bench/README.md, round 7). */
enum {
    ARENA_MIN_BLOCK = 8 * 1024,
    ARENA_ALIGN = FTL_ARENA_ALIGN,
    ARENA_MAP_BLOCK = 4 * 1024 * 1024,
    ARENA_HUGE_PAGE = 2 * 1024 * 1024
};
_Static_assert(alignof(void *) <= ARENA_ALIGN && alignof(int64_t) <= ARENA_ALIGN &&
                   alignof(double) <= ARENA_ALIGN && alignof(size_t) <= ARENA_ALIGN,
               "arena alignment too small");

void *ftl_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) ftl_oom();
    return p;
}

void *ftl_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) ftl_oom();
    return q;
}

void ftl_arena_init(FtlArena *a)
{
    memset(a, 0, sizeof *a);
}

static void arena_blocks_free(FtlArenaBlock *b)
{
    while (b) {
        FtlArenaBlock *next = b->next;
        if (b->mapped)
            munmap(b, b->mapped);
        else
            free(b);
        b = next;
    }
}

void ftl_arena_free(FtlArena *a)
{
    arena_blocks_free(a->head);
    memset(a, 0, sizeof *a);
}

/* The newest block is the largest (arena_grow): the one worth keeping. Only
 * the bytes handed out are cleared, so a reset costs what was used, not the
 * block's size. a->end stays where it was: a mapped block's populated part. */
void ftl_arena_reset(FtlArena *a)
{
    FtlArenaBlock *b = a->head;
    if (!b) return;
    arena_blocks_free(b->next);
    b->next = NULL;
    memset(b->data, 0, (size_t)(a->cur - b->data));
    a->cur = b->data;
    a->total = b->mapped ? b->mapped - sizeof *b : (size_t)(a->end - b->data);
}

/* Whether asking for transparent huge pages (madvise(2), MADV_HUGEPAGE) cannot
 * stall: when the kernel's defrag setting (the file read below) is "defer" or
 * "never", a page fault in an advised region takes a free 2 MiB page or else a
 * small one at once; with "always", "madvise" or "defer+madvise" it first
 * reclaims and compacts memory to make a huge page. Measured on a busy 2-core VM
 * with "madvise" (bench/README.md): when huge pages were free, check of 20 MB
 * took 4,988 page faults instead of 41,960 and 16% less time; when they were
 * not, compaction added 0.2 to 0.5 s of system time and made emit up to 1.7
 * times slower. So the advice is only given where it costs nothing. */
static int arena_huge_pages_cheap(void)
{
    char buf[160];
    FILE *f = fopen("/sys/kernel/mm/transparent_hugepage/defrag", "re");
    if (!f) return 0;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return strstr(buf, "[defer]") != NULL || strstr(buf, "[never]") != NULL;
}

/* A zeroed block with room for size bytes (its size in *size, which a
 * mapping rounds up), or NULL. A large block is an anonymous mapping of its
 * own: the kernel's zero pages, given back whole when the arena is freed, and
 * where it cannot stall (above) backed by transparent huge pages (madvise(2),
 * MADV_HUGEPAGE): a tree touches each of its pages once, as it is built, and
 * every 4 KiB page is a page fault of its own. */
static FtlArenaBlock *arena_block(size_t *size)
{
    size_t total = sizeof(FtlArenaBlock) + *size;
    if (total < ARENA_MAP_BLOCK) return calloc(1, total);
    if (total > SIZE_MAX - ARENA_HUGE_PAGE) return NULL;
    total = (total + ARENA_HUGE_PAGE - 1) & ~(size_t)(ARENA_HUGE_PAGE - 1);
    FtlArenaBlock *b =
        mmap(NULL, total, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (b == MAP_FAILED) return NULL;
#ifdef MADV_HUGEPAGE
    if (arena_huge_pages_cheap()) madvise(b, total, MADV_HUGEPAGE);
#endif
    b->mapped = total;
    *size = total - sizeof(FtlArenaBlock);
    return b;
}

int ftl_pages_populate(char *from, char *end)
{
#ifdef MADV_POPULATE_WRITE
    char *page = (char *)((uintptr_t)from & ~(uintptr_t)4095);
    return madvise(page, (size_t)(end - page), MADV_POPULATE_WRITE) == 0 ? 0 : -1;
#else
    (void)from, (void)end;
    return -1;
#endif
}

/* A mapped block is handed out FTL_POPULATE_STEP bytes at a time (a->end is
 * the end of that part, so ftl_arena_alloc's test stays one comparison), each
 * part populated at once (ftl_pages_populate). Memory is taken only a part
 * ahead of use. Returns whether need more bytes fit. */
static int arena_populate(FtlArena *a, size_t need)
{
    FtlArenaBlock *b = a->head;
    if (!b || !b->mapped) return 0;
    char *limit = (char *)b + b->mapped;
    if ((size_t)(limit - a->cur) < need) return 0;
    size_t step = need > FTL_POPULATE_STEP ? need : FTL_POPULATE_STEP;
    char *end = (size_t)(limit - a->cur) <= step ? limit : a->cur + step;
    if (!b->no_populate && ftl_pages_populate(a->end, end) != 0) b->no_populate = 1;
    a->end = end;
    return 1;
}

/* Blocks grow with the arena (1/4 of what it holds) so a large input needs few
 * of them, while a small one stays small; ftl_arena_reserve makes one block of
 * what a whole input needs. Blocks come zeroed (calloc, or the kernel's zero
 * pages): memory is handed out once, so ftl_arena_alloc has nothing to clear. */
static int arena_grow(FtlArena *a, size_t need)
{
    size_t size = a->total / 4;
    if (size < ARENA_MIN_BLOCK) size = ARENA_MIN_BLOCK;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(FtlArenaBlock)) return -1;
    FtlArenaBlock *b = arena_block(&size);
    if (!b) return -1;
    b->next = a->head;
    a->head = b;
    a->cur = b->data;
    a->end = b->data + (b->mapped ? 0 : size);
    a->total += size;
    return 0;
}

/* n bytes at the next multiple of align (a power of two, at most ARENA_ALIGN). */
static void *arena_take(FtlArena *a, size_t n, size_t align)
{
    if (n > SIZE_MAX - ARENA_ALIGN) ftl_oom();
    if (n == 0) n = 1; /* distinct objects, distinct addresses */
    size_t pad = (size_t)(-(uintptr_t)a->cur) & (align - 1);
    if ((size_t)(a->end - a->cur) < n + pad && !arena_populate(a, n + pad)) {
        if (arena_grow(a, n) != 0) ftl_oom();
        pad = 0; /* a block's data is ARENA_ALIGN-aligned */
        if ((size_t)(a->end - a->cur) < n) (void)arena_populate(a, n);
    }
    char *p = a->cur + pad;
    a->cur = p + n;
    return p;
}

/* Only advice: when the room cannot be had at once, the arena grows as usual. */
void ftl_arena_reserve(FtlArena *a, size_t n)
{
    FtlArenaBlock *b = a->head;
    size_t room =
        b && b->mapped ? (size_t)((char *)b + b->mapped - a->cur) : (size_t)(a->end - a->cur);
    if (room < n) (void)arena_grow(a, n);
}

void *ftl_arena_alloc_slow(FtlArena *a, size_t n)
{
    return arena_take(a, n, ARENA_ALIGN);
}

char *ftl_arena_strndup(FtlArena *a, const char *s, size_t n)
{
    if (n > SIZE_MAX - ARENA_ALIGN - 1) ftl_oom();
    char *p = arena_take(a, n + 1, 1); /* text needs no alignment */
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
