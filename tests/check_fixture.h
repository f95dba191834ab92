/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The small world of the quality check and compliance tests (store and app):
 * a database file with a tree built through the store, and plans, items and
 * comments written as plain rows through a second SQLite connection — the
 * check reads rows, so the tests set exactly the rows they mean. Static
 * functions: included by one test program each.
 */
#ifndef KH_TESTS_CHECK_FIXTURE_H
#define KH_TESTS_CHECK_FIXTURE_H

#include "core/common.h"
#include "core/date.h"
#include "store/org.h"
#include "store/person.h"
#include "store/store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct cfx {
	char path[512];
	struct store *s;
	sqlite3 *db; /* the rows of plans, items and comments */
	struct arena a;
	struct kh_error err;
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static int cfx_open(struct cfx *f, const char *name)
{
	const char *tmp = getenv("KH_TEST_TMP");
	char cmd[600];
	if (!tmp)
		tmp = "/tmp";
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/%s_%d.db", tmp, name, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err)) {
		fprintf(stderr, "%s\n", f->err.message);
		return -1;
	}
	if (sqlite3_open(f->path, &f->db) != SQLITE_OK)
		return -1;
	sqlite3_busy_timeout(f->db, 5000);
	arena_init(&f->a, 4096);
	return 0;
}

static void cfx_close(struct cfx *f)
{
	char p[600];
	sqlite3_close(f->db);
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
}

/* An org existing from `from` (until `to`, 0 = still). */
static int64_t cfx_org(struct cfx *f, enum org_kind kind, int level, int64_t parent,
		       const char *name, int32_t from, int32_t to)
{
	int64_t id;
	assert_int_equal(store_org_insert(f->s, kind, level, from, NULL, 0, &id, &f->err), 0);
	assert_int_equal(store_org_version_insert(f->s, id, from, to, parent, name, "", &f->err),
			 0);
	if (to)
		assert_int_equal(store_org_set_end(f->s, id, to, &f->err), 0);
	return id;
}

static int64_t cfx_person(struct cfx *f, const char *name, int64_t member_org)
{
	struct person p = {
		.full_name = name, .gender = "", .member_org_id = member_org, .external_id = ""};
	int64_t id;
	assert_int_equal(store_person_insert(f->s, &p, 1000, &id, &f->err), 0);
	return id;
}

static int64_t cfx_position(struct cfx *f, int64_t person, int64_t org, enum position_role role,
			    const char *title, int32_t from, int32_t to)
{
	struct position p = {.person_id = person,
			     .org_id = org,
			     .role = role,
			     .title = title,
			     .valid_from = from,
			     .valid_to = to};
	int64_t id;
	assert_int_equal(store_position_insert(f->s, &p, &id, &f->err), 0);
	return id;
}

static void cfx_exec_ok(struct cfx *f, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc != SQLITE_DONE)
		fprintf(stderr, "fixture: %s\n", sqlite3_errmsg(f->db));
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
}

static void cfx_bind_id(sqlite3_stmt *st, int i, int64_t id)
{
	if (id)
		sqlite3_bind_int64(st, i, id);
	else
		sqlite3_bind_null(st, i);
}

/* A plan row: owner org or person, "year" or "term", status name, the day
 * it was approved (0 = not), the upper plan (0 = none). */
static int64_t cfx_plan(struct cfx *f, int64_t org, int64_t person, const char *scope, int from,
			int to, const char *title, const char *status, int32_t approved_day,
			int64_t upper)
{
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(f->db,
				   "INSERT INTO plans(owner_org_id, owner_person_id, scope,"
				   " year_from, year_to, title, status, approved_day, approved_at,"
				   " upper_plan_id, created_at, updated_at)"
				   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1000, 1000)",
				   -1, &st, NULL),
		SQLITE_OK);
	cfx_bind_id(st, 1, org);
	cfx_bind_id(st, 2, person);
	sqlite3_bind_text(st, 3, scope, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, from);
	sqlite3_bind_int(st, 5, to);
	sqlite3_bind_text(st, 6, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, status, -1, SQLITE_STATIC);
	if (approved_day) {
		sqlite3_bind_int(st, 8, approved_day);
		sqlite3_bind_int64(st, 9, (int64_t)approved_day * 86400);
	} else {
		sqlite3_bind_null(st, 8);
		sqlite3_bind_null(st, 9);
	}
	cfx_bind_id(st, 10, upper);
	cfx_exec_ok(f, st);
	return sqlite3_last_insert_rowid(f->db);
}

/* An item's fields; unset strings are "" and kind/category default to
 * task/year. */
struct cfx_item {
	const char *kind, *category, *text, *measures, *lead_text, *coordinate_with;
	int64_t lead_org_id, lead_person_id, upper_item_id, carried_from_id;
	const char *deadline_kind; /* NULL = "none" */
	const char *deadline_text;
};

static const char *cfx_nz(const char *s, const char *def)
{
	return s ? s : def;
}

static int64_t cfx_item(struct cfx *f, int64_t plan, int seq, const struct cfx_item *it)
{
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(
			f->db,
			"INSERT INTO plan_items(plan_id, seq, kind, category, text, measures,"
			" lead_org_id, lead_person_id, lead_text, coordinate_with, deadline_kind,"
			" deadline_text, upper_item_id, carried_from_id, created_at, updated_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1000,"
			" 1000)",
			-1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_int64(st, 1, plan);
	sqlite3_bind_int(st, 2, seq);
	sqlite3_bind_text(st, 3, cfx_nz(it->kind, "task"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cfx_nz(it->category, "year"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, cfx_nz(it->text, ""), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, cfx_nz(it->measures, ""), -1, SQLITE_STATIC);
	cfx_bind_id(st, 7, it->lead_org_id);
	cfx_bind_id(st, 8, it->lead_person_id);
	sqlite3_bind_text(st, 9, cfx_nz(it->lead_text, ""), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, cfx_nz(it->coordinate_with, ""), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, cfx_nz(it->deadline_kind, "none"), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, cfx_nz(it->deadline_text, ""), -1, SQLITE_STATIC);
	cfx_bind_id(st, 13, it->upper_item_id);
	cfx_bind_id(st, 14, it->carried_from_id);
	cfx_exec_ok(f, st);
	return sqlite3_last_insert_rowid(f->db);
}

/* A comment on plan; answered or not. */
static int64_t cfx_comment(struct cfx *f, int64_t plan, bool answered)
{
	sqlite3_stmt *st;
	assert_int_equal(
		sqlite3_prepare_v2(f->db,
				   "INSERT INTO plan_comments(plan_id, version, kind, text,"
				   " created_at, created_day, answer)"
				   " VALUES (?1, 1, 'comment', 'Đề nghị bổ sung', 1000, 1,"
				   " ?2)",
				   -1, &st, NULL),
		SQLITE_OK);
	sqlite3_bind_int64(st, 1, plan);
	if (answered)
		sqlite3_bind_text(st, 2, "accepted", -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 2);
	cfx_exec_ok(f, st);
	return sqlite3_last_insert_rowid(f->db);
}

#endif
