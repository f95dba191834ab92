// SPDX-License-Identifier: AGPL-3.0-or-later
// Logging in and out in a real browser: the Vietnamese login page, a wrong
// password, the way back to the page asked for (next=), and logout.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, loginForm, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;

before(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launch()]);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the login page is in Vietnamese', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/login`);
    assert.equal(await page.locator('html').getAttribute('lang'), 'vi');
    assert.match(await page.title(), /^Đăng nhập/);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.getByLabel('Mật khẩu').waitFor();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
    // Logged out: no navigation, no search box, no logout button.
    assert.equal(await page.getByRole('navigation', { name: 'Chính' }).count(), 0);
    assert.equal(await page.getByRole('searchbox').count(), 0);
    watch.assertClean('login page');
  } finally {
    await context.close();
  }
});

test('a wrong password shows a Vietnamese error and stays on /login', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('vanphong');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    watch.expect(401, '/login');
    const status = await submitAndWait(page, page.getByRole('button', { name: 'Đăng nhập' }), '/login');
    assert.equal(status, 401);
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(await text(page.getByRole('alert')), 'Tên đăng nhập hoặc mật khẩu không đúng');
    // The username is kept, the password is not.
    assert.equal(await page.getByLabel('Tên đăng nhập').inputValue(), 'vanphong');
    assert.equal(await page.getByLabel('Mật khẩu').inputValue(), '');
    assert.equal((await page.context().cookies()).filter((c) => c.name === 'kh_session').length, 0);
    watch.assertClean('wrong password');
  } finally {
    await context.close();
  }
});

test('the right password lands on the home page', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/login`);
    await loginForm(page, server.url, 'vanphong');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.match(await text(page.getByRole('heading', { level: 1 })), /^Xin chào, /);
    assert.match(await text(page.getByRole('banner')), /vanphong/);
    const nav = page.getByRole('navigation', { name: 'Chính' });
    for (const label of ['Tổ chức', 'Cán bộ, đảng viên', 'Văn bản'])
      await nav.getByRole('link', { name: label, exact: true }).waitFor();
    // Not an admin: no admin link.
    assert.equal(await nav.getByRole('link', { name: 'Quản trị' }).count(), 0);
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kh_session');
    assert.ok(cookie, 'session cookie set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    watch.assertClean('home page');
  } finally {
    await context.close();
  }
});

test('a protected page sends to /login and, after login, back to that page', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/orgs/5?date=2020-01-01`);
    const u = new URL(page.url());
    assert.equal(u.pathname, '/login');
    assert.equal(u.searchParams.get('next'), '/orgs/5?date=2020-01-01');
    await loginForm(page, server.url, 'vanphong');
    const back = new URL(page.url());
    assert.equal(back.pathname + back.search, '/orgs/5?date=2020-01-01');
    await page.getByRole('heading', { level: 1, name: 'Tỉnh ủy Sơn Nam' }).waitFor();
    watch.assertClean('next=');
  } finally {
    await context.close();
  }
});

test('next= never leaves the site', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/login?next=${encodeURIComponent('//example.com/x')}`);
    await loginForm(page, server.url, 'vanphong');
    const u = new URL(page.url());
    assert.equal(u.origin, server.url);
    assert.equal(u.pathname, '/');
    watch.assertClean('open redirect');
  } finally {
    await context.close();
  }
});

test('logout ends the session', async () => {
  const { context, page, watch } = await openPage(browser, server.url, { username: 'bantochuc' });
  try {
    const [cookie] = (await context.cookies()).filter((c) => c.name === 'kh_session');
    assert.ok(cookie);
    const api = client(server.url, { cookie: `kh_session=${cookie.value}` });
    assert.equal((await api('GET', '/api/v1/session')).status, 200);

    await clickAndWait(page, page.getByRole('button', { name: 'Đăng xuất' }));
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    assert.equal((await context.cookies()).filter((c) => c.name === 'kh_session').length, 0);

    // The old token is dead on the server too, not just forgotten by the browser.
    assert.equal((await api('GET', '/api/v1/session')).status, 401);
    await page.goto(`${server.url}/orgs`);
    assert.equal(new URL(page.url()).pathname, '/login');
    // Going back shows no private page either.
    await page.goto(`${server.url}/`);
    assert.equal(new URL(page.url()).pathname, '/login');
    watch.assertClean('logout');
  } finally {
    await context.close();
  }
});

test('the pages carry a strict CSP, and the watcher sees a violation', async () => {
  const { context, page, watch } = await openPage(browser, server.url);
  try {
    const resp = await page.goto(`${server.url}/login`);
    const csp = resp.headers()['content-security-policy'];
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    watch.assertClean('login page');
    // An injected inline script is blocked and reported.
    const reported = page.waitForEvent('console', (m) => m.text().startsWith('CSP violation: script-src'));
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.khInjected = true';
      document.body.append(s);
    });
    await reported;
    assert.equal(await page.evaluate(() => window.khInjected), undefined);
    assert.ok(watch.problems.some((p) => p.includes('CSP violation: script-src')), watch.problems.join('\n'));
    watch.problems.length = 0;
  } finally {
    await context.close();
  }
});

// Chromium asks every site for /favicon.ico unless the page declares an
// icon; a 404 there would be a console error on every first page view. The
// layout declares an inline one.
test('the browser finds a favicon', async () => {
  const { context, page } = await openPage(browser, server.url);
  try {
    await page.goto(`${server.url}/login`);
    const declared = await page.locator('link[rel~="icon"]').count();
    const r = await fetch(`${server.url}/favicon.ico`);
    assert.ok(declared > 0 || r.ok, `no <link rel=icon> and /favicon.ico answers ${r.status}`);
  } finally {
    await context.close();
  }
});
