/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of action plans: see app/plan.h.
 * (Stubs: being written; each answers "not implemented yet".)
 */
#include "core/common.h"
#include "app/plan.h"

int app_plan_create(struct app_ctx *ctx, const struct plan_input *in, struct plan *out,
		    struct kh_error *err)
{
	(void)ctx;
	(void)in;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_update(struct app_ctx *ctx, int64_t id, const struct plan_input *in, struct plan *out,
		    struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)in;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_get(struct app_ctx *ctx, int64_t id, struct plan_view *out, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_rights(struct app_ctx *ctx, int64_t id, struct plan *plan, struct plan_rights *out,
		    struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)plan;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_list(struct app_ctx *ctx, const struct plan_query *q, struct plan_page *out,
		  struct kh_error *err)
{
	(void)ctx;
	(void)q;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_item_create(struct app_ctx *ctx, int64_t plan_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err)
{
	(void)ctx;
	(void)plan_id;
	(void)in;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_item_update(struct app_ctx *ctx, int64_t item_id, const struct plan_item_input *in,
			 struct plan_item *out, struct kh_error *err)
{
	(void)ctx;
	(void)item_id;
	(void)in;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_item_delete(struct app_ctx *ctx, int64_t item_id, struct kh_error *err)
{
	(void)ctx;
	(void)item_id;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_item_move(struct app_ctx *ctx, int64_t item_id, int seq, struct kh_error *err)
{
	(void)ctx;
	(void)item_id;
	(void)seq;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_item_get(struct app_ctx *ctx, int64_t item_id, struct plan_item *out,
		      struct plan_rights *rights, struct kh_error *err)
{
	(void)ctx;
	(void)item_id;
	(void)out;
	(void)rights;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_proposal_answer(struct app_ctx *ctx, int64_t item_id, const char *state,
			     const char *note, struct kh_error *err)
{
	(void)ctx;
	(void)item_id;
	(void)state;
	(void)note;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_recipients(struct app_ctx *ctx, int64_t id, struct plan_recipient **out, int *n,
			struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_send(struct app_ctx *ctx, int64_t id, struct plan *out, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_approve(struct app_ctx *ctx, int64_t id, struct plan *out, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_adjust_open(struct app_ctx *ctx, int64_t id, const char *reason, struct plan *out,
			 struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)reason;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_versions(struct app_ctx *ctx, int64_t id, struct plan_version **out, int *n,
		      struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_version_get(struct app_ctx *ctx, int64_t id, int number, struct plan_version *out,
			 struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)number;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_diff(struct app_ctx *ctx, int64_t id, int a, int b, struct plan_diff_line **out,
		  int *n, struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)a;
	(void)b;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_plan_cascade(struct app_ctx *ctx, int64_t id, struct plan_cascade_row **out, int *n,
		     struct kh_error *err)
{
	(void)ctx;
	(void)id;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

json_t *app_deadline_json(const struct plan_item *it)
{
	(void)it;
	return json_null();
}

json_t *app_plan_json(const struct plan *p, const struct plan_item *items, int n_items)
{
	(void)p;
	(void)items;
	(void)n_items;
	return json_null();
}

json_t *app_plan_item_json(const struct plan_item *it)
{
	(void)it;
	return json_null();
}

const char *app_plan_recipient_role_label(const char *role)
{
	(void)role;
	return "";
}
