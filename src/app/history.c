/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * A plan's history (app/history.h): the audit entries the plan use cases
 * write under entity "plan" and the timestamps each comment carries, merged
 * into one list ordered by time. The audit log is the record; this only
 * reads it and says each entry in Vietnamese.
 */
#include "core/common.h"
#include "app/history.h"
#include "app/comment.h"
#include "app/plan.h"
#include "core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HISTORY_AUDIT_MAX 2000

struct label {
	const char *action;
	const char *label;
	const char *field; /* the after (or before) JSON field shown as detail */
};

static const struct label LABELS[] = {
	{"plan.create", "Lập dự thảo kế hoạch", "title"},
	{"plan.update", "Sửa thông tin kế hoạch", "title"},
	{"plan.item.create", "Thêm nội dung", "text"},
	{"plan.item.update", "Sửa nội dung", "text"},
	{"plan.item.delete", "Bỏ nội dung", "text"},
	{"plan.item.move", "Chuyển vị trí nội dung", NULL},
	{"plan.proposal.answer", "Trả lời đề xuất, kiến nghị", NULL},
	{"plan.send", "Gửi lấy ý kiến góp ý", NULL},
	{"plan.approve", "Phê duyệt, ban hành", NULL},
	{"plan.adjust", "Mở điều chỉnh, bổ sung", "adjust_reason"},
};

/* A string field of a JSON text, copied into the arena; "" when absent. */
static const char *json_field(struct app_ctx *ctx, const char *text, const char *field)
{
	if (!text || !field)
		return "";
	json_t *j = json_loads(text, 0, NULL);
	const char *v = j ? json_string_value(json_object_get(j, field)) : NULL;
	const char *out = arena_strdup(ctx->arena, v ? v : "");
	json_decref(j);
	return out;
}

static int json_int_field(const char *text, const char *field)
{
	if (!text)
		return 0;
	json_t *j = json_loads(text, 0, NULL);
	int v = j ? (int)json_integer_value(json_object_get(j, field)) : 0;
	json_decref(j);
	return v;
}

static void audit_event(struct app_ctx *ctx, const struct audit_entry *a, struct plan_event *e)
{
	memset(e, 0, sizeof(*e));
	e->at = a->at;
	e->action = a->action;
	e->who = a->username && *a->username ? a->username : "hệ thống";
	e->label = a->action;
	e->detail = "";
	for (size_t i = 0; i < KH_ARRAY_LEN(LABELS); i++) {
		if (strcmp(LABELS[i].action, a->action) != 0)
			continue;
		e->label = LABELS[i].label;
		e->detail = json_field(ctx, a->after ? a->after : a->before, LABELS[i].field);
		if (!*e->detail && a->before)
			e->detail = json_field(ctx, a->before, LABELS[i].field);
	}
	/* Sending and approving freeze a version: say which, and an approval
	 * while adjusting is the adjustment being issued. */
	if (strcmp(a->action, "plan.send") == 0 || strcmp(a->action, "plan.approve") == 0) {
		int v = json_int_field(a->after, "version");
		bool adjustment = strcmp(json_field(ctx, a->before, "status"), "adjusting") == 0;
		if (adjustment) {
			e->label = "Ban hành điều chỉnh, bổ sung";
			e->detail = json_field(ctx, a->before, "adjust_reason");
		}
		if (v)
			e->label = arena_printf(ctx->arena, "%s (phiên bản %d)", e->label, v);
	}
}

static void add(struct app_ctx *ctx, struct plan_event **v, int *n, int *cap,
		const struct plan_event *e)
{
	if (*n == *cap) {
		int ncap = *cap ? *cap * 2 : 64;
		struct plan_event *w = arena_alloc(ctx->arena, sizeof(*w) * (size_t)ncap);
		if (*n)
			memcpy(w, *v, sizeof(*w) * (size_t)*n);
		*v = w;
		*cap = ncap;
	}
	(*v)[(*n)++] = *e;
}

/* The events of one comment, from its audit entries (made, answered,
 * escalated, decided), told with the comment's own names and texts. */
static int comment_events(struct app_ctx *ctx, const struct plan_comment *c, struct plan_event **v,
			  int *n, int *cap, struct kh_error *err)
{
	struct audit_entry *a = NULL;
	int na = 0;
	int rc = store_audit_list(ctx->store, ctx->arena, "plan_comment", c->id, 100, &a, &na, err);
	if (rc)
		return rc;
	bool request = c->kind == PLAN_COMMENT_REQUEST;
	for (int i = na - 1; i >= 0; i--) {
		struct plan_event e = {.at = a[i].at,
				       .action = a[i].action,
				       .who = a[i].username,
				       .detail = "",
				       .comment_id = c->id,
				       .audit_id = a[i].id};
		if (strcmp(a[i].action, "plan.comment") == 0) {
			e.action = "comment.create";
			e.label = request ? "Đề nghị, yêu cầu" : "Góp ý";
			e.who = c->on_behalf_org_id
					? arena_printf(ctx->arena, "%s (thay mặt %s)",
						       c->author_name, c->on_behalf_name)
					: c->author_name;
			e.detail = c->text;
		} else if (strcmp(a[i].action, "plan.answer") == 0) {
			e.action = "comment.answer";
			e.label = strcmp(c->answer, "accepted") == 0 ? "Tiếp thu ý kiến"
								     : "Giải trình ý kiến";
			e.detail = c->answer_text;
		} else if (strcmp(a[i].action, "plan.escalate") == 0) {
			e.action = "comment.escalate";
			e.label =
				arena_printf(ctx->arena, "Kiến nghị lên %s", c->escalated_to_name);
			e.detail = c->text;
		} else if (strcmp(a[i].action, "plan.decide") == 0) {
			e.action = "comment.decide";
			e.label = strcmp(c->decision, "upheld") == 0
					  ? "Quyết định: yêu cầu chủ kế hoạch tiếp thu"
					  : "Quyết định: không chấp nhận kiến nghị";
			e.detail = c->decision_text;
		} else {
			e.label = a[i].action;
		}
		if (!e.who || !*e.who)
			e.who = "hệ thống";
		add(ctx, v, n, cap, &e);
	}
	return 0;
}

/* The audit log's ids are the order things happened in (timestamps are
 * whole seconds: several steps share one). */
static int by_order(const void *a, const void *b)
{
	const struct plan_event *x = a, *y = b;
	return x->audit_id < y->audit_id ? -1 : x->audit_id > y->audit_id;
}

int app_plan_history(struct app_ctx *ctx, int64_t plan_id, struct plan_event **out, int *n,
		     struct kh_error *err)
{
	struct plan plan;
	struct plan_rights rights;
	struct audit_entry *audit = NULL;
	struct comment_view *cv = NULL;
	int na = 0, nc = 0, count = 0, cap = 0, rc;
	struct plan_event *v = NULL;
	*out = NULL;
	*n = 0;
	if ((rc = app_plan_rights(ctx, plan_id, &plan, &rights, err)))
		return rc;
	if (!rights.read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	if ((rc = store_audit_list(ctx->store, ctx->arena, "plan", plan_id, HISTORY_AUDIT_MAX,
				   &audit, &na, err)))
		return rc;
	if ((rc = app_comment_list(ctx, plan_id, &cv, &nc, err)))
		return rc;
	for (int i = na - 1; i >= 0; i--) {
		struct plan_event e;
		audit_event(ctx, &audit[i], &e);
		e.audit_id = audit[i].id;
		add(ctx, &v, &count, &cap, &e);
	}
	for (int i = 0; i < nc; i++)
		if ((rc = comment_events(ctx, &cv[i].c, &v, &count, &cap, err)))
			return rc;
	if (count > 1)
		qsort(v, (size_t)count, sizeof(*v), by_order);
	*out = v;
	*n = count;
	return 0;
}

json_t *app_plan_event_json(const struct plan_event *e)
{
	char iso[32];
	date_format_timestamp(e->at, iso);
	json_t *j = json_object();
	json_object_set_new(j, "at", json_string(iso));
	json_object_set_new(j, "action", json_string(e->action));
	json_object_set_new(j, "label", json_string(e->label));
	json_object_set_new(j, "who", json_string(e->who ? e->who : ""));
	json_object_set_new(j, "detail", json_string(e->detail ? e->detail : ""));
	json_object_set_new(j, "comment_id",
			    e->comment_id ? json_integer(e->comment_id) : json_null());
	return j;
}
