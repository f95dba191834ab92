// SPDX-License-Identifier: AGPL-3.0-or-later
// Test harness: starts the real kehoach binary on a free loopback port with
// a fresh SQLite file, and stops it. Used by tests/http and tests/browser.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const BIN = process.env.KH_BIN || path.resolve('build-test/kehoach');
const TMP = process.env.KH_TEST_TMP || '/tmp/kehoach-test';

export const DEMO_PASSWORD = 'kehoach-demo';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// Runs the CLI synchronously; returns {status, stdout, stderr}.
export function cli(args, { input, env } = {}) {
  const r = spawnSync(BIN, args, {
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, KH_FAST_HASH: '1', ...env },
    timeout: 120000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// A fresh database directory with an initialized (and optionally demo) db.
export function freshDb({ demo = false } = {}) {
  mkdirSync(TMP, { recursive: true });
  const dir = mkdtempSync(path.join(TMP, 'db-'));
  const db = path.join(dir, 'kehoach.db');
  let r = cli(['init', '--db', db]);
  if (r.status !== 0) throw new Error(`init failed: ${r.stderr}`);
  if (demo) {
    r = cli(['demo', '--db', db]);
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  }
  return { dir, db };
}

// Starts a server. Options: demo (load demo data), db (reuse a file), env.
// Returns {url, db, dir, stop(), cli(args, opts), stderr()}.
export async function startServer({ demo = false, db, env = {} } = {}) {
  let dir;
  if (!db) ({ db, dir } = freshDb({ demo }));
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const child = spawn(BIN, ['serve', '--db', db, '--listen', listen, '--threads', '2'], {
    env: { ...process.env, KH_FAST_HASH: '1', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://${listen}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early: ${stderr}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    db,
    dir,
    stderr: () => stderr,
    cli: (args, opts) => cli(args, opts),
    // Kills the server with SIGKILL, as a crash or power loss would, and
    // keeps the database for a restart (startServer({db})).
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    // Stops with SIGTERM and checks a clean exit (sanitizer reports fail it).
    async stop() {
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      if (dir) rmSync(dir, { recursive: true, force: true });
      if (code !== 0) throw new Error(`server exited with ${code ?? signal}: ${stderr.slice(-4000)}`);
      if (/ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:/.test(stderr))
        throw new Error(`sanitizer report: ${stderr.slice(-4000)}`);
    },
  };
}

// Logs in through the API; returns {cookie, csrf, user}.
export async function login(url, username, password = DEMO_PASSWORD) {
  const r = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 201) throw new Error(`login ${username} failed: ${r.status} ${await r.text()}`);
  const body = await r.json();
  const setCookie = r.headers.get('set-cookie') || '';
  const m = /kh_session=([^;]+)/.exec(setCookie);
  if (!m) throw new Error('no session cookie');
  return { cookie: `kh_session=${m[1]}`, csrf: body.csrf_token, user: body.user };
}

// fetch with a session: adds the cookie, and the CSRF header on writes.
export function client(url, session) {
  return async (method, p, body, headers = {}) => {
    const h = { ...headers };
    if (session) {
      h.Cookie = session.cookie;
      if (method !== 'GET') h['X-CSRF-Token'] = session.csrf;
    }
    let payload = body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      h['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const r = await fetch(url + p, { method, headers: h, body: payload, redirect: 'manual' });
    const text = await r.text();
    let json;
    try { json = JSON.parse(text); } catch { json = undefined; }
    return { status: r.status, headers: r.headers, text, json };
  };
}

// Creates a user through the CLI (admin optional); returns the username.
export function addUser(db, username, password, { admin = false, personId } = {}) {
  const args = ['user', 'add', '--db', db, '--username', username, '--password-stdin'];
  if (admin) args.push('--admin');
  if (personId) args.push('--person-id', String(personId));
  const r = cli(args, { input: password + '\n' });
  if (r.status !== 0) throw new Error(`user add failed: ${r.stderr}`);
  return username;
}
