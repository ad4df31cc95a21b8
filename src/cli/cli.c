/* cli.c - pieces of the command line used by more than one command. */
#define _POSIX_C_SOURCE 200809L
#include "cli/cli.h"
#include "cli/diagstyle.h"

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
