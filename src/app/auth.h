/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Accounts, sessions, API tokens and the login rate limit. Passwords are
 * stored as argon2id (libsodium crypto_pwhash_str); session and API tokens are
 * random (libsodium RNG), given to the client once, and stored only as a hash.
 * All state lives in the database so several servers can share it.
 */
#ifndef KH_APP_AUTH_H
#define KH_APP_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"

/* Session lifetime (seconds) and login rate limit. */
#define AUTH_SESSION_TTL (8 * 3600)
#define AUTH_MAX_FAILURES 5 /* per username… */
/* …and per client address, higher: a whole office often shares one address
 * behind NAT, and five typos among its staff must not lock everyone out. */
#define AUTH_MAX_FAILURES_PER_ADDRESS 30
#define AUTH_FAILURE_WINDOW 900 /* …within this many seconds */

struct app_session {
	const char *token;	/* the cookie value (arena) */
	const char *csrf_token; /* to echo in forms and X-CSRF-Token (arena) */
	int64_t expires_at;
	struct user user;
};

/* Checks the password and opens a session. Failures are counted per username
 * and per client_ip; past the limit every attempt fails with KH_ERATE until
 * the window passes. Wrong credentials: KH_EUNAUTH with one message for both
 * unknown user and wrong password. */
int app_login(struct app_ctx *ctx, const char *username, const char *password,
	      const char *client_ip, struct app_session *out, struct kh_error *err) KH_MUST_CHECK;
/* Ends the session whose cookie token is given (no error when unknown). */
int app_logout(struct app_ctx *ctx, const char *token, struct kh_error *err) KH_MUST_CHECK;

/* Resolves a session cookie token to its actor and CSRF token; KH_EUNAUTH
 * when unknown, expired or the user is disabled. */
int app_auth_session(struct app_ctx *ctx, const char *token, struct actor *out,
		     const char **csrf_token, struct kh_error *err) KH_MUST_CHECK;
/* Resolves an API bearer token; KH_EUNAUTH when unknown or revoked. */
int app_auth_bearer(struct app_ctx *ctx, const char *token, struct actor *out,
		    struct kh_error *err) KH_MUST_CHECK;

/* ---- accounts (admin; the CLI acts as the system) ---- */

/* Username rules: 3–64 characters of a–z, 0–9, '.', '_', '-' (input is
 * lowercased first). Passwords: at least AUTH_PASSWORD_MIN characters. */
#define AUTH_USERNAME_MIN 3
#define AUTH_USERNAME_MAX 64
#define AUTH_PASSWORD_MIN 8
#define AUTH_PASSWORD_MAX 256
/* E-mail addresses (where notifications are mailed): at most this many
 * bytes, "local@domain" with one '@', a dot inside the domain, no spaces,
 * control characters or <>(),;"\ (they would break the mail headers). */
#define AUTH_EMAIL_MAX 254

/* Creates an account (admins and the system only). person_id 0 = not
 * linked. A taken username is KH_ECONFLICT; bad input KH_EINVAL naming the
 * field ("username", "password", "person_id"). Audited as "user.create".
 * *out (may be NULL) is filled in ctx->arena. */
int app_user_create(struct app_ctx *ctx, const char *username, const char *password,
		    int64_t person_id, bool is_admin, struct user *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* As app_user_create, with the e-mail address notifications are mailed to
 * (NULL or "" = none; a bad one is KH_EINVAL on "email"), in the same
 * transaction. */
int app_user_create_with_email(struct app_ctx *ctx, const char *username, const char *password,
			       int64_t person_id, bool is_admin, const char *email,
			       struct user *out, struct kh_error *err) KH_MUST_CHECK;

/* Every account, by username (admins only); *out in ctx->arena. */
int app_user_list(struct app_ctx *ctx, struct user **out, int *n,
		  struct kh_error *err) KH_MUST_CHECK;

/* One account (admins, or the user themself); KH_ENOTFOUND when unknown. */
int app_user_get(struct app_ctx *ctx, int64_t id, struct user *out,
		 struct kh_error *err) KH_MUST_CHECK;

/* What app_user_update changes: only the fields whose set_ flag is true. */
struct user_update {
	bool set_admin;
	bool is_admin;
	bool set_disabled;
	bool disabled;
	bool set_person;
	int64_t person_id; /* 0 = unlink */
	bool set_email;
	const char *email; /* NULL or "" = none */
};

/* Changes an account's admin flag, disabled flag, person link and e-mail
 * address (admins only). Nobody can disable or demote themself
 * (KH_ECONFLICT). Disabling ends the account's sessions. A bad address is
 * KH_EINVAL on "email". Audited as "user.update". *out (may be NULL) gets
 * the account afterwards. */
int app_user_update(struct app_ctx *ctx, int64_t id, const struct user_update *upd,
		    struct user *out, struct kh_error *err) KH_MUST_CHECK;

/* Sets the e-mail address of account id (NULL or "" = none, so no mail):
 * admins and the system for anyone, a user for themself (others
 * KH_EFORBIDDEN). A bad address is KH_EINVAL on "email". Audited as
 * "user.update". *out (may be NULL) gets the account afterwards. */
int app_user_set_email(struct app_ctx *ctx, int64_t id, const char *email, struct user *out,
		       struct kh_error *err) KH_MUST_CHECK;

/* Sets a password: admins for anyone (old_password ignored, the account's
 * sessions end when it is someone else's); a user for themself, with their
 * current password (wrong: KH_EINVAL on "old_password"). Audited as
 * "user.password" (no hash is written to the log). */
int app_user_set_password(struct app_ctx *ctx, int64_t id, const char *old_password,
			  const char *new_password, struct kh_error *err) KH_MUST_CHECK;

/* Issues an API token ("kh_" + 40 hex digits) for the account username: the
 * system and admins for anyone, a user for themself. label may be NULL. The
 * token is returned once in *token_out (ctx->arena) and stored only as a
 * hash. Audited as "token.create". */
int app_token_create(struct app_ctx *ctx, const char *username, const char *label,
		     const char **token_out, struct kh_error *err) KH_MUST_CHECK;

/* The API tokens of account user_id, oldest first, revoked ones too (never
 * a secret or hash): admins and the system for anyone, a user for themself
 * (others KH_EFORBIDDEN); an unknown account is KH_ENOTFOUND. *out in
 * ctx->arena. */
int app_token_list(struct app_ctx *ctx, int64_t user_id, struct api_token **out, int *n,
		   struct kh_error *err) KH_MUST_CHECK;

/* Revokes an API token so it no longer authenticates: admins and the system
 * for any token, a user for their own (others KH_EFORBIDDEN); an unknown id
 * is KH_ENOTFOUND. Revoking a revoked token succeeds and changes nothing.
 * Audited as "token.revoke" (when it changes something). */
int app_token_revoke(struct app_ctx *ctx, int64_t token_id, struct kh_error *err) KH_MUST_CHECK;

/* The audit log, newest first (admins only): entity NULL or "" for all,
 * entity_id 0 for every record of that entity, at most limit entries. */
int app_audit_list(struct app_ctx *ctx, const char *entity, int64_t entity_id, int limit,
		   struct audit_entry **out, int *n, struct kh_error *err) KH_MUST_CHECK;

#endif
