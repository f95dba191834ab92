/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Notifications and their read marks (see app/notify.h). A notification is
 * written inside the use case's transaction; when mail is configured (the
 * setting "mail.smtp_host") a message per address reached is queued in the
 * same transaction, so a rolled-back use case neither notifies nor mails. A
 * user's inbox is what is addressed to their person or to an org where they
 * hold a position today — not every org their office manages.
 */
#include "core/common.h"
#include "app/notify.h"
#include "core/buf.h"
#include "core/date.h"
#include "store/notify.h"
#include "store/org.h"

#include <stdio.h>
#include <string.h>

#define NOTIFY_PAGE_MAX 200
#define MAIL_SUBJECT_MAX 150 /* characters of the notification kept in the subject */

static const char *nz(const char *s)
{
	return s ? s : "";
}

json_t *app_notification_json(const struct notification *n)
{
	char iso[32];
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(n->id));
	json_object_set_new(j, "created_at",
			    json_string(date_format_timestamp(n->created_at, iso)));
	json_object_set_new(j, "kind", json_string(nz(n->kind)));
	json_object_set_new(j, "text", json_string(nz(n->text)));
	json_object_set_new(j, "link", json_string(nz(n->link)));
	json_object_set_new(j, "plan_id", n->plan_id ? json_integer(n->plan_id) : json_null());
	json_object_set_new(j, "comment_id",
			    n->comment_id ? json_integer(n->comment_id) : json_null());
	json_object_set_new(j, "read", json_boolean(n->read));
	return j;
}

/* The first max characters of s (UTF-8), with "…" when cut. */
static const char *clip(struct arena *a, const char *s, size_t max)
{
	size_t chars = 0, i = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xC0) != 0x80 && chars++ == max)
			return arena_printf(a, "%.*s…", (int)i, s);
	}
	return s;
}

/* Queues the mail of notification n to every address it reaches. */
static int queue_mail(struct app_ctx *ctx, const struct notification *n, struct kh_error *err)
{
	const char *host = NULL, *site = NULL, **to = NULL;
	int nto = 0, rc;
	if ((rc = store_setting_get(ctx->store, ctx->arena, "mail.smtp_host", &host, err)))
		return rc;
	if (!host || !*host)
		return 0;
	if ((rc = store_notify_emails(ctx->store, ctx->arena, n->person_id, n->org_id, ctx->today,
				      &to, &nto, err)))
		return rc;
	if (nto == 0)
		return 0;
	if ((rc = store_setting_get(ctx->store, ctx->arena, "site.url", &site, err)))
		return rc;
	const char *subject = clip(ctx->arena, nz(n->text), MAIL_SUBJECT_MAX);
	struct buf b;
	buf_init(&b, 64 * 1024);
	buf_printf(&b, "%s\n", nz(n->text));
	if (n->link && *n->link)
		buf_printf(&b, "\nXem chi tiết: %s%s\n", nz(site), n->link);
	buf_printf(&b,
		   "\n-- \nThư tự động của hệ thống kế hoạch hành động. Mọi thông báo của"
		   " đồng chí có trong Hộp thư: %s/inbox\n",
		   nz(site));
	const char *body = buf_failed(&b) ? nz(n->text) : arena_strdup(ctx->arena, b.data);
	buf_release(&b);
	for (int i = 0; i < nto && rc == 0; i++)
		rc = store_mail_insert(ctx->store, to[i], subject, body, ctx->now, err);
	return rc;
}

int app_notify(struct app_ctx *ctx, const struct notification *n, struct kh_error *err)
{
	int64_t id;
	if (!n->org_id && !n->person_id)
		return kh_fail(err, KH_EINTERNAL, NULL, "Thông báo không có người nhận");
	struct notification row = *n;
	row.created_at = ctx->now;
	int rc = store_notification_insert(ctx->store, &row, &id, err);
	if (rc)
		return rc;
	return queue_mail(ctx, &row, err);
}

/* The actor's audience: their person, the orgs where they hold a position
 * today, and the committee whose Văn phòng they work in — the office
 * receives what is addressed to its committee, as it does on paper. */
static int audience(struct app_ctx *ctx, struct notification_audience *who, struct kh_error *err)
{
	struct position *pos = NULL;
	int npos = 0;
	memset(who, 0, sizeof(*who));
	if (!ctx->actor || !ctx->actor->user_id)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	who->user_id = ctx->actor->user_id;
	who->person_id = ctx->actor->person_id;
	if (!who->person_id)
		return 0;
	int rc = store_positions_current_of_person(ctx->store, ctx->arena, who->person_id,
						   ctx->today, &pos, &npos, err);
	if (rc)
		return rc;
	int64_t *orgs = arena_alloc(ctx->arena, sizeof(*orgs) * (size_t)(2 * npos + 1));
	int n = 0;
	for (int i = 0; i < npos; i++) {
		int64_t add[2] = {pos[i].org_id, 0};
		struct org o;
		struct kh_error e = {0};
		rc = store_org_get_nearest(ctx->store, ctx->arena, pos[i].org_id, ctx->today, &o,
					   &e);
		if (rc == 0 && o.kind == ORG_OFFICE)
			add[1] = o.parent_id;
		else if (rc && rc != KH_ENOTFOUND)
			return kh_fail(err, rc, NULL, "%s", e.message);
		for (int j = 0; j < 2; j++) {
			bool seen = !add[j];
			for (int k = 0; k < n && !seen; k++)
				seen = orgs[k] == add[j];
			if (!seen)
				orgs[n++] = add[j];
		}
	}
	who->orgs = orgs;
	who->n_orgs = n;
	return 0;
}

int app_notify_list(struct app_ctx *ctx, bool unread_only, int limit, int offset,
		    struct notification_page *out, struct kh_error *err)
{
	struct notification_audience who;
	memset(out, 0, sizeof(*out));
	if (limit == 0)
		limit = 50;
	if (limit < 1 || limit > NOTIFY_PAGE_MAX)
		return kh_fail(err, KH_EINVAL, "limit", "Số thông báo mỗi trang từ 1 đến %d",
			       NOTIFY_PAGE_MAX);
	if (offset < 0)
		return kh_fail(err, KH_EINVAL, "offset", "Vị trí bắt đầu không được âm");
	int rc = audience(ctx, &who, err);
	if (rc)
		return rc;
	out->limit = limit;
	out->offset = offset;
	return store_notification_list(ctx->store, ctx->arena, &who, unread_only, limit, offset,
				       &out->items, &out->n, &out->total, &out->unread, err);
}

int app_notify_unread(struct app_ctx *ctx, int64_t *count, struct kh_error *err)
{
	struct notification_audience who;
	*count = 0;
	int rc = audience(ctx, &who, err);
	if (rc)
		return rc;
	return store_notification_unread(ctx->store, &who, count, err);
}

int app_notify_mark_read(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct notification_audience who;
	bool found = true;
	int marked = 0;
	if (id < 0)
		return kh_fail(err, KH_EINVAL, "id", "Mã số thông báo không hợp lệ");
	int rc = audience(ctx, &who, err);
	if (rc)
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if (id > 0)
		rc = store_notification_mark_read(ctx->store, &who, id, &found, err);
	else
		rc = store_notification_mark_all_read(ctx->store, &who, &marked, err);
	if (!rc && !found)
		rc = kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy thông báo số %lld",
			     (long long)id);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}
