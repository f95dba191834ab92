// SPDX-License-Identifier: AGPL-3.0-or-later
// One-line text is trimmed at the boundary (pages and API alike), and a
// name of only spaces is refused, leaving the database as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, client } from './harness.mjs';

let srv, api, province;
before(async () => {
  srv = await startServer({ demo: true });
  const s = await login(srv.url, 'vanphong');
  api = client(srv.url, s);
  province = (await api('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results.find((r) => r.type === 'org').id;
});
after(async () => { await srv.stop(); });

test('a name of only spaces is refused, on the API and on the page', async () => {
  const before = (await api('GET', `/api/v1/orgs/${province}/history`)).text;
  let r = await api('PATCH', `/api/v1/orgs/${province}`, { name: '    ', date: '2026-11-01' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'name');
  r = await api('POST', `/orgs/${province}/rename`, `name=%20%20%20&date=2026-11-01`,
    { 'Content-Type': 'application/x-www-form-urlencoded' });
  assert.equal(r.status, 400);
  assert.match(r.text, /không được để trống/);
  assert.match(r.text, /name="name"/, 'the form is shown again to correct');
  assert.equal((await api('GET', `/api/v1/orgs/${province}/history`)).text, before);
});

test('one-line fields are trimmed and inner spaces collapsed', async () => {
  const r = await api('POST', '/api/v1/orgs', {
    parent_id: province, name: '   Chi bộ   Thử nghiệm  ', short_name: ' CBTN ',
    kind: 'cell', level: 4, date: '2026-11-01',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, 'Chi bộ Thử nghiệm');
  assert.equal(r.json.short_name, 'CBTN');
});

test('the API import takes ?date= as the day for rows that give none', async () => {
  const csv = 'ma,ma_cap_tren,ten,loai,cap\nthu_ngay,tu,Chi bộ Thử ngày,cell,4\n';
  const r = await api('POST', '/api/v1/orgs/import?date=2020-05-01', csv, { 'Content-Type': 'text/csv' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.applied, true);
  const hit = (await api('GET', '/api/v1/search?q=chi%20bo%20thu%20ngay')).json.results.find((x) => x.type === 'org');
  const org = (await api('GET', `/api/v1/orgs/${hit.id}`)).json;
  assert.equal(org.valid_from, '2020-05-01');
});

test('a form of a few thousand fields is read; past 4,096 it is refused', async () => {
  // The import preview's save form sends fields per item: 1,500 pass the
  // parser (and fail later on their own merits), 5,000 are refused.
  const form = (n) => {
    const p = new URLSearchParams();
    for (let i = 0; i < n; i++) p.append('item_deadline', 'Quý II/2026');
    return p.toString();
  };
  const hdr = { 'Content-Type': 'application/x-www-form-urlencoded' };
  let r = await api('POST', '/plans/import/save', form(1500), hdr);
  assert.equal(r.status, 400);
  assert.doesNotMatch(r.text, /Quá nhiều tham số/);
  r = await api('POST', '/plans/import/save', form(5000), hdr);
  assert.equal(r.status, 400);
  assert.match(r.text, /Quá nhiều tham số/);
});
