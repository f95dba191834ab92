// SPDX-License-Identifier: AGPL-3.0-or-later
// Comments and requests over HTTP, on the demo province: the commune
// secretary of Tân Phong (bithu.xa) sends his plan for 2026; the secretary
// of his cell (bithu.chibo) comments as herself and requests for the cell;
// the Văn phòng Tỉnh ủy (vanphong) comments for the Tỉnh ủy; an outsider
// (bithu.huyen, now of xã Lạc Điền) is refused. The owner answers; the
// cell's request left unanswered is escalated after the 15 days (the server
// restarted on a later KH_TODAY) to the Tỉnh ủy that manages him, whose
// office decides. Each API route's round trip, the validation errors (a
// missing text, a wrong kind, wrong JSON types, unknown ids), the pages with
// their forms, forged CSRF tokens, and refusals that change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startServer, freshDb, login, client } from './harness.mjs';

let srv, db, dir;
const as = {};
const sess = {};
const ids = {};
const USERS = ['admin', 'vanphong', 'bithu.xa', 'bithu.chibo', 'bithu.huyen'];

async function boot(today) {
  srv = await startServer({ db, env: { KH_TODAY: today } });
  for (const u of USERS) {
    sess[u] = await login(srv.url, u);
    as[u] = client(srv.url, sess[u]);
  }
}

function dbHash() {
  const sql = ['plan_comments', 'notifications', 'mail_outbox']
    .map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n')
    + "\nSELECT count(*) FROM audit_log WHERE entity = 'plan_comment';";
  const out = execFileSync('sqlite3', ['-readonly', db], { input: sql, encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}

async function unchanged(what, fn) {
  const h = dbHash();
  await fn();
  assert.equal(dbHash(), h, `${what}: the database is unchanged`);
}

async function orgId(name) {
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, `${name}: ${r.text}`);
  return hit.id;
}

function form(user, path, fields, { csrf = true, token } = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) p.append(k, String(v));
  if (csrf) p.append('csrf_token', token ?? sess[user].csrf);
  return fetch(srv.url + path, {
    method: 'POST', redirect: 'manual', body: p.toString(),
    headers: { Cookie: sess[user].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
}

before(async () => {
  ({ db, dir } = freshDb({ demo: true }));
  await boot('2026-02-10');
  ids.cell = await orgId('Chi bộ thôn Đồng Xuân');
  ids.province = await orgId('Tỉnh ủy Sơn Nam');
  ids.lacdien = await orgId('Đảng bộ xã Lạc Điền');
  const c = as['bithu.xa'];
  const p = await c('POST', '/api/v1/plans', { scope: 'year', year_from: 2027 });
  assert.equal(p.status, 201, p.text);
  ids.plan = p.json.id;
  ids.items = [];
  for (const text of ['Duy trì sinh hoạt chi bộ định kỳ ngày 3 hằng tháng',
    'Giải quyết dứt điểm đơn thư tồn đọng về đất đai ở thôn Đồng Xuân']) {
    const it = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text, deadline_text: 'thường xuyên' });
    assert.equal(it.status, 201, it.text);
    ids.items.push(it.json.id);
  }
  const s = await c('POST', `/api/v1/plans/${ids.plan}/send`);
  assert.equal(s.status, 200, s.text);
  const rec = s.json.recipients.map((x) => x.org_id);
  assert.ok(rec.includes(ids.cell), 'the cell is a recipient');
  assert.ok(rec.includes(ids.province), 'the managing Tỉnh ủy is a recipient');
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('POST /api/v1/plans/{id}/comments: as a person, for a collective, on an item', async () => {
  let r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, {
    kind: 'comment', item_id: ids.items[0], text: 'Nên ghi rõ sinh hoạt chuyên đề mỗi quý một lần.',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.plan_id, ids.plan);
  assert.equal(r.json.item_id, ids.items[0]);
  assert.equal(r.json.kind, 'comment');
  assert.equal(r.json.version, 1);
  assert.equal(r.json.author.name, 'Phạm Thị Huệ');
  assert.equal(r.json.on_behalf, null);
  assert.equal(r.json.answer, null);
  assert.equal(r.json.escalation, null);
  assert.match(r.json.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.deepEqual(r.json.rights, { answer: false, escalate: false, escalate_from: null, decide: false });
  ids.personal = r.json.id;

  r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, {
    kind: 'request', item_id: ids.items[1], on_behalf_org_id: ids.cell,
    text: 'Chi bộ đề nghị đồng chí Bí thư nêu rõ thời hạn giải quyết từng vụ việc.\nBáo cáo kết quả tại sinh hoạt chi bộ.',
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.on_behalf, { org_id: ids.cell, name: 'Chi bộ thôn Đồng Xuân' });
  assert.equal(r.json.rights.escalate, false);
  assert.equal(r.json.rights.escalate_from, '2026-02-25');
  assert.match(r.json.text, /\nBáo cáo/);
  ids.request = r.json.id;

  r = await as.vanphong('POST', `/api/v1/plans/${ids.plan}/comments`, {
    kind: 'request', on_behalf_org_id: ids.province, text: 'Đề nghị bổ sung nội dung học tập Chỉ thị 35.',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.item_id, null);
  ids.office = r.json.id;
});

test('GET /api/v1/plans/{id}/comments: oldest first, with the actor\'s rights', async () => {
  let r = await as['bithu.xa']('GET', `/api/v1/plans/${ids.plan}/comments`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.comments.map((c) => c.id), [ids.personal, ids.request, ids.office]);
  assert.ok(r.json.comments.every((c) => c.rights.answer), 'the owner answers each');
  r = await as['bithu.chibo']('GET', `/api/v1/plans/${ids.plan}/comments`);
  assert.equal(r.status, 200);
  assert.ok(r.json.comments.every((c) => !c.rights.answer));
  r = await as['bithu.huyen']('GET', `/api/v1/plans/${ids.plan}/comments`);
  assert.equal(r.status, 403);
  r = await as['bithu.xa']('GET', '/api/v1/plans/999999/comments');
  assert.equal(r.status, 404);
});

test('validation errors and refusals change nothing', async () => {
  const c = as['bithu.chibo'];
  const url = `/api/v1/plans/${ids.plan}/comments`;
  await unchanged('bad comments', async () => {
    for (const [body, field] of [
      [{ kind: 'comment' }, 'text'],
      [{ kind: 'comment', text: '   ' }, 'text'],
      [{ kind: 'praise', text: 'x' }, 'kind'],
      [{ text: 'x' }, 'kind'],
      [{ kind: 'comment', text: 5 }, 'text'],
      [{ kind: 'comment', text: 'x', item_id: '1' }, 'item_id'],
      [{ kind: 'comment', text: 'x', item_id: 0 }, 'item_id'],
      [{ kind: 'comment', text: 'x', on_behalf_org_id: 'chi bộ' }, 'on_behalf_org_id'],
      [{ kind: 'comment', text: 'x', on_behalf_org_id: ids.lacdien }, 'on_behalf_org_id'],
      [{ kind: 'comment', text: 'x', item_id: 999999 }, 'item_id'],
    ]) {
      const r = await c('POST', url, body);
      assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, field, JSON.stringify(body));
    }
    assert.equal((await c('POST', url, 'not json', { 'Content-Type': 'application/json' })).status, 400);
    assert.equal((await c('POST', url, [1, 2])).status, 400);
    // Unknown ids.
    let r = await c('POST', '/api/v1/plans/999999/comments', { kind: 'comment', text: 'x' });
    assert.equal(r.status, 404, r.text);
    for (const [p, b] of [['/api/v1/comments/999999/answer', { answer: 'accepted' }],
      ['/api/v1/comments/999999/escalate'], ['/api/v1/comments/999999/decision', { decision: 'upheld', text: 'x' }]]) {
      r = await as['bithu.xa']('POST', p, b);
      assert.equal(r.status, 404, p);
      assert.equal(r.json.error.code, 'not_found');
    }
    // An outsider, and a recipient speaking for a collective it does not act for.
    r = await as['bithu.huyen']('POST', url, { kind: 'comment', text: 'Ý kiến' });
    assert.equal(r.status, 403, r.text);
    r = await c('POST', url, { kind: 'comment', text: 'x', on_behalf_org_id: ids.province });
    assert.equal(r.status, 403, r.text);
    // A cookie write without its CSRF token.
    const nocsrf = await fetch(srv.url + url, {
      method: 'POST', body: JSON.stringify({ kind: 'comment', text: 'x' }),
      headers: { Cookie: sess['bithu.chibo'].cookie, 'Content-Type': 'application/json' },
    });
    assert.equal(nocsrf.status, 403);
  });
});

test('POST /api/v1/comments/{id}/answer: the owner, once', async () => {
  await unchanged('answers refused', async () => {
    let r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'accepted' });
    assert.equal(r.status, 403, r.text);
    r = await as.vanphong('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'explained', text: 'x' });
    assert.equal(r.status, 403, r.text);
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'explained' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'text');
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'yes' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'answer');
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'accepted', item_id: 'một' });
    assert.equal(r.status, 400);
  });
  let r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.personal}/answer`, {
    answer: 'accepted', item_id: ids.items[0], text: 'Đã bổ sung sinh hoạt chuyên đề hằng quý.',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.answer.kind, 'accepted');
  assert.equal(r.json.answer.item_id, ids.items[0]);
  assert.equal(r.json.answer.text, 'Đã bổ sung sinh hoạt chuyên đề hằng quý.');
  assert.equal(r.json.rights.answer, false);
  await unchanged('twice', async () => {
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.personal}/answer`, { answer: 'explained', text: 'Lần hai' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'conflict');
  });
  r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.office}/answer`, {
    answer: 'explained', text: 'Nội dung này đã có trong kế hoạch của Đảng ủy xã.',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.answer.kind, 'explained');
  assert.equal(r.json.answer.item_id, null);
});

test('POST /api/v1/comments/{id}/escalate: not before the delay, not for a personal comment', async () => {
  await unchanged('too early', async () => {
    let r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.request}/escalate`);
    assert.equal(r.status, 409, r.text);
    assert.match(r.json.error.message, /25\/02\/2026/);
    r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.personal}/escalate`);
    assert.equal(r.status, 409);
    r = await as['bithu.huyen']('POST', `/api/v1/comments/${ids.request}/escalate`);
    assert.equal(r.status, 403);
  });
});

test('the plan page: the comments, their state and the forms each actor may use', async () => {
  let r = await as['bithu.xa']('GET', `/plans/${ids.plan}`);
  assert.equal(r.status, 200);
  const page = r.text;
  assert.match(page, /<h2>Góp ý, đề nghị<\/h2>/);
  for (const id of [ids.personal, ids.request, ids.office]) assert.ok(page.includes(`id="comment-${id}"`), `comment ${id}`);
  assert.match(page, /Thay mặt <a href="\/orgs\/\d+">Chi bộ thôn Đồng Xuân<\/a> \(Phạm Thị Huệ\)/);
  assert.match(page, /về <a href="#item-\d+">nội dung số 2<\/a>/);
  assert.match(page, /Đã tiếp thu<\/strong> — <a href="\/plans\/\d+#item-\d+">nội dung số 1<\/a>/);
  assert.match(page, /Đã giải trình/);
  assert.match(page, /Chưa trả lời<\/strong> <span class="muted">\(đã chờ 0 ngày\)/);
  assert.ok(page.includes(`action="/comments/${ids.request}/answer"`), 'the owner\'s answer form');
  assert.ok(!page.includes(`action="/comments/${ids.personal}/answer"`), 'no form for an answered comment');
  assert.ok(!page.includes('/escalate"'), 'the owner does not escalate');

  r = await as['bithu.chibo']('GET', `/plans/${ids.plan}`);
  assert.equal(r.status, 200);
  assert.ok(r.text.includes(`action="/plans/${ids.plan}/comments"`), 'the new-comment form');
  assert.ok(r.text.includes(`<option value="${ids.cell}">Thay mặt Chi bộ thôn Đồng Xuân</option>`));
  assert.ok(r.text.includes('<option value="">Cá nhân tôi</option>'));
  assert.ok(!r.text.includes('/answer"'), 'no answer form for a recipient');
  assert.match(r.text, /kiến nghị lên cấp ủy\s+quản lý từ ngày 25\/02\/2026/);
});

test('page forms: a new comment, an answer refused with a message, forged CSRF tokens', async () => {
  let r = await form('bithu.chibo', `/plans/${ids.plan}/comments`, {
    kind: 'comment', item_id: '', on_behalf_org_id: '', text: 'Góp ý gửi qua <biểu mẫu> & trang.',
  });
  assert.equal(r.status, 303, r.text);
  const m = /^\/plans\/(\d+)\?notice=commented#comment-(\d+)$/.exec(r.location);
  assert.ok(m, r.location);
  assert.equal(Number(m[1]), ids.plan);
  ids.viaForm = Number(m[2]);
  const page = await as['bithu.chibo']('GET', `/plans/${ids.plan}?notice=commented`);
  assert.match(page.text, /Đã gửi ý kiến tới chủ kế hoạch/);
  assert.ok(page.text.includes('Góp ý gửi qua &lt;biểu mẫu&gt; &amp; trang.'), 'escaped');

  await unchanged('refused forms', async () => {
    r = await form('bithu.xa', `/comments/${ids.viaForm}/answer`, { answer: 'explained', text: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Nội dung giải trình không được để trống/);
    assert.ok(r.text.includes(`href="/plans/${ids.plan}#comments"`), 'a link back');
    r = await form('bithu.huyen', `/plans/${ids.plan}/comments`, { kind: 'comment', text: 'x' });
    assert.equal(r.status, 403);
    assert.match(r.text, /không có quyền xem kế hoạch/);
    for (const [u, p, f] of [['bithu.chibo', `/plans/${ids.plan}/comments`, { kind: 'comment', text: 'x' }],
      ['bithu.xa', `/comments/${ids.viaForm}/answer`, { answer: 'accepted' }],
      ['bithu.chibo', `/comments/${ids.request}/escalate`, {}],
      ['vanphong', `/comments/${ids.request}/decision`, { decision: 'upheld', text: 'x' }]]) {
      r = await form(u, p, f, { token: 'forged-token' });
      assert.equal(r.status, 403, `${p}: forged`);
      r = await form(u, p, f, { csrf: false });
      assert.equal(r.status, 403, `${p}: none`);
    }
  });
  r = await form('bithu.xa', `/comments/${ids.viaForm}/answer`, {
    answer: 'accepted', item_id: ids.items[1], text: 'Tiếp thu',
  });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, `/plans/${ids.plan}?notice=comment_answered#comment-${ids.viaForm}`);
});

test('after the delay: escalated by a member of the cell, decided by the managing committee', async () => {
  await srv.stop();
  await boot('2026-02-26');

  let r = await as['bithu.chibo']('GET', `/api/v1/plans/${ids.plan}/comments`);
  const req = r.json.comments.find((c) => c.id === ids.request);
  assert.equal(req.rights.escalate, true);
  r = await as['bithu.xa']('GET', `/plans/${ids.plan}`);
  assert.match(r.text, /Chưa trả lời<\/strong> <span class="muted">\(đã chờ 16 ngày\)/);
  assert.ok(!r.text.includes('/escalate"'), 'not the owner');
  r = await as['bithu.chibo']('GET', `/plans/${ids.plan}`);
  assert.ok(r.text.includes(`action="/comments/${ids.request}/escalate"`), 'the escalate button');

  await unchanged('escalations refused', async () => {
    r = await as['bithu.huyen']('POST', `/api/v1/comments/${ids.request}/escalate`);
    assert.equal(r.status, 403);
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.request}/escalate`);
    assert.equal(r.status, 403, 'the owner does not escalate against himself');
    r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.personal}/escalate`);
    assert.equal(r.status, 409, 'answered, and personal');
  });
  r = await form('bithu.chibo', `/comments/${ids.request}/escalate`, {});
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, `/plans/${ids.plan}?notice=escalated#comment-${ids.request}`);
  r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.request}/escalate`);
  assert.equal(r.status, 409, 'once');

  r = await as.vanphong('GET', '/api/v1/escalations');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.escalations.map((c) => c.id), [ids.request]);
  const e = r.json.escalations[0];
  assert.equal(e.escalation.to_org_id, ids.province);
  assert.equal(e.escalation.to_name, 'Tỉnh ủy Sơn Nam');
  assert.equal(e.escalation.decision, null);
  assert.equal(e.rights.decide, true);
  assert.ok(e.plan_title.length > 0);
  r = await as['bithu.chibo']('GET', '/api/v1/escalations');
  assert.deepEqual(r.json.escalations, []);

  await unchanged('decisions refused', async () => {
    r = await as['bithu.chibo']('POST', `/api/v1/comments/${ids.request}/decision`, { decision: 'upheld', text: 'x' });
    assert.equal(r.status, 403);
    r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.request}/decision`, { decision: 'dismissed', text: 'x' });
    assert.equal(r.status, 403);
    r = await as.vanphong('POST', `/api/v1/comments/${ids.request}/decision`, { decision: 'upheld' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'text');
    r = await as.vanphong('POST', `/api/v1/comments/${ids.request}/decision`, { decision: 'later', text: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'decision');
    r = await as.vanphong('POST', `/api/v1/comments/${ids.personal}/decision`, { decision: 'upheld', text: 'x' });
    assert.equal(r.status, 409, 'never escalated');
  });
  r = await as['bithu.chibo']('GET', `/plans/${ids.plan}`);
  assert.match(r.text, /Đã kiến nghị lên Tỉnh ủy Sơn Nam<\/strong>/);
  assert.match(r.text, /đang chờ quyết định/);
  r = await as.vanphong('GET', `/plans/${ids.plan}`);
  assert.ok(r.text.includes(`action="/comments/${ids.request}/decision"`), 'the decision form');

  r = await form('vanphong', `/comments/${ids.request}/decision`, {
    decision: 'upheld', text: 'Đề nghị đồng chí Bí thư tiếp thu, bổ sung thời hạn cụ thể.',
  });
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, `/plans/${ids.plan}?notice=decided#comment-${ids.request}`);
  r = await as['bithu.xa']('GET', `/plans/${ids.plan}`);
  assert.match(r.text, /Quyết định: yêu cầu chủ kế hoạch tiếp thu<\/strong>: Đề nghị đồng chí Bí thư tiếp thu/);
  r = await as.vanphong('POST', `/api/v1/comments/${ids.request}/decision`, { decision: 'dismissed', text: 'x' });
  assert.equal(r.status, 409, 'once');
  r = await as.vanphong('GET', '/api/v1/escalations');
  assert.deepEqual(r.json.escalations, []);

  // The owner still answers — and now must.
  r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.request}/answer`, {
    answer: 'accepted', item_id: ids.items[1], text: 'Đã bổ sung thời hạn từng vụ việc.',
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.escalation.decision, 'upheld');

  // Everything is on the audit log.
  const audit = execFileSync('sqlite3', ['-readonly', db,
    `SELECT action, count(*) FROM audit_log WHERE entity = 'plan_comment' AND entity_id IN
     (SELECT id FROM plan_comments WHERE plan_id = ${ids.plan}) GROUP BY action ORDER BY action`],
  { encoding: 'utf8' }).trim().split('\n');
  assert.deepEqual(audit, ['plan.answer|4', 'plan.comment|4', 'plan.decide|1', 'plan.escalate|1']);
});
