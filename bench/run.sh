#!/bin/sh
# bench/run.sh - times ftlc's stages against protoc and buf on generated schemas.
#
# usage: run.sh BUILDDIR [SIZES...]     (make bench runs it; sizes in MB, default 1 20 100)
# Environment: BENCH_RUNS (runs per measurement, default 3), BENCH_SMALL_RUNS (for the
# small file, default 21), BENCH_DIR (where the generated inputs and buf are kept,
# default BUILDDIR/bench-data), BUF_VERSION (of @bufbuild/buf, default 1.75.0),
# BENCH_NO_BUF=1 (do not install or run buf), PROTOC.
#
# For each size it generates an FTL schema and the equivalent .proto, then
# measures, as the median of BENCH_RUNS runs: lex only, lex+parse, check,
# emit --format txtpb and json, export (the public schema, about a third of the
# declarations), fmt, `protoc --descriptor_set_out=/dev/null` and `buf build` on
# the .proto. buf is installed from the npm registry (npm install @bufbuild/buf
# into BENCH_DIR/buf) when the bench runs for the first time; without npm or the
# registry its rows are left out, with a note. The table gives wall time, CPU
# time (user and system: the steadier figure on a busy machine), MB/s of input,
# peak RSS (KB and as a multiple of the input size) and how many times faster
# (in wall time) than protoc and buf each stage is; then how each stage's CPU
# time per MB grows with the size (1.00 is linear), once as measured and once
# without the cost of starting its program (its CPU time on a 1 KB input, or
# `--version` for protoc and buf), which a 1 MB run of a fast stage is mostly
# made of; and `ftlc check` on a small file (about 1 KB, the editor's case)
# next to `true`, the cost of starting a process.
set -eu
build=${1:?usage: run.sh BUILDDIR [SIZES...]}
shift
sizes=${*:-1 20 100}
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

# buf: the native binary npm installs (its bin/buf is a node wrapper around it).
buf=
install_buf() {
    [ "${BENCH_NO_BUF:-0}" = 1 ] && { echo "note: buf skipped (BENCH_NO_BUF=1)"; return; }
    dir=$data/buf
    find_buf() {
        for b in "$dir"/node_modules/@bufbuild/buf-*/bin/buf "$dir"/node_modules/.bin/buf; do
            if [ -x "$b" ]; then
                echo "$b"
                return 0
            fi
        done
        return 0
    }
    buf=$(find_buf)
    if [ -z "$buf" ] && command -v npm >/dev/null 2>&1; then
        echo "installing @bufbuild/buf@${BUF_VERSION:-1.75.0} into $dir (npm)" >&2
        npm install --no-save --no-audit --no-fund --prefix "$dir" \
            "@bufbuild/buf@${BUF_VERSION:-1.75.0}" >"$data/npm.log" 2>&1 || true
        buf=$(find_buf)
    fi
    if [ -z "$buf" ] || ! "$buf" --version >/dev/null 2>&1; then
        buf=
        echo "note: buf skipped (no npm, or the npm registry could not be reached; see $data/npm.log)"
    fi
}

# measure_stage CMD...: prints "seconds rss_kb cpu_seconds" (medians of $runs runs).
measure_stage() {
    : >"$data/times"
    : >"$data/rss"
    : >"$data/cpu"
    i=0
    while [ $i -lt "$runs" ]; do
        set +e
        out=$("$measure" "$@" 2>/dev/null)
        set -e
        echo "$out" | awk '{print $1}' >>"$data/times"
        echo "$out" | awk '{print $2}' >>"$data/rss"
        echo "$out" | awk '{print $3}' >>"$data/cpu"
        i=$((i + 1))
    done
    echo "$(median <"$data/times") $(median <"$data/rss") $(median <"$data/cpu")"
}

# small_median COLUMN CMD...: the median of one of measure's columns (1: wall
# seconds, 3: CPU seconds) over $small_runs runs.
small_median() {
    col=$1
    shift
    : >"$data/times"
    i=0
    while [ $i -lt "$small_runs" ]; do
        "$measure" "$@" 2>/dev/null | awk -v c="$col" '{print $c}' >>"$data/times"
        i=$((i + 1))
    done
    median <"$data/times"
}
cpu_median() { small_median 3 "$@"; }

install_buf
small=$data/schema-small.ftl
"$gen" --small >"$small"
# What starting each program costs, for the second growth table.
start_ftlc=$(cpu_median "$ftlc" check "$small")
start_stages=$(cpu_median "$stages" lex "$small")
start_protoc=$(cpu_median "$protoc" --version)
start_buf=0
[ -n "$buf" ] && start_buf=$(cpu_median "$buf" --version)
: >"$data/results" # size stage cpu_seconds start_cpu_seconds, for the growth tables
printf '%-7s %-11s %8s %8s %8s %11s %7s %9s %7s\n' size stage seconds "cpu s" MB/s "peak RSS KB" \
    "x input" "protoc/x" "buf/x"
for mb in $sizes; do
    ftl=$data/schema-$mb.ftl
    pdir=$data/proto-$mb # a folder of its own: buf builds a directory
    # Kept between runs, made again when gen is newer.
    mkdir -p "$pdir"
    [ -n "$(find "$ftl" -newer "$gen" 2>/dev/null)" ] || "$gen" "$mb" >"$ftl"
    [ -n "$(find "$pdir/schema.proto" -newer "$gen" 2>/dev/null)" ] ||
        "$gen" --proto "$mb" >"$pdir/schema.proto"
    bytes=$(wc -c <"$ftl")
    pbytes=$(wc -c <"$pdir/schema.proto")
    pres=$(cd "$pdir" && measure_stage "$protoc" --descriptor_set_out=/dev/null -I. \
        -I/usr/include schema.proto)
    ptime=$(echo "$pres" | awk '{print $1}')
    echo "$mb protoc $(echo "$pres" | awk '{print $3}') $start_protoc" >>"$data/results"
    btime=0
    if [ -n "$buf" ]; then
        bres=$(cd "$pdir" && measure_stage "$buf" build .)
        btime=$(echo "$bres" | awk '{print $1}')
        echo "$mb buf $(echo "$bres" | awk '{print $3}') $start_buf" >>"$data/results"
    fi
    # row NAME INPUT_BYTES "SECONDS KB CPU"
    row() {
        echo "$3" | awk -v n="$1" -v s="$mb" -v b="$2" -v p="$ptime" -v q="$btime" '{
            t = $1; kb = $2; c = $3
            printf "%-7s %-11s %8.3f %8.3f %8.1f %11d %7.1f %9.1f %7s\n", s "MB", n, t, c,
                b / 1048576 / t, kb, kb * 1024 / b, p / t, (q > 0 ? sprintf("%.1f", q / t) : "-") }'
    }
    # stage NAME START CMD...: START is what starting CMD's program costs.
    stage() {
        name=$1
        start=$2
        shift 2
        res=$(measure_stage "$@")
        echo "$mb $name $(echo "$res" | awk '{print $3}') $start" >>"$data/results"
        row "$name" "$bytes" "$res"
    }
    stage lex "$start_stages" "$stages" lex "$ftl"
    stage lex+parse "$start_stages" "$stages" parse "$ftl"
    stage check "$start_ftlc" "$ftlc" check "$ftl"
    stage emit-txtpb "$start_ftlc" "$ftlc" emit --format txtpb "$ftl"
    stage emit-json "$start_ftlc" "$ftlc" emit --format json "$ftl"
    stage export "$start_ftlc" "$ftlc" export -o "$data/public-$mb.txtpb" "$ftl"
    stage fmt "$start_ftlc" "$ftlc" fmt "$ftl"
    row protoc "$pbytes" "$pres"
    [ -n "$buf" ] && row buf "$pbytes" "$bres"
done

# Growth: CPU seconds per MB at each size, divided by that at the smallest size
# (CPU time: wall time on a busy machine says more about the machine).
echo
# growth_table START: START 1 subtracts each program's start-up first. A
# stage that takes no more than its start-up at the smallest size has no
# figure there ("-"): its time is then all noise.
growth_table() {
    awk -v sub_start="$1" '
        { c = $3 - (sub_start ? $4 : 0) }
        !($1 in seen) { seen[$1] = 1; head = head sprintf(" %8s", $1 "MB") }
        !($2 in first) { first[$2] = c > 0 ? c / $1 : 0; stages[++n] = $2 }
        { row[$2] = row[$2] (first[$2] > 0 ? sprintf(" %8.2f", (c / $1) / first[$2]) : sprintf(" %8s", "-")) }
        END {
            printf "%-12s%s\n", "stage", head
            for (i = 1; i <= n; i++) printf "%-12s%s\n", stages[i], row[stages[i]]
        }
    ' "$data/results"
}
echo "growth (CPU seconds per MB, relative to the smallest size; 1.00 = linear)"
growth_table 0
echo
echo "growth without start-up (each program's CPU time on a 1 KB input, or --version, subtracted)"
growth_table 1

# The editor's case: a small file checked on every change, next to the cost of
# starting a process at all.
tcheck=$(small_median 1 "$ftlc" check "$small")
ttrue=$(small_median 1 true)
echo
awk -v b="$(wc -c <"$small")" -v t="$tcheck" -v f="$ttrue" -v r="$small_runs" 'BEGIN {
    printf "small file: ftlc check on %d bytes, median of %d runs: %.2f ms (true: %.2f ms, +%.2f ms)\n",
        b, r, t * 1000, f * 1000, (t - f) * 1000 }'
