/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The dashboard counters (migration 9): the closure of the current tree and
 * per-org sums over each subtree, kept by triggers; rebuilt here when the
 * tree changed, recounted from the rows to check them, and read per org and
 * child, with the rows behind each count.
 */
#ifndef KH_STORE_COUNTERS_H
#define KH_STORE_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* Whether the counters must be rebuilt before they are read on day today:
 * the tree changed since (counters.dirty), or the tree as of today differs
 * from the one of the day they were built (an org or a version starts or
 * ends in between). Inside a transaction. */
int store_counters_stale(struct store *s, int32_t today, bool *stale,
			 struct kh_error *err) KH_MUST_CHECK;

/* Rebuilds the closure of the tree as of day today and recounts every
 * counter from the rows. Inside a write transaction. */
int store_counters_rebuild(struct store *s, int32_t today, struct kh_error *err) KH_MUST_CHECK;

/* Compares the kept counters with a full recount (rows with 0 count as
 * absent): *n_diff is the number of (org, metric, key) that differ. Inside a
 * write transaction (the recount goes to a temporary table). */
int store_counters_check(struct store *s, int *n_diff, struct kh_error *err) KH_MUST_CHECK;

/* The counts of one org's subtree, for one year and day. */
struct dash_counts {
	int64_t org_id;
	int depth;    /* 0: the org asked for, 1: a child */
	int orgs;     /* committees and cells */
	int plans;    /* of them, with a collective plan of the year */
	int plans_ok; /* ... approved by 31 March */
	int items, items_done;
	int overdue, due_soon; /* open items due before today / within 7 days */
	int requests_open;
	int reports_missing, reports_pending; /* open reports due before / from today */
	int reports_late;		      /* submitted after their due day */
};

/* The counts of org_id (depth 0) and of each of its current children
 * (depth 1), in the closure's order. */
int store_dash_counts(struct store *s, struct arena *a, int64_t org_id, int year, int32_t today,
		      struct dash_counts **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* What is behind a count. */
enum dash_list {
	DASH_PLANS_MISSING,
	DASH_PLANS_LATE,
	DASH_ITEMS_OVERDUE,
	DASH_ITEMS_DUE_SOON,
	DASH_REQUESTS_OPEN,
	DASH_REPORTS_MISSING,
	DASH_REPORTS_LATE,
};

struct dash_row {
	int64_t org_id;
	const char *org_name; /* as of today */
	int64_t plan_id;      /* 0 when none */
	const char *plan_title;
	int64_t item_id;  /* items; the comment for requests; the report for reports */
	const char *text; /* the item's or request's text, the campaign's title */
	int32_t day;	  /* the due day (items, reports), the request's day; 0 = none */
};

/* Up to limit rows behind list in org_id's subtree, the oldest due first
 * (orgs by depth). year: plans; today: what is overdue, due soon, late. */
int store_dash_rows(struct store *s, struct arena *a, int64_t org_id, enum dash_list list, int year,
		    int32_t today, int limit, struct dash_row **out, int *n,
		    struct kh_error *err) KH_MUST_CHECK;

#endif
