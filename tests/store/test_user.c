/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * store/user.c against a real SQLite file: accounts (case-insensitive
 * usernames, duplicates, person links), sessions, API tokens and the
 * login-attempt counters with their window.
 */
#include "core/common.h"
#include "store/internal.h"
#include "store/user.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

struct fixture {
	struct store *s;
	struct arena a;
	char path[512];
};

static void mkdir_p(const char *dir)
{
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(tmp, 0755);
		*p = '/';
	}
	if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
		fail_msg("cannot create %s", tmp);
}

static int setup(void **state)
{
	static int counter;
	struct kh_error err;
	const char *tmp = getenv("KH_TEST_TMP");
	struct fixture *f = xcalloc(1, sizeof(*f));
	if (!tmp || !*tmp)
		tmp = "/tmp/kehoach-test";
	mkdir_p(tmp);
	snprintf(f->path, sizeof(f->path), "%s/store-user-%ld-%d.db", tmp, (long)getpid(),
		 ++counter);
	unlink(f->path);
	assert_int_equal(store_open(f->path, &f->s, &err), 0);
	assert_int_equal(store_migrate(f->s, NULL, &err), 0);
	arena_init(&f->a, 4096);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char side[600];
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(side, sizeof(side), "%s-wal", f->path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", f->path);
	unlink(side);
	free(f);
	return 0;
}

static int64_t add_user(struct fixture *f, const char *name, bool admin)
{
	struct kh_error err;
	int64_t id = 0;
	assert_int_equal(store_user_insert(f->s, name, "$argon2id$fake", 0, admin, 1000, &id, &err),
			 0);
	assert_true(id > 0);
	return id;
}

static void test_user_insert_get_find(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	const char *hash = NULL;
	int64_t id = add_user(f, "nguyen.van-a", true);

	assert_int_equal(store_user_get(f->s, &f->a, id, &u, &err), 0);
	assert_string_equal(u.username, "nguyen.van-a");
	assert_true(u.is_admin);
	assert_false(u.disabled);
	assert_int_equal(u.person_id, 0);
	assert_int_equal(u.created_at, 1000);
	assert_string_equal(u.person_name, "");

	/* Usernames compare without regard to case. */
	assert_int_equal(store_user_find(f->s, &f->a, "NGUYEN.VAN-A", &u, &hash, &err), 0);
	assert_int_equal(u.id, id);
	assert_string_equal(hash, "$argon2id$fake");
	assert_int_equal(store_user_password_hash(f->s, &f->a, id, &hash, &err), 0);
	assert_string_equal(hash, "$argon2id$fake");

	assert_int_equal(store_user_get(f->s, &f->a, id + 100, &u, &err), KH_ENOTFOUND);
	assert_int_equal(store_user_find(f->s, &f->a, "khong-co", &u, NULL, &err), KH_ENOTFOUND);
	assert_int_equal(store_user_password_hash(f->s, &f->a, id + 100, &hash, &err),
			 KH_ENOTFOUND);
}

static void test_user_duplicate_conflict(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	add_user(f, "tranthib", false);
	assert_int_equal(store_user_insert(f->s, "TranThiB", "x", 0, false, 1, NULL, &err),
			 KH_ECONFLICT);
	assert_int_equal(err.code, KH_ECONFLICT);
}

static void test_user_list_update_password(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user *v = NULL, u;
	int n = 0;
	int64_t b = add_user(f, "bbb", false);
	add_user(f, "aaa", false);
	add_user(f, "ccc", true);
	assert_int_equal(store_user_list(f->s, &f->a, &v, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(v[0].username, "aaa");
	assert_string_equal(v[1].username, "bbb");
	assert_string_equal(v[2].username, "ccc");

	assert_int_equal(store_user_update(f->s, b, true, true, 0, &err), 0);
	assert_int_equal(store_user_get(f->s, &f->a, b, &u, &err), 0);
	assert_true(u.is_admin);
	assert_true(u.disabled);
	assert_int_equal(store_user_update(f->s, 9999, true, true, 0, &err), KH_ENOTFOUND);

	/* The e-mail address: none at first, set, kept by other updates,
	 * cleared. */
	assert_string_equal(u.email, "");
	assert_int_equal(store_user_set_email(f->s, b, "bbb@tanphong.vn", &err), 0);
	assert_int_equal(store_user_update(f->s, b, false, false, 0, &err), 0);
	assert_int_equal(store_user_find(f->s, &f->a, "BBB", &u, NULL, &err), 0);
	assert_string_equal(u.email, "bbb@tanphong.vn");
	assert_int_equal(store_user_list(f->s, &f->a, &v, &n, &err), 0);
	assert_string_equal(v[1].email, "bbb@tanphong.vn");
	assert_string_equal(v[0].email, "");
	assert_int_equal(store_user_set_email(f->s, b, NULL, &err), 0);
	assert_int_equal(store_user_get(f->s, &f->a, b, &u, &err), 0);
	assert_string_equal(u.email, "");
	assert_int_equal(store_user_set_email(f->s, 9999, "x@y.vn", &err), KH_ENOTFOUND);

	const char *hash;
	assert_int_equal(store_user_set_password(f->s, b, "$argon2id$new", &err), 0);
	assert_int_equal(store_user_password_hash(f->s, &f->a, b, &hash, &err), 0);
	assert_string_equal(hash, "$argon2id$new");
	assert_int_equal(store_user_set_password(f->s, 9999, "x", &err), KH_ENOTFOUND);
}

static void test_user_person_link(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	bool exists = true;
	int64_t id = add_user(f, "linked", false);

	assert_int_equal(store_user_person_exists(f->s, 1, &exists, &err), 0);
	assert_false(exists);
	assert_int_equal(sqlite3_exec(f->s->db,
				      "INSERT INTO people(id, full_name, created_at, updated_at)"
				      " VALUES (7, 'Lê Văn Cường', 0, 0)",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(store_user_person_exists(f->s, 7, &exists, &err), 0);
	assert_true(exists);
	assert_int_equal(store_user_update(f->s, id, false, false, 7, &err), 0);
	assert_int_equal(store_user_get(f->s, &f->a, id, &u, &err), 0);
	assert_int_equal(u.person_id, 7);
	assert_string_equal(u.person_name, "Lê Văn Cường");
	/* An unknown person violates the foreign key. */
	assert_int_equal(store_user_update(f->s, id, false, false, 8, &err), KH_ECONFLICT);
	assert_int_equal(store_user_update(f->s, id, false, false, 0, &err), 0);
	assert_int_equal(store_user_get(f->s, &f->a, id, &u, &err), 0);
	assert_int_equal(u.person_id, 0);
}

static void test_sessions(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	const char *csrf = NULL;
	int64_t exp = 0;
	uint8_t h1[32], h2[32], h3[32];
	int removed = -1;
	memset(h1, 1, sizeof(h1));
	memset(h2, 2, sizeof(h2));
	memset(h3, 3, sizeof(h3));
	int64_t id = add_user(f, "phien", false);
	int64_t other = add_user(f, "khac", false);

	assert_int_equal(store_session_insert(f->s, h1, 32, id, "csrf1", 100, 200, &err), 0);
	assert_int_equal(store_session_insert(f->s, h2, 32, id, "csrf2", 100, 500, &err), 0);
	assert_int_equal(store_session_insert(f->s, h3, 32, other, "csrf3", 100, 500, &err), 0);
	assert_int_equal(store_session_insert(f->s, h1, 32, id, "again", 100, 200, &err),
			 KH_ECONFLICT);

	assert_int_equal(store_session_find(f->s, &f->a, h1, 32, &u, &csrf, &exp, &err), 0);
	assert_int_equal(u.id, id);
	assert_string_equal(u.username, "phien");
	assert_string_equal(csrf, "csrf1");
	assert_int_equal(exp, 200);

	/* Expired sessions go; the others stay. */
	assert_int_equal(store_session_delete_expired(f->s, 200, &removed, &err), 0);
	assert_int_equal(removed, 1);
	assert_int_equal(store_session_find(f->s, &f->a, h1, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);
	assert_int_equal(store_session_find(f->s, &f->a, h2, 32, &u, &csrf, &exp, &err), 0);

	assert_int_equal(store_session_delete(f->s, h2, 32, &err), 0);
	assert_int_equal(store_session_delete(f->s, h2, 32, &err), 0);
	assert_int_equal(store_session_find(f->s, &f->a, h2, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);

	assert_int_equal(store_session_insert(f->s, h1, 32, id, "csrf1", 100, 900, &err), 0);
	assert_int_equal(store_session_delete_user(f->s, id, &err), 0);
	assert_int_equal(store_session_find(f->s, &f->a, h1, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);
	assert_int_equal(store_session_find(f->s, &f->a, h3, 32, &u, &csrf, &exp, &err), 0);
	assert_int_equal(u.id, other);
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	uint8_t h[32], other[32];
	int64_t tid = 0;
	memset(h, 0xab, sizeof(h));
	memset(other, 0xcd, sizeof(other));
	int64_t id = add_user(f, "script", false);

	assert_int_equal(store_token_insert(f->s, h, 32, id, "báo cáo", 5, &tid, &err), 0);
	assert_true(tid > 0);
	assert_int_equal(store_token_find(f->s, &f->a, h, 32, &u, &err), 0);
	assert_int_equal(u.id, id);
	assert_int_equal(store_token_find(f->s, &f->a, other, 32, &u, &err), KH_ENOTFOUND);
	/* A revoked token no longer resolves. */
	assert_int_equal(
		sqlite3_exec(f->s->db, "UPDATE api_tokens SET revoked = 1", NULL, NULL, NULL),
		SQLITE_OK);
	assert_int_equal(store_token_find(f->s, &f->a, h, 32, &u, &err), KH_ENOTFOUND);
}

static void test_login_attempts(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	int64_t start;
	int failures;

	assert_int_equal(store_login_attempt_get(f->s, "u:x", &start, &failures, &err), 0);
	assert_int_equal(failures, 0);
	assert_int_equal(start, 0);

	assert_int_equal(store_login_attempt_add(f->s, "u:x", 1000, 900, &err), 0);
	assert_int_equal(store_login_attempt_add(f->s, "u:x", 1100, 900, &err), 0);
	assert_int_equal(store_login_attempt_add(f->s, "ip:127.0.0.1", 1100, 900, &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:x", &start, &failures, &err), 0);
	assert_int_equal(failures, 2);
	assert_int_equal(start, 1000);

	/* Undo never goes below zero. */
	assert_int_equal(store_login_attempt_undo(f->s, "ip:127.0.0.1", &err), 0);
	assert_int_equal(store_login_attempt_undo(f->s, "ip:127.0.0.1", &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "ip:127.0.0.1", &start, &failures, &err), 0);
	assert_int_equal(failures, 0);

	/* Once the window has passed, the count starts again. */
	assert_int_equal(store_login_attempt_add(f->s, "u:x", 1899, 900, &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:x", &start, &failures, &err), 0);
	assert_int_equal(failures, 3);
	assert_int_equal(store_login_attempt_add(f->s, "u:x", 1900, 900, &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:x", &start, &failures, &err), 0);
	assert_int_equal(failures, 1);
	assert_int_equal(start, 1900);

	assert_int_equal(store_login_attempt_clear(f->s, "u:x", &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:x", &start, &failures, &err), 0);
	assert_int_equal(failures, 0);

	/* Pruning drops windows that began before the cutoff. */
	assert_int_equal(store_login_attempt_add(f->s, "u:old", 100, 900, &err), 0);
	assert_int_equal(store_login_attempt_add(f->s, "u:new", 5000, 900, &err), 0);
	assert_int_equal(store_login_attempt_prune(f->s, 4100, &err), 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:old", &start, &failures, &err), 0);
	assert_int_equal(failures, 0);
	assert_int_equal(store_login_attempt_get(f->s, "u:new", &start, &failures, &err), 0);
	assert_int_equal(failures, 1);
}

static void test_delete_user_cascades(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	const char *csrf;
	int64_t exp;
	uint8_t h[32];
	memset(h, 9, sizeof(h));
	int64_t id = add_user(f, "tam", false);
	assert_int_equal(store_session_insert(f->s, h, 32, id, "c", 1, 99, &err), 0);
	assert_int_equal(sqlite3_exec(f->s->db, "DELETE FROM users", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(store_session_find(f->s, &f->a, h, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_user_insert_get_find, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_duplicate_conflict, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_list_update_password, setup, teardown),
		cmocka_unit_test_setup_teardown(test_user_person_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_attempts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_delete_user_cascades, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
