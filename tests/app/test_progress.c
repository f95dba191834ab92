/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Progress of plan items: the derived state for every deadline shape (a
 * table of dates, windows, open starts, recurring duties with their
 * occurrences, conditional deadlines before and after their event, none),
 * reports by the lead and by a coordinator for its part and who is
 * refused, done_day kept and cleared, the event of a conditional deadline,
 * evidence files (type by magic bytes, size limit, content-addressed on
 * disk, download scope), the fan-out of a group lead on approval and the
 * answers of the cascade, and the summary of a plan and of an org. Every
 * refused call leaves the database as it was. */
#include "core/common.h"
#include "app/plan.h"
#include "app/progress.h"
#include "app/remind.h"
#include "app/org.h"
#include "app/demo.h"
#include "core/date.h"
#include "store/notify.h"
#include "store/org.h"
#include "text/deadline.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The fixture of the use-case tests below (tests/app/fixture.h). */
struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, district, base, district2, cell3, other;
};

#include "fixture.h"

/* ---- the derivation, table-driven ---- */

struct derive_case {
	const char *name;
	int kind, period;
	int32_t start, end;
	int after_days;
	int32_t event_day;
	const char *state;
	int32_t done_day;
	int32_t on;
	int32_t done_ends[4];
	int n_done;
	enum progress_derived want;
	int32_t want_due;
	int want_missed;
};

static void test_derive_table(void **state)
{
	(void)state;
	/* clang-format off */
	const struct derive_case cases[] = {
		/* a date */
		{"date, long before", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "not_started", 0, D(2026, 3, 1), {0}, 0, PROGRESS_NOT_DUE, D(2026, 6, 30), 0},
		{"date, 7 days before", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 6, 23), {0}, 0, PROGRESS_DUE_SOON, D(2026, 6, 30), 0},
		{"date, 8 days before", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 6, 22), {0}, 0, PROGRESS_NOT_DUE, D(2026, 6, 30), 0},
		{"date, on the day", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 6, 30), {0}, 0, PROGRESS_DUE_SOON, D(2026, 6, 30), 0},
		{"date, the day after", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 7, 1), {0}, 0, PROGRESS_OVERDUE, D(2026, 6, 30), 0},
		{"date, done on the day", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "done", D(2026, 6, 30), D(2026, 8, 1), {0}, 0, PROGRESS_DONE_ON_TIME, D(2026, 6, 30), 0},
		{"date, done a day late", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "done", D(2026, 7, 1), D(2026, 8, 1), {0}, 0, PROGRESS_DONE_LATE, D(2026, 6, 30), 0},
		{"date, done after the day asked", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "done", D(2026, 7, 10), D(2026, 7, 5), {0}, 0, PROGRESS_OVERDUE, D(2026, 6, 30), 0},
		{"date, stalled and overdue", DEADLINE_DATE, 0, 0, D(2026, 6, 30), 0, 0, "stalled", 0, D(2026, 12, 1), {0}, 0, PROGRESS_OVERDUE, D(2026, 6, 30), 0},
		/* a window: due at its end */
		{"window, inside", DEADLINE_WINDOW, 0, D(2026, 4, 1), D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 5, 1), {0}, 0, PROGRESS_NOT_DUE, D(2026, 6, 30), 0},
		{"window, last week", DEADLINE_WINDOW, 0, D(2026, 4, 1), D(2026, 6, 30), 0, 0, "in_progress", 0, D(2026, 6, 25), {0}, 0, PROGRESS_DUE_SOON, D(2026, 6, 30), 0},
		{"window, after", DEADLINE_WINDOW, 0, D(2026, 4, 1), D(2026, 6, 30), 0, 0, "not_started", 0, D(2026, 7, 2), {0}, 0, PROGRESS_OVERDUE, D(2026, 6, 30), 0},
		{"window, done before it opened", DEADLINE_WINDOW, 0, D(2026, 4, 1), D(2026, 6, 30), 0, 0, "done", D(2026, 3, 1), D(2026, 7, 2), {0}, 0, PROGRESS_DONE_ON_TIME, D(2026, 6, 30), 0},
		{"window, done late", DEADLINE_WINDOW, 0, D(2026, 4, 1), D(2026, 6, 30), 0, 0, "done", D(2026, 9, 1), D(2026, 9, 2), {0}, 0, PROGRESS_DONE_LATE, D(2026, 6, 30), 0},
		/* an open start: ongoing, never overdue */
		{"from, years later", DEADLINE_FROM, 0, D(2012, 5, 1), 0, 0, 0, "in_progress", 0, D(2026, 5, 1), {0}, 0, PROGRESS_NO_DUE, 0, 0},
		{"from, done", DEADLINE_FROM, 0, D(2012, 5, 1), 0, 0, 0, "done", D(2020, 1, 1), D(2026, 5, 1), {0}, 0, PROGRESS_DONE, 0, 0},
		/* recurring, quarterly, counted from the plan's first day 1-1-2026 */
		{"quarterly, Q1 running", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "in_progress", 0, D(2026, 2, 10), {0}, 0, PROGRESS_NOT_DUE, D(2026, 3, 31), 0},
		{"quarterly, Q1 ending", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "in_progress", 0, D(2026, 3, 27), {0}, 0, PROGRESS_DUE_SOON, D(2026, 3, 31), 0},
		{"quarterly, Q1 done", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "done", D(2026, 3, 20), D(2026, 3, 27), {D(2026, 3, 31)}, 1, PROGRESS_DONE_ON_TIME, D(2026, 3, 31), 0},
		{"quarterly, Q1 missed", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "in_progress", 0, D(2026, 5, 1), {0}, 0, PROGRESS_OVERDUE, D(2026, 6, 30), 1},
		{"quarterly, Q1 done, Q2 running", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "done", D(2026, 3, 20), D(2026, 5, 1), {D(2026, 3, 31)}, 1, PROGRESS_NOT_DUE, D(2026, 6, 30), 0},
		{"quarterly, Q1 and Q3 done, Q2 missed", DEADLINE_RECURRING, DEADLINE_PERIOD_QUARTERLY, 0, 0, 0, 0, "done", D(2026, 9, 20), D(2026, 10, 5), {D(2026, 3, 31), D(2026, 9, 30)}, 2, PROGRESS_OVERDUE, D(2026, 12, 31), 1},
		/* recurring with a span of its own: counted from its start */
		{"yearly with an end, all done, after the end", DEADLINE_RECURRING, DEADLINE_PERIOD_YEARLY, D(2024, 1, 1), D(2025, 12, 31), 0, 0, "done", D(2025, 12, 1), D(2026, 3, 1), {D(2024, 12, 31), D(2025, 12, 31)}, 2, PROGRESS_DONE_ON_TIME, D(2025, 12, 31), 0},
		{"yearly with an end, one missed, after the end", DEADLINE_RECURRING, DEADLINE_PERIOD_YEARLY, D(2024, 1, 1), D(2025, 12, 31), 0, 0, "done", D(2025, 12, 1), D(2026, 3, 1), {D(2024, 12, 31)}, 1, PROGRESS_OVERDUE, D(2025, 12, 31), 1},
		{"half-yearly, starts later", DEADLINE_RECURRING, DEADLINE_PERIOD_HALF_YEARLY, D(2026, 7, 1), 0, 0, 0, "not_started", 0, D(2026, 3, 1), {0}, 0, PROGRESS_NOT_DUE, D(2026, 12, 31), 0},
		{"regular: no occurrences", DEADLINE_RECURRING, DEADLINE_PERIOD_REGULAR, 0, 0, 0, 0, "in_progress", 0, D(2026, 12, 31), {0}, 0, PROGRESS_NO_DUE, 0, 0},
		/* conditional */
		{"conditional, no event", DEADLINE_CONDITIONAL, 0, 0, 0, 30, 0, "not_started", 0, D(2030, 1, 1), {0}, 0, PROGRESS_NO_DUE, 0, 0},
		{"conditional, event + 30 days, inside", DEADLINE_CONDITIONAL, 0, 0, 0, 30, D(2026, 3, 1), "in_progress", 0, D(2026, 3, 20), {0}, 0, PROGRESS_NOT_DUE, D(2026, 3, 31), 0},
		{"conditional, event + 30 days, last week", DEADLINE_CONDITIONAL, 0, 0, 0, 30, D(2026, 3, 1), "in_progress", 0, D(2026, 3, 25), {0}, 0, PROGRESS_DUE_SOON, D(2026, 3, 31), 0},
		{"conditional, event + 30 days, after", DEADLINE_CONDITIONAL, 0, 0, 0, 30, D(2026, 3, 1), "in_progress", 0, D(2026, 4, 1), {0}, 0, PROGRESS_OVERDUE, D(2026, 3, 31), 0},
		{"conditional, no delay: due on the event", DEADLINE_CONDITIONAL, 0, 0, 0, 0, D(2026, 3, 1), "not_started", 0, D(2026, 3, 2), {0}, 0, PROGRESS_OVERDUE, D(2026, 3, 1), 0},
		{"conditional, done late", DEADLINE_CONDITIONAL, 0, 0, 0, 30, D(2026, 3, 1), "done", D(2026, 4, 2), D(2026, 5, 1), {0}, 0, PROGRESS_DONE_LATE, D(2026, 3, 31), 0},
		/* none */
		{"none, not done", DEADLINE_NONE, 0, 0, 0, 0, 0, "in_progress", 0, D(2030, 1, 1), {0}, 0, PROGRESS_NO_DUE, 0, 0},
		{"none, done", DEADLINE_NONE, 0, 0, 0, 0, 0, "done", D(2026, 1, 2), D(2030, 1, 1), {0}, 0, PROGRESS_DONE, 0, 0},
	};
	/* clang-format on */
	for (size_t i = 0; i < KH_ARRAY_LEN(cases); i++) {
		const struct derive_case *c = &cases[i];
		struct plan_item it = {.deadline_kind = c->kind,
				       .deadline_period = c->period,
				       .deadline_start = c->start,
				       .deadline_end = c->end,
				       .deadline_after_days = c->after_days,
				       .event_day = c->event_day,
				       .progress_state = c->state,
				       .done_day = c->done_day};
		struct progress_derivation d;
		progress_derive(&it, c->on, D(2026, 1, 1), c->done_ends, c->n_done, &d);
		if (d.derived != c->want || d.due != c->want_due ||
		    d.occurrences_missed != c->want_missed)
			fail_msg("%s: got %s due %d missed %d, want %s due %d missed %d", c->name,
				 progress_derived_name(d.derived), d.due, d.occurrences_missed,
				 progress_derived_name(c->want), c->want_due, c->want_missed);
	}
	assert_string_equal(progress_derived_label(PROGRESS_OVERDUE), "Quá hạn");
	assert_string_equal(progress_derived_label(PROGRESS_DONE_LATE), "Hoàn thành muộn");
	assert_true(progress_state_valid("stalled"));
	assert_false(progress_state_valid("finished"));
	assert_false(progress_state_valid(NULL));
}

/* ---- use cases ---- */

static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(
			db,
			"SELECT (SELECT count(*) FROM item_progress) || ',' || (SELECT count(*) FROM"
			" progress_evidence) || ',' || (SELECT count(*) FROM files) || ',' ||"
			" (SELECT count(*) FROM audit_log) || ',' || coalesce((SELECT"
			" group_concat(progress_state || progress_percent || coalesce(done_day, '-')"
			" || coalesce(event_day, '-')) FROM plan_items), '')",
			-1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *r = xcalloc(1, (size_t)sqlite3_column_bytes(st, 0) + 1);
	memcpy(r, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

static int count(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int n = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return n;
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
	char cmd[1200];
	if (!tmp)
		tmp = "/tmp";
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/app_progress_%d.db", tmp, (int)getpid());
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s.files'", f->path, f->path);
	if (system(cmd) != 0)
		return -1;
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	arena_init(&f->a, 8192);
	app_actor_system(&f->system);
	f->sys = (struct app_ctx){.store = f->s,
				  .arena = &f->a,
				  .actor = &f->system,
				  .today = D(2026, 3, 15),
				  .now = 1773532800};
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	f->cell3 = create(f, f->district2, "Chi bộ thôn Bắc", "cell", 4);
	person(f, 2, "Trần Văn Hai", f->district, "head");
	person(f, 8, "Bùi Văn Tám", f->district2, "head");
	person(f, 5, "Hoàng Văn Năm", f->cell3, "member");
	person(f, 9, "Lý Văn Chín", f->province, "head");
	f->other = create(f, 0, "Tỉnh ủy Bắc Hà", "committee", 1);
	person(f, 10, "Mai Văn Mười", f->other, "head");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[2200];
	store_close(f->s);
	arena_release(&f->a);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s-wal' '%s-shm' '%s.files'", f->path, f->path,
		 f->path, f->path);
	if (system(cmd) != 0)
		return -1;
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
				.today = D(2026, 3, 15),
				.now = 1773532800};
}

static int64_t item(struct fx *f, struct app_ctx *c, int64_t plan, const char *text,
		    const char *deadline, int64_t lead, bool group, int64_t coordinator)
{
	struct plan_item_input in = {.text = text,
				     .deadline_text = deadline,
				     .lead_org_id = lead,
				     .lead_group = group,
				     .set_lead = lead != 0,
				     .coordinator_org_ids = &coordinator,
				     .n_coordinator_orgs = coordinator ? 1 : 0,
				     .set_coordinator_orgs = coordinator != 0};
	struct plan_item it;
	OK(app_plan_item_create(c, plan, &in, &it, &f->err));
	return it.id;
}

/* The province's year plan 2026: A led by the district with district2
 * coordinating, due 31-3-2026; B led by the group of districts, quarterly;
 * C conditional "sau 30 ngày kể từ khi có hướng dẫn của Trung ương". */
static int64_t province_plan(struct fx *f, int64_t *a, int64_t *b, int64_t *c, bool approve)
{
	struct plan_input in = {.owner_org_id = f->province, .scope = "year", .year_from = 2026};
	struct plan p;
	OK(app_plan_create(&f->sys, &in, &p, &f->err));
	*a = item(f, &f->sys, p.id, "Tổ chức hội nghị sơ kết", "trước ngày 31-3-2026", f->district,
		  false, f->district2);
	*b = item(f, &f->sys, p.id, "Báo cáo tình hình cơ sở", "hằng quý", f->province, true, 0);
	*c = item(f, &f->sys, p.id, "Ban hành quy định thực hiện",
		  "sau 30 ngày kể từ khi có hướng dẫn của Trung ương", f->province, false, 0);
	if (approve)
		OK(app_plan_approve(&f->sys, p.id, NULL, &f->err));
	return p.id;
}

static void test_report(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	int64_t plan = province_plan(f, &a, &b, &c, false);
	struct actor x;
	struct app_ctx lead = as(f, &x, 2);
	struct progress_input in = {.state = "in_progress", .percent = 40, .note = "Đã chuẩn bị"};
	struct progress_report r;
	/* Not yet approved. */
	REFUSED(KH_ECONFLICT, app_progress_report(&f->sys, a, &in, &r, &f->err));
	OK(app_plan_approve(&f->sys, plan, NULL, &f->err));
	/* The lead reports. */
	OK(app_progress_report(&lead, a, &in, &r, &f->err));
	assert_int_equal(r.percent, 40);
	struct progress_view v;
	OK(app_progress_get(&lead, a, &v, &f->err));
	assert_string_equal(v.item.progress_state, "in_progress");
	assert_int_equal(v.item.progress_percent, 40);
	assert_int_equal(v.d.derived, PROGRESS_NOT_DUE);
	assert_true(v.rights.lead);
	assert_int_equal(v.n_reports, 1);
	/* The coordinator reports its part: the item keeps the lead's figures. */
	struct actor y;
	struct app_ctx coord = as(f, &y, 8);
	struct progress_input part = {.state = "done", .org_id = f->district2, .note = "Xong"};
	OK(app_progress_report(&coord, a, &part, &r, &f->err));
	assert_int_equal(r.percent, 100);
	OK(app_progress_get(&lead, a, &v, &f->err));
	assert_string_equal(v.item.progress_state, "in_progress");
	assert_int_equal(v.n_reports, 2);
	assert_string_equal(v.reports[0].org_name, "Huyện ủy Tân Lập");
	/* The coordinator may not report as the lead, nor the lead for the
	 * coordinator, nor an outsider at all. */
	REFUSED(KH_EFORBIDDEN, app_progress_report(&coord, a, &in, &r, &f->err));
	struct progress_input wrong = {.state = "done", .org_id = f->district2};
	REFUSED(KH_EFORBIDDEN, app_progress_report(&lead, a, &wrong, &r, &f->err));
	struct actor z;
	struct app_ctx out = as(f, &z, 5);
	REFUSED(KH_EFORBIDDEN, app_progress_report(&out, a, &in, &r, &f->err));
	/* Bad input. */
	struct progress_input bad = {.state = "finished"};
	REFUSED(KH_EINVAL, app_progress_report(&lead, a, &bad, &r, &f->err));
	bad = (struct progress_input){.state = "in_progress", .percent = 101};
	REFUSED(KH_EINVAL, app_progress_report(&lead, a, &bad, &r, &f->err));
	bad = (struct progress_input){.state = "in_progress", .day = D(2026, 3, 16)};
	REFUSED(KH_EINVAL, app_progress_report(&lead, a, &bad, &r, &f->err));
	bad = (struct progress_input){.state = "in_progress", .org_id = f->base};
	REFUSED(KH_EINVAL, app_progress_report(&f->sys, a, &bad, &r, &f->err));
	/* Done: done_day is the first day reported done, kept by a second done
	 * report, cleared by reopening. */
	struct progress_input done = {.state = "done", .day = D(2026, 3, 10)};
	OK(app_progress_report(&lead, a, &done, &r, &f->err));
	done.day = D(2026, 3, 14);
	OK(app_progress_report(&lead, a, &done, &r, &f->err));
	OK(app_progress_get(&lead, a, &v, &f->err));
	assert_int_equal(v.item.done_day, D(2026, 3, 10));
	assert_int_equal(v.item.progress_percent, 100);
	assert_int_equal(v.d.derived, PROGRESS_DONE_ON_TIME);
	struct progress_input reopen = {.state = "in_progress", .percent = 90};
	OK(app_progress_report(&lead, a, &reopen, &r, &f->err));
	OK(app_progress_get(&lead, a, &v, &f->err));
	assert_int_equal(v.item.done_day, 0);
	assert_int_equal(count(f, "SELECT count(*) FROM audit_log WHERE action = 'item.progress'"),
			 5);
	/* The recurring item: a report names its quarter. */
	struct progress_input q = {.state = "done", .day = D(2026, 3, 12)};
	OK(app_progress_report(&f->sys, b, &q, &r, &f->err));
	assert_int_equal(r.occurrence_end, D(2026, 3, 31));
	q.occurrence_end = D(2026, 3, 30);
	REFUSED(KH_EINVAL, app_progress_report(&f->sys, b, &q, &r, &f->err));
	OK(app_progress_get(&lead, b, &v, &f->err));
	assert_true(v.d.occurrence_done);
	assert_int_equal(v.d.derived, PROGRESS_DONE_ON_TIME);
}

static void test_event(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	province_plan(f, &a, &b, &c, true);
	struct progress_view v;
	OK(app_progress_get(&f->sys, c, &v, &f->err));
	assert_int_equal(v.item.deadline_kind, DEADLINE_CONDITIONAL);
	assert_int_equal(v.item.deadline_after_days, 30);
	assert_int_equal(v.d.derived, PROGRESS_NO_DUE);
	struct actor x;
	struct app_ctx other = as(f, &x, 2);
	REFUSED(KH_EFORBIDDEN, app_progress_event(&other, c, D(2026, 2, 1), NULL, &f->err));
	REFUSED(KH_ECONFLICT, app_progress_event(&f->sys, a, D(2026, 2, 1), NULL, &f->err));
	REFUSED(KH_EINVAL, app_progress_event(&f->sys, c, D(2026, 4, 1), NULL, &f->err));
	struct plan_item it;
	OK(app_progress_event(&f->sys, c, D(2026, 2, 1), &it, &f->err));
	assert_int_equal(it.event_day, D(2026, 2, 1));
	OK(app_progress_get(&f->sys, c, &v, &f->err));
	assert_int_equal(v.d.due, D(2026, 3, 3));
	assert_int_equal(v.d.derived, PROGRESS_OVERDUE);
	OK(app_progress_event(&f->sys, c, 0, &it, &f->err));
	OK(app_progress_get(&f->sys, c, &v, &f->err));
	assert_int_equal(v.d.derived, PROGRESS_NO_DUE);
}

static void test_files(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	province_plan(f, &a, &b, &c, true);
	static const char pdf[] = "%PDF-1.4\n% kehoach\n";
	static const char exe[] = "MZ\x90\x00\x03\x00\x00\x00";
	struct progress_file_input good = {
		.name = "C:\\tmp\\bien-ban.pdf", .data = pdf, .len = sizeof(pdf) - 1};
	struct progress_input in = {
		.state = "in_progress", .percent = 50, .files = &good, .n_files = 1};
	struct progress_report r;
	struct actor x;
	struct app_ctx lead = as(f, &x, 2);
	OK(app_progress_report(&lead, a, &in, &r, &f->err));
	assert_int_equal(r.n_files, 1);
	assert_string_equal(r.files[0].name, "bien-ban.pdf");
	assert_string_equal(r.files[0].mime, "application/pdf");
	assert_int_equal(strlen(r.files[0].sha256), 64);
	char path[1200];
	snprintf(path, sizeof(path), "%s.files/%.2s/%s", f->path, r.files[0].sha256,
		 r.files[0].sha256 + 2);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_size, (off_t)(sizeof(pdf) - 1));
	/* The same content twice: one file. */
	OK(app_progress_report(&lead, a, &in, &r, &f->err));
	assert_int_equal(count(f, "SELECT count(*) FROM files"), 1);
	/* Download: a reader of the plan, not an outsider. */
	struct progress_file pf;
	const char *p;
	OK(app_progress_file(&lead, a, r.files[0].sha256, &pf, &p, &f->err));
	assert_string_equal(p, path);
	assert_string_equal(pf.name, "bien-ban.pdf");
	struct actor z;
	struct app_ctx out = as(f, &z, 10);
	assert_int_equal(app_progress_file(&out, a, r.files[0].sha256, &pf, &p, &f->err),
			 KH_EFORBIDDEN);
	assert_int_equal(app_progress_file(&lead, a, "../../etc/passwd", &pf, &p, &f->err),
			 KH_ENOTFOUND);
	/* Not evidence of another item. */
	assert_int_equal(app_progress_file(&lead, b, r.files[0].sha256, &pf, &p, &f->err),
			 KH_ENOTFOUND);
	/* A type not allowed, and a file too big. */
	struct progress_file_input bad = {.name = "x.exe", .data = exe, .len = sizeof(exe) - 1};
	in.files = &bad;
	REFUSED(KH_EINVAL, app_progress_report(&lead, a, &in, &r, &f->err));
	assert_non_null(strstr(f->err.message, "không thuộc loại được nhận"));
	OK(store_setting_set(f->s, "evidence.max_bytes", "10", &f->err));
	in.files = &good;
	REFUSED(KH_ETOOBIG, app_progress_report(&lead, a, &in, &r, &f->err));
	OK(store_setting_set(f->s, "evidence.max_bytes", NULL, &f->err));
	/* Office files by their package, plain text by being UTF-8. */
	static const char docx[] = "PK\x03\x04....[Content_Types].xml....word/document.xml";
	static const char zip[] = "PK\x03\x04....other.bin";
	static const char txt[] = "Biên bản họp chi bộ";
	struct progress_file pf2;
	OK(app_file_save(&lead, "a.docx", docx, sizeof(docx) - 1, &pf2, &f->err));
	assert_non_null(strstr(pf2.mime, "wordprocessingml"));
	OK(app_file_save(&lead, "a.txt", txt, sizeof(txt) - 1, &pf2, &f->err));
	assert_string_equal(pf2.mime, "text/plain; charset=utf-8");
	assert_int_equal(app_file_save(&lead, "a.zip", zip, sizeof(zip) - 1, &pf2, &f->err),
			 KH_EINVAL);
	assert_int_equal(app_file_save(&lead, "a.pdf", pdf, 0, &pf2, &f->err), KH_EINVAL);
}

static void test_fan_out(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	int64_t upper = province_plan(f, &a, &b, &c, true);
	/* B (group of the province's committees) reached both districts; A its
	 * lead and its coordinator. */
	assert_int_equal(count(f, "SELECT count(*) FROM item_assignments"), 4);
	struct progress_assignment *v;
	int n;
	struct actor x;
	struct app_ctx d = as(f, &x, 2);
	OK(app_progress_assignments(&d, f->district, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(v[0].answer_item_id, 0);
	/* The district answers by the cascade. */
	struct plan_input in = {.owner_org_id = f->district,
				.scope = "year",
				.year_from = 2026,
				.upper_plan_id = upper,
				.cascade = true};
	struct plan p;
	OK(app_plan_create(&d, &in, &p, &f->err));
	OK(app_progress_assignments(&d, f->district, &v, &n, &f->err));
	assert_int_equal(n, 2);
	assert_true(v[0].answer_item_id != 0);
	assert_true(v[1].answer_item_id != 0);
	assert_int_equal(count(f, "SELECT count(*) FROM item_assignments"
				  " WHERE answer_item_id IS NOT NULL"),
			 2);
	/* The upper item lists each org: the district answered, district2 not. */
	OK(app_progress_item_assignments(&f->sys, b, &v, &n, &f->err));
	assert_int_equal(n, 2);
	for (int i = 0; i < n; i++)
		assert_true((v[i].org_id == f->district) == (v[i].answer_item_id != 0));
	/* An outsider does not read the district's assignments. */
	struct actor z;
	struct app_ctx out = as(f, &z, 5);
	assert_int_equal(app_progress_assignments(&out, f->district, &v, &n, &f->err),
			 KH_EFORBIDDEN);
	/* An adjustment that drops A's coordinator drops its assignment. */
	OK(app_plan_adjust_open(&f->sys, upper, "Bỏ đơn vị phối hợp", NULL, &f->err));
	struct plan_item_input ch = {.set_coordinator_orgs = true, .n_coordinator_orgs = 0};
	OK(app_plan_item_update(&f->sys, a, &ch, NULL, &f->err));
	OK(app_plan_approve(&f->sys, upper, NULL, &f->err));
	assert_int_equal(count(f, "SELECT count(*) FROM item_assignments"), 3);
	/* Deleting the draft answer plan unlinks its answers. */
	OK(app_plan_delete(&d, p.id, &f->err));
	assert_int_equal(count(f, "SELECT count(*) FROM item_assignments"
				  " WHERE answer_item_id IS NOT NULL"),
			 0);
}

static void test_summary(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	int64_t plan = province_plan(f, &a, &b, &c, true);
	struct progress_report r;
	/* A done late (due 31-3, done 1-4 seen on 2-4), C in progress without
	 * an event; B missed Q1. */
	struct app_ctx later = f->sys;
	later.today = D(2026, 4, 2);
	struct progress_input done = {.state = "done", .day = D(2026, 4, 1)};
	OK(app_progress_report(&later, a, &done, &r, &f->err));
	struct progress_input run = {.state = "stalled", .percent = 20};
	OK(app_progress_report(&later, c, &run, &r, &f->err));
	struct progress_query q = {.plan_id = plan, .with_items = true};
	struct progress_summary s;
	OK(app_progress_summary(&later, &q, &s, &f->err));
	assert_int_equal(s.n_items, 3);
	assert_int_equal(s.done_late, 1);
	assert_int_equal(s.overdue, 1);
	assert_int_equal(s.in_progress, 1);
	assert_int_equal(s.stalled, 1);
	assert_int_equal(s.not_started, 0);
	assert_int_equal(s.n, 3);
	assert_int_equal(s.percent_mean, 40);
	/* On the period ending 31-3, A was not yet done: due soon then. */
	q.to = D(2026, 3, 31);
	OK(app_progress_summary(&later, &q, &s, &f->err));
	assert_int_equal(s.done_late, 0);
	assert_int_equal(s.due_soon, 2);
	/* The org's plans. */
	struct progress_query oq = {.org_id = f->province};
	OK(app_progress_summary(&later, &oq, &s, &f->err));
	assert_int_equal(s.n_items, 3);
	assert_null(s.items);
	struct actor z;
	struct app_ctx out = as(f, &z, 5);
	assert_int_equal(app_progress_summary(&out, &oq, &s, &f->err), KH_EFORBIDDEN);
	struct progress_query none = {0};
	assert_int_equal(app_progress_summary(&later, &none, &s, &f->err), KH_EINVAL);
}

/* Reminders: one digest per lead org, or per owner person of an individual
 * plan; each stage once; only the system or an admin runs them. */
static void test_remind(void **state)
{
	struct fx *f = *state;
	int64_t a, b, c;
	province_plan(f, &a, &b, &c, true);
	struct actor x;
	struct app_ctx head = as(f, &x, 2);
	struct plan_input in = {.scope = "year", .year_from = 2026};
	struct plan p;
	OK(app_plan_create(&head, &in, &p, &f->err));
	item(f, &head, p.id, "Dự sinh hoạt chi bộ nơi cư trú", "trước ngày 20-3-2026", 0, false, 0);
	OK(app_plan_approve(&head, p.id, NULL, &f->err));
	struct remind_counts rc;
	assert_int_equal(app_progress_remind(&head, &rc, &f->err), KH_EFORBIDDEN);
	/* 15-3: A (district, due 31-3) not yet; B (quarterly, ends 31-3) not
	 * yet; the head's item due 20-3 is. */
	OK(app_progress_remind(&f->sys, &rc, &f->err));
	assert_int_equal(rc.due_soon, 1);
	assert_int_equal(rc.notifications, 1);
	assert_int_equal(count(f, "SELECT count(*) FROM notifications WHERE kind = 'deadline'"
				  " AND person_id = 2 AND org_id IS NULL"),
			 1);
	OK(app_progress_remind(&f->sys, &rc, &f->err));
	assert_int_equal(rc.notifications, 0);
	/* 31-3: A and B due today (district; the province for its group item),
	 * the head's item overdue. */
	struct app_ctx later = f->sys;
	later.today = D(2026, 3, 31);
	OK(app_progress_remind(&later, &rc, &f->err));
	assert_int_equal(rc.due_today, 2);
	assert_int_equal(rc.overdue, 1);
	assert_int_equal(rc.notifications, 3);
	assert_int_equal(count(f, "SELECT count(*) FROM notifications WHERE kind = 'deadline'"
				  " AND text LIKE 'Nhắc việc: có 1 nội dung đến hạn hôm nay: %'"),
			 2);
	/* Done items are not reminded. */
	struct progress_input done = {.state = "done"};
	struct progress_report r;
	later.today = D(2026, 4, 1);
	OK(app_progress_report(&later, a, &done, &r, &f->err));
	OK(app_progress_remind(&later, &rc, &f->err));
	assert_int_equal(rc.overdue, 1); /* B's first quarter */
}

/* The demo's progress on the province's programme: each state shows. */
static void test_demo(void **state)
{
	struct fx *f = *state;
	char path[600];
	struct store *s;
	struct arena a;
	struct actor sys;
	snprintf(path, sizeof(path), "%s.demo", f->path);
	unlink(path);
	OK(store_open(path, &s, &f->err));
	OK(store_migrate(s, NULL, &f->err));
	arena_init(&a, 65536);
	app_actor_system(&sys);
	struct app_ctx c = {.store = s,
			    .arena = &a,
			    .actor = &sys,
			    .today = D(2026, 11, 23),
			    .now = 1795392000};
	struct demo_report rep;
	OK(app_demo_load(&c, &rep, &f->err));
	/* The loader calls it once wired in; otherwise here. */
	struct progress_summary before;
	int64_t tu = 0;
	OK(store_org_find_code(s, "tu", &tu, &f->err));
	struct progress_query q = {.org_id = tu, .from = D(2026, 1, 1), .to = D(2026, 11, 23)};
	OK(app_progress_summary(&c, &q, &before, &f->err));
	if (before.done_on_time + before.done_late + before.in_progress == 0) {
		int n = 0;
		OK(app_demo_progress(&c, &n, &f->err));
		assert_int_equal(n, 8);
	}
	q.with_items = true;
	struct progress_summary sm;
	OK(app_progress_summary(&c, &q, &sm, &f->err));
	assert_int_equal(sm.n_items, 10);
	assert_int_equal(sm.done_late, 1);
	assert_true(sm.done_on_time >= 1);
	assert_true(sm.overdue >= 1);
	assert_true(sm.in_progress >= 2);
	bool evidence = false, late = false, overdue_partial = false;
	for (int i = 0; i < sm.n; i++) {
		const struct progress_item_summary *x = &sm.items[i];
		if (x->item.seq == 2)
			late = x->d.derived == PROGRESS_DONE_LATE;
		if (x->item.seq == 3) {
			overdue_partial =
				x->d.derived == PROGRESS_OVERDUE && x->item.progress_percent == 60;
			struct progress_view v;
			OK(app_progress_get(&c, x->item.id, &v, &f->err));
			evidence = v.n_reports == 1 && v.reports[0].n_files == 1;
		}
	}
	assert_true(late);
	assert_true(overdue_partial);
	assert_true(evidence);
	store_close(s);
	arena_release(&a);
	char cmd[2600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s-wal' '%s-shm' '%s.files'", path, path, path,
		 path);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_derive_table),
		cmocka_unit_test_setup_teardown(test_report, setup, teardown),
		cmocka_unit_test_setup_teardown(test_event, setup, teardown),
		cmocka_unit_test_setup_teardown(test_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fan_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_summary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remind, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
