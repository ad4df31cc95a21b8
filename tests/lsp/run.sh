#!/bin/sh
# run.sh - the language server's scripted tests: every tests/lsp/scripts/*.lsp
# is played by lsp_client against a fresh `ftlc lsp` (see lsp_client.c for the
# script language), in a scratch copy of the workspace tests/lsp/ws/.
#
#   run.sh [NAME...]    the scripts to play (default: all)
#
# Variables the scripts use: ${ROOT} (the workspace's file URI), ${ROOTPATH}
# (its path), ${VERSION} (ftlc's version), ${CAPS} (the members of the server's
# capabilities but positionEncoding: scripts/capabilities.inc).
# Environment: FTLC (the binary), LSP_CLIENT (tests/lsp/lsp_client), SRCDIR.
set -u
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../../ftlc}
LSP_CLIENT=${LSP_CLIENT:-$here/lsp_client}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-lsp.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
version=$("$FTLC" version | sed 's/^ftlc //')
caps=$(cat "$here/scripts/capabilities.inc")

if [ $# -gt 0 ]; then
    scripts=""
    for n in "$@"; do scripts="$scripts $here/scripts/$n.lsp"; done
else
    scripts=$(ls "$here"/scripts/*.lsp)
fi
pass=0
fail=0
for script in $scripts; do
    name=$(basename "$script" .lsp)
    ws=$scratch/$name
    mkdir -p "$ws"
    cp -R "$here/ws/." "$ws/"
    if (cd "$ws" && "$LSP_CLIENT" -D "ROOT=file://$ws" -D "ROOTPATH=$ws" -D "VERSION=$version" -D "CAPS=$caps" \
        "$script" -- "$FTLC" lsp 2>"$scratch/$name.err"); then
        pass=$((pass + 1))
        echo "ok: $name"
    else
        fail=$((fail + 1))
        echo "FAIL: $name"
        sed 's/^/    /' "$scratch/$name.err"
    fi
done
echo "lsp: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
