/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Search on the web: the results page behind the top bar's search box
 * (GET /search?q=, hits grouped by type, each a link to its page) and its
 * JSON twin GET /api/v1/search?q= answering {"results":[{type, id, title,
 * subtitle}]}. Both call app_search().
 */
#include "core/common.h"
#include "app/search.h"
#include "text/utf8.h"
#include "web/internal.h"
#include "web/routes.h"

#include <string.h>

/* The page of a hit. */
static const char *hit_path(enum search_type t)
{
	switch (t) {
	case SEARCH_ORG:
		return "/orgs/";
	case SEARCH_PERSON:
		return "/people/";
	case SEARCH_DOCUMENT:
		return "/documents/";
	case SEARCH_PLAN:
		return "/plans/";
	}
	return "/";
}

static const char *group_title(enum search_type t)
{
	switch (t) {
	case SEARCH_ORG:
		return "Tổ chức";
	case SEARCH_PERSON:
		return "Cán bộ, đảng viên";
	case SEARCH_DOCUMENT:
		return "Văn bản";
	case SEARCH_PLAN:
		return "Kế hoạch";
	}
	return "";
}

static void search_page(struct req *r)
{
	struct kh_error err;
	struct search_hit *hits;
	int n, types;
	const char *q = req_param(r, "q");
	if (!app_search_types_parse(req_param(r, "type"), &types)) {
		resp_fail(r, KH_EINVAL, "Loại kết quả không hợp lệ (org, person, document, plan)");
		return;
	}
	if (app_search(&r->ctx, q, types, SEARCH_LIMIT_MAX, &hits, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, q && *q ? q : "Tìm kiếm");
	html(r,
	     "<h1>Tìm kiếm</h1><form class=\"inline\" method=\"get\" action=\"/search\""
	     " role=\"search\"><label>Từ khóa <input type=\"search\" name=\"q\" value=\"%s\""
	     " autofocus></label><button type=\"submit\">Tìm</button></form>",
	     q ? q : "");
	if (!q || !*q) {
		html(r, "<p class=\"muted\">Nhập tên tổ chức, họ tên người, số, ký hiệu hoặc trích"
			" yếu văn bản. Có thể gõ không dấu: «tinh uy» tìm được «Tỉnh ủy».</p>");
	} else if (n == 0) {
		html(r, "<p>Không tìm thấy kết quả nào cho «%s»%s.</p>", q,
		     utf8_char_count(q) < 2 ? " (cần ít nhất hai ký tự)" : "");
	} else {
		if (n >= SEARCH_LIMIT_MAX)
			html(r,
			     "<p class=\"muted\">%d kết quả phù hợp nhất cho «%s»; thêm từ khóa để"
			     " thu hẹp.</p>",
			     n, q);
		else
			html(r, "<p class=\"muted\">%d kết quả cho «%s».</p>", n, q);
		for (int t = SEARCH_ORG; t <= SEARCH_PLAN; t++) {
			int shown = 0;
			for (int i = 0; i < n; i++) {
				if ((int)hits[i].type != t)
					continue;
				if (!shown++)
					html(r, "<section><h2>%s</h2><ul class=\"results\">",
					     group_title((enum search_type)t));
				html(r, "<li><a href=\"%s%D\">%s</a>", hit_path(hits[i].type),
				     hits[i].id, hits[i].title);
				if (hits[i].subtitle && *hits[i].subtitle)
					html(r, " <span class=\"muted\">— %s</span>",
					     hits[i].subtitle);
				html(r, "</li>");
			}
			if (shown)
				html(r, "</ul></section>");
		}
	}
	page_end(r);
	resp_html(r, 200);
}

static void api_search(struct req *r)
{
	struct kh_error err;
	struct search_hit *hits;
	int n, types;
	int64_t limit = req_param_int(r, "limit", SEARCH_LIMIT_DEFAULT);
	if (limit < 1 || limit > SEARCH_LIMIT_MAX) {
		resp_fail(r, KH_EINVAL, "Tham số limit phải từ 1 đến 100");
		return;
	}
	if (!app_search_types_parse(req_param(r, "types"), &types)) {
		resp_fail(r, KH_EINVAL,
			  "Tham số types chỉ gồm org, person, document, plan,"
			  " cách nhau bằng dấu phẩy");
		return;
	}
	if (app_search(&r->ctx, req_param(r, "q"), types, (int)limit, &hits, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(
			a, json_pack("{s:s, s:I, s:s, s:s}", "type", search_type_name(hits[i].type),
				     "id", (json_int_t)hits[i].id, "title", hits[i].title,
				     "subtitle", hits[i].subtitle ? hits[i].subtitle : ""));
	resp_json(r, 200, json_pack("{s:o}", "results", a));
}

static const struct route routes[] = {
	{HTTP_GET, "/search", search_page, 0, {{"q", P_TEXT}, {"type", P_TEXT}}, NULL},
	{HTTP_GET,
	 "/api/v1/search",
	 api_search,
	 0,
	 {{"q", P_TEXT}, {"types", P_TEXT}, {"limit", P_INT}},
	 NULL},
};

struct route_list web_routes_search(void)
{
	return ROUTES(routes);
}
