// SPDX-License-Identifier: AGPL-3.0-or-later
// The top bar's search box in a real browser: Vietnamese typed without
// diacritics, in capitals, or with the other tone placement finds the same
// things; and a user sees only what lies in their scope.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, stripDiacritics, text } from './browser.mjs';

let server;
let browser;
let vanphong; // {context, page, watch}
let api;

before(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launch()]);
  api = client(server.url, await login(server.url, 'vanphong'));
  vanphong = await openPage(browser, server.url, { username: 'vanphong' });
});

// A failed test must not leave its problems to the next one.
beforeEach(() => vanphong?.watch.reset());

after(async () => {
  await vanphong?.context.close();
  await browser?.close();
  await server?.stop();
});

// Types q into the top bar's search box and presses Enter; returns the
// result links of the results page, in order.
async function search(page, q) {
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Tìm kiếm' });
  await box.fill(q);
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), box.press('Enter')]);
  const u = new URL(page.url());
  assert.equal(u.pathname, '/search');
  assert.equal(u.searchParams.get('q'), q);
  // The box keeps what was typed.
  assert.equal(await page.getByRole('banner').getByRole('searchbox', { name: 'Tìm kiếm' }).inputValue(), q);
  return page.getByRole('main').getByRole('listitem').getByRole('link');
}

test('"tinh uy son nam" without diacritics finds the Tỉnh ủy first', async () => {
  const { page, watch } = vanphong;
  await page.goto(`${server.url}/`);
  const results = await search(page, 'tinh uy son nam');
  assert.equal(await results.first().innerText(), 'Tỉnh ủy Sơn Nam');
  assert.equal(await page.getByRole('main').getByRole('heading', { level: 2 }).first().innerText(), 'Tổ chức');
  // The hit leads to the org's page.
  await clickAndWait(page, results.first());
  assert.equal(new URL(page.url()).pathname, '/orgs/5');
  assert.equal(await text(page.getByRole('heading', { level: 1 })), 'Tỉnh ủy Sơn Nam');
  watch.assertClean('search tinh uy son nam');
});

test('capitals and the other tone placement find it too', async () => {
  const { page, watch } = vanphong;
  for (const q of ['TỈNH ỦY', 'Tỉnh uỷ', 'TINH UY SON NAM', 'Tỉnh uỷ Sơn Nam']) {
    const results = await search(page, q);
    assert.equal(await results.first().innerText(), 'Tỉnh ủy Sơn Nam', `first result for «${q}»`);
  }
  watch.assertClean('search variants');
});

test('a person searched without diacritics is found', async () => {
  const { page, watch } = vanphong;
  // A demo person whose name has a đ and tone marks, from the API.
  const { people } = (await api('GET', '/api/v1/people?limit=200')).json;
  const person = people.find((p) => /[đĐ]/.test(p.full_name) && stripDiacritics(p.full_name) !== p.full_name
    && /[ạảãáàặẳẵắằậẩẫấầẹẻẽéèệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳ]/i.test(p.full_name));
  assert.ok(person, 'a person with diacritics in the demo');
  const q = stripDiacritics(person.full_name).toLowerCase();
  assert.match(q, /^[a-z ]+$/);
  const results = await search(page, q);
  const names = await results.allInnerTexts();
  assert.ok(names.includes(person.full_name), `«${q}» finds «${person.full_name}»: ${names.join(', ')}`);
  const section = page.getByRole('main').locator('section')
    .filter({ has: page.getByRole('heading', { name: 'Cán bộ, đảng viên' }) });
  const link = section.getByRole('link', { name: person.full_name, exact: true }).first();
  await clickAndWait(page, link);
  assert.equal(await text(page.getByRole('heading', { level: 1 })), person.full_name);
  watch.assertClean('search a person');
});

test('nothing found is said in Vietnamese', async () => {
  const { page, watch } = vanphong;
  const results = await search(page, 'khong co gi nhu the nay');
  assert.equal(await results.count(), 0);
  await page.getByText('Không tìm thấy kết quả nào cho «khong co gi nhu the nay».').waitFor();
  watch.assertClean('search nothing');
});

test('a cell secretary does not find the Bí thư Tỉnh ủy', async () => {
  const { context, page, watch } = await openPage(browser, server.url, { username: 'bithu.chibo' });
  try {
    // Search works for them: their own cell is found.
    let results = await search(page, 'chi bo thon dong xuan');
    assert.equal(await results.first().innerText(), 'Chi bộ thôn Đồng Xuân');
    for (const q of ['le duc thang', 'Lê Đức Thắng']) {
      results = await search(page, q);
      const names = await results.allInnerTexts();
      assert.ok(!names.includes('Lê Đức Thắng'), `«${q}» found the Bí thư Tỉnh ủy: ${names.join(', ')}`);
    }
    // The same words find him for vanphong, so the difference is the scope.
    const forVanphong = (await api('GET', `/api/v1/search?q=${encodeURIComponent('le duc thang')}`)).json.results;
    assert.ok(forVanphong.some((r) => r.title === 'Lê Đức Thắng'));
    watch.assertClean('scoped search');
  } finally {
    await context.close();
  }
});
