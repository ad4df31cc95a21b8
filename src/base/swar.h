/* swar.h - eight bytes at a time in a 64-bit word ("SIMD within a register",
 * the byte tests of Bit Twiddling Hacks), for the fast paths of the escapers
 * and the UTF-8 check: a word in which no byte needs attention is taken
 * whole. Each test says only whether some byte of the word matches, not
 * which; the callers go byte by byte through a word that does. */
#ifndef FTLC_SWAR_H
#define FTLC_SWAR_H

#include <stdint.h>
#include <string.h>

#define FTL_SWAR_ONES 0x0101010101010101ull
#define FTL_SWAR_HIGH 0x8080808080808080ull

/* The eight bytes at p, in any order (the tests do not care which). */
static inline uint64_t ftl_swar_load(const void *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return x;
}

/* Nonzero when some byte of x is 0x80 or more. */
static inline uint64_t ftl_swar_high(uint64_t x)
{
    return x & FTL_SWAR_HIGH;
}

/* Nonzero when some byte of x is below n (n <= 128). */
static inline uint64_t ftl_swar_below(uint64_t x, unsigned n)
{
    return (x - FTL_SWAR_ONES * n) & ~x & FTL_SWAR_HIGH;
}

/* Nonzero when some byte of x is c. */
static inline uint64_t ftl_swar_has(uint64_t x, unsigned c)
{
    return ftl_swar_below(x ^ (FTL_SWAR_ONES * c), 1);
}

#endif
