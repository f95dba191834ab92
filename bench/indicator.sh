#!/usr/bin/env bash
# The indicator table of the province over a generated subtree (issue 5):
# a demo database with the demo's indicators, plus COMMUNES generated
# committees under the Tỉnh ủy with 9 cells each, every cell holding its
# 2025 actual of every indicator that rolls up (sum, mean, weighted mean,
# share). Then
#   - the command: RUNS runs of `kehoach indicator table --org TỈNH_ỦY
#     --year 2025` (process start, database open, one query for the
#     subtree, one for its figures, the roll-up in memory);
#   - the server: RUNS GET /api/v1/orgs/{id}/indicators?year=2025, the
#     server time per request read back from /metrics (sum / count).
# Usage: bench/indicator.sh [COMMUNES] [RUNS]   (default 100 communes → 1,000
# generated orgs; 20 runs). KH_BIN picks the binary (default build/kehoach).
set -euo pipefail
cd "$(dirname "$0")/.."
COMMUNES=${1:-100}
RUNS=${2:-20}
BIN=${KH_BIN:-build/kehoach}
[ -x "$BIN" ] || make build >/dev/null
export KH_TODAY=2026-09-01

dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$BIN" init --db "$db" >/dev/null
"$BIN" demo --db "$db" >/dev/null
"$BIN" indicator demo --db "$db" >/dev/null 2>&1 || true # when the demo lacks them
tu=$(sqlite3 "$db" "SELECT org_id FROM org_versions WHERE name = 'Tỉnh ủy Sơn Nam' AND valid_to IS NULL")
sqlite3 "$db" <<SQL
BEGIN;
CREATE TEMP TABLE c(i INTEGER PRIMARY KEY);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $COMMUNES)
INSERT INTO c SELECT i FROM n;
CREATE TEMP TABLE cell(id INTEGER PRIMARY KEY, parent INTEGER, j INTEGER);
INSERT INTO cell SELECT 2000000 + c.i * 10 + j.j, 1000000 + c.i, j.j FROM c,
  (SELECT 1 AS j UNION SELECT 2 UNION SELECT 3 UNION SELECT 4 UNION SELECT 5 UNION SELECT 6
   UNION SELECT 7 UNION SELECT 8 UNION SELECT 9) j;
INSERT INTO orgs(id, kind, level, valid_from, created_at)
  SELECT 1000000 + i, 'committee', 3, (SELECT valid_from FROM orgs WHERE id = $tu), 0 FROM c;
INSERT INTO org_versions(org_id, valid_from, parent_id, name)
  SELECT 1000000 + i, (SELECT valid_from FROM orgs WHERE id = $tu), $tu, 'Đảng bộ xã Thử ' || i FROM c;
INSERT INTO orgs(id, kind, level, valid_from, created_at)
  SELECT id, 'cell', 4, (SELECT valid_from FROM orgs WHERE id = $tu), 0 FROM cell;
INSERT INTO org_versions(org_id, valid_from, parent_id, name)
  SELECT id, (SELECT valid_from FROM orgs WHERE id = $tu), parent, 'Chi bộ thôn ' || j FROM cell;
INSERT INTO indicator_values(indicator_id, org_id, period, year, value, entered_at)
  SELECT i.id, cell.id, 'year', 2025, 1 + abs(random() % 99), 0 FROM indicators i, cell
  WHERE i.rollup <> 'manual';
COMMIT;
SQL
orgs=$((COMMUNES * 10))
figs=$(sqlite3 "$db" "SELECT count(*) FROM indicator_values")

echo "kehoach $("$BIN" --version | cut -d' ' -f2), $(nproc) cores, $orgs generated orgs under the Tỉnh ủy, $figs figures"
"$BIN" indicator table --db "$db" --org "$tu" --year 2025 | sed -n '3p'
start=$(date +%s.%N)
for _ in $(seq "$RUNS"); do
	"$BIN" indicator table --db "$db" --org "$tu" --year 2025 >/dev/null
done
end=$(date +%s.%N)
python3 -c "print('== kehoach indicator table: %.1f ms per run (%d runs)' % (($end - $start) / $RUNS * 1000, $RUNS))"

token=$("$BIN" token add --db "$db" --username admin)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$dir/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
metric() { curl -sf -H "Authorization: Bearer $token" "$base/metrics" |
	awk '$1 == "kehoach_http_request_duration_seconds_sum" { s = $2 }
	     $1 == "kehoach_http_request_duration_seconds_count" { c = $2 } END { print s, c }'; }
curl -sf -H "Authorization: Bearer $token" "$base/api/v1/orgs/$tu/indicators?year=2025" >/dev/null
read -r s0 c0 < <(metric)
for _ in $(seq "$RUNS"); do
	curl -sf -H "Authorization: Bearer $token" "$base/api/v1/orgs/$tu/indicators?year=2025" >/dev/null
done
read -r s1 c1 < <(metric)
python3 -c "print('== GET /api/v1/orgs/{id}/indicators: %.1f ms per request on the server (%d requests)' % (($s1 - $s0) / max(1, $c1 - $c0 - 1) * 1000, $RUNS))"
