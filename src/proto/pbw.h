/* pbw.h - between the walk of the protobuf writer (pbwrite.c) and its
 * encodings (pbw_text.c, pbw_json.c, pbw_binary.c, and the measuring pass in
 * pbw_binary.c).
 *
 * The walk visits the canonical view in the order of the messages' fields and
 * calls one operation per value: open and close around a message, list_open
 * and list_close around the values of a repeated field (at least one), str
 * and scalar for the others. The walk decides what is written (proto3: a
 * string, number, bool or enum only when it is not zero; a message whenever
 * the mapping makes one), so an encoding only spells values out.
 *
 * For an encoding that keeps frames (PbwOps.framed), before each operation
 * the walk has pushed (open, list_open) or still holds (the rest) the frames
 * of the enclosing messages and lists: pbw_top() is the frame the value is
 * written in, or for open and list_open the new frame, whose parent is the
 * one below. After the operation it counts the value in its parent frame,
 * and pops the frame after close and list_close.
 */
#ifndef FTLC_PBW_H
#define FTLC_PBW_H

#include "base/buf.h"
#include "proto/pbwrite.h"

#include <protobuf-c/protobuf-c.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* The longest field name of schema.proto the writer uses is 22 bytes
 * (ingress_path_parameter); the heads below have room for 28. */
#define PBW_HEAD 32

/* A field of a schema message, from its protobuf-c descriptor, with the text
 * that comes before each of its values, so that the encodings copy it in one
 * go of PBW_HEAD bytes (the buffer has room to spare; what follows the head
 * is overwritten). */
typedef struct PbwField {
    uint32_t number;
    uint8_t wire;                      /* 0 varint, 2 length-delimited */
    uint8_t type;                      /* ProtobufCType */
    uint8_t openlen, valuelen, keylen; /* of the heads */
    const ProtobufCEnumDescriptor *ed; /* enum fields */
    char json[PBW_HEAD];               /* protoc's json_name (lowerCamelCase) */
    char open[PBW_HEAD];               /* text format: "name {\n" */
    char value[PBW_HEAD];              /* text format: "name: " */
    char key[PBW_HEAD];                /* JSON: "\"jsonName\": " */
} PbwField;

typedef struct PbwFrame {
    const PbwField *field; /* the field the frame is the value of (NULL: the root) */
    uint32_t count;        /* values written in it so far */
    uint8_t list;          /* a repeated field's values, not a message */
    uint32_t slot;         /* binary: index of the message's size in sizes */
    size_t start;          /* measuring: bytes counted before the message began */
} PbwFrame;

typedef struct Pbw Pbw;

/* A message's size that does not fit in a byte of Pbw.sizes. */
typedef struct PbwBigSize {
    uint32_t slot, size;
} PbwBigSize;
#define PBW_SIZE_BIG 255u

typedef struct PbwOps {
    int framed; /* the walk keeps frames (pbw_top) for this encoding */
    void (*open)(Pbw *w, const PbwField *f);
    void (*close)(Pbw *w, const PbwField *f);
    void (*list_open)(Pbw *w, const PbwField *f);
    void (*list_close)(Pbw *w, const PbwField *f);
    void (*str)(Pbw *w, const PbwField *f, const char *p, size_t n);
    /* int64, bool (written only when true) and enum values */
    void (*scalar)(Pbw *w, const PbwField *f, int64_t v);
    /* after the last value (may be NULL) */
    void (*finish)(Pbw *w);
} PbwOps;

/* binary: the sizes of messages, in the order they open, a byte each
 * (pbw_binary.c); the sizes of PBW_SIZE_BIG bytes or more are in big, by the
 * message's index in sizes. next and nextbig are where the writer is. */
typedef struct PbwSizes {
    uint8_t *sizes;
    size_t n, cap, next;
    PbwBigSize *big;
    size_t nbig, capbig, nextbig;
} PbwSizes;

struct Pbw {
    const PbwOps *ops;
    FtlBuf *out;
    PbwFrame *frames; /* frames[0] is the Schema message */
    size_t depth, cap;
    PbwSizes sz;    /* binary: what measuring kept, as the writer takes it */
    size_t pos;     /* measuring: bytes counted so far */
    size_t indent;  /* text: of the next field */
    int keep_sizes; /* measuring for the binary encoding */
    /* the first error of an encoding: where in the JSON document (for JSON)
     * and what; failed is 0 when there was none */
    int failed;
    char err_path[256], err_msg[256];
};

static inline PbwFrame *pbw_top(Pbw *w)
{
    return &w->frames[w->depth];
}

/* The encodings. */
extern const PbwOps ftl_pbw_text, ftl_pbw_json, ftl_pbw_binary;
/* Passes that write nothing: sizes for the binary encoding (and what it
 * cannot write), what JSON cannot write (with where, and only whether). */
extern const PbwOps ftl_pbw_measure, ftl_pbw_check_json, ftl_pbw_check_utf8;
/* After measuring: puts the large sizes in the order their messages open,
 * as the binary encoding takes them, from the first. */
void ftl_pbw_sizes_sort(Pbw *w);

/* Records the first error of an encoding, at the value of f that is being
 * written: the path to it in the JSON document (realms[0].modules[1].name, as
 * protojson.h reports it) and the message. */
void ftl_pbw_fail(Pbw *w, const PbwField *f, const char *message);

/* Writes v in decimal at out (room for 20 bytes); returns the length. */
static inline size_t pbw_decimal(char *out, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        out[i] = tmp[n - 1 - i];
    return n;
}

/* Room for n more bytes in w->out and PBW_SLACK to spare; returns where they
 * go (the caller sets out->len past what it wrote). */
#define PBW_SLACK 128
static inline char *pbw_room(Pbw *w, size_t n)
{
    FtlBuf *b = w->out;
    if (b->cap - b->len <= n + PBW_SLACK) ftl_buf_reserve(b, n + PBW_SLACK);
    return b->data + b->len;
}

/* n spaces at o (n <= PBW_SLACK / 2 in one go of 64 bytes); returns o + n. */
static inline char *pbw_spaces(char *o, size_t n)
{
    static const char sp[64] = "                                                                ";
    if (n <= 64)
        memcpy(o, sp, 64);
    else
        memset(o, ' ', n);
    return o + n;
}

#endif
