// SPDX-License-Identifier: AGPL-3.0-or-later
// Plans over HTTP, on the demo province: the API round trip of a collective
// and an individual plan (items with deadlines of every shape → the deadline
// JSON, send → recipients and a frozen version, approve, edits refused,
// adjustment with its reason, the versions and the diff), the cascade from
// the province's plan, the pages (the document with its three parts, user
// text escaped, the send confirmation, versions, diff, cascade), the forms
// with their CSRF token, and every refusal — not the owner, an issued plan,
// unknown ids, no CSRF token, wrong JSON types — leaving the plan tables
// exactly as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startServer, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-02-10' };
let srv;
const as = {}; // username → client
const sess = {}; // username → session
const ids = {};

const TABLES = ['plans', 'plan_items', 'plan_versions'];
function dbHash(db) {
  const sql = TABLES.map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n');
  const out = execFileSync('sqlite3', ['-readonly', db], { input: sql, encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}

// Runs fn and checks that the plan tables did not change.
async function unchanged(what, fn) {
  const h = dbHash(srv.db);
  const v = await fn();
  assert.equal(dbHash(srv.db), h, `${what}: the database is unchanged`);
  return v;
}

async function orgId(name) {
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, `${name}: ${r.text}`);
  return hit.id;
}

// A form post with the session cookie (and the CSRF token unless told).
function form(user, path, fields, { csrf = true } = {}) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) p.append(k, String(x));
  }
  if (csrf) p.append('csrf_token', sess[user].csrf);
  return fetch(srv.url + path, {
    method: 'POST', redirect: 'manual', body: p.toString(),
    headers: { Cookie: sess[user].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
}

before(async () => {
  srv = await startServer({ demo: true, env: ENV });
  for (const u of ['admin', 'vanphong', 'bithu.xa', 'bithu.chibo', 'bithu.huyen']) {
    sess[u] = await login(srv.url, u);
    as[u] = client(srv.url, sess[u]);
  }
  ids.xa = await orgId('Đảng bộ xã Tân Phong');
  ids.cell = await orgId('Chi bộ thôn Đồng Xuân');
  ids.province = await orgId('Tỉnh ủy Sơn Nam');
  const docs = (await as.admin('GET', '/api/v1/documents?q=35-CT')).json.documents;
  ids.doc = docs.find((d) => d.number === '35-CT/TW').id;
});
after(async () => { await srv?.stop(); });

const DEADLINES = [
  ['31/3/2026', { kind: 'date', end: '2026-03-31' }],
  ['Quý II/2026', { kind: 'window', start: '2026-04-01', end: '2026-06-30' }],
  ['từ tháng 5/2026', { kind: 'from', start: '2026-05-01' }],
  ['thường xuyên', { kind: 'recurring' }],
  ['sau khi có hướng dẫn của Trung ương', { kind: 'conditional' }],
  ['', { kind: 'none', start: null, end: null }],
];

test('a collective plan: create, items with deadlines of every shape', async () => {
  const c = as['bithu.xa'];
  const r = await c('POST', '/api/v1/plans', {
    owner_org_id: ids.xa, scope: 'year', year_from: 2030,
    title: 'Kế hoạch thực hiện Chỉ thị 35 năm 2030',
    goals: 'Quán triệt sâu sắc Chỉ thị 35-CT/TW.\nHoàn thành 100% chỉ tiêu.',
    organization: 'Văn phòng Đảng ủy theo dõi, đôn đốc.',
    source_ids: [ids.doc],
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.owner.type, 'org');
  assert.equal(r.json.owner.id, ids.xa);
  assert.equal(r.json.status, 'draft');
  assert.equal(r.json.version, 0);
  assert.deepEqual(r.json.items, []);
  assert.deepEqual(r.json.sources.map((s) => s.number), ['35-CT/TW']);
  assert.equal(r.json.rights.own, true);
  assert.equal(r.json.rights.edit, true);
  ids.plan = r.json.id;

  for (const [i, [text, want]] of DEADLINES.entries()) {
    const it = await c('POST', `/api/v1/plans/${ids.plan}/items`, {
      text: `Nội dung số ${i + 1}`, measures: 'Tổ chức hội nghị quán triệt',
      section: i < 3 ? 'Công tác chính trị, tư tưởng' : 'Công tác tổ chức',
      lead_org_id: ids.xa, lead_text: 'Ban Thường vụ Đảng ủy',
      coordinators: 'Chi bộ thôn Đồng Xuân', coordinator_org_ids: [ids.cell],
      deadline_text: text,
    });
    assert.equal(it.status, 201, it.text);
    assert.equal(it.json.deadline.as_written, text);
    assert.deepEqual(Object.keys(it.json.deadline).sort(), ['as_written', 'end', 'kind', 'start']);
    for (const [k, v] of Object.entries(want)) assert.equal(it.json.deadline[k], v, `${text}: ${k}`);
    assert.equal(it.json.seq, i + 1);
    assert.deepEqual(it.json.coordinators.org_ids, [ids.cell]);
    (ids.items ??= []).push(it.json.id);
  }
  const list = await c('GET', `/api/v1/plans/${ids.plan}/items`);
  assert.equal(list.status, 200);
  assert.equal(list.json.items.length, DEADLINES.length);
  const one = await c('GET', `/api/v1/items/${ids.items[1]}`);
  assert.equal(one.status, 200);
  assert.equal(one.json.deadline.kind, 'window');
  assert.equal(one.json.rights.edit, true);

  // A proposal and a key project.
  const p = await c('POST', `/api/v1/plans/${ids.plan}/items`, {
    kind: 'proposal', text: 'Đề nghị Tỉnh ủy hỗ trợ kinh phí in tài liệu', addressee: 'Tỉnh ủy',
    addressee_org_id: ids.province,
  });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.json.kind, 'proposal');
  ids.proposal = p.json.id;
  const k = await c('POST', `/api/v1/plans/${ids.plan}/items`, {
    kind: 'key_project', text: 'Xây dựng nhà văn hóa thôn <Đồng Xuân>', resources: 'Ngân sách xã',
    deadline_text: 'trong năm 2026', section: 'Công trình trọng điểm',
  });
  assert.equal(k.status, 201, k.text);
  ids.key = k.json.id;

  // Move the key project first; the seqs follow.
  const mv = await c('POST', `/api/v1/items/${ids.key}/move`, { seq: 1 });
  assert.equal(mv.status, 200, mv.text);
  assert.equal(mv.json.seq, 1);
  const got = await c('GET', `/api/v1/plans/${ids.plan}`);
  assert.equal(got.json.items[0].id, ids.key);
  assert.deepEqual(got.json.items.map((x) => x.seq), got.json.items.map((_, i) => i + 1));
});

test('the plan list and its filters', async () => {
  const c = as['bithu.xa'];
  let r = await c('GET', '/api/v1/plans');
  assert.equal(r.status, 200);
  assert.ok(r.json.plans.some((p) => p.id === ids.plan));
  assert.equal(typeof r.json.total, 'number');
  assert.equal(r.json.limit, 50);
  assert.equal(r.json.offset, 0);
  r = await c('GET', '/api/v1/plans?year=2019');
  assert.ok(!r.json.plans.some((p) => p.id === ids.plan), 'another year');
  r = await c('GET', '/api/v1/plans?status=approved');
  assert.ok(!r.json.plans.some((p) => p.id === ids.plan), 'not approved yet');
  r = await c('GET', '/api/v1/plans?status=nonsense');
  assert.equal(r.status, 400);
  r = await c('GET', '/api/v1/plans?limit=0');
  assert.equal(r.status, 400);
  r = await as['bithu.huyen']('GET', '/api/v1/plans');
  assert.ok(!r.json.plans.some((p) => p.id === ids.plan), 'another commune does not see it');
});

test('refusals before sending change nothing', async () => {
  await unchanged('refusals', async () => {
    // Another area cannot read or write it.
    for (const [m, p, b] of [['GET', `/api/v1/plans/${ids.plan}`], ['PATCH', `/api/v1/plans/${ids.plan}`, { title: 'X' }],
      ['POST', `/api/v1/plans/${ids.plan}/items`, { text: 'X' }], ['PATCH', `/api/v1/items/${ids.items[0]}`, { text: 'X' }],
      ['DELETE', `/api/v1/items/${ids.items[0]}`], ['POST', `/api/v1/plans/${ids.plan}/send`],
      ['POST', `/api/v1/plans/${ids.plan}/approve`], ['DELETE', `/api/v1/plans/${ids.plan}`]]) {
      const r = await as['bithu.huyen'](m, p, b);
      assert.equal(r.status, 403, `${m} ${p}: ${r.text}`);
      assert.equal(r.json.error.code, 'forbidden');
    }
    // Unknown ids.
    for (const p of ['/api/v1/plans/999999', '/api/v1/items/999999', '/api/v1/plans/999999/versions']) {
      const r = await as['bithu.xa']('GET', p);
      assert.equal(r.status, 404, p);
      assert.equal(r.json.error.code, 'not_found');
    }
    assert.equal((await as['bithu.xa']('PATCH', '/api/v1/items/999999', { text: 'x' })).status, 404);
    // Wrong JSON types.
    for (const [p, b] of [
      ['/api/v1/plans', { scope: 'year', year_from: '2026' }],
      ['/api/v1/plans', { scope: 'year', year_from: 2026, source_ids: ['35-CT/TW'] }],
      ['/api/v1/plans', { scope: 'year', year_from: 2026, cascade: 'yes' }],
      ['/api/v1/plans', { scope: 7, year_from: 2026 }],
      [`/api/v1/plans/${ids.plan}/items`, { text: 5 }],
      [`/api/v1/plans/${ids.plan}/items`, { text: 'x', lead_org_id: 'Đảng ủy' }],
      [`/api/v1/plans/${ids.plan}/items`, { text: 'x', coordinator_org_ids: 3 }],
      [`/api/v1/plans/${ids.plan}/items`, { text: 'x', deadline_start: '31/3/2026', deadline_kind: 'date' }],
      [`/api/v1/plans/${ids.plan}/items`, {}],
      [`/api/v1/items/${ids.items[0]}/move`, { seq: 'đầu' }],
      [`/api/v1/plans/${ids.plan}/adjust`, { reason: ['x'] }],
    ]) {
      const r = await as['bithu.xa']('POST', p, b);
      assert.equal(r.status, 400, `${p} ${JSON.stringify(b)}: ${r.text}`);
      assert.equal(r.json.error.code, 'invalid');
    }
    const r = await as['bithu.xa']('POST', '/api/v1/plans', 'not json', { 'Content-Type': 'application/json' });
    assert.equal(r.status, 400);
    // A cookie write without the CSRF token.
    const nocsrf = await fetch(`${srv.url}/api/v1/plans/${ids.plan}/approve`, {
      method: 'POST', headers: { Cookie: sess['bithu.xa'].cookie, 'Content-Type': 'application/json' }, body: '{}',
    });
    assert.equal(nocsrf.status, 403);
    const f = await form('bithu.xa', `/plans/${ids.plan}/approve`, {}, { csrf: false });
    assert.equal(f.status, 403);
  });
});

test('send: the recipients first, then a frozen version; recipients read but do not edit', async () => {
  const c = as['bithu.xa'];
  const rec = await c('GET', `/api/v1/plans/${ids.plan}/recipients`);
  assert.equal(rec.status, 200, rec.text);
  assert.ok(rec.json.recipients.length >= 1, rec.text);
  for (const x of rec.json.recipients) {
    assert.deepEqual(Object.keys(x).sort(), ['org_id', 'org_name', 'role', 'role_label']);
    assert.ok(x.role_label.length > 0);
  }
  ids.recipients = rec.json.recipients;
  const page = await c('GET', `/plans/${ids.plan}/send`);
  assert.equal(page.status, 200);
  for (const x of rec.json.recipients) {
    assert.ok(page.text.includes(x.role_label), x.role_label);
  }
  assert.match(page.text, /Gửi lấy ý kiến góp ý/);

  const s = await c('POST', `/api/v1/plans/${ids.plan}/send`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.json.status, 'comment');
  assert.equal(s.json.version, 1);
  assert.deepEqual(s.json.recipients.map((x) => x.org_id).sort(), rec.json.recipients.map((x) => x.org_id).sort());
  const v = await c('GET', `/api/v1/plans/${ids.plan}/versions`);
  assert.equal(v.status, 200);
  assert.deepEqual(v.json.versions.map((x) => [x.number, x.kind]), [[1, 'sent']]);
  // The proposal addressed to the Tỉnh ủy is answered on its side: a
  // rejection needs its explanation; another area may not answer.
  await unchanged('refused answers', async () => {
    const f = await form('vanphong', `/items/${ids.proposal}/proposal`, { state: 'rejected', note: '' });
    assert.equal(f.status, 400, f.text);
    assert.match(f.text, /notice-error/);
    const x = await as['bithu.huyen']('POST', `/api/v1/items/${ids.proposal}/proposal`, { state: 'accepted' });
    assert.ok(x.status === 403, x.text);
    const y = await as.vanphong('POST', `/api/v1/items/${ids.proposal}/proposal`, { state: 'maybe' });
    assert.equal(y.status, 400, y.text);
  });
  const pv = await as.vanphong('GET', `/plans/${ids.plan}`);
  assert.equal(pv.status, 200);
  assert.ok(pv.text.includes(`action="/items/${ids.proposal}/proposal"`), 'the answer form is offered');
  const ans = await form('vanphong', `/items/${ids.proposal}/proposal`, { state: 'rejected', note: 'Kinh phí năm nay đã phân bổ' });
  assert.equal(ans.status, 303, ans.text);
  assert.match(ans.location, new RegExp(`^/plans/${ids.plan}\\?notice=answered`));
  const pj = await c('GET', `/api/v1/items/${ids.proposal}`);
  assert.equal(pj.json.proposal_state, 'rejected');
  assert.equal(pj.json.proposal_note, 'Kinh phí năm nay đã phân bổ');

  const one = await c('GET', `/api/v1/plans/${ids.plan}/version?n=1`);
  assert.equal(one.status, 200, one.text);
  assert.equal(one.json.snapshot.items.length, DEADLINES.length + 2);
});

test('out for comment, a recipient reads the plan but may not edit, send or approve it', async () => {
  // His individual plan goes to the cell where he holds membership, whose
  // secretary may read and comment on it — and do nothing else.
  const owner = as['bithu.xa'];
  let r = await owner('POST', '/api/v1/plans', { scope: 'year', year_from: 2027, title: 'Kế hoạch cá nhân năm 2027' });
  assert.equal(r.status, 201, r.text);
  const id = r.json.id;
  r = await owner('POST', `/api/v1/plans/${id}/items`, { text: 'Nêu gương trong sinh hoạt chi bộ', category: 'term', deadline_text: 'thường xuyên' });
  assert.equal(r.status, 201, r.text);
  const item = r.json.id;
  r = await owner('POST', `/api/v1/plans/${id}/send`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.recipients.some((x) => x.org_id === ids.cell && x.role === 'cell'), r.text);

  const c = as['bithu.chibo'];
  const g = await c('GET', `/api/v1/plans/${id}`);
  assert.equal(g.status, 200, g.text);
  assert.equal(g.json.rights.read, true);
  assert.equal(g.json.rights.own, false);
  assert.equal(g.json.rights.edit, false);
  const page = await c('GET', `/plans/${id}`);
  assert.equal(page.status, 200);
  assert.ok(!page.text.includes('Phê duyệt, ban hành</button>'), 'no owner actions');
  assert.ok(!page.text.includes(`action="/plans/${id}/items"`), 'no item form');
  await unchanged('a recipient', async () => {
    for (const [m, p, b] of [['PATCH', `/api/v1/plans/${id}`, { title: 'X' }],
      ['POST', `/api/v1/plans/${id}/items`, { text: 'Thêm hộ' }],
      ['POST', `/api/v1/plans/${id}/send`], ['POST', `/api/v1/plans/${id}/approve`],
      ['DELETE', `/api/v1/plans/${id}`],
      ['PATCH', `/api/v1/items/${item}`, { text: 'X' }], ['DELETE', `/api/v1/items/${item}`],
      ['POST', `/api/v1/items/${item}/move`, { seq: 1 }]]) {
      const res = await c(m, p, b);
      assert.equal(res.status, 403, `${m} ${p}: ${res.text}`);
      assert.equal(res.json.error.code, 'forbidden');
    }
    for (const [p, f] of [[`/plans/${id}/approve`, {}], [`/plans/${id}/send`, {}], [`/plans/${id}/delete`, {}],
      [`/plans/${id}`, { title: 'X' }], [`/plans/${id}/items`, { text: 'Thêm hộ' }], [`/items/${item}`, { text: 'X' }],
      [`/items/${item}/delete`, {}]]) {
      const res = await form('bithu.chibo', p, f);
      assert.equal(res.status, 403, `${p}: ${res.status}`);
      assert.match(res.text, /<html lang="vi">/);
    }
    assert.equal((await c('GET', `/plans/${id}/edit`)).status, 403);
    assert.equal((await c('GET', `/items/${item}/edit`)).status, 403);
    // Out for comment the adjustment does not apply yet; approved, it is the owner's.
    assert.equal((await c('POST', `/api/v1/plans/${id}/adjust`, { reason: 'Tôi muốn sửa' })).status, 403);
  });
  ids.personal2027 = id;
});

test('approve; an issued plan is not edited; adjust with a reason, edit, issue again; the diff', async () => {
  const c = as['bithu.xa'];
  const a = await c('POST', `/api/v1/plans/${ids.plan}/approve`);
  assert.equal(a.status, 200, a.text);
  assert.equal(a.json.status, 'approved');
  assert.ok(a.json.approved_at);
  const ver = a.json.version;

  await unchanged('edits of an issued plan', async () => {
    let r = await c('PATCH', `/api/v1/items/${ids.items[0]}`, { text: 'Sửa sau khi ban hành' });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.json.error.code, 'conflict');
    r = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Thêm sau khi ban hành' });
    assert.equal(r.status, 409, r.text);
    r = await c('DELETE', `/api/v1/items/${ids.items[0]}`);
    assert.equal(r.status, 409, r.text);
    r = await c('PATCH', `/api/v1/plans/${ids.plan}`, { title: 'Tên mới' });
    assert.equal(r.status, 409, r.text);
    r = await c('POST', `/api/v1/plans/${ids.plan}/adjust`, { reason: '' });
    assert.equal(r.status, 400, r.text);
    r = await c('POST', `/api/v1/plans/${ids.plan}/adjust`, {});
    assert.equal(r.status, 400, r.text);
    r = await c('DELETE', `/api/v1/plans/${ids.plan}`);
    assert.equal(r.status, 409, r.text);
    const f = await form('bithu.xa', `/items/${ids.items[0]}`, { text: 'Sửa bằng biểu mẫu' });
    assert.equal(f.status, 409);
    const e = await c('GET', `/items/${ids.items[0]}/edit`);
    assert.equal(e.status, 409);
  });

  const reason = 'Bổ sung nhiệm vụ mới theo yêu cầu của Tỉnh ủy';
  const adj = await c('POST', `/api/v1/plans/${ids.plan}/adjust`, { reason });
  assert.equal(adj.status, 200, adj.text);
  assert.equal(adj.json.status, 'adjusting');
  assert.equal(adj.json.adjust_reason, reason);
  const ed = await c('PATCH', `/api/v1/items/${ids.items[0]}`, { text: 'Nội dung số 1, đã điều chỉnh', deadline_text: 'Quý III/2026' });
  assert.equal(ed.status, 200, ed.text);
  assert.equal(ed.json.deadline.kind, 'window');
  assert.equal(ed.json.deadline.start, '2026-07-01');
  const work = await c('GET', `/api/v1/plans/${ids.plan}/diff?a=${ver}&b=0`);
  assert.equal(work.status, 200, work.text);
  assert.ok(work.json.changes.some((x) => x.change === 'changed' && x.item_id === ids.items[0]), work.text);
  const iss = await c('POST', `/api/v1/plans/${ids.plan}/approve`);
  assert.equal(iss.status, 200, iss.text);
  assert.equal(iss.json.status, 'approved');
  assert.ok(iss.json.version > ver);

  const v = await c('GET', `/api/v1/plans/${ids.plan}/versions`);
  const kinds = v.json.versions.map((x) => x.kind);
  assert.deepEqual(kinds.slice(0, 2), ['sent', 'approved']);
  const last = v.json.versions.at(-1);
  assert.equal(last.kind, 'adjustment');
  assert.equal(last.reason, reason);
  assert.equal(last.kind_label, 'Điều chỉnh, bổ sung');
  ids.vApproved = ver;
  ids.vAdjusted = last.number;

  const d = await c('GET', `/api/v1/plans/${ids.plan}/diff?a=${ver}&b=${last.number}`);
  assert.equal(d.status, 200, d.text);
  const ch = d.json.changes.find((x) => x.change === 'changed' && x.item_id === ids.items[0] && x.field === 'text');
  assert.ok(ch, d.text);
  assert.equal(ch.before, 'Nội dung số 1');
  assert.equal(ch.after, 'Nội dung số 1, đã điều chỉnh');
  assert.ok(d.json.changes.some((x) => x.field === 'deadline' && x.item_id === ids.items[0]), d.text);
  const bad = await c('GET', `/api/v1/plans/${ids.plan}/diff?a=-1&b=0`);
  assert.equal(bad.status, 400);

  // The pages of the versions and of the diff.
  const vp = await c('GET', `/plans/${ids.plan}/versions`);
  assert.equal(vp.status, 200);
  for (const s of ['Gửi lấy ý kiến', 'Phê duyệt', 'Điều chỉnh, bổ sung', reason]) assert.ok(vp.text.includes(s), s);
  const dp = await c('GET', `/plans/${ids.plan}/diff?a=${ver}&b=${last.number}`);
  assert.equal(dp.status, 200);
  assert.match(dp.text, /class="diff-changed"/);
  assert.ok(dp.text.includes('Nội dung số 1, đã điều chỉnh'));
  const sp = await c('GET', `/plans/${ids.plan}/version?n=1`);
  assert.equal(sp.status, 200);
  assert.ok(sp.text.includes('Nội dung số 1'));
});

test('an individual plan groups its items by category', async () => {
  const c = as['bithu.xa'];
  const r = await c('POST', '/api/v1/plans', { scope: 'year', year_from: 2028 });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.owner.type, 'person');
  assert.ok(r.json.title.length > 0, 'a title made from the owner and the year');
  ids.personal = r.json.id;
  for (const [category, text, extra] of [['term', 'Giữ gìn phẩm chất đạo đức, lối sống', {}],
    ['year', 'Chỉ đạo tổng kết công tác năm', { deadline_text: '31/12/2026' }],
    ['coordination', 'Phối hợp với Chủ tịch UBND xã', { coordinate_with: 'Chủ tịch UBND xã' }]]) {
    const it = await c('POST', `/api/v1/plans/${ids.personal}/items`, { category, text, ...extra });
    assert.equal(it.status, 201, it.text);
    assert.equal(it.json.category, category);
  }
  // The same person, the same year: he supplements his plan instead.
  await unchanged('a second individual plan', async () => {
    const dup = await c('POST', '/api/v1/plans', { scope: 'year', year_from: 2028 });
    assert.equal(dup.status, 409, dup.text);
  });
  const page = await c('GET', `/plans/${ids.personal}`);
  assert.equal(page.status, 200);
  for (const s of ['Những việc thực hiện cả nhiệm kỳ', 'Những công việc thực hiện trong năm',
    'Những công việc phối hợp', 'Phối hợp với:', 'Kế hoạch cá nhân']) assert.ok(page.text.includes(s), s);
  const rec = await c('GET', `/api/v1/plans/${ids.personal}/recipients`);
  assert.equal(rec.status, 200, rec.text);
  assert.ok(rec.json.recipients.length >= 2, rec.text);
  const del = await c('DELETE', `/api/v1/plans/${ids.personal}`);
  assert.equal(del.status, 204, del.text);
  assert.equal((await c('GET', `/api/v1/plans/${ids.personal}`)).status, 404);
});

test('the plan page: the document, its parts, escaped text, the links', async () => {
  const c = as['bithu.xa'];
  const bad = '<script>alert("x")</script> & Ban Chỉ đạo';
  const it = await as['bithu.xa']('POST', '/api/v1/plans', { owner_org_id: ids.xa, scope: 'term', year_from: 2025, year_to: 2030, title: `Chương trình ${bad}` });
  assert.equal(it.status, 201, it.text);
  ids.term = it.json.id;
  const item = await c('POST', `/api/v1/plans/${ids.term}/items`, { text: bad, lead_text: '<b>Đảng ủy</b>', deadline_text: '' });
  assert.equal(item.status, 201, item.text);

  const r = await c('GET', `/plans/${ids.term}`);
  assert.equal(r.status, 200);
  for (const s of ['I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP', 'III. TỔ CHỨC THỰC HIỆN',
    'ĐẢNG CỘNG SẢN VIỆT NAM', 'Nhiệm kỳ 2025–2030', 'Dự thảo', 'Chưa có thời hạn', 'Nơi nhận',
    `href="/plans/${ids.term}/check"`, `href="/plans/${ids.term}/versions"`, `href="/plans/${ids.term}/cascade"`,
    'Gửi lấy ý kiến góp ý', 'Phê duyệt, ban hành', 'Xóa dự thảo', 'Thêm nội dung']) assert.ok(r.text.includes(s), s);
  assert.ok(!r.text.includes('<script>alert'), 'user text is escaped');
  assert.ok(r.text.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Ban Chỉ đạo'));
  assert.ok(r.text.includes('&lt;b&gt;Đảng ủy&lt;/b&gt;'));

  const main = await c('GET', `/plans/${ids.plan}`);
  assert.equal(main.status, 200);
  for (const s of ['Công tác chính trị, tư tưởng', 'Công tác tổ chức', 'Công trình trọng điểm',
    'Đề xuất, kiến nghị', 'Quý II/2026', '01/04/2026–30/06/2026', 'Quý III/2026', '→ 01/07/2026–30/09/2026', 'từ 01/05/2026',
    'Đã phê duyệt, ban hành', 'Điều chỉnh, bổ sung', 'Xây dựng nhà văn hóa thôn &lt;Đồng Xuân&gt;',
    `href="/documents/${ids.doc}"`, '35-CT/TW', 'Nơi nhận góp ý', 'Không tiếp thu', 'Kinh phí năm nay đã phân bổ']) assert.ok(main.text.includes(s), s);
  for (const x of ids.recipients) assert.ok(main.text.includes(x.role_label), x.role_label);
  assert.ok(!main.text.includes('action="/plans/' + ids.plan + '/items"'), 'no item form on an issued plan');

  const pr = await c('GET', `/plans/${ids.plan}?print=1`);
  assert.equal(pr.status, 200);
  assert.ok(pr.text.includes('class="plan-doc"'));
  assert.ok(!pr.text.includes('Thêm nội dung'));

  const list = await c('GET', `/plans?q=${encodeURIComponent('Chỉ thị 35')}`);
  assert.equal(list.status, 200);
  assert.ok(list.text.includes(`href="/plans/${ids.plan}"`), list.text.slice(list.text.indexOf("<main>")));
  assert.ok(list.text.includes('href="/plans/new"'));
  const inbox = await as['bithu.chibo']('GET', '/plans?inbox=1');
  assert.equal(inbox.status, 200);
  assert.ok(inbox.text.includes('Kế hoạch gửi đến tôi'));

  const nw = await c('GET', '/plans/new');
  assert.equal(nw.status, 200);
  for (const s of ['Kế hoạch cá nhân của tôi', 'Đảng bộ xã Tân Phong', 'Lập từ kế hoạch cấp trên: lấy các nội dung giao cho đơn vị',
    'Kế thừa từ kế hoạch toàn khóa và năm trước', 'name="csrf_token"']) assert.ok(nw.text.includes(s), s);

  // The Văn phòng keeps its committee's plans: the Tỉnh ủy is offered.
  const vpNew = await as.vanphong('GET', '/plans/new');
  assert.ok(vpNew.text.includes('>Kế hoạch của Tỉnh ủy Sơn Nam</option>'), 'the committee of the Văn phòng');

  for (const p of ['/plans/999999', '/items/999999/edit', '/plans/999999/versions', '/plans/999999/cascade']) {
    const x = await c('GET', p);
    assert.equal(x.status, 404, p);
  }
  assert.equal((await as['bithu.huyen']('GET', `/plans/${ids.plan}`)).status, 403);
});

test('the forms: create, add and edit items, errors shown again, send, approve, adjust', async () => {
  const u = 'bithu.xa';
  // A refused create keeps what was typed.
  let r = await unchanged('a refused create', () => form(u, '/plans', {
    owner: String(ids.xa), scope: 'year', year_from: '1200', title: 'Kế hoạch <thử>',
  }));
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /notice-error/);
  assert.ok(r.text.includes('value="Kế hoạch &lt;thử&gt;"'));

  // An org the user does not keep plans for: 403, the form again.
  sess.bantochuc ??= await login(srv.url, 'bantochuc');
  r = await unchanged('an owner out of reach', () => form('bantochuc', '/plans', {
    owner_org_id: String(ids.province), scope: 'year', year_from: '2027', title: 'Kế hoạch thử',
  }));
  assert.equal(r.status, 403, r.text);
  assert.match(r.text, /notice-error/);
  assert.ok(r.text.includes('value="Kế hoạch thử"'));

  r = await form(u, '/plans', {
    owner: String(ids.xa), scope: 'year', year_from: '2027', form: '2',
    title: 'Kế hoạch công tác năm 2027', goals: 'Mục đích', organization: 'Tổ chức',
    sources: '35-CT/TW',
  });
  assert.equal(r.status, 303, r.text);
  const m = /^\/plans\/(\d+)\?notice=created/.exec(r.location);
  assert.ok(m, r.location);
  const id = Number(m[1]);
  const got = (await as[u]('GET', `/api/v1/plans/${id}`)).json;
  assert.equal(got.form, 2);
  assert.equal(got.year_from, 2027);
  assert.deepEqual(got.sources.map((s) => s.id), [ids.doc]);
  const page = await as[u]('GET', r.location);
  assert.match(page.text, /Đã lập dự thảo kế hoạch/);

  // An unknown source document is a 400 with the form again.
  r = await form(u, `/plans/${id}`, { title: 'Kế hoạch công tác năm 2027', sources: '999-NQ/XX' });
  assert.equal(r.status, 400, r.text);
  assert.ok(r.text.includes('999-NQ/XX'));

  // Items through the form.
  await unchanged('an empty item', async () => {
    r = await form(u, `/plans/${id}/items`, { text: '', measures: 'Biện pháp giữ lại', deadline_text: 'Quý II/2027' });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.text.includes('Biện pháp giữ lại'), 'the typed values stay');
    r = await form(u, `/plans/${id}/items`, { text: 'x', coordinator_org_ids: 'một, hai' });
    assert.equal(r.status, 400, r.text);
  });
  r = await form(u, `/plans/${id}/items`, {
    text: 'Tổ chức học tập chuyên đề', measures: 'Hội nghị', kind: 'task', category: 'year',
    section: 'Công tác giáo dục', lead_text: 'Ban Tuyên giáo', lead_org_id: String(ids.xa),
    coordinators: 'Các chi bộ', coordinator_org_ids: `${ids.cell}`, deadline_text: 'Quý II/2027',
  });
  assert.equal(r.status, 303, r.text);
  assert.match(r.location, new RegExp(`^/plans/${id}\\?notice=item_added`));
  const items = (await as[u]('GET', `/api/v1/plans/${id}/items`)).json.items;
  assert.equal(items.length, 1);
  assert.equal(items[0].deadline.kind, 'window');
  assert.equal(items[0].lead.org_id, ids.xa);
  assert.deepEqual(items[0].coordinators.org_ids, [ids.cell]);
  const itemId = items[0].id;
  const edit = await as[u]('GET', `/items/${itemId}/edit`);
  assert.equal(edit.status, 200);
  assert.ok(edit.text.includes('Tổ chức học tập chuyên đề'));
  r = await form(u, `/items/${itemId}`, { text: 'Tổ chức học tập chuyên đề năm 2027', deadline_text: 'thường xuyên' });
  assert.equal(r.status, 303, r.text);
  const after = (await as[u]('GET', `/api/v1/items/${itemId}`)).json;
  assert.equal(after.text, 'Tổ chức học tập chuyên đề năm 2027');
  assert.equal(after.deadline.kind, 'recurring');
  r = await form(u, `/items/${itemId}`, { text: '' });
  assert.equal(r.status, 400);
  r = await form(u, `/items/${itemId}/move`, { seq: '1' });
  assert.equal(r.status, 303);

  // Send through the confirmation page, approve, adjust.
  r = await form(u, `/plans/${id}/send`, {});
  assert.equal(r.status, 303, r.text);
  assert.match(r.location, /notice=sent/);
  r = await form(u, `/plans/${id}/approve`, {});
  assert.equal(r.status, 303, r.text);
  assert.equal((await as[u]('GET', `/api/v1/plans/${id}`)).json.status, 'approved');
  r = await unchanged('an adjustment without a reason', () => form(u, `/plans/${id}/adjust`, { reason: '' }));
  assert.equal(r.status, 400, r.text);
  r = await form(u, `/plans/${id}/adjust`, { reason: 'Góp ý của chi bộ' });
  assert.equal(r.status, 303, r.text);
  assert.equal((await as[u]('GET', `/api/v1/plans/${id}`)).json.status, 'adjusting');

  // A draft deleted through its form.
  const d = await as[u]('POST', '/api/v1/plans', { owner_org_id: ids.xa, scope: 'year', year_from: 2028 });
  assert.equal(d.status, 201, d.text);
  r = await form(u, `/plans/${d.json.id}/delete`, {});
  assert.equal(r.status, 303);
  assert.equal((await as[u]('GET', `/api/v1/plans/${d.json.id}`)).status, 404);
});

test('cascade: the province assigns, the commune answers with its own plan', async () => {
  const vp = as.vanphong;
  let r = await vp('POST', '/api/v1/plans', { owner_org_id: ids.province, scope: 'year', year_from: 2029, title: 'Kế hoạch của Tỉnh ủy năm 2029' });
  assert.equal(r.status, 201, r.text);
  const upper = r.json.id;
  r = await vp('POST', `/api/v1/plans/${upper}/items`, { text: 'Rà soát quy hoạch cán bộ cấp xã', lead_org_id: ids.xa, deadline_text: 'Quý III/2029' });
  assert.equal(r.status, 201, r.text);
  const assigned = r.json.id;
  assert.equal((await vp('POST', `/api/v1/plans/${upper}/approve`)).status, 200);

  let c = await vp('GET', `/api/v1/plans/${upper}/cascade`);
  assert.equal(c.status, 200, c.text);
  let row = c.json.rows.find((x) => x.item.id === assigned);
  assert.ok(row, c.text);
  assert.deepEqual(row.orgs.map((o) => [o.org_id, o.answered]), [[ids.xa, false]]);

  r = await as['bithu.xa']('POST', '/api/v1/plans', {
    owner_org_id: ids.xa, scope: 'year', year_from: 2029, title: 'Kế hoạch triển khai của xã',
    upper_plan_id: upper, cascade: true,
  });
  assert.equal(r.status, 201, r.text);
  const copy = r.json.items.find((x) => x.upper_item_id === assigned);
  assert.ok(copy, `the assigned item is copied: ${r.text}`);
  assert.equal(copy.text, 'Rà soát quy hoạch cán bộ cấp xã');
  c = await vp('GET', `/api/v1/plans/${upper}/cascade`);
  row = c.json.rows.find((x) => x.item.id === assigned);
  assert.equal(row.n_answered, 1, c.text);
  assert.equal(row.orgs[0].answered, true);
  const page = await vp('GET', `/plans/${upper}/cascade`);
  assert.equal(page.status, 200);
  assert.ok(page.text.includes('Đã có kế hoạch'));
  assert.ok(page.text.includes('Đảng bộ xã Tân Phong'));
});
