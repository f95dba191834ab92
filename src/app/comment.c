/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Comments, requests, answers and escalations: see app/comment.h.
 * (Stubs: being written; each answers "not implemented yet".)
 */
#include "core/common.h"
#include "app/comment.h"

int app_comment_create(struct app_ctx *ctx, int64_t plan_id, const struct comment_input *in,
		       struct plan_comment *out, struct kh_error *err)
{
	(void)ctx;
	(void)plan_id;
	(void)in;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_answer(struct app_ctx *ctx, int64_t comment_id, const char *answer,
		       const char *text, int64_t answer_item_id, struct plan_comment *out,
		       struct kh_error *err)
{
	(void)ctx;
	(void)comment_id;
	(void)answer;
	(void)text;
	(void)answer_item_id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_escalate(struct app_ctx *ctx, int64_t comment_id, struct plan_comment *out,
			 struct kh_error *err)
{
	(void)ctx;
	(void)comment_id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_decide(struct app_ctx *ctx, int64_t comment_id, const char *decision,
		       const char *text, struct plan_comment *out, struct kh_error *err)
{
	(void)ctx;
	(void)comment_id;
	(void)decision;
	(void)text;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_list(struct app_ctx *ctx, int64_t plan_id, struct comment_view **out, int *n,
		     struct kh_error *err)
{
	(void)ctx;
	(void)plan_id;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_get(struct app_ctx *ctx, int64_t comment_id, struct comment_view *out,
		    struct kh_error *err)
{
	(void)ctx;
	(void)comment_id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

int app_comment_escalations(struct app_ctx *ctx, struct comment_view **out, int *n,
			    struct kh_error *err)
{
	(void)ctx;
	(void)out;
	(void)n;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

json_t *app_comment_json(const struct plan_comment *c)
{
	(void)c;
	return json_null();
}
