/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Pages and API of report campaigns (app/report.h): "Báo cáo" — the
 * campaigns of an org (/report-campaigns), opening one
 * (/report-campaigns/new), a campaign's status with its counts and one row
 * per org, drilling down by state (/report-campaigns/{id}?state=missing),
 * the report editor (/reports/{id}: the outline's sections, the appendix
 * figures, submit, accept, return, reopen, filings), the report and the
 * opening letter as DOCX and PDF; and the JSON twins under
 * /api/v1/report-campaigns and /api/v1/reports (docs/API.md).
 */
#include "core/common.h"
#include "app/indicator.h"
#include "app/org.h"
#include "app/report.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"
#include "text/fold.h"
#include "web/http.h"
#include "web/routes.h"

#include <math.h>
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
		{"opened", "Đã mở đợt báo cáo; các đơn vị đã được thông báo."},
		{"saved", "Đã lưu báo cáo."},
		{"figures", "Đã lưu số liệu phụ lục."},
		{"submitted", "Đã gửi báo cáo lên cấp trên."},
		{"accepted", "Đã chấp nhận báo cáo; số liệu của đơn vị đã được khóa."},
		{"returned", "Đã trả lại báo cáo để đơn vị bổ sung, sửa chữa."},
		{"reopened", "Đã mở lại báo cáo; số liệu đã được mở khóa."},
		{"filed", "Đã nộp hồ sơ sau hội nghị."},
		{"closed", "Đã đóng đợt báo cáo."},
		{"reopened_campaign", "Đã mở lại đợt báo cáo."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

static const char *day_text(struct req *r, int32_t day)
{
	int y, m, d;
	if (!day)
		return "";
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(&r->arena, "%02d/%02d/%d", d, m, y);
}

static const char *years_text(struct req *r, const struct report_campaign_row *c)
{
	return c->year_from == c->year_to
		       ? arena_printf(&r->arena, "%d", c->year_from)
		       : arena_printf(&r->arena, "%d–%d", c->year_from, c->year_to);
}

static const char *fig_text(struct req *r, const struct indicator_figure *f)
{
	if (!f->has_value)
		return "";
	if (f->value == floor(f->value) && fabs(f->value) < 1e15)
		return arena_printf(&r->arena, "%.0f", f->value);
	return arena_printf(&r->arena, "%.2f", f->value);
}

/* ---- downloads ---- */

/* The ASCII stand-in of a file name (as web/export.c). */
static const char *ascii_name(struct req *r, const char *name)
{
	const char *dot = strrchr(name, '.');
	char *stem = xstrndup(name, dot ? (size_t)(dot - name) : strlen(name));
	char *folded = text_fold(stem);
	free(stem);
	for (char *p = folded; *p; p++)
		if (*p == ' ')
			*p = '-';
	const char *out =
		arena_printf(&r->arena, "%s%s", *folded ? folded : "bao-cao", dot ? dot : "");
	free(folded);
	return out;
}

static const char *ext_value(struct req *r, const char *name)
{
	struct buf b;
	buf_init(&b, 4096);
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *out = arena_strdup(&r->arena, b.data);
	buf_release(&b);
	return out;
}

static void send_file(struct req *r, int rc, const struct kh_error *err, const char *format,
		      char *bytes, size_t len, const char *name)
{
	if (rc) {
		resp_error(r, err);
		return;
	}
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				 ascii_name(r, name), ext_value(r, name)));
	resp_header(r, "Cache-Control", "private, no-store");
	resp_body(
		r, 200,
		strcmp(format, "pdf") == 0
			? "application/pdf"
			: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
		bytes, len);
	free(bytes);
}

static void report_export(struct req *r, const char *format)
{
	struct kh_error err;
	char *bytes = NULL;
	size_t len = 0;
	const char *name = NULL;
	int rc = app_report_export(&r->ctx, r->ids[0], format, &bytes, &len, &name, &err);
	send_file(r, rc, &err, format ? format : "", bytes, len, name);
}

static void letter_export(struct req *r, const char *format)
{
	struct kh_error err;
	char *bytes = NULL;
	size_t len = 0;
	const char *name = NULL;
	int rc = app_report_letter(&r->ctx, r->ids[0], format, &bytes, &len, &name, &err);
	send_file(r, rc, &err, format ? format : "", bytes, len, name);
}

static void report_docx(struct req *r)
{
	report_export(r, "docx");
}

static void report_pdf(struct req *r)
{
	report_export(r, "pdf");
}

static void letter_docx(struct req *r)
{
	letter_export(r, "docx");
}

static void letter_pdf(struct req *r)
{
	letter_export(r, "pdf");
}

static void api_report_export(struct req *r)
{
	report_export(r, req_param(r, "format"));
}

static void api_letter(struct req *r)
{
	letter_export(r, req_param(r, "format"));
}

/* ---- inputs ---- */

/* One section per non-empty line. */
static void split_lines(struct req *r, const char *text, const char ***out, int *n)
{
	int cap = 1;
	for (const char *p = text; *p; p++)
		cap += *p == '\n';
	const char **v = arena_alloc(&r->arena, sizeof(*v) * (size_t)cap);
	int k = 0;
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		const char *s = p, *t = p + len;
		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		while (t > s && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		if (t > s && k < cap)
			v[k++] = arena_memdup0(&r->arena, s, (size_t)(t - s));
		p += len;
		if (*p)
			p++;
	}
	*out = v;
	*n = k;
}

/* "1, 2 3" → ids. */
static int parse_ids(struct req *r, const char *text, int64_t **out, int *n, struct kh_error *err)
{
	int64_t *v = arena_alloc(&r->arena, sizeof(*v) * (strlen(text) / 2 + 1));
	int k = 0;
	const char *p = text;
	while (*p) {
		while (*p == ' ' || *p == ',' || *p == ';')
			p++;
		if (!*p)
			break;
		size_t len = strspn(p, "0123456789");
		char tok[24];
		if (len == 0 || len >= sizeof(tok))
			return kh_fail(err, KH_EINVAL, "indicator_ids",
				       "Mã số chỉ tiêu là các số, cách nhau bởi dấu phẩy");
		memcpy(tok, p, len);
		tok[len] = 0;
		if (num_parse_i64(tok, 1, INT64_MAX, &v[k]) != 0)
			return kh_fail(err, KH_EINVAL, "indicator_ids",
				       "Mã số chỉ tiêu không hợp lệ");
		k++;
		p += len;
	}
	*out = v;
	*n = k;
	return 0;
}

#define DUE_LEVELS 4 /* levels 2..5 on the form */

static int form_campaign_input(struct req *r, struct report_campaign_input *in,
			       struct kh_error *err)
{
	memset(in, 0, sizeof(*in));
	in->org_id = req_param_int(r, "org_id", 0);
	in->kind = form_text(r, "kind");
	int64_t yf = req_param_int(r, "year_from", 0), yt = req_param_int(r, "year_to", 0);
	if (yf < 0 || yf > 9999 || yt < 0 || yt > 9999)
		return kh_fail(err, KH_EINVAL, "year_from", "Năm không hợp lệ");
	in->year_from = (int)yf;
	in->year_to = yt ? (int)yt : (int)yf;
	in->title = form_text(r, "title");
	in->number = form_text(r, "number");
	split_lines(r, form_text(r, "outline"), (const char ***)&in->outline, &in->n_outline);
	int64_t *ids = NULL;
	int rc = parse_ids(r, form_text(r, "indicator_ids"), &ids, &in->n_indicators, err);
	if (rc)
		return rc;
	in->indicator_ids = ids;
	int *levels = arena_alloc(&r->arena, sizeof(int) * DUE_LEVELS);
	int32_t *days = arena_alloc(&r->arena, sizeof(int32_t) * DUE_LEVELS);
	static const char *const NAMES[DUE_LEVELS] = {"due_2", "due_3", "due_4", "due_5"};
	for (int i = 0; i < DUE_LEVELS; i++) {
		int32_t d = req_param_date(r, NAMES[i], 0);
		if (d) {
			levels[in->n_due] = i + 2;
			days[in->n_due++] = d;
		}
	}
	in->due_levels = levels;
	in->due_days = days;
	in->conference_from = req_param_date(r, "conference_from", 0);
	in->conference_to = req_param_date(r, "conference_to", 0);
	in->after_conference = form_text(r, "after_conference");
	return 0;
}

/* ---- the list ---- */

static void campaigns_table(struct req *r, const struct report_campaign *v, int n)
{
	if (n == 0) {
		html(r, "<p class=\"muted\">Chưa có đợt báo cáo nào.</p>");
		return;
	}
	html(r, "<table class=\"report-campaigns\"><thead><tr><th>Đợt báo cáo</th><th>Loại</th>"
		"<th>Kỳ</th><th>Cấp mở đợt</th><th>Đã gửi</th><th>Chưa nộp (quá hạn)</th>"
		"<th>Trạng thái</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		html(r,
		     "<tr><td><a href=\"/report-campaigns/%D\">%s</a></td><td>%s</td><td>%s</td>"
		     "<td>%s</td><td>%d/%d</td><td>%d</td><td>%s</td></tr>",
		     v[i].row.id, v[i].row.title, v[i].kind_label, years_text(r, &v[i].row),
		     v[i].row.org_name, v[i].counts.on_time + v[i].counts.late, v[i].counts.total,
		     v[i].counts.missing,
		     strcmp(v[i].row.status, "open") == 0 ? "Đang mở" : "Đã đóng");
	html(r, "</tbody></table>");
}

static void list_page(struct req *r)
{
	struct kh_error err;
	struct report_campaign *v;
	int n;
	if (app_report_campaign_list(&r->ctx, req_param_int(r, "org_id", 0), &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Báo cáo");
	html(r, "<h1>Báo cáo định kỳ, sơ kết, tổng kết</h1>");
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (app_manages_any(&r->ctx) || r->ctx.actor->n_act_orgs > 0)
		html(r, "<p><a class=\"button primary\" href=\"/report-campaigns/new\">Mở đợt báo"
			" cáo</a></p>");
	campaigns_table(r, v, n);
	page_end(r);
	resp_html(r, 200);
}

/* ---- opening ---- */

static void org_options(struct req *r, int64_t selected)
{
	struct kh_error err;
	const struct actor *a = r->ctx.actor;
	if (app_scope_load(&r->ctx, &err) != 0)
		return;
	int64_t *seen = arena_alloc(&r->arena, sizeof(*seen) * (size_t)(2 * a->n_act_orgs + 1));
	int n_seen = 0;
	for (int i = 0; i < a->n_act_orgs; i++) {
		struct org o, parent;
		if (app_org_get(&r->ctx, a->act_orgs[i], 0, &o, &err) != 0)
			continue;
		const struct org *c = &o;
		if (o.kind == ORG_OFFICE && o.parent_id &&
		    app_org_get(&r->ctx, o.parent_id, 0, &parent, &err) == 0)
			c = &parent;
		if (c->kind != ORG_COMMITTEE)
			continue;
		bool dup = false;
		for (int k = 0; k < n_seen; k++)
			dup = dup || seen[k] == c->id;
		if (dup)
			continue;
		seen[n_seen++] = c->id;
		html(r, "<option value=\"%D\"%r>%s</option>", c->id,
		     c->id == selected ? " selected" : "", c->name);
	}
}

static void new_form(struct req *r, int status, const struct kh_error *e)
{
	page_begin(r, "Mở đợt báo cáo");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/report-campaigns\">Báo cáo"
	     "</a> › <span aria-current=\"page\">Mở đợt báo cáo</span></nav><h1>Mở đợt báo cáo</h1>");
	if (e)
		html_error_box(r, e);
	int64_t org = req_param_int(r, "org_id", 0);
	html(r, "<form method=\"post\" action=\"/report-campaigns\" class=\"stacked\">");
	html_csrf_field(r);
	html(r, "<label>Cấp ủy mở đợt <select name=\"org_id\">");
	org_options(r, org);
	html(r, "</select></label>");
	if (app_sees_all(&r->ctx))
		html(r, "<label>Hoặc mã số tổ chức <input type=\"number\" min=\"1\" name=\"org_id\""
			" value=\"\"></label>");
	const char *kind = form_text(r, "kind");
	static const char *const KINDS[] = {"half_year", "annual", "mid_term", "final"};
	html(r, "<label>Loại báo cáo <select name=\"kind\">");
	for (size_t i = 0; i < KH_ARRAY_LEN(KINDS); i++)
		html(r, "<option value=\"%s\"%r>%s</option>", KINDS[i],
		     strcmp(kind, KINDS[i]) == 0 ? " selected" : "",
		     app_report_kind_label(KINDS[i]));
	int y, m, d;
	date_to_ymd(r->ctx.today, &y, &m, &d);
	const char *yf = *form_text(r, "year_from") ? form_text(r, "year_from")
						    : arena_printf(&r->arena, "%d", y);
	html(r,
	     "</select></label><label>Từ năm <input type=\"number\" name=\"year_from\" min=\"1990\""
	     " max=\"2100\" required value=\"%s\"></label><label>Đến năm <input type=\"number\""
	     " name=\"year_to\" min=\"1990\" max=\"2100\" value=\"%s\"></label>"
	     "<label>Tiêu đề <input name=\"title\" value=\"%s\" placeholder=\"Để trống: theo loại và"
	     " kỳ báo cáo\"></label><label>Số công văn <input name=\"number\" value=\"%s\""
	     " placeholder=\"15-CV/TU\"></label>"
	     "<label>Đề cương (mỗi dòng một phần; để trống: đề cương mặc định)"
	     "<textarea name=\"outline\" rows=\"6\">%s</textarea></label>"
	     "<label>Chỉ tiêu của phụ lục (mã số, cách nhau bởi dấu phẩy) <input"
	     " name=\"indicator_ids\" value=\"%s\"></label>"
	     "<fieldset><legend>Hạn gửi báo cáo theo cấp (chỉ các cấp có hạn phải báo cáo)"
	     "</legend>",
	     yf, form_text(r, "year_to"), form_text(r, "title"), form_text(r, "number"),
	     form_text(r, "outline"), form_text(r, "indicator_ids"));
	static const char *const DUE[] = {"due_2", "due_3", "due_4", "due_5"};
	for (int i = 0; i < DUE_LEVELS; i++)
		html(r, "<label>%s <input type=\"date\" name=\"%s\" value=\"%s\"></label>",
		     org_level_label(i + 2), DUE[i], form_text(r, DUE[i]));
	html(r,
	     "</fieldset><label>Hội nghị từ ngày <input type=\"date\" name=\"conference_from\""
	     " value=\"%s\"></label><label>đến ngày <input type=\"date\" name=\"conference_to\""
	     " value=\"%s\"></label><label>Hồ sơ gửi sau hội nghị <input name=\"after_conference\""
	     " value=\"%s\" placeholder=\"Báo cáo đã thông qua, nghị quyết về nhiệm vụ nửa nhiệm kỳ"
	     " còn lại\"></label><button type=\"submit\" class=\"primary\">Mở đợt báo cáo</button>"
	     "</form>",
	     form_text(r, "conference_from"), form_text(r, "conference_to"),
	     form_text(r, "after_conference"));
	page_end(r);
	resp_html(r, status);
}

static void new_page(struct req *r)
{
	new_form(r, 200, NULL);
}

static void form_open(struct req *r)
{
	struct kh_error err;
	struct report_campaign_input in;
	int64_t id = 0;
	int rc = form_campaign_input(r, &in, &err);
	if (!rc)
		rc = app_report_campaign_open(&r->ctx, &in, &id, &err);
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/report-campaigns/%lld?notice=opened",
					      (long long)id));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_EFORBIDDEN) {
		new_form(r, http_status_for(rc), &err);
		return;
	}
	resp_error(r, &err);
}

/* ---- the status page ---- */

static void counts_html(struct req *r, int64_t id, const struct report_counts *k)
{
	struct {
		const char *state, *label;
		int n;
	} boxes[] = {
		{"", "Tổng số đơn vị", k->total},
		{"on_time", "Đúng hạn", k->on_time},
		{"late", "Muộn", k->late},
		{"missing", "Chưa nộp (quá hạn)", k->missing},
		{"returned", "Trả lại", k->returned},
		{"pending", "Chưa đến hạn", k->pending},
	};
	html(r, "<ul class=\"counts report-counts\">");
	for (size_t i = 0; i < KH_ARRAY_LEN(boxes); i++)
		html(r,
		     "<li data-state=\"%s\"><a href=\"/report-campaigns/%D%r%s\"><strong>%d</strong>"
		     " %s</a></li>",
		     *boxes[i].state ? boxes[i].state : "total", id,
		     *boxes[i].state ? "?state=" : "", boxes[i].state, boxes[i].n, boxes[i].label);
	html(r, "</ul><p>Đã chấp nhận: %d · đang chờ xem xét: %d.</p>", k->accepted, k->submitted);
}

static void campaign_facts(struct req *r, const struct report_campaign *c)
{
	html(r,
	     "<dl class=\"facts\"><dt>Cấp mở đợt</dt><dd>%s</dd><dt>Loại</dt><dd>%s</dd>"
	     "<dt>Kỳ báo cáo</dt><dd>%s</dd>",
	     c->row.org_name, c->kind_label, years_text(r, &c->row));
	if (*c->row.number)
		html(r, "<dt>Số công văn</dt><dd>%s</dd>", c->row.number);
	html(r, "<dt>Hạn gửi</dt><dd><ul>");
	for (int i = 0; i < c->n_due; i++)
		html(r, "<li>%s: chậm nhất ngày %s</li>", c->due[i].level_label,
		     day_text(r, c->due[i].due_day));
	html(r, "</ul></dd>");
	if (c->row.conference_from)
		html(r, "<dt>Hội nghị</dt><dd>từ %s đến %s</dd>",
		     day_text(r, c->row.conference_from), day_text(r, c->row.conference_to));
	if (*c->row.after_conference)
		html(r, "<dt>Sau hội nghị gửi</dt><dd>%s</dd>", c->row.after_conference);
	html(r, "<dt>Trạng thái</dt><dd>%s</dd></dl><h2>Đề cương</h2><ol class=\"outline\">",
	     strcmp(c->row.status, "open") == 0 ? "Đang mở" : "Đã đóng");
	for (int i = 0; i < c->n_outline; i++)
		html(r, "<li>%s</li>", c->outline[i]);
	html(r, "</ol>");
}

static void campaign_page(struct req *r)
{
	struct kh_error err;
	struct report_campaign_status st;
	if (app_report_campaign_status(&r->ctx, r->ids[0], &st, &err)) {
		resp_error(r, &err);
		return;
	}
	const char *state = req_param(r, "state");
	page_begin(r, st.c.row.title);
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/report-campaigns\">Báo cáo"
	     "</a> › <span aria-current=\"page\">%s</span></nav><h1>%s</h1>",
	     st.c.row.title, st.c.row.title);
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	campaign_facts(r, &st.c);
	html(r,
	     "<p><a href=\"/report-campaigns/%D/letter.docx\">Công văn mở đợt (Word)</a> · <a"
	     " href=\"/report-campaigns/%D/letter.pdf\">Công văn mở đợt (PDF)</a></p>",
	     st.c.row.id, st.c.row.id);
	html(r, "<h2>Tình hình gửi báo cáo</h2>");
	counts_html(r, st.c.row.id, &st.counts);
	if (st.own_report_id && st.c.can_manage)
		html(r,
		     "<p><a class=\"button primary\" href=\"/reports/%D\">Báo cáo tổng hợp của %s</a>"
		     "</p>",
		     st.own_report_id, st.c.row.org_name);
	if (state)
		html(r,
		     "<p>Đang lọc: <strong>%s</strong> — <a href=\"/report-campaigns/%D\">xem tất"
		     " cả</a></p>",
		     state, st.c.row.id);
	html(r, "<table class=\"reports\"><thead><tr><th>Đơn vị</th><th>Cấp</th><th>Hạn</th>"
		"<th>Ngày gửi</th><th>Trạng thái</th><th>Tình hình</th></tr></thead><tbody>");
	int shown = 0;
	for (int i = 0; i < st.n_rows; i++) {
		const struct report *x = &st.rows[i];
		if (x->own)
			continue;
		if (state && strcmp(state, report_timeliness_name(x->timeliness)) != 0)
			continue;
		shown++;
		html(r,
		     "<tr data-org=\"%D\" data-state=\"%s\"><td><a href=\"/reports/%D\">%s</a></td>"
		     "<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"state-%s\">%s</td></tr>",
		     x->row.org_id, report_timeliness_name(x->timeliness), x->row.id,
		     x->row.org_name, org_level_label(x->row.org_level),
		     day_text(r, x->row.due_day), day_text(r, x->row.submitted_day),
		     report_status_label(x->row.status), report_timeliness_name(x->timeliness),
		     report_timeliness_label(x->timeliness));
	}
	html(r, "</tbody></table>");
	if (!shown)
		html(r, "<p class=\"muted\">Không có đơn vị nào.</p>");
	if (st.c.can_manage) {
		bool open = strcmp(st.c.row.status, "open") == 0;
		html(r, "<form method=\"post\" action=\"/report-campaigns/%D/close\">",
		     st.c.row.id);
		html_csrf_field(r);
		html(r,
		     "<input type=\"hidden\" name=\"closed\" value=\"%s\"><button type=\"submit\">%s"
		     "</button></form>",
		     open ? "1" : "0", open ? "Đóng đợt báo cáo" : "Mở lại đợt báo cáo");
	}
	page_end(r);
	resp_html(r, 200);
}

static void form_close(struct req *r)
{
	struct kh_error err;
	bool closed = req_param_bool(r, "closed");
	if (app_report_campaign_close(&r->ctx, r->ids[0], closed, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r,
		      arena_printf(&r->arena, "/report-campaigns/%lld?notice=%s",
				   (long long)r->ids[0], closed ? "closed" : "reopened_campaign"));
}

/* ---- the report ---- */

static void appendix_html(struct req *r, const struct report_view *v)
{
	const struct indicator_table *t = &v->appendix;
	bool enter = v->can_edit && t->can_enter;
	html(r, "<section id=\"appendix\"><h2>Phụ lục: số liệu các chỉ tiêu</h2>");
	if (enter) {
		html(r, "<form method=\"post\" action=\"/reports/%D/figures\">", v->r.row.id);
		html_csrf_field(r);
	}
	html(r,
	     "<table class=\"appendix\"><thead><tr><th>TT</th><th>Chỉ tiêu</th><th>Đơn vị tính</th>"
	     "<th>Mục tiêu</th><th>%s</th><th>So với mục tiêu</th><th>Đánh giá</th>"
	     "<th>Cách tính</th></tr></thead><tbody>",
	     strcmp(v->figure_period, "h1") == 0
		     ? arena_printf(&r->arena, "Thực hiện 6 tháng %d", v->figure_year)
	     : strcmp(v->figure_period, "estimate") == 0
		     ? arena_printf(&r->arena, "Ước thực hiện năm %d", v->figure_year)
		     : arena_printf(&r->arena, "Thực hiện năm %d", v->figure_year));
	for (int i = 0; i < t->n_rows; i++) {
		const struct indicator_row *row = &t->rows[i];
		const struct indicator_figure *target =
			row->year_target.has_value ? &row->year_target : &row->term_target;
		const struct indicator_figure *act = strcmp(v->figure_period, "h1") == 0 ? &row->h1
						     : strcmp(v->figure_period, "estimate") == 0
							     ? &row->estimate
							     : &row->actual;
		html(r,
		     "<tr data-indicator=\"%D\"><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>",
		     row->ind.id, i + 1, row->ind.name, row->ind.unit, fig_text(r, target));
		if (enter && !act->locked)
			html(r,
			     "<input type=\"hidden\" name=\"indicator_id\" value=\"%D\"><input"
			     " name=\"value\" inputmode=\"decimal\" size=\"8\" value=\"%s\""
			     " aria-label=\"%s\">",
			     row->ind.id,
			     act->has_entered
				     ? fig_text(r,
						&(struct indicator_figure){.has_value = true,
									   .value = act->entered})
				     : "",
			     row->ind.name);
		html(r, "%s%s</td><td>", enter && !act->locked && act->derived ? " tổng hợp: " : "",
		     enter && !act->locked && !act->derived ? "" : fig_text(r, act));
		if (act->has_value && target->has_value && target->value != 0)
			html(r, "%s%%",
			     arena_printf(&r->arena, "%.1f", act->value / target->value * 100.0));
		html(r, "</td><td>%s</td><td class=\"muted\">%s%s</td></tr>",
		     row->cmp.verdict_label ? row->cmp.verdict_label : "",
		     act->derivation ? act->derivation : "", act->locked ? " (đã khóa)" : "");
	}
	html(r, "</tbody></table>");
	if (enter)
		html(r, "<button type=\"submit\">Lưu số liệu</button></form>");
	html(r, "</section>");
}

static void breakdown_html(struct req *r, const struct report_view *v)
{
	html(r, "<section id=\"breakdown\"><h2>Số liệu theo đơn vị trực thuộc</h2>");
	for (int i = 0; i < v->n_breakdown; i++) {
		const struct indicator_children *c = &v->breakdown[i].children;
		html(r,
		     "<h3>%s</h3><p class=\"muted\">%s</p><table class=\"breakdown\"><thead><tr>"
		     "<th>Đơn vị</th><th>Số liệu</th></tr></thead><tbody>",
		     c->ind.name, c->total.derivation ? c->total.derivation : "");
		for (int k = 0; k < c->n_rows; k++)
			html(r, "<tr><td>%s</td><td>%s</td></tr>", c->rows[k].org_name,
			     c->rows[k].fig.has_value ? fig_text(r, &c->rows[k].fig)
						      : "Chưa có số liệu");
		html(r, "<tr class=\"total\"><th>Tổng hợp</th><th>%s</th></tr></tbody></table>",
		     fig_text(r, &c->total));
	}
	html(r, "</section>");
}

static void late_html(struct req *r, const struct report_view *v)
{
	html(r,
	     "<section id=\"late\"><h2>Đơn vị gửi muộn, chưa gửi, bị trả lại</h2><p>Tổng số %d đơn"
	     " vị: đúng hạn %d, muộn %d, chưa nộp (quá hạn) %d, trả lại %d, chưa đến hạn %d.</p>",
	     v->counts.total, v->counts.on_time, v->counts.late, v->counts.missing,
	     v->counts.returned, v->counts.pending);
	if (v->n_late == 0) {
		html(r, "<p class=\"muted\">Không có.</p></section>");
		return;
	}
	html(r, "<ul class=\"late\">");
	for (int i = 0; i < v->n_late; i++)
		html(r, "<li><a href=\"/reports/%D\">%s</a>: %s (hạn %s)</li>", v->late[i].row.id,
		     v->late[i].row.org_name, report_timeliness_label(v->late[i].timeliness),
		     day_text(r, v->late[i].row.due_day));
	html(r, "</ul></section>");
}

static void action_form(struct req *r, int64_t id, const char *action, const char *label,
			const char *reason_label, bool reason_required)
{
	html(r, "<form method=\"post\" action=\"/reports/%D/%s\" class=\"stacked\">", id, action);
	html_csrf_field(r);
	if (reason_label)
		html(r, "<label>%s <textarea name=\"reason\" rows=\"2\"%r></textarea></label>",
		     reason_label, reason_required ? " required" : "");
	html(r, "<button type=\"submit\">%s</button></form>", label);
}

static void filings_html(struct req *r, const struct report_view *v)
{
	html(r, "<section id=\"filings\"><h2>Hồ sơ sau hội nghị</h2>");
	if (*v->c.row.after_conference)
		html(r, "<p>Cần gửi: %s.</p>", v->c.row.after_conference);
	if (v->n_filings == 0)
		html(r, "<p class=\"muted\">Chưa nộp hồ sơ nào.</p>");
	else {
		html(r, "<ul>");
		for (int i = 0; i < v->n_filings; i++) {
			const struct report_filing_row *f = &v->filings[i];
			const char *label = strcmp(f->kind, "resolution") == 0
						    ? "Nghị quyết"
						    : "Báo cáo đã thông qua";
			if (*f->sha256)
				html(r,
				     "<li>%s: <a href=\"/reports/%D/filing?filing_id=%D\">%s</a>"
				     "</li>",
				     label, v->r.row.id, f->id, f->name);
			else
				html(r, "<li>%s: <a href=\"/documents/%D\">%s</a> %s</li>", label,
				     f->document_id,
				     *f->document_number ? f->document_number : "văn bản", f->name);
		}
		html(r, "</ul>");
	}
	if (v->can_file) {
		html(r,
		     "<form method=\"post\" action=\"/reports/%D/file\" class=\"inline\""
		     " enctype=\"multipart/form-data\">",
		     v->r.row.id);
		html_csrf_field(r);
		html(r,
		     "<label>Loại <select name=\"kind\"><option value=\"adopted_report\">Báo cáo đã"
		     " thông qua</option><option value=\"resolution\">Nghị quyết</option></select>"
		     "</label><label>Mã số văn bản trong sổ <input type=\"number\" min=\"1\""
		     " name=\"document_id\"></label><label>hoặc tệp (PDF, Word, ảnh) <input"
		     " type=\"file\" name=\"file\"></label><label>Ghi chú <input name=\"name\">"
		     "</label><button type=\"submit\">Nộp hồ sơ</button></form>");
	}
	html(r, "</section>");
}

static void render_report(struct req *r, int64_t id, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct report_view v;
	if (app_report_get(&r->ctx, id, &v, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct report_row *x = &v.r.row;
	const char *title = arena_printf(&r->arena, "Báo cáo của %s", x->org_name);
	page_begin(r, title);
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/report-campaigns\">Báo cáo"
	     "</a> › <a href=\"/report-campaigns/%D\">%s</a> › <span aria-current=\"page\">%s"
	     "</span></nav><h1>%s</h1><p class=\"subtitle\">%s</p>",
	     v.c.row.id, v.c.row.title, x->org_name, v.r.own ? "Báo cáo tổng hợp" : title,
	     v.c.row.title);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	if (strcmp(x->status, "returned") == 0 && *x->returned_reason)
		html_notice(r, "info",
			    arena_printf(&r->arena, "Cấp trên trả lại: %s", x->returned_reason));
	html(r,
	     "<dl class=\"facts\"><dt>Đơn vị</dt><dd>%s</dd><dt>Hạn gửi</dt><dd>%s</dd>"
	     "<dt>Trạng thái</dt><dd class=\"report-status\">%s</dd>",
	     x->org_name, day_text(r, x->due_day), report_status_label(x->status));
	if (!v.r.own)
		html(r, "<dt>Tình hình</dt><dd class=\"report-timeliness\">%s</dd>",
		     report_timeliness_label(v.r.timeliness));
	if (x->submitted_day)
		html(r, "<dt>Ngày gửi</dt><dd>%s</dd>", day_text(r, x->submitted_day));
	html(r,
	     "</dl><p><a href=\"/reports/%D/export.docx\">Tải về Word (DOCX)</a> · <a"
	     " href=\"/reports/%D/export.pdf\">Tải về PDF</a></p>",
	     x->id, x->id);
	html(r,
	     "<section><h2>Tiến độ thực hiện kế hoạch</h2><p class=\"progress\">%s</p></section>",
	     v.progress_text);

	if (v.can_edit) {
		html(r,
		     "<form method=\"post\" action=\"/reports/%D\" class=\"stacked report-editor\">",
		     x->id);
		html_csrf_field(r);
		html(r,
		     "<label>Số báo cáo <input name=\"number\" value=\"%s\" placeholder=\"05-BC/ĐU\">"
		     "</label>",
		     x->number);
		if (v.prefilled)
			html(r,
			     "<p class=\"muted\">Phần đầu đã được điền sẵn theo tiến độ kế hoạch;"
			     " hãy sửa, bổ sung rồi lưu.</p>");
		for (int i = 0; i < v.n_sections; i++)
			html(r,
			     "<label><span class=\"section-title\">%s</span><textarea name=\"section\""
			     " rows=\"6\">%s</textarea></label>",
			     v.c.outline[i], v.sections[i]);
		html(r, "<button type=\"submit\">Lưu báo cáo</button></form>");
	} else {
		html(r, "<article class=\"report-body\">");
		for (int i = 0; i < v.n_sections; i++)
			html(r, "<h2>%s</h2><p class=\"prose\">%s</p>", v.c.outline[i],
			     v.sections[i]);
		html(r, "</article>");
	}
	if (v.has_appendix)
		appendix_html(r, &v);
	if (v.r.own) {
		breakdown_html(r, &v);
		late_html(r, &v);
	}
	html(r, "<section class=\"actions\">");
	if (v.can_submit)
		action_form(r, x->id, "submit", "Gửi báo cáo", NULL, false);
	if (v.can_decide) {
		action_form(r, x->id, "accept", "Chấp nhận báo cáo", NULL, false);
		action_form(r, x->id, "return", "Trả lại báo cáo", "Lý do trả lại", true);
	}
	if (v.can_reopen)
		action_form(r, x->id, "reopen", "Mở lại báo cáo", "Lý do mở lại", false);
	html(r, "</section>");
	filings_html(r, &v);
	page_end(r);
	resp_html(r, status);
}

static void report_page(struct req *r)
{
	render_report(r, r->ids[0], 200, NULL);
}

static void report_form_done(struct req *r, int rc, const struct kh_error *err, const char *notice)
{
	if (rc == 0) {
		resp_redirect(r, arena_printf(&r->arena, "/reports/%lld?notice=%s",
					      (long long)r->ids[0], notice));
		return;
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT) {
		render_report(r, r->ids[0], http_status_for(rc), err);
		return;
	}
	resp_error(r, err);
}

static void form_save(struct req *r)
{
	struct kh_error err;
	const char **sections;
	int n = req_param_all(r, "section", &sections);
	int rc = app_report_save(&r->ctx, r->ids[0], form_text(r, "number"), n ? sections : NULL, n,
				 &err);
	report_form_done(r, rc, &err, "saved");
}

static int parse_value(const char *s, double *out)
{
	char buf[64];
	size_t n = strlen(s);
	if (n == 0 || n >= sizeof(buf))
		return -1;
	for (size_t i = 0; i <= n; i++)
		buf[i] = s[i] == ',' ? '.' : s[i];
	char *end;
	*out = strtod(buf, &end);
	return *end == 0 && isfinite(*out) ? 0 : -1;
}

static void form_figures(struct req *r)
{
	struct kh_error err;
	struct report_view v;
	const char **ids, **values;
	int rc = app_report_get(&r->ctx, r->ids[0], &v, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	int n = req_param_all(r, "indicator_id", &ids);
	int nv = req_param_all(r, "value", &values);
	if (n != nv) {
		rc = kh_fail(&err, KH_EINVAL, "value", "Số liệu gửi lên không khớp với chỉ tiêu");
		report_form_done(r, rc, &err, "figures");
		return;
	}
	if (!v.can_edit &&
	    (strcmp(v.r.row.status, "submitted") == 0 || strcmp(v.r.row.status, "accepted") == 0)) {
		rc = kh_fail(&err, KH_ECONFLICT, NULL,
			     "Báo cáo đã gửi hoặc đã được chấp nhận, không sửa số liệu được");
		report_form_done(r, rc, &err, "figures");
		return;
	}
	struct indicator_value_input *in = arena_alloc(&r->arena, sizeof(*in) * (size_t)(n + 1));
	int k = 0;
	for (int i = 0; i < n; i++) {
		int64_t ind;
		if (num_parse_i64(ids[i], 1, INT64_MAX, &ind) != 0) {
			rc = kh_fail(&err, KH_EINVAL, "indicator_id", "Chỉ tiêu không hợp lệ");
			break;
		}
		memset(&in[k], 0, sizeof(in[k]));
		in[k].indicator_id = ind;
		in[k].org_id = v.r.row.org_id;
		in[k].period = v.figure_period;
		in[k].year = v.figure_year;
		if (!*values[i]) {
			in[k].clear = true;
		} else if (parse_value(values[i], &in[k].value) != 0) {
			rc = kh_fail(&err, KH_EINVAL, "value", "Số liệu «%s» không phải là số",
				     values[i]);
			break;
		}
		k++;
	}
	if (!rc && k)
		rc = app_indicator_set_values(&r->ctx, in, k, NULL, &err);
	report_form_done(r, rc, &err, "figures");
}

static void form_submit(struct req *r)
{
	struct kh_error err;
	int rc = app_report_submit(&r->ctx, r->ids[0], &err);
	report_form_done(r, rc, &err, "submitted");
}

static void form_accept(struct req *r)
{
	struct kh_error err;
	int rc = app_report_accept(&r->ctx, r->ids[0], &err);
	report_form_done(r, rc, &err, "accepted");
}

static void form_return(struct req *r)
{
	struct kh_error err;
	int rc = app_report_return(&r->ctx, r->ids[0], form_text(r, "reason"), &err);
	report_form_done(r, rc, &err, "returned");
}

static void form_reopen(struct req *r)
{
	struct kh_error err;
	int rc = app_report_reopen(&r->ctx, r->ids[0], form_text(r, "reason"), &err);
	report_form_done(r, rc, &err, "reopened");
}

static void form_file(struct req *r)
{
	struct kh_error err;
	const struct kv *file = req_file(r, "file");
	int rc = file && file->len > 0
			 ? app_report_file_upload(&r->ctx, r->ids[0], form_text(r, "kind"),
						  file->filename, file->value, file->len, &err)
			 : app_report_file(&r->ctx, r->ids[0], form_text(r, "kind"),
					   req_param_int(r, "document_id", 0), form_text(r, "name"),
					   &err);
	report_form_done(r, rc, &err, "filed");
}

/* An uploaded filing, as an attachment. */
static void filing_download(struct req *r)
{
	struct kh_error err;
	struct report_filing_row f;
	const char *mime, *path;
	int64_t size;
	if (app_report_filing_file(&r->ctx, r->ids[0], req_param_int(r, "filing_id", 0), &f, &mime,
				   &size, &path, &err)) {
		resp_error(r, &err);
		return;
	}
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		resp_fail(r, KH_ENOTFOUND, "Không tìm thấy tệp trên máy chủ");
		return;
	}
	size_t cap = size > 0 ? (size_t)size : 1;
	char *data = xmalloc(cap);
	size_t n = fread(data, 1, cap, fp);
	fclose(fp);
	if ((int64_t)n != size) {
		free(data);
		resp_fail(r, KH_EIO, "Tệp trên máy chủ không còn nguyên vẹn");
		return;
	}
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				 ascii_name(r, f.name), ext_value(r, f.name)));
	resp_header(r, "Cache-Control", "private, no-store");
	resp_header(r, "X-Content-Type-Options", "nosniff");
	resp_body(r, 200, mime, data, n);
	free(data);
}

/* ---- API ---- */

static void api_list(struct req *r)
{
	struct kh_error err;
	struct report_campaign *v;
	int n;
	if (app_report_campaign_list(&r->ctx, req_param_int(r, "org_id", 0), &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *c = app_report_campaign_json(&v[i]);
		json_object_set_new(c, "counts", app_report_counts_json(&v[i].counts));
		json_array_append_new(a, c);
	}
	resp_json(r, 200, json_pack("{s:o}", "campaigns", a));
}

static int json_day(struct req *r, json_t *v, const char *field, int32_t *out, struct kh_error *err)
{
	(void)r;
	*out = 0;
	if (!v || json_is_null(v))
		return 0;
	const char *s = json_string_value(v);
	if (!s || date_parse_iso(s, out) != 0)
		return kh_fail(err, KH_EINVAL, field, "Ngày phải viết dạng YYYY-MM-DD");
	return 0;
}

static int json_campaign_input(struct req *r, struct report_campaign_input *in,
			       struct kh_error *err)
{
	int64_t org = 0, yf = 0, yt = 0;
	int rc;
	memset(in, 0, sizeof(*in));
	in->kind = "";
	in->title = "";
	in->number = "";
	in->after_conference = "";
	if (!json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL, "Cần một đối tượng JSON");
	if ((rc = json_field_int(r, "org_id", true, 1, INT64_MAX, &org, err)) ||
	    (rc = json_field_text(r, "kind", true, false, &in->kind, err)) ||
	    (rc = json_field_int(r, "year_from", true, 1990, 2100, &yf, err)) ||
	    (rc = json_field_int(r, "year_to", false, 1990, 2100, &yt, err)) ||
	    (rc = json_field_text(r, "title", false, false, &in->title, err)) ||
	    (rc = json_field_text(r, "number", false, false, &in->number, err)) ||
	    (rc = json_field_text(r, "after_conference", false, true, &in->after_conference, err)))
		return rc;
	in->org_id = org;
	in->year_from = (int)yf;
	in->year_to = yt ? (int)yt : (int)yf;
	json_t *outline = json_object_get(r->json, "outline");
	if (outline && !json_is_null(outline)) {
		if (!json_is_array(outline) || json_array_size(outline) > REPORT_SECTIONS_MAX)
			return kh_fail(err, KH_EINVAL, "outline", "Đề cương là một mảng tên phần");
		size_t n = json_array_size(outline);
		const char **v = arena_alloc(&r->arena, sizeof(*v) * (n + 1));
		for (size_t i = 0; i < n; i++) {
			v[i] = json_string_value(json_array_get(outline, i));
			if (!v[i])
				return kh_fail(err, KH_EINVAL, "outline", "Tên phần phải là chuỗi");
		}
		in->outline = v;
		in->n_outline = (int)n;
	}
	json_t *inds = json_object_get(r->json, "indicator_ids");
	if (inds && !json_is_null(inds)) {
		if (!json_is_array(inds) || json_array_size(inds) > 200)
			return kh_fail(err, KH_EINVAL, "indicator_ids",
				       "indicator_ids là một mảng mã số chỉ tiêu");
		size_t n = json_array_size(inds);
		int64_t *v = arena_alloc(&r->arena, sizeof(*v) * (n + 1));
		for (size_t i = 0; i < n; i++) {
			json_t *x = json_array_get(inds, i);
			if (!json_is_integer(x) || json_integer_value(x) <= 0)
				return kh_fail(err, KH_EINVAL, "indicator_ids",
					       "Mã số chỉ tiêu phải là số nguyên dương");
			v[i] = json_integer_value(x);
		}
		in->indicator_ids = v;
		in->n_indicators = (int)n;
	}
	json_t *due = json_object_get(r->json, "due");
	if (!json_is_array(due) || json_array_size(due) > 10)
		return kh_fail(err, KH_EINVAL, "due",
			       "due là một mảng {\"level\": cấp, \"due_day\": \"YYYY-MM-DD\"}");
	size_t n = json_array_size(due);
	int *levels = arena_alloc(&r->arena, sizeof(int) * (n + 1));
	int32_t *days = arena_alloc(&r->arena, sizeof(int32_t) * (n + 1));
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(due, i);
		json_t *lv = json_object_get(x, "level");
		if (!json_is_integer(lv) || json_integer_value(lv) < 0 ||
		    json_integer_value(lv) > 9)
			return kh_fail(err, KH_EINVAL, "due", "Cấp của hạn gửi không hợp lệ");
		levels[i] = (int)json_integer_value(lv);
		if ((rc = json_day(r, json_object_get(x, "due_day"), "due", &days[i], err)))
			return rc;
		if (!days[i])
			return kh_fail(err, KH_EINVAL, "due", "Cần ngày hạn gửi cho mỗi cấp");
	}
	in->due_levels = levels;
	in->due_days = days;
	in->n_due = (int)n;
	if ((rc = json_day(r, json_object_get(r->json, "conference_from"), "conference_from",
			   &in->conference_from, err)) ||
	    (rc = json_day(r, json_object_get(r->json, "conference_to"), "conference_to",
			   &in->conference_to, err)))
		return rc;
	return 0;
}

static void api_campaign_answer(struct req *r, int64_t id, int status)
{
	struct kh_error err;
	struct report_campaign_status st;
	if (app_report_campaign_status(&r->ctx, id, &st, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *j = app_report_campaign_json(&st.c);
	json_t *rows = json_array();
	for (int i = 0; i < st.n_rows; i++)
		json_array_append_new(rows, app_report_json(&st.rows[i]));
	json_object_set_new(j, "counts", app_report_counts_json(&st.counts));
	json_object_set_new(j, "reports", rows);
	json_object_set_new(j, "own_report_id", json_integer(st.own_report_id));
	resp_json(r, status, j);
}

static void api_open(struct req *r)
{
	struct kh_error err;
	struct report_campaign_input in;
	int64_t id;
	if (json_campaign_input(r, &in, &err) ||
	    app_report_campaign_open(&r->ctx, &in, &id, &err)) {
		resp_error(r, &err);
		return;
	}
	api_campaign_answer(r, id, 201);
}

static void api_campaign(struct req *r)
{
	api_campaign_answer(r, r->ids[0], 200);
}

static void api_close(struct req *r)
{
	struct kh_error err;
	bool closed = true;
	if (json_field_bool(r, "closed", false, &closed, &err) ||
	    app_report_campaign_close(&r->ctx, r->ids[0], closed, &err)) {
		resp_error(r, &err);
		return;
	}
	api_campaign_answer(r, r->ids[0], 200);
}

static void api_report_answer(struct req *r, int status)
{
	struct kh_error err;
	struct report_view v;
	if (app_report_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, status, app_report_view_json(&v));
}

static void api_report(struct req *r)
{
	api_report_answer(r, 200);
}

static void api_patch(struct req *r)
{
	struct kh_error err;
	const char *number = NULL;
	const char **sections = NULL;
	int n = 0;
	int rc = json_is_object(r->json) ? 0
					 : kh_fail(&err, KH_EINVAL, NULL, "Cần một đối tượng JSON");
	if (!rc)
		rc = json_field_text(r, "number", false, false, &number, &err);
	json_t *a = json_is_object(r->json) ? json_object_get(r->json, "sections") : NULL;
	if (!rc && a) {
		if (!json_is_array(a) || json_array_size(a) > REPORT_SECTIONS_MAX) {
			rc = kh_fail(&err, KH_EINVAL, "sections", "sections là một mảng chuỗi");
		} else {
			n = (int)json_array_size(a);
			sections = arena_alloc(&r->arena, sizeof(*sections) * (size_t)(n + 1));
			for (int i = 0; i < n && !rc; i++) {
				sections[i] = json_string_value(json_array_get(a, (size_t)i));
				if (!sections[i])
					rc = kh_fail(&err, KH_EINVAL, "sections",
						     "Nội dung phần báo cáo phải là chuỗi");
			}
		}
	}
	if (!rc && !number && !a)
		rc = kh_fail(&err, KH_EINVAL, NULL, "Cần number hoặc sections");
	if (!rc)
		rc = app_report_save(&r->ctx, r->ids[0], number, sections, n, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 200);
}

static void api_submit(struct req *r)
{
	struct kh_error err;
	if (app_report_submit(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 200);
}

static void api_accept(struct req *r)
{
	struct kh_error err;
	if (app_report_accept(&r->ctx, r->ids[0], &err)) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 200);
}

static void api_return(struct req *r)
{
	struct kh_error err;
	const char *reason = "";
	if ((r->json && json_field_text(r, "reason", false, true, &reason, &err)) ||
	    app_report_return(&r->ctx, r->ids[0], reason, &err)) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 200);
}

static void api_reopen(struct req *r)
{
	struct kh_error err;
	const char *reason = "";
	if ((r->json && json_field_text(r, "reason", false, true, &reason, &err)) ||
	    app_report_reopen(&r->ctx, r->ids[0], reason, &err)) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 200);
}

static void api_file(struct req *r)
{
	struct kh_error err;
	const char *kind = "", *name = "";
	int64_t doc = 0;
	if (!json_is_object(r->json)) {
		resp_fail(r, KH_EINVAL, "Cần một đối tượng JSON");
		return;
	}
	if (json_field_text(r, "kind", true, false, &kind, &err) ||
	    json_field_int(r, "document_id", true, 1, INT64_MAX, &doc, &err) ||
	    json_field_text(r, "name", false, false, &name, &err) ||
	    app_report_file(&r->ctx, r->ids[0], kind, doc, name, &err)) {
		resp_error(r, &err);
		return;
	}
	api_report_answer(r, 201);
}

#define CAMPAIGN_FORM                                                                 \
	{"org_id", P_ID}, {"kind", P_TEXT}, {"year_from", P_INT}, {"year_to", P_INT}, \
		{"title", P_TEXT}, {"number", P_TEXT}, {"outline", P_LONGTEXT},       \
		{"indicator_ids", P_TEXT}, {"due_2", P_DATE}, {"due_3", P_DATE},      \
		{"due_4", P_DATE}, {"due_5", P_DATE}, {"conference_from", P_DATE},    \
		{"conference_to", P_DATE},                                            \
	{                                                                             \
		"after_conference", P_LONGTEXT                                        \
	}

static const struct route routes[] = {
	{HTTP_GET, "/report-campaigns", list_page, 0, {{"org_id", P_ID}, {"notice", P_TEXT}}, NULL},
	{HTTP_GET, "/report-campaigns/new", new_page, 0, {CAMPAIGN_FORM}, NULL},
	{HTTP_POST, "/report-campaigns", form_open, 0, {CAMPAIGN_FORM}, NULL},
	{HTTP_GET,
	 "/report-campaigns/{id}",
	 campaign_page,
	 0,
	 {{"notice", P_TEXT}, {"state", P_TEXT}},
	 NULL},
	{HTTP_POST, "/report-campaigns/{id}/close", form_close, 0, {{"closed", P_BOOL}}, NULL},
	{HTTP_GET, "/report-campaigns/{id}/letter.docx", letter_docx, 0, {{0}}, NULL},
	{HTTP_GET, "/report-campaigns/{id}/letter.pdf", letter_pdf, 0, {{0}}, NULL},
	{HTTP_GET, "/reports/{id}", report_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/reports/{id}",
	 form_save,
	 0,
	 {{"number", P_TEXT}, {"section", P_LONGTEXT}},
	 NULL},
	{HTTP_POST,
	 "/reports/{id}/figures",
	 form_figures,
	 0,
	 {{"indicator_id", P_ID}, {"value", P_TEXT}},
	 NULL},
	{HTTP_POST, "/reports/{id}/submit", form_submit, 0, {{0}}, NULL},
	{HTTP_POST, "/reports/{id}/accept", form_accept, 0, {{0}}, NULL},
	{HTTP_POST, "/reports/{id}/return", form_return, 0, {{"reason", P_LONGTEXT}}, NULL},
	{HTTP_POST, "/reports/{id}/reopen", form_reopen, 0, {{"reason", P_LONGTEXT}}, NULL},
	{HTTP_POST,
	 "/reports/{id}/file",
	 form_file,
	 ROUTE_LARGE_BODY,
	 {{"kind", P_TEXT}, {"document_id", P_ID}, {"name", P_TEXT}, {"file", P_BINARY}},
	 NULL},
	{HTTP_GET, "/reports/{id}/filing", filing_download, 0, {{"filing_id", P_ID}}, NULL},
	{HTTP_GET, "/reports/{id}/export.docx", report_docx, 0, {{0}}, NULL},
	{HTTP_GET, "/reports/{id}/export.pdf", report_pdf, 0, {{0}}, NULL},

	{HTTP_GET, "/api/v1/report-campaigns", api_list, 0, {{"org_id", P_ID}}, NULL},
	{HTTP_POST, "/api/v1/report-campaigns", api_open, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/report-campaigns/{id}", api_campaign, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/report-campaigns/{id}/close", api_close, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/report-campaigns/{id}/letter",
	 api_letter,
	 0,
	 {{"format", P_TEXT}},
	 NULL},
	{HTTP_GET, "/api/v1/reports/{id}", api_report, 0, {{0}}, NULL},
	{HTTP_PATCH, "/api/v1/reports/{id}", api_patch, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/reports/{id}/submit", api_submit, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/reports/{id}/accept", api_accept, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/reports/{id}/return", api_return, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/reports/{id}/reopen", api_reopen, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/reports/{id}/filings", api_file, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/reports/{id}/export", api_report_export, 0, {{"format", P_TEXT}}, NULL},
};

struct route_list web_routes_report(void)
{
	return ROUTES(routes);
}
