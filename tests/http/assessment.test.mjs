// SPDX-License-Identifier: AGPL-3.0-or-later
// The year-end self-assessment over HTTP on the demo province (today
// 20-12-2026): the 2026 plan of xã Tân Phong, approved with three items, two
// of them reported (done, in progress). Its secretary finds the ratings
// pre-filled from the progress, saves a draft through the API and the page,
// submits; the 2027 plan is created and the remedies carried into it; the
// carried item deleted shows the remedy as not carried again, on the
// assessment page and on the 2027 plan's page. Refusals — unknown plan 404,
// out of scope 403, a bad rating 400, a draft plan 409, a submitted assessment edited 409, carrying
// into an approved plan 409 — leave the database unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-12-20' };
let srv, a, x, h, xa;
const ids = {};

function sql(text) {
  const r = spawnSync('sqlite3', [srv.db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}
const state = () => sql(`SELECT (SELECT count(*) FROM audit_log) || ',' || (SELECT count(*) FROM
  plan_items) || ',' || coalesce((SELECT group_concat(status || summary || shortcomings || causes)
  FROM assessments), '') || ',' || coalesce((SELECT group_concat(item_id || rating || note) FROM
  assessment_items), '') || ',' || coalesce((SELECT group_concat(text || coalesce(carried_item_id,
  '-')) FROM assessment_remedies), '')`);

async function unchanged(call, status) {
  const before = state();
  const r = await call();
  assert.equal(r.status, status, r.text);
  assert.equal(state(), before);
  return r;
}

// A form post as the browser sends it.
async function form(p, fields) {
  const body = new URLSearchParams();
  body.append('csrf_token', xa.csrf);
  for (const [k, v] of fields) body.append(k, String(v));
  const r = await fetch(srv.url + p, {
    method: 'POST', headers: { Cookie: xa.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body, redirect: 'manual',
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

before(async () => {
  srv = await startServer({ demo: true, env: ENV });
  a = client(srv.url, await login(srv.url, 'admin'));
  xa = await login(srv.url, 'bithu.xa');
  x = client(srv.url, xa);
  h = client(srv.url, await login(srv.url, 'bithu.huyen'));
  ids.tanphong = (await a('GET', `/api/v1/search?q=${encodeURIComponent('dang bo xa tan phong')}`))
    .json.results.find((r) => r.type === 'org').id;
  let r = await x('POST', '/api/v1/plans', { owner_org_id: ids.tanphong, scope: 'year', year_from: 2026 });
  assert.equal(r.status, 201, r.text);
  ids.plan = r.json.id;
  ids.items = [];
  for (const text of ['Tổ chức hội nghị sơ kết', 'Kiện toàn chi bộ', 'Ban hành quy chế làm việc']) {
    r = await x('POST', `/api/v1/plans/${ids.plan}/items`, {
      text, deadline_text: 'trước ngày 31-12-2026', lead_org_id: ids.tanphong });
    assert.equal(r.status, 201, r.text);
    ids.items.push(r.json.id);
  }
});
after(async () => { await srv?.stop(); });

test('a draft plan is not assessed yet; unknown and out-of-scope plans are refused', async () => {
  await unchanged(() => x('PUT', `/api/v1/plans/${ids.plan}/assessment`, { summary: 'Sớm' }), 409);
  await unchanged(() => x('POST', `/api/v1/plans/${ids.plan}/assessment/submit`), 409);
  await unchanged(() => x('GET', '/api/v1/plans/999999/assessment'), 404);
  await unchanged(() => x('PUT', '/api/v1/plans/999999/assessment', { summary: 'x' }), 404);
  let r = await x('POST', `/api/v1/plans/${ids.plan}/approve`, {});
  assert.equal(r.status, 200, r.text);
  for (const [item, state] of [[ids.items[0], 'done'], [ids.items[1], 'in_progress']]) {
    const fd = new FormData();
    fd.append('csrf_token', xa.csrf);
    fd.append('state', state);
    fd.append('percent', '60');
    r = await fetch(`${srv.url}/items/${item}/progress`, {
      method: 'POST', headers: { Cookie: xa.cookie }, body: fd, redirect: 'manual' });
    assert.equal(r.status, 303, await r.text());
  }
  await unchanged(() => h('GET', `/api/v1/plans/${ids.plan}/assessment`), 403);
  await unchanged(() => h('PUT', `/api/v1/plans/${ids.plan}/assessment`, { summary: 'x' }), 403);
  await unchanged(() => h('GET', `/plans/${ids.plan}/assessment`), 403);
});

test('ratings are pre-filled from the progress; a draft is saved; bad ratings are 400', async () => {
  let r = await x('GET', `/api/v1/plans/${ids.plan}/assessment`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'none');
  assert.deepEqual(r.json.items.map((i) => i.rating), ['done', 'partly', 'not_done']);
  assert.deepEqual(r.json.counts, { done: 1, partly: 1, not_done: 1 });
  assert.equal(r.json.can_edit, true);
  assert.equal(r.json.next_plan_id, null);

  await unchanged(() => x('PUT', `/api/v1/plans/${ids.plan}/assessment`,
    { items: [{ item_id: ids.items[2], rating: 'tốt' }] }), 400);
  await unchanged(() => x('PUT', `/api/v1/plans/${ids.plan}/assessment`,
    { items: [{ item_id: 999999, rating: 'done' }] }), 400);
  await unchanged(() => x('PUT', `/api/v1/plans/${ids.plan}/assessment`, { remedies: 'một' }), 400);

  r = await x('PUT', `/api/v1/plans/${ids.plan}/assessment`, {
    summary: 'Cơ bản hoàn thành kế hoạch', shortcomings: 'Một số việc còn chậm',
    causes: 'Chưa sát sao trong chỉ đạo',
    items: [{ item_id: ids.items[2], rating: 'partly', note: 'Đã có dự thảo' }],
    remedies: ['Tăng cường kiểm tra, giám sát'] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.items[2].rating, 'partly');
  assert.equal(r.json.items[2].note, 'Đã có dự thảo');
  assert.equal(r.json.remedies.length, 1);
  assert.match(sql(`SELECT group_concat(action) FROM audit_log WHERE action LIKE 'assessment.%'`),
    /assessment\.save/);

  // The page shows the form; a bad rating from the form is 400 with nothing written.
  r = await x('GET', `/plans/${ids.plan}/assessment`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Tự đánh giá kết quả thực hiện kế hoạch<\/h1>/);
  assert.match(r.text, /Biện pháp chưa đưa vào kế hoạch năm sau/);
  assert.match(r.text, /Chưa có kế hoạch năm 2027/);
  await unchanged(() => form(`/plans/${ids.plan}/assessment`,
    [['item_id', ids.items[0]], ['rating', 'xuất sắc'], ['note', '']]), 400);
  // The page's save: ratings per row, remedies one per line.
  r = await form(`/plans/${ids.plan}/assessment`, [
    ['item_id', ids.items[0]], ['rating', 'done'], ['note', 'Đúng hạn'],
    ['item_id', ids.items[1]], ['rating', 'not_done'], ['note', ''],
    ['item_id', ids.items[2]], ['rating', 'partly'], ['note', 'Đã có dự thảo'],
    ['summary', 'Cơ bản hoàn thành kế hoạch'], ['shortcomings', 'Một số việc còn chậm'],
    ['causes', 'Chưa sát sao trong chỉ đạo'],
    ['remedies', 'Tăng cường kiểm tra, giám sát\r\n\r\nPhân công rõ người, rõ việc\r\n']]);
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, `/plans/${ids.plan}/assessment?notice=saved`);
  r = await x('GET', `/api/v1/plans/${ids.plan}/assessment`);
  assert.deepEqual(r.json.items.map((i) => i.rating), ['done', 'not_done', 'partly']);
  assert.deepEqual(r.json.remedies.map((m) => m.text),
    ['Tăng cường kiểm tra, giám sát', 'Phân công rõ người, rõ việc']);
  // The plan's page links to it.
  r = await x('GET', `/plans/${ids.plan}`);
  assert.match(r.text, new RegExp(`href="/plans/${ids.plan}/assessment"`));
});

test('submitted, it is frozen; the remedies go into the 2027 plan', async () => {
  await unchanged(() => x('POST', `/api/v1/plans/${ids.plan}/assessment/carry`), 409);
  let r = await x('POST', `/api/v1/plans/${ids.plan}/assessment/submit`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.can_edit, false);
  await unchanged(() => x('PUT', `/api/v1/plans/${ids.plan}/assessment`, { summary: 'Sửa' }), 409);
  await unchanged(() => x('POST', `/api/v1/plans/${ids.plan}/assessment/submit`), 409);
  // No 2027 plan yet: a clear refusal.
  r = await unchanged(() => x('POST', `/api/v1/plans/${ids.plan}/assessment/carry`), 409);
  assert.match(r.json.error.message, /Chưa có kế hoạch năm 2027/);

  r = await x('POST', '/api/v1/plans', { owner_org_id: ids.tanphong, scope: 'year', year_from: 2027 });
  assert.equal(r.status, 201, r.text);
  ids.next = r.json.id;
  await unchanged(() => h('POST', `/api/v1/plans/${ids.plan}/assessment/carry`), 403);
  r = await x('POST', `/api/v1/plans/${ids.plan}/assessment/carry`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.carried, 2);
  assert.equal(r.json.assessment.next_plan_id, ids.next);
  assert.deepEqual(r.json.assessment.not_carried, []);
  const carried = r.json.assessment.remedies.map((m) => m.carried_item_id);
  r = await x('GET', `/api/v1/plans/${ids.next}`);
  const texts = r.json.items.map((i) => i.text);
  assert.ok(texts.includes('Tăng cường kiểm tra, giám sát'), texts.join('|'));
  assert.ok(texts.includes('Phân công rõ người, rõ việc'));

  // Deleted from the 2027 plan: not carried any more, on both pages.
  r = await x('DELETE', `/api/v1/items/${carried[1]}`);
  assert.ok(r.status === 200 || r.status === 204, r.text);
  r = await x('GET', `/api/v1/plans/${ids.plan}/assessment`);
  assert.deepEqual(r.json.not_carried.map((m) => m.text), ['Phân công rõ người, rõ việc']);
  r = await x('GET', `/plans/${ids.plan}/assessment`);
  const list = r.text.split('Biện pháp chưa đưa vào kế hoạch năm sau')[1];
  assert.match(list, /Phân công rõ người, rõ việc/);
  assert.match(r.text, /Đưa vào kế hoạch năm sau<\/button>/);
  r = await x('GET', `/plans/${ids.next}`);
  assert.match(r.text, /Biện pháp chưa đưa vào kế hoạch năm sau[\s\S]*Phân công rõ người, rõ việc/);

  // The 2027 plan approved: no longer editable, refused with the plan named.
  r = await x('POST', `/api/v1/plans/${ids.next}/approve`, {});
  assert.equal(r.status, 200, r.text);
  r = await unchanged(() => x('POST', `/api/v1/plans/${ids.plan}/assessment/carry`), 409);
  assert.match(r.json.error.message, /kế hoạch năm 2027/);
});
