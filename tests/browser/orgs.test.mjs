// SPDX-License-Identifier: AGPL-3.0-or-later
// The org tree in a real browser, as the Chánh Văn phòng Tỉnh ủy (vanphong,
// who reads and manages the whole province): walking down by clicking links
// with the breadcrumb following, the tree as of 2020 (with the districts)
// and as of today (without them), and renaming an org through its form.
import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { client, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

let server;
let browser;
let session; // {context, page, watch} of vanphong
let api; // vanphong through the JSON API
let today; // the server's today, YYYY-MM-DD

before(async () => {
  [server, browser] = await Promise.all([startServer({ demo: true }), launch()]);
  api = client(server.url, await login(server.url, 'vanphong'));
  today = (await api('GET', '/api/v1/orgs')).json.date;
  session = await openPage(browser, server.url, { username: 'vanphong' });
});

// A failed test must not leave its problems to the next one.
beforeEach(() => session?.watch.reset());

after(async () => {
  await session?.context.close();
  await browser?.close();
  await server?.stop();
});

const breadcrumb = (page) => text(page.getByRole('navigation', { name: 'Vị trí' }));
const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const path = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

// The link of an org in the table of children of the current org page.
function childLink(page, name) {
  return page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Số đơn vị trực thuộc' }) })
    .getByRole('link', { name, exact: true });
}

// The names listed directly under a root of the tree page.
async function treeChildren(page, rootName) {
  const root = page.locator('ul.tree > li').filter({ has: page.getByRole('link', { name: rootName, exact: true }) });
  return root.locator(':scope > ul > li > a').allInnerTexts();
}

async function openTree(page) {
  await clickAndWait(page, page.getByRole('navigation', { name: 'Chính' }).getByRole('link', { name: 'Tổ chức', exact: true }));
  assert.equal(new URL(page.url()).pathname, '/orgs');
  assert.equal(await h1(page), 'Cơ cấu tổ chức');
}

// Sets "Xem cơ cấu tại ngày" and submits the form.
async function viewTreeOn(page, iso) {
  await page.getByLabel('Xem cơ cấu tại ngày').fill(iso);
  await clickAndWait(page, page.getByRole('button', { name: 'Xem', exact: true }));
  assert.equal(new URL(page.url()).searchParams.get('date'), iso);
}

test('walking down today\'s tree by clicking, the breadcrumb follows', async () => {
  const { page, watch } = session;
  await openTree(page);
  await clickAndWait(page, page.getByRole('link', { name: 'Tỉnh ủy Sơn Nam', exact: true }).first());
  assert.equal(await h1(page), 'Tỉnh ủy Sơn Nam');
  assert.equal(await breadcrumb(page), 'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam');

  await clickAndWait(page, childLink(page, 'Đảng bộ xã Tân Phong'));
  assert.equal(await h1(page), 'Đảng bộ xã Tân Phong');
  assert.equal(await breadcrumb(page), 'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam › Đảng bộ xã Tân Phong');

  await clickAndWait(page, childLink(page, 'Chi bộ thôn Đồng Xuân'));
  assert.equal(await h1(page), 'Chi bộ thôn Đồng Xuân');
  assert.equal(await breadcrumb(page),
    'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam › Đảng bộ xã Tân Phong › Chi bộ thôn Đồng Xuân');
  // The current page is marked, and is not a link.
  const crumbs = page.getByRole('navigation', { name: 'Vị trí' });
  assert.equal(await crumbs.locator('[aria-current="page"]').innerText(), 'Chi bộ thôn Đồng Xuân');
  assert.equal(await crumbs.getByRole('link', { name: 'Chi bộ thôn Đồng Xuân' }).count(), 0);

  // Back up through the breadcrumb.
  await clickAndWait(page, crumbs.getByRole('link', { name: 'Tỉnh ủy Sơn Nam' }));
  assert.equal(await h1(page), 'Tỉnh ủy Sơn Nam');
  watch.assertClean('today\'s tree');
});

test('as of 2020-01-01 the districts are there; the walk stays on that day', async () => {
  const { page, watch } = session;
  await openTree(page);
  await viewTreeOn(page, '2020-01-01');
  await page.getByText('Cơ cấu tại ngày 01/01/2020.').waitFor();
  const under = await treeChildren(page, 'Tỉnh ủy Sơn Nam');
  for (const d of ['Huyện ủy Lạc Điền', 'Huyện ủy Phú Sơn', 'Thành ủy Vân Hà', 'Đảng ủy Khối Doanh nghiệp tỉnh'])
    assert.ok(under.includes(d), `${d} under the Tỉnh ủy in 2020: ${under.join(', ')}`);
  // The communes of 2025 do not exist yet.
  assert.ok(!under.includes('Đảng bộ xã Lạc Điền'));

  await clickAndWait(page, page.getByRole('link', { name: 'Tỉnh ủy Sơn Nam', exact: true }).first());
  assert.equal(path(page), '/orgs/5?date=2020-01-01');
  assert.equal(await breadcrumb(page), 'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam');

  await clickAndWait(page, childLink(page, 'Huyện ủy Lạc Điền'));
  assert.equal(await h1(page), 'Huyện ủy Lạc Điền');
  assert.equal(await breadcrumb(page), 'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam › Huyện ủy Lạc Điền');
  assert.equal(new URL(page.url()).searchParams.get('date'), '2020-01-01');

  await clickAndWait(page, childLink(page, 'Đảng bộ xã Lạc Thủy'));
  assert.equal(await h1(page), 'Đảng bộ xã Lạc Thủy');
  assert.equal(await breadcrumb(page),
    'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam › Huyện ủy Lạc Điền › Đảng bộ xã Lạc Thủy');
  // Every breadcrumb link keeps the day.
  const hrefs = await page.getByRole('navigation', { name: 'Vị trí' }).getByRole('link')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(hrefs.length, 3);
  for (const h of hrefs) assert.match(h, /\?date=2020-01-01$/);
  assert.equal(await page.getByLabel('Xem tại ngày').inputValue(), '2020-01-01');

  await clickAndWait(page, page.getByRole('navigation', { name: 'Vị trí' }).getByRole('link', { name: 'Cơ cấu tổ chức' }));
  assert.equal(path(page), '/orgs?date=2020-01-01');
  watch.assertClean('2020 tree');
});

test('as of today the districts are gone and the communes sit under the Tỉnh ủy', async () => {
  const { page, watch } = session;
  await openTree(page);
  await viewTreeOn(page, '2020-01-01');
  await viewTreeOn(page, today);
  const under = await treeChildren(page, 'Tỉnh ủy Sơn Nam');
  for (const d of ['Huyện ủy Lạc Điền', 'Huyện ủy Phú Sơn', 'Thành ủy Vân Hà', 'Đảng ủy Khối Doanh nghiệp tỉnh'])
    assert.ok(!under.includes(d), `${d} still listed today`);
  for (const c of ['Đảng bộ xã Lạc Điền', 'Đảng bộ xã Tân Phong', 'Đảng bộ phường Vân Hà', 'Đảng bộ xã Sơn Hà'])
    assert.ok(under.includes(c), `${c} directly under the Tỉnh ủy today: ${under.join(', ')}`);
  assert.equal(await page.getByRole('link', { name: /^Huyện ủy/ }).count(), 0);

  // The district is still reachable through the Tỉnh ủy's history, marked ended.
  await clickAndWait(page, page.getByRole('link', { name: 'Tỉnh ủy Sơn Nam', exact: true }).first());
  assert.equal(await childLink(page, 'Huyện ủy Lạc Điền').count(), 0);
  const events = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Sự kiện' }) });
  await clickAndWait(page, events.getByRole('link', { name: 'Huyện ủy Lạc Điền', exact: true }));
  assert.equal(await h1(page), 'Huyện ủy Lạc Điền');
  assert.match(await text(page.getByRole('status')),
    /^Tổ chức đã giải thể\/hợp nhất, ngừng hoạt động từ ngày 01\/07\/2025/);
  const details = page.locator('table.details');
  assert.match(await text(details), /Ngừng hoạt động từ 01\/07\/2025/);
  assert.match(await text(events), /01\/07\/2025 Giải thể Giải thể «Huyện ủy Lạc Điền»/);
  // An ended org offers no forms to change it.
  assert.equal(await page.getByRole('heading', { name: 'Thay đổi cơ cấu' }).count(), 0);
  watch.assertClean('today\'s tree');
});

// The rename form of the current org page.
function renameForm(page) {
  return page.locator('details').filter({ has: page.locator('summary', { hasText: /^Đổi tên$/ }) });
}

async function openOrgByClicks(page, ...names) {
  await openTree(page);
  await clickAndWait(page, page.getByRole('link', { name: names[0], exact: true }).first());
  for (const n of names.slice(1)) await clickAndWait(page, childLink(page, n));
  assert.equal(await h1(page), names[names.length - 1]);
  return Number(new URL(page.url()).pathname.split('/').pop());
}

test('renaming an org through its form, with an effective date', async () => {
  const { page, watch } = session;
  const id = await openOrgByClicks(page, 'Tỉnh ủy Sơn Nam', 'Đảng bộ xã Tân Phong', 'Chi bộ thôn Phong Niên');
  const form = renameForm(page);
  await form.locator('summary').click();
  assert.equal(await form.getByLabel('Tên mới').inputValue(), 'Chi bộ thôn Phong Niên');
  assert.equal(await form.getByLabel('Có hiệu lực từ ngày').inputValue(), today);
  await form.getByLabel('Tên mới').fill('Chi bộ thôn Phong Niên Thượng');
  await form.getByLabel('Có hiệu lực từ ngày').fill('2024-01-15');
  await form.getByLabel(/^Ghi chú/).fill('Theo Quyết định số 15-QĐ/ĐU của Đảng ủy xã');
  const status = await submitAndWait(page, form.getByRole('button', { name: 'Đổi tên' }), `/orgs/${id}/rename`);
  assert.equal(status, 303);
  assert.equal(path(page), `/orgs/${id}?notice=renamed`);
  assert.equal(await text(page.getByRole('status')), 'Đã đổi tên tổ chức.');
  assert.equal(await h1(page), 'Chi bộ thôn Phong Niên Thượng');
  assert.equal(await breadcrumb(page),
    'Cơ cấu tổ chức › Tỉnh ủy Sơn Nam › Đảng bộ xã Tân Phong › Chi bộ thôn Phong Niên Thượng');

  // History: two versions split on the effective date, and the event.
  const versions = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Đến ngày' }) });
  const rows = (await versions.getByRole('row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.deepEqual(rows.slice(1), [
    '01/10/2015 15/01/2024 Chi bộ thôn Phong Niên CB Đảng bộ xã Tân Phong',
    '15/01/2024 Chi bộ thôn Phong Niên Thượng CB Đảng bộ xã Tân Phong',
  ]);
  const events = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Sự kiện' }) });
  const ev = await text(events.getByRole('row').filter({ hasText: '15/01/2024' }));
  assert.equal(ev, '15/01/2024 Đổi tên «Chi bộ thôn Phong Niên (CB)» → «Chi bộ thôn Phong Niên Thượng (CB)»'
    + ' Theo Quyết định số 15-QĐ/ĐU của Đảng ủy xã');

  // Seen on a day before the rename, the org has its old name.
  await page.getByLabel('Xem tại ngày').fill('2020-01-01');
  await clickAndWait(page, page.getByRole('button', { name: 'Xem', exact: true }));
  assert.equal(await h1(page), 'Chi bộ thôn Phong Niên');
  // The parent lists the old name as of 2020 and the new one today.
  await clickAndWait(page, page.getByRole('navigation', { name: 'Vị trí' }).getByRole('link', { name: 'Đảng bộ xã Tân Phong' }));
  assert.equal(await childLink(page, 'Chi bộ thôn Phong Niên').count(), 1);
  await page.getByLabel('Xem tại ngày').fill(today);
  await clickAndWait(page, page.getByRole('button', { name: 'Xem', exact: true }));
  assert.equal(await childLink(page, 'Chi bộ thôn Phong Niên').count(), 0);
  assert.equal(await childLink(page, 'Chi bộ thôn Phong Niên Thượng').count(), 1);

  const o = await api('GET', `/api/v1/orgs/${id}`);
  assert.equal(o.json.name, 'Chi bộ thôn Phong Niên Thượng');
  watch.assertClean('rename');
});

test('renaming to an empty name is refused with a Vietnamese error, nothing changed', async () => {
  const { page, watch } = session;
  const id = await openOrgByClicks(page, 'Tỉnh ủy Sơn Nam', 'Đảng bộ xã Tân Phong', 'Chi bộ thôn Đồng Xuân');
  const before = await api('GET', `/api/v1/orgs/${id}`);
  const historyBefore = await api('GET', `/api/v1/orgs/${id}/history`);
  assert.equal(before.status, 200);

  const form = renameForm(page);
  await form.locator('summary').click();
  const name = form.getByLabel('Tên mới');
  await name.fill('');
  // The browser's own check stops the empty form first.
  await form.getByRole('button', { name: 'Đổi tên' }).click();
  assert.equal(await name.evaluate((e) => e.validity.valueMissing), true);
  assert.equal(new URL(page.url()).pathname, `/orgs/${id}`);

  // Without that check (an old browser, a hand-made request) the server refuses.
  await form.locator('form').evaluate((f) => { f.noValidate = true; });
  watch.expect(400, `/orgs/${id}/rename`);
  const status = await submitAndWait(page, form.getByRole('button', { name: 'Đổi tên' }), `/orgs/${id}/rename`);
  assert.equal(status, 400);
  assert.equal(await text(page.getByRole('alert')), 'Tên tổ chức không được để trống');
  assert.equal(await h1(page), 'Chi bộ thôn Đồng Xuân');
  assert.equal(await page.locator('html').getAttribute('lang'), 'vi');

  const afterOrg = await api('GET', `/api/v1/orgs/${id}`);
  const historyAfter = await api('GET', `/api/v1/orgs/${id}/history`);
  assert.deepEqual(afterOrg.json, before.json);
  assert.deepEqual(historyAfter.json, historyBefore.json);
  watch.assertClean('empty rename');
});

test('after a refused change the form is there again, with what was typed', {
}, async () => {
  const { page, watch } = session;
  const id = await openOrgByClicks(page, 'Tỉnh ủy Sơn Nam', 'Đảng bộ xã Tân Phong', 'Chi bộ thôn Đồng Xuân');
  const form = renameForm(page);
  await form.locator('summary').click();
  await form.getByLabel('Tên mới').fill('');
  await form.getByLabel(/^Ghi chú/).fill('Ghi chú cần giữ lại');
  await form.locator('form').evaluate((f) => { f.noValidate = true; });
  watch.expect(400, `/orgs/${id}/rename`);
  assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Đổi tên' }), `/orgs/${id}/rename`), 400);
  watch.assertClean('refused rename');
  const again = renameForm(page);
  assert.equal(await again.count(), 1, 'the rename form is shown again');
  assert.equal(await again.getByLabel(/^Ghi chú/).inputValue(), 'Ghi chú cần giữ lại');
  const hrefs = await page.getByRole('navigation', { name: 'Vị trí' }).getByRole('link')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const h of hrefs) assert.doesNotMatch(h, /date=/);
});

test('a name of spaces only is refused like an empty one', {
}, async () => {
  const { page, watch } = session;
  const [org] = (await api('GET', `/api/v1/orgs?q=${encodeURIComponent('Chi bộ thôn Bản Cài')}`)).json.orgs;
  const before = await api('GET', `/api/v1/orgs/${org.id}`);
  await page.goto(`${server.url}/orgs/${org.id}`);
  const form = renameForm(page);
  await form.locator('summary').click();
  await form.getByLabel('Tên mới').fill('   ');
  watch.expect(400, `/orgs/${org.id}/rename`);
  const status = await submitAndWait(page, form.getByRole('button', { name: 'Đổi tên' }), `/orgs/${org.id}/rename`);
  assert.deepEqual((await api('GET', `/api/v1/orgs/${org.id}`)).json, before.json, 'nothing changed');
  assert.equal(status, 400);
  assert.equal(await text(page.getByRole('alert')), 'Tên tổ chức không được để trống');
  watch.assertClean('spaces rename');
});

test('no link on an org or a person page leads to a page the user may not open', {
}, async () => {
  const { page, watch } = session;
  const bad = [];
  for (const p of ['/orgs/5', '/people/2']) {
    await page.goto(`${server.url}${p}`);
    const hrefs = await page.getByRole('main').locator('a[href^="/"]')
      .evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    for (const h of hrefs) {
      const r = await api('GET', h);
      if (r.status !== 200) bad.push(`${p} links ${h} → ${r.status}`);
    }
  }
  watch.assertClean('links');
  assert.deepEqual(bad, []);
});
