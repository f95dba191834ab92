/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Unit tests for document number parsing and canonical rendering. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/docnum.h"

/* Parses s and checks every field and the canonical rendering. */
static void check(const char *s, int64_t number, int year, const char *kind, const char *issuer,
		  enum docnum_style style, const char *canonical)
{
	struct docnum d;
	struct kh_error err;
	char text[DOCNUM_TEXT_MAX];
	kh_error_clear(&err);
	int rc = docnum_parse(s, &d, &err);
	if (rc)
		print_error("parse failed for «%s»: %s\n", s, err.message);
	assert_int_equal(rc, 0);
	assert_int_equal(d.number, number);
	assert_int_equal(d.year, year);
	assert_string_equal(d.kind, kind);
	assert_string_equal(d.issuer_symbol, issuer);
	assert_int_equal(d.style, style);
	size_t len = docnum_format(&d, text, sizeof(text));
	assert_string_equal(text, canonical);
	assert_int_equal(len, strlen(canonical));
	/* The canonical form parses back to itself. */
	struct docnum again;
	assert_int_equal(docnum_parse(text, &again, &err), 0);
	char text2[DOCNUM_TEXT_MAX];
	docnum_format(&again, text2, sizeof(text2));
	assert_string_equal(text2, canonical);
}

static void refuse(const char *s)
{
	struct docnum d;
	struct kh_error err;
	kh_error_clear(&err);
	int rc = docnum_parse(s, &d, &err);
	if (rc == 0)
		print_error("accepted garbage «%s»\n", s ? s : "(null)");
	assert_int_equal(rc, KH_EINVAL);
	assert_int_equal(err.code, KH_EINVAL);
	assert_string_equal(err.field, "number");
	assert_non_null(strstr(err.message, "12-NQ/TU"));
}

static void test_design_spellings(void **state)
{
	check("Số 203 - CV/BTCĐUK", 203, 0, "CV", "BTCĐUK", DOCNUM_PARTY, "203-CV/BTCĐUK");
	check("số 12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("12 - NQ/TW", 12, 0, "NQ", "TW", DOCNUM_PARTY, "12-NQ/TW");
	check("Số: 12/NQ-HĐND", 12, 0, "NQ", "HĐND", DOCNUM_STATE, "12/NQ-HĐND");
	check("35-CT/TW", 35, 0, "CT", "TW", DOCNUM_PARTY, "35-CT/TW");
}

static void test_party_variants(void **state)
{
	check("Số 12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("SỐ 12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("So 12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("Số:12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("Số. 12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("Số12-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("  12  -  NQ  /  TU  ", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("12 – NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU"); /* en dash */
	check("12—NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");	  /* em dash */
	check("12‐NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");	  /* hyphen */
	check("12\u00a0-\u00a0NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("12\t-NQ/TU", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("01-KH/TU", 1, 0, "KH", "TU", DOCNUM_PARTY, "01-KH/TU");
	check("12-nq/tu", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("203-cv/btcđuk", 203, 0, "CV", "BTCĐUK", DOCNUM_PARTY, "203-CV/BTCĐUK");
	check("12-NQ/TU.", 12, 0, "NQ", "TU", DOCNUM_PARTY, "12-NQ/TU");
	check("98-HD/BTCTW", 98, 0, "HD", "BTCTW", DOCNUM_PARTY, "98-HD/BTCTW");
	check("366-QĐ/TW", 366, 0, "QĐ", "TW", DOCNUM_PARTY, "366-QĐ/TW");
	check("05-QĐi/TW", 5, 0, "QĐi", "TW", DOCNUM_PARTY, "05-QĐi/TW");
	check("05-QDI/TW", 5, 0, "QĐi", "TW", DOCNUM_PARTY, "05-QĐi/TW");
	check("05-qđi/TW", 5, 0, "QĐi", "TW", DOCNUM_PARTY, "05-QĐi/TW");
	check("132-QD/TW", 132, 0, "QĐ", "TW", DOCNUM_PARTY, "132-QĐ/TW");
	check("07-CTr/TU", 7, 0, "CTr", "TU", DOCNUM_PARTY, "07-CTr/TU");
	check("07-CTR/TU", 7, 0, "CTr", "TU", DOCNUM_PARTY, "07-CTr/TU");
	check("36-HD/VPTW", 36, 0, "HD", "VPTW", DOCNUM_PARTY, "36-HD/VPTW");
	check("15-TTr/ĐU", 15, 0, "TTr", "ĐU", DOCNUM_PARTY, "15-TTr/ĐU");
	check("3-ĐA/TU", 3, 0, "ĐA", "TU", DOCNUM_PARTY, "03-ĐA/TU");
	check("9-BC/ĐUK-BTG", 9, 0, "BC", "ĐUK-BTG", DOCNUM_PARTY, "09-BC/ĐUK-BTG");
	check("9999999-TB/TU", 9999999, 0, "TB", "TU", DOCNUM_PARTY, "9999999-TB/TU");
	/* An unknown kind keeps its case, or is upper-cased when all lower. */
	check("4-QyĐ/TU", 4, 0, "QyĐ", "TU", DOCNUM_PARTY, "04-QyĐ/TU");
	check("4-gm/TU", 4, 0, "GM", "TU", DOCNUM_PARTY, "04-GM/TU");
}

static void test_state_variants(void **state)
{
	check("12/NQ-HĐND", 12, 0, "NQ", "HĐND", DOCNUM_STATE, "12/NQ-HĐND");
	check("Số: 123/QĐ-UBND", 123, 0, "QĐ", "UBND", DOCNUM_STATE, "123/QĐ-UBND");
	check("Số : 123 / QĐ - UBND", 123, 0, "QĐ", "UBND", DOCNUM_STATE, "123/QĐ-UBND");
	check("số: 12/nq-hđnd", 12, 0, "NQ", "HĐND", DOCNUM_STATE, "12/NQ-HĐND");
	/* Mixed case issuer kept as written (Thủ tướng = TTg). */
	check("Số: 25/CT-TTg", 25, 0, "CT", "TTg", DOCNUM_STATE, "25/CT-TTg");
	check("Số: 15/2020/NĐ-CP", 15, 2020, "NĐ", "CP", DOCNUM_STATE, "15/2020/NĐ-CP");
	check("15 / 2020 / ND-CP", 15, 2020, "NĐ", "CP", DOCNUM_STATE, "15/2020/NĐ-CP");
	check("10/HD-BTC-SNV", 10, 0, "HD", "BTC-SNV", DOCNUM_STATE, "10/HD-BTC-SNV");
	check("01/2019/TTLT-BNV-BTC", 1, 2019, "TTLT", "BNV-BTC", DOCNUM_STATE,
	      "01/2019/TTLT-BNV-BTC");
	check("Số：12／NQ－HĐND", 12, 0, "NQ", "HĐND", DOCNUM_STATE, "12/NQ-HĐND"); /* full width */
}

static void test_garbage(void **state)
{
	refuse(NULL);
	refuse("");
	refuse("   ");
	refuse("Số");
	refuse("Số:");
	refuse("NQ/TU");
	refuse("-NQ/TU");
	refuse("abc");
	refuse("12");
	refuse("12-");
	refuse("12/");
	refuse("12-NQ");
	refuse("12-NQ/");
	refuse("12/NQ");
	refuse("12/NQ-");
	refuse("12-/TU");
	refuse("12//TU");
	refuse("12/-HĐND");
	refuse("0-NQ/TU");
	refuse("000-NQ/TU");
	refuse("12345678-NQ/TU");
	refuse("12.5-NQ/TU");
	refuse("12-NQ/TU ngày 5/1/2012");
	refuse("12-NQ/TU/BTC");
	refuse("12-NQ-TU");
	refuse("12/NQ/TU");
	refuse("12-N1/TU");
	refuse("12-NQ/T U");
	refuse("12-NQ/--");
	refuse("12-NQ/TU-");
	refuse("12-NQ/-TU");
	refuse("12-NQ/T--U");
	refuse("12-NQ/123");
	refuse("12-NQ/T@U");
	refuse("12 NQ/TU");
	refuse("12_NQ/TU");
	refuse("12/1800/NĐ-CP");
	refuse("12-ABCDEFGHIJ/TU");
	refuse("12-NQ/ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGH");
	refuse("\"12-NQ/TU\"");
	refuse("12-NQ/TU OR 1=1");
	refuse("<script>");
	refuse("\xff\xfe");
	refuse("12-NQ/T\xc3");
	refuse("12-NQ/\xc0\xaf");
	refuse("12-NQ/\xed\xa0\x80");
	char long_input[1024];
	memset(long_input, '1', sizeof(long_input) - 1);
	long_input[sizeof(long_input) - 1] = '\0';
	refuse(long_input);
}

static void test_kinds(void **state)
{
	char out[DOCNUM_KIND_MAX];
	assert_true(docnum_kind_canonical("nq", out));
	assert_string_equal(out, "NQ");
	assert_true(docnum_kind_canonical("QDI", out));
	assert_string_equal(out, "QĐi");
	assert_true(docnum_kind_canonical("ctr", out));
	assert_string_equal(out, "CTr");
	assert_true(docnum_kind_canonical("CT", out));
	assert_string_equal(out, "CT");
	assert_true(docnum_kind_canonical("đa", out));
	assert_string_equal(out, "ĐA");
	assert_false(docnum_kind_canonical("", out));
	assert_false(docnum_kind_canonical(NULL, out));
	assert_false(docnum_kind_canonical("N Q", out));
	assert_false(docnum_kind_canonical("N1", out));
	assert_string_equal(docnum_kind_label("NQ"), "Nghị quyết");
	assert_string_equal(docnum_kind_label("QĐi"), "Quy định");
	assert_null(docnum_kind_label("XYZ"));
	int n = 0;
	while (docnum_known_kind(n))
		n++;
	assert_true(n >= 12);
	assert_null(docnum_known_kind(-1));
	/* Every known kind is its own canonical form. */
	for (int i = 0; i < n; i++) {
		assert_true(docnum_kind_canonical(docnum_known_kind(i), out));
		assert_string_equal(out, docnum_known_kind(i));
		assert_non_null(docnum_kind_label(out));
	}
}

static void test_format_truncates_safely(void **state)
{
	struct docnum d = {
		.number = 203, .kind = "CV", .issuer_symbol = "BTCĐUK", .style = DOCNUM_PARTY};
	char small[5];
	size_t len = docnum_format(&d, small, sizeof(small));
	assert_int_equal(len, 4);
	assert_string_equal(small, "203-");
	assert_int_equal(docnum_format(&d, small, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_design_spellings),
		cmocka_unit_test(test_party_variants),
		cmocka_unit_test(test_state_variants),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_format_truncates_safely),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
