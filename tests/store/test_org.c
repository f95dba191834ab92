/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The org tree's storage on a real SQLite file: as-of reads before and after
 * a change, nearest versions, ancestors, events both ways, codes, the search
 * filter, and the positions query of the access scope. */
#include "core/common.h"
#include "core/date.h"
#include "store/org.h"
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
	struct arena a;
	struct kh_error err;
};

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
	snprintf(f->path, sizeof(f->path), "%s/store_org_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 4096);
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

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int64_t add_org(struct fx *f, enum org_kind kind, int level, int32_t from, int64_t parent,
		       const char *name, const char *short_name, const char *code)
{
	int64_t id;
	assert_int_equal(store_org_insert(f->s, kind, level, from, code, 0, &id, &f->err), 0);
	assert_int_equal(
		store_org_version_insert(f->s, id, from, 0, parent, name, short_name, &f->err), 0);
	return id;
}

static void test_as_of_and_children(void **state)
{
	struct fx *f = *state;
	struct org o, *kids;
	int n;
	struct org_version v;

	int64_t p = add_org(f, ORG_COMMITTEE, 1, D(2015, 1, 1), 0, "Tỉnh ủy Sơn Nam", "TU", "P");
	int64_t d = add_org(f, ORG_COMMITTEE, 2, D(2015, 1, 1), p, "Huyện ủy Bắc", "HU", NULL);
	int64_t c = add_org(f, ORG_COMMITTEE, 3, D(2016, 5, 1), d, "Đảng ủy xã A", "ĐU", NULL);

	/* Before c exists. */
	assert_int_equal(store_org_get(f->s, &f->a, c, D(2016, 4, 30), &o, &f->err), KH_ENOTFOUND);
	assert_int_equal(store_org_get(f->s, &f->a, d, D(2016, 4, 30), &o, &f->err), 0);
	assert_int_equal(o.child_count, 0);
	assert_int_equal(store_org_get(f->s, &f->a, d, D(2016, 5, 1), &o, &f->err), 0);
	assert_int_equal(o.child_count, 1);
	assert_int_equal(o.parent_id, p);
	assert_string_equal(o.name, "Huyện ủy Bắc");
	assert_int_equal(o.level, 2);
	assert_int_equal(o.kind, ORG_COMMITTEE);

	/* Move c directly under p on 2025-07-01 and end d that day. */
	assert_int_equal(store_org_version_at(f->s, &f->a, c, D(2025, 7, 1), &v, &f->err), 0);
	assert_int_equal(store_org_version_set_end(f->s, v.id, D(2025, 7, 1), &f->err), 0);
	assert_int_equal(store_org_version_insert(f->s, c, D(2025, 7, 1), 0, p, "Đảng ủy xã A",
						  "ĐU", &f->err),
			 0);
	assert_int_equal(store_org_version_at(f->s, &f->a, d, D(2025, 7, 1), &v, &f->err), 0);
	assert_int_equal(store_org_version_set_end(f->s, v.id, D(2025, 7, 1), &f->err), 0);
	assert_int_equal(store_org_set_end(f->s, d, D(2025, 7, 1), &f->err), 0);

	assert_int_equal(store_org_children(f->s, &f->a, p, D(2025, 6, 30), &kids, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kids[0].id, d);
	assert_int_equal(kids[0].child_count, 1);
	assert_int_equal(store_org_children(f->s, &f->a, p, D(2025, 7, 1), &kids, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kids[0].id, c);
	assert_int_equal(store_org_children(f->s, &f->a, 0, D(2025, 7, 1), &kids, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(kids[0].id, p);
	assert_int_equal(kids[0].child_count, 1);
	assert_int_equal(store_org_children(f->s, &f->a, 0, D(2014, 1, 1), &kids, &n, &f->err), 0);
	assert_int_equal(n, 0);

	/* Nearest: after its end, the last version, with its valid_to. */
	assert_int_equal(store_org_get(f->s, &f->a, d, D(2026, 1, 1), &o, &f->err), KH_ENOTFOUND);
	assert_int_equal(store_org_get_nearest(f->s, &f->a, d, D(2026, 1, 1), &o, &f->err), 0);
	assert_string_equal(o.name, "Huyện ủy Bắc");
	assert_int_equal(o.valid_to, D(2025, 7, 1));
	assert_int_equal(o.child_count, 1); /* as of its last day */
	assert_int_equal(store_org_get_nearest(f->s, &f->a, c, D(2010, 1, 1), &o, &f->err), 0);
	assert_int_equal(o.parent_id, d);
	assert_int_equal(store_org_get_nearest(f->s, &f->a, 9999, D(2010, 1, 1), &o, &f->err),
			 KH_ENOTFOUND);

	/* Ancestors both ways of the change. */
	int64_t *chain;
	assert_int_equal(store_org_ancestors(f->s, &f->a, c, D(2020, 1, 1), &chain, &n, &f->err),
			 0);
	assert_int_equal(n, 3);
	assert_int_equal(chain[0], c);
	assert_int_equal(chain[1], d);
	assert_int_equal(chain[2], p);
	assert_int_equal(store_org_ancestors(f->s, &f->a, c, D(2026, 1, 1), &chain, &n, &f->err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(chain[1], p);

	/* Versions, oldest first, with the parent's name. */
	struct org_version *vs;
	assert_int_equal(store_org_versions(f->s, &f->a, c, &vs, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(vs[0].valid_to, D(2025, 7, 1));
	assert_string_equal(vs[0].parent_name, "Huyện ủy Bắc");
	assert_int_equal(vs[1].valid_to, 0);
	assert_string_equal(vs[1].parent_name, "Tỉnh ủy Sơn Nam");
	assert_int_equal(store_org_version_last(f->s, &f->a, c, &v, &f->err), 0);
	assert_int_equal(v.id, vs[1].id);

	/* Codes. */
	int64_t found;
	assert_int_equal(store_org_find_code(f->s, "P", &found, &f->err), 0);
	assert_int_equal(found, p);
	assert_int_equal(store_org_find_code(f->s, "nope", &found, &f->err), 0);
	assert_int_equal(found, 0);
	int64_t dup;
	assert_int_equal(store_org_insert(f->s, ORG_CELL, 4, D(2020, 1, 1), "P", 0, &dup, &f->err),
			 KH_ECONFLICT);
}

static void test_events_both_ways(void **state)
{
	struct fx *f = *state;
	int64_t a = add_org(f, ORG_CELL, 4, D(2015, 1, 1), 0, "Chi bộ 1", "", NULL);
	int64_t b = add_org(f, ORG_CELL, 4, D(2015, 1, 1), 0, "Chi bộ 2", "", NULL);
	struct org_event ev = {.kind = ORG_EVENT_MERGE,
			       .date = D(2020, 1, 1),
			       .org_id = a,
			       .other_org_id = b,
			       .old_value = "Chi bộ 1",
			       .new_value = "Chi bộ 2"};
	assert_int_equal(store_org_event_insert(f->s, &ev, 0, 0, &f->err), 0);
	struct org_event *evs;
	int n;
	assert_int_equal(store_org_events(f->s, &f->a, b, &evs, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(evs[0].kind, ORG_EVENT_MERGE);
	assert_int_equal(evs[0].org_id, a);
	assert_string_equal(evs[0].new_value, "Chi bộ 2");
	assert_int_equal(store_org_events(f->s, &f->a, a, &evs, &n, &f->err), 0);
	assert_int_equal(n, 1);
}

static void test_search_filter(void **state)
{
	struct fx *f = *state;
	int64_t a = add_org(f, ORG_COMMITTEE, 1, D(2015, 1, 1), 0, "Tỉnh ủy Nghệ An", "TU", NULL);
	int64_t b = add_org(f, ORG_COMMITTEE, 1, D(2015, 1, 1), 0, "Tỉnh ủy Hà Tĩnh", "TU", NULL);
	assert_int_equal(
		store_org_index(f->s, a, "Tỉnh ủy Nghệ An", "", "tinh uy nghe an tu", &f->err), 0);
	assert_int_equal(
		store_org_index(f->s, b, "Tỉnh ủy Hà Tĩnh", "", "tinh uy ha tinh tu", &f->err), 0);
	struct org *hits;
	int n;
	assert_int_equal(
		store_org_search(f->s, &f->a, "ngh an", D(2020, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(hits[0].id, a);
	assert_int_equal(
		store_org_search(f->s, &f->a, "tinh", D(2020, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(
		store_org_search(f->s, &f->a, "tinh", D(2010, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(n, 0);
	/* Quotes in the query are harmless. */
	assert_int_equal(
		store_org_search(f->s, &f->a, "\"ngh", D(2020, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(
		store_org_search(f->s, &f->a, "   ", D(2020, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(store_org_index(f->s, a, NULL, NULL, NULL, &f->err), 0);
	assert_int_equal(
		store_org_search(f->s, &f->a, "nghe", D(2020, 1, 1), 10, &hits, &n, &f->err), 0);
	assert_int_equal(n, 0);
}

static void test_positions_current(void **state)
{
	struct fx *f = *state;
	int64_t a = add_org(f, ORG_CELL, 4, D(2015, 1, 1), 0, "Chi bộ 1", "", NULL);
	/* People and positions belong to another module; insert the fixture with
	 * plain SQL on a second connection. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char sql[512];
	snprintf(
		sql, sizeof(sql),
		"INSERT INTO people(id, full_name, created_at, updated_at) VALUES (7, 'Nguyễn Văn A', 0, 0);"
		"INSERT INTO positions(person_id, org_id, role, title, valid_from, valid_to)"
		" VALUES (7, %lld, 'head', 'Bí thư', %d, NULL), (7, %lld, 'member', '', %d, %d);",
		(long long)a, D(2020, 1, 1), (long long)a, D(2015, 1, 1), D(2020, 1, 1));
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	struct position *p;
	int n;
	assert_int_equal(
		store_positions_current_of_person(f->s, &f->a, 7, D(2021, 1, 1), &p, &n, &f->err),
		0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].role, POSITION_HEAD);
	assert_string_equal(p[0].org_name, "Chi bộ 1");
	assert_string_equal(p[0].title, "Bí thư");
	assert_int_equal(
		store_positions_current_of_person(f->s, &f->a, 7, D(2019, 12, 31), &p, &n, &f->err),
		0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].role, POSITION_MEMBER);
	assert_int_equal(p[0].valid_to, D(2020, 1, 1));
	assert_int_equal(
		store_positions_current_of_person(f->s, &f->a, 8, D(2021, 1, 1), &p, &n, &f->err),
		0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_as_of_and_children, setup, teardown),
		cmocka_unit_test_setup_teardown(test_events_both_ways, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions_current, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
