// SPDX-License-Identifier: AGPL-3.0-or-later
// "Nhập kế hoạch từ văn bản" on the demo province: a plan written as text
// (or as a Word file) naming the Ban Tổ chức, the Văn phòng, the UBKT, the
// party committees under the Tỉnh ủy as a group, and a body that does not
// exist. The preview matches the first four and marks the fifth; saving with
// one lead corrected makes a draft with those items; bad inputs and an org
// out of scope change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startServer, login, client } from './harness.mjs';
import { docx, PLAN } from './import_fixtures.mjs';

let srv, s, api, ids = {};

const TABLES = ['plans', 'plan_items', 'plan_item_coordinators', 'plan_versions', 'audit_log', 'search_docs'];
function dbHash() {
  const sql = TABLES.map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n');
  return createHash('sha256').update(execFileSync('sqlite3', ['-readonly', srv.db], { input: sql, encoding: 'utf8' })).digest('hex');
}

async function form(session, p, fd) {
  fd.append('csrf_token', session.csrf);
  const r = await fetch(srv.url + p, { method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: session.cookie } });
  return { status: r.status, text: await r.text(), location: r.headers.get('location') };
}

async function orgId(q) {
  const r = await api('GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
  return r.json.results.find((x) => x.type === 'org').id;
}

before(async () => {
  srv = await startServer({ demo: true });
  s = await login(srv.url, 'vanphong');
  api = client(srv.url, s);
  ids.tu = await orgId('tinh uy son nam');
  ids.btc = await orgId('ban to chuc tinh uy');
  ids.vp = (await api('GET', `/api/v1/orgs/${ids.tu}/children`)).json.orgs.find((o) => o.name === 'Văn phòng Tỉnh ủy').id;
  ids.ubkt = (await api('GET', `/api/v1/orgs/${ids.tu}/children`)).json.orgs.find((o) => o.name === 'Ủy ban Kiểm tra Tỉnh ủy').id;
});
after(async () => { await srv.stop(); });

test('the plans list links the import page, whose form offers the org the user drafts for', async () => {
  assert.match((await api('GET', '/plans')).text, /href="\/plans\/import">Nhập kế hoạch từ văn bản/);
  const r = await api('GET', '/plans/import');
  assert.equal(r.status, 200);
  assert.match(r.text, /enctype="multipart\/form-data"/);
  assert.match(r.text, new RegExp(`<option value="${ids.tu}"[^>]*>Tỉnh ủy Sơn Nam</option>`));
});

test('a text file: the preview matches four bodies, marks the fifth, and saving with a lead corrected makes the draft', async () => {
  const fd = new FormData();
  fd.append('file', new Blob([PLAN(2031)], { type: 'text/plain' }), 'ke-hoach.txt');
  fd.append('org_id', String(ids.tu));
  fd.append('year', '2031');
  const p = await form(s, '/plans/import', fd);
  assert.equal(p.status, 200, p.text);
  assert.match(p.text, /Xem trước kế hoạch nhập từ văn bản/);
  assert.match(p.text, /<li id="L10">1\. Ban Tổ chức Tỉnh uỷ chủ trì/, 'the source with numbered lines');
  assert.match(p.text, new RegExp(`<option value="${ids.btc}" selected>Ban Tổ chức Tỉnh ủy</option>`));
  assert.match(p.text, new RegExp(`<option value="${ids.ubkt}" selected>Ủy ban Kiểm tra Tỉnh ủy</option>`));
  assert.match(p.text, new RegExp(`<option value="${ids.tu}" selected>Tỉnh ủy Sơn Nam</option>`), 'the group through its committee');
  assert.match(p.text, /<mark class="unmatched"[^>]*>Hội Cựu Giáo Chức Sơn Nam<\/mark>/);
  assert.match(p.text, /1 tên cơ quan chưa khớp/);
  assert.match(p.text, /→ 01\/04\/2031–30\/06\/2031/, 'the deadline as understood');
  const hidden = /<input type="hidden" name="text" value="([^"]*)"/.exec(p.text);
  assert.ok(hidden, 'the source travels in a hidden field');

  // Save: the fifth lead set to the Văn phòng, the second deadline changed.
  const body = new URLSearchParams();
  body.append('csrf_token', s.csrf);
  body.append('text', PLAN(2031));
  body.append('org_id', String(ids.tu));
  body.append('year', '2031');
  body.append('scope', 'year');
  body.append('title', 'Kế hoạch công tác xây dựng Đảng năm 2031');
  for (const v of ['', '', '', '', String(ids.vp)]) body.append('item_lead', v);
  for (const v of [`trong Quý II/2031`, `Quý III/2031`, `trong năm 2031`, `trước ngày 15/12/2031`, 'thường xuyên'])
    body.append('item_deadline', v);
  const r = await api('POST', '/plans/import/save', body.toString(), { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 303, r.text);
  const id = Number(/^\/plans\/(\d+)/.exec(r.headers.get('location'))[1]);
  const plan = (await api('GET', `/api/v1/plans/${id}`)).json;
  assert.equal(plan.status, 'draft');
  assert.equal(plan.title, 'Kế hoạch công tác xây dựng Đảng năm 2031');
  assert.equal(plan.items.length, 5);
  const [a, b, c, d, e] = plan.items;
  assert.equal(a.lead.org_id, ids.btc);
  assert.equal(a.lead.as_written, 'Ban Tổ chức Tỉnh uỷ');
  assert.equal(a.section, 'NHIỆM VỤ TRỌNG TÂM');
  assert.deepEqual(a.coordinators.org_ids, [ids.vp]);
  assert.equal(a.deadline.kind, 'window');
  assert.equal(b.lead.org_id, ids.vp);
  assert.equal(b.deadline.as_written, 'Quý III/2031');
  assert.equal(b.deadline.end, '2031-09-30');
  assert.equal(c.lead.org_id, ids.ubkt);
  assert.equal(d.lead.org_id, ids.tu);
  assert.equal(d.lead.group, true);
  assert.equal(e.lead.org_id, ids.vp, 'the corrected lead');
  assert.equal(e.lead.as_written, 'Hội Cựu Giáo Chức Sơn Nam', 'the name kept as written');
  assert.equal(e.deadline.kind, 'recurring');
  const page = await api('GET', `/plans/${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /rà soát, bổ sung quy hoạch cán bộ/);
});

test('a Word file through the API: the preview, then the plan', async () => {
  const bytes = docx(PLAN(2032).split('\n'));
  const fd = new FormData();
  fd.append('file', new Blob([bytes]), 'ke-hoach.docx');
  fd.append('org_id', String(ids.tu));
  fd.append('year', '2032');
  let r = await form(s, '/api/v1/plans/import', fd);
  assert.equal(r.status, 200, r.text);
  const pv = JSON.parse(r.text);
  assert.equal(pv.source, 'docx');
  assert.equal(pv.items.length, 5);
  assert.equal(pv.items[0].lead_org.id, ids.btc);
  assert.equal(pv.items[0].coordinators[0].org.id, ids.vp);
  assert.equal(pv.items[2].lead_org.id, ids.ubkt);
  assert.equal(pv.items[3].lead_group, true);
  assert.equal(pv.items[3].lead_org.id, ids.tu);
  assert.deepEqual(pv.unmatched, ['Hội Cựu Giáo Chức Sơn Nam']);
  assert.equal(pv.items[1].deadline.end, '2032-06-30');

  const fd2 = new FormData();
  fd2.append('file', new Blob([bytes]), 'ke-hoach.docx');
  fd2.append('org_id', String(ids.tu));
  fd2.append('year', '2032');
  fd2.append('save', 'true');
  r = await form(s, '/api/v1/plans/import', fd2);
  assert.equal(r.status, 201, r.text);
  const saved = JSON.parse(r.text);
  assert.equal(saved.items, 5);
  assert.deepEqual(saved.unmatched, ['Hội Cựu Giáo Chức Sơn Nam']);
  const plan = (await api('GET', `/api/v1/plans/${saved.plan.id}`)).json;
  assert.equal(plan.items.length, 5);
  assert.equal(plan.items[4].lead.org_id, null);
  assert.equal(plan.items[4].lead.as_written, 'Hội Cựu Giáo Chức Sơn Nam');
});

test('JSON with corrections: map a name, set a lead and a deadline', async () => {
  const r = await api('POST', '/api/v1/plans/import', {
    org_id: ids.tu, year: 2033, text: PLAN(2033), save: true,
    map: { 'Hội Cựu Giáo Chức Sơn Nam': ids.tu }, leads: [null, ids.btc], deadlines: [null, null, 'Quý IV/2033'],
  });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.unmatched, []);
  const plan = (await api('GET', `/api/v1/plans/${r.json.plan.id}`)).json;
  assert.equal(plan.items[1].lead.org_id, ids.btc);
  assert.equal(plan.items[2].deadline.end, '2033-12-31');
  assert.equal(plan.items[4].lead.org_id, ids.tu);
  // The same org, scope and year again: refused, nothing written.
  const h = dbHash();
  const again = await api('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2033, text: PLAN(2033), save: true });
  assert.equal(again.status, 409, again.text);
  assert.equal(dbHash(), h);
});

test('entries dropped in the preview are not saved; an unknown path is refused', async () => {
  let h = dbHash();
  const bad = await api('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2036, text: PLAN(2036), save: true, drop: ['IX.9'] });
  assert.equal(bad.status, 400, bad.text);
  assert.match(bad.json.error.message, /không có mục «IX\.9»/);
  const wrong = await api('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2036, text: PLAN(2036), save: true, drop: 'I.2' });
  assert.equal(wrong.status, 400, wrong.text);
  assert.equal(dbHash(), h);
  const pv = await api('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2036, text: PLAN(2036), drop: ['I.2', 'I.4'] });
  assert.equal(pv.status, 200, pv.text);
  assert.deepEqual(pv.json.items.map((it) => it.path), ['I.1', 'I.3', 'I.5']);
  const r = await api('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2036, text: PLAN(2036), save: true, drop: ['I.2'] });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.items, 4);
  const plan = (await api('GET', `/api/v1/plans/${r.json.plan.id}`)).json;
  assert.equal(plan.items.length, 4);
  assert.equal(plan.items[1].lead.org_id, ids.ubkt, 'I.3 follows I.1');
});

test('bad inputs and an org out of scope change nothing', async () => {
  const h = dbHash();
  const post = (parts) => {
    const fd = new FormData();
    for (const [k, v, name] of parts) name ? fd.append(k, new Blob([v]), name) : fd.append(k, v);
    return form(s, '/plans/import', fd);
  };
  // No file, no text.
  let r = await post([['org_id', String(ids.tu)], ['year', '2034']]);
  assert.equal(r.status, 400);
  assert.match(r.text, /Cần chọn tệp kế hoạch hoặc dán nội dung/);
  // A file that is not UTF-8 text.
  r = await post([['org_id', String(ids.tu)], ['year', '2034'], ['file', Buffer.from([0x4b, 0xff, 0xfe, 0x0a, 0x31, 0x2e]), 'x.txt']]);
  assert.equal(r.status, 400);
  assert.match(r.text, /không phải văn bản UTF-8/);
  // A corrupt Word file.
  r = await post([['org_id', String(ids.tu)], ['year', '2034'], ['file', Buffer.from('PK\x03\x04garbage-garbage-garbage'), 'x.docx']]);
  assert.equal(r.status, 400);
  // Text with no numbered task.
  r = await post([['org_id', String(ids.tu)], ['year', '2034'], ['text', 'Chỉ một dòng chữ.']]);
  assert.equal(r.status, 400);
  assert.match(r.text, /Không tìm thấy nội dung công việc/);
  // An org the user may read but does not draft plans for: the save is refused.
  const district = await orgId('huyen uy lac dien');
  r = await api('POST', '/api/v1/plans/import', { org_id: district, year: 2034, text: PLAN(2034), save: true });
  assert.equal(r.status, 403, r.text);
  // A user of one cell: the province's plans are not hers, another commune not even readable.
  const outsider = await login(srv.url, 'bithu.chibo');
  const o = client(srv.url, outsider);
  r = await o('POST', '/api/v1/plans/import', { org_id: ids.tu, year: 2034, text: PLAN(2034), save: true });
  assert.equal(r.status, 403, r.text);
  r = await o('POST', '/api/v1/plans/import', { org_id: district, year: 2034, text: PLAN(2034) });
  assert.equal(r.status, 403, r.text);
  const fd = new FormData();
  fd.append('text', PLAN(2034));
  fd.append('org_id', String(district));
  fd.append('year', '2034');
  r = await form(outsider, '/plans/import', fd);
  assert.equal(r.status, 403);
  assert.equal(dbHash(), h, 'nothing written');
});
