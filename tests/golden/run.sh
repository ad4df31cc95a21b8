#!/bin/sh
# Golden CLI tests: every folder under tests/golden/ is one case.
#
#   cmd              the arguments to ftlc, one line, split on spaces (no quoting)
#   stdin            optional: fed to standard input (otherwise /dev/null)
#   *.ftl, …         input files; the case runs in a scratch copy of its folder
#   expected.stdout  expected standard output   (missing = must be empty)
#   expected.stderr  expected standard error    (missing = must be empty)
#   expected.exit    expected exit status       (missing = 0)
#   after/           optional: files that must exist, byte for byte, after the run
#
# UPDATE_GOLDEN=1 rewrites expected.* from the actual results (review the diff).
# Arguments, if any, name the cases to run (e.g. `run.sh chk-dup-realm cli-help`).
# Environment: FTLC (the binary), GOLDEN_DIR (this folder); both have defaults.
set -u
here=$(cd "$(dirname "$0")" && pwd)
GOLDEN_DIR=${GOLDEN_DIR:-$here}
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-golden.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM

pass=0
fail=0
failed=""
if [ $# -gt 0 ]; then
    cases=""
    for c in "$@"; do cases="$cases $GOLDEN_DIR/$c/"; done
else
    cases="$GOLDEN_DIR/*/"
fi
for dir in $cases; do
    dir=${dir%/}
    name=$(basename "$dir")
    [ -f "$dir/cmd" ] || continue
    work=$scratch/$name
    mkdir -p "$work"
    cp -R "$dir"/. "$work"/
    rm -rf "$work/after" "$work"/expected.*
    args=$(cat "$dir/cmd")
    in=/dev/null
    [ -f "$dir/stdin" ] && in=$dir/stdin
    # Colour never depends on where the tests run.
    (cd "$work" && NO_COLOR=1 TERM=dumb "$FTLC" $args <"$in" >"$scratch/$name.out" 2>"$scratch/$name.err")
    code=$?
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        if [ -s "$scratch/$name.out" ]; then cp "$scratch/$name.out" "$dir/expected.stdout"; else rm -f "$dir/expected.stdout"; fi
        if [ -s "$scratch/$name.err" ]; then cp "$scratch/$name.err" "$dir/expected.stderr"; else rm -f "$dir/expected.stderr"; fi
        if [ "$code" -ne 0 ]; then echo "$code" >"$dir/expected.exit"; else rm -f "$dir/expected.exit"; fi
    fi
    ok=1
    exp_out=/dev/null; [ -f "$dir/expected.stdout" ] && exp_out=$dir/expected.stdout
    exp_err=/dev/null; [ -f "$dir/expected.stderr" ] && exp_err=$dir/expected.stderr
    exp_code=0; [ -f "$dir/expected.exit" ] && exp_code=$(cat "$dir/expected.exit")
    if ! cmp -s "$exp_out" "$scratch/$name.out"; then
        ok=0; echo "--- $name: stdout differs"; diff -u "$exp_out" "$scratch/$name.out" | head -40
    fi
    if ! cmp -s "$exp_err" "$scratch/$name.err"; then
        ok=0; echo "--- $name: stderr differs"; diff -u "$exp_err" "$scratch/$name.err" | head -40
    fi
    if [ "$code" != "$exp_code" ]; then
        ok=0; echo "--- $name: exit status $code, expected $exp_code"
    fi
    if [ -d "$dir/after" ]; then
        for f in "$dir/after"/*; do
            b=$(basename "$f")
            if ! cmp -s "$f" "$work/$b"; then
                ok=0; echo "--- $name: file $b differs after the run"; diff -u "$f" "$work/$b" | head -20
            fi
        done
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); failed="$failed $name"; fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "golden: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
