/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The indicator sheet as XLSX (export/indicator_sheet.h), written with
 * libxlsxwriter to a private mkstemp file in $TMPDIR (or /tmp) that is read
 * back and unlinked on every path, as export/xlsx.c does for a plan's items.
 */
#include "core/common.h"
#include "export/indicator_sheet.h"
#include "core/arena.h"
#include "core/buf.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#define MAX_BYTES (64u * 1024 * 1024)

const char *const INDICATOR_XLSX_HEADERS[IND_COLS] = {
	"Mã",
	"STT",
	"Chỉ tiêu",
	"Đơn vị tính",
	"Năm của giá trị nền",
	"Giá trị nền",
	"Mục tiêu nhiệm kỳ",
	"Mục tiêu năm",
	"Thực hiện 6 tháng",
	"Ước năm",
	"Thực hiện năm",
	"Cách tổng hợp (chỉ để xem)",
	"Số tổng hợp từ đơn vị trực thuộc (chỉ để xem)",
};

static const double WIDTHS[IND_COLS] = {7, 6, 48, 12, 10, 12, 12, 12, 12, 12, 12, 18, 48};

/* A literal "_xHHHH_" would read back as an escape: escape its underscore. */
static const char *xstring(struct arena *a, const char *s)
{
	if (!s)
		return "";
	if (!strstr(s, "_x"))
		return s;
	struct buf b;
	buf_init(&b, SIZE_MAX / 2);
	for (const char *p = s; *p; p++) {
		if (p[0] == '_' && p[1] == 'x' && strspn(p + 2, "0123456789abcdefABCDEF") >= 4 &&
		    p[6] == '_')
			buf_puts(&b, "_x005F");
		buf_putc(&b, *p);
	}
	const char *out = arena_strdup(a, b.data);
	buf_release(&b);
	return out;
}

static int slurp(const char *path, char **out, size_t *len, struct kh_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	if (!f)
		return kh_fail(err, KH_EIO, NULL, "Không đọc lại được tệp Excel vừa tạo: %s",
			       strerror(errno));
	buf_init(&b, MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0 && !buf_failed(&b))
		buf_add(&b, chunk, n);
	bool bad = ferror(f) != 0;
	fclose(f);
	if (bad || buf_failed(&b)) {
		buf_release(&b);
		return bad ? kh_fail(err, KH_EIO, NULL, "Không đọc lại được tệp Excel vừa tạo")
			   : kh_fail(err, KH_ETOOBIG, NULL, "Tệp Excel quá lớn");
	}
	*len = b.len;
	*out = buf_take(&b);
	buf_release(&b);
	return 0;
}

static bool is_number_col(int c)
{
	return c >= IND_COL_BASE_YEAR && c <= IND_COL_ACTUAL;
}

static lxw_error write_book(const struct indicator_xlsx *in, const char *path, const char *tmpdir,
			    struct arena *a)
{
	lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = (char *)tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb)
		return LXW_ERROR_CREATING_XLSX_FILE;
	lxw_error e = LXW_NO_ERROR;
	lxw_worksheet *ws = workbook_add_worksheet(wb, INDICATOR_XLSX_SHEET);
	lxw_worksheet *meta = workbook_add_worksheet(wb, INDICATOR_XLSX_META);
	if (!ws || !meta) {
		workbook_close(wb);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	lxw_doc_properties props = {.title = (char *)xstring(a, in->title),
				    .subject = (char *)"Số liệu chỉ tiêu",
				    .comments = (char *)"Tạo bởi kehoach"};
	workbook_set_properties(wb, &props);
	workbook_set_custom_property_string(wb, "kehoach.template", INDICATOR_XLSX_TEMPLATE);

	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 14);
	lxw_format *note = workbook_add_format(wb);
	format_set_italic(note);
	format_set_text_wrap(note);
	format_set_align(note, LXW_ALIGN_VERTICAL_TOP);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(head, 0xD9E1F2);
	format_set_border(head, LXW_BORDER_THIN);
	lxw_format *cell = workbook_add_format(wb);
	format_set_text_wrap(cell);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cell, LXW_BORDER_THIN);
	lxw_format *number = workbook_add_format(wb);
	format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(number, LXW_BORDER_THIN);
	lxw_format *info = workbook_add_format(wb);
	format_set_text_wrap(info);
	format_set_italic(info);
	format_set_align(info, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_color(info, 0x595959);
	format_set_bg_color(info, 0xF2F2F2);
	format_set_border(info, LXW_BORDER_THIN);

	const lxw_col_t last = IND_COLS - 1;
	e = worksheet_merge_range(ws, 0, 0, 0, last, xstring(a, in->title), title);
	if (!e)
		e = worksheet_merge_range(ws, 1, 0, 1, last, xstring(a, in->subtitle), NULL);
	if (!e)
		e = worksheet_merge_range(
			ws, 2, 0, 2, last,
			"Nhập số liệu của chính đơn vị vào các cột từ «Năm của giá trị nền» đến"
			" «Thực hiện năm» rồi tải tệp lên lại ở trang «Chỉ tiêu». Ô để trống: xóa"
			" số liệu đã nhập. Không thêm, xóa hay đổi chỗ các cột; các cột «chỉ để"
			" xem» không được đọc lại. Chỉ tiêu mới hãy định nghĩa trên trang.",
			note);
	if (!e)
		e = worksheet_set_row(ws, 2, 32, NULL);
	for (int c = 0; c < IND_COLS && !e; c++)
		e = worksheet_write_string(ws, INDICATOR_XLSX_HEADER_ROW - 1, (lxw_col_t)c,
					   INDICATOR_XLSX_HEADERS[c], head);
	for (int c = 0; c < IND_COLS && !e; c++)
		e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c], NULL);
	if (!e)
		worksheet_freeze_panes(ws, INDICATOR_XLSX_HEADER_ROW, 3);
	for (int i = 0; i < in->n_rows && !e; i++) {
		const struct indicator_xlsx_row *w = &in->rows[i];
		lxw_row_t row = (lxw_row_t)(INDICATOR_XLSX_HEADER_ROW + i);
		for (int c = 0; c < IND_COLS && !e; c++) {
			lxw_col_t col = (lxw_col_t)c;
			const char *text = c == IND_COL_CODE	  ? w->code
					   : c == IND_COL_NAME	  ? w->name
					   : c == IND_COL_UNIT	  ? w->unit
					   : c == IND_COL_ROLLUP  ? w->rollup
					   : c == IND_COL_DERIVED ? w->derived
								  : NULL;
			if (c == IND_COL_ID)
				e = worksheet_write_number(ws, row, col, (double)w->id, number);
			else if (is_number_col(c))
				e = w->has[c] ? worksheet_write_number(ws, row, col, w->num[c],
								       number)
					      : worksheet_write_blank(ws, row, col, number);
			else if (text && *text)
				e = worksheet_write_string(ws, row, col, xstring(a, text),
							   c >= IND_COL_ROLLUP ? info : cell);
			else
				e = worksheet_write_blank(ws, row, col,
							  c >= IND_COL_ROLLUP ? info : cell);
		}
	}
	if (!e)
		e = worksheet_write_string(meta, INDICATOR_XLSX_META_TEMPLATE_ROW - 1, 0, "Mẫu",
					   NULL);
	if (!e)
		e = worksheet_write_string(meta, INDICATOR_XLSX_META_TEMPLATE_ROW - 1, 1,
					   INDICATOR_XLSX_TEMPLATE, NULL);
	if (!e)
		e = worksheet_write_string(meta, INDICATOR_XLSX_META_ORG_ROW - 1, 0, "Tổ chức số",
					   NULL);
	if (!e)
		e = worksheet_write_number(meta, INDICATOR_XLSX_META_ORG_ROW - 1, 1,
					   (double)in->org_id, NULL);
	if (!e)
		e = worksheet_write_string(meta, INDICATOR_XLSX_META_YEAR_ROW - 1, 0, "Năm", NULL);
	if (!e)
		e = worksheet_write_number(meta, INDICATOR_XLSX_META_YEAR_ROW - 1, 1,
					   (double)in->year, NULL);
	worksheet_hide(meta);
	worksheet_activate(ws);
	lxw_error ce = workbook_close(wb);
	return e ? e : ce;
}

int indicator_xlsx_write(const struct indicator_xlsx *in, char **out, size_t *len,
			 struct kh_error *err)
{
	struct arena a;
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	int fd, rc;
	*out = NULL;
	*len = 0;
	arena_init(&a, 65536);
	char *path = arena_printf(&a, "%s/kehoach-xlsx-XXXXXX", tmpdir);
	if ((fd = mkstemp(path)) < 0) {
		rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp tạm để ghi tệp Excel: %s",
			     strerror(errno));
		goto out;
	}
	close(fd);
	lxw_error e = write_book(in, path, tmpdir, &a);
	if (e) {
		rc = kh_fail(err, KH_EIO, NULL, "Không tạo được tệp Excel: %s", lxw_strerror(e));
		goto out;
	}
	rc = slurp(path, out, len, err);
out:
	if (fd >= 0)
		unlink(path);
	arena_release(&a);
	return rc;
}
