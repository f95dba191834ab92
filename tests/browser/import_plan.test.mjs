// SPDX-License-Identifier: AGPL-3.0-or-later
// The Văn phòng Tỉnh ủy (vanphong) imports a plan written as text in a real
// browser: from the plans page to "Nhập kế hoạch từ văn bản", uploads the
// file for the Tỉnh ủy, sees the preview beside the source with the unknown
// body marked, gives that item's lead to the Văn phòng, saves, and lands on
// the draft plan's page with its items.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../http/harness.mjs';
import { PLAN } from '../http/import_fixtures.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;
let session;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-02-10' } }), launch()]);
  session = await openPage(browser, server.url, { username: 'vanphong' });
});

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));

test('upload, correct a lead in the preview, save as a draft', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/plans`);
  await clickAndWait(page, page.getByRole('link', { name: 'Nhập kế hoạch từ văn bản' }));
  assert.equal(await h1(page), 'Nhập kế hoạch từ văn bản');

  await page.getByLabel('Tệp kế hoạch (.txt, .docx)').setInputFiles({
    name: 'ke-hoach-2035.txt', mimeType: 'text/plain', buffer: Buffer.from(PLAN(2035)),
  });
  await page.getByLabel('Tổ chức chủ kế hoạch').selectOption({ label: 'Tỉnh ủy Sơn Nam' });
  await page.getByLabel('Năm (năm đầu nhiệm kỳ)').fill('2035');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Đọc văn bản và xem trước' }),
    '/plans/import'), 200);
  assert.equal(await h1(page), 'Xem trước kế hoạch nhập từ văn bản');
  assert.match(await text(page.locator('ol.source-lines')), /Ban Tổ chức Tỉnh uỷ chủ trì/);
  assert.equal(await page.locator('table.items tbody tr').count(), 5);
  assert.equal(await text(page.locator('table.items mark.unmatched').first()), 'Hội Cựu Giáo Chức Sơn Nam');
  assert.equal(await page.getByLabel('Tổ chức ứng với Ban Tổ chức Tỉnh uỷ').inputValue() !== '0', true);

  await page.getByLabel('Chủ trì nội dung I.5').selectOption({ label: 'Văn phòng Tỉnh ủy' });
  await page.getByLabel('Thời hạn nội dung I.2').fill('Quý III/2035');
  await page.getByLabel('Bỏ nội dung I.3').check();
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Lưu thành dự thảo kế hoạch' }),
    '/plans/import/save'), 303);
  assert.match(new URL(page.url()).pathname, /^\/plans\/\d+$/);
  const body = await text(page.locator('main'));
  assert.match(body, /công tác xây dựng Đảng năm 2035/i);
  assert.match(body, /rà soát, bổ sung quy hoạch cán bộ/);
  assert.match(body, /Hội Cựu Giáo Chức Sơn Nam vận động hội viên/);
  assert.match(body, /Quý III\/2035/);
  const id = /^\/plans\/(\d+)$/.exec(new URL(page.url()).pathname)[1];
  const plan = await (await page.request.get(`${server.url}/api/v1/plans/${id}`)).json();
  assert.equal(plan.status, 'draft');
  assert.equal(plan.items.length, 4, 'the item ticked "Bỏ" is not saved');
  assert.ok(!plan.items.some((it) => /Ủy ban Kiểm tra/.test(it.lead.as_written || '')), 'I.3 dropped');
  assert.equal(plan.items[3].lead.name, 'Văn phòng Tỉnh ủy', 'the lead corrected in the preview');
  assert.equal(plan.items[3].lead.as_written, 'Hội Cựu Giáo Chức Sơn Nam');
  watch.assertClean();
});
