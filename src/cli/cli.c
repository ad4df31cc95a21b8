/* cli.c - pieces of the command line used by more than one command. */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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

void *ftl_cli_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q) exit(ftl_cli_nomem());
    return q;
}

/* The rest of an open file, after *len bytes already in *data. */
static int read_rest(FILE *f, char **data, size_t *len)
{
    size_t cap = *len + 4096;
    for (;;) {
        *data = ftl_cli_xrealloc(*data, cap + 1);
        *len += fread(*data + *len, 1, cap - *len, f);
        if (*len < cap) break;
        cap *= 2;
    }
    (*data)[*len] = '\0';
    return ferror(f) ? -1 : 0;
}

int ftl_cli_read_file(const char *path, char **data, size_t *len, char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errsz, "cannot open '%s': %s", path, strerror(errno));
        return -1;
    }
    struct stat st;
    int rc = 0;
    *data = NULL;
    *len = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "cannot read '%s': it is a directory", path);
        rc = -1;
    } else if (read_rest(f, data, len) != 0) {
        snprintf(err, errsz, "cannot read '%s': %s", path, strerror(errno));
        rc = -1;
    }
    fclose(f);
    if (rc != 0) free(*data);
    return rc;
}

int ftl_cli_write_stdout(const void *data, size_t len)
{
    if (len && fwrite(data, 1, len, stdout) != len) return -1;
    return fflush(stdout) == 0 ? 0 : -1;
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
                          const char *format, const char *export_path, const char *export_file,
                          const char **path, FtlFormat *f)
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
static void shell_word(FILE *out, const char *a)
{
    static const char plain_chars[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=@:,+";
    if (*a && strspn(a, plain_chars) == strlen(a)) {
        fputs(a, out);
        return;
    }
    putc('\'', out);
    for (const char *p = a; *p; p++) {
        if (*p == '\'')
            fputs("'\\''", out);
        else
            putc(*p, out);
    }
    putc('\'', out);
}

/* The command line (argv[0] is ftlc) with "--check FILE" as "-o FILE", quoted for
 * a POSIX shell: how to refresh a stale file. */
static void refresh_command(FILE *out, int argc, char **argv)
{
    fputs("ftlc", out);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        putc(' ', out);
        if (strcmp(a, "--check") == 0 && i + 1 < argc) {
            a = "-o";
        } else if (strncmp(a, "--check=", 8) == 0) {
            fputs("-o ", out);
            a += 8;
        }
        shell_word(out, a);
    }
    putc('\n', out);
}

/* What changed between the committed file and the fresh one; -1 when memory ran out. */
static int print_stale(const char *cmd, const char *path, const char *old, size_t oldlen,
                       const char *fresh, size_t len, FtlFormat f)
{
    char *diff;
    size_t n;
    if (ftl_public_schema_diff(path, old, oldlen, fresh, len, f, &diff, &n) != FTL_OK) return -1;
    fprintf(stderr, "ftlc %s: error: %s is stale: it is not the public schema of the inputs\n", cmd,
            path);
    fwrite(diff, 1, n, stderr);
    ftl_free(diff);
    fputs("to refresh it, run: ", stderr);
    return 0;
}

int ftl_cli_check_fresh(const char *cmd, const char *path, const char *fresh, size_t len,
                        FtlFormat f, int argc, char **argv)
{
    char *old, err[512];
    size_t oldlen;
    if (!fresh) fresh = "";
    if (access(path, F_OK) != 0) {
        /* Never committed: as stale as can be. */
        fprintf(stderr, "ftlc %s: error: %s does not exist\nto create it, run: ", cmd, path);
    } else if (ftl_cli_read_file(path, &old, &oldlen, err, sizeof err) != 0) {
        fprintf(stderr, "ftlc %s: error: %s\n", cmd, err);
        return FTL_EXIT_USAGE;
    } else if (oldlen == len && memcmp(old, fresh, len) == 0) {
        printf("%s is up to date\n", path);
        free(old);
        return FTL_EXIT_OK;
    } else {
        int rc = print_stale(cmd, path, old, oldlen, fresh, len, f);
        free(old);
        if (rc != 0) return ftl_cli_nomem();
    }
    refresh_command(stderr, argc, argv);
    return FTL_EXIT_ERRORS;
}
