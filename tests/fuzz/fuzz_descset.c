/* fuzz_descset.c - ftlc import on a FileDescriptorSet. The bytes are read as
 * `ftlc import proto FILE.pb` reads a set (ftl_ds_add_set, the files no other
 * imports as roots), mapped (ftl_imp_map) and, when the mapping reports no
 * error, compiled and emitted through the session as the command does
 * (ftl_imp_emit), with the mapping JSON of --mapping-out. Then the same bytes
 * as a server's reflection answer, which `ftlc import grpc` reads (no roots; the
 * services named: every one the set defines but reflection and health).
 *
 * Property (ftlc-import(1): "every output passes ftlc check"): what maps
 * without an error is a realm the checker accepts and every format can carry,
 * so ftl_imp_emit must succeed, adding no error. When it does not, the FTL text
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
static _Noreturn void rejected(const FtlImpModel *m, const FtlDiags *d, unsigned before,
                               const char *err)
{
    FtlBuf text;
    ftl_buf_init(&text);
    ftl_imp_write_ftl(&text, m);
    fprintf(stderr, "--- the import's FTL text\n%s--- what was said\n", ftl_buf_cstr(&text));
    for (unsigned i = before; i < d->count; i++)
        fprintf(stderr, "%s: %s\n", d->items[i].code, d->items[i].msg);
    if (err[0]) fprintf(stderr, "%s\n", err);
    ftl_buf_free(&text);
    ftl_fuzz_fail(__FILE__, __LINE__, "the checker accepts what the mapping wrote");
}

/* Maps the pool and, when that succeeds, emits it in each format; nformats 1:
 * FTL text only. */
static void import(FtlFuzzRun *r, FtlDsPool *p, const FtlImportOptions *o, size_t nformats)
{
    FtlImpContext cx = {&r->diags, &r->src, NULL, NULL};
    FtlImpModel m;
    if (ftl_imp_map(p, o, &cx, &m) != 0) return;
    FtlBuf out;
    ftl_buf_init(&out);
    ftl_imp_write_mapping(&out, &m);
    for (size_t i = 0; i < nformats; i++) {
        char err[600];
        unsigned before = r->diags.count, errors = r->diags.errors;
        out.len = 0;
        FtlStatus st = ftl_imp_emit(&m, FORMATS[i], &cx, &r->in, &out, err, sizeof err);
        if (st == FTL_NOMEM) break;
        if (st != FTL_OK || r->diags.errors != errors) rejected(&m, &r->diags, before, err);
    }
    ftl_buf_free(&out);
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
