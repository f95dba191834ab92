/* SPDX-License-Identifier: AGPL-3.0-or-later */
/*
 * Fuzz target for document numbers (text/docnum.h). The input, up to its
 * first NUL, goes to docnum_parse() and docnum_kind_canonical(). A refusal
 * must be KH_EINVAL on field "number" with a valid UTF-8 message; a parse
 * must give a number, year and style in range and a kind and issuer that
 * are valid UTF-8 inside their arrays; the canonical rendering must fit
 * DOCNUM_TEXT_MAX, re-parse to the same value (also behind "Số:" and with a
 * trailing full stop), and truncate cleanly into smaller buffers. A
 * canonical kind must be its own canonical form.
 */
#include "core/common.h"
#include "text/docnum.h"

#include "fuzz.h"

static bool same_docnum(const struct docnum *a, const struct docnum *b)
{
	return a->number == b->number && a->year == b->year && a->style == b->style &&
	       strcmp(a->kind, b->kind) == 0 && strcmp(a->issuer_symbol, b->issuer_symbol) == 0;
}

static void dump_docnum(const char *label, const struct docnum *d)
{
	fprintf(stderr, "  %s: number %lld, year %d, style %d\n", label, (long long)d->number,
		d->year, (int)d->style);
	fuzz_dump("kind", d->kind, strnlen(d->kind, sizeof(d->kind)));
	fuzz_dump("issuer", d->issuer_symbol, strnlen(d->issuer_symbol, sizeof(d->issuer_symbol)));
}

static void check_field(const char *what, const char *f, size_t cap)
{
	size_t n = strnlen(f, cap);
	if (n == cap)
		fuzz_fail("%s is not NUL-terminated inside its array", what);
	if (n == 0 || !ref_valid(f, n)) {
		fuzz_dump(what, f, n);
		fuzz_fail("%s is empty or not valid UTF-8", what);
	}
}

/* Parses text, which must succeed and give d. */
static void reparse(const char *input, const char *text, const struct docnum *d)
{
	struct docnum back;
	struct kh_error err = {0};
	if (docnum_parse(text, &back, &err) != 0 || !same_docnum(d, &back)) {
		fuzz_dump("input", input, strlen(input));
		dump_docnum("parsed", d);
		fuzz_dump("re-parsed text", text, strlen(text));
		if (err.message[0])
			fprintf(stderr, "  error: %s\n", err.message);
		else
			dump_docnum("re-parsed", &back);
		fuzz_fail("docnum does not round-trip through docnum_format()");
	}
}

static void check_parsed(const char *s, const struct docnum *d)
{
	if (d->number < 1 || d->number > DOCNUM_NUMBER_MAX ||
	    (d->style != DOCNUM_PARTY && d->style != DOCNUM_STATE) ||
	    (d->year && (d->style != DOCNUM_STATE || d->year < 1900 || d->year > 2200))) {
		dump_docnum("parsed", d);
		fuzz_fail("docnum_parse() gave a value out of range");
	}
	check_field("kind", d->kind, sizeof(d->kind));
	check_field("issuer_symbol", d->issuer_symbol, sizeof(d->issuer_symbol));
	char kind[DOCNUM_KIND_MAX];
	if (!docnum_kind_canonical(d->kind, kind) || strcmp(kind, d->kind) != 0) {
		dump_docnum("parsed", d);
		fuzz_fail("the parsed kind is not canonical");
	}

	char text[DOCNUM_TEXT_MAX];
	size_t len = docnum_format(d, text, sizeof(text));
	if (len != strlen(text) || len + 1 >= sizeof(text)) {
		dump_docnum("parsed", d);
		fuzz_fail("docnum_format() returned %zu for \"%s\": does not fit DOCNUM_TEXT_MAX",
			  len, text);
	}
	fuzz_check(ref_valid(text, len), "docnum_format() output is not valid UTF-8");
	reparse(s, text, d);

	char *decorated = xmalloc(len + 16);
	snprintf(decorated, len + 16, "Số: %s.", text);
	reparse(s, decorated, d);
	snprintf(decorated, len + 16, "  số %s ", text);
	reparse(s, decorated, d);
	free(decorated);

	for (size_t n = 1; n <= len + 1; n++) {
		char small[DOCNUM_TEXT_MAX];
		memset(small, 0x5A, sizeof(small));
		size_t k = docnum_format(d, small, n);
		if (k != (len < n ? len : n - 1) || small[k] != '\0' ||
		    memcmp(small, text, k) != 0 || (n < sizeof(small) && small[n] != 0x5A))
			fuzz_fail("docnum_format() into %zu bytes returned %zu or overran", n, k);
	}
	fuzz_check(docnum_format(d, text, 0) == 0, "docnum_format() into 0 bytes wrote");
}

static void check_kind(const char *s)
{
	char kind[DOCNUM_KIND_MAX], again[DOCNUM_KIND_MAX];
	if (!docnum_kind_canonical(s, kind))
		return;
	check_field("canonical kind", kind, sizeof(kind));
	if (!docnum_kind_canonical(kind, again) || strcmp(kind, again) != 0) {
		fuzz_dump("input", s, strlen(s));
		fuzz_dump("canonical", kind, strlen(kind));
		fuzz_fail("docnum_kind_canonical() is not idempotent");
	}
	const char *label = docnum_kind_label(kind);
	if (label) {
		bool known = false;
		for (int i = 0; docnum_known_kind(i); i++)
			known = known || strcmp(docnum_known_kind(i), kind) == 0;
		fuzz_check(known, "docnum_kind_label() knows a kind docnum_known_kind() lacks");
		fuzz_check(ref_valid(label, strlen(label)), "a kind label is not valid UTF-8");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xmemdup0(data, size);
	struct docnum d;
	struct kh_error err = {0};
	int rc = docnum_parse(s, &d, &err);
	if (rc) {
		if (rc != KH_EINVAL || err.code != KH_EINVAL || strcmp(err.field, "number") != 0 ||
		    !err.message[0] || !ref_valid(err.message, strlen(err.message)))
			fuzz_fail(
				"docnum_parse() refused with %d, field \"%s\", an empty or invalid "
				"message",
				rc, err.field);
	} else {
		check_parsed(s, &d);
	}
	check_kind(s);
	free(s);
	return 0;
}
