// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach report` and `kehoach export report|letter` on a fresh demo
// database: a campaign of the province written with sqlite3 (two communes
// reporting, one submitted late, one returned, one missing); `report
// campaigns` lists it (all, and for a reporting org), `report status`
// prints the counts and one line per org, or the API's JSON; the report and
// the opening letter exported as DOCX and PDF and opened (unzip, pdftotext,
// pdfinfo); errors exit 1 and bad usage 2.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cli, freshDb } from '../http/harness.mjs';

const ENV = { KH_TODAY: '2026-06-15' };
let db, dir;
const ids = {};

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}
const day = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);
const run = (args) => cli(args, { env: ENV });

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  const org = (name) => Number(sql(`SELECT org_id FROM org_versions WHERE name = '${name}' AND valid_to IS NULL`));
  ids.province = org('Tỉnh ủy Sơn Nam');
  ids.xa = org('Đảng bộ xã Tân Phong');
  ids.lacdien = org('Đảng bộ xã Lạc Điền');
  ids.sonha = org('Đảng bộ xã Sơn Hà');
  ids.campaign = Number(sql(`INSERT INTO report_campaigns(org_id, kind, year_from, year_to, title,
    number, outline, conference_from, conference_to, after_conference, created_at, updated_at)
    VALUES (${ids.province}, 'mid_term', 2025, 2027, 'Sơ kết giữa nhiệm kỳ 2025–2030', '120-CV/TU',
    '["I. Đánh giá kết quả thực hiện nghị quyết", "II. Hạn chế, nguyên nhân", "III. Phương hướng, nhiệm vụ, giải pháp nửa nhiệm kỳ còn lại", "Phụ lục: Số liệu các chỉ tiêu"]',
    ${day('2026-07-01')}, ${day('2026-07-10')}, 'Báo cáo chính trị đã thông qua', 1780000000, 1780000000);
    SELECT last_insert_rowid();`));
  sql(`INSERT INTO report_campaign_due VALUES (${ids.campaign}, 3, ${day('2026-06-09')});
    INSERT INTO reports(campaign_id, org_id, due_day, created_at, updated_at)
      VALUES (${ids.campaign}, ${ids.province}, ${day('2026-06-09')}, 0, 0);
    INSERT INTO reports(campaign_id, org_id, status, due_day, number, body, submitted_at, submitted_day, created_at, updated_at)
      VALUES (${ids.campaign}, ${ids.xa}, 'submitted', ${day('2026-06-09')}, '07-BC/ĐU',
      '{"sections": ["Nửa đầu nhiệm kỳ, xã hoàn thành 9/12 chỉ tiêu", "Hạn chế: thu ngân sách", "Phấn đấu hoàn thành", ""]}',
      1781000000, ${day('2026-06-11')}, 0, 0);
    INSERT INTO reports(campaign_id, org_id, status, due_day, returned_reason, created_at, updated_at)
      VALUES (${ids.campaign}, ${ids.lacdien}, 'returned', ${day('2026-06-09')}, 'Thiếu phụ lục', 0, 0);
    INSERT INTO reports(campaign_id, org_id, due_day, created_at, updated_at)
      VALUES (${ids.campaign}, ${ids.sonha}, ${day('2026-06-09')}, 0, 0);`);
  ids.report = Number(sql(`SELECT id FROM reports WHERE org_id = ${ids.xa} AND campaign_id = ${ids.campaign}`));
});

test('report campaigns lists the campaign, of all and of a reporting org', () => {
  let r = run(['report', 'campaigns', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${ids.campaign}\\tmid_term\\t2025-2027\\topen\\tTỉnh ủy Sơn Nam\\tSơ kết giữa nhiệm kỳ 2025–2030$`, 'm'));
  r = run(['report', 'campaigns', '--db', db, '--org', String(ids.xa)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Sơ kết giữa nhiệm kỳ 2025–2030/);
});

test('report status prints the counts and a line per org, or JSON', () => {
  let r = run(['report', 'status', '--db', db, String(ids.campaign)]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Tổng số 3 đơn vị: đúng hạn 0, muộn 1, chưa nộp \(quá hạn\) 1, trả lại 1, chưa đến hạn 0/);
  assert.match(r.stdout, /Đảng bộ xã Tân Phong\tMuộn\tĐã gửi\thạn 2026-06-09\tgửi 2026-06-11/);
  assert.match(r.stdout, /Đảng bộ xã Sơn Hà\tChưa nộp \(quá hạn\)/);
  assert.match(r.stdout, /Đảng bộ xã Lạc Điền\tTrả lại/);
  r = run(['report', 'status', '--db', db, String(ids.campaign), '--json']);
  assert.equal(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.counts.total, 3);
  assert.equal(j.counts.missing, 1);
  assert.equal(j.reports.find((x) => x.org.id === ids.xa).timeliness, 'late');
});

test('export report and letter as DOCX and PDF', () => {
  const docx = path.join(dir, 'bc.docx');
  let r = run(['export', '--db', db, 'report', String(ids.report), '--format', 'docx', '--output', docx]);
  assert.equal(r.status, 0, r.stderr);
  const text = execFileSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' })
    .replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
  for (const want of ['BÁO CÁO', 'Sơ kết giữa nhiệm kỳ 2025–2030', 'Số 07-BC/ĐU', 'ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT',
    'Nửa đầu nhiệm kỳ, xã hoàn thành 9/12 chỉ tiêu', 'PHƯƠNG HƯỚNG, NHIỆM VỤ, GIẢI PHÁP NỬA NHIỆM KỲ CÒN LẠI'])
    assert.ok(text.includes(want), `${want} in:\n${text}`);
  const pdf = path.join(dir, 'cv.pdf');
  r = run(['export', '--db', db, 'letter', String(ids.campaign), '--format', 'pdf', '--output', pdf]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }), /A4/);
  const t = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  for (const want of ['Số 120-CV/TU', 'V/v sơ kết giữa nhiệm kỳ 2025–2030', 'Kính gửi', 'chậm nhất ngày 09/06/2026'])
    assert.ok(t.includes(want), `${want} in:\n${t}`);
});

test('errors exit 1, bad usage 2', () => {
  let r = run(['report', 'status', '--db', db, '999999']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kehoach: .*đợt báo cáo/);
  for (const args of [['report'], ['report', 'status', '--db', db], ['report', 'status', '--db', db, 'x'],
    ['report', 'campaigns', '--db', db, '--org', 'abc'], ['report', 'frobnicate', '--db', db]]) {
    r = run(args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, /kehoach report/);
  }
  const out = path.join(dir, 'x.xlsx');
  r = run(['export', '--db', db, 'letter', String(ids.campaign), '--format', 'xlsx', '--output', out]);
  assert.equal(r.status, 2);
  r = run(['export', '--db', db, 'report', '999999', '--format', 'pdf', '--output', out]);
  assert.equal(r.status, 1);
  assert.equal(existsSync(out), false);
});
