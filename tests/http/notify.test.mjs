// SPDX-License-Identifier: AGPL-3.0-or-later
// Notifications over HTTP, on the demo province: sending a plan notifies the
// recipient orgs (the cell secretary sees it, a secretary elsewhere does
// not); a request notifies the owner; the list's filters and paging; marking
// one or all read, per account, and never another's; the parameter errors;
// the inbox page (unread in bold, the "Đánh dấu đã đọc" buttons, the
// badge in the top bar, forged CSRF refused) and the escalations waiting for
// the managing committee's office there.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, client } from './harness.mjs';

let srv;
const as = {};
const sess = {};
const ids = {};

function sql(text) {
  return execFileSync('sqlite3', [srv.db, text], { encoding: 'utf8' }).trim();
}

function form(user, path, fields, { csrf = true } = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) p.append(k, String(v));
  if (csrf) p.append('csrf_token', sess[user].csrf);
  return fetch(srv.url + path, {
    method: 'POST', redirect: 'manual', body: p.toString(),
    headers: { Cookie: sess[user].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
}

before(async () => {
  srv = await startServer({ demo: true, env: { KH_TODAY: '2026-02-10' } });
  for (const u of ['admin', 'vanphong', 'bithu.xa', 'bithu.chibo', 'bithu.huyen']) {
    sess[u] = await login(srv.url, u);
    as[u] = client(srv.url, sess[u]);
  }
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent('Chi bộ thôn Đồng Xuân')}&types=org`);
  ids.cell = r.json.results.find((x) => x.type === 'org' && x.title === 'Chi bộ thôn Đồng Xuân').id;
  const c = as['bithu.xa'];
  const p = await c('POST', '/api/v1/plans', { scope: 'year', year_from: 2027 });
  assert.equal(p.status, 201, p.text);
  ids.plan = p.json.id;
  const it = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Duy trì sinh hoạt chi bộ định kỳ' });
  assert.equal(it.status, 201, it.text);
  const s = await c('POST', `/api/v1/plans/${ids.plan}/send`);
  assert.equal(s.status, 200, s.text);
});
after(async () => { await srv?.stop(); });

test('a plan sent for comment reaches the recipients, not the others', async () => {
  let r = await as['bithu.chibo']('GET', '/api/v1/notifications');
  assert.equal(r.status, 200, r.text);
  // One per recipient org she holds a position in (the cell, and the
  // commune's committee where its secretaries sit).
  const sent = r.json.notifications.filter((n) => n.kind === 'plan_sent' && n.plan_id === ids.plan);
  assert.ok(sent.length >= 1, r.text);
  assert.deepEqual(Object.keys(sent[0]).sort(),
    ['comment_id', 'created_at', 'id', 'kind', 'link', 'plan_id', 'read', 'text']);
  assert.equal(sent[0].read, false);
  assert.ok(sent[0].link.startsWith(`/plans/${ids.plan}`), sent[0].link);
  r = await as['bithu.huyen']('GET', '/api/v1/notifications');
  assert.equal(r.status, 200);
  assert.ok(!r.json.notifications.some((n) => n.plan_id === ids.plan), 'another commune hears nothing');
});

test('a request notifies the owner; filters and paging', async () => {
  const before = (await as['bithu.xa']('GET', '/api/v1/notifications')).json;
  let r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, {
    kind: 'request', on_behalf_org_id: ids.cell, text: 'Chi bộ đề nghị bổ sung chỉ tiêu kết nạp đảng viên.',
  });
  assert.equal(r.status, 201, r.text);
  ids.request = r.json.id;
  r = await as['bithu.xa']('GET', '/api/v1/notifications');
  assert.equal(r.status, 200);
  assert.equal(r.json.total, before.total + 1);
  assert.equal(r.json.unread, before.unread + 1);
  const n = r.json.notifications[0];
  assert.equal(n.kind, 'request');
  assert.equal(n.comment_id, ids.request);
  assert.equal(n.plan_id, ids.plan);
  assert.equal(n.link, `/plans/${ids.plan}#comment-${ids.request}`);
  assert.match(n.text, /^Phạm Thị Huệ \(thay mặt Chi bộ thôn Đồng Xuân\) gửi đề nghị về kế hoạch «/);
  assert.match(n.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  ids.xaRequest = n.id;
  ids.xaTotal = r.json.total;

  r = await as['bithu.xa']('GET', '/api/v1/notifications?limit=1&offset=1');
  assert.equal(r.json.notifications.length, 1);
  assert.equal(r.json.limit, 1);
  assert.equal(r.json.offset, 1);
  assert.equal(r.json.total, ids.xaTotal);
  r = await as['bithu.xa']('GET', '/api/v1/notifications?unread=1');
  assert.ok(r.json.notifications.every((x) => !x.read));
  assert.equal(r.json.total, r.json.unread);
  for (const q of ['limit=0', 'limit=201', 'limit=abc', 'offset=-1', 'unread=peut-être']) {
    r = await as['bithu.xa']('GET', `/api/v1/notifications?${q}`);
    assert.equal(r.status, 400, q);
  }
});

test('marking read: one, per account, never another\'s, then all', async () => {
  const unread = (await as['bithu.xa']('GET', '/api/v1/notifications')).json.unread;
  let r = await as['bithu.xa']('POST', `/api/v1/notifications/${ids.xaRequest}/read`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json, { unread: unread - 1 });
  r = await as['bithu.xa']('POST', `/api/v1/notifications/${ids.xaRequest}/read`);
  assert.deepEqual(r.json, { unread: unread - 1 }, 'twice is harmless');
  r = await as['bithu.xa']('GET', '/api/v1/notifications');
  assert.equal(r.json.notifications.find((x) => x.id === ids.xaRequest).read, true);

  const marks = sql('SELECT count(*) FROM notification_reads');
  r = await as['bithu.chibo']('POST', `/api/v1/notifications/${ids.xaRequest}/read`);
  assert.equal(r.status, 404, 'not hers');
  assert.equal(r.json.error.code, 'not_found');
  r = await as['bithu.chibo']('POST', '/api/v1/notifications/999999/read');
  assert.equal(r.status, 404);
  assert.equal(sql('SELECT count(*) FROM notification_reads'), marks);

  r = await as['bithu.chibo']('GET', '/api/v1/notifications');
  assert.ok(r.json.unread > 0);
  r = await as['bithu.chibo']('POST', '/api/v1/notifications/read-all');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json, { unread: 0 });
  r = await as['bithu.xa']('GET', '/api/v1/notifications');
  assert.equal(r.json.unread, unread - 1, 'her marks are hers');
});

test('the inbox page: unread in bold, mark read with the form, forged CSRF refused', async () => {
  await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, { kind: 'comment', text: 'Góp ý thứ hai <b>đậm</b>' });
  let r = await as['bithu.xa']('GET', '/inbox');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Hộp thư<\/h1>/);
  assert.match(r.text, /<a href="\/inbox" aria-current="page">Hộp thư <span class="badge"/);
  const row = new RegExp(`<tr id="notification-(\\d+)" class="unread">.*?<strong><a href="/plans/${ids.plan}#comment-(\\d+)">Phạm Thị Huệ gửi góp ý`);
  const m = row.exec(r.text);
  assert.ok(m, 'the new comment is an unread, bold row');
  assert.ok(r.text.includes('&lt;b&gt;đậm&lt;/b&gt;'), 'escaped');
  assert.ok(!r.text.includes('<b>đậm</b>'));
  assert.match(r.text, /<button type="submit">Đánh dấu đã đọc<\/button>/);
  assert.match(r.text, /Đánh dấu tất cả đã đọc/);
  assert.ok(!new RegExp(`<tr id="notification-${ids.xaRequest}" class="unread">`).test(r.text), 'read ones are not bold');
  const id = m[1];

  for (const opts of [{ csrf: false }]) {
    const f = await form('bithu.xa', '/inbox/read', { id }, opts);
    assert.equal(f.status, 403);
  }
  const forged = await fetch(`${srv.url}/inbox/read`, {
    method: 'POST', redirect: 'manual', body: `id=${id}&csrf_token=forged`,
    headers: { Cookie: sess['bithu.xa'].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(forged.status, 403);
  let f = await form('bithu.xa', '/inbox/read', { id });
  assert.equal(f.status, 303, f.text);
  assert.equal(f.location, '/inbox?notice=read');
  r = await as['bithu.xa']('GET', '/inbox?notice=read');
  assert.match(r.text, /Đã đánh dấu đã đọc/);
  assert.ok(!r.text.includes(`<tr id="notification-${id}" class="unread">`));
  f = await form('bithu.chibo', '/inbox/read', { id });
  assert.equal(f.status, 404, 'not hers');
  f = await form('bithu.xa', '/inbox/read', {});
  assert.equal(f.status, 303);
  r = await as['bithu.xa']('GET', '/inbox?unread=1');
  assert.match(r.text, /Không có thông báo nào/);
  assert.match(r.text, / · 0 chưa đọc/);
});

test('the managing committee\'s office sees the escalation in its inbox', async () => {
  sql("INSERT OR REPLACE INTO settings(key, value) VALUES ('plan.escalation_days', '0')");
  let r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.request}/escalate`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.escalation.to_name, 'Tỉnh ủy Sơn Nam');
  r = await as.vanphong('GET', '/api/v1/notifications?unread=1');
  const e = r.json.notifications.find((n) => n.kind === 'escalation');
  assert.ok(e, r.text);
  assert.equal(e.comment_id, ids.request);
  r = await as.vanphong('GET', '/inbox');
  assert.match(r.text, /<h2>Kiến nghị chờ quyết định<\/h2>/);
  assert.match(r.text, /Kiến nghị của Chi bộ thôn Đồng Xuân/);
  assert.ok(r.text.includes(`action="/comments/${ids.request}/decision"`));
  r = await as['bithu.chibo']('GET', '/inbox');
  assert.ok(!r.text.includes('Kiến nghị chờ quyết định'));
  const f = await form('vanphong', `/comments/${ids.request}/decision`, { decision: 'dismissed', text: 'Nội dung đã có trong kế hoạch của Đảng ủy xã.' });
  assert.equal(f.status, 303, f.text);
  r = await as.vanphong('GET', '/inbox');
  assert.ok(!r.text.includes('Kiến nghị chờ quyết định'));
  for (const u of ['bithu.xa', 'bithu.chibo']) {
    r = await as[u]('GET', '/api/v1/notifications?unread=1');
    assert.ok(r.json.notifications.some((n) => n.kind === 'decision' && n.comment_id === ids.request), u);
  }
});
