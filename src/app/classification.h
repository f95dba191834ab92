/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Quality classification (đánh giá, xếp loại chất lượng; issue 5, DESIGN.md
 * "Quality classification") of orgs, their leadership collectives and
 * members, in four grades, for the periods the rule set allows.
 *
 * Subjects and the group. A subject is an org ("org"), its leadership
 * collective ("collective": the same org, graded apart) or a member
 * ("member": a person, with the org where they are graded). The deciding
 * org — the competent level — is the subject org's parent (the org itself
 * for a root). The group a quota is judged in is the deciding org, the
 * subject kind and the period.
 *
 * Periods. "quarter" (year, part 1..4), "year" (part 0), "term" (year = the
 * first year, part = the last, 2..5 years). The rule set is the row of
 * classification_rules in force in the period's last year; a period the rule
 * does not allow is refused naming the rule (KH_EINVAL).
 *
 * Stages, in order: self-assessment ("self": whoever acts for the org — or,
 * for a member, the member himself or whoever manages the org; repeatable
 * until proposed) → proposal ("proposed": the appraising body, i.e. whoever
 * manages the subject org — app_can_manage_org; repeatable until decided) →
 * decision ("decided": whoever manages the deciding org). A decided subject
 * may be re-examined by the same level: a new decision with its reason
 * ("reexamined" step). Every step is a history row and an audit entry
 * ("classification.self", ".propose", ".decide", ".reexamine").
 *
 * Points (scored rule sets: 366-QĐ/TW). Each step carries the general points
 * (0..general_max, entered) and the task-result points: computed from the
 * subject org's issued plans for the period (app/rules.h) for orgs and
 * collectives, from the member's own individual plans (a head's) for a
 * member; entered (0..task_max) when the plans count no item. The grade chosen may not be above the
 * grade the total allows — excellent also needs every task on time — else KH_ECONFLICT naming the
 * rule. Unscored rule sets (124-QĐ/TW) take no points.
 *
 * Quota, at decision: "excellent" may not exceed quota_pct % of those graded
 * good or better among the group's decisions (at least quota_min); a
 * decision that breaks it — an excellent one, or a re-examination lowering
 * a good one below "good" — is refused (KH_ECONFLICT) with the rule named.
 * Conditions that need data the system does not hold (discipline of
 * sub-units) are shown with the rule, not enforced.
 */
#ifndef KH_APP_CLASSIFICATION_H
#define KH_APP_CLASSIFICATION_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/rules.h"
#include "store/classification.h"

#define CLASS_NOTE_MAX 5000

/* What a step gives. */
struct class_input {
	/* The subject and period (self-assessment only; ignored by later steps): */
	const char *subject_kind; /* "org", "collective", "member" */
	int64_t org_id;
	int64_t person_id;	 /* members */
	const char *period_kind; /* "quarter", "year", "term" */
	int year, part;
	/* The step: */
	const char *grade;  /* required */
	int general_points; /* -1 = none (required by scored rules) */
	int task_points;    /* -1 = computed from the plan (required when it cannot be) */
	const char *note;   /* the reason, required to re-examine */
};

/* A classification with its rule, task score, history and the actor's rights. */
struct class_view {
	struct class_row c;
	struct class_rule_row rule;
	struct class_task_score task; /* from the plans (orgs, collectives) */
	bool task_from_plan;	      /* task.points computed (else entered) */
	int32_t from, to;	      /* the period's days */
	struct class_step_row *steps; /* oldest first */
	int n_steps;
	bool can_self, can_propose, can_decide;
};

/* The rule sets, oldest first. */
int app_class_rules(struct app_ctx *ctx, struct class_rule_row **out, int *n,
		    struct kh_error *err) KH_MUST_CHECK;
/* The rule set for a period (validated: KH_EINVAL for a bad period or one
 * the rule does not allow; KH_ENOTFOUND when no rule covers it). */
int app_class_rule_for(struct app_ctx *ctx, const char *period_kind, int year, int part,
		       struct class_rule_row *out, struct kh_error *err) KH_MUST_CHECK;

/* Self-assessment: creates the subject's classification for the period, or
 * updates it while still at that stage. */
int app_class_self(struct app_ctx *ctx, const struct class_input *in, struct class_view *out,
		   struct kh_error *err) KH_MUST_CHECK;
/* Appraisal and proposal. */
int app_class_propose(struct app_ctx *ctx, int64_t id, const struct class_input *in,
		      struct class_view *out, struct kh_error *err) KH_MUST_CHECK;
/* Decision, or re-examination of a decided one (note required). */
int app_class_decide(struct app_ctx *ctx, int64_t id, const struct class_input *in,
		     struct class_view *out, struct kh_error *err) KH_MUST_CHECK;
/* One classification (the actor reads the subject org, or is the member). */
int app_class_get(struct app_ctx *ctx, int64_t id, struct class_view *out,
		  struct kh_error *err) KH_MUST_CHECK;
/* The classifications of org_id's subjects and of the subjects it decides,
 * for the periods touching year (the actor reads the org). */
int app_class_list(struct app_ctx *ctx, int64_t org_id, int year, struct class_row **out, int *n,
		   struct kh_error *err) KH_MUST_CHECK;

/* ---- JSON ---- */
json_t *app_class_rule_json(const struct class_rule_row *r);
json_t *app_class_row_json(const struct class_row *c);
json_t *app_class_view_json(const struct class_view *v);
/* ---- demo ---- */

/* The demo's classifications (app/demo_classification.c): the year 2025 of
 * the commune Tân Phong's cells and of one member, self-assessed, proposed
 * and decided on their days (steps after the real today are skipped). Call
 * from the demo loader after app_demo_reports(), inside its transaction;
 * *n_classified receives the classifications created. */
int app_demo_classification(struct app_ctx *ctx, int *n_classified,
			    struct kh_error *err) KH_MUST_CHECK;

/* "Quy định 366-QĐ/TW" style name of a rule code, in the arena. */
const char *app_class_rule_name(struct app_ctx *ctx, const char *code);

#endif
