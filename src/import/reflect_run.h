/* reflect_run.h - ftlc import grpc's side of the reflection helper: finds
 * ftlc-grpc-reflect (reflect_main.c), runs it and reads its answer into a
 * descriptor pool, as if the client ran in ftlc (ftlc-import(1), THE
 * REFLECTION HELPER).
 *
 * The helper is looked for in $FTLC_LIBEXECDIR when it is set (and only
 * there), else next to the running ftlc (the build tree, where both are made),
 * else in the folder configure chose (FTLC_PKGLIBEXECDIR: $(libexecdir)/ftlc).
 */
#ifndef FTLC_REFLECT_RUN_H
#define FTLC_REFLECT_RUN_H

#include "base/diag.h"
#include "import/descset.h"
#include "import/reflect.h"

#define FTL_REFLECT_HELPER "ftlc-grpc-reflect"

/* The helper's path (malloc'd), or NULL with a message in err. */
char *ftl_reflect_helper(char *err, size_t errsz);

/* What ftl_reflect_fetch does (reflect.h), through the helper: the files into p,
 * *chosen (in p's arena) the services' full names, sorted. t->cacert_file is
 * passed on (the helper reads it). Returns 0; -1 after reporting the server's
 * failure (E0630-E0635) to d; -2 with a message in err when the helper could
 * not be found or run, or failed itself (exit status 2 of ftlc). */
int ftl_reflect_run(const FtlGrpcTarget *t, const char *const *services, int nservices,
                    FtlDsPool *p, FtlDiags *d, const char ***chosen, int *nchosen, char *err,
                    size_t errsz);

#endif
