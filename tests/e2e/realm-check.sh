#!/bin/sh
# check, emit and export in a project: the local realm's name from
# ftl-project.toml, the pinned realms from the cache, the export-path.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2
run realm add --git-repo "$S/bank" --git-branch main
t "add exits 0" code_is 0
cache=.ftl/realms/bank/$c1.txtpb

# --- check with the pinned realm ---------------------------------------------------------
run check shop.ftl
t "check with a pinned realm exits 0" code_is 0
t "check with a pinned realm is silent" err_empty
mkdir -p sub && cd sub || exit 2
run check ../shop.ftl
t "check from a subdirectory finds the project and its cache" code_is 0
cd .. || exit 2
run emit --format ftl shop.ftl
t "emit includes the pinned realm" out_has "external realm bank {"
t "emit: the bank's private verb is not in its public schema" sh -c "! grep -q 'verb audit' '$S/out'"

# A declaration the bank does not publish.
sed 's/+calls accounts.withdraw@bank/+calls accounts.withdraw@bank, accounts.audit@bank/' shop.ftl >private.ftl
run check private.ftl
t "a reference to an unpublished declaration exits 1" code_is 1
t "it is an error at the reference" err_has "private.ftl:12:"

# --- the local realm's name -------------------------------------------------------------
cat >modules.ftl <<'FTL'
module checkout {
  export realm verb place(accounts.WithdrawRequest@bank) Unit
    +calls accounts.withdraw@bank
}
FTL
run check -W error modules.ftl
t "module files join the realm named in ftl-project.toml" code_is 1
t "... which exposes a bank type (so they were checked as realm shop)" err_has "error[E0507]: realm API exposes type \"accounts.WithdrawRequest@bank\""
printf 'module checkout {\n  export realm verb place(String) Unit\n}\n' >modules.ftl
cd sub || exit 2
run export ../modules.ftl
t "export from a subdirectory exits 0" code_is 0
t "export writes the export-path at the project root" test -f ../ftl-external-schema.txtpb
t "export: nothing in the current directory" missing ftl-external-schema.txtpb
t "export: the realm is named from the project" grep -q 'name: "shop"' ../ftl-external-schema.txtpb
cd .. || exit 2
run export --realm store modules.ftl -o -
t "--realm wins over the project's name" out_has 'name: "store"'
run export --format json modules.ftl
t "--format that contradicts export-path exits 2" code_is 2
t "--format that contradicts export-path says so" err_has "--format does not match export-path 'ftl-external-schema.txtpb'"
run export --format json -o api.json modules.ftl
t "--format with -o is fine" code_is 0

printf 'realm store {\n  module m {\n    export realm verb v(String) Unit\n  }\n}\n' >store.ftl
run check store.ftl
t "a realm block named otherwise than the project exits 1" code_is 1
t "E0501 with a note at the project's name" err_has "ftl-project.toml:1:8: note: the local realm \"shop\" is defined here"

cp ftl-project.toml "$S/good.toml"
printf 'name = "my-shop"\n' >ftl-project.toml
run check modules.ftl
t "a project name that is not an identifier exits 1" code_is 1
t "E0703 at the name" err_has 'ftl-project.toml:1:8: error[E0703]: name "my-shop" is not a realm name (an identifier)'
run check --realm shop modules.ftl
t "--realm avoids the bad name" code_is 0
printf 'name = "shop\n' >ftl-project.toml
run check shop.ftl
t "a project file that is not TOML exits 1" code_is 1
t "E0701 in the project file" err_has "ftl-project.toml:1:8: error[E0701]: invalid TOML"
cp "$S/good.toml" ftl-project.toml

# --- --external-realm and --project ------------------------------------------------------
rm -rf .ftl
run check shop.ftl --external-realm "bank=$S/bank/ftl-external-schema.txtpb"
t "--external-realm replaces the pin (no cache needed)" code_is 0
run check --project "$S/shop/ftl-project.toml" "$S/shop/shop.ftl"
t "--project: a missing cache is reported" err_has "$S/shop/.ftl/realms/bank/$c1.txtpb"
run realm fetch
mkdir -p "$S/elsewhere" && cd "$S/elsewhere" || exit 2
run check --project "$S/shop/ftl-project.toml" "$S/shop/shop.ftl"
t "--project FILE from another directory exits 0" code_is 0
run check --project "$S/nope.toml" "$S/shop/shop.ftl"
t "--project with a missing file exits 2" code_is 2
cd "$S/shop" || exit 2

# --- a depfile names the project file and the cached schema -------------------------------
run check --depfile deps.d shop.ftl
t "check --depfile exits 0" code_is 0
t "the depfile names ftl-project.toml" grep -q "ftl-project.toml" deps.d
t "the depfile names the cached schema" grep -qF "$cache" deps.d

# --- diagnostics inside a pinned realm point into the cached file -------------------------
mkdir -p "$S/tax" && git init -q "$S/tax" && git -C "$S/tax" symbolic-ref HEAD refs/heads/main
cat >"$S/tax/public.ftl" <<'FTL'
external realm tax {
  module builtin {
  }

  module rates {
    export realm verb rate(String) Int
  }
}
FTL
git_commit "$S/tax" "tax"
run realm add --git-repo "$S/tax" --git-branch main --git-path public.ftl
t "a schema with a warning is pinned" code_is 0
ct=$(head_of "$S/tax")
run check shop.ftl
t "the warning points into the cache file" \
    err_has ".ftl/realms/tax/$ct.ftl:2:3: warning[W0301]: module \"builtin\" is reserved"

finish
