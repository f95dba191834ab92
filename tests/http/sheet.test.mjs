// SPDX-License-Identifier: AGPL-3.0-or-later
// Bulk edits with Excel over HTTP, on the demo province: a plan of xã Lạc
// Điền with three items; its page links "Sửa hàng loạt bằng Excel"; the
// item list downloaded as XLSX (page route and API), edited as a
// spreadsheet program would (unzip, change the sheet, zip), uploaded on the
// page — a dry run first, then for real — and the report and the changed
// plan checked; wrong rows reported by row and column with nothing written;
// the API taking the raw workbook as its body (while a JSON route still
// refuses invalid UTF-8); another plan's file refused; the cell secretary of
// another area refused (403) on every route; a form without the CSRF token
// refused; and an approved plan refused with the plans' usual message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, login, client } from './harness.mjs';
import { editXlsx, setCell, removeRow, addRow, rowOf, sheetXml } from './xlsx_edit.mjs';

const ENV = { KH_TODAY: '2026-04-01' };
const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let srv, dir, admin, outsider, a, plan, other;
let items = [];

async function download(session, p) {
  const r = await fetch(srv.url + p, { headers: { Cookie: session.cookie }, redirect: 'manual' });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

// The upload form, as a browser sends it.
async function upload(session, id, file, { dryRun = false, csrf = true } = {}) {
  const fd = new FormData();
  if (csrf) fd.append('csrf_token', session.csrf);
  fd.append('file', new Blob([readFileSync(file)], { type: XLSX }), path.basename(file));
  if (dryRun) fd.append('dry_run', '1');
  const r = await fetch(`${srv.url}/plans/${id}/sheet`, {
    method: 'POST', headers: { Cookie: session.cookie }, body: fd, redirect: 'manual',
  });
  return { status: r.status, text: await r.text() };
}

// The API with the workbook as the body.
async function apiUpload(session, id, bytes, { dryRun = false, type = XLSX } = {}) {
  const r = await fetch(`${srv.url}/api/v1/plans/${id}/sheet${dryRun ? '?dry_run=1' : ''}`, {
    method: 'POST',
    headers: { Cookie: session.cookie, 'X-CSRF-Token': session.csrf, 'Content-Type': type },
    body: bytes,
  });
  const text = await r.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: r.status, json, text };
}

const file = (name) => path.join(dir, name);
const texts = async (id = plan) => (await a('GET', `/api/v1/plans/${id}`)).json.items
  .map((it) => `${it.seq}:${it.text}:${it.deadline.as_written}`).join('|');
const decode = (html) => html.replace(/&laquo;|«/g, '«').replace(/&raquo;|»/g, '»')
  .replace(/&quot;/g, '"').replace(/&amp;/g, '&');

before(async () => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(path.join(TMP, 'sheet-'));
  srv = await startServer({ demo: true, env: ENV });
  admin = await login(srv.url, 'admin');
  outsider = await login(srv.url, 'bithu.chibo');
  a = client(srv.url, admin);
  const lacdien = (await a('GET', '/api/v1/search?q=dang%20bo%20xa%20lac%20dien')).json.results
    .find((r) => r.type === 'org');
  let r = await a('POST', '/api/v1/plans', { owner_org_id: lacdien.id, scope: 'year', year_from: 2028 });
  assert.equal(r.status, 201, r.text);
  plan = r.json.id;
  r = await a('POST', '/api/v1/plans', { owner_org_id: lacdien.id, scope: 'term', year_from: 2025, year_to: 2030 });
  assert.equal(r.status, 201, r.text);
  other = r.json.id;
  for (const [text, deadline] of [['Kết nạp 12 đảng viên mới', 'Quý II/2028'],
    ['Tổ chức Hội nghị quán triệt', ''], ['Nâng cao chất lượng sinh hoạt chi bộ', 'hằng tháng']]) {
    r = await a('POST', `/api/v1/plans/${plan}/items`, { text, deadline_text: deadline });
    assert.equal(r.status, 201, r.text);
    items.push(r.json.id);
  }
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the plan page links the bulk edit page, which offers the download and the form', async () => {
  let r = await a('GET', `/plans/${plan}`);
  assert.match(r.text, new RegExp(`<a href="/plans/${plan}/sheet">Sửa hàng loạt bằng Excel</a>`));
  r = await a('GET', `/plans/${plan}/sheet`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<h1>Sửa hàng loạt bằng Excel<\/h1>/);
  assert.match(r.text, new RegExp(`href="/plans/${plan}/export.xlsx"`));
  assert.match(r.text, /enctype="multipart\/form-data"/);
  assert.match(r.text, /name="file"/);
  assert.match(r.text, /name="csrf_token"/);
});

test('the item list downloads as XLSX from the page and the API', async () => {
  const d = await download(admin, `/plans/${plan}/export.xlsx`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), XLSX);
  assert.match(d.headers.get('content-disposition'), /^attachment; filename="noi-dung-ke-hoach-.*\.xlsx"; filename\*=UTF-8''N%E1%BB%99i%20dung/);
  assert.equal(d.body.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  writeFileSync(file('ds.xlsx'), d.body);
  const xml = sheetXml(file('ds.xlsx'));
  for (const id of items) rowOf(xml, id);
  assert.match(xml, /<dataValidation /);
  const api = await download(admin, `/api/v1/plans/${plan}/export?format=xlsx`);
  assert.equal(api.status, 200);
  assert.equal(api.headers.get('content-type'), XLSX);
});

test('an edited file: a dry run reports, the upload applies, row by row', async () => {
  editXlsx(file('ds.xlsx'), file('sua.xlsx'), (xml) => {
    xml = setCell(xml, `G${rowOf(xml, items[1])}`, 'Tổ chức Hội nghị quán triệt Nghị quyết');
    xml = setCell(xml, `K${rowOf(xml, items[1])}`, 'trong tháng 3/2028');
    xml = removeRow(xml, rowOf(xml, items[2]));
    return addRow(xml, 8, { G: 'Sơ kết 6 tháng <đầu năm>', K: 'tháng 7/2028', E: 'Nội dung, công việc' });
  });
  const before = await texts();
  let r = await upload(admin, plan, file('sua.xlsx'), { dryRun: true });
  assert.equal(r.status, 200, r.text);
  const page = decode(r.text);
  assert.match(page, /Tệp hợp lệ\. Bỏ chọn «Chỉ kiểm tra» rồi gửi lại để ghi\./);
  assert.match(page, /<h2>Kết quả \(chưa ghi\)<\/h2><p>1 dòng sửa, 1 dòng thêm mới, 1 dòng không đổi, 0 dòng lỗi; 1 nội dung không có trong tệp được giữ nguyên\./);
  assert.match(page, /<td>6<\/td><td>\d+<\/td><td>Sửa<\/td><td>Tổ chức Hội nghị quán triệt Nghị quyết<\/td><td>Sửa: Nội dung, Thời gian hoàn thành<\/td>/);
  assert.match(page, /<td>8<\/td><td><\/td><td>Thêm mới<\/td><td>Sơ kết 6 tháng &lt;đầu năm&gt;<\/td>/);
  assert.match(page, /<td><\/td><td>\d+<\/td><td>Giữ nguyên<\/td><td>Nâng cao chất lượng sinh hoạt chi bộ<\/td><td>Không có trong tệp: giữ nguyên<\/td>/);
  assert.equal(await texts(), before);

  r = await upload(admin, plan, file('sua.xlsx'));
  assert.equal(r.status, 200, r.text);
  assert.match(r.text, /Đã ghi các thay đổi vào kế hoạch\./);
  assert.match(decode(r.text), /Đã sửa: Nội dung, Thời gian hoàn thành/);
  assert.equal(await texts(),
    '1:Kết nạp 12 đảng viên mới:Quý II/2028|2:Tổ chức Hội nghị quán triệt Nghị quyết:'
    + 'trong tháng 3/2028|3:Sơ kết 6 tháng <đầu năm>:tháng 7/2028|'
    + '4:Nâng cao chất lượng sinh hoạt chi bộ:hằng tháng');
  // The history shows the changes, as any edit.
  const h = await a('GET', `/api/v1/plans/${plan}/history`);
  assert.equal(h.status, 200);
  assert.match(JSON.stringify(h.json), /Tổ chức Hội nghị quán triệt Nghị quyết/);
});

test('wrong rows: each error with its row and column, nothing written', async () => {
  const d = await download(admin, `/plans/${plan}/export.xlsx`);
  writeFileSync(file('ds2.xlsx'), d.body);
  editXlsx(file('ds2.xlsx'), file('loi.xlsx'), (xml) => {
    xml = setCell(xml, 'E5', 'Nhiệm vu');
    xml = setCell(xml, 'G6', 'Sẽ không được ghi');
    xml = setCell(xml, 'C7', '4');
    return setCell(xml, 'A8', '999999');
  });
  const before = await texts();
  const r = await upload(admin, plan, file('loi.xlsx'));
  assert.equal(r.status, 400);
  const page = decode(r.text);
  assert.match(page, /Tệp có 3 dòng lỗi: chưa có thay đổi nào được ghi/);
  assert.match(page, /<tr class="error"><td>5<\/td><td>\d+<\/td><td>Lỗi<\/td><td>[^<]*<\/td><td>Dòng 5, cột Loại: «Nhiệm vu» không phải một loại nội dung<\/td>/);
  assert.match(page, /Dòng 7, cột Phần: «4» không đúng: phần phải là 1, 2 hoặc 3/);
  assert.match(page, /Dòng 8, cột Mã: kế hoạch này không có nội dung mã 999999/);
  assert.equal(await texts(), before);

  // The API gives the same report with the error.
  const api = await apiUpload(admin, plan, readFileSync(file('loi.xlsx')));
  assert.equal(api.status, 400, api.text);
  assert.equal(api.json.error.code, 'invalid');
  assert.equal(api.json.report.errors, 3);
  assert.equal(api.json.report.applied, false);
  const row5 = api.json.report.results.find((x) => x.row === 5);
  assert.equal(row5.action, 'error');
  assert.equal(row5.message, 'Dòng 5, cột Loại: «Nhiệm vu» không phải một loại nội dung');
  assert.equal(api.json.report.results.find((x) => x.row === 6).action, 'update');
  assert.equal(await texts(), before);
});

test('the API takes the raw workbook; other bodies and other routes keep their checks', async () => {
  editXlsx(file('ds2.xlsx'), file('api.xlsx'), (xml) => setCell(xml, 'H5', 'Mỗi chi bộ giới thiệu 1 quần chúng'));
  const bytes = readFileSync(file('api.xlsx'));
  const before = await texts();
  let r = await apiUpload(admin, plan, bytes, { dryRun: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.applied, false);
  assert.equal(r.json.updated, 1);
  assert.deepEqual(r.json.results[0], {
    row: 5, item_id: items[0], action: 'update', message: 'Sửa: Biện pháp', text: 'Kết nạp 12 đảng viên mới',
  });
  r = await apiUpload(admin, plan, bytes);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.applied, true);
  assert.equal(r.json.results[0].message, 'Đã sửa: Biện pháp');
  assert.equal(r.json.unchanged, 3);
  const it = (await a('GET', `/api/v1/plans/${plan}`)).json.items[0];
  assert.equal(it.measures, 'Mỗi chi bộ giới thiệu 1 quần chúng');
  assert.equal(await texts(), before);

  r = await apiUpload(admin, plan, JSON.stringify({ file: 'x' }), { type: 'application/json' });
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /Content-Type: application\/vnd\.openxmlformats/);
  r = await apiUpload(admin, plan, Buffer.from([0xff, 0xfe, 0x00, 0x80]));
  assert.equal(r.status, 400);
  assert.match(r.json.error.message, /không phải bảng tính Excel/);
  r = await apiUpload(admin, other, bytes);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.message,
    `Tệp này là danh sách nội dung của kế hoạch số ${plan}, không phải kế hoạch số ${other}`);
  assert.equal(r.json.report, undefined);
  // A route without the flag still refuses a body that is not UTF-8.
  const bad = await fetch(`${srv.url}/api/v1/plans/${plan}/items`, {
    method: 'POST',
    headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' },
    body: Buffer.concat([Buffer.from('{"text": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]),
  });
  assert.equal(bad.status, 400);
  assert.match((await bad.json()).error.message, /không phải văn bản UTF-8 hợp lệ/);
  assert.equal(await texts(), before);
});

test('out of scope: 403 on the page, the form and the API; a form without CSRF: 403', async () => {
  const before = await texts();
  const c = client(srv.url, outsider);
  let r = await c('GET', `/plans/${plan}/sheet`);
  assert.equal(r.status, 403);
  r = await c('GET', `/plans/${plan}/export.xlsx`);
  assert.equal(r.status, 403);
  r = await upload(outsider, plan, file('api.xlsx'));
  assert.equal(r.status, 403);
  assert.match(r.text, /<html lang="vi">/);
  r = await apiUpload(outsider, plan, readFileSync(file('api.xlsx')));
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await apiUpload(outsider, plan, '{}', { type: 'application/json' });
  assert.equal(r.status, 403);
  r = await upload(admin, plan, file('sua.xlsx'), { csrf: false });
  assert.equal(r.status, 403);
  const anon = await fetch(`${srv.url}/api/v1/plans/${plan}/sheet`, {
    method: 'POST', headers: { 'Content-Type': XLSX }, body: readFileSync(file('api.xlsx')),
  });
  assert.equal(anon.status, 401);
  assert.equal(await texts(), before);
});

test('an approved plan is refused with the usual message; the page says why', async () => {
  let r = await a('POST', `/api/v1/plans/${plan}/approve`, {});
  assert.equal(r.status, 200, r.text);
  const before = await texts();
  const up = await upload(admin, plan, file('sua.xlsx'));
  assert.equal(up.status, 409);
  assert.match(up.text, /Kế hoạch đã ban hành: muốn thay đổi, hãy mở điều chỉnh, bổ sung \(nêu lý do\)\./);
  const api = await apiUpload(admin, plan, readFileSync(file('sua.xlsx')), { dryRun: true });
  assert.equal(api.status, 409);
  assert.equal(api.json.error.code, 'conflict');
  r = await a('GET', `/plans/${plan}/sheet`);
  assert.equal(r.status, 200);
  assert.doesNotMatch(r.text, /name="file"/);
  assert.match(r.text, /Kế hoạch đã ban hành: muốn sửa, hãy mở điều chỉnh/);
  assert.equal(await texts(), before);
});
