/* schema_io.c - reading and writing schemas in FTL text, protobuf text, JSON and
 * binary protobuf: format names, decoding with positioned errors, the -I reader
 * for the protobuf formats, and writing a canonical view. */
#include "proto/schema_io.h"
#include "check/check_proto.h"
#include "syntax/parse.h"
#include "proto/protojson.h"
#include "proto/textproto.h"
#include "base/json_alloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <jansson.h>
#include <string.h>

static const char *const FORMAT_NAMES[] = {"ftl", "txtpb", "json", "binpb"};

int ftl_format_parse(const char *name, FtlFormat *f)
{
    for (int i = 0; i < 4; i++)
        if (strcmp(name, FORMAT_NAMES[i]) == 0) {
            *f = (FtlFormat)i;
            return 0;
        }
    return -1;
}

const char *ftl_format_name(FtlFormat f)
{
    return FORMAT_NAMES[f];
}

const char *ftl_format_ext(FtlFormat f)
{
    static const char *const exts[] = {".ftl", ".txtpb", ".json", ".binpb"};
    return exts[f];
}

static int has_ext(const char *path, const char *ext)
{
    size_t n = strlen(path), e = strlen(ext);
    return n > e && strcmp(path + n - e, ext) == 0;
}

FtlFormat ftl_format_of_path(const char *path)
{
    if (has_ext(path, ".txtpb") || has_ext(path, ".textproto") || has_ext(path, ".txtproto") ||
        has_ext(path, ".pbtxt"))
        return FTL_FORMAT_TXTPB;
    if (has_ext(path, ".json")) return FTL_FORMAT_JSON;
    if (has_ext(path, ".binpb") || has_ext(path, ".pb")) return FTL_FORMAT_BINPB;
    return FTL_FORMAT_FTL;
}

#define FTL_STR_(x) #x
#define FTL_STR(x) FTL_STR_(x)

/* ---- decoding ------------------------------------------------------------------------ */

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

/* What protobuf-c's unpack would accept but protoc does not, found by a scan of the wire
 * format before unpacking: messages nested more than FTL_TP_MAX_DEPTH deep (counting
 * only fields the descriptor knows as messages: protobuf-c keeps unknown fields as
 * bytes, and its recursion would otherwise be unbounded), and field number 0 or one
 * above 2^29-1 (protobuf-c reads a two-byte key 80 00 as field 0). Returns NULL when
 * neither occurs; other malformed input passes, for unpack rejects it. */
static const char BAD_FIELD_NUMBER[] = "field number 0 or above 2^29-1";

static const char *wire_scan(const ProtobufCMessageDescriptor *d, const uint8_t *p, size_t n,
                             int depth)
{
    if (depth > FTL_TP_MAX_DEPTH)
        return "messages nested more than " FTL_STR(FTL_TP_MAX_DEPTH) " deep";
    size_t i = 0;
    while (i < n) {
        uint64_t key, v;
        if (!read_varint(p, n, &i, &key)) return NULL;
        if (key >> 3 == 0 || key >> 3 > 0x1fffffff) return BAD_FIELD_NUMBER;
        switch (key & 7) {
        case 0:
            if (!read_varint(p, n, &i, &v)) return NULL;
            break;
        case 1: i += 8; break;
        case 5: i += 4; break;
        case 2: {
            if (!read_varint(p, n, &i, &v) || v > n - i) return NULL;
            const ProtobufCFieldDescriptor *f =
                protobuf_c_message_descriptor_get_field(d, (unsigned)(key >> 3));
            if (f && f->type == PROTOBUF_C_TYPE_MESSAGE) {
                const char *e = wire_scan(f->descriptor, p + i, (size_t)v, depth + 1);
                if (e) return e;
            }
            i += (size_t)v;
            break;
        }
        default: return NULL;
        }
    }
    return NULL;
}

/* protobuf-c's allocations end the run on failure (exit 2) like libftlc's own:
 * unpack would otherwise report them as malformed input. */
static void *pb_alloc(void *ctx, size_t n)
{
    (void)ctx;
    return ftl_xmalloc(n);
}
static void pb_free(void *ctx, void *p)
{
    (void)ctx;
    free(p);
}
static ProtobufCAllocator pb_xalloc = {pb_alloc, pb_free, NULL};

ProtobufCMessage *ftl_io_unpack(const ProtobufCMessageDescriptor *d, const void *data, size_t len,
                                char *err, size_t errsz)
{
    const char *bad = wire_scan(d, data, len, 1);
    if (bad == BAD_FIELD_NUMBER) {
        snprintf(err, errsz, "not a binary %s message (%s)", d->name, bad);
        return NULL;
    }
    if (bad) {
        snprintf(err, errsz, "%s", bad);
        return NULL;
    }
    ProtobufCMessage *m = protobuf_c_message_unpack(d, &pb_xalloc, len, data);
    if (!m)
        snprintf(err, errsz, "not a binary %s message (truncated, or a wrong wire type)", d->name);
    return m;
}

static FtlPbSchema *decode_binary(const char *data, size_t len, FtlDecodeError *err)
{
    return (FtlPbSchema *)ftl_io_unpack(&xyz__block__ftl__schema__v1__schema__descriptor, data, len,
                                        err->message, sizeof err->message);
}

FtlPbSchema *ftl_io_decode(const char *data, size_t len, FtlFormat f, FtlDecodeError *err)
{
    const ProtobufCMessageDescriptor *d = &xyz__block__ftl__schema__v1__schema__descriptor;
    memset(err, 0, sizeof *err);
    if (f == FTL_FORMAT_BINPB) return decode_binary(data, len, err);
    if (f == FTL_FORMAT_TXTPB) {
        FtlTpError te;
        ProtobufCMessage *m = ftl_tp_parse(d, data, len, &te);
        if (!m && te.nomem) ftl_oom();
        if (!m) {
            err->line = te.line;
            err->column = te.column;
            snprintf(err->message, sizeof err->message, "%s", te.message);
        }
        return (FtlPbSchema *)m;
    }
    FtlPjError je;
    /* jansson crashes on a failed malloc: within a session's call its
     * allocator is already the one that unwinds (base/json_alloc.h); programs
     * that call this directly (the ftlc command's import, tests) get
     * ftl_xmalloc. */
    json_malloc_t jm;
    json_free_t jf;
    json_get_alloc_funcs(&jm, &jf);
    if (jm != ftl_json_alloc) json_set_alloc_funcs(ftl_xmalloc, free);
    ProtobufCMessage *m = ftl_pj_parse(d, data, len, 0, &je);
    if (!m && je.nomem) ftl_oom();
    if (!m) {
        err->line = je.line;
        err->column = je.column;
        if (je.path[0])
            snprintf(err->message, sizeof err->message, "at %s: %s", je.path, je.message);
        else
            snprintf(err->message, sizeof err->message, "%s", je.message);
    }
    return (FtlPbSchema *)m;
}

/* The byte offset of a 1-based line and byte column, clamped to the text. */
static uint32_t offset_of(const FtlSource *src, int line, int column)
{
    size_t off = 0;
    for (int l = 1; l < line && off < src->len; off++)
        if (src->data[off] == '\n') l++;
    if (column > 1) off += (size_t)(column - 1);
    return (uint32_t)(off < src->len ? off : src->len);
}

static const char *format_title(FtlFormat f)
{
    static const char *const titles[] = {"schema text", "protobuf text format", "protobuf JSON",
                                         "binary protobuf"};
    return titles[f];
}

/* ---- reading ------------------------------------------------------------------------- */

/* Registers the text of an input: borrowed or taken over (see ftl_io_read). */
static uint32_t io_source(FtlSchema *s, const char *name, char *data, size_t len, unsigned flags)
{
    if (!(flags & FTL_IO_BORROW)) return ftl_sources_adopt(s->src, name, data, len);
    uint32_t id = ftl_sources_borrow(s->src, name, data, len);
    s->src->files[id - 1].mapped = (flags & FTL_IO_MAPPED) != 0;
    return id;
}

uint32_t ftl_io_read(FtlSchema *s, const char *name, char *data, size_t len, FtlFormat f,
                     unsigned flags, FtlFile ***files)
{
    if (f == FTL_FORMAT_FTL) {
        uint32_t id = io_source(s, name, data, len, flags);
        *files = FTL_NEW_N(s->arena, FtlFile *, 1);
        (*files)[0] = ftl_parse_file(s->arena, s->in, s->diags, s->src, id);
        return 1;
    }
    /* Binary input is registered without its bytes: diagnostics then show an
     * empty line, not a line of binary garbage. */
    uint32_t id = f == FTL_FORMAT_BINPB ? ftl_sources_add(s->src, name, "", 0)
                                        : io_source(s, name, data, len, flags);
    FtlDecodeError err;
    FtlPbSchema *m = ftl_io_decode(data, len, f, &err);
    if (f == FTL_FORMAT_BINPB && !(flags & FTL_IO_BORROW)) free(data);
    if (!m) {
        const FtlSource *src = ftl_sources_get(s->src, id);
        uint32_t off = err.line ? offset_of(src, err.line, err.column) : 0;
        ftl_error(s->diags, ((FtlSpan){id, off, off + 1}), "E0601", "invalid %s: %s",
                  format_title(f), err.message);
        *files = NULL;
        return 0;
    }
    uint32_t n = ftl_proto_to_files(s, m, (FtlSpan){id, 0, 1}, files);
    protobuf_c_message_free_unpacked(&m->base, NULL);
    return n;
}

/* -I: the file read into s; for the protobuf formats, the one module of the
 * file as a module file. Anything else is returned as it is: the checker
 * reports it (E0309). */
static FtlFile *io_load_module(FtlSchema *s, const char *path, const char *data, size_t len)
{
    FtlFile **files;
    FtlFormat fmt = ftl_format_of_path(path);
    uint32_t n = ftl_io_read(s, path, (char *)data, len, fmt, FTL_IO_BORROW, &files);
    if (!n) return NULL;
    if (fmt == FTL_FORMAT_FTL || (n == 1 && files[0]->is_module_file)) return files[0];
    FtlModule *only = NULL;
    uint32_t count = 0;
    for (uint32_t i = 0; i < n; i++) {
        const FtlFile *f = files[i];
        if (f->is_module_file) {
            only = f->module;
            count++;
        }
        for (uint32_t j = 0; j < f->nrealms; j++)
            for (uint32_t k = 0; k < f->realms[j]->nmodules; k++) {
                FtlModule *m = f->realms[j]->modules[k];
                if (m->builtin && strcmp(m->name, "builtin") == 0) continue;
                only = m;
                count++;
            }
    }
    if (count != 1) return files[0];
    FtlFile *mf = FTL_NEW(s->arena, FtlFile);
    mf->file_id = files[0]->file_id;
    mf->is_module_file = 1;
    mf->module = only;
    return mf;
}

int ftl_io_find_module(FtlSchema *s, const FtlReader *rd, const char *const *dirs, size_t ndirs,
                       const char *name, FtlFile **file)
{
    static const char *const exts[] = {".ftl", ".txtpb", ".json", ".binpb"};
    FtlBuf path;
    ftl_buf_init(&path);
    int found = 0;
    for (size_t i = 0; i < ndirs && !found; i++) {
        for (size_t e = 0; e < sizeof exts / sizeof *exts && !found; e++) {
            path.len = 0;
            ftl_buf_printf(&path, "%s/%s%s", dirs[i], name, exts[e]);
            char *copy = NULL, err[512];
            const char *data;
            size_t len;
            /* A file that cannot be read counts as absent, as for protoc's -I. */
            if (rd)
                found = rd->read(rd->ctx, path.data, &data, &len, err, sizeof err) == 0;
            else if ((found = ftl_read_file(path.data, &copy, &len, err, sizeof err) == 0))
                data = ftl_arena_strndup(s->arena, copy, len);
            free(copy);
            if (found) *file = io_load_module(s, path.data, data, len);
        }
    }
    ftl_buf_free(&path);
    return found;
}

/* ---- writing ------------------------------------------------------------------------- */

/* The protobuf writer's name for a protobuf format. */
static FtlPbFormat pb_format(FtlFormat f)
{
    return f == FTL_FORMAT_TXTPB ? FTL_PB_TEXT : f == FTL_FORMAT_JSON ? FTL_PB_JSON : FTL_PB_BINARY;
}

/* What the protobuf formats cannot carry is checked before a byte is written:
 * E0603 (check/check_proto.c), then what the format itself cannot (pbwrite.h). */
int ftl_io_check_view(FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions, char *err,
                      size_t errsz)
{
    if (err && errsz) err[0] = '\0';
    if (f == FTL_FORMAT_FTL) return 0;
    if (ftl_check_protobuf(s->diags, s->src, v)) return -1; /* the diagnostics say why */
    return ftl_pb_check(s, v, pb_format(f), positions, err, errsz);
}

int ftl_io_write_view(FtlBuf *out, FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions,
                      char *err, size_t errsz)
{
    if (f == FTL_FORMAT_FTL) return ftl_emit_view(out, s, v, NULL, NULL);
    if (ftl_check_protobuf(s->diags, s->src, v)) {
        err[0] = '\0'; /* the diagnostics say why */
        return -1;
    }
    /* The writer finds what else the format cannot carry as it writes. */
    FtlPbOptions o = {pb_format(f), positions, NULL, NULL, 0};
    return ftl_pb_write(out, s, v, &o, err, errsz);
}

int ftl_io_stream_view(FtlSchema *s, const FtlCanonView *v, FtlFormat f, int positions, int checked,
                       FtlPbDrain drain, void *ctx, char *err, size_t errsz)
{
    if (!checked && ftl_io_check_view(s, v, f, positions, err, errsz) != 0) return -1;
    FtlBuf out;
    ftl_buf_init(&out);
    int rc = 0;
    if (f == FTL_FORMAT_FTL) {
        if (ftl_emit_view(&out, s, v, drain, ctx) != 0) rc = -2;
    } else {
        FtlPbOptions o = {pb_format(f), positions, drain, ctx, 1};
        rc = ftl_pb_write(&out, s, v, &o, err, errsz);
    }
    ftl_buf_free(&out);
    return rc;
}
