/* realm.c - ftl_session_realm: the realm operations of realm/realm_ops.h
 * (ftlc realm add, update, list, remove, fetch) in a session. The operation
 * replaces the session's compilation, whose arena holds the result and whose
 * diagnostics are the operation's (ftl_session_diagnostics). */
#include "session/session_int.h"
#include "realm/realm_ops.h"

#include <string.h>

typedef struct RealmArg {
    const FtlRealmRequest *req;
    FtlRealmResult *out;
} RealmArg;

static FtlStatus realm_body(FtlSession *s, void *arg)
{
    RealmArg *x = arg;
    ses_comp_free(s->comp);
    s->comp = NULL;
    ses_clear_error(s);
    SesComp *c = ses_comp(s);
    FtlRealmEnv env = {&c->arena, &c->in, &c->src, &c->diags};
    FtlStatus st = ftl_realm_run(&env, x->req, x->out);
    c->nfiles = c->src.count;
    ses_diags_finish(s, c);
    return st;
}

FtlStatus ftl_session_realm(FtlSession *s, const FtlRealmRequest *req, FtlRealmResult *out)
{
    if (out) memset(out, 0, sizeof *out);
    if (!s || !req || !out) return FTL_EINVAL;
    RealmArg x = {req, out};
    return ses_run(s, realm_body, &x);
}
