/* intern.h - interned identifiers.
 *
 * An identifier is interned once per compilation, so two identifiers are equal
 * exactly when their pointers are equal. Interned strings are NUL-terminated
 * and live in the arena given to ftl_intern_init.
 */
#ifndef FTLC_INTERN_H
#define FTLC_INTERN_H

#include "base/arena.h"
#include <stddef.h>
#include <stdint.h>

typedef struct FtlInterned FtlInterned;
typedef struct FtlInternSlot FtlInternSlot;

typedef struct FtlInterner {
    FtlArena *arena;
    FtlInternSlot *slots; /* open addressing, power-of-two size */
    size_t cap;
    size_t count;
    uint64_t seed; /* of its hash (ftl_hash_seed), chosen at init */
} FtlInterner;

void ftl_intern_init(FtlInterner *in, FtlArena *arena);
void ftl_intern_free(FtlInterner *in);
const char *ftl_intern(FtlInterner *in, const char *s, size_t n);
const char *ftl_intern_cstr(FtlInterner *in, const char *s);
/* ftl_intern with h = ftl_hash_bytes(in->seed, s, n) already computed (the lexer). */
const char *ftl_intern_hashed(FtlInterner *in, const char *s, size_t n, uint64_t h);
/* ftl_intern of n bytes at s that may be read past their end up to (not
 * including) readable_end, as ftl_hash_bytes_bounded: the lexer's. */
const char *ftl_intern_bounded(FtlInterner *in, const char *s, size_t n, const char *readable_end);
/* Length of an interned string without strlen. */
size_t ftl_intern_len(const char *interned);

/* A hash of n bytes for tables that hold names from the input: seed is a table's
 * own ftl_hash_seed(), so that nobody can write a file whose names all collide
 * (linear probing would then be quadratic). */
uint64_t ftl_hash_bytes(uint64_t seed, const char *s, size_t n);
/* A seed no input can predict (getrandom(2), else the clock and ASLR). */
uint64_t ftl_hash_seed(void);
/* The same hash, for bytes that may be read past their end up to (not
 * including) readable_end: text followed by its NUL sentinel (the lexer). */
uint64_t ftl_hash_bytes_bounded(uint64_t seed, const char *s, size_t n, const char *readable_end);

#endif
