/* cmd_breaking.c - ftlc breaking: is the API compiled from FILE... compatible with
 * an older version of it (--against FILE... or --against-git REV)? The library
 * does it all (ftl_session_breaking: both versions in one compilation, the rules
 * engine, the findings as diagnostics); this file reads the command line, shows
 * the diagnostics and, with --summary, the count of every rule.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "ftlc.h"
#include "session_io.h"

#include <stdio.h>
#include <string.h>

static int check_args(const CliArgs *a)
{
    if (!a->against.n && !a->against_git)
        return ftl_cli_usage(a->cmd->name, "%s",
                             "what to compare with is missing: give --against FILE or "
                             "--against-git REV");
    if (a->against.n && a->against_git)
        return ftl_cli_usage(a->cmd->name, "%s", "--against and --against-git cannot be combined");
    for (int i = 0; a->against_git && i < a->files.n; i++)
        if (strcmp(a->files.items[i], "-") == 0)
            return ftl_cli_usage(a->cmd->name, "%s",
                                 "--against-git reads the files at a revision: '-' has none");
    return FTL_EXIT_OK;
}

/* --summary: a line per rule, "RULE  CATEGORY  COUNT" ("-" for a rule not
 * checked), then the total; -1 when standard output cannot be written. */
static int print_summary(const FtlBreakingResult *r)
{
    size_t total = 0;
    for (size_t i = 0; i < r->nrules; i++) {
        const FtlBreakingCount *c = &r->rules[i];
        if (c->checked)
            printf("%-24s %-12s %zu\n", c->rule, c->category, c->count);
        else
            printf("%-24s %-12s -\n", c->rule, c->category);
        total += c->count;
    }
    printf("%-24s %-12s %zu\n", "total", "", total);
    return fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
}

/* The rules --except names, by their IDs. */
static size_t except_ids(const CliArgs *a, const char **ids)
{
    size_t nrules, n = 0;
    const FtlBreakingRule *rules = ftl_breaking_rules(&nrules);
    for (size_t i = 0; i < nrules && i < 32; i++)
        if (a->except & (1u << i)) ids[n++] = rules[i].id;
    return n;
}

/* The exit status of what the library said. */
static int status_of(FtlSession *s, const CliArgs *a, FtlStatus st)
{
    if (st == FTL_NOMEM) return ftl_cli_nomem();
    if (st == FTL_EINVAL) return ftl_cli_usage(a->cmd->name, "%s", ftl_session_error(s));
    /* Files and revisions that cannot be read, as ftlc always showed them. */
    int io = ftl_session_error(s) ? cli_print_io_errors(s, a->cmd->name) : 0;
    if (io < 0) return ftl_cli_nomem();
    return io ? FTL_EXIT_USAGE : st == FTL_OK ? FTL_EXIT_OK : FTL_EXIT_ERRORS;
}

static int run_breaking(FtlSession *s, const CliArgs *a)
{
    if (cli_configure(s, a) != FTL_OK) return ftl_cli_nomem(); /* the values were checked */
    const char *except[32];
    FtlBreakingRequest q = {.against = a->against.items,
                            .nagainst = (size_t)a->against.n,
                            .against_git = a->against_git,
                            .scope = (FtlBreakingScope)a->scope,
                            .categories = a->wire_only ? FTL_BREAKING_WIRE : 0,
                            .except = except,
                            .nexcept = except_ids(a, except)};
    FtlBreakingResult res;
    int rc = status_of(s, a, ftl_session_breaking(s, &q, &res));
    if (rc == FTL_EXIT_USAGE) return rc;
    if (cli_report(s, a) != 0) return FTL_EXIT_USAGE; /* out of memory (said) */
    if (a->summary && res.compared && print_summary(&res) != 0) {
        fprintf(stderr, "ftlc breaking: error: cannot write standard output\n");
        return FTL_EXIT_USAGE;
    }
    return rc;
}

int cli_cmd_breaking(CliArgs *a)
{
    int rc = check_args(a);
    if (rc != FTL_EXIT_OK) return rc;
    FtlSession *s = ftl_session_new();
    if (!s) return ftl_cli_nomem();
    rc = run_breaking(s, a);
    ftl_session_free(s);
    return rc;
}
