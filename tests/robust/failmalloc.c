/* failmalloc.c - an LD_PRELOAD allocator that makes one chosen allocation fail.
 *
 *   FAILMALLOC_AT=N     the Nth call of malloc, calloc or realloc (counted
 *                       together, from 1) returns NULL with errno ENOMEM; every
 *                       other call succeeds
 *   FAILMALLOC_COUNT=1  at exit, print "failmalloc: N allocations" to stderr
 *
 * Counting starts when this library's constructor runs, after the C library
 * has set itself up and before main, so that the numbers of a run do not depend
 * on the dynamic loader. Used by oom.sh, which fails every allocation of a run
 * in turn. glibc only: the real allocator is reached through __libc_malloc and
 * friends (dlsym would allocate, and recurse). Never linked into ftlc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

void *__libc_malloc(size_t n);
void *__libc_calloc(size_t n, size_t size);
void *__libc_realloc(void *p, size_t n);

static unsigned long fail_at, calls;
static int armed, report;

__attribute__((constructor)) static void failmalloc_init(void)
{
    const char *at = getenv("FAILMALLOC_AT"), *count = getenv("FAILMALLOC_COUNT");
    fail_at = at ? strtoul(at, NULL, 10) : 0;
    report = count && count[0] == '1';
    armed = 1;
}

__attribute__((destructor)) static void failmalloc_report(void)
{
    armed = 0; /* what the report itself allocates does not count */
    if (!report) return;
    char line[64];
    int n = snprintf(line, sizeof line, "failmalloc: %lu allocations\n", calls);
    if (n > 0 && write(2, line, (size_t)n) < 0) return;
}

/* Is this call the one to fail? */
static int fail_now(void)
{
    if (!armed) return 0;
    return ++calls == fail_at;
}

void *malloc(size_t n)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t n, size_t size)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(n, size);
}

void *realloc(void *p, size_t n)
{
    if (fail_now()) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}
