// SPDX-License-Identifier: AGPL-3.0-or-later
// Quality classification over HTTP on the demo province (KH_TODAY 2026-06-01):
// the rule sets are listed; the secretary of Chi bộ thôn Đồng Xuân
// self-assesses the cell for 2026 (366-QĐ/TW, task points computed from its
// plans), a grade above what the points allow is refused naming the rule
// (409, database unchanged), a quarter of 2025 is refused (124-QĐ/TW is
// yearly); the cell's secretary may not propose; the commune's secretary
// (head of the deciding committee) proposes and the province's organization
// board decides through the page forms, then re-examines with a reason; the page shows the history and the task
// breakdown; a cell secretary outside reads nothing (403), no session 401.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startServer, login, client } from './harness.mjs';

let srv;
const as = {};
const sess = {};
const ids = {};

async function orgId(name) {
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, `org ${name}`);
  return hit.id;
}

function form(user, p, fields, { csrf = true } = {}) {
  const b = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) b.append(k, String(v));
  if (csrf) b.append('csrf_token', sess[user].csrf);
  return fetch(srv.url + p, {
    method: 'POST', redirect: 'manual', body: b.toString(),
    headers: { Cookie: sess[user].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
}

function dbHash() {
  const out = execFileSync('sqlite3', ['-readonly', srv.db],
    { input: 'SELECT * FROM classifications; SELECT * FROM classification_steps;', encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}

before(async () => {
  srv = await startServer({ demo: true, env: { KH_TODAY: '2026-06-01' } });
  for (const u of ['admin', 'bantochuc', 'bithu.xa', 'bithu.chibo', 'bithu.huyen']) {
    sess[u] = await login(srv.url, u);
    as[u] = client(srv.url, sess[u]);
  }
  ids.cell = await orgId('Chi bộ thôn Đồng Xuân');
  ids.xa = await orgId('Đảng bộ xã Tân Phong');
});
after(async () => { await srv?.stop(); });

test('the rule sets are data: 124-QĐ/TW yearly without points, 366-QĐ/TW with 100 points', async () => {
  const r = await as['bithu.chibo']('GET', '/api/v1/classification-rules');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.map((x) => x.code), ['124-QĐ/TW', '366-QĐ/TW']);
  assert.deepEqual(r.json[0].periods, ['year']);
  assert.equal(r.json[0].scored, false);
  assert.deepEqual(r.json[1].periods, ['quarter', 'year', 'term']);
  assert.equal(r.json[1].general_max + r.json[1].task_max, 100);
  assert.equal(r.json[1].excellent_min, 90);
  assert.equal((await client(srv.url, null)('GET', '/api/v1/classification-rules')).status, 401);
});

test('self-assessment, proposal, decision and re-examination, each by its level', async () => {
  const cell = as['bithu.chibo'];
  const h0 = dbHash();
  let r = await cell('POST', '/api/v1/classifications', { subject_kind: 'org', org_id: ids.cell,
    period_kind: 'year', year: 2026, grade: 'excellent', general_points: 0, task_points: 70 });
  assert.equal(r.status, 409, r.text);
  assert.match(r.json.error.message ?? r.text, /366-QĐ\/TW/);
  r = await cell('POST', '/api/v1/classifications', { subject_kind: 'org', org_id: ids.cell,
    period_kind: 'quarter', year: 2025, part: 1, grade: 'good' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /124-QĐ\/TW/);
  r = await cell('POST', '/api/v1/classifications', { subject_kind: 'org', org_id: ids.cell,
    period_kind: 'year', year: 2026, grade: 'bad', general_points: 20 });
  assert.equal(r.status, 400, r.text);
  assert.equal(dbHash(), h0, 'refusals change nothing');

  r = await cell('POST', '/api/v1/classifications', { subject_kind: 'org', org_id: ids.cell,
    period_kind: 'year', year: 2026, grade: 'not_complete', general_points: 20, task_points: 40,
    note: 'Tự đánh giá của chi bộ' });
  assert.equal(r.status, 200, r.text);
  ids.c = r.json.id;
  assert.equal(r.json.stage, 'self');
  assert.equal(r.json.rule, '366-QĐ/TW');
  assert.equal(r.json.deciding_org_id, ids.xa);
  assert.equal(typeof r.json.task_score.from_plan, 'boolean');
  assert.equal(r.json.can_self, true);
  assert.equal(r.json.can_propose, false);

  // The cell's secretary does not appraise his own cell.
  const h1 = dbHash();
  r = await cell('POST', `/api/v1/classifications/${ids.c}/propose`,
    { grade: 'not_complete', general_points: 20, task_points: 40 });
  assert.equal(r.status, 403, r.text);
  r = await as.bantochuc('POST', `/api/v1/classifications/${ids.c}/decide`,
    { grade: 'not_complete', general_points: 20, task_points: 40 });
  assert.equal(r.status, 409, 'no decision before a proposal');
  r = await as['bithu.huyen']('GET', `/api/v1/classifications/${ids.c}`);
  assert.equal(r.status, 403, r.text);
  assert.equal(dbHash(), h1);

  // Through the page forms: the commune's committee (its secretary) proposes,
  // the province's organization board decides.
  r = await form('bithu.xa', `/classification/${ids.c}/propose`,
    { grade: 'not_complete', general_points: 22, task_points: 40, note: 'Ban Tổ chức thẩm định' });
  assert.equal(r.status, 303, r.text);
  assert.match(r.location, new RegExp(`/classification/${ids.c}\\?notice=proposed`));
  r = await form('bantochuc', `/classification/${ids.c}/decide`,
    { grade: 'not_complete', general_points: 22, task_points: 40 }, { csrf: false });
  assert.equal(r.status, 403);
  r = await form('bantochuc', `/classification/${ids.c}/decide`,
    { grade: 'not_complete', general_points: 22, task_points: 40 });
  assert.equal(r.status, 303, r.text);
  r = await form('bantochuc', `/classification/${ids.c}/decide`,
    { grade: 'not_complete', general_points: 21, task_points: 40, note: '' });
  assert.equal(r.status, 400, 're-examination needs its reason');
  assert.match(r.text, /lý do xem xét lại/);
  r = await as.bantochuc('POST', `/api/v1/classifications/${ids.c}/decide`,
    { grade: 'not_complete', general_points: 21, task_points: 40, note: 'Xem xét lại theo đơn' });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.history.map((x) => x.stage), ['self', 'proposed', 'decided', 'reexamined']);
  assert.equal(r.json.history[3].note, 'Xem xét lại theo đơn');

  r = await as['bithu.chibo']('GET', `/classification/${ids.c}`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Quá trình đánh giá, xếp loại/);
  assert.match(r.text, /Xem xét lại theo đơn/);
  assert.match(r.text, /Kết quả thực hiện nhiệm vụ theo kế hoạch/);
  assert.match(r.text, /Quy định 366-QĐ\/TW/);

  r = await as.bantochuc('GET', `/classification?org_id=${ids.xa}&year=2026`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Chi bộ thôn Đồng Xuân/);
  assert.match(r.text, /Không hoàn thành nhiệm vụ/);
  assert.match(r.text, /Chưa có kết quả xếp loại năm<\/h2><ul>(<li>[^<]*<\/li>)*<li>Chi bộ thôn Phong Niên<\/li>/);
  assert.doesNotMatch(r.text, /<li>Chi bộ thôn Đồng Xuân<\/li>/);
  r = await as.bantochuc('GET', `/api/v1/classifications?org_id=${ids.xa}&year=2026`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.some((x) => x.id === ids.c && x.stage === 'decided'));
  r = await as.bantochuc('GET', `/api/v1/classifications?org_id=${ids.xa}&year=1800`);
  assert.equal(r.status, 400);
  r = await as['bithu.huyen']('GET', `/classification?org_id=${ids.xa}&year=2026`);
  assert.equal(r.status, 403);
});

test('a self-assessment form with a bad period re-renders the page with the error', async () => {
  const h = dbHash();
  const r = await form('bithu.chibo', '/classification',
    { subject_kind: 'org', org_id: ids.cell, period_kind: 'quarter', year: 2025, part: 1, grade: 'good' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /124-QĐ\/TW/);
  assert.equal(dbHash(), h);
});
