// SPDX-License-Identifier: AGPL-3.0-or-later
// "Đánh giá, xếp loại chất lượng" in a real browser, on the demo province as
// of 1 June 2026: the secretary of Chi bộ thôn Đồng Xuân opens the commune's
// list, self-assesses the cell for 2026 through the form and lands on its
// page (history, task breakdown); a grade above the points is shown back
// with the rule named; the commune's secretary proposes through the page's
// form; no console errors on the way.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { launch, openPage, submitAndWait, text } from './browser.mjs';

let server, browser, cell, xa, api;
const ids = {};

async function orgId(name) {
  const r = await api('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, name);
  return hit.id;
}

before(async () => {
  [server, browser] = await Promise.all([
    startServer({ demo: true, env: { KH_TODAY: '2026-06-01' } }), launch()]);
  api = client(server.url, await login(server.url, 'admin'));
  ids.cell = await orgId('Chi bộ thôn Đồng Xuân');
  ids.xa = await orgId('Đảng bộ xã Tân Phong');
  cell = await openPage(browser, server.url, { username: 'bithu.chibo' });
  xa = await openPage(browser, server.url, { username: 'bithu.xa' });
});

after(async () => {
  await cell?.context.close();
  await xa?.context.close();
  await browser?.close();
  await server?.stop();
});

test('self-assessment by the cell, proposal by the commune', async () => {
  const { page, watch } = cell;
  await page.goto(`${server.url}/classification?org_id=${ids.xa}&year=2026`);
  assert.equal(await text(page.locator('h1')),
    'Đánh giá, xếp loại chất lượng: Đảng bộ xã Tân Phong — năm 2026');
  const f = page.locator('form[action="/classification"]');
  await f.locator('select[name="org_id"]').selectOption(String(ids.cell));
  await f.locator('select[name="grade"]').selectOption('excellent');
  await f.locator('input[name="general_points"]').fill('10');
  await f.locator('input[name="task_points"]').fill('40');
  watch.expect(409, '/classification');
  let status = await submitAndWait(page, f.getByRole('button', { name: 'Ghi tự đánh giá' }),
    '/classification');
  assert.equal(status, 409);
  assert.match(await text(page.locator('main')), /chỉ cho phép xếp loại tối đa «[^»]+» \(Quy định 366-QĐ\/TW\)/);

  const g = page.locator('form[action="/classification"]');
  await g.locator('select[name="org_id"]').selectOption(String(ids.cell));
  await g.locator('select[name="grade"]').selectOption('not_complete');
  await g.locator('input[name="general_points"]').fill('10');
  await g.locator('input[name="task_points"]').fill('30');
  status = await submitAndWait(page, g.getByRole('button', { name: 'Ghi tự đánh giá' }),
    '/classification');
  assert.equal(status, 303);
  const m = /^\/classification\/(\d+)$/.exec(new URL(page.url()).pathname);
  assert.ok(m, page.url());
  ids.c = Number(m[1]);
  const main = await text(page.locator('main'));
  assert.match(main, /Đã ghi kết quả tự đánh giá/);
  assert.match(main, /Kết quả thực hiện nhiệm vụ theo kế hoạch/);
  assert.match(main, /Quá trình đánh giá, xếp loại/);
  assert.equal(await page.locator('form[action$="/propose"]').count(), 0, 'the cell does not propose');
  watch.assertClean();

  const p = xa.page;
  await p.goto(`${server.url}/classification/${ids.c}`);
  const pf = p.locator(`form[action="/classification/${ids.c}/propose"]`);
  await pf.locator('select[name="grade"]').selectOption('not_complete');
  await pf.locator('input[name="general_points"]').fill('12');
  const tp = pf.locator('input[name="task_points"]');
  if (await tp.count()) await tp.fill('30');
  await pf.locator('textarea[name="note"]').fill('Đảng ủy xã thẩm định');
  status = await submitAndWait(p, pf.getByRole('button', { name: 'Ghi đề xuất' }),
    `/classification/${ids.c}/propose`);
  assert.equal(status, 303);
  const rows = await text(p.locator('table').last());
  assert.match(rows, /Tự đánh giá.*Đã thẩm định, đề xuất.*Đảng ủy xã thẩm định/);
  xa.watch.assertClean();
});
