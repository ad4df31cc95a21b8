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
 * The reader accepts the whole text format language (see textproto.c for the list
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

#include "base/buf.h" /* soft buffers: running out of memory is reported */
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

/* ---- Helpers shared by the descriptor-driven codecs (textproto.c, protojson.c) ----
 *
 * Not a general-purpose API: they exist so that the JSON codec has the same notion
 * of presence, the same number formatting and the same allocation rules as this one. */

/* protobuf's CEscape, as protoc prints strings and bytes: C escapes for \n \r \t
 * \" \' \\, three-digit octal for every other byte outside 0x20..0x7e. Writes at
 * most 4 * n bytes at out; returns how many. */
size_t ftl_tp_escape(char *out, const uint8_t *s, size_t n);

/* protobuf's SimpleDtoa / SimpleFtoa: "%.15g" (float: "%.6g") when that reads back
 * exactly, else "%.17g" ("%.9g"); "inf", "-inf", "nan". out needs 32 bytes. */
void ftl_tp_format_double(double v, char *out);
void ftl_tp_format_float(float v, char *out);
/* An integer or bool field's value at p in decimal (true/false for a bool), 64-bit
 * values in double quotes when quote64 (the JSON mapping). Returns 0 for other
 * types, leaving out untouched. out has room for 32 bytes. */
int ftl_tp_format_int(const ProtobufCFieldDescriptor *f, const void *p, int quote64, char *out);

/* Whether singular field f of m is set, by protobuf-c's packing rules: proto3 fields
 * without presence when non-zero, oneof members when selected, proto2 optional
 * fields when has_ is set (or the pointer is neither NULL nor the default). */
int ftl_tp_has_field(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f);
/* Number of values field f holds: the element count when repeated, else 0 or 1. */
size_t ftl_tp_value_count(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f);
/* The address of value i of field f (an array element, or the member itself). */
const void *ftl_tp_value_at(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, size_t i);
/* The oneof member of f's oneof that is set (possibly f itself), or NULL. */
const ProtobufCFieldDescriptor *ftl_tp_oneof_current(const ProtobufCMessage *m,
                                                     const ProtobufCFieldDescriptor *f);

/* protobuf-c keeps no map_entry option: a map field is recognised as a repeated
 * field of a nested message named <FieldInCamelCase>Entry with exactly the fields
 * key = 1 and value = 2, which is what protoc generates for map<K, V>. */
int ftl_tp_is_map(const ProtobufCFieldDescriptor *f);
/* The map entries of f in protoc's text order: stable sort by key. Returns a malloc'd
 * index array of ftl_tp_value_count() entries (NULL when out of memory or empty). */
size_t *ftl_tp_map_order(const ProtobufCMessage *m, const ProtobufCFieldDescriptor *f);
/* Whether two map entries have equal keys. */
int ftl_tp_map_keys_equal(const ProtobufCMessage *a, const ProtobufCMessage *b);

/* A field by its .proto name (len bytes, need not be NUL-terminated), or NULL. */
const ProtobufCFieldDescriptor *ftl_tp_field_by_name(const ProtobufCMessageDescriptor *d,
                                                     const char *name, size_t len);

/* A new message, malloc'd and initialised with its message_init; NULL when out of memory. */
ProtobufCMessage *ftl_tp_message_new(const ProtobufCMessageDescriptor *d);

/* One value in its protobuf-c representation; the member used follows the field type. */
typedef union FtlTpValue {
    int32_t i32;  /* INT32, SINT32, SFIXED32, ENUM */
    uint32_t u32; /* UINT32, FIXED32 */
    int64_t i64;  /* INT64, SINT64, SFIXED64 */
    uint64_t u64; /* UINT64, FIXED64 */
    float f;
    double d;
    protobuf_c_boolean b;
    char *str;                 /* STRING: malloc'd, NUL-terminated */
    ProtobufCBinaryData bytes; /* BYTES: data malloc'd (or NULL when len is 0) */
    ProtobufCMessage *msg;     /* MESSAGE: built with ftl_tp_message_new */
} FtlTpValue;

/* Stores one value in field f of m: appends when f is repeated, otherwise replaces the
 * value and sets has_ or the oneof case. For STRING, BYTES and MESSAGE the storage
 * passes to m, even when the call fails. m must have been built by these helpers
 * (repeated arrays grow by doubling from 4, so their capacity follows from the count).
 * Returns 0, or -1 when out of memory. */
int ftl_tp_store(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f, const FtlTpValue *value);
/* Creates a sub-message of field f's type and stores it in m (so that freeing m frees
 * it, whatever happens next); returns it, or NULL when out of memory. */
ProtobufCMessage *ftl_tp_store_new_message(ProtobufCMessage *m, const ProtobufCFieldDescriptor *f);

#endif
