/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * What a page shows when the address does not say: the current year, and
 * the org the user most likely means (web/pick.h).
 */
#include "core/common.h"
#include "web/pick.h"
#include "app/org.h"
#include "core/date.h"

int req_current_year(struct req *r)
{
	int y = 0, m = 0, d = 0;
	date_to_ymd(r->ctx.today, &y, &m, &d);
	return y;
}

int64_t req_default_org(struct req *r)
{
	struct app_ctx *ctx = &r->ctx;
	struct kh_error err;
	struct org *roots, *kids, o;
	int n, nk;
	if (app_sees_all(ctx)) {
		if (app_org_roots(ctx, ctx->today, &roots, &n, &err))
			return 0;
		for (int i = 0; i < n; i++) {
			if (roots[i].level == ORG_LEVEL_PROVINCE)
				return roots[i].id;
			if (app_org_children(ctx, roots[i].id, ctx->today, &kids, &nk, &err))
				continue;
			for (int k = 0; k < nk; k++)
				if (kids[k].level == ORG_LEVEL_PROVINCE)
					return kids[k].id;
		}
		return n ? roots[0].id : 0;
	}
	if (app_scope_load(ctx, &err) || ctx->actor->n_act_orgs == 0)
		return 0;
	int64_t id = ctx->actor->act_orgs[0];
	if (app_org_get(ctx, id, ctx->today, &o, &err) == 0 && org_kind_is_advisory(o.kind) &&
	    o.parent_id)
		return o.parent_id;
	return id;
}
