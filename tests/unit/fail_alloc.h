/* fail_alloc.h - running out of memory on demand, for a unit test program that
 * links the library statically with -Wl,--wrap=malloc,--wrap=calloc,
 * --wrap=realloc (Makefile.am): --wrap reaches the library's own calls.
 *
 *   allocs = 0;
 *   fail_at = k;      // the k-th allocation from now fails with ENOMEM (0: none)
 *   ... call ...
 *   fail_at = 0;      // allocs: how many were made
 *
 * Include it in one file of the program. */
#ifndef FTLC_TEST_FAIL_ALLOC_H
#define FTLC_TEST_FAIL_ALLOC_H

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static unsigned long fail_at, allocs;
void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);

static int fail_now(void)
{
    allocs++;
    return fail_at && allocs == fail_at;
}

void *__wrap_malloc(size_t n);
void *__wrap_malloc(size_t n)
{
    return fail_now() ? (errno = ENOMEM, NULL) : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size);
void *__wrap_calloc(size_t n, size_t size)
{
    return fail_now() ? (errno = ENOMEM, NULL) : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n);
void *__wrap_realloc(void *p, size_t n)
{
    return fail_now() ? (errno = ENOMEM, NULL) : __real_realloc(p, n);
}

/* Whether leaks are checked (AddressSanitizer, valgrind): what an interrupted
 * stage held on the C stack is lost by design (base/fault.h), and they would
 * count it, so the tests that run out of memory skip there. */
static int fail_alloc_leaks_checked(void)
{
#if defined(__SANITIZE_ADDRESS__)
    return 1;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
    return 1;
#endif
#endif
    const char *preload = getenv("LD_PRELOAD");
    return preload && strstr(preload, "vgpreload");
}

#endif
