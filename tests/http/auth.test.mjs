// SPDX-License-Identifier: AGPL-3.0-or-later
// Logging in and out over HTTP: the login page and form, the session API,
// cookie flags, CSRF on logout, bearer tokens, the rate limit, the user's own
// password change, and the `user add` / `token add` commands.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, login, client, cli, freshDb } from './harness.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

function form(fields) {
  return new URLSearchParams(fields).toString();
}

function sessionCookie(r) {
  const m = /kh_session=([^;]*)/.exec(r.headers.get('set-cookie') || '');
  return m ? m[1] : null;
}

describe('login, sessions and tokens', () => {
  let srv;

  before(async () => {
    srv = await startServer();
    addUser(srv.db, 'quantri', 'mat-khau-quan-tri', { admin: true });
    addUser(srv.db, 'canbo', 'mat-khau-can-bo');
  });
  after(async () => { await srv.stop(); });

  test('the login page is in Vietnamese with username, password and next', async () => {
    const r = await fetch(`${srv.url}/login?next=%2Forgs`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/html/);
    const text = await r.text();
    assert.match(text, /<html lang="vi">/);
    assert.match(text, /<h1>Đăng nhập<\/h1>/);
    assert.match(text, /<input name="username"/);
    assert.match(text, /<input type="password" name="password"/);
    assert.match(text, /<input type="hidden" name="next" value="\/orgs">/);
    assert.match(text, /<button type="submit"[^>]*>Đăng nhập<\/button>/);
  });

  test('a page without a session redirects to the login page with next', async () => {
    const r = await fetch(`${srv.url}/admin/users`, { redirect: 'manual' });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/login?next=%2Fadmin%2Fusers');
  });

  test('the login form sets a strict HttpOnly cookie and goes to next', async () => {
    const r = await fetch(`${srv.url}/login`, {
      method: 'POST', headers: FORM, redirect: 'manual',
      body: form({ username: 'CanBo', password: 'mat-khau-can-bo', next: '/orgs?x=1' }),
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/orgs?x=1');
    const sc = r.headers.get('set-cookie');
    assert.match(sc, /^kh_session=[0-9a-f]{64}; /);
    assert.match(sc, /; HttpOnly/);
    assert.match(sc, /; SameSite=Strict/);
    assert.match(sc, /; Path=\//);
    assert.match(sc, /; Max-Age=28800/);
    const me = await client(srv.url, { cookie: `kh_session=${sessionCookie(r)}` })('GET', '/api/v1/session');
    assert.equal(me.status, 200);
    assert.equal(me.json.user.username, 'canbo');
  });

  test('next must be a local path', async () => {
    for (const next of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'orgs', '']) {
      const r = await fetch(`${srv.url}/login`, {
        method: 'POST', headers: FORM, redirect: 'manual',
        body: form({ username: 'canbo', password: 'mat-khau-can-bo', next }),
      });
      assert.equal(r.status, 303, next);
      assert.equal(r.headers.get('location'), '/', next);
    }
  });

  test('a wrong password on the form re-renders the page with 401', async () => {
    const r = await fetch(`${srv.url}/login`, {
      method: 'POST', headers: FORM, redirect: 'manual',
      body: form({ username: 'canbo', password: 'sai-mat-khau', next: '/orgs' }),
    });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('set-cookie'), null);
    const text = await r.text();
    assert.match(text, /Tên đăng nhập hoặc mật khẩu không đúng/);
    assert.match(text, /value="canbo"/);
    assert.match(text, /name="next" value="\/orgs"/);
  });

  test('a wrong password on the API is 401 with the error shape', async () => {
    const r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'canbo', password: 'sai-mat-khau' }),
    });
    assert.equal(r.status, 401);
    assert.equal(r.headers.get('set-cookie'), null);
    const body = await r.json();
    assert.deepEqual(Object.keys(body), ['error']);
    assert.equal(body.error.code, 'unauthorized');
    assert.equal(body.error.message, 'Tên đăng nhập hoặc mật khẩu không đúng');
  });

  test('the session API needs both fields', async () => {
    const r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'canbo' }),
    });
    assert.equal(r.status, 400);
    const e = (await r.json()).error;
    assert.equal(e.code, 'invalid');
    assert.equal(e.field, 'password');
  });

  test('the session API returns the user, the CSRF token and the expiry', async () => {
    const t0 = Math.floor(Date.now() / 1000);
    const r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'quantri', password: 'mat-khau-quan-tri' }),
    });
    assert.equal(r.status, 201);
    const body = await r.json();
    assert.equal(body.user.username, 'quantri');
    assert.equal(body.user.is_admin, true);
    assert.equal(body.user.person_id, null);
    assert.ok(Number.isInteger(body.user.id));
    assert.match(body.csrf_token, /^[0-9a-f]{64}$/);
    assert.ok(body.expires_at >= t0 + 28800 - 5 && body.expires_at <= t0 + 28800 + 60);
    const sc = r.headers.get('set-cookie');
    assert.match(sc, /HttpOnly/);
    assert.match(sc, /SameSite=Strict/);

    const c = client(srv.url, { cookie: `kh_session=${sessionCookie(r)}`, csrf: body.csrf_token });
    const me = await c('GET', '/api/v1/session');
    assert.equal(me.status, 200);
    assert.equal(me.json.user.username, 'quantri');
    assert.equal(me.json.user.is_admin, true);
    assert.equal(me.json.csrf_token, body.csrf_token);
  });

  test('DELETE session without CSRF is 403, with it 204, then the cookie is dead', async () => {
    const s = await login(srv.url, 'canbo', 'mat-khau-can-bo');
    let r = await fetch(`${srv.url}/api/v1/session`, { method: 'DELETE', headers: { Cookie: s.cookie } });
    assert.equal(r.status, 403);
    assert.equal((await r.json()).error.code, 'forbidden');
    r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'DELETE', headers: { Cookie: s.cookie, 'X-CSRF-Token': 'f'.repeat(64) },
    });
    assert.equal(r.status, 403);
    r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'DELETE', headers: { Cookie: s.cookie, 'X-CSRF-Token': s.csrf },
    });
    assert.equal(r.status, 204);
    assert.match(r.headers.get('set-cookie'), /kh_session=;.*Max-Age=0/);
    r = await fetch(`${srv.url}/api/v1/session`, { headers: { Cookie: s.cookie } });
    assert.equal(r.status, 401);
  });

  test('the logout form needs the CSRF field and ends the session', async () => {
    const s = await login(srv.url, 'canbo', 'mat-khau-can-bo');
    const home = await client(srv.url, s)('GET', '/');
    assert.match(home.text, /action="\/logout"/);
    let r = await fetch(`${srv.url}/logout`, {
      method: 'POST', headers: { ...FORM, Cookie: s.cookie }, body: '', redirect: 'manual',
    });
    assert.equal(r.status, 403);
    r = await fetch(`${srv.url}/logout`, {
      method: 'POST', headers: { ...FORM, Cookie: s.cookie }, redirect: 'manual',
      body: form({ csrf_token: s.csrf }),
    });
    assert.equal(r.status, 303);
    assert.equal(r.headers.get('location'), '/login');
    assert.match(r.headers.get('set-cookie'), /kh_session=;/);
    r = await fetch(`${srv.url}/api/v1/session`, { headers: { Cookie: s.cookie } });
    assert.equal(r.status, 401);
  });

  test('a forged or malformed session cookie is not a session', async () => {
    for (const v of ['0'.repeat(64), 'abc', 'kh_' + '0'.repeat(40)]) {
      const r = await fetch(`${srv.url}/api/v1/session`, { headers: { Cookie: `kh_session=${v}` } });
      assert.equal(r.status, 401, v);
    }
  });

  test('a bearer token from the CLI authenticates the API without CSRF', async () => {
    const t = cli(['token', 'add', '--db', srv.db, '--username', 'canbo', '--label', 'Báo cáo']);
    assert.equal(t.status, 0, t.stderr);
    assert.match(t.stdout, /^kh_[0-9a-f]{40}\n$/);
    const token = t.stdout.trim();
    const r = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: `Bearer ${token}` } });
    assert.equal(r.status, 200);
    const body = await r.json();
    assert.equal(body.user.username, 'canbo');
    assert.equal(body.user.is_admin, false);
    assert.equal(body.csrf_token, undefined);
  });

  test('forged bearer tokens are 401', async () => {
    for (const tok of ['kh_forged', 'kh_' + '0'.repeat(40), 'x'.repeat(64), '']) {
      const r = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: `Bearer ${tok}` } });
      assert.equal(r.status, 401, tok);
      assert.equal((await r.json()).error.code, 'unauthorized');
    }
  });

  test('a user changes their own password with the old one', async () => {
    addUser(srv.db, 'doimatkhau', 'mat-khau-cu-1');
    const s = await login(srv.url, 'doimatkhau', 'mat-khau-cu-1');
    const c = client(srv.url, s);
    let r = await c('POST', `/api/v1/users/${s.user.id}/password`, { old_password: 'khong-dung', password: 'mat-khau-moi-1' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'old_password');
    r = await c('POST', `/api/v1/users/${s.user.id}/password`, { old_password: 'mat-khau-cu-1', password: 'ngan' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error.field, 'password');
    r = await c('POST', `/api/v1/users/${s.user.id}/password`, { old_password: 'mat-khau-cu-1', password: 'mat-khau-moi-1' });
    assert.equal(r.status, 204);
    await login(srv.url, 'doimatkhau', 'mat-khau-moi-1');

    const page = await c('GET', '/account');
    assert.equal(page.status, 200);
    assert.match(page.text, /Tài khoản của tôi/);
    assert.match(page.text, /Đổi mật khẩu/);
  });
});

describe('login rate limit', () => {
  let srv;
  before(async () => {
    srv = await startServer();
    addUser(srv.db, 'gioihan', 'mat-khau-dung-1');
  });
  after(async () => { await srv.stop(); });

  test('five failures lock the account out with 429, even with the right password', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await fetch(`${srv.url}/api/v1/session`, {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username: 'gioihan', password: `sai-${i}-mat-khau` }),
      });
      assert.equal(r.status, 401, `attempt ${i}`);
    }
    let r = await fetch(`${srv.url}/api/v1/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'gioihan', password: 'mat-khau-dung-1' }),
    });
    assert.equal(r.status, 429);
    const e = (await r.json()).error;
    assert.equal(e.code, 'rate_limited');
    assert.equal(e.message, 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút');

    r = await fetch(`${srv.url}/login`, {
      method: 'POST', headers: FORM, redirect: 'manual',
      body: form({ username: 'gioihan', password: 'mat-khau-dung-1' }),
    });
    assert.equal(r.status, 429);
    assert.match(r.headers.get('content-type'), /text\/html/);
    assert.match(await r.text(), /Đăng nhập sai quá nhiều lần/);
  });
});

describe('user and token commands', () => {
  let db;
  before(() => { ({ db } = freshDb()); });

  test('user add reads the password from stdin and reports the id', () => {
    const r = cli(['user', 'add', '--db', db, '--username', 'Moi.Tao', '--password-stdin'], { input: 'mat-khau-moi\n' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^Đã tạo tài khoản moi\.tao \(id \d+\)\n$/);
  });

  test('user add refuses duplicates, bad names and short passwords with exit 1', () => {
    let r = cli(['user', 'add', '--db', db, '--username', 'moi.tao', '--password-stdin'], { input: 'mat-khau-khac\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /đã có người dùng/);
    r = cli(['user', 'add', '--db', db, '--username', 'có dấu', '--password-stdin'], { input: 'mat-khau-khac\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Tên đăng nhập/);
    r = cli(['user', 'add', '--db', db, '--username', 'ngan', '--password-stdin'], { input: 'ngan\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /ít nhất 8 ký tự/);
  });

  test('usage errors exit 2', () => {
    assert.equal(cli(['user', 'add', '--db', db, '--username', 'x1y2z3']).status, 2);
    assert.equal(cli(['user', 'add', '--db', db, '--password-stdin'], { input: 'mat-khau-moi\n' }).status, 2);
    assert.equal(cli(['user', 'add', '--username', 'abc', '--password-stdin'], { input: 'mat-khau-moi\n' }).status, 2);
    assert.equal(cli(['user', 'xoa', '--db', db]).status, 2);
    assert.equal(cli(['user', 'add', '--db', db, '--username', 'abc', '--password-stdin', '--person-id', 'x'], { input: 'mat-khau-moi\n' }).status, 2);
    assert.equal(cli(['token', 'add', '--db', db]).status, 2);
    assert.equal(cli(['token']).status, 2);
  });

  test('an unmigrated database is refused with a hint to run init', () => {
    const { dir } = freshDb();
    const fresh = `${dir}/trong.db`;
    const r = cli(['user', 'add', '--db', fresh, '--username', 'abc', '--password-stdin'], { input: 'mat-khau-moi\n' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /kehoach init/);
  });

  test('token add prints only the token; unknown users fail', () => {
    let r = cli(['token', 'add', '--db', db, '--username', 'moi.tao']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^kh_[0-9a-f]{40}\n$/);
    r = cli(['token', 'add', '--db', db, '--username', 'khong.co']);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /Không tìm thấy tài khoản/);
  });
});
