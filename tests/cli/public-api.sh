#!/bin/sh
# public-api.sh - the ftlc command and its language server are built on the
# public API (include/ftlc.h) alone (issue 12: a thin program over libftlc).
#
#   - with the include path src/cli and src/lsp are compiled with (CLI_CPPFLAGS,
#     LSP_CPPFLAGS from Makefile.am), a private header of the library cannot be
#     included, and ftlc.h can;
#   - every #include "..." of src/cli and src/lsp names ftlc.h or a header of
#     its own folder (src/cli may include the language server's lsp.h): no
#     path around the include path ("../base/diag.h").
# There is no exception: ftlc import runs through ftl_session_import too.
# Environment: SRCDIR, CC, CLI_CPPFLAGS, LSP_CPPFLAGS (run from the build tree).
set -u
SRCDIR=${SRCDIR:?SRCDIR is not set}
CC=${CC:-cc}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-api.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
fails=0

# probe NAME FLAGS HEADER: whether a file including HEADER compiles with FLAGS.
probe() {
    printf '#include "%s"\nint probe(void);\n' "$3" >"$tmp/probe.c"
    # shellcheck disable=SC2086 # FLAGS are words
    $CC $2 -fsyntax-only "$tmp/probe.c" 2>"$tmp/err"
}
for side in CLI LSP; do
    eval "flags=\${${side}_CPPFLAGS:?${side}_CPPFLAGS is not set}"
    if ! probe "$side" "$flags" ftlc.h; then
        echo "FAIL: $side: ftlc.h cannot be included with $flags"; cat "$tmp/err"; fails=1
    fi
    for private in base/diag.h check/schema.h session/session_int.h src/base/diag.h config.h; do
        if probe "$side" "$flags" "$private"; then
            echo "FAIL: $side: the private header $private can be included with $flags"; fails=1
        fi
    done
done

for dir in cli lsp; do
    for f in "$SRCDIR/src/$dir"/*.c "$SRCDIR/src/$dir"/*.h; do
        sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f" |
            while read -r h; do
                [ "$h" = ftlc.h ] && continue
                [ "$dir" = cli ] && [ "$h" = lsp.h ] && continue
                case $h in */*) ;; *) [ -f "$SRCDIR/src/$dir/$h" ] && continue ;; esac
                echo "FAIL: src/$dir/$(basename "$f") includes \"$h\": not ftlc.h nor a header of src/$dir"
            done
    done
done >"$tmp/includes"
[ -s "$tmp/includes" ] && { cat "$tmp/includes"; fails=1; }

[ "$fails" -eq 0 ] && echo "ok: src/cli and src/lsp include ftlc.h and their own headers only"
exit "$fails"
