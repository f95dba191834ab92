/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Helpers shared by the app tests, which each keep their own fixture:
 * include this after defining `struct fx` with at least
 *   char path[];             the database file
 *   struct app_ctx sys;      a system actor's context on it
 *   struct kh_error err;
 * and after <cmocka.h>, <sqlite3.h>, <stdio.h>, "app/org.h", "core/date.h".
 * OK(call) fails the test with the use case's message when call fails.
 */
#ifndef KH_TESTS_APP_FIXTURE_H
#define KH_TESTS_APP_FIXTURE_H

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static inline int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

/* An org created on 1/1/2015 through the use case, as the system. */
static inline int64_t create(struct fx *f, int64_t parent, const char *name, const char *kind,
			     int level)
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

/* Runs sql on a connection of its own (rows the test states exactly). */
static inline void exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* The integer the first row of sql holds. */
static inline int64_t query_int(struct fx *f, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* A person holding role in org since 1/1/2016. */
static inline void person(struct fx *f, int64_t id, const char *name, int64_t org, const char *role)
{
	char sql[600];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO people(id, full_name, created_at, updated_at)"
		 " VALUES (%lld, '%s', 0, 0);"
		 "INSERT INTO positions(person_id, org_id, role, valid_from)"
		 " VALUES (%lld, %lld, '%s', %d);",
		 (long long)id, name, (long long)id, (long long)org, role, D(2016, 1, 1));
	exec(f, sql);
}

#endif
