/* realm.c - external realms into a compilation: adopting a file's realm, the
 * stand-alone check of a fetched public schema, and loading pinned realms from
 * the cache (cache.c) with their integrity checked. */
#define _POSIX_C_SOURCE 200809L
#include "realm/realm.h"
#include "realm/cache.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- adopting a file's realm ---------------------------------------------------------- */

/* Marks the realms of one file external; returns how many were taken. Without
 * rename the others are E0509; with it, the first realm of all the files takes the
 * name and any further one is E0509. */
static int adopt_file(FtlSchema *s, FtlFile *f, const char *name, unsigned flags, int taken)
{
    for (uint32_t i = 0; i < f->nrealms; i++) {
        FtlRealm *realm = f->realms[i];
        if ((flags & FTL_REALM_RENAME) && taken) {
            ftl_error(s->diags, realm->name_span, "E0509",
                      "a second realm \"%s\": a realm's public schema holds exactly one realm",
                      realm->name);
            continue;
        }
        if (!(flags & FTL_REALM_RENAME) && realm->name != name) {
            ftl_error(s->diags, realm->name_span, "E0509",
                      "realm \"%s\" in an --external-realm file given for realm \"%s\"",
                      realm->name, name);
            continue;
        }
        realm->name = name;
        realm->external = 1;
        taken++;
    }
    return taken;
}

int ftl_realm_adopt(FtlSchema *s, const char *name, const char *path, FtlFile **files, uint32_t n,
                    unsigned flags)
{
    name = ftl_intern_cstr(s->in, name);
    int taken = 0, module_file = 0, text = ftl_format_of_path(path) == FTL_FORMAT_FTL;
    unsigned before = s->diags->errors;
    FtlSpan at = {files[0]->file_id, 0, 0};
    for (uint32_t i = 0; i < n; i++) {
        if (files[i]->is_module_file) {
            module_file = 1;
            continue;
        }
        taken = adopt_file(s, files[i], name, flags, taken);
        ftl_schema_add_file(s, files[i]);
    }
    if (module_file && text)
        ftl_error(s->diags, at, "E0509",
                  "'%s' is a module file; an external realm file holds 'external realm %s { ... }'",
                  path, name);
    else if (module_file)
        ftl_error(s->diags, at, "E0509",
                  "'%s' holds modules without a realm; a public schema holds realm \"%s\"", path,
                  name);
    else if (!taken && s->diags->errors == before)
        ftl_error(s->diags, at, "E0509",
                  text ? "'%s' holds no realm \"%s\" (expected 'external realm %s { ... }')"
                       : "'%s' holds no realm \"%s\" (expected the public schema of realm %s)",
                  path, name, name);
    return taken > 0 && !module_file;
}

int ftl_realm_load(FtlSchema *s, const char *name, const char *display, char *data, size_t len,
                   unsigned flags)
{
    FtlFile **files;
    uint32_t n = ftl_io_read(s, display, data, len, ftl_format_of_path(display), 0, &files);
    return n ? ftl_realm_adopt(s, name, display, files, n, flags) : 0;
}

/* The realm named in the files (the first realm of the first file that has one). */
static const char *first_realm(FtlFile **files, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++)
        if (!files[i]->is_module_file && files[i]->nrealms) return files[i]->realms[0]->name;
    return NULL;
}

FtlRealm *ftl_realm_check_file(FtlSchema *s, const char *name, const char *display, char *data,
                               size_t len)
{
    FtlFile **files;
    unsigned before = s->diags->errors;
    uint32_t n = ftl_io_read(s, display, data, len, ftl_format_of_path(display), 0, &files);
    if (!n || s->diags->errors > before) return NULL;
    const char *found = first_realm(files, n);
    if (!name) name = found ? found : "";
    if (!ftl_realm_adopt(s, name, display, files, n, FTL_REALM_RENAME)) return NULL;
    /* The local realm's name is no identifier, so no realm can clash with it. */
    FtlCheckOptions o;
    memset(&o, 0, sizeof o);
    o.realm = "<local>";
    ftl_schema_check(s, &o);
    if (s->diags->errors > before) return NULL;
    for (uint32_t i = 0; i < s->nrealms; i++)
        if (s->realms[i]->external) return s->realms[i];
    return NULL;
}

/* ---- pinned realms ------------------------------------------------------------------- */

static int skipped(const char *name, const char *const *skip, int nskip)
{
    for (int i = 0; i < nskip; i++)
        if (strcmp(skip[i], name) == 0) return 1;
    return 0;
}

unsigned ftl_project_load_realms(const FtlProject *p, FtlSchema *s, const char *const *skip,
                                 int nskip)
{
    unsigned before = s->diags->errors;
    for (size_t i = 0; i < p->npins; i++) {
        const FtlPin *pin = &p->pins[i];
        if (skipped(pin->name, skip, nskip)) continue;
        FtlCacheEntry e;
        ftl_cache_lookup(p, pin, 1, &e);
        ftl_cache_report(s->diags, pin, &e);
        /* ftl_realm_load takes the text over. */
        if (e.state == FTL_CACHE_OK)
            ftl_realm_load(s, pin->name, e.path, e.data, e.len, FTL_REALM_RENAME), e.data = NULL;
        ftl_cache_entry_free(&e);
    }
    return s->diags->errors - before;
}
