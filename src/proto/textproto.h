/* textproto.h - the protobuf text format for any protobuf-c message.
 *
 * Both directions work from a ProtobufCMessageDescriptor alone; nothing here knows
 * the FTL schema.
 *
 * The writer prints exactly what `protoc --decode=TYPE` prints for the bytes that
 * protobuf_c_message_pack() produces from the same message: fields in field-number
 * order, two-space indentation, proto3 defaults omitted, strings and bytes C-escaped
 * with every byte >= 0x80 in octal, doubles and floats in protobuf's SimpleDtoa /
 * SimpleFtoa form, map entries sorted by key, unknown fields last, by number.
 *
 * The reader accepts the whole text format language (see textproto_read.c for the list
 * and the few places where it is stricter than protoc) and builds a message the way
 * protobuf_c_message_unpack() does, so that protobuf_c_message_free_unpacked(msg, NULL)
 * frees all of it. Errors carry a 1-based line and a 1-based column counted in bytes
 * (a tab is one column), at the offending token or character. String fields are not
 * checked for valid UTF-8 (protoc does not either); the JSON writer does check.
 *
 * Number formatting and parsing use the C library and assume LC_NUMERIC is "C"
 * (the default unless the program calls setlocale for it).
 */
#ifndef FTLC_TEXTPROTO_H
#define FTLC_TEXTPROTO_H

#include "base/buf.h"      /* soft buffers: running out of memory is reported */
#include "proto/pbfield.h" /* the field access both codecs share */
#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

/* Deepest message nesting the reader accepts; deeper input is an error, not a crash. */
#define FTL_TP_MAX_DEPTH 200

typedef struct FtlTpError {
    int line;          /* 1-based; 0 for the rare errors without a position */
    int column;        /* 1-based, in bytes */
    char message[256]; /* one line, no trailing newline */
    int nomem;         /* the parse ran out of memory (message "out of memory") */
} FtlTpError;

/* Returns the text form of msg as a malloc'd NUL-terminated string (its length in
 * *len when len is not NULL), or NULL when out of memory. An empty message gives "". */
char *ftl_tp_format(const ProtobufCMessage *msg, size_t *len);

/* Parses text (len bytes; NUL bytes in it are errors, not terminators) as a message
 * of type desc. Returns the message, to be freed with
 * protobuf_c_message_free_unpacked(msg, NULL), or NULL with *err filled in. */
ProtobufCMessage *ftl_tp_parse(const ProtobufCMessageDescriptor *desc, const char *text, size_t len,
                               FtlTpError *err);

#endif
