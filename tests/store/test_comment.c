/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Comments, notifications, the mail outbox and settings on a real SQLite
 * file: a comment's row with the names of its author and orgs, the guarded
 * answer / escalation / decision writes (each wins once), the plan reads the
 * use cases need, a user's notifications by person and org with read marks,
 * the addresses a notification reaches, the outbox's retry bookkeeping and
 * the settings table. */
#include "core/common.h"
#include "core/date.h"
#include "store/comment.h"
#include "store/notify.h"
#include "store/org.h"
#include "store/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct kh_error err;
	int64_t province, commune, cell, plan, item1, item2;
};

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int64_t add_org(struct fx *f, int64_t parent, const char *name, enum org_kind kind)
{
	int64_t id;
	OK(store_org_insert(f->s, kind, 1, D(2010, 1, 1), NULL, 0, &id, &f->err));
	OK(store_org_version_insert(f->s, id, D(2010, 1, 1), 0, parent, name, "", &f->err));
	return id;
}

/* Rows of other modules (people, users, plans, items, recipients) are
 * written with plain SQL on a second connection. */
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
	snprintf(f->path, sizeof(f->path), "%s/store_comment_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 4096);
	f->province = add_org(f, 0, "Tỉnh ủy Sơn Nam", ORG_COMMITTEE);
	f->commune = add_org(f, f->province, "Đảng bộ xã Tân Phong", ORG_COMMITTEE);
	f->cell = add_org(f, f->commune, "Chi bộ thôn Đồng Xuân", ORG_CELL);
	char *q = sqlite3_mprintf(
		"INSERT INTO people(id, full_name, created_at, updated_at) VALUES"
		" (1, 'Nguyễn Thế Hiển', 0, 0), (2, 'Phạm Thị Huệ', 0, 0), (3, 'Lê Văn Ba', 0, 0);"
		"INSERT INTO users(id, username, password_hash, person_id, created_at, email) VALUES"
		" (10, 'bithu.xa', 'x', 1, 0, 'hien@tanphong.vn'), (11, 'bithu.chibo', 'x', 2, 0,"
		" 'hue@tanphong.vn'), (12, 'khong.thu', 'x', 3, 0, ''), (13, 'tai.khoan', 'x', NULL,"
		" 0, 'mo@x.vn'), (14, 'da.khoa', 'x', 2, 0, 'khoa@x.vn');"
		"UPDATE users SET disabled = 1 WHERE id = 14;"
		"INSERT INTO positions(person_id, org_id, role, valid_from, valid_to) VALUES"
		" (2, %lld, 'head', %d, NULL), (3, %lld, 'member', %d, NULL),"
		" (1, %lld, 'member', %d, %d);"
		"INSERT INTO plans(id, owner_person_id, scope, year_from, year_to, title, status,"
		" version, created_at, updated_at) VALUES (7, 1, 'year', 2026, 2026,"
		" 'Kế hoạch hành động năm 2026', 'comment', 1, 0, 0);"
		"INSERT INTO plan_items(id, plan_id, seq, text, created_at, updated_at) VALUES"
		" (70, 7, 1, 'Nội dung một', 0, 0), (71, 7, 2, 'Nội dung hai', 0, 0);"
		"INSERT INTO plan_recipients(plan_id, org_id, role, sent_at) VALUES"
		" (7, %lld, 'base', 5), (7, %lld, 'cell', 5);",
		(long long)f->cell, D(2020, 1, 1), (long long)f->cell, D(2020, 1, 1),
		(long long)f->cell, D(2010, 1, 1), D(2015, 1, 1), (long long)f->commune,
		(long long)f->cell);
	sql(f, q);
	sqlite3_free(q);
	f->plan = 7;
	f->item1 = 70;
	f->item2 = 71;
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

static int64_t add_comment(struct fx *f, int64_t item, enum plan_comment_kind kind, int64_t user,
			   int64_t person, int64_t on_behalf, const char *text)
{
	struct plan_comment c = {.plan_id = f->plan,
				 .item_id = item,
				 .version = 1,
				 .kind = kind,
				 .author_user_id = user,
				 .author_person_id = person,
				 .on_behalf_org_id = on_behalf,
				 .text = text,
				 .created_at = 1767225600,
				 .created_day = D(2026, 1, 1)};
	int64_t id = 0;
	OK(store_begin(f->s, true, &f->err));
	OK(store_comment_insert(f->s, &c, &id, &f->err));
	OK(store_commit(f->s, &f->err));
	return id;
}

static void test_comment_rows(void **state)
{
	struct fx *f = *state;
	struct plan_comment c, *v;
	int n;
	int64_t a = add_comment(f, 0, PLAN_COMMENT_COMMENT, 11, 2, 0, "Cần bổ sung chỉ tiêu.");
	int64_t b = add_comment(f, f->item2, PLAN_COMMENT_REQUEST, 11, 2, f->cell,
				"Đề nghị nêu rõ thời gian.");
	int64_t c3 = add_comment(f, 0, PLAN_COMMENT_COMMENT, 13, 0, 0, "Ý kiến của tài khoản.");

	OK(store_comment_get(f->s, &f->a, b, D(2026, 1, 15), &c, &f->err));
	assert_int_equal(c.plan_id, f->plan);
	assert_int_equal(c.item_id, f->item2);
	assert_int_equal(c.version, 1);
	assert_int_equal(c.kind, PLAN_COMMENT_REQUEST);
	assert_int_equal(c.author_user_id, 11);
	assert_int_equal(c.author_person_id, 2);
	assert_string_equal(c.author_name, "Phạm Thị Huệ");
	assert_int_equal(c.on_behalf_org_id, f->cell);
	assert_string_equal(c.on_behalf_name, "Chi bộ thôn Đồng Xuân");
	assert_string_equal(c.text, "Đề nghị nêu rõ thời gian.");
	assert_int_equal(c.created_day, D(2026, 1, 1));
	assert_string_equal(c.answer, "");
	assert_string_equal(c.decision, "");
	assert_int_equal(c.escalated_at, 0);
	assert_string_equal(c.escalated_to_name, "");

	OK(store_comment_get(f->s, &f->a, c3, D(2026, 1, 15), &c, &f->err));
	assert_string_equal(c.author_name, "tai.khoan"); /* no person: the username */
	assert_string_equal(c.on_behalf_name, "");

	assert_int_equal(store_comment_get(f->s, &f->a, 999, D(2026, 1, 15), &c, &f->err),
			 KH_ENOTFOUND);

	OK(store_comment_list(f->s, &f->a, f->plan, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(v[0].id, a);
	assert_int_equal(v[1].id, b);
	assert_int_equal(v[2].id, c3);
	OK(store_comment_list(f->s, &f->a, 999, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 0);
}

static void test_answer_escalate_decide_once(void **state)
{
	struct fx *f = *state;
	struct plan_comment c, *v;
	bool done;
	int n;
	int64_t a = add_comment(f, 0, PLAN_COMMENT_COMMENT, 11, 2, 0, "Góp ý");
	int64_t b = add_comment(f, 0, PLAN_COMMENT_REQUEST, 11, 2, f->cell, "Đề nghị");

	OK(store_begin(f->s, true, &f->err));
	OK(store_comment_set_answer(f->s, a, "accepted", "Đã bổ sung", f->item1, 100, 10, &done,
				    &f->err));
	assert_true(done);
	OK(store_comment_set_answer(f->s, a, "explained", "Lần hai", 0, 101, 10, &done, &f->err));
	assert_false(done);
	/* An answered comment cannot be escalated. */
	OK(store_comment_set_escalation(f->s, a, f->province, 102, 11, &done, &f->err));
	assert_false(done);
	OK(store_comment_set_escalation(f->s, b, f->province, 103, 11, &done, &f->err));
	assert_true(done);
	OK(store_comment_set_escalation(f->s, b, f->commune, 104, 11, &done, &f->err));
	assert_false(done);
	/* A comment never escalated gets no decision. */
	OK(store_comment_set_decision(f->s, a, "upheld", "x", 105, 12, &done, &f->err));
	assert_false(done);
	OK(store_commit(f->s, &f->err));

	OK(store_comment_escalations(f->s, &f->a, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, b);
	assert_int_equal(v[0].escalated_to_org_id, f->province);
	assert_string_equal(v[0].escalated_to_name, "Tỉnh ủy Sơn Nam");
	assert_int_equal(v[0].escalated_at, 103);
	assert_int_equal(v[0].escalated_by, 11);

	OK(store_begin(f->s, true, &f->err));
	OK(store_comment_set_decision(f->s, b, "upheld", "Yêu cầu tiếp thu", 106, 12, &done,
				      &f->err));
	assert_true(done);
	OK(store_comment_set_decision(f->s, b, "dismissed", "Lần hai", 107, 12, &done, &f->err));
	assert_false(done);
	OK(store_commit(f->s, &f->err));

	OK(store_comment_escalations(f->s, &f->a, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 0);
	OK(store_comment_get(f->s, &f->a, a, D(2026, 1, 15), &c, &f->err));
	assert_string_equal(c.answer, "accepted");
	assert_string_equal(c.answer_text, "Đã bổ sung");
	assert_int_equal(c.answer_item_id, f->item1);
	assert_int_equal(c.answered_at, 100);
	assert_int_equal(c.answered_by, 10);
	OK(store_comment_get(f->s, &f->a, b, D(2026, 1, 15), &c, &f->err));
	assert_string_equal(c.decision, "upheld");
	assert_string_equal(c.decision_text, "Yêu cầu tiếp thu");
	assert_int_equal(c.decided_at, 106);
	assert_int_equal(c.decided_by, 12);
	assert_string_equal(c.answer, "");
}

static void test_plan_reads(void **state)
{
	struct fx *f = *state;
	int64_t plan, *orgs;
	int seq, n;
	OK(store_comment_item_plan(f->s, f->item2, &plan, &seq, &f->err));
	assert_int_equal(plan, f->plan);
	assert_int_equal(seq, 2);
	OK(store_comment_item_plan(f->s, 999, &plan, &seq, &f->err));
	assert_int_equal(plan, 0);
	OK(store_comment_recipient_orgs(f->s, &f->a, f->plan, &orgs, &n, &f->err));
	assert_int_equal(n, 2);
	assert_true((orgs[0] == f->commune && orgs[1] == f->cell) ||
		    (orgs[0] == f->cell && orgs[1] == f->commune));
	OK(store_comment_recipient_orgs(f->s, &f->a, 999, &orgs, &n, &f->err));
	assert_int_equal(n, 0);
}

static int64_t notify(struct fx *f, const char *kind, int64_t org, int64_t person, const char *text)
{
	struct notification n = {.created_at = 1000,
				 .kind = kind,
				 .org_id = org,
				 .person_id = person,
				 .plan_id = f->plan,
				 .text = text,
				 .link = "/plans/7"};
	int64_t id = 0;
	OK(store_begin(f->s, true, &f->err));
	OK(store_notification_insert(f->s, &n, &id, &f->err));
	OK(store_commit(f->s, &f->err));
	return id;
}

static void test_notifications(void **state)
{
	struct fx *f = *state;
	struct notification *v;
	int n, marked;
	int64_t total, unread;
	bool found;
	int64_t to_person = notify(f, "comment", 0, 1, "Góp ý mới");
	int64_t to_cell = notify(f, "answer", f->cell, 0, "Trả lời cho chi bộ");
	int64_t to_other = notify(f, "plan_sent", f->commune, 0, "Kế hoạch gửi xã");
	(void)to_other;

	/* The cell secretary: addressed through the cell. */
	int64_t cell_orgs[] = {f->cell};
	struct notification_audience hue = {
		.user_id = 11, .person_id = 2, .orgs = cell_orgs, .n_orgs = 1};
	/* The commune secretary: his person and nothing else. */
	struct notification_audience hien = {.user_id = 10, .person_id = 1};

	OK(store_notification_list(f->s, &f->a, &hue, false, 10, 0, &v, &n, &total, &unread,
				   &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(total, 1);
	assert_int_equal(unread, 1);
	assert_int_equal(v[0].id, to_cell);
	assert_string_equal(v[0].kind, "answer");
	assert_string_equal(v[0].text, "Trả lời cho chi bộ");
	assert_string_equal(v[0].link, "/plans/7");
	assert_int_equal(v[0].org_id, f->cell);
	assert_int_equal(v[0].plan_id, f->plan);
	assert_false(v[0].read);

	/* Not hers: found false, nothing marked. */
	OK(store_begin(f->s, true, &f->err));
	OK(store_notification_mark_read(f->s, &hue, to_person, &found, &f->err));
	assert_false(found);
	OK(store_notification_mark_read(f->s, &hue, to_cell, &found, &f->err));
	assert_true(found);
	OK(store_notification_mark_read(f->s, &hue, to_cell, &found, &f->err));
	assert_true(found); /* twice is harmless */
	OK(store_commit(f->s, &f->err));
	OK(store_notification_list(f->s, &f->a, &hue, false, 10, 0, &v, &n, &total, &unread,
				   &f->err));
	assert_true(v[0].read);
	assert_int_equal(unread, 0);
	OK(store_notification_list(f->s, &f->a, &hue, true, 10, 0, &v, &n, &total, &unread,
				   &f->err));
	assert_int_equal(n, 0);
	assert_int_equal(total, 0);
	/* Read marks are per user: the same org seen by another user is unread. */
	struct notification_audience other = {.user_id = 12, .orgs = cell_orgs, .n_orgs = 1};
	OK(store_notification_unread(f->s, &other, &unread, &f->err));
	assert_int_equal(unread, 1);

	int64_t both[] = {f->commune, f->cell};
	hien.orgs = both;
	hien.n_orgs = 2;
	notify(f, "decision", f->commune, 1, "Addressed to both");
	OK(store_notification_list(f->s, &f->a, &hien, false, 2, 0, &v, &n, &total, &unread,
				   &f->err));
	assert_int_equal(total, 4);
	assert_int_equal(unread, 4);
	assert_int_equal(n, 2); /* newest first, paged */
	assert_string_equal(v[0].kind, "decision");
	assert_string_equal(v[1].kind, "plan_sent");
	OK(store_notification_list(f->s, &f->a, &hien, false, 2, 2, &v, &n, &total, &unread,
				   &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].kind, "answer");
	assert_string_equal(v[1].kind, "comment");
	OK(store_begin(f->s, true, &f->err));
	OK(store_notification_mark_all_read(f->s, &hien, &marked, &f->err));
	OK(store_commit(f->s, &f->err));
	assert_int_equal(marked, 4);
	OK(store_notification_unread(f->s, &hien, &unread, &f->err));
	assert_int_equal(unread, 0);
	OK(store_notification_unread(f->s, &hue, &unread, &f->err));
	assert_int_equal(unread, 0);
	OK(store_notification_unread(f->s, &other, &unread, &f->err));
	assert_int_equal(unread, 1);
}

static void test_emails(void **state)
{
	struct fx *f = *state;
	const char **v;
	int n;
	/* The person's own accounts. */
	OK(store_notify_emails(f->s, &f->a, 1, 0, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "hien@tanphong.vn");
	/* An org: the accounts of people holding a position there today; no
	 * empty address, no disabled account, no ended position. */
	OK(store_notify_emails(f->s, &f->a, 0, f->cell, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "hue@tanphong.vn");
	/* Before any position there; then when person 1 still held his. */
	OK(store_notify_emails(f->s, &f->a, 0, f->cell, D(2009, 1, 1), &v, &n, &f->err));
	assert_int_equal(n, 0);
	OK(store_notify_emails(f->s, &f->a, 0, f->cell, D(2014, 1, 1), &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(v[0], "hien@tanphong.vn");
	/* Both, each address once. */
	OK(store_notify_emails(f->s, &f->a, 2, f->cell, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 1);
	OK(store_notify_emails(f->s, &f->a, 0, 0, D(2026, 1, 15), &v, &n, &f->err));
	assert_int_equal(n, 0);
}

static void test_outbox_and_settings(void **state)
{
	struct fx *f = *state;
	struct mail_message *m;
	const char *value;
	int n;
	OK(store_begin(f->s, true, &f->err));
	OK(store_mail_insert(f->s, "a@x.vn", "Tiêu đề một", "Nội dung", 10, &f->err));
	OK(store_mail_insert(f->s, "b@x.vn", "Tiêu đề hai", "Nội dung", 11, &f->err));
	OK(store_commit(f->s, &f->err));
	OK(store_mail_pending(f->s, &f->a, 10, 5, &m, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(m[0].to_addr, "a@x.vn");
	assert_string_equal(m[0].subject, "Tiêu đề một");
	assert_int_equal(m[0].attempts, 0);
	int64_t first = m[0].id, second = m[1].id;
	OK(store_mail_pending(f->s, &f->a, 1, 5, &m, &n, &f->err));
	assert_int_equal(n, 1);

	OK(store_begin(f->s, true, &f->err));
	OK(store_mail_mark_sent(f->s, first, 20, &f->err));
	for (int i = 0; i < 4; i++)
		OK(store_mail_mark_failed(f->s, second, "Không kết nối được", &f->err));
	OK(store_commit(f->s, &f->err));
	OK(store_mail_pending(f->s, &f->a, 10, 5, &m, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(m[0].id, second);
	assert_int_equal(m[0].attempts, 4);
	assert_string_equal(m[0].last_error, "Không kết nối được");
	OK(store_begin(f->s, true, &f->err));
	OK(store_mail_mark_failed(f->s, second, "Lần thứ năm", &f->err));
	OK(store_commit(f->s, &f->err));
	OK(store_mail_pending(f->s, &f->a, 10, 5, &m, &n, &f->err));
	assert_int_equal(n, 0); /* given up after five */

	OK(store_setting_get(f->s, &f->a, "mail.smtp_host", &value, &f->err));
	assert_null(value);
	OK(store_begin(f->s, true, &f->err));
	OK(store_setting_set(f->s, "mail.smtp_host", "mail.tinhuy.vn", &f->err));
	OK(store_setting_set(f->s, "mail.smtp_host", "relay.tinhuy.vn", &f->err));
	OK(store_commit(f->s, &f->err));
	OK(store_setting_get(f->s, &f->a, "mail.smtp_host", &value, &f->err));
	assert_string_equal(value, "relay.tinhuy.vn");
	OK(store_begin(f->s, true, &f->err));
	OK(store_setting_set(f->s, "mail.smtp_host", NULL, &f->err));
	OK(store_commit(f->s, &f->err));
	OK(store_setting_get(f->s, &f->a, "mail.smtp_host", &value, &f->err));
	assert_null(value);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_comment_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer_escalate_decide_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notifications, setup, teardown),
		cmocka_unit_test_setup_teardown(test_emails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_outbox_and_settings, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
