/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pages and API of the year-end self-assessment of a plan (app/assessment.h):
 * /plans/{id}/assessment — every item with its rating and note, the
 * summary, shortcomings, subjective causes and remedies (one per line),
 * save, submit, carry the remedies into next year's plan, and the list of
 * remedies that did not make it; the JSON twins under /api/v1; and the panel
 * the plan's page shows (web/assessment_ui.h).
 */
#include "core/common.h"
#include "app/assessment.h"
#include "app/plan.h"
#include "core/num.h"
#include "web/assessment_ui.h"
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"saved", "Đã lưu bản tự đánh giá."},
		{"submitted", "Đã gửi bản tự đánh giá."},
		{"carried", "Đã đưa các biện pháp khắc phục vào kế hoạch năm sau."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static void rating_select(struct req *r, const char *selected)
{
	static const char *const values[] = {"done", "partly", "not_done"};
	html(r, "<select name=\"rating\" aria-label=\"Đánh giá\">");
	for (size_t i = 0; i < KH_ARRAY_LEN(values); i++)
		html(r, "<option value=\"%s\"%r>%s</option>", values[i],
		     strcmp(values[i], selected) == 0 ? " selected" : "",
		     assessment_rating_label(values[i]));
	html(r, "</select>");
}

static void remedy_list(struct req *r, const struct assessment_view *v, bool only_not_carried)
{
	html(r, "<ol class=\"remedies\">");
	for (int i = 0; i < v->n_remedies; i++) {
		const struct assessment_remedy *m = &v->remedies[i];
		if (only_not_carried && m->carried_item_id)
			continue;
		html(r, "<li>%s", m->text);
		if (!only_not_carried) {
			if (m->carried_item_id)
				html(r,
				     " <span class=\"muted\">— đã đưa vào <a "
				     "href=\"/plans/%D#item-%D\">kế hoạch năm sau</a></span>",
				     m->carried_plan_id, m->carried_item_id);
			else
				html(r, " <span class=\"muted\">— chưa đưa vào kế hoạch năm "
					"sau</span>");
		}
		html(r, "</li>");
	}
	html(r, "</ol>");
}

static void render(struct req *r, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct assessment_view v;
	if (app_assessment_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	bool submitted = v.id && strcmp(v.status, "submitted") == 0;
	page_begin(r, "Tự đánh giá kết quả thực hiện kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Tự đánh giá</span></nav>"
	     "<h1>Tự đánh giá kết quả thực hiện kế hoạch</h1>",
	     v.plan.id, v.plan.title);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r, "<p class=\"assessment-status\">Tình trạng: <strong>%s</strong>",
	     !v.id	 ? "Chưa lập"
	     : submitted ? "Đã gửi"
			 : "Bản nháp");
	html(r, "</p>");
	if (!v.issued)
		html_notice(r, "info",
			    "Kế hoạch chưa được phê duyệt, ban hành: chưa tự đánh giá được.");
	html(r,
	     "<p class=\"assessment-counts\">Hoàn thành: <strong>%d</strong> · Hoàn thành một"
	     " phần: <strong>%d</strong> · Chưa hoàn thành: <strong>%d</strong></p>",
	     v.n_done, v.n_partly, v.n_not_done);

	if (v.can_edit) {
		html(r,
		     "<form method=\"post\" action=\"/plans/%D/assessment\" "
		     "class=\"assessment-form\">",
		     v.plan.id);
		html_csrf_field(r);
	}
	html(r, "<table class=\"items assessment\"><thead><tr><th>STT</th><th>Nội dung</th>"
		"<th>Tiến độ đã báo cáo</th><th>Đánh giá</th><th>Ghi chú</th></tr></thead><tbody>");
	for (int i = 0; i < v.n_items; i++) {
		const struct assessment_item *it = &v.items[i];
		html(r, "<tr id=\"item-%D\"><td>%d</td><td>%s</td><td>%s</td><td>", it->item_id,
		     it->seq, it->text,
		     *it->progress_state ? progress_state_label(it->progress_state)
					 : "Chưa báo cáo");
		if (v.can_edit) {
			html(r, "<input type=\"hidden\" name=\"item_id\" value=\"%D\">",
			     it->item_id);
			rating_select(r, it->rating);
			html(r,
			     "</td><td><input type=\"text\" name=\"note\" value=\"%s\" "
			     "aria-label=\"Ghi chú nội dung %d\"></td></tr>",
			     it->note, it->seq);
		} else {
			html(r, "%s</td><td>%s</td></tr>", assessment_rating_label(it->rating),
			     it->note);
		}
	}
	html(r, "</tbody></table>");
	if (v.can_edit) {
		html(r,
		     "<label>Đánh giá chung<textarea name=\"summary\" rows=\"4\">%s</textarea>"
		     "</label><label>Hạn chế, khuyết điểm<textarea name=\"shortcomings\" "
		     "rows=\"4\">%s</textarea></label><label>Nguyên nhân chủ quan<textarea "
		     "name=\"causes\" rows=\"4\">%s</textarea></label>"
		     "<label>Biện pháp khắc phục (mỗi biện pháp một dòng)<textarea "
		     "name=\"remedies\" rows=\"5\">",
		     v.summary, v.shortcomings, v.causes);
		for (int i = 0; i < v.n_remedies; i++)
			html(r, "%s\n", v.remedies[i].text);
		html(r,
		     "</textarea></label><p><button type=\"submit\">Lưu bản nháp</button> "
		     "<button type=\"submit\" formaction=\"/plans/%D/assessment/submit\">Gửi bản "
		     "tự đánh giá</button></p></form>",
		     v.plan.id);
	} else {
		html(r,
		     "<h2>Đánh giá chung</h2><p class=\"pre\">%s</p><h2>Hạn chế, khuyết điểm</h2>"
		     "<p class=\"pre\">%s</p><h2>Nguyên nhân chủ quan</h2><p class=\"pre\">%s</p>",
		     v.summary, v.shortcomings, v.causes);
		html(r, "<h2>Biện pháp khắc phục</h2>");
		if (v.n_remedies)
			remedy_list(r, &v, false);
		else
			html(r, "<p class=\"muted\">Chưa có biện pháp nào.</p>");
	}

	html(r, "<section class=\"not-carried\"><h2>Biện pháp chưa đưa vào kế hoạch năm sau</h2>");
	if (v.n_not_carried)
		remedy_list(r, &v, true);
	else
		html(r, "<p class=\"muted\">Không có.</p>");
	if (v.next_plan_id)
		html(r, "<p>Kế hoạch năm %d: <a href=\"/plans/%D\">%s</a></p>", v.next_year,
		     v.next_plan_id, v.next_plan_title);
	else
		html(r, "<p class=\"muted\">Chưa có kế hoạch năm %d.</p>", v.next_year);
	if (v.can_carry) {
		html(r, "<form method=\"post\" action=\"/plans/%D/assessment/carry\">", v.plan.id);
		html_csrf_field(r);
		html(r, "<button type=\"submit\">Đưa vào kế hoạch năm sau</button></form>");
	}
	html(r, "</section>");
	page_end(r);
	resp_html(r, status);
}

static void page(struct req *r)
{
	render(r, 200, NULL);
}

/* The form's fields as an input (arena-allocated). */
static void form_input(struct req *r, struct assessment_input *in)
{
	const char **ids, **ratings, **notes;
	int n = req_param_all(r, "item_id", &ids);
	int nr = req_param_all(r, "rating", &ratings);
	int nn = req_param_all(r, "note", &notes);
	memset(in, 0, sizeof(*in));
	in->summary = req_param(r, "summary");
	in->shortcomings = req_param(r, "shortcomings");
	in->causes = req_param(r, "causes");
	struct assessment_rating_input *v = arena_alloc(&r->arena, sizeof(*v) * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n && i < nr; i++) {
		int64_t id = 0;
		if (!ids[i] || num_parse_i64(ids[i], 1, INT64_MAX, &id) != 0)
			continue;
		v[k].item_id = id;
		v[k].rating = ratings[i];
		v[k].note = i < nn ? notes[i] : NULL;
		k++;
	}
	in->ratings = v;
	in->n_ratings = k;
	const char *rem = req_param(r, "remedies");
	if (rem) {
		in->set_remedies = true;
		int cap = 1;
		for (const char *p = rem; *p; p++)
			cap += *p == '\n';
		const char **lines = arena_alloc(&r->arena, sizeof(*lines) * (size_t)(cap + 1));
		int nl = 0;
		const char *p = rem;
		while (*p) {
			const char *e = strchr(p, '\n');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			char *line = arena_alloc(&r->arena, len + 1);
			memcpy(line, p, len);
			line[len] = '\0';
			lines[nl++] = line;
			p += len + (e ? 1 : 0);
		}
		in->remedies = lines;
		in->n_remedies = nl;
	} else if (req_param_all(r, "remedies", &ids) > 0) {
		in->set_remedies = true; /* sent empty: no remedies */
	}
}

static void form_write(struct req *r, bool submit)
{
	struct kh_error err;
	struct assessment_input in;
	kh_error_clear(&err);
	form_input(r, &in);
	int rc = submit ? app_assessment_submit(&r->ctx, r->ids[0], &in, &err)
			: app_assessment_save(&r->ctx, r->ids[0], &in, &err);
	if (rc == KH_EINVAL) {
		render(r, 400, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/assessment?notice=%s",
				      (long long)r->ids[0], submit ? "submitted" : "saved"));
}

static void form_save(struct req *r)
{
	form_write(r, false);
}

static void form_submit(struct req *r)
{
	form_write(r, true);
}

static void form_carry(struct req *r)
{
	struct kh_error err;
	kh_error_clear(&err);
	if (app_assessment_carry(&r->ctx, r->ids[0], NULL, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/plans/%lld/assessment?notice=carried",
				      (long long)r->ids[0]));
}

/* ---- the plan page's panel ---- */

void web_assessment_plan_panel(struct req *r, const struct plan *p)
{
	struct kh_error err;
	struct assessment_remedy *m;
	int n;
	int64_t from;
	kh_error_clear(&err);
	bool issued = p->status == PLAN_APPROVED || p->status == PLAN_ADJUSTING ||
		      p->status == PLAN_CLOSED;
	if (app_assessment_not_carried_into(&r->ctx, p->id, &m, &n, &from, &err))
		return;
	if (!issued && !n)
		return;
	html(r, "<section class=\"assessment-panel no-print\">");
	if (issued)
		html(r,
		     "<p><a href=\"/plans/%D/assessment\">Tự đánh giá kết quả thực hiện kế "
		     "hoạch</a></p>",
		     p->id);
	if (n) {
		html(r,
		     "<h2>Biện pháp chưa đưa vào kế hoạch năm sau</h2><p class=\"muted\">Theo <a "
		     "href=\"/plans/%D/assessment\">bản tự đánh giá năm %d</a>:</p><ol>",
		     from, p->year_from - 1);
		for (int i = 0; i < n; i++)
			html(r, "<li>%s</li>", m[i].text);
		html(r, "</ol>");
	}
	html(r, "</section>");
}

/* ---- API ---- */

static void api_answer(struct req *r, int status)
{
	struct kh_error err;
	struct assessment_view v;
	if (app_assessment_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, status, app_assessment_json(&v));
}

static void api_get(struct req *r)
{
	api_answer(r, 200);
}

static int json_text_at(json_t *o, const char *name, const char *where, const char **out,
			struct kh_error *err)
{
	json_t *f = json_object_get(o, name);
	if (!f || json_is_null(f))
		return 0;
	if (!json_is_string(f))
		return kh_fail(err, KH_EINVAL, name, "%s: «%s» phải là chuỗi", where, name);
	*out = json_string_value(f);
	return 0;
}

/* The JSON body as an input; body may be absent when optional. */
static int api_input(struct req *r, bool required, struct assessment_input *in, bool *any,
		     struct kh_error *err)
{
	int rc;
	memset(in, 0, sizeof(*in));
	*any = false;
	if (!r->json) {
		if (required || (r->body_len && r->body && *r->body))
			return kh_fail(err, KH_EINVAL, NULL,
				       "Cần gửi dữ liệu JSON (Content-Type: application/json)");
		return 0;
	}
	if (!json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL, "Dữ liệu JSON phải là một đối tượng");
	*any = true;
	if ((rc = json_field_text(r, "summary", false, true, &in->summary, err)) ||
	    (rc = json_field_text(r, "shortcomings", false, true, &in->shortcomings, err)) ||
	    (rc = json_field_text(r, "causes", false, true, &in->causes, err)))
		return rc;
	json_t *items = json_object_get(r->json, "items");
	if (items && !json_is_null(items)) {
		if (!json_is_array(items))
			return kh_fail(err, KH_EINVAL, "items", "«items» phải là một mảng");
		size_t n = json_array_size(items);
		struct assessment_rating_input *v = arena_alloc(&r->arena, sizeof(*v) * (n + 1));
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_array_get(items, i), *id = json_object_get(o, "item_id");
			if (!json_is_object(o) || !json_is_integer(id) ||
			    json_integer_value(id) < 1)
				return kh_fail(err, KH_EINVAL, "items",
					       "Mỗi phần tử của «items» cần «item_id» (số nguyên"
					       " dương) và «rating»");
			v[i].item_id = (int64_t)json_integer_value(id);
			if ((rc = json_text_at(o, "rating", "items", &v[i].rating, err)) ||
			    (rc = json_text_at(o, "note", "items", &v[i].note, err)))
				return rc;
		}
		in->ratings = v;
		in->n_ratings = (int)n;
	}
	json_t *rem = json_object_get(r->json, "remedies");
	if (rem && !json_is_null(rem)) {
		if (!json_is_array(rem))
			return kh_fail(err, KH_EINVAL, "remedies",
				       "«remedies» phải là một mảng chuỗi");
		size_t n = json_array_size(rem);
		const char **v = arena_alloc(&r->arena, sizeof(*v) * (n + 1));
		for (size_t i = 0; i < n; i++) {
			json_t *s = json_array_get(rem, i);
			if (!json_is_string(s))
				return kh_fail(err, KH_EINVAL, "remedies",
					       "«remedies» phải là một mảng chuỗi");
			v[i] = json_string_value(s);
		}
		in->remedies = v;
		in->n_remedies = (int)n;
		in->set_remedies = true;
	}
	return 0;
}

static void api_put(struct req *r)
{
	struct kh_error err;
	struct assessment_input in;
	bool any;
	kh_error_clear(&err);
	if (api_input(r, true, &in, &any, &err) ||
	    app_assessment_save(&r->ctx, r->ids[0], &in, &err)) {
		resp_error(r, &err);
		return;
	}
	api_answer(r, 200);
}

static void api_submit(struct req *r)
{
	struct kh_error err;
	struct assessment_input in;
	bool any;
	kh_error_clear(&err);
	if (api_input(r, false, &in, &any, &err) ||
	    app_assessment_submit(&r->ctx, r->ids[0], any ? &in : NULL, &err)) {
		resp_error(r, &err);
		return;
	}
	api_answer(r, 200);
}

static void api_carry(struct req *r)
{
	struct kh_error err;
	struct assessment_view v;
	int n = 0;
	kh_error_clear(&err);
	if (app_assessment_carry(&r->ctx, r->ids[0], &n, &err) ||
	    app_assessment_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200,
		  json_pack("{s:i, s:o}", "carried", n, "assessment", app_assessment_json(&v)));
}

#define FORM_FIELDS                                                                           \
	{"item_id", P_ID}, {"rating", P_TEXT}, {"note", P_LONGTEXT}, {"summary", P_LONGTEXT}, \
		{"shortcomings", P_LONGTEXT}, {"causes", P_LONGTEXT},                         \
	{                                                                                     \
		"remedies", P_LONGTEXT                                                        \
	}

static const struct route routes[] = {
	{HTTP_GET, "/plans/{id}/assessment", page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST, "/plans/{id}/assessment", form_save, 0, {FORM_FIELDS}, NULL},
	{HTTP_POST, "/plans/{id}/assessment/submit", form_submit, 0, {FORM_FIELDS}, NULL},
	{HTTP_POST, "/plans/{id}/assessment/carry", form_carry, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/assessment", api_get, 0, {{0}}, NULL},
	{HTTP_PUT, "/api/v1/plans/{id}/assessment", api_put, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/assessment/submit", api_submit, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/assessment/carry", api_carry, 0, {{0}}, NULL},
};

struct route_list web_routes_assessment(void)
{
	return ROUTES(routes);
}
