/* SPDX-License-Identifier: AGPL-3.0-or-later */
/* Vietnamese collation: the alphabet, the tone order, case, digits and
 * punctuation, equal tone placements and normalization forms, a list of
 * names sorted with qsort, agreement with the sort keys, and the laws of a
 * total order (SQLite relies on them). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "core/common.h"
#include "text/collate.h"

#include <stdlib.h>
#include <string.h>

static int cmp(const char *a, const char *b)
{
	return text_collate(a, strlen(a), b, strlen(b));
}

static int sign(int c)
{
	return c < 0 ? -1 : c > 0;
}

/* Asserts that the strings of v (n of them) are in strictly increasing
 * order, each pair checked both ways. */
static void check_increasing(const char *const *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < n; j++) {
			int want = i < j ? -1 : i > j;
			int got = sign(cmp(v[i], v[j]));
			if (got != want)
				fail_msg("collate(\"%s\", \"%s\") = %d, want %d", v[i], v[j], got,
					 want);
		}
	}
}

static void test_alphabet(void **state)
{
	(void)state;
	static const char *const letters[] = {
		"a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m",
		"n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
	};
	check_increasing(letters, KH_ARRAY_LEN(letters));
	static const char *const upper[] = {
		"A", "Ă", "Â", "B", "C", "D", "Đ", "E", "Ê", "F", "G", "H", "I", "J", "K", "L", "M",
		"N", "O", "Ô", "Ơ", "P", "Q", "R", "S", "T", "U", "Ư", "V", "W", "X", "Y", "Z",
	};
	check_increasing(upper, KH_ARRAY_LEN(upper));
	/* The letter outweighs case and tone: "Ă" > "ạ", "b" > "Ậ". */
	assert_true(cmp("Ă", "ạ") > 0);
	assert_true(cmp("b", "Ậ") > 0);
	assert_true(cmp("đ", "D") > 0);
}

static void test_tones(void **state)
{
	(void)state;
	static const char *const ma[] = {"ma", "mà", "mả", "mã", "má", "mạ"};
	check_increasing(ma, KH_ARRAY_LEN(ma));
	static const char *const o_hat[] = {"ô", "ồ", "ổ", "ỗ", "ố", "ộ", "ơ"};
	check_increasing(o_hat, KH_ARRAY_LEN(o_hat));
	/* Letters first, over the whole string; then tones from the left. */
	static const char *const v[] = {"Ha", "Hà", "Hải", "Hàm", "Hạnh", "Hào"};
	check_increasing(v, KH_ARRAY_LEN(v));
	assert_true(cmp("ma mà", "mà ma") < 0);
	/* Other accents: right after the bare letter, before its tones. */
	static const char *const umlaut[] = {"a", "ä", "à", "ạ", "ab", "b"};
	check_increasing(umlaut, KH_ARRAY_LEN(umlaut));
}

static void test_examples(void **state)
{
	(void)state;
	assert_true(cmp("An", "Ăn") < 0);
	assert_true(cmp("Ăn", "Âm") < 0);
	assert_true(cmp("An", "Âm") < 0);
	assert_true(cmp("Dũng", "Đông") < 0);
	assert_true(cmp("Bình", "Dũng") < 0);
	assert_true(cmp("Hà", "Hải") < 0);
	assert_true(cmp("Hà Nội", "Hàn") < 0);
	assert_true(cmp("Hà Nam", "Hà Nội") < 0);
	assert_true(cmp("Nguyễn", "Nguyên") > 0);
	assert_true(cmp("Nguyễn An", "Nguyễn Anh") < 0);
}

static void test_case(void **state)
{
	(void)state;
	static const char *const v[] = {"an", "aN", "An", "AN", "anh", "ăn", "Ăn", "ẵn", "Ẵn"};
	check_increasing(v, KH_ARRAY_LEN(v));
	/* Case is the last of the three levels: a tone difference wins. */
	assert_true(cmp("Ha", "hà") < 0);
	assert_true(cmp("hà", "Hà") < 0);
}

static void test_digits_and_punctuation(void **state)
{
	(void)state;
	/* White space, then punctuation, then digits, then letters. */
	static const char *const v[] = {
		"",  " ", "\t ", "!",	"-",  "/",  "0",	"1",	     "10",	 "2",
		"9", "a", "a b", "a-b", "a0", "ab", "Chi bộ 1", "Chi bộ 10", "Chi bộ 2", "Chi bộ A",
	};
	check_increasing(v, KH_ARRAY_LEN(v));
}

static void test_equal_forms(void **state)
{
	(void)state;
	assert_int_equal(cmp("Tỉnh uỷ", "Tỉnh ủy"), 0);
	assert_int_equal(cmp("Hoà Bình", "Hòa Bình"), 0);
	assert_int_equal(cmp("thoả đáng", "thỏa đáng"), 0);
	assert_int_equal(cmp("THUỶ", "THỦY"), 0);
	assert_int_equal(cmp("Ti\xCC\x89nh u\xCC\x89y", "Tỉnh ủy"), 0); /* NFD */
	assert_int_equal(cmp("", ""), 0);
	/* Lengths are honoured: no NUL needed, bytes past alen ignored. */
	assert_int_equal(text_collate("Hòa Bình", 4, "Hoà!", 4), 0);
	assert_true(text_collate("ab", 1, "ab", 2) < 0);
	/* Anything else differs. */
	assert_true(cmp("Tỉnh ủy", "Tỉnh ủy ") != 0);
	assert_true(cmp("hoa", "Hoa") != 0);
	assert_true(cmp("Ð", "Đ") != 0); /* eth: sorts with Đ, yet is not it */
	assert_true(cmp("Ð", "Đông") < 0);
}

/* Strings longer than the elements kept on the stack. */
static void test_long(void **state)
{
	(void)state;
	char a[4096], b[4096];
	size_t n = 0;
	const char *part = "Ban Thường vụ Tỉnh uỷ Hoà Bình ";
	size_t k = strlen(part);
	while (n + k < sizeof(a)) {
		memcpy(a + n, part, k);
		n += k;
	}
	a[n] = '\0';
	memcpy(b, a, n + 1);
	assert_int_equal(cmp(a, b), 0);
	b[n - 1] = 'x';
	assert_true(cmp(a, b) < 0);
	memcpy(b, a, n + 1);
	memcpy(b + n - strlen("bình "), "bình ", strlen("bình ") + 1); /* lower case at the end */
	assert_true(cmp(a, b) > 0);
	memcpy(b, a, n + 1);
	memcpy(b + strlen("Ban Thường vụ Tỉnh "), "ủy", strlen("ủy")); /* other placement */
	assert_int_equal(cmp(a, b), 0);
	size_t len;
	char *key = text_collate_key(a, &len);
	assert_true(len > 3 * n);
	free(key);
}

static void test_invalid_last(void **state)
{
	(void)state;
	assert_true(cmp("\xFF", "zzz") > 0);
	assert_true(cmp("a\xC3", "ỹ") > 0);
	assert_true(cmp("\xC3", "\xFF") < 0);
	assert_true(text_collate("a\0b", 3, "b", 1) > 0); /* NUL inside */
	assert_true(text_collate("a\0b", 3, "a\0c", 3) < 0);
}

static int qsort_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	return text_collate(x, strlen(x), y, strlen(y));
}

/* Given names (as written in lists of party members) in the order a
 * Vietnamese reader expects. */
static const char *const names[] = {
	"An",	 "Anh",	 "Ánh",	   "Ân",    "Bảo",  "Bình", "Chi",  "Cường", "Dũng", "Duy",
	"Dương", "Đào",	 "Đức",	   "Giang", "Ha",   "hà",   "Hà",   "Hải",   "Hạnh", "Hoa",
	"Hoà",	 "Hùng", "Huy",	   "Khánh", "Lan",  "Linh", "Long", "Mai",   "Minh", "Nam",
	"Nga",	 "Ngân", "Nguyễn", "Oanh",  "Ông",  "Ơn",   "Phúc", "Quang", "Quý",  "Sơn",
	"Tâm",	 "Thảo", "Trang",  "Tuấn",  "Tùng", "Uyên", "Ưng",  "Vân",   "Xuân", "Yến",
};

static void check_sorted(const char **v)
{
	size_t n = KH_ARRAY_LEN(names);
	qsort(v, n, sizeof(*v), qsort_cmp);
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i], names[i]) != 0)
			fail_msg("position %zu: got \"%s\", want \"%s\"", i, v[i], names[i]);
}

static void test_sort_names(void **state)
{
	(void)state;
	size_t n = KH_ARRAY_LEN(names);
	const char *v[KH_ARRAY_LEN(names)];
	for (size_t i = 0; i < n; i++)
		v[i] = names[n - 1 - i];
	check_sorted(v);
	for (size_t i = 0; i < n; i++)
		v[i] = names[(i * 7) % n]; /* 7 is coprime with 50 */
	check_sorted(v);
	/* With the other placement, "Hòa" lands where "Hoà" was. */
	assert_int_equal(cmp("Hòa", "Hoà"), 0);
	assert_true(cmp("Hoa", "Hòa") < 0);
	assert_true(cmp("Hòa", "Hùng") < 0);
}

/* A mixed bag for the laws: Vietnamese in both forms and placements, other
 * scripts, symbols, marks on odd bases, invalid bytes. */
static const char *const bag[] = {
	"",
	" ",
	"a",
	"A",
	"á",
	"Á",
	"a\xCC\x81",
	"ă",
	"ậ",
	"a\xCC\xA3\xCC\x82",
	"b",
	"đ",
	"Đ",
	"\xC3\x90",
	"d",
	"hoà",
	"hòa",
	"Hoà Bình",
	"Hòa Bình",
	"Tỉnh ủy",
	"Tỉnh uỷ",
	"TỈNH ỦY",
	"1",
	"1\xCC\x81",
	"10",
	"２",
	"Ⅻ",
	"-",
	"—",
	"ä",
	"ñ",
	"ø",
	"ß",
	"ΑΘΗΝΑ",
	"αθηνα",
	"日本",
	"\xF0\x9F\x98\x80",
	"\xCC\x81",
	"x\xCC\x81\xCC\x81",
	"q\xCC\xA3\xCC\x81",
	"\xFF",
	"a\xC3",
	"Nguyễn",
	"Nguyên",
};

static void test_key_agrees(void **state)
{
	(void)state;
	size_t n = KH_ARRAY_LEN(bag);
	for (size_t i = 0; i < n; i++) {
		size_t li;
		char *ki = text_collate_key(bag[i], &li);
		for (size_t j = 0; j < n; j++) {
			size_t lj;
			char *kj = text_collate_key(bag[j], &lj);
			int c = memcmp(ki, kj, li < lj ? li : lj);
			if (!c)
				c = li < lj ? -1 : li > lj;
			int direct = cmp(bag[i], bag[j]);
			if (sign(c) != sign(direct))
				fail_msg("key and collate disagree on \"%s\" vs \"%s\"", bag[i],
					 bag[j]);
			free(kj);
		}
		free(ki);
	}
}

static void test_total_order(void **state)
{
	(void)state;
	size_t n = KH_ARRAY_LEN(bag);
	int *c = calloc(n * n, sizeof(int));
	assert_non_null(c);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++)
			c[i * n + j] = sign(cmp(bag[i], bag[j]));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(c[i * n + i], 0);
		for (size_t j = 0; j < n; j++) {
			assert_int_equal(c[i * n + j], -c[j * n + i]);
			/* Equal only when the same text up to NFC and tone placement. */
			for (size_t k = 0; k < n; k++) {
				int ij = c[i * n + j], jk = c[j * n + k], ik = c[i * n + k];
				if (ij <= 0 && jk <= 0)
					assert_true(ik <= 0);
				if (ij == 0 && jk == 0)
					assert_int_equal(ik, 0);
			}
		}
	}
	free(c);
	assert_int_equal(cmp("a\xCC\xA3\xCC\x82", "ậ"), 0);
	assert_int_equal(cmp("a\xCC\x81", "á"), 0);
	assert_true(cmp("a", "A") != 0);
}

static const char *const pieces[] = {
	"a",	    "o",	"u", "y", "i", "h",	   "n",	       "g",	   "A",
	"O",	    "Y",	"à", "ả", "ỏ", "ú",	   "ỷ",	       "ặ",	   "Ấ",
	"ờ",	    "ữ",	"đ", "Đ", "d", "\xCC\x80", "\xCC\x89", "\xCC\xA3", "\xCC\x82",
	"\xCC\x9B", "\xCC\x88", " ", "-", "1", "2",	   "Ω",	       "\xFF",
};

static uint32_t rng_next(uint32_t *x)
{
	*x = *x * 1664525u + 1013904223u;
	return *x >> 8;
}

/* Random strings sorted with qsort come out in an order every pair agrees
 * with, and every comparison agrees with the keys. */
static void test_random_order(void **state)
{
	(void)state;
	enum { N = 300 };
	char *v[N];
	uint32_t seed = 777;
	for (int i = 0; i < N; i++) {
		char s[64];
		size_t n = 0;
		int parts = (int)(rng_next(&seed) % 6);
		for (int p = 0; p < parts; p++) {
			const char *piece = pieces[rng_next(&seed) % KH_ARRAY_LEN(pieces)];
			size_t k = strlen(piece);
			memcpy(s + n, piece, k);
			n += k;
		}
		s[n] = '\0';
		v[i] = strdup(s);
		assert_non_null(v[i]);
	}
	qsort(v, N, sizeof(v[0]), qsort_cmp);
	for (int i = 0; i < N; i++) {
		size_t li;
		char *ki = text_collate_key(v[i], &li);
		for (int j = i; j < N; j++) {
			int c = cmp(v[i], v[j]);
			assert_true(c <= 0);
			assert_int_equal(sign(cmp(v[j], v[i])), -sign(c));
			if (j > i + 8)
				continue;
			size_t lj;
			char *kj = text_collate_key(v[j], &lj);
			int k = memcmp(ki, kj, li < lj ? li : lj);
			if (!k)
				k = li < lj ? -1 : li > lj;
			assert_int_equal(sign(k), sign(c));
			free(kj);
		}
		free(ki);
	}
	for (int i = 0; i < N; i++)
		free(v[i]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alphabet),
		cmocka_unit_test(test_tones),
		cmocka_unit_test(test_examples),
		cmocka_unit_test(test_case),
		cmocka_unit_test(test_digits_and_punctuation),
		cmocka_unit_test(test_equal_forms),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_invalid_last),
		cmocka_unit_test(test_sort_names),
		cmocka_unit_test(test_key_agrees),
		cmocka_unit_test(test_total_order),
		cmocka_unit_test(test_random_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
