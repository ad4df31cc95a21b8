/* tp_tool.c - a small driver of the protobuf codecs, independent of the ftlc CLI.
 *
 *   tp_tool decode TYPE        binary protobuf on stdin -> our text format on stdout
 *   tp_tool encode TYPE        our text format reader on stdin -> binary on stdout
 *   tp_tool json-decode TYPE   binary on stdin -> our proto3 JSON on stdout
 *   tp_tool json-encode TYPE   JSON on stdin -> binary on stdout (--ignore-unknown allowed)
 *   tp_tool list               the full names of every known message type
 *   tp_tool                    self-test: every known type's empty message goes through
 *                              both writers and both readers (so that running it as a
 *                              test, as `TESTS = $(check_PROGRAMS)` does, is meaningful)
 *
 * TYPE is a full message name from schema.proto, language.proto (with
 * google/protobuf/struct.proto) or tests/unit/testmsg.proto. Used by protoc_compat.sh
 * to compare our text with `protoc --decode` / `protoc --encode` byte for byte.
 * Exit status: 0 ok, 1 parse error (message on stderr as LINE:COLUMN: text), 2 usage.
 */
#include "proto/protojson.h"
#include "proto/textproto.h"

#include "testmsg.pb-c.h"
#include "xyz/block/ftl/schema/v1/schema.pb-c.h"
#include "xyz/block/ftl/v1/language/language.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every message type is reachable from one of these through its fields. */
static const ProtobufCMessageDescriptor *const tool_roots[] = {
    &xyz__block__ftl__schema__v1__schema__descriptor,
    &xyz__block__ftl__v1__language__ping_request__descriptor,
    &xyz__block__ftl__v1__language__ping_response__descriptor,
    &xyz__block__ftl__v1__language__get_create_module_flags_request__descriptor,
    &xyz__block__ftl__v1__language__get_create_module_flags_response__descriptor,
    &xyz__block__ftl__v1__language__create_module_request__descriptor,
    &xyz__block__ftl__v1__language__create_module_response__descriptor,
    &xyz__block__ftl__v1__language__module_config_defaults_request__descriptor,
    &xyz__block__ftl__v1__language__module_config_defaults_response__descriptor,
    &xyz__block__ftl__v1__language__dependencies_request__descriptor,
    &xyz__block__ftl__v1__language__dependencies_response__descriptor,
    &xyz__block__ftl__v1__language__build_context_updated_request__descriptor,
    &xyz__block__ftl__v1__language__build_context_updated_response__descriptor,
    &xyz__block__ftl__v1__language__build_request__descriptor,
    &xyz__block__ftl__v1__language__build_event__descriptor,
    &xyz__block__ftl__v1__language__generate_stubs_request__descriptor,
    &xyz__block__ftl__v1__language__generate_stubs_response__descriptor,
    &xyz__block__ftl__v1__language__sync_stub_references_request__descriptor,
    &xyz__block__ftl__v1__language__sync_stub_references_response__descriptor,
    &ftlc__test__all_types__descriptor,
    &ftlc__test__empty__descriptor,
};

#define TOOL_MAX_TYPES 512

typedef struct ToolTypes {
    const ProtobufCMessageDescriptor *d[TOOL_MAX_TYPES];
    size_t n;
} ToolTypes;

static void tool_collect(ToolTypes *t, const ProtobufCMessageDescriptor *d)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->d[i] == d) return;
    if (t->n == TOOL_MAX_TYPES) return;
    t->d[t->n++] = d;
    for (unsigned i = 0; i < d->n_fields; i++)
        if (d->fields[i].type == PROTOBUF_C_TYPE_MESSAGE) tool_collect(t, d->fields[i].descriptor);
}

static const ProtobufCMessageDescriptor *tool_find(const ToolTypes *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->d[i]->name, name) == 0) return t->d[i];
    return NULL;
}

static char *tool_read_stdin(size_t *len)
{
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, stdin);
        if (n < cap) break;
        char *p = realloc(buf, cap * 2);
        if (!p) {
            free(buf);
            return NULL;
        }
        buf = p;
        cap *= 2;
    }
    *len = n;
    return buf;
}

static int tool_write(const void *data, size_t len)
{
    return fwrite(data, 1, len, stdout) == len && fflush(stdout) == 0 ? 0 : 2;
}

static int tool_write_binary(const ProtobufCMessage *m)
{
    size_t n = protobuf_c_message_get_packed_size(m);
    uint8_t *buf = malloc(n ? n : 1);
    if (!buf) return 2;
    protobuf_c_message_pack(m, buf);
    int rc = tool_write(buf, n);
    free(buf);
    return rc;
}

static int tool_decode(const ProtobufCMessageDescriptor *d, const char *in, size_t len, int json)
{
    ProtobufCMessage *m = protobuf_c_message_unpack(d, NULL, len, (const uint8_t *)in);
    if (!m) {
        fprintf(stderr, "tp_tool: input is not a valid binary %s\n", d->name);
        return 1;
    }
    size_t n = 0;
    FtlPjError err;
    char *text = json ? ftl_pj_format(m, 0, &n, &err) : ftl_tp_format(m, &n);
    int rc = text ? tool_write(text, n) : 1;
    if (!text && json) fprintf(stderr, "tp_tool: %s: %s\n", err.path, err.message);
    free(text);
    protobuf_c_message_free_unpacked(m, NULL);
    return rc;
}

static int tool_encode(const ProtobufCMessageDescriptor *d, const char *in, size_t len, int json,
                       unsigned flags)
{
    ProtobufCMessage *m;
    if (json) {
        FtlPjError err;
        m = ftl_pj_parse(d, in, len, flags, &err);
        if (!m)
            fprintf(stderr, "%d:%d: %s%s%s\n", err.line, err.column, err.path,
                    err.path[0] ? ": " : "", err.message);
    } else {
        FtlTpError err;
        m = ftl_tp_parse(d, in, len, &err);
        if (!m) fprintf(stderr, "%d:%d: %s\n", err.line, err.column, err.message);
    }
    if (!m) return 1;
    int rc = tool_write_binary(m);
    protobuf_c_message_free_unpacked(m, NULL);
    return rc;
}

/* The empty message of type d through both codecs and back. */
static int tool_selftest_one(const ProtobufCMessageDescriptor *d)
{
    ProtobufCMessage *m = ftl_tp_parse(d, "", 0, NULL);
    char *text = m ? ftl_tp_format(m, NULL) : NULL;
    char *json = m ? ftl_pj_format(m, 0, NULL, NULL) : NULL;
    ProtobufCMessage *back = json ? ftl_pj_parse(d, json, strlen(json), 0, NULL) : NULL;
    /* An empty google.protobuf.Value is JSON null, which reads back as null_value. */
    int is_value = strcmp(d->name, "google.protobuf.Value") == 0;
    int ok = text && text[0] == '\0' && back &&
             (is_value || protobuf_c_message_get_packed_size(back) == 0);
    if (!ok) fprintf(stderr, "tp_tool: self-test failed for %s\n", d->name);
    free(text);
    free(json);
    protobuf_c_message_free_unpacked(m, NULL);
    protobuf_c_message_free_unpacked(back, NULL);
    return ok;
}

int main(int argc, char **argv)
{
    static ToolTypes types;
    for (size_t i = 0; i < sizeof tool_roots / sizeof tool_roots[0]; i++)
        tool_collect(&types, tool_roots[i]);
    if (argc == 2 && strcmp(argv[1], "list") == 0) {
        for (size_t i = 0; i < types.n; i++)
            printf("%s\n", types.d[i]->name);
        return 0;
    }
    if (argc == 1) {
        size_t ok = 0;
        for (size_t i = 0; i < types.n; i++)
            ok += (size_t)tool_selftest_one(types.d[i]);
        printf("tp_tool: %zu of %zu message types pass the self-test\n", ok, types.n);
        return ok == types.n ? 0 : 1;
    }
    unsigned flags = 0;
    if (argc == 4 && strcmp(argv[3], "--ignore-unknown") == 0) {
        flags = FTL_PJ_IGNORE_UNKNOWN;
        argc--;
    }
    if (argc != 3) {
        fprintf(stderr,
                "usage: tp_tool decode|encode|json-decode|json-encode TYPE, or tp_tool list\n");
        return 2;
    }
    const ProtobufCMessageDescriptor *d = tool_find(&types, argv[2]);
    if (!d) {
        fprintf(stderr, "tp_tool: unknown message type %s\n", argv[2]);
        return 2;
    }
    size_t len;
    char *in = tool_read_stdin(&len);
    if (!in) return 2;
    int rc = 2;
    if (strcmp(argv[1], "decode") == 0)
        rc = tool_decode(d, in, len, 0);
    else if (strcmp(argv[1], "encode") == 0)
        rc = tool_encode(d, in, len, 0, 0);
    else if (strcmp(argv[1], "json-decode") == 0)
        rc = tool_decode(d, in, len, 1);
    else if (strcmp(argv[1], "json-encode") == 0)
        rc = tool_encode(d, in, len, 1, flags);
    else
        fprintf(stderr, "tp_tool: unknown command %s\n", argv[1]);
    free(in);
    return rc;
}
