/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The dashboards (app/dashboard.h): the counters of an org and its children
 * read in one transaction, after a rebuild when the tree changed (a write
 * transaction of its own, checked again inside it so that two readers do
 * not both rebuild); the rows behind a count; the operators' rebuild and
 * check.
 */
#include "core/common.h"
#include "app/dashboard.h"
#include "core/date.h"
#include "store/org.h"

#include <string.h>

#define ROWS_MAX 1000

static const struct {
	const char *name;
	const char *label;
} lists[] = {
	[DASH_PLANS_MISSING] = {"plans_missing", "Chưa có kế hoạch năm"},
	[DASH_PLANS_LATE] = {"plans_late", "Kế hoạch ban hành chậm (sau 31/3)"},
	[DASH_ITEMS_OVERDUE] = {"items_overdue", "Nội dung quá hạn"},
	[DASH_ITEMS_DUE_SOON] = {"items_due_soon", "Nội dung đến hạn trong 7 ngày"},
	[DASH_REQUESTS_OPEN] = {"requests_open", "Đề nghị chưa được trả lời"},
	[DASH_REPORTS_MISSING] = {"reports_missing", "Báo cáo quá hạn chưa nộp"},
	[DASH_REPORTS_LATE] = {"reports_late", "Báo cáo nộp muộn"},
};

bool app_dash_list_parse(const char *name, enum dash_list *out)
{
	for (size_t i = 0; name && i < KH_ARRAY_LEN(lists); i++)
		if (strcmp(name, lists[i].name) == 0) {
			*out = (enum dash_list)i;
			return true;
		}
	return false;
}

const char *app_dash_list_name(enum dash_list l)
{
	return (size_t)l < KH_ARRAY_LEN(lists) ? lists[l].name : "";
}

const char *app_dash_list_label(enum dash_list l)
{
	return (size_t)l < KH_ARRAY_LEN(lists) ? lists[l].label : "";
}

/* Rebuilds the counters when the tree changed since they were built. */
static int ensure_fresh(struct app_ctx *ctx, struct kh_error *err)
{
	bool stale;
	int rc;
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	rc = store_counters_stale(ctx->store, ctx->today, &stale, err);
	store_rollback(ctx->store);
	if (rc || !stale)
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if (!(rc = store_counters_stale(ctx->store, ctx->today, &stale, err)) && stale)
		rc = store_counters_rebuild(ctx->store, ctx->today, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, err);
}

static void finish_row(struct dashboard_row *r, const struct dashboard *d)
{
	r->plans_missing = r->c.orgs - r->c.plans;
	if (r->plans_missing < 0)
		r->plans_missing = 0;
	r->plans_late = d->today > d->plan_due ? r->c.plans - r->c.plans_ok : 0;
	r->percent_done = r->c.items ? (int)((int64_t)r->c.items_done * 100 / r->c.items) : -1;
}

int app_dashboard(struct app_ctx *ctx, int64_t org_id, int year, struct dashboard *out,
		  struct kh_error *err)
{
	struct dash_counts *v;
	struct org *kids;
	int n, nkids, rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (year < 1990 || year > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	if ((rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	if ((rc = ensure_fresh(ctx, err)))
		return rc;
	out->year = year;
	out->today = ctx->today;
	out->plan_due = date_from_ymd(year, 3, 31);
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	if ((rc = store_org_get(ctx->store, ctx->arena, org_id, ctx->today, &out->total.org, err)))
		goto out;
	if ((rc = store_org_children(ctx->store, ctx->arena, org_id, ctx->today, &kids, &nkids,
				     err)))
		goto out;
	if ((rc = store_dash_counts(ctx->store, ctx->arena, org_id, year, ctx->today, &v, &n, err)))
		goto out;
	out->children = arena_alloc(ctx->arena, sizeof(*out->children) * ((size_t)nkids + 1));
	for (int k = 0; k < nkids; k++) {
		struct dashboard_row *r = &out->children[out->n_children];
		memset(r, 0, sizeof(*r));
		r->org = kids[k];
		for (int i = 0; i < n; i++)
			if (v[i].org_id == kids[k].id && v[i].depth == 1)
				r->c = v[i];
		/* advisory bodies with nothing to follow are left out */
		const struct dash_counts *c = &r->c;
		if (!c->orgs && !c->plans && !c->items && !c->requests_open &&
		    !c->reports_missing && !c->reports_pending && !c->reports_late)
			continue;
		finish_row(r, out);
		out->n_children++;
	}
	for (int i = 0; i < n; i++)
		if (v[i].depth == 0)
			out->total.c = v[i];
	finish_row(&out->total, out);
out:
	store_rollback(ctx->store);
	return rc;
}

int app_dashboard_rows(struct app_ctx *ctx, int64_t org_id, enum dash_list list, int year,
		       int limit, struct dash_row **out, int *n, struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (year < 1990 || year > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	if (limit < 1 || limit > ROWS_MAX)
		return kh_fail(err, KH_EINVAL, "limit", "Số dòng phải từ 1 đến %d", ROWS_MAX);
	int rc = app_can_read_org(ctx, org_id, err);
	if (rc || (rc = ensure_fresh(ctx, err)))
		return rc;
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	rc = store_dash_rows(ctx->store, ctx->arena, org_id, list, year, ctx->today, limit, out, n,
			     err);
	store_rollback(ctx->store);
	return rc;
}

static int require_operator(struct app_ctx *ctx, struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (!ctx->actor->system && !ctx->actor->is_admin)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Chỉ quản trị viên được làm việc này");
	return 0;
}

int app_counters_rebuild(struct app_ctx *ctx, struct kh_error *err)
{
	int rc = require_operator(ctx, err);
	if (rc || (rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = store_counters_rebuild(ctx->store, ctx->today, err))) {
		store_rollback(ctx->store);
		return rc;
	}
	return store_commit(ctx->store, err);
}

int app_counters_check(struct app_ctx *ctx, int *n_diff, struct kh_error *err)
{
	int rc = require_operator(ctx, err);
	if (rc || (rc = ensure_fresh(ctx, err)))
		return rc;
	/* a write transaction for the temporary table; nothing else is written */
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_counters_check(ctx->store, n_diff, err);
	store_rollback(ctx->store);
	return rc;
}

/* ---- JSON ---- */

static json_t *day_json(int32_t day)
{
	char s[11];
	if (!day)
		return json_null();
	date_format_iso(day, s);
	return json_string(s);
}

static json_t *row_json(const struct dashboard_row *r)
{
	return json_pack(
		"{s:I, s:s, s:s, s:{s:i, s:i, s:i, s:i}, s:{s:i, s:i, s:i, s:i, s:o},"
		" s:{s:i}, s:{s:i, s:i, s:i}}",
		"org_id", (json_int_t)r->org.id, "name", r->org.name, "kind",
		org_kind_name(r->org.kind), "plans", "orgs", r->c.orgs, "with_plan", r->c.plans,
		"missing", r->plans_missing, "late", r->plans_late, "items", "total", r->c.items,
		"done", r->c.items_done, "overdue", r->c.overdue, "due_soon", r->c.due_soon,
		"percent_done", r->percent_done >= 0 ? json_integer(r->percent_done) : json_null(),
		"requests", "open", r->c.requests_open, "reports", "missing", r->c.reports_missing,
		"pending", r->c.reports_pending, "late", r->c.reports_late);
}

json_t *app_dashboard_json(const struct dashboard *d)
{
	json_t *kids = json_array();
	for (int i = 0; i < d->n_children; i++)
		json_array_append_new(kids, row_json(&d->children[i]));
	return json_pack("{s:i, s:o, s:o, s:o, s:o}", "year", d->year, "today", day_json(d->today),
			 "plan_due", day_json(d->plan_due), "org", row_json(&d->total), "children",
			 kids);
}

json_t *app_dash_rows_json(enum dash_list list, const struct dash_row *v, int n)
{
	json_t *rows = json_array();
	for (int i = 0; i < n; i++) {
		const struct dash_row *r = &v[i];
		json_t *o = json_pack("{s:I, s:s}", "org_id", (json_int_t)r->org_id, "org_name",
				      r->org_name);
		if (r->plan_id) {
			json_object_set_new(o, "plan_id", json_integer(r->plan_id));
			json_object_set_new(o, "plan_title", json_string(r->plan_title));
		}
		const char *idk = list == DASH_REQUESTS_OPEN ? "comment_id"
				  : list == DASH_REPORTS_MISSING || list == DASH_REPORTS_LATE
					  ? "report_id"
				  : list == DASH_PLANS_LATE ? NULL
							    : "item_id";
		if (idk && r->item_id)
			json_object_set_new(o, idk, json_integer(r->item_id));
		if (r->text && *r->text)
			json_object_set_new(o, list == DASH_PLANS_LATE ? "status" : "text",
					    json_string(r->text));
		if (r->day)
			json_object_set_new(o, "day", day_json(r->day));
		json_array_append_new(rows, o);
	}
	return json_pack("{s:s, s:s, s:o}", "list", app_dash_list_name(list), "label",
			 app_dash_list_label(list), "rows", rows);
}
