#!/bin/sh
# outputs.sh - where ftlc writes its outputs (issue 11): -o, --depfile and
# fmt -w never overwrite an input, whatever name reaches it (./x, a hard link,
# a symbolic link, standard input); a destination that is not a regular file (a
# FIFO, a character device, /dev/stdout) is written in place, never replaced by
# a regular file; past the file-size limit (ulimit -f) the write is an I/O error
# (exit 2), not a SIGXFSZ kill, and leaves nothing behind.
# Environment: FTLC.
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-outputs.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
cd "$scratch" || exit 2
pass=0 fail=0
t() { # WHAT COMMAND...
    what=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; sed 's/^/    /' err 2>/dev/null | head -5; fail=$((fail + 1)); fi
}
printf 'module m {\n  data D {\n    x Int\n  }\n}\n' >in.ftl
cp in.ftl orig.ftl
printf 'module m {\ndata D {\nx Int\n}\n}\n' >ugly.ftl
ln in.ftl hard.ftl
ln -s in.ftl soft.ftl

# --- outputs that are inputs: exit 2, both names, the input untouched -------------------
for out in in.ftl ./in.ftl hard.ftl soft.ftl "$scratch/in.ftl"; do
    "$FTLC" emit --format ftl -o "$out" in.ftl >out 2>err
    t "-o $out: exit 2" [ $? -eq 2 ]
    t "-o $out: says which input" grep -qF "refusing to write '$out': it is the same file as the input 'in.ftl'" err
    t "-o $out: the input is intact" cmp -s in.ftl orig.ftl
    "$FTLC" check --depfile "$out" in.ftl >out 2>err
    t "--depfile $out: exit 2" [ $? -eq 2 ]
    t "--depfile $out: the input is intact" cmp -s in.ftl orig.ftl
done
"$FTLC" emit --format ftl -o hard.ftl - <in.ftl >out 2>err
t "-o naming standard input's file: exit 2" [ $? -eq 2 ]
t "-o naming standard input's file: says so" grep -qF "it is the same file as the input standard input" err
cp ugly.ftl ugly2.ftl
"$FTLC" fmt -w ugly.ftl ./ugly.ftl >out 2>err
t "fmt -w with one file named twice: exit 2" [ $? -eq 2 ]
t "fmt -w with one file named twice: both names" grep -qF "refusing to write 'ugly.ftl': it is the same file as the input './ugly.ftl'" err
"$FTLC" fmt -w ugly2.ftl >out 2>err
t "fmt -w still rewrites its own file" [ $? -eq 0 ]
t "fmt -w output is formatted" cmp -s ugly2.ftl orig.ftl

# --- destinations that are not regular files --------------------------------------------
mkfifo fifo
cat fifo >fifo.out &
reader=$!
"$FTLC" emit --format ftl -o fifo in.ftl >out 2>err
t "-o FIFO: exit 0" [ $? -eq 0 ]
wait $reader
t "-o FIFO: the reader got the schema" grep -qF "module m {" fifo.out
t "-o FIFO: still a FIFO" [ -p fifo ]
echo "first line" >log.txt
"$FTLC" emit --format ftl -o /dev/stdout in.ftl >>log.txt 2>err
t "-o /dev/stdout: exit 0" [ $? -eq 0 ]
t "-o /dev/stdout appends to the redirected file" [ "$(head -n 1 log.txt)" = "first line" ]
t "-o /dev/stdout: the schema follows" grep -qF "module m {" log.txt
n=$("$FTLC" emit --format ftl -o /dev/stdout in.ftl 2>err | grep -c "module m")
t "-o /dev/stdout into a pipe" [ "$n" -eq 1 ]
if mknod null c 1 3 2>/dev/null; then
    "$FTLC" emit --format ftl -o null in.ftl >out 2>err
    t "-o a character device: exit 0" [ $? -eq 0 ]
    t "-o a character device: still a device" [ -c null ]
else
    echo "note: cannot mknod here; the character device case is skipped"
fi
"$FTLC" emit --format ftl -o "$scratch" in.ftl >out 2>err
t "-o a directory: exit 2" [ $? -eq 2 ]

# --- the file-size limit ----------------------------------------------------------------
awk 'BEGIN { print "module m {"; for (i = 0; i < 20000; i++) printf "  data D%d {\n    x Int\n  }\n", i; print "}" }' >big.ftl
(ulimit -f 8 && exec "$FTLC" emit --format txtpb -o big.txtpb big.ftl) >out 2>err
t "past ulimit -f: exit 2, not a signal" [ $? -eq 2 ]
t "past ulimit -f: an I/O error" grep -qF "cannot write 'big.txtpb': File too large" err
t "past ulimit -f: nothing left" [ -z "$(find . -name 'big.txtpb*')" ]
(ulimit -f 8 && exec "$FTLC" emit --format txtpb big.ftl >big.out) 2>err
t "past ulimit -f on standard output: exit 2" [ $? -eq 2 ]

echo "outputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
