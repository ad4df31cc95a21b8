/* check_proto.h - the rule of the protobuf formats (E0603). */
#ifndef FTLC_CHECK_PROTO_H
#define FTLC_CHECK_PROTO_H

#include "base/diag.h"
#include "check/canon.h"

/* Reports every string of the view that the protobuf formats cannot carry
 * (E0603: a NUL byte); returns how many. src: the sources the view was read
 * from (the comments of a text known to hold no NUL are not read again). */
unsigned ftl_check_protobuf(FtlDiags *d, const FtlSources *src, const FtlCanonView *v);

#endif
