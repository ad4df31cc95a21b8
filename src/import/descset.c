/* descset.c - the descriptor pool: unpacking, indexing by full name, resolving
 * type names, source locations by path. */
#include "import/descset.h"
#include "base/buf.h"
#include "proto/schema_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ftl_ds_init(FtlDsPool *p, FtlArena *arena, FtlInterner *in)
{
    memset(p, 0, sizeof *p);
    p->arena = arena;
    p->in = in;
    ftl_map_init(&p->by_file);
    ftl_map_init(&p->by_name);
}

void ftl_ds_free(FtlDsPool *p)
{
    for (uint32_t i = 0; i < p->nfiles; i++)
        ftl_map_free(&p->files[i]->locs);
    for (uint32_t i = 0; i < p->nowned; i++)
        protobuf_c_message_free_unpacked(p->owned[i], NULL);
    free(p->owned);
    free(p->files);
    free(p->syms);
    ftl_map_free(&p->by_file);
    ftl_map_free(&p->by_name);
    memset(p, 0, sizeof *p);
}

/* ---- names and paths ---------------------------------------------------------------- */

static const char *join(const FtlDsPool *p, const char *a, const char *b)
{
    if (!*a) return ftl_intern_cstr(p->in, b);
    FtlBuf t;
    ftl_buf_init(&t);
    ftl_buf_printf(&t, "%s.%s", a, b);
    const char *r = ftl_intern(p->in, t.data, t.len);
    ftl_buf_free(&t);
    return r;
}

const char *ftl_ds_child_path(const FtlDsPool *p, const char *parent, int field, size_t index)
{
    char t[64];
    snprintf(t, sizeof t, "%d.%zu", field, index);
    return join(p, parent ? parent : "", t);
}

static void index_locations(FtlDsPool *p, FtlDsFile *f)
{
    const Google__Protobuf__SourceCodeInfo *info = f->fd->source_code_info;
    if (!info) return;
    FtlBuf key;
    ftl_buf_init(&key);
    for (size_t i = 0; i < info->n_location; i++) {
        const FtlPbLocation *l = info->location[i];
        key.len = 0;
        for (size_t k = 0; k < l->n_path; k++)
            ftl_buf_printf(&key, "%s%d", k ? "." : "", (int)l->path[k]);
        /* The first location of a path is the element's own. */
        ftl_map_put_new(&f->locs, ftl_intern(p->in, ftl_buf_cstr(&key), key.len), (void *)l);
    }
    ftl_buf_free(&key);
}

const FtlPbLocation *ftl_ds_location(const FtlDsFile *f, const char *path)
{
    return path ? ftl_map_get(&f->locs, path) : NULL;
}

/* ---- indexing ------------------------------------------------------------------------ */

typedef struct Walk {
    FtlDsPool *p;
    FtlDsFile *f;
} Walk;

static FtlDsSym *add_sym(Walk *w, FtlDsKind kind, const char *scope, const char *local_scope,
                         const char *name, uint32_t depth, const void *desc, const char *path)
{
    FtlDsPool *p = w->p;
    FtlDsSym *s = FTL_NEW(p->arena, FtlDsSym);
    s->kind = kind;
    s->full = join(p, scope, name ? name : "");
    s->local = join(p, local_scope, name ? name : "");
    s->scope = kind == FTL_DS_MESSAGE ? s->full : scope;
    s->depth = depth;
    s->file = w->f;
    s->desc = desc;
    s->path = path;
    s->seq = p->nsyms;
    /* The first definition of a name wins, as in a set protoc would have refused. */
    if (ftl_map_get(&p->by_name, s->full)) return NULL;
    ftl_map_set(&p->by_name, s->full, s);
    if (p->nsyms == p->capsyms) {
        p->capsyms = p->capsyms ? p->capsyms * 2 : 64;
        p->syms = ftl_xrealloc(p->syms, p->capsyms * sizeof *p->syms);
    }
    p->syms[p->nsyms++] = s;
    return s;
}

/* A message and, depth first, what is nested in it; iterative over nesting levels
 * would need a stack of its own, and unpacking has bounded the depth already. */
static void add_message(Walk *w, const FtlPbMessage *m, const char *scope, const char *local,
                        uint32_t depth, const char *path)
{
    FtlDsSym *s = add_sym(w, FTL_DS_MESSAGE, scope, local, m->name, depth, m, path);
    if (!s) return;
    for (size_t i = 0; i < m->n_nested_type; i++)
        add_message(w, m->nested_type[i], s->full, s->local, depth + 1,
                    ftl_ds_child_path(w->p, path, FTL_DS_PATH_NESTED, i));
    for (size_t i = 0; i < m->n_enum_type; i++)
        add_sym(w, FTL_DS_ENUM, s->full, s->local, m->enum_type[i]->name, depth + 1,
                m->enum_type[i], ftl_ds_child_path(w->p, path, FTL_DS_PATH_NESTED_ENUM, i));
}

static FtlDsFile *add_fd(FtlDsPool *p, const FtlPbFile *fd)
{
    const char *name = ftl_intern_cstr(p->in, fd->name ? fd->name : "");
    if (ftl_map_get(&p->by_file, name)) return NULL;
    FtlDsFile *f = FTL_NEW(p->arena, FtlDsFile);
    f->fd = fd;
    f->name = name;
    f->package = ftl_intern_cstr(p->in, fd->package ? fd->package : "");
    ftl_map_init(&f->locs);
    ftl_map_set(&p->by_file, name, f);
    if (p->nfiles == p->capfiles) {
        p->capfiles = p->capfiles ? p->capfiles * 2 : 16;
        p->files = ftl_xrealloc(p->files, p->capfiles * sizeof *p->files);
    }
    p->files[p->nfiles++] = f;
    index_locations(p, f);
    Walk w = {p, f};
    for (size_t i = 0; i < fd->n_message_type; i++)
        add_message(&w, fd->message_type[i], f->package, "", 0,
                    ftl_ds_child_path(p, NULL, FTL_DS_PATH_MESSAGE, i));
    for (size_t i = 0; i < fd->n_enum_type; i++)
        add_sym(&w, FTL_DS_ENUM, f->package, "", fd->enum_type[i]->name, 0, fd->enum_type[i],
                ftl_ds_child_path(p, NULL, FTL_DS_PATH_ENUM, i));
    for (size_t i = 0; i < fd->n_service; i++)
        add_sym(&w, FTL_DS_SERVICE, f->package, "", fd->service[i]->name, 0, fd->service[i],
                ftl_ds_child_path(p, NULL, FTL_DS_PATH_SERVICE, i));
    return f;
}

static void own(FtlDsPool *p, ProtobufCMessage *m)
{
    if (p->nowned == p->capowned) {
        p->capowned = p->capowned ? p->capowned * 2 : 8;
        p->owned = ftl_xrealloc(p->owned, p->capowned * sizeof *p->owned);
    }
    p->owned[p->nowned++] = m;
}

typedef Google__Protobuf__FileDescriptorSet FtlPbSet;

/* Who imports each file name of the set: the index + 1 of the one file that
 * does, or SEVERAL. One pass over the dependencies: the files are never
 * compared pairwise, which a set of many files would make quadratic. */
#define SEVERAL UINTPTR_MAX
static void find_importers(FtlDsPool *p, const FtlPbSet *set, FtlMap *by)
{
    for (size_t j = 0; j < set->n_file; j++)
        for (size_t k = 0; k < set->file[j]->n_dependency; k++) {
            const char *dep = ftl_intern_cstr(p->in, set->file[j]->dependency[k]);
            uintptr_t was = (uintptr_t)ftl_map_get(by, dep);
            if (!was || was == j + 1)
                ftl_map_set(by, dep, (void *)(uintptr_t)(j + 1));
            else
                ftl_map_set(by, dep, (void *)SEVERAL);
        }
}

/* Is file i of the set imported by another file of the set? */
static int imported(FtlDsPool *p, const FtlMap *by, const FtlPbSet *set, size_t i)
{
    const char *name = ftl_intern_cstr(p->in, set->file[i]->name ? set->file[i]->name : "");
    uintptr_t who = (uintptr_t)ftl_map_get(by, name);
    return who && who != i + 1;
}

int ftl_ds_add_set(FtlDsPool *p, const void *data, size_t len, unsigned flags, char *err,
                   size_t errsz)
{
    ProtobufCMessage *m =
        ftl_io_unpack(&google__protobuf__file_descriptor_set__descriptor, data, len, err, errsz);
    if (!m) return -1;
    own(p, m);
    const FtlPbSet *set = (const void *)m;
    FtlMap by;
    ftl_map_init(&by);
    if (flags & FTL_DS_ROOTS) find_importers(p, set, &by);
    int added = 0;
    for (size_t i = 0; i < set->n_file; i++) {
        FtlDsFile *f = add_fd(p, set->file[i]);
        if (!f) continue;
        f->root = (flags & FTL_DS_ROOTS) && !imported(p, &by, set, i);
        added++;
    }
    ftl_map_free(&by);
    return added;
}

int ftl_ds_add_file(FtlDsPool *p, const void *data, size_t len, char *err, size_t errsz)
{
    ProtobufCMessage *m =
        ftl_io_unpack(&google__protobuf__file_descriptor_proto__descriptor, data, len, err, errsz);
    if (!m) return -1;
    own(p, m);
    return add_fd(p, (const FtlPbFile *)m) ? 1 : 0;
}

/* ---- lookups --------------------------------------------------------------------------- */

FtlDsFile *ftl_ds_file(const FtlDsPool *p, const char *name)
{
    return ftl_map_get(&p->by_file, ftl_intern_cstr(p->in, name));
}

FtlDsSym *ftl_ds_lookup(const FtlDsPool *p, const char *full)
{
    return ftl_map_get(&p->by_name, ftl_intern_cstr(p->in, full));
}

FtlDsSym *ftl_ds_resolve(const FtlDsPool *p, const char *name, const char *scope)
{
    if (!name || !*name) return NULL;
    if (name[0] == '.') return ftl_ds_lookup(p, name + 1);
    FtlBuf t;
    ftl_buf_init(&t);
    size_t n = scope ? strlen(scope) : 0;
    FtlDsSym *s = NULL;
    for (;;) {
        t.len = 0;
        if (n) ftl_buf_printf(&t, "%.*s.", (int)n, scope);
        ftl_buf_puts(&t, name);
        if ((s = ftl_map_get(&p->by_name, ftl_intern(p->in, t.data, t.len))) || n == 0) break;
        while (n && scope[n - 1] != '.')
            n--;
        if (n) n--; /* the dot */
    }
    ftl_buf_free(&t);
    return s;
}

uint32_t ftl_ds_offset(const FtlSource *f, int line, int column)
{
    if (line < 0 || column < 0) return 0;
    uint32_t nlines;
    const uint32_t *lines = ftl_source_lines(f, &nlines);
    if ((uint32_t)line >= nlines) return (uint32_t)f->len;
    size_t i = lines[line];
    for (int c = 0; c < column && i < f->len && f->data[i] != '\n'; i++)
        c = f->data[i] == '\t' ? c + 8 - c % 8 : c + 1;
    return (uint32_t)i;
}
