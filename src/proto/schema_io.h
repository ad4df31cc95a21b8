/* schema_io.h - schemas in and out of files, in every format ftlc speaks.
 *
 *   ftl    schema text (spec 2 and 4)
 *   txtpb  protobuf text format of xyz.block.ftl.schema.v1.Schema, byte for byte
 *          what `protoc --decode=xyz.block.ftl.schema.v1.Schema` prints
 *   json   the canonical protobuf JSON mapping of the same message (lowerCamelCase
 *          names, enums by name, 64-bit integers as strings), as upstream FTL
 *          publishes `ftl-external-schema.json`
 *   binpb  the binary protobuf encoding
 *
 * A .txtpb, .json or .binpb input always holds a Schema message, also for what
 * would be a module file: a realm with an empty name stands for module files
 * (proto_conv.h).
 */
#ifndef FTLC_SCHEMA_IO_H
#define FTLC_SCHEMA_IO_H

#include "base/buf.h"
#include "check/canon.h"
#include "proto/proto_conv.h"

typedef enum FtlFormat { FTL_FORMAT_FTL, FTL_FORMAT_TXTPB, FTL_FORMAT_JSON, FTL_FORMAT_BINPB } FtlFormat;

/* "ftl", "txtpb", "json" or "binpb"; returns -1 for anything else. */
int ftl_format_parse(const char *name, FtlFormat *f);
const char *ftl_format_name(FtlFormat f);
/* The format a file name says: .txtpb (or .textproto, .txtproto, .pbtxt), .json,
 * .binpb (or .pb); FTL text otherwise. */
FtlFormat ftl_format_of_path(const char *path);
/* The extension ftlc writes for a format: ".ftl", ".txtpb", ".json", ".binpb". */
const char *ftl_format_ext(FtlFormat f);

/* The extensions -I tries after ".ftl", in order (NULL-terminated), and the reader
 * for them (FtlCheckOptions.load): the file's Schema message must hold exactly one
 * module besides the builtin one. */
extern const char *const ftl_io_include_exts[];
FtlFile *ftl_io_load_module(void *ctx, FtlSchema *s, const char *path, char *data, size_t len);

/* Reads one input of a compilation. data (len bytes, malloc'd with one spare byte)
 * passes to the source set under name. Text is parsed; the other formats are
 * decoded (a malformed input is error E0601 at the position the decoder found) and
 * converted with ftl_proto_to_files. Returns the number of files, stored in an
 * arena array at *files; 0 when the input could not be decoded. */
uint32_t ftl_io_read(FtlSchema *s, const char *name, char *data, size_t len, FtlFormat f,
                     FtlFile ***files);

typedef struct FtlDecodeError {
    int line, column; /* 1-based, in bytes; 0 when the decoder gives no position */
    char message[600];
} FtlDecodeError;

/* Decodes a Schema message in a protobuf format; NULL with *err filled in. Binary
 * input nested deeper than the text readers allow is refused before unpacking
 * (protobuf-c unpacks recursively). Free with protobuf_c_message_free_unpacked. */
FtlPbSchema *ftl_io_decode(const char *data, size_t len, FtlFormat f, FtlDecodeError *err);

/* Unpacks a binary message of type d after the checks protoc makes and protobuf-c
 * does not (nesting deeper than the text readers allow, field number 0); NULL
 * with a message in err. Free with protobuf_c_message_free_unpacked(m, NULL). */
ProtobufCMessage *ftl_io_unpack(const ProtobufCMessageDescriptor *d, const void *data,
                                size_t len, char *err, size_t errsz);

/* Appends the encoding of m in a protobuf format. Returns 0, or -1 with a message
 * in err (JSON refuses strings that are not UTF-8). */
int ftl_io_encode(FtlBuf *out, const FtlPbSchema *m, FtlFormat f, char *err, size_t errsz);

/* Appends a canonical view in format f; protobuf formats carry positions when
 * positions is set. Returns 0, or -1 with a message in err; what the protobuf
 * formats cannot carry is reported to s->diags (E0603) and fails with err "". */
int ftl_io_write_view(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlFormat f,
                      int positions, char *err, size_t errsz);

#endif
