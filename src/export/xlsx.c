/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The item list of a plan as XLSX (export/xlsx.h), written with
 * libxlsxwriter. libxlsxwriter (1.1.x, the Debian one) can only write a
 * workbook to a file path, and keeps its own scratch files in a temporary
 * directory; so the workbook goes to a private mkstemp file in $TMPDIR (or
 * /tmp), which is read back into memory and unlinked on every path — the
 * caller only ever sees bytes, as with the DOCX and PDF writers.
 */
#include "core/common.h"
#include "core/buf.h"
#include "core/date.h"
#include "export/xlsx.h"
#include "export/xml.h"
#include "text/deadline.h"
#include "text/xlsx_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#define XLSX_MAX_BYTES (64u * 1024 * 1024)
/* Rows below the items that keep the drop-down lists, for new rows. */
#define SPARE_ROWS 500

const char *const XLSX_ITEM_HEADERS[XLSX_COLS] = {
	"Mã",
	"TT",
	"Phần",
	"Mục",
	"Loại",
	"Nhóm",
	"Nội dung",
	"Biện pháp",
	"Chủ trì",
	"Phối hợp",
	"Thời gian hoàn thành",
	"Hiểu là",
	"Nguồn lực",
	"Phục vụ chỉ tiêu",
};

static const double WIDTHS[XLSX_COLS] = {8, 5, 6, 24, 18, 24, 50, 36, 24, 24, 20, 24, 20, 22};

static const char *day_text(struct arena *a, int32_t day)
{
	int y, m, d;
	if (!day)
		return "";
	date_to_ymd(day, &y, &m, &d);
	return arena_printf(a, "%02d/%02d/%04d", d, m, y);
}

/* How the deadline was understood, in words. */
static const char *understood(struct arena *a, const struct plan_item *it)
{
	switch (it->deadline_kind) {
	case DEADLINE_DATE:
		return arena_printf(a, "Hạn: %s", day_text(a, it->deadline_end));
	case DEADLINE_WINDOW:
		return arena_printf(a, "Trong khoảng %s–%s", day_text(a, it->deadline_start),
				    day_text(a, it->deadline_end));
	case DEADLINE_FROM:
		return arena_printf(a, "Từ %s trở đi", day_text(a, it->deadline_start));
	case DEADLINE_RECURRING: {
		const char *p = deadline_period_label((enum deadline_period)it->deadline_period);
		if (!*p)
			p = "Định kỳ";
		if (it->deadline_start && it->deadline_end)
			return arena_printf(a, "%s, %s–%s", p, day_text(a, it->deadline_start),
					    day_text(a, it->deadline_end));
		return p;
	}
	case DEADLINE_CONDITIONAL:
		return deadline_kind_label(DEADLINE_CONDITIONAL);
	default:
		return *it->deadline_text ? "Chưa hiểu được thời hạn" : "Chưa có thời hạn";
	}
}

void xlsx_item_cells(struct arena *a, const struct plan_item *it, const char *cells[XLSX_COLS])
{
	const char *lead = *it->lead_text ? it->lead_text : it->lead_name ? it->lead_name : "";
	if (it->lead_group && !*it->lead_text && *lead)
		lead = arena_printf(a, "Các cấp ủy, tổ chức đảng trực thuộc %s", lead);
	cells[XLSX_COL_ID] = it->id ? arena_printf(a, "%lld", (long long)it->id) : "";
	cells[XLSX_COL_SEQ] = it->seq ? arena_printf(a, "%d", it->seq) : "";
	cells[XLSX_COL_PART] = arena_printf(a, "%d", it->part);
	cells[XLSX_COL_SECTION] = it->section ? it->section : "";
	cells[XLSX_COL_KIND] = plan_item_kind_label(it->kind);
	cells[XLSX_COL_CATEGORY] = plan_item_category_label(it->category);
	cells[XLSX_COL_TEXT] = it->text ? it->text : "";
	cells[XLSX_COL_MEASURES] = it->measures ? it->measures : "";
	cells[XLSX_COL_LEAD] = lead;
	cells[XLSX_COL_COORD] = it->coordinators ? it->coordinators : "";
	cells[XLSX_COL_DEADLINE] = it->deadline_text ? it->deadline_text : "";
	cells[XLSX_COL_UNDERSTOOD] = understood(a, it);
	cells[XLSX_COL_RESOURCES] = it->resources ? it->resources : "";
	cells[XLSX_COL_SERVES] = it->serves ? it->serves : "";
}

/* The text as Excel reads it back: a literal "_xHHHH_" would be read as
 * the escape of a character, so its underscore is escaped itself
 * ("_x005F_"), as Excel does — libxlsxwriter escapes only control
 * characters. */
static const char *xstring(struct arena *a, const char *s)
{
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

/* Reads the whole file at path into *out. */
static int slurp(const char *path, char **out, size_t *len, struct kh_error *err)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[65536];
	size_t n;
	if (!f)
		return kh_fail(err, KH_EIO, NULL, "Không đọc lại được tệp Excel vừa tạo: %s",
			       strerror(errno));
	buf_init(&b, XLSX_MAX_BYTES);
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

/* The drop-down lists of Loại and Nhóm, from the ranges of the hidden
 * sheet, for the item rows and SPARE_ROWS more. They are added to the
 * written package here rather than with worksheet_data_validation_range():
 * libxlsxwriter 1.1.4 loses the copy it makes of a list's range formula,
 * which the sanitizer build's leak check would report on every export. In
 * the worksheet's element order dataValidations comes right before
 * pageMargins, which libxlsxwriter always writes. */
static int add_lists(const char *path, int last_row, struct kh_error *err)
{
	static const char part[] = "xl/worksheets/sheet1.xml";
	static const struct {
		int col;
		char range;
		int n;
		const char *message;
	} LISTS[] = {
		{XLSX_COL_KIND, 'D', PLAN_ITEM_KIND_COUNT,
		 "Chọn một loại nội dung trong danh sách."},
		{XLSX_COL_CATEGORY, 'E', PLAN_CATEGORY_COUNT,
		 "Chọn một nhóm nội dung trong danh sách."},
	};
	int zerr = 0, rc = 0;
	zip_t *z = zip_open(path, 0, &zerr);
	zip_stat_t st;
	char *xml = NULL;
	struct buf b;
	buf_init(&b, XLSX_MAX_BYTES);
	if (!z)
		return kh_fail(err, KH_EIO, NULL, "Không mở lại được tệp Excel vừa tạo");
	zip_stat_init(&st);
	zip_file_t *f = zip_stat(z, part, 0, &st) == 0 ? zip_fopen(z, part, 0) : NULL;
	if (!f || !(st.valid & ZIP_STAT_SIZE) || st.size > XLSX_MAX_BYTES) {
		if (f)
			zip_fclose(f);
		rc = kh_fail(err, KH_EIO, NULL, "Tệp Excel vừa tạo thiếu trang nội dung");
		goto out;
	}
	xml = xcalloc(1, (size_t)st.size + 1);
	bool ok = zip_fread(f, xml, st.size) == (zip_int64_t)st.size;
	zip_fclose(f);
	const char *at = ok ? strstr(xml, "<pageMargins") : NULL;
	if (!at) {
		rc = kh_fail(err, KH_EIO, NULL, "Tệp Excel vừa tạo không như mong đợi");
		goto out;
	}
	buf_add(&b, xml, (size_t)(at - xml));
	buf_printf(&b, "<dataValidations count=\"%d\">", (int)KH_ARRAY_LEN(LISTS));
	for (size_t i = 0; i < KH_ARRAY_LEN(LISTS); i++) {
		char col[4];
		xlsx_col_name(LISTS[i].col, col);
		buf_printf(&b,
			   "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\""
			   " showErrorMessage=\"1\" errorTitle=\"Giá trị không hợp lệ\" error=\"");
		xml_escape(&b, LISTS[i].message);
		buf_printf(&b,
			   "\" sqref=\"%s%d:%s%d\"><formula1>%s!$%c$5:$%c$%d</formula1>"
			   "</dataValidation>",
			   col, XLSX_HEADER_ROW + 1, col, last_row, XLSX_SHEET_META, LISTS[i].range,
			   LISTS[i].range, 4 + LISTS[i].n);
	}
	buf_puts(&b, "</dataValidations>");
	buf_puts(&b, at);
	if (buf_failed(&b)) {
		rc = kh_fail(err, KH_ETOOBIG, NULL, "Tệp Excel quá lớn");
		goto out;
	}
	size_t n = b.len;
	char *data = buf_take(&b);
	zip_source_t *src = zip_source_buffer(z, data, n, 1);
	if (!src) {
		free(data);
		rc = kh_fail(err, KH_EIO, NULL, "Không ghi được tệp Excel");
		goto out;
	}
	if (zip_file_add(z, part, src, ZIP_FL_OVERWRITE | ZIP_FL_ENC_UTF_8) < 0) {
		zip_source_free(src);
		rc = kh_fail(err, KH_EIO, NULL, "Không ghi được tệp Excel");
		goto out;
	}
	if (zip_close(z) != 0) {
		rc = kh_fail(err, KH_EIO, NULL, "Không ghi được tệp Excel");
		goto out;
	}
	z = NULL;
out:
	if (z)
		zip_discard(z);
	free(xml);
	buf_release(&b);
	return rc;
}

/* Writes the workbook to path. */
static lxw_error write_book(const struct xlsx_items *in, const char *path, const char *tmpdir,
			    struct arena *a)
{
	lxw_workbook_options opt = {.constant_memory = 0, .tmpdir = (char *)tmpdir};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	if (!wb)
		return LXW_ERROR_CREATING_XLSX_FILE;
	lxw_error e = LXW_NO_ERROR;
	lxw_worksheet *ws = workbook_add_worksheet(wb, XLSX_SHEET_ITEMS);
	lxw_worksheet *meta = workbook_add_worksheet(wb, XLSX_SHEET_META);
	if (!ws || !meta) {
		workbook_close(wb);
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	}
	lxw_doc_properties props = {.title = (char *)in->title,
				    .subject = (char *)"Danh sách nội dung kế hoạch",
				    .comments = (char *)"Tạo bởi kehoach"};
	workbook_set_properties(wb, &props);
	workbook_set_custom_property_string(wb, "kehoach.template", XLSX_TEMPLATE);
	workbook_set_custom_property_string(wb, "kehoach.plan_id",
					    arena_printf(a, "%lld", (long long)in->plan_id));

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
	/* Text cells are formatted as text ("@"), so that a deadline typed
	 * as 30/6/2026 stays words instead of becoming a date; the columns
	 * carry the format too, for the rows a user adds. */
	lxw_format *cell = workbook_add_format(wb);
	format_set_text_wrap(cell);
	format_set_align(cell, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_num_format(cell, "@");
	lxw_format *number = workbook_add_format(wb);
	format_set_align(number, LXW_ALIGN_VERTICAL_TOP);
	format_set_border(number, LXW_BORDER_THIN);
	lxw_format *column = workbook_add_format(wb);
	format_set_text_wrap(column);
	format_set_align(column, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(column, "@");
	lxw_format *info = workbook_add_format(wb);
	format_set_text_wrap(info);
	format_set_italic(info);
	format_set_align(info, LXW_ALIGN_VERTICAL_TOP);
	format_set_font_color(info, 0x595959);
	format_set_bg_color(info, 0xF2F2F2);
	format_set_border(info, LXW_BORDER_THIN);

	/* The title block. */
	const lxw_col_t last = XLSX_COLS - 1;
	e = worksheet_merge_range(ws, 0, 0, 0, last, xstring(a, in->title ? in->title : ""), title);
	if (!e)
		e = worksheet_merge_range(
			ws, 1, 0, 1, last,
			xstring(a,
				arena_printf(a, "Chủ thể: %s — Thời gian: %s — Kế hoạch số %lld",
					     in->owner ? in->owner : "", in->years ? in->years : "",
					     (long long)in->plan_id)),
			NULL);
	if (!e)
		e = worksheet_merge_range(
			ws, 2, 0, 2, last,
			"Sửa các ô rồi tải tệp lên lại ở trang «Sửa hàng loạt bằng Excel». Thêm"
			" nội dung: thêm dòng và để trống cột Mã. Xóa một dòng khỏi tệp không xóa"
			" nội dung khỏi kế hoạch. Cột «Hiểu là» chỉ để xem, không được đọc lại.",
			note);
	if (!e)
		e = worksheet_set_row(ws, 2, 32, NULL);
	for (int c = 0; c < XLSX_COLS && !e; c++)
		e = worksheet_write_string(ws, XLSX_HEADER_ROW - 1, (lxw_col_t)c,
					   XLSX_ITEM_HEADERS[c], head);
	for (int c = 0; c < XLSX_COLS && !e; c++)
		e = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, WIDTHS[c],
					 c <= XLSX_COL_PART ? NULL : column);
	if (!e)
		worksheet_freeze_panes(ws, XLSX_HEADER_ROW, 2);

	for (int i = 0; i < in->n_items && !e; i++) {
		const char *v[XLSX_COLS];
		lxw_row_t row = (lxw_row_t)(XLSX_HEADER_ROW + i);
		xlsx_item_cells(a, &in->items[i], v);
		for (int c = 0; c < XLSX_COLS && !e; c++) {
			lxw_format *f = c == XLSX_COL_UNDERSTOOD ? info : cell;
			if ((c == XLSX_COL_ID || c == XLSX_COL_SEQ) && !*v[c]) {
				e = worksheet_write_blank(ws, row, (lxw_col_t)c, number);
			} else if (c == XLSX_COL_ID || c == XLSX_COL_SEQ || c == XLSX_COL_PART) {
				double num = c == XLSX_COL_ID	 ? (double)in->items[i].id
					     : c == XLSX_COL_SEQ ? in->items[i].seq
								 : in->items[i].part;
				e = worksheet_write_number(ws, row, (lxw_col_t)c, num, number);
			} else if (*v[c]) {
				e = worksheet_write_string(ws, row, (lxw_col_t)c, xstring(a, v[c]),
							   f);
			} else {
				e = worksheet_write_blank(ws, row, (lxw_col_t)c, f);
			}
		}
	}
	/* The hidden sheet: the template, the plan, the lists. */
	if (!e)
		e = worksheet_write_string(meta, XLSX_META_TEMPLATE_ROW - 1, 0, "Mẫu", NULL);
	if (!e)
		e = worksheet_write_string(meta, XLSX_META_TEMPLATE_ROW - 1, XLSX_META_VALUE_COL,
					   XLSX_TEMPLATE, NULL);
	if (!e)
		e = worksheet_write_string(meta, XLSX_META_PLAN_ROW - 1, 0, "Kế hoạch số", NULL);
	if (!e)
		e = worksheet_write_number(meta, XLSX_META_PLAN_ROW - 1, XLSX_META_VALUE_COL,
					   (double)in->plan_id, NULL);
	if (!e)
		e = worksheet_write_string(meta, 3, 3, "Loại", NULL);
	for (int k = 0; k < PLAN_ITEM_KIND_COUNT && !e; k++)
		e = worksheet_write_string(meta, (lxw_row_t)(4 + k), 3,
					   plan_item_kind_label((enum plan_item_kind)k), NULL);
	if (!e)
		e = worksheet_write_string(meta, 3, 4, "Nhóm", NULL);
	for (int k = 0; k < PLAN_CATEGORY_COUNT && !e; k++)
		e = worksheet_write_string(meta, (lxw_row_t)(4 + k), 4,
					   plan_item_category_label((enum plan_item_category)k),
					   NULL);
	worksheet_hide(meta);
	worksheet_activate(ws);
	lxw_error ce = workbook_close(wb);
	return e ? e : ce;
}

int xlsx_items_write(const struct xlsx_items *in, char **out, size_t *len, struct kh_error *err)
{
	struct arena a;
	const char *tmpdir = getenv("TMPDIR");
	if (!tmpdir || !*tmpdir)
		tmpdir = "/tmp";
	char *path = NULL;
	int fd, rc;

	*out = NULL;
	*len = 0;
	arena_init(&a, 65536);
	path = arena_printf(&a, "%s/kehoach-xlsx-XXXXXX", tmpdir);
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
	if (!(rc = add_lists(path, XLSX_HEADER_ROW + in->n_items + SPARE_ROWS, err)))
		rc = slurp(path, out, len, err);
out:
	if (fd >= 0)
		unlink(path);
	arena_release(&a);
	return rc;
}
