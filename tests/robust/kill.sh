#!/bin/sh
# kill.sh - a write killed at any moment leaves the old file or the new one,
# whole, and no stray files.
#
# `ftlc fmt -w` rewrites a large schema (about 30 MB, bench/gen.c's output with
# its indentation removed), and `ftlc export -o` writes a large public schema
# over an old one. Each is killed (SIGKILL) at fixed delays, at fractions of the
# time a whole run takes, and once at the moment it has its output file open
# (seen in /proc/PID/fd, when the system has it). After each kill the target
# must be byte for byte the old contents or the new, and the directory must hold
# nothing new except, on systems without O_TMPFILE, a "TARGET.ftlc-XXXXXX"
# (ftl_write_atomic's temporary file; later runs leave it alone, see fileio.c).
# Environment: FTLC; CC (to build bench/gen.c; skipped without it); GEN_DIR
# (bench/, default: beside this folder).
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
gen_c=${GEN_DIR:-$here/../../bench}/gen.c

scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-kill.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch" || exit 2
${CC:-cc} -O2 -o gen "$gen_c" 2>/dev/null || { echo "SKIP: cannot build $gen_c"; exit 77; }
mkdir work

fails=0 kills=0 olds=0 news=0

# now_ms: milliseconds since the epoch (GNU date).
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# check TARGET OLD NEW WHEN: the target is OLD or NEW, and nothing else is new.
check() {
    kills=$((kills + 1))
    if cmp -s "work/$1" "$2"; then olds=$((olds + 1))
    elif cmp -s "work/$1" "$3"; then news=$((news + 1))
    else echo "FAIL: $1 after a kill $4: neither the old nor the new contents"; fails=$((fails + 1))
    fi
    for f in work/* work/.[!.]*; do
        [ -e "$f" ] || continue
        case ${f#work/} in
        "$1" | input.ftl) ;;
        "$1".ftlc-??????) echo "note: $f left by a kill $4 (no O_TMPFILE here)"; rm -f "$f" ;;
        *) echo "FAIL: $f appeared after a kill $4"; fails=$((fails + 1)); rm -f "$f" ;;
        esac
    done
}

# opened PID: waits until PID has a regular file of work/ open for writing
# (the unnamed O_TMPFILE shows as "work/#NNN (deleted)"); 1 if it never does.
opened() {
    i=0
    while kill -0 "$1" 2>/dev/null && [ $i -lt 20000 ]; do
        ls -l "/proc/$1/fd" 2>/dev/null | grep -q "$scratch/work/.*\(ftlc-\|deleted\)" && return 0
        i=$((i + 1))
    done
    return 1
}

# kills LABEL TARGET OLD ARGS...: runs `ftlc ARGS` in work/ once to completion
# (its TARGET is the new contents) and then again, TARGET reset to OLD each time,
# killed at each delay and as it opens its output.
kills() {
    label=$1 target=$2 old=$3 new=$label.new; shift 3
    cp "$old" "work/$target"
    t0=$(now_ms)
    (cd work && "$FTLC" "$@") || { echo "FAIL: $label: a normal run failed"; fails=$((fails + 1)); return; }
    whole=$(($(now_ms) - t0))
    mv "work/$target" "$new"
    cmp -s "$old" "$new" && { echo "FAIL: $label: the run changed nothing"; fails=$((fails + 1)); }
    for ms in 10 50 200 $((whole / 2)) $((whole * 8 / 10)) $((whole * 95 / 100)) $((whole + 300)); do
        cp "$old" "work/$target"
        (cd work && exec "$FTLC" "$@") &
        pid=$!
        sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        check "$target" "$old" "$new" "after ${ms} ms"
    done
    [ -d /proc/self/fd ] || return 0
    cp "$old" "work/$target"
    (cd work && exec "$FTLC" "$@") &
    pid=$!
    if opened $pid; then
        kill -9 $pid 2>/dev/null
        wait $pid 2>/dev/null
        check "$target" "$old" "$new" "while writing"
    else
        wait $pid 2>/dev/null
        echo "note: $label: the output file was never seen open"
    fi
    echo "$label: a whole run takes ${whole} ms"
    rm -f "work/$target"
}

# fmt -w: a schema without indentation, which it indents.
./gen 30 | sed 's/^ *//' >fmt.old
kills fmt-w schema.ftl fmt.old fmt -w schema.ftl

# export -o: the public schema of a realm that exports everything, over an old one.
./gen 4 | sed -e 's/^    export realm /    export /' -e 's/^    export /    export realm /' >work/input.ftl
echo "# an older public schema" >export.old
kills export-o public.txtpb export.old export -o public.txtpb input.ftl

echo "kills: $kills (old contents after $olds, new after $news)"
echo "kill: $((kills - fails)) passed, $fails failed"
[ "$fails" -eq 0 ] && [ "$kills" -gt 0 ]
