/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Quality classification use cases (see app/classification.h): the rule set
 * chosen by the period, the three stages and the re-examination with their
 * rights, the task score computed from the plans, the grade checks and the
 * quota, each write in one transaction with its history row and audit entry.
 */
#include "core/common.h"
#include "app/classification.h"
#include "app/indicator.h"
#include "app/org.h"
#include "app/person.h"
#include "app/progress.h"
#include "core/date.h"

#include <string.h>

const char *app_class_rule_name(struct app_ctx *ctx, const char *code)
{
	return arena_printf(ctx->arena, "Quy định %s", code ? code : "");
}

/* Ends a read transaction: a commit, so that a read nested in a caller's
 * write transaction (the demo loader) leaves it open. */
static void read_end(struct store *s)
{
	struct kh_error e = {0};
	if (store_commit(s, &e) != 0)
		store_rollback(s);
}

static bool kind_valid(const char *k)
{
	return k &&
	       (strcmp(k, "org") == 0 || strcmp(k, "collective") == 0 || strcmp(k, "member") == 0);
}

/* The period's first and last days. */
static void period_days(const char *kind, int year, int part, int32_t *from, int32_t *to)
{
	if (strcmp(kind, "quarter") == 0) {
		int m = part * 3;
		*from = date_from_ymd(year, m - 2, 1);
		*to = date_from_ymd(year, m, date_days_in_month(year, m));
	} else {
		*from = date_from_ymd(year, 1, 1);
		*to = date_from_ymd(strcmp(kind, "term") == 0 ? part : year, 12, 31);
	}
}

int app_class_rules(struct app_ctx *ctx, struct class_rule_row **out, int *n, struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = store_begin(ctx->store, false, err);
	if (rc)
		return rc;
	rc = store_class_rules(ctx->store, ctx->arena, out, n, err);
	read_end(ctx->store);
	return rc;
}

int app_class_rule_for(struct app_ctx *ctx, const char *period_kind, int year, int part,
		       struct class_rule_row *out, struct kh_error *err)
{
	if (!period_kind || !*class_period_label(period_kind))
		return kh_fail(err, KH_EINVAL, "period_kind",
			       "Kỳ đánh giá (period_kind) phải là quarter, year hoặc term");
	if (year < 1990 || year > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	if (strcmp(period_kind, "quarter") == 0 && (part < 1 || part > 4))
		return kh_fail(err, KH_EINVAL, "part", "Quý phải từ 1 đến 4");
	if (strcmp(period_kind, "year") == 0 && part != 0)
		return kh_fail(err, KH_EINVAL, "part", "Đánh giá năm không có quý");
	if (strcmp(period_kind, "term") == 0 && (part <= year || part - year > 5))
		return kh_fail(err, KH_EINVAL, "part",
			       "Nhiệm kỳ: năm cuối (part) phải sau năm đầu, không quá 5 năm");
	int last = strcmp(period_kind, "term") == 0 ? part : year;
	int rc = store_class_rule_for(ctx->store, ctx->arena, last, out, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_ENOTFOUND, "year",
			       "Không có quy định đánh giá, xếp loại chất lượng cho năm %d", last);
	if (rc)
		return rc;
	if (!class_rule_allows(out, period_kind))
		return kh_fail(err, KH_EINVAL, "period_kind",
			       "Quy định %s không đánh giá, xếp loại theo %s", out->code,
			       strcmp(period_kind, "quarter") == 0 ? "quý"
			       : strcmp(period_kind, "term") == 0  ? "nhiệm kỳ"
								   : "năm");
	return 0;
}

/* ---- rights ---- */

static bool allowed(int rc, int *hard, struct kh_error *e, struct kh_error *err)
{
	if (rc == 0)
		return true;
	if (rc != KH_EFORBIDDEN && rc != KH_ENOTFOUND && !*hard) {
		*hard = rc;
		*err = *e;
	}
	return false;
}

/* Fills the rights of v (its c filled). */
static int rights(struct app_ctx *ctx, struct class_view *v, struct kh_error *err)
{
	struct kh_error e = {0};
	int hard = 0;
	bool self = false;
	if (strcmp(v->c.subject_kind, "member") == 0)
		self = (ctx->actor->person_id && ctx->actor->person_id == v->c.person_id) ||
		       allowed(app_can_manage_org(ctx, v->c.org_id, &e), &hard, &e, err);
	else
		self = allowed(app_can_act_for_org(ctx, v->c.org_id, &e), &hard, &e, err);
	bool manage = allowed(app_can_manage_org(ctx, v->c.org_id, &e), &hard, &e, err);
	bool decide = allowed(app_can_manage_org(ctx, v->c.deciding_org_id, &e), &hard, &e, err);
	if (hard)
		return hard;
	v->can_self = self && strcmp(v->c.stage, "self") == 0;
	v->can_propose = manage && strcmp(v->c.stage, "decided") != 0;
	v->can_decide = decide && strcmp(v->c.stage, "self") != 0;
	return 0;
}

static int can_read(struct app_ctx *ctx, const struct class_row *c, struct kh_error *err)
{
	if (strcmp(c->subject_kind, "member") == 0 && ctx->actor->person_id &&
	    ctx->actor->person_id == c->person_id)
		return 0;
	int rc = app_can_read_org(ctx, c->org_id, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_EFORBIDDEN, NULL,
			       "Bạn không có quyền xem kết quả xếp loại này");
	return rc;
}

/* ---- the task score ---- */

static int task_score(struct app_ctx *ctx, struct class_view *v, struct kh_error *err)
{
	period_days(v->c.period_kind, v->c.year, v->c.part, &v->from, &v->to);
	memset(&v->task, 0, sizeof(v->task));
	v->task.points = -1;
	v->task_from_plan = false;
	if (!v->rule.scored)
		return 0;
	/* an org and its collective: the org's plans; a member: his own
	 * individual plans (a head's), else the appraiser enters the points */
	bool member = strcmp(v->c.subject_kind, "member") == 0;
	struct progress_query q = {.org_id = member ? 0 : v->c.org_id,
				   .person_id = member ? v->c.person_id : 0,
				   .from = v->from,
				   .to = v->to,
				   .tasks_only = true};
	struct progress_summary s;
	/* The plans are read as the system: whoever may act on the
	 * classification may see its score. */
	struct actor sys;
	app_actor_system(&sys);
	struct app_ctx sctx = *ctx;
	sctx.actor = &sys;
	int rc = app_progress_summary(&sctx, &q, &s, err);
	if (rc)
		return rc;
	class_task_score(&v->rule, s.done_on_time, s.done_late, s.overdue,
			 s.in_progress + s.not_started, &v->task);
	v->task_from_plan = v->task.points >= 0;
	if (member || strcmp(v->c.period_kind, "quarter") == 0)
		return 0;
	struct indicator_table t;
	int last = strcmp(v->c.period_kind, "term") == 0 ? v->c.part : v->c.year;
	if ((rc = app_indicator_table(&sctx, v->c.org_id, last, NULL, 0, &t, err)))
		return rc;
	for (int i = 0; i < t.n_rows; i++) {
		const struct indicator_row *row = &t.rows[i];
		if (row->cmp.verdict < 0) {
			v->task.indicators_missed++;
		} else if (row->cmp.verdict > 0) {
			v->task.indicators_met++;
			const char *dir = row->ind.direction ? row->ind.direction : "up";
			if (row->cmp.has_target &&
			    ((strcmp(dir, "up") == 0 && row->cmp.pct_of_target > 100) ||
			     (strcmp(dir, "down") == 0 && row->cmp.pct_of_target < 100)))
				v->task.indicators_exceeded++;
		}
	}
	class_task_exceeded(&v->rule, &v->task);
	return 0;
}

static int load_view(struct app_ctx *ctx, int64_t id, struct class_view *v, struct kh_error *err)
{
	int rc;
	memset(v, 0, sizeof(*v));
	if ((rc = store_class_get(ctx->store, ctx->arena, id, &v->c, err)) ||
	    (rc = store_class_rule_get(ctx->store, ctx->arena, v->c.rule_code, &v->rule, err)) ||
	    (rc = task_score(ctx, v, err)) ||
	    (rc = store_class_steps(ctx->store, ctx->arena, id, &v->steps, &v->n_steps, err)))
		return rc;
	return rights(ctx, v, err);
}

int app_class_get(struct app_ctx *ctx, int64_t id, struct class_view *out, struct kh_error *err)
{
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	int rc = app_scope_load(ctx, err);
	if (rc || (rc = store_begin(ctx->store, false, err)))
		return rc;
	rc = store_class_get(ctx->store, ctx->arena, id, &out->c, err);
	if (!rc)
		rc = can_read(ctx, &out->c, err);
	if (!rc)
		rc = load_view(ctx, id, out, err);
	read_end(ctx->store);
	return rc;
}

int app_class_list(struct app_ctx *ctx, int64_t org_id, int year, struct class_row **out, int *n,
		   struct kh_error *err)
{
	*out = NULL;
	*n = 0;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if (year < 1990 || year > 2100)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ 1990 đến 2100");
	int rc = app_scope_load(ctx, err);
	if (rc || (rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	if ((rc = store_begin(ctx->store, false, err)))
		return rc;
	rc = store_class_list(ctx->store, ctx->arena, org_id, year, out, n, err);
	read_end(ctx->store);
	return rc;
}

/* ---- JSON ---- */

static void set_points(json_t *o, const char *key, int v)
{
	json_object_set_new(o, key, v < 0 ? json_null() : json_integer(v));
}

json_t *app_class_rule_json(const struct class_rule_row *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "code", json_string(r->code));
	json_object_set_new(o, "title", json_string(r->title));
	json_object_set_new(o, "year_from", json_integer(r->year_from));
	json_object_set_new(o, "year_to", r->year_to ? json_integer(r->year_to) : json_null());
	json_t *p = json_array();
	static const char *const KINDS[] = {"quarter", "year", "term"};
	for (size_t i = 0; i < KH_ARRAY_LEN(KINDS); i++)
		if (class_rule_allows(r, KINDS[i]))
			json_array_append_new(p, json_string(KINDS[i]));
	json_object_set_new(o, "periods", p);
	json_object_set_new(o, "scored", json_boolean(r->scored));
	if (r->scored) {
		json_object_set_new(o, "general_max", json_integer(r->general_max));
		json_object_set_new(o, "task_max", json_integer(r->task_max));
		json_object_set_new(o, "excellent_min", json_integer(r->excellent_min));
		json_object_set_new(o, "good_min", json_integer(r->good_min));
		json_object_set_new(o, "complete_min", json_integer(r->complete_min));
		json_object_set_new(o, "late_weight_pct", json_integer(r->late_weight_pct));
		json_object_set_new(o, "exceed_points", json_integer(r->exceed_points));
		json_object_set_new(o, "excellent_on_time", json_boolean(r->excellent_on_time));
	}
	json_object_set_new(o, "quota_pct", json_integer(r->quota_pct));
	json_object_set_new(o, "quota_min", json_integer(r->quota_min));
	json_t *c = json_loads(r->conditions ? r->conditions : "[]", 0, NULL);
	json_object_set_new(o, "conditions", json_is_array(c) ? c : json_array());
	if (c && !json_is_array(c))
		json_decref(c);
	return o;
}

json_t *app_class_row_json(const struct class_row *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "rule", json_string(c->rule_code));
	json_object_set_new(o, "subject_kind", json_string(c->subject_kind));
	json_object_set_new(o, "org_id", json_integer(c->org_id));
	json_object_set_new(o, "org_name", json_string(c->org_name ? c->org_name : ""));
	json_object_set_new(o, "person_id",
			    c->person_id ? json_integer(c->person_id) : json_null());
	json_object_set_new(o, "person_name", json_string(c->person_name ? c->person_name : ""));
	json_object_set_new(o, "deciding_org_id", json_integer(c->deciding_org_id));
	json_object_set_new(o, "period_kind", json_string(c->period_kind));
	json_object_set_new(o, "year", json_integer(c->year));
	json_object_set_new(o, "part", json_integer(c->part));
	json_object_set_new(o, "stage", json_string(c->stage));
	json_object_set_new(o, "grade", json_string(c->grade));
	json_object_set_new(o, "grade_label", json_string(class_grade_label_of(c->grade)));
	set_points(o, "general_points", c->general_points);
	set_points(o, "task_points", c->task_points);
	return o;
}

json_t *app_class_view_json(const struct class_view *v)
{
	json_t *o = app_class_row_json(&v->c);
	json_object_set_new(o, "rule_detail", app_class_rule_json(&v->rule));
	json_t *t = json_object();
	json_object_set_new(t, "items", json_integer(v->task.items));
	json_object_set_new(t, "done_on_time", json_integer(v->task.on_time));
	json_object_set_new(t, "done_late", json_integer(v->task.late));
	json_object_set_new(t, "overdue", json_integer(v->task.overdue));
	json_object_set_new(t, "not_due", json_integer(v->task.open));
	json_object_set_new(t, "counted", json_integer(v->task.counted));
	set_points(t, "points", v->task.points);
	json_object_set_new(t, "all_on_time", json_boolean(v->task.all_on_time));
	json_object_set_new(t, "from_plan", json_boolean(v->task_from_plan));
	json_object_set_new(t, "indicators_met", json_integer(v->task.indicators_met));
	json_object_set_new(t, "indicators_exceeded", json_integer(v->task.indicators_exceeded));
	json_object_set_new(t, "exceed_bonus", json_integer(v->task.exceed_bonus));
	json_object_set_new(t, "indicators_missed", json_integer(v->task.indicators_missed));
	json_object_set_new(o, "task_score", t);
	json_t *h = json_array();
	for (int i = 0; i < v->n_steps; i++) {
		const struct class_step_row *s = &v->steps[i];
		json_t *j = json_object();
		json_object_set_new(j, "stage", json_string(s->stage));
		json_object_set_new(j, "grade", json_string(s->grade));
		set_points(j, "general_points", s->general_points);
		set_points(j, "task_points", s->task_points);
		json_object_set_new(j, "note", json_string(s->note));
		json_object_set_new(j, "by", json_string(s->by_name));
		json_object_set_new(j, "at", json_integer(s->at));
		json_array_append_new(h, j);
	}
	json_object_set_new(o, "history", h);
	json_object_set_new(o, "can_self", json_boolean(v->can_self));
	json_object_set_new(o, "can_propose", json_boolean(v->can_propose));
	json_object_set_new(o, "can_decide", json_boolean(v->can_decide));
	return o;
}

/* ---- writes ---- */

static char *dump(const struct class_row *c)
{
	json_t *j = app_class_row_json(c);
	char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	return s;
}

/* Checks the step's grade and points against the rule; fills the row's grade
 * and points. */
static int check_step(struct app_ctx *ctx, struct class_view *v, const struct class_input *in,
		      struct kh_error *err)
{
	enum class_grade g;
	const struct class_rule_row *r = &v->rule;
	if (!in->grade || !class_grade_parse(in->grade, &g))
		return kh_fail(err, KH_EINVAL, "grade",
			       "Mức xếp loại (grade) phải là excellent, good, complete hoặc"
			       " not_complete");
	if (in->note && strlen(in->note) > CLASS_NOTE_MAX)
		return kh_fail(err, KH_EINVAL, "note", "Ghi chú quá dài (tối đa %d ký tự)",
			       CLASS_NOTE_MAX);
	v->c.grade = class_grade_name(g);
	v->c.general_points = -1;
	v->c.task_points = -1;
	if (!r->scored)
		return 0;
	if (in->general_points < 0 || in->general_points > r->general_max)
		return kh_fail(err, KH_EINVAL, "general_points",
			       "Điểm tiêu chí chung phải từ 0 đến %d (Quy định %s)", r->general_max,
			       r->code);
	int task = v->task.points;
	if (!v->task_from_plan) {
		if (in->task_points < 0 || in->task_points > r->task_max)
			return kh_fail(err, KH_EINVAL, "task_points",
				       "Điểm kết quả thực hiện nhiệm vụ phải từ 0 đến %d"
				       " (Quy định %s)",
				       r->task_max, r->code);
		task = in->task_points;
	}
	v->c.general_points = in->general_points;
	v->c.task_points = task;
	int total = in->general_points + task;
	bool on_time = v->task_from_plan ? v->task.all_on_time : true;
	enum class_grade max = class_grade_for_points(r, total, on_time);
	if (g <= max)
		return 0;
	if (g == CLASS_EXCELLENT && total >= r->excellent_min)
		return kh_fail(err, KH_ECONFLICT, "grade",
			       "«%s» đòi hỏi mọi nhiệm vụ hoàn thành đúng hạn: còn %d nhiệm vụ"
			       " hoàn thành muộn, %d quá hạn (Quy định %s)",
			       class_grade_label(g), v->task.late, v->task.overdue, r->code);
	(void)ctx;
	return kh_fail(err, KH_ECONFLICT, "grade",
		       "Tổng điểm %d/%d chỉ cho phép xếp loại tối đa «%s» (Quy định %s)", total,
		       r->general_max + r->task_max, class_grade_label(max), r->code);
}

/* Writes the step: row update (or insert), history row, audit. */
static int write_step(struct app_ctx *ctx, struct class_view *v, const char *step, const char *note,
		      const char *before, struct kh_error *err)
{
	int rc;
	v->c.updated_at = ctx->now;
	if (v->c.id) {
		rc = store_class_update(ctx->store, &v->c, err);
	} else {
		v->c.created_at = ctx->now;
		rc = store_class_insert(ctx->store, &v->c, &v->c.id, err);
	}
	if (rc)
		return rc;
	struct class_step_row s = {.classification_id = v->c.id,
				   .stage = step,
				   .grade = v->c.grade,
				   .general_points = v->c.general_points,
				   .task_points = v->c.task_points,
				   .note = note ? note : "",
				   .by_user = ctx->actor->user_id,
				   .at = ctx->now};
	if ((rc = store_class_step_insert(ctx->store, &s, err)))
		return rc;
	char *after = dump(&v->c);
	char action[40];
	snprintf(action, sizeof(action), "classification.%s",
		 strcmp(step, "proposed") == 0	   ? "propose"
		 : strcmp(step, "decided") == 0	   ? "decide"
		 : strcmp(step, "reexamined") == 0 ? "reexamine"
						   : step);
	rc = app_audit(ctx, action, "classification", v->c.id, before, after, err);
	free(after);
	return rc;
}

int app_class_self(struct app_ctx *ctx, const struct class_input *in, struct class_view *out,
		   struct kh_error *err)
{
	struct class_view v;
	struct org org;
	int rc;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	memset(&v, 0, sizeof(v));
	if (!kind_valid(in->subject_kind))
		return kh_fail(err, KH_EINVAL, "subject_kind",
			       "Đối tượng (subject_kind) phải là org, collective hoặc member");
	if (in->org_id <= 0)
		return kh_fail(err, KH_EINVAL, "org_id", "Cần chọn tổ chức");
	bool member = strcmp(in->subject_kind, "member") == 0;
	if (member != (in->person_id > 0))
		return kh_fail(err, KH_EINVAL, "person_id",
			       member ? "Cần chọn đảng viên được đánh giá"
				      : "Chỉ đánh giá đảng viên mới chọn người (person_id)");
	if ((rc = app_scope_load(ctx, err)) || (rc = store_begin(ctx->store, true, err)))
		return rc;
	char *before = NULL;
	if ((rc = app_class_rule_for(ctx, in->period_kind, in->year, in->part, &v.rule, err)) ||
	    (rc = app_org_get(ctx, in->org_id, ctx->today, &org, err)))
		goto out;
	if (member) {
		struct person p;
		if ((rc = app_person_get(ctx, in->person_id, &p, err)))
			goto out;
		if (p.member_org_id && p.member_org_id != in->org_id) {
			rc = kh_fail(err, KH_EINVAL, "person_id",
				     "Đảng viên %s không sinh hoạt ở tổ chức này", p.full_name);
			goto out;
		}
	}
	struct class_row key = {.subject_kind = in->subject_kind,
				.org_id = in->org_id,
				.person_id = member ? in->person_id : 0,
				.period_kind = in->period_kind,
				.year = in->year,
				.part = in->part};
	rc = store_class_find(ctx->store, ctx->arena, &key, &v.c, err);
	if (rc == KH_ENOTFOUND) {
		v.c = key;
		v.c.id = 0;
		v.c.stage = "self";
		v.c.deciding_org_id = org.parent_id ? org.parent_id : org.id;
		v.c.rule_code = v.rule.code;
		rc = 0;
	} else if (rc) {
		goto out;
	} else {
		before = dump(&v.c);
	}
	if ((rc = rights(ctx, &v, err)))
		goto out;
	if (!v.can_self) {
		rc = strcmp(v.c.stage, "self") != 0
			     ? kh_fail(err, KH_ECONFLICT, NULL,
				       "Đã có đề xuất xếp loại, không tự đánh giá lại được")
			     : kh_fail(err, KH_EFORBIDDEN, NULL,
				       "Bạn không có quyền tự đánh giá cho đối tượng này");
		goto out;
	}
	v.c.rule_code = v.rule.code;
	if ((rc = task_score(ctx, &v, err)) || (rc = check_step(ctx, &v, in, err)) ||
	    (rc = write_step(ctx, &v, "self", in->note, before, err)) ||
	    (rc = store_commit(ctx->store, err)))
		goto out;
	rc = app_class_get(ctx, v.c.id, out, err);
out:
	if (rc)
		store_rollback(ctx->store);
	free(before);
	return rc;
}

/* The quota of "excellent" in the group once v (with its new grade) is
 * decided: the group's other decisions plus this one. Checked when the grade
 * is excellent, and when a re-examination lowers a grade below "good" (the
 * base of the quota shrinks). */
static int check_quota(struct app_ctx *ctx, const struct class_view *v, bool was_good,
		       struct kh_error *err)
{
	enum class_grade g;
	int e = 0, good = 0;
	if (!class_grade_parse(v->c.grade, &g))
		return kh_fail(err, KH_EINVAL, "grade", "Mức xếp loại không hợp lệ");
	if (g != CLASS_EXCELLENT && !(was_good && g < CLASS_GOOD))
		return 0;
	int rc = store_class_group_counts(ctx->store, &v->c, v->c.id, &e, &good, err);
	if (rc)
		return rc;
	e += g == CLASS_EXCELLENT;
	good += g >= CLASS_GOOD;
	int max = class_quota_max(&v->rule, good);
	if (e <= max)
		return 0;
	return kh_fail(err, KH_ECONFLICT, "grade",
		       "Vượt tỷ lệ «Hoàn thành xuất sắc» tối đa %d%% số được xếp loại «Hoàn thành"
		       " tốt nhiệm vụ» trở lên (Quy định %s): nhóm có %d được xếp loại tốt trở lên,"
		       " tối đa %d xuất sắc, đã có %d",
		       v->rule.quota_pct, v->rule.code, good, max, e);
}

/* Propose (decide = false) or decide / re-examine. */
static int step(struct app_ctx *ctx, int64_t id, const struct class_input *in, bool decide,
		struct class_view *out, struct kh_error *err)
{
	struct class_view v;
	int rc;
	if (!ctx->actor)
		return kh_fail(err, KH_EUNAUTH, NULL, "Bạn cần đăng nhập");
	if ((rc = app_scope_load(ctx, err)) || (rc = store_begin(ctx->store, true, err)))
		return rc;
	char *before = NULL;
	if ((rc = store_class_get(ctx->store, ctx->arena, id, &v.c, err)) ||
	    (rc = can_read(ctx, &v.c, err)) || (rc = load_view(ctx, id, &v, err)))
		goto out;
	before = dump(&v.c);
	const char *name = decide ? "decided" : "proposed";
	bool reexamine = decide && strcmp(v.c.stage, "decided") == 0;
	if (decide ? !v.can_decide : !v.can_propose) {
		bool stage_ok =
			decide ? strcmp(v.c.stage, "self") != 0 : strcmp(v.c.stage, "decided") != 0;
		rc = !stage_ok
			     ? kh_fail(err, KH_ECONFLICT, NULL,
				       decide ? "Chưa có đề xuất xếp loại, chưa quyết định được"
					      : "Đã có quyết định xếp loại; cấp có thẩm quyền"
						" xem xét lại nếu cần")
			     : kh_fail(err, KH_EFORBIDDEN, NULL,
				       decide ? "Bạn không có quyền quyết định xếp loại này"
					      : "Bạn không có quyền thẩm định, đề xuất xếp loại này");
		goto out;
	}
	if (reexamine && (!in->note || !*in->note)) {
		rc = kh_fail(err, KH_EINVAL, "note", "Cần nêu lý do xem xét lại kết quả xếp loại");
		goto out;
	}
	enum class_grade old_grade = CLASS_NOT_COMPLETE;
	bool was_good =
		reexamine && class_grade_parse(v.c.grade, &old_grade) && old_grade >= CLASS_GOOD;
	if ((rc = check_step(ctx, &v, in, err)))
		goto out;
	if (decide && (rc = check_quota(ctx, &v, was_good, err)))
		goto out;
	v.c.stage = name;
	if ((rc = write_step(ctx, &v, reexamine ? "reexamined" : name, in->note, before, err)) ||
	    (rc = store_commit(ctx->store, err)))
		goto out;
	rc = app_class_get(ctx, id, out, err);
out:
	if (rc)
		store_rollback(ctx->store);
	free(before);
	return rc;
}

int app_class_propose(struct app_ctx *ctx, int64_t id, const struct class_input *in,
		      struct class_view *out, struct kh_error *err)
{
	return step(ctx, id, in, false, out, err);
}

int app_class_decide(struct app_ctx *ctx, int64_t id, const struct class_input *in,
		     struct class_view *out, struct kh_error *err)
{
	return step(ctx, id, in, true, out, err);
}
