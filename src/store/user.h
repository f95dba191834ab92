/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of accounts, sessions, API tokens and login attempts. Tokens are
 * never stored: callers pass their hash (AUTH_TOKEN_HASH_LEN bytes). No rule
 * lives here — who may create an account, when a session is valid and how
 * many failures are too many are decided by app/auth.c; these functions only
 * read and write.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_USER_H
#define KH_STORE_USER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* ---- accounts ---- */

/* A new account; *id receives its id (may be NULL). person_id 0 = none. A
 * taken username (case-insensitive) is KH_ECONFLICT. */
int store_user_insert(struct store *s, const char *username, const char *password_hash,
		      int64_t person_id, bool is_admin, int64_t created_at, int64_t *id,
		      struct kh_error *err) KH_MUST_CHECK;

/* The account with this id, person_name filled when linked; KH_ENOTFOUND
 * when unknown. */
int store_user_get(struct store *s, struct arena *a, int64_t id, struct user *out,
		   struct kh_error *err) KH_MUST_CHECK;

/* The account with this username (case-insensitive) and its password hash
 * (arena); KH_ENOTFOUND when unknown. password_hash may be NULL. */
int store_user_find(struct store *s, struct arena *a, const char *username, struct user *out,
		    const char **password_hash, struct kh_error *err) KH_MUST_CHECK;

/* The password hash of account id (arena); KH_ENOTFOUND when unknown. */
int store_user_password_hash(struct store *s, struct arena *a, int64_t id,
			     const char **password_hash, struct kh_error *err) KH_MUST_CHECK;

/* Every account, by username; *out is arena-allocated. */
int store_user_list(struct store *s, struct arena *a, struct user **out, int *n,
		    struct kh_error *err) KH_MUST_CHECK;

/* Rewrites the account's admin flag, disabled flag and person link (0 =
 * none). KH_ENOTFOUND when unknown. */
int store_user_update(struct store *s, int64_t id, bool is_admin, bool disabled, int64_t person_id,
		      struct kh_error *err) KH_MUST_CHECK;

/* Sets the account's e-mail address (NULL or "" = none). KH_ENOTFOUND when
 * unknown. */
int store_user_set_email(struct store *s, int64_t id, const char *email,
			 struct kh_error *err) KH_MUST_CHECK;

/* Replaces the password hash. KH_ENOTFOUND when unknown. */
int store_user_set_password(struct store *s, int64_t id, const char *password_hash,
			    struct kh_error *err) KH_MUST_CHECK;

/* Sets *exists when a person with this id is recorded (for linking). */
int store_user_person_exists(struct store *s, int64_t person_id, bool *exists,
			     struct kh_error *err) KH_MUST_CHECK;

/* ---- sessions ---- */

/* A new session for user_id, valid until expires_at (unix seconds). */
int store_session_insert(struct store *s, const uint8_t *token_hash, size_t hash_len,
			 int64_t user_id, const char *csrf_token, int64_t created_at,
			 int64_t expires_at, struct kh_error *err) KH_MUST_CHECK;

/* The session with this token hash: its account, CSRF token (arena) and end.
 * Expired sessions are returned too (the caller judges *expires_at);
 * KH_ENOTFOUND when unknown. */
int store_session_find(struct store *s, struct arena *a, const uint8_t *token_hash, size_t hash_len,
		       struct user *user, const char **csrf_token, int64_t *expires_at,
		       struct kh_error *err) KH_MUST_CHECK;

/* Ends one session (no error when unknown). */
int store_session_delete(struct store *s, const uint8_t *token_hash, size_t hash_len,
			 struct kh_error *err) KH_MUST_CHECK;

/* Ends every session of an account (disabled, password changed). */
int store_session_delete_user(struct store *s, int64_t user_id, struct kh_error *err) KH_MUST_CHECK;

/* Removes sessions with expires_at <= now; *removed (may be NULL) counts. */
int store_session_delete_expired(struct store *s, int64_t now, int *removed,
				 struct kh_error *err) KH_MUST_CHECK;

/* ---- API tokens ---- */

/* A new API token for user_id; *id (may be NULL) receives its id. */
int store_token_insert(struct store *s, const uint8_t *token_hash, size_t hash_len, int64_t user_id,
		       const char *label, int64_t created_at, int64_t *id,
		       struct kh_error *err) KH_MUST_CHECK;

/* The account of the unrevoked token with this hash; KH_ENOTFOUND when
 * unknown or revoked. */
int store_token_find(struct store *s, struct arena *a, const uint8_t *token_hash, size_t hash_len,
		     struct user *user, struct kh_error *err) KH_MUST_CHECK;

/* The tokens of user_id (revoked ones too), oldest first; *out is
 * arena-allocated. An unknown user simply has none. */
int store_token_list(struct store *s, struct arena *a, int64_t user_id, struct api_token **out,
		     int *n, struct kh_error *err) KH_MUST_CHECK;

/* The token with this id; KH_ENOTFOUND when unknown. */
int store_token_get(struct store *s, struct arena *a, int64_t id, struct api_token *out,
		    struct kh_error *err) KH_MUST_CHECK;

/* Marks the token revoked (no error when it already is); KH_ENOTFOUND when
 * unknown. */
int store_token_revoke(struct store *s, int64_t id, struct kh_error *err) KH_MUST_CHECK;

/* ---- login attempts (rate limit) ---- */

/* The failure count and window start recorded for key; both 0 when none. */
int store_login_attempt_get(struct store *s, const char *key, int64_t *window_start, int *failures,
			    struct kh_error *err) KH_MUST_CHECK;

/* Counts one failure for key: starts a new window at now (count 1) when
 * none is recorded or the recorded one began window seconds or more ago,
 * otherwise adds one to it. */
int store_login_attempt_add(struct store *s, const char *key, int64_t now, int64_t window,
			    struct kh_error *err) KH_MUST_CHECK;

/* Takes one failure back from key (never below zero). */
int store_login_attempt_undo(struct store *s, const char *key, struct kh_error *err) KH_MUST_CHECK;

/* Forgets key. */
int store_login_attempt_clear(struct store *s, const char *key, struct kh_error *err) KH_MUST_CHECK;

/* Removes keys whose window began before cutoff. */
int store_login_attempt_prune(struct store *s, int64_t cutoff, struct kh_error *err) KH_MUST_CHECK;

#endif
