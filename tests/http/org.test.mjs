// SPDX-License-Identifier: AGPL-3.0-or-later
// The org tree over HTTP: the tree as of 2020 and 2026 around a 2025-style
// reorganization, renames through the API and through the page form (with
// and without a valid CSRF token), 404/403/400 answers, and the CSV import
// (per-row errors, nothing applied; dry run; page upload), plus the CLI.
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
  'X1,H,Đảng ủy xã Đông Hà,ĐU,committee,3,2015-01-01',
  'X2,H,Đảng ủy xã Đông La,ĐU,committee,3,2015-01-01',
  'C1,X1,Chi bộ thôn Một,,cell,4,2015-01-01',
  'C2,X1,Chi bộ thôn Hai,,cell,4,2015-01-01',
].join('\r\n') + '\r\n';

function sql(db, text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

async function byName(c, parentId, name, date) {
  const q = date ? `&date=${date}` : '';
  const r = await c('GET', `/api/v1/orgs?parent_id=${parentId}${q}`);
  assert.equal(r.status, 200, r.text);
  const o = r.json.orgs.find((x) => x.name === name);
  assert.ok(o, `${name} not found among ${r.json.orgs.map((x) => x.name)}`);
  return o;
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
  assert.match(r.stdout, /7 tạo mới/);

  const roots = await api('GET', '/api/v1/orgs?date=2020-01-01');
  ids.T = roots.json.orgs.find((o) => o.name === 'Tỉnh ủy Sơn Nam').id;
  ids.H = (await byName(api, ids.T, 'Huyện ủy Đông Hưng')).id;
  ids.VP = (await byName(api, ids.T, 'Văn phòng Tỉnh ủy')).id;
  ids.X1 = (await byName(api, ids.H, 'Đảng ủy xã Đông Hà')).id;
  ids.X2 = (await byName(api, ids.H, 'Đảng ủy xã Đông La')).id;
  ids.C1 = (await byName(api, ids.X1, 'Chi bộ thôn Một')).id;
  ids.C2 = (await byName(api, ids.X1, 'Chi bộ thôn Hai')).id;

  // The 2025 reorganization: a new commune under the province absorbs the
  // two communes; the district is dissolved.
  let w = await api('POST', '/api/v1/orgs', {
    parent_id: ids.T, name: 'Đảng ủy xã Đông Hưng', short_name: 'ĐU', kind: 'committee', level: 3,
    date: '2025-07-01', note: 'Sắp xếp đơn vị hành chính',
  });
  assert.equal(w.status, 201, w.text);
  ids.N = w.json.id;
  w = await api('POST', `/api/v1/orgs/${ids.N}/merge`, { source_ids: [ids.X1, ids.X2], date: '2025-07-01' });
  assert.equal(w.status, 200, w.text);
  w = await api('POST', `/api/v1/orgs/${ids.H}/dissolve`, { date: '2025-07-01' });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.json.valid_to, '2025-07-01');
  assert.equal(w.json.exists, false);

  // A cell secretary (head of C1) with an account.
  sql(srv.db, `INSERT INTO people(id, full_name, created_at, updated_at) VALUES (501, 'Nguyễn Văn Bí', 0, 0);
    INSERT INTO positions(person_id, org_id, role, title, valid_from) VALUES (501, ${ids.C1}, 'head', 'Bí thư Chi bộ', 16436);`);
  addUser(srv.db, 'bithu', 'mat-khau-bi-thu', { personId: 501 });
});
after(async () => { await srv.stop(); });

test('the tree as of 2020 and as of 2026', async () => {
  let r = await api('GET', `/api/v1/orgs/${ids.T}/children?date=2020-01-01`);
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.orgs.map((o) => o.name), ['Huyện ủy Đông Hưng', 'Văn phòng Tỉnh ủy']);
  r = await api('GET', `/api/v1/orgs/${ids.T}/children?date=2026-01-01`);
  assert.deepEqual(r.json.orgs.map((o) => o.name), ['Đảng ủy xã Đông Hưng', 'Văn phòng Tỉnh ủy']);
  const n = r.json.orgs[0];
  assert.equal(n.parent_id, ids.T);
  assert.equal(n.kind, 'committee');
  assert.equal(n.valid_from, '2025-07-01');
  assert.equal(n.valid_to, null);
  assert.equal(n.child_count, 2); // the cells moved up with the merge

  r = await api('GET', `/api/v1/orgs/${ids.X1}?date=2026-01-01`);
  assert.equal(r.status, 200);
  assert.equal(r.json.valid_to, '2025-07-01');
  assert.equal(r.json.exists, false);

  r = await api('GET', '/api/v1/orgs');
  assert.deepEqual(r.json.orgs.map((o) => o.name), ['Tỉnh ủy Sơn Nam']);
  assert.equal(r.json.orgs[0].parent_id, null);

  // The page: each link keeps the date; the old district shows in 2020 only.
  let p = await api('GET', '/orgs?date=2020-01-01');
  assert.equal(p.status, 200);
  assert.match(p.text, /Xem cơ cấu tại ngày/);
  assert.match(p.text, new RegExp(`href="/orgs/${ids.H}\\?date=2020-01-01"`));
  p = await api('GET', '/orgs');
  assert.doesNotMatch(p.text, /Huyện ủy Đông Hưng/);
  assert.match(p.text, /Đảng ủy xã Đông Hưng/);
  p = await api('GET', `/orgs/${ids.H}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /ngừng hoạt động từ ngày 01\/07\/2025/);
  p = await api('GET', `/orgs/${ids.N}`);
  assert.match(p.text, /Hợp nhất, sáp nhập/);
  assert.match(p.text, /Chi bộ thôn Hai/);

  // Diacritic-insensitive name filter.
  p = await api('GET', '/orgs?q=dong+ha&date=2020-01-01');
  assert.match(p.text, /Đảng ủy xã Đông Hà/);
  assert.doesNotMatch(p.text, /Đảng ủy xã Đông La/);
  r = await api('GET', '/api/v1/orgs?q=chi%20bo%20thon');
  assert.equal(r.json.orgs.length, 2);

  const h = await api('GET', `/api/v1/orgs/${ids.X1}/history`);
  assert.equal(h.status, 200);
  // Its own creation, its cells' creation (it is their parent), the merge.
  assert.deepEqual(h.json.events.map((e) => e.kind), ['create', 'create', 'create', 'merge']);
  assert.equal(h.json.events[3].other_org_id, ids.N);
  assert.equal(h.json.versions.length, 1);
  assert.equal(h.json.versions[0].valid_to, '2025-07-01');
});

test('rename through the API', async () => {
  const r = await api('PATCH', `/api/v1/orgs/${ids.C1}`, { name: 'Chi bộ thôn 1', date: '2026-01-01', note: 'Đổi tên thôn' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.name, 'Chi bộ thôn 1');
  let g = await api('GET', `/api/v1/orgs/${ids.C1}?date=2025-12-31`);
  assert.equal(g.json.name, 'Chi bộ thôn Một');
  // Same name again, a date before the version: 400.
  g = await api('PATCH', `/api/v1/orgs/${ids.C1}`, { name: 'Chi bộ thôn 1', date: '2026-01-02' });
  assert.equal(g.status, 400);
  g = await api('PATCH', `/api/v1/orgs/${ids.C1}`, { name: 'Chi bộ X', date: '2025-12-01' });
  assert.equal(g.status, 400);
  assert.equal(g.json.error.code, 'invalid');
  // A move into its own subtree is refused.
  g = await api('PATCH', `/api/v1/orgs/${ids.N}`, { parent_id: ids.C2, date: '2026-01-01' });
  assert.equal(g.status, 400);
});

test('rename through the page with CSRF; a forged token changes nothing', async () => {
  const form = (o) => new URLSearchParams(o).toString();
  const headers = { Cookie: admin.cookie, 'Content-Type': 'application/x-www-form-urlencoded' };
  let r = await fetch(`${srv.url}/orgs/${ids.C2}/rename`, {
    method: 'POST', headers, redirect: 'manual',
    body: form({ csrf_token: 'forged', name: 'Chi bộ giả mạo', date: '2026-01-01' }),
  });
  assert.equal(r.status, 403);
  let g = await api('GET', `/api/v1/orgs/${ids.C2}`);
  assert.equal(g.json.name, 'Chi bộ thôn Hai');

  r = await fetch(`${srv.url}/orgs/${ids.C2}/rename`, {
    method: 'POST', headers, redirect: 'manual',
    body: form({ csrf_token: admin.csrf, name: 'Chi bộ thôn 2', short_name: 'CB2', date: '2026-01-01', note: 'QĐ 12' }),
  });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/orgs/${ids.C2}?notice=renamed`);
  g = await api('GET', `/api/v1/orgs/${ids.C2}`);
  assert.equal(g.json.name, 'Chi bộ thôn 2');
  assert.equal(g.json.short_name, 'CB2');
  const p = await api('GET', `/orgs/${ids.C2}?notice=renamed`);
  assert.match(p.text, /Đã đổi tên tổ chức/);
  assert.match(p.text, /QĐ 12/);

  // A validation error re-renders the page with the message and 400.
  r = await fetch(`${srv.url}/orgs/${ids.C2}/rename`, {
    method: 'POST', headers, redirect: 'manual',
    body: form({ csrf_token: admin.csrf, name: '', date: '2026-01-02' }),
  });
  assert.equal(r.status, 400);
  assert.match(await r.text(), /Tên tổ chức không được để trống/);
});

test('unknown id is a JSON 404; invalid date is 400', async () => {
  let r = await api('GET', '/api/v1/orgs/999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  r = await api('GET', '/api/v1/orgs?date=2020-13-45');
  assert.equal(r.status, 400);
  r = await api('GET', `/orgs/${ids.T}?date=hom-qua`);
  assert.equal(r.status, 400);
  r = await api('PATCH', `/api/v1/orgs/${ids.C1}`, { name: 'X', date: '01/01/2026' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'date');
});

test('a cell secretary reads the cell but not its sibling, and cannot restructure', async () => {
  const s = await login(srv.url, 'bithu', 'mat-khau-bi-thu');
  const c = client(srv.url, s);
  let r = await c('GET', `/api/v1/orgs/${ids.C1}`);
  assert.equal(r.status, 200);
  r = await c('GET', `/api/v1/orgs/${ids.C2}`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await c('GET', `/orgs/${ids.T}`);
  assert.equal(r.status, 403);
  r = await c('GET', '/api/v1/orgs');
  assert.deepEqual(r.json.orgs.map((o) => o.id), [ids.C1]);
  r = await c('PATCH', `/api/v1/orgs/${ids.C1}`, { name: 'Chi bộ của tôi' });
  assert.equal(r.status, 403);
  const p = await c('GET', `/orgs/${ids.C1}`);
  assert.equal(p.status, 200);
  assert.match(p.text, /Nguyễn Văn Bí/); // holds a position there
  assert.doesNotMatch(p.text, /Thay đổi cơ cấu/);
});

test('CSV import: per-row errors apply nothing; dry run', async () => {
  const bad = [
    'ma;ma_cap_tren;ten;ten_viet_tat;loai;cap;ngay_hieu_luc',
    'M1;T;Đảng ủy Khối mới;ĐUK;committee;2;2026-01-01',
    'M2;KHONG_CO;Chi bộ lạc;;cell;4;2026-01-01',
    'M3;T;Ban lạ;;ban_la;2;2026-01-01',
  ].join('\n');
  let r = await api('POST', '/api/v1/orgs/import', bad, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 400, r.text);
  assert.equal(r.json.report.applied, false);
  assert.equal(r.json.report.errors, 2);
  const lines = r.json.report.results.filter((x) => x.action === 'error').map((x) => x.line);
  assert.deepEqual(lines, [3, 4]);
  assert.match(r.json.report.results[1].message, /KHONG_CO/);
  let kids = await api('GET', `/api/v1/orgs/${ids.T}/children`);
  assert.ok(!kids.json.orgs.some((o) => o.name === 'Đảng ủy Khối mới'));

  const good = 'ma,ma_cap_tren,ten,loai\nM1,T,Đảng ủy Khối mới,committee\n';
  r = await api('POST', '/api/v1/orgs/import?dry_run=1', good, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.applied, false);
  assert.equal(r.json.created, 1);
  kids = await api('GET', `/api/v1/orgs/${ids.T}/children`);
  assert.ok(!kids.json.orgs.some((o) => o.name === 'Đảng ủy Khối mới'));

});

// A multipart body is kept byte for byte (its boundaries are CRLF-delimited)
// and each field is normalized on its own.
test('CSV import through the page (multipart upload)', async () => {
  const good = 'ma,ma_cap_tren,ten,loai\nM1,T,Đảng ủy Khối mới,committee\n';
  const fd = new FormData();
  fd.append('csrf_token', admin.csrf);
  fd.append('file', new Blob([good], { type: 'text/csv' }), 'cay.csv');
  const p = await fetch(`${srv.url}/orgs/import`, { method: 'POST', body: fd, headers: { Cookie: admin.cookie } });
  const text = await p.text();
  assert.equal(p.status, 200, text);
  assert.match(text, /Đã nhập xong/);
  assert.match(text, /Tạo mới/);
  const kids = await api('GET', `/api/v1/orgs/${ids.T}/children`);
  const m1 = kids.json.orgs.find((o) => o.name === 'Đảng ủy Khối mới');
  assert.ok(m1);
  assert.equal(m1.level, 2);
  assert.equal(m1.valid_from, '2026-01-15');

  const g = await api('GET', '/orgs/import');
  assert.equal(g.status, 200);
  assert.match(g.text, /ma,ma_cap_tren,ten/);
});

test('split and dissolve through the API', async () => {
  let r = await api('POST', `/api/v1/orgs/${ids.VP}/split`, {
    new_orgs: [{ name: 'Phòng Tổng hợp', short_name: 'PTH' }, { name: 'Phòng Hành chính' }],
    date: '2026-01-10',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.new_orgs.length, 2);
  assert.equal(r.json.new_orgs[0].parent_id, ids.T);
  assert.equal(r.json.new_orgs[0].kind, 'office');
  // Dissolving an org with children is refused unless they go somewhere.
  r = await api('POST', `/api/v1/orgs/${ids.N}/dissolve`, { date: '2026-01-12' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /trực thuộc/);
  r = await api('POST', `/api/v1/orgs/${ids.N}/merge`, { source_ids: 'x' });
  assert.equal(r.status, 400);
});

test('CLI prints the tree as of a date', () => {
  let r = cli(['org', 'tree', '--db', srv.db, '--date', '2020-01-01'], { env: ENV });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Tỉnh ủy Sơn Nam \(TU\)/m);
  assert.match(r.stdout, /^  Huyện ủy Đông Hưng \(HU\)/m);
  assert.match(r.stdout, /^      Chi bộ thôn Một/m);
  r = cli(['org', 'tree', '--db', srv.db, '--date', '2026-01-01', '--root', String(ids.N)], { env: ENV });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Đảng ủy xã Đông Hưng/);
  assert.doesNotMatch(r.stdout, /Huyện ủy/);
  r = cli(['org', 'tree', '--db', srv.db, '--date', 'hôm qua'], { env: ENV });
  assert.equal(r.status, 2);
});
