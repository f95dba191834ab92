/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * A plan's item list as an Excel workbook (XLSX) that a user edits and
 * uploads again (app/plan_sheet.h): the same template both ways. The sheet
 * "Nội dung" holds a title block (the plan's title; owner, years and plan
 * number; a line on how to fill it in), a header row (XLSX_ITEM_HEADERS)
 * and one row per item. Bold headers, wrapped text, column widths, frozen
 * headers, drop-down lists of the Vietnamese labels for Loại and Nhóm (from
 * ranges of the hidden sheet, since the labels hold commas that a literal
 * list would split). The hidden sheet "kehoach" carries the template
 * version and the plan id (also written as custom document properties) so
 * that an upload can check that it is our template, for this plan.
 *
 * The cells of an item row come from xlsx_item_cells(), which the upload
 * uses too: a cell the user did not touch reads back equal to what it
 * computes, so "unchanged" is a plain comparison.
 */
#ifndef KH_EXPORT_XLSX_H
#define KH_EXPORT_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"
#include "core/err.h"
#include "core/model.h"

/* The MIME type of an XLSX file. */
#define XLSX_CONTENT_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/* The template: its sheets, the version an upload must carry, and where the
 * hidden sheet keeps the plan id and the version (B1, B2; rows 1-based). */
#define XLSX_SHEET_ITEMS "Nội dung"
#define XLSX_SHEET_META "kehoach"
#define XLSX_TEMPLATE "kehoach.plan_items.1"
#define XLSX_META_TEMPLATE_ROW 1
#define XLSX_META_PLAN_ROW 2
#define XLSX_META_VALUE_COL 1
/* The header row of the item sheet (1-based); items start on the next. */
#define XLSX_HEADER_ROW 4

/* The columns of the item sheet, in order. */
enum xlsx_item_col {
	XLSX_COL_ID,	     /* Mã: the item id, empty for a new row */
	XLSX_COL_SEQ,	     /* TT */
	XLSX_COL_PART,	     /* Phần: 1–3 */
	XLSX_COL_SECTION,    /* Mục */
	XLSX_COL_KIND,	     /* Loại: plan_item_kind_label */
	XLSX_COL_CATEGORY,   /* Nhóm: plan_item_category_label */
	XLSX_COL_TEXT,	     /* Nội dung */
	XLSX_COL_MEASURES,   /* Biện pháp */
	XLSX_COL_LEAD,	     /* Chủ trì: as written, else the lead's name */
	XLSX_COL_COORD,	     /* Phối hợp: as written */
	XLSX_COL_DEADLINE,   /* Thời gian hoàn thành: as written */
	XLSX_COL_UNDERSTOOD, /* Hiểu là: how the deadline was read (not read back) */
	XLSX_COL_RESOURCES,  /* Nguồn lực */
	XLSX_COL_SERVES,     /* Phục vụ chỉ tiêu */
	XLSX_COLS
};

/* The header of each column ("Mã", "TT", … "Phục vụ chỉ tiêu"). */
extern const char *const XLSX_ITEM_HEADERS[XLSX_COLS];

/* The text of each cell of an item's row (in a: the arena); "" for an
 * empty cell. The lead of a group without a text reads "Các cấp ủy, tổ
 * chức đảng trực thuộc X", as in the DOCX. */
void xlsx_item_cells(struct arena *a, const struct plan_item *it, const char *cells[XLSX_COLS]);

/* What the item sheet shows. */
struct xlsx_items {
	int64_t plan_id;
	const char *title;
	const char *owner; /* the owner's name */
	const char *years; /* "2026" or "2020–2025" */
	const struct plan_item *items;
	int n_items;
};

/* Writes the workbook: *out (caller frees) holds *len bytes. KH_EIO when
 * libxlsxwriter or the temporary file fails, KH_ETOOBIG past 64 MiB.
 * libxlsxwriter writes to a file path only, so the workbook goes to a
 * mkstemp file in $TMPDIR (or /tmp), is read back and unlinked. */
int xlsx_items_write(const struct xlsx_items *in, char **out, size_t *len,
		     struct kh_error *err) KH_MUST_CHECK;

#endif
