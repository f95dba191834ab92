// SPDX-License-Identifier: AGPL-3.0-or-later
// "Theo dõi, đôn đốc" in a real browser, on the demo province as of
// 1 July 2026: the top bar's "Theo dõi" opens the user's own committee; the
// totals and the per-child table agree with the API; a count leads to its
// rows and a row to the plan's item; a child's name to the child's own
// dashboard; the chart is drawn; no console errors on the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, text } from './browser.mjs';

let server, browser, vp, api;

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-07-01' } }), launch()]);
  api = client(server.url, await login(server.url, 'vanphong'));
  vp = await openPage(browser, server.url, { username: 'vanphong' });
});

after(async () => {
  await vp?.context.close();
  await browser?.close();
  await server?.stop();
});

test('from the top bar to an overdue item and down the tree', async () => {
  const { page, watch } = vp;
  await page.goto(`${server.url}/plans`);
  await clickAndWait(page, page.getByRole('banner').getByRole('link', { name: 'Theo dõi', exact: true }));
  const m = /^\/orgs\/(\d+)\/dashboard$/.exec(new URL(page.url()).pathname);
  assert.ok(m, page.url());
  const org = Number(m[1]);
  assert.equal(await text(page.locator('h1')), 'Theo dõi, đôn đốc: Tỉnh ủy Sơn Nam — năm 2026');

  const d = (await api('GET', `/api/v1/orgs/${org}/dashboard?year=2026`)).json;
  assert.ok(d.org.items.overdue > 0, 'the demo has overdue items by July');
  const tiles = await text(page.locator('ul.tiles'));
  assert.match(tiles, new RegExp(`${d.org.plans.missing}/${d.org.plans.orgs} tổ chức chưa có kế hoạch năm 2026`));
  assert.match(tiles, new RegExp(`${d.org.items.overdue} Nội dung quá hạn`));
  assert.equal(await page.locator('table.dashboard tbody tr').count(), d.children.length);
  assert.equal(await page.locator('figure.chart svg').count(), d.children.some((c) => c.items.percent_done !== null) ? 1 : 0);

  // The overdue count → its rows → the item on its plan's page.
  await clickAndWait(page, page.locator('ul.tiles').getByRole('link', { name: /Nội dung quá hạn/ }));
  assert.equal(new URL(page.url()).searchParams.get('list'), 'items_overdue');
  const rows = page.locator('main table tbody tr');
  assert.equal(await rows.count(), d.org.items.overdue);
  const item = rows.first().locator('td').nth(2).getByRole('link');
  const itemText = await text(item);
  await clickAndWait(page, item);
  assert.match(new URL(page.url()).pathname, /^\/plans\/\d+$/);
  assert.match(await text(page.locator('main')), new RegExp(itemText.slice(0, 30).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  // A child's row → the child's own dashboard, whose totals are that row.
  await page.goto(`${server.url}/orgs/${org}/dashboard?year=2026`);
  const child = d.children.find((c) => c.plans.orgs > 1);
  await clickAndWait(page, page.locator('table.dashboard').getByRole('link', { name: child.name, exact: true }));
  assert.equal(await text(page.locator('h1')), `Theo dõi, đôn đốc: ${child.name} — năm 2026`);
  assert.match(await text(page.locator('ul.tiles')),
    new RegExp(`${child.plans.missing}/${child.plans.orgs} tổ chức chưa có kế hoạch`));
  watch.assertClean();
});
