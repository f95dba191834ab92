/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The access scope: who reads, acts for and restructures which part of the
 * tree, from positions as of ctx->today — office staff of a province read the
 * whole subtree, a cell secretary only the cell, the Ban Tổ chức manages, a
 * plain member cannot rename, an account without a person sees nothing, and
 * dissolved orgs are judged on their last day. */
#include "core/common.h"
#include "app/org.h"
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
	/* The tree. */
	int64_t province, office, board, inspection, base1, base2, cell1, cell2, old_cell;
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

/* People and positions belong to another module: the fixture inserts them
 * with plain SQL on a second connection. */
static void position(struct fx *f, int64_t person, int64_t org, const char *role)
{
	sqlite3 *db;
	char *sql;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	sql = sqlite3_mprintf("INSERT OR IGNORE INTO people(id, full_name, created_at, updated_at)"
			      " VALUES (%lld, 'Người %lld', 0, 0);"
			      "INSERT INTO positions(person_id, org_id, role, valid_from)"
			      " VALUES (%lld, %lld, %Q, %d);",
			      (long long)person, (long long)person, (long long)person,
			      (long long)org, role, D(2016, 1, 1));
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_free(sql);
	sqlite3_close(db);
}

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
	snprintf(f->path, sizeof(f->path), "%s/app_scope_%d.db", tmp, (int)getpid());
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
	f->board = create(f, f->province, "Ban Tổ chức Tỉnh ủy", "org_board", 2);
	f->inspection = create(f, f->province, "Ủy ban Kiểm tra Tỉnh ủy", "inspection", 2);
	f->base1 = create(f, f->province, "Đảng ủy xã An", "committee", 3);
	f->base2 = create(f, f->province, "Đảng ủy xã Bình", "committee", 3);
	f->cell1 = create(f, f->base1, "Chi bộ thôn 1", "cell", 4);
	f->cell2 = create(f, f->base1, "Chi bộ thôn 2", "cell", 4);
	f->old_cell = create(f, f->base2, "Chi bộ cũ", "cell", 4);
	OK(app_org_dissolve(&f->sys, f->old_cell, D(2020, 1, 1), 0, NULL, &f->err));
	position(f, 1, f->office, "staff");	 /* office staff of the province */
	position(f, 2, f->cell1, "head");	 /* secretary of cell 1 */
	position(f, 3, f->board, "staff");	 /* Ban Tổ chức */
	position(f, 4, f->cell1, "member");	 /* a plain member */
	position(f, 5, f->inspection, "deputy"); /* UBKT */
	position(f, 6, f->base1, "head");	 /* secretary of the base committee */
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
static struct app_ctx as(struct fx *f, struct actor *a, int64_t person)
{
	memset(a, 0, sizeof(*a));
	a->user_id = 100 + person;
	a->person_id = person;
	a->username = "u";
	return (struct app_ctx){.store = f->s,
				.arena = &f->a,
				.actor = a,
				.today = D(2026, 1, 15),
				.now = 1768435200};
}

static bool can_read(struct app_ctx *c, int64_t id)
{
	struct kh_error e;
	int rc = app_can_read_org(c, id, &e);
	assert_true(rc == 0 || rc == KH_EFORBIDDEN);
	return rc == 0;
}

static bool can_manage(struct app_ctx *c, int64_t id)
{
	struct kh_error e;
	int rc = app_can_manage_org(c, id, &e);
	assert_true(rc == 0 || rc == KH_EFORBIDDEN);
	return rc == 0;
}

static bool can_act(struct app_ctx *c, int64_t id)
{
	struct kh_error e;
	int rc = app_can_act_for_org(c, id, &e);
	assert_true(rc == 0 || rc == KH_EFORBIDDEN);
	return rc == 0;
}

static void test_office_reads_whole_subtree(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 1);
	assert_true(can_read(&c, f->province));
	assert_true(can_read(&c, f->cell2));
	assert_true(can_read(&c, f->old_cell)); /* judged on its last day */
	assert_true(can_read(&c, f->inspection));
	/* The office edits the committee's structure (DESIGN: "Văn phòng"). */
	assert_true(can_manage(&c, f->cell1));
	assert_true(can_act(&c, f->office));
	assert_int_equal(a.n_act_orgs, 1);
	assert_int_equal(a.act_orgs[0], f->office);

	struct org *roots;
	int n;
	OK(app_org_roots(&c, 0, &roots, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(roots[0].id, f->province);
}

static void test_cell_secretary(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 2);
	assert_true(can_read(&c, f->cell1));
	assert_false(can_read(&c, f->cell2));
	assert_false(can_read(&c, f->base1));
	assert_false(can_read(&c, f->province));
	assert_false(can_manage(&c, f->cell1)); /* a cell is not a committee */
	assert_true(can_act(&c, f->cell1));
	assert_false(can_act(&c, f->cell2));

	struct org o, *v;
	int n;
	assert_int_equal(app_org_get(&c, f->cell2, 0, &o, &f->err), KH_EFORBIDDEN);
	OK(app_org_get(&c, f->cell1, 0, &o, &f->err));
	/* The breadcrumb stops at the scope. */
	OK(app_org_path(&c, f->cell1, 0, &v, &n, &f->err));
	assert_int_equal(n, 0);
	OK(app_org_roots(&c, 0, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, f->cell1);
	/* Search hides what is out of scope. */
	OK(app_org_search(&c, "chi bo thon", 0, 10, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(v[0].id, f->cell1);
	assert_int_equal(app_org_children(&c, f->base1, 0, &v, &n, &f->err), KH_EFORBIDDEN);
}

/* Priming many read checks in one query answers exactly as checking each
 * on its own: for every person and every org, including a dissolved one. */
static void test_prime_agrees_with_single_checks(void **state)
{
	struct fx *f = *state;
	int64_t all[] = {f->province, f->office, f->board, f->inspection, f->base1,
			 f->base2,    f->cell1,	 f->cell2, f->old_cell,	  999999};
	for (int64_t person = 1; person <= 6; person++) {
		struct actor single, primed;
		struct app_ctx c1 = as(f, &single, person), c2 = as(f, &primed, person);
		OK(app_can_read_orgs_prime(&c2, all, (int)KH_ARRAY_LEN(all), &f->err));
		for (size_t i = 0; i < KH_ARRAY_LEN(all); i++)
			assert_int_equal(can_read(&c1, all[i]), can_read(&c2, all[i]));
	}
}

static void test_org_board_manages(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 3);
	assert_true(can_manage(&c, f->province));
	assert_true(can_manage(&c, f->cell2));
	OK(app_org_rename(&c, f->cell2, "Chi bộ thôn Hai", NULL, D(2025, 1, 1), NULL, &f->err));
	struct org_create in = {.parent_id = f->base2,
				.name = "Chi bộ mới",
				.kind = "cell",
				.level = 4,
				.date = D(2025, 1, 1)};
	int64_t id;
	OK(app_org_create(&c, &in, &id, &f->err));
	/* A root needs an admin. */
	in.parent_id = 0;
	assert_int_equal(app_org_create(&c, &in, &id, &f->err), KH_EFORBIDDEN);
	assert_int_equal(app_org_move(&c, f->base2, 0, D(2025, 1, 1), NULL, &f->err),
			 KH_EFORBIDDEN);

	/* The audit names the acting user. */
	struct audit_entry *au;
	int n;
	OK(store_audit_list(f->s, &f->a, "org", f->cell2, 5, &au, &n, &f->err));
	assert_string_equal(au[0].action, "org.rename");
	assert_int_equal(au[0].user_id, 103);
}

static void test_member_and_inspection(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 4);
	assert_true(can_read(&c, f->cell1));
	assert_int_equal(
		app_org_rename(&c, f->cell1, "Chi bộ X", NULL, D(2025, 1, 1), NULL, &f->err),
		KH_EFORBIDDEN);
	struct org o;
	OK(app_org_get(&f->sys, f->cell1, 0, &o, &f->err));
	assert_string_equal(o.name, "Chi bộ thôn 1");

	struct actor b;
	struct app_ctx u = as(f, &b, 5);
	assert_true(can_read(&u, f->cell2)); /* advisory: the whole subtree */
	assert_false(can_manage(&u, f->cell2));
	assert_int_equal(app_org_dissolve(&u, f->cell2, D(2025, 1, 1), 0, NULL, &f->err),
			 KH_EFORBIDDEN);
}

static void test_head_of_committee(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 6);
	assert_true(can_manage(&c, f->cell2));
	assert_true(can_manage(&c, f->base1));
	assert_false(can_manage(&c, f->base2));
	assert_false(can_read(&c, f->province));
	/* Moving out of scope needs rights on the new parent. */
	assert_int_equal(app_org_move(&c, f->cell2, f->base2, D(2025, 1, 1), NULL, &f->err),
			 KH_EFORBIDDEN);
	int64_t srcs[] = {f->cell2};
	OK(app_org_merge(&c, srcs, 1, f->cell1, D(2025, 1, 1), NULL, &f->err));
}

static void test_no_person_and_admin(void **state)
{
	struct fx *f = *state;
	struct actor a;
	struct app_ctx c = as(f, &a, 0);
	assert_false(can_read(&c, f->province));
	assert_false(can_read(&c, f->cell1));
	assert_false(can_act(&c, f->cell1));
	struct org *v;
	int n;
	OK(app_org_roots(&c, 0, &v, &n, &f->err));
	assert_int_equal(n, 0);

	/* A person whose only position is gone (before today) sees nothing. */
	struct actor g;
	struct app_ctx old = as(f, &g, 2);
	old.today = D(2015, 6, 1);
	assert_false(can_read(&old, f->cell1));

	struct actor adm;
	struct app_ctx ad = as(f, &adm, 0);
	adm.is_admin = true;
	assert_true(can_read(&ad, f->cell2));
	assert_true(can_manage(&ad, f->province));
	OK(app_org_roots(&ad, 0, &v, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(app_org_get(&ad, 987654, 0, &v[0], &f->err), KH_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_office_reads_whole_subtree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cell_secretary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_org_board_manages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_prime_agrees_with_single_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_member_and_inspection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_head_of_committee, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_person_and_admin, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
