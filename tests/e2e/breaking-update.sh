#!/bin/sh
# ftlc realm update with the rules of ftlc breaking, in the two-realm setup: the bank
# removes a field the shop never reaches (allowed, reported as not affecting it), then
# one the shop uses (refused, nothing written; --dry-run shows it, --force does it),
# a type the shop names (its schema no longer checks: its errors are shown), the JSON
# report, and realm add of a name already pinned, judged the same way.
. "$(dirname "$0")/lib.sh"

bank() { # FILE BALANCE STATEMENT: the bank realm with these fields
    cat >"$1" <<EOF
realm bank {
  module accounts {
    export realm data WithdrawRequest {
      account String
      amount Int
    }

    export realm data Balance {
$2
    }

    export realm data Statement {
$3
    }

    export realm verb withdraw(accounts.WithdrawRequest) accounts.Balance

    export realm verb statement(String) accounts.Statement
  }
}
EOF
}

bank "$S/v1.ftl" "      balance Int
      currency String" "      id String
      total Int"
make_realm_repo "$S/bank" bank "$S/v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2
run realm add --git-repo "$S/bank" --git-branch main
t "add exits 0" code_is 0

# --- a field the shop never reaches -------------------------------------------------------
bank "$S/v2.ftl" "      balance Int
      currency String" "      id String"
publish "$S/bank" bank "$S/v2.ftl" "v2: Statement.total removed"
c2=$(head_of "$S/bank")
report="bank: $(printf %.12s "$c1") -> $(printf %.12s "$c2") (main)
  not affecting you: FIELD_NO_DELETE (WIRE): field \`total\` was removed from data \`accounts.Statement\`, which callers receive (OUT)
  public API: 1 breaking change, 0 affecting you"
snap=$(snapshot .)
run realm update --dry-run
t "a dry run of an update that breaks others only: exit 0" code_is 0
t "... it shows the change, as not affecting the shop" out_is "$report"
t "... and writes nothing" is "$(snapshot .)" "$snap"
run realm update --dry-run --format json
t "--format json: exit 0" code_is 0
if command -v python3 >/dev/null 2>&1; then
    # shellcheck disable=SC2016 # the backquotes are the message's, for Python
    t "--format json: the change with its rule, category, direction and marking" python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
r = d["realms"][0]
assert r["name"] == "bank" and r["action"] == "moved", r
assert r["apiCompared"] and r["localFound"] and not r["refused"], r
assert r["breaking"] == 1 and r["affecting"] == 0, r
c = r["changes"][0]
assert c == {"rule": "FIELD_NO_DELETE", "category": "WIRE", "direction": "OUT",
             "message": "field `total` was removed from data `accounts.Statement`, which callers receive (OUT)",
             "affectsLocal": False}, c
' "$S/out"
fi
run realm update
t "the update is allowed" code_is 0
t "... and says what breaks others" out_is "$report"
t "... the new commit is recorded" grep -q "git-commit = \"$c2\"" ftl-project.toml

# --- a field the shop uses ---------------------------------------------------------------------
bank "$S/v3.ftl" "      balance Int" "      id String"
publish "$S/bank" bank "$S/v3.ftl" "v3: Balance.currency removed"
c3=$(head_of "$S/bank")
snap=$(snapshot .)
run realm update
t "an update that breaks what the shop uses: exit 1" code_is 1
t "... nothing written" is "$(snapshot .)" "$snap"
t "... nothing on standard output" out_empty
t "... the change, with its rule as the code" \
    err_has "error[FIELD_NO_DELETE]: field \`currency\` was removed from data \`accounts.Balance\`, which callers send and receive (BOTH)"
t "... E0716 at the pin" err_has "ftl-project.toml:3:1: error[E0716]: updating realm \"bank\" to $(printf %.12s "$c3") breaks what shop uses (1 change); nothing was written"
t "... what to do" err_has "help: --dry-run shows every change; --force updates all the same"
run realm update --dry-run --error-format json
t "a dry run of it: exit 1" code_is 1
t "... shows the change as affecting the shop" out_has "  affects you:       FIELD_NO_DELETE (WIRE): field \`currency\` was removed"
t "... and that it would be refused" out_has "  would be refused (--force updates all the same)"
t "... the JSON diagnostics carry the category" err_has '"code": "FIELD_NO_DELETE"'
t "... and the direction" err_has '"category": "WIRE", "direction": "BOTH"'
t "... and writes nothing" is "$(snapshot .)" "$snap"

# --- a type the shop names: its schema no longer checks ------------------------------------------
cat >"$S/v4.ftl" <<'EOF'
realm bank {
  module accounts {
    export realm data WithdrawRequest {
      account String
      amount Int
    }

    export realm verb withdraw(accounts.WithdrawRequest) Unit
  }
}
EOF
publish "$S/bank" bank "$S/v4.ftl" "v4: Balance and Statement gone"
c4=$(head_of "$S/bank")
run realm update
t "an update after which the shop's schema does not check: exit 1" code_is 1
t "... the shop's error, in its file" err_has "shop.ftl:11:"
t "... is the reference to the type removed" err_has "\"accounts.Balance@bank\""
t "... the removal, as a change that affects the shop" err_has "error[DECL_NO_DELETE]: data \`accounts.Balance\` was removed"
t "... and the withdraw response replaced" err_has "error[VERB_SAME_RESPONSE]: the response of verb \`accounts.withdraw\` changed from \`accounts.Balance\` to \`Unit\`"
t "... nothing written" is "$(snapshot .)" "$snap"
run realm update --force
t "--force updates all the same" code_is 0
t "--force: W0704" err_has "warning[W0704]: realm \"bank\" moved to $(printf %.12s "$c4") although that breaks what shop uses"
t "--force: recorded" grep -q "git-commit = \"$c4\"" ftl-project.toml
run check shop.ftl
t "... and check then says what to fix" code_is 1

# --- realm add of a name already pinned -----------------------------------------------------------
# The shop was forced to v4, where withdraw returns Unit; v1 (on branch v1) returns a
# Balance again: the shop calls withdraw, so moving back is judged breaking too.
git -C "$S/bank" checkout -q -b v1 "$c1"
snap=$(snapshot .)
run realm add --git-repo "$S/bank" --git-branch v1 --dry-run
t "add of a pinned name to another branch is judged as an update" code_is 1
t "... it would move the pin" out_has "bank: $(printf %.12s "$c4") -> $(printf %.12s "$c1") (v1)"
t "... the response the shop gets changes" out_has "  affects you:       VERB_SAME_RESPONSE (WIRE): the response of verb \`accounts.withdraw\` changed from \`Unit\` to \`accounts.Balance\`"
t "... and would be refused" out_has "  would be refused"
t "... a dry run writes nothing" is "$(snapshot .)" "$snap"
run realm add --git-repo "$S/bank" --git-branch v1
t "add of a pinned name that breaks the shop: refused" code_is 1
t "... E0716" err_has "error[E0716]: updating realm \"bank\" to $(printf %.12s "$c1") breaks what shop uses (1 change)"
t "... nothing written" is "$(snapshot .)" "$snap"
run realm add --git-repo "$S/bank" --git-branch v1 --force
t "add --force of a pinned name: exit 0" code_is 0
t "... the branch is recorded" grep -q 'git-branch = "v1"' ftl-project.toml
t "... and the commit" grep -q "git-commit = \"$c1\"" ftl-project.toml
t "... the old schema leaves the cache" missing ".ftl/realms/bank/$c4.txtpb"
run check shop.ftl
t "... and the shop checks again" code_is 0
run realm add --git-repo "$S/bank" --git-branch v1
t "add of a pinned name at the same head: up to date" out_is "bank: up to date at $(printf %.12s "$c1") (v1)"

finish
