/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of action plans: the plans, their items (the working copy, kept
 * in a dense order 1..n), the coordinator orgs of each item, the documents
 * a plan implements, the frozen versions (JSON snapshots the schema's
 * triggers keep immutable), and the recipients of a plan sent for comment.
 * Also the set-based questions the use cases ask: an overlapping plan of
 * the same owner, the upper plan's items assigned to an org, the answers of
 * lower plans to a plan's items, and the scoped list.
 *
 * No rule lives here: app/plan.c authorizes, validates and decides. Reads
 * copy strings into the caller's arena; names of orgs are taken as of the
 * day given (else the org's latest name). Every function returns 0 or a
 * negative enum kh_err with err filled.
 */
#ifndef KH_STORE_PLAN_H
#define KH_STORE_PLAN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"
#include "store/store.h"

/* ---- plans ---- */

/* Inserts p (p->id and owner_name ignored); *id receives the new id. */
int store_plan_insert(struct store *s, const struct plan *p, int64_t *id,
		      struct kh_error *err) KH_MUST_CHECK;
/* Rewrites every column of p->id but the owner and created_*. */
int store_plan_update(struct store *s, const struct plan *p, struct kh_error *err) KH_MUST_CHECK;
/* With owner_name (the org's name as of day, or the person's name).
 * KH_ENOTFOUND when unknown. */
int store_plan_get(struct store *s, struct arena *a, int64_t id, int32_t day, struct plan *out,
		   struct kh_error *err) KH_MUST_CHECK;
/* Removes the plan with its items, their coordinators, its sources and
 * recipients (a plan with versions cannot go: the triggers refuse). */
int store_plan_delete(struct store *s, int64_t id, struct kh_error *err) KH_MUST_CHECK;

/* A plan other than except_id of the same owner (org or person) and scope
 * whose years overlap [year_from, year_to]; *id = 0 when none, else its id
 * and title (arena). */
int store_plan_find_overlap(struct store *s, struct arena *a, int64_t owner_org_id,
			    int64_t owner_person_id, enum plan_scope scope, int year_from,
			    int year_to, int64_t except_id, int64_t *id, const char **title,
			    struct kh_error *err) KH_MUST_CHECK;
/* The owner's latest plan of scope covering year (term plans: the one with
 * the latest first year), issued (approved, adjusting or closed) when
 * issued_only; *id = 0 when none. */
int store_plan_find_owner(struct store *s, int64_t owner_org_id, int64_t owner_person_id,
			  enum plan_scope scope, int year, bool issued_only, int64_t *id,
			  struct kh_error *err) KH_MUST_CHECK;

/* The documents the plan implements (ids, by id). */
int store_plan_sources(struct store *s, struct arena *a, int64_t plan_id, int64_t **ids, int *n,
		       struct kh_error *err) KH_MUST_CHECK;
/* Replaces them. */
int store_plan_sources_set(struct store *s, int64_t plan_id, const int64_t *ids, int n,
			   struct kh_error *err) KH_MUST_CHECK;

/* ---- items ---- */

/* Every item of the plan in seq order, with coordinator_org_ids and
 * lead_name (the lead org's name as of day, the lead person's name, else
 * lead_text). */
int store_plan_items(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
		     struct plan_item **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* One item, filled as above. KH_ENOTFOUND when unknown. */
int store_plan_item_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			struct plan_item *out, struct kh_error *err) KH_MUST_CHECK;
/* The number of items of the plan. */
int store_plan_item_count(struct store *s, int64_t plan_id, int *n,
			  struct kh_error *err) KH_MUST_CHECK;
/* Inserts it at position it->seq (1..n+1) of it->plan_id, moving the items
 * from that position one down; writes its coordinator orgs; *id receives
 * the new id, never one of a deleted item. it->created_at is used for both
 * times. */
int store_plan_item_insert(struct store *s, const struct plan_item *it, int64_t *id,
			   struct kh_error *err) KH_MUST_CHECK;
/* Rewrites every column of it->id but plan_id, seq and created_at, and its
 * coordinator orgs. */
int store_plan_item_update(struct store *s, const struct plan_item *it,
			   struct kh_error *err) KH_MUST_CHECK;
/* Removes the item and its coordinator orgs; the items after it move up.
 * Its id is never given again (frozen versions still name it). */
int store_plan_item_delete(struct store *s, int64_t id, struct kh_error *err) KH_MUST_CHECK;
/* Moves the item to position seq (1..n, clamped), the others keeping their
 * order around it. */
int store_plan_item_move(struct store *s, int64_t id, int seq, int64_t now,
			 struct kh_error *err) KH_MUST_CHECK;
/* How many rows point at the item: comments, items of other plans
 * (cascade answers, carried-over items), and reports of progress. */
int store_plan_item_refs(struct store *s, int64_t id, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Sets the proposal's answer. */
int store_plan_item_set_proposal(struct store *s, int64_t id, const char *state, const char *note,
				 int64_t now, struct kh_error *err) KH_MUST_CHECK;

/* The items of plan_id assigned to an org: it leads them (lead_org_id =
 * org_id), or they are led by the group of parent_id's children
 * (lead_group and lead_org_id = parent_id; parent_id 0 = none), or it is
 * among their coordinators. In seq order, filled as store_plan_items. */
int store_plan_items_assigned(struct store *s, struct arena *a, int64_t plan_id, int64_t org_id,
			      int64_t parent_id, int32_t day, struct plan_item **out, int *n,
			      struct kh_error *err) KH_MUST_CHECK;

/* An answer of a lower plan to an item of an upper plan. */
struct plan_answer {
	int64_t upper_item_id;
	int64_t org_id; /* the owner org of the answering plan (0 for an individual plan) */
	int64_t item_id;
	int64_t plan_id;
};
/* Every item of any plan whose upper_item_id is an item of plan_id (one
 * query), by upper item then plan. */
int store_plan_answers(struct store *s, struct arena *a, int64_t plan_id, struct plan_answer **out,
		       int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- versions ---- */

struct plan_version_row {
	int64_t plan_id;
	int number;
	const char *kind;
	const char *reason;
	int64_t created_at;
	int64_t created_by;
	const char *created_by_name; /* the user's person's name, else username, else "" */
	const char *snapshot;	     /* NULL in lists */
};
/* Freezes a version. A duplicate number is KH_ECONFLICT. */
int store_plan_version_insert(struct store *s, const struct plan_version_row *v,
			      struct kh_error *err) KH_MUST_CHECK;
/* Every version of the plan, oldest first, without snapshots. */
int store_plan_versions(struct store *s, struct arena *a, int64_t plan_id,
			struct plan_version_row **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* One version with its snapshot; KH_ENOTFOUND when absent. */
int store_plan_version_get(struct store *s, struct arena *a, int64_t plan_id, int number,
			   struct plan_version_row *out, struct kh_error *err) KH_MUST_CHECK;

/* ---- recipients ---- */

struct plan_recipient_row {
	int64_t org_id;
	const char *role;
	const char *org_name; /* as of the day asked */
	int64_t sent_at;
};
/* The recorded recipients, in the order they were first recorded. */
int store_plan_recipients(struct store *s, struct arena *a, int64_t plan_id, int32_t day,
			  struct plan_recipient_row **out, int *n,
			  struct kh_error *err) KH_MUST_CHECK;
/* Records a recipient, or refreshes its sent_at (the role first given
 * stays). */
int store_plan_recipient_put(struct store *s, int64_t plan_id, int64_t org_id, const char *role,
			     int64_t sent_at, struct kh_error *err) KH_MUST_CHECK;

/* The comments and requests on the plan not yet answered. */
int store_plan_open_comments(struct store *s, int64_t plan_id, int *n,
			     struct kh_error *err) KH_MUST_CHECK;

/* ---- the list ---- */

struct plan_filter {
	/* The reader's scope, unless all: plans owned by an org in the subtree
	 * (as of day) of one of read_roots[]; individual plans of person_id, or
	 * of people whose member org or a current position lies there; and
	 * plans sent to one of act_orgs[] or an org in the subtree of one of
	 * manage_roots[]. */
	bool all;
	const int64_t *read_roots;
	int n_read_roots;
	const int64_t *act_orgs;
	int n_act_orgs;
	const int64_t *manage_roots;
	int n_manage_roots;
	int64_t person_id;
	/* And the issued (approved, adjusting, closed) plans of these orgs:
	 * the upper levels' plans flow down. */
	const int64_t *issued_orgs;
	int n_issued_orgs;
	int32_t day;
	/* Filters. */
	bool inbox; /* only the plans sent to the orgs above (all: any sent plan) */
	int64_t owner_org_id;
	int64_t owner_person_id;
	int64_t org_id; /* owned by an org of its subtree, or by a person whose member org is there
			 */
	int year;
	const char *status;
	const char *folded_query; /* folded words, each a prefix; NULL/"" = none */
	int limit;		  /* 1..1000 */
	int offset;
};
/* A page of plans, newest first (by last year, then id); *total counts all
 * matches. */
int store_plan_list(struct store *s, struct arena *a, const struct plan_filter *f,
		    struct plan **out, int *n, int64_t *total, struct kh_error *err) KH_MUST_CHECK;

/* Items of approved or adjusting plans not done, with a deadline that can
 * fall due (date, window, recurring, conditional): for reminders. By plan,
 * then seq; coordinators not filled. */
int store_plan_items_open_issued(struct store *s, struct arena *a, int32_t day,
				 struct plan_item **out, int *n,
				 struct kh_error *err) KH_MUST_CHECK;
/* The issued (approved, adjusting, closed) plans of org_id (collective) or
 * of person_id (individual; 0 = none) that cover any of the years
 * year_from..year_to, newest first. */
int store_plan_ids_issued(struct store *s, struct arena *a, int64_t org_id, int64_t person_id,
			  int year_from, int year_to, int64_t **out, int *n,
			  struct kh_error *err) KH_MUST_CHECK;

#endif
