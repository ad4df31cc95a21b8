/* test_arena.c - the arena, identifier interning, maps of known size, FtlBuf and FtlSources. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/intern.h"
#include "base/map.h"
#include "base/source.h"

/* ---- arena ----------------------------------------------------------------------- */

/* The arena's promise (arena.h): 8 bytes, what pointers, int64_t and double need. */
static int is_aligned(const void *p)
{
    return ((uintptr_t)p % 8) == 0;
}

static void test_arena_alignment(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    /* Odd sizes one after the other must each start aligned, also after strings. */
    static const size_t sizes[] = {1, 3, 7, 8, 9, 15, 16, 17, 31, 33, 100, 0, 1, 255};
    char *prev = NULL;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        char *p = ftl_arena_alloc(&a, sizes[i]);
        assert_non_null(p);
        assert_true(is_aligned(p));
        if (prev) assert_ptr_not_equal(p, prev);
        prev = p;
        /* Strings are packed unaligned, and must not break the next node. */
        char *s = ftl_arena_strndup(&a, "abcdefghijklmnop", sizes[i] % 17);
        assert_int_equal(strlen(s), sizes[i] % 17);
        assert_true(s >= p + sizes[i]);
    }
    /* Structs of the widest types the tree holds work through FTL_NEW. */
    typedef struct Big {
        double d;
        int64_t i;
        void *p;
        char c;
    } Big;
    for (int i = 0; i < 50; i++) {
        Big *b = FTL_NEW(&a, Big);
        assert_true(is_aligned(b));
        assert_true(b->d == 0 && b->i == 0 && b->p == NULL && b->c == 0);
        b->c = 'x';
        b->d = 1.5;
        b->i = INT64_MAX;
        ftl_arena_strndup(&a, "x", 1);
    }
    ftl_arena_free(&a);
}

static void test_arena_zeroed(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    for (int round = 0; round < 200; round++) {
        size_t n = (size_t)(round * 37 % 1000) + 1;
        unsigned char *p = ftl_arena_alloc(&a, n);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(p[i], 0);
        memset(p, 0xAB, n); /* dirty it: the next allocation must still be zero */
    }
    int *v = FTL_NEW_N(&a, int, 1000);
    for (int i = 0; i < 1000; i++)
        assert_int_equal(v[i], 0);
    ftl_arena_free(&a);
    /* After free, the arena is empty and reusable. */
    assert_null(a.head);
    assert_int_equal(a.total, 0);
    unsigned char *q = ftl_arena_alloc(&a, 10);
    for (int i = 0; i < 10; i++)
        assert_int_equal(q[i], 0);
    ftl_arena_free(&a);
}

static void test_arena_large(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    char *small = ftl_arena_alloc(&a, 16);
    memcpy(small, "hello", 6);
    /* Larger than any default block: 10 MB. */
    size_t big = 10u * 1024 * 1024;
    unsigned char *p = ftl_arena_alloc(&a, big);
    assert_true(is_aligned(p));
    assert_int_equal(p[0], 0);
    assert_int_equal(p[big / 2], 0);
    assert_int_equal(p[big - 1], 0);
    memset(p, 0x5A, big);
    assert_true(a.total >= big);
    /* Earlier allocations are untouched. */
    assert_string_equal(small, "hello");
    /* Allocations after a large one are usable and distinct. */
    char *after = ftl_arena_alloc(&a, 32);
    assert_true(after < (char *)p || after >= (char *)p + big);
    memcpy(after, "world", 6);
    assert_string_equal(after, "world");
    assert_int_equal(p[big - 1], 0x5A);
    ftl_arena_free(&a);
}

/* A small arena stays small: its first block is two pages, and blocks then
 * grow with what the arena holds (arena.c), so that a small file's tree does
 * not clear (and fault in) memory it never uses. */
static void test_arena_small_stays_small(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    (void)ftl_arena_alloc(&a, 100);
    assert_true(a.total <= 8 * 1024);
    size_t held = 0;
    while (held < 64 * 1024) {
        (void)ftl_arena_alloc(&a, 1000);
        held += 1000;
    }
    assert_true(a.total < 2 * held);
    ftl_arena_free(&a);
}

/* ftl_arena_reset: everything handed out is taken back at once and the
 * newest block kept, its memory handed out again zeroed; the older blocks are
 * freed (valgrind and ASan see them go), and an empty arena stays empty. */
static void test_arena_reset(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    ftl_arena_reset(&a);
    assert_null(a.head);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 100; i++) {
            unsigned char *p = ftl_arena_alloc(&a, 1000);
            for (int j = 0; j < 1000; j++)
                assert_int_equal(p[j], 0);
            memset(p, 0xEE, 1000);
        }
        const FtlArenaBlock *kept = a.head;
        size_t total = a.total;
        ftl_arena_reset(&a);
        assert_ptr_equal(a.head, kept);
        assert_true(a.total <= total);
        /* What comes next reuses the kept block from its start. */
        unsigned char *again = ftl_arena_alloc(&a, 64);
        assert_ptr_equal(a.head, kept);
        for (int j = 0; j < 64; j++)
            assert_int_equal(again[j], 0);
        ftl_arena_reset(&a);
    }
    /* A block that is a mapping of its own (4 MiB or more) is kept as well. */
    unsigned char *big = ftl_arena_alloc(&a, 5u << 20);
    memset(big, 0x77, 5u << 20);
    const FtlArenaBlock *mapped = a.head;
    ftl_arena_reset(&a);
    unsigned char *p = ftl_arena_alloc(&a, 5u << 20);
    assert_ptr_equal(a.head, mapped);
    assert_ptr_equal(p, big);
    assert_int_equal(p[0], 0);
    assert_int_equal(p[(5u << 20) - 1], 0);
    ftl_arena_free(&a);
}

static void test_arena_many_small(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    enum { N = 200000 };
    uint32_t **ptrs = malloc(N * sizeof *ptrs);
    assert_non_null(ptrs);
    for (uint32_t i = 0; i < N; i++) {
        ptrs[i] = ftl_arena_alloc(&a, sizeof(uint32_t) + (i % 5));
        assert_true(is_aligned(ptrs[i]));
        *ptrs[i] = i ^ 0xDEADBEEFu;
    }
    /* No allocation overlaps another: every value survives. */
    for (uint32_t i = 0; i < N; i++)
        assert_int_equal(*ptrs[i], i ^ 0xDEADBEEFu);
    /* Growth is geometric-ish, not one malloc per allocation: total stays near
     * what was asked for. */
    assert_true(a.total >= (size_t)N * sizeof(uint32_t));
    assert_true(a.total < (size_t)N * 64);
    free(ptrs);
    ftl_arena_free(&a);
}

/* ftl_arena_reserve: one block holds what was reserved (a large one is a
 * mapping of its own, zeroed like the rest), so the arena does not grow while
 * the reservation lasts; then it grows as usual. */
static void test_arena_reserve(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    ftl_arena_alloc(&a, 10); /* a small block first: the reservation is a new one */
    enum { RESERVED = 16 << 20 };
    ftl_arena_reserve(&a, RESERVED);
    assert_true(a.total >= RESERVED);
    const FtlArenaBlock *block = a.head;
    size_t total = a.total, used = 0;
    /* A reserved block is handed out (and populated) a part at a time
     * (arena.c): one allocation larger than a part stays in the block, and
     * consecutive ones stay adjacent across the parts' ends. */
    unsigned char *big = ftl_arena_alloc(&a, 3 << 20), *prev = NULL;
    assert_int_equal(big[0], 0);
    assert_int_equal(big[(3 << 20) - 1], 0);
    memset(big, 0xCD, 3 << 20);
    used += 3 << 20;
    while (used + 4096 <= RESERVED) {
        unsigned char *p = ftl_arena_alloc(&a, 4000);
        if (prev) assert_ptr_equal(p, prev + 4000);
        prev = p;
        assert_true(is_aligned(p));
        assert_int_equal(p[0], 0);
        assert_int_equal(p[3999], 0);
        memset(p, 0xCD, 4000);
        used += 4000;
    }
    assert_ptr_equal(a.head, block);
    assert_int_equal(a.total, total);
    /* Room that is there already is not reserved again. */
    ftl_arena_reserve(&a, 100);
    assert_ptr_equal(a.head, block);
    /* Past the reservation, a new block. */
    ftl_arena_alloc(&a, RESERVED);
    assert_ptr_not_equal(a.head, block);
    ftl_arena_free(&a);
    assert_null(a.head);
    assert_int_equal(a.total, 0);
}

static void test_arena_strndup(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    const char src[] = "hello, world";
    char *s = ftl_arena_strndup(&a, src, 5);
    assert_string_equal(s, "hello");
    assert_int_equal(s[5], '\0');
    assert_ptr_not_equal(s, src);
    char *e = ftl_arena_strndup(&a, src, 0);
    assert_non_null(e);
    assert_string_equal(e, "");
    /* Embedded NUL bytes are copied as they are. */
    char *z = ftl_arena_strndup(&a, "a\0b", 3);
    assert_memory_equal(z, "a\0b\0", 4);
    ftl_arena_free(&a);
}

static void test_xmalloc(void **state)
{
    (void)state;
    char *p = ftl_xmalloc(0); /* never NULL, even for 0 */
    assert_non_null(p);
    p = ftl_xrealloc(p, 100);
    memset(p, 'x', 100);
    p = ftl_xrealloc(p, 10000);
    assert_int_equal(p[99], 'x');
    free(p);
}

/* ---- interning -------------------------------------------------------------------- */

static void test_intern_same_and_different(void **state)
{
    (void)state;
    FtlArena a;
    FtlInterner in;
    ftl_arena_init(&a);
    ftl_intern_init(&in, &a);
    char buf1[] = "verb", buf2[] = "verb";
    const char *x = ftl_intern(&in, buf1, 4);
    const char *y = ftl_intern(&in, buf2, 4);
    const char *z = ftl_intern_cstr(&in, "verb");
    assert_ptr_equal(x, y);
    assert_ptr_equal(x, z);
    assert_ptr_not_equal(x, buf1); /* a copy, not the caller's buffer */
    assert_string_equal(x, "verb");
    /* Different text → different pointers, including prefixes and case. */
    const char *v = ftl_intern(&in, "verbs", 5);
    const char *w = ftl_intern(&in, "verbs", 4); /* only "verb" */
    const char *c = ftl_intern_cstr(&in, "Verb");
    assert_ptr_not_equal(x, v);
    assert_ptr_equal(x, w);
    assert_ptr_not_equal(x, c);
    assert_string_equal(v, "verbs");
    assert_string_equal(c, "Verb");
    assert_int_equal(in.count, 3);
    ftl_intern_free(&in);
    ftl_arena_free(&a);
}

static void test_intern_nul_and_empty(void **state)
{
    (void)state;
    FtlArena a;
    FtlInterner in;
    ftl_arena_init(&a);
    ftl_intern_init(&in, &a);
    const char *e1 = ftl_intern(&in, "", 0);
    const char *e2 = ftl_intern_cstr(&in, "");
    const char *e3 = ftl_intern(&in, "xyz", 0);
    assert_ptr_equal(e1, e2);
    assert_ptr_equal(e1, e3);
    assert_string_equal(e1, "");
    assert_int_equal(ftl_intern_len(e1), 0);

    /* Embedded NUL bytes: "a\0b" and "a\0c" and "a" are all different. */
    const char *p = ftl_intern(&in, "a\0b", 3);
    const char *q = ftl_intern(&in, "a\0c", 3);
    const char *r = ftl_intern(&in, "a", 1);
    const char *p2 = ftl_intern(&in, "a\0b", 3);
    assert_ptr_not_equal(p, q);
    assert_ptr_not_equal(p, r);
    assert_ptr_not_equal(q, r);
    assert_ptr_equal(p, p2);
    assert_int_equal(ftl_intern_len(p), 3);
    assert_int_equal(ftl_intern_len(r), 1);
    assert_memory_equal(p, "a\0b\0", 4); /* NUL-terminated after the length */
    ftl_intern_free(&in);
    ftl_arena_free(&a);
}

static void test_intern_len(void **state)
{
    (void)state;
    FtlArena a;
    FtlInterner in;
    ftl_arena_init(&a);
    ftl_intern_init(&in, &a);
    static const char *words[] = {"x", "module", "HttpRequest", "a_very_long_identifier_name_0123"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *s = ftl_intern_cstr(&in, words[i]);
        assert_int_equal(ftl_intern_len(s), strlen(words[i]));
    }
    char big[5000];
    memset(big, 'q', sizeof big);
    const char *b = ftl_intern(&in, big, sizeof big);
    assert_int_equal(ftl_intern_len(b), sizeof big);
    assert_int_equal(strlen(b), sizeof big);
    ftl_intern_free(&in);
    ftl_arena_free(&a);
}

static void test_intern_rehash_100k(void **state)
{
    (void)state;
    FtlArena a;
    FtlInterner in;
    ftl_arena_init(&a);
    ftl_intern_init(&in, &a);
    enum { N = 100000 };
    const char **ptrs = malloc(N * sizeof *ptrs);
    assert_non_null(ptrs);
    char name[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(name, sizeof name, "id_%d", i);
        ptrs[i] = ftl_intern(&in, name, (size_t)n);
    }
    assert_int_equal(in.count, N);
    assert_true(in.cap >= 2 * (size_t)N);       /* the table has grown (load <= 1/2) */
    assert_int_equal(in.cap & (in.cap - 1), 0); /* still a power of two */
    /* After all the rehashing every identifier still maps to its first pointer. */
    for (int i = 0; i < N; i++) {
        int n = snprintf(name, sizeof name, "id_%d", i);
        assert_ptr_equal(ftl_intern(&in, name, (size_t)n), ptrs[i]);
        assert_int_equal(ftl_intern_len(ptrs[i]), (size_t)n);
        assert_string_equal(ptrs[i], name);
    }
    assert_int_equal(in.count, N); /* lookups did not add anything */
    free(ptrs);
    ftl_intern_free(&in);
    ftl_arena_free(&a);
}

static void test_hash_bytes(void **state)
{
    (void)state;
    /* Deterministic, and sensitive to order and to bytes after a NUL. */
    assert_true(ftl_hash_bytes(7, "module", 6) == ftl_hash_bytes(7, "module", 6));
    assert_true(ftl_hash_bytes(7, "a", 1) != ftl_hash_bytes(7, "b", 1));
    assert_true(ftl_hash_bytes(7, "ab", 2) != ftl_hash_bytes(7, "ba", 2));
    assert_true(ftl_hash_bytes(7, "a\0b", 3) != ftl_hash_bytes(7, "a\0c", 3));
}

/* The lexer's variant reads the last word whole and masks what follows the
 * name: whatever those bytes are, and however far the readable text goes, it
 * must agree with ftl_hash_bytes (the interner compares the two). */
static void test_hash_bytes_bounded(void **state)
{
    (void)state;
    char buf[96];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)('A' + (i * 7) % 50);
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 0; n <= 40; n++)
            for (size_t more = 0; more <= 16; more++) {
                const char *s = buf + off;
                uint64_t want = ftl_hash_bytes(7, s, n);
                assert_true(ftl_hash_bytes_bounded(7, s, n, s + n + more) == want);
            }
    /* A trailing NUL is part of the name: the length is hashed too. */
    assert_true(ftl_hash_bytes(7, "a", 1) != ftl_hash_bytes(7, "a\0", 2));
    assert_true(ftl_hash_bytes(7, "", 0) != ftl_hash_bytes(7, "\0", 1));
}

/* The lexer's interning (ftl_intern_bounded) hashes and compares a word at a
 * time, reading past the name up to its bound: a name must come back as the
 * one pointer ftl_intern gives it, at every length, alignment and bound,
 * whichever of the two met it first, and a name one byte different (the
 * bytes past it masked off or not) must not. */
static void test_intern_bounded(void **state)
{
    (void)state;
    char buf[96], other[96];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)('A' + (i * 7) % 50);
    for (size_t off = 0; off < 8; off++)
        for (size_t n = 1; n <= 40; n++)
            for (size_t more = 0; more <= 9; more++) {
                FtlArena a;
                FtlInterner in;
                ftl_arena_init(&a);
                ftl_intern_init(&in, &a);
                const char *s = buf + off;
                const char *first =
                    more & 1 ? ftl_intern(&in, s, n) : ftl_intern_bounded(&in, s, n, s + n + more);
                const char *again =
                    more & 1 ? ftl_intern_bounded(&in, s, n, s + n + more) : ftl_intern(&in, s, n);
                assert_ptr_equal(first, again);
                assert_int_equal(ftl_intern_len(first), n);
                assert_memory_equal(first, s, n);
                memcpy(other, s, n + more);
                other[n - 1] ^= 1; /* the last byte differs */
                const char *diff = ftl_intern_bounded(&in, other, n, other + n + more);
                assert_ptr_not_equal(diff, first);
                other[n - 1] ^= 1;
                if (more) other[n] ^= 1; /* a byte past the name: no difference */
                assert_ptr_equal(ftl_intern_bounded(&in, other, n, other + n + more), first);
                ftl_intern_free(&in);
                ftl_arena_free(&a);
            }
}

/* Names a file's author found to share one slot of the table under one seed
 * (2000 of them, all with the same low 10 bits: what a hostile schema would
 * hold to make linear probing quadratic) spread out under the seed of
 * another interner: each interner has its own, which no file can know. */
static void test_intern_seed(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    FtlInterner x, y;
    ftl_intern_init(&x, &a);
    ftl_intern_init(&y, &a);
    assert_true(x.seed != y.seed);
    enum { N = 2000, MASK = 1023 };
    static char names[N][16];
    int found = 0;
    for (unsigned long i = 0; found < N; i++) {
        int n = snprintf(names[found], sizeof names[found], "D%lx", i);
        if ((ftl_hash_bytes(x.seed, names[found], (size_t)n) & MASK) == 0) found++;
    }
    static unsigned char used[MASK + 1];
    int buckets = 0;
    for (int i = 0; i < N; i++) {
        size_t b = (size_t)ftl_hash_bytes(y.seed, names[i], strlen(names[i])) & MASK;
        if (!used[b]) used[b] = 1, buckets++;
    }
    /* 2000 names in 1024 slots at random fill about 880 of them. */
    assert_true(buckets > 600);
    ftl_intern_free(&x);
    ftl_intern_free(&y);
    ftl_arena_free(&a);
}

/* ---- maps of known size (ftl_map_init_in) ------------------------------------------ */

/* A map made for n keys holds them without growing (its slots stay where they
 * are), in the arena or from malloc, and still grows past them. */
static void check_map_sized(FtlArena *a)
{
    enum { N = 1000 };
    static char keys[N + 100];
    FtlMap m;
    ftl_map_init_in(&m, a, N);
    const FtlMapEntry *slots = m.slots;
    assert_true(m.cap >= 2 * N);
    for (uint32_t i = 0; i < N; i++)
        assert_ptr_equal(ftl_map_put_new(&m, &keys[i], &keys[i]), &keys[i]);
    assert_ptr_equal(m.slots, slots);
    for (uint32_t i = N; i < N + 100; i++)
        ftl_map_set(&m, &keys[i], &keys[i]);
    assert_int_equal(m.count, N + 100);
    for (uint32_t i = 0; i < N + 100; i++)
        assert_ptr_equal(ftl_map_get(&m, &keys[i]), &keys[i]);
    ftl_map_free(&m);
    assert_null(ftl_map_get(&m, &keys[0]));
}

static void test_map_init_in(void **state)
{
    (void)state;
    FtlArena a;
    ftl_arena_init(&a);
    check_map_sized(&a);
    check_map_sized(NULL);
    ftl_arena_free(&a);
}

/* ---- FtlBuf ----------------------------------------------------------------------- */

static void test_buf_put(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    assert_int_equal(b.len, 0);
    assert_string_equal(ftl_buf_cstr(&b), ""); /* never NULL */
    ftl_buf_put(&b, "abc", 3);
    ftl_buf_puts(&b, "def");
    ftl_buf_putc(&b, 'g');
    ftl_buf_put(&b, "xyz", 0);
    assert_int_equal(b.len, 7);
    assert_string_equal(b.data, "abcdefg");
    ftl_buf_put(&b, "\0h", 2);
    assert_int_equal(b.len, 9);
    assert_memory_equal(b.data, "abcdefg\0h\0", 10);
    /* Resetting len reuses the storage. */
    b.len = 0;
    ftl_buf_puts(&b, "z");
    assert_string_equal(ftl_buf_cstr(&b), "z");
    ftl_buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

static void test_buf_printf(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%d-%s-%c", 42, "x", 'y');
    ftl_buf_printf(&b, "|%05u|", 7u);
    assert_string_equal(b.data, "42-x-y|00007|");
    assert_int_equal(b.len, strlen("42-x-y|00007|"));
    ftl_buf_printf(&b, "%s", "");
    assert_int_equal(b.len, strlen("42-x-y|00007|"));
    /* A long formatted string forces growth inside printf. */
    char big[3000];
    memset(big, 'k', sizeof big - 1);
    big[sizeof big - 1] = 0;
    ftl_buf_printf(&b, "[%s]", big);
    assert_int_equal(b.len, 13 + 2 + 2999);
    assert_int_equal(b.data[13], '[');
    assert_int_equal(b.data[13 + 1 + 2999], ']');
    assert_int_equal(b.data[b.len], '\0');
    ftl_buf_free(&b);
}

static void test_buf_spaces(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_putc(&b, '|');
    ftl_buf_spaces(&b, 0);
    ftl_buf_spaces(&b, 4);
    ftl_buf_putc(&b, '|');
    assert_string_equal(b.data, "|    |");
    ftl_buf_spaces(&b, 1000);
    assert_int_equal(b.len, 1006);
    for (size_t i = 6; i < b.len; i++)
        assert_int_equal(b.data[i], ' ');
    assert_int_equal(b.data[b.len], '\0');
    ftl_buf_free(&b);
}

static void test_buf_growth(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    for (int i = 0; i < 100000; i++)
        ftl_buf_putc(&b, (char)('a' + i % 26));
    assert_int_equal(b.len, 100000);
    assert_true(b.cap > b.len);
    for (int i = 0; i < 100000; i++)
        assert_int_equal(b.data[i], 'a' + i % 26);
    assert_int_equal(b.data[b.len], '\0');
    size_t cap = b.cap;
    ftl_buf_reserve(&b, 0);
    assert_int_equal(b.cap, cap); /* enough room already */
    ftl_buf_reserve(&b, cap * 3);
    assert_true(b.cap >= b.len + cap * 3 + 1);
    assert_int_equal(b.len, 100000);
    assert_int_equal(b.data[99999], 'a' + 99999 % 26);
    ftl_buf_free(&b);
}

/* A large buffer is handed out a part (1 MiB) at a time within its
 * allocation (buf.c): what is written survives each part and each growth, a
 * reservation larger than a part gets all it asks for at once, and cap never
 * passes the allocation. */
static void test_buf_large(void **state)
{
    (void)state;
    FtlBuf b;
    ftl_buf_init(&b);
    char piece[1000];
    size_t total = 0;
    for (int i = 0; total < 9u * 1024 * 1024; i++) {
        size_t n = 1 + (size_t)(i * 7919) % sizeof piece;
        memset(piece, 'a' + i % 26, n);
        ftl_buf_put(&b, piece, n);
        total += n;
        assert_int_equal(b.len, total);
        assert_true(b.cap > b.len && b.cap <= b.alloc);
    }
    assert_true(b.alloc > 8u * 1024 * 1024);
    size_t at = 0;
    for (int i = 0; at < total; i++) {
        size_t n = 1 + (size_t)(i * 7919) % sizeof piece;
        for (size_t k = 0; k < n; k++)
            assert_int_equal(b.data[at + k], 'a' + i % 26);
        at += n;
    }
    assert_int_equal(b.data[b.len], '\0');
    ftl_buf_reserve(&b, 3u * 1024 * 1024);
    assert_true(b.cap >= b.len + 3u * 1024 * 1024 + 1 && b.cap <= b.alloc);
    ftl_buf_spaces(&b, 3u * 1024 * 1024);
    assert_int_equal(b.data[b.len - 1], ' ');
    assert_int_equal(b.data[total - 1], b.data[total - 2]);
    ftl_buf_free(&b);
    assert_int_equal(b.alloc, 0);
}

/* ---- FtlSources ---------------------------------------------------------------------- */

static void test_sources(void **state)
{
    (void)state;
    FtlSources s;
    ftl_sources_init(&s);
    assert_int_equal(s.count, 0);
    assert_null(ftl_sources_get(&s, 0));
    assert_null(ftl_sources_get(&s, 1));

    char text[] = "module m {}XYZ";
    uint32_t a = ftl_sources_add(&s, "a.ftl", text, 11);
    assert_int_equal(a, 1);
    text[0] = 'M'; /* the source holds a copy */
    const FtlSource *fa = ftl_sources_get(&s, a);
    assert_non_null(fa);
    assert_string_equal(fa->name, "a.ftl");
    assert_int_equal(fa->len, 11);
    assert_memory_equal(fa->data, "module m {}", 11);
    assert_int_equal(fa->data[11], '\0'); /* NUL sentinel, not 'X' */
    assert_string_equal(fa->data, "module m {}");

    char *owned = malloc(6);
    memcpy(owned, "abcdeQ", 6);
    uint32_t b = ftl_sources_adopt(&s, "<stdin>", owned, 5);
    assert_int_equal(b, 2);
    const FtlSource *fb = ftl_sources_get(&s, b);
    assert_ptr_equal(fb->data, owned); /* adopted, not copied */
    assert_int_equal(fb->data[5], '\0');
    assert_string_equal(fb->name, "<stdin>");

    uint32_t c = ftl_sources_add(&s, "empty.ftl", "", 0);
    assert_int_equal(c, 3);
    assert_int_equal(ftl_sources_get(&s, c)->len, 0);
    assert_int_equal(ftl_sources_get(&s, c)->data[0], '\0');

    /* Many files: ids stay consecutive and earlier entries stay intact. */
    for (uint32_t i = 4; i <= 40; i++) {
        char name[16];
        snprintf(name, sizeof name, "f%u", i);
        assert_int_equal(ftl_sources_add(&s, name, name, strlen(name)), i);
    }
    assert_int_equal(s.count, 40);
    assert_string_equal(ftl_sources_get(&s, 1)->name, "a.ftl");
    assert_string_equal(ftl_sources_get(&s, 17)->data, "f17");
    assert_null(ftl_sources_get(&s, 41));
    ftl_sources_free(&s);
    assert_int_equal(s.count, 0);
}

static void test_span_join(void **state)
{
    (void)state;
    FtlSpan a = {1, 0, 3};
    FtlSpan b = {1, 10, 12};
    FtlSpan none = {0, 0, 0};
    FtlSpan j = ftl_span_join(a, b);
    assert_int_equal(j.file, 1);
    assert_int_equal(j.off, 0);
    assert_int_equal(j.end, 12);
    j = ftl_span_join(none, b);
    assert_int_equal(j.file, 1);
    assert_int_equal(j.off, 10);
    assert_int_equal(j.end, 12);
    j = ftl_span_join(a, none);
    assert_int_equal(j.off, 0);
    assert_int_equal(j.end, 3);
    /* Different files: the first span wins. */
    FtlSpan other = {2, 20, 30};
    j = ftl_span_join(a, other);
    assert_int_equal(j.file, 1);
    assert_int_equal(j.end, 3);
    assert_false(ftl_span_valid(none));
    assert_true(ftl_span_valid(a));
}

/* Positions (ftlc(1), Positions): lines advance on LF only, columns count code points. */
static void test_source_pos(void **state)
{
    (void)state;
    FtlSources s;
    ftl_sources_init(&s);
    /* "ab\n\tc\r\né€😀x\n" */
    const char text[] = "ab\n\tc\r\n\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80x\n";
    uint32_t id = ftl_sources_add(&s, "p.ftl", text, sizeof text - 1);
    const FtlSource *f = ftl_sources_get(&s, id);
    /* The line table is made by the first position asked for (source.h). */
    assert_null(f->lines);
    uint32_t off7;
    assert_int_equal(ftl_source_offset(f, 3, 1, FTL_UNIT_CHARS, &off7), 0);
    assert_int_equal(off7, 7);
    assert_non_null(f->lines);
    assert_int_equal(f->nlines, 4);
    static const struct {
        uint32_t off, line, col;
    } want[] = {
        {0, 1, 1},  {1, 1, 2},  {2, 1, 3},              /* a b LF */
        {3, 2, 1},  {4, 2, 2},  {5, 2, 3},  {6, 2, 4},  /* TAB c CR LF */
        {7, 3, 1},  {9, 3, 2},  {12, 3, 3}, {16, 3, 4}, /* é € 😀 x */
        {17, 3, 5}, {18, 4, 1},                         /* LF, end of input */
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        FtlPos p = ftl_source_pos(f, want[i].off);
        if (p.line != want[i].line || p.col != want[i].col)
            fail_msg("offset %u: expected %u:%u, got %u:%u", want[i].off, want[i].line, want[i].col,
                     p.line, p.col);
    }
    /* Offsets past the end are clamped to the end. */
    FtlPos p = ftl_source_pos(f, 1000);
    assert_int_equal(p.line, 4);
    assert_int_equal(p.col, 1);

    FtlSpan sp = {id, 7, 17};
    FtlPos a, b;
    ftl_span_pos(&s, sp, &a, &b);
    assert_int_equal(a.line, 3);
    assert_int_equal(a.col, 1);
    assert_int_equal(b.line, 3);
    assert_int_equal(b.col, 5); /* exclusive end */
    /* No position: zeros. */
    FtlSpan none = {0, 0, 0};
    ftl_span_pos(&s, none, &a, &b);
    assert_int_equal(a.line, 0);
    assert_int_equal(b.col, 0);

    /* Many lines: the line table finds each one. */
    FtlBuf big;
    ftl_buf_init(&big);
    for (int i = 0; i < 5000; i++)
        ftl_buf_printf(&big, "%*s\n", i % 17, "x");
    uint32_t id2 = ftl_sources_add(&s, "many.ftl", big.data, big.len);
    const FtlSource *g = ftl_sources_get(&s, id2);
    uint32_t off = 0;
    for (int i = 0; i < 5000; i++) {
        int w = i % 17 ? i % 17 : 1; /* "%*s" pads to at least the width of "x" */
        FtlPos q = ftl_source_pos(g, off + (uint32_t)w - 1);
        if (q.line != (uint32_t)i + 1 || q.col != (uint32_t)w)
            fail_msg("line %d: got %u:%u", i + 1, q.line, q.col);
        off += (uint32_t)w + 1;
    }
    ftl_buf_free(&big);
    ftl_sources_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment),
        cmocka_unit_test(test_arena_zeroed),
        cmocka_unit_test(test_arena_large),
        cmocka_unit_test(test_arena_small_stays_small),
        cmocka_unit_test(test_arena_reset),
        cmocka_unit_test(test_arena_many_small),
        cmocka_unit_test(test_arena_reserve),
        cmocka_unit_test(test_arena_strndup),
        cmocka_unit_test(test_xmalloc),
        cmocka_unit_test(test_intern_same_and_different),
        cmocka_unit_test(test_intern_nul_and_empty),
        cmocka_unit_test(test_intern_len),
        cmocka_unit_test(test_intern_rehash_100k),
        cmocka_unit_test(test_hash_bytes),
        cmocka_unit_test(test_hash_bytes_bounded),
        cmocka_unit_test(test_intern_bounded),
        cmocka_unit_test(test_intern_seed),
        cmocka_unit_test(test_map_init_in),
        cmocka_unit_test(test_buf_put),
        cmocka_unit_test(test_buf_printf),
        cmocka_unit_test(test_buf_spaces),
        cmocka_unit_test(test_buf_growth),
        cmocka_unit_test(test_buf_large),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_span_join),
        cmocka_unit_test(test_source_pos),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
