// SPDX-License-Identifier: AGPL-3.0-or-later
// `kehoach config`: prints the settings; --escalation-days sets the days a
// collective's request waits before it may be escalated, audited; a value
// out of range is bad usage and changes nothing. The server then applies it:
// a request two days old may be escalated once the delay is set to 2.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { cli, freshDb, startServer, login, client } from '../http/harness.mjs';

let db, dir;
const sql = (text) => spawnSync('sqlite3', [db, text], { encoding: 'utf8' }).stdout.trim();

before(() => { ({ db, dir } = freshDb({ demo: true })); });
after(() => { rmSync(dir, { recursive: true, force: true }); });

test('config prints the default and sets the escalation delay', () => {
  let r = cli(['config', '--db', db]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'plan.escalation_days\t15\nevidence.max_bytes\t20000000\n');
  r = cli(['config', '--db', db, '--escalation-days', '2']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, 'plan.escalation_days\t2\nevidence.max_bytes\t20000000\n');
  assert.equal(sql("SELECT value FROM settings WHERE key = 'plan.escalation_days'"), '2');
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE action = 'setting.update'"), '1');
  for (const bad of ['-1', '366', 'mười', '']) {
    r = cli(['config', '--db', db, '--escalation-days', bad]);
    assert.equal(r.status, 2, `${bad}: ${r.stdout}`);
    assert.match(r.stderr, /từ 0 đến 365/);
  }
  assert.equal(sql("SELECT value FROM settings WHERE key = 'plan.escalation_days'"), '2');
  assert.equal(sql("SELECT count(*) FROM audit_log WHERE action = 'setting.update'"), '1');
});

test('config sets the size limit of evidence files, audited; out of range changes nothing', () => {
  const audits = () => sql("SELECT count(*) FROM audit_log WHERE action = 'setting.update'");
  const before = audits();
  let r = cli(['config', '--db', db, '--evidence-max-mb', '5']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^evidence\.max_bytes\t5000000$/m);
  assert.equal(sql("SELECT value FROM settings WHERE key = 'evidence.max_bytes'"), '5000000');
  assert.equal(Number(audits()), Number(before) + 1);
  for (const bad of ['0', '21', 'năm']) {
    r = cli(['config', '--db', db, '--evidence-max-mb', bad]);
    assert.equal(r.status, 2, `${bad}: ${r.stdout}`);
    assert.match(r.stderr, /từ 1 đến 20/);
  }
  assert.equal(sql("SELECT value FROM settings WHERE key = 'evidence.max_bytes'"), '5000000');
  assert.equal(Number(audits()), Number(before) + 1);
});

test('the server escalates after the configured delay', async () => {
  let srv = await startServer({ db, env: { KH_TODAY: '2030-01-10' } });
  let head = client(srv.url, await login(srv.url, 'bithu.xa'));
  let cell = client(srv.url, await login(srv.url, 'bithu.chibo'));
  const p = await head('POST', '/api/v1/plans', { scope: 'year', year_from: 2030 });
  assert.equal(p.status, 201, p.text);
  assert.equal((await head('POST', `/api/v1/plans/${p.json.id}/items`, { text: 'Dự sinh hoạt chi bộ' })).status, 201);
  assert.equal((await head('POST', `/api/v1/plans/${p.json.id}/send`, {})).status, 200);
  const cellId = sql("SELECT org_id FROM org_versions WHERE name = 'Chi bộ thôn Đồng Xuân' LIMIT 1");
  const req = await cell('POST', `/api/v1/plans/${p.json.id}/comments`, { kind: 'request', on_behalf_org_id: Number(cellId), text: 'Đề nghị bổ sung' });
  assert.equal(req.status, 201, req.text);
  assert.equal((await cell('POST', `/api/v1/comments/${req.json.id}/escalate`, {})).status, 409);
  await srv.stop();
  srv = await startServer({ db, env: { KH_TODAY: '2030-01-12' } });
  cell = client(srv.url, await login(srv.url, 'bithu.chibo'));
  const e = await cell('POST', `/api/v1/comments/${req.json.id}/escalate`, {});
  assert.equal(e.status, 200, e.text);
  await srv.stop();
});
