/* cmd_breaking.c - ftlc breaking: is the API compiled from FILE... compatible with
 * an older version of it (--against FILE... or --against-git REV)? The rules engine is
 * src/realm/breaking*.c; this file reads the command line, loads both sides into one
 * run (one interner, one source set: findings point into either side) and reports.
 */
#define _POSIX_C_SOURCE 200809L
#include "cli/cmd_breaking.h"
#include "base/diagfmt.h"
#include "base/strlit.h"
#include "cli/cli.h"
#include "proto/schema_io.h"
#include "realm/breaking.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char BREAKING_HELP[] =
    "usage: ftlc breaking (--against FILE | --against-git REV) [options] FILE...\n"
    "\n"
    "Compares the API compiled from FILE... (the new version) with an older one and\n"
    "reports every change that breaks its callers, one error per change with the rule\n"
    "that it breaks as its code. The older version is --against FILE (schema text or a\n"
    "public schema: .txtpb, .json, .binpb; may be repeated) or --against-git REV: the\n"
    "same files, and the realms the project file pins, as they are at revision REV of\n"
    "the current directory's git repository.\n"
    "\n"
    "options:\n"
    "      --against FILE      the older version: schema text or a public schema\n"
    "      --against-git REV   the older version: FILE... at git revision REV\n"
    "      --scope SCOPE       realm (default): what other realms can use ('export\n"
    "                          realm' and the types it reaches); module: also what other\n"
    "                          modules can use ('export'); all: every declaration\n"
    "      --category CAT      source (default): every rule; wire: only changes that\n"
    "                          break callers at run time (WIRE), not generated code only\n"
    "      --except RULE       do not check RULE (repeatable, or RULE,RULE)\n"
    "      --summary           print one line per rule with its count on standard output\n"
    "  -I DIR                  load a module referenced but not given from DIR/<module>.ftl\n"
    "                          (or .txtpb, .json, .binpb); read from disk for both versions\n"
    "      --realm NAME        the local realm's name (default: name in ftl-project.toml)\n"
    "      --project FILE      the project file (default: ftl-project.toml in the current\n"
    "                          directory or the nearest parent that has one)\n"
    "      --external-realm NAME=FILE\n"
    "                          an external realm: 'external realm NAME { ... }' or its\n"
    "                          public schema\n"
    "      --input-format FMT  read FILE... as ftl, txtpb, json or binpb (default: by\n"
    "                          extension)\n"
    "      --error-format FMT  text (default), json, sarif, github or ftl\n"
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"
    "      --max-errors N      show at most N errors (default 100; 0 shows all)\n"
    "  -W error                treat warnings as errors\n"
    "  -q, --quiet             do not print warnings\n"
    "  -h, --help              show this help\n"
    "\n"
    "rules (WIRE: callers break at run time; SOURCE: generated clients no longer build):\n"
    "  VERB_NO_DELETE (WIRE)                 DECL_NO_DELETE (SOURCE)\n"
    "  DECL_SAME_KIND (SOURCE)               VERB_SAME_REQUEST (WIRE)\n"
    "  VERB_SAME_RESPONSE (WIRE)             TYPE_SAME_PARAMETERS (SOURCE)\n"
    "  FIELD_NO_DELETE (WIRE/SOURCE)         FIELD_SAME_TYPE (WIRE)\n"
    "  FIELD_SAME_JSON_NAME (WIRE)           FIELD_NO_REQUIRED_ADD (WIRE)\n"
    "  FIELD_SAME_OPTIONALITY (WIRE)         ENUM_SAME_KIND (WIRE)\n"
    "  ENUM_VALUE_NO_DELETE (WIRE/SOURCE)    ENUM_VALUE_SAME_VALUE (WIRE)\n"
    "  ENUM_VALUE_NO_ADD_OUT (WIRE)          TOPIC_SAME_EVENT (WIRE)\n"
    "  REALM_SAME_NAME (WIRE)\n"
    "\n"
    "exit status: 0 nothing breaks, 1 something breaks (or an input has errors),\n"
    "2 usage, I/O or git errors. See ftlc-breaking(1).\n";

typedef struct Opts {
    const char **files, **against, **includes, **ext_names, **ext_paths;
    int nfiles, nagainst, nincludes, nexternals;
    const char *against_git, *realm, *project;
    int input_format;
    FtlBrkOptions brk;
    int summary, werror, quiet, color_mode, ext_format;
    FtlDiagFormat format;
    unsigned max_errors;
} Opts;

const char *ftl_breaking_help(void)
{
    return BREAKING_HELP;
}

/* ---- options ------------------------------------------------------------------------------------
 */

static int usage(const char *fmt, const char *arg)
{
    return ftl_cli_usage("breaking", fmt, arg);
}

static int except_rules(Opts *o, const char *list)
{
    char buf[256];
    for (const char *p = list; *p;) {
        size_t n = strcspn(p, ",");
        snprintf(buf, sizeof buf, "%.*s", (int)(n < 255 ? n : 255), p);
        int r = ftl_brk_rule_parse(buf);
        if (r < 0) return usage("unknown rule '%s' (see the list in 'ftlc breaking --help')", buf);
        o->brk.except |= 1u << r;
        p += n + (p[n] == ',');
    }
    return FTL_EXIT_OK;
}

static int external(Opts *o, const char *v)
{
    const char *eq = strchr(v, '=');
    if (!eq || eq == v || !eq[1]) return usage("--external-realm needs NAME=FILE, got '%s'", v);
    size_t n = (size_t)(eq - v);
    if (!ftl_is_plain_ident(v, n))
        return usage("--external-realm '%s': NAME is not a realm name (an identifier)", v);
    char *name = ftl_xmalloc(n + 1);
    memcpy(name, v, n);
    name[n] = '\0';
    o->ext_names[o->nexternals] = name;
    o->ext_paths[o->nexternals++] = eq + 1;
    return FTL_EXIT_OK;
}

static int error_format(Opts *o, const char *v)
{
    static const char *const ext[] = {"sarif", "github", "ftl"};
    if (strcmp(v, "text") == 0 || strcmp(v, "json") == 0) {
        o->format = strcmp(v, "json") == 0 ? FTL_DIAG_JSON : FTL_DIAG_TEXT;
        return FTL_EXIT_OK;
    }
    for (int i = 0; i < 3; i++)
        if (strcmp(v, ext[i]) == 0) {
            o->ext_format = i; /* FTL_FMT_SARIF, _GITHUB, _FTL */
            return FTL_EXIT_OK;
        }
    return usage("unknown error format '%s' (expected text, json, sarif, github or ftl)", v);
}

/* Options with a value; returns -1 when argv[*i] is none of them. */
static int valued(Opts *o, int argc, char **argv, int *i)
{
    static const char *const names[] = {
        "--against", "--against-git", "--scope",        "--category",
        "--except",  "--realm",       "--project",      "--error-format",
        "--color",   "--max-errors",  "--input-format", "--external-realm",
        NULL};
    const char *v = NULL;
    int k = 0;
    while (names[k] && !ftl_cli_opt_value(argc, argv, i, names[k], &v))
        k++;
    if (!names[k]) return -1;
    if (!v || !*v) return usage("option '%s' needs a value", names[k]);
    FtlFormat f;
    char *end = NULL;
    unsigned long n;
    switch (k) {
    case 0: o->against[o->nagainst++] = v; return FTL_EXIT_OK;
    case 1: o->against_git = v; return FTL_EXIT_OK;
    case 2:
        if (ftl_brk_scope_parse(v) < 0)
            return usage("unknown scope '%s' (expected realm, module or all)", v);
        o->brk.scope = (FtlBrkScope)ftl_brk_scope_parse(v);
        return FTL_EXIT_OK;
    case 3:
        if (strcmp(v, "wire") != 0 && strcmp(v, "source") != 0)
            return usage("unknown category '%s' (expected wire or source)", v);
        o->brk.categories = strcmp(v, "wire") == 0 ? FTL_BRK_WIRE : FTL_BRK_CAT_ALL;
        return FTL_EXIT_OK;
    case 4: return except_rules(o, v);
    case 5:
        if (!ftl_is_plain_ident(v, strlen(v)))
            return usage("--realm '%s' is not a realm name (an identifier)", v);
        o->realm = v;
        return FTL_EXIT_OK;
    case 6: o->project = v; return FTL_EXIT_OK;
    case 7: return error_format(o, v);
    case 8:
        o->color_mode = ftl_cli_color_mode(v);
        return o->color_mode < 0
                   ? usage("unknown colour mode '%s' (expected auto, always or never)", v)
                   : FTL_EXIT_OK;
    case 9:
        n = *v != '-' ? strtoul(v, &end, 10) : 0;
        if (!end || *end || n > 1000000)
            return usage("--max-errors needs a number from 0 (all) to 1000000, got '%s'", v);
        o->max_errors = (unsigned)n;
        return FTL_EXIT_OK;
    case 10:
        if (ftl_format_parse(v, &f) != 0)
            return usage("unknown input format '%s' (expected ftl, txtpb, json or binpb)", v);
        o->input_format = (int)f;
        return FTL_EXIT_OK;
    default: return external(o, v);
    }
}

/* Flags and -I, -W; returns -1 when argv[*i] is none of them. */
static int flag(Opts *o, int argc, char **argv, int *i)
{
    const char *a = argv[*i];
    if (strcmp(a, "--summary") == 0)
        o->summary = 1;
    else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
        o->quiet = 1;
    else if (strncmp(a, "-I", 2) == 0 || strncmp(a, "-W", 2) == 0) {
        const char *v = a[2] ? a + 2 : (*i + 1 < argc ? argv[++*i] : NULL);
        if (a[1] == 'I' && !v) return usage("option '%s' needs a directory", "-I");
        if (a[1] == 'I')
            o->includes[o->nincludes++] = v;
        else if (!v || strcmp(v, "error") != 0)
            return usage("unknown warning option '%s' (expected '-W error')", v ? v : "");
        else
            o->werror = 1;
    } else
        return -1;
    return FTL_EXIT_OK;
}

static int check_opts(const Opts *o)
{
    if (!o->nagainst && !o->against_git)
        return usage("%s", "what to compare with is missing: give --against FILE or "
                           "--against-git REV");
    if (o->nagainst && o->against_git)
        return usage("%s", "--against and --against-git cannot be combined");
    if (o->nfiles == 0) return usage("%s", "no input files (use '-' for standard input)");
    for (int i = 0; o->against_git && i < o->nfiles; i++)
        if (strcmp(o->files[i], "-") == 0)
            return usage("%s", "--against-git reads the files at a revision: '-' has none");
    return FTL_EXIT_OK;
}

static int parse(Opts *o, int argc, char **argv)
{
    size_t n = (size_t)argc + 1;
    o->files = calloc(n, sizeof *o->files);
    o->against = calloc(n, sizeof *o->against);
    o->includes = calloc(n, sizeof *o->includes);
    o->ext_names = calloc(n, sizeof *o->ext_names);
    o->ext_paths = calloc(n, sizeof *o->ext_paths);
    if (!o->files || !o->against || !o->includes || !o->ext_names || !o->ext_paths) ftl_oom();
    o->brk.categories = FTL_BRK_CAT_ALL;
    o->input_format = o->ext_format = -1;
    o->max_errors = FTL_MAX_ERRORS_DEFAULT;
    int only_files = 0, rc;
    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(ftl_breaking_help(), stdout);
            return -1;
        } else if ((rc = valued(o, argc, argv, &i)) >= 0 || (rc = flag(o, argc, argv, &i)) >= 0) {
            if (rc != FTL_EXIT_OK) return rc;
        } else {
            return usage("unknown option '%s'", a);
        }
    }
    return check_opts(o);
}

static void opts_free(Opts *o)
{
    for (int i = 0; i < o->nexternals; i++)
        free((char *)o->ext_names[i]);
    free(o->files);
    free(o->against);
    free(o->includes);
    free(o->ext_names);
    free(o->ext_paths);
}

/* ---- the run
 * -------------------------------------------------------------------------------------- */

typedef struct Run {
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlProject project, old_project;
    int has_project, has_old_project;
    FtlSchema old, fresh;
    FtlGit git;
    uint32_t old_files; /* the first file id of the older version's files */
    char commit[FTL_GIT_COMMIT_MAX];
    char err[1200];
} Run;

static void run_init(Run *r, const Opts *o)
{
    memset(r, 0, sizeof *r);
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->in, &r->arena);
    ftl_sources_init(&r->src);
    ftl_diags_init(&r->diags);
    r->diags.max_errors = o->max_errors;
    ftl_schema_init(&r->fresh, &r->arena, &r->in, &r->diags, &r->src);
    ftl_schema_init(&r->old, &r->arena, &r->in, &r->diags, &r->src);
    ftl_git_init_here(&r->git, 120);
}

static void run_free(Run *r)
{
    ftl_git_free(&r->git);
    ftl_schema_free(&r->old);
    ftl_schema_free(&r->fresh);
    if (r->has_old_project) ftl_project_free(&r->old_project);
    if (r->has_project) ftl_project_free(&r->project);
    ftl_diags_free(&r->diags);
    ftl_sources_free(&r->src);
    ftl_intern_free(&r->in);
    ftl_arena_free(&r->arena);
}

static int io_error(const char *msg)
{
    fprintf(stderr, "ftlc breaking: error: %s\n", msg);
    return FTL_EXIT_USAGE;
}

/* ftl-project.toml: the one given with --project, else the nearest one. */
static int load_project(Run *r, const Opts *o)
{
    char *found = o->project ? NULL : ftl_project_find();
    const char *path = o->project ? o->project : found;
    int rc = 0;
    if (path) rc = ftl_project_read(&r->project, path, &r->src, &r->diags, r->err, sizeof r->err);
    r->has_project = path && rc == 0;
    free(found);
    return rc == 0 ? FTL_EXIT_OK : io_error(r->err);
}

static FtlBrkInputs inputs(const Opts *o, const FtlProject *project)
{
    FtlBrkInputs in = {.files = (const char *const *)o->files,
                       .nfiles = o->nfiles,
                       .input_format = o->input_format,
                       .realm = o->realm,
                       .includes = (const char *const *)o->includes,
                       .nincludes = o->nincludes,
                       .ext_names = (const char *const *)o->ext_names,
                       .ext_paths = (const char *const *)o->ext_paths,
                       .nexternals = o->nexternals,
                       .project = project};
    return in;
}

/* The older version: --against files with the new side's context, or the same
 * inputs at the revision. */
static int load_old(Run *r, const Opts *o)
{
    FtlBrkInputs in = inputs(o, r->has_project ? &r->project : NULL);
    in.realm_weak = 1;
    FtlBrkFrom from = {NULL, NULL, NULL};
    if (o->nagainst) {
        in.files = (const char *const *)o->against;
        in.nfiles = o->nagainst;
        in.input_format = -1;
    } else {
        if (ftl_git_resolve(&r->git, o->against_git, r->commit) != 0) return io_error(r->git.err);
        from = (FtlBrkFrom){&r->git, r->commit, o->against_git};
        int rc = r->has_project ? ftl_brk_project_at(&r->old_project, &r->project, &from, &r->src,
                                                     &r->diags, r->err, sizeof r->err)
                                : 1;
        if (rc < 0) return io_error(r->err);
        r->has_old_project = rc == 0;
        in.project = rc == 0 ? &r->old_project : NULL;
    }
    if (ftl_brk_load(&r->old, &in, &from, r->err, sizeof r->err) != 0) return io_error(r->err);
    return FTL_EXIT_OK;
}

static int is_error(const FtlDiag *g, void *ctx)
{
    (void)ctx;
    return g->sev == FTL_SEV_ERROR;
}

/* The older version's warnings are not news: it is the baseline, and was built. */
static int not_old_warning(const FtlDiag *g, void *ctx)
{
    const Run *r = ctx;
    return g->sev == FTL_SEV_ERROR || g->span.file < r->old_files;
}

static void report(Run *r, const Opts *o)
{
    FtlDiags *d = &r->diags;
    ftl_diags_filter(d, not_old_warning, r);
    for (unsigned i = 0; o->werror && i < d->count; i++)
        if (d->items[i].sev == FTL_SEV_WARNING) {
            d->items[i].sev = FTL_SEV_ERROR;
            d->warnings--;
            d->errors++;
        }
    if (o->quiet) ftl_diags_filter(d, is_error, NULL);
    ftl_diags_sort(d);
    if (o->ext_format >= 0) {
        ftl_diags_render_ext(d, &r->src, (FtlExtFormat)o->ext_format, stderr);
    } else {
        FtlDiagStyle style = ftl_cli_style(o->format, o->color_mode);
        if (d->count || style.format == FTL_DIAG_JSON) ftl_diags_render(d, &r->src, style, stderr);
    }
}

static int compare(Run *r, const Opts *o)
{
    FtlBrkSide old = {&r->old, r->old.local}, fresh = {&r->fresh, r->fresh.local};
    FtlBrkReport rep;
    ftl_brk_compare(&rep, &old, &fresh, &o->brk);
    ftl_brk_to_diags(&rep, &r->diags, FTL_SEV_ERROR);
    report(r, o);
    if (o->summary) {
        FtlBuf b;
        ftl_buf_init(&b);
        ftl_brk_summary(&b, &rep);
        fwrite(b.data, 1, b.len, stdout);
        ftl_buf_free(&b);
    }
    int rc = rep.count || ftl_diags_failed(&r->diags) ? FTL_EXIT_ERRORS : FTL_EXIT_OK;
    ftl_brk_report_free(&rep);
    return rc;
}

int ftl_cmd_breaking(int argc, char **argv)
{
    Opts o;
    memset(&o, 0, sizeof o);
    int rc = parse(&o, argc, argv);
    if (rc != FTL_EXIT_OK) {
        opts_free(&o);
        return rc < 0 ? FTL_EXIT_OK : rc;
    }
    Run r;
    run_init(&r, &o);
    rc = load_project(&r, &o);
    FtlBrkInputs in = inputs(&o, r.has_project ? &r.project : NULL);
    FtlBrkFrom disk = {NULL, NULL, NULL};
    if (rc == FTL_EXIT_OK && ftl_brk_load(&r.fresh, &in, &disk, r.err, sizeof r.err) != 0)
        rc = io_error(r.err);
    r.old_files = r.src.count + 1;
    if (rc == FTL_EXIT_OK) rc = load_old(&r, &o);
    if (rc == FTL_EXIT_OK && r.diags.errors) {
        report(&r, &o); /* no comparison of schemas that do not check */
        rc = FTL_EXIT_ERRORS;
    } else if (rc == FTL_EXIT_OK) {
        rc = compare(&r, &o);
    }
    run_free(&r);
    opts_free(&o);
    return rc;
}
