/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests for near-duplicate detection: identical texts, texts that
 * differ only in diacritics, case, punctuation, tone placement or clause
 * order, items copied from an upper plan with the body's name changed or a
 * clause added, genuinely different tasks of seed 001, short and empty
 * texts, and the signature itself (sorted, distinct, released).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/similar.h"

static double score(const char *a, const char *b)
{
	double s = similar_texts(a, b);
	double back = similar_texts(b, a);
	assert_true(s >= 0 && s <= 1);
	assert_true(s == back); /* symmetric */
	return s;
}

static void expect_at_least(const char *a, const char *b, double min)
{
	double s = score(a, b);
	if (s < min)
		print_error("«%s» / «%s»: %.3f < %.3f\n", a, b, s, min);
	assert_true(s >= min);
}

static void expect_below(const char *a, const char *b, double max)
{
	double s = score(a, b);
	if (s >= max)
		print_error("«%s» / «%s»: %.3f >= %.3f\n", a, b, s, max);
	assert_true(s < max);
}

static const char *const upper_items[] = {
	"Ban Thường vụ Tỉnh ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng quán triệt, triển khai "
	"thực hiện Nghị quyết đại hội đến toàn thể cán bộ, đảng viên.",
	"Tăng cường công tác kiểm tra, giám sát việc thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị "
	"về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
	"Nâng cao chất lượng sinh hoạt chi bộ, nhất là chi bộ ở doanh nghiệp.",
	"Xây dựng đội ngũ cán bộ các cấp, nhất là cấp chiến lược, đủ phẩm chất, năng lực và uy tín.",
};

static void test_identical(void **state)
{
	for (size_t i = 0; i < KH_ARRAY_LEN(upper_items); i++)
		assert_true(score(upper_items[i], upper_items[i]) == 1.0);
}

static void test_spelling_does_not_matter(void **state)
{
	const char *a = upper_items[0];
	/* without diacritics, upper case, other punctuation, other tone placement */
	expect_at_least(a,
			"Ban Thuong vu Tinh uy lanh dao, chi dao cac cap uy, to chuc dang quan "
			"triet, trien khai thuc hien Nghi quyet dai hoi den toan the can bo, dang "
			"vien.",
			1.0);
	expect_at_least(a,
			"BAN THƯỜNG VỤ TỈNH ỦY LÃNH ĐẠO, CHỈ ĐẠO CÁC CẤP ỦY, TỔ CHỨC ĐẢNG QUÁN "
			"TRIỆT, TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI ĐẾN TOÀN THỂ CÁN BỘ, ĐẢNG "
			"VIÊN.",
			1.0);
	expect_at_least(a,
			"- Ban Thường vụ Tỉnh uỷ: lãnh đạo; chỉ đạo các cấp uỷ (tổ chức đảng) quán "
			"triệt - triển khai thực hiện “Nghị quyết đại hội” đến toàn thể cán bộ / "
			"đảng viên",
			1.0);
	/* NFD (decomposed) input */
	expect_at_least("Nâng cao chất lượng sinh hoạt chi bộ",
			"Na\xCC\x82ng cao cha\xCC\x82\xCC\x81t lu\xCC\x9Bo\xCC\x9B\xCC\xA3ng sinh "
			"hoa\xCC\xA3t chi bo\xCC\x82\xCC\xA3",
			1.0);
	/* the stop words and their order do not count */
	expect_at_least("Quán triệt và triển khai Nghị quyết của Đảng",
			"quán triệt, triển khai các Nghị quyết Đảng", 1.0);
}

/* An item of a lower plan that copies the upper plan's item. */
static void test_copied_items(void **state)
{
	/* the body's name changed */
	expect_at_least(upper_items[0],
			"Ban Thường vụ Huyện ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng quán "
			"triệt, triển khai thực hiện Nghị quyết đại hội đến toàn thể cán bộ, đảng "
			"viên.",
			SIMILAR_THRESHOLD);
	expect_at_least(upper_items[0],
			"Ban Thường vụ Thành ủy lãnh đạo, chỉ đạo các cấp ủy, tổ chức đảng quán "
			"triệt, triển khai thực hiện Nghị quyết đại hội đến toàn thể cán bộ, đảng "
			"viên.",
			SIMILAR_THRESHOLD);
	expect_at_least("Tăng cường công tác kiểm tra, giám sát của Tỉnh ủy đối với các tổ chức "
			"đảng trong tỉnh.",
			"Tăng cường công tác kiểm tra, giám sát của Huyện ủy đối với các tổ chức "
			"đảng trong huyện.",
			SIMILAR_THRESHOLD);
	expect_at_least("Đảng ủy Khối lãnh đạo các chi bộ thực hiện tốt quy chế dân chủ ở cơ sở.",
			"Đảng ủy xã lãnh đạo các chi bộ thực hiện tốt quy chế dân chủ ở cơ sở.",
			SIMILAR_THRESHOLD);
	/* a clause added at the end, or the clauses swapped */
	expect_at_least(upper_items[1],
			"Tăng cường công tác kiểm tra, giám sát việc thực hiện Chỉ thị số "
			"05-CT/TW của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo "
			"đức, phong cách Hồ Chí Minh; báo cáo kết quả về Huyện ủy trước ngày "
			"30/6.",
			SIMILAR_THRESHOLD);
	expect_at_least("Nâng cao chất lượng sinh hoạt chi bộ; đổi mới nội dung, phương thức "
			"lãnh đạo của cấp ủy.",
			"Đổi mới nội dung, phương thức lãnh đạo của cấp ủy; nâng cao chất lượng "
			"sinh hoạt chi bộ.",
			SIMILAR_THRESHOLD);
	/* the same item with a word or two dropped */
	expect_at_least(upper_items[3],
			"Xây dựng đội ngũ cán bộ các cấp đủ phẩm chất, năng lực và uy tín.",
			SIMILAR_THRESHOLD);
}

/* Tasks of seed 001 that have nothing to do with each other. */
static void test_different_tasks(void **state)
{
	static const char *const tasks[] = {
		"Việc xây dựng chương trình hành động cần bám sát quan điểm, mục tiêu, chủ trương, "
		"định hướng lớn nêu trong báo cáo chính trị; phải sát với tình hình thực tế, có tính "
		"khả thi cao để tổ chức thực hiện hiệu quả.",
		"Đại hội phải dành thời gian thoả đáng để thảo luận về dự thảo chương trình hành động "
		"thực hiện nghị quyết đại hội; phát huy trách nhiệm, trí tuệ của đại biểu trong thảo "
		"luận; bảo đảm dân chủ, sâu sắc, hiệu quả, tránh hình thức.",
		"Giao Văn phòng Tỉnh ủy chủ trì, phối hợp với Ban Tổ chức Tỉnh ủy kiểm tra, đôn đốc "
		"việc thực hiện Hướng dẫn này tại đại hội đảng bộ cấp cơ sở và cấp trên cơ sở nhiệm kỳ "
		"2020 - 2025.",
		"Nêu khái quát được những định hướng lớn, mục tiêu chính, chủ yếu cần đạt được trong "
		"nhiệm kỳ 2020-2025 và những năm tiếp theo (đến 2030, 2035).",
		"Chương trình hành động cần phân công nhiệm vụ cụ thể cho từng cơ quan, đơn vị và cá "
		"nhân (nếu có) để xây dựng các đề án, kế hoạch; tổ chức triển khai thực hiện các nhiệm "
		"vụ, giải pháp; đôn đốc, kiểm tra, giám sát việc thực hiện.",
		"Đối với các công trình trọng điểm trong nhiệm kỳ: cần chỉ ra nguồn lực, đơn vị chủ "
		"trì và tiến độ thực hiện.",
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(tasks); i++) {
		for (size_t j = i + 1; j < KH_ARRAY_LEN(tasks); j++)
			expect_below(tasks[i], tasks[j], 0.3);
		for (size_t j = 0; j < KH_ARRAY_LEN(upper_items); j++)
			expect_below(tasks[i], upper_items[j], 0.3);
	}
	for (size_t i = 0; i < KH_ARRAY_LEN(upper_items); i++) {
		for (size_t j = i + 1; j < KH_ARRAY_LEN(upper_items); j++)
			expect_below(upper_items[i], upper_items[j], 0.3);
	}
}

static void test_short_texts(void **state)
{
	/* one word left after the stop words: the word itself */
	assert_true(score("Kiểm tra", "kiểm tra") == 1.0);
	assert_true(score("Quán triệt", "quán triệt") == 1.0);
	assert_true(score("Tuyên truyền", "Tuyên truyền.") == 1.0);
	assert_true(score("sơ kết", "tổng kết") == 0.0);
	assert_true(score("Báo cáo", "báo cáo và các") == 1.0);
	assert_true(score("Báo", "báo") == 1.0);
	assert_true(score("Báo", "cáo") == 0.0);
	/* a short text inside a long one is contained in it */
	expect_at_least("sinh hoạt chi bộ", upper_items[2], 1.0);
	expect_below("sinh hoạt đoàn", upper_items[2], SIMILAR_THRESHOLD);
	/* two words in the other order are another pair */
	assert_true(score("chi bộ", "bộ chi") == 0.0);
}

static void test_empty_texts(void **state)
{
	struct similar_sig a, b, c;
	similar_sig_init(&a, "");
	similar_sig_init(&b, NULL);
	similar_sig_init(&c, "và các của những");
	assert_int_equal(a.n, 0);
	assert_null(a.h);
	assert_int_equal(b.n, 0);
	assert_int_equal(c.n, 0);
	assert_true(similar_score(&a, &b) == 0.0);
	assert_true(similar_score(&a, &a) == 0.0);
	assert_true(similar_score(&a, &c) == 0.0);
	similar_sig_release(&a);
	similar_sig_release(&b);
	similar_sig_release(&c);
	assert_true(score("", upper_items[0]) == 0.0);
	assert_true(score("   ", upper_items[0]) == 0.0);
	assert_true(score(" - ; . ", "- ; .") == 0.0);
	assert_true(score("", "") == 0.0);
}

static void test_signature(void **state)
{
	struct similar_sig s;
	/* "a b a b a b": bigrams (a,b) and (b,a) only */
	similar_sig_init(&s, "kiểm tra kiểm tra kiểm tra");
	assert_int_equal(s.n, 2);
	assert_true(s.h[0] < s.h[1]);
	similar_sig_release(&s);
	assert_null(s.h);
	assert_int_equal(s.n, 0);
	similar_sig_release(&s); /* twice is harmless */

	similar_sig_init(&s, upper_items[1]);
	assert_true(s.n > 10);
	for (int i = 1; i < s.n; i++)
		assert_true(s.h[i - 1] < s.h[i]);
	similar_sig_release(&s);

	/* "ab c" and "a bc" hash apart */
	assert_true(score("ab c", "a bc") == 0.0);

	/* a long text */
	size_t cap = 200 * 1024, n = 0;
	char *text = xmalloc(cap);
	for (int i = 0; i < 5000; i++)
		n += (size_t)snprintf(text + n, cap - n, "việc số %d của chi bộ; ", i);
	similar_sig_init(&s, text);
	assert_true(s.n > 5000);
	struct similar_sig t;
	similar_sig_init(&t, text);
	assert_true(similar_score(&s, &t) == 1.0);
	similar_sig_release(&s);
	similar_sig_release(&t);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_spelling_does_not_matter),
		cmocka_unit_test(test_copied_items),
		cmocka_unit_test(test_different_tasks),
		cmocka_unit_test(test_short_texts),
		cmocka_unit_test(test_empty_texts),
		cmocka_unit_test(test_signature),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
