/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Sending the queued mail (see app/mail.h) with a small SMTP client on POSIX
 * sockets: resolve with getaddrinfo, connect with a timeout, then one
 * session for the whole batch — EHLO (HELO when refused), and per message
 * MAIL FROM, RCPT TO, DATA, RSET after a refusal — and QUIT. Replies are
 * read line by line with poll() and a timeout, multi-line replies to their
 * last line. The message is plain text in UTF-8: the subject as RFC 2047
 * encoded words, the body sent as 8bit when the server offers 8BITMIME and
 * its lines are short, else base64; lines end in CRLF and a leading dot is
 * doubled. Each result is recorded in its own small write transaction
 * (sent_at, or attempts and last_error); a message is given up after five
 * failed attempts. No TLS or authentication: the relay sits inside the
 * Party's network.
 */
#include "core/common.h"
#include "app/mail.h"
#include "core/buf.h"
#include "core/num.h"
#include "store/notify.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <unistd.h>

#define MAIL_MAX_ATTEMPTS 5
#define SMTP_TIMEOUT_MS 10000
#define SMTP_LINE_MAX 1024
#define MAIL_HOST_MAX 253
#define MAIL_ADDR_MAX 254

struct smtp {
	int fd;
	char in[4096]; /* received, not yet consumed */
	size_t in_len;
	bool eightbit;		   /* the server offered 8BITMIME */
	char reply[SMTP_LINE_MAX]; /* the last line of the last reply */
	char error[300];	   /* why the session or message failed */
};

/* ---- validation ---- */

/* A mailbox "local@domain": printable ASCII or UTF-8, no spaces, angle
 * brackets or control characters, one '@' with text on both sides. */
static bool addr_valid(const char *a)
{
	size_t n = strlen(a);
	const char *at = strchr(a, '@');
	if (n < 3 || n > MAIL_ADDR_MAX || !at || at == a || !at[1] || strchr(at + 1, '@'))
		return false;
	for (const unsigned char *p = (const unsigned char *)a; *p; p++)
		if (*p <= ' ' || *p == '<' || *p == '>' || *p == '(' || *p == ')' || *p == ',' ||
		    *p == ';' || *p == '"' || *p == '\\' || *p == 0x7f)
			return false;
	return true;
}

static bool host_valid(const char *h)
{
	size_t n = strlen(h);
	if (n < 1 || n > MAIL_HOST_MAX)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == ':' || *p == '_'))
			return false;
	return true;
}

/* ---- the connection ---- */

static void set_error(struct smtp *c, const char *fmt, ...) KH_PRINTF(2, 3);
static void set_error(struct smtp *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->error, sizeof(c->error), fmt, ap);
	va_end(ap);
	for (char *p = c->error; *p; p++)
		if (*p == '\r' || *p == '\n')
			*p = ' ';
}

/* Connects one address with a timeout; the socket stays non-blocking. */
static int connect_addr(const struct addrinfo *ai)
{
	int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
	if (fd < 0)
		return -1;
	int flags = fcntl(fd, F_GETFL);
	if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0)
		goto fail;
	if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
		return fd;
	if (errno != EINPROGRESS)
		goto fail;
	struct pollfd p = {.fd = fd, .events = POLLOUT};
	int soerr = 0;
	socklen_t len = sizeof(soerr);
	if (poll(&p, 1, SMTP_TIMEOUT_MS) != 1 ||
	    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) != 0 || soerr != 0) {
		if (soerr)
			errno = soerr;
		else if (errno == 0)
			errno = ETIMEDOUT;
		goto fail;
	}
	return fd;
fail:;
	int saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static bool smtp_connect(struct smtp *c, const char *host, int port)
{
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM}, *res = NULL;
	char service[8];
	snprintf(service, sizeof(service), "%d", port);
	int rc = getaddrinfo(host, service, &hints, &res);
	if (rc != 0) {
		set_error(c, "Không tìm thấy máy chủ thư %s: %s", host, gai_strerror(rc));
		return false;
	}
	c->fd = -1;
	errno = 0;
	for (struct addrinfo *ai = res; ai && c->fd < 0; ai = ai->ai_next)
		c->fd = connect_addr(ai);
	int saved = errno;
	freeaddrinfo(res);
	if (c->fd < 0) {
		set_error(c, "Không kết nối được máy chủ thư %s:%d: %s", host, port,
			  strerror(saved ? saved : ETIMEDOUT));
		return false;
	}
	return true;
}

static bool send_all(struct smtp *c, const char *data, size_t n)
{
	while (n > 0) {
		ssize_t w = send(c->fd, data, n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd p = {.fd = c->fd, .events = POLLOUT};
			if (poll(&p, 1, SMTP_TIMEOUT_MS) != 1) {
				set_error(c, "Máy chủ thư không nhận dữ liệu (quá thời gian chờ)");
				return false;
			}
			continue;
		}
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			set_error(c, "Lỗi gửi tới máy chủ thư: %s", strerror(errno));
			return false;
		}
		data += w;
		n -= (size_t)w;
	}
	return true;
}

/* Reads one line (without its CRLF) into line. */
static bool read_line(struct smtp *c, char *line, size_t cap)
{
	for (;;) {
		char *nl = memchr(c->in, '\n', c->in_len);
		if (nl) {
			size_t n = (size_t)(nl - c->in);
			size_t keep = n > 0 && c->in[n - 1] == '\r' ? n - 1 : n;
			if (keep >= cap)
				keep = cap - 1;
			memcpy(line, c->in, keep);
			line[keep] = '\0';
			memmove(c->in, nl + 1, c->in_len - n - 1);
			c->in_len -= n + 1;
			return true;
		}
		if (c->in_len == sizeof(c->in)) {
			set_error(c, "Máy chủ thư trả lời một dòng quá dài");
			return false;
		}
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		int pr = poll(&p, 1, SMTP_TIMEOUT_MS);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr != 1) {
			set_error(c, "Máy chủ thư không trả lời (quá thời gian chờ)");
			return false;
		}
		ssize_t r = recv(c->fd, c->in + c->in_len, sizeof(c->in) - c->in_len, 0);
		if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
			continue;
		if (r <= 0) {
			set_error(c, "Máy chủ thư đóng kết nối");
			return false;
		}
		c->in_len += (size_t)r;
	}
}

/* Reads a whole reply; returns its code (0 on failure). Notes 8BITMIME in an
 * EHLO reply. */
static int read_reply(struct smtp *c)
{
	char line[SMTP_LINE_MAX];
	for (int lines = 0; lines < 100; lines++) {
		if (!read_line(c, line, sizeof(line)))
			return 0;
		if (strlen(line) < 3 || line[0] < '2' || line[0] > '5' || line[1] < '0' ||
		    line[1] > '9' || line[2] < '0' || line[2] > '9' ||
		    (line[3] != '\0' && line[3] != ' ' && line[3] != '-')) {
			set_error(c, "Máy chủ thư trả lời không đúng giao thức SMTP");
			return 0;
		}
		if (strncasecmp(line + 4, "8BITMIME", 8) == 0 &&
		    (line[12] == '\0' || line[12] == ' '))
			c->eightbit = true;
		if (line[3] != '-') {
			snprintf(c->reply, sizeof(c->reply), "%s", line);
			return (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
		}
	}
	set_error(c, "Máy chủ thư trả lời quá nhiều dòng");
	return 0;
}

/* Sends a command line and reads the reply: 1 when its code is ok1 or ok2,
 * 0 when the server refused (c->error names the command and the reply), -1
 * when the session broke. */
static int command(struct smtp *c, int ok1, int ok2, const char *fmt, ...) KH_PRINTF(4, 5);
static int command(struct smtp *c, int ok1, int ok2, const char *fmt, ...)
{
	char line[SMTP_LINE_MAX];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof(line) - 2, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(line) - 2) {
		set_error(c, "Lệnh SMTP quá dài");
		return 0;
	}
	memcpy(line + n, "\r\n", 3);
	if (!send_all(c, line, (size_t)n + 2))
		return -1;
	int code = read_reply(c);
	if (code == 0)
		return -1;
	if (code == ok1 || code == ok2)
		return 1;
	size_t k = strcspn(line, " :\r");
	set_error(c, "Máy chủ thư từ chối %.*s: %s", (int)(k < 15 ? k : 15), line, c->reply);
	return 0;
}

/* ---- the message ---- */

static void base64(struct buf *b, const unsigned char *p, size_t n, size_t wrap)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t col = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < n)
			v |= p[i + 2];
		char q[4] = {t[(v >> 18) & 63], t[(v >> 12) & 63],
			     i + 1 < n ? t[(v >> 6) & 63] : '=', i + 2 < n ? t[v & 63] : '='};
		buf_add(b, q, 4);
		col += 4;
		if (wrap && col >= wrap && i + 3 < n) {
			buf_puts(b, "\r\n");
			col = 0;
		}
	}
}

/* The subject as RFC 2047 encoded words of at most 45 bytes of UTF-8 each
 * (cut between characters), folded onto continuation lines; plain ASCII
 * subjects stay as they are. */
static void subject_header(struct buf *b, const char *s)
{
	bool ascii = true;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		ascii = ascii && *p >= ' ' && *p < 0x7f;
	buf_puts(b, "Subject: ");
	if (ascii && strlen(s) <= 900) {
		buf_puts(b, s);
		buf_puts(b, "\r\n");
		return;
	}
	size_t n = strlen(s), i = 0;
	bool first = true;
	while (i < n) {
		size_t k = n - i > 45 ? 45 : n - i;
		while (k > 0 && i + k < n && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k--;
		if (k == 0)
			k = 1;
		buf_puts(b, first ? "=?UTF-8?B?" : "\r\n =?UTF-8?B?");
		base64(b, (const unsigned char *)s + i, k, 0);
		buf_puts(b, "?=");
		first = false;
		i += k;
	}
	buf_puts(b, "\r\n");
}

/* RFC 5322 date of t in UTC: "Thu, 15 Jan 2026 08:30:00 +0000". */
static void date_header(struct buf *b, int64_t t)
{
	static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					     "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday % 7],
		   tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
		   tm.tm_sec);
}

/* Whether every line of s fits the 998-octet limit of 8bit SMTP. */
static bool lines_short(const char *s)
{
	size_t len = 0;
	for (; *s; s++) {
		len = *s == '\n' ? 0 : len + 1;
		if (len > 900)
			return false;
	}
	return true;
}

/* The DATA of a message: headers, a blank line, the body with CRLF line
 * ends and dot-stuffing, and the final ".". */
static void build_message(struct buf *b, const struct mail_message *m, const char *from,
			  bool eightbit, int64_t now)
{
	const char *domain = strchr(from, '@');
	bool body8 = eightbit && lines_short(m->body);
	buf_printf(b, "From: %s\r\nTo: %s\r\n", from, m->to_addr);
	subject_header(b, m->subject);
	date_header(b, now);
	buf_printf(b, "Message-ID: <kehoach.%lld.%lld@%s>\r\n", (long long)m->id, (long long)now,
		   domain ? domain + 1 : "kehoach.invalid");
	buf_puts(b, "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n");
	buf_printf(b, "Content-Transfer-Encoding: %s\r\nAuto-Submitted: auto-generated\r\n\r\n",
		   body8 ? "8bit" : "base64");
	if (body8) {
		bool bol = true;
		for (const char *p = m->body; *p; p++) {
			if (bol && *p == '.')
				buf_putc(b, '.');
			bol = false;
			if (*p == '\r')
				continue;
			if (*p == '\n') {
				buf_puts(b, "\r\n");
				bol = true;
				continue;
			}
			buf_putc(b, *p);
		}
		if (!bol)
			buf_puts(b, "\r\n");
	} else {
		/* base64 of the body with CRLF line ends. */
		struct buf crlf;
		buf_init(&crlf, 4u << 20);
		for (const char *p = m->body; *p; p++) {
			if (*p == '\r')
				continue;
			if (*p == '\n')
				buf_putc(&crlf, '\r');
			buf_putc(&crlf, *p);
		}
		base64(b, (const unsigned char *)(crlf.data ? crlf.data : ""), crlf.len, 76);
		buf_puts(b, "\r\n");
		buf_release(&crlf);
	}
	buf_puts(b, ".\r\n");
}

/* Sends one message on an open session. False with c->error set on a
 * failure; *session_lost tells whether the session cannot go on. */
static bool send_message(struct smtp *c, const struct mail_message *m, const char *from,
			 int64_t now, bool *session_lost)
{
	int r;
	*session_lost = false;
	if (!addr_valid(m->to_addr)) {
		set_error(c, "Địa chỉ người nhận không hợp lệ: %s", m->to_addr);
		return false;
	}
	if ((r = command(c, 250, 250, "MAIL FROM:<%s>%s", from,
			 c->eightbit ? " BODY=8BITMIME" : "")) != 1 ||
	    (r = command(c, 250, 251, "RCPT TO:<%s>", m->to_addr)) != 1 ||
	    (r = command(c, 354, 354, "DATA")) != 1)
		goto refused;
	struct buf b;
	buf_init(&b, 8u << 20);
	build_message(&b, m, from, c->eightbit, now);
	bool ok = !buf_failed(&b) && send_all(c, b.data, b.len);
	if (buf_failed(&b))
		set_error(c, "Thư quá lớn");
	buf_release(&b);
	if (!ok) {
		*session_lost = true;
		return false;
	}
	int code = read_reply(c);
	if (code == 250)
		return true;
	if (code == 0) {
		*session_lost = true;
		return false;
	}
	set_error(c, "Máy chủ thư từ chối nội dung thư: %s", c->reply);
	r = 0;
refused:
	if (r < 0) {
		*session_lost = true;
		return false;
	}
	/* Start over for the next message, keeping the refusal's message. */
	char saved[sizeof(c->error)];
	memcpy(saved, c->error, sizeof(saved));
	if (command(c, 250, 250, "RSET") != 1)
		*session_lost = true;
	memcpy(c->error, saved, sizeof(saved));
	return false;
}

/* ---- recording results ---- */

static int record(struct app_ctx *ctx, int64_t id, bool ok, const char *error, struct kh_error *err)
{
	int rc = store_begin(ctx->store, true, err);
	if (rc)
		return rc;
	rc = ok ? store_mail_mark_sent(ctx->store, id, ctx->now, err)
		: store_mail_mark_failed(ctx->store, id, error, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

struct mail_config {
	const char *host, *from;
	int port;
};

static int load(struct app_ctx *ctx, int max, struct mail_config *cfg, struct mail_message **msgs,
		int *n, struct kh_error *err)
{
	const char *port = NULL;
	int rc = store_begin(ctx->store, false, err);
	if (rc)
		return rc;
	if (!(rc = store_setting_get(ctx->store, ctx->arena, "mail.smtp_host", &cfg->host, err)) &&
	    !(rc = store_setting_get(ctx->store, ctx->arena, "mail.smtp_port", &port, err)) &&
	    !(rc = store_setting_get(ctx->store, ctx->arena, "mail.from", &cfg->from, err)) &&
	    cfg->host && *cfg->host)
		rc = store_mail_pending(ctx->store, ctx->arena, max, MAIL_MAX_ATTEMPTS, msgs, n,
					err);
	store_rollback(ctx->store);
	cfg->port = 25;
	int64_t v;
	if (port && num_parse_i64(port, 1, 65535, &v) == 0)
		cfg->port = (int)v;
	if (!cfg->from || !*cfg->from)
		cfg->from = "kehoach@localhost";
	return rc;
}

int app_mail_send_pending(struct app_ctx *ctx, int max, int *sent, struct kh_error *err)
{
	struct mail_config cfg = {0};
	struct mail_message *msgs = NULL;
	struct smtp c = {.fd = -1};
	int n = 0, failed = 0, rc;
	char last_error[sizeof(c.error)] = "";
	*sent = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_require_admin(ctx, err)))
		return rc;
	if (max < 1)
		max = 100;
	if ((rc = load(ctx, max, &cfg, &msgs, &n, err)))
		return rc;
	if (n == 0)
		return 0;
	if (!addr_valid(cfg.from) || !host_valid(cfg.host))
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cấu hình gửi thư không hợp lệ: hãy chạy lại kehoach mail config");

	bool up = smtp_connect(&c, cfg.host, cfg.port);
	if (up) {
		char me[256] = "localhost";
		if (gethostname(me, sizeof(me) - 1) != 0 || !host_valid(me))
			snprintf(me, sizeof(me), "localhost");
		up = read_reply(&c) == 220;
		if (!up && !c.error[0])
			set_error(&c, "Máy chủ thư từ chối kết nối: %s", c.reply);
		if (up) {
			int r = command(&c, 250, 250, "EHLO %s", me);
			if (r == 0) {
				c.eightbit = false;
				r = command(&c, 250, 250, "HELO %s", me);
			}
			up = r == 1;
		}
	}
	for (int i = 0; i < n; i++) {
		bool ok = false, lost = !up;
		if (up)
			ok = send_message(&c, &msgs[i], cfg.from, ctx->now, &lost);
		if (ok) {
			(*sent)++;
		} else {
			failed++;
			snprintf(last_error, sizeof(last_error), "%s", c.error);
		}
		if ((rc = record(ctx, msgs[i].id, ok, c.error, err)))
			break;
		if (lost)
			up = false;
	}
	if (c.fd >= 0) {
		if (up)
			(void)command(&c, 221, 221, "QUIT");
		close(c.fd);
	}
	if (rc)
		return rc;
	if (failed)
		return kh_fail(err, KH_EIO, NULL, "Đã gửi %d thư, %d thư chưa gửi được: %s", *sent,
			       failed, last_error);
	return 0;
}

int app_mail_configure(struct app_ctx *ctx, const char *host, int port, const char *from,
		       struct kh_error *err)
{
	int rc;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_require_admin(ctx, err)))
		return rc;
	host = host ? host : "";
	if (*host && !host_valid(host))
		return kh_fail(err, KH_EINVAL, "host",
			       "Tên máy chủ thư không hợp lệ (chỉ gồm chữ, số, dấu chấm, gạch"
			       " ngang; tối đa %d ký tự)",
			       MAIL_HOST_MAX);
	if (port == 0)
		port = 25;
	if (port < 1 || port > 65535)
		return kh_fail(err, KH_EINVAL, "port", "Cổng máy chủ thư phải từ 1 đến 65535");
	if (*host && (!from || !addr_valid(from)))
		return kh_fail(err, KH_EINVAL, "from",
			       "Cần địa chỉ người gửi hợp lệ, như kehoach@tinhuy.sonnam.vn");
	char port_text[8];
	snprintf(port_text, sizeof(port_text), "%d", port);
	json_t *after =
		*host ? json_pack("{s:s, s:i, s:s}", "host", host, "port", port, "from", from)
		      : json_pack("{s:s}", "host", "");
	char *after_text = json_dumps(after, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(after);
	if ((rc = store_begin(ctx->store, true, err)))
		goto out;
	if (*host) {
		if (!(rc = store_setting_set(ctx->store, "mail.smtp_host", host, err)) &&
		    !(rc = store_setting_set(ctx->store, "mail.smtp_port", port_text, err)))
			rc = store_setting_set(ctx->store, "mail.from", from, err);
	} else {
		rc = store_setting_set(ctx->store, "mail.smtp_host", NULL, err);
	}
	if (!rc)
		rc = app_audit(ctx, "mail.configure", "setting", 0, NULL, after_text, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
out:
	free(after_text);
	return rc;
}
