// SPDX-License-Identifier: AGPL-3.0-or-later
// Search over HTTP: the exact API shape, "tinh uy" finding "Tỉnh ủy Sơn Nam"
// first however it is typed, people and documents, short and hostile
// queries answered with no results rather than errors, the actor's scope,
// and the results page behind the top bar's search box.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServer, addUser, login, client, cli } from './harness.mjs';

const ENV = { KH_TODAY: '2026-01-15' };
let srv, admin, api, ids = {}, people = {};

const TREE_CSV = [
  'ma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc',
  'T,,Tỉnh ủy Sơn Nam,TU,committee,1,2015-01-01',
  'VP,T,Văn phòng Tỉnh ủy,VPTU,office,2,2015-01-01',
  'H,T,Huyện ủy Đông Hưng,HU,committee,2,2015-01-01',
  'C1,H,Chi bộ thôn Một,,cell,4,2015-01-01',
  'C2,H,Chi bộ thôn Hai,,cell,4,2015-01-01',
].join('\n') + '\n';

const search = (c, q, extra = '') => c('GET', `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);

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
    ['H', 'Huyện ủy Đông Hưng'], ['C1', 'Chi bộ thôn Một'], ['C2', 'Chi bộ thôn Hai']]) {
    const o = await api('GET', `/api/v1/orgs?q=${encodeURIComponent(name)}`);
    ids[k] = o.json.orgs.find((x) => x.name === name).id;
  }
  // People whose names and titles also say "Tỉnh ủy", so the org must win
  // on its title, not by being alone.
  for (const [k, name, org, role, title] of [
    ['bithu', 'Nguyễn Văn Tỉnh', ids.C1, 'head', 'Bí thư Tỉnh ủy'],
    ['pho', 'Trần Thị Uỷ', ids.C1, 'deputy', 'Phó Bí thư Thường trực Tỉnh ủy'],
    ['duc', 'Đặng Văn Đức', ids.C1, null, null],
    ['hai', 'Lê Văn Hai', ids.C2, null, null],
  ]) {
    let w = await api('POST', '/api/v1/people', { full_name: name, member_org_id: org });
    assert.equal(w.status, 201, w.text);
    people[k] = w.json.id;
    if (role) {
      w = await api('POST', '/api/v1/positions', { person_id: w.json.id, org_id: ids.T, role, title, valid_from: '2020-10-15' });
      assert.equal(w.status, 201, w.text);
    }
  }
  for (const [number, title, issuer] of [
    ['Số 05-NQ/TU', 'Nghị quyết của Tỉnh ủy về chuyển đổi số', ids.T],
    ['Số 203 - CV/BTCĐUK', 'Về việc triển khai Nghị quyết Tỉnh ủy', ids.T],
    ['Số 11-KH/HU', 'Kế hoạch của Huyện ủy thực hiện Nghị quyết Tỉnh ủy', ids.H],
  ]) {
    const w = await api('POST', '/api/v1/documents', { number, title, issuer_org_id: issuer, date: '2021-03-01' });
    assert.equal(w.status, 201, w.text);
  }
});
after(async () => { await srv.stop(); });

test('"tinh uy" finds "Tỉnh ủy Sơn Nam" first, in the exact answer shape', async () => {
  const r = await search(api, 'tinh uy');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.deepEqual(Object.keys(r.json), ['results']);
  assert.ok(r.json.results.length >= 5, r.text);
  assert.deepEqual(r.json.results[0], { type: 'org', id: ids.T, title: 'Tỉnh ủy Sơn Nam', subtitle: r.json.results[0].subtitle });
  for (const h of r.json.results) {
    assert.deepEqual(Object.keys(h).sort(), ['id', 'subtitle', 'title', 'type']);
    assert.ok(['org', 'person', 'document'].includes(h.type));
    assert.equal(typeof h.id, 'number');
  }
  // The same however it is typed: capitals, diacritics, the other tone placement.
  for (const q of ['Tỉnh ủy', 'Tỉnh uỷ', 'TỈNH ỦY', 'TINH UY', '  tinh   uy  ']) {
    const s = await search(api, q);
    assert.deepEqual(s.json, r.json, q);
  }
});

test('people and documents; đ; numbers typed loosely', async () => {
  let r = await search(api, 'dang van duc');
  assert.deepEqual(r.json.results.map((h) => [h.type, h.id]), [['person', people.duc]]);
  r = await search(api, 'Đặng Văn Đ');
  assert.equal(r.json.results[0].id, people.duc);
  r = await search(api, 'nguyen van tinh');
  assert.equal(r.json.results[0].title, 'Nguyễn Văn Tỉnh');
  assert.equal(r.json.results[0].subtitle, 'Bí thư Tỉnh ủy · Tỉnh ủy Sơn Nam');
  r = await search(api, '203-CV/BTCĐUK');
  assert.equal(r.json.results[0].type, 'document');
  assert.equal(r.json.results[0].title, '203-CV/BTCĐUK — Về việc triển khai Nghị quyết Tỉnh ủy');
  r = await search(api, '05-nq/tu');
  assert.equal(r.json.results[0].title, '05-NQ/TU — Nghị quyết của Tỉnh ủy về chuyển đổi số');
  r = await search(api, 'nghi quyet', '&types=document&limit=2');
  assert.equal(r.json.results.length, 2);
  assert.ok(r.json.results.every((h) => h.type === 'document'));
  r = await search(api, 'nghi quyet', '&types=org');
  assert.deepEqual(r.json.results, []);
});

test('short, empty and hostile queries: no results, never an error', async () => {
  for (const q of ['', 'a', 'Đ', ' ', '?']) {
    const r = await search(api, q);
    assert.equal(r.status, 200, q);
    assert.deepEqual(r.json, { results: [] }, q);
  }
  let r = await api('GET', '/api/v1/search');
  assert.deepEqual(r.json, { results: [] });
  for (const q of ['"', '"tinh', 'tinh*', '*', 'NEAR(tinh uy)', 'tinh OR uy', 'tinh AND NOT uy', '(tinh', 'uy)',
    '-tinh', '^uy', 'folded:tinh', '{tinh uy}', "tinh' uy", 'tinh + uy', '\\', '%', "'; DROP TABLE people; --"]) {
    r = await search(api, q);
    assert.equal(r.status, 200, `${q}: ${r.text}`);
    assert.ok(Array.isArray(r.json.results), q);
  }
  r = await search(api, '(tinh uy)');
  assert.equal(r.json.results[0].id, ids.T);
  r = await search(api, 'tinh', '&limit=0');
  assert.equal(r.status, 400);
  r = await search(api, 'tinh', '&types=plans,org');
  assert.equal(r.status, 400);
});

test('scope: a cell secretary finds only what they may read', async () => {
  addUser(srv.db, 'bithu.mot', 'mat-khau-dai-du', { personId: people.bithu });
  // Nguyễn Văn Tỉnh holds a position in the province: heads of a committee
  // read its subtree. Give the cell its own secretary instead.
  let w = await api('POST', '/api/v1/people', { full_name: 'Hồ Văn Một', member_org_id: ids.C1 });
  const sec = w.json.id;
  w = await api('POST', '/api/v1/positions', { person_id: sec, org_id: ids.C1, role: 'head', valid_from: '2020-01-01' });
  assert.equal(w.status, 201, w.text);
  addUser(srv.db, 'bithu.c1', 'mat-khau-dai-du', { personId: sec });
  const c = client(srv.url, await login(srv.url, 'bithu.c1', 'mat-khau-dai-du'));
  let r = await search(c, 'van', '&types=person');
  const found = r.json.results.map((h) => h.id);
  assert.ok(found.includes(people.duc));
  assert.ok(!found.includes(people.hai), r.text);
  r = await search(c, 'tinh uy son nam', '&types=org');
  assert.deepEqual(r.json.results, []);
  // Documents of the province flow down to the cell; all three are visible.
  r = await search(c, 'nghi quyet', '&types=document');
  assert.equal(r.json.results.length, 3);
  // The province's head sees the whole province.
  const p = client(srv.url, await login(srv.url, 'bithu.mot', 'mat-khau-dai-du'));
  r = await search(p, 'van', '&types=person');
  assert.ok(r.json.results.some((h) => h.id === people.hai));
});

test('the results page, grouped by type, behind the top bar', async () => {
  let r = await api('GET', '/');
  assert.match(r.text, /<form class="search" method="get" action="\/search"/);
  r = await api('GET', '/search?q=tinh+uy');
  assert.equal(r.status, 200);
  assert.match(r.text, /<h2>Tổ chức<\/h2>/);
  assert.match(r.text, /<h2>Cán bộ, đảng viên<\/h2>/);
  assert.match(r.text, /<h2>Văn bản<\/h2>/);
  assert.match(r.text, new RegExp(`<a href="/orgs/${ids.T}">Tỉnh ủy Sơn Nam</a>`));
  assert.ok(r.text.indexOf('Tổ chức</h2>') < r.text.indexOf('Cán bộ, đảng viên</h2>'));
  assert.match(r.text, /value="tinh uy"/);
  r = await api('GET', '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /<script>alert/);
  assert.match(r.text, /Không tìm thấy/);
  r = await api('GET', '/search?q=x');
  assert.match(r.text, /ít nhất hai ký tự/);
  r = await fetch(`${srv.url}/api/v1/search?q=tinh`);
  assert.equal(r.status, 401);
});
