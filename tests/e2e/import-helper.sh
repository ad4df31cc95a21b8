#!/bin/sh
# ftlc import grpc runs the reflection helper ftlc-grpc-reflect (ftlc-import(1),
# THE REFLECTION HELPER); ftlc itself links no gRPC:
#   - ldd: ftlc loads none of gRPC's libraries (nor abseil, OpenSSL, RE2, c-ares),
#     the helper does;
#   - the helper is found next to ftlc in the build tree, and through
#     FTLC_LIBEXECDIR (only there when it is set); a missing one is an error
#     (exit 2) that names where it was looked for;
#   - its interface, with stand-in helpers (scripts) in place of the real one:
#     the descriptor set it writes and the services of its report are imported
#     as import proto imports the same set, with the options passed on; its
#     diagnostics are ftlc's (exit 1); its own errors, a crash, a report
#     missing or a set that is none are errors (exit 2), nothing written; one
#     that runs past its time is stopped; SIGTERM to ftlc stops it too;
#   - the real helper: its report for an unreachable server and for bad usage.
# Skips (77) without protoc.
. "$(dirname "$0")/lib.sh"

PROTOC=${PROTOC:-$(command -v protoc || true)}
[ -n "$PROTOC" ] || { echo "protoc is not installed: skipping" >&2; exit 77; }
helper=$(dirname "$FTLC")/ftlc-grpc-reflect
unset FTLC_LIBEXECDIR
no_grpc_proxy=127.0.0.1,localhost
export no_grpc_proxy

# --- what ftlc and the helper load -------------------------------------------------------
grpc_libs='lib(grpc|gpr|absl|ssl|crypto|re2|upb|cares|address_sorting)'
if command -v ldd >/dev/null 2>&1; then
    ldd "$FTLC" >"$S/ldd-ftlc" 2>&1
    ldd "$helper" >"$S/ldd-helper" 2>&1
    t "ftlc loads none of gRPC's libraries" sh -c "! grep -Eq '$grpc_libs' '$S/ldd-ftlc'"
    t "the helper does (the check sees them)" grep -q 'libgrpc' "$S/ldd-helper"
else
    echo "no ldd: the libraries are not checked" >&2
fi

# --- the real helper ------------------------------------------------------------------------
"$helper" --plaintext 127.0.0.1:1 >"$S/out" 2>"$S/err"
code=$?
t "the helper on an unreachable server exits 1" code_is 1
t "... with E0630 in its report" err_has '{"diagnostics":[{"code":"E0630","message":"cannot reach gRPC server 127.0.0.1:1'
t "... and nothing on standard output" out_empty
"$helper" --plaintext --frobnicate 127.0.0.1:1 >"$S/out" 2>"$S/err"
code=$?
t "the helper's usage error exits 2" code_is 2
t "... reported as JSON" err_is '{"error":"unknown option '"'--frobnicate'"' (see --help)"}'
"$helper" --plaintext 127.0.0.1:99999 >"$S/out" 2>"$S/err"
code=$?
t "the helper refuses a port out of range (exit 2)" code_is 2
t "... saying why" err_is '{"error":"'"'127.0.0.1:99999'"': the port must be a number from 1 to 65535"}'
"$helper" --help >"$S/out" 2>"$S/err"
code=$?
t "the helper's --help exits 0" code_is 0
t "... and shows its usage" out_has "usage: ftlc-grpc-reflect"

# --- finding it -----------------------------------------------------------------------------
cd "$S" || exit 2
run import grpc --plaintext --realm acme -o "$S/none.txtpb" 127.0.0.1:1
t "the helper next to ftlc is run (build tree)" err_has "error[E0630]: cannot reach gRPC server 127.0.0.1:1"
mkdir -p "$S/empty"
FTLC_LIBEXECDIR=$S/empty run import grpc --plaintext --realm acme -o "$S/none.txtpb" 127.0.0.1:1
t "FTLC_LIBEXECDIR without the helper: exit 2" code_is 2
t "... naming where it looked" err_is "ftlc import grpc: error: cannot run the gRPC reflection helper $S/empty/ftlc-grpc-reflect (FTLC_LIBEXECDIR): No such file or directory"
t "... nothing written" missing "$S/none.txtpb"

# --- its interface, with stand-ins ------------------------------------------------------------
(cd "$E2E_DIR/../grpc/proto" && "$PROTOC" --include_imports --include_source_info \
    -o "$S/acme.pb" acme/billing/v1/billing.proto acme/ledger/v1/ledger.proto) || exit 2
mkdir -p "$S/fake"
cat >"$S/fake/ftlc-grpc-reflect" <<'EOF'
#!/bin/sh
printf '%s\n' "$@" >"$FAKE_DIR/args"
case $FAKE_MODE in
ok)
    cat "$FAKE_DIR/acme.pb"
    echo 'E0000 a line gRPC logged' >&2
    echo '{"services":["acme.billing.v1.Billing","acme.ledger.v1.Ledger"]}' >&2 ;;
diagnostics)
    echo '{"diagnostics":[{"code":"E0631","message":"gRPC server x:1 does not offer server reflection (grpc.reflection.v1 or v1alpha ServerReflection): not here"}]}' >&2
    exit 1 ;;
error) echo '{"error":"cannot write standard output"}' >&2; exit 2 ;;
garbage) echo 'something went wrong' >&2; exit 3 ;;
crash) kill -SEGV $$ ;;
noset) printf 'not a descriptor set'; echo '{"services":[]}' >&2 ;;
hang) echo $$ >"$FAKE_DIR/pid"; exec sleep 60 ;;
esac
EOF
chmod +x "$S/fake/ftlc-grpc-reflect"
FAKE_DIR=$S
FTLC_LIBEXECDIR=$S/fake
export FAKE_DIR FTLC_LIBEXECDIR

run import proto --realm acme --service acme.billing.v1.Billing --service acme.ledger.v1.Ledger \
    -o "$S/proto.txtpb" "$S/acme.pb"
t "import proto of the set exits 0" code_is 0
FAKE_MODE=ok run import grpc --realm acme --cacert "$S/acme.pb" --header 'X-Team: ledger' \
    --header 'authorization: Bearer t' --service acme.billing.v1.Billing \
    --service acme.ledger.v1.Ledger --timeout 7 -o "$S/grpc.txtpb" -- -odd:1
t "import grpc through a stand-in exits 0" code_is 0
t "... and imports its set as import proto does" same_file "$S/proto.txtpb" "$S/grpc.txtpb"
printf '%s\n' --cacert "$S/acme.pb" --header 'X-Team: ledger' --header 'authorization: Bearer t' \
    --service acme.billing.v1.Billing --service acme.ledger.v1.Ledger --timeout 7 -- -odd:1 \
    >"$S/args.expected"
t "... passing the options on" same_file "$S/args.expected" "$S/args"
FAKE_MODE=ok run import grpc --plaintext --realm acme -o "$S/grpc2.txtpb" x:1
t "the services of the report are those imported" same_file "$S/proto.txtpb" "$S/grpc2.txtpb"
t "--plaintext and the default timeout are passed on" \
    is "$(tr '\n' ' ' <"$S/args")" "--plaintext --timeout 30 -- x:1 "

FAKE_MODE=diagnostics run import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1
t "the helper's diagnostics: exit 1" code_is 1
t "... shown as ftlc's" err_is "error[E0631]: gRPC server x:1 does not offer server reflection (grpc.reflection.v1 or v1alpha ServerReflection): not here"
t "... nothing written" missing "$S/none.txtpb"
FAKE_MODE=diagnostics run import grpc --plaintext --realm acme --error-format json x:1
t "... also in JSON" err_has '"code": "E0631"'

FAKE_MODE=error run import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1
t "the helper's own error: exit 2" code_is 2
t "... shown" err_is "ftlc import grpc: error: ftlc-grpc-reflect: cannot write standard output"
FAKE_MODE=garbage run import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1
t "a helper that fails without a report: exit 2" code_is 2
t "... with its exit status and what it said" \
    err_is "ftlc import grpc: error: ftlc-grpc-reflect failed (exit status 3): something went wrong"
FAKE_MODE=crash run import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1
t "a helper that crashes: exit 2" code_is 2
t "... said" err_is "ftlc import grpc: error: ftlc-grpc-reflect was ended by a signal"
FAKE_MODE=noset run import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1
t "a helper whose output is no descriptor set: exit 2" code_is 2
t "... said" err_has "ftlc import grpc: error: the output of ftlc-grpc-reflect is not a descriptor set"
t "none of them wrote anything" missing "$S/none.txtpb"

# A helper past its time (--timeout and 10 s of grace) is stopped: E0633.
start=$(date +%s)
FAKE_MODE=hang run import grpc --plaintext --realm acme --timeout 1 -o "$S/none.txtpb" x:1
end=$(date +%s)
t "a helper that hangs is stopped: exit 1" code_is 1
t "... E0633" err_is "error[E0633]: gRPC server x:1 did not answer within 1 s (--timeout)"
t "... after the grace time, not its sleep" is "$((end - start < 30))" 1
t "... and is gone" sh -c "! kill -0 $(cat "$S/pid") 2>/dev/null"

# SIGTERM to ftlc while the helper runs: both end, ftlc of the signal.
rm -f "$S/pid"
FAKE_MODE=hang "$FTLC" import grpc --plaintext --realm acme -o "$S/none.txtpb" x:1 \
    >/dev/null 2>&1 &
ftlc_pid=$!
for _ in $(seq 1 100); do [ -s "$S/pid" ] && break; sleep 0.05; done
kill -TERM "$ftlc_pid"
wait "$ftlc_pid"
code=$?
t "SIGTERM ends ftlc by that signal" code_is 143
t "... and the helper" sh -c "! kill -0 $(cat "$S/pid") 2>/dev/null"
t "... nothing written" missing "$S/none.txtpb"

finish
