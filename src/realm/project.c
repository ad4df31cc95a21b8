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
#include "realm/git.h"
#include "proto/schema_io.h"
#include "base/strlit.h"

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
    FtlDiags *d;
    Seen *seen; /* every realm table, valid or not: a name pinned twice is an error */
    size_t nseen;
} Reader;

static FtlSpan at(const Reader *r, FtlTomlSpan s)
{
    return (FtlSpan){r->p->file_id, (uint32_t)s.start,
                     (uint32_t)(s.end > s.start ? s.end : s.start + 1)};
}

/* The span of an entry's key, falling back to its value. */
static FtlSpan key_at(const Reader *r, const FtlTomlEntry *e)
{
    return at(r, e->key_span.end > e->key_span.start ? e->key_span : e->value->span);
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

int ftl_path_is_inner(const char *s)
{
    if (!s[0] || s[0] == '/') return 0;
    for (const char *p = s; *p; p = strchr(p, '/') ? strchr(p, '/') + 1 : p + strlen(p))
        if (strncmp(p, "..", 2) == 0 && (p[2] == '/' || p[2] == '\0')) return 0;
    return 1;
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
        why = ftl_path_is_inner(v) ? NULL : "it must be a relative path without '..'",
        pin->git_path = v;
        break;
    default:
        why = is_sha256_hex(v) ? NULL : "it is not a SHA-256 (64 lower-case hex digits)";
        pin->schema_sha256 = v, pin->sha_span = vs;
    }
    if (!why) return 0;
    ftl_error(r->d, vs, "E0703", "%s is refused: %s", what, why);
    return -1;
}

static void add_pin(FtlProject *p, const FtlPin *pin)
{
    p->pins = ftl_xrealloc(p->pins, (p->npins + 1) * sizeof *p->pins);
    p->pins[p->npins++] = *pin;
}

/* Remembers that name is pinned at span; 0 when it was already (reported). */
static int first_pin(Reader *r, const char *name, FtlSpan span)
{
    for (size_t i = 0; i < r->nseen; i++) {
        if (strcmp(r->seen[i].name, name) != 0) continue;
        FtlDiag *g = ftl_error(r->d, span, "E0705", "realm \"%s\" is pinned twice", name);
        ftl_diag_note(g, r->seen[i].span, "realm \"%s\" first pinned here", name);
        return 0;
    }
    r->seen = ftl_xrealloc(r->seen, (r->nseen + 1) * sizeof *r->seen);
    r->seen[r->nseen++] = (Seen){name, span};
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
    if (!bad) add_pin(r->p, &pin);
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
    Reader r = {p, diags, NULL, 0};
    p->file_id = ftl_sources_add(src, name, text, len);
    p->export_path = FTL_DEFAULT_EXPORT_PATH;
    FtlTomlError te;
    p->doc = ftl_toml_parse(text, len, &te);
    if (!p->doc) {
        FtlTomlSpan s = {te.offset, te.offset + 1};
        ftl_error(diags, at(&r, s), "E0701", "invalid TOML: %s", te.message);
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
    free(r.seen);
    return diags->errors - before;
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
    return 0;
}

void ftl_project_load(FtlProject *p, const char *path, const char *text, size_t len,
                      FtlSources *src, FtlDiags *diags)
{
    memset(p, 0, sizeof *p);
    p->path = dup_n(path, strlen(path));
    p->root = dir_of(path);
    ftl_project_parse(p, path, text, len, 0, src, diags);
}

void ftl_project_free(FtlProject *p)
{
    ftl_toml_free(p->doc);
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
