#!/bin/sh
# run.sh - the fuzzers' crash inputs as regression tests.
#
#   run.sh [REPLAY]                    replays every case, each in its own process,
#                                      and lists the ones that fail
#   run.sh add TARGET FILE [NAME]      keeps FILE (a crash input, minimised) as a case
#                                      of TARGET: schema textproto json binpb toml descset
#
# REPLAY is the replay driver of the normal build (default: $REPLAY, else
# tests/fuzz/replay in the current directory). `make check` runs the same cases in
# one process (tests/fuzz/replay without arguments). Cases live in
# tests/fuzz/regress/TARGET/NAME; name them after what they found, e.g.
# toml/dotted-key-overflow, and describe each in tests/fuzz/regress/README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
targets="schema textproto json binpb toml descset"

if test "${1:-}" = add; then
    test $# -ge 3 || { echo "usage: run.sh add TARGET FILE [NAME]" >&2; exit 2; }
    case " $targets " in *" $2 "*) ;; *) echo "run.sh: unknown target '$2'" >&2; exit 2 ;; esac
    test -f "$3" || { echo "run.sh: no file '$3'" >&2; exit 2; }
    name=${4:-$(basename "$3")}
    mkdir -p "$here/$2"
    cp "$3" "$here/$2/$name" || exit 2
    echo "added $2/$name; describe it in $here/README.md"
    exit 0
fi

replay=${1:-${REPLAY:-./tests/fuzz/replay}}
test -x "$replay" || { echo "run.sh: no replay driver at '$replay' (make check builds it)" >&2; exit 2; }
total=0
failed=0
for t in $targets; do
    test -d "$here/$t" || continue
    for f in "$here/$t"/*; do
        test -f "$f" || continue
        total=$((total + 1))
        if "$replay" "$t" "$f" >/dev/null 2>"${TMPDIR:-/tmp}/ftlc-replay.$$"; then
            echo "ok   $t/$(basename "$f")"
        else
            failed=$((failed + 1))
            echo "FAIL $t/$(basename "$f")"
            sed 's/^/     /' "${TMPDIR:-/tmp}/ftlc-replay.$$" | grep -v '^     replay: ' | head -n 30
        fi
    done
done
rm -f "${TMPDIR:-/tmp}/ftlc-replay.$$"
echo "$total cases, $failed failed"
test "$failed" = 0
