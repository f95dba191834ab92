/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of the year-end self-assessment (migration 10,
 * store/schema_assessment.c): the assessment row of a plan, its item
 * ratings and its remedies with the item each was carried into. No
 * business rules: app/assessment.c decides.
 */
#ifndef KH_STORE_ASSESSMENT_H
#define KH_STORE_ASSESSMENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

struct store_assessment {
	int64_t id; /* 0 = none stored yet */
	int64_t plan_id;
	const char *status; /* "draft", "submitted" */
	const char *summary, *shortcomings, *causes;
	int64_t created_by, created_at, updated_at, submitted_by, submitted_at;
};

struct store_assessment_rating {
	int64_t item_id;
	const char *rating; /* "done", "partly", "not_done" */
	const char *note;
};

struct store_remedy {
	int64_t id;
	int seq;
	const char *text;
	/* The carried item while it still exists; 0 when never carried or
	 * when that item was deleted since. */
	int64_t carried_item_id;
	int64_t carried_plan_id;
	int64_t carried_at;
};

/* The assessment of a plan; out->id 0 (and 0 returned) when none. */
int store_assessment_get(struct store *s, struct arena *a, int64_t plan_id,
			 struct store_assessment *out, struct kh_error *err) KH_MUST_CHECK;
/* Inserts (a->id 0: *id receives the new id) or updates the texts, status and
 * times of an assessment. */
int store_assessment_put(struct store *s, const struct store_assessment *a, int64_t *id,
			 struct kh_error *err) KH_MUST_CHECK;
/* The stored ratings of an assessment. */
int store_assessment_ratings(struct store *s, struct arena *a, int64_t assessment_id,
			     struct store_assessment_rating **out, int *n,
			     struct kh_error *err) KH_MUST_CHECK;
/* Inserts or replaces one rating. */
int store_assessment_rating_put(struct store *s, int64_t assessment_id,
				const struct store_assessment_rating *r,
				struct kh_error *err) KH_MUST_CHECK;
/* The remedies in seq order. */
int store_assessment_remedies(struct store *s, struct arena *a, int64_t assessment_id,
			      struct store_remedy **out, int *n,
			      struct kh_error *err) KH_MUST_CHECK;
/* Replaces every remedy by texts (seq 1..n, none carried). */
int store_assessment_remedies_set(struct store *s, int64_t assessment_id, const char *const *texts,
				  int n, struct kh_error *err) KH_MUST_CHECK;
/* Records the item a remedy became. */
int store_assessment_remedy_carried(struct store *s, int64_t remedy_id, int64_t item_id, int64_t at,
				    struct kh_error *err) KH_MUST_CHECK;

#endif
