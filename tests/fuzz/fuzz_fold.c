/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for folding, tone placement and collation (text/fold.h,
 * text/collate.h). The input is cut at its NUL bytes into up to three
 * strings a, b, c. For each string: text_fold() gives valid UTF-8 words
 * separated by single spaces, without upper-case ASCII or ASCII punctuation,
 * only [a-z0-9 ] when the text is written in the Vietnamese alphabet (other
 * scripts keep their letters by design), and folding it again changes
 * nothing; text_tone_normalize() returns NFC that is its own fixed point,
 * folds like the original and collates equal to it (as does the original's
 * NFD). For the pairs and the triple: text_collate() is reflexive,
 * antisymmetric and transitive, and agrees in sign with memcmp() over
 * text_collate_key() as SQLite compares BLOBs. The whole input, NULs and
 * all, is also collated against itself split in two.
 */
#include "core/common.h"
#include "text/collate.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <utf8proc.h>

#include "fuzz.h"

/* Whether the canonical decomposition of valid s holds only ASCII, đ/Đ and
 * the marks of the Vietnamese alphabet (five tones, breve, circumflex,
 * horn): text that must fold to plain ASCII. */
static bool vietnamese_only(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(s);
	while (left > 0) {
		utf8proc_int32_t cp, dec[8];
		utf8proc_ssize_t len = utf8proc_iterate(p, left, &cp);
		if (len <= 0)
			return false;
		p += len;
		left -= len;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, 8, UTF8PROC_DECOMPOSE, NULL);
		if (k < 0 || k > 8)
			return false;
		for (utf8proc_ssize_t i = 0; i < k; i++) {
			switch (dec[i]) {
			case 0x0110:
			case 0x0111:
			case 0x0300:
			case 0x0301:
			case 0x0302:
			case 0x0303:
			case 0x0306:
			case 0x0309:
			case 0x031B:
			case 0x0323:
				continue;
			default:
				if (dec[i] >= 0x80)
					return false;
			}
		}
	}
	return true;
}

static char *nfd(const char *s)
{
	return (char *)utf8proc_NFD((const utf8proc_uint8_t *)s);
}

static char *nfc(const char *s)
{
	return (char *)utf8proc_NFC((const utf8proc_uint8_t *)s);
}

static void check_fold(const char *s)
{
	size_t n = strlen(s);
	char *f = text_fold(s);
	size_t fn = strlen(f);

	if (!ref_valid(f, fn) || (fn && (f[0] == ' ' || f[fn - 1] == ' ')) || strstr(f, "  ")) {
		fuzz_dump("input", s, n);
		fuzz_dump("text_fold", f, fn);
		fuzz_fail("text_fold() output is not words separated by single spaces");
	}
	for (size_t i = 0; i < fn; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c < 0x80 && c != ' ' && !(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9')) {
			fuzz_dump("input", s, n);
			fuzz_dump("text_fold", f, fn);
			fuzz_fail("text_fold() kept ASCII byte 0x%02X", c);
		}
	}
	if (ref_valid(s, n) && vietnamese_only(s)) {
		for (size_t i = 0; i < fn; i++) {
			if ((unsigned char)f[i] >= 0x80) {
				fuzz_dump("input", s, n);
				fuzz_dump("text_fold", f, fn);
				fuzz_fail("text_fold() of Vietnamese text is not plain ASCII");
			}
		}
	}
	char *ff = text_fold(f);
	if (strcmp(f, ff) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("once", f, fn);
		fuzz_dump("twice", ff, strlen(ff));
		fuzz_fail("text_fold() is not idempotent");
	}
	free(ff);

	char *t = text_tone_normalize(s);
	size_t tn = strlen(t);
	if (!ref_valid(s, n)) {
		fuzz_check(strcmp(s, t) == 0, "text_tone_normalize() changed invalid text");
		free(t);
		free(f);
		return;
	}
	char *tf = text_fold(t);
	if (strcmp(f, tf) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("tone normalized", t, tn);
		fuzz_dump("text_fold(input)", f, fn);
		fuzz_dump("text_fold(tone normalized)", tf, strlen(tf));
		fuzz_fail("text_fold(text_tone_normalize(x)) != text_fold(x)");
	}
	free(tf);
	fuzz_check(text_fold_eq(s, t), "text_fold_eq(x, text_tone_normalize(x)) is false");

	char *tc = nfc(t);
	if (strcmp(tc, t) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("tone normalized", t, tn);
		fuzz_fail("text_tone_normalize() output is not NFC");
	}
	free(tc);
	char *tt = text_tone_normalize(t);
	if (strcmp(tt, t) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("once", t, tn);
		fuzz_dump("twice", tt, strlen(tt));
		fuzz_fail("text_tone_normalize() is not idempotent");
	}
	free(tt);

	/* Moving a tone keeps every code point. */
	char *d1 = nfd(s), *d2 = nfd(t);
	if (strlen(d1) != strlen(d2)) {
		fuzz_dump("input", s, n);
		fuzz_dump("tone normalized", t, tn);
		fuzz_fail("text_tone_normalize() changed more than the tone's place");
	}
	/* Equal up to normalization form and tone placement: collate equal. */
	if (text_collate(s, n, t, tn) != 0 || text_collate(t, tn, s, n) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("tone normalized", t, tn);
		fuzz_fail("text_collate(x, text_tone_normalize(x)) != 0");
	}
	if (text_collate(s, n, d1, strlen(d1)) != 0) {
		fuzz_dump("input", s, n);
		fuzz_dump("NFD", d1, strlen(d1));
		fuzz_fail("text_collate(x, NFD(x)) != 0");
	}
	free(d1);
	free(d2);
	free(t);
	free(f);
}

/* The sign of the comparison of two sort keys as SQLite compares BLOBs. */
static int key_cmp(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? fuzz_sign(c) : (an > bn) - (an < bn);
}

struct str {
	const char *s;
	size_t n;
	char *key;
	size_t key_len;
};

static void check_pair(const struct str *a, const struct str *b)
{
	int ab = fuzz_sign(text_collate(a->s, a->n, b->s, b->n));
	int ba = fuzz_sign(text_collate(b->s, b->n, a->s, a->n));
	int keys = key_cmp(a->key, a->key_len, b->key, b->key_len);
	if (ab != -ba || ab != keys) {
		fuzz_dump("a", a->s, a->n);
		fuzz_dump("b", b->s, b->n);
		fuzz_fail("text_collate(a, b) = %d, text_collate(b, a) = %d, keys compare %d", ab,
			  ba, keys);
	}
}

static void check_triple(const struct str *a, const struct str *b, const struct str *c)
{
	int ab = text_collate(a->s, a->n, b->s, b->n);
	int bc = text_collate(b->s, b->n, c->s, c->n);
	int ac = text_collate(a->s, a->n, c->s, c->n);
	if ((ab <= 0 && bc <= 0 && ac > 0) || (ab >= 0 && bc >= 0 && ac < 0) ||
	    (ab == 0 && bc == 0 && ac != 0)) {
		fuzz_dump("a", a->s, a->n);
		fuzz_dump("b", b->s, b->n);
		fuzz_dump("c", c->s, c->n);
		fuzz_fail("text_collate() is not transitive: a?b %d, b?c %d, a?c %d", ab, bc, ac);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct str part[3];
	int n = 0;
	const char *p = (const char *)data, *end = p + size;

	while (n < 3) {
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		size_t len = nul ? (size_t)(nul - p) : (size_t)(end - p);
		part[n].s = p;
		part[n].n = len;
		n++;
		if (!nul)
			break;
		p = nul + 1;
	}
	for (int i = 0; i < n; i++) {
		char *z = xmemdup0(part[i].s, part[i].n);
		check_fold(z);
		part[i].key = text_collate_key(z, &part[i].key_len);
		free(z);
		if (text_collate(part[i].s, part[i].n, part[i].s, part[i].n) != 0)
			fuzz_fail("text_collate(x, x) != 0");
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			check_pair(&part[i], &part[j]);
	if (n == 3) {
		check_triple(&part[0], &part[1], &part[2]);
		check_triple(&part[2], &part[1], &part[0]);
		check_triple(&part[1], &part[0], &part[2]);
	}
	for (int i = 0; i < n; i++)
		free(part[i].key);

	/* Raw bytes, NULs included, split where the first byte says. */
	if (size > 1) {
		size_t k = 1 + data[0] % (size - 1);
		const char *s = (const char *)data;
		int ab = fuzz_sign(text_collate(s, k, s + k, size - k));
		int ba = fuzz_sign(text_collate(s + k, size - k, s, k));
		if (ab != -ba) {
			fuzz_dump("a", s, k);
			fuzz_dump("b", s + k, size - k);
			fuzz_fail("text_collate() is not antisymmetric on raw bytes (%d, %d)", ab,
				  ba);
		}
	}
	return 0;
}
