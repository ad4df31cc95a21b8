#!/bin/sh
# Many small CLI cases in one readable file: every tests/cases/*.test holds
# cases of one theme, each in this form (jq's tests/jq.test and re2c's tests,
# whose first line is their command, are the models):
#
#   === NAME                 what the case checks, in its name
#   # comment lines          why (optional)
#   $ ftlc ARGS              the command, split on spaces (no quoting)
#   --- FILE                 an input file (any number): the lines that follow
#   --- stdout               expected standard output (missing: empty)
#   --- stderr               expected standard error (missing: empty)
#   --- exit                 expected exit status, on the next line (missing: 0)
#
# A section runs to the next "--- " or "=== " line; every line of it ends with
# a line feed. Each case is run as a golden case (tests/golden/run.sh) in a
# scratch folder. UPDATE_GOLDEN=1 rewrites the expected sections from the
# actual results (review the diff). Arguments: .test files (default: all).
# Environment: FTLC (the binary); CASES_DIR (this folder).
set -u
here=$(cd "$(dirname "$0")" && pwd)
CASES_DIR=${CASES_DIR:-$here}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-cases.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM

# Writes the cases of $1 as golden folders under $2, and under $2/.meta the
# order of the cases, each one's comment and the names of its files.
split_cases() {
    awk -v out="$2" '
        function close_section() { if (dest != "") close(dest); dest = "" }
        /^=== / {
            close_section(); name = substr($0, 5)
            if (name in seen) { print "duplicate case " name > "/dev/stderr"; bad = 1 }
            seen[name] = 1
            system("mkdir -p \"" out "/" name "\"")
            print name >> (out "/.meta/order"); next
        }
        name == "" { next }
        /^\$ ftlc / && dest == "" { print substr($0, 8) > (out "/" name "/cmd"); close(out "/" name "/cmd"); next }
        /^# / && dest == "" { print >> (out "/.meta/" name ".comment"); next }
        /^--- / {
            close_section(); section = substr($0, 5)
            if (section == "stdout" || section == "stderr" || section == "exit") {
                dest = out "/" name "/expected." section
            } else {
                print section >> (out "/.meta/" name ".files")
                n = split(section, parts, "/"); dir = out "/" name
                for (i = 1; i < n; i++) { dir = dir "/" parts[i]; system("mkdir -p \"" dir "\"") }
                dest = out "/" name "/" section
            }
            printf "" > dest; next
        }
        dest != "" { print > dest; next }
        { print "line outside a section in case " name ": " $0 > "/dev/stderr"; bad = 1 }
        END { close_section(); exit bad }
    ' "$1"
}

# Writes the .test text of the cases under $1 (after an update).
join_cases() {
    while IFS= read -r name; do
        d=$1/$name
        echo "=== $name"
        [ -f "$1/.meta/$name.comment" ] && cat "$1/.meta/$name.comment"
        echo "\$ ftlc $(cat "$d/cmd")"
        if [ -f "$1/.meta/$name.files" ]; then
            while IFS= read -r f; do
                echo "--- $f"
                cat "$d/$f"
            done <"$1/.meta/$name.files"
        fi
        for s in stdout stderr exit; do
            [ -f "$d/expected.$s" ] || continue
            echo "--- $s"
            cat "$d/expected.$s"
        done
    done <"$1/.meta/order"
}

status=0
[ $# -gt 0 ] || set -- "$CASES_DIR"/*.test
for file in "$@"; do
    dir=$scratch/$(basename "$file" .test)
    mkdir -p "$dir/.meta"
    if ! split_cases "$file" "$dir"; then
        echo "$file: malformed"
        status=1
        continue
    fi
    echo "== $(basename "$file")"
    # shellcheck disable=SC2046 # case names have no blanks
    GOLDEN_DIR=$dir "$here/../golden/run.sh" $(cat "$dir/.meta/order") || status=1
    if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
        join_cases "$dir" >"$dir/.new" && cp "$dir/.new" "$file"
    fi
done
exit $status
