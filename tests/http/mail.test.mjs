// SPDX-License-Identifier: AGPL-3.0-or-later
// E-mail notifications end to end: a small SMTP server written here listens
// on a free loopback port and records what it receives; `kehoach mail
// config` points the database at it and `kehoach user email` gives the
// commune secretary's account an address; a request on his plan queues a
// message in the same transaction; `kehoach mail send` delivers it, and the
// test reads the SMTP dialogue, the headers (the subject as RFC 2047 words,
// UTF-8 plain text, 8bit, Date, Message-ID) and the body. An account without an address gets
// no mail; a relay that is down leaves the message queued with its error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';
import { startServer, login, client, BIN } from './harness.mjs';

let srv, smtp;
const as = {};
const ids = {};
const FROM = 'kehoach@tinhuy.sonnam.vn';
const HIEN = 'hien.nt@tanphong.sonnam.vn';

function sql(text) {
  return execFileSync('sqlite3', [srv.db, text], { encoding: 'utf8' }).trim();
}

// Runs the CLI without blocking this process, whose event loop serves SMTP.
function cliAsync(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

// A minimal SMTP server: EHLO with 8BITMIME, MAIL, RCPT, DATA, RSET, QUIT.
function smtpServer() {
  const messages = [];
  const server = net.createServer((sock) => {
    let buf = '';
    let data = null;
    let cur = { commands: [] };
    sock.setEncoding('latin1'); // bytes as they come; decoded as UTF-8 below
    sock.write('220 smtp.test ESMTP\r\n');
    sock.on('data', (chunk) => {
      buf += chunk;
      let i;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (data !== null) {
          if (line === '.') {
            cur.data = Buffer.from(data.join('\r\n'), 'latin1').toString('utf8');
            messages.push(cur);
            cur = { commands: [] };
            data = null;
            sock.write('250 2.0.0 Ok: queued\r\n');
          } else {
            data.push(line);
          }
          continue;
        }
        cur.commands.push(line);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO') sock.write('250-smtp.test\r\n250-8BITMIME\r\n250 SIZE 10240000\r\n');
        else if (verb === 'DATA') { data = []; sock.write('354 End data with <CR><LF>.<CR><LF>\r\n'); }
        else if (verb === 'QUIT') { sock.write('221 2.0.0 Bye\r\n'); sock.end(); }
        else sock.write('250 2.0.0 Ok\r\n');
      }
    });
    sock.on('error', () => {});
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: server.address().port, messages }));
  });
}

// The decoded subject: RFC 2047 B-encoded words, folded.
function decodeSubject(raw) {
  return raw.replace(/\r\n /g, '').replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=/g,
    (_, b) => Buffer.from(b, 'base64').toString('latin1'))
    .replace(/[\s\S]*/, (s) => Buffer.from(s, 'latin1').toString('utf8'));
}

before(async () => {
  smtp = await smtpServer();
  srv = await startServer({ demo: true, env: { KH_TODAY: '2026-02-10' } });
  for (const u of ['admin', 'bithu.xa', 'bithu.chibo']) as[u] = client(srv.url, await login(srv.url, u));
  const c = as['bithu.xa'];
  const p = await c('POST', '/api/v1/plans', { scope: 'year', year_from: 2027 });
  assert.equal(p.status, 201, p.text);
  ids.plan = p.json.id;
  const it = await c('POST', `/api/v1/plans/${ids.plan}/items`, { text: 'Duy trì sinh hoạt chi bộ định kỳ' });
  assert.equal(it.status, 201, it.text);
  assert.equal((await c('POST', `/api/v1/plans/${ids.plan}/send`)).status, 200);
});
after(async () => {
  await srv?.stop();
  smtp?.server.close();
});

test('kehoach mail config: checked, and nothing queued before it', async () => {
  let r = srv.cli(['mail', 'config', '--db', srv.db, '--host', '127.0.0.1']);
  assert.equal(r.status, 2, 'the sender is required');
  r = srv.cli(['mail', 'config', '--db', srv.db, '--host', '127.0.0.1', '--port', '0', '--from', FROM]);
  assert.equal(r.status, 2);
  r = srv.cli(['mail', 'config', '--db', srv.db, '--host', '127.0.0.1', '--from', 'khong-phai-dia-chi']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /địa chỉ người gửi/);
  assert.equal(sql("SELECT count(*) FROM settings WHERE key LIKE 'mail.%'"), '0');
  // The plan was sent with no relay configured: no mail.
  assert.equal(sql('SELECT count(*) FROM mail_outbox'), '0');
  r = srv.cli(['mail', 'config', '--db', srv.db, '--host', '127.0.0.1', '--port', String(smtp.port), '--from', FROM]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã cấu hình gửi thư qua 127\.0\.0\.1:\d+/);
  r = await cliAsync(['mail', 'send', '--db', srv.db]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Đã gửi 0 thư\./);
});

test('a request to a head with an address is mailed to him by kehoach mail send', async () => {
  // The operator sets his address with the CLI (a bad one changes nothing).
  let set = srv.cli(['user', 'email', '--db', srv.db, '--username', 'bithu.xa', '--email', 'hien.nt@tanphong']);
  assert.equal(set.status, 1);
  assert.match(set.stderr, /Địa chỉ thư điện tử không hợp lệ/);
  assert.equal(sql("SELECT email FROM users WHERE username = 'bithu.xa'"), '');
  set = srv.cli(['user', 'email', '--db', srv.db, '--username', 'bithu.xa', '--email', HIEN]);
  assert.equal(set.status, 0, set.stderr);
  assert.ok(set.stdout.includes(`tài khoản bithu.xa sẽ được gửi thư về ${HIEN}`), set.stdout);
  const r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, {
    kind: 'comment', text: 'Đề nghị bổ sung nội dung “học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”.',
  });
  assert.equal(r.status, 201, r.text);
  ids.comment = r.json.id;
  assert.equal(sql('SELECT count(*) FROM mail_outbox WHERE sent_at IS NULL'), '1');
  assert.equal(sql('SELECT to_addr FROM mail_outbox'), HIEN);

  const out = await cliAsync(['mail', 'send', '--db', srv.db]);
  assert.equal(out.status, 0, out.stderr);
  assert.match(out.stdout, /Đã gửi 1 thư\./);
  assert.equal(smtp.messages.length, 1);
  const m = smtp.messages[0];
  assert.ok(m.commands.some((c) => /^EHLO \S+$/.test(c)), m.commands.join('|'));
  assert.ok(m.commands.includes(`MAIL FROM:<${FROM}> BODY=8BITMIME`), m.commands.join('|'));
  assert.ok(m.commands.includes(`RCPT TO:<${HIEN}>`));
  assert.ok(m.commands.includes('DATA'));

  const [head, ...rest] = m.data.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const headers = {};
  for (const h of head.replace(/\r\n /g, '\r\n\t').split(/\r\n(?!\t)/)) {
    const i = h.indexOf(':');
    headers[h.slice(0, i).toLowerCase()] = h.slice(i + 2).replace(/\r\n\t/g, '\r\n ');
  }
  assert.equal(headers.from, FROM);
  assert.equal(headers.to, HIEN);
  assert.match(headers.subject, /^=\?UTF-8\?B\?/);
  const subject = decodeSubject(headers.subject);
  assert.match(subject, /^Phạm Thị Huệ gửi góp ý về kế hoạch «.+»: Đề nghị bổ sung nội dung “học tập/);
  assert.ok(subject.endsWith('…'), `clipped: ${subject}`);
  assert.equal(headers['content-type'], 'text/plain; charset=UTF-8');
  assert.equal(headers['content-transfer-encoding'], '8bit');
  assert.equal(headers['mime-version'], '1.0');
  assert.match(headers.date, /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000$/);
  assert.match(headers['message-id'], /^<kehoach\.\d+\.\d+@tinhuy\.sonnam\.vn>$/);
  assert.ok(body.startsWith('Phạm Thị Huệ gửi góp ý về kế hoạch «'), body);
  assert.ok(body.includes(`Xem chi tiết: /plans/${ids.plan}#comment-${ids.comment}\r\n`), body);
  assert.ok(!/[^\r]\n/.test(body), 'CRLF line ends');
  assert.equal(sql('SELECT count(*) FROM mail_outbox WHERE sent_at IS NOT NULL AND attempts = 1'), '1');

  // Sent once only.
  const again = await cliAsync(['mail', 'send', '--db', srv.db]);
  assert.match(again.stdout, /Đã gửi 0 thư\./);
  assert.equal(smtp.messages.length, 1);
});

test('no address, no mail; a relay that is down leaves the message queued with its error', async () => {
  // The answer goes to the cell secretary, whose account has no address.
  let r = await as['bithu.xa']('POST', `/api/v1/comments/${ids.comment}/answer`, { answer: 'accepted' });
  assert.equal(r.status, 200, r.text);
  assert.equal(sql('SELECT count(*) FROM mail_outbox'), '1');

  await new Promise((resolve) => smtp.server.close(resolve));
  r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, { kind: 'comment', text: 'Góp ý khi máy chủ thư ngừng' });
  assert.equal(r.status, 201, r.text);
  const out = await cliAsync(['mail', 'send', '--db', srv.db]);
  assert.equal(out.status, 1);
  assert.match(out.stderr, /Đã gửi 0 thư, 1 thư chưa gửi được: Không kết nối được máy chủ thư 127\.0\.0\.1/);
  assert.equal(sql('SELECT attempts || \'|\' || (last_error <> \'\') FROM mail_outbox WHERE sent_at IS NULL'), '1|1');

  // Turned off: nothing more is queued.
  const off = srv.cli(['mail', 'config', '--db', srv.db, '--host', '']);
  assert.equal(off.status, 0, off.stderr);
  r = await as['bithu.chibo']('POST', `/api/v1/plans/${ids.plan}/comments`, { kind: 'comment', text: 'Sau khi tắt thư' });
  assert.equal(r.status, 201);
  assert.equal(sql('SELECT count(*) FROM mail_outbox'), '2');
});
