#!/usr/bin/env bash
# Runs the official MCP conformance suite (@modelcontextprotocol/conformance 0.2.x, server scenarios) against
# `loket serve` on a free local port: the scenarios the 2026-07-28 revision requires (stateless wire), those the
# 2025-11-25 revision requires (initialize handshake, still what most clients speak), and the Skills extension
# scenarios (sep-2640-*). Only checks that need the suite's own fixtures are expected to fail
# (.ci/conformance-<revision>.yml); any other failure, or a baseline entry that starts passing, exits non-zero.
# The suite needs Node >= 22: it runs on the Node 22 binary of .ci/node-lines (the server itself runs on the
# Node that runs this script). The server is stopped on every exit path.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${CONFORMANCE_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
url="http://127.0.0.1:${port}/mcp"
log="$(mktemp -t loket-conformance.XXXXXX)"

node --import tsx src/cli.ts serve --no-store --host 127.0.0.1 --port "$port" 2>"$log" &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

healthy() { node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "http://127.0.0.1:${port}/healthz"; }
for _ in $(seq 1 120); do
  if healthy; then break; fi
  if ! kill -0 "$server" 2>/dev/null; then echo "loket serve exited early:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.25
done
healthy || { echo "loket serve did not start:" >&2; cat "$log" >&2; exit 1; }

node22=".ci/node-lines/node_modules/node22/bin/node"
[ -x "$node22" ] || { echo "missing $node22 (bash .ci/node-lines.sh install)" >&2; exit 1; }
conformance() { "$node22" node_modules/@modelcontextprotocol/conformance/dist/index.js server --url "$url" "$@"; }

status=0
for revision in 2026-07-28 2025-11-25; do
  echo "=== conformance: requirements ${revision}"
  conformance --requirements "$revision" --expected-failures ".ci/conformance-${revision}.yml" || status=$?
done
for scenario in sep-2640-skills-directory sep-2640-skills-enumeration sep-2640-skills-manifest; do
  echo "=== conformance: ${scenario}"
  conformance --scenario "$scenario" || status=$?
done

# The MCP Inspector's CLI mode (offline) must read the Skills extension through the same endpoint: skills/list
# returns skill:// entries with digests, and skills/get answers for the front-door skill.
if [ "$status" -eq 0 ] && [ -x node_modules/.bin/mcp-inspector ]; then
  catalog_dir="$(mktemp -d -t loket-inspector.XXXXXX)"
  export MCP_CATALOG_PATH="${catalog_dir}/mcp.json"
  inspect() { node_modules/.bin/mcp-inspector --cli "$url" --transport http "$@" 2>&1; }
  if ! out="$(inspect --method skills/list)" || ! grep -q '"digest": "sha256:' <<<"$out"; then
    echo "inspector: skills/list failed or carried no digests:" >&2; echo "$out" >&2; status=1
  elif ! out="$(inspect --method skills/get --uri skill://arrival-in-belgium/SKILL.md)" || ! grep -q '"name": "arrival-in-belgium"' <<<"$out"; then
    echo "inspector: skills/get failed:" >&2; echo "$out" >&2; status=1
  else
    echo "inspector: skills/list and skills/get OK"
  fi
  rm -rf "$catalog_dir"
fi

if [ "$status" -ne 0 ]; then echo "--- server log ---" >&2; cat "$log" >&2; fi
exit "$status"
