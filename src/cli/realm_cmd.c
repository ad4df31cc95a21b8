/* realm_cmd.c - ftlc realm add | update | list | remove | fetch (FEDERATION.md
 * section 5).
 *
 * Every command that writes works in two phases: first everything that can fail
 * (git, checking the fetched schemas, editing the project text in memory), then
 * the writes, cache files first and ftl-project.toml last, each atomic and undone
 * if a later one fails. So a failed command leaves the project file and the cache
 * as they were. Standard output is written only when the command succeeds;
 * diagnostics go to standard error.
 */
#define _XOPEN_SOURCE 700
#include "cli/realm_cmd.h"
#include "cli/cli.h"
#include "cli/output.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/fileio.h"
#include "realm/git.h"
#include "base/intern.h"
#include "realm/project.h"
#include "realm/realm.h"
#include "realm/realm_diff.h"
#include "base/sha256.h"
#include "base/strlit.h"
#include "realm/toml.h"

#include <errno.h>
#include <stddef.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- help ------------------------------------------------------------------------------ */

#define COMMON_OPTIONS                                                                             \
    "      --project FILE      the project file (default: ftl-project.toml in the current\n"       \
    "                          directory or the nearest parent directory that has one)\n"          \
    "      --color WHEN        colour diagnostics: auto (default), always, never\n"                \
    "      --error-format FMT  diagnostics as text (default) or json\n"                            \
    "  -h, --help              show this help\n"

#define GIT_OPTIONS "      --timeout SECONDS   time allowed for each git command (default 120)\n"

#define EXIT_STATUS                                                                                \
    "\n"                                                                                           \
    "exit status: 0 success; 1 errors (an invalid project file or schema, a missing or\n"          \
    "tampered cache entry); 2 usage errors, I/O errors and git failures.\n"

static const char REALM_HELP[] =
    "usage: ftlc realm <command> [options]\n"
    "\n"
    "Manages the external realms that ftl-project.toml pins: the git repository,\n"
    "branch and commit of each realm's public schema, and a verified copy of that\n"
    "schema in the project's cache (.ftl/realms/NAME/COMMIT.EXT). ftlc check, emit\n"
    "and export load the pinned realms from the cache.\n"
    "\n"
    "commands:\n"
    "  add       pin a realm: fetch its branch head, check its public schema, record it\n"
    "  update    move realms to their branch heads and summarise the API changes\n"
    "  list      show the pinned realms, their commits and whether they are cached\n"
    "  remove    unpin realms and delete their cache\n"
    "  fetch     make sure every pinned schema is in the cache (--offline: only check)\n"
    "\n"
    "options of every command:\n" COMMON_OPTIONS "\n"
    "Run 'ftlc realm <command> --help' for a command's options. See ftlc-realm(1) and\n"
    "ftl-project.toml(5).\n" EXIT_STATUS;

static const char ADD_HELP[] =
    "usage: ftlc realm add --git-repo URL --git-branch BRANCH [--git-path PATH]\n"
    "                      [--name NAME] [options]\n"
    "\n"
    "Fetches the head of BRANCH, reads the repository's own ftl-project.toml at that\n"
    "commit (for its export-path) and the realm's public schema (--git-path, else that\n"
    "export-path, else ftl-external-schema.txtpb; .txtpb, .json, .binpb or .ftl by\n"
    "extension), and checks the schema: exactly one realm, valid on its own. Then it\n"
    "adds [realms.egress.NAME] to ftl-project.toml (git-repo, git-branch, git-commit,\n"
    "git-path if given, schema-sha256) and caches the schema. Nothing is written when\n"
    "a step fails. The rest of ftl-project.toml is kept byte for byte.\n"
    "\n"
    "options:\n"
    "      --git-repo URL      the repository: an https://, ssh://, git:// or file://\n"
    "                          URL, host:path, or a path (relative to the project's\n"
    "                          directory); never one that begins with '-' or 'ext::'\n"
    "      --git-branch BRANCH the branch to follow\n"
    "      --git-path PATH     the public schema's path in the repository\n"
    "      --name NAME         the realm's name in this project (default: the name of\n"
    "                          the realm in its public schema)\n" GIT_OPTIONS COMMON_OPTIONS
        EXIT_STATUS;

static const char UPDATE_HELP[] =
    "usage: ftlc realm update [options] [NAME...]\n"
    "\n"
    "Moves each named realm (every pinned realm by default) to the head of its\n"
    "git-branch: fetches and checks the public schema there, records the new\n"
    "git-commit and schema-sha256 and caches the schema. For each realm it prints\n"
    "the old and new commits and the public API changes between the two schemas,\n"
    "each marked compatible or breaking. Nothing is written when any realm fails.\n"
    "\n"
    "options:\n" GIT_OPTIONS COMMON_OPTIONS EXIT_STATUS;

static const char LIST_HELP[] =
    "usage: ftlc realm list [--format text|json] [options]\n"
    "\n"
    "Lists the pinned realms: name, repository, branch, commit, whether the schema\n"
    "of that commit is cached (cached, missing, mismatch: not what schema-sha256\n"
    "says, unpinned: no git-commit), the config key of the realm's endpoint\n"
    "(<name>-realm-endpoint) and the table that declares it ([realms.egress], or\n"
    "upstream FTL's [external-realms]). Uses no network.\n"
    "\n"
    "options:\n"
    "      --format FMT        text (default: a table) or json\n" COMMON_OPTIONS EXIT_STATUS;

static const char REMOVE_HELP[] =
    "usage: ftlc realm remove [options] NAME...\n"
    "\n"
    "Removes the realms' tables from ftl-project.toml (the rest of the file is kept\n"
    "byte for byte) and deletes their cache (.ftl/realms/NAME).\n"
    "\n"
    "options:\n" COMMON_OPTIONS EXIT_STATUS;

static const char FETCH_HELP[] =
    "usage: ftlc realm fetch [--offline] [options] [NAME...]\n"
    "\n"
    "Makes sure the schema of every pinned commit (of the named realms) is in the\n"
    "cache and matches its schema-sha256, fetching what is missing or does not\n"
    "match. With --offline nothing is fetched: it only checks, for CI, and fails\n"
    "when a schema is missing or does not match.\n"
    "\n"
    "options:\n"
    "      --offline           check only; use no network\n" GIT_OPTIONS COMMON_OPTIONS EXIT_STATUS;

const char *ftl_realm_help(const char *sub)
{
    if (!sub) return REALM_HELP;
    if (strcmp(sub, "add") == 0) return ADD_HELP;
    if (strcmp(sub, "update") == 0) return UPDATE_HELP;
    if (strcmp(sub, "list") == 0) return LIST_HELP;
    if (strcmp(sub, "remove") == 0) return REMOVE_HELP;
    if (strcmp(sub, "fetch") == 0) return FETCH_HELP;
    return NULL;
}

/* Diagnostics about no place in a file (git's failures). */
static const FtlSpan NOWHERE = {0, 0, 0};

/* ---- the run ----------------------------------------------------------------------------- */

typedef struct Cmd {
    const char *sub;
    char label[32]; /* "realm add", for usage errors */
    /* options */
    const char *project_path, *git_repo, *git_branch, *git_path, *name, *format;
    int offline, timeout, color_mode;
    FtlDiagFormat error_format;
    const char **names;
    int nnames;
    /* state */
    FtlArena arena;
    FtlInterner in;
    FtlSources src;
    FtlDiags diags;
    FtlProject project;
    FtlBuf out; /* standard output, written when the command succeeds */
} Cmd;

static void cmd_init(Cmd *c, const char *sub)
{
    memset(c, 0, sizeof *c);
    c->sub = sub;
    snprintf(c->label, sizeof c->label, "realm %s", sub);
    c->timeout = 120;
    ftl_arena_init(&c->arena);
    ftl_intern_init(&c->in, &c->arena);
    ftl_sources_init(&c->src);
    ftl_diags_init(&c->diags);
    ftl_buf_init(&c->out);
}

static void cmd_free(Cmd *c)
{
    ftl_project_free(&c->project);
    ftl_buf_free(&c->out);
    ftl_diags_free(&c->diags);
    ftl_sources_free(&c->src);
    ftl_intern_free(&c->in);
    ftl_arena_free(&c->arena);
    free(c->names);
}

/* The worse of two exit statuses. */
static int worse(int a, int b)
{
    return a > b ? a : b;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s);
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n + 1);
    return c;
}

/* ---- options ----------------------------------------------------------------------------- */

static int has(const char *subs, const char *sub)
{
    size_t n = strlen(sub);
    for (const char *p = strstr(subs, sub); p; p = strstr(p + 1, sub))
        if ((p == subs || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    return 0;
}

/* An option that takes a value; 1 when argv[*i] was one, -1 on a usage error. */
static int value_option(Cmd *c, int argc, char **argv, int *i)
{
    static const struct {
        const char *name, *subs;
        size_t at;
    } opts[] = {
        {"--project", "add update list remove fetch", offsetof(Cmd, project_path)},
        {"--git-repo", "add", offsetof(Cmd, git_repo)},
        {"--git-branch", "add", offsetof(Cmd, git_branch)},
        {"--git-path", "add", offsetof(Cmd, git_path)},
        {"--name", "add", offsetof(Cmd, name)},
        {"--format", "list", offsetof(Cmd, format)},
    };
    const char *v;
    for (size_t k = 0; k < sizeof opts / sizeof opts[0]; k++) {
        if (!has(opts[k].subs, c->sub) || !ftl_cli_opt_value(argc, argv, i, opts[k].name, &v))
            continue;
        if (!v || !*v)
            return ftl_cli_usage(c->label, "option '%s' needs a value", opts[k].name), -1;
        *(const char **)((char *)c + opts[k].at) = v;
        return 1;
    }
    return 0;
}

/* Options with their own rules; 1 when argv[*i] was one, -1 on a usage error. */
static int special_option(Cmd *c, int argc, char **argv, int *i)
{
    const char *v;
    if (strcmp(c->sub, "fetch") == 0 && strcmp(argv[*i], "--offline") == 0) {
        c->offline = 1;
        return 1;
    }
    if (has("add update fetch", c->sub) && ftl_cli_opt_value(argc, argv, i, "--timeout", &v)) {
        char *end;
        long t = v ? strtol(v, &end, 10) : 0;
        if (!v || !*v || *end || t < 1 || t > 86400)
            return ftl_cli_usage(c->label,
                                 "--timeout needs a number of seconds (1 to 86400), got '%s'",
                                 v ? v : ""),
                   -1;
        c->timeout = (int)t;
        return 1;
    }
    if (ftl_cli_opt_value(argc, argv, i, "--color", &v)) {
        c->color_mode = v ? ftl_cli_color_mode(v) : -1;
        if (c->color_mode < 0)
            return ftl_cli_usage(c->label,
                                 "unknown colour mode '%s' (expected auto, always or never)",
                                 v ? v : ""),
                   -1;
        return 1;
    }
    if (ftl_cli_opt_value(argc, argv, i, "--error-format", &v)) {
        if (v && strcmp(v, "text") == 0)
            c->error_format = FTL_DIAG_TEXT;
        else if (v && strcmp(v, "json") == 0)
            c->error_format = FTL_DIAG_JSON;
        else
            return ftl_cli_usage(c->label, "unknown error format '%s' (expected text or json)",
                                 v ? v : ""),
                   -1;
        return 1;
    }
    return 0;
}

/* What each command requires of its options once they are all read. */
static int check_options(Cmd *c)
{
    if (has("add list", c->sub) && c->nnames)
        return ftl_cli_usage(c->label, "unexpected argument '%s'", c->names[0]);
    if (strcmp(c->sub, "remove") == 0 && !c->nnames)
        return ftl_cli_usage(c->label, "%s", "name the realms to remove");
    if (c->format && strcmp(c->format, "text") != 0 && strcmp(c->format, "json") != 0)
        return ftl_cli_usage(c->label, "unknown format '%s' (expected text or json)", c->format);
    if (strcmp(c->sub, "add") != 0) return FTL_EXIT_OK;
    if (!c->git_repo) return ftl_cli_usage(c->label, "%s", "--git-repo is required");
    if (!c->git_branch) return ftl_cli_usage(c->label, "%s", "--git-branch is required");
    const char *why = ftl_git_refuse_repo(c->git_repo);
    if (why) return ftl_cli_usage(c->label, "--git-repo is refused: %s", why);
    if ((why = ftl_git_refuse_branch(c->git_branch)))
        return ftl_cli_usage(c->label, "--git-branch is refused: %s", why);
    if (c->git_path && !ftl_path_is_inner(c->git_path))
        return ftl_cli_usage(c->label, "--git-path '%s' must be relative, without '..'",
                             c->git_path);
    if (c->name && !ftl_is_plain_ident(c->name, strlen(c->name)))
        return ftl_cli_usage(c->label, "--name '%s' is not a realm name (an identifier)", c->name);
    return FTL_EXIT_OK;
}

static int parse_options(Cmd *c, int argc, char **argv)
{
    c->names = ftl_xmalloc(((size_t)argc + 1) * sizeof *c->names);
    int only_names = 0, rc;
    for (int i = 3; i < argc; i++) {
        const char *a = argv[i];
        if (only_names || a[0] != '-') {
            c->names[c->nnames++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_names = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(ftl_realm_help(c->sub), stdout);
            return -1;
        } else if ((rc = value_option(c, argc, argv, &i)) != 0 ||
                   (rc = special_option(c, argc, argv, &i)) != 0) {
            if (rc < 0) return FTL_EXIT_USAGE;
        } else {
            return ftl_cli_usage(c->label, "unknown option '%s'", a);
        }
    }
    return check_options(c);
}

/* ---- the project ------------------------------------------------------------------------ */

static int load_project(Cmd *c)
{
    char *found = NULL, err[600];
    const char *path = c->project_path;
    if (!path && !(path = found = ftl_project_find())) {
        fprintf(stderr,
                "ftlc %s: error: no %s in the current directory or any parent "
                "directory (give one with --project FILE)\n",
                c->label, FTL_PROJECT_FILE);
        return FTL_EXIT_USAGE;
    }
    int rc = ftl_project_read(&c->project, path, &c->src, &c->diags, err, sizeof err);
    free(found);
    if (rc != 0) {
        fprintf(stderr, "ftlc %s: error: %s\n", c->label, err);
        return FTL_EXIT_USAGE;
    }
    return c->diags.errors ? FTL_EXIT_ERRORS : FTL_EXIT_OK;
}

/* The pins the command names (all of them when it names none); a name that is
 * not pinned is a usage error. */
static int select_pins(Cmd *c, const FtlPin ***pins, size_t *n)
{
    *pins = ftl_xmalloc((c->project.npins + (size_t)c->nnames + 1) * sizeof **pins);
    *n = 0;
    if (!c->nnames)
        for (size_t i = 0; i < c->project.npins; i++)
            (*pins)[(*n)++] = &c->project.pins[i];
    for (int i = 0; i < c->nnames; i++) {
        const FtlPin *p = ftl_project_pin(&c->project, c->names[i]);
        if (!p) {
            fprintf(stderr, "ftlc %s: error: no realm \"%s\" is pinned in %s\n", c->label,
                    c->names[i], c->project.path);
            return FTL_EXIT_USAGE;
        }
        (*pins)[(*n)++] = p;
    }
    return FTL_EXIT_OK;
}

/* The repository as git is given it: a relative path is relative to the
 * project's directory, and git runs in a directory of its own. */
static char *repo_for_git(const Cmd *c, const char *repo)
{
    if (!ftl_git_is_local_path(repo) || repo[0] == '/') return dup_str(repo);
    char *joined = ftl_project_join(&c->project, repo);
    if (joined[0] == '/') return joined;
    char cwd[4096];
    if (!getcwd(cwd, sizeof cwd)) return joined; /* git will say it does not exist */
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/%s", cwd, joined);
    free(joined);
    return b.data;
}

/* ---- fetching a schema ------------------------------------------------------------------- */

typedef struct Fetched {
    char commit[FTL_GIT_COMMIT_MAX];
    char *path; /* in the repository */
    char *data;
    size_t len;
    char sha[FTL_SHA256_HEX];
    char *display; /* LABEL@COMMIT/PATH: the name diagnostics give the fetched file */
} Fetched;

static void fetched_free(Fetched *f)
{
    free(f->path);
    free(f->data);
    free(f->display);
    memset(f, 0, sizeof *f);
}

static char *display_name(const char *label, const char *commit, const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s@%.12s/%s", label, commit, path);
    return b.data;
}

/* What a realm is called in messages before its schema names it: the
 * repository's last path segment without ".git". */
static void repo_label(char *out, size_t cap, const char *repo)
{
    size_t n = strlen(repo);
    while (n && (repo[n - 1] == '/'))
        n--;
    if (n > 4 && strncmp(repo + n - 4, ".git", 4) == 0) n -= 4;
    size_t s = n;
    while (s && repo[s - 1] != '/' && repo[s - 1] != ':')
        s--;
    snprintf(out, cap, "%.*s", (int)(n - s > 0 ? n - s : 0), repo + s);
    if (!out[0]) snprintf(out, cap, "realm");
}

static int git_failed(FtlDiags *d, const FtlGit *g)
{
    ftl_error(d, NOWHERE, "E0708", "%s", g->err);
    return FTL_EXIT_USAGE;
}

/* The export-path of the repository's own ftl-project.toml at f->commit (malloc'd),
 * or NULL in *path when it has none. */
static int remote_export_path(Cmd *c, FtlGit *g, const char *label, Fetched *f, FtlDiags *d,
                              char **path)
{
    char *text;
    size_t len;
    *path = NULL;
    int rc = ftl_git_read(g, f->commit, FTL_PROJECT_FILE, &text, &len);
    if (rc < 0) return git_failed(d, g);
    if (rc == 1) return FTL_EXIT_OK;
    FtlProject remote;
    memset(&remote, 0, sizeof remote);
    char *name = display_name(label, f->commit, FTL_PROJECT_FILE);
    unsigned errors = ftl_project_parse(&remote, name, text, len, FTL_PROJECT_NO_PINS, &c->src, d);
    if (!errors) *path = dup_str(remote.export_path);
    ftl_project_free(&remote);
    free(name);
    free(text);
    return errors ? FTL_EXIT_ERRORS : FTL_EXIT_OK;
}

/* Reads the schema at f->commit (fetched already): git_path, else the export-path
 * of the repository's ftl-project.toml there, else the default. */
static int read_schema(Cmd *c, FtlGit *g, const char *label, const char *git_path, Fetched *f,
                       FtlDiags *d)
{
    char *remote = NULL;
    int rc = git_path ? FTL_EXIT_OK : remote_export_path(c, g, label, f, d, &remote);
    if (rc != FTL_EXIT_OK) return rc;
    f->path = dup_str(git_path ? git_path : remote ? remote : FTL_DEFAULT_EXPORT_PATH);
    free(remote);
    rc = ftl_git_read(g, f->commit, f->path, &f->data, &f->len);
    if (rc < 0) return git_failed(d, g);
    if (rc == 1) {
        FtlDiag *e = ftl_error(d, NOWHERE, "E0708", "%s: there is no '%s' at commit %.12s of '%s'",
                               label, f->path, f->commit, g->repo);
        ftl_diag_fixit(e, "give the schema's path with --git-path, or set export-path under "
                          "[realms] in the realm's own ftl-project.toml");
        return FTL_EXIT_ERRORS;
    }
    ftl_sha256_hex(f->data, f->len, f->sha);
    f->display = display_name(label, f->commit, f->path);
    return FTL_EXIT_OK;
}

/* Checks a fetched schema on its own (a compilation of its own in s, reporting to
 * d); returns the realm, or NULL after E0709. */
static FtlRealm *check_schema(Cmd *c, FtlSchema *s, const char *name, const Fetched *f,
                              const char *repo, FtlDiags *d)
{
    ftl_schema_init(s, &c->arena, &c->in, d, &c->src);
    char *copy = ftl_xmalloc(f->len + 1);
    memcpy(copy, f->data, f->len);
    FtlRealm *r = ftl_realm_check_file(s, name, f->display, copy, f->len);
    if (!r && d == &c->diags)
        ftl_error(d, NOWHERE, "E0709",
                  "the public schema '%s' at commit %.12s of '%s' is not valid; nothing was "
                  "written",
                  f->path, f->commit, repo);
    return r;
}

/* ---- writing: cache files first, the project file last, undone on failure ---------------- */

typedef struct Undo {
    char *path;
    char *old; /* the previous contents of a file written over, NULL if new */
    size_t oldlen;
    int dir; /* a directory made */
} Undo;

typedef struct Txn {
    Undo *items;
    size_t n;
    char **drop; /* files to delete once everything is written */
    size_t ndrop;
} Txn;

static void txn_push(Txn *t, Undo u)
{
    t->items = ftl_xrealloc(t->items, (t->n + 1) * sizeof *t->items);
    t->items[t->n++] = u;
}

static void txn_drop_later(Txn *t, const char *path)
{
    t->drop = ftl_xrealloc(t->drop, (t->ndrop + 1) * sizeof *t->drop);
    t->drop[t->ndrop++] = dup_str(path);
}

/* Makes the directories of path's parent, remembering those it made. */
static int txn_mkdirs(Txn *t, const char *path, char *err, size_t errsz)
{
    char *p = dup_str(path);
    for (char *s = strchr(p + 1, '/'); s; s = strchr(s + 1, '/')) {
        *s = '\0';
        if (mkdir(p, 0777) == 0) {
            txn_push(t, (Undo){dup_str(p), NULL, 0, 1});
        } else if (errno != EEXIST) {
            snprintf(err, errsz, "cannot create directory '%s': %s", p, strerror(errno));
            free(p);
            return -1;
        }
        *s = '/';
    }
    free(p);
    return 0;
}

static int txn_write(Txn *t, const char *path, const char *data, size_t len, char *err,
                     size_t errsz)
{
    if (txn_mkdirs(t, path, err, errsz) != 0) return -1;
    Undo u = {dup_str(path), NULL, 0, 0};
    if (access(path, F_OK) == 0 && ftl_read_file(path, &u.old, &u.oldlen, err, errsz) != 0) {
        free(u.path);
        return -1;
    }
    if (ftl_write_atomic(path, data, len, err, errsz) != 0) {
        free(u.path);
        free(u.old);
        return -1;
    }
    txn_push(t, u);
    return 0;
}

static void txn_free(Txn *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->items[i].path);
        free(t->items[i].old);
    }
    for (size_t i = 0; i < t->ndrop; i++)
        free(t->drop[i]);
    free(t->items);
    free(t->drop);
    memset(t, 0, sizeof *t);
}

/* Puts back what was there, newest first. */
static void txn_rollback(Txn *t)
{
    char err[600];
    for (size_t i = t->n; i-- > 0;) {
        Undo *u = &t->items[i];
        if (u->dir)
            rmdir(u->path);
        else if (u->old)
            ftl_write_atomic(u->path, u->old, u->oldlen, err, sizeof err);
        else
            unlink(u->path);
    }
    txn_free(t);
}

/* Everything is written: delete what is no longer pinned. */
static void txn_commit(Txn *t)
{
    for (size_t i = 0; i < t->ndrop; i++)
        unlink(t->drop[i]);
    txn_free(t);
}

/* The TOML editor refused: E0711 where it stopped. */
static int edit_failed(Cmd *c, const FtlTomlError *te)
{
    FtlSpan at = {c->project.file_id, (uint32_t)te->offset, (uint32_t)te->offset + 1};
    ftl_error(&c->diags, te->line ? at : NOWHERE, "E0711", "cannot edit %s: %s", c->project.path,
              te->message);
    return FTL_EXIT_ERRORS;
}

/* The edited project text; NULL after reporting why. */
static char *edited_text(Cmd *c, const FtlTomlEdit *e, size_t *len)
{
    FtlTomlError te;
    char *text = ftl_toml_edit_apply(e, len, &te);
    if (!text) edit_failed(c, &te);
    return text;
}

/* Writes the project text (the transaction's files are written already) and
 * commits, or undoes everything. */
static int write_project(Cmd *c, const char *text, size_t len, Txn *t)
{
    char err[600];
    if (ftl_write_atomic(c->project.path, text, len, err, sizeof err) != 0) {
        txn_rollback(t);
        fprintf(stderr, "ftlc %s: error: %s\n", c->label, err);
        return FTL_EXIT_USAGE;
    }
    txn_commit(t);
    return FTL_EXIT_OK;
}

/* Caches a fetched schema at .ftl/realms/NAME/COMMIT.EXT. */
static int cache_write(Cmd *c, Txn *t, const char *name, const Fetched *f, char **where)
{
    char err[600];
    char *path = ftl_pin_cache_path(&c->project, name, f->commit,
                                    ftl_format_ext(ftl_format_of_path(f->path)));
    int rc = txn_write(t, path, f->data, f->len, err, sizeof err);
    if (rc != 0) fprintf(stderr, "ftlc %s: error: %s\n", c->label, err);
    if (where && rc == 0)
        *where = path;
    else
        free(path);
    return rc == 0 ? FTL_EXIT_OK : FTL_EXIT_USAGE;
}

/* ---- add --------------------------------------------------------------------------------- */

/* name must be free: not pinned and not the local realm. */
static int check_new_name(Cmd *c, const char *name)
{
    const FtlPin *p = ftl_project_pin(&c->project, name);
    if (p) {
        FtlDiag *g = ftl_error(&c->diags, p->span, "E0705", "realm \"%s\" is already pinned", name);
        ftl_diag_fixit(g,
                       "run 'ftlc realm update %s' to move it, or add it under another name "
                       "with --name",
                       name);
        return FTL_EXIT_ERRORS;
    }
    if (c->project.name && strcmp(c->project.name, name) == 0) {
        FtlDiag *g = ftl_error(&c->diags, c->project.name_span, "E0705",
                               "realm \"%s\" has the name of the local realm", name);
        ftl_diag_fixit(g, "add it under another name with --name");
        return FTL_EXIT_ERRORS;
    }
    return FTL_EXIT_OK;
}

static void count_decls(const FtlRealm *r, unsigned *modules, unsigned *decls)
{
    *modules = *decls = 0;
    for (uint32_t i = 0; i < r->nmodules; i++) {
        if (r->modules[i]->builtin && strcmp(r->modules[i]->name, "builtin") == 0) continue;
        (*modules)++;
        *decls += r->modules[i]->ndecls;
    }
}

/* Records the new pin and caches its schema. */
static int add_write(Cmd *c, const FtlRealm *realm, const Fetched *f)
{
    const char *keys[5] = {"git-repo", "git-branch", "git-commit", "schema-sha256", "git-path"};
    const char *values[5] = {c->git_repo, c->git_branch, f->commit, f->sha, c->git_path};
    const char *segs[3] = {"realms", "egress", realm->name};
    char *table = ftl_toml_path(segs, 3);
    FtlTomlEdit e;
    FtlTomlError te;
    ftl_toml_edit_init(&e, c->project.doc);
    int rc = ftl_toml_edit_add_table(&e, table, keys, values, c->git_path ? 5 : 4, &te) == 0
                 ? FTL_EXIT_OK
                 : edit_failed(c, &te);
    size_t len = 0;
    char *text = rc == FTL_EXIT_OK ? edited_text(c, &e, &len) : NULL;
    char *where = NULL;
    Txn t = {0};
    if (!text)
        rc = worse(rc, FTL_EXIT_ERRORS);
    else if ((rc = cache_write(c, &t, realm->name, f, &where)) != FTL_EXIT_OK)
        txn_rollback(&t);
    else
        rc = write_project(c, text, len, &t);
    if (rc == FTL_EXIT_OK) {
        unsigned nm, nd;
        count_decls(realm, &nm, &nd);
        char *key = ftl_realm_endpoint_key(realm->name);
        ftl_buf_printf(&c->out,
                       "added realm %s: %s %s at %.12s (%s: %u module%s, %u "
                       "declaration%s)\ncached in %s\nendpoint config key: %s\n",
                       realm->name, c->git_repo, c->git_branch, f->commit, f->path, nm,
                       nm == 1 ? "" : "s", nd, nd == 1 ? "" : "s", where, key);
        free(key);
    }
    free(where);
    free(text);
    free(table);
    ftl_toml_edit_free(&e);
    return rc;
}

/* Resolves branch's head and fetches it into g's repository. */
static int fetch_head(FtlGit *g, const char *branch, Fetched *f, FtlDiags *d)
{
    if (ftl_git_head(g, branch, f->commit) != 0 || ftl_git_fetch(g, f->commit, branch) != 0)
        return git_failed(d, g);
    return FTL_EXIT_OK;
}

static int cmd_add(Cmd *c)
{
    int rc = load_project(c);
    if (rc == FTL_EXIT_OK && c->name) rc = check_new_name(c, c->name);
    if (rc != FTL_EXIT_OK) return rc;
    char label[128];
    if (c->name)
        snprintf(label, sizeof label, "%s", c->name);
    else
        repo_label(label, sizeof label, c->git_repo);
    char *repo = repo_for_git(c, c->git_repo);
    FtlGit g;
    ftl_git_init(&g, c->name, repo, c->timeout);
    Fetched f;
    memset(&f, 0, sizeof f);
    rc = fetch_head(&g, c->git_branch, &f, &c->diags);
    if (rc == FTL_EXIT_OK) rc = read_schema(c, &g, label, c->git_path, &f, &c->diags);
    ftl_git_free(&g);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    FtlRealm *realm = NULL;
    if (rc == FTL_EXIT_OK && !(realm = check_schema(c, &s, c->name, &f, c->git_repo, &c->diags)))
        rc = FTL_EXIT_ERRORS;
    if (rc == FTL_EXIT_OK && !c->name) rc = check_new_name(c, realm->name);
    if (rc == FTL_EXIT_OK) rc = add_write(c, realm, &f);
    ftl_schema_free(&s);
    fetched_free(&f);
    free(repo);
    return rc;
}

/* ---- update ------------------------------------------------------------------------------ */

/* The schema at the pin's current commit, checked, for the API summary: from the
 * cache when it is there and intact, else from git. NULL with a reason in why. */
static FtlRealm *old_realm(Cmd *c, FtlGit *g, const FtlPin *pin, FtlSchema *s, FtlDiags *scratch,
                           char *why, size_t whysz)
{
    Fetched f;
    memset(&f, 0, sizeof f);
    snprintf(f.commit, sizeof f.commit, "%s", pin->git_commit);
    char *path = NULL;
    int ok = ftl_cache_lookup(&c->project, pin, &path, &f.data, &f.len, NULL) == FTL_CACHE_OK;
    if (ok) {
        f.path = dup_str(path);
        f.display = dup_str(path);
    } else {
        ok = ftl_git_fetch(g, pin->git_commit, pin->git_branch) == 0 &&
             read_schema(c, g, pin->name, pin->git_path, &f, scratch) == FTL_EXIT_OK;
        if (!ok) snprintf(why, whysz, "%s", scratch->count ? scratch->items[0].msg : g->err);
    }
    free(path);
    FtlRealm *r = ok ? check_schema(c, s, pin->name, &f, pin->git_repo, scratch) : NULL;
    if (ok && !r) snprintf(why, whysz, "it is not valid");
    fetched_free(&f);
    return r;
}

/* "bank: OLD -> NEW (branch)" and the API changes. */
static void report_update(Cmd *c, FtlGit *g, const FtlPin *pin, const Fetched *f,
                          const FtlRealm *fresh)
{
    ftl_buf_printf(&c->out, "%s: %.12s -> %.12s (%s)\n", pin->name, pin->git_commit, f->commit,
                   pin->git_branch);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    FtlDiags scratch;
    ftl_diags_init(&scratch);
    char why[1100] = "";
    const FtlRealm *old = old_realm(c, g, pin, &s, &scratch, why, sizeof why);
    if (!old) {
        ftl_buf_printf(&c->out, "  public API: not compared (the schema at %.12s: %s)\n",
                       pin->git_commit, why);
    } else {
        FtlApiDiff n = ftl_realm_diff(&c->out, old, fresh);
        if (!n.breaking && !n.compatible)
            ftl_buf_puts(&c->out, "  public API: unchanged\n");
        else
            ftl_buf_printf(&c->out, "  public API: %u breaking change%s, %u compatible change%s\n",
                           n.breaking, n.breaking == 1 ? "" : "s", n.compatible,
                           n.compatible == 1 ? "" : "s");
    }
    ftl_schema_free(&s);
    ftl_diags_free(&scratch);
}

/* Records the new commit and checksum of pin. */
static int record_pin(Cmd *c, FtlTomlEdit *e, const FtlPin *pin, const Fetched *f)
{
    char *table = ftl_pin_table(pin);
    FtlTomlError te;
    int rc = FTL_EXIT_OK;
    if (ftl_toml_edit_set_string(e, table, "git-commit", f->commit, &te) != 0 ||
        ftl_toml_edit_set_string(e, table, "schema-sha256", f->sha, &te) != 0)
        rc = edit_failed(c, &te);
    free(table);
    return rc;
}

/* A pin that update cannot move: no branch to follow. */
static int no_branch(Cmd *c, const FtlPin *pin)
{
    FtlDiag *g = ftl_error(&c->diags, pin->span, "E0710",
                           "realm \"%s\" has no git-branch to follow", pin->name);
    ftl_diag_fixit(g, "add git-branch = \"main\" (or the realm's branch) to its table");
    return FTL_EXIT_ERRORS;
}

static int update_one(Cmd *c, const FtlPin *pin, FtlTomlEdit *e, Txn *t)
{
    if (!pin->git_branch) return no_branch(c, pin);
    char *repo = repo_for_git(c, pin->git_repo);
    FtlGit g;
    ftl_git_init(&g, pin->name, repo, c->timeout);
    Fetched f;
    memset(&f, 0, sizeof f);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    FtlRealm *fresh = NULL;
    int rc = fetch_head(&g, pin->git_branch, &f, &c->diags);
    int same = rc == FTL_EXIT_OK && pin->git_commit && strcmp(pin->git_commit, f.commit) == 0;
    if (same && pin->schema_sha256) {
        ftl_buf_printf(&c->out, "%s: up to date at %.12s (%s)\n", pin->name, f.commit,
                       pin->git_branch);
    } else if (rc == FTL_EXIT_OK) {
        rc = read_schema(c, &g, pin->name, pin->git_path, &f, &c->diags);
        if (rc == FTL_EXIT_OK &&
            !(fresh = check_schema(c, &s, pin->name, &f, pin->git_repo, &c->diags)))
            rc = FTL_EXIT_ERRORS;
        if (rc == FTL_EXIT_OK) rc = record_pin(c, e, pin, &f);
        if (rc == FTL_EXIT_OK) rc = cache_write(c, t, pin->name, &f, NULL);
        if (rc == FTL_EXIT_OK && same)
            ftl_buf_printf(&c->out, "%s: at %.12s (%s): recorded schema-sha256\n", pin->name,
                           f.commit, pin->git_branch);
        else if (rc == FTL_EXIT_OK && pin->git_commit)
            report_update(c, &g, pin, &f, fresh);
        else if (rc == FTL_EXIT_OK)
            ftl_buf_printf(&c->out, "%s: pinned at %.12s (%s)\n", pin->name, f.commit,
                           pin->git_branch);
    }
    /* The old commit's schema is no longer pinned. */
    char *old = NULL;
    if (rc == FTL_EXIT_OK && !same && pin->git_commit &&
        ftl_cache_lookup(&c->project, pin, &old, NULL, NULL, NULL) != FTL_CACHE_MISSING)
        txn_drop_later(t, old);
    free(old);
    ftl_schema_free(&s);
    fetched_free(&f);
    ftl_git_free(&g);
    free(repo);
    return rc;
}

static int cmd_update(Cmd *c)
{
    const FtlPin **pins = NULL;
    size_t n = 0;
    int rc = load_project(c);
    if (rc == FTL_EXIT_OK) rc = select_pins(c, &pins, &n);
    FtlTomlEdit e;
    ftl_toml_edit_init(&e, c->project.doc);
    Txn t = {0};
    /* Every realm is tried, so that one run reports every problem. */
    int ready = rc == FTL_EXIT_OK;
    for (size_t i = 0; ready && i < n; i++)
        rc = worse(rc, update_one(c, pins[i], &e, &t));
    size_t len = 0;
    char *text = rc == FTL_EXIT_OK && e.n ? edited_text(c, &e, &len) : NULL;
    if (rc == FTL_EXIT_OK && e.n && !text) rc = FTL_EXIT_ERRORS;
    if (rc != FTL_EXIT_OK)
        txn_rollback(&t);
    else if (text)
        rc = write_project(c, text, len, &t);
    else
        txn_commit(&t);
    if (rc == FTL_EXIT_OK && n == 0)
        ftl_buf_printf(&c->out, "no external realms are pinned in %s\n", c->project.path);
    free(text);
    ftl_toml_edit_free(&e);
    free(pins);
    return rc;
}

/* ---- list ------------------------------------------------------------------------------- */

static const char *const CACHE_STATE[] = {"cached", "missing", "mismatch", "unpinned"};

static const char *form_name(FtlPinForm f)
{
    return f == FTL_PIN_EGRESS ? "[realms.egress]" : "[external-realms]";
}

static void json_put(json_t *o, const char *key, const char *value)
{
    json_t *v = value ? json_string(value) : json_null();
    if (!v || json_object_set_new(o, key, v) != 0) ftl_oom();
}

static json_t *pin_json(const FtlPin *p, FtlCacheState st, const char *path)
{
    json_t *o = json_object();
    if (!o) ftl_oom();
    char *key = ftl_realm_endpoint_key(p->name);
    json_put(o, "name", p->name);
    json_put(o, "gitRepo", p->git_repo);
    json_put(o, "gitBranch", p->git_branch);
    json_put(o, "gitCommit", p->git_commit);
    json_put(o, "gitPath", p->git_path);
    json_put(o, "schemaSha256", p->schema_sha256);
    json_put(o, "cache", CACHE_STATE[st]);
    json_put(o, "cachePath", path);
    json_put(o, "endpointConfigKey", key);
    json_put(o, "form", form_name(p->form));
    free(key);
    return o;
}

/* One row of cells per realm; the first row holds the titles. */
enum { NCOLS = 7 };

static void list_text(FtlBuf *out, char *rows[][NCOLS], size_t nrows)
{
    size_t width[NCOLS] = {0};
    for (size_t r = 0; r < nrows; r++)
        for (int k = 0; k < NCOLS; k++)
            if (strlen(rows[r][k]) > width[k]) width[k] = strlen(rows[r][k]);
    for (size_t r = 0; r < nrows; r++) {
        for (int k = 0; k < NCOLS; k++) {
            ftl_buf_puts(out, rows[r][k]);
            if (k + 1 < NCOLS) ftl_buf_spaces(out, width[k] - strlen(rows[r][k]) + 2);
        }
        ftl_buf_putc(out, '\n');
    }
}

static void pin_row(char *row[NCOLS], const FtlPin *p, FtlCacheState st)
{
    char commit[13];
    snprintf(commit, sizeof commit, "%.7s", p->git_commit ? p->git_commit : "-");
    const char *cells[NCOLS] = {
        p->name, p->git_repo,       p->git_branch ? p->git_branch : "-", commit, CACHE_STATE[st],
        NULL,    form_name(p->form)};
    for (int k = 0; k < NCOLS; k++)
        row[k] = cells[k] ? dup_str(cells[k]) : ftl_realm_endpoint_key(p->name);
}

static int cmd_list(Cmd *c)
{
    int rc = load_project(c);
    if (rc != FTL_EXIT_OK) return rc;
    int json = c->format && strcmp(c->format, "json") == 0;
    size_t n = c->project.npins;
    char *(*rows)[NCOLS] = ftl_xmalloc((n + 1) * sizeof *rows);
    static const char *const titles[NCOLS] = {
        "NAME", "REPOSITORY", "BRANCH", "COMMIT", "CACHE", "ENDPOINT CONFIG KEY", "DECLARED IN"};
    for (int k = 0; k < NCOLS; k++)
        rows[0][k] = dup_str(titles[k]);
    json_t *arr = json_array();
    if (!arr) ftl_oom();
    for (size_t i = 0; i < n; i++) {
        const FtlPin *p = &c->project.pins[i];
        char *path;
        FtlCacheState st = ftl_cache_lookup(&c->project, p, &path, NULL, NULL, NULL);
        pin_row(rows[i + 1], p, st);
        if (json_array_append_new(arr, pin_json(p, st, path)) != 0) ftl_oom();
        free(path);
    }
    if (json) {
        json_t *top = json_pack("{s:o}", "realms", arr);
        char *text = top ? json_dumps(top, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
        if (!text) ftl_oom();
        ftl_buf_printf(&c->out, "%s\n", text);
        free(text);
        json_decref(top);
    } else {
        json_decref(arr);
        if (n)
            list_text(&c->out, rows, n + 1);
        else
            ftl_buf_printf(&c->out, "no external realms are pinned in %s\n", c->project.path);
    }
    for (size_t r = 0; r <= n; r++)
        for (int k = 0; k < NCOLS; k++)
            free(rows[r][k]);
    free(rows);
    return FTL_EXIT_OK;
}

/* ---- remove ----------------------------------------------------------------------------- */

/* Removes the lines that declare pin, however its table was written. */
static int unpin(Cmd *c, FtlTomlEdit *e, const FtlPin *pin)
{
    char *path = ftl_pin_table(pin);
    const FtlTomlTable *t = ftl_toml_table(c->project.doc, path);
    FtlTomlError te;
    int rc = 0;
    if (t && (t->kind == FTL_TOML_HEADER || t->kind == FTL_TOML_IMPLICIT)) {
        rc = ftl_toml_edit_remove_table(e, path, &te);
    } else if (t && t->kind == FTL_TOML_INLINE) {
        const char *parent = pin->form == FTL_PIN_EGRESS ? "realms.egress" : "external-realms";
        rc = ftl_toml_edit_remove_key(e, parent, pin->name, &te);
    } else if (t) { /* made by dotted keys: one line each */
        for (const FtlTomlEntry *k = t->first; k && rc == 0; k = k->next)
            rc = ftl_toml_edit_remove_key(e, path, k->key, &te);
    }
    free(path);
    return rc == 0 ? FTL_EXIT_OK : edit_failed(c, &te);
}

/* The cache directories of the removed realms are moved aside first (one rename
 * each, undone if the project cannot be written) and deleted at the end. */
static int set_aside(Cmd *c, const FtlPin **pins, size_t n, char **dirs, char **aside)
{
    for (size_t i = 0; i < n; i++) {
        dirs[i] = ftl_pin_cache_dir(&c->project, pins[i]->name);
        size_t len = strlen(dirs[i]);
        aside[i] = ftl_xmalloc(len + 16);
        snprintf(aside[i], len + 16, "%s.ftlc-removed", dirs[i]);
        if (access(dirs[i], F_OK) != 0) continue;
        ftl_remove_tree(aside[i]); /* left over by an interrupted run */
        if (rename(dirs[i], aside[i]) != 0) {
            fprintf(stderr, "ftlc %s: error: cannot move '%s': %s\n", c->label, dirs[i],
                    strerror(errno));
            for (size_t k = i; k-- > 0;)
                rename(aside[k], dirs[k]);
            return FTL_EXIT_USAGE;
        }
    }
    return FTL_EXIT_OK;
}

static int cmd_remove(Cmd *c)
{
    const FtlPin **pins = NULL;
    size_t n = 0;
    int rc = load_project(c);
    if (rc == FTL_EXIT_OK) rc = select_pins(c, &pins, &n);
    FtlTomlEdit e;
    ftl_toml_edit_init(&e, c->project.doc);
    for (size_t i = 0; rc == FTL_EXIT_OK && i < n; i++)
        rc = unpin(c, &e, pins[i]);
    size_t len = 0;
    char *text = rc == FTL_EXIT_OK ? edited_text(c, &e, &len) : NULL;
    if (rc == FTL_EXIT_OK && !text) rc = FTL_EXIT_ERRORS;
    char **dirs = ftl_xmalloc((n + 1) * sizeof *dirs),
         **aside = ftl_xmalloc((n + 1) * sizeof *aside);
    memset(dirs, 0, (n + 1) * sizeof *dirs);
    memset(aside, 0, (n + 1) * sizeof *aside);
    if (rc == FTL_EXIT_OK) rc = set_aside(c, pins, n, dirs, aside);
    Txn t = {0};
    if (rc == FTL_EXIT_OK && (rc = write_project(c, text, len, &t)) != FTL_EXIT_OK)
        for (size_t i = 0; i < n; i++)
            rename(aside[i], dirs[i]);
    for (size_t i = 0; i < n; i++) {
        if (rc == FTL_EXIT_OK) {
            ftl_remove_tree(aside[i]);
            ftl_buf_printf(&c->out, "removed realm %s\n", pins[i]->name);
        }
        free(dirs[i]);
        free(aside[i]);
    }
    free(dirs);
    free(aside);
    free(text);
    ftl_toml_edit_free(&e);
    free(pins);
    return rc;
}

/* ---- fetch ------------------------------------------------------------------------------ */

/* Fetches the pinned commit's schema and checks it is the one pinned. */
static int fetch_pinned(Cmd *c, const FtlPin *pin, Fetched *f)
{
    char *repo = repo_for_git(c, pin->git_repo);
    FtlGit g;
    ftl_git_init(&g, pin->name, repo, c->timeout);
    snprintf(f->commit, sizeof f->commit, "%s", pin->git_commit);
    int rc = ftl_git_fetch(&g, pin->git_commit, pin->git_branch) == 0
                 ? read_schema(c, &g, pin->name, pin->git_path, f, &c->diags)
                 : git_failed(&c->diags, &g);
    ftl_git_free(&g);
    free(repo);
    if (rc == FTL_EXIT_OK && pin->schema_sha256 && strcmp(f->sha, pin->schema_sha256) != 0) {
        FtlDiag *e = ftl_error(&c->diags, pin->sha_span, "E0707",
                               "the schema of realm \"%s\" fetched at %.12s does not match "
                               "schema-sha256: its SHA-256 is %s",
                               pin->name, pin->git_commit, f->sha);
        ftl_diag_fixit(e, "if the pin was edited by hand, run 'ftlc realm update %s'", pin->name);
        rc = FTL_EXIT_ERRORS;
    }
    return rc;
}

static int fetch_one(Cmd *c, const FtlPin *pin, Txn *t)
{
    char *path, actual[FTL_SHA256_HEX] = "";
    FtlCacheState st = ftl_cache_lookup(&c->project, pin, &path, NULL, NULL, actual);
    int rc = FTL_EXIT_OK;
    if (st == FTL_CACHE_OK || c->offline || st == FTL_CACHE_UNPINNED) {
        if (ftl_cache_report(&c->diags, pin, st, path, actual))
            rc = FTL_EXIT_ERRORS;
        else
            ftl_buf_printf(&c->out, "%s: %.12s is cached (%s)\n", pin->name, pin->git_commit, path);
        free(path);
        return rc;
    }
    Fetched f;
    memset(&f, 0, sizeof f);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    char *where = NULL;
    rc = fetch_pinned(c, pin, &f);
    if (rc == FTL_EXIT_OK && !check_schema(c, &s, pin->name, &f, pin->git_repo, &c->diags))
        rc = FTL_EXIT_ERRORS;
    if (rc == FTL_EXIT_OK) rc = cache_write(c, t, pin->name, &f, &where);
    /* A file that did not match under another extension goes. */
    if (rc == FTL_EXIT_OK && st == FTL_CACHE_MISMATCH && strcmp(where, path) != 0)
        txn_drop_later(t, path);
    if (rc == FTL_EXIT_OK)
        ftl_buf_printf(&c->out, "%s: fetched %.12s into %s%s\n", pin->name, f.commit, where,
                       pin->schema_sha256 ? "" : " (not verified: no schema-sha256)");
    free(where);
    free(path);
    ftl_schema_free(&s);
    fetched_free(&f);
    return rc;
}

static int cmd_fetch(Cmd *c)
{
    const FtlPin **pins = NULL;
    size_t n = 0;
    int rc = load_project(c);
    if (rc == FTL_EXIT_OK) rc = select_pins(c, &pins, &n);
    Txn t = {0};
    int ready = rc == FTL_EXIT_OK;
    for (size_t i = 0; ready && i < n; i++)
        rc = worse(rc, fetch_one(c, pins[i], &t));
    if (rc == FTL_EXIT_OK)
        txn_commit(&t);
    else
        txn_rollback(&t);
    if (rc == FTL_EXIT_OK && n == 0)
        ftl_buf_printf(&c->out, "no external realms are pinned in %s\n", c->project.path);
    free(pins);
    return rc;
}

/* ---- entry ------------------------------------------------------------------------------- */

static int run(Cmd *c)
{
    if (strcmp(c->sub, "add") == 0) return cmd_add(c);
    if (strcmp(c->sub, "update") == 0) return cmd_update(c);
    if (strcmp(c->sub, "list") == 0) return cmd_list(c);
    if (strcmp(c->sub, "remove") == 0) return cmd_remove(c);
    return cmd_fetch(c);
}

int ftl_realm_main(int argc, char **argv)
{
    const char *sub = argc > 2 ? argv[2] : NULL;
    if (!sub) {
        fputs(REALM_HELP, stderr);
        return FTL_EXIT_USAGE;
    }
    if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0) {
        fputs(REALM_HELP, stdout);
        return FTL_EXIT_OK;
    }
    if (!ftl_realm_help(sub)) return ftl_cli_usage("realm", "unknown command '%s'", sub);
    Cmd c;
    cmd_init(&c, sub);
    int rc = parse_options(&c, argc, argv); /* -1: --help was shown */
    if (rc == FTL_EXIT_OK) rc = run(&c);
    if (rc >= 0 && (c.diags.count || c.error_format == FTL_DIAG_JSON)) {
        ftl_diags_sort(&c.diags);
        ftl_diags_render(&c.diags, &c.src, ftl_cli_style(c.error_format, c.color_mode), stderr);
    }
    if (rc < 0) rc = FTL_EXIT_OK;
    if (rc == FTL_EXIT_OK && ftl_diags_failed(&c.diags)) rc = FTL_EXIT_ERRORS;
    if (rc == FTL_EXIT_OK && c.out.len && fwrite(c.out.data, 1, c.out.len, stdout) != c.out.len)
        rc = FTL_EXIT_USAGE;
    cmd_free(&c);
    return rc;
}
