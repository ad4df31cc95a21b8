#!/bin/sh
# A project file upstream FTL can load stays one it can load (issue 16):
# upstream's loader (internal/projectconfig) rejects unknown keys, and its
# [external-realms.NAME] tables take git-repo, git-branch, git-commit and
# git-path only. So ftlc keeps every SHA-256 in ftl-project.lock, writes no other
# key under [external-realms.*], and moves the schema-sha256 that ftlc 0.1 wrote
# there out of the table when it updates the pin.
. "$(dirname "$0")/lib.sh"

UPSTREAM_REALM_KEYS="git-repo git-branch git-commit git-path"

# The keys of every [external-realms.NAME] table of a file, one per line.
external_keys() {
    awk '/^[ \t]*\[/ { on = $0 ~ /^[ \t]*\[external-realms\./; next }
         on && /^[ \t]*[A-Za-z0-9_-]+[ \t]*=/ { sub(/^[ \t]*/, ""); sub(/[ \t]*=.*/, ""); print }' "$1"
}

# only_upstream_keys FILE: every key under [external-realms.*] is upstream's.
only_upstream_keys() {
    for k in $(external_keys "$1"); do
        case " $UPSTREAM_REALM_KEYS " in *" $k "*) ;; *) echo "    not upstream's: $k"; return 1 ;; esac
    done
}

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
sha1=$(sha256_of "$S/bank/ftl-external-schema.txtpb")
make_shop "$S/shop"
cd "$S/shop" || exit 2

# A project in upstream's form, pinned at c1 the way ftlc 0.1 left it.
cat >ftl-project.toml <<TOML
name = "shop"
module-dirs = ["."]

[external-realms.bank]
git-repo = "$S/bank"
git-branch = "main"
git-commit = "$c1"
schema-sha256 = "$sha1"
TOML
run realm fetch
t "fetch of an upstream-form pin" code_is 0
t "fetch verifies it with the old key" out_is "bank: fetched $(printf %.12s "$c1") into .ftl/realms/bank/$c1.txtpb"
t "fetch writes no key" sh -c "grep -c . ftl-project.toml | grep -qx 7"

sed 's/      currency String/      currency String\
      note String?/' "$S/bank-v1.ftl" >"$S/bank-v2.ftl"
publish "$S/bank" bank "$S/bank-v2.ftl" "v2"
c2=$(head_of "$S/bank")
run realm update
t "update of an upstream-form pin" code_is 0
t "after update, [external-realms.*] holds only upstream's keys" only_upstream_keys ftl-project.toml
t "the old schema-sha256 key is gone from the table" sh -c "! grep -q schema-sha256 ftl-project.toml"
t "the new commit is in the table" grep -qx "git-commit = \"$c2\"" ftl-project.toml
t "the checksum is in the lock file" is "$(recorded_sha bank)" "$(sha256_of "$S/bank/ftl-external-schema.txtpb")"
t "the rest of the file is as it was" is "$(sed -n 1,5p ftl-project.toml)" "name = \"shop\"
module-dirs = [\".\"]

[external-realms.bank]
git-repo = \"$S/bank\""
run check shop.ftl
t "check verifies the cache from the lock file" code_is 0
t "without a warning about an unverified pin" sh -c "! grep -q W0702 '$S/err'"

# Every command, every key: still upstream's only.
sed 's/realm bank/realm tax/' "$S/bank-v1.ftl" >"$S/tax.ftl"
make_realm_repo "$S/tax" tax "$S/tax.ftl"
for cmd in "realm add --git-repo $S/tax --git-branch main --git-path ftl-external-schema.txtpb" \
    "realm update" "realm fetch" "realm remove tax"; do
    run $cmd
    t "$cmd exits 0" code_is 0
    t "after $cmd, [external-realms.*] holds only upstream's keys" only_upstream_keys ftl-project.toml
done

# ftlc's own form is what add writes, with the same keys and no checksum.
run realm add --git-repo "$S/tax" --git-branch main
t "add writes [realms.egress.tax]" grep -qx '\[realms.egress.tax\]' ftl-project.toml
t "with no schema-sha256" sh -c "! grep -q schema-sha256 ftl-project.toml"

finish
