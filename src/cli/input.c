/* input.c - --stdin-filename NAME: an editor pipes an unsaved buffer and
 * gets diagnostics (or formatting) as if it were the file NAME, against the
 * rest of the project (see edits.h). */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "edits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cli_input_name(const CliArgs *a, const char *path)
{
    return a->stdin_filename && strcmp(path, "-") == 0 ? a->stdin_filename : path;
}

int cli_stdin_listed(const CliArgs *a)
{
    for (int i = 0; i < a->files.n; i++)
        if (strcmp(cli_input_name(a, a->files.items[i]), a->stdin_filename) == 0) return 1;
    return 0;
}

/* All of standard input (malloc'd); NULL when it cannot be read. */
static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n = 0, got;
    char *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            char *more = realloc(buf, cap *= 2);
            if (!more) free(buf);
            buf = more;
        }
    }
    if (buf && ferror(stdin)) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

int cli_stdin_overlay(FtlSession *s, const CliArgs *a)
{
    size_t len = 0;
    char *text = read_stdin(&len);
    if (!text) {
        fprintf(stderr, "ftlc: error: cannot read standard input\n");
        return FTL_EXIT_USAGE;
    }
    FtlStatus st = ftl_session_set_overlay(s, a->stdin_filename, text, len);
    free(text);
    return st == FTL_OK ? FTL_EXIT_OK : ftl_cli_nomem();
}
