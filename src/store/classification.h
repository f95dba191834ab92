/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of quality classification (migration 11; the rules of use live in
 * app/classification.h): rule sets, classifications and their history of
 * steps. Results are allocated in the arena.
 */
#ifndef KH_STORE_CLASSIFICATION_H
#define KH_STORE_CLASSIFICATION_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* One rule set (a row of classification_rules). */
struct class_rule_row {
	const char *code;
	const char *title;
	int year_from, year_to; /* year_to 0 = still in force */
	const char *periods;	/* "year" or "quarter,year,term" */
	bool scored;
	int general_max, task_max;
	int excellent_min, good_min, complete_min;
	int late_weight_pct;
	bool excellent_on_time;
	int quota_pct, quota_min;
	const char *conditions; /* JSON array of texts */
	int exceed_points;	/* task points per indicator exceeded (0 = not scored) */
};

/* One subject's classification for a period. */
struct class_row {
	int64_t id;
	const char *rule_code;
	const char *subject_kind; /* "org", "collective", "member" */
	int64_t org_id;
	int64_t person_id; /* members only */
	int64_t deciding_org_id;
	const char *period_kind; /* "quarter", "year", "term" */
	int year, part;		 /* quarter: 1..4; term: the last year; year: 0 */
	const char *stage;	 /* "self", "proposed", "decided" */
	const char *grade;
	int general_points, task_points; /* -1 = none */
	int64_t created_at, updated_at;
	/* Filled by reads: */
	const char *org_name, *person_name, *deciding_org_name;
};

/* One step of the history. */
struct class_step_row {
	int64_t id;
	int64_t classification_id;
	const char *stage; /* "self", "proposed", "decided", "reexamined" */
	const char *grade;
	int general_points, task_points; /* -1 = none */
	const char *note;
	int64_t by_user;
	int64_t at;
	const char *by_name; /* filled by reads */
};

int store_class_rules(struct store *s, struct arena *a, struct class_rule_row **out, int *n,
		      struct kh_error *err) KH_MUST_CHECK;
/* The rule set in force for a year; KH_ENOTFOUND when none. */
int store_class_rule_for(struct store *s, struct arena *a, int year, struct class_rule_row *out,
			 struct kh_error *err) KH_MUST_CHECK;
int store_class_rule_get(struct store *s, struct arena *a, const char *code,
			 struct class_rule_row *out, struct kh_error *err) KH_MUST_CHECK;

int store_class_get(struct store *s, struct arena *a, int64_t id, struct class_row *out,
		    struct kh_error *err) KH_MUST_CHECK;
/* The classification of a subject and period; KH_ENOTFOUND when none. */
int store_class_find(struct store *s, struct arena *a, const struct class_row *key,
		     struct class_row *out, struct kh_error *err) KH_MUST_CHECK;
int store_class_insert(struct store *s, const struct class_row *c, int64_t *id,
		       struct kh_error *err) KH_MUST_CHECK;
/* Updates stage, grade, points, rule and updated_at. */
int store_class_update(struct store *s, const struct class_row *c,
		       struct kh_error *err) KH_MUST_CHECK;
/* The classifications whose subject org or deciding org is org_id, for the
 * periods touching year (terms spanning it included). */
int store_class_list(struct store *s, struct arena *a, int64_t org_id, int year,
		     struct class_row **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Among the decided classifications of a group (deciding org, subject kind,
 * period), other than exclude_id: how many are excellent and how many good
 * or better. */
int store_class_group_counts(struct store *s, const struct class_row *group, int64_t exclude_id,
			     int *excellent, int *good_or_better,
			     struct kh_error *err) KH_MUST_CHECK;

int store_class_step_insert(struct store *s, const struct class_step_row *st,
			    struct kh_error *err) KH_MUST_CHECK;
/* The history, oldest first. */
int store_class_steps(struct store *s, struct arena *a, int64_t class_id,
		      struct class_step_row **out, int *n, struct kh_error *err) KH_MUST_CHECK;

#endif
