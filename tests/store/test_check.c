/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The reads of the quality check and of compliance on a real SQLite file:
 * a plan's items in order, the other plans of the same owner, and over a
 * small tree the heads (deduplicated, current only), the committees and
 * cells, and the plans of the subtree for a year with their open
 * comments. */
#include "core/common.h"
#include "store/check.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "check_fixture.h"

struct fx {
	struct cfx c;
	int64_t province, commune_a, commune_b, commune_gone, cell_a1, office, other;
	int64_t an, binh, cuong, dung, other_head;
	int64_t p_province, p_cell, p_an, p_binh, p_dung_term, p_commune_a_2025, p_other;
};

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	struct cfx *c = &f->c;
	if (cfx_open(c, "store_check"))
		return -1;
	int32_t t0 = D(2020, 1, 1);
	f->province = cfx_org(c, ORG_COMMITTEE, 1, 0, "Tỉnh ủy Sơn Nam", t0, 0);
	f->commune_a = cfx_org(c, ORG_COMMITTEE, 2, f->province, "Đảng ủy xã An Phú", t0, 0);
	f->commune_b = cfx_org(c, ORG_COMMITTEE, 2, f->province, "Đảng ủy xã Bình Minh", t0, 0);
	f->commune_gone =
		cfx_org(c, ORG_COMMITTEE, 2, f->province, "Đảng ủy xã Cũ", t0, D(2025, 7, 1));
	f->cell_a1 = cfx_org(c, ORG_CELL, 3, f->commune_a, "Chi bộ Thôn Đông", t0, 0);
	f->office = cfx_org(c, ORG_OFFICE, 1, f->province, "Văn phòng Tỉnh ủy", t0, 0);
	f->other = cfx_org(c, ORG_COMMITTEE, 1, 0, "Tỉnh ủy Bắc Sơn", t0, 0);

	f->an = cfx_person(c, "Nguyễn Văn An", f->province);
	f->binh = cfx_person(c, "Trần Thị Bình", f->cell_a1);
	f->cuong = cfx_person(c, "Lê Văn Cường", f->commune_b);
	f->dung = cfx_person(c, "Phạm Thị Dung", f->commune_b);
	f->other_head = cfx_person(c, "Hoàng Văn Em", f->other);
	cfx_position(c, f->an, f->province, POSITION_HEAD, "Bí thư Tỉnh ủy", t0, 0);
	/* Bình heads the commune and its cell (kiêm nhiệm): one head. */
	cfx_position(c, f->binh, f->commune_a, POSITION_HEAD, "Bí thư Đảng ủy xã", t0, 0);
	cfx_position(c, f->binh, f->cell_a1, POSITION_HEAD, "Bí thư Chi bộ", t0, 0);
	cfx_position(c, f->cuong, f->commune_b, POSITION_HEAD, "Bí thư", t0, D(2025, 1, 1));
	cfx_position(c, f->dung, f->commune_b, POSITION_HEAD, "Bí thư", D(2025, 1, 1), 0);
	cfx_position(c, f->an, f->commune_b, POSITION_MEMBER, "", t0, 0);
	cfx_position(c, f->other_head, f->other, POSITION_HEAD, "Bí thư", t0, 0);

	f->p_province =
		cfx_plan(c, f->province, 0, "year", 2026, 2026, "KH Tỉnh ủy 2026", "comment", 0, 0);
	f->p_cell = cfx_plan(c, f->cell_a1, 0, "year", 2026, 2026, "KH Chi bộ 2026", "approved",
			     D(2026, 3, 1), 0);
	f->p_an = cfx_plan(c, 0, f->an, "year", 2026, 2026, "KH cá nhân An 2026", "approved",
			   D(2026, 3, 15), 0);
	f->p_binh = cfx_plan(c, 0, f->binh, "year", 2026, 2026, "KH cá nhân Bình 2026", "approved",
			     D(2026, 4, 10), 0);
	f->p_dung_term = cfx_plan(c, 0, f->dung, "term", 2025, 2030, "KH toàn khóa Dung",
				  "approved", D(2025, 9, 1), 0);
	f->p_commune_a_2025 = cfx_plan(c, f->commune_a, 0, "year", 2025, 2025, "KH xã An Phú 2025",
				       "approved", D(2025, 3, 1), 0);
	f->p_other = cfx_plan(c, f->other, 0, "year", 2026, 2026, "KH Bắc Sơn", "draft", 0, 0);
	cfx_comment(c, f->p_province, false);
	cfx_comment(c, f->p_province, true);
	cfx_comment(c, f->p_an, true);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	cfx_close(&f->c);
	free(f);
	return 0;
}

static void test_items_in_order(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_item *v;
	int n;
	int64_t second = cfx_item(c, f->p_province, 2,
				  &(struct cfx_item){.text = "Hai",
						     .kind = "key_project",
						     .category = "coordination",
						     .coordinate_with = "Ban Dân vận",
						     .lead_org_id = f->office,
						     .deadline_kind = "date",
						     .deadline_text = "trước ngày 30-6-2026"});
	int64_t first = cfx_item(c, f->p_province, 1,
				 &(struct cfx_item){.text = "Một",
						    .measures = "Biện pháp",
						    .lead_person_id = f->an,
						    .lead_text = "Bí thư",
						    .upper_item_id = 0});
	cfx_item(c, f->p_cell, 1, &(struct cfx_item){.text = "Khác"});
	assert_int_equal(store_check_items(c->s, &c->a, f->p_province, &v, &n, &c->err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, first);
	assert_int_equal(v[0].seq, 1);
	assert_string_equal(v[0].text, "Một");
	assert_string_equal(v[0].measures, "Biện pháp");
	assert_int_equal(v[0].lead_person_id, f->an);
	assert_int_equal(v[0].lead_org_id, 0);
	assert_string_equal(v[0].lead_text, "Bí thư");
	assert_int_equal(v[0].kind, PLAN_ITEM_TASK);
	assert_int_equal(v[0].category, PLAN_CATEGORY_YEAR);
	assert_string_equal(v[0].deadline_kind, "none");
	assert_int_equal(v[1].id, second);
	assert_int_equal(v[1].kind, PLAN_ITEM_KEY_PROJECT);
	assert_int_equal(v[1].category, PLAN_CATEGORY_COORDINATION);
	assert_string_equal(v[1].coordinate_with, "Ban Dân vận");
	assert_int_equal(v[1].lead_org_id, f->office);
	assert_string_equal(v[1].deadline_kind, "date");
	assert_string_equal(v[1].deadline_text, "trước ngày 30-6-2026");
	assert_string_equal(v[1].plan_title, "KH Tỉnh ủy 2026");

	assert_int_equal(store_check_items(c->s, &c->a, 999999, &v, &n, &c->err), 0);
	assert_int_equal(n, 0);
}

static void test_owner_items(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_item *v;
	int n;
	/* Another plan of the province (its term plan) and of An. */
	int64_t term = cfx_plan(c, f->province, 0, "term", 2025, 2030, "CTr toàn khóa", "approved",
				D(2025, 10, 1), 0);
	int64_t t1 = cfx_item(c, term, 1, &(struct cfx_item){.text = "Toàn khóa một"});
	int64_t t2 = cfx_item(c, term, 2, &(struct cfx_item){.text = "Toàn khóa hai"});
	cfx_item(c, f->p_province, 1, &(struct cfx_item){.text = "Năm nay"});
	int64_t a1 = cfx_item(c, f->p_an, 1, &(struct cfx_item){.text = "Của An"});
	int64_t an2 = cfx_plan(c, 0, f->an, "year", 2025, 2025, "KH An 2025", "approved", 0, 0);
	int64_t a2 = cfx_item(c, an2, 1, &(struct cfx_item){.text = "Của An năm trước"});

	assert_int_equal(store_check_owner_items(c->s, &c->a, f->p_province, f->province, 0, &v, &n,
						 &c->err),
			 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, t1);
	assert_int_equal(v[1].id, t2);
	assert_string_equal(v[0].plan_title, "CTr toàn khóa");
	assert_int_equal(v[0].plan_id, term);

	assert_int_equal(store_check_owner_items(c->s, &c->a, f->p_an, 0, f->an, &v, &n, &c->err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a2);
	assert_int_equal(store_check_owner_items(c->s, &c->a, an2, 0, f->an, &v, &n, &c->err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, a1);
	/* A person's plans are not an org's, even with equal ids. */
	assert_int_equal(
		store_check_owner_items(c->s, &c->a, f->p_cell, f->cell_a1, 0, &v, &n, &c->err), 0);
	assert_int_equal(n, 0);
}

static void test_heads(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_head *h;
	int n;
	int32_t day = D(2026, 5, 1);
	assert_int_equal(store_check_heads(c->s, &c->a, f->province, day, 2026, &h, &n, &c->err),
			 0);
	/* An, Bình (once), Dung; not Cường (no longer head), not Bắc Sơn's. In
	 * name order by given name: An, Bình, Dung. */
	assert_int_equal(n, 3);
	assert_int_equal(h[0].person_id, f->an);
	assert_string_equal(h[0].person_name, "Nguyễn Văn An");
	assert_string_equal(h[0].org_name, "Tỉnh ủy Sơn Nam");
	assert_string_equal(h[0].title, "Bí thư Tỉnh ủy");
	assert_true(h[0].has_plan);
	assert_int_equal(h[1].person_id, f->binh);
	assert_int_equal(h[1].org_id, f->commune_a);
	assert_true(h[1].has_plan);
	assert_int_equal(h[2].person_id, f->dung);
	assert_false(h[2].has_plan); /* a term plan is not a year plan */

	/* Another year: nobody has one. */
	assert_int_equal(store_check_heads(c->s, &c->a, f->province, day, 2027, &h, &n, &c->err),
			 0);
	assert_int_equal(n, 3);
	for (int i = 0; i < n; i++)
		assert_false(h[i].has_plan);
	/* On a day when Cường still headed commune B. */
	assert_int_equal(
		store_check_heads(c->s, &c->a, f->commune_b, D(2024, 6, 1), 2024, &h, &n, &c->err),
		0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].person_id, f->cuong);
	/* A subtree below: the commune alone. */
	assert_int_equal(store_check_heads(c->s, &c->a, f->commune_a, day, 2026, &h, &n, &c->err),
			 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].person_id, f->binh);
}

static void test_orgs(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_org *o;
	int n;
	assert_int_equal(
		store_check_orgs(c->s, &c->a, f->province, D(2026, 5, 1), 2026, &o, &n, &c->err),
		0);
	/* The province, two communes (not the dissolved one), the cell; not the
	 * office. */
	assert_int_equal(n, 4);
	assert_int_equal(o[0].org_id, f->province);
	assert_true(o[0].has_plan);
	assert_int_equal(o[0].kind, ORG_COMMITTEE);
	assert_int_equal(o[1].org_id, f->commune_a);
	assert_false(o[1].has_plan); /* its plan is for 2025 */
	assert_int_equal(o[2].org_id, f->commune_b);
	assert_false(o[2].has_plan);
	assert_int_equal(o[3].org_id, f->cell_a1);
	assert_int_equal(o[3].kind, ORG_CELL);
	assert_string_equal(o[3].org_name, "Chi bộ Thôn Đông");
	assert_true(o[3].has_plan);
	/* Before the commune was dissolved it is there. */
	assert_int_equal(
		store_check_orgs(c->s, &c->a, f->province, D(2025, 5, 1), 2025, &o, &n, &c->err),
		0);
	assert_int_equal(n, 5);
}

static void test_plans(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_plan *p;
	int n;
	assert_int_equal(
		store_check_plans(c->s, &c->a, f->province, D(2026, 5, 1), 2026, &p, &n, &c->err),
		0);
	/* Province, cell, An, Bình, Dung's term plan; not the 2025 plan nor
	 * Bắc Sơn's. */
	assert_int_equal(n, 5);
	bool seen[5] = {0};
	for (int i = 0; i < n; i++) {
		const struct plan *pl = &p[i].plan;
		if (pl->id == f->p_province) {
			seen[0] = true;
			assert_int_equal(p[i].open_comments, 1);
			assert_int_equal(pl->status, PLAN_COMMENT);
			assert_int_equal(pl->approved_day, 0);
			assert_string_equal(pl->owner_name, "Tỉnh ủy Sơn Nam");
			assert_int_equal(pl->owner_org_id, f->province);
			assert_int_equal(pl->scope, PLAN_SCOPE_YEAR);
		} else if (pl->id == f->p_cell) {
			seen[1] = true;
		} else if (pl->id == f->p_an) {
			seen[2] = true;
			assert_int_equal(p[i].open_comments, 0);
			assert_string_equal(pl->owner_name, "Nguyễn Văn An");
			assert_int_equal(pl->owner_person_id, f->an);
		} else if (pl->id == f->p_binh) {
			seen[3] = true;
			assert_int_equal(pl->approved_day, D(2026, 4, 10));
			assert_string_equal(pl->title, "KH cá nhân Bình 2026");
		} else if (pl->id == f->p_dung_term) {
			seen[4] = true;
			assert_int_equal(pl->scope, PLAN_SCOPE_TERM);
			assert_int_equal(pl->year_to, 2030);
		} else {
			fail_msg("unexpected plan %lld", (long long)pl->id);
		}
	}
	for (int i = 0; i < 5; i++)
		assert_true(seen[i]);
	/* The commune's subtree: Bình's plan and the cell's. */
	assert_int_equal(
		store_check_plans(c->s, &c->a, f->commune_a, D(2026, 5, 1), 2026, &p, &n, &c->err),
		0);
	assert_int_equal(n, 2);
	assert_int_equal(
		store_check_plans(c->s, &c->a, f->commune_a, D(2026, 5, 1), 2025, &p, &n, &c->err),
		0);
	assert_int_equal(n, 1);
	assert_int_equal(p[0].plan.id, f->p_commune_a_2025);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_items_in_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_owner_items, setup, teardown),
		cmocka_unit_test_setup_teardown(test_heads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_orgs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plans, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
