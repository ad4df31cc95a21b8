/* diff.c - the differences the API explains: two texts as a unified diff
 * (base/diff.c), two public schemas declaration by declaration
 * (realm/public.c). Functions of no session: they run with an out-of-memory
 * handler of their own (ses_run with no session). */
#include "session/session_int.h"
#include "base/diff.h"
#include "realm/public.h"

#include <stdlib.h>

typedef struct DiffArg {
    const char *name, *a, *b;
    size_t alen, blen;
    FtlFormat f;
    int public_schema;
    FtlBuf out;
} DiffArg;

static FtlStatus diff_body(FtlSession *s, void *arg)
{
    (void)s;
    DiffArg *x = arg;
    if (x->public_schema)
        ftl_public_diff(&x->out, x->name, x->a, x->alen, x->b, x->blen, x->f);
    else
        ftl_diff_unified(&x->out, x->name, x->a, x->alen, x->b, x->blen);
    ftl_buf_cstr(&x->out);
    return FTL_OK;
}

static FtlStatus run_diff(DiffArg *x, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!x->name || (!x->a && x->alen) || (!x->b && x->blen)) return FTL_EINVAL;
    if (!x->a) x->a = "";
    if (!x->b) x->b = "";
    ftl_buf_init(&x->out);
    FtlStatus st = ses_run(NULL, diff_body, x);
    if (st != FTL_OK) return st; /* the buffer is lost with the rest of the stage */
    *out = x->out.data;
    *len = x->out.len;
    return FTL_OK;
}

FtlStatus ftl_unified_diff(const char *name, const char *a, size_t alen, const char *b, size_t blen,
                           char **out, size_t *len)
{
    DiffArg x = {name, a, b, alen, blen, FTL_FORMAT_FTL, 0, {0}};
    return run_diff(&x, out, len);
}

FtlStatus ftl_public_schema_diff(const char *name, const char *old, size_t oldlen,
                                 const char *fresh, size_t freshlen, FtlFormat f, char **out,
                                 size_t *len)
{
    if ((unsigned)f > FTL_FORMAT_BINPB) return FTL_EINVAL;
    DiffArg x = {name, old, fresh, oldlen, freshlen, f, 1, {0}};
    return run_diff(&x, out, len);
}
