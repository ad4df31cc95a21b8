/* protoc.h - .proto files to a descriptor set, by running protoc:
 *
 *   protoc --descriptor_set_out=TMP --include_imports --include_source_info
 *          --proto_path=DIR... FILE...
 *
 * protoc is the reference parser of the language (and a build dependency of ftlc
 * already); its messages become diagnostics at the positions it names.
 */
#ifndef FTLC_PROTOC_H
#define FTLC_PROTOC_H

#include "base/buf.h"
#include "base/diag.h"

typedef struct FtlProtoc {
    const char *program;         /* found on PATH unless it has a '/' */
    const char *const *includes; /* --proto_path, in order (none: protoc's default, '.') */
    int nincludes;
    const char *const *files;
    int nfiles;
} FtlProtoc;

typedef struct FtlProtocResult {
    int status; /* protoc's exit status; -1 when a signal ended it */
    char *set;  /* status 0: the FileDescriptorSet (malloc'd) */
    size_t len;
    FtlBuf messages; /* what protoc wrote to standard error */
} FtlProtocResult;

/* Runs protoc. Returns 0 when it ran (r->status says how it ended), -1 with a
 * message in err when it could not be started or its output not read. SIGINT,
 * SIGTERM and SIGHUP wait until its temporary files are removed. */
int ftl_protoc_run(const FtlProtoc *pc, FtlProtocResult *r, char *err, size_t errsz);
void ftl_protoc_result_free(FtlProtocResult *r);

/* Reports protoc's messages: a line "FILE:LINE:COLUMN: TEXT" at that position of
 * FILE (source(ctx, FILE) returns its FtlSources id, 0 when it is not found), as
 * warning W0629 when TEXT begins with "warning: ", else error E0620; other lines
 * as errors without position. Returns the number of errors. */
unsigned ftl_protoc_report(const char *text, size_t len, FtlDiags *d, const FtlSources *src,
                           uint32_t (*source)(void *ctx, const char *file), void *ctx);

#endif
