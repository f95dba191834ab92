/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of the org tree with effective dates. An org row is the identity
 * (kind, level, first and end day); org_versions hold its parent, name and
 * short name over [valid_from, valid_to) with valid_to NULL (0 here) for
 * open-ended; org_events record each dated change. "As of day D" means the
 * version with valid_from <= D < valid_to. No rule lives here: the app layer
 * decides what may change and when; these functions only read and write.
 *
 * Reads copy strings into the caller's arena. Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_ORG_H
#define KH_STORE_ORG_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* One row of org_versions, for history pages and for the use cases that
 * close and open versions. */
struct org_version {
	int64_t id;
	int64_t org_id;
	int32_t valid_from;
	int32_t valid_to;  /* 0 = open-ended */
	int64_t parent_id; /* 0 = root */
	const char *name;
	const char *short_name;
	const char *parent_name; /* the parent's name on valid_from ("" for roots) */
};

/* The org as of day, with child_count as of day. KH_ENOTFOUND when the org
 * is unknown or does not exist that day. */
int store_org_get(struct store *s, struct arena *a, int64_t id, int32_t day, struct org *out,
		  struct kh_error *err) KH_MUST_CHECK;

/* The org's version nearest to day: the one in force, else the last one
 * before day, else the first one after. child_count is as of the version's
 * last day. KH_ENOTFOUND only when the org is unknown. */
int store_org_get_nearest(struct store *s, struct arena *a, int64_t id, int32_t day,
			  struct org *out, struct kh_error *err) KH_MUST_CHECK;

/* Orgs whose version in force on day has parent parent_id (0: the roots),
 * each with child_count as of day; unsorted. *out is arena-allocated. */
int store_org_children(struct store *s, struct arena *a, int64_t parent_id, int32_t day,
		       struct org **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* The org's lifetime: *from its first day, *to the first day it no longer
 * exists (0 = still exists). KH_ENOTFOUND for an unknown id. One indexed
 * read, for the scope checks that run many times per page. */
int store_org_span(struct store *s, int64_t id, int32_t *from, int32_t *to,
		   struct kh_error *err) KH_MUST_CHECK;

/* The ancestor chains of many orgs in one query: for each of ids[] (as of
 * day, or its last day when it no longer exists then, or its first day
 * when it does not exist yet), the pairs (origin, ancestor-or-self). Arena
 * arrays; unknown ids yield nothing. */
int store_org_ancestor_pairs(struct store *s, struct arena *a, const int64_t *ids, int n,
			     int32_t day, int64_t **origins, int64_t **ancestors, int *npairs,
			     struct kh_error *err) KH_MUST_CHECK;

/* The chain from id up to its root as of day: (*out)[0] = id, then its
 * parent, and so on (at most 64 entries). An org absent that day yields just
 * itself. */
int store_org_ancestors(struct store *s, struct arena *a, int64_t id, int32_t day, int64_t **out,
			int *n, struct kh_error *err) KH_MUST_CHECK;

/* Every version of the org, oldest first. */
int store_org_versions(struct store *s, struct arena *a, int64_t id, struct org_version **out,
		       int *n, struct kh_error *err) KH_MUST_CHECK;
/* The version in force on day; KH_ENOTFOUND when none. */
int store_org_version_at(struct store *s, struct arena *a, int64_t id, int32_t day,
			 struct org_version *out, struct kh_error *err) KH_MUST_CHECK;
/* The org's latest version (largest valid_from); KH_ENOTFOUND when none. */
int store_org_version_last(struct store *s, struct arena *a, int64_t id, struct org_version *out,
			   struct kh_error *err) KH_MUST_CHECK;

/* Events where the org is either side, by date then id. */
int store_org_events(struct store *s, struct arena *a, int64_t id, struct org_event **out, int *n,
		     struct kh_error *err) KH_MUST_CHECK;

/* ---- writes (inside the caller's transaction) ---- */

/* A new org identity; *id receives its id. code may be NULL. */
int store_org_insert(struct store *s, enum org_kind kind, int level, int32_t valid_from,
		     const char *code, int64_t created_at, int64_t *id,
		     struct kh_error *err) KH_MUST_CHECK;
/* Sets the org's end day (0 = still exists). */
int store_org_set_end(struct store *s, int64_t id, int32_t valid_to,
		      struct kh_error *err) KH_MUST_CHECK;
/* Changes the org's kind and level (corrections by the importer). */
int store_org_set_kind_level(struct store *s, int64_t id, enum org_kind kind, int level,
			     struct kh_error *err) KH_MUST_CHECK;
/* A new version row; valid_to 0 = open-ended. */
int store_org_version_insert(struct store *s, int64_t org_id, int32_t valid_from, int32_t valid_to,
			     int64_t parent_id, const char *name, const char *short_name,
			     struct kh_error *err) KH_MUST_CHECK;
/* Sets a version's end day (0 = open-ended). */
int store_org_version_set_end(struct store *s, int64_t version_id, int32_t valid_to,
			      struct kh_error *err) KH_MUST_CHECK;
/* Rewrites a version's parent, name and short name in place. */
int store_org_version_update(struct store *s, int64_t version_id, int64_t parent_id,
			     const char *name, const char *short_name,
			     struct kh_error *err) KH_MUST_CHECK;
/* Appends an event (ev->id is ignored). */
int store_org_event_insert(struct store *s, const struct org_event *ev, int64_t user_id,
			   int64_t created_at, struct kh_error *err) KH_MUST_CHECK;

/* ---- external codes (the importer's stable keys) ---- */

/* The org with this external code, or *id = 0. */
int store_org_find_code(struct store *s, const char *code, int64_t *id,
			struct kh_error *err) KH_MUST_CHECK;

/* ---- search ---- */

/* Writes the org's search index entry (title and subtitle shown in results,
 * searchable: text_fold()ed words); searchable NULL removes the entry. */
int store_org_index(struct store *s, int64_t id, const char *title, const char *subtitle,
		    const char *searchable, struct kh_error *err) KH_MUST_CHECK;

/* Orgs existing on day whose indexed (folded) text matches every word of
 * folded_query as a prefix; at most limit, unsorted. */
int store_org_search(struct store *s, struct arena *a, const char *folded_query, int32_t day,
		     int limit, struct org **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- positions, for the access scope ---- */

/* The person's positions in force on day, with org_name filled (the org's
 * name that day). */
int store_positions_current_of_person(struct store *s, struct arena *a, int64_t person_id,
				      int32_t day, struct position **out, int *n,
				      struct kh_error *err) KH_MUST_CHECK;

#endif
