// SPDX-License-Identifier: AGPL-3.0-or-later
// The quality check and compliance over HTTP, on the demo province: the check
// page and its JSON (findings grouped by kind, the repeated upper item with
// its score, links to the items), compliance for a subtree and a year (page
// and JSON, the org and year defaults), 404 for an unknown plan or org, 400
// for a bad year, 403 for a cell secretary on the province, 401 without a
// session. Plans, items and comments are written as rows into the demo
// database before the server starts: the check reads rows, and the test
// states exactly which.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, freshDb, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-05-01' };
let srv, office, commune, chibo, ids = {};

function sql(db, text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const UPPER_TEXT = 'Tăng cường công tác kiểm tra, giám sát việc thực hiện nhiệm vụ chính trị'
  + ' của các tổ chức cơ sở đảng trên địa bàn';

// Inserts a plan and returns its id.
function plan(db, { org = 'NULL', person = 'NULL', scope = 'year', from = 2026, to = from,
  title, status = 'draft', approved = 'NULL', upper = 'NULL' }) {
  return Number(sql(db, `INSERT INTO plans(owner_org_id, owner_person_id, scope, year_from,
    year_to, title, status, approved_day, upper_plan_id, created_at, updated_at)
    VALUES (${org}, ${person}, '${scope}', ${from}, ${to}, '${title}', '${status}',
    ${approved}, ${upper}, 0, 0); SELECT last_insert_rowid();`));
}

function item(db, planId, seq, { text, measures = '', lead = 'NULL', deadline = 'none' }) {
  return Number(sql(db, `INSERT INTO plan_items(plan_id, seq, text, measures, lead_org_id,
    deadline_kind, created_at, updated_at)
    VALUES (${planId}, ${seq}, '${text}', '${measures}', ${lead}, '${deadline}', 0, 0);
    SELECT last_insert_rowid();`));
}

const day = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);

before(async () => {
  const { db } = freshDb({ demo: true });
  ids.province = Number(sql(db, `SELECT org_id FROM org_versions WHERE name = 'Tỉnh ủy Sơn Nam'
    AND valid_to IS NULL`));
  ids.xaPerson = Number(sql(db, "SELECT person_id FROM users WHERE username = 'bithu.xa'"));
  ids.commune = Number(sql(db, `SELECT org_id FROM positions WHERE person_id = ${ids.xaPerson}
    AND role = 'head' AND title LIKE 'Bí thư%'`));
  ids.upper = plan(db, { org: ids.province, scope: 'term', from: 2025, to: 2030,
    title: 'Chương trình hành động của Tỉnh ủy nhiệm kỳ 2025-2030', status: 'approved',
    approved: day('2025-10-01') });
  ids.u1 = item(db, ids.upper, 1, { text: UPPER_TEXT, measures: 'Mỗi năm kiểm tra 20% tổ chức',
    lead: ids.province, deadline: 'recurring' });
  // A draft of the province: not issued, so nothing flows down from it.
  ids.draft = plan(db, { org: ids.province, from: 2027, title: 'Dự thảo kế hoạch năm 2027' });
  item(db, ids.draft, 1, { text: 'Một nội dung dự thảo' });
  ids.plan = plan(db, { org: ids.commune, title: 'Kế hoạch năm 2026 của Đảng ủy xã Tân Phong',
    upper: ids.upper });
  ids.good = item(db, ids.plan, 1, { text: 'Kết nạp 12 đảng viên mới trong năm 2026',
    measures: 'Mỗi chi bộ giới thiệu ít nhất 1 quần chúng ưu tú', lead: ids.commune,
    deadline: 'date' });
  ids.bare = item(db, ids.plan, 2, { text: 'Nâng cao chất lượng sinh hoạt chi bộ' });
  ids.copy = item(db, ids.plan, 3, { text: UPPER_TEXT, measures: 'Kiểm tra 3 chi bộ mỗi quý',
    lead: ids.commune, deadline: 'date' });
  // bithu.xa's own plan, approved on 10 April: late; with an open comment.
  ids.personal = plan(db, { person: ids.xaPerson, title: 'Kế hoạch cá nhân năm 2026',
    status: 'approved', approved: day('2026-04-10') });
  item(db, ids.personal, 1, { text: 'Dự sinh hoạt chi bộ nơi cư trú', deadline: 'recurring' });
  sql(db, `INSERT INTO plan_comments(plan_id, version, kind, text, created_at, created_day)
    VALUES (${ids.personal}, 1, 'request', 'Đề nghị bổ sung nội dung', 0, 0)`);

  srv = await startServer({ db, env: ENV });
  office = client(srv.url, await login(srv.url, 'vanphong'));
  commune = client(srv.url, await login(srv.url, 'bithu.xa'));
  chibo = client(srv.url, await login(srv.url, 'bithu.chibo'));
});

after(async () => { await srv?.stop(); });

test('the check API lists each finding with the item and, for repeats, the item repeated', async () => {
  const r = await office('GET', `/api/v1/plans/${ids.plan}/check`);
  assert.equal(r.status, 200, r.text);
  const j = r.json;
  assert.equal(j.plan_id, ids.plan);
  assert.equal(j.n_items, 3);
  assert.equal(j.n_findings, j.findings.length);
  assert.deepEqual(Object.keys(j.counts).sort(),
    ['no_deadline', 'no_lead', 'no_measure', 'repeats_own', 'repeats_upper']);
  const of = (id) => j.findings.filter((f) => f.item_id === id).map((f) => f.code);
  assert.deepEqual(of(ids.good), []);
  assert.deepEqual(of(ids.bare), ['no_lead', 'no_deadline', 'no_measure']);
  assert.deepEqual(of(ids.copy), ['repeats_upper']);
  const bare = j.findings.find((f) => f.item_id === ids.bare && f.code === 'no_deadline');
  assert.equal(bare.message, 'Chưa có thời gian hoàn thành');
  assert.equal(bare.item_seq, 2);
  assert.equal(bare.item_text, 'Nâng cao chất lượng sinh hoạt chi bộ');
  assert.equal(bare.other, null);
  const rep = j.findings.find((f) => f.code === 'repeats_upper');
  assert.equal(rep.other.item_id, ids.u1);
  assert.equal(rep.other.plan_id, ids.upper);
  assert.equal(rep.other.text, UPPER_TEXT);
  assert.equal(rep.other.plan_title, 'Chương trình hành động của Tỉnh ủy nhiệm kỳ 2025-2030');
  assert.ok(rep.other.score >= 0.8 && rep.other.score <= 1, String(rep.other.score));
  assert.match(rep.message, /^Gần như lặp lại nội dung số 1 của kế hoạch cấp trên «Chương trình hành động của Tỉnh ủy nhiệm kỳ 2025-2030» \(giống \d+%\)$/);
  assert.equal(j.counts.no_lead, 1);
  assert.equal(j.counts.repeats_upper, 1);
});

test('the check page groups the findings and links the items', async () => {
  const r = await office('GET', `/plans/${ids.plan}/check`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /3 nội dung, 4 vấn đề/);
  assert.ok(r.text.includes(`href="/plans/${ids.plan}#item-${ids.bare}"`), 'links the item');
  assert.ok(r.text.includes(`href="/plans/${ids.upper}#item-${ids.u1}"`), 'links the repeated item');
  for (const h of ['Chưa có đơn vị, người chủ trì (1)', 'Chưa có thời gian hoàn thành (1)',
    'Chưa có biện pháp cụ thể (1)', 'Lặp lại kế hoạch cấp trên'])
    assert.ok(r.text.includes(h), h);
  assert.ok(!r.text.includes('Lặp lại kế hoạch khác của cùng chủ thể ('), 'no empty group');
  assert.ok(r.text.includes('Kế hoạch năm 2026 của Đảng ủy xã Tân Phong'));
});

test('a plan without findings says so', async () => {
  const r = await office('GET', `/plans/${ids.upper}/check`);
  assert.equal(r.status, 200);
  assert.match(r.text, /1 nội dung, 0 vấn đề/);
  assert.match(r.text, /Không phát hiện vấn đề nào/);
});

test('unknown plan: 404; out of scope: 403; no session: 401', async () => {
  let r = await office('GET', '/api/v1/plans/999999/check');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  r = await office('GET', '/plans/999999/check');
  assert.equal(r.status, 404);
  r = await chibo('GET', `/api/v1/plans/${ids.draft}/check`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await chibo('GET', `/plans/${ids.draft}/check`);
  assert.equal(r.status, 403);
  r = await office('GET', `/api/v1/plans/${ids.draft}/check`);
  assert.equal(r.status, 200, 'the province office reads it');
  r = await client(srv.url, null)('GET', `/api/v1/plans/${ids.plan}/check`);
  assert.equal(r.status, 401);
});

test('compliance API: the four lists of a subtree for a year', async () => {
  const r = await office('GET', `/api/v1/compliance?org_id=${ids.province}&year=2026`);
  assert.equal(r.status, 200, r.text);
  const j = r.json;
  assert.equal(j.org_id, ids.province);
  assert.equal(j.year, 2026);
  assert.equal(j.due, '2026-03-31');
  for (const k of ['heads', 'orgs', 'plans']) assert.equal(typeof j.totals[k], 'number');
  assert.ok(j.totals.heads > 10 && j.totals.orgs > 10, JSON.stringify(j.totals));
  assert.ok(j.heads_without_plan.length > 0);
  const h = j.heads_without_plan[0];
  assert.deepEqual(Object.keys(h).sort(), ['org_id', 'org_name', 'person_id', 'person_name', 'title']);
  assert.ok(!j.heads_without_plan.some((x) => x.person_id === ids.xaPerson), 'has a plan');
  assert.ok(j.orgs_without_plan.some((o) => o.org_id === ids.province),
    'the province has a term plan only: not a plan for the year');
  assert.ok(!j.orgs_without_plan.some((o) => o.org_id === ids.commune), 'its draft counts');
  const late = j.late.find((p) => p.id === ids.personal);
  assert.ok(late, 'approved on 10 April: late');
  assert.equal(late.approved_day, '2026-04-10');
  assert.deepEqual(late.owner, { type: 'person', id: ids.xaPerson, name: 'Nguyễn Thế Hiển' });
  assert.ok(j.late.some((p) => p.id === ids.plan), 'a draft past 31 March is late');
  assert.ok(!j.late.some((p) => p.id === ids.upper), 'a term plan is not late');
  const waiting = j.waiting.find((p) => p.id === ids.personal);
  assert.equal(waiting.open_comments, 1);
  assert.equal(waiting.status, 'approved');
});

test('compliance page: sections with counts, defaults to the actor org and this year', async () => {
  let r = await office('GET', `/compliance?org_id=${ids.province}&year=2026`);
  assert.equal(r.status, 200, r.text);
  for (const h of ['Người đứng đầu chưa có kế hoạch cá nhân năm 2026',
    'Cấp ủy, chi bộ chưa có kế hoạch năm 2026', 'Kế hoạch chưa hoàn thành trước ngày 31/03/2026',
    'Kế hoạch còn góp ý, đề nghị chưa trả lời ('])
    assert.ok(r.text.includes(h), h);
  assert.ok(r.text.includes(`href="/plans/${ids.personal}"`));
  r = await commune('GET', '/compliance');
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Rà soát việc xây dựng kế hoạch năm 2026/);
  assert.ok(r.text.includes(`<option value="${ids.commune}" selected>`), 'the commune is chosen');
  r = await commune('GET', '/api/v1/compliance');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.org_id, ids.commune);
  assert.equal(r.json.year, 2026);
});

test('compliance refusals: out of scope, unknown org, bad year', async () => {
  let r = await chibo('GET', `/api/v1/compliance?org_id=${ids.province}&year=2026`);
  assert.equal(r.status, 403);
  r = await chibo('GET', `/compliance?org_id=${ids.province}`);
  assert.equal(r.status, 403);
  r = await office('GET', '/api/v1/compliance?org_id=999999&year=2026');
  assert.equal(r.status, 404);
  r = await office('GET', `/api/v1/compliance?org_id=${ids.province}&year=1800`);
  assert.equal(r.status, 400);
  r = await office('GET', `/api/v1/compliance?org_id=${ids.province}&year=abc`);
  assert.equal(r.status, 400);
});
