// SPDX-License-Identifier: AGPL-3.0-or-later
// Progress over HTTP on the demo province (today 10-7-2026): the 2026 plan
// of xã Tân Phong, cascaded from the province's programme (so it answers
// the items the programme assigns to the commune) with three items of its
// own — due 30-6 with xã Lạc Điền coordinating, conditional ("sau 30 ngày
// kể từ khi có hướng dẫn…"), due 31-12 — approved. The commune's secretary
// reports with a PDF from the page (badge and bar on the plan page), a done
// report after the due day is "Hoàn thành muộn"; Lạc Điền's secretary
// reports its part but not the lead's and sees no other item; evidence of a
// wrong type or too big is refused with the database unchanged; downloads
// are scoped; the event of the conditional deadline gives its due day; the
// page "Nhiệm vụ cấp trên giao" and the API list the commune's assignments
// answered; the timeline draws the items; bad input is a 4xx with nothing
// written.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { startServer, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-07-10' };
const PDF = Buffer.from('%PDF-1.4\n% biên bản hội nghị\n');
let srv, admin, xa, huyen, a, x, h;
const ids = {};

function sql(text) {
  const r = spawnSync('sqlite3', [srv.db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}
const state = () => sql(`SELECT (SELECT count(*) FROM item_progress) || ',' || (SELECT count(*)
  FROM progress_evidence) || ',' || (SELECT count(*) FROM files) || ',' || (SELECT count(*) FROM
  audit_log) || ',' || (SELECT group_concat(progress_state || progress_percent ||
  coalesce(done_day, '-') || coalesce(event_day, '-')) FROM plan_items)`);

// The report form as a browser sends it.
async function report(session, item, fields, files = []) {
  const fd = new FormData();
  fd.append('csrf_token', session.csrf);
  for (const [k, v] of Object.entries(fields)) fd.append(k, String(v));
  for (const [name, bytes, type] of files) fd.append('file', new Blob([bytes], { type }), name);
  const r = await fetch(`${srv.url}/items/${item}/progress`, {
    method: 'POST', headers: { Cookie: session.cookie }, body: fd, redirect: 'manual',
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

async function download(session, p) {
  const r = await fetch(srv.url + p, { headers: { Cookie: session.cookie }, redirect: 'manual' });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

before(async () => {
  srv = await startServer({ demo: true, env: ENV });
  admin = await login(srv.url, 'admin');
  xa = await login(srv.url, 'bithu.xa');
  huyen = await login(srv.url, 'bithu.huyen');
  a = client(srv.url, admin);
  x = client(srv.url, xa);
  h = client(srv.url, huyen);
  const org = async (q) => (await a('GET', `/api/v1/search?q=${encodeURIComponent(q)}`)).json
    .results.find((r) => r.type === 'org').id;
  ids.tanphong = await org('dang bo xa tan phong');
  ids.lacdien = await org('dang bo xa lac dien');
  ids.programme = (await a('GET', '/api/v1/plans?q=chuong%20trinh%20hanh%20dong')).json.plans
    .find((p) => p.status === 'approved').id;
});
after(async () => { await srv?.stop(); });

test('the commune sees the tasks assigned to it, not yet answered', async () => {
  let r = await x('GET', `/api/v1/orgs/${ids.tanphong}/assignments`);
  assert.equal(r.status, 200, r.text);
  assert.ok(r.json.assignments.length >= 1);
  assert.ok(r.json.assignments.every((s) => s.answer_item_id === null));
  ids.assigned = r.json.assignments.map((s) => s.item_id);
  r = await x('GET', `/orgs/${ids.tanphong}/assignments`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Nhiệm vụ cấp trên giao<\/h1>/);
  assert.match(r.text, /Chưa có/);
  // Another commune's secretary does not read them.
  r = await h('GET', `/api/v1/orgs/${ids.tanphong}/assignments`);
  assert.equal(r.status, 403);
});

test('a cascaded plan with items of its own, approved', async () => {
  let r = await a('POST', '/api/v1/plans', {
    owner_org_id: ids.tanphong, scope: 'year', year_from: 2026,
    upper_plan_id: ids.programme, cascade: true,
  });
  assert.equal(r.status, 201, r.text);
  ids.plan = r.json.id;
  const add = async (body) => {
    const q = await a('POST', `/api/v1/plans/${ids.plan}/items`, body);
    assert.equal(q.status, 201, q.text);
    return q.json.id;
  };
  ids.a = await add({ text: 'Tổ chức hội nghị sơ kết 6 tháng', deadline_text: 'trước ngày 30-6-2026',
    lead_org_id: ids.tanphong, coordinator_org_ids: [ids.lacdien], coordinators: 'Đảng ủy xã Lạc Điền' });
  ids.b = await add({ text: 'Ban hành quy chế làm việc mới',
    deadline_text: 'sau 30 ngày kể từ khi có hướng dẫn của Trung ương', lead_org_id: ids.tanphong });
  ids.c = await add({ text: 'Tổng kết công tác năm', deadline_text: 'trước ngày 31-12-2026',
    lead_org_id: ids.tanphong });
  r = await a('POST', `/api/v1/plans/${ids.plan}/approve`, {});
  assert.equal(r.status, 200, r.text);
  r = await x('GET', `/api/v1/orgs/${ids.tanphong}/assignments`);
  for (const s of r.json.assignments.filter((s) => ids.assigned.includes(s.item_id)))
    assert.ok(s.answer_item_id, `item ${s.item_id} answered`);
  r = await x('GET', `/orgs/${ids.tanphong}/assignments`);
  assert.match(r.text, /Đã có/);
  // The upper item lists the commune as answered.
  r = await a('GET', `/api/v1/items/${ids.assigned[0]}/progress`);
  assert.equal(r.status, 200);
  const mine = r.json.assignments.find((s) => s.org_id === ids.tanphong);
  assert.ok(mine?.answer_item_id);
  // The programme's page counts, on the item, the orgs assigned and answered.
  const answered = r.json.assignments.filter((s) => s.answer_item_id).length;
  r = await a('GET', `/plans/${ids.programme}`);
  const row = r.text.split(`<tr id="item-${ids.assigned[0]}"`)[1].split('</tr>')[0];
  const m = /<a href="\/items\/(\d+)\/progress#assignments">Giao (\d+) tổ chức<\/a>: (\d+) đã có kế hoạch/.exec(row);
  assert.ok(m, row);
  assert.equal(Number(m[1]), ids.assigned[0]);
  assert.equal(Number(m[3]), answered);
  assert.ok(Number(m[2]) > answered);
  assert.match(row, /chưa có<\/span>/);
});

test('the lead reports with a PDF from the page; the plan page shows the state', async () => {
  let r = await x('GET', `/items/${ids.a}/progress`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Tiến độ thực hiện<\/h1>/);
  assert.match(r.text, /data-state="overdue">Quá hạn</);
  assert.match(r.text, /enctype="multipart\/form-data"/);
  r = await report(xa, ids.a, { state: 'in_progress', percent: 40, note: 'Đã chuẩn bị tài liệu' },
    [['biên bản.pdf', PDF, 'application/pdf']]);
  assert.equal(r.status, 303, r.text);
  assert.equal(r.location, `/items/${ids.a}/progress?notice=reported#history`);
  r = await x('GET', `/items/${ids.a}/progress?notice=reported`);
  assert.match(r.text, /Đã ghi báo cáo tiến độ/);
  assert.match(r.text, /Đã chuẩn bị tài liệu/);
  const m = /href="\/items\/\d+\/evidence\?sha256=([0-9a-f]{64})" download>biên bản\.pdf</.exec(r.text);
  assert.ok(m, 'the file is linked');
  ids.sha = m[1];
  r = await x('GET', `/plans/${ids.plan}`);
  assert.match(r.text, new RegExp(`<progress max="100" value="40"`));
  assert.match(r.text, /data-state="overdue">Quá hạn</);
  assert.match(r.text, new RegExp(`href="/items/${ids.a}/progress">Tiến độ</a>`));
  // Downloads: the lead, the coordinator (who reports on the item); not an
  // item the file is not evidence of; not a reader outside.
  let d = await download(xa, `/items/${ids.a}/evidence?sha256=${ids.sha}`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.match(d.headers.get('content-disposition'), /^attachment; filename="bien-ban\.pdf"; filename\*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n\.pdf$/);
  assert.deepEqual(d.body, PDF);
  d = await download(huyen, `/api/v1/items/${ids.a}/evidence?sha256=${ids.sha}`);
  assert.equal(d.status, 200);
  d = await download(xa, `/items/${ids.c}/evidence?sha256=${ids.sha}`);
  assert.equal(d.status, 404);
  d = await download(huyen, `/items/${ids.c}/evidence?sha256=${ids.sha}`);
  assert.equal(d.status, 403);
  d = await download(xa, `/items/${ids.a}/evidence?sha256=..%2F..%2Fetc%2Fpasswd`);
  assert.equal(d.status, 404);
});

test('done after the due day is done late', async () => {
  const r = await x('POST', `/api/v1/items/${ids.a}/progress`, { state: 'done', day: '2026-07-05' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.progress.derived, 'done_late');
  assert.equal(r.json.progress.derived_label, 'Hoàn thành muộn');
  assert.equal(r.json.progress.done_day, '2026-07-05');
  assert.equal(r.json.progress.percent, 100);
  const s = await x('GET', `/api/v1/plans/${ids.plan}/progress`);
  assert.equal(s.status, 200);
  assert.ok(s.json.done_late >= 1);
});

test('a coordinator reports its part, not the lead\'s, and sees no other item', async () => {
  let r = await h('GET', `/api/v1/items/${ids.a}/progress`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rights.lead, false);
  assert.deepEqual(r.json.rights.part_org_ids, [ids.lacdien]);
  r = await h('POST', `/api/v1/items/${ids.a}/progress`, { state: 'done', org_id: ids.lacdien, note: 'Đã phối hợp' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.report.org_id, ids.lacdien);
  assert.equal(r.json.progress.state, 'done'); // still the lead's figures
  const before = state();
  r = await h('POST', `/api/v1/items/${ids.a}/progress`, { state: 'in_progress', percent: 10 });
  assert.equal(r.status, 403);
  r = await h('POST', `/api/v1/items/${ids.c}/progress`, { state: 'in_progress', percent: 10, org_id: ids.lacdien });
  assert.equal(r.status, 403);
  r = await h('GET', `/items/${ids.c}/progress`);
  assert.equal(r.status, 403);
  assert.equal(state(), before);
  r = await x('GET', `/items/${ids.a}/progress`);
  assert.match(r.text, /Đã phối hợp/);
});

test('evidence of a wrong type or too big is refused, nothing written', async () => {
  let before = state();
  let r = await report(xa, ids.c, { state: 'in_progress', percent: 20 },
    [['virus.exe', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), 'application/octet-stream']]);
  assert.equal(r.status, 400);
  assert.match(r.text, /không thuộc loại được nhận/);
  assert.equal(state(), before);
  sql("INSERT INTO settings(key, value) VALUES ('evidence.max_bytes', '10')");
  try {
    r = await report(xa, ids.c, { state: 'in_progress', percent: 20 }, [['bb.pdf', PDF, 'application/pdf']]);
    assert.equal(r.status, 413);
    assert.match(r.text, /quá lớn/);
    const fd = new FormData();
    fd.append('state', 'in_progress');
    fd.append('file', new Blob([PDF]), 'bb.pdf');
    const q = await fetch(`${srv.url}/api/v1/items/${ids.c}/progress`, {
      method: 'POST', headers: { Cookie: xa.cookie, 'X-CSRF-Token': xa.csrf }, body: fd,
    });
    assert.equal(q.status, 413);
    assert.equal((await q.json()).error.code, 'too_large');
  } finally {
    sql("DELETE FROM settings WHERE key = 'evidence.max_bytes'");
  }
  assert.equal(state(), before);
  // A good text file through the API's multipart form.
  const fd = new FormData();
  fd.append('state', 'in_progress');
  fd.append('percent', '20');
  fd.append('file', new Blob([Buffer.from('Biên bản họp chi bộ\n')]), 'ghi-chep.txt');
  const q = await fetch(`${srv.url}/api/v1/items/${ids.c}/progress`, {
    method: 'POST', headers: { Cookie: xa.cookie, 'X-CSRF-Token': xa.csrf }, body: fd,
  });
  assert.equal(q.status, 201, await q.clone().text());
  const j = await q.json();
  assert.equal(j.report.files[0].mime, 'text/plain; charset=utf-8');
  before = state();
  for (const body of [{ state: 'finished' }, { state: 'in_progress', percent: 120 },
    { state: 'in_progress', day: '2026-07-11' }, { percent: 10 }, { state: 'done', org_id: ids.tanphong }]) {
    r = await x('POST', `/api/v1/items/${ids.c}/progress`, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
  }
  r = await report(xa, ids.c, { state: 'in_progress', percent: 150 });
  assert.equal(r.status, 400);
  assert.match(r.text, /Tỷ lệ hoàn thành phải từ 0 đến 100/);
  r = await x('POST', `/api/v1/items/999999/progress`, { state: 'done' });
  assert.equal(r.status, 404);
  assert.equal(state(), before);
});

test('the event of a conditional deadline sets its due day', async () => {
  let r = await x('GET', `/api/v1/items/${ids.b}/progress`);
  assert.equal(r.json.progress.derived, 'no_due');
  assert.equal(r.json.progress.after_days, 30);
  const before = state();
  r = await x('POST', `/api/v1/items/${ids.c}/event`, { day: '2026-06-01' });
  assert.equal(r.status, 409);
  r = await x('POST', `/api/v1/items/${ids.b}/event`, { day: '2026-08-01' });
  assert.equal(r.status, 400);
  r = await h('POST', `/api/v1/items/${ids.b}/event`, { day: '2026-06-01' });
  assert.equal(r.status, 403);
  assert.equal(state(), before);
  r = await x('POST', `/api/v1/items/${ids.b}/event`, { day: '2026-06-20' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.progress.event_day, '2026-06-20');
  assert.equal(r.json.progress.due, '2026-07-20');
  assert.equal(r.json.progress.derived, 'not_due');
  r = await x('GET', `/items/${ids.b}/progress`);
  assert.match(r.text, /Sự kiện đã xảy ra ngày <strong>20\/06\/2026<\/strong>; hạn hoàn thành: 20\/07\/2026/);
  // The page's form clears it.
  const form = new URLSearchParams({ csrf_token: xa.csrf, clear: '1' });
  const q = await fetch(`${srv.url}/items/${ids.b}/event`, {
    method: 'POST', headers: { Cookie: xa.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(), redirect: 'manual',
  });
  assert.equal(q.status, 303);
  r = await x('GET', `/api/v1/items/${ids.b}/progress`);
  assert.equal(r.json.progress.event_day, null);
});

test('the timeline draws the items with their windows, text escaped', async () => {
  let r = await a('POST', `/api/v1/plans/${ids.plan}/adjust`, { reason: 'Bổ sung nội dung' });
  assert.equal(r.status, 200, r.text);
  r = await a('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Thi <script>alert(1)</script> & tìm hiểu', deadline_text: 'Quý III/2026' });
  assert.equal(r.status, 201, r.text);
  r = await a('POST', `/api/v1/plans/${ids.plan}/approve`, {});
  assert.equal(r.status, 200, r.text);
  r = await x('GET', `/plans/${ids.plan}/timeline`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<svg class="timeline"/);
  assert.match(r.text, new RegExp(`data-item="${ids.a}"`));
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /Thi &lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; tìm hiểu/);
  assert.match(r.text, /Hôm nay/);
  r = await h('GET', `/plans/${ids.plan}/timeline`);
  assert.equal(r.status, 403);
});

test('progress is refused on a plan not yet approved', async () => {
  let r = await a('POST', '/api/v1/plans', { owner_org_id: ids.lacdien, scope: 'year', year_from: 2027 });
  assert.equal(r.status, 201, r.text);
  const plan = r.json.id;
  r = await a('POST', `/api/v1/plans/${plan}/items`, { text: 'Nội dung dự thảo', deadline_text: 'Quý I/2027' });
  const before = state();
  r = await a('POST', `/api/v1/items/${r.json.id}/progress`, { state: 'in_progress', percent: 5 });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /chưa được phê duyệt/);
  assert.equal(state(), before);
});
