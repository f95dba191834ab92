/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Vietnamese collation (see collate.h), built as a sort key the way the
 * Unicode Collation Algorithm builds one. The text is first given its
 * canonical tone placement and decomposed (NFD), so that a tone is always a
 * combining mark after its vowel. Each base character becomes an element
 * with a primary weight (the letter: a breve, circumflex or horn after a, e,
 * o or u makes it ă â ê ô ơ ư, a distinct letter), a secondary weight (its
 * tone) and a tertiary weight (its case); any other mark becomes an element
 * of its own with only a secondary weight. The key is all primaries, a zero
 * separator, all secondaries, a separator, all tertiaries, a separator, and
 * finally the normalized text itself.
 *
 * Weights are 16-bit units written big-endian, so memcmp() compares them as
 * numbers. Characters with code points too large for one unit get two: a
 * first unit from a range no one-unit weight uses, then the low 16 bits.
 * That keeps the code prefix-free, so two keys that agree so far are always
 * at the same boundary and a separator (0) only ever meets a first unit
 * (never 0): the shorter level sorts first.
 */
#include "core/common.h"
#include "core/buf.h"
#include "text/collate.h"
#include "text/fold.h"
#include "text/utf8.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* Primary weights. */
#define P_SPACE 0x0001
#define P_OTHER 0x0002	/* + plane, then the low bits: punctuation, symbols */
#define P_DIGIT 0x0100	/* + 0..9 */
#define P_NUMBER 0x0110 /* + plane, then the low bits: other digits, numerals */
#define P_LATIN 0x1000	/* + place in the alphabet below */
#define P_LETTER 0x2000 /* + plane, then the low bits of the lower case */
#define P_INVALID 0xFFFF
/* Secondary weights: the tones in dictionary order, then other marks. */
#define S_NONE 1
#define S_GRAVE 2
#define S_HOOK 3
#define S_TILDE 4
#define S_ACUTE 5
#define S_DOT 6
#define S_MARK 0x0100 /* + plane, then the low bits */
/* Tertiary weights. */
#define T_LOWER 1
#define T_UPPER 2

/* Places of a..z in a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v
 * w x y z; ă â ê ô ơ ư are their base plus 1 or 2, đ is d plus 1. */
static const uint8_t alphabet[26] = {
	0,  3,	4,  5,	7,  9,	10, 11, 12, 13, 14, 15, 16,
	17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32,
};

struct element {
	uint16_t primary[2];
	uint16_t secondary[2];
	uint8_t n_primary; /* 0: a mark of its own */
	uint8_t n_secondary;
	uint8_t tertiary; /* 0 for a mark */
	char latin;	  /* lower-case a..z when the base is one, else 0 */
	bool toned;	  /* a tone mark has been taken */
	bool qualified;	  /* a breve, circumflex or horn has been taken */
};

/* The elements of a string, on the stack while they are few. */
struct elements {
	struct element *v;
	size_t n, cap;
	size_t base; /* the element marks attach to; SIZE_MAX: none yet */
	/* Marks seen out of canonical order (a lower combining class after a
	 * higher one): the one-character-at-a-time decomposition then differs
	 * from the canonical one, so the fast path must not decide. */
	int last_class;
	bool unordered;
	struct element small[48];
};

static void elements_init(struct elements *e)
{
	e->v = e->small;
	e->n = 0;
	e->cap = KH_ARRAY_LEN(e->small);
	e->base = SIZE_MAX;
	e->last_class = 0;
	e->unordered = false;
}

static void elements_release(struct elements *e)
{
	if (e->v != e->small)
		free(e->v);
	e->v = NULL;
}

static struct element *push(struct elements *e)
{
	if (e->n == e->cap) {
		size_t cap = xmul(e->cap, 2);
		if (e->v == e->small) {
			e->v = xmalloc(xmul(cap, sizeof(*e->v)));
			memcpy(e->v, e->small, sizeof(e->small));
		} else {
			e->v = xrealloc(e->v, xmul(cap, sizeof(*e->v)));
		}
		e->cap = cap;
	}
	struct element *x = &e->v[e->n++];
	memset(x, 0, sizeof(*x));
	x->n_secondary = 1;
	x->secondary[0] = S_NONE;
	x->tertiary = T_LOWER;
	return x;
}

static void set_split(uint16_t w[2], uint16_t high, utf8proc_int32_t cp)
{
	w[0] = (uint16_t)(high + ((uint32_t)cp >> 16));
	w[1] = (uint16_t)(cp & 0xFFFF);
}

static int tone_weight(utf8proc_int32_t m)
{
	switch (m) {
	case 0x0300:
		return S_GRAVE;
	case 0x0309:
		return S_HOOK;
	case 0x0303:
		return S_TILDE;
	case 0x0301:
		return S_ACUTE;
	case 0x0323:
		return S_DOT;
	default:
		return 0;
	}
}

/* How far a breve (0x306), circumflex (0x302) or horn (0x31B) moves the
 * letter c up the alphabet: ă = a+1, â = a+2, ê = e+1, ô = o+1, ơ = o+2,
 * ư = u+1; 0 when the mark does not make a Vietnamese letter. */
static int quality_step(char c, utf8proc_int32_t m)
{
	switch (c) {
	case 'a':
		return m == 0x0306 ? 1 : m == 0x0302 ? 2 : 0;
	case 'e':
		return m == 0x0302 ? 1 : 0;
	case 'o':
		return m == 0x0302 ? 1 : m == 0x031B ? 2 : 0;
	case 'u':
		return m == 0x031B ? 1 : 0;
	default:
		return 0;
	}
}

/* A combining mark after the current base element: the breve, circumflex
 * or horn that makes a Vietnamese letter and the first tone on a letter
 * change the base; anything else is an element of its own. */
static void add_mark(struct elements *e, utf8proc_int32_t m)
{
	struct element *base = e->base == SIZE_MAX ? NULL : &e->v[e->base];
	if (base && base->latin && !base->qualified) {
		int step = quality_step(base->latin, m);
		if (step) {
			base->primary[0] = (uint16_t)(base->primary[0] + step);
			base->qualified = true;
			return;
		}
	}
	int tone = tone_weight(m);
	if (base && base->primary[0] >= P_LATIN && !base->toned && tone) {
		base->secondary[0] = (uint16_t)tone;
		base->toned = true;
		return;
	}
	struct element *x = push(e);
	x->n_secondary = 2;
	set_split(x->secondary, S_MARK, m);
	x->tertiary = 0;
}

static void add_base(struct elements *e, utf8proc_int32_t cp, utf8proc_category_t cat)
{
	struct element *x = push(e);
	e->base = e->n - 1;
	x->n_primary = 1;
	if (cp >= 'a' && cp <= 'z') {
		x->latin = (char)cp;
	} else if (cp >= 'A' && cp <= 'Z') {
		x->latin = (char)(cp - 'A' + 'a');
		x->tertiary = T_UPPER;
	} else if (cp == 0x0111 || cp == 0x00F0 || cp == 0x0256) {
		x->primary[0] = P_LATIN + alphabet['d' - 'a'] + 1; /* đ, and look-alikes */
		return;
	} else if (cp == 0x0110 || cp == 0x00D0 || cp == 0x0189) {
		x->primary[0] = P_LATIN + alphabet['d' - 'a'] + 1;
		x->tertiary = T_UPPER;
		return;
	}
	if (x->latin) {
		x->primary[0] = (uint16_t)(P_LATIN + alphabet[x->latin - 'a']);
		return;
	}
	if (cp >= '0' && cp <= '9') {
		x->primary[0] = (uint16_t)(P_DIGIT + (cp - '0'));
		return;
	}
	switch (cat) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
		x->primary[0] = P_SPACE;
		return;
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LL:
	case UTF8PROC_CATEGORY_LT:
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO: {
		utf8proc_int32_t lower = utf8proc_tolower(cp);
		x->n_primary = 2;
		set_split(x->primary, P_LETTER, lower);
		if (lower != cp)
			x->tertiary = T_UPPER;
		return;
	}
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		x->n_primary = 2;
		set_split(x->primary, P_NUMBER, cp);
		return;
	default:
		break;
	}
	if ((cp >= '\t' && cp <= '\r') || cp == 0x85) {
		x->primary[0] = P_SPACE;
		return;
	}
	x->n_primary = 2;
	set_split(x->primary, P_OTHER, cp);
}

/* Adds the code point cp of a decomposed string. */
static void add(struct elements *e, utf8proc_int32_t cp)
{
	int cls = utf8proc_get_property(cp)->combining_class;
	if (cls && cls < e->last_class)
		e->unordered = true;
	e->last_class = cls;
	utf8proc_category_t cat = utf8proc_category(cp);
	if (cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_MC ||
	    cat == UTF8PROC_CATEGORY_ME)
		add_mark(e, cp);
	else
		add_base(e, cp, cat);
}

/* The elements of the n bytes of valid UTF-8 at s, decomposing one
 * character at a time. Without the canonical reordering of marks and the
 * tone placement this is only good for the primary weights, which neither
 * changes: both only move marks between or within the marks of one base. */
static void primary_elements(struct elements *e, const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	const utf8proc_uint8_t *end = p + n;
	while (p < end) {
		utf8proc_int32_t cp, dec[8];
		if (*p < 0x80) {
			add(e, *p++);
			continue;
		}
		utf8proc_ssize_t len = utf8proc_iterate(p, end - p, &cp);
		if (len <= 0)
			abort(); /* the caller validated s */
		p += len;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, dec, KH_ARRAY_LEN(dec),
							     UTF8PROC_DECOMPOSE, NULL);
		if (k < 0 || k > (utf8proc_ssize_t)KH_ARRAY_LEN(dec))
			abort(); /* canonical decompositions are at most 4 long */
		for (utf8proc_ssize_t i = 0; i < k; i++)
			add(e, dec[i]);
	}
}

/* Compares the primary weights of two element lists. The code is
 * prefix-free, so equal first units mean codewords of the same length. */
static int compare_primary(const struct elements *a, const struct elements *b)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < a->n && !a->v[i].n_primary)
			i++;
		while (j < b->n && !b->v[j].n_primary)
			j++;
		if (i == a->n || j == b->n)
			return (i < a->n) - (j < b->n);
		const struct element *x = &a->v[i++], *y = &b->v[j++];
		for (int k = 0; k < x->n_primary; k++)
			if (x->primary[k] != y->primary[k])
				return x->primary[k] < y->primary[k] ? -1 : 1;
	}
}

static void put_unit(struct buf *b, uint16_t u)
{
	char two[2] = {(char)(u >> 8), (char)(u & 0xFF)};
	buf_add(b, two, 2);
}

/* Builds the key of the n bytes at s into b. */
static void build_key(struct buf *b, const char *s, size_t n)
{
	if (!utf8_valid(s, n)) {
		put_unit(b, P_INVALID);
		buf_add(b, s, n);
		return;
	}
	char *copy = xmemdup0(s, n);
	char *text = text_tone_normalize(copy);
	free(copy);
	size_t len = strlen(text);

	struct elements e;
	elements_init(&e);
	const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)text;
	utf8proc_ssize_t count =
		len ? utf8proc_decompose(u, (utf8proc_ssize_t)len, NULL, 0, UTF8PROC_DECOMPOSE) : 0;
	if (count < 0)
		abort(); /* validated above */
	utf8proc_int32_t *cps = xmalloc(xmul(xadd((size_t)count, 1), sizeof(*cps)));
	if (count &&
	    utf8proc_decompose(u, (utf8proc_ssize_t)len, cps, count, UTF8PROC_DECOMPOSE) != count)
		abort();
	for (utf8proc_ssize_t i = 0; i < count; i++)
		add(&e, cps[i]);
	free(cps);

	for (size_t i = 0; i < e.n; i++)
		for (int k = 0; k < e.v[i].n_primary; k++)
			put_unit(b, e.v[i].primary[k]);
	put_unit(b, 0);
	for (size_t i = 0; i < e.n; i++)
		for (int k = 0; k < e.v[i].n_secondary; k++)
			put_unit(b, e.v[i].secondary[k]);
	put_unit(b, 0);
	for (size_t i = 0; i < e.n; i++)
		if (e.v[i].tertiary)
			put_unit(b, e.v[i].tertiary);
	put_unit(b, 0);
	buf_add(b, text, len);
	elements_release(&e);
	free(text);
}

char *text_collate_key(const char *s, size_t *len)
{
	struct buf b;
	buf_init(&b, SIZE_MAX); /* about 4 bytes per input byte; never fails */
	build_key(&b, s, strlen(s));
	*len = b.len;
	char *key = buf_take(&b);
	buf_release(&b);
	return key;
}

int text_collate(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && (alen == 0 || memcmp(a, b, alen) == 0))
		return 0;
	/* Most comparisons are settled by the letters: compare those first,
	 * without tone placement, allocation or the full keys. */
	if (utf8_valid(a, alen) && utf8_valid(b, blen)) {
		struct elements ea, eb;
		elements_init(&ea);
		elements_init(&eb);
		primary_elements(&ea, a, alen);
		primary_elements(&eb, b, blen);
		int c = ea.unordered || eb.unordered ? 0 : compare_primary(&ea, &eb);
		elements_release(&ea);
		elements_release(&eb);
		if (c)
			return c;
	}
	struct buf ka, kb;
	buf_init(&ka, SIZE_MAX);
	buf_init(&kb, SIZE_MAX);
	build_key(&ka, a, alen);
	build_key(&kb, b, blen);
	int c = memcmp(ka.data, kb.data, ka.len < kb.len ? ka.len : kb.len);
	if (!c)
		c = ka.len < kb.len ? -1 : ka.len > kb.len;
	buf_release(&ka);
	buf_release(&kb);
	return c < 0 ? -1 : c > 0;
}
