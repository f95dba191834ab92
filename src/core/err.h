/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The one error convention: fallible functions return 0 on success or a
 * negative enum kh_err, and fill a struct kh_error whose message is meant
 * for the user (in Vietnamese). The web layer maps codes to HTTP statuses,
 * the CLI to exit codes.
 */
#ifndef KH_CORE_ERR_H
#define KH_CORE_ERR_H

#include <stddef.h>

#define KH_MUST_CHECK __attribute__((warn_unused_result))
#define KH_PRINTF(a, b) __attribute__((format(printf, a, b)))

enum kh_err {
	KH_OK = 0,
	KH_EINVAL = -1,	    /* bad input: 400 */
	KH_ENOTFOUND = -2,  /* unknown id: 404 */
	KH_EFORBIDDEN = -3, /* outside the actor's scope: 403 */
	KH_EUNAUTH = -4,    /* not logged in, bad credentials: 401 */
	KH_ECONFLICT = -5,  /* state does not allow it, duplicate: 409 */
	KH_ETOOBIG = -6,    /* over a size limit: 413 */
	KH_ERATE = -7,	    /* rate limited: 429 */
	KH_EIO = -8,	    /* storage or system failure: 500 */
	KH_EINTERNAL = -9,  /* a bug: 500 */
	KH_EMETHOD = -10,   /* the resource does not answer this method: 405 */
};

struct kh_error {
	enum kh_err code;
	char message[512]; /* NUL-terminated, user-facing, Vietnamese */
	char field[64];	   /* the offending input field, or "" */
};

/* Sets err (when not NULL) and returns code, so callers can write
 * `return kh_fail(err, KH_EINVAL, "name", "Tên không được để trống");`. */
int kh_fail(struct kh_error *err, enum kh_err code, const char *field, const char *fmt, ...)
	KH_PRINTF(4, 5);

/* Clears err to KH_OK with empty message. */
void kh_error_clear(struct kh_error *err);

/* A stable machine-readable name for code ("invalid", "not_found"…),
 * used in the API's {"error":{"code"}}. */
const char *kh_err_name(enum kh_err code);

#endif
