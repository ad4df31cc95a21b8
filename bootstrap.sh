#!/bin/sh
# bootstrap.sh - installs the Debian packages that building and testing ftlc
# need (README.md, "Quick start"):
#
#   ./bootstrap.sh         the build, `make check` and the examples
#   ./bootstrap.sh --ci    also what .ci/run uses besides: valgrind,
#                          clang-format (make format-check), clang with its
#                          libFuzzer runtime, cmake and ninja (tests/e2e/
#                          build-systems.sh), Node.js, npm and openssl (the gRPC
#                          servers of tests/e2e/import-grpc.sh), Neovim
#                          (tests/lsp/nvim.sh)
#
# As root it runs apt-get itself (containers often have no sudo); as another
# user it runs it through sudo, and only then. Packages already installed are
# not asked for again, so a second run needs no network.
set -eu

pkgs="build-essential autoconf automake libtool pkg-config re2c lemon libcmocka-dev
      libjansson-dev libutf8proc-dev libprotobuf-c-dev protobuf-c-compiler protobuf-compiler
      libprotobuf-dev libgrpc-dev grpc-proto git"
case ${1:-} in
--ci)
    pkgs="$pkgs valgrind clang clang-format libclang-rt-dev cmake ninja-build openssl neovim"
    # Debian's Node.js, unless the machine has one: NodeSource's nodejs
    # bundles npm and conflicts with Debian's npm package.
    command -v node >/dev/null 2>&1 || pkgs="$pkgs nodejs"
    command -v npm >/dev/null 2>&1 || pkgs="$pkgs npm"
    ;;
"") ;;
*)
    echo "usage: ./bootstrap.sh [--ci]" >&2
    exit 2
    ;;
esac

missing=
for p in $pkgs; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed$' ||
        missing="$missing $p"
done
if [ -z "$missing" ]; then
    echo "bootstrap.sh: every package is installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    as_root=
elif command -v sudo >/dev/null 2>&1; then
    as_root=sudo
else
    echo "bootstrap.sh: you are not root and there is no sudo; as root, run:" >&2
    echo "  apt-get update && apt-get install -y$missing" >&2
    exit 1
fi
echo "bootstrap.sh: installing$missing"
$as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# shellcheck disable=SC2086
$as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
