/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* People and positions on a real SQLite file: rows, the external id's
 * uniqueness, lists by org (members, subtree, positions) in Vietnamese name
 * order with paging and a word filter, and the positions queries. */
#include "core/common.h"
#include "core/date.h"
#include "store/org.h"
#include "store/person.h"
#include "store/search.h"
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
	int64_t province, district, cell_a, cell_b;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int64_t add_org(struct fx *f, enum org_kind kind, int level, int32_t from, int32_t to,
		       int64_t parent, const char *name)
{
	int64_t id;
	assert_int_equal(store_org_insert(f->s, kind, level, from, NULL, 0, &id, &f->err), 0);
	assert_int_equal(store_org_version_insert(f->s, id, from, to, parent, name, "", &f->err),
			 0);
	if (to)
		assert_int_equal(store_org_set_end(f->s, id, to, &f->err), 0);
	return id;
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
	snprintf(f->path, sizeof(f->path), "%s/store_person_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 4096);
	f->province = add_org(f, ORG_COMMITTEE, 1, D(2015, 1, 1), 0, 0, "Tỉnh ủy Sơn Nam");
	f->district =
		add_org(f, ORG_COMMITTEE, 2, D(2015, 1, 1), 0, f->province, "Huyện ủy Hòa Bình");
	f->cell_a = add_org(f, ORG_CELL, 4, D(2015, 1, 1), 0, f->district, "Chi bộ Thôn Đông");
	/* A cell dissolved in 2020: its members still list by id. */
	f->cell_b = add_org(f, ORG_CELL, 4, D(2015, 1, 1), D(2020, 1, 1), f->district,
			    "Chi bộ Thôn Tây");
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

static int64_t add_person(struct fx *f, const char *name, int64_t member, const char *ext)
{
	struct person p = {
		.full_name = name, .gender = "", .member_org_id = member, .external_id = ext};
	int64_t id;
	assert_int_equal(store_person_insert(f->s, &p, 1000, &id, &f->err), 0);
	assert_true(id > 0);
	return id;
}

static void test_insert_get_update(void **state)
{
	struct fx *f = *state;
	struct person p = {.full_name = "Nguyễn Văn An",
			   .birth_year = 1975,
			   .gender = "nam",
			   .member_org_id = f->cell_a,
			   .residence_org_id = f->cell_b,
			   .managing_org_id = f->district,
			   .retired = false,
			   .external_id = "DV001"};
	int64_t id;
	assert_int_equal(store_person_insert(f->s, &p, 1000, &id, &f->err), 0);

	struct person g;
	assert_int_equal(store_person_get(f->s, &f->a, id, &g, &f->err), 0);
	assert_int_equal(g.id, id);
	assert_string_equal(g.full_name, "Nguyễn Văn An");
	assert_int_equal(g.birth_year, 1975);
	assert_string_equal(g.gender, "nam");
	assert_int_equal(g.member_org_id, f->cell_a);
	assert_int_equal(g.residence_org_id, f->cell_b);
	assert_int_equal(g.managing_org_id, f->district);
	assert_false(g.retired);
	assert_string_equal(g.external_id, "DV001");

	g.full_name = "Nguyễn Văn Ân";
	g.birth_year = 0;
	g.retired = true;
	g.external_id = "";
	g.residence_org_id = 0;
	assert_int_equal(store_person_update(f->s, &g, 2000, &f->err), 0);
	struct person h;
	assert_int_equal(store_person_get(f->s, &f->a, id, &h, &f->err), 0);
	assert_string_equal(h.full_name, "Nguyễn Văn Ân");
	assert_int_equal(h.birth_year, 0);
	assert_true(h.retired);
	assert_string_equal(h.external_id, "");
	assert_int_equal(h.residence_org_id, 0);

	assert_int_equal(store_person_get(f->s, &f->a, id + 100, &h, &f->err), KH_ENOTFOUND);
	assert_int_equal(f->err.code, KH_ENOTFOUND);
}

static void test_external_id(void **state)
{
	struct fx *f = *state;
	int64_t a = add_person(f, "Trần Thị Bình", f->cell_a, "DV-1");
	/* Two people without an external id are fine (NULL, not ""). */
	add_person(f, "Lê Văn Cường", f->cell_a, "");
	add_person(f, "Lê Văn Cần", f->cell_a, "");
	int64_t found;
	assert_int_equal(store_person_find_external(f->s, "DV-1", &found, &f->err), 0);
	assert_int_equal(found, a);
	assert_int_equal(store_person_find_external(f->s, "DV-2", &found, &f->err), 0);
	assert_int_equal(found, 0);
	struct person dup = {.full_name = "Ai đó", .gender = "", .external_id = "DV-1"};
	int64_t id;
	assert_int_equal(store_person_insert(f->s, &dup, 1000, &id, &f->err), KH_ECONFLICT);
}

static void list(struct fx *f, struct person_filter *pf, struct person_item **items, int *n,
		 int64_t *total)
{
	if (!pf->limit)
		pf->limit = 50;
	int rc = store_person_list(f->s, &f->a, pf, items, n, total, &f->err);
	if (rc)
		fprintf(stderr, "%s\n", f->err.message);
	assert_int_equal(rc, 0);
}

static void test_vietnamese_order_and_paging(void **state)
{
	struct fx *f = *state;
	/* Given names first: An, An, Ánh, Bình, Dũng, Đức, Uyên; ties by full name. */
	add_person(f, "Phạm Minh Đức", f->cell_a, "");
	add_person(f, "Nguyễn Văn An", f->cell_a, "");
	add_person(f, "Hoàng Văn Dũng", f->cell_a, "");
	add_person(f, "Trần Thị Bình", f->cell_a, "");
	add_person(f, "Lê Văn Ánh", f->cell_a, "");
	add_person(f, "Nguyễn Thị An", f->cell_a, "");
	add_person(f, "Vũ Thị Uyên", f->cell_b, "");
	const char *want[] = {"Nguyễn Thị An", "Nguyễn Văn An",	 "Lê Văn Ánh",
			      "Trần Thị Bình", "Hoàng Văn Dũng", "Phạm Minh Đức"};

	struct person_item *items;
	int n;
	int64_t total;
	int64_t orgs[] = {f->cell_a};
	struct person_filter pf = {
		.mode = PERSON_LIST_MEMBERS, .orgs = orgs, .n_orgs = 1, .day = D(2024, 1, 1)};
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 6);
	assert_int_equal(total, 6);
	for (int i = 0; i < n; i++)
		assert_string_equal(items[i].person.full_name, want[i]);
	assert_string_equal(items[0].member_org_name, "Chi bộ Thôn Đông");

	/* A page in the middle, and past the end (the total is still known). */
	pf.limit = 2;
	pf.offset = 2;
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_int_equal(total, 6);
	assert_string_equal(items[0].person.full_name, "Lê Văn Ánh");
	assert_string_equal(items[1].person.full_name, "Trần Thị Bình");
	pf.offset = 10;
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 0);
	assert_int_equal(total, 6);

	/* The subtree of the district as of 2024: cell_b was dissolved. */
	int64_t d[] = {f->district};
	struct person_filter st = {
		.mode = PERSON_LIST_SUBTREE, .orgs = d, .n_orgs = 1, .day = D(2024, 1, 1)};
	list(f, &st, &items, &n, &total);
	assert_int_equal(total, 6);
	st.day = D(2019, 6, 1);
	list(f, &st, &items, &n, &total);
	assert_int_equal(total, 7);
	assert_string_equal(items[6].person.full_name, "Vũ Thị Uyên");
	/* The dissolved cell's name is still shown (its last name). */
	assert_string_equal(items[6].member_org_name, "Chi bộ Thôn Tây");

	/* Everyone. */
	struct person_filter all = {.mode = PERSON_LIST_ALL, .day = D(2024, 1, 1)};
	list(f, &all, &items, &n, &total);
	assert_int_equal(total, 7);
}

static void test_word_filter(void **state)
{
	struct fx *f = *state;
	int64_t a = add_person(f, "Nguyễn Văn An", f->cell_a, "");
	int64_t b = add_person(f, "Nguyễn Thị Hoa", f->cell_a, "");
	add_person(f, "Trần Văn Nam", f->cell_a, "");
	assert_int_equal(store_search_set(f->s, SEARCH_PERSON, a, "Nguyễn Văn An", "Bí thư",
					  "nguyen van an bi thu", &f->err),
			 0);
	assert_int_equal(store_search_set(f->s, SEARCH_PERSON, b, "Nguyễn Thị Hoa", "",
					  "nguyen thi hoa", &f->err),
			 0);
	struct person_item *items;
	int n;
	int64_t total;
	int64_t orgs[] = {f->cell_a};
	struct person_filter pf = {.mode = PERSON_LIST_MEMBERS,
				   .orgs = orgs,
				   .n_orgs = 1,
				   .day = D(2024, 1, 1),
				   .folded_query = "nguy"};
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].person.full_name, "Nguyễn Văn An"); /* An < Hoa */
	assert_string_equal(items[0].subtitle, "Bí thư");
	pf.folded_query = "nguyen h";
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(items[0].person.id, b);
	/* FTS syntax typed by a user is only words. */
	pf.folded_query = "\"nguyen\" OR * NEAR(";
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 0);
	pf.folded_query = "   ";
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 0);
}

static void test_positions(void **state)
{
	struct fx *f = *state;
	int64_t an = add_person(f, "Nguyễn Văn An", f->cell_a, "");
	int64_t binh = add_person(f, "Trần Thị Bình", f->cell_a, "");
	int64_t cuong = add_person(f, "Lê Văn Cường", f->cell_b, "");
	struct position p = {.person_id = an,
			     .org_id = f->district,
			     .role = POSITION_HEAD,
			     .title = "Bí thư Huyện ủy",
			     .valid_from = D(2020, 10, 1)};
	int64_t head, dep, old, mem;
	assert_int_equal(store_position_insert(f->s, &p, &head, &f->err), 0);
	p = (struct position){.person_id = binh,
			      .org_id = f->district,
			      .role = POSITION_DEPUTY,
			      .title = "Phó Bí thư",
			      .valid_from = D(2020, 10, 1)};
	assert_int_equal(store_position_insert(f->s, &p, &dep, &f->err), 0);
	p = (struct position){.person_id = cuong,
			      .org_id = f->district,
			      .role = POSITION_HEAD,
			      .title = "Bí thư Huyện ủy",
			      .valid_from = D(2015, 10, 1),
			      .valid_to = D(2020, 10, 1)};
	assert_int_equal(store_position_insert(f->s, &p, &old, &f->err), 0);
	p = (struct position){.person_id = an,
			      .org_id = f->cell_a,
			      .role = POSITION_MEMBER,
			      .title = "",
			      .valid_from = D(2000, 1, 1)};
	assert_int_equal(store_position_insert(f->s, &p, &mem, &f->err), 0);

	struct position g;
	assert_int_equal(store_position_get(f->s, &f->a, head, D(2024, 1, 1), &g, &f->err), 0);
	assert_int_equal(g.person_id, an);
	assert_int_equal(g.role, POSITION_HEAD);
	assert_string_equal(g.title, "Bí thư Huyện ủy");
	assert_string_equal(g.person_name, "Nguyễn Văn An");
	assert_string_equal(g.org_name, "Huyện ủy Hòa Bình");
	assert_int_equal(g.valid_to, 0);
	assert_int_equal(store_position_get(f->s, &f->a, 9999, 0, &g, &f->err), KH_ENOTFOUND);

	/* In the org now: head, then deputy. In 2018: the former head. */
	struct position *v;
	int n;
	assert_int_equal(store_position_list(f->s, &f->a, 0, f->district, D(2024, 1, 1),
					     D(2024, 1, 1), &v, &n, &f->err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, head);
	assert_int_equal(v[1].id, dep);
	assert_int_equal(store_position_list(f->s, &f->a, 0, f->district, D(2018, 1, 1),
					     D(2024, 1, 1), &v, &n, &f->err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, old);
	assert_int_equal(v[0].valid_to, D(2020, 10, 1));
	/* All time: current first. */
	assert_int_equal(
		store_position_list(f->s, &f->a, 0, f->district, 0, D(2024, 1, 1), &v, &n, &f->err),
		0);
	assert_int_equal(n, 3);
	assert_int_equal(v[2].id, old);

	/* A person's: newest first. */
	assert_int_equal(store_position_list(f->s, &f->a, an, 0, 0, D(2024, 1, 1), &v, &n, &f->err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, head);
	assert_int_equal(v[1].id, mem);

	/* People with positions in the district, now and at any time. */
	struct person_item *items;
	int64_t total;
	int64_t orgs[] = {f->district};
	struct person_filter pf = {.mode = PERSON_LIST_POSITIONS,
				   .orgs = orgs,
				   .n_orgs = 1,
				   .day = D(2024, 1, 1),
				   .limit = 10};
	assert_int_equal(store_person_list(f->s, &f->a, &pf, &items, &n, &total, &f->err), 0);
	assert_int_equal(n, 2);
	pf.day = 0;
	assert_int_equal(store_person_list(f->s, &f->a, &pf, &items, &n, &total, &f->err), 0);
	assert_int_equal(n, 3);

	/* Overlaps: same person, org and role. */
	bool ov;
	assert_int_equal(store_position_overlaps(f->s, an, f->district, POSITION_HEAD,
						 D(2022, 1, 1), 0, 0, &ov, &f->err),
			 0);
	assert_true(ov);
	assert_int_equal(store_position_overlaps(f->s, an, f->district, POSITION_HEAD,
						 D(2010, 1, 1), D(2020, 10, 1), 0, &ov, &f->err),
			 0);
	assert_false(ov);
	assert_int_equal(store_position_overlaps(f->s, an, f->district, POSITION_HEAD,
						 D(2022, 1, 1), 0, head, &ov, &f->err),
			 0);
	assert_false(ov);
	assert_int_equal(store_position_overlaps(f->s, cuong, f->district, POSITION_HEAD,
						 D(2020, 10, 1), 0, 0, &ov, &f->err),
			 0);
	assert_false(ov);

	/* Ending a position. */
	assert_int_equal(store_position_set_end(f->s, dep, D(2023, 6, 1), &f->err), 0);
	assert_int_equal(store_position_get(f->s, &f->a, dep, D(2024, 1, 1), &g, &f->err), 0);
	assert_int_equal(g.valid_to, D(2023, 6, 1));
	assert_int_equal(store_position_list(f->s, &f->a, 0, f->district, D(2024, 1, 1),
					     D(2024, 1, 1), &v, &n, &f->err),
			 0);
	assert_int_equal(n, 1);
}

static void test_fill_sort_keys(void **state)
{
	struct fx *f = *state;
	add_person(f, "Trần Văn Cường", f->cell_a, "");
	add_person(f, "Lê Thị An", f->cell_a, "");
	/* A row written before sort keys existed. */
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *sql = sqlite3_mprintf("INSERT INTO people(full_name, member_org_id, created_at,"
				    " updated_at) VALUES ('Phạm Văn Bảo', %lld, 0, 0)",
				    (long long)f->cell_a);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_close(db);

	struct person_item *items;
	int n, filled;
	int64_t total;
	int64_t orgs[] = {f->cell_a};
	struct person_filter pf = {
		.mode = PERSON_LIST_MEMBERS, .orgs = orgs, .n_orgs = 1, .day = D(2024, 1, 1)};
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, 3);
	assert_string_equal(items[0].person.full_name, "Phạm Văn Bảo"); /* no key: first */
	assert_int_equal(store_begin(f->s, true, &f->err), 0);
	assert_int_equal(store_person_fill_sort_keys(f->s, &filled, &f->err), 0);
	assert_int_equal(store_commit(f->s, &f->err), 0);
	assert_int_equal(filled, 1);
	list(f, &pf, &items, &n, &total);
	assert_string_equal(items[0].person.full_name, "Lê Thị An");
	assert_string_equal(items[1].person.full_name, "Phạm Văn Bảo");
	assert_string_equal(items[2].person.full_name, "Trần Văn Cường");
	assert_int_equal(store_person_fill_sort_keys(f->s, &filled, &f->err), 0);
	assert_int_equal(filled, 0);
}

/* Names that share a given name, and given names that extend another. */
static void test_sort_key_order(void **state)
{
	struct fx *f = *state;
	/* An < Anh < Ánh (prefix first, then tone), Hà < Hải, U < Ư; the given
	 * name of "Phan Thị Hà Anh" is "Anh". */
	const char *want[] = {"Lê An",		 "Nguyễn An", "Trần Văn An", "Hồ Thị Anh",
			      "Phan Thị Hà Anh", "Lý Ánh",    "Đỗ Bảo",	     "Vũ Đào",
			      "Tạ Thị Hà",	 "Mai Hải",   "Lò Văn Uy",   "Lò Văn Ư"};
	/* Inserted in reverse. */
	for (int i = (int)KH_ARRAY_LEN(want) - 1; i >= 0; i--)
		add_person(f, want[i], f->cell_a, "");
	struct person_item *items;
	int n;
	int64_t total;
	int64_t orgs[] = {f->cell_a};
	struct person_filter pf = {
		.mode = PERSON_LIST_MEMBERS, .orgs = orgs, .n_orgs = 1, .day = D(2024, 1, 1)};
	list(f, &pf, &items, &n, &total);
	assert_int_equal(n, (int)KH_ARRAY_LEN(want));
	for (int i = 0; i < n; i++)
		if (strcmp(items[i].person.full_name, want[i]) != 0)
			fail_msg("position %d: %s, expected %s", i, items[i].person.full_name,
				 want[i]);
}

static void test_org_name_near(void **state)
{
	struct fx *f = *state;
	const char *name;
	assert_int_equal(store_org_name_near(f->s, &f->a, f->cell_b, D(2024, 1, 1), &name, &f->err),
			 0);
	assert_string_equal(name, "Chi bộ Thôn Tây");
	assert_int_equal(store_org_name_near(f->s, &f->a, 424242, D(2024, 1, 1), &name, &f->err),
			 0);
	assert_string_equal(name, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_get_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_external_id, setup, teardown),
		cmocka_unit_test_setup_teardown(test_vietnamese_order_and_paging, setup, teardown),
		cmocka_unit_test_setup_teardown(test_word_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fill_sort_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_key_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_name_near, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
