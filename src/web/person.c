/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * People and positions on the web: the list (by org, its subtree or the
 * people holding positions there, with a name filter and paging), a
 * person's page (details, positions with dates, the edit and add-position
 * forms when allowed, a form to end a current position), the CSV import
 * page, and the JSON API under /api/v1/people and /api/v1/positions. Pages
 * and API call the same app/person.h use cases.
 */
#include "core/common.h"
#include "app/org.h"
#include "app/person.h"
#include "core/date.h"
#include "web/import.h"
#include "web/internal.h"
#include "web/routes.h"

#include <stdlib.h>
#include <string.h>

/* ---- shared helpers ---- */

static const char *form_text(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

static const char *gender_label(const char *g)
{
	if (strcmp(g, "nam") == 0)
		return "Nam";
	if (strcmp(g, "nu") == 0)
		return "Nữ";
	return "";
}

/* Whether the actor manages some org (so may create people, add
 * positions); the use cases check the exact org. */
static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã thêm người vào danh sách."},
		{"updated", "Đã lưu thông tin."},
		{"position_added", "Đã thêm chức vụ."},
		{"position_ended", "Đã ghi nhận thôi giữ chức vụ."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static void role_options(struct req *r, const char *selected)
{
	for (int k = 0; k < POSITION_ROLE_COUNT; k++) {
		const char *name = position_role_name((enum position_role)k);
		html(r, "<option value=\"%s\"%r>%s</option>", name,
		     selected && strcmp(selected, name) == 0 ? " selected" : "",
		     position_role_label((enum position_role)k));
	}
}

static void gender_select(struct req *r, const char *g)
{
	html(r,
	     "<label>Giới tính <select name=\"gender\">"
	     "<option value=\"\"%r>(không rõ)</option><option value=\"nam\"%r>Nam</option>"
	     "<option value=\"nu\"%r>Nữ</option></select></label>",
	     !*g ? " selected" : "", strcmp(g, "nam") == 0 ? " selected" : "",
	     strcmp(g, "nu") == 0 ? " selected" : "");
}

/* A link to an org by id and name, or a dash. */
static void org_link(struct req *r, int64_t id, const char *name)
{
	struct kh_error e;
	if (!id)
		html(r, "<span class=\"muted\">—</span>");
	else if (app_can_read_org(&r->ctx, id, &e) == 0)
		html(r, "<a href=\"/orgs/%D\">%s</a>", id, *name ? name : "(tổ chức)");
	else /* the name, but no link to a page the user may not open */
		html(r, "%s", *name ? name : "(tổ chức)");
}

/* ---- the list page ---- */

/* The query string of the list with a different offset. */
static const char *list_url(struct req *r, int64_t offset)
{
	static const char *const keep[] = {"org_id", "subtree", "positions", "q", "limit"};
	return req_page_url(r, "/people", keep, (int)KH_ARRAY_LEN(keep), offset);
}

static void create_form(struct req *r)
{
	int64_t org = req_param_int(r, "org_id", 0);
	html(r,
	     "<details%r><summary>Thêm cán bộ, đảng viên</summary>"
	     "<form class=\"stack\" method=\"post\" action=\"/people\">",
	     req_param(r, "full_name") ? " open" : "");
	html_csrf_field(r);
	html(r,
	     "<label>Họ và tên <input name=\"full_name\" required maxlength=\"120\""
	     " value=\"%s\"></label>"
	     "<label>Năm sinh <input type=\"number\" name=\"birth_year\" min=\"1900\""
	     " max=\"2100\" value=\"%s\"></label>",
	     form_text(r, "full_name"), form_text(r, "birth_year"));
	gender_select(r, form_text(r, "gender"));
	html(r,
	     "<label>Nơi sinh hoạt (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"member_org_id\" value=\"%s\"></label>"
	     "<label>Nơi cư trú (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"residence_org_id\" value=\"%s\"></label>"
	     "<label>Cấp ủy quản lý (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"managing_org_id\" value=\"%s\"></label>"
	     "<label>Mã đảng viên <input name=\"external_id\" maxlength=\"50\" value=\"%s\">"
	     "</label><p><button type=\"submit\" class=\"primary\">Thêm</button></p></form>"
	     "</details>",
	     req_param(r, "member_org_id")
		     ? form_text(r, "member_org_id")
		     : (org ? arena_printf(&r->arena, "%lld", (long long)org) : ""),
	     form_text(r, "residence_org_id"), form_text(r, "managing_org_id"),
	     form_text(r, "external_id"));
}

/* Renders the list; e (may be NULL) is a form error to show. */
static void render_list(struct req *r, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct person_page page;
	struct person_query q = {
		.org_id = req_param_int(r, "org_id", 0),
		.subtree = req_param_bool(r, "subtree"),
		.positions = req_param_bool(r, "positions"),
		.q = req_param(r, "q"),
		.limit = (int)req_param_int(r, "limit", 50),
		.offset = (int)req_param_int(r, "offset", 0),
	};
	struct org o = {0};
	if (q.limit < 1 || q.limit > PERSON_PAGE_MAX || q.offset < 0 ||
	    req_param_int(r, "offset", 0) > 100000000) {
		resp_fail(r, KH_EINVAL, "Tham số phân trang không hợp lệ (limit từ 1 đến 200)");
		return;
	}
	if ((q.org_id && app_org_get(&r->ctx, q.org_id, 0, &o, &err)) ||
	    app_person_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}

	page_begin(r, "Cán bộ, đảng viên");
	html(r, "<h1>Cán bộ, đảng viên</h1>");
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/people\">"
	     "<label>Tổ chức (mã số) <input type=\"number\" min=\"1\" name=\"org_id\""
	     " value=\"%s\"></label>"
	     "<label><input type=\"checkbox\" name=\"subtree\" value=\"1\"%r> Cả các tổ chức"
	     " trực thuộc</label>"
	     "<label><input type=\"checkbox\" name=\"positions\" value=\"1\"%r> Người giữ chức"
	     " vụ ở tổ chức</label>"
	     "<label>Tìm theo tên <input type=\"search\" name=\"q\" value=\"%s\"></label>"
	     "<button type=\"submit\">Lọc</button></form>",
	     form_text(r, "org_id"), q.subtree ? " checked" : "", q.positions ? " checked" : "",
	     q.q ? q.q : "");
	if (q.org_id)
		html(r, "<p>%s tại <a href=\"/orgs/%D\">%s</a>%s.</p>",
		     q.positions ? "Người giữ chức vụ" : "Đảng viên sinh hoạt", o.id, o.name,
		     q.subtree && !q.positions ? " và các tổ chức trực thuộc" : "");
	else if (!app_sees_all(&r->ctx))
		html(r, "<p class=\"muted\">Đảng viên sinh hoạt trong phạm vi bạn được xem.</p>");

	if (page.n == 0) {
		html(r, "<p class=\"muted\">Không có ai trong danh sách.</p>");
	} else {
		html(r,
		     "<table><thead><tr><th>Họ và tên</th><th>Năm sinh</th><th>Nơi sinh hoạt</th>"
		     "<th>Chức vụ</th></tr></thead><tbody>");
		for (int i = 0; i < page.n; i++) {
			const struct person_item *it = &page.items[i];
			html(r, "<tr><td><a href=\"/people/%D\">%s</a></td><td>", it->person.id,
			     it->person.full_name);
			if (it->person.birth_year)
				html(r, "%d", it->person.birth_year);
			html(r, "</td><td>");
			org_link(r, it->person.member_org_id, it->member_org_name);
			html(r, "</td><td>%s</td></tr>", it->subtitle);
		}
		html(r, "</tbody></table>");
	}
	if (page.total > 0)
		html(r, "<p class=\"muted\">Hiển thị %D–%D trong %D người.</p>",
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
	if (app_manages_any(&r->ctx)) {
		create_form(r);
		html(r, "<p><a href=\"/people/import\">Nhập danh sách từ tệp CSV</a></p>");
	}
	page_end(r);
	resp_html(r, status);
}

static void list_page(struct req *r)
{
	render_list(r, 200, NULL);
}

/* Reads the person fields of a form (all present: the form sends them). */
static void form_input(struct req *r, struct person_input *in)
{
	memset(in, 0, sizeof(*in));
	in->full_name = form_text(r, "full_name");
	in->gender = form_text(r, "gender");
	in->external_id = form_text(r, "external_id");
	in->birth_year = (int)req_param_int(r, "birth_year", 0);
	in->set_birth_year = true;
	in->member_org_id = req_param_int(r, "member_org_id", 0);
	in->set_member_org = true;
	in->residence_org_id = req_param_int(r, "residence_org_id", 0);
	in->set_residence_org = true;
	in->managing_org_id = req_param_int(r, "managing_org_id", 0);
	in->set_managing_org = true;
	in->retired = req_param_bool(r, "retired");
	in->set_retired = true;
}

static void form_create(struct req *r)
{
	struct kh_error err;
	struct person_input in;
	struct person p;
	int64_t by = req_param_int(r, "birth_year", 0);
	form_input(r, &in);
	int rc;
	if (by < -100000 || by > 100000)
		rc = kh_fail(&err, KH_EINVAL, "birth_year", "Năm sinh không hợp lệ");
	else
		rc = app_person_create(&r->ctx, &in, &p, &err);
	if (rc == 0) {
		resp_redirect(
			r, arena_printf(&r->arena, "/people/%lld?notice=created", (long long)p.id));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		render_list(r, http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

/* ---- a person's page ---- */

static void edit_form(struct req *r, const struct person_view *v)
{
	const struct person *p = &v->person;
	html(r,
	     "<h2>Sửa thông tin</h2><form class=\"stack\" method=\"post\""
	     " action=\"/people/%D\">",
	     p->id);
	html_csrf_field(r);
	html(r,
	     "<label>Họ và tên <input name=\"full_name\" required maxlength=\"120\""
	     " value=\"%s\"></label><label>Năm sinh <input type=\"number\" name=\"birth_year\""
	     " min=\"1900\" max=\"2100\" value=\"%s\"></label>",
	     p->full_name, p->birth_year ? arena_printf(&r->arena, "%d", p->birth_year) : "");
	gender_select(r, p->gender);
	const char *ids[3];
	const int64_t v3[3] = {p->member_org_id, p->residence_org_id, p->managing_org_id};
	for (int i = 0; i < 3; i++)
		ids[i] = v3[i] ? arena_printf(&r->arena, "%lld", (long long)v3[i]) : "";
	html(r,
	     "<label>Nơi sinh hoạt (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"member_org_id\" value=\"%s\"></label>"
	     "<label>Nơi cư trú (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"residence_org_id\" value=\"%s\"></label>"
	     "<label>Cấp ủy quản lý (mã số tổ chức) <input type=\"number\" min=\"1\""
	     " name=\"managing_org_id\" value=\"%s\"></label>"
	     "<label>Mã đảng viên <input name=\"external_id\" maxlength=\"50\" value=\"%s\">"
	     "</label><label><input type=\"checkbox\" name=\"retired\" value=\"1\"%r> Đã nghỉ hưu"
	     "</label><p><button type=\"submit\" class=\"primary\">Lưu</button></p></form>",
	     ids[0], ids[1], ids[2], p->external_id, p->retired ? " checked" : "");
}

static void position_form(struct req *r, int64_t person_id)
{
	html(r,
	     "<h2>Thêm chức vụ</h2><form class=\"stack\" method=\"post\""
	     " action=\"/people/%D/positions\">",
	     person_id);
	html_csrf_field(r);
	html(r,
	     "<label>Tổ chức (mã số) <input type=\"number\" min=\"1\" name=\"org_id\" required"
	     " value=\"%s\"></label><label>Loại chức vụ <select name=\"role\">",
	     form_text(r, "org_id"));
	role_options(r, req_param(r, "role"));
	html(r,
	     "</select></label><label>Tên chức vụ (như trong quyết định, ví dụ «Bí thư"
	     " Huyện ủy») <input name=\"title\" maxlength=\"200\" value=\"%s\"></label>"
	     "<label>Từ ngày <input type=\"date\" name=\"valid_from\" required value=\"%T\">"
	     "</label><label>Đến ngày (để trống nếu đang giữ) <input type=\"date\""
	     " name=\"valid_to\"></label>"
	     "<p><button type=\"submit\" class=\"primary\">Thêm chức vụ</button></p></form>",
	     form_text(r, "title"), req_param_date(r, "valid_from", r->ctx.today));
}

static void render_person(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct person_view v;
	if (app_person_view(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct person *p = &v.person;
	page_begin(r, p->full_name);
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/people\">Cán bộ, đảng"
	     " viên</a> › <span aria-current=\"page\">%s</span></nav><h1>%s</h1>",
	     p->full_name, p->full_name);
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	if (*v.subtitle)
		html(r, "<p class=\"muted\">%s</p>", v.subtitle);
	html(r,
	     "<table class=\"details\"><tbody><tr><th>Họ và tên</th><td>%s</td></tr>"
	     "<tr><th>Năm sinh</th><td>",
	     p->full_name);
	if (p->birth_year)
		html(r, "%d", p->birth_year);
	html(r, "</td></tr><tr><th>Giới tính</th><td>%s</td></tr><tr><th>Nơi sinh hoạt</th><td>",
	     gender_label(p->gender));
	org_link(r, p->member_org_id, v.member_org_name);
	html(r, "</td></tr><tr><th>Nơi cư trú</th><td>");
	org_link(r, p->residence_org_id, v.residence_org_name);
	html(r, "</td></tr><tr><th>Cấp ủy quản lý</th><td>");
	org_link(r, p->managing_org_id, v.managing_org_name);
	html(r,
	     "</td></tr><tr><th>Mã đảng viên</th><td>%s</td></tr>"
	     "<tr><th>Nghỉ hưu</th><td>%s</td></tr><tr><th>Mã số</th><td>%D</td></tr>"
	     "</tbody></table>",
	     p->external_id, p->retired ? "Đã nghỉ hưu" : "Chưa", p->id);

	html(r, "<h2>Chức vụ</h2>");
	if (v.n_positions == 0) {
		html(r, "<p class=\"muted\">Chưa ghi nhận chức vụ nào.</p>");
	} else {
		html(r, "<table><thead><tr><th>Chức vụ</th><th>Loại</th><th>Tổ chức</th>"
			"<th>Từ ngày</th><th>Đến ngày</th></tr></thead><tbody>");
		for (int i = 0; i < v.n_positions; i++) {
			const struct position *q = &v.positions[i];
			bool current = q->valid_from <= r->ctx.today &&
				       (!q->valid_to || r->ctx.today < q->valid_to);
			html(r, "<tr><td>%s%r</td><td>%s</td><td>", q->title,
			     current ? "" : " <span class=\"badge ended\">đã thôi</span>",
			     position_role_label(q->role));
			org_link(r, q->org_id, q->org_name);
			html(r, "</td><td>%t</td><td>", q->valid_from);
			if (q->valid_to) {
				html(r, "%t", q->valid_to);
			} else {
				struct kh_error e2;
				html(r, "<span class=\"muted\">nay</span>");
				if (app_can_manage_org(&r->ctx, q->org_id, &e2) == 0) {
					html(r,
					     "<form class=\"inline\" method=\"post\""
					     " action=\"/positions/%D/end\">",
					     q->id);
					html_csrf_field(r);
					html(r,
					     "<label>Thôi từ ngày <input type=\"date\" name=\"valid_to\""
					     " required value=\"%T\"></label><button type=\"submit\">"
					     "Ghi nhận thôi giữ</button></form>",
					     r->ctx.today);
				}
			}
			html(r, "</td></tr>");
		}
		html(r, "</tbody></table>");
	}
	if (v.can_edit)
		edit_form(r, &v);
	if (app_manages_any(&r->ctx))
		position_form(r, p->id);
	page_end(r);
	resp_html(r, status);
}

static void person_page(struct req *r)
{
	render_person(r, r->ids[0], 200, NULL);
}

static void form_done(struct req *r, int64_t person_id, int rc, const struct kh_error *err,
		      const char *notice)
{
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/people/%lld?notice=%s",
					      (long long)person_id, notice));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		render_person(r, person_id, http_status_for(rc), err);
		return;
	}
	resp_error(r, err);
}

static void form_update(struct req *r)
{
	struct kh_error err;
	struct person_input in;
	struct person p;
	int64_t by = req_param_int(r, "birth_year", 0);
	int rc;
	form_input(r, &in);
	if (by < -100000 || by > 100000)
		rc = kh_fail(&err, KH_EINVAL, "birth_year", "Năm sinh không hợp lệ");
	else
		rc = app_person_update(&r->ctx, r->ids[0], &in, &p, &err);
	form_done(r, r->ids[0], rc, &err, "updated");
}

static void form_add_position(struct req *r)
{
	struct kh_error err;
	struct position p;
	struct position_input in = {
		.person_id = r->ids[0],
		.org_id = req_param_int(r, "org_id", 0),
		.role = form_text(r, "role"),
		.title = form_text(r, "title"),
		.valid_from = req_param_date(r, "valid_from", 0),
		.valid_to = req_param_date(r, "valid_to", 0),
	};
	int rc = app_position_add(&r->ctx, &in, &p, &err);
	form_done(r, r->ids[0], rc, &err, "position_added");
}

static void form_end_position(struct req *r)
{
	struct kh_error err;
	struct position before, p;
	if (app_position_get(&r->ctx, r->ids[0], &before, &err)) {
		resp_error(r, &err);
		return;
	}
	int rc = app_position_end(&r->ctx, r->ids[0], req_param_date(r, "valid_to", 0), &p, &err);
	form_done(r, before.person_id, rc, &err, "position_ended");
}

/* ---- import ---- */

static void import_page_begin(struct req *r)
{
	page_begin(r, "Nhập danh sách cán bộ, đảng viên");
	html(r, "<nav class=\"breadcrumb\"><a href=\"/people\">Cán bộ, đảng viên</a> › "
		"<span aria-current=\"page\">Nhập từ tệp CSV</span></nav>"
		"<h1>Nhập danh sách cán bộ, đảng viên từ tệp CSV</h1>"
		"<p>Dòng đầu là tiêu đề: <code>ma_dang_vien,ho_ten,nam_sinh,gioi_tinh,"
		"ma_noi_sinh_hoat,ma_noi_cu_tru,da_nghi_huu</code> (dấu phân cách <code>,</code>"
		" hoặc <code>;</code>; chỉ <code>ma_dang_vien</code> và <code>ho_ten</code> là"
		" bắt buộc). Người đã có mã đảng viên trong hệ thống được cập nhật, không tạo"
		" trùng. Nơi sinh hoạt và nơi cư trú ghi bằng mã tổ chức (cột <code>ma</code> khi"
		" nhập cơ cấu) hoặc mã số tổ chức; giới tính: nam, nữ; đã nghỉ hưu: có/không."
		" Mọi dòng được kiểm tra trước; nếu có dòng lỗi thì không dòng nào được nhập.</p>");
}

static void import_form(struct req *r)
{
	html(r, "<form class=\"stack\" method=\"post\" action=\"/people/import\""
		" enctype=\"multipart/form-data\">");
	html_csrf_field(r);
	html(r,
	     "<label>Tệp CSV (UTF-8) <input type=\"file\" name=\"file\" accept=\".csv,text/csv\""
	     " required></label>"
	     "<label><input type=\"checkbox\" name=\"dry_run\" value=\"1\" checked> Chỉ kiểm tra,"
	     " chưa nhập</label><p><button type=\"submit\" class=\"primary\">Gửi</button></p>"
	     "</form>");
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
		rc = app_person_import_csv(&r->ctx, file->value, file->len,
					   req_param_bool(r, "dry_run"), &rep, &err);
	if (rc && rc != KH_EINVAL && rc != KH_ETOOBIG) {
		resp_error(r, &err);
		return;
	}
	import_page_begin(r);
	web_import_outcome_html(r, rc, &err, &rep, "Mã đảng viên", "Họ và tên");
	import_form(r);
	page_end(r);
	resp_html(r, rc ? http_status_for(rc) : 200);
}

/* ---- API ---- */

static json_t *person_view_json(const struct person_view *v)
{
	json_t *j = app_person_json(&v->person);
	json_t *a = json_array();
	json_object_set_new(j, "member_org_name", json_string(v->member_org_name));
	json_object_set_new(j, "residence_org_name", json_string(v->residence_org_name));
	json_object_set_new(j, "managing_org_name", json_string(v->managing_org_name));
	json_object_set_new(j, "subtitle", json_string(v->subtitle));
	for (int i = 0; i < v->n_positions; i++)
		json_array_append_new(a, app_position_json(&v->positions[i]));
	json_object_set_new(j, "positions", a);
	json_object_set_new(j, "can_edit", json_boolean(v->can_edit));
	return j;
}

static void api_person_answer(struct req *r, int64_t id, int status)
{
	struct kh_error err;
	struct person_view v;
	if (app_person_view(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, status, person_view_json(&v));
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct person_page page;
	int64_t limit = req_param_int(r, "limit", 50), offset = req_param_int(r, "offset", 0);
	if (limit < 1 || limit > PERSON_PAGE_MAX || offset < 0 || offset > 100000000) {
		resp_fail(r, KH_EINVAL,
			  "Tham số phân trang không hợp lệ: limit từ 1 đến 200,"
			  " offset không âm");
		return;
	}
	struct person_query q = {
		.org_id = req_param_int(r, "org_id", 0),
		.subtree = req_param_bool(r, "subtree"),
		.positions = req_param_bool(r, "positions"),
		.all_time = req_param_bool(r, "all"),
		.q = req_param(r, "q"),
		.limit = (int)limit,
		.offset = (int)offset,
	};
	if (app_person_list(&r->ctx, &q, &page, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < page.n; i++) {
		json_t *j = app_person_json(&page.items[i].person);
		json_object_set_new(j, "member_org_name",
				    json_string(page.items[i].member_org_name));
		json_object_set_new(j, "subtitle", json_string(page.items[i].subtitle));
		json_array_append_new(a, j);
	}
	resp_json(r, 200,
		  json_pack("{s:o, s:I, s:i, s:i}", "people", a, "total", (json_int_t)page.total,
			    "limit", page.limit, "offset", page.offset));
}

/* Reads the JSON person fields present in the body. */
static int json_input(struct req *r, struct person_input *in, struct kh_error *err)
{
	int64_t by = 0, member = 0, residence = 0, managing = 0;
	bool retired = false;
	int rc;
	memset(in, 0, sizeof(*in));
	if ((rc = json_field_text(r, "full_name", false, false, &in->full_name, err)) ||
	    (rc = json_field_text(r, "gender", false, false, &in->gender, err)) ||
	    (rc = json_field_text(r, "external_id", false, false, &in->external_id, err)) ||
	    (rc = json_field_int(r, "birth_year", false, -100000, 100000, &by, err)) ||
	    (rc = json_field_int(r, "member_org_id", false, 1, INT64_MAX, &member, err)) ||
	    (rc = json_field_int(r, "residence_org_id", false, 1, INT64_MAX, &residence, err)) ||
	    (rc = json_field_int(r, "managing_org_id", false, 1, INT64_MAX, &managing, err)) ||
	    (rc = json_field_bool(r, "retired", false, &retired, err)))
		return rc;
	/* A field present as null clears it. */
	in->birth_year = (int)by;
	in->set_birth_year = json_has(r, "birth_year");
	in->member_org_id = member;
	in->set_member_org = json_has(r, "member_org_id");
	in->residence_org_id = residence;
	in->set_residence_org = json_has(r, "residence_org_id");
	in->managing_org_id = managing;
	in->set_managing_org = json_has(r, "managing_org_id");
	in->retired = retired;
	in->set_retired = json_has(r, "retired");
	if (json_has(r, "gender") && !in->gender)
		in->gender = "";
	if (json_has(r, "external_id") && !in->external_id)
		in->external_id = "";
	return 0;
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct person_input in;
	struct person p;
	if (!r->json) {
		resp_fail(r, KH_EINVAL, "Cần gửi dữ liệu JSON (Content-Type: application/json)");
		return;
	}
	if (json_input(r, &in, &err) ||
	    (!in.full_name && kh_fail(&err, KH_EINVAL, "full_name", "Thiếu trường «full_name»")) ||
	    app_person_create(&r->ctx, &in, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_person_answer(r, p.id, 201);
}

static void api_get(struct req *r)
{
	api_person_answer(r, r->ids[0], 200);
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	struct person_input in;
	struct person p;
	if (!r->json) {
		resp_fail(r, KH_EINVAL, "Cần gửi dữ liệu JSON (Content-Type: application/json)");
		return;
	}
	if (json_input(r, &in, &err) || app_person_update(&r->ctx, r->ids[0], &in, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	api_person_answer(r, p.id, 200);
}

static void api_import(struct req *r)
{
	struct kh_error err;
	struct import_report rep;
	kh_error_clear(&err);
	int rc = app_person_import_csv(&r->ctx, r->body, r->body_len, req_param_bool(r, "dry_run"),
				       &rep, &err);
	web_import_answer(r, rc, &err, &rep);
}

static void api_positions(struct req *r)
{
	struct kh_error err;
	struct position *v;
	int n;
	int32_t day = req_param_bool(r, "all") ? 0 : req_param_date(r, "date", r->ctx.today);
	if (app_position_list(&r->ctx, req_param_int(r, "person_id", 0),
			      req_param_int(r, "org_id", 0), day, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, app_position_json(&v[i]));
	resp_json(r, 200, json_pack("{s:o}", "positions", a));
}

static void api_position_add(struct req *r)
{
	struct kh_error err;
	struct position_input in = {0};
	struct position p;
	int64_t person = 0, org = 0;
	if (json_field_int(r, "person_id", true, 1, INT64_MAX, &person, &err) ||
	    json_field_int(r, "org_id", true, 1, INT64_MAX, &org, &err) ||
	    json_field_text(r, "role", true, false, &in.role, &err) ||
	    json_field_text(r, "title", false, false, &in.title, &err) ||
	    json_field_date(r, "valid_from", true, &in.valid_from, &err) ||
	    json_field_date(r, "valid_to", false, &in.valid_to, &err)) {
		resp_error(r, &err);
		return;
	}
	in.person_id = person;
	in.org_id = org;
	if (app_position_add(&r->ctx, &in, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 201, app_position_json(&p));
}

static void api_position_end(struct req *r)
{
	struct kh_error err;
	struct position p;
	int32_t valid_to = 0;
	if (json_field_date(r, "valid_to", false, &valid_to, &err) ||
	    app_position_end(&r->ctx, r->ids[0], valid_to, &p, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_position_json(&p));
}

static void api_position_get(struct req *r)
{
	struct kh_error err;
	struct position p;
	if (app_position_get(&r->ctx, r->ids[0], &p, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_position_json(&p));
}

#define PERSON_FORM_FIELDS                                                                         \
	{"full_name", P_TEXT}, {"birth_year", P_INT}, {"gender", P_TEXT}, {"member_org_id", P_ID}, \
		{"residence_org_id", P_ID}, {"managing_org_id", P_ID}, {"external_id", P_TEXT},    \
	{                                                                                          \
		"retired", P_BOOL                                                                  \
	}

static const struct route routes[] = {
	{HTTP_GET,
	 "/people",
	 list_page,
	 0,
	 {{"org_id", P_ID},
	  {"subtree", P_BOOL},
	  {"positions", P_BOOL},
	  {"q", P_TEXT},
	  {"limit", P_INT},
	  {"offset", P_INT},
	  {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST, "/people", form_create, 0, {PERSON_FORM_FIELDS, {"org_id", P_ID}}, NULL},
	{HTTP_GET, "/people/import", import_page, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/people/import",
	 import_submit,
	 ROUTE_LARGE_BODY,
	 {{"file", P_FILE}, {"dry_run", P_BOOL}},
	 NULL},
	{HTTP_GET, "/people/{id}", person_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST, "/people/{id}", form_update, 0, {PERSON_FORM_FIELDS}, NULL},
	{HTTP_POST,
	 "/people/{id}/positions",
	 form_add_position,
	 0,
	 {{"org_id", P_ID},
	  {"role", P_TEXT},
	  {"title", P_TEXT},
	  {"valid_from", P_DATE},
	  {"valid_to", P_DATE}},
	 NULL},
	{HTTP_POST, "/positions/{id}/end", form_end_position, 0, {{"valid_to", P_DATE}}, NULL},

	{HTTP_GET,
	 "/api/v1/people",
	 api_list,
	 0,
	 {{"org_id", P_ID},
	  {"subtree", P_BOOL},
	  {"positions", P_BOOL},
	  {"all", P_BOOL},
	  {"q", P_TEXT},
	  {"limit", P_INT},
	  {"offset", P_INT}},
	 NULL},
	{HTTP_POST, "/api/v1/people", api_create, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/api/v1/people/import",
	 api_import,
	 ROUTE_LARGE_BODY,
	 {{"dry_run", P_BOOL}},
	 NULL},
	{HTTP_GET, "/api/v1/people/{id}", api_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/people/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/positions",
	 api_positions,
	 0,
	 {{"person_id", P_ID}, {"org_id", P_ID}, {"date", P_DATE}, {"all", P_BOOL}},
	 NULL},
	{HTTP_POST, "/api/v1/positions", api_position_add, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/positions/{id}", api_position_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/positions/{id}", api_position_end, 0, {{0}}, NULL},
};

struct route_list web_routes_person(void)
{
	return ROUTES(routes);
}
