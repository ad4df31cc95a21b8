#!/bin/sh
# ftlc import grpc against real gRPC servers (tests/grpc/server.js: @grpc/grpc-js
# and @grpc/reflection on loopback ports), next to ftlc import proto on the same
# files:
#   - a server whose reflection serves protoc's own descriptors (with source
#     info): import grpc prints byte for byte what import proto prints, in every
#     format, and the same --mapping-out;
#   - a server with the stock descriptors that protobufjs rebuilds (no comments,
#     json_name or proto3_optional, relative names): the same schema but for the
#     comments, and a note saying what the server left out;
#   - a server that offers reflection as v1alpha only and the health service:
#     the same schema as through v1, health left out unless named (--service);
#   - the two-realm story: the gRPC realm published as a git repository, pinned
#     with ftlc realm add by a consumer whose verb +calls an imported verb @acme,
#     checked, and its clients listed;
#   - failures that write nothing: no server, no reflection, a timeout, TLS,
#     a missing header, a streaming-only service, a proto protoc rejects.
# Skips (77) without node, npm, the npm packages or protoc.
. "$(dirname "$0")/lib.sh"

GRPC_SRC=$E2E_DIR/../grpc
NODE=${NODE:-$(command -v node || command -v nodejs || true)}
modules=$(NODE=$NODE "$GRPC_SRC/setup.sh" "${GRPC_NODE_DIR:-$S/node}")
case $? in 0) ;; 77) exit 77 ;; *) exit 2 ;; esac
NODE_PATH=$modules
export NODE_PATH
PROTOC=${PROTOC:-$(command -v protoc || true)}
[ -n "$PROTOC" ] || { echo "protoc is not installed: skipping" >&2; exit 77; }
# The servers are on the loopback interface: never through a proxy gRPC would
# otherwise take from http_proxy (gRPC's C core reads no_grpc_proxy).
no_grpc_proxy=127.0.0.1,localhost
export no_grpc_proxy

# Servers read standard input from a FIFO this script holds open: they stop when
# it exits, however it exits; the trap also stops them at once.
pids=
mkfifo "$S/keep" || exit 2
trap 'kill $pids 2>/dev/null; rm -rf "$S"' EXIT INT TERM

start_server() { # NAME ARGS...: starts server.js in the background
    name=$1
    shift
    (cd "$GRPC_SRC/proto" && exec "$NODE" "$GRPC_SRC/server.js" --proto-path . "$@") \
        <"$S/keep" >"$S/$name.out" 2>"$S/$name.log" &
    pids="$pids $!"
}

port_of() { # NAME: waits until server NAME listens; prints its port
    for _ in $(seq 1 300); do
        p=$(sed -n 's/^listening on //p' "$S/$1.out")
        [ -n "$p" ] && echo "$p" && return 0
        sleep 0.1
    done
    echo "server $1 did not start:" >&2
    cat "$S/$1.log" >&2
    exit 2
}

protos="acme/billing/v1/billing.proto acme/ledger/v1/ledger.proto acme/feed/v1/feed.proto"
(cd "$GRPC_SRC/proto" && "$PROTOC" --include_imports --include_source_info -o "$S/acme.pb" \
    $protos) || exit 2

# Every server starts now, in parallel (Node takes a while to start).
tls=
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost \
        -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
        -keyout "$S/key.pem" -out "$S/cert.pem" >/dev/null 2>&1; then
    tls=1
    start_server tls --tls "$S/cert.pem" "$S/key.pem" --descriptor-set "$S/acme.pb" $protos
fi
start_server protoc --descriptor-set "$S/acme.pb" $protos
start_server stock $protos
start_server bare --no-reflection $protos
# Reflection as grpc.reflection.v1alpha only, and the health service beside
# the services (grpc-proto's health.proto, from GRPC_PROTO_DIR).
health_dir=${GRPC_PROTO_DIR:-/usr/share/grpc-proto}
if [ -f "$health_dir/grpc/health/v1/health.proto" ]; then
    start_server old --reflection-v1alpha --proto-path "$health_dir" $protos grpc/health/v1/health.proto
else
    health_dir=
fi
start_server silent --silent
start_server guarded --require-header "authorization: Bearer s3cret" --descriptor-set "$S/acme.pb" \
    $protos
exec 8>"$S/keep"
protoc_port=$(port_of protoc) || exit 2
stock_port=$(port_of stock) || exit 2

# --- import proto, then import grpc from the server with protoc's descriptors ----------
cd "$GRPC_SRC/proto" || exit 2
for f in txtpb json binpb ftl; do
    run import proto --realm acme --format "$f" -o "$S/proto.$f" --mapping-out "$S/proto-$f.json" $protos
    t "import proto --format $f exits 0" code_is 0
    run import grpc --plaintext --realm acme --format "$f" -o "$S/grpc.$f" \
        --mapping-out "$S/grpc-$f.json" "127.0.0.1:$protoc_port"
    t "import grpc --format $f exits 0" code_is 0
    t "import grpc --format $f is import proto's, byte for byte" same_file "$S/proto.$f" "$S/grpc.$f"
    t "the --mapping-out of both is the same ($f)" same_file "$S/proto-$f.json" "$S/grpc-$f.json"
done
cp "$S/proto.txtpb" "$S/expected.txtpb"
t "the streaming RPCs are named in warnings" \
    err_has "warning[W0620]: RPC '/acme.ledger.v1.Ledger/TailEntries' is bidirectional streaming"
t "the uint64 range is warned about" err_has "warning[W0621]: field 'acme.billing.v1.Payment.processor_ref'"
t "protoc's descriptors leave nothing to note" sh -c "! grep -q I0626 '$S/err'"
t "comments came through reflection" grep -q 'Creates an invoice in the draft state.' "$S/grpc.ftl"
t "the mapping names the gRPC method" grep -q '"method": "/acme.billing.v1.Billing/CreateInvoice"' \
    "$S/grpc-txtpb.json"
cd "$S" || exit 2
run check -W error grpc.ftl
t "the imported realm passes ftlc check" code_is 0
run import grpc --plaintext --realm acme --check "$S/expected.txtpb" "127.0.0.1:$protoc_port"
t "import grpc --check on a fresh file exits 0" code_is 0
t "... and says it is up to date" out_has "is up to date"

# --- the stock protobufjs descriptors ----------------------------------------------------------
run import grpc --plaintext --realm acme --format ftl -o "$S/stock.ftl" "127.0.0.1:$stock_port"
t "import grpc of the stock server exits 0" code_is 0
t "a note says what the server did not provide" \
    err_has "note[I0626]: the server did not provide comments (no source info), JSON names"
grep -v '^ *//' "$S/proto.ftl" | grep -v '^$' >"$S/proto-bare.ftl"
grep -v '^ *//' "$S/stock.ftl" | grep -v '^$' >"$S/stock-bare.ftl"
t "the stock server's realm is import proto's but for the comments" \
    same_file "$S/proto-bare.ftl" "$S/stock-bare.ftl"
t "proto3 optional fields stay optional without proto3_optional" grep -q 'note String?' "$S/stock.ftl"

# --- a server with reflection v1alpha only, and the health service ---------------------------
if [ -n "$health_dir" ]; then
    old_port=$(port_of old) || exit 2
    run import grpc --plaintext --realm acme --format ftl -o "$S/old.ftl" "127.0.0.1:$old_port"
    t "import grpc of a server with v1alpha reflection only exits 0" code_is 0
    t "... the same realm as through v1 (grpc.health.v1.Health left out)" \
        same_file "$S/stock.ftl" "$S/old.ftl"
    run import grpc --plaintext --realm acme --format ftl -o "$S/health.ftl" \
        --service grpc.health.v1.Health "127.0.0.1:$old_port"
    t "--service grpc.health.v1.Health imports the health service when asked" code_is 0
    t "... its verb check" grep -q 'verb check(' "$S/health.ftl"
else
    echo "no grpc/health/v1/health.proto in GRPC_PROTO_DIR: the v1alpha and health cases skipped"
fi

# --- the two-realm story ---------------------------------------------------------------------
mkdir -p "$S/acme-realm"
git init -q "$S/acme-realm" && git -C "$S/acme-realm" symbolic-ref HEAD refs/heads/main
printf 'name = "acme"\n' >"$S/acme-realm/ftl-project.toml"
cd "$S/acme-realm" || exit 2
run import grpc --plaintext "127.0.0.1:$protoc_port"
t "import grpc takes the realm's name from ftl-project.toml" code_is 0
t "... and writes ftl-external-schema.txtpb" same_file ftl-external-schema.txtpb "$S/expected.txtpb"
t "the public schema begins with the import header" \
    is "$(head -n 1 ftl-external-schema.txtpb)" "# Code generated by ftlc import. DO NOT EDIT."
git_commit "$S/acme-realm" "acme realm: imported from gRPC" || exit 2

mkdir -p "$S/shop"
printf 'name = "shop"\n' >"$S/shop/ftl-project.toml"
cat >"$S/shop/shop.ftl" <<'EOF'
realm shop {
  module checkout {
    export realm data Order {
      id String
      customer String
    }

    export realm verb place(checkout.Order) Unit
      +calls checkout.bill

    verb bill(billing.CreateInvoiceRequest@acme) billing.Invoice@acme
      +calls billing.createInvoice@acme
  }
}
EOF
cd "$S/shop" || exit 2
run realm add --git-repo "$S/acme-realm" --git-branch main
t "realm add pins the gRPC realm" code_is 0
t "realm add names it" out_has "added realm acme"
run check -W error shop.ftl
t "a verb that +calls billing.createInvoice@acme checks" code_is 0
run clients --lang go,python shop.ftl
t "clients exits 0" code_is 0
t "clients lists the imported verb for go" out_has "ftl/acme/billing"
t "clients lists its Go client" out_has "CreateInvoiceClient"
t "clients lists the realm's endpoint key" out_has "acme-realm-endpoint"
sed 's/billing.createInvoice@acme/billing.nope@acme/' shop.ftl >bad.ftl
run check bad.ftl
t "a call to a verb the gRPC realm does not have is an error" code_is 1

# --- failures: exit 1, nothing written ---------------------------------------------------------
cd "$S" || exit 2
run import grpc --plaintext --realm acme -o "$S/none.txtpb" 127.0.0.1:1
t "no server: exit 1" code_is 1
t "no server: E0630" err_has "error[E0630]: cannot reach gRPC server 127.0.0.1:1"
t "no server: nothing written" missing "$S/none.txtpb"

port=$(port_of bare) || exit 2
run import grpc --plaintext --realm acme -o "$S/none.txtpb" "127.0.0.1:$port"
t "no reflection: exit 1" code_is 1
t "no reflection: E0631" err_has "does not offer server reflection"
t "no reflection: nothing written" missing "$S/none.txtpb"
# The server ends the call as soon as it sees the method (trailers-only): when
# that beats the client's first message, the send fails, and a client that then
# stopped reading never saw the status and waited for its deadline (E0633, one
# run in seven). Twenty runs, each E0631 at once.
unimpl=0
for _ in $(seq 1 20); do
    run import grpc --plaintext --timeout 5 --realm acme -o "$S/none.txtpb" "127.0.0.1:$port"
    err_has "does not offer server reflection" && unimpl=$((unimpl + 1))
done
t "no reflection, 20 runs: E0631 every time (not a timeout)" [ "$unimpl" -eq 20 ]

port=$(port_of silent) || exit 2
run import grpc --plaintext --timeout 1 --realm acme -o "$S/none.txtpb" "127.0.0.1:$port"
t "a server that never answers: exit 1" code_is 1
t "a server that never answers: E0633" err_has "did not answer within 1 s"
t "timeout: nothing written" missing "$S/none.txtpb"

port=$(port_of guarded) || exit 2
run import grpc --plaintext --realm acme -o "$S/none.txtpb" "127.0.0.1:$port"
t "a missing header: exit 1" code_is 1
t "a missing header: the server's status" err_has "UNAUTHENTICATED: header authorization required"
run import grpc --plaintext --realm acme --header "Authorization: Bearer s3cret" \
    -o "$S/guarded.txtpb" --service acme.billing.v1.Billing --service acme.billing.v1.Payments \
    --service acme.ledger.v1.Ledger \
    --service acme.feed.v1.Feed "127.0.0.1:$port"
t "--header is sent with the call" code_is 0
t "... and the services given are imported" same_file "$S/guarded.txtpb" "$S/expected.txtpb"

run import grpc --plaintext --realm acme -o "$S/none.txtpb" --service acme.feed.v1.Feed \
    "127.0.0.1:$protoc_port"
t "a streaming-only service: exit 1" code_is 1
t "a streaming-only service: E0625" err_has "error[E0625]: nothing to import: every RPC of the service is streaming"
t "a streaming-only service: nothing written" missing "$S/none.txtpb"

if [ -n "$tls" ]; then
    port=$(port_of tls) || exit 2
    run import grpc --realm acme -o "$S/none.txtpb" "127.0.0.1:$port"
    t "TLS with a certificate the system does not trust: exit 1" code_is 1
    t "TLS failure: E0632" err_has "error[E0632]: TLS with gRPC server 127.0.0.1:$port failed"
    t "TLS failure: nothing written" missing "$S/none.txtpb"
    run import grpc --realm acme --cacert "$S/cert.pem" -o "$S/tls.txtpb" "127.0.0.1:$port"
    t "TLS with --cacert: exit 0" code_is 0
    t "TLS with --cacert: import proto's output" same_file "$S/tls.txtpb" "$S/expected.txtpb"
fi

printf 'syntax = "proto3";\npackage x;\nmessage A {\n  int32 a = 1\n  Missing m = 2;\n}\n' >"$S/bad.proto"
run import proto --realm acme -o "$S/none.txtpb" bad.proto
t "a proto protoc rejects: exit 1" code_is 1
t "protoc's message is a diagnostic at its place" err_has 'bad.proto:5:3: error[E0620]: protoc: Expected ";".'
t "protoc's rejection: nothing written" missing "$S/none.txtpb"

finish
