/* diagfmt.h - machine-readable diagnostic formats for CI and FTL's tooling. */
#ifndef FTLC_DIAGFMT_H
#define FTLC_DIAGFMT_H

#include "base/diag.h"
#include <stdio.h>

typedef enum FtlExtFormat {
    FTL_FMT_SARIF,  /* SARIF 2.1.0, as GitHub code scanning takes it */
    FTL_FMT_GITHUB, /* GitHub Actions workflow commands (::error file=…::msg) */
    FTL_FMT_FTL     /* xyz.block.ftl.v1.language.ErrorList as protobuf JSON */
} FtlExtFormat;

void ftl_diags_render_ext(const FtlDiags *d, const FtlSources *src, FtlExtFormat f, FILE *out);

#endif
