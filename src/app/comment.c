/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Comments, requests, answers, escalations and decisions (see app/comment.h).
 * The plan's read and owner rights come from app_plan_rights(); the rest is
 * judged here against the comment's row: who acts for a recipient org, the
 * collective a request was made for, the committee it was escalated to. The
 * escalation's committee is computed from the tree when the request is
 * escalated and kept on the row, so a later change of the tree does not move
 * a pending decision. Each use case writes the comment, its notifications
 * and the audit entry in one transaction; the completing writes are guarded
 * in the store so that two concurrent answers cannot both succeed.
 */
#include "core/common.h"
#include "app/comment.h"
#include "app/notify.h"
#include "app/plan.h"
#include "core/date.h"
#include "core/num.h"
#include "store/comment.h"
#include "store/notify.h"
#include "store/org.h"
#include "store/person.h"
#include "text/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXCERPT_MAX 80 /* characters of a comment quoted in a notification */

static const char *nz(const char *s)
{
	return s ? s : "";
}

static json_t *time_or_null(int64_t t)
{
	char iso[32];
	return t ? json_string(date_format_timestamp(t, iso)) : json_null();
}

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *app_comment_json(const struct plan_comment *c)
{
	json_t *j = json_object();
	json_object_set_new(j, "id", json_integer(c->id));
	json_object_set_new(j, "plan_id", json_integer(c->plan_id));
	json_object_set_new(j, "item_id", id_or_null(c->item_id));
	json_object_set_new(j, "version", json_integer(c->version));
	json_object_set_new(j, "kind", json_string(plan_comment_kind_name(c->kind)));
	json_object_set_new(j, "author",
			    json_pack("{s:o, s:o, s:s}", "user_id", id_or_null(c->author_user_id),
				      "person_id", id_or_null(c->author_person_id), "name",
				      nz(c->author_name)));
	json_object_set_new(j, "on_behalf",
			    c->on_behalf_org_id ? json_pack("{s:I, s:s}", "org_id",
							    (json_int_t)c->on_behalf_org_id, "name",
							    nz(c->on_behalf_name))
						: json_null());
	json_object_set_new(j, "text", json_string(nz(c->text)));
	json_object_set_new(j, "created_at", time_or_null(c->created_at));
	json_object_set_new(j, "answer",
			    *nz(c->answer) ? json_pack("{s:s, s:s, s:o, s:o}", "kind", c->answer,
						       "text", nz(c->answer_text), "item_id",
						       id_or_null(c->answer_item_id), "at",
						       time_or_null(c->answered_at))
					   : json_null());
	json_object_set_new(
		j, "escalation",
		c->escalated_at
			? json_pack("{s:o, s:I, s:s, s:o, s:s, s:o}", "at",
				    time_or_null(c->escalated_at), "to_org_id",
				    (json_int_t)c->escalated_to_org_id, "to_name",
				    nz(c->escalated_to_name), "decision",
				    *nz(c->decision) ? json_string(c->decision) : json_null(),
				    "decision_text", nz(c->decision_text), "decided_at",
				    time_or_null(c->decided_at))
			: json_null());
	return j;
}

static const char *json_text(struct app_ctx *ctx, const struct plan_comment *c)
{
	json_t *j = app_comment_json(c);
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!s)
		return NULL;
	const char *r = arena_strdup(ctx->arena, s);
	free(s);
	return r;
}

/* s on one line (each run of white space one space) and cut to max
 * characters with "…": an excerpt for a notification. */
static const char *clip(struct arena *a, const char *s, size_t max)
{
	size_t n = strlen(s), k = 0, chars = 0;
	char *out = arena_alloc(a, n + sizeof("…"));
	bool space = false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\v' ||
		    ch == '\f') {
			space = k > 0;
			continue;
		}
		if ((ch & 0xC0) != 0x80 && chars + (space ? 1 : 0) >= max) {
			memcpy(out + k, "…", sizeof("…"));
			return out;
		}
		if (space) {
			out[k++] = ' ';
			chars++;
			space = false;
		}
		if ((ch & 0xC0) != 0x80)
			chars++;
		out[k++] = (char)ch;
	}
	out[k] = '\0';
	return out;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A text field without leading and trailing white space and without CR
 * (its lines and inner spacing kept), checked for length and control
 * characters (newlines and tabs allowed). *out is arena-allocated; "" when
 * value is NULL. */
static int check_text(struct app_ctx *ctx, const char *field, const char *label, const char *value,
		      bool required, const char **out, struct kh_error *err)
{
	const char *v = nz(value);
	size_t n = strlen(v);
	while (n > 0 && is_space(*v)) {
		v++;
		n--;
	}
	while (n > 0 && is_space(v[n - 1]))
		n--;
	char *s = arena_alloc(ctx->arena, n + 1);
	size_t k = 0;
	*out = "";
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)v[i];
		if (ch == '\r')
			continue;
		if ((ch < 0x20 && ch != '\n' && ch != '\t') || ch == 0x7f)
			return kh_fail(err, KH_EINVAL, field, "%s không được chứa ký tự điều khiển",
				       label);
		s[k++] = (char)ch;
	}
	s[k] = '\0';
	if (required && !*s)
		return kh_fail(err, KH_EINVAL, field, "%s không được để trống", label);
	if (utf8_char_count(s) > COMMENT_TEXT_MAX)
		return kh_fail(err, KH_EINVAL, field, "%s dài quá %d ký tự", label,
			       COMMENT_TEXT_MAX);
	*out = s;
	return 0;
}

/* ---- the rules ---- */

/* The actor acts for org: 1 yes, 0 no, or a negative error. */
static int acts_for(struct app_ctx *ctx, int64_t org, struct kh_error *err)
{
	struct kh_error e;
	if (!org)
		return 0;
	int rc = app_can_act_for_org(ctx, org, &e);
	if (rc == 0)
		return 1;
	if (rc == KH_EFORBIDDEN)
		return 0;
	*err = e;
	return rc;
}

/* The number of days a request waits before it may be escalated. */
static int escalation_days(struct app_ctx *ctx, struct kh_error *err, int *days)
{
	const char *v = NULL;
	int64_t n;
	*days = ESCALATION_DAYS_DEFAULT;
	int rc = store_setting_get(ctx->store, ctx->arena, "plan.escalation_days", &v, err);
	if (rc == 0 && v && num_parse_i64(v, 0, 3650, &n) == 0)
		*days = (int)n;
	return rc;
}

int app_comment_escalation_days(struct app_ctx *ctx, int *days, struct kh_error *err)
{
	return escalation_days(ctx, err, days);
}

int app_comment_set_escalation_days(struct app_ctx *ctx, int days, struct kh_error *err)
{
	int rc, before;
	char value[16], old[16];
	if ((rc = app_require_admin(ctx, err)))
		return rc;
	if (days < 0 || days > 365)
		return kh_fail(err, KH_EINVAL, "escalation_days",
			       "Số ngày chờ trả lời trước khi kiến nghị phải từ 0 đến 365");
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = escalation_days(ctx, err, &before)))
		goto out;
	snprintf(value, sizeof(value), "%d", days);
	snprintf(old, sizeof(old), "%d", before);
	if ((rc = store_setting_set(ctx->store, "plan.escalation_days", value, err)))
		goto out;
	char b[64], a[64];
	snprintf(b, sizeof(b), "{\"plan.escalation_days\":%s}", old);
	snprintf(a, sizeof(a), "{\"plan.escalation_days\":%s}", value);
	if ((rc = app_audit(ctx, "setting.update", "setting", 0, b, a, err)))
		goto out;
	rc = store_commit(ctx->store, err);
out:
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

/* The nearest committee strictly above org, or 0. */
static int committee_above(struct app_ctx *ctx, int64_t org, int64_t *out, struct kh_error *err)
{
	int64_t *chain;
	int n;
	*out = 0;
	int rc = store_org_ancestors(ctx->store, ctx->arena, org, ctx->today, &chain, &n, err);
	for (int k = 1; rc == 0 && k < n && !*out; k++) {
		struct org o;
		rc = store_org_get_nearest(ctx->store, ctx->arena, chain[k], ctx->today, &o, err);
		if (rc == 0 && o.kind == ORG_COMMITTEE)
			*out = o.id;
	}
	return rc;
}

/* The committee that manages the plan's owner (app/comment.h "Escalate"). */
static int managing_committee(struct app_ctx *ctx, const struct plan *p, int64_t *out,
			      struct kh_error *err)
{
	int rc;
	*out = 0;
	if (p->owner_person_id) {
		struct person who;
		rc = store_person_get(ctx->store, ctx->arena, p->owner_person_id, &who, err);
		if (rc)
			return rc;
		if (who.managing_org_id)
			*out = who.managing_org_id;
		else if (who.member_org_id &&
			 (rc = committee_above(ctx, who.member_org_id, out, err)))
			return rc;
	} else if ((rc = committee_above(ctx, p->owner_org_id, out, err))) {
		return rc;
	}
	if (!*out)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Không xác định được cấp ủy quản lý của chủ kế hoạch để kiến nghị");
	return 0;
}

/* The day from which c may be escalated, or 0 when it never may. */
static int32_t escalate_from(const struct plan_comment *c, int days)
{
	if (c->kind != PLAN_COMMENT_REQUEST || !c->on_behalf_org_id || *nz(c->answer) ||
	    c->escalated_at)
		return 0;
	return c->created_day + days;
}

static int rights_of(struct app_ctx *ctx, const struct plan *p, const struct plan_comment *c,
		     const struct plan_rights *pr, int days, struct comment_rights *out,
		     struct kh_error *err)
{
	/* The owner of an individual plan does not escalate against himself. */
	bool self = p->owner_person_id && p->owner_person_id == ctx->actor->person_id;
	int rc;
	memset(out, 0, sizeof(*out));
	out->answer = pr->own && !*nz(c->answer);
	out->escalate_from = escalate_from(c, days);
	if (out->escalate_from && ctx->today >= out->escalate_from && !self) {
		if ((rc = acts_for(ctx, c->on_behalf_org_id, err)) < 0)
			return rc;
		out->escalate = rc == 1;
	}
	if (c->escalated_at && !*nz(c->decision)) {
		if ((rc = acts_for(ctx, c->escalated_to_org_id, err)) < 0)
			return rc;
		out->decide = rc == 1;
	}
	return 0;
}

static int plan_of(struct app_ctx *ctx, int64_t plan_id, struct plan *p, struct plan_rights *r,
		   struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = app_plan_rights(ctx, plan_id, p, r, err);
	if (rc)
		return rc;
	if (!r->read)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem kế hoạch này");
	return 0;
}

/* The comment and its plan, readable by the actor. */
static int comment_of(struct app_ctx *ctx, int64_t id, struct plan_comment *c, struct plan *p,
		      struct plan_rights *r, struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = store_comment_get(ctx->store, ctx->arena, id, ctx->today, c, err);
	if (rc)
		return rc;
	return plan_of(ctx, c->plan_id, p, r, err);
}

static const char *plan_link(struct app_ctx *ctx, int64_t plan_id, int64_t comment_id)
{
	return arena_printf(ctx->arena, "/plans/%lld#comment-%lld", (long long)plan_id,
			    (long long)comment_id);
}

static const char *who_of(struct app_ctx *ctx, const struct plan_comment *c)
{
	if (c->on_behalf_org_id)
		return arena_printf(ctx->arena, "%s (thay mặt %s)", nz(c->author_name),
				    nz(c->on_behalf_name));
	return nz(c->author_name);
}

/* The notification to the plan's owner side. */
static int notify_owner(struct app_ctx *ctx, const struct plan *p, const struct plan_comment *c,
			const char *kind, const char *text, struct kh_error *err)
{
	struct notification n = {.kind = kind,
				 .org_id = p->owner_org_id,
				 .person_id = p->owner_org_id ? 0 : p->owner_person_id,
				 .plan_id = p->id,
				 .comment_id = c->id,
				 .text = text,
				 .link = plan_link(ctx, p->id, c->id)};
	return app_notify(ctx, &n, err);
}

/* ---- use cases ---- */

int app_comment_create(struct app_ctx *ctx, int64_t plan_id, const struct comment_input *in,
		       struct plan_comment *out, struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	struct plan_comment c = {0};
	enum plan_comment_kind kind;
	int64_t *recipients = NULL;
	int nrec = 0, rc;
	bool recipient = false, acts_any = false;

	if ((rc = plan_of(ctx, plan_id, &p, &pr, err)))
		return rc;
	if (!in->kind || !plan_comment_kind_parse(in->kind, &kind))
		return kh_fail(err, KH_EINVAL, "kind",
			       "Loại ý kiến phải là «comment» (góp ý) hoặc «request» (đề nghị,"
			       " yêu cầu)");
	if ((rc = check_text(ctx, "text", "Nội dung góp ý", in->text, true, &c.text, err)))
		return rc;
	if (p.status != PLAN_COMMENT && p.status != PLAN_APPROVED && p.status != PLAN_ADJUSTING)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Kế hoạch %s: không nhận góp ý (chỉ khi đang lấy ý kiến, đã ban"
			       " hành hoặc đang điều chỉnh)",
			       plan_status_label(p.status));
	if ((rc = store_comment_recipient_orgs(ctx->store, ctx->arena, plan_id, &recipients, &nrec,
					       err)))
		return rc;
	for (int i = 0; i < nrec; i++) {
		if ((rc = acts_for(ctx, recipients[i], err)) < 0)
			return rc;
		acts_any = acts_any || rc == 1;
		recipient = recipient || recipients[i] == in->on_behalf_org_id;
	}
	if (!acts_any)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ các tổ chức nhận kế hoạch mới được góp ý, đề nghị");
	if (in->on_behalf_org_id) {
		if (!recipient)
			return kh_fail(err, KH_EINVAL, "on_behalf_org_id",
				       "Chỉ được góp ý thay mặt một tổ chức nhận kế hoạch");
		if ((rc = acts_for(ctx, in->on_behalf_org_id, err)) < 0)
			return rc;
		if (rc == 0)
			return kh_fail(err, KH_EFORBIDDEN, "on_behalf_org_id",
				       "Bạn không làm việc thay mặt tổ chức này");
	} else if (!ctx->actor->person_id) {
		return kh_fail(err, KH_EINVAL, "on_behalf_org_id",
			       "Tài khoản chưa gắn với đảng viên: hãy góp ý thay mặt tổ chức");
	}
	if (in->item_id) {
		int64_t owner;
		int seq;
		if ((rc = store_comment_item_plan(ctx->store, in->item_id, &owner, &seq, err)))
			return rc;
		if (owner != plan_id)
			return kh_fail(err, KH_EINVAL, "item_id",
				       "Nội dung số %lld không thuộc kế hoạch này",
				       (long long)in->item_id);
	}
	c.plan_id = plan_id;
	c.item_id = in->item_id;
	c.version = p.version;
	c.kind = kind;
	c.author_user_id = ctx->actor->user_id;
	c.author_person_id = ctx->actor->person_id;
	c.on_behalf_org_id = in->on_behalf_org_id;
	c.created_at = ctx->now;
	c.created_day = ctx->today;

	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	struct plan_comment row;
	rc = store_comment_insert(ctx->store, &c, &c.id, err);
	if (!rc)
		rc = store_comment_get(ctx->store, ctx->arena, c.id, ctx->today, &row, err);
	if (!rc) {
		const char *text = arena_printf(ctx->arena, "%s gửi %s về kế hoạch «%s»: %s",
						who_of(ctx, &row),
						kind == PLAN_COMMENT_REQUEST ? "đề nghị" : "góp ý",
						clip(ctx->arena, nz(p.title), EXCERPT_MAX),
						clip(ctx->arena, row.text, EXCERPT_MAX));
		rc = notify_owner(ctx, &p, &row, plan_comment_kind_name(kind), text, err);
	}
	if (!rc)
		rc = app_audit(ctx, "plan.comment", "plan_comment", c.id, NULL,
			       json_text(ctx, &row), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	if (out)
		*out = row;
	return 0;
}

int app_comment_answer(struct app_ctx *ctx, int64_t comment_id, const char *answer,
		       const char *text, int64_t answer_item_id, struct plan_comment *out,
		       struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	struct plan_comment c;
	const char *clean;
	bool done = false;
	int rc;

	if ((rc = comment_of(ctx, comment_id, &c, &p, &pr, err)))
		return rc;
	if (!pr.own)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ chủ kế hoạch mới được trả lời góp ý, đề nghị");
	bool accepted = answer && strcmp(answer, "accepted") == 0;
	if (!accepted && !(answer && strcmp(answer, "explained") == 0))
		return kh_fail(err, KH_EINVAL, "answer",
			       "Trả lời phải là «accepted» (tiếp thu) hoặc «explained» (giải"
			       " trình)");
	if ((rc = check_text(ctx, "text", accepted ? "Nội dung tiếp thu" : "Nội dung giải trình",
			     text, !accepted, &clean, err)))
		return rc;
	if (answer_item_id) {
		int64_t owner;
		int seq;
		if (!accepted)
			return kh_fail(err, KH_EINVAL, "item_id",
				       "Chỉ khi tiếp thu mới gắn với nội dung của kế hoạch");
		if ((rc = store_comment_item_plan(ctx->store, answer_item_id, &owner, &seq, err)))
			return rc;
		if (owner != c.plan_id)
			return kh_fail(err, KH_EINVAL, "item_id",
				       "Nội dung số %lld không thuộc kế hoạch này",
				       (long long)answer_item_id);
	}
	if (*c.answer)
		return kh_fail(err, KH_ECONFLICT, NULL, "Góp ý, đề nghị này đã được trả lời");

	const char *before = json_text(ctx, &c);
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_comment_set_answer(ctx->store, comment_id, accepted ? "accepted" : "explained",
				      clean, answer_item_id, ctx->now, ctx->actor->user_id, &done,
				      err);
	if (!rc && !done)
		rc = kh_fail(err, KH_ECONFLICT, NULL, "Góp ý, đề nghị này đã được trả lời");
	if (!rc)
		rc = store_comment_get(ctx->store, ctx->arena, comment_id, ctx->today, &c, err);
	if (!rc && (c.author_person_id || c.on_behalf_org_id)) {
		struct notification n = {
			.kind = "answer",
			.org_id = c.on_behalf_org_id,
			.person_id = c.author_person_id,
			.plan_id = c.plan_id,
			.comment_id = c.id,
			.text = arena_printf(ctx->arena, "%s đã %s %s về kế hoạch «%s»: %s",
					     nz(p.owner_name), accepted ? "tiếp thu" : "giải trình",
					     c.kind == PLAN_COMMENT_REQUEST ? "đề nghị" : "góp ý",
					     clip(ctx->arena, nz(p.title), EXCERPT_MAX),
					     clip(ctx->arena, c.text, EXCERPT_MAX)),
			.link = plan_link(ctx, c.plan_id, c.id)};
		rc = app_notify(ctx, &n, err);
	}
	if (!rc)
		rc = app_audit(ctx, "plan.answer", "plan_comment", comment_id, before,
			       json_text(ctx, &c), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	if (out)
		*out = c;
	return 0;
}

int app_comment_escalate(struct app_ctx *ctx, int64_t comment_id, struct plan_comment *out,
			 struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	struct plan_comment c;
	int64_t committee = 0;
	bool done = false;
	int days, rc;

	if ((rc = comment_of(ctx, comment_id, &c, &p, &pr, err)))
		return rc;
	if (c.kind != PLAN_COMMENT_REQUEST || !c.on_behalf_org_id)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Chỉ đề nghị của tập thể mới được kiến nghị lên cấp ủy quản lý");
	if ((rc = acts_for(ctx, c.on_behalf_org_id, err)) < 0)
		return rc;
	if (rc == 0 || (p.owner_person_id && p.owner_person_id == ctx->actor->person_id))
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ thành viên của %s mới được kiến nghị đề nghị này",
			       nz(c.on_behalf_name));
	if (*c.answer)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Đề nghị đã được trả lời: không kiến nghị được nữa");
	if (c.escalated_at)
		return kh_fail(err, KH_ECONFLICT, NULL, "Đề nghị này đã được kiến nghị lên %s",
			       nz(c.escalated_to_name));
	if ((rc = escalation_days(ctx, err, &days)))
		return rc;
	int32_t from = escalate_from(&c, days);
	if (ctx->today < from) {
		int y, m, d;
		date_to_ymd(from, &y, &m, &d);
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Chưa hết thời hạn %d ngày để chủ kế hoạch trả lời: được kiến nghị"
			       " từ ngày %02d/%02d/%04d",
			       days, d, m, y);
	}
	if ((rc = managing_committee(ctx, &p, &committee, err)))
		return rc;

	const char *before = json_text(ctx, &c);
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_comment_set_escalation(ctx->store, comment_id, committee, ctx->now,
					  ctx->actor->user_id, &done, err);
	if (!rc && !done)
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Đề nghị đã được trả lời hoặc đã được kiến nghị");
	if (!rc)
		rc = store_comment_get(ctx->store, ctx->arena, comment_id, ctx->today, &c, err);
	if (!rc) {
		struct notification n = {
			.kind = "escalation",
			.org_id = committee,
			.plan_id = c.plan_id,
			.comment_id = c.id,
			.text = arena_printf(
				ctx->arena,
				"%s kiến nghị: đề nghị về kế hoạch «%s» của %s chưa"
				" được trả lời sau %d ngày: %s",
				nz(c.on_behalf_name), clip(ctx->arena, nz(p.title), EXCERPT_MAX),
				nz(p.owner_name), days, clip(ctx->arena, c.text, EXCERPT_MAX)),
			.link = plan_link(ctx, c.plan_id, c.id)};
		rc = app_notify(ctx, &n, err);
	}
	if (!rc)
		rc = app_audit(ctx, "plan.escalate", "plan_comment", comment_id, before,
			       json_text(ctx, &c), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	if (out)
		*out = c;
	return 0;
}

int app_comment_decide(struct app_ctx *ctx, int64_t comment_id, const char *decision,
		       const char *text, struct plan_comment *out, struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	struct plan_comment c;
	const char *clean;
	bool done = false;
	int rc;

	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_comment_get(ctx->store, ctx->arena, comment_id, ctx->today, &c, err)))
		return rc;
	if (!c.escalated_at)
		return kh_fail(err, KH_ECONFLICT, NULL, "Đề nghị này chưa được kiến nghị");
	if ((rc = acts_for(ctx, c.escalated_to_org_id, err)) < 0)
		return rc;
	if (rc == 0)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Chỉ %s mới được quyết định kiến nghị này",
			       nz(c.escalated_to_name));
	/* The committee reads the plan even outside its usual scope: the
	 * escalation brought it there. */
	if ((rc = app_plan_rights(ctx, c.plan_id, &p, &pr, err)))
		return rc;
	bool upheld = decision && strcmp(decision, "upheld") == 0;
	if (!upheld && !(decision && strcmp(decision, "dismissed") == 0))
		return kh_fail(err, KH_EINVAL, "decision",
			       "Quyết định phải là «upheld» (yêu cầu tiếp thu) hoặc «dismissed»"
			       " (không chấp nhận kiến nghị)");
	if ((rc = check_text(ctx, "text", "Nội dung quyết định", text, true, &clean, err)))
		return rc;
	if (*c.decision)
		return kh_fail(err, KH_ECONFLICT, NULL, "Kiến nghị này đã có quyết định");

	const char *before = json_text(ctx, &c);
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_comment_set_decision(ctx->store, comment_id, upheld ? "upheld" : "dismissed",
					clean, ctx->now, ctx->actor->user_id, &done, err);
	if (!rc && !done)
		rc = kh_fail(err, KH_ECONFLICT, NULL, "Kiến nghị này đã có quyết định");
	if (!rc)
		rc = store_comment_get(ctx->store, ctx->arena, comment_id, ctx->today, &c, err);
	const char *ntext =
		rc ? ""
		   : arena_printf(ctx->arena, "%s %s kiến nghị của %s về kế hoạch «%s»: %s",
				  nz(c.escalated_to_name),
				  upheld ? "yêu cầu tiếp thu" : "không chấp nhận",
				  nz(c.on_behalf_name), clip(ctx->arena, nz(p.title), EXCERPT_MAX),
				  clip(ctx->arena, clean, EXCERPT_MAX));
	if (!rc)
		rc = notify_owner(ctx, &p, &c, "decision", ntext, err);
	if (!rc && c.on_behalf_org_id != p.owner_org_id) {
		struct notification n = {.kind = "decision",
					 .org_id = c.on_behalf_org_id,
					 .plan_id = c.plan_id,
					 .comment_id = c.id,
					 .text = ntext,
					 .link = plan_link(ctx, c.plan_id, c.id)};
		rc = app_notify(ctx, &n, err);
	}
	if (!rc)
		rc = app_audit(ctx, "plan.decide", "plan_comment", comment_id, before,
			       json_text(ctx, &c), err);
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc) {
		store_rollback(ctx->store);
		return rc;
	}
	if (out)
		*out = c;
	return 0;
}

int app_comment_list(struct app_ctx *ctx, int64_t plan_id, struct comment_view **out, int *n,
		     struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	struct plan_comment *v = NULL;
	int count = 0, days, rc;
	*out = NULL;
	*n = 0;
	if ((rc = plan_of(ctx, plan_id, &p, &pr, err)) || (rc = escalation_days(ctx, err, &days)) ||
	    (rc = store_comment_list(ctx->store, ctx->arena, plan_id, ctx->today, &v, &count, err)))
		return rc;
	struct comment_view *cv = arena_alloc(ctx->arena, sizeof(*cv) * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		cv[i].c = v[i];
		if ((rc = rights_of(ctx, &p, &v[i], &pr, days, &cv[i].rights, err)))
			return rc;
	}
	*out = cv;
	*n = count;
	return 0;
}

int app_comment_get(struct app_ctx *ctx, int64_t comment_id, struct comment_view *out,
		    struct kh_error *err)
{
	struct plan p;
	struct plan_rights pr;
	int days, rc;
	memset(out, 0, sizeof(*out));
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = store_comment_get(ctx->store, ctx->arena, comment_id, ctx->today, &out->c, err)))
		return rc;
	if ((rc = app_plan_rights(ctx, out->c.plan_id, &p, &pr, err)))
		return rc;
	if (!pr.read) {
		/* The committee an escalation went to sees the comment. */
		if ((rc = acts_for(ctx, out->c.escalated_to_org_id, err)) < 0)
			return rc;
		if (rc == 0)
			return kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền xem kế hoạch này");
	}
	if ((rc = escalation_days(ctx, err, &days)))
		return rc;
	return rights_of(ctx, &p, &out->c, &pr, days, &out->rights, err);
}

int app_comment_escalations(struct app_ctx *ctx, struct comment_view **out, int *n,
			    struct kh_error *err)
{
	struct plan_comment *v = NULL;
	int count = 0, kept = 0, days, rc;
	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = escalation_days(ctx, err, &days)) ||
	    (rc = store_comment_escalations(ctx->store, ctx->arena, ctx->today, &v, &count, err)))
		return rc;
	struct comment_view *cv = arena_alloc(ctx->arena, sizeof(*cv) * (size_t)(count + 1));
	for (int i = 0; i < count; i++) {
		if ((rc = acts_for(ctx, v[i].escalated_to_org_id, err)) < 0)
			return rc;
		if (rc == 0)
			continue;
		memset(&cv[kept], 0, sizeof(cv[kept]));
		cv[kept].c = v[i];
		cv[kept].rights.decide = true;
		kept++;
	}
	*out = cv;
	*n = kept;
	return 0;
}
