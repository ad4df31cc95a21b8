#!/bin/sh
# grpc-story.sh - section 4 of examples/README.md, start to finish: the shipping
# realm's public schema, imported from its .proto file and (with Node.js) from
# its running gRPC server through server reflection, is the committed file; it
# is published as a git repository, the shop pins it next to the bank, and the
# shop's delivery module, which calls the shipping realm, checks. Works offline,
# in a temporary folder; the server part is left out (with a message) without
# node and the npm packages.
#
# usage: examples/grpc-story.sh   (FTLC: the ftlc to run, default ../ftlc;
#        NODE_PATH: where @grpc/grpc-js, proto-loader and reflection are, default
#        examples/grpc/node_modules as 'npm install' there makes it; under make
#        check, what tests/grpc/setup.sh installs into GRPC_NODE_DIR)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
export FTLC
work=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-grpc-story.XXXXXX")
server=
trap '[ -z "$server" ] || kill "$server" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
step() { printf '\n== %s\n' "$*"; }
proto=acme/shipping/v1/shipping.proto

step "shipping: the committed public schema is what ftlc import proto writes"
(cd "$here/grpc" && "$FTLC" import proto -q -I proto --check ftl-external-schema.txtpb "$proto")

step "shipping: the same from the running gRPC service (server reflection)"
NODE=${NODE:-$(command -v node || command -v nodejs || true)}
NODE_PATH=${NODE_PATH:-$here/grpc/node_modules}
# make check gives the folder where the tests install the packages (GRPC_NODE_DIR).
if [ ! -d "$NODE_PATH/@grpc/reflection" ] && [ -n "${GRPC_NODE_DIR:-}" ]; then
    NODE_PATH=$("$here/../tests/grpc/setup.sh" "$GRPC_NODE_DIR" 2>/dev/null) || NODE_PATH=
fi
export NODE_PATH
if [ -n "$NODE" ] && [ -d "$NODE_PATH/@grpc/reflection" ] && command -v protoc >/dev/null; then
    (cd "$here/grpc" && protoc -I proto --include_imports --include_source_info \
        -o "$work/shipping.pb" "$proto")
    mkfifo "$work/stdin"
    "$NODE" "$here/grpc/server.js" --port 0 --descriptor-set "$work/shipping.pb" \
        <"$work/stdin" >"$work/server.out" &
    server=$!
    exec 8>"$work/stdin"
    port=
    for _ in $(seq 1 100); do
        port=$(sed -n 's/^listening on //p' "$work/server.out")
        [ -n "$port" ] && break
        sleep 0.1
    done
    (cd "$here/grpc" && no_grpc_proxy=127.0.0.1 "$FTLC" import grpc -q --plaintext \
        --check ftl-external-schema.txtpb "127.0.0.1:$port")
else
    echo "skipped: needs node, protoc and 'npm install' in examples/grpc"
fi

step "shipping: publish it as a git repository"
repo=$work/shipping-realm
mkdir -p "$repo"
cp -R "$here/grpc/ftl-project.toml" "$here/grpc/ftl-external-schema.txtpb" "$here/grpc/proto" "$repo/"
git -C "$repo" init -q && git -C "$repo" symbolic-ref HEAD refs/heads/main && git -C "$repo" add .
GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
    git -C "$repo" -c user.name="ftlc examples" -c user.email="examples@ftlc.invalid" \
    -c commit.gpgsign=false commit -q -m "shipping realm: imported from acme.shipping.v1"

step "shop: pin the bank and the shipping realm"
bank=$("$here/make-bank-repo.sh" "$work/bank-realm")
cp -R "$here/shop" "$work/shop"
cd "$work/shop"
"$FTLC" realm add --git-repo "$bank" --git-branch main
"$FTLC" realm add --git-repo "$repo" --git-branch main

step "shop: check the delivery module, which calls the shipping realm"
"$FTLC" check -W error shop.ftl delivery.ftl

step "shop: the clients of the shipping verbs"
"$FTLC" clients --lang go,python shop.ftl delivery.ftl | grep -E '^(REALM|shipping)|ENDPOINT|realm-endpoint'
