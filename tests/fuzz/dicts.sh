#!/bin/sh
# dicts.sh - every libFuzzer dictionary fuzz.sh makes is non-empty and in
# libFuzzer's syntax (one "quoted" entry per line, optionally name="...", with
# the escapes \\, \" and \xAB only), so that `make fuzz` can pass each as -dict=
# (libFuzzer refuses an empty or malformed one). The binpb dictionary holds the
# field keys of Schema's fields, e.g. "\x12" (Schema.realms: field 2, length-delimited).
set -u
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-dicts.XXXXXX") || exit 2
trap 'rm -rf "$scratch"' EXIT INT TERM
srcdir=$(cd "$here/../.." && pwd) builddir=$scratch sh "$here/fuzz.sh" dicts || exit 1
fail=0
for t in schema textproto json binpb toml descset; do
    d=$scratch/tests/fuzz/out/dict/$t.dict
    if [ ! -s "$d" ]; then
        echo "FAIL: $t.dict is empty or missing"; fail=$((fail + 1)); continue
    fi
    bad=$(grep -v '^#' "$d" | grep -v '^[ 	]*$' |
        grep -cv '^\([A-Za-z0-9_]*=\)\{0,1\}"\([^"\\]\|\\\\\|\\"\|\\x[0-9A-Fa-f][0-9A-Fa-f]\)*"[ 	]*$')
    if [ "$bad" -ne 0 ]; then
        echo "FAIL: $t.dict has $bad lines libFuzzer cannot read"; fail=$((fail + 1))
    else
        echo "ok: $t.dict ($(grep -c '"' "$d") entries)"
    fi
done
grep -qx '"\\x0A"' "$scratch/tests/fuzz/out/dict/descset.dict" ||
    { echo "FAIL: descset.dict lacks the key of FileDescriptorSet.file (field 1, wire type 2)"; fail=$((fail + 1)); }
grep -qx '"\\x12"' "$scratch/tests/fuzz/out/dict/binpb.dict" ||
    { echo "FAIL: binpb.dict lacks the key of Schema.realms (field 2, wire type 2)"; fail=$((fail + 1)); }
echo "dicts: $fail failed"
[ "$fail" -eq 0 ]
