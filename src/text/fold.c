/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Folding and tone placement (see fold.h). Folding lets utf8proc decompose
 * each code point with compatibility mappings, case folding and mark
 * stripping in one call, then keeps letters and digits and turns everything
 * else into word breaks. Tone placement works on the canonical decomposition
 * (NFD), where a tone is a combining mark after its vowel: each word is
 * parsed as onset + vowel nucleus + final consonant, the vowel that should
 * carry the tone is chosen by the rules in fold.h, the mark is moved there,
 * and the text is composed back to NFC. Words that are not plainly one
 * Vietnamese syllable are left untouched — a wrong "correction" would be
 * worse than none.
 */
#include "core/common.h"
#include "core/buf.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define FOLD_OPTIONS                                                                     \
	(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | \
	 UTF8PROC_IGNORE)

/* The five tone marks, as combining characters. */
#define TONE_GRAVE 0x0300 /* huyền */
#define TONE_ACUTE 0x0301 /* sắc */
#define TONE_TILDE 0x0303 /* ngã */
#define TONE_HOOK 0x0309  /* hỏi */
#define TONE_DOT 0x0323	  /* nặng */
/* The marks that make ă â ê ô ơ ư: letters of their own, not tones. */
#define MARK_CIRCUMFLEX 0x0302
#define MARK_BREVE 0x0306
#define MARK_HORN 0x031B

/* A Vietnamese syllable has at most 7 letters ("nghiêng"). */
#define MAX_LETTERS 8

static bool is_letter_or_digit(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return true;
	default:
		return false;
	}
}

/* Appends the folded code point cp, first writing the one space a pending
 * separator stands for (never at the start). */
static void put_folded(struct buf *b, utf8proc_int32_t cp, bool *sep)
{
	/* đ, and the Icelandic eth and African D that look like it. */
	if (cp == 0x0111 || cp == 0x00F0 || cp == 0x0256)
		cp = 'd';
	if (!is_letter_or_digit(cp)) {
		*sep = true;
		return;
	}
	if (*sep && b->len)
		buf_putc(b, ' ');
	*sep = false;
	utf8proc_uint8_t enc[4];
	buf_add(b, enc, (size_t)utf8proc_encode_char(cp, enc));
}

char *text_fold(const char *s)
{
	struct buf b;
	/* The key is at most a small multiple of the input, whose size the
	 * caller bounds; buf then never fails. */
	buf_init(&b, SIZE_MAX);
	utf8proc_int32_t small[32];
	utf8proc_int32_t *dec = small;
	utf8proc_ssize_t cap = KH_ARRAY_LEN(small);
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)(s ? s : "");
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen((const char *)p);
	bool sep = false;
	while (left > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
		if (len <= 0) {
			sep = true; /* a byte that is not UTF-8 */
			p++;
			left--;
			continue;
		}
		p += len;
		left -= len;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, cap, FOLD_OPTIONS, NULL);
		if (k > cap) {
			if (dec != small)
				free(dec);
			cap = k;
			dec = xmalloc(xmul((size_t)cap, sizeof(*dec)));
			k = utf8proc_decompose_char(cp, dec, cap, FOLD_OPTIONS, NULL);
		}
		if (k < 0) {
			sep = true;
			continue;
		}
		for (utf8proc_ssize_t i = 0; i < k; i++)
			put_folded(&b, dec[i], &sep);
	}
	if (dec != small)
		free(dec);
	char *out = buf_take(&b);
	buf_release(&b);
	return out;
}

bool text_fold_eq(const char *a, const char *b)
{
	char *fa = text_fold(a);
	char *fb = text_fold(b);
	bool eq = strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return eq;
}

/* The canonical decomposition of n bytes of valid UTF-8 (caller frees; room
 * for one more code point, which compose_encode needs). */
static utf8proc_int32_t *decompose(const char *s, size_t n, size_t *count)
{
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t k =
		n ? utf8proc_decompose(u, (utf8proc_ssize_t)n, NULL, 0, UTF8PROC_DECOMPOSE) : 0;
	if (k < 0)
		abort(); /* the caller validated s */
	utf8proc_int32_t *buf = xmalloc(xmul(xadd((size_t)k, 1), sizeof(*buf)));
	if (k && utf8proc_decompose(u, (utf8proc_ssize_t)n, buf, k, UTF8PROC_DECOMPOSE) != k)
		abort();
	*count = (size_t)k;
	return buf;
}

/* Composes count code points to NFC and encodes them as UTF-8 in place;
 * returns the string (caller frees). */
static char *compose_encode(utf8proc_int32_t *buf, size_t count)
{
	utf8proc_ssize_t n = utf8proc_normalize_utf32(buf, (utf8proc_ssize_t)count,
						      UTF8PROC_COMPOSE | UTF8PROC_STABLE);
	if (n < 0)
		abort();
	n = utf8proc_reencode(buf, n, UTF8PROC_STABLE);
	if (n < 0)
		abort();
	return xrealloc(buf, (size_t)n + 1);
}

static bool is_mark(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

static bool is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
}

static bool is_tone(utf8proc_int32_t cp)
{
	return cp == TONE_GRAVE || cp == TONE_ACUTE || cp == TONE_TILDE || cp == TONE_HOOK ||
	       cp == TONE_DOT;
}

static bool is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* One letter of a syllable in NFD: its base and the marks on it. c is the
 * base in lower-case ASCII, 'D' for đ. */
struct letter {
	utf8proc_int32_t base;
	utf8proc_int32_t quality; /* circumflex, breve, horn or 0 */
	utf8proc_int32_t tone;	  /* a tone mark or 0 */
	char c;
};

/* Whether the vowel-quality mark m belongs on base c (â ê ô, ă, ơ ư). */
static bool quality_fits(char c, utf8proc_int32_t m)
{
	switch (m) {
	case MARK_CIRCUMFLEX:
		return c == 'a' || c == 'e' || c == 'o';
	case MARK_BREVE:
		return c == 'a';
	case MARK_HORN:
		return c == 'o' || c == 'u';
	default:
		return false;
	}
}

/* The vowel as written without its tone, lower case: "a", "ă", "ơ"… */
static const char *vowel_name(const struct letter *l)
{
	switch (l->c) {
	case 'a':
		return l->quality == MARK_BREVE ? "ă" : l->quality == MARK_CIRCUMFLEX ? "â" : "a";
	case 'e':
		return l->quality ? "ê" : "e";
	case 'o':
		return l->quality == MARK_HORN ? "ơ" : l->quality == MARK_CIRCUMFLEX ? "ô" : "o";
	case 'u':
		return l->quality ? "ư" : "u";
	case 'i':
		return "i";
	default:
		return "y";
	}
}

static bool in_list(const char *s, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, list[i]) == 0)
			return true;
	return false;
}

/* Initial consonants ('q' stands for qu-, 'D' for đ). */
static const char *const onsets[] = {
	"",   "b",   "c",  "ch", "d",  "D", "g", "gh", "h", "k",  "kh", "l", "m", "n",
	"ng", "ngh", "nh", "p",	 "ph", "q", "r", "s",  "t", "th", "tr", "v", "x",
};

/* Final consonants ("k" for Central Highlands names such as "Đắk Lắk"). */
static const char *const codas[] = {"", "c", "ch", "k", "m", "n", "ng", "nh", "p", "t"};

/* Vowel nuclei of Vietnamese, after the u of qu- and the i of gi-. */
static const char *const nuclei[] = {
	"a",   "ă",   "â",   "e",   "ê",   "i",	  "o",	 "ô",	"ơ",   "u",   "ư",
	"y",   "ai",  "ao",  "au",  "ay",  "âu",  "ây",	 "eo",	"êu",  "ia",  "iê",
	"iu",  "oa",  "oă",  "oe",  "oi",  "oo",  "ôi",	 "ơi",	"ua",  "uâ",  "uê",
	"ui",  "uô",  "uơ",  "uy",  "ưa",  "ưi",  "ưu",	 "ươ",	"yê",  "iêu", "oai",
	"oao", "oay", "oeo", "uây", "uôi", "uya", "uyê", "uyu", "ươi", "ươu", "yêu",
};

/* Parses the n letters of one word as a Vietnamese syllable with a tone and
 * returns the index of the letter that should carry it, or -1 when the word
 * is not such a syllable. */
static int tone_target(const struct letter *l, int n)
{
	char onset[4], coda[3], nucleus[16];
	int v = 0;
	while (v < n && !is_vowel(l[v].c))
		v++;
	if (v == n || v >= (int)sizeof(onset))
		return -1;
	for (int i = 0; i < v; i++)
		onset[i] = l[i].c;
	onset[v] = '\0';
	if (!in_list(onset, onsets, KH_ARRAY_LEN(onsets)))
		return -1;

	int start = v;
	if (strcmp(onset, "q") == 0) {
		if (l[v].c != 'u' || l[v].quality)
			return -1;
		start = v + 1;
	} else if (strcmp(onset, "g") == 0 && l[v].c == 'i' && v + 1 < n && is_vowel(l[v + 1].c)) {
		start = v + 1;
	}
	int end = start;
	while (end < n && is_vowel(l[end].c))
		end++;
	if (end == start || end - start > 3 || n - end >= (int)sizeof(coda))
		return -1;

	for (int i = end; i < n; i++)
		coda[i - end] = l[i].c;
	coda[n - end] = '\0';
	if (!in_list(coda, codas, KH_ARRAY_LEN(codas)))
		return -1;
	nucleus[0] = '\0';
	size_t len = 0;
	for (int i = start; i < end; i++) {
		const char *name = vowel_name(&l[i]);
		size_t k = strlen(name);
		memcpy(nucleus + len, name, k + 1);
		len += k;
	}
	if (!in_list(nucleus, nuclei, KH_ARRAY_LEN(nuclei)))
		return -1;

	int target = -1;
	for (int i = start; i < end; i++)
		if (l[i].quality)
			target = i; /* the last one: ơ of ươ */
	if (target >= 0)
		return target;
	if (end - start == 1)
		return start;
	if (end < n)
		return end - 1; /* before a final consonant: hoàng, huỳnh */
	if (end - start == 3)
		return start + 1; /* ngoài, khuỷu, ngoẹo */
	return start;		  /* hòa, khỏe, thủy, mùa, hai */
}

/* Writes the base of l and its marks in canonical order (by combining
 * class: the horn, 216, before the dot below, 220, before the marks above,
 * 230; among equals the vowel's own mark first, as in its decomposition);
 * returns how many code points it wrote. */
static size_t emit_letter(utf8proc_int32_t *out, const struct letter *l)
{
	size_t k = 0;
	out[k++] = l->base;
	if (l->quality && l->tone &&
	    utf8proc_get_property(l->tone)->combining_class <
		    utf8proc_get_property(l->quality)->combining_class) {
		out[k++] = l->tone;
		out[k++] = l->quality;
		return k;
	}
	if (l->quality)
		out[k++] = l->quality;
	if (l->tone)
		out[k++] = l->tone;
	return k;
}

/* Moves the tone of the word w (n code points of letters and marks, NFD)
 * to its place, in place; does nothing when the word is not one Vietnamese
 * syllable with exactly one tone. */
static void place_tone(utf8proc_int32_t *w, size_t n)
{
	struct letter l[MAX_LETTERS];
	int nl = 0, tones = 0, toned = -1;
	for (size_t i = 0; i < n; i++) {
		utf8proc_int32_t cp = w[i];
		if (is_mark(cp)) {
			if (!nl)
				return;
			struct letter *last = &l[nl - 1];
			if (is_tone(cp)) {
				if (last->tone)
					return;
				last->tone = cp;
				tones++;
				toned = nl - 1;
			} else if (quality_fits(last->c, cp) && !last->quality) {
				last->quality = cp;
			} else {
				return;
			}
			continue;
		}
		char c;
		if (cp >= 'a' && cp <= 'z')
			c = (char)cp;
		else if (cp >= 'A' && cp <= 'Z')
			c = (char)(cp - 'A' + 'a');
		else if (cp == 0x0110 || cp == 0x0111)
			c = 'D';
		else
			return;
		if (nl == MAX_LETTERS)
			return;
		l[nl++] = (struct letter){.base = cp, .c = c};
	}
	if (tones != 1 || !is_vowel(l[toned].c))
		return;
	int target = tone_target(l, nl);
	if (target < 0 || target == toned)
		return;
	l[target].tone = l[toned].tone;
	l[toned].tone = 0;
	/* Every mark of the word belongs to a letter, so the rewrite is as
	 * long as the word: the tone only moved. */
	for (int i = 0; i < nl; i++)
		w += emit_letter(w, &l[i]);
}

char *text_tone_normalize(const char *s)
{
	size_t n = strlen(s);
	bool ascii = true;
	for (size_t i = 0; i < n && ascii; i++)
		ascii = (unsigned char)s[i] < 0x80;
	if (ascii || !utf8_valid(s, n))
		return xstrdup(s);

	size_t count;
	utf8proc_int32_t *cps = decompose(s, n, &count);
	for (size_t i = 0; i < count;) {
		if (!is_letter(cps[i]) && !is_mark(cps[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j < count && (is_letter(cps[j]) || is_mark(cps[j])))
			j++;
		place_tone(cps + i, j - i);
		i = j;
	}
	return compose_encode(cps, count);
}
