#!/bin/sh
# codes.sh - every diagnostic code of the sources is documented on the page
# that `ftlc lsp` links it to (codeDescription, src/lsp/diagnostics.c):
# ftl-project.toml(5) for the project file's codes E0701-E0705 and W0701,
# ftlc-realm(1) for the other E07xx and W07xx, libftlc(3) for E00xx,
# ftlc-check(1) for all others. A code without its page would be a link to
# nothing.
# Environment: SRCDIR (the source tree).
set -u
SRCDIR=${SRCDIR:-$(cd "$(dirname "$0")/../.." && pwd)}
codes=$(grep -rhoE '"[EW][0-9]{4}"' "$SRCDIR/src" --include='*.c' | tr -d '"' | sort -u)
[ -n "$codes" ] || { echo "codes.sh: no codes found under $SRCDIR/src"; exit 1; }
fails=0
n=0
for code in $codes; do
    case $code in
    E070[1-5] | W0701) page=ftl-project.toml.5 ;;
    ?07??) page=ftlc-realm.1 ;;
    E00??) page=libftlc.3 ;;
    *) page=ftlc-check.1 ;;
    esac
    n=$((n + 1))
    if ! grep -q "\\b$code\\b" "$SRCDIR/man/$page"; then
        echo "FAIL: $code is not documented in man/$page, where ftlc lsp links it"
        fails=$((fails + 1))
    fi
done
echo "codes: $n codes, $fails without their page"
[ "$fails" -eq 0 ]
