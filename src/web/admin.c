/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Administration: the accounts page (list, create, change rights, links and
 * e-mail addresses, reset passwords, issue, list and revoke API tokens) and
 * the audit log, each with its JSON twin under /api/v1. Every handler goes
 * through app/, which refuses anyone but an administrator (a user may read
 * their own account and issue their own tokens). Forms redirect back with a
 * notice on success and re-render with the error otherwise.
 */
#include "core/common.h"
#include "app/auth.h"
#include "web/internal.h"
#include "web/routes.h"
#include "web/tokens.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define AUDIT_PAGE_LIMIT 200

/* ---- shared ---- */

static json_t *user_json(const struct user *u)
{
	json_t *o = json_pack("{s:I, s:s, s:b, s:b, s:I}", "id", (json_int_t)u->id, "username",
			      u->username, "is_admin", u->is_admin, "disabled", u->disabled,
			      "created_at", (json_int_t)u->created_at);
	json_object_set_new(o, "person_id",
			    u->person_id ? json_integer(u->person_id) : json_null());
	json_object_set_new(o, "person_name",
			    u->person_id ? json_string(u->person_name) : json_null());
	json_object_set_new(o, "email", json_string(u->email ? u->email : ""));
	return o;
}

/* "dd/mm/yyyy hh:mm" in the server's local time, in the arena. */
static const char *format_time(struct req *r, int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	if (!localtime_r(&tt, &tm))
		return "";
	return arena_printf(&r->arena, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

static json_t *token_json(const struct api_token *t)
{
	return json_pack("{s:I, s:I, s:s, s:I, s:b}", "id", (json_int_t)t->id, "user_id",
			 (json_int_t)t->user_id, "label", t->label, "created_at",
			 (json_int_t)t->created_at, "revoked", t->revoked);
}

void web_token_table(struct req *r, const struct api_token *v, int n, const char *back)
{
	if (n == 0) {
		html(r, "<p class=\"muted\">Chưa có mã truy cập API nào.</p>");
		return;
	}
	html(r, "<table class=\"tokens\"><thead><tr><th>Nhãn</th><th>Ngày tạo</th>"
		"<th>Trạng thái</th><th></th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct api_token *t = &v[i];
		html(r, "<tr id=\"token-%D\"><td>%s</td><td>%s</td><td>%s</td><td>", t->id,
		     t->label[0] ? t->label : "(không nhãn)", format_time(r, t->created_at),
		     t->revoked ? "đã thu hồi" : "đang dùng");
		if (!t->revoked) {
			html(r,
			     "<form class=\"inline\" method=\"post\""
			     " action=\"/admin/tokens/%D/revoke\">",
			     t->id);
			html_csrf_field(r);
			if (back)
				html(r, "<input type=\"hidden\" name=\"back\" value=\"%s\">", back);
			html(r, "<button type=\"submit\">Thu hồi</button></form>");
		}
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table>");
}

/* ---- accounts page ---- */

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã tạo tài khoản"},
		{"updated", "Đã cập nhật tài khoản"},
		{"password",
		 "Đã đặt lại mật khẩu; các phiên đăng nhập của tài khoản đó đã kết thúc"},
		{"token_revoked", "Đã thu hồi mã truy cập; mã đó không còn dùng được nữa"},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static void user_row(struct req *r, const struct user *u)
{
	bool self = u->id == r->actor.user_id;
	html(r, "<tr id=\"user-%D\"><td>%D</td><td><strong>%s</strong></td><td>", u->id, u->id,
	     u->username);
	if (u->person_id)
		html(r, "<a href=\"/people/%D\">%s</a>", u->person_id,
		     u->person_name[0] ? u->person_name : "(không rõ tên)");
	else
		html(r, "<span class=\"muted\">—</span>");
	html(r, "</td><td>%s</td><td>%s</td><td>", u->is_admin ? "Quản trị viên" : "Người dùng",
	     u->disabled ? "Đã khóa" : "Đang hoạt động");

	html(r, "<form class=\"inline\" method=\"post\" action=\"/admin/users/%D\">", u->id);
	html_csrf_field(r);
	html(r,
	     "<label><input type=\"checkbox\" name=\"is_admin\" value=\"1\"%r%r> Quản trị</label>"
	     "<label><input type=\"checkbox\" name=\"disabled\" value=\"1\"%r%r> Khóa</label>"
	     "<label>Mã cán bộ <input type=\"number\" name=\"person_id\" min=\"1\" size=\"6\""
	     " value=\"%r\"></label>",
	     u->is_admin ? " checked" : "", self ? " disabled title=\"Không thể tự bỏ quyền\"" : "",
	     u->disabled ? " checked" : "", self ? " disabled title=\"Không thể tự khóa\"" : "",
	     u->person_id ? arena_printf(&r->arena, "%lld", (long long)u->person_id) : "");
	html(r,
	     "<label>Thư điện tử <input type=\"email\" name=\"email\" maxlength=\"%d\""
	     " size=\"24\" autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"></label>"
	     "<button type=\"submit\">Lưu</button></form>",
	     AUTH_EMAIL_MAX, u->email ? u->email : "");
	html(r,
	     "<details><summary>Đặt lại mật khẩu, cấp mã truy cập</summary>"
	     "<form class=\"inline\" method=\"post\" action=\"/admin/users/%D/password\">",
	     u->id);
	html_csrf_field(r);
	html(r,
	     "<label>Mật khẩu mới <input type=\"password\" name=\"password\" minlength=\"%d\""
	     " autocomplete=\"new-password\" required></label>"
	     "<button type=\"submit\">Đặt lại</button></form>"
	     "<form class=\"inline\" method=\"post\" action=\"/admin/users/%D/tokens\">",
	     AUTH_PASSWORD_MIN, u->id);
	html_csrf_field(r);
	html(r, "<label>Nhãn <input name=\"label\" maxlength=\"100\"></label>"
		"<button type=\"submit\">Cấp mã truy cập API</button></form></details>");

	struct kh_error err;
	struct api_token *tokens = NULL;
	int n = 0;
	html(r, "<details><summary>Mã truy cập API</summary>");
	if (app_token_list(&r->ctx, u->id, &tokens, &n, &err) != 0)
		html_error_box(r, &err);
	else
		web_token_table(r, tokens, n, NULL);
	html(r, "</details></td></tr>");
}

static void render_users(struct req *r, int status, const struct kh_error *e, const char *notice)
{
	struct kh_error err;
	struct user *v = NULL;
	int n = 0;
	if (app_user_list(&r->ctx, &v, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Quản trị tài khoản");
	html(r, "<h1>Tài khoản người dùng</h1>"
		"<p><a href=\"/admin/audit\">Xem nhật ký thay đổi</a></p>");
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r, "<table><thead><tr><th>Mã</th><th>Tên đăng nhập</th><th>Cán bộ, đảng viên</th>"
		"<th>Quyền</th><th>Trạng thái</th><th>Thay đổi</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		user_row(r, &v[i]);
	if (n == 0)
		html(r, "<tr><td colspan=\"6\" class=\"muted\">Chưa có tài khoản nào</td></tr>");
	html(r, "</tbody></table>");

	const char *username = e ? req_param(r, "username") : NULL;
	/* The address typed in the new-account form comes back with its error
	 * (an error from a row's form leaves the new-account form empty). */
	const char *email = e && username ? req_param(r, "email") : NULL;
	html(r, "<h2>Tạo tài khoản</h2>"
		"<form class=\"stack\" method=\"post\" action=\"/admin/users\">");
	html_csrf_field(r);
	html(r,
	     "<label>Tên đăng nhập (3–64 ký tự: a–z, 0–9, . _ -)"
	     " <input name=\"username\" required maxlength=\"64\" autocapitalize=\"none\""
	     " spellcheck=\"false\" value=\"%s\"></label>"
	     "<label>Mật khẩu (ít nhất %d ký tự) <input type=\"password\" name=\"password\""
	     " required minlength=\"%d\" autocomplete=\"new-password\"></label>"
	     "<label>Mã cán bộ, đảng viên (không bắt buộc) <input type=\"number\""
	     " name=\"person_id\" min=\"1\"></label>"
	     "<label>Thư điện tử nhận thông báo (không bắt buộc) <input type=\"email\""
	     " name=\"email\" maxlength=\"%d\" autocapitalize=\"none\" spellcheck=\"false\""
	     " value=\"%s\"></label>"
	     "<label><input type=\"checkbox\" name=\"is_admin\" value=\"1\"> Quản trị viên</label>"
	     "<p><button type=\"submit\" class=\"primary\">Tạo tài khoản</button></p></form>",
	     username ? username : "", AUTH_PASSWORD_MIN, AUTH_PASSWORD_MIN, AUTH_EMAIL_MAX,
	     email ? email : "");
	page_end(r);
	resp_html(r, status);
}

static void users_page(struct req *r)
{
	render_users(r, 200, NULL, notice_text(req_param(r, "notice")));
}

static void users_create(struct req *r)
{
	struct kh_error err;
	if (app_user_create_with_email(&r->ctx, req_param(r, "username"), req_param(r, "password"),
				       req_param_int(r, "person_id", 0),
				       req_param_bool(r, "is_admin"), req_param(r, "email"), NULL,
				       &err) != 0) {
		render_users(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, "/admin/users?notice=created");
}

static void users_update(struct req *r)
{
	struct kh_error err;
	struct user_update up = {
		.set_admin = true,
		.is_admin = req_param_bool(r, "is_admin"),
		.set_disabled = true,
		.disabled = req_param_bool(r, "disabled"),
		.set_person = true,
		.person_id = req_param_int(r, "person_id", 0),
		/* A form without the field (an older page) keeps the address. */
		.set_email = req_param(r, "email") != NULL,
		.email = req_param(r, "email"),
	};
	/* The row of the acting admin has its checkboxes disabled, so the
	 * browser leaves them out: keep what they were. */
	if (r->ids[0] == r->actor.user_id) {
		up.set_admin = false;
		up.set_disabled = false;
	}
	if (app_user_update(&r->ctx, r->ids[0], &up, NULL, &err) != 0) {
		render_users(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, "/admin/users?notice=updated");
}

static void users_password(struct req *r)
{
	struct kh_error err;
	if (app_user_set_password(&r->ctx, r->ids[0], NULL, req_param(r, "password"), &err) != 0) {
		render_users(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, "/admin/users?notice=password");
}

static void users_token(struct req *r)
{
	struct kh_error err;
	struct user u;
	const char *token = NULL;
	if (app_user_get(&r->ctx, r->ids[0], &u, &err) != 0 ||
	    app_token_create(&r->ctx, u.username, req_param(r, "label"), &token, &err) != 0) {
		render_users(r, http_status_for(err.code), &err, NULL);
		return;
	}
	page_begin(r, "Mã truy cập API");
	html(r, "<h1>Mã truy cập API cho %s</h1>", u.username);
	html_notice(r, "info",
		    "Hãy sao chép mã này ngay: hệ thống chỉ lưu bản băm và sẽ không"
		    " hiển thị lại.");
	html(r,
	     "<p><code id=\"token\">%s</code></p>"
	     "<p>Dùng trong tiêu đề <code>Authorization: Bearer …</code> khi gọi /api/v1.</p>"
	     "<p><a href=\"/admin/users\">Quay lại danh sách tài khoản</a></p>",
	     token);
	page_end(r);
	resp_html(r, 201);
}

/* Revokes a token from the accounts page or the user's own account page
 * (back=account), then goes back there with a notice. */
static void tokens_revoke(struct req *r)
{
	struct kh_error err;
	const char *back = req_param(r, "back");
	bool to_account = back && strcmp(back, "account") == 0;
	if (app_token_revoke(&r->ctx, r->ids[0], &err) != 0) {
		if (to_account || !r->actor.is_admin)
			resp_error(r, &err);
		else
			render_users(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, to_account ? "/account?notice=token_revoked"
				    : "/admin/users?notice=token_revoked");
}

/* ---- audit page ---- */

static void audit_page(struct req *r)
{
	struct kh_error err;
	struct audit_entry *v = NULL;
	int n = 0;
	const char *entity = req_param(r, "entity");
	int64_t entity_id = req_param_int(r, "entity_id", 0);
	if (app_audit_list(&r->ctx, entity, entity_id, AUDIT_PAGE_LIMIT, &v, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Nhật ký thay đổi");
	html(r,
	     "<h1>Nhật ký thay đổi</h1>"
	     "<form class=\"inline\" method=\"get\" action=\"/admin/audit\">"
	     "<label>Loại đối tượng <input name=\"entity\" value=\"%s\" placeholder=\"user, org…\">"
	     "</label><label>Mã <input type=\"number\" name=\"entity_id\" min=\"1\" value=\"%r\">"
	     "</label><button type=\"submit\">Lọc</button></form>",
	     entity ? entity : "",
	     entity_id > 0 ? arena_printf(&r->arena, "%lld", (long long)entity_id) : "");
	html(r, "<p class=\"muted\">%d mục mới nhất.</p>", n);
	html(r, "<table><thead><tr><th>Thời điểm</th><th>Người thực hiện</th><th>Hành động</th>"
		"<th>Đối tượng</th><th>Chi tiết</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct audit_entry *e = &v[i];
		html(r, "<tr><td>%s</td><td>%s</td><td><code>%s</code></td><td>",
		     format_time(r, e->at), e->user_id ? e->username : "hệ thống", e->action);
		html(r, "<a href=\"/admin/audit?entity=%u&amp;entity_id=%D\">%s #%D</a></td><td>",
		     e->entity, e->entity_id, e->entity, e->entity_id);
		if (e->before[0])
			html(r, "<details><summary>Trước</summary><pre>%s</pre></details>",
			     e->before);
		if (e->after[0])
			html(r, "<details><summary>Sau</summary><pre>%s</pre></details>", e->after);
		html(r, "</td></tr>");
	}
	if (n == 0)
		html(r, "<tr><td colspan=\"5\" class=\"muted\">Không có mục nào</td></tr>");
	html(r, "</tbody></table>");
	page_end(r);
	resp_html(r, 200);
}

/* ---- API ---- */

static void api_users_list(struct req *r)
{
	struct kh_error err;
	struct user *v = NULL;
	int n = 0;
	if (app_user_list(&r->ctx, &v, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, user_json(&v[i]));
	resp_json(r, 200, json_pack("{s:o}", "users", arr));
}

static void api_users_create(struct req *r)
{
	struct kh_error err;
	struct user u;
	const char *username = NULL, *password = NULL, *email = NULL;
	int64_t person_id = 0;
	bool is_admin = false;
	if (json_field_text(r, "username", true, false, &username, &err) ||
	    json_field_text(r, "password", true, false, &password, &err) ||
	    json_field_bool(r, "is_admin", false, &is_admin, &err) ||
	    json_field_int(r, "person_id", false, 1, INT64_MAX, &person_id, &err) ||
	    json_field_text(r, "email", false, false, &email, &err) ||
	    app_user_create_with_email(&r->ctx, username, password, person_id, is_admin, email, &u,
				       &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 201, json_pack("{s:o}", "user", user_json(&u)));
}

static void api_user_get(struct req *r)
{
	struct kh_error err;
	struct user u;
	if (app_user_get(&r->ctx, r->ids[0], &u, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, json_pack("{s:o}", "user", user_json(&u)));
}

static void api_user_patch(struct req *r)
{
	struct kh_error err;
	struct user u;
	struct user_update up = {0};
	if (!r->json) {
		resp_fail(r, KH_EINVAL, "Cần gửi dữ liệu JSON (Content-Type: application/json)");
		return;
	}
	up.set_admin = json_has(r, "is_admin");
	up.set_disabled = json_has(r, "disabled");
	up.set_person = json_has(r, "person_id");
	up.set_email = json_has(r, "email"); /* null or "" = none */
	if ((up.set_admin && json_field_bool(r, "is_admin", true, &up.is_admin, &err)) ||
	    (up.set_disabled && json_field_bool(r, "disabled", true, &up.disabled, &err)) ||
	    json_field_int(r, "person_id", false, 1, INT64_MAX, &up.person_id, &err) ||
	    json_field_text(r, "email", false, false, &up.email, &err) ||
	    app_user_update(&r->ctx, r->ids[0], &up, &u, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, json_pack("{s:o}", "user", user_json(&u)));
}

static void api_user_token(struct req *r)
{
	struct kh_error err;
	struct user u;
	const char *label = NULL, *token = NULL;
	if ((r->json && json_field_text(r, "label", false, false, &label, &err)) ||
	    app_user_get(&r->ctx, r->ids[0], &u, &err) ||
	    app_token_create(&r->ctx, u.username, label, &token, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 201,
		  json_pack("{s:s, s:I, s:s, s:s}", "token", token, "user_id", (json_int_t)u.id,
			    "username", u.username, "label", label ? label : ""));
}

static void api_user_tokens(struct req *r)
{
	struct kh_error err;
	struct api_token *v = NULL;
	int n = 0;
	if (app_token_list(&r->ctx, r->ids[0], &v, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr, token_json(&v[i]));
	resp_json(r, 200, json_pack("{s:o}", "tokens", arr));
}

static void api_token_delete(struct req *r)
{
	struct kh_error err;
	if (app_token_revoke(&r->ctx, r->ids[0], &err) != 0) {
		resp_error(r, &err);
		return;
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

/* The stored JSON text as a value (or the text itself if it is not JSON). */
static json_t *audit_value(const char *text)
{
	if (!text || !*text)
		return json_null();
	json_t *v = json_loads(text, JSON_DECODE_ANY, NULL);
	return v ? v : json_string(text);
}

static void api_audit(struct req *r)
{
	struct kh_error err;
	struct audit_entry *v = NULL;
	int n = 0;
	int64_t limit = req_param_int(r, "limit", AUDIT_PAGE_LIMIT);
	if (limit < 1 || limit > 1000)
		limit = AUDIT_PAGE_LIMIT;
	if (app_audit_list(&r->ctx, req_param(r, "entity"), req_param_int(r, "entity_id", 0),
			   (int)limit, &v, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		const struct audit_entry *e = &v[i];
		json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:I}", "id", (json_int_t)e->id, "at",
				      (json_int_t)e->at, "action", e->action, "entity", e->entity,
				      "entity_id", (json_int_t)e->entity_id);
		json_object_set_new(o, "user_id",
				    e->user_id ? json_integer(e->user_id) : json_null());
		json_object_set_new(o, "username",
				    e->user_id ? json_string(e->username) : json_null());
		json_object_set_new(o, "before", audit_value(e->before));
		json_object_set_new(o, "after", audit_value(e->after));
		json_array_append_new(arr, o);
	}
	resp_json(r, 200, json_pack("{s:o}", "entries", arr));
}

static const struct route routes[] = {
	{HTTP_GET, "/admin/users", users_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/admin/users",
	 users_create,
	 0,
	 {{"username", P_TEXT},
	  {"password", P_TEXT},
	  {"person_id", P_ID},
	  {"is_admin", P_BOOL},
	  {"email", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/admin/users/{id}",
	 users_update,
	 0,
	 {{"is_admin", P_BOOL}, {"disabled", P_BOOL}, {"person_id", P_ID}, {"email", P_TEXT}},
	 NULL},
	{HTTP_POST, "/admin/users/{id}/password", users_password, 0, {{"password", P_TEXT}}, NULL},
	{HTTP_POST, "/admin/users/{id}/tokens", users_token, 0, {{"label", P_TEXT}}, NULL},
	{HTTP_POST, "/admin/tokens/{id}/revoke", tokens_revoke, 0, {{"back", P_TEXT}}, NULL},
	{HTTP_GET, "/admin/audit", audit_page, 0, {{"entity", P_TEXT}, {"entity_id", P_ID}}, NULL},
	{HTTP_GET, "/api/v1/users", api_users_list, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/users", api_users_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/users/{id}", api_user_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/users/{id}", api_user_patch, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/users/{id}/tokens", api_user_token, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/users/{id}/tokens", api_user_tokens, 0, {{0}}, NULL},
	{HTTP_DELETE, "/api/v1/tokens/{id}", api_token_delete, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/audit",
	 api_audit,
	 0,
	 {{"entity", P_TEXT}, {"entity_id", P_ID}, {"limit", P_INT}},
	 NULL},
};

struct route_list web_routes_admin(void)
{
	return ROUTES(routes);
}
