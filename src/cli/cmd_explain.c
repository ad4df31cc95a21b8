/* cmd_explain.c - ftlc explain CODE: prints what a diagnostic code means, an
 * example that triggers it and how to fix it, from the library's documentation
 * of its codes (ftl_code_info: the table ftlc-diagnostics(7) is made from). */
#include "cmd_explain.h"
#include "cli.h"
#include "ftlc.h"
#include "opts.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { WRAP = 78 };

/* Writes text as paragraph lines of at most WRAP columns, each line after
 * indent spaces; the text is ASCII prose without line breaks. */
static void put_wrapped(FILE *out, const char *text, int indent)
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
        fprintf(out, "%*s%.*s\n", indent, "", (int)n, p);
        p += n;
        while (*p == ' ')
            p++;
    }
}

/* A paragraph made with printf's format, wrapped. */
static void put_paragraph(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put_paragraph(FILE *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = ftl_cli_xrealloc(NULL, (size_t)(n > 0 ? n : 0) + 1);
    va_start(ap, fmt);
    vsnprintf(text, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    put_wrapped(out, text, 0);
    free(text);
}

static const char *sev_word(FtlSeverity s)
{
    return s == FTL_SEV_ERROR ? "error" : s == FTL_SEV_WARNING ? "warning" : "note";
}

static void put_example(FILE *out, const FtlCodeInfo *d)
{
    if (!d->example) return;
    fprintf(out, "\nExample: 'ftlc %s' reports it for\n",
            d->example_args ? d->example_args : "check in.ftl");
    fprintf(out, "    -- %s --\n", d->example_file);
    for (const char *p = d->example; *p;) {
        size_t n = strcspn(p, "\n");
        fprintf(out, "    %.*s\n", (int)n, p);
        p += n + (p[n] == '\n');
    }
}

static void explain_one(FILE *out, const FtlCodeInfo *d)
{
    fprintf(out, "%s: %s (%s)\n\n", d->code, d->title, sev_word(d->severity));
    put_wrapped(out, d->meaning, 0);
    putc('\n', out);
    put_paragraph(out, "Reported by %s.", d->reported_by);
    put_example(out, d);
    putc('\n', out);
    put_paragraph(out, "Fix: %s", d->fix);
    if (d->warning_name) {
        putc('\n', out);
        put_paragraph(out, "Warning name: %s (-W no-%s hides it, -W error=%s makes it an error).",
                      d->warning_name, d->warning_name, d->warning_name);
    }
    fputs("\nSee ftlc-diagnostics(7).\n", out);
}

static void list_codes(FILE *out)
{
    FtlCodeInfo d;
    for (size_t i = 0; ftl_code_info_at(i, &d) == 0; i++)
        fprintf(out, "%s  %s\n", d.code, d.title);
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
    FtlCodeInfo d;
    for (int i = first; i < argc; i++)
        if (ftl_code_info(argv[i], &d) != 0)
            return ftl_cli_usage("explain", "unknown code '%s' ('ftlc explain' lists them)",
                                 argv[i]);
    if (first >= argc) list_codes(stdout);
    for (int i = first; i < argc; i++) {
        if (i > first) putc('\n', stdout);
        ftl_code_info(argv[i], &d);
        explain_one(stdout, &d);
    }
    return fflush(stdout) == 0 && !ferror(stdout) ? FTL_EXIT_OK : FTL_EXIT_USAGE;
}
