/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Progress of plan items (issue 5, DESIGN.md "Operating the plans",
 * "Deadlines"): reports of progress, the states derived from the deadline,
 * evidence files, conditional deadlines' events, the fan-out of items
 * assigned to groups, and summaries for reports and dashboards.
 *
 * Reporting. A report (state not_started / in_progress / done / stalled,
 * percent 0..100, day, note, evidence files) is a row of the item's
 * history. The lead reports the item (whoever acts for the lead org — for a
 * group lead, for the group's parent org —, the lead person, or the owner
 * side of the plan); each coordinator org reports its own part (org_id set).
 * The lead and the coordinators see the item's progress page even when they
 * do not otherwise read the plan.
 * For a recurring duty a report names the occurrence it is for
 * (occurrence_end: the last day of the month, quarter, half or year). The
 * item's own figures (progress_state, progress_percent, progress_day) are
 * the lead's latest report (of the latest occurrence for a recurring duty);
 * done_day is the first day reported done and is cleared when the lead
 * reopens it. Only on approved or adjusting plans. Every write is audited
 * ("item.progress", "item.event").
 *
 * Derived state on a day `on` (app_progress_derive):
 *  - date, window: due = the end; done on time when done_day <= due, done
 *    late otherwise; not done: overdue after due, due soon within
 *    DEADLINE_SOON_DAYS of it, not due before;
 *  - open start ("từ tháng 5/2012 trở đi"): an ongoing duty with no last
 *    day — never overdue, never "late"; done is plain done;
 *  - recurring with a period (monthly, quarterly, half-yearly, yearly):
 *    each occurrence is due at its last day (deadline_due); an occurrence
 *    is done when a lead report with its occurrence_end says done. The item
 *    is overdue when any occurrence that ended before `on` (from the later
 *    of the duty's start and the plan's first day) is not done, due soon
 *    when the current one ends within 7 days and is not done; otherwise not
 *    due (or done on time when the current occurrence is done). "Thường
 *    xuyên" (regular, no period) has no occurrences: never overdue;
 *  - conditional: no due day until the event is recorded
 *    (app_progress_event); then due = event_day + after_days (after_days 0:
 *    the event day itself) and it behaves as a date;
 *  - none: no due day; done or not, never overdue.
 *
 * Results are allocated in ctx->arena.
 */
#ifndef KH_APP_PROGRESS_H
#define KH_APP_PROGRESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "app/app.h"
#include "core/model.h"

#define PROGRESS_NOTE_MAX 5000
#define PROGRESS_FILES_MAX 10		   /* evidence files per report */
#define PROGRESS_FILE_MAX_DEFAULT 20000000 /* bytes; setting "evidence.max_bytes" */
#define PROGRESS_FILE_MAX_LIMIT 20000000   /* what the server's upload limit lets through */

/* The state an item is in on a day, derived from its reported figures and
 * its deadline. */
enum progress_derived {
	PROGRESS_NO_DUE = 0,   /* not done, no due day (none, open start, regular,
				  conditional without its event) */
	PROGRESS_NOT_DUE,      /* not done, due later than 7 days from now */
	PROGRESS_DUE_SOON,     /* not done, due within 7 days (today included) */
	PROGRESS_OVERDUE,      /* not done, due day passed (or an occurrence missed) */
	PROGRESS_DONE_ON_TIME, /* done on or before the due day */
	PROGRESS_DONE_LATE,    /* done after the due day */
	PROGRESS_DONE	       /* done, no due day to compare with */
};
/* "no_due", "not_due", "due_soon", "overdue", "done_on_time", "done_late",
 * "done". */
const char *progress_derived_name(enum progress_derived d);
/* "Chưa xác định hạn", "Chưa đến hạn", "Sắp đến hạn", "Quá hạn", "Hoàn
 * thành đúng hạn", "Hoàn thành muộn", "Hoàn thành". */
const char *progress_derived_label(enum progress_derived d);
/* Vietnamese label of a reported state: "Chưa thực hiện", "Đang thực hiện",
 * "Hoàn thành", "Tạm dừng, vướng mắc"; "" when unknown. */
const char *progress_state_label(const char *state);
/* True for "not_started", "in_progress", "done", "stalled". */
bool progress_state_valid(const char *state);

/* The derived state of one item and what it was derived from. */
struct progress_derivation {
	enum progress_derived derived;
	int32_t due;		/* the effective due day on `on` (0 = none) */
	int occurrences_due;	/* recurring: occurrences ended before `on` */
	int occurrences_missed; /* recurring: of those, not reported done */
	int32_t occurrence_end; /* recurring: the current occurrence's last day */
	bool occurrence_done;	/* recurring: the current occurrence is done */
};

/* Pure: derives the state of `it` on day `on` from its deadline fields,
 * deadline_after_days/event_day, progress_state and done_day. For a
 * recurring duty, done_ends[0..n_done) are the occurrence_end days the lead
 * reported done; from (the plan's first day, may be 0) bounds the first
 * occurrence counted. */
void progress_derive(const struct plan_item *it, int32_t on, int32_t from, const int32_t *done_ends,
		     int n_done, struct progress_derivation *out);

/* ---- summaries (reports pre-fill, dashboards) ---- */

/* One item in a summary. */
struct progress_item_summary {
	struct plan_item item; /* with progress_state, progress_percent, done_day */
	struct progress_derivation d;
};

/* Counts partition the items: every item is in exactly one of done_on_time
 * (also done with no due day), done_late, overdue, in_progress (in progress,
 * stalled, or not started but not yet due… see below), not_started.
 *   - done (done_day <= on): done_on_time or done_late (PROGRESS_DONE counts
 *     as on time);
 *   - else overdue when derived overdue;
 *   - else in_progress when the reported state is in_progress, stalled, or
 *     done (an earlier occurrence of a recurring duty: the current one is
 *     still open);
 *   - else not_started.
 * due_soon and stalled are extra counts (overlapping the above). */
struct progress_summary {
	int n_items;
	int done_on_time, done_late, overdue, in_progress, not_started;
	int due_soon, stalled;
	int percent_mean; /* mean of progress_percent, 0..100 (0 when no items) */
	struct progress_item_summary *items; /* NULL when the query asked for counts only */
	int n;
};

struct progress_query {
	int64_t plan_id;   /* one plan; or */
	int64_t org_id;	   /* the collective plans owned by this org that are issued
			      (approved, adjusting, closed) and cover the period's years; or */
	int64_t person_id; /* the individual plans of this person, the same way (only
			      those the actor may read) */
	int32_t from, to;  /* the period (day numbers, inclusive); to = 0: ctx->today.
			      States are derived on `to` (or today when earlier);
			      from bounds recurring occurrences (0: the plan's start) */
	bool with_items;   /* fill items[] */
	bool tasks_only;   /* only items of kind task (not indicators, proposals) */
};

/* Summarizes the items of one plan (readable by the actor) or of an org's
 * issued plans (the actor reads the org) for a period. KH_EINVAL without a
 * plan or an org; KH_EFORBIDDEN / KH_ENOTFOUND as app_plan_get. */
int app_progress_summary(struct app_ctx *ctx, const struct progress_query *q,
			 struct progress_summary *out, struct kh_error *err) KH_MUST_CHECK;

/* ---- reporting ---- */

struct progress_file_input {
	const char *name; /* as uploaded (shown; "" = "tep") */
	const void *data;
	size_t len;
};

struct progress_input {
	const char *state; /* required */
	int percent;	   /* 0..100; done with 0 = 100 */
	int32_t day;	   /* 0 = ctx->today; not after today */
	const char *note;
	int64_t org_id;		/* 0 = the lead's report; else a coordinator org's part */
	int32_t occurrence_end; /* recurring: the occurrence (0 = the one holding day) */
	const struct progress_file_input *files;
	int n_files;
};

struct progress_file {
	const char *sha256; /* 64 hex digits */
	const char *name;
	const char *mime;
	int64_t size;
};

/* One report of the history. */
struct progress_report {
	int64_t id;
	int64_t item_id;
	int64_t org_id; /* 0 = the lead */
	const char *org_name;
	int32_t occurrence_end;
	const char *state;
	int percent;
	int32_t day;
	const char *note;
	int64_t created_by;
	const char *created_by_name;
	int64_t created_at;
	struct progress_file *files;
	int n_files;
};

/* Who may report what on an item. */
struct progress_rights {
	bool read;
	bool lead;	    /* may report as the lead */
	int64_t *part_orgs; /* coordinator orgs the actor may report for */
	int n_part_orgs;
};

/* Records a report of progress. KH_EFORBIDDEN when the actor may not report
 * for that side; KH_ECONFLICT when the plan is not approved or adjusting;
 * KH_EINVAL for a bad state, percent, day, file (type, size). Files are
 * written beside the database (app/runtime) before the transaction and
 * recorded in it. */
int app_progress_report(struct app_ctx *ctx, int64_t item_id, const struct progress_input *in,
			struct progress_report *out, struct kh_error *err) KH_MUST_CHECK;

/* The item's history of reports, newest first, with their files, and the
 * item (with its derivation on ctx->today) and the actor's rights. */
struct progress_view {
	struct plan_item item;
	struct plan plan;
	struct progress_derivation d;
	struct progress_rights rights;
	struct progress_report *reports;
	int n_reports;
};
int app_progress_get(struct app_ctx *ctx, int64_t item_id, struct progress_view *out,
		     struct kh_error *err) KH_MUST_CHECK;

/* Records (day > 0) or clears (day 0) the event of a conditional deadline:
 * the owner side of the plan or the lead. KH_ECONFLICT for an item whose
 * deadline is not conditional. */
int app_progress_event(struct app_ctx *ctx, int64_t item_id, int32_t day, struct plan_item *out,
		       struct kh_error *err) KH_MUST_CHECK;

/* Checks an uploaded file (not empty, at most the setting
 * "evidence.max_bytes" — PROGRESS_FILE_MAX_DEFAULT — bytes: KH_ETOOBIG;
 * PDF, DOCX, XLSX, JPEG, PNG or UTF-8 plain text by its first bytes, else
 * KH_EINVAL) and writes it content-addressed beside the database
 * ("<db>.files/ab/cdef…", by SHA-256; temp file + rename). out gets the
 * hash, the cleaned name, the type and the size. Call before the write
 * transaction; the caller records store_file_put() inside it (reports'
 * attachments may use this too). */
int app_file_save(struct app_ctx *ctx, const char *name, const void *data, size_t len,
		  struct progress_file *out, struct kh_error *err) KH_MUST_CHECK;

/* An evidence file of an item for download: the actor must read the item's
 * plan and the file must be evidence of one of its reports (KH_ENOTFOUND
 * otherwise, also for a malformed hash). path is the file on disk (arena). */
int app_progress_file(struct app_ctx *ctx, int64_t item_id, const char *sha256,
		      struct progress_file *out, const char **path,
		      struct kh_error *err) KH_MUST_CHECK;

/* ---- group fan-out ---- */

/* One upper item assigned to an org. */
struct progress_assignment {
	struct plan_item item; /* the upper plan's item */
	const char *plan_title;
	int64_t org_id;
	const char *org_name;
	int64_t answer_item_id; /* 0 = not answered */
	int64_t answer_plan_id;
	const char *answer_state; /* the answering item's progress_state ("" none) */
	int answer_percent;
	struct progress_derivation d; /* the answering item's, else the upper item's */
};
/* The items of upper plans assigned to org_id (the actor reads it), newest
 * plan first. */
int app_progress_assignments(struct app_ctx *ctx, int64_t org_id, struct progress_assignment **out,
			     int *n, struct kh_error *err) KH_MUST_CHECK;
/* The orgs an item is assigned to, each with its answer and progress. */
int app_progress_item_assignments(struct app_ctx *ctx, int64_t item_id,
				  struct progress_assignment **out, int *n,
				  struct kh_error *err) KH_MUST_CHECK;

/* ---- JSON ---- */

/* {"state","state_label","percent","day","done_day","derived","derived_label",
 * "due","event_day","after_days"} */
json_t *app_progress_json(const struct plan_item *it, const struct progress_derivation *d);
json_t *app_progress_report_json(const struct progress_report *r);

/* ---- demo ---- */

/* The demo's progress on the Tỉnh ủy's programme (app/demo_progress.c):
 * reports as of their days (done on time, done late, overdue with evidence,
 * in progress). Call from the demo loader after app_demo_plans(), inside
 * its transaction; *n_reports receives the reports written. */
int app_demo_progress(struct app_ctx *ctx, int *n_reports, struct kh_error *err) KH_MUST_CHECK;

/* The size limit of an evidence file (setting "evidence.max_bytes"), and
 * setting it (administrators; 1 .. PROGRESS_FILE_MAX_LIMIT bytes; audited). */
int app_progress_evidence_max(struct app_ctx *ctx, int64_t *bytes,
			      struct kh_error *err) KH_MUST_CHECK;
int app_progress_set_evidence_max(struct app_ctx *ctx, int64_t bytes,
				  struct kh_error *err) KH_MUST_CHECK;

#endif
