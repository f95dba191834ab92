/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Signatures and containment scores of item texts (see similar.h). The text
 * is folded once with text_fold(), cut at its single spaces, each word
 * checked against the stop list and the level names, and each pair of
 * neighbouring kept words hashed with 32-bit FNV-1a (a separator byte
 * between the words, so "ab c" and "a bc" differ). The hashes are sorted
 * and made distinct, so that a score is one merge of two sorted arrays.
 */
#include "core/common.h"
#include "text/fold.h"
#include "text/similar.h"

#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

static const char *const stop_words[] = {
	"va", "cac",   "cua", "nhung", "cho", "voi", "la",  "de", "o",	  "tai",  "theo",
	"ve", "trong", "mot", "duoc",  "da",  "se",  "nay", "do", "nham", "viec",
};

static const char *const level_words[] = {"tinh", "huyen", "thanh", "thi", "quan", "xa", "phuong"};

static bool in_list(const char *w, size_t n, const char *const *list, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	}
	return false;
}

static uint32_t fnv(uint32_t h, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* The hash input of one word: the level marker for a level name. */
static void word_key(const char **w, size_t *n)
{
	if (in_list(*w, *n, level_words, KH_ARRAY_LEN(level_words))) {
		*w = "\x01level";
		*n = strlen(*w);
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

void similar_sig_init(struct similar_sig *s, const char *text)
{
	char *folded = text_fold(text ? text : "");
	const char *prev = NULL;
	size_t prev_n = 0, words = 0, cap = 0;
	s->h = NULL;
	s->n = 0;
	for (const char *p = folded; *p;) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		const char *w = p;
		p += n + (e ? 1 : 0);
		if (in_list(w, n, stop_words, KH_ARRAY_LEN(stop_words)))
			continue;
		word_key(&w, &n);
		words++;
		if (prev) {
			if ((size_t)s->n == cap) {
				cap = cap ? cap * 2 : 16;
				s->h = xrealloc(s->h, xmul(cap, sizeof(*s->h)));
			}
			uint32_t h = fnv(FNV_OFFSET, prev, prev_n);
			h = fnv(h, "\x1f", 1);
			s->h[s->n++] = fnv(h, w, n);
		}
		prev = w;
		prev_n = n;
	}
	if (words == 1) {
		s->h = xmalloc(sizeof(*s->h));
		s->h[0] = fnv(fnv(FNV_OFFSET, "\x1e", 1), prev, prev_n);
		s->n = 1;
	}
	if (s->n > 1) {
		qsort(s->h, (size_t)s->n, sizeof(*s->h), cmp_u32);
		int k = 1;
		for (int i = 1; i < s->n; i++) {
			if (s->h[i] != s->h[k - 1])
				s->h[k++] = s->h[i];
		}
		s->n = k;
	}
	free(folded);
}

void similar_sig_release(struct similar_sig *s)
{
	free(s->h);
	s->h = NULL;
	s->n = 0;
}

double similar_score(const struct similar_sig *a, const struct similar_sig *b)
{
	int i = 0, j = 0, common = 0;
	if (a->n <= 0 || b->n <= 0)
		return 0;
	while (i < a->n && j < b->n) {
		if (a->h[i] < b->h[j]) {
			i++;
		} else if (a->h[i] > b->h[j]) {
			j++;
		} else {
			common++;
			i++;
			j++;
		}
	}
	return (double)common / (double)(a->n < b->n ? a->n : b->n);
}

double similar_texts(const char *a, const char *b)
{
	struct similar_sig x, y;
	similar_sig_init(&x, a);
	similar_sig_init(&y, b);
	double score = similar_score(&x, &y);
	similar_sig_release(&x);
	similar_sig_release(&y);
	return score;
}
