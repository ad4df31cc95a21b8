/* session.c - making and freeing sessions, their options and inputs, and the
 * small functions of ftlc.h that need no compilation. */
#include "session/session_int.h"
#include "base/strlit.h"
#include "proto/schema_io.h"
#include "realm/clients.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ftl_version(void)
{
    return FTLC_VERSION;
}

const char *ftl_status_message(FtlStatus st)
{
    switch (st) {
    case FTL_OK: return "success";
    case FTL_ERRORS: return "the inputs have errors";
    case FTL_EINVAL: return "invalid argument";
    case FTL_EIO: return "a file could not be read or written";
    case FTL_NOMEM: return "out of memory";
    }
    return "unknown status";
}

void ftl_free(void *p)
{
    free(p);
}

/* ---- formats ---------------------------------------------------------------------- */

FtlStatus ftl_format_from_name(const char *name, FtlFormat *f)
{
    return name && ftl_format_parse(name, f) == 0 ? FTL_OK : FTL_EINVAL;
}

FtlFormat ftl_format_from_path(const char *path)
{
    return path ? ftl_format_of_path(path) : FTL_FORMAT_FTL;
}

/* ---- names and option values a command line checks ------------------------------- */

int ftl_name_valid(FtlNameKind kind, const char *name, size_t len)
{
    if (!name || !ftl_is_plain_ident(name, len)) return 0;
    if (kind != FTL_NAME_MODULE) return kind == FTL_NAME_REALM;
    char word[16]; /* Go's keywords and "builtin" are shorter */
    if (len >= sizeof word) return 1;
    memcpy(word, name, len);
    word[len] = '\0';
    return !ftl_is_go_keyword(word) && strcmp(word, "builtin") != 0;
}

FtlStatus ftl_langs_from_name(const char *names, unsigned *langs)
{
    int set = names ? ftl_clients_parse_lang(names) : -1;
    if (set < 0 || !langs) return FTL_EINVAL;
    *langs = (unsigned)set;
    return FTL_OK;
}

int ftl_warning_option_valid(const char *option)
{
    FtlWarningConfig scratch = {0};
    return option && ftl_warning_option(&scratch, option) == 0;
}

/* ---- strings the session keeps ----------------------------------------------------- */

static char *ses_strdup(const char *s)
{
    size_t n = strlen(s);
    char *c = ftl_xmalloc(n + 1);
    memcpy(c, s, n + 1);
    return c;
}

/* Replaces *slot with a copy of v (NULL clears it). */
static void ses_set_string(char **slot, const char *v)
{
    char *copy = v ? ses_strdup(v) : NULL;
    free(*slot);
    *slot = copy;
}

/* Appends a copy of v to a list of strings. */
static void ses_push_string(char ***list, size_t *n, const char *v)
{
    char *copy = ses_strdup(v);
    char **grown = realloc(*list, (*n + 1) * sizeof **list);
    if (!grown) {
        free(copy);
        ftl_oom();
    }
    *list = grown;
    (*list)[(*n)++] = copy;
}

void ses_clear_error(FtlSession *s)
{
    free(s->error);
    s->error = NULL;
}

/* Called outside ses_run too (argument checks): plain malloc, and when memory
 * runs out the sentence is left out rather than unwinding anywhere. */
void ses_set_error(FtlSession *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    free(s->error);
    s->error = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (!s->error) return;
    va_start(ap, fmt);
    vsnprintf(s->error, (size_t)n + 1, fmt, ap);
    va_end(ap);
}

const char *ftl_session_error(FtlSession *s)
{
    return s ? s->error : NULL;
}

/* ---- sessions ----------------------------------------------------------------------- */

static FtlStatus new_body(FtlSession *s, void *arg)
{
    (void)arg;
    ses_files_init(&s->files);
    s->reader.read = ses_files_reader;
    s->reader.ctx = &s->files;
    return FTL_OK;
}

FtlSession *ftl_session_new(void)
{
    FtlSession *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->input_format = -1;
    s->max_errors = FTL_MAX_ERRORS_DEFAULT;
    if (ses_run(s, new_body, NULL) != FTL_OK) {
        free(s);
        return NULL;
    }
    return s;
}

static void free_strings(char **list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(list[i]);
    free(list);
}

void ftl_session_free(FtlSession *s)
{
    if (!s) return;
    ses_comp_free(s->comp);
    ses_files_free(&s->files);
    free_strings(s->includes, s->nincludes);
    free_strings(s->inputs, s->ninputs);
    for (size_t i = 0; i < s->nexternals; i++) {
        free(s->externals[i].name);
        free(s->externals[i].path);
    }
    free(s->externals);
    free(s->realm);
    free(s->project);
    free(s->module);
    free(s->error);
    free(s);
}

/* ---- options ------------------------------------------------------------------------- */

static int is_name(const char *name)
{
    return name && ftl_is_plain_ident(name, strlen(name));
}

typedef struct StrArg {
    const char *a, *b;
    char **slot;
} StrArg;

static FtlStatus set_string_body(FtlSession *s, void *arg)
{
    StrArg *x = arg;
    (void)s;
    ses_set_string(x->slot, x->a);
    return FTL_OK;
}

FtlStatus ftl_session_set_realm(FtlSession *s, const char *name)
{
    if (name && !is_name(name)) {
        ses_set_error(s, "--realm '%s' is not a realm name (an identifier)", name);
        return FTL_EINVAL;
    }
    StrArg x = {name, NULL, &s->realm};
    return ses_run(s, set_string_body, &x);
}

FtlStatus ftl_session_set_module(FtlSession *s, const char *name)
{
    StrArg x = {name, NULL, &s->module};
    return ses_run(s, set_string_body, &x);
}

FtlStatus ftl_session_set_project(FtlSession *s, const char *path)
{
    s->no_project = path == FTL_PROJECT_NONE;
    StrArg x = {s->no_project ? NULL : path, NULL, &s->project};
    return ses_run(s, set_string_body, &x);
}

static FtlStatus add_include_body(FtlSession *s, void *arg)
{
    ses_push_string(&s->includes, &s->nincludes, arg);
    return FTL_OK;
}

FtlStatus ftl_session_add_include_dir(FtlSession *s, const char *dir)
{
    if (!dir || !*dir) return FTL_EINVAL;
    return ses_run(s, add_include_body, (void *)dir);
}

static FtlStatus add_external_body(FtlSession *s, void *arg)
{
    StrArg *x = arg;
    SesExternal *grown = realloc(s->externals, (s->nexternals + 1) * sizeof *grown);
    if (!grown) ftl_oom();
    s->externals = grown;
    SesExternal e = {ses_strdup(x->a), NULL};
    e.path = ses_strdup(x->b); /* a leak of e.name if this runs out: bounded, rare */
    s->externals[s->nexternals++] = e;
    return FTL_OK;
}

FtlStatus ftl_session_add_external_realm(FtlSession *s, const char *name, const char *path)
{
    if (!is_name(name)) {
        ses_set_error(s, "--external-realm '%s': NAME is not a realm name (an identifier)",
                      name ? name : "");
        return FTL_EINVAL;
    }
    if (!path || !*path) return FTL_EINVAL;
    StrArg x = {name, path, NULL};
    return ses_run(s, add_external_body, &x);
}

FtlStatus ftl_session_set_input_format(FtlSession *s, int format)
{
    if (format < -1 || format > FTL_FORMAT_BINPB) return FTL_EINVAL;
    s->input_format = format;
    return FTL_OK;
}

void ftl_session_set_flags(FtlSession *s, unsigned flags)
{
    s->flags = flags;
    s->files.map = (flags & FTL_FLAG_MAP_INPUTS) != 0;
}

void ftl_session_set_max_errors(FtlSession *s, unsigned n)
{
    s->max_errors = n;
}

FtlStatus ftl_session_set_warning(FtlSession *s, const char *option)
{
    if (option && ftl_warning_option(&s->warnings, option) == 0) return FTL_OK;
    ses_set_error(s, "unknown warning '%s'", option ? option : "");
    return FTL_EINVAL;
}

/* ---- inputs ------------------------------------------------------------------------- */

static FtlStatus add_file_body(FtlSession *s, void *arg)
{
    ses_push_string(&s->inputs, &s->ninputs, arg);
    return FTL_OK;
}

FtlStatus ftl_session_add_file(FtlSession *s, const char *path)
{
    if (!path || !*path) return FTL_EINVAL;
    return ses_run(s, add_file_body, (void *)path);
}

FtlStatus ftl_session_remove_file(FtlSession *s, const char *path)
{
    for (size_t i = 0; path && i < s->ninputs; i++) {
        if (strcmp(s->inputs[i], path) != 0) continue;
        free(s->inputs[i]);
        memmove(s->inputs + i, s->inputs + i + 1, (s->ninputs - i - 1) * sizeof *s->inputs);
        s->ninputs--;
        return FTL_OK;
    }
    return FTL_EINVAL;
}

typedef struct OverlayArg {
    const char *path, *text;
    size_t len;
} OverlayArg;

static FtlStatus set_overlay_body(FtlSession *s, void *arg)
{
    OverlayArg *x = arg;
    ses_files_set_overlay(&s->files, x->path, x->text, x->len);
    return FTL_OK;
}

FtlStatus ftl_session_set_overlay(FtlSession *s, const char *path, const char *text, size_t len)
{
    if (!path || !*path || (!text && len) || len > FTL_MAX_INPUT) return FTL_EINVAL;
    OverlayArg x = {path, text ? text : "", len};
    return ses_run(s, set_overlay_body, &x);
}

static FtlStatus remove_overlay_body(FtlSession *s, void *arg)
{
    return ses_files_remove_overlay(&s->files, arg) == 0 ? FTL_OK : FTL_EINVAL;
}

FtlStatus ftl_session_remove_overlay(FtlSession *s, const char *path)
{
    if (!path) return FTL_EINVAL;
    return ses_run(s, remove_overlay_body, (void *)path);
}

unsigned long ses_test_reads(const FtlSession *s)
{
    return s->files.reads;
}
