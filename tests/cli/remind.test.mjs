// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach remind` on a demo database with an approved 2031 plan of a
// commune written with sqlite3: items due in 4 days, tomorrow, today, a
// month ago (one of those done), and in June. The first run as of
// 1-3-2031 writes ONE digest for the commune naming the counts, linked to
// the plan; a second run the same day sends nothing new; a run the next
// day reminds only what reached a new stage (due tomorrow → due today).
// Bad usage exits 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cli, freshDb } from '../http/harness.mjs';

let db, dir;
const ids = {};
const day = (y, m, d) => Math.round(Date.UTC(y, m - 1, d) / 86400000);

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const digests = () => sql(`SELECT text || '|' || link FROM notifications
  WHERE kind = 'deadline' AND org_id = ${ids.commune} ORDER BY id`).split('\n').filter(Boolean);

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  const person = Number(sql("SELECT person_id FROM users WHERE username = 'bithu.xa'"));
  ids.commune = Number(sql(`SELECT org_id FROM positions WHERE person_id = ${person}
    AND role = 'head' AND title LIKE 'Bí thư%'`));
  ids.plan = Number(sql(`INSERT INTO plans(owner_org_id, scope, year_from, year_to, title,
    status, version, created_at, updated_at) VALUES (${ids.commune}, 'year', 2031, 2031,
    'Kế hoạch nhắc việc 2031', 'approved', 1, 0, 0); SELECT last_insert_rowid();`));
  const items = [
    ['Sơ kết công tác dân vận', day(2031, 3, 5), null],
    ['Kiện toàn chi bộ thôn', day(2031, 3, 2), null],
    ['Nộp báo cáo quý', day(2031, 3, 1), null],
    ['Kết nạp đảng viên mới', day(2031, 2, 1), null],
    ['Hội nghị quán triệt', day(2031, 2, 1), day(2031, 1, 20)],
    ['Tổng kết năm', day(2031, 6, 30), null],
  ];
  items.forEach(([text, end, done], i) => sql(`INSERT INTO plan_items(plan_id, seq, text,
    lead_org_id, deadline_text, deadline_kind, deadline_end, progress_state, done_day,
    created_at, updated_at) VALUES (${ids.plan}, ${i + 1}, '${text}', ${ids.commune}, 'x',
    'date', ${end}, '${done ? 'done' : 'not_started'}', ${done ?? 'NULL'}, 0, 0)`));
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('one digest per lead org, then nothing new the same day', () => {
  let r = cli(['remind', '--db', db, '--date', '2031-03-01']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Nội dung kế hoạch: \d+ sắp đến hạn, \d+ đến hạn hôm nay, \d+ quá hạn; \d+ thông báo/);
  assert.match(r.stdout, /Báo cáo: \d+ thông báo nhắc việc/);
  let d = digests();
  assert.equal(d.length, 1, d.join('\n'));
  assert.match(d[0], /^Nhắc việc: có 1 nội dung quá hạn, 1 nội dung đến hạn hôm nay, 2 nội dung sắp đến hạn/);
  assert.match(d[0], new RegExp(`\\|/plans/${ids.plan}/timeline$`));
  assert.equal(Number(sql(`SELECT count(*) FROM reminders WHERE subject = 'item'
    AND org_id = ${ids.commune}`)), 4);

  r = cli(['remind', '--db', db, '--date', '2031-03-01']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /0 sắp đến hạn, 0 đến hạn hôm nay, 0 quá hạn; 0 thông báo/);
  assert.equal(digests().length, 1);
});

test('the next day reminds only what reached a new stage', () => {
  const r = cli(['remind', '--db', db, '--date', '2031-03-02']);
  assert.equal(r.status, 0, r.stderr);
  const d = digests();
  assert.equal(d.length, 2);
  // Due tomorrow → due today; due 1-3 → now overdue (a new stage); 5-3
  // is still "due within 7 days" (already said).
  assert.match(d[1], /^Nhắc việc: có 1 nội dung quá hạn, 1 nội dung đến hạn hôm nay \(trong đó /);
  assert.doesNotMatch(d[1], /sắp đến hạn/);
});

test('bad usage exits 2', () => {
  assert.equal(cli(['remind']).status, 2);
  assert.equal(cli(['remind', '--db', db, '--date', '1-3-2031']).status, 2);
});
