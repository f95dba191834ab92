/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Editing a plan's items in bulk with Excel: the user downloads the item
 * list as XLSX (app_plan_export "xlsx", the template of export/xlsx.h),
 * edits it, and uploads it again; app_plan_sheet_apply() checks it and
 * applies it.
 *
 * The file must be our template for this plan: the hidden sheet carries
 * the template version and the plan id, the item sheet the headers in
 * their order (the header row may have moved down a few rows). Then EVERY
 * row is checked before anything is applied — the Mã (item id) must be an
 * item of this plan and appear once, Loại and Nhóm one of the labels (or
 * the API names), Nội dung not empty, Phần 1, 2 or 3, each text within the
 * limits of struct plan_item_input and free of control characters — and
 * each error names its row and column: "Dòng 7, cột Loại: «Nhiệm vu» không
 * phải một loại nội dung". Empty rows are skipped; TT and Hiểu là are for
 * reading only. Only when every row is valid are the rows applied, in ONE
 * transaction, through the plan use cases (their rules, validation and
 * audit): a row whose cells differ from the item updates the changed
 * fields, a row without Mã creates an item placed after the row above it.
 * Items absent from the file are never deleted: they are reported as kept
 * ("Không có trong tệp: giữ nguyên"). A changed Chủ trì is kept as written
 * (the link to a lead org or person is dropped: choose one on the plan page
 * again); a changed Phối hợp drops the matched coordinator orgs likewise;
 * a changed Thời gian hoàn thành is parsed again. Numbers Excel made of a
 * typed date in Thời gian hoàn thành (a serial day) are read back as the
 * date dd/mm/yyyy.
 *
 * Who may: whoever may edit the plan's items now (app/plan.h): the owner
 * side, while the plan is a draft, out for comment or adjusting — an
 * approved plan is refused (KH_ECONFLICT) with the plans' usual message.
 * A dry run checks and applies the rows inside the transaction, reports
 * what would change, and rolls back. One audit entry "plan.sheet" sums the
 * upload, besides the items' own entries.
 */
#ifndef KH_APP_PLAN_SHEET_H
#define KH_APP_PLAN_SHEET_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

/* Upload size bound (the web's large-body limit is above it). */
#define PLAN_SHEET_MAX_BYTES (16u * 1024 * 1024)

struct sheet_row {
	int row;	     /* the row in the sheet as Excel numbers it; 0 for a kept item */
	int64_t item_id;     /* the item; 0 for a new row not (yet) created */
	const char *action;  /* "update", "create", "unchanged", "error", "kept" */
	const char *message; /* Vietnamese: the error(s), what changes, or "" */
	const char *text;    /* the row's Nội dung (or the kept item's text) */
};

struct sheet_report {
	struct sheet_row *rows; /* in sheet order, then the kept items */
	int n_rows;
	int n_updated, n_created, n_unchanged, n_errors, n_kept;
	bool applied; /* false for a dry run or when refused */
};

/* Checks and applies the XLSX file bytes[0..len) to plan plan_id (see
 * above). Returns 0 with out filled (ctx->arena); KH_EINVAL with out listing
 * each row's errors when any row is wrong (nothing applied), or with no rows
 * when the file is not our template for this plan (err says why);
 * KH_ENOTFOUND, KH_EFORBIDDEN, KH_ECONFLICT as the plan use cases;
 * KH_ETOOBIG for a file or a sheet past the bounds. */
int app_plan_sheet_apply(struct app_ctx *ctx, int64_t plan_id, const void *bytes, size_t len,
			 bool dry_run, struct sheet_report *out,
			 struct kh_error *err) KH_MUST_CHECK;

/* The report as the API gives it: {"rows", "updated", "created",
 * "unchanged", "errors", "kept", "applied", "results": [{"row", "item_id",
 * "action", "message", "text"}]}. */
json_t *app_sheet_report_json(const struct sheet_report *rep);

#endif
