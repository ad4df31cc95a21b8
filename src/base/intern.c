/* intern.c - identifier interning with an open-addressing hash table. */
#include "base/intern.h"

#include <stdlib.h>
#include <string.h>

/* Each interned string is stored after its header, so ftl_intern_len is O(1). */
struct FtlInterned {
    uint64_t hash;
    size_t len;
    char text[];
};

uint64_t ftl_hash_bytes(const char *s, size_t n)
{
    /* FNV-1a: identifiers are short, and this is simple and good enough. */
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void ftl_intern_init(FtlInterner *in, FtlArena *arena)
{
    in->arena = arena;
    in->cap = 256;
    in->count = 0;
    in->slots = calloc(in->cap, sizeof *in->slots);
    if (!in->slots) ftl_oom();
}

void ftl_intern_free(FtlInterner *in)
{
    free(in->slots);
    in->slots = NULL;
    in->cap = in->count = 0;
}

static void intern_rehash(FtlInterner *in)
{
    size_t cap = in->cap * 2;
    FtlInterned **slots = calloc(cap, sizeof *slots);
    if (!slots) ftl_oom();
    for (size_t i = 0; i < in->cap; i++) {
        FtlInterned *e = in->slots[i];
        if (!e) continue;
        size_t j = (size_t)e->hash & (cap - 1);
        while (slots[j]) j = (j + 1) & (cap - 1);
        slots[j] = e;
    }
    free(in->slots);
    in->slots = slots;
    in->cap = cap;
}

const char *ftl_intern(FtlInterner *in, const char *s, size_t n)
{
    uint64_t h = ftl_hash_bytes(s, n);
    size_t j = (size_t)h & (in->cap - 1);
    for (FtlInterned *e; (e = in->slots[j]) != NULL; j = (j + 1) & (in->cap - 1)) {
        if (e->hash == h && e->len == n && memcmp(e->text, s, n) == 0) return e->text;
    }
    FtlInterned *e = ftl_arena_alloc(in->arena, sizeof(FtlInterned) + n + 1);
    e->hash = h;
    e->len = n;
    memcpy(e->text, s, n);
    e->text[n] = '\0';
    in->slots[j] = e;
    if (++in->count * 2 > in->cap) intern_rehash(in);
    return e->text;
}

const char *ftl_intern_cstr(FtlInterner *in, const char *s)
{
    return ftl_intern(in, s, strlen(s));
}

size_t ftl_intern_len(const char *interned)
{
    const FtlInterned *e =
        (const FtlInterned *)(const void *)(interned - offsetof(FtlInterned, text));
    return e->len;
}
