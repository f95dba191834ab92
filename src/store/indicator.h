/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of indicators (migration 7): the definitions, their figures per
 * (org, period, year), the subtree of party orgs a roll-up walks and the
 * figures of that subtree in one query. No rule lives here: app/indicator.c
 * authorizes, validates, rolls up. Reads copy strings into the caller's
 * arena; org names are taken as of the day given (else the latest name).
 * Every function returns 0 or a negative enum kh_err with err filled.
 */
#ifndef KH_STORE_INDICATOR_H
#define KH_STORE_INDICATOR_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* An indicator as defined. Strings in the arena. */
struct indicator {
	int64_t id;
	int64_t org_id; /* the defining org */
	const char *org_name;
	int64_t plan_id;     /* 0 = none */
	int64_t document_id; /* 0 = none */
	int seq;
	const char *code; /* as the defining document numbers it ("1", "2.a"), may be "" */
	const char *name;
	const char *unit;	     /* "đảng viên", "%", may be "" */
	const char *direction;	     /* "up" (more is better), "down", "exact" */
	const char *rollup;	     /* "sum", "mean", "weighted_mean", "share", "manual" */
	int64_t weight_indicator_id; /* weighted_mean and share; else 0 */
	int year_from, year_to;	     /* the term */
	int64_t created_at, updated_at;
};

/* One stored figure. */
struct indicator_value {
	int64_t indicator_id;
	int64_t org_id;
	const char *period;
	int year;
	double value;
	const char *note;
	bool locked;
	int64_t entered_by;
	int64_t entered_at;
};

/* One org of a subtree walked by a roll-up. */
struct indicator_org {
	int64_t id;
	int64_t parent_id; /* 0 for the root */
	const char *name;
	int depth; /* 0 for the root */
};

/* Inserts ind (id, org_name ignored); *id receives the new id. */
int store_indicator_insert(struct store *s, const struct indicator *ind, int64_t *id,
			   struct kh_error *err) KH_MUST_CHECK;
/* Rewrites every column of ind->id but org_id and created_at. */
int store_indicator_update(struct store *s, const struct indicator *ind,
			   struct kh_error *err) KH_MUST_CHECK;
/* Removes the indicator and all its figures. */
int store_indicator_delete(struct store *s, int64_t id, struct kh_error *err) KH_MUST_CHECK;
/* KH_ENOTFOUND when unknown. */
int store_indicator_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			struct indicator *out, struct kh_error *err) KH_MUST_CHECK;
/* The indicators defined by org_id or its ancestors as of day, the
 * uppermost org's first, then by seq, id. */
int store_indicator_list_visible(struct store *s, struct arena *a, int64_t org_id, int32_t day,
				 struct indicator **out, int *n,
				 struct kh_error *err) KH_MUST_CHECK;
/* The largest seq of the org's indicators (0 when none). */
int store_indicator_max_seq(struct store *s, int64_t org_id, int *out,
			    struct kh_error *err) KH_MUST_CHECK;
/* What holds an indicator: locked figures, indicators weighing by it,
 * report campaigns listing it. */
int store_indicator_uses(struct store *s, int64_t id, int *locked, int *weighed_by, int *campaigns,
			 struct kh_error *err) KH_MUST_CHECK;

/* One figure; *found false when there is none. */
int store_indicator_value_get(struct store *s, struct arena *a, int64_t indicator_id,
			      int64_t org_id, const char *period, int year,
			      struct indicator_value *out, bool *found,
			      struct kh_error *err) KH_MUST_CHECK;
/* Inserts or replaces a figure (its locked flag kept 0). */
int store_indicator_value_put(struct store *s, const struct indicator_value *v,
			      struct kh_error *err) KH_MUST_CHECK;
int store_indicator_value_delete(struct store *s, int64_t indicator_id, int64_t org_id,
				 const char *period, int year, struct kh_error *err) KH_MUST_CHECK;

/* The subtree of root as of day, walking through committees and cells only
 * (root whatever its kind), in depth-first order with children by name. */
int store_indicator_subtree(struct store *s, struct arena *a, int64_t root, int32_t day,
			    struct indicator_org **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Every figure of the indicators ids[0..n_ids) held by the orgs of root's
 * subtree (as store_indicator_subtree walks it) with a year in
 * [year_min, year_max] or a baseline (any year), in one query. */
int store_indicator_values_subtree(struct store *s, struct arena *a, int64_t root, int32_t day,
				   const int64_t *ids, int n_ids, int year_min, int year_max,
				   struct indicator_value **out, int *n,
				   struct kh_error *err) KH_MUST_CHECK;

#endif
