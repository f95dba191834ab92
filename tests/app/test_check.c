/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The quality check and compliance use cases: each finding found where it
 * should be and not on a good item, the similarity pairs with their score and
 * the item repeated, the cascade-copy and carry-over exemptions, the implicit
 * lead of an individual plan, compliance lists on a small tree (a head with
 * and without a plan, an org with and without, approved on 15 March vs 10
 * April, waiting for answers), the JSON shapes, and scope refusals. */
#include "core/common.h"
#include "app/check.h"
#include "core/buf.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "check_fixture.h"

/* text/similar.h's SIMILAR_THRESHOLD. */
#define THRESHOLD 0.8

struct fx {
	struct cfx c;
	struct actor system, office_staff, cell_secretary;
	struct app_ctx sys;
	int64_t province, office, commune_a, commune_b, cell_a1;
	int64_t an, binh, cuc, dung, staff;
	int64_t p_upper, p_commune, p_commune_2025, p_binh, p_an;
	int64_t u1, u2, u3, old_item;
};

#define OK(call)                                                                \
	do {                                                                    \
		int rc_ = (call);                                               \
		if (rc_)                                                        \
			fail_msg("%s -> %d: %s", #call, rc_, f->c.err.message); \
	} while (0)

static const char *const UPPER_1 =
	"Tăng cường công tác kiểm tra, giám sát việc thực hiện nhiệm vụ chính trị của các tổ"
	" chức cơ sở đảng trên địa bàn";
static const char *const UPPER_2 = "Tổ chức quán triệt Nghị quyết Đại hội Đảng bộ tỉnh lần thứ"
				   " XVI đến toàn thể cán bộ, đảng viên";
static const char *const UPPER_3 = "Rà soát, sắp xếp tổ chức bộ máy của hệ thống chính trị ở cơ"
				   " sở theo hướng tinh gọn, hoạt động hiệu lực, hiệu quả";
static const char *const OWN_OLD = "Xây dựng mô hình dân vận khéo trong phát triển kinh tế hộ"
				   " gia đình ở các thôn, xóm của xã";

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	struct cfx *c = &f->c;
	if (cfx_open(c, "app_check"))
		return -1;
	int32_t t0 = D(2020, 1, 1);
	f->province = cfx_org(c, ORG_COMMITTEE, 1, 0, "Tỉnh ủy Sơn Nam", t0, 0);
	f->office = cfx_org(c, ORG_OFFICE, 1, f->province, "Văn phòng Tỉnh ủy", t0, 0);
	f->commune_a = cfx_org(c, ORG_COMMITTEE, 2, f->province, "Đảng ủy xã An Phú", t0, 0);
	f->commune_b = cfx_org(c, ORG_COMMITTEE, 2, f->province, "Đảng ủy xã Bình Minh", t0, 0);
	f->cell_a1 = cfx_org(c, ORG_CELL, 3, f->commune_a, "Chi bộ Thôn Đông", t0, 0);
	f->an = cfx_person(c, "Nguyễn Văn An", f->province);
	f->binh = cfx_person(c, "Trần Thị Bình", f->commune_a);
	f->cuc = cfx_person(c, "Lê Thị Cúc", f->cell_a1);
	f->dung = cfx_person(c, "Phạm Văn Dũng", f->commune_b);
	f->staff = cfx_person(c, "Vũ Thị Giang", f->office);
	cfx_position(c, f->an, f->province, POSITION_HEAD, "Bí thư Tỉnh ủy", t0, 0);
	cfx_position(c, f->binh, f->commune_a, POSITION_HEAD, "Bí thư Đảng ủy xã", t0, 0);
	cfx_position(c, f->cuc, f->cell_a1, POSITION_HEAD, "Bí thư Chi bộ", t0, 0);
	cfx_position(c, f->dung, f->commune_b, POSITION_HEAD, "Bí thư Đảng ủy xã", t0, 0);
	cfx_position(c, f->staff, f->office, POSITION_STAFF, "Chuyên viên", t0, 0);

	app_actor_system(&f->system);
	f->office_staff = (struct actor){.user_id = 10, .person_id = f->staff, .username = "vp"};
	f->cell_secretary = (struct actor){.user_id = 11, .person_id = f->cuc, .username = "cb"};
	f->sys = (struct app_ctx){.store = c->s,
				  .arena = &c->a,
				  .actor = &f->system,
				  .today = D(2026, 5, 1),
				  .now = (int64_t)D(2026, 5, 1) * 86400};

	/* The province's term plan and the commune's plans. */
	f->p_upper = cfx_plan(c, f->province, 0, "term", 2025, 2030,
			      "Chương trình hành động của Tỉnh ủy nhiệm kỳ 2025-2030", "approved",
			      D(2025, 10, 1), 0);
	f->u1 = cfx_item(c, f->p_upper, 1,
			 &(struct cfx_item){.text = UPPER_1,
					    .lead_text = "Ủy ban Kiểm tra",
					    .deadline_kind = "recurring",
					    .deadline_text = "thường xuyên"});
	f->u2 = cfx_item(c, f->p_upper, 2,
			 &(struct cfx_item){.text = UPPER_2,
					    .lead_text = "Ban Tuyên giáo",
					    .deadline_kind = "date"});
	f->u3 = cfx_item(c, f->p_upper, 3,
			 &(struct cfx_item){.text = UPPER_3, .kind = "indicator"});
	f->p_commune_2025 =
		cfx_plan(c, f->commune_a, 0, "year", 2025, 2025,
			 "Kế hoạch năm 2025 của Đảng ủy xã An Phú", "approved", D(2025, 3, 20), 0);
	f->old_item = cfx_item(c, f->p_commune_2025, 1,
			       &(struct cfx_item){.text = OWN_OLD,
						  .lead_org_id = f->commune_a,
						  .deadline_kind = "date",
						  .measures = "Mỗi thôn một mô hình"});
	f->p_commune = cfx_plan(c, f->commune_a, 0, "year", 2026, 2026,
				"Kế hoạch năm 2026 của Đảng ủy xã An Phú", "draft", 0, f->p_upper);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	cfx_close(&f->c);
	free(f);
	return 0;
}

/* A concrete, led, scheduled item with measures. */
static struct cfx_item good(struct fx *f, const char *text)
{
	return (struct cfx_item){.text = text,
				 .measures = "Mỗi quý họp một lần, có biên bản gửi Đảng ủy",
				 .lead_org_id = f->commune_a,
				 .deadline_kind = "date",
				 .deadline_text = "trước ngày 30-6-2026"};
}

static int64_t good_item(struct fx *f, int64_t plan, int seq, const char *text)
{
	struct cfx_item it = good(f, text);
	return cfx_item(&f->c, plan, seq, &it);
}

/* The findings of item_id, as a string of codes "no_lead,no_deadline". */
static const char *codes_of(struct fx *f, const struct check_report *r, int64_t item_id)
{
	struct buf b;
	buf_init(&b, 1000);
	for (int i = 0; i < r->n; i++)
		if (r->findings[i].item_id == item_id)
			buf_printf(&b, "%s%s", b.len ? "," : "", r->findings[i].code);
	const char *s = arena_strdup(&f->c.a, b.data);
	buf_release(&b);
	return s;
}

static const struct check_finding *finding(const struct check_report *r, int64_t item_id,
					   const char *code)
{
	for (int i = 0; i < r->n; i++)
		if (r->findings[i].item_id == item_id && strcmp(r->findings[i].code, code) == 0)
			return &r->findings[i];
	return NULL;
}

static void test_lead_deadline_measure(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_report r;
	int64_t p = f->p_commune;
	int64_t ok = good_item(f, p, 1, "Kiện toàn Ban Chỉ đạo phòng, chống tham nhũng của xã");
	int64_t bare = cfx_item(c, p, 2,
				&(struct cfx_item){.text = "Nâng cao chất lượng sinh hoạt chi bộ"});
	int64_t unparsed = cfx_item(c, p, 3,
				    &(struct cfx_item){.text = "Tổ chức Hội nghị sơ kết 6 tháng",
						       .lead_text = "Văn phòng Đảng ủy",
						       .deadline_text = "khi nào xong thì thôi"});
	/* Long but generic: opens with a generic verb, no number, no name. */
	int64_t generic = cfx_item(
		c, p, 4,
		&(struct cfx_item){.text = "Tiếp tục đổi mới nội dung, phương thức lãnh đạo của"
					   " cấp ủy đối với chính quyền, mặt trận và các đoàn"
					   " thể chính trị - xã hội trên địa bàn",
				   .lead_person_id = f->binh,
				   .deadline_kind = "recurring"});
	/* Short but concrete (a number, a named body): no measure needed. */
	int64_t concrete = cfx_item(c, p, 5,
				    &(struct cfx_item){.text = "Kết nạp 12 đảng viên mới",
						       .lead_org_id = f->cell_a1,
						       .deadline_kind = "window"});
	int64_t named =
		cfx_item(c, p, 6,
			 &(struct cfx_item){.text = "Tăng cường phối hợp với Mặt trận Tổ quốc xã",
					    .lead_org_id = f->cell_a1,
					    .deadline_kind = "window"});
	/* Generic words around "Đảng" stay generic. */
	int64_t party = cfx_item(c, p, 7,
				 &(struct cfx_item){.text = "Nâng cao sức chiến đấu của Đảng",
						    .lead_org_id = f->cell_a1,
						    .deadline_kind = "window"});
	/* Proposals and indicators are not checked. */
	int64_t proposal = cfx_item(
		c, p, 8, &(struct cfx_item){.text = "Đề nghị cấp kinh phí", .kind = "proposal"});
	int64_t indicator = cfx_item(
		c, p, 9, &(struct cfx_item){.text = "Tỷ lệ chi bộ vững mạnh", .kind = "indicator"});
	int64_t project = cfx_item(
		c, p, 10,
		&(struct cfx_item){.text = "Công trình nhà văn hóa", .kind = "key_project"});

	OK(app_plan_check(&f->sys, p, &r, &c->err));
	assert_int_equal(r.plan_id, p);
	assert_int_equal(r.n_items, 10);
	assert_string_equal(codes_of(f, &r, ok), "");
	assert_string_equal(codes_of(f, &r, bare), "no_lead,no_deadline,no_measure");
	assert_string_equal(codes_of(f, &r, unparsed), "no_deadline"); /* "6": concrete */
	assert_string_equal(codes_of(f, &r, generic), "no_measure");
	assert_string_equal(codes_of(f, &r, concrete), "");
	assert_string_equal(codes_of(f, &r, named), "");
	assert_string_equal(codes_of(f, &r, party), "no_measure");
	assert_string_equal(codes_of(f, &r, proposal), "");
	assert_string_equal(codes_of(f, &r, indicator), "");
	assert_string_equal(codes_of(f, &r, project), "no_lead,no_deadline,no_measure");

	const struct check_finding *fd = finding(&r, bare, CHECK_NO_LEAD);
	assert_non_null(fd);
	assert_string_equal(fd->message, "Chưa xác định đơn vị, người chủ trì");
	assert_int_equal(fd->item_seq, 2);
	assert_string_equal(fd->item_text, "Nâng cao chất lượng sinh hoạt chi bộ");
	assert_int_equal(fd->other_item_id, 0);
	assert_string_equal(finding(&r, bare, CHECK_NO_DEADLINE)->message,
			    "Chưa có thời gian hoàn thành");
	assert_string_equal(finding(&r, bare, CHECK_NO_MEASURE)->message,
			    "Chưa có biện pháp cụ thể");
	assert_string_equal(finding(&r, unparsed, CHECK_NO_DEADLINE)->message,
			    "Thời gian hoàn thành chưa cụ thể («khi nào xong thì thôi»)");
	/* In item order. */
	for (int i = 1; i < r.n; i++)
		assert_true(r.findings[i - 1].item_seq <= r.findings[i].item_seq);

	json_t *j = app_check_json(&r);
	assert_int_equal(json_integer_value(json_object_get(j, "n_items")), 10);
	assert_int_equal(json_integer_value(json_object_get(j, "n_findings")), r.n);
	json_t *counts = json_object_get(j, "counts");
	assert_int_equal(json_integer_value(json_object_get(counts, "no_lead")), 2);
	assert_int_equal(json_integer_value(json_object_get(counts, "no_deadline")), 3);
	assert_int_equal(json_integer_value(json_object_get(counts, "repeats_upper")), 0);
	json_t *first = json_array_get(json_object_get(j, "findings"), 0);
	assert_string_equal(json_string_value(json_object_get(first, "code")), "no_lead");
	assert_int_equal(json_integer_value(json_object_get(first, "item_id")), bare);
	assert_true(json_is_null(json_object_get(first, "other")));
	json_decref(j);
}

static void test_repeats(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_report r;
	int64_t p = f->p_commune;
	/* Copied from the upper plan without saying so. */
	int64_t same = good_item(f, p, 1, UPPER_1);
	/* A cascade copy: implements u2 on purpose. Not made concrete → flagged;
	 * with measures → fine. */
	struct cfx_item copy = good(f, UPPER_2);
	copy.upper_item_id = f->u2;
	copy.measures = "";
	int64_t bare_copy = cfx_item(c, p, 2, &copy);
	copy.measures = "Hội nghị trực tuyến đến 100% chi bộ trước ngày 15-7-2026";
	int64_t made_concrete = cfx_item(c, p, 3, &copy);
	/* Repeats last year's plan of the same owner; the carried-over twin
	 * does not. */
	int64_t again = good_item(f, p, 4, OWN_OLD);
	struct cfx_item carried = good(f, OWN_OLD);
	carried.carried_from_id = f->old_item;
	int64_t carried_id = cfx_item(c, p, 5, &carried);
	/* Same text as an upper indicator: indicators are not compared. */
	int64_t as_indicator = good_item(f, p, 6, UPPER_3);
	int64_t own_text = good_item(f, p, 7, "Vận động nhân dân hiến đất mở rộng đường liên thôn");

	OK(app_plan_check(&f->sys, p, &r, &c->err));
	assert_string_equal(codes_of(f, &r, same), "repeats_upper");
	const struct check_finding *fd = finding(&r, same, CHECK_REPEATS_UPPER);
	assert_int_equal(fd->other_item_id, f->u1);
	assert_int_equal(fd->other_plan_id, f->p_upper);
	assert_string_equal(fd->other_text, UPPER_1);
	assert_string_equal(fd->other_plan_title,
			    "Chương trình hành động của Tỉnh ủy nhiệm kỳ 2025-2030");
	assert_true(fd->score >= THRESHOLD);
	assert_true(fd->score <= 1.0);
	assert_non_null(strstr(fd->message, "Gần như lặp lại nội dung số 1 của kế hoạch cấp trên"
					    " «Chương trình hành động của Tỉnh ủy nhiệm kỳ"
					    " 2025-2030» (giống 100%)"));

	assert_string_equal(codes_of(f, &r, bare_copy), "repeats_upper");
	fd = finding(&r, bare_copy, CHECK_REPEATS_UPPER);
	assert_int_equal(fd->other_item_id, f->u2);
	assert_non_null(strstr(fd->message, "Sao chép nội dung số 2 của kế hoạch cấp trên"));
	assert_string_equal(codes_of(f, &r, made_concrete), "");

	assert_string_equal(codes_of(f, &r, again), "repeats_own");
	fd = finding(&r, again, CHECK_REPEATS_OWN);
	assert_int_equal(fd->other_item_id, f->old_item);
	assert_int_equal(fd->other_plan_id, f->p_commune_2025);
	assert_string_equal(fd->other_plan_title, "Kế hoạch năm 2025 của Đảng ủy xã An Phú");
	assert_non_null(strstr(fd->message, "Gần như lặp lại nội dung số 1 của kế hoạch «Kế"
					    " hoạch năm 2025 của Đảng ủy xã An Phú» (giống"));
	assert_string_equal(codes_of(f, &r, carried_id), "");
	assert_string_equal(codes_of(f, &r, as_indicator), "");
	assert_string_equal(codes_of(f, &r, own_text), "");

	json_t *j = app_check_json(&r);
	json_t *a = json_object_get(j, "findings");
	json_t *other = json_object_get(json_array_get(a, 0), "other");
	assert_int_equal(json_integer_value(json_object_get(other, "item_id")), f->u1);
	assert_int_equal(json_integer_value(json_object_get(other, "plan_id")), f->p_upper);
	assert_true(json_real_value(json_object_get(other, "score")) >= THRESHOLD);
	assert_int_equal(json_integer_value(json_object_get(other, "percent")), 100);
	assert_int_equal(
		json_integer_value(json_object_get(json_object_get(j, "counts"), "repeats_upper")),
		2);
	json_decref(j);
}

static void test_near_copy_scores_below_one(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_report r;
	/* One word changed in a long item. */
	int64_t near = good_item(f, f->p_commune, 1,
				 "Tăng cường công tác kiểm tra, giám sát việc thực hiện"
				 " nhiệm vụ chuyên môn của các tổ chức cơ sở đảng trên"
				 " địa bàn");
	OK(app_plan_check(&f->sys, f->p_commune, &r, &c->err));
	const struct check_finding *fd = finding(&r, near, CHECK_REPEATS_UPPER);
	assert_non_null(fd);
	assert_true(fd->score >= THRESHOLD && fd->score < 1.0);
	assert_int_equal(fd->other_item_id, f->u1);
}

static void test_individual_plan(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_report r;
	int64_t p = cfx_plan(c, 0, f->binh, "year", 2026, 2026, "Kế hoạch cá nhân năm 2026",
			     "draft", 0, 0);
	struct cfx_item it = good(f, "Dự đầy đủ sinh hoạt chi bộ nơi cư trú tại Thôn Đông");
	it.lead_org_id = 0;
	int64_t self_led = cfx_item(c, p, 1, &it);
	it.category = "coordination";
	int64_t nobody = cfx_item(c, p, 2, &it);
	it.coordinate_with = "Bí thư Chi bộ Thôn Đông";
	int64_t named = cfx_item(c, p, 3, &it);
	OK(app_plan_check(&f->sys, p, &r, &c->err));
	assert_int_equal(r.n_items, 3);
	assert_string_equal(codes_of(f, &r, self_led), "");
	assert_string_equal(codes_of(f, &r, nobody), "no_lead");
	assert_string_equal(finding(&r, nobody, CHECK_NO_LEAD)->message,
			    "Chưa nêu cá nhân, cơ quan, đơn vị phối hợp");
	assert_string_equal(codes_of(f, &r, named), "");
}

static void test_check_scope(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct check_report r;
	struct app_ctx ctx = f->sys;
	good_item(f, f->p_commune, 1, "Một nội dung");
	/* The cell's secretary does not read the commune's plan. */
	ctx.actor = &f->cell_secretary;
	assert_int_equal(app_plan_check(&ctx, f->p_commune, &r, &c->err), KH_EFORBIDDEN);
	/* The province's office does. */
	ctx.actor = &f->office_staff;
	OK(app_plan_check(&ctx, f->p_commune, &r, &c->err));
	assert_int_equal(r.n_items, 1);
	/* Unknown plan; no actor. */
	assert_int_equal(app_plan_check(&ctx, 987654, &r, &c->err), KH_ENOTFOUND);
	ctx.actor = NULL;
	assert_int_equal(app_plan_check(&ctx, f->p_commune, &r, &c->err), KH_EUNAUTH);
}

/* ---- compliance ---- */

static void compliance_world(struct fx *f)
{
	struct cfx *c = &f->c;
	/* An approved on 15 March, Bình on 10 April, Cúc not yet, Dũng none. */
	f->p_an = cfx_plan(c, 0, f->an, "year", 2026, 2026, "KH An 2026", "approved",
			   D(2026, 3, 15), 0);
	f->p_binh = cfx_plan(c, 0, f->binh, "year", 2026, 2026, "KH Bình 2026", "approved",
			     D(2026, 4, 10), 0);
	int64_t cuc = cfx_plan(c, 0, f->cuc, "year", 2026, 2026, "KH Cúc 2026", "comment", 0, 0);
	cfx_comment(c, cuc, false);
	cfx_comment(c, cuc, false);
	cfx_comment(c, f->p_an, true);
	/* The province and the cell have collective plans for 2026; commune A
	 * has the draft of the fixture; commune B has none. */
	cfx_plan(c, f->province, 0, "year", 2026, 2026, "KH Tỉnh ủy 2026", "approved",
		 D(2026, 3, 31), 0);
	cfx_plan(c, f->cell_a1, 0, "year", 2026, 2026, "KH Chi bộ 2026", "approved", D(2026, 2, 1),
		 0);
}

static bool has_plan_id(const struct compliance_plan *v, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (v[i].plan.id == id)
			return true;
	return false;
}

static void test_compliance(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct compliance_report r;
	compliance_world(f);
	OK(app_plan_compliance(&f->sys, f->province, 2026, &r, &c->err));
	assert_int_equal(r.org_id, f->province);
	assert_int_equal(r.year, 2026);
	assert_int_equal(r.due_day, D(2026, 3, 31));
	assert_int_equal(r.n_heads, 4);
	assert_int_equal(r.n_orgs, 4); /* province, two communes, the cell */
	/* Heads: only Dũng has no plan. */
	assert_int_equal(r.n_heads_without_plan, 1);
	assert_int_equal(r.heads_without_plan[0].person_id, f->dung);
	assert_string_equal(r.heads_without_plan[0].person_name, "Phạm Văn Dũng");
	assert_int_equal(r.heads_without_plan[0].org_id, f->commune_b);
	assert_string_equal(r.heads_without_plan[0].org_name, "Đảng ủy xã Bình Minh");
	assert_string_equal(r.heads_without_plan[0].title, "Bí thư Đảng ủy xã");
	/* Orgs: commune B. */
	assert_int_equal(r.n_orgs_without_plan, 1);
	assert_int_equal(r.orgs_without_plan[0].org_id, f->commune_b);
	assert_string_equal(r.orgs_without_plan[0].org_name, "Đảng ủy xã Bình Minh");
	/* Late: Bình (10 April), Cúc's and the commune's (not approved, today is
	 * 1 May); not An's (15 March) nor the province's (31 March). The term
	 * plan is not a year plan. */
	assert_int_equal(r.n_late, 3);
	assert_true(has_plan_id(r.late, r.n_late, f->p_binh));
	assert_true(has_plan_id(r.late, r.n_late, f->p_commune));
	assert_false(has_plan_id(r.late, r.n_late, f->p_an));
	assert_false(has_plan_id(r.late, r.n_late, f->p_upper));
	/* Waiting: Cúc's, with two open comments; An's was answered. */
	assert_int_equal(r.n_waiting, 1);
	assert_int_equal(r.waiting[0].open_comments, 2);
	assert_string_equal(r.waiting[0].plan.owner_name, "Lê Thị Cúc");
	assert_int_equal(r.n_plans, 7);

	/* Before 31 March, a plan not approved yet is not late. */
	struct app_ctx early = f->sys;
	early.today = D(2026, 3, 20);
	OK(app_plan_compliance(&early, f->province, 2026, &r, &c->err));
	assert_int_equal(r.n_late, 1); /* only Bình's, approved late (dates are data) */
	assert_true(has_plan_id(r.late, r.n_late, f->p_binh));

	json_t *j = app_compliance_json(&r);
	assert_string_equal(json_string_value(json_object_get(j, "due")), "2026-03-31");
	assert_int_equal(json_integer_value(json_object_get(j, "year")), 2026);
	json_t *totals = json_object_get(j, "totals");
	assert_int_equal(json_integer_value(json_object_get(totals, "heads")), 4);
	json_t *h = json_array_get(json_object_get(j, "heads_without_plan"), 0);
	assert_string_equal(json_string_value(json_object_get(h, "person_name")), "Phạm Văn Dũng");
	json_t *late = json_array_get(json_object_get(j, "late"), 0);
	assert_string_equal(json_string_value(json_object_get(late, "approved_day")), "2026-04-10");
	assert_string_equal(
		json_string_value(json_object_get(json_object_get(late, "owner"), "type")),
		"person");
	assert_int_equal(json_array_size(json_object_get(j, "waiting")), 1);
	assert_int_equal(json_array_size(json_object_get(j, "orgs_without_plan")), 1);
	json_decref(j);

	/* The commune's subtree: Bình and Cúc, the commune (its draft counts as
	 * a plan) and the cell; nothing missing there. */
	OK(app_plan_compliance(&f->sys, f->commune_a, 2026, &r, &c->err));
	assert_int_equal(r.n_heads, 2);
	assert_int_equal(r.n_heads_without_plan, 0);
	assert_int_equal(r.n_orgs, 2);
	assert_int_equal(r.n_orgs_without_plan, 0);
}

static void test_compliance_scope(void **state)
{
	struct fx *f = *state;
	struct cfx *c = &f->c;
	struct compliance_report r;
	struct app_ctx ctx = f->sys;
	compliance_world(f);
	ctx.actor = &f->cell_secretary;
	assert_int_equal(app_plan_compliance(&ctx, f->province, 2026, &r, &c->err), KH_EFORBIDDEN);
	OK(app_plan_compliance(&ctx, f->cell_a1, 2026, &r, &c->err));
	assert_int_equal(r.n_heads, 1);
	ctx.actor = &f->office_staff;
	OK(app_plan_compliance(&ctx, f->province, 2026, &r, &c->err));
	assert_int_equal(r.n_heads, 4);
	assert_int_equal(app_plan_compliance(&ctx, 987654, 2026, &r, &c->err), KH_ENOTFOUND);
	assert_int_equal(app_plan_compliance(&ctx, f->province, 1800, &r, &c->err), KH_EINVAL);
	assert_string_equal(c->err.field, "year");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lead_deadline_measure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_repeats, setup, teardown),
		cmocka_unit_test_setup_teardown(test_near_copy_scores_below_one, setup, teardown),
		cmocka_unit_test_setup_teardown(test_individual_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compliance, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compliance_scope, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
