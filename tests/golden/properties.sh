#!/bin/sh
# Properties over every .ftl input of the golden cases that parses:
#   1. fmt is idempotent: fmt(fmt(x)) == fmt(x)
#   2. fmt preserves the tree: parse(fmt(x)) == parse(x) (position-free dump)
set -u
here=$(cd "$(dirname "$0")" && pwd)
GOLDEN_DIR=${GOLDEN_DIR:-$here}
FTLC=${FTLC:-$here/../../ftlc}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-props.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
pass=0
fail=0
for f in "$GOLDEN_DIR"/*/*.ftl "$GOLDEN_DIR"/../../examples/*.ftl "$GOLDEN_DIR"/../../examples/*/*.ftl; do
    [ -f "$f" ] || continue
    "$FTLC" fmt "$f" >"$scratch/a.ftl" 2>/dev/null || continue
    rel=${f#"$GOLDEN_DIR"/}
    "$FTLC" fmt "$scratch/a.ftl" >"$scratch/b.ftl" 2>"$scratch/err"
    if ! cmp -s "$scratch/a.ftl" "$scratch/b.ftl"; then
        echo "--- $rel: fmt is not idempotent"; diff -u "$scratch/a.ftl" "$scratch/b.ftl" | head -20
        fail=$((fail + 1)); continue
    fi
    "$FTLC" parse "$f" >"$scratch/t1" 2>/dev/null
    "$FTLC" parse "$scratch/a.ftl" >"$scratch/t2" 2>/dev/null
    if ! cmp -s "$scratch/t1" "$scratch/t2"; then
        echo "--- $rel: formatting changed the tree"; diff -u "$scratch/t1" "$scratch/t2" | head -20
        fail=$((fail + 1)); continue
    fi
    pass=$((pass + 1))
done
echo "properties: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
