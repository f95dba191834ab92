// SPDX-License-Identifier: AGPL-3.0-or-later
// The whole life of a plan in a real browser, with the people seed 000 names:
//  - the head — the Bí thư Đảng ủy xã Tân Phong (bithu.xa) — writes his
//    individual plan for 2028 and sends it for comment;
//  - the Văn phòng Tỉnh ủy (vanphong), for the Tỉnh ủy that manages him,
//    comments on an item; the secretary of his cell (bithu.chibo) requests,
//    on behalf of the cell, a specific content;
//  - the head takes the Tỉnh ủy's comment up (editing the item) and leaves
//    the cell's request unanswered;
//  - sixteen days later (the server restarted on a later day) an ordinary
//    member of the cell escalates the request to the Tỉnh ủy, whose office
//    decides that the head must take it up;
//  - the head approves the plan, then opens an adjustment with its reason,
//    adds the requested content, issues the adjustment, and answers the
//    request; the versions page lists the three versions and the diff shows
//    the added content.
// Each screen is checked, and every page is watched for console errors,
// failed requests and unexpected HTTP errors.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { addUser, client, freshDb, login, startServer } from '../http/harness.mjs';
import { clickAndWait, launch, openPage, submitAndWait, text } from './browser.mjs';

const YEAR = 2028;
const DAY1 = `${YEAR}-01-12`;
const DAY2 = `${YEAR}-01-28`; // 16 days later: past the 15 days to answer
const ITEM1 = 'Chỉ đạo rà soát, bổ sung quy chế làm việc của Đảng ủy xã';
const ITEM1_FIXED = 'Chỉ đạo rà soát, bổ sung quy chế làm việc của Đảng ủy xã và quy chế dân chủ ở cơ sở';
const ITEM2 = 'Dự sinh hoạt định kỳ với chi bộ thôn Đồng Xuân, nắm tình hình đảng viên';
const REQUEST = 'Đề nghị đồng chí bổ sung việc trực tiếp đối thoại với nhân dân thôn Đồng Xuân về làm đường giao thông nông thôn';
const ADDED = 'Đối thoại với nhân dân thôn Đồng Xuân về làm đường giao thông nông thôn';

let db, dir, server, browser;
let planPath, planId;
const pages = {};

const h1 = (page) => text(page.getByRole('heading', { level: 1 }));
const statusOf = async (page) => text(page.locator('table.details tr')
  .filter({ has: page.locator('th', { hasText: /^Trạng thái$/ }) }).locator('td'));
const comments = (page) => page.locator('section#comments article.comment');

async function boot(today) {
  server = await startServer({ db, env: { KH_TODAY: today } });
  for (const u of ['bithu.xa', 'vanphong', 'bithu.chibo', 'dangvien.dongxuan']) {
    await pages[u]?.context.close();
    pages[u] = await openPage(browser, server.url, { username: u });
    // Approve, delete and escalate ask for a confirmation (app.js).
    pages[u].page.on('dialog', (d) => d.accept());
  }
}

before(async () => {
  ({ db, dir } = freshDb({ demo: true }));
  browser = await launch();
  // An ordinary member of the cell Đồng Xuân, with an account of her own.
  server = await startServer({ db, env: { KH_TODAY: DAY1 } });
  const admin = client(server.url, await login(server.url, 'admin'));
  const found = await admin('GET', `/api/v1/search?q=${encodeURIComponent('Chi bộ thôn Đồng Xuân')}&types=org`);
  const cell = found.json.results.find((r) => r.type === 'org' && r.title === 'Chi bộ thôn Đồng Xuân');
  assert.ok(cell, found.text);
  const person = await admin('POST', '/api/v1/people', { full_name: 'Lò Thị Mai', birth_year: 1988, member_org_id: cell.id });
  assert.equal(person.status, 201, person.text);
  const pos = await admin('POST', '/api/v1/positions', {
    person_id: person.json.id, org_id: cell.id, role: 'member', title: 'Đảng viên', valid_from: '2020-01-01' });
  assert.equal(pos.status, 201, pos.text);
  await server.stop();
  addUser(db, 'dangvien.dongxuan', 'kehoach-demo', { personId: person.json.id });
  await boot(DAY1);
});

after(async () => {
  for (const p of Object.values(pages)) await p.context.close();
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function addItem(page, itemText, deadline) {
  const add = page.locator('#add-item details');
  if (!(await add.evaluate((d) => d.open))) await add.locator('summary').click();
  await add.getByLabel('Nội dung, công việc', { exact: true }).fill(itemText);
  await add.getByLabel('Biện pháp cụ thể', { exact: true }).fill('Có lịch cụ thể, báo cáo kết quả với Ban Thường vụ');
  await add.locator('select[name=category]').selectOption({ label: 'Thực hiện trong năm' });
  await add.getByLabel('Chủ trì', { exact: true }).fill('Bí thư Đảng ủy xã');
  await add.getByLabel('Thời gian hoàn thành').fill(deadline);
  const st = await submitAndWait(page, add.getByRole('button', { name: 'Thêm nội dung' }), `${planPath}/items`);
  assert.equal(st, 303);
  assert.equal(await text(page.getByRole('status').first()), 'Đã thêm nội dung vào kế hoạch.');
}

test('the head writes his plan and sends it for comment', async () => {
  const { page, watch } = pages['bithu.xa'];
  await page.goto(`${server.url}/plans/new`);
  assert.equal(await h1(page), 'Lập kế hoạch mới');
  await page.getByLabel('Chủ thể kế hoạch').selectOption({ label: 'Kế hoạch cá nhân của tôi' });
  await page.getByLabel('Năm (năm đầu nhiệm kỳ)').fill(String(YEAR));
  await page.getByLabel(/^I\. Mục đích, yêu cầu/).fill('Nêu gương, cụ thể hóa nghị quyết đại hội đảng bộ xã.');
  const st = await submitAndWait(page, page.getByRole('button', { name: 'Lập dự thảo' }), '/plans');
  assert.equal(st, 303);
  planPath = new URL(page.url()).pathname;
  planId = Number(planPath.split('/').pop());
  assert.equal(await statusOf(page), 'Dự thảo');
  await addItem(page, ITEM1, 'Quý I/2028');
  await addItem(page, ITEM2, 'hằng quý');

  await clickAndWait(page, page.getByRole('link', { name: 'Gửi lấy ý kiến góp ý' }));
  const rows = (await page.locator('table.recipients tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.ok(rows.some((r) => /^Tỉnh ủy Sơn Nam Cấp ủy quản lý cán bộ$/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /^Chi bộ thôn Đồng Xuân Chi bộ nơi sinh hoạt$/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /^Đảng bộ xã Tân Phong Lãnh đạo cơ quan, đơn vị$/.test(r)), rows.join(' | '));
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Gửi lấy ý kiến góp ý' }), `${planPath}/send`), 303);
  assert.equal(await statusOf(page), 'Đang lấy ý kiến góp ý');
  watch.assertClean('write and send');
});

test('the Tỉnh ủy’s office comments; the cell requests', async () => {
  // The Văn phòng receives what is sent to its Tỉnh ủy.
  {
    const { page, watch } = pages.vanphong;
    await page.goto(`${server.url}/inbox`);
    assert.equal(await h1(page), 'Hộp thư');
    const inbox = await text(page.locator('main'));
    assert.match(inbox, /Nguyễn Thế Hiển/, 'the plan is in the office’s inbox');
    await page.goto(server.url + planPath);
    const form = page.locator('form[action$="/comments"]');
    await form.locator('select[name=kind]').selectOption('comment');
    await form.locator('select[name=item_id]').selectOption({ index: 1 });
    await form.locator('select[name=on_behalf_org_id]').selectOption({ label: 'Thay mặt Tỉnh ủy Sơn Nam' });
    await form.locator('textarea[name=text]').fill('Đề nghị bổ sung việc rà soát quy chế dân chủ ở cơ sở.');
    assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Gửi ý kiến' }), `${planPath}/comments`), 303);
    assert.equal(await comments(page).count(), 1);
    assert.match(await text(comments(page).first()), /Góp ý về nội dung số 1 · Thay mặt Tỉnh ủy Sơn Nam/);
    assert.match(await text(comments(page).first()), /Chưa trả lời/);
    watch.assertClean('office comment');
  }
  {
    const { page, watch } = pages['bithu.chibo'];
    await page.goto(`${server.url}/plans?inbox=1`);
    await clickAndWait(page, page.getByRole('link', { name: /Nguyễn Thế Hiển/ }).first());
    assert.equal(new URL(page.url()).pathname, planPath);
    const form = page.locator('form[action$="/comments"]');
    await form.locator('select[name=kind]').selectOption('request');
    await form.locator('select[name=on_behalf_org_id]').selectOption({ label: 'Thay mặt Chi bộ thôn Đồng Xuân' });
    await form.locator('textarea[name=text]').fill(REQUEST);
    assert.equal(await submitAndWait(page, form.getByRole('button', { name: 'Gửi ý kiến' }), `${planPath}/comments`), 303);
    assert.equal(await comments(page).count(), 2);
    const req = comments(page).nth(1);
    assert.match(await text(req), /Đề nghị về toàn bộ kế hoạch · Thay mặt Chi bộ thôn Đồng Xuân \(Phạm Thị Huệ\)/);
    // Not yet escalable: the date from which it will be is said.
    assert.match(await text(req), /kiến nghị lên cấp ủy quản lý từ ngày 27\/01\/2028/);
    assert.equal(await req.getByRole('button', { name: 'Kiến nghị lên cấp ủy quản lý' }).count(), 0);
    watch.assertClean('cell request');
  }
});

test('the head takes the comment up and leaves the request', async () => {
  const { page, watch } = pages['bithu.xa'];
  await page.goto(`${server.url}/inbox`);
  assert.match(await text(page.locator('main')), /Góp ý|góp ý/);
  await page.goto(server.url + planPath);
  // Edit item 1 as the office asked.
  await clickAndWait(page, page.locator('table.items tr').filter({ hasText: ITEM1 }).getByRole('link', { name: 'Sửa' }));
  assert.equal(await h1(page), 'Sửa nội dung kế hoạch');
  await page.locator('main textarea[name=text]').fill(ITEM1_FIXED);
  await submitAndWait(page, page.getByRole('button', { name: 'Lưu' }), new URL(page.url()).pathname.replace('/edit', ''));
  assert.equal(new URL(page.url()).pathname, planPath);
  // Answer the office: taken up, linked to item 1.
  const first = comments(page).first();
  await first.locator('summary', { hasText: 'Trả lời' }).click();
  await first.locator('select[name=answer]').selectOption('accepted');
  await first.locator('select[name=item_id]').selectOption({ index: 1 });
  await first.locator('textarea[name=text]').fill('Đã bổ sung quy chế dân chủ ở cơ sở vào nội dung số 1.');
  const st = await submitAndWait(page, first.getByRole('button', { name: 'Trả lời' }), new URL(await first.locator('form[action$="/answer"]').evaluate((f) => f.action)).pathname);
  assert.equal(st, 303);
  assert.match(await text(comments(page).first()), /Đã tiếp thu — nội dung số 1/);
  assert.match(await text(page.locator('table.items').first()), /quy chế dân chủ ở cơ sở/);
  // The cell's request stays open.
  assert.match(await text(comments(page).nth(1)), /Chưa trả lời/);
  watch.assertClean('answer');
});

test('sixteen days later a cell member escalates; the Tỉnh ủy decides', async () => {
  await server.stop();
  await boot(DAY2);
  {
    const { page, watch } = pages['dangvien.dongxuan'];
    await page.goto(server.url + planPath);
    const req = comments(page).nth(1);
    assert.match(await text(req), /Chưa trả lời \(đã chờ 16 ngày\)/);
    const button = req.getByRole('button', { name: 'Kiến nghị lên cấp ủy quản lý' });
    const action = new URL(await req.locator('form[action$="/escalate"]').evaluate((f) => f.action)).pathname;
    assert.equal(await submitAndWait(page, button, action), 303);
    assert.match(await text(comments(page).nth(1)), /Đã kiến nghị lên Tỉnh ủy Sơn Nam .* đang chờ quyết định/);
    watch.assertClean('escalate');
  }
  {
    const { page, watch } = pages.vanphong;
    await page.goto(`${server.url}/inbox`);
    assert.match(await text(page.locator('main')), /Thay mặt Chi bộ thôn Đồng Xuân|Chi bộ thôn Đồng Xuân/);
    await page.goto(server.url + planPath);
    const req = comments(page).nth(1);
    await req.locator('select[name=decision]').selectOption('upheld');
    await req.getByLabel('Nội dung quyết định').fill('Đề nghị đồng chí Bí thư tiếp thu, bổ sung vào kế hoạch.');
    const action = new URL(await req.locator('form[action$="/decision"]').evaluate((f) => f.action)).pathname;
    assert.equal(await submitAndWait(page, req.getByRole('button', { name: 'Ghi quyết định' }), action), 303);
    assert.match(await text(comments(page).nth(1)), /Quyết định: yêu cầu chủ kế hoạch tiếp thu: Đề nghị đồng chí Bí thư tiếp thu/);
    watch.assertClean('decide');
  }
});

test('the head approves, adjusts with a reason and answers the request', async () => {
  const { page, watch } = pages['bithu.xa'];
  await page.goto(server.url + planPath);
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Phê duyệt, ban hành' }), `${planPath}/approve`), 303);
  assert.equal(await statusOf(page), 'Đã phê duyệt, ban hành');
  assert.equal(await page.locator('#add-item').count(), 0, 'an issued plan has no add form');

  await page.locator('summary', { hasText: 'Điều chỉnh, bổ sung' }).click();
  await page.locator('textarea[name=reason]').fill('Tiếp thu quyết định của Tỉnh ủy về đề nghị của Chi bộ thôn Đồng Xuân');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Mở điều chỉnh, bổ sung' }), `${planPath}/adjust`), 303);
  assert.equal(await statusOf(page), 'Đang điều chỉnh, bổ sung');
  await addItem(page, ADDED, 'Quý II/2028');
  assert.equal(await submitAndWait(page, page.getByRole('button', { name: 'Ban hành điều chỉnh, bổ sung' }), `${planPath}/approve`), 303);
  assert.equal(await statusOf(page), 'Đã phê duyệt, ban hành');

  // The request, now answered: taken up by the added item.
  const req = comments(page).nth(1);
  await req.locator('summary', { hasText: 'Trả lời' }).click();
  await req.locator('select[name=answer]').selectOption('accepted');
  const added = await req.locator('select[name=item_id] option').filter({ hasText: ADDED.slice(0, 20) }).getAttribute('value');
  await req.locator('select[name=item_id]').selectOption(added);
  const action = new URL(await req.locator('form[action$="/answer"]').evaluate((f) => f.action)).pathname;
  assert.equal(await submitAndWait(page, req.getByRole('button', { name: 'Trả lời' }), action), 303);
  assert.match(await text(comments(page).nth(1)), /Đã tiếp thu — nội dung số 3/);

  await clickAndWait(page, page.getByRole('link', { name: 'Các phiên bản', exact: true }));
  const rows = (await page.locator('table.versions tbody tr').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
  assert.equal(rows.length, 3, rows.join(' | '));
  assert.match(rows[0], /^1 Gửi lấy ý kiến/);
  assert.match(rows[1], /^2 Phê duyệt/);
  assert.match(rows[2], /^3 Điều chỉnh, bổ sung .*Tiếp thu quyết định của Tỉnh ủy/);
  await page.goto(`${server.url}${planPath}/diff?a=2&b=3`);
  const diff = page.locator('table.diff');
  assert.match(await text(diff.locator('tr.diff-added')), new RegExp(ADDED.slice(0, 30)));
  // Version 1 (sent) against the issued plan: the text of item 1 changed.
  await page.goto(`${server.url}${planPath}/diff?a=1&b=2`);
  assert.match(await text(page.locator('table.diff')), /quy chế dân chủ ở cơ sở/);
  watch.assertClean('approve and adjust');
});

test('what the others see at the end', async () => {
  const { page, watch } = pages['bithu.chibo'];
  await page.goto(`${server.url}/inbox`);
  // The cell is told how its request was answered and decided.
  assert.match(await text(page.locator('main')), /Chi bộ thôn Đồng Xuân|tiếp thu|quyết định/i);
  await page.goto(server.url + planPath);
  assert.equal(await statusOf(page), 'Đã phê duyệt, ban hành');
  assert.equal(await comments(page).count(), 2);
  for (let i = 0; i < 2; i++) assert.match(await text(comments(page).nth(i)), /Đã tiếp thu/);
  // The plan's history tells the whole story, in order.
  await clickAndWait(page, page.getByRole('link', { name: 'Lịch sử', exact: true }));
  assert.equal(await h1(page), 'Lịch sử kế hoạch');
  const steps = (await page.locator('table.history tbody tr td:nth-child(2)').allInnerTexts()).map((t) => t.trim());
  const order = ['Lập dự thảo kế hoạch', 'Gửi lấy ý kiến góp ý (phiên bản 1)', 'Góp ý', 'Đề nghị, yêu cầu',
    'Tiếp thu ý kiến', 'Kiến nghị lên Tỉnh ủy Sơn Nam', 'Quyết định: yêu cầu chủ kế hoạch tiếp thu',
    'Phê duyệt, ban hành (phiên bản 2)', 'Mở điều chỉnh, bổ sung', 'Ban hành điều chỉnh, bổ sung (phiên bản 3)'];
  let at = -1;
  for (const s of order) {
    const k = steps.indexOf(s, at + 1);
    assert.ok(k > at, `${s} after the previous step: ${steps.join(' | ')}`);
    at = k;
  }
  watch.assertClean('the cell at the end');
  assert.equal(planId > 0, true);
});
