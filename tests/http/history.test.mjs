// SPDX-License-Identifier: AGPL-3.0-or-later
// A plan's history over the API and its page: every change and every
// comment's life, in the order they happened (even within one second),
// readable to whoever reads the plan and to nobody else.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, client } from './harness.mjs';

let srv, head, office, outsider, plan, item;

before(async () => {
  srv = await startServer({ demo: true, env: { KH_TODAY: '2029-01-10' } });
  head = client(srv.url, await login(srv.url, 'bithu.xa'));
  office = client(srv.url, await login(srv.url, 'vanphong'));
  outsider = client(srv.url, await login(srv.url, 'bithu.huyen'));
  const p = await head('POST', '/api/v1/plans', { scope: 'year', year_from: 2029 });
  assert.equal(p.status, 201, p.text);
  plan = p.json.id;
  const it = await head('POST', `/api/v1/plans/${plan}/items`, { text: 'Dự sinh hoạt chi bộ thôn', deadline_text: 'hằng quý' });
  assert.equal(it.status, 201, it.text);
  item = it.json.id;
});
after(async () => { await srv.stop(); });

test('the history lists changes and comments in the order they happened', async () => {
  assert.equal((await head('POST', `/api/v1/plans/${plan}/send`, {})).status, 200);
  const c = await office('POST', `/api/v1/plans/${plan}/comments`, { kind: 'comment', item_id: item, text: 'Nêu rõ tháng dự sinh hoạt' });
  assert.equal(c.status, 201, c.text);
  assert.equal((await head('PATCH', `/api/v1/items/${item}`, { text: 'Dự sinh hoạt chi bộ thôn tháng 3, 6, 9, 12' })).status, 200);
  const a = await head('POST', `/api/v1/comments/${c.json.id}/answer`, { answer: 'accepted', item_id: item, text: 'Đã nêu rõ' });
  assert.equal(a.status, 200, a.text);
  assert.equal((await head('POST', `/api/v1/plans/${plan}/approve`, {})).status, 200);
  assert.equal((await head('POST', `/api/v1/plans/${plan}/adjust`, { reason: 'Nhận nhiệm vụ mới' })).status, 200);

  const h = await head('GET', `/api/v1/plans/${plan}/history`);
  assert.equal(h.status, 200, h.text);
  assert.equal(h.json.plan_id, plan);
  assert.deepEqual(h.json.events.map((e) => e.action), ['plan.create', 'plan.item.create', 'plan.send',
    'comment.create', 'plan.item.update', 'comment.answer', 'plan.approve', 'plan.adjust']);
  const [create, , send, comment, update, answer, approve, adjust] = h.json.events;
  assert.equal(create.label, 'Lập dự thảo kế hoạch');
  assert.equal(create.who, 'bithu.xa');
  assert.equal(send.label, 'Gửi lấy ý kiến góp ý (phiên bản 1)');
  assert.equal(comment.label, 'Góp ý');
  assert.equal(comment.comment_id, c.json.id);
  assert.equal(comment.detail, 'Nêu rõ tháng dự sinh hoạt');
  assert.equal(update.detail, 'Dự sinh hoạt chi bộ thôn tháng 3, 6, 9, 12');
  assert.equal(answer.label, 'Tiếp thu ý kiến');
  assert.equal(approve.label, 'Phê duyệt, ban hành (phiên bản 2)');
  assert.equal(adjust.detail, 'Nhận nhiệm vụ mới');
  assert.match(create.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(create.comment_id, null);
});

test('the history page shows the same, and links the comments', async () => {
  const r = await head('GET', `/plans/${plan}/history`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Lịch sử kế hoạch<\/h1>/);
  assert.match(r.text, /Gửi lấy ý kiến góp ý \(phiên bản 1\)/);
  assert.match(r.text, new RegExp(`href="/plans/${plan}#comment-\\d+">Góp ý</a>`));
  const page = await head('GET', `/plans/${plan}`);
  assert.match(page.text, new RegExp(`href="/plans/${plan}/history">Lịch sử</a>`));
});

test('outside the plan’s readers: refused; unknown: not found', async () => {
  const r = await outsider('GET', `/api/v1/plans/${plan}/history`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  assert.equal((await outsider('GET', `/plans/${plan}/history`)).status, 403);
  assert.equal((await head('GET', '/api/v1/plans/999999/history')).status, 404);
});
