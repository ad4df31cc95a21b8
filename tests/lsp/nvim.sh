#!/bin/sh
# nvim.sh - the end-to-end test with a real editor: Neovim's built-in LSP
# client, configured by editors/nvim/ftlc.lua, headless, drives `ftlc lsp` on a
# copy of tests/lsp/ws/ with an error in orders.ftl (nvim/test.lua says what it
# does); what it saw must equal nvim/expected.txt. Skipped (77) when nvim is
# not installed (Debian: apt-get install neovim).
# Environment: FTLC (the binary), SRCDIR (the source tree).
set -u
here=$(cd "$(dirname "$0")" && pwd)
SRCDIR=${SRCDIR:-$here/../..}
FTLC=${FTLC:-$here/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
if ! command -v nvim >/dev/null 2>&1; then
    echo "nvim.sh: skipped: nvim is not installed (apt-get install neovim)"
    exit 77
fi
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-nvim.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
ws=$scratch/ws
mkdir -p "$ws" "$scratch/home"
cp -R "$here/ws/." "$ws/"
# The error: a typo in a reference after CJK text and an emoji.
sed 's/status orders\.Status/status orders.Stazus/' "$here/ws/orders.ftl" >"$ws/orders.ftl"
# No user configuration, no shada, no swap files; a home of its own.
(cd "$ws" && HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home XDG_DATA_HOME=$scratch/home \
    XDG_STATE_HOME=$scratch/home FTLC=$FTLC EDITORS=$SRCDIR/editors OUT=$scratch/out.txt \
    timeout 120 nvim --headless --clean -n -i NONE -c "luafile $here/nvim/test.lua" \
    </dev/null >"$scratch/nvim.log" 2>&1)
status=$?
if [ ! -f "$scratch/out.txt" ]; then
    echo "FAIL: nvim (status $status) wrote no results"
    cat "$scratch/nvim.log"
    exit 1
fi
if ! diff -u "$here/nvim/expected.txt" "$scratch/out.txt"; then
    echo "FAIL: what Neovim saw differs from tests/lsp/nvim/expected.txt (status $status)"
    exit 1
fi
[ "$status" -eq 0 ] || { echo "FAIL: nvim ended with status $status"; exit 1; }
echo "ok: nvim"
