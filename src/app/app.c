/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The use-case context: clock, system actor, audit, shared validation. */
#include "core/common.h"
#include "app/app.h"
#include "core/date.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

void app_ctx_clock(struct app_ctx *ctx)
{
	const char *fixed = getenv("KH_TODAY");
	int32_t day;
	ctx->now = (int64_t)time(NULL);
	if (fixed && date_parse_iso(fixed, &day) == 0) {
		ctx->today = day;
	} else {
		time_t t = (time_t)ctx->now;
		struct tm tm;
		localtime_r(&t, &tm);
		ctx->today = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	}
}

void app_actor_system(struct actor *a)
{
	memset(a, 0, sizeof(*a));
	a->system = true;
	a->username = "system";
	a->scope_loaded = true;
}

bool app_sees_all(const struct app_ctx *ctx)
{
	return ctx->actor && (ctx->actor->system || ctx->actor->is_admin);
}

int app_require_admin(struct app_ctx *ctx, struct kh_error *err)
{
	if (app_sees_all(ctx))
		return 0;
	return kh_fail(err, KH_EFORBIDDEN, NULL, "Chỉ quản trị viên được làm việc này");
}

int app_audit(struct app_ctx *ctx, const char *action, const char *entity, int64_t entity_id,
	      const char *before, const char *after, struct kh_error *err)
{
	int64_t uid = ctx->actor ? ctx->actor->user_id : 0;
	return store_audit(ctx->store, ctx->now, uid, action, entity, entity_id, before, after,
			   err);
}

int app_check_name(const char *field, const char *label, const char *value, size_t max_chars,
		   bool required, struct kh_error *err)
{
	bool blank = true;
	for (const char *p = value; p && *p && blank; p++)
		blank = *p == ' ' || *p == '\t';
	if (!value || blank) {
		if (required)
			return kh_fail(err, KH_EINVAL, field, "%s không được để trống", label);
		if (value && *value)
			return kh_fail(err, KH_EINVAL, field, "%s chỉ gồm khoảng trắng", label);
		return 0;
	}
	if (text_has_controls(value))
		return kh_fail(err, KH_EINVAL, field, "%s không được chứa ký tự điều khiển", label);
	if (utf8_char_count(value) > max_chars)
		return kh_fail(err, KH_EINVAL, field, "%s dài quá %zu ký tự", label, max_chars);
	return 0;
}
