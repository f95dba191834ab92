/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's indicators (app/demo_indicators.h): definitions of the Tỉnh
 * ủy for the 2025–2030 term and figures of the province and the committees
 * under it since the reorganization of 2025 (and the cells of Lạc Điền), entered through
 * app_indicator_create and app_indicator_set_values so that the rules,
 * validation and audit apply. Orgs are found by their demo keys.
 */
#include "core/common.h"
#include "app/demo_indicators.h"
#include "app/indicator.h"
#include "app/plan.h"
#include "store/org.h"

#include <string.h>

struct demo_indicator {
	const char *key, *code, *name, *unit, *direction, *rollup, *weight;
};

static const struct demo_indicator INDICATORS[] = {
	{"new", "1", "Kết nạp đảng viên mới", "đảng viên", "up", "sum", NULL},
	{"bases", "2", "Số tổ chức cơ sở đảng và chi bộ trực thuộc được đánh giá, xếp loại",
	 "tổ chức", "up", "sum", NULL},
	{"bases_good", "3",
	 "Tỷ lệ tổ chức cơ sở đảng và chi bộ trực thuộc hoàn thành tốt nhiệm vụ trở lên", "%", "up",
	 "share", "bases"},
	{"members", "4", "Số đảng viên được đánh giá, xếp loại", "đảng viên", "up", "sum", NULL},
	{"members_good", "5", "Tỷ lệ đảng viên hoàn thành tốt nhiệm vụ trở lên", "%", "up", "share",
	 "members"},
	{"disciplined", "6", "Tỷ lệ đảng viên vi phạm phải xử lý kỷ luật", "%", "down", "share",
	 "members"},
	{"meetings", "7", "Điểm chất lượng sinh hoạt chi bộ bình quân", "điểm", "up", "mean", NULL},
	{"par", "8", "Thứ hạng chỉ số cải cách hành chính (PAR Index) của tỉnh", "hạng", "down",
	 "manual", NULL},
};

/* One figure: indicator key, org key, period, year, value. */
struct demo_figure {
	const char *ind, *org, *period;
	int year;
	double value;
};

static const struct demo_figure FIGURES[] = {
	/* The province: baselines of 2020, targets of the term and years. */
	{"new", "tu", "baseline", 2020, 310},
	{"new", "tu", "target", 0, 1500},
	{"new", "tu", "target", 2025, 300},
	{"new", "tu", "target", 2026, 310},
	{"bases_good", "tu", "baseline", 2020, 85.4},
	{"bases_good", "tu", "target", 0, 90},
	{"bases_good", "tu", "target", 2025, 88},
	{"bases_good", "tu", "target", 2026, 89},
	{"members_good", "tu", "baseline", 2020, 86.9},
	{"members_good", "tu", "target", 0, 90},
	{"members_good", "tu", "target", 2025, 89},
	{"members_good", "tu", "target", 2026, 90},
	{"disciplined", "tu", "baseline", 2020, 0.7},
	{"disciplined", "tu", "target", 0, 0.5},
	{"disciplined", "tu", "target", 2025, 0.5},
	{"meetings", "tu", "target", 0, 85},
	{"meetings", "tu", "target", 2025, 85},
	{"par", "tu", "baseline", 2020, 34},
	{"par", "tu", "target", 0, 20},
	{"par", "tu", "target", 2025, 28},
	{"par", "tu", "year", 2025, 25},
	{"par", "tu", "estimate", 2026, 22},
	/* 2025 of the committees under the Tỉnh ủy (Sơn Hà has not reported). */
	{"new", "dbub", "year", 2025, 85},
	{"new", "dbcqd", "year", 2025, 40},
	{"new", "x_vanha", "year", 2025, 62},
	{"new", "x_yenhoa", "year", 2025, 27},
	{"new", "x_phuson", "year", 2025, 31},
	{"new", "x_bacha", "year", 2025, 18},
	{"new", "x_tanphong", "year", 2025, 12},
	{"bases", "dbub", "year", 2025, 48},
	{"bases", "dbcqd", "year", 2025, 21},
	{"bases", "x_vanha", "year", 2025, 15},
	{"bases", "x_lacdien", "year", 2025, 12},
	{"bases", "x_yenhoa", "year", 2025, 11},
	{"bases", "x_phuson", "year", 2025, 13},
	{"bases", "x_bacha", "year", 2025, 8},
	{"bases", "x_tanphong", "year", 2025, 6},
	{"bases_good", "dbub", "year", 2025, 93.8},
	{"bases_good", "dbcqd", "year", 2025, 95.2},
	{"bases_good", "x_vanha", "year", 2025, 86.7},
	{"bases_good", "x_lacdien", "year", 2025, 83.3},
	{"bases_good", "x_yenhoa", "year", 2025, 81.8},
	{"bases_good", "x_phuson", "year", 2025, 84.6},
	{"bases_good", "x_bacha", "year", 2025, 87.5},
	{"bases_good", "x_tanphong", "year", 2025, 83.3},
	{"members", "dbub", "year", 2025, 3200},
	{"members", "dbcqd", "year", 2025, 1150},
	{"members", "x_vanha", "year", 2025, 2400},
	{"members", "x_lacdien", "year", 2025, 1650},
	{"members", "x_yenhoa", "year", 2025, 1500},
	{"members", "x_phuson", "year", 2025, 1720},
	{"members", "x_bacha", "year", 2025, 980},
	{"members", "x_tanphong", "year", 2025, 640},
	{"members_good", "dbub", "year", 2025, 92.4},
	{"members_good", "dbcqd", "year", 2025, 94.1},
	{"members_good", "x_vanha", "year", 2025, 90.2},
	{"members_good", "x_lacdien", "year", 2025, 88.1},
	{"members_good", "x_yenhoa", "year", 2025, 87.4},
	{"members_good", "x_phuson", "year", 2025, 88.9},
	{"members_good", "x_bacha", "year", 2025, 89.6},
	{"members_good", "x_tanphong", "year", 2025, 86.3},
	{"disciplined", "dbub", "year", 2025, 0.2},
	{"disciplined", "dbcqd", "year", 2025, 0.1},
	{"disciplined", "x_vanha", "year", 2025, 0.4},
	{"disciplined", "x_lacdien", "year", 2025, 0.5},
	{"disciplined", "x_yenhoa", "year", 2025, 0.6},
	{"disciplined", "x_phuson", "year", 2025, 0.4},
	{"disciplined", "x_bacha", "year", 2025, 0.3},
	{"disciplined", "x_tanphong", "year", 2025, 0.6},
	{"meetings", "dbub", "year", 2025, 88},
	{"meetings", "dbcqd", "year", 2025, 90},
	{"meetings", "x_vanha", "year", 2025, 85},
	{"meetings", "x_lacdien", "year", 2025, 82},
	{"meetings", "x_yenhoa", "year", 2025, 80},
	{"meetings", "x_phuson", "year", 2025, 83},
	{"meetings", "x_bacha", "year", 2025, 84},
	{"meetings", "x_tanphong", "year", 2025, 81},
	{"new", "x_lacdien", "year", 2025, 24},
	/* Lạc Điền's cells (Phú Hưng has not reported): their sum stands beside
	 * the ward's own figure. */
	{"new", "cb_ld_tanlap", "year", 2025, 5},
	{"new", "cb_ld_quangtrung", "year", 2025, 4},
	{"new", "cb_lt_thuynguyen", "year", 2025, 6},
	{"new", "cb_lt_dongthuy", "year", 2025, 3},
	{"new", "cb_lh_hungdao", "year", 2025, 4},
	{"new", "dbub", "target", 2025, 80},
	{"new", "dbub", "target", 2026, 90},
	{"new", "x_vanha", "target", 2026, 65},
	/* 2026: the first half (Tân Phong is late) and the estimates. */
	{"new", "dbub", "h1", 2026, 44},
	{"new", "dbcqd", "h1", 2026, 18},
	{"new", "x_vanha", "h1", 2026, 30},
	{"new", "x_lacdien", "h1", 2026, 12},
	{"new", "x_yenhoa", "h1", 2026, 13},
	{"new", "x_phuson", "h1", 2026, 15},
	{"new", "x_bacha", "h1", 2026, 9},
	{"new", "x_thuongson", "h1", 2026, 5},
	{"new", "dbub", "estimate", 2026, 90},
	{"new", "dbcqd", "estimate", 2026, 42},
	{"new", "x_vanha", "estimate", 2026, 65},
	{"new", "x_lacdien", "estimate", 2026, 26},
	{"new", "x_yenhoa", "estimate", 2026, 28},
	{"new", "x_phuson", "estimate", 2026, 32},
	{"new", "x_bacha", "estimate", 2026, 19},
	{"new", "x_tanphong", "estimate", 2026, 13},
	{"new", "x_thuongson", "estimate", 2026, 11},
};

static int org_id(struct app_ctx *ctx, const char *key, int64_t *id, struct kh_error *err)
{
	int rc = store_org_find_code(ctx->store, key, id, err);
	if (!rc && !*id)
		rc = kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu tổ chức %s", key);
	return rc;
}

static int load(struct app_ctx *ctx, int *n_indicators, struct kh_error *err)
{
	int64_t ids[KH_ARRAY_LEN(INDICATORS)] = {0};
	int64_t tu;
	int rc;
	if (n_indicators)
		*n_indicators = 0;
	struct indicator *have;
	int n_have;
	if ((rc = org_id(ctx, "tu", &tu, err)) ||
	    (rc = app_indicator_list(ctx, tu, &have, &n_have, err)))
		return rc;
	if (n_have)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Tỉnh ủy đã có chỉ tiêu: dữ liệu mẫu về chỉ"
			       " tiêu đã được nạp");
	/* The programme of the term, when the demo's plans are in. */
	int64_t programme = 0;
	struct plan_query q = {.owner_org_id = tu, .year = 2025, .limit = 50};
	struct plan_page page;
	if ((rc = app_plan_list(ctx, &q, &page, err)))
		return rc;
	for (int i = 0; i < page.n && !programme; i++)
		if (page.items[i].scope == PLAN_SCOPE_TERM && page.items[i].year_to == 2030)
			programme = page.items[i].id;
	for (size_t i = 0; i < KH_ARRAY_LEN(INDICATORS); i++) {
		const struct demo_indicator *d = &INDICATORS[i];
		int64_t weight = 0;
		for (size_t j = 0; d->weight && j < i; j++)
			if (strcmp(INDICATORS[j].key, d->weight) == 0)
				weight = ids[j];
		struct indicator_input in = {.org_id = tu,
					     .plan_id = programme,
					     .seq = (int)i + 1,
					     .code = d->code,
					     .name = d->name,
					     .unit = d->unit,
					     .direction = d->direction,
					     .rollup = d->rollup,
					     .weight_indicator_id = weight,
					     .year_from = 2025,
					     .year_to = 2030};
		struct indicator ind;
		if ((rc = app_indicator_create(ctx, &in, &ind, err)))
			return rc;
		ids[i] = ind.id;
	}
	size_t n = KH_ARRAY_LEN(FIGURES);
	struct indicator_value_input *v = arena_alloc(ctx->arena, sizeof(*v) * n);
	for (size_t k = 0; k < n; k++) {
		const struct demo_figure *f = &FIGURES[k];
		int64_t ind = 0, org;
		for (size_t i = 0; i < KH_ARRAY_LEN(INDICATORS); i++)
			if (strcmp(INDICATORS[i].key, f->ind) == 0)
				ind = ids[i];
		if (!ind)
			return kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu chỉ tiêu %s",
				       f->ind);
		if ((rc = org_id(ctx, f->org, &org, err)))
			return rc;
		v[k] = (struct indicator_value_input){.indicator_id = ind,
						      .org_id = org,
						      .period = f->period,
						      .year = f->year,
						      .value = f->value};
	}
	if ((rc = app_indicator_set_values(ctx, v, (int)n, NULL, err)))
		return rc;
	if (n_indicators)
		*n_indicators = (int)KH_ARRAY_LEN(INDICATORS);
	return 0;
}

int app_demo_indicators(struct app_ctx *ctx, int *n_indicators, struct kh_error *err)
{
	int rc = store_begin(ctx->store, true, err);
	if (rc)
		return rc;
	rc = load(ctx, n_indicators, err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}
