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
#define AUTH_MAX_FAILURES 5        /* per username and per client address… */
#define AUTH_FAILURE_WINDOW 900    /* …within this many seconds */

struct app_session {
	const char *token;      /* the cookie value (arena) */
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

#endif
