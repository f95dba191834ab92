// SPDX-License-Identifier: AGPL-3.0-or-later
// Storage under pressure (DESIGN.md "Chosen parts"): many writers at once
// never see "database is locked" — each request waits its turn and commits —
// and a write that was acknowledged survives the server being killed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { startServer, login, client } from './harness.mjs';

test('60 concurrent writes all commit, none is refused for a lock', async () => {
  const srv = await startServer({ demo: true });
  try {
    const api = client(srv.url, await login(srv.url, 'vanphong'));
    const province = (await api('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results
      .find((r) => r.type === 'org').id;
    const before = (await api('GET', `/api/v1/orgs/${province}`)).json.child_count;
    const writes = Array.from({ length: 60 }, (_, i) => api('POST', '/api/v1/orgs', {
      parent_id: province, name: `Chi bộ đồng thời ${i + 1}`, kind: 'cell', level: 4,
      date: '2026-11-02',
    }));
    // Readers at the same time must not be blocked either.
    const reads = Array.from({ length: 30 }, () => api('GET', `/api/v1/orgs/${province}/children`));
    const results = await Promise.all([...writes, ...reads]);
    const statuses = results.map((r) => r.status);
    assert.deepEqual(statuses.slice(0, 60), Array(60).fill(201), JSON.stringify(results.find((r) => r.status !== 201 && r.status !== 200)?.json));
    assert.deepEqual(statuses.slice(60), Array(30).fill(200));
    const after = (await api('GET', `/api/v1/orgs/${province}`)).json.child_count;
    assert.equal(after, before + 60);
  } finally {
    await srv.stop();
  }
});

test('an acknowledged write survives a crash of the server', async () => {
  let srv = await startServer({ demo: true });
  const { db, dir } = srv;
  let id;
  try {
    const api = client(srv.url, await login(srv.url, 'vanphong'));
    const province = (await api('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results
      .find((r) => r.type === 'org').id;
    const r = await api('POST', '/api/v1/orgs', {
      parent_id: province, name: 'Chi bộ còn lại sau sự cố', kind: 'cell', level: 4, date: '2026-11-03',
    });
    assert.equal(r.status, 201);
    id = r.json.id;
  } finally {
    await srv.crash();
  }
  srv = await startServer({ db });
  try {
    const api = client(srv.url, await login(srv.url, 'vanphong'));
    const r = await api('GET', `/api/v1/orgs/${id}`);
    assert.equal(r.status, 200);
    assert.equal(r.json.name, 'Chi bộ còn lại sau sự cố');
  } finally {
    await srv.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
