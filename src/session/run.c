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

#include "base/json_alloc.h"

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

FtlStatus ses_run(FtlSession *s, FtlStatus (*body)(FtlSession *s, void *arg), void *arg)
{
    ftl_json_enter();
    FtlStatus st = guarded(s, body, arg);
    ftl_json_leave();
    if (st == FTL_NOMEM && s) {
        /* Dropping the compilation allocates nothing: it cannot run out again. */
        ses_comp_free(s->comp);
        s->comp = NULL;
    }
    return st;
}
