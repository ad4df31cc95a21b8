/* protojson.h - the proto3 canonical JSON mapping for any protobuf-c message.
 *
 * Like textproto.h, everything is driven by the ProtobufCMessageDescriptor.
 *
 * Writer: field names in lowerCamelCase as protoc derives json_name (or the .proto
 * names with FTL_PJ_ORIGINAL_NAMES), fields in field-number order, two-space
 * indentation, a final newline; proto3 defaults omitted (fields with explicit presence
 * are written when set); 64-bit integers as strings; enums by name (number when
 * unknown); bytes as padded standard base64; numbers in protobuf's SimpleDtoa /
 * SimpleFtoa form, NaN and infinities as "NaN", "Infinity", "-Infinity", negative
 * zero as -0.0 (jansson would read "-0" back as the integer 0); maps as objects sorted
 * by key (the last entry wins for duplicated keys); google.protobuf.Struct, Value,
 * ListValue and NullValue in their special JSON forms. Unknown fields are not written.
 *
 * Reader: accepts lowerCamelCase and .proto names; 64-bit and 32-bit integers as
 * numbers or strings; floats as numbers or the strings above; enums by name or number;
 * null as "field absent"; standard or URL-safe base64, padding optional. Unknown
 * fields are errors unless FTL_PJ_IGNORE_UNKNOWN is given (then they are skipped, and
 * so are unknown enum value names, as protobuf's ignore_unknown_fields does). A field
 * given twice (e.g. as "fromOffset" and "from_offset") and two members of one oneof
 * are errors. The message is built as by protobuf_c_message_unpack(): free it with
 * protobuf_c_message_free_unpacked(msg, NULL).
 *
 * Limits: integers written as JSON numbers must fit in a signed 64-bit integer
 * (jansson's json_int_t); larger uint64 values must be given as strings, as this
 * writer does. Other well-known types (Timestamp, Duration, wrappers, Any, FieldMask)
 * get the generic message mapping.
 */
#ifndef FTLC_PROTOJSON_H
#define FTLC_PROTOJSON_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>

/* Deepest nesting of messages the reader accepts. */
#define FTL_PJ_MAX_DEPTH 200

/* Flags. */
#define FTL_PJ_IGNORE_UNKNOWN 0x1u /* reader: skip unknown fields and enum value names */
#define FTL_PJ_ORIGINAL_NAMES 0x2u /* writer: use the .proto field names */

typedef struct FtlPjError {
    int line;          /* 1-based position of a JSON syntax error; 0 for other errors */
    int column;        /* 1-based, in bytes: the last byte of the offending token, which
                        * is where jansson reports it */
    char path[256];    /* where in the document, e.g. "realms[0].modules[1].decls[0]";
                        * "" for the top level or a syntax error */
    char message[256]; /* one line, no trailing newline */
    int nomem;         /* ran out of memory (message "out of memory") */
} FtlPjError;

/* Returns the JSON text of msg, malloc'd and NUL-terminated (its length in *len when
 * len is not NULL), or NULL with *err filled in (out of memory, a string field that
 * is not valid UTF-8, a google.protobuf.Value number that is NaN or infinite). */
char *ftl_pj_format(const ProtobufCMessage *msg, unsigned flags, size_t *len, FtlPjError *err);

/* Parses len bytes of JSON as a message of type desc. Returns the message, or NULL
 * with *err filled in. */
ProtobufCMessage *ftl_pj_parse(const ProtobufCMessageDescriptor *desc, const char *text, size_t len,
                               unsigned flags, FtlPjError *err);

/* The body of a JSON string literal holding the n bytes at s, as this writer
 * escapes it (" \\ \b \f \n \r \t by name, other control characters as
 * \u00XX, the rest as it is), at out, which has room for 6 * n bytes. Returns
 * its length; SIZE_MAX when s is not valid UTF-8, with *bad the offset of
 * the first byte that is not. */
size_t ftl_pj_escape(char *out, const char *s, size_t n, size_t *bad);

/* Writes protoc's json_name of a .proto field name (lowerCamelCase: each '_' removed
 * and the letter after it upper-cased) into out, which has room for size bytes;
 * returns out, truncated when too small. */
char *ftl_pj_json_name(const char *name, char *out, size_t size);

#endif
