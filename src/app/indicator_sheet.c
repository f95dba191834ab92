/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * The indicator sheet both ways (app/indicator_sheet.h): the org's table
 * written as the template, and an uploaded template read back, every row
 * checked against the table's entered figures, then the changes applied
 * through app_indicator_set_values in one transaction.
 */
#include "core/common.h"
#include "app/indicator_sheet.h"
#include "app/indicator.h"
#include "core/buf.h"
#include "core/num.h"
#include "export/indicator_sheet.h"
#include "text/utf8.h"
#include "text/xlsx_read.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define HEADER_SEARCH_ROWS 20
#define ROWS_MAX 2000

/* The figure columns and the slot of the table each one edits. */
static const struct {
	int col;
	const char *period;
} FIGS[] = {
	{IND_COL_BASELINE, "baseline"}, {IND_COL_TERM_TARGET, "target"},
	{IND_COL_TARGET, "target"},	{IND_COL_H1, "h1"},
	{IND_COL_ESTIMATE, "estimate"}, {IND_COL_ACTUAL, "year"},
};

static const struct indicator_figure *row_fig(const struct indicator_row *r, int col)
{
	switch (col) {
	case IND_COL_BASELINE:
		return &r->baseline;
	case IND_COL_TERM_TARGET:
		return &r->term_target;
	case IND_COL_TARGET:
		return &r->year_target;
	case IND_COL_H1:
		return &r->h1;
	case IND_COL_ESTIMATE:
		return &r->estimate;
	default:
		return &r->actual;
	}
}

static const char *derived_text(struct app_ctx *ctx, const struct indicator_row *r)
{
	struct buf b;
	buf_init(&b, 1 << 16);
	for (size_t k = 0; k < KH_ARRAY_LEN(FIGS); k++) {
		const struct indicator_figure *f = row_fig(r, FIGS[k].col);
		if (!f->derived)
			continue;
		char num[40];
		indicator_format_number(f->value, num);
		buf_printf(&b, "%s%s: %s (%s)", b.len ? "; " : "",
			   INDICATOR_XLSX_HEADERS[FIGS[k].col], num, f->derivation);
	}
	const char *out = arena_strdup(ctx->arena, b.data);
	buf_release(&b);
	return out;
}

int app_indicator_sheet_export(struct app_ctx *ctx, int64_t org_id, int year, char **out,
			       size_t *len, const char **filename, struct kh_error *err)
{
	struct indicator_table t;
	int rc;
	*out = NULL;
	*len = 0;
	if ((rc = app_indicator_table(ctx, org_id, year, NULL, 0, &t, err)))
		return rc;
	struct indicator_xlsx_row *rows =
		arena_alloc(ctx->arena, sizeof(*rows) * (size_t)(t.n_rows + 1));
	for (int i = 0; i < t.n_rows; i++) {
		const struct indicator_row *r = &t.rows[i];
		struct indicator_xlsx_row *w = &rows[i];
		w->id = r->ind.id;
		w->code = r->ind.code;
		w->name = r->ind.name;
		w->unit = r->ind.unit;
		w->rollup = indicator_rollup_label(r->ind.rollup);
		w->derived = derived_text(ctx, r);
		for (size_t k = 0; k < KH_ARRAY_LEN(FIGS); k++) {
			const struct indicator_figure *f = row_fig(r, FIGS[k].col);
			w->has[FIGS[k].col] = f->has_entered;
			w->num[FIGS[k].col] = f->entered;
		}
		w->has[IND_COL_BASE_YEAR] = r->baseline.has_entered;
		w->num[IND_COL_BASE_YEAR] = r->baseline.entered_year;
	}
	struct indicator_xlsx x = {
		.org_id = org_id,
		.year = year,
		.title = arena_printf(ctx->arena, "Số liệu chỉ tiêu năm %d — %s", year, t.org_name),
		.subtitle =
			arena_printf(ctx->arena,
				     "Tổ chức số %lld. Các cột số liệu là số liệu do chính"
				     " đơn vị nhập; số tổng hợp từ đơn vị trực thuộc ở cột cuối.",
				     (long long)org_id),
		.rows = rows,
		.n_rows = t.n_rows};
	if ((rc = indicator_xlsx_write(&x, out, len, err)))
		return rc;
	*filename = arena_printf(ctx->arena, "Chỉ tiêu năm %d - %s.xlsx", year, t.org_name);
	return 0;
}

/* ---- reading ---- */

/* A cell's text trimmed, NFC; NULL when it holds control characters. */
static const char *clean(struct app_ctx *ctx, const char *raw)
{
	char *nfc = NULL;
	size_t n = 0;
	if (!*raw)
		return "";
	if (text_normalize(raw, strlen(raw), &nfc, &n) != 0)
		return NULL;
	for (char *p = nfc; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	const char *out = NULL;
	if (!text_has_controls(nfc)) {
		char *t = text_trim_dup(nfc);
		out = arena_strdup(ctx->arena, t);
		free(t);
	}
	free(nfc);
	return out;
}

/* A number as Excel writes it ("12", "1.5", "1E-3") or as a user types it
 * the Vietnamese way ("12,5", "1.234,5"); a trailing "%" is dropped. */
static bool parse_number(const char *s, double *out)
{
	char tmp[64];
	size_t n = 0;
	bool comma = strchr(s, ',') != NULL;
	for (const char *p = s; *p; p++) {
		if (*p == ' ' || (comma && *p == '.'))
			continue;
		if (n + 1 >= sizeof(tmp))
			return false;
		tmp[n++] = *p == ',' ? '.' : *p;
	}
	while (n && tmp[n - 1] == '%')
		n--;
	tmp[n] = 0;
	if (!n || strspn(tmp, "0123456789.-+eE") != n)
		return false;
	char *end;
	double v = strtod(tmp, &end);
	if (*end || !isfinite(v) || fabs(v) >= 1e15)
		return false;
	*out = v;
	return true;
}

static bool whole_number(const char *s, int64_t min, int64_t max, int64_t *out)
{
	double v;
	if (!parse_number(s, &v) || v != floor(v) || v < (double)min || v > (double)max)
		return false;
	*out = (int64_t)v;
	return true;
}

static const char *quote(struct app_ctx *ctx, const char *s)
{
	size_t n = 0, chars = 0;
	while (s[n] && chars < 40) {
		n++;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	return arena_printf(ctx->arena, "«%.*s%s»", (int)n, s, s[n] ? "…" : "");
}

struct parsed {
	int row;
	int64_t id;
	const struct indicator_row *ind;
	bool has[IND_COLS];
	double num[IND_COLS];
	struct buf errors;
	struct buf changes;
};

static void row_error(struct parsed *p, int col, const char *fmt, ...) KH_PRINTF(3, 4);
static void row_error(struct parsed *p, int col, const char *fmt, ...)
{
	va_list ap;
	if (p->errors.len)
		buf_puts(&p->errors, "; ");
	buf_printf(&p->errors, "Dòng %d, cột %s: ", p->row, INDICATOR_XLSX_HEADERS[col]);
	va_start(ap, fmt);
	buf_vprintf(&p->errors, fmt, ap);
	va_end(ap);
}

static int check_template(struct app_ctx *ctx, const struct xlsx_book *b, int64_t org_id, int *year,
			  const struct xlsx_sheet **sheet, int *header_row, struct kh_error *err)
{
	const struct xlsx_sheet *meta = xlsx_sheet_find(b, INDICATOR_XLSX_META);
	const char *tpl = meta ? xlsx_cell_text(meta, INDICATOR_XLSX_META_TEMPLATE_ROW, 1) : "";
	static const char family[] = "kehoach.indicator_values.";
	if (strncmp(tpl, family, sizeof(family) - 1) != 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp không phải mẫu số liệu chỉ tiêu của hệ thống: hãy tải mẫu ở"
			       " trang «Chỉ tiêu» của tổ chức rồi sửa trên tệp đó");
	if (strcmp(tpl, INDICATOR_XLSX_TEMPLATE) != 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp theo mẫu %s, hệ thống cần mẫu %s: hãy tải lại mẫu mới", tpl,
			       INDICATOR_XLSX_TEMPLATE);
	int64_t id, y;
	if (!whole_number(xlsx_cell_text(meta, INDICATOR_XLSX_META_ORG_ROW, 1), 1, INT64_MAX,
			  &id) ||
	    !whole_number(xlsx_cell_text(meta, INDICATOR_XLSX_META_YEAR_ROW, 1), 1990, 2100, &y))
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp không ghi tổ chức và năm (trang ẩn «%s» đã bị sửa)",
			       INDICATOR_XLSX_META);
	if (id != org_id)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp này là số liệu của tổ chức số %lld, không phải tổ chức số %lld",
			       (long long)id, (long long)org_id);
	if (*year && y != *year)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp này là số liệu năm %lld, không phải năm %d", (long long)y,
			       *year);
	*year = (int)y;
	*sheet = xlsx_sheet_find(b, INDICATOR_XLSX_SHEET);
	if (!*sheet)
		return kh_fail(err, KH_EINVAL, "file", "Tệp thiếu trang «%s»",
			       INDICATOR_XLSX_SHEET);
	const struct xlsx_sheet *s = *sheet;
	*header_row = 0;
	for (int r = 1; r <= HEADER_SEARCH_ROWS && r <= s->max_row && !*header_row; r++) {
		const char *a = clean(ctx, xlsx_cell_text(s, r, IND_COL_ID));
		const char *g = clean(ctx, xlsx_cell_text(s, r, IND_COL_NAME));
		if (a && g && strcmp(a, INDICATOR_XLSX_HEADERS[IND_COL_ID]) == 0 &&
		    strcmp(g, INDICATOR_XLSX_HEADERS[IND_COL_NAME]) == 0)
			*header_row = r;
	}
	if (!*header_row)
		return kh_fail(err, KH_EINVAL, "file",
			       "Không thấy dòng tiêu đề của mẫu (Mã, STT, Chỉ tiêu, …) trong trang"
			       " «%s»",
			       INDICATOR_XLSX_SHEET);
	for (int c = 0; c < IND_COLS; c++) {
		const char *h = clean(ctx, xlsx_cell_text(s, *header_row, c));
		if (!h || strcmp(h, INDICATOR_XLSX_HEADERS[c]) != 0) {
			char col[4];
			xlsx_col_name(c, col);
			return kh_fail(err, KH_EINVAL, "file",
				       "Dòng %d, cột %s: tiêu đề phải là «%s» (đừng thêm, xóa hay"
				       " đổi chỗ các cột của mẫu)",
				       *header_row, col, INDICATOR_XLSX_HEADERS[c]);
		}
	}
	return 0;
}

/* Reads one row; false for an empty row (skipped). */
static bool parse_row(struct app_ctx *ctx, const struct xlsx_sheet *s, int row,
		      const struct indicator_table *t, struct parsed *p)
{
	memset(p, 0, sizeof(*p));
	p->row = row;
	buf_init(&p->errors, 1 << 16);
	buf_init(&p->changes, 1 << 12);
	bool any = false;
	const char *v[IND_COLS];
	for (int c = 0; c < IND_COLS; c++) {
		v[c] = clean(ctx, xlsx_cell_text(s, row, c));
		any = any || !v[c] || *v[c];
	}
	if (!any)
		return false;
	for (int c = 0; c < IND_COLS; c++)
		if (!v[c]) {
			row_error(p, c, "ô chứa ký tự điều khiển");
			v[c] = "";
		}
	if (!*v[IND_COL_ID]) {
		row_error(p, IND_COL_ID,
			  "thiếu mã chỉ tiêu (chỉ tiêu mới hãy định nghĩa trên trang «Chỉ tiêu»)");
	} else if (!whole_number(v[IND_COL_ID], 1, INT64_MAX, &p->id)) {
		row_error(p, IND_COL_ID, "%s không phải mã chỉ tiêu", quote(ctx, v[IND_COL_ID]));
	} else {
		for (int i = 0; i < t->n_rows && !p->ind; i++)
			if (t->rows[i].ind.id == p->id)
				p->ind = &t->rows[i];
		if (!p->ind)
			row_error(p, IND_COL_ID, "chỉ tiêu mã %lld không áp dụng cho tổ chức này",
				  (long long)p->id);
	}
	for (int c = IND_COL_BASE_YEAR; c <= IND_COL_ACTUAL; c++) {
		if (!*v[c])
			continue;
		if (!parse_number(v[c], &p->num[c]))
			row_error(p, c, "%s không phải là số", quote(ctx, v[c]));
		else
			p->has[c] = true;
	}
	if (p->has[IND_COL_BASE_YEAR]) {
		int64_t y;
		if (!whole_number(v[IND_COL_BASE_YEAR], 1990, 2100, &y)) {
			row_error(p, IND_COL_BASE_YEAR, "%s không phải là năm",
				  quote(ctx, v[IND_COL_BASE_YEAR]));
			p->has[IND_COL_BASE_YEAR] = false;
		} else if (p->ind && y > p->ind->ind.year_to) {
			row_error(p, IND_COL_BASE_YEAR,
				  "năm của giá trị nền phải trước khi hết nhiệm kỳ (%d)",
				  p->ind->ind.year_to);
		}
	}
	if (p->has[IND_COL_BASELINE] && !p->has[IND_COL_BASE_YEAR] && !p->errors.len)
		row_error(p, IND_COL_BASE_YEAR, "có giá trị nền thì phải ghi năm của nó");
	if (p->ind && (t->year < p->ind->ind.year_from || t->year > p->ind->ind.year_to))
		for (int c = IND_COL_TARGET; c <= IND_COL_ACTUAL; c++)
			if (p->has[c] && !row_fig(p->ind, c)->has_entered)
				row_error(p, c, "năm %d nằm ngoài nhiệm kỳ %d–%d của chỉ tiêu",
					  t->year, p->ind->ind.year_from, p->ind->ind.year_to);
	return true;
}

/* Adds to in[] the changes of a checked row, recording them in p->changes
 * and refusing changes to locked figures. */
static int row_changes(struct app_ctx *ctx, const struct indicator_table *t, struct parsed *p,
		       struct indicator_value_input *in, int n)
{
	const struct indicator_row *r = p->ind;
	for (size_t k = 0; k < KH_ARRAY_LEN(FIGS); k++) {
		int c = FIGS[k].col;
		const struct indicator_figure *f = row_fig(r, c);
		bool baseline = c == IND_COL_BASELINE;
		int year = baseline		      ? (int)p->num[IND_COL_BASE_YEAR]
			   : c == IND_COL_TERM_TARGET ? 0
						      : t->year;
		bool same = p->has[c] == f->has_entered &&
			    (!p->has[c] ||
			     (p->num[c] == f->entered && (!baseline || year == f->entered_year)));
		if (same)
			continue;
		if (f->has_entered && f->locked) {
			row_error(p,
				  baseline && p->has[c] && p->num[c] == f->entered
					  ? IND_COL_BASE_YEAR
					  : c,
				  "số liệu đã được chấp nhận trong báo cáo nên không sửa được");
			continue;
		}
		buf_printf(&p->changes, "%s%s", p->changes.len ? ", " : "",
			   INDICATOR_XLSX_HEADERS[c]);
		/* A baseline moved to another year leaves the old one. */
		if (f->has_entered && (!p->has[c] || (baseline && year != f->entered_year)))
			in[n++] = (struct indicator_value_input){.indicator_id = r->ind.id,
								 .org_id = t->org_id,
								 .period = FIGS[k].period,
								 .year = baseline ? f->entered_year
									 : c == IND_COL_TERM_TARGET
										 ? 0
										 : t->year,
								 .clear = true};
		if (p->has[c])
			in[n++] = (struct indicator_value_input){.indicator_id = r->ind.id,
								 .org_id = t->org_id,
								 .period = FIGS[k].period,
								 .year = year,
								 .value = p->num[c],
								 .note = baseline ? NULL : f->note};
	}
	(void)ctx;
	return n;
}

int app_indicator_sheet_apply(struct app_ctx *ctx, int64_t org_id, int year, const void *bytes,
			      size_t len, bool dry_run, struct sheet_report *out,
			      struct kh_error *err)
{
	struct indicator_table t;
	struct xlsx_book book = {0};
	const struct xlsx_sheet *s = NULL;
	struct parsed *rows = NULL;
	bool tx = false, read = false;
	int n = 0, header = 0, rc, n_in = 0;

	memset(out, 0, sizeof(*out));
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	tx = true;
	/* The org and the right to enter its figures, before the file is read. */
	if ((rc = app_indicator_table(ctx, org_id, year ? year : 2000, NULL, 0, &t, err)) ||
	    (rc = app_can_act_for_org(ctx, org_id, err)))
		goto out;
	if (len > INDICATOR_SHEET_MAX_BYTES) {
		rc = kh_fail(err, KH_ETOOBIG, "file", "Tệp Excel lớn quá %u MB",
			     INDICATOR_SHEET_MAX_BYTES / (1024 * 1024));
		goto out;
	}
	if ((rc = xlsx_read(bytes, len, &book, err)))
		goto out;
	read = true;
	if ((rc = check_template(ctx, &book, org_id, &year, &s, &header, err)))
		goto out;
	if (s->max_row - header > ROWS_MAX) {
		rc = kh_fail(err, KH_ETOOBIG, "file", "Trang «%s» có quá nhiều dòng",
			     INDICATOR_XLSX_SHEET);
		goto out;
	}
	if ((rc = app_indicator_table(ctx, org_id, year, NULL, 0, &t, err)))
		goto out;

	rows = xcalloc((size_t)(s->max_row - header + 1), sizeof(*rows));
	bool *seen = arena_alloc(ctx->arena, (size_t)t.n_rows + 1);
	struct indicator_value_input *in =
		arena_alloc(ctx->arena, sizeof(*in) * (size_t)(2 * KH_ARRAY_LEN(FIGS) *
							       (size_t)(s->max_row - header + 1)));
	for (int r = header + 1; r <= s->max_row; r++) {
		struct parsed *p = &rows[n];
		if (!parse_row(ctx, s, r, &t, p)) {
			buf_release(&p->errors);
			buf_release(&p->changes);
			continue;
		}
		n++;
		if (p->ind) {
			int k = (int)(p->ind - t.rows);
			if (seen[k]) {
				for (int j = 0; j < n - 1; j++)
					if (rows[j].id == p->id) {
						row_error(p, IND_COL_ID, "mã %lld đã có ở dòng %d",
							  (long long)p->id, rows[j].row);
						break;
					}
			}
			seen[k] = true;
		}
		if (!p->errors.len)
			n_in = row_changes(ctx, &t, p, in, n_in);
	}
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + t.n_rows + 1));
	for (int i = 0; i < n; i++) {
		struct parsed *p = &rows[i];
		struct sheet_row *w = &out->rows[out->n_rows++];
		w->row = p->row;
		w->item_id = p->ind ? p->id : 0;
		w->text = p->ind ? p->ind->ind.name : "";
		if (p->errors.len) {
			w->action = "error";
			w->message = arena_strdup(ctx->arena, p->errors.data);
			out->n_errors++;
		} else if (p->changes.len) {
			w->action = "update";
			w->message = arena_printf(ctx->arena, "Sửa: %s", p->changes.data);
			out->n_updated++;
		} else {
			w->action = "unchanged";
			w->message = "";
			out->n_unchanged++;
		}
	}
	for (int i = 0; i < t.n_rows; i++) {
		if (seen[i])
			continue;
		struct sheet_row *w = &out->rows[out->n_rows++];
		w->item_id = t.rows[i].ind.id;
		w->action = "kept";
		w->message = "Không có trong tệp: giữ nguyên";
		w->text = t.rows[i].ind.name;
		out->n_kept++;
	}
	if (out->n_errors) {
		rc = kh_fail(err, KH_EINVAL, "file",
			     "Tệp có %d dòng lỗi: chưa có thay đổi nào được ghi. Hãy sửa các dòng"
			     " lỗi rồi tải lên lại.",
			     out->n_errors);
		goto out;
	}
	if (dry_run)
		goto out;
	if (n_in) {
		if ((rc = app_indicator_set_values(ctx, in, n_in, NULL, err))) {
			tx = false; /* rolled back */
			goto out;
		}
		json_t *j = json_pack("{s:I, s:i, s:i, s:i}", "org_id", (json_int_t)org_id, "year",
				      year, "updated", out->n_updated, "figures", n_in);
		char *after = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		rc = app_audit(ctx, "indicator.sheet", "org", org_id, NULL, after, err);
		free(after);
		if (rc)
			goto out;
	}
	if ((rc = store_commit(ctx->store, err)))
		goto out;
	tx = false;
	out->applied = true;
out:
	if (tx)
		store_rollback(ctx->store);
	for (int i = 0; rows && i < n; i++) {
		buf_release(&rows[i].errors);
		buf_release(&rows[i].changes);
	}
	free(rows);
	if (read)
		xlsx_book_release(&book);
	return rc;
}
