/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Indicators (app/indicator.h): defining them, entering their figures, and
 * the roll-up over the org tree. The roll-up loads the party orgs of the
 * subtree and every figure they hold for the indicators asked (two queries)
 * and computes in memory: a grid of figures per (indicator, org, slot),
 * where a slot is one (period, year) of the table or the series, filled
 * children before parents; an indicator weighed by another has the other's
 * grid computed first (a cycle leaves the weights missing).
 */
#include "core/common.h"
#include "app/indicator.h"
#include "app/document.h"
#include "core/buf.h"
#include "core/date.h"
#include "store/document.h"
#include "store/indicator.h"
#include "store/org.h"
#include "store/plan.h"
#include "text/utf8.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define YEAR_MIN 1990
#define YEAR_MAX 2100
#define TERM_YEARS_MAX 30
#define VALUE_MAX 1e15
#define MISSING_NAMED 5 /* missing children named in a derivation */

static const char *const DIRECTIONS[] = {"up", "down", "exact"};
static const char *const DIRECTION_LABELS[] = {"Tăng", "Giảm", "Đúng bằng"};
static const char *const ROLLUPS[] = {"sum", "mean", "weighted_mean", "share", "manual"};
static const char *const ROLLUP_LABELS[] = {"Tổng", "Bình quân", "Bình quân gia quyền", "Tỷ lệ",
					    "Nhập tay"};
static const char *const PERIODS[] = {"baseline", "target", "year", "h1", "estimate"};
static const char *const PERIOD_LABELS[] = {"Giá trị nền", "Mục tiêu", "Thực hiện năm",
					    "Thực hiện 6 tháng", "Ước năm"};

static int find_name(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(names[i], s) == 0)
			return i;
	return -1;
}

const char *indicator_direction_label(const char *direction)
{
	int i = find_name(DIRECTIONS, 3, direction);
	return i < 0 ? "" : DIRECTION_LABELS[i];
}

const char *indicator_rollup_label(const char *rollup)
{
	int i = find_name(ROLLUPS, 5, rollup);
	return i < 0 ? "" : ROLLUP_LABELS[i];
}

const char *indicator_period_label(const char *period)
{
	int i = find_name(PERIODS, 5, period);
	return i < 0 ? "" : PERIOD_LABELS[i];
}

void indicator_format_number(double v, char out[40])
{
	char raw[40];
	if (!isfinite(v) || fabs(v) >= VALUE_MAX) {
		snprintf(out, 40, "%s", "—");
		return;
	}
	snprintf(raw, sizeof(raw), "%.2f", fabs(v));
	char *dot = strchr(raw, '.');
	size_t int_len = dot ? (size_t)(dot - raw) : strlen(raw);
	size_t o = 0;
	double rounded = strtod(raw, NULL);
	if (v < 0 && rounded != 0)
		out[o++] = '-';
	for (size_t i = 0; i < int_len; i++) {
		if (i && (int_len - i) % 3 == 0)
			out[o++] = '.';
		out[o++] = raw[i];
	}
	if (dot) {
		size_t dl = strlen(dot + 1);
		while (dl && dot[dl] == '0')
			dl--;
		if (dl) {
			out[o++] = ',';
			for (size_t i = 1; i <= dl; i++)
				out[o++] = dot[i];
		}
	}
	out[o] = '\0';
}

static const char *num_text(struct app_ctx *ctx, double v)
{
	char b[40];
	indicator_format_number(v, b);
	return arena_strdup(ctx->arena, b);
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

static json_t *id_or_null(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

json_t *app_indicator_json(const struct indicator *ind)
{
	return json_pack("{s:I, s:I, s:s, s:o, s:o, s:i, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o,"
			 " s:i, s:i}",
			 "id", (json_int_t)ind->id, "org_id", (json_int_t)ind->org_id, "org_name",
			 ind->org_name ? ind->org_name : "", "plan_id", id_or_null(ind->plan_id),
			 "document_id", id_or_null(ind->document_id), "seq", ind->seq, "code",
			 ind->code, "name", ind->name, "unit", ind->unit, "direction",
			 ind->direction, "direction_label",
			 indicator_direction_label(ind->direction), "rollup", ind->rollup,
			 "rollup_label", indicator_rollup_label(ind->rollup), "weight_indicator_id",
			 id_or_null(ind->weight_indicator_id), "year_from", ind->year_from,
			 "year_to", ind->year_to);
}

/* ---- authorization and validation ---- */

/* The actor reads the definition alone when they read its defining org;
 * the orgs below see it through their own tables. */
static int ind_readable(struct app_ctx *ctx, const struct indicator *ind, struct kh_error *err)
{
	return app_can_read_org(ctx, ind->org_id, err);
}

static int org_exists(struct app_ctx *ctx, int64_t org_id, struct org *o, struct kh_error *err)
{
	struct org tmp;
	int rc = store_org_get(ctx->store, ctx->arena, org_id, ctx->today, o ? o : &tmp, err);
	if (rc == KH_ENOTFOUND)
		return kh_fail(err, KH_ENOTFOUND, "org_id", "Không tìm thấy tổ chức");
	return rc;
}

/* Whether ind_id is visible to org_id (defined by it or an ancestor). */
static int visible_to(struct app_ctx *ctx, int64_t org_id, int64_t ind_id, bool *yes,
		      struct kh_error *err)
{
	struct indicator *v;
	int n, rc;
	*yes = false;
	if ((rc = store_indicator_list_visible(ctx->store, ctx->arena, org_id, ctx->today, &v, &n,
					       err)))
		return rc;
	for (int i = 0; i < n; i++)
		if (v[i].id == ind_id)
			*yes = true;
	return 0;
}

static int validate(struct app_ctx *ctx, struct indicator *ind, struct kh_error *err)
{
	int rc;
	if ((rc = app_check_name("name", "Tên chỉ tiêu", ind->name, INDICATOR_NAME_MAX, true,
				 err)) ||
	    (rc = app_check_name("unit", "Đơn vị tính", ind->unit, INDICATOR_UNIT_MAX, false,
				 err)) ||
	    (rc = app_check_name("code", "Số thứ tự (mã)", ind->code, INDICATOR_CODE_MAX, false,
				 err)))
		return rc;
	if (find_name(DIRECTIONS, 3, ind->direction) < 0)
		return kh_fail(
			err, KH_EINVAL, "direction",
			"Chiều đánh giá phải là up (tăng), down (giảm) hoặc exact (đúng bằng)");
	if (find_name(ROLLUPS, 5, ind->rollup) < 0)
		return kh_fail(err, KH_EINVAL, "rollup",
			       "Cách tổng hợp phải là sum, mean, weighted_mean, share hoặc manual");
	if (ind->year_from < YEAR_MIN || ind->year_from > YEAR_MAX || ind->year_to < YEAR_MIN ||
	    ind->year_to > YEAR_MAX)
		return kh_fail(err, KH_EINVAL, "year_from", "Năm của nhiệm kỳ phải từ %d đến %d",
			       YEAR_MIN, YEAR_MAX);
	if (ind->year_to < ind->year_from)
		return kh_fail(err, KH_EINVAL, "year_to",
			       "Năm kết thúc không được trước năm bắt đầu");
	if (ind->year_to - ind->year_from >= TERM_YEARS_MAX)
		return kh_fail(err, KH_EINVAL, "year_to", "Nhiệm kỳ dài quá %d năm",
			       TERM_YEARS_MAX);
	if (ind->seq < 0 || ind->seq > 100000)
		return kh_fail(err, KH_EINVAL, "seq", "Thứ tự không hợp lệ");
	bool weighted =
		strcmp(ind->rollup, "weighted_mean") == 0 || strcmp(ind->rollup, "share") == 0;
	if (!weighted)
		ind->weight_indicator_id = 0;
	else {
		if (!ind->weight_indicator_id)
			return kh_fail(err, KH_EINVAL, "weight_indicator_id",
				       strcmp(ind->rollup, "share") == 0
					       ? "Tỷ lệ cần chỉ tiêu làm mẫu số"
					       : "Bình quân gia quyền cần chỉ tiêu làm trọng số");
		if (ind->weight_indicator_id == ind->id)
			return kh_fail(err, KH_EINVAL, "weight_indicator_id",
				       "Chỉ tiêu không thể làm trọng số của chính nó");
		bool yes;
		if ((rc = visible_to(ctx, ind->org_id, ind->weight_indicator_id, &yes, err)))
			return rc;
		if (!yes)
			return kh_fail(err, KH_EINVAL, "weight_indicator_id",
				       "Chỉ tiêu trọng số (mẫu số) không áp dụng cho tổ chức này");
	}
	if (ind->plan_id) {
		struct plan p;
		rc = store_plan_get(ctx->store, ctx->arena, ind->plan_id, ctx->today, &p, err);
		if (rc == KH_ENOTFOUND || (!rc && p.owner_org_id != ind->org_id))
			return kh_fail(err, KH_EINVAL, "plan_id",
				       "Kế hoạch không phải của tổ chức đặt chỉ tiêu");
		if (rc)
			return rc;
	}
	if (ind->document_id) {
		struct document d;
		bool ok = false;
		rc = store_document_get(ctx->store, ctx->arena, ind->document_id, ctx->today, &d,
					err);
		if (!rc)
			rc = app_document_readable(ctx, d.issuer_org_id, &ok, err);
		if (rc == KH_ENOTFOUND || (!rc && !ok))
			return kh_fail(err, KH_EINVAL, "document_id", "Không tìm thấy văn bản");
		if (rc)
			return rc;
	}
	return 0;
}

static const char *dup_or(struct app_ctx *ctx, const char *s, const char *dflt)
{
	if (!s)
		return dflt;
	char *t = text_trim_dup(s);
	const char *r = arena_strdup(ctx->arena, t);
	free(t);
	return r;
}

static int finish_write(struct app_ctx *ctx, int rc, struct kh_error *err)
{
	if (!rc)
		rc = store_commit(ctx->store, err);
	if (rc)
		store_rollback(ctx->store);
	return rc;
}

int app_indicator_create(struct app_ctx *ctx, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err)
{
	struct indicator ind = {0};
	int rc;
	if ((rc = org_exists(ctx, in->org_id, NULL, err)) ||
	    (rc = app_can_act_for_org(ctx, in->org_id, err)))
		return rc;
	ind.org_id = in->org_id;
	ind.plan_id = in->plan_id;
	ind.document_id = in->document_id;
	ind.seq = in->seq;
	ind.code = dup_or(ctx, in->code, "");
	ind.name = dup_or(ctx, in->name, NULL);
	ind.unit = dup_or(ctx, in->unit, "");
	ind.direction = in->direction && *in->direction ? in->direction : "up";
	ind.rollup = in->rollup && *in->rollup ? in->rollup : "sum";
	ind.weight_indicator_id = in->weight_indicator_id;
	ind.year_from = in->year_from;
	ind.year_to = in->year_to;
	ind.created_at = ind.updated_at = ctx->now;
	if ((rc = validate(ctx, &ind, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	if (!ind.seq) {
		rc = store_indicator_max_seq(ctx->store, ind.org_id, &ind.seq, err);
		ind.seq++;
	}
	if (!rc)
		rc = store_indicator_insert(ctx->store, &ind, &ind.id, err);
	if (!rc)
		rc = app_audit(ctx, "indicator.create", "indicator", ind.id, NULL,
			       json_text(ctx, app_indicator_json(&ind)), err);
	if ((rc = finish_write(ctx, rc, err)))
		return rc;
	return app_indicator_get(ctx, ind.id, out, err);
}

/* Loads an indicator the actor may define (acts for its defining org). */
static int load_definable(struct app_ctx *ctx, int64_t id, struct indicator *ind,
			  struct kh_error *err)
{
	int rc = store_indicator_get(ctx->store, ctx->arena, id, ctx->today, ind, err);
	if (rc)
		return rc;
	return app_can_act_for_org(ctx, ind->org_id, err);
}

int app_indicator_update(struct app_ctx *ctx, int64_t id, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err)
{
	struct indicator old, ind;
	int rc;
	if ((rc = load_definable(ctx, id, &old, err)))
		return rc;
	ind = old;
	if (in->set_plan)
		ind.plan_id = in->plan_id;
	if (in->set_document)
		ind.document_id = in->document_id;
	if (in->seq)
		ind.seq = in->seq;
	ind.code = dup_or(ctx, in->code, old.code);
	ind.name = dup_or(ctx, in->name, old.name);
	ind.unit = dup_or(ctx, in->unit, old.unit);
	if (in->direction)
		ind.direction = in->direction;
	if (in->rollup)
		ind.rollup = in->rollup;
	if (in->set_weight || in->weight_indicator_id)
		ind.weight_indicator_id = in->weight_indicator_id;
	if (in->year_from)
		ind.year_from = in->year_from;
	if (in->year_to)
		ind.year_to = in->year_to;
	ind.updated_at = ctx->now;
	if ((rc = validate(ctx, &ind, err)))
		return rc;
	if (ind.weight_indicator_id) {
		/* Two indicators weighing each other would never roll up. */
		struct indicator w;
		if ((rc = store_indicator_get(ctx->store, ctx->arena, ind.weight_indicator_id,
					      ctx->today, &w, err)))
			return rc;
		if (w.weight_indicator_id == ind.id)
			return kh_fail(err, KH_EINVAL, "weight_indicator_id",
				       "Hai chỉ tiêu không thể làm trọng số của nhau");
	}
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_indicator_update(ctx->store, &ind, err);
	if (!rc)
		rc = app_audit(ctx, "indicator.update", "indicator", id,
			       json_text(ctx, app_indicator_json(&old)),
			       json_text(ctx, app_indicator_json(&ind)), err);
	if ((rc = finish_write(ctx, rc, err)))
		return rc;
	return app_indicator_get(ctx, id, out, err);
}

int app_indicator_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err)
{
	struct indicator ind;
	int rc, locked = 0, weighed = 0, campaigns = 0;
	if ((rc = load_definable(ctx, id, &ind, err)))
		return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	rc = store_indicator_uses(ctx->store, id, &locked, &weighed, &campaigns, err);
	if (!rc && locked)
		rc = kh_fail(
			err, KH_ECONFLICT, NULL,
			"Chỉ tiêu có %d số liệu đã được chấp nhận trong báo cáo: không xóa được",
			locked);
	if (!rc && weighed)
		rc = kh_fail(
			err, KH_ECONFLICT, NULL,
			"Chỉ tiêu đang làm trọng số (mẫu số) của chỉ tiêu khác: không xóa được");
	if (!rc && campaigns)
		rc = kh_fail(err, KH_ECONFLICT, NULL,
			     "Chỉ tiêu nằm trong phụ lục của đợt báo cáo: không xóa được");
	if (!rc)
		rc = store_indicator_delete(ctx->store, id, err);
	if (!rc)
		rc = app_audit(ctx, "indicator.delete", "indicator", id,
			       json_text(ctx, app_indicator_json(&ind)), NULL, err);
	return finish_write(ctx, rc, err);
}

int app_indicator_get(struct app_ctx *ctx, int64_t id, struct indicator *out, struct kh_error *err)
{
	int rc = store_indicator_get(ctx->store, ctx->arena, id, ctx->today, out, err);
	if (rc)
		return rc;
	return ind_readable(ctx, out, err);
}

int app_indicator_list(struct app_ctx *ctx, int64_t org_id, struct indicator **out, int *n,
		       struct kh_error *err)
{
	int rc;
	*out = NULL;
	*n = 0;
	if ((rc = org_exists(ctx, org_id, NULL, err)) || (rc = app_can_read_org(ctx, org_id, err)))
		return rc;
	return store_indicator_list_visible(ctx->store, ctx->arena, org_id, ctx->today, out, n,
					    err);
}

/* ---- figures ---- */

static const char *figure_label(struct app_ctx *ctx, const char *period, int year)
{
	if (strcmp(period, "target") == 0 && year == 0)
		return "Mục tiêu nhiệm kỳ";
	if (strcmp(period, "baseline") == 0)
		return arena_printf(ctx->arena, "Giá trị nền (năm %d)", year);
	return arena_printf(ctx->arena, "%s %d", indicator_period_label(period), year);
}

static json_t *value_json(const char *period, int year, bool has, double value, const char *note)
{
	if (!has)
		return NULL;
	return json_pack("{s:s, s:i, s:f, s:s}", "period", period, "year", year, "value", value,
			 "note", note ? note : "");
}

/* Checks one figure to enter; *ind receives its indicator. */
static int check_value(struct app_ctx *ctx, const struct indicator_value_input *v,
		       struct indicator *ind, struct kh_error *err)
{
	int rc;
	if ((rc = store_indicator_get(ctx->store, ctx->arena, v->indicator_id, ctx->today, ind,
				      err)))
		return rc;
	if ((rc = org_exists(ctx, v->org_id, NULL, err)))
		return rc;
	int64_t *anc;
	int n;
	bool below = false;
	if ((rc = store_org_ancestors(ctx->store, ctx->arena, v->org_id, ctx->today, &anc, &n,
				      err)))
		return rc;
	for (int i = 0; i < n; i++)
		below = below || anc[i] == ind->org_id;
	if ((rc = app_can_act_for_org(ctx, v->org_id, err)))
		return rc;
	if (!below)
		return kh_fail(err, KH_EINVAL, "org_id",
			       "Chỉ tiêu «%s» không áp dụng cho tổ chức này", ind->name);
	if (find_name(PERIODS, 5, v->period) < 0)
		return kh_fail(err, KH_EINVAL, "period",
			       "Kỳ số liệu phải là baseline, target, year, h1 hoặc estimate");
	bool term = strcmp(v->period, "target") == 0 && v->year == 0;
	if (strcmp(v->period, "baseline") == 0) {
		if (v->year < YEAR_MIN || v->year > ind->year_to)
			return kh_fail(err, KH_EINVAL, "year",
				       "Năm của giá trị nền phải từ %d đến %d", YEAR_MIN,
				       ind->year_to);
	} else if (!term && (v->year < ind->year_from || v->year > ind->year_to))
		return kh_fail(err, KH_EINVAL, "year",
			       "Năm %d nằm ngoài nhiệm kỳ %d–%d của chỉ tiêu «%s»", v->year,
			       ind->year_from, ind->year_to, ind->name);
	if (!v->clear && (!isfinite(v->value) || fabs(v->value) >= VALUE_MAX))
		return kh_fail(err, KH_EINVAL, "value", "Số liệu không hợp lệ");
	if ((rc = app_check_name("note", "Ghi chú", v->note, INDICATOR_NOTE_MAX, false, err)))
		return rc;
	return 0;
}

int app_indicator_set_values(struct app_ctx *ctx, const struct indicator_value_input *in, int n,
			     int *n_changed, struct kh_error *err)
{
	int rc = 0, changed = 0;
	if (n_changed)
		*n_changed = 0;
	if (n < 0 || n > INDICATOR_VALUES_MAX)
		return kh_fail(err, KH_ETOOBIG, NULL,
			       "Quá nhiều số liệu trong một lần nhập (tối đa %d)",
			       INDICATOR_VALUES_MAX);
	struct indicator *inds = arena_alloc(ctx->arena, sizeof(*inds) * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		if ((rc = check_value(ctx, &in[i], &inds[i], err)))
			return rc;
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	for (int i = 0; i < n && !rc; i++) {
		const struct indicator_value_input *v = &in[i];
		struct indicator_value old;
		bool found;
		const char *note = v->note ? v->note : "";
		if ((rc = store_indicator_value_get(ctx->store, ctx->arena, v->indicator_id,
						    v->org_id, v->period, v->year, &old, &found,
						    err)))
			break;
		if (found && old.locked) {
			struct org o;
			const char *org_name = "";
			if (store_org_get(ctx->store, ctx->arena, v->org_id, ctx->today, &o, err) ==
			    0)
				org_name = o.name;
			rc = kh_fail(err, KH_ECONFLICT, "value",
				     "Số liệu «%s» của chỉ tiêu «%s» tại %s đã được chấp nhận trong"
				     " báo cáo nên không sửa được; cấp trên phải mở lại báo cáo"
				     " trước",
				     figure_label(ctx, v->period, v->year), inds[i].name, org_name);
			break;
		}
		if (v->clear ? !found
			     : found && old.value == v->value && strcmp(old.note, note) == 0)
			continue;
		if (v->clear)
			rc = store_indicator_value_delete(ctx->store, v->indicator_id, v->org_id,
							  v->period, v->year, err);
		else {
			struct indicator_value nv = {.indicator_id = v->indicator_id,
						     .org_id = v->org_id,
						     .period = v->period,
						     .year = v->year,
						     .value = v->value,
						     .note = note,
						     .entered_by = ctx->actor->user_id,
						     .entered_at = ctx->now};
			rc = store_indicator_value_put(ctx->store, &nv, err);
		}
		if (rc)
			break;
		json_t *before = value_json(v->period, v->year, found, found ? old.value : 0,
					    found ? old.note : NULL);
		json_t *after = value_json(v->period, v->year, !v->clear, v->value, note);
		if (before)
			json_object_set_new(before, "org_id", json_integer(v->org_id));
		if (after)
			json_object_set_new(after, "org_id", json_integer(v->org_id));
		rc = app_audit(ctx, "indicator.value", "indicator", v->indicator_id,
			       json_text(ctx, before), json_text(ctx, after), err);
		changed++;
	}
	if ((rc = finish_write(ctx, rc, err)))
		return rc;
	if (n_changed)
		*n_changed = changed;
	return 0;
}

/* ---- roll-up ---- */

struct slot {
	const char *period;
	int year; /* baseline: the latest ≤ year is taken (else the earliest) */
};

struct cell {
	bool has;
	double value;
	int year;
	bool locked;
	const char *note;
};

struct engine {
	struct app_ctx *ctx;
	struct indicator_org *orgs;
	int n_org;
	int *first_child, *next_sibling;
	int *preorder;
	struct indicator *inds;
	int n_ind;
	int *weight_of; /* index of the weight indicator, or -1 */
	char *state;	/* 0 not computed, 1 computing, 2 done */
	const struct slot *slots;
	int n_slot;
	struct cell *cells;
	struct indicator_figure *figs;
};

static size_t at(const struct engine *e, int i, int o, int s)
{
	return ((size_t)i * (size_t)e->n_org + (size_t)o) * (size_t)e->n_slot + (size_t)s;
}

static int cmp_org_id(const void *a, const void *b)
{
	const struct indicator_org *x = *(const struct indicator_org *const *)a;
	const struct indicator_org *y = *(const struct indicator_org *const *)b;
	return (x->id > y->id) - (x->id < y->id);
}

/* Org index by id through a sorted index array (orgs are many). */
struct org_lookup {
	const struct indicator_org **sorted;
	int n;
	const struct indicator_org *base;
};

static int lookup(const struct org_lookup *l, int64_t id)
{
	int lo = 0, hi = l->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		int64_t m = l->sorted[mid]->id;
		if (m == id)
			return (int)(l->sorted[mid] - l->base);
		if (m < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static void cell_offer(struct cell *c, const struct indicator_value *v, int cap, bool baseline)
{
	if (baseline && c->has) {
		bool cand_in = v->year <= cap, cur_in = c->year <= cap;
		bool better =
			cand_in ? (!cur_in || v->year > c->year) : (!cur_in && v->year < c->year);
		if (!better)
			return;
	}
	c->has = true;
	c->value = v->value;
	c->year = v->year;
	c->locked = v->locked;
	c->note = v->note;
}

/* Loads the subtree of root and the figures of inds over it. */
static int engine_load(struct engine *e, struct app_ctx *ctx, int64_t root, struct indicator *inds,
		       int n_ind, const struct slot *slots, int n_slot, struct kh_error *err)
{
	int rc;
	memset(e, 0, sizeof(*e));
	e->ctx = ctx;
	e->inds = inds;
	e->n_ind = n_ind;
	e->slots = slots;
	e->n_slot = n_slot;
	if ((rc = store_indicator_subtree(ctx->store, ctx->arena, root, ctx->today, &e->orgs,
					  &e->n_org, err)))
		return rc;
	if (e->n_org == 0)
		return kh_fail(err, KH_ENOTFOUND, "org_id", "Không tìm thấy tổ chức");
	struct arena *a = ctx->arena;
	int n = e->n_org;
	e->first_child = arena_alloc(a, sizeof(int) * (size_t)n);
	e->next_sibling = arena_alloc(a, sizeof(int) * (size_t)n);
	e->preorder = arena_alloc(a, sizeof(int) * (size_t)n);
	struct org_lookup l = {arena_alloc(a, sizeof(*l.sorted) * (size_t)n), n, e->orgs};
	for (int i = 0; i < n; i++) {
		e->first_child[i] = e->next_sibling[i] = -1;
		l.sorted[i] = &e->orgs[i];
	}
	qsort(l.sorted, (size_t)n, sizeof(*l.sorted), cmp_org_id);
	/* Orgs come by depth then id: linking each in reverse keeps children
	 * in id order. */
	for (int i = n - 1; i > 0; i--) {
		int p = lookup(&l, e->orgs[i].parent_id);
		if (p < 0)
			continue;
		e->next_sibling[i] = e->first_child[p];
		e->first_child[p] = i;
	}
	int *stack = arena_alloc(a, sizeof(int) * (size_t)n);
	int sp = 0, k = 0;
	stack[sp++] = 0;
	while (sp) {
		int o = stack[--sp];
		e->preorder[k++] = o;
		/* push children reversed so the first child comes next */
		int cnt = 0;
		for (int c = e->first_child[o]; c >= 0; c = e->next_sibling[c])
			cnt++;
		sp += cnt;
		int j = sp - 1;
		for (int c = e->first_child[o]; c >= 0; c = e->next_sibling[c])
			stack[j--] = c;
	}
	for (; k < n; k++)
		e->preorder[k] = -1; /* unreachable: orgs whose parent was not walked */
	e->weight_of = arena_alloc(a, sizeof(int) * (size_t)(n_ind + 1));
	e->state = arena_alloc(a, (size_t)n_ind + 1);
	int64_t *ids = arena_alloc(a, sizeof(int64_t) * (size_t)(n_ind + 1));
	int year_min = YEAR_MAX, year_max = 0;
	for (int i = 0; i < n_ind; i++) {
		ids[i] = inds[i].id;
		e->weight_of[i] = -1;
		for (int j = 0; j < n_ind; j++)
			if (inds[i].weight_indicator_id &&
			    inds[j].id == inds[i].weight_indicator_id)
				e->weight_of[i] = j;
	}
	for (int s = 0; s < n_slot; s++)
		if (slots[s].year) {
			year_min = slots[s].year < year_min ? slots[s].year : year_min;
			year_max = slots[s].year > year_max ? slots[s].year : year_max;
		}
	size_t cells = (size_t)n_ind * (size_t)n * (size_t)n_slot;
	e->cells = arena_alloc(a, xmul(cells ? cells : 1, sizeof(*e->cells)));
	e->figs = arena_alloc(a, xmul(cells ? cells : 1, sizeof(*e->figs)));
	struct indicator_value *vals;
	int nv;
	if ((rc = store_indicator_values_subtree(ctx->store, a, root, ctx->today, ids, n_ind,
						 year_min, year_max, &vals, &nv, err)))
		return rc;
	for (int k2 = 0; k2 < nv; k2++) {
		const struct indicator_value *v = &vals[k2];
		int o = lookup(&l, v->org_id);
		if (o < 0)
			continue;
		for (int i = 0; i < n_ind; i++) {
			if (inds[i].id != v->indicator_id)
				continue;
			for (int s = 0; s < n_slot; s++) {
				bool baseline = strcmp(slots[s].period, "baseline") == 0;
				if (strcmp(slots[s].period, v->period) != 0 ||
				    (!baseline && slots[s].year != v->year))
					continue;
				cell_offer(&e->cells[at(e, i, o, s)], v, slots[s].year, baseline);
			}
		}
	}
	return 0;
}

static bool nearly_equal(double a, double b)
{
	double m = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
	return fabs(a - b) <= 1e-9 * (m > 1 ? m : 1);
}

/* The figure of (i, o, s) from the entered cell and the children's figures
 * (already computed). */
static void figure_compute(struct engine *e, int i, int o, int s)
{
	struct app_ctx *ctx = e->ctx;
	const struct indicator *ind = &e->inds[i];
	const struct cell *c = &e->cells[at(e, i, o, s)];
	struct indicator_figure *f = &e->figs[at(e, i, o, s)];
	memset(f, 0, sizeof(*f));
	f->note = c->has ? c->note : "";
	f->derivation = "";
	f->has_entered = c->has;
	f->entered = c->value;
	f->locked = c->locked;
	f->year = c->has ? c->year : e->slots[s].year;
	f->entered_year = c->has ? c->year : 0;
	int w = e->weight_of[i];
	bool manual = strcmp(ind->rollup, "manual") == 0;
	bool weighted =
		strcmp(ind->rollup, "weighted_mean") == 0 || strcmp(ind->rollup, "share") == 0;
	bool share = strcmp(ind->rollup, "share") == 0;
	double sum = 0, sum_vw = 0, sum_w = 0;
	int max_year = 0, n_missing = 0;
	struct buf missing;
	buf_init(&missing, 4096);
	if (!manual) {
		for (int ch = e->first_child[o]; ch >= 0; ch = e->next_sibling[ch]) {
			f->n_children++;
			const struct indicator_figure *cf = &e->figs[at(e, i, ch, s)];
			const struct indicator_figure *wf =
				weighted && w >= 0 ? &e->figs[at(e, w, ch, s)] : NULL;
			bool ok = cf->has_value && (!weighted || (wf && wf->has_value));
			if (!ok) {
				if (n_missing < MISSING_NAMED)
					buf_printf(&missing, "%s%s%s", n_missing ? ", " : "",
						   e->orgs[ch].name,
						   cf->has_value ? (share ? " (thiếu mẫu số)"
									  : " (thiếu trọng số)")
								 : "");
				n_missing++;
				continue;
			}
			f->n_contributing++;
			sum += cf->value;
			if (weighted) {
				sum_vw += cf->value * wf->value;
				sum_w += wf->value;
			}
			if (cf->year > max_year)
				max_year = cf->year;
		}
	}
	bool derivable = f->n_contributing > 0 && (!weighted || sum_w != 0);
	/* Targets and baselines are set by the org's own resolution: its
	 * entered figure stands, the children's total beside it. Actuals come
	 * from the children when they have any. */
	const char *period = e->slots[s].period;
	bool entered_first = strcmp(period, "target") == 0 || strcmp(period, "baseline") == 0;
	double d = 0;
	if (derivable) {
		d = strcmp(ind->rollup, "sum") == 0    ? sum
		    : strcmp(ind->rollup, "mean") == 0 ? sum / f->n_contributing
						       : sum_vw / sum_w;
		f->has_derived = true;
		f->derived_value = d;
		f->differs = c->has && !nearly_equal(c->value, d);
	}
	if (derivable && !(entered_first && c->has)) {
		f->has_value = true;
		f->derived = true;
		f->value = d;
		if (strcmp(period, "baseline") == 0)
			f->year = max_year;
	} else if (c->has) {
		f->has_value = true;
		f->value = c->value;
	}
	if (f->n_contributing > 0) {
		const char *of =
			arena_printf(ctx->arena, "%d/%d đơn vị", f->n_contributing, f->n_children);
		const char *what;
		if (strcmp(ind->rollup, "sum") == 0)
			what = arena_printf(ctx->arena, "Tổng của %s", of);
		else if (strcmp(ind->rollup, "mean") == 0)
			what = arena_printf(ctx->arena, "Bình quân của %s", of);
		else if (share)
			what = arena_printf(ctx->arena, "Tỷ lệ chung %s/%s của %s",
					    num_text(ctx, sum_vw / 100), num_text(ctx, sum_w), of);
		else
			what = arena_printf(ctx->arena, "Bình quân gia quyền (trọng số: %s) của %s",
					    w >= 0 ? e->inds[w].name : "?", of);
		if (weighted && sum_w == 0)
			what = arena_printf(ctx->arena, "%s: tổng %s bằng 0, không tính được", what,
					    share ? "mẫu số" : "trọng số");
		if (n_missing)
			what = arena_printf(ctx->arena, "%s (thiếu: %s%s)", what, missing.data,
					    n_missing > MISSING_NAMED
						    ? arena_printf(ctx->arena, " và %d đơn vị khác",
								   n_missing - MISSING_NAMED)
						    : "");
		if (f->differs && f->derived)
			what = arena_printf(ctx->arena, "%s; số tự nhập: %s", what,
					    num_text(ctx, c->value));
		else if (derivable && !f->derived)
			what = arena_printf(ctx->arena, "Số tự nhập; tổng hợp: %s — %s",
					    num_text(ctx, d), what);
		f->derivation = what;
	}
	buf_release(&missing);
}

static void engine_compute(struct engine *e, int i)
{
	if (e->state[i])
		return;
	e->state[i] = 1;
	if (e->weight_of[i] >= 0)
		engine_compute(e, e->weight_of[i]);
	for (int s = 0; s < e->n_slot; s++)
		for (int k = e->n_org - 1; k >= 0; k--)
			if (e->preorder[k] >= 0)
				figure_compute(e, i, e->preorder[k], s);
	e->state[i] = 2;
}

/* Adds the weight indicators of inds[0..n) missing from it (they roll up
 * too); *all receives the array (the first n are inds). */
static int with_weights(struct app_ctx *ctx, struct indicator *inds, int n, struct indicator **all,
			int *n_all, struct kh_error *err)
{
	int cap = 2 * n + 1, count = n, rc;
	struct indicator *v = arena_alloc(ctx->arena, sizeof(*v) * (size_t)cap);
	if (n)
		memcpy(v, inds, sizeof(*v) * (size_t)n);
	for (int i = 0; i < count && count < cap; i++) {
		int64_t w = v[i].weight_indicator_id;
		bool have = !w;
		for (int j = 0; j < count && !have; j++)
			have = v[j].id == w;
		if (have)
			continue;
		if ((rc = store_indicator_get(ctx->store, ctx->arena, w, ctx->today, &v[count],
					      err)))
			return rc;
		count++;
	}
	*all = v;
	*n_all = count;
	return 0;
}

static void compare(const struct indicator_row *r, struct indicator_compare *c)
{
	memset(c, 0, sizeof(*c));
	c->verdict_label = "";
	c->actual_period = "";
	const struct indicator_figure *a = r->actual.has_value	   ? &r->actual
					   : r->estimate.has_value ? &r->estimate
								   : NULL;
	const struct indicator_figure *t = r->year_target.has_value   ? &r->year_target
					   : r->term_target.has_value ? &r->term_target
								      : NULL;
	if (!a)
		return;
	c->actual_period = a == &r->actual ? "year" : "estimate";
	if (t) {
		if (t->value != 0) {
			c->has_target = true;
			c->pct_of_target = a->value / t->value * 100;
		}
		const char *d = r->ind.direction;
		bool met = strcmp(d, "down") == 0
				   ? a->value <= t->value || nearly_equal(a->value, t->value)
			   : strcmp(d, "exact") == 0
				   ? nearly_equal(a->value, t->value)
				   : a->value >= t->value || nearly_equal(a->value, t->value);
		c->verdict = met ? 1 : -1;
		c->verdict_label = met ? "Đạt" : "Không đạt";
	}
	if (r->baseline.has_value) {
		c->has_baseline = true;
		c->vs_baseline = a->value - r->baseline.value;
		if (r->baseline.value != 0) {
			c->has_baseline_pct = true;
			c->vs_baseline_pct = c->vs_baseline / fabs(r->baseline.value) * 100;
		}
	}
}

/* Loads and checks the org for a read of its figures. */
static int readable_org(struct app_ctx *ctx, int64_t org_id, struct org *o, struct kh_error *err)
{
	int rc;
	if ((rc = org_exists(ctx, org_id, o, err)))
		return rc;
	return app_can_read_org(ctx, org_id, err);
}

static int check_year(int year, struct kh_error *err)
{
	if (year < YEAR_MIN || year > YEAR_MAX)
		return kh_fail(err, KH_EINVAL, "year", "Năm phải từ %d đến %d", YEAR_MIN, YEAR_MAX);
	return 0;
}

int app_indicator_table(struct app_ctx *ctx, int64_t org_id, int year, const int64_t *ids,
			int n_ids, struct indicator_table *out, struct kh_error *err)
{
	struct org o;
	struct indicator *vis, *inds, *all;
	int n_vis, n, n_all, rc;
	struct kh_error e;
	memset(out, 0, sizeof(*out));
	if ((rc = check_year(year, err)) || (rc = readable_org(ctx, org_id, &o, err)))
		return rc;
	if ((rc = store_indicator_list_visible(ctx->store, ctx->arena, org_id, ctx->today, &vis,
					       &n_vis, err)))
		return rc;
	if (ids) {
		if (n_ids < 0 || n_ids > 1000)
			return kh_fail(err, KH_EINVAL, "ids", "Quá nhiều chỉ tiêu");
		inds = arena_alloc(ctx->arena, sizeof(*inds) * (size_t)(n_ids + 1));
		for (n = 0; n < n_ids; n++) {
			int k = -1;
			for (int j = 0; j < n_vis && k < 0; j++)
				if (vis[j].id == ids[n])
					k = j;
			if (k < 0)
				return kh_fail(err, KH_EINVAL, "ids",
					       "Chỉ tiêu số %lld không áp dụng cho %s",
					       (long long)ids[n], o.name);
			inds[n] = vis[k];
		}
	} else {
		inds = vis;
		n = n_vis;
	}
	if ((rc = with_weights(ctx, inds, n, &all, &n_all, err)))
		return rc;
	static const struct slot slots_tpl[6] = {{"baseline", 0}, {"target", 0}, {"target", 0},
						 {"year", 0},	  {"h1", 0},	 {"estimate", 0}};
	struct slot *slots = arena_alloc(ctx->arena, sizeof(slots_tpl));
	memcpy(slots, slots_tpl, sizeof(slots_tpl));
	slots[0].year = year;
	for (int s = 2; s < 6; s++)
		slots[s].year = year;
	struct engine eng;
	if ((rc = engine_load(&eng, ctx, org_id, all, n_all, slots, 6, err)))
		return rc;
	out->org_id = org_id;
	out->org_name = o.name;
	out->year = year;
	out->can_enter = out->can_define = app_can_act_for_org(ctx, org_id, &e) == 0;
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + 1));
	out->n_rows = n;
	for (int i = 0; i < n; i++) {
		engine_compute(&eng, i);
		struct indicator_row *r = &out->rows[i];
		r->ind = all[i];
		r->baseline = eng.figs[at(&eng, i, 0, 0)];
		r->term_target = eng.figs[at(&eng, i, 0, 1)];
		r->year_target = eng.figs[at(&eng, i, 0, 2)];
		r->actual = eng.figs[at(&eng, i, 0, 3)];
		r->h1 = eng.figs[at(&eng, i, 0, 4)];
		r->estimate = eng.figs[at(&eng, i, 0, 5)];
		compare(r, &r->cmp);
	}
	return 0;
}

/* One indicator readable for org_id (visible to it). */
static int indicator_for_org(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id,
			     struct indicator *ind, struct kh_error *err)
{
	int rc;
	bool yes;
	if ((rc = store_indicator_get(ctx->store, ctx->arena, indicator_id, ctx->today, ind, err)))
		return rc;
	if ((rc = visible_to(ctx, org_id, indicator_id, &yes, err)))
		return rc;
	if (!yes)
		return kh_fail(err, KH_EINVAL, "indicator_id",
			       "Chỉ tiêu «%s» không áp dụng cho tổ chức này", ind->name);
	return 0;
}

int app_indicator_children(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id, int year,
			   const char *period, struct indicator_children *out, struct kh_error *err)
{
	struct org o;
	struct indicator ind, *all;
	int n_all, rc;
	memset(out, 0, sizeof(*out));
	if (!period || find_name(PERIODS, 5, period) < 0)
		return kh_fail(err, KH_EINVAL, "period",
			       "Kỳ số liệu phải là baseline, target, year, h1 hoặc estimate");
	bool term = strcmp(period, "target") == 0 && year == 0;
	if ((!term && (rc = check_year(year, err))) || (rc = readable_org(ctx, org_id, &o, err)) ||
	    (rc = indicator_for_org(ctx, org_id, indicator_id, &ind, err)) ||
	    (rc = with_weights(ctx, &ind, 1, &all, &n_all, err)))
		return rc;
	struct slot *slots = arena_alloc(ctx->arena, sizeof(*slots) * 3);
	slots[0] = (struct slot){period, year};
	slots[1] = (struct slot){"target", year};
	slots[2] = (struct slot){"target", 0};
	struct engine eng;
	if ((rc = engine_load(&eng, ctx, org_id, all, n_all, slots, 3, err)))
		return rc;
	engine_compute(&eng, 0);
	out->ind = ind;
	out->org_id = org_id;
	out->year = year;
	out->period = period;
	out->total = eng.figs[at(&eng, 0, 0, 0)];
	out->target = eng.figs[at(&eng, 0, 0, 1)].has_value || term ? eng.figs[at(&eng, 0, 0, 1)]
								    : eng.figs[at(&eng, 0, 0, 2)];
	int n = 0;
	for (int c = eng.first_child[0]; c >= 0; c = eng.next_sibling[c])
		n++;
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + 1));
	for (int c = eng.first_child[0]; c >= 0; c = eng.next_sibling[c]) {
		struct indicator_child *r = &out->rows[out->n_rows++];
		r->org_id = eng.orgs[c].id;
		r->org_name = eng.orgs[c].name;
		r->fig = eng.figs[at(&eng, 0, c, 0)];
	}
	return 0;
}

int app_indicator_series(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id,
			 struct indicator_series *out, struct kh_error *err)
{
	struct org o;
	struct indicator ind, *all;
	int n_all, rc;
	memset(out, 0, sizeof(*out));
	if ((rc = readable_org(ctx, org_id, &o, err)) ||
	    (rc = indicator_for_org(ctx, org_id, indicator_id, &ind, err)) ||
	    (rc = with_weights(ctx, &ind, 1, &all, &n_all, err)))
		return rc;
	int years = ind.year_to - ind.year_from + 1;
	if (years < 1 || years > TERM_YEARS_MAX)
		return kh_fail(err, KH_EINTERNAL, NULL, "Nhiệm kỳ của chỉ tiêu không hợp lệ");
	int n_slot = 2 + 3 * years;
	struct slot *slots = arena_alloc(ctx->arena, sizeof(*slots) * (size_t)n_slot);
	slots[0] = (struct slot){"baseline", ind.year_to};
	slots[1] = (struct slot){"target", 0};
	for (int y = 0; y < years; y++) {
		slots[2 + 3 * y] = (struct slot){"target", ind.year_from + y};
		slots[3 + 3 * y] = (struct slot){"year", ind.year_from + y};
		slots[4 + 3 * y] = (struct slot){"estimate", ind.year_from + y};
	}
	struct engine eng;
	if ((rc = engine_load(&eng, ctx, org_id, all, n_all, slots, n_slot, err)))
		return rc;
	engine_compute(&eng, 0);
	out->ind = ind;
	out->org_id = org_id;
	out->baseline = eng.figs[at(&eng, 0, 0, 0)];
	out->term_target = eng.figs[at(&eng, 0, 0, 1)];
	out->points = arena_alloc(ctx->arena, sizeof(*out->points) * (size_t)years);
	out->n_points = years;
	for (int y = 0; y < years; y++) {
		struct indicator_point *p = &out->points[y];
		p->year = ind.year_from + y;
		p->target = eng.figs[at(&eng, 0, 0, 2 + 3 * y)];
		const struct indicator_figure *act = &eng.figs[at(&eng, 0, 0, 3 + 3 * y)];
		const struct indicator_figure *est = &eng.figs[at(&eng, 0, 0, 4 + 3 * y)];
		p->actual = act->has_value ? *act : *est;
		p->actual_period = act->has_value ? "year" : est->has_value ? "estimate" : "";
	}
	return 0;
}

/* ---- JSON ---- */

static json_t *num_or_null(bool has, double v)
{
	return has ? json_real(v) : json_null();
}

json_t *app_indicator_figure_json(const struct indicator_figure *f)
{
	if (!f->has_value && !f->has_entered)
		return json_null();
	return json_pack("{s:o, s:b, s:o, s:o, s:b, s:b, s:i, s:s, s:s, s:i, s:i}", "value",
			 num_or_null(f->has_value, f->value), "derived", f->derived, "entered",
			 num_or_null(f->has_entered, f->entered), "derived_value",
			 num_or_null(f->has_derived, f->derived_value), "differs", f->differs,
			 "locked", f->locked, "year", f->year, "note", f->note ? f->note : "",
			 "derivation", f->derivation ? f->derivation : "", "children",
			 f->n_children, "contributing", f->n_contributing);
}

json_t *app_indicator_table_json(const struct indicator_table *t)
{
	json_t *rows = json_array();
	for (int i = 0; i < t->n_rows; i++) {
		const struct indicator_row *r = &t->rows[i];
		const struct indicator_compare *c = &r->cmp;
		json_t *cmp = json_pack(
			"{s:o, s:o, s:o, s:o, s:s, s:s}", "pct_of_target",
			num_or_null(c->has_target, c->pct_of_target), "vs_baseline",
			num_or_null(c->has_baseline, c->vs_baseline), "vs_baseline_pct",
			num_or_null(c->has_baseline_pct, c->vs_baseline_pct), "verdict",
			c->verdict > 0	 ? json_string("met")
			: c->verdict < 0 ? json_string("not_met")
					 : json_null(),
			"verdict_label", c->verdict_label, "actual_period", c->actual_period);
		json_array_append_new(
			rows, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "indicator",
					app_indicator_json(&r->ind), "baseline",
					app_indicator_figure_json(&r->baseline), "term_target",
					app_indicator_figure_json(&r->term_target), "year_target",
					app_indicator_figure_json(&r->year_target), "actual",
					app_indicator_figure_json(&r->actual), "h1",
					app_indicator_figure_json(&r->h1), "estimate",
					app_indicator_figure_json(&r->estimate), "compare", cmp));
	}
	return json_pack("{s:I, s:s, s:i, s:b, s:b, s:o}", "org_id", (json_int_t)t->org_id,
			 "org_name", t->org_name ? t->org_name : "", "year", t->year, "can_enter",
			 t->can_enter, "can_define", t->can_define, "rows", rows);
}

json_t *app_indicator_children_json(const struct indicator_children *c)
{
	json_t *rows = json_array();
	for (int i = 0; i < c->n_rows; i++)
		json_array_append_new(rows, json_pack("{s:I, s:s, s:o}", "org_id",
						      (json_int_t)c->rows[i].org_id, "org_name",
						      c->rows[i].org_name, "figure",
						      app_indicator_figure_json(&c->rows[i].fig)));
	return json_pack("{s:o, s:I, s:i, s:s, s:o, s:o, s:o}", "indicator",
			 app_indicator_json(&c->ind), "org_id", (json_int_t)c->org_id, "year",
			 c->year, "period", c->period, "total",
			 app_indicator_figure_json(&c->total), "target",
			 app_indicator_figure_json(&c->target), "children", rows);
}

json_t *app_indicator_series_json(const struct indicator_series *s)
{
	json_t *pts = json_array();
	for (int i = 0; i < s->n_points; i++)
		json_array_append_new(
			pts, json_pack("{s:i, s:o, s:o, s:s}", "year", s->points[i].year, "target",
				       app_indicator_figure_json(&s->points[i].target), "actual",
				       app_indicator_figure_json(&s->points[i].actual),
				       "actual_period", s->points[i].actual_period));
	return json_pack("{s:o, s:I, s:o, s:o, s:o}", "indicator", app_indicator_json(&s->ind),
			 "org_id", (json_int_t)s->org_id, "baseline",
			 app_indicator_figure_json(&s->baseline), "term_target",
			 app_indicator_figure_json(&s->term_target), "points", pts);
}
