// SPDX-License-Identifier: AGPL-3.0-or-later
// People and documents in a real browser, as vanphong: a person opened from
// an org's page with their positions and dates; the documents register with
// the central directives; entering a document with a bad number or no title.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;
let session;
let api;

before(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launch()]);
  api = client(server.url, await login(server.url, 'vanphong'));
  session = await openPage(browser, server.url, { username: 'vanphong' });
});

// A failed test must not leave its problems to the next one.
beforeEach(() => session?.watch.reset());

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const nav = (page, name) => page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name, exact: true });

// The cells of each body row of a table, as text.
async function rows(table) {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) =>
    [...tr.cells].map((td) => td.innerText.replace(/\s+/g, ' ').trim())));
}

test('a person opened from an org page shows their positions with dates', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/`);
  await clickAndWait(page, nav(page, 'Tổ chức'));
  await clickAndWait(page, page.getByRole('link', { name: 'Tỉnh ủy Sơn Nam', exact: true }).first());
  const holders = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Họ và tên' }) });
  const row = holders.getByRole('row').filter({ hasText: 'Bí thư Tỉnh ủy' }).first();
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).map((s) => s.trim()),
    ['Lê Đức Thắng', 'Bí thư Tỉnh ủy', '15/10/2020']);
  await clickAndWait(page, row.getByRole('link', { name: 'Lê Đức Thắng' }));

  assert.match(new URL(page.url()).pathname, /^\/people\/\d+$/);
  assert.equal(await h1(page), 'Lê Đức Thắng');
  assert.equal(await text(page.getByRole('navigation', { name: 'Vị trí' })), 'Cán bộ, đảng viên › Lê Đức Thắng');
  assert.equal(await text(page.locator('main > p.muted').first()), 'Bí thư Tỉnh ủy · Tỉnh ủy Sơn Nam');

  const positions = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Đến ngày' }) });
  const got = (await rows(positions)).map((r) => r.slice(0, 5).map((c) => c.replace(/ Thôi từ ngày.*$/, '')));
  // Current positions end "nay"; past ones carry their end date and a badge.
  assert.deepEqual(got.find((r) => r[0] === 'Bí thư Tỉnh ủy'),
    ['Bí thư Tỉnh ủy', 'Người đứng đầu', 'Tỉnh ủy Sơn Nam', '15/10/2020', 'nay']);
  assert.deepEqual(got.find((r) => r[0].startsWith('Chủ tịch UBND tỉnh')),
    ['Chủ tịch UBND tỉnh đã thôi', 'Người đứng đầu', 'Ủy ban nhân dân tỉnh Sơn Nam', '01/10/2015', '15/10/2020']);
  assert.deepEqual(got.find((r) => r[0].startsWith('Phó Bí thư Tỉnh ủy')),
    ['Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh đã thôi', 'Cấp phó', 'Tỉnh ủy Sơn Nam', '01/10/2015', '15/10/2020']);
  for (const r of got) assert.match(r[3], /^\d{2}\/\d{2}\/\d{4}$/, `start date of ${r[0]}`);

  // The org of a position links back to the org.
  await clickAndWait(page, positions.getByRole('row').filter({ hasText: 'Bí thư Tỉnh ủy' }).first()
    .getByRole('link', { name: 'Tỉnh ủy Sơn Nam' }));
  assert.equal(await h1(page), 'Tỉnh ủy Sơn Nam');
  watch.assertClean('person page');
});

test('the people list pages through everyone in scope', async () => {
  const { page, watch } = session;
  await clickAndWait(page, nav(page, 'Cán bộ, đảng viên'));
  assert.equal(await h1(page), 'Cán bộ, đảng viên');
  const list = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Năm sinh' }) });
  assert.ok(await list.locator('tbody tr').count() > 10);
  const shown = await text(page.getByText(/^Hiển thị \d+–\d+ trong \d+ người\.$/));
  await clickAndWait(page, page.getByRole('link', { name: 'Trang sau ›' }));
  assert.notEqual(await text(page.getByText(/^Hiển thị \d+–\d+ trong \d+ người\.$/)), shown);
  await page.getByRole('link', { name: '‹ Trang trước' }).waitFor();
  watch.assertClean('people list');
});

// Checks the register's row of 35-CT/TW and opens the directive.
async function registerShows35(page, watch) {
  await clickAndWait(page, nav(page, 'Văn bản'));
  assert.equal(await h1(page), 'Sổ văn bản');
  const register = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Trích yếu' }) });
  const row = register.getByRole('row').filter({ has: page.getByRole('link', { name: '35-CT/TW', exact: true }) });
  assert.equal(await row.count(), 1, '35-CT/TW in the register');
  const cells = (await row.getByRole('cell').allInnerTexts()).map((s) => s.trim());
  assert.deepEqual(cells.slice(0, 4), ['35-CT/TW', '30/05/2019', 'Chỉ thị', 'Bộ Chính trị']);
  assert.match(cells[4], /^Chỉ thị của Bộ Chính trị về đại hội đảng bộ các cấp/);
  await clickAndWait(page, row.getByRole('link', { name: '35-CT/TW', exact: true }));
  assert.match(await h1(page), /^35-CT\/TW — Chỉ thị của Bộ Chính trị/);
  watch.assertClean('documents');
}

test('the documents register lists 35-CT/TW', async () => {
  const { context, page, watch } = await openPage(browser, server.url, { username: 'admin' });
  try {
    await registerShows35(page, watch);
  } finally {
    await context.close();
  }
});

// The register's scope lets documents of the actor's subtrees (as of today)
// and of their ancestors "flow down" (app/document.c fill_scope, flows_down).
// The Bộ Chính trị and the Ban Bí thư are children of the Ban Chấp hành Trung
// ương, not ancestors of the Tỉnh ủy, so their directives stay out of the
// province's sight; and the documents of an org of the province that ended
// (Đảng ủy Khối Doanh nghiệp tỉnh, dissolved 01/02/2025) drop out of the list
// although each one still opens by its id.
test('the province office sees the Politburo\'s directives and its own past orgs\' documents', {
}, async () => {
  const { page, watch } = session;
  await registerShows35(page, watch);
  await page.goto(`${server.url}/documents`);
  assert.equal(await page.getByRole('link', { name: '65-KH/ĐUK', exact: true }).count(), 1, '65-KH/ĐUK listed');
});

// The "Vào sổ văn bản mới" form, opened.
async function createForm(page) {
  const details = page.locator('details').filter({ has: page.locator('summary', { hasText: 'Vào sổ văn bản mới' }) });
  if (!(await details.evaluate((d) => d.open))) await details.locator('summary').click();
  return details;
}

test('entering a document with a bad number or no title is refused', async () => {
  const { page, watch } = session;
  const total = async () => (await api('GET', '/api/v1/documents?limit=1')).json.total;
  const before = await total();
  assert.equal(typeof before, 'number');
  await page.goto(`${server.url}/documents`);

  // A number that is not one.
  let form = await createForm(page);
  await form.getByLabel(/^Số, ký hiệu/).fill('abc');
  await form.getByLabel('Trích yếu').fill('Kế hoạch thực hiện Chỉ thị 35-CT/TW');
  watch.expect(400, '/documents');
  assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Vào sổ' }), '/documents'), 400);
  assert.match(await text(page.getByRole('alert')), /^Số, ký hiệu văn bản không đúng dạng/);
  // The form is open again with what was typed.
  form = await createForm(page);
  assert.equal(await form.evaluate((d) => d.open), true);
  assert.equal(await form.getByLabel(/^Số, ký hiệu/).inputValue(), 'abc');
  assert.equal(await form.getByLabel('Trích yếu').inputValue(), 'Kế hoạch thực hiện Chỉ thị 35-CT/TW');

  // No title: the browser stops it, and the server too.
  await form.getByLabel(/^Số, ký hiệu/).fill('Số 99 - KH/TU');
  await form.getByLabel('Trích yếu').fill('');
  await form.getByRole('button', { name: 'Vào sổ' }).click();
  assert.equal(await form.getByLabel('Trích yếu').evaluate((e) => e.validity.valueMissing), true);
  await form.locator('form').evaluate((f) => { f.noValidate = true; });
  watch.expect(400, '/documents');
  assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Vào sổ' }), '/documents'), 400);
  assert.equal(await text(page.getByRole('alert')), 'Trích yếu (tên văn bản) không được để trống');
  assert.equal(await total(), before, 'nothing entered');

  // Corrected, it goes in, the number written canonically.
  form = await createForm(page);
  await form.getByLabel(/^Số, ký hiệu/).fill('Số 99 - KH/TU');
  await form.getByLabel('Trích yếu').fill('Kế hoạch thực hiện Chỉ thị 35-CT/TW');
  assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Vào sổ' }), '/documents'), 303);
  assert.match(new URL(page.url()).pathname, /^\/documents\/\d+$/);
  assert.equal(await h1(page), '99-KH/TU — Kế hoạch thực hiện Chỉ thị 35-CT/TW');
  assert.equal(await total(), before + 1);
  watch.assertClean('document form');
});
