/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's report campaign, so that a fresh `kehoach demo` shows one under
 * way: on 25 May 2026 the Tỉnh ủy opens the six-month report of 2026 for
 * its communes and wards (due 10 June) and its upper-base committees (due 20
 * June), with the province's indicators as the appendix when there are any,
 * the conference in the first half of July; Đảng bộ phường Bắc Hà submits on
 * time and is accepted, Đảng bộ xã Phú Sơn is returned with a reason, Đảng
 * bộ xã Yên Hòa submits late, the others have not (missing once past due).
 * Tân Phong and Lạc Điền are left alone for the tests. Everything goes
 * through the report (and indicator) use cases inside the loader's
 * transaction, each step with the clock set to its day; steps after the
 * real today are not taken.
 */
#include "core/common.h"
#include "app/demo.h"
#include "app/indicator.h"
#include "app/report.h"
#include "core/date.h"
#include "store/org.h"

#include <string.h>

static int org_key(struct app_ctx *ctx, const char *key, int64_t *id, struct kh_error *err)
{
	int rc = store_org_find_code(ctx->store, key, id, err);
	if (!rc && !*id)
		rc = kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu tổ chức %s", key);
	return rc;
}

/* Sets the clock to day; false when day is after the real today (the step
 * is not taken). */
static bool clock_at(struct app_ctx *ctx, int32_t real_today, int64_t real_now, int32_t day)
{
	if (day > real_today)
		return false;
	ctx->today = day;
	ctx->now = real_now - (int64_t)(real_today - day) * 86400;
	return true;
}

struct demo_submission {
	const char *org;
	int submit_month, submit_day;
	const char *decision; /* "accept", "return" or NULL */
	int decide_day;	      /* in June */
	const char *sections[4];
};

static const struct demo_submission SUBMISSIONS[] = {
	{"x_bacha",
	 6,
	 8,
	 "accept",
	 12,
	 {"Sáu tháng đầu năm 2026, Đảng ủy phường lãnh đạo hoàn thành 14/18 nội dung kế hoạch;"
	  " tổ chức quán triệt Nghị quyết Đại hội Đảng bộ tỉnh đến 100% chi bộ; kết nạp 9 đảng"
	  " viên mới.",
	  "Công tác phát triển đảng viên trong doanh nghiệp còn chậm; một số chi bộ sinh hoạt"
	  " chưa đều. Nguyên nhân chủ yếu là cấp ủy chưa sâu sát.",
	  "Tập trung hoàn thành các nội dung còn lại, chuẩn bị tổng kết năm; kiện toàn chi ủy"
	  " các khu phố.",
	  ""}},
	{"x_phuson",
	 6,
	 9,
	 "return",
	 11,
	 {"Đảng ủy xã triển khai kế hoạch năm 2026, hoàn thành 8/15 nội dung.", "", "", ""}},
	{"x_yenhoa",
	 6,
	 13,
	 NULL,
	 0,
	 {"Đảng ủy xã lãnh đạo thực hiện đạt kết quả bước đầu: hoàn thành 10/16 nội dung kế"
	  " hoạch, thu ngân sách đạt 56% dự toán.",
	  "Tiến độ một số công trình chậm; việc nắm tình hình tư tưởng đảng viên có lúc chưa"
	  " kịp thời.",
	  "Đẩy nhanh tiến độ các công trình trọng điểm; tăng cường kiểm tra, giám sát.", ""}},
};

/* Enters the org's first-half figures of the appendix indicators. */
static int enter_figures(struct app_ctx *ctx, const struct report_view *v, int seed,
			 struct kh_error *err)
{
	if (!v->has_appendix || v->appendix.n_rows == 0)
		return 0;
	struct indicator_value_input *in =
		arena_alloc(ctx->arena, sizeof(*in) * (size_t)v->appendix.n_rows);
	int n = 0;
	for (int i = 0; i < v->appendix.n_rows; i++) {
		const struct indicator *ind = &v->appendix.rows[i].ind;
		if (strcmp(ind->rollup, "share") == 0 || strcmp(ind->rollup, "weighted_mean") == 0)
			continue;
		memset(&in[n], 0, sizeof(in[n]));
		in[n].indicator_id = ind->id;
		in[n].org_id = v->r.row.org_id;
		in[n].period = v->figure_period;
		in[n].year = v->figure_year;
		in[n].value = strcmp(ind->unit, "%") == 0 ? 60 + (seed * 7 + i * 3) % 35
							  : 5 + (seed * 5 + i * 4) % 20;
		n++;
	}
	return n ? app_indicator_set_values(ctx, in, n, NULL, err) : 0;
}

int app_demo_reports(struct app_ctx *ctx, int *n_campaigns, struct kh_error *err)
{
	const int32_t today = ctx->today;
	const int64_t now = ctx->now;
	int64_t tu, campaign;
	int rc;

	*n_campaigns = 0;
	if (!clock_at(ctx, today, now, date_from_ymd(2026, 5, 25)))
		return 0;
	if ((rc = org_key(ctx, "tu", &tu, err)))
		goto out;

	/* The province's indicators, when the demo has any. */
	struct indicator *inds = NULL;
	int n_inds = 0;
	{
		struct kh_error e = {0};
		if (app_indicator_list(ctx, tu, &inds, &n_inds, &e) != 0)
			n_inds = 0;
	}
	int64_t ind_ids[6];
	int n_ids = 0;
	for (int i = 0; i < n_inds && n_ids < 6; i++)
		if (inds[i].org_id == tu && inds[i].year_from <= 2026 && inds[i].year_to >= 2026)
			ind_ids[n_ids++] = inds[i].id;

	static const int levels[] = {3, 2};
	const int32_t days[] = {date_from_ymd(2026, 6, 10), date_from_ymd(2026, 6, 20)};
	struct report_campaign_input in = {
		.org_id = tu,
		.kind = "half_year",
		.year_from = 2026,
		.year_to = 2026,
		.title = "Báo cáo 6 tháng đầu năm 2026",
		.number = "85-CV/TU",
		.indicator_ids = ind_ids,
		.n_indicators = n_ids,
		.due_levels = levels,
		.due_days = days,
		.n_due = 2,
		.conference_from = date_from_ymd(2026, 7, 1),
		.conference_to = date_from_ymd(2026, 7, 15),
		.after_conference = "Báo cáo đã thông qua tại hội nghị sơ kết 6 tháng",
	};
	if ((rc = app_report_campaign_open(ctx, &in, &campaign, err)))
		goto out;
	++*n_campaigns;

	struct report_campaign_status st;
	if ((rc = app_report_campaign_status(ctx, campaign, &st, err)))
		goto out;
	for (size_t i = 0; i < KH_ARRAY_LEN(SUBMISSIONS); i++) {
		const struct demo_submission *s = &SUBMISSIONS[i];
		int64_t org, report = 0;
		if ((rc = org_key(ctx, s->org, &org, err)))
			goto out;
		for (int k = 0; k < st.n_rows; k++)
			if (st.rows[k].row.org_id == org)
				report = st.rows[k].row.id;
		if (!report)
			continue; /* not of a reporting level */
		if (!clock_at(ctx, today, now, date_from_ymd(2026, s->submit_month, s->submit_day)))
			break;
		struct report_view v;
		if ((rc = app_report_get(ctx, report, &v, err)) ||
		    (rc = enter_figures(ctx, &v, (int)i, err)))
			goto out;
		const char *sections[REPORT_SECTIONS_MAX];
		for (int k = 0; k < v.n_sections && k < REPORT_SECTIONS_MAX; k++)
			sections[k] = k < 4 && s->sections[k] ? s->sections[k] : "";
		if ((rc = app_report_save(ctx, report,
					  i == 0   ? "12-BC/ĐU"
					  : i == 1 ? "08-BC/ĐU"
						   : "15-BC/ĐU",
					  sections, v.n_sections, err)) ||
		    (rc = app_report_submit(ctx, report, err)))
			goto out;
		if (!s->decision ||
		    !clock_at(ctx, today, now, date_from_ymd(2026, 6, s->decide_day)))
			continue;
		rc = strcmp(s->decision, "accept") == 0
			     ? app_report_accept(ctx, report, err)
			     : app_report_return(
				       ctx, report,
				       "Đề nghị bổ sung số liệu phụ lục và nêu rõ nguyên nhân"
				       " của hạn chế, khuyết điểm",
				       err);
		if (rc)
			goto out;
	}
out:
	ctx->today = today;
	ctx->now = now;
	return rc;
}
