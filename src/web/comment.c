/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Comments, requests, answers, escalations and the notifications inbox on
 * the web. The plan page (web/plan.c) draws the "Góp ý, đề nghị" section
 * through web_plan_comments_section(): each comment with its answer and
 * escalation, the forms the actor may use on it, and the form for a new
 * comment. The form posts here redirect back to the comment's anchor on the
 * plan page; a refusal shows a page with the message and a link back. The
 * inbox (/inbox) lists the actor's notifications and the escalations waiting
 * for their decision. The JSON API twins: /api/v1/plans/{id}/comments,
 * /api/v1/comments/{id}/answer|escalate|decision, /api/v1/escalations and
 * /api/v1/notifications. All of it calls app/comment.h and app/notify.h.
 */
#include "core/common.h"
#include "app/comment.h"
#include "app/notify.h"
#include "app/plan.h"
#include "core/date.h"
#include "web/plan_ui.h"
#include "web/routes.h"

#include <string.h>
#include <time.h>

#define INBOX_PAGE 50

static const char *nz(const char *s)
{
	return s ? s : "";
}

static const char *notice_text(const char *key)
{
	static const struct notice notices[] = {
		{"commented", "Đã gửi ý kiến tới chủ kế hoạch."},
		{"comment_answered", "Đã trả lời góp ý, đề nghị."},
		{"escalated", "Đã kiến nghị lên cấp ủy quản lý."},
		{"decided", "Đã ghi quyết định về kiến nghị."},
		{"read", "Đã đánh dấu đã đọc."},
	};
	return notice_lookup(notices, KH_ARRAY_LEN(notices), key);
}

/* "dd/mm/yyyy hh:mm" in the server's local time. */
static const char *local_time(struct req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!t || !localtime_r(&tt, &tm))
		return "";
	return arena_printf(&r->arena, "%02d/%02d/%04d %02d:%02d", tm.tm_mday, tm.tm_mon + 1,
			    tm.tm_year + 1900, tm.tm_hour, tm.tm_min);
}

static const char *kind_label(const struct plan_comment *c)
{
	return c->kind == PLAN_COMMENT_REQUEST ? "Đề nghị" : "Góp ý";
}

/* The clipped text of an item for a select option. */
static const char *item_label(struct req *r, const struct plan_item *it)
{
	size_t chars = 0;
	const char *t = nz(it->text);
	for (size_t i = 0; t[i]; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80 && chars++ == 50)
			return arena_printf(&r->arena, "%d. %.*s…", it->seq, (int)i, t);
	return arena_printf(&r->arena, "%d. %s", it->seq, t);
}

static int item_seq(const struct plan_view *v, int64_t item_id)
{
	for (int i = 0; i < v->n_items; i++)
		if (v->items[i].id == item_id)
			return v->items[i].seq;
	return 0;
}

/* The <option>s of the plan's items, rendered once per page: every open
 * comment's answer form lists them, and 40 comments on a 60-item plan made
 * formatting them the page's main cost. */
static const char *item_options_html(struct req *r, const struct plan_view *v)
{
	size_t start = r->out.len;
	for (int i = 0; i < v->n_items; i++)
		html(r, "<option value=\"%D\">%s</option>", v->items[i].id,
		     item_label(r, &v->items[i]));
	char *s = arena_memdup0(&r->arena, r->out.data + start, r->out.len - start);
	buf_truncate(&r->out, start);
	return s;
}

static void item_options(struct req *r, const char *options, const char *none)
{
	html(r, "<option value=\"\">%s</option>%r", none, options);
}

/* ---- the section on the plan page ---- */

static void comment_state(struct req *r, const struct plan_view *v, const struct plan_comment *c)
{
	if (*c->answer) {
		bool accepted = strcmp(c->answer, "accepted") == 0;
		html(r, "<p class=\"comment-answer\"><strong>%s</strong>",
		     accepted ? "Đã tiếp thu" : "Đã giải trình");
		if (c->answer_item_id) {
			int seq = item_seq(v, c->answer_item_id);
			if (seq)
				html(r, " — <a href=\"/plans/%D#item-%D\">nội dung số %d</a>",
				     c->plan_id, c->answer_item_id, seq);
			else
				html(r, " — <a href=\"/plans/%D#item-%D\">nội dung đã sửa</a>",
				     c->plan_id, c->answer_item_id);
		}
		html(r, " <span class=\"muted\">(%s)</span>", local_time(r, c->answered_at));
		if (*c->answer_text)
			html(r, "</p><p class=\"comment-text\">%s", c->answer_text);
		html(r, "</p>");
	} else {
		html(r,
		     "<p class=\"comment-answer\"><strong>Chưa trả lời</strong> <span"
		     " class=\"muted\">(đã chờ %d ngày)</span></p>",
		     r->ctx.today - c->created_day > 0 ? r->ctx.today - c->created_day : 0);
	}
	if (c->escalated_at) {
		html(r,
		     "<p class=\"comment-escalation\"><strong>Đã kiến nghị lên %s</strong> <span"
		     " class=\"muted\">(%s)</span>",
		     c->escalated_to_name, local_time(r, c->escalated_at));
		if (!*c->decision)
			html(r, " — đang chờ quyết định.</p>");
		else
			html(r, "</p><p class=\"comment-decision\"><strong>%s</strong>: %s</p>",
			     strcmp(c->decision, "upheld") == 0
				     ? "Quyết định: yêu cầu chủ kế hoạch tiếp thu"
				     : "Quyết định: không chấp nhận kiến nghị",
			     c->decision_text);
	}
}

static void answer_form(struct req *r, const char *options, const struct plan_comment *c)
{
	html(r,
	     "<details><summary>Trả lời</summary><form class=\"stack\" method=\"post\""
	     " action=\"/comments/%D/answer\">",
	     c->id);
	html_csrf_field(r);
	html(r, "<label>Cách trả lời <select name=\"answer\"><option value=\"accepted\">Tiếp thu"
		"</option><option value=\"explained\">Giải trình (không tiếp thu)</option>"
		"</select></label><label>Nội dung đã sửa hoặc thêm (khi tiếp thu) <select"
		" name=\"item_id\">");
	item_options(r, options, "(không gắn với nội dung nào)");
	html(r,
	     "</select></label><label>Nội dung trả lời (bắt buộc khi giải trình) <textarea"
	     " name=\"text\" rows=\"3\" maxlength=\"10000\"></textarea></label>"
	     "<p><button type=\"submit\" class=\"primary\">Trả lời</button></p></form></details>");
}

static void escalate_form(struct req *r, const struct plan_comment *c)
{
	html(r,
	     "<form class=\"inline\" method=\"post\" action=\"/comments/%D/escalate\""
	     " data-confirm=\"Kiến nghị đề nghị này lên cấp ủy quản lý?\">",
	     c->id);
	html_csrf_field(r);
	html(r, "<button type=\"submit\">Kiến nghị lên cấp ủy quản lý</button></form>");
}

static void decision_form(struct req *r, const struct plan_comment *c)
{
	html(r, "<form class=\"stack\" method=\"post\" action=\"/comments/%D/decision\">", c->id);
	html_csrf_field(r);
	html(r, "<label>Quyết định <select name=\"decision\"><option value=\"upheld\">Yêu cầu chủ"
		" kế hoạch tiếp thu</option><option value=\"dismissed\">Không chấp nhận kiến nghị"
		"</option></select></label><label>Nội dung quyết định <textarea name=\"text\""
		" rows=\"3\" required maxlength=\"10000\"></textarea></label><p><button"
		" type=\"submit\" class=\"primary\">Ghi quyết định</button></p></form>");
}

static void comment_block(struct req *r, const struct plan_view *v, const char *options,
			  const struct comment_view *cv)
{
	const struct plan_comment *c = &cv->c;
	html(r,
	     "<article class=\"comment%r\" id=\"comment-%D\"><p class=\"comment-head\"><strong>%s",
	     *c->answer ? "" : " open", c->id, kind_label(c));
	if (c->item_id) {
		int seq = item_seq(v, c->item_id);
		if (seq)
			html(r, "</strong> về <a href=\"#item-%D\">nội dung số %d</a>", c->item_id,
			     seq);
		else
			html(r, "</strong> về một nội dung đã bỏ khỏi kế hoạch");
	} else {
		html(r, "</strong> về toàn bộ kế hoạch");
	}
	if (c->on_behalf_org_id)
		html(r, " · Thay mặt <a href=\"/orgs/%D\">%s</a> (%s)", c->on_behalf_org_id,
		     c->on_behalf_name, c->author_name);
	else
		html(r, " · %s", c->author_name);
	html(r, " · <span class=\"muted\">%t, bản số %d</span></p><p class=\"comment-text\">%s</p>",
	     c->created_day, c->version, c->text);
	comment_state(r, v, c);
	if (!*c->answer && cv->rights.escalate_from && !cv->rights.escalate &&
	    r->ctx.today < cv->rights.escalate_from)
		html(r,
		     "<p class=\"muted\">Nếu chưa được trả lời, tập thể có thể kiến nghị lên cấp ủy"
		     " quản lý từ ngày %t.</p>",
		     cv->rights.escalate_from);
	if (cv->rights.answer)
		answer_form(r, options, c);
	if (cv->rights.escalate)
		escalate_form(r, c);
	if (cv->rights.decide)
		decision_form(r, c);
	html(r, "</article>");
}

static void new_comment_form(struct req *r, const struct plan_view *v, const char *options)
{
	struct kh_error e;
	html(r,
	     "<h3>Gửi góp ý, đề nghị</h3><form class=\"stack\" method=\"post\""
	     " action=\"/plans/%D/comments\">",
	     v->plan.id);
	html_csrf_field(r);
	html(r, "<label>Loại ý kiến <select name=\"kind\"><option value=\"comment\">Góp ý</option>"
		"<option value=\"request\">Đề nghị, yêu cầu thực hiện nội dung cụ thể</option>"
		"</select></label><label>Về <select name=\"item_id\">");
	item_options(r, options, "Toàn bộ kế hoạch");
	html(r, "</select></label><label>Người góp ý <select name=\"on_behalf_org_id\">");
	if (r->actor.person_id)
		html(r, "<option value=\"\">Cá nhân tôi</option>");
	for (int i = 0; i < v->n_recipients; i++) {
		kh_error_clear(&e);
		if (app_can_act_for_org(&r->ctx, v->recipients[i].org_id, &e) == 0)
			html(r, "<option value=\"%D\">Thay mặt %s</option>",
			     v->recipients[i].org_id, v->recipients[i].org_name);
	}
	html(r, "</select></label><label>Nội dung <textarea name=\"text\" rows=\"4\" required"
		" maxlength=\"10000\"></textarea></label><p><button type=\"submit\""
		" class=\"primary\">Gửi ý kiến</button></p></form>");
}

void web_plan_comments_section(struct req *r, const struct plan_view *v)
{
	struct kh_error err;
	struct comment_view *cv = NULL;
	int n = 0;
	const char *options = item_options_html(r, v);
	html(r, "<section class=\"comments\" id=\"comments\"><h2>Góp ý, đề nghị</h2>");
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	if (app_comment_list(&r->ctx, v->plan.id, &cv, &n, &err) != 0) {
		html_error_box(r, &err);
	} else if (n == 0) {
		html(r, "<p class=\"muted\">Chưa có góp ý, đề nghị nào.</p>");
	} else {
		int open = 0;
		for (int i = 0; i < n; i++)
			open += !*cv[i].c.answer;
		html(r, "<p class=\"muted\">%d ý kiến, %d chưa được trả lời.</p>", n, open);
		for (int i = 0; i < n; i++)
			comment_block(r, v, options, &cv[i]);
	}
	if (v->rights.comment)
		new_comment_form(r, v, options);
	html(r, "</section>");
}

/* ---- form posts ---- */

/* A refused form: the message and a link back to the plan (0 = inbox). */
static void form_failed(struct req *r, int64_t plan_id, const struct kh_error *e)
{
	if (e->code == KH_EUNAUTH || e->code == KH_EINTERNAL || e->code == KH_EIO) {
		resp_error(r, e);
		return;
	}
	page_begin(r, "Không thực hiện được");
	html(r, "<h1>Không thực hiện được</h1>");
	html_error_box(r, e);
	if (plan_id)
		html(r,
		     "<p><a class=\"button\" href=\"/plans/%D#comments\">Quay lại kế hoạch</a></p>",
		     plan_id);
	else
		html(r, "<p><a class=\"button\" href=\"/inbox\">Quay lại Hộp thư</a></p>");
	page_end(r);
	resp_html(r, http_status_for(e->code));
}

static void form_done(struct req *r, const struct plan_comment *c, const char *notice)
{
	resp_redirect(r, arena_printf(&r->arena, "/plans/%lld?notice=%s#comment-%lld",
				      (long long)c->plan_id, notice, (long long)c->id));
}

/* The plan of a comment for the link back, or 0. */
static int64_t plan_of_comment(struct req *r, int64_t id)
{
	struct comment_view cv;
	struct kh_error e;
	return app_comment_get(&r->ctx, id, &cv, &e) == 0 ? cv.c.plan_id : 0;
}

static void form_comment(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	struct comment_input in = {.item_id = req_param_int(r, "item_id", 0),
				   .kind = nz(req_param(r, "kind")),
				   .on_behalf_org_id = req_param_int(r, "on_behalf_org_id", 0),
				   .text = nz(req_param(r, "text"))};
	if (app_comment_create(&r->ctx, r->ids[0], &in, &c, &err) != 0) {
		form_failed(r, err.code == KH_ENOTFOUND ? 0 : r->ids[0], &err);
		return;
	}
	form_done(r, &c, "commented");
}

static void form_answer(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	if (app_comment_answer(&r->ctx, r->ids[0], nz(req_param(r, "answer")),
			       nz(req_param(r, "text")), req_param_int(r, "item_id", 0), &c,
			       &err) != 0) {
		form_failed(r, plan_of_comment(r, r->ids[0]), &err);
		return;
	}
	form_done(r, &c, "comment_answered");
}

static void form_escalate(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	if (app_comment_escalate(&r->ctx, r->ids[0], &c, &err) != 0) {
		form_failed(r, plan_of_comment(r, r->ids[0]), &err);
		return;
	}
	form_done(r, &c, "escalated");
}

static void form_decision(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	if (app_comment_decide(&r->ctx, r->ids[0], nz(req_param(r, "decision")),
			       nz(req_param(r, "text")), &c, &err) != 0) {
		form_failed(r, plan_of_comment(r, r->ids[0]), &err);
		return;
	}
	form_done(r, &c, "decided");
}

/* ---- the inbox ---- */

static const char *inbox_url(struct req *r, int64_t offset)
{
	static const char *const keep[] = {"unread"};
	return req_page_url(r, "/inbox", keep, (int)KH_ARRAY_LEN(keep), offset);
}

static void read_button(struct req *r, int64_t id, const char *label)
{
	html(r, "<form class=\"inline\" method=\"post\" action=\"/inbox/read\">");
	html_csrf_field(r);
	if (id)
		html(r, "<input type=\"hidden\" name=\"id\" value=\"%D\">", id);
	html(r, "<button type=\"submit\">%s</button></form>", label);
}

static const char *plan_title(struct req *r, int64_t plan_id)
{
	struct plan p;
	struct plan_rights pr;
	struct kh_error e;
	if (app_plan_rights(&r->ctx, plan_id, &p, &pr, &e) == 0 && p.title)
		return p.title;
	return arena_printf(&r->arena, "Kế hoạch số %lld", (long long)plan_id);
}

static void escalations_block(struct req *r)
{
	struct kh_error err;
	struct comment_view *cv = NULL;
	int n = 0;
	if (app_comment_escalations(&r->ctx, &cv, &n, &err) != 0) {
		html_error_box(r, &err);
		return;
	}
	if (n == 0)
		return;
	html(r, "<h2>Kiến nghị chờ quyết định</h2>");
	for (int i = 0; i < n; i++) {
		const struct plan_comment *c = &cv[i].c;
		html(r,
		     "<article class=\"comment open\" id=\"escalation-%D\"><p class=\"comment-head\">"
		     "<strong>Kiến nghị của %s</strong> về <a href=\"/plans/%D#comment-%D\">%s</a>"
		     " · <span class=\"muted\">đề nghị ngày %t, kiến nghị lên %s ngày %s</span></p>"
		     "<p class=\"comment-text\">%s</p>",
		     c->id, c->on_behalf_name, c->plan_id, c->id, plan_title(r, c->plan_id),
		     c->created_day, c->escalated_to_name, local_time(r, c->escalated_at), c->text);
		decision_form(r, c);
		html(r, "</article>");
	}
}

static void inbox_page(struct req *r)
{
	struct kh_error err;
	struct notification_page page;
	bool unread = req_param_bool(r, "unread");
	int64_t offset = req_param_int(r, "offset", 0);
	if (offset < 0 || offset > 100000000) {
		resp_fail(r, KH_EINVAL, "Tham số offset không hợp lệ");
		return;
	}
	if (app_notify_list(&r->ctx, unread, INBOX_PAGE, (int)offset, &page, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	page_begin(r, "Hộp thư");
	html(r, "<h1>Hộp thư</h1>");
	const char *notice = notice_text(req_param(r, "notice"));
	if (notice)
		html_notice(r, "ok", notice);
	escalations_block(r);
	html(r, "<h2>Thông báo</h2><p>");
	if (unread)
		html(r, "<a href=\"/inbox\">Xem tất cả</a>");
	else
		html(r, "<a href=\"/inbox?unread=1\">Chỉ xem thông báo chưa đọc</a>");
	html(r, " · %D chưa đọc.</p>", page.unread);
	if (page.unread > 0)
		read_button(r, 0, "Đánh dấu tất cả đã đọc");
	if (page.n == 0) {
		html(r, "<p class=\"muted\">Không có thông báo nào.</p>");
	} else {
		html(r, "<table class=\"inbox\"><thead><tr><th>Thời gian</th><th>Nội dung</th>"
			"<th></th></tr></thead><tbody>");
		for (int i = 0; i < page.n; i++) {
			const struct notification *n = &page.items[i];
			html(r, "<tr id=\"notification-%D\"%r><td>%s</td><td>", n->id,
			     n->read ? "" : " class=\"unread\"", local_time(r, n->created_at));
			if (!n->read)
				html(r, "<strong>");
			if (*n->link)
				html(r, "<a href=\"%s\">%s</a>", n->link, n->text);
			else
				html(r, "%s", n->text);
			html(r, "%r</td><td>", n->read ? "" : "</strong>");
			if (!n->read)
				read_button(r, n->id, "Đánh dấu đã đọc");
			html(r, "</td></tr>");
		}
		html(r, "</tbody></table>");
	}
	html(r, "<nav class=\"pager\">");
	if (page.offset > 0)
		html(r, "<a class=\"button\" rel=\"prev\" href=\"%s\">‹ Trang trước</a> ",
		     inbox_url(r, page.offset > page.limit ? page.offset - page.limit : 0));
	if ((int64_t)page.offset + page.n < page.total)
		html(r, "<a class=\"button\" rel=\"next\" href=\"%s\">Trang sau ›</a>",
		     inbox_url(r, (int64_t)page.offset + page.limit));
	html(r, "</nav>");
	page_end(r);
	resp_html(r, 200);
}

static void inbox_read(struct req *r)
{
	struct kh_error err;
	if (app_notify_mark_read(&r->ctx, req_param_int(r, "id", 0), &err) != 0) {
		form_failed(r, 0, &err);
		return;
	}
	resp_redirect(r, "/inbox?notice=read");
}

/* ---- API ---- */

static json_t *view_json(const struct comment_view *cv)
{
	json_t *j = app_comment_json(&cv->c);
	char iso[11] = "";
	if (cv->rights.escalate_from)
		date_format_iso(cv->rights.escalate_from, iso);
	json_object_set_new(j, "rights",
			    json_pack("{s:b, s:b, s:o, s:b}", "answer", cv->rights.answer,
				      "escalate", cv->rights.escalate, "escalate_from",
				      *iso ? json_string(iso) : json_null(), "decide",
				      cv->rights.decide));
	return j;
}

/* Answers with the comment as the actor now sees it. */
static void api_comment_answer(struct req *r, int64_t id, int status)
{
	struct kh_error err;
	struct comment_view cv;
	if (app_comment_get(&r->ctx, id, &cv, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, status, view_json(&cv));
}

static int need_json(struct req *r, struct kh_error *err)
{
	if (!r->json || !json_is_object(r->json))
		return kh_fail(err, KH_EINVAL, NULL,
			       "Cần gửi một đối tượng JSON (Content-Type: application/json)");
	return 0;
}

static void api_create(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	struct comment_input in = {0};
	if (need_json(r, &err) ||
	    json_field_int(r, "item_id", false, 1, INT64_MAX, &in.item_id, &err) ||
	    json_field_text(r, "kind", true, false, &in.kind, &err) ||
	    json_field_int(r, "on_behalf_org_id", false, 1, INT64_MAX, &in.on_behalf_org_id,
			   &err) ||
	    json_field_text(r, "text", true, true, &in.text, &err) ||
	    app_comment_create(&r->ctx, r->ids[0], &in, &c, &err)) {
		resp_error(r, &err);
		return;
	}
	api_comment_answer(r, c.id, 201);
}

static void api_list(struct req *r)
{
	struct kh_error err;
	struct comment_view *cv = NULL;
	int n = 0;
	if (app_comment_list(&r->ctx, r->ids[0], &cv, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(a, view_json(&cv[i]));
	resp_json(r, 200, json_pack("{s:o}", "comments", a));
}

static void api_answer(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	const char *answer = NULL, *text = NULL;
	int64_t item = 0;
	if (need_json(r, &err) || json_field_text(r, "answer", true, false, &answer, &err) ||
	    json_field_text(r, "text", false, true, &text, &err) ||
	    json_field_int(r, "item_id", false, 1, INT64_MAX, &item, &err) ||
	    app_comment_answer(&r->ctx, r->ids[0], answer, text, item, &c, &err)) {
		resp_error(r, &err);
		return;
	}
	api_comment_answer(r, c.id, 200);
}

static void api_escalate(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	if (app_comment_escalate(&r->ctx, r->ids[0], &c, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	api_comment_answer(r, c.id, 200);
}

static void api_decision(struct req *r)
{
	struct kh_error err;
	struct plan_comment c;
	const char *decision = NULL, *text = NULL;
	if (need_json(r, &err) || json_field_text(r, "decision", true, false, &decision, &err) ||
	    json_field_text(r, "text", true, true, &text, &err) ||
	    app_comment_decide(&r->ctx, r->ids[0], decision, text, &c, &err)) {
		resp_error(r, &err);
		return;
	}
	api_comment_answer(r, c.id, 200);
}

static void api_escalations(struct req *r)
{
	struct kh_error err;
	struct comment_view *cv = NULL;
	int n = 0;
	if (app_comment_escalations(&r->ctx, &cv, &n, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < n; i++) {
		json_t *j = view_json(&cv[i]);
		json_object_set_new(j, "plan_title", json_string(plan_title(r, cv[i].c.plan_id)));
		json_array_append_new(a, j);
	}
	resp_json(r, 200, json_pack("{s:o}", "escalations", a));
}

static void api_notifications(struct req *r)
{
	struct kh_error err;
	struct notification_page page;
	int64_t limit = req_param_int(r, "limit", 50), offset = req_param_int(r, "offset", 0);
	if (limit < 1 || limit > 200 || offset < 0 || offset > 100000000) {
		resp_fail(r, KH_EINVAL,
			  "Tham số không hợp lệ: limit từ 1 đến 200, offset không âm");
		return;
	}
	if (app_notify_list(&r->ctx, req_param_bool(r, "unread"), (int)limit, (int)offset, &page,
			    &err) != 0) {
		resp_error(r, &err);
		return;
	}
	json_t *a = json_array();
	for (int i = 0; i < page.n; i++)
		json_array_append_new(a, app_notification_json(&page.items[i]));
	resp_json(r, 200,
		  json_pack("{s:o, s:I, s:I, s:i, s:i}", "notifications", a, "total",
			    (json_int_t)page.total, "unread", (json_int_t)page.unread, "limit",
			    page.limit, "offset", page.offset));
}

static void api_mark(struct req *r, int64_t id)
{
	struct kh_error err;
	int64_t unread = 0;
	if (app_notify_mark_read(&r->ctx, id, &err) != 0 ||
	    app_notify_unread(&r->ctx, &unread, &err) != 0) {
		resp_error(r, &err);
		return;
	}
	resp_json(r, 200, json_pack("{s:I}", "unread", (json_int_t)unread));
}

static void api_read(struct req *r)
{
	api_mark(r, r->ids[0]);
}

static void api_read_all(struct req *r)
{
	api_mark(r, 0);
}

static const struct route routes[] = {
	{HTTP_POST,
	 "/plans/{id}/comments",
	 form_comment,
	 0,
	 {{"kind", P_TEXT}, {"item_id", P_ID}, {"on_behalf_org_id", P_ID}, {"text", P_LONGTEXT}},
	 NULL},
	{HTTP_POST,
	 "/comments/{id}/answer",
	 form_answer,
	 0,
	 {{"answer", P_TEXT}, {"item_id", P_ID}, {"text", P_LONGTEXT}},
	 NULL},
	{HTTP_POST, "/comments/{id}/escalate", form_escalate, 0, {{0}}, NULL},
	{HTTP_POST,
	 "/comments/{id}/decision",
	 form_decision,
	 0,
	 {{"decision", P_TEXT}, {"text", P_LONGTEXT}},
	 NULL},
	{HTTP_GET,
	 "/inbox",
	 inbox_page,
	 0,
	 {{"unread", P_BOOL}, {"offset", P_INT}, {"notice", P_TEXT}},
	 NULL},
	{HTTP_POST, "/inbox/read", inbox_read, 0, {{"id", P_ID}}, NULL},

	{HTTP_POST, "/api/v1/plans/{id}/comments", api_create, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/plans/{id}/comments", api_list, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/comments/{id}/answer", api_answer, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/comments/{id}/escalate", api_escalate, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/comments/{id}/decision", api_decision, 0, {{0}}, NULL},
	{HTTP_GET, "/api/v1/escalations", api_escalations, 0, {{0}}, NULL},
	{HTTP_GET,
	 "/api/v1/notifications",
	 api_notifications,
	 0,
	 {{"unread", P_BOOL}, {"limit", P_INT}, {"offset", P_INT}},
	 NULL},
	{HTTP_POST, "/api/v1/notifications/{id}/read", api_read, 0, {{0}}, NULL},
	{HTTP_POST, "/api/v1/notifications/read-all", api_read_all, 0, {{0}}, NULL},
};

struct route_list web_routes_comment(void)
{
	return ROUTES(routes);
}
