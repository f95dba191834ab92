/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Bulk edits of a plan's items from its XLSX template (app/plan_sheet.h):
 * the exported file uploaded unchanged changes nothing; an edited cell
 * updates that field (and a typed date Excel turned into a serial day is
 * read back as the date); a row without Mã creates an item after the row
 * above it; a removed row keeps its item; errors come row by row with
 * nothing applied; a dry run applies nothing; a foreign file, another
 * plan's template, a changed header are refused; an approved plan and an
 * actor out of scope are refused. Edited workbooks are made the way a
 * spreadsheet program saves them: the exported file read back to cells,
 * changed, and written again as a new package (inline strings) with
 * libzip. */
#include "core/common.h"
#include "app/export.h"
#include "app/org.h"
#include "app/plan.h"
#include "app/plan_sheet.h"
#include "core/buf.h"
#include "core/date.h"
#include "export/xlsx.h"
#include "export/xml.h"
#include "text/deadline.h"
#include "text/xlsx_read.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

struct fx {
	char path[512];
	struct store *s;
	struct arena a;
	struct actor system;
	struct app_ctx sys;
	struct kh_error err;
	int64_t province, district, base, other;
	int64_t plan;
	int64_t items[3];
};

static int32_t D(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

#define OK(call)                                                              \
	do {                                                                  \
		int rc_ = (call);                                             \
		if (rc_)                                                      \
			fail_msg("%s -> %d: %s", #call, rc_, f->err.message); \
	} while (0)

static int64_t create(struct fx *f, int64_t parent, const char *name, const char *kind, int level)
{
	struct org_create in = {.parent_id = parent,
				.name = name,
				.kind = kind,
				.level = level,
				.date = D(2015, 1, 1)};
	int64_t id = 0;
	OK(app_org_create(&f->sys, &in, &id, &f->err));
	return id;
}

static void exec(struct fx *f, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
	sqlite3_close(db);
}

/* Items and audit entries: equal before and after a refused upload. */
static char *db_state(struct fx *f)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT (SELECT count(*) FROM audit_log) || '|' ||"
					    " coalesce((SELECT group_concat(id || ',' || seq || ','"
					    " || part || ',' || kind || ',' || category || ',' ||"
					    " text || ',' || measures || ',' || lead_text || ',' ||"
					    " deadline_text, ';') FROM plan_items), '')",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	char *r = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	sqlite3_close(db);
	return r;
}

static int setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("KH_TEST_TMP");
	char cmd[600];
	if (!tmp)
		tmp = "/tmp";
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s'", tmp);
	if (system(cmd) != 0)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/app_plan_sheet_%d.db", tmp, (int)getpid());
	unlink(f->path);
	if (store_open(f->path, &f->s, &f->err) || store_migrate(f->s, NULL, &f->err))
		return -1;
	arena_init(&f->a, 8192);
	app_actor_system(&f->system);
	f->sys = (struct app_ctx){.store = f->s,
				  .arena = &f->a,
				  .actor = &f->system,
				  .today = D(2026, 1, 15),
				  .now = 1768435200};
	f->province = create(f, 0, "Tỉnh ủy Sơn Nam", "committee", 1);
	f->district = create(f, f->province, "Huyện ủy Hòa Bình", "committee", 2);
	f->base = create(f, f->district, "Đảng ủy xã An Lạc", "committee", 3);
	f->other = create(f, f->province, "Huyện ủy Tân Lập", "committee", 2);
	/* A member of the other district's committee: out of scope. */
	exec(f, "INSERT INTO people(id, full_name, created_at, updated_at)"
		" VALUES (9, 'Bùi Văn Chín', 0, 0);");
	char sql[300];
	snprintf(sql, sizeof(sql),
		 "INSERT INTO positions(person_id, org_id, role, valid_from)"
		 " VALUES (9, %lld, 'head', %d);",
		 (long long)f->other, D(2016, 1, 1));
	exec(f, sql);

	struct plan_input pin = {
		.owner_org_id = f->base, .scope = "year", .year_from = 2026, .year_to = 2026};
	struct plan p;
	if (app_plan_create(&f->sys, &pin, &p, &f->err))
		return -1;
	f->plan = p.id;
	struct plan_item_input in[3] = {
		{.text = "Quán triệt Nghị quyết Đại hội",
		 .section = "1. Xây dựng Đảng",
		 .measures = "Học tập chuyên đề\nViết thu hoạch",
		 .set_lead = true,
		 .lead_text = "Ban Tuyên giáo",
		 .deadline_text = "Quý II/2026"},
		{.text = "Kết nạp đảng viên mới",
		 .kind = "indicator",
		 .category = "term",
		 .set_lead = true,
		 .lead_org_id = f->base,
		 .deadline_text = "hằng năm",
		 .resources = "Ngân sách xã"},
		{.text = "Đề nghị hỗ trợ kinh phí", .kind = "proposal", .part = 3},
	};
	for (int i = 0; i < 3; i++) {
		struct plan_item it;
		if (app_plan_item_create(&f->sys, f->plan, &in[i], &it, &f->err))
			return -1;
		f->items[i] = it.id;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char p[600];
	store_close(f->s);
	arena_release(&f->a);
	unlink(f->path);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	free(f);
	return 0;
}

/* ---- workbooks ---- */

/* The cells of a sheet as a grid that a test edits. */
#define ROWS 40
struct grid {
	const char *c[ROWS + 1][XLSX_COLS]; /* [row][col], row 1-based */
	const char *meta_template, *meta_plan;
	int rows;
};

static void grid_from_export(struct fx *f, struct app_ctx *c, int64_t plan, struct grid *g)
{
	char *bytes;
	size_t len;
	const char *name;
	struct xlsx_book b;
	OK(app_plan_export(c, plan, "xlsx", &bytes, &len, &name, &f->err));
	assert_non_null(strstr(name, ".xlsx"));
	OK(xlsx_read(bytes, len, &b, &f->err));
	free(bytes);
	memset(g, 0, sizeof(*g));
	const struct xlsx_sheet *s = xlsx_sheet_find(&b, XLSX_SHEET_ITEMS);
	const struct xlsx_sheet *m = xlsx_sheet_find(&b, XLSX_SHEET_META);
	assert_non_null(s);
	assert_non_null(m);
	assert_true(s->max_row <= ROWS);
	g->rows = s->max_row;
	for (int r = 1; r <= s->max_row; r++)
		for (int k = 0; k < XLSX_COLS; k++)
			g->c[r][k] = arena_strdup(&f->a, xlsx_cell_text(s, r, k));
	g->meta_template = arena_strdup(&f->a, xlsx_cell_text(m, 1, 1));
	g->meta_plan = arena_strdup(&f->a, xlsx_cell_text(m, 2, 1));
	xlsx_book_release(&b);
}

static void put_sheet(struct buf *b, struct grid *g)
{
	buf_puts(b, "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
		    "main\"><sheetData>");
	for (int r = 1; r <= g->rows; r++) {
		buf_printf(b, "<row r=\"%d\">", r);
		for (int k = 0; k < XLSX_COLS; k++) {
			const char *v = g->c[r][k];
			char col[4];
			if (!v || !*v)
				continue;
			xlsx_col_name(k, col);
			buf_printf(b,
				   "<c r=\"%s%d\" t=\"inlineStr\"><is><t xml:space=\"preserve\">",
				   col, r);
			xml_escape(b, v);
			buf_puts(b, "</t></is></c>");
		}
		buf_puts(b, "</row>");
	}
	buf_puts(b, "</sheetData></worksheet>");
}

/* The grid as a package, as a spreadsheet program would save it. */
static char *grid_xlsx(struct grid *g, size_t *len)
{
	struct buf s1, s2;
	buf_init(&s1, 1 << 24);
	buf_init(&s2, 1 << 20);
	put_sheet(&s1, g);
	buf_printf(&s2,
		   "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
		   "main\"><sheetData><row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>%s</t>"
		   "</is></c></row><row r=\"2\"><c r=\"B2\"><v>%s</v></c></row></sheetData>"
		   "</worksheet>",
		   g->meta_template, g->meta_plan);
	const char *wb = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/"
			 "main\"><sheets><sheet name=\"Nội dung\"/><sheet name=\"kehoach\""
			 " state=\"hidden\"/></sheets></workbook>";
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_source_keep(mem);
	zip_t *z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	const char *names[] = {"xl/workbook.xml", "xl/worksheets/sheet1.xml",
			       "xl/worksheets/sheet2.xml"};
	const char *data[] = {wb, s1.data, s2.data};
	for (int i = 0; i < 3; i++)
		assert_true(zip_file_add(z, names[i],
					 zip_source_buffer(z, data[i], strlen(data[i]), 0),
					 ZIP_FL_ENC_UTF_8) >= 0);
	assert_int_equal(zip_close(z), 0);
	zip_stat_t st;
	assert_int_equal(zip_source_stat(mem, &st), 0);
	assert_int_equal(zip_source_open(mem), 0);
	char *out = xmalloc((size_t)st.size);
	assert_int_equal(zip_source_read(mem, out, st.size), (zip_int64_t)st.size);
	zip_source_close(mem);
	zip_source_free(mem);
	zip_error_fini(&ze);
	buf_release(&s1);
	buf_release(&s2);
	*len = (size_t)st.size;
	return out;
}

static int upload(struct fx *f, struct app_ctx *c, struct grid *g, bool dry_run,
		  struct sheet_report *rep)
{
	size_t len;
	char *x = grid_xlsx(g, &len);
	int rc = app_plan_sheet_apply(c, f->plan, x, len, dry_run, rep, &f->err);
	free(x);
	return rc;
}

/* The first data row of the exported grid holding item id. */
static int row_of(struct grid *g, int64_t id)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", (long long)id);
	for (int r = XLSX_HEADER_ROW + 1; r <= g->rows; r++)
		if (g->c[r][XLSX_COL_ID] && strcmp(g->c[r][XLSX_COL_ID], s) == 0)
			return r;
	fail_msg("no row for item %lld", (long long)id);
	return 0;
}

static const struct sheet_row *report_row(const struct sheet_report *rep, int row)
{
	for (int i = 0; i < rep->n_rows; i++)
		if (rep->rows[i].row == row)
			return &rep->rows[i];
	fail_msg("no report for row %d", row);
	return NULL;
}

static void get_item(struct fx *f, int64_t id, struct plan_item *it)
{
	OK(app_plan_item_get(&f->sys, id, it, NULL, &f->err));
}

/* ---- tests ---- */

static void test_round_trip_unchanged(void **state)
{
	struct fx *f = *state;
	char *bytes;
	size_t len;
	const char *name;
	struct sheet_report rep;
	OK(app_plan_export(&f->sys, f->plan, "xlsx", &bytes, &len, &name, &f->err));
	char *before = db_state(f);
	/* The very file written, and the same cells saved again. */
	OK(app_plan_sheet_apply(&f->sys, f->plan, bytes, len, false, &rep, &f->err));
	free(bytes);
	assert_int_equal(rep.n_rows, 3);
	assert_int_equal(rep.n_unchanged, 3);
	assert_int_equal(rep.n_updated + rep.n_created + rep.n_errors + rep.n_kept, 0);
	assert_true(rep.applied);
	struct grid g;
	grid_from_export(f, &f->sys, f->plan, &g);
	OK(upload(f, &f->sys, &g, false, &rep));
	assert_int_equal(rep.n_unchanged, 3);
	char *after = db_state(f);
	assert_string_equal(before, after); /* no audit entry either */
	free(before);
	free(after);
}

static void test_edit_create_keep(void **state)
{
	struct fx *f = *state;
	struct grid g;
	struct sheet_report rep;
	grid_from_export(f, &f->sys, f->plan, &g);
	int r0 = row_of(&g, f->items[0]), r1 = row_of(&g, f->items[1]),
	    r2 = row_of(&g, f->items[2]);
	g.c[r0][XLSX_COL_TEXT] = "Quán triệt Nghị quyết Đại hội XIV\r\nvà Chỉ thị 05";
	g.c[r0][XLSX_COL_LEAD] = "Văn phòng\nĐảng ủy"; /* Alt+Enter in a one-line field */
	g.c[r1][XLSX_COL_DEADLINE] = "46203";	       /* Excel's serial of 30/6/2026 */
	g.c[r1][XLSX_COL_KIND] = "Nội dung, công việc";
	g.c[r1][XLSX_COL_UNDERSTOOD] = "không đọc lại";
	g.c[r1][XLSX_COL_SEQ] = "9";
	/* A new row between the first two, and one at the end; the
	 * proposal's row removed. */
	for (int k = 0; k < XLSX_COLS; k++) {
		g.c[r2][k] = NULL;
		g.c[g.rows + 1][k] = NULL;
	}
	g.c[r2][XLSX_COL_TEXT] = "Tổ chức hội nghị sơ kết";
	g.c[r2][XLSX_COL_DEADLINE] = "tháng 7/2026";
	g.c[r2][XLSX_COL_CATEGORY] = "phối hợp với cá nhân, cơ quan, đơn vị";
	g.c[r2][XLSX_COL_PART] = "3";
	/* row r2 now sits after r1; move the new one between r0 and r1 by
	 * swapping rows */
	for (int k = 0; k < XLSX_COLS; k++) {
		const char *t = g.c[r1][k];
		g.c[r1][k] = g.c[r2][k];
		g.c[r2][k] = t;
	}
	g.rows++;
	g.c[g.rows][XLSX_COL_TEXT] = "Nội dung thêm ở cuối";
	int r_new_mid = r1, r_item1 = r2, r_new_end = g.rows;

	/* A dry run first: the report, nothing applied. */
	char *before = db_state(f);
	OK(upload(f, &f->sys, &g, true, &rep));
	assert_false(rep.applied);
	char *after = db_state(f);
	assert_string_equal(before, after);
	free(after);
	free(before);
	assert_int_equal(rep.n_updated, 2);
	assert_int_equal(rep.n_created, 2);
	assert_int_equal(rep.n_kept, 1);
	assert_string_equal(report_row(&rep, r0)->message, "Sửa: Nội dung, Chủ trì");
	assert_string_equal(report_row(&rep, r_item1)->message, "Sửa: Loại, Thời gian hoàn thành");

	OK(upload(f, &f->sys, &g, false, &rep));
	assert_true(rep.applied);
	assert_int_equal(rep.n_updated, 2);
	assert_int_equal(rep.n_created, 2);
	assert_int_equal(rep.n_unchanged, 0);
	assert_int_equal(rep.n_kept, 1);
	const struct sheet_row *kept = &rep.rows[rep.n_rows - 1];
	assert_string_equal(kept->action, "kept");
	assert_int_equal(kept->item_id, f->items[2]);
	assert_string_equal(kept->message, "Không có trong tệp: giữ nguyên");
	assert_string_equal(report_row(&rep, r0)->action, "update");
	assert_string_equal(report_row(&rep, r0)->message, "Đã sửa: Nội dung, Chủ trì");
	const struct sheet_row *mid = report_row(&rep, r_new_mid);
	assert_string_equal(mid->action, "create");
	assert_true(mid->item_id > 0);

	struct plan_item it;
	get_item(f, f->items[0], &it);
	assert_string_equal(it.text, "Quán triệt Nghị quyết Đại hội XIV\nvà Chỉ thị 05");
	assert_string_equal(it.lead_text, "Văn phòng Đảng ủy");
	assert_string_equal(it.measures, "Học tập chuyên đề\nViết thu hoạch");
	assert_int_equal(it.seq, 1);
	get_item(f, f->items[1], &it);
	assert_string_equal(it.deadline_text, "30/06/2026");
	assert_int_equal(it.deadline_kind, DEADLINE_DATE);
	assert_int_equal(it.deadline_end, D(2026, 6, 30));
	assert_int_equal(it.kind, PLAN_ITEM_TASK);
	assert_int_equal(it.category, PLAN_CATEGORY_TERM);
	assert_int_equal(it.lead_org_id, f->base); /* Chủ trì untouched: kept */
	assert_int_equal(it.seq, 3);
	get_item(f, mid->item_id, &it);
	assert_string_equal(it.text, "Tổ chức hội nghị sơ kết");
	assert_int_equal(it.seq, 2);
	assert_int_equal(it.part, 3);
	assert_int_equal(it.category, PLAN_CATEGORY_COORDINATION);
	assert_int_equal(it.deadline_kind, DEADLINE_WINDOW);
	get_item(f, report_row(&rep, r_new_end)->item_id, &it);
	assert_int_equal(it.seq, 4); /* after the row above it: item 1 (3) */
	assert_int_equal(it.part, 2);
	assert_int_equal(it.kind, PLAN_ITEM_TASK);
	get_item(f, f->items[2], &it);
	assert_string_equal(it.text, "Đề nghị hỗ trợ kinh phí");
	assert_int_equal(it.seq, 5);

	/* The same file again: nothing more to do for the edited rows. */
	grid_from_export(f, &f->sys, f->plan, &g);
	OK(upload(f, &f->sys, &g, false, &rep));
	assert_int_equal(rep.n_unchanged, 5);
	assert_int_equal(rep.n_updated + rep.n_created, 0);
}

/* Chủ trì and Phối hợp edited as text are matched to orgs again, as the
 * importer matches names; a name matching nothing stays as written. */
static void test_names_matched(void **state)
{
	struct fx *f = *state;
	struct grid g;
	struct sheet_report rep;
	grid_from_export(f, &f->sys, f->plan, &g);
	int r0 = row_of(&g, f->items[0]), r1 = row_of(&g, f->items[1]);
	g.c[r0][XLSX_COL_LEAD] = "Huyện uỷ Hoà Bình";
	g.c[r0][XLSX_COL_COORD] = "Đảng ủy xã An Lạc và Hội Cờ tướng";
	g.c[r1][XLSX_COL_LEAD] = "Các đảng ủy trực thuộc Huyện ủy Hòa Bình";
	OK(upload(f, &f->sys, &g, false, &rep));
	assert_true(rep.applied);
	struct plan_item it;
	get_item(f, f->items[0], &it);
	assert_string_equal(it.lead_text, "Huyện uỷ Hoà Bình");
	assert_int_equal(it.lead_org_id, f->district);
	assert_false(it.lead_group);
	assert_string_equal(it.coordinators, "Đảng ủy xã An Lạc và Hội Cờ tướng");
	assert_int_equal(it.n_coordinator_orgs, 1);
	assert_int_equal(it.coordinator_org_ids[0], f->base);
	get_item(f, f->items[1], &it);
	assert_int_equal(it.lead_org_id, f->district);
	assert_true(it.lead_group);
}

static void test_errors_row_by_row(void **state)
{
	struct fx *f = *state;
	struct grid g;
	struct sheet_report rep;
	grid_from_export(f, &f->sys, f->plan, &g);
	int r0 = row_of(&g, f->items[0]), r1 = row_of(&g, f->items[1]),
	    r2 = row_of(&g, f->items[2]);
	g.c[r0][XLSX_COL_KIND] = "Nhiệm vu";
	g.c[r0][XLSX_COL_TEXT] = "";
	g.c[r1][XLSX_COL_PART] = "4";
	g.c[r2][XLSX_COL_ID] = "999";
	g.rows++;
	g.c[g.rows][XLSX_COL_ID] = arena_printf(&f->a, "%lld", (long long)f->items[1]);
	g.c[g.rows][XLSX_COL_TEXT] = "Trùng mã";
	g.c[g.rows][XLSX_COL_PART] = "2";
	g.c[g.rows][XLSX_COL_KIND] = "task";
	g.c[g.rows][XLSX_COL_CATEGORY] = "year";
	g.rows++;
	char *longtext = xcalloc(1, 600 * 3 + 1);
	for (int i = 0; i < 600; i++)
		memcpy(longtext + i * 3, "ằ", 3);
	g.c[g.rows][XLSX_COL_TEXT] = "Một nội dung mới hợp lệ";
	g.c[g.rows][XLSX_COL_SECTION] = longtext;
	g.c[g.rows][XLSX_COL_CATEGORY] = "Nhóm lạ";
	g.rows++;
	g.c[g.rows][XLSX_COL_TEXT] = "Dòng mới hợp lệ";
	char *before = db_state(f);
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_EINVAL);
	char *after = db_state(f);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(longtext);
	assert_false(rep.applied);
	assert_non_null(strstr(f->err.message, "dòng lỗi"));
	assert_int_equal(rep.n_errors, 5);
	char want[200];
	snprintf(want, sizeof(want),
		 "Dòng %d, cột Loại: «Nhiệm vu» không phải một loại nội dung; Dòng %d, cột Nội"
		 " dung: không được để trống",
		 r0, r0);
	assert_string_equal(report_row(&rep, r0)->message, want);
	snprintf(want, sizeof(want), "Dòng %d, cột Phần: «4» không đúng: phần phải là 1, 2 hoặc 3",
		 r1);
	assert_string_equal(report_row(&rep, r1)->message, want);
	snprintf(want, sizeof(want), "Dòng %d, cột Mã: kế hoạch này không có nội dung mã 999", r2);
	assert_string_equal(report_row(&rep, r2)->message, want);
	snprintf(want, sizeof(want), "Dòng %d, cột Mã: mã %lld đã có ở dòng %d", g.rows - 2,
		 (long long)f->items[1], r1);
	assert_string_equal(report_row(&rep, g.rows - 2)->message, want);
	const char *m = report_row(&rep, g.rows - 1)->message;
	assert_non_null(strstr(m, "cột Mục: dài 600 ký tự, quá giới hạn 500"));
	assert_non_null(strstr(m, "cột Nhóm: «Nhóm lạ» không phải một nhóm nội dung"));
	assert_string_equal(report_row(&rep, g.rows)->action, "create");
	/* the kept item is the one whose Mã was overwritten */
	assert_int_equal(rep.n_kept, 1);
}

static void test_refused_files(void **state)
{
	struct fx *f = *state;
	struct grid g;
	struct sheet_report rep;
	char *before = db_state(f);
	/* not an XLSX */
	assert_int_equal(
		app_plan_sheet_apply(&f->sys, f->plan, "a,b\n1,2\n", 8, false, &rep, &f->err),
		KH_EINVAL);
	assert_int_equal(rep.n_rows, 0);
	/* another plan's template */
	grid_from_export(f, &f->sys, f->plan, &g);
	g.meta_plan = "12345";
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_EINVAL);
	char want[200];
	snprintf(want, sizeof(want),
		 "Tệp này là danh sách nội dung của kế hoạch số 12345, không phải kế hoạch số"
		 " %lld",
		 (long long)f->plan);
	assert_string_equal(f->err.message, want);
	/* a foreign workbook: no hidden sheet of ours */
	grid_from_export(f, &f->sys, f->plan, &g);
	g.meta_template = "";
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "không phải mẫu danh sách nội dung"));
	g.meta_template = "kehoach.plan_items.0";
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_EINVAL);
	assert_non_null(strstr(f->err.message, "mẫu kehoach.plan_items.0"));
	/* a column moved */
	grid_from_export(f, &f->sys, f->plan, &g);
	g.c[XLSX_HEADER_ROW][XLSX_COL_LEAD] = "Phối hợp";
	g.c[XLSX_HEADER_ROW][XLSX_COL_COORD] = "Chủ trì";
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_EINVAL);
	assert_string_equal(f->err.message, "Dòng 4, cột I: tiêu đề phải là «Chủ trì» (đừng thêm,"
					    " xóa hay đổi chỗ các cột của mẫu)");
	/* the header moved down two rows still reads */
	grid_from_export(f, &f->sys, f->plan, &g);
	for (int r = g.rows; r >= 1; r--)
		memcpy(g.c[r + 2], g.c[r], sizeof(g.c[r]));
	memset(g.c[1], 0, sizeof(g.c[1]) * 2);
	g.rows += 2;
	OK(upload(f, &f->sys, &g, false, &rep));
	assert_int_equal(rep.n_unchanged, 3);
	char *after = db_state(f);
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_rights(void **state)
{
	struct fx *f = *state;
	struct grid g;
	struct sheet_report rep;
	struct actor a;
	grid_from_export(f, &f->sys, f->plan, &g);
	g.c[row_of(&g, f->items[0])][XLSX_COL_TEXT] = "Sửa khi đã ban hành";
	/* out of scope: 403 before the file is read */
	memset(&a, 0, sizeof(a));
	a.user_id = 109;
	a.person_id = 9;
	a.username = "chin";
	struct app_ctx out = f->sys;
	out.actor = &a;
	char *before = db_state(f);
	assert_int_equal(upload(f, &out, &g, false, &rep), KH_EFORBIDDEN);
	assert_int_equal(app_plan_sheet_apply(&out, f->plan, "x", 1, false, &rep, &f->err),
			 KH_EFORBIDDEN);
	assert_int_equal(app_plan_sheet_apply(&f->sys, 999999, "x", 1, false, &rep, &f->err),
			 KH_ENOTFOUND);
	/* approved: the plans' usual message */
	struct plan p;
	OK(app_plan_approve(&f->sys, f->plan, &p, &f->err));
	free(before);
	before = db_state(f);
	assert_int_equal(upload(f, &f->sys, &g, false, &rep), KH_ECONFLICT);
	assert_string_equal(f->err.message, "Kế hoạch đã ban hành: muốn thay đổi, hãy mở điều"
					    " chỉnh, bổ sung (nêu lý do).");
	assert_int_equal(upload(f, &f->sys, &g, true, &rep), KH_ECONFLICT);
	char *after = db_state(f);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* once adjusting, the same file applies */
	OK(app_plan_adjust_open(&f->sys, f->plan, "Bổ sung theo góp ý", &p, &f->err));
	OK(upload(f, &f->sys, &g, false, &rep));
	assert_int_equal(rep.n_updated, 1);
	struct plan_item it;
	get_item(f, f->items[0], &it);
	assert_string_equal(it.text, "Sửa khi đã ban hành");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_unchanged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edit_create_keep, setup, teardown),
		cmocka_unit_test_setup_teardown(test_names_matched, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors_row_by_row, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rights, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
