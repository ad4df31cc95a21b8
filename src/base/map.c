/* map.c - pointer-keyed open-addressing hash map (see map.h). */
#include "base/map.h"
#include "base/arena.h"

#include <stdlib.h>
#include <string.h>

void ftl_map_init(FtlMap *m)
{
    memset(m, 0, sizeof *m);
}

/* The smallest power of two, at least 16, that holds n keys at most half full. */
uint32_t ftl_map_cap_for(uint32_t n)
{
    uint32_t cap = 16;
    while (cap / 2 < n + 1)
        cap *= 2;
    return cap;
}

/* Zeroed slots. Not calloc: a large calloc is a fresh mapping that it leaves
 * untouched, so the first probe of each page reads the kernel's zero page and
 * the first insertion there faults again to copy it, with a TLB flush that
 * costs more than the fault on a VM (perf: do_wp_page, flush_tlb_mm_range);
 * memset writes each page once, one fault per page. */
static FtlMapEntry *map_slots(const FtlMap *m, uint32_t cap)
{
    if (m->arena) return FTL_NEW_N(m->arena, FtlMapEntry, cap);
    FtlMapEntry *slots = ftl_xmalloc(cap * sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    return slots;
}

void ftl_map_init_in(FtlMap *m, FtlArena *a, uint32_t n)
{
    memset(m, 0, sizeof *m);
    m->arena = a;
    m->cap = ftl_map_cap_for(n);
    m->slots = map_slots(m, m->cap);
}

void ftl_map_free(FtlMap *m)
{
    if (!m->arena) free(m->slots);
    memset(m, 0, sizeof *m);
}

void ftl_map_clear(FtlMap *m)
{
    if (m->cap) memset(m->slots, 0, m->cap * sizeof *m->slots);
    m->count = 0;
}

uint32_t ftl_map_hash(const void *key)
{
    uint64_t h = (uint64_t)(uintptr_t)key;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return (uint32_t)h;
}

static FtlMapEntry *map_find(const FtlMap *m, const void *key)
{
    uint32_t i = ftl_map_hash(key) & (m->cap - 1);
    while (m->slots[i].key && m->slots[i].key != key)
        i = (i + 1) & (m->cap - 1);
    return &m->slots[i];
}

void *ftl_map_get(const FtlMap *m, const void *key)
{
    if (!m->cap) return NULL;
    return map_find(m, key)->value;
}

static void map_grow(FtlMap *m)
{
    FtlMap old = *m;
    m->cap = old.cap ? old.cap * 2 : 16;
    m->slots = map_slots(m, m->cap);
    m->count = 0;
    for (uint32_t i = 0; i < old.cap; i++)
        if (old.slots[i].key) ftl_map_put_new(m, old.slots[i].key, old.slots[i].value);
    if (!m->arena) free(old.slots);
}

void *ftl_map_put_new(FtlMap *m, const void *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap) map_grow(m);
    FtlMapEntry *e = map_find(m, key);
    if (e->key) return e->value;
    e->key = key;
    e->value = value;
    m->count++;
    return value;
}

void ftl_map_set(FtlMap *m, const void *key, void *value)
{
    if ((m->count + 1) * 2 > m->cap) map_grow(m);
    FtlMapEntry *e = map_find(m, key);
    if (!e->key) m->count++;
    e->key = key;
    e->value = value;
}
