/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Report campaigns on a small province: opening creates one report per
 * committee and cell of the levels with a due day (and the province's own
 * compiled report); timeliness on time, late, missing, returned; return
 * needs a reason; accept locks the org's figures of the campaign's
 * indicators, reopen unlocks them; who may open, submit and decide; the
 * reminders as one digest per org, sent once; the report and the letter
 * as DOCX and PDF. Every refused change leaves the database as it was. */
#include "core/common.h"
#include "app/report.h"
#include "app/demo.h"
#include "app/org.h"
#include "app/plan.h"
#include "app/progress.h"
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

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, office, district, base, cell1, cell2, district2, cell3;
	int64_t ind;
};

#include "fixture.h"

static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(
			db,
			"SELECT (SELECT count(*) FROM report_campaigns) || ',' || (SELECT count(*)"
			" FROM reports) || ',' || (SELECT count(*) FROM audit_log) || ',' ||"
			" (SELECT count(*) FROM notifications) || ',' || (SELECT count(*) FROM"
			" report_filings) || ',' || coalesce((SELECT group_concat(status || body ||"
			" returned_reason) FROM reports), '') || ',' || coalesce((SELECT"
			" group_concat(locked) FROM indicator_values), '')",
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
			fail_msg("%s -> %d (want %d): %s", #call, rc_, (code), f->err.message); \
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
	snprintf(f->path, sizeof(f->path), "%s/app_report_%d.db", tmp, (int)getpid());
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
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->cell1 = create(f, f->base, "Chi bộ thôn Đông", "cell", 4);
	f->cell2 = create(f, f->base, "Chi bộ thôn Tây", "cell", 4);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	f->cell3 = create(f, f->district2, "Chi bộ thôn Bắc", "cell", 4);
	person(f, 1, "Lê Văn Một", f->office, "staff");
	person(f, 2, "Trần Văn Hai", f->district, "head");
	person(f, 4, "Phạm Thị Bốn", f->cell1, "head");
	person(f, 5, "Hoàng Văn Năm", f->cell3, "head");
	person(f, 6, "Đỗ Văn Sáu", f->cell2, "head");
	char sql[800];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO indicators(id, org_id, name, unit, year_from, year_to, created_at,"
		 " updated_at) VALUES (1, %lld, 'Kết nạp đảng viên mới', 'đảng viên', 2025, 2030,"
		 " 0, 0);"
		 "INSERT INTO indicator_values(indicator_id, org_id, period, year, value,"
		 " entered_at) VALUES (1, %lld, 'h1', 2026, 12, 0), (1, %lld, 'h1', 2026, 7, 0),"
		 " (1, %lld, 'target', 2026, 20, 0);",
		 (long long)f->province, (long long)f->cell1, (long long)f->cell2,
		 (long long)f->province);
	exec(f, sql);
	f->ind = 1;
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

static struct app_ctx as(struct fx *f, struct actor *a, int64_t person_id, int32_t today)
{
	memset(a, 0, sizeof(*a));
	a->user_id = 100 + person_id;
	a->person_id = person_id;
	a->username = "u";
	return (struct app_ctx){
		.store = f->s, .arena = &f->a, .actor = a, .today = today, .now = 1780272000};
}

/* The province's office opens a 6-month campaign: districts by 20 June,
 * cells by 10 June. */
static int64_t open_campaign(struct fx *f, struct app_ctx *c)
{
	static const int levels[] = {2, 4};
	int32_t days[] = {D(2026, 6, 20), D(2026, 6, 10)};
	int64_t inds[] = {f->ind};
	struct report_campaign_input in = {.org_id = f->province,
					   .kind = "half_year",
					   .year_from = 2026,
					   .year_to = 2026,
					   .number = "15-CV/TU",
					   .indicator_ids = inds,
					   .n_indicators = 1,
					   .due_levels = levels,
					   .due_days = days,
					   .n_due = 2,
					   .conference_from = D(2026, 7, 1),
					   .conference_to = D(2026, 7, 15),
					   .after_conference = "Báo cáo đã thông qua"};
	int64_t id;
	OK(app_report_campaign_open(c, &in, &id, &f->err));
	return id;
}

static int64_t report_of(struct fx *f, int64_t campaign, int64_t org)
{
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "SELECT id FROM reports WHERE campaign_id = %lld AND org_id = %lld",
		 (long long)campaign, (long long)org);
	return query_int(f, sql);
}

static const struct report *row_of(const struct report_campaign_status *st, int64_t org)
{
	for (int i = 0; i < st->n_rows; i++)
		if (st->rows[i].row.org_id == org)
			return &st->rows[i];
	fail_msg("no report of org %lld", (long long)org);
	return NULL;
}

static void test_open(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 1, D(2026, 6, 1));
	static const int levels[] = {2};
	int32_t days[] = {D(2026, 6, 20)};
	struct report_campaign_input in = {.org_id = f->province,
					   .kind = "half_year",
					   .year_from = 2026,
					   .year_to = 2026,
					   .due_levels = levels,
					   .due_days = days,
					   .n_due = 1};
	int64_t id;
	/* Refusals: outside the actor's committee, a bad kind, no due day, a
	 * due day for the org's own level, a backwards conference window. */
	struct actor a2;
	struct app_ctx c2 = as(f, &a2, 2, D(2026, 6, 1));
	REFUSED(KH_EFORBIDDEN, app_report_campaign_open(&c2, &in, &id, &f->err));
	in.kind = "weekly";
	REFUSED(KH_EINVAL, app_report_campaign_open(&c, &in, &id, &f->err));
	in.kind = "half_year";
	in.n_due = 0;
	REFUSED(KH_EINVAL, app_report_campaign_open(&c, &in, &id, &f->err));
	static const int own_level[] = {1};
	in.due_levels = own_level;
	in.n_due = 1;
	REFUSED(KH_EINVAL, app_report_campaign_open(&c, &in, &id, &f->err));
	in.due_levels = levels;
	in.conference_from = D(2026, 7, 5);
	in.conference_to = D(2026, 7, 1);
	REFUSED(KH_EINVAL, app_report_campaign_open(&c, &in, &id, &f->err));
	assert_string_equal(f->err.field, "conference_from");

	id = open_campaign(f, &c);
	struct report_campaign_status st;
	OK(app_report_campaign_status(&c, id, &st, &f->err));
	/* Own + 2 districts + 3 cells; the commune committee (level 3) has no
	 * due day and no report. */
	assert_int_equal(st.n_rows, 6);
	assert_true(st.rows[0].own);
	assert_int_equal(st.counts.total, 5);
	assert_int_equal(st.counts.pending, 5);
	assert_int_equal(row_of(&st, f->district)->row.due_day, D(2026, 6, 20));
	assert_int_equal(row_of(&st, f->cell3)->row.due_day, D(2026, 6, 10));
	for (int i = 0; i < st.n_rows; i++)
		assert_true(st.rows[i].row.org_id != f->base);
	assert_string_equal(st.c.row.title, "Báo cáo 6 tháng năm 2026");
	assert_int_equal(st.c.n_outline, 4);
	assert_int_equal(st.c.n_due, 2);
	/* Each reporting org was told. */
	assert_int_equal(query_int(f, "SELECT count(*) FROM notifications WHERE kind ="
				      " 'report_campaign'"),
			 5);
	assert_int_equal(query_int(f, "SELECT count(*) FROM audit_log WHERE action ="
				      " 'report.campaign.open'"),
			 1);
	/* A cell's head sees the campaign and only the rows of its own org. */
	struct actor a4;
	struct app_ctx c4 = as(f, &a4, 4, D(2026, 6, 1));
	OK(app_report_campaign_status(&c4, id, &st, &f->err));
	assert_int_equal(st.n_rows, 1);
	assert_int_equal(st.rows[0].row.org_id, f->cell1);
	assert_int_equal(st.counts.total, 5);
}

/* A district opens its own campaign with the province's indicator in its
 * appendix — visible to it though its people cannot read the province —
 * but not with another district's. */
static void test_district_appendix(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 2, D(2026, 5, 25));
	static const int levels[] = {4};
	int32_t days[] = {D(2026, 6, 10)};
	int64_t inds[] = {f->ind};
	struct report_campaign_input in = {.org_id = f->district,
					   .kind = "half_year",
					   .year_from = 2026,
					   .year_to = 2026,
					   .indicator_ids = inds,
					   .n_indicators = 1,
					   .due_levels = levels,
					   .due_days = days,
					   .n_due = 1};
	int64_t id;
	OK(app_report_campaign_open(&c, &in, &id, &f->err));
	char *bytes = NULL;
	size_t len = 0;
	const char *name;
	OK(app_report_letter(&c, id, "docx", &bytes, &len, &name, &f->err));
	assert_true(len > 0);
	free(bytes);
	char sql[300];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO indicators(id, org_id, name, year_from, year_to, created_at,"
		 " updated_at) VALUES (2, %lld, 'Chỉ tiêu của huyện khác', 2025, 2030, 0, 0);",
		 (long long)f->district2);
	exec(f, sql);
	inds[0] = 2;
	in.year_from = in.year_to = 2027;
	assert_int_equal(app_report_campaign_open(&c, &in, &id, &f->err), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "Không có chỉ tiêu số 2"));
}

static void test_life(void **state)
{
	struct fx *f = *state;
	struct actor a1, a4, a5, a6;
	struct app_ctx office = as(f, &a1, 1, D(2026, 6, 1));
	int64_t id = open_campaign(f, &office);
	int64_t r1 = report_of(f, id, f->cell1), r2 = report_of(f, id, f->cell2),
		r3 = report_of(f, id, f->cell3);
	struct app_ctx cell1 = as(f, &a4, 4, D(2026, 6, 5));
	struct app_ctx cell3 = as(f, &a5, 5, D(2026, 6, 5));
	struct app_ctx cell2 = as(f, &a6, 6, D(2026, 6, 12));

	/* Cell 1's approved plan of 2026: one item done, one overdue, one not
	 * yet due. */
	struct app_ctx sys = f->sys;
	sys.today = D(2026, 3, 1);
	struct plan_input pin = {
		.owner_org_id = f->cell1, .scope = "year", .year_from = 2026, .year_to = 2026};
	struct plan p;
	OK(app_plan_create(&sys, &pin, &p, &f->err));
	static const char *const TEXTS[][2] = {{"Kết nạp 2 đảng viên", "31/3/2026"},
					       {"Sửa quy chế làm việc", "30/4/2026"},
					       {"Tổng kết năm", "tháng 12/2026"}};
	int64_t items[3];
	for (int i = 0; i < 3; i++) {
		struct plan_item_input it = {.text = TEXTS[i][0], .deadline_text = TEXTS[i][1]};
		struct plan_item out;
		OK(app_plan_item_create(&sys, p.id, &it, &out, &f->err));
		items[i] = out.id;
	}
	OK(app_plan_approve(&sys, p.id, &p, &f->err));
	sys.today = D(2026, 3, 20);
	struct progress_input done = {.state = "done", .percent = 100};
	struct progress_report pr;
	OK(app_progress_report(&sys, items[0], &done, &pr, &f->err));

	/* The draft is pre-filled with the plan's progress. */
	struct report_view v;
	OK(app_report_get(&cell1, r1, &v, &f->err));
	assert_true(v.prefilled);
	assert_int_equal(v.progress.plans, 1);
	assert_int_equal(v.progress.items, 3);
	assert_int_equal(v.progress.done, 1);
	assert_int_equal(v.progress.overdue, 1);
	assert_int_equal(v.progress.due_later, 1);
	assert_non_null(strstr(v.sections[0], "đã hoàn thành 1"));
	assert_non_null(strstr(v.sections[0], "quá hạn chưa hoàn thành 1"));
	assert_true(v.can_edit && v.can_submit && !v.can_decide);
	assert_non_null(strstr(v.sections[0], "Chi bộ thôn Đông"));
	assert_true(v.has_appendix);
	assert_int_equal(v.appendix.n_rows, 1);

	/* Scope: another cell neither reads nor writes it. */
	REFUSED(KH_EFORBIDDEN, app_report_get(&cell3, r1, &v, &f->err));
	REFUSED(KH_EFORBIDDEN, app_report_submit(&cell3, r1, &f->err));
	const char *texts[] = {"Kết quả: tốt", "Hạn chế: ít", "Nhiệm vụ: nhiều", ""};
	REFUSED(KH_EINVAL, app_report_save(&cell1, r1, NULL, texts, 3, &f->err));
	OK(app_report_save(&cell1, r1, "05-BC/CB", texts, 4, &f->err));
	OK(app_report_submit(&cell1, r1, &f->err));
	REFUSED(KH_ECONFLICT, app_report_submit(&cell1, r1, &f->err));
	/* The submitter may not decide on its own report. */
	REFUSED(KH_EFORBIDDEN, app_report_accept(&cell1, r1, &f->err));

	/* Cell 2 submits after its due day: late. */
	OK(app_report_submit(&cell2, r2, &f->err));

	/* The upper org returns cell 1's report: a reason is required. */
	struct app_ctx upper = as(f, &a1, 1, D(2026, 6, 12));
	REFUSED(KH_EINVAL, app_report_return(&upper, r1, "  ", &f->err));
	assert_string_equal(f->err.field, "reason");
	OK(app_report_return(&upper, r1, "Bổ sung số liệu phụ lục", &f->err));
	REFUSED(KH_ECONFLICT, app_report_accept(&upper, r1, &f->err));

	struct report_campaign_status st;
	OK(app_report_campaign_status(&upper, id, &st, &f->err));
	assert_int_equal(row_of(&st, f->cell1)->timeliness, REPORT_RETURNED);
	assert_int_equal(row_of(&st, f->cell2)->timeliness, REPORT_LATE);
	assert_int_equal(row_of(&st, f->cell3)->timeliness, REPORT_MISSING);
	assert_int_equal(row_of(&st, f->district)->timeliness, REPORT_PENDING);
	assert_int_equal(st.counts.returned, 1);
	assert_int_equal(st.counts.late, 1);
	assert_int_equal(st.counts.missing, 1);
	assert_int_equal(st.counts.pending, 2);

	/* Resubmitted (on the day it was returned, after the due day: late)
	 * and accepted: the figures of cell 1 lock, cell 2's stay open. */
	cell1.today = D(2026, 6, 9);
	OK(app_report_submit(&cell1, r1, &f->err));
	OK(app_report_accept(&upper, r1, &f->err));
	char sql[200];
	snprintf(sql, sizeof(sql), "SELECT locked FROM indicator_values WHERE org_id = %lld",
		 (long long)f->cell1);
	assert_int_equal(query_int(f, sql), 1);
	snprintf(sql, sizeof(sql), "SELECT locked FROM indicator_values WHERE org_id = %lld",
		 (long long)f->cell2);
	assert_int_equal(query_int(f, sql), 0);
	OK(app_report_campaign_status(&upper, id, &st, &f->err));
	assert_int_equal(row_of(&st, f->cell1)->timeliness, REPORT_ON_TIME);
	assert_int_equal(st.counts.accepted, 1);
	REFUSED(KH_ECONFLICT, app_report_save(&cell1, r1, NULL, texts, 4, &f->err));

	/* Reopened: unlocked, back with the cell. */
	REFUSED(KH_EFORBIDDEN, app_report_reopen(&cell1, r1, NULL, &f->err));
	OK(app_report_reopen(&upper, r1, "", &f->err));
	snprintf(sql, sizeof(sql), "SELECT locked FROM indicator_values WHERE org_id = %lld",
		 (long long)f->cell1);
	assert_int_equal(query_int(f, sql), 0);
	OK(app_report_get(&cell1, r1, &v, &f->err));
	assert_string_equal(v.r.row.status, "returned");
	assert_true(v.can_edit);
	assert_false(v.prefilled);
	assert_string_equal(v.sections[0], "Kết quả: tốt");

	/* The province's own report compiles the subtree: the missing ones
	 * listed, the figures per child. */
	int64_t own = report_of(f, id, f->province);
	OK(app_report_get(&upper, own, &v, &f->err));
	assert_true(v.r.own);
	assert_false(v.can_submit);
	bool missing3 = false;
	for (int i = 0; i < v.n_late; i++)
		missing3 = missing3 || (v.late[i].row.org_id == f->cell3 &&
					v.late[i].timeliness == REPORT_MISSING);
	assert_true(missing3);
	assert_int_equal(v.n_breakdown, 1);
	(void)r3;

	int n_audit = (int)query_int(f, "SELECT count(*) FROM audit_log WHERE entity = 'report'");
	assert_true(n_audit >= 7);
}

static void test_remind_and_export(void **state)
{
	struct fx *f = *state;
	struct actor a1;
	struct app_ctx office = as(f, &a1, 1, D(2026, 6, 1));
	int64_t id = open_campaign(f, &office);
	int n = 0;
	/* 3 June: the cells' reports are due in 7 days; the districts' not yet. */
	struct app_ctx sys = f->sys;
	sys.today = D(2026, 6, 3);
	OK(app_report_remind(&sys, &n, &f->err));
	assert_int_equal(n, 3);
	OK(app_report_remind(&sys, &n, &f->err));
	assert_int_equal(n, 0);
	/* 13 June: overdue for the cells (one digest each), 7 days for the
	 * districts, and one digest for the province. */
	sys.today = D(2026, 6, 13);
	OK(app_report_remind(&sys, &n, &f->err));
	assert_int_equal(n, 3 + 2 + 1);
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "SELECT count(*) FROM notifications WHERE kind = 'report_late' AND org_id = %lld",
		 (long long)f->province);
	assert_int_equal(query_int(f, sql), 1);

	/* A closed campaign takes no submission and sends no reminder; only
	 * its manager closes it. */
	struct actor a4;
	struct app_ctx cell1 = as(f, &a4, 4, D(2026, 6, 14));
	REFUSED(KH_EFORBIDDEN, app_report_campaign_close(&cell1, id, true, &f->err));
	OK(app_report_campaign_close(&office, id, true, &f->err));
	REFUSED(KH_ECONFLICT, app_report_submit(&cell1, report_of(f, id, f->cell1), &f->err));
	assert_non_null(strstr(f->err.message, "đã đóng"));
	sys.today = D(2026, 6, 19);
	OK(app_report_remind(&sys, &n, &f->err));
	assert_int_equal(n, 0);
	OK(app_report_campaign_close(&office, id, false, &f->err));
	OK(app_report_submit(&cell1, report_of(f, id, f->cell1), &f->err));

	char *bytes;
	size_t len;
	const char *name;
	int64_t r1 = report_of(f, id, f->cell1);
	OK(app_report_export(&office, r1, "pdf", &bytes, &len, &name, &f->err));
	assert_true(len > 100 && memcmp(bytes, "%PDF", 4) == 0);
	free(bytes);
	OK(app_report_export(&office, report_of(f, id, f->province), "docx", &bytes, &len, &name,
			     &f->err));
	assert_true(len > 100 && memcmp(bytes, "PK", 2) == 0);
	free(bytes);
	OK(app_report_letter(&office, id, "docx", &bytes, &len, &name, &f->err));
	assert_true(len > 100 && memcmp(bytes, "PK", 2) == 0);
	assert_non_null(strstr(name, "Công văn"));
	free(bytes);
	REFUSED(KH_EINVAL, app_report_letter(&office, id, "xlsx", &bytes, &len, &name, &f->err));
	struct actor a5;
	struct app_ctx cell3 = as(f, &a5, 5, D(2026, 6, 5));
	REFUSED(KH_EFORBIDDEN, app_report_export(&cell3, r1, "pdf", &bytes, &len, &name, &f->err));
}

/* The demo's campaign on the demo province, as of 23 November 2026, as
 * the loader makes it. */
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
	/* the loader makes the campaign itself (app_demo_reports) */
	OK(app_demo_load(&c, &rep, &f->err));
	assert_int_equal(rep.campaigns, 1);
	assert_true(rep.indicators > 0);
	struct report_campaign *v;
	int nv;
	OK(app_report_campaign_list(&c, 0, &v, &nv, &f->err));
	assert_int_equal(nv, 1);
	struct report_campaign_status st;
	OK(app_report_campaign_status(&c, v[0].row.id, &st, &f->err));
	assert_int_equal(st.counts.accepted, 1);
	assert_int_equal(st.counts.returned, 1);
	assert_int_equal(st.counts.late, 1);
	assert_int_equal(st.counts.on_time, 1);
	assert_int_equal(st.counts.missing, st.counts.total - 3);
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
		cmocka_unit_test_setup_teardown(test_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_life, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remind_and_export, setup, teardown),
		cmocka_unit_test_setup_teardown(test_district_appendix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
