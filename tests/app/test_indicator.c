/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The use cases of indicators on a small province: who defines and who
 * enters figures, validation, locked figures refused, and the roll-up of
 * every rule over the tree — sum, mean, weighted mean, share, manual — with
 * missing children, missing weights, an entered figure beside a derived one,
 * and the derivation texts; the comparisons of the table, the per-child
 * breakdown and the series. Every refused change leaves the database as it
 * was. */
#include "core/common.h"
#include "app/indicator.h"
#include "app/demo.h"
#include "app/demo_indicators.h"
#include "app/org.h"
#include "core/date.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
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
			"SELECT (SELECT count(*) FROM indicators) || ',' || (SELECT count(*) FROM"
			" audit_log) || ',' || coalesce((SELECT group_concat(name || rollup ||"
			" coalesce(weight_indicator_id, '') || year_from || year_to) FROM"
			" indicators), '') || ',' || coalesce((SELECT group_concat(indicator_id"
			" || org_id || period || year || '=' || value || note || locked) FROM"
			" indicator_values), '')",
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
	snprintf(f->path, sizeof(f->path), "%s/app_indicator_%d.db", tmp, (int)getpid());
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
	f->office = create(f, f->province, "Văn phòng Tỉnh ủy", "office", 2);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->cell1 = create(f, f->base, "Chi bộ thôn Đông", "cell", 4);
	f->cell2 = create(f, f->base, "Chi bộ thôn Tây", "cell", 4);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	f->cell3 = create(f, f->district2, "Chi bộ thôn Bắc", "cell", 4);
	person(f, 2, "Trần Văn Hai", f->district, "head");
	person(f, 4, "Phạm Thị Bốn", f->cell1, "head");
	person(f, 5, "Hoàng Văn Năm", f->cell3, "member");
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
				.today = D(2026, 1, 15),
				.now = 1768435200};
}

static int64_t define(struct fx *f, int64_t org, const char *name, const char *rollup,
		      int64_t weight)
{
	struct indicator_input in = {.org_id = org,
				     .name = name,
				     .unit = "%",
				     .rollup = rollup,
				     .weight_indicator_id = weight,
				     .year_from = 2025,
				     .year_to = 2030};
	struct indicator ind;
	OK(app_indicator_create(&f->sys, &in, &ind, &f->err));
	return ind.id;
}

static void put(struct fx *f, int64_t ind, int64_t org, const char *period, int year, double v)
{
	struct indicator_value_input in = {
		.indicator_id = ind, .org_id = org, .period = period, .year = year, .value = v};
	OK(app_indicator_set_values(&f->sys, &in, 1, NULL, &f->err));
}

/* The row of indicator ind in org's table for year. */
static struct indicator_row row(struct fx *f, int64_t org, int year, int64_t ind)
{
	struct indicator_table t;
	OK(app_indicator_table(&f->sys, org, year, &ind, 1, &t, &f->err));
	assert_int_equal(t.n_rows, 1);
	return t.rows[0];
}

static void test_define_and_scope(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx head = as(f, &a, 2); /* head of the district */
	struct indicator_input in = {.org_id = f->district,
				     .name = "Kết nạp đảng viên mới",
				     .unit = "đảng viên",
				     .year_from = 2025,
				     .year_to = 2030};
	struct indicator ind;
	OK(app_indicator_create(&head, &in, &ind, &f->err));
	assert_string_equal(ind.rollup, "sum");
	assert_string_equal(ind.direction, "up");
	assert_int_equal(ind.seq, 1);
	assert_string_equal(ind.org_name, "Huyện ủy Hòa Bình");
	/* Not for the province, not for an outsider. */
	in.org_id = f->province;
	REFUSED(KH_EFORBIDDEN, app_indicator_create(&head, &in, &ind, &f->err));
	struct actor o;
	struct app_ctx out = as(f, &o, 5);
	in.org_id = f->district;
	REFUSED(KH_EFORBIDDEN, app_indicator_create(&out, &in, &ind, &f->err));
	/* Validation names the field. */
	in.name = "  ";
	REFUSED(KH_EINVAL, app_indicator_create(&head, &in, &ind, &f->err));
	assert_string_equal(f->err.field, "name");
	in.name = "Tỷ lệ";
	in.rollup = "share";
	REFUSED(KH_EINVAL, app_indicator_create(&head, &in, &ind, &f->err));
	assert_string_equal(f->err.field, "weight_indicator_id");
	in.rollup = "median";
	REFUSED(KH_EINVAL, app_indicator_create(&head, &in, &ind, &f->err));
	in.rollup = NULL;
	in.year_to = 2020;
	REFUSED(KH_EINVAL, app_indicator_create(&head, &in, &ind, &f->err));
	/* A weight must be visible to the org: a district2 indicator is not. */
	int64_t other = define(f, f->district2, "Số đảng viên", "sum", 0);
	in.year_to = 2030;
	in.rollup = "weighted_mean";
	in.weight_indicator_id = other;
	REFUSED(KH_EINVAL, app_indicator_create(&head, &in, &ind, &f->err));
	/* The list of the cell: the district's indicator, not district2's. */
	struct indicator *list;
	int n;
	struct actor c;
	struct app_ctx cellhead = as(f, &c, 4);
	OK(app_indicator_list(&cellhead, f->cell1, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "Kết nạp đảng viên mới");
	/* The cell's head sees the district's indicator in her table and enters the cell's
	 * figure, but not the other cell's. */
	int64_t id = list[0].id;
	/* The definition alone is read where its org is read. */
	REFUSED(KH_EFORBIDDEN, app_indicator_get(&cellhead, id, &ind, &f->err));
	OK(app_indicator_get(&head, id, &ind, &f->err));
	struct indicator_value_input v = {
		.indicator_id = id, .org_id = f->cell1, .period = "year", .year = 2025, .value = 4};
	OK(app_indicator_set_values(&cellhead, &v, 1, NULL, &f->err));
	v.org_id = f->cell2;
	REFUSED(KH_EFORBIDDEN, app_indicator_set_values(&cellhead, &v, 1, NULL, &f->err));
	/* Out of the indicator's subtree, out of the term, not a number. */
	v.org_id = f->cell3;
	REFUSED(KH_EINVAL, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	v.org_id = f->cell1;
	v.year = 2031;
	REFUSED(KH_EINVAL, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	v.year = 2025;
	v.value = NAN;
	REFUSED(KH_EINVAL, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	v.period = "q3";
	v.value = 1;
	REFUSED(KH_EINVAL, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	/* All or nothing: a good figure before a bad one is not kept. */
	struct indicator_value_input two[2] = {{.indicator_id = id,
						.org_id = f->cell2,
						.period = "year",
						.year = 2025,
						.value = 1},
					       {.indicator_id = id,
						.org_id = f->cell2,
						.period = "year",
						.year = 1800,
						.value = 1}};
	REFUSED(KH_EINVAL, app_indicator_set_values(&f->sys, two, 2, NULL, &f->err));
	/* The outsider cannot read the district's table. */
	struct indicator_table t;
	REFUSED(KH_EFORBIDDEN, app_indicator_table(&out, f->district, 2025, NULL, 0, &t, &f->err));
	/* Update by the head, delete. */
	struct indicator_input up = {.name = "Kết nạp đảng viên", .direction = "exact"};
	OK(app_indicator_update(&head, id, &up, &ind, &f->err));
	assert_string_equal(ind.name, "Kết nạp đảng viên");
	assert_string_equal(ind.direction, "exact");
	assert_string_equal(ind.unit, "đảng viên");
	REFUSED(KH_EFORBIDDEN, app_indicator_delete(&out, id, &f->err));
	OK(app_indicator_delete(&head, id, &f->err));
	REFUSED(KH_ENOTFOUND, app_indicator_get(&f->sys, id, &ind, &f->err));
}

static void test_sum_and_missing(void **state)
{
	struct fx *f = *state;
	int64_t id = define(f, f->province, "Kết nạp đảng viên mới", "sum", 0);
	put(f, id, f->cell1, "year", 2025, 3);
	put(f, id, f->cell2, "year", 2025, 4);
	put(f, id, f->district2, "year", 2025, 5);
	/* The commune: the sum of its two cells. */
	struct indicator_row r = row(f, f->base, 2025, id);
	assert_true(r.actual.has_value);
	assert_true(r.actual.derived);
	assert_true(r.actual.value == 7);
	assert_int_equal(r.actual.n_children, 2);
	assert_int_equal(r.actual.n_contributing, 2);
	assert_string_equal(r.actual.derivation, "Tổng của 2/2 đơn vị");
	/* district2's own figure stands (its cell has none); the province sums
	 * its two districts (the office is no party org). */
	r = row(f, f->district2, 2025, id);
	assert_false(r.actual.derived);
	assert_true(r.actual.value == 5);
	assert_string_equal(r.actual.derivation, "");
	r = row(f, f->province, 2025, id);
	assert_true(r.actual.value == 12);
	assert_string_equal(r.actual.derivation, "Tổng của 2/2 đơn vị");
	/* The first half: one cell only. */
	put(f, id, f->cell1, "h1", 2025, 2);
	r = row(f, f->base, 2025, id);
	assert_true(r.h1.value == 2);
	assert_string_equal(r.h1.derivation, "Tổng của 1/2 đơn vị (thiếu: Chi bộ thôn Tây)");
	r = row(f, f->province, 2025, id);
	assert_string_equal(r.h1.derivation, "Tổng của 1/2 đơn vị (thiếu: Huyện ủy Tân Lập)");
	/* An entered figure of the commune beside the derived one. */
	put(f, id, f->base, "year", 2025, 8);
	r = row(f, f->base, 2025, id);
	assert_true(r.actual.value == 7);
	assert_true(r.actual.has_entered);
	assert_true(r.actual.entered == 8);
	assert_true(r.actual.differs);
	assert_string_equal(r.actual.derivation, "Tổng của 2/2 đơn vị; số tự nhập: 8");
	/* A leaf with nothing: no figure. */
	r = row(f, f->cell3, 2025, id);
	assert_false(r.actual.has_value);
	/* The per-child breakdown. */
	struct indicator_children ch;
	OK(app_indicator_children(&f->sys, f->base, id, 2025, "year", &ch, &f->err));
	assert_int_equal(ch.n_rows, 2);
	assert_string_equal(ch.rows[0].org_name, "Chi bộ thôn Đông");
	assert_true(ch.rows[0].fig.value == 3);
	assert_true(ch.rows[1].fig.value == 4);
	assert_true(ch.total.value == 7);
	OK(app_indicator_children(&f->sys, f->province, id, 2025, "year", &ch, &f->err));
	assert_int_equal(ch.n_rows, 2);
	assert_true(ch.rows[0].fig.value == 7);
	assert_true(ch.rows[1].fig.value == 5);
}

static void test_mean_weighted_share_manual(void **state)
{
	struct fx *f = *state;
	int64_t mean = define(f, f->province, "Điểm bình quân", "mean", 0);
	put(f, mean, f->cell1, "year", 2025, 80);
	put(f, mean, f->cell2, "year", 2025, 90);
	put(f, mean, f->cell3, "year", 2025, 60);
	struct indicator_row r = row(f, f->base, 2025, mean);
	assert_true(r.actual.value == 85);
	assert_string_equal(r.actual.derivation, "Bình quân của 2/2 đơn vị");
	/* The province: the mean of its districts' figures (85 and 60). */
	r = row(f, f->province, 2025, mean);
	assert_true(r.actual.value == 72.5);

	int64_t members = define(f, f->province, "Số đảng viên", "sum", 0);
	put(f, members, f->cell1, "year", 2025, 10);
	put(f, members, f->cell2, "year", 2025, 30);
	int64_t share =
		define(f, f->province, "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ", "share", members);
	put(f, share, f->cell1, "year", 2025, 50);
	put(f, share, f->cell2, "year", 2025, 100);
	put(f, share, f->cell3, "year", 2025, 60); /* no denominator */
	r = row(f, f->base, 2025, share);
	assert_true(r.actual.value == 87.5);
	assert_string_equal(r.actual.derivation, "Tỷ lệ chung 35/40 của 2/2 đơn vị");
	r = row(f, f->province, 2025, share);
	assert_true(r.actual.value == 87.5);
	assert_string_equal(r.actual.derivation,
			    "Tỷ lệ chung 35/40 của 1/2 đơn vị (thiếu: Huyện ủy Tân Lập)");
	r = row(f, f->district2, 2025, share);
	assert_false(r.actual.has_value); /* its cell has no denominator */
	put(f, members, f->district2, "year", 2025, 20);
	r = row(f, f->district2, 2025, share);
	assert_false(r.actual.has_value);
	put(f, share, f->district2, "year", 2025, 70); /* entered: stands */
	r = row(f, f->district2, 2025, share);
	assert_true(r.actual.value == 70);
	assert_false(r.actual.derived);
	r = row(f, f->province, 2025, share);
	assert_true(fabs(r.actual.value - (35.0 + 14) / 60 * 100) < 1e-9);
	assert_string_equal(r.actual.derivation, "Tỷ lệ chung 49/60 của 2/2 đơn vị");

	int64_t wm = define(f, f->province, "Thu nhập bình quân", "weighted_mean", members);
	put(f, wm, f->cell1, "year", 2025, 4);
	put(f, wm, f->cell2, "year", 2025, 8);
	r = row(f, f->base, 2025, wm);
	assert_true(r.actual.value == 7); /* (4×10 + 8×30) / 40 */
	assert_non_null(strstr(r.actual.derivation, "trọng số: Số đảng viên"));
	/* A zero total weight derives nothing. */
	put(f, members, f->cell1, "h1", 2025, 0);
	put(f, wm, f->cell1, "h1", 2025, 3);
	r = row(f, f->base, 2025, wm);
	assert_false(r.h1.has_value);
	assert_non_null(strstr(r.h1.derivation, "bằng 0"));

	int64_t manual = define(f, f->province, "Xếp loại", "manual", 0);
	put(f, manual, f->cell1, "year", 2025, 1);
	r = row(f, f->base, 2025, manual);
	assert_false(r.actual.has_value);
	put(f, manual, f->base, "year", 2025, 9);
	r = row(f, f->base, 2025, manual);
	assert_true(r.actual.value == 9);
	assert_false(r.actual.derived);
	assert_false(r.actual.differs);
}

static void test_compare_and_series(void **state)
{
	struct fx *f = *state;
	int64_t id = define(f, f->province, "Kết nạp đảng viên mới", "sum", 0);
	put(f, id, f->base, "baseline", 2020, 5);
	put(f, id, f->base, "target", 0, 60);
	put(f, id, f->base, "target", 2025, 10);
	put(f, id, f->cell1, "year", 2025, 3);
	put(f, id, f->cell2, "year", 2025, 4);
	struct indicator_row r = row(f, f->base, 2025, id);
	assert_true(r.baseline.value == 5);
	assert_int_equal(r.baseline.year, 2020);
	assert_true(r.term_target.value == 60);
	assert_true(r.cmp.has_target);
	assert_true(fabs(r.cmp.pct_of_target - 70) < 1e-9);
	assert_int_equal(r.cmp.verdict, -1);
	assert_string_equal(r.cmp.verdict_label, "Không đạt");
	assert_true(r.cmp.vs_baseline == 2);
	assert_true(fabs(r.cmp.vs_baseline_pct - 40) < 1e-9);
	assert_string_equal(r.cmp.actual_period, "year");
	/* No target for 2026: the term's; the estimate stands for the year. */
	put(f, id, f->base, "estimate", 2026, 61);
	r = row(f, f->base, 2026, id);
	assert_string_equal(r.cmp.actual_period, "estimate");
	assert_int_equal(r.cmp.verdict, 1);
	/* Fewer is better. */
	struct indicator_input up = {.direction = "down"};
	struct indicator ind;
	OK(app_indicator_update(&f->sys, id, &up, &ind, &f->err));
	r = row(f, f->base, 2025, id);
	assert_int_equal(r.cmp.verdict, 1);
	/* A target of the org's own stands; its children's total beside it. */
	put(f, id, f->district, "target", 2025, 30);
	r = row(f, f->district, 2025, id);
	assert_true(r.year_target.value == 30);
	assert_false(r.year_target.derived);
	assert_true(r.year_target.has_derived);
	assert_true(r.year_target.derived_value == 10);
	assert_true(r.year_target.differs);
	assert_string_equal(r.year_target.derivation,
			    "Số tự nhập; tổng hợp: 10 — Tổng của 1/1 đơn vị");
	/* The province derives the baseline with its year. */
	r = row(f, f->district, 2025, id);
	assert_true(r.baseline.derived);
	assert_int_equal(r.baseline.year, 2020);

	struct indicator_series s;
	OK(app_indicator_series(&f->sys, f->base, id, &s, &f->err));
	assert_int_equal(s.n_points, 6);
	assert_int_equal(s.points[0].year, 2025);
	assert_true(s.points[0].target.value == 10);
	assert_true(s.points[0].actual.value == 7);
	assert_string_equal(s.points[1].actual_period, "estimate");
	assert_false(s.points[2].actual.has_value);
	assert_true(s.term_target.value == 60);

	/* JSON carries the derivation. */
	struct indicator_table t;
	OK(app_indicator_table(&f->sys, f->base, 2025, NULL, 0, &t, &f->err));
	json_t *j = app_indicator_table_json(&t);
	char *txt = json_dumps(j, 0);
	assert_non_null(strstr(txt, "Tổng của 2/2 đơn vị"));
	free(txt);
	json_decref(j);
}

static void test_locked(void **state)
{
	struct fx *f = *state;
	int64_t id = define(f, f->province, "Kết nạp đảng viên mới", "sum", 0);
	put(f, id, f->cell1, "year", 2025, 3);
	exec(f, "UPDATE indicator_values SET locked = 1");
	struct indicator_value_input v = {
		.indicator_id = id, .org_id = f->cell1, .period = "year", .year = 2025, .value = 4};
	REFUSED(KH_ECONFLICT, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	assert_non_null(strstr(f->err.message, "đã được chấp nhận trong báo cáo"));
	assert_non_null(strstr(f->err.message, "Chi bộ thôn Đông"));
	v.clear = true;
	REFUSED(KH_ECONFLICT, app_indicator_set_values(&f->sys, &v, 1, NULL, &f->err));
	REFUSED(KH_ECONFLICT, app_indicator_delete(&f->sys, id, &f->err));
	struct indicator_row r = row(f, f->cell1, 2025, id);
	assert_true(r.actual.locked);
	/* Other figures stay open; unchanged ones are skipped. */
	int changed = -1;
	v = (struct indicator_value_input){
		.indicator_id = id, .org_id = f->cell1, .period = "h1", .year = 2025, .value = 1};
	OK(app_indicator_set_values(&f->sys, &v, 1, &changed, &f->err));
	assert_int_equal(changed, 1);
	OK(app_indicator_set_values(&f->sys, &v, 1, &changed, &f->err));
	assert_int_equal(changed, 0);
	exec(f, "UPDATE indicator_values SET locked = 0");
	v.period = "year";
	v.clear = true;
	OK(app_indicator_set_values(&f->sys, &v, 1, &changed, &f->err));
	assert_int_equal(changed, 1);
}

/* The demo's indicators on the demo province: the province's new members
 * sum its five committees (Lạc Điền's from its communes, one missing,
 * beside its own entered figure); the first half of 2026 misses one. */
static void test_demo(void **state)
{
	struct fx *f = *state;
	char path[600];
	struct store *s;
	struct arena a;
	struct actor sys;
	struct demo_report rep;
	snprintf(path, sizeof(path), "%s.demo", f->path);
	unlink(path);
	OK(store_open(path, &s, &f->err));
	OK(store_migrate(s, NULL, &f->err));
	arena_init(&a, 65536);
	app_actor_system(&sys);
	struct app_ctx c = {.store = s, .arena = &a, .actor = &sys};
	app_ctx_clock(&c);
	c.today = D(2026, 9, 1);
	OK(app_demo_load(&c, &rep, &f->err));
	struct org_ref {
		int64_t id;
	} tu = {0};
	struct indicator_table t;
	/* The province is the root's first committee child: find it by the
	 * indicators' org once they exist. */
	int n = 0;
	OK(store_begin(s, true, &f->err));
	struct indicator *list = NULL;
	int64_t ids[1];
	{
		sqlite3 *db;
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_prepare_v2(db,
						    "SELECT id FROM orgs o WHERE EXISTS (SELECT 1"
						    " FROM org_versions v WHERE v.org_id = o.id AND"
						    " v.name = 'Tỉnh ủy Sơn Nam')",
						    -1, &st, NULL),
				 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		tu.id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		sqlite3_close(db);
	}
	OK(app_indicator_list(&c, tu.id, &list, &n, &f->err));
	if (n == 0)
		OK(app_demo_indicators(&c, &n, &f->err));
	OK(store_commit(s, &f->err));
	assert_int_equal(n, 8);
	OK(app_indicator_table(&c, tu.id, 2025, NULL, 0, &t, &f->err));
	assert_int_equal(t.n_rows, 8);
	assert_string_equal(t.rows[0].ind.name, "Kết nạp đảng viên mới");
	/* 85 + 40 + 62 + (5 + 4 + 6 + 3 + 4) + 27 + 31 + 18 + 12 */
	assert_true(t.rows[0].actual.value == 297);
	assert_string_equal(t.rows[0].actual.derivation,
			    "Tổng của 8/9 đơn vị (thiếu: Đảng bộ xã Sơn Hà)");
	assert_int_equal(t.rows[0].cmp.verdict, -1); /* 297 of 300 */
	assert_true(t.rows[7].actual.value == 25);   /* PAR: entered by hand */
	assert_false(t.rows[7].actual.derived);
	ids[0] = t.rows[0].ind.id;
	OK(app_indicator_table(&c, tu.id, 2026, ids, 1, &t, &f->err));
	assert_non_null(strstr(t.rows[0].h1.derivation, "8/9"));
	assert_non_null(strstr(t.rows[0].h1.derivation, "Đảng bộ xã Tân Phong"));
	struct indicator_children ch;
	OK(app_indicator_children(&c, tu.id, ids[0], 2025, "year", &ch, &f->err));
	assert_int_equal(ch.n_rows, 9);
	bool differs = false;
	for (int i = 0; i < ch.n_rows; i++)
		differs = differs || ch.rows[i].fig.differs;
	assert_true(differs); /* Lạc Điền: 22 from its cells, 24 entered */
	store_close(s);
	arena_release(&a);
	unlink(path);
}

static void test_format(void **state)
{
	(void)state;
	char b[40];
	indicator_format_number(1234.5, b);
	assert_string_equal(b, "1.234,5");
	indicator_format_number(87.5, b);
	assert_string_equal(b, "87,5");
	indicator_format_number(1000000, b);
	assert_string_equal(b, "1.000.000");
	indicator_format_number(-0.001, b);
	assert_string_equal(b, "0");
	indicator_format_number(-12.345, b);
	assert_string_equal(b, "-12,35");
	indicator_format_number(66.6666, b);
	assert_string_equal(b, "66,67");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_define_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sum_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mean_weighted_share_manual, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_and_series, setup, teardown),
		cmocka_unit_test_setup_teardown(test_locked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo, setup, teardown),
		cmocka_unit_test(test_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
