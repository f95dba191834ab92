/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Deadlines as plans write them (DESIGN.md "Deadlines"): "chậm nhất vào ngày
 * 9-6-2018", "trong tháng 6-2018", "Quý II/2012", "từ tháng 5/2012",
 * "hằng năm", "sau khi có hướng dẫn của Trung ương"… understood into a kind
 * and a span of day numbers (core/date.h), so that the system can keep the
 * words as written and still answer "is it due, overdue, done on time".
 *
 * The parser folds the text word by word (case, diacritics, NFC or NFD, đ)
 * and reads it with small grammars — a date, a month list with its year, a
 * quarter list, a year or year range, halves and thirds (đầu/giữa/cuối),
 * the prefixes trước / chậm nhất / đến / hết / trong / vào / từ … đến / từ …
 * trở đi, period words, and event clauses — so it follows the general shape
 * of Vietnamese plans rather than a list of phrases. Semantics of the
 * phrases that could be read more than one way:
 *
 *  - a day alone, "trong ngày D", "chậm nhất (vào) ngày D", "trước ngày D",
 *    "đến (hết) ngày D": DATE with end D (documents mean "by D");
 *  - "trước" a longer period (tháng, quý, năm): DATE ending the day before
 *    the period starts ("trước tháng 6/2018" → 31-5-2018), except "trước
 *    cuối …", which ends with the period;
 *  - "đến / tới / hết / đến hết / chậm nhất" a period: DATE ending with the
 *    period ("đến hết năm 2020" → 31-12-2020); "cuối" after these words means
 *    the period's last day ("từ nay đến cuối năm" → 31-12 of the plan year);
 *  - "từ nay đến X": DATE ending with X ("now" is not a day we know);
 *  - đầu / giữa / cuối tháng: days 1–10, 11–20, 21–last; đầu / giữa / cuối
 *    năm: the first quarter, April–September, the fourth quarter; đầu /
 *    giữa / cuối quý: its first, second, third month;
 *  - "6 tháng đầu / cuối năm", "nửa đầu / cuối năm": January–June,
 *    July–December;
 *  - lists and unions ("tháng 7, tháng 8/2012", "Quý I, II/2013", "Quý II
 *    và Quý IV/2019", "năm 2017-2018"): one WINDOW from the first day of the
 *    earliest to the last day of the latest, gaps included;
 *  - "từ X đến Y", "X - Y": WINDOW; a start without a year takes the end's
 *    year (the year before when it would come after the end);
 *  - "từ X (trở đi)": FROM with start X (a range after "từ", "từ năm
 *    2016-2020", is a WINDOW);
 *  - relative years: "năm nay" = plan year, "năm sau / năm tới" = plan year
 *    + 1, "năm trước" = plan year − 1; a month, quarter or day without a year
 *    and "trong năm", "cả năm", "đầu/cuối năm" without one take the plan
 *    year; with plan year 0 these are not understood (NONE);
 *  - recurring: the most frequent period named wins ("6 tháng và hằng năm" →
 *    HALF_YEARLY, "hằng quý, hằng năm" → QUARTERLY); "thường xuyên", "liên
 *    tục", "định kỳ", "hằng tuần", "hằng ngày" are REGULAR; "định kỳ N
 *    tháng" takes N = 1, 3, 6, 12; a recurring duty keeps a span that follows
 *    it ("thường xuyên từ năm 2016 đến 2020") and otherwise has none — a bare
 *    "hằng năm" is not tied to the plan year;
 *  - conditional: an event clause opened by "sau khi", "ngay sau khi",
 *    "ngay khi", "khi có / khi cần (thiết) / khi được / khi nhận", or "sau /
 *    trong (vòng / thời hạn) N ngày kể từ / sau khi …" (after_days = N); the
 *    clause runs to the next , ; . ( ) : * _ ! ? or the end;
 *  - years are four digits, 1900–2200; a day that does not exist (31-02),
 *    a month 13, a two-digit year, a range that runs backwards make the
 *    phrase NONE rather than a guess;
 *  - when a text holds several phrases the most telling one is taken: one
 *    with numbers and a prefix (trước, chậm nhất, trong, từ, đến, hết,
 *    vào) or set apart after ':' or '(' ("Thời gian: tháng 7/2019", "(Quý
 *    II/2012)"), then one with numbers, then a recurring duty, then a
 *    relative one ("cuối năm"), then a condition; the earliest among
 *    equals. No phrase starts inside a document number ("CT/TU"). A bare
 *    date that is a document's date ("Chỉ thị số 05-CT/TW ngày 15-5-2016
 *    của …") is not a deadline.
 *
 * Pure: no I/O. The parser keeps its token list (words, numbers, marks) on
 * the stack for up to 256 tokens and allocates (and frees) it beyond that.
 */
#ifndef KH_TEXT_DEADLINE_H
#define KH_TEXT_DEADLINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum deadline_kind {
	DEADLINE_NONE = 0,
	DEADLINE_DATE,
	DEADLINE_WINDOW,
	DEADLINE_FROM,
	DEADLINE_RECURRING,
	DEADLINE_CONDITIONAL
};

enum deadline_period {
	DEADLINE_PERIOD_NONE = 0,
	DEADLINE_PERIOD_REGULAR, /* thường xuyên, định kỳ */
	DEADLINE_PERIOD_MONTHLY,
	DEADLINE_PERIOD_QUARTERLY,
	DEADLINE_PERIOD_HALF_YEARLY, /* 6 tháng (và hằng năm) */
	DEADLINE_PERIOD_YEARLY
};

struct deadline {
	enum deadline_kind kind;
	int32_t start;		     /* day number (core/date.h), first day; 0 = none */
	int32_t end;		     /* day number, last day INCLUSIVE; 0 = none */
	enum deadline_period period; /* recurring only */
	int after_days; /* conditional: days after the event when stated ("sau 30 ngày kể từ khi
			   có hướng dẫn"), else 0 */
};

/* Understands one deadline phrase as written in a plan (the whole text is
 * the phrase, possibly with surrounding words like "Thời gian thực hiện:",
 * parentheses, italics markers '*' or '_', a final full stop). plan_year
 * resolves relative words ("năm sau" = plan_year+1, "từ nay đến cuối năm" =
 * DATE 31-12-plan_year, "trong năm" → plan_year); 0 (or a year outside
 * 1900..2200) = unknown. Never fails: text it cannot understand, NULL or
 * empty gives kind DEADLINE_NONE with every other field 0. Besides what
 * deadline_find() finds, a text that is nothing but a bare year ("2019") or
 * month and year ("6/2018") is understood as that year or month. */
void deadline_parse(const char *text, int plan_year, struct deadline *out);

/* Finds a deadline phrase inside a longer text (an item's sentence, or the
 * next line in parentheses) — for the importer: returns true and the byte
 * span [*off, *off+*len) of the phrase when one is found, filling out as
 * deadline_parse() of that span would. Returns false with out NONE and
 * *off = *len = 0 otherwise. */
bool deadline_find(const char *text, int plan_year, struct deadline *out, size_t *off, size_t *len);

/* "none", "date", "window", "from", "recurring", "conditional" — the API's
 * names; "none" for a value out of range. */
const char *deadline_kind_name(enum deadline_kind k);
/* The kind named s (exactly one of the names above); false when unknown. */
bool deadline_kind_parse(const char *s, enum deadline_kind *out);
/* Vietnamese label ("Hạn cụ thể", "Khoảng thời gian", "Từ … trở đi",
 * "Định kỳ", "Có điều kiện", "Chưa xác định"). */
const char *deadline_kind_label(enum deadline_kind k);
/* "none", "regular", "monthly", "quarterly", "half_yearly", "yearly". */
const char *deadline_period_name(enum deadline_period p);
/* Vietnamese label ("Thường xuyên", "Hằng tháng", "Hằng quý", "6 tháng",
 * "Hằng năm"; "" for none). */
const char *deadline_period_label(enum deadline_period p);

/* The state of an item with this deadline on day `today` when not done. */
enum deadline_state {
	DEADLINE_STATE_NA = 0, /* no due date: none, from (open start), recurring without a
				  period instance, conditional (the event is not recorded here) */
	DEADLINE_STATE_NOT_DUE,
	DEADLINE_STATE_DUE_SOON, /* today <= due <= today + 7 */
	DEADLINE_STATE_OVERDUE	 /* today > due */
};
#define DEADLINE_SOON_DAYS 7

/* The state of a not-done item on `today` from deadline_due(). */
enum deadline_state deadline_state_on(const struct deadline *d, int32_t today);

/* The effective due day (last day) on `today`: end for date and window; for
 * recurring with a monthly, quarterly, half-yearly or yearly period, the end
 * of the occurrence (month, quarter, half, year) holding today — or holding
 * start when today is before it — clipped to end when the duty has one (so
 * after its end the due day stays its end); 0 otherwise. */
int32_t deadline_due(const struct deadline *d, int32_t today);

#endif
