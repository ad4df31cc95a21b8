/* ftltext.c - the import model as FTL schema text. The text is never shown as
 * written: the compiler parses and checks it, and the canonical writers print
 * it, so only what it says matters, not its layout. */
#include "base/strlit.h"
#include "import/import.h"

static void comments(FtlBuf *out, const FtlImpComments *c, int indent)
{
    for (uint32_t i = 0; i < c->n; i++) {
        ftl_buf_spaces(out, (size_t)indent);
        ftl_buf_puts(out, c->lines[i][0] ? "// " : "//");
        ftl_buf_puts(out, c->lines[i]);
        ftl_buf_putc(out, '\n');
    }
}

static void data(FtlBuf *out, const FtlImpDecl *d)
{
    ftl_buf_printf(out, "    export realm data %s {\n", d->name);
    for (uint32_t i = 0; i < d->nfields; i++) {
        comments(out, &d->fields[i].comments, 6);
        const FtlImpField *f = &d->fields[i];
        ftl_buf_printf(out, "      %s %s", f->name, f->type);
        /* A JSON name that is no identifier, or taken: the field keeps it on
         * the wire (ftl-schema(5), +alias json; map_build.c decides). */
        if (f->json_alias) {
            ftl_buf_puts(out, " +alias json ");
            ftl_str_quote(out, f->json_name, ftl_intern_len(f->json_name));
        }
        ftl_buf_putc(out, '\n');
    }
    ftl_buf_puts(out, "    }\n");
}

static void enumeration(FtlBuf *out, const FtlImpDecl *d)
{
    ftl_buf_printf(out, "    export realm enum %s: String {\n", d->name);
    for (uint32_t i = 0; i < d->nvalues; i++) {
        comments(out, &d->values[i].comments, 6);
        ftl_buf_printf(out, "      %s = ", d->values[i].name);
        ftl_str_quote(out, d->values[i].proto_name, ftl_intern_len(d->values[i].proto_name));
        ftl_buf_putc(out, '\n');
    }
    ftl_buf_puts(out, "    }\n");
}

void ftl_imp_write_ftl(FtlBuf *out, const FtlImpModel *m)
{
    ftl_buf_printf(out, "realm %s {\n", m->realm);
    for (uint32_t i = 0; i < m->nmodules; i++) {
        const FtlImpModule *mod = m->modules[i];
        comments(out, &mod->comments, 2);
        ftl_buf_printf(out, "  module %s {\n", mod->name);
        for (uint32_t k = 0; k < mod->ndecls; k++) {
            const FtlImpDecl *d = mod->decls[k];
            comments(out, &d->comments, 4);
            if (d->kind == FTL_IMP_ALIAS)
                ftl_buf_printf(out, "    export realm typealias %s %s\n", d->name, d->alias);
            else if (d->kind == FTL_IMP_DATA)
                data(out, d);
            else if (d->kind == FTL_IMP_ENUM)
                enumeration(out, d);
            else
                ftl_buf_printf(out, "    export realm verb %s(%s) %s\n", d->name, d->request,
                               d->response);
        }
        ftl_buf_puts(out, "  }\n");
    }
    ftl_buf_puts(out, "}\n");
}
