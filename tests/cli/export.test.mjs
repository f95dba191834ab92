// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach export`: a demo plan written as DOCX and PDF files that open —
// the Word package unzipped, the PDF read by pdftotext and pdfinfo (A4) —
// the document to standard output, and the failures: bad usage (2), an
// unknown plan or a folder that does not exist (1, and no file left behind).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { BIN, cli, freshDb } from '../http/harness.mjs';

let db, dir, ids;

before(() => {
  ({ db, dir } = freshDb({ demo: true }));
  const r = cli(['plan', 'list', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  ids = {};
  for (const line of r.stdout.trim().split('\n')) {
    const [id, , title] = line.split('\t');
    if (/^Chương trình hành động thực hiện Nghị quyết/.test(title ?? '')) ids.province = id;
    if (/Bí thư Tỉnh ủy$/.test(title ?? '')) ids.head = id;
  }
  assert.ok(ids.province && ids.head, r.stdout);
});
after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

test('export plan --format docx writes a Word package', () => {
  const out = path.join(dir, 'ctr.docx');
  const r = cli(['export', '--db', db, 'plan', ids.province, '--format', 'docx', '--output', out]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^Đã xuất «Chương trình hành động thực hiện Nghị quyết[^»]*\.docx» \(\d+ byte\) ra /);
  assert.equal(readFileSync(out).subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  const xml = execFileSync('unzip', ['-p', out, 'word/document.xml'], { encoding: 'utf8' });
  for (const want of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'TỈNH ỦY SƠN NAM', 'CHƯƠNG TRÌNH',
    'Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng', 'T/M BAN THƯỜNG VỤ'])
    assert.ok(xml.includes(want), want);
  // Only the file itself: the temporary file was renamed into place.
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('ctr')), ['ctr.docx']);
});

test('export plan --format pdf writes an A4 PDF', () => {
  const out = path.join(dir, 'head.pdf');
  const r = cli(['export', '--db', db, 'plan', ids.head, '--format', 'pdf', '--output', out]);
  assert.equal(r.status, 0, r.stderr);
  const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+595\.2\d* x 841\.89 pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' })
    .replace(/[ \t]+/g, ' ');
  for (const want of ['ĐẢNG CỘNG SẢN VIỆT NAM', 'KẾ HOẠCH', 'hành động năm 2026 của đồng chí Bí thư Tỉnh ủy',
    'I. MỤC ĐÍCH, YÊU CẦU', 'NGƯỜI XÂY DỰNG KẾ HOẠCH', 'Nơi nhận:', '- Lưu VP.'])
    assert.ok(text.includes(want), `«${want}» in:\n${text}`);
});

test('--output - writes the document to standard output', () => {
  const r = spawnSync(BIN, ['export', '--db', db, 'plan', ids.head, '--format', 'pdf', '--output', '-'],
    { env: { ...process.env, KH_FAST_HASH: '1' } });
  assert.equal(r.status, 0, r.stderr.toString());
  assert.equal(r.stdout.subarray(0, 5).toString(), '%PDF-');
});

test('bad usage, unknown plan, unwritable output', () => {
  const base = ['export', '--db', db, 'plan', ids.head];
  for (const args of [
    [...base, '--output', path.join(dir, 'x.pdf')],
    [...base, '--format', 'odt', '--output', path.join(dir, 'x.odt')],
    [...base, '--format', 'pdf'],
    ['export', '--db', db, 'memo', '1', '--format', 'pdf', '--output', path.join(dir, 'x.pdf')],
    ['export', '--db', db, 'plan', 'abc', '--format', 'pdf', '--output', path.join(dir, 'x.pdf')],
  ]) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /kehoach export/);
  }
  let r = cli(['export', '--db', db, 'plan', '999999', '--format', 'pdf', '--output', path.join(dir, 'none.pdf')]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^kehoach: /);
  assert.equal(existsSync(path.join(dir, 'none.pdf')), false);

  const missing = path.join(dir, 'no-such-folder', 'kh.docx');
  r = cli([...base, '--format', 'docx', '--output', missing]);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /không tạo được tệp/);
  assert.equal(existsSync(path.dirname(missing)), false);
});
