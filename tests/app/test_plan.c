/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The use cases of plans on a small province: creating collective and
 * individual plans (the head rule, one plan per owner, "my own"), who reads,
 * edits, comments and decides, items with their dense order and parsed
 * deadline, the life draft → comment → approved → adjusting → approved with
 * frozen versions and their diff, the recipients of both kinds of plan, the
 * cascade from an upper plan and its status, the carry-over into a new year,
 * the scoped list and inbox, and search. Every refused change leaves the
 * database as it was. */
#include "core/common.h"
#include "app/plan.h"
#include "app/org.h"
#include "app/search.h"
#include "core/date.h"
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
#include <unistd.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, office, agency, district, base, cell1, cell2, district2, cell3;
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

static void exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *msg = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* A person (with member and managing orgs) holding a position. */
static void person(struct fx *f, int64_t id, const char *name, int64_t member, int64_t managing,
		   int64_t org, const char *role)
{
	char sql[600];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO people(id, full_name, member_org_id, managing_org_id, created_at,"
		 " updated_at) VALUES (%lld, '%s', nullif(%lld, 0), nullif(%lld, 0), 0, 0);"
		 "INSERT INTO positions(person_id, org_id, role, valid_from)"
		 " VALUES (%lld, %lld, '%s', %d);",
		 (long long)id, name, (long long)member, (long long)managing, (long long)id,
		 (long long)org, role, D(2016, 1, 1));
	exec(f, sql);
}

/* Counts of every table a plan use case writes: equal before and after a
 * refused call. */
static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(
		sqlite3_prepare_v2(
			db,
			"SELECT (SELECT count(*) FROM plans) || ',' || (SELECT count(*) FROM"
			" plan_items) || ',' || (SELECT count(*) FROM plan_versions) || ',' ||"
			" (SELECT count(*) FROM plan_recipients) || ',' || (SELECT count(*) FROM"
			" audit_log) || ',' || coalesce((SELECT group_concat(status || version ||"
			" adjust_reason)"
			" FROM plans), '') || ',' || coalesce((SELECT group_concat(seq || text)"
			" FROM plan_items), '')",
			-1, &st, NULL),
		SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *r = xcalloc(1, (size_t)sqlite3_column_bytes(st, 0) + 1);
	memcpy(r, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

/* Runs a call that must fail with code, and checks nothing changed. */
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
	snprintf(f->path, sizeof(f->path), "%s/app_plan_%d.db", tmp, (int)getpid());
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
	f->agency = create(f, f->province, "Sở Tư pháp", "state", 2);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->cell1 = create(f, f->base, "Chi bộ thôn Đông", "cell", 4);
	f->cell2 = create(f, f->base, "Chi bộ thôn Tây", "cell", 4);
	f->district2 = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	f->cell3 = create(f, f->district2, "Chi bộ thôn Bắc", "cell", 4);
	person(f, 1, "Lê Văn Một", 0, 0, f->office, "staff");
	person(f, 2, "Trần Văn Hai", 0, 0, f->district, "head");
	person(f, 3, "Nguyễn Văn Ba", f->cell1, f->province, f->agency, "head");
	person(f, 4, "Phạm Thị Bốn", f->cell1, 0, f->cell1, "head");
	person(f, 5, "Hoàng Văn Năm", f->cell3, 0, f->cell3, "member");
	person(f, 6, "Đỗ Văn Sáu", f->cell1, 0, f->cell1, "member");
	person(f, 7, "Vũ Văn Bảy", 0, 0, f->base, "head");
	person(f, 8, "Bùi Văn Tám", 0, 0, f->district2, "head");
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

/* A context for a user linked to person (0 = no person). */
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

static struct app_ctx as_admin(struct fx *f, struct actor *a)
{
	struct app_ctx c = as(f, a, 0);
	a->is_admin = true;
	return c;
}

static int64_t new_plan(struct fx *f, struct app_ctx *c, int64_t org, const char *scope, int from,
			int to)
{
	struct plan_input in = {
		.owner_org_id = org, .scope = scope, .year_from = from, .year_to = to};
	struct plan p;
	OK(app_plan_create(c, &in, &p, &f->err));
	return p.id;
}

static int64_t add_item(struct fx *f, struct app_ctx *c, int64_t plan, const char *text,
			const char *deadline)
{
	struct plan_item_input in = {.text = text, .deadline_text = deadline};
	struct plan_item it;
	OK(app_plan_item_create(c, plan, &in, &it, &f->err));
	return it.id;
}

static void test_create(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 2);
	struct plan_input in = {.owner_org_id = f->district, .scope = "year", .year_from = 2026};
	struct plan p;
	OK(app_plan_create(&c, &in, &p, &f->err));
	assert_string_equal(p.title, "Kế hoạch hành động năm 2026 của Huyện ủy Hòa Bình");
	assert_int_equal(p.year_to, 2026);
	assert_int_equal(p.status, PLAN_DRAFT);
	assert_int_equal(p.form, 1);
	/* One plan per owner and period. */
	REFUSED(KH_ECONFLICT, app_plan_create(&c, &in, &p, &f->err));
	assert_non_null(strstr(f->err.message, "hãy bổ sung vào kế hoạch đó"));
	/* An outsider cannot make the district's plan. */
	struct actor o;
	struct app_ctx oc = as(f, &o, 5);
	in.year_from = 2027;
	REFUSED(KH_EFORBIDDEN, app_plan_create(&oc, &in, &p, &f->err));
	/* A term plan gets its own title. */
	struct plan_input term = {
		.owner_org_id = f->district, .scope = "term", .year_from = 2025, .year_to = 2030};
	OK(app_plan_create(&c, &term, &p, &f->err));
	assert_string_equal(p.title, "Kế hoạch hành động nhiệm kỳ 2025–2030 của Huyện ủy Hòa Bình");
	term.year_to = 2024;
	REFUSED(KH_EINVAL, app_plan_create(&c, &term, &p, &f->err));

	/* "My own": the head of the agency. */
	struct actor h;
	struct app_ctx hc = as(f, &h, 3);
	struct plan_input mine = {.scope = "year", .year_from = 2026};
	OK(app_plan_create(&hc, &mine, &p, &f->err));
	assert_int_equal(p.owner_person_id, 3);
	assert_int_equal(p.owner_org_id, 0);
	assert_string_equal(p.title, "Kế hoạch hành động năm 2026 của Nguyễn Văn Ba");
	REFUSED(KH_ECONFLICT, app_plan_create(&hc, &mine, &p, &f->err));
	assert_non_null(strstr(f->err.message, "Đồng chí đã có kế hoạch"));
	/* Not a head: no individual plan. */
	struct actor m;
	struct app_ctx mc = as(f, &m, 6);
	REFUSED(KH_EINVAL, app_plan_create(&mc, &mine, &p, &f->err));
	assert_string_equal(f->err.message,
			    "Chỉ người đứng đầu mới xây dựng kế hoạch hành động cá nhân");
	/* An account with no person has no "own" plan. */
	struct actor n;
	struct app_ctx nc = as(f, &n, 0);
	REFUSED(KH_EINVAL, app_plan_create(&nc, &mine, &p, &f->err));
	/* Someone else's individual plan is not made for them. */
	mine.owner_person_id = 4;
	REFUSED(KH_EFORBIDDEN, app_plan_create(&hc, &mine, &p, &f->err));
}

static void test_items(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 2);
	int64_t plan = new_plan(f, &c, f->district, "year", 2031, 0);
	int64_t i1 = add_item(f, &c, plan, "Một", "Quý II/2031");
	int64_t i2 = add_item(f, &c, plan, "Hai", "trong năm");
	struct plan_item_input first = {.text = "Không", .after_seq = -1};
	struct plan_item it;
	OK(app_plan_item_create(&c, plan, &first, &it, &f->err));
	assert_int_equal(it.seq, 1);
	struct plan_view v;
	OK(app_plan_get(&c, plan, &v, &f->err));
	assert_int_equal(v.n_items, 3);
	assert_string_equal(v.items[0].text, "Không");
	assert_int_equal(v.items[1].id, i1);
	assert_int_equal(v.items[1].seq, 2);
	assert_int_equal(v.items[1].deadline_kind, DEADLINE_WINDOW);
	assert_int_equal(v.items[1].deadline_start, D(2031, 4, 1));
	assert_int_equal(v.items[1].deadline_end, D(2031, 6, 30));
	/* "trong năm" resolves against the plan's year. */
	assert_int_equal(v.items[2].deadline_end, D(2031, 12, 31));
	assert_true(v.rights.edit && v.rights.own && v.rights.read);
	json_t *j = app_plan_json(&v.plan, v.items, v.n_items);
	assert_int_equal(json_array_size(json_object_get(j, "items")), 3);
	json_t *dl = json_object_get(json_array_get(json_object_get(j, "items"), 1), "deadline");
	assert_string_equal(json_string_value(json_object_get(dl, "kind")), "window");
	assert_string_equal(json_string_value(json_object_get(dl, "start")), "2031-04-01");
	assert_string_equal(json_string_value(json_object_get(dl, "as_written")), "Quý II/2031");
	json_decref(j);

	/* Move and delete keep 1..n. */
	OK(app_plan_item_move(&c, it.id, 3, &f->err));
	REFUSED(KH_EINVAL, app_plan_item_move(&c, it.id, 4, &f->err));
	OK(app_plan_get(&c, plan, &v, &f->err));
	assert_int_equal(v.items[0].id, i1);
	assert_int_equal(v.items[2].id, it.id);
	OK(app_plan_item_delete(&c, i1, &f->err));
	OK(app_plan_get(&c, plan, &v, &f->err));
	assert_int_equal(v.n_items, 2);
	assert_int_equal(v.items[0].id, i2);
	assert_int_equal(v.items[0].seq, 1);
	assert_int_equal(v.items[1].seq, 2);

	/* Update: an explicit deadline overrides the parse; lead and coordinators. */
	struct plan_item_input up = {.deadline_text = "khi có hướng dẫn",
				     .deadline_kind = "date",
				     .deadline_end = D(2031, 9, 30),
				     .set_lead = true,
				     .lead_org_id = f->base,
				     .set_coordinator_orgs = true,
				     .coordinator_org_ids =
					     (int64_t[]){f->cell1, f->cell1, f->cell2},
				     .n_coordinator_orgs = 3,
				     .measures = "Họp chi bộ\nhằng tháng"};
	OK(app_plan_item_update(&c, i2, &up, &it, &f->err));
	assert_int_equal(it.deadline_kind, DEADLINE_DATE);
	assert_int_equal(it.deadline_end, D(2031, 9, 30));
	assert_string_equal(it.deadline_text, "khi có hướng dẫn");
	assert_string_equal(it.lead_name, "Đảng ủy xã An Lạc");
	assert_int_equal(it.n_coordinator_orgs, 2);
	assert_string_equal(it.text, "Hai");

	/* Validation. */
	struct plan_item_input bad = {.text = "X", .kind = "việc"};
	REFUSED(KH_EINVAL, app_plan_item_create(&c, plan, &bad, &it, &f->err));
	bad.kind = NULL;
	bad.text = "   ";
	REFUSED(KH_EINVAL, app_plan_item_create(&c, plan, &bad, &it, &f->err));
	char *long_text = xcalloc(1, PLAN_TEXT_MAX + 2);
	memset(long_text, 'a', PLAN_TEXT_MAX + 1);
	bad.text = long_text;
	REFUSED(KH_EINVAL, app_plan_item_create(&c, plan, &bad, &it, &f->err));
	free(long_text);
	bad.text = "Y";
	bad.set_lead = true;
	bad.lead_org_id = f->cell3; /* outside the district's scope */
	REFUSED(KH_EFORBIDDEN, app_plan_item_create(&c, plan, &bad, &it, &f->err));
	bad.set_lead = false;
	bad.set_upper_item = true;
	bad.upper_item_id = i2; /* the plan has no upper plan */
	REFUSED(KH_EINVAL, app_plan_item_create(&c, plan, &bad, &it, &f->err));
	/* An outsider may not even see it; an unknown id is not found. */
	struct actor o;
	struct app_ctx oc = as(f, &o, 5);
	struct plan_item_input ok = {.text = "Z"};
	REFUSED(KH_EFORBIDDEN, app_plan_item_create(&oc, plan, &ok, &it, &f->err));
	assert_string_equal(f->err.message, "Bạn không có quyền xem kế hoạch này");
	REFUSED(KH_ENOTFOUND, app_plan_get(&oc, 99999, &v, &f->err));
	REFUSED(KH_EFORBIDDEN, app_plan_get(&oc, plan, &v, &f->err));

	/* A draft never sent can go. */
	OK(app_plan_delete(&c, plan, &f->err));
	REFUSED(KH_ENOTFOUND, app_plan_get(&c, plan, &v, &f->err));
}

static bool has_recipient(const struct plan_recipient *r, int n, int64_t org, const char *role)
{
	for (int i = 0; i < n; i++)
		if (r[i].org_id == org)
			return strcmp(r[i].role, role) == 0;
	return false;
}

static void test_life_and_rights(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 3);
	struct plan_input mine = {.scope = "year", .year_from = 2032};
	struct plan p;
	OK(app_plan_create(&c, &mine, &p, &f->err));
	int64_t plan = p.id;
	REFUSED(KH_ECONFLICT, app_plan_send(&c, plan, &p, &f->err)); /* no item */
	int64_t i1 = add_item(f, &c, plan, "Nghiên cứu, quán triệt nghị quyết", "Quý I/2032");
	int64_t i2 = add_item(f, &c, plan, "Kiểm tra việc thực hiện", "cuối năm");

	/* The recipients of an individual plan: all four roles. */
	struct plan_recipient *r;
	int n;
	OK(app_plan_recipients(&c, plan, &r, &n, &f->err));
	assert_int_equal(n, 4);
	assert_true(has_recipient(r, n, f->province, "managing"));
	assert_true(has_recipient(r, n, f->agency, "unit"));
	assert_true(has_recipient(r, n, f->base, "base"));
	assert_true(has_recipient(r, n, f->cell1, "cell"));
	assert_string_equal(app_plan_recipient_role_label("cell"), "Chi bộ nơi sinh hoạt");

	/* Rights before sending: the cell reads (member org), an outsider not. */
	struct plan_rights rt;
	struct actor o;
	struct app_ctx oc = as(f, &o, 5);
	OK(app_plan_rights(&oc, plan, NULL, &rt, &f->err));
	assert_false(rt.read);

	OK(app_plan_send(&c, plan, &p, &f->err));
	assert_int_equal(p.status, PLAN_COMMENT);
	assert_int_equal(p.version, 1);
	assert_true(p.sent_at > 0);

	struct {
		int64_t person;
		bool read, own, edit, comment, decide;
	} matrix[] = {
		{3, true, true, true, false, false},	/* the owner */
		{4, true, false, false, true, false},	/* the cell's secretary */
		{7, true, false, false, true, false},	/* the base committee's head */
		{1, true, false, false, true, true},	/* the province's office: managing */
		{2, true, false, false, true, false},	/* the district's head manages the base */
		{5, false, false, false, false, false}, /* outsider */
		{6, true, false, false, true, false},	/* a member of the cell acts for it */
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(matrix); i++) {
		struct actor x;
		struct app_ctx xc = as(f, &x, matrix[i].person);
		OK(app_plan_rights(&xc, plan, NULL, &rt, &f->err));
		if (rt.read != matrix[i].read || rt.own != matrix[i].own ||
		    rt.edit != matrix[i].edit || rt.comment != matrix[i].comment ||
		    rt.decide != matrix[i].decide)
			fail_msg("person %lld: read %d own %d edit %d comment %d decide %d",
				 (long long)matrix[i].person, rt.read, rt.own, rt.edit, rt.comment,
				 rt.decide);
	}
	struct actor ad;
	struct app_ctx adc = as_admin(f, &ad);
	OK(app_plan_rights(&adc, plan, NULL, &rt, &f->err));
	assert_true(rt.read && rt.own && rt.edit && rt.decide);
	/* A recipient cannot change the plan. */
	struct actor s;
	struct app_ctx sc = as(f, &s, 4);
	struct plan_item_input chg = {.text = "Sửa"};
	REFUSED(KH_EFORBIDDEN, app_plan_item_update(&sc, i1, &chg, NULL, &f->err));
	REFUSED(KH_EFORBIDDEN, app_plan_approve(&sc, plan, &p, &f->err));

	/* Taking comments up: edit while out for comment, then re-send. */
	OK(app_plan_item_update(&c, i1, &(struct plan_item_input){.text = "Quán triệt sâu"}, NULL,
				&f->err));
	OK(app_plan_send(&c, plan, &p, &f->err));
	assert_int_equal(p.version, 2);
	OK(app_plan_recipients(&c, plan, &r, &n, &f->err));
	assert_int_equal(n, 4);

	OK(app_plan_approve(&c, plan, &p, &f->err));
	assert_int_equal(p.status, PLAN_APPROVED);
	assert_int_equal(p.version, 3);
	assert_int_equal(p.approved_day, D(2026, 1, 15));
	/* Issued: no edit, no delete, no re-send, no second approval. */
	REFUSED(KH_ECONFLICT, app_plan_item_update(&c, i1, &chg, NULL, &f->err));
	assert_string_equal(f->err.message, "Kế hoạch đã ban hành: muốn thay đổi, hãy mở điều"
					    " chỉnh, bổ sung (nêu lý do).");
	REFUSED(KH_ECONFLICT, app_plan_item_delete(&c, i2, &f->err));
	REFUSED(KH_ECONFLICT, app_plan_item_create(&c, plan, &chg, NULL, &f->err));
	REFUSED(KH_ECONFLICT,
		app_plan_update(&c, plan, &(struct plan_input){.title = "Mới"}, NULL, &f->err));
	REFUSED(KH_ECONFLICT, app_plan_send(&c, plan, &p, &f->err));
	REFUSED(KH_ECONFLICT, app_plan_approve(&c, plan, &p, &f->err));
	REFUSED(KH_ECONFLICT, app_plan_delete(&c, plan, &f->err));
	REFUSED(KH_EINVAL, app_plan_adjust_open(&c, plan, "  ", &p, &f->err));
	REFUSED(KH_EFORBIDDEN, app_plan_adjust_open(&sc, plan, "Lý do", &p, &f->err));

	/* Adjust, edit, issue the adjustment. */
	OK(app_plan_adjust_open(&c, plan, "Nhiệm vụ mới được giao", &p, &f->err));
	assert_int_equal(p.status, PLAN_ADJUSTING);
	REFUSED(KH_ECONFLICT, app_plan_adjust_open(&c, plan, "Lần nữa", &p, &f->err));
	OK(app_plan_item_update(&c, i1,
				&(struct plan_item_input){.text = "Quán triệt, tuyên truyền"}, NULL,
				&f->err));
	OK(app_plan_item_delete(&c, i2, &f->err));
	int64_t i3 = add_item(f, &c, plan, "Công việc mới", "tháng 10/2032");
	OK(app_plan_update(&c, plan, &(struct plan_input){.goals = "Mục đích mới"}, NULL, &f->err));
	OK(app_plan_approve(&c, plan, &p, &f->err));
	assert_int_equal(p.status, PLAN_APPROVED);
	assert_int_equal(p.version, 4);
	assert_string_equal(p.adjust_reason, "");
	assert_int_equal(p.approved_day, D(2026, 1, 15));

	struct plan_version *vs;
	OK(app_plan_versions(&sc, plan, &vs, &n, &f->err)); /* a recipient reads them */
	assert_int_equal(n, 4);
	assert_string_equal(vs[0].kind, "sent");
	assert_string_equal(vs[1].kind, "sent");
	assert_string_equal(vs[2].kind, "approved");
	assert_string_equal(vs[3].kind, "adjustment");
	assert_string_equal(vs[3].reason, "Nhiệm vụ mới được giao");
	struct plan_version v1;
	OK(app_plan_version_get(&c, plan, 1, &v1, &f->err));
	assert_non_null(strstr(v1.snapshot, "Nghiên cứu, quán triệt nghị quyết"));
	assert_non_null(strstr(v1.snapshot, "Kiểm tra việc thực hiện"));
	REFUSED(KH_ENOTFOUND, app_plan_version_get(&c, plan, 9, &v1, &f->err));
	REFUSED(KH_EFORBIDDEN, app_plan_versions(&oc, plan, &vs, &n, &f->err));

	/* The diff from the approved version to the adjustment. */
	struct plan_diff_line *d;
	OK(app_plan_diff(&c, plan, 3, 4, &d, &n, &f->err));
	bool changed = false, removed = false, added = false, goals = false;
	for (int i = 0; i < n; i++) {
		if (strcmp(d[i].change, "changed") == 0 && d[i].item_id == i1 &&
		    strcmp(d[i].field, "text") == 0) {
			assert_string_equal(d[i].before, "Quán triệt sâu");
			assert_string_equal(d[i].after, "Quán triệt, tuyên truyền");
			changed = true;
		}
		removed |= strcmp(d[i].change, "removed") == 0 && d[i].item_id == i2;
		added |= strcmp(d[i].change, "added") == 0 && d[i].item_id == i3;
		goals |= strcmp(d[i].field, "plan.goals") == 0 &&
			 strcmp(d[i].after, "Mục đích mới") == 0;
	}
	assert_true(changed && removed && added && goals);
	OK(app_plan_diff(&c, plan, 4, 0, &d, &n, &f->err));
	assert_int_equal(n, 0);
	REFUSED(KH_ENOTFOUND, app_plan_diff(&c, plan, 1, 7, &d, &n, &f->err));

	/* A collective plan goes to the committee above. */
	struct actor h;
	struct app_ctx hc = as(f, &h, 7);
	int64_t cp = new_plan(f, &hc, f->base, "year", 2032, 0);
	add_item(f, &hc, cp, "Việc của đảng ủy xã", "");
	OK(app_plan_recipients(&hc, cp, &r, &n, &f->err));
	assert_int_equal(n, 1);
	assert_true(has_recipient(r, n, f->district, "upper"));
	OK(app_plan_send(&hc, cp, &p, &f->err));
	struct app_ctx dc = as(f, &a, 2);
	OK(app_plan_rights(&dc, cp, NULL, &rt, &f->err));
	assert_true(rt.read && rt.comment && rt.decide);
	/* The province's own plan has nobody above. */
	struct actor of;
	struct app_ctx ofc = as(f, &of, 1);
	int64_t pp = new_plan(f, &ofc, f->province, "year", 2032, 0);
	add_item(f, &ofc, pp, "Việc của tỉnh", "");
	REFUSED(KH_ECONFLICT, app_plan_send(&ofc, pp, &p, &f->err));
}

static void test_proposal(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 4); /* the cell's secretary: the cell's plan */
	int64_t plan = new_plan(f, &c, f->cell1, "year", 2033, 0);
	struct plan_item_input in = {.text = "Đề nghị hỗ trợ kinh phí sửa nhà văn hóa",
				     .kind = "proposal",
				     .addressee = "Đảng ủy xã",
				     .set_addressee = true,
				     .addressee_org_id = f->base};
	struct plan_item it;
	OK(app_plan_item_create(&c, plan, &in, &it, &f->err));
	int64_t task = add_item(f, &c, plan, "Việc", "");
	struct plan p;
	OK(app_plan_send(&c, plan, &p, &f->err));
	struct actor b;
	struct app_ctx bc = as(f, &b, 7); /* the base committee */
	REFUSED(KH_EINVAL, app_plan_proposal_answer(&bc, it.id, "rejected", "", &f->err));
	REFUSED(KH_EINVAL, app_plan_proposal_answer(&bc, task, "accepted", "", &f->err));
	REFUSED(KH_EFORBIDDEN, app_plan_proposal_answer(&c, it.id, "accepted", "", &f->err));
	OK(app_plan_proposal_answer(&bc, it.id, "rejected", "Chưa bố trí được kinh phí", &f->err));
	struct plan_rights rt;
	OK(app_plan_item_get(&c, it.id, &it, &rt, &f->err));
	assert_string_equal(it.proposal_state, "rejected");
	assert_string_equal(it.proposal_note, "Chưa bố trí được kinh phí");
	assert_true(rt.own);
}

static void test_cascade(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx pc = as(f, &a, 1); /* the province's office */
	int64_t up = new_plan(f, &pc, f->province, "year", 2034, 0);
	struct plan_item_input ia = {.text = "A: Huyện ủy Hòa Bình chủ trì",
				     .deadline_text = "trong năm",
				     .set_lead = true,
				     .lead_org_id = f->district};
	struct plan_item_input ib = {.text = "B: các huyện ủy thực hiện",
				     .set_lead = true,
				     .lead_org_id = f->province,
				     .lead_group = true};
	struct plan_item_input ic = {.text = "C: Tân Lập chủ trì, Hòa Bình phối hợp",
				     .set_lead = true,
				     .lead_org_id = f->district2,
				     .set_coordinator_orgs = true,
				     .coordinator_org_ids = &f->district,
				     .n_coordinator_orgs = 1};
	struct plan_item_input id_ = {
		.text = "D: tỉnh tự làm", .set_lead = true, .lead_org_id = f->province};
	struct plan_item A, B, C, Dd;
	OK(app_plan_item_create(&pc, up, &ia, &A, &f->err));
	OK(app_plan_item_create(&pc, up, &ib, &B, &f->err));
	OK(app_plan_item_create(&pc, up, &ic, &C, &f->err));
	OK(app_plan_item_create(&pc, up, &id_, &Dd, &f->err));

	struct actor h;
	struct app_ctx hc = as(f, &h, 2);
	struct plan_input in = {.owner_org_id = f->district,
				.scope = "year",
				.year_from = 2035,
				.upper_plan_id = up,
				.cascade = true};
	struct plan p;
	REFUSED(KH_EINVAL, app_plan_create(&hc, &in, &p, &f->err)); /* a draft is not readable */
	struct plan done;
	OK(app_plan_approve(&pc, up, &done, &f->err));
	OK(app_plan_create(&hc, &in, &p, &f->err));
	struct plan_view v;
	OK(app_plan_get(&hc, p.id, &v, &f->err));
	assert_int_equal(v.n_items, 3);
	assert_int_equal(v.items[0].upper_item_id, A.id);
	assert_int_equal(v.items[1].upper_item_id, B.id);
	assert_int_equal(v.items[2].upper_item_id, C.id);
	assert_int_equal(v.items[0].lead_org_id, f->district);
	assert_string_equal(v.items[0].text, A.text);
	/* Re-parsed against the new plan's year. */
	assert_int_equal(v.items[0].deadline_end, D(2035, 12, 31));
	assert_string_equal(v.upper_title, done.title);
	/* An item may name an item of the upper plan, not another. */
	struct plan_item_input link = {
		.text = "Liên kết", .set_upper_item = true, .upper_item_id = Dd.id};
	struct plan_item it;
	OK(app_plan_item_create(&hc, p.id, &link, &it, &f->err));
	link.upper_item_id = v.items[0].id;
	REFUSED(KH_EINVAL, app_plan_item_create(&hc, p.id, &link, &it, &f->err));

	struct plan_cascade_row *rows;
	int n;
	OK(app_plan_cascade(&pc, up, &rows, &n, &f->err));
	assert_int_equal(n, 3); /* D is the province's own */
	assert_int_equal(rows[0].item.id, A.id);
	assert_int_equal(rows[0].n_orgs, 1);
	assert_int_equal(rows[0].n_answered, 1);
	assert_int_equal(rows[0].orgs[0].answer_plan_id, p.id);
	assert_int_equal(rows[1].item.id, B.id);
	assert_int_equal(rows[1].n_orgs, 2); /* both districts; not the office nor the agency */
	assert_int_equal(rows[1].n_answered, 1);
	for (int i = 0; i < rows[1].n_orgs; i++)
		assert_true(rows[1].orgs[i].answer_item_id
				    ? rows[1].orgs[i].org_id == f->district
				    : rows[1].orgs[i].org_id == f->district2);
	assert_int_equal(rows[2].n_orgs, 2);
	assert_int_equal(rows[2].n_answered, 1);
	assert_string_equal(rows[2].orgs[0].org_name, "Huyện ủy Tân Lập");
	assert_int_equal(rows[2].orgs[0].answer_item_id, 0);
	/* A cascade needs an upper plan and an org. */
	in.upper_plan_id = 0;
	in.year_from = 2036;
	REFUSED(KH_EINVAL, app_plan_create(&hc, &in, &p, &f->err));
}

static void test_carry_over(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 8); /* the head of Tân Lập */
	int64_t term = new_plan(f, &c, f->district2, "term", 2035, 2040);
	struct plan_item_input t1 = {.text = "Nhiệm vụ cả nhiệm kỳ", .category = "term"};
	struct plan_item_input t2 = {.text = "Việc năm đã xong", .category = "year"};
	struct plan_item_input t3 = {.text = "Việc năm còn dở", .category = "year"};
	struct plan_item T1, T2, T3;
	OK(app_plan_item_create(&c, term, &t1, &T1, &f->err));
	OK(app_plan_item_create(&c, term, &t2, &T2, &f->err));
	OK(app_plan_item_create(&c, term, &t3, &T3, &f->err));
	struct plan p;
	OK(app_plan_approve(&c, term, &p, &f->err));
	int64_t last = new_plan(f, &c, f->district2, "year", 2036, 0);
	int64_t l1 = add_item(f, &c, last, "Năm trước chưa xong", "tháng 11");
	int64_t l2 = add_item(f, &c, last, "Năm trước đã xong", "");
	OK(app_plan_approve(&c, last, &p, &f->err));
	char sql[300];
	snprintf(sql, sizeof(sql),
		 "UPDATE plan_items SET status = 'done' WHERE id IN (%lld, %lld, %lld)",
		 (long long)T1.id, (long long)T2.id, (long long)l2);
	exec(f, sql);

	struct plan_input in = {.owner_org_id = f->district2,
				.scope = "year",
				.year_from = 2037,
				.carry_over = true};
	OK(app_plan_create(&c, &in, &p, &f->err));
	assert_int_equal(p.based_on_plan_id, term);
	struct plan_view v;
	OK(app_plan_get(&c, p.id, &v, &f->err));
	assert_int_equal(v.n_items, 3);
	assert_int_equal(v.items[0].carried_from_id, T1.id); /* term items always */
	assert_int_equal(v.items[1].carried_from_id, T3.id);
	assert_int_equal(v.items[2].carried_from_id, l1);
	assert_int_equal(v.items[2].deadline_end, D(2037, 11, 30));
	for (int i = 0; i < v.n_items; i++)
		assert_int_equal(v.items[i].seq, i + 1);
	/* Only year plans carry over. */
	struct plan_input t = {.owner_org_id = f->district2,
			       .scope = "term",
			       .year_from = 2041,
			       .year_to = 2045,
			       .carry_over = true};
	REFUSED(KH_EINVAL, app_plan_create(&c, &t, &p, &f->err));
}

static bool page_has(const struct plan_page *pg, int64_t id)
{
	for (int i = 0; i < pg->n; i++)
		if (pg->items[i].id == id)
			return true;
	return false;
}

static void test_list_and_search(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx hc = as(f, &a, 3);
	struct plan_input mine = {.scope = "year", .year_from = 2038};
	struct plan p;
	OK(app_plan_create(&hc, &mine, &p, &f->err));
	add_item(f, &hc, p.id, "Việc", "");
	OK(app_plan_send(&hc, p.id, &p, &f->err));
	struct actor d;
	struct app_ctx dc = as(f, &d, 8);
	int64_t other = new_plan(f, &dc, f->district2, "year", 2038, 0);

	struct plan_page pg;
	struct actor s;
	struct app_ctx sc = as(f, &s, 4);
	OK(app_plan_list(&sc, &(struct plan_query){.year = 2038}, &pg, &f->err));
	assert_true(page_has(&pg, p.id));
	assert_false(page_has(&pg, other));
	OK(app_plan_list(&sc, &(struct plan_query){.inbox = true}, &pg, &f->err));
	assert_true(page_has(&pg, p.id));
	/* The agency's own plan is not in the managing office's inbox twice. */
	struct actor o;
	struct app_ctx oc = as(f, &o, 5);
	OK(app_plan_list(&oc, &(struct plan_query){.year = 2038}, &pg, &f->err));
	assert_false(page_has(&pg, p.id));
	assert_false(page_has(&pg, other));
	OK(app_plan_list(&dc, &(struct plan_query){.year = 2038}, &pg, &f->err));
	assert_true(page_has(&pg, other));
	assert_false(page_has(&pg, p.id));
	struct actor ad;
	struct app_ctx adc = as_admin(f, &ad);
	OK(app_plan_list(&adc, &(struct plan_query){.year = 2038, .limit = 1}, &pg, &f->err));
	assert_int_equal(pg.n, 1);
	assert_int_equal(pg.total, 3); /* with Tân Lập's term plan 2035–2040 */
	OK(app_plan_list(&adc, &(struct plan_query){.org_id = f->district, .year = 2038}, &pg,
			 &f->err));
	assert_true(page_has(&pg, p.id)); /* the person's member cell lies there */
	assert_false(page_has(&pg, other));
	OK(app_plan_list(&adc, &(struct plan_query){.q = "tan lap 2038"}, &pg, &f->err));
	assert_int_equal(pg.n, 1);
	assert_int_equal(pg.items[0].id, other);
	REFUSED(KH_EINVAL, app_plan_list(&adc, &(struct plan_query){.status = "x"}, &pg, &f->err));

	/* Search without diacritics, within scope only. */
	struct search_hit *hits;
	int n;
	OK(app_search(&dc, "ke hoach hanh dong nam 2038 huyen uy tan lap", SEARCH_MASK(SEARCH_PLAN),
		      10, &hits, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].id, other);
	OK(app_search(&oc, "ke hoach hanh dong nam 2038", SEARCH_MASK(SEARCH_PLAN), 10, &hits, &n,
		      &f->err));
	assert_int_equal(n, 0);
	OK(app_search(&sc, "nguyen van ba 2038", SEARCH_MASK(SEARCH_PLAN), 10, &hits, &n, &f->err));
	assert_int_equal(n, 1);
}

/* Who keeps a collective plan: a position in the org itself or in its
 * Văn phòng — not every manager of the subtree. */
static void test_owner_rule(void **state)
{
	struct fx *f = *state;
	struct plan p;
	struct plan_rights rt;
	/* The province's office keeps the province's plan. */
	struct actor o;
	struct app_ctx oc = as(f, &o, 1);
	struct plan_input prov = {.owner_org_id = f->province, .scope = "year", .year_from = 2040};
	OK(app_plan_create(&oc, &prov, &p, &f->err));
	OK(app_plan_rights(&oc, p.id, NULL, &rt, &f->err));
	assert_true(rt.own && rt.edit);
	/* The district's head manages the commune but does not write its plan;
	 * the commune's own head does. */
	struct actor d;
	struct app_ctx dc = as(f, &d, 2);
	struct plan_input base = {.owner_org_id = f->base, .scope = "year", .year_from = 2040};
	REFUSED(KH_EFORBIDDEN, app_plan_create(&dc, &base, &p, &f->err));
	assert_non_null(strstr(f->err.message, "Văn phòng của tổ chức"));
	struct actor b;
	struct app_ctx bc = as(f, &b, 7);
	OK(app_plan_create(&bc, &base, &p, &f->err));
	OK(app_plan_rights(&dc, p.id, NULL, &rt, &f->err));
	assert_true(rt.read);
	assert_false(rt.own);
	assert_false(rt.edit);
	struct plan_item_input it = {.text = "Sửa hộ cấp dưới"};
	struct plan_item item;
	REFUSED(KH_EFORBIDDEN, app_plan_item_create(&dc, p.id, &it, &item, &f->err));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),		cmocka_unit_test(test_items),
		cmocka_unit_test(test_life_and_rights), cmocka_unit_test(test_proposal),
		cmocka_unit_test(test_cascade),		cmocka_unit_test(test_carry_over),
		cmocka_unit_test(test_list_and_search), cmocka_unit_test(test_owner_rule),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
