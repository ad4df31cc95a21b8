/* stages.c - runs one front-end stage of ftlc on a file, for bench/run.sh.
 *
 * usage: stages lex|parse FILE
 * The stages ftlc's commands do not expose on their own: lexing only, and
 * lexing plus parsing, of the file read as ftlc reads it (mapped when large).
 * Everything else is measured through the ftlc command. */
#include "base/fileio.h"
#include "syntax/parse.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "lex") != 0 && strcmp(argv[1], "parse") != 0)) {
        fprintf(stderr, "usage: stages lex|parse FILE\n");
        return 2;
    }
    FtlInput input;
    char err[512];
    if (ftl_input_read(argv[2], 1, &input, err, sizeof err) != 0) {
        fprintf(stderr, "stages: %s\n", err);
        return 2;
    }
    FtlSources src;
    ftl_sources_init(&src);
    ftl_sources_borrow(&src, argv[2], input.data, input.len);
    src.files[0].mapped = input.map != 0; /* given back as it is parsed, as in ftlc */
    FtlArena arena;
    FtlInterner in;
    FtlDiags diags;
    ftl_arena_init(&arena);
    ftl_intern_init(&in, &arena);
    ftl_diags_init(&diags);
    if (strcmp(argv[1], "lex") == 0)
        ftl_lex_all(&src, 1, &diags);
    else
        ftl_parse_file(&arena, &in, &diags, &src, 1);
    int rc = diags.errors ? 1 : 0;
    ftl_diags_free(&diags);
    ftl_intern_free(&in);
    ftl_arena_free(&arena);
    ftl_sources_free(&src);
    ftl_input_free(&input);
    return rc;
}
