/* realm_diff.h - how the public API of an external realm changed between two
 * commits (ftlc realm update), each change flagged compatible or breaking for
 * the realms that call it.
 *
 * Compared are two checked versions of the realm (references resolved, so that
 * `Order` and `checkout.Order` are the same type). Changes, by declaration name
 * and kind, modules in name order:
 *   compatible  a module or declaration added; an enum variant added; an optional
 *               field (T?) added; visibility raised
 *   breaking    a module or declaration removed (a declaration whose kind changed
 *               shows as removed and added); visibility lowered (export realm -> export or none); a
 * field or variant removed; a required field added (callers do not send it); a field's, verb's,
 * alias', topic's or variant's type changed; a field's JSON alias or a variant's value changed;
 * type parameters changed Metadata other than +alias is not compared: a public schema keeps only
 * what shapes the wire contract, and +ingress or +typemap changes are for the realm's own clients.
 */
#ifndef FTLC_REALM_DIFF_H
#define FTLC_REALM_DIFF_H

#include "syntax/ast.h"
#include "base/buf.h"

typedef struct FtlApiDiff {
    unsigned compatible, breaking;
} FtlApiDiff;

/* Receives each change: breaking or compatible, and what ("removed verb
 * balance.withdraw"; valid during the call). */
typedef void (*FtlApiChangeFn)(void *ctx, int breaking, const char *what);

/* Tells fn every change, in order, and returns the counts. */
FtlApiDiff ftl_realm_diff(const FtlRealm *old, const FtlRealm *fresh, FtlApiChangeFn fn, void *ctx);

#endif
