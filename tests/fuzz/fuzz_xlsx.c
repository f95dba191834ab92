/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for XLSX to cells (text/xlsx_read.h). Whatever the bytes,
 * nothing crashes or leaks; a refusal sets a message; a book that reads has
 * sheets with names, every cell's text is non-empty valid UTF-8 with its
 * row and column in range, cells are sorted by position without
 * duplicates, every cell is found again by xlsx_cell_text, and every cell
 * reference the reader gives back round-trips through xlsx_col_name and
 * xlsx_ref_parse. The input is cut at 64 KB to keep each run cheap (the
 * package may still unpack to more, within the reader's own bounds).
 */
#include "core/common.h"
#include "text/xlsx_read.h"

#include "fuzz.h"

static void check_sheet(const struct xlsx_sheet *s)
{
	if (!s->name)
		fuzz_fail("sheet without a name");
	if (!ref_valid(s->name, strlen(s->name)))
		fuzz_fail("sheet name is not valid UTF-8");
	for (int i = 0; i < s->n_cells; i++) {
		const struct xlsx_cell *c = &s->cells[i];
		if (!c->text || !*c->text)
			fuzz_fail("empty cell listed");
		if (!ref_valid(c->text, strlen(c->text))) {
			fuzz_dump("cell", c->text, strlen(c->text));
			fuzz_fail("cell text is not valid UTF-8");
		}
		if (c->row < 1 || c->row > XLSX_MAX_ROW || c->col < 0 || c->col >= XLSX_MAX_COL)
			fuzz_fail("cell (%d, %d) out of range", c->row, c->col);
		if (i && !(s->cells[i - 1].row < c->row ||
			   (s->cells[i - 1].row == c->row && s->cells[i - 1].col < c->col)))
			fuzz_fail("cells not sorted or duplicated at %d", i);
		if (xlsx_cell_text(s, c->row, c->col) != c->text)
			fuzz_fail("cell (%d, %d) not found again", c->row, c->col);
		char col[4], ref[24];
		int r, k;
		xlsx_col_name(c->col, col);
		snprintf(ref, sizeof(ref), "%s%d", col, c->row);
		if (!xlsx_ref_parse(ref, &r, &k) || r != c->row || k != c->col)
			fuzz_fail("reference %s does not round-trip", ref);
	}
	if (s->n_cells && s->max_row != s->cells[s->n_cells - 1].row)
		fuzz_fail("max_row %d", s->max_row);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xlsx_book b;
	struct kh_error err;
	if (size > 65536)
		size = 65536;
	kh_error_clear(&err);
	if (xlsx_read(data, size, &b, &err) != 0) {
		if (!err.message[0])
			fuzz_fail("refusal without a message");
		return 0;
	}
	if (b.n_sheets < 1 || b.n_sheets > XLSX_MAX_SHEETS)
		fuzz_fail("%d sheets", b.n_sheets);
	for (int i = 0; i < b.n_sheets; i++)
		check_sheet(&b.sheets[i]);
	xlsx_book_release(&b);
	return 0;
}
