/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The quality check of a plan and the compliance of a subtree on the web:
 * /plans/{id}/check lists the findings grouped by kind, each linked to its
 * item on the plan page and, for repeats, to the item repeated; /compliance
 * shows, for an org's subtree and a year, the four lists (heads and
 * committees or cells without a plan, plans late for 31 March, plans waiting
 * for answers) with an org and year picker. Their JSON twins live under
 * /api/v1. Pages and API call the same app/check.h use cases.
 */
#include "core/common.h"
#include "app/check.h"
#include "app/org.h"
#include "app/plan.h"
#include "core/date.h"
#include "web/pick.h"
#include "web/plan_ui.h"
#include "web/routes.h"

#include <string.h>

/* ---- the quality check ---- */

static const struct {
	const char *code;
	const char *label;
} GROUPS[] = {
	{CHECK_NO_LEAD, "Chưa có đơn vị, người chủ trì"},
	{CHECK_NO_DEADLINE, "Chưa có thời gian hoàn thành"},
	{CHECK_NO_MEASURE, "Chưa có biện pháp cụ thể"},
	{CHECK_REPEATS_UPPER, "Lặp lại kế hoạch cấp trên («trên sao dưới vậy»)"},
	{CHECK_REPEATS_OWN, "Lặp lại kế hoạch khác của cùng chủ thể"},
};

static int percent(double score)
{
	return (int)(score * 100.0 + 0.5);
}

static void findings_group(struct req *r, const struct check_report *rep, const char *code,
			   const char *label)
{
	int count = 0;
	bool repeats = strncmp(code, "repeats_", 8) == 0;
	for (int i = 0; i < rep->n; i++)
		count += strcmp(rep->findings[i].code, code) == 0;
	if (!count)
		return;
	html(r, "<h2 id=\"%s\">%s (%d)</h2><table><thead><tr><th>Nội dung</th><th>Vấn đề</th>",
	     code, label, count);
	if (repeats)
		html(r, "<th>Nội dung bị lặp lại</th><th>Mức giống</th>");
	html(r, "</tr></thead><tbody>");
	for (int i = 0; i < rep->n; i++) {
		const struct check_finding *f = &rep->findings[i];
		if (strcmp(f->code, code) != 0)
			continue;
		html(r,
		     "<tr><td><a href=\"/plans/%D#item-%D\">Nội dung số %d</a><div>%s</div></td>"
		     "<td>%s</td>",
		     rep->plan_id, f->item_id, f->item_seq, f->item_text, f->message);
		if (repeats) {
			html(r, "<td><a href=\"/plans/%D#item-%D\">%s</a>", f->other_plan_id,
			     f->other_item_id,
			     *f->other_plan_title ? f->other_plan_title : "Kế hoạch cấp trên");
			if (*f->other_text)
				html(r, "<div>%s</div>", f->other_text);
			html(r, "</td><td>%d%%</td>", percent(f->score));
		}
		html(r, "</tr>");
	}
	html(r, "</tbody></table>");
}

static void check_page(struct req *r)
{
	struct kh_error err;
	struct check_report rep;
	struct plan plan;
	struct plan_rights rights;
	int64_t id = r->ids[0];
	if (app_plan_check(&r->ctx, id, &rep, &err) ||
	    app_plan_rights(&r->ctx, id, &plan, &rights, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Kiểm tra chất lượng kế hoạch");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> ›"
	     " <a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Kiểm tra chất lượng"
	     "</span></nav><h1>Kiểm tra chất lượng: %s</h1>",
	     id, plan.title, plan.title);
	html(r, "<p class=\"summary\"><strong>%d nội dung, %d vấn đề</strong></p>", rep.n_items,
	     rep.n);
	if (rep.n == 0) {
		html_notice(r, "ok",
			    rep.n_items ? "Không phát hiện vấn đề nào."
					: "Kế hoạch chưa có nội dung nào để kiểm tra.");
	} else {
		html(r, "<ul class=\"no-print\">");
		for (size_t g = 0; g < KH_ARRAY_LEN(GROUPS); g++) {
			int count = 0;
			for (int i = 0; i < rep.n; i++)
				count += strcmp(rep.findings[i].code, GROUPS[g].code) == 0;
			if (count)
				html(r, "<li><a href=\"#%s\">%s</a>: %d</li>", GROUPS[g].code,
				     GROUPS[g].label, count);
		}
		html(r, "</ul>");
		for (size_t g = 0; g < KH_ARRAY_LEN(GROUPS); g++)
			findings_group(r, &rep, GROUPS[g].code, GROUPS[g].label);
	}
	html(r,
	     "<p class=\"muted\">Kiểm tra các nội dung, công việc và công trình trọng điểm:"
	     " chủ trì, thời gian hoàn thành, biện pháp cụ thể (nội dung ngắn hoặc chung chung"
	     " mà chưa nêu biện pháp, con số, thời gian hay cơ quan cụ thể), và nội dung gần như"
	     " lặp lại kế hoạch cấp trên hoặc kế hoạch khác của cùng chủ thể, kèm mức giống.</p>"
	     "<p><a class=\"button\" href=\"/plans/%D\">‹ Về kế hoạch</a></p>",
	     id);
	page_end(r);
	resp_html(r, 200);
}

static void api_check(struct req *r)
{
	struct kh_error err;
	struct check_report rep;
	if (app_plan_check(&r->ctx, r->ids[0], &rep, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_check_json(&rep));
}

/* ---- compliance ---- */

/* The org and year asked for, or their defaults; false (answered) when
 * there is no org to show or the year is out of range. */
static bool compliance_params(struct req *r, int64_t *org_id, int *year)
{
	int64_t y = req_param_int(r, "year", req_current_year(r));
	*org_id = req_param_int(r, "org_id", 0);
	if (!*org_id)
		*org_id = req_default_org(r);
	if (!*org_id) {
		resp_fail(r, KH_EINVAL,
			  "Chưa chọn tổ chức (org_id): tài khoản không gắn với tổ chức nào");
		return false;
	}
	if (y < 1990 || y > 2100) {
		resp_fail(r, KH_EINVAL, "Năm phải từ 1990 đến 2100");
		return false;
	}
	*year = (int)y;
	return true;
}

/* The orgs offered: the actor's read roots, the org shown, and its
 * committees and cells one level down (to go down the tree). */
static void org_picker(struct req *r, int64_t org_id, const char *org_name, int year)
{
	struct kh_error err;
	struct org *kids = NULL;
	int nk = 0;
	html(r, "<form class=\"inline no-print\" method=\"get\" action=\"/compliance\">"
		"<label>Tổ chức <select name=\"org_id\">");
	html(r, "<option value=\"%D\" selected>%s</option>", org_id, org_name);
	if (app_scope_load(&r->ctx, &err) == 0 && !app_sees_all(&r->ctx)) {
		for (int i = 0; i < r->ctx.actor->n_read_roots; i++) {
			struct org o;
			int64_t id = r->ctx.actor->read_roots[i];
			if (id == org_id || app_org_get(&r->ctx, id, r->ctx.today, &o, &err))
				continue;
			html(r, "<option value=\"%D\">%s</option>", id, o.name);
		}
	}
	if (app_org_children(&r->ctx, org_id, r->ctx.today, &kids, &nk, &err) == 0)
		for (int i = 0; i < nk; i++)
			if (kids[i].kind == ORG_COMMITTEE || kids[i].kind == ORG_CELL)
				html(r, "<option value=\"%D\">— %s</option>", kids[i].id,
				     kids[i].name);
	html(r,
	     "</select></label><label>Năm <input type=\"number\" name=\"year\" min=\"1990\""
	     " max=\"2100\" value=\"%d\"></label><button type=\"submit\">Xem</button></form>",
	     year);
}

static void plan_rows(struct req *r, const struct compliance_plan *v, int n, bool late)
{
	html(r, "<table><thead><tr><th>Kế hoạch</th><th>Chủ thể</th><th>Trạng thái</th>");
	html(r, late ? "<th>Ngày phê duyệt</th>" : "<th>Góp ý, đề nghị chưa trả lời</th>");
	html(r, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct plan *p = &v[i].plan;
		html(r, "<tr><td><a href=\"/plans/%D\">%s</a></td><td>", p->id, p->title);
		if (p->owner_org_id)
			html(r, "<a href=\"/orgs/%D\">%s</a>", p->owner_org_id, p->owner_name);
		else
			html(r, "<a href=\"/people/%D\">%s</a>", p->owner_person_id, p->owner_name);
		html(r, "</td><td>%s</td>", plan_status_label(p->status));
		if (late && p->approved_day)
			html(r, "<td>%t</td>", p->approved_day);
		else if (late)
			html(r, "<td class=\"muted\">Chưa phê duyệt</td>");
		else
			html(r, "<td>%d</td>", v[i].open_comments);
		html(r, "</tr>");
	}
	html(r, "</tbody></table>");
}

static void compliance_page(struct req *r)
{
	struct kh_error err;
	struct compliance_report rep;
	struct org root;
	int64_t org_id;
	int year;
	if (!compliance_params(r, &org_id, &year))
		return;
	if (app_plan_compliance(&r->ctx, org_id, year, &rep, &err) ||
	    app_org_get(&r->ctx, org_id, r->ctx.today, &root, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Rà soát việc xây dựng kế hoạch");
	html(r, "<h1>Rà soát việc xây dựng kế hoạch năm %d</h1>", year);
	org_picker(r, org_id, root.name, year);
	html(r,
	     "<p class=\"summary\"><a href=\"/orgs/%D\">%s</a> và các tổ chức trực thuộc, tính"
	     " đến ngày %t: %d người đứng đầu, %d cấp ủy và chi bộ, %d kế hoạch.</p>",
	     org_id, root.name, r->ctx.today, rep.n_heads, rep.n_orgs, rep.n_plans);

	html(r, "<h2 id=\"heads\">Người đứng đầu chưa có kế hoạch cá nhân năm %d (%d/%d)</h2>",
	     year, rep.n_heads_without_plan, rep.n_heads);
	if (rep.n_heads_without_plan == 0) {
		html(r, "<p class=\"muted\">Không có.</p>");
	} else {
		html(r, "<table><thead><tr><th>Họ và tên</th><th>Chức vụ</th><th>Tổ chức</th>"
			"</tr></thead><tbody>");
		for (int i = 0; i < rep.n_heads_without_plan; i++) {
			const struct compliance_head *h = &rep.heads_without_plan[i];
			html(r,
			     "<tr><td><a href=\"/people/%D\">%s</a></td><td>%s</td><td><a"
			     " href=\"/orgs/%D\">%s</a></td></tr>",
			     h->person_id, h->person_name, h->title, h->org_id, h->org_name);
		}
		html(r, "</tbody></table>");
	}

	html(r, "<h2 id=\"orgs\">Cấp ủy, chi bộ chưa có kế hoạch năm %d (%d/%d)</h2>", year,
	     rep.n_orgs_without_plan, rep.n_orgs);
	if (rep.n_orgs_without_plan == 0) {
		html(r, "<p class=\"muted\">Không có.</p>");
	} else {
		html(r, "<table><thead><tr><th>Tổ chức</th><th></th></tr></thead><tbody>");
		for (int i = 0; i < rep.n_orgs_without_plan; i++) {
			const struct compliance_org *o = &rep.orgs_without_plan[i];
			html(r,
			     "<tr><td><a href=\"/orgs/%D\">%s</a></td><td><a class=\"no-print\""
			     " href=\"/compliance?org_id=%D&amp;year=%d\">Rà soát cấp này</a></td>"
			     "</tr>",
			     o->org_id, o->org_name, o->org_id, year);
		}
		html(r, "</tbody></table>");
	}

	html(r, "<h2 id=\"late\">Kế hoạch chưa hoàn thành trước ngày %t (%d)</h2>", rep.due_day,
	     rep.n_late);
	if (rep.n_late == 0)
		html(r, "<p class=\"muted\">Không có.</p>");
	else
		plan_rows(r, rep.late, rep.n_late, true);

	html(r, "<h2 id=\"waiting\">Kế hoạch còn góp ý, đề nghị chưa trả lời (%d)</h2>",
	     rep.n_waiting);
	if (rep.n_waiting == 0)
		html(r, "<p class=\"muted\">Không có.</p>");
	else
		plan_rows(r, rep.waiting, rep.n_waiting, false);
	html(r,
	     "<p class=\"muted\">Mỗi người đứng đầu cần có kế hoạch cá nhân và mỗi cấp ủy, chi bộ"
	     " cần có kế hoạch tập thể cho từng năm (kế hoạch toàn khóa chưa đủ), hoàn thành"
	     " trước ngày 31 tháng 3.</p>");
	page_end(r);
	resp_html(r, 200);
}

static void api_compliance(struct req *r)
{
	struct kh_error err;
	struct compliance_report rep;
	int64_t org_id;
	int year;
	if (!compliance_params(r, &org_id, &year))
		return;
	if (app_plan_compliance(&r->ctx, org_id, year, &rep, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_compliance_json(&rep));
}

static const struct route routes[] = {
	{HTTP_GET, "/plans/{id}/check", check_page, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/check", api_check, 0, {{0}}, NULL},
	{HTTP_GET, "/compliance", compliance_page, 0, {{"org_id", P_ID}, {"year", P_INT}}, NULL},
	{HTTP_GET,
	 "/api/v1/compliance",
	 api_compliance,
	 0,
	 {{"org_id", P_ID}, {"year", P_INT}},
	 NULL},
};

struct route_list web_routes_check(void)
{
	return ROUTES(routes);
}
