/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * An org's indicator figures for one year as an Excel workbook that a user
 * edits and uploads again (app/indicator_sheet.h): the same template both
 * ways. The sheet "Chỉ tiêu" holds a title block, a header row
 * (INDICATOR_XLSX_HEADERS) and one row per indicator: its id (Mã), number,
 * name and unit to read, then the org's own entered figures — baseline year
 * and value, term target, year target, first half, estimate, actual — as
 * numbers, then how the indicator rolls up and the figures derived from
 * the child orgs (to read only). The hidden sheet "kehoach" carries the
 * template version, the org id and the year (B1..B3).
 */
#ifndef KH_EXPORT_INDICATOR_SHEET_H
#define KH_EXPORT_INDICATOR_SHEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

#define INDICATOR_XLSX_SHEET "Chỉ tiêu"
#define INDICATOR_XLSX_META "kehoach"
#define INDICATOR_XLSX_TEMPLATE "kehoach.indicator_values.1"
/* Rows of the hidden sheet (1-based) holding, in column B, the template,
 * the org id, the year. */
#define INDICATOR_XLSX_META_TEMPLATE_ROW 1
#define INDICATOR_XLSX_META_ORG_ROW 2
#define INDICATOR_XLSX_META_YEAR_ROW 3
/* The header row of the sheet (1-based); indicators start on the next. */
#define INDICATOR_XLSX_HEADER_ROW 4

enum indicator_xlsx_col {
	IND_COL_ID,	     /* Mã: the indicator id */
	IND_COL_CODE,	     /* STT: read only */
	IND_COL_NAME,	     /* Chỉ tiêu: read only */
	IND_COL_UNIT,	     /* Đơn vị tính: read only */
	IND_COL_BASE_YEAR,   /* Năm của giá trị nền */
	IND_COL_BASELINE,    /* Giá trị nền */
	IND_COL_TERM_TARGET, /* Mục tiêu nhiệm kỳ */
	IND_COL_TARGET,	     /* Mục tiêu năm */
	IND_COL_H1,	     /* Thực hiện 6 tháng */
	IND_COL_ESTIMATE,    /* Ước năm */
	IND_COL_ACTUAL,	     /* Thực hiện năm */
	IND_COL_ROLLUP,	     /* Cách tổng hợp: read only */
	IND_COL_DERIVED,     /* Số tổng hợp từ đơn vị trực thuộc: read only */
	IND_COLS
};

extern const char *const INDICATOR_XLSX_HEADERS[IND_COLS];

struct indicator_xlsx_row {
	int64_t id;
	const char *code, *name, *unit, *rollup, *derived;
	bool has[IND_COLS]; /* for the number columns */
	double num[IND_COLS];
};

struct indicator_xlsx {
	int64_t org_id;
	int year;
	const char *title;    /* "Chỉ tiêu của … năm …" */
	const char *subtitle; /* a line under it */
	const struct indicator_xlsx_row *rows;
	int n_rows;
};

/* Writes the workbook: *out (caller frees) holds *len bytes. KH_EIO when
 * libxlsxwriter or the temporary file fails, KH_ETOOBIG past 64 MiB. */
int indicator_xlsx_write(const struct indicator_xlsx *in, char **out, size_t *len,
			 struct kh_error *err) KH_MUST_CHECK;

#endif
