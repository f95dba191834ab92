/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Use cases of indicators (chỉ tiêu, DESIGN.md §1 "Operating the plans"):
 * defining an indicator, entering its figures per org and period, and the
 * roll-up over the org tree that the page, the XLSX sheet and the reports
 * show.
 *
 * An indicator is defined once, by an org (optionally in one of its plans or
 * for a document), and is visible to that org and every org below it. Its
 * figures live per (org, period, year): the baseline ("baseline", with the
 * baseline's year), the target ("target"; year 0 = the whole term, else that
 * year) and the actuals ("year" = the year's result, "h1" = the first six
 * months, "estimate" = the estimate for the whole year).
 *
 * Roll-up: a parent org's figure is derived from its children's — the
 * current orgs just below it that hold or derive a figure — by the
 * indicator's rule: "sum", "mean", "weighted_mean" (weights = the weight
 * indicator's figures of the same orgs, period and year), "share" (Σ
 * numerators / Σ denominators × 100, the weight indicator holding the
 * denominators and this one the numerators), or "manual" (only entered,
 * never derived). For "manual" the entered figure is the figure. For the
 * other rules, an actual ("year", "h1", "estimate") is the derived figure
 * when the children give one, the entered one beside it when they differ;
 * a target or a baseline is the org's entered figure when there is one (its
 * own resolution sets it; the children's total beside it), else derived. Every derived figure
 * carries its derivation, a short Vietnamese text such as "Tổng của 12/14 đơn vị (thiếu: Xã A, Xã
 * B)". A subtree's figures are loaded in one query and rolled up in memory.
 *
 * Who may: read — whoever reads the org (app_can_read_org); define, update,
 * delete an indicator — whoever may keep the defining org's plans
 * (app_can_act_for_org on it); enter figures — whoever acts for the org
 * the figure belongs to (app_can_act_for_org). A figure accepted in a
 * report is locked (the report use cases set and clear the flag): changing
 * or clearing it is refused with KH_ECONFLICT "Số liệu … đã được chấp nhận
 * trong báo cáo…". Every write runs in one transaction and is audited
 * ("indicator.create|update|delete", "indicator.value").
 * Results are allocated in ctx->arena.
 */
#ifndef KH_APP_INDICATOR_H
#define KH_APP_INDICATOR_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "store/indicator.h"

#define INDICATOR_NAME_MAX 500
#define INDICATOR_UNIT_MAX 50
#define INDICATOR_CODE_MAX 20
#define INDICATOR_NOTE_MAX 1000
#define INDICATOR_VALUES_MAX 5000 /* figures in one app_indicator_set_values call */

/* struct indicator (an indicator as defined) is declared in store/indicator.h. */

/* Vietnamese labels: "Tăng" / "Giảm" / "Đúng bằng"; "Tổng", "Bình quân",
 * "Bình quân gia quyền", "Tỷ lệ", "Nhập tay". Unknown names give "". */
const char *indicator_direction_label(const char *direction);
const char *indicator_rollup_label(const char *rollup);
/* Period labels: "Giá trị nền", "Mục tiêu", "Thực hiện năm", "Thực hiện 6
 * tháng", "Ước năm". */
const char *indicator_period_label(const char *period);
/* Writes v the Vietnamese way — thousands with '.', decimals with ',', at
 * most 2 decimals, trailing zeros dropped ("1.234,5") — into out. */
void indicator_format_number(double v, char out[40]);

/* Fields for create and update. On update a NULL string or a zero keeps the
 * current value (set_weight, set_plan, set_document set even to 0). */
struct indicator_input {
	int64_t org_id; /* create: required */
	int64_t plan_id;
	bool set_plan;
	int64_t document_id;
	bool set_document;
	int seq; /* create: 0 = after the last of the org */
	const char *code;
	const char *name; /* create: required */
	const char *unit;
	const char *direction;	     /* create: NULL = "up" */
	const char *rollup;	     /* create: NULL = "sum" */
	int64_t weight_indicator_id; /* required for weighted_mean and share */
	bool set_weight;
	int year_from, year_to; /* create: required, 1990..2100, from ≤ to */
};

/* Creates an indicator. KH_EINVAL naming the field (a weight indicator is
 * required for weighted_mean and share, must be visible to the org and not
 * the indicator itself), KH_EFORBIDDEN outside scope. */
int app_indicator_create(struct app_ctx *ctx, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err) KH_MUST_CHECK;
int app_indicator_update(struct app_ctx *ctx, int64_t id, const struct indicator_input *in,
			 struct indicator *out, struct kh_error *err) KH_MUST_CHECK;
/* Deletes an indicator with its figures. KH_ECONFLICT when a figure is
 * locked, when another indicator weighs by it, or when a report campaign
 * lists it. */
int app_indicator_delete(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;
/* One indicator (readable when its defining org is). */
int app_indicator_get(struct app_ctx *ctx, int64_t id, struct indicator *out,
		      struct kh_error *err) KH_MUST_CHECK;
/* The indicators visible to org_id (defined by it or an ancestor), ordered
 * by the defining org's depth, seq, id. */
int app_indicator_list(struct app_ctx *ctx, int64_t org_id, struct indicator **out, int *n,
		       struct kh_error *err) KH_MUST_CHECK;

/* ---- figures ---- */

/* One figure to enter (or clear) for (indicator, org, period, year). */
struct indicator_value_input {
	int64_t indicator_id;
	int64_t org_id;
	const char *period; /* "baseline", "target", "year", "h1", "estimate" */
	int year;	    /* baseline: the baseline year; target: 0 = the term */
	double value;
	bool clear;	  /* remove the figure instead */
	const char *note; /* NULL = "" */
};

/* Enters or clears figures, all in ONE transaction (all or nothing). Each
 * must name a visible indicator, an org the actor acts for within the
 * indicator's defining subtree, a known period, a year within 1990..2100
 * (0 for the term target), a finite value. A "manual" rule does not
 * matter here: any org may enter its own figure. Locked figures are refused
 * (KH_ECONFLICT). Unchanged figures are skipped; one audit entry
 * "indicator.value" per figure changed. *n_changed (may be
 * NULL) receives how many figures changed. */
int app_indicator_set_values(struct app_ctx *ctx, const struct indicator_value_input *in, int n,
			     int *n_changed, struct kh_error *err) KH_MUST_CHECK;

/* A figure as shown: entered, derived, or both. */
struct indicator_figure {
	bool has_value; /* value holds the figure */
	double value;	/* the figure shown, by the rule above */
	bool derived;	/* value was derived from the children */
	bool has_entered;
	double entered;		/* the org's own entered figure */
	bool has_derived;	/* the children gave a figure (derived_value) */
	double derived_value;	/* what the rule gives from the children */
	bool differs;		/* entered and derived both exist and differ (shown side
				   by side) */
	bool locked;		/* the entered figure is locked by a report */
	int year;		/* the figure's year (for the baseline: the baseline year) */
	int entered_year;	/* the entered figure's year (a baseline's may differ) */
	const char *note;	/* of the entered figure, "" */
	int n_children;		/* children that could contribute */
	int n_contributing;	/* of them, those with a figure */
	const char *derivation; /* "Tổng của 12/14 đơn vị (thiếu: …)" — how the
				   children's figure was computed, also when the
				   entered one stands ("Số tự nhập; tổng hợp: 80 —
				   Tổng của 1/9 đơn vị …"); "" when none */
};

/* Comparisons of one row: the actual compared is the year's actual, else
 * the estimate, else the first half; the target is the year's target, else
 * the term's. */
struct indicator_compare {
	bool has_target;	/* an actual and a non-zero target */
	double pct_of_target;	/* actual / target × 100 */
	bool has_baseline;	/* an actual and a baseline */
	double vs_baseline;	/* actual − baseline */
	bool has_baseline_pct;	/* baseline non-zero */
	double vs_baseline_pct; /* (actual − baseline) / |baseline| × 100 */
	int verdict; /* 1 = đạt, -1 = không đạt, 0 = cannot tell (no actual or target) */
	const char *verdict_label; /* "Đạt", "Không đạt", "" */
	const char *actual_period; /* "year", "estimate", "h1" or "" */
};

/* One row of the table: an indicator's figures for one org and year. */
struct indicator_row {
	struct indicator ind;
	struct indicator_figure baseline;    /* latest baseline with year ≤ the year */
	struct indicator_figure term_target; /* target, year 0 */
	struct indicator_figure year_target; /* target of the year */
	struct indicator_figure actual;	     /* "year" */
	struct indicator_figure h1;
	struct indicator_figure estimate;
	struct indicator_compare cmp;
};

struct indicator_table {
	int64_t org_id;
	const char *org_name;
	int year;
	struct indicator_row *rows;
	int n_rows;
	bool can_enter;	 /* the actor may enter this org's figures */
	bool can_define; /* the actor may define indicators for this org */
};

/* The table of org_id for year: one row per indicator (ids NULL = every
 * indicator visible to the org, in app_indicator_list's order; else those
 * ids in that order — each must be visible, KH_EINVAL otherwise), with
 * figures entered or derived over the org's current subtree. KH_EFORBIDDEN
 * when the actor may not read the org. */
int app_indicator_table(struct app_ctx *ctx, int64_t org_id, int year, const int64_t *ids,
			int n_ids, struct indicator_table *out, struct kh_error *err) KH_MUST_CHECK;

/* One child org's figure (app_indicator_children). */
struct indicator_child {
	int64_t org_id;
	const char *org_name;
	struct indicator_figure fig;
};

struct indicator_children {
	struct indicator ind;
	int64_t org_id;
	int year;
	const char *period;
	struct indicator_figure total;	/* org_id's own figure, as in the table */
	struct indicator_figure target; /* org_id's target for the year (else the term) */
	struct indicator_child *rows;	/* the current children, in the tree's order */
	int n_rows;
};

/* For org_id, one row per current child org with its figure of indicator
 * for year and period (as the table computes it; year is ignored for
 * "baseline" = the latest ≤ year, and 0 for "target" means the term). */
int app_indicator_children(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id, int year,
			   const char *period, struct indicator_children *out,
			   struct kh_error *err) KH_MUST_CHECK;

/* One year of a series (app_indicator_series). */
struct indicator_point {
	int year;
	struct indicator_figure target; /* of the year */
	struct indicator_figure actual; /* "year", else "estimate" */
	const char *actual_period;	/* "year", "estimate" or "" */
};

struct indicator_series {
	struct indicator ind;
	int64_t org_id;
	struct indicator_figure baseline;
	struct indicator_figure term_target;
	struct indicator_point *points; /* year_from … year_to */
	int n_points;
};

/* Actual vs target over the indicator's years for org_id (the chart). */
int app_indicator_series(struct app_ctx *ctx, int64_t org_id, int64_t indicator_id,
			 struct indicator_series *out, struct kh_error *err) KH_MUST_CHECK;

/* JSON shapes of the API (docs/API.md). */
json_t *app_indicator_json(const struct indicator *ind);
json_t *app_indicator_figure_json(const struct indicator_figure *f);
json_t *app_indicator_table_json(const struct indicator_table *t);
json_t *app_indicator_children_json(const struct indicator_children *c);
json_t *app_indicator_series_json(const struct indicator_series *s);

#endif
