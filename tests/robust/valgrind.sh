#!/bin/sh
# valgrind.sh - `make check-valgrind`: the unit tests, a chosen set of golden
# cases and e2e scenarios, and the language server's scripts (tests/lsp/run.sh)
# under valgrind; any memory error or definite/indirect leak fails.
#
#   valgrind.sh BUILDDIR SRCDIR PROGRAM...
#
# PROGRAMs are the unit test programs (paths under BUILDDIR). The golden cases
# run through a wrapper that starts ftlc under valgrind, split over VG_JOBS
# parallel runners (default: the number of processors); the e2e scripts, one
# after another, run ftlc through the same wrapper.
# Each process writes its own log; a non-empty log is a failure and is shown.
# Memory still reachable at exit (ftl_oom, usage errors) is not a leak.
#
# Every golden case under valgrind takes a quarter of an hour here; CI's budget
# (tests/README.md) takes a sample that still reaches every part of ftlc:
#   VG_GOLDEN  "sample" (default): every case of the families other than chk-,
#              err- and fmt- (command line, emitters, clients, export, protobuf
#              inputs, limits) and every VG_EVERY-th (default 8th) case of those
#              three, which the sanitizer build runs in full; "all": every case
#   VG_E2E     e2e scripts to run with ftlc under valgrind (default: realm-add-list,
#              realm-fetch and realm-cache-hostile; "" for none)
set -u
builddir=$(cd "$1" && pwd) srcdir=$(cd "$2" && pwd)
shift 2
if [ -n "${FTLC_SANITIZERS:-}" ]; then
    echo "check-valgrind: this build uses sanitizers; configure without --enable-sanitizers" >&2
    exit 1
fi
command -v valgrind >/dev/null 2>&1 || { echo "check-valgrind: valgrind not found (apt-get install valgrind)" >&2; exit 1; }

logs=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-valgrind.XXXXXX") || exit 2
trap 'rm -rf "$logs"' EXIT INT TERM
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect"
# VG_EXTRA: more options, e.g. --track-origins=yes when chasing an error (slow).
VG="$VG --errors-for-leak-kinds=definite,indirect ${VG_EXTRA:-} --log-file=$logs/%p.log"
fails=0

echo "=== unit tests"
for p in "$@"; do
    (cd "$builddir" && $VG "./$p" >"$logs/unit.out" 2>&1)
    st=$?
    [ "$st" -eq 0 ] && echo "PASS: $p" || { echo "FAIL: $p (exit $st)"; tail -20 "$logs/unit.out"; fails=$((fails + 1)); }
done

echo "=== golden cases"
cat >"$logs/ftlc" <<EOF
#!/bin/sh
exec $VG "$builddir/ftlc" "\$@"
EOF
chmod +x "$logs/ftlc"
jobs=${VG_JOBS:-$(nproc 2>/dev/null || echo 2)}
every=${VG_EVERY:-8}
ls "$srcdir/tests/golden" | while read -r c; do [ -f "$srcdir/tests/golden/$c/cmd" ] && echo "$c"; done |
    awk -v all="${VG_GOLDEN:-sample}" -v every="$every" '
        all == "all" || !/^(chk|err|fmt)-/ { print; next }
        n++ % every == 0 { print }' >"$logs/cases"
echo "($(wc -l <"$logs/cases" | tr -d ' ') cases)"
split -n "l/$jobs" "$logs/cases" "$logs/part."
for part in "$logs"/part.*; do
    FTLC=$logs/ftlc GOLDEN_DIR=$srcdir/tests/golden sh "$srcdir/tests/golden/run.sh" $(cat "$part") >"$part.out" 2>&1 &
done
wait
for part in "$logs"/part.*.out; do
    tail -n 1 "$part"
    grep -q '0 failed$' "$part" || { grep -v '^golden:' "$part" | head -60; fails=$((fails + 1)); }
done

e2e=${VG_E2E-tests/e2e/realm-add-list.sh tests/e2e/realm-fetch.sh tests/e2e/realm-cache-hostile.sh}
if [ -n "$e2e" ]; then
    echo "=== e2e scenarios"
    for sc in $e2e; do
        FTLC=$logs/ftlc sh "$srcdir/$sc" >"$logs/e2e.out" 2>&1 &
        wait $!
        tail -n 1 "$logs/e2e.out"
        grep -q ' 0 failed$' "$logs/e2e.out" || { grep '^FAIL' "$logs/e2e.out" | head -20; fails=$((fails + 1)); }
    done
fi

echo "=== language server scripts"
if [ -x "$builddir/tests/lsp/lsp_client" ]; then
    FTLC=$logs/ftlc LSP_CLIENT=$builddir/tests/lsp/lsp_client sh "$srcdir/tests/lsp/run.sh" \
        >"$logs/lsp.out" 2>&1 || { cat "$logs/lsp.out"; fails=$((fails + 1)); }
    tail -n 1 "$logs/lsp.out"
fi

echo "=== valgrind logs"
for l in "$logs"/*.log; do
    [ -s "$l" ] || continue
    echo "--- $(basename "$l")"
    head -60 "$l"
    fails=$((fails + 1))
done
[ "$fails" -eq 0 ] && echo "check-valgrind: no errors, no leaks" && exit 0
echo "check-valgrind: $fails failures"
exit 1
