/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The documents register on the web: the list with its filters (kind,
 * issuer, year, words) and the form to register a document, a document's
 * page (details, links in both directions, the forms to edit it and to link
 * it to another document), and the JSON API under /api/v1/documents. Pages
 * and API call the same app/document.h use cases.
 */
#include "core/common.h"
#include "app/document.h"
#include "app/org.h"
#include "core/date.h"
#include "text/docnum.h"
#include "web/internal.h"
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

static const char *form_text(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã vào sổ văn bản."},
		{"updated", "Đã lưu văn bản."},
		{"linked", "Đã thêm liên kết."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static const char *kind_label(const char *kind)
{
	const char *l = docnum_kind_label(kind);
	return l ? l : kind;
}

static void kind_options(struct req *r, const char *selected, const char *none_label)
{
	html(r, "<option value=\"\">%s</option>", none_label);
	for (int i = 0; docnum_known_kind(i); i++) {
		const char *k = docnum_known_kind(i);
		html(r, "<option value=\"%s\"%r>%s — %s</option>", k,
		     selected && strcmp(selected, k) == 0 ? " selected" : "", k, kind_label(k));
	}
}

static void issuer_cell(struct req *r, const struct document *d)
{
	if (d->issuer_org_id)
		html(r, "<a href=\"/orgs/%D\">%s</a>", d->issuer_org_id,
		     *d->issuer_name ? d->issuer_name : "(tổ chức)");
	else
		html(r, "<span class=\"muted\">—</span>");
}

/* ---- the register ---- */

static const char *list_url(struct req *r, int64_t offset)
{
	static const char *const keep[] = {"kind", "issuer_org_id", "year", "q", "limit"};
	return req_page_url(r, "/documents", keep, (int)KH_ARRAY_LEN(keep), offset);
}

static void create_form(struct req *r)
{
	html(r,
	     "<details%r><summary>Vào sổ văn bản mới</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/documents\">",
	     req_param(r, "title") ? " open" : "");
	html_csrf_field(r);
	html(r,
	     "<label>Số, ký hiệu (ví dụ «Số 12-NQ/TU» hoặc «Số: 12/NQ-HĐND») <input"
	     " name=\"number\" required maxlength=\"100\" value=\"%s\"></label>"
	     "<label>Loại văn bản <select name=\"kind\">",
	     form_text(r, "number"));
	kind_options(r, req_param(r, "kind"), "(theo số, ký hiệu)");
	html(r,
	     "</select></label><label>Ngày ban hành <input type=\"date\" name=\"date\""
	     " value=\"%s\"></label><label>Cơ quan ban hành (mã số tổ chức) <input"
	     " type=\"number\" min=\"1\" name=\"issuer_org_id\" value=\"%s\"></label>"
	     "<label>Trích yếu <textarea name=\"title\" required maxlength=\"1000\""
	     " rows=\"3\">%s</textarea></label>"
	     "<p><button type=\"submit\" class=\"primary\">Vào sổ</button></p></form></details>",
	     form_text(r, "date"), form_text(r, "issuer_org_id"), form_text(r, "title"));
}

static void render_list(struct req *r, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct document_page page;
	int64_t limit = req_param_int(r, "limit", 50), offset = req_param_int(r, "offset", 0);
	int64_t year = req_param_int(r, "year", 0);
	if (limit < 1 || limit > DOCUMENT_PAGE_MAX || offset < 0 || offset > 100000000 ||
	    year < 0 || year > 2200) {
		resp_fail(r, KH_EINVAL, "Tham số không hợp lệ (limit từ 1 đến 200, năm đến 2200)");
		return;
	}
	struct document_query q = {
		.kind = req_param(r, "kind"),
		.issuer_org_id = req_param_int(r, "issuer_org_id", 0),
		.year = (int)year,
		.q = req_param(r, "q"),
		.limit = (int)limit,
		.offset = (int)offset,
	};
	if (app_document_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Sổ văn bản");
	html(r, "<h1>Sổ văn bản</h1>");
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r, "<form class=\"inline\" method=\"get\" action=\"/documents\">"
		"<label>Loại <select name=\"kind\">");
	kind_options(r, q.kind, "Tất cả");
	html(r,
	     "</select></label><label>Cơ quan ban hành (mã số) <input type=\"number\" min=\"1\""
	     " name=\"issuer_org_id\" value=\"%s\"></label><label>Năm <input type=\"number\""
	     " min=\"1900\" max=\"2200\" name=\"year\" value=\"%s\"></label>"
	     "<label>Tìm <input type=\"search\" name=\"q\" value=\"%s\""
	     " placeholder=\"Số, ký hiệu, trích yếu\"></label><button type=\"submit\">Lọc"
	     "</button></form>",
	     form_text(r, "issuer_org_id"), form_text(r, "year"), form_text(r, "q"));
	if (page.n == 0) {
		html(r, "<p class=\"muted\">Không có văn bản nào.</p>");
	} else {
		html(r, "<table><thead><tr><th>Số, ký hiệu</th><th>Ngày</th><th>Loại</th>"
			"<th>Cơ quan ban hành</th><th>Trích yếu</th></tr></thead><tbody>");
		for (int i = 0; i < page.n; i++) {
			const struct document *d = &page.items[i].doc;
			html(r,
			     "<tr><td><a href=\"/documents/%D\">%s</a></td><td>%t</td><td>%s</td><td>",
			     d->id, *d->number ? d->number : "(không số)", d->date,
			     kind_label(d->kind));
			issuer_cell(r, d);
			html(r, "</td><td><a href=\"/documents/%D\">%s</a></td></tr>", d->id,
			     d->title);
		}
		html(r, "</tbody></table>");
	}
	if (page.total > 0)
		html(r, "<p class=\"muted\">Hiển thị %D–%D trong %D văn bản.</p>",
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
	if (app_manages_any(&r->ctx))
		create_form(r);
	page_end(r);
	resp_html(r, status);
}

static void list_page(struct req *r)
{
	render_list(r, 200, NULL);
}

static void form_input(struct req *r, struct document_input *in)
{
	memset(in, 0, sizeof(*in));
	in->number = form_text(r, "number");
	in->kind = form_text(r, "kind");
	in->date = req_param_date(r, "date", 0);
	in->set_date = true;
	in->issuer_org_id = req_param_int(r, "issuer_org_id", 0);
	in->set_issuer = true;
	in->title = form_text(r, "title");
}

static void form_create(struct req *r)
{
	struct kh_error err;
	struct document_input in;
	struct document d;
	form_input(r, &in);
	int rc = app_document_create(&r->ctx, &in, &d, &err);
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/documents/%lld?notice=created",
					      (long long)d.id));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		render_list(r, http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

/* ---- a document's page ---- */

static void links_table(struct req *r, const struct document_view *v, bool outgoing)
{
	int shown = 0;
	for (int i = 0; i < v->n_links; i++) {
		const struct document_link_item *l = &v->links[i];
		if (l->outgoing != outgoing)
			continue;
		if (!shown++)
			html(r, "<table><thead><tr><th>Quan hệ</th><th>Văn bản</th></tr></thead>"
				"<tbody>");
		html(r, "<tr><td>%s</td><td><a href=\"/documents/%D\">%s</a> — %s</td></tr>",
		     app_document_link_label(l->link.kind, outgoing), l->other_id,
		     *l->link.other_number ? l->link.other_number : "(không số)",
		     l->link.other_title);
	}
	if (shown)
		html(r, "</tbody></table>");
	else
		html(r, "<p class=\"muted\">Không có.</p>");
}

static void edit_form(struct req *r, const struct document *d)
{
	html(r,
	     "<h2>Sửa văn bản</h2><form class=\"stack\" method=\"post\""
	     " action=\"/documents/%D\">",
	     d->id);
	html_csrf_field(r);
	html(r,
	     "<label>Số, ký hiệu <input name=\"number\" maxlength=\"100\" value=\"%s\"></label>"
	     "<label>Loại văn bản <select name=\"kind\">",
	     d->number);
	kind_options(r, d->kind, "(theo số, ký hiệu)");
	html(r,
	     "</select></label><label>Ngày ban hành <input type=\"date\" name=\"date\""
	     " value=\"%T\"></label><label>Cơ quan ban hành (mã số tổ chức) <input"
	     " type=\"number\" min=\"1\" name=\"issuer_org_id\" value=\"%s\"></label>"
	     "<label>Trích yếu <textarea name=\"title\" required maxlength=\"1000\" rows=\"3\">"
	     "%s</textarea></label><p><button type=\"submit\" class=\"primary\">Lưu</button></p>"
	     "</form>",
	     d->date,
	     d->issuer_org_id ? arena_printf(&r->arena, "%lld", (long long)d->issuer_org_id) : "",
	     d->title);
}

static void link_form(struct req *r, int64_t id)
{
	html(r,
	     "<h2>Thêm liên kết</h2><form class=\"stack\" method=\"post\""
	     " action=\"/documents/%D/links\">",
	     id);
	html_csrf_field(r);
	html(r, "<label>Văn bản này <select name=\"kind\">");
	for (int k = 0; k < DOCUMENT_LINK_KIND_COUNT; k++) {
		const char *name = document_link_kind_name((enum document_link_kind)k);
		html(r, "<option value=\"%s\"%r>%s</option>", name,
		     strcmp(form_text(r, "kind"), name) == 0 ? " selected" : "",
		     app_document_link_label((enum document_link_kind)k, true));
	}
	html(r,
	     "</select></label><label>Văn bản (số, ký hiệu như «12-NQ/TW», hoặc mã số) <input"
	     " name=\"to\" required maxlength=\"100\" value=\"%s\"></label>"
	     "<p><button type=\"submit\" class=\"primary\">Thêm liên kết</button></p></form>",
	     form_text(r, "to"));
}

static void render_document(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct document_view v;
	if (app_document_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct document *d = &v.doc;
	const char *heading =
		*d->number ? arena_printf(&r->arena, "%s — %s", d->number, d->title) : d->title;
	page_begin(r, *d->number ? d->number : "Văn bản");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/documents\">Sổ văn bản"
	     "</a> › <span aria-current=\"page\">%s</span></nav><h1>%s</h1>",
	     *d->number ? d->number : "(không số)", heading);
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r,
	     "<table class=\"details\"><tbody><tr><th>Số, ký hiệu</th><td>%s</td></tr>"
	     "<tr><th>Loại</th><td>%s</td></tr><tr><th>Ngày ban hành</th><td>%t</td></tr>"
	     "<tr><th>Cơ quan ban hành</th><td>",
	     d->number, kind_label(d->kind), d->date);
	issuer_cell(r, d);
	html(r,
	     "</td></tr><tr><th>Trích yếu</th><td>%s</td></tr><tr><th>Mã số</th><td>%D</td>"
	     "</tr></tbody></table>",
	     d->title, d->id);
	html(r, "<h2>Văn bản này liên quan đến</h2>");
	links_table(r, &v, true);
	html(r, "<h2>Văn bản liên quan đến văn bản này</h2>");
	links_table(r, &v, false);
	if (v.can_edit) {
		link_form(r, d->id);
		edit_form(r, d);
	}
	page_end(r);
	resp_html(r, status);
}

static void document_page(struct req *r)
{
	render_document(r, r->ids[0], 200, NULL);
}

static void form_done(struct req *r, int64_t id, int rc, const struct kh_error *err,
		      const char *notice)
{
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/documents/%lld?notice=%s", (long long)id,
					      notice));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT || (rc == KH_ENOTFOUND && err->field[0])) {
		render_document(r, id, http_status_for(rc), err);
		return;
	}
	resp_error(r, err);
}

static void form_update(struct req *r)
{
	struct kh_error err;
	struct document_input in;
	struct document d;
	form_input(r, &in);
	int rc = app_document_update(&r->ctx, r->ids[0], &in, &d, &err);
	form_done(r, r->ids[0], rc, &err, "updated");
}

static void form_link(struct req *r)
{
	struct kh_error err;
	int64_t to = 0;
	struct kh_error e2;
	int rc = app_document_resolve(&r->ctx, form_text(r, "to"), &to, &e2);
	if (rc == KH_ENOTFOUND || rc == KH_EFORBIDDEN)
		rc = kh_fail(&err, KH_EINVAL, "to", "%s", e2.message);
	else if (rc)
		err = e2;
	if (!rc)
		rc = app_document_link(&r->ctx, r->ids[0], to, form_text(r, "kind"), &err);
	form_done(r, r->ids[0], rc, &err, "linked");
}

/* ---- API ---- */

static void api_answer(struct req *r, int64_t id, int status)
{
	struct kh_error err;
	struct document_view v;
	if (app_document_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *j = app_document_json(&v.doc, v.links, v.n_links);
	json_object_set_new(j, "can_edit", json_boolean(v.can_edit));
	resp_json(r, status, j);
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct document_page page;
	int64_t limit = req_param_int(r, "limit", 50), offset = req_param_int(r, "offset", 0);
	int64_t year = req_param_int(r, "year", 0);
	if (limit < 1 || limit > DOCUMENT_PAGE_MAX || offset < 0 || offset > 100000000 ||
	    year < 0 || year > 2200) {
		resp_fail(r, KH_EINVAL,
			  "Tham số không hợp lệ: limit từ 1 đến 200, offset không âm,"
			  " year đến 2200");
		return;
	}
	struct document_query q = {
		.kind = req_param(r, "kind"),
		.issuer_org_id = req_param_int(r, "issuer_org_id", 0),
		.year = (int)year,
		.q = req_param(r, "q"),
		.limit = (int)limit,
		.offset = (int)offset,
	};
	if (app_document_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < page.n; i++)
		json_array_append_new(a, app_document_json(&page.items[i].doc, page.items[i].links,
							   page.items[i].n_links));
	resp_json(r, 200,
		  json_pack("{s:o, s:I, s:i, s:i}", "documents", a, "total", (json_int_t)page.total,
			    "limit", page.limit, "offset", page.offset));
}

static int json_input(struct req *r, struct document_input *in, struct kh_error *err)
{
	int64_t issuer = 0;
	int rc;
	memset(in, 0, sizeof(*in));
	if (!r->json)
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cần gửi dữ liệu JSON (Content-Type: application/json)");
	if ((rc = json_field_text(r, "number", false, false, &in->number, err)) ||
	    (rc = json_field_text(r, "kind", false, false, &in->kind, err)) ||
	    (rc = json_field_date(r, "date", false, &in->date, err)) ||
	    (rc = json_field_int(r, "issuer_org_id", false, 1, INT64_MAX, &issuer, err)) ||
	    (rc = json_field_text(r, "title", false, false, &in->title, err)))
		return rc;
	in->set_date = json_has(r, "date");
	in->issuer_org_id = issuer;
	in->set_issuer = json_has(r, "issuer_org_id");
	if (json_has(r, "number") && !in->number)
		in->number = "";
	return 0;
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct document_input in;
	struct document d;
	if (json_input(r, &in, &err) ||
	    (!in.title && kh_fail(&err, KH_EINVAL, "title", "Thiếu trường «title»")) ||
	    (!in.number && kh_fail(&err, KH_EINVAL, "number", "Thiếu trường «number»")) ||
	    app_document_create(&r->ctx, &in, &d, &err)) {
		resp_error(r, &err);
		return;
	}
	api_answer(r, d.id, 201);
}

static void api_get(struct req *r)
{
	api_answer(r, r->ids[0], 200);
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	struct document_input in;
	struct document d;
	if (json_input(r, &in, &err) || app_document_update(&r->ctx, r->ids[0], &in, &d, &err)) {
		resp_error(r, &err);
		return;
	}
	api_answer(r, d.id, 200);
}

static void api_link(struct req *r)
{
	struct kh_error err;
	const char *kind = NULL, *to_number = NULL;
	int64_t to = 0;
	if (json_field_text(r, "kind", true, false, &kind, &err) ||
	    json_field_int(r, "to_id", false, 1, INT64_MAX, &to, &err) ||
	    json_field_text(r, "to_number", false, false, &to_number, &err)) {
		resp_error(r, &err);
		return;
	}
	if (!to && !to_number) {
		resp_fail(r, KH_EINVAL,
			  "Cần «to_id» (mã số) hoặc «to_number» (số, ký hiệu) của văn"
			  " bản được liên kết");
		return;
	}
	if (!to) {
		struct kh_error e2;
		int rc = app_document_resolve(&r->ctx, to_number, &to, &e2);
		if (rc == KH_ENOTFOUND)
			kh_fail(&err, KH_EINVAL, "to_number", "%s", e2.message);
		else if (rc)
			err = e2;
		if (rc) {
			resp_error(r, &err);
			return;
		}
	}
	if (app_document_link(&r->ctx, r->ids[0], to, kind, &err)) {
		resp_error(r, &err);
		return;
	}
	api_answer(r, r->ids[0], 201);
}

#define DOCUMENT_FORM_FIELDS                                                             \
	{"number", P_TEXT}, {"kind", P_TEXT}, {"date", P_DATE}, {"issuer_org_id", P_ID}, \
	{                                                                                \
		"title", P_LONGTEXT                                                      \
	}

static const struct route routes[] = {
	{HTTP_GET,
	 "/documents",
	 list_page,
	 0,
	 {{"kind", P_TEXT},
	  {"issuer_org_id", P_ID},
	  {"year", P_INT},
	  {"q", P_TEXT},
	  {"limit", P_INT},
	  {"offset", P_INT},
	  {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST, "/documents", form_create, 0, {DOCUMENT_FORM_FIELDS}, NULL},
	{HTTP_GET, "/documents/{id}", document_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST, "/documents/{id}", form_update, 0, {DOCUMENT_FORM_FIELDS}, NULL},
	{HTTP_POST,
	 "/documents/{id}/links",
	 form_link,
	 0,
	 {{"kind", P_TEXT}, {"to", P_TEXT}},
	 NULL},

	{HTTP_GET,
	 "/api/v1/documents",
	 api_list,
	 0,
	 {{"kind", P_TEXT},
	  {"issuer_org_id", P_ID},
	  {"year", P_INT},
	  {"q", P_TEXT},
	  {"limit", P_INT},
	  {"offset", P_INT}},
	 NULL},
	{HTTP_POST, "/api/v1/documents", api_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/documents/{id}", api_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/documents/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/documents/{id}/links", api_link, 0, {{0}}, NULL},
};

struct route_list web_routes_document(void)
{
	return ROUTES(routes);
}
