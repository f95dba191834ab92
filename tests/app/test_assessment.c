/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The year-end self-assessment of a plan: ratings pre-filled from the
 * items' progress, saving and submitting by the owner side, the refusals
 * (unknown plan, not readable, not the owner, a bad rating, an item of
 * another plan, a draft plan, a submitted assessment) that leave the
 * database as it was, carrying the remedies into next year's plan (and the
 * refusal when that plan is missing or no longer editable), the remedies
 * not carried (a deleted carried item counts as not carried), and the
 * carry-over of remedies when next year's plan is created from the old. */
#include "core/common.h"
#include "app/assessment.h"
#include "app/demo.h"
#include "app/demo_assessment.h"
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
	int64_t province, district, other;
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
			"SELECT (SELECT count(*) FROM audit_log) || ',' || (SELECT count(*) FROM"
			" plan_items) || ',' || coalesce((SELECT group_concat(status || summary ||"
			" shortcomings || causes) FROM assessments), '') || ',' || coalesce((SELECT"
			" group_concat(item_id || rating || note) FROM assessment_items), '') || ','"
			" || coalesce((SELECT group_concat(text || coalesce(carried_item_id, '-'))"
			" FROM assessment_remedies), '')",
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
		kh_error_clear(&f->err);                                                        \
		int rc_ = (call);                                                               \
		if (rc_ != (code))                                                              \
			fail_msg("%s -> %d (want %d): %s", #call, rc_, (code), f->err.message); \
		assert_true(f->err.message[0] != '\0');                                         \
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
	snprintf(f->path, sizeof(f->path), "%s/app_assessment_%d.db", tmp, (int)getpid());
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
				  .today = D(2026, 12, 20),
				  .now = 1797724800};
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->other = create(f, 0, "Tỉnh ủy Bắc Hà", "committee", 1);
	person(f, 9, "Lý Văn Chín", f->province, "head");
	person(f, 2, "Trần Văn Hai", f->district, "head");
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
				.today = D(2026, 12, 20),
				.now = 1797724800};
}

static int64_t item(struct fx *f, struct app_ctx *c, int64_t plan, const char *text)
{
	struct plan_item_input in = {.text = text, .deadline_text = "trong năm 2026"};
	struct plan_item it;
	OK(app_plan_item_create(c, plan, &in, &it, &f->err));
	return it.id;
}

static void report(struct fx *f, struct app_ctx *c, int64_t item_id, const char *state)
{
	struct progress_input in = {.state = state, .percent = 50, .day = D(2026, 12, 1)};
	struct progress_report out;
	OK(app_progress_report(c, item_id, &in, &out, &f->err));
}

static int64_t year_plan(struct fx *f, struct app_ctx *c, int64_t org, int year, bool carry)
{
	struct plan_input in = {
		.owner_org_id = org, .scope = "year", .year_from = year, .carry_over = carry};
	struct plan p;
	OK(app_plan_create(c, &in, &p, &f->err));
	return p.id;
}

static void test_assess_and_carry(void **state)
{
	struct fx *f = *state;
	struct actor a9, a2, a10;
	struct app_ctx owner = as(f, &a9, 9), lower = as(f, &a2, 2), outsider = as(f, &a10, 10);
	struct assessment_view v;

	int64_t plan = year_plan(f, &owner, f->province, 2026, false);
	int64_t i1 = item(f, &owner, plan, "Tổ chức hội nghị sơ kết");
	int64_t i2 = item(f, &owner, plan, "Kiện toàn tổ chức bộ máy");
	int64_t i3 = item(f, &owner, plan, "Ban hành quy định thực hiện");

	/* A draft plan is not assessed yet. */
	struct assessment_rating_input r1 = {i1, "done", "Đã tổ chức"};
	struct assessment_input in = {.ratings = &r1, .n_ratings = 1};
	REFUSED(KH_ECONFLICT, app_assessment_save(&owner, plan, &in, &f->err));

	OK(app_plan_approve(&owner, plan, NULL, &f->err));
	report(f, &owner, i1, "done");
	report(f, &owner, i2, "in_progress");

	/* Pre-filled from the progress. */
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_int_equal(v.id, 0);
	assert_true(v.can_edit);
	assert_int_equal(v.n_items, 3);
	assert_string_equal(v.items[0].rating, "done");
	assert_string_equal(v.items[1].rating, "partly");
	assert_string_equal(v.items[2].rating, "not_done");
	assert_int_equal(v.n_done, 1);
	assert_int_equal(v.n_partly, 1);
	assert_int_equal(v.n_not_done, 1);
	assert_int_equal(v.next_plan_id, 0);
	assert_int_equal(v.next_year, 2027);

	/* Refusals. */
	REFUSED(KH_ENOTFOUND, app_assessment_get(&owner, 9999, &v, &f->err));
	REFUSED(KH_EFORBIDDEN, app_assessment_get(&outsider, plan, &v, &f->err));
	REFUSED(KH_EFORBIDDEN, app_assessment_save(&outsider, plan, &in, &f->err));
	OK(app_assessment_get(&lower, plan, &v, &f->err)); /* reads the issued upper plan */
	assert_false(v.can_edit);
	REFUSED(KH_EFORBIDDEN, app_assessment_save(&lower, plan, &in, &f->err));
	struct assessment_rating_input bad = {i1, "excellent", ""};
	struct assessment_input bin = {.ratings = &bad, .n_ratings = 1};
	REFUSED(KH_EINVAL, app_assessment_save(&owner, plan, &bin, &f->err));
	struct assessment_rating_input foreign = {99999, "done", ""};
	bin.ratings = &foreign;
	REFUSED(KH_EINVAL, app_assessment_save(&owner, plan, &bin, &f->err));

	/* Save a draft: one rating changed, texts, remedies (blank ones dropped). */
	const char *remedies[] = {"Tăng cường kiểm tra, giám sát", "  ",
				  "Phân công rõ người, rõ việc"};
	struct assessment_rating_input r3 = {i3, "partly", "Đã có dự thảo"};
	struct assessment_input save = {.summary = "Cơ bản hoàn thành",
					.shortcomings = "Một số nội dung còn chậm",
					.causes = "Chưa sát sao trong chỉ đạo",
					.ratings = &r3,
					.n_ratings = 1,
					.remedies = remedies,
					.n_remedies = 3,
					.set_remedies = true};
	OK(app_assessment_save(&owner, plan, &save, &f->err));
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_true(v.id > 0);
	assert_string_equal(v.status, "draft");
	assert_string_equal(v.causes, "Chưa sát sao trong chỉ đạo");
	assert_string_equal(v.items[2].rating, "partly");
	assert_string_equal(v.items[2].note, "Đã có dự thảo");
	assert_true(v.items[0].stored);
	assert_int_equal(v.n_partly, 2);
	assert_int_equal(v.n_remedies, 2);
	assert_string_equal(v.remedies[1].text, "Phân công rõ người, rõ việc");
	assert_int_equal(v.n_not_carried, 2);

	/* Carrying before submitting is refused. */
	REFUSED(KH_ECONFLICT, app_assessment_carry(&owner, plan, NULL, &f->err));

	OK(app_assessment_submit(&owner, plan, NULL, &f->err));
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_string_equal(v.status, "submitted");
	assert_false(v.can_edit);
	assert_true(v.submitted_at > 0);
	REFUSED(KH_ECONFLICT, app_assessment_save(&owner, plan, &save, &f->err));
	REFUSED(KH_ECONFLICT, app_assessment_submit(&owner, plan, NULL, &f->err));

	/* No plan for 2027 yet. */
	REFUSED(KH_ECONFLICT, app_assessment_carry(&owner, plan, NULL, &f->err));
	REFUSED(KH_EFORBIDDEN, app_assessment_carry(&lower, plan, NULL, &f->err));

	int64_t next = year_plan(f, &owner, f->province, 2027, false);
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_int_equal(v.next_plan_id, next);
	assert_true(v.can_carry);
	int n = -1;
	OK(app_assessment_carry(&owner, plan, &n, &f->err));
	assert_int_equal(n, 2);
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_int_equal(v.n_not_carried, 0);
	assert_false(v.can_carry);
	assert_int_equal(v.remedies[0].carried_plan_id, next);
	struct plan_item carried;
	struct plan_rights rights;
	OK(app_plan_item_get(&owner, v.remedies[0].carried_item_id, &carried, &rights, &f->err));
	assert_string_equal(carried.text, "Tăng cường kiểm tra, giám sát");
	assert_int_equal(carried.plan_id, next);
	/* Again: nothing left to carry. */
	OK(app_assessment_carry(&owner, plan, &n, &f->err));
	assert_int_equal(n, 0);

	struct assessment_remedy *m;
	int64_t from;
	int nm;
	OK(app_assessment_not_carried_into(&owner, next, &m, &nm, &from, &f->err));
	assert_int_equal(from, plan);
	assert_int_equal(nm, 0);

	/* The carried item deleted: the remedy counts as not carried. */
	OK(app_plan_item_delete(&owner, v.remedies[1].carried_item_id, &f->err));
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_int_equal(v.n_not_carried, 1);
	assert_int_equal(v.remedies[1].carried_item_id, 0);
	OK(app_assessment_not_carried_into(&owner, next, &m, &nm, &from, &f->err));
	assert_int_equal(nm, 1);
	assert_string_equal(m[0].text, "Phân công rõ người, rõ việc");

	/* Next year's plan approved: no longer editable, a clear refusal. */
	OK(app_plan_approve(&owner, next, NULL, &f->err));
	REFUSED(KH_ECONFLICT, app_assessment_carry(&owner, plan, NULL, &f->err));
	assert_non_null(strstr(f->err.message, "kế hoạch năm 2027"));
}

static void test_carry_over_on_create(void **state)
{
	struct fx *f = *state;
	struct actor a2;
	struct app_ctx owner = as(f, &a2, 2);
	struct assessment_view v;
	int64_t plan = year_plan(f, &owner, f->district, 2026, false);
	item(f, &owner, plan, "Sơ kết nghị quyết");
	OK(app_plan_approve(&owner, plan, NULL, &f->err));
	const char *remedies[] = {"Nâng cao chất lượng sinh hoạt chi bộ"};
	struct assessment_input in = {.remedies = remedies, .n_remedies = 1, .set_remedies = true};
	OK(app_assessment_submit(&owner, plan, &in, &f->err));

	int64_t next = year_plan(f, &owner, f->district, 2027, true);
	OK(app_assessment_get(&owner, plan, &v, &f->err));
	assert_int_equal(v.n_remedies, 1);
	assert_int_equal(v.n_not_carried, 0);
	assert_int_equal(v.remedies[0].carried_plan_id, next);
	struct plan_view pv;
	OK(app_plan_get(&owner, next, &pv, &f->err));
	bool found = false;
	for (int i = 0; i < pv.n_items; i++)
		found = found ||
			strcmp(pv.items[i].text, "Nâng cao chất lượng sinh hoạt chi bộ") == 0;
	assert_true(found);
}

/* The demo's draft assessment: made in December, not before. */
static void test_demo(void **state)
{
	(void)state;
	char path[600];
	const char *tmp = getenv("KH_TEST_TMP");
	snprintf(path, sizeof(path), "%s/app_assessment_demo_%d.db", tmp ? tmp : "/tmp",
		 (int)getpid());
	unlink(path);
	struct store *s;
	struct arena a;
	struct actor sys;
	struct kh_error err;
	struct demo_report rep;
	struct assessment_view v;
	assert_int_equal(store_open(path, &s, &err), 0);
	assert_int_equal(store_migrate(s, NULL, &err), 0);
	arena_init(&a, 8192);
	app_actor_system(&sys);
	struct app_ctx c = {.store = s,
			    .arena = &a,
			    .actor = &sys,
			    .today = D(2026, 12, 15),
			    .now = 1797292800};
	if (app_demo_load(&c, &rep, &err))
		fail_msg("demo: %s", err.message);
	int n = -1;
	c.today = D(2026, 11, 30);
	assert_int_equal(app_demo_assessment(&c, &n, &err), 0);
	assert_int_equal(n, 0);
	c.today = D(2026, 12, 15);
	if (app_demo_assessment(&c, &n, &err))
		fail_msg("demo assessment: %s", err.message);
	assert_int_equal(n, 1);
	struct plan_query q = {.status = "approved", .year = 2026, .q = "Vân Hà"};
	struct plan_page pg;
	assert_int_equal(app_plan_list(&c, &q, &pg, &err), 0);
	int64_t plan = 0;
	for (int i = 0; i < pg.n; i++)
		if (pg.items[i].owner_person_id)
			plan = pg.items[i].id;
	assert_true(plan > 0);
	assert_int_equal(app_assessment_get(&c, plan, &v, &err), 0);
	assert_string_equal(v.status, "draft");
	assert_int_equal(v.n_remedies, 2);
	assert_int_equal(v.n_not_carried, 2);
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
		cmocka_unit_test_setup_teardown(test_assess_and_carry, setup, teardown),
		cmocka_unit_test_setup_teardown(test_carry_over_on_create, setup, teardown),
		cmocka_unit_test(test_demo),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
