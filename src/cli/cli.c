/* cli.c - pieces of the command line used by more than one command. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "base/fileio.h"
#include "cli/output.h"
#include "proto/schema_io.h"
#include "realm/public.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ftl_cli_usage(const char *cmd, const char *fmt, const char *arg)
{
    fprintf(stderr, "ftlc%s%s: error: ", cmd ? " " : "", cmd ? cmd : "");
    fprintf(stderr, fmt, arg);
    if (cmd)
        fprintf(stderr, "\nRun 'ftlc %s --help' for usage.\n", cmd);
    else
        fprintf(stderr, "\nRun 'ftlc --help' for usage.\n");
    return FTL_EXIT_USAGE;
}

int ftl_cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0) return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (a[n] != '\0') return 0;
    if (*i + 1 >= argc) {
        *value = NULL;
        return 1;
    }
    *value = argv[++*i];
    return 1;
}

int ftl_cli_color_mode(const char *when)
{
    if (strcmp(when, "auto") == 0) return 0;
    if (strcmp(when, "always") == 0) return 1;
    if (strcmp(when, "never") == 0) return 2;
    return -1;
}

int ftl_cli_color(int color_mode)
{
    if (color_mode != 0) return color_mode == 1;
    const char *term = getenv("TERM");
    const char *nc = getenv("NO_COLOR"); /* no-color.org: set and not empty */
    return isatty(2) && !(nc && *nc) && term && strcmp(term, "dumb") != 0;
}

FtlDiagStyle ftl_cli_style(FtlDiagFormat format, int color_mode)
{
    FtlDiagStyle s = {format, format != FTL_DIAG_JSON && ftl_cli_color(color_mode)};
    return s;
}

void ftl_cli_signals(void)
{
    /* Past the file-size limit (ulimit -f) write(2) fails with EFBIG instead of
     * the default SIGXFSZ killing the process (setrlimit(2)): the output is then
     * an I/O error like any other (exit 2), and atomic writes leave nothing. */
    signal(SIGXFSZ, SIG_IGN);
}

int ftl_cli_nomem(void)
{
    fputs("ftlc: error: out of memory\n", stderr);
    return FTL_EXIT_USAGE;
}

int ftl_cli_write_stdout(const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, stdout) != len) return -1;
    return fflush(stdout) == 0 ? 0 : -1;
}

int ftl_cli_write_output(const char *path, const char *data, size_t len,
                         const char *const *inputs, size_t ninputs)
{
    char err[512];
    if (path && strcmp(path, "-") != 0) {
        if (ftl_write_output(path, data ? data : "", len, inputs, ninputs, err, sizeof err) == 0)
            return 0;
        fprintf(stderr, "ftlc: error: %s\n", err);
        return -1;
    }
    if (ftl_cli_write_stdout(data, len) == 0) return 0;
    fprintf(stderr, "ftlc: error: cannot write standard output\n");
    return -1;
}

/* The format a file name asks for: .ftl, .txtpb, .json, .binpb; dflt otherwise. */
static FtlFormat format_by_name(const char *file, FtlFormat dflt)
{
    size_t n = file ? strlen(file) : 0;
    if (n > 4 && strcmp(file + n - 4, ".ftl") == 0) return FTL_FORMAT_FTL;
    if (file && ftl_format_from_path(file) != FTL_FORMAT_FTL) return ftl_format_from_path(file);
    return dflt;
}

int ftl_cli_public_target(const char *cmd, const char *check_file, const char *output,
                          const char *format, const char *export_path,
                          const char *export_file, const char **path, FtlFormat *f)
{
    static const char *const defaults[] = {"ftl-external-schema.ftl", "ftl-external-schema.txtpb",
                                           "ftl-external-schema.json", "ftl-external-schema.binpb"};
    const char *file = check_file ? check_file : output;
    int from_project = !file && export_file;
    if (from_project) file = export_file;
    *f = format_by_name(file, FTL_FORMAT_TXTPB);
    FtlFormat asked = *f;
    if (format) ftl_format_from_name(format, &asked);
    if (from_project && asked != *f) {
        ftl_cli_usage(cmd,
                      "--format does not match export-path '%s' of ftl-project.toml: "
                      "give the file with -o FILE",
                      export_path);
        return -1;
    }
    *f = asked;
    *path = file ? file : defaults[*f];
    return 0;
}

/* A word as a POSIX shell reads it: plain, or in single quotes. */
static void shell_word(FtlBuf *b, const char *a)
{
    static const char plain_chars[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=@:,+";
    if (*a && strspn(a, plain_chars) == strlen(a)) {
        ftl_buf_puts(b, a);
        return;
    }
    ftl_buf_putc(b, '\'');
    for (const char *p = a; *p; p++) {
        if (*p == '\'')
            ftl_buf_puts(b, "'\\''");
        else
            ftl_buf_putc(b, *p);
    }
    ftl_buf_putc(b, '\'');
}

void ftl_cli_refresh_command(FtlBuf *b, int argc, char **argv)
{
    ftl_buf_puts(b, "ftlc");
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        ftl_buf_putc(b, ' ');
        if (strcmp(a, "--check") == 0 && i + 1 < argc) {
            a = "-o";
        } else if (strncmp(a, "--check=", 8) == 0) {
            ftl_buf_puts(b, "-o ");
            a += 8;
        }
        shell_word(b, a);
    }
}

int ftl_cli_check_fresh(const char *cmd, const char *path, const char *fresh, size_t len,
                        FtlFormat f, int argc, char **argv)
{
    char *old, err[512];
    size_t oldlen;
    FtlBuf b;
    ftl_buf_init(&b);
    if (access(path, F_OK) != 0) {
        /* Never committed: as stale as can be. */
        ftl_buf_printf(&b, "ftlc %s: error: %s does not exist\nto create it, run: ", cmd, path);
    } else if (ftl_read_file(path, &old, &oldlen, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc %s: error: %s\n", cmd, err);
        return FTL_EXIT_USAGE;
    } else if (oldlen == len && memcmp(old, fresh ? fresh : "", len) == 0) {
        printf("%s is up to date\n", path);
        free(old);
        return FTL_EXIT_OK;
    } else {
        ftl_buf_printf(&b,
                       "ftlc %s: error: %s is stale: it is not the public schema of the "
                       "inputs\n",
                       cmd, path);
        ftl_public_diff(&b, path, old, oldlen, fresh ? fresh : "", len, f);
        ftl_buf_puts(&b, "to refresh it, run: ");
        free(old);
    }
    ftl_cli_refresh_command(&b, argc, argv);
    ftl_buf_putc(&b, '\n');
    fwrite(b.data, 1, b.len, stderr);
    ftl_buf_free(&b);
    return FTL_EXIT_ERRORS;
}
