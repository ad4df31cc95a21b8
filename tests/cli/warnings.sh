#!/bin/sh
# warnings.sh - every warning code the sources can emit has a name in the table
# of src/base/warnings.c (for -W NAME), and the table names no code that nothing
# emits. Environment: SRCDIR (the source tree).
set -u
SRCDIR=${SRCDIR:?SRCDIR is not set}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-warn.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
find "$SRCDIR/src" -name '*.c' ! -name warnings.c -exec grep -ho '"W[0-9][0-9][0-9][0-9]"' {} + |
    tr -d '"' | sort -u >"$tmp/emitted"
grep -o '{"W[0-9]*"' "$SRCDIR/src/base/warnings.c" | tr -d '{"' | sort -u >"$tmp/named"
if cmp -s "$tmp/emitted" "$tmp/named"; then
    echo "ok: $(wc -l <"$tmp/named") warnings, each with a name"
    exit 0
fi
echo "FAIL: warning codes emitted (<) and named in src/base/warnings.c (>) differ:"
diff "$tmp/emitted" "$tmp/named" | grep '^[<>]'
exit 1
