/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Folding (every Vietnamese letter with a diacritic to its base, NFC and
 * NFD, đ, separators, the seeds' spellings) and tone placement (both
 * placements of oa, oe, uy; qu- and gi-; capitals; words left alone). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/fold.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* The 134 letters of Vietnamese with a diacritic, lower and upper case:
 * the twelve vowels with each of the five tones, ă â ê ô ơ ư without a
 * tone, and đ. Each row: lower case, upper case, the base they fold to. */
static const struct {
	const char *lower, *upper, *base;
} diacritics[] = {
	{"àảãáạ", "ÀẢÃÁẠ", "a"}, {"ăằẳẵắặ", "ĂẰẲẴẮẶ", "a"}, {"âầẩẫấậ", "ÂẦẨẪẤẬ", "a"},
	{"èẻẽéẹ", "ÈẺẼÉẸ", "e"}, {"êềểễếệ", "ÊỀỂỄẾỆ", "e"}, {"ìỉĩíị", "ÌỈĨÍỊ", "i"},
	{"òỏõóọ", "ÒỎÕÓỌ", "o"}, {"ôồổỗốộ", "ÔỒỔỖỐỘ", "o"}, {"ơờởỡớợ", "ƠỜỞỠỚỢ", "o"},
	{"ùủũúụ", "ÙỦŨÚỤ", "u"}, {"ưừửữứự", "ƯỪỬỮỨỰ", "u"}, {"ỳỷỹýỵ", "ỲỶỸÝỴ", "y"},
	{"đ", "Đ", "d"},
};

/* Calls f on each letter of the table as its own NUL-terminated string. */
static int each_letter(void (*f)(const char *letter, const char *base))
{
	int count = 0;
	for (size_t r = 0; r < 2 * KH_ARRAY_LEN(diacritics); r++) {
		const char *p = r % 2 ? diacritics[r / 2].upper : diacritics[r / 2].lower;
		const char *base = diacritics[r / 2].base;
		while (*p) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t len =
				utf8proc_iterate((const utf8proc_uint8_t *)p, -1, &cp);
			assert_true(len > 1);
			char letter[8] = {0};
			memcpy(letter, p, (size_t)len);
			f(letter, base);
			p += len;
			count++;
		}
	}
	return count;
}

static void check_fold(const char *s, const char *want)
{
	char *f = text_fold(s);
	if (strcmp(f, want) != 0)
		fail_msg("text_fold(\"%s\") = \"%s\", want \"%s\"", s, f, want);
	/* A key folds to itself. */
	char *again = text_fold(f);
	assert_string_equal(again, f);
	free(again);
	free(f);
}

static void fold_letter(const char *letter, const char *base)
{
	check_fold(letter, base);
	/* The same letter decomposed (NFD). */
	char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)letter);
	assert_non_null(nfd);
	check_fold(nfd, base);
	free(nfd);
	/* Inside a word. */
	char word[32];
	size_t n = strlen(letter);
	memcpy(word, "x", 1);
	memcpy(word + 1, letter, n);
	memcpy(word + 1 + n, "n", 2);
	char want[8] = {'x', base[0], 'n', 0};
	check_fold(word, want);
}

static void test_fold_every_letter(void **state)
{
	(void)state;
	assert_int_equal(each_letter(fold_letter), 134);
}

static void test_fold_seeds(void **state)
{
	(void)state;
	check_fold("Tỉnh uỷ", "tinh uy");
	check_fold("Tỉnh ủy", "tinh uy");
	check_fold("TỈNH UỶ", "tinh uy");
	check_fold("TỈNH ỦY", "tinh uy");
	check_fold("tinh uy", "tinh uy");
	check_fold("Ti\xCC\x89nh u\xCC\x89y", "tinh uy"); /* NFD */
	check_fold("thoả đáng", "thoa dang");
	check_fold("thỏa đáng", "thoa dang");
	check_fold("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam");
	check_fold("Đảng ủy Khối các cơ quan tỉnh", "dang uy khoi cac co quan tinh");
	check_fold("Hoà Bình", "hoa binh");
	check_fold("Bà Rịa–Vũng Tàu", "ba ria vung tau");
	check_fold("Người đứng đầu", "nguoi dung dau");
	check_fold("khuỷu tay", "khuyu tay");
}

static void test_fold_separators(void **state)
{
	(void)state;
	check_fold("", "");
	check_fold("   ", "");
	check_fold("!!! ... ---", "");
	check_fold("  Ban Thường vụ — Tỉnh ủy!! ", "ban thuong vu tinh uy");
	check_fold("Số 12-NQ/TU, ngày 05/3/2021", "so 12 nq tu ngay 05 3 2021");
	check_fold("a\tb\nc\r\nd", "a b c d");
	check_fold("x\xC2\xA0\xC2\xA0y", "x y"); /* no-break spaces */
	check_fold("H'Mông", "h mong");
	check_fold("x_y", "x y");
	check_fold("xy\xFFzw", "xy zw");     /* invalid byte */
	check_fold("xy\xE1\xBBzw", "xy zw"); /* truncated sequence */
	check_fold("\xCC\x81x", "x");	     /* stray mark at the start */
}

static void test_fold_beyond_vietnamese(void **state)
{
	(void)state;
	check_fold("Ðàng", "dang");	   /* Ð (U+00D0) mistaken for Đ */
	check_fold("Ɖak", "dak");	   /* Ɖ (U+0189) */
	check_fold("ﬁle", "file");	   /* ﬁ ligature */
	check_fold("ＡＢＣ１２", "abc12"); /* full width */
	check_fold("\xE2\x91\xA0", "1");   /* circled digit one */
	check_fold("Straße", "strasse");
	check_fold("Crème Brûlée", "creme brulee");
	check_fold("ΑΘΗΝΑ", "αθηνα");
	check_fold("x\xC2\xADy", "xy"); /* soft hyphen is ignorable */
}

static void test_fold_eq(void **state)
{
	(void)state;
	assert_true(text_fold_eq("Tỉnh uỷ", "tinh uy"));
	assert_true(text_fold_eq("TỈNH ỦY", "Tỉnh uỷ"));
	assert_true(text_fold_eq("Đảng", "dang"));
	assert_true(text_fold_eq("  Hòa   Bình ", "hoa-binh"));
	assert_true(text_fold_eq("", "..."));
	assert_false(text_fold_eq("Tỉnh ủy", "Tỉnh"));
	assert_false(text_fold_eq("ab", "a b"));
	assert_false(text_fold_eq("Hà Nội", "Hà Nam"));
}

static void check_tone(const char *s, const char *want)
{
	char *t = text_tone_normalize(s);
	if (strcmp(t, want) != 0)
		fail_msg("text_tone_normalize(\"%s\") = \"%s\", want \"%s\"", s, t, want);
	/* Placing twice changes nothing. */
	char *again = text_tone_normalize(t);
	assert_string_equal(again, t);
	free(again);
	/* The decomposed form gives the same result. */
	char *nfd = (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
	assert_non_null(nfd);
	char *t2 = text_tone_normalize(nfd);
	assert_string_equal(t2, want);
	free(t2);
	free(nfd);
	free(t);
}

static void test_tone_open_rhymes(void **state)
{
	(void)state;
	/* oa, oe, uy with no final consonant: the tone goes to the first vowel. */
	check_tone("uỷ", "ủy");
	check_tone("ủy", "ủy");
	check_tone("hoà", "hòa");
	check_tone("hòa", "hòa");
	check_tone("thoả", "thỏa");
	check_tone("khoẻ", "khỏe");
	check_tone("thuỷ", "thủy");
	check_tone("thuý", "thúy");
	check_tone("tuỳ", "tùy");
	check_tone("luỹ", "lũy");
	check_tone("hoạ", "họa");
	check_tone("xoè", "xòe");
	check_tone("loã", "lõa");
	check_tone("Hoà Bình", "Hòa Bình");
	check_tone("Tỉnh uỷ", "Tỉnh ủy");
	check_tone("thoả đáng", "thỏa đáng");
	/* Capitals and mixed case. */
	check_tone("UỶ", "ỦY");
	check_tone("HOÀ BÌNH", "HÒA BÌNH");
	check_tone("TỈNH UỶ", "TỈNH ỦY");
	check_tone("ThuỶ", "ThủY"); /* each letter keeps its case */
}

static void test_tone_onsets(void **state)
{
	(void)state;
	/* The u of qu- and the i of gi- are not vowels of the rhyme. */
	check_tone("quý", "quý");
	check_tone("qúy", "quý");
	check_tone("QÚY", "QUÝ");
	check_tone("quả", "quả");
	check_tone("qủa", "quả");
	check_tone("quốc", "quốc");
	check_tone("quỳnh", "quỳnh");
	check_tone("quyển", "quyển");
	check_tone("già", "già");
	check_tone("gìa", "già");
	check_tone("giữa", "giữa");
	check_tone("giường", "giường");
	check_tone("gìn", "gìn");
	check_tone("giỏi", "giỏi");
	check_tone("gì", "gì");
}

static void test_tone_other_rhymes(void **state)
{
	(void)state;
	/* Before a final consonant: the last vowel. */
	check_tone("hoàng", "hoàng");
	check_tone("hòang", "hoàng");
	check_tone("huỳnh", "huỳnh");
	check_tone("hùynh", "huỳnh");
	check_tone("toán", "toán");
	check_tone("tóan", "toán");
	check_tone("hoạch", "hoạch");
	/* Three vowels: the middle one. */
	check_tone("ngoài", "ngoài");
	check_tone("ngòai", "ngoài");
	check_tone("khuỷu", "khuỷu");
	check_tone("khủyu", "khuỷu");
	check_tone("ngoáy", "ngoáy");
	check_tone("ngoẹo", "ngoẹo");
	/* A vowel with its own mark takes the tone; ươ: the ơ. */
	check_tone("người", "người");
	check_tone("ngừơi", "người");
	check_tone("rượu", "rượu");
	check_tone("thuở", "thuở");
	check_tone("thủơ", "thuở");
	check_tone("Nguyễn", "Nguyễn");
	check_tone("Nguỹên", "Nguyễn");
	check_tone("Việt", "Việt");
	check_tone("cửa", "cửa");
	check_tone("cưả", "cửa");
	check_tone("khuyến", "khuyến");
	check_tone("tuần", "tuần");
	/* Other open rhymes of two vowels: the first. */
	check_tone("mùa", "mùa");
	check_tone("muà", "mùa");
	check_tone("hải", "hải");
	check_tone("haỉ", "hải");
	check_tone("nghĩa", "nghĩa");
	check_tone("cáo", "cáo");
	check_tone("Đắk Lắk", "Đắk Lắk");
	check_tone("Đảng", "Đảng");
}

static void test_tone_left_alone(void **state)
{
	(void)state;
	check_tone("", "");
	check_tone("abc 123", "abc 123");
	check_tone("café", "café");
	check_tone("Raúl", "Raúl");
	check_tone("José", "José");
	check_tone("María", "María");
	check_tone("Müller", "Müller");
	check_tone("hoàà", "hoàà"); /* two tones: not a syllable */
	check_tone("hoà2", "hòa2"); /* digits end the word */
	check_tone("hoà-bình", "hòa-bình");
	check_tone("ΑΘΗΝΆ", "ΑΘΗΝΆ");
	check_tone("Tỉnh uỷ\n12-KH/TU; thoả!", "Tỉnh ủy\n12-KH/TU; thỏa!");
	/* Invalid UTF-8 comes back unchanged. */
	char *t = text_tone_normalize("ho\xC3z");
	assert_string_equal(t, "ho\xC3z");
	free(t);
}

/* Every toned vowel alone comes back as itself, in NFC. */
static void tone_letter(const char *letter, const char *base)
{
	(void)base;
	check_tone(letter, letter);
}

static void test_tone_single_letters(void **state)
{
	(void)state;
	assert_int_equal(each_letter(tone_letter), 134);
}

/* Pieces random text is made of: letters with and without marks, in both
 * cases and both forms, bare combining marks, separators. */
static const char *const pieces[] = {
	"a",	    "o",	"e",	    "u",	"y",	    "i",	"q",
	"g",	    "h",	"n",	    "t",	"c",	    "k",	"A",
	"O",	    "U",	"Y",	    "à",	"ỏ",	    "ẽ",	"ú",
	"ỵ",	    "ị",	"ặ",	    "ấ",	"ờ",	    "ữ",	"Ề",
	"Ộ",	    "Ỷ",	"đ",	    "Đ",	"ă",	    "ơ",	"\xCC\x80",
	"\xCC\x81", "\xCC\x83", "\xCC\x89", "\xCC\xA3", "\xCC\x82", "\xCC\x86", "\xCC\x9B",
	"\xCC\x88", " ",	"-",	    "1",	"\xC2\xA0", "ß",	"Ω",
};

static uint32_t rng_next(uint32_t *x)
{
	*x = *x * 1664525u + 1013904223u;
	return *x >> 8;
}

/* Random text: tone placement is idempotent, yields NFC, never changes
 * the folded key and never changes the length in code points of the NFD. */
static void test_tone_random(void **state)
{
	(void)state;
	uint32_t seed = 12345;
	for (int round = 0; round < 20000; round++) {
		char s[128];
		size_t n = 0;
		int parts = (int)(rng_next(&seed) % 8) + 1;
		for (int p = 0; p < parts; p++) {
			const char *piece = pieces[rng_next(&seed) % KH_ARRAY_LEN(pieces)];
			size_t k = strlen(piece);
			memcpy(s + n, piece, k);
			n += k;
		}
		s[n] = '\0';
		char *t = text_tone_normalize(s);
		char *again = text_tone_normalize(t);
		assert_string_equal(again, t);
		char *nfc = (char *)utf8proc_NFC((const utf8proc_uint8_t *)t);
		assert_string_equal(nfc, t);
		char *d1 = (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
		char *d2 = (char *)utf8proc_NFD((const utf8proc_uint8_t *)t);
		assert_int_equal(strlen(d1), strlen(d2));
		char *f1 = text_fold(s), *f2 = text_fold(t);
		assert_string_equal(f1, f2);
		free(f1);
		free(f2);
		free(d1);
		free(d2);
		free(nfc);
		free(again);
		free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_every_letter),
		cmocka_unit_test(test_fold_seeds),
		cmocka_unit_test(test_fold_separators),
		cmocka_unit_test(test_fold_beyond_vietnamese),
		cmocka_unit_test(test_fold_eq),
		cmocka_unit_test(test_tone_open_rhymes),
		cmocka_unit_test(test_tone_onsets),
		cmocka_unit_test(test_tone_other_rhymes),
		cmocka_unit_test(test_tone_left_alone),
		cmocka_unit_test(test_tone_single_letters),
		cmocka_unit_test(test_tone_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
