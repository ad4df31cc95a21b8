#!/bin/sh
# ftlc import proto on FileDescriptorSet files (.pb, .binpb, .desc, .protoset),
# read natively: the same realm as from the .proto files when protoc wrote the
# set with --include_imports and --include_source_info; without source info the
# same but for the comments, with a note; without --include_imports an error
# naming the type that is missing; bytes that are no descriptor set an error; a
# set of 100,000 files in linear time.
# Skips (77) without protoc.
. "$(dirname "$0")/lib.sh"

PROTOC=${PROTOC:-$(command -v protoc || true)}
[ -n "$PROTOC" ] || { echo "protoc is not installed: skipping" >&2; exit 77; }
cd "$E2E_DIR/../grpc/proto" || exit 2
protos="acme/billing/v1/billing.proto acme/ledger/v1/ledger.proto"
"$PROTOC" --include_imports --include_source_info -o "$S/full.pb" $protos || exit 2
"$PROTOC" --include_imports -o "$S/bare.binpb" $protos || exit 2
"$PROTOC" -o "$S/alone.desc" acme/billing/v1/billing.proto || exit 2

run import proto --realm acme --format ftl -o "$S/proto.ftl" --mapping-out "$S/proto.json" $protos
t "import of the .proto files exits 0" code_is 0
for f in txtpb json binpb ftl; do
    run import proto --realm acme --format "$f" -o "$S/a.$f" $protos
    run import proto --realm acme --format "$f" -o "$S/b.$f" "$S/full.pb"
    t "a descriptor set gives the .proto files' realm ($f)" same_file "$S/a.$f" "$S/b.$f"
done
run import proto --realm acme --format ftl -o "$S/set.ftl" --mapping-out "$S/set.json" "$S/full.pb"
t "... and the same mapping" same_file "$S/proto.json" "$S/set.json"
t "warnings of a set point into the .proto file when it is found" \
    err_has "acme/billing/v1/billing.proto:25:3: warning[W0620]"

run import proto --realm acme --format ftl -o "$S/bare.ftl" "$S/bare.binpb"
t "a set without source info imports" code_is 0
t "... with a note on what it lacks" err_has "note[I0626]: the descriptors did not provide comments (no source info)"
t "... and without positions" err_has "warning[W0620]: RPC '/acme.billing.v1.Billing/WatchInvoices'"
grep -v '^ *//' "$S/proto.ftl" | grep -v '^$' >"$S/proto-bare.ftl"
grep -v '^ *//' "$S/bare.ftl" | grep -v '^$' >"$S/bare-bare.ftl"
t "... and the same realm but for the comments" same_file "$S/proto-bare.ftl" "$S/bare-bare.ftl"

run import proto --realm acme -o "$S/none.txtpb" "$S/alone.desc"
t "a set without its imports: exit 1" code_is 1
t "... names the missing type and the fix" \
    err_has "error[E0621]: type '.acme.common.v1.Address' of field 'acme.billing.v1.CreateInvoiceRequest.billing_address'"
t "... says how to write the set" err_has "protoc's --include_imports"
t "... writes nothing" missing "$S/none.txtpb"

printf 'not a descriptor set' >"$S/junk.protoset"
run import proto --realm acme -o "$S/none.txtpb" "$S/junk.protoset"
t "bytes that are no descriptor set: exit 1" code_is 1
t "... E0627" err_has "error[E0627]: '$S/junk.protoset' is not a descriptor set"
t "... nothing written" missing "$S/none.txtpb"

run import proto --realm acme -o "$S/none.txtpb" "$S/missing.pb"
t "an unreadable set: exit 2" code_is 2

run import proto --realm acme --format ftl -o "$S/mixed.ftl" acme/ledger/v1/ledger.proto "$S/full.pb"
t ".proto files and sets together" code_is 0
t "... give one realm" same_file "$S/mixed.ftl" "$S/proto.ftl"

# A set of 100,000 files, each its own root: finding the roots took some 65 s when
# every file was compared with every other; linear, a fraction of a second. The
# bound (15 s) holds on a loaded machine and under sanitizers.
LC_ALL=C awk 'BEGIN {
    for (i = 0; i < 100000; i++) {
        name = "f" i ".proto"
        printf "%c%c%c%c%s", 10, length(name) + 2, 10, length(name), name
    }
}' >"$S/many.pb"
start=$(date +%s)
run import proto --realm acme -o "$S/none.txtpb" "$S/many.pb"
took=$(($(date +%s) - start))
t "a set of 100,000 files: E0625 (nothing declared)" err_has "error[E0625]: nothing to import"
t "... within 15 s (took $took s)" is "$((took <= 15))" 1
finish
