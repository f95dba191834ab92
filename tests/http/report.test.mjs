// SPDX-License-Identifier: AGPL-3.0-or-later
// Report campaigns over HTTP, on the demo province: the Văn phòng Tỉnh ủy
// opens a 6-month campaign for the communes and the province's upper-base
// committees; the commune Tân Phong drafts (pre-filled), saves, submits; the
// province returns it with a reason, accepts the resubmission (its figures
// lock), reopens it; the status counts, the drill-down by state, the compiled
// report with the per-child figures and the missing orgs; the report and the
// opening letter as DOCX and PDF opened as a user's software would; the pages
// and their forms; and every refusal — out of scope, a missing reason, a wrong
// section count, bad JSON types, an unknown format — a 4xx leaving the report
// tables exactly as they were.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, login, client } from './harness.mjs';

const ENV = { KH_TODAY: '2026-06-05' };
const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';
let srv, dir;
const as = {};
const sess = {};
const ids = {};

const TABLES = ['report_campaigns', 'report_campaign_due', 'report_campaign_indicators', 'reports',
  'report_filings', 'indicator_values'];
function dbHash(db) {
  const sql = TABLES.map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n');
  const out = execFileSync('sqlite3', ['-readonly', db], { input: sql, encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}
const sql = (q) => execFileSync('sqlite3', [srv.db], { input: q, encoding: 'utf8' }).trim();

async function unchanged(what, fn) {
  const h = dbHash(srv.db);
  const v = await fn();
  assert.equal(dbHash(srv.db), h, `${what}: the database is unchanged`);
  return v;
}

async function orgId(name) {
  const r = await as.admin('GET', `/api/v1/search?q=${encodeURIComponent(name)}&types=org`);
  const hit = r.json.results.find((x) => x.type === 'org' && x.title === name);
  assert.ok(hit, `${name}: ${r.text}`);
  return hit.id;
}

function form(user, p, fields, { csrf = true } = {}) {
  const b = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) {
    for (const x of Array.isArray(v) ? v : [v]) b.append(k, String(x));
  }
  if (csrf) b.append('csrf_token', sess[user].csrf);
  return fetch(srv.url + p, {
    method: 'POST', redirect: 'manual', body: b.toString(),
    headers: { Cookie: sess[user].cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
  }).then(async (r) => ({ status: r.status, location: r.headers.get('location'), text: await r.text() }));
}

async function download(user, p) {
  const r = await fetch(srv.url + p, { headers: { Cookie: sess[user].cookie }, redirect: 'manual' });
  return { status: r.status, headers: r.headers, body: Buffer.from(await r.arrayBuffer()) };
}

function save(name, bytes) {
  const f = path.join(dir, name);
  writeFileSync(f, bytes);
  return f;
}

function docxText(file) {
  const xml = execFileSync('unzip', ['-p', file, 'word/document.xml'], { encoding: 'utf8' });
  return xml.replace(/<\/w:p>/g, '\n').replace(/<w:br\/>/g, '\n').replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  .replace(/[ \t]+/g, ' ');
const pdfInfo = (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });

before(async () => {
  mkdirSync(TMP, { recursive: true });
  dir = mkdtempSync(path.join(TMP, 'report-'));
  srv = await startServer({ demo: true, env: ENV });
  for (const u of ['admin', 'vanphong', 'bithu.xa', 'bithu.chibo', 'bithu.huyen']) {
    sess[u] = await login(srv.url, u);
    as[u] = client(srv.url, sess[u]);
  }
  ids.province = await orgId('Tỉnh ủy Sơn Nam');
  ids.xa = await orgId('Đảng bộ xã Tân Phong');
  ids.lacdien = await orgId('Đảng bộ xã Lạc Điền');
  // An indicator of the province with figures of two communes, apart from
  // the demo's indicators (and its own campaign), so the sums stay known.
  sql(`INSERT INTO indicators(org_id, name, unit, year_from, year_to, created_at, updated_at)
       VALUES (${ids.province}, 'Kết nạp đảng viên mới', 'đảng viên', 2025, 2030, 0, 0);`);
  ids.ind = Number(sql('SELECT max(id) FROM indicators;'));
  sql(`INSERT INTO indicator_values(indicator_id, org_id, period, year, value, entered_at) VALUES
       (${ids.ind}, ${ids.xa}, 'h1', 2026, 12, 0), (${ids.ind}, ${ids.lacdien}, 'h1', 2026, 7, 0),
       (${ids.ind}, ${ids.province}, 'target', 2026, 500, 0);`);
});
after(async () => { await srv?.stop(); });

const OPEN = () => ({
  org_id: ids.province, kind: 'half_year', year_from: 2026, number: '85-CV/TU',
  indicator_ids: [ids.ind],
  due: [{ level: 3, due_day: '2026-06-10' }, { level: 2, due_day: '2026-06-20' }],
  conference_from: '2026-07-01', conference_to: '2026-07-15',
  after_conference: 'Báo cáo đã thông qua tại hội nghị',
});

test('opening: refusals change nothing; the campaign has one report per org of the levels', async () => {
  await unchanged('a commune opens for the province', async () => {
    const r = await as['bithu.xa']('POST', '/api/v1/report-campaigns', OPEN());
    assert.equal(r.status, 403, r.text);
    assert.equal(r.json.error.code, 'forbidden');
  });
  for (const [what, body, field] of [
    ['no due day', { ...OPEN(), due: [] }, 'due'],
    ['a bad kind', { ...OPEN(), kind: 'weekly' }, 'kind'],
    ['due not an array', { ...OPEN(), due: 'mai' }, 'due'],
    ['a bad date', { ...OPEN(), due: [{ level: 3, due_day: '10/6/2026' }] }, 'due'],
    ['a string year', { ...OPEN(), year_from: '2026' }, 'year_from'],
    ['backwards conference', { ...OPEN(), conference_from: '2026-07-15', conference_to: '2026-07-01' }, 'conference_from'],
    ['an unknown indicator', { ...OPEN(), indicator_ids: [999999] }, 'indicator_ids'],
  ]) {
    await unchanged(what, async () => {
      const r = await as.vanphong('POST', '/api/v1/report-campaigns', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json.error.field, field, what);
    });
  }
  const r = await as.vanphong('POST', '/api/v1/report-campaigns', OPEN());
  assert.equal(r.status, 201, r.text);
  ids.campaign = r.json.id;
  assert.equal(r.json.title, 'Báo cáo 6 tháng năm 2026');
  assert.equal(r.json.outline.length, 4);
  const levels = Number(sql(`SELECT count(*) FROM orgs WHERE valid_to IS NULL AND level IN (2, 3)
    AND kind IN ('committee', 'cell') AND id <> ${ids.province}`));
  assert.equal(r.json.counts.total, levels);
  assert.equal(r.json.counts.pending, levels);
  assert.ok(r.json.reports[0].own);
  ids.own = r.json.own_report_id;
  ids.report = r.json.reports.find((x) => x.org.id === ids.xa).id;
  ids.report2 = r.json.reports.find((x) => x.org.id === ids.lacdien).id;
  // The commune sees the campaign with its own row only.
  const mine = await as['bithu.xa']('GET', `/api/v1/report-campaigns/${ids.campaign}`);
  assert.equal(mine.status, 200, mine.text);
  assert.deepEqual(mine.json.reports.map((x) => x.org.id), [ids.xa]);
  const list = await as['bithu.xa']('GET', '/api/v1/report-campaigns');
  assert.ok(list.json.campaigns.some((c) => c.id === ids.campaign));
  // The cell secretary (also a member of the commune's committee) sees the
  // commune's row, not another commune's report.
  const cell = await as['bithu.chibo']('GET', `/api/v1/report-campaigns/${ids.campaign}`);
  assert.equal(cell.status, 200);
  assert.deepEqual(cell.json.reports.map((x) => x.org.id), [ids.xa]);
  await unchanged('a report out of scope', async () => {
    assert.equal((await as['bithu.chibo']('GET', `/api/v1/reports/${ids.report2}`)).status, 403);
    assert.equal((await as['bithu.chibo']('POST', `/api/v1/reports/${ids.report2}/submit`, {})).status, 403);
    assert.equal((await as['bithu.chibo']('GET', `/reports/${ids.report2}`)).status, 403);
  });
});

test('draft, submit, return, resubmit, accept locks, reopen unlocks', async () => {
  const x = as['bithu.xa'];
  let r = await x('GET', `/api/v1/reports/${ids.report}`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.prefilled, true);
  assert.match(r.json.sections[0].text, /Đảng bộ xã Tân Phong/);
  assert.equal(r.json.figure_period, 'h1');
  assert.deepEqual(r.json.rights, { edit: true, submit: true, decide: false, reopen: false, file: true });
  await unchanged('a wrong section count', async () => {
    r = await x('PATCH', `/api/v1/reports/${ids.report}`, { sections: ['một'] });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'sections');
  });
  await unchanged('sections of numbers', async () => {
    r = await x('PATCH', `/api/v1/reports/${ids.report}`, { sections: [1, 2, 3, 4] });
    assert.equal(r.status, 400, r.text);
  });
  await unchanged('another commune writes', async () => {
    r = await as['bithu.huyen']('PATCH', `/api/v1/reports/${ids.report}`, { number: '1-BC' });
    assert.equal(r.status, 403, r.text);
  });
  r = await x('PATCH', `/api/v1/reports/${ids.report}`, {
    number: '05-BC/ĐU',
    sections: ['Kết quả <nổi bật> của xã', 'Hạn chế: chậm', 'Nhiệm vụ 6 tháng cuối năm', ''],
  });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.prefilled, false);
  await unchanged('the submitter decides', async () => {
    r = await x('POST', `/api/v1/reports/${ids.report}/accept`, {});
    assert.equal(r.status, 403, r.text);
  });
  r = await x('POST', `/api/v1/reports/${ids.report}/submit`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'submitted');
  assert.equal(r.json.timeliness, 'on_time');
  await unchanged('submitted twice', async () => {
    r = await x('POST', `/api/v1/reports/${ids.report}/submit`, {});
    assert.equal(r.status, 409, r.text);
  });
  const vp = as.vanphong;
  await unchanged('return without a reason', async () => {
    r = await vp('POST', `/api/v1/reports/${ids.report}/return`, { reason: '  ' });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'reason');
  });
  r = await vp('POST', `/api/v1/reports/${ids.report}/return`, { reason: 'Bổ sung số liệu kết nạp đảng viên' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.timeliness, 'returned');
  assert.equal(r.json.returned_reason, 'Bổ sung số liệu kết nạp đảng viên');
  r = await x('POST', `/api/v1/reports/${ids.report}/submit`, {});
  assert.equal(r.status, 200, r.text);
  r = await vp('POST', `/api/v1/reports/${ids.report}/accept`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'accepted');
  assert.equal(sql(`SELECT locked FROM indicator_values WHERE indicator_id = ${ids.ind} AND org_id = ${ids.xa}`), '1');
  assert.equal(sql(`SELECT locked FROM indicator_values WHERE indicator_id = ${ids.ind} AND org_id = ${ids.lacdien}`), '0');
  // Only the campaign's indicators lock: the commune's figures of the demo's
  // own indicators stay open.
  assert.ok(Number(sql(`SELECT count(*) FROM indicator_values WHERE indicator_id <> ${ids.ind} AND org_id = ${ids.xa}`)) > 0);
  assert.equal(sql(`SELECT count(*) FROM indicator_values WHERE indicator_id <> ${ids.ind} AND org_id = ${ids.xa} AND locked`), '0');
  await unchanged('editing an accepted report', async () => {
    r = await x('PATCH', `/api/v1/reports/${ids.report}`, { number: '06-BC/ĐU' });
    assert.equal(r.status, 409, r.text);
  });
  r = await vp('POST', `/api/v1/reports/${ids.report}/reopen`, {});
  assert.equal(r.status, 200, r.text);
  assert.equal(r.json.status, 'returned');
  assert.equal(sql(`SELECT locked FROM indicator_values WHERE indicator_id = ${ids.ind} AND org_id = ${ids.xa}`), '0');
  r = await x('POST', `/api/v1/reports/${ids.report}/submit`, {});
  r = await vp('POST', `/api/v1/reports/${ids.report}/accept`, {});
  assert.equal(r.status, 200, r.text);
  assert.ok(Number(sql(`SELECT count(*) FROM audit_log WHERE entity = 'report' AND entity_id = ${ids.report}`)) >= 7);
});

test('status counts, drill-down and the compiled report', async () => {
  const r = await as.vanphong('GET', `/api/v1/report-campaigns/${ids.campaign}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.counts.accepted, 1);
  assert.equal(r.json.counts.on_time, 1);
  const list = await as.vanphong('GET', '/api/v1/report-campaigns');
  assert.equal(list.json.campaigns.find((c) => c.id === ids.campaign).counts.accepted, 1);
  const listPage = await as.vanphong('GET', '/report-campaigns');
  assert.match(listPage.text, /Báo cáo 6 tháng năm 2026<\/a><\/td><td>Báo cáo 6 tháng<\/td><td>2026<\/td><td>Tỉnh ủy Sơn Nam<\/td><td>1\/\d+<\/td>/);
  const own = await as.vanphong('GET', `/api/v1/reports/${ids.own}`);
  assert.equal(own.status, 200, own.text);
  assert.equal(own.json.own, true);
  assert.equal(own.json.rights.submit, false);
  assert.equal(own.json.breakdown.length, 1);
  // Rolled up by the indicator's rule (a sum) over the province's children.
  const b = own.json.breakdown[0];
  assert.equal(b.children.find((x) => x.org_id === ids.xa).figure.value, 12);
  assert.equal(b.children.find((x) => x.org_id === ids.lacdien).figure.value, 7);
  assert.equal(b.total.value, 19);
  assert.ok(own.json.late.some((x) => x.org.id === ids.lacdien && x.timeliness === 'missing') ||
    own.json.late.length === 0, 'missing orgs listed once past due');
  const page = await as.vanphong('GET', `/report-campaigns/${ids.campaign}?state=on_time`);
  assert.equal(page.status, 200);
  assert.match(page.text, /Đảng bộ xã Tân Phong/);
  assert.doesNotMatch(page.text, /Đảng bộ xã Lạc Điền/);
  const ownPage = await as.vanphong('GET', `/reports/${ids.own}`);
  assert.match(ownPage.text, /Số liệu theo đơn vị trực thuộc/);
  assert.match(ownPage.text, /Đơn vị gửi muộn, chưa gửi, bị trả lại/);
});

test('the report and the letter as DOCX and PDF', async () => {
  let d = await download('vanphong', `/api/v1/reports/${ids.report}/export?format=docx`);
  assert.equal(d.status, 200);
  assert.match(d.headers.get('content-disposition'), /attachment; filename=".*\.docx"; filename\*=UTF-8''/);
  let text = docxText(save('report.docx', d.body));
  for (const want of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'BÁO CÁO', 'Báo cáo 6 tháng năm 2026', 'Số 05-BC/ĐU',
    'KẾT QUẢ LÃNH ĐẠO, CHỈ ĐẠO', 'Kết quả <nổi bật> của xã', 'Kết nạp đảng viên mới', 'Tỉnh ủy Sơn Nam',
    'T/M BAN THƯỜNG VỤ', 'BÍ THƯ'])
    assert.ok(text.includes(want), `${want} in the DOCX:\n${text}`);
  d = await download('bithu.xa', `/reports/${ids.report}/export.pdf`);
  assert.equal(d.status, 200);
  let f = save('report.pdf', d.body);
  assert.match(pdfInfo(f), /Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
  text = pdfText(f);
  for (const want of ['BÁO CÁO', 'Báo cáo 6 tháng năm 2026', 'Hạn chế: chậm', 'Kết nạp đảng viên mới'])
    assert.ok(text.includes(want), `${want} in the PDF:\n${text}`);
  d = await download('vanphong', `/report-campaigns/${ids.campaign}/letter.docx`);
  assert.equal(d.status, 200);
  text = docxText(save('letter.docx', d.body));
  for (const want of ['Số 85-CV/TU', 'V/v báo cáo 6 tháng năm 2026', 'Kính gửi:', 'chậm nhất ngày 10/06/2026',
    'Cấp cơ sở', 'Hội nghị', 'Sau hội nghị, gửi về Tỉnh ủy Sơn Nam', 'T/M BAN THƯỜNG VỤ'])
    assert.ok(text.includes(want), `${want} in the letter:\n${text}`);
  d = await download('vanphong', `/api/v1/report-campaigns/${ids.campaign}/letter?format=pdf`);
  assert.equal(d.status, 200);
  f = save('letter.pdf', d.body);
  assert.match(pdfInfo(f), /A4/);
  assert.match(pdfText(f), /Kính gửi/);
  for (const [p, status] of [
    [`/api/v1/reports/${ids.report}/export?format=xlsx`, 400],
    [`/api/v1/reports/${ids.report}/export`, 400],
    [`/api/v1/report-campaigns/${ids.campaign}/letter?format=odt`, 400],
    ['/api/v1/reports/999999/export?format=pdf', 404],
  ]) {
    const r = await as.vanphong('GET', p);
    assert.equal(r.status, status, p);
    assert.ok(r.json.error.code, p);
  }
  assert.equal((await as['bithu.chibo']('GET', `/reports/${ids.report2}/export.pdf`)).status, 403);
});

test('pages and forms', async () => {
  let r = await as['bithu.huyen']('GET', '/report-campaigns');
  assert.equal(r.status, 200);
  assert.match(r.text, /Báo cáo 6 tháng năm 2026/);
  assert.match(r.text, /href="\/report-campaigns"[^>]*>Báo cáo</);
  r = await as.vanphong('GET', '/report-campaigns/new');
  assert.equal(r.status, 200);
  assert.match(r.text, /<option value="\d+"[^>]*>Tỉnh ủy Sơn Nam<\/option>/);
  r = await as['bithu.huyen']('GET', `/reports/${ids.report2}`);
  assert.equal(r.status, 200);
  assert.match(r.text, /<textarea name="section"/);
  assert.match(r.text, /Phần đầu đã được điền sẵn/);
  // Saving through the form, with the sections in order; user text escaped.
  r = await form('bithu.huyen', `/reports/${ids.report2}`, {
    number: '7-BC/ĐU', section: ['<script>x</script>', 'Hai', 'Ba', 'Bốn'],
  });
  assert.equal(r.status, 303, r.text);
  r = await as['bithu.huyen']('GET', `/reports/${ids.report2}`);
  assert.match(r.text, /&lt;script&gt;x&lt;\/script&gt;/);
  await unchanged('a form without its CSRF token', async () => {
    r = await form('bithu.huyen', `/reports/${ids.report2}/submit`, {}, { csrf: false });
    assert.equal(r.status, 403);
  });
  r = await form('bithu.huyen', `/reports/${ids.report2}/submit`, {});
  assert.equal(r.status, 303);
  await unchanged('a return without its reason', async () => {
    r = await form('vanphong', `/reports/${ids.report2}/return`, { reason: '' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Lý do trả lại không được để trống/);
  });
  r = await form('vanphong', `/reports/${ids.report2}/return`, { reason: 'Bổ sung phụ lục' });
  assert.equal(r.status, 303);
  r = await as['bithu.huyen']('GET', `/reports/${ids.report2}`);
  assert.match(r.text, /Cấp trên trả lại: Bổ sung phụ lục/);
  // The figures form enters the org's own figure of the period.
  r = await form('bithu.huyen', `/reports/${ids.report2}/figures`, { indicator_id: ids.ind, value: '9' });
  assert.equal(r.status, 303, r.text);
  assert.equal(sql(`SELECT value FROM indicator_values WHERE indicator_id = ${ids.ind} AND org_id = ${ids.lacdien} AND period = 'h1'`), '9.0');
  await unchanged('a figure that is not a number', async () => {
    r = await form('bithu.huyen', `/reports/${ids.report2}/figures`, { indicator_id: ids.ind, value: 'nhiều' });
    assert.equal(r.status, 400);
  });
  // Opening through the form: a missing due day shows the form again.
  await unchanged('the open form without a due day', async () => {
    r = await form('vanphong', '/report-campaigns', { org_id: ids.province, kind: 'annual', year_from: 2026 });
    assert.equal(r.status, 400);
    assert.match(r.text, /Cần hạn nộp báo cáo/);
  });
  r = await as.vanphong('GET', `/report-campaigns/${ids.campaign}`);
  assert.match(r.text, /Chưa nộp \(quá hạn\)|Chưa đến hạn/);
  assert.match(r.text, /letter\.pdf/);
});

test('filings after the conference: a register document or an uploaded file', async () => {
  const x = as['bithu.xa'];
  const docs = (await as.admin('GET', '/api/v1/documents?q=35-CT')).json.documents;
  const doc = docs.find((d) => d.number === '35-CT/TW').id;
  await unchanged('an unknown kind', async () => {
    const r = await x('POST', `/api/v1/reports/${ids.report}/filings`, { kind: 'memo', document_id: doc });
    assert.equal(r.status, 400, r.text);
    assert.equal(r.json.error.field, 'kind');
  });
  await unchanged('an unknown document', async () => {
    const r = await x('POST', `/api/v1/reports/${ids.report}/filings`, { kind: 'resolution', document_id: 999999 });
    assert.equal(r.status, 400, r.text);
  });
  await unchanged('another org files', async () => {
    const r = await as['bithu.huyen']('POST', `/api/v1/reports/${ids.report}/filings`, { kind: 'resolution', document_id: doc });
    assert.equal(r.status, 403, r.text);
  });
  let r = await x('POST', `/api/v1/reports/${ids.report}/filings`, { kind: 'resolution', document_id: doc, name: 'Nghị quyết hội nghị' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.filings[0].kind, 'resolution');
  assert.equal(r.json.filings[0].document_number, '35-CT/TW');
  // An upload through the page's form (multipart), then its download.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const upload = async (user, bytes, name) => {
    const fd = new FormData();
    fd.append('csrf_token', sess[user].csrf);
    fd.append('kind', 'adopted_report');
    fd.append('file', new Blob([bytes]), name);
    const res = await fetch(`${srv.url}/reports/${ids.report}/file`, {
      method: 'POST', body: fd, redirect: 'manual', headers: { Cookie: sess[user].cookie },
    });
    return { status: res.status, text: await res.text() };
  };
  await unchanged('a file of a type not taken', async () => {
    const bad = await upload('bithu.xa', Buffer.from([0, 1, 2, 3, 0xff, 0xfe]), 'x.bin');
    assert.equal(bad.status, 400, bad.text);
  });
  const ok = await upload('bithu.xa', pdf, 'Báo cáo đã thông qua.pdf');
  assert.equal(ok.status, 303, ok.text);
  r = await x('GET', `/api/v1/reports/${ids.report}`);
  const f = r.json.filings.find((y) => y.sha256);
  assert.ok(f, JSON.stringify(r.json.filings));
  assert.equal(f.name, 'Báo cáo đã thông qua.pdf');
  assert.equal(f.document_id, null);
  const page = await x('GET', `/reports/${ids.report}`);
  assert.ok(page.text.includes(`/reports/${ids.report}/filing?filing_id=${f.id}`));
  const d = await download('vanphong', `/reports/${ids.report}/filing?filing_id=${f.id}`);
  assert.equal(d.status, 200);
  assert.equal(d.headers.get('content-type'), 'application/pdf');
  assert.deepEqual(d.body, pdf);
  assert.equal((await as['bithu.chibo']('GET', `/reports/${ids.report2}/filing?filing_id=${f.id}`)).status, 403);
  assert.equal((await x('GET', `/reports/${ids.report}/filing?filing_id=999999`)).status, 404);
});
