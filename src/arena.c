/* arena.c - bump allocator (see arena.h). */
#include "ftlc/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct FtlArenaBlock {
    FtlArenaBlock *next;
    alignas(max_align_t) char data[];
};

enum { ARENA_MIN_BLOCK = 64 * 1024 };

_Noreturn void ftl_oom(void)
{
    fputs("ftlc: error: out of memory\n", stderr);
    exit(2);
}

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
 * mallocs, while a small one stays small. */
static void arena_grow(FtlArena *a, size_t need)
{
    size_t size = a->total / 4;
    if (size < ARENA_MIN_BLOCK) size = ARENA_MIN_BLOCK;
    if (size < need) size = need;
    if (size > SIZE_MAX - sizeof(FtlArenaBlock)) ftl_oom();
    FtlArenaBlock *b = ftl_xmalloc(sizeof(FtlArenaBlock) + size);
    b->next = a->head;
    a->head = b;
    a->cur = b->data;
    a->end = b->data + size;
    a->total += size;
}

void *ftl_arena_alloc(FtlArena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    if (n > SIZE_MAX - align) ftl_oom();
    n = (n + align - 1) & ~(align - 1);
    if (n == 0) n = align;
    if ((size_t)(a->end - a->cur) < n) arena_grow(a, n);
    void *p = a->cur;
    a->cur += n;
    memset(p, 0, n);
    return p;
}

char *ftl_arena_strndup(FtlArena *a, const char *s, size_t n)
{
    char *p = ftl_arena_alloc(a, n + 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}
