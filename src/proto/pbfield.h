/* pbfield.h - what the descriptor-driven codecs share: reading a field of any
 * protobuf-c message by its descriptor (presence by protobuf-c's packing rules,
 * values, oneofs, map entries in protoc's order), formatting its scalars as
 * protoc does, and building messages the way protobuf_c_message_unpack() does.
 * The text format (textproto.h) and the JSON mapping (protojson.h) are written
 * on top of it; nothing here knows either format or the FTL schema.
 */
#ifndef FTLC_PBFIELD_H
#define FTLC_PBFIELD_H

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>

/* Not a general-purpose API: they exist so that the JSON codec has the same
 * notion of presence, the same number formatting and the same allocation rules
 * as the text format's. */

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
/* The scalar at p of field f as protobuf-c's packed form reads back: the
 * field's zero value when protobuf-c would not pack it (-0.0 among them), else
 * p. A map entry's key and value are always shown, so they are shown so. */
const void *ftl_tp_packed_value(const ProtobufCFieldDescriptor *f, const void *p);
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
