/* breaking_report.c - findings as diagnostics, so that every output format (text,
 * JSON, SARIF, GitHub) is the one renderer of src/base, and programs read them as
 * data (FtlDiagnostic). */
#include "realm/breaking.h"

static const char *category_note(FtlBrkCategory c)
{
    return c == FTL_BRK_WIRE ? "WIRE: callers break at run time: what they send or receive no "
                               "longer fits"
                             : "SOURCE: generated clients no longer build; the wire still fits";
}

void ftl_brk_to_diags(const FtlBrkReport *r, FtlDiags *d, FtlSeverity sev)
{
    const FtlSpan none = {0, 0, 0};
    for (unsigned i = 0; i < r->count; i++) {
        const FtlBrkFinding *f = &r->items[i];
        FtlDiag *g = ftl_diag_add(d, sev, f->span, ftl_brk_rule_id(f->rule), "%s", f->msg);
        for (unsigned k = 0; k < f->nnotes; k++)
            ftl_diag_note(g, f->notes[k].span, "%s", f->notes[k].msg);
        ftl_diag_note(g, none, "%s", category_note(f->category));
        ftl_diag_prop(g, "category", ftl_brk_category_name(f->category));
        ftl_diag_prop(g, "direction", f->has_dir ? ftl_brk_dir_name(f->dir) : NULL);
    }
}
