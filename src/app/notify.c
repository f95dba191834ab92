/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Notifications and their read marks: see app/notify.h.
 * (Stubs: being written; each answers "not implemented yet".)
 */
#include "core/common.h"
#include "app/notify.h"

int app_notify(struct app_ctx *ctx, const struct notification *n, struct kh_error *err)
{
	(void)ctx;
	(void)n;
	(void)err;
	return 0; /* no-op until written: the plan use cases call it */
}

int app_notify_list(struct app_ctx *ctx, bool unread_only, int limit, int offset,
		    struct notification_page *out, struct kh_error *err)
{
	(void)ctx;
	(void)unread_only;
	(void)limit;
	(void)offset;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_notify_unread(struct app_ctx *ctx, int64_t *count, struct kh_error *err)
{
	(void)ctx;
	(void)count;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_notify_mark_read(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

json_t *app_notification_json(const struct notification *n)
{
	(void)n;
	return json_null();
}
