/* json_alloc.c - jansson's allocator while calls of the library run (see json_alloc.h). */
#include "base/json_alloc.h"

#include "base/arena.h"
#include "base/fault.h"

#include <pthread.h>
#include <stdlib.h>

/* jansson's allocator is the process's, not a session's or a thread's
 * (json_set_alloc_funcs). While calls of the library are in progress, in any
 * thread, it is ftl_json_alloc/ftl_json_release: in a thread inside a call (one with a
 * fault handler, base/fault.h), ftl_xmalloc, which unwinds to that call's handler instead of
 * returning NULL to jansson; in any other thread, the caller's allocator as it
 * was before the first of those calls began. When the last call returns, the
 * caller's is put back. The count of calls in progress and the caller's
 * allocator are the library's only process-wide state, guarded by a mutex:
 * two sessions in two threads each enter and leave, and neither can put back
 * what the other set (which one save-and-restore per call would do). */
static pthread_mutex_t json_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned json_calls;
static json_malloc_t json_outer_malloc;
static json_free_t json_outer_free;

void *ftl_json_alloc(size_t n)
{
    return ftl_fault_active() ? ftl_xmalloc(n) : json_outer_malloc(n);
}

/* A block is freed where it was allocated: the library frees its JSON
 * before its call returns, the caller frees its own outside calls. */
void ftl_json_release(void *p)
{
    if (ftl_fault_active())
        free(p);
    else
        json_outer_free(p);
}

void ftl_json_enter(void)
{
    pthread_mutex_lock(&json_lock);
    if (json_calls++ == 0) {
        json_get_alloc_funcs(&json_outer_malloc, &json_outer_free);
        json_set_alloc_funcs(ftl_json_alloc, ftl_json_release);
    }
    pthread_mutex_unlock(&json_lock);
}

void ftl_json_leave(void)
{
    pthread_mutex_lock(&json_lock);
    if (--json_calls == 0) json_set_alloc_funcs(json_outer_malloc, json_outer_free);
    pthread_mutex_unlock(&json_lock);
}
