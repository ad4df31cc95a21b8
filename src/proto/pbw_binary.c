/* pbw_binary.c - the binary encoding of the protobuf writer (pbw.h), and the
 * pass that measures it: what protobuf_c_message_pack() makes of the same
 * message.
 *
 * A message is written as its key, its length and its fields, so its length
 * must be known before its fields are written. The measuring pass walks the
 * view once without writing, and keeps the size of every message outside the
 * modules in the order the messages open; the writing pass takes them in the
 * same order, and measures each module again just before it writes it
 * (pbwrite.c, pw_module_binary), so that only one module's sizes are held. Most
 * messages (a type, a reference, a field) are shorter than 255 bytes, so a
 * size takes a byte, and the few larger ones (a declaration, a module) an
 * entry of a second list, sorted into the same order once measured: 20 MB of
 * schema opens some 3 million messages, which took 12 MB at 4 bytes each. Two more passes write
 * nothing and only find what the other encodings could not write, before they write any of it:
 * strings that are not UTF-8 for JSON, and for the text format nothing the walk does not find
 * itself (strings with a NUL byte). */
#include "proto/pbw.h"
#include "base/arena.h"
#include "base/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ---------------------------------------------------------------------- */

static char *bn_varint(char *o, uint64_t v)
{
    while (v >= 0x80) {
        *o++ = (char)(v | 0x80);
        v >>= 7;
    }
    *o++ = (char)v;
    return o;
}

static char *bn_key(char *o, const PbwField *f, unsigned wire)
{
    return bn_varint(o, (uint64_t)f->number << 3 | wire);
}

/* The size of the next message to open (ms_close put it there). */
static uint32_t bn_next_size(Pbw *w)
{
    PbwSizes *z = &w->sz;
    uint32_t size = z->sizes[z->next++];
    if (size < PBW_SIZE_BIG) return size;
    return z->big[z->nextbig++].size; /* sorted by slot: this one's (pbw_sizes_sort) */
}

static void bn_open(Pbw *w, const PbwField *f)
{
    char *o = pbw_room(w, 20);
    o = bn_key(o, f, 2);
    o = bn_varint(o, bn_next_size(w));
    w->out->len = (size_t)(o - w->out->data);
}

static void bn_nothing(Pbw *w, const PbwField *f)
{
    (void)w;
    (void)f;
}

static void bn_str(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    if (n > SIZE_MAX - 32) ftl_oom();
    char *o = pbw_room(w, 20 + n);
    o = bn_key(o, f, 2);
    o = bn_varint(o, n);
    memcpy(o, p, n);
    w->out->len = (size_t)(o + n - w->out->data);
}

/* int64 and enums as varints of their 64-bit two's complement; bools as 1. */
static void bn_scalar(Pbw *w, const PbwField *f, int64_t v)
{
    char *o = pbw_room(w, 20);
    o = bn_key(o, f, 0);
    o = bn_varint(o, f->type == PROTOBUF_C_TYPE_BOOL ? 1 : (uint64_t)v);
    w->out->len = (size_t)(o - w->out->data);
}

const PbwOps ftl_pbw_binary = {0,          bn_open, bn_nothing, bn_nothing,
                               bn_nothing, bn_str,  bn_scalar,  NULL};

/* ---- measuring ------------------------------------------------------------------------ */

static size_t ms_varint_len(uint64_t v)
{
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        n++;
    }
    return n;
}

static size_t ms_key_len(const PbwField *f)
{
    return ms_varint_len((uint64_t)f->number << 3);
}

static void ms_open(Pbw *w, const PbwField *f)
{
    (void)f;
    PbwFrame *fr = pbw_top(w);
    fr->start = w->pos;
    if (!w->keep_sizes) return;
    PbwSizes *z = &w->sz;
    if (z->n == z->cap) {
        z->cap = z->cap ? 2 * z->cap : 4096;
        z->sizes = ftl_xrealloc(z->sizes, z->cap * sizeof *z->sizes);
    }
    fr->slot = (uint32_t)z->n++;
}

/* A size of PBW_SIZE_BIG or more, noted as its message closes: inner
 * messages close before outer ones, so the list is in no useful order until
 * ftl_pbw_sizes_sort. */
static void ms_big(Pbw *w, uint32_t slot, uint32_t size)
{
    PbwSizes *z = &w->sz;
    if (z->nbig == z->capbig) {
        z->capbig = z->capbig ? 2 * z->capbig : 1024;
        z->big = ftl_xrealloc(z->big, z->capbig * sizeof *z->big);
    }
    z->big[z->nbig++] = (PbwBigSize){slot, size};
}

static int big_cmp(const void *a, const void *b)
{
    uint32_t x = ((const PbwBigSize *)a)->slot, y = ((const PbwBigSize *)b)->slot;
    return x < y ? -1 : x > y;
}

void ftl_pbw_sizes_sort(Pbw *w)
{
    PbwSizes *z = &w->sz;
    if (z->nbig > 1) qsort(z->big, z->nbig, sizeof *z->big, big_cmp);
    z->next = 0;
    z->nextbig = 0;
}

static void ms_close(Pbw *w, const PbwField *f)
{
    const PbwFrame *fr = pbw_top(w);
    size_t size = w->pos - fr->start;
    /* protobuf limits a message to 2 GiB; the sizes here to 4 GiB. Found
     * also where sizes are not kept: the pass over the whole view keeps none
     * within modules, and finds what cannot be written before any is. */
    if (size > UINT32_MAX) ftl_pbw_fail(w, f, "a message is 4 GiB or larger");
    if (w->keep_sizes) {
        if (size < PBW_SIZE_BIG) {
            w->sz.sizes[fr->slot] = (uint8_t)size;
        } else {
            w->sz.sizes[fr->slot] = PBW_SIZE_BIG;
            ms_big(w, fr->slot, (uint32_t)size);
        }
    }
    w->pos += ms_key_len(f) + ms_varint_len(size);
}

static void ms_str(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    (void)p;
    w->pos += ms_key_len(f) + ms_varint_len(n) + n;
}

static void ms_scalar(Pbw *w, const PbwField *f, int64_t v)
{
    w->pos += ms_key_len(f) + ms_varint_len(f->type == PROTOBUF_C_TYPE_BOOL ? 1 : (uint64_t)v);
}

const PbwOps ftl_pbw_measure = {1,          ms_open, ms_close,  bn_nothing,
                                bn_nothing, ms_str,  ms_scalar, NULL};

/* ---- checking ------------------------------------------------------------------------ */

/* Reports s, the value of f, when it is not UTF-8 (JSON cannot carry it). */
static void ck_utf8(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    size_t bad = ftl_utf8_check(p, n);
    if (bad == n) return;
    char msg[64];
    snprintf(msg, sizeof msg, "string is not valid UTF-8 (byte 0x%02x)", (unsigned char)p[bad]);
    ftl_pbw_fail(w, f, msg);
}

static void ck_scalar(Pbw *w, const PbwField *f, int64_t v)
{
    (void)w;
    (void)f;
    (void)v;
}

/* Framed: an error names where in the document it is. */
const PbwOps ftl_pbw_check_json = {1,          bn_nothing, bn_nothing, bn_nothing,
                                   bn_nothing, ck_utf8,    ck_scalar,  NULL};

/* Whether some string is not UTF-8, without saying where: no frames. */
static void ck_utf8_fast(Pbw *w, const PbwField *f, const char *p, size_t n)
{
    (void)f;
    if (ftl_utf8_check(p, n) != n) w->failed = 1;
}

const PbwOps ftl_pbw_check_utf8 = {0,          bn_nothing,   bn_nothing, bn_nothing,
                                   bn_nothing, ck_utf8_fast, ck_scalar,  NULL};
