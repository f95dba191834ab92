/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The demo's plans, so that a fresh `kehoach demo` shows a living system: the
 * 2026 plans of two heads — the Bí thư Tỉnh ủy's sent for comment, with a
 * request from the party committee of his cell's base on it, the Vân Hà
 * ward secretary's approved; the Tỉnh ủy's action programme for the
 * 2025–2030 term in the style of seed 001 (leads, coordinators, deadlines of
 * every shape), approved; and the 2026 plan of Đảng bộ phường Vân Hà cascaded
 * from it, with items of its own, still a draft (its check has findings).
 * The owners are ones the tests of the plan pages do not use (Tân Phong, Lạc Điền
 * and their secretaries stay free for them), and the heads' plans come first
 * so that low item ids are not readable to a cell secretary elsewhere.
 * Everything goes through the plan and comment use cases, inside the
 * loader's transaction; orgs are found by their demo keys (their external
 * codes), people by their accounts or their position. The dated steps run
 * with the clock set to their day (never later than the real today), so the
 * plans carry a plausible history.
 */
#include "core/common.h"
#include "app/comment.h"
#include "app/demo.h"
#include "app/plan.h"
#include "core/date.h"
#include "store/org.h"
#include "store/person.h"
#include "store/user.h"

#include <string.h>

/* One item of a demo plan. lead and coordinators are org keys (NULL =
 * none); lead_text is the lead as written when no org is named. */
struct demo_item {
	const char *kind, *category, *section;
	const char *text, *measures;
	const char *lead, *lead_text;
	bool lead_group;
	const char *coordinators_text;
	const char *coordinators[3];
	const char *coordinate_with;
	const char *deadline;
	const char *serves;
};

/* The Tỉnh ủy's programme (seed 001: tasks and solutions per orientation,
 * key projects, a proposal). */
static const struct demo_item PROVINCE_ITEMS[] = {
	{"indicator",
	 "term",
	 "I. Mục tiêu, chỉ tiêu",
	 "Hằng năm có trên 90% tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ trở lên",
	 "",
	 NULL,
	 "Ban Tổ chức Tỉnh ủy",
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "hằng năm",
	 NULL},
	{"task",
	 "term",
	 "1. Xây dựng Đảng về chính trị, tư tưởng",
	 "Tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của Đảng và Nghị quyết Đại hội Đảng"
	 " bộ tỉnh lần thứ XVIII đến toàn thể cán bộ, đảng viên",
	 "Hội nghị trực tuyến toàn tỉnh; các đảng bộ trực thuộc tổ chức cho 100% đảng viên",
	 "tu_btgdv",
	 NULL,
	 false,
	 "Văn phòng Tỉnh ủy, các đảng ủy trực thuộc",
	 {"tu_vp"},
	 NULL,
	 "Quý II/2026",
	 NULL},
	{"task",
	 "year",
	 "2. Xây dựng Đảng về tổ chức, cán bộ",
	 "Rà soát, bổ sung quy hoạch cán bộ cấp ủy, lãnh đạo chủ chốt cấp xã nhiệm kỳ 2026-2031",
	 "Mỗi chức danh quy hoạch từ 2 đến 3 người; báo cáo Ban Thường vụ Tỉnh ủy",
	 "tu",
	 NULL,
	 true,
	 "Ban Tổ chức Tỉnh ủy hướng dẫn",
	 {"tu_btc"},
	 NULL,
	 "trước ngày 30-6-2026",
	 NULL},
	{"task",
	 "term",
	 "2. Xây dựng Đảng về tổ chức, cán bộ",
	 "Kiện toàn tổ chức bộ máy các ban xây dựng Đảng sau sắp xếp, bảo đảm tinh gọn, hiệu lực,"
	 " hiệu quả",
	 "Ban hành quy chế làm việc, quy định chức năng, nhiệm vụ của từng cơ quan",
	 "tu_btc",
	 NULL,
	 false,
	 "Văn phòng Tỉnh ủy",
	 {"tu_vp"},
	 NULL,
	 "trong năm 2026",
	 NULL},
	{"task",
	 "term",
	 "3. Công tác kiểm tra, giám sát và kỷ luật đảng",
	 "Kiểm tra, giám sát việc thực hiện trách nhiệm nêu gương của người đứng đầu cấp ủy các"
	 " cấp",
	 "Mỗi năm kiểm tra ít nhất 20% tổ chức đảng trực thuộc; công khai kết luận",
	 "tu_ubkt",
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "hằng năm",
	 NULL},
	{"task",
	 "term",
	 "4. Công tác dân vận",
	 "Xây dựng và nhân rộng mô hình «Dân vận khéo» trong phát triển kinh tế nông thôn",
	 "Mỗi xã, phường có ít nhất 1 mô hình được công nhận",
	 "tu_btgdv",
	 NULL,
	 false,
	 "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, các đoàn thể",
	 {"mttq", "hnd"},
	 NULL,
	 "thường xuyên",
	 NULL},
	{"task",
	 "year",
	 "5. Chỉnh đốn Đảng",
	 "Triển khai thực hiện quy định mới về đánh giá, xếp loại chất lượng tổ chức đảng và"
	 " đảng viên",
	 "Hướng dẫn các đảng bộ trực thuộc; tập huấn cho cán bộ làm công tác tổ chức",
	 "tu_btc",
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "sau khi có hướng dẫn của Trung ương",
	 NULL},
	{"task",
	 "year",
	 "5. Chỉnh đốn Đảng",
	 "Các đảng ủy trực thuộc xây dựng và ban hành kế hoạch hành động năm 2026, hoàn thành"
	 " trước ngày 31 tháng 3",
	 "Gửi kế hoạch về Ban Thường vụ Tỉnh ủy qua Văn phòng Tỉnh ủy",
	 "tu",
	 NULL,
	 true,
	 NULL,
	 {NULL},
	 NULL,
	 "trước ngày 31-3-2026",
	 NULL},
	{"key_project",
	 "term",
	 "III. Công trình trọng điểm",
	 "Xây dựng cơ sở dữ liệu đảng viên và hệ thống theo dõi nhiệm vụ của tỉnh",
	 "Kết nối với cơ sở dữ liệu đảng viên của Trung ương; vận hành thử trong năm 2027",
	 "tu_vp",
	 NULL,
	 false,
	 "Sở Khoa học và Công nghệ",
	 {NULL},
	 NULL,
	 "từ năm 2026 đến năm 2028",
	 NULL},
	{"proposal",
	 "term",
	 "IV. Đề xuất, kiến nghị",
	 "Đề nghị Trung ương sớm ban hành hướng dẫn về tổ chức cơ sở đảng ở xã sau sắp xếp",
	 "",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 NULL,
	 NULL},
};

/* The commune's own items, beside the ones cascaded from the programme. */
static const struct demo_item COMMUNE_ITEMS[] = {
	{"task",
	 "year",
	 NULL,
	 "Rà soát, phân loại đảng viên ở các chi bộ khu phố, đề nghị miễn sinh hoạt đảng viên cao"
	 " tuổi yếu sức khỏe",
	 "Chi bộ họp xét từng trường hợp; Ban Thường vụ Đảng ủy quyết định",
	 "x_vanha",
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "trong tháng 5/2026",
	 NULL},
	{"task",
	 "year",
	 NULL,
	 "Làm tốt công tác phát triển đảng viên",
	 "",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 NULL,
	 NULL},
};

/* The two heads' plans. */
static const struct demo_item HEAD_BT_ITEMS[] = {
	{"task",
	 "term",
	 NULL,
	 "Dự sinh hoạt định kỳ với Chi bộ Phòng Tổng hợp, nơi sinh hoạt, và chi bộ khu dân cư nơi"
	 " cư trú ít nhất 2 lần mỗi năm",
	 "Báo cáo việc thực hiện với các chi bộ",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "hằng năm",
	 NULL},
	{"task",
	 "year",
	 NULL,
	 "Chủ trì Hội nghị đối thoại với cán bộ, đảng viên và nhân dân về sắp xếp đơn vị hành"
	 " chính cấp xã",
	 "Tiếp thu, trả lời kiến nghị tại hội nghị hoặc bằng văn bản trong 15 ngày",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "Quý III/2026",
	 NULL},
	{"task",
	 "coordination",
	 NULL,
	 "Phối hợp với Chủ tịch UBND tỉnh chỉ đạo giải quyết dứt điểm các vụ khiếu nại đông người",
	 "Họp giao ban hằng tháng",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 "Chủ tịch UBND tỉnh",
	 "trước ngày 30-9-2026",
	 NULL},
};

static const struct demo_item HEAD_WARD_ITEMS[] = {
	{"task",
	 "year",
	 NULL,
	 "Đổi mới nội dung sinh hoạt ở các chi bộ khu phố: mỗi quý một buổi sinh hoạt chuyên đề",
	 "Chọn chuyên đề từ kiến nghị của đảng viên; Thường trực Đảng ủy dự",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "hằng quý",
	 NULL},
	{"task",
	 "year",
	 NULL,
	 "Vận động 100% hộ gia đình trong phường tham gia phân loại rác tại nguồn",
	 "Phối hợp với Hội Liên hiệp Phụ nữ phường; kiểm tra hằng tháng",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 NULL,
	 "đến hết năm 2026",
	 NULL},
	{"task",
	 "coordination",
	 NULL,
	 "Phối hợp với Chủ tịch UBND phường hoàn thành bàn giao tài sản, hồ sơ các phường cũ",
	 "Lập biên bản bàn giao từng hạng mục",
	 NULL,
	 NULL,
	 false,
	 NULL,
	 {NULL},
	 "Chủ tịch UBND phường Vân Hà",
	 "trước ngày 30-6-2026",
	 NULL},
};

/* Runs the steps of the demo's history as of day (never past the real
 * today). */
static void clock_at(struct app_ctx *ctx, int32_t real_today, int64_t real_now, int32_t day)
{
	if (day > real_today)
		day = real_today;
	ctx->today = day;
	ctx->now = real_now - (int64_t)(real_today - day) * 86400;
}

static int org_id(struct app_ctx *ctx, const char *key, int64_t *id, struct kh_error *err)
{
	int rc = store_org_find_code(ctx->store, key, id, err);
	if (!rc && !*id)
		rc = kh_fail(err, KH_EINTERNAL, NULL, "Dữ liệu mẫu: thiếu tổ chức %s", key);
	return rc;
}

static int add_items(struct app_ctx *ctx, int64_t plan, const struct demo_item *v, size_t n,
		     struct kh_error *err)
{
	for (size_t i = 0; i < n; i++) {
		const struct demo_item *d = &v[i];
		struct plan_item_input in = {0};
		struct plan_item out;
		int64_t coord[3];
		int nc = 0, rc;
		in.part = strcmp(d->kind, "indicator") == 0 ? 1 : 2;
		in.section = d->section;
		in.kind = d->kind;
		in.category = d->category;
		in.text = d->text;
		in.measures = d->measures;
		in.set_lead = true;
		if (d->lead && (rc = org_id(ctx, d->lead, &in.lead_org_id, err)))
			return rc;
		in.lead_group = d->lead_group;
		in.lead_text = d->lead_text ? d->lead_text : "";
		in.coordinators = d->coordinators_text;
		for (int k = 0; k < 3 && d->coordinators[k]; k++)
			if ((rc = org_id(ctx, d->coordinators[k], &coord[nc++], err)))
				return rc;
		in.coordinator_org_ids = coord;
		in.n_coordinator_orgs = nc;
		in.set_coordinator_orgs = true;
		in.coordinate_with = d->coordinate_with;
		in.deadline_text = d->deadline;
		in.serves = d->serves;
		if (strcmp(d->kind, "proposal") == 0) {
			in.addressee = "Ban Chấp hành Trung ương";
			in.set_addressee = true;
			if ((rc = org_id(ctx, "tw", &in.addressee_org_id, err)))
				return rc;
		}
		if ((rc = app_plan_item_create(ctx, plan, &in, &out, err)))
			return rc;
	}
	return 0;
}

/* The person heading org on 1 March 2026 (the first head listed). */
static int head_of(struct app_ctx *ctx, int64_t org, int64_t *person, struct kh_error *err)
{
	struct position *v;
	int n, rc;
	*person = 0;
	int32_t day = date_from_ymd(2026, 3, 1);
	if ((rc = store_position_list(ctx->store, ctx->arena, 0, org, day, day, &v, &n, err)))
		return rc;
	for (int i = 0; i < n && !*person; i++)
		if (v[i].role == POSITION_HEAD)
			*person = v[i].person_id;
	if (!*person)
		return kh_fail(err, KH_EINTERNAL, NULL,
			       "Dữ liệu mẫu: tổ chức %lld không có người"
			       " đứng đầu",
			       (long long)org);
	return 0;
}

int app_demo_plans(struct app_ctx *ctx, int *n_plans, struct kh_error *err)
{
	const int32_t today = ctx->today;
	const int64_t now = ctx->now;
	struct actor *system = ctx->actor;
	struct actor office = {0};
	struct user vp;
	struct plan province, commune, plan_bt, plan_ward;
	struct plan_comment comment;
	int64_t tu, x_vanha, cs_vptu, bt, ward_head;
	int rc;

	*n_plans = 0;
	/* A clock set before the programme was adopted gets no plans. */
	if (today < date_from_ymd(2025, 10, 20))
		return 0;
	if ((rc = org_id(ctx, "tu", &tu, err)) || (rc = org_id(ctx, "x_vanha", &x_vanha, err)) ||
	    (rc = org_id(ctx, "cs_vptu", &cs_vptu, err)) || (rc = head_of(ctx, tu, &bt, err)) ||
	    (rc = head_of(ctx, x_vanha, &ward_head, err)) ||
	    (rc = store_user_find(ctx->store, ctx->arena, "vanphong", &vp, NULL, err)))
		goto out;

	/* The Bí thư Tỉnh ủy's plan, sent for comment in March. */
	clock_at(ctx, today, now, date_from_ymd(2026, 3, 5));
	struct plan_input in = {.owner_person_id = bt,
				.scope = "year",
				.year_from = 2026,
				.title = "Kế hoạch hành động năm 2026 của đồng chí Bí thư Tỉnh ủy"};
	if ((rc = app_plan_create(ctx, &in, &plan_bt, err)) ||
	    (rc = add_items(ctx, plan_bt.id, HEAD_BT_ITEMS, KH_ARRAY_LEN(HEAD_BT_ITEMS), err)) ||
	    (rc = app_plan_send(ctx, plan_bt.id, &plan_bt, err)))
		goto out;
	++*n_plans;

	/* The Vân Hà ward secretary's plan, approved on 12 March. */
	clock_at(ctx, today, now, date_from_ymd(2026, 3, 12));
	in = (struct plan_input){
		.owner_person_id = ward_head,
		.scope = "year",
		.year_from = 2026,
		.title = "Kế hoạch hành động năm 2026 của đồng chí Bí thư Đảng ủy phường Vân Hà"};
	if ((rc = app_plan_create(ctx, &in, &plan_ward, err)) ||
	    (rc = add_items(ctx, plan_ward.id, HEAD_WARD_ITEMS, KH_ARRAY_LEN(HEAD_WARD_ITEMS),
			    err)) ||
	    (rc = app_plan_approve(ctx, plan_ward.id, &plan_ward, err)))
		goto out;
	++*n_plans;

	/* The Tỉnh ủy's programme, approved in October 2025. */
	clock_at(ctx, today, now, date_from_ymd(2025, 10, 20));
	in = (struct plan_input){
		.owner_org_id = tu,
		.scope = "term",
		.year_from = 2025,
		.year_to = 2030,
		.title = "Chương trình hành động thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ"
			 " XVIII, nhiệm kỳ 2025-2030",
		.goals = "Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ; xây dựng tổ chức"
			 " đảng trong sạch, vững mạnh; hoàn thành các chỉ tiêu Nghị quyết đề ra.",
		.organization =
			"Các đảng ủy trực thuộc xây dựng kế hoạch thực hiện; Ban Tổ chức"
			" Tỉnh ủy theo dõi, đôn đốc, báo cáo Ban Thường vụ Tỉnh ủy hằng năm.",
	};
	if ((rc = app_plan_create(ctx, &in, &province, err)) ||
	    (rc = add_items(ctx, province.id, PROVINCE_ITEMS, KH_ARRAY_LEN(PROVINCE_ITEMS), err)) ||
	    (rc = app_plan_approve(ctx, province.id, &province, err)))
		goto out;
	++*n_plans;

	/* Đảng bộ phường Vân Hà's 2026 plan, cascaded from it: a draft. */
	clock_at(ctx, today, now, date_from_ymd(2026, 2, 25));
	in = (struct plan_input){
		.owner_org_id = x_vanha,
		.scope = "year",
		.year_from = 2026,
		.title = "Kế hoạch thực hiện Chương trình hành động của Tỉnh ủy năm 2026",
		.upper_plan_id = province.id,
		.cascade = true,
	};
	if ((rc = app_plan_create(ctx, &in, &commune, err)) ||
	    (rc = add_items(ctx, commune.id, COMMUNE_ITEMS, KH_ARRAY_LEN(COMMUNE_ITEMS), err)))
		goto out;
	++*n_plans;

	/* The Đảng ủy Văn phòng Tỉnh ủy (the base of the Bí thư's cell) asks
	 * for more; not answered yet. */
	clock_at(ctx, today, now, date_from_ymd(2026, 3, 20));
	office.user_id = vp.id;
	office.person_id = vp.person_id;
	office.username = vp.username;
	ctx->actor = &office;
	struct comment_input request = {
		.kind = "request",
		.on_behalf_org_id = cs_vptu,
		.text = "Đề nghị đồng chí bổ sung nội dung dự sinh hoạt với Chi bộ Phòng Tổng hợp vào"
			" dịp tổng kết cuối năm và báo cáo kết quả với Đảng ủy Văn phòng Tỉnh ủy.",
	};
	rc = app_comment_create(ctx, plan_bt.id, &request, &comment, err);
out:
	ctx->actor = system;
	ctx->today = today;
	ctx->now = now;
	return rc;
}
