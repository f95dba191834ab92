/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's year-end self-assessment (issue 5): at the year's end the Vân
 * Hà ward secretary has drafted the self-assessment of his approved 2026
 * plan — the ratings as the progress gives them, the shortcomings and their
 * subjective causes, two remedies waiting for next year's plan. Written
 * through app_assessment_save inside the loader's transaction; skipped when
 * the clock is before December 2026 or the plan is not there.
 */
#include "core/common.h"
#include "app/demo_assessment.h"
#include "app/assessment.h"
#include "core/date.h"
#include "store/org.h"
#include "store/person.h"
#include "store/plan.h"

static const char *const REMEDIES[] = {
	"Tăng cường kiểm tra, đôn đốc việc thực hiện nghị quyết ở các chi bộ khu phố",
	"Phân công rõ người, rõ việc, rõ thời hạn; báo cáo tiến độ hằng tháng với Ban Thường vụ",
};

int app_demo_assessment(struct app_ctx *ctx, int *n, struct kh_error *err)
{
	int64_t org = 0, head = 0, plan = 0;
	struct position *v;
	int np, rc;
	*n = 0;
	if (ctx->today < date_from_ymd(2026, 12, 1))
		return 0;
	if ((rc = store_org_find_code(ctx->store, "x_vanha", &org, err)))
		return rc;
	int32_t day = date_from_ymd(2026, 3, 1);
	if ((rc = store_position_list(ctx->store, ctx->arena, 0, org, day, day, &v, &np, err)))
		return rc;
	for (int i = 0; i < np && !head; i++)
		if (v[i].role == POSITION_HEAD)
			head = v[i].person_id;
	if (!head)
		return 0;
	if ((rc = store_plan_find_owner(ctx->store, 0, head, PLAN_SCOPE_YEAR, 2026, true, &plan,
					err)) ||
	    !plan)
		return rc;
	struct assessment_input in = {
		.summary =
			"Cơ bản hoàn thành các nội dung của kế hoạch; nêu gương trong học tập, làm"
			" theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
		.shortcomings =
			"Một số nội dung triển khai còn chậm so với thời hạn; việc kiểm tra,"
			" giám sát ở chi bộ chưa thường xuyên.",
		.causes = "Chưa sâu sát trong chỉ đạo, đôn đốc; phân công nhiệm vụ có lúc chưa rõ"
			  " người, rõ việc.",
		.remedies = REMEDIES,
		.n_remedies = (int)KH_ARRAY_LEN(REMEDIES),
		.set_remedies = true,
	};
	if ((rc = app_assessment_save(ctx, plan, &in, err)))
		return rc;
	*n = 1;
	return 0;
}
