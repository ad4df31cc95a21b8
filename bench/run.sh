#!/bin/sh
# bench/run.sh - times ftlc's stages against protoc on generated schemas.
#
# usage: run.sh BUILDDIR [SIZES...]     (make bench runs it; sizes in MB, default 1 10 100)
# Environment: BENCH_RUNS (runs per measurement, default 3), BENCH_DIR (where the
# generated inputs are kept, default BUILDDIR/bench-data).
#
# For each size it generates an FTL schema and the equivalent .proto, then
# measures, as the median of BENCH_RUNS runs: lex only, lex+parse, check,
# emit --format txtpb (when ftlc has it), export (when ftlc has it), fmt, and
# protoc --descriptor_set_out=/dev/null on the .proto. It prints wall time,
# MB/s, peak RSS (KB and as a multiple of the input size) and the ratio of
# protoc's time to the stage's; then how each stage's time per MB grows with
# the size (1.00 = linear), and `ftlc check` on a small file (about 1 KB, the
# editor's case) as the median of BENCH_SMALL_RUNS runs (default 21).
set -eu
build=${1:?usage: run.sh BUILDDIR [SIZES...]}
shift
sizes=${*:-1 10 100}
runs=${BENCH_RUNS:-3}
small_runs=${BENCH_SMALL_RUNS:-21}
data=${BENCH_DIR:-$build/bench-data}
ftlc=$build/ftlc
mkdir -p "$data"
gen=$build/bench/gen
measure=$build/bench/measure
stages=$build/bench/stages
protoc=${PROTOC:-protoc}

median() { sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}'; }

# measure_stage NAME CMD...: prints "seconds rss_kb" (medians).
measure_stage() {
    shift # the name is for the caller's table
    : >"$data/times"
    : >"$data/rss"
    i=0
    while [ $i -lt "$runs" ]; do
        set +e
        out=$("$measure" "$@" 2>/dev/null)
        set -e
        echo "$out" | awk '{print $1}' >>"$data/times"
        echo "$out" | awk '{print $2}' >>"$data/rss"
        i=$((i + 1))
    done
    echo "$(median <"$data/times") $(median <"$data/rss")"
}

has_cmd() { "$ftlc" help "$1" >/dev/null 2>&1; }

: >"$data/results" # size stage seconds, for the growth table
printf '%-8s %-14s %10s %10s %12s %8s %10s\n' size stage seconds MB/s "peak RSS KB" "x input" "protoc/x"
for mb in $sizes; do
    ftl=$data/schema-$mb.ftl
    proto=$data/schema-$mb.proto
    [ -f "$ftl" ] || "$gen" "$mb" >"$ftl"
    [ -f "$proto" ] || "$gen" --proto "$mb" >"$proto"
    bytes=$(wc -c <"$ftl")
    pres=$(cd "$data" && measure_stage protoc "$protoc" --descriptor_set_out=/dev/null \
        -I. -I/usr/include "schema-$mb.proto")
    ptime=$(echo "$pres" | awk '{print $1}')
    echo "$mb protoc $ptime" >>"$data/results"
    row() {
        name=$1
        shift
        res=$(measure_stage "$name" "$@")
        t=$(echo "$res" | awk '{print $1}')
        echo "$mb $name $t" >>"$data/results"
        kb=$(echo "$res" | awk '{print $2}')
        awk -v n="$name" -v s="$mb" -v t="$t" -v kb="$kb" -v b="$bytes" -v p="$ptime" 'BEGIN {
            printf "%-8s %-14s %10.3f %10.1f %12d %8.1f %10.1f\n", s "MB", n, t, b / 1048576 / t,
                kb, kb * 1024 / b, p / t }'
    }
    row lex "$stages" lex "$ftl"
    row lex+parse "$stages" parse "$ftl"
    row check "$ftlc" check "$ftl"
    if "$ftlc" emit --format txtpb "$ftl" >/dev/null 2>&1; then
        row emit-txtpb "$ftlc" emit --format txtpb "$ftl"
    fi
    if has_cmd export; then
        row export "$ftlc" export -o "$data/public-$mb.txtpb" "$ftl"
    fi
    row fmt "$ftlc" fmt "$ftl"
    awk -v s="$mb" -v t="$ptime" -v kb="$(echo "$pres" | awk '{print $2}')" -v b="$(wc -c <"$proto")" 'BEGIN {
        printf "%-8s %-14s %10.3f %10.1f %12d %8.1f %10.1f\n", s "MB", "protoc", t, b / 1048576 / t,
            kb, kb * 1024 / b, 1 }'
done

# Growth: seconds per MB at each size, divided by that at the smallest size.
echo
echo "growth (seconds per MB, relative to the smallest size; 1.00 = linear)"
awk '
    !($1 in seen) { seen[$1] = 1; head = head sprintf(" %8s", $1 "MB") }
    !($2 in first) { first[$2] = $3 / $1; stages[++n] = $2 }
    { row[$2] = row[$2] sprintf(" %8.2f", ($3 / $1) / first[$2]) }
    END {
        printf "%-14s%s\n", "stage", head
        for (i = 1; i <= n; i++) printf "%-14s%s\n", stages[i], row[stages[i]]
    }
' "$data/results"

# The editor's case: a small file checked on every change.
small=$data/schema-small.ftl
[ -f "$small" ] || "$gen" --small >"$small"
: >"$data/times"
i=0
while [ $i -lt "$small_runs" ]; do
    "$measure" "$ftlc" check "$small" 2>/dev/null | awk '{print $1}' >>"$data/times"
    i=$((i + 1))
done
echo
awk -v b="$(wc -c <"$small")" -v t="$(median <"$data/times")" -v r="$small_runs" 'BEGIN {
    printf "small file: ftlc check on %d bytes, median of %d runs: %.2f ms\n", b, r, t * 1000 }'
