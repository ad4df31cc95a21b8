/* diagdoc.c - made from the table of diagnostic codes (src/base/diagcodes.c):
 *
 *   diagdoc man VERSION   the man page ftlc-diagnostics(7), on standard output
 *   diagdoc examples DIR  each runnable example as DIR/CODE/: its files and
 *                         `args` (the ftlc arguments), for tests/cli/diagcodes.sh
 *   diagdoc codes         every code, one a line
 *
 * The man page is a build product (Makefile.am), never edited by hand.
 */
#include "base/buf.h"
#include "base/diagcodes.h"
#include "base/warnings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* ---- roff ------------------------------------------------------------------------- */

/* Text for a roff line: backslashes, hyphens and quotes as roff writes them
 * (so that copied commands keep their ASCII hyphens), a leading '.' or '\''
 * escaped so it is not a request. */
static void roff(FtlBuf *b, const char *s, size_t n)
{
    if (n && (s[0] == '.' || s[0] == '\'')) ftl_buf_puts(b, "\\&");
    for (size_t i = 0; i < n; i++) {
        switch (s[i]) {
        case '\\': ftl_buf_puts(b, "\\e"); break;
        case '-': ftl_buf_puts(b, "\\-"); break;
        case '\'': ftl_buf_puts(b, "\\(aq"); break;
        case '"': ftl_buf_puts(b, "\\(dq"); break;
        default: ftl_buf_putc(b, s[i]);
        }
    }
}

static void roff_line(FtlBuf *b, const char *s)
{
    roff(b, s, strlen(s));
    ftl_buf_putc(b, '\n');
}

static const char man_intro[] =
    ".SH DESCRIPTION\n"
    "Every diagnostic of\n"
    ".B ftlc\n"
    "has a stable code:\n"
    ".BI E01 xx\n"
    "lexical errors,\n"
    ".BI E02 xx\n"
    "syntax errors,\n"
    ".BI E03 xx\n"
    "names, duplicates, references and visibility,\n"
    ".BI E04 xx\n"
    "verbs, metadata and declarations,\n"
    ".BI E05 xx\n"
    "federation,\n"
    ".BI E06 xx\n"
    "the protobuf formats,\n"
    ".BI E07 xx\n"
    "project files and pinned realms,\n"
    ".BI I xxxx\n"
    "notes that never fail a run, and\n"
    ".BI W xxxx\n"
    "warnings (which\n"
    ".B \\-W\n"
    "can hide or make errors; their names are given below); the findings of\n"
    ".BR ftlc\\-breaking (1)\n"
    "have the ID of the rule they break as their code\n"
    ".RB ( FIELD_NO_DELETE ,\n"
    "\\&...).\n"
    "This page describes each: what it means, which commands report it, an\n"
    "example that triggers it (the files, then the command that reports it)\n"
    "and how to fix it.\n"
    ".B ftlc explain\n"
    ".I code\n"
    "prints the same text for one code; see\n"
    ".BR ftlc\\-explain (1).\n"
    ".PP\n"
    "A diagnostic is reported at the position where upstream FTL reports the\n"
    "same error, with the token it is about underlined; the formats are\n"
    "described in\n"
    ".BR ftlc (1)\n"
    "and\n"
    ".BR ftlc\\-check (1),\n"
    "the positions in\n"
    ".BR ftl\\-schema (5).\n"
    "The JSON format gives each diagnostic a\n"
    ".B help_uri\n"
    "and the SARIF format each rule a\n"
    ".BR helpUri :\n"
    ".BI man:ftlc\\-diagnostics(7)# code\\fR,\n"
    "the section of this page titled with the code (man: URIs open a man page\n"
    "in help browsers such as yelp and KHelpCenter; the fragment names the\n"
    "section).\n"
    "The SARIF rules also carry the title, the meaning and the fix.\n"
    ".PP\n"
    "This page is made from the table of codes in the source of\n"
    ".BR ftlc ;\n"
    "a test checks that every code the program can emit is in it.\n";

static void man_example(FtlBuf *b, const FtlCodeDoc *d)
{
    if (!d->example) return;
    ftl_buf_puts(b, ".PP\nExample: ");
    if (d->args) {
        ftl_buf_puts(b, "\n.B \"ftlc ");
        roff(b, d->args, strlen(d->args));
        ftl_buf_puts(b, "\"\nreports it for\n");
    } else {
        ftl_buf_puts(b, "a case like\n");
    }
    ftl_buf_puts(b, ".PP\n.RS 2\n.EX\n\\-\\- ");
    roff(b, d->file, strlen(d->file));
    ftl_buf_puts(b, " \\-\\-\n");
    for (const char *p = d->example; *p;) {
        size_t n = strcspn(p, "\n");
        roff(b, p, n);
        ftl_buf_putc(b, '\n');
        p += n + (p[n] == '\n');
    }
    ftl_buf_puts(b, ".EE\n.RE\n");
}

static void man_entry(FtlBuf *b, const FtlCodeDoc *d)
{
    ftl_buf_printf(b, ".SS %s \\- ", d->code);
    roff_line(b, d->title);
    ftl_buf_printf(b, "A%s ",
                   d->sev == FTL_SEV_ERROR     ? "n error"
                   : d->sev == FTL_SEV_WARNING ? " warning"
                                               : " note");
    roff(b, "reported by ", 12);
    roff(b, ftl_code_scope_text(d->scope), strlen(ftl_code_scope_text(d->scope)));
    ftl_buf_puts(b, ".\n.PP\n");
    roff_line(b, d->meaning);
    man_example(b, d);
    ftl_buf_puts(b, ".PP\nFix: ");
    roff_line(b, d->fix);
    const FtlWarningInfo *w = ftl_warning_find(d->code);
    if (w) {
        size_t n = strlen(w->name);
        ftl_buf_puts(b, ".PP\nWarning name:\n.BR ");
        roff(b, w->name, n);
        ftl_buf_puts(b, " ;\n.B \"\\-W no\\-");
        roff(b, w->name, n);
        ftl_buf_puts(b, "\"\nhides it,\n.B \"\\-W error=");
        roff(b, w->name, n);
        ftl_buf_puts(b, "\"\nmakes it an error.\n");
    }
}

static int cmd_man(const char *version)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_puts(&b, ".\\\" ftlc-diagnostics.7 - made by tools/diagdoc from src/base/diagcodes.c;"
                     " do not edit\n");
    ftl_buf_printf(&b, ".TH FTLC-DIAGNOSTICS 7 \"\" \"ftlc %s\" \"Miscellaneous\"\n", version);
    ftl_buf_puts(&b, ".nr HY 0\n.nh\n.ad l\n.SH NAME\nftlc\\-diagnostics \\- the diagnostic "
                     "codes of ftlc: what each means and how to fix it\n");
    ftl_buf_puts(&b, man_intro);
    const char *cls = NULL;
    for (size_t i = 0; i < ftl_ncode_docs; i++) {
        const FtlCodeDoc *d = &ftl_code_docs[i];
        if (!cls || strcmp(cls, ftl_code_class(d->code)) != 0) {
            cls = ftl_code_class(d->code);
            ftl_buf_puts(&b, ".SH ");
            for (const char *p = cls; *p; p++)
                ftl_buf_putc(&b, *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p);
            ftl_buf_putc(&b, '\n');
        }
        man_entry(&b, d);
    }
    ftl_buf_puts(&b, ".SH SEE ALSO\n.BR ftlc (1),\n.BR ftlc\\-explain (1),\n"
                     ".BR ftlc\\-check (1),\n.BR ftlc\\-breaking (1),\n.BR ftl\\-schema (5),\n"
                     ".BR ftl\\-project.toml (5)\n");
    fwrite(b.data, 1, b.len, stdout);
    ftl_buf_free(&b);
    return fflush(stdout) == 0 ? 0 : 1;
}

/* ---- examples ------------------------------------------------------------------------ */

/* Creates the folders of path (a file's path: its last part is not made). */
static int make_parents(char *path)
{
    for (char *p = strchr(path + 1, '/'); p; p = strchr(p + 1, '/')) {
        *p = 0;
        int rc = mkdir(path, 0777);
        *p = '/';
        if (rc != 0 && errno != EEXIST) return -1;
    }
    return 0;
}

static int write_file(const char *dir, const char *name, const char *data, size_t n)
{
    char path[4096];
    if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, name) >= sizeof path) return -1;
    if (make_parents(path) != 0) return -1;
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    size_t w = fwrite(data, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

/* The example's first file, then each "-- NAME --" section as a file. */
static int write_example(const char *dir, const FtlCodeDoc *d)
{
    const char *p = d->example;
    char name[256];
    snprintf(name, sizeof name, "%s", d->file);
    for (;;) {
        const char *sep = strstr(p, "\n-- ");
        const char *end = sep ? sep + 1 : p + strlen(p);
        if (write_file(dir, name, p, (size_t)(end - p)) != 0) return -1;
        if (!sep) return 0;
        const char *nm = sep + 4, *close = strstr(nm, " --\n");
        if (!close || (size_t)(close - nm) >= sizeof name) return -1;
        snprintf(name, sizeof name, "%.*s", (int)(close - nm), nm);
        p = close + 4;
    }
}

static int cmd_examples(const char *dir)
{
    for (size_t i = 0; i < ftl_ncode_docs; i++) {
        const FtlCodeDoc *d = &ftl_code_docs[i];
        if (!d->example || !d->args) continue;
        char sub[4096];
        snprintf(sub, sizeof sub, "%s/%s", dir, d->code);
        if ((mkdir(sub, 0777) != 0 && errno != EEXIST) || write_example(sub, d) != 0 ||
            write_file(sub, "args", d->args, strlen(d->args)) != 0) {
            fprintf(stderr, "diagdoc: cannot write the example of %s in %s\n", d->code, sub);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "man") == 0) return cmd_man(argv[2]);
    if (argc == 3 && strcmp(argv[1], "examples") == 0) return cmd_examples(argv[2]);
    if (argc == 2 && strcmp(argv[1], "codes") == 0) {
        for (size_t i = 0; i < ftl_ncode_docs; i++)
            puts(ftl_code_docs[i].code);
        return 0;
    }
    fputs("usage: diagdoc man VERSION | examples DIR | codes\n", stderr);
    return 2;
}
