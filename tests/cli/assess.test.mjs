// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach assess --db FILE PLAN_ID [--json]` on a fresh demo database: an
// approved 2026 plan of the commune with three items (one reported done,
// one in progress), a submitted assessment with two remedies, one carried
// into the 2027 plan (an item that exists), one carried into an item since
// deleted — so counted as not carried. The text lists the counts per rating
// and each remedy carried or not; --json gives the API's JSON; an unknown
// plan exits 1 and bad usage 2. The rows are written with sqlite3: the
// command reads them exactly as the server does.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cli, freshDb } from '../http/harness.mjs';

const ENV = { KH_TODAY: '2026-12-20' };
let db;
const ids = {};

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const run = (args) => cli(['assess', ...args], { env: ENV });

before(() => {
  ({ db } = freshDb({ demo: true }));
  const person = Number(sql("SELECT person_id FROM users WHERE username = 'bithu.xa'"));
  ids.commune = Number(sql(`SELECT org_id FROM positions WHERE person_id = ${person}
    AND role = 'head' AND title LIKE 'Bí thư%'`));
  ids.plan = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, created_at, updated_at) VALUES (${ids.commune}, 'year', 2026, 2026,
    'Kế hoạch tự đánh giá 2026', 'approved', 0, 0); SELECT last_insert_rowid();`));
  ids.next = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, created_at, updated_at) VALUES (${ids.commune}, 'year', 2027, 2027,
    'Kế hoạch năm 2027', 'draft', 0, 0); SELECT last_insert_rowid();`));
  sql(`INSERT INTO plan_items(plan_id, seq, text, deadline_kind, progress_state, created_at,
    updated_at) VALUES (${ids.plan}, 1, 'Kết nạp đảng viên', 'none', 'done', 0, 0),
    (${ids.plan}, 2, 'Sơ kết nghị quyết', 'none', 'in_progress', 0, 0),
    (${ids.plan}, 3, 'Kiện toàn chi bộ', 'none', 'not_started', 0, 0),
    (${ids.next}, 1, 'Tăng cường kiểm tra', 'none', 'not_started', 0, 0)`);
  ids.carried = Number(sql(`SELECT id FROM plan_items WHERE plan_id = ${ids.next}`));
  const a = Number(sql(`INSERT INTO assessments(plan_id, status, shortcomings, causes,
    created_at, updated_at, submitted_at) VALUES (${ids.plan}, 'submitted',
    'Còn chậm', 'Chưa sát sao', 0, 0, 1); SELECT last_insert_rowid();`));
  sql(`INSERT INTO assessment_remedies(assessment_id, seq, text, carried_item_id) VALUES
    (${a}, 1, 'Tăng cường kiểm tra', ${ids.carried}), (${a}, 2, 'Phân công rõ việc', 999999)`);
});

test('prints the counts and each remedy, carried or not', () => {
  const r = run(['--db', db, String(ids.plan)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Tự đánh giá: đã gửi/);
  assert.match(r.stdout, /Hoàn thành: 1, hoàn thành một phần: 1, chưa hoàn thành: 1 \(của 3 nội dung\)/);
  assert.match(r.stdout, /Hạn chế, khuyết điểm: Còn chậm/);
  assert.match(r.stdout, /Biện pháp khắc phục: 2, chưa đưa vào kế hoạch năm 2027: 1/);
  assert.match(r.stdout, new RegExp(`1\\. Tăng cường kiểm tra — đã đưa vào kế hoạch ${ids.next}`));
  assert.match(r.stdout, /2\. Phân công rõ việc — chưa đưa vào kế hoạch năm sau/);
});

test('--json gives the API JSON', () => {
  const r = run(['--db', db, String(ids.plan), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.status, 'submitted');
  assert.deepEqual(j.counts, { done: 1, partly: 1, not_done: 1 });
  assert.equal(j.next_plan_id, ids.next);
  assert.deepEqual(j.remedies.map((m) => m.carried), [true, false]);
  assert.deepEqual(j.not_carried.map((m) => m.text), ['Phân công rõ việc']);
});

test('an unknown plan exits 1, bad usage 2', () => {
  let r = run(['--db', db, '999999']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /kế hoạch|Không tìm thấy/i);
  r = run(['--db', db]);
  assert.equal(r.status, 2);
  r = run(['--db', db, 'abc']);
  assert.equal(r.status, 2);
});
