/* analysis.c - the compilation of the workspace and its diagnostics (see features.h). */
#include "features.h"

void lsp_features_init(LspServer *s)
{
    (void)s;
}

int lsp_features_start(LspServer *s)
{
    (void)s;
    return 0;
}

void lsp_features_capabilities(LspServer *s, json_t *caps)
{
    (void)s;
    (void)caps;
}

void lsp_features_touch(LspServer *s, const char *path, int publish)
{
    (void)s;
    (void)path;
    (void)publish;
}

int lsp_features_idle(LspServer *s)
{
    (void)s;
    return 0;
}

void lsp_features_free(LspServer *s)
{
    (void)s;
}
