/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Indicators: definitions, figures and their roll-up over the org tree
 * (app/indicator.h). Stub until the slice fills it in.
 */
#include "core/common.h"
#include "app/indicator.h"

#include <string.h>

const char *indicator_direction_label(const char *direction)
{
	(void)direction;
	return "";
}

const char *indicator_rollup_label(const char *rollup)
{
	(void)rollup;
	return "";
}

const char *indicator_period_label(const char *period)
{
	(void)period;
	return "";
}

static int stub(struct kh_error *err)
{
	return kh_fail(err, KH_EINVAL, "", "Chức năng chỉ tiêu chưa sẵn sàng");
}

int app_indicator_create(struct app_ctx *ctx, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err)
{
	(void)ctx, (void)in, (void)out;
	return stub(err);
}

int app_indicator_update(struct app_ctx *ctx, int64_t id, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err)
{
	(void)ctx, (void)id, (void)in, (void)out;
	return stub(err);
}

int app_indicator_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	(void)ctx, (void)id;
	return stub(err);
}

int app_indicator_get(struct app_ctx *ctx, int64_t id, struct indicator *out, struct kh_error *err)
{
	(void)ctx, (void)id, (void)out;
	return stub(err);
}

int app_indicator_list(struct app_ctx *ctx, int64_t org_id, struct indicator **out, int *n,
		       struct kh_error *err)
{
	(void)ctx, (void)org_id, (void)out, (void)n;
	return stub(err);
}

int app_indicator_set_values(struct app_ctx *ctx, const struct indicator_value_input *in, int n,
			     int *n_changed, struct kh_error *err)
{
	(void)ctx, (void)in, (void)n, (void)n_changed;
	return stub(err);
}

int app_indicator_table(struct app_ctx *ctx, int64_t org_id, int year, const int64_t *ids,
			int n_ids, struct indicator_table *out, struct kh_error *err)
{
	(void)ctx, (void)org_id, (void)year, (void)ids, (void)n_ids, (void)out;
	return stub(err);
}

int app_indicator_children(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id, int year,
			   const char *period, struct indicator_children *out, struct kh_error *err)
{
	(void)ctx, (void)org_id, (void)indicator_id, (void)year, (void)period, (void)out;
	return stub(err);
}

int app_indicator_series(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id,
			 struct indicator_series *out, struct kh_error *err)
{
	(void)ctx, (void)org_id, (void)indicator_id, (void)out;
	return stub(err);
}

json_t *app_indicator_json(const struct indicator *ind)
{
	(void)ind;
	return json_object();
}

json_t *app_indicator_figure_json(const struct indicator_figure *f)
{
	(void)f;
	return json_object();
}

json_t *app_indicator_table_json(const struct indicator_table *t)
{
	(void)t;
	return json_object();
}

json_t *app_indicator_children_json(const struct indicator_children *c)
{
	(void)c;
	return json_object();
}

json_t *app_indicator_series_json(const struct indicator_series *s)
{
	(void)s;
	return json_object();
}
