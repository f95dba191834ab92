// SPDX-License-Identifier: AGPL-3.0-or-later
// A head builds a plan in a real browser: the Bí thư Đảng ủy xã Lạc Điền
// (bithu.huyen) starts his individual plan from the plans page, adds three
// items through the item form (one per category, deadlines in three
// shapes), sees the recipients before sending it for comment, sends it and
// approves it — each screen checked — and the plan page printed (print media)
// shows the document alone, without navigation or forms.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;
let session;
let planPath;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-02-10' } }), launch()]);
  session = await openPage(browser, server.url, { username: 'bithu.huyen' });
  // The approve and delete buttons ask for a confirmation (app.js).
  session.page.on('dialog', (d) => d.accept());
});

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const notice = (page) => text(page.getByRole('status'));
const pathOf = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

// The facts table of the plan page: the value of a row.
async function fact(page, name) {
  return text(page.locator('table.details tr').filter({ has: page.locator('th', { hasText: new RegExp(`^${name}$`) }) }).locator('td'));
}

test('a head starts his individual plan', async () => {
  const { page, watch } = session;
  await page.goto(`${server.url}/`);
  await clickAndWait(page, page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Kế hoạch', exact: true }));
  assert.equal(await h1(page), 'Kế hoạch');
  await clickAndWait(page, page.getByRole('link', { name: 'Lập kế hoạch mới' }));
  assert.equal(await h1(page), 'Lập kế hoạch mới');

  const owner = page.getByLabel('Chủ thể kế hoạch');
  const options = await owner.locator('option').allInnerTexts();
  assert.equal(options[0], 'Kế hoạch cá nhân của tôi');
  assert.ok(options.includes('Kế hoạch của Đảng bộ xã Lạc Điền'), options.join(' | '));
  assert.equal(await page.getByLabel('Năm (năm đầu nhiệm kỳ)').inputValue(), '2026');
  // His 2026 plan is in the demo already: this is next year's.
  await page.getByLabel('Năm (năm đầu nhiệm kỳ)').fill('2027');
  await owner.selectOption({ label: 'Kế hoạch cá nhân của tôi' });
  await page.getByLabel(/^Tên kế hoạch/).fill('Kế hoạch hành động năm 2027 của đồng chí Bí thư Đảng ủy xã');
  await page.getByLabel(/^I\. Mục đích, yêu cầu/).fill('Nêu gương, hoàn thành 100% nhiệm vụ được giao.');
  await page.getByLabel(/^III\. Tổ chức thực hiện/).fill('Tự theo dõi, báo cáo Ban Thường vụ hằng quý.');
  await page.getByLabel(/^Văn bản căn cứ/).fill('35-CT/TW');
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Lập dự thảo' }), '/plans');
  assert.equal(status, 303);
  planPath = new URL(page.url()).pathname;
  assert.match(planPath, /^\/plans\/\d+$/);
  assert.equal(await notice(page), 'Đã lập dự thảo kế hoạch.');
  // "KẾ HOẠCH" over the subject, as the document prints it.
  assert.equal(await h1(page), 'KẾ HOẠCH hành động năm 2027 của đồng chí Bí thư Đảng ủy xã');
  assert.equal(await fact(page, 'Trạng thái'), 'Dự thảo');
  assert.equal(await fact(page, 'Thời gian'), 'Năm 2027');
  assert.equal(await fact(page, 'Văn bản căn cứ'), '35-CT/TW');
  const doc = page.locator('article.plan-doc');
  assert.match(await text(doc), /ĐẢNG CỘNG SẢN VIỆT NAM/);
  assert.match(await text(doc), /I\. MỤC ĐÍCH, YÊU CẦU Nêu gương, hoàn thành 100% nhiệm vụ được giao\./);
  for (const g of ['1. Những việc thực hiện cả nhiệm kỳ (gồm công việc thường xuyên)',
    '2. Những công việc thực hiện trong năm', '3. Những công việc phối hợp'])
    assert.equal(await doc.getByRole('heading', { name: g }).count(), 1, g);
  watch.assertClean('the new plan');
});

const ITEMS = [
  { text: 'Giữ gìn phẩm chất đạo đức, lối sống; nêu gương trong sinh hoạt chi bộ', category: 'Thực hiện cả nhiệm kỳ (gồm công việc thường xuyên)',
    deadline: 'thường xuyên', lead: 'Bản thân', shown: /thường xuyên → Thường xuyên/ },
  { text: 'Chỉ đạo xây dựng nghị quyết chuyên đề về chuyển đổi số cấp xã', category: 'Thực hiện trong năm',
    deadline: 'Quý II/2027', lead: 'Ban Thường vụ Đảng ủy', shown: /Quý II\/2027 → 01\/04\/2027–30\/06\/2027/ },
  { text: 'Phối hợp với Chủ tịch UBND xã giải quyết kiến nghị của cử tri', category: 'Phối hợp với cá nhân, cơ quan, đơn vị',
    deadline: '31/3/2027', lead: 'Bí thư Đảng ủy', with: 'Chủ tịch UBND xã', shown: /31\/3\/2027 → 31\/03\/2027/ },
];

test('three items through the item form, each under its category', async () => {
  const { page, watch } = session;
  for (const [i, it] of ITEMS.entries()) {
    const add = page.locator('#add-item details');
    if (!(await add.evaluate((d) => d.open))) await add.locator('summary').click();
    await add.getByLabel('Nội dung, công việc', { exact: true }).fill(it.text);
    await add.getByLabel('Biện pháp cụ thể', { exact: true }).fill('Có lịch, có sản phẩm cụ thể');
    await add.locator('select[name=category]').selectOption({ label: it.category });
    await add.getByLabel('Chủ trì', { exact: true }).fill(it.lead);
    if (it.with) await add.getByLabel(/^Phối hợp với/).fill(it.with);
    await add.getByLabel('Thời gian hoàn thành').fill(it.deadline);
    const status = await submitAndWait(page, add.getByRole('button', { name: 'Thêm nội dung' }), `${planPath}/items`);
    assert.equal(status, 303, `item ${i + 1}`);
    assert.equal(await notice(page), 'Đã thêm nội dung vào kế hoạch.');
    const row = page.locator('table.items tr').filter({ hasText: it.text });
    assert.equal(await row.count(), 1);
    assert.match(await text(row), it.shown);
    assert.match(await text(row), new RegExp(it.lead));
  }
  // Each item sits in the table under its own heading.
  const doc = page.locator('article.plan-doc');
  for (const [i, it] of ITEMS.entries()) {
    const table = doc.locator('h3').nth(i).locator('xpath=following-sibling::*[1]');
    assert.match(await text(table), new RegExp(it.text.slice(0, 30)));
  }
  assert.match(await text(doc.locator('table.items').nth(2)), /Phối hợp với: Chủ tịch UBND xã/);
  // The hint lists the accepted shapes.
  assert.match(await page.locator('#deadline-hint').textContent(), /Quý II\/2026, trong tháng 6\/2026/);
  // An empty text is refused with the typed values kept.
  const add = page.locator('#add-item details');
  if (!(await add.evaluate((d) => d.open))) await add.locator('summary').click();
  await add.getByLabel('Nội dung, công việc', { exact: true }).evaluate((t) => { t.required = false; });
  await add.getByLabel('Thời gian hoàn thành').fill('Quý IV/2026');
  watch.expect(400, `${planPath}/items`);
  const st = await submitAndWait(page, add.getByRole('button', { name: 'Thêm nội dung' }), `${planPath}/items`);
  assert.equal(st, 400);
  assert.match(await text(page.getByRole('alert')), /.+/);
  assert.equal(await page.locator('#add-item').getByLabel('Thời gian hoàn thành').inputValue(), 'Quý IV/2026');
  watch.assertClean('items');
});

test('send for comment: the recipients are shown first', async () => {
  const { page, watch } = session;
  await page.goto(server.url + planPath);
  await clickAndWait(page, page.getByRole('link', { name: 'Gửi lấy ý kiến góp ý' }));
  assert.equal(await h1(page), 'Gửi lấy ý kiến góp ý');
  const rows = (await page.locator('table.recipients tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.ok(rows.length >= 2, rows.join(' | '));
  assert.ok(rows.some((r) => /Chi bộ nơi sinh hoạt$/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /Cấp ủy quản lý cán bộ/.test(r)), rows.join(' | '));
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Gửi lấy ý kiến góp ý' }), `${planPath}/send`);
  assert.equal(status, 303);
  assert.equal(pathOf(page), `${planPath}?notice=sent`);
  assert.equal(await notice(page), 'Đã gửi kế hoạch lấy ý kiến góp ý.');
  assert.equal(await fact(page, 'Trạng thái'), 'Đang lấy ý kiến góp ý');
  assert.match(await fact(page, 'Phiên bản đã gửi, ban hành'), /^1/);
  // The recipients, on screen with their roles and in the document's "Nơi nhận".
  const sentTo = (await page.locator('ul.recipients li').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.deepEqual(sentTo, rows.map((r) => r.replace(/ (Cấp ủy quản lý cán bộ|Lãnh đạo cơ quan, đơn vị|Đảng ủy cơ sở|Chi bộ nơi sinh hoạt|Cấp ủy cấp trên)$/, ' — $1')));
  const docRecipients = await page.locator('.doc-recipients li').allInnerTexts();
  assert.equal(docRecipients.length, rows.length + 1);
  assert.equal(docRecipients.at(-1), '- Lưu VP.');
  watch.assertClean('send');
});

test('approve: the plan is issued and can no longer be edited', async () => {
  const { page, watch } = session;
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Phê duyệt, ban hành' }), `${planPath}/approve`);
  assert.equal(status, 303);
  assert.equal(await notice(page), 'Đã phê duyệt, ban hành kế hoạch.');
  assert.equal(await fact(page, 'Trạng thái'), 'Đã phê duyệt, ban hành');
  assert.equal(await page.locator('#add-item').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Sửa', exact: true }).count(), 0);
  assert.equal(await page.locator('summary', { hasText: 'Điều chỉnh, bổ sung' }).count(), 1);
  assert.match(await text(page.locator('.doc-date')), /^ngày \d+ tháng \d+ năm \d{4}$/);

  await clickAndWait(page, page.getByRole('link', { name: 'Các phiên bản', exact: true }));
  const rows = (await page.locator('table.versions tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.equal(rows.length, 2);
  assert.match(rows[0], /^1 Gửi lấy ý kiến/);
  assert.match(rows[1], /^2 Phê duyệt/);
  watch.assertClean('approve');
});

test('printed, the plan page is the document alone', async () => {
  const { page, watch } = session;
  await page.goto(server.url + planPath);
  await page.emulateMedia({ media: 'print' });
  try {
    assert.equal(await page.locator('header.topbar').isVisible(), false, 'no top bar');
    assert.equal(await page.getByRole('navigation', { name: 'Chính' }).isVisible(), false, 'no navigation');
    assert.equal(await page.getByRole('navigation', { name: 'Vị trí' }).isVisible(), false, 'no breadcrumb');
    assert.equal(await page.locator('table.details').isVisible(), false);
    assert.equal(await page.locator('.owner-actions').isVisible(), false);
    assert.equal(await page.locator('.plan-links').isVisible(), false);
    assert.equal(await page.locator('form:visible').count(), 0, 'no form');
    const doc = page.locator('article.plan-doc');
    assert.equal(await doc.isVisible(), true);
    assert.equal(await page.locator('.doc-party-name').isVisible(), true);
    assert.equal(await page.locator('.doc-sign').isVisible(), true);
    for (const it of ITEMS) assert.equal(await doc.getByText(it.text).isVisible(), true, it.text);
    // Numbered items; the screen-only understanding of deadlines is gone.
    assert.deepEqual(await doc.locator('td.no:visible').allInnerTexts(), ['1', '1', '1']);
    assert.equal(await doc.locator('.deadline-read:visible').count(), 0);
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.length > 1000);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
  watch.assertClean('print');
});
