/* fuzz_binpb.c - the binary protobuf input path: ftl_io_decode (the depth check,
 * then protobuf_c_message_unpack of a Schema), exactly as ftlc reads a .binpb
 * input, then everything downstream (ftl_fuzz_message): the text format and JSON
 * writers, round trips, the conversion to the AST (proto_conv.c), the checker
 * and the emitters.
 *
 * The same bytes are also unpacked as the other messages of ftl_fuzz_descriptors
 * (behind the same depth check ftlc makes): binary input is the only way to give
 * the writers unknown fields, every scalar value and malformed UTF-8. */
#include "fuzz.h"

#include "proto/schema_io.h"
#include "proto/textproto.h"

#include <protobuf-c/protobuf-c.h>

int ftl_fuzz_binpb(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    FtlDecodeError err;
    FtlPbSchema *s = ftl_io_decode((const char *)data, size, FTL_FORMAT_BINPB, &err);
    if (s) {
        /* ftl_io_read registers binary input without its bytes */
        ftl_fuzz_message(&s->base, "fuzz.binpb", "", 0);
        protobuf_c_message_free_unpacked(&s->base, NULL);
    }
    for (size_t i = 1; ftl_fuzz_descriptors[i]; i++) {
        const ProtobufCMessageDescriptor *d = ftl_fuzz_descriptors[i];
        if (!ftl_fuzz_depth_ok(d, data, size, FTL_TP_MAX_DEPTH)) continue;
        ProtobufCMessage *m = protobuf_c_message_unpack(d, NULL, size, data);
        if (!m) continue;
        ftl_fuzz_message(m, "fuzz.binpb", "", 0);
        protobuf_c_message_free_unpacked(m, NULL);
    }
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_binpb(data, size);
}
#endif
