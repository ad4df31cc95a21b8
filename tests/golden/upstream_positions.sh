#!/bin/sh
# Upstream FTL's own validation tests (common/schema/validate_test.go of
# block/ftl), ported as the golden cases upstream-*: each has upstream.errors,
# the errors upstream expects, one a line, `LINE:COLUMN: message` (or just the
# message where upstream gives no position). This checks that ftlc reports an
# error at every LINE:COLUMN there, in the file the case checks last
# (ftl-schema(5), Positions). What ftlc says there is in expected.stderr.
# Environment: FTLC (the binary), GOLDEN_DIR (this folder); both have defaults.
set -u
here=$(cd "$(dirname "$0")" && pwd)
GOLDEN_DIR=${GOLDEN_DIR:-$here}
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
out=$(mktemp "${TMPDIR:-/tmp}/ftlc-upstream.XXXXXX") || exit 2
trap 'rm -f "$out"' EXIT INT TERM

checked=0
missing=0
cases=0
for dir in "$GOLDEN_DIR"/upstream-*/; do
    [ -f "$dir/upstream.errors" ] || continue
    cases=$((cases + 1))
    args=$(cat "$dir/cmd")
    file=${args##* }
    # shellcheck disable=SC2086 # cmd is split on spaces, as run.sh does
    (cd "$dir" && NO_COLOR=1 "$FTLC" $args >/dev/null 2>"$out")
    while IFS= read -r want; do
        pos=$(printf '%s\n' "$want" | sed -n 's/^\([0-9]*:[0-9]*\): .*/\1/p')
        [ -n "$pos" ] || continue
        checked=$((checked + 1))
        if ! grep -q "^$file:$pos: error" "$out"; then
            missing=$((missing + 1))
            echo "--- $(basename "$dir"): upstream reports $file:$want"
        fi
    done <"$dir/upstream.errors"
done
echo "upstream positions: $((checked - missing)) of $checked in $cases cases"
[ "$cases" -gt 0 ] && [ "$missing" -eq 0 ]
