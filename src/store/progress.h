/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The SQL of progress (migration 6, store/schema_progress.c): reports of
 * progress and their evidence, the files table, an item's progress figures
 * and conditional event, the fan-out of assigned items, and the reminders
 * already sent. No business rules: app/progress.c decides.
 */
#ifndef KH_STORE_PROGRESS_H
#define KH_STORE_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "store/store.h"

/* The path the database was opened with ("" when unknown). */
const char *store_db_path(struct store *s);

struct store_progress_row {
	int64_t id;
	int64_t item_id;
	int64_t org_id; /* 0 = the lead */
	const char *org_name;
	int32_t occurrence_end; /* 0 = none */
	const char *state;
	int percent;
	int32_t day;
	const char *note;
	int64_t created_by;
	const char *created_by_name; /* the person's name, else the username */
	int64_t created_at;
};

int store_progress_insert(struct store *s, const struct store_progress_row *r, int64_t *id,
			  struct kh_error *err) KH_MUST_CHECK;
/* Every report of an item, newest first (org names as of day). */
int store_progress_list(struct store *s, struct arena *a, int64_t item_id, int32_t day,
			struct store_progress_row **out, int *n,
			struct kh_error *err) KH_MUST_CHECK;
/* The lead's latest report (the latest occurrence first, then the latest
 * written); *found false when none. */
int store_progress_lead_latest(struct store *s, struct arena *a, int64_t item_id,
			       struct store_progress_row *out, bool *found,
			       struct kh_error *err) KH_MUST_CHECK;
/* Sets the item's figures (state, percent, day, done_day; 0 days = NULL). */
int store_progress_item_set(struct store *s, int64_t item_id, const char *state, int percent,
			    int32_t day, int32_t done_day, int64_t now,
			    struct kh_error *err) KH_MUST_CHECK;
/* Sets (day > 0) or clears the event day of a conditional deadline. */
int store_progress_event_set(struct store *s, int64_t item_id, int32_t day, int64_t now,
			     struct kh_error *err) KH_MUST_CHECK;

/* The occurrences of recurring items that the lead's latest report for that
 * occurrence says done: pairs (item_id, occurrence_end), for one item
 * (item_id > 0) or every item of a plan (plan_id > 0). */
struct store_done_end {
	int64_t item_id;
	int32_t end;
};
int store_progress_done_ends(struct store *s, struct arena *a, int64_t item_id, int64_t plan_id,
			     struct store_done_end **out, int *n,
			     struct kh_error *err) KH_MUST_CHECK;

/* ---- files ---- */

struct store_file {
	const char *sha256;
	const char *name; /* for evidence: the name given at upload */
	const char *mime;
	int64_t size;
	int64_t progress_id;
};
/* Records a content (no-op when known). */
int store_file_put(struct store *s, const char *sha256, int64_t size, const char *mime, int64_t now,
		   struct kh_error *err) KH_MUST_CHECK;
/* KH_ENOTFOUND when unknown. */
int store_file_get(struct store *s, struct arena *a, const char *sha256, struct store_file *out,
		   struct kh_error *err) KH_MUST_CHECK;
int store_evidence_put(struct store *s, int64_t progress_id, const char *sha256, const char *name,
		       struct kh_error *err) KH_MUST_CHECK;
/* The evidence of every report of an item (progress_id set), by report. */
int store_evidence_of_item(struct store *s, struct arena *a, int64_t item_id,
			   struct store_file **out, int *n, struct kh_error *err) KH_MUST_CHECK;
/* The plans whose items have a report with this file as evidence, and the
 * name it was given first. */
int store_evidence_plans(struct store *s, struct arena *a, const char *sha256, int64_t **plans,
			 int *n, const char **name, struct kh_error *err) KH_MUST_CHECK;

/* ---- assignments ---- */

/* Records that item_id is assigned to org_id (kept when known); sets
 * answer_item_id when given and none is recorded. */
int store_assignment_put(struct store *s, int64_t item_id, int64_t org_id, int64_t answer_item_id,
			 int64_t now, struct kh_error *err) KH_MUST_CHECK;
/* Removes the assignments of an item that have no answer recorded (before
 * they are written again when an adjusted plan is issued). */
int store_assignments_unanswered_clear(struct store *s, int64_t item_id,
				       struct kh_error *err) KH_MUST_CHECK;
/* Sets the answer of org_id to upper_item_id when the assignment exists and
 * has none. */
int store_assignment_answer(struct store *s, int64_t upper_item_id, int64_t org_id,
			    int64_t answer_item_id, struct kh_error *err) KH_MUST_CHECK;

struct store_assignment {
	int64_t item_id; /* the upper item */
	int64_t org_id;
	const char *org_name;
	int64_t answer_item_id; /* recorded, else an item of the org's plans with
				   upper_item_id = item_id; 0 = none */
	int64_t answer_plan_id;
};
/* The assignments of one org (org_id > 0), newest upper item first, or of
 * one upper item (item_id > 0), by org name. */
int store_assignments(struct store *s, struct arena *a, int64_t org_id, int64_t item_id,
		      int32_t day, struct store_assignment **out, int *n,
		      struct kh_error *err) KH_MUST_CHECK;

/* For each item of a plan assigned to other orgs: how many orgs, and how
 * many have answered (recorded, or an item of the org's plans implementing
 * it). Rows (item_id, assigned, answered) by item. */
struct store_assign_count {
	int64_t item_id;
	int assigned, answered;
};
int store_assignment_counts(struct store *s, struct arena *a, int64_t plan_id,
			    struct store_assign_count **out, int *n,
			    struct kh_error *err) KH_MUST_CHECK;

/* Removes what points at an item about to be deleted: its reports and their
 * evidence links, its assignments, and its being an answer. */
int store_progress_forget_item(struct store *s, int64_t item_id,
			       struct kh_error *err) KH_MUST_CHECK;
/* The same for every item of a plan about to be deleted. */
int store_progress_forget_plan(struct store *s, int64_t plan_id,
			       struct kh_error *err) KH_MUST_CHECK;

/* ---- reminders ---- */

/* Marks (subject, subject_id, stage, org_id) reminded on day; *fresh is
 * true when it was not yet (the reminder is to be sent). */
int store_reminder_mark(struct store *s, const char *subject, int64_t subject_id, const char *stage,
			int64_t org_id, int32_t day, bool *fresh,
			struct kh_error *err) KH_MUST_CHECK;

#endif
