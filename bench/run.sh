#!/usr/bin/env bash
# Load benchmark of the org page and the org API under wrk on loopback.
# Builds the release binary, makes a demo database, starts the server, and
# runs wrk for DURATION seconds per endpoint. Prints wrk's summary lines.
# Usage: bench/run.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNS=${2:-64}
BIN=build/kehoach
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
[ -x "$BIN" ] || make build >/dev/null

dir=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$BIN" init --db "$db" >/dev/null
"$BIN" demo --db "$db" >/dev/null
token=$("$BIN" token add --db "$db" --username admin)
# The Chánh Văn phòng Tỉnh ủy: a scoped user, so every page pays for its
# authorization checks.
scoped=$("$BIN" token add --db "$db" --username vanphong)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$dir/server.log" &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# An org in the middle of the tree: the province committee (level 1), whose
# page lists its children, people and history.
org=$(curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/search?q=tinh+uy+son+nam" |
      python3 -c 'import json,sys; d=json.load(sys.stdin); print([r for r in d["results"] if r["type"]=="org"][0]["id"])')

echo "kehoach $("$BIN" --version | cut -d' ' -f2), $(nproc) cores, wrk -t2 -c$CONNS -d${DURATION}s, org $org"
run() { # WHO TOKEN PATH
	echo "== GET $3 ($1)"
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $2" \
		"http://127.0.0.1:$port$3" | grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
}
run admin "$token" "/api/v1/orgs/$org"
run vanphong "$scoped" "/api/v1/orgs/$org"
run admin "$token" "/orgs/$org"
run vanphong "$scoped" "/orgs/$org"
run vanphong "$scoped" "/api/v1/search?q=tinh+uy"
run admin "$token" "/healthz"
