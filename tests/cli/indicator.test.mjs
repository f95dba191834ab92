// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach indicator` on a fresh demo database with the demo's indicators:
// `list` and `table` (text and --json, derived figures marked with their
// derivation), `export` writes the XLSX that `sheet` reads back — a dry run
// changes nothing, a real run applies, a file with a wrong row is refused
// with the row and column named and nothing applied; errors exit 1 and bad
// usage 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { cli, freshDb } from '../http/harness.mjs';
import { editXlsx, setCell } from '../http/xlsx_edit.mjs';

const ENV = { KH_TODAY: '2026-09-01' };
let db, dir, tu, commune;

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const run = (args) => cli(['indicator', ...args], { env: ENV });
const figures = () => sql('SELECT indicator_id, org_id, period, year, value FROM indicator_values'
  + ' ORDER BY 1, 2, 3, 4');

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  const r = run(['demo', '--db', db]);
  assert.ok(r.status === 0 || /đã được nạp/.test(r.stderr), r.stderr);
  tu = Number(sql(`SELECT org_id FROM org_versions WHERE name = 'Tỉnh ủy Sơn Nam'
    AND valid_to IS NULL`));
  commune = Number(sql(`SELECT org_id FROM org_versions WHERE name = 'Đảng bộ xã Tân Phong'
    AND valid_to IS NULL`));
});
after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('list prints the indicators that apply to an org', () => {
  let r = run(['list', '--db', db, '--org', String(commune)]);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 8);
  assert.match(lines[0], /^\d+\t1\tKết nạp đảng viên mới\tđảng viên\tTổng\t2025–2030\tTỉnh ủy Sơn Nam$/);
  r = run(['list', '--db', db, '--org', String(tu), '--json']);
  assert.equal(r.status, 0);
  const j = JSON.parse(r.stdout);
  assert.equal(j.indicators.length, 8);
  assert.equal(j.indicators[2].rollup, 'share');
});

test('table prints the comparison, derived figures marked with their derivation', () => {
  let r = run(['table', '--db', db, '--org', String(tu), '--year', '2025']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Chỉ tiêu năm 2025 — Tỉnh ủy Sơn Nam$/m);
  assert.match(r.stdout, /^1\tKết nạp đảng viên mới\tđảng viên\t310 \(2020\)\t1\.500\t300\t-\t-\t297\*\t99% Không đạt\t-13 \(-4,19%\)$/m);
  assert.match(r.stdout, /Kết nạp đảng viên mới, Thực hiện năm: Tổng của 8\/9 đơn vị \(thiếu: Đảng bộ xã Sơn Hà\)/);
  r = run(['table', '--db', db, '--org', String(tu), '--year', '2025', '--json']);
  const j = JSON.parse(r.stdout);
  assert.equal(j.rows[0].actual.value, 297);
  assert.equal(j.rows[0].compare.verdict, 'not_met');
});

test('export writes the sheet; sheet reads it back: dry run, apply, a wrong row refused', () => {
  const x = path.join(dir, 'ct.xlsx');
  let r = run(['export', '--db', db, '--org', String(commune), '--year', '2026', '--output', x]);
  assert.equal(r.status, 0, r.stderr);
  const before = figures();
  const table = () => JSON.parse(run(['table', '--db', db, '--org', String(tu), '--year', '2026', '--json']).stdout);
  const h1 = table().rows[0].h1.value; // the demo's, its report campaign's figures in
  r = run(['sheet', '--db', db, '--org', String(commune), x]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã ghi: 0 sửa, 8 không đổi/);
  // Row 5 is the first indicator (Kết nạp đảng viên mới); K = Thực hiện năm.
  const y = path.join(dir, 'sua.xlsx');
  editXlsx(x, y, (s) => setCell(setCell(s, 'K5', '12'), 'I5', '5'));
  r = run(['sheet', '--db', db, '--org', String(commune), y, '--dry-run']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Dòng 5\tmã \d+\tsửa\tSửa: Thực hiện 6 tháng, Thực hiện năm$/m);
  assert.match(r.stdout, /Kiểm tra xong \(chưa ghi\): 1 sửa/);
  assert.equal(figures(), before);
  r = run(['sheet', '--db', db, '--org', String(commune), y]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã ghi: 1 sửa/);
  const t = table();
  assert.equal(t.rows[0].h1.value, h1 + 5); // + Tân Phong's 5
  assert.equal(t.rows[0].h1.derivation, 'Tổng của 9/9 đơn vị');
  const after = figures();
  const z = path.join(dir, 'loi.xlsx');
  editXlsx(y, z, (s) => setCell(setCell(s, 'K5', '15'), 'F6', 'nhiều'));
  r = run(['sheet', '--db', db, '--org', String(commune), z]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^Dòng 6\tmã \d+\tlỗi\tDòng 6, cột Giá trị nền: «nhiều» không phải là số$/m);
  assert.match(r.stderr, /Tệp có 1 dòng lỗi: chưa có thay đổi nào được ghi/);
  assert.equal(figures(), after);
  // A figure accepted in a report cannot change through the sheet either.
  sql(`UPDATE indicator_values SET locked = 1 WHERE org_id = ${commune} AND period = 'h1'`);
  const locked = figures();
  const w = path.join(dir, 'khoa.xlsx');
  editXlsx(y, w, (s) => setCell(s, 'I5', '6'));
  r = run(['sheet', '--db', db, '--org', String(commune), w]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^Dòng 5\tmã \d+\tlỗi\tDòng 5, cột Thực hiện 6 tháng: số liệu đã được chấp nhận trong báo cáo nên không sửa được$/m);
  assert.equal(figures(), locked);
  r = run(['sheet', '--db', db, '--org', String(commune), y, '--dry-run']);
  assert.equal(r.status, 0, r.stderr); // unchanged, the locked figure is no error
  sql(`UPDATE indicator_values SET locked = 0 WHERE org_id = ${commune}`);
  // Another org's file.
  r = run(['sheet', '--db', db, '--org', String(tu), y]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /không phải tổ chức số/);
  assert.equal(figures(), after);
});

test('errors exit 1, bad usage 2', () => {
  assert.equal(run(['table', '--db', db, '--org', '999999', '--year', '2025']).status, 1);
  assert.equal(run(['table', '--db', db, '--org', String(tu)]).status, 2);
  assert.equal(run(['list', '--db', db]).status, 2);
  assert.equal(run(['sheet', '--db', db, '--org', String(tu)]).status, 2);
  assert.equal(run(['nothing']).status, 2);
  const r = run(['sheet', '--db', db, '--org', String(tu), path.join(dir, 'none.xlsx')]);
  assert.equal(r.status, 1);
});
