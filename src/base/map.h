/* map.h - hash map from interned strings (compared by pointer) to pointers. */
#ifndef FTLC_MAP_H
#define FTLC_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct FtlMapEntry {
    const void *key;
    void *value;
} FtlMapEntry;

struct FtlArena;

typedef struct FtlMap {
    FtlMapEntry *slots; /* open addressing, power-of-two size; NULL key = empty */
    uint32_t cap, count;
    struct FtlArena *arena; /* where the slots come from; NULL: malloc */
} FtlMap;

void ftl_map_init(FtlMap *m);
/* A map with room for n keys before it grows. With an arena a, its slots are
 * taken from it (freed with the arena; ftl_map_free only forgets them): the
 * symbol tables live as long as the tree, and the arena's pages come
 * populated a megabyte at a time (arena.c), with no page fault per 4 KiB.
 * With a NULL, from malloc. Either way a table of known size is never rehashed
 * (growing by calloc was a tenth of check's time on 20 MB). */
void ftl_map_init_in(FtlMap *m, struct FtlArena *a, uint32_t n);
void ftl_map_free(FtlMap *m);
/* Empties m, keeping its slots for the next keys (no free and malloc again). */
void ftl_map_clear(FtlMap *m);
void *ftl_map_get(const FtlMap *m, const void *key);
/* Inserts key -> value unless key is present; returns the value now stored. */
void *ftl_map_put_new(FtlMap *m, const void *key, void *value);
void ftl_map_set(FtlMap *m, const void *key, void *value);
/* The hash of a key, and the slot count for n keys, that FtlMap uses: for
 * tables keyed the same way but with other slots (check/symtab.c). */
uint32_t ftl_map_hash(const void *key);
uint32_t ftl_map_cap_for(uint32_t n);

#endif
