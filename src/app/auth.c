/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Accounts, sessions, API tokens and the login rate limit. Passwords are
 * argon2id strings from libsodium (KH_FAST_HASH=1 picks the minimum cost, for
 * tests); session and API tokens come from libsodium's RNG and are stored as
 * their BLAKE2b hash, so a copy of the database does not let anyone in. All
 * state — sessions, failure counters — is in the database.
 *
 * Password hashing is slow on purpose, so it never runs inside a write
 * transaction: a login counts the attempt as a failure up front (one short
 * transaction that also enforces the limit, so parallel guesses cannot slip
 * past it), verifies without holding any lock, and on success takes the
 * attempt back and opens the session in a second transaction.
 */
#include "core/common.h"
#include "app/auth.h"
#include "store/user.h"
#include "text/utf8.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOKEN_HASH_LEN 32
#define SESSION_TOKEN_BYTES 32
#define CSRF_TOKEN_BYTES 32
#define API_TOKEN_BYTES 20
#define API_TOKEN_PREFIX "kh_"

static const char *const MSG_BAD_LOGIN = "Tên đăng nhập hoặc mật khẩu không đúng";
static const char *const MSG_RATE = "Đăng nhập sai quá nhiều lần, vui lòng thử lại sau ít phút";

/* ---- libsodium ---- */

static pthread_once_t sodium_once = PTHREAD_ONCE_INIT;
static int sodium_status;

static void sodium_start(void)
{
	sodium_status = sodium_init();
}

static int crypto_ready(struct kh_error *err)
{
	pthread_once(&sodium_once, sodium_start);
	if (sodium_status < 0)
		return kh_fail(err, KH_EINTERNAL, NULL, "Không khởi động được thư viện mật mã");
	return 0;
}

static void hash_cost(unsigned long long *ops, size_t *mem)
{
	const char *fast = getenv("KH_FAST_HASH");
	if (fast && strcmp(fast, "1") == 0) {
		*ops = crypto_pwhash_OPSLIMIT_MIN;
		*mem = crypto_pwhash_MEMLIMIT_MIN;
	} else {
		*ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		*mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	}
}

/* Hashes password into out (argon2id string). */
static int password_hash(const char *password, char out[crypto_pwhash_STRBYTES],
			 struct kh_error *err)
{
	unsigned long long ops;
	size_t mem;
	hash_cost(&ops, &mem);
	if (crypto_pwhash_str_alg(out, password, strlen(password), ops, mem,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return kh_fail(err, KH_EIO, NULL, "Không đủ bộ nhớ để mã hóa mật khẩu");
	return 0;
}

static bool password_matches(const char *hash, const char *password)
{
	return hash && *hash && crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* A random token of nbytes bytes as lowercase hex, in the arena. */
static char *random_hex(struct arena *a, size_t nbytes, const char *prefix)
{
	uint8_t raw[64];
	size_t plen = strlen(prefix);
	char *out = arena_alloc(a, plen + nbytes * 2 + 1);
	randombytes_buf(raw, nbytes);
	memcpy(out, prefix, plen);
	sodium_bin2hex(out + plen, nbytes * 2 + 1, raw, nbytes);
	sodium_memzero(raw, sizeof(raw));
	return out;
}

static void token_hash(const char *token, uint8_t out[TOKEN_HASH_LEN])
{
	crypto_generichash(out, TOKEN_HASH_LEN, (const unsigned char *)token, strlen(token), NULL,
			   0);
}

static bool is_lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[n] == '\0';
}

/* ---- validation ---- */

/* The canonical form of a username (trimmed, lowercased) in the arena, or
 * NULL when it breaks the rules. */
static const char *username_canon(struct arena *a, const char *in)
{
	if (!in)
		return NULL;
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n < AUTH_USERNAME_MIN || n > AUTH_USERNAME_MAX)
		return NULL;
	char *out = arena_memdup0(a, in, n);
	for (size_t i = 0; i < n; i++) {
		char c = out[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
		      c == '-'))
			return NULL;
		out[i] = c;
	}
	return out;
}

static int check_username(struct arena *a, const char *in, const char **out, struct kh_error *err)
{
	*out = username_canon(a, in);
	if (*out)
		return 0;
	return kh_fail(err, KH_EINVAL, "username",
		       "Tên đăng nhập phải dài từ %d đến %d ký tự, chỉ gồm chữ cái không dấu"
		       " a–z, chữ số và các dấu . _ -",
		       AUTH_USERNAME_MIN, AUTH_USERNAME_MAX);
}

static int check_password(const char *field, const char *pw, struct kh_error *err)
{
	if (!pw || utf8_char_count(pw) < AUTH_PASSWORD_MIN)
		return kh_fail(err, KH_EINVAL, field, "Mật khẩu phải có ít nhất %d ký tự",
			       AUTH_PASSWORD_MIN);
	if (utf8_char_count(pw) > AUTH_PASSWORD_MAX)
		return kh_fail(err, KH_EINVAL, field, "Mật khẩu dài quá %d ký tự",
			       AUTH_PASSWORD_MAX);
	if (text_has_controls(pw))
		return kh_fail(err, KH_EINVAL, field,
			       "Mật khẩu không được chứa ký tự xuống dòng hay ký tự điều khiển");
	return 0;
}

/* The address as stored (trimmed, in the arena; "" for NULL or blank), or
 * KH_EINVAL on "email". The rules are those of the mail sender (app/mail.c)
 * and a little stricter — a dot in the domain — so that what is saved can be
 * mailed to. */
static int check_email(struct arena *a, const char *in, const char **out, struct kh_error *err)
{
	static const char *const bad =
		"Địa chỉ thư điện tử không hợp lệ: cần có dạng ten@donvi.vn — đúng một dấu @ có"
		" chữ ở hai bên, tên miền có dấu chấm, không có dấu cách hay ký tự điều khiển";
	*out = "";
	if (!in)
		return 0;
	while (*in == ' ' || *in == '\t')
		in++;
	size_t n = strlen(in);
	while (n && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	if (n > AUTH_EMAIL_MAX)
		return kh_fail(err, KH_EINVAL, "email", "Địa chỉ thư điện tử dài quá %d ký tự",
			       AUTH_EMAIL_MAX);
	const char *e = arena_memdup0(a, in, n);
	/* A no-break or zero-width space comes along when an address is
	 * copied from a document. */
	if (!utf8_valid(e, n) || text_has_controls(e) || strlen(e) != n || strstr(e, "\xc2\xa0") ||
	    strstr(e, "\xe2\x80\x8b"))
		return kh_fail(err, KH_EINVAL, "email", "%s", bad);
	for (const unsigned char *p = (const unsigned char *)e; *p; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("<>(),;\"\\", *p))
			return kh_fail(err, KH_EINVAL, "email", "%s", bad);
	const char *at = strchr(e, '@');
	if (!at || at == e || strchr(at + 1, '@'))
		return kh_fail(err, KH_EINVAL, "email", "%s", bad);
	const char *domain = at + 1, *dot = strchr(domain, '.');
	size_t dn = strlen(domain);
	if (!dot || domain[0] == '.' || domain[dn - 1] == '.' || strstr(domain, ".."))
		return kh_fail(err, KH_EINVAL, "email", "%s", bad);
	*out = e;
	return 0;
}

static int check_person(struct app_ctx *ctx, int64_t person_id, struct kh_error *err)
{
	bool exists = false;
	if (person_id == 0)
		return 0;
	if (person_id < 0)
		return kh_fail(err, KH_EINVAL, "person_id", "Mã cán bộ, đảng viên không hợp lệ");
	int rc = store_user_person_exists(ctx->store, person_id, &exists, err);
	if (rc)
		return rc;
	if (!exists)
		return kh_fail(err, KH_EINVAL, "person_id",
			       "Không tìm thấy cán bộ, đảng viên có mã số %lld",
			       (long long)person_id);
	return 0;
}

/* ---- shared helpers ---- */

static void actor_from_user(const struct user *u, struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->user_id = u->id;
	a->person_id = u->person_id;
	a->username = u->username;
	a->is_admin = u->is_admin;
}

static bool is_self(const struct app_ctx *ctx, int64_t user_id)
{
	return ctx->actor && !ctx->actor->system && ctx->actor->user_id == user_id;
}

/* The account as JSON text for the audit log, in the arena. */
static const char *user_json(struct arena *a, const struct user *u)
{
	json_t *o = json_pack("{s:I, s:s, s:b, s:b}", "id", (json_int_t)u->id, "username",
			      u->username, "is_admin", u->is_admin, "disabled", u->disabled);
	if (!o)
		return NULL;
	json_object_set_new(o, "person_id",
			    u->person_id ? json_integer(u->person_id) : json_null());
	json_object_set_new(o, "email", json_string(u->email ? u->email : ""));
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (!s)
		return NULL;
	const char *copy = arena_strdup(a, s);
	free(s);
	return copy;
}

static int begin(struct app_ctx *ctx, struct kh_error *err)
{
	return store_begin(ctx->store, true, err);
}

static int commit_or_rollback(struct app_ctx *ctx, int rc, struct kh_error *err)
{
	if (rc == 0)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

/* ---- login, logout, authentication ---- */

/* True when key has reached the failure limit within the current window. */
static int is_limited(struct app_ctx *ctx, const char *key, int max, bool *limited,
		      struct kh_error *err)
{
	int64_t start;
	int failures;
	int rc = store_login_attempt_get(ctx->store, key, &start, &failures, err);
	if (rc)
		return rc;
	if (failures >= max && start > ctx->now - AUTH_FAILURE_WINDOW)
		*limited = true;
	return 0;
}

/* The first step of a login: enforce the limit, count this attempt as a
 * failure, and read the account. *found tells whether it exists. */
static int login_check(struct app_ctx *ctx, const char *ukey, const char *ikey,
		       const char *username, struct user *user, const char **hash, bool *found,
		       struct kh_error *err)
{
	bool limited = false;
	int rc = begin(ctx, err);
	if (rc)
		return rc;
	if (ukey && (rc = is_limited(ctx, ukey, AUTH_MAX_FAILURES, &limited, err)))
		goto out;
	if (ikey && (rc = is_limited(ctx, ikey, AUTH_MAX_FAILURES_PER_ADDRESS, &limited, err)))
		goto out;
	if (limited) {
		rc = kh_fail(err, KH_ERATE, NULL, "%s", MSG_RATE);
		goto out;
	}
	if ((rc = store_login_attempt_prune(ctx->store, ctx->now - AUTH_FAILURE_WINDOW, err)))
		goto out;
	if (ukey &&
	    (rc = store_login_attempt_add(ctx->store, ukey, ctx->now, AUTH_FAILURE_WINDOW, err)))
		goto out;
	if (ikey &&
	    (rc = store_login_attempt_add(ctx->store, ikey, ctx->now, AUTH_FAILURE_WINDOW, err)))
		goto out;
	*found = false;
	if (username) {
		rc = store_user_find(ctx->store, ctx->arena, username, user, hash, err);
		if (rc == 0)
			*found = true;
		else if (rc == KH_ENOTFOUND)
			rc = 0;
	}
out:
	return commit_or_rollback(ctx, rc, err);
}

int app_login(struct app_ctx *ctx, const char *username, const char *password,
	      const char *client_ip, struct app_session *out, struct kh_error *err)
{
	struct user user = {0};
	const char *hash = NULL, *ukey = NULL, *ikey = NULL;
	char new_hash[crypto_pwhash_STRBYTES];
	bool found = false, rehash = false;
	uint8_t th[TOKEN_HASH_LEN];
	int rc;

	if ((rc = crypto_ready(err)))
		return rc;
	if (!username || !*username || !password || !*password)
		return kh_fail(err, KH_EINVAL, !username || !*username ? "username" : "password",
			       "Hãy nhập tên đăng nhập và mật khẩu");
	const char *canon = username_canon(ctx->arena, username);
	if (canon)
		ukey = arena_printf(ctx->arena, "u:%s", canon);
	if (client_ip && *client_ip)
		ikey = arena_printf(ctx->arena, "ip:%s", client_ip);

	rc = login_check(ctx, ukey, ikey, canon, &user, &hash, &found, err);
	if (rc)
		return rc;

	if (!found) {
		/* Spend the same effort as a real check, so timing does not tell
		 * which usernames exist. */
		if (password_hash(password, new_hash, err) == 0)
			sodium_memzero(new_hash, sizeof(new_hash));
		return kh_fail(err, KH_EUNAUTH, NULL, "%s", MSG_BAD_LOGIN);
	}
	if (!password_matches(hash, password))
		return kh_fail(err, KH_EUNAUTH, NULL, "%s", MSG_BAD_LOGIN);
	if (user.disabled)
		return kh_fail(err, KH_EUNAUTH, NULL,
			       "Tài khoản này đã bị khóa; hãy liên hệ quản trị viên");
	{
		unsigned long long ops;
		size_t mem;
		hash_cost(&ops, &mem);
		if (crypto_pwhash_str_needs_rehash(hash, ops, mem) != 0 &&
		    password_hash(password, new_hash, NULL) == 0)
			rehash = true;
	}

	const char *token = random_hex(ctx->arena, SESSION_TOKEN_BYTES, "");
	const char *csrf = random_hex(ctx->arena, CSRF_TOKEN_BYTES, "");
	token_hash(token, th);
	if ((rc = begin(ctx, err)))
		return rc;
	if (ukey && (rc = store_login_attempt_clear(ctx->store, ukey, err)))
		goto out;
	if (ikey && (rc = store_login_attempt_undo(ctx->store, ikey, err)))
		goto out;
	if ((rc = store_session_delete_expired(ctx->store, ctx->now, NULL, err)))
		goto out;
	if ((rc = store_session_insert(ctx->store, th, sizeof(th), user.id, csrf, ctx->now,
				       ctx->now + AUTH_SESSION_TTL, err)))
		goto out;
	if (rehash && (rc = store_user_set_password(ctx->store, user.id, new_hash, err)))
		goto out;
out:
	sodium_memzero(new_hash, sizeof(new_hash));
	rc = commit_or_rollback(ctx, rc, err);
	if (rc)
		return rc;
	if (out) {
		out->token = token;
		out->csrf_token = csrf;
		out->expires_at = ctx->now + AUTH_SESSION_TTL;
		out->user = user;
	}
	return 0;
}

static bool session_token_shape(const char *token)
{
	return token && strlen(token) == SESSION_TOKEN_BYTES * 2 &&
	       is_lower_hex(token, SESSION_TOKEN_BYTES * 2);
}

int app_logout(struct app_ctx *ctx, const char *token, struct kh_error *err)
{
	uint8_t th[TOKEN_HASH_LEN];
	int rc;
	if ((rc = crypto_ready(err)))
		return rc;
	if (!session_token_shape(token))
		return 0;
	token_hash(token, th);
	if ((rc = begin(ctx, err)))
		return rc;
	rc = store_session_delete(ctx->store, th, sizeof(th), err);
	return commit_or_rollback(ctx, rc, err);
}

int app_auth_session(struct app_ctx *ctx, const char *token, struct actor *out,
		     const char **csrf_token, struct kh_error *err)
{
	uint8_t th[TOKEN_HASH_LEN];
	struct user user;
	const char *csrf = NULL;
	int64_t expires_at = 0;
	int rc;

	if ((rc = crypto_ready(err)))
		return rc;
	if (!session_token_shape(token))
		return kh_fail(err, KH_EUNAUTH, NULL, "Phiên đăng nhập không hợp lệ");
	token_hash(token, th);
	rc = store_session_find(ctx->store, ctx->arena, th, sizeof(th), &user, &csrf, &expires_at,
				err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EUNAUTH, NULL,
			       "Phiên đăng nhập không hợp lệ hoặc đã kết thúc");
	if (rc)
		return rc;
	if (expires_at <= ctx->now) {
		/* Expired: forget it now rather than on the next login. */
		struct kh_error ignored;
		if (begin(ctx, &ignored) == 0) {
			int drc = store_session_delete(ctx->store, th, sizeof(th), &ignored);
			if (commit_or_rollback(ctx, drc, &ignored) != 0)
				fprintf(stderr, "kehoach: %s\n", ignored.message);
		}
		return kh_fail(err, KH_EUNAUTH, NULL,
			       "Phiên đăng nhập đã hết hạn; hãy đăng nhập lại");
	}
	if (user.disabled)
		return kh_fail(err, KH_EUNAUTH, NULL, "Tài khoản này đã bị khóa");
	actor_from_user(&user, out);
	if (csrf_token)
		*csrf_token = csrf;
	return 0;
}

int app_auth_bearer(struct app_ctx *ctx, const char *token, struct actor *out, struct kh_error *err)
{
	uint8_t th[TOKEN_HASH_LEN];
	struct user user;
	size_t plen = strlen(API_TOKEN_PREFIX);
	int rc;

	if ((rc = crypto_ready(err)))
		return rc;
	if (!token || strncmp(token, API_TOKEN_PREFIX, plen) != 0 ||
	    strlen(token) != plen + API_TOKEN_BYTES * 2 ||
	    !is_lower_hex(token + plen, API_TOKEN_BYTES * 2))
		return kh_fail(err, KH_EUNAUTH, NULL, "Mã truy cập không hợp lệ");
	token_hash(token, th);
	rc = store_token_find(ctx->store, ctx->arena, th, sizeof(th), &user, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EUNAUTH, NULL,
			       "Mã truy cập không hợp lệ hoặc đã bị thu hồi");
	if (rc)
		return rc;
	if (user.disabled)
		return kh_fail(err, KH_EUNAUTH, NULL, "Tài khoản này đã bị khóa");
	actor_from_user(&user, out);
	return 0;
}

/* ---- accounts ---- */

int app_user_create(struct app_ctx *ctx, const char *username, const char *password,
		    int64_t person_id, bool is_admin, struct user *out, struct kh_error *err)
{
	return app_user_create_with_email(ctx, username, password, person_id, is_admin, NULL, out,
					  err);
}

int app_user_create_with_email(struct app_ctx *ctx, const char *username, const char *password,
			       int64_t person_id, bool is_admin, const char *email,
			       struct user *out, struct kh_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *name, *addr;
	struct user existing, created = {0};
	int64_t id = 0;
	int rc;

	if ((rc = app_require_admin(ctx, err)) || (rc = crypto_ready(err)))
		return rc;
	if ((rc = check_username(ctx->arena, username, &name, err)) ||
	    (rc = check_password("password", password, err)) ||
	    (rc = check_email(ctx->arena, email, &addr, err)))
		return rc;
	if (person_id < 0)
		return kh_fail(err, KH_EINVAL, "person_id", "Mã cán bộ, đảng viên không hợp lệ");
	if ((rc = password_hash(password, hash, err)))
		return rc;

	if ((rc = begin(ctx, err)))
		goto out_hash;
	if ((rc = check_person(ctx, person_id, err)))
		goto out;
	rc = store_user_find(ctx->store, ctx->arena, name, &existing, NULL, err);
	if (rc == 0) {
		rc = kh_fail(err, KH_ECONFLICT, "username", "Tên đăng nhập «%s» đã có người dùng",
			     name);
		goto out;
	}
	if (rc != KH_ENOTFOUND)
		goto out;
	if ((rc = store_user_insert(ctx->store, name, hash, person_id, is_admin, ctx->now, &id,
				    err)))
		goto out;
	if (*addr && (rc = store_user_set_email(ctx->store, id, addr, err)))
		goto out;
	if ((rc = store_user_get(ctx->store, ctx->arena, id, &created, err)))
		goto out;
	rc = app_audit(ctx, "user.create", "user", id, NULL, user_json(ctx->arena, &created), err);
out:
	rc = commit_or_rollback(ctx, rc, err);
out_hash:
	sodium_memzero(hash, sizeof(hash));
	if (rc == 0 && out)
		*out = created;
	return rc;
}

int app_user_list(struct app_ctx *ctx, struct user **out, int *n, struct kh_error *err)
{
	int rc = app_require_admin(ctx, err);
	if (rc)
		return rc;
	return store_user_list(ctx->store, ctx->arena, out, n, err);
}

int app_user_get(struct app_ctx *ctx, int64_t id, struct user *out, struct kh_error *err)
{
	if (!app_sees_all(ctx) && !is_self(ctx, id))
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ quản trị viên được xem tài khoản của người khác");
	return store_user_get(ctx->store, ctx->arena, id, out, err);
}

/* app_user_update once the actor's right is checked. */
static int update_account(struct app_ctx *ctx, int64_t id, const struct user_update *upd,
			  struct user *out, struct kh_error *err)
{
	struct user before, after = {0};
	const char *addr = "";
	int rc;
	if (upd->set_email && (rc = check_email(ctx->arena, upd->email, &addr, err)))
		return rc;
	if ((rc = begin(ctx, err)))
		return rc;
	if ((rc = store_user_get(ctx->store, ctx->arena, id, &before, err)))
		goto out;
	after = before;
	if (upd->set_admin)
		after.is_admin = upd->is_admin;
	if (upd->set_disabled)
		after.disabled = upd->disabled;
	if (upd->set_person)
		after.person_id = upd->person_id;
	if (upd->set_email)
		after.email = addr;
	if (is_self(ctx, id) &&
	    ((before.is_admin && !after.is_admin) || (!before.disabled && after.disabled))) {
		rc = kh_fail(
			err, KH_ECONFLICT, NULL,
			"Bạn không thể tự khóa tài khoản hay tự bỏ quyền quản trị của chính mình");
		goto out;
	}
	if (after.person_id != before.person_id && (rc = check_person(ctx, after.person_id, err)))
		goto out;
	if ((rc = store_user_update(ctx->store, id, after.is_admin, after.disabled, after.person_id,
				    err)))
		goto out;
	if (strcmp(after.email, before.email) != 0 &&
	    (rc = store_user_set_email(ctx->store, id, after.email, err)))
		goto out;
	if (after.disabled && !before.disabled &&
	    (rc = store_session_delete_user(ctx->store, id, err)))
		goto out;
	if ((rc = store_user_get(ctx->store, ctx->arena, id, &after, err)))
		goto out;
	rc = app_audit(ctx, "user.update", "user", id, user_json(ctx->arena, &before),
		       user_json(ctx->arena, &after), err);
out:
	rc = commit_or_rollback(ctx, rc, err);
	if (rc == 0 && out)
		*out = after;
	return rc;
}

int app_user_update(struct app_ctx *ctx, int64_t id, const struct user_update *upd,
		    struct user *out, struct kh_error *err)
{
	int rc = app_require_admin(ctx, err);
	if (rc)
		return rc;
	return update_account(ctx, id, upd, out, err);
}

int app_user_set_email(struct app_ctx *ctx, int64_t id, const char *email, struct user *out,
		       struct kh_error *err)
{
	struct user_update upd = {.set_email = true, .email = email};
	if (!app_sees_all(ctx) && !is_self(ctx, id))
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ quản trị viên được đổi địa chỉ thư điện tử của người khác");
	return update_account(ctx, id, &upd, out, err);
}

int app_user_set_password(struct app_ctx *ctx, int64_t id, const char *old_password,
			  const char *new_password, struct kh_error *err)
{
	char hash[crypto_pwhash_STRBYTES];
	const char *current = NULL;
	bool admin = app_sees_all(ctx), self = is_self(ctx, id);
	struct user user;
	int rc;

	if (!admin && !self)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ quản trị viên được đặt mật khẩu cho người khác");
	if ((rc = crypto_ready(err)) || (rc = check_password("password", new_password, err)))
		return rc;
	if (!admin) {
		if ((rc = store_user_password_hash(ctx->store, ctx->arena, id, &current, err)))
			return rc;
		if (!old_password || !password_matches(current, old_password))
			return kh_fail(err, KH_EINVAL, "old_password",
				       "Mật khẩu hiện tại không đúng");
	}
	if ((rc = password_hash(new_password, hash, err)))
		return rc;
	if ((rc = begin(ctx, err)))
		goto out_hash;
	if ((rc = store_user_get(ctx->store, ctx->arena, id, &user, err)))
		goto out;
	if ((rc = store_user_set_password(ctx->store, id, hash, err)))
		goto out;
	if (!self && (rc = store_session_delete_user(ctx->store, id, err)))
		goto out;
	rc = app_audit(ctx, "user.password", "user", id, NULL, NULL, err);
out:
	rc = commit_or_rollback(ctx, rc, err);
out_hash:
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

int app_token_create(struct app_ctx *ctx, const char *username, const char *label,
		     const char **token_out, struct kh_error *err)
{
	uint8_t th[TOKEN_HASH_LEN];
	const char *name;
	struct user user;
	int64_t id = 0;
	int rc;

	if ((rc = crypto_ready(err)))
		return rc;
	if (!ctx->actor || (!ctx->actor->system && !ctx->actor->user_id))
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	name = username_canon(ctx->arena, username);
	if (!name)
		return kh_fail(err, KH_ENOTFOUND, "username", "Không tìm thấy tài khoản «%s»",
			       username ? username : "");
	if (label && (rc = app_check_name("label", "Nhãn", label, 100, false, err)))
		return rc;
	rc = store_user_find(ctx->store, ctx->arena, name, &user, NULL, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_ENOTFOUND, "username", "Không tìm thấy tài khoản «%s»",
			       name);
	if (rc)
		return rc;
	if (!app_sees_all(ctx) && !is_self(ctx, user.id))
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ quản trị viên được cấp mã truy cập cho người khác");

	const char *token = random_hex(ctx->arena, API_TOKEN_BYTES, API_TOKEN_PREFIX);
	token_hash(token, th);
	if ((rc = begin(ctx, err)))
		return rc;
	if ((rc = store_token_insert(ctx->store, th, sizeof(th), user.id, label, ctx->now, &id,
				     err)))
		goto out;
	{
		json_t *o = json_pack("{s:I, s:s, s:s}", "user_id", (json_int_t)user.id, "username",
				      user.username, "label", label ? label : "");
		char *after = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
		json_decref(o);
		rc = app_audit(ctx, "token.create", "api_token", id, NULL, after, err);
		free(after);
	}
out:
	rc = commit_or_rollback(ctx, rc, err);
	if (rc == 0)
		*token_out = token;
	return rc;
}

int app_token_list(struct app_ctx *ctx, int64_t user_id, struct api_token **out, int *n,
		   struct kh_error *err)
{
	struct user user;
	int rc;

	if (!app_sees_all(ctx) && !is_self(ctx, user_id))
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ quản trị viên được xem mã truy cập của người khác");
	if ((rc = store_user_get(ctx->store, ctx->arena, user_id, &user, err)))
		return rc;
	return store_token_list(ctx->store, ctx->arena, user_id, out, n, err);
}

/* The token as JSON text for the audit log, in the arena. */
static const char *token_json(struct arena *a, const struct api_token *t)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:b}", "id", (json_int_t)t->id, "user_id",
			      (json_int_t)t->user_id, "label", t->label, "revoked", t->revoked);
	char *s = o ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (!s)
		return NULL;
	const char *copy = arena_strdup(a, s);
	free(s);
	return copy;
}

int app_token_revoke(struct app_ctx *ctx, int64_t token_id, struct kh_error *err)
{
	struct api_token before, after;
	int rc;

	if (!ctx->actor || (!ctx->actor->system && !ctx->actor->user_id))
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = begin(ctx, err)))
		return rc;
	if ((rc = store_token_get(ctx->store, ctx->arena, token_id, &before, err)))
		goto out;
	if (!app_sees_all(ctx) && !is_self(ctx, before.user_id)) {
		rc = kh_fail(err, KH_EFORBIDDEN, NULL,
			     "Chỉ quản trị viên được thu hồi mã truy cập của người khác");
		goto out;
	}
	if (before.revoked)
		goto out;
	if ((rc = store_token_revoke(ctx->store, token_id, err)))
		goto out;
	after = before;
	after.revoked = true;
	rc = app_audit(ctx, "token.revoke", "api_token", token_id, token_json(ctx->arena, &before),
		       token_json(ctx->arena, &after), err);
out:
	return commit_or_rollback(ctx, rc, err);
}

int app_audit_list(struct app_ctx *ctx, const char *entity, int64_t entity_id, int limit,
		   struct audit_entry **out, int *n, struct kh_error *err)
{
	int rc = app_require_admin(ctx, err);
	if (rc)
		return rc;
	if (limit <= 0 || limit > 1000)
		limit = 1000;
	if (entity && !*entity)
		entity = NULL;
	return store_audit_list(ctx->store, ctx->arena, entity, entity_id, limit, out, n, err);
}
