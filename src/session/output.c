/* output.c - an output of the compile written as it is made (ftlc.h,
 * FtlOutput): the atomic writer of base/atomic.h behind the guard of
 * ftl_session_write_output (ses_guarded_files), so that emit -o and export
 * never hold their output whole (it can be many times the inputs' size). */
#include "session/session_int.h"

#include <stdlib.h>

struct FtlOutput {
    FtlAtomicFile file;
};

typedef struct OpenArg {
    const char *path;
    FtlOutput *out;
} OpenArg;

static FtlStatus open_body(FtlSession *s, void *arg)
{
    OpenArg *x = arg;
    char err[600];
    ses_clear_error(s);
    size_t n;
    const char **files = ses_guarded_files(s, x->path, 1, &n);
    int refused = ftl_output_refused(x->path, files, n, err, sizeof err);
    free(files);
    if (!refused) {
        FtlOutput *o = ftl_xmalloc(sizeof *o);
        if (ftl_atomic_open(&o->file, x->path, err, sizeof err) == 0) {
            x->out = o;
            return FTL_OK;
        }
        free(o);
    }
    ses_set_error(s, "%s", err);
    return FTL_EIO;
}

FtlStatus ftl_session_output_open(FtlSession *s, const char *path, FtlOutput **out)
{
    if (out) *out = NULL;
    if (!s || !path || !*path || !out) return FTL_EINVAL;
    OpenArg x = {path, NULL};
    FtlStatus st = ses_run(s, open_body, &x);
    *out = x.out;
    return st;
}

int ftl_output_write(void *ctx, const void *data, size_t len)
{
    FtlOutput *o = ctx;
    return o ? ftl_atomic_write(&o->file, data, len) : -1;
}

static FtlStatus commit_body(FtlSession *s, void *arg)
{
    FtlOutput *out = arg;
    char err[600];
    ses_clear_error(s);
    int rc = ftl_atomic_commit(&out->file, err, sizeof err);
    free(out);
    if (rc == 0) return FTL_OK;
    ses_set_error(s, "%s", err);
    return FTL_EIO;
}

FtlStatus ftl_output_commit(FtlSession *s, FtlOutput *out)
{
    if (!out) return FTL_EINVAL;
    if (!s) {
        ftl_output_drop(out);
        return FTL_EINVAL;
    }
    return ses_run(s, commit_body, out);
}

void ftl_output_drop(FtlOutput *out)
{
    if (!out) return;
    ftl_atomic_drop(&out->file);
    free(out);
}
