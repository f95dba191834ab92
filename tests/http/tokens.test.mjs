// SPDX-License-Identifier: AGPL-3.0-or-later
// API tokens can be listed and revoked: the list never shows a secret, a
// revoked bearer gets 401, a user may only touch their own tokens (others
// 403, unknown 404, and the database unchanged on every refusal), the
// accounts page and the account page list tokens with a CSRF-protected
// revoke button, and the CLI lists and revokes too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startServer, addUser, login, client } from './harness.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

let srv, admin, user, other, asAdmin, asUser, asOther;

function dbHash() {
  const sql = ['users', 'api_tokens', 'audit_log']
    .map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n');
  const out = execFileSync('sqlite3', ['-readonly', srv.db], { input: sql, encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}

function bearer(token) {
  return async (method, p) => {
    const r = await fetch(srv.url + p, { method, headers: { Authorization: `Bearer ${token}` } });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: r.status, text, json };
  };
}

async function issue(as, userId, label) {
  const r = await as('POST', `/api/v1/users/${userId}/tokens`, { label });
  assert.equal(r.status, 201, r.text);
  return r.json.token;
}

async function tokensOf(userId) {
  const r = await asAdmin('GET', `/api/v1/users/${userId}/tokens`);
  assert.equal(r.status, 200, r.text);
  return r.json.tokens;
}

async function postForm(session, path, fields, { csrf = true } = {}) {
  const body = new URLSearchParams(csrf ? { ...fields, csrf_token: session.csrf } : fields);
  const r = await fetch(srv.url + path, {
    method: 'POST', headers: { ...FORM, Cookie: session.cookie }, body: body.toString(), redirect: 'manual',
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

before(async () => {
  srv = await startServer();
  addUser(srv.db, 'quantri', 'mat-khau-quan-tri', { admin: true });
  addUser(srv.db, 'canbo', 'mat-khau-can-bo');
  addUser(srv.db, 'nguoikhac', 'mat-khau-khac-1');
  admin = await login(srv.url, 'quantri', 'mat-khau-quan-tri');
  user = await login(srv.url, 'canbo', 'mat-khau-can-bo');
  other = await login(srv.url, 'nguoikhac', 'mat-khau-khac-1');
  asAdmin = client(srv.url, admin);
  asUser = client(srv.url, user);
  asOther = client(srv.url, other);
});
after(async () => { await srv.stop(); });

test('the list shows label, date and status, never a secret', async () => {
  const secret = await issue(asUser, user.user.id, 'Đồng bộ báo cáo');
  const r = await asUser('GET', `/api/v1/users/${user.user.id}/tokens`);
  assert.equal(r.status, 200);
  const t = r.json.tokens.find((x) => x.label === 'Đồng bộ báo cáo');
  assert.ok(t, r.text);
  assert.deepEqual(Object.keys(t).sort(), ['created_at', 'id', 'label', 'revoked', 'user_id']);
  assert.equal(t.user_id, user.user.id);
  assert.equal(t.revoked, false);
  assert.ok(Math.abs(t.created_at - Date.now() / 1000) < 600);
  assert.ok(!r.text.includes(secret) && !r.text.includes(secret.slice(3)), 'no secret');
  // Through a bearer token too, and the admin sees it.
  const b = await bearer(secret)('GET', `/api/v1/users/${user.user.id}/tokens`);
  assert.equal(b.status, 200);
  assert.ok((await tokensOf(user.user.id)).some((x) => x.id === t.id));
});

test('another user gets 403 on the list, unknown users 404', async () => {
  let r = await asOther('GET', `/api/v1/users/${user.user.id}/tokens`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await asAdmin('GET', '/api/v1/users/999999/tokens');
  assert.equal(r.status, 404);
  r = await fetch(`${srv.url}/api/v1/users/${user.user.id}/tokens`);
  assert.equal(r.status, 401);
});

test('refusals leave the database unchanged', async () => {
  const secret = await issue(asAdmin, user.user.id, 'bị từ chối');
  const id = (await tokensOf(user.user.id)).find((x) => x.label === 'bị từ chối').id;
  const before = dbHash();
  // Out of scope: another user, by API and by form.
  let r = await asOther('DELETE', `/api/v1/tokens/${id}`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await postForm(other, `/admin/tokens/${id}/revoke`, { back: 'account' });
  assert.equal(r.status, 403);
  assert.match(r.text, /<html lang="vi">/);
  // Unknown.
  r = await asAdmin('DELETE', '/api/v1/tokens/999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  r = await postForm(admin, '/admin/tokens/999999/revoke', {});
  assert.equal(r.status, 404);
  // No CSRF token, no credentials.
  r = await fetch(`${srv.url}/api/v1/tokens/${id}`, { method: 'DELETE', headers: { Cookie: admin.cookie } });
  assert.equal(r.status, 403);
  r = await postForm(admin, `/admin/tokens/${id}/revoke`, {}, { csrf: false });
  assert.equal(r.status, 403);
  r = await fetch(`${srv.url}/api/v1/tokens/${id}`, { method: 'DELETE' });
  assert.equal(r.status, 401);
  // Another user's bearer token.
  const otherSecret = await issue(asOther, other.user.id, 'của người khác');
  const after = dbHash();
  r = await bearer(otherSecret)('DELETE', `/api/v1/tokens/${id}`);
  assert.equal(r.status, 403);
  assert.equal(dbHash(), after, 'database unchanged');
  assert.notEqual(before, after); // the extra token
  assert.equal((await bearer(secret)('GET', '/api/v1/session')).status, 200, 'still valid');
});

test('DELETE with the session and CSRF header revokes; a revoked bearer gets 401', async () => {
  const secret = await issue(asUser, user.user.id, 'lộ');
  const b = bearer(secret);
  assert.equal((await b('GET', '/api/v1/session')).status, 200);
  const id = (await tokensOf(user.user.id)).find((x) => x.label === 'lộ').id;
  let r = await asUser('DELETE', `/api/v1/tokens/${id}`);
  assert.equal(r.status, 204);
  assert.equal(r.text, '');
  r = await b('GET', '/api/v1/session');
  assert.equal(r.status, 401);
  assert.equal(r.json.error.code, 'unauthorized');
  assert.equal((await tokensOf(user.user.id)).find((x) => x.id === id).revoked, true);
  // Idempotent.
  r = await asUser('DELETE', `/api/v1/tokens/${id}`);
  assert.equal(r.status, 204);
  const audit = await asAdmin('GET', `/api/v1/audit?entity=api_token&entity_id=${id}`);
  assert.deepEqual(audit.json.entries.map((e) => e.action), ['token.revoke', 'token.create']);
});

test('a bearer token can revoke itself; an admin revokes anyone', async () => {
  const secret = await issue(asUser, user.user.id, 'tự thu hồi');
  const id = (await tokensOf(user.user.id)).find((x) => x.label === 'tự thu hồi').id;
  const b = bearer(secret);
  let r = await b('DELETE', `/api/v1/tokens/${id}`);
  assert.equal(r.status, 204);
  assert.equal((await b('GET', '/api/v1/session')).status, 401);

  const s2 = await issue(asOther, other.user.id, 'admin thu hồi');
  const id2 = (await tokensOf(other.user.id)).find((x) => x.label === 'admin thu hồi').id;
  r = await asAdmin('DELETE', `/api/v1/tokens/${id2}`);
  assert.equal(r.status, 204);
  assert.equal((await bearer(s2)('GET', '/api/v1/session')).status, 401);
});

test('the accounts page lists tokens and revokes through its form', async () => {
  const secret = await issue(asAdmin, other.user.id, 'Trang quản trị');
  const id = (await tokensOf(other.user.id)).find((x) => x.label === 'Trang quản trị').id;
  let r = await asAdmin('GET', '/admin/users');
  assert.equal(r.status, 200);
  const row = new RegExp(`<tr id="token-${id}"><td>Trang quản trị</td><td>\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d</td><td>đang dùng</td>`);
  assert.match(r.text, row);
  assert.ok(r.text.includes(`action="/admin/tokens/${id}/revoke"`));
  assert.ok(!r.text.includes(secret));
  assert.match(r.text, /đã thu hồi/, 'earlier revoked tokens show their status');
  r = await postForm(admin, `/admin/tokens/${id}/revoke`, {});
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/users?notice=token_revoked');
  r = await asAdmin('GET', '/admin/users?notice=token_revoked');
  assert.match(r.text, /Đã thu hồi mã truy cập/);
  assert.match(r.text, new RegExp(`<tr id="token-${id}"><td>Trang quản trị</td><td>[^<]*</td><td>đã thu hồi</td><td></td>`));
  assert.equal((await bearer(secret)('GET', '/api/v1/session')).status, 401);
});

test('the account page lists the user’s own tokens with a revoke button', async () => {
  const secret = await issue(asOther, other.user.id, 'Của tôi');
  const id = (await tokensOf(other.user.id)).find((x) => x.label === 'Của tôi').id;
  let r = await asOther('GET', '/account');
  assert.equal(r.status, 200);
  assert.match(r.text, /Mã truy cập API/);
  assert.match(r.text, new RegExp(`<tr id="token-${id}"><td>Của tôi</td>`));
  assert.ok(!r.text.includes(secret));
  // Only her own tokens.
  for (const t of await tokensOf(user.user.id)) assert.ok(!r.text.includes(`id="token-${t.id}"`));
  r = await postForm(other, `/admin/tokens/${id}/revoke`, { back: 'account' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account?notice=token_revoked');
  r = await asOther('GET', '/account?notice=token_revoked');
  assert.match(r.text, /Đã thu hồi mã truy cập/);
  assert.equal((await bearer(secret)('GET', '/api/v1/session')).status, 401);
  // Someone without tokens sees that they have none.
  addUser(srv.db, 'chuaco', 'mat-khau-chua-co');
  const none = await login(srv.url, 'chuaco', 'mat-khau-chua-co');
  r = await client(srv.url, none)('GET', '/account');
  assert.match(r.text, /Chưa có mã truy cập API nào/);
});

test('the CLI lists and revokes tokens', async () => {
  const secret = await issue(asAdmin, user.user.id, 'dòng lệnh');
  let r = srv.cli(['token', 'list', '--db', srv.db, '--username', 'CanBo']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'));
  const line = lines.find((l) => l[1] === 'dòng lệnh');
  assert.ok(line, r.stdout);
  assert.match(line[2], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(line[3], 'đang dùng');
  assert.ok(lines.some((l) => l[3] === 'đã thu hồi'));
  assert.ok(!r.stdout.includes(secret.slice(3)));
  r = srv.cli(['token', 'revoke', '--db', srv.db, '--id', line[0]]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã thu hồi mã truy cập/);
  assert.equal((await bearer(secret)('GET', '/api/v1/session')).status, 401);
  r = srv.cli(['token', 'list', '--db', srv.db, '--username', 'canbo']);
  assert.ok(r.stdout.split('\n').some((l) => l.startsWith(`${line[0]}\t`) && l.endsWith('\tđã thu hồi')));
  r = srv.cli(['token', 'revoke', '--db', srv.db, '--id', '999999']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Không tìm thấy mã truy cập/);
  r = srv.cli(['token', 'list', '--db', srv.db, '--username', 'khongco']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Không tìm thấy tài khoản/);
  r = srv.cli(['token', 'revoke', '--db', srv.db, '--id', 'abc']);
  assert.equal(r.status, 2);
  r = srv.cli(['token', 'list', '--db', srv.db]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /token revoke --db FILE --id N/);
});
