/* fault.c - the handler chain of ftl_oom (see fault.h). */
#include "base/fault.h"

#include <stddef.h>

/* The handlers of this thread's calls in progress, innermost first. */
static _Thread_local FtlFault *fault_top;

void ftl_fault_push(FtlFault *f)
{
    f->prev = fault_top;
    fault_top = f;
}

void ftl_fault_pop(FtlFault *f)
{
    if (fault_top == f) fault_top = f->prev;
}

int ftl_fault_active(void)
{
    return fault_top != NULL;
}

_Noreturn void ftl_oom(void)
{
    FtlFault *f = fault_top;
    if (!f) __builtin_trap(); /* no handler: a caller outside the API forgot one */
    fault_top = f->prev;
    longjmp(f->env, 1);
}
