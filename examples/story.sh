#!/bin/sh
# story.sh - the federation story of examples/README.md, start to finish:
# check and export the bank realm, publish it as a git repository, pin it in
# a copy of the shop project with `ftlc realm add`, check the shop against it
# and print the shop's clients. Works offline, in a temporary folder.
#
# usage: examples/story.sh     (FTLC names the ftlc to run; default: ../ftlc)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
FTLC=${FTLC:-$here/../ftlc}
case $FTLC in /*) ;; *) FTLC=$(pwd)/$FTLC ;; esac
export FTLC
work=$(mktemp -d "${TMPDIR:-/tmp}/ftlc-story.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
step() { printf '\n== %s\n' "$*"; }

step "bank: check, and check that its committed public schema is current"
(cd "$here/bank" && "$FTLC" check -W error bank.ftl &&
    "$FTLC" export --check ftl-external-schema.txtpb bank.ftl)

step "bank: publish it as a git repository"
repo=$("$here/make-bank-repo.sh" "$work/bank-realm")
echo "$repo"

step "shop: pin the bank realm (ftlc realm add)"
cp -R "$here/shop" "$work/shop"
cd "$work/shop"
"$FTLC" realm add --git-repo "$repo" --git-branch main
"$FTLC" realm list

step "shop: check against the pinned bank realm"
"$FTLC" check -W error shop.ftl

step "shop: its public schema stays free of bank types"
"$FTLC" export --check ftl-external-schema.txtpb shop.ftl

step "shop: where the clients of every callable verb live"
"$FTLC" clients shop.ftl
