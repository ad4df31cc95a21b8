#!/bin/sh
# pages.sh - a mapped input is not held twice: the parser gives the pages of
# the text it has read back as it goes (ftl_source_release), and so do the
# writers that read its comments again, so `ftlc check FILE`, which maps a
# large file, peaks at least half the input's size below `ftlc check -
# <FILE`, whose copy of standard input is held to the end; the same for fmt
# and emit. With the pages kept, the two peaks are within a few hundred KB of
# each other: the tree, which both build, is the rest. The output of every
# command that reads the text again is the same from the file as from
# standard input.
# Environment: FTLC; CC (to build bench/gen.c and bench/measure.c; skipped
# without it); GEN_DIR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
bench=${GEN_DIR:-$here/../../bench}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-pages.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch" || exit 2
${CC:-cc} -O2 -o gen "$bench/gen.c" 2>/dev/null || { echo "SKIP: cannot build gen.c"; exit 77; }
${CC:-cc} -O2 -o measure "$bench/measure.c" 2>/dev/null || { echo "SKIP: cannot build measure.c"; exit 77; }
./gen 8 >big.ftl || exit 2
size_kb=$(($(wc -c <big.ftl) / 1024))
pass=0 fail=0
bad() { echo "FAIL: $*"; fail=$((fail + 1)); }

# peak_kb CMD...: the peak resident KB of CMD, which must succeed.
peak_kb() {
    got=$("./measure" "$@") || return 1
    # shellcheck disable=SC2086 # "SECONDS KB CPU" as three words
    set -- $got
    echo "$2"
}
# Every command that reads the text again after parsing it (fmt, and emit,
# whose comments and checks read it) keeps giving it back as it goes.
for cmd in "check" "fmt" "emit --format txtpb" "emit --format json" "emit --format binpb"; do
    # shellcheck disable=SC2086 # cmd is words
    file_kb=$(peak_kb "$FTLC" $cmd big.ftl) || bad "$cmd big.ftl failed"
    # shellcheck disable=SC2016,SC2086
    stdin_kb=$(peak_kb sh -c 'exec "$0" "$@" - <big.ftl' "$FTLC" $cmd) || bad "$cmd - failed"
    if [ $((stdin_kb - file_kb)) -ge $((size_kb / 2)) ]; then
        pass=$((pass + 1))
    else
        bad "$cmd of a mapped ${size_kb} KB file peaked at $file_kb KB, from standard input" \
            "at $stdin_kb KB: its pages were not given back"
    fi
done

for cmd in "fmt" "emit --format txtpb" "emit --format json"; do
    # shellcheck disable=SC2086 # cmd is words
    "$FTLC" $cmd big.ftl >from-file 2>&1 || bad "$cmd big.ftl: exit $?"
    # shellcheck disable=SC2086
    "$FTLC" $cmd - <big.ftl >from-stdin 2>&1 || bad "$cmd -: exit $?"
    if cmp -s from-file from-stdin && [ -s from-file ]; then
        pass=$((pass + 1))
    else
        bad "$cmd: the mapped file's output differs from standard input's"
    fi
done

echo "pages: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
