/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The CSV reader: quoting, doubled quotes, line endings, BOM, separators,
 * blank lines and malformed input. */
#include "core/common.h"
#include "text/csv.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

static struct csv parse_ok(const char *s)
{
	struct csv c;
	struct kh_error err = {0};
	int rc = csv_parse(s, strlen(s), 0, &c, &err);
	if (rc)
		fail_msg("csv_parse failed: %s", err.message);
	return c;
}

static void test_simple(void **state)
{
	(void)state;
	struct csv c = parse_ok("ma,ten\n1,Tỉnh ủy\n2,Huyện ủy\n");
	assert_int_equal(c.separator, ',');
	assert_int_equal(c.n_records, 3);
	assert_int_equal(c.records[0].n_fields, 2);
	assert_string_equal(c.records[0].fields[0], "ma");
	assert_string_equal(c.records[1].fields[1], "Tỉnh ủy");
	assert_string_equal(c.records[2].fields[0], "2");
	assert_int_equal(c.records[2].line, 3);
	csv_release(&c);
}

static void test_quotes(void **state)
{
	(void)state;
	struct csv c = parse_ok("a,b,c\r\n\"x, y\",\"he said \"\"hi\"\"\",\"\"\r\n"
				"\"multi\r\nline\",2,3\r\nlast,,\r\n");
	assert_int_equal(c.n_records, 4);
	assert_string_equal(c.records[1].fields[0], "x, y");
	assert_string_equal(c.records[1].fields[1], "he said \"hi\"");
	assert_string_equal(c.records[1].fields[2], "");
	assert_string_equal(c.records[2].fields[0], "multi\r\nline");
	assert_int_equal(c.records[2].line, 3);
	assert_int_equal(c.records[3].line, 5);
	assert_int_equal(c.records[3].n_fields, 3);
	assert_string_equal(c.records[3].fields[1], "");
	assert_string_equal(c.records[3].fields[2], "");
	csv_release(&c);
}

static void test_bom_semicolon_no_final_newline(void **state)
{
	(void)state;
	struct csv c = parse_ok("\xEF\xBB\xBFma;ten;ghi_chu\n1;\"A; B\";x,y\n\n2;C;");
	assert_int_equal(c.separator, ';');
	assert_int_equal(c.n_records, 3);
	assert_string_equal(c.records[0].fields[0], "ma");
	assert_string_equal(c.records[1].fields[1], "A; B");
	assert_string_equal(c.records[1].fields[2], "x,y");
	assert_int_equal(c.records[2].line, 4);
	assert_int_equal(c.records[2].n_fields, 3);
	assert_string_equal(c.records[2].fields[2], "");
	csv_release(&c);
}

static void test_cr_only_and_empty(void **state)
{
	(void)state;
	struct csv c = parse_ok("a\rb\r");
	assert_int_equal(c.n_records, 2);
	assert_string_equal(c.records[1].fields[0], "b");
	csv_release(&c);
	c = parse_ok("");
	assert_int_equal(c.n_records, 0);
	csv_release(&c);
	c = parse_ok("\xEF\xBB\xBF");
	assert_int_equal(c.n_records, 0);
	csv_release(&c);
}

static void test_errors(void **state)
{
	(void)state;
	struct csv c;
	struct kh_error err = {0};
	const char *s = "a,b\n1,\"open\n2,3\n";
	assert_int_equal(csv_parse(s, strlen(s), 0, &c, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "Dòng 2"));
	s = "a,b\n\"x\"y,2\n";
	assert_int_equal(csv_parse(s, strlen(s), 0, &c, &err), KH_EINVAL);
	assert_non_null(strstr(err.message, "Dòng 2"));
	s = "a\n1\n2\n3\n";
	assert_int_equal(csv_parse(s, strlen(s), 3, &c, &err), KH_ETOOBIG);
	assert_int_equal(csv_parse(s, strlen(s), 4, &c, &err), 0);
	csv_release(&c);
}

static void test_quote_inside_unquoted(void **state)
{
	(void)state;
	/* A quote that does not start the field is kept literally. */
	struct csv c = parse_ok("a,b\n5\" pipe,x\n");
	assert_string_equal(c.records[1].fields[0], "5\" pipe");
	csv_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_simple),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_bom_semicolon_no_final_newline),
		cmocka_unit_test(test_cr_only_and_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_quote_inside_unquoted),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
