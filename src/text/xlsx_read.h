/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * XLSX to cells, for the spreadsheets users edit and upload again (the item
 * list of a plan, app/plan_sheet.h). An XLSX file is a ZIP package: the
 * workbook (xl/workbook.xml) names the sheets in order, their parts are
 * found through xl/_rels/workbook.xml.rels, and each worksheet lists its
 * cells; text cells usually point into xl/sharedStrings.xml. This reads the
 * package from memory (no file I/O) and gives, for every worksheet, its
 * cells as text: shared strings (rich-text runs concatenated, phonetic runs
 * skipped), inline strings, numbers as written in the file ("12", "1.5"),
 * booleans ("TRUE"/"FALSE"), formula results and error values as their
 * text. Styles, formulas, merged cells and everything else are ignored —
 * enough to read back what libxlsxwriter wrote and what Excel and
 * LibreOffice write after a user edited it. Escapes of the form _xHHHH_
 * (ECMA-376 ST_Xstring) are decoded. Empty cells are not listed.
 *
 * Bounds (a hostile file cannot exhaust memory): every part unpacks to at
 * most XLSX_MAX_PART bytes, at most XLSX_MAX_SHEETS sheets and
 * XLSX_MAX_CELLS non-empty cells in all are read, rows up to 1048576 and
 * columns up to XFD (16384), as in Excel. External entities and DTDs are
 * never loaded.
 */
#ifndef KH_TEXT_XLSX_READ_H
#define KH_TEXT_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/arena.h"
#include "core/err.h"

#define XLSX_MAX_PART (32u * 1024 * 1024)
#define XLSX_MAX_SHEETS 64
#define XLSX_MAX_CELLS 200000
#define XLSX_MAX_ROW 1048576
#define XLSX_MAX_COL 16384

struct xlsx_cell {
	int row;	  /* 1-based, as Excel numbers rows */
	int col;	  /* 0-based: A = 0, B = 1 … */
	const char *text; /* UTF-8, never empty */
};

struct xlsx_sheet {
	const char *name;	 /* as in the workbook */
	bool hidden;		 /* state="hidden" or "veryHidden" */
	struct xlsx_cell *cells; /* sorted by row, then column */
	int n_cells;
	int max_row; /* the last row holding a cell; 0 when empty */
};

struct xlsx_book {
	struct xlsx_sheet *sheets; /* in the workbook's order */
	int n_sheets;
	struct arena arena; /* holds every string and array */
};

/* Reads the XLSX package held in bytes. Returns 0 with *out filled (release
 * with xlsx_book_release); or KH_EINVAL with a Vietnamese message when it
 * is not a readable XLSX (not a ZIP, no workbook, broken XML, a cell
 * reference out of range), KH_ETOOBIG past the bounds above. *out needs no
 * release on failure. */
int xlsx_read(const void *bytes, size_t len, struct xlsx_book *out,
	      struct kh_error *err) KH_MUST_CHECK;
void xlsx_book_release(struct xlsx_book *b);

/* The sheet named name, or NULL. */
const struct xlsx_sheet *xlsx_sheet_find(const struct xlsx_book *b, const char *name);
/* The text of the cell at (row, col), or "" when the cell is empty. */
const char *xlsx_cell_text(const struct xlsx_sheet *s, int row, int col);

/* Reads a cell reference ("K12", "$K$12", "xfd1048576") into a 1-based row
 * and a 0-based column; false when it is not one or is out of range. */
bool xlsx_ref_parse(const char *ref, int *row, int *col);
/* Writes the column letters of col (0 = "A") into out (at least 4 bytes). */
void xlsx_col_name(int col, char out[4]);

#endif
