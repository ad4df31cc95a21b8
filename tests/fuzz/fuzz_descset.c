/* fuzz_descset.c - ftlc import on a FileDescriptorSet. The bytes are read as
 * `ftlc import proto FILE.pb` reads a set (ftl_ds_add_set, the files no other
 * imports as roots), mapped (ftl_imp_map) and, when the mapping reports no
 * error, its FTL text compiled and its public schema emitted through a session,
 * as ftl_session_import does, with the mapping JSON of --mapping-out. Then the same bytes
 * as a server's reflection answer, which `ftlc import grpc` reads (no roots; the
 * services named: every one the set defines but reflection and health).
 *
 * Property (ftlc-import(1): "every output passes ftlc check"): what maps
 * without an error is a realm the checker accepts and every format can carry,
 * so compiling and emitting it must succeed, with no error. When it does not, the FTL text
 * and the diagnostics are shown, then abort(). */
#include "fuzz.h"

#include "import/descset.h"
#include "import/import.h"
#include "import/reflect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const FtlFormat FORMATS[] = {FTL_FORMAT_FTL, FTL_FORMAT_TXTPB, FTL_FORMAT_JSON,
                                    FTL_FORMAT_BINPB};

/* The checker rejected what the mapping wrote: the text and why, then abort. */
static _Noreturn void rejected(const char *text, FtlSession *s)
{
    fprintf(stderr, "--- the import's FTL text\n%s--- what was said\n", text);
    size_t n = 0;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    for (size_t i = 0; d && i < n; i++)
        fprintf(stderr, "%s: %s\n", d[i].code, d[i].message);
    if (ftl_session_error(s)) fprintf(stderr, "%s\n", ftl_session_error(s));
    ftl_fuzz_fail(__FILE__, __LINE__, "the checker accepts what the mapping wrote");
}

/* The text compiled as its only input (no project) and its public schema
 * emitted in each of nformats formats: FTL_NOMEM stops quietly. */
static void compile_emit(const FtlBuf *text, size_t nformats)
{
    FtlSession *s = ftl_session_new();
    if (!s) return;
    FtlStatus st = ftl_session_set_project(s, FTL_PROJECT_NONE);
    if (st == FTL_OK) st = ftl_session_set_overlay(s, FTL_IMP_SOURCE, text->data, text->len);
    if (st == FTL_OK) st = ftl_session_add_file(s, FTL_IMP_SOURCE);
    if (st == FTL_OK) st = ftl_session_compile(s);
    for (size_t i = 0; st == FTL_OK && i < nformats; i++) {
        FtlEmitOptions o = {FTL_EMIT_PUBLIC, FORMATS[i], FTL_EMIT_EXTERNAL, 0};
        char *out = NULL;
        size_t len;
        st = ftl_session_emit_buffer(s, &o, &out, &len);
        ftl_free(out);
    }
    if (st != FTL_OK && st != FTL_NOMEM) rejected(text->data, s);
    ftl_session_free(s);
}

/* Maps the pool and, when that succeeds, emits it in each format; nformats 1:
 * FTL text only. */
static void import(FtlFuzzRun *r, FtlDsPool *p, const FtlImportOptions *o, size_t nformats)
{
    FtlImpContext cx = {&r->diags, &r->src, NULL, NULL};
    FtlImpModel m;
    if (ftl_imp_map(p, o, &cx, &m) != 0) return;
    FtlBuf out, text;
    ftl_buf_init(&out), ftl_buf_init(&text);
    ftl_imp_write_mapping(&out, &m);
    ftl_imp_write_ftl(&text, &m);
    ftl_buf_cstr(&text);
    compile_emit(&text, nformats);
    ftl_buf_free(&out), ftl_buf_free(&text);
}

/* The services a server would list: every one of the pool but reflection and health. */
static const char **listed(const FtlDsPool *p, int *n)
{
    const char **out = FTL_NEW_N(p->arena, const char *, p->nsyms + 1);
    *n = 0;
    for (uint32_t i = 0; i < p->nsyms; i++)
        if (p->syms[i]->kind == FTL_DS_SERVICE && !ftl_reflect_is_infrastructure(p->syms[i]->full))
            out[(*n)++] = p->syms[i]->full;
    return out;
}

/* One reading of the bytes: flags FTL_DS_ROOTS as import proto, 0 as import grpc. */
static void run(const uint8_t *data, size_t size, unsigned flags)
{
    FtlFuzzRun r;
    ftl_fuzz_run_init(&r);
    FtlDsPool p;
    ftl_ds_init(&p, &r.arena, &r.in);
    char err[300];
    if (ftl_ds_add_set(&p, data, size, flags, err, sizeof err) >= 0) {
        FtlImportOptions o = {"fuzz", NULL, 0, NULL, 0, "the descriptors"};
        if (flags & FTL_DS_ROOTS) {
            import(&r, &p, &o, sizeof FORMATS / sizeof FORMATS[0]);
        } else {
            o.services = listed(&p, &o.nservices);
            o.origin = "the server";
            if (o.nservices) import(&r, &p, &o, 1);
        }
    }
    ftl_ds_free(&p);
    ftl_fuzz_run_free(&r);
}

int ftl_fuzz_descset(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    run(data, size, FTL_DS_ROOTS);
    run(data, size, 0);
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_descset(data, size);
}
#endif
