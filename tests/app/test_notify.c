/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Notifications and mail through the use cases: a notification addressed to
 * an org reaches everyone holding a position there and one addressed to a
 * person reaches their accounts; read marks are per user and a user cannot
 * mark what is not theirs; one event reaching a user through several orgs
 * is listed, counted and read once; mail is queued only when a relay is configured
 * and only to accounts with an address; the mail settings are the admins';
 * sending talks real SMTP to a small server on a thread of this test (8bit
 * body, encoded subject, dot-stuffing, a refused recipient that does not
 * stop the others) and records failures, giving up after five attempts. */
#include "core/common.h"
#include "app/mail.h"
#include "app/notify.h"
#include "app/org.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system, actors[8];
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, cell;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static void sql(struct fx *f, const char *text)
{
	sqlite3 *db;
	char *msg = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	if (sqlite3_exec(db, text, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", text, msg);
	sqlite3_free(msg);
	sqlite3_close(db);
}

static char *query(struct fx *f, const char *text)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *out = NULL;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, text, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
		out = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return out ? out : strdup("");
}

static void expect(struct fx *f, const char *q, const char *want)
{
	char *v = query(f, q);
	if (strcmp(v, want) != 0)
		fail_msg("%s: got «%s», want «%s»", q, v, want);
	free(v);
}

static int64_t create(struct fx *f, int64_t parent, const char *name, const char *kind, int level)
{
	struct org_create in = {.parent_id = parent,
				.name = name,
				.kind = kind,
				.level = level,
				.date = D(2015, 1, 1)};
	int64_t id = 0;
	OK(app_org_create(&f->sys, &in, &id, &f->err));
	return id;
}

/* The user 100 + p, linked to person p (0 = none). */
static struct app_ctx as(struct fx *f, int user, int person)
{
	struct actor *a = &f->actors[user];
	memset(a, 0, sizeof(*a));
	a->user_id = 100 + user;
	a->person_id = person;
	a->username = "u";
	return (struct app_ctx){.store = f->s,
				.arena = &f->a,
				.actor = a,
				.today = D(2026, 1, 15),
				.now = 1768435200};
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("KH_TEST_TMP");
	char cmd[600];
	if (!tmp)
		tmp = "/tmp";
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/app_notify_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	arena_init(&f->a, 8192);
	app_actor_system(&f->system);
	f->sys = (struct app_ctx){.store = f->s,
				  .arena = &f->a,
				  .actor = &f->system,
				  .today = D(2026, 1, 15),
				  .now = 1768435200};
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->cell = create(f, f->province, "Chi bộ thôn Đồng Xuân", "cell", 4);
	char *q = sqlite3_mprintf(
		"INSERT INTO people(id, full_name, created_at, updated_at) VALUES"
		" (1, 'Phạm Thị Huệ', 0, 0), (2, 'Lê Văn Ba', 0, 0), (3, 'Nguyễn Thế Hiển', 0, 0),"
		" (4, 'Đỗ Thị Cũ', 0, 0);"
		"INSERT INTO users(id, username, password_hash, person_id, created_at, email) VALUES"
		" (101, 'hue', 'x', 1, 0, 'hue@tanphong.vn'), (102, 'ba', 'x', 2, 0, ''),"
		" (103, 'hien', 'x', 3, 0, 'hien@tanphong.vn'), (104, 'cu', 'x', 4, 0,"
		" 'cu@tanphong.vn'), (105, 'khach', 'x', NULL, 0, 'khach@x.vn');"
		"INSERT INTO positions(person_id, org_id, role, valid_from, valid_to) VALUES"
		" (1, %lld, 'head', %d, NULL), (2, %lld, 'member', %d, NULL),"
		" (4, %lld, 'member', %d, %d);",
		(long long)f->cell, D(2020, 1, 1), (long long)f->cell, D(2020, 1, 1),
		(long long)f->cell, D(2016, 1, 1), D(2019, 1, 1));
	sql(f, q);
	sqlite3_free(q);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[600];
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

/* Notifies inside a write transaction, as a use case does. */
static void notify(struct fx *f, const char *kind, int64_t org, int64_t person, const char *text)
{
	struct notification n = {
		.kind = kind, .org_id = org, .person_id = person, .text = text, .link = "/plans/1"};
	OK(store_begin(f->s, true, &f->err));
	OK(app_notify(&f->sys, &n, &f->err));
	OK(store_commit(f->s, &f->err));
}

static void test_inbox(void **state)
{
	struct fx *f = *state;
	struct notification_page page;
	int64_t unread;
	struct app_ctx hue = as(f, 1, 1), ba = as(f, 2, 2), hien = as(f, 3, 3), cu = as(f, 4, 4),
		       guest = as(f, 5, 0);
	notify(f, "plan_sent", f->cell, 0, "Kế hoạch của đồng chí Hiển gửi chi bộ");
	notify(f, "answer", 0, 3, "Trả lời cho đồng chí Hiển");
	notify(f, "decision", f->cell, 3, "Quyết định gửi cả hai");

	OK(app_notify_list(&hue, false, 0, 0, &page, &f->err));
	assert_int_equal(page.n, 2);
	assert_int_equal(page.total, 2);
	assert_int_equal(page.unread, 2);
	assert_int_equal(page.limit, 50);
	assert_string_equal(page.items[0].kind, "decision"); /* newest first */
	assert_string_equal(page.items[1].kind, "plan_sent");
	assert_false(page.items[0].read);
	OK(app_notify_list(&hien, false, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 2);
	assert_string_equal(page.items[1].text, "Trả lời cho đồng chí Hiển");
	/* A position ended long ago, or no person at all: nothing. */
	OK(app_notify_unread(&cu, &unread, &f->err));
	assert_int_equal(unread, 0);
	OK(app_notify_unread(&guest, &unread, &f->err));
	assert_int_equal(unread, 0);

	/* Read marks are per user. */
	int64_t first = page.items[0].id; /* the decision, also the cell's */
	OK(app_notify_mark_read(&hien, first, &f->err));
	OK(app_notify_unread(&hien, &unread, &f->err));
	assert_int_equal(unread, 1);
	OK(app_notify_unread(&ba, &unread, &f->err));
	assert_int_equal(unread, 2);
	OK(app_notify_list(&hien, true, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 1);
	assert_int_equal(page.total, 1);
	assert_string_equal(page.items[0].kind, "answer");

	/* Not theirs: 404, and nothing marked. */
	int64_t answer = page.items[0].id;
	char *before = query(f, "SELECT count(*) FROM notification_reads");
	assert_int_equal(app_notify_mark_read(&ba, answer, &f->err), KH_ENOTFOUND);
	assert_int_equal(app_notify_mark_read(&ba, 9999, &f->err), KH_ENOTFOUND);
	char *after = query(f, "SELECT count(*) FROM notification_reads");
	assert_string_equal(before, after);
	free(before);
	free(after);

	OK(app_notify_mark_read(&ba, 0, &f->err));
	OK(app_notify_unread(&ba, &unread, &f->err));
	assert_int_equal(unread, 0);
	OK(app_notify_unread(&hue, &unread, &f->err));
	assert_int_equal(unread, 2);

	/* Paging and bad parameters. */
	OK(app_notify_list(&hue, false, 1, 1, &page, &f->err));
	assert_int_equal(page.n, 1);
	assert_int_equal(page.total, 2);
	assert_string_equal(page.items[0].kind, "plan_sent");
	struct notification_page bad;
	assert_int_equal(app_notify_list(&hue, false, 201, 0, &bad, &f->err), KH_EINVAL);
	assert_int_equal(app_notify_list(&hue, false, 10, -1, &bad, &f->err), KH_EINVAL);
	struct app_ctx anon = f->sys;
	anon.actor = NULL;
	assert_int_equal(app_notify_list(&anon, false, 10, 0, &bad, &f->err), KH_EUNAUTH);

	json_t *j = app_notification_json(&page.items[0]);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "plan_sent");
	assert_string_equal(json_string_value(json_object_get(j, "link")), "/plans/1");
	assert_true(json_is_null(json_object_get(j, "plan_id")));
	assert_false(json_is_true(json_object_get(j, "read")));
	assert_string_equal(json_string_value(json_object_get(j, "created_at")),
			    "2026-01-15T00:00:00Z");
	json_decref(j);

	/* A notification must be addressed. */
	struct notification none = {.kind = "comment", .text = "x"};
	assert_int_not_equal(app_notify(&f->sys, &none, &f->err), 0);
}

/* Notifies plan `plan` (0 = none) at time now, as a use case does. */
static void notify_plan(struct fx *f, const char *kind, int64_t org, int64_t plan, int64_t now,
			const char *text)
{
	struct notification n = {
		.kind = kind, .org_id = org, .plan_id = plan, .text = text, .link = "/plans/7"};
	struct app_ctx ctx = f->sys;
	ctx.now = now;
	OK(store_begin(f->s, true, &f->err));
	OK(app_notify(&ctx, &n, &f->err));
	OK(store_commit(f->s, &f->err));
}

/* A plan sent to two orgs where Huệ holds a position is one row per org: her
 * inbox shows the event once, and reading it reads both rows. Another plan,
 * another kind or another second is another event. */
static void test_one_event_once(void **state)
{
	struct fx *f = *state;
	struct notification_page page;
	int64_t unread, now = f->sys.now;
	struct app_ctx hue = as(f, 1, 1), ba = as(f, 2, 2);
	int64_t ward = create(f, f->province, "Đảng bộ xã Tân Phong", "committee", 3);
	char *q = sqlite3_mprintf(
		"INSERT INTO positions(person_id, org_id, role, valid_from, valid_to) VALUES"
		" (1, %lld, 'member', %d, NULL);"
		"INSERT INTO plans(id, owner_person_id, scope, year_from, year_to, title,"
		" created_at, updated_at) VALUES (7, 3, 'year', 2026, 2026, 'Kế hoạch 2026', 0, 0),"
		" (8, 3, 'year', 2027, 2027, 'Kế hoạch 2027', 0, 0);",
		(long long)ward, D(2020, 1, 1));
	sql(f, q);
	sqlite3_free(q);

	notify_plan(f, "plan_sent", f->cell, 7, now, "Xin ý kiến kế hoạch 2026");
	notify_plan(f, "plan_sent", ward, 7, now, "Xin ý kiến kế hoạch 2026");
	OK(app_notify_list(&hue, false, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 1);
	assert_int_equal(page.total, 1);
	assert_int_equal(page.unread, 1);
	assert_int_equal(page.items[0].plan_id, 7);
	OK(app_notify_unread(&hue, &unread, &f->err));
	assert_int_equal(unread, 1);

	/* Not the same event: another plan, another kind, another second. */
	notify_plan(f, "plan_sent", ward, 8, now, "Xin ý kiến kế hoạch 2027");
	notify_plan(f, "plan_sent", f->cell, 8, now, "Xin ý kiến kế hoạch 2027");
	notify_plan(f, "approved", f->cell, 7, now, "Đã phê duyệt kế hoạch 2026");
	notify_plan(f, "approved", ward, 7, now, "Đã phê duyệt kế hoạch 2026");
	notify_plan(f, "plan_sent", f->cell, 7, now + 60, "Gửi lại kế hoạch 2026");
	OK(app_notify_list(&hue, false, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 4);
	assert_int_equal(page.unread, 4);
	assert_string_equal(page.items[0].text, "Gửi lại kế hoạch 2026"); /* newest first */
	assert_string_equal(page.items[1].kind, "approved");
	assert_int_equal(page.items[2].plan_id, 8);
	assert_int_equal(page.items[3].plan_id, 7);
	/* Paging counts events too. */
	OK(app_notify_list(&hue, false, 2, 2, &page, &f->err));
	assert_int_equal(page.n, 2);
	assert_int_equal(page.total, 4);
	assert_int_equal(page.items[1].plan_id, 7);
	assert_string_equal(page.items[1].kind, "plan_sent");
	int64_t shown = page.items[1].id;
	/* Ba only holds a position in the cell: the same events, one row each. */
	OK(app_notify_unread(&ba, &unread, &f->err));
	assert_int_equal(unread, 4);

	/* Reading the one shown reads every row of its event, for Huệ only. */
	expect(f, "SELECT count(*) FROM notifications WHERE plan_id = 7 AND kind = 'plan_sent'",
	       "3");
	OK(app_notify_mark_read(&hue, shown, &f->err));
	expect(f,
	       "SELECT count(*) FROM notification_reads r JOIN notifications n ON"
	       " n.id = r.notification_id WHERE r.user_id = 101",
	       "2");
	expect(f,
	       "SELECT count(*) FROM notification_reads r JOIN notifications n ON"
	       " n.id = r.notification_id WHERE n.plan_id = 7 AND n.kind = 'plan_sent'"
	       " AND n.created_at = (SELECT min(created_at) FROM notifications)",
	       "2");
	OK(app_notify_unread(&hue, &unread, &f->err));
	assert_int_equal(unread, 3);
	OK(app_notify_unread(&ba, &unread, &f->err));
	assert_int_equal(unread, 4);
	OK(app_notify_list(&hue, true, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 3);
	assert_int_equal(page.total, 3);
	for (int i = 0; i < page.n; i++)
		assert_int_not_equal(page.items[i].id, shown);
	OK(app_notify_list(&hue, false, 10, 0, &page, &f->err));
	assert_int_equal(page.n, 4);
	assert_true(page.items[3].read);

	/* The other row of the event, read by its own id (as an old link
	 * would), reads the first as well — and marks nothing new. */
	char *other = query(f, "SELECT max(id) FROM notifications WHERE plan_id = 7 AND kind ="
			       " 'approved'");
	int64_t other_id = strtoll(other, NULL, 10);
	free(other);
	OK(app_notify_mark_read(&hue, other_id, &f->err));
	OK(app_notify_unread(&hue, &unread, &f->err));
	assert_int_equal(unread, 2);
	expect(f,
	       "SELECT count(*) FROM notification_reads r JOIN notifications n ON"
	       " n.id = r.notification_id WHERE r.user_id = 101 AND n.kind = 'approved'",
	       "2");
	/* The ward's row is not Ba's to read. */
	assert_int_equal(app_notify_mark_read(&ba, other_id, &f->err), KH_ENOTFOUND);
}

static void test_mail_queued_when_configured(void **state)
{
	struct fx *f = *state;
	struct app_ctx hue = as(f, 1, 1);
	notify(f, "plan_sent", f->cell, 0, "Chưa cấu hình thư");
	expect(f, "SELECT count(*) FROM mail_outbox", "0");

	/* The settings are the admins'. */
	assert_int_equal(app_mail_configure(&hue, "127.0.0.1", 25, "kehoach@tinhuy.vn", &f->err),
			 KH_EFORBIDDEN);
	assert_int_equal(
		app_mail_configure(&f->sys, "mail relay", 25, "kehoach@tinhuy.vn", &f->err),
		KH_EINVAL);
	assert_string_equal(f->err.field, "host");
	assert_int_equal(
		app_mail_configure(&f->sys, "127.0.0.1", 70000, "kehoach@tinhuy.vn", &f->err),
		KH_EINVAL);
	assert_int_equal(app_mail_configure(&f->sys, "127.0.0.1", 25, "kehoach", &f->err),
			 KH_EINVAL);
	assert_int_equal(app_mail_configure(&f->sys, "127.0.0.1", 25, "a@b\r\nBcc: x@y", &f->err),
			 KH_EINVAL);
	expect(f, "SELECT count(*) FROM settings WHERE key LIKE 'mail.%'", "0");
	OK(app_mail_configure(&f->sys, "relay.tinhuy.vn", 0, "kehoach@tinhuy.vn", &f->err));
	expect(f, "SELECT value FROM settings WHERE key = 'mail.smtp_port'", "25");
	expect(f, "SELECT value FROM settings WHERE key = 'mail.from'", "kehoach@tinhuy.vn");
	expect(f, "SELECT count(*) FROM audit_log WHERE action = 'mail.configure'", "1");

	/* The cell: Huệ has an address, Ba has none, Cũ no longer holds a
	 * position there. */
	notify(f, "plan_sent", f->cell, 0, "Kế hoạch gửi chi bộ thôn Đồng Xuân");
	expect(f, "SELECT group_concat(to_addr) FROM mail_outbox", "hue@tanphong.vn");
	expect(f, "SELECT subject FROM mail_outbox", "Kế hoạch gửi chi bộ thôn Đồng Xuân");
	char *body = query(f, "SELECT body FROM mail_outbox");
	assert_non_null(strstr(body, "Kế hoạch gửi chi bộ thôn Đồng Xuân\n"));
	assert_non_null(strstr(body, "/plans/1"));
	free(body);
	notify(f, "answer", 0, 3, "Trả lời");
	expect(f, "SELECT group_concat(to_addr) FROM (SELECT to_addr FROM mail_outbox ORDER BY id)",
	       "hue@tanphong.vn,hien@tanphong.vn");
	/* A notification to both the person and the org mails each address once. */
	notify(f, "decision", f->cell, 1, "Quyết định");
	expect(f, "SELECT count(*) FROM mail_outbox WHERE subject = 'Quyết định'", "1");
	/* One event reaching her through two addressed rows (a plan sent to two
	 * orgs she works for) is one mail, as it is one line in her inbox. */
	notify(f, "plan_sent", f->cell, 0, "Một sự việc");
	notify(f, "plan_sent", f->cell, 0, "Một sự việc");
	expect(f, "SELECT count(*) FROM mail_outbox WHERE subject = 'Một sự việc'", "1");

	/* Turned off: nothing more is queued. */
	OK(app_mail_configure(&f->sys, "", 0, NULL, &f->err));
	notify(f, "plan_sent", f->cell, 0, "Sau khi tắt");
	expect(f, "SELECT count(*) FROM mail_outbox WHERE subject = 'Sau khi tắt'", "0");
	/* A rolled-back use case queues nothing either. */
	OK(app_mail_configure(&f->sys, "relay.tinhuy.vn", 25, "kehoach@tinhuy.vn", &f->err));
	struct notification n = {.kind = "comment", .org_id = f->cell, .text = "Hủy"};
	OK(store_begin(f->s, true, &f->err));
	OK(app_notify(&f->sys, &n, &f->err));
	store_rollback(f->s);
	expect(f, "SELECT count(*) FROM mail_outbox WHERE subject = 'Hủy'", "0");
	expect(f, "SELECT count(*) FROM notifications WHERE text = 'Hủy'", "0");
}

/* ---- a small SMTP server on a thread ---- */

struct sink {
	int listener;
	int port;
	char received[16384]; /* every DATA, and the commands, as received */
	size_t len;
	pthread_t thread;
};

static void sink_add(struct sink *k, const char *s, size_t n)
{
	if (k->len + n < sizeof(k->received)) {
		memcpy(k->received + k->len, s, n);
		k->len += n;
		k->received[k->len] = '\0';
	}
}

static void say(int fd, const char *s)
{
	ssize_t w = send(fd, s, strlen(s), MSG_NOSIGNAL);
	(void)w;
}

/* Serves one session: 8BITMIME, refuses recipients at "reject.vn". */
static void *sink_run(void *arg)
{
	struct sink *k = arg;
	int fd = accept(k->listener, NULL, NULL);
	char buf[8192], line[2048];
	size_t have = 0;
	bool data = false;
	if (fd < 0)
		return NULL;
	say(fd, "220 sink.test ESMTP\r\n");
	for (;;) {
		char *nl = memchr(buf, '\n', have);
		if (!nl) {
			ssize_t r = recv(fd, buf + have, sizeof(buf) - have, 0);
			if (r <= 0)
				break;
			have += (size_t)r;
			continue;
		}
		size_t n = (size_t)(nl - buf) + 1;
		memcpy(line, buf, n < sizeof(line) - 1 ? n : sizeof(line) - 1);
		line[n < sizeof(line) - 1 ? n : sizeof(line) - 1] = '\0';
		memmove(buf, buf + n, have - n);
		have -= n;
		sink_add(k, line, strlen(line));
		if (data) {
			if (strcmp(line, ".\r\n") == 0) {
				data = false;
				say(fd, "250 2.0.0 queued\r\n");
			}
			continue;
		}
		if (strncmp(line, "EHLO", 4) == 0)
			say(fd, "250-sink.test\r\n250-8BITMIME\r\n250 SIZE 1000000\r\n");
		else if (strncmp(line, "RCPT", 4) == 0 && strstr(line, "reject.vn"))
			say(fd, "550 5.1.1 no such user\r\n");
		else if (strncmp(line, "DATA", 4) == 0) {
			data = true;
			say(fd, "354 go ahead\r\n");
		} else if (strncmp(line, "QUIT", 4) == 0) {
			say(fd, "221 bye\r\n");
			break;
		} else
			say(fd, "250 ok\r\n");
	}
	close(fd);
	return NULL;
}

static void sink_start(struct sink *k)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	memset(k, 0, sizeof(*k));
	k->listener = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(k->listener >= 0);
	assert_int_equal(bind(k->listener, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(listen(k->listener, 1), 0);
	assert_int_equal(getsockname(k->listener, (struct sockaddr *)&a, &len), 0);
	k->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&k->thread, NULL, sink_run, k), 0);
}

static void sink_stop(struct sink *k)
{
	pthread_join(k->thread, NULL);
	close(k->listener);
}

static void test_mail_send(void **state)
{
	struct fx *f = *state;
	struct sink k;
	int sent = -1;
	sink_start(&k);
	OK(app_mail_configure(&f->sys, "127.0.0.1", k.port, "kehoach@tinhuy.sonnam.vn", &f->err));
	sql(f, "INSERT INTO mail_outbox(created_at, to_addr, subject, body) VALUES"
	       " (1, 'hue@tanphong.vn', 'Góp ý mới về kế hoạch «Kế hoạch hành động năm 2026» của"
	       " đồng chí Nguyễn Thế Hiển, Bí thư Đảng ủy xã Tân Phong',"
	       " 'Dòng một\n.Dòng bắt đầu bằng dấu chấm\n\nXem chi tiết: /plans/1'),"
	       " (2, 'ai@reject.vn', 'Bị từ chối', 'x'),"
	       " (3, 'hien@tanphong.vn', 'Plain subject', 'Nội dung thứ ba')");
	struct app_ctx hue = as(f, 1, 1);
	assert_int_equal(app_mail_send_pending(&hue, 10, &sent, &f->err), KH_EFORBIDDEN);
	assert_int_equal(app_mail_send_pending(&f->sys, 10, &sent, &f->err), KH_EIO);
	assert_non_null(strstr(f->err.message, "Đã gửi 2 thư, 1 thư chưa gửi được"));
	assert_int_equal(sent, 2);
	sink_stop(&k);

	const char *r = k.received;
	assert_non_null(strstr(r, "EHLO "));
	assert_non_null(strstr(r, "MAIL FROM:<kehoach@tinhuy.sonnam.vn> BODY=8BITMIME\r\n"));
	assert_non_null(strstr(r, "RCPT TO:<hue@tanphong.vn>\r\n"));
	assert_non_null(strstr(r, "RCPT TO:<ai@reject.vn>\r\n"));
	assert_non_null(strstr(r, "RSET\r\n"));
	assert_non_null(strstr(r, "RCPT TO:<hien@tanphong.vn>\r\n"));
	assert_non_null(strstr(r, "QUIT\r\n"));
	assert_non_null(strstr(r, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(r, "\r\n =?UTF-8?B?")); /* folded into several words */
	assert_non_null(strstr(r, "Subject: Plain subject\r\n"));
	assert_non_null(strstr(r, "Content-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(r, "Content-Transfer-Encoding: 8bit\r\n"));
	assert_non_null(strstr(r, "Message-ID: <kehoach."));
	assert_non_null(strstr(r, "@tinhuy.sonnam.vn>\r\n"));
	assert_non_null(strstr(r, "Date: "));
	assert_non_null(strstr(r, "\r\n\r\nDòng một\r\n..Dòng bắt đầu bằng dấu chấm\r\n\r\n"));

	expect(f,
	       "SELECT group_concat(sent_at IS NOT NULL, ',') FROM (SELECT sent_at FROM"
	       " mail_outbox ORDER BY id)",
	       "1,0,1");
	expect(f, "SELECT attempts FROM mail_outbox WHERE id = 2", "1");
	char *why = query(f, "SELECT last_error FROM mail_outbox WHERE id = 2");
	assert_non_null(strstr(why, "550 5.1.1 no such user"));
	free(why);
}

static void test_mail_gives_up(void **state)
{
	struct fx *f = *state;
	int sent = -1;
	/* A port nobody listens on: bound, never listening, then closed. */
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	assert_int_equal(bind(s, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(s, (struct sockaddr *)&a, &len), 0);
	close(s);

	/* Without a relay nothing is sent and nothing counted. */
	sql(f, "INSERT INTO mail_outbox(created_at, to_addr, subject, body) VALUES"
	       " (1, 'hue@tanphong.vn', 'Thư', 'Nội dung')");
	OK(app_mail_send_pending(&f->sys, 10, &sent, &f->err));
	assert_int_equal(sent, 0);
	expect(f, "SELECT attempts FROM mail_outbox", "0");

	OK(app_mail_configure(&f->sys, "127.0.0.1", ntohs(a.sin_port), "kehoach@tinhuy.vn",
			      &f->err));
	for (int i = 1; i <= 5; i++) {
		assert_int_equal(app_mail_send_pending(&f->sys, 10, &sent, &f->err), KH_EIO);
		assert_int_equal(sent, 0);
	}
	expect(f, "SELECT attempts FROM mail_outbox", "5");
	char *why = query(f, "SELECT last_error FROM mail_outbox");
	assert_non_null(strstr(why, "Không kết nối được máy chủ thư 127.0.0.1"));
	free(why);
	/* Given up: a sixth run finds nothing to send. */
	OK(app_mail_send_pending(&f->sys, 10, &sent, &f->err));
	assert_int_equal(sent, 0);
	expect(f, "SELECT attempts FROM mail_outbox", "5");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inbox, setup, teardown),
		cmocka_unit_test_setup_teardown(test_one_event_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mail_queued_when_configured, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mail_send, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mail_gives_up, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
