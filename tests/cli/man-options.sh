#!/bin/sh
# man-options.sh - every option a command's --help lists is documented in the
# OPTIONS section of its man page, and the page documents no other.
#
# --help is made from the option table of src/cli/commands.c; the man pages are
# written by hand, so this is what keeps them from drifting apart. For `ftlc
# realm` and `ftlc import` the options of all their commands are compared with
# ftlc-realm(1) and ftlc-import(1). And every man page is named where a
# reader looks for the others: ftlc(1)'s SEE ALSO and the end of ftlc help.
# Environment: FTLC (the binary), SRCDIR (the source tree).
set -u
FTLC=${FTLC:?FTLC is not set}
SRCDIR=${SRCDIR:?SRCDIR is not set}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-man.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# The option names in help text: -X and --name in each option's signature (the
# part before the description column, or a line of its own).
help_options() {
    sed -n 's/^  \(-[A-Za-z]\)\(, --[a-z-]*\)\{0,1\}.*/\1\2/p; s/^      \(--[a-z-]*\).*/\1/p' |
        tr ',' '\n' | tr -d ' ' | grep -v '^$' | sort -u
}

# The option names of a man page's OPTIONS section: in the line after each .TP,
# every \-X and \-\-name.
man_options() {
    awk '/^\.SH OPTIONS/ { on = 1; next } /^\.SH/ { on = 0 } on && /^\.TP/ { getline; print }' "$1" |
        grep '^\.B[IR]* \\-' | sed 's/^\.B[IR]* //; s/"//g; s/\\f[BIRP]/ /g' |
        grep -o '\(^\|[ ,]\)\\-\\-[a-z]*\(\\-[a-z]*\)*\|\(^\|[ ,]\)\\-[A-Za-z]' |
        sed 's/[ ,\\]//g' | grep -v '^--$' | sort -u
}

fails=0
for cmd in $("$FTLC" help | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
    case $cmd in help) continue ;; esac
    page=$SRCDIR/man/ftlc-$cmd.1
    if [ "$cmd" = realm ] || [ "$cmd" = import ]; then
        for sub in $("$FTLC" help "$cmd" | sed -n '/^commands:/,/^$/s/^  \([a-z]*\) .*/\1/p'); do
            "$FTLC" "$cmd" "$sub" --help
        done
    else
        "$FTLC" "$cmd" --help
    fi | help_options >"$tmp/help"
    [ -s "$tmp/help" ] || continue # no options (version)
    if [ ! -f "$page" ]; then
        echo "FAIL: $cmd: no man page $page"
        fails=$((fails + 1))
        continue
    fi
    man_options "$page" >"$tmp/man"
    if ! cmp -s "$tmp/help" "$tmp/man"; then
        echo "FAIL: ftlc $cmd --help and man/ftlc-$cmd.1 list different options"
        echo "  (< only in --help, > only in the man page)"
        diff "$tmp/help" "$tmp/man" | grep '^[<>]' | sed 's/^/  /'
        fails=$((fails + 1))
    else
        echo "ok: $cmd ($(wc -l <"$tmp/help") options)"
    fi
done
# Every page is reachable: ftlc(1)'s SEE ALSO names every other page, and
# ftlc help's closing lines every page of a command-line user (all but libftlc(3)).
"$FTLC" help | sed -n '/^See /,$p' | tr '\n' ' ' >"$tmp/see-help"
sed -n '/^\.SH SEE ALSO/,/^\.SH/p' "$SRCDIR/man/ftlc.1" | sed 's/\\-/-/g' >"$tmp/see-man"
for f in "$SRCDIR"/man/*.[1-9]; do
    base=${f##*/}
    name=${base%.*} section=${base##*.}
    [ "$base" = ftlc.1 ] && continue
    if ! grep -qF ".BR $name ($section)" "$tmp/see-man"; then
        echo "FAIL: ftlc(1) SEE ALSO does not name $name($section)"
        fails=$((fails + 1))
    fi
    [ "$base" = libftlc.3 ] && continue
    if ! grep -qF "$name($section)" "$tmp/see-help"; then
        echo "FAIL: ftlc help does not name $name($section)"
        fails=$((fails + 1))
    fi
done
[ "$fails" -eq 0 ]
