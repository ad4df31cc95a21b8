#!/bin/sh
# bootstrap.sh - the README's set-up command works as root without sudo and as
# a user with sudo (issue 16): ./bootstrap.sh runs apt-get itself as root, through
# sudo otherwise, says what to run when there is neither, and asks for nothing
# when every package is installed. apt-get, sudo, id and dpkg-query are stand-ins
# on PATH that record how they were called. Environment: SRCDIR.
set -u
SRCDIR=${SRCDIR:?SRCDIR is not set}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-bootstrap.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0
t() { # WHAT COMMAND...
    what=$1
    shift
    if "$@"; then pass=$((pass + 1)); else echo "FAIL: $what"; sed 's/^/    /' "$tmp/log" "$tmp/err" 2>/dev/null; fail=$((fail + 1)); fi
}

# stand_ins UID INSTALLED [sudo]: a bin folder of stand-ins.
stand_ins() {
    rm -rf "${tmp:?}/bin" && mkdir "$tmp/bin"
    printf '#!/bin/sh\necho %s\n' "$1" >"$tmp/bin/id"
    printf '#!/bin/sh\n[ "%s" = yes ] && echo "install ok installed"\nexit 0\n' "$2" >"$tmp/bin/dpkg-query"
    printf '#!/bin/sh\necho "apt-get $*" >>"%s/log"\n' "$tmp" >"$tmp/bin/apt-get"
    [ "${3:-}" = sudo ] && printf '#!/bin/sh\necho "sudo $1" >>"%s/log"\nexec "$@"\n' "$tmp" >"$tmp/bin/sudo"
    chmod +x "$tmp/bin"/*
    : >"$tmp/log"
}

# run: bootstrap.sh with only the stand-ins, sh and the basic tools on PATH.
run() {
    for tool in sh env grep cat; do
        [ -e "$tmp/bin/$tool" ] || ln -s "$(command -v "$tool")" "$tmp/bin/$tool"
    done
    PATH=$tmp/bin "$SRCDIR/bootstrap.sh" "$@" >"$tmp/out" 2>"$tmp/err"
}

stand_ins 0 no
run
t "as root: exit 0" [ $? -eq 0 ]
t "as root: apt-get runs without sudo" grep -q "^apt-get install -y -qq --no-install-recommends .*re2c" "$tmp/log"
t "as root: sudo is never called" sh -c "! grep -q '^sudo' '$tmp/log'"

stand_ins 1000 no sudo
run
t "as a user with sudo: exit 0" [ $? -eq 0 ]
t "as a user: apt-get runs through sudo" grep -q "^sudo env" "$tmp/log"
t "as a user: the packages are installed" grep -q "^apt-get install .*lemon" "$tmp/log"

stand_ins 1000 no
run
t "as a user without sudo: exit 1" [ $? -eq 1 ]
t "as a user without sudo: says what to run as root" \
    grep -q "as root, run:" "$tmp/err"
t "as a user without sudo: nothing runs" [ ! -s "$tmp/log" ]

stand_ins 1000 yes
run --ci
t "everything installed: exit 0" [ $? -eq 0 ]
t "everything installed: no apt-get, no sudo" [ ! -s "$tmp/log" ]

stand_ins 0 no
run --ci
t "--ci adds what CI needs" grep -q "^apt-get install .*valgrind.*clang" "$tmp/log"
t "--ci: Node.js and npm when there are none" grep -q "^apt-get install .* nodejs npm" "$tmp/log"
stand_ins 0 no
printf '#!/bin/sh\n' >"$tmp/bin/node" && cp "$tmp/bin/node" "$tmp/bin/npm" && chmod +x "$tmp/bin/node" "$tmp/bin/npm"
run --ci
t "--ci: a Node.js of the machine's own is kept" sh -c "! grep -qE ' (nodejs|npm)( |\$)' '$tmp/log'"
run --bogus
t "an unknown option: exit 2" [ $? -eq 2 ]

# The README's set-up command is this script's.
t "README.md runs ./bootstrap.sh" grep -q '^\./bootstrap\.sh && autoreconf -fi' "$SRCDIR/README.md"
echo "bootstrap: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
