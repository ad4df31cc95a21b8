/* parse.h - schema text to syntax tree. */
#ifndef FTLC_PARSE_H
#define FTLC_PARSE_H

#include "base/arena.h"
#include "syntax/ast.h"
#include "base/diag.h"
#include "base/intern.h"
#include "base/source.h"
#include "syntax/token.h"

/* Brackets of any kind nested deeper than this are an error (E0202), so no
 * input can exhaust the parser's stack or the printers' recursion. */
#define FTL_MAX_NESTING 200

/* Parses one file of the source set. Always returns a tree (possibly partial);
 * syntax errors are reported to diags, with recovery at declaration, module and
 * realm boundaries so that one run reports every independent error. */
FtlFile *ftl_parse_file(FtlArena *arena, FtlInterner *in, FtlDiags *diags, const FtlSources *src,
                        uint32_t file_id);

/* The tokens of a file as the parser reads them, comments included: with the
 * lexer modes of +cron text and ingress paths, and +retry durations glued
 * (parse.c's driver). each is called for every token up to the end. Lexical
 * errors are not reported (the parse of the file reports them). */
void ftl_scan_tokens(const FtlSources *src, uint32_t file_id,
                     void (*each)(void *ctx, const FtlToken *t), void *ctx);

/* Lexes a whole file, for benchmarks and tests; returns the number of tokens. */
size_t ftl_lex_all(const FtlSources *src, uint32_t file_id, FtlDiags *diags);

#endif
