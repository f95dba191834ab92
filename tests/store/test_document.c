/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The documents register on a real SQLite file: rows, the duplicate-number
 * lookup by year, the filtered and scoped list with paging, and links in
 * both directions. */
#include "core/common.h"
#include "core/date.h"
#include "store/document.h"
#include "store/org.h"
#include "store/search.h"
#include "store/store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct kh_error err;
	int64_t central, province, district, other_district, cell;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int64_t add_org(struct fx *f, int64_t parent, const char *name)
{
	int64_t id;
	assert_int_equal(
		store_org_insert(f->s, ORG_COMMITTEE, 1, D(2010, 1, 1), NULL, 0, &id, &f->err), 0);
	assert_int_equal(
		store_org_version_insert(f->s, id, D(2010, 1, 1), 0, parent, name, "", &f->err), 0);
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
	snprintf(f->path, sizeof(f->path), "%s/store_document_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	arena_init(&f->a, 4096);
	f->central = add_org(f, 0, "Ban Chấp hành Trung ương");
	f->province = add_org(f, f->central, "Tỉnh ủy Sơn Nam");
	f->district = add_org(f, f->province, "Huyện ủy Hòa Bình");
	f->other_district = add_org(f, f->province, "Huyện ủy Tân Lập");
	f->cell = add_org(f, f->district, "Chi bộ Thôn Đông");
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

static int64_t add_doc(struct fx *f, const char *kind, const char *number, int32_t date,
		       int64_t issuer, const char *title)
{
	struct document d = {.kind = kind,
			     .number = number,
			     .date = date,
			     .issuer_org_id = issuer,
			     .title = title};
	int64_t id;
	assert_int_equal(store_document_insert(f->s, &d, 1000, &id, &f->err), 0);
	return id;
}

static void test_insert_get_update(void **state)
{
	struct fx *f = *state;
	int64_t id = add_doc(f, "CV", "203-CV/BTCĐUK", D(2018, 5, 7), f->province,
			     "Về việc xây dựng kế hoạch");
	struct document d;
	assert_int_equal(store_document_get(f->s, &f->a, id, D(2024, 1, 1), &d, &f->err), 0);
	assert_string_equal(d.kind, "CV");
	assert_string_equal(d.number, "203-CV/BTCĐUK");
	assert_int_equal(d.date, D(2018, 5, 7));
	assert_int_equal(d.issuer_org_id, f->province);
	assert_string_equal(d.issuer_name, "Tỉnh ủy Sơn Nam");
	assert_string_equal(d.title, "Về việc xây dựng kế hoạch");

	d.date = 0;
	d.issuer_org_id = 0;
	d.title = "Sửa trích yếu";
	assert_int_equal(store_document_update(f->s, &d, 2000, &f->err), 0);
	struct document g;
	assert_int_equal(store_document_get(f->s, &f->a, id, D(2024, 1, 1), &g, &f->err), 0);
	assert_int_equal(g.date, 0);
	assert_int_equal(g.issuer_org_id, 0);
	assert_string_equal(g.issuer_name, "");
	assert_string_equal(g.title, "Sửa trích yếu");
	assert_int_equal(store_document_get(f->s, &f->a, id + 1, 0, &g, &f->err), KH_ENOTFOUND);
}

static void test_find_number(void **state)
{
	struct fx *f = *state;
	int64_t a = add_doc(f, "NQ", "12-NQ/TU", D(2016, 3, 1), f->province, "A");
	int64_t b = add_doc(f, "NQ", "12-NQ/TU", 0, f->province, "B");
	int64_t id;
	assert_int_equal(store_document_find_number(f->s, "12-NQ/TU", D(2016, 1, 1), D(2017, 1, 1),
						    0, &id, &f->err),
			 0);
	assert_int_equal(id, a);
	assert_int_equal(store_document_find_number(f->s, "12-NQ/TU", D(2016, 1, 1), D(2017, 1, 1),
						    a, &id, &f->err),
			 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_document_find_number(f->s, "12-NQ/TU", D(2021, 1, 1), D(2022, 1, 1),
						    0, &id, &f->err),
			 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_document_find_number(f->s, "12-NQ/TU", 0, 0, 0, &id, &f->err), 0);
	assert_int_equal(id, b);
	assert_int_equal(store_document_find_number(f->s, "13-NQ/TU", 0, 0, 0, &id, &f->err), 0);
	assert_int_equal(id, 0);
}

static void list(struct fx *f, struct document_filter *df, struct document **v, int *n,
		 int64_t *total)
{
	if (!df->limit)
		df->limit = 50;
	if (!df->day)
		df->day = D(2024, 1, 1);
	int rc = store_document_list(f->s, &f->a, df, v, n, total, &f->err);
	if (rc)
		fprintf(stderr, "%s\n", f->err.message);
	assert_int_equal(rc, 0);
}

static void test_list_filters_and_scope(void **state)
{
	struct fx *f = *state;
	int64_t tw = add_doc(f, "NQ", "19-NQ/TW", D(2017, 10, 25), f->central, "Nghị quyết TW");
	int64_t tu = add_doc(f, "NQ", "05-NQ/TU", D(2016, 3, 1), f->province, "Nghị quyết Tỉnh ủy");
	int64_t hu = add_doc(f, "KH", "07-KH/HU", D(2018, 1, 15), f->district, "Kế hoạch Huyện ủy");
	int64_t other = add_doc(f, "KH", "08-KH/HU", D(2018, 2, 1), f->other_district,
				"Kế hoạch huyện khác");
	int64_t cb = add_doc(f, "BC", "1-BC/CB", D(2018, 6, 1), f->cell, "Báo cáo chi bộ");
	int64_t none = add_doc(f, "HD", "36-HD/VPTW", 0, 0, "Hướng dẫn thể thức");
	struct document *v;
	int n;
	int64_t total;

	/* Everything, newest first, undated last. */
	struct document_filter df = {.all = true};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 6);
	assert_int_equal(total, 6);
	assert_int_equal(v[0].id, cb);
	assert_int_equal(v[1].id, other);
	assert_int_equal(v[5].id, none);

	/* Filters. */
	df = (struct document_filter){.all = true, .kind = "KH"};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 2);
	df = (struct document_filter){.all = true, .issuer_org_id = f->province};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, tu);
	df = (struct document_filter){
		.all = true, .date_from = D(2018, 1, 1), .date_to = D(2019, 1, 1)};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 3);
	df.limit = 1;
	df.offset = 1;
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(total, 3);
	assert_int_equal(v[0].id, other);

	/* A reader of the district: its subtree, its ancestors (flow down),
	 * documents with no issuer; not the other district. */
	int64_t roots[] = {f->district};
	int64_t extra[] = {f->province, f->central};
	df = (struct document_filter){.roots = roots, .n_roots = 1, .extra = extra, .n_extra = 2};
	list(f, &df, &v, &n, &total);
	assert_int_equal(total, 5);
	for (int i = 0; i < n; i++)
		assert_int_not_equal(v[i].id, other);
	/* Without the ancestors: the subtree and the unissued only. */
	df = (struct document_filter){.roots = roots, .n_roots = 1};
	list(f, &df, &v, &n, &total);
	assert_int_equal(total, 3);
	assert_int_equal(v[0].id, cb);
	assert_int_equal(v[1].id, hu);
	assert_int_equal(v[2].id, none);
	/* No roots at all. */
	df = (struct document_filter){.roots = NULL, .n_roots = 0};
	list(f, &df, &v, &n, &total);
	assert_int_equal(total, 1);

	/* Word filter over the index. */
	assert_int_equal(store_search_set(f->s, SEARCH_DOCUMENT, tw, "19-NQ/TW — Nghị quyết TW", "",
					  "19 nq tw nghi quyet tw ban chap hanh trung uong",
					  &f->err),
			 0);
	assert_int_equal(store_search_set(f->s, SEARCH_DOCUMENT, hu, "07-KH/HU — Kế hoạch", "",
					  "07 kh hu ke hoach huyen uy hoa binh", &f->err),
			 0);
	df = (struct document_filter){.all = true, .folded_query = "nghi quy"};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, tw);
	df = (struct document_filter){.all = true, .folded_query = "hoa binh", .kind = "KH"};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, hu);
	df = (struct document_filter){.all = true, .folded_query = "(\"*"};
	list(f, &df, &v, &n, &total);
	assert_int_equal(n, 0);
}

static void test_links(void **state)
{
	struct fx *f = *state;
	int64_t tw = add_doc(f, "NQ", "19-NQ/TW", D(2017, 10, 25), f->central, "NQ TW");
	int64_t tu = add_doc(f, "CTr", "10-CTr/TU", D(2018, 1, 5), f->province, "Chương trình");
	int64_t hu = add_doc(f, "KH", "07-KH/HU", D(2018, 2, 5), f->district, "Kế hoạch");
	int64_t old = add_doc(f, "KH", "01-KH/HU", D(2016, 2, 5), f->district, "Kế hoạch cũ");
	assert_int_equal(
		store_document_link_insert(f->s, tu, tw, DOCUMENT_LINK_IMPLEMENTS, &f->err), 0);
	assert_int_equal(
		store_document_link_insert(f->s, hu, tu, DOCUMENT_LINK_IMPLEMENTS, &f->err), 0);
	assert_int_equal(store_document_link_insert(f->s, hu, tw, DOCUMENT_LINK_BASED_ON, &f->err),
			 0);
	assert_int_equal(store_document_link_insert(f->s, hu, old, DOCUMENT_LINK_REPLACES, &f->err),
			 0);
	/* The same link twice, and a link to itself, are refused by the schema. */
	assert_int_equal(
		store_document_link_insert(f->s, hu, tu, DOCUMENT_LINK_IMPLEMENTS, &f->err),
		KH_ECONFLICT);
	assert_int_equal(store_document_link_insert(f->s, hu, hu, DOCUMENT_LINK_BASED_ON, &f->err),
			 KH_ECONFLICT);
	bool ex;
	assert_int_equal(
		store_document_link_exists(f->s, hu, tu, DOCUMENT_LINK_IMPLEMENTS, &ex, &f->err),
		0);
	assert_true(ex);
	assert_int_equal(
		store_document_link_exists(f->s, tu, hu, DOCUMENT_LINK_IMPLEMENTS, &ex, &f->err),
		0);
	assert_false(ex);

	struct document_link_item *v;
	int n;
	/* The programme: implements TW (out), implemented by HU (in). */
	assert_int_equal(store_document_links(f->s, &f->a, tu, &v, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_true(v[0].outgoing);
	assert_int_equal(v[0].other_id, tw);
	assert_int_equal(v[0].link.kind, DOCUMENT_LINK_IMPLEMENTS);
	assert_string_equal(v[0].link.other_number, "19-NQ/TW");
	assert_int_equal(v[0].other_issuer_org_id, f->central);
	assert_false(v[1].outgoing);
	assert_int_equal(v[1].other_id, hu);
	assert_string_equal(v[1].link.other_title, "Kế hoạch");
	/* TW: two incoming. */
	assert_int_equal(store_document_links(f->s, &f->a, tw, &v, &n, &f->err), 0);
	assert_int_equal(n, 2);
	assert_false(v[0].outgoing);
	assert_false(v[1].outgoing);
	/* HU: three outgoing. */
	assert_int_equal(store_document_links(f->s, &f->a, hu, &v, &n, &f->err), 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++)
		assert_true(v[i].outgoing);

	assert_int_equal(store_document_link_delete(f->s, hu, old, DOCUMENT_LINK_REPLACES, &f->err),
			 0);
	assert_int_equal(store_document_links(f->s, &f->a, old, &v, &n, &f->err), 0);
	assert_int_equal(n, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_insert_get_update, setup, teardown),
		cmocka_unit_test_setup_teardown(test_find_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters_and_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_links, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
