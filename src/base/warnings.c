/* warnings.c - the table of warning names (warnings.h). */
#include "base/warnings.h"
#include "base/diag.h"

#include <string.h>

const FtlWarningInfo ftl_warnings[] = {
    {"W0001", "missing-include-dir", 1}, {"W0301", "builtin-module", 1},
    {"W0501", "redundant-realm", 1},     {"W0502", "unexported-api", 1},
    {"W0620", "streaming-rpc", 1},       {"W0621", "uint64-range", 1},
    {"W0622", "import-rename", 1},       {"W0627", "streaming-only", 1},
    {"W0629", "protoc-warning", 1},      {"W0701", "unknown-project-key", 1},
    {"W0702", "unverified-pin", 1},      {"W0703", "realm-cache-kept", 1},
    {"W0704", "forced-realm-update", 1},
};
const size_t ftl_nwarnings = sizeof ftl_warnings / sizeof ftl_warnings[0];

const FtlWarningInfo *ftl_warning_find(const char *s)
{
    for (size_t i = 0; i < ftl_nwarnings; i++)
        if (strcmp(ftl_warnings[i].name, s) == 0 || strcmp(ftl_warnings[i].code, s) == 0)
            return &ftl_warnings[i];
    return NULL;
}

static int index_of(const char *s)
{
    const FtlWarningInfo *w = ftl_warning_find(s);
    return w ? (int)(w - ftl_warnings) : -1;
}

int ftl_warning_option(FtlWarningConfig *c, const char *v)
{
    int no = strncmp(v, "no-", 3) == 0, i;
    const char *rest = no ? v + 3 : v;
    if (strcmp(rest, "error") == 0) {
        c->all_errors = !no;
        return 0;
    }
    if (strncmp(rest, "error=", 6) == 0) {
        if ((i = index_of(rest + 6)) < 0) return -1;
        c->as_error[i] = no ? -1 : 1;
        if (!no) c->shown[i] = 1;
        return 0;
    }
    if ((i = index_of(rest)) < 0) return -1;
    c->shown[i] = no ? -1 : 1;
    return 0;
}

/* What happens to warning g: 0 dropped, 1 shown, 2 made an error. */
static int fate(const FtlDiag *g, const FtlWarningConfig *c)
{
    int i = index_of(g->code);
    if (i < 0) return c->all_errors ? 2 : 1;
    int shown = c->shown[i] ? c->shown[i] > 0 : ftl_warnings[i].on;
    if (!shown) return 0;
    int err = c->as_error[i] ? c->as_error[i] > 0 : c->all_errors;
    return err ? 2 : 1;
}

static int keep(const FtlDiag *g, void *ctx)
{
    return g->sev != FTL_SEV_WARNING || fate(g, ctx) != 0;
}

void ftl_warnings_apply(FtlDiags *d, const FtlWarningConfig *c)
{
    ftl_diags_filter(d, keep, (void *)c);
    for (unsigned k = 0; k < d->count; k++) {
        FtlDiag *g = &d->items[k];
        if (g->sev == FTL_SEV_WARNING && fate(g, c) == 2) {
            g->sev = FTL_SEV_ERROR;
            d->warnings--;
            d->errors++;
        }
    }
}
