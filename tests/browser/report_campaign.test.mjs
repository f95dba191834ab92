// SPDX-License-Identifier: AGPL-3.0-or-later
// A report campaign from opening to the compiled report, in a real browser:
// the Văn phòng Tỉnh ủy opens the six-month report of 2026 from "Báo cáo"
// (the upper-base committees already past due, the communes due 10 June,
// one indicator in the appendix); the Bí thư Đảng ủy xã Tân Phong finds his
// report, sees it pre-filled with his plan's progress, writes it, enters his
// figure and submits; the office returns it with a reason; he sees the
// reason, revises and submits again; the office accepts it (the figure
// locks); the province's compiled report shows the figures per commune and
// their sum, and the committees that have not reported; its PDF downloads and
// reads back.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';
let server, browser, office, xa, dir;
const ids = {};

const sql = (q) => execFileSync('sqlite3', [server.db], { input: q, encoding: 'utf8' }).trim();
const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const notice = (page) => text(page.locator('.notice-ok'));

before(async () => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(path.join(TMP, 'report-browser-'));
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-06-05' } }), launch()]);
  const org = (name) => Number(sql(`SELECT org_id FROM org_versions WHERE name = '${name}' AND valid_to IS NULL;`));
  ids.province = org('Tỉnh ủy Sơn Nam');
  ids.xa = org('Đảng bộ xã Tân Phong');
  ids.lacdien = org('Đảng bộ xã Lạc Điền');
  sql(`INSERT INTO indicators(org_id, name, unit, year_from, year_to, created_at, updated_at)
       VALUES (${ids.province}, 'Kết nạp đảng viên mới', 'đảng viên', 2025, 2030, 0, 0);`);
  ids.ind = Number(sql('SELECT max(id) FROM indicators;'));
  sql(`INSERT INTO indicator_values(indicator_id, org_id, period, year, value, entered_at)
       VALUES (${ids.ind}, ${ids.lacdien}, 'h1', 2026, 7, 0);`);
  office = await openPage(browser, server.url, { username: 'vanphong' });
  xa = await openPage(browser, server.url, { username: 'bithu.xa' });
});

after(async () => {
  await office?.context.close();
  await xa?.context.close();
  await browser?.close();
  await server?.stop();
});

test('the office opens the campaign', async () => {
  const { page, watch } = office;
  await page.goto(`${server.url}/`);
  await clickAndWait(page, page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Báo cáo', exact: true }));
  assert.equal(await h1(page), 'Báo cáo định kỳ, sơ kết, tổng kết');
  await clickAndWait(page, page.getByRole('link', { name: 'Mở đợt báo cáo' }));
  assert.equal(await h1(page), 'Mở đợt báo cáo');
  await page.getByLabel('Cấp ủy mở đợt').selectOption({ label: 'Tỉnh ủy Sơn Nam' });
  await page.getByLabel('Loại báo cáo').selectOption({ label: 'Báo cáo 6 tháng' });
  await page.getByLabel('Từ năm').fill('2026');
  await page.getByLabel('Số công văn').fill('85-CV/TU');
  await page.getByLabel(/Chỉ tiêu của phụ lục/).fill(String(ids.ind));
  await page.getByLabel('Cấp trên cơ sở').fill('2026-06-01');
  await page.getByLabel('Cấp cơ sở', { exact: true }).fill('2026-06-10');
  await page.getByLabel('Hội nghị từ ngày').fill('2026-07-01');
  await page.getByLabel('đến ngày').fill('2026-07-15');
  const status = await submitAndWait(page, page.getByRole('button', { name: 'Mở đợt báo cáo' }), '/report-campaigns');
  assert.equal(status, 303);
  assert.match(new URL(page.url()).pathname, /^\/report-campaigns\/\d+$/);
  ids.campaign = Number(new URL(page.url()).pathname.split('/').pop());
  assert.equal(await notice(page), 'Đã mở đợt báo cáo; các đơn vị đã được thông báo.');
  assert.equal(await h1(page), 'Báo cáo 6 tháng năm 2026');
  // The upper-base committees are past due already.
  assert.match(await text(page.locator('li[data-state=missing]')), /^2 Chưa nộp \(quá hạn\)$/);
  watch.assertClean('opening');
});

test('the commune drafts, fills its figure and submits', async () => {
  const { page, watch } = xa;
  await page.goto(`${server.url}/report-campaigns`);
  await clickAndWait(page, page.getByRole('link', { name: 'Báo cáo 6 tháng năm 2026' }));
  await clickAndWait(page, page.getByRole('link', { name: 'Đảng bộ xã Tân Phong' }));
  assert.equal(await h1(page), 'Báo cáo của Đảng bộ xã Tân Phong');
  ids.report = Number(new URL(page.url()).pathname.split('/').pop());
  const first = page.getByLabel(/^I\. Kết quả lãnh đạo/);
  assert.match(await first.inputValue(), /Trong năm 2026, Đảng bộ xã Tân Phong/);
  await page.getByLabel('Kết nạp đảng viên mới').fill('12');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Lưu số liệu' }), `/reports/${ids.report}/figures`), 303);
  assert.equal(await notice(page), 'Đã lưu số liệu phụ lục.');
  await page.getByLabel(/^I\. Kết quả lãnh đạo/).fill('Sáu tháng đầu năm, Đảng ủy xã hoàn thành 9/12 nội dung.');
  await page.getByLabel(/^II\. Hạn chế/).fill('Thu ngân sách đạt thấp.');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Lưu báo cáo' }), `/reports/${ids.report}`), 303);
  assert.equal(await notice(page), 'Đã lưu báo cáo.');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Gửi báo cáo' }), `/reports/${ids.report}/submit`), 303);
  assert.equal(await notice(page), 'Đã gửi báo cáo lên cấp trên.');
  assert.equal(await text(page.locator('dd.report-status')), 'Đã gửi');
  assert.equal(await text(page.locator('dd.report-timeliness')), 'Đúng hạn');
  watch.assertClean('submitting');
});

test('the office returns it, the commune resubmits, the office accepts', async () => {
  const o = office.page;
  await o.goto(`${server.url}/report-campaigns/${ids.campaign}`);
  await clickAndWait(o, o.getByRole('link', { name: 'Đảng bộ xã Tân Phong' }));
  // A return without a reason is refused by the form itself (required).
  await o.getByLabel('Lý do trả lại').fill('Đề nghị nêu rõ nguyên nhân hạn chế');
  assert.equal(await submitAndWait(o, o.getByRole('button', { name: 'Trả lại báo cáo' }), `/reports/${ids.report}/return`), 303);
  assert.equal(await notice(o), 'Đã trả lại báo cáo để đơn vị bổ sung, sửa chữa.');

  const p = xa.page;
  await p.goto(`${server.url}/reports/${ids.report}`);
  assert.match(await text(p.locator('.notice-info')), /Cấp trên trả lại: Đề nghị nêu rõ nguyên nhân hạn chế/);
  await p.getByLabel(/^II\. Hạn chế/).fill('Thu ngân sách đạt thấp do doanh nghiệp khó khăn (khách quan) và cấp ủy chưa sâu sát (chủ quan).');
  assert.equal(await submitAndWait(p, p.getByRole('button', { name: 'Lưu báo cáo' }), `/reports/${ids.report}`), 303);
  assert.equal(await submitAndWait(p, p.getByRole('button', { name: 'Gửi báo cáo' }), `/reports/${ids.report}/submit`), 303);

  await o.goto(`${server.url}/reports/${ids.report}`);
  assert.match(await text(o.locator('article.report-body')), /cấp ủy chưa sâu sát \(chủ quan\)/);
  assert.equal(await submitAndWait(o, o.getByRole('button', { name: 'Chấp nhận báo cáo' }), `/reports/${ids.report}/accept`), 303);
  assert.equal(await notice(o), 'Đã chấp nhận báo cáo; số liệu của đơn vị đã được khóa.');
  assert.match(await text(o.locator('table.appendix')), /đã khóa/);
  assert.equal(sql(`SELECT locked FROM indicator_values WHERE org_id = ${ids.xa} AND indicator_id = ${ids.ind};`), '1');
  office.watch.assertClean('deciding');
  xa.watch.assertClean('revising');
});

test('the compiled report sums the communes, lists the missing, exports its PDF', async () => {
  const { page, watch } = office;
  await page.goto(`${server.url}/report-campaigns/${ids.campaign}`);
  await clickAndWait(page, page.getByRole('link', { name: 'Báo cáo tổng hợp của Tỉnh ủy Sơn Nam' }));
  assert.equal(await h1(page), 'Báo cáo tổng hợp');
  const breakdown = page.locator('table.breakdown');
  const row = (name) => text(breakdown.locator('tr').filter({ hasText: name }).locator('td').last());
  assert.equal(await row('Đảng bộ xã Tân Phong'), '12');
  assert.equal(await row('Đảng bộ xã Lạc Điền'), '7');
  assert.equal(await text(breakdown.locator('tr.total th').last()), '19');
  const late = await text(page.locator('ul.late'));
  assert.match(late, /Đảng bộ các cơ quan Đảng tỉnh: Chưa nộp \(quá hạn\)/);
  assert.match(late, /Đảng bộ Ủy ban nhân dân tỉnh: Chưa nộp \(quá hạn\)/);
  assert.doesNotMatch(late, /Tân Phong/);
  watch.assertClean('the compiled report');
  // A download ends the page's request as aborted (Chromium's way): not a
  // problem of the page.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải về PDF' }).click(),
  ]);
  const file = path.join(dir, 'tong-hop.pdf');
  await download.saveAs(file);
  assert.match(execFileSync('pdfinfo', [file], { encoding: 'utf8' }), /A4/);
  const t = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/[ \t]+/g, ' ');
  for (const want of ['BÁO CÁO', 'Báo cáo 6 tháng năm 2026', 'Kết nạp đảng viên mới', 'Đảng bộ xã Tân Phong',
    'Chưa nộp (quá hạn)'])
    assert.ok(t.includes(want), `${want} in the PDF:\n${t}`);
  watch.reset();
});
