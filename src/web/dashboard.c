/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * "Theo dõi, đôn đốc" on the web (app/dashboard.h): /orgs/{id}/dashboard
 * shows for the org's subtree and a year who has no plan, whose plan was
 * late, items overdue and due soon, requests unanswered, reports missing
 * and late, and the share of items done — in total, then per child org
 * (each linking to its own dashboard), with a chart of the share done per
 * child drawn on the server; every count links to the rows behind it
 * (/orgs/{id}/dashboard/rows?list=…). /dashboard opens the user's own org.
 * The JSON twins live under /api/v1/orgs/{id}/dashboard.
 */
#include "core/common.h"
#include "app/dashboard.h"
#include "core/date.h"
#include "web/chart.h"
#include "web/pick.h"
#include "web/routes.h"

#include <string.h>

#define ROWS_PAGE 500

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

static void dash_open(struct req *r)
{
	int year;
	int64_t org = req_default_org(r);
	if (!year_param(r, &year))
		return;
	if (!org) {
		resp_fail(r, KH_EINVAL, "Tài khoản chưa gắn với tổ chức nào để theo dõi");
		return;
	}
	resp_redirect(
		r, arena_printf(&r->arena, "/orgs/%lld/dashboard?year=%d", (long long)org, year));
}

/* A count, linked to its rows when there are any. */
static void count_cell(struct req *r, int64_t org, enum dash_list l, int year, int n)
{
	if (n > 0)
		html(r,
		     "<td class=\"num\"><a href=\"/orgs/%D/dashboard/rows?list=%s&amp;year=%d\""
		     " title=\"%s\">%d</a></td>",
		     org, app_dash_list_name(l), year, app_dash_list_label(l), n);
	else
		html(r, "<td class=\"num muted\">0</td>");
}

static void percent_cell(struct req *r, const struct dashboard_row *d)
{
	if (d->percent_done < 0)
		html(r, "<td class=\"num muted\">—</td>");
	else
		html(r, "<td class=\"num\">%d%% <span class=\"muted\">(%d/%d)</span></td>",
		     d->percent_done, d->c.items_done, d->c.items);
}

static void row_cells(struct req *r, const struct dashboard_row *d, int year)
{
	html(r, "<td class=\"num\">%d/%d</td>", d->plans_missing, d->c.orgs);
	count_cell(r, d->org.id, DASH_PLANS_LATE, year, d->plans_late);
	count_cell(r, d->org.id, DASH_ITEMS_OVERDUE, year, d->c.overdue);
	count_cell(r, d->org.id, DASH_ITEMS_DUE_SOON, year, d->c.due_soon);
	count_cell(r, d->org.id, DASH_REQUESTS_OPEN, year, d->c.requests_open);
	count_cell(r, d->org.id, DASH_REPORTS_MISSING, year, d->c.reports_missing);
	count_cell(r, d->org.id, DASH_REPORTS_LATE, year, d->c.reports_late);
	percent_cell(r, d);
}

static void fmt_percent(double v, char out[40])
{
	snprintf(out, 40, "%.0f%%", v);
}

/* The share of items done per child, as horizontal bars. */
static void progress_chart(struct req *r, const struct dashboard *d)
{
	int n = 0;
	for (int i = 0; i < d->n_children; i++)
		n += d->children[i].percent_done >= 0;
	if (!n)
		return;
	const char **names = arena_alloc(&r->arena, sizeof(*names) * (size_t)n);
	double *done = arena_alloc(&r->arena, sizeof(*done) * (size_t)n);
	double *late = arena_alloc(&r->arena, sizeof(*late) * (size_t)n);
	int k = 0;
	for (int i = 0; i < d->n_children; i++) {
		const struct dashboard_row *c = &d->children[i];
		if (c->percent_done < 0)
			continue;
		names[k] = c->org.name;
		done[k] = c->percent_done;
		late[k] = c->c.items ? 100.0 * c->c.overdue / c->c.items : 0;
		k++;
	}
	struct chart_series series[] = {
		{"Đã hoàn thành (%)", CHART_BAR, "#2b7a2b", done, NULL},
		{"Quá hạn (%)", CHART_BAR, "#a4161a", late, NULL},
	};
	struct chart c = {
		.title = "Tiến độ thực hiện kế hoạch theo từng tổ chức trực thuộc",
		.unit = "%",
		.categories = names,
		.n_categories = n,
		.series = series,
		.n_series = 2,
		.horizontal = true,
		.format = fmt_percent,
	};
	html(r, "<figure class=\"chart\">");
	chart_svg(&r->out, &c);
	html(r, "</figure>");
}

static void dash_page(struct req *r)
{
	struct kh_error err;
	struct dashboard d;
	int year;
	int64_t id = r->ids[0];
	if (!year_param(r, &year))
		return;
	if (app_dashboard(&r->ctx, id, year, &d, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct dashboard_row *t = &d.total;
	char due[11];
	date_format_iso(d.plan_due, due);
	page_begin(r, "Theo dõi, đôn đốc");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs/%D\">%s</a> ›"
	     " <span aria-current=\"page\">Theo dõi, đôn đốc</span></nav>"
	     "<h1>Theo dõi, đôn đốc: %s — năm %d</h1>"
	     "<form class=\"inline no-print\" method=\"get\" action=\"/orgs/%D/dashboard\">"
	     "<label>Năm <input type=\"number\" name=\"year\" min=\"1990\" max=\"2100\""
	     " value=\"%d\"></label> <button type=\"submit\">Xem</button></form>",
	     id, t->org.name, t->org.name, year, id, year);
	struct kh_error perr;
	if (t->org.parent_id && app_can_read_org(&r->ctx, t->org.parent_id, &perr) == 0)
		html(r,
		     "<p class=\"no-print\"><a href=\"/orgs/%D/dashboard?year=%d\">‹ Cấp trên</a></p>",
		     t->org.parent_id, year);
	html(r, "<ul class=\"tiles\" aria-label=\"Tổng hợp toàn đảng bộ\">");
	html(r, "<li><strong>%d</strong>/%d tổ chức chưa có kế hoạch năm %d%s</li>",
	     t->plans_missing, t->c.orgs, year,
	     t->plans_missing ? "" : " <span class=\"badge ok\">đủ</span>");
	if (t->plans_missing)
		html(r,
		     " <li><a href=\"/orgs/%D/dashboard/rows?list=plans_missing&amp;year=%d\">Xem "
		     "các tổ chức chưa có kế hoạch</a></li>",
		     id, year);
	struct {
		enum dash_list l;
		int n;
	} tiles[] = {
		{DASH_PLANS_LATE, t->plans_late},
		{DASH_ITEMS_OVERDUE, t->c.overdue},
		{DASH_ITEMS_DUE_SOON, t->c.due_soon},
		{DASH_REQUESTS_OPEN, t->c.requests_open},
		{DASH_REPORTS_MISSING, t->c.reports_missing},
		{DASH_REPORTS_LATE, t->c.reports_late},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(tiles); i++) {
		if (tiles[i].n)
			html(r,
			     "<li><a href=\"/orgs/%D/dashboard/rows?list=%s&amp;year=%d\"><strong>%d"
			     "</strong> %s</a></li>",
			     id, app_dash_list_name(tiles[i].l), year, tiles[i].n,
			     app_dash_list_label(tiles[i].l));
		else
			html(r, "<li><strong>0</strong> %s</li>", app_dash_list_label(tiles[i].l));
	}
	if (t->percent_done >= 0)
		html(r, "<li><strong>%d%%</strong> nội dung đã hoàn thành (%d/%d)</li>",
		     t->percent_done, t->c.items_done, t->c.items);
	html(r, "</ul>");
	if (d.n_children) {
		html(r, "<h2>Từng tổ chức trực thuộc</h2><table class=\"dashboard\"><thead><tr>"
			"<th>Tổ chức</th><th>Chưa có kế hoạch</th><th>Kế hoạch chậm</th>"
			"<th>Nội dung quá hạn</th><th>Đến hạn trong 7 ngày</th>"
			"<th>Đề nghị chưa trả lời</th><th>Báo cáo chưa nộp (quá hạn)</th>"
			"<th>Báo cáo nộp muộn</th><th>Đã hoàn thành</th></tr></thead><tbody>");
		for (int i = 0; i < d.n_children; i++) {
			const struct dashboard_row *c = &d.children[i];
			html(r, "<tr><td><a href=\"/orgs/%D/dashboard?year=%d\">%s</a></td>",
			     c->org.id, year, c->org.name);
			row_cells(r, c, year);
			html(r, "</tr>");
		}
		html(r, "</tbody></table>");
		progress_chart(r, &d);
	}
	html(r,
	     "<p class=\"muted\">Số liệu tính trên toàn bộ tổ chức trực thuộc của từng dòng."
	     " Kế hoạch năm phải ban hành trước %s; nội dung quá hạn là nội dung của kế hoạch đã"
	     " ban hành, chưa báo cáo hoàn thành, đã qua thời hạn (nhiệm vụ thường xuyên, định kỳ"
	     " xem trên trang từng kế hoạch).</p>",
	     due);
	page_end(r);
	resp_html(r, 200);
}

static bool list_param(struct req *r, enum dash_list *l)
{
	const char *name = req_param(r, "list");
	if (!name || !app_dash_list_parse(name, l)) {
		resp_fail(r, KH_EINVAL,
			  "Danh sách (list) phải là plans_missing, plans_late, items_overdue,"
			  " items_due_soon, requests_open, reports_missing hoặc reports_late");
		return false;
	}
	return true;
}

static void rows_page(struct req *r)
{
	struct kh_error err;
	struct dashboard d;
	struct dash_row *v;
	enum dash_list l;
	int year, n;
	int64_t id = r->ids[0];
	if (!year_param(r, &year) || !list_param(r, &l))
		return;
	if (app_dashboard(&r->ctx, id, year, &d, &err) ||
	    app_dashboard_rows(&r->ctx, id, l, year, ROWS_PAGE, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, app_dash_list_label(l));
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs/%D\">%s</a> ›"
	     " <a href=\"/orgs/%D/dashboard?year=%d\">Theo dõi, đôn đốc</a> ›"
	     " <span aria-current=\"page\">%s</span></nav><h1>%s: %s — năm %d</h1>",
	     id, d.total.org.name, id, year, app_dash_list_label(l), app_dash_list_label(l),
	     d.total.org.name, year);
	if (!n) {
		html_notice(r, "ok", "Không có.");
	} else {
		html(r, "<p class=\"summary\">%d%s</p><table><thead><tr><th>Tổ chức</th>", n,
		     n == ROWS_PAGE ? " (chỉ hiện 500 dòng đầu)" : "");
		bool plan = l != DASH_PLANS_MISSING && l != DASH_REPORTS_MISSING &&
			    l != DASH_REPORTS_LATE;
		if (plan)
			html(r, "<th>Kế hoạch</th>");
		if (l != DASH_PLANS_MISSING && l != DASH_PLANS_LATE)
			html(r, "<th>%s</th>",
			     l == DASH_REQUESTS_OPEN ? "Đề nghị"
			     : plan		     ? "Nội dung"
						     : "Đợt báo cáo");
		if (l != DASH_PLANS_MISSING)
			html(r, "<th>%s</th>", l == DASH_REQUESTS_OPEN ? "Ngày gửi" : "Hạn");
		html(r, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			char day[11] = "";
			if (v[i].day)
				date_format_iso(v[i].day, day);
			html(r, "<tr><td><a href=\"/orgs/%D/dashboard?year=%d\">%s</a></td>",
			     v[i].org_id, year, v[i].org_name);
			if (plan)
				html(r, "<td><a href=\"/plans/%D\">%s</a></td>", v[i].plan_id,
				     v[i].plan_title);
			if (l == DASH_ITEMS_OVERDUE || l == DASH_ITEMS_DUE_SOON)
				html(r, "<td><a href=\"/plans/%D#item-%D\">%s</a></td>",
				     v[i].plan_id, v[i].item_id, v[i].text);
			else if (l == DASH_REQUESTS_OPEN)
				html(r, "<td>%s</td>", v[i].text);
			else if (l == DASH_REPORTS_MISSING || l == DASH_REPORTS_LATE)
				html(r, "<td><a href=\"/reports/%D\">%s</a></td>", v[i].item_id,
				     v[i].text);
			if (l != DASH_PLANS_MISSING)
				html(r, "<td>%s</td>", day);
			html(r, "</tr>");
		}
		html(r, "</tbody></table>");
	}
	page_end(r);
	resp_html(r, 200);
}

static void api_dashboard(struct req *r)
{
	struct kh_error err;
	struct dashboard d;
	int year;
	if (!year_param(r, &year))
		return;
	if (app_dashboard(&r->ctx, r->ids[0], year, &d, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_dashboard_json(&d));
}

static void api_rows(struct req *r)
{
	struct kh_error err;
	struct dash_row *v;
	enum dash_list l;
	int year, n;
	if (!year_param(r, &year) || !list_param(r, &l))
		return;
	int64_t limit = req_param_int(r, "limit", 200);
	if (app_dashboard_rows(&r->ctx, r->ids[0], l, year, (int)(limit > 100000 ? 0 : limit), &v,
			       &n, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_dash_rows_json(l, v, n));
}

static const struct route routes[] = {
	{HTTP_GET, "/dashboard", dash_open, 0, {{"year", P_INT}}, NULL},
	{HTTP_GET, "/orgs/{id}/dashboard", dash_page, 0, {{"year", P_INT}}, NULL},
	{HTTP_GET,
	 "/orgs/{id}/dashboard/rows",
	 rows_page,
	 0,
	 {{"year", P_INT}, {"list", P_TEXT}},
	 NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/dashboard", api_dashboard, 0, {{"year", P_INT}}, NULL},
	{HTTP_GET,
	 "/api/v1/orgs/{id}/dashboard/rows",
	 api_rows,
	 0,
	 {{"year", P_INT}, {"list", P_TEXT}, {"limit", P_INT}},
	 NULL},
};

struct route_list web_routes_dashboard(void)
{
	return ROUTES(routes);
}
