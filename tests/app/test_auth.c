/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * app/auth.c use cases on a real database with a clock the tests move:
 * login success and failure, the rate limit and its window, session expiry,
 * logout, API tokens (issue, list, revoke), disabled accounts, duplicate and invalid usernames,
 * account updates, e-mail addresses and password changes, and who may do
 * each.
 */
#include "core/common.h"
#include "app/auth.h"
#include "store/user.h"

#include <errno.h>
#include <sodium.h>
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

#define T0 1700000000

struct fixture {
	struct store *s;
	struct arena a;
	struct actor system;
	struct actor actor; /* a user actor for the permission tests */
	struct app_ctx ctx;
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
	snprintf(f->path, sizeof(f->path), "%s/app-auth-%ld-%d.db", tmp, (long)getpid(), ++counter);
	unlink(f->path);
	assert_int_equal(store_open(f->path, &f->s, &err), 0);
	assert_int_equal(store_migrate(f->s, NULL, &err), 0);
	arena_init(&f->a, 4096);
	app_actor_system(&f->system);
	f->ctx.store = f->s;
	f->ctx.arena = &f->a;
	f->ctx.actor = &f->system;
	f->ctx.now = T0;
	f->ctx.today = 19000;
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

static int64_t create(struct fixture *f, const char *name, const char *pw, bool admin)
{
	struct kh_error err;
	struct user u;
	struct actor *saved = f->ctx.actor;
	f->ctx.actor = &f->system;
	int rc = app_user_create(&f->ctx, name, pw, 0, admin, &u, &err);
	f->ctx.actor = saved;
	if (rc)
		fail_msg("create %s: %s", name, err.message);
	return u.id;
}

/* Acts as the given account from now on. */
static void act_as(struct fixture *f, int64_t id, const char *name, bool admin)
{
	memset(&f->actor, 0, sizeof(f->actor));
	f->actor.user_id = id;
	f->actor.username = name;
	f->actor.is_admin = admin;
	f->ctx.actor = &f->actor;
}

static void test_login_success(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	struct actor a;
	const char *csrf = NULL;
	int64_t id = create(f, "Nguyen.Van.A", "mat-khau-dai", false);

	/* The login name is case-insensitive and stored lowercased. */
	assert_int_equal(app_login(&f->ctx, "NGUYEN.VAN.A", "mat-khau-dai", "10.0.0.1", &s, &err),
			 0);
	assert_string_equal(s.user.username, "nguyen.van.a");
	assert_int_equal(s.user.id, id);
	assert_int_equal(strlen(s.token), 64);
	assert_int_equal(strspn(s.token, "0123456789abcdef"), 64);
	assert_int_equal(strlen(s.csrf_token), 64);
	assert_int_equal(s.expires_at, T0 + AUTH_SESSION_TTL);

	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, &csrf, &err), 0);
	assert_int_equal(a.user_id, id);
	assert_string_equal(a.username, "nguyen.van.a");
	assert_false(a.is_admin);
	assert_false(a.system);
	assert_false(a.scope_loaded);
	assert_string_equal(csrf, s.csrf_token);

	/* The token is stored only as a hash. */
	uint8_t h[32];
	struct user u;
	int64_t exp;
	crypto_generichash(h, 32, (const unsigned char *)s.token, strlen(s.token), NULL, 0);
	assert_int_equal(store_session_find(f->s, &f->a, h, 32, &u, &csrf, &exp, &err), 0);
	assert_int_equal(store_session_find(f->s, &f->a, (const uint8_t *)s.token, 32, &u, &csrf,
					    &exp, &err),
			 KH_ENOTFOUND);

	/* Passwords are argon2id. */
	const char *hash;
	assert_int_equal(store_user_password_hash(f->s, &f->a, id, &hash, &err), 0);
	assert_true(strncmp(hash, "$argon2id$", 10) == 0);
}

static void test_login_failure(void **state)
{
	struct fixture *f = *state;
	struct kh_error err, err2;
	struct app_session s;
	create(f, "tranthib", "dung-mat-khau", false);

	assert_int_equal(app_login(&f->ctx, "tranthib", "sai-mat-khau", "10.0.0.1", &s, &err),
			 KH_EUNAUTH);
	assert_int_equal(app_login(&f->ctx, "khongco", "sai-mat-khau", "10.0.0.1", &s, &err2),
			 KH_EUNAUTH);
	/* One message for both, so the answer does not reveal accounts. */
	assert_string_equal(err.message, err2.message);
	assert_int_equal(app_login(&f->ctx, "", "x", "10.0.0.1", &s, &err), KH_EINVAL);
	assert_int_equal(app_login(&f->ctx, "tranthib", "", "10.0.0.1", &s, &err), KH_EINVAL);
	assert_int_equal(app_login(&f->ctx, "có dấu", "x", "10.0.0.1", &s, &err), KH_EUNAUTH);

	struct actor a;
	assert_int_equal(app_auth_session(&f->ctx, "nonsense", &a, NULL, &err), KH_EUNAUTH);
	assert_int_equal(app_auth_session(&f->ctx, NULL, &a, NULL, &err), KH_EUNAUTH);
	assert_int_equal(app_auth_session(&f->ctx,
					  "00000000000000000000000000000000"
					  "00000000000000000000000000000000",
					  &a, NULL, &err),
			 KH_EUNAUTH);
}

static void test_rate_limit_by_username(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	create(f, "levanc", "dung-mat-khau", false);

	for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
		f->ctx.now = T0 + i; /* different addresses: only the username counts */
		char ip[32];
		snprintf(ip, sizeof(ip), "10.0.0.%d", i + 1);
		assert_int_equal(app_login(&f->ctx, "levanc", "sai", ip, &s, &err), KH_EUNAUTH);
	}
	/* Even the right password is refused until the window passes. */
	assert_int_equal(app_login(&f->ctx, "levanc", "dung-mat-khau", "10.0.0.99", &s, &err),
			 KH_ERATE);
	assert_string_equal(err.message,
			    "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút");
	f->ctx.now = T0 + AUTH_FAILURE_WINDOW - 1;
	assert_int_equal(app_login(&f->ctx, "LEVANC", "dung-mat-khau", "10.0.0.99", &s, &err),
			 KH_ERATE);
	f->ctx.now = T0 + AUTH_FAILURE_WINDOW;
	assert_int_equal(app_login(&f->ctx, "levanc", "dung-mat-khau", "10.0.0.99", &s, &err), 0);
}

static void test_rate_limit_by_address(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	create(f, "phamd", "dung-mat-khau", false);

	/* Five typos in an office behind one address do not lock it out… */
	for (int i = 0; i < AUTH_MAX_FAILURES; i++) {
		char name[32];
		snprintf(name, sizeof(name), "khach%d", i);
		assert_int_equal(app_login(&f->ctx, name, "sai", "192.0.2.7", &s, &err),
				 KH_EUNAUTH);
	}
	assert_int_equal(app_login(&f->ctx, "phamd", "dung-mat-khau", "192.0.2.7", &s, &err), 0);
	/* …but a guessing run from it is stopped. */
	for (int i = AUTH_MAX_FAILURES; i < AUTH_MAX_FAILURES_PER_ADDRESS; i++) {
		char name[32];
		snprintf(name, sizeof(name), "khach%d", i);
		assert_int_equal(app_login(&f->ctx, name, "sai", "192.0.2.7", &s, &err),
				 KH_EUNAUTH);
	}
	assert_int_equal(app_login(&f->ctx, "phamd", "dung-mat-khau", "192.0.2.7", &s, &err),
			 KH_ERATE);
	/* Another address is not affected. */
	assert_int_equal(app_login(&f->ctx, "phamd", "dung-mat-khau", "192.0.2.8", &s, &err), 0);
}

static void test_success_clears_username_failures(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	create(f, "hoange", "dung-mat-khau", false);

	for (int round = 0; round < 3; round++) {
		for (int i = 0; i < AUTH_MAX_FAILURES - 1; i++)
			assert_int_equal(app_login(&f->ctx, "hoange", "sai", NULL, &s, &err),
					 KH_EUNAUTH);
		assert_int_equal(app_login(&f->ctx, "hoange", "dung-mat-khau", NULL, &s, &err), 0);
	}
}

static void test_session_expiry_and_logout(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s, s2;
	struct actor a;
	create(f, "vug", "dung-mat-khau", false);

	assert_int_equal(app_login(&f->ctx, "vug", "dung-mat-khau", NULL, &s, &err), 0);
	assert_int_equal(app_login(&f->ctx, "vug", "dung-mat-khau", NULL, &s2, &err), 0);
	assert_string_not_equal(s.token, s2.token);
	assert_string_not_equal(s.csrf_token, s2.csrf_token);

	f->ctx.now = T0 + AUTH_SESSION_TTL - 1;
	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), 0);
	f->ctx.now = T0 + AUTH_SESSION_TTL;
	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), KH_EUNAUTH);

	/* The expired session was deleted on sight. */
	uint8_t h[32];
	struct user u;
	const char *csrf;
	int64_t exp;
	crypto_generichash(h, 32, (const unsigned char *)s.token, strlen(s.token), NULL, 0);
	assert_int_equal(store_session_find(f->s, &f->a, h, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);
	/* The other one goes with the next login. */
	crypto_generichash(h, 32, (const unsigned char *)s2.token, strlen(s2.token), NULL, 0);
	assert_int_equal(store_session_find(f->s, &f->a, h, 32, &u, &csrf, &exp, &err), 0);
	assert_int_equal(app_login(&f->ctx, "vug", "dung-mat-khau", NULL, &s, &err), 0);
	assert_int_equal(store_session_find(f->s, &f->a, h, 32, &u, &csrf, &exp, &err),
			 KH_ENOTFOUND);

	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), 0);
	assert_int_equal(app_logout(&f->ctx, s.token, &err), 0);
	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), KH_EUNAUTH);
	assert_int_equal(app_logout(&f->ctx, s.token, &err), 0);
	assert_int_equal(app_logout(&f->ctx, "garbage", &err), 0);
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct actor a;
	struct app_session s;
	const char *token = NULL, *token2 = NULL;
	int64_t id = create(f, "script", "dung-mat-khau", false);
	int64_t other = create(f, "nguoikhac", "dung-mat-khau", false);

	assert_int_equal(app_token_create(&f->ctx, "SCRIPT", "Báo cáo tự động", &token, &err), 0);
	assert_int_equal(strlen(token), 43);
	assert_true(strncmp(token, "kh_", 3) == 0);
	assert_int_equal(strspn(token + 3, "0123456789abcdef"), 40);
	assert_int_equal(app_auth_bearer(&f->ctx, token, &a, &err), 0);
	assert_int_equal(a.user_id, id);
	assert_string_equal(a.username, "script");

	/* Forged, malformed, and session tokens are refused. */
	assert_int_equal(app_auth_bearer(&f->ctx, "kh_forged", &a, &err), KH_EUNAUTH);
	assert_int_equal(
		app_auth_bearer(&f->ctx, "kh_0000000000000000000000000000000000000000", &a, &err),
		KH_EUNAUTH);
	assert_int_equal(app_login(&f->ctx, "script", "dung-mat-khau", NULL, &s, &err), 0);
	assert_int_equal(app_auth_bearer(&f->ctx, s.token, &a, &err), KH_EUNAUTH);
	assert_int_equal(app_auth_session(&f->ctx, token, &a, NULL, &err), KH_EUNAUTH);

	assert_int_equal(app_token_create(&f->ctx, "khongco", NULL, &token2, &err), KH_ENOTFOUND);

	/* A user may issue tokens for themself only. */
	act_as(f, id, "script", false);
	assert_int_equal(app_token_create(&f->ctx, "script", NULL, &token2, &err), 0);
	assert_string_not_equal(token, token2);
	assert_int_equal(app_token_create(&f->ctx, "nguoikhac", NULL, &token2, &err),
			 KH_EFORBIDDEN);
	act_as(f, other, "nguoikhac", true);
	assert_int_equal(app_token_create(&f->ctx, "script", "x", &token2, &err), 0);
}

/* Issues a token for username as the system; returns its id via the list. */
static int64_t issue(struct fixture *f, const char *username, const char *label, const char **token)
{
	struct kh_error err;
	struct user *users;
	struct api_token *v;
	int n, nu;
	struct actor *saved = f->ctx.actor;
	int64_t id = 0;
	f->ctx.actor = &f->system;
	if (app_token_create(&f->ctx, username, label, token, &err))
		fail_msg("token for %s: %s", username, err.message);
	assert_int_equal(app_user_list(&f->ctx, &users, &nu, &err), 0);
	for (int i = 0; i < nu; i++) {
		if (strcmp(users[i].username, username) != 0)
			continue;
		assert_int_equal(app_token_list(&f->ctx, users[i].id, &v, &n, &err), 0);
		id = v[n - 1].id;
	}
	f->ctx.actor = saved;
	assert_true(id > 0);
	return id;
}

static void test_token_list(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct api_token *v;
	int n;
	const char *t1, *t2;
	int64_t owner = create(f, "chu", "dung-mat-khau", false);
	int64_t other = create(f, "khac", "dung-mat-khau", false);
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);
	int64_t id1 = issue(f, "chu", "Báo cáo", &t1);
	int64_t id2 = issue(f, "chu", NULL, &t2);

	act_as(f, owner, "chu", false);
	assert_int_equal(app_token_list(&f->ctx, owner, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, id1);
	assert_int_equal(v[0].user_id, owner);
	assert_string_equal(v[0].label, "Báo cáo");
	assert_int_equal(v[0].created_at, T0);
	assert_false(v[0].revoked);
	assert_int_equal(v[1].id, id2);
	assert_string_equal(v[1].label, "");

	act_as(f, other, "khac", false);
	assert_int_equal(app_token_list(&f->ctx, other, &v, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_int_equal(app_token_list(&f->ctx, owner, &v, &n, &err), KH_EFORBIDDEN);

	act_as(f, admin, "quantri", true);
	assert_int_equal(app_token_list(&f->ctx, owner, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(app_token_list(&f->ctx, 9999, &v, &n, &err), KH_ENOTFOUND);
}

static void test_token_revoke(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct actor a;
	struct api_token *v;
	struct audit_entry *log;
	int n;
	const char *t1, *t2, *t3;
	int64_t owner = create(f, "chu", "dung-mat-khau", false);
	int64_t other = create(f, "khac", "dung-mat-khau", false);
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);
	int64_t id1 = issue(f, "chu", "một", &t1);
	int64_t id2 = issue(f, "chu", "hai", &t2);
	int64_t id3 = issue(f, "khac", "ba", &t3);

	/* Another user may neither revoke nor learn anything: the token
	 * still works and nothing is audited. */
	act_as(f, other, "khac", false);
	assert_int_equal(app_token_revoke(&f->ctx, id1, &err), KH_EFORBIDDEN);
	assert_int_equal(app_auth_bearer(&f->ctx, t1, &a, &err), 0);
	assert_int_equal(app_token_revoke(&f->ctx, 9999, &err), KH_ENOTFOUND);

	/* The owner revokes their own: it no longer authenticates, the
	 * other one still does. */
	act_as(f, owner, "chu", false);
	assert_int_equal(app_token_revoke(&f->ctx, id1, &err), 0);
	assert_int_equal(app_auth_bearer(&f->ctx, t1, &a, &err), KH_EUNAUTH);
	assert_int_equal(app_auth_bearer(&f->ctx, t2, &a, &err), 0);
	assert_int_equal(a.user_id, owner);
	/* Twice is fine and changes nothing. */
	assert_int_equal(app_token_revoke(&f->ctx, id1, &err), 0);
	assert_int_equal(app_token_list(&f->ctx, owner, &v, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_true(v[0].revoked);
	assert_false(v[1].revoked);
	/* Not someone else's. */
	assert_int_equal(app_token_revoke(&f->ctx, id3, &err), KH_EFORBIDDEN);
	assert_int_equal(app_auth_bearer(&f->ctx, t3, &a, &err), 0);

	/* An admin revokes anyone's; the system too. */
	act_as(f, admin, "quantri", true);
	assert_int_equal(app_token_revoke(&f->ctx, id3, &err), 0);
	assert_int_equal(app_auth_bearer(&f->ctx, t3, &a, &err), KH_EUNAUTH);
	assert_int_equal(app_token_revoke(&f->ctx, 9999, &err), KH_ENOTFOUND);
	f->ctx.actor = &f->system;
	assert_int_equal(app_token_revoke(&f->ctx, id2, &err), 0);
	assert_int_equal(app_auth_bearer(&f->ctx, t2, &a, &err), KH_EUNAUTH);

	/* One audit entry per actual revocation, without any secret. */
	assert_int_equal(app_audit_list(&f->ctx, "api_token", id1, 50, &log, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(log[0].action, "token.revoke");
	assert_int_equal(log[0].user_id, owner);
	assert_non_null(strstr(log[0].before, "\"revoked\":false"));
	assert_non_null(strstr(log[0].after, "\"revoked\":true"));
	assert_null(strstr(log[0].after, "kh_"));
	assert_string_equal(log[1].action, "token.create");
	assert_int_equal(app_audit_list(&f->ctx, "api_token", id3, 50, &log, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(log[0].user_id, admin);
}

static void test_disabled_user(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	struct actor a;
	struct user u;
	const char *token;
	int64_t admin = create(f, "quantri", "mat-khau-quan-tri", true);
	int64_t id = create(f, "bikhoa", "dung-mat-khau", false);

	assert_int_equal(app_login(&f->ctx, "bikhoa", "dung-mat-khau", NULL, &s, &err), 0);
	assert_int_equal(app_token_create(&f->ctx, "bikhoa", NULL, &token, &err), 0);

	act_as(f, admin, "quantri", true);
	struct user_update up = {.set_disabled = true, .disabled = true};
	assert_int_equal(app_user_update(&f->ctx, id, &up, &u, &err), 0);
	assert_true(u.disabled);

	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), KH_EUNAUTH);
	assert_int_equal(app_auth_bearer(&f->ctx, token, &a, &err), KH_EUNAUTH);
	assert_int_equal(app_login(&f->ctx, "bikhoa", "dung-mat-khau", NULL, &s, &err), KH_EUNAUTH);
	assert_non_null(strstr(err.message, "khóa"));

	up.disabled = false;
	assert_int_equal(app_user_update(&f->ctx, id, &up, &u, &err), 0);
	assert_int_equal(app_login(&f->ctx, "bikhoa", "dung-mat-khau", NULL, &s, &err), 0);
	assert_int_equal(app_auth_bearer(&f->ctx, token, &a, &err), 0);
}

static void test_create_validation(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	static const char *const bad[] = {
		"ab",
		"có-dấu",
		"a b",
		"x/y",
		"tab\tin",
		"",
		"a234567890123456789012345678901234567890123456789012345678901234x",
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(bad); i++) {
		assert_int_equal(
			app_user_create(&f->ctx, bad[i], "dung-mat-khau", 0, false, &u, &err),
			KH_EINVAL);
		assert_string_equal(err.field, "username");
	}
	assert_int_equal(app_user_create(&f->ctx, NULL, "dung-mat-khau", 0, false, &u, &err),
			 KH_EINVAL);
	assert_int_equal(app_user_create(&f->ctx, "hople", "ngan", 0, false, &u, &err), KH_EINVAL);
	assert_string_equal(err.field, "password");
	assert_int_equal(app_user_create(&f->ctx, "hople", "1234567", 0, false, &u, &err),
			 KH_EINVAL);
	assert_int_equal(app_user_create(&f->ctx, "hople", NULL, 0, false, &u, &err), KH_EINVAL);
	/* Eight characters, not bytes: "mậtkhẩu1" is 8 characters. */
	assert_int_equal(app_user_create(&f->ctx, "hople", "mậtkhẩu1", 0, false, &u, &err), 0);
	assert_int_equal(app_user_create(&f->ctx, "nguoi2", "dung-mat-khau", 42, false, &u, &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "person_id");

	/* Exactly 3 and 64 characters are fine. */
	assert_int_equal(app_user_create(&f->ctx, "abc", "dung-mat-khau", 0, false, &u, &err), 0);
	assert_int_equal(
		app_user_create(&f->ctx,
				"a234567890123456789012345678901234567890123456789012345678901234",
				"dung-mat-khau", 0, false, &u, &err),
		0);

	struct user *v;
	int n;
	assert_int_equal(app_user_list(&f->ctx, &v, &n, &err), 0);
	assert_int_equal(n, 3);
}

static void test_duplicate_username(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	create(f, "trung", "dung-mat-khau", false);
	assert_int_equal(app_user_create(&f->ctx, "TRUNG", "khac-mat-khau", 0, true, &u, &err),
			 KH_ECONFLICT);
	assert_string_equal(err.field, "username");
	assert_int_equal(app_user_create(&f->ctx, " trung ", "khac-mat-khau", 0, true, &u, &err),
			 KH_ECONFLICT);
}

static void test_create_permissions_and_audit(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	struct audit_entry *log;
	int n;
	int64_t id = create(f, "thuong", "dung-mat-khau", false);
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);

	act_as(f, id, "thuong", false);
	assert_int_equal(app_user_create(&f->ctx, "moi", "dung-mat-khau", 0, false, &u, &err),
			 KH_EFORBIDDEN);
	struct user *v;
	assert_int_equal(app_user_list(&f->ctx, &v, &n, &err), KH_EFORBIDDEN);
	assert_int_equal(app_audit_list(&f->ctx, NULL, 0, 50, &log, &n, &err), KH_EFORBIDDEN);
	/* Everyone sees their own account, nobody else's. */
	assert_int_equal(app_user_get(&f->ctx, id, &u, &err), 0);
	assert_string_equal(u.username, "thuong");
	assert_int_equal(app_user_get(&f->ctx, admin, &u, &err), KH_EFORBIDDEN);

	act_as(f, admin, "quantri", true);
	assert_int_equal(app_user_create(&f->ctx, "moi", "dung-mat-khau", 0, false, &u, &err), 0);
	assert_int_equal(app_audit_list(&f->ctx, "user", u.id, 50, &log, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(log[0].action, "user.create");
	assert_int_equal(log[0].user_id, admin);
	assert_string_equal(log[0].username, "quantri");
	assert_non_null(strstr(log[0].after, "\"username\":\"moi\""));
	assert_null(strstr(log[0].after, "argon2"));
	assert_int_equal(app_audit_list(&f->ctx, "", 0, 50, &log, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(app_user_get(&f->ctx, 9999, &u, &err), KH_ENOTFOUND);
}

static void test_update_rules(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);
	int64_t id = create(f, "canbo", "dung-mat-khau", false);

	act_as(f, admin, "quantri", true);
	struct user_update demote = {.set_admin = true, .is_admin = false};
	struct user_update disable = {.set_disabled = true, .disabled = true};
	assert_int_equal(app_user_update(&f->ctx, admin, &demote, &u, &err), KH_ECONFLICT);
	assert_int_equal(app_user_update(&f->ctx, admin, &disable, &u, &err), KH_ECONFLICT);
	/* A no-op on yourself is fine. */
	struct user_update keep = {.set_admin = true, .is_admin = true, .set_disabled = true};
	assert_int_equal(app_user_update(&f->ctx, admin, &keep, &u, &err), 0);

	struct user_update promote = {.set_admin = true, .is_admin = true};
	assert_int_equal(app_user_update(&f->ctx, id, &promote, &u, &err), 0);
	assert_true(u.is_admin);
	assert_false(u.disabled);
	struct user_update link = {.set_person = true, .person_id = 77};
	assert_int_equal(app_user_update(&f->ctx, id, &link, &u, &err), KH_EINVAL);
	assert_int_equal(app_user_update(&f->ctx, 9999, &promote, &u, &err), KH_ENOTFOUND);

	struct audit_entry *log;
	int n;
	assert_int_equal(app_audit_list(&f->ctx, "user", id, 50, &log, &n, &err), 0);
	assert_string_equal(log[0].action, "user.update");
	assert_non_null(strstr(log[0].before, "\"is_admin\":false"));
	assert_non_null(strstr(log[0].after, "\"is_admin\":true"));

	act_as(f, id, "canbo", false);
	assert_int_equal(app_user_update(&f->ctx, id, &promote, &u, &err), KH_EFORBIDDEN);
}

/* The e-mail address: its rules (on create, update and one's own), the round
 * trip through every read of the account, "" turning it off, who may set
 * it, and the audit. A refused address changes nothing. */
static void test_email(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct user u;
	struct app_session s;
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);
	int64_t id = create(f, "canbo", "dung-mat-khau", false);
	int64_t other = create(f, "khac", "dung-mat-khau", false);
	char long_addr[AUTH_EMAIL_MAX + 2];
	memset(long_addr, 'a', sizeof(long_addr));
	memcpy(long_addr + AUTH_EMAIL_MAX + 1 - 7, "@abc.vn", 7);
	long_addr[AUTH_EMAIL_MAX + 1] = '\0'; /* 255 bytes */
	const char *const bad[] = {
		"hue",
		"hue@",
		"@tanphong.vn",
		"hue@@tanphong.vn",
		"hue@a@tanphong.vn",
		"hue@tanphong",
		"hue@.vn",
		"hue@tanphong.",
		"hue@tanphong..vn",
		"phạm hue@tanphong.vn",
		"hue@tan\tphong.vn",
		"hue@tanphong.vn\r\nBcc: x@y.vn",
		"hue\xc2\xa0@tanphong.vn",
		"<hue@tanphong.vn>",
		"hue,ba@tanphong.vn",
		long_addr,
	};

	/* create */
	for (size_t i = 0; i < KH_ARRAY_LEN(bad); i++) {
		if (app_user_create_with_email(&f->ctx, "moi", "dung-mat-khau", 0, false, bad[i],
					       &u, &err) != KH_EINVAL)
			fail_msg("accepted «%s»", bad[i]);
		assert_string_equal(err.field, "email");
	}
	assert_non_null(strstr(err.message, "dài quá 254 ký tự"));
	struct user *v;
	int n;
	assert_int_equal(app_user_list(&f->ctx, &v, &n, &err), 0);
	assert_int_equal(n, 3); /* none created */
	assert_int_equal(app_user_create_with_email(&f->ctx, "moi", "dung-mat-khau", 0, false,
						    "  hue.pham@tanphong.sonnam.vn ", &u, &err),
			 0);
	assert_string_equal(u.email, "hue.pham@tanphong.sonnam.vn");
	char max_addr[AUTH_EMAIL_MAX + 1]; /* 254 bytes */
	memcpy(max_addr, long_addr + 1, sizeof(max_addr));
	assert_int_equal(app_user_create_with_email(&f->ctx, "dai", "dung-mat-khau", 0, false,
						    max_addr, &u, &err),
			 0);
	assert_int_equal(strlen(u.email), AUTH_EMAIL_MAX);
	assert_int_equal(app_user_create_with_email(&f->ctx, "khongthu", "dung-mat-khau", 0, false,
						    "", &u, &err),
			 0);
	assert_string_equal(u.email, "");
	assert_int_equal(app_user_create(&f->ctx, "nguoicu", "dung-mat-khau", 0, false, &u, &err),
			 0);
	assert_string_equal(u.email, "");

	/* update (admins), with the other fields */
	act_as(f, admin, "quantri", true);
	struct user_update upd = {.set_email = true, .email = "Can.Bo@Tan-Phong.vn"};
	assert_int_equal(app_user_update(&f->ctx, id, &upd, &u, &err), 0);
	assert_string_equal(u.email, "Can.Bo@Tan-Phong.vn");
	assert_false(u.is_admin);
	for (size_t i = 0; i < KH_ARRAY_LEN(bad); i++) {
		struct user_update b = {
			.set_admin = true, .is_admin = true, .set_email = true, .email = bad[i]};
		assert_int_equal(app_user_update(&f->ctx, id, &b, &u, &err), KH_EINVAL);
		assert_string_equal(err.field, "email");
	}
	assert_int_equal(app_user_get(&f->ctx, id, &u, &err), 0);
	assert_string_equal(u.email, "Can.Bo@Tan-Phong.vn");
	assert_false(u.is_admin); /* the refused update changed nothing */
	struct user_update promote = {.set_admin = true, .is_admin = true};
	assert_int_equal(app_user_update(&f->ctx, id, &promote, &u, &err), 0);
	assert_string_equal(u.email, "Can.Bo@Tan-Phong.vn"); /* not set: kept */
	struct audit_entry *log;
	assert_int_equal(app_audit_list(&f->ctx, "user", id, 50, &log, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_non_null(strstr(log[1].before, "\"email\":\"\""));
	assert_non_null(strstr(log[1].after, "\"email\":\"Can.Bo@Tan-Phong.vn\""));

	/* one's own: a user for themself, nobody else's */
	act_as(f, id, "canbo", false);
	assert_int_equal(app_user_set_email(&f->ctx, other, "x@tanphong.vn", &u, &err),
			 KH_EFORBIDDEN);
	assert_int_equal(app_user_set_email(&f->ctx, id, "canbo", &u, &err), KH_EINVAL);
	assert_string_equal(err.field, "email");
	assert_int_equal(app_user_set_email(&f->ctx, id, "canbo@tanphong.vn", &u, &err), 0);
	assert_string_equal(u.email, "canbo@tanphong.vn");
	assert_int_equal(app_user_update(&f->ctx, id, &upd, &u, &err), KH_EFORBIDDEN);
	/* every read of the account carries it */
	assert_int_equal(app_login(&f->ctx, "canbo", "dung-mat-khau", NULL, &s, &err), 0);
	assert_string_equal(s.user.email, "canbo@tanphong.vn");
	assert_int_equal(app_user_get(&f->ctx, id, &u, &err), 0);
	assert_string_equal(u.email, "canbo@tanphong.vn");
	/* "" (or blanks) turns it off */
	assert_int_equal(app_user_set_email(&f->ctx, id, "  ", &u, &err), 0);
	assert_string_equal(u.email, "");
	assert_int_equal(app_user_set_email(&f->ctx, id, NULL, &u, &err), 0);
	assert_string_equal(u.email, "");

	/* the system (the CLI) for anyone */
	f->ctx.actor = &f->system;
	assert_int_equal(app_user_set_email(&f->ctx, other, "khac@tanphong.vn", &u, &err), 0);
	assert_int_equal(app_user_list(&f->ctx, &v, &n, &err), 0);
	for (int i = 0; i < n; i++)
		if (v[i].id == other)
			assert_string_equal(v[i].email, "khac@tanphong.vn");
	assert_int_equal(app_user_set_email(&f->ctx, 9999, "a@b.vn", &u, &err), KH_ENOTFOUND);
}

static void test_set_password(void **state)
{
	struct fixture *f = *state;
	struct kh_error err;
	struct app_session s;
	struct actor a;
	int64_t admin = create(f, "quantri", "dung-mat-khau", true);
	int64_t id = create(f, "doimk", "mat-khau-cu", false);

	act_as(f, id, "doimk", false);
	assert_int_equal(app_user_set_password(&f->ctx, id, "sai-roi", "mat-khau-moi", &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "old_password");
	assert_int_equal(app_user_set_password(&f->ctx, id, NULL, "mat-khau-moi", &err), KH_EINVAL);
	assert_int_equal(app_user_set_password(&f->ctx, id, "mat-khau-cu", "ngan", &err),
			 KH_EINVAL);
	assert_string_equal(err.field, "password");
	assert_int_equal(
		app_user_set_password(&f->ctx, admin, "dung-mat-khau", "mat-khau-moi", &err),
		KH_EFORBIDDEN);
	assert_int_equal(app_user_set_password(&f->ctx, id, "mat-khau-cu", "mat-khau-moi", &err),
			 0);
	assert_int_equal(app_login(&f->ctx, "doimk", "mat-khau-cu", NULL, &s, &err), KH_EUNAUTH);
	assert_int_equal(app_login(&f->ctx, "doimk", "mat-khau-moi", NULL, &s, &err), 0);

	/* An admin resets without the old password; the user's sessions end. */
	act_as(f, admin, "quantri", true);
	assert_int_equal(app_user_set_password(&f->ctx, id, NULL, "mat-khau-admin-dat", &err), 0);
	assert_int_equal(app_auth_session(&f->ctx, s.token, &a, NULL, &err), KH_EUNAUTH);
	assert_int_equal(app_login(&f->ctx, "doimk", "mat-khau-admin-dat", NULL, &s, &err), 0);
	assert_int_equal(app_user_set_password(&f->ctx, 9999, NULL, "mat-khau-admin-dat", &err),
			 KH_ENOTFOUND);
}

int main(void)
{
	setenv("KH_FAST_HASH", "1", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login_success, setup, teardown),
		cmocka_unit_test_setup_teardown(test_login_failure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_limit_by_username, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rate_limit_by_address, setup, teardown),
		cmocka_unit_test_setup_teardown(test_success_clears_username_failures, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_session_expiry_and_logout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_token_revoke, setup, teardown),
		cmocka_unit_test_setup_teardown(test_disabled_user, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_validation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_duplicate_username, setup, teardown),
		cmocka_unit_test_setup_teardown(test_create_permissions_and_audit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(test_email, setup, teardown),
		cmocka_unit_test_setup_teardown(test_set_password, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
