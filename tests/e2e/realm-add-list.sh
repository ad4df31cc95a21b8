#!/bin/sh
# ftlc realm add and list: pinning a realm from a git repository, what is
# written, the cache, the text and JSON listings, the options and the failures
# that write nothing.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2

# --- help and usage -----------------------------------------------------------------
run realm --help
t "realm --help exits 0" code_is 0
t "realm --help lists the commands" out_has "  fetch     make sure every pinned schema is in the cache"
run help realm
t "help realm is realm --help" out_has "usage: ftlc realm <command> [options]"
run help realm add
t "help realm add" out_has "usage: ftlc realm add --git-repo URL --git-branch BRANCH"
run realm add --help
t "realm add --help exits 0" code_is 0
t "realm add --help shows --git-path" out_has "--git-path PATH"
for sub in update list remove fetch; do
    run realm $sub -h
    t "realm $sub -h" out_has "usage: ftlc realm $sub"
done
run realm
t "realm without a command exits 2" code_is 2
run realm frobnicate
t "unknown realm command exits 2" code_is 2
t "unknown realm command is named" err_has "unknown command 'frobnicate'"
run realm add --git-branch main
t "add without --git-repo exits 2" code_is 2
t "add without --git-repo says so" err_has "--git-repo is required"
run realm list extra
t "list takes no names" code_is 2
run realm list --format yaml
t "list --format yaml exits 2" code_is 2

# --- list with nothing pinned --------------------------------------------------------
run realm list
t "empty list exits 0" code_is 0
t "empty list says so" out_is "no external realms are pinned in ftl-project.toml"

# --- add ----------------------------------------------------------------------------
before=$(cat ftl-project.toml)
run realm add --git-repo "$S/bank" --git-branch main
t "add exits 0" code_is 0
t "add prints the realm, repository, branch and commit" \
    out_has "added realm bank: $S/bank main at $(printf %.12s "$c1")"
t "add prints the endpoint config key" out_has "endpoint config key: bank-realm-endpoint"
sha=$(sha256_of "$S/bank/ftl-external-schema.txtpb")
expected="$before

[realms.egress.bank]
git-repo = \"$S/bank\"
git-branch = \"main\"
git-commit = \"$c1\""
t "add appends [realms.egress.bank] and keeps the rest" is "$(cat ftl-project.toml)" "$expected"
t "add records the schema's SHA-256 in ftl-project.lock, not in the project file" \
    is "$(tail -n 3 ftl-project.lock)" "[realms.bank]
git-commit = \"$c1\"
schema-sha256 = \"$sha\""
t "the lock file says what it is" is "$(head -n 1 ftl-project.lock)" \
    "# ftl-project.lock: the SHA-256 of the public schema each realm of"
t "add caches the schema at .ftl/realms/NAME/COMMIT.EXT" \
    same_file ".ftl/realms/bank/$c1.txtpb" "$S/bank/ftl-external-schema.txtpb"

# --- list ---------------------------------------------------------------------------
run realm list
t "list exits 0" code_is 0
short=$(printf %.7s "$c1")
t "list text: the titles" is "$(head -n 1 "$S/out" | tr -s ' ')" \
    "NAME REPOSITORY BRANCH COMMIT CACHE ENDPOINT CONFIG KEY DECLARED IN"
t "list text: the realm" is "$(sed -n 2p "$S/out" | tr -s ' ')" \
    "bank $S/bank main $short cached bank-realm-endpoint [realms.egress]"
t "list text: columns line up" is "$(head -n 1 "$S/out" | grep -b -o 'CACHE' | cut -d: -f1)" \
    "$(sed -n 2p "$S/out" | grep -b -o 'cached' | cut -d: -f1)"
run realm list --format json
t "list json exits 0" code_is 0
t "list json: name" out_has '"name": "bank",'
t "list json: repository" out_has "\"gitRepo\": \"$S/bank\","
t "list json: full commit" out_has "\"gitCommit\": \"$c1\","
t "list json: git-path not given" out_has '"gitPath": null,'
t "list json: cached" out_has '"cache": "cached",'
t "list json: endpoint key" out_has '"endpointConfigKey": "bank-realm-endpoint",'
t "list json: form" out_has '"form": "[realms.egress]"'
if command -v python3 >/dev/null 2>&1; then
    t "list json parses" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["realms"][0]["schemaSha256"]==sys.argv[2]' "$S/out" "$sha"
fi

# --- add: already pinned at that head, nothing written ------------------------------
snap=$(snapshot .)
run realm add --git-repo "$S/bank" --git-branch main
t "adding a realm pinned at the same head exits 0" code_is 0
t "... it is up to date" out_is "bank: up to date at $(printf %.12s "$c1") (main)"
t "... and writes nothing" is "$(snapshot .)" "$snap"

# --- add --name, --git-path and another format --------------------------------------
run realm add --git-repo "file://$S/bank" --git-branch main --name bank2 --git-path ftl-external-schema.txtpb
t "add --name exits 0" code_is 0
t "add --name records git-path" is "$(tail -n 5 ftl-project.toml)" "[realms.egress.bank2]
git-repo = \"file://$S/bank\"
git-branch = \"main\"
git-commit = \"$c1\"
git-path = \"ftl-external-schema.txtpb\""
t "add --name records its SHA-256 too" is "$(recorded_sha bank2)" "$sha"
t "add --name caches under the new name" test -f ".ftl/realms/bank2/$c1.txtpb"

# A realm that publishes JSON, with its export-path in its own ftl-project.toml.
mkdir -p "$S/tax" && git init -q "$S/tax" && git -C "$S/tax" symbolic-ref HEAD refs/heads/trunk
printf 'name = "tax"\n\n[realms]\nexport-path = "api/public.json"\n' >"$S/tax/ftl-project.toml"
printf 'realm tax {\n  module rates {\n    export realm verb rate(String) Int\n  }\n}\n' >"$S/tax/tax.ftl"
(cd "$S/tax" && mkdir api && "$FTLC" export tax.ftl) && git_commit "$S/tax" "tax"
t "export writes the project's export-path" test -f "$S/tax/api/public.json"
ct=$(head_of "$S/tax")
run realm add --git-repo "$S/tax" --git-branch trunk
t "add follows the remote's export-path" code_is 0
t "add caches a JSON schema as .json" same_file ".ftl/realms/tax/$ct.json" "$S/tax/api/public.json"
t "add records no git-path when it followed export-path" sh -c "! grep -q 'git-path = \"api' ftl-project.toml"
run realm list
t "list shows three realms" is "$(wc -l <"$S/out" | tr -d ' ')" 4

# --- a path relative to the project's directory (not the current one) ---------------
mkdir -p "$S/shop2/sub" && printf 'name = "shop"\n' >"$S/shop2/ftl-project.toml"
cd "$S/shop2/sub" || exit 2
run realm add --git-repo ../bank --git-branch main
t "a relative repository is relative to the project's directory" code_is 0
t "the project is found upward" test -f "$S/shop2/.ftl/realms/bank/$c1.txtpb"
t "the relative path is recorded as given" grep -q 'git-repo = "../bank"' "$S/shop2/ftl-project.toml"
cd "$S/shop" || exit 2

# --- failures that write nothing -----------------------------------------------------
snap=$(snapshot .)
run realm add --git-repo "$S/nowhere" --git-branch main --name nowhere
t "a missing repository exits 2" code_is 2
t "a git failure is one line" err_lines 1
t "it names the realm, the repository and git's message" \
    err_has "error[E0708]: realm \"nowhere\": cannot resolve branch 'main' of '$S/nowhere': '$S/nowhere' does not appear to be a git repository"
run realm add --git-repo "$S/bank" --git-branch nope --name bank3
t "a missing branch exits 2" code_is 2
t "a missing branch is one line" err_is "error[E0708]: realm \"bank3\": cannot resolve branch 'nope' of '$S/bank': no such branch"
run realm add --git-repo "$S/bank" --git-branch main --name bank3 --git-path no/such.txtpb
t "a missing schema file exits 1" code_is 1
t "a missing schema file is named" err_has "there is no 'no/such.txtpb' at commit"
run realm add --git-repo "$S/bank" --git-branch main --name shop
t "the local realm's name is refused" code_is 1
t "the local realm's name: E0705 at name" err_has 'ftl-project.toml:1:8: error[E0705]: realm "shop" has the name of the local realm'
t "nothing was written by the failures" is "$(snapshot .)" "$snap"

# --- no project ---------------------------------------------------------------------
mkdir -p "$S/empty" && cd "$S/empty" || exit 2
run realm list
t "no project file exits 2" code_is 2
t "no project file says how to give one" err_has "no ftl-project.toml in the current directory or any parent directory (give one with --project FILE)"
run realm list --project "$S/shop/ftl-project.toml"
t "--project FILE" code_is 0
t "--project FILE: its directory holds the cache" out_has "cached"

finish
