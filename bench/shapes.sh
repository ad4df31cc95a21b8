#!/bin/sh
# bench/shapes.sh - time and peak memory of the shapes that were once quadratic
# (issue 11): alias chains, alias cycles and dead-letter subscribers, at three
# sizes each. `make bench` runs it after run.sh.
#
# usage: shapes.sh BUILDDIR
# Environment: BENCH_RUNS (runs per measurement, default 3), BENCH_DIR (where the
# generated inputs are kept, default BUILDDIR/bench-data).
#
# For each shape and size it prints the median wall time and peak RSS of one
# ftlc command, then the time and the RSS above a baseline per element, each
# relative to the smallest size (1.00 = linear; a quadratic algorithm doubles
# it with every doubling of the size). tests/robust/linear.sh holds the
# regression tests with bounds a quadratic algorithm cannot meet.
set -eu
build=${1:?usage: shapes.sh BUILDDIR}
runs=${BENCH_RUNS:-3}
data=${BENCH_DIR:-$build/bench-data}
ftlc=$build/ftlc
gen=$build/bench/gen
measure=$build/bench/measure
mkdir -p "$data"

median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }

# one SHAPE N CMD...: "seconds rss_kb" (medians of BENCH_RUNS runs).
one() {
    : >"$data/times"
    : >"$data/rss"
    i=0
    while [ $i -lt "$runs" ]; do
        out=$("$measure" "$@" 2>/dev/null || true)
        echo "$out" | awk '{print $1}' >>"$data/times"
        echo "$out" | awk '{print $2}' >>"$data/rss"
        i=$((i + 1))
    done
    echo "$(median <"$data/times") $(median <"$data/rss")"
}

# The RSS of ftlc on an empty realm: what every run costs whatever its size.
printf 'realm bench {\n}\n' >"$data/shape-empty.ftl"
base=$(one "$ftlc" check "$data/shape-empty.ftl" | awk '{print $2}')

printf '%-14s %8s %10s %12s %14s %14s\n' shape n seconds "peak RSS KB" "s/n growth" "KB/n growth"
shape() { # NAME GEN-FLAG COMMAND-WORDS... -- SIZES...
    name=$1 flag=$2
    shift 2
    cmd=
    while [ "$1" != -- ]; do cmd="$cmd $1"; shift; done
    shift
    first_t='' first_m=''
    for n in "$@"; do
        f=$data/shape-$name-$n.ftl
        [ -f "$f" ] || "$gen" "$flag" "$n" >"$f"
        # shellcheck disable=SC2086
        res=$(one "$ftlc" $cmd "$f")
        t=$(echo "$res" | awk '{print $1}') kb=$(echo "$res" | awk '{print $2}')
        [ -n "$first_t" ] || { first_t=$(awk -v t="$t" -v n="$n" 'BEGIN {print t / n}');
            first_m=$(awk -v k="$kb" -v b="$base" -v n="$n" 'BEGIN {print (k - b) / n}'); }
        awk -v s="$name" -v n="$n" -v t="$t" -v kb="$kb" -v b="$base" -v ft="$first_t" \
            -v fm="$first_m" 'BEGIN {
            m = fm > 0 ? ((kb - b) / n) / fm : 0
            printf "%-14s %8d %10.3f %12d %14.2f %14.2f\n", s, n, t, kb, (t / n) / ft, m }'
    done
}
shape alias-chain --aliases check -- 10000 50000 100000
shape alias-cycle --alias-cycle check -- 10000 50000 100000
shape deadletter --deadletters emit --format txtpb -- 5000 20000 50000
echo "(baseline RSS of an empty realm: $base KB; growth 1.00 = linear)"
