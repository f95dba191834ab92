// SPDX-License-Identifier: AGPL-3.0-or-later
// Slow readers must not stall the server. The server lends each request a
// database connection from a small pool (one per worker thread); it must
// give it back as soon as the answer is built, not when the client has read
// it. Here three clients ask for a big page (a plan of 1,500 long items,
// 7.5 MB of HTML: more than loopback socket buffers hold) and never read the
// answer, so their responses stay unsent; a fourth client must still be
// answered at once. Before the fix the pool ran dry and a worker waited in
// it until the connection timeout (30 s): this test then fails.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import { startServer, cli } from './harness.mjs';

let srv, token, plan;
const slow = [];

before(async () => {
  srv = await startServer({ demo: true });
  token = cli(['token', 'add', '--db', srv.db, '--username', 'admin']).stdout.trim();
  assert.match(token, /^kh_/);
  const res = await fetch(`${srv.url}/api/v1/plans`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner_org_id: 1, scope: 'year', year_from: 2031 }),
  });
  const body = await res.text();
  assert.equal(res.status, 201, body);
  plan = JSON.parse(body).id;
  // 1,500 items of 5,000 characters each, written straight into the file.
  const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1500)
    INSERT INTO plan_items (plan_id, seq, text, created_at, updated_at)
    SELECT ${plan}, i, 'Nội dung ' || i || ' ' || replace(hex(zeroblob(2500)), '00', 'ab'), 0, 0 FROM n;`;
  const r = spawnSync('sqlite3', [srv.db, sql], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

after(async () => {
  for (const s of slow) s.destroy();
  await srv.stop();
});

test('clients that do not read their big answers do not stall the others', async () => {
  const page = await fetch(`${srv.url}/plans/${plan}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(page.status, 200);
  assert.ok((await page.text()).length > 7000000, 'the page is big enough to fill the socket buffers');
  for (let i = 0; i < 3; i++) {
    const s = net.connect(new URL(srv.url).port, '127.0.0.1');
    await new Promise((ok) => s.once('connect', ok));
    s.pause(); // never read
    s.write(`GET /plans/${plan} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n\r\n`);
    slow.push(s);
  }
  await new Promise((r) => setTimeout(r, 500)); // the three are being answered
  const t0 = Date.now();
  const res = await fetch(`${srv.url}/api/v1/plans/${plan}`, {
    headers: { Authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10000),
  });
  assert.equal(res.status, 200);
  assert.ok(Date.now() - t0 < 5000, `answered in ${Date.now() - t0} ms`);
});
