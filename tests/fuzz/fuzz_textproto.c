/* fuzz_textproto.c - the protobuf text format reader (ftl_tp_parse), as ftlc
 * reads a .txtpb input, and everything downstream of it (ftl_fuzz_message): the
 * writer, round trips through text, binary and JSON, and for a Schema the
 * conversion to the AST, the checker and the emitters.
 *
 * The input is read as each message of ftl_fuzz_descriptors in turn (a Schema
 * first): most inputs fail early for all but one, and the other messages reach
 * the parts of the descriptor-driven reader that Schema does not use (floats,
 * bytes, maps, 32-bit and unsigned integers, Struct). */
#include "fuzz.h"

#include "proto/textproto.h"

#include <protobuf-c/protobuf-c.h>

int ftl_fuzz_textproto(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    const char *text = (const char *)data;
    for (size_t i = 0; ftl_fuzz_descriptors[i]; i++) {
        FtlTpError err;
        ProtobufCMessage *m = ftl_tp_parse(ftl_fuzz_descriptors[i], text, size, &err);
        if (!m) continue;
        ftl_fuzz_message(m, "fuzz.txtpb", text, size);
        protobuf_c_message_free_unpacked(m, NULL);
    }
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_textproto(data, size);
}
#endif
