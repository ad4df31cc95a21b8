#!/bin/sh
# ftlc realm fetch [--offline]: the cache of every pinned commit, its integrity,
# and what check says about a missing or tampered cache.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")
make_shop "$S/shop"
cd "$S/shop" || exit 2
run realm add --git-repo "file://$S/bank" --git-branch main
t "add exits 0" code_is 0
cache=.ftl/realms/bank/$c1.txtpb
pinned=$(cat ftl-project.toml)
locked=$(cat ftl-project.lock)

# A newer commit on the branch: the pin stays on c1, which is no longer the head.
sed 's/      currency String/      currency String\
      note String?/' "$S/bank-v1.ftl" >"$S/bank-v2.ftl"
publish "$S/bank" bank "$S/bank-v2.ftl" "v2"

# --- everything cached --------------------------------------------------------------
run realm fetch --offline
t "offline with everything cached exits 0" code_is 0
t "offline says it is cached" out_is "bank: $(printf %.12s "$c1") is cached ($cache)"
run realm fetch
t "fetch with everything cached exits 0" code_is 0

# --- missing ------------------------------------------------------------------------
rm -rf .ftl
run check shop.ftl
t "check with a missing cache exits 1" code_is 1
t "check says the schema is not cached, at the pin" \
    err_has "ftl-project.toml:6:14: error[E0706]: the schema of realm \"bank\" at $(printf %.12s "$c1") is not in the cache ($cache)"
t "check says what to run" err_has "help: run 'ftlc realm fetch'"
t "check reports no cascade of unknown-realm errors" sh -c "! grep -q E0503 '$S/err'"
run realm fetch --offline
t "offline with a missing cache exits 1" code_is 1
t "offline reports E0706" err_has "error[E0706]"
t "offline fetches nothing" missing .ftl
run realm fetch
t "fetch exits 0" code_is 0
t "fetch says what it fetched" out_is "bank: fetched $(printf %.12s "$c1") into $cache"
t "fetch gets the pinned commit, not the head" \
    is "$(sha256_of "$cache")" "$(recorded_sha bank)"
t "fetch leaves the project file alone" is "$(cat ftl-project.toml)" "$pinned"
run check shop.ftl
t "check after fetch exits 0" code_is 0

# --- tampered -----------------------------------------------------------------------
printf '# edited\n' >>"$cache"
run check shop.ftl
t "check with a tampered cache exits 1" code_is 1
t "check reports E0707 at schema-sha256 in the lock file" err_has "ftl-project.lock:7:17: error[E0707]: the cached schema of realm \"bank\" ($cache) does not match schema-sha256: its SHA-256 is $(sha256_of "$cache")"
t "check says to fetch again" err_has "help: run 'ftlc realm fetch' to fetch it again"
run export shop.ftl
t "export with a tampered cache exits 1" code_is 1
t "export with a tampered cache writes nothing" missing ftl-external-schema.txtpb
run realm list
t "list shows the mismatch" out_has " mismatch "
run realm fetch --offline
t "offline with a tampered cache exits 1" code_is 1
t "offline leaves the tampered file" grep -q '# edited' "$cache"
run realm fetch
t "fetch repairs a tampered cache" code_is 0
t "the repaired file matches schema-sha256" \
    is "$(sha256_of "$cache")" "$(recorded_sha bank)"
run check shop.ftl
t "check after repair exits 0" code_is 0

# --- a server that does not serve commits by id (protocol v0): the branch is fetched ---
rm -rf .ftl
GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=protocol.version GIT_CONFIG_VALUE_0=0
export GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0
run realm fetch
unset GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0
t "fetch from a server that refuses commits by id exits 0" code_is 0
t "... and caches the pinned commit" \
    is "$(sha256_of "$cache")" "$(recorded_sha bank)"

# A pinned commit that is on no branch of the server any more.
git -C "$S/bank" checkout -q -b side
git -C "$S/bank" -c user.name=e2e -c user.email=e2e@ftlc.invalid commit -q --allow-empty -m side
side=$(head_of "$S/bank")
git -C "$S/bank" checkout -q main && git -C "$S/bank" branch -q -D side
sed "s/$c1/$side/" "$S/shop/ftl-project.toml" >"$S/lost.toml"
GIT_CONFIG_COUNT=1 GIT_CONFIG_KEY_0=protocol.version GIT_CONFIG_VALUE_0=0
export GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0
run realm fetch --project "$S/lost.toml"
unset GIT_CONFIG_COUNT GIT_CONFIG_KEY_0 GIT_CONFIG_VALUE_0
t "a commit gone from the server exits 2" code_is 2
t "a commit gone from the server: one line" err_is "error[E0708]: realm \"bank\": cannot fetch commit $(printf %.12s "$side") from 'file://$S/bank': the commit is not on branch 'main'"

# --- a pin whose checksum does not match what git has -------------------------------
rm -rf .ftl
sed 's/^schema-sha256 = ".*"$/schema-sha256 = "0000000000000000000000000000000000000000000000000000000000000000"/' \
    ftl-project.lock >ftl-project.lock.new && mv ftl-project.lock.new ftl-project.lock
run realm fetch
t "a checksum git cannot match exits 1" code_is 1
t "it is reported at schema-sha256" err_has 'ftl-project.lock:7:17: error[E0707]: the schema of realm "bank" fetched at'
t "nothing is cached" missing .ftl
printf '%s\n' "$pinned" >ftl-project.toml
printf '%s\n' "$locked" >ftl-project.lock

# --- a pin without commit -----------------------------------------------------------
printf 'name = "shop"\n[realms.egress.bank]\ngit-repo = "%s"\ngit-branch = "main"\n' "$S/bank" >ftl-project.toml
rm ftl-project.lock
run realm fetch
t "a pin without git-commit exits 1" code_is 1
t "a pin without git-commit: E0710" err_has 'error[E0710]: realm "bank" is not pinned to a commit (no git-commit)'
t "and says to update" err_has "help: run 'ftlc realm update bank'"
run realm update
t "update pins it" code_is 0
t "update says it pinned it" out_is "bank: pinned at $(printf %.12s "$(head_of "$S/bank")") (main)"
run realm fetch --offline
t "then it is cached" code_is 0

# --- no project ---------------------------------------------------------------------
mkdir -p "$S/loose" && cd "$S/loose" || exit 2
run check "$S/shop/shop.ftl" --external-realm "bank=$S/bank/ftl-external-schema.txtpb"
t "--external-realm works without a project file" code_is 0

finish
