/* embed.c - libftlc in a program of your own: compile a schema held in
 * memory (an editor's unsaved buffer), print its diagnostics, and ask what a
 * reference at a line and column refers to.
 *
 *   cc -o embed embed.c $(pkg-config --cflags --libs libftlc)
 *   ./embed                      # the schema below, a reference on line 9
 *   ./embed FILE LINE COLUMN     # a file of yours; COLUMN in UTF-16 units
 *
 * C99; see libftlc(3). `make installcheck` builds this against the installed
 * library and compares its output with embed.expected.
 */
#include <ftlc.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char SCHEMA[] = "realm shop {\n"
                             "  module catalog {\n"
                             "    // Something the shop sells.\n"
                             "    export data Item {\n"
                             "      name String\n"
                             "      price Int\n"
                             "    }\n"
                             "\n"
                             "    export verb find(catalog.Item) catalog.Itme\n"
                             "  }\n"
                             "}\n";

static void print_diagnostics(FtlSession *s)
{
    size_t n;
    const FtlDiagnostic *d = ftl_session_diagnostics(s, &n);
    for (size_t i = 0; i < n; i++) {
        const FtlRange *r = &d[i].range;
        printf("%s:%u:%u: %s %s: %s\n", r->file ? r->file : "-", (unsigned)r->start.line,
               (unsigned)r->start.column, d[i].severity == FTL_SEV_ERROR ? "error" : "warning",
               d[i].code, d[i].message);
        for (size_t k = 0; k < d[i].nfixits; k++)
            if (d[i].fixits[k].replacement)
                printf("  fix: replace %u:%u-%u:%u with '%s'\n",
                       (unsigned)d[i].fixits[k].range.start.line,
                       (unsigned)d[i].fixits[k].range.start.column,
                       (unsigned)d[i].fixits[k].range.end.line,
                       (unsigned)d[i].fixits[k].range.end.column, d[i].fixits[k].replacement);
    }
}

/* What the reference at line:column (UTF-16, as an LSP client counts) names. */
static int print_definition(FtlSession *s, const char *file, unsigned line, unsigned column)
{
    uint32_t offset;
    if (ftl_session_offset(s, file, line, column, FTL_COLUMN_UTF16, &offset) != FTL_OK) {
        fprintf(stderr, "embed: %s has no line %u\n", file, line);
        return 1;
    }
    FtlSymbol sym;
    FtlReference ref;
    if (!ftl_session_definition(s, file, offset, &sym, &ref)) {
        printf("%s:%u:%u: no reference here\n", file, line, column);
        return 0;
    }
    printf("%s:%u:%u refers to %s %s, declared at %s:%u:%u\n", file, line, column, sym.detail,
           sym.comment[0] ? "(documented)" : "(undocumented)", sym.selection.file,
           (unsigned)sym.selection.start.line, (unsigned)sym.selection.start.column);
    return 0;
}

int main(int argc, char **argv)
{
    const char *file = argc > 3 ? argv[1] : "shop.ftl";
    unsigned line = argc > 3 ? (unsigned)atoi(argv[2]) : 9;
    unsigned column = argc > 3 ? (unsigned)atoi(argv[3]) : 30;
    FtlSession *s = ftl_session_new();
    if (!s) return 2;
    ftl_session_set_project(s, FTL_PROJECT_NONE);
    ftl_session_add_file(s, file);
    if (argc <= 3) ftl_session_set_overlay(s, file, SCHEMA, strlen(SCHEMA));
    FtlStatus st = ftl_session_compile(s);
    printf("libftlc %s: compile: %s\n", ftl_version(), ftl_status_message(st));
    print_diagnostics(s);
    int rc = st == FTL_NOMEM ? 2 : print_definition(s, file, line, column);
    ftl_session_free(s);
    return rc;
}
