// SPDX-License-Identifier: AGPL-3.0-or-later
// Authorization for every route the server answers (from `kehoach routes`):
//  - without credentials, every non-public route is refused (401 on the API
//    and on writes, a redirect to the login page for pages);
//  - a cookie-authenticated write without the CSRF token is refused (403);
//  - a user whose scope is one commune (the demo's cell secretary) gets a
//    4xx on every route that names something outside her scope, and on every
//    write aimed outside it;
// and the database is byte-for-byte unchanged after all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { startServer, login, client, cli } from './harness.mjs';

let srv, admin, outsider, routes;
const ids = {};

// Everything users care about; sessions and login counters change by design.
const TABLES = ['orgs', 'org_versions', 'org_events', 'people', 'positions', 'documents',
  'document_links', 'users', 'api_tokens', 'audit_log', 'search_docs', 'settings',
  'plans', 'plan_sources', 'plan_items', 'plan_item_coordinators', 'plan_versions',
  'plan_recipients', 'plan_comments', 'notifications', 'notification_reads', 'mail_outbox',
  'item_progress', 'files', 'progress_evidence', 'item_assignments', 'reminders', 'indicators',
  'indicator_values', 'report_campaigns', 'report_campaign_due', 'report_campaign_indicators',
  'reports', 'report_filings', 'assessments', 'assessment_items', 'assessment_remedies',
  'classification_rules', 'classifications', 'classification_steps'];
// (org_closure and org_counts are derived: a permitted read may rebuild them.)

function dbHash(db) {
  const sql = TABLES.map((t) => `SELECT '${t}', * FROM ${t} ORDER BY 2;`).join('\n');
  const out = execFileSync('sqlite3', ['-readonly', db], { input: sql, encoding: 'utf8' });
  return createHash('sha256').update(out).digest('hex');
}

// A body plausible for any write route, aimed at things outside the scope.
function writeBody() {
  return {
    name: 'Tên mới', short_name: 'TM', date: '2026-11-01', note: 'thử',
    parent_id: ids.province, kind: 'committee', level: 3,
    source_ids: [ids.province], new_orgs: [{ name: 'Tổ chức A' }], children_to: ids.province,
    full_name: 'Nguyễn Văn Ngoài', member_org_id: ids.province, birth_year: 1980,
    person_id: ids.person, org_id: ids.province, role: 'head', title: 'Bí thư',
    valid_from: '2026-01-01', valid_to: '2026-12-01',
    number: '99-NQ/TU', title_doc: 'x', issuer_org_id: ids.province, to_id: ids.document,
    username: 'ke.gian', password: 'mat-khau-dai-1', old_password: 'kehoach-demo',
    new_password: 'mat-khau-dai-2', is_admin: true, disabled: true, label: 'x',
    owner_org_id: ids.other, scope: 'year', year_from: 2026, text: 'Nội dung từ ngoài',
    kind_comment: 'comment', item_id: ids.item, reason: 'Lý do', answer: 'explained',
    decision: 'upheld', seq: 1, state: 'accepted', deadline_text: 'Quý II/2026',
  };
}

function formBody(csrf) {
  const b = writeBody();
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(b)) p.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  if (csrf) p.append('csrf_token', csrf);
  return p.toString();
}

// The id a {id} stands for, by the resource the path names: always
// something outside the outsider's scope.
function fill(pattern) {
  let id = ids.province;
  if (/\/tokens\/\{id\}/.test(pattern)) id = ids.token; // the admin's token
  else if (/people/.test(pattern)) id = ids.person;
  else if (/positions/.test(pattern)) id = ids.position;
  else if (/documents/.test(pattern)) id = ids.document;
  else if (/users/.test(pattern)) id = ids.adminUser;
  else if (/plans/.test(pattern)) id = ids.plan;
  else if (/items/.test(pattern)) id = ids.item;
  else if (/comments/.test(pattern)) id = ids.comment;
  else if (/notifications/.test(pattern)) id = ids.notification;
  // Routes that need a query to mean anything get one.
  const query = /\/version$/.test(pattern) ? '?n=1' : /\/diff$/.test(pattern) ? '?a=1&b=0' : '';
  return pattern.replace('{id}', String(id)) + query;
}

before(async () => {
  srv = await startServer({ demo: true });
  admin = await login(srv.url, 'admin');
  outsider = await login(srv.url, 'bithu.chibo');
  const a = client(srv.url, admin);
  ids.province = (await a('GET', '/api/v1/orgs')).json.orgs.find((o) => o.level === 1)?.id
    ?? (await a('GET', '/api/v1/search?q=tinh%20uy%20son%20nam')).json.results.find((r) => r.type === 'org').id;
  const province = (await a('GET', `/api/v1/orgs/${ids.province}`)).json;
  assert.equal(province.level, 1, 'the province committee');
  const pos = (await a('GET', `/api/v1/positions?org_id=${ids.province}`)).json.positions;
  ids.position = pos[0].id;
  ids.person = pos[0].person_id;
  ids.adminUser = admin.user.id;
  const tok = await a('POST', `/api/v1/users/${ids.adminUser}/tokens`, { label: 'authz' });
  assert.equal(tok.status, 201, tok.text);
  ids.token = (await a('GET', `/api/v1/users/${ids.adminUser}/tokens`)).json.tokens
    .find((t) => t.label === 'authz').id;
  // A document issued by a district-level org of another area: not an
  // ancestor of the outsider's commune, so not readable by her.
  const other = (await a('GET', '/api/v1/search?q=dang%20bo%20xa%20lac%20dien')).json.results.find((r) => r.type === 'org');
  const doc = await a('POST', '/api/v1/documents', {
    number: '12-NQ/ĐU', date: '2026-03-02', issuer_org_id: other.id,
    title: 'Nghị quyết về phát triển kinh tế xã năm 2026',
  });
  assert.equal(doc.status, 201, doc.text);
  ids.document = doc.json.id;
  // A plan of that other commune, sent for comment, with an item and a
  // comment of the province's office: none of it is hers to read or touch.
  ids.other = other.id;
  const plan = await a('POST', '/api/v1/plans', { owner_org_id: other.id, scope: 'year', year_from: 2029 });
  assert.equal(plan.status, 201, plan.text);
  ids.plan = plan.json.id;
  const item = await a('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Rà soát, bổ sung quy chế làm việc', deadline_text: 'Quý II/2029' });
  assert.equal(item.status, 201, item.text);
  ids.item = item.json.id;
  assert.equal((await a('POST', `/api/v1/plans/${ids.plan}/send`, {})).status, 200);
  const office = client(srv.url, await login(srv.url, 'vanphong'));
  const com = await office('POST', `/api/v1/plans/${ids.plan}/comments`, { kind: 'request', text: 'Đề nghị nêu rõ thời gian' });
  assert.equal(com.status, 201, com.text);
  ids.comment = com.json.id;
  const inbox = await a('GET', '/api/v1/notifications?limit=1');
  ids.notification = inbox.json.notifications[0]?.id ?? 1;
  const r = cli(['routes']);
  assert.equal(r.status, 0);
  routes = r.stdout.trim().split('\n').map((line) => {
    const [method, pattern, pub] = line.split(' ');
    return { method, pattern, isPublic: pub === 'public' };
  });
  assert.ok(routes.length > 40, 'the route table is listed');
});
after(async () => { await srv.stop(); });

test('without credentials every non-public route is refused', async () => {
  const before = dbHash(srv.db);
  for (const r of routes.filter((x) => !x.isPublic)) {
    const isApi = r.pattern.startsWith('/api/');
    const res = await fetch(srv.url + fill(r.pattern), {
      method: r.method, redirect: 'manual',
      headers: r.method === 'GET' ? {} : { 'Content-Type': 'application/json' },
      body: r.method === 'GET' ? undefined : JSON.stringify(writeBody()),
    });
    const where = `${r.method} ${r.pattern}`;
    if (isApi || r.method !== 'GET') {
      assert.equal(res.status, 401, where);
      if (isApi) assert.equal((await res.json()).error.code, 'unauthorized', where);
    } else {
      assert.equal(res.status, 303, where);
      assert.match(res.headers.get('location'), /^\/login\?next=/, where);
    }
  }
  assert.equal(dbHash(srv.db), before, 'database unchanged');
});

test('a cookie-authenticated write without the CSRF token is refused', async () => {
  const before = dbHash(srv.db);
  for (const r of routes.filter((x) => !x.isPublic && x.method !== 'GET')) {
    const isApi = r.pattern.startsWith('/api/');
    const res = await fetch(srv.url + fill(r.pattern), {
      method: r.method, redirect: 'manual',
      headers: {
        Cookie: admin.cookie,
        'Content-Type': isApi ? 'application/json' : 'application/x-www-form-urlencoded',
      },
      body: isApi ? JSON.stringify(writeBody()) : formBody(null),
    });
    assert.equal(res.status, 403, `${r.method} ${r.pattern}`);
  }
  // A forged token is no better than none.
  const res = await fetch(`${srv.url}/api/v1/orgs/${ids.province}`, {
    method: 'PATCH',
    headers: { Cookie: admin.cookie, 'Content-Type': 'application/json', 'X-CSRF-Token': 'f'.repeat(64) },
    body: JSON.stringify({ name: 'Giả mạo', date: '2026-11-01' }),
  });
  assert.equal(res.status, 403);
  assert.equal(dbHash(srv.db), before, 'database unchanged');
});

// Routes a signed-in user may use on their own account, whatever their scope.
const OWN = new Set(['POST /logout', 'DELETE /api/v1/session', 'GET /api/v1/session',
  'GET /account', 'POST /account/password', 'POST /account/email', 'GET /',
  // her own inbox: marking her notifications read is hers to do
  'POST /inbox/read', 'POST /api/v1/notifications/read-all', 'POST /api/v1/notifications/{id}/read']);

test('outside her scope the cell secretary gets a 4xx on every route', async () => {
  const before = dbHash(srv.db);
  const c = client(srv.url, outsider);
  const seen = {};
  for (const r of routes.filter((x) => !x.isPublic)) {
    const key = `${r.method} ${r.pattern}`;
    if (OWN.has(key)) continue;
    const named = r.pattern.includes('{id}');
    const admin_only = /^\/(api\/v1\/)?(admin|users|audit)/.test(r.pattern.replace('/api/v1/', '/'));
    if (r.method === 'GET' && !named && !admin_only) continue; // lists: checked below
    const isApi = r.pattern.startsWith('/api/');
    const res = isApi || r.method === 'GET'
      ? await c(r.method, fill(r.pattern), r.method === 'GET' ? undefined : writeBody())
      : await c(r.method, fill(r.pattern), formBody(outsider.csrf),
        { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.ok(res.status >= 400 && res.status < 500 && res.status !== 401, `${key} → ${res.status}`);
    seen[res.status] = (seen[res.status] || 0) + 1;
    // Reading a plan, an item or a comment of another commune is forbidden
    // (it exists: not a 404), whatever the view asked for.
    if (r.method === 'GET' && /\/(plans|items)\/\{id\}/.test(r.pattern)) assert.equal(res.status, 403, key);
    if (isApi) assert.ok(res.json?.error?.code, `${key}: JSON error`);
    else assert.match(res.text, /<html lang="vi">/, `${key}: a Vietnamese page`);
  }
  assert.ok(seen[403] > 20, `most refusals are 403: ${JSON.stringify(seen)}`);
  assert.equal(dbHash(srv.db), before, 'database unchanged');
});

test('lists show the cell secretary only her scope', async () => {
  const c = client(srv.url, outsider);
  const orgs = (await c('GET', '/api/v1/orgs')).json.orgs;
  assert.ok(orgs.length > 0);
  assert.ok(!orgs.some((o) => o.id === ids.province), 'the province is not a root for her');
  const people = (await c('GET', '/api/v1/people?limit=200')).json.people;
  assert.ok(people.length > 0, 'she sees her commune');
  assert.ok(!people.some((p) => p.id === ids.person), 'not the Bí thư Tỉnh ủy');
  const hits = (await c('GET', '/api/v1/search?q=le%20duc%20thang')).json.results;
  assert.ok(!hits.some((h) => h.type === 'person' && h.id === ids.person), 'search is scoped');
  const docs = (await c('GET', '/api/v1/documents?limit=200')).json.documents;
  assert.ok(!docs.some((d) => d.id === ids.document), 'another commune’s document is hidden');
  assert.ok(docs.some((d) => d.issuer_org_id === ids.province), 'upper-level documents flow down');
  // …also those of the upper levels' own bodies: the Bộ Chính trị's
  // directive and the Ban Tổ chức Tỉnh ủy's guidance reach a commune cell.
  assert.ok(docs.some((d) => d.number === '35-CT/TW'), 'a Politburo directive flows down');
  assert.ok(docs.some((d) => /\/BTCTU$/.test(d.number)), 'the provincial Ban Tổ chức’s letters flow down');
  const one = docs.find((d) => d.number === '35-CT/TW');
  assert.equal((await c('GET', `/api/v1/documents/${one.id}`)).status, 200);
  const page = await c('GET', '/orgs');
  assert.equal(page.status, 200);
  assert.doesNotMatch(page.text, /href="\/orgs\/5[?"]/);
});
