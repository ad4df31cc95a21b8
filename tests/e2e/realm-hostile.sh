#!/bin/sh
# Repository arguments that would make git run commands are refused before git
# runs; git itself runs with an argument vector, '--' before user values, no
# prompts, a time limit and a temporary folder that is removed afterwards.
. "$(dirname "$0")/lib.sh"

make_realm_repo "$S/bank" bank "$S/bank-v1.ftl"
make_shop "$S/shop"
cd "$S/shop" || exit 2
pwned=$S/pwned
snap=$(snapshot .)

# Each must exit 2, run nothing and write nothing.
refused() { # WHAT ARGS...
    what=$1
    shift
    run realm add "$@"
    t "$what: exit 2" code_is 2
    t "$what: refused" err_has "is refused"
    t "$what: no command ran" missing "$pwned"
    t "$what: nothing written" is "$(snapshot .)" "$snap"
}

refused "--upload-pack as the repository" --git-repo "--upload-pack=touch $pwned" --git-branch main
refused "--upload-pack with =" "--git-repo=--upload-pack=touch $pwned" --git-branch main
refused "ext:: transport" --git-repo "ext::sh -c touch% $pwned" --git-branch main
refused "EXT:: transport" --git-repo "EXT::sh -c touch% $pwned" --git-branch main
refused "fd:: transport" --git-repo "fd::3" --git-branch main
refused "another remote helper" --git-repo "evil::$pwned" --git-branch main
refused "a leading '-'" --git-repo "-oProxyCommand=touch $pwned" --git-branch main
refused "ssh host beginning with '-'" --git-repo "ssh://-oProxyCommand=touch%20$pwned/x" --git-branch main
refused "scp-like host beginning with '-'" --git-repo "git@-oProxyCommand=x:repo" --git-branch main
refused "a newline in the repository" --git-repo "$S/bank
--upload-pack=touch $pwned" --git-branch main
refused "--upload-pack as the branch" --git-repo "$S/bank" --git-branch "--upload-pack=touch $pwned"
refused "a branch with a colon" --git-repo "$S/bank" --git-branch "main:refs/heads/x"
t "ext:: says why" sh -c "'$FTLC' realm add --git-repo 'ext::x' --git-branch main 2>&1 | grep -qF 'the ext:: transport runs commands'"

run realm add --git-repo "$S/bank" --git-branch main --git-path ../../etc/passwd
t "a git-path with '..' exits 2" code_is 2
t "a git-path with '..' writes nothing" is "$(snapshot .)" "$snap"

# --- the same values in ftl-project.toml never reach git --------------------------------
for repo in "ext::sh -c touch% $pwned" "--upload-pack=touch $pwned" "fd::0"; do
    printf 'name = "shop"\n\n[realms.egress.bank]\ngit-repo = "%s"\ngit-branch = "main"\ngit-commit = "%s"\n' \
        "$repo" "$(head_of "$S/bank")" >ftl-project.toml
    for cmd in update fetch; do
        run realm $cmd
        t "$cmd with git-repo '$repo': exit 1" code_is 1
        t "$cmd with git-repo '$repo': E0703 at the value" err_has 'ftl-project.toml:4:12: error[E0703]: git-repo of realm "bank" is refused'
        t "$cmd with git-repo '$repo': no command ran" missing "$pwned"
    done
    run check shop.ftl
    t "check with git-repo '$repo' exits 1" code_is 1
done
printf 'name = "shop"\n' >ftl-project.toml

# --- how git is run: a stand-in git on PATH records its arguments and environment --------
real_git=$(command -v git)
mkdir -p "$S/bin" "$S/tmp"
cat >"$S/bin/git" <<SH
#!/bin/sh
{
    printf 'ARGS'; for a in "\$@"; do printf ' [%s]' "\$a"; done; printf '\n'
    printf 'PROMPT=%s\n' "\${GIT_TERMINAL_PROMPT-unset}"
    printf 'ALLOW=%s\n' "\${GIT_ALLOW_PROTOCOL-unset}"
    printf 'GIT_DIR=%s\n' "\${GIT_DIR-unset}"
    printf 'ASKPASS=%s\n' "\${GIT_ASKPASS-unset}"
    if [ -t 0 ]; then echo STDIN=tty; else echo STDIN=other; fi
} >>"$S/git.log"
[ -n "\${FAKE_GIT_SLEEP-}" ] && sleep "\$FAKE_GIT_SLEEP"
exec "$real_git" "\$@"
SH
chmod +x "$S/bin/git"
PATH=$S/bin:$PATH GIT_DIR=/nonexistent GIT_ASKPASS=/bin/echo TMPDIR=$S/tmp \
    "$FTLC" realm add --git-repo "$S/bank" --git-branch main >"$S/out" 2>"$S/err"
code=$?
t "add through the stand-in git exits 0" code_is 0
t "ls-remote gets '--' before the repository" grep -qF "[ls-remote] [--] [$S/bank] [refs/heads/main]" "$S/git.log"
t "fetch gets '--' before the repository" grep -qF "[--depth=1] [--] [$S/bank] [$(head_of "$S/bank")]" "$S/git.log"
t "no credential helper" grep -qF "[-c] [credential.helper=]" "$S/git.log"
t "ext is never allowed" grep -qF "[-c] [protocol.ext.allow=never]" "$S/git.log"
t "GIT_TERMINAL_PROMPT=0 every time" sh -c "! grep '^PROMPT=' '$S/git.log' | grep -qv '^PROMPT=0$'"
t "only plain protocols" grep -qF "ALLOW=file:git:http:https:ssh" "$S/git.log"
t "GIT_DIR from the caller is removed" sh -c "! grep -q '^GIT_DIR=/nonexistent' '$S/git.log'"
t "no askpass program" sh -c "! grep -q '^ASKPASS=/bin/echo' '$S/git.log'"
t "git never reads a terminal" sh -c "! grep -q '^STDIN=tty' '$S/git.log'"
t "the temporary repository is removed" is "$(ls -A "$S/tmp")" ""

# A git that hangs is stopped at the time limit, and leaves nothing behind.
start=$(date +%s)
PATH=$S/bin:$PATH FAKE_GIT_SLEEP=30 TMPDIR=$S/tmp \
    "$FTLC" realm update --timeout 1 >"$S/out" 2>"$S/err"
code=$?
elapsed=$(($(date +%s) - start))
t "a hanging git: exit 2" code_is 2
t "a hanging git: one line naming the realm and the time limit" \
    err_is "error[E0708]: realm \"bank\": cannot resolve branch 'main' of '$S/bank': git timed out after 1 s"
t "a hanging git is stopped in time" [ "$elapsed" -lt 10 ]
t "a hanging git leaves no temporary folder" is "$(ls -A "$S/tmp")" ""

# SIGTERM while git runs: git is stopped and the temporary repository removed
# before ftlc ends by the signal.
PATH=$S/bin:$PATH FAKE_GIT_SLEEP=30 TMPDIR=$S/tmp "$FTLC" realm update >/dev/null 2>&1 &
pid=$!
sleep 1
kill -TERM "$pid"
wait "$pid"
code=$?
t "SIGTERM during git ends ftlc by the signal" code_is 143
t "SIGTERM during git leaves no temporary folder" is "$(ls -A "$S/tmp")" ""
t "SIGTERM during git leaves the project as it was" grep -q "git-commit = \"$(head_of "$S/bank")\"" ftl-project.toml

finish
