/* rename.c - whether a symbol may take another name (ftl_session_rename_check),
 * for editors' rename: everything that would make the renamed schema mean
 * something else, or change a file the compilation does not own. */
#include "session/index.h"
#include "base/strlit.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

typedef struct RenameArg {
    FtlSymbolId id;
    const char *name;
    int refused;
} RenameArg;

static int is_decl(FtlSymbolKind k)
{
    return k >= FTL_SYMBOL_CONFIG && k <= FTL_SYMBOL_VERB;
}

/* Symbols that share a namespace: all declarations of a module, or the
 * fields, variants or type parameters of one declaration. */
static int same_class(FtlSymbolKind a, FtlSymbolKind b)
{
    return a == b || (is_decl(a) && is_decl(b));
}

static FtlStatus refuse(FtlSession *s, RenameArg *a, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static FtlStatus refuse(FtlSession *s, RenameArg *a, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ses_set_error(s, "%s", msg);
    a->refused = 1;
    return FTL_OK;
}

/* A reference written inside an external realm: its file is that realm's
 * pinned schema, which the compilation reads but does not own. */
static const SesSym *external_user(const SesIndex *x, FtlSymbolId id)
{
    for (uint32_t i = x->target_at[id - 1]; i < x->target_at[id]; i++) {
        const SesSym *from = ses_sym(x, x->refs[x->by_target[i]].from);
        if (from && from->external) return from;
    }
    return NULL;
}

/* Another symbol of the same namespace named name. */
static int taken(const SesIndex *x, const SesSym *y, FtlSymbolId id, const char *name)
{
    FtlSymbolId p = y->parent;
    if (!p) return 0;
    for (uint32_t i = x->child_at[p - 1]; i < x->child_at[p]; i++) {
        const SesSym *o = &x->syms[x->children[i]];
        if (x->children[i] + 1 != id && same_class(o->kind, y->kind) && strcmp(o->name, name) == 0)
            return 1;
    }
    return 0;
}

/* A builtin declaration named name: unqualified references find it first. */
static int is_builtin_name(const SesIndex *x, const char *name)
{
    for (uint32_t i = 0; i < x->nsyms; i++)
        if (is_decl(x->syms[i].kind) && x->syms[i].module &&
            strcmp(x->syms[i].module, "builtin") == 0 && strcmp(x->syms[i].name, name) == 0)
            return 1;
    return 0;
}

static FtlStatus rename_body(FtlSession *s, void *arg)
{
    RenameArg *a = arg;
    SesIndex *x = s->comp ? ses_index(s, s->comp) : NULL;
    const SesSym *y = x ? ses_sym(x, a->id) : NULL, *user;
    const char *n = a->name;
    if (!y) return refuse(s, a, "there is no such symbol");
    if (y->kind == FTL_SYMBOL_REALM || y->kind == FTL_SYMBOL_MODULE)
        return refuse(s, a,
                      "only declarations, fields, variants and type parameters can be "
                      "renamed");
    if (y->module && strcmp(y->module, "builtin") == 0)
        return refuse(s, a, "'%s' is a builtin declaration: every realm has it as it is", y->name);
    if (y->external)
        return refuse(s, a, "'%s' is declared in the external realm %s, whose schema is pinned",
                      y->name, y->realm);
    if ((user = external_user(x, a->id)))
        return refuse(s, a,
                      "'%s' is referred to from the external realm %s, whose schema is "
                      "pinned",
                      y->name, user->realm);
    if (strcmp(n, y->name) == 0) return FTL_OK;
    if (!ftl_is_plain_ident(n, strlen(n)))
        return refuse(s, a,
                      "'%s' is not a name: names are letters, digits and '_', not starting "
                      "with a digit",
                      n);
    if (is_decl(y->kind) && ftl_is_primitive_name(n))
        return refuse(s, a, "'%s' is a primitive type's name", n);
    if (y->kind == FTL_SYMBOL_TOPIC && !ftl_is_topic_name(n))
        return refuse(s, a,
                      "'%s' cannot name a topic: topic names start with a lower-case "
                      "letter",
                      n);
    if (is_decl(y->kind) && (strcmp(n, y->module) == 0 || is_builtin_name(x, n)))
        return refuse(s, a, "'%s' would not be found: unqualified references find %s first", n,
                      strcmp(n, y->module) == 0 ? "the module of that name" : "the builtin one");
    if (taken(x, y, a->id, n))
        return refuse(s, a, "'%s' is taken: another %s of that scope has that name", n,
                      is_decl(y->kind) ? "declaration" : "member");
    return FTL_OK;
}

const char *ftl_session_rename_check(FtlSession *s, FtlSymbolId id, const char *name)
{
    if (!s) return "no session";
    if (!name) return "no name";
    RenameArg a = {id, name, 0};
    ses_clear_error(s);
    FtlStatus st = ses_run(s, rename_body, &a);
    if (st == FTL_NOMEM) return ftl_status_message(st);
    return a.refused ? ftl_session_error(s) : NULL;
}
