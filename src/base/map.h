/* map.h - hash map from interned strings (compared by pointer) to pointers. */
#ifndef FTLC_MAP_H
#define FTLC_MAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct FtlMapEntry {
    const void *key;
    void *value;
} FtlMapEntry;

typedef struct FtlMap {
    FtlMapEntry *slots; /* open addressing, power-of-two size; NULL key = empty */
    uint32_t cap, count;
} FtlMap;

void ftl_map_init(FtlMap *m);
void ftl_map_free(FtlMap *m);
void *ftl_map_get(const FtlMap *m, const void *key);
/* Inserts key -> value unless key is present; returns the value now stored. */
void *ftl_map_put_new(FtlMap *m, const void *key, void *value);
void ftl_map_set(FtlMap *m, const void *key, void *value);

#endif
