// SPDX-License-Identifier: AGPL-3.0-or-later
// Indicators over HTTP on the demo province with the demo's indicators
// (`kehoach indicator demo` when the demo did not load them): the page
// «Chỉ tiêu» in the shape of the appendix with derived figures and their
// derivation, the drill-down with its SVG charts, the JSON API (table,
// definitions, figures, children, series), who may define and enter, locked
// figures refused, and the XLSX round trip — download, edit a cell, upload,
// read back equal; bad rows reported by row and column with nothing
// applied; bad input a 4xx with the database unchanged.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, login, client, cli } from './harness.mjs';
import { editXlsx, setCell, sheetXml } from './xlsx_edit.mjs';

// The row whose Mã (column A) is the number id — not a shared string whose
// index happens to be id.
function rowOf(xml, id) {
  const m = new RegExp(`<c r="A(\\d+)"(?: s="\\d+")?><v>${id}</v></c>`).exec(xml);
  if (!m) throw new Error(`no row for indicator ${id}`);
  return Number(m[1]);
}

const ENV = { KH_TODAY: '2026-09-01' };
const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, dir, admin, head, outsider, a, h, o;
let tu, tanphong, ind;

const file = (name) => path.join(dir, name);
const sql = (q) => execFileSync('sqlite3', [srv.db], { input: q, encoding: 'utf8' }).trim();
const values = () => sql('SELECT indicator_id, org_id, period, year, value, note, locked FROM'
  + ' indicator_values ORDER BY 1, 2, 3, 4;');
const decode = (html) => html.replace(/&laquo;|«/g, '«').replace(/&raquo;|»/g, '»')
  .replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

async function download(session, p) {
  const r = await fetch(srv.url + p, { headers: { Cookie: session.cookie }, redirect: 'manual' });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

async function apiUpload(session, org, bytes, query = '') {
  const r = await fetch(`${srv.url}/api/v1/orgs/${org}/indicators/sheet?year=2026${query}`, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Content-Type': XLSX },
    body: bytes,
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, json, text };
}

async function form(session, p, fields, { csrf = true } = {}) {
  const body = new URLSearchParams(fields);
  if (csrf) body.append('csrf_token', session.csrf);
  const r = await fetch(srv.url + p, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

before(async () => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(path.join(TMP, 'indicator-'));
  srv = await startServer({ demo: true, env: ENV });
  const r = cli(['indicator', 'demo', '--db', srv.db], { env: ENV });
  assert.ok(r.status === 0 || /đã được nạp/.test(r.stderr), r.stderr);
  admin = await login(srv.url, 'admin');
  head = await login(srv.url, 'bithu.xa'); // head of Đảng bộ xã Tân Phong
  outsider = await login(srv.url, 'bithu.huyen'); // Lạc Điền, not Tân Phong
  a = client(srv.url, admin);
  h = client(srv.url, head);
  o = client(srv.url, outsider);
  tu = (await a('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results
    .find((x) => x.type === 'org').id;
  const found = (await a('GET', '/api/v1/search?q=dang%20bo%20xa%20tan%20phong')).json.results
    .find((x) => x.type === 'org');
  tanphong = found.id;
  const list = (await a('GET', `/api/v1/indicators?org_id=${tu}`)).json.indicators;
  ind = Object.fromEntries(list.map((x) => [x.code, x.id]));
  assert.equal(list.length, 8);
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the table of the province: figures derived from the committees, with their derivation', async () => {
  const r = await a('GET', `/api/v1/orgs/${tu}/indicators?year=2025`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.rows.length, 8);
  const row = r.json.rows[0];
  assert.equal(row.indicator.name, 'Kết nạp đảng viên mới');
  assert.equal(row.actual.value, 297);
  assert.equal(row.actual.derived, true);
  assert.equal(row.actual.derivation, 'Tổng của 8/9 đơn vị (thiếu: Đảng bộ xã Sơn Hà)');
  // The target is the province's own (its resolution), not its units' total.
  assert.equal(row.year_target.value, 300);
  assert.equal(row.year_target.derived, false);
  assert.equal(row.year_target.derived_value, 80);
  assert.equal(row.baseline.year, 2020);
  assert.equal(row.compare.pct_of_target, 99);
  assert.equal(row.compare.verdict, 'not_met');
  assert.equal(row.compare.vs_baseline, -13);
  // A share: Σ numerators / Σ denominators.
  const share = r.json.rows.find((x) => x.indicator.rollup === 'share');
  assert.match(share.actual.derivation, /^Tỷ lệ chung [\d.,]+\/134 của 8\/9 đơn vị/);
  // Entered by hand: never derived.
  const par = r.json.rows.find((x) => x.indicator.rollup === 'manual');
  assert.equal(par.actual.value, 25);
  assert.equal(par.actual.derived, false);
});

test('the page «Chỉ tiêu» has the appendix columns, marks derived figures and explains them', async () => {
  const r = await a('GET', `/orgs/${tu}/indicators?year=2025`);
  assert.equal(r.status, 200);
  for (const col of ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Giá trị nền (năm)', 'Mục tiêu nhiệm kỳ',
    'Mục tiêu năm 2025', 'Thực hiện 6 tháng', 'Ước năm', 'Thực hiện năm', 'So với mục tiêu',
    'So với giá trị nền'])
    assert.ok(r.text.includes(`<th>${col}</th>`), col);
  assert.match(r.text, /title="Tổng của 8\/9 đơn vị \(thiếu: Đảng bộ xã Sơn Hà\)">297<sup/);
  assert.match(r.text, /<summary>Cách tính<\/summary>/);
  assert.match(r.text, /310 \(2020\)/);
  assert.match(r.text, /99%/);
  assert.match(r.text, /Không đạt/);
  assert.match(r.text, new RegExp(`href="/orgs/${tu}/indicators.xlsx\\?year=2025"`));
  assert.match(r.text, /name="csrf_token"/);
});

test('the drill-down: per child org, charts drawn as SVG on the server', async () => {
  let r = await a('GET', `/orgs/${tu}/indicators/detail?indicator_id=${ind['1']}&year=2026&period=h1`);
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((r.text.match(/<svg /g) || []).length, 2);
  assert.match(r.text, /Thực hiện so với mục tiêu qua các năm/);
  assert.match(r.text, /Tổng của 8\/9 đơn vị \(thiếu: Đảng bộ xã Tân Phong\)/);
  assert.match(r.text, /Đảng bộ Ủy ban nhân dân tỉnh<\/a><\/td><td>44/);
  r = await a('GET', `/api/v1/indicators/${ind['1']}/children?org_id=${tu}&year=2026&period=h1`);
  assert.equal(r.status, 200);
  assert.equal(r.json.children.length, 9);
  // The total is the sum of the 8 children's figures (the demo's report
  // campaign has entered some of them over the indicator demo's).
  const entered = r.json.children.filter((c) => c.figure !== null);
  assert.equal(entered.length, 8);
  assert.equal(r.json.total.value, entered.reduce((t, c) => t + c.figure.value, 0));
  assert.equal(r.json.total.value, 139);
  r = await a('GET', `/api/v1/indicators/${ind['1']}/series?org_id=${tu}`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.points.map((p) => p.year), [2025, 2026, 2027, 2028, 2029, 2030]);
  assert.equal(r.json.points[0].actual.value, 297);
  assert.equal(r.json.points[1].actual_period, 'estimate');
  // Unknown indicator, bad period: 4xx.
  r = await a('GET', `/api/v1/indicators/${ind['1']}/children?org_id=${tu}&period=quy`);
  assert.equal(r.status, 400);
  r = await a('GET', `/orgs/${tu}/indicators/detail?indicator_id=999999`);
  assert.equal(r.status, 404);
});

test('defining: the head of a commune defines for it, names are escaped, not for the province', async () => {
  const before = sql('SELECT count(*) FROM indicators; SELECT count(*) FROM audit_log;');
  let r = await h('POST', '/api/v1/indicators', { org_id: tu, name: 'X', year_from: 2025, year_to: 2030 });
  assert.equal(r.status, 403);
  r = await o('POST', '/api/v1/indicators', { org_id: tanphong, name: 'X', year_from: 2025, year_to: 2030 });
  assert.equal(r.status, 403);
  r = await h('POST', '/api/v1/indicators', { org_id: tanphong, name: 'Tỷ lệ', rollup: 'share', year_from: 2025, year_to: 2030 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'weight_indicator_id');
  r = await h('POST', '/api/v1/indicators', { org_id: tanphong, name: 'X', year_from: 2030, year_to: 2025 });
  assert.equal(r.status, 400);
  assert.equal(sql('SELECT count(*) FROM indicators; SELECT count(*) FROM audit_log;'), before);
  r = await h('POST', '/api/v1/indicators', {
    org_id: tanphong, code: '9', name: 'Quần chúng <b>ưu tú</b> & cảm tình đảng', unit: 'người',
    year_from: 2025, year_to: 2030,
  });
  assert.equal(r.status, 201, r.text);
  const mine = r.json.id;
  r = await h('GET', `/orgs/${tanphong}/indicators/detail?indicator_id=${mine}&year=2026`);
  assert.equal(r.status, 200);
  assert.ok(!r.text.includes('<b>ưu tú</b>'));
  assert.match(r.text, /Quần chúng &lt;b&gt;ưu tú&lt;\/b&gt; &amp; cảm tình đảng/);
  // The province's indicators apply to the commune too; its own comes last.
  r = await h('GET', `/api/v1/orgs/${tanphong}/indicators?year=2026`);
  assert.equal(r.json.rows.length, 9);
  assert.equal(r.json.rows[8].indicator.id, mine);
  assert.equal(r.json.can_enter, true);
  r = await h('PATCH', `/api/v1/indicators/${mine}`, { unit: 'quần chúng' });
  assert.equal(r.status, 200);
  assert.equal(r.json.unit, 'quần chúng');
  r = await o('DELETE', `/api/v1/indicators/${mine}`);
  assert.equal(r.status, 403);
  r = await h('DELETE', `/api/v1/indicators/${mine}`);
  assert.equal(r.status, 204);
});

test('figures: the head enters the commune\'s, an outsider cannot, a locked one is refused', async () => {
  const h1 = (await a('GET', `/api/v1/orgs/${tu}/indicators?year=2026`)).json.rows[0].h1.value;
  let r = await h('POST', `/api/v1/orgs/${tanphong}/indicators/values`, {
    values: [{ indicator_id: ind['1'], period: 'h1', year: 2026, value: 6 },
      { indicator_id: ind['1'], period: 'target', year: 2026, value: 14, note: 'Nghị quyết Đảng ủy xã' }],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.changed, 2);
  r = await a('GET', `/api/v1/orgs/${tu}/indicators?year=2026`);
  assert.equal(r.json.rows[0].h1.value, h1 + 6);
  assert.equal(r.json.rows[0].h1.derivation, 'Tổng của 9/9 đơn vị');

  const before = values();
  r = await o('POST', `/api/v1/orgs/${tanphong}/indicators/values`, {
    values: [{ indicator_id: ind['1'], period: 'h1', year: 2026, value: 60 }],
  });
  assert.equal(r.status, 403);
  for (const bad of [{ indicator_id: ind['1'], period: 'quy', year: 2026, value: 1 },
    { indicator_id: ind['1'], period: 'year', year: 2040, value: 1 },
    { indicator_id: ind['1'], period: 'year', year: 2026, value: 'mười' },
    { indicator_id: 999999, period: 'year', year: 2026, value: 1 }]) {
    r = await h('POST', `/api/v1/orgs/${tanphong}/indicators/values`, { values: [{ indicator_id: ind['1'], period: 'year', year: 2026, value: 3 }, bad] });
    assert.ok(r.status >= 400 && r.status < 500, `${JSON.stringify(bad)}: ${r.status}`);
  }
  r = await h('POST', `/api/v1/orgs/${tanphong}/indicators/values`, { nothing: true });
  assert.equal(r.status, 400);
  assert.equal(values(), before);

  sql(`UPDATE indicator_values SET locked = 1 WHERE org_id = ${tanphong} AND period = 'h1';`);
  const locked = values();
  r = await h('POST', `/api/v1/orgs/${tanphong}/indicators/values`, {
    values: [{ indicator_id: ind['1'], period: 'h1', year: 2026, value: 7 }],
  });
  assert.equal(r.status, 409);
  assert.match(r.json.error.message, /đã được chấp nhận trong báo cáo/);
  r = await h('POST', `/api/v1/orgs/${tanphong}/indicators/values`, {
    values: [{ indicator_id: ind['1'], period: 'h1', year: 2026, value: null }],
  });
  assert.equal(r.status, 409);
  assert.equal(values(), locked);
  sql(`UPDATE indicator_values SET locked = 0 WHERE org_id = ${tanphong};`);
});

test('the page form enters figures the Vietnamese way; a bad one shows the form again', async () => {
  let r = await form(head, `/orgs/${tanphong}/indicators/values?year=2026`, {
    indicator_id: ind['4'], actual: '1.250', estimate: '1250,5', baseline: '', note: 'Số liệu của Ban Xây dựng Đảng',
  });
  assert.equal(r.status, 303, r.text);
  assert.match(r.location, /notice=values/);
  let t = await h('GET', `/api/v1/orgs/${tanphong}/indicators?year=2026`);
  const row = t.json.rows.find((x) => x.indicator.id === ind['4']);
  assert.equal(row.actual.value, 1250);
  assert.equal(row.estimate.value, 1250.5);
  const before = values();
  r = await form(head, `/orgs/${tanphong}/indicators/values?year=2026`, { indicator_id: ind['4'], actual: 'nhiều' });
  assert.equal(r.status, 400);
  assert.match(decode(r.text), /Thực hiện năm: «nhiều» không phải là số/);
  r = await form(head, `/orgs/${tanphong}/indicators/values?year=2026`, { indicator_id: ind['4'], actual: '1' }, { csrf: false });
  assert.equal(r.status, 403);
  r = await form(outsider, `/orgs/${tanphong}/indicators/values?year=2026`, { indicator_id: ind['4'], actual: '1' });
  assert.equal(r.status, 403);
  assert.equal(values(), before);
  // Clearing with "-".
  r = await form(head, `/orgs/${tanphong}/indicators/values?year=2026`, { indicator_id: ind['4'], estimate: '-' });
  assert.equal(r.status, 303);
  t = await h('GET', `/api/v1/orgs/${tanphong}/indicators?year=2026`);
  assert.equal(t.json.rows.find((x) => x.indicator.id === ind['4']).estimate, null);
});

test('XLSX round trip: download, edit a cell, upload, read back equal', async () => {
  const d = await download(head, `/orgs/${tanphong}/indicators.xlsx?year=2026`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), XLSX);
  assert.match(d.headers.get('content-disposition'), /^attachment; filename=".*\.xlsx"; filename\*=UTF-8''Ch%E1%BB%89%20ti%C3%AAu/);
  assert.equal(d.body.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  writeFileSync(file('ct.xlsx'), d.body);
  const xml = sheetXml(file('ct.xlsx'));
  const row = rowOf(xml, ind['1']);
  // Unchanged, it uploads as all unchanged.
  let r = await apiUpload(head, tanphong, readFileSync(file('ct.xlsx')));
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.updated, 0);
  assert.equal(r.json.unchanged, 8);

  editXlsx(file('ct.xlsx'), file('sua.xlsx'), (x) => setCell(setCell(x, `K${row}`, '13'), `H${row}`, '15,5'));
  const before = values();
  r = await apiUpload(head, tanphong, readFileSync(file('sua.xlsx')), '&dry_run=1');
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.applied, false);
  assert.equal(r.json.updated, 1);
  assert.match(r.json.results.find((x) => x.item_id === ind['1']).message, /Mục tiêu năm, Thực hiện năm/);
  assert.equal(values(), before);

  // The page's upload form applies it.
  const fd = new FormData();
  fd.append('csrf_token', head.csrf);
  fd.append('file', new Blob([readFileSync(file('sua.xlsx'))], { type: XLSX }), 'sua.xlsx');
  const up = await fetch(`${srv.url}/orgs/${tanphong}/indicators/sheet?year=2026`, {
    method: 'POST', headers: { Cookie: head.cookie }, body: fd, redirect: 'manual',
  });
  const html = await up.text();
  assert.equal(up.status, 200, html);
  assert.match(html, /Đã ghi số liệu từ tệp Excel/);
  const t = await h('GET', `/api/v1/orgs/${tanphong}/indicators?year=2026`);
  const got = t.json.rows.find((x) => x.indicator.id === ind['1']);
  assert.equal(got.actual.value, 13);
  assert.equal(got.year_target.value, 15.5);
  assert.equal(got.year_target.note, 'Nghị quyết Đảng ủy xã'); // kept
  // Read back equal.
  const again = await download(head, `/api/v1/orgs/${tanphong}/indicators/sheet?year=2026`);
  assert.equal(again.status, 200);
  writeFileSync(file('ct2.xlsx'), again.body);
  const xml2 = sheetXml(file('ct2.xlsx'));
  assert.match(xml2, new RegExp(`<c r="K${row}"[^>]*><v>13</v></c>`));
  assert.match(xml2, new RegExp(`<c r="H${row}"[^>]*><v>15.5</v></c>`));
  // Clearing a cell clears the figure.
  editXlsx(file('ct2.xlsx'), file('xoa.xlsx'), (x) => x.replace(new RegExp(`<c r="K${row}"[^>]*><v>13</v></c>`), ''));
  r = await apiUpload(head, tanphong, readFileSync(file('xoa.xlsx')));
  assert.equal(r.status, 200, r.text);
  const t2 = await h('GET', `/api/v1/orgs/${tanphong}/indicators?year=2026`);
  assert.equal(t2.json.rows.find((x) => x.indicator.id === ind['1']).actual, null);
});

test('XLSX with bad rows: each reported by row and column, nothing applied; bad files refused', async () => {
  const d = await download(head, `/orgs/${tanphong}/indicators.xlsx?year=2026`);
  writeFileSync(file('ct3.xlsx'), d.body);
  const xml = sheetXml(file('ct3.xlsx'));
  const r1 = rowOf(xml, ind['1']);
  const r4 = rowOf(xml, ind['4']);
  editXlsx(file('ct3.xlsx'), file('loi.xlsx'), (x) => {
    x = setCell(x, `K${r1}`, 'mười');
    x = setCell(x, `J${r4}`, '1300'); // valid, but not applied: another row is wrong
    return setCell(x, `A${r4 + 1}`, '999999');
  });
  const before = values();
  let r = await apiUpload(head, tanphong, readFileSync(file('loi.xlsx')));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.report.errors, 2, JSON.stringify(r.json.report.results));
  assert.equal(r.json.report.applied, false);
  const msgs = r.json.report.results.filter((x) => x.action === 'error').map((x) => x.message);
  assert.ok(msgs.includes(`Dòng ${r1}, cột Thực hiện năm: «mười» không phải là số`), msgs.join('\n'));
  assert.ok(msgs.some((m) => m.startsWith(`Dòng ${r4 + 1}, cột Mã: chỉ tiêu mã 999999`)), msgs.join('\n'));
  assert.equal(values(), before);
  // The page shows the same report.
  const fd = new FormData();
  fd.append('csrf_token', head.csrf);
  fd.append('file', new Blob([readFileSync(file('loi.xlsx'))], { type: XLSX }), 'loi.xlsx');
  const up = await fetch(`${srv.url}/orgs/${tanphong}/indicators/sheet?year=2026`, {
    method: 'POST', headers: { Cookie: head.cookie }, body: fd, redirect: 'manual',
  });
  assert.equal(up.status, 400);
  assert.match(decode(await up.text()), /Dòng \d+, cột Thực hiện năm: «mười» không phải là số/);
  // Another year, another org, not a workbook, an outsider.
  r = await fetch(`${srv.url}/api/v1/orgs/${tanphong}/indicators/sheet?year=2025`, {
    method: 'POST',
    headers: { Cookie: head.cookie, 'X-CSRF-Token': head.csrf, 'Content-Type': XLSX },
    body: readFileSync(file('ct3.xlsx')),
  });
  assert.equal(r.status, 400);
  assert.match((await r.json()).error.message, /năm 2026, không phải năm 2025/);
  r = await apiUpload(admin, tu, readFileSync(file('ct3.xlsx')));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /không phải tổ chức số/);
  r = await apiUpload(head, tanphong, Buffer.from('không phải tệp Excel'));
  assert.equal(r.status, 400);
  r = await apiUpload(outsider, tanphong, readFileSync(file('ct3.xlsx')));
  assert.equal(r.status, 403);
  assert.equal(values(), before);
});
