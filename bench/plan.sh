#!/usr/bin/env bash
# The plan page under load: a commune committee's plan with 60 items and 40
# comments (the size issue 3 names), read as its page and as its API twin.
# Builds the release binary, makes a demo database, fills the plan through
# the API, then measures
#   - the server time of one page render: 500 sequential requests on an
#     otherwise idle server, read back from /metrics (sum / count);
#   - requests/s under wrk with CONNECTIONS connections.
# Usage: bench/plan.sh [DURATION] [CONNECTIONS]
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
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$db" --listen "127.0.0.1:$port" --quiet 2>"$dir/server.log" &
pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

plan=$(python3 - "$base" "$token" <<'PY'
import json, sys, urllib.request
base, token = sys.argv[1], sys.argv[2]
def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        return json.load(r)
org = [r for r in call("GET", "/api/v1/search?q=dang+bo+xa+tan+phong")["results"] if r["type"] == "org"][0]["id"]
plan = call("POST", "/api/v1/plans", {"owner_org_id": org, "scope": "year", "year_from": 2026,
    "title": "Kế hoạch hành động năm 2026 (đo tải)", "goals": "Mục đích, yêu cầu.", "organization": "Tổ chức thực hiện."})["id"]
deadlines = ["Quý II/2026", "trước ngày 30-6-2026", "thường xuyên", "trong tháng 9/2026", "hằng năm",
             "6 tháng đầu năm 2026", "từ tháng 5/2026", "sau khi có hướng dẫn của Trung ương"]
items = []
for i in range(60):
    it = call("POST", f"/api/v1/plans/{plan}/items", {
        "text": f"Nội dung số {i + 1}: tăng cường công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ tại thôn, tổ dân phố số {i + 1}",
        "measures": "Tổ chức hội nghị quán triệt; phân công cấp ủy viên phụ trách; kiểm tra, giám sát định kỳ hằng quý.",
        "lead_text": "Ban Thường vụ Đảng ủy xã", "coordinators": "Ủy ban nhân dân xã, Mặt trận Tổ quốc xã",
        "deadline_text": deadlines[i % len(deadlines)], "resources": "Ngân sách xã", "category": "year"})
    items.append(it["id"])
call("POST", f"/api/v1/plans/{plan}/send", {})
for i in range(40):
    body = {"kind": "request" if i % 4 == 0 else "comment",
            "text": f"Góp ý số {i + 1}: đề nghị cụ thể hóa biện pháp, nêu rõ thời gian hoàn thành và người chịu trách nhiệm."}
    if i % 2:
        body["item_id"] = items[i]
    call("POST", f"/api/v1/plans/{plan}/comments", body)
print(plan)
PY
)

echo "kehoach $("$BIN" --version | cut -d' ' -f2), $(nproc) cores, plan $plan (60 items, 40 comments)"
# Server time: the only traffic is these 500 sequential requests.
# One /metrics fetch gives "sum count"; the fetch before the run is counted
# in the second one, hence count - 1.
metric() { curl -sf -H "Authorization: Bearer $token" "$base/metrics" |
	awk '$1 == "kehoach_http_request_duration_seconds_sum" { s = $2 }
	     $1 == "kehoach_http_request_duration_seconds_count" { c = $2 } END { print s, c }'; }
for path in "/plans/$plan" "/api/v1/plans/$plan"; do
	read -r s0 c0 <<<"$(metric)"
	for _ in $(seq 500); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
	read -r s1 c1 <<<"$(metric)"
	python3 -c "n = $c1 - $c0 - 1; print('== GET $path: server time %.3f ms per request (%d requests)' % (($s1 - $s0) / n * 1000, n))"
done
for path in "/plans/$plan" "/api/v1/plans/$plan"; do
	echo "== wrk GET $path"
	wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Authorization: Bearer $token" "$base$path" |
		grep -E 'Requests/sec|Latency|50%|99%|Non-2xx|Socket errors'
done
