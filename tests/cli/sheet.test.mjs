// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach plan sheet` on a demo database: the item list exported with
// `kehoach export --format xlsx` and applied unchanged changes nothing; the
// file edited as a spreadsheet program would (a cell changed, a row added,
// a row removed) is reported with --dry-run without a change, then applied;
// a wrong row is reported by row and column, exit 1, nothing applied;
// another plan's file is refused; usage errors exit 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cli, freshDb } from '../http/harness.mjs';
import { editXlsx, setCell, removeRow, addRow, rowOf, sheetXml } from '../http/xlsx_edit.mjs';

const ENV = { KH_TODAY: '2026-05-01' };
let db, dir, plan, other, items = [];

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const run = (args) => cli(args, { env: ENV });

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  const person = Number(sql("SELECT person_id FROM users WHERE username = 'bithu.xa'"));
  const commune = Number(sql(`SELECT org_id FROM positions WHERE person_id = ${person}
    AND role = 'head' AND title LIKE 'Bí thư%'`));
  plan = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, created_at, updated_at) VALUES (${commune}, 'year', 2027, 2027,
    'Kế hoạch sửa bằng Excel 2027', 'draft', 0, 0); SELECT last_insert_rowid();`));
  sql(`INSERT INTO plan_items(plan_id, seq, text, measures, lead_text, deadline_text,
    deadline_kind, created_at, updated_at) VALUES
    (${plan}, 1, 'Kết nạp 12 đảng viên mới', 'Mỗi chi bộ giới thiệu 1 quần chúng',
     'Ban Tổ chức', 'Quý II/2027', 'window', 0, 0),
    (${plan}, 2, 'Tổ chức Hội nghị quán triệt', '', '', '', 'none', 0, 0),
    (${plan}, 3, 'Nâng cao chất lượng sinh hoạt chi bộ', '', '', '', 'none', 0, 0)`);
  items = sql(`SELECT id FROM plan_items WHERE plan_id = ${plan} ORDER BY seq`)
    .split('\n').map(Number);
  other = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, created_at, updated_at) VALUES (${commune}, 'term', 2025, 2030,
    'Kế hoạch khác', 'draft', 0, 0); SELECT last_insert_rowid();`));
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const file = (name) => path.join(dir, name);
const state = () => sql(`SELECT group_concat(seq || ':' || text || ':' || deadline_text, '|')
  FROM (SELECT * FROM plan_items WHERE plan_id = ${plan} ORDER BY seq)`);

test('export --format xlsx, then plan sheet unchanged', () => {
  let r = run(['export', '--db', db, 'plan', String(plan), '--format', 'xlsx',
    '--output', file('ds.xlsx')]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Đã xuất «Nội dung - Kế hoạch sửa bằng Excel 2027\.xlsx»/);
  assert.equal(readFileSync(file('ds.xlsx')).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const before = state();
  r = run(['plan', 'sheet', '--db', db, String(plan), file('ds.xlsx')]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    `Dòng 5\tmã ${items[0]}\tkhông đổi\t\n`
    + `Dòng 6\tmã ${items[1]}\tkhông đổi\t\n`
    + `Dòng 7\tmã ${items[2]}\tkhông đổi\t\n`
    + 'Đã ghi: 0 sửa, 0 thêm, 3 không đổi, 0 giữ nguyên (không có trong tệp)\n');
  assert.equal(state(), before);
});

test('an edited file: --dry-run reports, then the rows are applied', () => {
  editXlsx(file('ds.xlsx'), file('sua.xlsx'), (xml) => {
    xml = setCell(xml, `G${rowOf(xml, items[1])}`, 'Tổ chức Hội nghị quán triệt Nghị quyết');
    xml = setCell(xml, `K${rowOf(xml, items[1])}`, 'trong tháng 3/2027');
    xml = removeRow(xml, rowOf(xml, items[2]));
    return addRow(xml, 8, { G: 'Sơ kết 6 tháng', K: 'tháng 7/2027', I: 'Văn phòng' });
  });
  const before = state();
  let r = run(['plan', 'sheet', '--db', db, String(plan), file('sua.xlsx'), '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    `Dòng 5\tmã ${items[0]}\tkhông đổi\t\n`
    + `Dòng 6\tmã ${items[1]}\tsửa\tSửa: Nội dung, Thời gian hoàn thành\n`
    + 'Dòng 8\t-\tthêm\tThêm nội dung mới\n'
    + `-\tmã ${items[2]}\tgiữ nguyên\tKhông có trong tệp: giữ nguyên\n`
    + 'Kiểm tra xong (chưa ghi): 1 sửa, 1 thêm, 1 không đổi, 1 giữ nguyên (không có trong tệp)\n');
  assert.equal(state(), before);

  r = run(['plan', 'sheet', '--db', db, String(plan), file('sua.xlsx')]);
  assert.equal(r.status, 0, r.stderr);
  const created = Number(sql(`SELECT id FROM plan_items WHERE text = 'Sơ kết 6 tháng'`));
  assert.match(r.stdout, new RegExp(`Dòng 8\tmã ${created}\tthêm\tĐã thêm nội dung mã ${created}\n`));
  assert.match(r.stdout, /^Đã ghi: 1 sửa, 1 thêm, 1 không đổi, 1 giữ nguyên/m);
  assert.equal(state(),
    '1:Kết nạp 12 đảng viên mới:Quý II/2027|2:Tổ chức Hội nghị quán triệt Nghị quyết:'
    + 'trong tháng 3/2027|3:Sơ kết 6 tháng:tháng 7/2027|4:Nâng cao chất lượng sinh hoạt chi bộ:');
  assert.equal(sql(`SELECT lead_text || ',' || deadline_kind FROM plan_items WHERE id = ${created}`),
    'Văn phòng,window');
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'plan.sheet'
    AND entity_id = ${plan}`), '1');
});

test('wrong rows: each reported by row and column, exit 1, nothing applied', () => {
  run(['export', '--db', db, 'plan', String(plan), '--format', 'xlsx', '--output', file('ds2.xlsx')]);
  editXlsx(file('ds2.xlsx'), file('loi.xlsx'), (xml) => {
    xml = setCell(xml, 'E5', 'Nhiệm vu');
    xml = setCell(xml, 'G6', 'Nội dung đúng nhưng sẽ không được ghi');
    return setCell(xml, 'C7', '7');
  });
  const before = state();
  const r = run(['plan', 'sheet', '--db', db, String(plan), file('loi.xlsx')]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^Dòng 5\tmã \d+\tlỗi\tDòng 5, cột Loại: «Nhiệm vu» không phải một loại nội dung$/m);
  assert.match(r.stdout, /^Dòng 7\tmã \d+\tlỗi\tDòng 7, cột Phần: «7» không đúng: phần phải là 1, 2 hoặc 3$/m);
  assert.match(r.stdout, /^Dòng 6\tmã \d+\tsửa\tSửa: Nội dung$/m);
  assert.equal(r.stderr, 'kehoach: Tệp có 2 dòng lỗi: chưa có thay đổi nào được ghi. Hãy sửa'
    + ' các dòng lỗi rồi tải lên lại.\n');
  assert.equal(state(), before);
});

test("another plan's file, a file that is no workbook, usage", () => {
  let r = run(['plan', 'sheet', '--db', db, String(other), file('ds2.xlsx')]);
  assert.equal(r.status, 1);
  assert.equal(r.stderr, `kehoach: Tệp này là danh sách nội dung của kế hoạch số ${plan},`
    + ` không phải kế hoạch số ${other}\n`);
  assert.equal(sheetXml(file('ds2.xlsx')).includes('<dataValidation '), true);
  r = run(['plan', 'sheet', '--db', db, String(plan), db]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /không phải bảng tính Excel/);
  r = run(['plan', 'sheet', '--db', db, String(plan), file('khong-co.xlsx')]);
  assert.equal(r.status, 1);
  r = run(['plan', 'sheet', '--db', db, String(plan)]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /kehoach plan sheet --db FILE PLAN_ID FILE\.xlsx \[--dry-run\]/);
  r = run(['plan', 'sheet', '--db', db, 'x', file('ds2.xlsx')]);
  assert.equal(r.status, 2);
  r = run(['help', 'plan']);
  assert.match(r.stdout + r.stderr, /plan sheet --db FILE PLAN_ID FILE\.xlsx/);
});
