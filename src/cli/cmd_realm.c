/* cmd_realm.c - ftlc realm add | update | list | remove | fetch: the options
 * (the tables of commands.c), the request to the library (ftl_session_realm,
 * include/ftlc.h) and what it did, printed. Diagnostics go to standard error; standard output
 * is written only when the command succeeds.
 *
 * TERM, HUP and INT are blocked while the operation runs and polled as its
 * cancel: the library then undoes what it wrote and removes git's temporary
 * repository, and the signal takes effect (with its usual exit status) once
 * it returns. SIGKILL cannot be caught; the writes are atomic all the same.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli.h"
#include "commands.h"
#include "ftlc.h"
#include "opts.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- help ------------------------------------------------------------------------------ */

static void overview(FILE *out)
{
    fputs("usage: ftlc realm <command> [options]\n"
          "\n"
          "Manages the external realms that ftl-project.toml pins: the git repository,\n"
          "branch and commit of each realm's public schema, the schema's SHA-256 in\n"
          "ftl-project.lock beside it, and a verified copy of the schema in the project's\n"
          "cache (.ftl/realms/NAME/COMMIT.EXT). ftlc check, emit and export load the\n"
          "pinned realms from the cache.\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < cli_ncommands; i++)
        if (strncmp(cli_commands[i].name, "realm ", 6) == 0)
            fprintf(out, "  %-9s %s\n", cli_commands[i].name + 6, cli_commands[i].brief);
    fputs("\n"
          "Run 'ftlc realm <command> --help' for a command's options (--project FILE,\n"
          "--color WHEN and --error-format FMT are every command's). See ftlc-realm(1)\n"
          "and ftl-project.toml(5).\n",
          out);
}

/* The table entry of "realm SUB", or NULL. */
static const CliCommand *subcommand(const char *sub)
{
    char name[64];
    snprintf(name, sizeof name, "realm %s", sub);
    return strchr(sub, ' ') ? NULL : cli_command(name);
}

int cli_realm_help(const char *sub)
{
    if (!sub) {
        overview(stdout);
        return FTL_EXIT_OK;
    }
    const CliCommand *c = subcommand(sub);
    if (!c) return ftl_cli_usage("realm", "unknown command '%s'", sub);
    cli_help(c, stdout);
    return FTL_EXIT_OK;
}

/* ---- printing what was done ------------------------------------------------------------ */

static const char *plural(unsigned n)
{
    return n == 1 ? "" : "s";
}

static void print_add(FILE *out, const FtlRealmPin *p)
{
    fprintf(out,
            "added realm %s: %s %s at %.12s (%s: %u module%s, %u declaration%s)\n"
            "cached in %s\nendpoint config key: %s\n",
            p->name, p->git_repo, p->git_branch, p->git_commit, p->schema_path, p->modules,
            plural(p->modules), p->declarations, plural(p->declarations), p->cache_path,
            p->endpoint_key);
}

/* "bank: OLD -> NEW (branch)", then every breaking change, those that affect the
 * local realm first. */
static void print_update(FILE *out, const FtlRealmPin *p, int dry_run)
{
    switch (p->action) {
    case FTL_REALM_UP_TO_DATE:
        fprintf(out, "%s: up to date at %.12s (%s)\n", p->name, p->git_commit, p->git_branch);
        return;
    case FTL_REALM_RECORDED:
        fprintf(out, "%s: at %.12s (%s): recorded schema-sha256\n", p->name, p->git_commit,
                p->git_branch);
        return;
    case FTL_REALM_PINNED:
        fprintf(out, "%s: pinned at %.12s (%s)\n", p->name, p->git_commit, p->git_branch);
        return;
    default: break;
    }
    fprintf(out, "%s: %.12s -> %.12s (%s)\n", p->name, p->old_commit, p->git_commit, p->git_branch);
    if (!p->api_compared) {
        fprintf(out, "  public API: not compared (%s)\n", p->api_note);
    } else {
        for (size_t i = 0; i < p->nchanges; i++) {
            const FtlRealmChange *c = &p->changes[i];
            fprintf(out, "  %-18s %s (%s): %s\n",
                    c->affects_local ? "affects you:" : "not affecting you:", c->rule, c->category,
                    c->what);
        }
        if (!p->breaking)
            fputs("  public API: nothing breaks\n", out);
        else
            fprintf(out, "  public API: %u breaking change%s, %u affecting you\n", p->breaking,
                    plural(p->breaking), p->affecting);
    }
    if (!p->local_found)
        fputs("  no .ftl files under the project's folder: what the local realm "
              "uses is unknown\n",
              out);
    if (p->refused)
        fputs(dry_run ? "  would be refused (--force updates all the same)\n"
                      : "  updated although it affects you (--force)\n",
              out);
}

static void print_fetch(FILE *out, const FtlRealmPin *p)
{
    if (p->action == FTL_REALM_CACHED)
        fprintf(out, "%s: %.12s is cached (%s)\n", p->name, p->git_commit, p->cache_path);
    else
        fprintf(out, "%s: fetched %.12s into %s%s\n", p->name, p->git_commit, p->cache_path,
                p->verified ? "" : " (not verified: no schema-sha256)");
}

/* The command's own memory ran out (jansson's, the table's): exit status 2. */
static _Noreturn void nomem(void)
{
    exit(ftl_cli_nomem());
}

static const char *const CACHE_WORDS[] = {"cached", "missing", "mismatch", "unpinned", "unusable"};

static void json_put(json_t *o, const char *key, const char *value)
{
    json_t *v = value ? json_string(value) : json_null();
    if (!v || json_object_set_new(o, key, v) != 0) nomem();
}

static json_t *pin_json(const FtlRealmPin *p)
{
    json_t *o = json_object();
    if (!o) nomem();
    json_put(o, "name", p->name);
    json_put(o, "gitRepo", p->git_repo);
    json_put(o, "gitBranch", p->git_branch);
    json_put(o, "gitCommit", p->git_commit);
    json_put(o, "gitPath", p->git_path);
    json_put(o, "schemaSha256", p->schema_sha256);
    json_put(o, "cache", CACHE_WORDS[p->cache]);
    json_put(o, "cachePath", p->cache_path);
    json_put(o, "endpointConfigKey", p->endpoint_key);
    json_put(o, "form", p->declared_in);
    return o;
}

static void json_set(json_t *o, const char *key, json_t *v)
{
    if (!v || json_object_set_new(o, key, v) != 0) nomem();
}

/* update --format json: a pin's move and its changes. */
static json_t *update_json(const FtlRealmPin *p)
{
    static const char *const actions[] = {"added",  "moved",   "pinned",  "recorded", "up to date",
                                          "listed", "removed", "fetched", "cached"};
    json_t *o = pin_json(p), *changes = json_array();
    if (!changes) nomem();
    json_put(o, "action", actions[p->action]);
    json_put(o, "oldCommit", p->old_commit);
    json_set(o, "apiCompared", json_boolean(p->api_compared));
    json_put(o, "apiNote", p->api_note);
    for (size_t i = 0; i < p->nchanges; i++) {
        const FtlRealmChange *c = &p->changes[i];
        json_t *x = json_object();
        if (!x) nomem();
        json_put(x, "rule", c->rule);
        json_put(x, "category", c->category);
        json_put(x, "direction", c->direction);
        json_put(x, "message", c->what);
        json_set(x, "affectsLocal", json_boolean(c->affects_local));
        if (json_array_append_new(changes, x) != 0) nomem();
    }
    json_set(o, "changes", changes);
    json_set(o, "breaking", json_integer(p->breaking));
    json_set(o, "affecting", json_integer(p->affecting));
    json_set(o, "localFound", json_boolean(p->local_found));
    json_set(o, "refused", json_boolean(p->refused));
    return o;
}

static void list_json(FILE *out, const FtlRealmResult *res, int update)
{
    json_t *arr = json_array();
    if (!arr) nomem();
    for (size_t i = 0; i < res->npins; i++)
        if (json_array_append_new(arr, update ? update_json(&res->pins[i])
                                              : pin_json(&res->pins[i])) != 0)
            nomem();
    json_t *top = json_pack("{s:o}", "realms", arr);
    char *text = top ? json_dumps(top, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
    if (!text) nomem();
    fprintf(out, "%s\n", text);
    free(text);
    json_decref(top);
}

enum { NCOLS = 7 };

/* One row of cells per realm, the titles first, in aligned columns. */
static void list_text(FILE *out, const FtlRealmResult *res)
{
    static const char *const titles[NCOLS] = {
        "NAME", "REPOSITORY", "BRANCH", "COMMIT", "CACHE", "ENDPOINT CONFIG KEY", "DECLARED IN"};
    size_t n = res->npins + 1, width[NCOLS] = {0};
    char(*commits)[8] = ftl_cli_xrealloc(NULL, n * sizeof *commits);
    const char *(*rows)[NCOLS] = ftl_cli_xrealloc(NULL, n * sizeof *rows);
    memcpy(rows[0], titles, sizeof titles);
    for (size_t r = 1; r < n; r++) {
        const FtlRealmPin *p = &res->pins[r - 1];
        snprintf(commits[r], sizeof commits[r], "%.7s", p->git_commit ? p->git_commit : "-");
        const char *cells[NCOLS] = {
            p->name,       p->git_repo,           p->git_branch ? p->git_branch : "-",
            commits[r],    CACHE_WORDS[p->cache], p->endpoint_key,
            p->declared_in};
        memcpy(rows[r], cells, sizeof cells);
    }
    for (size_t r = 0; r < n; r++)
        for (int k = 0; k < NCOLS; k++)
            if (strlen(rows[r][k]) > width[k]) width[k] = strlen(rows[r][k]);
    for (size_t r = 0; r < n; r++) {
        for (int k = 0; k < NCOLS; k++) {
            fputs(rows[r][k], out);
            if (k + 1 < NCOLS) fprintf(out, "%*s", (int)(width[k] - strlen(rows[r][k]) + 2), "");
        }
        putc('\n', out);
    }
    free(rows);
    free(commits);
}

static void print_result(FILE *out, const FtlRealmRequest *q, const FtlRealmResult *res,
                         const CliArgs *a)
{
    if ((q->op == FTL_REALM_LIST || q->op == FTL_REALM_UPDATE) && a->format &&
        strcmp(a->format, "json") == 0) {
        list_json(out, res, q->op == FTL_REALM_UPDATE);
        return;
    }
    if (!res->npins && q->op != FTL_REALM_ADD && q->op != FTL_REALM_REMOVE) {
        fprintf(out, "no external realms are pinned in %s\n", res->project);
        return;
    }
    if (q->op == FTL_REALM_LIST) list_text(out, res);
    for (size_t i = 0; q->op != FTL_REALM_LIST && i < res->npins; i++) {
        const FtlRealmPin *p = &res->pins[i];
        /* add of a name already pinned moves it as update does */
        if (q->op == FTL_REALM_ADD && p->action == FTL_REALM_ADDED) print_add(out, p);
        if (q->op == FTL_REALM_UPDATE || (q->op == FTL_REALM_ADD && p->action != FTL_REALM_ADDED))
            print_update(out, p, q->dry_run);
        if (q->op == FTL_REALM_REMOVE) fprintf(out, "removed realm %s\n", p->name);
        if (q->op == FTL_REALM_FETCH) print_fetch(out, p);
    }
}

/* ---- running --------------------------------------------------------------------------- */

static const int STOPS[] = {SIGINT, SIGTERM, SIGHUP};

/* Whether sig would stop ftlc: not ignored by whoever started it (a shell
 * starts background jobs with INT ignored; nohup ignores HUP). */
static int stops(int sig)
{
    struct sigaction sa;
    return sigaction(sig, NULL, &sa) == 0 && sa.sa_handler != SIG_IGN;
}

/* The signals that stop an operation, blocked while it runs. */
static void stop_signals(sigset_t *set)
{
    sigemptyset(set);
    for (int i = 0; i < 3; i++)
        if (stops(STOPS[i])) sigaddset(set, STOPS[i]);
}

/* The cancel of the request: one of those signals is pending. */
static int signal_pending(void *ctx)
{
    (void)ctx;
    sigset_t pending;
    if (sigpending(&pending) != 0) return 0;
    for (int i = 0; i < 3; i++)
        if (sigismember(&pending, STOPS[i]) == 1 && stops(STOPS[i])) return 1;
    return 0;
}

static int exit_status(FtlStatus st)
{
    return st == FTL_OK ? FTL_EXIT_OK : st == FTL_ERRORS ? FTL_EXIT_ERRORS : FTL_EXIT_USAGE;
}

/* The request the command line makes; a usage status when it makes none. */
static int make_request(const CliCommand *c, const CliArgs *a, FtlRealmRequest *q)
{
    static const FtlRealmOp ops[] = {FTL_REALM_ADD, FTL_REALM_UPDATE, FTL_REALM_LIST,
                                     FTL_REALM_REMOVE, FTL_REALM_FETCH};
    memset(q, 0, sizeof *q);
    for (unsigned i = 0; i < 5; i++)
        if (c->bit == (unsigned)CLI_REALM_ADD << i) q->op = ops[i];
    if ((q->op == FTL_REALM_ADD || q->op == FTL_REALM_LIST) && a->files.n)
        return ftl_cli_usage(c->name, "unexpected argument '%s'", a->files.items[0]);
    q->project = a->project;
    q->git_repo = a->git_repo;
    q->git_branch = a->git_branch;
    q->git_path = a->git_path;
    q->name = a->name;
    q->names = (const char *const *)a->files.items;
    q->nnames = (size_t)a->files.n;
    q->offline = a->offline;
    q->dry_run = a->dry_run;
    q->force = a->force;
    q->timeout = a->timeout;
    q->cancelled = signal_pending;
    char buf[600];
    const char *problem = ftl_realm_request_problem(q, buf, sizeof buf);
    return problem ? ftl_cli_usage(c->name, "%s", problem) : FTL_EXIT_OK;
}

/* Runs the request with the stop signals blocked; they take effect after. */
static FtlStatus run_blocked(FtlSession *s, const FtlRealmRequest *q, FtlRealmResult *res)
{
    sigset_t set, old;
    stop_signals(&set);
    sigprocmask(SIG_BLOCK, &set, &old);
    FtlStatus st = ftl_session_realm(s, q, res);
    sigprocmask(SIG_SETMASK, &old, NULL);
    return st;
}

static int run_command(const CliCommand *c, const CliArgs *a)
{
    FtlRealmRequest q;
    int rc = make_request(c, a, &q);
    if (rc != FTL_EXIT_OK) return rc;
    FtlSession *s = ftl_session_new();
    if (!s) return ftl_cli_nomem();
    FtlRealmResult res;
    FtlStatus st = run_blocked(s, &q, &res);
    if (st == FTL_NOMEM) {
        ftl_session_free(s);
        return ftl_cli_nomem();
    }
    rc = exit_status(st);
    FtlDiagnosticFormat format = (FtlDiagnosticFormat)a->error_format;
    unsigned flags = 0;
    if (format == FTL_DIAGNOSTICS_TEXT && ftl_cli_color(a->color_mode)) flags |= FTL_RENDER_COLOR;
    size_t n = 0;
    ftl_session_diagnostics(s, &n);
    if (n || format != FTL_DIAGNOSTICS_TEXT)
        ftl_session_render_diagnostics(s, format, flags, stderr);
    if (rc == FTL_EXIT_OK && ftl_session_error_count(s)) rc = FTL_EXIT_ERRORS;
    /* A dry run shows what it found also when the update would be refused;
     * standard output is written at once, all of it. */
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out) nomem();
    if (rc == FTL_EXIT_OK || (q.dry_run && rc == FTL_EXIT_ERRORS)) print_result(out, &q, &res, a);
    if (fclose(out) != 0) nomem();
    if (len && ftl_cli_write_stdout(text, len) != 0) rc = FTL_EXIT_USAGE;
    free(text);
    ftl_session_free(s);
    return rc;
}

int cli_realm_main(int argc, char **argv)
{
    const char *sub = argc > 2 ? argv[2] : NULL;
    if (!sub) {
        overview(stderr);
        return FTL_EXIT_USAGE;
    }
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) return cli_realm_help(NULL);
    const CliCommand *c = subcommand(sub);
    if (!c) return ftl_cli_usage("realm", "unknown command '%s'", sub);
    CliArgs a;
    int rc = cli_parse(c, argc, argv, 3, &a);
    if (rc == 1)
        rc = FTL_EXIT_OK; /* --help */
    else if (rc == 0)
        rc = run_command(c, &a);
    cli_args_free(&a);
    return rc;
}
