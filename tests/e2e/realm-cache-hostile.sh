#!/bin/sh
# A project cloned from a repository whose committer put something other than
# schemas into .ftl/realms (issue 11): a symbolic link to a file outside the
# project, a link to /dev/zero, a FIFO, a huge file, a symlinked .ftl/realms.
# Nothing is ever read through them or written through them, nothing outside
# the project is deleted, and each is an error naming the path (exit 1).
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
c1=$(head_of "$S/bank")

# The shop, pinned at c1, committed with its cache, then cloned: the clone is
# what a user gets.
make_shop "$S/origin"
(cd "$S/origin" && "$FTLC" realm add --git-repo "$S/bank" --git-branch main >/dev/null) || exit 2
git init -q "$S/origin" && git_commit "$S/origin" "shop"
cache=.ftl/realms/bank/$c1.txtpb

# clone_with WHAT: a fresh clone of the shop at $S/shop whose cache entry is
# replaced by WHAT (a command run in .ftl/realms/bank), committed and cloned.
clone_with() {
    cd "$S" && rm -rf "$S/shop" "$S/src"
    git clone -q "$S/origin" "$S/src" && (cd "$S/src/.ftl/realms/bank" && rm -f "$c1.txtpb" && eval "$1") &&
        git_commit "$S/src" "hostile" && git clone -q "$S/src" "$S/shop" && cd "$S/shop" || return 1
}

# in_clone WHAT: a fresh clone whose cache entry is replaced by WHAT afterwards
# (what git cannot carry: a FIFO; what it should not: 100 MB).
in_clone() {
    cd "$S" && rm -rf "$S/shop" && git clone -q "$S/origin" "$S/shop" &&
        (cd "$S/shop/.ftl/realms/bank" && rm -f "$c1.txtpb" && eval "$1") && cd "$S/shop" || return 1
}

# --- a link to a file outside the project ------------------------------------------------
printf 'precious\n' >"$S/outside.txt"
clone_with "ln -s '$S/outside.txt' '$c1.txtpb'" || exit 2
t "the clone has the link" test -L "$cache"
run check shop.ftl
t "check with a linked cache entry exits 1" code_is 1
t "check names the entry and why" \
    err_has "error[E0712]: the cached schema of realm \"bank\" at $(printf %.12s "$c1") cannot be used: '$cache' is not read: it is a symbolic link"
t "check says how to repair it" err_has "help: remove it and run 'ftlc realm fetch'"
run realm list
t "list shows the entry as unusable" out_has " unusable "
run realm fetch --offline
t "fetch --offline fails on it" code_is 1
run realm fetch
t "fetch replaces the link" code_is 0
t "the entry is a file now" sh -c "[ -f '$cache' ] && [ ! -L '$cache' ]"
t "with the schema" same_file "$cache" "$S/bank/ftl-external-schema.txtpb"
t "the file outside is untouched" is "$(cat "$S/outside.txt")" "precious"
run check shop.ftl
t "check after fetch exits 0" code_is 0

# --- /dev/zero, a FIFO, a huge file: never read, never waited on --------------------------
for what in "ln -s /dev/zero '$c1.txtpb'" "mkfifo '$c1.txtpb'"; do
    in_clone "$what" || exit 2
    start=$(date +%s)
    timeout 20 "$FTLC" check shop.ftl >"$S/out" 2>"$S/err"
    code=$?
    t "check on '$what' exits 1 at once" [ "$code" -eq 1 ] && [ $(($(date +%s) - start)) -lt 10 ]
    t "check on '$what' says E0712" err_has "error[E0712]"
done
in_clone "truncate -s 100M '$c1.txtpb'" || exit 2
run check shop.ftl
t "a cache entry over 64 MiB exits 1" code_is 1
t "it says the limit" err_has "'$cache' is too large (the limit is 67108864 bytes)"

# --- a symlinked .ftl/realms: remove deletes nothing outside ---------------------------------
mkdir -p "$S/elsewhere/bank"
printf 'keep\n' >"$S/elsewhere/bank/$c1.txtpb"
clone_with "cd .. && rm -rf bank && cd .. && rm -rf realms && ln -s '$S/elsewhere' realms" || exit 2
run check shop.ftl
t "check through a symlinked .ftl/realms exits 1" code_is 1
t "it names the link" err_has "'.ftl/realms' is a symbolic link or not a directory"
run realm fetch
t "fetch does not write through a symlinked .ftl/realms" code_is 2
t "nothing was written there" is "$(cat "$S/elsewhere/bank/$c1.txtpb")" "keep"
run realm remove bank
t "remove unpins the realm" code_is 0
t "remove says it left the cache" err_has "warning[W0703]: the cache of realm \"bank\" was not deleted"
t "remove deleted nothing outside the project" test -f "$S/elsewhere/bank/$c1.txtpb"

# --- remove deletes only the schemas it cached -----------------------------------------------
clone_with "cp '$S/bank/ftl-external-schema.txtpb' '$c1.txtpb' && printf 'mine\n' >notes.txt &&
    ln -s '$S/outside.txt' 0000000000000000000000000000000000000000.json && mkdir sub && touch sub/x" || exit 2
run realm remove bank
t "remove exits 0" code_is 0
t "remove deleted the cached schema" missing "$cache"
t "remove kept a file it did not cache" test -f .ftl/realms/bank/notes.txt
t "remove kept a link named like a schema" test -L .ftl/realms/bank/0000000000000000000000000000000000000000.json
t "the link's target is untouched" is "$(cat "$S/outside.txt")" "precious"
t "remove names what it kept" err_has "warning[W0703]: kept "
t "... every one" sh -c "grep -q \"'notes.txt'\" '$S/err' && grep -q \"'sub'\" '$S/err'"

finish
