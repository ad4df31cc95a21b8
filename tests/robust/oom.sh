#!/bin/sh
# oom.sh - running out of memory at any point is a clean exit, never a crash.
#
# For each command below: a normal run gives the reference (exit status and
# output) and, with FAILMALLOC_COUNT=1, the number N of allocations it makes;
# then the command runs N more times, the kth with allocation k failing
# (failmalloc.so, LD_PRELOAD). Every such run must
#   - exit 2 with "out of memory" (or a "Cannot allocate memory" I/O error) on
#     standard error, or
#   - succeed exactly as the reference did (same status, output and
#     diagnostics: a failure that was handled without a trace, e.g. by stdio
#     going unbuffered),
# and never die by a signal, report out of memory as an error in the input,
# or leave a rewritten file damaged.
#
# Known failures, until fixed outside this test's reach: the protobuf codecs
# report an allocation failure while reading txtpb, JSON or binpb input, and
# jansson's while writing JSON, as invalid input (exit 1; schema_io.c,
# protojson.c, textproto_read.c, pbfield.c, and protobuf-c's and jansson's own mallocs). For the
# labels in OOM_KNOWN such an exit 1 would be tolerated, and a crash for those
# in OOM_KNOWN_CRASH. Both lists are empty: jansson and protobuf-c allocate
# through ftl_xmalloc and schema_io.c turns a codec's "out of memory" into
# ftl_oom(), so every command either succeeds or ends with exit 2.
: "${OOM_KNOWN=}"
: "${OOM_KNOWN_CRASH=}"
#
# Skipped (77) in the sanitizer build, whose allocator ASan replaces, and when
# failmalloc.so could not be built (not glibc).
# Environment: FTLC, FAILMALLOC_SO; FTLC_SANITIZERS (non-empty: skip).
# Arguments, if any: only the commands whose label contains one of them.
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
so=${FAILMALLOC_SO:-$(pwd)/tests/robust/failmalloc.so}

if [ -n "${FTLC_SANITIZERS:-}" ] || ldd "$FTLC" 2>/dev/null | grep -q 'libasan'; then
    echo "SKIP: sanitizer build (ASan replaces malloc)"; exit 77
fi
if ! [ -f "$so" ]; then echo "SKIP: $so was not built"; exit 77; fi
if ! FAILMALLOC_COUNT=1 LD_PRELOAD=$so "$FTLC" version 2>&1 >/dev/null | grep -q '^failmalloc: '; then
    echo "SKIP: $so does not interpose malloc here"; exit 77
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-oom.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cp "$here/sample.ftl" "$here/bad-syntax.ftl" "$here/bad-check.ftl" "$scratch"/
cd "$scratch" || exit 2
# Input in the other formats: one module of the sample (the codecs are driven
# by descriptors, so a smaller message exercises the same code, in less time).
for f in txtpb json binpb; do
    "$FTLC" emit --module s --format $f sample.ftl >sample.$f || { echo "FAIL: emit --format $f"; exit 1; }
done
cp sample.ftl w.orig
"$FTLC" fmt sample.ftl >w.new || exit 1

runs=0 fails=0 known=0
only="$*"

# judge STATUS: compares a run with the reference; sets why to what is wrong.
judge() {
    why=
    if [ "$1" -gt 128 ]; then why="killed by signal $(($1 - 128))"; return; fi
    if [ "$1" -eq 2 ] && [ "$refst" -ne 2 ]; then
        grep -q 'out of memory\|Cannot allocate memory' err || why="exit 2 without 'out of memory'"
        return
    fi
    if [ "$1" -ne "$refst" ]; then why="exit $1, expected $refst or 2"; return; fi
    if ! cmp -s out ref.out; then why="exit $1 with different output"
    elif ! cmp -s err ref.err; then why="exit $1 with different diagnostics"
    fi
}

# A rewritten file (fmt -w) must be the old or the new contents, whole.
check_rewrite() {
    [ -f w.ftl ] || { why="${why:+$why; }w.ftl removed"; return; }
    cmp -s w.ftl w.orig || cmp -s w.ftl w.new || why="${why:+$why; }w.ftl damaged"
    for t in w.ftl.ftlc-*; do
        [ -e "$t" ] && why="${why:+$why; }temporary file $t left" && rm -f "$t"
    done
}

# sweep LABEL ARGS...: fails each allocation of `ftlc ARGS` in turn.
sweep() {
    label=$1; shift
    if [ -n "$only" ]; then
        case " $only " in *" $label "*) ;; *) return ;; esac
    fi
    cp w.orig w.ftl
    "$FTLC" "$@" <sample.ftl >ref.out 2>ref.err; refst=$?
    cp w.orig w.ftl
    total=$(FAILMALLOC_COUNT=1 LD_PRELOAD=$so "$FTLC" "$@" <sample.ftl 2>&1 >/dev/null |
        sed -n 's/^failmalloc: \([0-9]*\) allocations$/\1/p')
    [ -n "$total" ] || { echo "FAIL: $label: cannot count allocations"; fails=$((fails + 1)); return; }
    k=1 bad=0
    rewrites=0
    [ "$label" = fmt-write ] && rewrites=1
    while [ "$k" -le "$total" ]; do
        [ $rewrites = 1 ] && cp w.orig w.ftl
        FAILMALLOC_AT=$k LD_PRELOAD=$so "$FTLC" "$@" <sample.ftl >out 2>err
        judge $?
        [ $rewrites = 1 ] && check_rewrite
        case "$why" in
        "exit 1,"*) case " $OOM_KNOWN " in *" $label "*) known=$((known + 1)) why= ;; esac ;;
        "killed by signal"*) case " $OOM_KNOWN_CRASH " in *" $label "*)
            echo "KNOWN: $label: allocation $k: $why"; known=$((known + 1)) why= ;; esac ;;
        esac
        if [ -n "$why" ]; then
            bad=$((bad + 1))
            [ "$bad" -le 5 ] && echo "FAIL: $label: allocation $k: $why" &&
                echo "  reproduce: FAILMALLOC_AT=$k LD_PRELOAD=$so $FTLC $*" && sed 's/^/  | /' err | head -5
        fi
        k=$((k + 1))
    done
    runs=$((runs + total))
    fails=$((fails + bad))
    echo "$label: $total allocations, $bad failed"
}

sweep check check sample.ftl
sweep check-syntax check bad-syntax.ftl
sweep check-semantic check bad-check.ftl
sweep check-sarif check --error-format sarif bad-check.ftl
sweep check-json check --error-format json bad-syntax.ftl
sweep check-stdin check -
sweep emit-txtpb emit --format txtpb sample.ftl
sweep emit-json emit --format json sample.ftl
sweep emit-binpb emit --format binpb sample.ftl
sweep emit-from-txtpb emit --format ftl sample.txtpb
sweep emit-from-json emit --format ftl sample.json
sweep emit-from-binpb emit --format ftl sample.binpb
sweep export export sample.ftl
sweep fmt fmt sample.ftl
sweep fmt-diff fmt --diff sample.ftl
sweep fmt-write fmt -w w.ftl
sweep breaking breaking --summary --against w.orig sample.ftl

[ "$known" -gt 0 ] && echo "known: $known runs tolerated (OOM_KNOWN: $OOM_KNOWN; OOM_KNOWN_CRASH: $OOM_KNOWN_CRASH)"
echo "oom: $runs runs, $fails failed"
[ "$fails" -eq 0 ] && [ "$runs" -gt 0 ]
