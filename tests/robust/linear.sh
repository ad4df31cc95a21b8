#!/bin/sh
# linear.sh - the shapes that were once quadratic (issue 11) finish within
# bounds that a quadratic algorithm cannot meet on any machine. At half the
# sizes used here, the quadratic code took 12 to 14 s to check a 50,000-link
# alias chain, more than 20 s for the same chain closed into a cycle, 23 s and
# 4.7 GB to emit 20,000 dead-letter subscribers, 24 s for 80,000 realm blocks
# and 50 s for a project file of 50,000 pins: twice the size is four times
# that, a minute or more. Linear, each takes a second or two here
# (bench/shapes.sh has the numbers); the bound is 15 s, so a loaded machine
# still passes. A sanitizer build runs 2-4 times slower, beside the rest of
# `make check -j2`: CI's ASan run of 2026-12-07 went past 15 s on a loaded
# machine (a 4 s case took 20), so there the bound is 45 s, which a quadratic
# algorithm, slowed as much, is still minutes beyond. Without sanitizers the
# memory is bounded too (ulimit -v).
# Environment: FTLC; CC (to build bench/gen.c; skipped without it); GEN_DIR;
# FTLC_SANITIZERS (set by make check: no memory bound under ASan).
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
gen_c=${GEN_DIR:-$here/../../bench}/gen.c
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-linear.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch" || exit 2
${CC:-cc} -O2 -o gen "$gen_c" 2>/dev/null || { echo "SKIP: cannot build $gen_c"; exit 77; }
pass=0 fail=0
limit=15
[ -n "${FTLC_SANITIZERS:-}" ] && limit=45

# within NAME STATUS GREP ARGS...: ftlc ARGS ends within $limit seconds with
# STATUS, and its standard error holds GREP (when not empty).
within() {
    name=$1 want=$2 pattern=$3
    shift 3
    start=$(date +%s)
    (
        # shellcheck disable=SC3045 # dash and bash both have ulimit -v
        [ -z "${FTLC_SANITIZERS:-}" ] && ulimit -v 1048576 # 1 GiB
        exec timeout $((limit + 5)) "$FTLC" "$@" >out 2>err
    )
    st=$?
    took=$(($(date +%s) - start))
    if [ "$st" -ne "$want" ]; then
        echo "FAIL: $name: exit $st, expected $want"; head -c 300 err; fail=$((fail + 1))
    elif [ "$took" -gt "$limit" ]; then
        echo "FAIL: $name: took $took s (the bound is $limit s)"; fail=$((fail + 1))
    elif [ -n "$pattern" ] && ! grep -q -- "$pattern" err; then
        echo "FAIL: $name: standard error lacks '$pattern'"; head -c 300 err; fail=$((fail + 1))
    else
        echo "ok: $name ($took s)"; pass=$((pass + 1))
    fi
}

./gen --aliases 100000 >chain.ftl
within "100k-link alias chain" 0 "" check chain.ftl
./gen --alias-cycle 100000 >cycle.ftl
within "100k-link alias cycle" 1 "E0425.*type alias cycle: m.A0 -> m.A1 -> .* -> m.A31 -> ... (99968 more) -> m.A0$" check cycle.ftl
[ "$(grep -c 'error\[' err)" -eq 1 ] || { echo "FAIL: the cycle is reported more than once"; fail=$((fail + 1)); }
./gen --deadletters 40000 >dl.ftl
within "40k dead-letter subscribers" 0 "" emit --format txtpb dl.ftl
[ "$(grep -o '"consume[0-9]*Failed"' out | sort -u | wc -l)" -eq 40000 ] ||
    { echo "FAIL: not 40000 dead-letter topics"; fail=$((fail + 1)); }
awk 'BEGIN { for (i = 0; i < 160000; i++) printf "realm r%d { module m { data D { x Int } } }\n", i }' >realms.ftl
within "160k realm blocks" 1 "E0501" check --max-errors 0 realms.ftl

# A project file pinning 100,000 realms (each pin looked up among the others,
# each key among its table's: 50 s for half as many before, half a second now).
mkdir -p project && awk 'BEGIN { print "name = \"shop\""; for (i = 0; i < 100000; i++)
    printf "[realms.egress.r%d]\ngit-repo = \"x\"\ngit-commit = \"%040x\"\n", i, i }' >project/ftl-project.toml
printf 'realm shop {\n}\n' >project/shop.ftl
within "100k pins in ftl-project.toml" 1 "E0706" check --max-errors 0 --project project/ftl-project.toml project/shop.ftl

# Fix-its that many diagnostics share, each holding a copy: 40,000 placeholders
# of missing configs in one module (E0421) and a verb with 40,000 +calls items
# (E0401). Edits that grew with them would take 40,000 copies of a megabyte.
awk 'BEGIN { print "realm r { module m {"; for (i = 0; i < 40000; i++)
    printf "verb v%d(Unit) Unit\n  +egress \"${c%d}\"\n", i, i; print "} }" }' >egress.ftl
within "40k missing configs" 1 "E0421" check --max-errors 0 --error-format json egress.ftl
awk 'BEGIN { print "realm r { module m {"; for (i = 0; i < 40000; i++) printf "verb w%d(Unit) Unit\n", i
    print "verb v(Unit) Unit"; for (i = 0; i < 40000; i++) printf "  +calls m.w%d\n", i; print "} }" }' >calls.ftl
within "40k +calls items of one verb" 1 "E0401" check --max-errors 0 --error-format json calls.ftl
# A type enum of 200,000 string variants: one E0424 each, the enum's kinds of
# values looked at once, not once per variant.
awk 'BEGIN { print "realm r { module m { enum E {"; for (i = 0; i < 200000; i++)
    printf "V%d = \"v%d\"\n", i, i; print "} } }" }' >enum.ftl
within "200k values in a type enum" 1 "E0424" check --max-errors 0 --error-format json enum.ftl
# 60,000 unqualified references into an external realm of 60,000 modules
# (E0502): the module to write is looked for in small realms only.
awk 'BEGIN { print "external realm bank {"; for (i = 0; i < 60000; i++)
    printf "module p%d { export realm verb f%d(Unit) Unit }\n", i, i
    print "}\nrealm shop { module m { verb v(Unit) Unit"
    for (i = 0; i < 60000; i++) printf "  +calls f%d@bank\n", i; print "} }" }' >qualify.ftl
within "60k unqualified references into 60k modules" 1 "E0502" check --max-errors 0 --error-format json qualify.ftl

echo "linear: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
