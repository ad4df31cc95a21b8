#!/bin/sh
# breaking-rules.sh - the rules of ftlc breaking are listed alike, with the same
# categories, by the engine (--summary, made from src/realm/breaking_rules.c),
# by --help (src/cli/commands.c) and by the table of man/ftlc-breaking.1.
# Environment: FTLC (the binary), SRCDIR (the source tree).
set -u
FTLC=${FTLC:?FTLC is not set}
SRCDIR=${SRCDIR:?SRCDIR is not set}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-rules.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

printf 'module m {\n}\n' >"$tmp/m.ftl"
"$FTLC" breaking --summary --against "$tmp/m.ftl" "$tmp/m.ftl" |
    awk '$1 != "total" { print $1, $2 }' | sort >"$tmp/engine"
"$FTLC" breaking --help | sed -n '/^rules /,/^$/p' |
    grep -o '[A-Z_]* ([A-Z/]*)' | tr -d '()' | sort >"$tmp/help"
awk '/^\.TS/ { on = 1; next } /^\.TE/ { on = 0 } on && /^[A-Z_]+\t/ && $1 != "RULE" { print $1, $2 }' \
    "$SRCDIR/man/ftlc-breaking.1" | sort >"$tmp/man"

fails=0
[ "$(wc -l <"$tmp/engine")" -eq 17 ] || { echo "FAIL: --summary lists $(wc -l <"$tmp/engine") rules, not 17"; fails=1; }
for other in help man; do
    if cmp -s "$tmp/engine" "$tmp/$other"; then
        echo "ok: the rules of $other are the engine's"
    else
        echo "FAIL: the rules of $other differ from the engine's (< engine, > $other)"
        diff "$tmp/engine" "$tmp/$other" | grep '^[<>]' | sed 's/^/  /'
        fails=1
    fi
done
[ "$fails" -eq 0 ]
