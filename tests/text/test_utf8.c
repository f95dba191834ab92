/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* The text boundary: strict UTF-8 validation (shortest forms, surrogates,
 * the U+10FFFF ceiling, truncation, NUL), NFC, line breaks, control
 * characters, trimming and counting. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

struct sample {
	const char *bytes;
	size_t len; /* 0: strlen(bytes) */
	const char *what;
};

static size_t sample_len(const struct sample *s)
{
	return s->len ? s->len : strlen(s->bytes);
}

static const struct sample valid[] = {
	{"", 0, "empty"},
	{"abc", 0, "ASCII"},
	{"\x01\x7F", 0, "controls are well-formed UTF-8"},
	{"Tỉnh ủy Hòa Bình", 0, "Vietnamese NFC"},
	{"Ti\xCC\x89nh", 0, "Vietnamese NFD"},
	{"\xC2\x80", 0, "U+0080, smallest 2-byte"},
	{"\xDF\xBF", 0, "U+07FF, largest 2-byte"},
	{"\xE0\xA0\x80", 0, "U+0800, smallest 3-byte"},
	{"\xED\x9F\xBF", 0, "U+D7FF, just below the surrogates"},
	{"\xEE\x80\x80", 0, "U+E000, just above the surrogates"},
	{"\xEF\xBF\xBD", 0, "U+FFFD"},
	{"\xEF\xBF\xBF", 0, "U+FFFF, a noncharacter but well-formed"},
	{"\xF0\x90\x80\x80", 0, "U+10000, smallest 4-byte"},
	{"\xF0\x9F\x98\x80", 0, "emoji"},
	{"\xF4\x8F\xBF\xBF", 0, "U+10FFFF, the last code point"},
	{"\xEF\xBB\xBFTỉnh", 0, "byte-order mark"},
};

static const struct sample invalid[] = {
	/* overlong forms */
	{"\xC0\x80", 0, "overlong NUL"},
	{"\xC0\xAF", 0, "overlong '/'"},
	{"\xC1\xBF", 0, "overlong U+007F"},
	{"\xE0\x80\x80", 0, "overlong NUL, 3 bytes"},
	{"\xE0\x80\xAF", 0, "overlong '/', 3 bytes"},
	{"\xE0\x9F\xBF", 0, "overlong U+07FF"},
	{"\xF0\x80\x80\x80", 0, "overlong NUL, 4 bytes"},
	{"\xF0\x8F\xBF\xBF", 0, "overlong U+FFFF"},
	/* surrogates */
	{"\xED\xA0\x80", 0, "U+D800"},
	{"\xED\xAD\xBF", 0, "U+DB7F"},
	{"\xED\xB0\x80", 0, "U+DC00"},
	{"\xED\xBF\xBF", 0, "U+DFFF"},
	{"\xED\xA0\xBD\xED\xB8\x80", 0, "surrogate pair (CESU-8)"},
	/* past U+10FFFF and bytes that never occur */
	{"\xF4\x90\x80\x80", 0, "U+110000"},
	{"\xF4\xBF\xBF\xBF", 0, "U+13FFFF"},
	{"\xF5\x80\x80\x80", 0, "F5 lead"},
	{"\xF7\xBF\xBF\xBF", 0, "U+1FFFFF"},
	{"\xF8\x88\x80\x80\x80", 0, "5-byte form"},
	{"\xFC\x84\x80\x80\x80\x80", 0, "6-byte form"},
	{"\xFE", 0, "FE"},
	{"\xFF", 0, "FF"},
	{"a\xFFz", 0, "FF inside text"},
	/* continuation bytes out of place */
	{"\x80", 0, "lone continuation"},
	{"\xBF", 0, "lone continuation BF"},
	{"a\x80\x80", 0, "continuations after ASCII"},
	{"\xE1\xBB\x89\x89", 0, "one continuation too many"},
	{"\xC3\x28", 0, "2-byte with bad continuation"},
	{"\xE1\x28\xBB", 0, "3-byte with bad 2nd byte"},
	{"\xE1\xBB\x28", 0, "3-byte with bad 3rd byte"},
	{"\xF0\x9F\x28\x80", 0, "4-byte with bad 3rd byte"},
	{"\xF0\x9F\x98\x28", 0, "4-byte with bad 4th byte"},
	{"\xC3\xC3\xA0", 0, "lead byte as continuation"},
	/* truncated sequences */
	{"\xC3", 0, "truncated 2-byte"},
	{"\xE1\xBB", 0, "truncated 3-byte"},
	{"\xE1", 0, "truncated 3-byte, lead only"},
	{"\xF0\x9F\x98", 0, "truncated 4-byte"},
	{"T\xE1\xBB", 0, "truncated at the end of text"},
	{"\xE1\xBBxyz", 0, "truncated in the middle"},
	/* NUL */
	{"\0", 1, "NUL alone"},
	{"a\0b", 3, "NUL inside"},
	{"abc\0", 4, "NUL at the end"},
};

static void test_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < KH_ARRAY_LEN(valid); i++) {
		if (!utf8_valid(valid[i].bytes, sample_len(&valid[i])))
			fail_msg("refused valid sample: %s", valid[i].what);
	}
	assert_true(utf8_valid(NULL, 0));
}

static void test_invalid(void **state)
{
	(void)state;
	for (size_t i = 0; i < KH_ARRAY_LEN(invalid); i++) {
		if (utf8_valid(invalid[i].bytes, sample_len(&invalid[i])))
			fail_msg("accepted invalid sample: %s", invalid[i].what);
	}
}

/* n cuts a valid sequence short even when more bytes follow in memory. */
static void test_length_is_respected(void **state)
{
	(void)state;
	const char *s = "\xE1\xBB\x89"; /* ỉ */
	assert_true(utf8_valid(s, 3));
	assert_false(utf8_valid(s, 2));
	assert_false(utf8_valid(s, 1));
	assert_true(utf8_valid("ab\xFF", 2));
	assert_true(utf8_valid("a\0", 1));
}

/* Every 2-byte lead and every second byte after E0, ED, F0, F4: only the
 * ranges of the standard's table pass. */
static void test_byte_ranges(void **state)
{
	(void)state;
	for (int lead = 0x80; lead <= 0xFF; lead++) {
		char s[2] = {(char)lead, (char)0x80};
		assert_int_equal(utf8_valid(s, 2), lead >= 0xC2 && lead <= 0xDF);
	}
	for (int b = 0x00; b <= 0xFF; b++) {
		char e0[3] = {(char)0xE0, (char)b, (char)0x80};
		char ed[3] = {(char)0xED, (char)b, (char)0x80};
		char f0[4] = {(char)0xF0, (char)b, (char)0x80, (char)0x80};
		char f4[4] = {(char)0xF4, (char)b, (char)0x80, (char)0x80};
		assert_int_equal(utf8_valid(e0, 3), b >= 0xA0 && b <= 0xBF);
		assert_int_equal(utf8_valid(ed, 3), b >= 0x80 && b <= 0x9F);
		assert_int_equal(utf8_valid(f0, 4), b >= 0x90 && b <= 0xBF);
		assert_int_equal(utf8_valid(f4, 4), b >= 0x80 && b <= 0x8F);
	}
}

/* Normalizes s, expecting success and the result want. */
static void check_norm(const char *s, size_t n, const char *want)
{
	char *out = NULL;
	size_t len = 12345;
	int rc = text_normalize(s, n, &out, &len);
	assert_int_equal(rc, 0);
	assert_non_null(out);
	assert_string_equal(out, want);
	assert_int_equal(len, strlen(want));
	free(out);
}

static void check_norm_fails(const char *s, size_t n)
{
	char *out = (char *)"sentinel";
	size_t len = 0;
	assert_int_equal(text_normalize(s, n, &out, &len), KH_EINVAL);
	assert_null(out);
}

static void test_normalize_nfc(void **state)
{
	(void)state;
	/* "Tỉnh" typed decomposed: i + U+0309 hook above. */
	check_norm("Ti\xCC\x89nh", 6, "T\xE1\xBB\x89nh");
	assert_string_equal("T\xE1\xBB\x89nh", "Tỉnh");
	/* "Trường": ư = u + horn, ờ = o + horn + grave. */
	const char *truong = "Tru\xCC\x9Bo\xCC\x9B\xCC\x80ng";
	check_norm(truong, strlen(truong), "Trường");
	/* ậ with its marks out of canonical order: circumflex, then dot below. */
	check_norm("a\xCC\x82\xCC\xA3", 5, "ậ");
	check_norm("a\xCC\xA3\xCC\x82", 5, "ậ");
	/* Upper case, Đ has no decomposition and stays. */
	const char *dang = "ĐA\xCC\x89NG";
	check_norm(dang, strlen(dang), "ĐẢNG");
	/* Canonical singletons become their NFC form... */
	check_norm("\xE2\x84\xAB", 3, "\xC3\x85"); /* ANGSTROM SIGN -> Å */
	check_norm("\xE2\x84\xA6", 3, "\xCE\xA9"); /* OHM SIGN -> Ω */
	/* ...but compatibility characters do not (NFC, not NFKC). */
	check_norm("\xEF\xAC\x81", 3, "\xEF\xAC\x81"); /* ﬁ */
	check_norm("\xC2\xA0", 2, "\xC2\xA0");
	/* Already NFC: unchanged; and normalizing twice changes nothing. */
	const char *nfc = "Ban Thường vụ Tỉnh ủy Hòa Bình — kế hoạch số 12-KH/TU";
	check_norm(nfc, strlen(nfc), nfc);
	check_norm("", 0, "");
	check_norm(NULL, 0, "");
}

static void test_normalize_newlines(void **state)
{
	(void)state;
	check_norm("a\r\nb\rc\nd", 8, "a\nb\nc\nd");
	check_norm("\r", 1, "\n");
	check_norm("\r\n", 2, "\n");
	check_norm("\r\r\n", 3, "\n\n");
	check_norm("\n\r", 2, "\n\n");
	check_norm("x\r\n\r\n", 5, "x\n\n");
	check_norm("a\tb", 3, "a\tb");
	/* Only n bytes count: a CR at the edge is a lone CR. */
	check_norm("a\r\n", 2, "a\n");
}

static void test_normalize_refuses(void **state)
{
	(void)state;
	for (int c = 0x01; c < 0x20; c++) {
		char s[4] = {'a', (char)c, 'b', 0};
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		check_norm_fails(s, 3);
	}
	/* DEL is not C0; text_has_controls() catches it. */
	check_norm("a\x7Fz", 3, "a\x7Fz");
	check_norm_fails("a\0b", 3);
	for (size_t i = 0; i < KH_ARRAY_LEN(invalid); i++)
		check_norm_fails(invalid[i].bytes, sample_len(&invalid[i]));
}

/* The CLI reuses its length variable for the result. */
static void test_normalize_aliasing(void **state)
{
	(void)state;
	char line[] = "Ti\xCC\x89nh \xE1\xBB\xA7y";
	size_t n = strlen(line);
	char *norm = NULL;
	assert_int_equal(text_normalize(line, n, &norm, &n), 0);
	assert_string_equal(norm, "Tỉnh ủy");
	assert_int_equal(n, strlen("Tỉnh ủy"));
	free(norm);
	assert_int_equal(text_normalize("ok", 2, &norm, NULL), 0);
	assert_string_equal(norm, "ok");
	free(norm);
}

static void test_has_controls(void **state)
{
	(void)state;
	assert_false(text_has_controls(""));
	assert_false(text_has_controls("Tỉnh ủy Hòa Bình"));
	assert_false(text_has_controls("x\xC2\xA0y"));	   /* no-break space */
	assert_false(text_has_controls("x\xE2\x80\xAFy")); /* narrow no-break space */
	assert_false(text_has_controls("\xC2\xA9 2024"));  /* © */
	assert_false(text_has_controls("\xE2\x80\x94"));   /* em dash */
	for (int c = 0x01; c < 0x20; c++) {
		char s[4] = {'a', (char)c, 'b', 0};
		assert_true(text_has_controls(s));
	}
	assert_true(text_has_controls("a\x7F"));
	assert_true(text_has_controls("a\xC2\x80"));  /* C1 */
	assert_true(text_has_controls("x\xC2\x85y")); /* NEL */
	assert_true(text_has_controls("\xC2\x9F"));
	assert_true(text_has_controls("x\xE2\x80\xA8y")); /* LINE SEPARATOR */
	assert_true(text_has_controls("x\xE2\x80\xA9y")); /* PARAGRAPH SEPARATOR */
	assert_false(text_has_controls("\xE2\x80\xAA"));  /* U+202A is not a break */
}

static void check_trim(const char *s, const char *want)
{
	char *t = text_trim_dup(s);
	assert_string_equal(t, want);
	free(t);
}

static void test_trim_dup(void **state)
{
	(void)state;
	check_trim("", "");
	check_trim("   ", "");
	check_trim("\xC2\xA0\t\r\n\v\f ", "");
	check_trim("a", "a");
	check_trim("  Tỉnh   ủy  ", "Tỉnh ủy");
	check_trim("\xC2\xA0Tỉnh\xC2\xA0\xC2\xA0ủy\t\n", "Tỉnh ủy");
	check_trim("Ban\r\n\r\nThường  vụ", "Ban Thường vụ");
	check_trim("a \xC2\xA0 b", "a b");
	check_trim("\xC2\xA9 \xC3\xA0", "\xC2\xA9 \xC3\xA0"); /* © à: C2/C3 leads kept */
	check_trim("x\xE2\x80\xAFy", "x\xE2\x80\xAFy");	      /* other spaces untouched */
}

static void test_char_count(void **state)
{
	(void)state;
	assert_int_equal(utf8_char_count(""), 0);
	assert_int_equal(utf8_char_count("abc"), 3);
	assert_int_equal(utf8_char_count("Tỉnh ủy"), 7);
	assert_int_equal(utf8_char_count("Ti\xCC\x89nh"), 5); /* NFD: the mark counts */
	assert_int_equal(utf8_char_count("\xF0\x9F\x98\x80"), 1);
	assert_int_equal(utf8_char_count("ĐẢNG CỘNG SẢN VIỆT NAM"), 22);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_length_is_respected),
		cmocka_unit_test(test_byte_ranges),
		cmocka_unit_test(test_normalize_nfc),
		cmocka_unit_test(test_normalize_newlines),
		cmocka_unit_test(test_normalize_refuses),
		cmocka_unit_test(test_normalize_aliasing),
		cmocka_unit_test(test_has_controls),
		cmocka_unit_test(test_trim_dup),
		cmocka_unit_test(test_char_count),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
