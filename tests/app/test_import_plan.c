/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Importing a plan document into a small province: the bodies named are
 * matched to orgs whatever the tone placement, case or abbreviation, the
 * nearest of two equal names wins, groups go through the committee they
 * belong to, unmatched names are kept and listed; saving makes a draft with
 * the items, leads, coordinators and deadlines; a refusal — the owner out of
 * the actor's rights, a corrected lead out of scope at the last item, a
 * second plan for the same year — leaves the database as it was. */
#include "core/common.h"
#include "app/import_plan.h"
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

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, office, board, inspection, district, district_board, district2,
		district2_board, cell;
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

static int64_t create(struct fx *f, int64_t parent, const char *name, const char *short_name,
		      const char *kind, int level)
{
	struct org_create in = {.parent_id = parent,
				.name = name,
				.short_name = short_name,
				.kind = kind,
				.level = level,
				.date = D(2015, 1, 1)};
	int64_t id = 0;
	OK(app_org_create(&f->sys, &in, &id, &f->err));
	return id;
}

static void exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

static void person(struct fx *f, int64_t id, const char *name, int64_t org, const char *role)
{
	char sql[600];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO people(id, full_name, created_at, updated_at) VALUES (%lld, '%s', 0,"
		 " 0); INSERT INTO positions(person_id, org_id, role, valid_from)"
		 " VALUES (%lld, %lld, '%s', %d);",
		 (long long)id, name, (long long)id, (long long)org, role, D(2016, 1, 1));
	exec(f, sql);
}

/* Counts and contents of what a save writes. */
static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(db,
				   "SELECT (SELECT count(*) FROM plans) || ',' || (SELECT count(*)"
				   " FROM plan_items) || ',' || (SELECT count(*) FROM"
				   " plan_item_coordinators) || ',' || (SELECT count(*) FROM"
				   " audit_log) || ',' || (SELECT count(*) FROM search_docs)",
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
	snprintf(f->path, sizeof(f->path), "%s/app_import_plan_%d.db", tmp, (int)getpid());
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
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "TU", "committee", 1);
	f->office = create(f, f->province, "Văn phòng Tỉnh ủy", "VPTU", "office", 1);
	f->board = create(f, f->province, "Ban Tổ chức Tỉnh ủy", "BTCTU", "org_board", 1);
	f->inspection =
		create(f, f->province, "Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "inspection", 1);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "HU", "committee", 2);
	f->district_board =
		create(f, f->district, "Ban Tổ chức Huyện ủy Hòa Bình", "BTCHU", "org_board", 2);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "HU", "committee", 2);
	f->district2_board =
		create(f, f->district2, "Ban Tổ chức Huyện ủy Tân Lập", "BTCHU", "org_board", 2);
	f->cell = create(f, f->district2, "Chi bộ thôn Bắc", "CB", "cell", 4);
	person(f, 1, "Lê Văn Một", f->office, "staff");
	person(f, 2, "Trần Văn Hai", f->district, "head");
	person(f, 3, "Hoàng Văn Ba", f->cell, "member");
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

static const char PLAN[] =
	"KẾ HOẠCH\n"
	"công tác xây dựng Đảng năm 2027\n"
	"\n"
	"I. NHIỆM VỤ\n"
	"1. Ban Tổ chức Tỉnh uỷ chủ trì, phối hợp với VĂN PHÒNG TỈNH ỦY và UBKT Tỉnh ủy rà soát "
	"quy hoạch cán bộ (hoàn thành trong Quý II/2027).\n"
	"2. UBKT Tỉnh ủy kiểm tra việc thực hiện quy chế làm việc (trong năm 2027).\n"
	"3. Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch cụ thể, báo cáo trước ngày "
	"15/12/2027.\n"
	"4. Hội Cựu Giáo Chức Sơn Nam vận động hội viên tham gia (thường xuyên).\n";

static const struct import_body *body(const struct import_preview *pv, const char *name)
{
	for (int i = 0; i < pv->n_bodies; i++)
		if (strcmp(pv->bodies[i].name, name) == 0)
			return &pv->bodies[i];
	fail_msg("no body %s", name);
	return NULL;
}

static void test_matching(void **state)
{
	struct fx *f = *state;
	struct import_preview pv;
	OK(app_plan_import_preview(&f->sys, PLAN, strlen(PLAN), f->province, 2027, &pv, &f->err));
	assert_int_equal(pv.n_items, 4);
	assert_string_equal(pv.title, "Kế hoạch công tác xây dựng Đảng năm 2027");
	/* The other tone placement, capitals, an abbreviation. */
	assert_int_equal(body(&pv, "Ban Tổ chức Tỉnh uỷ")->org_id, f->board);
	assert_int_equal(body(&pv, "VĂN PHÒNG TỈNH ỦY")->org_id, f->office);
	assert_int_equal(body(&pv, "UBKT Tỉnh ủy")->org_id, f->inspection);
	assert_int_equal(body(&pv, "UBKT Tỉnh ủy")->uses, 2);
	/* A group through the committee it belongs to. */
	const struct import_body *g = body(&pv, "Các huyện ủy, đảng ủy trực thuộc Tỉnh ủy");
	assert_true(g->group);
	assert_int_equal(g->org_id, f->province);
	assert_true(pv.items[2].lead_group);
	assert_int_equal(pv.items[2].lead_org_id, f->province);
	/* Unmatched: listed, with the orgs nearest the owner to choose from. */
	const struct import_body *u = body(&pv, "Hội Cựu Giáo Chức Sơn Nam");
	assert_int_equal(u->org_id, 0);
	assert_true(u->n_candidates > 0);
	assert_int_equal(u->candidates[0].org_id, f->province);
	assert_int_equal(pv.n_unmatched, 1);
	assert_int_equal(pv.items[3].lead_org_id, 0);
	assert_string_equal(pv.items[3].lead, "Hội Cựu Giáo Chức Sơn Nam");
	/* Deadlines as written and understood. */
	assert_string_equal(pv.items[0].deadline_text, "trong Quý II/2027");
	assert_int_equal(pv.items[0].deadline.end, D(2027, 6, 30));
	assert_int_equal(pv.items[0].line, 5);
	assert_false(pv.was_docx);
}

static void test_nearest_and_prefix(void **state)
{
	struct fx *f = *state;
	struct import_preview pv;
	static const char text[] =
		"KẾ HOẠCH\nnăm 2027\n\n"
		"1. Ban Tổ chức Huyện ủy chủ trì rà soát đảng viên (Quý III/2027).\n"
		"2. Tỉnh ủy chỉ đạo sơ kết (tháng 12/2027).\n";
	OK(app_plan_import_preview(&f->sys, text, strlen(text), f->district, 2027, &pv, &f->err));
	assert_int_equal(body(&pv, "Ban Tổ chức Huyện ủy")->org_id, f->district_board);
	assert_int_equal(body(&pv, "Ban Tổ chức Huyện ủy")->candidates[1].org_id,
			 f->district2_board);
	assert_int_equal(body(&pv, "Tỉnh ủy")->org_id, f->province);
	OK(app_plan_import_preview(&f->sys, text, strlen(text), f->district2, 2027, &pv, &f->err));
	assert_int_equal(body(&pv, "Ban Tổ chức Huyện ủy")->org_id, f->district2_board);
	/* An actor who reads only the Hòa Bình side never gets Tân Lập's. */
	struct actor a;
	struct app_ctx c = as(f, &a, 2);
	OK(app_plan_import_preview(&c, text, strlen(text), f->district, 2027, &pv, &f->err));
	const struct import_body *b = body(&pv, "Ban Tổ chức Huyện ủy");
	assert_int_equal(b->org_id, f->district_board);
	for (int i = 0; i < b->n_candidates; i++)
		assert_int_not_equal(b->candidates[i].org_id, f->district2_board);
}

static void test_refusals_of_preview(void **state)
{
	struct fx *f = *state;
	struct import_preview pv;
	assert_int_equal(
		app_plan_import_preview(&f->sys, "\xff\xfe", 2, f->province, 2027, &pv, &f->err),
		KH_EINVAL);
	assert_int_equal(app_plan_import_preview(&f->sys, "PK\3\4garbage", 11, f->province, 2027,
						 &pv, &f->err),
			 KH_EINVAL);
	assert_int_equal(
		app_plan_import_preview(&f->sys, "Một dòng.", 10, f->province, 2027, &pv, &f->err),
		KH_EINVAL);
	assert_int_equal(
		app_plan_import_preview(&f->sys, PLAN, strlen(PLAN), 0, 2027, &pv, &f->err),
		KH_EINVAL);
	struct actor a;
	struct app_ctx c = as(f, &a, 2);
	assert_int_equal(
		app_plan_import_preview(&c, PLAN, strlen(PLAN), f->district2, 2027, &pv, &f->err),
		KH_EFORBIDDEN);
}

static void test_save(void **state)
{
	struct fx *f = *state;
	struct import_preview pv;
	struct import_saved saved;
	struct plan_view v;
	struct actor a;
	struct app_ctx c = as(f, &a, 1); /* the Văn phòng's staff */
	OK(app_plan_import_preview(&c, PLAN, strlen(PLAN), f->province, 2027, &pv, &f->err));
	pv.items[1].deadline_text = "Quý IV/2027"; /* a correction */
	struct import_save in = {.org_id = f->province, .year = 2027};
	OK(app_plan_import_save(&c, &in, &pv, &saved, &f->err));
	assert_int_equal(saved.n_items, 4);
	assert_int_equal(saved.n_unmatched, 1);
	assert_string_equal(saved.unmatched[0], "Hội Cựu Giáo Chức Sơn Nam");
	OK(app_plan_get(&c, saved.plan.id, &v, &f->err));
	assert_int_equal(v.plan.status, PLAN_DRAFT);
	assert_int_equal(v.plan.owner_org_id, f->province);
	assert_string_equal(v.plan.title, "Kế hoạch công tác xây dựng Đảng năm 2027");
	assert_int_equal(v.n_items, 4);
	assert_string_equal(v.items[0].section, "NHIỆM VỤ");
	assert_int_equal(v.items[0].lead_org_id, f->board);
	assert_string_equal(v.items[0].lead_text, "Ban Tổ chức Tỉnh uỷ");
	assert_string_equal(v.items[0].coordinators, "VĂN PHÒNG TỈNH ỦY, UBKT Tỉnh ủy");
	assert_int_equal(v.items[0].n_coordinator_orgs, 2);
	assert_int_equal(v.items[0].deadline_end, D(2027, 6, 30));
	assert_string_equal(v.items[1].deadline_text, "Quý IV/2027");
	assert_int_equal(v.items[1].deadline_end, D(2027, 12, 31));
	assert_int_equal(v.items[2].lead_org_id, f->province);
	assert_true(v.items[2].lead_group);
	assert_int_equal(v.items[3].lead_org_id, 0);
	assert_string_equal(v.items[3].lead_text, "Hội Cựu Giáo Chức Sơn Nam");
	/* A second plan of the org for that year: refused, nothing written. */
	REFUSED(KH_ECONFLICT, app_plan_import_save(&c, &in, &pv, &saved, &f->err));
}

static void test_refused_saves_write_nothing(void **state)
{
	struct fx *f = *state;
	struct import_preview pv;
	struct import_saved saved;
	struct actor a;
	/* The cell member may read the province but does not draft its plans. */
	struct app_ctx c = as(f, &a, 3);
	OK(app_plan_import_preview(&f->sys, PLAN, strlen(PLAN), f->province, 2028, &pv, &f->err));
	struct import_save in = {.org_id = f->province, .year = 2028};
	REFUSED(KH_EFORBIDDEN, app_plan_import_save(&c, &in, &pv, &saved, &f->err));
	/* The district head saving his plan with the last lead corrected to an
	 * org he may not read: the plan and the first items were written when
	 * the last is refused, and all of it is rolled back. */
	struct actor a2;
	struct app_ctx c2 = as(f, &a2, 2);
	OK(app_plan_import_preview(&c2, PLAN, strlen(PLAN), f->district, 2028, &pv, &f->err));
	pv.items[pv.n_items - 1].lead_org_id = f->cell;
	struct import_save in2 = {.org_id = f->district, .year = 2028};
	int rc;
	char *before = db_state(f);
	rc = app_plan_import_save(&c2, &in2, &pv, &saved, &f->err);
	assert_true(rc == KH_EFORBIDDEN || rc == KH_EINVAL);
	assert_non_null(strstr(f->err.message, "Nội dung I.4"));
	char *after = db_state(f);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* The same without the correction goes through. */
	OK(app_plan_import_preview(&c2, PLAN, strlen(PLAN), f->district, 2028, &pv, &f->err));
	OK(app_plan_import_save(&c2, &in2, &pv, &saved, &f->err));
	assert_int_equal(saved.n_items, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_matching),
		cmocka_unit_test(test_nearest_and_prefix),
		cmocka_unit_test(test_refusals_of_preview),
		cmocka_unit_test(test_save),
		cmocka_unit_test(test_refused_saves_write_nothing),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
