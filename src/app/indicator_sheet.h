/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * An org's indicator figures of one year through Excel: the download
 * (export/indicator_sheet.h's template) and the upload of the same file
 * after editing.
 *
 * The file must be our template for this org (the hidden sheet carries the
 * template version, the org id and the year; the header row may have moved
 * down a few rows). Then EVERY row is checked before anything is applied —
 * the Mã must be an indicator of the org's table and appear once; each
 * figure cell empty or a number ("12", "12.5", "12,5", "1.234,5"); the
 * baseline year a year up to the end of the term, required with a baseline;
 * figures of the year only when the year lies in the indicator's term; a
 * changed figure not locked by a report — and each error names its row and
 * column ("Dòng 7, cột Thực hiện năm: «mười» không phải là số"). An empty
 * cell clears the org's entered figure. Only when every row is valid are
 * the changes applied, in ONE transaction, through app_indicator_set_values
 * (its rules and audit), plus one audit entry "indicator.sheet". Rows
 * absent from the file are kept. A dry run checks and reports, writing
 * nothing.
 *
 * Who may: download — whoever reads the org; upload — whoever acts for it.
 */
#ifndef KH_APP_INDICATOR_SHEET_H
#define KH_APP_INDICATOR_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "app/plan_sheet.h"

#define INDICATOR_SHEET_MAX_BYTES (16u * 1024 * 1024)

/* The workbook of org_id's figures for year: *out (caller frees) holds
 * *len bytes; *filename (ctx->arena) a Vietnamese file name. */
int app_indicator_sheet_export(struct app_ctx *ctx, int64_t org_id, int year, char **out,
			       size_t *len, const char **filename,
			       struct kh_error *err) KH_MUST_CHECK;

/* Checks and applies the XLSX bytes[0..len) to org_id's figures of year
 * (0 = the year the file carries). Returns 0 with out filled (ctx->arena;
 * item_id of a row = the indicator id; actions "update", "unchanged",
 * "error", "kept"); KH_EINVAL with out listing each row's errors when any
 * row is wrong (nothing applied), or with no rows when the file is not our
 * template for this org and year (err says why); KH_EFORBIDDEN,
 * KH_ENOTFOUND as the table; KH_ETOOBIG past the bounds. */
int app_indicator_sheet_apply(struct app_ctx *ctx, int64_t org_id, int year, const void *bytes,
			      size_t len, bool dry_run, struct sheet_report *out,
			      struct kh_error *err) KH_MUST_CHECK;

#endif
