// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach plan` on a fresh demo database: `plan check` prints one finding
// per line and a summary (exit 0 with findings — they are output, not
// failure), or the API's JSON with --json; `plan list` lists the plans of a
// subtree and a year; `plan compliance` prints the four lists (and JSON);
// errors exit 1 and bad usage 2. The plans are rows written with sqlite3
// into the demo database: the commands read them exactly as the server does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cli, freshDb } from '../http/harness.mjs';

const ENV = { KH_TODAY: '2026-05-01' };
let db, dir, ids = {};

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const run = (args) => cli(['plan', ...args], { env: ENV });

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  ids.province = Number(sql(`SELECT org_id FROM org_versions WHERE name = 'Tỉnh ủy Sơn Nam'
    AND valid_to IS NULL`));
  ids.person = Number(sql("SELECT person_id FROM users WHERE username = 'bithu.xa'"));
  ids.commune = Number(sql(`SELECT org_id FROM positions WHERE person_id = ${ids.person}
    AND role = 'head' AND title LIKE 'Bí thư%'`));
  ids.plan = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, created_at, updated_at) VALUES (${ids.commune}, 'year', 2026, 2026,
    'Kế hoạch kiểm tra dòng lệnh 2026', 'draft', 0, 0); SELECT last_insert_rowid();`));
  sql(`INSERT INTO plan_items(plan_id, seq, text, measures, lead_org_id, deadline_kind,
    created_at, updated_at) VALUES
    (${ids.plan}, 1, 'Kết nạp 12 đảng viên mới', 'Mỗi chi bộ giới thiệu 1 quần chúng',
     ${ids.commune}, 'date', 0, 0),
    (${ids.plan}, 2, 'Tổ chức Hội nghị quán triệt Nghị quyết Đại hội', 'Hội nghị trực tuyến',
     ${ids.commune}, 'none', 0, 0),
    (${ids.plan}, 3, 'Nâng cao chất lượng sinh hoạt chi bộ', '', NULL, 'none', 0, 0)`);
  ids.personal = Number(sql(`INSERT INTO plans(owner_person_id, scope, year_from, year_to,
    title, status, approved_day, created_at, updated_at) VALUES (${ids.person}, 'year', 2026,
    2026, 'Kế hoạch cá nhân dòng lệnh 2026', 'approved', 20527, 0, 0);
    SELECT last_insert_rowid();`));
  sql(`INSERT INTO plan_comments(plan_id, version, kind, text, created_at, created_day)
    VALUES (${ids.personal}, 1, 'comment', 'Góp ý', 0, 0)`);
});

after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('plan check prints one finding per line and a summary, exit 0', () => {
  const r = run(['check', '--db', db, String(ids.plan)]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout,
    'Nội dung số 2: Chưa có thời gian hoàn thành\n'
    + 'Nội dung số 3: Chưa xác định đơn vị, người chủ trì\n'
    + 'Nội dung số 3: Chưa có thời gian hoàn thành\n'
    + 'Nội dung số 3: Chưa có biện pháp cụ thể\n'
    + '3 nội dung, 4 vấn đề\n');
});

test('plan check --json prints the API shape', () => {
  const r = run(['check', '--db', db, String(ids.plan), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.plan_id, ids.plan);
  assert.equal(j.n_items, 3);
  assert.equal(j.n_findings, 4);
  assert.deepEqual(j.counts, { no_lead: 1, no_deadline: 2, no_measure: 1, repeats_upper: 0,
    repeats_own: 0 });
  assert.deepEqual(j.findings.map((f) => [f.item_seq, f.code]),
    [[2, 'no_deadline'], [3, 'no_lead'], [3, 'no_deadline'], [3, 'no_measure']]);
});

test('plan check: unknown plan exits 1, bad usage 2', () => {
  let r = run(['check', '--db', db, '999999']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kehoach: /);
  r = run(['check', '--db', db]);
  assert.equal(r.status, 2);
  r = run(['check', '--db', db, 'abc']);
  assert.equal(r.status, 2);
  r = run(['frobnicate', '--db', db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /kehoach plan check --db FILE PLAN_ID/);
});

test('plan list lists the plans of a subtree and a year', () => {
  const r = run(['list', '--db', db, '--org', String(ids.commune), '--year', '2026']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${ids.plan}\\t2026\\tKế hoạch kiểm tra dòng lệnh 2026\\t`, 'm'));
  assert.match(r.stdout, /^\d+ kế hoạch$/m);
  const none = run(['list', '--db', db, '--org', String(ids.commune), '--year', '1999']);
  assert.equal(none.status, 0, none.stderr);
  assert.equal(none.stdout, '0 kế hoạch\n');
  assert.equal(run(['list', '--db', db, '--year', 'x']).status, 2);
});

test('plan compliance prints the four lists, or JSON', () => {
  let r = run(['compliance', '--db', db, '--org', String(ids.province), '--year', '2026']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Năm 2026, hạn 2026-03-31: \d+ người đứng đầu, \d+ cấp ủy và chi bộ, \d+ kế hoạch$/m);
  assert.match(r.stdout, /^Người đứng đầu chưa có kế hoạch cá nhân: \d+$/m);
  assert.match(r.stdout, /^Cấp ủy, chi bộ chưa có kế hoạch: \d+$/m);
  assert.match(r.stdout, new RegExp(`^  ${ids.plan}\\tKế hoạch kiểm tra dòng lệnh 2026\\t`, 'm'));
  assert.match(r.stdout, /^Kế hoạch còn góp ý, đề nghị chưa trả lời: \d+$/m);
  assert.match(r.stdout, new RegExp(`^  ${ids.personal}\\tKế hoạch cá nhân dòng lệnh 2026\\t.*\\t1$`, 'm'));
  r = run(['compliance', '--db', db, '--org', String(ids.province), '--year', '2026', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.year, 2026);
  assert.equal(j.due, '2026-03-31');
  assert.ok(j.late.some((p) => p.id === ids.plan));
  assert.ok(!j.late.some((p) => p.id === ids.personal), 'approved on 15 March: on time');
  assert.equal(j.waiting.find((p) => p.id === ids.personal)?.open_comments, 1);
  assert.ok(!j.heads_without_plan.some((h) => h.person_id === ids.person));
  assert.equal(run(['compliance', '--db', db, '--org', String(ids.province)]).status, 2);
  assert.equal(run(['compliance', '--db', db, '--org', '999999', '--year', '2026']).status, 1);
});
