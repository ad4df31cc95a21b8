#!/bin/sh
# ftlc realm update: moving pinned realms to their branch heads, the changes of
# their public API that break callers (marked by whether they break what the shop
# uses; refused when they do, unless --force: tests/e2e/breaking-update.sh has
# more), and updates that write nothing.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2
run realm add --git-repo "$S/bank" --git-branch main
t "add exits 0" code_is 0

# --- nothing new --------------------------------------------------------------------
snap=$(snapshot .)
run realm update
t "update at the head exits 0" code_is 0
t "update at the head says so" out_is "bank: up to date at $(printf %.12s "$c1") (main)"
t "update at the head writes nothing" is "$(snapshot .)" "$snap"

# --- a compatible change ------------------------------------------------------------
cat >"$S/bank-v2.ftl" <<'EOF'
realm bank {
  module accounts {
    export realm data WithdrawRequest {
      account String
      amount Int
    }

    export realm data Balance {
      balance Int
      currency String
      note String?
    }

    export realm enum Status: String {
      Open = "open"
      Closed = "closed"
      Frozen = "frozen"
    }

    export realm verb withdraw(accounts.WithdrawRequest) accounts.Balance

    export realm verb deposit(accounts.WithdrawRequest) accounts.Balance

    verb audit(accounts.WithdrawRequest) Unit
  }
}
EOF
publish "$S/bank" bank "$S/bank-v2.ftl" "compatible"
c2=$(head_of "$S/bank")
run realm update
t "a compatible update exits 0" code_is 0
t "a compatible update: old -> new, nothing breaks" out_is "bank: $(printf %.12s "$c1") -> $(printf %.12s "$c2") (main)
  public API: nothing breaks"
t "the new commit is recorded" grep -q "git-commit = \"$c2\"" ftl-project.toml
t "the new checksum is recorded in the lock file" is "$(recorded_sha bank)" "$(sha256_of "$S/bank/ftl-external-schema.txtpb")"
t "and not in the project file" sh -c "! grep -q schema-sha256 ftl-project.toml"
t "the new schema is cached" same_file ".ftl/realms/bank/$c2.txtpb" "$S/bank/ftl-external-schema.txtpb"
t "the old schema leaves the cache" missing ".ftl/realms/bank/$c1.txtpb"

# --- a breaking change --------------------------------------------------------------
cat >"$S/bank-v3.ftl" <<'EOF'
realm bank {
  module accounts {
    export realm data WithdrawRequest {
      account String
      amount Float
      reason String
    }

    // Reached from withdraw, so still published, but no longer 'export realm'.
    export data Balance {
      balance Int
      note String?
    }

    export realm enum Status: String {
      Open = "open"
      Closed = "shut"
    }

    export realm verb withdraw(accounts.WithdrawRequest) accounts.Balance
  }

  module statements {
    export realm verb list(String) [String]
  }
}
EOF
publish "$S/bank" bank "$S/bank-v3.ftl" "breaking"
c3=$(head_of "$S/bank")
snap=$(snapshot .)
run realm update bank
t "an update that breaks what the shop uses is refused" code_is 1
t "... and writes nothing" is "$(snapshot .)" "$snap"
t "... E0716 at the pin" err_has "ftl-project.toml:3:1: error[E0716]: updating realm \"bank\" to $(printf %.12s "$c3") breaks what shop uses (3 changes); nothing was written"
run realm update --dry-run bank
t "a dry run of it exits 1 too" code_is 1
t "a dry run: every change, those that affect the shop first" out_is "bank: $(printf %.12s "$c2") -> $(printf %.12s "$c3") (main)
  affects you:       FIELD_NO_DELETE (WIRE): field \`currency\` was removed from data \`accounts.Balance\`, which callers send and receive (BOTH)
  affects you:       FIELD_SAME_TYPE (WIRE): the type of field \`amount\` of data \`accounts.WithdrawRequest\` changed from \`Int\` to \`Float\`
  affects you:       FIELD_NO_REQUIRED_ADD (WIRE): required field \`reason\` was added to data \`accounts.WithdrawRequest\`, which callers send and receive (BOTH)
  not affecting you: VERB_NO_DELETE (WIRE): verb \`accounts.deposit\` was removed
  public API: 4 breaking changes, 3 affecting you
  would be refused (--force updates all the same)"
t "a dry run writes nothing" is "$(snapshot .)" "$snap"
run realm update --force bank
t "--force moves it all the same" code_is 0
t "--force: W0704" err_has "warning[W0704]: realm \"bank\" moved to $(printf %.12s "$c3") although that breaks what shop uses (3 changes) (--force)"
t "--force: said on standard output" out_has "  updated although it affects you (--force)"
t "--force: the new commit is recorded" grep -q "git-commit = \"$c3\"" ftl-project.toml

sed 's/    export data Balance/    export realm data Balance/' "$S/bank-v3.ftl" >"$S/bank-v4.ftl"
publish "$S/bank" bank "$S/bank-v4.ftl" "raise"
run realm update
t "raised visibility breaks nothing" out_has "  public API: nothing breaks"

# --- the old schema is not cached: it comes from git --------------------------------
c4=$(head_of "$S/bank")
sed 's/      note String?/      note String?\
      when Time?/' "$S/bank-v4.ftl" >"$S/bank-v5.ftl"
publish "$S/bank" bank "$S/bank-v5.ftl" "v5"
rm -rf .ftl
run realm update
t "update without a cache exits 0" code_is 0
t "update without a cache still compares" out_has "  public API: nothing breaks"

# --- failures write nothing ---------------------------------------------------------
snap=$(snapshot .)
run realm update nosuch
t "update of an unknown realm exits 2" code_is 2
t "update of an unknown realm names it" err_is 'error[E0714]: no realm "nosuch" is pinned in ftl-project.toml'
printf 'realm bank {\n  module accounts {\n    export realm verb withdraw(accounts.Missing) Unit\n  }\n}\n' >"$S/bank/bank.ftl"
cat >"$S/bank/ftl-external-schema.txtpb" <<'EOF'
realms {
  name: "bank"
  modules {
    name: "accounts"
    decls { data { name: "Broken" fields { name: "x" type { ref { module: "accounts" name: "Nowhere" } } } visibility: VISIBILITY_SCOPE_REALM } }
  }
}
EOF
git_commit "$S/bank" "broken"
run realm update
t "an update to an invalid schema exits 1" code_is 1
t "its diagnostics point into the fetched file" err_has "bank@$(printf %.12s "$(head_of "$S/bank")")/ftl-external-schema.txtpb:"
t "and say nothing was written" err_has "is not valid; nothing was written"
t "an update to an invalid schema writes nothing" is "$(snapshot .)" "$snap"

# Two realms, one fails: neither moves.
git -C "$S/bank" reset -q --hard HEAD~1
sed 's/realm bank/realm tax/' "$S/bank-v1.ftl" >"$S/tax-v1.ftl"
make_realm_repo "$S/tax" tax "$S/tax-v1.ftl"
run realm add --git-repo "$S/tax" --git-branch main
t "add tax" code_is 0
sed 's/      amount Int/      amount Int\
      memo String?/' "$S/tax-v1.ftl" >"$S/tax-v2.ftl"
publish "$S/tax" tax "$S/tax-v2.ftl" "tax v2"
git -C "$S/bank" branch -q -m main gone
snap=$(snapshot .)
run realm update
t "one realm failing fails the update" code_is 2
t "the failing realm is named" err_has "realm \"bank\": cannot resolve branch 'main'"
t "the other realm did not move either" is "$(snapshot .)" "$snap"
git -C "$S/bank" branch -q -m gone main

# A pin without a branch cannot be updated.
printf 'name = "x"\n[realms.egress.fixed]\ngit-repo = "%s"\ngit-commit = "%s"\n' "$S/bank" "$c1" >"$S/nobranch.toml"
run realm update --project "$S/nobranch.toml"
t "a pin without git-branch exits 1" code_is 1
t "a pin without git-branch: E0710" err_has 'error[E0710]: realm "fixed" has no git-branch to follow'

finish
