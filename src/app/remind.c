/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Reminders of items' deadlines (see app/remind.h): the open items of issued
 * plans are derived on today, each due one is marked in the reminders table
 * for its stage and recipient, and the fresh ones are gathered into one
 * digest per recipient, written as a notification (mail queued by
 * app_notify) in the same transaction.
 */
#include "core/common.h"
#include "app/remind.h"
#include "app/notify.h"
#include "app/progress.h"
#include "core/buf.h"
#include "core/date.h"
#include "store/plan.h"
#include "store/progress.h"
#include "text/deadline.h"

#include <string.h>

struct digest {
	int64_t key;	   /* org id, or −person id */
	int64_t plan_id;   /* the first item's plan */
	bool several;	   /* items of more than one plan */
	const char *first; /* the first item's text */
	int soon, today, overdue;
};

static struct digest *digest_for(struct app_ctx *ctx, struct digest **v, int *n, int *cap,
				 int64_t key)
{
	for (int i = 0; i < *n; i++)
		if ((*v)[i].key == key)
			return &(*v)[i];
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 16;
		struct digest *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (*n)
			memcpy(w, *v, sizeof(*w) * (size_t)*n);
		*v = w;
		*cap = ncap;
	}
	struct digest *d = &(*v)[(*n)++];
	memset(d, 0, sizeof(*d));
	d->key = key;
	return d;
}

/* The stage of a derived state, or NULL when nothing is to be said. */
static const char *stage_of(const struct progress_derivation *d, int32_t today)
{
	if (d->derived == PROGRESS_OVERDUE)
		return "overdue";
	if (d->derived != PROGRESS_DUE_SOON)
		return NULL;
	int32_t left = d->due - today;
	return left <= 0 ? "due_today" : left == 1 ? "due_1" : "due_7";
}

static const char *digest_text(struct app_ctx *ctx, const struct digest *d)
{
	struct buf b;
	buf_init(&b, 4096);
	buf_puts(&b, "Nhắc việc: có ");
	bool sep = false;
	if (d->overdue) {
		buf_printf(&b, "%d nội dung quá hạn", d->overdue);
		sep = true;
	}
	if (d->today) {
		buf_printf(&b, "%s%d nội dung đến hạn hôm nay", sep ? ", " : "", d->today);
		sep = true;
	}
	if (d->soon)
		buf_printf(&b, "%s%d nội dung sắp đến hạn", sep ? ", " : "", d->soon);
	int total = d->overdue + d->today + d->soon;
	if (total == 1)
		buf_printf(&b, ": “%s”", d->first);
	else
		buf_printf(&b, " (trong đó “%s”…)", d->first);
	buf_puts(&b, ". Đề nghị cập nhật tiến độ thực hiện.");
	const char *r = arena_strdup(ctx->arena, buf_failed(&b) ? "Nhắc việc" : b.data);
	buf_release(&b);
	return r;
}

/* The first 80 characters of s (UTF-8), "…" when cut. */
static const char *short_text(struct app_ctx *ctx, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	for (int chars = 0; p[i] && chars < 80; chars++) {
		i++;
		while ((p[i] & 0xC0) == 0x80)
			i++;
	}
	return p[i] ? arena_printf(ctx->arena, "%.*s…", (int)i, s) : s;
}

int app_progress_remind(struct app_ctx *ctx, struct remind_counts *out, struct kh_error *err)
{
	struct plan_item *items;
	struct digest *dv = NULL;
	int n, nd = 0, cap = 0, rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!app_sees_all(ctx))
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Chỉ quản trị hệ thống mới gửi nhắc việc");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = store_plan_items_open_issued(ctx->store, ctx->arena, ctx->today, &items, &n,
					       err)))
		goto out;
	struct plan p = {0};
	for (int i = 0; i < n; i++) {
		const struct plan_item *it = &items[i];
		if (p.id != it->plan_id &&
		    (rc = store_plan_get(ctx->store, ctx->arena, it->plan_id, ctx->today, &p, err)))
			goto out;
		struct store_done_end *ends = NULL;
		int nends = 0;
		if (it->deadline_kind == DEADLINE_RECURRING &&
		    (rc = store_progress_done_ends(ctx->store, ctx->arena, it->id, 0, &ends, &nends,
						   err)))
			goto out;
		int32_t *e = arena_alloc(ctx->arena, sizeof(*e) * (size_t)(nends + 1));
		for (int k = 0; k < nends; k++)
			e[k] = ends[k].end;
		struct progress_derivation d;
		progress_derive(it, ctx->today, date_from_ymd(p.year_from, 1, 1), e, nends, &d);
		const char *stage = stage_of(&d, ctx->today);
		if (!stage)
			continue;
		int64_t key = it->lead_org_id && !it->lead_group ? it->lead_org_id
			      : p.owner_org_id			 ? p.owner_org_id
								 : -p.owner_person_id;
		if (!key)
			continue;
		char due[11];
		date_format_iso(d.due, due);
		bool fresh;
		if ((rc = store_reminder_mark(ctx->store, "item", it->id,
					      arena_printf(ctx->arena, "%s:%s", stage, due), key,
					      ctx->today, &fresh, err)))
			goto out;
		if (!fresh)
			continue;
		struct digest *g = digest_for(ctx, &dv, &nd, &cap, key);
		if (!g->plan_id) {
			g->plan_id = it->plan_id;
			g->first = short_text(ctx, it->text);
		} else if (g->plan_id != it->plan_id) {
			g->several = true;
		}
		if (strcmp(stage, "overdue") == 0) {
			g->overdue++;
			out->overdue++;
		} else if (strcmp(stage, "due_today") == 0) {
			g->today++;
			out->due_today++;
		} else {
			g->soon++;
			out->due_soon++;
		}
	}
	for (int i = 0; i < nd; i++) {
		const struct digest *g = &dv[i];
		struct notification note = {
			.kind = "deadline",
			.org_id = g->key > 0 ? g->key : 0,
			.person_id = g->key < 0 ? -g->key : 0,
			.plan_id = g->plan_id,
			.text = digest_text(ctx, g),
			.link = g->several && g->key > 0
					? arena_printf(ctx->arena, "/orgs/%lld/assignments",
						       (long long)g->key)
					: arena_printf(ctx->arena, "/plans/%lld/timeline",
						       (long long)g->plan_id),
		};
		if ((rc = app_notify(ctx, &note, err)))
			goto out;
		out->notifications++;
	}
	if (out->notifications &&
	    (rc = app_audit(ctx, "item.remind", "reminders", 0, NULL,
			    arena_printf(ctx->arena,
					 "{\"due_soon\":%d,\"due_today\":%d,\"overdue\":%d,"
					 "\"notifications\":%d}",
					 out->due_soon, out->due_today, out->overdue,
					 out->notifications),
			    err)))
		goto out;
	rc = store_commit(ctx->store, err);
out:
	if (rc) {
		store_rollback(ctx->store);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}
