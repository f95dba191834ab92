/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for DOCX to text (text/docx.h): small packages are built in
 * memory with libzip, read back, and fed to the importer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/docx.h"
#include "text/importer.h"

#include <zip.h>

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

struct part {
	const char *name;
	const char *xml;
};

/* A ZIP package holding the parts, in memory; caller frees. */
static char *make_zip(const struct part *parts, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	zip_t *z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	zip_source_keep(src);
	for (int i = 0; parts[i].name; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].xml, strlen(parts[i].xml), 0);
		assert_non_null(s);
		assert_true(zip_file_add(z, parts[i].name, s, ZIP_FL_ENC_UTF_8) >= 0);
	}
	assert_int_equal(zip_close(z), 0);
	zip_stat_t st;
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	char *data = xmalloc((size_t)st.size + 1);
	assert_int_equal(zip_source_read(src, data, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	*len = (size_t)st.size;
	return data;
}

static char *to_text(const struct part *parts)
{
	size_t len, out_len;
	char *zip = make_zip(parts, &len), *out = NULL;
	struct kh_error err;
	assert_true(docx_sniff(zip, len));
	int rc = docx_to_text(zip, len, &out, &out_len, &err);
	if (rc)
		print_error("docx_to_text: %s\n", err.message);
	assert_int_equal(rc, 0);
	assert_int_equal(strlen(out), out_len);
	free(zip);
	return out;
}

static const char numbering[] =
	"<w:numbering " W ">"
	"<w:abstractNum w:abstractNumId=\"0\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"upperRoman\"/>"
	"<w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
	"<w:lvlText w:val=\"%2.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"2\"><w:start w:val=\"1\"/><w:numFmt w:val=\"lowerLetter\"/>"
	"<w:lvlText w:val=\"%3)\"/></w:lvl>"
	"<w:lvl w:ilvl=\"3\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"\xEF\x82\xB7\"/></w:lvl>"
	"<w:lvl w:ilvl=\"4\"><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"o\"/></w:lvl>"
	"</w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"1\">"
	"<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
	"<w:lvlText w:val=\"%1.\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/>"
	"<w:lvlText w:val=\"%1.%2.\"/></w:lvl></w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
	"<w:num w:numId=\"3\"><w:abstractNumId w:val=\"1\"/>"
	"<w:lvlOverride w:ilvl=\"0\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>"
	"</w:numbering>";

static const char styles[] =
	"<w:styles " W ">"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\">"
	"<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/></w:numPr></w:pPr>"
	"</w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"MyHeading\">"
	"<w:basedOn w:val=\"Heading1\"/></w:style>"
	"</w:styles>";

#define P(num, lvl, text)                                                         \
	"<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num \
	"\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"

static void test_paragraphs_runs_tabs(void **state)
{
	static const struct part parts[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"word/document.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
		 "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
		 "<w:p/>"
		 "<w:p><w:r><w:t xml:space=\"preserve\">Tổ chức </w:t></w:r>"
		 "<w:r><w:rPr><w:i/></w:rPr><w:t>thực hiện xong</w:t></w:r>"
		 "<w:r><w:rPr><w:iCs/></w:rPr><w:t xml:space=\"preserve\"> trong Quý II </w:t></w:r>"
		 "<w:r><w:rPr><w:i w:val=\"0\"/></w:rPr><w:t>nhé</w:t></w:r></w:p>"
		 "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
		 "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"
		 "<w:p><w:r><w:t>giữ</w:t></w:r><w:del><w:r><w:delText>xoá</w:delText></w:r></w:del>"
		 "<w:r><w:instrText>PAGE</w:instrText></w:r><w:ins><w:r><w:t>thêm</w:t></w:r></w:ins>"
		 "</w:p>"
		 "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Ô 1</w:t></w:r></w:p></w:tc>"
		 "<w:tc><w:p><w:r><w:t>Ô 2</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		 "</w:body></w:document>"},
		{NULL, NULL}};
	char *t = to_text(parts);
	assert_string_equal(t, "KẾ HOẠCH\n"
			       "\n"
			       "Tổ chức *thực hiện xong trong Quý II* nhé\n"
			       "a\tb\nc\n"
			       "giữthêm\n"
			       "Ô 1\n"
			       "Ô 2\n");
	free(t);
}

#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

/* A task table: rows of three or more cells are one tab-separated line (a
 * cell's paragraphs joined by a space), the importer reads them as items. */
static void test_task_table(void **state)
{
	static const struct part parts[] = {
		{"[Content_Types].xml", "<Types/>"},
		{"word/document.xml",
		 "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document " W "><w:body>"
		 "<w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p>"
		 "<w:p><w:r><w:t>thực hiện Chỉ thị số 05-CT/TW</w:t></w:r></w:p>"
		 "<w:p><w:r><w:t>I. NHIỆM VỤ CỤ THỂ</w:t></w:r></w:p>"
		 "<w:tbl><w:tr>" TC("STT") TC("Nội dung") TC("Chủ trì") TC("Phối hợp") TC(
			 "Thời gian") "</w:tr>"
				      "<w:tr>" TC(
					      "1") "<w:tc><w:p><w:r><w:t>Tổ chức học tập chuyên đề</w:t></w:r></w:p>"
						   "<w:p><w:r><w:t>cho đảng viên</w:t></w:r></w:p></w:tc>" TC(
							   "Ban Tuyên giáo Tỉnh ủy") TC("Văn phòng Tỉnh ủy và Ban Tổ chức Tỉnh ủy")
							   TC("Quý III/2026") "</w:tr>"
									      "<w:tr>" TC("2") TC(
										      "Sơ kết việc thực hiện")
										      TC("Văn phòng Tỉnh ủy") TC(
											      "")
											      TC("Tháng 12/2026") "</w:tr>"
														  "</w:tbl></w:body></w:document>"},
		{NULL, NULL}};
	char *t = to_text(parts);
	assert_non_null(strstr(t, "1\tTổ chức học tập chuyên đề cho đảng viên\tBan Tuyên giáo Tỉnh "
				  "ủy\tVăn phòng Tỉnh ủy và Ban Tổ chức Tỉnh ủy\tQuý III/2026\n"));
	assert_non_null(
		strstr(t, "2\tSơ kết việc thực hiện\tVăn phòng Tỉnh ủy\t\tTháng 12/2026\n"));
	struct import_doc d;
	struct kh_error err;
	assert_int_equal(import_parse(t, strlen(t), 0, &d, &err), 0);
	assert_int_equal(d.n_items, 2);
	assert_string_equal(d.items[0].path, "I.1");
	assert_string_equal(d.items[0].text, "Tổ chức học tập chuyên đề cho đảng viên");
	assert_string_equal(d.items[0].lead, "Ban Tuyên giáo Tỉnh ủy");
	assert_int_equal(d.items[0].n_coordinators, 2);
	assert_string_equal(d.items[0].coordinators[1], "Ban Tổ chức Tỉnh ủy");
	assert_int_equal(d.items[0].deadline.kind, DEADLINE_WINDOW);
	assert_string_equal(d.items[1].lead, "Văn phòng Tỉnh ủy");
	assert_int_equal(d.items[1].n_coordinators, 0);
	assert_string_equal(d.items[1].deadline_text, "Tháng 12/2026");
	import_doc_release(&d);
	free(t);
}

static void test_numbering(void **state)
{
	static const struct part parts[] = {
		{"word/numbering.xml", numbering},
		{"word/styles.xml", styles},
		{"word/document.xml",
		 "<w:document " W
		 "><w:body>" P(1, 0, "MỤC ĐÍCH") P(1, 1, "Một") P(1, 2, "Chữ a") P(1, 2, "Chữ b") P(
			 1, 3, "Gạch") P(1, 4, "Cộng") P(1, 1, "Hai") P(1, 0, "NỘI DUNG")
			 P(1, 1,
			   "Lại một") "<w:p><w:pPr><w:pStyle w:val=\"MyHeading\"/></w:pPr><w:r><w:t>Đề mục</w:t></w:r></w:p>"
				      "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:numPr><w:numId w:val=\"0\"/></w:numPr>"
				      "</w:pPr><w:r><w:t>Không số</w:t></w:r></w:p>" P(2, 1, "Con") P(
					      3, 0,
					      "Năm") "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId "
						     "w:val=\"99\"/></w:numPr></w:pPr><w:r><w:t>Lạ</w:t></w:r></w:p>"
						     "</w:body></w:document>"},
		{NULL, NULL}};
	char *t = to_text(parts);
	assert_string_equal(t, "I. MỤC ĐÍCH\n"
			       "1. Một\n"
			       "a) Chữ a\n"
			       "b) Chữ b\n"
			       "- Gạch\n"
			       "+ Cộng\n"
			       "2. Hai\n"
			       "II. NỘI DUNG\n"
			       "1. Lại một\n"
			       "1. Đề mục\n"
			       "Không số\n"
			       "1.1. Con\n"
			       "5. Năm\n"
			       "Lạ\n");
	/* and the importer reads the tree from it */
	struct import_doc d;
	struct kh_error err;
	assert_int_equal(import_parse(t, strlen(t), 0, &d, &err), 0);
	bool seen = false;
	for (int i = 0; i < d.n_items; i++)
		if (strcmp(d.items[i].path, "I.1.b.1.1") == 0)
			seen = strcmp(d.items[i].text, "Cộng") == 0;
	assert_true(seen);
	import_doc_release(&d);
	free(t);
}

static void test_refused(void **state)
{
	char *out = (char *)"x";
	size_t out_len = 9;
	struct kh_error err;
	/* not a zip */
	assert_false(docx_sniff("hello", 5));
	assert_int_equal(docx_to_text("hello", 5, &out, &out_len, &err), KH_EINVAL);
	assert_null(out);
	assert_non_null(strstr(err.message, "DOCX"));
	/* a zip signature and garbage */
	assert_int_equal(docx_to_text("PK\3\4garbage garbage", 19, &out, &out_len, &err),
			 KH_EINVAL);
	assert_null(out);
	/* a zip without word/document.xml */
	static const struct part no_doc[] = {{"hello.txt", "hi"}, {NULL, NULL}};
	size_t len;
	char *zip = make_zip(no_doc, &len);
	assert_int_equal(docx_to_text(zip, len, &out, &out_len, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "word/document.xml"));
	free(zip);
	/* broken XML */
	static const struct part bad_xml[] = {
		{"word/document.xml", "<w:document " W "><w:body><w:p><w:r><w:t>x</w:r>"},
		{NULL, NULL}};
	zip = make_zip(bad_xml, &len);
	assert_int_equal(docx_to_text(zip, len, &out, &out_len, &err), KH_EINVAL);
	assert_null(out);
	free(zip);
	/* an external entity is not loaded */
	static const struct part xxe[] = {
		{"word/document.xml",
		 "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
		 "<w:document " W "><w:body><w:p><w:r><w:t>a&x;b</w:t></w:r></w:p></w:body>"
		 "</w:document>"},
		{NULL, NULL}};
	zip = make_zip(xxe, &len);
	if (docx_to_text(zip, len, &out, &out_len, &err) == 0) {
		assert_null(strstr(out, "root:"));
		free(out);
	}
	free(zip);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paragraphs_runs_tabs),
		cmocka_unit_test(test_numbering),
		cmocka_unit_test(test_task_table),
		cmocka_unit_test(test_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
