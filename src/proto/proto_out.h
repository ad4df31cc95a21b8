/* proto_out.h - a canonical view as an xyz.block.ftl.schema.v1 message (spec 7).
 *
 * The mapping of proto_in.h, the other way. Messages made from a view live in
 * the compilation's arena (s->arena) and go with it: never pass them to
 * protobuf_c_message_free_unpacked.
 */
#ifndef FTLC_PROTO_OUT_H
#define FTLC_PROTO_OUT_H

#include "check/canon.h"
#include "proto/proto_in.h"

/* The message of a canonical view, in s's arena. References are written qualified exactly as
 * the canonical text prints them. Positions (Position{filename, line, column} of
 * each node's span) are written when src is not NULL. */
FtlPbSchema *ftl_proto_from_view(FtlSchema *s, const FtlCanonView *v, const FtlSources *src);

#endif
