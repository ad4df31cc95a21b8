/* map_build.c - fields, enum values, verbs and comments of the named
 * declarations (the type rows of the mapping table in ftlc-import(1)). */
#include "base/utf8.h"
#include "import/map_int.h"
#include "import/names.h"

#include <string.h>

#define T(x) GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__TYPE__TYPE_##x
#define LABEL(x) GOOGLE__PROTOBUF__FIELD_DESCRIPTOR_PROTO__LABEL__LABEL_##x

static const char *intern_buf(FtlImpMap *c, FtlBuf *b)
{
    return ftl_intern(c->p->in, ftl_buf_cstr(b), b->len);
}

static const FtlImpModule *module_of(FtlImpMap *c, const FtlDsSym *s)
{
    return ftl_map_get(&c->modules, s->file->package);
}

/* ---- types ------------------------------------------------------------------------------ */

/* The FTL type of a message or enum: a well-known type's, else a reference. */
static void sym_type(FtlImpMap *c, FtlBuf *b, const FtlDsSym *s)
{
    const char *w = ftl_imp_wkt(s);
    const FtlImpDecl *d = w ? NULL : ftl_map_get(&c->decls, s);
    if (w)
        ftl_buf_puts(b, w);
    else if (d)
        ftl_buf_printf(b, "%s.%s", module_of(c, s)->name, d->name);
    else
        ftl_buf_puts(b, "Any"); /* unreachable: every named type was reached */
}

/* The element type of a field (FTL into b, protobuf into proto); the named type
 * when it has one. */
static const FtlDsSym *elem_type(FtlImpMap *c, FtlBuf *b, FtlBuf *proto, const FtlPbField *f,
                                 const FtlDsSym *owner)
{
    const FtlDsSym *t = ftl_imp_field_sym(c, f, owner, 0);
    if (t) {
        sym_type(c, b, t);
        ftl_buf_printf(proto, ".%s", t->full);
    } else {
        ftl_buf_puts(b, ftl_imp_scalar(f->type));
        ftl_buf_puts(proto, ftl_imp_type_name(f->type));
    }
    return t;
}

static const FtlPbField *entry_field(const FtlDsSym *entry, int32_t number)
{
    const FtlPbMessage *m = entry->desc;
    for (size_t i = 0; i < m->n_field; i++)
        if (m->field[i]->number == number) return m->field[i];
    return NULL;
}

/* Explicit presence (protobuf's field presence rules): proto3 'optional', oneof
 * members, message fields, and optional fields of proto2 and editions files
 * (required ones are always there). */
static int has_presence(const FtlDsSym *owner, const FtlPbField *f, const FtlDsSym *t)
{
    const FtlPbMessage *m = owner->desc;
    if (f->has_label && (f->label == LABEL(REPEATED) || f->label == LABEL(REQUIRED))) return 0;
    if (f->has_oneof_index && f->oneof_index >= 0 && (size_t)f->oneof_index < m->n_oneof_decl)
        return 1; /* a oneof member, or proto3 'optional' (a synthetic oneof) */
    if (f->has_proto3_optional && f->proto3_optional) return 1;
    if (t && t->kind == FTL_DS_MESSAGE) return 1;
    const char *syntax = owner->file->fd->syntax;
    return !syntax || strcmp(syntax, "proto3") != 0;
}

static int is_uint64(const FtlPbField *f, const FtlDsSym *t)
{
    if (t) return strcmp(t->full, "google.protobuf.UInt64Value") == 0;
    return f->type == T(UINT64) || f->type == T(FIXED64);
}

/* The FTL type of a field and its protobuf types; *wide is set for uint64 values. */
static void field_type(FtlImpMap *c, FtlImpField *out, const FtlPbField *f, const FtlDsSym *owner,
                       int *wide)
{
    FtlBuf b, proto, key;
    ftl_buf_init(&b), ftl_buf_init(&proto), ftl_buf_init(&key);
    const FtlDsSym *t = ftl_imp_field_sym(c, f, owner, 0);
    const FtlPbField *k = ftl_imp_is_map_entry(t) ? entry_field(t, 1) : NULL;
    const FtlPbField *v = k ? entry_field(t, 2) : NULL;
    if (k && v) {
        ftl_buf_putc(&b, '{');
        *wide |= is_uint64(k, elem_type(c, &b, &key, k, t));
        ftl_buf_puts(&b, ": ");
        *wide |= is_uint64(v, elem_type(c, &b, &proto, v, t));
        ftl_buf_putc(&b, '}');
        out->map_key = intern_buf(c, &key);
    } else {
        int rep = f->has_label && f->label == LABEL(REPEATED);
        if (rep) ftl_buf_putc(&b, '[');
        *wide |= is_uint64(f, elem_type(c, &b, &proto, f, owner));
        if (rep) ftl_buf_putc(&b, ']');
        if (!rep && has_presence(owner, f, t) && b.data[b.len - 1] != '?') ftl_buf_putc(&b, '?');
        out->repeated = rep;
    }
    out->type = intern_buf(c, &b);
    out->proto_type = intern_buf(c, &proto);
    ftl_buf_free(&b), ftl_buf_free(&proto), ftl_buf_free(&key);
}

/* ---- data ---------------------------------------------------------------------------------- */

/* The oneof a field belongs to, or NULL for none and for the synthetic oneof of a
 * proto3 'optional' field. Servers that drop proto3_optional (protobufjs) leave
 * the synthetic oneof ("_name", the field alone in it) to be recognised. */
static const char *real_oneof(FtlImpMap *c, const FtlPbMessage *m, const FtlPbField *f)
{
    if (!f->has_oneof_index || f->oneof_index < 0 || (size_t)f->oneof_index >= m->n_oneof_decl)
        return NULL;
    if (f->has_proto3_optional && f->proto3_optional) return NULL;
    const char *name = m->oneof_decl[f->oneof_index]->name;
    name = name ? name : "";
    size_t members = 0;
    for (size_t i = 0; i < m->n_field; i++)
        members += m->field[i]->has_oneof_index && m->field[i]->oneof_index == f->oneof_index;
    if (members == 1 && name[0] == '_') {
        FtlBuf a, b;
        ftl_buf_init(&a), ftl_buf_init(&b);
        ftl_imp_json_name(&a, name + 1);
        ftl_imp_json_name(&b, f->name ? f->name : "");
        int synthetic = strcmp(ftl_buf_cstr(&a), ftl_buf_cstr(&b)) == 0;
        ftl_buf_free(&a), ftl_buf_free(&b);
        if (synthetic) {
            c->guessed_optional = 1;
            return NULL;
        }
    }
    return ftl_intern_cstr(c->p->in, name);
}

/* The field's name: its JSON name (derived when the descriptors lack it), made an
 * identifier and unique within the data (W0622 when either changed it). */
static const char *field_name(FtlImpMap *c, const FtlImpDecl *d, FtlImpField *out, FtlMap *taken,
                              FtlSpan at)
{
    const FtlPbField *f = out->fd;
    FtlBuf json, b;
    ftl_buf_init(&json), ftl_buf_init(&b);
    if (f->json_name)
        ftl_buf_puts(&json, f->json_name);
    else
        ftl_imp_json_name(&json, f->name ? f->name : "");
    c->no_json |= !f->json_name;
    out->json_name = intern_buf(c, &json);
    int changed = ftl_imp_ident(&b, out->json_name);
    size_t base = b.len;
    for (unsigned k = 2; ftl_map_get(taken, intern_buf(c, &b)); k++) {
        b.len = base;
        ftl_buf_printf(&b, "%u", k);
        changed = 1;
    }
    const char *name = intern_buf(c, &b);
    ftl_map_set(taken, name, (void *)name);
    /* A JSON name that is not even UTF-8 (a descriptor set from elsewhere)
     * cannot be kept: no schema string holds it. */
    out->json_alias = changed && ftl_utf8_check(json.data, json.len) == json.len;
    if (changed)
        ftl_imp_warn(c, at, "W0622", "field '%s.%s' (JSON name '%s') becomes '%s' in data '%s'%s",
                     d->sym->full, f->name ? f->name : "", out->json_name, name, d->name,
                     out->json_alias ? " (+alias json keeps its JSON name)" : "");
    ftl_buf_free(&json), ftl_buf_free(&b);
    return name;
}

static void build_field(FtlImpMap *c, const FtlImpDecl *d, size_t i, FtlMap *taken)
{
    const FtlPbMessage *m = d->sym->desc;
    FtlImpField *out = &d->fields[i];
    const char *path = ftl_ds_child_path(c->p, d->sym->path, FTL_DS_PATH_FIELD, i);
    FtlSpan at = ftl_imp_span(c, d->sym->file, path);
    out->fd = m->field[i];
    out->oneof = real_oneof(c, m, out->fd);
    out->name = field_name(c, d, out, taken, at);
    int wide = 0;
    field_type(c, out, out->fd, d->sym, &wide);
    if (wide)
        ftl_imp_warn(c, at, "W0621",
                     "field '%s.%s' holds uint64 values: FTL's Int holds values "
                     "up to 2^63-1",
                     d->sym->full, out->fd->name ? out->fd->name : "");
    FtlBuf extra;
    ftl_buf_init(&extra);
    if (out->oneof) ftl_buf_printf(&extra, "oneof %s", out->oneof);
    out->comments = ftl_imp_comments(c, d->sym->file, path, 1, extra.len ? extra.data : NULL);
    ftl_buf_free(&extra);
}

static void build_data(FtlImpMap *c, FtlImpDecl *d)
{
    const FtlPbMessage *m = d->sym->desc;
    d->nfields = (uint32_t)m->n_field;
    d->fields = FTL_NEW_N(c->p->arena, FtlImpField, d->nfields + 1);
    FtlMap taken;
    ftl_map_init(&taken);
    for (size_t i = 0; i < m->n_field; i++)
        build_field(c, d, i, &taken);
    ftl_map_free(&taken);
}

/* ---- enums and verbs ------------------------------------------------------------------------ */

/* A String-valued enum: each value's name is a variant whose value is that name,
 * the form protobuf's JSON mapping writes. */
static void build_enum(FtlImpMap *c, FtlImpDecl *d)
{
    const FtlPbEnum *e = d->sym->desc;
    d->nvalues = (uint32_t)e->n_value;
    d->values = FTL_NEW_N(c->p->arena, FtlImpValue, d->nvalues + 1);
    FtlBuf b;
    ftl_buf_init(&b);
    for (size_t i = 0; i < e->n_value; i++) {
        FtlImpValue *v = &d->values[i];
        const char *path = ftl_ds_child_path(c->p, d->sym->path, FTL_DS_PATH_VALUE, i);
        v->proto_name = ftl_intern_cstr(c->p->in, e->value[i]->name ? e->value[i]->name : "");
        v->number = e->value[i]->number;
        b.len = 0;
        if (ftl_imp_ident(&b, v->proto_name))
            ftl_imp_warn(c, ftl_imp_span(c, d->sym->file, path), "W0622",
                         "enum value '%s' of '%s' becomes variant '%s'", v->proto_name,
                         d->sym->full, ftl_buf_cstr(&b));
        v->name = intern_buf(c, &b);
        v->comments = ftl_imp_comments(c, d->sym->file, path, 1, NULL);
    }
    ftl_buf_free(&b);
}

static void build_verb(FtlImpMap *c, FtlImpDecl *d)
{
    const FtlPbMethod *me = d->method;
    d->req_sym = ftl_imp_method_sym(c, d->sym, me, me->input_type);
    d->resp_sym = ftl_imp_method_sym(c, d->sym, me, me->output_type);
    FtlBuf b;
    ftl_buf_init(&b);
    if (d->req_sym) sym_type(c, &b, d->req_sym);
    d->request = intern_buf(c, &b);
    b.len = 0;
    if (d->resp_sym) sym_type(c, &b, d->resp_sym);
    d->response = intern_buf(c, &b);
    ftl_buf_free(&b);
    const FtlPbService *s = d->sym->desc;
    size_t k = 0;
    while (k < s->n_method && s->method[k] != me)
        k++;
    d->comments = ftl_imp_comments(
        c, d->sym->file, ftl_ds_child_path(c->p, d->sym->path, FTL_DS_PATH_METHOD, k), 0, NULL);
}

/* ---- modules -----------------------------------------------------------------------------------
 */

/* A module's comment: the comment on the package statement of the first file, by
 * name, that has one among the files its declarations come from. */
static void module_comments(FtlImpMap *c, FtlImpModule *m)
{
    const FtlDsFile *best = NULL;
    for (uint32_t i = 0; i < m->ndecls; i++) {
        const FtlDsFile *f = m->decls[i]->sym->file;
        const FtlPbLocation *l = ftl_ds_location(f, ftl_intern_cstr(c->p->in, "2"));
        if (l && l->leading_comments && (!best || strcmp(f->name, best->name) < 0)) best = f;
    }
    if (best)
        m->comments =
            ftl_imp_comments(c, (FtlDsFile *)best, ftl_intern_cstr(c->p->in, "2"), 0, NULL);
}

void ftl_imp_build_all(FtlImpMap *c)
{
    for (uint32_t i = 0; i < c->m->nmodules; i++) {
        FtlImpModule *m = c->m->modules[i];
        for (uint32_t k = 0; k < m->ndecls; k++) {
            FtlImpDecl *d = m->decls[k];
            c->no_comments |= !d->sym->file->fd->source_code_info;
            if (d->kind == FTL_IMP_DATA)
                build_data(c, d);
            else if (d->kind == FTL_IMP_ENUM)
                build_enum(c, d);
            else if (d->kind == FTL_IMP_VERB)
                build_verb(c, d);
            if (d->kind != FTL_IMP_VERB)
                d->comments = ftl_imp_comments(c, d->sym->file, d->sym->path, 0, NULL);
        }
        module_comments(c, m);
    }
}
