/* fault.h - running out of memory: one path, ending at the API boundary.
 *
 * Every allocation of the library that fails (arena blocks, ftl_xmalloc and
 * ftl_xrealloc, and through them the allocators handed to protobuf-c and
 * jansson) calls ftl_oom(). It never returns: it unwinds with longjmp(3) to
 * the innermost handler the calling thread installed, the way Lua's
 * lua_error() unwinds to the innermost lua_pcall(). Code between an
 * allocation and its handler therefore never sees NULL and never checks.
 *
 * Each API call of include/ftlc.h installs one handler for its session and
 * turns the unwind into FTL_NOMEM (src/session/run.c). What the interrupted
 * stage held only on the C stack (a scratch buffer, a work list) is lost, not
 * freed; everything the session owns is reachable from it and freed or kept
 * as that call documents.
 *
 * The handler chain is the one piece of thread-local state in the library: a
 * stack of handlers of calls in progress on this thread, so that sessions in
 * different threads, and a session used from inside another session's writer
 * callback, each unwind to their own call. Nothing about a session lives in
 * it between calls.
 *
 * Internal programs that call stages directly (the ftlc command's realm
 * operations, tests, tools) install a handler with ftl_fault_push/setjmp. An
 * allocation failure with no handler at all is a bug of such a caller:
 * ftl_oom() then traps.
 */
#ifndef FTLC_FAULT_H
#define FTLC_FAULT_H

#include <setjmp.h>

typedef struct FtlFault {
    jmp_buf env;
    struct FtlFault *prev;
} FtlFault;

/* Installs f as this thread's innermost handler. Then call setjmp(f->env) in
 * the same function (setjmp's frame must outlive the handler):
 *
 *   FtlFault f;
 *   ftl_fault_push(&f);
 *   if (setjmp(f.env)) { ... out of memory: f is already removed ... }
 *   ... work ...
 *   ftl_fault_pop(&f);
 */
void ftl_fault_push(FtlFault *f);
/* Removes f, which must be the innermost handler. */
void ftl_fault_pop(FtlFault *f);

/* Nonzero when this thread has a handler: it is inside a call of the library. */
int ftl_fault_active(void);
/* Out of memory: removes the innermost handler and longjmps to it. */
_Noreturn void ftl_oom(void);

#endif
