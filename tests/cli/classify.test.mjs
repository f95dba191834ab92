// SPDX-License-Identifier: AGPL-3.0-or-later
// kehoach classify: the rule sets held in a new database (text and JSON), the
// classifications of an org for a year (one seeded through SQL), usage errors.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, freshDb } from '../http/harness.mjs';

let db;
const ids = {};
function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

before(() => {
  ({ db } = freshDb({ demo: true }));
  const org = (name) => Number(sql(`SELECT org_id FROM org_versions WHERE name = '${name}' AND valid_to IS NULL`));
  ids.xa = org('Đảng bộ xã Tân Phong');
  ids.cell = org('Chi bộ thôn Đồng Xuân');
  sql(`INSERT INTO classifications(rule_code, subject_kind, org_id, deciding_org_id, period_kind,
    year, part, stage, grade, general_points, task_points, created_at, updated_at)
    VALUES ('366-QĐ/TW', 'org', ${ids.cell}, ${ids.xa}, 'year', 2026, 0, 'decided', 'good', 25, 50, 0, 0)`);
});

test('classify rules lists the two rule sets', () => {
  let r = cli(['classify', 'rules', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^124-QĐ\/TW: Quy định 124-QĐ\/TW/m);
  assert.match(r.stdout, /^366-QĐ\/TW: .*\n.*từ năm 2026; kỳ: quarter,year,term\n.*Thang điểm 100: 30 điểm/m);
  r = cli(['classify', 'rules', '--db', db, '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j[1].task_max, 70);
});

test('classify list shows an org\'s classifications for a year', () => {
  let r = cli(['classify', 'list', '--db', db, '--org', String(ids.xa), '--year', '2026']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Chi bộ thôn Đồng Xuân — Năm 2026: Hoàn thành tốt nhiệm vụ \(đã quyết định, 366-QĐ\/TW\), 75 điểm/);
  r = cli(['classify', 'list', '--db', db, '--org', String(ids.xa), '--year', '2026', '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout)[0].grade, 'good');
  r = cli(['classify', 'list', '--db', db, '--org', String(ids.xa), '--year', '2024']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Chưa có kết quả/);
});

test('usage errors exit 2', () => {
  assert.equal(cli(['classify', '--db', db]).status, 2);
  assert.equal(cli(['classify', 'list', '--db', db, '--org', 'x', '--year', '2026']).status, 2);
  assert.equal(cli(['classify', 'list', '--db', db, '--org', '1']).status, 2);
  assert.equal(cli(['classify', 'frobnicate', '--db', db]).status, 2);
});
