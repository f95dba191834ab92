/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Report campaigns (DESIGN.md §1 "Operating the plans", issue 5): an upper
 * org — whoever keeps the plans of a committee (a position in it or in its
 * Văn phòng; admins, the system) — opens a campaign for its subtree: kind
 * (6-month, annual, mid-term, final), the years, title, number, an outline
 * of sections (a default per kind, editable), the appendix indicators, a
 * due day per org level, the conference window and what must be filed
 * after the conference. Opening creates in one transaction one report for
 * every current committee and cell of the subtree at a level with a due
 * day, and one for the campaign's org itself: its own report, which
 * compiles the subtree (the appendix rolled up by each indicator's rule,
 * per child, and the list of the late and missing).
 *
 * Each org drafts its report by the outline — the first section pre-filled
 * with the progress of its approved plans of the period — fills its
 * appendix figures (app/indicator.h) and submits; the upper org accepts
 * (locking the org's figures of the campaign's indicators and years) or
 * returns it with a reason, and may reopen an accepted one (the figures
 * unlocked, the report back with the org). Timeliness per org: on time,
 * late, missing (past due, not submitted), returned, pending (not yet
 * due). After the conference the org files the adopted report and the
 * resolution (documents of the register). Every write is audited.
 *
 * Results are allocated in ctx->arena.
 */
#ifndef KH_APP_REPORT_H
#define KH_APP_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/indicator.h"
#include "store/report.h"

#define REPORT_SECTIONS_MAX 30
#define REPORT_SECTION_TITLE_MAX 300
#define REPORT_SECTION_TEXT_MAX 20000
#define REPORT_REASON_MAX 2000

/* "half_year" → "Báo cáo 6 tháng", "annual" → "Báo cáo năm", "mid_term" →
 * "Sơ kết giữa nhiệm kỳ", "final" → "Tổng kết"; NULL for another kind. */
const char *app_report_kind_label(const char *kind);
/* The built-in outline of a kind (section titles with their numbers). */
void app_report_default_outline(const char *kind, const char *const **out, int *n);

enum report_timeliness {
	REPORT_PENDING,	 /* not submitted, not yet due */
	REPORT_ON_TIME,	 /* submitted (or accepted) on or before the due day */
	REPORT_LATE,	 /* submitted after the due day */
	REPORT_MISSING,	 /* past due, not submitted */
	REPORT_RETURNED, /* returned for revision */
};
/* "pending", "on_time", "late", "missing", "returned". */
const char *report_timeliness_name(enum report_timeliness t);
/* "Chưa đến hạn", "Đúng hạn", "Muộn", "Chưa nộp (quá hạn)", "Trả lại". */
const char *report_timeliness_label(enum report_timeliness t);
/* "Đang soạn", "Đã gửi", "Trả lại", "Đã chấp nhận". */
const char *report_status_label(const char *status);

struct report_due_level {
	int level;
	const char *level_label;
	int32_t due_day;
};

struct report_counts {
	int total; /* reports of the subtree (the campaign org's own excluded) */
	int pending, on_time, late, missing, returned;
	int submitted, accepted; /* by status */
};

struct report_campaign {
	struct report_campaign_row row;
	const char *kind_label;
	const char **outline; /* section titles */
	int n_outline;
	struct report_due_level *due;
	int n_due;
	int64_t *indicator_ids;
	int n_indicators;
	bool can_manage;	     /* the actor keeps the campaign org's plans */
	struct report_counts counts; /* filled by app_report_campaign_list */
};

struct report {
	struct report_row row;
	enum report_timeliness timeliness;
	bool own; /* the campaign org's own (compiled) report */
};

struct report_campaign_status {
	struct report_campaign c;
	struct report *rows; /* the reports the actor may read, own first */
	int n_rows;
	struct report_counts counts;
	int64_t own_report_id;
};

struct report_campaign_input {
	int64_t org_id;
	const char *kind;
	int year_from, year_to;
	const char *title;	    /* "" = from the kind and years */
	const char *number;	    /* "" = none */
	const char *const *outline; /* NULL (n_outline 0) = the default of the kind */
	int n_outline;
	const int64_t *indicator_ids;
	int n_indicators;
	const int *due_levels;
	const int32_t *due_days;
	int n_due;
	int32_t conference_from, conference_to; /* 0 = none */
	const char *after_conference;		/* "" = none */
};

/* Opens a campaign; *id receives it. KH_EFORBIDDEN unless the actor keeps
 * the org's plans; KH_EINVAL naming the field (kind, years, a due day for
 * at least one level below the org, outline sections, indicators visible
 * to the org, the conference window). */
int app_report_campaign_open(struct app_ctx *ctx, const struct report_campaign_input *in,
			     int64_t *id, struct kh_error *err) KH_MUST_CHECK;
/* The campaign when the actor reads its org or one of its reports. */
int app_report_campaign_get(struct app_ctx *ctx, int64_t id, struct report_campaign *out,
			    struct kh_error *err) KH_MUST_CHECK;
/* The campaigns opened by org_id or where it reports (org_id 0: every
 * campaign the actor may read), newest first. */
int app_report_campaign_list(struct app_ctx *ctx, int64_t org_id, struct report_campaign **out,
			     int *n, struct kh_error *err) KH_MUST_CHECK;
/* The status page: the campaign, the reports the actor may read with their
 * timeliness, the counts over the whole subtree. */
int app_report_campaign_status(struct app_ctx *ctx, int64_t id, struct report_campaign_status *out,
			       struct kh_error *err) KH_MUST_CHECK;
/* Closes (or opens again) a campaign; its manager only. */
int app_report_campaign_close(struct app_ctx *ctx, int64_t id, bool closed,
			      struct kh_error *err) KH_MUST_CHECK;

/* One child's figure for an appendix indicator (the compiled report). */
struct report_breakdown {
	int64_t indicator_id;
	struct indicator_children children;
};

struct report_view {
	struct report r;
	struct report_campaign c;
	const char **sections; /* texts, one per outline section */
	int n_sections;
	bool prefilled;			 /* the texts are the suggested ones, not yet saved */
	struct report_progress progress; /* the org's plans of the period */
	const char *progress_text;	 /* the same in one Vietnamese paragraph */
	const char *figure_period;	 /* "h1", "estimate" or "year" */
	int figure_year;
	bool has_appendix;
	struct indicator_table appendix;    /* the org's figures of the indicators */
	struct report_breakdown *breakdown; /* own report: per indicator, per child */
	int n_breakdown;
	struct report *late; /* own report: reports late, missing or returned */
	int n_late;
	struct report_counts counts; /* own report: of the subtree */
	struct report_filing_row *filings;
	int n_filings;
	/* Rights of the actor. */
	bool can_edit;	 /* draft or returned, the actor keeps the org's plans */
	bool can_submit; /* can_edit and not the own report */
	bool can_decide; /* submitted, the actor keeps the campaign org's plans */
	bool can_reopen; /* accepted, idem */
	bool can_file;	 /* the actor keeps the org's plans */
};

/* A report with its campaign; KH_EFORBIDDEN unless the actor reads the
 * report's org or keeps the campaign org's plans. */
int app_report_get(struct app_ctx *ctx, int64_t id, struct report_view *out,
		   struct kh_error *err) KH_MUST_CHECK;
/* Saves the number and the section texts (n must be the outline's length;
 * NULL sections keep the number only). */
int app_report_save(struct app_ctx *ctx, int64_t id, const char *number,
		    const char *const *sections, int n, struct kh_error *err) KH_MUST_CHECK;
int app_report_submit(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;
int app_report_accept(struct app_ctx *ctx, int64_t id, struct kh_error *err) KH_MUST_CHECK;
/* Returns a submitted report for revision; reason required. */
int app_report_return(struct app_ctx *ctx, int64_t id, const char *reason,
		      struct kh_error *err) KH_MUST_CHECK;
/* Reopens an accepted report (back to the org as returned, figures
 * unlocked); reason optional. */
int app_report_reopen(struct app_ctx *ctx, int64_t id, const char *reason,
		      struct kh_error *err) KH_MUST_CHECK;
/* Files a document of the register after the conference: kind
 * "adopted_report" or "resolution". */
int app_report_file(struct app_ctx *ctx, int64_t id, const char *kind, int64_t document_id,
		    const char *name, struct kh_error *err) KH_MUST_CHECK;
/* Files an uploaded file instead (the adopted report as signed, scanned):
 * checked and stored content-addressed beside the database by
 * app_file_save (app/progress.h: PDF, DOCX, XLSX, JPEG, PNG or text, size
 * limited), recorded in the same transaction as the filing. */
int app_report_file_upload(struct app_ctx *ctx, int64_t id, const char *kind, const char *file_name,
			   const void *data, size_t len, struct kh_error *err) KH_MUST_CHECK;
/* An uploaded filing of a report for download (whoever reads the report):
 * its name, type and size in out, path the file on disk (ctx->arena).
 * KH_ENOTFOUND for another report's filing or one without a file. */
int app_report_filing_file(struct app_ctx *ctx, int64_t id, int64_t filing_id,
			   struct report_filing_row *out, const char **mime, int64_t *size,
			   const char **path, struct kh_error *err) KH_MUST_CHECK;

/* Sends the due reminders: for each org with a report due in 7 days, in 1
 * day or overdue and not submitted, one digest notification per org per
 * run; the campaign org gets one digest of its late and missing. Each
 * (report, stage, org) is sent once (the reminders table). *n_sent
 * receives the notifications written. */
int app_report_remind(struct app_ctx *ctx, int *n_sent, struct kh_error *err) KH_MUST_CHECK;

/* The report as an official document ("BÁO CÁO"), format "docx" or "pdf";
 * *bytes (caller frees), *filename in ctx->arena. */
int app_report_export(struct app_ctx *ctx, int64_t id, const char *format, char **bytes,
		      size_t *len, const char **filename, struct kh_error *err) KH_MUST_CHECK;
/* The campaign's opening letter (công văn) as "docx" or "pdf". */
int app_report_letter(struct app_ctx *ctx, int64_t campaign_id, const char *format, char **bytes,
		      size_t *len, const char **filename, struct kh_error *err) KH_MUST_CHECK;

/* The demo's campaign (app/demo_reports.c): the Tỉnh ủy's six-month report
 * of 2026, opened on 25 May, one commune accepted, one returned, one late,
 * the rest missing — each step through the use cases with the clock at its
 * day (none after ctx->today). System actor, inside or outside the demo
 * loader's transaction. *n_campaigns counts the campaigns made. */
int app_demo_reports(struct app_ctx *ctx, int *n_campaigns, struct kh_error *err) KH_MUST_CHECK;

/* JSON shapes of the API (docs/API.md). */
json_t *app_report_campaign_json(const struct report_campaign *c);
json_t *app_report_json(const struct report *r);
json_t *app_report_counts_json(const struct report_counts *k);
json_t *app_report_view_json(const struct report_view *v);

#endif
