/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * "Nhập kế hoạch từ văn bản": a plan written as text or DOCX (uploaded, or
 * pasted) becomes a draft plan. GET /plans/import asks for the document, the
 * owner org and the year; POST /plans/import shows the preview — the source
 * with numbered lines beside the items found, each with its lead (a choice
 * among the matched and candidate orgs, or the name kept as written), its
 * coordinators and its deadline (as written, editable, with how it was
 * understood), the names no org matched marked — and carries the source
 * text in a hidden field; POST /plans/import/save reads it again, applies
 * the corrections (item_lead, item_deadline and body_org, repeated in item
 * and name order) and creates the draft. POST /api/v1/plans/import is the
 * API twin (JSON or multipart): the preview, or with "save" the plan.
 */
#include "core/common.h"
#include "app/import_plan.h"
#include "app/org.h"
#include "app/plan.h"
#include "core/date.h"
#include "core/num.h"
#include "web/pick.h"
#include "web/routes.h"

#include <string.h>

static const char *form_text(struct req *r, const char *name)
{
	const char *v = req_param(r, name);
	return v ? v : "";
}

/* ---- the form ---- */

/* Appends one owner choice unless already offered. */
static void org_option(struct req *r, const struct org *o, int64_t selected, int64_t *seen,
		       int *n_seen)
{
	for (int k = 0; k < *n_seen; k++)
		if (seen[k] == o->id)
			return;
	seen[(*n_seen)++] = o->id;
	html(r, "<option value=\"%D\"%r>%s</option>", o->id, o->id == selected ? " selected" : "",
	     o->name);
}

/* The orgs whose plans the actor keeps: where they hold a position, and the
 * committee whose Văn phòng they work in (as /plans/new offers them). */
static int org_options(struct req *r, int64_t selected)
{
	struct kh_error err;
	const struct actor *a = r->ctx.actor;
	if (app_scope_load(&r->ctx, &err) != 0)
		return 0;
	int64_t *seen = arena_alloc(&r->arena, sizeof(*seen) * (size_t)(2 * a->n_act_orgs + 1));
	int n_seen = 0;
	for (int i = 0; i < a->n_act_orgs; i++) {
		struct org o, parent;
		if (app_org_get(&r->ctx, a->act_orgs[i], 0, &o, &err) != 0)
			continue;
		if (o.kind == ORG_OFFICE && o.parent_id &&
		    app_org_get(&r->ctx, o.parent_id, 0, &parent, &err) == 0)
			org_option(r, &parent, selected, seen, &n_seen);
		org_option(r, &o, selected, seen, &n_seen);
	}
	return n_seen;
}

static void form_page(struct req *r, const struct kh_error *e)
{
	bool again = r->method == HTTP_POST;
	int64_t org = req_param_int(r, "org_id", 0);
	const char *scope = form_text(r, "scope");
	const char *year =
		again ? form_text(r, "year") : arena_printf(&r->arena, "%d", req_current_year(r));
	page_begin(r, "Nhập kế hoạch từ văn bản");
	html(r, "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
		"<span aria-current=\"page\">Nhập kế hoạch từ văn bản</span></nav>"
		"<h1>Nhập kế hoạch từ văn bản</h1>"
		"<p>Tải lên kế hoạch đã soạn (tệp văn bản .txt hoặc tệp Word .docx) hoặc dán nội "
		"dung vào ô dưới đây. Hệ thống đọc các mục, nội dung công việc, cơ quan chủ trì, "
		"phối hợp và thời hạn, rồi cho xem trước để sửa trước khi lưu thành dự thảo.</p>");
	if (e)
		html_error_box(r, e);
	html(r, "<form class=\"stack wide\" method=\"post\" action=\"/plans/import\""
		" enctype=\"multipart/form-data\">");
	html_csrf_field(r);
	html(r,
	     "<label>Tệp kế hoạch (.txt, .docx) <input type=\"file\" name=\"file\""
	     " accept=\".txt,.docx,text/plain,application/vnd.openxmlformats-officedocument."
	     "wordprocessingml.document\"></label>"
	     "<label>hoặc dán nội dung kế hoạch <textarea name=\"text\" rows=\"12\">%s"
	     "</textarea></label>"
	     "<label>Tổ chức chủ kế hoạch <select name=\"org_id\">",
	     form_text(r, "text"));
	if (org_options(r, org) == 0 || app_sees_all(&r->ctx))
		html(r, "<option value=\"\"%r>— tổ chức khác (nhập mã số) —</option>",
		     org ? "" : " selected");
	html(r,
	     "</select></label><label>hoặc tổ chức khác (mã số) <input type=\"number\" min=\"1\""
	     " name=\"org_other\" value=\"%s\"></label>"
	     "<label>Phạm vi <select name=\"scope\"><option value=\"year\"%r>Kế hoạch năm</option>"
	     "<option value=\"term\"%r>Kế hoạch toàn khóa (nhiệm kỳ)</option></select></label>"
	     "<label>Năm (năm đầu nhiệm kỳ) <input type=\"number\" name=\"year\" min=\"1990\""
	     " max=\"2100\" required value=\"%s\"></label>"
	     "<label>Năm cuối nhiệm kỳ (kế hoạch toàn khóa) <input type=\"number\" name=\"year_to\""
	     " min=\"1990\" max=\"2100\" value=\"%s\"></label>"
	     "<p><button type=\"submit\" class=\"primary\">Đọc văn bản và xem trước</button></p>"
	     "</form>",
	     form_text(r, "org_other"), strcmp(scope, "term") ? " selected" : "",
	     strcmp(scope, "term") == 0 ? " selected" : "", year, form_text(r, "year_to"));
	page_end(r);
	resp_html(r, e ? http_status_for(e->code) : 200);
}

static void import_page(struct req *r)
{
	form_page(r, NULL);
}

/* ---- reading the request ---- */

/* The plan's owner, year and scope from the form. */
struct target {
	int64_t org_id;
	int year, year_to;
	const char *scope;
};

static int form_target(struct req *r, struct target *t, struct kh_error *err)
{
	memset(t, 0, sizeof(*t));
	t->org_id = req_param_int(r, "org_other", 0);
	if (!t->org_id)
		t->org_id = req_param_int(r, "org_id", 0);
	if (!t->org_id)
		return kh_fail(err, KH_EINVAL, "org_id", "Cần chọn tổ chức chủ kế hoạch");
	int64_t y = req_param_int(r, "year", 0), yt = req_param_int(r, "year_to", 0);
	if (y < 1990 || y > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	if (yt && (yt < 1990 || yt > 2100))
		return kh_fail(err, KH_EINVAL, "year_to",
			       "Năm cuối nhiệm kỳ phải từ 1990 đến 2100");
	t->year = (int)y;
	t->year_to = (int)yt;
	t->scope = form_text(r, "scope");
	if (!*t->scope)
		t->scope = "year";
	if (strcmp(t->scope, "year") != 0 && strcmp(t->scope, "term") != 0)
		return kh_fail(err, KH_EINVAL, "scope",
			       "Phạm vi kế hoạch phải là kế hoạch năm hoặc toàn khóa");
	return 0;
}

/* The document: the uploaded file, else the pasted text. */
static int form_source(struct req *r, const char **bytes, size_t *len, struct kh_error *err)
{
	const struct kv *f = req_file(r, "file");
	if (f && f->len) {
		*bytes = f->value;
		*len = f->len;
		return 0;
	}
	const char *t = req_param(r, "text");
	if (t && *t) {
		*bytes = t;
		*len = strlen(t);
		return 0;
	}
	return kh_fail(err, KH_EINVAL, "file", "Cần chọn tệp kế hoạch hoặc dán nội dung kế hoạch");
}

/* ---- the preview ---- */

/* How a deadline was understood: "→ 30/06/2026", "→ 01/04/2026–30/06/2026"… */
static void deadline_read(struct req *r, const char *text, const struct deadline *d)
{
	switch (d->kind) {
	case DEADLINE_DATE:
		html(r, "<span class=\"deadline-read\" title=\"%s\">→ %t</span>",
		     deadline_kind_label(d->kind), d->end);
		break;
	case DEADLINE_WINDOW:
		html(r, "<span class=\"deadline-read\" title=\"%s\">→ %t–%t</span>",
		     deadline_kind_label(d->kind), d->start, d->end);
		break;
	case DEADLINE_FROM:
		html(r, "<span class=\"deadline-read\" title=\"%s\">→ từ %t</span>",
		     deadline_kind_label(d->kind), d->start);
		break;
	case DEADLINE_RECURRING: {
		const char *l = deadline_period_label(d->period);
		html(r, "<span class=\"deadline-read\">→ %s</span>", *l ? l : "Định kỳ");
		break;
	}
	case DEADLINE_CONDITIONAL:
		html(r, "<span class=\"deadline-read\">→ %s</span>", deadline_kind_label(d->kind));
		break;
	case DEADLINE_NONE:
		if (text && *text)
			html(r,
			     "<span class=\"deadline-read muted\">→ chưa hiểu được thời hạn</span>");
		break;
	}
}

/* A name as written, marked when no org matched it. */
static void body_name(struct req *r, const struct import_preview *pv, int bi, const char *name)
{
	if (bi >= 0 && bi < pv->n_bodies && pv->bodies[bi].org_id)
		html(r, "%s", name);
	else
		html(r, "<mark class=\"unmatched\" title=\"Chưa khớp với tổ chức nào\">%s</mark>",
		     name);
}

static void preview_page(struct req *r, const struct import_preview *pv, const struct target *t,
			 const struct kh_error *e)
{
	struct kh_error err;
	struct org owner;
	const char *owner_name = "";
	if (app_org_get(&r->ctx, t->org_id, 0, &owner, &err) == 0)
		owner_name = owner.name;
	page_begin(r, "Xem trước kế hoạch nhập từ văn bản");
	html(r, "<nav class=\"breadcrumb\" aria-label=\"Vị trí\"><a href=\"/plans\">Kế hoạch</a> › "
		"<a href=\"/plans/import\">Nhập kế hoạch từ văn bản</a> › "
		"<span aria-current=\"page\">Xem trước</span></nav>"
		"<h1>Xem trước kế hoạch nhập từ văn bản</h1>");
	if (e)
		html_error_box(r, e);
	html(r,
	     "<p>Chủ kế hoạch: <strong>%s</strong> — %s %d%s. Đã đọc được <strong>%d</strong> "
	     "nội dung công việc.</p>",
	     owner_name,
	     strcmp(t->scope, "term") == 0 ? "kế hoạch toàn khóa từ năm" : "kế hoạch năm", t->year,
	     pv->was_docx ? " (từ tệp Word)" : "", pv->n_items);
	if (pv->n_unmatched)
		html_notice(r, "info",
			    arena_printf(&r->arena,
					 "%d tên cơ quan chưa khớp với tổ chức nào (đánh dấu bên "
					 "dưới): chọn tổ chức tương ứng, hoặc để nguyên — tên vẫn "
					 "được giữ như trong văn bản.",
					 pv->n_unmatched));
	html(r, "<form method=\"post\" action=\"/plans/import/save\" class=\"import-save\">");
	html_csrf_field(r);
	html(r,
	     "<input type=\"hidden\" name=\"org_id\" value=\"%D\">"
	     "<input type=\"hidden\" name=\"year\" value=\"%d\">"
	     "<input type=\"hidden\" name=\"scope\" value=\"%s\">",
	     t->org_id, t->year, t->scope);
	if (t->year_to)
		html(r, "<input type=\"hidden\" name=\"year_to\" value=\"%d\">", t->year_to);
	html(r, "<input type=\"hidden\" name=\"text\" value=\"%s\">", pv->text);
	html(r,
	     "<p><label>Tên kế hoạch <input name=\"title\" size=\"80\" maxlength=\"500\""
	     " value=\"%s\"></label></p>",
	     pv->title ? pv->title : "");

	/* The names found and the orgs they stand for. */
	if (pv->n_bodies) {
		html(r, "<h2>Đối chiếu tên cơ quan với tổ chức</h2>"
			"<table class=\"import-bodies\"><thead><tr><th>Tên trong văn bản</th>"
			"<th>Số nội dung</th><th>Tổ chức</th></tr></thead><tbody>");
		for (int i = 0; i < pv->n_bodies; i++) {
			const struct import_body *b = &pv->bodies[i];
			html(r, "<tr%r><td>", b->org_id ? "" : " class=\"unmatched\"");
			body_name(r, pv, i, b->name);
			if (b->group)
				html(r, " <span class=\"muted\">(nhóm: các tổ chức thuộc tổ chức "
					"chọn)</span>");
			html(r,
			     "</td><td>%d</td><td><select name=\"body_org\" aria-label=\"Tổ chức "
			     "ứng với %s\">",
			     b->uses, b->name);
			for (int k = 0; k < b->n_candidates; k++)
				html(r, "<option value=\"%D\"%r>%s</option>",
				     b->candidates[k].org_id,
				     b->candidates[k].org_id == b->org_id ? " selected" : "",
				     b->candidates[k].name);
			html(r,
			     "<option value=\"0\"%r>Không khớp — giữ nguyên chữ</option>"
			     "</select></td></tr>",
			     b->org_id ? "" : " selected");
		}
		html(r, "</tbody></table>");
	}

	/* The source and the items, side by side. */
	html(r, "<h2>Văn bản và các nội dung đọc được</h2>"
		"<table class=\"import-preview\"><thead><tr><th>Văn bản gốc</th>"
		"<th>Nội dung đọc được</th></tr></thead><tbody><tr><td class=\"import-source\">"
		"<ol class=\"source-lines\">");
	const char *p = pv->text, *end = pv->text + pv->text_len;
	int line = 1;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		html(r, "<li id=\"L%d\">%s</li>", line++,
		     arena_memdup0(&r->arena, p, (size_t)(stop - p)));
		p = nl ? nl + 1 : end;
	}
	html(r, "</ol></td><td class=\"import-items\"><table class=\"items\"><thead><tr>"
		"<th>Mục</th><th>Nội dung</th><th>Chủ trì</th><th>Phối hợp</th><th>Thời hạn</th>"
		"<th>Bỏ</th></tr></thead><tbody>");
	for (int i = 0; i < pv->n_items; i++) {
		const struct import_entry *it = &pv->items[i];
		html(r, "<tr id=\"item-%d\"><td><a href=\"#L%d\" title=\"Dòng %d\">%s</a></td><td>",
		     i + 1, it->line, it->line, it->path);
		if (it->section)
			html(r, "<div class=\"muted\">%s</div>", it->section);
		html(r, "%s</td><td>", it->text);
		if (it->lead) {
			const struct import_body *b =
				it->lead_body >= 0 ? &pv->bodies[it->lead_body] : NULL;
			body_name(r, pv, it->lead_body, it->lead);
			html(r,
			     "<br><select name=\"item_lead\" aria-label=\"Chủ trì nội dung %s\">"
			     "<option value=\"\" selected>Theo bảng đối chiếu</option>",
			     it->path);
			for (int k = 0; b && k < b->n_candidates; k++)
				html(r, "<option value=\"%D\">%s</option>", b->candidates[k].org_id,
				     b->candidates[k].name);
			html(r,
			     "<option value=\"0\">Không khớp — giữ nguyên chữ</option></select>");
		} else {
			html(r, "<span class=\"muted\">—</span><input type=\"hidden\""
				" name=\"item_lead\" value=\"\">");
		}
		html(r, "</td><td>");
		for (int k = 0; k < it->n_coordinators; k++) {
			if (k)
				html(r, "; ");
			body_name(r, pv, it->coordinator_bodies[k], it->coordinators[k]);
		}
		html(r,
		     "</td><td><input name=\"item_deadline\" size=\"24\" maxlength=\"500\""
		     " value=\"%s\" aria-label=\"Thời hạn nội dung %s\"> ",
		     it->deadline_text ? it->deadline_text : "", it->path);
		deadline_read(r, it->deadline_text, &it->deadline);
		html(r,
		     "</td><td><input type=\"checkbox\" name=\"item_drop\" value=\"%d\""
		     " aria-label=\"Bỏ nội dung %s\" title=\"Không đưa nội dung này vào kế "
		     "hoạch\"></td></tr>",
		     i, it->path);
	}
	html(r, "</tbody></table></td></tr></tbody></table>"
		"<p><button type=\"submit\" class=\"primary\">Lưu thành dự thảo kế hoạch</button> "
		"<a class=\"button\" href=\"/plans/import\">Nhập văn bản khác</a></p></form>");
	page_end(r);
	resp_html(r, e ? http_status_for(e->code) : 200);
}

static void preview_submit(struct req *r)
{
	struct kh_error err;
	struct target t;
	struct import_preview pv;
	const char *bytes = NULL;
	size_t len = 0;
	int rc = form_target(r, &t, &err);
	if (!rc)
		rc = form_source(r, &bytes, &len, &err);
	if (!rc)
		rc = app_plan_import_preview(&r->ctx, bytes, len, t.org_id, t.year, &pv, &err);
	if (rc == KH_EINVAL || rc == KH_ETOOBIG) {
		form_page(r, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	preview_page(r, &pv, &t, NULL);
}

/* ---- corrections and saving ---- */

/* "" keeps the proposal (returns -1), "0" no org, else the org id. */
static int choice(const char *v, int64_t *out)
{
	if (!v || !*v) {
		*out = -1;
		return 0;
	}
	return num_parse_i64(v, 0, INT64_MAX, out);
}

/* Applies the corrections to pv: orgs for names (body_org), then leads and
 * deadlines per item (item_lead, item_deadline), in order. */
static int apply_corrections(struct req *r, struct import_preview *pv, const char **body_org,
			     int n_body, const char **leads, int n_leads, const char **deadlines,
			     int n_deadlines, struct kh_error *err)
{
	for (int i = 0; i < n_body && i < pv->n_bodies; i++) {
		int64_t id;
		if (choice(body_org[i], &id) != 0)
			return kh_fail(err, KH_EINVAL, "body_org",
				       "Tổ chức được chọn không hợp lệ");
		if (id >= 0)
			pv->bodies[i].org_id = id;
	}
	for (int i = 0; i < pv->n_items; i++) {
		struct import_entry *e = &pv->items[i];
		if (e->lead_body >= 0)
			e->lead_org_id = pv->bodies[e->lead_body].org_id;
		if (i < n_leads) {
			int64_t id;
			if (choice(leads[i], &id) != 0)
				return kh_fail(err, KH_EINVAL, "item_lead",
					       "Chủ trì được chọn ở nội dung %s không hợp lệ",
					       e->path);
			if (id >= 0 && e->lead)
				e->lead_org_id = id;
		}
		if (i < n_deadlines && deadlines[i])
			e->deadline_text = deadlines[i];
	}
	(void)r;
	return 0;
}

/* Removes the entries marked in drop (n = pv->n_items), keeping the order:
 * what the user unticked in the preview is not saved. */
static void drop_items(struct import_preview *pv, const bool *drop)
{
	int k = 0;
	for (int i = 0; i < pv->n_items; i++)
		if (!drop[i])
			pv->items[k++] = pv->items[i];
	pv->n_items = k;
}

/* The item_drop boxes of the form: indexes into pv->items. */
static int form_drops(struct req *r, const struct import_preview *pv, bool *drop,
		      struct kh_error *err)
{
	const char **v;
	int n = req_param_all(r, "item_drop", &v);
	for (int i = 0; i < n; i++) {
		int64_t k;
		if (num_parse_i64(v[i], 0, pv->n_items - 1, &k) != 0)
			return kh_fail(err, KH_EINVAL, "item_drop",
				       "Nội dung được chọn bỏ không hợp lệ");
		drop[k] = true;
	}
	return 0;
}

static void save_submit(struct req *r)
{
	struct kh_error err;
	struct target t;
	struct import_preview pv;
	struct import_saved saved;
	const char *bytes = NULL, **bodies, **leads, **deadlines;
	size_t len = 0;
	int rc = form_target(r, &t, &err);
	if (!rc)
		rc = form_source(r, &bytes, &len, &err);
	if (!rc)
		rc = app_plan_import_preview(&r->ctx, bytes, len, t.org_id, t.year, &pv, &err);
	if (rc == KH_EINVAL || rc == KH_ETOOBIG) {
		form_page(r, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	int nb = req_param_all(r, "body_org", &bodies);
	int nl = req_param_all(r, "item_lead", &leads);
	int nd = req_param_all(r, "item_deadline", &deadlines);
	struct import_save in = {.org_id = t.org_id,
				 .scope = t.scope,
				 .year = t.year,
				 .year_to = t.year_to,
				 .title = req_param(r, "title")};
	bool *drop = arena_alloc(&r->arena, sizeof(*drop) * ((size_t)pv.n_items + 1));
	memset(drop, 0, sizeof(*drop) * ((size_t)pv.n_items + 1));
	rc = apply_corrections(r, &pv, bodies, nb, leads, nl, deadlines, nd, &err);
	if (!rc)
		rc = form_drops(r, &pv, drop, &err);
	if (!rc) {
		drop_items(&pv, drop);
		rc = app_plan_import_save(&r->ctx, &in, &pv, &saved, &err);
	}
	if (rc == KH_EINVAL || rc == KH_ECONFLICT || rc == KH_ETOOBIG) {
		preview_page(r, &pv, &t, &err);
		return;
	}
	if (rc) {
		resp_error(r, &err);
		return;
	}
	resp_redirect(
		r, arena_printf(&r->arena, "/plans/%lld?notice=created", (long long)saved.plan.id));
}

/* ---- API ---- */

static json_t *org_ref(int64_t id, const char *name)
{
	return id > 0 ? json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : "")
		      : json_null();
}

static json_t *day_or_null(int32_t day)
{
	char iso[11];
	if (!day)
		return json_null();
	date_format_iso(day, iso);
	return json_string(iso);
}

static json_t *preview_json(const struct import_preview *pv)
{
	json_t *items = json_array(), *bodies = json_array(), *unmatched = json_array();
	for (int i = 0; i < pv->n_bodies; i++) {
		const struct import_body *b = &pv->bodies[i];
		json_t *c = json_array();
		for (int k = 0; k < b->n_candidates; k++)
			json_array_append_new(
				c, org_ref(b->candidates[k].org_id, b->candidates[k].name));
		json_array_append_new(bodies, json_pack("{s:s, s:b, s:o, s:o, s:i}", "name",
							b->name, "group", b->group, "org",
							org_ref(b->org_id, b->org_name),
							"candidates", c, "uses", b->uses));
		if (!b->org_id)
			json_array_append_new(unmatched, json_string(b->name));
	}
	for (int i = 0; i < pv->n_items; i++) {
		const struct import_entry *e = &pv->items[i];
		json_t *co = json_array();
		for (int k = 0; k < e->n_coordinators; k++) {
			int bi = e->coordinator_bodies[k];
			const struct import_body *b = &pv->bodies[bi];
			json_array_append_new(co,
					      json_pack("{s:s, s:o}", "name", e->coordinators[k],
							"org", org_ref(b->org_id, b->org_name)));
		}
		const struct import_body *lb = e->lead_body >= 0 ? &pv->bodies[e->lead_body] : NULL;
		json_t *dl = json_pack("{s:s?, s:s, s:o, s:o}", "as_written", e->deadline_text,
				       "kind", deadline_kind_name(e->deadline.kind), "start",
				       day_or_null(e->deadline.start), "end",
				       day_or_null(e->deadline.end));
		json_array_append_new(
			items,
			json_pack("{s:s, s:s, s:s?, s:i, s:s?, s:b, s:o, s:o, s:o}", "path",
				  e->path, "text", e->text, "section", e->section, "line", e->line,
				  "lead", e->lead, "lead_group", e->lead_group, "lead_org",
				  org_ref(e->lead_org_id,
					  lb && lb->org_id == e->lead_org_id ? lb->org_name : NULL),
				  "coordinators", co, "deadline", dl));
	}
	return json_pack("{s:s?, s:s?, s:i, s:s, s:o, s:o, s:o}", "title", pv->title, "number",
			 pv->number, "plan_year", pv->plan_year, "source",
			 pv->was_docx ? "docx" : "text", "items", items, "bodies", bodies,
			 "unmatched", unmatched);
}

/* JSON corrections: "leads": [id|0|null per item], "deadlines": [text|null
 * per item], "map": {"name as written": id|0}. */
static int json_corrections(struct req *r, struct import_preview *pv, struct kh_error *err)
{
	json_t *leads = json_object_get(r->json, "leads"),
	       *deadlines = json_object_get(r->json, "deadlines"),
	       *map = json_object_get(r->json, "map");
	if ((leads && !json_is_array(leads) && !json_is_null(leads)) ||
	    (deadlines && !json_is_array(deadlines) && !json_is_null(deadlines)) ||
	    (map && !json_is_object(map) && !json_is_null(map)))
		return kh_fail(err, KH_EINVAL, "leads",
			       "«leads» và «deadlines» phải là mảng, «map» là đối tượng");
	if (json_is_object(map)) {
		const char *name;
		json_t *v;
		json_object_foreach(map, name, v)
		{
			if (!json_is_integer(v) || json_integer_value(v) < 0)
				return kh_fail(err, KH_EINVAL, "map",
					       "«map» ghép tên với mã số tổ chức (0: không khớp)");
			bool found = false;
			for (int i = 0; i < pv->n_bodies; i++)
				if (strcmp(pv->bodies[i].name, name) == 0) {
					pv->bodies[i].org_id = json_integer_value(v);
					found = true;
				}
			if (!found)
				return kh_fail(err, KH_EINVAL, "map", "Văn bản không có tên «%s»",
					       name);
		}
	}
	for (int i = 0; i < pv->n_items; i++) {
		struct import_entry *e = &pv->items[i];
		if (e->lead_body >= 0)
			e->lead_org_id = pv->bodies[e->lead_body].org_id;
		json_t *l = json_is_array(leads) ? json_array_get(leads, (size_t)i) : NULL;
		if (l && !json_is_null(l)) {
			if (!json_is_integer(l) || json_integer_value(l) < 0)
				return kh_fail(err, KH_EINVAL, "leads",
					       "«leads» là mã số tổ chức, 0 hoặc null");
			e->lead_org_id = json_integer_value(l);
		}
		json_t *d = json_is_array(deadlines) ? json_array_get(deadlines, (size_t)i) : NULL;
		if (d && !json_is_null(d)) {
			if (!json_is_string(d) || json_string_length(d) > 2000 ||
			    strlen(json_string_value(d)) != json_string_length(d))
				return kh_fail(err, KH_EINVAL, "deadlines",
					       "«deadlines» là các chuỗi thời hạn hoặc null");
			e->deadline_text = arena_strdup(&r->arena, json_string_value(d));
		}
	}
	/* "drop": the paths of entries not to save */
	json_t *drops = json_object_get(r->json, "drop");
	if (drops && !json_is_null(drops)) {
		if (!json_is_array(drops))
			return kh_fail(err, KH_EINVAL, "drop",
				       "«drop» là mảng các mục (path) không đưa vào kế hoạch");
		bool *drop = arena_alloc(&r->arena, sizeof(*drop) * ((size_t)pv->n_items + 1));
		memset(drop, 0, sizeof(*drop) * ((size_t)pv->n_items + 1));
		size_t k;
		json_t *v;
		json_array_foreach(drops, k, v)
		{
			int found = -1;
			for (int i = 0; json_is_string(v) && i < pv->n_items && found < 0; i++)
				if (strcmp(pv->items[i].path, json_string_value(v)) == 0)
					found = i;
			if (found < 0)
				return kh_fail(err, KH_EINVAL, "drop",
					       "«drop»: văn bản không có mục «%s»",
					       json_is_string(v) ? json_string_value(v) : "?");
			drop[found] = true;
		}
		drop_items(pv, drop);
	}
	return 0;
}

static void api_import(struct req *r)
{
	struct kh_error err;
	struct target t = {0};
	struct import_preview pv;
	struct import_saved saved;
	const char *bytes = NULL, *title = NULL;
	size_t len = 0;
	bool save = false;
	int rc;
	if (r->json) {
		int64_t org = 0, y = 0, yt = 0;
		const char *scope = NULL;
		json_t *text = json_object_get(r->json, "text");
		if ((rc = json_field_int(r, "org_id", true, 1, INT64_MAX, &org, &err)) ||
		    (rc = json_field_int(r, "year", true, 1990, 2100, &y, &err)) ||
		    (rc = json_field_int(r, "year_to", false, 1990, 2100, &yt, &err)) ||
		    (rc = json_field_text(r, "scope", false, false, &scope, &err)) ||
		    (rc = json_field_text(r, "title", false, false, &title, &err)) ||
		    (rc = json_field_bool(r, "save", false, &save, &err)))
			goto fail;
		if (!json_is_string(text)) {
			rc = kh_fail(&err, KH_EINVAL, "text",
				     "Thiếu trường «text» (nội dung kế hoạch)");
			goto fail;
		}
		bytes = json_string_value(text);
		len = json_string_length(text);
		t.org_id = org;
		t.year = (int)y;
		t.year_to = (int)yt;
		t.scope = scope && *scope ? scope : "year";
	} else {
		if ((rc = form_target(r, &t, &err)) || (rc = form_source(r, &bytes, &len, &err)))
			goto fail;
		save = req_param_bool(r, "save");
		title = req_param(r, "title");
	}
	if ((rc = app_plan_import_preview(&r->ctx, bytes, len, t.org_id, t.year, &pv, &err)))
		goto fail;
	if (r->json && (rc = json_corrections(r, &pv, &err)))
		goto fail;
	if (!save) {
		resp_json(r, 200, preview_json(&pv));
		return;
	}
	struct import_save in = {.org_id = t.org_id,
				 .scope = t.scope,
				 .year = t.year,
				 .year_to = t.year_to,
				 .title = title};
	if ((rc = app_plan_import_save(&r->ctx, &in, &pv, &saved, &err)))
		goto fail;
	json_t *un = json_array();
	for (int i = 0; i < saved.n_unmatched; i++)
		json_array_append_new(un, json_string(saved.unmatched[i]));
	resp_json(r, 201,
		  json_pack("{s:o, s:i, s:o}", "plan", app_plan_json(&saved.plan, NULL, 0), "items",
			    saved.n_items, "unmatched", un));
	return;
fail:
	resp_error(r, &err);
}

/* ---- routes ---- */

#define TARGET_PARAMS                                                               \
	{"org_id", P_ID}, {"org_other", P_ID}, {"year", P_INT}, {"year_to", P_INT}, \
	{                                                                           \
		"scope", P_TEXT                                                     \
	}

static const struct route routes[] = {
	{HTTP_GET, "/plans/import", import_page, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/plans/import",
	 preview_submit,
	 ROUTE_LARGE_BODY,
	 {{"file", P_BINARY}, {"text", P_DOCUMENT}, TARGET_PARAMS},
	 NULL},
	{HTTP_POST,
	 "/plans/import/save",
	 save_submit,
	 ROUTE_LARGE_BODY,
	 {{"text", P_DOCUMENT},
	  {"title", P_TEXT},
	  {"body_org", P_TEXT},
	  {"item_lead", P_TEXT},
	  {"item_deadline", P_TEXT},
	  {"item_drop", P_TEXT},
	  TARGET_PARAMS},
	 NULL},
	{HTTP_POST,
	 "/api/v1/plans/import",
	 api_import,
	 ROUTE_LARGE_BODY,
	 {{"file", P_BINARY},
	  {"text", P_DOCUMENT},
	  {"title", P_TEXT},
	  {"save", P_BOOL},
	  TARGET_PARAMS},
	 NULL},
};

struct route_list web_routes_import_plan(void)
{
	return ROUTES(routes);
}
