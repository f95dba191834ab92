/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Storage of report campaigns (migration 8): campaigns with their due days
 * per level and appendix indicators, one report per org and campaign, the
 * filings after the conference; the subtree's reporting orgs, the progress
 * counts of an org's approved plans, the lock of accepted figures and the
 * reminders already sent. No rule lives here: app/report.c decides. Names
 * of orgs are taken as of the day given (else the latest). Every function
 * returns 0 or a negative enum kh_err with err filled.
 */
#ifndef KH_STORE_REPORT_H
#define KH_STORE_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

struct report_campaign_row {
	int64_t id;
	int64_t org_id;
	const char *org_name;
	int org_level;
	const char *kind; /* half_year, annual, mid_term, final */
	int year_from, year_to;
	const char *title;
	const char *number;
	const char *outline;			/* JSON array of section titles */
	int32_t conference_from, conference_to; /* 0 = none */
	const char *after_conference;
	const char *status; /* open, closed */
	int64_t created_by;
	int64_t created_at, updated_at;
};

struct report_row {
	int64_t id;
	int64_t campaign_id;
	int64_t org_id;
	const char *org_name;
	int org_level;
	const char *status; /* draft, submitted, returned, accepted */
	int32_t due_day;
	const char *number;
	const char *body; /* JSON {"sections": [text…]} */
	int64_t submitted_at;
	int32_t submitted_day; /* 0 = never submitted */
	const char *returned_reason;
	int64_t decided_at, decided_by;
	int64_t created_at, updated_at;
};

struct report_filing_row {
	int64_t id;
	int64_t report_id;
	const char *kind; /* adopted_report, resolution */
	int64_t document_id;
	const char *document_number; /* "" without a document */
	const char *document_title;
	const char *sha256; /* "" without a file */
	const char *name;
	int64_t filed_at, filed_by;
};

/* An org of the subtree that may report: a committee or a cell. */
struct report_org {
	int64_t id;
	int level;
	const char *name;
};

/* Counts of the items of an org's approved plans for a period. */
struct report_progress {
	int plans;
	int items;
	int done;
	int done_late;
	int overdue;   /* not done, deadline end before today */
	int due_later; /* not done, not yet due (or without a deadline) */
};

/* A report not yet submitted in an open campaign, due on or before a day. */
struct report_pending {
	int64_t report_id;
	int64_t campaign_id;
	int64_t org_id;
	const char *org_name;
	int64_t upper_org_id; /* the campaign's org */
	const char *campaign_title;
	const char *status;
	int32_t due_day;
};

/* ---- campaigns ---- */

/* Inserts c (id, names ignored); *id receives the new id. */
int store_report_campaign_insert(struct store *s, const struct report_campaign_row *c, int64_t *id,
				 struct kh_error *err) KH_MUST_CHECK;
/* Updates title, number, outline, conference window, after_conference,
 * status and updated_at. */
int store_report_campaign_update(struct store *s, const struct report_campaign_row *c,
				 struct kh_error *err) KH_MUST_CHECK;
int store_report_campaign_get(struct store *s, struct arena *a, int64_t id, int32_t day,
			      struct report_campaign_row *out, struct kh_error *err) KH_MUST_CHECK;
/* Campaigns opened by org_id or in which it has a report (org_id 0: all),
 * newest first. */
int store_report_campaign_list(struct store *s, struct arena *a, int64_t org_id, int32_t day,
			       struct report_campaign_row **out, int *n,
			       struct kh_error *err) KH_MUST_CHECK;
int store_report_due_put(struct store *s, int64_t campaign_id, int level, int32_t due_day,
			 struct kh_error *err) KH_MUST_CHECK;
/* The due days by level, levels ascending (levels[i], days[i]). */
int store_report_due_list(struct store *s, struct arena *a, int64_t campaign_id, int **levels,
			  int32_t **days, int *n, struct kh_error *err) KH_MUST_CHECK;
int store_report_indicator_put(struct store *s, int64_t campaign_id, int64_t indicator_id, int seq,
			       struct kh_error *err) KH_MUST_CHECK;
int store_report_indicator_list(struct store *s, struct arena *a, int64_t campaign_id,
				int64_t **ids, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Whether the indicator exists; *org_id its defining org. */
int store_report_indicator_org(struct store *s, int64_t indicator_id, int64_t *org_id,
			       struct kh_error *err) KH_MUST_CHECK;

/* The committees and cells of root's subtree on day, root excluded, by
 * level then name. */
int store_report_subtree_orgs(struct store *s, struct arena *a, int64_t root, int32_t day,
			      struct report_org **out, int *n, struct kh_error *err) KH_MUST_CHECK;

/* ---- reports ---- */

int store_report_insert(struct store *s, const struct report_row *r, int64_t *id,
			struct kh_error *err) KH_MUST_CHECK;
int store_report_get(struct store *s, struct arena *a, int64_t id, int32_t day,
		     struct report_row *out, struct kh_error *err) KH_MUST_CHECK;
/* The reports of a campaign by org level, then name. */
int store_report_list(struct store *s, struct arena *a, int64_t campaign_id, int32_t day,
		      struct report_row **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Writes number, body, status, submitted_at/day, returned_reason,
 * decided_at/by and updated_at of r. */
int store_report_update(struct store *s, const struct report_row *r,
			struct kh_error *err) KH_MUST_CHECK;
/* Sets indicator_values.locked for org_id's actual figures (year, h1,
 * estimate) of years year_from..year_to of the campaign's indicators. */
int store_report_lock_figures(struct store *s, int64_t campaign_id, int64_t org_id, int year_from,
			      int year_to, bool locked, struct kh_error *err) KH_MUST_CHECK;
/* Item counts of org_id's approved (or adjusting, closed) plans overlapping
 * year_from..year_to, judged on today. */
int store_report_progress(struct store *s, int64_t org_id, int year_from, int year_to,
			  int32_t today, struct report_progress *out,
			  struct kh_error *err) KH_MUST_CHECK;

/* ---- filings ---- */

int store_report_filing_insert(struct store *s, const struct report_filing_row *f, int64_t *id,
			       struct kh_error *err) KH_MUST_CHECK;
int store_report_filing_list(struct store *s, struct arena *a, int64_t report_id,
			     struct report_filing_row **out, int *n,
			     struct kh_error *err) KH_MUST_CHECK;

/* ---- reminders ---- */

/* Reports in open campaigns, status draft or returned, due on or before
 * until, by campaign then org. */
int store_report_pending(struct store *s, struct arena *a, int32_t until, int32_t day,
			 struct report_pending **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* Records a reminder (subject 'report'); *fresh is false when it was
 * already there (nothing written). */
int store_report_reminder_put(struct store *s, int64_t subject_id, const char *stage,
			      int64_t org_id, int32_t day, bool *fresh,
			      struct kh_error *err) KH_MUST_CHECK;

#endif
