/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Two questions an office asks of plans:
 *
 * The quality check of one plan (DESIGN.md "The plan's life", last rule):
 * items with no lead, no deadline, or no concrete measure; and items that
 * nearly repeat an item of the upper plan or of another plan of the same
 * owner ("trên sao dưới vậy"), with the similarity score (text/similar.h)
 * and the item repeated. Proposals are not checked for a lead or deadline;
 * indicators (part 1) not for measures.
 *
 * Compliance over a subtree and a year: which heads have no individual plan
 * covering the year, which committees and cells have no collective plan,
 * which plans were not approved by 31 March of the year (or are still not
 * approved after it), and which plans still wait for answers to comments.
 * Readable to whoever reads the org.
 */
#ifndef KH_APP_CHECK_H
#define KH_APP_CHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"

#define CHECK_NO_LEAD "no_lead"
#define CHECK_NO_DEADLINE "no_deadline"
#define CHECK_NO_MEASURE "no_measure"
#define CHECK_REPEATS_UPPER "repeats_upper"
#define CHECK_REPEATS_OWN "repeats_own"

struct check_finding {
	const char *code;    /* CHECK_* */
	const char *message; /* Vietnamese */
	int64_t item_id;
	int item_seq;
	const char *item_text;
	/* repeats_*: the item repeated, its plan, and the score (0..1). */
	int64_t other_item_id;
	int64_t other_plan_id;
	const char *other_text;
	const char *other_plan_title;
	double score;
};
struct check_report {
	int64_t plan_id;
	int n_items;
	struct check_finding *findings; /* in item order */
	int n;
};
/* The quality check of a readable plan. */
int app_plan_check(struct app_ctx *ctx, int64_t plan_id, struct check_report *out,
		   struct kh_error *err) KH_MUST_CHECK;
json_t *app_check_json(const struct check_report *r);

struct compliance_head {
	int64_t person_id;
	const char *person_name;
	int64_t org_id; /* one org they head */
	const char *org_name;
	const char *title;
};
struct compliance_org {
	int64_t org_id;
	const char *org_name;
};
struct compliance_plan {
	struct plan plan;
	int open_comments; /* for "waiting for answers" */
};
struct compliance_report {
	int64_t org_id;
	int year;
	int32_t due_day; /* 31 March of the year */
	struct compliance_head *heads_without_plan;
	int n_heads_without_plan;
	struct compliance_org *orgs_without_plan; /* committees and cells */
	int n_orgs_without_plan;
	struct compliance_plan *late; /* not approved by due_day (approved later, or not yet when
					 today > due_day) */
	int n_late;
	struct compliance_plan *waiting; /* with comments or requests not answered */
	int n_waiting;
	int n_heads, n_orgs, n_plans; /* totals looked at */
};
/* Compliance of org_id's subtree (as of ctx->today) for year. */
int app_plan_compliance(struct app_ctx *ctx, int64_t org_id, int year,
			struct compliance_report *out, struct kh_error *err) KH_MUST_CHECK;
json_t *app_compliance_json(const struct compliance_report *r);

#endif
