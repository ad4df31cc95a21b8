/* cmd_explain.c - ftlc explain CODE: prints what a diagnostic code means, an
 * example that triggers it and how to fix it, from the table of
 * src/base/diagcodes.c (the one ftlc-diagnostics(7) is made from). */
#include "cli/cmd_explain.h"
#include "base/buf.h"
#include "base/diagcodes.h"
#include "base/warnings.h"
#include "cli/cli.h"
#include "cli/opts.h"

#include <stdio.h>
#include <string.h>

enum { WRAP = 78 };

/* Appends text as paragraph lines of at most WRAP columns, each line after
 * indent spaces; the text is ASCII prose without line breaks. */
static void put_wrapped(FtlBuf *b, const char *text, int indent)
{
    const char *p = text;
    while (*p) {
        size_t room = (size_t)(WRAP - indent), n = strlen(p);
        if (n > room) {
            n = room;
            while (n > 0 && p[n] != ' ')
                n--;
            if (n == 0) n = strcspn(p, " "); /* a word longer than a line */
        }
        ftl_buf_printf(b, "%*s%.*s\n", indent, "", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}

static const char *sev_word(FtlSeverity s)
{
    return s == FTL_SEV_ERROR ? "error" : s == FTL_SEV_WARNING ? "warning" : "note";
}

static void put_example(FtlBuf *b, const FtlCodeDoc *d)
{
    if (!d->example) return;
    ftl_buf_printf(b, "\nExample: 'ftlc %s' reports it for\n", d->args ? d->args : "check in.ftl");
    ftl_buf_printf(b, "    -- %s --\n", d->file);
    for (const char *p = d->example; *p;) {
        size_t n = strcspn(p, "\n");
        ftl_buf_printf(b, "    %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void put_warning_name(FtlBuf *b, const FtlCodeDoc *d)
{
    const FtlWarningInfo *w = ftl_warning_find(d->code);
    if (!w) return;
    FtlBuf t;
    ftl_buf_init(&t);
    ftl_buf_printf(&t, "Warning name: %s (-W no-%s hides it, -W error=%s makes it an error).",
                   w->name, w->name, w->name);
    ftl_buf_putc(b, '\n');
    put_wrapped(b, ftl_buf_cstr(&t), 0);
    ftl_buf_free(&t);
}

static void explain_one(FtlBuf *b, const FtlCodeDoc *d)
{
    ftl_buf_printf(b, "%s: %s (%s)\n\n", d->code, d->title, sev_word(d->sev));
    put_wrapped(b, d->meaning, 0);
    ftl_buf_putc(b, '\n');
    FtlBuf by;
    ftl_buf_init(&by);
    ftl_buf_printf(&by, "Reported by %s.", ftl_code_scope_text(d->scope));
    put_wrapped(b, ftl_buf_cstr(&by), 0);
    ftl_buf_free(&by);
    put_example(b, d);
    ftl_buf_putc(b, '\n');
    FtlBuf fix;
    ftl_buf_init(&fix);
    ftl_buf_printf(&fix, "Fix: %s", d->fix);
    put_wrapped(b, ftl_buf_cstr(&fix), 0);
    ftl_buf_free(&fix);
    put_warning_name(b, d);
    ftl_buf_puts(b, "\nSee ftlc-diagnostics(7).\n");
}

static void list_codes(FtlBuf *b)
{
    for (size_t i = 0; i < ftl_ncode_docs; i++)
        ftl_buf_printf(b, "%s  %s\n", ftl_code_docs[i].code, ftl_code_docs[i].title);
}

int ftl_cmd_explain(int argc, char **argv)
{
    int first = 2;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
            cli_help(cli_command("explain"), stdout);
            return FTL_EXIT_OK;
        }
        if (strcmp(argv[i], "--") == 0) {
            first = i + 1;
            break;
        }
        if (argv[i][0] == '-') return ftl_cli_usage("explain", "unknown option '%s'", argv[i]);
    }
    for (int i = first; i < argc; i++)
        if (!ftl_code_doc(argv[i]))
            return ftl_cli_usage("explain", "unknown code '%s' ('ftlc explain' lists them)",
                                 argv[i]);
    FtlBuf b;
    ftl_buf_init(&b);
    if (first >= argc) list_codes(&b);
    for (int i = first; i < argc; i++) {
        if (i > first) ftl_buf_puts(&b, "\n");
        explain_one(&b, ftl_code_doc(argv[i]));
    }
    fwrite(b.data, 1, b.len, stdout);
    ftl_buf_free(&b);
    return fflush(stdout) == 0 ? FTL_EXIT_OK : FTL_EXIT_USAGE;
}
