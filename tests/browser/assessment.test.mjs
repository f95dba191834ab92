// SPDX-License-Identifier: AGPL-3.0-or-later
// A year-end self-assessment carried into next year's plan, in a real
// browser (today 15-12-2026). The secretary of xã Tân Phong (bithu.xa) has
// the commune's 2026 plan approved with three items, the first reported
// done, the second in progress (made through the API beforehand). From the
// plan's page he opens the self-assessment, finds the ratings pre-filled,
// rates the rest, writes the shortcomings and a remedy, saves and submits;
// the 2027 plan is created; he carries the remedy into it, sees it as an
// item of the 2027 plan, deletes it there and sees it listed again as a
// remedy not carried — on the 2027 plan's page and on the assessment.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, text } from './browser.mjs';

const REMEDY = 'Tăng cường kiểm tra, giám sát việc thực hiện nghị quyết ở chi bộ';
let server;
let browser;
let session;
let api;
let xa;
const ids = {};

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-12-15' } }), launch()]);
  xa = await login(server.url, 'bithu.xa');
  api = client(server.url, xa);
  const org = (await api('GET', `/api/v1/search?q=${encodeURIComponent('dang bo xa tan phong')}`))
    .json.results.find((r) => r.type === 'org').id;
  ids.org = org;
  let r = await api('POST', '/api/v1/plans', { owner_org_id: org, scope: 'year', year_from: 2026 });
  assert.equal(r.status, 201, r.text);
  ids.plan = r.json.id;
  ids.items = [];
  for (const t of ['Tổ chức hội nghị sơ kết nghị quyết', 'Kiện toàn các chi bộ trực thuộc',
    'Ban hành quy chế làm việc của Đảng ủy']) {
    r = await api('POST', `/api/v1/plans/${ids.plan}/items`,
      { text: t, deadline_text: 'trước ngày 30-11-2026', lead_org_id: org });
    assert.equal(r.status, 201, r.text);
    ids.items.push(r.json.id);
  }
  r = await api('POST', `/api/v1/plans/${ids.plan}/approve`, {});
  assert.equal(r.status, 200, r.text);
  for (const [item, state] of [[ids.items[0], 'done'], [ids.items[1], 'in_progress']]) {
    const fd = new FormData();
    fd.append('csrf_token', xa.csrf);
    fd.append('state', state);
    fd.append('percent', '50');
    const q = await fetch(`${server.url}/items/${item}/progress`,
      { method: 'POST', headers: { Cookie: xa.cookie }, body: fd, redirect: 'manual' });
    assert.equal(q.status, 303, await q.text());
  }
  session = await openPage(browser, server.url, { username: 'bithu.xa' });
  // Deleting an item asks for a confirmation (app.js).
  session.page.on('dialog', (d) => d.accept());
});

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const notice = (page) => text(page.getByRole('status'));
const notCarried = (page) => page.locator('section.not-carried');

test('the secretary rates the items, writes a remedy, saves and submits', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/plans/${ids.plan}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Tự đánh giá kết quả thực hiện kế hoạch' }));
  assert.equal(await h1(page), 'Tự đánh giá kết quả thực hiện kế hoạch');
  assert.equal(new URL(page.url()).pathname, `/plans/${ids.plan}/assessment`);
  const row = (i) => page.locator(`tr#item-${ids.items[i]}`);
  // Pre-filled from the progress.
  assert.equal(await row(0).locator('select').inputValue(), 'done');
  assert.equal(await row(1).locator('select').inputValue(), 'partly');
  assert.equal(await row(2).locator('select').inputValue(), 'not_done');
  await row(1).locator('select').selectOption('not_done');
  await row(1).locator('input[name=note]').fill('Còn hai chi bộ chưa kiện toàn');
  await page.getByLabel('Hạn chế, khuyết điểm').fill('Một số nội dung triển khai chậm');
  await page.getByLabel('Nguyên nhân chủ quan').fill('Chưa sâu sát trong chỉ đạo');
  await page.getByLabel(/^Biện pháp khắc phục/).fill(REMEDY);
  await clickAndWait(page, page.getByRole('button', { name: 'Lưu bản nháp' }));
  assert.equal(await notice(page), 'Đã lưu bản tự đánh giá.');
  assert.match(await text(page.locator('.assessment-counts')),
    /Hoàn thành: 1 · Hoàn thành một phần: 0 · Chưa hoàn thành: 2/);
  assert.equal(await row(1).locator('input[name=note]').inputValue(), 'Còn hai chi bộ chưa kiện toàn');
  await clickAndWait(page, page.getByRole('button', { name: 'Gửi bản tự đánh giá' }));
  assert.equal(await notice(page), 'Đã gửi bản tự đánh giá.');
  assert.match(await text(page.locator('.assessment-status')), /Đã gửi/);
  assert.equal(await page.locator('select[name=rating]').count(), 0, 'frozen once submitted');
  assert.match(await text(notCarried(page)), new RegExp(REMEDY));
  assert.match(await text(notCarried(page)), /Chưa có kế hoạch năm 2027/);
  watch.assertClean('the assessment');
});

test('the remedy goes into the 2027 plan; deleted there, it is listed as not carried', async () => {
  const { page, watch } = session;
  const r = await api('POST', '/api/v1/plans', { owner_org_id: ids.org, scope: 'year', year_from: 2027 });
  assert.equal(r.status, 201, r.text);
  ids.next = r.json.id;
  await page.goto(`${server.url}/plans/${ids.plan}/assessment`);
  await clickAndWait(page, page.getByRole('button', { name: 'Đưa vào kế hoạch năm sau' }));
  assert.equal(await notice(page), 'Đã đưa các biện pháp khắc phục vào kế hoạch năm sau.');
  assert.match(await text(notCarried(page)), /Không có\./);
  assert.match(await text(page.locator('ol.remedies')), /đã đưa vào kế hoạch năm sau/);

  await clickAndWait(page, notCarried(page).getByRole('link'));
  assert.equal(new URL(page.url()).pathname, `/plans/${ids.next}`);
  const item = page.locator('tr[id^=item-]').filter({ hasText: REMEDY });
  assert.equal(await item.count(), 1, 'the remedy is an item of the 2027 plan');
  assert.equal(await page.locator('section.assessment-panel').count(), 0);
  await clickAndWait(page, item.getByRole('button', { name: 'Xóa' }));
  assert.equal(await page.locator('tr[id^=item-]').filter({ hasText: REMEDY }).count(), 0);
  const panel = page.locator('section.assessment-panel');
  assert.match(await text(panel), /Biện pháp chưa đưa vào kế hoạch năm sau/);
  assert.match(await text(panel), new RegExp(REMEDY));

  await clickAndWait(page, panel.getByRole('link', { name: /bản tự đánh giá năm 2026/ }));
  assert.equal(await h1(page), 'Tự đánh giá kết quả thực hiện kế hoạch');
  assert.match(await text(notCarried(page)), new RegExp(REMEDY));
  assert.match(await text(page.locator('ol.remedies').first()), /chưa đưa vào kế hoạch năm sau/);
  watch.assertClean('the carry');
});
