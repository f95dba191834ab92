// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach user` and e-mail addresses: `user add --email` creates the
// account with its address, `user email` sets, changes and (with --email "")
// removes it; a bad address or an unknown account exits 1 and changes
// nothing; a missing --email is bad usage (exit 2). What is stored is read
// back with sqlite3, as the mail queue reads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cli, freshDb } from '../http/harness.mjs';

let db, dir;

function sql(text) {
  const r = spawnSync('sqlite3', [db, text], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`sqlite3: ${r.stderr}`);
  return r.stdout.trim();
}

const emailOf = (u) => sql(`SELECT email FROM users WHERE username = '${u}'`);
const add = (u, extra = []) => cli(['user', 'add', '--db', db, '--username', u, '--password-stdin', ...extra],
  { input: 'mat-khau-dong-lenh\n' });
const setEmail = (u, email) => cli(['user', 'email', '--db', db, '--username', u, '--email', email]);

before(() => { ({ db, dir } = freshDb()); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

test('user add --email: the account with its address; a bad one creates nothing', () => {
  let r = add('Bithu.Xa', ['--email', 'hien.nt@tanphong.sonnam.vn']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã tạo tài khoản bithu\.xa \(id \d+\), thư điện tử hien\.nt@tanphong\.sonnam\.vn/);
  assert.equal(emailOf('bithu.xa'), 'hien.nt@tanphong.sonnam.vn');

  r = add('khongthu');
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stdout, /thư điện tử/);
  assert.equal(emailOf('khongthu'), '');

  r = add('thusai', ['--email', 'thusai@tanphong']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Địa chỉ thư điện tử không hợp lệ/);
  assert.equal(sql("SELECT count(*) FROM users WHERE username = 'thusai'"), '0');

  r = add('thieu', ['--email']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /Cách dùng/);
});

test('user email sets, changes and removes the address; refusals change nothing', () => {
  let r = setEmail('KHONGTHU', 'khong.thu@tanphong.vn');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Thông báo của tài khoản khongthu sẽ được gửi thư về khong\.thu@tanphong\.vn/);
  assert.equal(emailOf('khongthu'), 'khong.thu@tanphong.vn');

  for (const bad of ['khong thu@tanphong.vn', 'khong.thu', 'a@b@c.vn', 'khong.thu@tanphong.',
    'khong.thu@tanphong.vn\nBcc: x@y.vn', `${'x'.repeat(250)}@t.vn`]) {
    r = setEmail('khongthu', bad);
    assert.equal(r.status, 1, bad);
    assert.match(r.stderr, /Địa chỉ thư điện tử (không hợp lệ|dài quá 254 ký tự)/, bad);
  }
  assert.equal(emailOf('khongthu'), 'khong.thu@tanphong.vn');

  r = setEmail('khongco', 'a@tanphong.vn');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /Không tìm thấy tài khoản «khongco»/);

  r = cli(['user', 'email', '--db', db, '--username', 'khongthu']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /kehoach user email --db FILE --username U --email/);

  r = setEmail('khongthu', '');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã bỏ địa chỉ thư điện tử của tài khoản khongthu/);
  assert.equal(emailOf('khongthu'), '');

  // Each change is audited, as from the web.
  assert.equal(sql(`SELECT count(*) FROM audit_log WHERE action = 'user.update'
    AND entity = 'user' AND entity_id = (SELECT id FROM users WHERE username = 'khongthu')`), '2');
});

test('help user shows both forms', () => {
  const r = cli(['help', 'user']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /user add .*\[--email ĐỊA_CHỈ\]/);
  assert.match(r.stdout, /user email --db FILE --username U --email ĐỊA_CHỈ/);
});
