#!/bin/sh
# Edits of the project file (issue 11): commands that run at once in one project
# take turns (flock on ftl-project.toml, the file read under the lock), so eight
# parallel `realm add` keep eight pins; the file keeps its permissions; a
# read-only file, a symbolic link and a lock held too long are refused with a
# clear error (exit 2) and nothing is written.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
make_shop "$S/shop"
cd "$S/shop" || exit 2

# --- eight adds at once ----------------------------------------------------------------
pids=
for i in 1 2 3 4 5 6 7 8; do
    "$FTLC" realm add --git-repo "$S/bank" --git-branch main --name "bank$i" \
        >"$S/out$i" 2>"$S/err$i" </dev/null &
    pids="$pids $!"
done
ok=0
for p in $pids; do wait "$p" && ok=$((ok + 1)); done
t "eight parallel adds all succeed" is "$ok" 8
t "eight pins in the project file" is "$(grep -c '^\[realms.egress.bank[1-8]\]$' ftl-project.toml)" 8
t "eight entries in the lock file" is "$(grep -c '^\[realms.bank[1-8]\]$' ftl-project.lock)" 8
t "eight cached schemas" is "$(ls .ftl/realms | wc -l | tr -d ' ')" 8
run realm list
t "list shows all eight, cached" is "$(grep -c ' cached ' "$S/out")" 8
t "no temporary file is left" is "$(find . -maxdepth 1 -name '*ftlc-*' | wc -l | tr -d ' ')" 0

# --- permissions ------------------------------------------------------------------------
chmod 640 ftl-project.toml
run realm remove bank8
t "remove exits 0" code_is 0
t "the project file keeps its mode" is "$(stat -c %a ftl-project.toml)" 640

chmod 444 ftl-project.toml
snap=$(snapshot .)
run realm remove bank7
t "a read-only project file: exit 2" code_is 2
t "a read-only project file: says so" \
    err_is "error[E0713]: 'ftl-project.toml' is read-only (mode 0444): ftlc realm does not replace it; make it writable to edit it"
t "a read-only project file is not replaced" is "$(snapshot .)" "$snap"
t "and keeps its mode" is "$(stat -c %a ftl-project.toml)" 444
run realm list
t "list still reads it" code_is 0
chmod 644 ftl-project.toml

chmod 444 ftl-project.lock
run realm remove bank7
t "a read-only lock file: exit 2" code_is 2
t "a read-only lock file: says so" err_has "'ftl-project.lock' is read-only (mode 0444)"
chmod 644 ftl-project.lock

# --- a symbolic link is not replaced by a file --------------------------------------------
mv ftl-project.toml real.toml && ln -s real.toml ftl-project.toml
snap=$(snapshot .)
run realm remove bank7
t "a linked project file: exit 2" code_is 2
t "a linked project file: says to give its target" \
    err_has "'ftl-project.toml' is a symbolic link: ftlc realm edits only a regular file (give the file it points to with --project)"
t "the link stays a link" test -L ftl-project.toml
t "nothing changed" is "$(snapshot .)" "$snap"
rm ftl-project.toml && mv real.toml ftl-project.toml

# --- a lock held by someone else ------------------------------------------------------------
if command -v flock >/dev/null 2>&1; then
    flock ftl-project.toml sleep 4 &
    holder=$!
    sleep 1
    snap=$(snapshot .)
    start=$(date +%s)
    run realm remove bank7 --timeout 1
    t "a held lock: exit 2 after the timeout" code_is 2
    t "a held lock: says so" \
        err_is "error[E0713]: 'ftl-project.toml' is locked by another ftlc realm command (waited 1 s): try again when it is done"
    t "a held lock: waits no longer than asked" [ $(($(date +%s) - start)) -lt 10 ]
    t "a held lock: nothing changed" is "$(snapshot .)" "$snap"
    run realm list
    t "list does not wait for the lock" code_is 0
    wait "$holder" 2>/dev/null # the lock goes with it
    run realm remove bank7
    t "once the lock is free, remove works" code_is 0
else
    echo "note: no flock(1) here: the held-lock case is skipped"
fi

finish
