/* fuzz_common.c - what the fuzz targets share: a compilation like ftlc's, the
 * checker, diagnostics rendering and every emitter. */
#include "fuzz.h"

#include "base/buf.h"
#include "check/canon.h"
#include "base/diagfmt.h"
#include "proto/proto_in.h"
#include "pb_oracle.h"
#include "proto/protojson.h"
#include "realm/public.h"
#include "proto/schema_io.h"
#include "proto/textproto.h"
#include "google/protobuf/struct.pb-c.h"
#include "testmsg.pb-c.h"
#include "xyz/block/ftl/schema/v1/schema.pb-c.h"
#include "xyz/block/ftl/v1/language/language.pb-c.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int same(const char *a, size_t an, const char *b, size_t bn)
{
    return an == bn && memcmp(a, b, an) == 0;
}

_Noreturn void ftl_fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: property failed: %s\n", file, line, what);
    fflush(stderr);
    abort();
}

void ftl_fuzz_check_same(const char *file, int line, const char *a, size_t an, const char *b,
                         size_t bn, const char *what)
{
    if (same(a, an, b, bn)) return;
    fprintf(stderr, "--- first (%zu bytes)\n%.*s\n--- then (%zu bytes)\n%.*s\n---\n", an,
            (int)(an < 4096 ? an : 4096), a, bn, (int)(bn < 4096 ? bn : 4096), b);
    ftl_fuzz_fail(file, line, what);
}

void ftl_fuzz_run_init(FtlFuzzRun *r)
{
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    ftl_schema_init(&r->s, &r->arena, &r->in, &r->diags, &r->src);
}

void ftl_fuzz_run_free(FtlFuzzRun *r)
{
    ftl_schema_free(&r->s);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

/* Diagnostics go here: rendering runs, nothing is shown. */
static FILE *sink(void)
{
    static FILE *f;
    if (!f) f = fopen("/dev/null", "w");
    return f;
}

static void render(FtlFuzzRun *r)
{
    FILE *out = sink();
    if (!out) return;
    ftl_diags_sort(&r->diags);
    ftl_diags_render(&r->diags, &r->src, (FtlDiagStyle){FTL_DIAG_TEXT, 1}, out);
    ftl_diags_render(&r->diags, &r->src, (FtlDiagStyle){FTL_DIAG_JSON, 0}, out);
    ftl_diags_render_ext(&r->diags, &r->src, FTL_FMT_SARIF, out);
    ftl_diags_render_ext(&r->diags, &r->src, FTL_FMT_GITHUB, out);
    ftl_diags_render_ext(&r->diags, &r->src, FTL_FMT_FTL, out);
}

/* A view in every format, as emit and export write it; in the protobuf formats,
 * byte for byte what protobuf-c makes of the view's message tree (pb_oracle.h),
 * with the same errors, unless what they cannot carry was reported (E0603). */
static void write_view(FtlFuzzRun *r, const FtlCanonView *v)
{
    static const FtlFormat formats[] = {FTL_FORMAT_FTL, FTL_FORMAT_TXTPB, FTL_FORMAT_JSON,
                                        FTL_FORMAT_BINPB};
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        for (int positions = 0; positions < 2; positions++) {
            if (formats[i] == FTL_FORMAT_FTL && positions) continue;
            FtlBuf out, ref;
            char err[512], referr[512] = "";
            ftl_buf_init(&out);
            ftl_buf_init(&ref);
            unsigned before = r->diags.errors;
            int rc = ftl_io_write_view(&out, &r->s, v, formats[i], positions, err, sizeof err);
            int reported = r->diags.errors > before;
            if (reported)
                FTL_FUZZ_CHECK(rc == -1 && err[0] == '\0' && out.len == 0,
                               "E0603 fails the write before a byte, with the diagnostic alone");
            if (formats[i] != FTL_FORMAT_FTL && !reported) {
                FtlPbSchema *m = ftl_proto_from_view(&r->s, v, positions ? r->s.src : NULL);
                int refrc = ftl_oracle_encode(&ref, m, formats[i], referr, sizeof referr);
                FTL_FUZZ_CHECK(rc == refrc, "the writer fails where protobuf-c's path fails");
                if (rc == 0)
                    FTL_FUZZ_SAME(out.data ? out.data : "", out.len, ref.data ? ref.data : "",
                                  ref.len, "the writer writes what protobuf-c's path writes");
                else
                    FTL_FUZZ_CHECK(strcmp(err, referr) == 0, "the same error message");
            }
            ftl_buf_free(&out);
            ftl_buf_free(&ref);
        }
}

/* ftl -> binpb -> ftl round-trips (ftlc-emit(1), FORMATS). The view's binary encoding decodes,
 * converts and checks without errors, and (but for module files) prints the same
 * canonical text. */
/* A drain that keeps what it is handed. */
static int collect(void *ctx, const void *data, size_t len)
{
    ftl_buf_put(ctx, data, len);
    return 0;
}

static void round_trip(FtlFuzzRun *r, const FtlCanonView *v, const char *realm)
{
    FtlBuf text1, bin, text2;
    char err[512];
    ftl_buf_init(&text1);
    ftl_buf_init(&bin);
    ftl_buf_init(&text2);
    unsigned before = r->diags.count;
    ftl_emit_view(&text1, &r->s, v, NULL, NULL);
    FtlBuf drained, left;
    ftl_buf_init(&drained);
    ftl_buf_init(&left);
    FTL_FUZZ_CHECK(ftl_emit_view(&left, &r->s, v, collect, &drained) == 0 && left.len == 0,
                   "canonical text streams to a drain, none of it left behind");
    FTL_FUZZ_SAME(text1.data ? text1.data : "", text1.len, drained.data ? drained.data : "",
                  drained.len, "canonical text streamed is the text printed whole");
    ftl_buf_free(&drained);
    ftl_buf_free(&left);
    if (ftl_io_write_view(&bin, &r->s, v, FTL_FORMAT_BINPB, 0, err, sizeof err) == 0 &&
        r->diags.count == before) {
        FtlFuzzRun r2;
        ftl_fuzz_run_init(&r2);
        FtlDecodeError de;
        FtlPbSchema *m = ftl_io_decode(bin.data ? bin.data : "", bin.len, FTL_FORMAT_BINPB, &de);
        FTL_FUZZ_CHECK(m != NULL, "the binary protobuf ftlc writes decodes");
        uint32_t id = ftl_sources_add(&r2.src, "rt.binpb", "", 0);
        FtlFile **files;
        uint32_t n = ftl_proto_to_files(&r2.s, m, (FtlSpan){id, 0, 1}, &files);
        protobuf_c_message_free_unpacked(&m->base, NULL);
        FTL_FUZZ_CHECK(r2.diags.errors == 0, "the binary protobuf ftlc writes converts to a tree");
        for (uint32_t i = 0; i < n; i++)
            ftl_schema_add_file(&r2.s, files[i]);
        FtlCheckOptions co = {0};
        co.realm = realm;
        ftl_schema_check(&r2.s, &co);
        FTL_FUZZ_CHECK(!ftl_diags_failed(&r2.diags), "the schema ftlc emits checks without errors");
        FtlCanonView v2;
        ftl_canon_view(&r2.s, &v2);
        ftl_emit_view(&text2, &r2.s, &v2, NULL, NULL);
        /* Not for module files: there the generated dead-letter +publish is printed
         * after all other metadata, as upstream does (ftlc-emit(1), Module files), and sorted
         * once read back. */
        if (!v->module_file)
            FTL_FUZZ_SAME(text1.data ? text1.data : "", text1.len, text2.data ? text2.data : "",
                          text2.len, "ftl -> binpb -> ftl prints the same canonical text");
        ftl_fuzz_run_free(&r2);
    }
    ftl_buf_free(&text1);
    ftl_buf_free(&bin);
    ftl_buf_free(&text2);
}

void ftl_fuzz_check_and_emit(FtlFuzzRun *r, const char *realm)
{
    if (r->diags.errors == 0) {
        FtlCheckOptions co = {0};
        co.realm = realm;
        ftl_schema_check(&r->s, &co);
    }
    if (!ftl_diags_failed(&r->diags)) {
        FtlBuf out;
        ftl_buf_init(&out);
        ftl_emit_ftl(&out, &r->s);
        ftl_buf_free(&out);

        FtlCanonView v;
        ftl_canon_view(&r->s, &v);
        write_view(r, &v);
        round_trip(r, &v, realm);
        /* emit --module NAME, for the first module of the view */
        const char *first = NULL;
        if (v.modules && v.nmodules) first = v.modules[0]->name;
        for (uint32_t i = 0; i < v.nrealms && !first; i++)
            for (uint32_t j = 0; j < v.realms[i]->nmodules && !first; j++)
                if (!v.realms[i]->modules[j]->builtin) first = v.realms[i]->modules[j]->name;
        if (first) {
            ftl_canon_view(&r->s, &v);
            ftl_canon_view_only(&r->s, &v, first);
            write_view(r, &v);
        }
        if (ftl_public_view(&r->s, &v) == 0) write_view(r, &v);
    }
    render(r);
}

/* ---- messages ------------------------------------------------------------------------ */

const ProtobufCMessageDescriptor *const ftl_fuzz_descriptors[] = {
    &xyz__block__ftl__schema__v1__schema__descriptor,
    &ftlc__test__all_types__descriptor,
    &xyz__block__ftl__v1__language__build_event__descriptor,
    &google__protobuf__value__descriptor,
    NULL,
};

static int read_varint(const uint8_t *p, size_t n, size_t *i, uint64_t *v)
{
    *v = 0;
    for (int shift = 0; shift < 64 && *i < n; shift += 7) {
        uint8_t b = p[(*i)++];
        *v |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) return 1;
    }
    return 0;
}

int ftl_fuzz_depth_ok(const ProtobufCMessageDescriptor *d, const uint8_t *p, size_t n, int max)
{
    if (max < 1) return 0;
    size_t i = 0;
    while (i < n) {
        uint64_t key, v;
        if (!read_varint(p, n, &i, &key)) return 1;
        switch (key & 7) {
        case 0:
            if (!read_varint(p, n, &i, &v)) return 1;
            break;
        case 1: i += 8; break;
        case 5: i += 4; break;
        case 2: {
            if (!read_varint(p, n, &i, &v) || v > n - i) return 1;
            const ProtobufCFieldDescriptor *f =
                key >> 3 <= 0xffffffffu
                    ? protobuf_c_message_descriptor_get_field(d, (unsigned)(key >> 3))
                    : NULL;
            if (f && f->type == PROTOBUF_C_TYPE_MESSAGE &&
                !ftl_fuzz_depth_ok(f->descriptor, p + i, (size_t)v, max - 1))
                return 0;
            i += (size_t)v;
            break;
        }
        default: return 1;
        }
    }
    return 1;
}

/* Whether m or a message in it kept unknown fields (binary input only): the text
 * format writer prints them by number, which no text format reader accepts. With
 * zero set, only unknown fields numbered 0: protobuf-c 1.4 unpacks a field number 0
 * written in more than one byte (80 00 01) that protoc refuses, keeps it as an
 * unknown field, packs it in one byte (00 01) and then refuses its own output. */
static int has_unknown(const ProtobufCMessage *m, int zero)
{
    for (unsigned i = 0; i < m->n_unknown_fields; i++)
        if (!zero || m->unknown_fields[i].tag == 0) return 1;
    const ProtobufCMessageDescriptor *d = m->descriptor;
    for (unsigned i = 0; i < d->n_fields; i++) {
        const ProtobufCFieldDescriptor *f = &d->fields[i];
        if (f->type != PROTOBUF_C_TYPE_MESSAGE) continue;
        size_t n = ftl_tp_value_count(m, f);
        for (size_t k = 0; k < n; k++) {
            const ProtobufCMessage *sub = *(ProtobufCMessage *const *)ftl_tp_value_at(m, f, k);
            if (sub && has_unknown(sub, zero)) return 1;
        }
    }
    return 0;
}

/* The text format: what the writer prints reads back and prints the same. */
static void text_round_trip(const ProtobufCMessage *m, const char *t1, size_t n1)
{
    if (has_unknown(m, 0)) return;
    FtlTpError err;
    ProtobufCMessage *m2 = ftl_tp_parse(m->descriptor, t1, n1, &err);
    FTL_FUZZ_CHECK(m2 != NULL, "the text format writer's output reads back");
    size_t n2;
    char *t2 = ftl_tp_format(m2, &n2);
    if (t2) FTL_FUZZ_SAME(t1, n1, t2, n2, "text -> message -> text is the identity");
    free(t2);
    protobuf_c_message_free_unpacked(m2, NULL);
}

/* Binary: packing and unpacking changes nothing the text format shows (the writer
 * prints exactly what protobuf_c_message_pack() encodes). */
static void binary_round_trip(const ProtobufCMessage *m, const char *t1, size_t n1)
{
    if (has_unknown(m, 1)) return;
    size_t size = protobuf_c_message_get_packed_size(m);
    uint8_t *bin = malloc(size ? size : 1);
    if (!bin) return;
    size_t packed = protobuf_c_message_pack(m, bin);
    FTL_FUZZ_CHECK(packed == size, "protobuf-c packs the size it announced");
    ProtobufCMessage *m3 = protobuf_c_message_unpack(m->descriptor, NULL, packed, bin);
    FTL_FUZZ_CHECK(m3 != NULL, "a packed message unpacks");
    size_t n3;
    char *t3 = ftl_tp_format(m3, &n3);
    if (t3) FTL_FUZZ_SAME(t1, n1, t3, n3, "message -> binary -> message prints the same");
    free(t3);
    protobuf_c_message_free_unpacked(m3, NULL);
    free(bin);
}

/* JSON: the writer's output (either naming) reads back and writes the same. JSON
 * drops unknown fields and duplicated map keys, so only JSON is compared. */
static void json_round_trip(const ProtobufCMessage *m)
{
    FtlPjError err;
    size_t j1n;
    char *j1 = ftl_pj_format(m, 0, &j1n, &err);
    if (!j1) return; /* not valid UTF-8, a NaN Value, out of memory: refused, fine */
    for (unsigned flags = 0; flags <= FTL_PJ_ORIGINAL_NAMES; flags += FTL_PJ_ORIGINAL_NAMES) {
        size_t jn = j1n;
        char *j = flags ? ftl_pj_format(m, flags, &jn, &err) : j1;
        FTL_FUZZ_CHECK(j != NULL, "the JSON writer writes with .proto names what it writes");
        ProtobufCMessage *m4 = ftl_pj_parse(m->descriptor, j, jn, 0, &err);
        FTL_FUZZ_CHECK(m4 != NULL, "the JSON writer's output reads back");
        size_t j2n;
        char *j2 = ftl_pj_format(m4, 0, &j2n, &err);
        FTL_FUZZ_CHECK(j2 != NULL, "a message read from JSON writes as JSON");
        FTL_FUZZ_SAME(j1, j1n, j2, j2n, "JSON -> message -> JSON is the identity");
        free(j2);
        protobuf_c_message_free_unpacked(m4, NULL);
        if (j != j1) free(j);
    }
    free(j1);
}

void ftl_fuzz_message(const ProtobufCMessage *m, const char *name, const char *text, size_t len)
{
    size_t n1;
    char *t1 = ftl_tp_format(m, &n1);
    if (t1) {
        text_round_trip(m, t1, n1);
        binary_round_trip(m, t1, n1);
        free(t1);
    }
    json_round_trip(m);

    if (m->descriptor != &xyz__block__ftl__schema__v1__schema__descriptor) return;
    /* ftl_io_read: the message becomes files of the compilation, then check + emit. */
    FtlFuzzRun r;
    ftl_fuzz_run_init(&r);
    uint32_t id = ftl_sources_add(&r.src, name, text, len);
    FtlFile **files;
    uint32_t n = ftl_proto_to_files(&r.s, (const FtlPbSchema *)m, (FtlSpan){id, 0, 1}, &files);
    for (uint32_t i = 0; i < n; i++)
        ftl_schema_add_file(&r.s, files[i]);
    ftl_fuzz_check_and_emit(&r, NULL);
    ftl_fuzz_run_free(&r);
}
