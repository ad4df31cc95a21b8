/* fuzz_schema.c - schema text through the lexer, the parser, the source
 * formatter, the checker and every emitter: `ftlc fmt`, `ftlc check`,
 * `ftlc emit` and `ftlc export` on one input.
 *
 * One input can be several files of one compilation: a line starting with
 * "//%file" starts the next file (the line, a comment, stays in it). A first
 * line "//%realm NAME" gives --realm NAME. Without those lines the input is one
 * file, compiled as `ftlc check fuzz.ftl` would.
 *
 * Properties (ftlc-fmt(1), IDEMPOTENCE): the formatter is idempotent and
 * parse . fmt preserves the tree (ftl_ast_dump without positions). */
#include "fuzz.h"

#include "syntax/ast.h"
#include "base/buf.h"
#include "syntax/dump.h"
#include "syntax/fmt.h"
#include "syntax/parse.h"
#include "base/strlit.h"

#include <stdio.h>
#include <string.h>

/* Parses text as a file of r, checking nothing else; returns the tree, and
 * whether it parsed without errors in *ok. */
static FtlFile *parse(FtlFuzzRun *r, const char *name, const char *text, size_t len, int *ok)
{
    unsigned before = r->diags.errors;
    uint32_t id = ftl_sources_add(&r->src, name, text, len);
    FtlFile *f = ftl_parse_file(&r->arena, &r->in, &r->diags, &r->src, id);
    *ok = r->diags.errors == before;
    return f;
}

/* fmt's promises, on a file that parsed without errors. */
static void check_fmt(const FtlFile *f)
{
    FtlBuf out, again, dump1, dump2;
    ftl_buf_init(&out);
    ftl_buf_init(&again);
    ftl_buf_init(&dump1);
    ftl_buf_init(&dump2);
    FtlFmtOptions fo = {0};
    ftl_fmt_file(&out, f, &fo);
    ftl_ast_dump(&dump1, f, NULL);

    FtlFuzzRun r2;
    ftl_fuzz_run_init(&r2);
    int ok;
    FtlFile *f2 = parse(&r2, "fmt.ftl", out.data ? out.data : "", out.len, &ok);
    FTL_FUZZ_CHECK(ok, "the output of ftlc fmt parses without errors");
    ftl_fmt_file(&again, f2, &fo);
    FTL_FUZZ_SAME(out.data ? out.data : "", out.len, again.data ? again.data : "", again.len,
                  "ftlc fmt is idempotent");
    ftl_ast_dump(&dump2, f2, NULL);
    FTL_FUZZ_SAME(dump1.data ? dump1.data : "", dump1.len, dump2.data ? dump2.data : "", dump2.len,
                  "parse . fmt preserves the tree");
    ftl_fuzz_run_free(&r2);

    /* the canonical printer (emit --format ftl of a file, unchecked) */
    FtlFmtOptions canon = {0};
    canon.canonical = 1;
    out.len = 0;
    ftl_fmt_file(&out, f, &canon);

    ftl_buf_free(&out);
    ftl_buf_free(&again);
    ftl_buf_free(&dump1);
    ftl_buf_free(&dump2);
}

#define MAX_FILES 16
static const char FILE_MARK[] = "//%file";
static const char REALM_MARK[] = "//%realm ";

/* Whether the line at p (n bytes left) starts with mark. */
static int starts(const char *p, size_t n, const char *mark)
{
    size_t m = strlen(mark);
    return n >= m && memcmp(p, mark, m) == 0;
}

int ftl_fuzz_schema(const uint8_t *data, size_t size)
{
    if (size > FTL_FUZZ_MAX_INPUT) return 0;
    const char *text = (const char *)data;
    char realm[64];
    const char *realm_opt = NULL;
    size_t first = 1; /* where the second file may start */
    if (starts(text, size, REALM_MARK)) {
        size_t i = strlen(REALM_MARK), n = 0;
        while (i < size && text[i] != '\n') {
            if (n + 1 < sizeof realm) realm[n++] = text[i];
            i++;
        }
        realm[n] = '\0';
        /* ftlc refuses a --realm that is not an identifier (exit 2): so does this. */
        if (!ftl_is_plain_ident(realm, n)) return 0;
        realm_opt = realm;
        first = i + 2; /* the realm line belongs to the first file */
    }
    /* the files: [start[k], start[k + 1]) */
    size_t start[MAX_FILES + 1];
    int nfiles = 1;
    start[0] = 0;
    for (size_t i = first; i < size && nfiles < MAX_FILES; i++)
        if (text[i - 1] == '\n' && starts(text + i, size - i, FILE_MARK)) start[nfiles++] = i;
    start[nfiles] = size;

    FtlFuzzRun r;
    ftl_fuzz_run_init(&r);
    for (int k = 0; k < nfiles; k++) {
        char name[32];
        snprintf(name, sizeof name, "fuzz%d.ftl", k);
        int ok;
        FtlFile *f = parse(&r, name, text + start[k], start[k + 1] - start[k], &ok);
        if (ok) check_fmt(f);
        ftl_schema_add_file(&r.s, f);
    }
    /* Files with syntax errors stop before the checker, as in ftlc check (the
     * diagnostics are still rendered). */
    ftl_fuzz_check_and_emit(&r, realm_opt);
    ftl_fuzz_run_free(&r);
    return 0;
}

#ifndef FTL_FUZZ_NO_MAIN
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return ftl_fuzz_schema(data, size);
}
#endif
