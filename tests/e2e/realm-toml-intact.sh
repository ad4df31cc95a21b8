#!/bin/sh
# Editing ftl-project.toml keeps every byte it does not need to change:
# comments, order, other tables, quoting, line endings.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2

cat >ftl-project.toml <<'TOML'
# The shop's project: keep this comment.
name = "shop"   # trailing comment
module-dirs = [ "modules",   'more' ]  # odd spacing stays

[global]
  # indented comment
  ftl-min-version = "0.400.0"

[realms]
export-path = 'ftl-external-schema.txtpb'   # literal string, kept as written

[modules.checkout.configuration]
key = { nested = true, list = [1, 2, 3] }

# the end
TOML
cp ftl-project.toml "$S/original.toml"

run realm add --git-repo "$S/bank" --git-branch main
t "add exits 0" code_is 0
sha1=$(sha256_of "$S/bank/ftl-external-schema.txtpb")
{
    cat "$S/original.toml"
    printf '\n[realms.egress.bank]\ngit-repo = "%s"\ngit-branch = "main"\ngit-commit = "%s"\n' \
        "$S/bank" "$c1"
} >"$S/after-add.toml"
t "add only appends the new table" same_file ftl-project.toml "$S/after-add.toml"

sed 's/      currency String/      currency String\
      note String?/' "$S/bank-v1.ftl" >"$S/bank-v2.ftl"
publish "$S/bank" bank "$S/bank-v2.ftl" "v2"
c2=$(head_of "$S/bank")
sha2=$(sha256_of "$S/bank/ftl-external-schema.txtpb")
run realm update
t "update exits 0" code_is 0
sed -e "s/$c1/$c2/" "$S/after-add.toml" >"$S/after-update.toml"
t "update changes only the commit" same_file ftl-project.toml "$S/after-update.toml"
t "update records the new checksum in the lock file" is "$(recorded_sha bank)" "$sha2"

run realm remove bank
t "remove exits 0" code_is 0
t "remove gives back the original bytes" same_file ftl-project.toml "$S/original.toml"
t "remove deletes a lock file it empties" missing ftl-project.lock

# --- a pin in the middle of the file, written by hand, with comments and the
# schema-sha256 key ftlc 0.1 wrote in the pin's table ---------------------------------------
cat >ftl-project.toml <<TOML
name = "shop"

# Pinned realms.
[realms.egress.bank]   # the bank
git-repo = "$S/bank"   # where
git-branch = "main"
git-commit = "$c1"     # pinned by hand
schema-sha256 = "$sha1"   # as ftlc 0.1 wrote it

[modules]
x = 1
TOML
cp ftl-project.toml "$S/hand.toml"
run realm update
t "update of a hand-written pin exits 0" code_is 0
cat >"$S/hand-after.toml" <<TOML
name = "shop"

# Pinned realms.
[realms.egress.bank]   # the bank
git-repo = "$S/bank"   # where
git-branch = "main"
git-commit = "$c2"     # pinned by hand

[modules]
x = 1
TOML
t "update moves the old key's checksum to the lock file, comments stay" \
    same_file ftl-project.toml "$S/hand-after.toml"
t "the lock file has the new checksum" is "$(recorded_sha bank)" "$sha2"
run realm remove bank
t "remove of a table in the middle" code_is 0
printf 'name = "shop"\n\n[modules]\nx = 1\n' >"$S/hand-removed.toml"
t "remove takes the table and its comment, the rest stays" same_file ftl-project.toml "$S/hand-removed.toml"

# --- CRLF line endings ------------------------------------------------------------------
printf 'name = "shop"\r\n# crlf\r\n[other]\r\nk = "v"\r\n' >ftl-project.toml
cp ftl-project.toml "$S/crlf.toml"
run realm add --git-repo "$S/bank" --git-branch main
t "add to a CRLF file exits 0" code_is 0
t "every line still ends with CRLF" \
    is "$(tr -cd '\r' <ftl-project.toml | wc -c | tr -d ' ')" "$(wc -l <ftl-project.toml | tr -d ' ')"
run realm remove bank
t "a CRLF file comes back byte for byte" same_file ftl-project.toml "$S/crlf.toml"

# --- no final newline: the new table starts on a line of its own ---------------------------
printf 'name = "shop"' >ftl-project.toml
run realm add --git-repo "$S/bank" --git-branch main
t "add to a file without a final newline" code_is 0
t "the first line is kept" is "$(sed -n 1p ftl-project.toml)" 'name = "shop"'
t "one blank line before the table" is "$(sed -n 2p ftl-project.toml)" ''
t "the table follows" is "$(sed -n 3p ftl-project.toml)" "[realms.egress.bank]"

finish
