/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Bulk edits of a plan's items from its XLSX template (app/plan_sheet.h).
 * Everything happens in one write transaction: the plan is read with
 * app_plan_get (so the read rule and 403/404 come first), the file is read
 * with text/xlsx_read and checked against the template of export/xlsx.h,
 * every row is parsed, validated and compared with its item — the cells of
 * an untouched row equal xlsx_item_cells() of the item, after the same
 * cleaning on both sides — and only then are the rows applied through
 * app_plan_item_update/app_plan_item_create, which nest in the transaction
 * (store_begin counts depth) and keep their own rules and audit. A dry run
 * rolls the applied rows back.
 */
#include "core/common.h"
#include "app/plan_sheet.h"
#include "app/import_plan.h"
#include "app/plan.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"
#include "export/xlsx.h"
#include "text/fold.h"
#include "text/importer.h"
#include "text/utf8.h"
#include "text/xlsx_read.h"

#include <stdlib.h>
#include <string.h>

/* The limits of struct plan_item_input (app/plan.c). */
#define LINE_MAX_CHARS 500
#define FIELD_MAX 2000
/* How far down the header row may have moved. */
#define HEADER_SEARCH_ROWS 20

/* Per column: the most characters, and whether it is one line (line breaks
 * typed in Excel become spaces). 0 = not read back. */
static const struct {
	size_t max;
	bool line;
} COLS[XLSX_COLS] = {
	[XLSX_COL_SECTION] = {LINE_MAX_CHARS, true},  [XLSX_COL_TEXT] = {PLAN_TEXT_MAX, false},
	[XLSX_COL_MEASURES] = {PLAN_TEXT_MAX, false}, [XLSX_COL_LEAD] = {LINE_MAX_CHARS, true},
	[XLSX_COL_COORD] = {FIELD_MAX, true},	      [XLSX_COL_DEADLINE] = {LINE_MAX_CHARS, true},
	[XLSX_COL_RESOURCES] = {FIELD_MAX, false},    [XLSX_COL_SERVES] = {FIELD_MAX, false},
};

/* One row of the sheet, parsed. */
struct parsed {
	int row;
	int64_t id;		      /* 0 = a new row */
	const struct plan_item *item; /* the item of Mã */
	int part;		      /* 0 = empty */
	int kind, category;	      /* -1 = empty */
	const char *v[XLSX_COLS];     /* cleaned texts */
	unsigned changed;	      /* bit per column */
	struct buf errors;
};

/* ---- cells ---- */

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* A cell's text as the use cases take it: NFC, line ends as "\n", one-line
 * fields on one line with their spaces collapsed, multi-line ones trimmed.
 * NULL when it holds a control character or is not valid UTF-8. */
static const char *clean(struct app_ctx *ctx, const char *raw, bool line)
{
	char *nfc = NULL;
	size_t n = 0;
	if (!*raw)
		return "";
	if (text_normalize(raw, strlen(raw), &nfc, &n) != 0)
		return NULL;
	char *w = nfc;
	for (const char *p = nfc; *p; p++) {
		char c = *p;
		if (c == '\r') {
			if (p[1] == '\n')
				continue;
			c = '\n';
		}
		if (line && (c == '\n' || c == '\t'))
			c = ' ';
		*w++ = c;
	}
	*w = 0;
	const char *out = NULL;
	bool bad = false;
	for (const unsigned char *p = (const unsigned char *)nfc; *p && !bad; p++)
		bad = (*p < 0x20 && *p != '\n' && *p != '\t') || *p == 0x7F;
	if (!bad && line) {
		char *t = text_trim_dup(nfc);
		out = arena_strdup(ctx->arena, t);
		free(t);
	} else if (!bad) {
		const char *s = nfc;
		size_t len = strlen(s);
		while (len && is_space(s[len - 1]))
			len--;
		while (len && is_space(*s)) {
			s++;
			len--;
		}
		out = arena_memdup0(ctx->arena, s, len);
	}
	free(nfc);
	return out;
}

/* A whole number as Excel writes it ("12", "12.0"); false otherwise. */
static bool whole_number(const char *s, int64_t min, int64_t max, int64_t *out)
{
	const char *dot = strchr(s, '.');
	char tmp[32];
	if (dot) {
		if (strspn(dot + 1, "0") != strlen(dot + 1) || (size_t)(dot - s) >= sizeof(tmp))
			return false;
		memcpy(tmp, s, (size_t)(dot - s));
		tmp[dot - s] = 0;
		s = tmp;
	}
	return num_parse_i64(s, min, max, out) == 0;
}

/* Excel turns "30/6/2026" typed in a General cell into the serial day
 * 46203: read such a number in Thời gian hoàn thành back as the date. */
static const char *serial_date(struct app_ctx *ctx, const char *s)
{
	int64_t serial;
	if (strlen(s) != 5 || !whole_number(s, 20000, 79999, &serial))
		return s;
	int y, m, d;
	date_to_ymd(date_from_ymd(1899, 12, 30) + (int32_t)serial, &y, &m, &d);
	return arena_printf(ctx->arena, "%02d/%02d/%04d", d, m, y);
}

static int parse_kind(const char *s)
{
	enum plan_item_kind k;
	for (int i = 0; i < PLAN_ITEM_KIND_COUNT; i++)
		if (text_fold_eq(s, plan_item_kind_label((enum plan_item_kind)i)))
			return i;
	return plan_item_kind_parse(s, &k) ? (int)k : -2;
}

static int parse_category(const char *s)
{
	enum plan_item_category c;
	for (int i = 0; i < PLAN_CATEGORY_COUNT; i++)
		if (text_fold_eq(s, plan_item_category_label((enum plan_item_category)i)))
			return i;
	return plan_item_category_parse(s, &c) ? (int)c : -2;
}

static void row_error(struct parsed *p, int col, const char *fmt, ...) KH_PRINTF(3, 4);
static void row_error(struct parsed *p, int col, const char *fmt, ...)
{
	va_list ap;
	if (p->errors.len)
		buf_puts(&p->errors, "; ");
	buf_printf(&p->errors, "Dòng %d, cột %s: ", p->row, XLSX_ITEM_HEADERS[col]);
	va_start(ap, fmt);
	buf_vprintf(&p->errors, fmt, ap);
	va_end(ap);
}

/* A quoted cell for a message, cut to 60 characters. */
static const char *quote(struct app_ctx *ctx, const char *s)
{
	size_t n = 0, chars = 0;
	while (s[n] && chars < 60) {
		n++;
		while ((s[n] & 0xC0) == 0x80)
			n++;
		chars++;
	}
	return arena_printf(ctx->arena, "«%.*s%s»", (int)n, s, s[n] ? "…" : "");
}

/* ---- the template ---- */

static int check_template(struct app_ctx *ctx, const struct xlsx_book *b, int64_t plan_id,
			  const struct xlsx_sheet **items, int *header_row, struct kh_error *err)
{
	const struct xlsx_sheet *meta = xlsx_sheet_find(b, XLSX_SHEET_META);
	const char *tpl =
		meta ? xlsx_cell_text(meta, XLSX_META_TEMPLATE_ROW, XLSX_META_VALUE_COL) : "";
	static const char family[] = "kehoach.plan_items.";
	if (strncmp(tpl, family, sizeof(family) - 1) != 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp không phải mẫu danh sách nội dung kế hoạch của hệ thống: hãy"
			       " tải mẫu ở trang «Sửa hàng loạt bằng Excel» của kế hoạch rồi sửa"
			       " trên tệp đó");
	if (strcmp(tpl, XLSX_TEMPLATE) != 0)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp theo mẫu %s, hệ thống cần mẫu %s: hãy tải lại mẫu mới", tpl,
			       XLSX_TEMPLATE);
	int64_t id;
	const char *ids = xlsx_cell_text(meta, XLSX_META_PLAN_ROW, XLSX_META_VALUE_COL);
	if (!whole_number(ids, 1, INT64_MAX, &id))
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp không ghi kế hoạch nào (trang ẩn «%s» đã bị sửa)",
			       XLSX_SHEET_META);
	if (id != plan_id)
		return kh_fail(err, KH_EINVAL, "file",
			       "Tệp này là danh sách nội dung của kế hoạch số %lld, không phải kế"
			       " hoạch số %lld",
			       (long long)id, (long long)plan_id);
	*items = xlsx_sheet_find(b, XLSX_SHEET_ITEMS);
	if (!*items)
		return kh_fail(err, KH_EINVAL, "file", "Tệp thiếu trang «%s»", XLSX_SHEET_ITEMS);
	const struct xlsx_sheet *s = *items;
	*header_row = 0;
	for (int r = 1; r <= HEADER_SEARCH_ROWS && r <= s->max_row && !*header_row; r++) {
		const char *a = clean(ctx, xlsx_cell_text(s, r, XLSX_COL_ID), true);
		const char *g = clean(ctx, xlsx_cell_text(s, r, XLSX_COL_TEXT), true);
		if (a && g && strcmp(a, XLSX_ITEM_HEADERS[XLSX_COL_ID]) == 0 &&
		    strcmp(g, XLSX_ITEM_HEADERS[XLSX_COL_TEXT]) == 0)
			*header_row = r;
	}
	if (!*header_row)
		return kh_fail(err, KH_EINVAL, "file",
			       "Không thấy dòng tiêu đề của mẫu (Mã, TT, Phần, Mục, …) trong trang"
			       " «%s»",
			       XLSX_SHEET_ITEMS);
	for (int c = 0; c < XLSX_COLS; c++) {
		const char *h = clean(ctx, xlsx_cell_text(s, *header_row, c), true);
		if (!h || strcmp(h, XLSX_ITEM_HEADERS[c]) != 0) {
			char col[4];
			xlsx_col_name(c, col);
			return kh_fail(err, KH_EINVAL, "file",
				       "Dòng %d, cột %s: tiêu đề phải là «%s» (đừng thêm, xóa hay"
				       " đổi chỗ các cột của mẫu)",
				       *header_row, col, XLSX_ITEM_HEADERS[c]);
		}
	}
	return 0;
}

/* ---- rows ---- */

static const struct plan_item *find_item(const struct plan_view *v, int64_t id)
{
	for (int i = 0; i < v->n_items; i++)
		if (v->items[i].id == id)
			return &v->items[i];
	return NULL;
}

/* Parses and checks one row; false when it is empty. */
static bool parse_row(struct app_ctx *ctx, const struct xlsx_sheet *s, int row,
		      const struct plan_view *v, struct parsed *p)
{
	const char *raw[XLSX_COLS];
	bool empty = true;
	memset(p, 0, sizeof(*p));
	p->row = row;
	p->kind = p->category = -1;
	buf_init(&p->errors, 64 * 1024);
	for (int c = 0; c < XLSX_COLS; c++) {
		raw[c] = xlsx_cell_text(s, row, c);
		if (c != XLSX_COL_SEQ && c != XLSX_COL_UNDERSTOOD)
			empty = empty && !*raw[c];
	}
	if (empty)
		return false;

	for (int c = 0; c < XLSX_COLS; c++) {
		bool line = COLS[c].max ? COLS[c].line : true;
		p->v[c] = clean(ctx, raw[c], line);
		if (!p->v[c]) {
			p->v[c] = "";
			row_error(p, c, "có ký tự điều khiển hoặc không phải văn bản hợp lệ");
		}
	}
	const char *id = p->v[XLSX_COL_ID];
	if (*id) {
		int64_t n;
		if (!whole_number(id, 1, INT64_MAX, &n))
			row_error(p, XLSX_COL_ID, "%s không phải mã số của một nội dung",
				  quote(ctx, id));
		else if (!(p->item = find_item(v, n)))
			row_error(p, XLSX_COL_ID, "kế hoạch này không có nội dung mã %lld",
				  (long long)n);
		else
			p->id = n;
	}
	const char *part = p->v[XLSX_COL_PART];
	if (*part) {
		int64_t n;
		if (!whole_number(part, 1, 3, &n))
			row_error(p, XLSX_COL_PART, "%s không đúng: phần phải là 1, 2 hoặc 3",
				  quote(ctx, part));
		else
			p->part = (int)n;
	} else if (*id) {
		row_error(p, XLSX_COL_PART, "không được để trống (1, 2 hoặc 3)");
	}
	const char *kind = p->v[XLSX_COL_KIND];
	if (*kind && (p->kind = parse_kind(kind)) < 0)
		row_error(p, XLSX_COL_KIND, "%s không phải một loại nội dung", quote(ctx, kind));
	else if (!*kind && *id)
		row_error(p, XLSX_COL_KIND, "không được để trống");
	const char *cat = p->v[XLSX_COL_CATEGORY];
	if (*cat && (p->category = parse_category(cat)) < 0)
		row_error(p, XLSX_COL_CATEGORY, "%s không phải một nhóm nội dung", quote(ctx, cat));
	else if (!*cat && *id)
		row_error(p, XLSX_COL_CATEGORY, "không được để trống");
	if (!*p->v[XLSX_COL_TEXT])
		row_error(p, XLSX_COL_TEXT, "không được để trống");
	for (int c = 0; c < XLSX_COLS; c++) {
		size_t n = COLS[c].max ? utf8_char_count(p->v[c]) : 0;
		if (n > COLS[c].max)
			row_error(p, c, "dài %zu ký tự, quá giới hạn %zu", n, COLS[c].max);
	}
	if (*p->v[XLSX_COL_DEADLINE])
		p->v[XLSX_COL_DEADLINE] = serial_date(ctx, p->v[XLSX_COL_DEADLINE]);
	return true;
}

/* The columns where the row differs from its item. */
static void diff_row(struct app_ctx *ctx, struct parsed *p)
{
	const char *cur[XLSX_COLS];
	xlsx_item_cells(ctx->arena, p->item, cur);
	for (int c = 0; c < XLSX_COLS; c++) {
		if (!COLS[c].max)
			continue;
		const char *now = clean(ctx, cur[c], COLS[c].line);
		if (!now || strcmp(now, p->v[c]) != 0)
			p->changed |= 1u << c;
	}
	if (p->part != p->item->part)
		p->changed |= 1u << XLSX_COL_PART;
	if (p->kind != (int)p->item->kind)
		p->changed |= 1u << XLSX_COL_KIND;
	if (p->category != (int)p->item->category)
		p->changed |= 1u << XLSX_COL_CATEGORY;
}

static const char *changed_list(struct app_ctx *ctx, unsigned changed)
{
	struct buf b;
	buf_init(&b, 4096);
	for (int c = 0; c < XLSX_COLS; c++)
		if (changed & (1u << c))
			buf_printf(&b, "%s%s", b.len ? ", " : "", XLSX_ITEM_HEADERS[c]);
	const char *out = arena_strdup(ctx->arena, b.data);
	buf_release(&b);
	return out;
}

/* The use case's input for a row: every field of a new row, the changed
 * ones of an existing item. */
static void row_input(const struct parsed *p, struct plan_item_input *in)
{
	bool all = p->id == 0;
	unsigned ch = all ? ~0u : p->changed;
	memset(in, 0, sizeof(*in));
#define CH(col) (ch & (1u << (col)))
	if (CH(XLSX_COL_PART))
		in->part = p->part;
	if (CH(XLSX_COL_SECTION))
		in->section = p->v[XLSX_COL_SECTION];
	if (CH(XLSX_COL_KIND) && p->kind >= 0)
		in->kind = plan_item_kind_name((enum plan_item_kind)p->kind);
	if (CH(XLSX_COL_CATEGORY) && p->category >= 0)
		in->category = plan_item_category_name((enum plan_item_category)p->category);
	if (CH(XLSX_COL_TEXT))
		in->text = p->v[XLSX_COL_TEXT];
	if (CH(XLSX_COL_MEASURES))
		in->measures = p->v[XLSX_COL_MEASURES];
	if (CH(XLSX_COL_LEAD)) {
		in->set_lead = true;
		in->lead_text = p->v[XLSX_COL_LEAD];
	}
	if (CH(XLSX_COL_COORD)) {
		in->coordinators = p->v[XLSX_COL_COORD];
		in->set_coordinator_orgs = !all;
	}
	if (CH(XLSX_COL_DEADLINE))
		in->deadline_text = p->v[XLSX_COL_DEADLINE];
	if (CH(XLSX_COL_RESOURCES))
		in->resources = p->v[XLSX_COL_RESOURCES];
	if (CH(XLSX_COL_SERVES))
		in->serves = p->v[XLSX_COL_SERVES];
#undef CH
}

/* A changed Chủ trì or Phối hợp cell is read as the importer reads names:
 * the lead (the cell's first name) and each coordinator matched to the org
 * it names, so that editing the text in the sheet keeps the item tied to
 * orgs (unmatched names stay as written). */
static int match_names(struct app_ctx *ctx, int64_t owner, struct plan_item_input *in,
		       struct kh_error *err)
{
	int rc = 0;
	if (in->set_lead && in->lead_text && *in->lead_text) {
		char **names;
		int n = import_split_names(in->lead_text, &names);
		const char *first = n ? names[0] : in->lead_text;
		int64_t id = 0;
		bool group = false;
		rc = app_import_match_names(ctx, owner, &first, 1, &id, &group, err);
		in->lead_org_id = id;
		in->lead_group = group && id;
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		if (rc)
			return rc;
	}
	if (in->coordinators) {
		char **names;
		int n = import_split_names(in->coordinators, &names), k = 0;
		int64_t *ids = arena_alloc(ctx->arena, sizeof(*ids) * ((size_t)n + 1));
		if (n)
			rc = app_import_match_names(ctx, owner, (const char *const *)names, n, ids,
						    NULL, err);
		for (int i = 0; i < n && !rc; i++) {
			bool dup = !ids[i];
			for (int j = 0; j < k && !dup; j++)
				dup = ids[j] == ids[i];
			if (!dup)
				ids[k++] = ids[i];
		}
		for (int i = 0; i < n; i++)
			free(names[i]);
		free(names);
		if (rc)
			return rc;
		in->coordinator_org_ids = ids;
		in->n_coordinator_orgs = k;
		in->set_coordinator_orgs = true;
	}
	return 0;
}

/* ---- the use case ---- */

static void count(struct sheet_report *out, const char *action)
{
	if (strcmp(action, "update") == 0)
		out->n_updated++;
	else if (strcmp(action, "create") == 0)
		out->n_created++;
	else if (strcmp(action, "unchanged") == 0)
		out->n_unchanged++;
	else if (strcmp(action, "error") == 0)
		out->n_errors++;
	else
		out->n_kept++;
}

/* Applies the valid rows in order; on failure the row that failed gets the
 * use case's message. */
static int apply_rows(struct app_ctx *ctx, int64_t plan_id, int64_t owner, struct parsed *rows,
		      int n, struct sheet_report *out, bool dry_run, struct kh_error *err)
{
	int64_t prev = 0; /* the item of the row above */
	int rc = 0;
	for (int i = 0; i < n; i++) {
		struct parsed *p = &rows[i];
		struct sheet_row *w = &out->rows[i];
		struct plan_item_input in;
		struct plan_item it;
		row_input(p, &in);
		if ((rc = match_names(ctx, owner, &in, err)))
			return rc;
		if (p->id && p->changed) {
			rc = app_plan_item_update(ctx, p->id, &in, NULL, err);
			if (!rc && !dry_run)
				w->message = arena_printf(ctx->arena, "Đã sửa: %s",
							  changed_list(ctx, p->changed));
		} else if (!p->id) {
			in.after_seq = -1;
			if (prev && !(rc = app_plan_item_get(ctx, prev, &it, NULL, err)))
				in.after_seq = it.seq;
			if (!rc && !(rc = app_plan_item_create(ctx, plan_id, &in, &it, err))) {
				p->id = it.id;
				if (!dry_run) {
					w->item_id = it.id;
					w->message =
						arena_printf(ctx->arena, "Đã thêm nội dung mã %lld",
							     (long long)it.id);
				}
			}
		}
		if (rc) {
			w->action = "error";
			w->message = arena_printf(ctx->arena, "Dòng %d: %s", p->row, err->message);
			return rc;
		}
		prev = p->id;
	}
	return 0;
}

int app_plan_sheet_apply(struct app_ctx *ctx, int64_t plan_id, const void *bytes, size_t len,
			 bool dry_run, struct sheet_report *out, struct kh_error *err)
{
	struct plan_view v;
	struct xlsx_book book = {0};
	const struct xlsx_sheet *s = NULL;
	struct parsed *rows = NULL;
	bool tx = false, read = false;
	int n = 0, header = 0, rc;

	memset(out, 0, sizeof(*out));
	if ((rc = store_begin(ctx->store, true, err)))
		return rc;
	tx = true;
	if ((rc = app_plan_get(ctx, plan_id, &v, err)))
		goto out;
	/* The editing rule of the plan use cases, asked before the file is
	 * even read. */
	if ((rc = app_plan_require_editable(ctx, plan_id, err)))
		goto out;
	if (len > PLAN_SHEET_MAX_BYTES) {
		rc = kh_fail(err, KH_ETOOBIG, "file", "Tệp Excel lớn quá %u MB",
			     PLAN_SHEET_MAX_BYTES / (1024 * 1024));
		goto out;
	}
	if ((rc = xlsx_read(bytes, len, &book, err)))
		goto out;
	read = true;
	if ((rc = check_template(ctx, &book, plan_id, &s, &header, err)))
		goto out;
	if (s->max_row - header > PLAN_ITEMS_MAX + 1000) {
		rc = kh_fail(err, KH_ETOOBIG, "file", "Trang «%s» có quá nhiều dòng",
			     XLSX_SHEET_ITEMS);
		goto out;
	}

	/* Every row first. */
	rows = xcalloc((size_t)(s->max_row - header + 1), sizeof(*rows));
	bool *seen = arena_alloc(ctx->arena, (size_t)v.n_items + 1);
	for (int r = header + 1; r <= s->max_row; r++) {
		struct parsed *p = &rows[n];
		if (!parse_row(ctx, s, r, &v, p)) {
			buf_release(&p->errors);
			continue;
		}
		n++;
		if (!p->id)
			continue;
		int k = (int)(p->item - v.items);
		if (seen[k]) {
			for (int j = 0; j < n - 1; j++)
				if (rows[j].id == p->id) {
					row_error(p, XLSX_COL_ID, "mã %lld đã có ở dòng %d",
						  (long long)p->id, rows[j].row);
					break;
				}
			p->id = 0;
			p->item = NULL;
		}
		seen[k] = true;
	}
	out->rows = arena_alloc(ctx->arena, sizeof(*out->rows) * (size_t)(n + v.n_items + 1));
	for (int i = 0; i < n; i++) {
		struct parsed *p = &rows[i];
		struct sheet_row *w = &out->rows[out->n_rows++];
		w->row = p->row;
		w->item_id = p->id;
		w->text = p->v[XLSX_COL_TEXT];
		if (p->errors.len) {
			w->action = "error";
			w->message = arena_strdup(ctx->arena, p->errors.data);
		} else if (!p->id) {
			w->action = "create";
			w->message = "Thêm nội dung mới";
		} else {
			diff_row(ctx, p);
			w->action = p->changed ? "update" : "unchanged";
			w->message = p->changed ? arena_printf(ctx->arena, "Sửa: %s",
							       changed_list(ctx, p->changed))
						: "";
		}
	}
	for (int i = 0; i < v.n_items; i++) {
		if (seen[i])
			continue;
		struct sheet_row *w = &out->rows[out->n_rows++];
		w->item_id = v.items[i].id;
		w->action = "kept";
		w->message = "Không có trong tệp: giữ nguyên";
		w->text = v.items[i].text;
	}
	for (int i = 0; i < out->n_rows; i++)
		count(out, out->rows[i].action);
	if (out->n_errors) {
		rc = kh_fail(err, KH_EINVAL, "file",
			     "Tệp có %d dòng lỗi: chưa có thay đổi nào được ghi. Hãy sửa các dòng"
			     " lỗi rồi tải lên lại.",
			     out->n_errors);
		goto out;
	}

	/* Then all of them, in one transaction. */
	if ((rc = apply_rows(ctx, plan_id, v.plan.owner_org_id, rows, n, out, dry_run, err))) {
		out->n_errors = 1;
		if (rc != KH_EINVAL && rc != KH_ETOOBIG)
			goto out;
		rc = kh_fail(err, KH_EINVAL, "file",
			     "Tệp có dòng không ghi được: chưa có thay đổi nào được ghi");
		goto out;
	}
	if (dry_run)
		goto out;
	if (out->n_updated || out->n_created) {
		json_t *j = json_pack("{s:i, s:i, s:i, s:i}", "updated", out->n_updated, "created",
				      out->n_created, "unchanged", out->n_unchanged, "kept",
				      out->n_kept);
		char *after = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(j);
		rc = app_audit(ctx, "plan.sheet", "plan", plan_id, NULL, after, err);
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
	for (int i = 0; rows && i < n; i++)
		buf_release(&rows[i].errors);
	free(rows);
	if (read)
		xlsx_book_release(&book);
	return rc;
}

json_t *app_sheet_report_json(const struct sheet_report *rep)
{
	json_t *rows = json_array();
	for (int i = 0; i < rep->n_rows; i++) {
		const struct sheet_row *w = &rep->rows[i];
		json_array_append_new(
			rows,
			json_pack("{s:o, s:o, s:s, s:s, s:s}", "row",
				  w->row ? json_integer(w->row) : json_null(), "item_id",
				  w->item_id ? json_integer(w->item_id) : json_null(), "action",
				  w->action, "message", w->message ? w->message : "", "text",
				  w->text ? w->text : ""));
	}
	return json_pack("{s:i, s:i, s:i, s:i, s:i, s:i, s:b, s:o}", "rows", rep->n_rows, "updated",
			 rep->n_updated, "created", rep->n_created, "unchanged", rep->n_unchanged,
			 "errors", rep->n_errors, "kept", rep->n_kept, "applied", rep->applied,
			 "results", rows);
}
