/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for the core primitives: buf, arena, num, date, err. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/common.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/date.h"
#include "core/num.h"

static void test_buf_append_and_take(void **state)
{
	struct buf b;
	buf_init(&b, 1024);
	buf_puts(&b, "Tỉnh ủy");
	buf_printf(&b, " %d", 42);
	buf_putc(&b, '!');
	assert_false(buf_failed(&b));
	assert_string_equal(b.data, "Tỉnh ủy 42!");
	char *s = buf_take(&b);
	assert_string_equal(s, "Tỉnh ủy 42!");
	assert_int_equal(b.len, 0);
	free(s);
	buf_release(&b);
}

static void test_buf_limit_is_sticky(void **state)
{
	struct buf b;
	buf_init(&b, 8);
	buf_puts(&b, "12345678");
	assert_false(buf_failed(&b));
	buf_putc(&b, '9');
	assert_true(buf_failed(&b));
	buf_clear(&b);
	assert_false(buf_failed(&b));
	buf_printf(&b, "%s", "0123456789");
	assert_true(buf_failed(&b));
	buf_puts(&b, "x"); /* no-op after failure */
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	buf_release(&b);
}

static void test_buf_grows(void **state)
{
	struct buf b;
	buf_init(&b, 1 << 20);
	for (int i = 0; i < 10000; i++)
		buf_puts(&b, "ab");
	assert_int_equal(b.len, 20000);
	assert_int_equal(strlen(b.data), 20000);
	buf_truncate(&b, 3);
	assert_string_equal(b.data, "aba");
	buf_release(&b);
}

static void test_arena(void **state)
{
	struct arena a;
	arena_init(&a, 64);
	char *s = arena_strdup(&a, "Đảng ủy");
	assert_string_equal(s, "Đảng ủy");
	char *big = arena_alloc(&a, 10000);
	assert_non_null(big);
	memset(big, 'x', 10000);
	char *p = arena_printf(&a, "%s-%d", "NQ", 12);
	assert_string_equal(p, "NQ-12");
	for (int i = 0; i < 1000; i++) {
		int *n = arena_alloc(&a, sizeof(int) * 3);
		assert_int_equal(((uintptr_t)n) % _Alignof(max_align_t), 0);
		assert_int_equal(n[0] + n[1] + n[2], 0);
	}
	assert_null(arena_strdup(&a, NULL));
	arena_release(&a);
}

static void test_num(void **state)
{
	int64_t v = 0;
	assert_int_equal(num_parse_i64("42", 0, 100, &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(num_parse_i64("-7", -10, 10, &v), 0);
	assert_int_equal(v, -7);
	assert_int_equal(num_parse_i64("101", 0, 100, &v), KH_EINVAL);
	assert_int_equal(num_parse_i64("", 0, 100, &v), KH_EINVAL);
	assert_int_equal(num_parse_i64("12a", 0, 100, &v), KH_EINVAL);
	assert_int_equal(num_parse_i64(" 1", 0, 100, &v), KH_EINVAL);
	assert_int_equal(num_parse_i64("-", 0, 100, &v), KH_EINVAL);
	assert_int_equal(num_parse_i64("99999999999999999999999", INT64_MIN, INT64_MAX, &v),
			 KH_EINVAL);
	assert_int_equal(num_parse_i64("9223372036854775807", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, INT64_MAX);
	assert_int_equal(num_parse_i64("-9223372036854775808", INT64_MIN, INT64_MAX, &v), 0);
	assert_int_equal(v, INT64_MIN);
}

static void test_date(void **state)
{
	assert_int_equal(date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(date_from_ymd(2025, 7, 1) - date_from_ymd(2025, 6, 30), 1);
	int32_t d;
	assert_int_equal(date_parse_iso("2025-07-01", &d), 0);
	char out[11];
	date_format_iso(d, out);
	assert_string_equal(out, "2025-07-01");
	char ts[32];
	assert_string_equal(date_format_timestamp(0, ts), "1970-01-01T00:00:00Z");
	assert_string_equal(date_format_timestamp(1768469400, ts), "2026-01-15T09:30:00Z");
	assert_string_equal(date_format_timestamp(-1, ts), "1969-12-31T23:59:59Z");
	assert_int_equal(date_parse_iso("2024-02-29", &d), 0);
	assert_int_equal(date_parse_iso("2023-02-29", &d), KH_EINVAL);
	assert_int_equal(date_parse_iso("2023-13-01", &d), KH_EINVAL);
	assert_int_equal(date_parse_iso("2023-1-01", &d), KH_EINVAL);
	assert_int_equal(date_parse_iso("2023-01-01x", &d), KH_EINVAL);
	assert_int_equal(date_parse_iso("", &d), KH_EINVAL);
	/* Round trip over a century. */
	for (int32_t z = date_from_ymd(1950, 1, 1); z < date_from_ymd(2060, 1, 1); z += 17) {
		int y, m, dd;
		date_to_ymd(z, &y, &m, &dd);
		assert_true(date_valid_ymd(y, m, dd));
		assert_int_equal(date_from_ymd(y, m, dd), z);
	}
}

static void test_err(void **state)
{
	struct kh_error e;
	kh_error_clear(&e);
	assert_int_equal(kh_fail(&e, KH_EINVAL, "name", "Thiếu %s", "tên"), KH_EINVAL);
	assert_string_equal(e.message, "Thiếu tên");
	assert_string_equal(e.field, "name");
	assert_string_equal(kh_err_name(KH_ENOTFOUND), "not_found");
	assert_int_equal(kh_fail(NULL, KH_EIO, NULL, "x"), KH_EIO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buf_append_and_take),
		cmocka_unit_test(test_buf_limit_is_sticky),
		cmocka_unit_test(test_buf_grows),
		cmocka_unit_test(test_arena),
		cmocka_unit_test(test_num),
		cmocka_unit_test(test_date),
		cmocka_unit_test(test_err),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
