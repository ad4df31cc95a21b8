/* project.c - finding and reading ftl-project.toml.
 *
 * Everything is checked when the file is read, so that no later step sees a
 * value git could misread: a pin with an invalid value is reported and left
 * out of p->pins. Problems are diagnostics in the file (E07xx).
 */
#define _POSIX_C_SOURCE 200809L
#include "realm/project.h"
#include "base/arena.h"
#include "base/buf.h"
#include "base/fileio.h"
#include "base/intern.h"
#include "base/map.h"
#include "realm/git.h"
#include "proto/schema_io.h"
#include "base/strlit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- finding the file ------------------------------------------------------------------- */

char *ftl_project_find(void)
{
    /* Walk up by path prefix ("../" per level) and stop where ".." is the directory
     * itself: the root. Relative names keep messages short and need no getcwd. */
    FtlBuf b;
    ftl_buf_init(&b);
    for (int depth = 0; depth < 256; depth++) {
        size_t mark = b.len;
        ftl_buf_puts(&b, FTL_PROJECT_FILE);
        struct stat st;
        if (stat(b.data, &st) == 0 && S_ISREG(st.st_mode)) return b.data;
        b.len = mark;
        struct stat here, up;
        ftl_buf_puts(&b, ".");
        int ok = stat(b.data, &here) == 0;
        b.len = mark;
        ftl_buf_puts(&b, "..");
        ok = ok && stat(b.data, &up) == 0;
        if (!ok || (here.st_dev == up.st_dev && here.st_ino == up.st_ino)) break;
        ftl_buf_puts(&b, "/");
    }
    ftl_buf_free(&b);
    return NULL;
}

/* ---- reading ----------------------------------------------------------------------------- */

typedef struct Seen {
    const char *name;
    FtlSpan span;
} Seen;

typedef struct Reader {
    FtlProject *p;
    uint32_t file; /* the file read: the project file or its lock file */
    FtlDiags *d;
    Seen *seen; /* every realm table, valid or not: a name pinned twice is an error */
    size_t nseen, capseen, cappins;
    /* Realm names, interned, to a 1-based index into seen (the project file) or
     * p->pins (the lock file): a lookup per name, not a scan of all of them. */
    FtlArena arena;
    FtlInterner names;
    FtlMap index;
} Reader;

static void reader_init(Reader *r, FtlProject *p, uint32_t file, FtlDiags *d)
{
    memset(r, 0, sizeof *r);
    r->p = p, r->file = file, r->d = d;
    ftl_arena_init(&r->arena);
    ftl_intern_init(&r->names, &r->arena);
    ftl_map_init(&r->index);
}

static void reader_free(Reader *r)
{
    ftl_map_free(&r->index);
    ftl_intern_free(&r->names);
    ftl_arena_free(&r->arena);
    free(r->seen);
}

static uintptr_t name_index(Reader *r, const char *name)
{
    return (uintptr_t)ftl_map_get(&r->index, ftl_intern_cstr(&r->names, name));
}

static void set_name_index(Reader *r, const char *name, size_t i)
{
    ftl_map_set(&r->index, ftl_intern_cstr(&r->names, name), (void *)(uintptr_t)i);
}

static FtlSpan at(const Reader *r, FtlTomlSpan s)
{
    return (FtlSpan){r->file, (uint32_t)s.start, (uint32_t)(s.end > s.start ? s.end : s.start + 1)};
}

/* The span of an entry's key, falling back to its value. */
static FtlSpan key_at(const Reader *r, const FtlTomlEntry *e)
{
    return at(r, e->key_span.end > e->key_span.start ? e->key_span : e->value->span);
}

/* The document, or NULL after E0701 where the text stops being TOML. */
static FtlTomlDoc *parse_toml(const Reader *r, const char *text, size_t len)
{
    FtlTomlError te;
    FtlTomlDoc *doc = ftl_toml_parse(text, len, &te);
    if (!doc) {
        FtlTomlSpan s = {te.offset, te.offset + 1};
        ftl_error(r->d, at(r, s), "E0701", "invalid TOML: %s", te.message);
    }
    return doc;
}

/* A string value, or NULL after reporting why it is not one. */
static const char *string_value(const Reader *r, const FtlTomlEntry *e, const char *what)
{
    size_t len;
    const char *s = ftl_toml_as_string(e->value, &len);
    if (!s) {
        ftl_error(r->d, at(r, e->value->span), "E0702", "%s must be a string, not %s %s", what,
                  e->value->type == FTL_TOML_INTEGER || e->value->type == FTL_TOML_ARRAY ? "an"
                                                                                         : "a",
                  ftl_toml_type_name(e->value->type));
        return NULL;
    }
    if (strlen(s) != len || !len) {
        ftl_error(r->d, at(r, e->value->span), "E0703", "%s must not be empty or hold a NUL byte",
                  what);
        return NULL;
    }
    return s;
}

static void unknown_key(const Reader *r, const FtlTomlEntry *e, const char *where,
                        const char *known)
{
    FtlDiag *g =
        ftl_warning(r->d, key_at(r, e), "W0701", "unknown key \"%s\" in %s", e->key, where);
    ftl_diag_fixit(g, "the keys ftlc reads there are %s", known);
}

char *ftl_path_normalize(const char *path)
{
    if (path[0] == '/') return NULL;
    size_t n = strlen(path), out = 0;
    char *b = ftl_xmalloc(n + 1);
    for (const char *seg = path; *seg;) {
        size_t k = strcspn(seg, "/");
        if (k == 2 && seg[0] == '.' && seg[1] == '.') {
            if (out == 0) {
                free(b);
                return NULL; /* leaves the folder */
            }
            while (out > 0 && b[out - 1] != '/')
                out--; /* drop the last segment and its '/' */
            if (out > 0) out--;
        } else if (k > 0 && !(k == 1 && seg[0] == '.')) {
            if (out > 0) b[out++] = '/';
            memcpy(b + out, seg, k);
            out += k;
        }
        seg += k + (seg[k] == '/');
    }
    b[out] = '\0';
    return b;
}

int ftl_path_is_inner(const char *s)
{
    char *n = s[0] ? ftl_path_normalize(s) : NULL;
    free(n);
    return n != NULL;
}

/* 64 lower-case hex digits: what a SHA-256 commit id looks like too. */
static int is_sha256_hex(const char *s)
{
    return strlen(s) == 64 && ftl_git_is_commit(s);
}

/* Checks one key of a pin; returns 0 when it is valid. */
static int pin_key(const Reader *r, FtlPin *pin, const FtlTomlEntry *e)
{
    static const char *const keys[] = {"git-repo", "git-branch",    "git-commit",
                                       "git-path", "schema-sha256", NULL};
    int k = 0;
    while (keys[k] && strcmp(keys[k], e->key) != 0)
        k++;
    char where[128];
    snprintf(where, sizeof where, "realm \"%.60s\"", pin->name);
    if (!keys[k]) {
        unknown_key(r, e, where, "git-repo, git-branch, git-commit, git-path and schema-sha256");
        return 0;
    }
    char what[160];
    snprintf(what, sizeof what, "%s of realm \"%.60s\"", keys[k], pin->name);
    const char *v = string_value(r, e, what), *why = NULL;
    if (!v) return -1;
    FtlSpan vs = at(r, e->value->span);
    switch (k) {
    case 0: why = ftl_git_refuse_repo(v), pin->git_repo = v; break;
    case 1: why = ftl_git_refuse_branch(v), pin->git_branch = v; break;
    case 2:
        why =
            ftl_git_is_commit(v) ? NULL : "it is not a commit id (40 or 64 lower-case hex digits)";
        pin->git_commit = v, pin->commit_span = vs;
        break;
    case 3:
        why =
            ftl_path_is_inner(v) ? NULL : "it must be a relative path that stays in the repository",
        pin->git_path = v;
        break;
    default:
        why = is_sha256_hex(v) ? NULL : "it is not a SHA-256 (64 lower-case hex digits)";
        pin->schema_sha256 = v, pin->sha_span = vs, pin->legacy_sha = 1;
    }
    if (!why) return 0;
    ftl_error(r->d, vs, "E0703", "%s is refused: %s", what, why);
    return -1;
}

static void add_pin(Reader *r, const FtlPin *pin)
{
    FtlProject *p = r->p;
    if (p->npins == r->cappins) {
        r->cappins = r->cappins ? r->cappins * 2 : 8;
        p->pins = ftl_xrealloc(p->pins, r->cappins * sizeof *p->pins);
    }
    p->pins[p->npins++] = *pin;
}

/* Remembers that name is pinned at span; 0 when it was already (reported). */
static int first_pin(Reader *r, const char *name, FtlSpan span)
{
    uintptr_t i = name_index(r, name);
    if (i) {
        FtlDiag *g = ftl_error(r->d, span, "E0705", "realm \"%s\" is pinned twice", name);
        ftl_diag_note(g, r->seen[i - 1].span, "realm \"%s\" first pinned here", name);
        return 0;
    }
    if (r->nseen == r->capseen) {
        r->capseen = r->capseen ? r->capseen * 2 : 8;
        r->seen = ftl_xrealloc(r->seen, r->capseen * sizeof *r->seen);
    }
    r->seen[r->nseen++] = (Seen){name, span};
    set_name_index(r, name, r->nseen);
    return 1;
}

static void read_pin(Reader *r, const FtlTomlEntry *e, FtlPinForm form, const char *section)
{
    FtlPin pin;
    memset(&pin, 0, sizeof pin);
    pin.name = e->key;
    pin.form = form;
    pin.span = at(r, e->value->span);
    const FtlTomlTable *t = ftl_toml_as_table(e->value);
    if (!t) {
        ftl_error(r->d, pin.span, "E0702", "realm \"%s\" must be a table ([%s.%s]), not %s", e->key,
                  section, e->key, ftl_toml_type_name(e->value->type));
        return;
    }
    if (!ftl_is_plain_ident(e->key, e->key_len)) {
        ftl_error(r->d, key_at(r, e), "E0703", "\"%s\" is not a realm name (an identifier)",
                  e->key);
        return;
    }
    if (!first_pin(r, e->key, pin.span)) return;
    int bad = 0;
    for (const FtlTomlEntry *k = t->first; k; k = k->next)
        bad |= pin_key(r, &pin, k) != 0;
    if (!pin.git_repo && !bad) {
        ftl_error(r->d, pin.span, "E0704", "realm \"%s\" has no git-repo", e->key);
        bad = 1;
    }
    if (!pin.git_commit) pin.commit_span = pin.span;
    if (!pin.schema_sha256) pin.sha_span = pin.span;
    if (!bad) add_pin(r, &pin);
}

/* Every entry of the table at path is a pin. */
static void read_pins(Reader *r, const FtlTomlEntry *e, FtlPinForm form, const char *path)
{
    const FtlTomlTable *t = ftl_toml_as_table(e->value);
    if (!t) {
        ftl_error(r->d, at(r, e->value->span), "E0702", "%s must be a table of realms, not %s",
                  path, ftl_toml_type_name(e->value->type));
        return;
    }
    for (const FtlTomlEntry *k = t->first; k; k = k->next)
        read_pin(r, k, form, path);
}

static void read_realms(Reader *r, const FtlTomlEntry *e, unsigned flags)
{
    const FtlTomlTable *t = ftl_toml_as_table(e->value);
    if (!t) {
        ftl_error(r->d, at(r, e->value->span), "E0702", "realms must be a table, not %s",
                  ftl_toml_type_name(e->value->type));
        return;
    }
    for (const FtlTomlEntry *k = t->first; k; k = k->next) {
        if (strcmp(k->key, "export-path") == 0) {
            const char *v = string_value(r, k, "realms.export-path");
            if (v) r->p->export_path = v;
        } else if (strcmp(k->key, "egress") == 0) {
            if (!(flags & FTL_PROJECT_NO_PINS)) read_pins(r, k, FTL_PIN_EGRESS, "realms.egress");
        } else {
            unknown_key(r, k, "[realms]", "export-path and egress");
        }
    }
}

unsigned ftl_project_parse(FtlProject *p, const char *name, const char *text, size_t len,
                           unsigned flags, FtlSources *src, FtlDiags *diags)
{
    unsigned before = diags->errors;
    p->file_id = ftl_sources_add(src, name, text, len);
    Reader r;
    reader_init(&r, p, p->file_id, diags);
    p->export_path = FTL_DEFAULT_EXPORT_PATH;
    if (!(p->doc = parse_toml(&r, text, len))) {
        reader_free(&r);
        return diags->errors - before;
    }
    for (const FtlTomlEntry *e = ftl_toml_root(p->doc)->first; e; e = e->next) {
        if (strcmp(e->key, "name") == 0) {
            p->name = string_value(&r, e, "name");
            p->name_span = at(&r, e->value->span);
        } else if (strcmp(e->key, "realms") == 0) {
            read_realms(&r, e, flags);
        } else if (strcmp(e->key, "external-realms") == 0 && !(flags & FTL_PROJECT_NO_PINS)) {
            read_pins(&r, e, FTL_PIN_EXTERNAL_REALMS, "external-realms");
        }
    }
    reader_free(&r);
    return diags->errors - before;
}

/* ---- the lock file ----------------------------------------------------------------- */

/* One entry of the lock file: [realms.NAME] with git-commit and schema-sha256. */
static void read_lock_entry(Reader *r, const FtlTomlEntry *e)
{
    const FtlTomlTable *t = ftl_toml_as_table(e->value);
    if (!t) {
        ftl_error(r->d, at(r, e->value->span), "E0702", "realm \"%s\" must be a table, not %s",
                  e->key, ftl_toml_type_name(e->value->type));
        return;
    }
    const char *commit = NULL, *sha = NULL;
    FtlSpan sha_span = {0, 0, 0};
    for (const FtlTomlEntry *k = t->first; k; k = k->next) {
        char what[160];
        snprintf(what, sizeof what, "%s of realm \"%.60s\"", k->key, e->key);
        int is_commit = strcmp(k->key, "git-commit") == 0;
        if (!is_commit && strcmp(k->key, "schema-sha256") != 0) {
            unknown_key(r, k, FTL_LOCK_FILE, "git-commit and schema-sha256");
            continue;
        }
        const char *v = string_value(r, k, what);
        if (!v) continue;
        if (is_commit ? !ftl_git_is_commit(v) : !is_sha256_hex(v)) {
            ftl_error(r->d, at(r, k->value->span), "E0703", "%s is refused: %s", what,
                      is_commit ? "it is not a commit id (40 or 64 lower-case hex digits)"
                                : "it is not a SHA-256 (64 lower-case hex digits)");
            continue;
        }
        if (is_commit)
            commit = v;
        else
            sha = v, sha_span = at(r, k->value->span);
    }
    uintptr_t i = commit && sha ? name_index(r, e->key) : 0;
    FtlPin *pin = i ? &r->p->pins[i - 1] : NULL;
    if (pin && pin->git_commit && strcmp(pin->git_commit, commit) == 0)
        pin->schema_sha256 = sha, pin->sha_span = sha_span, pin->legacy_sha = 0;
}

unsigned ftl_project_parse_lock(FtlProject *p, const char *text, size_t len, FtlSources *src,
                                FtlDiags *diags)
{
    unsigned before = diags->errors;
    uint32_t id = ftl_sources_add(src, p->lock_path, text, len);
    Reader r;
    reader_init(&r, p, id, diags);
    for (size_t i = 0; i < p->npins; i++)
        set_name_index(&r, p->pins[i].name, i + 1);
    p->lock = parse_toml(&r, text, len);
    for (const FtlTomlEntry *e = p->lock ? ftl_toml_root(p->lock)->first : NULL; e; e = e->next) {
        const FtlTomlTable *t = ftl_toml_as_table(e->value);
        if (strcmp(e->key, "realms") != 0 || !t) {
            unknown_key(&r, e, FTL_LOCK_FILE, "[realms.NAME] tables");
            continue;
        }
        for (const FtlTomlEntry *k = t->first; k; k = k->next)
            read_lock_entry(&r, k);
    }
    reader_free(&r);
    return diags->errors - before;
}

char *ftl_project_lock_path(const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    size_t n = strlen(path);
    if (n > 5 && strcmp(path + n - 5, ".toml") == 0) n -= 5;
    ftl_buf_put(&b, path, n);
    ftl_buf_puts(&b, ".lock");
    return b.data;
}

static char *dup_n(const char *s, size_t n)
{
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n);
    c[n] = '\0';
    return c;
}

/* The directory part of path: "." when it has none. */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return dup_n(".", 1);
    return dup_n(path, slash == path ? 1 : (size_t)(slash - path));
}

int ftl_project_read(FtlProject *p, const char *path, FtlSources *src, FtlDiags *diags, char *err,
                     size_t errsz)
{
    memset(p, 0, sizeof *p);
    char *text;
    size_t len;
    if (ftl_read_file(path, &text, &len, err, errsz) != 0) return -1;
    ftl_project_load(p, path, text, len, src, diags);
    free(text);
    int rc = ftl_read_file_max(p->lock_path, FTL_MAX_INPUT, &text, &len, err, errsz);
    if (rc != 0 && errno == ENOENT) return 0; /* no lock file: nothing recorded */
    if (rc != 0) return -1;
    ftl_project_parse_lock(p, text, len, src, diags);
    free(text);
    return 0;
}

void ftl_project_load(FtlProject *p, const char *path, const char *text, size_t len,
                      FtlSources *src, FtlDiags *diags)
{
    memset(p, 0, sizeof *p);
    p->path = dup_n(path, strlen(path));
    p->root = dir_of(path);
    p->lock_path = ftl_project_lock_path(path);
    ftl_project_parse(p, path, text, len, 0, src, diags);
}

void ftl_project_free(FtlProject *p)
{
    ftl_toml_free(p->doc);
    ftl_toml_free(p->lock);
    free(p->lock_path);
    free(p->pins);
    free(p->path);
    free(p->root);
    memset(p, 0, sizeof *p);
}

const FtlPin *ftl_project_pin(const FtlProject *p, const char *name)
{
    for (size_t i = 0; i < p->npins; i++)
        if (strcmp(p->pins[i].name, name) == 0) return &p->pins[i];
    return NULL;
}

const char *ftl_project_realm(const FtlProject *p, FtlDiags *diags)
{
    if (!p->name) return NULL;
    if (ftl_is_plain_ident(p->name, strlen(p->name))) return p->name;
    FtlDiag *g = ftl_error(diags, p->name_span, "E0703",
                           "name \"%s\" is not a realm name (an identifier)", p->name);
    ftl_diag_fixit(g, "rename the project, or give the realm's name with --realm NAME");
    return NULL;
}

/* ---- paths ----------------------------------------------------------------------------- */

char *ftl_project_join(const FtlProject *p, const char *path)
{
    FtlBuf b;
    ftl_buf_init(&b);
    if (path[0] != '/' && strcmp(p->root, ".") != 0) ftl_buf_printf(&b, "%s/", p->root);
    ftl_buf_puts(&b, path);
    return (char *)ftl_buf_cstr(&b);
}

char *ftl_pin_table(const FtlPin *pin)
{
    const char *egress[] = {"realms", "egress", pin->name},
               *upstream[] = {"external-realms", pin->name};
    return pin->form == FTL_PIN_EGRESS ? ftl_toml_path(egress, 3) : ftl_toml_path(upstream, 2);
}

char *ftl_pin_cache_dir(const FtlProject *p, const char *name)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, ".ftl/realms/%s", name);
    char *full = ftl_project_join(p, b.data);
    ftl_buf_free(&b);
    return full;
}

char *ftl_pin_cache_path(const FtlProject *p, const char *name, const char *commit, const char *ext)
{
    char *dir = ftl_pin_cache_dir(p, name);
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s/%s%s", dir, commit, ext);
    free(dir);
    return b.data;
}

const char *ftl_pin_git_path(const FtlPin *pin, const char *export_path)
{
    if (pin && pin->git_path) return pin->git_path;
    return export_path ? export_path : FTL_DEFAULT_EXPORT_PATH;
}

char *ftl_realm_endpoint_key(const char *name)
{
    FtlBuf b;
    ftl_buf_init(&b);
    ftl_buf_printf(&b, "%s-realm-endpoint", name);
    return b.data;
}
