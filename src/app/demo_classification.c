/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's quality classification (app/classification.h): the year 2025 of
 * the commune Tân Phong under 124-QĐ/TW — its two cells self-assessed in
 * December, proposed and decided by the commune's committee in January 2026
 * (Đồng Xuân "good", Phong Niên "excellent": one excellent of two good or
 * better, within the quota), and the cell secretary's own self-assessment
 * as a member, left at that stage. Each step runs through the use cases as
 * of its day (not after the real today).
 */
#include "core/common.h"
#include "app/classification.h"
#include "core/date.h"
#include "store/org.h"
#include "store/user.h"

#include <string.h>

static int org_key(struct app_ctx *ctx, const char *key, int64_t *id, struct kh_error *err)
{
	int rc = store_org_find_code(ctx->store, key, id, err);
	if (!rc && !*id)
		rc = kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu tổ chức %s", key);
	return rc;
}

/* Sets the clock to day; false when day is after the real today. */
static bool clock_at(struct app_ctx *ctx, int32_t real_today, int64_t real_now, int32_t day)
{
	if (day > real_today)
		return false;
	ctx->today = day;
	ctx->now = real_now - (int64_t)(real_today - day) * 86400;
	return true;
}

int app_demo_classification(struct app_ctx *ctx, int *n_classified, struct kh_error *err)
{
	const int32_t today = ctx->today;
	const int64_t now = ctx->now;
	static const struct {
		const char *org, *grade;
	} CELLS[] = {{"cb_tph_dongxuan", "good"}, {"cb_tph_phongnien", "excellent"}};
	int64_t ids[2];
	struct class_view v;
	int rc = 0;
	*n_classified = 0;
	if (!clock_at(ctx, today, now, date_from_ymd(2025, 12, 20)))
		return 0;
	for (size_t i = 0; i < KH_ARRAY_LEN(CELLS); i++) {
		struct class_input in = {
			.subject_kind = "org",
			.period_kind = "year",
			.year = 2025,
			.grade = CELLS[i].grade,
			.general_points = -1,
			.task_points = -1,
			.note = "Chi bộ tự đánh giá, xếp loại tại hội nghị cuối năm"};
		if ((rc = org_key(ctx, CELLS[i].org, &in.org_id, err)) ||
		    (rc = app_class_self(ctx, &in, &v, err)))
			goto out;
		ids[i] = v.c.id;
		(*n_classified)++;
	}
	{
		struct user u;
		const char *hash;
		struct kh_error e = {0};
		if (store_user_find(ctx->store, ctx->arena, "bithu.chibo", &u, &hash, &e) == 0 &&
		    u.person_id) {
			struct class_input m = {.subject_kind = "member",
						.person_id = u.person_id,
						.period_kind = "year",
						.year = 2025,
						.grade = "good",
						.general_points = -1,
						.task_points = -1,
						.note = "Bản tự kiểm điểm của đảng viên"};
			if ((rc = org_key(ctx, "cb_tph_dongxuan", &m.org_id, err)) ||
			    (rc = app_class_self(ctx, &m, &v, err)))
				goto out;
			(*n_classified)++;
		}
	}
	if (!clock_at(ctx, today, now, date_from_ymd(2026, 1, 10)))
		goto out;
	for (size_t i = 0; i < KH_ARRAY_LEN(CELLS); i++) {
		struct class_input in = {.grade = CELLS[i].grade,
					 .general_points = -1,
					 .task_points = -1,
					 .note = "Đảng ủy xã thẩm định"};
		if ((rc = app_class_propose(ctx, ids[i], &in, &v, err)))
			goto out;
	}
	if (!clock_at(ctx, today, now, date_from_ymd(2026, 1, 15)))
		goto out;
	for (size_t i = 0; i < KH_ARRAY_LEN(CELLS); i++) {
		struct class_input in = {.grade = CELLS[i].grade,
					 .general_points = -1,
					 .task_points = -1,
					 .note = "Quyết định của Ban Thường vụ Đảng ủy xã"};
		if ((rc = app_class_decide(ctx, ids[i], &in, &v, err)))
			goto out;
	}
out:
	ctx->today = today;
	ctx->now = now;
	return rc;
}
