/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for deadline phrases (text/deadline.h). The input, up to its
 * first NUL, goes to deadline_parse() and deadline_find() with plan year 0
 * and 2020. Every result must be well-formed for its kind: kind and period
 * in range; days 0 or in years 1900..2200; a DATE has only an end, a
 * WINDOW both with start <= end, a FROM only a start, a RECURRING a period
 * and start <= end when both are set, a CONDITIONAL no days, NONE nothing.
 * deadline_find()'s span must lie inside the text, start and end on
 * character boundaries (of valid UTF-8), and deadline_parse() of the span alone must give
 * the same deadline; when find finds nothing, parse gives NONE or a bare
 * WINDOW. deadline_due() and deadline_state_on() must agree on a few days
 * around the result.
 */
#include "core/common.h"
#include "core/date.h"
#include "text/deadline.h"

#include "fuzz.h"

static int32_t day_min, day_max;

static void dump_deadline(const char *label, const struct deadline *d)
{
	fprintf(stderr, "  %s: kind %d (%s), start %d, end %d, period %d, after %d\n", label,
		(int)d->kind, deadline_kind_name(d->kind), d->start, d->end, (int)d->period,
		d->after_days);
}

static bool same(const struct deadline *a, const struct deadline *b)
{
	return a->kind == b->kind && a->start == b->start && a->end == b->end &&
	       a->period == b->period && a->after_days == b->after_days;
}

static bool day_ok(int32_t d)
{
	return d == 0 || (d >= day_min && d <= day_max);
}

static void check_shape(const char *s, int py, const struct deadline *d)
{
	bool ok = (int)d->kind >= DEADLINE_NONE && d->kind <= DEADLINE_CONDITIONAL &&
		  (int)d->period >= DEADLINE_PERIOD_NONE && d->period <= DEADLINE_PERIOD_YEARLY &&
		  day_ok(d->start) && day_ok(d->end) && d->after_days >= 0;
	if (ok && d->start && d->end && d->start > d->end)
		ok = false;
	if (ok && d->kind != DEADLINE_RECURRING && d->period != DEADLINE_PERIOD_NONE)
		ok = false;
	if (ok && d->kind != DEADLINE_CONDITIONAL && d->after_days)
		ok = false;
	if (ok) {
		switch (d->kind) {
		case DEADLINE_NONE:
		case DEADLINE_CONDITIONAL:
			ok = !d->start && !d->end;
			break;
		case DEADLINE_DATE:
			ok = !d->start && d->end;
			break;
		case DEADLINE_WINDOW:
			ok = d->start && d->end;
			break;
		case DEADLINE_FROM:
			ok = d->start && !d->end;
			break;
		case DEADLINE_RECURRING:
			ok = d->period != DEADLINE_PERIOD_NONE;
			break;
		}
	}
	if (!ok) {
		fuzz_dump("input", s, strlen(s));
		fprintf(stderr, "  plan year %d\n", py);
		dump_deadline("parsed", d);
		fuzz_fail("a deadline out of shape for its kind");
	}
	fuzz_check(ref_valid(deadline_kind_name(d->kind), strlen(deadline_kind_name(d->kind))),
		   "kind name");
	enum deadline_kind back;
	fuzz_check(deadline_kind_parse(deadline_kind_name(d->kind), &back) && back == d->kind,
		   "deadline_kind_parse() does not round-trip the kind name");

	/* States agree with the due day around it. */
	int32_t base = d->end ? d->end : d->start ? d->start : date_from_ymd(2020, 6, 15);
	for (int32_t t = base - 9; t <= base + 9; t += 3) {
		int32_t due = deadline_due(d, t);
		enum deadline_state st = deadline_state_on(d, t);
		enum deadline_state want = !due		  ? DEADLINE_STATE_NA
					   : t > due	  ? DEADLINE_STATE_OVERDUE
					   : due - t <= 7 ? DEADLINE_STATE_DUE_SOON
							  : DEADLINE_STATE_NOT_DUE;
		if (st != want || (due && !day_ok(due))) {
			dump_deadline("parsed", d);
			fuzz_fail("deadline_state_on(%d) = %d, due %d", t, (int)st, due);
		}
	}
}

static void check_year(const char *s, size_t n, int py)
{
	struct deadline parsed, found, again;
	size_t off = 99, len = 99;
	deadline_parse(s, py, &parsed);
	check_shape(s, py, &parsed);
	bool ok = deadline_find(s, py, &found, &off, &len);
	check_shape(s, py, &found);
	if (!ok) {
		if (off || len || found.kind != DEADLINE_NONE)
			fuzz_fail("deadline_find() found nothing but set a span or a kind");
		if (parsed.kind != DEADLINE_NONE && parsed.kind != DEADLINE_WINDOW) {
			fuzz_dump("input", s, n);
			dump_deadline("parsed", &parsed);
			fuzz_fail("deadline_parse() understood more than deadline_find()");
		}
		return;
	}
	if (found.kind == DEADLINE_NONE || len == 0 || off > n || len > n - off)
		fuzz_fail("deadline_find() span [%zu, +%zu) outside %zu bytes or kind none", off,
			  len, n);
	const unsigned char *u = (const unsigned char *)s;
	/* (Bytes that are not UTF-8 separate words, so the check needs valid text.) */
	if (ref_valid(s, n) &&
	    ((u[off] & 0xC0) == 0x80 || (off + len < n && (u[off + len] & 0xC0) == 0x80))) {
		fuzz_dump("input", s, n);
		fuzz_fail("deadline_find() span [%zu, +%zu) cuts a character", off, len);
	}
	if (!same(&parsed, &found)) {
		fuzz_dump("input", s, n);
		dump_deadline("parsed", &parsed);
		dump_deadline("found", &found);
		fuzz_fail("deadline_parse() and deadline_find() disagree");
	}
	char *span = xmemdup0(s + off, len);
	deadline_parse(span, py, &again);
	if (!same(&found, &again)) {
		fuzz_dump("input", s, n);
		fuzz_dump("span", span, len);
		fprintf(stderr, "  plan year %d\n", py);
		dump_deadline("found", &found);
		dump_deadline("span parsed", &again);
		free(span);
		fuzz_fail("the span deadline_find() gives does not parse to what it found");
	}
	size_t off2, len2;
	if (!deadline_find(span, py, &again, &off2, &len2) || off2 != 0 || len2 != len) {
		fuzz_dump("input", s, n);
		fuzz_dump("span", span, len);
		free(span);
		fuzz_fail("deadline_find() on its own span finds another span");
	}
	free(span);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!day_min) {
		day_min = date_from_ymd(1900, 1, 1);
		day_max = date_from_ymd(2200, 12, 31);
	}
	char *s = xmemdup0(data, size);
	size_t n = strlen(s);
	check_year(s, n, 0);
	check_year(s, n, 2020);
	check_year(s, n, 2200); /* "năm sau" must not leave the range */
	free(s);
	return 0;
}
