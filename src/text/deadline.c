/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Reading the deadlines of plans (see deadline.h for the phrases and their
 * meaning). The text is first cut into tokens — words folded to lower case
 * without diacritics (utf8proc, one code point at a time, so every token
 * keeps its byte span in the original text), numbers, and single
 * punctuation marks with every dash made '-'. Small recursive-descent
 * grammars then read an "atom" (a day, a month list, a quarter list, a year
 * or year range, a half or a third of a period: a run of days whose year
 * may still be missing), an expression (a prefix such as trước / đến / từ
 * … đến around one or two atoms), a recurring duty, or an event clause.
 * deadline_find() tries a phrase at every token, skipping past each one it
 * reads (or reads and rejects, so that "31-02-2018" does not leave
 * "02-2018" behind), and keeps the most telling one; deadline_parse() is
 * deadline_find() plus the bare forms a field may hold alone.
 *
 * Each grammar function returns the index after what it read, 0 when the
 * text there is not its shape, or minus that index when it is its shape but
 * not a valid time (a day that does not exist, a month 13, a year out of
 * range, a range that runs backwards) — so that the caller rejects the
 * whole phrase instead of reading a piece of it. Reading never looks past
 * the end it returns in a way that could change the result, which keeps a
 * found span re-parsing to the same deadline.
 */
#include "core/common.h"
#include "core/date.h"
#include "text/deadline.h"

#include <utf8proc.h>

/* Canonical decomposition only: a compatibility mapping can turn one code
 * point into a digit and a letter ("½"), which would put two tokens on the
 * same bytes. */
#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

#define YEAR_MIN 1900
#define YEAR_MAX 2200
#define STACK_TOKENS 256
#define WORD_MAX 16

enum tok_type { TOK_WORD = 1, TOK_NUM, TOK_PUNCT };

struct tok {
	size_t off, end; /* byte span in the original text */
	enum tok_type type;
	int len;	  /* bytes in w; WORD_MAX when the word did not fit */
	int ndig;	  /* TOK_NUM: digits */
	int32_t num;	  /* TOK_NUM: value, -1 past 9 digits */
	char w[WORD_MAX]; /* folded word, or the punctuation mark */
};

struct tokens {
	struct tok *t;
	int n, cap;
	struct tok stack[STACK_TOKENS];
};

struct ctx {
	const struct tok *t;
	int n;
	int py; /* plan year, 0 = unknown */
};

/* ---- tokens ---- */

static struct tok *tok_new(struct tokens *ts, enum tok_type type, size_t off, size_t end)
{
	if (ts->n == ts->cap) {
		int cap = ts->cap * 2;
		struct tok *t = xmalloc(xmul((size_t)cap, sizeof(*t)));
		memcpy(t, ts->t, (size_t)ts->n * sizeof(*t));
		if (ts->t != ts->stack)
			free(ts->t);
		ts->t = t;
		ts->cap = cap;
	}
	struct tok *k = &ts->t[ts->n++];
	memset(k, 0, sizeof(*k));
	k->type = type;
	k->off = off;
	k->end = end;
	return k;
}

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

static bool is_space(utf8proc_int32_t cp)
{
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_ZS:
	case UTF8PROC_CATEGORY_ZL:
	case UTF8PROC_CATEGORY_ZP:
	case UTF8PROC_CATEGORY_CC:
	case UTF8PROC_CATEGORY_CF:
		return true;
	default:
		return false;
	}
}

/* The one character a punctuation code point stands for: ASCII as is, every
 * dash '-', anything else '~' (which no grammar asks for). */
static char punct_char(utf8proc_int32_t cp)
{
	if (cp > 0x20 && cp < 0x7F)
		return (char)cp;
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63)
		return '-';
	return '~';
}

enum cp_class { CP_SPACE, CP_DIGIT, CP_LETTER, CP_PUNCT };

static enum cp_class cp_class(utf8proc_int32_t c)
{
	if (c >= '0' && c <= '9')
		return CP_DIGIT;
	if (is_letter_or_digit(c))
		return CP_LETTER;
	return is_space(c) ? CP_SPACE : CP_PUNCT;
}

/* Adds one folded code point c, which comes from the source bytes
 * [off, end), to the token being built (*cur) or starts a new one. */
static void tok_add(struct tokens *ts, struct tok **cur, utf8proc_int32_t c, size_t off, size_t end)
{
	enum cp_class cls = cp_class(c);
	if (cls == CP_DIGIT) {
		struct tok *k = *cur;
		if (!k || k->type != TOK_NUM)
			k = *cur = tok_new(ts, TOK_NUM, off, end);
		k->end = end;
		k->ndig++;
		k->num = k->ndig > 9 ? -1 : k->num * 10 + (c - '0');
		return;
	}
	if (cls == CP_LETTER) {
		struct tok *k = *cur;
		if (!k || k->type != TOK_WORD)
			k = *cur = tok_new(ts, TOK_WORD, off, end);
		k->end = end;
		utf8proc_uint8_t enc[4];
		int n = (int)utf8proc_encode_char(c, enc);
		if (k->len + n < WORD_MAX) {
			memcpy(k->w + k->len, enc, (size_t)n);
			k->len += n;
		} else {
			k->len = WORD_MAX;
			k->w[0] = '\0';
		}
		return;
	}
	*cur = NULL;
	if (cls == CP_SPACE)
		return;
	struct tok *k = tok_new(ts, TOK_PUNCT, off, end);
	k->w[0] = punct_char(c);
	k->len = 1;
}

static void tokenize(const char *s, size_t n, struct tokens *ts)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	struct tok *cur = NULL;
	ts->t = ts->stack;
	ts->n = 0;
	ts->cap = STACK_TOKENS;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp, dst[8];
		utf8proc_ssize_t len = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (len <= 0) {
			cur = NULL; /* a byte that is not UTF-8 separates */
			i++;
			continue;
		}
		size_t next = i + (size_t)len;
		int boundclass = 0;
		utf8proc_ssize_t k = utf8proc_decompose_char(cp, dst, 8, FOLD_OPTIONS, &boundclass);
		if (k == 0) {
			/* A combining mark (NFD input) or an ignorable: part of
			 * the word it follows. */
			if (cur)
				cur->end = next;
		} else if (k < 0 || k > 8) {
			cur = NULL;
		} else {
			/* One source code point gives one token: of several
			 * folded ones ("ß" → "ss") only those of the first's
			 * class, and one punctuation mark. */
			enum cp_class first = cp_class(dst[0]);
			for (utf8proc_ssize_t j = 0; j < k; j++) {
				utf8proc_int32_t c = dst[j];
				/* đ, and the eth and African D that look like it. */
				if (c == 0x0111 || c == 0x00F0 || c == 0x0256)
					c = 'd';
				if (j > 0 && (cp_class(c) != first || first == CP_PUNCT))
					continue;
				tok_add(ts, &cur, c, i, next);
			}
		}
		i = next;
	}
}

static void tokens_release(struct tokens *ts)
{
	if (ts->t != ts->stack)
		free(ts->t);
	ts->t = NULL;
}

/* ---- token tests ---- */

static bool is_w(const struct ctx *c, int i, const char *w)
{
	return i >= 0 && i < c->n && c->t[i].type == TOK_WORD && strcmp(c->t[i].w, w) == 0;
}

/* i + 2 when the words at i are a then b, else 0. */
static int is_ww(const struct ctx *c, int i, const char *a, const char *b)
{
	return is_w(c, i, a) && is_w(c, i + 1, b) ? i + 2 : 0;
}

static bool is_p(const struct ctx *c, int i, char ch)
{
	return i >= 0 && i < c->n && c->t[i].type == TOK_PUNCT && c->t[i].w[0] == ch;
}

static bool is_sep(const struct ctx *c, int i)
{
	return is_p(c, i, '-') || is_p(c, i, '/') || is_p(c, i, '.');
}

static bool is_num(const struct ctx *c, int i)
{
	return i >= 0 && i < c->n && c->t[i].type == TOK_NUM;
}

/* A number of one or two digits (a day, a month). */
static bool small_num(const struct ctx *c, int i, int *v)
{
	if (!is_num(c, i) || c->t[i].ndig > 2)
		return false;
	*v = c->t[i].num;
	return true;
}

/* 1 when the token at i is a year (four digits, YEAR_MIN..YEAR_MAX), -1 when
 * it has four digits out of that range, 0 otherwise. */
static int year_at(const struct ctx *c, int i, int *y)
{
	if (!is_num(c, i) || c->t[i].ndig != 4)
		return 0;
	*y = c->t[i].num;
	return *y >= YEAR_MIN && *y <= YEAR_MAX ? 1 : -1;
}

static bool year_ok(int y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

/* The relative year words after "năm": nay, sau, tới, trước, kế tiếp,
 * tiếp theo. Returns the end and sets *y (-1 when the plan year is unknown
 * or the result out of range), or 0. */
static int rel_year(const struct ctx *c, int i, int *y)
{
	int delta, end, k;
	if (is_w(c, i, "nay")) {
		delta = 0;
		end = i + 1;
	} else if (is_w(c, i, "sau") || is_w(c, i, "toi")) {
		delta = 1;
		end = i + 1;
	} else if (is_w(c, i, "truoc")) {
		delta = -1;
		end = i + 1;
	} else if ((k = is_ww(c, i, "ke", "tiep")) || (k = is_ww(c, i, "tiep", "theo"))) {
		delta = 1;
		end = k;
	} else {
		return 0;
	}
	*y = c->py && year_ok(c->py + delta) ? c->py + delta : -1;
	return end;
}

/* ---- atoms ---- */

/* A run of days: from (y0, m0, d0) to (y1, m1, d1). A year 0 is not
 * written yet and is resolved by the phrase around it (the other end of a
 * range, else the plan year); d0 0 is the first day of m0, d1 0 the last
 * of m1. */
struct atom {
	int y0, m0, d0, y1, m1, d1;
	bool day;   /* one date */
	bool range; /* a list or range ("năm 2016-2020"), a window even after "từ" */
	bool num;   /* written with numbers, not only words relative to the plan year */
	bool whole; /* "cuối X" after đến/trước: stands for X's last day */
};

/* Flags for the atom grammars. */
#define F_END 1	      /* after đến, hết, trước, chậm nhất: "cuối X" means X's end */
#define F_RANGE_END 2 /* after "đến" of a range: bare "6/2019" and "2020" too */
#define F_BARE_NAM 4  /* after "trong", "cả": "năm" alone is the plan year */

/* The days of a, a missing year taken as y (0: the plan year). False when
 * a day does not exist or a year is out of range. */
static bool atom_days(const struct ctx *c, const struct atom *a, int y, int32_t *s, int32_t *e)
{
	if (!y)
		y = c->py;
	int y0 = a->y0 ? a->y0 : y;
	int y1 = a->y1 ? a->y1 : (a->y0 ? a->y0 : y);
	if (!year_ok(y0) || !year_ok(y1))
		return false;
	int d0 = a->d0 ? a->d0 : 1;
	int last = date_days_in_month(y1, a->m1);
	int d1 = a->d1 ? a->d1 : last;
	if (d1 > last) {
		if (a->day || !a->d1)
			return false;
		d1 = last; /* "cuối tháng 2" ends on the 28th or 29th */
	}
	if (!date_valid_ymd(y0, a->m0, d0) || !date_valid_ymd(y1, a->m1, d1))
		return false;
	*s = date_from_ymd(y0, a->m0, d0);
	*e = date_from_ymd(y1, a->m1, d1);
	return *s <= *e;
}

/* An atom that is exactly the days [s, e]. */
static void atom_of_days(struct atom *a, int32_t s, int32_t e)
{
	date_to_ymd(s, &a->y0, &a->m0, &a->d0);
	date_to_ymd(e, &a->y1, &a->m1, &a->d1);
}

/* The year of an atom's start (end), 0 when not written. */
static int atom_y0(const struct atom *a)
{
	return a->y0;
}

static int atom_y1(const struct atom *a)
{
	return a->y1 ? a->y1 : a->y0;
}

/* Resolves a pair of atoms whose years may be missing on one side, from
 * the other side: in a range the start takes the end's year (the year
 * before when it would come after the end) and the end takes the start's
 * (the year after when it would come before it). */
static bool pair_days(const struct ctx *c, const struct atom *a, const struct atom *b, bool range,
		      int32_t *as, int32_t *ae, int32_t *bs, int32_t *be)
{
	if (!a->y0 && b->y0) {
		int y = atom_y0(b);
		if (!atom_days(c, b, 0, bs, be))
			return false;
		bool ok = atom_days(c, a, y, as, ae);
		if (range && (!ok || *as > *bs))
			ok = atom_days(c, a, y - 1, as, ae);
		return ok;
	}
	if (a->y0 && !b->y0) {
		int y = atom_y1(a);
		if (!atom_days(c, a, 0, as, ae))
			return false;
		bool ok = atom_days(c, b, y, bs, be);
		if (range && (!ok || *be < *as))
			ok = atom_days(c, b, y + 1, bs, be);
		return ok;
	}
	if (!atom_days(c, a, 0, as, ae))
		return false;
	bool ok = atom_days(c, b, 0, bs, be);
	if (range && !a->y0 && (!ok || *be < *as) && c->py)
		ok = atom_days(c, b, c->py + 1, bs, be);
	return ok;
}

/* The year written after a month or quarter list: "/2012", "-2018",
 * ".2018", "năm 2019", "năm sau". Returns the end (i itself when there is
 * none, with *y 0), or -end when it is written but not a valid year. */
static int year_part(const struct ctx *c, int i, int *y)
{
	int k;
	*y = 0;
	if (is_sep(c, i) && is_num(c, i + 1)) {
		int v = year_at(c, i + 1, y);
		if (v > 0)
			return i + 2;
		if (v < 0 || is_p(c, i, '/')) {
			*y = 0;
			return -(i + 2); /* a year out of range, or "6/18" */
		}
		*y = 0;
		return i;
	}
	if (is_w(c, i, "nam")) {
		int v = year_at(c, i + 1, y);
		if (v > 0)
			return i + 2;
		if (v < 0)
			return -(i + 2);
		if ((k = rel_year(c, i + 1, y))) {
			if (*y < 0)
				return -k;
			return k;
		}
		*y = 0;
	}
	return i;
}

static int day_atom(const struct ctx *c, int i, struct atom *a)
{
	int j = i, d, m, y = 0, k;
	bool ngay = is_w(c, j, "ngay");
	if (ngay)
		j++;
	if (!small_num(c, j, &d))
		return 0;
	k = j + 1;
	if (is_sep(c, k) && small_num(c, k + 1, &m)) {
		k += 2;
		if (is_sep(c, k) && is_num(c, k + 1)) {
			int v = year_at(c, k + 1, &y);
			k += 2;
			if (v <= 0)
				return -k;
		} else if (!ngay) {
			return 0; /* "6/7" alone is no date */
		}
	} else if (is_w(c, k, "thang") && small_num(c, k + 1, &m)) {
		k = year_part(c, k + 2, &y);
		if (k < 0)
			return k;
	} else {
		return 0;
	}
	if (m < 1 || m > 12 || d < 1 || d > 31 || (y && !date_valid_ymd(y, m, d)))
		return -k;
	*a = (struct atom){.y0 = y, .m0 = m, .d0 = d, .y1 = y, .m1 = m, .d1 = d};
	a->day = a->num = true;
	return k;
}

static bool quarter_num(const struct ctx *c, int i, int *q)
{
	static const char *const roman[] = {"i", "ii", "iii", "iv"};
	for (int r = 0; r < 4; r++) {
		if (is_w(c, i, roman[r])) {
			*q = r + 1;
			return true;
		}
	}
	if (is_num(c, i) && c->t[i].ndig == 1 && c->t[i].num >= 1 && c->t[i].num <= 4) {
		*q = c->t[i].num;
		return true;
	}
	return false;
}

static bool is_quarter_word(const struct ctx *c, int i)
{
	return is_w(c, i, "quy") || is_w(c, i, "q");
}

/* A list separator inside a month or quarter list: ',', "và", '-'. */
static int list_sep(const struct ctx *c, int i)
{
	return is_p(c, i, ',') || is_w(c, i, "va") || is_p(c, i, '-') ? i + 1 : 0;
}

static int month_atom(const struct ctx *c, int i, struct atom *a)
{
	int m, lo, hi, y, j, k;
	bool list = false;
	if (!is_w(c, i, "thang") || !small_num(c, i + 1, &m))
		return 0;
	if (m < 1 || m > 12)
		return -(i + 2);
	lo = hi = m;
	j = i + 2;
	while ((k = list_sep(c, j))) {
		if (is_w(c, k, "thang"))
			k++;
		if (!small_num(c, k, &m) || m < 1 || m > 12)
			break;
		lo = m < lo ? m : lo;
		hi = m > hi ? m : hi;
		list = true;
		j = k + 1;
	}
	j = year_part(c, j, &y);
	if (j < 0)
		return j;
	*a = (struct atom){.y0 = y, .m0 = lo, .y1 = y, .m1 = hi};
	a->range = list;
	a->num = true;
	return j;
}

static int quarter_atom(const struct ctx *c, int i, struct atom *a)
{
	int q, lo, hi, y, j, k;
	bool list = false;
	if (!is_quarter_word(c, i) || !quarter_num(c, i + 1, &q))
		return 0;
	lo = hi = q;
	j = i + 2;
	while ((k = list_sep(c, j))) {
		if (is_quarter_word(c, k))
			k++;
		if (!quarter_num(c, k, &q))
			break;
		lo = q < lo ? q : lo;
		hi = q > hi ? q : hi;
		list = true;
		j = k + 1;
	}
	j = year_part(c, j, &y);
	if (j < 0)
		return j;
	*a = (struct atom){.y0 = y, .m0 = 3 * lo - 2, .y1 = y, .m1 = 3 * hi};
	a->range = list;
	a->num = true;
	return j;
}

/* A run of years after its first: "-2020", ", 2017", "và 2018". */
static int year_run(const struct ctx *c, int j, int y0, int *y1)
{
	int k, y;
	*y1 = y0;
	while ((k = list_sep(c, j))) {
		int v = year_at(c, k, &y);
		if (v == 0)
			break;
		if (v < 0 || y < *y1)
			return -(k + 1);
		*y1 = y;
		j = k + 1;
	}
	return j;
}

static int year_atom(const struct ctx *c, int i, struct atom *a, int flags)
{
	int y0, y1, j, k, v;
	*a = (struct atom){.m0 = 1, .m1 = 12};
	if (is_w(c, i, "nam")) {
		v = year_at(c, i + 1, &y0);
		if (v < 0)
			return -(i + 2);
		if (v > 0) {
			j = year_run(c, i + 2, y0, &y1);
			if (j < 0)
				return j;
			a->y0 = y0;
			a->y1 = y1;
			a->range = y1 != y0;
			a->num = true;
			return j;
		}
		if ((k = rel_year(c, i + 1, &y0))) {
			if (y0 < 0)
				return -k;
			a->y0 = a->y1 = y0;
			return k;
		}
		if (flags & F_BARE_NAM) {
			if (!c->py)
				return -(i + 1);
			a->y0 = a->y1 = c->py;
			return i + 1;
		}
		return 0;
	}
	if ((k = is_ww(c, i, "giai", "doan")) || (k = is_ww(c, i, "nhiem", "ky")) ||
	    (k = is_ww(c, i, "thoi", "ky"))) {
		if ((v = year_at(c, k, &y0)) == 0)
			return 0;
		if (v < 0)
			return -(k + 1);
		if (!(is_p(c, k + 1, '-') || is_w(c, k + 1, "den") || is_w(c, k + 1, "toi")))
			return 0;
		if ((v = year_at(c, k + 2, &y1)) == 0)
			return 0;
		if (v < 0 || y1 < y0)
			return -(k + 3);
		a->y0 = y0;
		a->y1 = y1;
		a->range = a->num = true;
		return k + 3;
	}
	/* "2016 - 2020" */
	if (year_at(c, i, &y0) > 0 && is_p(c, i + 1, '-') && (v = year_at(c, i + 2, &y1)) != 0) {
		if (v < 0 || y1 < y0)
			return -(i + 3);
		a->y0 = y0;
		a->y1 = y1;
		a->range = a->num = true;
		return i + 3;
	}
	return 0;
}

/* "6 tháng đầu năm 2018", "sáu tháng cuối năm", "nửa đầu năm 2019". */
static int half_atom(const struct ctx *c, int i, struct atom *a)
{
	int j, y = 0, k;
	bool first;
	if ((is_num(c, i) && c->t[i].num == 6 && c->t[i].ndig == 1) || is_w(c, i, "sau")) {
		if (!is_w(c, i + 1, "thang"))
			return 0;
		j = i + 2;
	} else if (is_w(c, i, "nua")) {
		j = i + 1;
	} else {
		return 0;
	}
	if (!(is_w(c, j, "dau") || is_w(c, j, "cuoi")) || !is_w(c, j + 1, "nam"))
		return 0;
	first = is_w(c, j, "dau");
	j += 2;
	int v = year_at(c, j, &y);
	if (v < 0)
		return -(j + 1);
	*a = (struct atom){.m0 = first ? 1 : 7, .m1 = first ? 6 : 12};
	if (v > 0) {
		a->y0 = a->y1 = y;
		a->num = true;
		return j + 1;
	}
	if ((k = rel_year(c, j, &y))) {
		if (y < 0)
			return -k;
		a->y0 = a->y1 = y;
		return k;
	}
	return j;
}

/* đầu / giữa / cuối of a month, a quarter or a year. */
static int third_atom(const struct ctx *c, int i, struct atom *a, int flags)
{
	int which, j, m, q, y, k;
	if (is_w(c, i, "dau"))
		which = 1;
	else if (is_w(c, i, "giua"))
		which = 2;
	else if (is_w(c, i, "cuoi"))
		which = 3;
	else
		return 0;
	bool whole = which == 3 && (flags & F_END);
	j = i + 1;
	if (is_w(c, j, "thang") && small_num(c, j + 1, &m)) {
		if (m < 1 || m > 12)
			return -(j + 2);
		k = year_part(c, j + 2, &y);
		if (k < 0)
			return k;
		static const int from[] = {0, 1, 11, 21}, to[] = {0, 10, 20, 0};
		*a = (struct atom){.y0 = y, .m0 = m, .y1 = y, .m1 = m};
		if (!whole) {
			a->d0 = from[which];
			a->d1 = to[which];
		}
		a->num = true;
		a->whole = whole;
		return k;
	}
	if (is_quarter_word(c, j) && quarter_num(c, j + 1, &q)) {
		k = year_part(c, j + 2, &y);
		if (k < 0)
			return k;
		*a = (struct atom){.y0 = y, .m0 = 3 * q - 2, .y1 = y, .m1 = 3 * q};
		if (!whole)
			a->m0 = a->m1 = 3 * q - 3 + which;
		a->num = true;
		a->whole = whole;
		return k;
	}
	if (is_w(c, j, "nam")) {
		static const int from[] = {0, 1, 4, 10}, to[] = {0, 3, 9, 12};
		*a = (struct atom){.m0 = whole ? 1 : from[which], .m1 = whole ? 12 : to[which]};
		a->whole = whole;
		int v = year_at(c, j + 1, &y);
		if (v < 0)
			return -(j + 2);
		if (v > 0) {
			a->y0 = a->y1 = y;
			a->num = true;
			return j + 2;
		}
		if ((k = rel_year(c, j + 1, &y))) {
			if (y < 0)
				return -k;
			a->y0 = a->y1 = y;
			return k;
		}
		if (!c->py)
			return -(j + 1);
		return j + 1;
	}
	return 0;
}

/* After "đến" in a range: "6/2019" (a month) and "2020" (a year) alone. */
static int bare_atom(const struct ctx *c, int i, struct atom *a)
{
	int m, y, v;
	if (small_num(c, i, &m) && is_sep(c, i + 1) && (v = year_at(c, i + 2, &y)) != 0) {
		if (v < 0 || m < 1 || m > 12)
			return -(i + 3);
		*a = (struct atom){.y0 = y, .m0 = m, .y1 = y, .m1 = m};
		a->num = true;
		return i + 3;
	}
	if ((v = year_at(c, i, &y)) != 0) {
		if (v < 0)
			return -(i + 1);
		*a = (struct atom){.y0 = y, .m0 = 1, .y1 = y, .m1 = 12};
		a->num = true;
		return i + 1;
	}
	return 0;
}

static int base_atom(const struct ctx *c, int i, struct atom *a, int flags)
{
	int r;
	if ((r = day_atom(c, i, a)) || (r = half_atom(c, i, a)) ||
	    (r = third_atom(c, i, a, flags)) || (r = month_atom(c, i, a)) ||
	    (r = quarter_atom(c, i, a)) || (r = year_atom(c, i, a, flags)))
		return r;
	if (flags & F_RANGE_END)
		return bare_atom(c, i, a);
	return 0;
}

/* An atom, or several joined by "và" ("Quý II/2019 và tháng 1/2020"):
 * their hull. */
static int atom_union(const struct ctx *c, int i, struct atom *a, int flags)
{
	int r = base_atom(c, i, a, flags);
	while (r > 0 && is_w(c, r, "va")) {
		struct atom b;
		int r2 = base_atom(c, r + 1, &b, flags);
		if (r2 == 0)
			break;
		if (r2 < 0)
			return r2;
		int32_t as, ae, bs, be;
		if (!pair_days(c, a, &b, false, &as, &ae, &bs, &be))
			return -r2;
		bool num = a->num || b.num;
		*a = (struct atom){0};
		atom_of_days(a, as < bs ? as : bs, ae > be ? ae : be);
		a->range = true;
		a->num = num;
		r = r2;
	}
	return r;
}

/* ---- expressions ---- */

enum mode { MODE_IN, MODE_BY, MODE_BEFORE, MODE_FROM };

struct prefix {
	const char *w[4];
	enum mode mode;
};

/* Longest first where one starts another. */
static const struct prefix prefixes[] = {
	{{"cham", "nhat", "la"}, MODE_BY},
	{{"cham", "nhat", "vao"}, MODE_BY},
	{{"cham", "nhat", "den"}, MODE_BY},
	{{"cham", "nhat", "truoc"}, MODE_BY},
	{{"cham", "nhat", "trong"}, MODE_BY},
	{{"cham", "nhat"}, MODE_BY},
	{{"cho", "den", "het"}, MODE_BY},
	{{"cho", "den"}, MODE_BY},
	{{"den", "het"}, MODE_BY},
	{{"toi", "het"}, MODE_BY},
	{{"han", "chot"}, MODE_BY},
	{{"han", "cuoi"}, MODE_BY},
	{{"thoi", "han"}, MODE_BY},
	{{"den"}, MODE_BY},
	{{"toi"}, MODE_BY},
	{{"het"}, MODE_BY},
	{{"han"}, MODE_BY},
	{{"truoc"}, MODE_BEFORE},
	{{"bat", "dau", "tu"}, MODE_FROM},
	{{"bat", "dau"}, MODE_FROM},
	{{"ke", "tu"}, MODE_FROM},
	{{"tinh", "tu"}, MODE_FROM},
	{{"tu"}, MODE_FROM},
	{{"trong", "suot"}, MODE_IN},
	{{"trong", "ca"}, MODE_IN},
	{{"trong", "cac"}, MODE_IN},
	{{"trong"}, MODE_IN},
	{{"vao"}, MODE_IN},
	{{"ca"}, MODE_IN},
};

/* The prefix at i: its end, or 0 (mode MODE_IN) when there is none. */
static int prefix_at(const struct ctx *c, int i, enum mode *mode)
{
	for (size_t p = 0; p < KH_ARRAY_LEN(prefixes); p++) {
		int k = i;
		for (int w = 0; w < 4 && prefixes[p].w[w]; w++, k++) {
			if (!is_w(c, k, prefixes[p].w[w]))
				goto next;
		}
		*mode = prefixes[p].mode;
		return k;
	next:;
	}
	*mode = MODE_IN;
	return 0;
}

/* The "to" of a range at i: "đến", "tới", "cho đến", "-", each perhaps
 * followed by "hết". Returns the end or 0. */
static int range_to(const struct ctx *c, int i)
{
	int k;
	if ((k = is_ww(c, i, "cho", "den")))
		;
	else if (is_w(c, i, "den") || is_w(c, i, "toi") || is_p(c, i, '-'))
		k = i + 1;
	else
		return 0;
	if (is_w(c, k, "het"))
		k++;
	return k;
}

/* What an expression read: the deadline, and how telling it is. */
struct reading {
	struct deadline d;
	bool prefixed; /* trước, chậm nhất, trong, từ, đến, hết, vào … */
	bool num;      /* written with numbers */
};

static void set_date(struct reading *rd, int32_t end)
{
	rd->d.kind = DEADLINE_DATE;
	rd->d.start = 0;
	rd->d.end = end;
}

static void set_window(struct reading *rd, int32_t start, int32_t end)
{
	rd->d.kind = DEADLINE_WINDOW;
	rd->d.start = start;
	rd->d.end = end;
}

/* "từ X đến Y", "X - Y": reads Y at k (the index after the "to") and sets a
 * window from X's start to Y's end. */
static int range_end(const struct ctx *c, int k, const struct atom *a, struct reading *rd)
{
	struct atom b;
	int r = atom_union(c, k, &b, F_END | F_RANGE_END);
	if (r <= 0)
		return r;
	int32_t as, ae, bs, be;
	if (!pair_days(c, a, &b, true, &as, &ae, &bs, &be) || bs < as || be < as)
		return -r;
	set_window(rd, as, be);
	rd->num = a->num || b.num;
	return r;
}

static int texpr(const struct ctx *c, int i, struct reading *rd)
{
	enum mode mode;
	struct atom a;
	int32_t s, e;
	int j = prefix_at(c, i, &mode), r, k;
	memset(rd, 0, sizeof(*rd));
	rd->prefixed = j != 0;
	if (!j)
		j = i;
	if (mode == MODE_FROM && is_w(c, j, "nay")) {
		/* "từ nay đến cuối năm": from an unknown now to a known end */
		if (!(k = range_to(c, j + 1)))
			return 0;
		r = atom_union(c, k, &a, F_END | F_RANGE_END);
		if (r <= 0)
			return r;
		if (!atom_days(c, &a, 0, &s, &e))
			return -r;
		set_date(rd, e);
		rd->num = a.num;
		return r;
	}
	int flags = mode == MODE_BY || mode == MODE_BEFORE ? F_END : 0;
	if (j != i && (is_w(c, j - 1, "trong") || is_w(c, j - 1, "ca") || is_w(c, j - 1, "suot")))
		flags |= F_BARE_NAM;
	r = atom_union(c, j, &a, flags);
	if (r == 0 && mode == MODE_FROM) {
		/* "từ 2016 đến 2020": a bare year or month only with its end */
		r = bare_atom(c, j, &a);
		if (r <= 0)
			return r;
		if (!(k = range_to(c, r)))
			return 0;
		return range_end(c, k, &a, rd);
	}
	if (r <= 0)
		return r;
	rd->num = a.num;
	switch (mode) {
	case MODE_FROM:
	case MODE_IN:
		if ((k = range_to(c, r)) && (k = range_end(c, k, &a, rd)) != 0)
			return k;
		if (!atom_days(c, &a, 0, &s, &e))
			return -r;
		if (mode == MODE_FROM) {
			if ((k = is_ww(c, r, "tro", "di")) || (k = is_ww(c, r, "ve", "sau")))
				r = k;
			if (a.range) {
				set_window(rd, s, e);
			} else {
				rd->d.kind = DEADLINE_FROM;
				rd->d.start = s;
			}
		} else if (a.day) {
			set_date(rd, e);
		} else {
			set_window(rd, s, e);
		}
		return r;
	case MODE_BY:
		if (!atom_days(c, &a, 0, &s, &e))
			return -r;
		set_date(rd, e);
		return r;
	case MODE_BEFORE:
		if (!atom_days(c, &a, 0, &s, &e))
			return -r;
		if (a.day || a.whole) {
			set_date(rd, e);
		} else {
			int y, m, d;
			date_to_ymd(s - 1, &y, &m, &d);
			if (!year_ok(y))
				return -r;
			set_date(rd, s - 1);
		}
		return r;
	}
	return 0;
}

/* ---- recurring duties ---- */

/* How specific a period is: the most frequent named wins, REGULAR only
 * when nothing more precise is said. */
static int period_rank(enum deadline_period p)
{
	static const int rank[] = {
		[DEADLINE_PERIOD_NONE] = 0,	 [DEADLINE_PERIOD_REGULAR] = 1,
		[DEADLINE_PERIOD_YEARLY] = 2,	 [DEADLINE_PERIOD_HALF_YEARLY] = 3,
		[DEADLINE_PERIOD_QUARTERLY] = 4, [DEADLINE_PERIOD_MONTHLY] = 5,
	};
	return rank[p];
}

/* "N tháng (một lần)" with N = 1, 3, 6, 12. */
static int months_period(const struct ctx *c, int i, enum deadline_period *p)
{
	int k;
	if (!is_num(c, i) || c->t[i].ndig > 2 || !is_w(c, i + 1, "thang"))
		return 0;
	switch (c->t[i].num) {
	case 1:
		*p = DEADLINE_PERIOD_MONTHLY;
		break;
	case 3:
		*p = DEADLINE_PERIOD_QUARTERLY;
		break;
	case 6:
		*p = DEADLINE_PERIOD_HALF_YEARLY;
		break;
	case 12:
		*p = DEADLINE_PERIOD_YEARLY;
		break;
	default:
		return 0;
	}
	k = i + 2;
	if (is_ww(c, k, "mot", "lan"))
		k += 2;
	else if (is_p(c, k, '/') && is_w(c, k + 1, "lan"))
		k += 2;
	return k;
}

/* "hằng năm", "hàng quý", "mỗi tháng", "hằng tuần"… */
static int unit_period(const struct ctx *c, int i, enum deadline_period *p)
{
	if (!is_w(c, i, "hang") && !is_w(c, i, "moi"))
		return 0;
	if (is_w(c, i + 1, "nam"))
		*p = DEADLINE_PERIOD_YEARLY;
	else if (is_w(c, i + 1, "quy"))
		*p = DEADLINE_PERIOD_QUARTERLY;
	else if (is_w(c, i + 1, "thang"))
		*p = DEADLINE_PERIOD_MONTHLY;
	else if (is_w(c, i + 1, "tuan") || is_w(c, i + 1, "ngay"))
		*p = DEADLINE_PERIOD_REGULAR;
	else
		return 0;
	return i + 2;
}

/* One period word; a bare "N tháng" only when allow_months. */
static int period_word(const struct ctx *c, int i, enum deadline_period *p, bool allow_months)
{
	int k;
	if ((k = is_ww(c, i, "thuong", "xuyen")) || (k = is_ww(c, i, "lien", "tuc"))) {
		*p = DEADLINE_PERIOD_REGULAR;
		return k;
	}
	if ((k = is_ww(c, i, "dinh", "ky"))) {
		int k2;
		*p = DEADLINE_PERIOD_REGULAR;
		if ((k2 = months_period(c, k, p)) || (k2 = unit_period(c, k, p)))
			return k2;
		return k;
	}
	if ((k = unit_period(c, i, p)))
		return k;
	if (allow_months)
		return months_period(c, i, p);
	return 0;
}

/* The connector between period words: ',', "và", "hoặc", '-', '/'. */
static int period_sep(const struct ctx *c, int i)
{
	return is_p(c, i, ',') || is_p(c, i, '-') || is_p(c, i, '/') || is_w(c, i, "va") ||
			       is_w(c, i, "hoac")
		       ? i + 1
		       : 0;
}

static int recurring(const struct ctx *c, int i, struct reading *rd)
{
	enum deadline_period best = DEADLINE_PERIOD_NONE, p, p2;
	int j = i, k, k2;
	for (;;) {
		k = period_word(c, j, &p, j != i);
		if (!k && j == i) {
			/* "6 tháng và hằng năm": a bare "N tháng" leads only
			 * when a period word follows */
			k = months_period(c, j, &p);
			if (k && !((k2 = period_sep(c, k)) && period_word(c, k2, &p2, true)))
				k = 0;
		}
		if (!k)
			break;
		if (period_rank(p) > period_rank(best))
			best = p;
		j = k;
		if (!(k2 = period_sep(c, j)) || !period_word(c, k2, &p2, true))
			break;
		j = k2;
	}
	if (best == DEADLINE_PERIOD_NONE)
		return 0;
	memset(rd, 0, sizeof(*rd));
	rd->d.kind = DEADLINE_RECURRING;
	rd->d.period = best;
	/* A span that follows: "thường xuyên từ năm 2016 đến 2020". */
	struct reading span;
	k = is_p(c, j, ',') ? j + 1 : j;
	k2 = texpr(c, k, &span);
	if (k2 > 0 && (span.d.kind == DEADLINE_WINDOW || span.d.kind == DEADLINE_FROM)) {
		rd->d.start = span.d.start;
		rd->d.end = span.d.end;
		rd->num = span.num;
		j = k2;
	}
	return j;
}

/* ---- conditions ---- */

/* The end of an event clause starting at i: the next , ; . ( ) : * _ ! ?
 * or the end; 0 when it holds no word. */
static int event_clause(const struct ctx *c, int i)
{
	bool word = false;
	int j = i;
	for (; j < c->n; j++) {
		if (c->t[j].type == TOK_PUNCT && strchr(",;.():*_!?", c->t[j].w[0]))
			break;
		word = word || c->t[j].type == TOK_WORD;
	}
	return word ? j : 0;
}

static int conditional(const struct ctx *c, int i, struct reading *rd)
{
	int j = i, k = i, after = 0, k2;
	bool counted = false;
	/* "sau / trong (vòng | thời hạn) N ngày (làm việc) kể từ / sau khi …" */
	if (is_w(c, k, "sau") || is_w(c, k, "trong")) {
		k++;
		if (is_w(c, k, "vong"))
			k++;
		else if (is_ww(c, k, "thoi", "han"))
			k += 2;
	}
	if (is_num(c, k) && c->t[k].ndig <= 4 && is_w(c, k + 1, "ngay")) {
		int n = c->t[k].num;
		k += 2;
		if (is_ww(c, k, "lam", "viec"))
			k += 2;
		if ((k2 = is_ww(c, k, "ke", "tu")) || (k2 = is_ww(c, k, "sau", "khi")) ||
		    (k2 = is_ww(c, k, "tu", "khi")) || (k2 = is_ww(c, k, "tinh", "tu"))) {
			after = n;
			counted = true;
			j = k2;
		}
	}
	if (!counted) {
		if (is_w(c, j, "ngay") && is_ww(c, j + 1, "sau", "khi"))
			j += 3;
		else if ((k2 = is_ww(c, j, "sau", "khi")) || (k2 = is_ww(c, j, "ngay", "khi")))
			j = k2;
		else if (is_w(c, j, "khi") && (is_w(c, j + 1, "co") || is_w(c, j + 1, "can") ||
					       is_w(c, j + 1, "duoc") || is_w(c, j + 1, "nhan")))
			j++;
		else
			return 0;
	}
	if (!(k = event_clause(c, j)))
		return 0;
	memset(rd, 0, sizeof(*rd));
	rd->d.kind = DEADLINE_CONDITIONAL;
	rd->d.after_days = after;
	return k;
}

/* ---- finding ---- */

/* How telling a reading is (higher wins). */
static int score(const struct reading *rd)
{
	switch (rd->d.kind) {
	case DEADLINE_CONDITIONAL:
		return 1;
	case DEADLINE_RECURRING:
		return 3;
	case DEADLINE_NONE:
		return 0;
	default:
		return !rd->num ? 2 : rd->prefixed ? 5 : 4;
	}
}

/* A phrase starting at token i: see the grammar functions for the return. */
static int phrase(const struct ctx *c, int i, struct reading *rd)
{
	int r;
	if ((r = conditional(c, i, rd)) || (r = recurring(c, i, rd)) || (r = texpr(c, i, rd)))
		return r;
	return 0;
}

/* A date with no prefix that is a document's date: "Chỉ thị số 05-CT/TW
 * ngày 15-5-2016 của …", "Kế hoạch 162-KH/TU, ngày 23/8/2019". */
static bool document_date(const struct ctx *c, int from, int to, const struct reading *rd)
{
	if (rd->prefixed || rd->d.kind != DEADLINE_DATE)
		return false;
	if (is_w(c, to, "cua"))
		return true;
	/* "số 12", or "CT/TW" written tight, shortly before */
	for (int k = from - 1; k >= 0 && k >= from - 6; k--) {
		if ((is_w(c, k, "so") && is_num(c, k + 1)) ||
		    (is_p(c, k, '/') && k + 1 < c->n && c->t[k + 1].type == TOK_WORD &&
		     c->t[k].end == c->t[k + 1].off))
			return true;
	}
	return false;
}

struct hit {
	struct reading rd;
	int score, from, to;
};

static void scan(const struct ctx *c, struct hit *best)
{
	memset(best, 0, sizeof(*best));
	for (int i = 0; i < c->n;) {
		struct reading rd;
		/* No phrase starts inside a document number: the "TU" of
		 * "03-CT/TU" is not "từ". */
		if (i > 0 && c->t[i].type == TOK_WORD && is_p(c, i - 1, '/') &&
		    c->t[i - 1].end == c->t[i].off) {
			i++;
			continue;
		}
		int r = phrase(c, i, &rd);
		if (r > 0) {
			int sc = score(&rd);
			/* "Thời gian: tháng 7/2019", "(Quý II/2012)": a phrase
			 * set apart as the time counts as one with a prefix. */
			if (sc == 4 && (is_p(c, i - 1, ':') || is_p(c, i - 1, '(')))
				sc = 5;
			if (!document_date(c, i, r, &rd) && sc > best->score) {
				best->rd = rd;
				best->score = sc;
				best->from = i;
				best->to = r;
			}
			i = r;
		} else if (r < 0 && -r > i) {
			i = -r;
		} else {
			i++;
		}
	}
}

static int clean_plan_year(int plan_year)
{
	return year_ok(plan_year) ? plan_year : 0;
}

bool deadline_find(const char *text, int plan_year, struct deadline *out, size_t *off, size_t *len)
{
	struct tokens ts;
	struct hit best;
	memset(out, 0, sizeof(*out));
	*off = *len = 0;
	if (!text)
		return false;
	tokenize(text, strlen(text), &ts);
	struct ctx c = {.t = ts.t, .n = ts.n, .py = clean_plan_year(plan_year)};
	scan(&c, &best);
	if (best.score > 0) {
		*out = best.rd.d;
		*off = ts.t[best.from].off;
		*len = ts.t[best.to - 1].end - *off;
	}
	tokens_release(&ts);
	return best.score > 0;
}

/* The bare forms a deadline field may hold alone ("2019", "6/2018"), after
 * an optional label ending in ':' and with punctuation around. */
static void parse_bare(const struct ctx *c, struct deadline *out)
{
	int i = 0, r;
	for (int k = 0; k < c->n; k++) {
		if (is_p(c, k, ':'))
			i = k + 1;
	}
	while (i < c->n && c->t[i].type == TOK_PUNCT)
		i++;
	struct atom a;
	if ((r = bare_atom(c, i, &a)) <= 0)
		return;
	for (int k = r; k < c->n; k++) {
		if (c->t[k].type != TOK_PUNCT)
			return;
	}
	int32_t s, e;
	if (atom_days(c, &a, 0, &s, &e)) {
		out->kind = DEADLINE_WINDOW;
		out->start = s;
		out->end = e;
	}
}

void deadline_parse(const char *text, int plan_year, struct deadline *out)
{
	struct tokens ts;
	struct hit best;
	memset(out, 0, sizeof(*out));
	if (!text)
		return;
	tokenize(text, strlen(text), &ts);
	struct ctx c = {.t = ts.t, .n = ts.n, .py = clean_plan_year(plan_year)};
	scan(&c, &best);
	if (best.score > 0)
		*out = best.rd.d;
	else
		parse_bare(&c, out);
	tokens_release(&ts);
}

/* ---- names and states ---- */

static const char *const kind_names[] = {"none", "date",      "window",
					 "from", "recurring", "conditional"};
static const char *const kind_labels[] = {"Chưa xác định", "Hạn cụ thể", "Khoảng thời gian",
					  "Từ … trở đi",   "Định kỳ",	 "Có điều kiện"};

const char *deadline_kind_name(enum deadline_kind k)
{
	return (unsigned)k < KH_ARRAY_LEN(kind_names) ? kind_names[k] : kind_names[0];
}

bool deadline_kind_parse(const char *s, enum deadline_kind *out)
{
	for (size_t k = 0; s && k < KH_ARRAY_LEN(kind_names); k++) {
		if (strcmp(s, kind_names[k]) == 0) {
			*out = (enum deadline_kind)k;
			return true;
		}
	}
	return false;
}

const char *deadline_kind_label(enum deadline_kind k)
{
	return (unsigned)k < KH_ARRAY_LEN(kind_labels) ? kind_labels[k] : kind_labels[0];
}

static const char *const period_names[] = {"none",	"regular",     "monthly",
					   "quarterly", "half_yearly", "yearly"};
static const char *const period_labels[] = {"",		"Thường xuyên", "Hằng tháng",
					    "Hằng quý", "6 tháng",	"Hằng năm"};

const char *deadline_period_name(enum deadline_period p)
{
	return (unsigned)p < KH_ARRAY_LEN(period_names) ? period_names[p] : period_names[0];
}

const char *deadline_period_label(enum deadline_period p)
{
	return (unsigned)p < KH_ARRAY_LEN(period_labels) ? period_labels[p] : period_labels[0];
}

static int period_months(enum deadline_period p)
{
	switch (p) {
	case DEADLINE_PERIOD_MONTHLY:
		return 1;
	case DEADLINE_PERIOD_QUARTERLY:
		return 3;
	case DEADLINE_PERIOD_HALF_YEARLY:
		return 6;
	case DEADLINE_PERIOD_YEARLY:
		return 12;
	default:
		return 0;
	}
}

int32_t deadline_due(const struct deadline *d, int32_t today)
{
	switch (d->kind) {
	case DEADLINE_DATE:
	case DEADLINE_WINDOW:
		return d->end;
	case DEADLINE_RECURRING: {
		int months = period_months(d->period);
		int32_t ref = today;
		if (!months)
			return 0;
		if (d->start && ref < d->start)
			ref = d->start;
		if (d->end && ref > d->end)
			return d->end;
		/* Day numbers of years 1..9999 only: date_to_ymd() needs room. */
		if (ref < date_from_ymd(1, 1, 1) || ref > date_from_ymd(9999, 12, 31))
			return 0;
		int y, m, day;
		date_to_ymd(ref, &y, &m, &day);
		int last = ((m - 1) / months + 1) * months;
		int32_t e = date_from_ymd(y, last, date_days_in_month(y, last));
		return d->end && e > d->end ? d->end : e;
	}
	default:
		return 0;
	}
}

enum deadline_state deadline_state_on(const struct deadline *d, int32_t today)
{
	int32_t due = deadline_due(d, today);
	if (!due)
		return DEADLINE_STATE_NA;
	if (today > due)
		return DEADLINE_STATE_OVERDUE;
	if ((int64_t)due - today <= DEADLINE_SOON_DAYS)
		return DEADLINE_STATE_DUE_SOON;
	return DEADLINE_STATE_NOT_DUE;
}
