/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The error convention: see err.h. */
#include "core/common.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int kh_fail(struct kh_error *err, enum kh_err code, const char *field, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
		snprintf(err->field, sizeof(err->field), "%s", field ? field : "");
	}
	return code;
}

void kh_error_clear(struct kh_error *err)
{
	if (!err)
		return;
	err->code = KH_OK;
	err->message[0] = '\0';
	err->field[0] = '\0';
}

const char *kh_err_name(enum kh_err code)
{
	switch (code) {
	case KH_OK:
		return "ok";
	case KH_EINVAL:
		return "invalid";
	case KH_ENOTFOUND:
		return "not_found";
	case KH_EFORBIDDEN:
		return "forbidden";
	case KH_EUNAUTH:
		return "unauthorized";
	case KH_ECONFLICT:
		return "conflict";
	case KH_ETOOBIG:
		return "too_large";
	case KH_ERATE:
		return "rate_limited";
	case KH_EIO:
		return "storage";
	case KH_EINTERNAL:
		return "internal";
	case KH_EMETHOD:
		return "method_not_allowed";
	}
	return "internal";
}
