/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Plans on a real SQLite file: round trips of plans and items (coordinators,
 * deadline kind), the dense order kept by insert, move and delete, the
 * overlap lookup, sources, versions that the triggers keep immutable,
 * recipients, the cascade queries and the scoped list. */
#include "core/common.h"
#include "core/date.h"
#include "store/org.h"
#include "store/plan.h"
#include "store/store.h"
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
	struct kh_error err;
	int64_t province, district, other, cell;
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

static int64_t add_org(struct fx *f, int64_t parent, const char *name, enum org_kind kind)
{
	int64_t id;
	OK(store_org_insert(f->s, kind, 1, D(2010, 1, 1), NULL, 0, &id, &f->err));
	OK(store_org_version_insert(f->s, id, D(2010, 1, 1), 0, parent, name, "", &f->err));
	return id;
}

static void exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(rc, SQLITE_OK);
}

/* An SQL statement on a second connection; its sqlite3 result code. */
static int exec_rc(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("KH_TEST_TMP");
	if (!tmp)
		tmp = "/tmp";
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/store_plan_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 4096);
	f->province = add_org(f, 0, "Tỉnh ủy Sơn Nam", ORG_COMMITTEE);
	f->district = add_org(f, f->province, "Huyện ủy Hòa Bình", ORG_COMMITTEE);
	f->other = add_org(f, f->province, "Huyện ủy Tân Lập", ORG_COMMITTEE);
	f->cell = add_org(f, f->district, "Chi bộ Thôn Đông", ORG_CELL);
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

static int64_t add_plan(struct fx *f, int64_t org, int year, const char *title)
{
	struct plan p = {.owner_org_id = org,
			 .scope = PLAN_SCOPE_YEAR,
			 .year_from = year,
			 .year_to = year,
			 .form = 1,
			 .title = title,
			 .status = PLAN_DRAFT,
			 .created_at = 100};
	int64_t id;
	OK(store_plan_insert(f->s, &p, &id, &f->err));
	return id;
}

static int64_t add_item(struct fx *f, int64_t plan, int seq, const char *text)
{
	struct plan_item it = {.plan_id = plan,
			       .seq = seq,
			       .part = 2,
			       .kind = PLAN_ITEM_TASK,
			       .category = PLAN_CATEGORY_YEAR,
			       .text = text,
			       .created_at = 200};
	int64_t id;
	OK(store_plan_item_insert(f->s, &it, &id, &f->err));
	return id;
}

static void assert_order(struct fx *f, int64_t plan, const char *const *texts, int n)
{
	struct plan_item *v;
	int count;
	OK(store_plan_items(f->s, &f->a, plan, D(2026, 1, 1), &v, &count, &f->err));
	assert_int_equal(count, n);
	for (int i = 0; i < n; i++) {
		assert_int_equal(v[i].seq, i + 1);
		assert_string_equal(v[i].text, texts[i]);
	}
}

static void test_plan_round_trip(void **state)
{
	struct fx *f = *state;
	int64_t id = add_plan(f, f->district, 2026, "Kế hoạch hành động năm 2026");
	struct plan p;
	OK(store_plan_get(f->s, &f->a, id, D(2026, 1, 1), &p, &f->err));
	assert_int_equal(p.owner_org_id, f->district);
	assert_int_equal(p.owner_person_id, 0);
	assert_int_equal(p.scope, PLAN_SCOPE_YEAR);
	assert_int_equal(p.status, PLAN_DRAFT);
	assert_string_equal(p.owner_name, "Huyện ủy Hòa Bình");
	assert_int_equal(p.sent_at, 0);

	p.status = PLAN_ADJUSTING;
	p.adjust_reason = "Nhiệm vụ mới";
	p.version = 2;
	p.approved_day = D(2026, 3, 1);
	p.updated_at = 500;
	OK(store_plan_update(f->s, &p, &f->err));
	struct plan q;
	OK(store_plan_get(f->s, &f->a, id, D(2026, 1, 1), &q, &f->err));
	assert_int_equal(q.status, PLAN_ADJUSTING);
	assert_string_equal(q.adjust_reason, "Nhiệm vụ mới");
	assert_int_equal(q.version, 2);
	assert_int_equal(q.approved_day, D(2026, 3, 1));

	assert_int_equal(store_plan_get(f->s, &f->a, 9999, 0, &q, &f->err), KH_ENOTFOUND);

	int64_t other;
	const char *title;
	OK(store_plan_find_overlap(f->s, &f->a, f->district, 0, PLAN_SCOPE_YEAR, 2026, 2026, 0,
				   &other, &title, &f->err));
	assert_int_equal(other, id);
	assert_string_equal(title, "Kế hoạch hành động năm 2026");
	OK(store_plan_find_overlap(f->s, &f->a, f->district, 0, PLAN_SCOPE_YEAR, 2026, 2026, id,
				   &other, &title, &f->err));
	assert_int_equal(other, 0);
	OK(store_plan_find_overlap(f->s, &f->a, f->district, 0, PLAN_SCOPE_TERM, 2025, 2030, 0,
				   &other, &title, &f->err));
	assert_int_equal(other, 0);
	OK(store_plan_find_owner(f->s, f->district, 0, PLAN_SCOPE_YEAR, 2026, true, &other,
				 &f->err));
	assert_int_equal(other, id); /* adjusting counts as issued */
}

static void test_items_order_and_coordinators(void **state)
{
	struct fx *f = *state;
	int64_t plan = add_plan(f, f->province, 2027, "KH");
	int64_t a = add_item(f, plan, 1, "A");
	add_item(f, plan, 2, "B");
	add_item(f, plan, 1, "C"); /* first */
	assert_order(f, plan, (const char *const[]){"C", "A", "B"}, 3);
	OK(store_plan_item_move(f->s, a, 3, 300, &f->err));
	assert_order(f, plan, (const char *const[]){"C", "B", "A"}, 3);
	OK(store_plan_item_move(f->s, a, 1, 300, &f->err));
	assert_order(f, plan, (const char *const[]){"A", "C", "B"}, 3);

	struct plan_item it;
	OK(store_plan_item_get(f->s, &f->a, a, D(2027, 1, 1), &it, &f->err));
	int64_t orgs[] = {f->other, f->cell};
	it.coordinator_org_ids = orgs;
	it.n_coordinator_orgs = 2;
	it.lead_org_id = f->district;
	it.deadline_text = "Quý II/2027";
	it.deadline_kind = DEADLINE_WINDOW;
	it.deadline_start = D(2027, 4, 1);
	it.deadline_end = D(2027, 6, 30);
	it.measures = "Biện pháp";
	it.updated_at = 400;
	OK(store_plan_item_update(f->s, &it, &f->err));
	struct plan_item g;
	OK(store_plan_item_get(f->s, &f->a, a, D(2027, 1, 1), &g, &f->err));
	assert_int_equal(g.n_coordinator_orgs, 2);
	assert_int_equal(g.coordinator_org_ids[0], f->other);
	assert_int_equal(g.deadline_kind, DEADLINE_WINDOW);
	assert_int_equal(g.deadline_end, D(2027, 6, 30));
	assert_string_equal(g.lead_name, "Huyện ủy Hòa Bình");
	assert_string_equal(g.measures, "Biện pháp");
	assert_string_equal(g.status, "open");

	/* The cascade questions: assigned as coordinator, as lead. */
	struct plan_item *v;
	int n;
	OK(store_plan_items_assigned(f->s, &f->a, plan, f->other, f->province, D(2027, 1, 1), &v,
				     &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a);
	OK(store_plan_items_assigned(f->s, &f->a, plan, f->district, f->province, D(2027, 1, 1), &v,
				     &n, &f->err));
	assert_int_equal(n, 1);
	int64_t lower = add_plan(f, f->district, 2027, "KH huyện");
	int64_t ans = add_item(f, lower, 1, "Cụ thể hóa A");
	char sql[200];
	snprintf(sql, sizeof(sql), "UPDATE plan_items SET upper_item_id = %lld WHERE id = %lld",
		 (long long)a, (long long)ans);
	exec(f, sql);
	struct plan_answer *ansv;
	OK(store_plan_answers(f->s, &f->a, plan, &ansv, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ansv[0].org_id, f->district);
	assert_int_equal(ansv[0].item_id, ans);
	int refs;
	OK(store_plan_item_refs(f->s, a, &refs, &f->err));
	assert_int_equal(refs, 1);

	OK(store_plan_item_delete(f->s, ans, &f->err));
	int64_t x = add_item(f, plan, 2, "X");
	assert_order(f, plan, (const char *const[]){"A", "X", "C", "B"}, 4);
	OK(store_plan_item_delete(f->s, x, &f->err));
	assert_order(f, plan, (const char *const[]){"A", "C", "B"}, 3);
	OK(store_plan_item_count(f->s, plan, &n, &f->err));
	assert_int_equal(n, 3);
}

static void test_versions_immutable(void **state)
{
	struct fx *f = *state;
	int64_t plan = add_plan(f, f->other, 2026, "KH Tân Lập");
	struct plan_version_row v = {.plan_id = plan,
				     .number = 1,
				     .kind = "sent",
				     .snapshot = "{\"title\":\"KH\"}",
				     .created_at = 10};
	OK(store_plan_version_insert(f->s, &v, &f->err));
	assert_int_equal(store_plan_version_insert(f->s, &v, &f->err), KH_ECONFLICT);
	struct plan_version_row g;
	OK(store_plan_version_get(f->s, &f->a, plan, 1, &g, &f->err));
	assert_string_equal(g.snapshot, "{\"title\":\"KH\"}");
	assert_string_equal(g.kind, "sent");
	assert_int_equal(store_plan_version_get(f->s, &f->a, plan, 2, &g, &f->err), KH_ENOTFOUND);
	assert_int_not_equal(exec_rc(f, "UPDATE plan_versions SET snapshot = '{}'"), SQLITE_OK);
	assert_int_not_equal(exec_rc(f, "DELETE FROM plan_versions"), SQLITE_OK);
	struct plan_version_row *list;
	int n;
	OK(store_plan_versions(f->s, &f->a, plan, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_null(list[0].snapshot);

	OK(store_plan_recipient_put(f->s, plan, f->province, "upper", 10, &f->err));
	OK(store_plan_recipient_put(f->s, plan, f->province, "cell", 20, &f->err));
	struct plan_recipient_row *r;
	OK(store_plan_recipients(f->s, &f->a, plan, D(2026, 1, 1), &r, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(r[0].role, "upper"); /* the first role stays */
	assert_int_equal(r[0].sent_at, 20);
	assert_string_equal(r[0].org_name, "Tỉnh ủy Sơn Nam");
}

static void test_list_scope(void **state)
{
	struct fx *f = *state;
	int64_t in_scope = add_plan(f, f->cell, 2028, "KH chi bộ");
	int64_t out_scope = add_plan(f, f->other, 2028, "KH Tân Lập 2028");
	struct plan_filter q = {.read_roots = &f->district,
				.n_read_roots = 1,
				.day = D(2028, 1, 1),
				.year = 2028,
				.limit = 10};
	struct plan *v;
	int n;
	int64_t total;
	OK(store_plan_list(f->s, &f->a, &q, &v, &n, &total, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, in_scope);
	/* A plan sent to an org the reader acts for joins; the inbox holds it alone. */
	struct plan p;
	OK(store_plan_get(f->s, &f->a, out_scope, 0, &p, &f->err));
	p.version = 1;
	OK(store_plan_update(f->s, &p, &f->err));
	OK(store_plan_recipient_put(f->s, out_scope, f->district, "upper", 1, &f->err));
	q.act_orgs = &f->district;
	q.n_act_orgs = 1;
	OK(store_plan_list(f->s, &f->a, &q, &v, &n, &total, &f->err));
	assert_int_equal(total, 2);
	q.inbox = true;
	OK(store_plan_list(f->s, &f->a, &q, &v, &n, &total, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, out_scope);
	q.inbox = false;
	q.all = true;
	q.limit = 1;
	OK(store_plan_list(f->s, &f->a, &q, &v, &n, &total, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(total, 2);

	int64_t docs[] = {1};
	exec(f, "INSERT INTO documents(id, kind, number, title, created_at, updated_at)"
		" VALUES (1, 'NQ', '01-NQ/TU', 'Nghị quyết', 0, 0)");
	OK(store_plan_sources_set(f->s, in_scope, docs, 1, &f->err));
	int64_t *src;
	OK(store_plan_sources(f->s, &f->a, in_scope, &src, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(src[0], 1);
	add_item(f, in_scope, 1, "Một");
	OK(store_plan_delete(f->s, in_scope, &f->err));
	assert_int_equal(store_plan_get(f->s, &f->a, in_scope, 0, &p, &f->err), KH_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plan_round_trip),
		cmocka_unit_test(test_items_order_and_coordinators),
		cmocka_unit_test(test_versions_immutable),
		cmocka_unit_test(test_list_scope),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
