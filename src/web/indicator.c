/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pages and API of indicators (app/indicator.h, app/indicator_sheet.h).
 *
 * Pages: "Chỉ tiêu" of an org for a year (/orgs/{id}/indicators?year=N) —
 * the table in the shape of a report's appendix (STT, Chỉ tiêu, Đơn vị
 * tính, Giá trị nền (năm), Mục tiêu nhiệm kỳ, Mục tiêu năm, Thực hiện 6
 * tháng, Ước năm, Thực hiện năm, So với mục tiêu, So với giá trị nền), each
 * derived figure marked and its derivation on hover and under the row; the
 * XLSX download and upload; the form to define an indicator. One indicator
 * of an org (/orgs/{id}/indicators/detail?indicator_id=I&year=N&period=P):
 * a chart of actual vs target over the term, the figure of each child org
 * (table and chart, each child linking to its own drill-down), the form to
 * enter the org's figures and the one to change the definition.
 *
 * API: GET /api/v1/orgs/{id}/indicators (the table), POST …/values
 * (figures), GET and POST …/sheet (the XLSX both ways); /api/v1/indicators
 * (list, create), /api/v1/indicators/{id} (get, patch, delete), …/children
 * and …/series. The shapes are app/indicator.c's JSON.
 */
#include "core/common.h"
#include "app/indicator.h"
#include "app/indicator_sheet.h"
#include "app/plan.h"
#include "core/buf.h"
#include "core/date.h"
#include "text/fold.h"
#include "text/utf8.h"
#include "web/chart.h"
#include "web/http.h"
#include "web/routes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define XLSX_MIME "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char *const PERIOD_NAMES[] = {"baseline", "target", "year", "h1", "estimate"};

static int current_year(struct req *r)
{
	int y, m, d;
	date_to_ymd(r->ctx.today, &y, &m, &d);
	return y;
}

static int year_param(struct req *r)
{
	int64_t y = req_param_int(r, "year", current_year(r));
	return y < 0 || y > 9999 ? 0 : (int)y;
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"created", "Đã thêm chỉ tiêu."},	  {"updated", "Đã lưu chỉ tiêu."},
		{"deleted", "Đã xóa chỉ tiêu."},	  {"values", "Đã lưu số liệu."},
		{"unchanged", "Số liệu không thay đổi."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static const char *num(struct req *r, double v)
{
	char b[40];
	indicator_format_number(v, b);
	return arena_strdup(&r->arena, b);
}

/* A figure in a cell: the value, marked when derived (derivation on hover),
 * the entered one beside it when they differ, a lock when accepted. */
static void figure_html(struct req *r, const struct indicator_figure *f)
{
	if (!f->has_value) {
		if (*f->derivation)
			html(r, "<span class=\"muted\" title=\"%s\">—</span>", f->derivation);
		return;
	}
	if (f->derived)
		html(r,
		     "<span class=\"derived\" title=\"%s\">%s<sup aria-hidden=\"true\">Σ</sup></span>",
		     f->derivation, num(r, f->value));
	else
		html(r, "%s", num(r, f->value));
	if (f->differs && f->derived)
		html(r,
		     "<br><span class=\"muted\" title=\"Số đơn vị tự nhập\">(tự nhập: %s)</span>",
		     num(r, f->entered));
	else if (f->differs)
		html(r, "<br><span class=\"muted\" title=\"%s\">(tổng hợp: %s)</span>",
		     f->derivation, num(r, f->derived_value));
	if (f->locked)
		html(r,
		     " <span class=\"badge\" title=\"Đã được chấp nhận trong báo cáo\">khóa</span>");
}

static void compare_target_html(struct req *r, const struct indicator_compare *c)
{
	if (c->has_target)
		html(r, "%s%%", num(r, c->pct_of_target));
	if (c->verdict)
		html(r, "%r<span class=\"badge%r\">%s</span>", c->has_target ? "<br>" : "",
		     c->verdict > 0 ? " ok" : " ended", c->verdict_label);
	if (*c->actual_period && strcmp(c->actual_period, "estimate") == 0)
		html(r, "<br><span class=\"muted\">(theo ước năm)</span>");
}

static void compare_baseline_html(struct req *r, const struct indicator_compare *c)
{
	if (!c->has_baseline)
		return;
	html(r, "%s%s", c->vs_baseline > 0 ? "+" : "", num(r, c->vs_baseline));
	if (c->has_baseline_pct)
		html(r, "<br>(%s%s%%)", c->vs_baseline_pct > 0 ? "+" : "",
		     num(r, c->vs_baseline_pct));
}

static void derivations_html(struct req *r, const struct indicator_row *w)
{
	const struct {
		const char *label;
		const struct indicator_figure *f;
	} F[] = {{"Giá trị nền", &w->baseline},	    {"Mục tiêu nhiệm kỳ", &w->term_target},
		 {"Mục tiêu năm", &w->year_target}, {"Thực hiện 6 tháng", &w->h1},
		 {"Ước năm", &w->estimate},	    {"Thực hiện năm", &w->actual}};
	bool any = false;
	for (size_t k = 0; k < KH_ARRAY_LEN(F); k++)
		any = any || *F[k].f->derivation;
	if (!any)
		return;
	html(r, "<details><summary>Cách tính</summary><ul>");
	for (size_t k = 0; k < KH_ARRAY_LEN(F); k++)
		if (*F[k].f->derivation)
			html(r, "<li>%s: %s</li>", F[k].label, F[k].f->derivation);
	html(r, "</ul></details>");
}

static void table_html(struct req *r, const struct indicator_table *t)
{
	int y = t->year;
	html(r,
	     "<table class=\"indicators\"><thead><tr><th>STT</th><th>Chỉ tiêu</th>"
	     "<th>Đơn vị tính</th><th>Giá trị nền (năm)</th><th>Mục tiêu nhiệm kỳ</th>"
	     "<th>Mục tiêu năm %d</th><th>Thực hiện 6 tháng</th><th>Ước năm</th>"
	     "<th>Thực hiện năm</th><th>So với mục tiêu</th><th>So với giá trị nền</th>"
	     "</tr></thead><tbody>",
	     y);
	for (int i = 0; i < t->n_rows; i++) {
		const struct indicator_row *w = &t->rows[i];
		html(r,
		     "<tr><td>%s</td><td><a href=\"/orgs/%D/indicators/detail?indicator_id=%D"
		     "&amp;year=%d\">%s</a>",
		     *w->ind.code ? w->ind.code : arena_printf(&r->arena, "%d", i + 1), t->org_id,
		     w->ind.id, y, w->ind.name);
		if (w->ind.org_id != t->org_id)
			html(r, "<br><span class=\"muted\">Chỉ tiêu của %s</span>",
			     w->ind.org_name);
		derivations_html(r, w);
		html(r, "</td><td>%s</td><td>", w->ind.unit);
		figure_html(r, &w->baseline);
		if (w->baseline.has_value && w->baseline.year)
			html(r, " (%d)", w->baseline.year);
		html(r, "</td><td>");
		figure_html(r, &w->term_target);
		html(r, "</td><td>");
		figure_html(r, &w->year_target);
		html(r, "</td><td>");
		figure_html(r, &w->h1);
		html(r, "</td><td>");
		figure_html(r, &w->estimate);
		html(r, "</td><td>");
		figure_html(r, &w->actual);
		html(r, "</td><td>");
		compare_target_html(r, &w->cmp);
		html(r, "</td><td>");
		compare_baseline_html(r, &w->cmp);
		html(r, "</td></tr>");
	}
	if (!t->n_rows)
		html(r, "<tr><td colspan=\"11\" class=\"muted\">Chưa có chỉ tiêu nào áp dụng cho"
			" tổ chức này.</td></tr>");
	html(r, "</tbody></table><p class=\"muted\"><sup>Σ</sup> số tổng hợp từ các đơn vị trực"
		" thuộc (di chuột để xem cách tính).</p>");
}

static void select_options(struct req *r, const char *const *names, int n,
			   const char *(*label)(const char *), const char *selected)
{
	for (int i = 0; i < n; i++)
		html(r, "<option value=\"%s\"%r>%s</option>", names[i],
		     selected && strcmp(selected, names[i]) == 0 ? " selected" : "",
		     label(names[i]));
}

static const char *const DIRECTIONS[] = {"up", "down", "exact"};
static const char *const ROLLUPS[] = {"sum", "mean", "weighted_mean", "share", "manual"};

/* The collective plans of org, for the definition form (none on error). */
static struct plan_page org_plans(struct req *r, int64_t org)
{
	struct kh_error e;
	struct plan_page page = {0};
	struct plan_query q = {.owner_org_id = org, .limit = PLAN_PAGE_MAX};
	if (app_plan_list(&r->ctx, &q, &page, &e))
		memset(&page, 0, sizeof(page));
	return page;
}

/* The fields of an indicator's definition (ind NULL: a new one). */
static void definition_fields(struct req *r, const struct indicator *ind,
			      const struct indicator_row *rows, int n_rows,
			      const struct plan_page *plans)
{
	int y = current_year(r);
	html(r,
	     "<label>Tên chỉ tiêu <input name=\"name\" required maxlength=\"500\" value=\"%s\">"
	     "</label><label>Số thứ tự (như trong văn bản) <input name=\"code\" maxlength=\"20\""
	     " value=\"%s\"></label><label>Đơn vị tính <input name=\"unit\" maxlength=\"50\""
	     " value=\"%s\"></label><label>Chiều đánh giá <select name=\"direction\">",
	     ind ? ind->name : "", ind ? ind->code : "", ind ? ind->unit : "");
	select_options(r, DIRECTIONS, 3, indicator_direction_label, ind ? ind->direction : "up");
	html(r, "</select></label><label>Cách tổng hợp từ đơn vị trực thuộc <select"
		" name=\"rollup\">");
	select_options(r, ROLLUPS, 5, indicator_rollup_label, ind ? ind->rollup : "sum");
	html(r,
	     "</select></label><label>Chỉ tiêu làm trọng số / mẫu số (cho bình quân gia quyền"
	     " và tỷ lệ) <select name=\"weight_indicator_id\"><option value=\"\">(không)</option>");
	for (int i = 0; i < n_rows; i++)
		if (!ind || rows[i].ind.id != ind->id)
			html(r, "<option value=\"%D\"%r>%s</option>", rows[i].ind.id,
			     ind && ind->weight_indicator_id == rows[i].ind.id ? " selected" : "",
			     rows[i].ind.name);
	html(r, "</select></label><label>Đặt ra trong kế hoạch <select name=\"plan_id\">"
		"<option value=\"0\">(không)</option>");
	for (int i = 0; i < plans->n; i++)
		html(r, "<option value=\"%D\"%r>%s</option>", plans->items[i].id,
		     ind && ind->plan_id == plans->items[i].id ? " selected" : "",
		     plans->items[i].title);
	html(r,
	     "</select></label><label>Từ năm <input name=\"year_from\" type=\"number\""
	     " min=\"1990\" max=\"2100\" required value=\"%d\"></label><label>Đến năm <input"
	     " name=\"year_to\" type=\"number\" min=\"1990\" max=\"2100\" required value=\"%d\">"
	     "</label>",
	     ind ? ind->year_from : y, ind ? ind->year_to : y + 4);
}

static void sheet_report_html(struct req *r, const struct sheet_report *rep)
{
	html(r,
	     "<h3>Kết quả tải lên%s</h3><p>%d dòng sửa, %d dòng không đổi, %d dòng lỗi; %d chỉ"
	     " tiêu không có trong tệp được giữ nguyên.</p>",
	     rep->applied ? "" : " (chưa ghi)", rep->n_updated, rep->n_unchanged, rep->n_errors,
	     rep->n_kept);
	html(r, "<table class=\"sheet-report\"><thead><tr><th>Dòng</th><th>Mã</th>"
		"<th>Kết quả</th><th>Chỉ tiêu</th><th>Ghi chú</th></tr></thead><tbody>");
	for (int i = 0; i < rep->n_rows; i++) {
		const struct sheet_row *w = &rep->rows[i];
		const char *a = w->action;
		html(r, "<tr%r><td>", strcmp(a, "error") == 0 ? " class=\"error\"" : "");
		if (w->row)
			html(r, "%d", w->row);
		html(r, "</td><td>");
		if (w->item_id)
			html(r, "%D", w->item_id);
		html(r, "</td><td>%s</td><td>%s</td><td>%s</td></tr>",
		     strcmp(a, "update") == 0	   ? "Sửa"
		     : strcmp(a, "unchanged") == 0 ? "Không đổi"
		     : strcmp(a, "error") == 0	   ? "Lỗi"
						   : "Giữ nguyên",
		     w->text, w->message);
	}
	html(r, "</tbody></table>");
}

/* The page of an org's table; err (rc) and rep after a failed form or an
 * upload. */
static void table_page_render(struct req *r, int status, int rc, const struct kh_error *uerr,
			      const struct sheet_report *rep)
{
	struct kh_error err;
	struct indicator_table t;
	int64_t id = r->ids[0];
	int y = year_param(r);
	if (app_indicator_table(&r->ctx, id, y, NULL, 0, &t, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, arena_printf(&r->arena, "Chỉ tiêu — %s", t.org_name));
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs\">Cơ cấu tổ chức</a>"
	     " › <a href=\"/orgs/%D\">%s</a> › <span aria-current=\"page\">Chỉ tiêu</span></nav>"
	     "<h1>Chỉ tiêu năm %d — %s</h1>",
	     id, t.org_name, y, t.org_name);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (rc)
		html_error_box(r, uerr);
	else if (rep)
		html_notice(r, rep->applied ? "ok" : "info",
			    rep->applied
				    ? "Đã ghi số liệu từ tệp Excel."
				    : "Tệp hợp lệ. Bỏ chọn «Chỉ kiểm tra» rồi gửi lại để ghi.");
	if (rep && rep->n_rows)
		sheet_report_html(r, rep);
	html(r,
	     "<form class=\"inline\" method=\"get\" action=\"/orgs/%D/indicators\"><label>Năm"
	     " <input type=\"number\" name=\"year\" min=\"1990\" max=\"2100\" value=\"%d\">"
	     "</label> <button type=\"submit\">Xem</button></form>",
	     id, y);
	table_html(r, &t);
	html(r,
	     "<p><a class=\"button\" href=\"/orgs/%D/indicators.xlsx?year=%d\">Tải số liệu"
	     " (Excel)</a></p>",
	     id, y);
	if (t.can_enter) {
		html(r,
		     "<h2>Nhập số liệu bằng Excel</h2><p>Tải tệp ở trên, nhập số liệu của đơn vị"
		     " vào các cột số liệu, rồi tải lên. Mọi dòng được kiểm tra trước; nếu có dòng"
		     " lỗi thì chưa dòng nào được ghi.</p><form class=\"stack\" method=\"post\""
		     " action=\"/orgs/%D/indicators/sheet?year=%d\" enctype=\"multipart/form-data\">",
		     id, y);
		html_csrf_field(r);
		html(r,
		     "<label>Tệp Excel (.xlsx) <input type=\"file\" name=\"file\" accept=\".xlsx," XLSX_MIME
		     "\" required></label><label><input type=\"checkbox\""
		     " name=\"dry_run\" value=\"1\"> Chỉ kiểm tra, chưa ghi</label><p><button"
		     " type=\"submit\" class=\"primary\">Tải lên</button></p></form>");
	}
	if (t.can_define) {
		html(r,
		     "<details%r><summary>Thêm chỉ tiêu của %s</summary><form class=\"stack\""
		     " method=\"post\" action=\"/orgs/%D/indicators?year=%d\">",
		     rc && !rep ? " open" : "", t.org_name, id, y);
		html_csrf_field(r);
		struct plan_page plans = org_plans(r, id);
		definition_fields(r, NULL, t.rows, t.n_rows, &plans);
		html(r, "<p><button type=\"submit\" class=\"primary\">Thêm chỉ tiêu</button></p>"
			"</form></details>");
	}
	page_end(r);
	resp_html(r, status);
}

static void table_page(struct req *r)
{
	table_page_render(r, 200, 0, NULL, NULL);
}

static int64_t form_id(struct req *r, const char *name)
{
	return req_param_int(r, name, 0);
}

static int form_definition(struct req *r, struct indicator_input *in, struct kh_error *err)
{
	memset(in, 0, sizeof(*in));
	in->name = req_param(r, "name");
	in->code = req_param(r, "code");
	in->unit = req_param(r, "unit");
	in->direction = req_param(r, "direction");
	in->rollup = req_param(r, "rollup");
	in->weight_indicator_id = form_id(r, "weight_indicator_id");
	in->set_weight = true;
	in->plan_id = form_id(r, "plan_id");
	in->set_plan = true;
	int64_t yf = req_param_int(r, "year_from", 0), yt = req_param_int(r, "year_to", 0);
	if (yf < 0 || yf > 9999 || yt < 0 || yt > 9999)
		return kh_fail(err, KH_EINVAL, "year_from", "Năm không hợp lệ");
	in->year_from = (int)yf;
	in->year_to = (int)yt;
	if (!in->code)
		in->code = "";
	if (!in->unit)
		in->unit = "";
	return 0;
}

static void define_submit(struct req *r)
{
	struct kh_error err;
	struct indicator_input in;
	struct indicator ind;
	int rc = form_definition(r, &in, &err);
	in.org_id = r->ids[0];
	if (!rc && !in.name)
		rc = kh_fail(&err, KH_EINVAL, "name", "Tên chỉ tiêu không được để trống");
	if (!rc)
		rc = app_indicator_create(&r->ctx, &in, &ind, &err);
	if (rc == KH_EINVAL) {
		table_page_render(r, 400, rc, &err, NULL);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/orgs/%lld/indicators?year=%d&notice=created",
				      (long long)r->ids[0], year_param(r)));
}

static void sheet_download(struct req *r)
{
	struct kh_error err;
	char *bytes;
	size_t len;
	const char *name;
	int y = year_param(r);
	if (app_indicator_sheet_export(&r->ctx, r->ids[0], y, &bytes, &len, &name, &err)) {
		resp_error(r, &err);
		return;
	}
	const char *dot = strrchr(name, '.');
	char *stem = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	char *folded = text_fold(stem);
	free(stem);
	for (char *p = folded; *p; p++)
		if (*p == ' ' || *p == '"' || *p == '\\')
			*p = '-';
	struct buf ext;
	buf_init(&ext, 4096);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			buf_putc(&ext, (char)*p);
		else
			buf_printf(&ext, "%%%02X", *p);
	}
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s.xlsx\"; filename*=UTF-8''%s",
				 folded, ext.data));
	resp_header(r, "Cache-Control", "private, no-store");
	resp_body(r, 200, XLSX_MIME, bytes, len);
	free(folded);
	buf_release(&ext);
	free(bytes);
}

static void sheet_submit(struct req *r)
{
	struct kh_error err;
	struct sheet_report rep;
	const struct kv *file = req_file(r, "file");
	struct indicator_table t;
	int rc;
	kh_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if (!file) {
		rc = app_indicator_table(&r->ctx, r->ids[0], year_param(r), NULL, 0, &t, &err);
		if (!rc)
			rc = kh_fail(&err, KH_EINVAL, "file",
				     "Hãy chọn tệp Excel (.xlsx) để tải lên");
	} else {
		rc = app_indicator_sheet_apply(&r->ctx, r->ids[0], year_param(r), file->value,
					       file->len, req_param_bool(r, "dry_run"), &rep, &err);
	}
	if (rc && rc != KH_EINVAL && rc != KH_ETOOBIG) {
		resp_error(r, &err);
		return;
	}
	table_page_render(r, rc ? http_status_for(rc) : 200, rc, &err, &rep);
}

/* ---- one indicator of an org ---- */

static const char *period_param(struct req *r)
{
	const char *p = req_param(r, "period");
	return p ? p : "year";
}

static void format_chart(double v, char out[40])
{
	indicator_format_number(v, out);
}

static void series_chart(struct req *r, const struct indicator_series *s)
{
	int n = s->n_points;
	const char **cats = arena_alloc(&r->arena, sizeof(*cats) * (size_t)(n + 1));
	double *act = arena_alloc(&r->arena, sizeof(double) * (size_t)(n + 1));
	double *tgt = arena_alloc(&r->arena, sizeof(double) * (size_t)(n + 1));
	bool *hact = arena_alloc(&r->arena, (size_t)n + 1);
	bool *htgt = arena_alloc(&r->arena, (size_t)n + 1);
	for (int i = 0; i < n; i++) {
		const struct indicator_point *p = &s->points[i];
		cats[i] = arena_printf(&r->arena, "%d%s", p->year,
				       strcmp(p->actual_period, "estimate") == 0 ? " (ước)" : "");
		act[i] = p->actual.value;
		hact[i] = p->actual.has_value;
		tgt[i] = p->target.value;
		htgt[i] = p->target.has_value;
	}
	struct chart_series ser[2] = {
		{"Thực hiện", CHART_BAR, "#1f4e79", act, hact},
		{"Mục tiêu năm", CHART_LINE, "#a4161a", tgt, htgt},
	};
	struct chart c = {.title = "Thực hiện so với mục tiêu qua các năm",
			  .unit = s->ind.unit,
			  .categories = cats,
			  .n_categories = n,
			  .series = ser,
			  .n_series = 2,
			  .format = format_chart};
	struct buf b;
	buf_init(&b, 1 << 20);
	chart_svg(&b, &c);
	html(r, "<figure class=\"chart\">%r</figure>", b.data);
	buf_release(&b);
}

static void children_chart(struct req *r, const struct indicator_children *ch)
{
	int n = ch->n_rows;
	if (!n)
		return;
	const char **cats = arena_alloc(&r->arena, sizeof(*cats) * (size_t)n);
	double *v = arena_alloc(&r->arena, sizeof(double) * (size_t)n);
	bool *h = arena_alloc(&r->arena, (size_t)n);
	for (int i = 0; i < n; i++) {
		cats[i] = ch->rows[i].org_name;
		v[i] = ch->rows[i].fig.value;
		h[i] = ch->rows[i].fig.has_value;
	}
	struct chart_series ser[1] = {
		{indicator_period_label(ch->period), CHART_BAR, "#1f4e79", v, h}};
	struct chart c = {.title = "Theo đơn vị trực thuộc",
			  .unit = ch->ind.unit,
			  .categories = cats,
			  .n_categories = n,
			  .series = ser,
			  .n_series = 1,
			  .horizontal = true,
			  .format = format_chart};
	struct buf b;
	buf_init(&b, 1 << 22);
	chart_svg(&b, &c);
	html(r, "<figure class=\"chart\">%r</figure>", b.data);
	buf_release(&b);
}

/* A number for an input: no thousands separator, a decimal comma. */
static const char *input_number(struct req *r, double v)
{
	char *t = arena_printf(&r->arena, "%.10g", v);
	for (char *p = t; *p; p++)
		if (*p == '.')
			*p = ',';
	return t;
}

static void value_field(struct req *r, const char *name, const char *label,
			const struct indicator_figure *f, bool derived_ok)
{
	html(r, "<label>%s <input name=\"%s\" inputmode=\"decimal\" value=\"%s\"%r>", label, name,
	     f->has_entered ? input_number(r, f->entered) : "", f->locked ? " disabled" : "");
	if (f->locked)
		html(r, " <span class=\"badge\">đã khóa</span>");
	else if (derived_ok && f->derived)
		html(r, " <span class=\"muted\">tổng hợp: %s</span>", num(r, f->value));
	html(r, "</label>");
}

static void detail_render(struct req *r, int status, int rc, const struct kh_error *uerr)
{
	struct kh_error err, e2;
	int64_t org = r->ids[0], ind_id = form_id(r, "indicator_id");
	int y = year_param(r);
	const char *period = period_param(r);
	struct indicator_series s;
	struct indicator_children ch;
	struct indicator_table t;
	if (!ind_id) {
		resp_fail(r, KH_EINVAL, "Thiếu chỉ tiêu (indicator_id)");
		return;
	}
	if (app_indicator_series(&r->ctx, org, ind_id, &s, &err) ||
	    app_indicator_children(&r->ctx, org, ind_id, y,
				   strcmp(period, "target") == 0 ? "target" : period, &ch, &err) ||
	    app_indicator_table(&r->ctx, org, y, &ind_id, 1, &t, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct indicator *ind = &s.ind;
	const struct indicator_row *w = &t.rows[0];
	page_begin(r, ind->name);
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs/%D\">%s</a> › <a"
	     " href=\"/orgs/%D/indicators?year=%d\">Chỉ tiêu</a> › <span aria-current=\"page\">"
	     "%s</span></nav><h1>%s</h1>",
	     org, t.org_name, org, y, ind->name, ind->name);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (rc)
		html_error_box(r, uerr);
	html(r,
	     "<table class=\"details\"><tbody><tr><th>Tổ chức</th><td>%s</td></tr>"
	     "<tr><th>Đặt ra bởi</th><td>%s</td></tr><tr><th>Đơn vị tính</th><td>%s</td></tr>"
	     "<tr><th>Chiều đánh giá</th><td>%s</td></tr><tr><th>Cách tổng hợp</th><td>%s</td></tr>"
	     "<tr><th>Nhiệm kỳ</th><td>%d–%d</td></tr>",
	     t.org_name, ind->org_name, ind->unit, indicator_direction_label(ind->direction),
	     indicator_rollup_label(ind->rollup), ind->year_from, ind->year_to);
	if (ind->plan_id) {
		struct plan p;
		struct plan_rights pr;
		if (app_plan_rights(&r->ctx, ind->plan_id, &p, &pr, &e2) == 0 && pr.read)
			html(r,
			     "<tr><th>Đặt ra trong</th><td><a href=\"/plans/%D\">%s</a></td></tr>",
			     p.id, p.title);
	}
	html(r, "<tr><th>Giá trị nền</th><td>");
	figure_html(r, &s.baseline);
	if (s.baseline.has_value)
		html(r, " (năm %d)", s.baseline.year);
	html(r, "</td></tr><tr><th>Mục tiêu nhiệm kỳ</th><td>");
	figure_html(r, &s.term_target);
	html(r, "</td></tr></tbody></table>");
	series_chart(r, &s);
	html(r, "<table><thead><tr><th>Năm</th><th>Mục tiêu năm</th><th>Thực hiện</th></tr></thead>"
		"<tbody>");
	for (int i = 0; i < s.n_points; i++) {
		html(r,
		     "<tr><td><a href=\"/orgs/%D/indicators/detail?indicator_id=%D&amp;year=%d\">"
		     "%d</a></td><td>",
		     org, ind->id, s.points[i].year, s.points[i].year);
		figure_html(r, &s.points[i].target);
		html(r, "</td><td>");
		figure_html(r, &s.points[i].actual);
		if (strcmp(s.points[i].actual_period, "estimate") == 0)
			html(r, " <span class=\"muted\">(ước)</span>");
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table>");

	/* The drill-down. */
	html(r,
	     "<h2>Theo đơn vị trực thuộc — %s %d</h2><form class=\"inline\" method=\"get\""
	     " action=\"/orgs/%D/indicators/detail\"><input type=\"hidden\" name=\"indicator_id\""
	     " value=\"%D\"><label>Năm <input type=\"number\" name=\"year\" min=\"1990\""
	     " max=\"2100\" value=\"%d\"></label> <label>Số liệu <select name=\"period\">",
	     indicator_period_label(ch.period), y, org, ind->id, y);
	for (size_t k = 0; k < KH_ARRAY_LEN(PERIOD_NAMES); k++)
		html(r, "<option value=\"%s\"%r>%s</option>", PERIOD_NAMES[k],
		     strcmp(PERIOD_NAMES[k], ch.period) == 0 ? " selected" : "",
		     indicator_period_label(PERIOD_NAMES[k]));
	html(r, "</select></label> <button type=\"submit\">Xem</button></form>");
	if (ch.n_rows) {
		html(r, "<p>%s: ", t.org_name);
		figure_html(r, &ch.total);
		if (*ch.total.derivation)
			html(r, " — %s", ch.total.derivation);
		html(r,
		     "</p><table><thead><tr><th>Đơn vị</th><th>%s</th><th>Cách tính</th></tr>"
		     "</thead><tbody>",
		     indicator_period_label(ch.period));
		for (int i = 0; i < ch.n_rows; i++) {
			const struct indicator_child *c = &ch.rows[i];
			html(r,
			     "<tr><td><a href=\"/orgs/%D/indicators/detail?indicator_id=%D&amp;"
			     "year=%d&amp;period=%s\">%s</a></td><td>",
			     c->org_id, ind->id, y, ch.period, c->org_name);
			if (c->fig.has_value)
				figure_html(r, &c->fig);
			else
				html(r, "<span class=\"muted\">chưa có</span>");
			html(r, "</td><td>%s</td></tr>", c->fig.derivation);
		}
		html(r, "</tbody></table>");
		children_chart(r, &ch);
	} else {
		html(r, "<p class=\"muted\">Không có đơn vị trực thuộc.</p>");
	}

	if (t.can_enter) {
		html(r,
		     "<h2>Nhập số liệu của %s</h2><p class=\"muted\">Để trống: giữ nguyên; gõ"
		     " dấu - để xóa số đã nhập. Số thập phân viết 12,5.</p><form"
		     " class=\"stack\" method=\"post\" action=\"/orgs/%D/indicators/values?year=%d\">"
		     "<input type=\"hidden\" name=\"indicator_id\" value=\"%D\">",
		     t.org_name, org, y, ind->id);
		html_csrf_field(r);
		html(r,
		     "<label>Năm của giá trị nền <input name=\"baseline_year\" type=\"number\""
		     " min=\"1990\" max=\"2100\" value=\"%d\"></label>",
		     w->baseline.has_entered ? w->baseline.entered_year : ind->year_from - 1);
		value_field(r, "baseline", "Giá trị nền", &w->baseline, true);
		value_field(r, "term_target", "Mục tiêu nhiệm kỳ", &w->term_target, true);
		value_field(r, "target", arena_printf(&r->arena, "Mục tiêu năm %d", y),
			    &w->year_target, true);
		value_field(r, "h1", arena_printf(&r->arena, "Thực hiện 6 tháng đầu năm %d", y),
			    &w->h1, true);
		value_field(r, "estimate", arena_printf(&r->arena, "Ước thực hiện năm %d", y),
			    &w->estimate, true);
		value_field(r, "actual", arena_printf(&r->arena, "Thực hiện năm %d", y), &w->actual,
			    true);
		html(r,
		     "<label>Ghi chú <input name=\"note\" maxlength=\"1000\" value=\"%s\"></label>"
		     "<p><button type=\"submit\" class=\"primary\">Lưu số liệu</button></p></form>",
		     w->actual.note);
	}
	if (app_can_act_for_org(&r->ctx, ind->org_id, &e2) == 0) {
		struct indicator *vis;
		int nvis;
		struct indicator_table wt = {0};
		if (app_indicator_list(&r->ctx, ind->org_id, &vis, &nvis, &e2) == 0) {
			wt.rows = arena_alloc(&r->arena, sizeof(*wt.rows) * (size_t)(nvis + 1));
			for (int i = 0; i < nvis; i++)
				wt.rows[wt.n_rows++].ind = vis[i];
		}
		html(r,
		     "<details><summary>Sửa định nghĩa chỉ tiêu</summary><form class=\"stack\""
		     " method=\"post\" action=\"/indicators/%D?org_id=%D&amp;year=%d\">",
		     ind->id, org, y);
		html_csrf_field(r);
		struct plan_page plans = org_plans(r, ind->org_id);
		definition_fields(r, ind, wt.rows, wt.n_rows, &plans);
		html(r,
		     "<p><button type=\"submit\" class=\"primary\">Lưu</button></p></form>"
		     "<form method=\"post\" action=\"/indicators/%D/delete?org_id=%D&amp;year=%d\">",
		     ind->id, org, y);
		html_csrf_field(r);
		html(r, "<p><button type=\"submit\" class=\"danger\">Xóa chỉ tiêu</button></p>"
			"</form></details>");
	}
	page_end(r);
	resp_html(r, status);
}

static void detail_page(struct req *r)
{
	detail_render(r, 200, 0, NULL);
}

/* A figure typed in a form: "" keeps, "-" clears, else a number written
 * either way ("1.234,5" or "1234.5"). */
static int form_number(struct req *r, const char *name, const char *label, bool *set, bool *clear,
		       double *v, struct kh_error *err)
{
	const char *s = req_param(r, name);
	char tmp[64];
	size_t n = 0;
	*set = *clear = false;
	if (!s || !*s)
		return 0;
	if (strcmp(s, "-") == 0) {
		*set = *clear = true;
		return 0;
	}
	/* Dots are thousands separators with a decimal comma, or in the
	 * Vietnamese grouping "1.500" / "12.345.678"; else a decimal point. */
	bool comma = strchr(s, ',') != NULL, grouped = !comma;
	size_t lead = strspn(s, "0123456789");
	grouped = grouped && lead >= 1 && lead <= 3 && s[lead] == '.';
	for (const char *p = s + lead; grouped && *p; p += 4)
		grouped = p[0] == '.' && strspn(p + 1, "0123456789") >= 3 &&
			  (p[4] == '.' || p[4] == 0);
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || ((comma || grouped) && *p == '.'))
			continue;
		if (n + 1 >= sizeof(tmp))
			return kh_fail(err, KH_EINVAL, name, "%s: «%s» không phải là số", label, s);
		tmp[n++] = *p == ',' ? '.' : *p;
	}
	tmp[n] = 0;
	char *end;
	if (!n || strspn(tmp, "0123456789.-+") != n)
		return kh_fail(err, KH_EINVAL, name, "%s: «%s» không phải là số", label, s);
	*v = strtod(tmp, &end);
	if (*end || !isfinite(*v))
		return kh_fail(err, KH_EINVAL, name, "%s: «%s» không phải là số", label, s);
	*set = true;
	return 0;
}

static void values_submit(struct req *r)
{
	struct kh_error err;
	struct indicator_table t;
	int64_t org = r->ids[0], ind_id = form_id(r, "indicator_id");
	int y = year_param(r), rc, n = 0, changed = 0;
	struct indicator_value_input in[7];
	static const struct {
		const char *field, *label, *period;
	} F[] = {{"baseline", "Giá trị nền", "baseline"},
		 {"term_target", "Mục tiêu nhiệm kỳ", "target"},
		 {"target", "Mục tiêu năm", "target"},
		 {"h1", "Thực hiện 6 tháng", "h1"},
		 {"estimate", "Ước năm", "estimate"},
		 {"actual", "Thực hiện năm", "year"}};
	kh_error_clear(&err);
	if (!ind_id) {
		resp_fail(r, KH_EINVAL, "Thiếu chỉ tiêu (indicator_id)");
		return;
	}
	if ((rc = app_can_act_for_org(&r->ctx, org, &err)) ||
	    (rc = app_indicator_table(&r->ctx, org, y, &ind_id, 1, &t, &err))) {
		resp_error(r, &err);
		return;
	}
	const struct indicator_row *w = &t.rows[0];
	int64_t by = req_param_int(r, "baseline_year", 0);
	const char *note = req_param(r, "note");
	for (size_t k = 0; k < KH_ARRAY_LEN(F) && !rc; k++) {
		bool set, clear;
		double v = 0;
		if ((rc = form_number(r, F[k].field, F[k].label, &set, &clear, &v, &err)) || !set)
			continue;
		bool baseline = k == 0, term = k == 1;
		if (baseline && (by < 1 || by > 9999)) {
			rc = kh_fail(&err, KH_EINVAL, "baseline_year",
				     "Có giá trị nền thì phải ghi năm của nó");
			break;
		}
		int year = baseline ? (clear && w->baseline.has_entered ? w->baseline.entered_year
									: (int)by)
			   : term   ? 0
				    : y;
		/* A baseline moved to another year leaves the old one. */
		if (baseline && !clear && w->baseline.has_entered &&
		    w->baseline.entered_year != year)
			in[n++] = (struct indicator_value_input){.indicator_id = ind_id,
								 .org_id = org,
								 .period = "baseline",
								 .year = w->baseline.entered_year,
								 .clear = true};
		in[n++] = (struct indicator_value_input){.indicator_id = ind_id,
							 .org_id = org,
							 .period = F[k].period,
							 .year = year,
							 .value = v,
							 .clear = clear,
							 .note = k == 5 ? note : NULL};
	}
	if (!rc && n)
		rc = app_indicator_set_values(&r->ctx, in, n, &changed, &err);
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		detail_render(r, http_status_for(rc), rc, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(
		r, arena_printf(&r->arena,
				"/orgs/%lld/indicators/detail?indicator_id=%lld&year=%d&notice=%s",
				(long long)org, (long long)ind_id, y,
				changed ? "values" : "unchanged"));
}

static void update_submit(struct req *r)
{
	struct kh_error err;
	struct indicator_input in;
	struct indicator ind;
	int64_t org = form_id(r, "org_id");
	int rc = form_definition(r, &in, &err);
	if (!rc)
		rc = app_indicator_update(&r->ctx, r->ids[0], &in, &ind, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena,
				      "/orgs/%lld/indicators/detail?indicator_id=%lld&year=%d"
				      "&notice=updated",
				      (long long)(org ? org : ind.org_id), (long long)ind.id,
				      year_param(r)));
}

static void delete_submit(struct req *r)
{
	struct kh_error err;
	struct indicator ind;
	int64_t org = form_id(r, "org_id");
	if (app_indicator_get(&r->ctx, r->ids[0], &ind, &err) ||
	    app_indicator_delete(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/orgs/%lld/indicators?year=%d&notice=deleted",
				      (long long)(org ? org : ind.org_id), year_param(r)));
}

/* ---- API ---- */

static int need_json(struct req *r, struct kh_error *err)
{
	if (!r->json || !json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cần gửi dữ liệu JSON (Content-Type: application/json)");
	return 0;
}

static void api_table(struct req *r)
{
	struct kh_error err;
	struct indicator_table t;
	if (app_indicator_table(&r->ctx, r->ids[0], year_param(r), NULL, 0, &t, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_indicator_table_json(&t));
}

static int json_definition(struct req *r, struct indicator_input *in, bool create,
			   struct kh_error *err)
{
	int64_t org = 0, plan = 0, doc = 0, seq = 0, weight = 0, yf = 0, yt = 0;
	int rc;
	memset(in, 0, sizeof(*in));
	if ((rc = need_json(r, err)) ||
	    (rc = json_field_int(r, "org_id", create, 1, INT64_MAX, &org, err)) ||
	    (rc = json_field_int(r, "plan_id", false, 0, INT64_MAX, &plan, err)) ||
	    (rc = json_field_int(r, "document_id", false, 0, INT64_MAX, &doc, err)) ||
	    (rc = json_field_int(r, "seq", false, 0, 100000, &seq, err)) ||
	    (rc = json_field_text(r, "code", false, false, &in->code, err)) ||
	    (rc = json_field_text(r, "name", create, false, &in->name, err)) ||
	    (rc = json_field_text(r, "unit", false, false, &in->unit, err)) ||
	    (rc = json_field_text(r, "direction", false, false, &in->direction, err)) ||
	    (rc = json_field_text(r, "rollup", false, false, &in->rollup, err)) ||
	    (rc = json_field_int(r, "weight_indicator_id", false, 0, INT64_MAX, &weight, err)) ||
	    (rc = json_field_int(r, "year_from", create, 1, 9999, &yf, err)) ||
	    (rc = json_field_int(r, "year_to", create, 1, 9999, &yt, err)))
		return rc;
	in->org_id = org;
	in->plan_id = plan;
	in->set_plan = json_has(r, "plan_id");
	in->document_id = doc;
	in->set_document = json_has(r, "document_id");
	in->seq = (int)seq;
	in->weight_indicator_id = weight;
	in->set_weight = json_has(r, "weight_indicator_id");
	in->year_from = (int)yf;
	in->year_to = (int)yt;
	return 0;
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct indicator *v;
	int n;
	int64_t org = req_param_int(r, "org_id", 0);
	if (!org) {
		resp_fail(r, KH_EINVAL, "Cần chọn tổ chức (org_id)");
		return;
	}
	if (app_indicator_list(&r->ctx, org, &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, app_indicator_json(&v[i]));
	resp_json(r, 200, json_pack("{s:o}", "indicators", a));
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct indicator_input in;
	struct indicator ind;
	if (json_definition(r, &in, true, &err) || app_indicator_create(&r->ctx, &in, &ind, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 201, app_indicator_json(&ind));
}

static void api_get(struct req *r)
{
	struct kh_error err;
	struct indicator ind;
	if (app_indicator_get(&r->ctx, r->ids[0], &ind, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_indicator_json(&ind));
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	struct indicator_input in;
	struct indicator ind;
	if (app_indicator_get(&r->ctx, r->ids[0], &ind, &err) ||
	    json_definition(r, &in, false, &err) ||
	    app_indicator_update(&r->ctx, r->ids[0], &in, &ind, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_indicator_json(&ind));
}

static void api_delete(struct req *r)
{
	struct kh_error err;
	if (app_indicator_delete(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	resp_body(r, 204, "text/plain; charset=utf-8", "", 0);
}

/* The org of a per-indicator read: org_id, else the defining org. */
static int64_t api_org(struct req *r, struct kh_error *err, struct indicator *ind)
{
	int64_t org = req_param_int(r, "org_id", 0);
	if (org)
		return org;
	if (app_indicator_get(&r->ctx, r->ids[0], ind, err))
		return -1;
	return ind->org_id;
}

static void api_children(struct req *r)
{
	struct kh_error err;
	struct indicator ind;
	struct indicator_children c;
	int64_t org = api_org(r, &err, &ind);
	if (org < 0 || app_indicator_children(&r->ctx, org, r->ids[0], year_param(r),
					      period_param(r), &c, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_indicator_children_json(&c));
}

static void api_series(struct req *r)
{
	struct kh_error err;
	struct indicator ind;
	struct indicator_series s;
	int64_t org = api_org(r, &err, &ind);
	if (org < 0 || app_indicator_series(&r->ctx, org, r->ids[0], &s, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_indicator_series_json(&s));
}

/* {"values": [{"indicator_id", "period", "year", "value" (null = clear),
 * "note"}]} for the org of the path. */
static void api_values(struct req *r)
{
	struct kh_error err;
	int64_t org = r->ids[0];
	int changed = 0, rc;
	kh_error_clear(&err);
	if ((rc = app_can_act_for_org(&r->ctx, org, &err)) || (rc = need_json(r, &err))) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_object_get(r->json, "values");
	if (!json_is_array(a) || json_array_size(a) > INDICATOR_VALUES_MAX) {
		resp_error(r, &(struct kh_error){.code = KH_EINVAL,
						 .message = "Cần mảng «values» các số liệu",
						 .field = "values"});
		return;
	}
	size_t n = json_array_size(a);
	struct indicator_value_input *in = arena_alloc(&r->arena, sizeof(*in) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(a, i);
		json_t *id = json_object_get(o, "indicator_id"), *p = json_object_get(o, "period"),
		       *y = json_object_get(o, "year"), *v = json_object_get(o, "value"),
		       *note = json_object_get(o, "note");
		if (!json_is_object(o) || !json_is_integer(id) || !json_is_string(p) ||
		    !json_is_integer(y) || (v && !json_is_number(v) && !json_is_null(v)) || !v ||
		    (note && !json_is_string(note)) || json_integer_value(y) < 0 ||
		    json_integer_value(y) > 9999) {
			kh_fail(&err, KH_EINVAL, "values",
				"Số liệu thứ %zu: cần indicator_id, period, year (số nguyên) và value"
				" (số, hoặc null để xóa)",
				i + 1);
			resp_error(r, &err);
			return;
		}
		const char *ns = note ? json_string_value(note) : NULL;
		if (ns && text_has_controls(ns)) {
			kh_fail(&err, KH_EINVAL, "note",
				"Ghi chú không được chứa ký tự điều khiển");
			resp_error(r, &err);
			return;
		}
		in[i] = (struct indicator_value_input){
			.indicator_id = json_integer_value(id),
			.org_id = org,
			.period = json_string_value(p),
			.year = (int)json_integer_value(y),
			.value = json_is_null(v) ? 0 : json_number_value(v),
			.clear = json_is_null(v),
			.note = ns};
	}
	if (app_indicator_set_values(&r->ctx, in, (int)n, &changed, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, json_pack("{s:i}", "changed", changed));
}

static void api_sheet_get(struct req *r)
{
	sheet_download(r);
}

static void api_sheet_post(struct req *r)
{
	struct kh_error err;
	struct sheet_report rep;
	struct indicator_table t;
	const char *ct = r->content_type;
	int rc;
	kh_error_clear(&err);
	memset(&rep, 0, sizeof(rep));
	if ((rc = app_indicator_table(&r->ctx, r->ids[0], year_param(r), NULL, 0, &t, &err)) ||
	    (rc = app_can_act_for_org(&r->ctx, r->ids[0], &err)))
		;
	else if (strncasecmp(ct, XLSX_MIME, strlen(XLSX_MIME)) != 0 &&
		 strncasecmp(ct, "application/octet-stream", 24) != 0)
		rc = kh_fail(&err, KH_EINVAL, "file",
			     "Hãy gửi tệp XLSX làm nội dung yêu cầu, với Content-Type: %s",
			     XLSX_MIME);
	else if (!r->body_len)
		rc = kh_fail(&err, KH_EINVAL, "file", "Yêu cầu không có tệp XLSX");
	else
		rc = app_indicator_sheet_apply(&r->ctx, r->ids[0], year_param(r), r->body,
					       r->body_len, req_param_bool(r, "dry_run"), &rep,
					       &err);
	if (rc == KH_EINVAL && rep.n_rows) {
		json_t *inner = json_pack("{s:s, s:s}", "code", kh_err_name(err.code), "message",
					  err.message);
		resp_json(r, 400,
			  json_pack("{s:o, s:o}", "error", inner, "report",
				    app_sheet_report_json(&rep)));
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, app_sheet_report_json(&rep));
}

#define DEF_PARAMS                                                                        \
	{"name", P_TEXT}, {"code", P_TEXT}, {"unit", P_TEXT}, {"direction", P_TEXT},      \
		{"rollup", P_TEXT}, {"weight_indicator_id", P_INT}, {"year_from", P_INT}, \
		{"year_to", P_INT}, {"year", P_INT},                                      \
	{                                                                                 \
		"org_id", P_ID                                                            \
	}

static const struct route routes[] = {
	{HTTP_GET,
	 "/orgs/{id}/indicators",
	 table_page,
	 0,
	 {{"year", P_INT}, {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST, "/orgs/{id}/indicators", define_submit, 0, {DEF_PARAMS}, NULL},
	{HTTP_GET,
	 "/orgs/{id}/indicators/detail",
	 detail_page,
	 0,
	 {{"indicator_id", P_ID}, {"year", P_INT}, {"period", P_TEXT}, {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST,
	 "/orgs/{id}/indicators/values",
	 values_submit,
	 0,
	 {{"indicator_id", P_ID},
	  {"year", P_INT},
	  {"baseline_year", P_INT},
	  {"baseline", P_TEXT},
	  {"term_target", P_TEXT},
	  {"target", P_TEXT},
	  {"h1", P_TEXT},
	  {"estimate", P_TEXT},
	  {"actual", P_TEXT},
	  {"note", P_TEXT},
	  {"period", P_TEXT}},
	 NULL},
	{HTTP_GET, "/orgs/{id}/indicators.xlsx", sheet_download, 0, {{"year", P_INT}}, NULL},
	{HTTP_POST,
	 "/orgs/{id}/indicators/sheet",
	 sheet_submit,
	 ROUTE_LARGE_BODY,
	 {{"file", P_BINARY}, {"dry_run", P_BOOL}, {"year", P_INT}},
	 NULL},
	{HTTP_POST, "/indicators/{id}", update_submit, 0, {DEF_PARAMS}, NULL},
	{HTTP_POST,
	 "/indicators/{id}/delete",
	 delete_submit,
	 0,
	 {{"org_id", P_ID}, {"year", P_INT}},
	 NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/indicators", api_table, 0, {{"year", P_INT}}, NULL},
	{HTTP_POST, "/api/v1/orgs/{id}/indicators/values", api_values, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/indicators/sheet", api_sheet_get, 0, {{"year", P_INT}}, NULL},
	{HTTP_POST,
	 "/api/v1/orgs/{id}/indicators/sheet",
	 api_sheet_post,
	 ROUTE_LARGE_BODY | ROUTE_RAW_BODY,
	 {{"year", P_INT}, {"dry_run", P_BOOL}},
	 NULL},
	{HTTP_GET, "/api/v1/indicators", api_list, 0, {{"org_id", P_ID}}, NULL},
	{HTTP_POST, "/api/v1/indicators", api_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/indicators/{id}", api_get, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/indicators/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_DELETE, "/api/v1/indicators/{id}", api_delete, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/indicators/{id}/children",
	 api_children,
	 0,
	 {{"org_id", P_ID}, {"year", P_INT}, {"period", P_TEXT}},
	 NULL},
	{HTTP_GET, "/api/v1/indicators/{id}/series", api_series, 0, {{"org_id", P_ID}}, NULL},
};

struct route_list web_routes_indicator(void)
{
	return ROUTES(routes);
}
