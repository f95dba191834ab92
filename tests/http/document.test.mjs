// SPDX-License-Identifier: AGPL-3.0-or-later
// The documents register over HTTP: numbers typed every way are stored
// canonically, the kind follows the number, duplicates in a year are 409,
// filters and paging, links in both directions, documents flowing down the
// tree (and not sideways), 404/403/400 answers, and the pages and forms.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, addUser, login, client, cli } from './harness.mjs';

const ENV = { KH_TODAY: '2026-01-15' };
let srv, admin, api, ids = {}, docs = {};

const TREE_CSV = [
  'ma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc',
  'TW,,Ban Chấp hành Trung ương,TW,committee,0,2010-01-01',
  'T,TW,Tỉnh ủy Sơn Nam,TU,committee,1,2015-01-01',
  'BTC,T,Ban Tổ chức Tỉnh ủy,BTCTU,org_board,2,2015-01-01',
  'H1,T,Huyện ủy Đông Hưng,HU,committee,2,2015-01-01',
  'H2,T,Huyện ủy Tây Sơn,HU,committee,2,2015-01-01',
  'VP1,H1,Văn phòng Huyện ủy Đông Hưng,VPHU,office,3,2015-01-01',
  'VP2,H2,Văn phòng Huyện ủy Tây Sơn,VPHU,office,3,2015-01-01',
].join('\n') + '\n';

function sql(db, text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

async function orgId(name) {
  const r = await api('GET', `/api/v1/orgs?q=${encodeURIComponent(name)}`);
  const o = r.json.orgs.find((x) => x.name === name);
  assert.ok(o, `${name} not found`);
  return o.id;
}

async function staffOf(username, name, org) {
  let r = await api('POST', '/api/v1/people', { full_name: name, member_org_id: org });
  assert.equal(r.status, 201, r.text);
  const pid = r.json.id;
  r = await api('POST', '/api/v1/positions', { person_id: pid, org_id: org, role: 'staff', valid_from: '2020-01-01' });
  assert.equal(r.status, 201, r.text);
  addUser(srv.db, username, 'mat-khau-dai-du', { personId: pid });
  return client(srv.url, await login(srv.url, username, 'mat-khau-dai-du'));
}

before(async () => {
  srv = await startServer({ env: ENV });
  addUser(srv.db, 'quantri', 'mat-khau-quan-tri', { admin: true });
  admin = await login(srv.url, 'quantri', 'mat-khau-quan-tri');
  api = client(srv.url, admin);
  const file = path.join(srv.dir, 'tree.csv');
  writeFileSync(file, TREE_CSV);
  const r = cli(['org', 'import', '--db', srv.db, file], { env: ENV });
  assert.equal(r.status, 0, r.stderr);
  for (const [k, name] of [['TW', 'Ban Chấp hành Trung ương'], ['T', 'Tỉnh ủy Sơn Nam'],
    ['BTC', 'Ban Tổ chức Tỉnh ủy'], ['H1', 'Huyện ủy Đông Hưng'], ['H2', 'Huyện ủy Tây Sơn'],
    ['VP1', 'Văn phòng Huyện ủy Đông Hưng'], ['VP2', 'Văn phòng Huyện ủy Tây Sơn']])
    ids[k] = await orgId(name);
});
after(async () => { await srv.stop(); });

test('a number typed "Số 203 - CV/BTCĐUK" is stored as "203-CV/BTCĐUK"', async () => {
  const r = await api('POST', '/api/v1/documents', {
    number: 'Số 203 - CV/BTCĐUK', date: '2018-05-07', issuer_org_id: ids.T,
    title: 'Về việc xây dựng kế hoạch hành động',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.number, '203-CV/BTCĐUK');
  assert.equal(r.json.kind, 'CV');
  assert.equal(r.json.date, '2018-05-07');
  assert.equal(r.json.issuer_org_id, ids.T);
  assert.equal(r.json.title, 'Về việc xây dựng kế hoạch hành động');
  assert.deepEqual(r.json.links, []);
  assert.equal(sql(srv.db, `SELECT number FROM documents WHERE id=${r.json.id}`), '203-CV/BTCĐUK');
  docs.cv = r.json.id;
});

test('every spelling is canonical; state style too; the kind can be given', async () => {
  const cases = [
    ['số 12-NQ/TU', '12-NQ/TU', 'NQ', ids.T, '2016-03-01'],
    ['12 - NQ/TW', '12-NQ/TW', 'NQ', ids.TW, '2017-10-25'],
    ['Số: 12/NQ-HĐND', '12/NQ-HĐND', 'NQ', null, '2021-07-01'],
    ['35-CT/TW', '35-CT/TW', 'CT', ids.TW, '2019-05-30'],
    ['Số 07 – KH/HU', '07-KH/HU', 'KH', ids.H1, '2018-01-15'],
  ];
  for (const [typed, canon, kind, issuer, date] of cases) {
    const r = await api('POST', '/api/v1/documents', { number: typed, issuer_org_id: issuer, date, title: `Văn bản ${canon}` });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.number, canon);
    assert.equal(r.json.kind, kind);
    docs[canon] = r.json.id;
  }
  const r = await api('POST', '/api/v1/documents', { number: '5-HD/BTCTU', kind: 'hd', issuer_org_id: ids.BTC, title: 'Hướng dẫn', date: '2018-02-01' });
  assert.equal(r.status, 201);
  assert.equal(r.json.kind, 'HD');
});

test('duplicates in the same year are 409; another year is fine; bad input 400', async () => {
  let r = await api('POST', '/api/v1/documents', { number: '12-nq/tu', date: '2016-11-01', issuer_org_id: ids.T, title: 'Trùng' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.error.code, 'conflict');
  assert.match(r.json.error.message, /12-NQ\/TU năm 2016/);
  r = await api('POST', '/api/v1/documents', { number: '12-NQ/TU', date: '2021-11-01', issuer_org_id: ids.T, title: 'Khóa sau' });
  assert.equal(r.status, 201, r.text);
  const before = sql(srv.db, 'SELECT count(*) FROM documents');
  for (const [body, field] of [
    [{ number: 'NQ/TU', title: 'Thiếu số' }, 'number'],
    [{ number: '12-NQ/TU ngày 5/1', title: 'Chữ thừa' }, 'number'],
    [{ number: '13-NQ/TU', title: '' }, 'title'],
    [{ number: '13-NQ/TU' }, 'title'],
    [{ number: '13-NQ/TU', title: 'Ngày sai', date: '2020-02-30' }, 'date'],
    [{ number: '13-NQ/TU', title: 'Tổ chức sai', issuer_org_id: 999999 }, 'issuer_org_id'],
    [{ number: '', title: 'Không số, không loại' }, 'kind'],
  ]) {
    r = await api('POST', '/api/v1/documents', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.field, field, r.text);
  }
  assert.equal(sql(srv.db, 'SELECT count(*) FROM documents'), before);
  r = await api('PATCH', `/api/v1/documents/${docs.cv}`, { number: '12-NQ/TU', date: '2016-05-05' });
  assert.equal(r.status, 409);
});

test('filters, words and paging', async () => {
  let r = await api('GET', '/api/v1/documents?kind=NQ');
  assert.equal(r.status, 200);
  assert.ok(r.json.documents.length >= 3);
  assert.ok(r.json.documents.every((d) => d.kind === 'NQ'));
  r = await api('GET', '/api/v1/documents?year=2018');
  assert.deepEqual(r.json.documents.map((d) => d.number).sort(), ['05-HD/BTCTU', '07-KH/HU', '203-CV/BTCĐUK']);
  // Newest first.
  assert.deepEqual(r.json.documents.map((d) => d.number), ['203-CV/BTCĐUK', '05-HD/BTCTU', '07-KH/HU']);
  r = await api('GET', `/api/v1/documents?issuer_org_id=${ids.TW}`);
  assert.equal(r.json.total, 2);
  r = await api('GET', '/api/v1/documents?q=xay+dung+ke+hoach');
  assert.deepEqual(r.json.documents.map((d) => d.id), [docs.cv]);
  r = await api('GET', '/api/v1/documents?q=btcduk');
  assert.deepEqual(r.json.documents.map((d) => d.id), [docs.cv]);
  r = await api('GET', '/api/v1/documents?limit=2&offset=1');
  assert.equal(r.json.documents.length, 2);
  assert.ok(r.json.total >= 7);
  r = await api('GET', '/api/v1/documents?limit=0');
  assert.equal(r.status, 400);
  r = await api('GET', '/api/v1/documents?kind=N1');
  assert.equal(r.status, 400);
});

test('links both ways', async () => {
  const tu = docs['12-NQ/TU'], tw = docs['12-NQ/TW'], hu = docs['07-KH/HU'];
  let r = await api('POST', `/api/v1/documents/${tu}/links`, { to_id: tw, kind: 'implements' });
  assert.equal(r.status, 201, r.text);
  assert.deepEqual(r.json.links, [{ kind: 'implements', direction: 'out', document_id: tw, number: '12-NQ/TW', title: 'Văn bản 12-NQ/TW' }]);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: tu, kind: 'implements' });
  assert.equal(r.status, 201, r.text);
  // By number, typed loosely.
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_number: 'Số 35 - CT/TW', kind: 'based_on' });
  assert.equal(r.status, 201, r.text);
  assert.ok(r.json.links.some((l) => l.document_id === docs['35-CT/TW'] && l.kind === 'based_on'));
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: tw, kind: 'based_on' });
  assert.equal(r.status, 201);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: tw, kind: 'based_on' });
  assert.equal(r.status, 409);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: hu, kind: 'based_on' });
  assert.equal(r.status, 400);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: tw, kind: 'cites' });
  assert.equal(r.status, 400);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_id: 999999, kind: 'based_on' });
  assert.equal(r.status, 400);
  r = await api('POST', `/api/v1/documents/${hu}/links`, { to_number: '999-NQ/TW', kind: 'based_on' });
  assert.equal(r.status, 400);
  r = await api('GET', `/api/v1/documents/${tu}`);
  assert.deepEqual(r.json.links.map((l) => [l.direction, l.kind, l.document_id]), [['out', 'implements', tw], ['in', 'implements', hu]]);
  r = await api('GET', `/api/v1/documents/${tw}`);
  assert.deepEqual(r.json.links.map((l) => l.direction), ['in', 'in']);
  const page = await api('GET', `/documents/${tu}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Triển khai thực hiện/);
  assert.match(page.text, /Được triển khai bởi/);
  assert.match(page.text, new RegExp(`href="/documents/${hu}"`));
});

test('documents flow down, not sideways; 404 and 403', async () => {
  const east = await staffOf('vp.donghung', 'Trịnh Văn Đông', ids.VP1);
  const west = await staffOf('vp.tayson', 'Trịnh Văn Tây', ids.VP2);
  const hu = docs['07-KH/HU'];
  // The other district's office sees the province's and the centre's
  // documents, not this district's plan.
  let r = await west('GET', `/api/v1/documents/${hu}`);
  assert.equal(r.status, 403);
  r = await west('GET', `/api/v1/documents/${docs['12-NQ/TU']}`);
  assert.equal(r.status, 200);
  // The link to the district's plan is not shown to the other district.
  assert.deepEqual(r.json.links.map((l) => l.direction), ['out']);
  r = await west('GET', `/api/v1/documents/${docs['12/NQ-HĐND']}`);
  assert.equal(r.status, 200);
  r = await west('GET', '/api/v1/documents?limit=200');
  assert.ok(!r.json.documents.some((d) => d.id === hu));
  assert.ok(r.json.documents.some((d) => d.id === docs['35-CT/TW']));
  r = await east('GET', `/api/v1/documents/${hu}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.can_edit, true);
  // The office of a district registers its own documents, not another's.
  r = await west('POST', '/api/v1/documents', { number: '9-KH/HU', issuer_org_id: ids.H1, title: 'Không được', date: '2024-01-01' });
  assert.equal(r.status, 403);
  r = await west('PATCH', `/api/v1/documents/${hu}`, { title: 'Sửa trái phép' });
  assert.equal(r.status, 403);
  r = await west('POST', '/api/v1/documents', { number: '9-KH/HU', issuer_org_id: ids.H2, title: 'Kế hoạch Tây Sơn', date: '2024-01-01' });
  assert.equal(r.status, 201, r.text);
  // ... and may register a received upper document.
  r = await west('POST', '/api/v1/documents', { number: '57-NQ/TW', issuer_org_id: ids.TW, title: 'Nghị quyết về khoa học, công nghệ', date: '2024-12-22' });
  assert.equal(r.status, 201, r.text);
  r = await api('GET', '/api/v1/documents/999999');
  assert.equal(r.status, 404);
  r = await api('PATCH', '/api/v1/documents/999999', { title: 'X' });
  assert.equal(r.status, 404);
  const page = await west('GET', `/documents/${hu}`);
  assert.equal(page.status, 403);
});

test('pages: the register, the create form, the edit and link forms', async () => {
  let r = await api('GET', '/documents?kind=NQ');
  assert.equal(r.status, 200);
  assert.match(r.text, /12-NQ\/TU/);
  assert.doesNotMatch(r.text, /203-CV\/BTCĐUK<\/a>/);
  const post = (p, fields) => fetch(srv.url + p, {
    method: 'POST', redirect: 'manual',
    headers: { Cookie: admin.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf_token: admin.csrf, ...fields }).toString(),
  });
  let w = await post('/documents', { number: 'Số 01-KH/TU', kind: '', date: '2026-01-10', issuer_org_id: String(ids.T), title: 'Kế hoạch thực hiện năm 2026' });
  assert.equal(w.status, 303);
  const id = Number(/\/documents\/(\d+)/.exec(w.headers.get('location'))[1]);
  assert.equal(sql(srv.db, `SELECT number||' '||kind FROM documents WHERE id=${id}`), '01-KH/TU KH');
  w = await post('/documents', { number: 'Số 01-KH/TU', date: '2026-03-10', title: 'Trùng số' });
  assert.equal(w.status, 409);
  assert.match(await w.text(), /đã có trong sổ/);
  w = await post('/documents', { number: 'không phải số', title: 'Sai' });
  assert.equal(w.status, 400);
  assert.match(await w.text(), /12-NQ\/TU/);
  w = await post(`/documents/${id}/links`, { kind: 'implements', to: '12 - NQ/TU' });
  assert.equal(w.status, 303);
  w = await post(`/documents/${id}/links`, { kind: 'implements', to: '404-NQ/TU' });
  assert.equal(w.status, 400);
  w = await post(`/documents/${id}`, { number: '01-KH/TU', kind: 'KH', date: '2026-01-12', issuer_org_id: String(ids.T), title: 'Kế hoạch thực hiện năm 2026 (sửa)' });
  assert.equal(w.status, 303);
  r = await api('GET', `/documents/${id}`);
  assert.match(r.text, /Kế hoạch thực hiện năm 2026 \(sửa\)/);
  assert.match(r.text, /12\/01\/2026/);
  assert.match(r.text, /Triển khai thực hiện/);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_log WHERE entity='document' AND entity_id=${id}`), '3');
});
