/* dump.h - the tree as text, one node per line (ftlc parse). */
#ifndef FTLC_DUMP_H
#define FTLC_DUMP_H

#include "base/buf.h"
#include "base/source.h"
#include "syntax/ast.h"

/* A deterministic dump of the tree (ftlc parse), used to check that formatting
 * preserves the tree. Positions are shown when spans is not NULL. */
void ftl_ast_dump(FtlBuf *out, const FtlFile *f, const FtlSources *spans);

#endif
