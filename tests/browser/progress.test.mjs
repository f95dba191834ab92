// SPDX-License-Identifier: AGPL-3.0-or-later
// Progress in a real browser (today 10-7-2026): the Chánh Văn phòng Tỉnh ủy
// (vanphong, a member of the Tỉnh ủy: the programme's owner side) opens the
// province's programme, follows an item's "Tiến độ" link, reports it done
// with the meeting's minutes attached, sees the notice and the file in the
// history, downloads it, and back on the plan page sees the item's badge
// "Hoàn thành đúng hạn" and its full bar; the timeline page draws the
// items; a file of a type not allowed shows the form again with the
// message (400). No console error, CSP violation or unannounced HTTP error
// on any page.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;
let session;
let plan;
let item;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-07-10' } }), launch()]);
  const a = client(server.url, await login(server.url, 'admin'));
  plan = (await a('GET', '/api/v1/plans?q=chuong%20trinh%20hanh%20dong')).json.plans
    .find((p) => p.status === 'approved').id;
  item = (await a('GET', `/api/v1/plans/${plan}`)).json.items
    .find((it) => it.deadline.as_written === 'trong năm 2026').id;
  session = await openPage(browser, server.url, { username: 'vanphong' });
});

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));

test('an item reported done with its minutes, seen on the plan page', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/plans/${plan}`);
  const row = page.locator(`tr#item-${item}`);
  assert.match(await text(row.locator('.progress-state')), /^(Chưa đến hạn|Sắp đến hạn|Quá hạn)$/);
  await clickAndWait(page, row.getByRole('link', { name: 'Tiến độ' }));
  assert.equal(await h1(page), 'Tiến độ thực hiện');
  await page.getByLabel('Trạng thái').selectOption({ label: 'Hoàn thành' });
  await page.getByLabel('Tỷ lệ hoàn thành (%)').fill('100');
  await page.getByLabel('Ghi chú').fill('Đã kiện toàn đủ 6 ban theo Quyết định của Ban Thường vụ.');
  await page.getByLabel('Tệp minh chứng').setInputFiles({
    name: 'Biên bản kiện toàn.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% Biên bản\n'),
  });
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Ghi báo cáo' }),
    `/items/${item}/progress`);
  assert.equal(status, 303);
  assert.match(await text(page.getByRole('status')), /Đã ghi báo cáo tiến độ/);
  const history = page.locator('#history');
  assert.match(await text(history), /Đã kiện toàn đủ 6 ban/);
  const link = history.getByRole('link', { name: 'Biên bản kiện toàn.pdf' });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  assert.equal(download.suggestedFilename(), 'Biên bản kiện toàn.pdf');
  assert.match(await text(page.locator('.progress-state').first()), /^Hoàn thành đúng hạn$/);

  await page.goto(`${server.url}/plans/${plan}`);
  assert.equal(await text(row.locator('.progress-state')), 'Hoàn thành đúng hạn');
  assert.equal(await row.locator('progress').getAttribute('value'), '100');
  watch.assertClean('report progress');
});

test('a file of a type not allowed shows the form again with the message', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/items/${item}/progress`);
  await page.getByLabel('Trạng thái').selectOption({ label: 'Đang thực hiện' });
  await page.getByLabel('Tệp minh chứng').setInputFiles({
    name: 'chay-thu.exe', mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]),
  });
  watch.expect(400, `/items/${item}/progress`);
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Ghi báo cáo' }),
    `/items/${item}/progress`);
  assert.equal(status, 400);
  assert.match(await text(page.getByRole('alert')), /không thuộc loại được nhận/);
  watch.assertClean('refused file');
});

test('the timeline draws the programme\'s items', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/plans/${plan}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Mốc thời gian' }));
  assert.equal(await h1(page), 'Mốc thời gian các nội dung');
  assert.ok(await page.locator('svg.timeline g.tl-item').count() >= 9);
  assert.equal(await page.locator(`svg.timeline g.tl-item[data-item="${item}"] rect`).getAttribute('fill'), '#1b6b2f');
  watch.assertClean('timeline');
});
