/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The arithmetic of the quality-classification rule sets (DESIGN.md
 * "Quality classification"). The rule sets themselves are data — rows of
 * classification_rules (migration 11: 124-QĐ/TW for the years 2023–2025,
 * yearly, graded by criteria without points; 366-QĐ/TW from 2026, quarterly,
 * yearly and per term, 100 points = 30 general criteria + 70 task results) —
 * and these pure functions read them: the grades, the periods a rule allows,
 * the task-result score computed from a plan's items, the highest grade a
 * score allows and the quota of "excellent".
 *
 * The task-result score (our reading of 366-QĐ/TW, configurable through the
 * row's task_max and late_weight_pct): of the plan's task items that are done
 * or overdue at the end of the period (items not yet due are not counted),
 * task_max × (on time + late × late_weight_pct/100) / counted, rounded to the
 * nearest point; then each of the org's indicators exceeded (vượt chỉ tiêu:
 * the actual beyond the target in the indicator's direction) adds the row's
 * exceed_points (366: 2, our reading), the block never above task_max. With
 * no counted item the appraiser enters the points.
 */
#ifndef KH_APP_RULES_H
#define KH_APP_RULES_H

#include <stdbool.h>

#include "store/classification.h"

/* The four grades, lowest first. */
enum class_grade {
	CLASS_NOT_COMPLETE = 0,
	CLASS_COMPLETE,
	CLASS_GOOD,
	CLASS_EXCELLENT,
};
/* "not_complete", "complete", "good", "excellent". */
const char *class_grade_name(enum class_grade g);
/* "Không hoàn thành nhiệm vụ", "Hoàn thành nhiệm vụ", "Hoàn thành tốt nhiệm
 * vụ", "Hoàn thành xuất sắc nhiệm vụ". */
const char *class_grade_label(enum class_grade g);
bool class_grade_parse(const char *s, enum class_grade *out);
/* The label of a grade name ("" when unknown). */
const char *class_grade_label_of(const char *name);

/* "quarter" → "Quý", "year" → "Năm", "term" → "Nhiệm kỳ" ("" unknown). */
const char *class_period_label(const char *kind);
/* True when the rule's periods list holds kind ("quarter", "year", "term"). */
bool class_rule_allows(const struct class_rule_row *r, const char *kind);

/* The task-result block of one subject and period. */
struct class_task_score {
	int items;			  /* task items of the plans */
	int on_time, late, overdue, open; /* open: not done, not yet due */
	int counted;			  /* on_time + late + overdue */
	int points;			  /* -1 when nothing is counted */
	bool all_on_time;		  /* no late or overdue item */
	/* The org's indicators of the period's last year (years and terms;
	 * shown, not scored): met, of those exceeded, not met. */
	int indicators_met, indicators_exceeded, indicators_missed;
	int exceed_bonus; /* points added for the indicators exceeded */
};
void class_task_score(const struct class_rule_row *r, int on_time, int late, int overdue, int open,
		      struct class_task_score *out);

/* Adds the rule's points for the indicators exceeded (already counted in
 * out->indicators_exceeded) to a computed score, up to task_max. */
void class_task_exceeded(const struct class_rule_row *r, struct class_task_score *out);

/* The highest grade a total allows under a scored rule; excellent also
 * needs all_on_time when the rule says so. */
enum class_grade class_grade_for_points(const struct class_rule_row *r, int total,
					bool all_on_time);

/* How many "excellent" a group with good_or_better graded good or better
 * may have: quota_pct % of them, at least quota_min (our reading: small
 * groups may have one). */
int class_quota_max(const struct class_rule_row *r, int good_or_better);

#endif
