// SPDX-License-Identifier: AGPL-3.0-or-later
// Merging orgs into a new one through the API, in one transaction — the way
// the 2025 reorganization merged communes — with its refusals.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, login, client } from './harness.mjs';

let srv, api, province, a, b;
const count = (db) => execFileSync('sqlite3', [db, 'SELECT count(*) FROM orgs; SELECT count(*) FROM org_events;'], { encoding: 'utf8' });

before(async () => {
  srv = await startServer({ demo: true });
  api = client(srv.url, await login(srv.url, 'vanphong'));
  province = (await api('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results.find((r) => r.type === 'org').id;
  const kids = (await api('GET', `/api/v1/orgs/${province}/children`)).json.orgs
    .filter((o) => o.kind === 'committee' && o.level === 3 && o.child_count > 0);
  assert.ok(kids.length >= 2, 'two communes under the province');
  [a, b] = kids;
});
after(async () => { await srv.stop(); });

test('two communes merge into a new one; their cells follow', async () => {
  const r = await api('POST', '/api/v1/orgs/merge', {
    source_ids: [a.id, b.id], date: '2026-11-05', note: 'Nghị quyết sáp nhập (thử)',
    new_org: { name: 'Đảng bộ xã Hợp Nhất', short_name: 'ĐU', kind: 'committee', level: 3 },
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.name, 'Đảng bộ xã Hợp Nhất');
  assert.equal(r.json.parent_id, province, 'defaults to where the sources sat');
  assert.equal(r.json.valid_from, '2026-11-05');
  assert.equal(r.json.child_count, a.child_count + b.child_count);
  const old = (await api('GET', `/api/v1/orgs/${a.id}`)).json;
  assert.equal(old.valid_to, '2026-11-05');
  const hist = (await api('GET', `/api/v1/orgs/${r.json.id}/history`)).json;
  assert.ok(JSON.stringify(hist).includes('merge'));
});

test('refusals change nothing', async () => {
  const before = count(srv.db);
  let r = await api('POST', '/api/v1/orgs/merge', { source_ids: [province], date: '2026-11-06' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'new_org');
  r = await api('POST', '/api/v1/orgs/merge', { source_ids: 'x', date: '2026-11-06', new_org: {} });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'source_ids');
  const cell = client(srv.url, await login(srv.url, 'bithu.chibo'));
  r = await cell('POST', '/api/v1/orgs/merge', {
    source_ids: [province], date: '2026-11-06',
    new_org: { name: 'Không được', kind: 'committee', level: 1 },
  });
  assert.equal(r.status, 403);
  assert.equal(count(srv.db), before);
});
