/* fuzz_json.c - the protobuf JSON reader (ftl_pj_parse), as ftlc reads a .json
 * input, strictly and with FTL_PJ_IGNORE_UNKNOWN, and everything downstream of it
 * (ftl_fuzz_message): the writers, round trips through text, binary and JSON, and
 * for a Schema the conversion to the AST, the checker and the emitters.
 *
 * As in fuzz_textproto.c, the input is read as each message of
 * ftl_fuzz_descriptors (google.protobuf.Value reaches the Struct/Value/ListValue
 * special forms). */
#include "fuzz.h"

#include "proto/protojson.h"

#include <protobuf-c/protobuf-c.h>

int ftl_fuzz_json(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    const char *text = (const char *)data;
    for (size_t i = 0; ftl_fuzz_descriptors[i]; i++) {
        FtlPjError err;
        ProtobufCMessage *m = ftl_pj_parse(ftl_fuzz_descriptors[i], text, size, 0, &err);
        if (!m) m = ftl_pj_parse(ftl_fuzz_descriptors[i], text, size, FTL_PJ_IGNORE_UNKNOWN, &err);
        if (!m) continue;
        ftl_fuzz_message(m, "fuzz.json", text, size);
        protobuf_c_message_free_unpacked(m, NULL);
    }
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_json(data, size);
}
#endif
