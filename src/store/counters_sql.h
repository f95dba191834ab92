/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The conditions of the dashboard counters, as SQL fragments over a row
 * alias (store-internal): the triggers of migration 9
 * (store/schema_counters.c) and the full recount of store/counters.c use
 * the same ones, so what is kept and what is recounted cannot drift apart.
 */
#ifndef KH_STORE_COUNTERS_SQL_H
#define KH_STORE_COUNTERS_SQL_H

/* The due day of item I (NULL when it has none the counters follow). */
#define DUE(I)                                                                           \
	"(CASE WHEN " I ".deadline_kind = 'recurring' THEN NULL ELSE coalesce(" I        \
	".deadline_end, CASE WHEN " I ".event_day IS NOT NULL THEN " I ".event_day + " I \
	".deadline_after_days END) END)"
/* Item I of plan P counts as open and due. */
#define ITEM_OPEN(I, P)                                                                        \
	"(" P ".status IN ('approved', 'adjusting') AND " P ".owner_org_id IS NOT NULL AND " I \
	".progress_state <> 'done' AND " I ".kind <> 'proposal' AND " DUE(I) " IS NOT NULL)"
/* Item I of plan P counts at all (the base of "progress per org"). */
#define ITEM_IN(I, P)                                                                          \
	"(" P ".status IN ('approved', 'adjusting') AND " P ".owner_org_id IS NOT NULL AND " I \
	".kind <> 'proposal')"
/* Plan P is a collective year plan of a committee or cell. */
#define YEAR_PLAN(P)                                                                          \
	"(" P ".scope = 'year' AND " P ".owner_org_id IS NOT NULL AND (SELECT kind FROM orgs" \
	" WHERE id = " P ".owner_org_id) IN ('committee', 'cell'))"
#define APPROVED_IN_TIME(P)                                                                \
	"(" P ".approved_day IS NOT NULL AND " P ".approved_day <= CAST(julianday(printf(" \
	"'%04d-03-31', " P ".year_from)) - 2440587.5 AS INTEGER))"
#define REPORT_OPEN(R)                                                                    \
	"(" R ".status IN ('draft', 'returned') AND (SELECT status FROM report_campaigns" \
	" WHERE id = " R ".campaign_id) = 'open')"
#define REPORT_LATE(R) \
	"(" R ".status IN ('submitted', 'accepted') AND " R ".submitted_day > " R ".due_day)"

#endif
