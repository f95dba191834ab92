/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The dashboard counters on a real SQLite file: a small scenario read back
 * count by count, and a long random sequence of writes to plans, items,
 * requests, reports, campaigns and the tree — through a second connection,
 * as any writer would — after which the counters the triggers kept equal a
 * full recount from the rows, every few steps. */
#include "core/common.h"
#include "core/date.h"
#include "store/counters.h"
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
	sqlite3 *db; /* the other writer */
	struct arena a;
	struct kh_error err;
	int64_t orgs[40];
	int n_orgs;
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

static void sql(struct fx *f, const char *fmt, ...)
{
	char q[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	char *msg = NULL;
	if (sqlite3_exec(f->db, q, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", q, msg ? msg : "?");
}

static int64_t scalar(struct fx *f, const char *q)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(f->db, q, -1, &st, NULL), SQLITE_OK);
	int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return v;
}

static int64_t add_org(struct fx *f, int64_t parent, const char *kind, const char *name)
{
	sql(f,
	    "INSERT INTO orgs(kind, level, valid_from, created_at) VALUES ('%s', 1, %d, 0);"
	    "INSERT INTO org_versions(org_id, valid_from, parent_id, name)"
	    " VALUES (last_insert_rowid(), %d, %s, '%s');",
	    kind, D(2010, 1, 1), D(2010, 1, 1), parent ? "NULL" : "NULL", name);
	int64_t id = scalar(f, "SELECT max(id) FROM orgs");
	if (parent)
		sql(f, "UPDATE org_versions SET parent_id = %lld WHERE org_id = %lld",
		    (long long)parent, (long long)id);
	f->orgs[f->n_orgs++] = id;
	return id;
}

static void rebuild_if_stale(struct fx *f, int32_t today)
{
	bool stale;
	OK(store_begin(f->s, true, &f->err));
	OK(store_counters_stale(f->s, today, &stale, &f->err));
	if (stale)
		OK(store_counters_rebuild(f->s, today, &f->err));
	OK(store_commit(f->s, &f->err));
}

static int diff(struct fx *f)
{
	int n;
	OK(store_begin(f->s, true, &f->err));
	OK(store_counters_check(f->s, &n, &f->err));
	store_rollback(f->s);
	return n;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("KH_TEST_TMP");
	if (!tmp)
		tmp = "/tmp";
	snprintf(f->path, sizeof(f->path), "%s/store_counters_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	if (sqlite3_open(f->path, &f->db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	arena_init(&f->a, 8192);
	/* a province, 3 districts, 2 communes each, a cell under each commune,
	 * and the province's Văn phòng (an agency: no plan expected) */
	int64_t root = add_org(f, 0, "committee", "Tỉnh ủy");
	add_org(f, root, "agency", "Văn phòng Tỉnh ủy");
	for (int d = 0; d < 3; d++) {
		int64_t dist = add_org(f, root, "committee", "Huyện ủy");
		for (int c = 0; c < 2; c++) {
			int64_t com = add_org(f, dist, "committee", "Đảng ủy xã");
			add_org(f, com, "cell", "Chi bộ");
		}
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	sqlite3_close(f->db);
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	free(f);
	return 0;
}

static const struct dash_counts *counts_of(const struct dash_counts *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].org_id == id)
			return &v[i];
	fail_msg("no counts for org %lld", (long long)id);
	return NULL;
}

static void test_scenario(void **state)
{
	struct fx *f = *state;
	int32_t today = D(2026, 5, 20);
	int64_t root = f->orgs[0], dist = f->orgs[2], com = f->orgs[3];
	rebuild_if_stale(f, today);
	/* the commune's approved year plan (approved late), the district's
	 * draft, two items overdue / due soon / done, a request, a report */
	sql(f,
	    "INSERT INTO plans(id, owner_org_id, scope, year_from, year_to, title, status,"
	    " approved_day, created_at, updated_at) VALUES (1, %lld, 'year', 2026, 2026, 'KH xã',"
	    " 'approved', %d, 0, 0), (2, %lld, 'year', 2026, 2026, 'KH huyện', 'draft', NULL, 0,"
	    " 0);",
	    (long long)com, D(2026, 4, 10), (long long)dist);
	sql(f,
	    "INSERT INTO plan_items(plan_id, seq, text, deadline_kind, deadline_end, created_at,"
	    " updated_at) VALUES (1, 1, 'quá hạn', 'date', %d, 0, 0), (1, 2, 'sắp đến hạn',"
	    " 'window', %d, 0, 0), (1, 3, 'hằng năm', 'recurring', NULL, 0, 0),"
	    " (2, 1, 'dự thảo', 'date', %d, 0, 0);",
	    D(2026, 5, 1), D(2026, 5, 25), D(2026, 1, 1));
	sql(f,
	    "INSERT INTO plan_comments(plan_id, version, kind, text, created_at, created_day)"
	    " VALUES (1, 1, 'request', 'đề nghị', 0, %d), (1, 1, 'comment', 'góp ý', 0, %d);",
	    today, today);
	sql(f,
	    "INSERT INTO report_campaigns(id, org_id, kind, year_from, year_to, title, created_at,"
	    " updated_at) VALUES (1, %lld, 'half_year', 2026, 2026, 'Báo cáo 6 tháng', 0, 0);"
	    "INSERT INTO reports(campaign_id, org_id, status, due_day, created_at, updated_at)"
	    " VALUES (1, %lld, 'draft', %d, 0, 0), (1, %lld, 'submitted', %d, 0, 0);"
	    "UPDATE reports SET submitted_day = %d WHERE status = 'submitted';",
	    (long long)root, (long long)com, D(2026, 5, 10), (long long)dist, D(2026, 5, 10),
	    D(2026, 5, 12));
	struct dash_counts *v;
	int n;
	OK(store_begin(f->s, false, &f->err));
	OK(store_dash_counts(f->s, &f->a, root, 2026, today, &v, &n, &f->err));
	store_rollback(f->s);
	assert_int_equal(n, 1 + 4); /* the root and its 4 children */
	const struct dash_counts *r = counts_of(v, n, root);
	assert_int_equal(r->depth, 0);
	assert_int_equal(r->orgs, 1 + 3 + 6 + 6);
	assert_int_equal(r->plans, 2);
	assert_int_equal(r->plans_ok, 0);
	assert_int_equal(r->items, 3);
	assert_int_equal(r->items_done, 0);
	assert_int_equal(r->overdue, 1);
	assert_int_equal(r->due_soon, 1);
	assert_int_equal(r->requests_open, 1);
	assert_int_equal(r->reports_missing, 1);
	assert_int_equal(r->reports_late, 1);
	const struct dash_counts *d = counts_of(v, n, dist);
	assert_int_equal(d->orgs, 1 + 2 + 2);
	assert_int_equal(d->overdue, 1);
	assert_int_equal(counts_of(v, n, f->orgs[1])->orgs, 0); /* the Văn phòng */

	/* done, answered, accepted, the campaign closed: the counts follow */
	sql(f, "UPDATE plan_items SET progress_state = 'done' WHERE text = 'quá hạn';"
	       "UPDATE plan_comments SET answer = 'accepted' WHERE kind = 'request';"
	       "UPDATE report_campaigns SET status = 'closed';");
	OK(store_begin(f->s, false, &f->err));
	OK(store_dash_counts(f->s, &f->a, root, 2026, today, &v, &n, &f->err));
	store_rollback(f->s);
	r = counts_of(v, n, root);
	assert_int_equal(r->overdue, 0);
	assert_int_equal(r->items_done, 1);
	assert_int_equal(r->requests_open, 0);
	assert_int_equal(r->reports_missing, 0);

	/* the rows behind a count */
	struct dash_row *rows;
	OK(store_begin(f->s, false, &f->err));
	OK(store_dash_rows(f->s, &f->a, root, DASH_ITEMS_DUE_SOON, 2026, today, 10, &rows, &n,
			   &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].text, "sắp đến hạn");
	assert_int_equal(rows[0].org_id, com);
	assert_string_equal(rows[0].org_name, "Đảng ủy xã");
	OK(store_dash_rows(f->s, &f->a, root, DASH_PLANS_MISSING, 2026, today, 100, &rows, &n,
			   &f->err));
	assert_int_equal(n, 16 - 2);
	OK(store_dash_rows(f->s, &f->a, root, DASH_PLANS_LATE, 2026, today, 100, &rows, &n,
			   &f->err));
	assert_int_equal(n, 2); /* approved after 31/3, and a draft past it */
	store_rollback(f->s);
	assert_int_equal(diff(f), 0);
}

static uint64_t rng = 88172645463325252ull;
static int rnd(int n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int)(rng % (uint64_t)n);
}

static void test_random_equals_recount(void **state)
{
	struct fx *f = *state;
	int32_t today = D(2026, 6, 1);
	static const char *const status[] = {"draft", "comment", "approved", "adjusting", "closed"};
	static const char *const dkind[] = {"date",	   "window", "recurring",
					    "conditional", "none",   "from"};
	static const char *const pstate[] = {"not_started", "in_progress", "done", "stalled"};
	static const char *const rstatus[] = {"draft", "submitted", "returned", "accepted"};
	rebuild_if_stale(f, today);
	sql(f, "INSERT INTO report_campaigns(id, org_id, kind, year_from, year_to, title,"
	       " created_at, updated_at) VALUES (1, 1, 'annual', 2026, 2026, 'Năm', 0, 0),"
	       " (2, 1, 'mid_term', 2025, 2027, 'Sơ kết', 0, 0);");
	int checks = 0;
	for (int step = 0; step < 1500; step++) {
		int64_t org = f->orgs[rnd(f->n_orgs)];
		int64_t plan = 1 + rnd(30), item = 1 + rnd(150), other = 1 + rnd(40);
		int32_t day = D(2026, 1, 1) + rnd(365);
		switch (rnd(12)) {
		case 0:
			sql(f,
			    "INSERT OR IGNORE INTO plans(id, owner_org_id, scope, year_from,"
			    " year_to, title, status, approved_day, created_at, updated_at)"
			    " VALUES (%lld, %lld, '%s', %d, %d, 'p', '%s', %s, 0, 0)",
			    (long long)plan, (long long)org, rnd(3) ? "year" : "term",
			    2025 + rnd(3), 2027, status[rnd(5)], rnd(2) ? "NULL" : "20500");
			break;
		case 1:
			sql(f, "UPDATE plans SET status = '%s', approved_day = %d WHERE id = %lld",
			    status[rnd(5)], rnd(3) ? day : 0, (long long)plan);
			break;
		case 2:
			sql(f, "UPDATE plans SET owner_org_id = %lld WHERE id = %lld",
			    (long long)org, (long long)plan);
			break;
		case 3:
		case 4:
			sql(f,
			    "INSERT OR IGNORE INTO plan_items(id, plan_id, seq, text, kind,"
			    " deadline_kind, deadline_end, event_day, deadline_after_days,"
			    " progress_state, created_at, updated_at) SELECT %lld, id, 1, 't', '%s',"
			    " '%s', %s, %s, %d, '%s', 0, 0 FROM plans WHERE id = %lld",
			    (long long)item, rnd(5) ? "task" : "proposal", dkind[rnd(6)],
			    rnd(4) ? "20600" : "NULL", rnd(2) ? "20550" : "NULL", rnd(40),
			    pstate[rnd(4)], (long long)plan);
			break;
		case 5:
			sql(f,
			    "UPDATE plan_items SET progress_state = '%s', deadline_end = %s,"
			    " event_day = %s WHERE id = %lld",
			    pstate[rnd(4)], rnd(3) ? "20580" : "NULL", rnd(2) ? "20570" : "NULL",
			    (long long)item);
			break;
		case 6:
			sql(f,
			    "UPDATE plan_items SET plan_id = %lld WHERE id = %lld AND EXISTS"
			    " (SELECT 1 FROM plans WHERE id = %lld)",
			    (long long)plan, (long long)item, (long long)plan);
			break;
		case 7:
			sql(f, "DELETE FROM plan_items WHERE id = %lld", (long long)item);
			break;
		case 8:
			sql(f,
			    "INSERT INTO plan_comments(plan_id, version, kind, text, created_at,"
			    " created_day) SELECT id, 1, '%s', 'x', 0, 0 FROM plans WHERE id = %lld;"
			    "UPDATE plan_comments SET answer = 'explained' WHERE id = %lld AND %d;",
			    rnd(2) ? "request" : "comment", (long long)plan, (long long)other,
			    rnd(2));
			break;
		case 9:
			sql(f,
			    "INSERT OR IGNORE INTO reports(campaign_id, org_id, status, due_day,"
			    " submitted_day, created_at, updated_at) VALUES (%d, %lld, '%s', %d, %d,"
			    " 0, 0)",
			    1 + rnd(2), (long long)org, rstatus[rnd(4)], day, day + rnd(20) - 10);
			break;
		case 10:
			sql(f,
			    "UPDATE reports SET status = '%s', submitted_day = %d WHERE id = %lld;"
			    "UPDATE report_campaigns SET status = '%s' WHERE id = %d;",
			    rstatus[rnd(4)], day, (long long)other, rnd(4) ? "open" : "closed",
			    1 + rnd(2));
			break;
		case 11:
			if (rnd(4) == 0) {
				/* the tree changes: a commune moves to another district */
				int64_t com = f->orgs[4 + rnd(f->n_orgs - 4)];
				int64_t dist = f->orgs[2 + rnd(2)];
				if (com != dist)
					sql(f,
					    "UPDATE org_versions SET parent_id = %lld WHERE"
					    " org_id = %lld AND NOT EXISTS (SELECT 1 FROM"
					    " org_versions WHERE org_id = %lld AND parent_id = %lld)",
					    (long long)dist, (long long)com, (long long)dist,
					    (long long)com);
			} else {
				sql(f, "DELETE FROM plan_comments WHERE id = %lld",
				    (long long)other);
			}
			break;
		}
		if (step % 50 == 49) {
			rebuild_if_stale(f, today);
			assert_int_equal(diff(f), 0);
			checks++;
		}
	}
	assert_int_equal(checks, 30);
	/* and the kept counters are not trivially empty */
	assert_true(scalar(f, "SELECT count(*) FROM org_counts WHERE n > 0") > 20);
}

static void test_wrong_counter_seen(void **state)
{
	struct fx *f = *state;
	int32_t today = D(2026, 6, 1);
	rebuild_if_stale(f, today);
	sql(f, "INSERT INTO plans(owner_org_id, scope, year_from, year_to, title, created_at,"
	       " updated_at) VALUES (3, 'year', 2026, 2026, 'p', 0, 0);");
	assert_int_equal(diff(f), 0);
	sql(f, "UPDATE org_counts SET n = n + 1 WHERE org_id = 1 AND metric = 'plan'");
	assert_int_equal(diff(f), 1);
	/* a day later the same tree is not rebuilt; a dirty one is */
	bool stale;
	OK(store_begin(f->s, true, &f->err));
	OK(store_counters_stale(f->s, today + 1, &stale, &f->err));
	assert_false(stale);
	OK(store_commit(f->s, &f->err));
	sql(f, "UPDATE org_versions SET name = 'Tỉnh ủy Sơn Nam' WHERE org_id = 1");
	OK(store_begin(f->s, true, &f->err));
	OK(store_counters_stale(f->s, today + 1, &stale, &f->err));
	assert_true(stale);
	OK(store_counters_rebuild(f->s, today + 1, &f->err));
	OK(store_commit(f->s, &f->err));
	assert_int_equal(diff(f), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scenario, setup, teardown),
		cmocka_unit_test_setup_teardown(test_random_equals_recount, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wrong_counter_seen, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
