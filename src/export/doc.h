/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * A layout-neutral description of an official party document in the format
 * of Hướng dẫn 36-HD/VPTW (2018), which the writers (export/docx.h,
 * export/pdf.h) render the same way: the header block (upper body and
 * issuing body over a centred "*" and the number and symbol on the left;
 * "ĐẢNG CỘNG SẢN VIỆT NAM" over a rule and the place and date on the right),
 * the document type and its subject, the addressees of a letter
 * ("Kính gửi:"), the body as a sequence of blocks, the recipients ("Nơi
 * nhận:", ending "- Lưu VP.") and the signature block.
 *
 * A plan fills type "KẾ HOẠCH", a report "BÁO CÁO"; a letter (công văn)
 * leaves type empty, puts its "V/v …" in about, under the number, and lists
 * its addressees. The body's numbering is written by the filler as labels
 * ("I.", "1.", "1.1.", "a)", "-", "+"), so one style holds per document.
 *
 * A doc owns its memory: every string given to it is copied into its arena,
 * and doc_release() frees everything. Text is NUL-terminated NFC UTF-8; a
 * "\n" inside a text starts a new line (a new paragraph in a table cell).
 *
 *   struct doc d;
 *   doc_init(&d);
 *   d.issuer = doc_str(&d, "TỈNH ỦY SƠN NAM");
 *   doc_heading(&d, 1, "I.", "MỤC ĐÍCH, YÊU CẦU");
 *   doc_paragraph(&d, 0, "…");
 *   docx_write(&d, &bytes, &len, &err);
 *   doc_release(&d);
 */
#ifndef KH_EXPORT_DOC_H
#define KH_EXPORT_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/arena.h"

#define DOC_TABLE_MAX_COLS 8

enum doc_block_kind {
	DOC_HEADING,   /* label and text, level 1 (I.) .. 4 (a)) */
	DOC_PARAGRAPH, /* body text: justified, first line indented */
	DOC_LIST_ITEM, /* a numbered or bulleted row: label ("1.", "-", "+") and text */
	DOC_TABLE,     /* a table of items */
};

/* Flags of a paragraph or list item. */
enum {
	DOC_BOLD = 1,
	DOC_ITALIC = 2,
	DOC_CENTER = 4,
	DOC_NO_INDENT = 8,
};

struct doc_table {
	int n_cols;
	const char *headers[DOC_TABLE_MAX_COLS];
	int widths[DOC_TABLE_MAX_COLS]; /* relative widths, in percent of the text width */
	int center[DOC_TABLE_MAX_COLS]; /* 1: the column's cells are centred (numbers) */
	const char **cells;		/* n_rows * n_cols, row by row */
	int n_rows;
	int cap_rows;
};

struct doc_block {
	enum doc_block_kind kind;
	int level; /* headings and list items: 1..4 */
	int flags;
	const char *label; /* "I.", "1.", "a)", "-"; "" = none */
	const char *text;
	struct doc_table *table; /* DOC_TABLE */
};

struct doc_signature {
	const char *on_behalf; /* "T/M BAN THƯỜNG VỤ", "K/T BÍ THƯ", "T/L …"; "" = none */
	const char *title;     /* "BÍ THƯ", "NGƯỜI XÂY DỰNG KẾ HOẠCH" */
	const char *name;      /* the signer; "" leaves the space empty */
};

struct doc {
	struct arena arena;
	/* The header block. */
	const char *party;	/* "ĐẢNG CỘNG SẢN VIỆT NAM" */
	const char *upper_body; /* "ĐẢNG BỘ TỈNH SƠN NAM"; "" = none (in capitals) */
	const char *issuer;	/* "TỈNH ỦY SƠN NAM" (in capitals) */
	const char *number;	/* "Số 12-KH/TU"; "" = none */
	const char *about;	/* letters: "V/v …" under the number; "" = none */
	const char *place_date; /* "Sơn Nam, ngày 05 tháng 3 năm 2026" */
	/* The title. */
	const char *type;    /* "KẾ HOẠCH", "BÁO CÁO"; "" for a letter */
	const char *subject; /* under the type, in bold */
	/* Letters: "Kính gửi:" and the addressees. */
	const char **addressees;
	int n_addressees;
	/* The body. */
	struct doc_block *blocks;
	int n_blocks;
	/* The end. */
	const char **recipients; /* "Nơi nhận:" lines without the "- " and the "," */
	int n_recipients;
	const char *archive; /* the last recipient line: "Lưu VP." */
	struct doc_signature sign;
	/* The page: A4 portrait, margins in millimetres. */
	double margin_top, margin_bottom, margin_left, margin_right;
	/* Metadata: the file's title and when it was made (unix seconds; 0 =
	 * none written). */
	const char *title;
	int64_t created_at;

	int cap_blocks, cap_recipients, cap_addressees;
};

/* An empty document: party line, archive "Lưu VP.", the margins of
 * Hướng dẫn 36 (20/20/30/15 mm top/bottom/left/right), every text "". */
void doc_init(struct doc *d);
/* Frees everything the doc holds. */
void doc_release(struct doc *d);

/* A copy of s in the doc's arena (NULL gives ""). */
const char *doc_str(struct doc *d, const char *s);
/* s in Vietnamese capitals ("Tỉnh ủy Sơn Nam" → "TỈNH ỦY SƠN NAM"), in
 * the doc's arena. */
const char *doc_caps(struct doc *d, const char *s);
/* The place and date line: "Sơn Nam, ngày 05 tháng 3 năm 2026" — days
 * below 10 and the months 1 and 2 written with a leading zero, as the
 * guidance asks; without a place, "ngày …" alone. In the doc's arena. */
const char *doc_place_date(struct doc *d, const char *place, int year, int month, int day);

void doc_heading(struct doc *d, int level, const char *label, const char *text);
void doc_paragraph(struct doc *d, int flags, const char *text);
void doc_list_item(struct doc *d, int level, int flags, const char *label, const char *text);
/* Starts a table with n_cols (1..DOC_TABLE_MAX_COLS) columns; widths in
 * percent (NULL = equal); center (NULL = none) marks centred columns. The
 * table belongs to the doc. */
struct doc_table *doc_table(struct doc *d, int n_cols, const char *const *headers,
			    const int *widths, const int *center);
/* Appends a row of n_cols cells (NULL cells are empty). */
void doc_table_row(struct doc *d, struct doc_table *t, const char *const *cells);
void doc_recipient(struct doc *d, const char *text);
void doc_addressee(struct doc *d, const char *text);

#endif
