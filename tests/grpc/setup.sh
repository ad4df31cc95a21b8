#!/bin/sh
# setup.sh DIR - installs the Node packages of the gRPC test server (server.js,
# package.json next to this script) into DIR/node_modules, once: a later run
# with the same package.json does nothing. Prints DIR/node_modules, the folder
# to give node as NODE_PATH.
#
# Exits 77 (automake's "skipped") with the reason on standard error when node
# or npm is missing or the packages cannot be installed (no network), so that
# the tests that need the server skip rather than fail. NODE and NPM name the
# programs (default: node, else nodejs; npm).
set -u
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
dir=$1
skip() { echo "setup.sh: $*: skipping the gRPC server tests" >&2; exit 77; }

NODE=${NODE:-}
[ -n "$NODE" ] || NODE=$(command -v node || command -v nodejs || true)
NPM=${NPM:-$(command -v npm || true)}
[ -n "$NODE" ] && [ -x "$(command -v "$NODE")" ] || skip "node is not installed (Debian: apt-get install nodejs)"
[ -n "$NPM" ] && [ -x "$(command -v "$NPM")" ] || skip "npm is not installed (Debian: apt-get install npm)"

mkdir -p "$dir" || exit 2
dir=$(cd "$dir" && pwd)
# Tests run in parallel: one installs, the others wait for it.
exec 9>"$dir/.setup.lock"
command -v flock >/dev/null 2>&1 && flock 9
if [ -d "$dir/node_modules/@grpc/reflection" ] && cmp -s "$here/package.json" "$dir/package.json"; then
    echo "$dir/node_modules"
    exit 0
fi
cp "$here/package.json" "$dir/package.json" || exit 2
rm -rf "$dir/node_modules"
if ! (cd "$dir" && timeout 600 "$NPM" install --no-audit --no-fund --no-package-lock \
    --omit=dev --loglevel=error >"$dir/npm.log" 2>&1); then
    rm -f "$dir/package.json"
    tail -n 5 "$dir/npm.log" >&2
    skip "npm could not install @grpc/grpc-js, @grpc/proto-loader and @grpc/reflection"
fi
echo "$dir/node_modules"
