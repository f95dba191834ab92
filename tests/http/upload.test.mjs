// SPDX-License-Identifier: AGPL-3.0-or-later
// Uploads at the gate: a multipart body is checked field by field. Text
// fields (and text files, P_FILE) must be valid UTF-8 everywhere; a raw file
// field (P_BINARY: DOCX, XLSX) passes its bytes as sent; a body past the
// route's limit is refused with 413 before anything runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from './harness.mjs';

let srv, s;
before(async () => {
  srv = await startServer({ demo: true });
  s = await login(srv.url, 'vanphong');
});
after(async () => { await srv.stop(); });

// A multipart body built by hand, so that any bytes can go in a part.
// parts: [{name, value: string|Buffer, filename?}]
export function multipart(parts) {
  const boundary = '----khtest' + Math.random().toString(16).slice(2);
  const chunks = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: application/octet-stream`;
    chunks.push(Buffer.from(head + '\r\n\r\n', 'utf8'));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value, 'utf8'));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

async function post(path, parts, { csrf = true } = {}) {
  const m = multipart(csrf ? [{ name: 'csrf_token', value: s.csrf }, ...parts] : parts);
  const r = await fetch(srv.url + path, {
    method: 'POST', body: m.body, redirect: 'manual',
    headers: { Cookie: s.cookie, 'Content-Type': m.type },
  });
  return { status: r.status, text: await r.text() };
}

const BAD = Buffer.from([0x43, 0xff, 0xfe, 0x80, 0x41]); // not UTF-8

test('a text field or a text file that is not UTF-8 is refused (P_FILE route)', async () => {
  const csv = 'ma,ma_cap_tren,ten,loai\nX1,T,Chi bộ Thử tải lên,cell\n';
  let r = await post('/orgs/import', [{ name: 'date', value: BAD }, { name: 'file', value: csv, filename: 'a.csv' }]);
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /UTF-8/);
  r = await post('/orgs/import', [{ name: 'file', value: Buffer.concat([Buffer.from(csv), BAD]), filename: 'a.csv' }]);
  assert.equal(r.status, 400, r.text);
  assert.match(r.text, /UTF-8/);
});

test('a body past the route limit is 413', async () => {
  const big = Buffer.alloc(21 * 1024 * 1024, 0x61);
  const r = await post('/orgs/import', [{ name: 'file', value: big, filename: 'big.csv' }]);
  assert.equal(r.status, 413);
});
