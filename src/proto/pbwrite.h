/* pbwrite.h - a checked schema written in the protobuf formats, straight from
 * the tree.
 *
 * The canonical view (check/canon.h) is written as an xyz.block.ftl.schema.v1
 * Schema message (the mapping of ftlc-emit(1), FORMATS, the reverse of proto_in.h) in the
 * protobuf text format, the proto3 JSON mapping or the binary encoding,
 * without building the message: the output is byte for byte what protobuf-c
 * would pack of that message and what textproto.h and protojson.h would
 * print of it (tests/unit/test_pbwrite.c compares them on every golden
 * schema), in field-number order with proto3 defaults omitted. The binary
 * encoding measures the tree first and keeps the size of each message (4
 * bytes a message), so that every length is known before its message is
 * written.
 *
 * Output goes to a buffer. With a drain, the buffer is handed to it and
 * emptied whenever it holds FTL_PB_CHUNK bytes or more, so that an output
 * many times the size of the input never sits in memory whole; the schema is
 * then checked for what the format cannot carry before a byte is written.
 *
 * The view must have passed ftl_check_protobuf (check/check_proto.h): its
 * strings hold no NUL byte (E0603). proto/schema_io.h's writers check it.
 */
#ifndef FTLC_PBWRITE_H
#define FTLC_PBWRITE_H

#include "base/buf.h"
#include "check/canon.h"

#include <stddef.h>

typedef enum FtlPbFormat { FTL_PB_TEXT, FTL_PB_JSON, FTL_PB_BINARY } FtlPbFormat;

/* Receives output, as FtlWriter of ftlc.h: returns 0, or nonzero to stop. */
typedef int (*FtlPbDrain)(void *ctx, const void *data, size_t len);

/* How much output is held before it is drained. */
#define FTL_PB_CHUNK (256u * 1024)

typedef struct FtlPbOptions {
    FtlPbFormat format;
    int positions;    /* the position of every node */
    FtlPbDrain drain; /* NULL: everything stays in the buffer */
    void *ctx;        /* drain's */
    int checked;      /* ftl_pb_check accepted the view: not checked again */
} FtlPbOptions;

/* Appends view v of s to out as o says (or hands it to o->drain). Returns 0;
 * -1 when the schema cannot be written in the format (a string that is not
 * UTF-8 in JSON, a message of 4 GiB or more in binary), with a message in
 * err; -2 when the drain failed. On -1 the output is incomplete, and nothing
 * reached a drain. */
int ftl_pb_write(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, const FtlPbOptions *o, char *err,
                 size_t errsz);

/* Whether view v can be written in format f, reported as ftl_pb_write would
 * (a message in err), without writing it: a pass over the view for JSON; the
 * other formats can carry any view but a binary message of 4 GiB, which
 * ftl_pb_write finds before it writes a byte. 0 or -1. */
int ftl_pb_check(FtlSchema *s, const FtlCanonView *v, FtlPbFormat f, int positions, char *err,
                 size_t errsz);

#endif
