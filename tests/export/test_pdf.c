/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The PDF writer (export/pdf.h), checked on what it wrote: a PDF file whose
 * pages are all A4 (the MediaBox of each page object read back), several
 * pages for a long plan, and the same output for the same document. */
#include "core/common.h"
#include "core/buf.h"
#include "export/doc.h"
#include "export/pdf.h"

#include <string.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

static void sample(struct doc *d, int n_items)
{
	doc_init(d);
	d->issuer = doc_str(d, "TỈNH ỦY SƠN NAM");
	d->number = doc_str(d, "Số 12-KH/TU");
	d->place_date = doc_place_date(d, "Sơn Nam", 2026, 3, 5);
	d->type = doc_str(d, "KẾ HOẠCH");
	d->subject = doc_str(d, "hành động năm 2026 của đồng chí Bí thư Tỉnh ủy");
	d->created_at = 1772668800;
	doc_heading(d, 1, "I.", "MỤC ĐÍCH, YÊU CẦU");
	doc_paragraph(d, 0,
		      "Nâng cao năng lực lãnh đạo, sức chiến đấu của Đảng bộ; xây dựng tổ chức"
		      " đảng trong sạch, vững mạnh; hoàn thành các chỉ tiêu Nghị quyết đề ra.");
	doc_heading(d, 1, "II.", "NỘI DUNG, NHIỆM VỤ VÀ GIẢI PHÁP");
	doc_heading(d, 2, "1.", "Những công việc thực hiện trong năm");
	static const char *const H[] = {"TT", "Nội dung, công việc, biện pháp", "Chủ trì",
					"Phối hợp", "Thời gian hoàn thành"};
	static const int W[] = {7, 43, 17, 17, 16}, C[] = {1, 0, 0, 0, 0};
	struct doc_table *t = doc_table(d, 5, H, W, C);
	for (int i = 1; i <= n_items; i++) {
		char no[16], text[256];
		snprintf(no, sizeof(no), "%d", i);
		snprintf(text, sizeof(text),
			 "Nội dung số %d: tổ chức học tập, quán triệt Nghị quyết Đại hội XIV của"
			 " Đảng đến toàn thể cán bộ, đảng viên",
			 i);
		const char *row[] = {no, text, "Ban Tuyên giáo và Dân vận", "Văn phòng Tỉnh ủy",
				     "Quý II/2026"};
		doc_table_row(d, t, row);
	}
	/* A row taller than a page breaks inside. */
	struct buf long_text;
	buf_init(&long_text, 1 << 20);
	for (int i = 0; i < 120; i++)
		buf_puts(&long_text, "Rà soát, bổ sung quy hoạch cán bộ cấp ủy. ");
	const char *row[] = {"99", long_text.data, "Ban Tổ chức", "", "trong năm 2026"};
	doc_table_row(d, t, row);
	buf_release(&long_text);
	doc_heading(d, 1, "III.", "TỔ CHỨC THỰC HIỆN");
	doc_paragraph(d, 0, "Văn phòng Tỉnh ủy theo dõi, đôn đốc.");
	doc_recipient(d, "Ban Bí thư Trung ương Đảng");
	d->sign.on_behalf = doc_str(d, "T/M BAN THƯỜNG VỤ");
	d->sign.title = doc_str(d, "BÍ THƯ");
	d->sign.name = doc_str(d, "Trần Văn Sơn");
}

/* The numbers of every "/MediaBox [a b c d]" in the file; returns the
 * count and checks each one is A4. */
static int check_media_boxes(const char *pdf, size_t len)
{
	int n = 0;
	const char *end = pdf + len, *p = pdf;
	static const char key[] = "/MediaBox [";
	while ((p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1))) {
		p += sizeof(key) - 1;
		double v[4];
		char *q = (char *)p;
		for (int i = 0; i < 4; i++) {
			v[i] = strtod(q, &q);
		}
		assert_true(v[0] == 0 && v[1] == 0);
		if (v[2] < 595.27 || v[2] > 595.29 || v[3] < 841.88 || v[3] > 841.90)
			fail_msg("MediaBox [%g %g %g %g] is not A4", v[0], v[1], v[2], v[3]);
		n++;
	}
	return n;
}

static void test_pdf(void **state)
{
	(void)state;
	struct doc d;
	struct kh_error err;
	char *a, *b;
	size_t la, lb;
	int pages = 0;
	sample(&d, 60);
	assert_int_equal(pdf_write(&d, &a, &la, &pages, &err), 0);
	assert_true(la > 5000);
	assert_memory_equal(a, "%PDF-", 5);
	assert_non_null(memmem(a, la, "%%EOF", 5));
	assert_true(pages >= 4);
	/* Every page object is A4: one MediaBox per page (cairo writes one in
	 * each page dictionary, and may add one on the page tree). */
	int boxes = check_media_boxes(a, la);
	assert_true(boxes >= pages);
	/* The same doc gives the same bytes (metadata dated by the doc). */
	assert_int_equal(pdf_write(&d, &b, &lb, NULL, &err), 0);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	doc_release(&d);
}

static void test_short(void **state)
{
	(void)state;
	struct doc d;
	struct kh_error err;
	char *a;
	size_t la;
	int pages = 0;
	sample(&d, 2);
	assert_int_equal(pdf_write(&d, &a, &la, &pages, &err), 0);
	assert_memory_equal(a, "%PDF-", 5);
	assert_int_equal(check_media_boxes(a, la) >= 1, 1);
	free(a);
	doc_release(&d);

	/* Nothing but the frame still makes one A4 page. */
	doc_init(&d);
	assert_int_equal(pdf_write(&d, &a, &la, &pages, &err), 0);
	assert_int_equal(pages, 1);
	free(a);
	doc_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_short),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
