/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* XLSX to cells (text/xlsx_read.h) on packages built here with libzip: one
 * shaped like libxlsxwriter's output (shared strings, numbers, a hidden
 * sheet), one shaped like Excel's and LibreOffice's after an edit (rich
 * text runs with phonetic runs, xml:space, _xHHHH_ escapes, inline strings,
 * formula results, booleans, cells and rows without references, a prefixed
 * namespace, absolute relationship targets, a duplicate cell, rows out of
 * order), and broken ones, each refused with a message. */
#include "core/common.h"
#include "text/xlsx_read.h"

#include <string.h>
#include <zip.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

struct part {
	const char *name, *data;
};

/* A ZIP package in memory holding the parts; caller frees *out. */
static void make_zip(const struct part *parts, int n, char **out, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *mem = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(mem);
	zip_source_keep(mem);
	zip_t *z = zip_open_from_source(mem, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].data, strlen(parts[i].data), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	zip_stat_t st;
	assert_int_equal(zip_source_stat(mem, &st), 0);
	assert_int_equal(zip_source_open(mem), 0);
	*out = xmalloc((size_t)st.size + 1);
	assert_int_equal(zip_source_read(mem, *out, st.size), (zip_int64_t)st.size);
	zip_source_close(mem);
	zip_source_free(mem);
	zip_error_fini(&ze);
	*len = (size_t)st.size;
}

#define MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG "http://schemas.openxmlformats.org/package/2006/relationships"

static const char WB_RELS[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"" PKG "\">"
	"<Relationship Id=\"rId1\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	"<Relationship Id=\"rId2\" Type=\"" REL "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	"<Relationship Id=\"rId4\" Type=\"" REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>"
	"</Relationships>";

/* As libxlsxwriter writes it. */
static void test_writer_shape(void **state)
{
	(void)state;
	const struct part parts[] = {
		{"xl/workbook.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		 "<workbook xmlns=\"" MAIN "\" xmlns:r=\"" REL "\"><sheets>"
		 "<sheet name=\"Nội dung\" sheetId=\"1\" r:id=\"rId1\"/>"
		 "<sheet name=\"kehoach\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/>"
		 "</sheets></workbook>"},
		{"xl/_rels/workbook.xml.rels", WB_RELS},
		{"xl/sharedStrings.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		 "<sst xmlns=\"" MAIN "\" count=\"4\" uniqueCount=\"4\">"
		 "<si><t>Mã</t></si><si><t>Nội dung</t></si>"
		 "<si><t xml:space=\"preserve\">  Quán triệt &amp; &lt;học&gt;\nViết thu hoạch </t></si>"
		 "<si><t>kehoach.plan_items.1</t></si></sst>"},
		{"xl/worksheets/sheet1.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
		 "<worksheet xmlns=\"" MAIN "\" xmlns:r=\"" REL "\"><sheetData>"
		 "<row r=\"4\" spans=\"1:2\"><c r=\"A4\" t=\"s\" s=\"1\"><v>0</v></c>"
		 "<c r=\"G4\" t=\"s\"><v>1</v></c></row>"
		 "<row r=\"5\"><c r=\"A5\" s=\"2\"><v>12</v></c><c r=\"B5\" s=\"2\"/>"
		 "<c r=\"G5\" t=\"s\"><v>2</v></c><c r=\"H5\"><v>1.5</v></c></row>"
		 "</sheetData></worksheet>"},
		{"xl/worksheets/sheet2.xml",
		 "<worksheet xmlns=\"" MAIN "\"><sheetData><row r=\"1\">"
		 "<c r=\"B1\" t=\"s\"><v>3</v></c></row><row r=\"2\"><c r=\"B2\"><v>7</v></c>"
		 "</row></sheetData></worksheet>"},
	};
	char *zip;
	size_t len;
	make_zip(parts, (int)KH_ARRAY_LEN(parts), &zip, &len);
	struct xlsx_book b;
	struct kh_error err;
	if (xlsx_read(zip, len, &b, &err))
		fail_msg("%s", err.message);
	assert_int_equal(b.n_sheets, 2);
	const struct xlsx_sheet *s = &b.sheets[0];
	assert_string_equal(s->name, "Nội dung");
	assert_false(s->hidden);
	assert_int_equal(s->n_cells, 5);
	assert_int_equal(s->max_row, 5);
	assert_string_equal(xlsx_cell_text(s, 4, 0), "Mã");
	assert_string_equal(xlsx_cell_text(s, 4, 6), "Nội dung");
	assert_string_equal(xlsx_cell_text(s, 5, 0), "12");
	assert_string_equal(xlsx_cell_text(s, 5, 1), "");
	assert_string_equal(xlsx_cell_text(s, 5, 6), "  Quán triệt & <học>\nViết thu hoạch ");
	assert_string_equal(xlsx_cell_text(s, 5, 7), "1.5");
	assert_string_equal(xlsx_cell_text(s, 1, 0), "");
	assert_string_equal(xlsx_cell_text(s, 9, 9), "");
	const struct xlsx_sheet *m = xlsx_sheet_find(&b, "kehoach");
	assert_non_null(m);
	assert_true(m->hidden);
	assert_string_equal(xlsx_cell_text(m, 1, 1), "kehoach.plan_items.1");
	assert_string_equal(xlsx_cell_text(m, 2, 1), "7");
	assert_null(xlsx_sheet_find(&b, "Sheet3"));
	xlsx_book_release(&b);
	free(zip);
}

/* As Excel or LibreOffice write it after an edit. */
static void test_office_shape(void **state)
{
	(void)state;
	const struct part parts[] = {
		{"xl/workbook.xml",
		 "<x:workbook xmlns:x=\"" MAIN "\" xmlns:r=\"" REL "\"><x:sheets>"
		 "<x:sheet name=\"Trang 1\" sheetId=\"5\" r:id=\"rId9\"/>"
		 "<x:sheet name=\"Ẩn\" sheetId=\"6\" state=\"veryHidden\" r:id=\"rId8\"/>"
		 "</x:sheets></x:workbook>"},
		{"xl/_rels/workbook.xml.rels",
		 "<Relationships xmlns=\"" PKG "\">"
		 "<Relationship Id=\"rId9\" Type=\"" REL
		 "/worksheet\" Target=\"/xl/worksheets/a.xml\"/>"
		 "<Relationship Id=\"rId8\" Type=\"" REL
		 "/worksheet\" Target=\"worksheets/b.xml\"/>"
		 "<Relationship Id=\"rId7\" Type=\"" REL "/sharedStrings\" Target=\"strings.xml\"/>"
		 "</Relationships>"},
		{"xl/strings.xml",
		 "<sst xmlns=\"" MAIN "\"><si><r><rPr><b/></rPr><t>Nhiệm </t></r>"
		 "<r><t xml:space=\"preserve\">vụ</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh>"
		 "</si><si><t>Dòng 1_x000D_\nDòng 2 _x005F_x0041_ _x0041_ _xZZZZ_</t></si>"
		 "<si><t/></si><si/></sst>"},
		{"xl/worksheets/a.xml",
		 "<worksheet xmlns=\"" MAIN "\"><sheetData>"
		 "<row r=\"7\"><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c>"
		 "<c t=\"inlineStr\"><is><r><t>Tự </t></r><r><t>viết</t></r></is></c>"
		 "<c t=\"str\"><f>A7&amp;B7</f><v>công thức</v></c>"
		 "<c t=\"b\"><v>1</v></c><c t=\"e\"><v>#N/A</v></c>"
		 "<c t=\"s\"><v>2</v></c><c t=\"s\"><v>99</v></c><c t=\"s\"><v>3</v></c></row>"
		 "<row><c r=\"C8\"><v>3</v></c><c r=\"C8\"><v>4</v></c></row>"
		 "<row r=\"2\"><c r=\"$B$2\" t=\"inlineStr\"><is><t>trên</t></is></c></row>"
		 "</sheetData></worksheet>"},
		{"xl/worksheets/b.xml", "<worksheet xmlns=\"" MAIN "\"><sheetData/></worksheet>"},
	};
	char *zip;
	size_t len;
	make_zip(parts, (int)KH_ARRAY_LEN(parts), &zip, &len);
	struct xlsx_book b;
	struct kh_error err;
	if (xlsx_read(zip, len, &b, &err))
		fail_msg("%s", err.message);
	assert_int_equal(b.n_sheets, 2);
	const struct xlsx_sheet *s = &b.sheets[0];
	assert_string_equal(s->name, "Trang 1");
	assert_true(b.sheets[1].hidden);
	assert_int_equal(b.sheets[1].n_cells, 0);
	assert_string_equal(xlsx_cell_text(s, 7, 0), "Nhiệm vụ");
	assert_string_equal(xlsx_cell_text(s, 7, 1), "Dòng 1\r\nDòng 2 _x0041_ A _xZZZZ_");
	assert_string_equal(xlsx_cell_text(s, 7, 2), "Tự viết");
	assert_string_equal(xlsx_cell_text(s, 7, 3), "công thức");
	assert_string_equal(xlsx_cell_text(s, 7, 4), "TRUE");
	assert_string_equal(xlsx_cell_text(s, 7, 5), "#N/A");
	assert_string_equal(xlsx_cell_text(s, 7, 6), ""); /* empty shared string */
	assert_string_equal(xlsx_cell_text(s, 7, 7), ""); /* index out of range */
	assert_string_equal(xlsx_cell_text(s, 7, 8), "");
	assert_string_equal(xlsx_cell_text(s, 8, 2), "4"); /* the later duplicate */
	assert_string_equal(xlsx_cell_text(s, 2, 1), "trên");
	assert_int_equal(s->max_row, 8);
	/* sorted by position */
	for (int i = 1; i < s->n_cells; i++)
		assert_true(s->cells[i - 1].row < s->cells[i].row ||
			    (s->cells[i - 1].row == s->cells[i].row &&
			     s->cells[i - 1].col < s->cells[i].col));
	xlsx_book_release(&b);
	free(zip);
}

/* No relationships part: the usual part names; no shared strings. */
static void test_minimal(void **state)
{
	(void)state;
	const struct part parts[] = {
		{"xl/workbook.xml",
		 "<workbook xmlns=\"" MAIN "\"><sheets><sheet name=\"A\"/></sheets></workbook>"},
		{"xl/worksheets/sheet1.xml",
		 "<worksheet xmlns=\"" MAIN "\"><sheetData><row r=\"1\"><c r=\"XFD1048576\">"
		 "<v>1</v></c></row></sheetData></worksheet>"},
	};
	char *zip;
	size_t len;
	make_zip(parts, (int)KH_ARRAY_LEN(parts), &zip, &len);
	struct xlsx_book b;
	struct kh_error err;
	assert_int_equal(xlsx_read(zip, len, &b, &err), 0);
	assert_string_equal(xlsx_cell_text(&b.sheets[0], 1048576, 16383), "1");
	xlsx_book_release(&b);
	free(zip);
}

static void refused(const struct part *parts, int n, int code, const char *words)
{
	char *zip;
	size_t len;
	make_zip(parts, n, &zip, &len);
	struct xlsx_book b;
	struct kh_error err;
	int rc = xlsx_read(zip, len, &b, &err);
	if (rc != code)
		fail_msg("%d (want %d): %s", rc, code, rc ? err.message : "");
	if (!strstr(err.message, words))
		fail_msg("«%s» lacks «%s»", err.message, words);
	free(zip);
}

static void test_refused(void **state)
{
	(void)state;
	struct xlsx_book b;
	struct kh_error err;
	assert_int_equal(xlsx_read("", 0, &b, &err), KH_EINVAL);
	assert_int_equal(xlsx_read("PK\3\4 not really", 16, &b, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "không phải bảng tính Excel"));
	const struct part docx[] = {{"word/document.xml", "<w:document/>"}};
	refused(docx, 1, KH_EINVAL, "thiếu xl/workbook.xml");
	const struct part broken[] = {{"xl/workbook.xml", "<workbook><sheets><sheet"}};
	refused(broken, 1, KH_EINVAL, "bị hỏng");
	const struct part none[] = {{"xl/workbook.xml", "<workbook><sheets/></workbook>"}};
	refused(none, 1, KH_EINVAL, "không có trang tính");
	const struct part missing[] = {
		{"xl/workbook.xml", "<workbook><sheets><sheet name=\"A\"/></sheets></workbook>"}};
	refused(missing, 1, KH_EINVAL, "thiếu trang tính A");
	const struct part badref[] = {
		{"xl/workbook.xml", "<workbook><sheets><sheet name=\"A\"/></sheets></workbook>"},
		{"xl/worksheets/sheet1.xml",
		 "<worksheet><sheetData><row><c r=\"XFE1\"><v>1</v></c></row></sheetData>"
		 "</worksheet>"}};
	refused(badref, 2, KH_EINVAL, "địa chỉ không hợp lệ");
	const struct part badrow[] = {
		{"xl/workbook.xml", "<workbook><sheets><sheet name=\"A\"/></sheets></workbook>"},
		{"xl/worksheets/sheet1.xml",
		 "<worksheet><sheetData><row r=\"0\"/></sheetData></worksheet>"}};
	refused(badrow, 2, KH_EINVAL, "số dòng");
	const struct part entity[] = {
		{"xl/workbook.xml", "<!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
				    "<workbook><sheets><sheet name=\"&x;\"/></sheets></workbook>"},
		{"xl/worksheets/sheet1.xml", "<worksheet/>"}};
	char *zip;
	size_t len;
	make_zip(entity, 2, &zip, &len);
	if (xlsx_read(zip, len, &b, &err) == 0) {
		assert_null(strstr(b.sheets[0].name, "root"));
		xlsx_book_release(&b);
	}
	free(zip);
}

static void test_refs(void **state)
{
	(void)state;
	int r, c;
	assert_true(xlsx_ref_parse("A1", &r, &c));
	assert_int_equal(r, 1);
	assert_int_equal(c, 0);
	assert_true(xlsx_ref_parse("k12", &r, &c));
	assert_int_equal(r, 12);
	assert_int_equal(c, 10);
	assert_true(xlsx_ref_parse("$AA$3", &r, &c));
	assert_int_equal(c, 26);
	assert_true(xlsx_ref_parse("XFD1048576", &r, &c));
	assert_int_equal(c, 16383);
	assert_false(xlsx_ref_parse("XFE1", &r, &c));
	assert_false(xlsx_ref_parse("A0", &r, &c));
	assert_false(xlsx_ref_parse("A1048577", &r, &c));
	assert_false(xlsx_ref_parse("1A", &r, &c));
	assert_false(xlsx_ref_parse("A", &r, &c));
	assert_false(xlsx_ref_parse("A1:B2", &r, &c));
	assert_false(xlsx_ref_parse("", &r, &c));
	assert_false(xlsx_ref_parse(NULL, &r, &c));
	char name[4];
	const struct {
		int col;
		const char *name;
	} cols[] = {{0, "A"}, {25, "Z"}, {26, "AA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}};
	for (size_t i = 0; i < KH_ARRAY_LEN(cols); i++) {
		xlsx_col_name(cols[i].col, name);
		assert_string_equal(name, cols[i].name);
		char ref[16];
		snprintf(ref, sizeof(ref), "%s9", name);
		assert_true(xlsx_ref_parse(ref, &r, &c));
		assert_int_equal(c, cols[i].col);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_shape), cmocka_unit_test(test_office_shape),
		cmocka_unit_test(test_minimal),	     cmocka_unit_test(test_refused),
		cmocka_unit_test(test_refs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
