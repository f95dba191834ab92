/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's progress (issue 5), so that the Tỉnh ủy's programme shows every
 * state on its page and its timeline: item 8 (the base committees' plans,
 * due 31-3-2026) done on time; item 2 (learning the Resolution, Quý
 * II/2026) done late, on 8 July; item 3 (cadre planning, due 30-6-2026)
 * only 60 % done — overdue after June — with the meeting's minutes as
 * evidence; item 1 (a yearly duty) done for 2025; items 4 and 9 in
 * progress; the Ban Tổ chức reports its part (a coordinator) where it has
 * one. Each report is written through app_progress_report as of its day,
 * never later than the real today (a step whose day has not come yet is
 * skipped), inside the loader's transaction. The evidence file is written
 * beside the database like any upload.
 */
#include "core/common.h"
#include "app/progress.h"
#include "core/date.h"
#include "store/org.h"
#include "store/plan.h"

#include <string.h>

static const char MINUTES[] =
	"BIÊN BẢN HỘP\n"
	"Rà soát, bổ sung quy hoạch cán bộ cấp ủy, lãnh đạo chủ chốt cấp xã nhiệm kỳ"
	" 2026-2031.\n"
	"Đã rà soát 18/30 đơn vị; còn 12 đơn vị chưa gửi hồ sơ.\n";

struct demo_step {
	int seq;	   /* the item of the programme */
	int y, m, d;	   /* the day of the report */
	const char *state; /* progress state */
	int percent;
	const char *coordinator; /* org key of a coordinator's part, NULL = the lead */
	const char *note;
	bool minutes;	/* with MINUTES as evidence */
	int oy, om, od; /* occurrence_end (recurring), 0 = the one holding the day */
};

static const struct demo_step STEPS[] = {
	{1, 2025, 12, 20, "done", 100, NULL,
	 "Năm 2025: 92% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên.", false, 2025, 12, 31},
	{8, 2026, 2, 10, "in_progress", 50, NULL, "Đã có 15/30 đảng ủy trực thuộc ban hành.", false,
	 0, 0, 0},
	{8, 2026, 3, 25, "done", 100, NULL, "30/30 đảng ủy trực thuộc đã ban hành kế hoạch.", false,
	 0, 0, 0},
	{2, 2026, 5, 15, "in_progress", 70, NULL,
	 "Đã tổ chức hội nghị cấp tỉnh; cấp cơ sở đang triển khai.", false, 0, 0, 0},
	{2, 2026, 7, 8, "done", 100, NULL,
	 "Hoàn thành ở tất cả các đảng bộ trực thuộc (chậm do sắp xếp đơn vị hành chính).", false,
	 0, 0, 0},
	{3, 2026, 6, 15, "in_progress", 60, NULL, "Đã rà soát 18/30 đơn vị.", true, 0, 0, 0},
	{4, 2026, 9, 10, "in_progress", 50, NULL, "Đã kiện toàn 3/6 ban.", false, 0, 0, 0},
	{9, 2026, 10, 1, "in_progress", 30, NULL, "Đã xây dựng phần mềm; đang nhập dữ liệu.", false,
	 0, 0, 0},
};

int app_demo_progress(struct app_ctx *ctx, int *n_reports, struct kh_error *err)
{
	const int32_t today = ctx->today;
	const int64_t now = ctx->now;
	int64_t tu, *ids;
	int n, nitems, rc;
	struct plan_item *items = NULL;
	int64_t programme = 0;

	*n_reports = 0;
	if ((rc = store_org_find_code(ctx->store, "tu", &tu, err)))
		return rc;
	if (!tu)
		return 0;
	if ((rc = store_plan_ids_issued(ctx->store, ctx->arena, tu, 0, 2025, 2030, &ids, &n, err)))
		return rc;
	for (int i = 0; i < n && !programme; i++) {
		struct plan p;
		if ((rc = store_plan_get(ctx->store, ctx->arena, ids[i], today, &p, err)))
			return rc;
		if (p.scope == PLAN_SCOPE_TERM && p.status == PLAN_APPROVED)
			programme = p.id;
	}
	if (!programme)
		return 0; /* a clock before the programme: no plans, no progress */
	if ((rc = store_plan_items(ctx->store, ctx->arena, programme, today, &items, &nitems, err)))
		return rc;
	for (size_t k = 0; k < KH_ARRAY_LEN(STEPS); k++) {
		const struct demo_step *s = &STEPS[k];
		int32_t day = date_from_ymd(s->y, s->m, s->d);
		if (day > today)
			continue;
		const struct plan_item *it = NULL;
		for (int i = 0; i < nitems && !it; i++)
			if (items[i].seq == s->seq)
				it = &items[i];
		if (!it)
			continue;
		int64_t org = 0;
		if (s->coordinator &&
		    (rc = store_org_find_code(ctx->store, s->coordinator, &org, err)))
			goto out;
		struct progress_file_input file = {.name = "Biên bản rà soát quy hoạch.txt",
						   .data = MINUTES,
						   .len = strlen(MINUTES)};
		struct progress_input in = {
			.state = s->state,
			.percent = s->percent,
			.day = day,
			.note = s->note,
			.org_id = org,
			.occurrence_end = s->oy ? date_from_ymd(s->oy, s->om, s->od) : 0,
			.files = s->minutes ? &file : NULL,
			.n_files = s->minutes ? 1 : 0,
		};
		ctx->today = day;
		ctx->now = now - (int64_t)(today - day) * 86400;
		rc = app_progress_report(ctx, it->id, &in, NULL, err);
		/* A database kept in memory has no place for files: the report
		 * goes without its evidence. */
		if (rc == KH_EIO && s->minutes) {
			in.files = NULL;
			in.n_files = 0;
			rc = app_progress_report(ctx, it->id, &in, NULL, err);
		}
		if (rc)
			goto out;
		++*n_reports;
	}
out:
	ctx->today = today;
	ctx->now = now;
	return rc;
}
