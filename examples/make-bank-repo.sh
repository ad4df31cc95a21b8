#!/bin/sh
# make-bank-repo.sh - turn examples/bank into a local git repository, so that
# another realm can consume it offline:
#
#   repo=$(examples/make-bank-repo.sh /tmp/bank)
#   cd examples/shop && ftlc realm add --git-repo "$repo" --git-branch main
#
# Copies the bank project (ftl-project.toml, bank.ftl) into DIR, which must not
# exist or be empty, runs `ftlc export` there so that the public schema
# ftl-external-schema.txtpb is regenerated and committed with the code (as
# ftlc-export(1) says a realm should), commits everything on branch main, and prints
# the repository's absolute path on standard output.
#
# ftlc is $FTLC if set, else the ftlc built in the source tree (../ftlc from
# this script), else the one on PATH.
set -eu

usage() {
    echo "usage: $0 DIR" >&2
    exit 2
}
[ $# -eq 1 ] || usage
[ -n "$1" ] || usage

here=$(cd "$(dirname "$0")" && pwd)
src=$here/bank
if [ -z "${FTLC:-}" ]; then
    if [ -x "$here/../ftlc" ]; then FTLC=$here/../ftlc; else FTLC=ftlc; fi
fi

dir=$1
if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
    echo "$0: error: '$dir' exists and is not empty" >&2
    exit 1
fi
mkdir -p -- "$dir"
dir=$(cd -- "$dir" && pwd)

cp "$src/ftl-project.toml" "$src/bank.ftl" "$dir/"
(cd "$dir" && "$FTLC" check -W error bank.ftl && "$FTLC" export -o ftl-external-schema.txtpb bank.ftl) >&2

# Everything below talks to git in DIR only; no global configuration is needed
# or changed. The branch is named explicitly for gits older than 2.28
# (no 'git init -b').
git -C "$dir" init -q
git -C "$dir" symbolic-ref HEAD refs/heads/main
git -C "$dir" add ftl-project.toml bank.ftl ftl-external-schema.txtpb
# A fixed author, committer and date: the same tree gives the same commit id.
GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z" \
    git -C "$dir" -c user.name="ftlc examples" -c user.email="examples@ftlc.invalid" \
    -c commit.gpgsign=false commit -q -m "bank realm: accounts and statements API"

echo "$dir"
