/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The org tree on the web: the tree page (from the actor's roots, as of a
 * chosen date, filtered by name), an org's page (details, breadcrumb,
 * children, people holding positions there, its history, and the forms that
 * change the tree, each with an effective date), the CSV import page, and the
 * JSON API that mirrors them under /api/v1/orgs. Pages and API call the same
 * app/org.h use cases; every link on a dated view carries ?date= so the whole
 * walk stays on that day.
 */
#include "core/common.h"
#include "app/org.h"
#include "app/person.h"
#include "core/date.h"
#include "core/num.h"
#include "text/utf8.h"
#include "web/import.h"
#include "web/internal.h"
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

#define SPLIT_FORM_PARTS 5
#define FORM_SIBLINGS_MAX 300

/* ---- shared helpers ---- */

/* The day asked for with ?date= (0 = today). */
static int32_t view_day(struct req *r)
{
	/* In a POST the "date" field is a change's effective date, not the
	 * day to view: a refused form is shown again on today's tree. */
	if (r->method != HTTP_GET)
		return 0;
	return req_param_date(r, "date", 0);
}

/* A link to an org the user may open; only its name otherwise, so no page
 * links to a 403. */
static void org_ref(struct req *r, int64_t id, const char *name)
{
	struct kh_error e;
	if (app_can_read_org(&r->ctx, id, &e) == 0)
		html(r, "<a href=\"/orgs/%D\">%s</a>", id, name);
	else
		html(r, "%s", name);
}

/* "?date=YYYY-MM-DD" when the view is dated, else "". */
static const char *date_query(struct req *r)
{
	int32_t d = view_day(r);
	char iso[11];
	if (!d)
		return "";
	date_format_iso(d, iso);
	return arena_printf(&r->arena, "?date=%s", iso);
}

static json_t *iso_or_null(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

static json_t *org_json(const struct org *o)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(o->id));
	json_object_set_new(j, "parent_id",
			    o->parent_id ? json_integer(o->parent_id) : json_null());
	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "short_name", json_string(o->short_name));
	json_object_set_new(j, "kind", json_string(org_kind_name(o->kind)));
	json_object_set_new(j, "kind_label", json_string(org_kind_label(o->kind)));
	json_object_set_new(j, "level", json_integer(o->level));
	json_object_set_new(j, "level_label", json_string(org_level_label(o->level)));
	json_object_set_new(j, "valid_from", iso_or_null(o->valid_from));
	json_object_set_new(j, "valid_to", iso_or_null(o->valid_to));
	json_object_set_new(j, "child_count", json_integer(o->child_count));
	return j;
}

static json_t *orgs_json(const struct org *v, int n)
{
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, org_json(&v[i]));
	return a;
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã thành lập tổ chức."},
		{"child", "Đã thành lập tổ chức trực thuộc."},
		{"renamed", "Đã đổi tên tổ chức."},
		{"moved", "Đã chuyển trực thuộc."},
		{"merged", "Đã hợp nhất các tổ chức vào tổ chức này."},
		{"merged_new", "Đã thành lập tổ chức mới và hợp nhất các tổ chức vào đó."},
		{"split", "Đã chia tách tổ chức."},
		{"dissolved", "Đã giải thể tổ chức."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static void kind_options(struct req *r, enum org_kind selected)
{
	for (int k = 0; k < ORG_KIND_COUNT; k++)
		html(r, "<option value=\"%s\"%r>%s</option>", org_kind_name((enum org_kind)k),
		     (int)selected == k ? " selected" : "", org_kind_label((enum org_kind)k));
}

/* Whether this request is the form /orgs/{id}/{what} sent back refused:
 * then it is shown open with what the user typed. */
static bool resubmitted(struct req *r, int64_t id, const char *what)
{
	if (r->method != HTTP_POST)
		return false;
	char path[96];
	snprintf(path, sizeof(path), "/orgs/%lld/%s", (long long)id, what);
	return strcmp(r->path, path) == 0;
}

/* The value the user typed in a refused form ("" when none). */
static const char *sticky(struct req *r, const char *field)
{
	const char *v = req_param(r, field);
	return v ? v : "";
}

static void date_field(struct req *r, bool again, const char *label)
{
	int32_t day = again ? req_param_date(r, "date", r->ctx.today) : r->ctx.today;
	html(r, "<label>%s <input type=\"date\" name=\"date\" required value=\"%T\"></label>",
	     label, day);
}

static void note_field(struct req *r, bool again)
{
	html(r,
	     "<label>Ghi chú, căn cứ (quyết định số…) <input name=\"note\" maxlength=\"500\""
	     " value=\"%s\"></label>",
	     again ? sticky(r, "note") : "");
}

/* ---- the tree page ---- */

static void tree_item(struct req *r, const struct org *o, const char *dq)
{
	html(r, "<a href=\"/orgs/%D%s\">%s</a>", o->id, dq, o->name);
	if (*o->short_name)
		html(r, " <span class=\"muted\">(%s)</span>", o->short_name);
	html(r, " <span class=\"muted\">· %s", org_kind_label(o->kind));
	if (o->child_count)
		html(r, " · %D đơn vị trực thuộc", o->child_count);
	html(r, "</span>");
}

static void tree_page(struct req *r)
{
	struct kh_error err;
	struct org *roots;
	int n;
	int32_t day = view_day(r);
	const char *q = req_param(r, "q");
	const char *dq = date_query(r);

	page_begin(r, "Cơ cấu tổ chức");
	html(r, "<h1>Cơ cấu tổ chức</h1>");
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/orgs\">"
	     "<label>Xem cơ cấu tại ngày <input type=\"date\" name=\"date\" value=\"%T\"></label> "
	     "<label>Tìm theo tên <input type=\"search\" name=\"q\" value=\"%s\""
	     " placeholder=\"Tên hoặc tên viết tắt\"></label> "
	     "<button type=\"submit\">Xem</button></form>",
	     day ? day : r->ctx.today, q ? q : "");
	if (day)
		html(r,
		     "<p class=\"muted\">Cơ cấu tại ngày %t. <a href=\"/orgs\">Xem cơ cấu hiện nay</a></p>",
		     day);

	if (q && *q) {
		if (app_org_search(&r->ctx, q, day, 200, &roots, &n, &err)) {
			resp_error(r, &err);
			return;
		}
		html(r, "<h2>Kết quả tìm «%s»</h2>", q);
		if (n == 0)
			html(r, "<p class=\"muted\">Không tìm thấy tổ chức nào.</p>");
		html(r, "<ul class=\"tree\">");
		for (int i = 0; i < n; i++) {
			html(r, "<li>");
			tree_item(r, &roots[i], dq);
			html(r, "</li>");
		}
		html(r, "</ul>");
	} else {
		if (app_org_roots(&r->ctx, day, &roots, &n, &err)) {
			resp_error(r, &err);
			return;
		}
		if (n == 0)
			html(r,
			     "<p class=\"muted\">Không có tổ chức nào trong phạm vi của bạn vào ngày"
			     " này.</p>");
		html(r, "<ul class=\"tree\">");
		for (int i = 0; i < n; i++) {
			struct org *kids;
			int nk;
			html(r, "<li>");
			tree_item(r, &roots[i], dq);
			if (roots[i].child_count &&
			    app_org_children(&r->ctx, roots[i].id, day, &kids, &nk, &err) == 0) {
				html(r, "<ul>");
				for (int j = 0; j < nk; j++) {
					html(r, "<li>");
					tree_item(r, &kids[j], dq);
					html(r, "</li>");
				}
				html(r, "</ul>");
			}
			html(r, "</li>");
		}
		html(r, "</ul>");
	}
	if (app_sees_all(&r->ctx)) {
		html(r, "<h2>Thêm tổ chức cấp cao nhất</h2>"
			"<form class=\"stack\" method=\"post\" action=\"/orgs\">");
		html_csrf_field(r);
		html(r,
		     "<label>Tên tổ chức <input name=\"name\" required maxlength=\"200\"></label>"
		     "<label>Tên viết tắt <input name=\"short_name\" maxlength=\"30\"></label>"
		     "<label>Loại <select name=\"kind\">");
		kind_options(r, ORG_COMMITTEE);
		html(r, "</select></label><label>Cấp (0–9) <input type=\"number\" name=\"level\""
			" min=\"0\" max=\"9\" value=\"1\"></label>");
		bool again = r->method == HTTP_POST && strcmp(r->path, "/orgs") == 0;
		date_field(r, again, "Ngày thành lập");
		note_field(r, again);
		html(r,
		     "<p><button type=\"submit\" class=\"primary\">Thành lập</button></p></form>");
	}
	html(r, "<p><a href=\"/orgs/import\">Nhập cơ cấu tổ chức từ tệp CSV</a></p>");
	page_end(r);
	resp_html(r, 200);
}

/* ---- an org's page ---- */

static void org_select_options(struct req *r, const struct org *v, int n, int64_t skip)
{
	for (int i = 0; i < n; i++)
		if (v[i].id != skip)
			html(r, "<option value=\"%D\">%s</option>", v[i].id, v[i].name);
}

/* The forms that change the tree, shown to those who may. */
static void org_forms(struct req *r, const struct org *o, const struct org *path, int npath,
		      const struct org *siblings, int nsib)
{
	int64_t id = o->id;
	bool again; /* this form was just sent and refused: open, as typed */
	html(r, "<section class=\"forms\"><h2>Thay đổi cơ cấu</h2>"
		"<p class=\"muted\">Mỗi thay đổi có hiệu lực từ ngày được chọn; lịch sử trước"
		" ngày đó được giữ nguyên.</p>");

	again = resubmitted(r, id, "rename");
	html(r,
	     "<details%r><summary>Đổi tên</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/rename\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r,
	     "<label>Tên mới <input name=\"name\" required maxlength=\"200\" value=\"%s\"></label>"
	     "<label>Tên viết tắt <input name=\"short_name\" maxlength=\"30\" value=\"%s\"></label>",
	     again ? sticky(r, "name") : o->name, again ? sticky(r, "short_name") : o->short_name);
	date_field(r, again, "Có hiệu lực từ ngày");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Đổi tên</button></p></form></details>");

	again = resubmitted(r, id, "move");
	html(r,
	     "<details%r><summary>Chuyển trực thuộc</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/move\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r, "<label>Tổ chức cấp trên mới <select name=\"parent_id\">"
		"<option value=\"\">— chọn —</option>");
	org_select_options(r, path, npath, o->parent_id);
	org_select_options(r, siblings, nsib, id);
	html(r, "</select></label><label>hoặc mã số tổ chức cấp trên"
		" <input type=\"number\" name=\"parent_other\" min=\"1\"></label>");
	date_field(r, again, "Có hiệu lực từ ngày");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Chuyển</button></p></form></details>");

	again = resubmitted(r, id, "children");
	html(r,
	     "<details%r><summary>Thành lập tổ chức trực thuộc</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/children\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r,
	     "<label>Tên tổ chức <input name=\"name\" required maxlength=\"200\" value=\"%s\">"
	     "</label><label>Tên viết tắt <input name=\"short_name\" maxlength=\"30\" value=\"%s\">"
	     "</label><label>Loại <select name=\"kind\">",
	     again ? sticky(r, "name") : "", again ? sticky(r, "short_name") : "");
	kind_options(r, o->level + 1 >= ORG_LEVEL_CELL ? ORG_CELL : ORG_COMMITTEE);
	html(r,
	     "</select></label><label>Cấp (0–9) <input type=\"number\" name=\"level\" min=\"0\""
	     " max=\"9\" value=\"%d\"></label>",
	     o->level < ORG_LEVEL_MAX ? o->level + 1 : ORG_LEVEL_MAX);
	date_field(r, again, "Ngày thành lập");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Thành lập</button></p></form></details>");

	again = resubmitted(r, id, "merge");
	html(r,
	     "<details%r><summary>Hợp nhất tổ chức khác vào tổ chức này</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/merge\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r, "<fieldset><legend>Các tổ chức được hợp nhất (kết thúc hoạt động; tổ chức"
		" trực thuộc của chúng chuyển về tổ chức này)</legend>");
	for (int i = 0; i < nsib; i++)
		if (siblings[i].id != id)
			html(r,
			     "<label><input type=\"checkbox\" name=\"source_ids\" value=\"%D\"> %s"
			     "</label>",
			     siblings[i].id, siblings[i].name);
	html(r, "<label>Mã số tổ chức khác <input type=\"number\" name=\"source_ids\" min=\"1\">"
		"</label></fieldset>");
	date_field(r, again, "Có hiệu lực từ ngày");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Hợp nhất</button></p></form></details>");

	again = resubmitted(r, id, "merge-new");
	html(r,
	     "<details%r><summary>Hợp nhất tổ chức này (cùng các tổ chức được chọn) vào một"
	     " tổ chức mới</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/merge-new\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r, "<fieldset><legend>Hợp nhất cùng</legend>");
	for (int i = 0; i < nsib; i++)
		if (siblings[i].id != id)
			html(r,
			     "<label><input type=\"checkbox\" name=\"source_ids\" value=\"%D\"> %s"
			     "</label>",
			     siblings[i].id, siblings[i].name);
	html(r, "</fieldset><label>Tên tổ chức mới <input name=\"name\" required maxlength=\"200\">"
		"</label><label>Tên viết tắt <input name=\"short_name\" maxlength=\"30\"></label>"
		"<label>Trực thuộc <select name=\"parent_id\">");
	for (int i = npath - 1; i >= 0; i--)
		html(r, "<option value=\"%D\"%r>%s</option>", path[i].id,
		     path[i].id == o->parent_id ? " selected" : "", path[i].name);
	html(r, "</select></label>");
	date_field(r, again, "Có hiệu lực từ ngày");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Thành lập và hợp nhất</button></p></form></details>");

	again = resubmitted(r, id, "split");
	html(r,
	     "<details%r><summary>Chia tách</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/split\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r, "<p class=\"muted\">Các tổ chức mới cùng loại, cùng cấp và cùng trực thuộc như"
		" tổ chức này.</p>");
	for (int i = 1; i <= SPLIT_FORM_PARTS; i++)
		html(r,
		     "<div class=\"row\"><label>Tổ chức mới %d <input name=\"name_%d\""
		     " maxlength=\"200\"%r></label><label>Viết tắt <input name=\"short_%d\""
		     " maxlength=\"30\"></label></div>",
		     i, i, i == 1 ? " required" : "", i);
	html(r, "<label><input type=\"checkbox\" name=\"dissolve_source\" value=\"1\"> Giải thể"
		" tổ chức bị chia tách</label>");
	date_field(r, again, "Có hiệu lực từ ngày");
	note_field(r, again);
	html(r, "<p><button type=\"submit\">Chia tách</button></p></form></details>");

	again = resubmitted(r, id, "dissolve");
	html(r,
	     "<details%r><summary>Giải thể</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/orgs/%D/dissolve\">",
	     again ? " open" : "", id);
	html_csrf_field(r);
	html(r, "<label>Chuyển các tổ chức trực thuộc về <select name=\"children_to\">"
		"<option value=\"\">— không có tổ chức trực thuộc —</option>");
	org_select_options(r, path, npath, 0);
	org_select_options(r, siblings, nsib, id);
	html(r, "</select></label>");
	date_field(r, again, "Giải thể từ ngày");
	note_field(r, again);
	html(r,
	     "<p><button type=\"submit\" class=\"danger\">Giải thể</button></p></form></details>");
	html(r, "</section>");
}

static void history_section(struct req *r, int64_t id, const struct org_history *h)
{
	/* The history links many orgs: answer their read checks in one go. */
	{
		struct kh_error e;
		int n = 0;
		int64_t *ids = arena_alloc(
			&r->arena, sizeof(*ids) * (size_t)(h->n_versions + 2 * h->n_events + 1));
		for (int i = 0; i < h->n_versions; i++)
			ids[n++] = h->versions[i].parent_id;
		for (int i = 0; i < h->n_events; i++) {
			ids[n++] = h->events[i].ev.org_id;
			ids[n++] = h->events[i].ev.other_org_id;
		}
		if (app_can_read_orgs_prime(&r->ctx, ids, n, &e))
			n = 0; /* no harm: each link then checks on its own */
	}
	html(r, "<h2>Lịch sử</h2><table><thead><tr><th>Từ ngày</th><th>Đến ngày</th><th>Tên</th>"
		"<th>Viết tắt</th><th>Trực thuộc</th></tr></thead><tbody>");
	for (int i = 0; i < h->n_versions; i++) {
		const struct org_version *v = &h->versions[i];
		html(r, "<tr><td>%t</td><td>%t</td><td>%s</td><td>%s</td><td>", v->valid_from,
		     v->valid_to, v->name, v->short_name);
		if (v->parent_id)
			org_ref(r, v->parent_id, v->parent_name);
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table>");
	if (h->n_events == 0)
		return;
	html(r, "<table><thead><tr><th>Ngày</th><th>Sự kiện</th><th>Nội dung</th>"
		"<th>Ghi chú</th></tr></thead><tbody>");
	for (int i = 0; i < h->n_events; i++) {
		const struct org_history_event *e = &h->events[i];
		html(r, "<tr><td>%t</td><td>%s</td><td>", e->ev.date,
		     org_event_kind_label(e->ev.kind));
		switch (e->ev.kind) {
		case ORG_EVENT_CREATE:
			if (e->ev.org_id == id)
				html(r, "Thành lập «%s»", e->ev.new_value);
			else {
				html(r, "Thành lập tổ chức trực thuộc ");
				org_ref(r, e->ev.org_id, e->ev.new_value);
			}
			break;
		case ORG_EVENT_RENAME:
			html(r, "«%s» → «%s»", e->ev.old_value, e->ev.new_value);
			break;
		case ORG_EVENT_MOVE:
			org_ref(r, e->ev.org_id, e->org_name);
			html(r, ": từ «%s» sang ", e->ev.old_value);
			if (e->ev.other_org_id)
				org_ref(r, e->ev.other_org_id, e->other_name);
			else
				html(r, "cấp cao nhất");
			break;
		case ORG_EVENT_MERGE:
			org_ref(r, e->ev.org_id, e->ev.old_value);
			html(r, " hợp nhất vào ");
			org_ref(r, e->ev.other_org_id, e->ev.new_value);
			break;
		case ORG_EVENT_SPLIT:
			org_ref(r, e->ev.org_id, e->ev.old_value);
			html(r, " chia tách, thành lập ");
			org_ref(r, e->ev.other_org_id, e->ev.new_value);
			break;
		case ORG_EVENT_DISSOLVE:
			html(r, "Giải thể «%s»", e->ev.old_value);
			if (e->ev.other_org_id) {
				html(r, "; tổ chức trực thuộc chuyển về ");
				org_ref(r, e->ev.other_org_id, e->other_name);
			}
			break;
		default:
			break;
		}
		html(r, "</td><td>%s</td></tr>", e->ev.note);
	}
	html(r, "</tbody></table>");
}

static void people_section(struct req *r, int64_t id, int32_t day)
{
	struct kh_error err;
	struct position *pos;
	int n;
	html(r, "<h2>Cán bộ giữ chức vụ</h2>");
	if (app_position_list(&r->ctx, 0, id, day ? day : r->ctx.today, &pos, &n, &err)) {
		html(r, "<p class=\"muted\">%s</p>", err.message);
		return;
	}
	if (n == 0) {
		html(r,
		     "<p class=\"muted\">Chưa có ai giữ chức vụ ở tổ chức này vào ngày này.</p>");
		return;
	}
	html(r, "<table><thead><tr><th>Họ và tên</th><th>Chức vụ</th><th>Từ ngày</th></tr>"
		"</thead><tbody>");
	for (int i = 0; i < n; i++)
		html(r, "<tr><td><a href=\"/people/%D\">%s</a></td><td>%s</td><td>%t</td></tr>",
		     pos[i].person_id, pos[i].person_name ? pos[i].person_name : "",
		     pos[i].title && *pos[i].title ? pos[i].title
						   : position_role_label(pos[i].role),
		     pos[i].valid_from);
	html(r, "</tbody></table>");
}

/* Renders the org's page; e (may be NULL) is a form error to show. */
static void render_org(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct org o, *path = NULL, *kids = NULL, *siblings = NULL;
	struct org_history h;
	int npath = 0, nkids = 0, nsib = 0;
	int32_t day = view_day(r), eff;
	const char *dq = date_query(r);

	if (app_org_get(&r->ctx, id, day, &o, &err) ||
	    app_org_path(&r->ctx, id, day, &path, &npath, &err) ||
	    app_org_history(&r->ctx, id, &h, &err)) {
		resp_error(r, &err);
		return;
	}
	eff = day ? day : r->ctx.today;
	bool exists = org_exists_on(&o, eff);
	int32_t kids_day =
		exists ? eff : (o.valid_to && eff >= o.valid_to ? o.valid_to - 1 : o.valid_from);
	if (app_org_children(&r->ctx, id, kids_day, &kids, &nkids, &err)) {
		resp_error(r, &err);
		return;
	}
	/* The forms act on today's tree, so they show on the undated view only. */
	bool can_manage = exists && app_can_manage_org(&r->ctx, id, &err) == 0 && !day;
	if (can_manage) {
		struct kh_error e2;
		if (o.parent_id) {
			if (app_org_children(&r->ctx, o.parent_id, 0, &siblings, &nsib, &e2))
				nsib = 0;
		} else if (app_org_roots(&r->ctx, 0, &siblings, &nsib, &e2)) {
			nsib = 0;
		}
		/* Long sibling lists are cut; the forms also take an id. */
		if (nsib > FORM_SIBLINGS_MAX)
			nsib = FORM_SIBLINGS_MAX;
	}

	page_begin(r, o.name);
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs%s\">Cơ cấu tổ chức</a>",
	     dq);
	for (int i = 0; i < npath; i++)
		html(r, " › <a href=\"/orgs/%D%s\">%s</a>", path[i].id, dq, path[i].name);
	html(r, " › <span aria-current=\"page\">%s</span></nav>", o.name);
	html(r, "<h1>%s</h1>", o.name);
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	if (!exists && o.valid_to && eff >= o.valid_to)
		html(r,
		     "<div class=\"notice notice-info\" role=\"status\">Tổ chức đã giải thể/hợp"
		     " nhất, ngừng hoạt động từ ngày %t. Thông tin dưới đây là tình trạng vào ngày"
		     " cuối cùng.</div>",
		     o.valid_to);
	else if (!exists)
		html(r,
		     "<div class=\"notice notice-info\" role=\"status\">Tổ chức chưa được thành"
		     " lập vào ngày %t (thành lập ngày %t).</div>",
		     eff, o.valid_from);
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/orgs/%D\"><label>Xem tại ngày"
	     " <input type=\"date\" name=\"date\" value=\"%T\"></label> <button type=\"submit\">"
	     "Xem</button></form>",
	     id, eff);

	html(r,
	     "<table class=\"details\"><tbody>"
	     "<tr><th>Tên</th><td>%s</td></tr><tr><th>Tên viết tắt</th><td>%s</td></tr>"
	     "<tr><th>Loại</th><td>%s</td></tr><tr><th>Cấp</th><td>%s</td></tr>"
	     "<tr><th>Trực thuộc</th><td>",
	     o.name, o.short_name, org_kind_label(o.kind), org_level_label(o.level));
	if (o.parent_id && npath > 0 && path[npath - 1].id == o.parent_id)
		html(r, "<a href=\"/orgs/%D%s\">%s</a>", o.parent_id, dq, path[npath - 1].name);
	else if (o.parent_id)
		html(r, "<span class=\"muted\">(tổ chức cấp trên, ngoài phạm vi được xem)</span>");
	else
		html(r, "<span class=\"muted\">(cấp cao nhất)</span>");
	html(r, "</td></tr><tr><th>Thành lập</th><td>%t</td></tr>", o.valid_from);
	if (o.valid_to)
		html(r, "<tr><th>Ngừng hoạt động từ</th><td>%t</td></tr>", o.valid_to);
	html(r, "<tr><th>Mã số</th><td>%D</td></tr></tbody></table>", o.id);
	if (exists)
		html(r,
		     "<p class=\"no-print\"><a class=\"button\" href=\"/orgs/%D/dashboard\">Theo dõi,"
		     " đôn đốc</a> <a class=\"button\" href=\"/orgs/%D/indicators\">Chỉ tiêu</a>"
		     " <a class=\"button\" href=\"/orgs/%D/assignments\">Nhiệm vụ cấp trên giao</a>"
		     " <a class=\"button\" href=\"/classification?org_id=%D\">Đánh giá, xếp loại</a></p>",
		     o.id, o.id, o.id, o.id);

	html(r, "<h2>Tổ chức trực thuộc (%d)</h2>", nkids);
	if (nkids) {
		html(r, "<table><thead><tr><th>Tên</th><th>Viết tắt</th><th>Loại</th>"
			"<th>Số đơn vị trực thuộc</th></tr></thead><tbody>");
		for (int i = 0; i < nkids; i++)
			html(r,
			     "<tr><td><a href=\"/orgs/%D%s\">%s</a></td><td>%s</td><td>%s</td>"
			     "<td>%D</td></tr>",
			     kids[i].id, dq, kids[i].name, kids[i].short_name,
			     org_kind_label(kids[i].kind), kids[i].child_count);
		html(r, "</tbody></table>");
	} else {
		html(r, "<p class=\"muted\">Không có tổ chức trực thuộc.</p>");
	}
	people_section(r, id, kids_day);
	history_section(r, id, &h);
	if (can_manage)
		org_forms(r, &o, path, npath, siblings, nsib);
	page_end(r);
	resp_html(r, status);
}

static void org_page(struct req *r)
{
	render_org(r, r->ids[0], 200, NULL);
}

/* After a form: back to the org with a notice, or the page again with the
 * error (400 for invalid input; other errors as an error page). */
static void form_done(struct req *r, int64_t id, int rc, const struct kh_error *err,
		      const char *notice)
{
	if (rc == 0) {
		resp_redirect(
			r, arena_printf(&r->arena, "/orgs/%lld?notice=%s", (long long)id, notice));
		return;
	}
	if (rc == KH_EINVAL) {
		render_org(r, r->ids[0], 400, err);
		return;
	}
	resp_error(r, err);
}

static const char *form_text(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

static void form_rename(struct req *r)
{
	struct kh_error err;
	int rc =
		app_org_rename(&r->ctx, r->ids[0], form_text(r, "name"), form_text(r, "short_name"),
			       req_param_date(r, "date", 0), form_text(r, "note"), &err);
	form_done(r, r->ids[0], rc, &err, "renamed");
}

static void form_move(struct req *r)
{
	struct kh_error err;
	int64_t parent = req_param_int(r, "parent_other", 0);
	if (!parent)
		parent = req_param_int(r, "parent_id", 0);
	int rc;
	if (!parent)
		rc = kh_fail(&err, KH_EINVAL, "parent_id", "Hãy chọn tổ chức cấp trên mới");
	else
		rc = app_org_move(&r->ctx, r->ids[0], parent, req_param_date(r, "date", 0),
				  form_text(r, "note"), &err);
	form_done(r, r->ids[0], rc, &err, "moved");
}

static void form_child(struct req *r)
{
	struct kh_error err;
	int64_t id = 0;
	struct org_create in = {
		.parent_id = r->ids[0],
		.name = form_text(r, "name"),
		.short_name = form_text(r, "short_name"),
		.kind = form_text(r, "kind"),
		.level = (int)req_param_int(r, "level", -1),
		.date = req_param_date(r, "date", 0),
		.note = form_text(r, "note"),
	};
	int rc = app_org_create(&r->ctx, &in, &id, &err);
	form_done(r, rc ? r->ids[0] : id, rc, &err, "child");
}

static void form_create_root(struct req *r)
{
	struct kh_error err;
	int64_t id = 0;
	struct org_create in = {
		.parent_id = 0,
		.name = form_text(r, "name"),
		.short_name = form_text(r, "short_name"),
		.kind = form_text(r, "kind"),
		.level = (int)req_param_int(r, "level", -1),
		.date = req_param_date(r, "date", 0),
		.note = form_text(r, "note"),
	};
	int rc = app_org_create(&r->ctx, &in, &id, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/orgs/%lld?notice=created", (long long)id));
}

/* The source_ids checkboxes (and the free id field) as ids. */
static int form_ids(struct req *r, int64_t **out, struct kh_error *err)
{
	const char **vals;
	int n = req_param_all(r, "source_ids", &vals), count = 0;
	int64_t *ids = arena_alloc(&r->arena, sizeof(*ids) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		int64_t v;
		if (!*vals[i])
			continue;
		if (num_parse_i64(vals[i], 1, INT64_MAX, &v))
			return kh_fail(err, KH_EINVAL, "source_ids", "Mã số tổ chức không hợp lệ");
		ids[count++] = v;
	}
	*out = ids;
	return count;
}

static void form_merge(struct req *r)
{
	struct kh_error err;
	int64_t *ids;
	int n = form_ids(r, &ids, &err), rc;
	if (n < 0)
		rc = n;
	else
		rc = app_org_merge(&r->ctx, ids, n, r->ids[0], req_param_date(r, "date", 0),
				   form_text(r, "note"), &err);
	form_done(r, r->ids[0], rc, &err, "merged");
}

static void form_merge_new(struct req *r)
{
	struct kh_error err;
	int64_t *ids, id = 0;
	struct org o;
	int n = form_ids(r, &ids, &err), rc;
	if (n < 0) {
		form_done(r, r->ids[0], n, &err, "");
		return;
	}
	rc = app_org_get(&r->ctx, r->ids[0], 0, &o, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	int64_t *all = arena_alloc(&r->arena, sizeof(*all) * (size_t)(n + 1));
	all[0] = r->ids[0];
	memcpy(all + 1, ids, sizeof(*ids) * (size_t)n);
	struct org_create in = {
		.parent_id = req_param_int(r, "parent_id", o.parent_id),
		.name = form_text(r, "name"),
		.short_name = form_text(r, "short_name"),
		.kind = org_kind_name(o.kind),
		.level = o.level,
		.date = req_param_date(r, "date", 0),
		.note = form_text(r, "note"),
	};
	rc = app_org_merge_into_new(&r->ctx, all, n + 1, &in, &id, &err);
	form_done(r, rc ? r->ids[0] : id, rc, &err, "merged_new");
}

static void form_split(struct req *r)
{
	struct kh_error err;
	struct org_split_part parts[SPLIT_FORM_PARTS];
	int n = 0;
	static const char *const names[] = {"name_1", "name_2", "name_3", "name_4", "name_5"};
	static const char *const shorts[] = {"short_1", "short_2", "short_3", "short_4", "short_5"};
	for (int i = 0; i < SPLIT_FORM_PARTS; i++) {
		const char *name = form_text(r, names[i]);
		if (!*name)
			continue;
		parts[n].name = name;
		parts[n].short_name = form_text(r, shorts[i]);
		n++;
	}
	int rc = app_org_split(&r->ctx, r->ids[0], parts, n, req_param_date(r, "date", 0),
			       req_param_bool(r, "dissolve_source"), form_text(r, "note"), NULL,
			       &err);
	form_done(r, r->ids[0], rc, &err, "split");
}

static void form_dissolve(struct req *r)
{
	struct kh_error err;
	int rc = app_org_dissolve(&r->ctx, r->ids[0], req_param_date(r, "date", 0),
				  req_param_int(r, "children_to", 0), form_text(r, "note"), &err);
	form_done(r, r->ids[0], rc, &err, "dissolved");
}

/* ---- import page ---- */

static void import_form(struct req *r)
{
	html(r, "<form class=\"stack\" method=\"post\" action=\"/orgs/import\""
		" enctype=\"multipart/form-data\">");
	html_csrf_field(r);
	html(r,
	     "<label>Tệp CSV (UTF-8) <input type=\"file\" name=\"file\" accept=\".csv,text/csv\""
	     " required></label>"
	     "<label>Ngày hiệu lực cho các dòng không ghi ngày <input type=\"date\" name=\"date\""
	     " value=\"%T\"></label>"
	     "<label><input type=\"checkbox\" name=\"dry_run\" value=\"1\" checked> Chỉ kiểm tra,"
	     " chưa nhập</label><p><button type=\"submit\" class=\"primary\">Gửi</button></p>"
	     "</form>",
	     r->ctx.today);
}

static void import_page_begin(struct req *r)
{
	page_begin(r, "Nhập cơ cấu tổ chức");
	html(r,
	     "<nav class=\"breadcrumb\"><a href=\"/orgs\">Cơ cấu tổ chức</a> › "
	     "<span aria-current=\"page\">Nhập từ tệp CSV</span></nav>"
	     "<h1>Nhập cơ cấu tổ chức từ tệp CSV</h1>"
	     "<p>Dòng đầu là tiêu đề: <code>ma,ma_cap_tren,ten,ten_viet_tat,loai,cap,ngay_hieu_luc"
	     "</code> (dấu phân cách <code>,</code> hoặc <code>;</code>). <code>ma</code> là mã"
	     " riêng của tổ chức, dùng để nối với cấp trên và để nhập lại tệp mà không tạo trùng;"
	     " <code>loai</code> là một trong: ");
	for (int k = 0; k < ORG_KIND_COUNT; k++)
		html(r, "%s<code>%s</code> (%s)", k ? ", " : "", org_kind_name((enum org_kind)k),
		     org_kind_label((enum org_kind)k));
	html(r, "; <code>ngay_hieu_luc</code> dạng YYYY-MM-DD hoặc dd/mm/yyyy. Mọi dòng được"
		" kiểm tra trước; nếu có dòng lỗi thì không dòng nào được nhập.</p>");
}

static void import_page(struct req *r)
{
	import_page_begin(r);
	import_form(r);
	page_end(r);
	resp_html(r, 200);
}

static void import_submit(struct req *r)
{
	struct kh_error err;
	struct import_report rep;
	const struct kv *file = req_file(r, "file");
	int rc;
	kh_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if (!file)
		rc = kh_fail(&err, KH_EINVAL, "file", "Hãy chọn tệp CSV");
	else
		rc = app_org_import_csv(&r->ctx, file->value, file->len,
					req_param_date(r, "date", 0), req_param_bool(r, "dry_run"),
					&rep, &err);
	if (rc && rc != KH_EINVAL && rc != KH_ETOOBIG) {
		resp_error(r, &err);
		return;
	}
	import_page_begin(r);
	web_import_outcome_html(r, rc, &err, &rep, "Mã", "Tên");
	import_form(r);
	page_end(r);
	resp_html(r, rc ? 400 : 200);
}

/* ---- API ---- */

static void api_list(struct req *r)
{
	struct kh_error err;
	struct org *v;
	int n, rc;
	int64_t parent = req_param_int(r, "parent_id", 0);
	const char *q = req_param(r, "q");
	int32_t day = view_day(r);
	if (parent)
		rc = app_org_children(&r->ctx, parent, day, &v, &n, &err);
	else if (q && *q)
		rc = app_org_search(&r->ctx, q, day, 200, &v, &n, &err);
	else
		rc = app_org_roots(&r->ctx, day, &v, &n, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200,
		  json_pack("{s:o, s:o}", "date", iso_or_null(day ? day : r->ctx.today), "orgs",
			    orgs_json(v, n)));
}

/* Answers with the org as of day (status given). */
static void api_org_answer(struct req *r, int64_t id, int32_t day, int status)
{
	struct kh_error err;
	struct org o;
	if (app_org_get(&r->ctx, id, day, &o, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *j = org_json(&o);
	json_object_set_new(j, "exists", json_boolean(org_exists_on(&o, day ? day : r->ctx.today)));
	resp_json(r, status, j);
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct org_create in = {0};
	int64_t parent = 0, level = -1, id;
	if (json_field_int(r, "parent_id", false, 1, INT64_MAX, &parent, &err) ||
	    json_field_text(r, "name", true, false, &in.name, &err) ||
	    json_field_text(r, "short_name", false, false, &in.short_name, &err) ||
	    json_field_text(r, "kind", true, false, &in.kind, &err) ||
	    json_field_int(r, "level", true, 0, ORG_LEVEL_MAX, &level, &err) ||
	    json_field_date(r, "date", false, &in.date, &err) ||
	    json_field_text(r, "note", false, false, &in.note, &err) ||
	    json_field_text(r, "code", false, false, &in.code, &err)) {
		resp_error(r, &err);
		return;
	}
	in.parent_id = parent;
	in.level = (int)level;
	if (app_org_create(&r->ctx, &in, &id, &err)) {
		resp_error(r, &err);
		return;
	}
	api_org_answer(r, id, in.date, 201);
}

static void api_get(struct req *r)
{
	api_org_answer(r, r->ids[0], view_day(r), 200);
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	const char *name = NULL, *short_name = NULL, *note = NULL;
	int64_t parent = 0;
	int32_t date = 0;
	bool move = json_has(r, "parent_id");
	if (json_field_text(r, "name", false, false, &name, &err) ||
	    json_field_text(r, "short_name", false, false, &short_name, &err) ||
	    json_field_int(r, "parent_id", false, 1, INT64_MAX, &parent, &err) ||
	    json_field_date(r, "date", false, &date, &err) ||
	    json_field_text(r, "note", false, false, &note, &err)) {
		resp_error(r, &err);
		return;
	}
	if (!name && short_name) {
		/* Only the short name: keep the current name. */
		struct org o;
		if (app_org_get(&r->ctx, r->ids[0], date, &o, &err)) {
			resp_error(r, &err);
			return;
		}
		name = o.name;
	}
	if (app_org_update(&r->ctx, r->ids[0], name, short_name, move, parent, date, note, &err)) {
		resp_error(r, &err);
		return;
	}
	api_org_answer(r, r->ids[0], date, 200);
}

static void api_children(struct req *r)
{
	struct kh_error err;
	struct org *v;
	int n;
	if (app_org_children(&r->ctx, r->ids[0], view_day(r), &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200,
		  json_pack("{s:o, s:o}", "date",
			    iso_or_null(view_day(r) ? view_day(r) : r->ctx.today), "orgs",
			    orgs_json(v, n)));
}

static void api_history(struct req *r)
{
	struct kh_error err;
	struct org_history h;
	if (app_org_history(&r->ctx, r->ids[0], &h, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *versions = json_array(), *events = json_array();
	for (int i = 0; i < h.n_versions; i++) {
		const struct org_version *v = &h.versions[i];
		json_t *j = json_pack("{s:o, s:o, s:s, s:s, s:s}", "valid_from",
				      iso_or_null(v->valid_from), "valid_to",
				      iso_or_null(v->valid_to), "name", v->name, "short_name",
				      v->short_name, "parent_name", v->parent_name);
		json_object_set_new(j, "parent_id",
				    v->parent_id ? json_integer(v->parent_id) : json_null());
		json_array_append_new(versions, j);
	}
	for (int i = 0; i < h.n_events; i++) {
		const struct org_history_event *e = &h.events[i];
		json_t *j = json_pack("{s:I, s:s, s:s, s:o, s:I, s:s, s:s, s:s, s:s, s:s}", "id",
				      (json_int_t)e->ev.id, "kind", org_event_kind_name(e->ev.kind),
				      "kind_label", org_event_kind_label(e->ev.kind), "date",
				      iso_or_null(e->ev.date), "org_id", (json_int_t)e->ev.org_id,
				      "org_name", e->org_name, "old_value", e->ev.old_value,
				      "new_value", e->ev.new_value, "note", e->ev.note,
				      "other_name", e->other_name);
		json_object_set_new(j, "other_org_id",
				    e->ev.other_org_id ? json_integer(e->ev.other_org_id)
						       : json_null());
		json_array_append_new(events, j);
	}
	resp_json(r, 200,
		  json_pack("{s:I, s:o, s:o}", "id", (json_int_t)r->ids[0], "versions", versions,
			    "events", events));
}

/* A JSON string field of an element, validated like a P_TEXT. */
static int elem_text(struct req *r, json_t *obj, const char *name, bool required, const char **out,
		     struct kh_error *err)
{
	json_t *v = json_object_get(obj, name);
	char *norm = NULL;
	size_t n = 0;
	if (!v || json_is_null(v)) {
		*out = "";
		return required ? kh_fail(err, KH_EINVAL, name, "Thiếu trường «%s»", name) : 0;
	}
	if (!json_is_string(v) ||
	    text_normalize(json_string_value(v), json_string_length(v), &norm, &n) != 0)
		return kh_fail(err, KH_EINVAL, name, "Trường «%s» phải là chuỗi văn bản", name);
	*out = arena_memdup0(&r->arena, norm, n);
	free(norm);
	return 0;
}

/* The "source_ids" array of a merge request: positive ids, 1 to 1000. */
static int json_source_ids(struct req *r, int64_t **out, int *n_out, struct kh_error *err)
{
	json_t *a = r->json ? json_object_get(r->json, "source_ids") : NULL;
	if (!a || !json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 1000)
		return kh_fail(err, KH_EINVAL, "source_ids",
			       "Trường «source_ids» phải là danh sách mã số tổ chức");
	size_t n = json_array_size(a);
	int64_t *ids = arena_alloc(&r->arena, sizeof(*ids) * n);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(a, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return kh_fail(err, KH_EINVAL, "source_ids",
				       "Trường «source_ids» phải là danh sách mã số tổ chức");
		ids[i] = json_integer_value(v);
	}
	*out = ids;
	*n_out = (int)n;
	return 0;
}

static void api_merge(struct req *r)
{
	struct kh_error err;
	const char *note = NULL;
	int32_t date = 0;
	int64_t *ids;
	int n;
	if (json_source_ids(r, &ids, &n, &err) || json_field_date(r, "date", false, &date, &err) ||
	    json_field_text(r, "note", false, false, &note, &err) ||
	    app_org_merge(&r->ctx, ids, n, r->ids[0], date, note, &err)) {
		resp_error(r, &err);
		return;
	}
	api_org_answer(r, r->ids[0], date, 200);
}

/* Merges the sources into a new org created the same day, in one
 * transaction: {"source_ids", "date", "note", "new_org": {"parent_id",
 * "name", "short_name", "kind", "level"}}. Answers 201 with the new org. */
static void api_merge_new(struct req *r)
{
	struct kh_error err;
	struct org_create in = {0};
	int64_t *ids, id = 0, parent = 0, level = -1;
	int n;
	json_t *saved = r->json, *new_org = r->json ? json_object_get(r->json, "new_org") : NULL;
	if (json_source_ids(r, &ids, &n, &err) ||
	    json_field_date(r, "date", true, &in.date, &err) ||
	    json_field_text(r, "note", false, false, &in.note, &err)) {
		resp_error(r, &err);
		return;
	}
	if (!new_org || !json_is_object(new_org)) {
		resp_error(r, &(struct kh_error){KH_EINVAL, "Thiếu trường «new_org» (tổ chức mới)",
						 "new_org"});
		return;
	}
	/* The new org's fields are read like a body of their own. */
	r->json = new_org;
	int rc = json_field_int(r, "parent_id", false, 1, INT64_MAX, &parent, &err) ||
		 json_field_text(r, "name", true, false, &in.name, &err) ||
		 json_field_text(r, "short_name", false, false, &in.short_name, &err) ||
		 json_field_text(r, "kind", true, false, &in.kind, &err) ||
		 json_field_int(r, "level", true, 0, ORG_LEVEL_MAX, &level, &err);
	r->json = saved;
	if (rc) {
		resp_error(r, &err);
		return;
	}
	in.parent_id = parent;
	in.level = (int)level;
	if (!parent) { /* default: where the first source sits */
		struct org first;
		if (app_org_get(&r->ctx, ids[0], in.date, &first, &err)) {
			resp_error(r, &err);
			return;
		}
		in.parent_id = first.parent_id;
	}
	if (app_org_merge_into_new(&r->ctx, ids, n, &in, &id, &err)) {
		resp_error(r, &err);
		return;
	}
	api_org_answer(r, id, in.date, 201);
}

static void api_split(struct req *r)
{
	struct kh_error err;
	json_t *a = r->json ? json_object_get(r->json, "new_orgs") : NULL;
	const char *note = NULL;
	int32_t date = 0;
	bool dissolve = false;
	int64_t *ids;
	if (!a || !json_is_array(a) || json_array_size(a) == 0 || json_array_size(a) > 100) {
		resp_fail(r, KH_EINVAL,
			  "Trường «new_orgs» phải là danh sách từ 1 đến 100 tổ chức mới");
		return;
	}
	size_t n = json_array_size(a);
	struct org_split_part *parts = arena_alloc(&r->arena, sizeof(*parts) * n);
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(a, i);
		if (!json_is_object(o)) {
			resp_fail(r, KH_EINVAL, "Mỗi phần tử của «new_orgs» phải là một đối tượng");
			return;
		}
		if (elem_text(r, o, "name", true, &parts[i].name, &err) ||
		    elem_text(r, o, "short_name", false, &parts[i].short_name, &err)) {
			resp_error(r, &err);
			return;
		}
	}
	if (json_field_date(r, "date", false, &date, &err) ||
	    json_field_bool(r, "dissolve_source", false, &dissolve, &err) ||
	    json_field_text(r, "note", false, false, &note, &err) ||
	    app_org_split(&r->ctx, r->ids[0], parts, (int)n, date, dissolve, note, &ids, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *created = json_array();
	for (size_t i = 0; i < n; i++) {
		struct org o;
		if (app_org_get(&r->ctx, ids[i], date, &o, &err) == 0)
			json_array_append_new(created, org_json(&o));
	}
	resp_json(r, 201, json_pack("{s:o}", "new_orgs", created));
}

static void api_dissolve(struct req *r)
{
	struct kh_error err;
	const char *note = NULL;
	int32_t date = 0;
	int64_t to = 0;
	if (json_field_date(r, "date", false, &date, &err) ||
	    json_field_int(r, "children_to", false, 1, INT64_MAX, &to, &err) ||
	    json_field_text(r, "note", false, false, &note, &err) ||
	    app_org_dissolve(&r->ctx, r->ids[0], date, to, note, &err)) {
		resp_error(r, &err);
		return;
	}
	api_org_answer(r, r->ids[0], date, 200);
}

static void api_import(struct req *r)
{
	struct kh_error err;
	struct import_report rep;
	kh_error_clear(&err);
	/* ?date= is the effective day for rows that give none. */
	int rc = app_org_import_csv(&r->ctx, r->body, r->body_len, req_param_date(r, "date", 0),
				    req_param_bool(r, "dry_run"), &rep, &err);
	web_import_answer(r, rc, &err, &rep);
}

static const struct route routes[] = {
	{HTTP_GET, "/orgs", tree_page, 0, {{"date", P_DATE}, {"q", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/orgs",
	 form_create_root,
	 0,
	 {{"name", P_TEXT},
	  {"short_name", P_TEXT},
	  {"kind", P_TEXT},
	  {"level", P_INT},
	  {"date", P_DATE},
	  {"note", P_TEXT}},
	 NULL},
	{HTTP_GET, "/orgs/import", import_page, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/orgs/import",
	 import_submit,
	 ROUTE_LARGE_BODY,
	 {{"file", P_FILE}, {"dry_run", P_BOOL}, {"date", P_DATE}},
	 NULL},
	{HTTP_GET, "/orgs/{id}", org_page, 0, {{"date", P_DATE}, {"notice", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/orgs/{id}/rename",
	 form_rename,
	 0,
	 {{"name", P_TEXT}, {"short_name", P_TEXT}, {"date", P_DATE}, {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/move",
	 form_move,
	 0,
	 {{"parent_id", P_ID}, {"parent_other", P_ID}, {"date", P_DATE}, {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/children",
	 form_child,
	 0,
	 {{"name", P_TEXT},
	  {"short_name", P_TEXT},
	  {"kind", P_TEXT},
	  {"level", P_INT},
	  {"date", P_DATE},
	  {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/merge",
	 form_merge,
	 0,
	 {{"source_ids", P_TEXT}, {"date", P_DATE}, {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/merge-new",
	 form_merge_new,
	 0,
	 {{"source_ids", P_TEXT},
	  {"name", P_TEXT},
	  {"short_name", P_TEXT},
	  {"parent_id", P_ID},
	  {"date", P_DATE},
	  {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/split",
	 form_split,
	 0,
	 {{"name_1", P_TEXT},
	  {"short_1", P_TEXT},
	  {"name_2", P_TEXT},
	  {"short_2", P_TEXT},
	  {"name_3", P_TEXT},
	  {"short_3", P_TEXT},
	  {"name_4", P_TEXT},
	  {"short_4", P_TEXT},
	  {"name_5", P_TEXT},
	  {"short_5", P_TEXT},
	  {"dissolve_source", P_BOOL},
	  {"date", P_DATE},
	  {"note", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/dissolve",
	 form_dissolve,
	 0,
	 {{"children_to", P_ID}, {"date", P_DATE}, {"note", P_TEXT}},
	 NULL},

	{HTTP_GET,
	 "/api/v1/orgs",
	 api_list,
	 0,
	 {{"parent_id", P_ID}, {"date", P_DATE}, {"q", P_TEXT}},
	 NULL},
	{HTTP_POST, "/api/v1/orgs", api_create, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/api/v1/orgs/import",
	 api_import,
	 ROUTE_LARGE_BODY,
	 {{"dry_run", P_BOOL}, {"date", P_DATE}},
	 NULL},
	{HTTP_GET, "/api/v1/orgs/{id}", api_get, 0, {{"date", P_DATE}}, NULL},
	{HTTP_PATCH, "/api/v1/orgs/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/children", api_children, 0, {{"date", P_DATE}}, NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/history", api_history, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/orgs/{id}/merge", api_merge, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/orgs/merge", api_merge_new, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/orgs/{id}/split", api_split, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/orgs/{id}/dissolve", api_dissolve, 0, {{0}}, NULL},
};

struct route_list web_routes_org(void)
{
	return ROUTES(routes);
}
