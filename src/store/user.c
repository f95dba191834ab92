/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of accounts, sessions, API tokens and the login-attempt counters.
 * Usernames compare case-insensitively (the column is COLLATE NOCASE); token
 * hashes are bound as blobs. Reads join the linked person for display.
 */
#include "core/common.h"
#include "store/internal.h"
#include "store/user.h"

#include <string.h>

#define USER_COLS                                                              \
	"u.id, u.username, u.person_id, u.is_admin, u.disabled, u.created_at," \
	" coalesce(p.full_name, ''), u.email"
#define USER_NCOLS 8 /* the columns of USER_COLS */
#define USER_FROM " FROM users u LEFT JOIN people p ON p.id = u.person_id"

static void read_user(struct arena *a, sqlite3_stmt *st, int col, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, col);
	u->username = store_col_text(a, st, col + 1);
	u->person_id = store_col_id(st, col + 2);
	u->is_admin = sqlite3_column_int(st, col + 3) != 0;
	u->disabled = sqlite3_column_int(st, col + 4) != 0;
	u->created_at = sqlite3_column_int64(st, col + 5);
	u->person_name = store_col_text(a, st, col + 6);
	u->email = store_col_text(a, st, col + 7);
}

/* Steps a statement expected to change rows; *changes (may be NULL) gets the
 * number of rows changed. */
static int step_done(struct store *s, sqlite3_stmt *st, int *changes, struct kh_error *err)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	if (changes)
		*changes = sqlite3_changes(s->db);
	return 0;
}

static int not_found_user(struct kh_error *err)
{
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tài khoản");
}

/* ---- accounts ---- */

int store_user_insert(struct store *s, const char *username, const char *password_hash,
		      int64_t person_id, bool is_admin, int64_t created_at, int64_t *id,
		      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO users(username, password_hash, person_id, is_admin, disabled,"
		" created_at) VALUES (?, ?, ?, ?, 0, ?)",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, username);
	store_bind_text(st, 2, password_hash);
	store_bind_id(st, 3, person_id);
	sqlite3_bind_int(st, 4, is_admin ? 1 : 0);
	sqlite3_bind_int64(st, 5, created_at);
	int rc = step_done(s, st, NULL, err);
	if (rc)
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_user_get(struct store *s, struct arena *a, int64_t id, struct user *out,
		   struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS USER_FROM " WHERE u.id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_user(a, st, 0, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return not_found_user(err);
}

int store_user_find(struct store *s, struct arena *a, const char *username, struct user *out,
		    const char **password_hash, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " USER_COLS ", u.password_hash" USER_FROM " WHERE u.username = ?", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, username);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_user(a, st, 0, out);
		if (password_hash)
			*password_hash = store_col_text(a, st, USER_NCOLS);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return not_found_user(err);
}

int store_user_password_hash(struct store *s, struct arena *a, int64_t id,
			     const char **password_hash, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT password_hash FROM users WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*password_hash = store_col_text(a, st, 0);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return not_found_user(err);
}

int store_user_list(struct store *s, struct arena *a, struct user **out, int *n,
		    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " USER_COLS USER_FROM " ORDER BY u.username", err);
	if (!st)
		return store_fail_stmt(err);
	int cap = 16, count = 0, rc;
	struct user *v = arena_alloc(a, xmul((size_t)cap, sizeof(*v)));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct user *w = arena_alloc(a, xmul((size_t)cap * 2, sizeof(*v)));
			memcpy(w, v, xmul((size_t)cap, sizeof(*v)));
			v = w;
			cap *= 2;
		}
		read_user(a, st, 0, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_user_update(struct store *s, int64_t id, bool is_admin, bool disabled, int64_t person_id,
		      struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "UPDATE users SET is_admin = ?, disabled = ?, person_id = ? WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int(st, 1, is_admin ? 1 : 0);
	sqlite3_bind_int(st, 2, disabled ? 1 : 0);
	store_bind_id(st, 3, person_id);
	sqlite3_bind_int64(st, 4, id);
	int changes = 0;
	int rc = step_done(s, st, &changes, err);
	if (rc)
		return rc;
	return changes ? 0 : not_found_user(err);
}

int store_user_set_email(struct store *s, int64_t id, const char *email, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE users SET email = ? WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, email ? email : "");
	sqlite3_bind_int64(st, 2, id);
	int changes = 0;
	int rc = step_done(s, st, &changes, err);
	if (rc)
		return rc;
	return changes ? 0 : not_found_user(err);
}

int store_user_set_password(struct store *s, int64_t id, const char *password_hash,
			    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE users SET password_hash = ? WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, password_hash);
	sqlite3_bind_int64(st, 2, id);
	int changes = 0;
	int rc = step_done(s, st, &changes, err);
	if (rc)
		return rc;
	return changes ? 0 : not_found_user(err);
}

int store_user_person_exists(struct store *s, int64_t person_id, bool *exists, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT 1 FROM people WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, person_id);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*exists = rc == SQLITE_ROW;
	return 0;
}

/* ---- sessions ---- */

int store_session_insert(struct store *s, const uint8_t *token_hash, size_t hash_len,
			 int64_t user_id, const char *csrf_token, int64_t created_at,
			 int64_t expires_at, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO sessions(token_hash, user_id, csrf_token, created_at, expires_at)"
		" VALUES (?, ?, ?, ?, ?)",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_blob(st, 1, token_hash, (int)hash_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	store_bind_text(st, 3, csrf_token);
	sqlite3_bind_int64(st, 4, created_at);
	sqlite3_bind_int64(st, 5, expires_at);
	return step_done(s, st, NULL, err);
}

int store_session_find(struct store *s, struct arena *a, const uint8_t *token_hash, size_t hash_len,
		       struct user *user, const char **csrf_token, int64_t *expires_at,
		       struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " USER_COLS ", x.csrf_token, x.expires_at FROM sessions x"
		" JOIN users u ON u.id = x.user_id LEFT JOIN people p ON p.id = u.person_id"
		" WHERE x.token_hash = ?",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_blob(st, 1, token_hash, (int)hash_len, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		read_user(a, st, 0, user);
		*csrf_token = store_col_text(a, st, USER_NCOLS);
		*expires_at = sqlite3_column_int64(st, USER_NCOLS + 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy phiên đăng nhập");
}

int store_session_delete(struct store *s, const uint8_t *token_hash, size_t hash_len,
			 struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE token_hash = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_blob(st, 1, token_hash, (int)hash_len, SQLITE_TRANSIENT);
	return step_done(s, st, NULL, err);
}

int store_session_delete_user(struct store *s, int64_t user_id, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE user_id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, user_id);
	return step_done(s, st, NULL, err);
}

int store_session_delete_expired(struct store *s, int64_t now, int *removed, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM sessions WHERE expires_at <= ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, now);
	return step_done(s, st, removed, err);
}

/* ---- API tokens ---- */

int store_token_insert(struct store *s, const uint8_t *token_hash, size_t hash_len, int64_t user_id,
		       const char *label, int64_t created_at, int64_t *id, struct kh_error *err)
{
	sqlite3_stmt *st =
		store_stmt(s,
			   "INSERT INTO api_tokens(token_hash, user_id, label, created_at, revoked)"
			   " VALUES (?, ?, ?, ?, 0)",
			   err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_blob(st, 1, token_hash, (int)hash_len, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, user_id);
	store_bind_text(st, 3, label ? label : "");
	sqlite3_bind_int64(st, 4, created_at);
	int rc = step_done(s, st, NULL, err);
	if (rc)
		return rc;
	if (id)
		*id = sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_token_find(struct store *s, struct arena *a, const uint8_t *token_hash, size_t hash_len,
		     struct user *user, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"SELECT " USER_COLS " FROM api_tokens t"
		" JOIN users u ON u.id = t.user_id LEFT JOIN people p ON p.id = u.person_id"
		" WHERE t.token_hash = ? AND t.revoked = 0",
		err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_blob(st, 1, token_hash, (int)hash_len, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_user(a, st, 0, user);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy mã truy cập");
}

#define TOKEN_COLS "id, user_id, label, created_at, revoked"

static void read_token(struct arena *a, sqlite3_stmt *st, struct api_token *t)
{
	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->user_id = sqlite3_column_int64(st, 1);
	t->label = store_col_text(a, st, 2);
	t->created_at = sqlite3_column_int64(st, 3);
	t->revoked = sqlite3_column_int(st, 4) != 0;
}

int store_token_list(struct store *s, struct arena *a, int64_t user_id, struct api_token **out,
		     int *n, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT " TOKEN_COLS " FROM api_tokens WHERE user_id = ? ORDER BY id", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, user_id);
	int cap = 8, count = 0, rc;
	struct api_token *v = arena_alloc(a, xmul((size_t)cap, sizeof(*v)));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == cap) {
			struct api_token *w = arena_alloc(a, xmul((size_t)cap * 2, sizeof(*v)));
			memcpy(w, v, xmul((size_t)cap, sizeof(*v)));
			v = w;
			cap *= 2;
		}
		read_token(a, st, &v[count++]);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	*out = v;
	*n = count;
	return 0;
}

int store_token_get(struct store *s, struct arena *a, int64_t id, struct api_token *out,
		    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "SELECT " TOKEN_COLS " FROM api_tokens WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		read_token(a, st, out);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 0;
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy mã truy cập");
}

int store_token_revoke(struct store *s, int64_t id, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "UPDATE api_tokens SET revoked = 1 WHERE id = ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, id);
	int changes = 0;
	int rc = step_done(s, st, &changes, err);
	if (rc)
		return rc;
	return changes ? 0 : kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy mã truy cập");
}

/* ---- login attempts ---- */

int store_login_attempt_get(struct store *s, const char *key, int64_t *window_start, int *failures,
			    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s, "SELECT window_start, failures FROM login_attempts WHERE key = ?", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	*window_start = 0;
	*failures = 0;
	if (rc == SQLITE_ROW) {
		*window_start = sqlite3_column_int64(st, 0);
		*failures = sqlite3_column_int(st, 1);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_sqlerr(s, rc, err);
	return 0;
}

int store_login_attempt_add(struct store *s, const char *key, int64_t now, int64_t window,
			    struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(
		s,
		"INSERT INTO login_attempts(key, window_start, failures) VALUES (?1, ?2, 1)"
		" ON CONFLICT(key) DO UPDATE SET"
		"  failures = CASE WHEN window_start <= ?2 - ?3 THEN 1 ELSE failures + 1 END,"
		"  window_start = CASE WHEN window_start <= ?2 - ?3 THEN ?2 ELSE window_start END",
		err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	sqlite3_bind_int64(st, 2, now);
	sqlite3_bind_int64(st, 3, window);
	return step_done(s, st, NULL, err);
}

int store_login_attempt_undo(struct store *s, const char *key, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s,
				      "UPDATE login_attempts SET failures = failures - 1"
				      " WHERE key = ? AND failures > 0",
				      err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	return step_done(s, st, NULL, err);
}

int store_login_attempt_clear(struct store *s, const char *key, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM login_attempts WHERE key = ?", err);
	if (!st)
		return store_fail_stmt(err);
	store_bind_text(st, 1, key);
	return step_done(s, st, NULL, err);
}

int store_login_attempt_prune(struct store *s, int64_t cutoff, struct kh_error *err)
{
	sqlite3_stmt *st = store_stmt(s, "DELETE FROM login_attempts WHERE window_start < ?", err);
	if (!st)
		return store_fail_stmt(err);
	sqlite3_bind_int64(st, 1, cutoff);
	return step_done(s, st, NULL, err);
}
