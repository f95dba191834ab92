#!/usr/bin/env bash
# The importer's throughput on a 75 KB plan (docs/PERFORMANCE.md, issue 4).
# Writes bench/plan-75k.txt — the header and parts of a provincial action
# programme, then the task sections of tests/text/corpus/lead_headings.txt
# repeated with new numbers until the text passes 75 KB — and times
# `kehoach import --json` on it (hyperfine when installed, else 20 runs
# under `time`).
# Usage: bench/import.sh [KEHOACH_BINARY]   (default build/kehoach)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-build/kehoach}
OUT=bench/plan-75k.txt
[ -x "$BIN" ] || make build >/dev/null

{
	printf 'TỈNH ỦY LẠC SƠN\t\tĐẢNG CỘNG SẢN VIỆT NAM\n*\nSố 08-CTr/TU\t\tLạc Sơn, ngày 5 tháng 1 năm 2021\n\n'
	printf 'CHƯƠNG TRÌNH HÀNH ĐỘNG\nthực hiện Nghị quyết Đại hội Đảng bộ tỉnh năm 2021\n\n'
	printf 'Để đưa Nghị quyết vào cuộc sống, Ban Chấp hành Đảng bộ tỉnh phân công như sau:\n\n'
	printf 'I. NHIỆM VỤ CỦA CÁC CƠ QUAN\n\n'
	n=0
	while :; do
		n=$((n + 1))
		cat <<SECTION
$n. Ban Tổ chức Tỉnh uỷ
- Chủ trì, phối hợp với Văn phòng Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy rà soát, bổ sung quy hoạch cán bộ lãnh đạo, quản lý các cấp nhiệm kỳ 2020 - 2025.
(Thời gian thực hiện trong Quý II/2021).
- Hướng dẫn các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch thực hiện, *hoàn thành trước ngày 30 tháng 6 năm 2021*.
a) Tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh ủy định kỳ 6 tháng và hằng năm.
b) Đề nghị các sở, ban, ngành phối hợp thực hiện sau khi có hướng dẫn của Trung ương.

SECTION
		[ "$n" -ge 150 ] && break
	done
	printf 'Nơi nhận:\n- Như trên,\n- Lưu VP.\nT/M TỈNH ỦY\nBÍ THƯ\n'
} >"$OUT.tmp"
# cut at the last complete section (the file ends with its end matter)
python3 - "$OUT.tmp" "$OUT" <<'PY'
import sys
s = open(sys.argv[1], encoding='utf-8', errors='ignore').read()
body, _, _ = s.rpartition('\n\n')
while len(body.encode()) > 76 * 1024:
    body, _, _ = body.rpartition('\n\n')
open(sys.argv[2], 'w', encoding='utf-8').write(body + '\n\nNơi nhận:\n- Như trên,\n- Lưu VP.\nT/M TỈNH ỦY\nBÍ THƯ\n')
PY
rm -f "$OUT.tmp"
echo "$OUT: $(wc -c <"$OUT") bytes, $("$BIN" import --json "$OUT" | grep -c '"path"') items"
if command -v hyperfine >/dev/null; then
	hyperfine --warmup 3 "$BIN import --json $OUT"
else
	time (for _ in $(seq 20); do "$BIN" import --json "$OUT" >/dev/null; done)
	echo "(20 runs)"
fi
