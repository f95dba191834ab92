/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * "Đánh giá, xếp loại chất lượng" on the web (app/classification.h).
 * /classification?org_id=&year= lists the classifications of an org's
 * subjects and of the subjects it decides for a year, with the form to
 * self-assess a subject (the org, its leadership collective, a member);
 * /classification/{id} shows one: the rule set, the task-result score
 * computed from the plans with its breakdown, the history of every step and
 * the forms to propose and to decide (or re-examine) for those who may.
 * The JSON twins live under /api/v1/classifications and
 * /api/v1/classification-rules.
 */
#include "core/common.h"
#include "app/classification.h"
#include "app/org.h"
#include "web/pick.h"
#include "web/routes.h"

#include <string.h>

static const struct notice NOTICES[] = {
	{"self", "Đã ghi kết quả tự đánh giá."},
	{"proposed", "Đã ghi đề xuất xếp loại."},
	{"decided", "Đã ghi quyết định xếp loại."},
};

static bool year_param(struct req *r, int *year)
{
	int64_t y = req_param_int(r, "year", req_current_year(r));
	if (y < 1990 || y > 2100) {
		resp_fail(r, KH_EINVAL, "Năm phải từ 1990 đến 2100");
		return false;
	}
	*year = (int)y;
	return true;
}

static const char *stage_label(const char *s)
{
	if (strcmp(s, "decided") == 0)
		return "Đã quyết định";
	if (strcmp(s, "proposed") == 0)
		return "Đã thẩm định, đề xuất";
	if (strcmp(s, "reexamined") == 0)
		return "Xem xét lại";
	return "Tự đánh giá";
}

static const char *subject_label(struct req *r, const struct class_row *c)
{
	if (strcmp(c->subject_kind, "member") == 0)
		return arena_printf(&r->arena, "Đảng viên %s (%s)", c->person_name, c->org_name);
	if (strcmp(c->subject_kind, "collective") == 0)
		return arena_printf(&r->arena, "Tập thể lãnh đạo %s", c->org_name);
	return c->org_name;
}

static const char *period_text(struct req *r, const struct class_row *c)
{
	if (strcmp(c->period_kind, "quarter") == 0)
		return arena_printf(&r->arena, "Quý %d/%d", c->part, c->year);
	if (strcmp(c->period_kind, "term") == 0)
		return arena_printf(&r->arena, "Nhiệm kỳ %d–%d", c->year, c->part);
	return arena_printf(&r->arena, "Năm %d", c->year);
}

static void grade_select(struct req *r, const char *selected)
{
	html(r, "<label>Xếp loại <select name=\"grade\" required>");
	for (int g = CLASS_EXCELLENT; g >= CLASS_NOT_COMPLETE; g--) {
		const char *name = class_grade_name((enum class_grade)g);
		html(r, "<option value=\"%s\"%r>%s</option>", name,
		     selected && strcmp(selected, name) == 0 ? " selected" : "",
		     class_grade_label((enum class_grade)g));
	}
	html(r, "</select></label> ");
}

static void points_inputs(struct req *r, bool task)
{
	html(r, "<label>Điểm tiêu chí chung (0–30) <input type=\"number\" name=\"general_points\""
		" min=\"0\" max=\"30\"></label> ");
	if (task)
		html(r, "<label>Điểm kết quả thực hiện nhiệm vụ (0–70) <input type=\"number\""
			" name=\"task_points\" min=\"0\" max=\"70\"></label> ");
}

/* ---- the list ---- */

static void render_list(struct req *r, int64_t org_id, int year, int status,
			const struct kh_error *e)
{
	struct kh_error err;
	struct class_row *v;
	struct org org, *kids = NULL;
	int n, nk = 0;
	if (app_class_list(&r->ctx, org_id, year, &v, &n, &err) ||
	    app_org_get(&r->ctx, org_id, r->ctx.today, &org, &err) ||
	    app_org_children(&r->ctx, org_id, r->ctx.today, &kids, &nk, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Đánh giá, xếp loại chất lượng");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs/%D\">%s</a> ›"
	     " <span aria-current=\"page\">Đánh giá, xếp loại chất lượng</span></nav>"
	     "<h1>Đánh giá, xếp loại chất lượng: %s — năm %d</h1>"
	     "<form class=\"inline no-print\" method=\"get\" action=\"/classification\">"
	     "<input type=\"hidden\" name=\"org_id\" value=\"%D\">"
	     "<label>Năm <input type=\"number\" name=\"year\" min=\"1990\" max=\"2100\""
	     " value=\"%d\"></label> <button type=\"submit\">Xem</button></form>",
	     org_id, org.name, org.name, year, org_id, year);
	const char *note = notice_lookup(NOTICES, KH_ARRAY_LEN(NOTICES), req_param(r, "notice"));
	if (note)
		html_notice(r, "ok", note);
	if (e)
		html_error_box(r, e);
	if (!n) {
		html_notice(r, "info", "Chưa có kết quả đánh giá, xếp loại cho năm này.");
	} else {
		html(r, "<table><thead><tr><th>Đối tượng</th><th>Kỳ</th><th>Quy định</th>"
			"<th>Bước</th><th>Xếp loại</th><th>Điểm</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const struct class_row *c = &v[i];
			html(r,
			     "<tr><td><a href=\"/classification/%D\">%s</a></td><td>%s</td>"
			     "<td>%s</td><td>%s</td><td>%s</td>",
			     c->id, subject_label(r, c), period_text(r, c), c->rule_code,
			     stage_label(c->stage), class_grade_label_of(c->grade));
			if (c->general_points >= 0 && c->task_points >= 0)
				html(r, "<td class=\"num\">%d</td></tr>",
				     c->general_points + c->task_points);
			else
				html(r, "<td class=\"num muted\">—</td></tr>");
		}
		html(r, "</tbody></table>");
	}
	/* The child orgs not yet graded for the year. */
	int pending = 0;
	for (int i = 0; i < nk; i++) {
		bool has = false;
		for (int j = 0; j < n && !has; j++)
			has = v[j].org_id == kids[i].id && strcmp(v[j].subject_kind, "org") == 0 &&
			      strcmp(v[j].period_kind, "year") == 0 && v[j].year == year;
		if (has || kids[i].kind == ORG_STATE || kids[i].kind == ORG_MASS_ORG)
			continue;
		html(r, "%r<li>%s</li>",
		     pending++ ? "" : "<h2>Chưa có kết quả xếp loại năm</h2><ul>", kids[i].name);
	}
	if (pending)
		html(r, "</ul>");
	html(r, "<section class=\"no-print\"><h2>Tự đánh giá, xếp loại</h2>"
		"<form method=\"post\" action=\"/classification\">");
	html_csrf_field(r);
	html(r, "<label>Đối tượng <select name=\"subject_kind\">"
		"<option value=\"org\">Tổ chức đảng</option>"
		"<option value=\"collective\">Tập thể lãnh đạo</option>"
		"<option value=\"member\">Đảng viên</option></select></label> "
		"<label>Tổ chức <select name=\"org_id\">");
	html(r, "<option value=\"%D\">%s</option>", org_id, org.name);
	for (int i = 0; i < nk; i++)
		html(r, "<option value=\"%D\">%s</option>", kids[i].id, kids[i].name);
	html(r,
	     "</select></label> <label>Mã đảng viên (khi đánh giá đảng viên) <input"
	     " type=\"number\" name=\"person_id\" min=\"1\"></label> "
	     "<label>Kỳ <select name=\"period_kind\"><option value=\"year\">Năm</option>"
	     "<option value=\"quarter\">Quý</option><option value=\"term\">Nhiệm kỳ</option>"
	     "</select></label> <label>Năm (năm đầu nhiệm kỳ) <input type=\"number\" name=\"year\""
	     " min=\"1990\" max=\"2100\" value=\"%d\" required></label> "
	     "<label>Quý (1–4) hoặc năm cuối nhiệm kỳ <input type=\"number\" name=\"part\""
	     " min=\"0\" max=\"2100\"></label> ",
	     year);
	grade_select(r, NULL);
	points_inputs(r, true);
	html(r, "<label>Ghi chú <textarea name=\"note\" rows=\"2\"></textarea></label> "
		"<button type=\"submit\">Ghi tự đánh giá</button></form>"
		"<p class=\"muted\">Theo Quy định 366-QĐ/TW (từ năm 2026) chấm 100 điểm: 30 điểm"
		" tiêu chí chung nhập tay, 70 điểm kết quả thực hiện nhiệm vụ tính từ kế hoạch"
		" của tổ chức (nhập tay khi đánh giá đảng viên hoặc kế hoạch chưa có nhiệm vụ đến"
		" hạn). Theo Quy định 124-QĐ/TW (đến năm 2025) xếp loại theo tiêu chí, không chấm"
		" điểm. Xem <a href=\"/api/v1/classification-rules\">các bộ quy định</a>.</p>"
		"</section>");
	page_end(r);
	resp_html(r, status);
}

static void list_page(struct req *r)
{
	int year;
	int64_t org = req_param_int(r, "org_id", req_default_org(r));
	if (!year_param(r, &year))
		return;
	if (!org) {
		resp_fail(r, KH_EINVAL, "Cần chọn tổ chức (org_id)");
		return;
	}
	render_list(r, org, year, 200, NULL);
}

static void form_input(struct req *r, struct class_input *in)
{
	memset(in, 0, sizeof(*in));
	in->subject_kind = req_param(r, "subject_kind");
	in->org_id = req_param_int(r, "org_id", 0);
	in->person_id = req_param_int(r, "person_id", 0);
	in->period_kind = req_param(r, "period_kind");
	int64_t y = req_param_int(r, "year", 0), p = req_param_int(r, "part", 0);
	in->year = y < 0 || y > 100000 ? 0 : (int)y;
	in->part = p < 0 || p > 100000 ? -1 : (int)p;
	in->grade = req_param(r, "grade");
	int64_t g = req_param_int(r, "general_points", -1), t = req_param_int(r, "task_points", -1);
	in->general_points = g < -1 || g > 1000 ? 1000 : (int)g;
	in->task_points = t < -1 || t > 1000 ? 1000 : (int)t;
	in->note = req_param(r, "note");
}

static void form_self(struct req *r)
{
	struct kh_error err;
	struct class_input in;
	struct class_view v;
	form_input(r, &in);
	int rc = app_class_self(&r->ctx, &in, &v, &err);
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/classification/%lld?notice=self",
					      (long long)v.c.id));
		return;
	}
	if ((rc == KH_EINVAL || rc == KH_ECONFLICT) && in.org_id > 0 && in.year >= 1990 &&
	    in.year <= 2100) {
		struct kh_error e2;
		if (app_can_read_org(&r->ctx, in.org_id, &e2) == 0) {
			render_list(r, in.org_id, in.year, http_status_for(rc), &err);
			return;
		}
	}
	resp_error(r, &err);
}

/* ---- one classification ---- */

static void step_form(struct req *r, const struct class_view *v, const char *action,
		      const char *title, const char *button, bool reason)
{
	html(r, "<form method=\"post\" action=\"/classification/%D/%s\"><h3>%s</h3>", v->c.id,
	     action, title);
	html_csrf_field(r);
	grade_select(r, v->c.grade);
	if (v->rule.scored)
		points_inputs(r, !v->task_from_plan);
	html(r,
	     "<label>%s <textarea name=\"note\" rows=\"2\"%r></textarea></label> "
	     "<button type=\"submit\">%s</button></form>",
	     reason ? "Lý do xem xét lại" : "Ghi chú", reason ? " required" : "", button);
}

static void render_one(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct class_view v;
	if (app_class_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct class_row *c = &v.c;
	const char *subject = subject_label(r, c);
	page_begin(r, "Kết quả đánh giá, xếp loại");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/classification?org_id=%D"
	     "&amp;year=%d\">Đánh giá, xếp loại chất lượng</a> › <span aria-current=\"page\">%s"
	     "</span></nav><h1>%s — %s</h1>",
	     c->deciding_org_id, c->year, subject, subject, period_text(r, c));
	const char *note = notice_lookup(NOTICES, KH_ARRAY_LEN(NOTICES), req_param(r, "notice"));
	if (note)
		html_notice(r, "ok", note);
	if (e)
		html_error_box(r, e);
	html(r,
	     "<dl class=\"facts\"><dt>Xếp loại</dt><dd><strong>%s</strong> (%s)</dd>"
	     "<dt>Quy định áp dụng</dt><dd>%s</dd><dt>Cấp quyết định</dt><dd>%s</dd>",
	     class_grade_label_of(c->grade), stage_label(c->stage), v.rule.title,
	     c->deciding_org_name);
	if (c->general_points >= 0 && c->task_points >= 0)
		html(r,
		     "<dt>Điểm</dt><dd>%d/%d (tiêu chí chung %d/%d, kết quả thực hiện nhiệm vụ"
		     " %d/%d)</dd>",
		     c->general_points + c->task_points, v.rule.general_max + v.rule.task_max,
		     c->general_points, v.rule.general_max, c->task_points, v.rule.task_max);
	html(r, "</dl>");
	if (v.rule.scored && strcmp(c->subject_kind, "member") != 0) {
		html(r, "<h2>Kết quả thực hiện nhiệm vụ theo kế hoạch</h2>");
		if (v.task_from_plan)
			html(r,
			     "<table><tbody><tr><th>Nhiệm vụ của kế hoạch trong kỳ</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Hoàn thành đúng hạn</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Hoàn thành muộn (tính %d%%)</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Quá hạn chưa hoàn thành</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Chưa đến hạn (không tính)</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Cộng điểm vượt chỉ tiêu</th>"
			     "<td class=\"num\">%d</td></tr><tr><th>Điểm tính được</th>"
			     "<td class=\"num\"><strong>%d/%d</strong></td></tr></tbody></table>"
			     "<p class=\"muted\">Điểm = %d × (đúng hạn + muộn × %d%%) / số nhiệm vụ"
			     " đã đến hạn, cộng %d điểm cho mỗi chỉ tiêu vượt mục tiêu, không quá"
			     " %d.</p>",
			     v.task.items, v.task.on_time, v.rule.late_weight_pct, v.task.late,
			     v.task.overdue, v.task.open, v.task.exceed_bonus, v.task.points,
			     v.rule.task_max, v.rule.task_max, v.rule.late_weight_pct,
			     v.rule.exceed_points, v.rule.task_max);
		if (v.task.indicators_met + v.task.indicators_missed)
			html(r,
			     "<p>Chỉ tiêu của tổ chức năm %d: đạt %d (vượt %d), không đạt %d.</p>",
			     strcmp(c->period_kind, "term") == 0 ? c->part : c->year,
			     v.task.indicators_met, v.task.indicators_exceeded,
			     v.task.indicators_missed);
		if (!v.task_from_plan)
			html_notice(r, "info",
				    "Kế hoạch của tổ chức trong kỳ chưa có nhiệm vụ đến hạn: điểm"
				    " kết quả thực hiện nhiệm vụ do người đánh giá nhập.");
	}
	html(r, "<h2>Quá trình đánh giá, xếp loại</h2><table><thead><tr><th>Bước</th>"
		"<th>Xếp loại</th><th>Điểm</th><th>Ghi chú, lý do</th><th>Người ghi</th>"
		"</tr></thead><tbody>");
	for (int i = 0; i < v.n_steps; i++) {
		const struct class_step_row *s = &v.steps[i];
		html(r, "<tr><td>%s</td><td>%s</td>", stage_label(s->stage),
		     class_grade_label_of(s->grade));
		if (s->general_points >= 0 && s->task_points >= 0)
			html(r, "<td class=\"num\">%d</td>", s->general_points + s->task_points);
		else
			html(r, "<td class=\"num muted\">—</td>");
		html(r, "<td>%s</td><td>%s</td></tr>", s->note, s->by_name);
	}
	html(r, "</tbody></table>");
	if (v.can_self || v.can_propose || v.can_decide) {
		html(r, "<section class=\"no-print\">");
		if (v.can_propose)
			step_form(r, &v, "propose", "Thẩm định, đề xuất xếp loại", "Ghi đề xuất",
				  false);
		if (v.can_decide) {
			bool re = strcmp(c->stage, "decided") == 0;
			step_form(r, &v, "decide",
				  re ? "Xem xét lại kết quả xếp loại" : "Quyết định xếp loại",
				  re ? "Ghi kết quả xem xét lại" : "Ghi quyết định", re);
		}
		html(r, "</section>");
	}
	page_end(r);
	resp_html(r, status);
}

static void one_page(struct req *r)
{
	render_one(r, r->ids[0], 200, NULL);
}

static void form_step(struct req *r, bool decide)
{
	struct kh_error err;
	struct class_input in;
	struct class_view v;
	form_input(r, &in);
	int rc = decide ? app_class_decide(&r->ctx, r->ids[0], &in, &v, &err)
			: app_class_propose(&r->ctx, r->ids[0], &in, &v, &err);
	if (rc == 0) {
		resp_redirect(r,
			      arena_printf(&r->arena, "/classification/%lld?notice=%s",
					   (long long)r->ids[0], decide ? "decided" : "proposed"));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		render_one(r, r->ids[0], http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

static void form_propose(struct req *r)
{
	form_step(r, false);
}

static void form_decide(struct req *r)
{
	form_step(r, true);
}

/* ---- API ---- */

static void api_rules(struct req *r)
{
	struct kh_error err;
	struct class_rule_row *v;
	int n;
	if (app_class_rules(&r->ctx, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, app_class_rule_json(&v[i]));
	resp_json(r, 200, a);
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct class_row *v;
	int n, year;
	int64_t org = req_param_int(r, "org_id", 0);
	if (!year_param(r, &year))
		return;
	if (!org) {
		resp_fail(r, KH_EINVAL, "Cần chọn tổ chức (org_id)");
		return;
	}
	if (app_class_list(&r->ctx, org, year, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, app_class_row_json(&v[i]));
	resp_json(r, 200, a);
}

/* Reads the step fields of a JSON body. */
static int json_input(struct req *r, bool subject, struct class_input *in, struct kh_error *err)
{
	int64_t v;
	int rc;
	memset(in, 0, sizeof(*in));
	in->general_points = -1;
	in->task_points = -1;
	if (!json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL, "Cần một đối tượng JSON");
	if (subject) {
		if ((rc = json_field_text(r, "subject_kind", true, false, &in->subject_kind,
					  err)) ||
		    (rc = json_field_int(r, "org_id", true, 1, INT64_MAX, &in->org_id, err)) ||
		    (rc = json_field_text(r, "period_kind", true, false, &in->period_kind, err)))
			return rc;
		in->person_id = 0;
		if (json_has(r, "person_id") &&
		    (rc = json_field_int(r, "person_id", false, 1, INT64_MAX, &in->person_id, err)))
			return rc;
		if ((rc = json_field_int(r, "year", true, 1990, 2100, &v, err)))
			return rc;
		in->year = (int)v;
		v = 0;
		if ((rc = json_field_int(r, "part", false, 0, 2100, &v, err)))
			return rc;
		in->part = (int)v;
	}
	if ((rc = json_field_text(r, "grade", true, false, &in->grade, err)) ||
	    (rc = json_field_text(r, "note", false, true, &in->note, err)))
		return rc;
	v = -1;
	if ((rc = json_field_int(r, "general_points", false, 0, 1000, &v, err)))
		return rc;
	in->general_points = (int)v;
	v = -1;
	if ((rc = json_field_int(r, "task_points", false, 0, 1000, &v, err)))
		return rc;
	in->task_points = (int)v;
	return 0;
}

static void api_self(struct req *r)
{
	struct kh_error err;
	struct class_input in;
	struct class_view v;
	if (json_input(r, true, &in, &err) || app_class_self(&r->ctx, &in, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_class_view_json(&v));
}

static void api_get(struct req *r)
{
	struct kh_error err;
	struct class_view v;
	if (app_class_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_class_view_json(&v));
}

static void api_step(struct req *r, bool decide)
{
	struct kh_error err;
	struct class_input in;
	struct class_view v;
	if (json_input(r, false, &in, &err) ||
	    (decide ? app_class_decide(&r->ctx, r->ids[0], &in, &v, &err)
		    : app_class_propose(&r->ctx, r->ids[0], &in, &v, &err))) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_class_view_json(&v));
}

static void api_propose(struct req *r)
{
	api_step(r, false);
}

static void api_decide(struct req *r)
{
	api_step(r, true);
}

#define STEP_FORM                                                             \
	{"grade", P_TEXT}, {"general_points", P_INT}, {"task_points", P_INT}, \
	{                                                                     \
		"note", P_LONGTEXT                                            \
	}

static const struct route routes[] = {
	{HTTP_GET,
	 "/classification",
	 list_page,
	 0,
	 {{"org_id", P_ID}, {"year", P_INT}, {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/classification",
	 form_self,
	 0,
	 {{"subject_kind", P_TEXT},
	  {"org_id", P_ID},
	  {"person_id", P_ID},
	  {"period_kind", P_TEXT},
	  {"year", P_INT},
	  {"part", P_INT},
	  STEP_FORM},
	 NULL},
	{HTTP_GET, "/classification/{id}", one_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST, "/classification/{id}/propose", form_propose, 0, {STEP_FORM}, NULL},
	{HTTP_POST, "/classification/{id}/decide", form_decide, 0, {STEP_FORM}, NULL},
	{HTTP_GET, "/api/v1/classification-rules", api_rules, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/classifications",
	 api_list,
	 0,
	 {{"org_id", P_ID}, {"year", P_INT}},
	 NULL},
	{HTTP_POST, "/api/v1/classifications", api_self, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/classifications/{id}", api_get, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/classifications/{id}/propose", api_propose, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/classifications/{id}/decide", api_decide, 0, {{0}}, NULL},
};

struct route_list web_routes_classification(void)
{
	return ROUTES(routes);
}
