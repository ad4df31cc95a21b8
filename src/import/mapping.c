/* mapping.c - what a proxy in front of the gRPC services needs to serve the realm
 * (--mapping-out, described in ftlc-import(1)): for every verb its gRPC method,
 * for every data its message and each field's number, protobuf type and JSON
 * name, for every enum its values' numbers, and the RPCs left out. Sorted, so
 * one model always gives the same bytes. */
#include "import/import.h"
#include "base/utf8.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

json_t *ftl_imp_json_string(const char *s)
{
    if (!s) s = "";
    json_t *j = json_string(s);
    if (j) return j;
    FtlBuf b;
    ftl_buf_init(&b);
    for (size_t i = 0, n = strlen(s); i < n;) {
        int k = ftl_utf8_len((const unsigned char *)s + i, n - i);
        if (k > 0)
            ftl_buf_put(&b, s + i, (size_t)k);
        else
            ftl_buf_puts(&b, "\xEF\xBF\xBD");
        i += k > 0 ? (size_t)k : 1;
    }
    j = json_string(ftl_buf_cstr(&b));
    ftl_buf_free(&b);
    return j;
}

static json_t *jstr(const char *s)
{
    return ftl_imp_json_string(s);
}

static void set(json_t *o, const char *key, json_t *v)
{
    if (!v || json_object_set_new(o, key, v) != 0) ftl_oom();
}

static void append(json_t *a, json_t *v)
{
    if (!v || json_array_append_new(a, v) != 0) ftl_oom();
}

static json_t *object(void)
{
    json_t *o = json_object();
    if (!o) ftl_oom();
    return o;
}

static json_t *array(void)
{
    json_t *a = json_array();
    if (!a) ftl_oom();
    return a;
}

static json_t *field(const FtlImpField *f)
{
    json_t *o = object();
    set(o, "name", jstr(f->name));
    set(o, "protoName", jstr(f->fd->name));
    set(o, "jsonName", jstr(f->json_name));
    set(o, "number", json_integer(f->fd->number));
    set(o, "type", jstr(f->type));
    if (f->map_key) set(o, "mapKey", jstr(f->map_key));
    set(o, f->map_key ? "mapValue" : "protoType", jstr(f->proto_type));
    if (f->repeated) set(o, "repeated", json_true());
    if (f->oneof) set(o, "oneof", jstr(f->oneof));
    return o;
}

static json_t *data(const FtlImpDecl *d)
{
    json_t *o = object(), *fields = array();
    set(o, "name", jstr(d->name));
    set(o, "message", jstr(d->sym->full));
    for (uint32_t i = 0; i < d->nfields; i++)
        append(fields, field(&d->fields[i]));
    set(o, "fields", fields);
    return o;
}

static json_t *enumeration(const FtlImpDecl *d)
{
    json_t *o = object(), *values = array();
    set(o, "name", jstr(d->name));
    set(o, "enum", jstr(d->sym->full));
    for (uint32_t i = 0; i < d->nvalues; i++) {
        json_t *v = object();
        set(v, "name", jstr(d->values[i].name));
        set(v, "protoName", jstr(d->values[i].proto_name));
        set(v, "number", json_integer(d->values[i].number));
        append(values, v);
    }
    set(o, "values", values);
    return o;
}

/* A well-known type imported on its own. */
static json_t *alias(const FtlImpDecl *d)
{
    json_t *o = object();
    set(o, "name", jstr(d->name));
    set(o, "message", jstr(d->sym->full));
    set(o, "type", jstr(d->alias));
    return o;
}

static json_t *verb(const FtlImpDecl *d)
{
    json_t *o = object();
    set(o, "name", jstr(d->name));
    set(o, "method", jstr(d->grpc_path));
    set(o, "request", jstr(d->request));
    set(o, "requestMessage", jstr(d->req_sym ? d->req_sym->full : ""));
    set(o, "response", jstr(d->response));
    set(o, "responseMessage", jstr(d->resp_sym ? d->resp_sym->full : ""));
    return o;
}

static int decl_cmp(const void *a, const void *b)
{
    const FtlImpDecl *x = *(const FtlImpDecl *const *)a, *y = *(const FtlImpDecl *const *)b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    return strcmp(x->name, y->name);
}

static json_t *module(const FtlImpModule *m)
{
    json_t *o = object(), *lists[4];
    static const char *const keys[] = {"typealiases", "enums", "data", "verbs"};
    json_t *(*const make[])(const FtlImpDecl *) = {alias, enumeration, data, verb};
    for (int k = 0; k < 4; k++)
        lists[k] = array();
    set(o, "name", jstr(m->name));
    set(o, "package", jstr(m->package));
    const FtlImpDecl **order = ftl_xmalloc((m->ndecls + 1) * sizeof *order);
    if (m->ndecls) memcpy(order, m->decls, m->ndecls * sizeof *order);
    qsort(order, m->ndecls, sizeof *order, decl_cmp);
    for (uint32_t i = 0; i < m->ndecls; i++)
        append(lists[order[i]->kind], make[order[i]->kind](order[i]));
    free(order);
    for (int k = 3; k >= 0; k--)
        set(o, keys[k], lists[k]);
    return o;
}

static int skipped_cmp(const void *a, const void *b)
{
    return strcmp(((const FtlImpSkipped *)a)->grpc_path, ((const FtlImpSkipped *)b)->grpc_path);
}

void ftl_imp_write_mapping(FtlBuf *out, const FtlImpModel *m)
{
    json_t *root = object(), *mods = array(), *skipped = array();
    set(root, "realm", jstr(m->realm));
    for (uint32_t i = 0; i < m->nmodules; i++)
        append(mods, module(m->modules[i]));
    set(root, "modules", mods);
    FtlImpSkipped *order = ftl_xmalloc((m->nskipped + 1) * sizeof *order);
    if (m->nskipped) memcpy(order, m->skipped, m->nskipped * sizeof *order);
    qsort(order, m->nskipped, sizeof *order, skipped_cmp);
    for (uint32_t i = 0; i < m->nskipped; i++) {
        json_t *s = object();
        set(s, "method", jstr(order[i].grpc_path));
        set(s, "reason", jstr(order[i].why));
        append(skipped, s);
    }
    free(order);
    set(root, "skipped", skipped);
    char *text = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (!text) ftl_oom();
    ftl_buf_puts(out, text);
    ftl_buf_putc(out, '\n');
    free(text);
    json_decref(root);
}
