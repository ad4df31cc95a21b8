/* warnings.h - the names of ftlc's warnings (what each means is in the one
 * table of every code, diagcodes.c), for -W NAME, -W no-NAME and
 * -W error=NAME (gcc's -W options, re2c's -W warning names).
 *
 * Every warning code a stage can emit (W....) has an entry here; the test
 * tests/cli/warnings.sh checks that against the sources. A warning is shown
 * unless it is off (its default or -W no-NAME); -W error=NAME (or -W error for
 * all) makes it an error that fails the run. */
#ifndef FTLC_WARNINGS_H
#define FTLC_WARNINGS_H

#include <stddef.h>

typedef struct FtlWarningInfo {
    const char *code; /* "W0501" */
    const char *name; /* "redundant-realm" */
    int on;           /* shown by default */
} FtlWarningInfo;

/* Every warning, in code order. */
extern const FtlWarningInfo ftl_warnings[];
extern const size_t ftl_nwarnings;

/* The warning with this name or code ("redundant-realm" or "W0501"), or NULL. */
const FtlWarningInfo *ftl_warning_find(const char *name_or_code);

/* What -W options asked, warning by warning (indexes of ftl_warnings). */
#define FTL_WARNINGS_MAX 64
typedef struct FtlWarningConfig {
    int all_errors;                         /* -W error */
    signed char shown[FTL_WARNINGS_MAX];    /* 1 on, -1 off, 0 the default */
    signed char as_error[FTL_WARNINGS_MAX]; /* 1 error=NAME, -1 no-error=NAME, 0 -W error */
} FtlWarningConfig;

/* Applies one -W value to c: NAME, no-NAME, error, no-error, error=NAME or
 * no-error=NAME (NAME may also be a code). Returns 0, or -1 when it names no
 * warning. */
int ftl_warning_option(FtlWarningConfig *c, const char *value);

struct FtlDiags;
/* Drops the warnings of d that are off and turns those that are errors into
 * errors (keeping their code), adjusting the counts. */
void ftl_warnings_apply(struct FtlDiags *d, const FtlWarningConfig *c);

#endif
