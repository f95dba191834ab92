/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Report campaigns (app/report.h): opening a campaign with its reports in
 * one transaction, the timeliness of each report against its due day, the
 * drafting, submission and decisions of the upper org (accept locks the
 * figures, reopen unlocks them — by store_report_lock_figures inside the
 * same transaction), the filings after the conference, the reminders as
 * digests, and the report and the campaign's letter as official documents
 * (export/doc.h, with the header and signature of app/export.h).
 */
#include "core/common.h"
#include "app/report.h"
#include "app/document.h"
#include "app/export.h"
#include "app/indicator.h"
#include "app/notify.h"
#include "app/progress.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/model.h"
#include "export/doc.h"
#include "export/docx.h"
#include "export/pdf.h"
#include "store/document.h"
#include "store/org.h"
#include "store/progress.h"

#include <string.h>

/* ---- labels ---- */

static const char *const KINDS[][2] = {
	{"half_year", "Báo cáo 6 tháng"},
	{"annual", "Báo cáo năm"},
	{"mid_term", "Sơ kết giữa nhiệm kỳ"},
	{"final", "Tổng kết"},
};

const char *app_report_kind_label(const char *kind)
{
	for (size_t i = 0; kind && i < KH_ARRAY_LEN(KINDS); i++)
		if (strcmp(kind, KINDS[i][0]) == 0)
			return KINDS[i][1];
	return NULL;
}

static const char *const OUTLINE_HALF_YEAR[] = {
	"I. Kết quả lãnh đạo, chỉ đạo thực hiện nhiệm vụ 6 tháng đầu năm",
	"II. Hạn chế, nguyên nhân",
	"III. Nhiệm vụ, giải pháp trọng tâm 6 tháng cuối năm",
	"Phụ lục: Số liệu các chỉ tiêu",
};
static const char *const OUTLINE_ANNUAL[] = {
	"I. Kết quả thực hiện nhiệm vụ năm", "II. Hạn chế, khuyết điểm và nguyên nhân",
	"III. Bài học kinh nghiệm",	     "IV. Phương hướng, nhiệm vụ năm tới",
	"Phụ lục: Số liệu các chỉ tiêu",
};
static const char *const OUTLINE_MID_TERM[] = {
	"I. Đánh giá kết quả thực hiện nghị quyết đại hội nửa đầu nhiệm kỳ",
	"II. Hạn chế, nguyên nhân và bài học kinh nghiệm",
	"III. Phương hướng, nhiệm vụ, giải pháp nửa nhiệm kỳ còn lại",
	"Phụ lục: Số liệu các chỉ tiêu",
};
static const char *const OUTLINE_FINAL[] = {
	"I. Kết quả thực hiện nghị quyết đại hội nhiệm kỳ",
	"II. Hạn chế, khuyết điểm, nguyên nhân",
	"III. Bài học kinh nghiệm",
	"IV. Phương hướng, mục tiêu, nhiệm vụ nhiệm kỳ tới",
	"Phụ lục: Số liệu các chỉ tiêu",
};

void app_report_default_outline(const char *kind, const char *const **out, int *n)
{
	if (kind && strcmp(kind, "half_year") == 0) {
		*out = OUTLINE_HALF_YEAR;
		*n = (int)KH_ARRAY_LEN(OUTLINE_HALF_YEAR);
	} else if (kind && strcmp(kind, "annual") == 0) {
		*out = OUTLINE_ANNUAL;
		*n = (int)KH_ARRAY_LEN(OUTLINE_ANNUAL);
	} else if (kind && strcmp(kind, "final") == 0) {
		*out = OUTLINE_FINAL;
		*n = (int)KH_ARRAY_LEN(OUTLINE_FINAL);
	} else {
		*out = OUTLINE_MID_TERM;
		*n = (int)KH_ARRAY_LEN(OUTLINE_MID_TERM);
	}
}

const char *report_timeliness_name(enum report_timeliness t)
{
	static const char *const N[] = {"pending", "on_time", "late", "missing", "returned"};
	return (unsigned)t < KH_ARRAY_LEN(N) ? N[t] : "";
}

const char *report_timeliness_label(enum report_timeliness t)
{
	static const char *const N[] = {"Chưa đến hạn", "Đúng hạn", "Muộn", "Chưa nộp (quá hạn)",
					"Trả lại"};
	return (unsigned)t < KH_ARRAY_LEN(N) ? N[t] : "";
}

const char *report_status_label(const char *status)
{
	static const char *const S[][2] = {{"draft", "Đang soạn"},
					   {"submitted", "Đã gửi"},
					   {"returned", "Trả lại"},
					   {"accepted", "Đã chấp nhận"}};
	for (size_t i = 0; status && i < KH_ARRAY_LEN(S); i++)
		if (strcmp(status, S[i][0]) == 0)
			return S[i][1];
	return "";
}

static enum report_timeliness timeliness(const struct report_row *r, int32_t today)
{
	if (strcmp(r->status, "returned") == 0)
		return REPORT_RETURNED;
	if (strcmp(r->status, "submitted") == 0 || strcmp(r->status, "accepted") == 0)
		return r->submitted_day && r->submitted_day > r->due_day ? REPORT_LATE
									 : REPORT_ON_TIME;
	return today > r->due_day ? REPORT_MISSING : REPORT_PENDING;
}

static const char *day_text(struct app_ctx *ctx, int32_t day)
{
	int y, m, d;
	if (!day)
		return "";
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(ctx->arena, "%02d/%02d/%d", d, m, y);
}

static const char *years_text(struct app_ctx *ctx, int from, int to)
{
	return from == to ? arena_printf(ctx->arena, "năm %d", from)
			  : arena_printf(ctx->arena, "giai đoạn %d–%d", from, to);
}

static const char *json_text(struct app_ctx *ctx, json_t *j)
{
	if (!j)
		return NULL;
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(j);
	if (!s)
		return NULL;
	const char *r = arena_strdup(ctx->arena, s);
	free(s);
	return r;
}

static int copy_err(struct kh_error *err, const struct kh_error *e, int rc)
{
	kh_fail(err, e->code ? e->code : rc, e->field[0] ? e->field : NULL, "%s", e->message);
	return rc;
}

/* A multi-line text: no control characters but line breaks and tabs, at
 * most max characters; required ones not blank. */
static int check_long(const char *field, const char *label, const char *value, size_t max,
		      bool required, struct kh_error *err)
{
	bool blank = true;
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)(value ? value : ""); *p; p++) {
		if ((*p < 0x20 && *p != '\n' && *p != '\r' && *p != '\t') || *p == 0x7f)
			return kh_fail(err, KH_EINVAL, field, "%s không được chứa ký tự điều khiển",
				       label);
		if (*p != ' ' && *p != '\n' && *p != '\r' && *p != '\t')
			blank = false;
		chars += (*p & 0xC0) != 0x80;
	}
	if (required && blank)
		return kh_fail(err, KH_EINVAL, field, "%s không được để trống", label);
	if (chars > max)
		return kh_fail(err, KH_EINVAL, field, "%s dài quá %zu ký tự", label, max);
	return 0;
}

/* ---- who may ---- */

/* The actor keeps org's plans: a position in it or in its Văn phòng; admins
 * and the system (the rule of app/plan.c for the owner of a plan). */
static int owns_org(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	int rc;
	*yes = false;
	if (!org)
		return 0;
	if (app_sees_all(ctx)) {
		*yes = true;
		return 0;
	}
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	const struct actor *a = ctx->actor;
	for (int i = 0; i < a->n_act_orgs && !*yes; i++) {
		if (a->act_orgs[i] == org) {
			*yes = true;
			break;
		}
		struct org o;
		struct kh_error e = {0};
		rc = store_org_get_nearest(ctx->store, ctx->arena, a->act_orgs[i], ctx->today, &o,
					   &e);
		if (rc == KH_ENOTFOUND)
			continue;
		if (rc)
			return copy_err(err, &e, rc);
		*yes = o.kind == ORG_OFFICE && o.parent_id == org;
	}
	return 0;
}

static int reads(struct app_ctx *ctx, int64_t org, bool *yes, struct kh_error *err)
{
	struct kh_error e = {0};
	*yes = false;
	int rc = app_can_read_org(ctx, org, &e);
	if (rc == 0)
		*yes = true;
	else if (rc != KH_EFORBIDDEN && rc != KH_ENOTFOUND)
		return copy_err(err, &e, rc);
	return 0;
}

/* ---- loading ---- */

static int parse_outline(struct app_ctx *ctx, const char *text, const char ***out, int *n)
{
	json_error_t je;
	json_t *j = json_loads(text, 0, &je);
	*out = NULL;
	*n = 0;
	if (!json_is_array(j)) {
		json_decref(j);
		return 0;
	}
	size_t cnt = json_array_size(j);
	const char **v = arena_alloc(ctx->arena, sizeof(*v) * (cnt + 1));
	int k = 0;
	for (size_t i = 0; i < cnt; i++) {
		const char *s = json_string_value(json_array_get(j, i));
		if (s)
			v[k++] = arena_strdup(ctx->arena, s);
	}
	json_decref(j);
	*out = v;
	*n = k;
	return 0;
}

static int load_campaign(struct app_ctx *ctx, int64_t id, struct report_campaign *c,
			 struct kh_error *err)
{
	int *levels;
	int32_t *days;
	int n, rc;
	memset(c, 0, sizeof(*c));
	if ((rc = store_report_campaign_get(ctx->store, ctx->arena, id, ctx->today, &c->row, err)))
		return rc;
	c->kind_label = app_report_kind_label(c->row.kind);
	(void)parse_outline(ctx, c->row.outline, &c->outline, &c->n_outline);
	if ((rc = store_report_due_list(ctx->store, ctx->arena, id, &levels, &days, &n, err)))
		return rc;
	c->due = arena_alloc(ctx->arena, sizeof(*c->due) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		c->due[i].level = levels[i];
		c->due[i].level_label = org_level_label(levels[i]);
		c->due[i].due_day = days[i];
	}
	c->n_due = n;
	if ((rc = store_report_indicator_list(ctx->store, ctx->arena, id, &c->indicator_ids,
					      &c->n_indicators, err)))
		return rc;
	return owns_org(ctx, c->row.org_id, &c->can_manage, err);
}

/* The campaign may be read: its org, or one of its reports' orgs. */
static int campaign_readable(struct app_ctx *ctx, const struct report_campaign *c,
			     struct report_row *rows, int n, struct kh_error *err)
{
	bool yes;
	int rc;
	if (c->can_manage)
		return 0;
	if ((rc = reads(ctx, c->row.org_id, &yes, err)) || yes)
		return rc;
	int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		ids[i] = rows[i].org_id;
	if ((rc = app_can_read_orgs_prime(ctx, ids, n, err)))
		return rc;
	for (int i = 0; i < n; i++) {
		if ((rc = reads(ctx, rows[i].org_id, &yes, err)))
			return rc;
		if (yes)
			return 0;
	}
	return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem đợt báo cáo này");
}

int app_report_campaign_get(struct app_ctx *ctx, int64_t id, struct report_campaign *out,
			    struct kh_error *err)
{
	struct report_row *rows;
	int n, rc;
	if ((rc = load_campaign(ctx, id, out, err)))
		return rc;
	if (out->can_manage)
		return 0;
	if ((rc = store_report_list(ctx->store, ctx->arena, id, ctx->today, &rows, &n, err)))
		return rc;
	return campaign_readable(ctx, out, rows, n, err);
}

static void count_row(struct report_counts *k, const struct report *r)
{
	if (r->own)
		return;
	k->total++;
	switch (r->timeliness) {
	case REPORT_PENDING:
		k->pending++;
		break;
	case REPORT_ON_TIME:
		k->on_time++;
		break;
	case REPORT_LATE:
		k->late++;
		break;
	case REPORT_MISSING:
		k->missing++;
		break;
	case REPORT_RETURNED:
		k->returned++;
		break;
	}
	if (strcmp(r->row.status, "submitted") == 0)
		k->submitted++;
	if (strcmp(r->row.status, "accepted") == 0)
		k->accepted++;
}

/* Every report of the campaign with its timeliness, the own one first. */
static int load_reports(struct app_ctx *ctx, const struct report_campaign *c, struct report **out,
			int *n, struct report_counts *k, struct kh_error *err)
{
	struct report_row *rows;
	int nrows, rc;
	if ((rc = store_report_list(ctx->store, ctx->arena, c->row.id, ctx->today, &rows, &nrows,
				    err)))
		return rc;
	struct report *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(nrows + 1));
	int j = 0;
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < nrows; i++) {
			bool own = rows[i].org_id == c->row.org_id;
			if (own != (pass == 0))
				continue;
			v[j].row = rows[i];
			v[j].own = own;
			v[j].timeliness = timeliness(&rows[i], ctx->today);
			j++;
		}
	memset(k, 0, sizeof(*k));
	for (int i = 0; i < j; i++)
		count_row(k, &v[i]);
	*out = v;
	*n = j;
	return 0;
}

int app_report_campaign_list(struct app_ctx *ctx, int64_t org_id, struct report_campaign **out,
			     int *n, struct kh_error *err)
{
	struct report_campaign_row *rows;
	int nrows, rc;
	*out = NULL;
	*n = 0;
	if ((rc = app_scope_load(ctx, err)))
		return rc;
	if (org_id && (rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	if ((rc = store_report_campaign_list(ctx->store, ctx->arena, org_id, ctx->today, &rows,
					     &nrows, err)))
		return rc;
	struct report_campaign *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(nrows + 1));
	int k = 0;
	for (int i = 0; i < nrows; i++) {
		struct report_campaign c;
		struct kh_error e = {0};
		rc = app_report_campaign_get(ctx, rows[i].id, &c, &e);
		if (rc == KH_EFORBIDDEN)
			continue;
		if (rc)
			return copy_err(err, &e, rc);
		struct report *reps;
		int nr;
		if ((rc = load_reports(ctx, &c, &reps, &nr, &c.counts, err)))
			return rc;
		v[k++] = c;
	}
	*out = v;
	*n = k;
	return 0;
}

int app_report_campaign_status(struct app_ctx *ctx, int64_t id, struct report_campaign_status *out,
			       struct kh_error *err)
{
	struct report *all;
	int n, rc;
	memset(out, 0, sizeof(*out));
	if ((rc = app_report_campaign_get(ctx, id, &out->c, err)) ||
	    (rc = load_reports(ctx, &out->c, &all, &n, &out->counts, err)))
		return rc;
	bool sees_all = out->c.can_manage;
	if (!sees_all && (rc = reads(ctx, out->c.row.org_id, &sees_all, err)))
		return rc;
	int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		ids[i] = all[i].row.org_id;
	if (!sees_all && (rc = app_can_read_orgs_prime(ctx, ids, n, err)))
		return rc;
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		bool yes = sees_all;
		if (!yes && (rc = reads(ctx, all[i].row.org_id, &yes, err)))
			return rc;
		if (all[i].own)
			out->own_report_id = all[i].row.id;
		if (yes)
			out->rows[out->n_rows++] = all[i];
	}
	return 0;
}

/* ---- opening ---- */

static json_t *campaign_audit(const struct report_campaign_row *c, const int *levels,
			      const int32_t *days, int n_due, int n_reports)
{
	json_t *due = json_array();
	for (int i = 0; i < n_due; i++)
		json_array_append_new(
			due, json_pack("{s:i, s:i}", "level", levels[i], "due_day", (int)days[i]));
	json_error_t je;
	json_t *outline = json_loads(c->outline, 0, &je);
	return json_pack("{s:I, s:s, s:i, s:i, s:s, s:s, s:o, s:o, s:i, s:s}", "org_id",
			 (json_int_t)c->org_id, "kind", c->kind, "year_from", c->year_from,
			 "year_to", c->year_to, "title", c->title, "number", c->number, "outline",
			 outline ? outline : json_array(), "due", due, "reports", n_reports,
			 "status", c->status);
}

static int check_input(struct app_ctx *ctx, const struct report_campaign_input *in,
		       const struct org *o, struct kh_error *err)
{
	int rc;
	if (!app_report_kind_label(in->kind))
		return kh_fail(err, KH_EINVAL, "kind",
			       "Loại báo cáo phải là 6 tháng, năm, sơ kết giữa nhiệm kỳ hoặc"
			       " tổng kết");
	if (in->year_from < 1990 || in->year_from > 2100 || in->year_to < in->year_from ||
	    in->year_to > 2100 || in->year_to - in->year_from > 10)
		return kh_fail(err, KH_EINVAL, "year_from", "Kỳ báo cáo (năm) không hợp lệ");
	if ((rc = app_check_name("title", "Tiêu đề", in->title ? in->title : "", 500, false,
				 err)) ||
	    (rc = app_check_name("number", "Số văn bản", in->number ? in->number : "", 50, false,
				 err)) ||
	    (rc = check_long("after_conference", "Hồ sơ gửi sau hội nghị", in->after_conference,
			     1000, false, err)))
		return rc;
	if (in->n_outline > REPORT_SECTIONS_MAX)
		return kh_fail(err, KH_EINVAL, "outline", "Đề cương có tối đa %d phần",
			       REPORT_SECTIONS_MAX);
	for (int i = 0; i < in->n_outline; i++)
		if ((rc = app_check_name("outline", "Tên phần của đề cương", in->outline[i],
					 REPORT_SECTION_TITLE_MAX, true, err)))
			return rc;
	if (in->n_due <= 0)
		return kh_fail(err, KH_EINVAL, "due",
			       "Cần hạn nộp báo cáo cho ít nhất một cấp trực thuộc");
	for (int i = 0; i < in->n_due; i++) {
		if (in->due_levels[i] <= o->level || in->due_levels[i] > ORG_LEVEL_MAX)
			return kh_fail(err, KH_EINVAL, "due", "Hạn nộp chỉ đặt cho các cấp dưới %s",
				       o->name);
		if (in->due_days[i] <= 0)
			return kh_fail(err, KH_EINVAL, "due", "Hạn nộp báo cáo không hợp lệ");
		for (int k = 0; k < i; k++)
			if (in->due_levels[k] == in->due_levels[i])
				return kh_fail(err, KH_EINVAL, "due",
					       "Mỗi cấp chỉ có một hạn nộp báo cáo");
	}
	if ((in->conference_from && !in->conference_to) ||
	    (!in->conference_from && in->conference_to) ||
	    (in->conference_from && in->conference_to < in->conference_from))
		return kh_fail(err, KH_EINVAL, "conference_from",
			       "Thời gian hội nghị cần ngày bắt đầu và ngày kết thúc, theo thứ tự");
	if (in->n_indicators > 200)
		return kh_fail(err, KH_EINVAL, "indicator_ids", "Quá nhiều chỉ tiêu trong phụ lục");
	/* The appendix takes indicators visible to the campaign org: defined
	 * by it or above it — also those of an upper org its users may not
	 * read on their own. */
	struct indicator *vis = NULL;
	int nvis = 0;
	if (in->n_indicators && (rc = app_indicator_list(ctx, o->id, &vis, &nvis, err)))
		return rc;
	for (int i = 0; i < in->n_indicators; i++) {
		const struct indicator *found = NULL;
		for (int k = 0; k < nvis && !found; k++)
			if (vis[k].id == in->indicator_ids[i])
				found = &vis[k];
		if (!found)
			return kh_fail(err, KH_EINVAL, "indicator_ids",
				       "Không có chỉ tiêu số %lld của %s hay cấp trên",
				       (long long)in->indicator_ids[i], o->name);
		struct indicator ind = *found;
		for (int k = 0; k < i; k++)
			if (in->indicator_ids[k] == in->indicator_ids[i])
				return kh_fail(err, KH_EINVAL, "indicator_ids",
					       "Chỉ tiêu «%s» được chọn hai lần", ind.name);
	}
	return 0;
}

int app_report_campaign_open(struct app_ctx *ctx, const struct report_campaign_input *in,
			     int64_t *id, struct kh_error *err)
{
	struct org o;
	struct report_org *orgs;
	int norgs, rc;
	bool owns, began = false;
	*id = 0;
	{
		struct kh_error e = {0};
		rc = store_org_get(ctx->store, ctx->arena, in->org_id, ctx->today, &o, &e);
		if (rc == KH_ENOTFOUND)
			return kh_fail(err, KH_EINVAL, "org_id", "Không có tổ chức số %lld",
				       (long long)in->org_id);
		if (rc)
			return copy_err(err, &e, rc);
	}
	if ((rc = owns_org(ctx, o.id, &owns, err)))
		return rc;
	if (!owns)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền mở đợt báo cáo cho %s",
			       o.name);
	if (o.kind != ORG_COMMITTEE)
		return kh_fail(err, KH_EINVAL, "org_id",
			       "Chỉ cấp ủy có tổ chức trực thuộc mới mở đợt báo cáo");
	if ((rc = check_input(ctx, in, &o, err)))
		return rc;

	struct report_campaign_row c = {
		.org_id = o.id,
		.kind = in->kind,
		.year_from = in->year_from,
		.year_to = in->year_to,
		.number = in->number ? in->number : "",
		.conference_from = in->conference_from,
		.conference_to = in->conference_to,
		.after_conference = in->after_conference ? in->after_conference : "",
		.status = "open",
		.created_by = ctx->actor->user_id,
		.created_at = ctx->now,
	};
	c.title = in->title && *in->title
			  ? in->title
			  : arena_printf(ctx->arena, "%s %s", app_report_kind_label(in->kind),
					 years_text(ctx, in->year_from, in->year_to));
	const char *const *outline = in->outline;
	int n_outline = in->n_outline;
	if (n_outline == 0)
		app_report_default_outline(in->kind, &outline, &n_outline);
	json_t *oj = json_array();
	for (int i = 0; i < n_outline; i++)
		json_array_append_new(oj, json_string(outline[i]));
	c.outline = json_text(ctx, oj);

	if ((rc = store_report_subtree_orgs(ctx->store, ctx->arena, o.id, ctx->today, &orgs, &norgs,
					    err)))
		return rc;
	int32_t own_due = 0;
	for (int i = 0; i < in->n_due; i++)
		own_due = in->due_days[i] > own_due ? in->due_days[i] : own_due;

	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	began = true;
	if ((rc = store_report_campaign_insert(ctx->store, &c, id, err)))
		goto out;
	for (int i = 0; i < in->n_due; i++)
		if ((rc = store_report_due_put(ctx->store, *id, in->due_levels[i], in->due_days[i],
					       err)))
			goto out;
	for (int i = 0; i < in->n_indicators; i++)
		if ((rc = store_report_indicator_put(ctx->store, *id, in->indicator_ids[i], i + 1,
						     err)))
			goto out;
	int64_t rid;
	struct report_row own = {
		.campaign_id = *id, .org_id = o.id, .due_day = own_due, .created_at = ctx->now};
	if ((rc = store_report_insert(ctx->store, &own, &rid, err)))
		goto out;
	int n_reports = 0;
	for (int i = 0; i < norgs; i++) {
		int32_t due = 0;
		for (int k = 0; k < in->n_due; k++)
			if (in->due_levels[k] == orgs[i].level)
				due = in->due_days[k];
		if (!due)
			continue;
		struct report_row r = {.campaign_id = *id,
				       .org_id = orgs[i].id,
				       .due_day = due,
				       .created_at = ctx->now};
		if ((rc = store_report_insert(ctx->store, &r, &rid, err)))
			goto out;
		n_reports++;
		struct notification nt = {
			.kind = "report_campaign",
			.org_id = orgs[i].id,
			.text = arena_printf(ctx->arena,
					     "%s mở đợt «%s»: gửi báo cáo chậm nhất ngày %s",
					     o.name, c.title, day_text(ctx, due)),
			.link = arena_printf(ctx->arena, "/reports/%lld", (long long)rid)};
		if ((rc = app_notify(ctx, &nt, err)))
			goto out;
	}
	if (n_reports == 0) {
		rc = kh_fail(err, KH_EINVAL, "due",
			     "Không có cấp ủy, chi bộ nào của các cấp đã đặt hạn nộp trong %s",
			     o.name);
		goto out;
	}
	c.id = *id;
	if ((rc = app_audit(ctx, "report.campaign.open", "report_campaign", *id, NULL,
			    json_text(ctx, campaign_audit(&c, in->due_levels, in->due_days,
							  in->n_due, n_reports)),
			    err)))
		goto out;
	rc = store_commit(ctx->store, err);
	if (!rc)
		began = false;
out:
	if (began) {
		store_rollback(ctx->store);
		*id = 0;
	}
	return rc;
}

int app_report_campaign_close(struct app_ctx *ctx, int64_t id, bool closed, struct kh_error *err)
{
	struct report_campaign c;
	int rc;
	if ((rc = app_report_campaign_get(ctx, id, &c, err)))
		return rc;
	if (!c.can_manage)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ cấp mở đợt báo cáo mới được đóng hoặc mở lại đợt");
	const char *before = c.row.status;
	c.row.status = closed ? "closed" : "open";
	c.row.updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = store_report_campaign_update(ctx->store, &c.row, err)) ||
	    (rc = app_audit(ctx, closed ? "report.campaign.close" : "report.campaign.reopen",
			    "report_campaign", id,
			    json_text(ctx, json_pack("{s:s}", "status", before)),
			    json_text(ctx, json_pack("{s:s}", "status", c.row.status)), err)) ||
	    (rc = store_commit(ctx->store, err))) {
		store_rollback(ctx->store);
		return rc;
	}
	return 0;
}

/* ---- reports ---- */

static const char *figure_period(const char *kind)
{
	if (strcmp(kind, "half_year") == 0)
		return "h1";
	if (strcmp(kind, "mid_term") == 0)
		return "estimate";
	return "year";
}

/* The progress of the org's issued plans over the campaign's years, as of
 * today: the states derived by app/progress.h (recurring duties by
 * occurrence, conditional deadlines once their event is known); the plans
 * counted by the store. */
static int load_progress(struct app_ctx *ctx, const struct report_campaign *c, int64_t org_id,
			 struct report_progress *out, struct kh_error *err)
{
	int rc = store_report_progress(ctx->store, org_id, c->row.year_from, c->row.year_to,
				       ctx->today, out, err);
	if (rc || out->plans == 0)
		return rc;
	int32_t end = date_from_ymd(c->row.year_to, 12, 31);
	struct progress_query q = {.org_id = org_id,
				   .from = date_from_ymd(c->row.year_from, 1, 1),
				   .to = ctx->today < end ? ctx->today : end,
				   .tasks_only = true};
	struct progress_summary sum;
	struct kh_error e = {0};
	rc = app_progress_summary(ctx, &q, &sum, &e);
	if (rc == KH_EFORBIDDEN || rc == KH_ENOTFOUND)
		return 0; /* the store's counts stay */
	if (rc)
		return copy_err(err, &e, rc);
	out->items = sum.n_items;
	out->done = sum.done_on_time + sum.done_late;
	out->done_late = sum.done_late;
	out->overdue = sum.overdue;
	out->due_later = sum.in_progress + sum.not_started;
	return 0;
}

static const char *progress_text(struct app_ctx *ctx, const struct report_campaign *c,
				 const char *org_name, const struct report_progress *p)
{
	const char *period = years_text(ctx, c->row.year_from, c->row.year_to);
	if (p->plans == 0)
		return arena_printf(ctx->arena,
				    "Trong %s, %s chưa có kế hoạch được ban hành trên hệ thống.",
				    period, org_name);
	return arena_printf(ctx->arena,
			    "Trong %s, %s triển khai %d kế hoạch với %d nội dung, nhiệm vụ: đã"
			    " hoàn thành %d (trong đó %d hoàn thành chậm so với thời hạn); quá hạn"
			    " chưa hoàn thành %d; đang thực hiện hoặc chưa đến hạn %d.",
			    period, org_name, p->plans, p->items, p->done, p->done_late, p->overdue,
			    p->due_later);
}

/* The saved texts, or NULL when the body holds none. */
static const char **body_sections(struct app_ctx *ctx, const char *body, int n)
{
	json_error_t je;
	json_t *j = json_loads(body, 0, &je);
	json_t *a = json_object_get(j, "sections");
	const char **v = NULL;
	if (json_is_array(a)) {
		v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)(n + 1));
		for (int i = 0; i < n; i++) {
			const char *s = json_string_value(json_array_get(a, (size_t)i));
			v[i] = arena_strdup(ctx->arena, s ? s : "");
		}
	}
	json_decref(j);
	return v;
}

static int load_report(struct app_ctx *ctx, int64_t id, struct report *r, struct report_campaign *c,
		       struct kh_error *err)
{
	int rc;
	memset(r, 0, sizeof(*r));
	if ((rc = store_report_get(ctx->store, ctx->arena, id, ctx->today, &r->row, err)) ||
	    (rc = load_campaign(ctx, r->row.campaign_id, c, err)))
		return rc;
	r->own = r->row.org_id == c->row.org_id;
	r->timeliness = timeliness(&r->row, ctx->today);
	if (c->can_manage)
		return 0;
	bool yes;
	if ((rc = reads(ctx, r->row.org_id, &yes, err)))
		return rc;
	if (!yes)
		return kh_fail(err, KH_EFORBIDDEN, NULL, "Bạn không có quyền xem báo cáo này");
	return 0;
}

int app_report_get(struct app_ctx *ctx, int64_t id, struct report_view *out, struct kh_error *err)
{
	int rc;
	bool owns;
	memset(out, 0, sizeof(*out));
	if ((rc = load_report(ctx, id, &out->r, &out->c, err)))
		return rc;
	const struct report_row *row = &out->r.row;
	if ((rc = owns_org(ctx, row->org_id, &owns, err)))
		return rc;
	bool open = strcmp(out->c.row.status, "open") == 0;
	bool editable = strcmp(row->status, "draft") == 0 || strcmp(row->status, "returned") == 0;
	out->can_edit = owns && editable;
	out->can_submit = out->can_edit && !out->r.own && open;
	out->can_decide = out->c.can_manage && strcmp(row->status, "submitted") == 0;
	out->can_reopen = out->c.can_manage && strcmp(row->status, "accepted") == 0;
	out->can_file = owns;

	if ((rc = load_progress(ctx, &out->c, row->org_id, &out->progress, err)))
		return rc;
	out->progress_text = progress_text(ctx, &out->c, row->org_name, &out->progress);
	out->n_sections = out->c.n_outline;
	out->sections = body_sections(ctx, row->body, out->n_sections);
	if (!out->sections) {
		out->prefilled = true;
		out->sections = arena_alloc(ctx->arena,
					    sizeof(*out->sections) * (size_t)(out->n_sections + 1));
		for (int i = 0; i < out->n_sections; i++)
			out->sections[i] = i == 0 ? out->progress_text : "";
	}
	out->figure_period = figure_period(out->c.row.kind);
	out->figure_year = out->c.row.year_to;
	if (out->c.n_indicators > 0) {
		if ((rc = app_indicator_table(ctx, row->org_id, out->figure_year,
					      out->c.indicator_ids, out->c.n_indicators,
					      &out->appendix, err)))
			return rc;
		out->has_appendix = true;
	}
	if (out->r.own) {
		struct report *all;
		int n;
		if ((rc = load_reports(ctx, &out->c, &all, &n, &out->counts, err)))
			return rc;
		out->late = arena_alloc(ctx->arena, sizeof(*out->late) * (size_t)(n + 1));
		for (int i = 0; i < n; i++)
			if (!all[i].own && (all[i].timeliness == REPORT_LATE ||
					    all[i].timeliness == REPORT_MISSING ||
					    all[i].timeliness == REPORT_RETURNED))
				out->late[out->n_late++] = all[i];
		out->breakdown = arena_alloc(ctx->arena, sizeof(*out->breakdown) *
								 (size_t)(out->c.n_indicators + 1));
		for (int i = 0; i < out->c.n_indicators; i++) {
			struct report_breakdown *b = &out->breakdown[out->n_breakdown];
			b->indicator_id = out->c.indicator_ids[i];
			if ((rc = app_indicator_children(ctx, row->org_id, b->indicator_id,
							 out->figure_year, out->figure_period,
							 &b->children, err)))
				return rc;
			out->n_breakdown++;
		}
	}
	return store_report_filing_list(ctx->store, ctx->arena, id, &out->filings, &out->n_filings,
					err);
}

static json_t *report_audit(const struct report_row *r)
{
	return json_pack("{s:s, s:s, s:s, s:i, s:s}", "status", r->status, "number", r->number,
			 "body", r->body, "submitted_day", (int)r->submitted_day, "returned_reason",
			 r->returned_reason);
}

/* Writes r (changed from before) with its audit entry, locking or
 * unlocking the figures when lock is 1 or -1, and the notification n
 * (when n->kind), in one transaction. */
static int write_report(struct app_ctx *ctx, const struct report_campaign *c,
			const struct report_row *before, struct report_row *r, const char *action,
			int lock, const struct notification *n, struct kh_error *err)
{
	int rc;
	r->updated_at = ctx->now;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((rc = store_report_update(ctx->store, r, err)))
		goto fail;
	if (lock &&
	    (rc = store_report_lock_figures(ctx->store, c->row.id, r->org_id, c->row.year_from,
					    c->row.year_to, lock > 0, err)))
		goto fail;
	if (n && n->kind && (rc = app_notify(ctx, n, err)))
		goto fail;
	if ((rc = app_audit(ctx, action, "report", r->id, json_text(ctx, report_audit(before)),
			    json_text(ctx, report_audit(r)), err)) ||
	    (rc = store_commit(ctx->store, err)))
		goto fail;
	return 0;
fail:
	store_rollback(ctx->store);
	return rc;
}

static const char *report_link(struct app_ctx *ctx, int64_t id)
{
	return arena_printf(ctx->arena, "/reports/%lld", (long long)id);
}

int app_report_save(struct app_ctx *ctx, int64_t id, const char *number,
		    const char *const *sections, int n, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = app_report_get(ctx, id, &v, err)))
		return rc;
	if (!v.can_edit) {
		bool owns;
		if ((rc = owns_org(ctx, v.r.row.org_id, &owns, err)))
			return rc;
		if (!owns)
			return kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền soạn báo cáo của tổ chức này");
		return kh_fail(err, KH_ECONFLICT, NULL,
			       "Báo cáo đã gửi hoặc đã được chấp nhận, không sửa được");
	}
	if (number && (rc = app_check_name("number", "Số báo cáo", number, 50, false, err)))
		return rc;
	struct report_row r = v.r.row;
	if (number)
		r.number = number;
	if (sections) {
		if (n != v.c.n_outline)
			return kh_fail(err, KH_EINVAL, "sections",
				       "Báo cáo cần đúng %d phần theo đề cương", v.c.n_outline);
		json_t *a = json_array();
		for (int i = 0; i < n; i++) {
			const char *s = sections[i] ? sections[i] : "";
			if ((rc = check_long("sections", "Nội dung phần báo cáo", s,
					     REPORT_SECTION_TEXT_MAX, false, err))) {
				json_decref(a);
				return rc;
			}
			json_array_append_new(a, json_string(s));
		}
		r.body = json_text(ctx, json_pack("{s:o}", "sections", a));
	}
	return write_report(ctx, &v.c, &v.r.row, &r, "report.save", 0, NULL, err);
}

int app_report_submit(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = app_report_get(ctx, id, &v, err)))
		return rc;
	if (!v.can_submit) {
		bool owns;
		if ((rc = owns_org(ctx, v.r.row.org_id, &owns, err)))
			return rc;
		if (!owns)
			return kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền gửi báo cáo của tổ chức này");
		return kh_fail(err, KH_ECONFLICT, NULL,
			       v.r.own ? "Báo cáo tổng hợp của cấp mở đợt không gửi trong đợt này"
			       : strcmp(v.c.row.status, "open") != 0
				       ? "Đợt báo cáo đã đóng"
				       : "Báo cáo đã gửi hoặc đã được chấp nhận");
	}
	struct report_row r = v.r.row;
	if (v.prefilled) {
		/* Submitted as suggested: keep the texts shown. */
		json_t *a = json_array();
		for (int i = 0; i < v.n_sections; i++)
			json_array_append_new(a, json_string(v.sections[i]));
		r.body = json_text(ctx, json_pack("{s:o}", "sections", a));
	}
	r.status = "submitted";
	r.submitted_at = ctx->now;
	r.submitted_day = ctx->today;
	r.returned_reason = "";
	struct notification nt = {.kind = "report_submitted",
				  .org_id = v.c.row.org_id,
				  .text = arena_printf(ctx->arena, "%s đã gửi báo cáo «%s»%s",
						       r.org_name, v.c.row.title,
						       ctx->today > r.due_day ? " (muộn)" : ""),
				  .link = report_link(ctx, id)};
	return write_report(ctx, &v.c, &v.r.row, &r, "report.submit", 0, &nt, err);
}

static int require_decider(struct app_ctx *ctx, const struct report_view *v, const char *status,
			   struct kh_error *err)
{
	(void)ctx;
	if (!v->c.can_manage)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Chỉ cấp mở đợt báo cáo mới được chấp nhận, trả lại hoặc mở lại"
			       " báo cáo");
	if (strcmp(v->r.row.status, status) != 0)
		return kh_fail(err, KH_ECONFLICT, NULL,
			       strcmp(status, "submitted") == 0
				       ? "Chỉ báo cáo đã gửi mới được chấp nhận hoặc trả lại"
				       : "Chỉ báo cáo đã được chấp nhận mới mở lại được");
	return 0;
}

int app_report_accept(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = app_report_get(ctx, id, &v, err)) ||
	    (rc = require_decider(ctx, &v, "submitted", err)))
		return rc;
	struct report_row r = v.r.row;
	r.status = "accepted";
	r.decided_at = ctx->now;
	r.decided_by = ctx->actor->user_id;
	struct notification nt = {.kind = "report_accepted",
				  .org_id = r.org_id,
				  .text = arena_printf(ctx->arena, "%s đã chấp nhận báo cáo «%s»",
						       v.c.row.org_name, v.c.row.title),
				  .link = report_link(ctx, id)};
	return write_report(ctx, &v.c, &v.r.row, &r, "report.accept", 1, &nt, err);
}

int app_report_return(struct app_ctx *ctx, int64_t id, const char *reason, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = app_report_get(ctx, id, &v, err)) ||
	    (rc = require_decider(ctx, &v, "submitted", err)) ||
	    (rc = check_long("reason", "Lý do trả lại", reason, REPORT_REASON_MAX, true, err)))
		return rc;
	struct report_row r = v.r.row;
	r.status = "returned";
	r.returned_reason = reason;
	r.decided_at = ctx->now;
	r.decided_by = ctx->actor->user_id;
	struct notification nt = {.kind = "report_returned",
				  .org_id = r.org_id,
				  .text = arena_printf(ctx->arena, "%s trả lại báo cáo «%s»: %s",
						       v.c.row.org_name, v.c.row.title, reason),
				  .link = report_link(ctx, id)};
	return write_report(ctx, &v.c, &v.r.row, &r, "report.return", 0, &nt, err);
}

int app_report_reopen(struct app_ctx *ctx, int64_t id, const char *reason, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = app_report_get(ctx, id, &v, err)) ||
	    (rc = require_decider(ctx, &v, "accepted", err)) ||
	    (rc = check_long("reason", "Lý do mở lại", reason, REPORT_REASON_MAX, false, err)))
		return rc;
	struct report_row r = v.r.row;
	r.status = "returned";
	r.returned_reason =
		reason && *reason ? reason : "Cấp trên mở lại báo cáo đã chấp nhận để bổ sung";
	r.decided_at = ctx->now;
	r.decided_by = ctx->actor->user_id;
	struct notification nt = {.kind = "report_returned",
				  .org_id = r.org_id,
				  .text = arena_printf(ctx->arena, "%s mở lại báo cáo «%s»: %s",
						       v.c.row.org_name, v.c.row.title,
						       r.returned_reason),
				  .link = report_link(ctx, id)};
	return write_report(ctx, &v.c, &v.r.row, &r, "report.reopen", -1, &nt, err);
}

/* The report when the actor may file for its org, and the kind checked. */
static int filing_allowed(struct app_ctx *ctx, int64_t id, const char *kind, struct report_view *v,
			  struct kh_error *err)
{
	int rc;
	if ((rc = app_report_get(ctx, id, v, err)))
		return rc;
	if (!v->can_file)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Bạn không có quyền nộp hồ sơ của tổ chức này");
	if (!kind || (strcmp(kind, "adopted_report") != 0 && strcmp(kind, "resolution") != 0))
		return kh_fail(err, KH_EINVAL, "kind",
			       "Loại hồ sơ là báo cáo đã thông qua hoặc nghị quyết");
	return 0;
}

static int insert_filing(struct app_ctx *ctx, const struct report_filing_row *f, const char *mime,
			 int64_t size, struct kh_error *err)
{
	int64_t fid;
	int rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if ((f->sha256 && *f->sha256 &&
	     (rc = store_file_put(ctx->store, f->sha256, size, mime, ctx->now, err))) ||
	    (rc = store_report_filing_insert(ctx->store, f, &fid, err)) ||
	    (rc = app_audit(
		     ctx, "report.file", "report", f->report_id, NULL,
		     json_text(ctx,
			       json_pack("{s:I, s:s, s:I, s:s, s:s}", "filing_id", (json_int_t)fid,
					 "kind", f->kind, "document_id", (json_int_t)f->document_id,
					 "sha256", f->sha256 ? f->sha256 : "", "name", f->name)),
		     err)) ||
	    (rc = store_commit(ctx->store, err))) {
		store_rollback(ctx->store);
		return rc;
	}
	return 0;
}

int app_report_file(struct app_ctx *ctx, int64_t id, const char *kind, int64_t document_id,
		    const char *name, struct kh_error *err)
{
	struct report_view v;
	int rc;
	if ((rc = filing_allowed(ctx, id, kind, &v, err)) ||
	    (rc = app_check_name("name", "Ghi chú", name ? name : "", 300, false, err)))
		return rc;
	if (document_id <= 0)
		return kh_fail(err, KH_EINVAL, "document_id", "Cần chọn văn bản trong sổ văn bản");
	/* A document the actor may read (the register's own rule: their scope
	 * and what flows down from above). */
	struct document_view dv;
	struct kh_error e = {0};
	rc = app_document_get(ctx, document_id, &dv, &e);
	if (rc == KH_ENOTFOUND || rc == KH_EFORBIDDEN)
		return kh_fail(err, KH_EINVAL, "document_id", "Không có văn bản số %lld",
			       (long long)document_id);
	if (rc)
		return copy_err(err, &e, rc);
	const struct document d = dv.doc;
	struct report_filing_row f = {.report_id = id,
				      .kind = kind,
				      .document_id = document_id,
				      .name = name && *name ? name : d.title,
				      .filed_at = ctx->now,
				      .filed_by = ctx->actor->user_id};
	return insert_filing(ctx, &f, NULL, 0, err);
}

int app_report_file_upload(struct app_ctx *ctx, int64_t id, const char *kind, const char *file_name,
			   const void *data, size_t len, struct kh_error *err)
{
	struct report_view v;
	struct progress_file pf;
	int rc;
	if ((rc = filing_allowed(ctx, id, kind, &v, err)) ||
	    (rc = app_file_save(ctx, file_name, data, len, &pf, err)))
		return rc;
	struct report_filing_row f = {.report_id = id,
				      .kind = kind,
				      .sha256 = pf.sha256,
				      .name = pf.name,
				      .filed_at = ctx->now,
				      .filed_by = ctx->actor->user_id};
	return insert_filing(ctx, &f, pf.mime, pf.size, err);
}

int app_report_filing_file(struct app_ctx *ctx, int64_t id, int64_t filing_id,
			   struct report_filing_row *out, const char **mime, int64_t *size,
			   const char **path, struct kh_error *err)
{
	struct report_view v;
	int rc;
	*path = NULL;
	if ((rc = app_report_get(ctx, id, &v, err)))
		return rc;
	for (int i = 0; i < v.n_filings; i++) {
		if (v.filings[i].id != filing_id || !*v.filings[i].sha256)
			continue;
		struct store_file sf;
		if ((rc = store_file_get(ctx->store, ctx->arena, v.filings[i].sha256, &sf, err)))
			return rc;
		const char *db = store_db_path(ctx->store);
		if (!db || !*db)
			break;
		*out = v.filings[i];
		*mime = sf.mime;
		*size = sf.size;
		/* The layout of app_file_save: "<db>.files/ab/cdef…". */
		*path = arena_printf(ctx->arena, "%s.files/%.2s/%s", db, out->sha256,
				     out->sha256 + 2);
		return 0;
	}
	return kh_fail(err, KH_ENOTFOUND, NULL, "Không tìm thấy tệp hồ sơ");
}

/* ---- reminders ---- */

struct digest {
	int64_t org_id;
	int n;
	int64_t first_report;
	struct buf text;
};

static struct digest *digest_for(struct digest **v, int *n, int *cap, int64_t org_id)
{
	for (int i = 0; i < *n; i++)
		if ((*v)[i].org_id == org_id)
			return &(*v)[i];
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*v = xrealloc(*v, xmul((size_t)*cap, sizeof(**v)));
	}
	struct digest *d = &(*v)[(*n)++];
	memset(d, 0, sizeof(*d));
	d->org_id = org_id;
	buf_init(&d->text, 16384);
	return d;
}

static void digests_free(struct digest *v, int n)
{
	for (int i = 0; i < n; i++)
		buf_release(&v[i].text);
	free(v);
}

int app_report_remind(struct app_ctx *ctx, int *n_sent, struct kh_error *err)
{
	struct report_pending *p;
	int n, rc;
	struct digest *lower = NULL, *upper = NULL;
	int nl = 0, cl = 0, nu = 0, cu = 0;
	bool began = false;
	*n_sent = 0;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	began = true;
	if ((rc = store_report_pending(ctx->store, ctx->arena, ctx->today + 7, ctx->today, &p, &n,
				       err)))
		goto out;
	for (int i = 0; i < n; i++) {
		int left = p[i].due_day - ctx->today;
		const char *stage = left < 0 ? "overdue" : left <= 1 ? "d1" : "d7";
		bool fresh;
		if ((rc = store_report_reminder_put(ctx->store, p[i].report_id, stage, p[i].org_id,
						    ctx->today, &fresh, err)))
			goto out;
		if (!fresh)
			continue;
		struct digest *d = digest_for(&lower, &nl, &cl, p[i].org_id);
		buf_printf(&d->text, "%s«%s» hạn %s (%s)", d->n ? "; " : "", p[i].campaign_title,
			   day_text(ctx, p[i].due_day),
			   left < 0    ? arena_printf(ctx->arena, "quá hạn %d ngày", -left)
			   : left == 0 ? "hôm nay"
				       : arena_printf(ctx->arena, "còn %d ngày", left));
		if (!d->n++)
			d->first_report = p[i].report_id;
		if (left >= 0)
			continue;
		if ((rc = store_report_reminder_put(ctx->store, p[i].report_id, "upper_overdue",
						    p[i].upper_org_id, ctx->today, &fresh, err)))
			goto out;
		if (!fresh)
			continue;
		struct digest *u = digest_for(&upper, &nu, &cu, p[i].upper_org_id);
		buf_printf(&u->text, "%s%s («%s», hạn %s)", u->n ? "; " : "", p[i].org_name,
			   p[i].campaign_title, day_text(ctx, p[i].due_day));
		if (!u->n++)
			u->first_report = p[i].campaign_id;
	}
	for (int i = 0; i < nl; i++) {
		struct notification nt = {
			.kind = "report_due",
			.org_id = lower[i].org_id,
			.text = arena_printf(ctx->arena, "Nhắc hạn gửi báo cáo: %s",
					     lower[i].text.data),
			.link = lower[i].n == 1 ? report_link(ctx, lower[i].first_report)
						: "/report-campaigns"};
		if ((rc = app_notify(ctx, &nt, err)))
			goto out;
		++*n_sent;
	}
	for (int i = 0; i < nu; i++) {
		struct notification nt = {
			.kind = "report_late",
			.org_id = upper[i].org_id,
			.text = arena_printf(ctx->arena,
					     "%d đơn vị chưa gửi báo cáo, đã quá hạn: %s",
					     upper[i].n, upper[i].text.data),
			.link = arena_printf(ctx->arena, "/report-campaigns/%lld",
					     (long long)upper[i].first_report)};
		if ((rc = app_notify(ctx, &nt, err)))
			goto out;
		++*n_sent;
	}
	if (*n_sent && (rc = app_audit(ctx, "report.remind", "report_campaign", 0, NULL,
				       json_text(ctx, json_pack("{s:i}", "sent", *n_sent)), err)))
		goto out;
	rc = store_commit(ctx->store, err);
	if (!rc)
		began = false;
out:
	if (began) {
		store_rollback(ctx->store);
		*n_sent = 0;
	}
	digests_free(lower, nl);
	digests_free(upper, nu);
	return rc;
}

/* ---- documents ---- */

/* "I. Đánh giá…" → label "I." and the rest; no label → "". */
static void split_label(struct app_ctx *ctx, const char *s, const char **label, const char **text)
{
	size_t n = strspn(s, "0123456789");
	if (!n)
		n = strspn(s, "IVXLC");
	if (n > 0 && n < 8 && (s[n] == '.' || s[n] == ')' || s[n] == '-')) {
		*label = arena_printf(ctx->arena, "%.*s.", (int)n, s);
		s += n + 1;
		while (*s == ' ')
			s++;
		*text = s;
		return;
	}
	*label = "";
	*text = s;
}

static const char *fmt_num(struct app_ctx *ctx, const struct indicator_figure *f)
{
	if (!f->has_value)
		return "";
	double v = f->value;
	if (v == (double)(int64_t)v)
		return arena_printf(ctx->arena, "%lld", (long long)(int64_t)v);
	return arena_printf(ctx->arena, "%.2f", v);
}

static const struct indicator_figure *actual_of(const struct indicator_row *row, const char *period)
{
	if (strcmp(period, "h1") == 0)
		return &row->h1;
	if (strcmp(period, "estimate") == 0)
		return &row->estimate;
	return &row->actual;
}

static const char *period_label(struct app_ctx *ctx, const char *period, int year)
{
	if (strcmp(period, "h1") == 0)
		return arena_printf(ctx->arena, "Thực hiện 6 tháng %d", year);
	if (strcmp(period, "estimate") == 0)
		return arena_printf(ctx->arena, "Ước thực hiện năm %d", year);
	return arena_printf(ctx->arena, "Thực hiện năm %d", year);
}

static void appendix_doc(struct app_ctx *ctx, struct doc *d, const struct report_view *v)
{
	const char *headers[] = {"TT",
				 "Chỉ tiêu",
				 "Đơn vị tính",
				 "Mục tiêu",
				 period_label(ctx, v->figure_period, v->figure_year),
				 "So với mục tiêu (%)",
				 "Đánh giá"};
	static const int W[] = {6, 34, 12, 12, 14, 12, 10};
	static const int C[] = {1, 0, 1, 1, 1, 1, 1};
	struct doc_table *t = doc_table(d, 7, headers, W, C);
	for (int i = 0; i < v->appendix.n_rows; i++) {
		const struct indicator_row *row = &v->appendix.rows[i];
		const struct indicator_figure *target =
			row->year_target.has_value ? &row->year_target : &row->term_target;
		const struct indicator_figure *act = actual_of(row, v->figure_period);
		const char *pct = "";
		if (act->has_value && target->has_value && target->value != 0)
			pct = arena_printf(ctx->arena, "%.1f", act->value / target->value * 100.0);
		const char *cells[] = {arena_printf(ctx->arena, "%d", i + 1),
				       row->ind.name,
				       row->ind.unit,
				       fmt_num(ctx, target),
				       fmt_num(ctx, act),
				       pct,
				       row->cmp.verdict_label ? row->cmp.verdict_label : ""};
		doc_table_row(d, t, cells);
	}
	for (int i = 0; i < v->n_breakdown; i++) {
		const struct indicator_children *ch = &v->breakdown[i].children;
		doc_paragraph(d, DOC_BOLD | DOC_NO_INDENT,
			      arena_printf(ctx->arena, "%d. %s — chi tiết theo đơn vị%s%s", i + 1,
					   ch->ind.name, *ch->total.derivation ? ": " : "",
					   ch->total.derivation));
		static const char *const H2[] = {"TT", "Đơn vị", "Số liệu"};
		static const int W2[] = {8, 62, 30}, C2[] = {1, 0, 1};
		struct doc_table *t2 = doc_table(d, 3, H2, W2, C2);
		for (int k = 0; k < ch->n_rows; k++) {
			const char *cells[] = {
				arena_printf(ctx->arena, "%d", k + 1), ch->rows[k].org_name,
				ch->rows[k].fig.has_value ? fmt_num(ctx, &ch->rows[k].fig)
							  : "Chưa có số liệu"};
			doc_table_row(d, t2, cells);
		}
		const char *total[] = {"", "Tổng hợp", fmt_num(ctx, &ch->total)};
		doc_table_row(d, t2, total);
	}
}

static void section_text(struct doc *d, const char *text)
{
	const char *p = text;
	while (*p) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *line = xstrndup(p, n);
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' '))
			line[--l] = 0;
		if (*line)
			doc_paragraph(d, 0, line);
		free(line);
		p += n;
		if (*p)
			p++;
	}
}

/* "Báo cáo <title> — <org>", without saying "Báo cáo" twice when the
 * campaign's title already starts with it ("Báo cáo 6 tháng đầu năm…"). */
static const char *report_title(struct app_ctx *ctx, const char *title, const char *sep,
				const char *org)
{
	bool said = strncmp(title, "Báo cáo", strlen("Báo cáo")) == 0 ||
		    strncmp(title, "BÁO CÁO", strlen("BÁO CÁO")) == 0;
	return arena_printf(ctx->arena, "%s%s%s%s", said ? "" : "Báo cáo ", title, sep, org);
}

static int build_report(struct app_ctx *ctx, const struct report_view *v, struct doc *d,
			struct kh_error *err)
{
	const struct report_row *r = &v->r.row;
	int32_t day = r->submitted_day ? r->submitted_day : ctx->today;
	struct org o;
	int rc;
	if ((rc = app_export_header(ctx, d, r->org_id, day, err)) ||
	    (rc = store_org_get_nearest(ctx->store, ctx->arena, r->org_id, day, &o, err)))
		return rc;
	if (*r->number)
		d->number = doc_str(d, arena_printf(ctx->arena, "Số %s", r->number));
	else if (o.short_name && *o.short_name)
		d->number = doc_str(d, arena_printf(ctx->arena, "Số       -BC/%s", o.short_name));
	d->type = "BÁO CÁO";
	d->subject = doc_str(d, v->c.row.title);
	d->title = doc_str(d, report_title(ctx, v->c.row.title, " — ", r->org_name));
	d->created_at = r->submitted_at ? r->submitted_at : ctx->now;
	bool appendix_done = false;
	for (int i = 0; i < v->n_sections; i++) {
		const char *label, *text;
		split_label(ctx, v->c.outline[i], &label, &text);
		bool is_appendix = strncmp(text, "Phụ lục", strlen("Phụ lục")) == 0;
		doc_heading(d, 1, label, doc_caps(d, text));
		section_text(d, v->sections[i]);
		if (is_appendix && v->has_appendix && !appendix_done) {
			appendix_doc(ctx, d, v);
			appendix_done = true;
		}
	}
	if (v->has_appendix && !appendix_done) {
		doc_heading(d, 1, "", "PHỤ LỤC: SỐ LIỆU CÁC CHỈ TIÊU");
		appendix_doc(ctx, d, v);
	}
	if (v->r.own) {
		doc_heading(d, 1, "", "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ");
		doc_paragraph(d, 0,
			      arena_printf(ctx->arena,
					   "Tổng số %d đơn vị phải báo cáo: đúng hạn %d, muộn %d,"
					   " chưa nộp (quá hạn) %d, trả lại %d, chưa đến hạn %d.",
					   v->counts.total, v->counts.on_time, v->counts.late,
					   v->counts.missing, v->counts.returned,
					   v->counts.pending));
		for (int i = 0; i < v->n_late; i++)
			doc_list_item(d, 1, 0, "-",
				      arena_printf(ctx->arena, "%s: %s (hạn %s)",
						   v->late[i].row.org_name,
						   report_timeliness_label(v->late[i].timeliness),
						   day_text(ctx, v->late[i].row.due_day)));
	}
	if (!v->r.own)
		doc_recipient(d, v->c.row.org_name);
	else if (o.parent_id) {
		struct org up;
		if ((rc = store_org_get_nearest(ctx->store, ctx->arena, o.parent_id, day, &up,
						err)))
			return rc;
		doc_recipient(d, up.name);
	}
	return app_export_signature(ctx, d, r->org_id, day, err);
}

static int write_doc(const struct doc *d, const char *format, char **bytes, size_t *len,
		     struct kh_error *err)
{
	if (strcmp(format, "docx") == 0)
		return docx_write(d, bytes, len, err);
	return pdf_write(d, bytes, len, NULL, err);
}

static int check_format(const char *format, struct kh_error *err)
{
	if (!format || (strcmp(format, "docx") != 0 && strcmp(format, "pdf") != 0))
		return kh_fail(err, KH_EINVAL, "format",
			       "Định dạng tệp phải là docx (Word) hoặc pdf");
	return 0;
}

int app_report_export(struct app_ctx *ctx, int64_t id, const char *format, char **bytes,
		      size_t *len, const char **filename, struct kh_error *err)
{
	struct report_view v;
	struct doc d;
	int rc;
	*bytes = NULL;
	*len = 0;
	*filename = NULL;
	if ((rc = app_report_get(ctx, id, &v, err)) || (rc = check_format(format, err)))
		return rc;
	doc_init(&d);
	if ((rc = build_report(ctx, &v, &d, err)) || (rc = write_doc(&d, format, bytes, len, err)))
		goto out;
	*filename = app_export_file_name(
		ctx, report_title(ctx, v.c.row.title, " - ", v.r.row.org_name), format);
out:
	doc_release(&d);
	return rc;
}

static const char *lower_first(struct app_ctx *ctx, const char *s)
{
	char *c = arena_strdup(ctx->arena, s);
	if (*c >= 'A' && *c <= 'Z')
		*c = (char)(*c - 'A' + 'a');
	return c;
}

static int build_letter(struct app_ctx *ctx, const struct report_campaign *c,
			const struct report *rows, int n, struct doc *d, struct kh_error *err)
{
	int32_t day = (int32_t)(c->row.created_at / 86400);
	struct org o;
	int rc;
	if ((rc = app_export_header(ctx, d, c->row.org_id, day, err)) ||
	    (rc = store_org_get_nearest(ctx->store, ctx->arena, c->row.org_id, day, &o, err)))
		return rc;
	if (*c->row.number)
		d->number = doc_str(d, arena_printf(ctx->arena, "Số %s", c->row.number));
	else
		d->number = doc_str(d, arena_printf(ctx->arena, "Số       -CV/%s",
						    o.short_name ? o.short_name : ""));
	d->about = doc_str(d, arena_printf(ctx->arena, "V/v %s", lower_first(ctx, c->row.title)));
	d->type = "";
	d->title = doc_str(d, c->row.title);
	d->created_at = c->row.created_at;
	for (int i = 0; i < c->n_due; i++) {
		int count = 0;
		for (int k = 0; k < n; k++)
			count += !rows[k].own && rows[k].row.org_level == c->due[i].level;
		if (count == 0)
			continue;
		if (count <= 4) {
			for (int k = 0; k < n; k++)
				if (!rows[k].own && rows[k].row.org_level == c->due[i].level)
					doc_addressee(d, rows[k].row.org_name);
		} else {
			doc_addressee(d,
				      arena_printf(ctx->arena,
						   "Các cấp ủy, tổ chức đảng %s trực thuộc"
						   " (%d đơn vị)",
						   lower_first(ctx, c->due[i].level_label), count));
		}
	}
	const char *kind = lower_first(ctx, c->kind_label);
	doc_paragraph(d, 0,
		      arena_printf(ctx->arena,
				   "Thực hiện chương trình công tác, %s đề nghị các cấp ủy, tổ chức"
				   " đảng trực thuộc xây dựng báo cáo %s %s (%s) theo đề cương"
				   " sau:",
				   o.name, kind, years_text(ctx, c->row.year_from, c->row.year_to),
				   c->row.title));
	for (int i = 0; i < c->n_outline; i++)
		doc_list_item(d, 1, 0, "-", c->outline[i]);
	if (c->n_indicators > 0) {
		doc_paragraph(d, 0,
			      "Kèm theo báo cáo là phụ lục số liệu các chỉ tiêu (so sánh với mục"
			      " tiêu nghị quyết và với giá trị nền):");
		/* by the campaign org's list: the reader of the letter may not
		 * read the org that defined an indicator */
		struct indicator *vis = NULL;
		int nvis = 0;
		struct kh_error e;
		rc = app_indicator_list(ctx, c->row.org_id, &vis, &nvis, &e);
		if (rc && rc != KH_EFORBIDDEN)
			return copy_err(err, &e, rc);
		rc = 0;
		for (int i = 0, k = 0; i < c->n_indicators; i++) {
			const struct indicator *ind = NULL;
			for (int j = 0; j < nvis && !ind; j++)
				if (vis[j].id == c->indicator_ids[i])
					ind = &vis[j];
			if (!ind)
				continue;
			k++;
			doc_list_item(d, 1, 0, arena_printf(ctx->arena, "%d.", k),
				      *ind->unit ? arena_printf(ctx->arena, "%s (%s)", ind->name,
								ind->unit)
						 : ind->name);
		}
	}
	doc_paragraph(
		d, 0,
		arena_printf(ctx->arena, "Thời hạn gửi báo cáo về %s (qua Văn phòng):", o.name));
	for (int i = 0; i < c->n_due; i++)
		doc_list_item(d, 1, 0, "-",
			      arena_printf(ctx->arena, "%s: chậm nhất ngày %s.",
					   c->due[i].level_label,
					   day_text(ctx, c->due[i].due_day)));
	if (c->row.conference_from)
		doc_paragraph(d, 0,
			      arena_printf(ctx->arena,
					   "Hội nghị %s tổ chức từ ngày %s đến ngày %s.", kind,
					   day_text(ctx, c->row.conference_from),
					   day_text(ctx, c->row.conference_to)));
	if (*c->row.after_conference)
		doc_paragraph(d, 0,
			      arena_printf(ctx->arena, "Sau hội nghị, gửi về %s: %s.", o.name,
					   c->row.after_conference));
	doc_paragraph(d, 0,
		      "Đề nghị các cấp ủy, tổ chức đảng nghiêm túc triển khai thực hiện, gửi báo"
		      " cáo đúng thời hạn.");
	doc_recipient(d, "Như kính gửi");
	return app_export_signature(ctx, d, c->row.org_id, day, err);
}

int app_report_letter(struct app_ctx *ctx, int64_t campaign_id, const char *format, char **bytes,
		      size_t *len, const char **filename, struct kh_error *err)
{
	struct report_campaign c;
	struct report *rows;
	struct report_counts k;
	struct doc d;
	int n, rc;
	*bytes = NULL;
	*len = 0;
	*filename = NULL;
	if ((rc = app_report_campaign_get(ctx, campaign_id, &c, err)) ||
	    (rc = check_format(format, err)) || (rc = load_reports(ctx, &c, &rows, &n, &k, err)))
		return rc;
	doc_init(&d);
	if ((rc = build_letter(ctx, &c, rows, n, &d, err)) ||
	    (rc = write_doc(&d, format, bytes, len, err)))
		goto out;
	*filename = app_export_file_name(
		ctx, arena_printf(ctx->arena, "Công văn - %s", c.row.title), format);
out:
	doc_release(&d);
	return rc;
}

/* ---- JSON ---- */

static json_t *day_json(int32_t day)
{
	if (!day)
		return json_null();
	char s[11];
	date_format_iso(day, s);
	return json_string(s);
}

json_t *app_report_campaign_json(const struct report_campaign *c)
{
	json_t *outline = json_array(), *due = json_array(), *ind = json_array();
	for (int i = 0; i < c->n_outline; i++)
		json_array_append_new(outline, json_string(c->outline[i]));
	for (int i = 0; i < c->n_due; i++)
		json_array_append_new(due, json_pack("{s:i, s:s, s:o}", "level", c->due[i].level,
						     "level_label", c->due[i].level_label,
						     "due_day", day_json(c->due[i].due_day)));
	for (int i = 0; i < c->n_indicators; i++)
		json_array_append_new(ind, json_integer(c->indicator_ids[i]));
	return json_pack("{s:I, s:{s:I, s:s}, s:s, s:s, s:i, s:i, s:s, s:s, s:o, s:o, s:o, s:o,"
			 " s:o, s:s, s:s, s:b}",
			 "id", (json_int_t)c->row.id, "org", "id", (json_int_t)c->row.org_id,
			 "name", c->row.org_name, "kind", c->row.kind, "kind_label",
			 c->kind_label ? c->kind_label : "", "year_from", c->row.year_from,
			 "year_to", c->row.year_to, "title", c->row.title, "number", c->row.number,
			 "outline", outline, "due", due, "indicator_ids", ind, "conference_from",
			 day_json(c->row.conference_from), "conference_to",
			 day_json(c->row.conference_to), "after_conference",
			 c->row.after_conference, "status", c->row.status, "can_manage",
			 c->can_manage);
}

json_t *app_report_json(const struct report *r)
{
	return json_pack(
		"{s:I, s:I, s:{s:I, s:s, s:i}, s:s, s:s, s:s, s:s, s:o, s:o, s:s,"
		" s:s, s:b}",
		"id", (json_int_t)r->row.id, "campaign_id", (json_int_t)r->row.campaign_id, "org",
		"id", (json_int_t)r->row.org_id, "name", r->row.org_name, "level", r->row.org_level,
		"status", r->row.status, "status_label", report_status_label(r->row.status),
		"timeliness", report_timeliness_name(r->timeliness), "timeliness_label",
		report_timeliness_label(r->timeliness), "due_day", day_json(r->row.due_day),
		"submitted_day", day_json(r->row.submitted_day), "number", r->row.number,
		"returned_reason", r->row.returned_reason, "own", r->own);
}

json_t *app_report_counts_json(const struct report_counts *k)
{
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i}", "total", k->total, "pending",
			 k->pending, "on_time", k->on_time, "late", k->late, "missing", k->missing,
			 "returned", k->returned, "submitted", k->submitted, "accepted",
			 k->accepted);
}

json_t *app_report_view_json(const struct report_view *v)
{
	json_t *j = app_report_json(&v->r);
	json_t *sections = json_array();
	for (int i = 0; i < v->n_sections; i++)
		json_array_append_new(sections, json_pack("{s:s, s:s}", "title", v->c.outline[i],
							  "text", v->sections[i]));
	json_object_set_new(j, "campaign", app_report_campaign_json(&v->c));
	json_object_set_new(j, "sections", sections);
	json_object_set_new(j, "prefilled", json_boolean(v->prefilled));
	json_object_set_new(j, "progress",
			    json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:s}", "plans",
				      v->progress.plans, "items", v->progress.items, "done",
				      v->progress.done, "done_late", v->progress.done_late,
				      "overdue", v->progress.overdue, "due_later",
				      v->progress.due_later, "text", v->progress_text));
	json_object_set_new(j, "figure_period", json_string(v->figure_period));
	json_object_set_new(j, "figure_year", json_integer(v->figure_year));
	if (v->has_appendix)
		json_object_set_new(j, "appendix", app_indicator_table_json(&v->appendix));
	if (v->r.own) {
		json_t *b = json_array(), *late = json_array();
		for (int i = 0; i < v->n_breakdown; i++)
			json_array_append_new(
				b, app_indicator_children_json(&v->breakdown[i].children));
		for (int i = 0; i < v->n_late; i++)
			json_array_append_new(late, app_report_json(&v->late[i]));
		json_object_set_new(j, "breakdown", b);
		json_object_set_new(j, "late", late);
		json_object_set_new(j, "counts", app_report_counts_json(&v->counts));
	}
	json_t *f = json_array();
	for (int i = 0; i < v->n_filings; i++) {
		const struct report_filing_row *x = &v->filings[i];
		json_array_append_new(
			f, json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:o}", "id", (json_int_t)x->id,
				     "kind", x->kind, "document_id",
				     x->document_id ? json_integer(x->document_id) : json_null(),
				     "document_number", x->document_number, "document_title",
				     x->document_title, "name", x->name, "sha256",
				     *x->sha256 ? json_string(x->sha256) : json_null()));
	}
	json_object_set_new(j, "filings", f);
	json_object_set_new(j, "rights",
			    json_pack("{s:b, s:b, s:b, s:b, s:b}", "edit", v->can_edit, "submit",
				      v->can_submit, "decide", v->can_decide, "reopen",
				      v->can_reopen, "file", v->can_file));
	return j;
}
