#!/bin/sh
# ftlc import proto on every .proto file Debian ships: libprotobuf-dev's
# google/protobuf (under /usr/include) and grpc-proto's grpc (GRPC_PROTO_DIR,
# /usr/share/grpc-proto). Each one imports, and the realm it gives passes
# ftlc check, as FTL text and as the protobuf text format other realms pin.
# A file that protoc itself cannot compile with what is installed (it imports
# googleapis or envoy protos, which no Debian package ships) is listed and left
# out. Skips (77) without protoc or without either folder.
. "$(dirname "$0")/lib.sh"

PROTOC=${PROTOC:-$(command -v protoc || true)}
[ -n "$PROTOC" ] || { echo "protoc is not installed: skipping" >&2; exit 77; }
GRPC_PROTO_DIR=${GRPC_PROTO_DIR:-/usr/share/grpc-proto}
roots=
[ -d /usr/include/google/protobuf ] && roots="/usr/include:google/protobuf"
[ -d "$GRPC_PROTO_DIR/grpc" ] && roots="$roots $GRPC_PROTO_DIR:grpc"
[ -n "$roots" ] || { echo "no packaged .proto files: skipping" >&2; exit 77; }

n=0
for root in $roots; do
    dir=${root%%:*}
    for f in $(cd "$dir" && find "${root#*:}" -name '*.proto' | LC_ALL=C sort); do
        if ! "$PROTOC" -I "$dir" -o /dev/null "$dir/$f" 2>/dev/null; then
            echo "left out (protoc cannot compile it with the installed files): $dir/$f"
            continue
        fi
        n=$((n + 1))
        out=$S/$n
        run import proto -q -I "$dir" --realm packaged --format ftl -o "$out.ftl" "$dir/$f"
        t "$f imports" code_is 0
        run check -q "$out.ftl"
        t "$f: the realm (FTL text) passes check" code_is 0
        run import proto -q -I "$dir" --realm packaged -o "$out.txtpb" "$dir/$f"
        t "$f imports as the protobuf text format" code_is 0
        run check -q --external-realm "packaged=$out.txtpb"
        t "$f: the public schema passes check" code_is 0
    done
done
t "there were .proto files to import" [ "$n" -gt 0 ]
finish
