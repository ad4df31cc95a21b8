/* arena.h - bump allocation for everything a compilation owns.
 *
 * Every AST node, interned identifier and decoded string of one compilation
 * lives in one arena and is freed at once with ftl_arena_free(). There is no
 * per-object free: the lifetime of a compilation is the lifetime of its tree.
 */
#ifndef FTLC_ARENA_H
#define FTLC_ARENA_H

#include "base/fault.h"
#include <stddef.h>
#include <stdint.h>

typedef struct FtlArenaBlock FtlArenaBlock;

typedef struct FtlArena {
    FtlArenaBlock *head; /* current block; older blocks chained behind it */
    char *cur;           /* next free byte in head */
    char *end;           /* one past the last byte of head */
    size_t total;        /* bytes obtained from malloc, for statistics */
} FtlArena;

void ftl_arena_init(FtlArena *a);
void ftl_arena_free(FtlArena *a);
/* Takes back everything allocated in a at once, keeping its newest (largest)
 * block for what comes next: scratch memory reused many times over, such as
 * the canonical copy of one module at a time (check/canon.c). What was used
 * is cleared, since memory is handed out zeroed. */
void ftl_arena_reset(FtlArena *a);

/* Allocations are 8-aligned, enough for every type a tree holds (arena.c). */
#define FTL_ARENA_ALIGN ((size_t)8)

/* ftl_arena_alloc when the current block has no room (or n is 0 or absurd):
 * grows the arena (arena.c). */
void *ftl_arena_alloc_slow(FtlArena *a, size_t n);

/* Returns zeroed, 8-byte-aligned memory; never returns NULL (ftl_oom).
 * Inline: every tree node and identifier is one call, and the common case is
 * a bump of the cursor; the rest is ftl_arena_alloc_slow. Blocks come zeroed,
 * so there is nothing to clear. */
static inline void *ftl_arena_alloc(FtlArena *a, size_t n)
{
    size_t room = (size_t)(a->end - a->cur);
    size_t pad = (size_t)(-(uintptr_t)a->cur) & (FTL_ARENA_ALIGN - 1);
    /* n - 1 < room - pad: 1 <= n <= room - pad, with no overflow. */
    if (room < pad || n - 1 >= room - pad) return ftl_arena_alloc_slow(a, n);
    char *p = a->cur + pad;
    a->cur = p + n;
    return p;
}
/* Makes room for n bytes in one block: a large input reserves what its tree
 * will take, so that the tree is one mapping (arena.c) rather than many. */
void ftl_arena_reserve(FtlArena *a, size_t n);
/* Copies n bytes and appends a NUL. */
char *ftl_arena_strndup(FtlArena *a, const char *s, size_t n);

/* Checked malloc/realloc for memory outside an arena: never NULL (ftl_oom
 * unwinds instead, see fault.h). */
void *ftl_xmalloc(size_t n);
void *ftl_xrealloc(void *p, size_t n);

/* Large memory is handed out FTL_POPULATE_STEP bytes at a time (the arena's
 * mapped blocks, large FtlBufs), and each part made present at once by
 * ftl_pages_populate: a page fault per 4 KiB page costs microseconds on a VM,
 * and was a sixth of check's time. */
#define FTL_POPULATE_STEP ((size_t)1 << 20)
/* Makes the pages of [from, end) present and writable in one call (madvise(2),
 * MADV_POPULATE_WRITE, from the page that holds from). -1 where the kernel
 * cannot (before Linux 5.14): the pages then fault one by one as they are
 * written, as ever. */
int ftl_pages_populate(char *from, char *end);

#define FTL_NEW(a, T) ((T *)ftl_arena_alloc((a), sizeof(T)))
#define FTL_NEW_N(a, T, n) ((T *)ftl_arena_alloc((a), sizeof(T) * (size_t)(n)))

#endif
