/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Comments and requests on a plan sent for comment, through the use cases
 * on a real database: who may comment (a recipient, as a person or for a
 * collective it acts for) and who may not (an outsider, another cell, a
 * draft); the owner's answer (once; a non-owner is refused); the escalation
 * of a collective's unanswered request (not before the configured delay,
 * only by a member of that collective, only for collective requests, once)
 * to the committee that manages the owner; the decision by that committee
 * alone; the notifications each step leaves and to whom; the actor's
 * rights per comment; the escalations waiting for a committee. Every
 * refusal leaves the database as it was. */
#include "core/common.h"
#include "app/comment.h"
#include "app/notify.h"
#include "app/org.h"
#include "app/plan.h"
#include "core/date.h"

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

/* The people of the fixture (person id = user id - 100). */
enum {
	HIEN = 1,     /* Bí thư Đảng ủy xã Tân Phong: owner of the individual plan */
	HUE = 2,      /* Bí thư Chi bộ thôn Đồng Xuân (his cell) */
	BA = 3,	      /* a member of that cell */
	OFFICE = 4,   /* staff of the Văn phòng Tỉnh ủy: acts for the province */
	OUTSIDER = 5, /* Bí thư Đảng ủy xã Sơn Hà */
	LAN = 6,      /* a member of the other cell of Tân Phong */
	NOHEAD = 7,   /* secretary of cell 2, no managing committee recorded */
};

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system, actors[8];
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, office, commune, cell1, cell2, other;
	int64_t plan, item1, item2, other_plan_item;
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

/* One value of a query, as text (caller frees). */
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

/* Everything a comment use case may write, as one text. */
static char *snapshot(struct fx *f)
{
	return query(f, "SELECT (SELECT count(*) FROM plan_comments) || '|' ||"
			" (SELECT count(*) FROM notifications) || '|' ||"
			" (SELECT count(*) FROM audit_log) || '|' ||"
			" (SELECT count(*) FROM mail_outbox) || '|' ||"
			" (SELECT group_concat(id || ':' || coalesce(answer, '') || ':' ||"
			" coalesce(escalated_to_org_id, '') || ':' || coalesce(decision, ''), ',')"
			" FROM plan_comments)");
}

/* Runs a call expected to be refused with code, and checks nothing changed. */
#define REFUSED(code, call)                                                                \
	do {                                                                               \
		char *before_ = snapshot(f);                                               \
		int rc_ = (call);                                                          \
		if (rc_ != (code))                                                         \
			fail_msg("%s -> %d (%s), expected %d", #call, rc_, f->err.message, \
				 (int)(code));                                             \
		char *after_ = snapshot(f);                                                \
		assert_string_equal(before_, after_);                                      \
		free(before_);                                                             \
		free(after_);                                                              \
	} while (0)

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

/* A context for the user of person p on day (0 = 15 January 2026). */
static struct app_ctx as(struct fx *f, int p, int32_t day)
{
	struct actor *a = &f->actors[p];
	memset(a, 0, sizeof(*a));
	a->user_id = 100 + p;
	a->person_id = p;
	a->username = "u";
	return (struct app_ctx){.store = f->s,
				.arena = &f->a,
				.actor = a,
				.today = day ? day : D(2026, 1, 15),
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
	snprintf(f->path, sizeof(f->path), "%s/app_comment_%d.db", tmp, (int)getpid());
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
	f->office = create(f, f->province, "Văn phòng Tỉnh ủy", "office", 1);
	f->commune = create(f, f->province, "Đảng bộ xã Tân Phong", "committee", 3);
	f->cell1 = create(f, f->commune, "Chi bộ thôn Đồng Xuân", "cell", 4);
	f->cell2 = create(f, f->commune, "Chi bộ thôn Phong Niên", "cell", 4);
	f->other = create(f, f->province, "Đảng bộ xã Sơn Hà", "committee", 3);
	char *q = sqlite3_mprintf(
		"INSERT INTO people(id, full_name, member_org_id, managing_org_id, created_at,"
		" updated_at) VALUES (1, 'Nguyễn Thế Hiển', %lld, %lld, 0, 0),"
		" (2, 'Phạm Thị Huệ', %lld, NULL, 0, 0), (3, 'Lê Văn Ba', %lld, NULL, 0, 0),"
		" (4, 'Trần Thị Tư', NULL, NULL, 0, 0), (5, 'Hà Văn Năm', NULL, NULL, 0, 0),"
		" (6, 'Đỗ Thị Lan', %lld, NULL, 0, 0), (7, 'Vũ Văn Bảy', %lld, NULL, 0, 0);"
		"INSERT INTO users(id, username, password_hash, person_id, created_at) VALUES"
		" (101, 'hien', 'x', 1, 0), (102, 'hue', 'x', 2, 0), (103, 'ba', 'x', 3, 0),"
		" (104, 'tu', 'x', 4, 0), (105, 'nam', 'x', 5, 0), (106, 'lan', 'x', 6, 0),"
		" (107, 'bay', 'x', 7, 0);"
		"INSERT INTO positions(person_id, org_id, role, valid_from) VALUES"
		" (1, %lld, 'head', %d), (2, %lld, 'head', %d), (3, %lld, 'member', %d),"
		" (4, %lld, 'staff', %d), (5, %lld, 'head', %d), (6, %lld, 'member', %d),"
		" (7, %lld, 'head', %d);",
		(long long)f->cell1, (long long)f->province, (long long)f->cell1,
		(long long)f->cell1, (long long)f->cell2, (long long)f->cell2,
		(long long)f->commune, D(2020, 1, 1), (long long)f->cell1, D(2020, 1, 1),
		(long long)f->cell1, D(2020, 1, 1), (long long)f->office, D(2020, 1, 1),
		(long long)f->other, D(2020, 1, 1), (long long)f->cell2, D(2020, 1, 1),
		(long long)f->cell2, D(2020, 1, 1));
	sql(f, q);
	sqlite3_free(q);

	/* Hiển's plan for 2026, with two items, sent for comment. */
	struct app_ctx hien = as(f, HIEN, 0);
	struct plan p;
	struct plan_item it;
	struct plan_input pin = {.scope = "year", .year_from = 2026};
	OK(app_plan_create(&hien, &pin, &p, &f->err));
	f->plan = p.id;
	struct plan_item_input iin = {.text = "Duy trì sinh hoạt chi bộ định kỳ hằng tháng"};
	OK(app_plan_item_create(&hien, f->plan, &iin, &it, &f->err));
	f->item1 = it.id;
	iin.text = "Giải quyết dứt điểm đơn thư tồn đọng về đất đai";
	OK(app_plan_item_create(&hien, f->plan, &iin, &it, &f->err));
	f->item2 = it.id;
	OK(app_plan_send(&hien, f->plan, &p, &f->err));
	assert_int_equal(p.status, PLAN_COMMENT);

	/* Another plan (a draft of Huệ's) for items that do not belong. */
	struct app_ctx hue = as(f, HUE, 0);
	OK(app_plan_create(&hue, &pin, &p, &f->err));
	iin.text = "Nội dung của kế hoạch khác";
	OK(app_plan_item_create(&hue, p.id, &iin, &it, &f->err));
	f->other_plan_item = it.id;
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

static int64_t comment(struct fx *f, int person, int32_t day, const char *kind, int64_t item,
		       int64_t on_behalf, const char *text)
{
	struct app_ctx c = as(f, person, day);
	struct comment_input in = {
		.item_id = item, .kind = kind, .on_behalf_org_id = on_behalf, .text = text};
	struct plan_comment out;
	OK(app_comment_create(&c, f->plan, &in, &out, &f->err));
	return out.id;
}

/* The number of notifications of kind for comment id addressed to org and
 * person exactly. */
static long notified(struct fx *f, const char *kind, int64_t comment_id, int64_t org,
		     int64_t person)
{
	char *q = sqlite3_mprintf("SELECT count(*) FROM notifications WHERE kind = %Q AND"
				  " comment_id = %lld AND coalesce(org_id, 0) = %lld AND"
				  " coalesce(person_id, 0) = %lld",
				  kind, (long long)comment_id, (long long)org, (long long)person);
	char *v = query(f, q);
	sqlite3_free(q);
	long n = strtol(v, NULL, 10);
	free(v);
	return n;
}

static void test_who_may_comment(void **state)
{
	struct fx *f = *state;
	struct plan_comment c;
	struct app_ctx hue = as(f, HUE, 0), outsider = as(f, OUTSIDER, 0), lan = as(f, LAN, 0),
		       ba = as(f, BA, 0);
	struct comment_input in = {.kind = "comment", .text = "  Cần nêu rõ chỉ tiêu.  "};

	/* The cell secretary, as herself, on the plan as a whole. */
	OK(app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_int_equal(c.plan_id, f->plan);
	assert_int_equal(c.item_id, 0);
	assert_int_equal(c.version, 1);
	assert_int_equal(c.kind, PLAN_COMMENT_COMMENT);
	assert_int_equal(c.author_user_id, 102);
	assert_int_equal(c.author_person_id, HUE);
	assert_string_equal(c.author_name, "Phạm Thị Huệ");
	assert_int_equal(c.on_behalf_org_id, 0);
	assert_string_equal(c.text, "Cần nêu rõ chỉ tiêu.");
	assert_int_equal(c.created_day, D(2026, 1, 15));
	assert_string_equal(c.answer, "");
	/* The owner hears of it, as a person: an individual plan. */
	assert_int_equal(notified(f, "comment", c.id, 0, HIEN), 1);

	/* For her cell, a request on item 2. */
	in = (struct comment_input){.kind = "request",
				    .item_id = f->item2,
				    .on_behalf_org_id = f->cell1,
				    .text = "Đề nghị nêu rõ thời hạn giải quyết từng vụ việc"};
	OK(app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_int_equal(c.kind, PLAN_COMMENT_REQUEST);
	assert_int_equal(c.item_id, f->item2);
	assert_int_equal(c.on_behalf_org_id, f->cell1);
	assert_string_equal(c.on_behalf_name, "Chi bộ thôn Đồng Xuân");
	assert_int_equal(notified(f, "request", c.id, 0, HIEN), 1);

	/* The notification is one line, whatever the lines of the comment. */
	in.text = "Dòng một\n\n  Dòng hai";
	OK(app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_string_equal(c.text, "Dòng một\n\n  Dòng hai");
	char *q = sqlite3_mprintf("SELECT text FROM notifications WHERE comment_id = %lld",
				  (long long)c.id);
	char *ntext = query(f, q);
	sqlite3_free(q);
	assert_non_null(strstr(ntext, ": Dòng một Dòng hai"));
	assert_null(strchr(ntext, '\n'));
	free(ntext);

	/* A plain member of the cell acts for it too. */
	in.text = "Đề nghị bổ sung";
	OK(app_comment_create(&ba, f->plan, &in, &c, &f->err));

	/* Outsiders and the other cell are refused, and nothing is written. */
	in = (struct comment_input){.kind = "comment", .text = "Ý kiến"};
	REFUSED(KH_EFORBIDDEN, app_comment_create(&outsider, f->plan, &in, &c, &f->err));
	REFUSED(KH_EFORBIDDEN, app_comment_create(&lan, f->plan, &in, &c, &f->err));
	/* For a collective that is not a recipient, or one not acted for. */
	in.on_behalf_org_id = f->cell2;
	REFUSED(KH_EINVAL, app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_string_equal(f->err.field, "on_behalf_org_id");
	in.on_behalf_org_id = f->province;
	REFUSED(KH_EFORBIDDEN, app_comment_create(&ba, f->plan, &in, &c, &f->err));
	/* Bad input. */
	in = (struct comment_input){.kind = "praise", .text = "Ý kiến"};
	REFUSED(KH_EINVAL, app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_string_equal(f->err.field, "kind");
	in = (struct comment_input){.kind = "comment", .text = " \n "};
	REFUSED(KH_EINVAL, app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_string_equal(f->err.field, "text");
	in = (struct comment_input){.kind = "comment", .text = NULL};
	REFUSED(KH_EINVAL, app_comment_create(&hue, f->plan, &in, &c, &f->err));
	in = (struct comment_input){
		.kind = "comment", .item_id = f->other_plan_item, .text = "Ý kiến"};
	REFUSED(KH_EINVAL, app_comment_create(&hue, f->plan, &in, &c, &f->err));
	assert_string_equal(f->err.field, "item_id");
	in.item_id = 0;
	REFUSED(KH_ENOTFOUND, app_comment_create(&hue, 9999, &in, &c, &f->err));
	/* A draft takes no comment, not even from its recipients-to-be. */
	char *draft = query(f, "SELECT max(id) FROM plans");
	REFUSED(KH_ECONFLICT,
		app_comment_create(&f->sys, strtol(draft, NULL, 10), &in, &c, &f->err));
	free(draft);
	/* An account without a person must speak for a collective. */
	struct actor bare = {.user_id = 999, .username = "bare"};
	struct app_ctx nobody = f->sys;
	nobody.actor = &bare;
	REFUSED(KH_EFORBIDDEN, app_comment_create(&nobody, f->plan, &in, &c, &f->err));
}

static void test_answer(void **state)
{
	struct fx *f = *state;
	struct plan_comment c;
	struct app_ctx hien = as(f, HIEN, 0), hue = as(f, HUE, 0), office = as(f, OFFICE, 0);
	int64_t personal = comment(f, HUE, 0, "comment", f->item1, 0, "Nên ghi rõ ngày sinh hoạt");
	int64_t collective = comment(f, HUE, 0, "request", 0, f->cell1, "Đề nghị bổ sung chỉ tiêu");

	/* Not the owner: refused, even for the office that reads everything. */
	REFUSED(KH_EFORBIDDEN, app_comment_answer(&hue, personal, "accepted", "", 0, &c, &f->err));
	REFUSED(KH_EFORBIDDEN,
		app_comment_answer(&office, personal, "accepted", "", 0, &c, &f->err));
	/* Bad answers. */
	REFUSED(KH_EINVAL, app_comment_answer(&hien, personal, "maybe", "x", 0, &c, &f->err));
	assert_string_equal(f->err.field, "answer");
	REFUSED(KH_EINVAL, app_comment_answer(&hien, personal, "explained", "  ", 0, &c, &f->err));
	assert_string_equal(f->err.field, "text");
	REFUSED(KH_EINVAL, app_comment_answer(&hien, personal, "accepted", "", f->other_plan_item,
					      &c, &f->err));
	REFUSED(KH_EINVAL,
		app_comment_answer(&hien, personal, "explained", "x", f->item1, &c, &f->err));
	REFUSED(KH_ENOTFOUND, app_comment_answer(&hien, 9999, "accepted", "", 0, &c, &f->err));

	/* Taken up, linked to the item it changed. */
	OK(app_comment_answer(&hien, personal, "accepted", "Đã ghi rõ ngày 3 hằng tháng", f->item1,
			      &c, &f->err));
	assert_string_equal(c.answer, "accepted");
	assert_string_equal(c.answer_text, "Đã ghi rõ ngày 3 hằng tháng");
	assert_int_equal(c.answer_item_id, f->item1);
	assert_int_equal(c.answered_by, 101);
	assert_int_equal(notified(f, "answer", personal, 0, HUE), 1);
	/* Once only. */
	REFUSED(KH_ECONFLICT,
		app_comment_answer(&hien, personal, "explained", "Lần hai", 0, &c, &f->err));

	/* Explained: the author and her collective hear of it, in one notice. */
	OK(app_comment_answer(&hien, collective, "explained",
			      "Chỉ tiêu đã nêu tại kế hoạch của Đảng ủy xã", 0, &c, &f->err));
	assert_string_equal(c.answer, "explained");
	assert_int_equal(notified(f, "answer", collective, f->cell1, HUE), 1);

	char *audit = query(f, "SELECT group_concat(action, ',') FROM (SELECT action FROM"
			       " audit_log WHERE entity = 'plan_comment' ORDER BY id)");
	assert_string_equal(audit, "plan.comment,plan.comment,plan.answer,plan.answer");
	free(audit);
}

static void test_escalate(void **state)
{
	struct fx *f = *state;
	struct plan_comment c;
	int32_t d0 = D(2026, 1, 15);
	int64_t req = comment(f, HUE, d0, "request", f->item2, f->cell1, "Đề nghị nêu thời hạn");
	int64_t personal_req = comment(f, HUE, d0, "request", 0, 0, "Đề nghị của cá nhân");
	int64_t collective_comment =
		comment(f, HUE, d0, "comment", 0, f->cell1, "Góp ý của chi bộ");
	int64_t answered = comment(f, HUE, d0, "request", 0, f->cell1, "Đề nghị đã trả lời");
	struct app_ctx hien = as(f, HIEN, d0);
	OK(app_comment_answer(&hien, answered, "explained", "Đã có trong kế hoạch xã", 0, &c,
			      &f->err));

	struct app_ctx ba14 = as(f, BA, d0 + 14), ba15 = as(f, BA, d0 + 15),
		       lan15 = as(f, LAN, d0 + 15), hien15 = as(f, HIEN, d0 + 15);
	/* Too early: day 14 of 15. */
	REFUSED(KH_ECONFLICT, app_comment_escalate(&ba14, req, &c, &f->err));
	assert_non_null(strstr(f->err.message, "30/01/2026"));
	/* Not a member of that collective (nor the owner). */
	REFUSED(KH_EFORBIDDEN, app_comment_escalate(&lan15, req, &c, &f->err));
	REFUSED(KH_EFORBIDDEN, app_comment_escalate(&hien15, req, &c, &f->err));
	/* Only collective requests, only unanswered. */
	REFUSED(KH_ECONFLICT, app_comment_escalate(&ba15, personal_req, &c, &f->err));
	REFUSED(KH_ECONFLICT, app_comment_escalate(&ba15, collective_comment, &c, &f->err));
	REFUSED(KH_ECONFLICT, app_comment_escalate(&ba15, answered, &c, &f->err));
	REFUSED(KH_ENOTFOUND, app_comment_escalate(&ba15, 9999, &c, &f->err));

	/* After the delay, any member: to the committee managing Hiển. */
	OK(app_comment_escalate(&ba15, req, &c, &f->err));
	assert_int_equal(c.escalated_to_org_id, f->province);
	assert_string_equal(c.escalated_to_name, "Tỉnh ủy Sơn Nam");
	assert_int_equal(c.escalated_by, 103);
	assert_true(c.escalated_at > 0);
	assert_int_equal(notified(f, "escalation", req, f->province, 0), 1);
	/* Once. */
	REFUSED(KH_ECONFLICT, app_comment_escalate(&ba15, req, &c, &f->err));

	/* The delay is a setting. */
	sql(f, "INSERT INTO settings(key, value) VALUES ('plan.escalation_days', '3')");
	int64_t req2 = comment(f, HUE, d0, "request", 0, f->cell1, "Đề nghị khác");
	struct app_ctx hue2 = as(f, HUE, d0 + 2), hue3 = as(f, HUE, d0 + 3);
	REFUSED(KH_ECONFLICT, app_comment_escalate(&hue2, req2, &c, &f->err));
	OK(app_comment_escalate(&hue3, req2, &c, &f->err));
}

static void test_decide(void **state)
{
	struct fx *f = *state;
	struct plan_comment c;
	int32_t d0 = D(2026, 1, 15);
	int64_t req = comment(f, HUE, d0, "request", 0, f->cell1, "Đề nghị công khai kết quả");
	int64_t other = comment(f, HUE, d0, "request", 0, f->cell1, "Chưa kiến nghị");
	struct app_ctx ba = as(f, BA, d0 + 20), office = as(f, OFFICE, d0 + 25),
		       hue = as(f, HUE, d0 + 25), hien = as(f, HIEN, d0 + 25),
		       outsider = as(f, OUTSIDER, d0 + 25);
	OK(app_comment_escalate(&ba, req, &c, &f->err));

	/* Only whoever acts for the committee escalated to. */
	REFUSED(KH_EFORBIDDEN, app_comment_decide(&hue, req, "upheld", "x", &c, &f->err));
	REFUSED(KH_EFORBIDDEN, app_comment_decide(&hien, req, "dismissed", "x", &c, &f->err));
	REFUSED(KH_EFORBIDDEN, app_comment_decide(&outsider, req, "upheld", "x", &c, &f->err));
	REFUSED(KH_ECONFLICT, app_comment_decide(&office, other, "upheld", "x", &c, &f->err));
	REFUSED(KH_EINVAL, app_comment_decide(&office, req, "approve", "x", &c, &f->err));
	assert_string_equal(f->err.field, "decision");
	REFUSED(KH_EINVAL, app_comment_decide(&office, req, "upheld", "", &c, &f->err));
	assert_string_equal(f->err.field, "text");

	OK(app_comment_decide(&office, req, "upheld",
			      "Đề nghị đồng chí Bí thư tiếp thu, bổ sung vào kế hoạch", &c,
			      &f->err));
	assert_string_equal(c.decision, "upheld");
	assert_string_equal(c.decision_text,
			    "Đề nghị đồng chí Bí thư tiếp thu, bổ sung vào kế hoạch");
	assert_int_equal(c.decided_by, 104);
	/* The owner and the collective hear of it. */
	assert_int_equal(notified(f, "decision", req, 0, HIEN), 1);
	assert_int_equal(notified(f, "decision", req, f->cell1, 0), 1);
	REFUSED(KH_ECONFLICT, app_comment_decide(&office, req, "dismissed", "x", &c, &f->err));
	/* The owner still answers, and must: the request is open. */
	OK(app_comment_answer(&hien, req, "accepted", "Đã bổ sung", 0, &c, &f->err));
}

static void test_managing_committee(void **state)
{
	struct fx *f = *state;
	struct plan p;
	struct plan_item it;
	struct plan_comment c;
	int32_t d0 = D(2026, 1, 15);

	/* A collective plan of the commune goes to the province, and a
	 * request of the province on it escalates to the committee above the
	 * commune: the province. */
	struct app_ctx office = as(f, OFFICE, d0), office20 = as(f, OFFICE, d0 + 20);
	struct plan_input pin = {.owner_org_id = f->commune, .scope = "year", .year_from = 2026};
	OK(app_plan_create(&f->sys, &pin, &p, &f->err));
	struct plan_item_input iin = {.text = "Lãnh đạo hoàn thành chỉ tiêu thu ngân sách"};
	OK(app_plan_item_create(&f->sys, p.id, &iin, &it, &f->err));
	OK(app_plan_send(&f->sys, p.id, &p, &f->err));
	struct comment_input in = {
		.kind = "request", .on_behalf_org_id = f->province, .text = "Đề nghị làm rõ"};
	OK(app_comment_create(&office, p.id, &in, &c, &f->err));
	/* The owner of a collective plan is told through its org. */
	assert_int_equal(notified(f, "request", c.id, f->commune, 0), 1);
	OK(app_comment_escalate(&office20, c.id, &c, &f->err));
	assert_int_equal(c.escalated_to_org_id, f->province);

	/* A person with no managing committee recorded: the committee above
	 * their cell. */
	struct app_ctx bay = as(f, NOHEAD, d0), lan20 = as(f, LAN, d0 + 20);
	pin = (struct plan_input){.scope = "year", .year_from = 2026};
	OK(app_plan_create(&bay, &pin, &p, &f->err));
	OK(app_plan_item_create(&bay, p.id, &iin, &it, &f->err));
	OK(app_plan_send(&bay, p.id, &p, &f->err));
	struct app_ctx lan = as(f, LAN, d0);
	in = (struct comment_input){
		.kind = "request", .on_behalf_org_id = f->cell2, .text = "Đề nghị của chi bộ"};
	OK(app_comment_create(&lan, p.id, &in, &c, &f->err));
	OK(app_comment_escalate(&lan20, c.id, &c, &f->err));
	assert_int_equal(c.escalated_to_org_id, f->commune);
	assert_int_equal(notified(f, "escalation", c.id, f->commune, 0), 1);
}

static void test_list_rights_and_escalations(void **state)
{
	struct fx *f = *state;
	struct comment_view *v, one;
	struct plan_comment c;
	int n;
	int32_t d0 = D(2026, 1, 15);
	int64_t req = comment(f, HUE, d0, "request", 0, f->cell1, "Đề nghị một");
	int64_t plain = comment(f, HUE, d0, "comment", f->item1, 0, "Góp ý hai");

	struct app_ctx hien = as(f, HIEN, d0 + 16), ba = as(f, BA, d0 + 16),
		       early = as(f, BA, d0 + 3), office = as(f, OFFICE, d0 + 16),
		       outsider = as(f, OUTSIDER, d0 + 16);
	OK(app_comment_list(&hien, f->plan, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].c.id, req);
	assert_int_equal(v[1].c.id, plain);
	assert_true(v[0].rights.answer);
	assert_false(v[0].rights.escalate);
	assert_int_equal(v[0].rights.escalate_from, d0 + 15);
	assert_int_equal(v[1].rights.escalate_from, 0);

	OK(app_comment_list(&early, f->plan, &v, &n, &f->err));
	assert_false(v[0].rights.answer);
	assert_false(v[0].rights.escalate);
	OK(app_comment_list(&ba, f->plan, &v, &n, &f->err));
	assert_true(v[0].rights.escalate);
	assert_false(v[1].rights.escalate);

	assert_int_equal(app_comment_list(&outsider, f->plan, &v, &n, &f->err), KH_EFORBIDDEN);
	assert_int_equal(app_comment_get(&outsider, req, &one, &f->err), KH_EFORBIDDEN);

	OK(app_comment_escalations(&office, &v, &n, &f->err));
	assert_int_equal(n, 0);
	OK(app_comment_escalate(&ba, req, &c, &f->err));
	OK(app_comment_escalations(&office, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].c.id, req);
	assert_true(v[0].rights.decide);
	OK(app_comment_escalations(&ba, &v, &n, &f->err));
	assert_int_equal(n, 0);
	OK(app_comment_get(&office, req, &one, &f->err));
	assert_true(one.rights.decide);
	assert_false(one.rights.escalate);

	json_t *j = app_comment_json(&one.c);
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "request");
	assert_int_equal(
		json_integer_value(json_object_get(json_object_get(j, "on_behalf"), "org_id")),
		f->cell1);
	assert_true(json_is_null(json_object_get(j, "answer")));
	json_t *e = json_object_get(j, "escalation");
	assert_int_equal(json_integer_value(json_object_get(e, "to_org_id")), f->province);
	assert_true(json_is_null(json_object_get(e, "decision")));
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(j, "author"), "name")),
		"Phạm Thị Huệ");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_who_may_comment, setup, teardown),
		cmocka_unit_test_setup_teardown(test_answer, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalate, setup, teardown),
		cmocka_unit_test_setup_teardown(test_decide, setup, teardown),
		cmocka_unit_test_setup_teardown(test_managing_committee, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_rights_and_escalations, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
