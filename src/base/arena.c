/* arena.c - bump allocator (see arena.h). */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct FtlArenaBlock {
    FtlArenaBlock *next;
    alignas(8) char data[];
};

/* Allocations are 8-aligned, enough for every type a tree holds (pointers,
 * int64_t, double): max_align_t's 16 would round each node and identifier up
 * by 8 bytes on average, some 5% of a tree. */
enum { ARENA_MIN_BLOCK = 64 * 1024, ARENA_ALIGN = 8 };
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

void ftl_arena_free(FtlArena *a)
{
    FtlArenaBlock *b = a->head;
    while (b) {
        FtlArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    memset(a, 0, sizeof *a);
}

/* Blocks grow with the arena (1/4 of what it holds) so a large input needs few
 * mallocs, while a small one stays small. They come zeroed from calloc, which
 * for large blocks is the kernel's zero pages: memory is handed out once, so
 * ftl_arena_alloc has nothing to clear. */
static void arena_grow(FtlArena *a, size_t need)
{
    size_t size = a->total / 4;
    if (size < ARENA_MIN_BLOCK) size = ARENA_MIN_BLOCK;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(FtlArenaBlock)) ftl_oom();
    FtlArenaBlock *b = calloc(1, sizeof(FtlArenaBlock) + size);
    if (!b) ftl_oom();
    b->next = a->head;
    a->head = b;
    a->cur = b->data;
    a->end = b->data + size;
    a->total += size;
}

/* n bytes at the next multiple of align (a power of two, at most ARENA_ALIGN). */
static void *arena_take(FtlArena *a, size_t n, size_t align)
{
    if (n > SIZE_MAX - ARENA_ALIGN) ftl_oom();
    if (n == 0) n = 1; /* distinct objects, distinct addresses */
    size_t pad = (size_t)(-(uintptr_t)a->cur) & (align - 1);
    if ((size_t)(a->end - a->cur) < n + pad) {
        arena_grow(a, n);
        pad = 0; /* a block's data is ARENA_ALIGN-aligned */
    }
    char *p = a->cur + pad;
    a->cur = p + n;
    return p;
}

void *ftl_arena_alloc(FtlArena *a, size_t n)
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
