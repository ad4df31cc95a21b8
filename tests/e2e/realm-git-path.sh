#!/bin/sh
# Where ftlc realm add, update and fetch find a realm's public schema (issues
# 11 and 16): --git-path normalised ("./", "./a/../b", a trailing "/") and still
# refused when it leaves the repository; a directory holding
# ftl-external-schema.txtpb, .json or .binpb (in that order); and a realm
# published the way upstream FTL publishes it, only as ftl-external-schema.json.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2

# --- --git-path normalised ---------------------------------------------------------------
run realm add --git-repo "$S/bank" --git-branch main --name top --git-path ./
t "--git-path ./ is the top of the repository" code_is 0
t "it says which file it used" out_has "(ftl-external-schema.txtpb: 1 module, "
t "it records the top as '.'" grep -q '^git-path = "."$' ftl-project.toml
mkdir -p "$S/bank/api/v1"
cp "$S/bank/ftl-external-schema.txtpb" "$S/bank/api/v1/public.txtpb"
git_commit "$S/bank" "api"
c2=$(head_of "$S/bank")
run realm add --git-repo "$S/bank" --git-branch main --name dotted --git-path ./api/../api/v1/public.txtpb
t "--git-path ./api/../api/v1/public.txtpb" code_is 0
t "is recorded normalised" grep -q '^git-path = "api/v1/public.txtpb"$' ftl-project.toml
t "and cached by its extension" test -f ".ftl/realms/dotted/$c2.txtpb"
cp "$S/bank/ftl-external-schema.txtpb" "$S/bank/api/v1/ftl-external-schema.txtpb"
git_commit "$S/bank" "api dir"
run realm add --git-repo "$S/bank" --git-branch main --name dir --git-path api/v1/
t "--git-path naming a directory, with a trailing /" code_is 0
t "finds the schema in it" out_has "(api/v1/ftl-external-schema.txtpb: "
run realm fetch
t "fetch finds the same files again" code_is 0
t "and caches each" sh -c "[ -f .ftl/realms/top/$c1.txtpb ] && [ -f .ftl/realms/dir/$(head_of "$S/bank").txtpb ]"
snap=$(snapshot .)
for bad in ../x ./../x a/../../x /etc/passwd; do
    run realm add --git-repo "$S/bank" --git-branch main --name bad --git-path "$bad"
    t "--git-path $bad is refused" code_is 2
    t "--git-path $bad: says why" err_has "--git-path '$bad' must be a relative path that stays in the repository"
done
run realm add --git-repo "$S/bank" --git-branch main --name none --git-path api
t "a directory without a schema exits 1" code_is 1
t "says what was looked for" err_has "there is no ftl-external-schema.txtpb, .json or .binpb in 'api' at commit"
t "the refusals wrote nothing" is "$(snapshot .)" "$snap"

# --- a realm published only as ftl-external-schema.json (as upstream FTL does) -----------
mkdir -p "$S/tax" && git init -q "$S/tax" && git -C "$S/tax" symbolic-ref HEAD refs/heads/main
printf 'realm tax {\n  module rates {\n    export realm verb rate(String) Int\n  }\n}\n' >"$S/tax/tax.ftl"
(cd "$S/tax" && "$FTLC" export --format json tax.ftl) && git_commit "$S/tax" "tax"
t "the tax realm publishes JSON only" sh -c "[ -f '$S/tax/ftl-external-schema.json' ] && [ ! -f '$S/tax/ftl-external-schema.txtpb' ]"
ct=$(head_of "$S/tax")
run realm add --git-repo "$S/tax" --git-branch main
t "add finds ftl-external-schema.json" code_is 0
t "and says it used it" out_has "(ftl-external-schema.json: 1 module, 1 declaration)"
t "caches it as .json" same_file ".ftl/realms/tax/$ct.json" "$S/tax/ftl-external-schema.json"
printf 'realm shop {\n  module checkout {\n    verb pay(String) Int\n      +calls rates.rate@tax\n  }\n}\n' >pay.ftl
run check pay.ftl
t "check uses the JSON realm" code_is 0
rm -rf .ftl/realms/tax
run realm fetch tax
t "fetch finds it again" out_is "tax: fetched $(printf %.12s "$ct") into .ftl/realms/tax/$ct.json"

# --- in a directory, .txtpb comes first, then .json, then .binpb ----------------------------
mkdir -p "$S/both/pub" && git init -q "$S/both" && git -C "$S/both" symbolic-ref HEAD refs/heads/main
printf 'realm both {\n  module m {\n    export realm verb v(String) Int\n  }\n}\n' >"$S/both/both.ftl"
(cd "$S/both" && "$FTLC" export --format binpb -o pub/ftl-external-schema.binpb both.ftl &&
    "$FTLC" export --format json -o pub/ftl-external-schema.json both.ftl) && git_commit "$S/both" "both"
run realm add --git-repo "$S/both" --git-branch main --git-path pub
t "json before binpb" out_has "(pub/ftl-external-schema.json: "

finish
