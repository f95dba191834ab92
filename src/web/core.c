/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The routes that belong to no resource: home, health, metrics, assets. */
#include "core/common.h"
#include "app/org.h"
#include "app/person.h"
#include "web/assets.h"
#include "web/internal.h"
#include "web/routes.h"

#include <string.h>

int64_t web_db_size(struct req *r);

static void healthz(struct req *r)
{
	resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

static void metrics(struct req *r)
{
	struct buf b;
	buf_init(&b, 4u << 20);
	metrics_render(&b, (long long)web_db_size(r));
	resp_body(r, 200, "text/plain; version=0.0.4; charset=utf-8", b.data, b.len);
	buf_release(&b);
}

static void static_css(struct req *r)
{
	resp_body(r, 200, "text/css; charset=utf-8", asset_app_css, strlen(asset_app_css));
	resp_header(r, "Cache-Control", "public, max-age=3600");
}

static void static_js(struct req *r)
{
	resp_body(r, 200, "text/javascript; charset=utf-8", asset_app_js, strlen(asset_app_js));
	resp_header(r, "Cache-Control", "public, max-age=3600");
}

/* The home page: who you are here — your positions — and where your
 * scope starts, with the ways into the rest. */
static void home(struct req *r)
{
	struct kh_error err;
	struct person_view pv;
	struct org *roots = NULL;
	int n_roots = 0;
	bool have_person =
		r->actor.person_id && app_person_view(&r->ctx, r->actor.person_id, &pv, &err) == 0;
	if (app_org_roots(&r->ctx, r->ctx.today, &roots, &n_roots, &err))
		n_roots = 0;

	page_begin(r, "Trang chủ");
	html(r, "<h1>Xin chào, %s</h1>", have_person ? pv.person.full_name : r->actor.username);
	if (have_person) {
		int shown = 0;
		html(r, "<h2>Chức vụ hiện nay</h2><ul>");
		for (int i = 0; i < pv.n_positions; i++) {
			const struct position *p = &pv.positions[i];
			if (p->valid_to && p->valid_to <= r->ctx.today)
				continue;
			html(r,
			     "<li>%s — <a href=\"/orgs/%D\">%s</a> <span class=\"muted\">(từ %t)</span></li>",
			     p->title, p->org_id, p->org_name, p->valid_from);
			shown++;
		}
		if (!shown)
			html(r, "<li class=\"muted\">Chưa có chức vụ nào đang giữ.</li>");
		html(r, "</ul><p><a href=\"/people/%D\">Hồ sơ của tôi</a></p>", pv.person.id);
	} else if (!r->actor.is_admin) {
		html_notice(r, "info",
			    "Tài khoản chưa gắn với cán bộ, đảng viên nào nên chưa có phạm vi "
			    "làm việc; hãy liên hệ quản trị viên.");
	}
	if (n_roots) {
		html(r, "<h2>Phạm vi làm việc</h2><ul>");
		for (int i = 0; i < n_roots; i++)
			html(r,
			     "<li><a href=\"/orgs/%D\">%s</a> <span class=\"badge\">%s</span></li>",
			     roots[i].id, roots[i].name, org_kind_label(roots[i].kind));
		html(r, "</ul>");
	}
	html(r,
	     "<div class=\"cards\">"
	     "<div class=\"card\"><h2>Cơ cấu tổ chức</h2><p>Cây tổ chức đảng, cơ quan, đơn vị"
	     " theo từng thời điểm; thành lập, đổi tên, sáp nhập, chia tách, giải thể.</p>"
	     "<p><a class=\"button\" href=\"/orgs\">Xem cây tổ chức</a></p></div>"
	     "<div class=\"card\"><h2>Cán bộ, đảng viên</h2><p>Danh sách cán bộ, đảng viên và"
	     " chức vụ theo thời gian.</p><p><a class=\"button\" href=\"/people\">Xem danh sách</a></p></div>"
	     "<div class=\"card\"><h2>Văn bản</h2><p>Sổ đăng ký nghị quyết, chỉ thị, kết luận,"
	     " quy định, hướng dẫn, kế hoạch.</p><p><a class=\"button\" href=\"/documents\">Xem văn bản</a></p></div>"
	     "</div>");
	page_end(r);
	resp_html(r, 200);
}

static const struct route routes[] = {
	{HTTP_GET, "/", home, 0, {{0}}, "home"},
	{HTTP_GET, "/healthz", healthz, ROUTE_PUBLIC, {{0}}, NULL},
	{HTTP_GET, "/metrics", metrics, ROUTE_PUBLIC, {{0}}, NULL},
	{HTTP_GET, "/static/app.css", static_css, ROUTE_PUBLIC, {{0}}, NULL},
	{HTTP_GET, "/static/app.js", static_js, ROUTE_PUBLIC, {{0}}, NULL},
};

struct route_list web_routes_core(void)
{
	return ROUTES(routes);
}
