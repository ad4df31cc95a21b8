/* realm_ops.c - ftlc realm add, update, list, remove and fetch as library
 * operations (see realm_ops.h). */
#define _POSIX_C_SOURCE 200809L
#include "realm/realm_ops.h"
#include "base/buf.h"
#include "base/fault.h"
#include "base/strlit.h"
#include "proto/schema_io.h"
#include "realm/cache.h"
#include "realm/git.h"
#include "realm/project_edit.h"
#include "realm/realm.h"
#include "realm/breaking.h"
#include "realm/realm_source.h"
#include "realm/toml_edit.h"
#include "realm/undo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Diagnostics about no place in a file. */
static const FtlSpan NOWHERE = {0, 0, 0};

/* One entry of the lock file as the operation leaves it. */
typedef struct LockEntry {
    const char *name, *commit, *sha;
} LockEntry;

typedef struct Op {
    const FtlRealmEnv *env;
    const FtlRealmRequest *req;
    FtlSourceEnv senv;
    int timeout;
    char *found;         /* the project file found upward, malloc'd */
    FtlProjectEdit edit; /* the project, locked, when the operation writes */
    FtlProject readonly; /* the project when it only reads */
    FtlProject *p;       /* the one of the two in use */
    FtlUndo undo;        /* the writes so far */
    FtlTomlEdit toml;    /* edits of the project file */
    int have_toml;
    LockEntry *lock; /* the lock file's entries */
    size_t nlock, caplock;
    int lock_changed;  /* an entry was set or dropped: the lock file is written */
    FtlRealmPin *pins; /* the result so far */
    size_t npins, cappins;
    FtlGit *git;   /* the git in use (its temporary repository), if any */
    int committed; /* the writes are done: what is left (deleting) may fail */
    /* update: the local realm's schema files (the request's, or found once) */
    const char *const *files;
    size_t nfiles;
    char **found_files;
    int have_files;
} Op;

/* ---- small things ---------------------------------------------------------------------- */

static const char *astr(const Op *op, const char *s)
{
    return s ? ftl_arena_strndup(op->env->arena, s, strlen(s)) : NULL;
}

static int worse(int a, int b)
{
    return a > b ? a : b;
}

static int cancelled(const Op *op)
{
    return op->req->cancelled && op->req->cancelled(op->req->cancel_ctx);
}

static const char *form_name(FtlPinForm f)
{
    return f == FTL_PIN_EGRESS ? "[realms.egress]" : "[external-realms]";
}

/* A request that cannot run: E0714, FTL_EINVAL. */
static int refused(Op *op, const char *msg)
{
    ftl_error(op->env->diags, NOWHERE, "E0714", "%s", msg);
    return FTL_EINVAL;
}

/* An I/O failure: E0715 (or E0713 when the project cannot be edited), FTL_EIO. */
static int io_failed(Op *op, const char *code, const char *msg)
{
    ftl_error(op->env->diags, NOWHERE, code, "%s", msg);
    return FTL_EIO;
}

static FtlRealmPin *new_result(Op *op)
{
    if (op->npins == op->cappins) {
        op->cappins = op->cappins ? op->cappins * 2 : 8;
        op->pins = ftl_xrealloc(op->pins, op->cappins * sizeof *op->pins);
    }
    FtlRealmPin *r = &op->pins[op->npins++];
    memset(r, 0, sizeof *r);
    return r;
}

/* A result for pin, as the project has it (the operation then changes what it
 * changed). */
static FtlRealmPin *pin_result(Op *op, const FtlPin *pin, FtlRealmAction action)
{
    FtlRealmPin *r = new_result(op);
    r->action = action;
    r->name = astr(op, pin->name);
    r->git_repo = astr(op, pin->git_repo);
    r->git_branch = astr(op, pin->git_branch);
    r->git_commit = astr(op, pin->git_commit);
    r->git_path = astr(op, pin->git_path);
    r->schema_sha256 = astr(op, pin->schema_sha256);
    r->declared_in = form_name(pin->form);
    char *key = ftl_realm_endpoint_key(pin->name);
    r->endpoint_key = astr(op, key);
    free(key);
    return r;
}

static FtlRealmCache cache_state(FtlCacheState st)
{
    static const FtlRealmCache map[] = {FTL_REALM_CACHE_OK, FTL_REALM_CACHE_MISSING,
                                        FTL_REALM_CACHE_MISMATCH, FTL_REALM_CACHE_UNPINNED,
                                        FTL_REALM_CACHE_UNUSABLE};
    return map[st];
}

/* ---- the request ----------------------------------------------------------------------- */

const char *ftl_realm_request_problem(const FtlRealmRequest *q, char *buf, size_t n)
{
    const char *why;
    if (q->op == FTL_REALM_REMOVE && q->nnames == 0) return "name the realms to remove";
    if (q->op != FTL_REALM_ADD) return NULL;
    if (!q->git_repo) return "--git-repo is required";
    if (!q->git_branch) return "--git-branch is required";
    if ((why = ftl_git_refuse_repo(q->git_repo)))
        return snprintf(buf, n, "--git-repo is refused: %s", why), buf;
    if ((why = ftl_git_refuse_branch(q->git_branch)))
        return snprintf(buf, n, "--git-branch is refused: %s", why), buf;
    if (q->git_path && !ftl_path_is_inner(q->git_path))
        return snprintf(buf, n,
                        "--git-path '%s' must be a relative path that stays in the "
                        "repository",
                        q->git_path),
               buf;
    if (q->name && !ftl_is_plain_ident(q->name, strlen(q->name)))
        return snprintf(buf, n, "--name '%s' is not a realm name (an identifier)", q->name), buf;
    return NULL;
}

/* ---- the project ----------------------------------------------------------------------- */

/* Whether the operation writes (and so locks the project). */
static int writes(const FtlRealmRequest *q)
{
    return q->op != FTL_REALM_LIST && !(q->op == FTL_REALM_FETCH && q->offline) && !q->dry_run;
}

static int open_project(Op *op)
{
    const FtlRealmEnv *env = op->env;
    const char *path = op->req->project;
    if (!path && !(path = op->found = ftl_project_find()))
        return refused(op, "no " FTL_PROJECT_FILE " in the current directory or any parent "
                           "directory (give one with --project FILE)");
    char err[1200];
    int rc;
    if (writes(op->req)) {
        op->p = &op->edit.project;
        rc = ftl_project_edit_begin(&op->edit, path, op->timeout, op->req->cancelled,
                                    op->req->cancel_ctx, env->src, env->diags, err, sizeof err);
        if (rc != 0) return io_failed(op, "E0713", err);
        ftl_undo_init(&op->undo, op->edit.root, op->p->root);
    } else {
        op->p = &op->readonly;
        if (ftl_project_read(op->p, path, env->src, env->diags, err, sizeof err) != 0)
            return io_failed(op, "E0715", err);
    }
    ftl_toml_edit_init(&op->toml, op->p->doc);
    op->have_toml = 1;
    /* The lock file's entries that still hold: one per pin whose commit has one. */
    for (size_t i = 0; i < op->p->npins; i++) {
        const FtlPin *pin = &op->p->pins[i];
        if (pin->schema_sha256 && !pin->legacy_sha) {
            if (op->nlock == op->caplock) {
                op->caplock = op->caplock ? op->caplock * 2 : 8;
                op->lock = ftl_xrealloc(op->lock, op->caplock * sizeof *op->lock);
            }
            op->lock[op->nlock++] = (LockEntry){pin->name, pin->git_commit, pin->schema_sha256};
        }
    }
    return env->diags->errors ? FTL_ERRORS : FTL_OK;
}

/* The pins the request names (all of them when it names none). */
static int select_pins(Op *op, const FtlPin ***pins, size_t *n)
{
    const FtlRealmRequest *q = op->req;
    *pins = ftl_xmalloc((op->p->npins + q->nnames + 1) * sizeof **pins);
    *n = 0;
    if (!q->nnames)
        for (size_t i = 0; i < op->p->npins; i++)
            (*pins)[(*n)++] = &op->p->pins[i];
    for (size_t i = 0; i < q->nnames; i++) {
        const FtlPin *pin = ftl_project_pin(op->p, q->names[i]);
        if (!pin) {
            char msg[600];
            snprintf(msg, sizeof msg, "no realm \"%.200s\" is pinned in %.300s", q->names[i],
                     op->p->path);
            return refused(op, msg);
        }
        (*pins)[(*n)++] = pin;
    }
    return FTL_OK;
}

/* The repository as git is given it: a relative path is relative to the
 * project's directory, and git runs in a directory of its own. */
static char *repo_for_git(const Op *op, const char *repo)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (!ftl_git_is_local_path(repo) || repo[0] == '/') {
        ftl_buf_puts(&b, repo);
        return (char *)ftl_buf_cstr(&b);
    }
    char *joined = ftl_project_join(op->p, repo), cwd[4096];
    if (joined[0] != '/' && getcwd(cwd, sizeof cwd)) ftl_buf_printf(&b, "%s/", cwd);
    ftl_buf_puts(&b, joined);
    free(joined);
    return (char *)ftl_buf_cstr(&b);
}

/* git-path as the operation uses it: normalised ("./" is the top, ""), or NULL. */
static char *normal_git_path(const char *git_path)
{
    return git_path ? ftl_path_normalize(git_path) : NULL;
}

/* ---- the lock file ---------------------------------------------------------------------- */

static void lock_set(Op *op, const char *name, const char *commit, const char *sha)
{
    op->lock_changed = 1;
    for (size_t i = 0; i < op->nlock; i++)
        if (strcmp(op->lock[i].name, name) == 0) {
            op->lock[i] = (LockEntry){op->lock[i].name, astr(op, commit), astr(op, sha)};
            return;
        }
    if (op->nlock == op->caplock) {
        op->caplock = op->caplock ? op->caplock * 2 : 8;
        op->lock = ftl_xrealloc(op->lock, op->caplock * sizeof *op->lock);
    }
    op->lock[op->nlock++] = (LockEntry){astr(op, name), astr(op, commit), astr(op, sha)};
}

static void lock_drop(Op *op, const char *name)
{
    op->lock_changed = 1;
    for (size_t i = 0; i < op->nlock; i++)
        if (strcmp(op->lock[i].name, name) == 0) op->lock[i--] = op->lock[--op->nlock];
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const LockEntry *)a)->name, ((const LockEntry *)b)->name);
}

/* The lock file's text for the entries, sorted by name; "" for none. */
static char *lock_text(Op *op)
{
    if (op->nlock) qsort(op->lock, op->nlock, sizeof *op->lock, entry_cmp);
    FtlBuf b;
    ftl_buf_init(&b);
    if (op->nlock)
        ftl_buf_puts(&b, "# " FTL_LOCK_FILE ": the SHA-256 of the public schema each realm of\n"
                         "# " FTL_PROJECT_FILE " is pinned to, written by 'ftlc realm'. Commit it "
                         "with\n# " FTL_PROJECT_FILE "; do not edit it by hand.\n");
    for (size_t i = 0; i < op->nlock; i++) {
        const char *segs[] = {"realms", op->lock[i].name};
        char *table = ftl_toml_path(segs, 2);
        ftl_buf_printf(&b, "\n[%s]\ngit-commit = \"%s\"\nschema-sha256 = \"%s\"\n", table,
                       op->lock[i].commit, op->lock[i].sha);
        free(table);
    }
    return (char *)ftl_buf_cstr(&b);
}

/* ---- writing --------------------------------------------------------------------------- */

/* The TOML editor refused: E0711 where it stopped. */
static int edit_failed(Op *op, const FtlTomlError *te)
{
    FtlSpan at = {op->p->file_id, (uint32_t)te->offset, (uint32_t)te->offset + 1};
    ftl_error(op->env->diags, te->line ? at : NOWHERE, "E0711", "cannot edit %s: %s", op->p->path,
              te->message);
    return FTL_ERRORS;
}

static int undo_write(Op *op, const char *rel, const char *data, size_t len)
{
    char err[1200];
    if (ftl_undo_write(&op->undo, rel, data, len, err, sizeof err) == 0) return FTL_OK;
    return io_failed(op, "E0715", err);
}

/* Where a fetched schema is cached: .ftl/realms/NAME/COMMIT.EXT, malloc'd. */
static char *cache_rel_of(const char *name, const FtlFetched *f)
{
    return ftl_cache_rel(name, f->commit, ftl_format_ext(ftl_format_of_path(f->path)));
}

/* Caches a fetched schema (its rel in *rel when not NULL, malloc'd); a dry run
 * writes nothing. */
static int cache_write(Op *op, const char *name, const FtlFetched *f, char **rel)
{
    char *r = cache_rel_of(name, f);
    int rc = op->req->dry_run ? FTL_OK : undo_write(op, r, f->data, f->len);
    if (rel && rc == FTL_OK)
        *rel = r;
    else
        free(r);
    return rc;
}

/* The lock file, then the project file: written when they change. */
static int write_project(Op *op)
{
    FtlProjectEdit *e = &op->edit;
    char *lock = op->lock_changed ? lock_text(op) : NULL, err[1200];
    size_t old_len = 0;
    const char *old = op->p->lock ? ftl_toml_text(op->p->lock, &old_len) : NULL;
    int rc = FTL_OK;
    if (!lock) {
        /* unchanged */
    } else if (!*lock && old) {
        if (ftl_undo_remove(&op->undo, e->lock_name, err, sizeof err) != 0)
            rc = io_failed(op, "E0715", err);
    } else if (*lock && (!old || strlen(lock) != old_len || memcmp(lock, old, old_len) != 0)) {
        rc = undo_write(op, e->lock_name, lock, strlen(lock));
    }
    free(lock);
    if (rc != FTL_OK || op->toml.n == 0) return rc;
    FtlTomlError te;
    size_t len;
    char *text = ftl_toml_edit_apply(&op->toml, &len, &te);
    if (!text) return edit_failed(op, &te);
    rc = undo_write(op, e->name, text, len);
    free(text);
    return rc;
}

/* The end of an operation that writes: everything or nothing. */
static int finish(Op *op, int rc)
{
    if (rc == FTL_OK && cancelled(op))
        rc = io_failed(op, "E0713", "interrupted: nothing was written");
    if (rc == FTL_OK) rc = write_project(op);
    if (rc == FTL_OK) {
        op->committed = 1;
        ftl_undo_commit(&op->undo); /* allocates nothing */
    } else {
        ftl_undo_rollback(&op->undo);
    }
    return rc;
}

/* ---- add ------------------------------------------------------------------------------- */

/* name must not be the local realm's (a pinned name moves: readd). */
static int check_new_name(Op *op, const char *name)
{
    if (op->p->name && strcmp(op->p->name, name) == 0) {
        FtlDiag *g = ftl_error(op->env->diags, op->p->name_span, "E0705",
                               "realm \"%s\" has the name of the local realm", name);
        ftl_diag_fixit(g, "add it under another name with --name");
        return FTL_ERRORS;
    }
    return FTL_OK;
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

static void count_decls(const FtlRealm *r, unsigned *modules, unsigned *decls)
{
    *modules = *decls = 0;
    for (uint32_t i = 0; i < r->nmodules; i++) {
        if (r->modules[i]->builtin && strcmp(r->modules[i]->name, "builtin") == 0) continue;
        (*modules)++;
        *decls += r->modules[i]->ndecls;
    }
}

/* Records the new pin (ftlc's [realms.egress.NAME] with upstream's keys only;
 * the SHA-256 goes to the lock file) and caches its schema. */
static int add_record(Op *op, const FtlRealm *realm, const FtlFetched *f, const char *git_path)
{
    const FtlRealmRequest *q = op->req;
    const char *keys[4] = {"git-repo", "git-branch", "git-commit", "git-path"};
    const char *values[4] = {q->git_repo, q->git_branch, f->commit, git_path};
    const char *segs[3] = {"realms", "egress", realm->name};
    char *table = ftl_toml_path(segs, 3), *rel = NULL;
    FtlTomlError te;
    int rc = ftl_toml_edit_add_table(&op->toml, table, keys, values, git_path ? 4 : 3, &te) == 0
                 ? FTL_OK
                 : edit_failed(op, &te);
    free(table);
    if (rc == FTL_OK) rc = cache_write(op, realm->name, f, &rel);
    if (rc != FTL_OK) return rc;
    lock_set(op, realm->name, f->commit, f->sha);
    FtlPin pin;
    memset(&pin, 0, sizeof pin);
    pin.name = realm->name, pin.form = FTL_PIN_EGRESS, pin.git_repo = q->git_repo;
    pin.git_branch = q->git_branch, pin.git_commit = f->commit, pin.git_path = git_path;
    pin.schema_sha256 = f->sha;
    FtlRealmPin *r = pin_result(op, &pin, FTL_REALM_ADDED);
    char *path = ftl_project_join(op->p, rel);
    r->cache = FTL_REALM_CACHE_OK;
    r->cache_path = astr(op, path);
    r->schema_path = astr(op, f->path);
    count_decls(realm, &r->modules, &r->declarations);
    free(path);
    free(rel);
    return FTL_OK;
}

/* The git-path to record: normalised, "." for the top. */
static char *recorded_git_path(const char *given)
{
    char *n = given ? ftl_path_normalize(given) : NULL;
    if (n && !*n) {
        free(n);
        n = ftl_xmalloc(2);
        memcpy(n, ".", 2);
    }
    return n;
}

static int readd(Op *op, const FtlPin *pin, FtlFetched *f, const char *git_path);

static int op_add(Op *op)
{
    const FtlRealmRequest *q = op->req;
    /* A name already pinned moves (readd); the local realm's name is refused. */
    int rc = q->name && !ftl_project_pin(op->p, q->name) ? check_new_name(op, q->name) : FTL_OK;
    if (rc != FTL_OK) return rc;
    char label[128];
    if (q->name)
        snprintf(label, sizeof label, "%s", q->name);
    else
        repo_label(label, sizeof label, q->git_repo);
    char *repo = repo_for_git(op, q->git_repo), *git_path = recorded_git_path(q->git_path);
    char *where = normal_git_path(q->git_path);
    FtlGit g;
    ftl_git_init(&g, q->name, repo, op->timeout);
    op->git = &g;
    FtlFetched f;
    memset(&f, 0, sizeof f);
    rc = ftl_source_fetch_head(&g, q->git_branch, &f, op->env->diags);
    if (rc == FTL_OK) rc = ftl_source_read(&op->senv, &g, label, where, &f);
    op->git = NULL;
    ftl_git_free(&g);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    FtlRealm *realm = NULL;
    if (rc == FTL_OK && !(realm = ftl_source_check(&op->senv, &s, q->name, &f, q->git_repo, 1)))
        rc = FTL_ERRORS;
    const FtlPin *pinned = rc == FTL_OK ? ftl_project_pin(op->p, realm->name) : NULL;
    if (rc == FTL_OK && !pinned) rc = check_new_name(op, realm->name);
    if (rc == FTL_OK && pinned)
        rc = readd(op, pinned, &f, git_path);
    else if (rc == FTL_OK)
        rc = add_record(op, realm, &f, git_path);
    ftl_schema_free(&s);
    ftl_fetched_free(&f);
    free(repo);
    free(git_path);
    free(where);
    return rc;
}

/* ---- what an update does to the local realm (ftlc-breaking(1)) ---------------------------- */

/* The local realm's schema files: the request's, else every .ftl file under the
 * project's folder (looked for once). */
static void local_files(Op *op)
{
    if (op->have_files) return;
    op->have_files = 1;
    op->files = op->req->files, op->nfiles = op->req->nfiles;
    if (op->nfiles) return;
    op->nfiles = ftl_brk_local_files(op->p->root, &op->found_files);
    op->files = (const char *const *)op->found_files;
}

/* The schema at the pin's current commit: from the cache when it is there and
 * intact, else from git (g: the realm's repository). 0, or -1 with a reason in why.
 * What goes wrong here is no error of the update: it is said in why. */
static int old_schema(Op *op, FtlGit *g, const FtlPin *pin, FtlFetched *f, char *why, size_t whysz)
{
    FtlDiags scratch;
    ftl_diags_init(&scratch);
    FtlSourceEnv env = op->senv;
    env.diags = &scratch;
    memset(f, 0, sizeof *f);
    snprintf(f->commit, sizeof f->commit, "%s", pin->git_commit);
    FtlCacheEntry e;
    ftl_cache_lookup(op->p, pin, 1, &e);
    int ok = e.state == FTL_CACHE_OK;
    if (ok) {
        f->data = e.data, f->len = e.len, e.data = NULL;
        f->display = e.path, e.path = NULL;
    } else {
        char *where = normal_git_path(pin->git_path);
        ok = ftl_git_fetch(g, pin->git_commit, pin->git_branch) == 0 &&
             ftl_source_read(&env, g, pin->name, where, f) == FTL_OK;
        free(where);
        if (!ok) snprintf(why, whysz, "%s", scratch.count ? scratch.items[0].msg : g->err);
    }
    ftl_cache_entry_free(&e);
    ftl_diags_free(&scratch);
    return ok ? 0 : -1;
}

static FtlRealmChange change_of(const Op *op, const FtlBrkFinding *f, int affects)
{
    FtlRealmChange c = {1,
                        astr(op, f->msg),
                        ftl_brk_rule_id(f->rule),
                        ftl_brk_category_name(f->category),
                        f->has_dir ? ftl_brk_dir_name(f->dir) : NULL,
                        affects};
    return c;
}

/* The changes: those that break what the local realm uses first, then the others. */
static void list_changes(Op *op, const FtlBrkUpdate *u, FtlRealmPin *r)
{
    size_t cap = (size_t)u->all.count + u->local.count + 1;
    FtlRealmChange *v = FTL_NEW_N(op->env->arena, FtlRealmChange, cap);
    size_t n = 0;
    for (unsigned i = 0; i < u->local.count; i++)
        v[n++] = change_of(op, &u->local.items[i], 1);
    for (unsigned i = 0; i < u->all.count; i++) {
        int known = 0;
        for (unsigned k = 0; k < u->local.count && !known; k++)
            known = ftl_brk_same_finding(&u->all.items[i], &u->local.items[k]);
        if (!known) v[n++] = change_of(op, &u->all.items[i], 0);
    }
    r->changes = v;
    r->nchanges = n;
    r->breaking = (unsigned)n;
    r->affecting = u->local.count;
}

/* An update that breaks the local realm: refused, with what breaks it (E0716) or
 * why its schema no longer checks (E0717); with force, done with W0704. */
static int verdict(Op *op, const FtlPin *pin, const char *commit, FtlBrkUpdate *u,
                   const FtlRealmPin *r)
{
    FtlDiags *d = op->env->diags;
    const char *local = op->p->name ? op->p->name : "the local realm";
    char what[300];
    if (r->affecting)
        snprintf(what, sizeof what, "breaks what %s uses (%u change%s)", local, r->affecting,
                 r->affecting == 1 ? "" : "s");
    else
        snprintf(what, sizeof what, "makes the schema of %s fail to check", local);
    if (op->req->force) {
        ftl_warning(d, pin->span, "W0704", "realm \"%s\" moved to %.12s although that %s (--force)",
                    pin->name, commit, what);
        return FTL_OK;
    }
    if (u->local_broken) ftl_diags_append(d, &u->local_diags, FTL_SEV_ERROR);
    ftl_brk_to_diags(&u->local, d, FTL_SEV_ERROR);
    FtlDiag *g = ftl_error(d, pin->span, u->local_broken && !r->affecting ? "E0717" : "E0716",
                           "updating realm \"%s\" to %.12s %s; nothing was written", pin->name,
                           commit, what);
    ftl_diag_fixit(g, "--dry-run shows every change; --force updates all the same");
    return FTL_ERRORS;
}

/* Compares the pin's schema with fresh for the local realm (r gets the changes);
 * FTL_ERRORS when the update is refused. g is the pin's repository. */
static int judge(Op *op, FtlGit *g, const FtlPin *pin, const FtlFetched *fresh, FtlRealmPin *r)
{
    FtlFetched old;
    char why[1100] = "";
    int have_old = old_schema(op, g, pin, &old, why, sizeof why) == 0;
    local_files(op);
    FtlBrkUpdateIn in = {op->env->arena, op->env->in, op->env->src, op->p,
                         pin->name,      op->files,   op->nfiles};
    FtlBrkText a = {have_old ? old.display : fresh->display, have_old ? old.data : fresh->data,
                    have_old ? old.len : fresh->len};
    FtlBrkText b = {fresh->display, fresh->data, fresh->len};
    FtlBrkUpdate u;
    ftl_brk_update(&u, &in, &a, &b);
    r->api_compared = have_old && u.compared;
    if (!have_old) {
        char note[1300];
        snprintf(note, sizeof note, "the schema at %.12s: %s", pin->git_commit, why);
        r->api_note = astr(op, note);
    } else if (!u.compared) {
        r->api_note = "the two schemas could not be loaded";
    }
    if (r->api_compared) list_changes(op, &u, r);
    r->local_found = u.local_found;
    r->refused = r->affecting || u.local_broken;
    int rc = r->refused ? verdict(op, pin, fresh->commit, &u, r) : FTL_OK;
    ftl_brk_update_free(&u);
    if (have_old) ftl_fetched_free(&old);
    return rc;
}

/* Records the new commit of pin (and drops a schema-sha256 key from its table:
 * the hash goes to the lock file). */
static int record_pin(Op *op, const FtlPin *pin, const FtlFetched *f)
{
    char *table = ftl_pin_table(pin);
    FtlTomlError te;
    int rc = FTL_OK;
    if (ftl_toml_edit_set_string(&op->toml, table, "git-commit", f->commit, &te) != 0 ||
        (pin->legacy_sha && ftl_toml_edit_remove_key(&op->toml, table, "schema-sha256", &te) != 0))
        rc = edit_failed(op, &te);
    free(table);
    if (rc == FTL_OK) lock_set(op, pin->name, f->commit, f->sha);
    return rc;
}

/* A pin that update cannot move: no branch to follow. */
static int no_branch(Op *op, const FtlPin *pin)
{
    FtlDiag *g = ftl_error(op->env->diags, pin->span, "E0710",
                           "realm \"%s\" has no git-branch to follow", pin->name);
    ftl_diag_fixit(g, "add git-branch = \"main\" (or the realm's branch) to its table");
    return FTL_ERRORS;
}

/* The result's cache fields for a schema cached (or, in a dry run, to be cached). */
static void cached_as(Op *op, FtlRealmPin *r, const char *name, const FtlFetched *f)
{
    char *rel = cache_rel_of(name, f), *path = ftl_project_join(op->p, rel);
    r->git_commit = astr(op, f->commit);
    r->schema_sha256 = astr(op, f->sha);
    r->schema_path = astr(op, f->path);
    r->cache = FTL_REALM_CACHE_OK;
    r->cache_path = astr(op, path);
    free(path);
    free(rel);
}

/* Fetches, checks, judges, records and caches the branch head of pin. */
static int move_pin(Op *op, FtlGit *g, const FtlPin *pin, FtlFetched *f, int same)
{
    FtlSchema s;
    memset(&s, 0, sizeof s);
    char *where = normal_git_path(pin->git_path);
    int rc = ftl_source_read(&op->senv, g, pin->name, where, f);
    if (rc == FTL_OK && !ftl_source_check(&op->senv, &s, pin->name, f, pin->git_repo, 1))
        rc = FTL_ERRORS;
    if (rc == FTL_OK) {
        FtlRealmPin *r = pin_result(op, pin,
                                    same              ? FTL_REALM_RECORDED
                                    : pin->git_commit ? FTL_REALM_MOVED
                                                      : FTL_REALM_PINNED);
        cached_as(op, r, pin->name, f);
        if (r->action == FTL_REALM_MOVED) {
            r->old_commit = astr(op, pin->git_commit);
            rc = judge(op, g, pin, f, r);
        }
    }
    if (rc == FTL_OK) rc = record_pin(op, pin, f);
    if (rc == FTL_OK) rc = cache_write(op, pin->name, f, NULL);
    free(where);
    ftl_schema_free(&s);
    return rc;
}

/* The old commit's schema is no longer pinned: deleted once the rest is written. */
static void drop_old_cache(Op *op, const FtlPin *pin)
{
    if (!pin->git_commit || op->req->dry_run) return;
    FtlCacheEntry e;
    ftl_cache_lookup(op->p, pin, 0, &e);
    if (e.state == FTL_CACHE_OK || e.state == FTL_CACHE_MISMATCH)
        ftl_undo_remove_later(&op->undo, e.rel);
    ftl_cache_entry_free(&e);
}

static int update_one(Op *op, const FtlPin *pin)
{
    if (!pin->git_branch) return no_branch(op, pin);
    char *repo = repo_for_git(op, pin->git_repo);
    FtlGit g;
    ftl_git_init(&g, pin->name, repo, op->timeout);
    op->git = &g;
    FtlFetched f;
    memset(&f, 0, sizeof f);
    int rc = ftl_source_fetch_head(&g, pin->git_branch, &f, op->env->diags);
    int same = rc == FTL_OK && pin->git_commit && strcmp(pin->git_commit, f.commit) == 0;
    if (same && pin->schema_sha256 && !pin->legacy_sha)
        pin_result(op, pin, FTL_REALM_UP_TO_DATE);
    else if (rc == FTL_OK)
        rc = move_pin(op, &g, pin, &f, same);
    if (rc == FTL_OK && !same) drop_old_cache(op, pin);
    ftl_fetched_free(&f);
    op->git = NULL;
    ftl_git_free(&g);
    free(repo);
    return rc;
}

/* ---- add of a name already pinned ---------------------------------------------------------- */

static int same(const char *a, const char *b)
{
    return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The pin's table takes the request's repository, branch and git-path, and the
 * fetched commit. */
static int repin(Op *op, const FtlPin *pin, const FtlFetched *f, const char *git_path)
{
    const FtlRealmRequest *q = op->req;
    char *table = ftl_pin_table(pin);
    FtlTomlEdit *e = &op->toml;
    FtlTomlError te;
    int bad = ftl_toml_edit_set_string(e, table, "git-repo", q->git_repo, &te) != 0 ||
              ftl_toml_edit_set_string(e, table, "git-branch", q->git_branch, &te) != 0;
    if (!bad && git_path)
        bad = ftl_toml_edit_set_string(e, table, "git-path", git_path, &te) != 0;
    else if (!bad && pin->git_path)
        bad = ftl_toml_edit_remove_key(e, table, "git-path", &te) != 0;
    free(table);
    return bad ? edit_failed(op, &te) : record_pin(op, pin, f);
}

/* add of a name already pinned: the pin moves to the new repository, branch and
 * commit, judged as an update (its old schema from its own repository). */
static int readd(Op *op, const FtlPin *pin, FtlFetched *f, const char *git_path)
{
    const FtlRealmRequest *q = op->req;
    int moved = pin->git_commit && strcmp(pin->git_commit, f->commit) != 0;
    if (!moved && pin->git_commit && same(pin->git_repo, q->git_repo) &&
        same(pin->git_branch, q->git_branch) && same(pin->git_path, git_path) &&
        pin->schema_sha256 && !pin->legacy_sha) {
        pin_result(op, pin, FTL_REALM_UP_TO_DATE);
        return FTL_OK;
    }
    FtlRealmPin *r = pin_result(op, pin, pin->git_commit ? FTL_REALM_MOVED : FTL_REALM_PINNED);
    cached_as(op, r, pin->name, f);
    r->git_repo = astr(op, q->git_repo);
    r->git_branch = astr(op, q->git_branch);
    r->git_path = astr(op, git_path);
    r->old_commit = astr(op, pin->git_commit);
    r->api_compared = 1;
    int rc = FTL_OK;
    if (moved) {
        char *repo = repo_for_git(op, pin->git_repo);
        FtlGit g;
        ftl_git_init(&g, pin->name, repo, op->timeout);
        op->git = &g;
        rc = judge(op, &g, pin, f, r);
        op->git = NULL;
        ftl_git_free(&g);
        free(repo);
    }
    if (rc == FTL_OK) rc = repin(op, pin, f, git_path);
    if (rc == FTL_OK) rc = cache_write(op, pin->name, f, NULL);
    if (rc == FTL_OK && moved) drop_old_cache(op, pin);
    return rc;
}

/* Runs one on every pin the request names. Every realm is tried, so that one
 * run reports every problem. */
static int each_pin(Op *op, int (*one)(Op *op, const FtlPin *pin))
{
    const FtlPin **pins;
    size_t n;
    int rc = select_pins(op, &pins, &n);
    int ready = rc == FTL_OK;
    for (size_t i = 0; ready && i < n && !cancelled(op); i++)
        rc = worse(rc, one(op, pins[i]));
    free(pins);
    return rc;
}

/* ---- list ------------------------------------------------------------------------------ */

static int op_list(Op *op)
{
    for (size_t i = 0; i < op->p->npins; i++) {
        const FtlPin *pin = &op->p->pins[i];
        FtlCacheEntry e;
        ftl_cache_lookup(op->p, pin, 0, &e);
        FtlRealmPin *r = pin_result(op, pin, FTL_REALM_LISTED);
        r->cache = cache_state(e.state);
        r->cache_path = astr(op, e.path);
        ftl_cache_entry_free(&e);
    }
    return FTL_OK;
}

/* ---- remove ---------------------------------------------------------------------------- */

/* Removes the lines that declare pin, however its table was written. */
static int unpin(Op *op, const FtlPin *pin)
{
    char *path = ftl_pin_table(pin);
    const FtlTomlTable *t = ftl_toml_table(op->p->doc, path);
    FtlTomlError te;
    int rc = 0;
    if (t && (t->kind == FTL_TOML_HEADER || t->kind == FTL_TOML_IMPLICIT)) {
        rc = ftl_toml_edit_remove_table(&op->toml, path, &te);
    } else if (t && t->kind == FTL_TOML_INLINE) {
        const char *parent = pin->form == FTL_PIN_EGRESS ? "realms.egress" : "external-realms";
        rc = ftl_toml_edit_remove_key(&op->toml, parent, pin->name, &te);
    } else if (t) { /* made by dotted keys: one line each */
        for (const FtlTomlEntry *k = t->first; k && rc == 0; k = k->next)
            rc = ftl_toml_edit_remove_key(&op->toml, path, k->key, &te);
    }
    free(path);
    if (rc != 0) return edit_failed(op, &te);
    lock_drop(op, pin->name);
    pin_result(op, pin, FTL_REALM_REMOVED);
    return FTL_OK;
}

/* After the project is written: the removed realms' caches. A folder that
 * cannot be read is a warning: the realms are unpinned already. */
static void remove_caches(Op *op)
{
    char err[1200];
    for (size_t i = 0; i < op->npins; i++) {
        if (ftl_cache_remove(op->edit.root, op->p->root, op->pins[i].name, op->env->diags, err,
                             sizeof err) == 0)
            continue;
        FtlDiag *g =
            ftl_warning(op->env->diags, NOWHERE, "W0703",
                        "the cache of realm \"%s\" was not deleted: %s", op->pins[i].name, err);
        ftl_diag_fixit(g, "remove it by hand");
    }
}

/* ---- fetch ----------------------------------------------------------------------------- */

/* Fetches the pinned commit's schema and checks it is the one recorded. */
static int fetch_pinned(Op *op, const FtlPin *pin, FtlFetched *f)
{
    char *repo = repo_for_git(op, pin->git_repo), *where = normal_git_path(pin->git_path);
    FtlGit g;
    ftl_git_init(&g, pin->name, repo, op->timeout);
    op->git = &g;
    snprintf(f->commit, sizeof f->commit, "%s", pin->git_commit);
    int rc = FTL_EIO;
    if (ftl_git_fetch(&g, pin->git_commit, pin->git_branch) == 0)
        rc = ftl_source_read(&op->senv, &g, pin->name, where, f);
    else
        ftl_error(op->env->diags, NOWHERE, "E0708", "%s", g.err);
    op->git = NULL;
    ftl_git_free(&g);
    free(repo);
    free(where);
    if (rc == FTL_OK && pin->schema_sha256 && strcmp(f->sha, pin->schema_sha256) != 0) {
        FtlDiag *e = ftl_error(op->env->diags, pin->sha_span, "E0707",
                               "the schema of realm \"%s\" fetched at %.12s does not match "
                               "schema-sha256: its SHA-256 is %s",
                               pin->name, pin->git_commit, f->sha);
        ftl_diag_fixit(e, "if the pin was edited by hand, run 'ftlc realm update %s'", pin->name);
        rc = FTL_ERRORS;
    }
    return rc;
}

/* A pin whose cache needs nothing (or, offline, gets nothing): its state. */
static int fetch_cached(Op *op, const FtlPin *pin, const FtlCacheEntry *e)
{
    if (ftl_cache_report(op->env->diags, pin, e)) return FTL_ERRORS;
    FtlRealmPin *r = pin_result(op, pin, FTL_REALM_CACHED);
    r->cache = cache_state(e->state);
    r->cache_path = astr(op, e->path);
    r->verified = pin->schema_sha256 != NULL;
    return FTL_OK;
}

static int fetch_one(Op *op, const FtlPin *pin)
{
    FtlCacheEntry e;
    ftl_cache_lookup(op->p, pin, 0, &e);
    if (e.state == FTL_CACHE_OK || op->req->offline || e.state == FTL_CACHE_UNPINNED) {
        int rc = fetch_cached(op, pin, &e);
        ftl_cache_entry_free(&e);
        return rc;
    }
    FtlFetched f;
    memset(&f, 0, sizeof f);
    FtlSchema s;
    memset(&s, 0, sizeof s);
    char *rel = NULL;
    int rc = fetch_pinned(op, pin, &f);
    if (rc == FTL_OK && !ftl_source_check(&op->senv, &s, pin->name, &f, pin->git_repo, 1))
        rc = FTL_ERRORS;
    if (rc == FTL_OK) rc = cache_write(op, pin->name, &f, &rel);
    /* A file that did not match, under another extension, goes. */
    if (rc == FTL_OK && e.state != FTL_CACHE_MISSING && strcmp(rel, e.rel) != 0)
        ftl_undo_remove_later(&op->undo, e.rel);
    if (rc == FTL_OK) {
        FtlRealmPin *r = pin_result(op, pin, FTL_REALM_FETCHED);
        char *path = ftl_project_join(op->p, rel);
        r->cache = FTL_REALM_CACHE_OK;
        r->cache_path = astr(op, path);
        r->schema_path = astr(op, f.path);
        r->verified = pin->schema_sha256 != NULL;
        free(path);
    }
    free(rel);
    ftl_cache_entry_free(&e);
    ftl_schema_free(&s);
    ftl_fetched_free(&f);
    return rc;
}

/* ---- the run ---------------------------------------------------------------------------- */

static int run_op(Op *op)
{
    switch (op->req->op) {
    case FTL_REALM_ADD: return op_add(op);
    case FTL_REALM_UPDATE: return each_pin(op, update_one);
    case FTL_REALM_LIST: return op_list(op);
    case FTL_REALM_REMOVE: return each_pin(op, unpin);
    default: return each_pin(op, fetch_one);
    }
}

static void op_free(Op *op)
{
    if (op->have_toml) ftl_toml_edit_free(&op->toml);
    if (op->p == &op->edit.project) ftl_project_edit_end(&op->edit);
    if (op->p == &op->readonly) ftl_project_free(&op->readonly);
    free(op->found);
    free(op->lock);
    free(op->pins);
    ftl_brk_local_files_free(op->found_files, op->have_files && !op->req->nfiles ? op->nfiles : 0);
}

/* Out of memory (base/fault.h) in the middle of an operation: what it wrote
 * is put back, the project file's lock released and git's temporary
 * repository removed before the unwind goes on to the caller's handler. */
static void out_of_memory(Op *op)
{
    if (op->git) ftl_git_free(op->git);
    if (op->p == &op->edit.project) {
        ftl_undo_rollback(&op->undo);
        ftl_project_edit_end(&op->edit); /* closes what it opened */
    }
    ftl_oom();
}

/* The result: built before the writes, so that nothing after them fails but
 * deleting the caches of removed realms. */
static void set_result(Op *op, FtlRealmResult *out)
{
    if (op->p) out->project = astr(op, op->p->path);
    if (!op->npins) return;
    FtlRealmPin *v = FTL_NEW_N(op->env->arena, FtlRealmPin, op->npins);
    memcpy(v, op->pins, op->npins * sizeof *v);
    out->pins = v;
    out->npins = op->npins;
}

static int run_all(Op *op, FtlRealmResult *out)
{
    const FtlRealmRequest *req = op->req;
    char buf[600];
    const char *problem = ftl_realm_request_problem(req, buf, sizeof buf);
    int rc = problem ? refused(op, problem) : open_project(op);
    if (rc == FTL_OK) rc = run_op(op);
    /* A dry run shows what it found, also when the update would be refused. */
    if (rc == FTL_OK || (req->dry_run && op->p)) set_result(op, out);
    if (op->p == &op->edit.project && op->edit.lockfd >= 0) {
        rc = finish(op, rc);
        if (rc == FTL_OK && req->op == FTL_REALM_REMOVE) remove_caches(op);
    }
    if (rc != FTL_OK && !req->dry_run) memset(out, 0, sizeof *out);
    if (op->p) out->project = astr(op, op->p->path);
    return rc;
}

FtlStatus ftl_realm_run(const FtlRealmEnv *env, const FtlRealmRequest *req, FtlRealmResult *out)
{
    memset(out, 0, sizeof *out);
    /* After setjmp op is changed only through pointers, by the functions
     * run_all calls: its memory is what they left when they unwind. */
    Op op;
    memset(&op, 0, sizeof op);
    op.env = env;
    op.req = req;
    op.senv = (FtlSourceEnv){env->arena, env->in, env->src, env->diags};
    op.timeout = req->timeout > 0 ? req->timeout : FTL_REALM_TIMEOUT;
    op.edit.root = op.edit.lockfd = -1;
    FtlFault fault;
    ftl_fault_push(&fault);
    if (setjmp(fault.env)) {
        if (!op.committed) out_of_memory(&op); /* does not return */
        /* The writes are done; deleting a removed realm's cache was not. */
        op_free(&op);
        ftl_warning(env->diags, NOWHERE, "W0703",
                    "the cache of a removed realm was not deleted: out of memory");
        return FTL_OK;
    }
    int rc = run_all(&op, out);
    ftl_fault_pop(&fault);
    op_free(&op);
    return (FtlStatus)rc;
}
