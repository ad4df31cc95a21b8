#!/bin/sh
# ftlc breaking --against-git REV in real git repositories, used as CI uses it: a
# change committed on top of the version to compare with, a clone that compares with
# origin/main, a subdirectory, files added since, the project file's name and pins
# at the revision, and the errors (no repository, unknown revision).
. "$(dirname "$0")/lib.sh"

# --- a realm's repository with two commits -------------------------------------------------
make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
cd "$S/bank" || exit 2
run breaking --against-git HEAD bank.ftl
t "against its own HEAD: exit 0" code_is 0
t "against its own HEAD: silent" err_empty

sed -e 's/      currency String//' -e 's/      amount Int/      amount Int\
      memo String?/' "$S/bank-v1.ftl" >bank.ftl
git_commit . "v2: currency removed, memo added"
run breaking --against-git HEAD~1 bank.ftl
t "a removed response field: exit 1" code_is 1
t "it is FIELD_NO_DELETE, where the field was at the revision" \
    err_has "HEAD~1:bank.ftl:10:7: error[FIELD_NO_DELETE]: field \`currency\` was removed from data \`accounts.Balance\`, which callers receive (OUT)"
t "the source line at the revision is shown" err_has "currency String"
t "the optional request field is no finding" sh -c "! grep -q memo '$S/err'"
t "one finding" is "$(grep -c 'error\[' "$S/err")" 1

run breaking --against-git HEAD~1 --error-format github bank.ftl
t "github format: exit 1" code_is 1
t "github format: one annotation" err_has "::error file=HEAD~1%3Abank.ftl,line=10,col=7,endColumn=22,title=ftlc FIELD_NO_DELETE::"

# Uncommitted work is compared too: the files are read from the work tree.
sed 's/      memo String?/      memo String/' bank.ftl >bank.tmp && mv bank.tmp bank.ftl
run breaking --against-git HEAD bank.ftl
t "an uncommitted required request field: exit 1" code_is 1
t "it is FIELD_SAME_OPTIONALITY in the work tree's file" \
    err_has "bank.ftl:6:12: error[FIELD_SAME_OPTIONALITY]: field \`memo\` of data \`accounts.WithdrawRequest\`, which callers send (IN), is no longer optional"
git checkout -q bank.ftl

# --- from a subdirectory, and a file added since ----------------------------------------------
mkdir -p sub
printf 'module extra {\n  export realm verb ping(String) String\n}\n' >sub/extra.ftl
cd sub || exit 2
run breaking --against-git HEAD ../bank.ftl extra.ftl
t "from a subdirectory, with a file the revision lacks: exit 0" code_is 0
t "... and silent" err_empty
cd .. || exit 2
git_commit . "v3: extra module"
printf 'module extra {\n  export realm verb ping(Int) String\n}\n' >sub/extra.ftl
run breaking --against-git HEAD bank.ftl "$S/bank/sub/extra.ftl"
t "an absolute path inside the work tree: exit 1" code_is 1
t "an absolute path: the file at the revision" err_has "error[VERB_SAME_REQUEST]: the request of verb \`extra.ping\` changed from \`String\` to \`Int\`"
git checkout -q sub/extra.ftl

printf 'module outside {\n}\n' >../outside.ftl
run breaking --against-git HEAD ../outside.ftl
t "a relative path out of the repository: exit 2" code_is 2
t "... git's message" err_has "ftlc breaking: error: cannot read '../outside.ftl' at "
t "... says it is outside" err_has "is outside repository"

# --- -I modules at the revision ----------------------------------------------------------------
mkdir -p inc
printf 'module money {\n  export realm data Amount {\n    cents Int\n    currency String\n  }\n}\n' >inc/money.ftl
printf 'module pay {\n  export realm verb quote(String) money.Amount\n}\n' >pay.ftl
git_commit . "pay, with a module from -I"
printf 'module money {\n  export realm data Amount {\n    cents Int\n  }\n}\n' >inc/money.ftl
run breaking --against-git HEAD -I inc pay.ftl
t "an -I module changed since the revision: exit 1" code_is 1
t "... the field removed, in the module as committed" err_has "inc/money.ftl:4:5: error[FIELD_NO_DELETE]: field \`currency\` was removed from data \`money.Amount\`, which callers receive (OUT)"
git checkout -q inc/money.ftl
run breaking --against-git HEAD -I inc pay.ftl
t "an -I module unchanged: exit 0" code_is 0

# --- the project's name at the revision ------------------------------------------------------
sed 's/realm bank {/realm treasury {/' bank.ftl >bank.tmp && mv bank.tmp bank.ftl
printf 'name = "treasury"\n' >ftl-project.toml
run breaking --against-git HEAD bank.ftl
t "a renamed realm: exit 1" code_is 1
t "a renamed realm: one REALM_SAME_NAME finding" is "$(grep -c 'error\[' "$S/err")" 1
t "... at the realm's name, which the project file gives" err_has "ftl-project.toml:1:8: error[REALM_SAME_NAME]: the realm was renamed from \`bank\` to \`treasury\`"
git checkout -q bank.ftl ftl-project.toml

# --- a clone comparing with origin/main, as a pull request's CI does -------------------------
git clone -q "$S/bank" "$S/pr"
cd "$S/pr" || exit 2
git checkout -q -b feature
sed 's/    export realm verb withdraw/    verb withdraw/' bank.ftl >bank.tmp && mv bank.tmp bank.ftl
git_commit . "feature: withdraw is no longer public"
run breaking --against-git origin/main --summary bank.ftl
t "against origin/main: exit 1" code_is 1
t "the verb left the realm's API" err_has "error[VERB_NO_DELETE]: verb \`accounts.withdraw\` is no longer part of the realm's API"
t "the types it used stay: they are 'export realm' themselves" is "$(grep -c 'error\[' "$S/err")" 1
t "--summary counts them" out_has "VERB_NO_DELETE           WIRE         1"
if "$FTLC" breaking --against-git origin/main --category wire --except VERB_NO_DELETE bank.ftl >/dev/null 2>&1; then
    ok=1
else ok=0; fi
t "a plain shell line passes with the finding excepted" is "$ok" 1

# --- pinned realms at the revision -------------------------------------------------------------
cd "$S/bank" && git checkout -q main && git reset -q --hard "$(git rev-list --max-parents=0 HEAD)"
make_shop "$S/shop"
cd "$S/shop" || exit 2
git init -q . && git symbolic-ref HEAD refs/heads/main
run realm add --git-repo "$S/bank" --git-branch main
t "the shop pins the bank" code_is 0
git_commit . "shop v1: the bank's pinned schema committed in .ftl"
run breaking --against-git HEAD shop.ftl
t "the shop against itself, with the pin at the revision: exit 0" code_is 0
t "... silent" err_empty

sed 's/      currency String/      currency String\
      note String?/' "$S/bank-v1.ftl" >"$S/bank-v2.ftl"
publish "$S/bank" bank "$S/bank-v2.ftl" "bank v2"
run realm update
t "update moves the pin (and drops the old schema from the cache)" code_is 0
git_commit . "shop v2: the bank moved"
run breaking --against-git HEAD~1 shop.ftl
t "the old pin's schema read as committed at the revision: exit 0" code_is 0
t "... silent" err_empty

git rm -q -r --cached .ftl && printf '.ftl/\n' >.gitignore
git_commit . "shop v3: the cache leaves git"
run breaking --against-git HEAD shop.ftl
t "a pin not committed at the revision, cached in the work tree: exit 0" code_is 0
t "... silent" err_empty

sed 's/      note String?/      note String?\
      when Time?/' "$S/bank-v2.ftl" >"$S/bank-v3.ftl"
publish "$S/bank" bank "$S/bank-v3.ftl" "bank v3"
run realm update
git_commit . "shop v4: the bank moved again"
run breaking --against-git HEAD~1 shop.ftl
t "an old pin neither committed nor cached: exit 1" code_is 1
t "... E0706 at the pin in the project file at the revision" err_has "HEAD~1:ftl-project.toml:"
t "... which says the schema is not in the cache" err_has "error[E0706]: the schema of realm \"bank\""

# --- errors -----------------------------------------------------------------------------------------
run breaking --against-git no-such-rev shop.ftl
t "an unknown revision: exit 2" code_is 2
t "an unknown revision: says so" err_is "ftlc breaking: error: cannot resolve revision 'no-such-rev': no such revision in this repository"
run breaking --against-git --orphan shop.ftl
t "a revision beginning with '-': exit 2" code_is 2
mkdir -p "$S/nogit" && cp shop.ftl "$S/nogit/" && cd "$S/nogit" || exit 2
GIT_CEILING_DIRECTORIES=$S
export GIT_CEILING_DIRECTORIES
run breaking --against-git HEAD shop.ftl
t "outside a repository: exit 2" code_is 2
t "outside a repository: git's message" err_has "ftlc breaking: error: cannot resolve revision 'HEAD': not a git repository"

finish
