// SPDX-License-Identifier: AGPL-3.0-or-later
// People and positions over HTTP: create, read, update through the API and
// the pages; validation (birth year, gender, name) leaves the database
// unchanged; unknown ids are 404 and people outside the actor's scope 403;
// Vietnamese name order and paging; positions added, listed as of a date
// and ended; the CSV import through the API, the page and the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, addUser, login, client, cli } from './harness.mjs';

const ENV = { KH_TODAY: '2026-01-15' };
let srv, admin, api, ids = {};

const TREE_CSV = [
  'ma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc',
  'T,,Tỉnh ủy Sơn Nam,TU,committee,1,2015-01-01',
  'VP,T,Văn phòng Tỉnh ủy,VPTU,office,2,2015-01-01',
  'H,T,Huyện ủy Đông Hưng,HU,committee,2,2015-01-01',
  'X,H,Đảng ủy xã Đông Hà,ĐU,committee,3,2015-01-01',
  'C1,X,Chi bộ thôn Một,,cell,4,2015-01-01',
  'C2,X,Chi bộ thôn Hai,,cell,4,2015-01-01',
].join('\n') + '\n';

function sql(db, text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const countPeople = () => Number(sql(srv.db, 'SELECT count(*) FROM people'));

async function orgId(name) {
  const r = await api('GET', `/api/v1/orgs?q=${encodeURIComponent(name)}`);
  assert.equal(r.status, 200, r.text);
  const o = r.json.orgs.find((x) => x.name === name);
  assert.ok(o, `${name} not found`);
  return o.id;
}

async function createPerson(body, c = api) {
  const r = await c('POST', '/api/v1/people', body);
  assert.equal(r.status, 201, r.text);
  return r.json;
}

// A user linked to a new person holding a position in org.
async function userWithPosition(username, name, org, role) {
  const p = await createPerson({ full_name: name, member_org_id: org });
  const r = await api('POST', '/api/v1/positions', {
    person_id: p.id, org_id: org, role, valid_from: '2020-01-01',
  });
  assert.equal(r.status, 201, r.text);
  addUser(srv.db, username, 'mat-khau-dai-du', { personId: p.id });
  return { person: p, session: await login(srv.url, username, 'mat-khau-dai-du') };
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
  for (const [k, name] of [['T', 'Tỉnh ủy Sơn Nam'], ['VP', 'Văn phòng Tỉnh ủy'],
    ['H', 'Huyện ủy Đông Hưng'], ['X', 'Đảng ủy xã Đông Hà'], ['C1', 'Chi bộ thôn Một'],
    ['C2', 'Chi bộ thôn Hai']])
    ids[k] = await orgId(name);
});
after(async () => { await srv.stop(); });

test('create a person through the API, read it back', async () => {
  const p = await createPerson({
    full_name: '  Nguyễn Văn An ', birth_year: 1975, gender: 'nữ', member_org_id: ids.C1,
    residence_org_id: ids.C2, external_id: 'DV-0001',
  });
  assert.equal(p.full_name, 'Nguyễn Văn An');
  assert.equal(p.birth_year, 1975);
  assert.equal(p.gender, 'nu');
  assert.equal(p.member_org_id, ids.C1);
  assert.equal(p.member_org_name, 'Chi bộ thôn Một');
  assert.equal(p.residence_org_id, ids.C2);
  assert.equal(p.managing_org_id, null);
  assert.equal(p.retired, false);
  assert.equal(p.external_id, 'DV-0001');
  assert.deepEqual(p.positions, []);
  const r = await api('GET', `/api/v1/people/${p.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.full_name, 'Nguyễn Văn An');
  // Audited.
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_log WHERE action='person.create' AND entity_id=${p.id}`), '1');
  ids.an = p.id;
});

test('invalid input is 400 and changes nothing', async () => {
  const before = countPeople();
  for (const [body, field] of [
    [{ full_name: 'Trần Văn Già', birth_year: 1800, member_org_id: ids.C1 }, 'birth_year'],
    [{ full_name: 'Trần Văn Trẻ', birth_year: 2999, member_org_id: ids.C1 }, 'birth_year'],
    [{ full_name: 'Trần Văn Chữ', birth_year: 'năm 1980', member_org_id: ids.C1 }, 'birth_year'],
    [{ full_name: '', member_org_id: ids.C1 }, 'full_name'],
    [{ full_name: 'Tên\nhai dòng', member_org_id: ids.C1 }, 'full_name'],
    [{ full_name: 'X'.repeat(121), member_org_id: ids.C1 }, 'full_name'],
    [{ full_name: 'Trần Văn Giới', gender: 'khác', member_org_id: ids.C1 }, 'gender'],
    [{ full_name: 'Trần Văn Tổ', member_org_id: 999999 }, 'member_org_id'],
    [{ member_org_id: ids.C1 }, 'full_name'],
  ]) {
    const r = await api('POST', '/api/v1/people', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.error.field, field, r.text);
    assert.ok(r.json.error.message.length > 0);
  }
  // Birth year in the past and up to this year (2026 by KH_TODAY) are fine.
  const r = await api('PATCH', `/api/v1/people/${ids.an}`, { birth_year: 2027 });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /Năm sinh phải từ 1900 đến 2026/);
  assert.equal(countPeople(), before);
  assert.equal(sql(srv.db, `SELECT birth_year FROM people WHERE id=${ids.an}`), '1975');
});

test('a taken member id is a 409 with a clear message', async () => {
  const r = await api('POST', '/api/v1/people', { full_name: 'Lê Văn Trùng', external_id: 'DV-0001', member_org_id: ids.C1 });
  assert.equal(r.status, 409);
  assert.equal(r.json.error.code, 'conflict');
  assert.match(r.json.error.message, /DV-0001.*Nguyễn Văn An/);
});

test('unknown ids are 404', async () => {
  for (const [m, p, b] of [['GET', '/api/v1/people/999999'], ['PATCH', '/api/v1/people/999999', { full_name: 'A B' }],
    ['GET', '/api/v1/positions/999999'], ['PATCH', '/api/v1/positions/999999', {}]]) {
    const r = await api(m, p, b);
    assert.equal(r.status, 404, `${m} ${p}: ${r.text}`);
    assert.equal(r.json.error.code, 'not_found');
  }
  const page = await api('GET', '/people/999999');
  assert.equal(page.status, 404);
  assert.match(page.text, /Không tìm thấy/);
});

test('update with PATCH: only the fields sent; null clears', async () => {
  let r = await api('PATCH', `/api/v1/people/${ids.an}`, { gender: 'nam', retired: true, residence_org_id: null });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.gender, 'nam');
  assert.equal(r.json.retired, true);
  assert.equal(r.json.residence_org_id, null);
  assert.equal(r.json.birth_year, 1975);
  assert.equal(r.json.full_name, 'Nguyễn Văn An');
  r = await api('PATCH', `/api/v1/people/${ids.an}`, { retired: false });
  assert.equal(r.json.retired, false);
});

test('lists are in Vietnamese order by given name, with paging', async () => {
  for (const n of ['Phạm Minh Đức', 'Hoàng Văn Dũng', 'Trần Thị Bình', 'Lê Văn Ánh', 'Nguyễn Thị An'])
    await createPerson({ full_name: n, member_org_id: ids.C1 });
  let r = await api('GET', `/api/v1/people?org_id=${ids.C1}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.json.people.map((p) => p.full_name), [
    'Nguyễn Thị An', 'Nguyễn Văn An', 'Lê Văn Ánh', 'Trần Thị Bình', 'Hoàng Văn Dũng', 'Phạm Minh Đức',
  ]);
  assert.equal(r.json.total, 6);
  r = await api('GET', `/api/v1/people?org_id=${ids.C1}&limit=2&offset=2`);
  assert.deepEqual(r.json.people.map((p) => p.full_name), ['Lê Văn Ánh', 'Trần Thị Bình']);
  assert.equal(r.json.total, 6);
  assert.equal(r.json.limit, 2);
  assert.equal(r.json.offset, 2);
  r = await api('GET', `/api/v1/people?org_id=${ids.C1}&limit=201`);
  assert.equal(r.status, 400);
  r = await api('GET', `/api/v1/people?org_id=${ids.C1}&q=nguyen`);
  assert.deepEqual(r.json.people.map((p) => p.full_name), ['Nguyễn Thị An', 'Nguyễn Văn An']);
  // The subtree of the commune holds the cell's members.
  r = await api('GET', `/api/v1/people?org_id=${ids.X}&subtree=1`);
  assert.equal(r.json.total, 6);
  r = await api('GET', `/api/v1/people?org_id=${ids.X}`);
  assert.equal(r.json.total, 0);
  // The page shows the same.
  const page = await api('GET', `/people?org_id=${ids.C1}&limit=2`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Nguyễn Thị An/);
  assert.match(page.text, /Trang sau/);
  assert.doesNotMatch(page.text, /Lê Văn Ánh/);
});

test('positions: add, list as of a date, end; overlaps refused', async () => {
  let r = await api('POST', '/api/v1/positions', {
    person_id: ids.an, org_id: ids.H, role: 'head', title: 'Bí thư Huyện ủy', valid_from: '2020-08-01',
  });
  assert.equal(r.status, 201, r.text);
  const pos = r.json;
  assert.equal(pos.role, 'head');
  assert.equal(pos.valid_to, null);
  assert.equal(pos.org_name, 'Huyện ủy Đông Hưng');
  // The same role in the same org at an overlapping time.
  r = await api('POST', '/api/v1/positions', {
    person_id: ids.an, org_id: ids.H, role: 'head', valid_from: '2024-01-01',
  });
  assert.equal(r.status, 409, r.text);
  // Bad inputs.
  for (const body of [
    { person_id: ids.an, org_id: ids.H, role: 'boss', valid_from: '2020-01-01' },
    { person_id: ids.an, org_id: ids.H, role: 'deputy' },
    { person_id: ids.an, org_id: ids.H, role: 'deputy', valid_from: '2020-01-01', valid_to: '2019-01-01' },
    { person_id: ids.an, org_id: ids.H, role: 'deputy', valid_from: '2010-01-01' },
    { person_id: 999999, org_id: ids.H, role: 'deputy', valid_from: '2020-01-01' },
  ]) {
    r = await api('POST', '/api/v1/positions', body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
  }
  r = await api('GET', `/api/v1/positions?org_id=${ids.H}`);
  assert.deepEqual(r.json.positions.map((p) => p.id), [pos.id]);
  r = await api('GET', `/api/v1/positions?org_id=${ids.H}&date=2019-01-01`);
  assert.equal(r.json.positions.length, 0);
  // The person's subtitle names the main position.
  r = await api('GET', `/api/v1/people/${ids.an}`);
  assert.equal(r.json.subtitle, 'Bí thư Huyện ủy · Huyện ủy Đông Hưng');
  // End it.
  r = await api('PATCH', `/api/v1/positions/${pos.id}`, { valid_to: '2025-07-01' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.valid_to, '2025-07-01');
  r = await api('PATCH', `/api/v1/positions/${pos.id}`, { valid_to: '2019-01-01' });
  assert.equal(r.status, 400);
  r = await api('GET', `/api/v1/positions?org_id=${ids.H}`);
  assert.equal(r.json.positions.length, 0);
  r = await api('GET', `/api/v1/positions?org_id=${ids.H}&all=1`);
  assert.equal(r.json.positions.length, 1);
  r = await api('GET', `/api/v1/positions?person_id=${ids.an}&all=1`);
  assert.equal(r.json.positions.length, 1);
  r = await api('GET', `/api/v1/positions?person_id=${ids.an}&org_id=${ids.H}`);
  assert.equal(r.status, 400);
  assert.equal(sql(srv.db, `SELECT count(*) FROM audit_log WHERE entity='position'`), '2');
});

test('scope: a cell secretary reads the own cell only; the office manages the province', async () => {
  const sec = await userWithPosition('bithu.c1', 'Đỗ Văn Thư', ids.C1, 'head');
  const office = await userWithPosition('vanphong', 'Mai Thị Phòng', ids.VP, 'staff');
  const other = await createPerson({ full_name: 'Vũ Văn Ngoài', member_org_id: ids.C2 });
  const c = client(srv.url, sec.session);
  let r = await c('GET', `/api/v1/people/${ids.an}`);
  assert.equal(r.status, 200);
  r = await c('GET', `/api/v1/people/${other.id}`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await c('PATCH', `/api/v1/people/${other.id}`, { full_name: 'Đổi Tên' });
  assert.equal(r.status, 403);
  // A cell secretary does not manage people: only committees' heads and offices do.
  r = await c('PATCH', `/api/v1/people/${ids.an}`, { birth_year: 1976 });
  assert.equal(r.status, 403);
  r = await c('POST', '/api/v1/people', { full_name: 'Người Mới', member_org_id: ids.C1 });
  assert.equal(r.status, 403);
  r = await c('GET', `/api/v1/people?org_id=${ids.C2}`);
  assert.equal(r.status, 403);
  r = await c('GET', '/api/v1/people');
  assert.equal(r.status, 200);
  assert.ok(r.json.people.every((p) => p.member_org_id === ids.C1), r.text);
  assert.ok(!r.json.people.some((p) => p.id === other.id));
  const page = await c('GET', `/people/${other.id}`);
  assert.equal(page.status, 403);
  assert.match(page.text, /Không có quyền/);
  assert.equal(sql(srv.db, `SELECT full_name FROM people WHERE id=${other.id}`), 'Vũ Văn Ngoài');

  const o = client(srv.url, office.session);
  r = await o('PATCH', `/api/v1/people/${other.id}`, { full_name: 'Vũ Văn Trong' });
  assert.equal(r.status, 200, r.text);
  r = await o('POST', '/api/v1/positions', { person_id: other.id, org_id: ids.C2, role: 'deputy', title: 'Phó Bí thư Chi bộ', valid_from: '2024-01-01' });
  assert.equal(r.status, 201, r.text);
  // The secretary of C1 cannot end a position in C2.
  r = await c('PATCH', `/api/v1/positions/${r.json.id}`, {});
  assert.equal(r.status, 403);
});

test('pages: the person page, the edit form with CSRF, form errors', async () => {
  let r = await api('GET', `/people/${ids.an}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Nguyễn Văn An<\/h1>/);
  assert.match(r.text, /Bí thư Huyện ủy/);
  assert.match(r.text, new RegExp(`href="/orgs/${ids.H}"`));
  assert.match(r.text, /01\/08\/2020/);
  assert.match(r.text, /Sửa thông tin/);
  assert.match(r.text, /Thêm chức vụ/);
  const form = (fields) => new URLSearchParams({ csrf_token: admin.csrf, ...fields }).toString();
  const post = (p, fields, withCsrf = true) => fetch(srv.url + p, {
    method: 'POST', redirect: 'manual',
    headers: { Cookie: admin.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: withCsrf ? form(fields) : new URLSearchParams(fields).toString(),
  });
  const fields = { full_name: 'Nguyễn Văn An', birth_year: '1975', gender: 'nam', member_org_id: String(ids.C1), residence_org_id: '', managing_org_id: String(ids.X), external_id: 'DV-0001' };
  let w = await post(`/people/${ids.an}`, fields, false);
  assert.equal(w.status, 403);
  w = await post(`/people/${ids.an}`, fields);
  assert.equal(w.status, 303);
  assert.equal(w.headers.get('location'), `/people/${ids.an}?notice=updated`);
  assert.equal(sql(srv.db, `SELECT managing_org_id FROM people WHERE id=${ids.an}`), String(ids.X));
  w = await post(`/people/${ids.an}`, { ...fields, birth_year: '1850' });
  assert.equal(w.status, 400);
  assert.match(await w.text(), /Năm sinh phải từ 1900/);
  w = await post('/people', { full_name: 'Đinh Văn Mới', birth_year: '1990', gender: 'nam', member_org_id: String(ids.C2) });
  assert.equal(w.status, 303);
  assert.match(w.headers.get('location'), /^\/people\/\d+\?notice=created$/);
  w = await post(`/people/${ids.an}/positions`, { org_id: String(ids.X), role: 'committee', title: 'Đảng ủy viên', valid_from: '2020-09-01' });
  assert.equal(w.status, 303);
  r = await api('GET', '/people?q=dinh+van');
  assert.match(r.text, /Đinh Văn Mới/);
});

test('CSV import: per-row errors apply nothing; dry run; re-import updates', async () => {
  const bad = [
    'ma_dang_vien,ho_ten,nam_sinh,gioi_tinh,ma_noi_sinh_hoat,ma_noi_cu_tru,da_nghi_huu',
    'DV-1001,Phan Văn Một,1970,nam,C1,,không',
    'DV-1002,,1970,nam,C1,,',
    'DV-1003,Phan Thị Ba,1800,nữ,C1,,',
    'DV-1004,Phan Văn Bốn,1980,khác,C9,,có',
    'DV-1001,Phan Văn Trùng,1980,nam,C1,,',
  ].join('\n');
  const before = countPeople();
  const raw = (body, q = '') => fetch(`${srv.url}/api/v1/people/import${q}`, {
    method: 'POST', body,
    headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'text/csv' },
  });
  let r = await raw(bad);
  assert.equal(r.status, 400);
  let j = await r.json();
  assert.equal(j.error.code, 'invalid');
  assert.equal(j.report.applied, false);
  assert.equal(j.report.errors, 4);
  const msg = Object.fromEntries(j.report.results.map((x) => [x.line, x]));
  assert.equal(msg[2].action, 'skip');
  assert.match(msg[3].message, /Họ và tên/);
  assert.match(msg[4].message, /năm sinh/);
  assert.match(msg[5].message, /giới tính|C9/);
  assert.match(msg[6].message, /trùng với dòng 2/);
  assert.equal(countPeople(), before);

  const good = [
    'ma_dang_vien;ho_ten;nam_sinh;gioi_tinh;ma_noi_sinh_hoat;ma_noi_cu_tru;da_nghi_huu',
    'DV-2001;Phan Văn Một;1970;Nam;C1;C2;không',
    `DV-2002;Phan Thị Hai;1985;Nữ;${ids.C2};;x`,
  ].join('\r\n');
  r = await raw(good, '?dry_run=1');
  assert.equal(r.status, 200);
  j = await r.json();
  assert.equal(j.applied, false);
  assert.equal(j.created, 2);
  assert.equal(countPeople(), before);
  r = await raw(good);
  j = await r.json();
  assert.equal(r.status, 200, JSON.stringify(j));
  assert.equal(j.applied, true);
  assert.equal(j.created, 2);
  assert.equal(countPeople(), before + 2);
  assert.equal(sql(srv.db, "SELECT gender||','||retired||','||birth_year FROM people WHERE external_id='DV-2002'"), 'nu,1,1985');
  // Re-import: one changed, one the same.
  r = await raw(good.replace('Phan Thị Hai;1985', 'Phan Thị Hai;1986'));
  j = await r.json();
  assert.equal(j.updated, 1);
  assert.equal(j.unchanged, 1);
  assert.equal(countPeople(), before + 2);

  // The CLI, dry run and real.
  const file = path.join(srv.dir, 'people.csv');
  writeFileSync(file, '\ufeffma_dang_vien,ho_ten,nam_sinh\nDV-3001,Cao Văn Ba,1991\n');
  let c = cli(['person', 'import', '--db', srv.db, '--dry-run', file], { env: ENV });
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /Kiểm tra xong/);
  c = cli(['person', 'import', '--db', srv.db, file], { env: ENV });
  assert.equal(c.status, 0, c.stderr);
  assert.match(c.stdout, /Đã nhập: 1 dòng — 1 tạo mới/);
  writeFileSync(file, 'ma_dang_vien,ho_ten,nam_sinh\nDV-3002,Cao Văn Sai,abc\n');
  c = cli(['person', 'import', '--db', srv.db, file], { env: ENV });
  assert.equal(c.status, 1);
  assert.match(c.stdout, /Dòng 2\tDV-3002\terror/);
  c = cli(['person', 'import', '--db', srv.db], { env: ENV });
  assert.equal(c.status, 2);
});

test('CSV import through the page (multipart upload, dry run)', async () => {
  let r = await api('GET', '/people/import');
  assert.equal(r.status, 200);
  assert.match(r.text, /ma_dang_vien,ho_ten,nam_sinh/);
  const fd = new FormData();
  fd.append('csrf_token', admin.csrf);
  fd.append('dry_run', '1');
  fd.append('file', new Blob(['ma_dang_vien,ho_ten\nDV-4001,Hồ Văn Tư\n'], { type: 'text/csv' }), 'ds.csv');
  r = await fetch(`${srv.url}/people/import`, { method: 'POST', body: fd, headers: { Cookie: admin.cookie } });
  const html = await r.text();
  assert.equal(r.status, 200, html);
  assert.match(html, /Tệp hợp lệ/);
  assert.match(html, /Hồ Văn Tư/);
  assert.equal(sql(srv.db, "SELECT count(*) FROM people WHERE external_id='DV-4001'"), '0');
});
