// SPDX-License-Identifier: AGPL-3.0-or-later
// The architecture of DESIGN.md §2, checked on the sources: SQL and SQLite
// only in store/; web/ and cli/ reach storage only through app/; core/ and
// text/ depend on nothing above them and do no I/O; no banned function slips
// in through a file that forgot core/common.h.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');
// A layer with no files yet is skipped.
const files = (layer) => (existsSync(path.join(SRC, layer)) ? readdirSync(path.join(SRC, layer)) : [])
  .filter((f) => /\.[ch]$/.test(f))
  .map((f) => ({ name: `${layer}/${f}`, text: readFileSync(path.join(SRC, layer, f), 'utf8') }));
const all = ['core', 'text', 'store', 'app', 'web', 'export', 'cli'].flatMap(files);
test('the source tree is there', () => assert.ok(all.length > 40, `${all.length} files`));

const strip = (t) => t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');

test('SQLite and SQL live in store/ only', () => {
  for (const f of all.filter((x) => !x.name.startsWith('store/'))) {
    const code = strip(f.text);
    assert.doesNotMatch(code, /sqlite3|<sqlite3\.h>/, `${f.name} uses SQLite`);
    assert.doesNotMatch(code, /"\s*(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/i, `${f.name} holds SQL`);
  }
});

test('web/ and cli/ go through app/, never store/', () => {
  for (const f of all.filter((x) => /^(web|cli)\//.test(x.name))) {
    const code = strip(f.text);
    assert.doesNotMatch(code, /#include "store\//, `${f.name} includes a store header`);
    assert.doesNotMatch(code, /\bstore_[a-z_]+\s*\(/, `${f.name} calls the store`);
  }
});

test('core/ and text/ depend on nothing above them and do no I/O', () => {
  for (const f of all.filter((x) => /^(core|text)\//.test(x.name))) {
    const code = strip(f.text);
    assert.doesNotMatch(code, /#include "(store|app|web|cli|export)\//, `${f.name} reaches up`);
    assert.doesNotMatch(code, /\b(fopen|fread|fwrite|getenv|time\(NULL\)|socket|open\()\b/, `${f.name} does I/O`);
  }
});

test('export/ writes documents from the domain records: it knows nothing above it', () => {
  for (const f of all.filter((x) => x.name.startsWith('export/'))) {
    const code = strip(f.text);
    assert.doesNotMatch(code, /#include "(store|app|web|cli)\//, `${f.name} reaches up`);
  }
});

test('every C file includes core/common.h first (the banned-functions list)', () => {
  for (const f of all.filter((x) => x.name.endsWith('.c'))) {
    const first = /#include\s+["<]([^">]+)[">]/.exec(f.text);
    assert.ok(first, `${f.name} includes nothing`);
    assert.equal(first[1], 'core/common.h', `${f.name} must include core/common.h first`);
  }
});
