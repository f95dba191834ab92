// SPDX-License-Identifier: AGPL-3.0-or-later
// Administration over HTTP: the accounts page and its forms, the users API
// (list, create, read, update, tokens), e-mail addresses (API, the admin's
// forms, the user's own /account), validation that leaves the database
// unchanged, the audit log, and that nobody but an admin gets in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, addUser, login, client } from './harness.mjs';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

let srv, admin, user, asAdmin, asUser;

before(async () => {
  srv = await startServer();
  addUser(srv.db, 'quantri', 'mat-khau-quan-tri', { admin: true });
  addUser(srv.db, 'canbo', 'mat-khau-can-bo');
  admin = await login(srv.url, 'quantri', 'mat-khau-quan-tri');
  user = await login(srv.url, 'canbo', 'mat-khau-can-bo');
  asAdmin = client(srv.url, admin);
  asUser = client(srv.url, user);
});
after(async () => { await srv.stop(); });

async function usernames() {
  const r = await asAdmin('GET', '/api/v1/users');
  assert.equal(r.status, 200);
  return r.json.users.map((u) => u.username);
}

// Posts a form with the session's cookie and CSRF field.
async function postForm(session, path, fields, { csrf = true } = {}) {
  const body = new URLSearchParams(csrf ? { ...fields, csrf_token: session.csrf } : fields);
  const r = await fetch(srv.url + path, {
    method: 'POST', headers: { ...FORM, Cookie: session.cookie }, body: body.toString(), redirect: 'manual',
  });
  return { status: r.status, headers: r.headers, text: await r.text() };
}

test('a non-admin gets 403 on every admin page and API', async () => {
  for (const p of ['/admin/users', '/admin/audit']) {
    const r = await asUser('GET', p);
    assert.equal(r.status, 403, p);
    assert.match(r.text, /Không có quyền truy cập/);
  }
  for (const p of ['/api/v1/users', '/api/v1/audit', '/api/v1/audit?entity=user']) {
    const r = await asUser('GET', p);
    assert.equal(r.status, 403, p);
    assert.equal(r.json.error.code, 'forbidden');
  }
  let r = await asUser('POST', '/api/v1/users', { username: 'leotquyen', password: 'mat-khau-dai-1' });
  assert.equal(r.status, 403);
  r = await asUser('PATCH', `/api/v1/users/${user.user.id}`, { is_admin: true });
  assert.equal(r.status, 403);
  r = await postForm(user, '/admin/users', { username: 'leotquyen', password: 'mat-khau-dai-1' });
  assert.equal(r.status, 403);
  assert.ok(!(await usernames()).includes('leotquyen'));
});

test('without a session the admin API is 401', async () => {
  const r = await fetch(`${srv.url}/api/v1/users`);
  assert.equal(r.status, 401);
});

test('the accounts page lists accounts with a create form', async () => {
  const r = await asAdmin('GET', '/admin/users');
  assert.equal(r.status, 200);
  assert.match(r.text, /Tài khoản người dùng/);
  assert.match(r.text, /<strong>quantri<\/strong>/);
  assert.match(r.text, /<strong>canbo<\/strong>/);
  assert.match(r.text, /Quản trị viên/);
  assert.match(r.text, /Đang hoạt động/);
  assert.match(r.text, /<form class="stack" method="post" action="\/admin\/users">/);
  assert.ok(r.text.includes(`name="csrf_token" value="${admin.csrf}"`));
  assert.match(r.text, /Tạo tài khoản/);
});

test('an admin creates an account through the API and it can log in', async () => {
  const r = await asAdmin('POST', '/api/v1/users', { username: 'Nguyen.Moi', password: 'mat-khau-moi-1' });
  assert.equal(r.status, 201);
  assert.equal(r.json.user.username, 'nguyen.moi');
  assert.equal(r.json.user.is_admin, false);
  assert.equal(r.json.user.disabled, false);
  assert.equal(r.json.user.person_id, null);
  const s = await login(srv.url, 'nguyen.moi', 'mat-khau-moi-1');
  assert.equal(s.user.id, r.json.user.id);

  const again = await asAdmin('POST', '/api/v1/users', { username: 'NGUYEN.MOI', password: 'mat-khau-moi-2' });
  assert.equal(again.status, 409);
  assert.equal(again.json.error.code, 'conflict');
});

test('an admin account created through the API is an admin', async () => {
  const r = await asAdmin('POST', '/api/v1/users', { username: 'phoquantri', password: 'mat-khau-moi-1', is_admin: true });
  assert.equal(r.status, 201);
  assert.equal(r.json.user.is_admin, true);
  const s = await login(srv.url, 'phoquantri', 'mat-khau-moi-1');
  assert.equal((await client(srv.url, s)('GET', '/api/v1/users')).status, 200);
});

test('invalid input is 400 and leaves the database unchanged', async () => {
  const beforeNames = await usernames();
  const cases = [
    [{ username: 'ab', password: 'mat-khau-dai-1' }, 'username'],
    [{ username: 'có-dấu', password: 'mat-khau-dai-1' }, 'username'],
    [{ username: 'hai tu', password: 'mat-khau-dai-1' }, 'username'],
    [{ username: 'x'.repeat(65), password: 'mat-khau-dai-1' }, 'username'],
    [{ username: 'hople', password: 'ngan' }, 'password'],
    [{ username: 'hople', password: '1234567' }, 'password'],
    [{ username: 'hople' }, 'password'],
    [{ password: 'mat-khau-dai-1' }, 'username'],
    [{ username: 'hople', password: 'mat-khau-dai-1', person_id: 987654 }, 'person_id'],
    [{ username: 'hople', password: 'mat-khau-dai-1', person_id: -1 }, 'person_id'],
    [{ username: 'hople', password: 'mat-khau-dai-1', is_admin: 'yes' }, 'is_admin'],
    [{ username: 42, password: 'mat-khau-dai-1' }, 'username'],
  ];
  for (const [body, field] of cases) {
    const r = await asAdmin('POST', '/api/v1/users', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.error.field, field, JSON.stringify(body));
    assert.ok(r.json.error.message.length > 0);
  }
  let r = await asAdmin('POST', '/api/v1/users', '{"username": "hople", "password": ', { 'Content-Type': 'application/json' });
  assert.equal(r.status, 400);
  const bad = Buffer.from('{"username":"hople","password":"mat-khau-\xff"}', 'latin1');
  r = await fetch(`${srv.url}/api/v1/users`, {
    method: 'POST', body: bad,
    headers: { 'Content-Type': 'application/json', Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf },
  });
  assert.equal(r.status, 400);
  assert.equal((await r.json()).error.code, 'invalid');
  assert.deepEqual(await usernames(), beforeNames);
});

test('the create form redirects back with a notice, and re-renders errors', async () => {
  let r = await postForm(admin, '/admin/users', { username: 'tu.form', password: 'mat-khau-form-1', is_admin: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/users?notice=created');
  const page = await asAdmin('GET', '/admin/users?notice=created');
  assert.match(page.text, /notice-ok[^>]*>Đã tạo tài khoản</);
  assert.match(page.text, /<strong>tu\.form<\/strong>/);

  r = await postForm(admin, '/admin/users', { username: 'tu.form', password: 'mat-khau-form-1' });
  assert.equal(r.status, 409);
  assert.match(r.text, /đã có người dùng/);
  r = await postForm(admin, '/admin/users', { username: 'form2', password: 'ngan' });
  assert.equal(r.status, 400);
  assert.match(r.text, /ít nhất 8 ký tự/);
  assert.match(r.text, /value="form2"/);
  r = await postForm(admin, '/admin/users', { username: 'form3', password: 'mat-khau-form-1' }, { csrf: false });
  assert.equal(r.status, 403);
  assert.ok(!(await usernames()).includes('form3'));
});

test('GET one account: admins any, users themselves only', async () => {
  let r = await asAdmin('GET', `/api/v1/users/${user.user.id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.user.username, 'canbo');
  r = await asUser('GET', `/api/v1/users/${user.user.id}`);
  assert.equal(r.status, 200);
  r = await asUser('GET', `/api/v1/users/${admin.user.id}`);
  assert.equal(r.status, 403);
  r = await asAdmin('GET', '/api/v1/users/999999');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
});

test('PATCH promotes, disables and re-enables; a disabled account cannot log in', async () => {
  const created = await asAdmin('POST', '/api/v1/users', { username: 'sebikhoa', password: 'mat-khau-khoa-1' });
  const id = created.json.user.id;
  const s = await login(srv.url, 'sebikhoa', 'mat-khau-khoa-1');
  const t = await asAdmin('POST', `/api/v1/users/${id}/tokens`, { label: 'thử' });
  assert.equal(t.status, 201);

  let r = await asAdmin('PATCH', `/api/v1/users/${id}`, { is_admin: true });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.is_admin, true);
  assert.equal(r.json.user.disabled, false);
  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { disabled: true, is_admin: false });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.disabled, true);
  assert.equal(r.json.user.is_admin, false);

  assert.equal((await client(srv.url, s)('GET', '/api/v1/session')).status, 401);
  r = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: `Bearer ${t.json.token}` } });
  assert.equal(r.status, 401);
  r = await fetch(`${srv.url}/api/v1/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'sebikhoa', password: 'mat-khau-khoa-1' }),
  });
  assert.equal(r.status, 401);

  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { disabled: false });
  assert.equal(r.status, 200);
  await login(srv.url, 'sebikhoa', 'mat-khau-khoa-1');

  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { disabled: 'yes' });
  assert.equal(r.status, 400);
  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { person_id: 424242 });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'person_id');
  r = await asAdmin('PATCH', '/api/v1/users/999999', { disabled: true });
  assert.equal(r.status, 404);
});

test('an admin cannot demote or disable themself', async () => {
  let r = await asAdmin('PATCH', `/api/v1/users/${admin.user.id}`, { is_admin: false });
  assert.equal(r.status, 409);
  r = await asAdmin('PATCH', `/api/v1/users/${admin.user.id}`, { disabled: true });
  assert.equal(r.status, 409);
  r = await asAdmin('GET', `/api/v1/users/${admin.user.id}`);
  assert.equal(r.json.user.is_admin, true);
  assert.equal(r.json.user.disabled, false);
});

test('the per-user form toggles flags and resets passwords', async () => {
  const created = await asAdmin('POST', '/api/v1/users', { username: 'doiform', password: 'mat-khau-cu-12' });
  const id = created.json.user.id;
  let r = await postForm(admin, `/admin/users/${id}`, { is_admin: '1' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/users?notice=updated');
  assert.equal((await asAdmin('GET', `/api/v1/users/${id}`)).json.user.is_admin, true);
  r = await postForm(admin, `/admin/users/${id}`, { disabled: 'on' });
  assert.equal(r.status, 303);
  let u = (await asAdmin('GET', `/api/v1/users/${id}`)).json.user;
  assert.equal(u.is_admin, false);
  assert.equal(u.disabled, true);
  r = await postForm(admin, `/admin/users/${id}`, {});
  u = (await asAdmin('GET', `/api/v1/users/${id}`)).json.user;
  assert.equal(u.disabled, false);

  r = await postForm(admin, `/admin/users/${id}/password`, { password: 'ngan' });
  assert.equal(r.status, 400);
  r = await postForm(admin, `/admin/users/${id}/password`, { password: 'mat-khau-moi-12' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/admin/users?notice=password');
  await login(srv.url, 'doiform', 'mat-khau-moi-12');

  // The admin's own row keeps its flags whatever the form says.
  r = await postForm(admin, `/admin/users/${admin.user.id}`, {});
  assert.equal(r.status, 303);
  assert.equal((await asAdmin('GET', `/api/v1/users/${admin.user.id}`)).json.user.is_admin, true);
});

test('e-mail addresses through the API: on create and PATCH, in every account read; bad ones are 400 and change nothing', async () => {
  const BAD = /Địa chỉ thư điện tử không hợp lệ/;
  let r = await asAdmin('POST', '/api/v1/users', { username: 'cothu', password: 'mat-khau-thu-1', email: ' co.thu@tanphong.sonnam.vn ' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.user.email, 'co.thu@tanphong.sonnam.vn');
  const id = r.json.user.id;
  r = await asAdmin('POST', '/api/v1/users', { username: 'khongthu', password: 'mat-khau-thu-1' });
  assert.equal(r.json.user.email, '');

  const names = await usernames();
  r = await asAdmin('POST', '/api/v1/users', { username: 'thusai', password: 'mat-khau-thu-1', email: 'thusai@tanphong' });
  assert.equal(r.status, 400);
  assert.equal(r.json.error.field, 'email');
  assert.match(r.json.error.message, BAD);
  assert.deepEqual(await usernames(), names);

  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { email: 'Thu.Moi@Tan-Phong.vn' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.user.email, 'Thu.Moi@Tan-Phong.vn');
  const bad = ['thu', 'thu@', '@tanphong.vn', 'thu@@tanphong.vn', 'thu@tanphong', 'thu@tanphong..vn',
    'co thu@tanphong.vn', 'thu@tanphong.vn\r\nBcc: x@y.vn', '<thu@tanphong.vn>', `${'x'.repeat(250)}@t.vn`, 42];
  for (const email of bad) {
    r = await asAdmin('PATCH', `/api/v1/users/${id}`, { is_admin: true, email });
    assert.equal(r.status, 400, JSON.stringify(email));
    assert.equal(r.json.error.code, 'invalid');
    assert.equal(r.json.error.field, 'email', JSON.stringify(email));
    assert.ok(r.json.error.message.length > 0);
  }
  assert.match((await asAdmin('PATCH', `/api/v1/users/${id}`, { email: 'thu@' })).json.error.message, BAD);
  assert.match((await asAdmin('PATCH', `/api/v1/users/${id}`, { email: `${'x'.repeat(250)}@t.vn` })).json.error.message,
    /dài quá 254 ký tự/);
  let u = (await asAdmin('GET', `/api/v1/users/${id}`)).json.user;
  assert.equal(u.email, 'Thu.Moi@Tan-Phong.vn');
  assert.equal(u.is_admin, false, 'a refused PATCH changes nothing');

  // Other fields leave it; the list carries it; "" and null turn it off.
  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { disabled: false });
  assert.equal(r.json.user.email, 'Thu.Moi@Tan-Phong.vn');
  r = await asAdmin('GET', '/api/v1/users');
  assert.equal(r.json.users.find((x) => x.id === id).email, 'Thu.Moi@Tan-Phong.vn');
  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { email: '' });
  assert.equal(r.json.user.email, '');
  await asAdmin('PATCH', `/api/v1/users/${id}`, { email: 'thu@tanphong.vn' });
  r = await asAdmin('PATCH', `/api/v1/users/${id}`, { email: null });
  assert.equal(r.status, 200);
  assert.equal(r.json.user.email, '');

  // Only admins PATCH, their own address included.
  r = await asUser('PATCH', `/api/v1/users/${user.user.id}`, { email: 'canbo@tanphong.vn' });
  assert.equal(r.status, 403);
  assert.equal((await asUser('GET', `/api/v1/users/${user.user.id}`)).json.user.email, '');

  r = await asAdmin('GET', `/api/v1/audit?entity=user&entity_id=${id}`);
  const change = r.json.entries.find((e) => e.before?.email === '' && e.after?.email === 'thu@tanphong.vn');
  assert.ok(change, 'the change of address is audited');
  assert.equal(change.action, 'user.update');
});

test('e-mail addresses on the accounts page: the create form and each row', async () => {
  let r = await postForm(admin, '/admin/users', { username: 'thu.form', password: 'mat-khau-form-1', email: 'thu.form@tanphong.vn' });
  assert.equal(r.status, 303);
  const id = (await asAdmin('GET', '/api/v1/users')).json.users.find((x) => x.username === 'thu.form').id;
  assert.equal((await asAdmin('GET', `/api/v1/users/${id}`)).json.user.email, 'thu.form@tanphong.vn');
  let page = await asAdmin('GET', '/admin/users');
  assert.match(page.text, /Thư điện tử nhận thông báo/);
  assert.match(page.text, new RegExp(`action="/admin/users/${id}">[\\s\\S]*?name="email"[^>]*value="thu\\.form@tanphong\\.vn"`));

  // A bad address on the create form: 400, the form comes back with it, no account.
  const names = await usernames();
  r = await postForm(admin, '/admin/users', { username: 'thu.form2', password: 'mat-khau-form-1', email: 'thu.form2@tanphong' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Địa chỉ thư điện tử không hợp lệ/);
  assert.match(r.text, /value="thu\.form2@tanphong"/);
  assert.deepEqual(await usernames(), names);

  // A row: a bad address is 400 and changes nothing, not even the flags.
  r = await postForm(admin, `/admin/users/${id}`, { is_admin: '1', email: 'thu form@tanphong.vn' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Địa chỉ thư điện tử không hợp lệ/);
  let u = (await asAdmin('GET', `/api/v1/users/${id}`)).json.user;
  assert.equal(u.email, 'thu.form@tanphong.vn');
  assert.equal(u.is_admin, false);
  r = await postForm(admin, `/admin/users/${id}`, { email: 'doi@tanphong.vn' });
  assert.equal(r.status, 303);
  assert.equal((await asAdmin('GET', `/api/v1/users/${id}`)).json.user.email, 'doi@tanphong.vn');
  r = await postForm(admin, `/admin/users/${id}`, { email: '' });
  assert.equal(r.status, 303);
  assert.equal((await asAdmin('GET', `/api/v1/users/${id}`)).json.user.email, '');
  page = await asAdmin('GET', '/admin/users');
  assert.match(page.text, new RegExp(`action="/admin/users/${id}">[\\s\\S]*?name="email"[^>]*value=""`));
});

test('a user sets their own address on /account', async () => {
  const me = `/api/v1/users/${user.user.id}`;
  let page = await asUser('GET', '/account');
  assert.equal(page.status, 200);
  assert.match(page.text, /Chưa có — không nhận thông báo qua thư/);
  assert.match(page.text, /<form class="stack" method="post" action="\/account\/email">/);
  assert.ok(page.text.includes(`name="csrf_token" value="${user.csrf}"`));

  let r = await postForm(user, '/account/email', { email: 'canbo@tanphong.sonnam.vn' }, { csrf: false });
  assert.equal(r.status, 403);
  r = await postForm(user, '/account/email', { email: 'canbo@tanphong' });
  assert.equal(r.status, 400);
  assert.match(r.text, /Địa chỉ thư điện tử không hợp lệ/);
  assert.match(r.text, /value="canbo@tanphong"/);
  assert.equal((await asUser('GET', me)).json.user.email, '');

  r = await postForm(user, '/account/email', { email: 'canbo@tanphong.sonnam.vn' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account?notice=email');
  assert.equal((await asUser('GET', me)).json.user.email, 'canbo@tanphong.sonnam.vn');
  page = await asUser('GET', '/account?notice=email');
  assert.match(page.text, /Đã lưu địa chỉ thư điện tử/);
  assert.match(page.text, /<td id="email">canbo@tanphong\.sonnam\.vn<\/td>/);

  r = await postForm(user, '/account/email', { email: '' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), '/account?notice=email_off');
  assert.equal((await asUser('GET', me)).json.user.email, '');
  page = await asUser('GET', '/account?notice=email_off');
  assert.match(page.text, /Đã bỏ địa chỉ thư điện tử/);
});

test('tokens: issued once by API, usable as bearer; users only for themselves', async () => {
  let r = await asAdmin('POST', `/api/v1/users/${user.user.id}/tokens`, { label: 'Đồng bộ' });
  assert.equal(r.status, 201);
  assert.match(r.json.token, /^kh_[0-9a-f]{40}$/);
  assert.equal(r.json.label, 'Đồng bộ');
  const me = await fetch(`${srv.url}/api/v1/session`, { headers: { Authorization: `Bearer ${r.json.token}` } });
  assert.equal((await me.json()).user.username, 'canbo');

  r = await asUser('POST', `/api/v1/users/${user.user.id}/tokens`, {});
  assert.equal(r.status, 201);
  r = await asUser('POST', `/api/v1/users/${admin.user.id}/tokens`, {});
  assert.equal(r.status, 403);

  const page = await postForm(admin, `/admin/users/${user.user.id}/tokens`, { label: 'trang' });
  assert.equal(page.status, 201);
  assert.match(page.text, /<code id="token">kh_[0-9a-f]{40}<\/code>/);
});

test('the audit log records account changes, without password hashes', async () => {
  const created = await asAdmin('POST', '/api/v1/users', { username: 'kiemtoan', password: 'mat-khau-kt-12' });
  const id = created.json.user.id;
  await asAdmin('PATCH', `/api/v1/users/${id}`, { is_admin: true });
  let r = await asAdmin('GET', `/api/v1/audit?entity=user&entity_id=${id}`);
  assert.equal(r.status, 200);
  const actions = r.json.entries.map((e) => e.action);
  assert.deepEqual(actions, ['user.update', 'user.create']);
  const [upd, crt] = r.json.entries;
  assert.equal(crt.username, 'quantri');
  assert.equal(crt.user_id, admin.user.id);
  assert.equal(crt.entity, 'user');
  assert.equal(crt.entity_id, id);
  assert.equal(crt.before, null);
  assert.equal(crt.after.username, 'kiemtoan');
  assert.equal(upd.before.is_admin, false);
  assert.equal(upd.after.is_admin, true);
  assert.ok(!JSON.stringify(r.json).includes('argon2'));

  r = await asAdmin('GET', '/api/v1/audit');
  assert.equal(r.status, 200);
  assert.ok(r.json.entries.length >= 2);
  assert.ok(r.json.entries.some((e) => e.action === 'token.create'));

  const page = await asAdmin('GET', `/admin/audit?entity=user&entity_id=${id}`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Nhật ký thay đổi/);
  assert.match(page.text, /<code>user\.create<\/code>/);
  assert.match(page.text, /<code>user\.update<\/code>/);
  assert.ok(!page.text.includes('argon2'));
});
