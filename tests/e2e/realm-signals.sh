#!/bin/sh
# Signals during ftlc realm add, update and fetch (issue 11): TERM, HUP or INT
# at any moment end the command by that signal, and leave no temporary
# directory and no half-written file: the project file, the lock file and the
# cache are all as before, or all as after. A write past the file-size limit
# (ulimit -f) is an I/O error (exit 2), not a SIGXFSZ kill.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
make_shop "$S/shop"
cd "$S/shop" || exit 2

# A git that takes its time, so that a signal can land anywhere in a command.
real_git=$(command -v git)
mkdir -p "$S/bin" "$S/tmp"
printf '#!/bin/sh\nsleep 0.1\nexec "%s" "$@"\n' "$real_git" >"$S/bin/git"
chmod +x "$S/bin/git"

default_signals=
env --default-signal=INT true 2>/dev/null && default_signals="env --default-signal=INT"

# state: the project file, the lock file and the cache, as one listing.
state() { snapshot . | grep -v '^\.$'; }

# interrupt SIG MS ARGS...: runs `ftlc ARGS` and sends SIG after MS
# milliseconds; $code is its exit status.
interrupt() {
    sig=$1 ms=$2
    shift 2
    # A shell starts background jobs with INT ignored; GNU env puts it back.
    PATH=$S/bin:$PATH TMPDIR=$S/tmp $default_signals "$FTLC" "$@" >/dev/null 2>"$S/err" </dev/null &
    pid=$!
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -"$sig" "$pid" 2>/dev/null
    wait "$pid"
    code=$?
}

# whole LABEL BEFORE AFTER: the tree is one of the two states, and nothing else
# is left behind.
whole() {
    now=$(state)
    if [ "$now" = "$1" ]; then olds=$((olds + 1))
    elif [ "$now" = "$2" ]; then news=$((news + 1))
    else t "$3: the project is as before or as after" false; fi
    t "$3: no temporary directory" is "$(ls -A "$S/tmp")" ""
    t "$3: no temporary file" is "$(find . -name '*.ftlc-*' | wc -l | tr -d ' ')" 0
}

olds=0 news=0
before=$(state)
run realm add --git-repo "$S/bank" --git-branch main
t "add (to know what it writes)" code_is 0
after=$(state)
run realm remove bank
t "remove" code_is 0
before=$(state)
for ms in 30 200 450 700 1000 1400; do
    interrupt TERM "$ms" realm add --git-repo "$S/bank" --git-branch main
    t "add, TERM after ${ms} ms: ends by the signal or completes" sh -c "[ $code -eq 143 ] || [ $code -eq 0 ]"
    whole "$before" "$after" "add, TERM after ${ms} ms"
    [ "$(state)" = "$after" ] && "$FTLC" realm remove bank >/dev/null 2>&1
done
t "some adds were stopped before they wrote" [ "$olds" -gt 0 ]
if [ -n "$default_signals" ]; then
    interrupt INT 400 realm add --git-repo "$S/bank" --git-branch main
    t "add, INT: ends by the signal" is "$code" 130
    whole "$before" "$after" "add, INT"
fi
# An INT the caller ignores (a background job of a script) is not a stop.
PATH=$S/bin:$PATH TMPDIR=$S/tmp "$FTLC" realm add --git-repo "$S/bank" --git-branch main \
    >/dev/null 2>"$S/err" </dev/null &
pid=$!
sleep 0.4
kill -INT "$pid"
wait "$pid"
code=$?
t "add, an ignored INT: the command goes on" code_is 0
"$FTLC" realm remove bank >/dev/null 2>&1
interrupt HUP 400 realm add --git-repo "$S/bank" --git-branch main
t "add, HUP: ends by the signal" is "$code" 129
whole "$before" "$after" "add, HUP"

# update and fetch: a new version to move to, a cache to fill.
run realm add --git-repo "$S/bank" --git-branch main
sed 's/      currency String/      currency String\
      note String?/' "$S/bank-v1.ftl" >"$S/bank-v2.ftl"
publish "$S/bank" bank "$S/bank-v2.ftl" "v2"
old=$(state)
cp -R . "$S/pinned-v1"
run realm update
t "update (to know what it writes)" code_is 0
new=$(state)
olds=0 news=0
for ms in 100 400 800 1200; do
    rm -rf ./* ./.ftl && cp -R "$S/pinned-v1/." .
    interrupt TERM "$ms" realm update
    t "update, TERM after ${ms} ms: ends by the signal or completes" sh -c "[ $code -eq 143 ] || [ $code -eq 0 ]"
    whole "$old" "$new" "update, TERM after ${ms} ms"
done
t "some updates were stopped before they wrote" [ "$olds" -gt 0 ]
rm -rf .ftl/realms/bank
old=$(state)
run realm fetch
new=$(state)
olds=0 news=0
for ms in 100 400 700; do
    rm -rf .ftl/realms/bank
    interrupt TERM "$ms" realm fetch
    t "fetch, TERM after ${ms} ms: ends by the signal or completes" sh -c "[ $code -eq 143 ] || [ $code -eq 0 ]"
    whole "$old" "$new" "fetch, TERM after ${ms} ms"
done

# --- the file-size limit ------------------------------------------------------------------
"$FTLC" realm remove bank >/dev/null 2>&1
before=$(state)
(ulimit -f 1 && PATH=$S/bin:$PATH TMPDIR=$S/tmp exec "$FTLC" realm add --git-repo "$S/bank" \
    --git-branch main) >/dev/null 2>"$S/err"
code=$?
t "add past ulimit -f: exit 2, not a signal" code_is 2
t "add past ulimit -f: nothing written" is "$(state)" "$before"
t "add past ulimit -f: no temporary directory" is "$(ls -A "$S/tmp")" ""

finish
