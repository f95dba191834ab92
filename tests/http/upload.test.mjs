// SPDX-License-Identifier: AGPL-3.0-or-later
// Uploads at the gate: a multipart body is checked field by field. Text
// fields (and text files, P_FILE) must be valid UTF-8 everywhere; a raw file
// field (P_BINARY: DOCX, XLSX) passes its bytes as sent; a body past the
// route's limit is refused with 413 before anything runs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login } from './harness.mjs';
import { docx, PLAN } from './import_fixtures.mjs';

let srv, s, province;
before(async () => {
  srv = await startServer({ demo: true });
  s = await login(srv.url, 'vanphong');
  const r = await fetch(`${srv.url}/api/v1/search?q=tinh%20uy%20son%20nam`, { headers: { Cookie: s.cookie } });
  province = (await r.json()).results.find((x) => x.type === 'org').id;
});
after(async () => { await srv.stop(); });

// A multipart body built by hand, so that any bytes can go in a part.
// parts: [{name, value: string|Buffer, filename?}]
function multipart(parts) {
  const boundary = '----khtest' + Math.random().toString(16).slice(2);
  const chunks = [];
  for (const p of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`, 'utf8'));
    if (p.filename !== undefined) {
      // A Buffer name goes in as raw bytes.
      chunks.push(Buffer.from('; filename="'), Buffer.isBuffer(p.filename) ? p.filename : Buffer.from(p.filename, 'utf8'),
        Buffer.from('"\r\nContent-Type: application/octet-stream'));
    }
    chunks.push(Buffer.from('\r\n\r\n'));
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

test('a raw file (P_BINARY) passes its bytes; the text fields beside it are still checked', async () => {
  const bytes = docx(PLAN(2040).split('\n'));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the package is not UTF-8');
  let r = await post('/api/v1/plans/import', [
    { name: 'org_id', value: String(province) }, { name: 'year', value: '2040' },
    { name: 'file', value: bytes, filename: 'ke-hoach.docx' },
  ]);
  assert.equal(r.status, 200, r.text);
  assert.equal(JSON.parse(r.text).source, 'docx');
  assert.equal(JSON.parse(r.text).items.length, 5);
  // The same upload with a text field that is not UTF-8: refused at the gate.
  r = await post('/api/v1/plans/import', [
    { name: 'org_id', value: String(province) }, { name: 'year', value: '2040' },
    { name: 'scope', value: BAD }, { name: 'file', value: bytes, filename: 'ke-hoach.docx' },
  ]);
  assert.equal(r.status, 400, r.text);
  assert.match(JSON.parse(r.text).error.message, /scope.*UTF-8/);
  // A file name that is not UTF-8 is refused too.
  r = await post('/api/v1/plans/import', [
    { name: 'org_id', value: String(province) }, { name: 'year', value: '2040' },
    { name: 'file', value: bytes, filename: Buffer.from([0x61, 0xff, 0x2e, 0x64]) },
  ]);
  assert.equal(r.status, 400, r.text);
  // Past the limit on that route: 413.
  r = await post('/api/v1/plans/import', [{ name: 'file', value: Buffer.alloc(21 * 1024 * 1024, 0x80), filename: 'big.docx' }]);
  assert.equal(r.status, 413);
});
