// SPDX-License-Identifier: AGPL-3.0-or-later
// The server's own gates, independent of any resource: health, metrics,
// errors, body limits, UTF-8, JSON, authentication, security headers, and a
// clean shutdown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, login, client, cli } from './harness.mjs';

let srv, admin;

before(async () => {
  srv = await startServer();
  addUser(srv.db, 'quantri', 'mat-khau-quan-tri', { admin: true });
  admin = await login(srv.url, 'quantri', 'mat-khau-quan-tri');
});
after(async () => { await srv.stop(); });

test('healthz answers ok', async () => {
  const r = await fetch(`${srv.url}/healthz`);
  assert.equal(r.status, 200);
  assert.deepEqual(await r.json(), { status: 'ok' });
});

test('metrics count requests by route and status, with latency and DB size', async () => {
  await fetch(`${srv.url}/healthz`);
  await fetch(`${srv.url}/api/v1/no-such-thing`);
  const r = await fetch(`${srv.url}/metrics`);
  assert.equal(r.status, 200);
  const text = await r.text();
  assert.match(text, /kehoach_http_requests_total\{route="\/healthz",status="200"\} [1-9]/);
  assert.match(text, /kehoach_http_requests_total\{route="unmatched",status="404"\} [1-9]/);
  assert.match(text, /kehoach_http_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]/);
  assert.match(text, /kehoach_db_size_bytes [1-9]\d*/);
});

test('unknown API path is a JSON 404', async () => {
  const r = await fetch(`${srv.url}/api/v1/no-such-thing`);
  assert.equal(r.status, 404);
  const body = await r.json();
  assert.equal(body.error.code, 'not_found');
  assert.ok(body.error.message.length > 0);
});

test('unknown page is a Vietnamese 404 page', async () => {
  const c = client(srv.url, admin);
  const r = await c('GET', '/khong-co-trang-nay');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /text\/html/);
  assert.match(r.text, /Không tìm thấy/);
  assert.match(r.text, /<html lang="vi">/);
});

test('wrong method is 405 with Allow', async () => {
  const r = await fetch(`${srv.url}/healthz`, { method: 'DELETE' });
  assert.equal(r.status, 405);
  assert.equal(r.headers.get('allow'), 'GET, HEAD');
  const api = await fetch(`${srv.url}/api/v1/session`, { method: 'PUT' });
  assert.equal(api.status, 405);
  assert.equal((await api.json()).error.code, 'method_not_allowed');
  assert.match(api.headers.get('allow'), /GET, HEAD, POST, DELETE/);
});

test('API without credentials is 401 JSON; page redirects to login', async () => {
  let r = await fetch(`${srv.url}/api/v1/session`);
  assert.equal(r.status, 401);
  assert.equal((await r.json()).error.code, 'unauthorized');
  r = await fetch(`${srv.url}/`, { redirect: 'manual' });
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location'), /^\/login\?next=%2F/);
});

test('a forged bearer token is refused', async () => {
  const r = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: 'Bearer kh_forged' } });
  assert.equal(r.status, 401);
});

test('bearer token from the CLI works', async () => {
  const t = cli(['token', 'add', '--db', srv.db, '--username', 'quantri']);
  assert.equal(t.status, 0, t.stderr);
  const token = t.stdout.trim();
  assert.match(token, /^kh_[0-9a-f]{40}$/);
  const r = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(r.status, 200);
  assert.equal((await r.json()).user.username, 'quantri');
});

test('invalid UTF-8 in a body is 400', async () => {
  const body = Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]);
  const r = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body,
  });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.code, 'invalid');
});

test('malformed JSON is 400 with a message', async () => {
  const r = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"username": ',
  });
  assert.equal(r.status, 400);
  const e = (await r.json()).error;
  assert.equal(e.code, 'invalid');
  assert.match(e.message, /JSON/);
});

test('a body over the limit is 413', async () => {
  const big = 'x'.repeat(2 * 1024 * 1024);
  const r = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: big }),
  });
  assert.equal(r.status, 413);
  assert.equal((await r.json()).error.code, 'too_large');
});

test('responses carry a strict CSP and nosniff', async () => {
  const r = await fetch(`${srv.url}/healthz`);
  assert.match(r.headers.get('content-security-policy'), /default-src 'self'/);
  assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
});

test('static assets are served', async () => {
  const css = await fetch(`${srv.url}/static/app.css`);
  assert.equal(css.status, 200);
  assert.match(css.headers.get('content-type'), /text\/css/);
  assert.match(await css.text(), /@media print/);
});

test('the CLI answers version and help', () => {
  const v = cli(['--version']);
  assert.equal(v.status, 0);
  assert.match(v.stdout, /^kehoach \d+\.\d+\.\d+/);
  const h = cli(['help', 'serve']);
  assert.equal(h.status, 0);
  assert.match(h.stdout, /serve --db FILE/);
  const bad = cli(['khong-co-lenh']);
  assert.equal(bad.status, 2);
});

test('init is idempotent and serve refuses an unmigrated file', () => {
  const again = cli(['init', '--db', srv.db]);
  assert.equal(again.status, 0);
  assert.match(again.stdout, /đã ở phiên bản/);
});
