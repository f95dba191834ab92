/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The item-list workbook (export/xlsx.h), checked by opening what it
 * wrote: read back with text/xlsx_read every cell equals what
 * xlsx_item_cells gives (ids, sequence and parts as numbers), the title
 * block and the headers are where the template says, the hidden sheet
 * carries the template and the plan id; the package's parts show the
 * frozen header, the drop-down lists, the hidden sheet and the custom
 * properties; and no temporary file is left behind. */
#include "core/common.h"
#include "core/buf.h"
#include "core/date.h"
#include "export/xlsx.h"
#include "text/deadline.h"
#include "text/xlsx_read.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void item(struct plan_item *it, int64_t id, int seq, const char *text)
{
	memset(it, 0, sizeof(*it));
	it->id = id;
	it->plan_id = 7;
	it->seq = seq;
	it->part = 2;
	it->kind = PLAN_ITEM_TASK;
	it->category = PLAN_CATEGORY_YEAR;
	it->section = it->measures = it->lead_text = it->coordinators = "";
	it->coordinate_with = it->addressee = it->proposal_state = it->proposal_note = "";
	it->deadline_text = it->resources = it->serves = it->status = "";
	it->lead_name = "";
	it->text = text;
}

/* A plan with every shape of cell: Vietnamese, markup characters, line
 * breaks, leading spaces, an underscore escape look-alike, long text,
 * each kind and category, a group lead, each deadline kind. */
static struct plan_item *sample(int *n, char **long_text)
{
	static struct plan_item v[8];
	struct buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 600; i++)
		buf_puts(&b, "Tổ chức quán triệt, ");
	*long_text = buf_take(&b);
	buf_release(&b);
	item(&v[0], 11, 1, "Quán triệt Nghị quyết Đại hội & <các> chỉ tiêu \"trọng tâm\"");
	v[0].part = 1;
	v[0].section = "I. MỤC ĐÍCH, YÊU CẦU";
	v[0].measures = "Học tập chuyên đề\nViết thu hoạch";
	v[0].lead_text = "Ban Tuyên giáo";
	v[0].deadline_text = "Quý II/2026";
	v[0].deadline_kind = DEADLINE_WINDOW;
	v[0].deadline_start = date_from_ymd(2026, 4, 1);
	v[0].deadline_end = date_from_ymd(2026, 6, 30);
	item(&v[1], 12, 2, "  Bắt đầu bằng khoảng trắng, có _x0041_ và tab\tở giữa");
	v[1].kind = PLAN_ITEM_KEY_PROJECT;
	v[1].category = PLAN_CATEGORY_TERM;
	v[1].lead_name = "Đảng ủy xã An Lạc";
	v[1].lead_group = true;
	v[1].coordinators = "Văn phòng, Mặt trận và các đoàn thể";
	v[1].deadline_text = "chậm nhất ngày 30-6-2026";
	v[1].deadline_kind = DEADLINE_DATE;
	v[1].deadline_end = date_from_ymd(2026, 6, 30);
	item(&v[2], 13, 3, *long_text);
	v[2].kind = PLAN_ITEM_PROPOSAL;
	v[2].category = PLAN_CATEGORY_COORDINATION;
	v[2].resources = "Ngân sách xã: 50 triệu đồng";
	v[2].serves = "Chỉ tiêu 3";
	v[2].deadline_text = "hằng năm";
	v[2].deadline_kind = DEADLINE_RECURRING;
	v[2].deadline_period = DEADLINE_PERIOD_YEARLY;
	item(&v[3], 14, 4, "Chỉ tiêu kết nạp đảng viên");
	v[3].kind = PLAN_ITEM_INDICATOR;
	v[3].part = 3;
	v[3].deadline_text = "từ tháng 5/2026";
	v[3].deadline_kind = DEADLINE_FROM;
	v[3].deadline_start = date_from_ymd(2026, 5, 1);
	item(&v[4], 15, 5, "Sau khi có hướng dẫn");
	v[4].deadline_text = "sau khi có hướng dẫn của Trung ương";
	v[4].deadline_kind = DEADLINE_CONDITIONAL;
	item(&v[5], 16, 6, "Không có thời hạn");
	*n = 6;
	return v;
}

static bool in_part(const char *xlsx, size_t len, const char *part, const char *needle)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(xlsx, len, 0, &ze);
	zip_t *z = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(z);
	zip_stat_t st;
	bool found = false;
	if (zip_stat(z, part, 0, &st) == 0) {
		char *data = xcalloc(1, (size_t)st.size + 1);
		zip_file_t *f = zip_fopen(z, part, 0);
		assert_non_null(f);
		assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
		zip_fclose(f);
		found = strstr(data, needle) != NULL;
		free(data);
	}
	zip_discard(z);
	zip_error_fini(&ze);
	return found;
}

static int count_temp_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += strncmp(e->d_name, "kehoach-xlsx-", 13) == 0;
	closedir(d);
	return n;
}

static void test_round_trip(void **state)
{
	(void)state;
	int n;
	char *long_text;
	struct plan_item *items = sample(&n, &long_text);
	struct xlsx_items in = {.plan_id = 7,
				.title = "Kế hoạch hành động năm 2026 của Đảng ủy xã An Lạc",
				.owner = "Đảng ủy xã An Lạc",
				.years = "2026",
				.items = items,
				.n_items = n};
	struct kh_error err;
	char *bytes;
	size_t len;
	const char *tmp = getenv("KH_TEST_TMP");
	char cmd[600];
	if (tmp) {
		snprintf(cmd, sizeof(cmd), "mkdir -p '%s/xlsx'", tmp);
		assert_int_equal(system(cmd), 0);
		snprintf(cmd, sizeof(cmd), "%s/xlsx", tmp);
		setenv("TMPDIR", cmd, 1);
	}
	const char *dir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	int before = count_temp_files(dir);
	assert_int_equal(xlsx_items_write(&in, &bytes, &len, &err), 0);
	assert_int_equal(count_temp_files(dir), before);
	assert_true(len > 1000);
	assert_memory_equal(bytes, "PK\3\4", 4);

	struct xlsx_book book;
	if (xlsx_read(bytes, len, &book, &err))
		fail_msg("xlsx_read: %s", err.message);
	assert_int_equal(book.n_sheets, 2);
	assert_string_equal(book.sheets[0].name, XLSX_SHEET_ITEMS);
	assert_false(book.sheets[0].hidden);
	const struct xlsx_sheet *meta = xlsx_sheet_find(&book, XLSX_SHEET_META);
	assert_non_null(meta);
	assert_true(meta->hidden);
	assert_string_equal(xlsx_cell_text(meta, XLSX_META_TEMPLATE_ROW, XLSX_META_VALUE_COL),
			    XLSX_TEMPLATE);
	assert_string_equal(xlsx_cell_text(meta, XLSX_META_PLAN_ROW, XLSX_META_VALUE_COL), "7");
	assert_string_equal(xlsx_cell_text(meta, 5, 3), plan_item_kind_label(PLAN_ITEM_TASK));
	assert_string_equal(xlsx_cell_text(meta, 5, 4),
			    plan_item_category_label(PLAN_CATEGORY_TERM));

	const struct xlsx_sheet *s = &book.sheets[0];
	assert_string_equal(xlsx_cell_text(s, 1, 0), in.title);
	assert_non_null(strstr(xlsx_cell_text(s, 2, 0), "Đảng ủy xã An Lạc"));
	assert_non_null(strstr(xlsx_cell_text(s, 2, 0), "Kế hoạch số 7"));
	for (int c = 0; c < XLSX_COLS; c++)
		assert_string_equal(xlsx_cell_text(s, XLSX_HEADER_ROW, c), XLSX_ITEM_HEADERS[c]);
	struct arena a;
	arena_init(&a, 8192);
	for (int i = 0; i < n; i++) {
		const char *want[XLSX_COLS];
		xlsx_item_cells(&a, &items[i], want);
		for (int c = 0; c < XLSX_COLS; c++) {
			const char *got = xlsx_cell_text(s, XLSX_HEADER_ROW + 1 + i, c);
			if (strcmp(got, want[c]) != 0)
				fail_msg("row %d col %d: «%.80s» != «%.80s»", i, c, got, want[c]);
		}
	}
	assert_int_equal(s->max_row, XLSX_HEADER_ROW + n);
	/* the cells of the sample, as a person reads them */
	const char *row2[XLSX_COLS];
	xlsx_item_cells(&a, &items[1], row2);
	assert_string_equal(row2[XLSX_COL_LEAD],
			    "Các cấp ủy, tổ chức đảng trực thuộc Đảng ủy xã An Lạc");
	assert_string_equal(row2[XLSX_COL_UNDERSTOOD], "Hạn: 30/06/2026");
	assert_string_equal(row2[XLSX_COL_KIND], "Công trình trọng điểm");
	const char *row1[XLSX_COLS];
	xlsx_item_cells(&a, &items[0], row1);
	assert_string_equal(row1[XLSX_COL_UNDERSTOOD], "Trong khoảng 01/04/2026–30/06/2026");
	assert_string_equal(row1[XLSX_COL_ID], "11");
	assert_string_equal(row1[XLSX_COL_PART], "1");
	arena_release(&a);
	xlsx_book_release(&book);

	/* the parts */
	assert_true(in_part(bytes, len, "xl/worksheets/sheet1.xml", "state=\"frozen\""));
	assert_true(in_part(bytes, len, "xl/worksheets/sheet1.xml", "<dataValidation "));
	assert_true(in_part(bytes, len, "xl/worksheets/sheet1.xml", "kehoach!$D$5:$D$8"));
	assert_true(in_part(bytes, len, "xl/worksheets/sheet1.xml", "kehoach!$E$5:$E$7"));
	assert_true(in_part(bytes, len, "xl/worksheets/sheet1.xml", "<mergeCell "));
	assert_true(in_part(bytes, len, "xl/workbook.xml", "state=\"hidden\""));
	assert_true(in_part(bytes, len, "docProps/custom.xml", XLSX_TEMPLATE));
	assert_true(in_part(bytes, len, "xl/styles.xml", "wrapText=\"1\""));
	free(bytes);
	free(long_text);
}

static void test_empty_plan(void **state)
{
	(void)state;
	struct xlsx_items in = {.plan_id = 3, .title = "Kế hoạch trống", .owner = "", .years = ""};
	struct kh_error err;
	char *bytes;
	size_t len;
	assert_int_equal(xlsx_items_write(&in, &bytes, &len, &err), 0);
	struct xlsx_book book;
	assert_int_equal(xlsx_read(bytes, len, &book, &err), 0);
	assert_int_equal(book.sheets[0].max_row, XLSX_HEADER_ROW);
	xlsx_book_release(&book);
	free(bytes);
}

static void test_bad_tmpdir(void **state)
{
	(void)state;
	char *old = getenv("TMPDIR") ? xstrdup(getenv("TMPDIR")) : NULL;
	setenv("TMPDIR", "/nonexistent/kehoach", 1);
	struct xlsx_items in = {.plan_id = 3, .title = "x"};
	struct kh_error err;
	char *bytes;
	size_t len;
	assert_int_equal(xlsx_items_write(&in, &bytes, &len, &err), KH_EIO);
	assert_null(bytes);
	if (old)
		setenv("TMPDIR", old, 1);
	else
		unsetenv("TMPDIR");
	free(old);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_empty_plan),
		cmocka_unit_test(test_bad_tmpdir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
