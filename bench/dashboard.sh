#!/usr/bin/env bash
# The dashboard of a province root over a generated subtree of 1,000 orgs
# and 100,000 items (issue 5): 20 districts of 49 communes and cells each,
# a 2026 plan of 125 items for 4 orgs in 5, items due through the year,
# 30 % done, 2,000 open requests, a report campaign with a report per org.
# Rows are written with sqlite3, so the triggers keep the counters as the
# app would. Measures
#   - the time to write the rows with the triggers on (the counters' cost);
#   - `kehoach counters rebuild` (the full recount) and `counters check`;
#   - the server time of the root's dashboard page and API: 500 sequential
#     requests, read back from /metrics;
#   - requests/s under wrk with CONNECTIONS connections.
# Usage: bench/dashboard.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-10}
CONNS=${2:-64}
BIN=build/kehoach
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install sqlite3"; exit 1; }
[ -x "$BIN" ] || make build >/dev/null
export KH_TODAY=2026-07-01

dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null || true; rm -rf "$dir"' EXIT
db="$dir/bench.db"
"$BIN" init --db "$db" >/dev/null
echo "bench-password" | "$BIN" user add --db "$db" --username admin --admin --password-stdin >/dev/null
token=$("$BIN" token add --db "$db" --username admin)

start=$(date +%s.%N)
sqlite3 "$db" <<'SQL'
PRAGMA journal_mode = WAL;
BEGIN;
-- day numbers: 2010-01-01 = 14610, 2026-01-01 = 20454
INSERT INTO orgs(id, kind, level, valid_from, created_at) VALUES (1, 'committee', 1, 14610, 0);
INSERT INTO org_versions(org_id, valid_from, parent_id, name) VALUES (1, 14610, NULL, 'Tỉnh ủy Đo Tải');
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 20)
INSERT INTO orgs(id, kind, level, valid_from, created_at) SELECT 1 + i, 'committee', 2, 14610, 0 FROM d;
WITH RECURSIVE d(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM d WHERE i < 20)
INSERT INTO org_versions(org_id, valid_from, parent_id, name)
  SELECT 1 + i, 14610, 1, 'Huyện ủy số ' || i FROM d;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 979)
INSERT INTO orgs(id, kind, level, valid_from, created_at)
  SELECT 22 + i, CASE WHEN i % 7 = 0 THEN 'cell' ELSE 'committee' END, 3, 14610, 0 FROM c;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 979)
INSERT INTO org_versions(org_id, valid_from, parent_id, name)
  SELECT 22 + i, 14610, 2 + i / 49, 'Đảng ủy xã số ' || i FROM c;
COMMIT;
SQL
"$BIN" counters --db "$db" rebuild >/dev/null
sqlite3 "$db" <<'SQL'
BEGIN;
WITH RECURSIVE o(id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM o WHERE id < 1001)
INSERT INTO plans(id, owner_org_id, scope, year_from, year_to, title, status, approved_day,
  created_at, updated_at)
  SELECT id, id, 'year', 2026, 2026, 'Kế hoạch năm 2026 số ' || id, 'approved',
    20454 + 60 + (id % 40), 0, 0 FROM o WHERE id % 5 <> 0;
WITH RECURSIVE k(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM k WHERE n < 124)
INSERT INTO plan_items(plan_id, seq, text, deadline_kind, deadline_end, progress_state,
  created_at, updated_at)
  SELECT p.id, k.n + 1, 'Nội dung số ' || (k.n + 1), 'date', 20454 + (p.id * 7 + k.n * 3) % 365,
    CASE WHEN (p.id + k.n) % 10 < 3 THEN 'done' ELSE 'in_progress' END, 0, 0
  FROM plans p, k;
WITH RECURSIVE q(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM q WHERE n < 1999)
INSERT INTO plan_comments(plan_id, version, kind, text, created_at, created_day)
  SELECT p.id, 1, 'request', 'Đề nghị số ' || q.n, 0, 20454
  FROM q JOIN plans p ON p.id = 1 + (q.n * 37) % 1001 WHERE true;
INSERT INTO report_campaigns(id, org_id, kind, year_from, year_to, title, created_at, updated_at)
  VALUES (1, 1, 'half_year', 2026, 2026, 'Báo cáo 6 tháng đầu năm 2026', 0, 0);
INSERT INTO reports(campaign_id, org_id, status, due_day, submitted_day, created_at, updated_at)
  SELECT 1, id, CASE WHEN id % 3 = 0 THEN 'draft' ELSE 'submitted' END, 20454 + 160,
    CASE WHEN id % 3 = 0 THEN NULL ELSE 20454 + 150 + id % 20 END, 0, 0 FROM orgs;
COMMIT;
SQL
end=$(date +%s.%N)
items=$(sqlite3 "$db" 'SELECT count(*) FROM plan_items')
orgs=$(sqlite3 "$db" 'SELECT count(*) FROM orgs')
echo "kehoach $("$BIN" --version | cut -d' ' -f2), $(nproc) cores: $orgs orgs, $items items"
python3 -c "print('== rows written with the counters kept by triggers: %.2f s' % ($end - $start))"
t0=$(date +%s.%N); "$BIN" counters --db "$db" rebuild >/dev/null; t1=$(date +%s.%N)
python3 -c "print('== kehoach counters rebuild (full recount): %.2f s' % ($t1 - $t0))"
"$BIN" counters --db "$db" check

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$dir/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/v1/orgs/1/dashboard?year=2026"

metric() { curl -sf -H "Authorization: Bearer $token" "$base/metrics" |
	awk '$1 == "kehoach_http_request_duration_seconds_sum" { s = $2 }
	     $1 == "kehoach_http_request_duration_seconds_count" { c = $2 } END { print s, c }'; }
for path in "/orgs/1/dashboard?year=2026" "/api/v1/orgs/1/dashboard?year=2026" \
	"/api/v1/orgs/2/dashboard/rows?list=items_overdue&year=2026&limit=100"; do
	read -r s0 c0 <<<"$(metric)"
	for _ in $(seq 500); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
	read -r s1 c1 <<<"$(metric)"
	python3 -c "n = $c1 - $c0 - 1; print('== GET $path: server time %.3f ms per request (%d requests)' % (($s1 - $s0) / n * 1000, n))"
done
for path in "/orgs/1/dashboard?year=2026" "/api/v1/orgs/1/dashboard?year=2026"; do
	echo "== wrk GET $path"
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$base$path" |
		grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done
