#!/bin/sh
# protoc_compat.sh - our text format and JSON codecs against protoc, byte for byte.
#
# For every tests/unit/tp_samples/*.txtpb (first lines: "# type: FULL.NAME", optionally
# "# decode-as: OTHER.NAME" and "# expect: error"):
#   B   = protoc --encode=TYPE < sample
#   REF = protoc --decode=TYPE < B
#   1. tp_tool decode TYPE < B                      must equal REF (our writer)
#   2. protoc --decode < (tp_tool encode < sample)  must equal REF (our reader)
#   3. tp_tool decode < (tp_tool encode < REF)      must equal REF (text round trip)
#   4. tp_tool decode < (tp_tool json-encode < (tp_tool json-decode < B))
#                                                   must equal REF (JSON round trip)
#   5. tp_tool encode < sample                      must equal B byte for byte, unless the
#      sample says "# bytes: differ" (protobuf-c leaves default keys and values out of
#      map entries, protoc writes them)
# With decode-as, only 1 runs (every field is unknown to the decoding type). With
# expect: error, protoc and tp_tool encode must both reject the sample.
#
# Environment: PROTOC (default: protoc), TP_TOOL (default: ./tests/unit/tp_tool),
# srcdir (set by automake's test driver; default: .). Exit 77 (skip) without protoc.

PROTOC=${PROTOC:-protoc}
TP_TOOL=${TP_TOOL:-./tests/unit/tp_tool}
srcdir=${srcdir:-.}
samples=$srcdir/tests/unit/tp_samples

if ! command -v "$PROTOC" >/dev/null 2>&1; then
    echo "protoc_compat: $PROTOC not found, skipping"
    exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/protoc_compat.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT INT TERM

protos="xyz/block/ftl/schema/v1/schema.proto xyz/block/ftl/v1/language/language.proto testmsg.proto"
pc() {
    # shellcheck disable=SC2086
    "$PROTOC" -I"$srcdir/proto" -I"$srcdir/tests/unit" "$@" $protos
}

fail=0
count=0
check() { # name, reference file, candidate file, what
    if cmp -s "$2" "$3"; then
        return 0
    fi
    echo "FAIL: $1: $4 differs from protoc:"
    diff -u "$2" "$3" | head -40
    fail=1
    return 1
}

for sample in "$samples"/*.txtpb; do
    name=$(basename "$sample" .txtpb)
    type=$(sed -n 's/^# type: *//p' "$sample" | head -n 1)
    dtype=$(sed -n 's/^# decode-as: *//p' "$sample" | head -n 1)
    expect=$(sed -n 's/^# expect: *//p' "$sample" | head -n 1)
    bytes=$(sed -n 's/^# bytes: *//p' "$sample" | head -n 1)
    [ -n "$dtype" ] || dtype=$type
    count=$((count + 1))
    if [ "$expect" = error ]; then
        if pc --encode="$type" <"$sample" >/dev/null 2>&1; then
            echo "FAIL: $name: protoc accepts a sample marked 'expect: error'"
            fail=1
        fi
        if "$TP_TOOL" encode "$type" <"$sample" >/dev/null 2>"$tmp/err"; then
            echo "FAIL: $name: tp_tool accepts a sample marked 'expect: error'"
            fail=1
        else
            echo "ok: $name: rejected: $(cat "$tmp/err")"
        fi
        continue
    fi
    if ! pc --encode="$type" <"$sample" >"$tmp/b.bin"; then
        echo "FAIL: $name: protoc --encode rejects the sample"
        fail=1
        continue
    fi
    pc --decode="$dtype" <"$tmp/b.bin" >"$tmp/ref.txt" || { fail=1; continue; }
    "$TP_TOOL" decode "$dtype" <"$tmp/b.bin" >"$tmp/ours.txt"
    check "$name" "$tmp/ref.txt" "$tmp/ours.txt" "tp_tool decode" || continue
    if [ "$dtype" != "$type" ]; then
        echo "ok: $name (decode as $dtype)"
        continue
    fi
    if ! "$TP_TOOL" encode "$type" <"$sample" >"$tmp/ours.bin"; then
        echo "FAIL: $name: tp_tool encode rejects the sample"
        fail=1
        continue
    fi
    pc --decode="$type" <"$tmp/ours.bin" >"$tmp/ref2.txt"
    check "$name" "$tmp/ref.txt" "$tmp/ref2.txt" "protoc --decode of tp_tool encode" || continue
    if [ "$bytes" != differ ] && ! cmp -s "$tmp/b.bin" "$tmp/ours.bin"; then
        echo "FAIL: $name: tp_tool encode and protoc --encode give different bytes"
        fail=1
        continue
    fi
    "$TP_TOOL" encode "$type" <"$tmp/ref.txt" >"$tmp/rt.bin" &&
        "$TP_TOOL" decode "$type" <"$tmp/rt.bin" >"$tmp/rt.txt"
    check "$name" "$tmp/ref.txt" "$tmp/rt.txt" "text round trip" || continue
    "$TP_TOOL" json-decode "$type" <"$tmp/b.bin" >"$tmp/j.json" &&
        "$TP_TOOL" json-encode "$type" <"$tmp/j.json" >"$tmp/j.bin" &&
        "$TP_TOOL" decode "$type" <"$tmp/j.bin" >"$tmp/j.txt"
    check "$name" "$tmp/ref.txt" "$tmp/j.txt" "JSON round trip" || continue
    echo "ok: $name ($(wc -l <"$tmp/ref.txt") lines)"
done

if [ "$count" -eq 0 ]; then
    echo "protoc_compat: no samples in $samples"
    exit 99
fi
exit $fail
