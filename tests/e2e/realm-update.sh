#!/bin/sh
# ftlc realm update: moving pinned realms to their branch heads, the summary of
# public API changes (compatible and breaking), and updates that write nothing.
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
t "a compatible update: old -> new and every change" out_is "bank: $(printf %.12s "$c1") -> $(printf %.12s "$c2") (main)
  compatible: added optional field accounts.Balance.note String?
  compatible: added variant accounts.Status.Frozen
  compatible: added verb accounts.deposit
  public API: 0 breaking changes, 3 compatible changes"
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
run realm update bank
t "a breaking update exits 0 (it is done)" code_is 0
t "a breaking update: every change, flagged" out_is "bank: $(printf %.12s "$c2") -> $(printf %.12s "$c3") (main)
  breaking:   lowered visibility of data accounts.Balance: export realm -> export
  breaking:   removed field accounts.Balance.currency
  breaking:   changed the value of variant accounts.Status.Closed
  breaking:   removed variant accounts.Status.Frozen
  breaking:   changed type of field accounts.WithdrawRequest.amount: Int -> Float
  breaking:   added required field accounts.WithdrawRequest.reason String
  breaking:   removed verb accounts.deposit
  compatible: added module statements (1 declaration)
  public API: 7 breaking changes, 1 compatible change"

sed 's/    export data Balance/    export realm data Balance/' "$S/bank-v3.ftl" >"$S/bank-v4.ftl"
publish "$S/bank" bank "$S/bank-v4.ftl" "raise"
run realm update
t "raised visibility is compatible" \
    out_has "  compatible: raised visibility of data accounts.Balance: export -> export realm"

# --- the old schema is not cached: it comes from git --------------------------------
c4=$(head_of "$S/bank")
sed 's/      note String?/      note String?\
      when Time?/' "$S/bank-v4.ftl" >"$S/bank-v5.ftl"
publish "$S/bank" bank "$S/bank-v5.ftl" "v5"
rm -rf .ftl
run realm update
t "update without a cache exits 0" code_is 0
t "update without a cache still compares" out_has "  compatible: added optional field accounts.Balance.when Time?"

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
