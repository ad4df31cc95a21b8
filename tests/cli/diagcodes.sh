#!/bin/sh
# diagcodes.sh - the table of diagnostic codes (src/base/diagcodes.c) against
# the program: every code the sources can emit has an entry and every entry is
# a code something emits; the example of every entry, run as its entry says,
# reports that code; ftlc-diagnostics(7) and `ftlc explain` have every code.
# Environment: SRCDIR (the source tree), FTLC (the binary), DIAGDOC
# (tools/diagdoc), MANPAGE (the made ftlc-diagnostics.7).
set -u
SRCDIR=${SRCDIR:?SRCDIR is not set}
FTLC=${FTLC:?FTLC is not set}
DIAGDOC=${DIAGDOC:?DIAGDOC is not set}
MANPAGE=${MANPAGE:?MANPAGE is not set}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-codes.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0
fail() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# 1. The codes in the sources (as string literals) and in the table.
find "$SRCDIR/src" "$SRCDIR/grammar" \( -name '*.c' -o -name '*.re' -o -name '*.y' \) \
    ! -name diagcodes.c ! -name warnings.c -exec grep -ho '"[EIW][0-9][0-9][0-9][0-9]"' {} + |
    tr -d '"' >"$tmp/codes"
# The findings of ftlc breaking have the IDs of its rules as their codes.
grep -ho '"[A-Z]*_[A-Z_]*"' "$SRCDIR/src/realm/breaking_rules.c" | tr -d '"' >>"$tmp/codes"
sort -u "$tmp/codes" >"$tmp/emitted"
"$DIAGDOC" codes | sort >"$tmp/documented"
if cmp -s "$tmp/emitted" "$tmp/documented"; then
    echo "ok: $(wc -l <"$tmp/documented") codes, each documented"
else
    fail "codes emitted (<) and documented in src/base/diagcodes.c (>) differ:"
    diff "$tmp/emitted" "$tmp/documented" | grep '^[<>]'
fi

# 2. Each example reports its code.
mkdir "$tmp/ex"
"$DIAGDOC" examples "$tmp/ex" || fail "diagdoc examples"
n=0
for dir in "$tmp"/ex/*/; do
    code=$(basename "$dir")
    args=$(cat "$dir/args")
    rm "$dir/args"
    # shellcheck disable=SC2086 # the arguments are split on spaces
    (cd "$dir" && NO_COLOR=1 "$FTLC" $args >"$tmp/out" 2>&1)
    n=$((n + 1))
    grep -q "\[$code\]" "$tmp/out" || {
        fail "$code: 'ftlc $args' on its example does not report it:"
        sed 's/^/  /' "$tmp/out" | head -20
    }
done
echo "ok: $n examples run"

# 3. The man page and ftlc explain.
while read -r code; do
    grep -q "^\.SS $code " "$MANPAGE" || fail "$code: no section in $MANPAGE"
    "$FTLC" explain "$code" >"$tmp/explain" 2>&1
    grep -q "^$code: " "$tmp/explain" || fail "$code: ftlc explain does not explain it"
done <"$tmp/documented"
"$FTLC" explain E9999 >/dev/null 2>&1
[ $? -eq 2 ] || fail "ftlc explain of an unknown code does not exit with 2"
[ "$("$FTLC" explain | wc -l)" -eq "$(wc -l <"$tmp/documented")" ] ||
    fail "ftlc explain does not list every code"
[ "$fails" -eq 0 ]
