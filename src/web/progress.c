/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Progress on the web (app/progress.h): the progress page of an item
 * (/items/{id}/progress: its state derived from the deadline, the form to
 * report progress with evidence files — the lead's report or a
 * coordinator's part —, the event of a conditional deadline, the orgs the
 * item is assigned to with their answers, the history of reports with
 * their files), the download of an evidence file, the page "Nhiệm vụ cấp
 * trên giao" of an org, and the timeline of a plan's items with their
 * deadline windows drawn as SVG on the server. The JSON API under
 * /api/v1/items/{id}/progress, /event, /evidence, /api/v1/orgs/{id}/assignments
 * and /api/v1/plans/{id}/progress mirrors them. Also the progress cell of
 * the plan page (web/progress_ui.h).
 */
#include "core/common.h"
#include "app/org.h"
#include "app/plan.h"
#include "app/progress.h"
#include "core/date.h"
#include "text/deadline.h"
#include "text/fold.h"
#include "web/progress_ui.h"
#include "web/routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- small pieces ---- */

static const char *badge_class(enum progress_derived d)
{
	switch (d) {
	case PROGRESS_OVERDUE:
	case PROGRESS_DONE_LATE:
		return "badge ended";
	case PROGRESS_DUE_SOON:
		return "badge key";
	default:
		return "badge";
	}
}

static void badge(struct req *r, const struct progress_derivation *d)
{
	html(r, "<span class=\"%s progress-state\" data-state=\"%s\">%s</span>",
	     badge_class(d->derived), progress_derived_name(d->derived),
	     progress_derived_label(d->derived));
}

static void percent_bar(struct req *r, int percent)
{
	html(r,
	     "<progress max=\"100\" value=\"%d\" aria-label=\"Tỷ lệ hoàn thành\">%d%%</progress>"
	     " %d%%",
	     percent, percent, percent);
}

void web_progress_cell(struct req *r, const struct plan_item *it,
		       const struct progress_derivation *d)
{
	html(r, "<div class=\"item-progress no-print\">");
	badge(r, d);
	html(r, " <span class=\"muted\">%s</span> ", progress_state_label(it->progress_state));
	percent_bar(r, it->progress_percent);
	html(r, " <a class=\"no-print\" href=\"/items/%D/progress\">Tiến độ</a></div>", it->id);
}

void web_progress_assigned(struct req *r, const struct plan_item *it, int assigned, int answered)
{
	if (!assigned)
		return;
	html(r,
	     "<div class=\"item-assigned no-print\"><a href=\"/items/%D/progress#assignments\">Giao"
	     " %d tổ chức</a>: %d đã có kế hoạch%r</div>",
	     it->id, assigned, answered,
	     answered < assigned
		     ? arena_printf(&r->arena, ", <span class=\"bad\">%d chưa có</span>",
				    assigned - answered)
		     : "");
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"reported", "Đã ghi báo cáo tiến độ."},
		{"event", "Đã ghi nhận sự kiện của thời hạn."},
		{"event_cleared", "Đã bỏ ngày xảy ra sự kiện."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

/* ---- the item's progress page ---- */

static void state_options(struct req *r, const char *selected)
{
	static const char *const states[] = {"not_started", "in_progress", "done", "stalled"};
	for (size_t i = 0; i < KH_ARRAY_LEN(states); i++)
		html(r, "<option value=\"%s\"%r>%s</option>", states[i],
		     selected && strcmp(selected, states[i]) == 0 ? " selected" : "",
		     progress_state_label(states[i]));
}

static const char *org_name_of(const struct progress_view *v, int64_t org)
{
	for (int i = 0; i < v->n_reports; i++)
		if (v->reports[i].org_id == org && *v->reports[i].org_name)
			return v->reports[i].org_name;
	return NULL;
}

static void report_form(struct req *r, const struct progress_view *v)
{
	const struct plan_item *it = &v->item;
	html(r,
	     "<section id=\"report\"><h2>Báo cáo tiến độ</h2><form class=\"stack\" method=\"post\""
	     " action=\"/items/%D/progress\" enctype=\"multipart/form-data\">",
	     it->id);
	html_csrf_field(r);
	if (v->rights.n_part_orgs || !v->rights.lead) {
		html(r, "<label>Báo cáo cho <select name=\"org_id\">");
		if (v->rights.lead)
			html(r, "<option value=\"\">Đơn vị chủ trì (tiến độ chung)</option>");
		for (int i = 0; i < v->rights.n_part_orgs; i++) {
			const char *name = org_name_of(v, v->rights.part_orgs[i]);
			html(r, "<option value=\"%D\">Phần việc của đơn vị phối hợp %s</option>",
			     v->rights.part_orgs[i],
			     name ? name
				  : arena_printf(&r->arena, "số %lld",
						 (long long)v->rights.part_orgs[i]));
		}
		html(r, "</select></label>");
	}
	html(r, "<label>Trạng thái <select name=\"state\" required>");
	state_options(r, it->progress_state);
	html(r,
	     "</select></label><label>Tỷ lệ hoàn thành (%%) <input type=\"number\" name=\"percent\""
	     " min=\"0\" max=\"100\" value=\"%d\"></label>"
	     "<label>Ngày báo cáo <input type=\"date\" name=\"day\" value=\"%T\"></label>",
	     it->progress_percent, r->ctx.today);
	if (it->deadline_kind == DEADLINE_RECURRING && v->d.occurrence_end)
		html(r,
		     "<label>Kỳ (ngày cuối kỳ) <input type=\"date\" name=\"occurrence_end\""
		     " value=\"%T\"></label><p class=\"hint muted\">Nhiệm vụ định kỳ: báo cáo cho"
		     " từng kỳ; để nguyên là kỳ hiện tại.</p>",
		     v->d.occurrence_end);
	html(r,
	     "<label>Ghi chú <textarea name=\"note\" rows=\"3\" maxlength=\"5000\"></textarea>"
	     "</label><label>Tệp minh chứng <input type=\"file\" name=\"file\" multiple"
	     " accept=\".pdf,.docx,.xlsx,.jpg,.jpeg,.png,.txt\"></label>"
	     "<p class=\"hint muted\">PDF, Word (.docx), Excel (.xlsx), ảnh JPEG, PNG hoặc văn bản"
	     " thuần; mỗi tệp tối đa 20 MB.</p>"
	     "<p><button type=\"submit\" class=\"primary\">Ghi báo cáo</button></p></form>"
	     "</section>");
}

static void event_section(struct req *r, const struct progress_view *v, bool running)
{
	const struct plan_item *it = &v->item;
	html(r, "<section id=\"event\"><h2>Sự kiện của thời hạn</h2><p>Thời hạn tính từ khi");
	html(r, " sự kiện xảy ra%s.",
	     it->deadline_after_days
		     ? arena_printf(&r->arena, " (sau %d ngày)", it->deadline_after_days)
		     : "");
	if (it->event_day)
		html(r, " Sự kiện đã xảy ra ngày <strong>%t</strong>; hạn hoàn thành: %t.</p>",
		     it->event_day, v->d.due);
	else
		html(r, " Chưa ghi nhận sự kiện: chưa tính được hạn.</p>");
	if (!v->rights.lead || !running) {
		html(r, "</section>");
		return;
	}
	html(r, "<form class=\"inline\" method=\"post\" action=\"/items/%D/event\">", it->id);
	html_csrf_field(r);
	html(r,
	     "<label>Ngày xảy ra <input type=\"date\" name=\"day\" value=\"%T\" required></label>"
	     " <button type=\"submit\">Ghi nhận sự kiện</button></form>",
	     it->event_day ? it->event_day : r->ctx.today);
	if (it->event_day) {
		html(r, " <form class=\"inline\" method=\"post\" action=\"/items/%D/event\">",
		     it->id);
		html_csrf_field(r);
		html(r, "<input type=\"hidden\" name=\"clear\" value=\"1\"><button"
			" type=\"submit\">Bỏ ngày sự kiện</button></form>");
	}
	html(r, "</section>");
}

static void assignments_table(struct req *r, const struct progress_assignment *v, int n,
			      bool by_org)
{
	html(r, "<table class=\"assignments\"><thead><tr>");
	if (by_org)
		html(r, "<th>Nội dung cấp trên giao</th><th>Kế hoạch cấp trên</th><th>Thời hạn"
			"</th>");
	else
		html(r, "<th>Tổ chức được giao</th>");
	html(r, "<th>Đã có kế hoạch thực hiện</th><th>Tiến độ</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct progress_assignment *a = &v[i];
		html(r, "<tr>");
		if (by_org)
			html(r,
			     "<td><a href=\"/plans/%D#item-%D\">%s</a></td><td>%s</td><td>%s</td>",
			     a->item.plan_id, a->item.id, a->item.text, a->plan_title,
			     a->item.deadline_text);
		else
			html(r, "<td><a href=\"/orgs/%D\">%s</a></td>", a->org_id, a->org_name);
		if (a->answer_item_id)
			html(r,
			     "<td><span class=\"ok\">Đã có</span> (<a href=\"/plans/%D#item-%D\">xem"
			     "</a>)</td><td>",
			     a->answer_plan_id, a->answer_item_id);
		else
			html(r, "<td><span class=\"bad\">Chưa có</span></td><td>");
		badge(r, &a->d);
		if (a->answer_item_id) {
			html(r, " %s ", progress_state_label(a->answer_state));
			percent_bar(r, a->answer_percent);
		}
		html(r, "</td></tr>");
	}
	html(r, "</tbody></table>");
}

static void history_table(struct req *r, const struct progress_view *v)
{
	html(r, "<section id=\"history\"><h2>Lịch sử báo cáo</h2>");
	if (!v->n_reports) {
		html(r, "<p class=\"muted\">Chưa có báo cáo tiến độ nào.</p></section>");
		return;
	}
	html(r, "<table class=\"progress-history\"><thead><tr><th>Ngày</th><th>Bên báo cáo</th>"
		"<th>Trạng thái</th><th>Tỷ lệ</th><th>Ghi chú</th><th>Minh chứng</th>"
		"<th>Người ghi</th></tr></thead><tbody>");
	for (int i = 0; i < v->n_reports; i++) {
		const struct progress_report *p = &v->reports[i];
		html(r, "<tr><td>%t</td><td>%s", p->day,
		     p->org_id ? p->org_name : "Đơn vị chủ trì");
		if (p->occurrence_end)
			html(r, "<br><span class=\"muted\">Kỳ đến %t</span>", p->occurrence_end);
		html(r, "</td><td>%s</td><td>%d%%</td><td>%s</td><td>",
		     progress_state_label(p->state), p->percent, p->note);
		for (int k = 0; k < p->n_files; k++)
			html(r,
			     "%r<a href=\"/items/%D/evidence?sha256=%u\" download>%s</a>"
			     " <span class=\"muted\">(%D KB)</span>",
			     k ? "<br>" : "", v->item.id, p->files[k].sha256, p->files[k].name,
			     (p->files[k].size + 1023) / 1024);
		html(r, "</td><td>%s</td></tr>", p->created_by_name);
	}
	html(r, "</tbody></table></section>");
}

static void render_progress(struct req *r, int status, const struct kh_error *e)
{
	struct kh_error err;
	struct progress_view v;
	struct progress_assignment *as = NULL;
	int nas = 0;
	if (app_progress_get(&r->ctx, r->ids[0], &v, &err) ||
	    app_progress_item_assignments(&r->ctx, r->ids[0], &as, &nas, &err)) {
		resp_error(r, &err);
		return;
	}
	const struct plan_item *it = &v.item;
	bool running = v.plan.status == PLAN_APPROVED || v.plan.status == PLAN_ADJUSTING;
	page_begin(r, "Tiến độ thực hiện");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Tiến độ nội dung %d"
	     "</span></nav><h1>Tiến độ thực hiện</h1>",
	     v.plan.id, v.plan.title, it->seq);
	const char *notice = r->method == HTTP_GET ? notice_text(req_param(r, "notice")) : NULL;
	if (notice)
		html_notice(r, "ok", notice);
	if (e)
		html_error_box(r, e);
	html(r,
	     "<p class=\"item-text\"><a href=\"/plans/%D#item-%D\">%d.</a> %s</p><dl class=\"facts\">"
	     "<dt>Chủ trì</dt><dd>%s</dd><dt>Thời gian hoàn thành</dt><dd>%s",
	     v.plan.id, it->id, it->seq, it->text, it->lead_name, it->deadline_text);
	if (v.d.due)
		html(r, " <span class=\"muted\">(hạn: %t)</span>", v.d.due);
	html(r, "</dd><dt>Tình trạng</dt><dd>");
	badge(r, &v.d);
	html(r, "</dd><dt>Tiến độ chung</dt><dd>%s ", progress_state_label(it->progress_state));
	percent_bar(r, it->progress_percent);
	if (it->progress_day)
		html(r, " <span class=\"muted\">(báo cáo ngày %t)</span>", it->progress_day);
	html(r, "</dd>");
	if (it->done_day)
		html(r, "<dt>Hoàn thành ngày</dt><dd>%t</dd>", it->done_day);
	if (it->deadline_kind == DEADLINE_RECURRING && v.d.occurrence_end)
		html(r,
		     "<dt>Kỳ hiện tại</dt><dd>đến %t: %s</dd><dt>Các kỳ đã qua</dt><dd>%d kỳ,"
		     " %d kỳ chưa hoàn thành</dd>",
		     v.d.occurrence_end, v.d.occurrence_done ? "đã hoàn thành" : "chưa hoàn thành",
		     v.d.occurrences_due, v.d.occurrences_missed);
	html(r, "</dl>");
	if (it->deadline_kind == DEADLINE_CONDITIONAL)
		event_section(r, &v, running);
	if (!running)
		html_notice(
			r, "info",
			v.plan.status == PLAN_CLOSED
				? "Kế hoạch đã kết thúc: không báo cáo tiến độ được nữa."
				: "Kế hoạch chưa được phê duyệt, ban hành: chưa báo cáo tiến độ.");
	else if (v.rights.lead || v.rights.n_part_orgs)
		report_form(r, &v);
	if (nas) {
		int answered = 0;
		for (int i = 0; i < nas; i++)
			answered += as[i].answer_item_id != 0;
		html(r,
		     "<section id=\"assignments\"><h2>Các tổ chức được giao</h2><p>%d/%d tổ chức"
		     " đã có kế hoạch thực hiện; %d chưa có.</p>",
		     answered, nas, nas - answered);
		assignments_table(r, as, nas, false);
		html(r, "</section>");
	}
	history_table(r, &v);
	html(r, "<p><a href=\"/plans/%D\">‹ Trở lại kế hoạch</a></p>", v.plan.id);
	page_end(r);
	resp_html(r, status);
}

static void progress_page(struct req *r)
{
	render_progress(r, 200, NULL);
}

/* The uploaded evidence files of the request (every "file" part with a
 * name and content). */
static int collect_files(struct req *r, struct progress_file_input **out)
{
	int n = 0;
	struct progress_file_input *v =
		arena_alloc(&r->arena, sizeof(*v) * (size_t)(r->n_params + 1));
	for (int i = 0; i < r->n_params; i++) {
		const struct kv *p = &r->params[i];
		if (strcmp(p->name, "file") != 0 || !p->filename || (!*p->filename && !p->len))
			continue;
		v[n++] = (struct progress_file_input){
			.name = p->filename, .data = p->value, .len = p->len};
	}
	*out = v;
	return n;
}

static void form_progress(struct req *r)
{
	struct kh_error err;
	struct progress_file_input *files;
	kh_error_clear(&err);
	struct progress_input in = {.state = req_param(r, "state"),
				    .percent = (int)req_param_int(r, "percent", 0),
				    .day = req_param_date(r, "day", 0),
				    .note = req_param(r, "note"),
				    .org_id = req_param_int(r, "org_id", 0),
				    .occurrence_end = req_param_date(r, "occurrence_end", 0)};
	in.n_files = collect_files(r, &files);
	in.files = files;
	int64_t pct = req_param_int(r, "percent", 0);
	int rc = 0;
	if (pct < 0 || pct > 100)
		rc = kh_fail(&err, KH_EINVAL, "percent", "Tỷ lệ hoàn thành phải từ 0 đến 100");
	else if (!in.state)
		rc = kh_fail(&err, KH_EINVAL, "state", "Hãy chọn trạng thái");
	if (rc) { /* judged after the item's readability, as the use case does */
		struct progress_view v;
		struct kh_error e2;
		if (app_progress_get(&r->ctx, r->ids[0], &v, &e2)) {
			resp_error(r, &e2);
			return;
		}
	} else {
		rc = app_progress_report(&r->ctx, r->ids[0], &in, NULL, &err);
	}
	if (rc == KH_EINVAL || rc == KH_ETOOBIG) {
		render_progress(r, http_status_for(rc), &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/items/%lld/progress?notice=reported#history",
				      (long long)r->ids[0]));
}

static void form_event(struct req *r)
{
	struct kh_error err;
	bool clear = req_param_bool(r, "clear");
	int32_t day = clear ? 0 : req_param_date(r, "day", 0);
	int rc;
	kh_error_clear(&err);
	if (!clear && !day) {
		struct progress_view v;
		if ((rc = app_progress_get(&r->ctx, r->ids[0], &v, &err))) {
			resp_error(r, &err);
			return;
		}
		rc = kh_fail(&err, KH_EINVAL, "day", "Hãy chọn ngày xảy ra sự kiện");
	} else {
		rc = app_progress_event(&r->ctx, r->ids[0], day, NULL, &err);
	}
	if (rc == KH_EINVAL) {
		render_progress(r, 400, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(r, arena_printf(&r->arena, "/items/%lld/progress?notice=%s",
				      (long long)r->ids[0], clear ? "event_cleared" : "event"));
}

/* Sends an evidence file as an attachment: its name folded to ASCII for
 * filename= and percent-encoded UTF-8 for filename*=. */
static void send_file(struct req *r, const struct progress_file *f, const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		resp_fail(r, KH_ENOTFOUND, "Không tìm thấy tệp trên máy chủ");
		return;
	}
	size_t cap = f->size > 0 ? (size_t)f->size : 1;
	char *data = xmalloc(cap);
	size_t n = fread(data, 1, cap, fp);
	fclose(fp);
	if ((int64_t)n != f->size) {
		free(data);
		resp_fail(r, KH_EIO, "Tệp trên máy chủ không còn nguyên vẹn");
		return;
	}
	struct buf ascii, ext;
	buf_init(&ascii, 4096);
	buf_init(&ext, 8192);
	/* The folded name keeps its extension: text_fold lowers and drops the
	 * diacritics; anything else not plain becomes '-'. */
	const char *dot = strrchr(f->name, '.');
	char *stem = xstrndup(f->name, dot ? (size_t)(dot - f->name) : strlen(f->name));
	char *folded = text_fold(stem);
	free(stem);
	for (const unsigned char *p = (const unsigned char *)folded; *p; p++) {
		bool plain = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_';
		buf_putc(&ascii, plain ? (char)*p : '-');
	}
	free(folded);
	buf_puts(&ascii, dot && !strpbrk(dot, "\"\\") ? dot : "");
	for (const unsigned char *p = (const unsigned char *)f->name; *p; p++) {
		bool plain = (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
			     (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_';
		if (plain)
			buf_putc(&ext, (char)*p);
		else
			buf_printf(&ext, "%%%02X", *p);
	}
	resp_header(r, "Content-Disposition",
		    arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
				 ascii.data ? ascii.data : "tep", ext.data ? ext.data : "tep"));
	resp_header(r, "Cache-Control", "private, no-store");
	buf_release(&ascii);
	buf_release(&ext);
	resp_body(r, 200, f->mime, data, n);
	free(data);
}

static void evidence(struct req *r)
{
	struct kh_error err;
	struct progress_file f;
	const char *path;
	const char *sha = req_param(r, "sha256");
	if (app_progress_file(&r->ctx, r->ids[0], sha ? sha : "", &f, &path, &err)) {
		resp_error(r, &err);
		return;
	}
	send_file(r, &f, path);
}

/* ---- an org's assigned tasks ---- */

static void assignments_page(struct req *r)
{
	struct kh_error err;
	struct org o;
	struct progress_assignment *v;
	int n;
	if (app_org_get(&r->ctx, r->ids[0], r->ctx.today, &o, &err) ||
	    app_progress_assignments(&r->ctx, r->ids[0], &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	int answered = 0, overdue = 0;
	for (int i = 0; i < n; i++) {
		answered += v[i].answer_item_id != 0;
		overdue += v[i].d.derived == PROGRESS_OVERDUE;
	}
	page_begin(r, "Nhiệm vụ cấp trên giao");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/orgs/%D\">%s</a> › <span"
	     " aria-current=\"page\">Nhiệm vụ cấp trên giao</span></nav>"
	     "<h1>Nhiệm vụ cấp trên giao</h1>",
	     o.id, o.name);
	if (!n) {
		html(r,
		     "<p class=\"muted\">Chưa có nội dung nào của kế hoạch cấp trên giao cho %s."
		     "</p>",
		     o.name);
	} else {
		html(r,
		     "<p class=\"summary\">%d nội dung được giao; %d đã có kế hoạch thực hiện, %d"
		     " chưa có; %d quá hạn.</p>",
		     n, answered, n - answered, overdue);
		assignments_table(r, v, n, true);
	}
	page_end(r);
	resp_html(r, 200);
}

/* ---- the timeline ---- */

#define TL_WIDTH 960
#define TL_LABEL 300
#define TL_ROW 24
#define TL_TOP 34

static const char *tl_color(enum progress_derived d)
{
	switch (d) {
	case PROGRESS_OVERDUE:
	case PROGRESS_DONE_LATE:
		return "#a4161a";
	case PROGRESS_DUE_SOON:
		return "#b7791f";
	case PROGRESS_DONE_ON_TIME:
	case PROGRESS_DONE:
		return "#1b6b2f";
	default:
		return "#1f4e79";
	}
}

/* The first `max` characters of s (UTF-8), with "…" when cut. */
static const char *cut(struct req *r, const char *s, int max)
{
	const unsigned char *p = (const unsigned char *)s;
	int chars = 0;
	size_t i = 0;
	while (p[i] && chars < max) {
		i++;
		while ((p[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	if (!p[i])
		return s;
	return arena_printf(&r->arena, "%.*s…", (int)i, s);
}

static int tl_x(int32_t day, int32_t from, int32_t to)
{
	if (day < from)
		day = from;
	if (day > to + 1)
		day = to + 1;
	return TL_LABEL +
	       (int)((int64_t)(day - from) * (TL_WIDTH - TL_LABEL - 10) / (to + 1 - from));
}

static void timeline_svg(struct req *r, const struct plan_view *v)
{
	int32_t from = date_from_ymd(v->plan.year_from, 1, 1);
	int32_t to = date_from_ymd(v->plan.year_to, 12, 31);
	int rows = 0;
	for (int i = 0; i < v->n_items; i++)
		rows += v->items[i].kind != PLAN_ITEM_PROPOSAL;
	int height = TL_TOP + rows * TL_ROW + 20;
	html(r,
	     "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\""
	     " viewBox=\"0 0 %d %d\" width=\"100%%\" aria-labelledby=\"tl-title\">"
	     "<title id=\"tl-title\">Mốc thời gian các nội dung của %s</title>"
	     "<g font-family=\"Liberation Serif, Times New Roman, serif\" font-size=\"12\">",
	     TL_WIDTH, height, v->plan.title);
	/* Ticks: months for a year plan, years for a term plan. */
	bool months = v->plan.year_from == v->plan.year_to;
	for (int y = v->plan.year_from; y <= v->plan.year_to; y++) {
		for (int m = 1; m <= 12; m += months ? 1 : 12) {
			int x = tl_x(date_from_ymd(y, m, 1), from, to);
			html(r,
			     "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#d8d8d8\"/>"
			     "<text x=\"%d\" y=\"%d\" fill=\"#5b5b5b\">%s</text>",
			     x, TL_TOP - 14, x, height - 10, x + 2, TL_TOP - 18,
			     months ? arena_printf(&r->arena, "T%d", m)
				    : arena_printf(&r->arena, "%d", y));
		}
	}
	if (r->ctx.today >= from && r->ctx.today <= to) {
		int x = tl_x(r->ctx.today, from, to);
		html(r,
		     "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#a4161a\""
		     " stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%d\" fill=\"#a4161a\">Hôm nay"
		     "</text>",
		     x, TL_TOP - 6, x, height - 10, x + 3, height - 2);
	}
	int row = 0;
	for (int i = 0; i < v->n_items; i++) {
		const struct plan_item *it = &v->items[i];
		if (it->kind == PLAN_ITEM_PROPOSAL)
			continue;
		const struct progress_derivation *d = v->derived ? &v->derived[i] : NULL;
		enum progress_derived st = d ? d->derived : PROGRESS_NO_DUE;
		int y = TL_TOP + row * TL_ROW;
		row++;
		html(r,
		     "<g class=\"tl-item\" data-item=\"%D\"><title>%d. %s — %s%r%s</title>"
		     "<text x=\"4\" y=\"%d\">%d. %s</text>",
		     it->id, it->seq, it->text,
		     *it->deadline_text ? it->deadline_text : "chưa có hạn", d ? " — " : "",
		     d ? progress_derived_label(st) : "", y + 15, it->seq, cut(r, it->text, 44));
		const char *color = tl_color(st);
		int32_t s = 0, e = 0;
		switch (it->deadline_kind) {
		case DEADLINE_DATE:
			e = it->deadline_end;
			break;
		case DEADLINE_WINDOW:
			s = it->deadline_start;
			e = it->deadline_end;
			break;
		case DEADLINE_FROM:
			s = it->deadline_start;
			e = to;
			break;
		case DEADLINE_RECURRING:
			s = it->deadline_start ? it->deadline_start : from;
			e = it->deadline_end ? it->deadline_end : to;
			break;
		case DEADLINE_CONDITIONAL:
			if (it->event_day) {
				s = it->event_day;
				e = it->event_day + it->deadline_after_days;
			}
			break;
		default:
			break;
		}
		if (e && e >= from && (s ? s : e) <= to) {
			if (s && s < e) {
				int x1 = tl_x(s, from, to), x2 = tl_x(e + 1, from, to);
				html(r,
				     "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"12\" rx=\"2\""
				     " fill=\"%s\" fill-opacity=\"%s\"/>",
				     x1, y + 5, x2 - x1 > 2 ? x2 - x1 : 2, color,
				     it->deadline_kind == DEADLINE_WINDOW ||
						     it->deadline_kind == DEADLINE_CONDITIONAL
					     ? "0.75"
					     : "0.35");
			}
			if (it->deadline_kind == DEADLINE_RECURRING && d && d->occurrence_end &&
			    d->occurrence_end <= to)
				html(r, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>",
				     tl_x(d->occurrence_end, from, to), y + 11, color);
			else if (it->deadline_kind == DEADLINE_DATE ||
				 it->deadline_kind == DEADLINE_WINDOW ||
				 it->deadline_kind == DEADLINE_CONDITIONAL) {
				int x = tl_x(e, from, to);
				html(r, "<path d=\"M%d %d l6 6 l-6 6 l-6 -6 z\" fill=\"%s\"/>", x,
				     y + 5, color);
			}
		} else {
			html(r,
			     "<text x=\"%d\" y=\"%d\" fill=\"#5b5b5b\" font-style=\"italic\">%s"
			     "</text>",
			     TL_LABEL + 4, y + 15,
			     it->deadline_kind == DEADLINE_CONDITIONAL
				     ? "Chờ sự kiện"
				     : (*it->deadline_text ? "Ngoài thời gian của kế hoạch"
							   : "Chưa có thời hạn"));
		}
		html(r, "</g>");
	}
	html(r, "</g></svg>");
}

static void timeline_page(struct req *r)
{
	struct kh_error err;
	struct plan_view v;
	if (app_plan_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Mốc thời gian");
	html(r,
	     "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
	     "<a href=\"/plans/%D\">%s</a> › <span aria-current=\"page\">Mốc thời gian</span>"
	     "</nav><h1>Mốc thời gian các nội dung</h1>",
	     v.plan.id, v.plan.title);
	if (v.derived) {
		int count[7] = {0};
		for (int i = 0; i < v.n_items; i++)
			count[v.derived[i].derived]++;
		html(r,
		     "<p class=\"summary\">Hoàn thành đúng hạn: %d · Hoàn thành muộn: %d · Quá hạn:"
		     " %d · Sắp đến hạn: %d · Chưa đến hạn: %d</p>",
		     count[PROGRESS_DONE_ON_TIME] + count[PROGRESS_DONE], count[PROGRESS_DONE_LATE],
		     count[PROGRESS_OVERDUE], count[PROGRESS_DUE_SOON], count[PROGRESS_NOT_DUE]);
	}
	html(r, "<p class=\"muted\">Thanh: khoảng thời gian thực hiện; hình thoi: hạn hoàn thành;"
		" chấm tròn: hạn của kỳ hiện tại (nhiệm vụ định kỳ). Màu xanh lá: hoàn thành; đỏ:"
		" quá hạn hoặc hoàn thành muộn; vàng: sắp đến hạn.</p>");
	timeline_svg(r, &v);
	html(r, "<p><a href=\"/plans/%D\">‹ Trở lại kế hoạch</a></p>", v.plan.id);
	page_end(r);
	resp_html(r, 200);
}

/* ---- API ---- */

static void api_progress_get(struct req *r)
{
	struct kh_error err;
	struct progress_view v;
	struct progress_assignment *as;
	int nas;
	if (app_progress_get(&r->ctx, r->ids[0], &v, &err) ||
	    app_progress_item_assignments(&r->ctx, r->ids[0], &as, &nas, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, "item_id", json_integer((json_int_t)v.item.id));
	json_object_set_new(o, "plan_id", json_integer((json_int_t)v.item.plan_id));
	json_object_set_new(o, "progress", app_progress_json(&v.item, &v.d));
	json_t *rights = json_object();
	json_object_set_new(rights, "lead", json_boolean(v.rights.lead));
	json_t *parts = json_array();
	for (int i = 0; i < v.rights.n_part_orgs; i++)
		json_array_append_new(parts, json_integer((json_int_t)v.rights.part_orgs[i]));
	json_object_set_new(rights, "part_org_ids", parts);
	json_object_set_new(o, "rights", rights);
	json_t *reports = json_array();
	for (int i = 0; i < v.n_reports; i++)
		json_array_append_new(reports, app_progress_report_json(&v.reports[i]));
	json_object_set_new(o, "reports", reports);
	json_t *aa = json_array();
	for (int i = 0; i < nas; i++) {
		json_t *a = json_object();
		json_object_set_new(a, "org_id", json_integer((json_int_t)as[i].org_id));
		json_object_set_new(a, "org_name", json_string(as[i].org_name));
		json_object_set_new(a, "answer_item_id",
				    as[i].answer_item_id
					    ? json_integer((json_int_t)as[i].answer_item_id)
					    : json_null());
		json_object_set_new(a, "answer_state", json_string(as[i].answer_state));
		json_object_set_new(a, "answer_percent", json_integer(as[i].answer_percent));
		json_object_set_new(a, "derived",
				    json_string(progress_derived_name(as[i].d.derived)));
		json_array_append_new(aa, a);
	}
	json_object_set_new(o, "assignments", aa);
	resp_json(r, 200, o);
}

/* The report from a JSON body or, with files, from a multipart form. */
static int api_input(struct req *r, struct progress_input *in, struct kh_error *err)
{
	int rc;
	memset(in, 0, sizeof(*in));
	if (!r->json) {
		struct progress_file_input *files;
		in->state = req_param(r, "state");
		int64_t pct = req_param_int(r, "percent", 0);
		if (!in->state)
			return kh_fail(err, KH_EINVAL, "state", "Thiếu trường «state»");
		if (pct < 0 || pct > 100)
			return kh_fail(err, KH_EINVAL, "percent",
				       "Tỷ lệ hoàn thành phải từ 0 đến 100");
		in->percent = (int)pct;
		in->day = req_param_date(r, "day", 0);
		in->note = req_param(r, "note");
		in->org_id = req_param_int(r, "org_id", 0);
		in->occurrence_end = req_param_date(r, "occurrence_end", 0);
		in->n_files = collect_files(r, &files);
		in->files = files;
		return 0;
	}
	int64_t pct = 0, org = 0;
	if ((rc = json_field_text(r, "state", true, false, &in->state, err)) ||
	    (rc = json_field_int(r, "percent", false, 0, 100, &pct, err)) ||
	    (rc = json_field_date(r, "day", false, &in->day, err)) ||
	    (rc = json_field_text(r, "note", false, true, &in->note, err)) ||
	    (rc = json_field_int(r, "org_id", false, 0, INT64_MAX, &org, err)) ||
	    (rc = json_field_date(r, "occurrence_end", false, &in->occurrence_end, err)))
		return rc;
	in->percent = (int)pct;
	in->org_id = org;
	return 0;
}

static void api_progress_post(struct req *r)
{
	struct kh_error err;
	struct progress_input in;
	struct progress_report rep;
	struct progress_view v;
	kh_error_clear(&err);
	/* The item's readability first: nothing is said about an item out of
	 * scope. */
	if (app_progress_get(&r->ctx, r->ids[0], &v, &err) || api_input(r, &in, &err) ||
	    app_progress_report(&r->ctx, r->ids[0], &in, &rep, &err) ||
	    app_progress_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *o = json_object();
	json_object_set_new(o, "report", app_progress_report_json(&rep));
	json_object_set_new(o, "progress", app_progress_json(&v.item, &v.d));
	resp_json(r, 201, o);
}

static void api_event(struct req *r)
{
	struct kh_error err;
	struct progress_view v;
	int32_t day = 0;
	kh_error_clear(&err);
	if (app_progress_get(&r->ctx, r->ids[0], &v, &err)) {
		resp_error(r, &err);
		return;
	}
	int rc = 0;
	if (!r->json)
		rc = kh_fail(&err, KH_EINVAL, NULL,
			     "Cần gửi dữ liệu JSON (Content-Type: application/json)");
	else if (!json_has(r, "day"))
		rc = kh_fail(&err, KH_EINVAL, "day", "Thiếu trường «day» (ngày, hoặc null để bỏ)");
	if (!rc)
		rc = json_field_date(r, "day", false, &day, &err);
	if (!rc)
		rc = app_progress_event(&r->ctx, r->ids[0], day, NULL, &err);
	if (!rc)
		rc = app_progress_get(&r->ctx, r->ids[0], &v, &err);
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200,
		  json_pack("{s:I, s:o}", "item_id", (json_int_t)v.item.id, "progress",
			    app_progress_json(&v.item, &v.d)));
}

static void api_evidence(struct req *r)
{
	evidence(r);
}

static json_t *assignment_json(const struct progress_assignment *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "item_id", json_integer((json_int_t)a->item.id));
	json_object_set_new(o, "plan_id", json_integer((json_int_t)a->item.plan_id));
	json_object_set_new(o, "plan_title", json_string(a->plan_title));
	json_object_set_new(o, "text", json_string(a->item.text));
	json_object_set_new(o, "deadline_text", json_string(a->item.deadline_text));
	json_object_set_new(o, "org_id", json_integer((json_int_t)a->org_id));
	json_object_set_new(o, "answer_item_id",
			    a->answer_item_id ? json_integer((json_int_t)a->answer_item_id)
					      : json_null());
	json_object_set_new(o, "answer_plan_id",
			    a->answer_plan_id ? json_integer((json_int_t)a->answer_plan_id)
					      : json_null());
	json_object_set_new(o, "answer_state", json_string(a->answer_state));
	json_object_set_new(o, "answer_percent", json_integer(a->answer_percent));
	json_object_set_new(o, "derived", json_string(progress_derived_name(a->d.derived)));
	return o;
}

static void api_assignments(struct req *r)
{
	struct kh_error err;
	struct progress_assignment *v;
	int n;
	if (app_progress_assignments(&r->ctx, r->ids[0], &v, &n, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, assignment_json(&v[i]));
	resp_json(r, 200,
		  json_pack("{s:I, s:o}", "org_id", (json_int_t)r->ids[0], "assignments", a));
}

static void api_plan_progress(struct req *r)
{
	struct kh_error err;
	struct progress_summary s;
	struct progress_query q = {.plan_id = r->ids[0],
				   .from = req_param_date(r, "from", 0),
				   .to = req_param_date(r, "to", 0),
				   .with_items = true};
	if (app_progress_summary(&r->ctx, &q, &s, &err)) {
		resp_error(r, &err);
		return;
	}
	json_t *items = json_array();
	for (int i = 0; i < s.n; i++) {
		json_t *p = app_progress_json(&s.items[i].item, &s.items[i].d);
		json_object_set_new(p, "item_id", json_integer((json_int_t)s.items[i].item.id));
		json_object_set_new(p, "seq", json_integer(s.items[i].item.seq));
		json_array_append_new(items, p);
	}
	json_t *o = json_object();
	json_object_set_new(o, "plan_id", json_integer((json_int_t)r->ids[0]));
	json_object_set_new(o, "n_items", json_integer(s.n_items));
	json_object_set_new(o, "done_on_time", json_integer(s.done_on_time));
	json_object_set_new(o, "done_late", json_integer(s.done_late));
	json_object_set_new(o, "overdue", json_integer(s.overdue));
	json_object_set_new(o, "in_progress", json_integer(s.in_progress));
	json_object_set_new(o, "not_started", json_integer(s.not_started));
	json_object_set_new(o, "due_soon", json_integer(s.due_soon));
	json_object_set_new(o, "stalled", json_integer(s.stalled));
	json_object_set_new(o, "percent_mean", json_integer(s.percent_mean));
	json_object_set_new(o, "items", items);
	resp_json(r, 200, o);
}

#define PROGRESS_FORM_FIELDS                                                          \
	{"state", P_TEXT}, {"percent", P_INT}, {"day", P_DATE}, {"note", P_LONGTEXT}, \
		{"org_id", P_ID}, {"occurrence_end", P_DATE},                         \
	{                                                                             \
		"file", P_BINARY                                                      \
	}

static const struct route routes[] = {
	{HTTP_GET, "/items/{id}/progress", progress_page, 0, {{"notice", P_TEXT}}, NULL},
	{HTTP_POST,
	 "/items/{id}/progress",
	 form_progress,
	 ROUTE_LARGE_BODY,
	 {PROGRESS_FORM_FIELDS},
	 NULL},
	{HTTP_POST, "/items/{id}/event", form_event, 0, {{"day", P_DATE}, {"clear", P_BOOL}}, NULL},
	{HTTP_GET, "/items/{id}/evidence", evidence, 0, {{"sha256", P_TEXT}}, NULL},
	{HTTP_GET, "/orgs/{id}/assignments", assignments_page, 0, {{0}}, NULL},
	{HTTP_GET, "/plans/{id}/timeline", timeline_page, 0, {{0}}, NULL},

	{HTTP_GET, "/api/v1/items/{id}/progress", api_progress_get, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/api/v1/items/{id}/progress",
	 api_progress_post,
	 ROUTE_LARGE_BODY,
	 {PROGRESS_FORM_FIELDS},
	 NULL},
	{HTTP_POST, "/api/v1/items/{id}/event", api_event, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/items/{id}/evidence", api_evidence, 0, {{"sha256", P_TEXT}}, NULL},
	{HTTP_GET, "/api/v1/orgs/{id}/assignments", api_assignments, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/plans/{id}/progress",
	 api_plan_progress,
	 0,
	 {{"from", P_DATE}, {"to", P_DATE}},
	 NULL},
};

struct route_list web_routes_progress(void)
{
	return ROUTES(routes);
}
