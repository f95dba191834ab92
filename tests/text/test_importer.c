/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for the plan-document importer (text/importer.h). The corpus
 * of whole documents is compared with its expected JSON in
 * tests/cli/import.test.mjs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "core/buf.h"
#include "core/date.h"
#include "text/importer.h"

#include <time.h>

static void parse(const char *s, int year, struct import_doc *d)
{
	struct kh_error err;
	kh_error_clear(&err);
	int rc = import_parse(s, strlen(s), year, d, &err);
	if (rc)
		print_error("import_parse: %s\n", err.message);
	assert_int_equal(rc, 0);
}

static const struct import_item *item(const struct import_doc *d, const char *path)
{
	for (int i = 0; i < d->n_items; i++)
		if (strcmp(d->items[i].path, path) == 0)
			return &d->items[i];
	print_error("no item %s; items:", path);
	for (int i = 0; i < d->n_items; i++)
		print_error(" %s", d->items[i].path);
	print_error("\n");
	fail();
	return NULL;
}

static void paths_are(const struct import_doc *d, const char *const *want)
{
	int n = 0;
	while (want[n])
		n++;
	if (d->n_items != n) {
		for (int i = 0; i < d->n_items; i++)
			print_error("%s | %s\n", d->items[i].path, d->items[i].text);
	}
	assert_int_equal(d->n_items, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(d->items[i].path, want[i]);
}

static void test_numbering_shapes(void **state)
{
	struct import_doc d;
	parse("I. MỤC ĐÍCH\n"
	      "1. Việc một.\n"
	      "1.1. Việc một một.\n"
	      "1.2. Việc một hai.\n"
	      "2- Việc hai:\n"
	      "a) Việc a.\n"
	      "b) Việc b:\n"
	      "- Gạch một.\n"
	      "+ Cộng một.\n"
	      "+ Cộng hai.\n"
	      "- Gạch hai.\n"
	      "(1). Ngoặc một.\n"
	      "(2). Ngoặc hai.\n"
	      "II- NỘI DUNG\n"
	      "A. Phần A.\n"
	      "B. Phần B.\n"
	      "III. TỔ CHỨC\n"
	      "• Chấm một.\n"
	      "• Chấm hai.\n",
	      0, &d);
	/* "(1)." after "- Gạch hai." opens a level under b), not under the bullet */
	assert_string_equal(item(&d, "I.2.b.1_2")->text, "Ngoặc một.");
	assert_string_equal(item(&d, "I.2.b.2_2")->text, "Ngoặc hai.");
	assert_string_equal(item(&d, "I.1.1")->text, "Việc một một.");
	assert_string_equal(item(&d, "I.1.2")->text, "Việc một hai.");
	assert_string_equal(item(&d, "I.2.a")->text, "Việc a.");
	assert_string_equal(item(&d, "I.2.b.1.1")->text, "Cộng một.");
	assert_string_equal(item(&d, "I.2.b.1.2")->text, "Cộng hai.");
	assert_string_equal(item(&d, "I.2.b.2")->text, "Gạch hai.");
	assert_string_equal(item(&d, "II.A")->text, "Phần A.");
	assert_string_equal(item(&d, "II.B")->text, "Phần B.");
	assert_string_equal(item(&d, "III.1")->text, "Chấm một.");
	assert_string_equal(item(&d, "III.2")->text, "Chấm hai.");
	/* sections */
	bool found = false;
	for (int i = 0; i < d.n_sections; i++)
		if (strcmp(d.sections[i].path, "I.2.b") == 0) {
			found = true;
			assert_string_equal(d.sections[i].text, "Việc b:");
			assert_int_equal(d.sections[i].depth, 3);
		}
	assert_true(found);
	import_doc_release(&d);
}

static void test_paren_and_hyphen(void **state)
{
	struct import_doc d;
	parse("I- Mục đích\n"
	      "1- Nhằm kiểm điểm.\n"
	      "2- Yêu cầu nghiêm túc.\n"
	      "II- Nội dung\n"
	      "1. Về đánh giá:\n"
	      "(1). Nội dung một.\n"
	      "(2) Nội dung hai.\n"
	      "1.1 Về bối cảnh tình hình.\n",
	      0, &d);
	static const char *const want[] = {"I.1", "I.2", "II.1.1", "II.1.2", "II.1.1_2", NULL};
	paths_are(&d, want);
	import_doc_release(&d);
}

static void test_steps_ordinals_caps(void **state)
{
	struct import_doc d;
	parse("BƯỚC 1: CHUẨN BỊ\n"
	      "- Xây dựng kế hoạch.\n"
	      "Bước 2. Thực hiện\n"
	      "Tổ chức hội nghị.\n"
	      "Báo cáo kết quả.\n"
	      "NHIỆM VỤ CỤ THỂ\n"
	      "Nội dung thứ nhất: Nâng cao chất lượng sinh hoạt\n"
	      "Chi bộ sinh hoạt hằng tháng.\n"
	      "Nội dung thứ hai: Kiểm tra\n"
	      "Thứ nhất, kiểm tra đảng viên.\n"
	      "Thứ hai, giám sát chi bộ.\n"
	      "Một là, tăng cường.\n"
	      "Hai là, đổi mới.\n",
	      0, &d);
	assert_string_equal(item(&d, "1.1")->text, "Xây dựng kế hoạch.");
	assert_string_equal(item(&d, "2.1")->text, "Tổ chức hội nghị.");
	assert_string_equal(item(&d, "2.2")->text, "Báo cáo kết quả.");
	/* the capitals heading is third at the top, after the two steps */
	assert_string_equal(item(&d, "3.1.1")->text, "Chi bộ sinh hoạt hằng tháng.");
	assert_string_equal(item(&d, "3.2.1")->text, "kiểm tra đảng viên.");
	assert_string_equal(item(&d, "3.2.2.1")->text, "tăng cường.");
	assert_string_equal(item(&d, "3.2.2.2")->text, "đổi mới.");
	assert_int_equal(d.n_items, 7);
	import_doc_release(&d);
}

static void test_continuation_and_wrap(void **state)
{
	struct import_doc d;
	parse("II. NỘI DUNG\n"
	      "1. Tổ chức hội nghị quán triệt nghị quyết\n"
	      "cho toàn thể cán bộ, đảng viên.\n"
	      "\n"
	      "Sau hội nghị, các chi bộ thảo luận.\n"
	      "2. Về bố cục\n"
	      "Dự thảo gồm 3 phần.\n"
	      "III. TỔ CHỨC THỰC HIỆN\n"
	      "Văn phòng theo dõi.\n"
	      "Ban Tổ chức kiểm tra.\n",
	      0, &d);
	assert_string_equal(
		item(&d, "II.1")->text,
		"Tổ chức hội nghị quán triệt nghị quyết cho toàn thể cán bộ, đảng viên. "
		"Sau hội nghị, các chi bộ thảo luận.");
	assert_int_equal(item(&d, "II.1")->line, 2);
	assert_string_equal(item(&d, "II.2")->text, "Về bố cục Dự thảo gồm 3 phần.");
	/* under a heading, each paragraph is an item */
	assert_string_equal(item(&d, "III.1")->text, "Văn phòng theo dõi.");
	assert_string_equal(item(&d, "III.2")->text, "Ban Tổ chức kiểm tra.");
	assert_int_equal(item(&d, "III.2")->line, 10);
	import_doc_release(&d);
}

static void test_intro_not_items(void **state)
{
	struct import_doc d;
	parse("Căn cứ Nghị quyết số 12-NQ/TU;\n"
	      "Ban Thường vụ ban hành kế hoạch như sau:\n"
	      "I. NHIỆM VỤ\n"
	      "Ban Thường vụ yêu cầu các cấp ủy thực hiện các nội dung sau:\n"
	      "1. Việc một.\n"
	      "2. Việc hai.\n",
	      0, &d);
	static const char *const want[] = {"I.1", "I.2", NULL};
	paths_are(&d, want);
	import_doc_release(&d);
}

static void test_leads_from_headings(void **state)
{
	struct import_doc d;
	parse("III. TỔ CHỨC THỰC HIỆN\n"
	      "1. Ban Tổ chức Tỉnh uỷ\n"
	      "- Hướng dẫn các cấp ủy.\n"
	      "- Tổng hợp kết quả.\n"
	      "2. Ủy ban nhân dân tỉnh:\n"
	      "Chỉ đạo các sở xây dựng kế hoạch.\n"
	      "Bố trí kinh phí.\n"
	      "3. Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy\n"
	      "- Cụ thể hóa chương trình.\n"
	      "4. Đối với Ban Tuyên giáo:\n"
	      "a) Tuyên truyền nghị quyết.\n"
	      "b) Văn phòng Tỉnh ủy chủ trì tổng hợp.\n",
	      0, &d);
	assert_string_equal(item(&d, "III.1.1")->lead, "Ban Tổ chức Tỉnh uỷ");
	assert_string_equal(item(&d, "III.1.2")->lead, "Ban Tổ chức Tỉnh uỷ");
	assert_false(item(&d, "III.1.2")->lead_group);
	assert_string_equal(item(&d, "III.2.1")->lead, "Ủy ban nhân dân tỉnh");
	assert_string_equal(item(&d, "III.2.2")->lead, "Ủy ban nhân dân tỉnh");
	assert_string_equal(item(&d, "III.3.1")->lead,
			    "Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy");
	assert_true(item(&d, "III.3.1")->lead_group);
	assert_string_equal(item(&d, "III.4.a")->lead, "Ban Tuyên giáo");
	/* an item's own lead wins */
	assert_string_equal(item(&d, "III.4.b")->lead, "Văn phòng Tỉnh ủy");
	/* the heading that names a body is a section, not an item */
	for (int i = 0; i < d.n_items; i++)
		assert_string_not_equal(d.items[i].text, "Ban Tổ chức Tỉnh uỷ");
	import_doc_release(&d);
}

static void test_leads_from_sentences(void **state)
{
	struct import_doc d;
	parse("I. NHIỆM VỤ\n"
	      "1. Văn phòng Tỉnh uỷ chủ trì, phối hợp với Ban Tổ chức Tỉnh uỷ, Ủy ban Kiểm tra "
	      "Tỉnh ủy và Ban Tuyên giáo Tỉnh ủy kiểm tra, đôn đốc.\n"
	      "2. Giao Ban Dân vận Tỉnh ủy chủ trì theo dõi.\n"
	      "3. Ủy ban nhân dân tỉnh có trách nhiệm bố trí kinh phí.\n"
	      "4. Đề nghị Mặt trận Tổ quốc tỉnh giám sát.\n"
	      "5. Các chi, đảng bộ cơ sở: tổ chức hội nghị sơ kết.\n"
	      "6. Tổ chức hội nghị, do Ban Tổ chức Tỉnh ủy chủ trì.\n"
	      "7. Biên soạn tài liệu (Chủ trì: Ban Tuyên giáo Tỉnh ủy; phối hợp: Sở Văn hóa, "
	      "Thể thao và Du lịch).\n"
	      "8. Ban hành quy chế làm việc.\n"
	      "9. Hội nghị tổng kết được tổ chức vào cuối năm.\n"
	      "10. UBKT Huyện ủy kiểm tra dấu hiệu vi phạm.\n"
	      "11. Phối hợp với các cơ quan liên quan rà soát văn bản.\n",
	      0, &d);
	const struct import_item *it = item(&d, "I.1");
	assert_string_equal(it->lead, "Văn phòng Tỉnh uỷ");
	assert_int_equal(it->n_coordinators, 3);
	assert_string_equal(it->coordinators[0], "Ban Tổ chức Tỉnh uỷ");
	assert_string_equal(it->coordinators[1], "Ủy ban Kiểm tra Tỉnh ủy");
	assert_string_equal(it->coordinators[2], "Ban Tuyên giáo Tỉnh ủy");
	assert_string_equal(item(&d, "I.2")->lead, "Ban Dân vận Tỉnh ủy");
	assert_string_equal(item(&d, "I.3")->lead, "Ủy ban nhân dân tỉnh");
	assert_string_equal(item(&d, "I.4")->lead, "Mặt trận Tổ quốc tỉnh");
	assert_string_equal(item(&d, "I.5")->lead, "Các chi, đảng bộ cơ sở");
	assert_true(item(&d, "I.5")->lead_group);
	assert_string_equal(item(&d, "I.6")->lead, "Ban Tổ chức Tỉnh ủy");
	it = item(&d, "I.7");
	assert_string_equal(it->lead, "Ban Tuyên giáo Tỉnh ủy");
	assert_int_equal(it->n_coordinators, 1);
	assert_string_equal(it->coordinators[0], "Sở Văn hóa, Thể thao và Du lịch");
	assert_null(item(&d, "I.8")->lead);
	assert_null(item(&d, "I.9")->lead);
	assert_string_equal(item(&d, "I.10")->lead, "UBKT Huyện ủy");
	it = item(&d, "I.11");
	assert_null(it->lead);
	assert_int_equal(it->n_coordinators, 1);
	assert_string_equal(it->coordinators[0], "các cơ quan liên quan");
	import_doc_release(&d);
}

/* The name grammar (importer.h "Names of bodies"): each row is one item
 * "1. <text>" (a sentence) or a heading "1. <text>" over "- Việc." (the
 * heading's lead is inherited); lead NULL = none; coordinators joined with
 * " | ". */
static const struct {
	const char *text;
	bool heading;
	const char *lead;
	const char *coord;
} name_rows[] = {
	{"Ban Tuyên huấn Tỉnh ủy chủ trì tổ chức hội nghị.", false, "Ban Tuyên huấn Tỉnh ủy", ""},
	{"Hội Cờ tướng tỉnh phối hợp tổ chức giải.", false, "Hội Cờ tướng tỉnh", ""},
	{"Ban Tuyên giáo và Dân vận Tỉnh ủy chủ trì, phối hợp với Văn phòng Tỉnh ủy thực hiện.",
	 false, "Ban Tuyên giáo và Dân vận Tỉnh ủy", "Văn phòng Tỉnh ủy"},
	{"Ủy ban Kiểm tra Huyện ủy có trách nhiệm kiểm tra.", false, "Ủy ban Kiểm tra Huyện ủy",
	 ""},
	{"Hội Cựu chiến binh tỉnh tuyên truyền sâu rộng.", false, "Hội Cựu chiến binh tỉnh", ""},
	{"Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh chủ trì triển khai.", false,
	 "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", ""},
	{"Mặt trận Tổ quốc Việt Nam tỉnh chủ trì giám sát.", false,
	 "Mặt trận Tổ quốc Việt Nam tỉnh", ""},
	{"Sở Tài nguyên và Môi trường chủ trì, phối hợp với Sở Xây dựng rà soát quy hoạch.", false,
	 "Sở Tài nguyên và Môi trường", "Sở Xây dựng"},
	{"Đảng ủy Quân sự tỉnh chỉ đạo diễn tập.", false, "Đảng ủy Quân sự tỉnh", ""},
	{"Bộ Chỉ huy Quân sự tỉnh chủ trì diễn tập khu vực phòng thủ.", false,
	 "Bộ Chỉ huy Quân sự tỉnh", ""},
	{"Công an tỉnh chủ trì bảo đảm an ninh.", false, "Công an tỉnh", ""},
	{"Công an tỉnh xử lý vi phạm.", false, "Công an tỉnh", ""},
	{"Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy, Hội Nông dân tỉnh và Sở Nội "
	 "vụ theo dõi.",
	 false, "Văn phòng Tỉnh ủy", "Ban Tổ chức Tỉnh ủy | Hội Nông dân tỉnh | Sở Nội vụ"},
	{"Văn phòng Tỉnh ủy và Ban Tổ chức Tỉnh ủy chủ trì sơ kết.", false,
	 "Văn phòng Tỉnh ủy và Ban Tổ chức Tỉnh ủy", ""},
	{"Ban Thường vụ Tỉnh ủy chỉ đạo, phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy và Ủy ban "
	 "Kiểm tra Tỉnh ủy để thực hiện.",
	 false, "Ban Thường vụ Tỉnh ủy",
	 "Ban Tuyên giáo và Dân vận Tỉnh ủy | Ủy ban Kiểm tra Tỉnh ủy"},
	{"Ủy ban nhân dân tỉnh Bình Dương chỉ đạo các sở thực hiện.", false,
	 "Ủy ban nhân dân tỉnh Bình Dương", ""},
	{"Ban Tổ chức Huyện ủy Phú Giáo hướng dẫn quy trình.", false,
	 "Ban Tổ chức Huyện ủy Phú Giáo", ""},
	{"Sở Lao động - Thương binh và Xã hội chủ trì rà soát.", false,
	 "Sở Lao động - Thương binh và Xã hội", ""},
	{"Sở Văn hóa, Thể thao và Du lịch tổ chức liên hoan.", false,
	 "Sở Văn hóa, Thể thao và Du lịch", ""},
	{"Hội Người cao tuổi tỉnh vận động hội viên.", false, "Hội Người cao tuổi tỉnh", ""},
	{"Hội Chữ thập đỏ tỉnh tiếp nhận hàng cứu trợ.", false, "Hội Chữ thập đỏ tỉnh", ""},
	{"Đảng ủy Khối các cơ quan tỉnh chỉ đạo các chi bộ.", false,
	 "Đảng ủy Khối các cơ quan tỉnh", ""},
	{"Ban Tổ chức Tỉnh ủy đánh giá kết quả xếp loại tổ chức đảng.", false,
	 "Ban Tổ chức Tỉnh ủy", ""},
	{"Ban Chỉ đạo đánh giá kết quả xếp loại tổ chức đảng.", false, "Ban Chỉ đạo", ""},
	{"Giao Sở Xây dựng chủ trì, phối hợp với Sở Giao thông vận tải khi triển khai.", false,
	 "Sở Xây dựng", "Sở Giao thông vận tải"},
	{"Đề nghị Liên đoàn Lao động tỉnh phối hợp với Hội Liên hiệp Phụ nữ tỉnh trong tuyên truyền.",
	 false, "Liên đoàn Lao động tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"},
	{"Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy khẩn trương triển khai.",
	 false, "Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy", ""},
	{"Tổ chức hội nghị quán triệt trong toàn tỉnh.", false, NULL, ""},
	{"Ban hành quy chế phối hợp.", false, NULL, ""},
	{"Hội nghị Ban Chấp hành được tổ chức định kỳ.", false, NULL, ""},
	{"Ban Tuyên huấn Tỉnh ủy:", true, "Ban Tuyên huấn Tỉnh ủy", ""},
	{"Hội Cờ tướng tỉnh", true, "Hội Cờ tướng tỉnh", ""},
	{"Sở Tài nguyên và Môi trường:", true, "Sở Tài nguyên và Môi trường", ""},
	{"Đối với Ban Tuyên giáo và Dân vận Huyện ủy:", true, "Ban Tuyên giáo và Dân vận Huyện ủy",
	 ""},
	{"Ủy ban Kiểm tra Huyện ủy chủ trì:", true, "Ủy ban Kiểm tra Huyện ủy", ""},
	{"Công an tỉnh:", true, "Công an tỉnh", ""},
	/* a verb the stop list does not know, after a whole two-syllable word */
	{"Ban Tổ chức thẩm xét, trình Ban Thường vụ quyết định.", false, "Ban Tổ chức", ""},
	{"Ban Tuyên giáo tổng hợp, báo cáo.", false, "Ban Tuyên giáo", ""},
	{"Văn phòng rà soát, đôn đốc.", false, "Văn phòng", ""},
	{"Hội Cựu chiến binh chủ trì tổ chức hội thảo.", false, "Hội Cựu chiến binh", ""},
	{"Hội Người cao tuổi chủ trì vận động hội viên.", false, "Hội Người cao tuổi", ""},
};

static void test_name_grammar(void **state)
{
	for (size_t r = 0; r < KH_ARRAY_LEN(name_rows); r++) {
		struct buf b;
		buf_init(&b, 4096);
		buf_printf(&b, "I. NHIỆM VỤ\n1. %s\n", name_rows[r].text);
		if (name_rows[r].heading)
			buf_puts(&b, "- Việc thứ nhất.\n- Việc thứ hai.\n");
		assert_false(b.failed);
		struct import_doc d;
		parse(b.data, 0, &d);
		const struct import_item *it = item(&d, name_rows[r].heading ? "I.1.1" : "I.1");
		struct buf c;
		buf_init(&c, 4096);
		for (int i = 0; i < it->n_coordinators; i++)
			buf_printf(&c, "%s%s", i ? " | " : "", it->coordinators[i]);
		const char *want = name_rows[r].lead;
		if ((want == NULL) != (it->lead == NULL) || (want && strcmp(want, it->lead) != 0) ||
		    strcmp(name_rows[r].coord, c.data) != 0)
			print_error("row %zu: %s\n  lead %s, coordinators \"%s\"\n", r,
				    name_rows[r].text, it->lead ? it->lead : "(null)", c.data);
		if (want) {
			assert_non_null(it->lead);
			assert_string_equal(it->lead, want);
		} else {
			assert_null(it->lead);
		}
		assert_string_equal(c.data, name_rows[r].coord);
		buf_release(&c);
		buf_release(&b);
		import_doc_release(&d);
	}
	(void)state;
}

/* A paragraph after the last entry of a list that starts a sentence of its
 * own ends the list: a task of the parent section, or end matter. */
static void test_closing_paragraph(void **state)
{
	struct import_doc d;
	parse("III. TỔ CHỨC THỰC HIỆN\n"
	      "1. Văn phòng Tỉnh ủy chủ trì theo dõi.\n"
	      "\n"
	      "Ban Tổ chức Tỉnh ủy phối hợp thực hiện.\n"
	      "\n"
	      "2. Giao Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.\n"
	      "\n"
	      "Các huyện ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy khẩn trương triển khai. Nếu có "
	      "vướng mắc, báo cáo Ban Thường vụ Tỉnh ủy.\n"
	      "\n"
	      "Trong quá trình thực hiện, nếu có vướng mắc, báo cáo Văn phòng Tỉnh ủy.\n"
	      "\n"
	      "IV. KINH PHÍ\n"
	      "1. Sở Tài chính bố trí kinh phí.\n"
	      "    Sở Nội vụ cùng thực hiện.\n"
	      "2. Tổ chức hội nghị.\n"
	      "\n"
	      "Việc này làm trong tháng 6.\n"
	      "\n"
	      "Nếu có vướng mắc, báo cáo về Văn phòng Tỉnh ủy.\n",
	      2020, &d);
	static const char *const want[] = {"III.1", "III.2", "III.3", "IV.1", "IV.2", NULL};
	paths_are(&d, want);
	/* not the last entry of its list: it continues it */
	assert_string_equal(item(&d, "III.1")->text,
			    "Văn phòng Tỉnh ủy chủ trì theo dõi. Ban Tổ chức Tỉnh ủy phối hợp "
			    "thực hiện.");
	assert_string_equal(item(&d, "III.2")->text,
			    "Giao Ban Tuyên giáo Tỉnh ủy chủ trì tuyên truyền.");
	const struct import_item *it = item(&d, "III.3");
	assert_string_equal(it->lead, "Các huyện ủy, thị ủy, đảng ủy trực thuộc Tỉnh ủy");
	assert_true(it->lead_group);
	/* indented: a continuation */
	assert_string_equal(item(&d, "IV.1")->text,
			    "Sở Tài chính bố trí kinh phí. Sở Nội vụ cùng thực hiện.");
	/* names no body: it continues; "Nếu có vướng mắc" is end matter */
	it = item(&d, "IV.2");
	assert_string_equal(it->text, "Tổ chức hội nghị. Việc này làm trong tháng 6.");
	assert_int_equal(it->deadline.kind, DEADLINE_WINDOW);
	import_doc_release(&d);
	(void)state;
}

static void test_deadlines(void **state)
{
	struct import_doc d;
	parse("KẾ HOẠCH\nthực hiện nhiệm vụ năm 2019\n\n"
	      "I. NHIỆM VỤ\n"
	      "1. Tổ chức hội nghị quán triệt.\n"
	      "(Thời gian thực hiện trong Quý II/2012).\n"
	      "2. Hoàn thành đề án *thực hiện xong trong Quý II năm 2019*\n"
	      "3. Sơ kết, tổng kết trước ngày 31 tháng 03 năm sau.\n"
	      "4. Thường xuyên kiểm tra.\n"
	      "5. Ban hành quy định sau khi có hướng dẫn của Trung ương.\n"
	      "6. Không có thời hạn.\n"
	      "II. NHỮNG VIỆC THỰC HIỆN TỪ NAY ĐẾN NĂM 2020\n"
	      "- Rà soát quy hoạch.\n"
	      "- Tổ chức đại hội từ tháng 5/2020.\n",
	      0, &d);
	assert_int_equal(d.plan_year, 2019);
	const struct import_item *it = item(&d, "I.1");
	assert_int_equal(it->deadline.kind, DEADLINE_WINDOW);
	assert_int_equal(it->deadline.start, date_from_ymd(2012, 4, 1));
	assert_int_equal(it->deadline.end, date_from_ymd(2012, 6, 30));
	assert_non_null(strstr(it->text, "(Thời gian thực hiện trong Quý II/2012)."));
	it = item(&d, "I.2");
	assert_int_equal(it->deadline.kind, DEADLINE_WINDOW);
	assert_int_equal(it->deadline.end, date_from_ymd(2019, 6, 30));
	assert_string_equal(it->deadline_text, "trong Quý II năm 2019");
	it = item(&d, "I.3");
	assert_int_equal(it->deadline.kind, DEADLINE_DATE);
	assert_int_equal(it->deadline.end, date_from_ymd(2020, 3, 31));
	assert_int_equal(item(&d, "I.4")->deadline.kind, DEADLINE_RECURRING);
	assert_int_equal(item(&d, "I.5")->deadline.kind, DEADLINE_CONDITIONAL);
	it = item(&d, "I.6");
	assert_int_equal(it->deadline.kind, DEADLINE_NONE);
	assert_null(it->deadline_text);
	/* the heading's deadline, and an item's own */
	it = item(&d, "II.1");
	assert_int_equal(it->deadline.kind, DEADLINE_DATE);
	assert_int_equal(it->deadline.end, date_from_ymd(2020, 12, 31));
	assert_int_equal(item(&d, "II.2")->deadline.kind, DEADLINE_FROM);
	import_doc_release(&d);

	/* the caller's year wins */
	parse("1. Báo cáo trước ngày 31 tháng 01 năm sau.\n", 2030, &d);
	assert_int_equal(d.plan_year, 2030);
	assert_int_equal(item(&d, "1")->deadline.end, date_from_ymd(2031, 1, 31));
	import_doc_release(&d);
}

static void test_header(void **state)
{
	struct import_doc d;
	parse("ĐẢNG BỘ TỈNH LẠC SƠN\t\tĐẢNG CỘNG SẢN VIỆT NAM\n"
	      "BAN TỔ CHỨC\n"
	      "*\n"
	      "Số 203 - CV/BTCĐUK\t\tLạc Sơn, ngày 12 tháng 4 năm 2018\n"
	      "\n"
	      "KẾ HOẠCH\n"
	      "Sơ kết giữa nhiệm kỳ\n"
	      "nhiệm kỳ 2015 - 2020\n"
	      "------\n"
	      "Kính gửi:\n"
	      "- Các chi bộ trực thuộc;\n"
	      "- Các đồng chí ủy viên.\n"
	      "Căn cứ Kế hoạch số 316-KH/TU, ngày 4-5-2018 của Ban Thường vụ Tỉnh ủy.\n"
	      "I. MỤC ĐÍCH\n"
	      "1. Đánh giá đúng tình hình.\n",
	      0, &d);
	assert_string_equal(d.number, "203-CV/BTCĐUK");
	assert_string_equal(d.issuer, "ĐẢNG BỘ TỈNH LẠC SƠN – BAN TỔ CHỨC");
	assert_string_equal(d.place_date, "Lạc Sơn, ngày 12 tháng 4 năm 2018");
	assert_int_equal(d.date, date_from_ymd(2018, 4, 12));
	assert_string_equal(d.kind, "KẾ HOẠCH");
	assert_string_equal(d.subject, "Sơ kết giữa nhiệm kỳ nhiệm kỳ 2015 - 2020");
	assert_string_equal(d.title, "Kế hoạch sơ kết giữa nhiệm kỳ nhiệm kỳ 2015 - 2020");
	assert_string_equal(d.addressees, "Các chi bộ trực thuộc;; Các đồng chí ủy viên.");
	assert_int_equal(d.plan_year, 2018);
	assert_int_equal(d.n_items, 1);
	assert_string_equal(d.items[0].path, "I.1");
	import_doc_release(&d);

	/* a letter: number, "Về …" subject, "Kính gửi" on one line */
	parse("Số 12-CV/TU\n\nVề việc triển khai\nkế hoạch năm 2020\n\nKính gửi : Các cấp ủy\n\n"
	      "Thực hiện chỉ đạo của Tỉnh ủy, đề nghị:\n1. Các cấp ủy triển khai.\n",
	      0, &d);
	assert_string_equal(d.title, "Về việc triển khai kế hoạch năm 2020");
	assert_null(d.kind);
	assert_string_equal(d.addressees, "Các cấp ủy");
	assert_int_equal(d.plan_year, 2020);
	assert_int_equal(d.n_items, 1);
	import_doc_release(&d);

	/* no header at all: a capitals heading is not an issuer */
	parse("MỤC ĐÍCH, YÊU CẦU\nBảo đảm chất lượng.\n", 0, &d);
	assert_null(d.issuer);
	assert_null(d.title);
	assert_int_equal(d.n_items, 1);
	assert_string_equal(d.items[0].text, "Bảo đảm chất lượng.");
	import_doc_release(&d);
}

static void test_end_matter(void **state)
{
	struct import_doc d;
	parse("I. NHIỆM VỤ\n"
	      "1. Việc một.\n"
	      "Trên đây là Kế hoạch của Ban Thường vụ.\n"
	      "Nơi nhận:\n"
	      "- Như trên,\n"
	      "- Lưu VP.\n"
	      "T/M BAN THƯỜNG VỤ\n"
	      "PHÓ BÍ THƯ\n"
	      "Nguyễn Văn A\n",
	      0, &d);
	assert_int_equal(d.n_items, 1);
	assert_string_equal(d.items[0].text, "Việc một.");
	import_doc_release(&d);

	/* "Trên đây" inside the body when a numbered heading follows */
	parse("I. KẾT QUẢ\n1. Việc một.\nTrên đây là kết quả bước đầu.\nII. NHIỆM VỤ\n1. Việc hai.\n"
	      "Trân trọng.\n- Việc không phải nhiệm vụ.\n",
	      0, &d);
	assert_int_equal(d.n_items, 2);
	assert_string_equal(item(&d, "II.1")->text, "Việc hai.");
	import_doc_release(&d);
}

static void test_nfd_crlf_tabs(void **state)
{
	struct import_doc a, b;
	/* "Tỉnh ủy" decomposed: i + U+0309, u + U+0309 + y */
	parse("I. NHI\xE1\xBB\x86M V\xE1\xBB\xA4\r\n\r\n"
	      "1.\tBan T\xE1\xBB\x95 ch\xE1\xBB\xA9\x63 Ti\xCC\x89nh u\xCC\x89y ch\xE1\xBB\xA7 tr\xC3\xAC.\t\r\n"
	      "\xEF\xBB\xBF\t \r\n",
	      0, &a);
	parse("I. NHIỆM VỤ\n1. Ban Tổ chức Tỉnh ủy chủ trì.\n", 0, &b);
	assert_int_equal(a.n_items, 1);
	assert_string_equal(a.items[0].text, b.items[0].text);
	assert_string_equal(a.items[0].lead, "Ban Tổ chức Tỉnh ủy");
	assert_int_equal(a.items[0].line, 3);
	import_doc_release(&a);
	import_doc_release(&b);

	/* a byte-order mark and old Mac line ends */
	parse("\xEF\xBB\xBFI. A\r1. Việc một.\r2. Việc hai.\r", 0, &a);
	assert_int_equal(a.n_items, 2);
	assert_int_equal(a.items[1].line, 3);
	import_doc_release(&a);
}

static void test_empty_and_invalid(void **state)
{
	struct import_doc d;
	struct kh_error err;
	parse("", 0, &d);
	assert_int_equal(d.n_items, 0);
	assert_null(d.title);
	import_doc_release(&d);
	parse("\n\n  \t\n", 0, &d);
	assert_int_equal(d.n_items, 0);
	import_doc_release(&d);
	assert_int_equal(import_parse(NULL, 0, 0, &d, &err), 0);
	import_doc_release(&d);
	assert_int_equal(import_parse("K\xE1\xBA", 3, 0, &d, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "UTF-8"));
	import_doc_release(&d);
	assert_int_equal(import_parse("a\0b", 3, 0, &d, &err), KH_EINVAL);
	import_doc_release(&d);
	/* other control characters are spaces */
	parse("1. Việc\x0b một.\x0c\n", 0, &d);
	assert_string_equal(d.items[0].text, "Việc một.");
	import_doc_release(&d);
	/* the seeds' odd corners: a lone heading, a marker alone on its line */
	parse("I. MỤC ĐÍCH\nII.\nNỘI DUNG\n1.\nViệc một.\n", 0, &d);
	assert_int_equal(d.n_items, 1);
	assert_string_equal(d.items[0].path, "II.1");
	assert_string_equal(d.items[0].text, "Việc một.");
	import_doc_release(&d);
}

static void test_big_plan_fast(void **state)
{
	static const char *const section =
		"%d. Ban Tổ chức Tỉnh ủy\n"
		"- Chủ trì, phối hợp với Văn phòng Tỉnh ủy và Ủy ban Kiểm tra Tỉnh ủy rà soát, "
		"bổ sung quy hoạch cán bộ lãnh đạo, quản lý các cấp nhiệm kỳ 2020 - 2025.\n"
		"(Thời gian thực hiện trong Quý II/2021).\n"
		"- Hướng dẫn các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng kế hoạch "
		"thực hiện, *hoàn thành trước ngày 30 tháng 6 năm 2021*.\n"
		"a) Tổng hợp kết quả, báo cáo Ban Thường vụ Tỉnh ủy định kỳ 6 tháng và hằng năm.\n"
		"b) Đề nghị các sở, ban, ngành phối hợp thực hiện sau khi có hướng dẫn của "
		"Trung ương.\n\n";
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_puts(&b, "KẾ HOẠCH\nthực hiện Nghị quyết năm 2021\n\nI. NHIỆM VỤ\n");
	int n = 0;
	while (b.len < 75 * 1024)
		buf_printf(&b, section, ++n);
	assert_false(buf_failed(&b));
	struct import_doc d;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	parse(b.data, 0, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	print_message("75 KB plan: %d items in %.3f s (sanitizer build)\n", d.n_items, secs);
	assert_true(secs < 1.0);
	assert_int_equal(d.n_items, n * 4);
	const struct import_item *it = item(&d, "I.1.1");
	assert_string_equal(it->lead, "Ban Tổ chức Tỉnh ủy");
	assert_int_equal(it->n_coordinators, 2);
	assert_int_equal(it->deadline.kind, DEADLINE_WINDOW);
	import_doc_release(&d);
	buf_release(&b);
}

static void key_is(const char *name, const char *want)
{
	char *k = import_name_key(name);
	if (strcmp(k, want) != 0)
		print_error("key of «%s» = «%s», want «%s»\n", name, k, want);
	assert_string_equal(k, want);
	free(k);
}

static void test_name_key(void **state)
{
	key_is("Ban Tổ chức Tỉnh uỷ", "ban to chuc tinh uy");
	key_is("BAN TỔ CHỨC TỈNH ỦY", "ban to chuc tinh uy");
	key_is("Ban Tổ chức TU", "ban to chuc tinh uy");
	key_is("UBKT Tỉnh ủy", "uy ban kiem tra tinh uy");
	key_is("BTV Huyện ủy", "ban thuong vu huyen uy");
	key_is("HĐND tỉnh", "hoi dong nhan dan tinh");
	key_is("UBND huyện", "uy ban nhan dan huyen");
	key_is("Ủy ban MTTQ tỉnh", "uy ban mat tran to quoc tinh");
	key_is("UBMTTQ tỉnh", "uy ban mat tran to quoc tinh");
	key_is("Văn phòng ĐUK", "van phong dang uy khoi");
	key_is("VPTU", "van phong tinh uy");
	key_is("BTCĐUK", "ban to chuc dang uy khoi");
	key_is("BCSĐ UBND tỉnh", "ban can su dang uy ban nhan dan tinh");
	key_is("Sở Văn hóa, Thể thao và Du lịch", "so van hoa the thao va du lich");
	key_is("SỞ VĂN HOÁ, THỂ THAO VÀ DU LỊCH", "so van hoa the thao va du lich");
	key_is("Đảng ủy Khối", "dang uy khoi");
	key_is("", "");
	assert_null(import_name_key(NULL));
	/* the two tone placements and the cases give one key */
	char *a = import_name_key("Đảng uỷ phường Hoà Bình"),
	     *b = import_name_key("ĐẢNG ỦY PHƯỜNG HÒA BÌNH");
	assert_string_equal(a, b);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbering_shapes),
		cmocka_unit_test(test_paren_and_hyphen),
		cmocka_unit_test(test_steps_ordinals_caps),
		cmocka_unit_test(test_continuation_and_wrap),
		cmocka_unit_test(test_intro_not_items),
		cmocka_unit_test(test_leads_from_headings),
		cmocka_unit_test(test_leads_from_sentences),
		cmocka_unit_test(test_name_grammar),
		cmocka_unit_test(test_closing_paragraph),
		cmocka_unit_test(test_deadlines),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_end_matter),
		cmocka_unit_test(test_nfd_crlf_tabs),
		cmocka_unit_test(test_empty_and_invalid),
		cmocka_unit_test(test_big_plan_fast),
		cmocka_unit_test(test_name_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
