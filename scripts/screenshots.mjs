#!/usr/bin/env node
// SPDX-License-Identifier: AGPL-3.0-or-later
// Takes the README's screenshots: starts a demo server with the test harness,
// logs in as vanphong (Chánh Văn phòng Tỉnh ủy) in headless Chromium and saves
// 1280×800 PNGs to docs/screenshots/.
//
//   KH_TODAY=2026-07-01 KH_BIN=build/kehoach node scripts/screenshots.mjs [outdir]
//
// (KH_TODAY fixes the demo's "today": the plans and comments of the demo are
// dated in 2026.)
//
// Needs playwright-core (npm install), Debian's chromium (KH_CHROMIUM to use
// another) and chromium-l10n (else date fields show mm/dd/yyyy). Every page must load without console errors: the script
// stops on the first one rather than publish a picture of a broken page.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/http/harness.mjs';
import { launch, openPage } from '../tests/browser/browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.resolve(process.argv[2] || path.join(root, 'docs/screenshots'));
mkdirSync(outDir, { recursive: true });

const server = await startServer({ demo: true });
const browser = await launch({ vietnameseUi: true });
const saved = [];
try {
  const shot = async (page, watch, name) => {
    await page.evaluate(() => document.fonts.ready);
    watch.assertClean(name);
    const file = path.join(outDir, name);
    await page.screenshot({ path: file, type: 'png', fullPage: false });
    saved.push(file);
  };
  const go = async (page, p) => {
    await page.goto(server.url + p);
    await page.waitForLoadState('load');
  };

  // The login page, logged out, the username typed.
  {
    const { context, page, watch } = await openPage(browser, server.url);
    await go(page, '/login');
    await page.getByLabel('Tên đăng nhập').fill('vanphong');
    await page.getByLabel('Mật khẩu').fill('kehoach-demo');
    await page.getByLabel('Tên đăng nhập').focus();
    await shot(page, watch, 'login.png');
    await context.close();
  }

  const { context, page, watch } = await openPage(browser, server.url, { username: 'vanphong' });

  // The tree today: communes straight under the Tỉnh ủy.
  await go(page, '/orgs');
  await shot(page, watch, 'orgs-tree.png');

  // The same tree on 2020-01-01, chosen in the form: the districts are back.
  await page.getByLabel('Xem cơ cấu tại ngày').fill('2020-01-01');
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Xem', exact: true }).click()]);
  await shot(page, watch, 'orgs-2020.png');

  // The province committee's page.
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: 'Xem cơ cấu hiện nay' }).click()]);
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: 'Tỉnh ủy Sơn Nam', exact: true }).first().click()]);
  await shot(page, watch, 'org.png');

  // Search without diacritics from the top bar.
  const box = page.getByRole('banner').getByRole('searchbox', { name: 'Tìm kiếm' });
  await box.fill('tinh uy');
  await Promise.all([page.waitForNavigation(), box.press('Enter')]);
  await shot(page, watch, 'search.png');

  // A person: the Bí thư Tỉnh ủy, with positions over time.
  await Promise.all([page.waitForNavigation(),
    page.getByRole('main').getByRole('link', { name: 'Lê Đức Thắng', exact: true }).first().click()]);
  await shot(page, watch, 'person.png');

  // Plans: open one from the list by its title.
  const openPlan = async (title) => {
    await go(page, `/plans?q=${encodeURIComponent(title)}`);
    await Promise.all([page.waitForNavigation(),
      page.getByRole('main').getByRole('link', { name: title }).first().click()]);
  };
  // The Tỉnh ủy's programme, drawn as the official document.
  await openPlan('Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh');
  await page.locator('article.plan-doc h2, article.plan-doc h3').nth(1).scrollIntoViewIfNeeded();
  await shot(page, watch, 'plan.png');
  // The Bí thư Tỉnh ủy's plan, out for comment: the comments section.
  await openPlan('Kế hoạch hành động năm 2026 của đồng chí Bí thư Tỉnh ủy');
  await page.locator('section#comments').scrollIntoViewIfNeeded();
  await shot(page, watch, 'plan-comments.png');
  // The quality check of the ward's plan cascaded from the province's.
  await openPlan('Kế hoạch thực hiện Chương trình hành động của Tỉnh ủy năm 2026');
  await Promise.all([page.waitForNavigation(),
    page.getByRole('link', { name: 'Kiểm tra chất lượng', exact: true }).click()]);
  await shot(page, watch, 'plan-check.png');
  // The importer's preview: seed 001 pasted, the source beside the items read.
  await go(page, '/plans/import');
  await page.locator('main textarea').first().fill(readFileSync(
    path.join(root, 'tests/text/corpus/seed_001.txt'), 'utf8'));
  await Promise.all([page.waitForNavigation(),
    page.locator('main form button[type=submit]').first().click()]);
  // Scrolled to the first item whose lead was read, with its choice of org.
  await page.locator('td.import-items select[name=item_lead]').first().evaluate(
    (e) => e.closest('tr').scrollIntoView({ block: 'start' }));
  await shot(page, watch, 'import-preview.png');
  // Compliance of the province for 2026.
  await go(page, '/compliance?year=2026');
  await shot(page, watch, 'compliance.png');
  // Who has not done it yet: the province's dashboard for 2026.
  await go(page, '/dashboard?year=2026');
  await shot(page, watch, 'dashboard.png');
  const province = /\/orgs\/(\d+)\/dashboard/.exec(new URL(page.url()).pathname)[1];
  // The province's indicators, as the appendix of seed 002.
  await go(page, `/orgs/${province}/indicators?year=2026`);
  await shot(page, watch, 'indicators.png');
  // The six-month report campaign: who is on time, late, missing.
  await go(page, '/report-campaigns');
  await Promise.all([page.waitForNavigation(),
    page.getByRole('main').getByRole('link', { name: /Báo cáo 6 tháng/ }).first().click()]);
  await page.getByRole('heading', { name: 'Tình hình gửi báo cáo' }).evaluate(
    (e) => e.scrollIntoView({ block: 'start' }));
  await shot(page, watch, 'report-campaign.png');

  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
for (const f of saved) console.log(path.relative(process.cwd(), f));
