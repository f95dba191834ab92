// SPDX-License-Identifier: AGPL-3.0-or-later
// Plan exports over HTTP, on the demo province: the Tỉnh ủy's programme and a
// head's plan downloaded as DOCX and PDF from the page routes and the API,
// each file opened as a user's software would — the DOCX unzipped and its
// text read, the PDF through pdftotext and pdfinfo — and checked for the
// official format (header block, place and date, type and subject, the three
// parts, the items, recipients, signature, A4 pages); the plan page links
// both; and the refusals: a plan out of scope (403), an unknown plan (404),
// a missing or unknown format (400).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-04-01' };
const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';
let srv, dir;
const as = {};
const plans = {};

// The raw bytes of a download with the session's cookie.
async function download(user, p) {
  const r = await fetch(srv.url + p, { headers: { Cookie: as[user].cookie }, redirect: 'manual' });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, headers: r.headers, body };
}

function save(name, bytes) {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

// The text of a DOCX: word/document.xml unzipped, paragraphs on their own
// lines, tags dropped, entities decoded.
function docxText(file) {
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  return xml.replace(/<\/w:p>/g, '\n').replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pdfInfo = (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
// Words as pdftotext -layout lays them out: runs of spaces collapsed.
const squeeze = (s) => s.replace(/[ \t]+/g, ' ');

before(async () => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(path.join(TMP, 'export-'));
  srv = await startServer({ demo: true, env: ENV });
  for (const u of ['admin', 'vanphong', 'bithu.chibo']) {
    const s = await login(srv.url, u);
    as[u] = { ...s, call: client(srv.url, s) };
  }
  const r = await as.admin.call('GET', '/api/v1/plans?limit=50');
  assert.equal(r.status, 200, r.text);
  const find = (re) => {
    const p = r.json.plans.find((x) => re.test(x.title));
    assert.ok(p, `demo plan ${re}`);
    return p;
  };
  plans.province = find(/^Chương trình hành động thực hiện Nghị quyết Đại hội/);
  plans.ward = find(/Bí thư Đảng ủy phường Vân Hà$/);
  plans.commune = find(/^Kế hoạch thực hiện Chương trình hành động của Tỉnh ủy năm 2026$/);
  const full = await as.admin.call('GET', `/api/v1/plans/${plans.province.id}`);
  plans.province.items = full.json.items;
  const ward = await as.admin.call('GET', `/api/v1/plans/${plans.ward.id}`);
  plans.ward.items = ward.json.items;
});
after(async () => {
  await srv?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the plan page links the Word and PDF downloads', async () => {
  const id = plans.province.id;
  const r = await as.vanphong.call('GET', `/plans/${id}`);
  assert.equal(r.status, 200);
  assert.match(r.text, new RegExp(`<a href="/plans/${id}/export\\.docx">Tải về Word \\(DOCX\\)</a>`));
  assert.match(r.text, new RegExp(`<a href="/plans/${id}/export\\.pdf">Tải về PDF</a>`));
});

test('a committee\'s programme as PDF: the official format, A4, Vietnamese intact', async () => {
  const r = await download('vanphong', `/plans/${plans.province.id}/export.pdf`);
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const cd = r.headers.get('content-disposition');
  assert.match(cd, /^attachment; filename="chuong-trinh-hanh-dong-thuc-hien-nghi-quyet-dai-hoi-dang-bo-tinh-[a-z0-9-]*\.pdf"; filename\*=UTF-8''/);
  assert.ok(decodeURIComponent(cd.split("UTF-8''")[1]).startsWith('Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh'), cd);
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
  const file = save('province.pdf', r.body);

  const info = pdfInfo(file);
  assert.match(info, /Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);
  assert.match(info, /Title:\s+Chương trình hành động thực hiện Nghị quyết/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  assert.ok(pages >= 2, `${pages} pages`);

  const text = squeeze(pdfText(file));
  for (const want of [
    'TỈNH ỦY SƠN NAM', 'ĐẢNG CỘNG SẢN VIỆT NAM', '-CTr/TU',
    'Sơn Nam, ngày 20 tháng 10 năm 2025',
    'CHƯƠNG TRÌNH', 'hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh',
    'I. MỤC ĐÍCH, YÊU CẦU', 'Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ',
    'II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP', '1. Xây dựng Đảng về chính trị, tư tưởng',
    'Đề xuất, kiến nghị', 'III. TỔ CHỨC THỰC HIỆN',
    'Nơi nhận:', '- Ban Chấp hành Trung ương Đảng,', '- Lưu VP.',
    'T/M BAN THƯỜNG VỤ', 'BÍ THƯ', 'Quý II/2026', 'hằng năm',
  ]) assert.ok(text.includes(want), `the PDF's text holds «${want}»:\n${text}`);
  // Each item: the first words of its text (the rest wraps inside its cell).
  for (const it of plans.province.items) {
    const head = it.text.split(' ').slice(0, 3).join(' ');
    assert.ok(text.includes(head), `item «${head}» in:\n${text}`);
  }
  // Pages from the second carry their number.
  assert.match(text, /\f\s*2\n/);
});

test('the same programme as DOCX from the API: a Word package with the header, title and items', async () => {
  const r = await download('vanphong', `/api/v1/plans/${plans.province.id}/export?format=docx`);
  assert.equal(r.status, 200, r.body.toString());
  assert.equal(r.headers.get('content-type'),
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  assert.match(r.headers.get('content-disposition'), /^attachment; filename="chuong-trinh-[a-z0-9-]+\.docx"; filename\*=UTF-8''Ch%C6%B0%C6%A1ng/);
  assert.equal(r.body.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const file = save('province.docx', r.body);
  const listing = execFileSync('unzip', ['-l', file], { encoding: 'utf8' });
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/styles.xml',
    'word/settings.xml', 'word/header1.xml', 'docProps/core.xml'])
    assert.ok(listing.includes(part), `${part} in the package`);
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  assert.match(xml, /<w:pgSz w:w="11906" w:h="16838"\/>/);
  assert.match(xml, /<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
  assert.match(xml, /<w:titlePg\/>/);
  const text = docxText(file);
  for (const want of [
    'ĐẢNG CỘNG SẢN VIỆT NAM\n', 'TỈNH ỦY SƠN NAM\n', 'Sơn Nam, ngày 20 tháng 10 năm 2025\n',
    'CHƯƠNG TRÌNH\n', 'hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVIII, nhiệm kỳ 2025-2030\n',
    'I. MỤC ĐÍCH, YÊU CẦU\n', 'II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP\n', 'III. TỔ CHỨC THỰC HIỆN\n',
    'Nơi nhận:\n', '- Lưu VP.\n', 'T/M BAN THƯỜNG VỤ\n', 'BÍ THƯ\n',
  ]) assert.ok(text.includes(want), `the DOCX's text holds «${want.trim()}»`);
  for (const it of plans.province.items) {
    assert.ok(text.includes(it.text + '\n'), `item «${it.text}» in the DOCX`);
    if (it.deadline.as_written) assert.ok(text.includes(it.deadline.as_written));
  }
});

test('a head\'s plan: grouped by category, signed by the person', async () => {
  const id = plans.ward.id;
  const pdf = await download('admin', `/api/v1/plans/${id}/export?format=pdf`);
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const text = squeeze(pdfText(save('ward.pdf', pdf.body)));
  for (const want of [
    'ĐẢNG CỘNG SẢN VIỆT NAM', 'CHI BỘ KHU PHỐ CHỢ ĐÔNG', 'KẾ HOẠCH', 'hành động năm 2026 của đồng chí Bí thư Đảng ủy phường',
    'ngày 12 tháng 3 năm 2026', '1. Những việc thực hiện cả nhiệm kỳ',
    '2. Những công việc thực hiện trong năm', '3. Những công việc phối hợp',
    'NGƯỜI XÂY DỰNG KẾ HOẠCH', plans.ward.owner.name,
  ]) assert.ok(text.includes(want), `«${want}» in:\n${text}`);
  const docx = await download('admin', `/plans/${id}/export.docx`);
  assert.equal(docx.status, 200);
  const dtext = docxText(save('ward.docx', docx.body));
  for (const it of plans.ward.items) assert.ok(dtext.includes(it.text), `item «${it.text}»`);
  assert.ok(dtext.includes(`NGƯỜI XÂY DỰNG KẾ HOẠCH\n`));
});

test('refusals: out of scope 403, unknown 404, bad format 400', async () => {
  // A cell secretary of Tân Phong does not read Vân Hà's draft.
  const id = plans.commune.id;
  for (const p of [`/plans/${id}/export.pdf`, `/plans/${id}/export.docx`]) {
    const r = await download('bithu.chibo', p);
    assert.equal(r.status, 403, p);
    assert.match(r.headers.get('content-type'), /^text\/html/);
    assert.equal(r.headers.get('content-disposition'), null);
  }
  let r = await as['bithu.chibo'].call('GET', `/api/v1/plans/${id}/export?format=pdf`);
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'forbidden');
  r = await as['bithu.chibo'].call('GET', `/api/v1/plans/${plans.ward.id}/export?format=docx`);
  assert.equal(r.status, 403);

  r = await as.admin.call('GET', '/api/v1/plans/999999/export?format=pdf');
  assert.equal(r.status, 404);
  assert.equal(r.json.error.code, 'not_found');
  assert.equal((await download('admin', '/plans/999999/export.docx')).status, 404);

  r = await as.admin.call('GET', `/api/v1/plans/${plans.province.id}/export?format=odt`);
  assert.equal(r.status, 400);
  assert.equal(r.json.error.code, 'invalid');
  r = await as.admin.call('GET', `/api/v1/plans/${plans.province.id}/export`);
  assert.equal(r.status, 400);

  // Not logged in: no file.
  const anon = await fetch(`${srv.url}/api/v1/plans/${plans.province.id}/export?format=pdf`);
  assert.equal(anon.status, 401);
});
