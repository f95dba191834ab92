/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The DOCX writer (export/docx.h), checked by opening what it wrote: the
 * package reopened with libzip, every part present and well-formed XML,
 * word/document.xml parsed with libxml2 and its text and page set-up read
 * back. */
#include "core/common.h"
#include "core/buf.h"
#include "export/doc.h"
#include "export/docx.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <zip.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#define NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static const char *const PARTS[] = {
	"[Content_Types].xml", "_rels/.rels",	    "word/document.xml",
	"word/styles.xml",     "word/settings.xml", "word/_rels/document.xml.rels",
	"word/header1.xml",    "docProps/core.xml", "docProps/app.xml",
};

/* A committee's plan, as the app builds one. */
static void sample(struct doc *d, int n_items)
{
	doc_init(d);
	d->upper_body = doc_str(d, "ĐẢNG BỘ TỈNH SƠN NAM");
	d->issuer = doc_caps(d, "Đảng ủy xã Tân Phong");
	d->number = doc_str(d, "Số 12-KH/ĐU");
	d->place_date = doc_place_date(d, "Tân Phong", 2026, 3, 5);
	d->type = doc_str(d, "KẾ HOẠCH");
	d->subject = doc_str(d, "thực hiện Nghị quyết Đại hội Đảng bộ xã năm 2026");
	d->created_at = 1772668800; /* 2026-03-05 */
	doc_heading(d, 1, "I.", "MỤC ĐÍCH, YÊU CẦU");
	doc_paragraph(d, 0, "Quán triệt sâu sắc Nghị quyết & <các> chỉ tiêu \"trọng tâm\".");
	doc_heading(d, 1, "II.", "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP");
	doc_heading(d, 2, "1.", "Xây dựng Đảng về chính trị, tư tưởng");
	static const char *const H[] = {"TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"};
	static const int W[] = {7, 45, 17, 16, 15}, C[] = {1, 0, 0, 0, 0};
	struct doc_table *t = doc_table(d, 5, H, W, C);
	for (int i = 1; i <= n_items; i++) {
		char no[16], text[128];
		snprintf(no, sizeof(no), "%d", i);
		snprintf(text, sizeof(text), "Nội dung số %d: tổ chức học tập, quán triệt", i);
		const char *row[] = {no, text, "Ban Tuyên giáo", "Văn phòng\nMặt trận",
				     "Quý II/2026"};
		doc_table_row(d, t, row);
	}
	doc_list_item(d, 3, 0, "a)", "Rà soát quy hoạch cán bộ");
	doc_list_item(d, 4, 0, "-", "Đối với chi bộ");
	doc_list_item(d, 4, 0, "+", "Đối với đảng viên");
	doc_heading(d, 1, "III.", "TỔ CHỨC THỰC HIỆN");
	doc_paragraph(d, 0, "Các chi bộ xây dựng kế hoạch.\nVăn phòng theo dõi, đôn đốc.");
	doc_recipient(d, "Ban Thường vụ Tỉnh ủy");
	doc_recipient(d, "Các chi bộ trực thuộc");
	d->sign.on_behalf = doc_str(d, "T/M BAN THƯỜNG VỤ");
	d->sign.title = doc_str(d, "BÍ THƯ");
	d->sign.name = doc_str(d, "Nguyễn Thế Hiển");
}

static char *read_part(zip_t *za, const char *name, size_t *len)
{
	zip_stat_t st;
	assert_int_equal(zip_stat(za, name, 0, &st), 0);
	zip_file_t *f = zip_fopen(za, name, 0);
	assert_non_null(f);
	char *data = xmalloc((size_t)st.size + 1);
	assert_int_equal(zip_fread(f, data, st.size), (zip_int64_t)st.size);
	data[st.size] = '\0';
	zip_fclose(f);
	*len = (size_t)st.size;
	return data;
}

/* The text of every w:t, concatenated in document order. */
static void text_of(xmlNode *n, struct buf *b)
{
	for (; n; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "t") == 0) {
			xmlChar *s = xmlNodeGetContent(n);
			buf_puts(b, (const char *)s);
			xmlFree(s);
		} else if (n->type == XML_ELEMENT_NODE &&
			   (strcmp((const char *)n->name, "p") == 0)) {
			text_of(n->children, b);
			buf_putc(b, '\n');
			continue;
		}
		text_of(n->children, b);
	}
}

static char *xpath_attr(xmlDoc *x, const char *expr)
{
	xmlXPathContext *ctx = xmlXPathNewContext(x);
	xmlXPathRegisterNs(ctx, (const xmlChar *)"w", (const xmlChar *)NS_W);
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, ctx);
	char *v = NULL;
	if (o && o->type == XPATH_NODESET) {
		if (o->nodesetval && o->nodesetval->nodeNr > 0) {
			xmlChar *s = xmlNodeGetContent(o->nodesetval->nodeTab[0]);
			v = xstrdup((const char *)s);
			xmlFree(s);
		}
	} else if (o) {
		xmlChar *s = xmlXPathCastToString(o);
		v = xstrdup((const char *)s);
		xmlFree(s);
	}
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(ctx);
	return v;
}

static void assert_attr(xmlDoc *x, const char *expr, const char *want)
{
	char *v = xpath_attr(x, expr);
	if (!v || strcmp(v, want) != 0)
		fail_msg("%s = %s, want %s", expr, v ? v : "(none)", want);
	free(v);
}

static void test_package(void **state)
{
	(void)state;
	struct doc d;
	struct kh_error err;
	char *bytes;
	size_t len;
	sample(&d, 12);
	assert_int_equal(docx_write(&d, &bytes, &len, &err), 0);
	doc_release(&d);
	assert_true(len > 1000);
	assert_memory_equal(bytes, "PK\x03\x04", 4);

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
	assert_non_null(src);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	for (size_t i = 0; i < KH_ARRAY_LEN(PARTS); i++) {
		size_t n;
		char *part = read_part(za, PARTS[i], &n);
		xmlDoc *x = xmlReadMemory(part, (int)n, PARTS[i], "UTF-8", XML_PARSE_NONET);
		if (!x)
			fail_msg("%s is not well-formed XML", PARTS[i]);
		xmlFreeDoc(x);
		free(part);
	}
	/* The content types name every part. */
	size_t n;
	char *types = read_part(za, "[Content_Types].xml", &n);
	assert_non_null(strstr(types, "/word/document.xml"));
	assert_non_null(strstr(types, "wordprocessingml.document.main+xml"));
	free(types);

	char *xml = read_part(za, "word/document.xml", &n);
	xmlDoc *x = xmlReadMemory(xml, (int)n, "document.xml", "UTF-8", XML_PARSE_NONET);
	assert_non_null(x);
	struct buf text;
	buf_init(&text, 1 << 20);
	text_of(xmlDocGetRootElement(x), &text);
	const char *t = text.data;
	static const char *const want[] = {
		"ĐẢNG BỘ TỈNH SƠN NAM\n",
		"ĐẢNG ỦY XÃ TÂN PHONG\n",
		"*\n",
		"Số 12-KH/ĐU\n",
		"ĐẢNG CỘNG SẢN VIỆT NAM\n",
		"Tân Phong, ngày 05 tháng 3 năm 2026\n",
		"KẾ HOẠCH\n",
		"thực hiện Nghị quyết Đại hội Đảng bộ xã năm 2026\n",
		"I. MỤC ĐÍCH, YÊU CẦU\n",
		"Quán triệt sâu sắc Nghị quyết & <các> chỉ tiêu \"trọng tâm\".\n",
		"II. NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP\n",
		"1. Xây dựng Đảng về chính trị, tư tưởng\n",
		"Nội dung số 1: tổ chức học tập, quán triệt\n",
		"Nội dung số 12: tổ chức học tập, quán triệt\n",
		"Văn phòng\nMặt trận\n",
		"Quý II/2026\n",
		"a) Rà soát quy hoạch cán bộ\n",
		"- Đối với chi bộ\n",
		"+ Đối với đảng viên\n",
		"III. TỔ CHỨC THỰC HIỆN\n",
		"Các chi bộ xây dựng kế hoạch.\nVăn phòng theo dõi, đôn đốc.\n",
		"Nơi nhận:\n- Ban Thường vụ Tỉnh ủy,\n- Các chi bộ trực thuộc,\n- Lưu VP.\n",
		"T/M BAN THƯỜNG VỤ\nBÍ THƯ\n",
		"Nguyễn Thế Hiển\n",
	};
	const char *at = t;
	for (size_t i = 0; i < KH_ARRAY_LEN(want); i++) {
		const char *hit = strstr(at, want[i]);
		if (!hit)
			fail_msg("document.xml lacks (in order) «%s» in:\n%s", want[i], t);
		at = hit + strlen(want[i]);
	}
	/* Twelve item rows plus the header row in the items table. */
	assert_attr(x, "count(//w:tbl[w:tr/w:trPr/w:tblHeader]/w:tr)", "13");

	/* A4 portrait and the margins of Hướng dẫn 36 (20/20/30/15 mm). */
	assert_attr(x, "//w:body/w:sectPr/w:pgSz/@w:w", "11906");
	assert_attr(x, "//w:body/w:sectPr/w:pgSz/@w:h", "16838");
	assert_attr(x, "//w:body/w:sectPr/w:pgMar/@w:top", "1134");
	assert_attr(x, "//w:body/w:sectPr/w:pgMar/@w:bottom", "1134");
	assert_attr(x, "//w:body/w:sectPr/w:pgMar/@w:left", "1701");
	assert_attr(x, "//w:body/w:sectPr/w:pgMar/@w:right", "850");
	/* Page numbers from page 2: a distinct first page, a default header. */
	char *title_pg = xpath_attr(x, "name(//w:body/w:sectPr/w:titlePg)");
	assert_string_equal(title_pg, "w:titlePg");
	free(title_pg);
	assert_attr(x, "//w:body/w:sectPr/w:headerReference/@w:type", "default");
	/* The party's line: bold capitals 15 pt; the issuer in bold. */
	assert_attr(x, "//w:p[w:r/w:t='ĐẢNG CỘNG SẢN VIỆT NAM']/w:pPr/w:rPr/w:sz/@w:val", "30");
	char *bold = xpath_attr(x, "name(//w:p[w:r/w:t='ĐẢNG ỦY XÃ TÂN PHONG']/w:r/w:rPr/w:b)");
	assert_string_equal(bold, "w:b");
	free(bold);
	char *italic = xpath_attr(
		x, "name(//w:p[w:r/w:t='Tân Phong, ngày 05 tháng 3 năm 2026']/w:r/w:rPr/w:i)");
	assert_string_equal(italic, "w:i");
	free(italic);
	xmlFreeDoc(x);
	free(xml);

	char *hdr = read_part(za, "word/header1.xml", &n);
	assert_non_null(strstr(hdr, " PAGE "));
	free(hdr);
	char *core = read_part(za, "docProps/core.xml", &n);
	assert_non_null(strstr(core, "2026-03-05T00:00:00Z"));
	free(core);

	zip_close(za);
	zip_error_fini(&ze);
	buf_release(&text);
	free(bytes);
}

/* A letter: no type line, "V/v …" under the number, "Kính gửi:". */
static void test_letter(void **state)
{
	(void)state;
	struct doc d;
	struct kh_error err;
	char *bytes;
	size_t len;
	doc_init(&d);
	d.issuer = doc_str(&d, "TỈNH ỦY SƠN NAM");
	d.number = doc_str(&d, "Số 203-CV/TU");
	d.about = doc_str(&d, "V/v xây dựng kế hoạch năm 2026");
	d.place_date = doc_place_date(&d, "Sơn Nam", 2026, 1, 9);
	doc_addressee(&d, "Các huyện ủy, thành ủy");
	doc_addressee(&d, "Các đảng ủy trực thuộc");
	doc_paragraph(&d, 0, "Thực hiện …");
	assert_int_equal(docx_write(&d, &bytes, &len, &err), 0);
	doc_release(&d);

	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(bytes, len, 0, &ze);
	zip_t *za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	size_t n;
	char *xml = read_part(za, "word/document.xml", &n);
	assert_non_null(strstr(xml, "V/v xây dựng kế hoạch năm 2026"));
	assert_non_null(strstr(xml, "Sơn Nam, ngày 09 tháng 01 năm 2026"));
	assert_non_null(strstr(xml, "Kính gửi:"));
	assert_non_null(strstr(xml, "- Các đảng ủy trực thuộc."));
	assert_null(strstr(xml, "KẾ HOẠCH"));
	free(xml);
	zip_close(za);
	zip_error_fini(&ze);
	free(bytes);
}

static void test_caps(void **state)
{
	(void)state;
	struct doc d;
	doc_init(&d);
	assert_string_equal(doc_caps(&d, "Tỉnh uỷ Sơn Nam, đảng ủy ạ ữ"),
			    "TỈNH UỶ SƠN NAM, ĐẢNG ỦY Ạ Ữ");
	assert_string_equal(doc_caps(&d, NULL), "");
	assert_string_equal(doc_place_date(&d, "", 2026, 12, 31), "ngày 31 tháng 12 năm 2026");
	assert_string_equal(doc_place_date(&d, "Sơn Nam", 2026, 2, 10),
			    "Sơn Nam, ngày 10 tháng 02 năm 2026");
	doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_package),
		cmocka_unit_test(test_letter),
		cmocka_unit_test(test_caps),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	xmlCleanupParser();
	return rc;
}
