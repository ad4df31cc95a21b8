/* schema_io.h - schemas in and out of files, in every format ftlc speaks.
 *
 *   ftl    schema text (ftl-schema(5), GRAMMAR and CANONICAL LAYOUT)
 *   txtpb  protobuf text format of xyz.block.ftl.schema.v1.Schema, byte for byte
 *          what `protoc --decode=xyz.block.ftl.schema.v1.Schema` prints
 *   json   the canonical protobuf JSON mapping of the same message (lowerCamelCase
 *          names, enums by name, 64-bit integers as strings), as upstream FTL
 *          publishes `ftl-external-schema.json`
 *   binpb  the binary protobuf encoding
 *
 * A .txtpb, .json or .binpb input always holds a Schema message, also for what
 * would be a module file: a realm with an empty name stands for module files
 * (proto_in.h).
 */
#ifndef FTLC_SCHEMA_IO_H
#define FTLC_SCHEMA_IO_H

#include "base/buf.h"
#include "base/fileio.h"
#include "check/canon.h"
#include "proto/pbwrite.h"
#include "proto/proto_in.h"

/* FtlFormat and ftl_format_name are the API's (ftlc.h). */

/* "ftl", "txtpb", "json" or "binpb"; returns -1 for anything else. */
int ftl_format_parse(const char *name, FtlFormat *f);
/* The format a file name says: .txtpb (or .textproto, .txtproto, .pbtxt), .json,
 * .binpb (or .pb); FTL text otherwise. */
FtlFormat ftl_format_of_path(const char *path);
/* The extension ftlc writes for a format: ".ftl", ".txtpb", ".json", ".binpb". */
const char *ftl_format_ext(FtlFormat f);

/* -I: module name from the search directories, read through rd (NULL: the
 * disk). Each directory in turn is asked for DIR/name.ftl, then .txtpb, .json
 * and .binpb; the first file found is read into s: FTL text as it is (the
 * checker reports one that is no module file, E0309), the protobuf formats as
 * the one module their Schema message holds besides the builtin one. Returns 0
 * when no directory has the module; 1 when one has, with *file the file (NULL
 * when it could not be decoded: reported). Fits FtlCheckOptions.load_module
 * with a small wrapper. */
int ftl_io_find_module(FtlSchema *s, const FtlReader *rd, const char *const *dirs, size_t ndirs,
                       const char *name, FtlFile **file);

/* Flags of ftl_io_read. */
#define FTL_IO_BORROW 0x1u /* data is not the source set's: it outlives the compilation */
/* With FTL_IO_BORROW: data is a private mapping of a file that nothing writes
 * to, whose pages the parser gives back behind it (FtlSource.mapped). */
#define FTL_IO_MAPPED 0x2u

/* Reads one input of a compilation: data (len bytes, data[len] writable or, with
 * FTL_IO_BORROW, already 0) under name. Without FTL_IO_BORROW data is malloc'd
 * with one spare byte and passes to the source set. Text is parsed; the other
 * formats are decoded (a malformed input is error E0601 at the position the
 * decoder found) and converted with ftl_proto_to_files. Returns the number of
 * files, stored in an arena array at *files; 0 when the input could not be
 * decoded. */
uint32_t ftl_io_read(FtlSchema *s, const char *name, char *data, size_t len, FtlFormat f,
                     unsigned flags, FtlFile ***files);

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
ProtobufCMessage *ftl_io_unpack(const ProtobufCMessageDescriptor *d, const void *data, size_t len,
                                char *err, size_t errsz);

/* Appends a canonical view in format f; protobuf formats carry positions when
 * positions is set. Returns 0, or -1 with a message in err; what the protobuf
 * formats cannot carry is reported to s->diags (E0603) and fails with err "". */
int ftl_io_write_view(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions,
                      char *err, size_t errsz);

/* Whether ftl_io_write_view would succeed, reported as it would report it,
 * without writing anything (passes over the view). */
int ftl_io_check_view(FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions, char *err,
                      size_t errsz);

/* The view of ftl_io_write_view, handed to drain in chunks as it is written
 * (pbwrite.h), so that the output is never held whole. Unless checked (the
 * view passed ftl_io_check_view already), it is checked first: on -1 nothing
 * has reached drain. Returns -2 when drain failed. */
int ftl_io_stream_view(FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions, int checked,
                       FtlPbDrain drain, void *ctx, char *err, size_t errsz);

#endif
