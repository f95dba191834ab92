// SPDX-License-Identifier: AGPL-3.0-or-later
// docs/API.md documents every endpoint the server answers. The route table
// comes from `kehoach routes`; each /api/, /healthz and /metrics route needs
// a section headed exactly "### METHOD /path", each page route a row
// "| `METHOD /path` |" in the page table, and the doc may not describe
// routes that do not exist. Every JSON example must parse. A new endpoint
// without documentation fails here.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cli } from './harness.mjs';

const DOC = fileURLToPath(new URL('../../docs/API.md', import.meta.url));
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

let routes, doc, headings, pageRows;

const isApi = (p) => p.startsWith('/api/') || p === '/healthz' || p === '/metrics';
const key = (r) => `${r.method} ${r.pattern}`;

before(() => {
  const r = cli(['routes']);
  assert.equal(r.status, 0, r.stderr);
  routes = r.stdout.trim().split('\n').map((line) => {
    const [method, pattern, pub] = line.trim().split(/\s+/);
    return { method, pattern, isPublic: pub === 'public' };
  });
  assert.ok(routes.length > 40, 'kehoach routes lists the route table');
  for (const rt of routes) assert.ok(METHODS.includes(rt.method), `method of ${key(rt)}`);

  doc = readFileSync(DOC, 'utf8');
  headings = new Set();
  for (const m of doc.matchAll(/^### (GET|POST|PUT|PATCH|DELETE) (\/\S*)\s*$/gm))
    headings.add(`${m[1]} ${m[2]}`);
  pageRows = new Set();
  for (const m of doc.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)` \|/gm))
    pageRows.add(`${m[1]} ${m[2]}`);
});

test('every API, health and metrics route has its own section', () => {
  const missing = routes.filter((r) => isApi(r.pattern)).map(key)
    .filter((k) => !headings.has(k));
  assert.deepEqual(missing, [],
    `docs/API.md lacks a "### METHOD /path" section for:\n  ${missing.join('\n  ')}`);
});

test('every page route has a row in the page table', () => {
  const missing = routes.filter((r) => !isApi(r.pattern)).map(key)
    .filter((k) => !pageRows.has(k));
  assert.deepEqual(missing, [],
    `docs/API.md lacks a "| \`METHOD /path\` |" row in the Pages table for:\n  ${missing.join('\n  ')}`);
});

test('the doc describes no route the server does not answer', () => {
  const real = new Set(routes.map(key));
  const stale = [...headings, ...pageRows].filter((k) => !real.has(k));
  assert.deepEqual(stale, [], `docs/API.md documents routes that do not exist:\n  ${stale.join('\n  ')}`);
  const apiInTable = [...pageRows].filter((k) => isApi(k.split(' ')[1]));
  assert.deepEqual(apiInTable, [], 'API routes belong in sections, not in the page table');
});

test('every JSON example is valid JSON', () => {
  const blocks = [...doc.matchAll(/^```json\n([\s\S]*?)^```$/gm)];
  assert.ok(blocks.length >= headings.size, 'the endpoints come with JSON examples');
  for (const b of blocks) {
    const line = doc.slice(0, b.index).split('\n').length;
    assert.doesNotThrow(() => JSON.parse(b[1]), `the JSON block at docs/API.md:${line} parses`);
  }
});
