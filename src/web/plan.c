/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Plans on the web: the list (filters, the inbox of plans sent to the user),
 * the form that starts a plan, the plan page — drawn as the document it is
 * (header block, the three parts, numbered items, recipients, signature) so
 * that it prints as an A4 plan, with the owner's actions and the item forms
 * around it on screen — the item edit page, the confirmation that shows the
 * recipients before sending, the versions and the diff between two of them,
 * and the cascade from a plan to the plans of the orgs it assigns work to.
 * The JSON API under /api/v1/plans and /api/v1/items mirrors every page;
 * both call the same app/plan.h use cases.
 */
#include "core/common.h"
#include "app/document.h"
#include "app/org.h"
#include "app/history.h"
#include "app/plan.h"
#include "core/date.h"
#include "core/num.h"
#include "text/deadline.h"
#include "web/assessment_ui.h"
#include "web/internal.h"
#include "web/plan_ui.h"
#include "web/progress_ui.h"
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SOURCES_MAX 50
#define COORDINATOR_ORGS_MAX 100

/* ---- small helpers ---- */

static const char *form_text(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

static const char *id_text(struct req *r, int64_t id)
{
	return id > 0 ? arena_printf(&r->arena, "%lld", (long long)id) : "";
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã lập dự thảo kế hoạch."},
		{"updated", "Đã lưu thông tin kế hoạch."},
		{"item_added", "Đã thêm nội dung vào kế hoạch."},
		{"item_updated", "Đã lưu nội dung."},
		{"item_deleted", "Đã xóa nội dung."},
		{"item_moved", "Đã chuyển vị trí nội dung."},
		{"answered", "Đã trả lời đề xuất, kiến nghị."},
		{"sent", "Đã gửi kế hoạch lấy ý kiến góp ý."},
		{"approved", "Đã phê duyệt, ban hành kế hoạch."},
		{"adjusting", "Đã mở điều chỉnh, bổ sung: sửa các nội dung rồi ban hành lại."},
		{"deleted", "Đã xóa dự thảo kế hoạch."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

/* "dd/mm/yyyy hh:mm" in the server's local time; "" for 0. */
static const char *format_time(struct req *r, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!t || !localtime_r(&tt, &tm))
		return "";
	return arena_printf(&r->arena, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

static const char *years_text(struct req *r, const struct plan *p)
{
	if (p->scope == PLAN_SCOPE_TERM)
		return arena_printf(&r->arena, "Nhiệm kỳ %d–%d", p->year_from, p->year_to);
	return arena_printf(&r->arena, "Năm %d", p->year_from);
}

static const char *owner_kind_text(const struct plan *p)
{
	return p->owner_org_id ? "Kế hoạch của tập thể" : "Kế hoạch cá nhân";
}

static void owner_link(struct req *r, const struct plan *p)
{
	if (p->owner_org_id)
		html(r, "<a href=\"/orgs/%D\">%s</a>", p->owner_org_id, p->owner_name);
	else
		html(r, "<a href=\"/people/%D\">%s</a>", p->owner_person_id, p->owner_name);
}

/* A recurring deadline's period ("Hằng quý"), "Định kỳ" when unnamed. */
static const char *recurring_label(int period)
{
	const char *l = deadline_period_label((enum deadline_period)period);
	return *l ? l : "Định kỳ";
}

/* The deadline as written and as understood: "Quý II/2026 → 01/04/2026–
 * 30/06/2026"; a warning mark when there is none the system understands. */
static void deadline_cell(struct req *r, const struct plan_item *it)
{
	if (*it->deadline_text)
		html(r, "<span class=\"deadline-text\">%s</span>", it->deadline_text);
	switch (it->deadline_kind) {
	case DEADLINE_DATE:
		html(r, " <span class=\"deadline-read\" title=\"%s\">→ %t</span>",
		     deadline_kind_label((enum deadline_kind)it->deadline_kind), it->deadline_end);
		break;
	case DEADLINE_WINDOW:
		html(r, " <span class=\"deadline-read\" title=\"%s\">→ %t–%t</span>",
		     deadline_kind_label((enum deadline_kind)it->deadline_kind), it->deadline_start,
		     it->deadline_end);
		break;
	case DEADLINE_FROM:
		html(r, " <span class=\"deadline-read\" title=\"%s\">→ từ %t</span>",
		     deadline_kind_label((enum deadline_kind)it->deadline_kind),
		     it->deadline_start);
		break;
	case DEADLINE_RECURRING:
		html(r, " <span class=\"deadline-read\" title=\"%s\">→ %s",
		     deadline_kind_label((enum deadline_kind)it->deadline_kind),
		     recurring_label(it->deadline_period));
		if (it->deadline_start && it->deadline_end)
			html(r, ", %t–%t", it->deadline_start, it->deadline_end);
		html(r, "</span>");
		break;
	case DEADLINE_CONDITIONAL:
		html(r, " <span class=\"deadline-read\">→ %s</span>",
		     deadline_kind_label((enum deadline_kind)it->deadline_kind));
		break;
	default:
		html(r, " <span class=\"warn\" title=\"Chưa xác định được thời hạn\">⚠ %s</span>",
		     *it->deadline_text ? "Chưa hiểu được thời hạn" : "Chưa có thời hạn");
		break;
	}
}

/* Splits a list of document references or ids ("12-NQ/TW; 5") at new
 * lines, commas and semicolons into trimmed arena strings. */
static int split_refs(struct req *r, const char *s, const char ***out)
{
	const char **v = arena_alloc(&r->arena, sizeof(*v) * (SOURCES_MAX + 1));
	int n = 0;
	while (s && *s && n <= SOURCES_MAX) {
		size_t len = strcspn(s, "\n\r,;");
		const char *a = s, *b = s + len;
		while (a < b && (*a == ' ' || *a == '\t'))
			a++;
		while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > a)
			v[n++] = arena_memdup0(&r->arena, a, (size_t)(b - a));
		s += len;
		if (*s)
			s++;
	}
	*out = v;
	return n;
}

/* The documents named in the "sources" field, resolved to ids. */
static int resolve_sources(struct req *r, const char *text, int64_t **ids, int *n_ids,
			   struct kh_error *err)
{
	const char **refs;
	int n = split_refs(r, text, &refs);
	if (n > SOURCES_MAX)
		return kh_fail(err, KH_EINVAL, "sources", "Nhiều nhất %d văn bản căn cứ",
			       SOURCES_MAX);
	int64_t *v = arena_alloc(&r->arena, sizeof(*v) * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		struct kh_error e2;
		int rc = app_document_resolve(&r->ctx, refs[i], &v[i], &e2);
		if (rc == KH_ENOTFOUND || rc == KH_EFORBIDDEN)
			return kh_fail(err, KH_EINVAL, "sources", "Văn bản căn cứ «%s»: %s",
				       refs[i], e2.message);
		if (rc) {
			*err = e2;
			return rc;
		}
	}
	*ids = v;
	*n_ids = n;
	return 0;
}

/* "12, 15 17" → ids. */
static int parse_id_list(struct req *r, const char *field, const char *s, int64_t **ids, int *n,
			 struct kh_error *err)
{
	int64_t *v = arena_alloc(&r->arena, sizeof(*v) * COORDINATOR_ORGS_MAX);
	int count = 0;
	while (s && *s) {
		size_t skip = strspn(s, " ,;\t");
		s += skip;
		size_t len = strcspn(s, " ,;\t");
		if (!len)
			break;
		const char *tok = arena_memdup0(&r->arena, s, len);
		if (count >= COORDINATOR_ORGS_MAX ||
		    num_parse_i64(tok, 1, INT64_MAX, &v[count]) != 0)
			return kh_fail(err, KH_EINVAL, field,
				       "«%s» không phải danh sách mã số tổ chức (ví dụ «12, 15»)",
				       s);
		count++;
		s += len;
	}
	*ids = v;
	*n = count;
	return 0;
}

/* ---- JSON ---- */

static json_t *rights_json(const struct plan_rights *g)
{
	return json_pack("{s:b, s:b, s:b, s:b, s:b}", "read", g->read, "edit", g->edit, "own",
			 g->own, "comment", g->comment, "decide", g->decide);
}

static json_t *recipients_json(const struct plan_recipient *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:I, s:s, s:s, s:s}", "org_id", (json_int_t)v[i].org_id,
				     "org_name", v[i].org_name, "role", v[i].role, "role_label",
				     v[i].role_label ? v[i].role_label
						     : app_plan_recipient_role_label(v[i].role)));
	return a;
}

static json_t *view_json(const struct plan_view *v)
{
	json_t *j = app_plan_json(&v->plan, v->items, v->n_items);
	if (!json_object_get(j, "items")) /* a plan without items has none, not no list */
		json_object_set_new(j, "items", json_array());
	json_t *src = json_array();
	for (int i = 0; i < v->n_sources; i++)
		json_array_append_new(src, json_pack("{s:I, s:s, s:s}", "id",
						     (json_int_t)v->sources[i].id, "number",
						     v->sources[i].number, "title",
						     v->sources[i].title));
	json_object_set_new(j, "sources", src);
	json_object_set_new(j, "upper_title", json_string(v->upper_title ? v->upper_title : ""));
	json_object_set_new(j, "recipients", recipients_json(v->recipients, v->n_recipients));
	json_object_set_new(j, "open_comments", json_integer(v->open_comments));
	json_object_set_new(j, "rights", rights_json(&v->rights));
	return j;
}

/* ---- the list ---- */

static int list_query(struct req *r, struct plan_query *q, struct kh_error *err)
{
	int64_t limit = req_param_int(r, "limit", 50), offset = req_param_int(r, "offset", 0);
	int64_t year = req_param_int(r, "year", 0);
	if (limit < 1 || limit > PLAN_PAGE_MAX || offset < 0 || offset > 100000000 || year < 0 ||
	    year > 2200)
		return kh_fail(err, KH_EINVAL, NULL,
			       "Tham số không hợp lệ: limit từ 1 đến 200, offset không âm,"
			       " năm đến 2200");
	const char *status = req_param(r, "status");
	enum plan_status st;
	if (status && *status && !plan_status_parse(status, &st))
		return kh_fail(err, KH_EINVAL, "status", "Trạng thái «%s» không có", status);
	memset(q, 0, sizeof(*q));
	q->owner_org_id = req_param_int(r, "owner_org_id", 0);
	q->owner_person_id = req_param_int(r, "owner_person_id", 0);
	q->org_id = req_param_int(r, "org_id", 0);
	q->year = (int)year;
	q->status = status && *status ? status : NULL;
	q->inbox = req_param_bool(r, "inbox");
	q->q = req_param(r, "q");
	q->limit = (int)limit;
	q->offset = (int)offset;
	return 0;
}

static const char *list_url(struct req *r, int64_t offset)
{
	static const char *const keep[] = {"org_id", "year", "status", "q", "inbox", "limit"};
	return req_page_url(r, "/plans", keep, (int)KH_ARRAY_LEN(keep), offset);
}

static void list_page(struct req *r)
{
	struct kh_error err;
	struct plan_query q;
	struct plan_page page;
	if (list_query(r, &q, &err) || app_plan_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}
	const char *title = q.inbox ? "Kế hoạch gửi đến tôi" : "Kế hoạch";
	page_begin(r, title);
	html(r, "<h1>%s</h1>", title);
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	html(r, "<p><a class=\"button primary\" href=\"/plans/new\">Lập kế hoạch mới</a> "
		"<a class=\"button\" href=\"/plans/import\">Nhập kế hoạch từ văn bản</a> "
		"<a class=\"button\" href=\"/plans?inbox=1\">Kế hoạch gửi đến tôi</a> "
		"<a class=\"button\" href=\"/plans\">Tất cả kế hoạch</a></p>");
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/plans\">"
	     "<label>Tổ chức (mã số) <input type=\"number\" min=\"1\" name=\"org_id\""
	     " value=\"%s\"></label><label>Năm <input type=\"number\" min=\"1990\" max=\"2100\""
	     " name=\"year\" value=\"%s\"></label><label>Trạng thái <select name=\"status\">"
	     "<option value=\"\">Tất cả</option>",
	     form_text(r, "org_id"), form_text(r, "year"));
	for (int s = 0; s < PLAN_STATUS_COUNT; s++)
		html(r, "<option value=\"%s\"%r>%s</option>", plan_status_name((enum plan_status)s),
		     q.status && strcmp(q.status, plan_status_name((enum plan_status)s)) == 0
			     ? " selected"
			     : "",
		     plan_status_label((enum plan_status)s));
	html(r,
	     "</select></label><label>Tìm <input type=\"search\" name=\"q\" value=\"%s\""
	     " placeholder=\"Tên kế hoạch, chủ thể\"></label><label><input type=\"checkbox\""
	     " name=\"inbox\" value=\"1\"%r> Kế hoạch gửi đến tôi</label>"
	     "<button type=\"submit\">Lọc</button></form>",
	     form_text(r, "q"), q.inbox ? " checked" : "");
	if (page.n == 0) {
		html(r, "<p class=\"muted\">Không có kế hoạch nào.</p>");
	} else {
		html(r, "<table class=\"plans\"><thead><tr><th>Kế hoạch</th><th>Chủ thể</th>"
			"<th>Thời gian</th><th>Trạng thái</th><th>Phiên bản</th></tr></thead>"
			"<tbody>");
		for (int i = 0; i < page.n; i++) {
			const struct plan *p = &page.items[i];
			html(r, "<tr><td><a href=\"/plans/%D\">%s</a></td><td>", p->id, p->title);
			owner_link(r, p);
			html(r, " <span class=\"muted\">(%s)</span></td><td>%s</td><td>%s</td><td>",
			     p->owner_org_id ? "tập thể" : "cá nhân", years_text(r, p),
			     plan_status_label(p->status));
			if (p->version)
				html(r, "%d", p->version);
			else
				html(r, "<span class=\"muted\">—</span>");
			html(r, "</td></tr>");
		}
		html(r, "</tbody></table>");
	}
	if (page.total > 0)
		html(r, "<p class=\"muted\">Hiển thị %D–%D trong %D kế hoạch.</p>",
		     (int64_t)page.offset + (page.n ? 1 : 0), (int64_t)page.offset + page.n,
		     page.total);
	html(r, "<nav class=\"pager\">");
	if (page.offset > 0)
		html(r, "<a class=\"button\" rel=\"prev\" href=\"%s\">‹ Trang trước</a> ",
		     list_url(r, page.offset > page.limit ? page.offset - page.limit : 0));
	if ((int64_t)page.offset + page.n < page.total)
		html(r, "<a class=\"button\" rel=\"next\" href=\"%s\">Trang sau ›</a>",
		     list_url(r, (int64_t)page.offset + page.limit));
	html(r, "</nav>");
	page_end(r);
	resp_html(r, 200);
}

/* ---- creating a plan ---- */

/* Appends one owner choice unless already offered. */
static void owner_option(struct req *r, const struct org *o, const char *selected, int64_t *seen,
			 int *n_seen)
{
	for (int k = 0; k < *n_seen; k++)
		if (seen[k] == o->id)
			return;
	seen[(*n_seen)++] = o->id;
	const char *v = id_text(r, o->id);
	html(r, "<option value=\"%s\"%r>Kế hoạch của %s</option>", v,
	     strcmp(selected, v) == 0 ? " selected" : "", o->name);
}

/* The owner choices: the actor's own individual plan, and the collective
 * plans they keep — of the orgs where they hold a position, and of the
 * committee whose Văn phòng they work in. Other orgs by id (admins). */
static void owner_options(struct req *r, const char *selected)
{
	struct kh_error err;
	const struct actor *a = r->ctx.actor;
	if (a->person_id)
		html(r, "<option value=\"me\"%r>Kế hoạch cá nhân của tôi</option>",
		     strcmp(selected, "me") == 0 ? " selected" : "");
	if (app_scope_load(&r->ctx, &err) != 0)
		return;
	int64_t *seen = arena_alloc(&r->arena, sizeof(*seen) * (size_t)(2 * a->n_act_orgs + 1));
	int n_seen = 0;
	for (int i = 0; i < a->n_act_orgs; i++) {
		struct org o, parent;
		if (app_org_get(&r->ctx, a->act_orgs[i], 0, &o, &err) != 0)
			continue;
		if (o.kind == ORG_OFFICE && o.parent_id &&
		    app_org_get(&r->ctx, o.parent_id, 0, &parent, &err) == 0)
			owner_option(r, &parent, selected, seen, &n_seen);
		owner_option(r, &o, selected, seen, &n_seen);
	}
}

static void create_form(struct req *r, const struct kh_error *e)
{
	bool again = r->method == HTTP_POST;
	const char *scope = again ? form_text(r, "scope") : "year";
	int64_t form = again ? req_param_int(r, "form", 1) : 1;
	char year[8];
	int y = 0, m = 0, d = 0;
	date_to_ymd(r->ctx.today, &y, &m, &d);
	snprintf(year, sizeof(year), "%d", y);
	page_begin(r, "Lập kế hoạch mới");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<span aria-current=\"page\">Lập kế hoạch mới</span></nav><h1>Lập kế hoạch mới</h1>");
	if (e)
		html_error_box(r, e);
	html(r, "<form class=\"stack wide\" method=\"post\" action=\"/plans\">");
	html_csrf_field(r);
	html(r, "<label>Chủ thể kế hoạch <select name=\"owner\">");
	owner_options(r, again ? form_text(r, "owner") : "me");
	html(r,
	     "</select></label><label>hoặc tổ chức khác (mã số) <input type=\"number\" min=\"1\""
	     " name=\"owner_org_id\" value=\"%s\"></label>"
	     "<label>Phạm vi <select name=\"scope\"><option value=\"year\"%r>Kế hoạch năm</option>"
	     "<option value=\"term\"%r>Kế hoạch toàn khóa (nhiệm kỳ)</option></select></label>"
	     "<label>Năm (năm đầu nhiệm kỳ) <input type=\"number\" name=\"year_from\" min=\"1990\""
	     " max=\"2100\" required value=\"%s\"></label>"
	     "<label>Năm cuối nhiệm kỳ (kế hoạch toàn khóa) <input type=\"number\" name=\"year_to\""
	     " min=\"1990\" max=\"2100\" value=\"%s\"></label>"
	     "<fieldset><legend>Mẫu kế hoạch</legend><label><input type=\"radio\" name=\"form\""
	     " value=\"1\"%r> Mẫu 1: kế hoạch hành động</label><label><input type=\"radio\""
	     " name=\"form\" value=\"2\"%r> Mẫu 2: kết hợp thực hiện Nghị quyết Trung ương về xây"
	     " dựng Đảng, Chỉ thị 05 và quy định nêu gương</label></fieldset>"
	     "<label>Tên kế hoạch (để trống: đặt theo chủ thể và năm) <input name=\"title\""
	     " maxlength=\"500\" value=\"%s\"></label>"
	     "<label>I. Mục đích, yêu cầu (cả các chỉ tiêu cần đạt) <textarea name=\"goals\""
	     " rows=\"5\">%s</textarea></label>"
	     "<label>III. Tổ chức thực hiện <textarea name=\"organization\" rows=\"4\">%s"
	     "</textarea></label>"
	     "<label>Kế hoạch cấp trên (mã số) <input type=\"number\" min=\"1\""
	     " name=\"upper_plan_id\" value=\"%s\"></label>"
	     "<label>Văn bản căn cứ (số, ký hiệu như «12-NQ/TW» hoặc mã số; mỗi văn bản một dòng)"
	     " <textarea name=\"sources\" rows=\"3\">%s</textarea></label>"
	     "<label class=\"check\"><input type=\"checkbox\" name=\"cascade\" value=\"1\"%r>"
	     " Lập từ kế hoạch cấp trên: lấy các nội dung giao cho đơn vị</label>"
	     "<label class=\"check\"><input type=\"checkbox\" name=\"carry_over\" value=\"1\"%r>"
	     " Kế thừa từ kế hoạch toàn khóa và năm trước</label>"
	     "<p><button type=\"submit\" class=\"primary\">Lập dự thảo</button></p></form>",
	     form_text(r, "owner_org_id"), strcmp(scope, "term") ? " selected" : "",
	     strcmp(scope, "term") == 0 ? " selected" : "",
	     again ? form_text(r, "year_from") : year, form_text(r, "year_to"),
	     form != 2 ? " checked" : "", form == 2 ? " checked" : "", form_text(r, "title"),
	     form_text(r, "goals"), form_text(r, "organization"), form_text(r, "upper_plan_id"),
	     form_text(r, "sources"), req_param_bool(r, "cascade") ? " checked" : "",
	     req_param_bool(r, "carry_over") ? " checked" : "");
	page_end(r);
	resp_html(r, e ? http_status_for(e->code) : 200);
}

static void new_page(struct req *r)
{
	create_form(r, NULL);
}

/* The form's plan fields; create adds the owner, scope and years. */
static int form_plan_input(struct req *r, struct plan_input *in, bool create, struct kh_error *err)
{
	memset(in, 0, sizeof(*in));
	int64_t form = req_param_int(r, "form", 0);
	if (form < 0 || form > 2)
		return kh_fail(err, KH_EINVAL, "form", "Mẫu kế hoạch là mẫu 1 hoặc mẫu 2");
	in->form = (int)form;
	in->title = form_text(r, "title");
	in->goals = form_text(r, "goals");
	in->organization = form_text(r, "organization");
	in->upper_plan_id = req_param_int(r, "upper_plan_id", 0);
	in->set_upper = true;
	int64_t *ids = NULL;
	int n = 0;
	int rc = resolve_sources(r, form_text(r, "sources"), &ids, &n, err);
	if (rc)
		return rc;
	in->source_ids = ids;
	in->n_sources = n;
	in->set_sources = true;
	if (!create)
		return 0;
	const char *owner = form_text(r, "owner");
	in->owner_org_id = req_param_int(r, "owner_org_id", 0);
	if (!in->owner_org_id && *owner && strcmp(owner, "me") != 0 &&
	    num_parse_i64(owner, 1, INT64_MAX, &in->owner_org_id) != 0)
		return kh_fail(err, KH_EINVAL, "owner", "Chủ thể kế hoạch không hợp lệ");
	in->scope = form_text(r, "scope");
	int64_t yf = req_param_int(r, "year_from", 0), yt = req_param_int(r, "year_to", 0);
	if (yf < 0 || yf > 9999 || yt < 0 || yt > 9999)
		return kh_fail(err, KH_EINVAL, "year_from", "Năm không hợp lệ");
	in->year_from = (int)yf;
	in->year_to = (int)yt;
	in->cascade = req_param_bool(r, "cascade");
	in->carry_over = req_param_bool(r, "carry_over");
	return 0;
}

/* A refused form is shown again with what was typed for these codes; any
 * other refusal (403, 404 of the thing itself) is the error page. */
static bool show_again(int rc, const struct kh_error *err)
{
	return rc == KH_EINVAL || rc == KH_ECONFLICT || (rc == KH_ENOTFOUND && err->field[0]);
}

static void form_create(struct req *r)
{
	struct kh_error err;
	struct plan_input in;
	struct plan p;
	int rc = form_plan_input(r, &in, true, &err);
	if (!rc)
		rc = app_plan_create(&r->ctx, &in, &p, &err);
	if (rc == 0) {
		resp_redirect(
			r, arena_printf(&r->arena, "/plans/%lld?notice=created", (long long)p.id));
		return;
	}
	if (show_again(rc, &err) || rc == KH_EFORBIDDEN) { /* the owner chosen */
		create_form(r, &err);
		return;
	}
	resp_error(r, &err);
}

/* The plan and the actor's rights when the actor may read it; KH_EFORBIDDEN
 * otherwise (app_plan_rights answers 0 with read false). */
static int readable_plan(struct req *r, int64_t id, struct plan *p, struct plan_rights *rights,
			 struct kh_error *err)
{
	int rc = app_plan_rights(&r->ctx, id, p, rights, err);
	if (!rc && !rights->read)
		rc = kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	return rc;
}

/* ---- the plan page ---- */

/* Whether this request is the POST of path (the form refused, shown again). */
static bool resubmitted(struct req *r, const char *path)
{
	return r->method == HTTP_POST && strcmp(r->path, path) == 0;
}

static void kind_options(struct req *r, const char *selected)
{
	for (int k = 0; k < PLAN_ITEM_KIND_COUNT; k++) {
		const char *name = plan_item_kind_name((enum plan_item_kind)k);
		html(r, "<option value=\"%s\"%r>%s</option>", name,
		     strcmp(selected, name) == 0 ? " selected" : "",
		     plan_item_kind_label((enum plan_item_kind)k));
	}
}

static void category_options(struct req *r, const char *selected)
{
	for (int k = 0; k < PLAN_CATEGORY_COUNT; k++) {
		const char *name = plan_item_category_name((enum plan_item_category)k);
		html(r, "<option value=\"%s\"%r>%s</option>", name,
		     strcmp(selected, name) == 0 ? " selected" : "",
		     plan_item_category_label((enum plan_item_category)k));
	}
}

static const char *ids_text(struct req *r, const int64_t *ids, int n)
{
	struct buf b;
	buf_init(&b, 4096);
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%lld", i ? ", " : "", (long long)ids[i]);
	const char *s = arena_strdup(&r->arena, b.data ? b.data : "");
	buf_release(&b);
	return s;
}

/* The item form: a new item (it NULL) or an item's edit form; again = the
 * values typed in a refused form. */
static void item_form(struct req *r, const char *action, const struct plan_item *it, bool again,
		      const char *button)
{
#define V(field, cur) (again ? form_text(r, field) : (cur))
	html(r, "<form class=\"stack wide\" method=\"post\" action=\"%s\">", action);
	html_csrf_field(r);
	html(r,
	     "<label>Nội dung, công việc <textarea name=\"text\" required rows=\"3\">%s"
	     "</textarea></label><label>Biện pháp cụ thể <textarea name=\"measures\" rows=\"2\">"
	     "%s</textarea></label><label>Loại <select name=\"kind\">",
	     V("text", it ? it->text : ""), V("measures", it ? it->measures : ""));
	kind_options(r, V("kind", it ? plan_item_kind_name(it->kind) : "task"));
	html(r, "</select></label><label>Nhóm công việc <select name=\"category\">");
	category_options(r, V("category", it ? plan_item_category_name(it->category) : "year"));
	html(r,
	     "</select></label><label>Mục, lĩnh vực (kế hoạch tập thể) <input name=\"section\""
	     " maxlength=\"500\" value=\"%s\"></label>"
	     "<label>Chủ trì <input name=\"lead_text\" maxlength=\"500\" value=\"%s\"></label>"
	     "<label>Tổ chức chủ trì (mã số, nếu có) <input type=\"number\" min=\"1\""
	     " name=\"lead_org_id\" value=\"%s\"></label>"
	     "<label>Phối hợp <input name=\"coordinators\" maxlength=\"500\" value=\"%s\"></label>"
	     "<label>Tổ chức phối hợp (mã số, cách nhau bởi dấu phẩy) <input"
	     " name=\"coordinator_org_ids\" value=\"%s\"></label>"
	     "<label>Phối hợp với (cá nhân, cơ quan, đơn vị; với công việc phối hợp) <input"
	     " name=\"coordinate_with\" maxlength=\"500\" value=\"%s\"></label>"
	     "<label>Nơi nhận đề xuất, kiến nghị <input name=\"addressee\" maxlength=\"500\""
	     " value=\"%s\"></label>"
	     "<label>Cơ quan nhận đề xuất (mã số, nếu có) <input type=\"number\" min=\"1\""
	     " name=\"addressee_org_id\" value=\"%s\"></label>"
	     "<label>Thời gian hoàn thành <input name=\"deadline_text\" maxlength=\"500\""
	     " value=\"%s\" aria-describedby=\"deadline-hint\"></label>"
	     "<p class=\"hint muted\" id=\"deadline-hint\">Ghi như trong văn bản, ví dụ: 31/3/2026,"
	     " Quý II/2026, trong tháng 6/2026, từ tháng 5/2026, hằng năm, thường xuyên, sau khi"
	     " có hướng dẫn của Trung ương…</p>"
	     "<label>Nguồn lực <input name=\"resources\" maxlength=\"500\" value=\"%s\"></label>"
	     "<label>Phục vụ mục tiêu, chỉ tiêu <input name=\"serves\" maxlength=\"500\""
	     " value=\"%s\"></label>"
	     "<label>Thực hiện nội dung của kế hoạch cấp trên (mã số nội dung) <input"
	     " type=\"number\" min=\"1\" name=\"upper_item_id\" value=\"%s\"></label>"
	     "<p><button type=\"submit\" class=\"primary\">%s</button></p></form>",
	     V("section", it ? it->section : ""), V("lead_text", it ? it->lead_text : ""),
	     V("lead_org_id", it ? id_text(r, it->lead_org_id) : ""),
	     V("coordinators", it ? it->coordinators : ""),
	     V("coordinator_org_ids",
	       it ? ids_text(r, it->coordinator_org_ids, it->n_coordinator_orgs) : ""),
	     V("coordinate_with", it ? it->coordinate_with : ""),
	     V("addressee", it ? it->addressee : ""),
	     V("addressee_org_id", it ? id_text(r, it->addressee_org_id) : ""),
	     V("deadline_text", it ? it->deadline_text : ""),
	     V("resources", it ? it->resources : ""), V("serves", it ? it->serves : ""),
	     V("upper_item_id", it ? id_text(r, it->upper_item_id) : ""), button);
#undef V
}

static int form_item_input(struct req *r, struct plan_item_input *in, struct kh_error *err)
{
	memset(in, 0, sizeof(*in));
	in->text = form_text(r, "text");
	in->measures = form_text(r, "measures");
	in->kind = req_param(r, "kind");
	in->category = req_param(r, "category");
	in->section = form_text(r, "section");
	in->lead_text = form_text(r, "lead_text");
	in->lead_org_id = req_param_int(r, "lead_org_id", 0);
	in->set_lead = true;
	in->coordinators = form_text(r, "coordinators");
	int64_t *ids = NULL;
	int n = 0;
	int rc = parse_id_list(r, "coordinator_org_ids", form_text(r, "coordinator_org_ids"), &ids,
			       &n, err);
	if (rc)
		return rc;
	in->coordinator_org_ids = ids;
	in->n_coordinator_orgs = n;
	in->set_coordinator_orgs = true;
	in->coordinate_with = form_text(r, "coordinate_with");
	in->addressee = form_text(r, "addressee");
	in->addressee_org_id = req_param_int(r, "addressee_org_id", 0);
	in->set_addressee = true;
	in->deadline_text = form_text(r, "deadline_text");
	in->resources = form_text(r, "resources");
	in->serves = form_text(r, "serves");
	in->upper_item_id = req_param_int(r, "upper_item_id", 0);
	in->set_upper_item = true;
	return 0;
}

/* The cells of one item (number, content, lead, coordinators, deadline) and,
 * for an owner while the plan can change, its actions. */
static void item_row(struct req *r, const struct plan_view *v, const struct plan_item *it, int no)
{
	html(r,
	     "<tr id=\"item-%D\"%r><td class=\"no\">%d</td><td><div class=\"item-text\">%s</div>",
	     it->id, it->kind == PLAN_ITEM_KEY_PROJECT ? " class=\"key-project\"" : "", no,
	     it->text);
	if (it->kind == PLAN_ITEM_KEY_PROJECT)
		html(r, " <span class=\"badge key\">Công trình trọng điểm</span>");
	if (it->kind == PLAN_ITEM_INDICATOR)
		html(r, " <span class=\"badge\">Chỉ tiêu</span>");
	if (it->carried_from_id)
		html(r, " <span class=\"badge\">Kế thừa</span>");
	if (*it->measures)
		html(r, "<div class=\"item-more\"><em>Biện pháp:</em> %s</div>", it->measures);
	if (*it->resources)
		html(r, "<div class=\"item-more\"><em>Nguồn lực:</em> %s</div>", it->resources);
	if (*it->serves)
		html(r, "<div class=\"item-more\"><em>Phục vụ mục tiêu, chỉ tiêu:</em> %s</div>",
		     it->serves);
	if (it->upper_item_id && v->plan.upper_plan_id)
		html(r,
		     "<div class=\"item-more\">Thực hiện <a href=\"/plans/%D#item-%D\">nội dung"
		     " của kế hoạch cấp trên</a></div>",
		     v->plan.upper_plan_id, it->upper_item_id);
	else if (it->upper_item_id)
		html(r, "<div class=\"item-more\">Thực hiện nội dung của kế hoạch cấp trên</div>");
	html(r, "</td><td>");
	if (it->lead_org_id)
		html(r, "<a href=\"/orgs/%D\">%s</a>", it->lead_org_id,
		     *it->lead_text ? it->lead_text : it->lead_name);
	else if (it->lead_name && *it->lead_name)
		html(r, "%s", it->lead_name);
	else if (*it->lead_text)
		html(r, "%s", it->lead_text);
	else
		html(r, "<span class=\"warn\" title=\"Chưa có người, đơn vị chủ trì\">⚠</span>");
	html(r, "</td><td>%s", it->coordinators);
	if (*it->coordinate_with)
		html(r, "%r<em>Phối hợp với:</em> %s", *it->coordinators ? "<br>" : "",
		     it->coordinate_with);
	html(r, "</td><td>");
	deadline_cell(r, it);
	if (v->derived && it >= v->items && it < v->items + v->n_items) {
		web_progress_cell(r, it, &v->derived[it - v->items]);
		if (v->assigned)
			web_progress_assigned(r, it, v->assigned[it - v->items].assigned,
					      v->assigned[it - v->items].answered);
	}
	html(r, "</td>");
	if (v->rights.edit) {
		html(r,
		     "<td class=\"no-print actions\"><a href=\"/items/%D/edit\">Sửa</a>"
		     "<form class=\"inline\" method=\"post\" action=\"/items/%D/move\">",
		     it->id, it->id);
		html_csrf_field(r);
		html(r,
		     "<label>Vị trí <input type=\"number\" name=\"seq\" min=\"1\" max=\"%d\""
		     " value=\"%d\" size=\"3\"></label><button type=\"submit\">Chuyển</button>"
		     "</form><form class=\"inline\" method=\"post\" action=\"/items/%D/delete\""
		     " data-confirm=\"Xóa nội dung này?\">",
		     v->n_items, it->seq, it->id);
		html_csrf_field(r);
		html(r, "<button type=\"submit\">Xóa</button></form></td>");
	}
	html(r, "</tr>");
}

static void items_table_begin(struct req *r, const struct plan_view *v)
{
	html(r,
	     "<table class=\"items\"><thead><tr><th class=\"no\">TT</th><th>Nội dung, công việc,"
	     " biện pháp</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời gian hoàn thành</th>%r"
	     "</tr></thead><tbody>",
	     v->rights.edit ? "<th class=\"no-print\">Thao tác</th>" : "");
}

/* The items of part `part` whose group (category for individual plans,
 * section for collective ones) is `key`, kind proposals excluded. */
static bool in_group(const struct plan_view *v, const struct plan_item *it, int part, int category)
{
	if (it->kind == PLAN_ITEM_PROPOSAL || it->part != part)
		return false;
	if (part == 2 && !v->plan.owner_org_id)
		return (int)it->category == category;
	return true;
}

/* Whether a heading as written carries its own number ("2. Xây dựng Đảng",
 * "II- Chính trị", "a) …"): then the page does not number it again. */
static bool numbered(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (!n)
		n = strspn(s, "IVXLC");
	if (!n && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')))
		n = 1;
	return n > 0 && n < 8 && (s[n] == '.' || s[n] == ')' || s[n] == '-' || s[n] == '/');
}

static void plain_items(struct req *r, const struct plan_view *v, int part)
{
	int no = 0;
	for (int i = 0; i < v->n_items; i++) {
		if (!in_group(v, &v->items[i], part, -1))
			continue;
		if (!no)
			items_table_begin(r, v);
		item_row(r, v, &v->items[i], ++no);
	}
	if (no)
		html(r, "</tbody></table>");
}

static const char *const individual_groups[] = {
	"Những việc thực hiện cả nhiệm kỳ (gồm công việc thường xuyên)",
	"Những công việc thực hiện trong năm",
	"Những công việc phối hợp",
};

/* Part II: groups by category (individual) or by section (collective),
 * then the proposals in their own block. */
static void part_two(struct req *r, const struct plan_view *v)
{
	int heading = 0;
	if (!v->plan.owner_org_id) {
		for (int c = 0; c < PLAN_CATEGORY_COUNT; c++) {
			int no = 0;
			html(r, "<h3>%d. %s</h3>", ++heading,
			     c < (int)KH_ARRAY_LEN(individual_groups)
				     ? individual_groups[c]
				     : plan_item_category_label((enum plan_item_category)c));
			for (int i = 0; i < v->n_items; i++) {
				if (!in_group(v, &v->items[i], 2, c))
					continue;
				if (!no)
					items_table_begin(r, v);
				item_row(r, v, &v->items[i], ++no);
			}
			if (no)
				html(r, "</tbody></table>");
			else
				html(r, "<p class=\"muted\">Chưa có nội dung.</p>");
		}
	} else {
		const char *section = NULL;
		int no = 0;
		for (int i = 0; i < v->n_items; i++) {
			const struct plan_item *it = &v->items[i];
			if (!in_group(v, it, 2, -1))
				continue;
			if (!section || strcmp(section, it->section) != 0) {
				if (section)
					html(r, "</tbody></table>");
				section = it->section;
				no = 0;
				if (*section && numbered(section))
					html(r, "<h3>%s</h3>", section);
				else
					html(r, "<h3>%d. %s</h3>", ++heading,
					     *section ? section : "Nội dung, nhiệm vụ");
				items_table_begin(r, v);
			}
			item_row(r, v, it, ++no);
		}
		if (section)
			html(r, "</tbody></table>");
		else
			html(r, "<p class=\"muted\">Chưa có nội dung.</p>");
	}

	int n_prop = 0;
	for (int i = 0; i < v->n_items; i++)
		n_prop += v->items[i].kind == PLAN_ITEM_PROPOSAL;
	if (!n_prop)
		return;
	html(r,
	     "<h3>%d. Đề xuất, kiến nghị</h3><table class=\"items proposals\"><thead><tr>"
	     "<th class=\"no\">TT</th><th>Nội dung đề xuất, kiến nghị</th><th>Nơi nhận</th>"
	     "<th>Trả lời</th>%r</tr></thead><tbody>",
	     ++heading, v->rights.edit ? "<th class=\"no-print\">Thao tác</th>" : "");
	int no = 0;
	bool may_answer = v->plan.status != PLAN_DRAFT &&
			  (v->rights.decide || !v->rights.own || r->actor.is_admin);
	for (int i = 0; i < v->n_items; i++) {
		const struct plan_item *it = &v->items[i];
		if (it->kind != PLAN_ITEM_PROPOSAL)
			continue;
		html(r,
		     "<tr id=\"item-%D\"><td class=\"no\">%d</td><td><div class=\"item-text\">%s"
		     "</div>",
		     it->id, ++no, it->text);
		if (*it->measures)
			html(r, "<div class=\"item-more\"><em>Biện pháp:</em> %s</div>",
			     it->measures);
		html(r, "</td><td>");
		if (it->addressee_org_id)
			html(r, "<a href=\"/orgs/%D\">%s</a>", it->addressee_org_id,
			     *it->addressee ? it->addressee : "(cơ quan)");
		else
			html(r, "%s", it->addressee);
		html(r, "</td><td>");
		if (strcmp(it->proposal_state, "accepted") == 0)
			html(r, "<strong class=\"ok\">Đã tiếp thu</strong>");
		else if (strcmp(it->proposal_state, "rejected") == 0)
			html(r, "<strong class=\"bad\">Không tiếp thu</strong>");
		else
			html(r, "<span class=\"muted\">Chưa trả lời</span>");
		if (*it->proposal_note)
			html(r, "<div>%s</div>", it->proposal_note);
		if (may_answer && !*it->proposal_state) {
			html(r,
			     "<form class=\"inline no-print\" method=\"post\""
			     " action=\"/items/%D/proposal\">",
			     it->id);
			html_csrf_field(r);
			html(r,
			     "<label>Trả lời <select name=\"state\"><option value=\"accepted\">"
			     "Tiếp thu</option><option value=\"rejected\">Không tiếp thu"
			     "</option></select></label><label>Giải thích <input name=\"note\""
			     " maxlength=\"500\"></label><button type=\"submit\">Trả lời</button>"
			     "</form>");
		}
		html(r, "</td>");
		if (v->rights.edit) {
			html(r,
			     "<td class=\"no-print actions\"><a href=\"/items/%D/edit\">Sửa</a>"
			     "<form class=\"inline\" method=\"post\" action=\"/items/%D/delete\""
			     " data-confirm=\"Xóa đề xuất này?\">",
			     it->id, it->id);
			html_csrf_field(r);
			html(r, "<button type=\"submit\">Xóa</button></form></td>");
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table>");
}

static void prose(struct req *r, const char *text, const char *empty)
{
	if (text && *text)
		html(r, "<div class=\"prose\">%s</div>", text);
	else
		html(r, "<p class=\"muted\">%s</p>", empty);
}

static void recipients_list(struct req *r, const struct plan_recipient *v, int n)
{
	html(r, "<ul class=\"recipients\">");
	for (int i = 0; i < n; i++)
		html(r, "<li><a href=\"/orgs/%D\">%s</a> <span class=\"muted\">— %s</span></li>",
		     v[i].org_id, v[i].org_name,
		     v[i].role_label ? v[i].role_label : app_plan_recipient_role_label(v[i].role));
	html(r, "</ul>");
}

/* The document: header block, title, basis, the three parts, recipients and
 * signature — what prints. */
static void plan_document(struct req *r, const struct plan_view *v)
{
	const struct plan *p = &v->plan;
	html(r,
	     "<article class=\"plan-doc\"><header class=\"doc-head\"><div class=\"doc-issuer\">"
	     "<p class=\"doc-org\">%s</p><p class=\"doc-star\">*</p>",
	     p->owner_org_id ? p->owner_name : owner_kind_text(p));
	if (p->version)
		html(r, "<p class=\"doc-number\">Phiên bản %d</p>", p->version);
	html(r, "</div><div class=\"doc-party\"><p class=\"doc-party-name\">ĐẢNG CỘNG SẢN VIỆT"
		" NAM</p>");
	struct tm tm;
	time_t tt = (time_t)p->approved_at;
	if (p->approved_at && localtime_r(&tt, &tm))
		html(r, "<p class=\"doc-date\"><em>ngày %d tháng %d năm %d</em></p>", tm.tm_mday,
		     tm.tm_mon + 1, tm.tm_year + 1900);
	else
		html(r, "<p class=\"doc-date\"><em>%s</em></p>", plan_status_label(p->status));
	/* "KẾ HOẠCH" over the subject: a title written "Kế hoạch …" gives its
	 * rest as the subject, as official plans print it. */
	const char *subject = p->title;
	static const char kh[] = "Kế hoạch ";
	if (strncmp(subject, kh, sizeof(kh) - 1) == 0 && subject[sizeof(kh) - 1])
		subject += sizeof(kh) - 1;
	html(r,
	     "</div></header><h1 class=\"doc-title\"><span class=\"doc-type\">Kế hoạch</span>"
	     " <span class=\"doc-subject\">%s</span></h1>",
	     subject);
	html(r, "<p class=\"doc-scope\">%s — %s", years_text(r, p), owner_kind_text(p));
	if (!p->owner_org_id)
		html(r, " của %s", p->owner_name);
	html(r, "</p>");
	if (v->n_sources) {
		html(r, "<p class=\"doc-basis\">Căn cứ: ");
		for (int i = 0; i < v->n_sources; i++)
			html(r, "%r<a href=\"/documents/%D\">%s</a> %s", i ? "; " : "",
			     v->sources[i].id,
			     *v->sources[i].number ? v->sources[i].number : "(không số)",
			     v->sources[i].title);
		html(r, ".</p>");
	}

	html(r, "<section class=\"part\"><h2>I. MỤC ĐÍCH, YÊU CẦU</h2>");
	prose(r, p->goals, "Chưa ghi mục đích, yêu cầu.");
	plain_items(r, v, 1);
	html(r, "</section><section class=\"part\"><h2>II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP</h2>");
	part_two(r, v);
	html(r, "</section><section class=\"part\"><h2>III. TỔ CHỨC THỰC HIỆN</h2>");
	prose(r, p->organization, "Chưa ghi tổ chức thực hiện.");
	plain_items(r, v, 3);
	html(r, "</section><div class=\"doc-foot\"><div class=\"doc-recipients\">"
		"<p><strong><em>Nơi nhận:</em></strong></p><ul>");
	if (p->status != PLAN_DRAFT)
		for (int i = 0; i < v->n_recipients; i++)
			html(r, "<li>- %s,</li>", v->recipients[i].org_name);
	html(r, "<li>- Lưu VP.</li></ul></div><div class=\"doc-sign\">");
	if (p->owner_org_id)
		html(r, "<p class=\"doc-sign-role\">T/M %s</p>", p->owner_name);
	else
		html(r,
		     "<p class=\"doc-sign-role\">Người xây dựng kế hoạch</p>"
		     "<p class=\"doc-sign-name\">%s</p>",
		     p->owner_name);
	html(r, "</div></div></article>");
}

/* Screen-only facts about the plan. */
static void plan_facts(struct req *r, const struct plan_view *v)
{
	const struct plan *p = &v->plan;
	html(r, "<table class=\"details no-print\"><tbody><tr><th>Chủ thể</th><td>");
	owner_link(r, p);
	html(r,
	     " <span class=\"muted\">(%s)</span></td></tr><tr><th>Thời gian</th><td>%s</td></tr>"
	     "<tr><th>Mẫu</th><td>Mẫu %d</td></tr><tr><th>Trạng thái</th><td><strong>%s"
	     "</strong></td></tr><tr><th>Phiên bản đã gửi, ban hành</th><td>",
	     owner_kind_text(p), years_text(r, p), p->form ? p->form : 1,
	     plan_status_label(p->status));
	if (p->version)
		html(r, "%d (<a href=\"/plans/%D/versions\">các phiên bản</a>)", p->version, p->id);
	else
		html(r, "<span class=\"muted\">Chưa gửi</span>");
	html(r, "</td></tr>");
	if (p->status == PLAN_ADJUSTING && *p->adjust_reason)
		html(r, "<tr><th>Lý do điều chỉnh, bổ sung</th><td>%s</td></tr>", p->adjust_reason);
	html(r, "<tr><th>Văn bản căn cứ</th><td>");
	if (!v->n_sources)
		html(r, "<span class=\"muted\">Chưa ghi</span>");
	for (int i = 0; i < v->n_sources; i++)
		html(r, "%r<a href=\"/documents/%D\">%s</a>", i ? "; " : "", v->sources[i].id,
		     *v->sources[i].number ? v->sources[i].number : v->sources[i].title);
	html(r, "</td></tr><tr><th>Kế hoạch cấp trên</th><td>");
	if (p->upper_plan_id)
		html(r, "<a href=\"/plans/%D\">%s</a>", p->upper_plan_id,
		     v->upper_title && *v->upper_title ? v->upper_title
						       : arena_printf(&r->arena, "Kế hoạch số %lld",
								      (long long)p->upper_plan_id));
	else
		html(r, "<span class=\"muted\">Không có</span>");
	html(r, "</td></tr>");
	if (p->based_on_plan_id)
		html(r,
		     "<tr><th>Kế thừa từ</th><td><a href=\"/plans/%D\">kế hoạch số %D</a></td></tr>",
		     p->based_on_plan_id, p->based_on_plan_id);
	if (p->sent_at)
		html(r, "<tr><th>Gửi lấy ý kiến</th><td>%s</td></tr>", format_time(r, p->sent_at));
	if (p->approved_at)
		html(r, "<tr><th>Phê duyệt, ban hành</th><td>%s</td></tr>",
		     format_time(r, p->approved_at));
	if (p->status != PLAN_DRAFT)
		html(r, "<tr><th>Góp ý, đề nghị chưa trả lời</th><td>%d</td></tr>",
		     v->open_comments);
	html(r, "</tbody></table>");
}

/* The owner's actions for the plan's status. */
static void owner_actions(struct req *r, const struct plan_view *v)
{
	const struct plan *p = &v->plan;
	bool adjust_again =
		resubmitted(r, arena_printf(&r->arena, "/plans/%lld/adjust", (long long)p->id));
	html(r,
	     "<section class=\"no-print owner-actions\"><h2>Thao tác</h2><div class=\"buttons\">");
	if (v->rights.edit)
		html(r, "<a class=\"button\" href=\"/plans/%D/edit\">Sửa thông tin kế hoạch</a> ",
		     p->id);
	if (p->status == PLAN_DRAFT || p->status == PLAN_COMMENT)
		html(r, "<a class=\"button\" href=\"/plans/%D/send\">%s</a> ", p->id,
		     p->status == PLAN_DRAFT ? "Gửi lấy ý kiến góp ý" : "Gửi lại lấy ý kiến góp ý");
	if (p->status == PLAN_DRAFT || p->status == PLAN_COMMENT || p->status == PLAN_ADJUSTING) {
		html(r,
		     "<form class=\"inline\" method=\"post\" action=\"/plans/%D/approve\""
		     " data-confirm=\"Phê duyệt, ban hành kế hoạch? Phiên bản ban hành sẽ không"
		     " sửa được nữa.\">",
		     p->id);
		html_csrf_field(r);
		html(r, "<button type=\"submit\" class=\"primary\">%s</button></form> ",
		     p->status == PLAN_ADJUSTING ? "Ban hành điều chỉnh, bổ sung"
						 : "Phê duyệt, ban hành");
	}
	if (p->status == PLAN_DRAFT && !p->version) {
		html(r,
		     "<form class=\"inline\" method=\"post\" action=\"/plans/%D/delete\""
		     " data-confirm=\"Xóa dự thảo kế hoạch này?\">",
		     p->id);
		html_csrf_field(r);
		html(r, "<button type=\"submit\">Xóa dự thảo</button></form>");
	}
	html(r, "</div>");
	if (p->status == PLAN_APPROVED) {
		html(r,
		     "<details%r><summary>Điều chỉnh, bổ sung</summary><form class=\"stack\""
		     " method=\"post\" action=\"/plans/%D/adjust\">",
		     adjust_again ? " open" : "", p->id);
		html_csrf_field(r);
		html(r,
		     "<label>Lý do điều chỉnh, bổ sung (nhiệm vụ mới, hạn chế phát hiện, yêu cầu"
		     " của cấp trên, góp ý của tổ chức, chi bộ, nhân dân…) <textarea name=\"reason\""
		     " required maxlength=\"2000\" rows=\"3\">%s</textarea></label><p><button"
		     " type=\"submit\" class=\"primary\">Mở điều chỉnh, bổ sung</button></p>"
		     "</form></details>",
		     adjust_again ? form_text(r, "reason") : "");
	}
	html(r, "</section>");
}

static void render_plan(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct plan *p = &v.plan;
	bool print = r->method == HTTP_GET && req_param_bool(r, "print");
	page_begin(r, p->title);
	html(r,
	     "<nav class=\"breadcrumb no-print\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch"
	     "</a> › <span aria-current=\"page\">%s</span></nav>",
	     p->title);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	if (!print)
		plan_facts(r, &v);
	plan_document(r, &v);
	if (print) {
		html(r,
		     "<p class=\"no-print\"><a href=\"/plans/%D\">‹ Trở lại trang kế hoạch</a> —"
		     " dùng lệnh In của trình duyệt (Ctrl+P) để in khổ A4.</p>",
		     p->id);
		page_end(r);
		resp_html(r, status);
		return;
	}
	if (v.rights.edit) {
		const char *action = arena_printf(&r->arena, "/plans/%lld/items", (long long)p->id);
		bool again = resubmitted(r, action);
		html(r,
		     "<section class=\"no-print\" id=\"add-item\"><details%r><summary>Thêm nội dung"
		     "</summary>",
		     again || v.n_items == 0 ? " open" : "");
		item_form(r, action, NULL, again, "Thêm nội dung");
		html(r, "</details></section>");
	}
	if (v.rights.own)
		owner_actions(r, &v);
	if (p->status != PLAN_DRAFT && v.n_recipients) {
		html(r, "<section class=\"no-print\"><h2>Nơi nhận góp ý</h2>");
		recipients_list(r, v.recipients, v.n_recipients);
		html(r, "</section>");
	}
	web_plan_comments_section(r, &v);
	web_assessment_plan_panel(r, p);
	html(r,
	     "<nav class=\"plan-links no-print\" aria-label=\"Liên quan\"><a href=\"/plans/%D/versions\">"
	     "Các phiên bản</a> · <a href=\"/plans/%D/history\">Lịch sử</a> · "
	     "<a href=\"/plans/%D/check\">Kiểm tra chất lượng</a> · "
	     "<a href=\"/plans/%D/cascade\">Triển khai xuống cấp dưới</a> · "
	     "<a href=\"/plans/%D/timeline\">Mốc thời gian</a> · "
	     "<a href=\"/plans/%D?print=1\">Bản in</a> · "
	     "<a href=\"/plans/%D/export.docx\">Tải về Word (DOCX)</a> · "
	     "<a href=\"/plans/%D/export.pdf\">Tải về PDF</a> · "
	     "<a href=\"/plans/%D/sheet\">Sửa hàng loạt bằng Excel</a></nav>",
	     p->id, p->id, p->id, p->id, p->id, p->id, p->id, p->id, p->id);
	page_end(r);
	resp_html(r, status);
}

static void plan_page(struct req *r)
{
	render_plan(r, r->ids[0], 200, NULL);
}

/* After a form on the plan page: back to it with a notice, or the page again
 * with the error. */
static void plan_form_done(struct req *r, int64_t plan_id, int rc, const struct kh_error *err,
			   const char *notice)
{
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/plans/%lld?notice=%s%s",
					      (long long)plan_id, notice,
					      strncmp(notice, "item", 4) == 0 ? "#add-item" : ""));
		return;
	}
	if (show_again(rc, err)) {
		render_plan(r, plan_id, http_status_for(rc), err);
		return;
	}
	resp_error(r, err);
}

static void form_item_create(struct req *r)
{
	struct kh_error err;
	struct plan_item_input in;
	struct plan_item it;
	int rc = form_item_input(r, &in, &err);
	if (!rc)
		rc = app_plan_item_create(&r->ctx, r->ids[0], &in, &it, &err);
	plan_form_done(r, r->ids[0], rc, &err, "item_added");
}

/* ---- editing the plan ---- */

static void render_edit(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct plan *p = &v.plan;
	if (!v.rights.edit && !e) {
		resp_fail(r,
			  p->status == PLAN_APPROVED || p->status == PLAN_CLOSED ? KH_ECONFLICT
										 : KH_EFORBIDDEN,
			  p->status == PLAN_APPROVED || p->status == PLAN_CLOSED
				  ? "Kế hoạch đã ban hành: muốn sửa, mở điều chỉnh, bổ sung"
				  : "Bạn không có quyền sửa kế hoạch này");
		return;
	}
	bool again = e != NULL;
	struct buf src;
	buf_init(&src, 64 * 1024);
	for (int i = 0; i < v.n_sources; i++)
		buf_printf(&src, "%s%s", i ? "\n" : "",
			   *v.sources[i].number ? v.sources[i].number
						: id_text(r, v.sources[i].id));
	const char *sources = arena_strdup(&r->arena, src.data ? src.data : "");
	buf_release(&src);
	int64_t form = again ? req_param_int(r, "form", p->form) : p->form;
	page_begin(r, "Sửa thông tin kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Sửa thông tin</span>"
	     "</nav><h1>Sửa thông tin kế hoạch</h1>",
	     p->id, p->title);
	if (e)
		html_error_box(r, e);
	html(r, "<form class=\"stack wide\" method=\"post\" action=\"/plans/%D\">", p->id);
	html_csrf_field(r);
	html(r,
	     "<label>Tên kế hoạch <input name=\"title\" maxlength=\"500\" value=\"%s\"></label>"
	     "<fieldset><legend>Mẫu kế hoạch</legend><label><input type=\"radio\" name=\"form\""
	     " value=\"1\"%r> Mẫu 1</label><label><input type=\"radio\" name=\"form\" value=\"2\""
	     "%r> Mẫu 2</label></fieldset>"
	     "<label>I. Mục đích, yêu cầu <textarea name=\"goals\" rows=\"6\">%s</textarea></label>"
	     "<label>III. Tổ chức thực hiện <textarea name=\"organization\" rows=\"5\">%s"
	     "</textarea></label><label>Kế hoạch cấp trên (mã số) <input type=\"number\""
	     " min=\"1\" name=\"upper_plan_id\" value=\"%s\"></label>"
	     "<label>Văn bản căn cứ (mỗi văn bản một dòng) <textarea name=\"sources\" rows=\"3\">"
	     "%s</textarea></label><p><button type=\"submit\" class=\"primary\">Lưu</button>"
	     " <a href=\"/plans/%D\">Hủy</a></p></form>",
	     again ? form_text(r, "title") : p->title, form != 2 ? " checked" : "",
	     form == 2 ? " checked" : "", again ? form_text(r, "goals") : p->goals,
	     again ? form_text(r, "organization") : p->organization,
	     again ? form_text(r, "upper_plan_id") : id_text(r, p->upper_plan_id),
	     again ? form_text(r, "sources") : sources, p->id);
	page_end(r);
	resp_html(r, status);
}

static void edit_page(struct req *r)
{
	render_edit(r, r->ids[0], 200, NULL);
}

static void form_update(struct req *r)
{
	struct kh_error err;
	struct plan_input in;
	struct plan p;
	int rc = form_plan_input(r, &in, false, &err);
	if (!rc)
		rc = app_plan_update(&r->ctx, r->ids[0], &in, &p, &err);
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/plans/%lld?notice=updated",
					      (long long)r->ids[0]));
		return;
	}
	if (show_again(rc, &err)) {
		render_edit(r, r->ids[0], http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

/* ---- the life: send, approve, adjust, delete ---- */

static void render_send(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct plan_view v;
	struct plan_recipient *rec = NULL;
	int n = 0;
	if (app_plan_get(&r->ctx, id, &v, &err) ||
	    app_plan_recipients(&r->ctx, id, &rec, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct plan *p = &v.plan;
	page_begin(r, "Gửi lấy ý kiến góp ý");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Gửi lấy ý kiến</span>"
	     "</nav><h1>Gửi lấy ý kiến góp ý</h1>",
	     p->id, p->title);
	if (e)
		html_error_box(r, e);
	html(r,
	     "<p>Kế hoạch <strong>%s</strong> (%s, %d nội dung) sẽ được gửi đến các nơi sau để"
	     " lấy ý kiến góp ý. Phiên bản gửi đi được lưu lại, không sửa được.</p>",
	     p->title, years_text(r, p), v.n_items);
	if (n == 0) {
		html(r, "<p class=\"muted\">Không xác định được nơi nhận từ cơ cấu tổ chức.</p>");
	} else {
		html(r, "<table class=\"recipients\"><thead><tr><th>Nơi nhận</th><th>Vai trò</th>"
			"</tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			html(r, "<tr><td><a href=\"/orgs/%D\">%s</a></td><td>%s</td></tr>",
			     rec[i].org_id, rec[i].org_name,
			     rec[i].role_label ? rec[i].role_label
					       : app_plan_recipient_role_label(rec[i].role));
		html(r, "</tbody></table>");
	}
	if (v.rights.own) {
		html(r, "<form method=\"post\" action=\"/plans/%D/send\">", p->id);
		html_csrf_field(r);
		html(r,
		     "<p><button type=\"submit\" class=\"primary\">Gửi lấy ý kiến góp ý</button>"
		     " <a href=\"/plans/%D\">Hủy</a></p></form>",
		     p->id);
	}
	page_end(r);
	resp_html(r, status);
}

static void send_page(struct req *r)
{
	render_send(r, r->ids[0], 200, NULL);
}

static void form_send(struct req *r)
{
	struct kh_error err;
	struct plan p;
	int rc = app_plan_send(&r->ctx, r->ids[0], &p, &err);
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/plans/%lld?notice=sent",
					      (long long)r->ids[0]));
		return;
	}
	if (show_again(rc, &err)) {
		render_send(r, r->ids[0], http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

static void form_approve(struct req *r)
{
	struct kh_error err;
	struct plan p;
	int rc = app_plan_approve(&r->ctx, r->ids[0], &p, &err);
	plan_form_done(r, r->ids[0], rc, &err, "approved");
}

static void form_adjust(struct req *r)
{
	struct kh_error err;
	struct plan p;
	int rc = app_plan_adjust_open(&r->ctx, r->ids[0], form_text(r, "reason"), &p, &err);
	plan_form_done(r, r->ids[0], rc, &err, "adjusting");
}

static void form_delete(struct req *r)
{
	struct kh_error err;
	int rc = app_plan_delete(&r->ctx, r->ids[0], &err);
	if (rc == 0) {
		resp_redirect(r, "/plans?notice=deleted");
		return;
	}
	plan_form_done(r, r->ids[0], rc, &err, "deleted");
}

/* ---- items ---- */

static void render_item_edit(struct req *r, int64_t item_id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct plan_item it;
	struct plan_rights rights;
	struct plan p;
	if (app_plan_item_get(&r->ctx, item_id, &it, &rights, &err) ||
	    readable_plan(r, it.plan_id, &p, &rights, &err)) {
		resp_error(r, &err);
		return;
	}
	if (!rights.edit && !e) {
		bool frozen = p.status == PLAN_APPROVED || p.status == PLAN_CLOSED;
		resp_fail(r, frozen && rights.own ? KH_ECONFLICT : KH_EFORBIDDEN,
			  frozen && rights.own
				  ? "Kế hoạch đã ban hành: muốn sửa, mở điều chỉnh, bổ sung"
				  : "Bạn không có quyền sửa nội dung này");
		return;
	}
	page_begin(r, "Sửa nội dung kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D#item-%D\">%s</a> › <span aria-current=\"page\">Sửa nội dung số"
	     " %d</span></nav><h1>Sửa nội dung kế hoạch</h1>",
	     p.id, it.id, p.title, it.seq);
	if (e)
		html_error_box(r, e);
	item_form(r, arena_printf(&r->arena, "/items/%lld", (long long)it.id), &it, e != NULL,
		  "Lưu");
	html(r, "<p><a href=\"/plans/%D#item-%D\">‹ Trở lại kế hoạch</a></p>", p.id, it.id);
	page_end(r);
	resp_html(r, status);
}

static void item_edit_page(struct req *r)
{
	render_item_edit(r, r->ids[0], 200, NULL);
}

/* The plan an item belongs to, for the redirect after its forms. */
static int item_plan(struct req *r, int64_t item_id, int64_t *plan_id, struct kh_error *err)
{
	struct plan_item it;
	struct plan_rights rights;
	int rc = app_plan_item_get(&r->ctx, item_id, &it, &rights, err);
	if (!rc)
		*plan_id = it.plan_id;
	return rc;
}

static void form_item_update(struct req *r)
{
	struct kh_error err;
	struct plan_item_input in;
	struct plan_item it;
	int64_t plan_id = 0;
	int rc = item_plan(r, r->ids[0], &plan_id, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	rc = form_item_input(r, &in, &err);
	if (!rc)
		rc = app_plan_item_update(&r->ctx, r->ids[0], &in, &it, &err);
	if (rc == 0) {
		resp_redirect(r,
			      arena_printf(&r->arena, "/plans/%lld?notice=item_updated#item-%lld",
					   (long long)plan_id, (long long)r->ids[0]));
		return;
	}
	if (show_again(rc, &err)) {
		render_item_edit(r, r->ids[0], http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

static void form_item_delete(struct req *r)
{
	struct kh_error err;
	int64_t plan_id = 0;
	int rc = item_plan(r, r->ids[0], &plan_id, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	rc = app_plan_item_delete(&r->ctx, r->ids[0], &err);
	plan_form_done(r, plan_id, rc, &err, "item_deleted");
}

static void form_item_move(struct req *r)
{
	struct kh_error err;
	int64_t plan_id = 0;
	int rc = item_plan(r, r->ids[0], &plan_id, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	int64_t seq = req_param_int(r, "seq", 0);
	if (seq < 1 || seq > PLAN_ITEMS_MAX)
		rc = kh_fail(&err, KH_EINVAL, "seq", "Vị trí phải là số từ 1 đến số nội dung");
	else
		rc = app_plan_item_move(&r->ctx, r->ids[0], (int)seq, &err);
	plan_form_done(r, plan_id, rc, &err, "item_moved");
}

static void form_proposal(struct req *r)
{
	struct kh_error err;
	int64_t plan_id = 0;
	int rc = item_plan(r, r->ids[0], &plan_id, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	rc = app_plan_proposal_answer(&r->ctx, r->ids[0], form_text(r, "state"),
				      form_text(r, "note"), &err);
	plan_form_done(r, plan_id, rc, &err, "answered");
}

/* ---- versions and the diff ---- */

static const char *version_kind_label(const char *kind)
{
	if (strcmp(kind, "sent") == 0)
		return "Gửi lấy ý kiến";
	if (strcmp(kind, "approved") == 0)
		return "Phê duyệt";
	if (strcmp(kind, "adjustment") == 0)
		return "Điều chỉnh, bổ sung";
	return kind;
}

static void version_options(struct req *r, const struct plan_version *v, int n, int selected,
			    bool working)
{
	if (working)
		html(r, "<option value=\"0\"%r>Bản đang soạn thảo</option>",
		     selected == 0 ? " selected" : "");
	for (int i = 0; i < n; i++)
		html(r, "<option value=\"%d\"%r>Phiên bản %d — %s</option>", v[i].number,
		     selected == v[i].number ? " selected" : "", v[i].number,
		     version_kind_label(v[i].kind));
}

static void compare_form(struct req *r, int64_t id, const struct plan_version *v, int n, int a,
			 int b)
{
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/plans/%D/diff\"><label>So sánh"
	     " <select name=\"a\">",
	     id);
	version_options(r, v, n, a, false);
	html(r, "</select></label><label>với <select name=\"b\">");
	version_options(r, v, n, b, true);
	html(r, "</select></label><button type=\"submit\">So sánh</button></form>");
}

static void versions_page(struct req *r)
{
	struct kh_error err;
	struct plan p;
	struct plan_rights rights;
	struct plan_version *v = NULL;
	int n = 0;
	int64_t id = r->ids[0];
	if (readable_plan(r, id, &p, &rights, &err) ||
	    app_plan_versions(&r->ctx, id, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Các phiên bản kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Các phiên bản</span>"
	     "</nav><h1>Các phiên bản kế hoạch</h1>",
	     id, p.title);
	if (n == 0) {
		html(r, "<p class=\"muted\">Kế hoạch chưa gửi đi lần nào: chưa có phiên bản.</p>");
	} else {
		html(r,
		     "<table class=\"versions\"><thead><tr><th>Phiên bản</th><th>Loại</th>"
		     "<th>Lý do</th><th>Người thực hiện</th><th>Thời điểm</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++)
			html(r,
			     "<tr><td><a href=\"/plans/%D/version?n=%d\">%d</a></td><td>%s</td>"
			     "<td>%s</td><td>%s</td><td>%s</td></tr>",
			     id, v[i].number, v[i].number, version_kind_label(v[i].kind),
			     v[i].reason ? v[i].reason : "",
			     v[i].created_by_name ? v[i].created_by_name : "",
			     format_time(r, v[i].created_at));
		html(r, "</tbody></table>");
		compare_form(r, id, v, n, n > 1 ? v[n - 2].number : v[0].number,
			     n > 1 ? v[n - 1].number : 0);
	}
	html(r, "<p><a href=\"/plans/%D\">‹ Trở lại kế hoạch</a></p>", id);
	page_end(r);
	resp_html(r, 200);
}

/* The plan's history: every change and every comment's life, oldest first. */
static void history_page(struct req *r)
{
	struct kh_error err;
	struct plan p;
	struct plan_rights rights;
	struct plan_event *ev = NULL;
	int n = 0;
	int64_t id = r->ids[0];
	if (readable_plan(r, id, &p, &rights, &err) ||
	    app_plan_history(&r->ctx, id, &ev, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Lịch sử kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Lịch sử</span>"
	     "</nav><h1>Lịch sử kế hoạch</h1>",
	     id, p.title);
	html(r, "<table class=\"history\"><thead><tr><th>Thời điểm</th><th>Việc</th>"
		"<th>Người thực hiện</th><th>Nội dung</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html(r, "<tr><td>%s</td><td>", format_time(r, ev[i].at));
		if (ev[i].comment_id)
			html(r, "<a href=\"/plans/%D#comment-%D\">%s</a>", id, ev[i].comment_id,
			     ev[i].label);
		else
			html(r, "%s", ev[i].label);
		html(r, "</td><td>%s</td><td>%s</td></tr>", ev[i].who, ev[i].detail);
	}
	html(r, "</tbody></table><p><a href=\"/plans/%D\">‹ Trở lại kế hoạch</a></p>", id);
	page_end(r);
	resp_html(r, 200);
}

/* One version read-only: the snapshot's plan fields and items. */
static void version_page(struct req *r)
{
	struct kh_error err;
	struct plan_version ver;
	int64_t id = r->ids[0], number = req_param_int(r, "n", -1);
	if (number < 0 || number > 1000000) {
		resp_fail(r, KH_EINVAL, "Cần số phiên bản: n (0 = bản đang soạn thảo)");
		return;
	}
	if (app_plan_version_get(&r->ctx, id, (int)number, &ver, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *snap = json_loads(ver.snapshot ? ver.snapshot : "{}", 0, NULL);
	const char *title = snap ? json_string_value(json_object_get(snap, "title")) : NULL;
	page_begin(r, "Phiên bản kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <a href=\"/plans/%D/versions\">Các phiên bản</a> › "
	     "<span aria-current=\"page\">Phiên bản %d</span></nav>"
	     "<h1>Phiên bản %d — %s</h1><p class=\"muted\">%s, %s%r%s</p>",
	     id, title ? title : "Kế hoạch", id, ver.number, ver.number,
	     version_kind_label(ver.kind), ver.created_by_name ? ver.created_by_name : "",
	     format_time(r, ver.created_at), ver.reason && *ver.reason ? ". Lý do: " : "",
	     ver.reason ? ver.reason : "");
	if (snap) {
		html(r, "<h2>I. MỤC ĐÍCH, YÊU CẦU</h2>");
		prose(r, json_string_value(json_object_get(snap, "goals")), "Không ghi.");
		html(r, "<h2>II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP</h2><table class=\"items\"><thead>"
			"<tr><th class=\"no\">TT</th><th>Nội dung</th><th>Chủ trì</th><th>Phối hợp"
			"</th><th>Thời gian hoàn thành</th></tr></thead><tbody>");
		json_t *items = json_object_get(snap, "items");
		size_t i;
		json_t *it;
		json_array_foreach(items, i, it)
		{
			json_t *lead = json_object_get(it, "lead");
			json_t *co = json_object_get(it, "coordinators");
			json_t *dl = json_object_get(it, "deadline");
			const char *lead_name = json_string_value(json_object_get(lead, "name"));
			html(r,
			     "<tr><td class=\"no\">%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s"
			     "</td></tr>",
			     (int)i + 1, json_string_value(json_object_get(it, "text")),
			     lead_name && *lead_name
				     ? lead_name
				     : json_string_value(json_object_get(lead, "as_written")),
			     json_string_value(json_object_get(co, "as_written")),
			     json_string_value(json_object_get(dl, "as_written")));
		}
		html(r, "</tbody></table><h2>III. TỔ CHỨC THỰC HIỆN</h2>");
		prose(r, json_string_value(json_object_get(snap, "organization")), "Không ghi.");
		json_decref(snap);
	}
	page_end(r);
	resp_html(r, 200);
}

static const char *field_label(const char *field)
{
	static const struct {
		const char *field, *label;
	} labels[] = {
		{"text", "Nội dung"},
		{"measures", "Biện pháp"},
		{"lead", "Chủ trì"},
		{"lead.name", "Tổ chức chủ trì"},
		{"coordinator_org_ids", "Tổ chức phối hợp"},
		{"coordinators", "Phối hợp"},
		{"coordinate_with", "Phối hợp với"},
		{"deadline", "Thời gian hoàn thành"},
		{"resources", "Nguồn lực"},
		{"serves", "Phục vụ mục tiêu, chỉ tiêu"},
		{"section", "Mục"},
		{"kind", "Loại"},
		{"category", "Nhóm công việc"},
		{"part", "Phần"},
		{"seq", "Thứ tự"},
		{"addressee", "Nơi nhận đề xuất"},
		{"upper_item_id", "Nội dung kế hoạch cấp trên"},
		{"plan.title", "Tên kế hoạch"},
		{"plan.goals", "Mục đích, yêu cầu"},
		{"plan.organization", "Tổ chức thực hiện"},
		{"plan.form", "Mẫu kế hoạch"},
		{"plan.upper_plan_id", "Kế hoạch cấp trên"},
		{"plan.sources", "Văn bản căn cứ"},
	};
	if (!field)
		return "";
	for (size_t i = 0; i < KH_ARRAY_LEN(labels); i++)
		if (strcmp(labels[i].field, field) == 0)
			return labels[i].label;
	return field;
}

static int diff_params(struct req *r, int *a, int *b, struct kh_error *err)
{
	int64_t va = req_param_int(r, "a", -1), vb = req_param_int(r, "b", 0);
	if (va < 0 || va > 1000000 || vb < 0 || vb > 1000000)
		return kh_fail(err, KH_EINVAL, "a",
			       "Cần hai phiên bản để so sánh: a (số phiên bản) và b (0 = bản đang"
			       " soạn thảo)");
	*a = (int)va;
	*b = (int)vb;
	return 0;
}

static void diff_page(struct req *r)
{
	struct kh_error err;
	struct plan p;
	struct plan_rights rights;
	struct plan_version *vers = NULL;
	struct plan_diff_line *d = NULL;
	int n_vers = 0, n = 0, a = 0, b = 0;
	int64_t id = r->ids[0];
	if (diff_params(r, &a, &b, &err) || readable_plan(r, id, &p, &rights, &err) ||
	    app_plan_versions(&r->ctx, id, &vers, &n_vers, &err) ||
	    app_plan_diff(&r->ctx, id, a, b, &d, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	const char *bname = b ? arena_printf(&r->arena, "phiên bản %d", b) : "bản đang soạn thảo";
	page_begin(r, "So sánh phiên bản");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <a href=\"/plans/%D/versions\">Các phiên bản</a> › "
	     "<span aria-current=\"page\">So sánh</span></nav>"
	     "<h1>So sánh phiên bản %d với %s</h1>",
	     id, p.title, id, a, bname);
	compare_form(r, id, vers, n_vers, a, b);
	if (n == 0) {
		html(r, "<p class=\"muted\">Không có thay đổi.</p>");
	} else {
		html(r, "<table class=\"diff\"><thead><tr><th>Thay đổi</th><th>Nội dung số</th>"
			"<th>Mục</th><th>Trước</th><th>Sau</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const char *c = d[i].change;
			const char *label = strcmp(c, "added") == 0	? "Thêm"
					    : strcmp(c, "removed") == 0 ? "Bỏ"
									: "Sửa";
			html(r, "<tr class=\"diff-%s\"><td>%s</td><td>", c, label);
			if (d[i].item_id)
				html(r, "%D", d[i].item_id);
			html(r,
			     "</td><td>%s</td><td class=\"before\">%s</td><td class=\"after\">%s"
			     "</td></tr>",
			     field_label(d[i].field), d[i].before ? d[i].before : "",
			     d[i].after ? d[i].after : "");
		}
		html(r, "</tbody></table>");
	}
	page_end(r);
	resp_html(r, 200);
}

/* ---- cascade ---- */

static void cascade_page(struct req *r)
{
	struct kh_error err;
	struct plan p;
	struct plan_rights rights;
	struct plan_cascade_row *rows = NULL;
	int n = 0;
	int64_t id = r->ids[0];
	if (readable_plan(r, id, &p, &rights, &err) ||
	    app_plan_cascade(&r->ctx, id, &rows, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	int total = 0, answered = 0;
	for (int i = 0; i < n; i++) {
		total += rows[i].n_orgs;
		answered += rows[i].n_answered;
	}
	page_begin(r, "Triển khai xuống cấp dưới");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Triển khai</span></nav>"
	     "<h1>Triển khai xuống cấp dưới</h1>",
	     id, p.title);
	if (n == 0) {
		html(r,
		     "<p class=\"muted\">Kế hoạch không có nội dung nào giao cho tổ chức khác.</p>");
	} else {
		html(r,
		     "<p class=\"summary\">%d nội dung giao cho tổ chức khác; %d/%d lượt giao đã có"
		     " kế hoạch thực hiện, %d chưa có.</p>",
		     n, answered, total, total - answered);
		html(r,
		     "<table class=\"cascade\"><thead><tr><th class=\"no\">TT</th><th>Nội dung"
		     "</th><th>Tổ chức được giao</th><th>Đã có kế hoạch</th></tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			const struct plan_cascade_row *row = &rows[i];
			html(r,
			     "<tr id=\"item-%D\"><td class=\"no\">%d</td><td>%s</td><td><ul"
			     " class=\"plain\">",
			     row->item.id, row->item.seq, row->item.text);
			for (int k = 0; k < row->n_orgs; k++) {
				const struct plan_cascade_org *o = &row->orgs[k];
				html(r, "<li><a href=\"/orgs/%D\">%s</a>: ", o->org_id,
				     o->org_name);
				if (o->answer_item_id)
					html(r,
					     "<span class=\"ok\">Đã có kế hoạch</span> (<a"
					     " href=\"/plans/%D#item-%D\">xem</a>)",
					     o->answer_plan_id, o->answer_item_id);
				else
					html(r, "<span class=\"bad\">Chưa có</span>");
				html(r, "</li>");
			}
			html(r, "</ul></td><td>%d/%d</td></tr>", row->n_answered, row->n_orgs);
		}
		html(r, "</tbody></table>");
	}
	html(r, "<p><a href=\"/plans/%D\">‹ Trở lại kế hoạch</a></p>", id);
	page_end(r);
	resp_html(r, 200);
}

/* ---- API ---- */

static int need_json(struct req *r, struct kh_error *err)
{
	if (!r->json || !json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cần gửi dữ liệu JSON (Content-Type: application/json)");
	return 0;
}

/* An array of positive ids; absent leaves *n = -1. */
static int json_ids(struct req *r, const char *name, int max, int64_t **out, int *n,
		    struct kh_error *err)
{
	json_t *a = json_object_get(r->json, name);
	*n = -1;
	if (!a)
		return 0;
	if (json_is_null(a)) {
		*n = 0;
		return 0;
	}
	if (!json_is_array(a) || json_array_size(a) > (size_t)max)
		return kh_fail(err, KH_EINVAL, name,
			       "Trường «%s» phải là danh sách mã số (nhiều nhất %d)", name, max);
	size_t cnt = json_array_size(a);
	int64_t *v = arena_alloc(&r->arena, sizeof(*v) * (cnt ? cnt : 1));
	for (size_t i = 0; i < cnt; i++) {
		json_t *x = json_array_get(a, i);
		if (!json_is_integer(x) || json_integer_value(x) <= 0)
			return kh_fail(err, KH_EINVAL, name,
				       "Trường «%s» phải là danh sách mã số nguyên dương", name);
		v[i] = json_integer_value(x);
	}
	*out = v;
	*n = (int)cnt;
	return 0;
}

/* The plan fields of a JSON body; create = POST (owner, scope, years). */
static int json_plan_input(struct req *r, struct plan_input *in, bool create, struct kh_error *err)
{
	int64_t owner_org = 0, owner_person = 0, yf = 0, yt = 0, form = 0, upper = 0;
	int64_t *ids = NULL;
	int n = -1, rc;
	memset(in, 0, sizeof(*in));
	if ((rc = need_json(r, err)) ||
	    (rc = json_field_text(r, "title", false, false, &in->title, err)) ||
	    (rc = json_field_text(r, "goals", false, true, &in->goals, err)) ||
	    (rc = json_field_text(r, "organization", false, true, &in->organization, err)) ||
	    (rc = json_field_int(r, "form", false, 1, 2, &form, err)) ||
	    (rc = json_field_int(r, "upper_plan_id", false, 1, INT64_MAX, &upper, err)) ||
	    (rc = json_ids(r, "source_ids", SOURCES_MAX, &ids, &n, err)))
		return rc;
	in->form = (int)form;
	in->upper_plan_id = upper;
	in->set_upper = json_has(r, "upper_plan_id");
	if (n >= 0) {
		in->source_ids = ids;
		in->n_sources = n;
		in->set_sources = true;
	}
	if (!create)
		return 0;
	if ((rc = json_field_int(r, "owner_org_id", false, 1, INT64_MAX, &owner_org, err)) ||
	    (rc = json_field_int(r, "owner_person_id", false, 1, INT64_MAX, &owner_person, err)) ||
	    (rc = json_field_text(r, "scope", true, false, &in->scope, err)) ||
	    (rc = json_field_int(r, "year_from", true, 1, 9999, &yf, err)) ||
	    (rc = json_field_int(r, "year_to", false, 1, 9999, &yt, err)) ||
	    (rc = json_field_bool(r, "cascade", false, &in->cascade, err)) ||
	    (rc = json_field_bool(r, "carry_over", false, &in->carry_over, err)))
		return rc;
	in->owner_org_id = owner_org;
	in->owner_person_id = owner_person;
	in->year_from = (int)yf;
	in->year_to = (int)yt;
	return 0;
}

static void api_plan_answer(struct req *r, int64_t id, int status)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, status, view_json(&v));
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct plan_query q;
	struct plan_page page;
	if (list_query(r, &q, &err) || app_plan_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < page.n; i++)
		json_array_append_new(a, app_plan_json(&page.items[i], NULL, 0));
	resp_json(r, 200,
		  json_pack("{s:o, s:I, s:i, s:i}", "plans", a, "total", (json_int_t)page.total,
			    "limit", page.limit, "offset", page.offset));
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct plan_input in;
	struct plan p;
	if (json_plan_input(r, &in, true, &err) || app_plan_create(&r->ctx, &in, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_plan_answer(r, p.id, 201);
}

static void api_get(struct req *r)
{
	api_plan_answer(r, r->ids[0], 200);
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	struct plan_input in;
	struct plan p;
	if (json_plan_input(r, &in, false, &err) ||
	    app_plan_update(&r->ctx, r->ids[0], &in, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_plan_answer(r, r->ids[0], 200);
}

static void api_delete(struct req *r)
{
	struct kh_error err;
	if (app_plan_delete(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

static int json_item_input(struct req *r, struct plan_item_input *in, struct kh_error *err)
{
	int64_t part = 0, lead_org = 0, lead_person = 0, addr_org = 0, upper = 0, after = 0;
	int32_t ds = 0, de = 0;
	int64_t *co = NULL;
	int n_co = -1, rc;
	memset(in, 0, sizeof(*in));
	if ((rc = need_json(r, err)) || (rc = json_field_int(r, "part", false, 1, 3, &part, err)) ||
	    (rc = json_field_text(r, "section", false, false, &in->section, err)) ||
	    (rc = json_field_text(r, "kind", false, false, &in->kind, err)) ||
	    (rc = json_field_text(r, "category", false, false, &in->category, err)) ||
	    (rc = json_field_text(r, "text", false, true, &in->text, err)) ||
	    (rc = json_field_text(r, "measures", false, true, &in->measures, err)) ||
	    (rc = json_field_int(r, "lead_org_id", false, 1, INT64_MAX, &lead_org, err)) ||
	    (rc = json_field_bool(r, "lead_group", false, &in->lead_group, err)) ||
	    (rc = json_field_int(r, "lead_person_id", false, 1, INT64_MAX, &lead_person, err)) ||
	    (rc = json_field_text(r, "lead_text", false, false, &in->lead_text, err)) ||
	    (rc = json_field_text(r, "coordinators", false, false, &in->coordinators, err)) ||
	    (rc = json_ids(r, "coordinator_org_ids", COORDINATOR_ORGS_MAX, &co, &n_co, err)) ||
	    (rc = json_field_text(r, "coordinate_with", false, false, &in->coordinate_with, err)) ||
	    (rc = json_field_text(r, "addressee", false, false, &in->addressee, err)) ||
	    (rc = json_field_int(r, "addressee_org_id", false, 1, INT64_MAX, &addr_org, err)) ||
	    (rc = json_field_text(r, "deadline_text", false, false, &in->deadline_text, err)) ||
	    (rc = json_field_text(r, "deadline_kind", false, false, &in->deadline_kind, err)) ||
	    (rc = json_field_date(r, "deadline_start", false, &ds, err)) ||
	    (rc = json_field_date(r, "deadline_end", false, &de, err)) ||
	    (rc = json_field_text(r, "resources", false, true, &in->resources, err)) ||
	    (rc = json_field_text(r, "serves", false, true, &in->serves, err)) ||
	    (rc = json_field_int(r, "upper_item_id", false, 1, INT64_MAX, &upper, err)) ||
	    (rc = json_field_int(r, "after_seq", false, -1, PLAN_ITEMS_MAX, &after, err)))
		return rc;
	in->part = (int)part;
	in->lead_org_id = lead_org;
	in->lead_person_id = lead_person;
	in->set_lead = json_has(r, "lead_org_id") || json_has(r, "lead_group") ||
		       json_has(r, "lead_person_id") || json_has(r, "lead_text");
	if (in->set_lead && !in->lead_text)
		in->lead_text = "";
	if (n_co >= 0) {
		in->coordinator_org_ids = co;
		in->n_coordinator_orgs = n_co;
		in->set_coordinator_orgs = true;
	}
	in->addressee_org_id = addr_org;
	in->set_addressee = json_has(r, "addressee_org_id");
	in->deadline_start = ds;
	in->deadline_end = de;
	in->upper_item_id = upper;
	in->set_upper_item = json_has(r, "upper_item_id");
	in->after_seq = (int)after;
	return 0;
}

static void api_item_answer(struct req *r, int64_t item_id, int status)
{
	struct kh_error err;
	struct plan_item it;
	struct plan_rights rights;
	if (app_plan_item_get(&r->ctx, item_id, &it, &rights, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *j = app_plan_item_json(&it);
	json_object_set_new(j, "rights", rights_json(&rights));
	resp_json(r, status, j);
}

static void api_items(struct req *r)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < v.n_items; i++)
		json_array_append_new(a, app_plan_item_json(&v.items[i]));
	resp_json(r, 200, json_pack("{s:I, s:o}", "plan_id", (json_int_t)r->ids[0], "items", a));
}

static void api_item_create(struct req *r)
{
	struct kh_error err;
	struct plan_item_input in;
	struct plan_item it;
	if (json_item_input(r, &in, &err) ||
	    (!in.text && kh_fail(&err, KH_EINVAL, "text", "Thiếu trường «text»")) ||
	    app_plan_item_create(&r->ctx, r->ids[0], &in, &it, &err)) {
		resp_error(r, &err);
		return;
	}
	api_item_answer(r, it.id, 201);
}

static void api_item_get(struct req *r)
{
	api_item_answer(r, r->ids[0], 200);
}

static void api_item_patch(struct req *r)
{
	struct kh_error err;
	struct plan_item_input in;
	struct plan_item it;
	if (json_item_input(r, &in, &err) ||
	    app_plan_item_update(&r->ctx, r->ids[0], &in, &it, &err)) {
		resp_error(r, &err);
		return;
	}
	api_item_answer(r, r->ids[0], 200);
}

static void api_item_delete(struct req *r)
{
	struct kh_error err;
	if (app_plan_item_delete(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

static void api_item_move(struct req *r)
{
	struct kh_error err;
	int64_t seq = 0;
	if (need_json(r, &err) || json_field_int(r, "seq", true, 1, PLAN_ITEMS_MAX, &seq, &err) ||
	    app_plan_item_move(&r->ctx, r->ids[0], (int)seq, &err)) {
		resp_error(r, &err);
		return;
	}
	api_item_answer(r, r->ids[0], 200);
}

static void api_proposal(struct req *r)
{
	struct kh_error err;
	const char *state = NULL, *note = "";
	if (need_json(r, &err) || json_field_text(r, "state", true, false, &state, &err) ||
	    json_field_text(r, "note", false, true, &note, &err) ||
	    app_plan_proposal_answer(&r->ctx, r->ids[0], state, note, &err)) {
		resp_error(r, &err);
		return;
	}
	api_item_answer(r, r->ids[0], 200);
}

static void api_recipients(struct req *r)
{
	struct kh_error err;
	struct plan_recipient *v = NULL;
	int n = 0;
	if (app_plan_recipients(&r->ctx, r->ids[0], &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200,
		  json_pack("{s:I, s:o}", "plan_id", (json_int_t)r->ids[0], "recipients",
			    recipients_json(v, n)));
}

static void api_send(struct req *r)
{
	struct kh_error err;
	struct plan p;
	if (app_plan_send(&r->ctx, r->ids[0], &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_plan_answer(r, r->ids[0], 200);
}

static void api_approve(struct req *r)
{
	struct kh_error err;
	struct plan p;
	if (app_plan_approve(&r->ctx, r->ids[0], &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_plan_answer(r, r->ids[0], 200);
}

static void api_adjust(struct req *r)
{
	struct kh_error err;
	struct plan p;
	const char *reason = NULL;
	if (need_json(r, &err) || json_field_text(r, "reason", true, true, &reason, &err) ||
	    app_plan_adjust_open(&r->ctx, r->ids[0], reason, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_plan_answer(r, r->ids[0], 200);
}

static json_t *version_json(const struct plan_version *v, bool snapshot)
{
	json_t *j = json_pack("{s:I, s:i, s:s, s:s, s:s, s:I, s:I, s:s}", "plan_id",
			      (json_int_t)v->plan_id, "number", v->number, "kind", v->kind,
			      "kind_label", version_kind_label(v->kind), "reason",
			      v->reason ? v->reason : "", "created_at", (json_int_t)v->created_at,
			      "created_by", (json_int_t)v->created_by, "created_by_name",
			      v->created_by_name ? v->created_by_name : "");
	if (snapshot) {
		json_t *s = v->snapshot ? json_loads(v->snapshot, 0, NULL) : NULL;
		json_object_set_new(j, "snapshot", s ? s : json_null());
	}
	return j;
}

static void api_versions(struct req *r)
{
	struct kh_error err;
	struct plan_version *v = NULL;
	int n = 0;
	if (app_plan_versions(&r->ctx, r->ids[0], &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, version_json(&v[i], false));
	resp_json(r, 200, json_pack("{s:I, s:o}", "plan_id", (json_int_t)r->ids[0], "versions", a));
}

static void api_history(struct req *r)
{
	struct kh_error err;
	struct plan_event *ev = NULL;
	int n = 0;
	if (app_plan_history(&r->ctx, r->ids[0], &ev, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, app_plan_event_json(&ev[i]));
	resp_json(r, 200, json_pack("{s:I, s:o}", "plan_id", (json_int_t)r->ids[0], "events", a));
}

static void api_version(struct req *r)
{
	struct kh_error err;
	struct plan_version v;
	int64_t number = req_param_int(r, "n", -1);
	if (number < 0 || number > 1000000) {
		resp_fail(r, KH_EINVAL, "Cần số phiên bản: n (0 = bản đang soạn thảo)");
		return;
	}
	if (app_plan_version_get(&r->ctx, r->ids[0], (int)number, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, version_json(&v, true));
}

static void api_diff(struct req *r)
{
	struct kh_error err;
	struct plan_diff_line *d = NULL;
	int n = 0, a = 0, b = 0;
	if (diff_params(r, &a, &b, &err) || app_plan_diff(&r->ctx, r->ids[0], a, b, &d, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *c = json_pack("{s:s, s:s}", "change", d[i].change, "field",
				      d[i].field ? d[i].field : "");
		json_object_set_new(c, "item_id",
				    d[i].item_id ? json_integer(d[i].item_id) : json_null());
		json_object_set_new(c, "before",
				    d[i].before ? json_string(d[i].before) : json_null());
		json_object_set_new(c, "after", d[i].after ? json_string(d[i].after) : json_null());
		json_array_append_new(arr, c);
	}
	resp_json(r, 200,
		  json_pack("{s:I, s:i, s:i, s:o}", "plan_id", (json_int_t)r->ids[0], "a", a, "b",
			    b, "changes", arr));
}

static void api_cascade(struct req *r)
{
	struct kh_error err;
	struct plan_cascade_row *rows = NULL;
	int n = 0, total = 0, answered = 0;
	if (app_plan_cascade(&r->ctx, r->ids[0], &rows, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *orgs = json_array();
		for (int k = 0; k < rows[i].n_orgs; k++) {
			const struct plan_cascade_org *o = &rows[i].orgs[k];
			json_t *jo = json_pack("{s:I, s:s, s:b}", "org_id", (json_int_t)o->org_id,
					       "org_name", o->org_name, "answered",
					       o->answer_item_id != 0);
			json_object_set_new(jo, "answer_item_id",
					    o->answer_item_id ? json_integer(o->answer_item_id)
							      : json_null());
			json_object_set_new(jo, "answer_plan_id",
					    o->answer_plan_id ? json_integer(o->answer_plan_id)
							      : json_null());
			json_array_append_new(orgs, jo);
		}
		total += rows[i].n_orgs;
		answered += rows[i].n_answered;
		json_array_append_new(a, json_pack("{s:o, s:o, s:i, s:i}", "item",
						   app_plan_item_json(&rows[i].item), "orgs", orgs,
						   "n_orgs", rows[i].n_orgs, "n_answered",
						   rows[i].n_answered));
	}
	resp_json(r, 200,
		  json_pack("{s:I, s:o, s:i, s:i}", "plan_id", (json_int_t)r->ids[0], "rows", a,
			    "assigned", total, "answered", answered));
}

/* ---- routes ---- */

#define LIST_PARAMS                                                                           \
	{"org_id", P_ID}, {"owner_org_id", P_ID}, {"owner_person_id", P_ID}, {"year", P_INT}, \
		{"status", P_TEXT}, {"q", P_TEXT}, {"inbox", P_BOOL}, {"limit", P_INT},       \
	{                                                                                     \
		"offset", P_INT                                                               \
	}

#define PLAN_FORM_FIELDS                                                                         \
	{"title", P_TEXT}, {"form", P_INT}, {"goals", P_LONGTEXT}, {"organization", P_LONGTEXT}, \
		{"upper_plan_id", P_ID},                                                         \
	{                                                                                        \
		"sources", P_LONGTEXT                                                            \
	}

#define ITEM_FORM_FIELDS                                                                        \
	{"text", P_LONGTEXT}, {"measures", P_LONGTEXT}, {"kind", P_TEXT}, {"category", P_TEXT}, \
		{"section", P_TEXT}, {"lead_text", P_TEXT}, {"lead_org_id", P_ID},              \
		{"coordinators", P_TEXT}, {"coordinator_org_ids", P_TEXT},                      \
		{"coordinate_with", P_TEXT}, {"addressee", P_TEXT}, {"addressee_org_id", P_ID}, \
		{"deadline_text", P_TEXT}, {"resources", P_TEXT}, {"serves", P_TEXT},           \
	{                                                                                       \
		"upper_item_id", P_ID                                                           \
	}

static const struct route routes[] = {
	{HTTP_GET, "/plans", list_page, 0, {LIST_PARAMS, {"notice", P_TEXT}}, NULL},
	{HTTP_GET, "/plans/new", new_page, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/plans",
	 form_create,
	 0,
	 {PLAN_FORM_FIELDS,
	  {"owner", P_TEXT},
	  {"owner_org_id", P_ID},
	  {"scope", P_TEXT},
	  {"year_from", P_INT},
	  {"year_to", P_INT},
	  {"cascade", P_BOOL},
	  {"carry_over", P_BOOL}},
	 NULL},
	{HTTP_GET, "/plans/{id}", plan_page, 0, {{"notice", P_TEXT}, {"print", P_BOOL}}, NULL},
	{HTTP_POST, "/plans/{id}", form_update, 0, {PLAN_FORM_FIELDS}, NULL},
	{HTTP_GET, "/plans/{id}/edit", edit_page, 0, {{0}}, NULL},
	{HTTP_POST, "/plans/{id}/items", form_item_create, 0, {ITEM_FORM_FIELDS}, NULL},
	{HTTP_GET, "/plans/{id}/send", send_page, 0, {{0}}, NULL},
	{HTTP_POST, "/plans/{id}/send", form_send, 0, {{0}}, NULL},
	{HTTP_POST, "/plans/{id}/approve", form_approve, 0, {{0}}, NULL},
	{HTTP_POST, "/plans/{id}/adjust", form_adjust, 0, {{"reason", P_LONGTEXT}}, NULL},
	{HTTP_POST, "/plans/{id}/delete", form_delete, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/versions", versions_page, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/history", history_page, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/version", version_page, 0, {{"n", P_INT}}, NULL},
	{HTTP_GET, "/plans/{id}/diff", diff_page, 0, {{"a", P_INT}, {"b", P_INT}}, NULL},
	{HTTP_GET, "/plans/{id}/cascade", cascade_page, 0, {{0}}, NULL},
	{HTTP_GET, "/items/{id}/edit", item_edit_page, 0, {{0}}, NULL},
	{HTTP_POST, "/items/{id}", form_item_update, 0, {ITEM_FORM_FIELDS}, NULL},
	{HTTP_POST, "/items/{id}/delete", form_item_delete, 0, {{0}}, NULL},
	{HTTP_POST, "/items/{id}/move", form_item_move, 0, {{"seq", P_INT}}, NULL},
	{HTTP_POST,
	 "/items/{id}/proposal",
	 form_proposal,
	 0,
	 {{"state", P_TEXT}, {"note", P_LONGTEXT}},
	 NULL},

	{HTTP_GET, "/api/v1/plans", api_list, 0, {LIST_PARAMS}, NULL},
	{HTTP_POST, "/api/v1/plans", api_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}", api_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/plans/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_DELETE, "/api/v1/plans/{id}", api_delete, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/items", api_items, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/items", api_item_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/recipients", api_recipients, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/send", api_send, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/approve", api_approve, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/plans/{id}/adjust", api_adjust, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/versions", api_versions, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/history", api_history, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/version", api_version, 0, {{"n", P_INT}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/diff", api_diff, 0, {{"a", P_INT}, {"b", P_INT}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/cascade", api_cascade, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/items/{id}", api_item_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/items/{id}", api_item_patch, 0, {{0}}, NULL},
	{HTTP_DELETE, "/api/v1/items/{id}", api_item_delete, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/items/{id}/move", api_item_move, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/items/{id}/proposal", api_proposal, 0, {{0}}, NULL},
};

struct route_list web_routes_plan(void)
{
	return ROUTES(routes);
}
