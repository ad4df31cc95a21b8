#!/bin/sh
# ftlc realm remove: the realm's table and cache go, everything else stays.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
sed 's/realm bank/realm tax/' "$S/bank-v1.ftl" >"$S/tax.ftl"
make_realm_repo "$S/tax" tax "$S/tax.ftl"
ct=$(head_of "$S/tax")
make_shop "$S/shop"
cd "$S/shop" || exit 2
original=$(cat ftl-project.toml)
run realm add --git-repo "$S/bank" --git-branch main
t "add bank" code_is 0
with_bank=$(cat ftl-project.toml)
run realm add --git-repo "$S/tax" --git-branch main
t "add tax" code_is 0

run realm remove
t "remove without a name exits 2" code_is 2
snap=$(snapshot .)
run realm remove bank nosuch
t "remove of an unknown realm exits 2" code_is 2
t "remove of an unknown realm removes nothing" is "$(snapshot .)" "$snap"

run realm remove tax
t "remove exits 0" code_is 0
t "remove says what it removed" out_is "removed realm tax"
t "remove takes exactly the table it added" is "$(cat ftl-project.toml)" "$with_bank"
t "remove deletes the realm's cache" missing .ftl/realms/tax
t "remove keeps the other realms' cache" test -f ".ftl/realms/bank/$c1.txtpb"
run realm list
t "list no longer shows it" sh -c "! grep -q '^tax ' '$S/out'"

run realm remove bank
t "remove the last realm" code_is 0
t "the project file is what it was before add" is "$(cat ftl-project.toml)" "$original"
t "no cache is left" missing .ftl/realms/bank

# Upstream FTL's form and an inline table are removed too.
cat >ftl-project.toml <<TOML
name = "shop"

[external-realms.bank]
git-repo = "$S/bank"
git-branch = "main"
git-commit = "$c1"

[realms.egress]
tax = { git-repo = "$S/tax", git-branch = "main", git-commit = "$ct" }
# the end
TOML
run realm fetch
t "fetch both" code_is 0
run realm remove bank tax
t "remove both forms" code_is 0
t "both are gone, the rest stays" is "$(cat ftl-project.toml)" 'name = "shop"

[realms.egress]
# the end'
t "both caches are gone" missing .ftl/realms/bank
t "both caches are gone (tax)" missing .ftl/realms/tax

finish
