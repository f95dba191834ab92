/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Unit tests for deadline phrases: every shape DESIGN.md names and the
 * brief lists, the phrases of the seed documents, each in its variants
 * (upper case, without diacritics, NFD, with a full stop, in parentheses,
 * in italics, behind a label), relative words against plan years, invalid
 * and garbage input, deadline_find() on whole sentences of the seeds with
 * its span, the states on and around the due day, and the names.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/common.h"
#include "core/date.h"
#include "text/deadline.h"

#include <utf8proc.h>

enum {
	NONE = DEADLINE_NONE,
	DATE = DEADLINE_DATE,
	WINDOW = DEADLINE_WINDOW,
	FROM = DEADLINE_FROM,
	RECURRING = DEADLINE_RECURRING,
	CONDITIONAL = DEADLINE_CONDITIONAL,
};
enum {
	P_REGULAR = DEADLINE_PERIOD_REGULAR,
	P_MONTHLY = DEADLINE_PERIOD_MONTHLY,
	P_QUARTERLY = DEADLINE_PERIOD_QUARTERLY,
	P_HALF = DEADLINE_PERIOD_HALF_YEARLY,
	P_YEARLY = DEADLINE_PERIOD_YEARLY,
};

struct dcase {
	const char *text;
	int plan_year;
	int kind;
	const char *start, *end; /* "YYYY-MM-DD" or NULL */
	int period;
	int after_days;
	const char *span; /* what deadline_find() returns; NULL: the whole text */
	bool bare;	  /* understood by deadline_parse() only (a bare year or month) */
};

#define C_DATE(t, py, e)                                           \
	{                                                          \
		.text = t, .plan_year = py, .kind = DATE, .end = e \
	}
#define C_WIN(t, py, s, e)                                                       \
	{                                                                        \
		.text = t, .plan_year = py, .kind = WINDOW, .start = s, .end = e \
	}
#define C_FROM(t, py, s)                                             \
	{                                                            \
		.text = t, .plan_year = py, .kind = FROM, .start = s \
	}
#define C_REC(t, p)                                                          \
	{                                                                    \
		.text = t, .plan_year = 2019, .kind = RECURRING, .period = p \
	}
#define C_COND(t, a)                                                               \
	{                                                                          \
		.text = t, .plan_year = 2019, .kind = CONDITIONAL, .after_days = a \
	}
#define C_NONE(t, py)                                    \
	{                                                \
		.text = t, .plan_year = py, .kind = NONE \
	}

static int32_t day(const char *iso)
{
	int32_t d = 0;
	if (!iso)
		return 0;
	assert_int_equal(date_parse_iso(iso, &d), 0);
	return d;
}

static const char *iso(int32_t d, char buf[11])
{
	if (!d)
		return "-";
	date_format_iso(d, buf);
	return buf;
}

static void expect_of(const struct dcase *c, struct deadline *want)
{
	memset(want, 0, sizeof(*want));
	want->kind = (enum deadline_kind)c->kind;
	want->start = day(c->start);
	want->end = day(c->end);
	want->period = (enum deadline_period)c->period;
	want->after_days = c->after_days;
}

static void assert_same(const char *text, int py, const struct deadline *want,
			const struct deadline *got, const char *what)
{
	if (want->kind != got->kind || want->start != got->start || want->end != got->end ||
	    want->period != got->period || want->after_days != got->after_days) {
		char a[11], b[11], x[11], y[11];
		print_error("%s «%s» (plan year %d): want %s %s..%s period %d after %d, got %s "
			    "%s..%s period %d after %d\n",
			    what, text, py, deadline_kind_name(want->kind), iso(want->start, a),
			    iso(want->end, b), want->period, want->after_days,
			    deadline_kind_name(got->kind), iso(got->start, x), iso(got->end, y),
			    got->period, got->after_days);
		fail();
	}
}

/* ---- variants of a text ---- */

/* s through utf8proc_map with opts (caller frees). */
static char *map(const char *s, utf8proc_option_t opts)
{
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
					  (utf8proc_option_t)(UTF8PROC_NULLTERM | opts));
	assert_true(n >= 0);
	return (char *)out;
}

static char *upper(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n * 2 + 1);
	size_t o = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t len = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
							(utf8proc_ssize_t)(n - i), &cp);
		assert_true(len > 0);
		o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp),
						  (utf8proc_uint8_t *)out + o);
		i += (size_t)len;
	}
	out[o] = '\0';
	return out;
}

/* Without any diacritic and with đ/Đ as d/D, punctuation kept. */
static char *plain(const char *s)
{
	char *m = map(s, UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK);
	char *out = xmalloc(strlen(m) + 1);
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)m; *p;) {
		if (p[0] == 0xC4 && (p[1] == 0x91 || p[1] == 0x90)) {
			out[o++] = p[1] == 0x91 ? 'd' : 'D';
			p += 2;
		} else {
			out[o++] = (char)*p++;
		}
	}
	out[o] = '\0';
	free(m);
	return out;
}

static char *wrap(const char *pre, const char *s, const char *post)
{
	size_t n = strlen(pre) + strlen(s) + strlen(post) + 1;
	char *out = xmalloc(n);
	snprintf(out, n, "%s%s%s", pre, s, post);
	return out;
}

/* Parses text and, unless bare, finds it: both must give want; the span
 * found must be span (when not NULL) and re-parse to want. */
static void check_text(const char *text, int py, const struct deadline *want, const char *span,
		       bool bare, const char *what)
{
	struct deadline got, found, again;
	size_t off = 1, len = 1;
	deadline_parse(text, py, &got);
	assert_same(text, py, want, &got, what);
	bool ok = deadline_find(text, py, &found, &off, &len);
	if (want->kind == DEADLINE_NONE || bare) {
		if (ok)
			print_error("%s «%s»: found «%.*s»\n", what, text, (int)len, text + off);
		assert_false(ok);
		assert_int_equal(found.kind, DEADLINE_NONE);
		assert_int_equal(off, 0);
		assert_int_equal(len, 0);
		return;
	}
	assert_true(ok);
	assert_same(text, py, want, &found, what);
	assert_true(off + len <= strlen(text));
	if (span && (len != strlen(span) || memcmp(text + off, span, len) != 0)) {
		print_error("%s «%s»: span «%.*s», want «%s»\n", what, text, (int)len, text + off,
			    span);
		fail();
	}
	char *s = xmemdup0(text + off, len);
	deadline_parse(s, py, &again);
	assert_same(s, py, want, &again, "span of");
	free(s);
}

static void check_case(const struct dcase *c)
{
	struct deadline want;
	expect_of(c, &want);
	const char *span = c->span ? c->span : c->text;
	check_text(c->text, c->plan_year, &want, span, c->bare, "as written");

	/* Decorations around the phrase leave the span where it was. */
	static const char *const around[][2] = {
		{"", "."},
		{"(", ")"},
		{"*", "*"},
		{"_", "_"},
		{"  ", " "},
		{"(*", "*)."},
		{"Thời gian thực hiện: ", ""},
	};
	for (size_t k = 0; k < KH_ARRAY_LEN(around); k++) {
		char *w = wrap(around[k][0], c->text, around[k][1]);
		check_text(w, c->plan_year, &want, span, c->bare, "decorated");
		free(w);
	}
	/* Case, diacritics and normal form do not matter. */
	char *v[] = {upper(c->text), plain(c->text), map(c->text, UTF8PROC_DECOMPOSE),
		     map(c->text, UTF8PROC_COMPOSE)};
	const char *names[] = {"upper case", "no diacritics", "NFD", "NFC"};
	for (size_t k = 0; k < KH_ARRAY_LEN(v); k++) {
		check_text(v[k], c->plan_year, &want, NULL, c->bare, names[k]);
		free(v[k]);
	}
}

static void check_table(const struct dcase *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		check_case(&cases[i]);
}

/* ---- the phrases ---- */

static void test_dates(void **state)
{
	static const struct dcase cases[] = {
		C_DATE("chậm nhất vào ngày 9-6-2018", 2018, "2018-06-09"),
		C_DATE("trước ngày 30-6-2018", 2018, "2018-06-30"),
		C_DATE("trước ngày 31 tháng 03 năm sau", 2017, "2018-03-31"),
		C_DATE("ngày 15/5/2016", 2016, "2016-05-15"),
		C_DATE("31/12/2019", 2019, "2019-12-31"),
		C_DATE("31-12-2019", 0, "2019-12-31"),
		C_DATE("31.12.2019", 0, "2019-12-31"),
		C_DATE("ngày 31 tháng 03 năm 2018", 0, "2018-03-31"),
		C_DATE("ngày 31 tháng 3 năm sau", 2017, "2018-03-31"),
		C_DATE("31 tháng 3 năm 2018", 0, "2018-03-31"),
		C_DATE("chậm nhất ngày 15/01/2020", 0, "2020-01-15"),
		C_DATE("chậm nhất là ngày 20-12-2018", 0, "2018-12-20"),
		C_DATE("đến ngày 30/9/2019", 0, "2019-09-30"),
		C_DATE("hạn chót 15-10-2019", 0, "2019-10-15"),
		C_DATE("ngày 29/02/2016", 0, "2016-02-29"),
		C_DATE("29-2-2020", 0, "2020-02-29"),
		C_DATE("trước ngày 15/5", 2019, "2019-05-15"),
		C_DATE("ngày 1 tháng 7", 2020, "2020-07-01"),
		C_DATE("ngày 01.07.2020", 0, "2020-07-01"),
		C_DATE("ngày 1/1/1900", 0, "1900-01-01"),
		C_DATE("ngày 31/12/2200", 0, "2200-12-31"),
		/* "by" a period: its last day */
		C_DATE("đến hết năm 2020", 2017, "2020-12-31"),
		C_DATE("đến hết năm 2020", 0, "2020-12-31"),
		C_DATE("từ nay đến năm 2020", 2017, "2020-12-31"),
		C_DATE("từ nay đến hết tháng 6/2019", 0, "2019-06-30"),
		C_DATE("chậm nhất quý III/2019", 0, "2019-09-30"),
		C_DATE("chậm nhất trong tháng 6/2019", 0, "2019-06-30"),
		C_DATE("đến cuối tháng 10/2019", 0, "2019-10-31"),
		C_DATE("hết quý I/2020", 0, "2020-03-31"),
		C_DATE("đến tháng 12/2019", 0, "2019-12-31"),
		C_DATE("cho đến hết năm 2025", 0, "2025-12-31"),
		/* "before" a period: the day before it starts; "trước cuối": its end */
		C_DATE("trước tháng 6/2018", 0, "2018-05-31"),
		C_DATE("trước Quý III/2018", 0, "2018-06-30"),
		C_DATE("trước năm 2020", 0, "2019-12-31"),
		C_DATE("trước quý I/2020", 0, "2019-12-31"),
		C_DATE("trước cuối tháng 6/2019", 0, "2019-06-30"),
		C_DATE("trước cuối tháng 2/2020", 0, "2020-02-29"),
		/* relative to the plan year */
		C_DATE("từ nay đến cuối năm", 2017, "2017-12-31"),
		C_DATE("từ nay đến cuối năm", 2020, "2020-12-31"),
		C_DATE("trước cuối năm", 2019, "2019-12-31"),
		C_DATE("trước ngày 31 tháng 03 năm sau", 2019, "2020-03-31"),
		C_DATE("trước ngày 31 tháng 3 năm nay", 2019, "2019-03-31"),
		C_DATE("trước ngày 31 tháng 12 năm tới", 2019, "2020-12-31"),
		C_DATE("đến hết năm sau", 2019, "2020-12-31"),
	};
	check_table(cases, KH_ARRAY_LEN(cases));
}

static void test_windows(void **state)
{
	static const struct dcase cases[] = {
		C_WIN("trong tháng 6-2018", 2018, "2018-06-01", "2018-06-30"),
		C_WIN("tháng 6-2018", 0, "2018-06-01", "2018-06-30"),
		C_WIN("trong tháng 06/2019", 0, "2019-06-01", "2019-06-30"),
		C_WIN("tháng 6 năm 2018", 0, "2018-06-01", "2018-06-30"),
		C_WIN("tháng 7, tháng 8/2012", 2012, "2012-07-01", "2012-08-31"),
		C_WIN("tháng 9, 10, 11/2012", 2012, "2012-09-01", "2012-11-30"),
		C_WIN("tháng 7 và tháng 8/2012", 0, "2012-07-01", "2012-08-31"),
		C_WIN("tháng 6-7/2019", 0, "2019-06-01", "2019-07-31"),
		C_WIN("tháng 2/2019", 0, "2019-02-01", "2019-02-28"),
		C_WIN("Quý II/2012", 2012, "2012-04-01", "2012-06-30"),
		C_WIN("Quý II năm 2019", 0, "2019-04-01", "2019-06-30"),
		C_WIN("quý 3/2020", 0, "2020-07-01", "2020-09-30"),
		C_WIN("Quý IV/2019", 0, "2019-10-01", "2019-12-31"),
		C_WIN("quý I-2020", 0, "2020-01-01", "2020-03-31"),
		C_WIN("trong quý I/2020", 0, "2020-01-01", "2020-03-31"),
		C_WIN("Q2/2019", 0, "2019-04-01", "2019-06-30"),
		C_WIN("Quý I, II/2013", 0, "2013-01-01", "2013-06-30"),
		C_WIN("Quý II và Quý IV/2019", 0, "2019-04-01", "2019-12-31"),
		C_WIN("quý III - IV/2019", 0, "2019-07-01", "2019-12-31"),
		C_WIN("trong năm 2019", 0, "2019-01-01", "2019-12-31"),
		C_WIN("năm 2019", 2017, "2019-01-01", "2019-12-31"),
		C_WIN("cả năm 2018", 0, "2018-01-01", "2018-12-31"),
		C_WIN("đầu tháng 7-2018", 0, "2018-07-01", "2018-07-10"),
		C_WIN("giữa tháng 7-2018", 0, "2018-07-11", "2018-07-20"),
		C_WIN("cuối tháng 6/2018", 0, "2018-06-21", "2018-06-30"),
		C_WIN("cuối tháng 2/2019", 0, "2019-02-21", "2019-02-28"),
		C_WIN("cuối tháng 2/2020", 0, "2020-02-21", "2020-02-29"),
		C_WIN("cuối tháng 12 năm 2019", 0, "2019-12-21", "2019-12-31"),
		C_WIN("đầu năm 2020", 0, "2020-01-01", "2020-03-31"),
		C_WIN("giữa năm 2020", 0, "2020-04-01", "2020-09-30"),
		C_WIN("cuối năm 2020", 0, "2020-10-01", "2020-12-31"),
		C_WIN("cuối quý II/2019", 0, "2019-06-01", "2019-06-30"),
		C_WIN("đầu quý 3/2019", 0, "2019-07-01", "2019-07-31"),
		C_WIN("6 tháng đầu năm 2018", 0, "2018-01-01", "2018-06-30"),
		C_WIN("6 tháng cuối năm 2019", 0, "2019-07-01", "2019-12-31"),
		C_WIN("sáu tháng đầu năm 2018", 0, "2018-01-01", "2018-06-30"),
		C_WIN("nửa đầu năm 2020", 0, "2020-01-01", "2020-06-30"),
		C_WIN("từ tháng 3 đến tháng 6/2019", 0, "2019-03-01", "2019-06-30"),
		C_WIN("từ tháng 10 đến tháng 3/2019", 0, "2018-10-01", "2019-03-31"),
		C_WIN("từ tháng 5/2019 đến tháng 8", 0, "2019-05-01", "2019-08-31"),
		C_WIN("từ tháng 11/2019 đến tháng 2", 0, "2019-11-01", "2020-02-29"),
		C_WIN("từ ngày 1/7 đến ngày 30/9/2018", 0, "2018-07-01", "2018-09-30"),
		C_WIN("từ ngày 15/6/2018 đến ngày 15/7/2018", 0, "2018-06-15", "2018-07-15"),
		C_WIN("từ năm 2016 đến năm 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("từ năm 2016 đến 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("từ 2016 đến 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("từ năm 2016-2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("từ quý II đến quý IV/2019", 0, "2019-04-01", "2019-12-31"),
		C_WIN("từ tháng 6/2019 đến hết tháng 9/2019", 0, "2019-06-01", "2019-09-30"),
		C_WIN("từ tháng 3 đến cuối tháng 5/2019", 0, "2019-03-01", "2019-05-31"),
		C_WIN("tháng 12/2018 - tháng 1/2019", 0, "2018-12-01", "2019-01-31"),
		C_WIN("Quý II/2019 và tháng 1/2020", 0, "2019-04-01", "2020-01-31"),
		C_WIN("trong các tháng 7, 8/2019", 0, "2019-07-01", "2019-08-31"),
		C_WIN("năm 2017-2018", 0, "2017-01-01", "2018-12-31"),
		C_WIN("năm 2016, 2017", 0, "2016-01-01", "2017-12-31"),
		C_WIN("giai đoạn 2016-2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("giai đoạn 2016 – 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("giai đoạn 2016 đến 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("nhiệm kỳ 2020 - 2025", 0, "2020-01-01", "2025-12-31"),
		C_WIN("trong nhiệm kỳ 2020-2025", 0, "2020-01-01", "2025-12-31"),
		C_WIN("2016 - 2020", 0, "2016-01-01", "2020-12-31"),
		C_WIN("2016—2020", 0, "2016-01-01", "2020-12-31"),
		/* relative to the plan year */
		C_WIN("6 tháng cuối năm", 2017, "2017-07-01", "2017-12-31"),
		C_WIN("6 tháng đầu năm", 2020, "2020-01-01", "2020-06-30"),
		C_WIN("6 tháng đầu năm sau", 2020, "2021-01-01", "2021-06-30"),
		C_WIN("trong năm", 2019, "2019-01-01", "2019-12-31"),
		C_WIN("trong năm nay", 2019, "2019-01-01", "2019-12-31"),
		C_WIN("năm sau", 2019, "2020-01-01", "2020-12-31"),
		C_WIN("trong năm tới", 2019, "2020-01-01", "2020-12-31"),
		C_WIN("năm trước", 2019, "2018-01-01", "2018-12-31"),
		C_WIN("tháng 6", 2019, "2019-06-01", "2019-06-30"),
		C_WIN("trong tháng 6 năm sau", 2019, "2020-06-01", "2020-06-30"),
		C_WIN("Quý II", 2021, "2021-04-01", "2021-06-30"),
		C_WIN("cuối năm", 2017, "2017-10-01", "2017-12-31"),
		C_WIN("đầu tháng 7", 2018, "2018-07-01", "2018-07-10"),
	};
	check_table(cases, KH_ARRAY_LEN(cases));
}

static void test_from(void **state)
{
	static const struct dcase cases[] = {
		C_FROM("từ tháng 5/2012", 2012, "2012-05-01"),
		C_FROM("từ năm 2012", 0, "2012-01-01"),
		C_FROM("bắt đầu từ ngày 1/7/2018", 0, "2018-07-01"),
		C_FROM("từ tháng 5/2012 trở đi", 0, "2012-05-01"),
		C_FROM("từ năm 2019 trở đi", 0, "2019-01-01"),
		C_FROM("kể từ quý III/2019", 0, "2019-07-01"),
		C_FROM("từ đầu tháng 7/2019", 0, "2019-07-01"),
		C_FROM("từ ngày 01-01-2020", 0, "2020-01-01"),
		C_FROM("từ 6 tháng cuối năm 2019", 0, "2019-07-01"),
		C_FROM("từ năm sau", 2019, "2020-01-01"),
		C_FROM("từ tháng 9", 2019, "2019-09-01"),
	};
	check_table(cases, KH_ARRAY_LEN(cases));
}

static void test_recurring(void **state)
{
	static const struct dcase cases[] = {
		C_REC("hằng năm", P_YEARLY),
		C_REC("hàng năm", P_YEARLY),
		C_REC("mỗi năm", P_YEARLY),
		C_REC("6 tháng và hằng năm", P_HALF),
		C_REC("6 tháng, hằng năm", P_HALF),
		C_REC("hằng quý", P_QUARTERLY),
		C_REC("hàng quý", P_QUARTERLY),
		C_REC("hằng tháng", P_MONTHLY),
		C_REC("mỗi tháng", P_MONTHLY),
		C_REC("hằng quý, hằng năm", P_QUARTERLY),
		C_REC("hằng tháng và hằng năm", P_MONTHLY),
		C_REC("thường xuyên", P_REGULAR),
		C_REC("định kỳ", P_REGULAR),
		C_REC("liên tục", P_REGULAR),
		C_REC("thường xuyên, liên tục", P_REGULAR),
		C_REC("hằng tuần", P_REGULAR),
		C_REC("hằng ngày", P_REGULAR),
		C_REC("định kỳ hằng năm", P_YEARLY),
		C_REC("định kỳ hằng quý", P_QUARTERLY),
		C_REC("định kỳ 6 tháng một lần", P_HALF),
		C_REC("định kỳ 3 tháng", P_QUARTERLY),
		C_REC("định kỳ 1 tháng/lần", P_MONTHLY),
		C_REC("thường xuyên, hằng năm", P_YEARLY),
		{.text = "định kỳ hoặc khi cần thiết",
		 .plan_year = 2019,
		 .kind = RECURRING,
		 .period = P_REGULAR,
		 .span = "định kỳ"},
		{.text = "thường xuyên từ năm 2016 đến 2020",
		 .kind = RECURRING,
		 .period = P_REGULAR,
		 .start = "2016-01-01",
		 .end = "2020-12-31"},
		{.text = "hằng năm, giai đoạn 2016-2020",
		 .kind = RECURRING,
		 .period = P_YEARLY,
		 .start = "2016-01-01",
		 .end = "2020-12-31"},
		{.text = "hằng quý trong năm 2019",
		 .kind = RECURRING,
		 .period = P_QUARTERLY,
		 .start = "2019-01-01",
		 .end = "2019-12-31"},
		{.text = "thường xuyên, từ năm 2019",
		 .kind = RECURRING,
		 .period = P_REGULAR,
		 .start = "2019-01-01"},
	};
	check_table(cases, KH_ARRAY_LEN(cases));
}

static void test_conditional(void **state)
{
	static const struct dcase cases[] = {
		C_COND("sau khi có văn bản/quy định/hướng dẫn của Trung ương", 0),
		C_COND("sau khi có văn bản của Trung ương", 0),
		C_COND("sau khi có quy định của Trung ương", 0),
		C_COND("sau khi có hướng dẫn của Trung ương", 0),
		C_COND("sau khi Trung ương ban hành quy định", 0),
		C_COND("sau khi Trung ương ban hành Nghị quyết số 12-NQ/TW", 0),
		C_COND("khi có chỉ đạo của cấp trên", 0),
		C_COND("khi có hướng dẫn", 0),
		C_COND("khi cần thiết", 0),
		C_COND("khi được bố trí công tác mới", 0),
		C_COND("ngay sau khi có quyết định của Tỉnh ủy", 0),
		C_COND("ngay khi nhận được văn bản", 0),
		C_COND("sau 30 ngày kể từ khi có hướng dẫn", 30),
		C_COND("sau 30 ngày kể từ ngày ban hành", 30),
		C_COND("trong vòng 15 ngày làm việc sau khi nhận được văn bản", 15),
		C_COND("trong thời hạn 10 ngày kể từ ngày nhận được quyết định", 10),
		C_COND("60 ngày sau khi Trung ương ban hành quy định", 60),
		{.text = "sau khi có văn bản, quy định của Trung ương",
		 .kind = CONDITIONAL,
		 .span = "sau khi có văn bản"},
	};
	check_table(cases, KH_ARRAY_LEN(cases));
}

/* Text that is no deadline, or a time that does not exist: NONE. */
static void test_invalid(void **state)
{
	static const struct dcase cases[] = {
		C_NONE("31-02-2018", 2018),
		C_NONE("trước ngày 31-02-2018", 2018),
		C_NONE("ngày 31 tháng 02 năm 2018", 2018),
		C_NONE("ngày 31/4/2019", 2019),
		C_NONE("29-2-2019", 2019),
		C_NONE("ngày 32/1/2018", 2018),
		C_NONE("ngày 0/1/2018", 2018),
		C_NONE("tháng 13/2018", 2018),
		C_NONE("tháng 0/2019", 2019),
		C_NONE("quý 5/2019", 2019),
		C_NONE("năm 1800", 2018),
		C_NONE("năm 1899", 2018),
		C_NONE("năm 2201", 2018),
		C_NONE("trước ngày 30-6-1800", 2018),
		C_NONE("ngày 9-6-18", 2018),
		C_NONE("tháng 6/18", 2018),
		C_NONE("từ năm 2020 đến năm 2016", 2018),
		C_NONE("năm 2020-2016", 2018),
		C_NONE("giai đoạn 2020-2016", 2018),
		C_NONE("từ ngày 30/9/2018 đến ngày 1/7/2018", 2018),
		C_NONE("", 2018),
		C_NONE("   ", 2018),
		C_NONE("garbage", 2018),
		C_NONE("ngày", 2018),
		C_NONE("tháng", 2018),
		C_NONE("Quý", 2018),
		C_NONE("trước", 2018),
		C_NONE("từ", 2018),
		C_NONE("12345", 2018),
		C_NONE("6/7", 2018),
		C_NONE("30 ngày", 2018),
		C_NONE("số 12/2019", 2018),
		C_NONE("quy định của Trung ương", 2018),
		C_NONE("Kế hoạch số 162-KH/TU, ngày 23/8/2019 của Ban Thường vụ Tỉnh ủy", 2019),
		C_NONE("Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ Chính trị", 2016),
		C_NONE("Nâng cao chất lượng sinh hoạt chi bộ", 2018),
		C_NONE("sau khi", 2018),
		/* relative words with no plan year, or one out of range */
		C_NONE("trong năm", 0),
		C_NONE("năm sau", 0),
		C_NONE("từ nay đến cuối năm", 0),
		C_NONE("6 tháng cuối năm", 0),
		C_NONE("trước ngày 31 tháng 03 năm sau", 0),
		C_NONE("tháng 6", 0),
		C_NONE("cuối năm", 0),
		C_NONE("trước ngày 15/5", 0),
		C_NONE("năm sau", 2200),
		C_NONE("trước ngày 31 tháng 03 năm sau", 2200),
		C_NONE("trong năm", 99999),
		C_NONE("trong năm", -5),
		C_NONE("trong năm", 1899),
	};
	check_table(cases, KH_ARRAY_LEN(cases));

	struct deadline d;
	size_t off = 7, len = 7;
	deadline_parse(NULL, 2019, &d);
	assert_int_equal(d.kind, DEADLINE_NONE);
	assert_false(deadline_find(NULL, 2019, &d, &off, &len));
	assert_int_equal(off, 0);
	assert_int_equal(len, 0);
	/* Bytes that are not UTF-8 separate words; they break nothing. */
	deadline_parse("trong\xFF\xFEtháng 6-2018\xC3", 2019, &d);
	assert_int_equal(d.kind, DEADLINE_WINDOW);
	deadline_parse("\xE1\xBB", 2019, &d);
	assert_int_equal(d.kind, DEADLINE_NONE);
}

/* A field holding nothing but a year or a month. */
static void test_bare(void **state)
{
	static const struct dcase cases[] = {
		{.text = "2019",
		 .kind = WINDOW,
		 .start = "2019-01-01",
		 .end = "2019-12-31",
		 .bare = true},
		{.text = "6/2018",
		 .kind = WINDOW,
		 .start = "2018-06-01",
		 .end = "2018-06-30",
		 .bare = true},
		{.text = "12-2019",
		 .kind = WINDOW,
		 .start = "2019-12-01",
		 .end = "2019-12-31",
		 .bare = true},
		{.text = "06.2020",
		 .kind = WINDOW,
		 .start = "2020-06-01",
		 .end = "2020-06-30",
		 .bare = true},
	};
	check_table(cases, KH_ARRAY_LEN(cases));
	struct deadline d;
	deadline_parse("13/2018", 2019, &d);
	assert_int_equal(d.kind, DEADLINE_NONE);
	deadline_parse("1800", 2019, &d);
	assert_int_equal(d.kind, DEADLINE_NONE);
	deadline_parse("2019 là năm", 2019, &d);
	assert_int_equal(d.kind, DEADLINE_NONE);
}

/* ---- deadline_find() on the sentences of the seeds ---- */

struct fcase {
	const char *text;
	int plan_year;
	const char *span; /* NULL: nothing found */
	int kind;
	const char *start, *end;
	int period, after_days;
};

#define F_NONE(t, py)                      \
	{                                  \
		.text = t, .plan_year = py \
	}
#define F(t, py, sp, k, s, e)                                                           \
	{                                                                               \
		.text = t, .plan_year = py, .span = sp, .kind = k, .start = s, .end = e \
	}
#define F_REC(t, py, sp, p)                                                            \
	{                                                                              \
		.text = t, .plan_year = py, .span = sp, .kind = RECURRING, .period = p \
	}
#define F_COND(t, sp, a)                                                                       \
	{                                                                                      \
		.text = t, .plan_year = 2019, .span = sp, .kind = CONDITIONAL, .after_days = a \
	}

static void check_find(const struct fcase *f)
{
	struct deadline got, want = {0};
	size_t off, len;
	bool ok = deadline_find(f->text, f->plan_year, &got, &off, &len);
	if (!f->span) {
		if (ok)
			print_error("found «%.*s» in «%s»\n", (int)len, f->text + off, f->text);
		assert_false(ok);
		return;
	}
	if (!ok)
		print_error("nothing found in «%s»\n", f->text);
	assert_true(ok);
	if (len != strlen(f->span) || memcmp(f->text + off, f->span, len) != 0) {
		print_error("in «%s»: span «%.*s», want «%s»\n", f->text, (int)len, f->text + off,
			    f->span);
		fail();
	}
	want.kind = (enum deadline_kind)f->kind;
	want.start = day(f->start);
	want.end = day(f->end);
	want.period = (enum deadline_period)f->period;
	want.after_days = f->after_days;
	assert_same(f->text, f->plan_year, &want, &got, "find in");
	/* The span alone parses the same, and so does the whole text. */
	char *s = xmemdup0(f->text + off, len);
	struct deadline again;
	deadline_parse(s, f->plan_year, &again);
	assert_same(s, f->plan_year, &want, &again, "span");
	deadline_parse(f->text, f->plan_year, &again);
	assert_same(f->text, f->plan_year, &want, &again, "parse of");
	free(s);
}

static void test_find_seeds(void **state)
{
	static const struct fcase cases[] = {
		/* seed 002: the mid-term review plan */
		F("- Các chi, đảng bộ cơ sở: Tổ chức hội nghị sơ kết hoàn thành trong tháng 6-2018. "
		  "(Có thể lồng ghép với hội nghị sinh hoạt cấp ủy hoặc sinh hoạt chi bộ). Tuy "
		  "nhiên, gửi Báo cáo chính trị và Phụ biểu về Đảng ủy Khối (qua Văn phòng Đảng ủy) "
		  "chậm nhất vào ngày 9-6-2018, để tổng hợp chung.",
		  2018, "trong tháng 6-2018", WINDOW, "2018-06-01", "2018-06-30"),
		F("Tuy nhiên, gửi Báo cáo chính trị và Phụ biểu về Đảng ủy Khối (qua Văn phòng Đảng "
		  "ủy) chậm nhất vào ngày 9-6-2018, để tổng hợp chung.",
		  2018, "chậm nhất vào ngày 9-6-2018", DATE, NULL, "2018-06-09"),
		F("+ Gửi báo cáo chính trị về Tỉnh ủy trước ngày 30-6-2018.", 2018,
		  "trước ngày 30-6-2018", DATE, NULL, "2018-06-30"),
		F("+ Sơ kết lồng ghép trong Hội nghị Ban Chấp hành Đảng bộ Khối lần thứ XVI (Đầu "
		  "tháng 7-2018)",
		  2018, "Đầu tháng 7-2018", WINDOW, "2018-07-01", "2018-07-10"),
		F("- Lập biểu tổng hợp thống kê kết quả các chỉ tiêu trong năm 2016, 2017 và 6 tháng "
		  "đầu năm 2018, ước thực hiện cả năm 2018 (So sánh kết quả thực hiện với các chỉ "
		  "tiêu nghị quyết đại hội và so với kết quả thực hiện của năm 2015) – Phụ lục",
		  2018, "trong năm 2016, 2017 và 6 tháng đầu năm 2018", WINDOW, "2016-01-01",
		  "2018-06-30"),
		F("2- Yêu cầu: Việc sơ kết giữa nhiệm kỳ là một nhiệm vụ quan trọng của các cấp ủy, "
		  "tổ chức Đảng trong năm 2018, đặt dưới sự lãnh đạo, chỉ đạo trực tiếp của cấp ủy "
		  "các cấp; việc đánh giá phải đảm bảo nghiêm túc, khách quan, trung thực, không "
		  "“bệnh thành tích”;  thực hiện hoàn thành đúng tiến độ, lộ trình. ",
		  2018, "trong năm 2018", WINDOW, "2018-01-01", "2018-12-31"),
		F("Căn cứ Kế hoạch số 316-KH/TU, ngày 4-5-2018 của Ban Thường vụ Tỉnh ủy về Sơ kết "
		  "giữa nhiệm kỳ thực hiện nghị quyết đại hội Đảng các cấp, nhiệm kỳ 2015 – 2020.",
		  2018, "nhiệm kỳ 2015 – 2020", WINDOW, "2015-01-01", "2020-12-31"),
		F_NONE("Chỉ thị số 03-CT/TU ngày 15-11-2015 của Ban Thường vụ Tỉnh ủy về tăng cường "
		       "giám sát việc thực hiện “Nói đi đôi với làm” đối với cấp ủy viên",
		       2018),
		F_NONE("Nghị quyết số 03-NQ/ĐUK ngày 12-4-2016 về “Nâng cao chất lượng học tập chỉ "
		       "thị, nghị quyết đáp ứng yêu cầu mới”",
		       2018),
		F("Kết luận số 44-KL/ĐUK ngày 01-11-2016 về “Tiếp tục đẩy mạnh ứng dụng khoa học "
		  "công nghệ giai đoạn 2016 – 2020”.",
		  2018, "giai đoạn 2016 – 2020", WINDOW, "2016-01-01", "2020-12-31"),
		F_NONE("2. Các chi, đảng bộ cơ sở trực thuộc Đảng ủy Khối căn cứ kế hoạch này lãnh "
		       "đạo triển khai thực hiện nghiêm túc nhiệm vụ sơ kết giữa nhiệm kỳ cấp mình "
		       "với tinh thần trách nhiệm cao, chỉ đạo xây dựng báo cáo đúng quy trình, đảm "
		       "bảo chất lượng, đúng thời gian. ",
		       2018),
		/* seed 000: the heads' action plans */
		F("1.2. Kế hoạch hành động của người đứng đầu được xác định trong cả nhiệm kỳ (đến "
		  "hết năm 2020) và từng năm (riêng năm 2017 được xác định từ nay đến cuối năm) bao "
		  "gồm 02 nội dung",
		  2017, "đến hết năm 2020", DATE, NULL, "2020-12-31"),
		F("riêng năm 2017 được xác định từ nay đến cuối năm", 2017, "năm 2017", WINDOW,
		  "2017-01-01", "2017-12-31"),
		F("được xác định từ nay đến cuối năm", 2017, "từ nay đến cuối năm", DATE, NULL,
		  "2017-12-31"),
		F("1.6. Kế hoạch hành động hàng năm của người đứng đầu được thực hiện ngay sau khi "
		  "kiểm điểm tự phê bình và phê bình cuối năm (hoàn thành trước ngày 31 tháng 03 năm "
		  "sau).",
		  2017, "trước ngày 31 tháng 03 năm sau", DATE, NULL, "2018-03-31"),
		F_REC("1.6. Kế hoạch hành động hàng năm của người đứng đầu được thực hiện ngay sau "
		      "khi kiểm điểm tự phê bình và phê bình cuối năm (hoàn thành trước ngày 31 tháng "
		      "03 năm sau).",
		      0, "hàng năm", P_YEARLY),
		F_REC("1.4. Hàng năm, trong bản kiểm điểm cuối năm, mỗi cá nhân tự đánh giá, kiểm "
		      "điểm việc thực hiện Kế hoạch hành động gắn với kiểm điểm thực hiện Nghị quyết "
		      "Trung ương 4 khóa XII; Chỉ thị số 05-CT/TW ngày 15 tháng 5 năm 2016 của Bộ "
		      "Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí "
		      "Minh",
		      2017, "Hàng năm", P_YEARLY),
		F("- Những việc thực hiện từ nay đến năm 2020 (bao gồm những công việc thường xuyên "
		  "mà cá nhân phải thực hiện)",
		  2017, "từ nay đến năm 2020", DATE, NULL, "2020-12-31"),
		F_REC("bao gồm những công việc thường xuyên mà cá nhân phải thực hiện", 2017,
		      "thường xuyên", P_REGULAR),
		F_REC("xem xét, giải quyết những đề xuất, kiến nghị của cá nhân nêu trong kế hoạch "
		      "hành động; định kỳ hoặc khi cần thiết có đề nghị, yêu cầu cá nhân quan tâm "
		      "thực hiện một số nội dung cụ thể.",
		      2017, "định kỳ", P_REGULAR),
		F_REC("3. Đối với các đơn vị đã xây dựng kế hoạch hành động, thì xem xét, bổ sung nội "
		      "dung, giải pháp thực hiện; hàng năm, sau đợt kiểm điểm cuối năm, xây dựng, bổ "
		      "sung nội dung, kế hoạch thực hiện cụ thể cho năm tiếp theo gắn với việc ban "
		      "hành các nghị quyết, chương trình, kế hoạch thực hiện trong năm.",
		      2017, "hàng năm", P_YEARLY),
		F_COND("Người đứng đầu thực hiện việc điều chỉnh, bổ sung kế hoạch khi được bố trí "
		       "công tác mới.",
		       "khi được bố trí công tác mới", 0),
		/* seed 001: the action programme guide */
		F("Ban Thường vụ Tỉnh ủy hướng dẫn việc xây dựng dự thảo chương trình hành động trình "
		  "đại hội đảng bộ cấp cơ sở và cấp trên cơ sở nhiệm kỳ 2020-2025, cụ thể như sau:",
		  2019, "nhiệm kỳ 2020-2025", WINDOW, "2020-01-01", "2025-12-31"),
		F_NONE("Thực hiện Chỉ thị số 35-CT/TW, ngày 30/5/2019 của Bộ Chính trị về đại hội "
		       "đảng bộ các cấp",
		       2019),
		F_NONE("Nếu có vướng mắc, cần kịp thời báo cáo Ban Thường vụ Tỉnh ủy (qua Văn phòng "
		       "Tỉnh ủy) để tổng hợp tham mưu, điều chỉnh cho phù hợp.",
		       2019),
		/* items as the importer meets them */
		F("Quán triệt Nghị quyết đến toàn thể đảng viên (Quý II/2012)", 2012, "Quý II/2012",
		  WINDOW, "2012-04-01", "2012-06-30"),
		F("Tổ chức học tập chuyên đề năm 2019; thời gian: tháng 7, tháng 8/2019.", 2019,
		  "tháng 7, tháng 8/2019", WINDOW, "2019-07-01", "2019-08-31"),
		F("Tổ chức học tập chuyên đề năm 2019 (quý III/2019)", 2019, "quý III/2019", WINDOW,
		  "2019-07-01", "2019-09-30"),
		F("Kiểm tra việc thực hiện, thời gian thực hiện: từ tháng 5/2012 trở đi.", 2012,
		  "từ tháng 5/2012 trở đi", FROM, "2012-05-01", NULL),
		F_COND("Xây dựng quy chế làm việc sau khi có hướng dẫn của Trung ương.",
		       "sau khi có hướng dẫn của Trung ương", 0),
		F_COND("Ban hành kế hoạch thực hiện, hoàn thành trong 30 ngày kể từ ngày nhận được "
		       "hướng dẫn.",
		       "trong 30 ngày kể từ ngày nhận được hướng dẫn", 30),
		F_REC("Báo cáo sơ kết 6 tháng và hằng năm gửi về Văn phòng", 2019,
		      "6 tháng và hằng năm", P_HALF),
		F_REC("Tổ chức đối thoại với đoàn viên, hội viên (*thường xuyên*)", 2019,
		      "thường xuyên", P_REGULAR),
		F("Tập huấn cán bộ, hằng năm, trước ngày 31/3", 2019, "trước ngày 31/3", DATE, NULL,
		  "2019-03-31"),
		F("Rà soát hồ sơ đảng viên trước tháng 6/2018, báo cáo Quý III/2018", 2018,
		  "trước tháng 6/2018", DATE, NULL, "2018-05-31"),
		F("Xây dựng đề án nhiệm kỳ 2020-2025, hoàn thành trước ngày 30/6/2020", 2020,
		  "trước ngày 30/6/2020", DATE, NULL, "2020-06-30"),
		F("Giao Văn phòng chủ trì, thực hiện trong năm.", 2019, "trong năm", WINDOW,
		  "2019-01-01", "2019-12-31"),
		F_NONE("Giao Văn phòng chủ trì, thực hiện trong năm.", 0),
		F("Sửa đổi quy chế; Quý I, II/2013", 2013, "Quý I, II/2013", WINDOW, "2013-01-01",
		  "2013-06-30"),
		F("Làm việc với các huyện ủy (quý 3/2020 và quý 4/2020)", 2020,
		  "quý 3/2020 và quý 4/2020", WINDOW, "2020-07-01", "2020-12-31"),
		F_NONE("Thực hiện theo 35-CT/TW", 2019),
		/* "cơ sở" is not "số" */
		F("Các đảng bộ cơ sở gửi báo cáo ngày 30/6/2018", 2018, "ngày 30/6/2018", DATE,
		  NULL, "2018-06-30"),
		F("Báo cáo gửi về Văn phòng / Ban Tổ chức ngày 5/7/2018", 2018, "ngày 5/7/2018",
		  DATE, NULL, "2018-07-05"),
		F_NONE("Quyết định số 12 ngày 5/7/2018 của Ban Thường vụ", 2018),
		{.text = "Rà soát văn bản (thường xuyên từ năm 2016 đến 2020)",
		 .plan_year = 2016,
		 .span = "thường xuyên từ năm 2016 đến 2020",
		 .kind = RECURRING,
		 .start = "2016-01-01",
		 .end = "2020-12-31",
		 .period = P_REGULAR},
		F("THỜI GIAN: ĐẾN HẾT NĂM 2020", 2017, "ĐẾN HẾT NĂM 2020", DATE, NULL,
		  "2020-12-31"),
		F("thoi gian thuc hien: tu thang 3 den thang 6/2019.", 2019,
		  "tu thang 3 den thang 6/2019", WINDOW, "2019-03-01", "2019-06-30"),
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(cases); i++)
		check_find(&cases[i]);
}

/* A long text: the word list leaves the stack and the result is the same. */
static void test_find_long(void **state)
{
	size_t cap = 64 * 1024, n = 0;
	char *text = xmalloc(cap);
	for (int i = 0; i < 400; i++)
		n += (size_t)snprintf(text + n, cap - n, "việc %d, ", i);
	size_t at = n;
	snprintf(text + n, cap - n, "%s", "hoàn thành trước ngày 30-6-2018.");
	struct deadline d;
	size_t off, len;
	assert_true(deadline_find(text, 2018, &d, &off, &len));
	assert_int_equal(d.kind, DEADLINE_DATE);
	assert_int_equal(d.end, day("2018-06-30"));
	assert_int_equal(off, at + strlen("hoàn thành "));
	assert_int_equal(len, strlen("trước ngày 30-6-2018"));
	free(text);
}

/* ---- states ---- */

static void test_state_date_window(void **state)
{
	struct deadline d = {.kind = DEADLINE_DATE, .end = day("2018-06-30")};
	int32_t e = d.end;
	assert_int_equal(deadline_due(&d, e - 100), e);
	assert_int_equal(deadline_state_on(&d, e - 100), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&d, e - 8), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&d, e - 7), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&d, e - 1), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&d, e), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&d, e + 1), DEADLINE_STATE_OVERDUE);
	assert_int_equal(deadline_state_on(&d, e + 400), DEADLINE_STATE_OVERDUE);

	struct deadline w = {
		.kind = DEADLINE_WINDOW, .start = day("2018-06-01"), .end = day("2018-06-30")};
	assert_int_equal(deadline_due(&w, w.start - 30), w.end);
	assert_int_equal(deadline_state_on(&w, w.start - 30), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&w, w.start), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&w, w.end - 8), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&w, w.end - 7), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&w, w.end), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&w, w.end + 1), DEADLINE_STATE_OVERDUE);

	/* From a parsed phrase. */
	deadline_parse("chậm nhất vào ngày 9-6-2018", 2018, &d);
	assert_int_equal(deadline_state_on(&d, day("2018-06-09")), DEADLINE_STATE_DUE_SOON);
	assert_int_equal(deadline_state_on(&d, day("2018-06-10")), DEADLINE_STATE_OVERDUE);
	assert_int_equal(deadline_state_on(&d, day("2018-06-01")), DEADLINE_STATE_NOT_DUE);
	assert_int_equal(deadline_state_on(&d, day("2018-06-02")), DEADLINE_STATE_DUE_SOON);
	deadline_parse("trong tháng 6-2018", 2018, &d);
	assert_int_equal(deadline_due(&d, day("2018-06-15")), day("2018-06-30"));
	assert_int_equal(deadline_state_on(&d, day("2018-07-01")), DEADLINE_STATE_OVERDUE);
}

static void test_state_without_due(void **state)
{
	int32_t t = day("2019-05-05");
	const struct deadline none[] = {
		{.kind = DEADLINE_NONE},
		{.kind = DEADLINE_FROM, .start = day("2012-05-01")},
		{.kind = DEADLINE_FROM, .start = day("2030-05-01")},
		{.kind = DEADLINE_CONDITIONAL},
		{.kind = DEADLINE_CONDITIONAL, .after_days = 30},
		{.kind = DEADLINE_RECURRING, .period = DEADLINE_PERIOD_REGULAR},
		{.kind = DEADLINE_RECURRING,
		 .period = DEADLINE_PERIOD_REGULAR,
		 .start = day("2016-01-01"),
		 .end = day("2020-12-31")},
		{.kind = DEADLINE_RECURRING, .period = DEADLINE_PERIOD_NONE},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(none); i++) {
		assert_int_equal(deadline_due(&none[i], t), 0);
		assert_int_equal(deadline_state_on(&none[i], t), DEADLINE_STATE_NA);
	}
}

static void test_state_recurring(void **state)
{
	static const struct {
		int period;
		const char *start, *end, *today, *due;
		int state;
	} cases[] = {
		{P_YEARLY, NULL, NULL, "2020-06-15", "2020-12-31", DEADLINE_STATE_NOT_DUE},
		{P_YEARLY, NULL, NULL, "2020-12-24", "2020-12-31", DEADLINE_STATE_DUE_SOON},
		{P_YEARLY, NULL, NULL, "2020-12-23", "2020-12-31", DEADLINE_STATE_NOT_DUE},
		{P_YEARLY, NULL, NULL, "2021-01-01", "2021-12-31", DEADLINE_STATE_NOT_DUE},
		{P_HALF, NULL, NULL, "2020-03-01", "2020-06-30", DEADLINE_STATE_NOT_DUE},
		{P_HALF, NULL, NULL, "2020-06-30", "2020-06-30", DEADLINE_STATE_DUE_SOON},
		{P_HALF, NULL, NULL, "2020-07-01", "2020-12-31", DEADLINE_STATE_NOT_DUE},
		{P_QUARTERLY, NULL, NULL, "2020-05-01", "2020-06-30", DEADLINE_STATE_NOT_DUE},
		{P_QUARTERLY, NULL, NULL, "2020-09-25", "2020-09-30", DEADLINE_STATE_DUE_SOON},
		{P_QUARTERLY, NULL, NULL, "2020-10-01", "2020-12-31", DEADLINE_STATE_NOT_DUE},
		{P_MONTHLY, NULL, NULL, "2020-02-10", "2020-02-29", DEADLINE_STATE_NOT_DUE},
		{P_MONTHLY, NULL, NULL, "2019-02-21", "2019-02-28", DEADLINE_STATE_DUE_SOON},
		{P_MONTHLY, NULL, NULL, "2019-12-31", "2019-12-31", DEADLINE_STATE_DUE_SOON},
		/* with a span: before it, the first occurrence; after it, its end */
		{P_YEARLY, "2016-01-01", "2020-12-31", "2015-05-01", "2016-12-31",
		 DEADLINE_STATE_NOT_DUE},
		{P_YEARLY, "2016-01-01", "2020-12-31", "2018-05-01", "2018-12-31",
		 DEADLINE_STATE_NOT_DUE},
		{P_YEARLY, "2016-01-01", "2020-12-31", "2021-03-01", "2020-12-31",
		 DEADLINE_STATE_OVERDUE},
		{P_MONTHLY, "2020-01-01", "2020-06-15", "2020-06-10", "2020-06-15",
		 DEADLINE_STATE_DUE_SOON},
		{P_QUARTERLY, "2020-01-01", NULL, "2025-11-11", "2025-12-31",
		 DEADLINE_STATE_NOT_DUE},
	};
	for (size_t i = 0; i < KH_ARRAY_LEN(cases); i++) {
		struct deadline d = {.kind = DEADLINE_RECURRING,
				     .period = (enum deadline_period)cases[i].period,
				     .start = day(cases[i].start),
				     .end = day(cases[i].end)};
		int32_t t = day(cases[i].today);
		char a[11];
		if (deadline_due(&d, t) != day(cases[i].due))
			print_error("case %zu: due %s\n", i, iso(deadline_due(&d, t), a));
		assert_int_equal(deadline_due(&d, t), day(cases[i].due));
		assert_int_equal(deadline_state_on(&d, t), cases[i].state);
	}
	/* Days far out of the calendar give no occurrence rather than garbage. */
	struct deadline y = {.kind = DEADLINE_RECURRING, .period = DEADLINE_PERIOD_YEARLY};
	assert_int_equal(deadline_due(&y, INT32_MAX), 0);
	assert_int_equal(deadline_due(&y, INT32_MIN), 0);
	assert_int_equal(deadline_state_on(&y, INT32_MAX), DEADLINE_STATE_NA);
	/* A parsed recurring phrase. */
	deadline_parse("6 tháng và hằng năm", 2020, &y);
	assert_int_equal(deadline_due(&y, day("2020-02-02")), day("2020-06-30"));
}

/* ---- names ---- */

static void test_names(void **state)
{
	static const char *const names[] = {"none", "date",	 "window",
					    "from", "recurring", "conditional"};
	static const char *const labels[] = {"Chưa xác định", "Hạn cụ thể", "Khoảng thời gian",
					     "Từ … trở đi",   "Định kỳ",    "Có điều kiện"};
	for (int k = DEADLINE_NONE; k <= DEADLINE_CONDITIONAL; k++) {
		enum deadline_kind back = DEADLINE_DATE;
		assert_string_equal(deadline_kind_name((enum deadline_kind)k), names[k]);
		assert_string_equal(deadline_kind_label((enum deadline_kind)k), labels[k]);
		assert_true(deadline_kind_parse(names[k], &back));
		assert_int_equal(back, k);
	}
	enum deadline_kind out = DEADLINE_WINDOW;
	assert_false(deadline_kind_parse("Date", &out));
	assert_false(deadline_kind_parse("", &out));
	assert_false(deadline_kind_parse("dates", &out));
	assert_false(deadline_kind_parse(NULL, &out));
	assert_int_equal(out, DEADLINE_WINDOW);
	assert_string_equal(deadline_kind_name((enum deadline_kind)99), "none");
	assert_string_equal(deadline_kind_label((enum deadline_kind) - 1), "Chưa xác định");

	static const char *const periods[] = {"none",	   "regular",	  "monthly",
					      "quarterly", "half_yearly", "yearly"};
	for (int p = DEADLINE_PERIOD_NONE; p <= DEADLINE_PERIOD_YEARLY; p++) {
		assert_string_equal(deadline_period_name((enum deadline_period)p), periods[p]);
		assert_non_null(deadline_period_label((enum deadline_period)p));
	}
	assert_string_equal(deadline_period_label(DEADLINE_PERIOD_YEARLY), "Hằng năm");
	assert_string_equal(deadline_period_name((enum deadline_period)42), "none");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_from),
		cmocka_unit_test(test_recurring),
		cmocka_unit_test(test_conditional),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_bare),
		cmocka_unit_test(test_find_seeds),
		cmocka_unit_test(test_find_long),
		cmocka_unit_test(test_state_date_window),
		cmocka_unit_test(test_state_without_due),
		cmocka_unit_test(test_state_recurring),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
