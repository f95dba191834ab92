// SPDX-License-Identifier: AGPL-3.0-or-later
// "Theo dõi, đôn đốc" over HTTP on the demo province, moved only by the real
// use cases: a commune drafts its 2027 plan (one org fewer without a plan, on
// its own dashboard and on the province's), adds two items and issues the
// plan (one overdue, one due within 7 days — counted up the tree), reports
// the overdue one done (it leaves the count, the share done grows); the rows
// behind a count, the page with its table and links, the redirect of
// /dashboard; refusals: a bad list or year 400, a cell secretary on the
// province 403, no session 401. At the end `kehoach counters check` finds the
// counters kept by the triggers equal to a full recount.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, client, cli } from './harness.mjs';

let srv;
const as = {};
const ids = {};

async function orgId(name) {
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, `org ${name}`);
  return hit.id;
}

const dash = async (u, org) => {
  const r = await as[u]('GET', `/api/v1/orgs/${org}/dashboard?year=2027`);
  assert.equal(r.status, 200, r.text);
  return r.json;
};

before(async () => {
  srv = await startServer({ demo: true, env: { KH_TODAY: '2027-02-01' } });
  for (const u of ['admin', 'bithu.xa', 'bithu.chibo']) as[u] = client(srv.url, await login(srv.url, u));
  ids.xa = await orgId('Đảng bộ xã Tân Phong');
  ids.province = await orgId('Tỉnh ủy Sơn Nam');
});
after(async () => { await srv?.stop(); });

test('a plan drafted, issued and carried out moves the counts of its org and of the province', async () => {
  const p0 = (await dash('admin', ids.province)).org, x0 = (await dash('bithu.xa', ids.xa)).org;
  assert.ok(x0.plans.orgs >= 1);
  assert.equal(p0.plans.missing, p0.plans.orgs - p0.plans.with_plan);

  const c = as['bithu.xa'];
  const r = await c('POST', '/api/v1/plans', { owner_org_id: ids.xa, scope: 'year', year_from: 2027,
    title: 'Kế hoạch công tác năm 2027 của Đảng ủy xã Tân Phong' });
  assert.equal(r.status, 201, r.text);
  ids.plan = r.json.id;
  let x1 = (await dash('bithu.xa', ids.xa)).org, p1 = (await dash('admin', ids.province)).org;
  assert.equal(x1.plans.with_plan, x0.plans.with_plan + 1);
  assert.equal(x1.plans.missing, x0.plans.missing - 1);
  assert.equal(p1.plans.missing, p0.plans.missing - 1);
  assert.equal(p1.plans.late, p0.plans.late, 'not late before 31 March');

  const a = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Tổ chức hội nghị quán triệt Nghị quyết',
    lead_org_id: ids.xa, deadline_text: 'trước ngày 15/01/2027' });
  assert.equal(a.status, 201, a.text);
  const b = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Rà soát, kết nạp đảng viên mới',
    lead_org_id: ids.xa, deadline_text: 'trước ngày 05/02/2027' });
  assert.equal(b.status, 201, b.text);
  ids.a = a.json.id;
  ids.b = b.json.id;
  x1 = (await dash('bithu.xa', ids.xa)).org;
  assert.equal(x1.items.total, x0.items.total, 'a draft\'s items are not followed yet');

  assert.equal((await c('POST', `/api/v1/plans/${ids.plan}/approve`)).status, 200);
  const x2 = (await dash('bithu.xa', ids.xa)).org, p2 = (await dash('admin', ids.province)).org;
  assert.equal(x2.items.total, x0.items.total + 2);
  assert.equal(x2.items.overdue, x0.items.overdue + 1);
  assert.equal(x2.items.due_soon, x0.items.due_soon + 1);
  assert.equal(p2.items.overdue, p0.items.overdue + 1);
  const pd = await dash('admin', ids.province);
  const row = pd.children.find((k) => k.org_id === ids.xa);
  assert.ok(row, 'the commune is a child of the province');
  assert.equal(row.items.overdue, x2.items.overdue);

  let rows = await as.admin('GET', `/api/v1/orgs/${ids.province}/dashboard/rows?list=items_overdue&year=2027`);
  assert.equal(rows.status, 200, rows.text);
  const hit = rows.json.rows.find((x) => x.item_id === ids.a);
  assert.ok(hit, rows.text);
  assert.equal(hit.org_id, ids.xa);
  assert.equal(hit.plan_id, ids.plan);
  assert.equal(hit.day, '2027-01-15');
  rows = await as.admin('GET', `/api/v1/orgs/${ids.province}/dashboard/rows?list=plans_missing&year=2027&limit=1000`);
  assert.ok(!rows.json.rows.some((x) => x.org_id === ids.xa), 'the commune has its plan now');

  const done = await c('POST', `/api/v1/items/${ids.a}/progress`, { state: 'done', day: '2027-01-31' });
  assert.ok(done.status === 200 || done.status === 201, done.text);
  const it = await c('GET', `/api/v1/items/${ids.a}`);
  assert.deepEqual(it.json.progress, { state: 'done', percent: 100, day: '2027-01-31', done_day: '2027-01-31' });
  const x3 = (await dash('bithu.xa', ids.xa)).org;
  assert.equal(x3.items.overdue, x0.items.overdue);
  assert.equal(x3.items.done, x2.items.done + 1);
  assert.ok(x3.items.percent_done > 0);
});

test('the page, its rows and the redirect', async () => {
  let r = await as.admin('GET', `/orgs/${ids.province}/dashboard?year=2027`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Theo dõi, đôn đốc: Tỉnh ủy Sơn Nam — năm 2027<\/h1>/);
  assert.match(r.text, new RegExp(`<a href="/orgs/${ids.xa}/dashboard\\?year=2027">Đảng bộ xã Tân Phong</a>`));
  assert.match(r.text, /items_due_soon&amp;year=2027/);
  assert.match(r.text, /<svg[^>]*>/, 'the chart of the share done per child');
  r = await as.admin('GET', `/orgs/${ids.province}/dashboard/rows?list=items_due_soon&year=2027`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<a href="/plans/${ids.plan}#item-${ids.b}">Rà soát, kết nạp đảng viên mới</a>`));
  r = await as['bithu.xa']('GET', '/dashboard?year=2027');
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/orgs\/\d+\/dashboard\?year=2027$/);
});

test('refusals', async () => {
  let r = await as.admin('GET', `/api/v1/orgs/${ids.province}/dashboard/rows?list=everything&year=2027`);
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /plans_missing/);
  r = await as.admin('GET', `/api/v1/orgs/${ids.province}/dashboard?year=99`);
  assert.equal(r.status, 400);
  r = await as.admin('GET', `/api/v1/orgs/${ids.province}/dashboard/rows?list=items_overdue&limit=0`);
  assert.equal(r.status, 400);
  r = await as['bithu.chibo']('GET', `/api/v1/orgs/${ids.province}/dashboard`);
  assert.equal(r.status, 403);
  r = await as['bithu.chibo']('GET', `/orgs/${ids.province}/dashboard`);
  assert.equal(r.status, 403);
  assert.match(r.text, /<html lang="vi">/);
  r = await client(srv.url)('GET', `/api/v1/orgs/${ids.province}/dashboard`);
  assert.equal(r.status, 401);
});

test('kehoach counters check: the kept counters equal a full recount', async () => {
  const r = cli(['counters', '--db', srv.db, 'check']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /khớp/);
  const d = cli(['dashboard', '--db', srv.db, '--org', String(ids.province), '--year', '2027'],
    { env: { KH_TODAY: '2027-02-01' } });
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stdout, /^Năm 2027\nTỉnh ủy Sơn Nam: chưa có kế hoạch \d+\/\d+/);
  assert.match(d.stdout, /\n {2}Đảng bộ xã Tân Phong: /);
  assert.equal(cli(['dashboard', '--db', srv.db]).status, 2);
});
