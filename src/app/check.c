/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The quality check of a plan and the compliance of a subtree: see app/check.h.
 * (Stubs: being written; each answers "not implemented yet".)
 */
#include "core/common.h"
#include "app/check.h"

int app_plan_check(struct app_ctx *ctx, int64_t plan_id, struct check_report *out,
		   struct kh_error *err)
{
	(void)ctx;
	(void)plan_id;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

json_t *app_check_json(const struct check_report *r)
{
	(void)r;
	return json_null();
}

int app_plan_compliance(struct app_ctx *ctx, int64_t org_id, int year,
			struct compliance_report *out, struct kh_error *err)
{
	(void)ctx;
	(void)org_id;
	(void)year;
	(void)out;
	(void)err;
	return kh_fail(err, KH_EINTERNAL, NULL, "Chức năng đang được xây dựng");
}

json_t *app_compliance_json(const struct compliance_report *r)
{
	(void)r;
	return json_null();
}
