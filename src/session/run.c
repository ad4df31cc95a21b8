/* run.c - every API call that allocates runs through ses_run, the one place
 * where running out of memory becomes FTL_NOMEM (base/fault.h).
 *
 * What a call that ran out of memory leaves: the session's options, inputs,
 * overlays and file cache as they were before the call (they change only in
 * small steps that complete before the next allocation, or not at all), and
 * no compilation: the one in progress, or the last one when a query, emit or
 * format ran out, is dropped, so that nothing half-built is ever used. The
 * next ftl_session_compile starts afresh. Memory the interrupted stage held
 * only on the C stack is lost. */
#include "session/session_int.h"

#include <jansson.h>

/* body(s, arg), or FTL_NOMEM when it ran out of memory. */
static FtlStatus guarded(FtlSession *s, FtlStatus (*body)(FtlSession *s, void *arg), void *arg)
{
    FtlFault fault;
    ftl_fault_push(&fault);
    if (setjmp(fault.env)) return FTL_NOMEM; /* ftl_oom removed the handler */
    FtlStatus st = body(s, arg);
    ftl_fault_pop(&fault);
    return st;
}

/* jansson's allocator is the process's: the JSON decoder sets ftl_xmalloc
 * (schema_io.c), which unwinds to this call's handler, and the caller's own
 * is put back when the call returns, however it returns, so that jansson never
 * calls ftl_xmalloc outside the API. */
typedef struct JsonAlloc {
    json_malloc_t malloc_fn;
    json_free_t free_fn;
} JsonAlloc;

FtlStatus ses_run(FtlSession *s, FtlStatus (*body)(FtlSession *s, void *arg), void *arg)
{
    JsonAlloc caller;
    json_get_alloc_funcs(&caller.malloc_fn, &caller.free_fn);
    FtlStatus st = guarded(s, body, arg);
    json_set_alloc_funcs(caller.malloc_fn, caller.free_fn);
    if (st == FTL_NOMEM && s) {
        /* Dropping the compilation allocates nothing: it cannot run out again. */
        ses_comp_free(s->comp);
        s->comp = NULL;
    }
    return st;
}
