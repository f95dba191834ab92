/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The server-drawn SVG charts (web/chart.h): every text escaped, one bar
 * per present value, a line broken where a value is missing, the value
 * scale rounded up to a nice step and covering negative values, the
 * horizontal layout with long names cut, and a chart with nothing to draw
 * still a well-formed <svg>. */
#include "core/common.h"
#include "web/chart.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

static int count(const char *s, const char *what)
{
	int n = 0;
	for (const char *p = strstr(s, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

static void test_vertical(void **state)
{
	(void)state;
	static const char *const cats[] = {"2025", "2026", "2027", "<b>2028</b>"};
	static const double act[] = {297, 326, 0, 0};
	static const bool hact[] = {true, true, false, false};
	static const double tgt[] = {300, 310, 0, 330};
	static const bool htgt[] = {true, true, false, true};
	struct chart_series s[2] = {{"Thực hiện", CHART_BAR, NULL, act, hact},
				    {"Mục tiêu \"năm\" & <kỳ>", CHART_LINE, "#a4161a", tgt, htgt}};
	struct chart c = {.title = "Kết nạp <đảng viên>",
			  .unit = "người",
			  .categories = cats,
			  .n_categories = 4,
			  .series = s,
			  .n_series = 2};
	struct buf b;
	buf_init(&b, 1 << 20);
	chart_svg(&b, &c);
	assert_false(buf_failed(&b));
	const char *svg = b.data;
	assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\"", 39) == 0);
	assert_non_null(strstr(svg, "</svg>"));
	assert_null(strstr(svg, "<b>"));
	assert_null(strstr(svg, "<đảng"));
	assert_non_null(strstr(svg, "Kết nạp &lt;đảng viên&gt;"));
	assert_non_null(strstr(svg, "&lt;b&gt;2028&lt;/b&gt;"));
	assert_non_null(strstr(svg, "Mục tiêu &quot;năm&quot; &amp; &lt;kỳ&gt;"));
	/* Two bars (with their hover titles), two polylines (2027 missing). */
	assert_int_equal(count(svg, "<rect x=") - 2, 2); /* background, legend */
	assert_int_equal(count(svg, "<polyline"), 2);
	assert_int_equal(count(svg, "<circle"), 3);
	assert_non_null(strstr(svg, "<title>2025 — Thực hiện: 297 người</title>"));
	/* 0 … 400 in steps of 100. */
	assert_non_null(strstr(svg, ">400</text>"));
	assert_non_null(strstr(svg, ">100</text>"));
	assert_null(strstr(svg, ">500</text>"));
	buf_release(&b);
}

static void test_negative_and_empty(void **state)
{
	(void)state;
	static const char *const cats[] = {"A", "B"};
	static const double v[] = {-12, 8};
	struct chart_series s[1] = {{"Chênh lệch", CHART_BAR, NULL, v, NULL}};
	struct chart c = {.categories = cats, .n_categories = 2, .series = s, .n_series = 1};
	struct buf b;
	buf_init(&b, 1 << 20);
	chart_svg(&b, &c);
	assert_non_null(strstr(b.data, ">-15</text>"));
	assert_non_null(strstr(b.data, "aria-label=\"Biểu đồ\""));
	buf_clear(&b);
	struct chart none = {.categories = NULL, .n_categories = 0, .series = NULL, .n_series = 0};
	chart_svg(&b, &none);
	assert_non_null(strstr(b.data, "</svg>"));
	assert_null(strstr(b.data, "nan"));
	buf_release(&b);
}

static void test_horizontal(void **state)
{
	(void)state;
	static const char *const cats[] = {
		"Đảng bộ phường Bắc Hà",
		"Đảng bộ các cơ quan Đảng tỉnh và một cái tên rất dài không vừa chỗ",
		"Đảng bộ xã Sơn Hà"};
	static const double v[] = {9, 18, 0};
	static const bool h[] = {true, true, false};
	struct chart_series s[1] = {{"Thực hiện 6 tháng", CHART_BAR, NULL, v, h}};
	struct chart c = {.title = "Theo đơn vị trực thuộc",
			  .categories = cats,
			  .n_categories = 3,
			  .series = s,
			  .n_series = 1,
			  .horizontal = true};
	struct buf b;
	buf_init(&b, 1 << 20);
	chart_svg(&b, &c);
	assert_int_equal(count(b.data, "<rect x=") - 2, 2);
	assert_non_null(strstr(b.data, "Đảng bộ phường Bắc Hà</text>"));
	assert_non_null(strstr(b.data, "…</text>"));
	assert_non_null(strstr(b.data, "Đảng bộ xã Sơn Hà</text>"));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vertical),
		cmocka_unit_test(test_negative_and_empty),
		cmocka_unit_test(test_horizontal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
