/* intern.c - identifier interning with an open-addressing hash table. */
#define _POSIX_C_SOURCE 200809L
#include "base/intern.h"

#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

/* Each interned string is stored after its header, so ftl_intern_len is O(1). */
struct FtlInterned {
    uint64_t hash;
    size_t len;
    char text[];
};

/* A slot keeps the hash beside the entry, so that a probe that does not match
 * costs no visit to the entry (an identifier is looked up for every one the
 * lexer scans). */
struct FtlInternSlot {
    uint64_t hash;
    FtlInterned *e;
};

static uint64_t hash_mix(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ULL;
    h ^= h >> 32;
    return h;
}

static const uint64_t hash_k = 0x9E3779B97F4A7C15ULL;

static inline uint64_t hash_word(uint64_t h, uint64_t w)
{
    h = (h ^ w) * hash_k;
    return h ^ (h >> 29);
}

/* Eight bytes at a time (identifiers are mostly shorter than 16): a multiply
 * per word and a final mix, so that the low bits (the table index) depend on
 * every byte. The last word holds the bytes that are left, zero-padded. The
 * seed (ftl_hash_seed) keeps a hostile schema from choosing names that all
 * fall into one probe sequence. */
uint64_t ftl_hash_bytes(uint64_t seed, const char *s, size_t n)
{
    uint64_t h = (seed ^ (uint64_t)n) * hash_k, w;
    for (; n >= 8; s += 8, n -= 8) {
        memcpy(&w, s, 8);
        h = hash_word(h, w);
    }
    if (n) {
        w = 0;
        memcpy(&w, s, n);
        h = hash_word(h, w);
    }
    return hash_mix(h);
}

uint64_t ftl_hash_bytes_bounded(uint64_t seed, const char *s, size_t n, const char *readable_end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* The last word is loaded whole and its extra bytes masked off: on a
     * little-endian machine that is the zero-padded word ftl_hash_bytes makes
     * with a memcpy of the rest, without a copy of variable length. */
    size_t rest = n & 7;
    if (rest && (size_t)(readable_end - (s + n - rest)) >= 8) {
        uint64_t h = (seed ^ (uint64_t)n) * hash_k, w;
        for (; n >= 8; s += 8, n -= 8) {
            memcpy(&w, s, 8);
            h = hash_word(h, w);
        }
        memcpy(&w, s, 8);
        w &= ~(uint64_t)0 >> (64 - 8 * rest);
        return hash_mix(hash_word(h, w));
    }
#else
    (void)readable_end;
#endif
    return ftl_hash_bytes(seed, s, n);
}

uint64_t ftl_hash_seed(void)
{
    /* getrandom(2) without blocking; when the kernel has no entropy yet or
     * the call is missing, the clock and an address (ASLR): what matters is
     * that the author of a file cannot know it. */
    uint64_t seed = 0;
    if (getrandom(&seed, sizeof seed, GRND_NONBLOCK) != (ssize_t)sizeof seed) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        seed = (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 32) ^ (uint64_t)(uintptr_t)&seed;
    }
    return hash_mix(seed | 1);
}

/* Zeroed slots; malloc and memset rather than calloc, as map.c's map_slots
 * (one page fault per page, not two with a TLB flush). */
static FtlInternSlot *intern_slots(size_t cap)
{
    FtlInternSlot *slots = ftl_xmalloc(cap * sizeof *slots);
    memset(slots, 0, cap * sizeof *slots);
    return slots;
}

void ftl_intern_init(FtlInterner *in, FtlArena *arena)
{
    in->arena = arena;
    in->seed = ftl_hash_seed();
    in->cap = 256;
    in->count = 0;
    in->slots = intern_slots(in->cap);
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
    FtlInternSlot *slots = intern_slots(cap);
    for (size_t i = 0; i < in->cap; i++) {
        if (!in->slots[i].e) continue;
        size_t j = (size_t)in->slots[i].hash & (cap - 1);
        while (slots[j].e)
            j = (j + 1) & (cap - 1);
        slots[j] = in->slots[i];
    }
    free(in->slots);
    in->slots = slots;
    in->cap = cap;
}

/* A new entry for s in the free slot j. Its text is zero-padded to a multiple
 * of 8 bytes (arena memory comes zeroed), so that intern_words_equal may read
 * it a word at a time. */
static const char *intern_add(FtlInterner *in, size_t j, const char *s, size_t n, uint64_t h)
{
    FtlInterned *e = ftl_arena_alloc(in->arena, sizeof(FtlInterned) + ((n + 8) & ~(size_t)7));
    e->hash = h;
    e->len = n;
    memcpy(e->text, s, n);
    e->text[n] = '\0';
    in->slots[j] = (FtlInternSlot){h, e};
    if (++in->count * 2 > in->cap) intern_rehash(in);
    return e->text;
}

const char *ftl_intern_hashed(FtlInterner *in, const char *s, size_t n, uint64_t h)
{
    size_t j = (size_t)h & (in->cap - 1);
    for (FtlInternSlot *sl; (sl = &in->slots[j])->e != NULL; j = (j + 1) & (in->cap - 1)) {
        if (sl->hash == h && sl->e->len == n && memcmp(sl->e->text, s, n) == 0) return sl->e->text;
    }
    return intern_add(in, j, s, n, h);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Whether the n bytes at a and b are the same, read a word at a time: both
 * must be readable up to n rounded up to 8 (an entry's padded text; the
 * lexer's text before its NUL sentinel). The bytes past n are masked off,
 * little-endian: they are the high bytes of the last word. */
static inline int intern_words_equal(const char *a, const char *b, size_t n)
{
    uint64_t x, y;
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        memcpy(&x, a, 8);
        memcpy(&y, b, 8);
        if (x != y) return 0;
    }
    if (!n) return 1;
    memcpy(&x, a, 8);
    memcpy(&y, b, 8);
    return ((x ^ y) & (~(uint64_t)0 >> (64 - 8 * n))) == 0;
}
#endif

const char *ftl_intern_bounded(FtlInterner *in, const char *s, size_t n, const char *readable_end)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* ftl_hash_bytes_bounded and the probe of ftl_intern_hashed in one, with
     * words compared in place of a memcmp call: the lexer interns every
     * identifier it scans. */
    if (n && (size_t)(readable_end - s) >= ((n + 7) & ~(size_t)7)) {
        /* ftl_hash_bytes, with the last word loaded whole and masked: every
         * word of s is readable here (as in ftl_hash_bytes_bounded). */
        uint64_t h = (in->seed ^ (uint64_t)n) * hash_k, w;
        const char *p = s;
        size_t m = n;
        for (; m >= 8; p += 8, m -= 8) {
            memcpy(&w, p, 8);
            h = hash_word(h, w);
        }
        if (m) {
            memcpy(&w, p, 8);
            h = hash_word(h, w & (~(uint64_t)0 >> (64 - 8 * m)));
        }
        h = hash_mix(h);
        size_t j = (size_t)h & (in->cap - 1);
        for (FtlInternSlot *sl; (sl = &in->slots[j])->e != NULL; j = (j + 1) & (in->cap - 1)) {
            if (sl->hash == h && sl->e->len == n && intern_words_equal(sl->e->text, s, n))
                return sl->e->text;
        }
        return intern_add(in, j, s, n, h);
    }
#endif
    return ftl_intern_hashed(in, s, n, ftl_hash_bytes_bounded(in->seed, s, n, readable_end));
}

const char *ftl_intern(FtlInterner *in, const char *s, size_t n)
{
    return ftl_intern_hashed(in, s, n, ftl_hash_bytes(in->seed, s, n));
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
