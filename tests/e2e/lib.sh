# lib.sh - what the federation scenarios share (sourced, POSIX sh).
#
# Every scenario works in a scratch folder of its own, removed at the end, with
# real git repositories made there (paths and file:// URLs, no network). Git
# reads no user or system configuration, so the machine's setup plays no part.
#
#   t "what is checked" COMMAND...   one assertion: passes when COMMAND succeeds
#   run ARGS...                      runs ftlc in the current folder: $code, $S/out, $S/err
#   finish                           prints "e2e-NAME: N passed, M failed" and exits
#
# Environment: FTLC (the binary; default ../../ftlc from here).
set -u
E2E_DIR=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$E2E_DIR/../../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
E2E_NAME=${0##*/}
E2E_NAME=e2e-${E2E_NAME%.sh}
S=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-e2e.XXXXXX") || exit 2
trap 'rm -rf "$S"' EXIT INT TERM
mkdir -p "$S/home"
HOME=$S/home
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
NO_COLOR=1
TERM=dumb
export HOME GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL NO_COLOR TERM
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE

passed=0
failed=0

t() {
    what=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what"
        [ -f "$S/err" ] && sed 's/^/    stderr: /' "$S/err" | head -20
    fi
}

run() {
    "$FTLC" "$@" >"$S/out" 2>"$S/err" </dev/null
    code=$?
}

finish() {
    echo "$E2E_NAME: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
    exit $?
}

# Assertions for t.
is() { [ "$1" = "$2" ]; }
code_is() { [ "$code" -eq "$1" ]; }
out_has() { grep -qF -- "$1" "$S/out"; }
err_has() { grep -qF -- "$1" "$S/err"; }
out_is() { printf '%s\n' "$1" | cmp -s - "$S/out"; }
err_is() { printf '%s\n' "$1" | cmp -s - "$S/err"; }
out_empty() { [ ! -s "$S/out" ]; }
err_empty() { [ ! -s "$S/err" ]; }
err_lines() { [ "$(wc -l <"$S/err" | tr -d ' ')" -eq "$1" ]; }
same_file() { cmp -s "$1" "$2"; }
missing() { [ ! -e "$1" ]; }

sha256_of() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
    else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# A listing of a folder with every file's bytes, to prove that a command left
# it exactly as it was.
snapshot() {
    (cd "$1" && find . -path ./.git -prune -o -print | LC_ALL=C sort | while read -r f; do
        if [ -f "$f" ]; then printf '%s %s\n' "$f" "$(sha256_of "$f")"; else printf '%s\n' "$f"; fi
    done)
}

git_commit() { # DIR MESSAGE: commits everything in DIR
    git -C "$1" add -A &&
        git -C "$1" -c user.name=e2e -c user.email=e2e@ftlc.invalid -c commit.gpgsign=false \
            commit -q -m "$2"
}

head_of() { git -C "$1" rev-parse HEAD; }

# The schema-sha256 that ftl-project.lock (or the lock file given) records, for
# the realm named (every one when none is).
recorded_sha() { # [REALM [LOCKFILE]]
    awk -v r="${1:-}" '/^\[/ { on = r == "" || $0 == "[realms." r "]" }
        on && /^schema-sha256 = / { gsub(/^schema-sha256 = "|"$/, ""); print }' "${2:-ftl-project.lock}"
}

# A realm's repository at DIR: ftl-project.toml naming it, SRC (schema text,
# copied to NAME.ftl) and its public schema written by ftlc export, committed on
# branch main.
make_realm_repo() { # DIR NAME SRC
    mkdir -p "$1"
    git init -q "$1" && git -C "$1" symbolic-ref HEAD refs/heads/main
    printf 'name = "%s"\n' "$2" >"$1/ftl-project.toml"
    publish "$1" "$2" "$3" "the $2 realm"
}

publish() { # DIR NAME SRC MESSAGE: a new version of the realm, exported and committed
    cp "$3" "$1/$2.ftl"
    (cd "$1" && "$FTLC" export "$2.ftl" 2>"$S/export.err") || return 1
    git_commit "$1" "$4"
}

# The bank realm, version 1.
cat >"$S/bank-v1.ftl" <<'EOF'
realm bank {
  module accounts {
    export realm data WithdrawRequest {
      account String
      amount Int
    }

    export realm data Balance {
      balance Int
      currency String
    }

    export realm enum Status: String {
      Open = "open"
      Closed = "closed"
    }

    export realm verb withdraw(accounts.WithdrawRequest) accounts.Balance

    verb audit(accounts.WithdrawRequest) Unit
  }
}
EOF

# The shop realm, which calls the bank.
cat >"$S/shop.ftl" <<'EOF'
realm shop {
  module checkout {
    export realm data Order {
      id String
      total Int
    }

    export realm verb place(checkout.Order) Unit
      +calls checkout.charge

    verb charge(accounts.WithdrawRequest@bank) accounts.Balance@bank
      +calls accounts.withdraw@bank
  }
}
EOF

# A shop project at DIR: ftl-project.toml (name = "shop") and shop.ftl.
make_shop() {
    mkdir -p "$1"
    printf 'name = "shop"\n' >"$1/ftl-project.toml"
    cp "$S/shop.ftl" "$1/shop.ftl"
}
