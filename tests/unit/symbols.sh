#!/bin/sh
# symbols.sh - the installed library exports the API of include/ftlc.h and
# nothing else, and never prints to standard output or exits the program.
#
#   - every symbol libftlc.so defines is ftl_*, and every ftl_ function that
#     include/ftlc.h declares (FTL_API) is defined;
#   - it imports no exit, abort, printf, vprintf, puts, putchar or perror
#     (output to a caller's stream, fwrite and fputs on a FILE it is given, is
#     fine; _exit appears only in the child process git.c forks).
# Environment: LIBFTLC (the .so; default .libs/libftlc.so), SRCDIR (for the header).
set -u
lib=${LIBFTLC:-.libs/libftlc.so}
hdr=${SRCDIR:-.}/include/ftlc.h
command -v nm >/dev/null 2>&1 || { echo "SKIP: no nm"; exit 77; }
[ -f "$lib" ] || { echo "SKIP: $lib not built (--disable-shared?)"; exit 77; }
fail=0

defined=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBRVW]$/ {print $3}' | sort)
others=$(printf '%s\n' "$defined" | grep -v '^ftl_' | grep -v '^$' |
    grep -v -x -e _init -e _fini -e _edata -e _end -e __bss_start)
if [ -n "$others" ]; then
    echo "FAIL: libftlc.so exports symbols outside the API:"
    printf '  %s\n' $others
    fail=1
fi

# Every FTL_API function of the header is exported.
declared=$(sed -n 's/^FTL_API [^(]*[ *]\(ftl_[a-z0-9_]*\)(.*/\1/p' "$hdr" | sort -u)
[ -n "$declared" ] || { echo "FAIL: no FTL_API declarations found in $hdr"; fail=1; }
for f in $declared; do
    printf '%s\n' "$defined" | grep -q -x "$f" || { echo "FAIL: $f is declared but not exported"; fail=1; }
done

undefined=$(nm -D --undefined-only "$lib" | awk '{print $NF}' | sed 's/@.*//' | sort -u)
for f in exit abort printf vprintf puts putchar perror; do
    printf '%s\n' "$undefined" | grep -q -x "$f" && { echo "FAIL: libftlc.so imports $f"; fail=1; }
done

n=$(printf '%s\n' "$declared" | wc -l)
[ "$fail" -eq 0 ] && echo "symbols: $n API functions exported, nothing else; no exit or printing"
exit "$fail"
