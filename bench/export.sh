#!/usr/bin/env bash
# Exports of a 60-item plan (the size issue 4 names) to DOCX, PDF and XLSX,
# and the XLSX read back (the bulk edit, dry run: every row checked and
# applied in the transaction, then rolled back).
# Builds the release binary (or takes KH_BIN), makes a demo database, fills
# a commune committee's plan with 60 items through the API, then measures
#   - the command: RUNS runs of `kehoach export … --format docx|pdf|xlsx`, wall
#     time per run (process start, database open, fonts, writing the file);
#   - the server: RUNS sequential GET /api/v1/plans/{id}/export?format=…,
#     the server time per request read back from /metrics (sum / count) —
#     the export itself, with the fonts already loaded;
#   - the way back: RUNS runs of `kehoach plan sheet … --dry-run` with the
#     XLSX just written, and RUNS POST /api/v1/plans/{id}/sheet?dry_run=1.
# Usage: bench/export.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-20}
BIN=${KH_BIN:-build/kehoach}
[ -x "$BIN" ] || make build >/dev/null

dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && { kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; }; rm -rf "$dir"' EXIT
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
    "title": "Kế hoạch hành động năm 2026 (đo xuất văn bản)",
    "goals": "Quán triệt, cụ thể hóa Nghị quyết Đại hội Đảng bộ xã; xác định rõ nhiệm vụ, người chủ trì, thời gian hoàn thành.",
    "organization": "Các chi bộ xây dựng kế hoạch thực hiện; Văn phòng Đảng ủy theo dõi, đôn đốc, báo cáo Ban Thường vụ."})["id"]
deadlines = ["Quý II/2026", "trước ngày 30-6-2026", "thường xuyên", "trong tháng 9/2026", "hằng năm",
             "6 tháng đầu năm 2026", "từ tháng 5/2026", "sau khi có hướng dẫn của Trung ương"]
sections = ["1. Xây dựng Đảng về chính trị, tư tưởng", "2. Xây dựng Đảng về tổ chức, cán bộ",
            "3. Công tác kiểm tra, giám sát", "4. Công tác dân vận"]
for i in range(60):
    call("POST", f"/api/v1/plans/{plan}/items", {
        "section": sections[i * len(sections) // 60],
        "text": f"Nội dung số {i + 1}: tăng cường công tác xây dựng Đảng về chính trị, tư tưởng, đạo đức, tổ chức và cán bộ tại thôn, tổ dân phố số {i + 1}",
        "measures": "Tổ chức hội nghị quán triệt; phân công cấp ủy viên phụ trách; kiểm tra, giám sát định kỳ hằng quý.",
        "lead_text": "Ban Thường vụ Đảng ủy xã", "coordinators": "Ủy ban nhân dân xã, Mặt trận Tổ quốc xã",
        "deadline_text": deadlines[i % len(deadlines)], "resources": "Ngân sách xã", "category": "year"})
print(plan)
PY
)

echo "kehoach $("$BIN" --version | cut -d' ' -f2), $(nproc) cores, plan $plan (60 items)"
for fmt in docx pdf xlsx; do
	"$BIN" export --db "$db" plan "$plan" --format "$fmt" --output "$dir/plan.$fmt" >/dev/null
	size=$(stat -c %s "$dir/plan.$fmt")
	pages=
	[ "$fmt" = pdf ] && command -v pdfinfo >/dev/null &&
		pages=", $(pdfinfo "$dir/plan.pdf" | awk '/^Pages:/ { print $2 }') pages"
	start=$(date +%s.%N)
	for _ in $(seq "$RUNS"); do
		"$BIN" export --db "$db" plan "$plan" --format "$fmt" --output "$dir/plan.$fmt" >/dev/null
	done
	end=$(date +%s.%N)
	python3 -c "print('== kehoach export --format $fmt: %.1f ms per run (%d runs; %d bytes$pages)' % (($end - $start) / $RUNS * 1000, $RUNS, $size))"
done

metric() { curl -sf -H "Authorization: Bearer $token" "$base/metrics" |
	awk '$1 == "kehoach_http_request_duration_seconds_sum" { s = $2 }
	     $1 == "kehoach_http_request_duration_seconds_count" { c = $2 } END { print s, c }'; }
for fmt in docx pdf xlsx; do
	path="/api/v1/plans/$plan/export?format=$fmt"
	curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base$path" # fonts loaded once
	read -r s0 c0 <<<"$(metric)"
	for _ in $(seq "$RUNS"); do curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base$path"; done
	read -r s1 c1 <<<"$(metric)"
	python3 -c "n = $c1 - $c0 - 1; print('== GET $path: server time %.1f ms per request (%d requests)' % (($s1 - $s0) / n * 1000, n))"
done

start=$(date +%s.%N)
for _ in $(seq "$RUNS"); do
	"$BIN" plan sheet --db "$db" "$plan" "$dir/plan.xlsx" --dry-run >/dev/null
done
end=$(date +%s.%N)
python3 -c "print('== kehoach plan sheet --dry-run (60 rows unchanged): %.1f ms per run (%d runs)' % (($end - $start) / $RUNS * 1000, $RUNS))"
path="/api/v1/plans/$plan/sheet?dry_run=1"
xlsx=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
read -r s0 c0 <<<"$(metric)"
for _ in $(seq "$RUNS"); do
	curl -sf -o /dev/null -X POST -H "Authorization: Bearer $token" -H "Content-Type: $xlsx" \
		--data-binary "@$dir/plan.xlsx" "$base$path"
done
read -r s1 c1 <<<"$(metric)"
python3 -c "n = $c1 - $c0 - 1; print('== POST $path: server time %.1f ms per request (%d requests)' % (($s1 - $s0) / n * 1000, n))"
