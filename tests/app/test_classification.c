/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Quality classification on a small province: the rule set chosen by the
 * period, the task score computed from a cell's plan, the grade allowed by the
 * points and the on-time condition, the stage order and who may act, the
 * quota refused naming the rule, and the history of a re-examination. */
#include "core/common.h"
#include "app/classification.h"
#include "app/demo.h"
#include "app/org.h"
#include "app/plan.h"
#include "app/progress.h"
#include "core/date.h"
#include "store/org.h"

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
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, office, district, board, base, cell1, cell2, cell3, district2, cell4;
};

#include "fixture.h"

static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT count(*) FROM classifications) || ','"
					    " || (SELECT count(*) FROM classification_steps) || ','"
					    " || (SELECT count(*) FROM audit_log) || ',' ||"
					    " coalesce((SELECT group_concat(stage || grade ||"
					    " coalesce(general_points, '-')) FROM classifications),"
					    " '')",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *r = xcalloc(1, (size_t)sqlite3_column_bytes(st, 0) + 1);
	memcpy(r, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

#define REFUSED(code, call)                                                                     \
	do {                                                                                    \
		char *before_ = db_state(f);                                                    \
		int rc_ = (call);                                                               \
		if (rc_ != (code))                                                              \
			fail_msg("%s -> %d (wanted %d): %s", #call, rc_, code, f->err.message); \
		char *after_ = db_state(f);                                                     \
		assert_string_equal(before_, after_);                                           \
		free(before_);                                                                  \
		free(after_);                                                                   \
	} while (0)

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
	snprintf(f->path, sizeof(f->path), "%s/app_class_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	arena_init(&f->a, 8192);
	app_actor_system(&f->system);
	f->sys = (struct app_ctx){.store = f->s,
				  .arena = &f->a,
				  .actor = &f->system,
				  .today = D(2026, 6, 1),
				  .now = 1780272000};
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->office = create(f, f->province, "Văn phòng Tỉnh ủy", "office", 2);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->board = create(f, f->district, "Ban Tổ chức Huyện ủy", "org_board", 3);
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->cell1 = create(f, f->base, "Chi bộ thôn Đông", "cell", 4);
	f->cell2 = create(f, f->base, "Chi bộ thôn Tây", "cell", 4);
	f->cell3 = create(f, f->base, "Chi bộ thôn Nam", "cell", 4);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	f->cell4 = create(f, f->district2, "Chi bộ thôn Bắc", "cell", 4);
	person(f, 1, "Lê Văn Một", f->office, "staff");
	person(f, 2, "Trần Văn Hai", f->board, "staff");
	person(f, 4, "Phạm Thị Bốn", f->cell1, "head");
	person(f, 5, "Hoàng Văn Năm", f->cell4, "head");
	person(f, 6, "Đỗ Văn Sáu", f->cell2, "head");
	person(f, 7, "Vũ Văn Bảy", f->cell3, "head");
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

static struct app_ctx as(struct fx *f, struct actor *a, int64_t person_id)
{
	memset(a, 0, sizeof(*a));
	a->user_id = 100 + person_id;
	a->person_id = person_id;
	a->username = "u";
	return (struct app_ctx){.store = f->s,
				.arena = &f->a,
				.actor = a,
				.today = D(2026, 6, 1),
				.now = 1780272000};
}

static void test_rules(void **state)
{
	struct fx *f = *state;
	struct class_rule_row *v, r;
	int n;
	OK(app_class_rules(&f->sys, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(v[0].code, "124-QĐ/TW");
	assert_false(v[0].scored);
	assert_string_equal(v[1].code, "366-QĐ/TW");
	assert_int_equal(v[1].general_max + v[1].task_max, 100);
	assert_int_equal(v[1].task_max, 70);

	OK(app_class_rule_for(&f->sys, "year", 2025, 0, &r, &f->err));
	assert_string_equal(r.code, "124-QĐ/TW");
	OK(app_class_rule_for(&f->sys, "year", 2026, 0, &r, &f->err));
	assert_string_equal(r.code, "366-QĐ/TW");
	OK(app_class_rule_for(&f->sys, "quarter", 2026, 2, &r, &f->err));
	assert_string_equal(r.code, "366-QĐ/TW");
	/* A term is judged by its last year. */
	OK(app_class_rule_for(&f->sys, "term", 2025, 2030, &r, &f->err));
	assert_string_equal(r.code, "366-QĐ/TW");
	assert_int_equal(app_class_rule_for(&f->sys, "quarter", 2025, 1, &r, &f->err), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "124-QĐ/TW"));
	assert_int_equal(app_class_rule_for(&f->sys, "year", 2020, 0, &r, &f->err), KH_ENOTFOUND);
	assert_int_equal(app_class_rule_for(&f->sys, "quarter", 2026, 5, &r, &f->err), KH_EINVAL);
	assert_int_equal(app_class_rule_for(&f->sys, "month", 2026, 0, &r, &f->err), KH_EINVAL);

	/* The arithmetic: thresholds and the on-time condition. */
	assert_int_equal(class_grade_for_points(&v[1], 95, true), CLASS_EXCELLENT);
	assert_int_equal(class_grade_for_points(&v[1], 95, false), CLASS_GOOD);
	assert_int_equal(class_grade_for_points(&v[1], 70, true), CLASS_GOOD);
	assert_int_equal(class_grade_for_points(&v[1], 69, true), CLASS_COMPLETE);
	assert_int_equal(class_grade_for_points(&v[1], 49, true), CLASS_NOT_COMPLETE);
	assert_int_equal(class_grade_for_points(&v[0], 0, false), CLASS_EXCELLENT);
	struct class_task_score t;
	class_task_score(&v[1], 3, 1, 0, 5, &t);
	assert_int_equal(t.points, 61); /* 70 × 3.5 / 4 = 61.25 */
	assert_false(t.all_on_time);
	/* each indicator exceeded adds the rule's points, never past task_max */
	t.indicators_exceeded = 2;
	class_task_exceeded(&v[1], &t);
	assert_int_equal(t.exceed_bonus, 4);
	assert_int_equal(t.points, 65);
	class_task_score(&v[1], 9, 0, 0, 0, &t);
	t.indicators_exceeded = 3;
	class_task_exceeded(&v[1], &t);
	assert_int_equal(t.points, 70);
	assert_int_equal(t.exceed_bonus, 0);
	class_task_score(&v[1], 0, 0, 0, 2, &t);
	t.indicators_exceeded = 1;
	class_task_exceeded(&v[1], &t);
	assert_int_equal(t.points, -1); /* nothing computed: the appraiser enters it */
	assert_int_equal(class_quota_max(&v[1], 3), 1);
	assert_int_equal(class_quota_max(&v[1], 10), 2);
}

/* Cell 1's approved plan of 2026 on 1 June: one task done on time, one done
 * late, one overdue, one not yet due. */
static void cell1_plan(struct fx *f)
{
	struct app_ctx sys = f->sys;
	sys.today = D(2026, 3, 1);
	struct plan_input pin = {
		.owner_org_id = f->cell1, .scope = "year", .year_from = 2026, .year_to = 2026};
	struct plan p;
	OK(app_plan_create(&sys, &pin, &p, &f->err));
	static const char *const TEXTS[][2] = {{"Kết nạp 2 đảng viên", "31/3/2026"},
					       {"Sửa quy chế làm việc", "30/4/2026"},
					       {"Kiện toàn chi ủy", "15/5/2026"},
					       {"Tổng kết năm", "tháng 12/2026"}};
	int64_t items[4];
	for (int i = 0; i < 4; i++) {
		struct plan_item_input it = {.text = TEXTS[i][0], .deadline_text = TEXTS[i][1]};
		struct plan_item out;
		OK(app_plan_item_create(&sys, p.id, &it, &out, &f->err));
		items[i] = out.id;
	}
	OK(app_plan_approve(&sys, p.id, &p, &f->err));
	sys.today = D(2026, 6, 1);
	struct progress_report pr;
	struct progress_input done = {.state = "done", .percent = 100, .day = D(2026, 3, 20)};
	OK(app_progress_report(&sys, items[0], &done, &pr, &f->err));
	done.day = D(2026, 5, 10);
	OK(app_progress_report(&sys, items[1], &done, &pr, &f->err));
}

static void test_stages(void **state)
{
	struct fx *f = *state;
	struct actor a2, a4, a5;
	struct app_ctx board = as(f, &a2, 2), head1 = as(f, &a4, 4), head4 = as(f, &a5, 5);
	cell1_plan(f);
	/* Two indicators of the cell for 2026: one exceeded, one missed. */
	char sql[800];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO indicators(id, org_id, name, unit, year_from, year_to, created_at,"
		 " updated_at) VALUES (1, %lld, 'Kết nạp đảng viên mới', 'đảng viên', 2025, 2030,"
		 " 0, 0), (2, %lld, 'Thu đảng phí', 'triệu đồng', 2025, 2030, 0, 0);"
		 "INSERT INTO indicator_values(indicator_id, org_id, period, year, value,"
		 " entered_at) VALUES (1, %lld, 'target', 2026, 2, 0), (1, %lld, 'year', 2026,"
		 " 3, 0), (2, %lld, 'target', 2026, 10, 0), (2, %lld, 'year', 2026, 8, 0);",
		 (long long)f->cell1, (long long)f->cell1, (long long)f->cell1, (long long)f->cell1,
		 (long long)f->cell1, (long long)f->cell1);
	exec(f, sql);
	struct class_view v;
	struct class_input in = {.subject_kind = "org",
				 .org_id = f->cell1,
				 .period_kind = "year",
				 .year = 2026,
				 .grade = "excellent",
				 .general_points = 28,
				 .task_points = -1};
	/* 28 + 35 (70 × 1.5 / 3) + 2 (the indicator exceeded) = 65: at most
	 * "complete". */
	REFUSED(KH_ECONFLICT, app_class_self(&head1, &in, &v, &f->err));
	assert_non_null(strstr(f->err.message, "65/100"));
	assert_non_null(strstr(f->err.message, "Hoàn thành nhiệm vụ"));
	assert_non_null(strstr(f->err.message, "366-QĐ/TW"));
	in.general_points = -1;
	in.grade = "complete";
	REFUSED(KH_EINVAL, app_class_self(&head1, &in, &v, &f->err));
	in.general_points = 31;
	REFUSED(KH_EINVAL, app_class_self(&head1, &in, &v, &f->err));
	in.general_points = 28;
	REFUSED(KH_EFORBIDDEN, app_class_self(&head4, &in, &v, &f->err));
	in.period_kind = "quarter";
	in.year = 2025;
	in.part = 1;
	REFUSED(KH_EINVAL, app_class_self(&head1, &in, &v, &f->err));
	in.period_kind = "year";
	in.year = 2026;
	in.part = 0;
	OK(app_class_self(&head1, &in, &v, &f->err));
	int64_t id = v.c.id;
	assert_string_equal(v.c.stage, "self");
	assert_string_equal(v.c.rule_code, "366-QĐ/TW");
	assert_int_equal(v.c.deciding_org_id, f->base);
	assert_true(v.task_from_plan);
	assert_int_equal(v.task.on_time, 1);
	assert_int_equal(v.task.late, 1);
	assert_int_equal(v.task.overdue, 1);
	assert_int_equal(v.task.open, 1);
	assert_int_equal(v.task.points, 37); /* 35 + 2 for the indicator exceeded */
	assert_int_equal(v.task.exceed_bonus, 2);
	assert_int_equal(v.task.indicators_met, 1);
	assert_int_equal(v.task.indicators_exceeded, 1);
	assert_int_equal(v.task.indicators_missed, 1);
	assert_int_equal(v.c.task_points, 37);
	assert_true(v.can_self && !v.can_propose && !v.can_decide);
	/* A second self-assessment replaces the first while at that stage. */
	in.general_points = 27;
	OK(app_class_self(&head1, &in, &v, &f->err));
	assert_int_equal(v.c.id, id);
	assert_int_equal(v.n_steps, 2);

	/* Order and rights: the cell does not propose; nobody decides before a
	 * proposal; the district's organization board proposes and decides. */
	struct class_input p = {.grade = "complete", .general_points = 26, .task_points = -1};
	REFUSED(KH_EFORBIDDEN, app_class_propose(&head1, id, &p, &v, &f->err));
	REFUSED(KH_ECONFLICT, app_class_decide(&board, id, &p, &v, &f->err));
	REFUSED(KH_EFORBIDDEN, app_class_get(&head4, id, &v, &f->err));
	OK(app_class_propose(&board, id, &p, &v, &f->err));
	assert_string_equal(v.c.stage, "proposed");
	assert_true(v.can_decide && v.can_propose && !v.can_self);
	REFUSED(KH_ECONFLICT, app_class_self(&head1, &in, &v, &f->err));
	OK(app_class_decide(&board, id, &p, &v, &f->err));
	assert_string_equal(v.c.stage, "decided");
	REFUSED(KH_ECONFLICT, app_class_propose(&board, id, &p, &v, &f->err));

	/* Re-examination: needs its reason; the history keeps every step. */
	struct class_input re = {.grade = "not_complete", .general_points = 20, .task_points = -1};
	REFUSED(KH_EINVAL, app_class_decide(&board, id, &re, &v, &f->err));
	re.note = "Phát hiện vi phạm sau khi xếp loại";
	OK(app_class_decide(&board, id, &re, &v, &f->err));
	assert_string_equal(v.c.grade, "not_complete");
	assert_int_equal(v.n_steps, 5);
	assert_string_equal(v.steps[0].stage, "self");
	assert_string_equal(v.steps[2].stage, "proposed");
	assert_string_equal(v.steps[3].stage, "decided");
	assert_string_equal(v.steps[3].grade, "complete");
	assert_string_equal(v.steps[4].stage, "reexamined");
	assert_string_equal(v.steps[4].note, "Phát hiện vi phạm sau khi xếp loại");
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit_log WHERE action LIKE"
				      " 'classification.%'"),
			 5);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'classification.reexamine'"),
			 1);

	struct class_row *rows;
	int n;
	OK(app_class_list(&board, f->base, 2026, &rows, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].org_name, "Chi bộ thôn Đông");
	REFUSED(KH_EFORBIDDEN, app_class_list(&head4, f->base, 2026, &rows, &n, &f->err));
}

static int64_t graded(struct fx *f, struct app_ctx *self, struct app_ctx *board, int64_t org,
		      const char *grade)
{
	struct class_view v;
	struct class_input in = {.subject_kind = "org",
				 .org_id = org,
				 .period_kind = "year",
				 .year = 2026,
				 .grade = grade,
				 .general_points = 30,
				 .task_points = 65};
	OK(app_class_self(self, &in, &v, &f->err));
	/* No plan: the task points are entered. */
	assert_false(v.task_from_plan);
	assert_int_equal(v.c.task_points, 65);
	OK(app_class_propose(board, v.c.id, &in, &v, &f->err));
	return v.c.id;
}

static void test_quota(void **state)
{
	struct fx *f = *state;
	struct actor a2, a6, a7;
	struct app_ctx board = as(f, &a2, 2), head2 = as(f, &a6, 6), head3 = as(f, &a7, 7);
	int64_t c2 = graded(f, &head2, &board, f->cell2, "excellent");
	int64_t c3 = graded(f, &head3, &board, f->cell3, "excellent");
	struct class_view v;
	struct class_input ex = {.grade = "excellent", .general_points = 30, .task_points = 65};
	OK(app_class_decide(&board, c2, &ex, &v, &f->err));
	/* Two excellent of two good or better: over 20 %. */
	REFUSED(KH_ECONFLICT, app_class_decide(&board, c3, &ex, &v, &f->err));
	assert_non_null(strstr(f->err.message, "Vượt tỷ lệ «Hoàn thành xuất sắc» tối đa 20%"));
	assert_non_null(strstr(f->err.message, "Quy định 366-QĐ/TW"));
	struct class_input good = {.grade = "good", .general_points = 30, .task_points = 65};
	OK(app_class_decide(&board, c3, &good, &v, &f->err));
	assert_string_equal(v.c.grade, "good");

	/* The rule set is data: at 50 % without a floor, one excellent needs two
	 * good or better, so re-examining the good one down is refused. */
	exec(f, "UPDATE classification_rules SET quota_pct = 50, quota_min = 0"
		" WHERE code = '366-QĐ/TW'");
	struct class_input down = {.grade = "complete",
				   .general_points = 20,
				   .task_points = 40,
				   .note = "Xem xét lại theo kết luận kiểm tra"};
	REFUSED(KH_ECONFLICT, app_class_decide(&board, c3, &down, &v, &f->err));
	assert_non_null(strstr(f->err.message, "tối đa 50%"));
	assert_non_null(strstr(f->err.message, "Quy định 366-QĐ/TW"));
	good.note = "Giữ nguyên sau khi xem xét lại";
	OK(app_class_decide(&board, c3, &good, &v, &f->err));
	assert_string_equal(v.steps[v.n_steps - 1].stage, "reexamined");

	/* 124-QĐ/TW (2025): yearly, no points; a member assesses himself. */
	struct actor a4;
	struct app_ctx member = as(f, &a4, 4);
	struct class_input m = {.subject_kind = "member",
				.org_id = f->cell1,
				.person_id = 4,
				.period_kind = "year",
				.year = 2025,
				.grade = "good",
				.general_points = -1,
				.task_points = -1};
	OK(app_class_self(&member, &m, &v, &f->err));
	assert_string_equal(v.c.rule_code, "124-QĐ/TW");
	assert_int_equal(v.c.general_points, -1);
	m.person_id = 6;
	REFUSED(KH_EFORBIDDEN, app_class_self(&member, &m, &v, &f->err));
	m.person_id = 0;
	REFUSED(KH_EINVAL, app_class_self(&member, &m, &v, &f->err));
}

/* A member under 366-QĐ/TW: the task points come from his own individual
 * plan of the period — one task done on time, one overdue: 70 × 1 / 2. */
static void test_member_from_own_plan(void **state)
{
	struct fx *f = *state;
	struct app_ctx sys = f->sys;
	sys.today = D(2026, 3, 1);
	struct plan_input pin = {
		.owner_person_id = 4, .scope = "year", .year_from = 2026, .year_to = 2026};
	struct plan p;
	OK(app_plan_create(&sys, &pin, &p, &f->err));
	struct plan_item_input a = {.text = "Dự sinh hoạt chi bộ đầy đủ",
				    .deadline_text = "30/4/2026"},
			       b = {.text = "Hoàn thành chuyên đề", .deadline_text = "15/5/2026"};
	struct plan_item ia, ib;
	OK(app_plan_item_create(&sys, p.id, &a, &ia, &f->err));
	OK(app_plan_item_create(&sys, p.id, &b, &ib, &f->err));
	OK(app_plan_approve(&sys, p.id, &p, &f->err));
	sys.today = D(2026, 6, 1);
	struct progress_report pr;
	struct progress_input done = {.state = "done", .percent = 100, .day = D(2026, 4, 20)};
	OK(app_progress_report(&sys, ia.id, &done, &pr, &f->err));

	struct actor a4;
	struct app_ctx member = as(f, &a4, 4);
	struct class_view v;
	struct class_input m = {.subject_kind = "member",
				.org_id = f->cell1,
				.person_id = 4,
				.period_kind = "year",
				.year = 2026,
				.grade = "complete",
				.general_points = 25,
				.task_points = -1};
	OK(app_class_self(&member, &m, &v, &f->err));
	assert_true(v.task_from_plan);
	assert_int_equal(v.task.on_time, 1);
	assert_int_equal(v.task.overdue, 1);
	assert_int_equal(v.c.task_points, 35);
	assert_int_equal(v.task.exceed_bonus, 0); /* a member's score has no indicators */
}

/* The demo's classifications, on the full demo (the lead's loader calls
 * app_demo_classification after the reports). */
static void test_demo(void **state)
{
	struct fx *f = *state;
	struct store *s;
	struct arena a;
	struct actor sys;
	char path[600];
	snprintf(path, sizeof(path), "%s-demo", f->path);
	unlink(path);
	OK(store_open(path, &s, &f->err));
	OK(store_migrate(s, NULL, &f->err));
	arena_init(&a, 8192);
	app_actor_system(&sys);
	struct app_ctx c = {.store = s,
			    .arena = &a,
			    .actor = &sys,
			    .today = D(2026, 11, 23),
			    .now = 1795392000};
	struct demo_report rep;
	OK(app_demo_load(&c, &rep, &f->err));
	{
		struct class_rule_row r;
		OK(app_class_rule_for(&c, "year", 2025, 0, &r, &f->err));
		assert_string_equal(r.code, "124-QĐ/TW");
	}
	int n = 0;
	struct class_row *rows;
	int nr;
	/* Loaded already by the loader, or loaded here. */
	OK(store_begin(s, true, &f->err));
	int rc = app_demo_classification(&c, &n, &f->err);
	if (rc == KH_ECONFLICT) {
		store_rollback(s);
	} else {
		OK(rc);
		OK(store_commit(s, &f->err));
		assert_int_equal(n, 3);
	}
	int64_t xa = 0;
	OK(store_org_find_code(s, "x_tanphong", &xa, &f->err));
	OK(app_class_list(&c, xa, 2025, &rows, &nr, &f->err));
	assert_int_equal(nr, 3);
	int excellent = 0, orgs = 0;
	for (int i = 0; i < nr; i++) {
		if (strcmp(rows[i].subject_kind, "member") == 0) {
			assert_string_equal(rows[i].stage, "self");
			assert_string_equal(rows[i].person_name, "Phạm Thị Huệ");
			continue;
		}
		orgs++;
		assert_string_equal(rows[i].stage, "decided");
		assert_string_equal(rows[i].rule_code, "124-QĐ/TW");
		excellent += strcmp(rows[i].grade, "excellent") == 0;
	}
	assert_int_equal(orgs, 2);
	assert_int_equal(excellent, 1);
	store_close(s);
	arena_release(&a);
	unlink(path);
	snprintf(path, sizeof(path), "%s-demo-wal", f->path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-demo-shm", f->path);
	unlink(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_quota, setup, teardown),
		cmocka_unit_test_setup_teardown(test_member_from_own_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
