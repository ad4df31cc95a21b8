/* emit.c - output of a compilation: the schema in every format, the public
 * schema, the clients report; and of single files: their canonical layout
 * (ftlc fmt) and syntax tree (ftlc parse). Output is made in a buffer and
 * handed to the caller, except that a schema in a protobuf format given to a
 * writer is streamed: checked first, then handed on in chunks as it is
 * written (proto/pbwrite.h), since it can be many times the inputs' size. */
#include "session/session_int.h"
#include "check/canon.h"
#include "proto/schema_io.h"
#include "realm/clients.h"
#include "realm/public.h"
#include "syntax/dump.h"
#include "syntax/fmt.h"
#include "syntax/parse.h"

#include <stdlib.h>
#include <string.h>

/* A writer that gives the mapped texts of a compilation back after every
 * piece it hands on (ftl_sources_release): printing reads comments and names
 * from the text again, which maps those pages again, and without this an
 * output of the whole schema would end with the whole input resident beside
 * the tree. For FTL text only: the protobuf writer gives the text back
 * itself, as it walks (pbwrite.c), in its passes that write nothing too. */
typedef struct GiveBack {
    FtlWriter w;
    void *ctx;
    const FtlSources *src;
} GiveBack;

static int give_back_write(void *ctx, const void *data, size_t len)
{
    GiveBack *g = ctx;
    int rc = g->w(g->ctx, data, len);
    ftl_sources_release(g->src);
    return rc;
}

/* ---- the compilation ------------------------------------------------------------------ */

typedef struct EmitArg {
    const FtlEmitOptions *o;
    FtlBuf out;
    FtlWriter w; /* NULL: everything goes to out */
    void *ctx;
} EmitArg;

/* Hands the view, after head (NULL: none), to the writer as it is written:
 * what the format cannot carry is found before the first byte. */
static int stream_view(FtlSchema *sc, EmitArg *x, const FtlCanonView *v, const char *head,
                       char *err, size_t errsz)
{
    FtlFormat f = x->o->format;
    int pos = (x->o->flags & FTL_EMIT_POSITIONS) != 0;
    if (ftl_io_check_view(sc, v, f, pos, err, errsz) != 0) return -1;
    ftl_sources_release(sc->src); /* the check read every comment */
    if (head && x->w(x->ctx, head, strlen(head)) != 0) return -2;
    if (f != FTL_FORMAT_FTL) return ftl_io_stream_view(sc, v, f, pos, 1, x->w, x->ctx, err, errsz);
    GiveBack g = {x->w, x->ctx, sc->src};
    return ftl_io_stream_view(sc, v, f, pos, 1, give_back_write, &g, err, errsz);
}

/* Writes view, after head, in the format of the options into x->out, or to
 * the writer; FTL_ERRORS when the format cannot carry the schema (a
 * diagnostic, or the sentence of ftl_session_error, says why), FTL_EIO when
 * the writer failed. */
static FtlStatus write_view(FtlSession *s, EmitArg *x, const FtlCanonView *v, const char *head)
{
    char err[600];
    FtlSchema *sc = &s->comp->schema;
    int rc;
    if (x->w) {
        rc = stream_view(sc, x, v, head, err, sizeof err);
    } else {
        if (head) ftl_buf_puts(&x->out, head);
        rc = ftl_io_write_view(&x->out, sc, v, x->o->format,
                               (x->o->flags & FTL_EMIT_POSITIONS) != 0, err, sizeof err);
    }
    if (rc == 0) return FTL_OK;
    if (rc == -2) return FTL_EIO;
    if (err[0]) ses_set_error(s, "%s", err);
    return FTL_ERRORS;
}

static FtlStatus emit_schema(FtlSession *s, EmitArg *x)
{
    FtlSchema *sc = &s->comp->schema;
    FtlCanonView v;
    ftl_canon_view(sc, &v);
    if (s->module) ftl_canon_view_only(sc, &v, s->module);
    return write_view(s, x, &v, NULL);
}

static FtlStatus emit_public(FtlSession *s, EmitArg *x)
{
    FtlCanonView v;
    if (ftl_public_view(&s->comp->schema, &v) != 0) {
        ses_set_error(s, "no local realm to export: give the inputs a 'realm NAME { ... }' block "
                         "or use --realm NAME");
        return FTL_EINVAL;
    }
    /* The view's realm is a copy of the local one (public.h). */
    if (x->o->format == FTL_FORMAT_FTL && (x->o->flags & FTL_EMIT_EXTERNAL))
        v.realms[0]->external = 1;
    int header = x->o->format == FTL_FORMAT_TXTPB && (x->o->flags & FTL_EMIT_HEADER);
    return write_view(s, x, &v, header ? FTL_EXPORT_HEADER : NULL);
}

/* The clients report is small: made whole in out. */
static FtlStatus emit_clients(FtlSession *s, const FtlEmitOptions *o, FtlBuf *out)
{
    unsigned langs = o->langs ? o->langs & FTL_LANG_ALL : FTL_LANG_ALL;
    if (ftl_clients_render(out, &s->comp->schema, langs, o->format == FTL_FORMAT_JSON) == 0)
        return FTL_OK;
    ses_set_error(s, "no local realm: give the inputs a 'realm NAME { ... }' block or use "
                     "--realm NAME");
    return FTL_EINVAL;
}

/* What can be emitted: a compilation that was checked and has no errors, with
 * a local realm that has a name (unless it is made of module files alone). */
static FtlStatus emit_ready(FtlSession *s)
{
    SesComp *c = s->comp;
    if (!c || !c->checked) {
        ses_set_error(s, "nothing to emit: compile without errors first");
        return c ? FTL_ERRORS : FTL_EINVAL;
    }
    if (c->diags.errors) return FTL_ERRORS;
    const FtlSchema *sc = &c->schema;
    if (!sc->module_mode && sc->local && !sc->local->name[0]) {
        ses_set_error(s, "the local realm has no name: give it with --realm NAME, name in "
                         "ftl-project.toml or a 'realm NAME { }' block");
        return FTL_EINVAL;
    }
    return FTL_OK;
}

static FtlStatus emit_body(FtlSession *s, void *arg)
{
    EmitArg *x = arg;
    ses_clear_error(s);
    FtlStatus st = emit_ready(s);
    if (st != FTL_OK) return st;
    unsigned before = s->comp->diags.errors;
    if (x->o->kind == FTL_EMIT_PUBLIC)
        st = emit_public(s, x);
    else if (x->o->kind == FTL_EMIT_CLIENTS)
        st = emit_clients(s, x->o, &x->out);
    else
        st = emit_schema(s, x);
    if (s->comp->diags.count) s->comp->out_valid = 0; /* E0603 may have been added */
    if (st == FTL_OK && s->comp->diags.errors > before) st = FTL_ERRORS;
    return st;
}

static FtlStatus emit_valid(FtlSession *s, const FtlEmitOptions *o)
{
    if (!s || !o || (unsigned)o->kind > FTL_EMIT_CLIENTS || (unsigned)o->format > FTL_FORMAT_BINPB)
        return FTL_EINVAL;
    return FTL_OK;
}

FtlStatus ftl_session_emit_buffer(FtlSession *s, const FtlEmitOptions *o, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FtlStatus st = emit_valid(s, o);
    if (st != FTL_OK) return st;
    EmitArg x = {o, {0}, NULL, NULL};
    ftl_buf_init(&x.out);
    st = ses_run(s, emit_body, &x);
    if (st != FTL_OK || !(x.out.data || (x.out.data = calloc(1, 1)))) {
        ftl_buf_free(&x.out);
        return st != FTL_OK ? st : FTL_NOMEM;
    }
    *out = x.out.data;
    *len = x.out.len;
    return FTL_OK;
}

FtlStatus ftl_session_emit(FtlSession *s, const FtlEmitOptions *o, FtlWriter w, void *ctx)
{
    if (!w) return FTL_EINVAL;
    FtlStatus st = emit_valid(s, o);
    if (st != FTL_OK) return st;
    EmitArg x = {o, {0}, w, ctx};
    ftl_buf_init(&x.out);
    st = ses_run(s, emit_body, &x);
    /* what was not streamed (the clients report) */
    if (st == FTL_OK && x.out.len && w(ctx, x.out.data, x.out.len) != 0) st = FTL_EIO;
    ftl_buf_free(&x.out);
    return st;
}

static int stream_writer(void *ctx, const void *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

FtlStatus ftl_session_emit_stream(FtlSession *s, const FtlEmitOptions *o, FILE *out)
{
    if (!out) return FTL_EINVAL;
    FtlStatus st = ftl_session_emit(s, o, stream_writer, out);
    if (st == FTL_OK && fflush(out) != 0) st = FTL_EIO;
    return st;
}

/* ---- single files --------------------------------------------------------------------- */

typedef struct FileArg {
    const char *file;
    int spans; /* dump: with positions; -1: format */
    FtlBuf out;
    FtlWriter w; /* format: the text goes to w in pieces (NULL: into out) */
    void *ctx;
} FileArg;

/* Parses file (through the cache) into the session's compilation; its
 * diagnostics join the list. */
static FtlStatus parse_one(FtlSession *s, const char *file, FtlFile **f)
{
    SesComp *c = ses_comp(s);
    c->diags.max_errors = s->max_errors;
    c->out_valid = 0;
    const char *data;
    size_t len;
    if (ses_read(s, c, file, &data, &len) != 0) return FTL_EIO;
    uint32_t id = ftl_sources_borrow(&c->src, ses_source_name(file), data, len);
    c->src.files[id - 1].mapped = ses_files_mapped(&s->files, file);
    unsigned before = c->diags.errors;
    *f = ftl_parse_file(&c->arena, &c->in, &c->diags, &c->src, id);
    return c->diags.errors > before ? FTL_ERRORS : FTL_OK;
}

static FtlStatus file_body(FtlSession *s, void *arg)
{
    FileArg *x = arg;
    FtlFile *f = NULL;
    ses_clear_error(s);
    FtlStatus st = parse_one(s, x->file, &f);
    if (x->spans < 0) {
        if (st != FTL_OK) return st;
        GiveBack g = {x->w, x->ctx, &s->comp->src};
        FtlFmtOptions fo = {.drain = x->w ? give_back_write : NULL, .drain_ctx = &g};
        if (ftl_fmt_file(&x->out, f, &fo) != 0) return FTL_EIO;
    } else if (f) {
        ftl_ast_dump(&x->out, f, x->spans ? &s->comp->src : NULL);
    }
    ftl_buf_cstr(&x->out);
    return st;
}

/* Runs file_body; hands the text over when there is one. */
static FtlStatus file_output(FtlSession *s, FileArg *x, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    if (!s || !x->file) return FTL_EINVAL;
    ftl_buf_init(&x->out);
    FtlStatus st = ses_run(s, file_body, x);
    /* dump shows what was parsed even after errors; format shows nothing */
    if (st == FTL_NOMEM || st == FTL_EIO || (st != FTL_OK && x->spans < 0)) {
        ftl_buf_free(&x->out);
        return st;
    }
    *out = x->out.data;
    *len = x->out.len;
    return st;
}

FtlStatus ftl_session_format(FtlSession *s, const char *file, char **out, size_t *len)
{
    FileArg x = {file, -1, {0}, NULL, NULL};
    return file_output(s, &x, out, len);
}

FtlStatus ftl_session_format_to(FtlSession *s, const char *file, FtlWriter w, void *ctx)
{
    if (!s || !file || !w) return FTL_EINVAL;
    FileArg x = {file, -1, {0}, w, ctx};
    ftl_buf_init(&x.out);
    FtlStatus st = ses_run(s, file_body, &x);
    ftl_buf_free(&x.out);
    return st;
}

FtlStatus ftl_session_dump(FtlSession *s, const char *file, int spans, char **out, size_t *len)
{
    FileArg x = {file, spans != 0, {0}, NULL, NULL};
    return file_output(s, &x, out, len);
}

typedef struct TextArg {
    const char *file;
    const char *text;
    size_t len;
} TextArg;

static FtlStatus text_body(FtlSession *s, void *arg)
{
    TextArg *x = arg;
    char err[700];
    ses_clear_error(s);
    if (ses_files_read(&s->files, x->file, &x->text, &x->len, err, sizeof err) == 0) return FTL_OK;
    ses_set_error(s, "%s", err);
    return FTL_EIO;
}

FtlStatus ftl_session_text(FtlSession *s, const char *file, const char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    if (!s || !file) return FTL_EINVAL;
    TextArg x = {file, NULL, 0};
    FtlStatus st = ses_run(s, text_body, &x);
    *text = x.text;
    *len = x.len;
    return st;
}
