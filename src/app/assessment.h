/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The year-end self-assessment of a plan (issue 5, DESIGN.md glossary
 * "assessment", "shortcoming", "remedy").
 *
 * The owner side of an issued plan (approved, adjusting or closed: the same
 * owner rule as editing the plan, app/plan.h) rates every item — done,
 * partly, not done, with a note; pre-filled from the item's progress
 * (progress_state done → done, in_progress → partly, else not done) —,
 * writes the overall summary, the shortcomings and their subjective causes,
 * and the remedies (a list). It saves a draft, then submits it: a submitted
 * assessment is frozen. Whoever reads the plan reads its assessment.
 *
 * Remedies are carried into next year's plan: the owner's year plan for
 * the year after the plan's last year (same owner org or person). Each
 * remedy not yet carried becomes an item of that plan through
 * app_plan_item_create (so the next plan must be editable); the remedy
 * remembers the item. A remedy whose item was deleted since counts as not
 * carried — the assessment page and the next plan's page list them.
 *
 * Refusals: KH_ENOTFOUND (unknown plan), KH_EFORBIDDEN (not readable, or
 * not the owner side for writes), KH_EINVAL (a rating other than the three,
 * an item not of the plan, texts too long), KH_ECONFLICT (the plan not yet
 * issued, the assessment already submitted, carrying before submitting, no
 * next year's plan, next year's plan not editable). Writes are one
 * transaction each and audited ("assessment.save", "assessment.submit",
 * "assessment.carry"). Results are allocated in ctx->arena.
 */
#ifndef KH_APP_ASSESSMENT_H
#define KH_APP_ASSESSMENT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "app/plan.h"
#include "core/model.h"

#define ASSESSMENT_REMEDIES_MAX 100
#define ASSESSMENT_REMEDY_MAX 2000 /* characters of one remedy */

/* "done", "partly", "not_done". */
bool assessment_rating_valid(const char *rating);
/* "Hoàn thành", "Hoàn thành một phần", "Chưa hoàn thành"; "" when unknown. */
const char *assessment_rating_label(const char *rating);

struct assessment_item {
	int64_t item_id;
	int seq;
	const char *section;
	const char *text;
	const char *progress_state; /* "" when never reported */
	const char *rating;	    /* stored, or pre-filled from the progress */
	const char *note;
	bool stored; /* false: pre-filled */
};

struct assessment_remedy {
	int64_t id;
	int seq;
	const char *text;
	int64_t carried_item_id; /* 0: not carried (or its item was deleted) */
	int64_t carried_plan_id;
};

struct assessment_view {
	struct plan plan;
	struct plan_rights rights;
	int64_t id;	    /* 0 while nothing was saved */
	const char *status; /* "draft", "submitted" */
	const char *summary, *shortcomings, *causes;
	int64_t created_at, updated_at, submitted_at;
	struct assessment_item *items; /* in the plan's order */
	int n_items;
	int n_done, n_partly, n_not_done;
	struct assessment_remedy *remedies;
	int n_remedies;
	int n_not_carried;
	bool issued;   /* the plan is approved, adjusting or closed */
	bool can_edit; /* owner side, issued, not submitted */
	/* The owner's year plan for plan.year_to + 1; 0 when none. */
	int64_t next_plan_id;
	const char *next_plan_title;
	int next_year;
	bool can_carry; /* owner side, submitted, next plan editable, some remedy left */
};

/* The assessment of a plan (pre-filled when none was saved). */
int app_assessment_get(struct app_ctx *ctx, int64_t plan_id, struct assessment_view *out,
		       struct kh_error *err) KH_MUST_CHECK;

struct assessment_rating_input {
	int64_t item_id;
	const char *rating;
	const char *note; /* NULL = keep */
};

struct assessment_input {
	const char *summary; /* NULL = keep */
	const char *shortcomings;
	const char *causes;
	const struct assessment_rating_input *ratings; /* items not listed keep theirs */
	int n_ratings;
	const char *const *remedies; /* with set_remedies; blank ones are dropped */
	int n_remedies;
	bool set_remedies;
};

/* Saves the draft (creating it on first save; every item's rating is
 * written, pre-filled ones included). */
int app_assessment_save(struct app_ctx *ctx, int64_t plan_id, const struct assessment_input *in,
			struct kh_error *err) KH_MUST_CHECK;
/* Submits it (saving in first when in is not NULL); frozen afterwards. */
int app_assessment_submit(struct app_ctx *ctx, int64_t plan_id, const struct assessment_input *in,
			  struct kh_error *err) KH_MUST_CHECK;
/* Carries every remedy not yet carried into next year's plan; *n (may be
 * NULL) receives how many items were created. */
int app_assessment_carry(struct app_ctx *ctx, int64_t plan_id, int *n,
			 struct kh_error *err) KH_MUST_CHECK;
/* For the page of a year plan: the remedies of the submitted assessment of
 * the owner's previous year plan that are not (or no longer) carried;
 * *from_plan_id the previous plan (0 when none). Empty when the actor may
 * not read the previous plan. */
int app_assessment_not_carried_into(struct app_ctx *ctx, int64_t plan_id,
				    struct assessment_remedy **out, int *n, int64_t *from_plan_id,
				    struct kh_error *err) KH_MUST_CHECK;
/* Carries remedies of the previous year's submitted assessment into
 * plan_id (a plan being created with carry-over, inside its transaction). */
int app_assessment_carry_into_new(struct app_ctx *ctx, int64_t plan_id,
				  struct kh_error *err) KH_MUST_CHECK;

/* The view as JSON (API and CLI). */
json_t *app_assessment_json(const struct assessment_view *v);

#endif
