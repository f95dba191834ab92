// SPDX-License-Identifier: AGPL-3.0-or-later
// The home page shows who you are in the tree: your current positions and
// the orgs where your scope starts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, client, addUser } from './harness.mjs';

let srv;
before(async () => { srv = await startServer({ demo: true }); });
after(async () => { await srv.stop(); });

test('a commune secretary sees both positions (kiêm nhiệm) and her scope', async () => {
  const c = client(srv.url, await login(srv.url, 'bithu.xa'));
  const r = await c('GET', '/');
  assert.equal(r.status, 200);
  assert.match(r.text, /Xin chào, Nguyễn Thế Hiển/);
  assert.match(r.text, /Bí thư Đảng ủy xã Tân Phong/);
  assert.match(r.text, /Chủ tịch HĐND xã Tân Phong/);
  assert.match(r.text, /Phạm vi làm việc[\s\S]*Đảng bộ xã Tân Phong/);
});

test('an account without a person is told it has no scope', async () => {
  addUser(srv.db, 'chua.gan', 'mat-khau-chua-gan');
  const c = client(srv.url, await login(srv.url, 'chua.gan', 'mat-khau-chua-gan'));
  const r = await c('GET', '/');
  assert.equal(r.status, 200);
  assert.match(r.text, /chưa gắn với cán bộ, đảng viên nào/);
  assert.doesNotMatch(r.text, /Phạm vi làm việc/);
});

test('search ranks the query as a phrase before scattered words', async () => {
  const c = client(srv.url, await login(srv.url, 'vanphong'));
  const r = await c('GET', '/api/v1/search?q=tinh%20uy&limit=50');
  assert.equal(r.status, 200);
  const titles = r.json.results.map((x) => x.title);
  assert.equal(titles[0], 'Tỉnh ủy Sơn Nam');
  const phrase = titles.indexOf('Văn phòng Tỉnh ủy');
  const scattered = titles.indexOf('Ủy ban Kiểm tra Đảng ủy UBND tỉnh');
  assert.ok(phrase > 0, 'Văn phòng Tỉnh ủy is found');
  assert.ok(scattered < 0 || phrase < scattered, `phrase ${phrase} before scattered ${scattered}`);
});
