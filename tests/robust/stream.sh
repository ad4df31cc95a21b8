#!/bin/sh
# stream.sh - emit to standard output writes its output as it is made (in
# chunks, never whole): on a large schema (bench/gen.c's, about 3 MB, whose
# text format is some 20 MB) every format on standard output is byte for byte
# what `emit -o FILE` (written whole) holds; it needs hardly more memory than
# `check` (an address-space limit, ulimit -v, that check just fits in plus 8
# MB, less than the output); a full standard output (/dev/full) is an I/O
# error (exit 2) with its message; a reader that stops early (a closed pipe)
# ends the run instead of hanging it; a schema that a format cannot carry
# (E0603) writes nothing to standard output; and warnings follow the output.
# Environment: FTLC; CC (to build bench/gen.c; skipped without it); GEN_DIR;
# FTLC_SANITIZERS (non-empty: no memory limit, sanitizers reserve terabytes).
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
gen_c=${GEN_DIR:-$here/../../bench}/gen.c
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-stream.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch" || exit 2
${CC:-cc} -O2 -o gen "$gen_c" 2>/dev/null || { echo "SKIP: cannot build $gen_c"; exit 77; }
./gen 3 >big.ftl || exit 2
pass=0 fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

for f in ftl txtpb json binpb; do
    for pos in "" --positions; do
        "$FTLC" emit --format "$f" $pos big.ftl >out.$f 2>err || { bad "$f$pos: exit $?"; cat err; continue; }
        "$FTLC" emit --format "$f" $pos -o whole.$f big.ftl || { bad "$f$pos -o: exit $?"; continue; }
        if cmp -s out.$f whole.$f; then pass=$((pass + 1)); else bad "$f$pos: stdout differs from -o"; fi
    done
done
[ "$(wc -c <out.txtpb)" -gt 16000000 ] || bad "the text format is too small to tell streaming from not"

# fits KB CMD...: CMD runs to success under an address-space limit of KB.
# (ulimit -v is not POSIX, but dash, bash and busybox sh have it; where a
# shell has not, the probe below fails and the check is not run.)
# shellcheck disable=SC3045
fits() {
    kb=$1
    shift
    (ulimit -v "$kb" && "$@" >/dev/null 2>&1)
}
if [ -z "${FTLC_SANITIZERS:-}" ] && fits 4000000 true; then
    lo=1024 hi=1048576 # check fails at lo KB and succeeds at hi KB
    while [ $((hi - lo)) -gt 1024 ]; do
        mid=$(((lo + hi) / 2))
        if fits "$mid" "$FTLC" check big.ftl; then hi=$mid; else lo=$mid; fi
    done
    if fits $((hi + 8192)) "$FTLC" emit --format txtpb big.ftl; then
        pass=$((pass + 1))
    else
        bad "emit needs more than check's $hi KB of address space and 8 MB"
    fi
else
    echo "note: no address-space limits here (or sanitizers); memory not checked"
fi

if [ -w /dev/full ]; then
    "$FTLC" emit --format txtpb big.ftl >/dev/full 2>err
    st=$?
    if [ "$st" -eq 2 ] && [ "$(cat err)" = "ftlc: error: cannot write standard output" ]; then
        pass=$((pass + 1))
    else
        bad "/dev/full: exit $st"; cat err
    fi
else
    echo "note: no /dev/full here; not run"
fi

# A reader that takes 1 KB and leaves: SIGPIPE (or EPIPE, exit 2) ends ftlc.
"$FTLC" emit --format json big.ftl 2>/dev/null | head -c 1024 >head.json
if [ "$(wc -c <head.json)" -eq 1024 ]; then pass=$((pass + 1)); else bad "closed pipe"; fi

# E0603: nothing on standard output, the error on standard error.
printf 'module m {\n  enum E: String {\n    A = "a\\u0000b"\n  }\n}\n' >nul.ftl
for f in txtpb json binpb; do
    "$FTLC" emit --format "$f" nul.ftl >out 2>err
    st=$?
    if [ "$st" -eq 1 ] && [ ! -s out ] && grep -q 'E0603' err; then pass=$((pass + 1)); else bad "E0603 $f: exit $st"; fi
done

# Warnings come after the output, which is written before they are known
# to be all (ftlc-emit(1)).
printf 'realm r {\n  module m {\n    data D {\n    }\n  }\n}\n' >warn.ftl
"$FTLC" emit --format txtpb -I no-such-dir warn.ftl >both 2>&1
st=$?
if [ "$st" -eq 0 ] && [ "$(head -n 1 both)" = "realms {" ] && tail -n 1 both | grep -q 'W0001'; then
    pass=$((pass + 1))
else
    bad "warnings after the output: exit $st"; head -n 3 both
fi

echo "stream: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
