/* pb_oracle.h - the protobuf output of a view through protobuf-c's message
 * structs (pb_oracle.c): what the tests compare the streaming writer of
 * proto/pbwrite.h with. */
#ifndef FTLC_PB_ORACLE_H
#define FTLC_PB_ORACLE_H

#include "check/canon.h"
#include "proto/proto_in.h"
#include "proto/schema_io.h"

/* The message of a canonical view, in s's arena (never pass it to
 * protobuf_c_message_free_unpacked). References qualified exactly as the
 * canonical text prints them; Position{filename, line, column} of each node's
 * span when src is not NULL. The view passed ftl_check_protobuf (no string
 * holds a NUL byte, E0603), as for the writer. */
FtlPbSchema *ftl_proto_from_view(FtlSchema *s, const FtlCanonView *v, const FtlSources *src);

/* Appends the encoding of m in a protobuf format: protobuf_c_message_pack,
 * ftl_tp_format or ftl_pj_format. Returns 0, or -1 with a message in err
 * (JSON refuses strings that are not UTF-8). */
int ftl_oracle_encode(FtlBuf *out, const FtlPbSchema *m, FtlFormat f, char *err, size_t errsz);

#endif
