/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Logging in and out: the login page and form, the logout form, the user's
 * own account page (change password, set the e-mail address notifications
 * are mailed to), and the session API that scripts and the tests use. The
 * account page also lists the user's API tokens, each with a revoke button. The session cookie is
 * HttpOnly and SameSite=Strict and holds only a random token; the server resolves it through
 * app_auth_session on every request. After login the browser goes back to `next`, which must be a
 * path on this site (never "//host" or an absolute URL: no open redirect).
 */
#include "core/common.h"
#include "app/auth.h"
#include "web/internal.h"
#include "web/routes.h"
#include "web/tokens.h"

#include <stdio.h>
#include <string.h>

#define COOKIE_NAME "kh_session"

/* The session cookie's value from the Cookie header, or NULL. */
static const char *session_cookie(struct req *r)
{
	const char *h = req_header(r, "Cookie");
	size_t nlen = strlen(COOKIE_NAME);
	while (h && *h) {
		while (*h == ' ' || *h == ';')
			h++;
		const char *end = strchr(h, ';');
		size_t len = end ? (size_t)(end - h) : strlen(h);
		if (len > nlen && strncmp(h, COOKIE_NAME, nlen) == 0 && h[nlen] == '=')
			return arena_memdup0(&r->arena, h + nlen + 1, len - nlen - 1);
		h = end;
	}
	return NULL;
}

static void set_session_cookie(struct req *r, const char *token)
{
	char v[256];
	snprintf(v, sizeof(v), COOKIE_NAME "=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%d",
		 token, AUTH_SESSION_TTL);
	resp_header(r, "Set-Cookie", v);
}

static void clear_session_cookie(struct req *r)
{
	resp_header(r, "Set-Cookie", COOKIE_NAME "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
}

/* next when it is a path on this site, else "/". */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strchr(next, '\\') ||
	    strpbrk(next, "\r\n"))
		return "/";
	return next;
}

/* ---- pages ---- */

static void render_login(struct req *r, int status, const struct kh_error *e, const char *username,
			 const char *next)
{
	page_begin(r, "Đăng nhập");
	html(r, "<h1>Đăng nhập</h1>");
	if (e)
		html_error_box(r, e);
	html(r,
	     "<form class=\"stack\" method=\"post\" action=\"/login\">"
	     "<input type=\"hidden\" name=\"next\" value=\"%s\">"
	     "<label>Tên đăng nhập <input name=\"username\" autocomplete=\"username\""
	     " autocapitalize=\"none\" spellcheck=\"false\" required maxlength=\"64\""
	     " value=\"%s\"%r></label>"
	     "<label>Mật khẩu <input type=\"password\" name=\"password\""
	     " autocomplete=\"current-password\" required%r></label>"
	     "<p><button type=\"submit\" class=\"primary\">Đăng nhập</button></p>"
	     "</form>"
	     "<p class=\"muted\">Quên mật khẩu? Hãy liên hệ quản trị viên của hệ thống.</p>",
	     safe_next(next), username ? username : "", username && *username ? "" : " autofocus",
	     username && *username ? " autofocus" : "");
	page_end(r);
	resp_html(r, status);
}

static void login_page(struct req *r)
{
	render_login(r, 200, NULL, NULL, req_param(r, "next"));
}

static void login_submit(struct req *r)
{
	struct kh_error err;
	struct app_session s;
	const char *username = req_param(r, "username");
	const char *password = req_param(r, "password");
	const char *next = safe_next(req_param(r, "next"));

	if (app_login(&r->ctx, username, password, r->client_ip, &s, &err) != 0) {
		render_login(r, http_status_for(err.code), &err, username, next);
		return;
	}
	set_session_cookie(r, s.token);
	resp_redirect(r, next);
}

static void logout_submit(struct req *r)
{
	struct kh_error err;
	const char *token = session_cookie(r);
	if (token && app_logout(&r->ctx, token, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	clear_session_cookie(r);
	resp_redirect(r, "/login");
}

static void render_account(struct req *r, int status, const struct kh_error *e, const char *notice)
{
	struct kh_error err;
	struct user u;
	if (app_user_get(&r->ctx, r->actor.user_id, &u, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Tài khoản của tôi");
	html(r, "<h1>Tài khoản của tôi</h1>");
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r, "<table><tbody><tr><th>Tên đăng nhập</th><td>%s</td></tr>", u.username);
	html(r, "<tr><th>Cán bộ, đảng viên</th><td>");
	if (u.person_id)
		html(r, "<a href=\"/people/%D\">%s</a>", u.person_id, u.person_name);
	else
		html(r, "<span class=\"muted\">Chưa gắn với cán bộ, đảng viên nào</span>");
	html(r, "</td></tr><tr><th>Quyền quản trị</th><td>%s</td></tr>",
	     u.is_admin ? "Có" : "Không");
	html(r, "<tr><th>Thư điện tử</th><td id=\"email\">");
	if (u.email && *u.email)
		html(r, "%s", u.email);
	else
		html(r, "<span class=\"muted\">Chưa có — không nhận thông báo qua thư</span>");
	html(r, "</td></tr></tbody></table>");
	if (r->via_cookie) {
		/* What was typed comes back with its error. */
		const char *typed = e ? req_param(r, "email") : NULL;
		html(r, "<h2>Thư điện tử nhận thông báo</h2>"
			"<form class=\"stack\" method=\"post\" action=\"/account/email\">");
		html_csrf_field(r);
		html(r,
		     "<label>Địa chỉ (để trống nếu không muốn nhận thư) <input type=\"email\""
		     " name=\"email\" maxlength=\"%d\" autocomplete=\"email\""
		     " autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"></label>"
		     "<p><button type=\"submit\">Lưu địa chỉ</button></p></form>",
		     AUTH_EMAIL_MAX, typed ? typed : (u.email ? u.email : ""));
	}
	struct api_token *tokens = NULL;
	int n = 0;
	html(r, "<h2>Mã truy cập API</h2>");
	if (app_token_list(&r->ctx, u.id, &tokens, &n, &err) != 0)
		html_error_box(r, &err);
	else
		web_token_table(r, tokens, n, "account");
	if (r->via_cookie) {
		html(r, "<h2>Đổi mật khẩu</h2>"
			"<form class=\"stack\" method=\"post\" action=\"/account/password\">");
		html_csrf_field(r);
		html(r,
		     "<label>Mật khẩu hiện tại <input type=\"password\" name=\"old_password\""
		     " autocomplete=\"current-password\" required></label>"
		     "<label>Mật khẩu mới (ít nhất %d ký tự) <input type=\"password\""
		     " name=\"password\" autocomplete=\"new-password\" required minlength=\"%d\">"
		     "</label><p><button type=\"submit\" class=\"primary\">Đổi mật khẩu</button></p>"
		     "</form>",
		     AUTH_PASSWORD_MIN, AUTH_PASSWORD_MIN);
	}
	page_end(r);
	resp_html(r, status);
}

static void account_page(struct req *r)
{
	const char *notice = req_param(r, "notice");
	const char *text = NULL;
	if (notice && strcmp(notice, "password") == 0)
		text = "Đã đổi mật khẩu";
	else if (notice && strcmp(notice, "token_revoked") == 0)
		text = "Đã thu hồi mã truy cập; mã đó không còn dùng được nữa";
	else if (notice && strcmp(notice, "email") == 0)
		text = "Đã lưu địa chỉ thư điện tử; thông báo sẽ được gửi về địa chỉ này";
	else if (notice && strcmp(notice, "email_off") == 0)
		text = "Đã bỏ địa chỉ thư điện tử; thông báo chỉ còn trong Hộp thư";
	render_account(r, 200, NULL, text);
}

static void account_password(struct req *r)
{
	struct kh_error err;
	if (app_user_set_password(&r->ctx, r->actor.user_id, req_param(r, "old_password"),
				  req_param(r, "password"), &err) != 0) {
		render_account(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, "/account?notice=password");
}

static void account_email(struct req *r)
{
	struct kh_error err;
	struct user u;
	if (app_user_set_email(&r->ctx, r->actor.user_id, req_param(r, "email"), &u, &err) != 0) {
		render_account(r, http_status_for(err.code), &err, NULL);
		return;
	}
	resp_redirect(r, u.email[0] ? "/account?notice=email" : "/account?notice=email_off");
}

/* ---- API ---- */

static json_t *session_user_json(const struct actor *a)
{
	json_t *u = json_pack("{s:I, s:s, s:b}", "id", (json_int_t)a->user_id, "username",
			      a->username ? a->username : "", "is_admin", a->is_admin);
	json_object_set_new(u, "person_id",
			    a->person_id ? json_integer(a->person_id) : json_null());
	return u;
}

static void api_session_create(struct req *r)
{
	struct kh_error err;
	struct app_session s;
	struct actor a;
	const char *username = NULL, *password = NULL;

	if (json_field_text(r, "username", true, false, &username, &err) ||
	    json_field_text(r, "password", true, false, &password, &err) ||
	    app_login(&r->ctx, username, password, r->client_ip, &s, &err)) {
		resp_error(r, &err);
		return;
	}
	memset(&a, 0, sizeof(a));
	a.user_id = s.user.id;
	a.username = s.user.username;
	a.is_admin = s.user.is_admin;
	a.person_id = s.user.person_id;
	set_session_cookie(r, s.token);
	resp_json(r, 201,
		  json_pack("{s:o, s:s, s:I}", "user", session_user_json(&a), "csrf_token",
			    s.csrf_token, "expires_at", (json_int_t)s.expires_at));
}

static void api_session_get(struct req *r)
{
	json_t *o = json_pack("{s:o, s:s}", "user", session_user_json(&r->actor), "auth",
			      r->via_cookie ? "session" : "token");
	if (r->via_cookie && r->session_csrf)
		json_object_set_new(o, "csrf_token", json_string(r->session_csrf));
	resp_json(r, 200, o);
}

static void api_session_delete(struct req *r)
{
	struct kh_error err;
	if (r->via_cookie) {
		const char *token = session_cookie(r);
		if (token && app_logout(&r->ctx, token, &err) != 0) {
			resp_error(r, &err);
			return;
		}
		clear_session_cookie(r);
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

static void api_session(struct req *r)
{
	if (r->method == HTTP_DELETE)
		api_session_delete(r);
	else
		api_session_get(r);
}

static void api_password(struct req *r)
{
	struct kh_error err;
	const char *old_password = NULL, *password = NULL;
	if (json_field_text(r, "old_password", false, false, &old_password, &err) ||
	    json_field_text(r, "password", true, false, &password, &err) ||
	    app_user_set_password(&r->ctx, r->ids[0], old_password, password, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

static const struct route routes[] = {
	{HTTP_GET, "/login", login_page, ROUTE_PUBLIC, {{"next", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/login",
	 login_submit,
	 ROUTE_PUBLIC | ROUTE_NO_CSRF,
	 {{"username", P_TEXT}, {"password", P_TEXT}, {"next", P_TEXT}},
	 NULL},
	{HTTP_POST, "/logout", logout_submit, 0, {{0}}, NULL},
	{HTTP_GET, "/account", account_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/account/password",
	 account_password,
	 0,
	 {{"old_password", P_TEXT}, {"password", P_TEXT}},
	 NULL},
	{HTTP_POST, "/account/email", account_email, 0, {{"email", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/api/v1/session",
	 api_session_create,
	 ROUTE_PUBLIC | ROUTE_NO_CSRF,
	 {{0}},
	 NULL},
	{HTTP_GET | HTTP_DELETE, "/api/v1/session", api_session, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/users/{id}/password", api_password, 0, {{0}}, NULL},
};

struct route_list web_routes_auth(void)
{
	return ROUTES(routes);
}
